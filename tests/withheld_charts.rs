//! Charts with withheld counts leave the bar, month or row out and say so
//! (outputs.md: never a misleading zero); the Methods' count of withheld
//! figures matches the published metrics.json.

use mentor_evidence::charts::relationships::{draw_retention, draw_status, draw_timeline, timeline_series};
use mentor_evidence::charts::surveys::likert_bars;
use mentor_evidence::config::MeetingKind;
use mentor_evidence::metrics::model::{Count, ItemRecord, TimelineRecord};
use mentor_evidence::metrics::pairs::Status;
use plotters::style::RGBColor;

use crate::workdir::Workdir;

fn timeline(month: &str, kind: MeetingKind, meetings: Count) -> TimelineRecord {
    TimelineRecord {
        group: "All eligible".to_string(),
        month: month.to_string(),
        kind,
        meetings,
    }
}

#[test]
fn a_month_with_a_withheld_count_is_left_out_and_named() {
    let records = [
        timeline("2026-10", MeetingKind::OneToOne, Count::Exact(40)),
        timeline("2026-11", MeetingKind::OneToOne, Count::Exact(30)),
        timeline("2026-11", MeetingKind::Celebration, Count::Below(10)),
    ];
    let (months, series) = timeline_series(&records, "All eligible");
    let celebration = series
        .iter()
        .find(|(k, _)| *k == MeetingKind::Celebration)
        .unwrap();
    assert_eq!(
        celebration.1,
        [Some(0), None],
        "no record is 0; a withheld count is None"
    );
    let chart = draw_timeline("t", "All eligible", &months, &series).unwrap();
    assert!(
        chart
            .description
            .contains("Withheld by disclosure control (no bar): 2026-11."),
        "{}",
        chart.description
    );
    assert!(
        chart.description.contains("in the months shown"),
        "{}",
        chart.description
    );
    assert!(chart.svg.contains("2026-11 .."), "the month's label says so");
}

#[test]
fn a_status_row_with_a_withheld_count_draws_no_bar() {
    let row = |third: Count| -> Vec<(Status, Count)> {
        Status::ALL
            .iter()
            .enumerate()
            .map(|(i, s)| (*s, if i == 2 { third } else { Count::Exact(20) }))
            .collect()
    };
    let series = vec![
        ("Shown".to_string(), row(Count::Exact(20))),
        ("Hidden".to_string(), row(Count::Withheld)),
    ];
    let svg = draw_status("s", &series).unwrap().svg;
    assert!(svg.contains("Hidden (withheld)") && !svg.contains("Shown (withheld)"));
    // Six status segments for the shown row only (plus six legend swatches).
    assert_eq!(svg.matches("<rect").count() - 1, 6 + 6, "{svg}");
}

#[test]
fn a_likert_bar_with_a_withheld_count_is_labelled_and_empty() {
    let item = |score: f64, count: Count| ItemRecord {
        wave: "pre".to_string(),
        item: "conf1".to_string(),
        score,
        count,
    };
    let bars = likert_bars(
        &[item(1.0, Count::Below(5)), item(2.0, Count::Exact(30))],
        &["conf1".to_string()],
        &["pre".to_string()],
        &[],
    );
    assert_eq!(bars.len(), 1);
    assert_eq!(bars[0].label, "conf1 (pre), withheld");
    assert!(bars[0].counts.is_empty());
}

#[test]
fn a_retention_curve_cut_by_the_rule_says_from_which_month() {
    let points = [
        (0.0, Some(1.0), Some(1.0), Some(1.0)),
        (30.4, Some(0.9), Some(0.8), Some(0.95)),
        (60.9, None, None, None),
    ];
    let chart = draw_retention("r", "Small", &points, RGBColor(0, 114, 178)).unwrap();
    assert_eq!(
        chart.title,
        "Retention of relationships: Small (withheld from month 2)"
    );
    assert!(
        chart.description.contains("month 2 withheld"),
        "{}",
        chart.description
    );
}

/// The Methods section's count is that of metrics.json: every field listed
/// in a record's `suppressed`, plus the withheld (null) counts of records
/// without such a list.
#[test]
fn the_methods_count_of_withheld_figures_is_what_metrics_json_withholds() {
    let wd = Workdir::new("withheld-count");
    wd.run(&["sample-data", "--out", "in", "--students", "300"])
        .expect_code(0);
    let config = wd
        .read("in/evidence.toml")
        .replace("rule = \"hesa\"", "rule = \"threshold\"\nthreshold = 10");
    wd.write("in/evidence.toml", config);
    wd.run(&["run", "-c", "in/evidence.toml", "--out", "out", "--quiet"])
        .expect_code(0);
    let metrics: serde_json::Value = serde_json::from_str(&wd.read("out/metrics.json")).unwrap();
    let (mut listed, mut null_counts) = (0u64, 0u64);
    fn walk(v: &serde_json::Value, listed: &mut u64, null_counts: &mut u64) {
        match v {
            serde_json::Value::Object(map) => {
                if let Some(list) = map.get("suppressed").and_then(|s| s.as_array()) {
                    *listed += list.len() as u64;
                } else if map.contains_key("meetings") && map.contains_key("month")
                    || map.contains_key("band")
                    || map.contains_key("score")
                {
                    // timeline, compliance and items records: their one count
                    *null_counts += map.values().filter(|x| x.is_null()).count() as u64;
                }
                map.values().for_each(|x| walk(x, listed, null_counts));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|x| walk(x, listed, null_counts)),
            _ => {}
        }
    }
    walk(&metrics, &mut listed, &mut null_counts);
    // Inputs' rows and data-quality counts: counts without a `suppressed` list.
    let nulls = |v: &serde_json::Value| v.is_null() as u64;
    for input in metrics["inputs"].as_array().unwrap() {
        null_counts += nulls(&input["rows_read"]) + nulls(&input["rows_used"]);
    }
    let quality = &metrics["data_quality"];
    null_counts += nulls(&quality["errors"]) + nulls(&quality["warnings"]);
    null_counts += quality["by_rule"]
        .as_object()
        .unwrap()
        .values()
        .map(nulls)
        .sum::<u64>();
    null_counts += quality["by_input"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| nulls(&c["findings"]))
        .sum::<u64>();
    let withheld = metrics["disclosure"]["withheld"].as_u64().unwrap();
    assert!(withheld > 0);
    assert_eq!(withheld, listed + null_counts);
    let secondary = metrics["disclosure"]["secondary"].as_u64().unwrap();
    let report = wd.read("out/report.html");
    assert!(
        report.contains(&format!("{withheld} figures of this report are withheld"))
            && report.contains(&format!("{secondary} of them are counts")),
        "the Methods section states both counts"
    );
}

#[test]
fn the_comparison_charts_say_withheld_instead_of_drawing_a_zero() {
    use mentor_evidence::charts::comparison::{EffectPoint, LovePoint, draw_effects, draw_love};
    let love = [
        LovePoint {
            label: "Commuter: yes".to_string(),
            before: Some(0.23),
            after: Some(0.01),
        },
        LovePoint {
            label: "Ethnicity group: other".to_string(),
            before: None,
            after: None,
        },
    ];
    let chart = draw_love("love", "All eligible", &love, 0.1).unwrap();
    assert!(
        chart.svg.contains("Ethnicity group: other (withheld)"),
        "{}",
        chart.svg
    );
    assert!(
        chart
            .description
            .contains("Ethnicity group: other before withheld, after withheld"),
        "{}",
        chart.description
    );
    // A withheld SMD is counted as withheld, not as within or beyond the line.
    assert_eq!(
        chart.title,
        "After matching, every covariate level shown is within the 0.1 line (1 withheld): All eligible"
    );
    let effects = [
        EffectPoint {
            group: "All eligible".to_string(),
            att: Some(19.2),
            low: Some(4.1),
            high: Some(34.3),
            evidence: "Type 3",
        },
        EffectPoint {
            group: "Small group".to_string(),
            att: None,
            low: None,
            high: None,
            evidence: "Type 2",
        },
    ];
    let chart = draw_effects("effect", "placement_secured", &effects).unwrap();
    assert!(
        chart.svg.contains(">\nwithheld\n<"),
        "the row says so where its dot would be"
    );
    assert!(
        chart.description.contains("Small group withheld, Type 2"),
        "{}",
        chart.description
    );
    assert!(
        chart
            .description
            .contains("All eligible +19.2 (+4.1 to +34.3), Type 3")
    );
}

/// Relative luminance of a `#RRGGBB` colour (WCAG 2.2).
fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0)) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

/// Issue 30 (WCAG 1.4.11): every line, dot and bar of the sample's charts,
/// under both rules, has at least 3:1 contrast with the white background.
/// Grid lines (`<line>`, decorative) and faint bands (opacity below 0.5)
/// are left out. Okabe-Ito's orange and sky blue (2.3:1) failed this.
#[test]
fn chart_marks_have_three_to_one_contrast_with_white() {
    let wd = Workdir::new("contrast");
    wd.sample("in");
    wd.run(&["run", "-c", "in/evidence.toml", "--out", "hesa", "--quiet"])
        .expect_code(0);
    let config = wd
        .read("in/evidence.toml")
        .replace("rule = \"hesa\"", "rule = \"threshold\"\nthreshold = 10");
    wd.write("in/threshold.toml", config);
    wd.run(&["run", "-c", "in/threshold.toml", "--out", "threshold", "--quiet"])
        .expect_code(0);
    let mut low = std::collections::BTreeSet::new();
    let mut marks = 0;
    for out in ["hesa", "threshold"] {
        let report = wd.read(&format!("{out}/report.html"));
        for svg in report.split("<svg").skip(1) {
            let svg = svg.split("</svg>").next().unwrap_or("");
            for element in svg.split('<').skip(1) {
                let tag = element.split([' ', '>', '/']).next().unwrap_or("");
                if !matches!(tag, "rect" | "polyline" | "path" | "circle" | "polygon") {
                    continue;
                }
                let opacity = element
                    .split("opacity=\"")
                    .nth(1)
                    .and_then(|o| o.split('"').next())
                    .and_then(|o| o.parse::<f64>().ok())
                    .unwrap_or(1.0);
                if opacity < 0.5 {
                    continue;
                }
                for attribute in ["fill=\"#", "stroke=\"#"] {
                    let Some(hex) = element.split(attribute).nth(1).map(|h| &h[..6.min(h.len())]) else {
                        continue;
                    };
                    if hex.len() < 6 || hex.eq_ignore_ascii_case("FFFFFF") {
                        continue;
                    }
                    marks += 1;
                    if 1.05 / (luminance(hex) + 0.05) < 3.0 {
                        low.insert(format!("{tag} {attribute}{hex}"));
                    }
                }
            }
        }
    }
    assert!(marks > 100, "found {marks} marks");
    assert!(low.is_empty(), "marks under 3:1 against white: {low:?}");
}
