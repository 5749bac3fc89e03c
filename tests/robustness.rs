//! Randomised robustness: thousands of generated and mutated inputs through
//! the value parsers, the config parser and the CSV and spreadsheet readers.
//! Every one must give a value or an error, never a panic. Deterministic
//! (seeded), so a failure reproduces.

use mentor_evidence::config::{Config, DateOrder, Limits, OneOrMany};
use mentor_evidence::ingest::budget::Budget;
use mentor_evidence::ingest::header::HeaderSpec;
use mentor_evidence::ingest::values::{
    Parsed, parse_date_text, parse_duration_text, parse_flag, parse_number,
};
use mentor_evidence::ingest::{Cell, Layout, Wanted, csv::read_delimited, excel::read_workbook};
use mentor_evidence::sample::Rng;

const ALPHABET: &[&str] = &[
    "0",
    "1",
    "2",
    "9",
    "12",
    "31",
    "2026",
    "/",
    ".",
    "-",
    ":",
    " ",
    "T",
    "h",
    "m",
    "min",
    "hours",
    "Oct",
    "x",
    "✓",
    "é",
    "\u{0}",
    "\"",
    ",",
    "\n",
    "%",
    "e9",
    "NaN",
    "inf",
    "99999999999999999999",
    "-1",
];

fn random_text(rng: &mut Rng) -> String {
    let len = rng.between(0, 8) as usize;
    (0..len).map(|_| rng.pick(ALPHABET)).collect()
}

/// Every parser gives a value or an error for random text, and what it
/// gives holds up: a date reads back from its ISO form, a duration or number
/// is finite and a duration not negative, a flag number reads as true unless
/// it is 0.
#[test]
fn value_parsers_never_panic_and_their_values_hold_up() {
    let mut rng = Rng::new(7);
    let (mut dates, mut durations, mut numbers) = (0, 0, 0);
    for _ in 0..200_000 {
        let text = random_text(&mut rng);
        for order in [DateOrder::Dmy, DateOrder::Mdy] {
            if let Parsed::Value(date) = parse_date_text(&text, order) {
                dates += 1;
                let iso = date.format("%Y-%m-%d").to_string();
                assert!(
                    matches!(parse_date_text(&iso, order), Parsed::Value(d) if d == date),
                    "{text:?}"
                );
            }
        }
        if let Some(minutes) = parse_duration_text(&text) {
            durations += 1;
            assert!(minutes.is_finite() && minutes >= 0.0, "{text:?} -> {minutes}");
        }
        if let Parsed::Value(n) = parse_number(&Cell::Text(text.clone())) {
            numbers += 1;
            assert!(n.is_finite(), "{text:?} -> {n}");
        }
        assert!(
            !matches!(parse_flag(&Cell::Text(text.clone()), DateOrder::Dmy, false), Parsed::Value(true) if text.trim().is_empty())
        );
        let n = (rng.unit() - 0.5) * 10f64.powi(rng.between(0, 12) as i32);
        if let Parsed::Value(flag) = parse_flag(&Cell::Number(n), DateOrder::Dmy, rng.chance(0.5)) {
            assert_eq!(flag, n != 0.0, "{n}");
        }
    }
    // The random texts must reach every parser's values, not only its errors.
    assert!(
        dates > 100 && durations > 100 && numbers > 1_000,
        "{dates} {durations} {numbers}"
    );
}

fn mutate(rng: &mut Rng, bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for _ in 0..rng.between(1, 8) {
        if out.is_empty() {
            break;
        }
        let at = rng.between(0, out.len() as i64 - 1) as usize;
        match rng.between(0, 4) {
            0 => out[at] = rng.next_u64() as u8,
            1 => out.truncate(at),
            2 => out.insert(at, rng.pick(&[b'"', b',', b'\n', b'\r', 0xff, b'=', b'['])),
            3 => {
                out.remove(at);
            }
            _ => out.extend_from_within(at..(at + 16).min(out.len())),
        }
    }
    out
}

#[test]
fn config_parser_never_panics() {
    let text = std::fs::read(crate::workdir::shared_sample().join("evidence.toml")).unwrap();
    let mut rng = Rng::new(11);
    let mut parsed = 0;
    for _ in 0..3_000 {
        let bytes = mutate(&mut rng, &text);
        if let Ok(s) = String::from_utf8(bytes) {
            parsed += usize::from(Config::parse(&s).is_ok());
        }
    }
    assert!(
        parsed > 0,
        "some mutations (e.g. in comments or values) still parse"
    );
}

#[test]
fn csv_reader_never_panics() {
    let sample = crate::workdir::shared_sample();
    let mut rng = Rng::new(13);
    let wanted = Wanted::new([
        "Student",
        "Mentor",
        "Meeting date",
        "Length",
        "Type",
        "ExternalReference",
        "Q1_1",
    ]);
    let mut read = 0;
    for file in ["meetings.csv", "survey-pre.csv"] {
        let bytes = std::fs::read(sample.join(file)).unwrap();
        let bytes = &bytes[..bytes.len().min(20_000)];
        for i in 0..300 {
            let mutated = mutate(&mut rng, bytes);
            let layout = if i % 2 == 0 {
                Layout::Plain
            } else {
                Layout::Qualtrics
            };
            let lines = mutated.iter().filter(|b| **b == b'\n').count();
            match read_delimited(file, mutated, b',', layout, &wanted) {
                // No more rows than lines, each numbered after the header.
                Ok(table) => {
                    assert!(
                        table.row_numbers.len() <= lines + 1,
                        "{file}: {} rows",
                        table.row_numbers.len()
                    );
                    assert!(table.row_numbers.iter().all(|&n| n >= 2));
                    read += 1;
                }
                Err(e) => assert!(e.to_string().contains(file), "{e}"),
            }
        }
    }
    assert!(read > 100, "most mutations still read: {read}");
}

#[test]
fn spreadsheet_reader_never_panics() {
    let bytes = std::fs::read(crate::workdir::shared_sample().join("mentors.xlsx")).unwrap();
    let mut rng = Rng::new(17);
    let wanted = Wanted::new(["Mentor ID", "Sector"]);
    let sheets = OneOrMany::One("*".to_string());
    let mut errors = 0;
    for _ in 0..300 {
        let mutated = mutate(&mut rng, &bytes);
        let spec = HeaderSpec {
            layout: Layout::Plain,
            wanted: &wanted,
            row: None,
            max_rows: None,
        };
        let budget = Budget::from_limits(&Limits::default());
        match read_workbook("mentors.xlsx", &mutated, Some(&sheets), spec, &budget) {
            Ok(sheets) => assert!(sheets.tables.iter().all(|s| s.columns.len() == s.headers.len())),
            Err(e) => {
                errors += 1;
                assert!(e.to_string().contains("mentors.xlsx"), "{e}");
            }
        }
    }
    // A zip archive rarely survives a byte changed at random.
    assert!(errors > 100, "{errors}");
}

#[test]
fn fast_hash_spreads_sequential_ids_over_low_bits() {
    use std::hash::{BuildHasher, BuildHasherDefault};
    let build = BuildHasherDefault::<rustc_hash::FxHasher>::default();
    let mut buckets = std::collections::HashSet::new();
    for i in 0..65_536u32 {
        let id = format!("{:08}", 2_300_000 + i * 7);
        buckets.insert(build.hash_one(id.as_str()) & 0xffff);
    }
    // A uniform hash fills about 63% of 65,536 buckets with 65,536 keys.
    assert!(
        buckets.len() > 35_000,
        "low 16 bits take only {} values",
        buckets.len()
    );
}
