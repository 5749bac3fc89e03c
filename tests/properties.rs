//! Property tests (proptest): the value parsers read what they should for
//! every generated value, never panic on arbitrary text, and disclosure
//! control keeps its promises (rounding idempotent and monotone, no published
//! count below the threshold, rates passed through from unrounded counts).

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;

use mentor_evidence::config::{DateOrder, Disclosure, DisclosureRule};
use mentor_evidence::disclosure::{HESA_MIN_DENOMINATOR, Precision, publish, round_hesa, threshold_count};
use mentor_evidence::ingest::Cell;
use mentor_evidence::ingest::values::{
    Parsed, cell_text, clean_text, parse_date, parse_date_text, parse_datetime, parse_duration,
    parse_duration_text, parse_flag, parse_flag_or_date, parse_number, serial_to_date,
};
use mentor_evidence::metrics::model::{Count, Metrics, Stage, UptakeRecord};

/// A date between 1900-03-01 (after Excel's fictional leap day) and 2199.
fn date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(1900, 3, 1).expect("valid date");
    (0i64..109_500).prop_map(move |days| first + Duration::days(days))
}

/// Text with ASCII letters upper- or lower-cased at random.
fn any_case(text: &'static str) -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<bool>(), text.len()).prop_map(move |upper| {
        text.chars()
            .zip(upper)
            .map(|(c, up)| if up { c.to_ascii_uppercase() } else { c })
            .collect()
    })
}

/// Leading and trailing blanks, as hand-edited cells have.
fn padding() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["", " ", "  ", "\t", " \t "]).prop_map(str::to_string)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn iso_dates_read_back_with_or_without_a_time(d in date(), pad in padding(), hour in 0u32..24) {
        let iso = d.format("%Y-%m-%d").to_string();
        prop_assert_eq!(parse_date(&Cell::Text(format!("{pad}{iso}{pad}")), DateOrder::Dmy, false), Parsed::Value(d));
        prop_assert_eq!(parse_date_text(&format!("{iso}T{hour:02}:30"), DateOrder::Mdy), Parsed::Value(d));
        prop_assert_eq!(parse_date_text(&format!("{iso} {hour:02}:30:00"), DateOrder::Dmy), Parsed::Value(d));
    }

    #[test]
    fn slashed_dates_follow_the_configured_order(d in date()) {
        let day_first = d.format("%d/%m/%Y").to_string();
        let month_first = d.format("%m/%d/%Y").to_string();
        prop_assert_eq!(parse_date_text(&day_first, DateOrder::Dmy), Parsed::Value(d));
        prop_assert_eq!(parse_date_text(&month_first, DateOrder::Mdy), Parsed::Value(d));
    }

    #[test]
    fn excel_serials_read_back_in_both_date_systems(d in date(), time in 0.0f64..0.999) {
        let serial_1900 = (d - NaiveDate::from_ymd_opt(1899, 12, 30).expect("valid date")).num_days() as f64;
        prop_assert_eq!(serial_to_date(serial_1900 + time, false), Some(d));
        prop_assert_eq!(parse_date(&Cell::Number(serial_1900), DateOrder::Dmy, false), Parsed::Value(d));
        let serial_1904 = (d - NaiveDate::from_ymd_opt(1904, 1, 1).expect("valid date")).num_days() as f64;
        if serial_1904 >= 0.0 {
            prop_assert_eq!(serial_to_date(serial_1904 + time, true), Some(d));
        }
        // A date serial in a flag column means "yes"; small numbers other than 0 and 1 are not flags.
        let flag = parse_flag(&Cell::Number(serial_1900), DateOrder::Dmy, false);
        if serial_1900 >= 10_000.0 {
            prop_assert_eq!(flag, Parsed::Value(true));
        } else {
            prop_assert!(matches!(flag, Parsed::Invalid(_)), "{serial_1900}: {flag:?}");
        }
    }

    #[test]
    fn flag_tokens_read_in_any_case_with_padding(
        yes in prop::sample::select(vec!["y", "yes", "true", "t", "1", "x"]).prop_flat_map(any_case),
        no in prop::sample::select(vec!["n", "no", "false", "f", "0"]).prop_flat_map(any_case),
        pad in padding(),
    ) {
        prop_assert_eq!(parse_flag(&Cell::Text(format!("{pad}{yes}{pad}")), DateOrder::Dmy, false), Parsed::Value(true));
        prop_assert_eq!(parse_flag(&Cell::Text(format!("{pad}{no}{pad}")), DateOrder::Dmy, false), Parsed::Value(false));
        prop_assert_eq!(parse_flag_or_date(&Cell::Text(no), DateOrder::Dmy, false), Parsed::Value((false, None)));
    }

    #[test]
    fn missing_tokens_are_missing_for_every_type(
        token in prop::sample::select(vec!["", "N/A", "NA", "n/a", "-", "null", "NULL", "Null"]),
        pad in padding(),
    ) {
        let text = format!("{pad}{token}{pad}");
        prop_assert_eq!(clean_text(&text), None);
        let cell = Cell::Text(text);
        prop_assert_eq!(parse_flag(&cell, DateOrder::Dmy, false), Parsed::Missing);
        prop_assert_eq!(parse_number(&cell), Parsed::Missing);
        prop_assert_eq!(parse_date(&cell, DateOrder::Dmy, false), Parsed::Missing);
        prop_assert_eq!(parse_duration(&cell), Parsed::Missing);
        prop_assert_eq!(cell_text(&cell), None);
    }

    #[test]
    fn numbers_read_back_from_their_text(v in -1e12f64..1e12, percent in any::<bool>()) {
        let text = if percent { format!("{v}%") } else { format!("{v}") };
        prop_assert_eq!(parse_number(&Cell::Text(text)), Parsed::Value(v));
    }

    #[test]
    fn integral_numbers_are_ids_without_a_decimal_point(n in 0u64..1_000_000_000_000_000) {
        prop_assert_eq!(cell_text(&Cell::Number(n as f64)), Some((n as f64 as u64).to_string()));
        // Leading zeros in text ids are kept.
        let padded = format!("00{n}");
        prop_assert_eq!(cell_text(&Cell::Text(padded.clone())), Some(padded));
    }

    #[test]
    fn durations_read_in_every_written_form(hours in 0u32..12, minutes in 0u32..60) {
        let total = f64::from(hours * 60 + minutes);
        prop_assert_eq!(parse_duration_text(&format!("{hours}h {minutes}m")), Some(total));
        prop_assert_eq!(parse_duration_text(&format!("{hours}:{minutes:02}")), Some(total));
        prop_assert_eq!(parse_duration_text(&format!("{hours} hours {minutes} mins")), Some(total));
        prop_assert_eq!(parse_duration_text(&format!("{total}")), Some(total));
        prop_assert_eq!(parse_duration_text(&format!("{total} min")), Some(total));
    }

    #[test]
    fn completion_times_read_back_in_iso_and_day_first_forms(
        d in date(),
        hour in 0u32..24,
        minute in 0u32..60,
        second in prop::option::of(0u32..60),
        iso in any::<bool>(),
        separator in prop::sample::select(vec![" ", "T"]),
    ) {
        let date = if iso { d.format("%Y-%m-%d").to_string() } else { d.format("%d/%m/%Y").to_string() };
        let time = match second {
            Some(s) => format!("{hour:02}:{minute:02}:{s:02}"),
            None => format!("{hour:02}:{minute:02}"),
        };
        let text = format!("{date}{separator}{time}");
        let expected = d.and_hms_opt(hour, minute, second.unwrap_or(0));
        prop_assert_eq!(parse_datetime(&Cell::Text(text.clone()), DateOrder::Dmy, false), expected, "{}", text);
    }

    #[test]
    fn clean_text_trims_and_drops_missing_tokens_as_defined(
        pad in padding(),
        body in prop_oneof![
            any::<String>(),
            prop::sample::select(vec!["", "N/A", "NA", "n/a", "-", "null", "NULL", "Null", "x", "naa", "\u{a0}"])
                .prop_map(str::to_string),
        ],
        end in padding(),
    ) {
        // The plain definition (inputs.md), without the fast paths.
        let text = format!("{pad}{body}{end}");
        let trimmed = text.trim();
        let missing = ["", "N/A", "NA", "n/a", "-", "null"].contains(&trimmed) || trimmed.eq_ignore_ascii_case("null");
        prop_assert_eq!(clean_text(&text), (!missing).then_some(trimmed));
    }

    #[test]
    fn the_parsers_never_panic_on_any_text(text in any::<String>(), n in any::<f64>(), date1904 in any::<bool>()) {
        for order in [DateOrder::Dmy, DateOrder::Mdy] {
            let cell = Cell::Text(text.clone());
            let _ = parse_date_text(&text, order);
            let _ = parse_flag_or_date(&cell, order, date1904);
            let _ = parse_datetime(&cell, order, date1904);
            let _ = parse_date(&Cell::Number(n), order, date1904);
            let _ = parse_datetime(&Cell::Number(n), order, date1904);
            let _ = parse_flag(&Cell::Number(n), order, date1904);
        }
        let _ = parse_duration_text(&text);
        let _ = parse_number(&Cell::Text(text.clone()));
        let _ = cell_text(&Cell::Number(n));
    }

    #[test]
    fn hesa_rounding_is_idempotent_monotone_and_close(a in count(), b in count()) {
        let (low, high) = (a.min(b), a.max(b));
        prop_assert_eq!(round_hesa(round_hesa(a)), round_hesa(a));
        prop_assert!(round_hesa(low) <= round_hesa(high));
        prop_assert_eq!(round_hesa(a) % 5, 0);
        prop_assert!(round_hesa(a).abs_diff(a) <= 2 || a > u64::MAX - 5);
    }

    #[test]
    fn the_threshold_rule_never_shows_a_count_below_it(count in 0u64..10_000, threshold in 1u64..100) {
        match threshold_count(count, threshold) {
            Count::Exact(v) => prop_assert!(v == 0 || v >= threshold),
            Count::Below(n) => prop_assert!(n == threshold && count > 0 && count < threshold),
            Count::Withheld => prop_assert!(false, "one count alone is never withheld for another's sake"),
        }
    }

    #[test]
    fn published_uptake_keeps_the_rule_and_raw_rates(
        rows in proptest::collection::vec((0u64..200, 0.0f64..=1.0), 1..30),
        threshold in 3u64..30,
        hesa in any::<bool>(),
    ) {
        let records: Vec<UptakeRecord> = rows
            .iter()
            .enumerate()
            .flat_map(|(i, &(denominator, share))| {
                let count = (denominator as f64 * share).floor() as u64;
                let group = format!("group {i}");
                let eligible = UptakeRecord {
                    stage: Stage::Eligible,
                    parent_count: None,
                    ..uptake_record(&group, denominator, denominator)
                };
                [eligible, uptake_record(&group, count, denominator)]
            })
            .collect();
        let metrics = Metrics { uptake: records.clone(), ..Metrics::default() };
        let rule = if hesa { DisclosureRule::Hesa } else { DisclosureRule::Threshold };
        let published = publish(&metrics, &Disclosure { rule, threshold });
        let registered = |r: &&UptakeRecord| r.stage == Stage::Registered;
        for (raw, shown) in records.iter().filter(registered).zip(published.uptake.iter().filter(registered)) {
            let raw_count = raw.count.value().unwrap_or_default();
            let raw_denominator = raw.denominator.value().unwrap_or_default();
            let small = |v: u64| v > 0 && v < threshold;
            let rate_allowed = if hesa {
                raw_denominator as f64 >= HESA_MIN_DENOMINATOR
            } else {
                // A small count, or a small number not registered (eligible -
                // registered), withholds the count and so its rate.
                raw_denominator >= threshold && !small(raw_count) && !small(raw_denominator - raw_count)
            };
            for count in [shown.count, shown.denominator] {
                match (hesa, count) {
                    (true, Count::Exact(v)) => prop_assert_eq!(v % 5, 0),
                    (false, Count::Exact(v)) => prop_assert!(v == 0 || v >= threshold),
                    (false, Count::Below(n)) => prop_assert_eq!(n, threshold),
                    (true, Count::Below(_)) => prop_assert!(false, "HESA publishes rounded counts, not <N"),
                    // Secondary suppression belongs to the threshold rule.
                    (false, Count::Withheld) => {}
                    (true, Count::Withheld) => prop_assert!(false, "HESA does not withhold counts"),
                }
            }
            if hesa {
                prop_assert_eq!(shown.count, Count::Exact(round_hesa(raw_count)));
            }
            // A shown rate is the one computed from unrounded counts, at its published precision.
            match shown.rate {
                Some(rate) => {
                    prop_assert!(rate_allowed);
                    let exact = raw_count as f64 / raw_denominator as f64;
                    prop_assert_eq!(rate.to_bits(), Precision::Rate.round(exact).to_bits());
                    prop_assert!((rate - exact).abs() <= 0.0005 + 1e-12);
                }
                None => prop_assert!(!rate_allowed || raw_denominator == 0),
            }
        }
    }
}

/// Counts: small ones, any, and the very largest (where `+ 2` would wrap).
fn count() -> impl Strategy<Value = u64> {
    prop_oneof![0u64..100, any::<u64>(), (u64::MAX - 10)..=u64::MAX]
}

/// An uptake record as the metrics stage makes it: the rate from raw counts.
fn uptake_record(group: &str, count: u64, denominator: u64) -> UptakeRecord {
    UptakeRecord {
        group: group.to_string(),
        stage: Stage::Registered,
        count: Count::Exact(count),
        denominator: Count::Exact(denominator),
        rate: (denominator > 0).then(|| count as f64 / denominator as f64),
        ci_low: None,
        ci_high: None,
        conversion: None,
        gap_pp: None,
        p_value: None,
        p_adjusted: None,
        suppressed: Vec::new(),
        parent_count: Some(denominator),
    }
}
