//! Trends from the history folder, skipped history files, `run --record`, and tables.xlsx.

use calamine::{Data, DataType, Reader, open_workbook_auto};

use crate::workdir::Workdir;

#[test]
fn sample_report_shows_trends_from_two_earlier_periods() {
    let wd = Workdir::new("trend");
    wd.sample("in");
    wd.run(&["run", "-c", "in/evidence.toml", "--out", "out", "--quiet"])
        .expect_code(0);
    let metrics: serde_json::Value = serde_json::from_str(&wd.read("out/metrics.json")).unwrap();
    let trend = metrics["trend"].as_array().expect("trend records");
    let registered: Vec<&serde_json::Value> = trend
        .iter()
        .filter(|r| r["figure"] == "registered_rate")
        .collect();
    let periods: Vec<&str> = registered.iter().map(|r| r["period"].as_str().unwrap()).collect();
    assert_eq!(periods, ["2024/25", "2025/26", "2026/27"], "ordered by as_of");
    let report = wd.read("out/report.html");
    assert!(report.contains("Trend over earlier periods"));
    assert!(
        report.contains("points since 2025&#x2f;26"),
        "headline change against the previous period"
    );
}

#[test]
fn a_version_1_history_file_is_read_and_its_rates_published_at_their_precision() {
    let wd = Workdir::new("trend-v1");
    wd.sample("in");
    let path = "in/history/metrics-2026-04-30.json";
    let mut old: serde_json::Value = serde_json::from_str(&wd.read(path)).unwrap();
    old["schema_version"] = 1.into();
    // Version 1 published rates to 17 digits.
    let registered = old["uptake"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["group"] == "All eligible" && r["stage"] == "registered")
        .unwrap();
    registered["rate"] = serde_json::json!(0.43333333333333335);
    wd.write(path, serde_json::to_string_pretty(&old).unwrap());
    wd.run(&["run", "-c", "in/evidence.toml", "--out", "out", "--quiet"])
        .expect_code(0);
    let metrics: serde_json::Value = serde_json::from_str(&wd.read("out/metrics.json")).unwrap();
    let value = metrics["trend"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["figure"] == "registered_rate" && r["as_of"] == "2026-04-30")
        .map(|r| r["value"].clone());
    assert_eq!(value, Some(serde_json::json!(0.433)));
}

/// The trend reads metrics.json through typed structs under the model's
/// field names: this fails when the model renames a field the trend reads
/// (a missing field is an error, a present one must carry its figure).
#[test]
fn the_trend_reads_every_headline_figure_of_a_published_metrics_json() {
    use mentor_evidence::metrics::history::Headlines;
    use mentor_evidence::metrics::trend::headline_figures;
    let wd = Workdir::new("trend-typed");
    wd.sample("in");
    wd.run(&["run", "-c", "in/evidence.toml", "--out", "out", "--quiet"])
        .expect_code(0);
    let headlines: Headlines = serde_json::from_str(&wd.read("out/metrics.json")).expect("typed reading");
    let figures = headline_figures(&headlines);
    let ids: Vec<&str> = figures.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        ids,
        [
            "eligible",
            "registered_rate",
            "matched_rate",
            "sustained_rate",
            "completed_rate",
            "confidence_effect",
            "resilience_effect",
            "intent_post"
        ]
    );
    assert!(figures.iter().all(|f| f.3.is_some()), "{figures:?}");
}

#[test]
fn a_history_file_with_a_renamed_field_is_skipped_with_its_name() {
    let wd = Workdir::new("trend-renamed");
    wd.sample("in");
    let path = "in/history/metrics-2026-04-30.json";
    let renamed = wd.read(path).replace("\"hedges_gz\"", "\"hedges_g\"");
    wd.write(path, renamed);
    let err = wd
        .run(&["run", "-c", "in/evidence.toml", "--out", "out"])
        .expect_code(0)
        .stderr();
    assert!(
        err.contains("metrics-2026-04-30.json") && err.contains("hedges_gz"),
        "{err}"
    );
}

#[test]
fn other_schema_or_programme_files_are_skipped_with_a_warning() {
    let wd = Workdir::new("trend-skip");
    wd.sample("in");
    wd.write(
        "in/history/old-format.json",
        r#"{"schema_version": 0, "programme": {"name": "Professional Mentoring Programme"}}"#,
    );
    wd.write(
        "in/history/other.json",
        r#"{"schema_version": 1, "programme": {"name": "Another scheme"}, "as_of": "2020-01-01"}"#,
    );
    wd.write("in/history/broken.json", "{ not json");
    let run = wd
        .run(&["run", "-c", "in/evidence.toml", "--out", "out"])
        .expect_code(0);
    let err = run.stderr();
    for name in ["old-format.json", "other.json", "broken.json"] {
        assert!(err.contains(name), "warning names {name}: {err}");
    }
    assert!(
        err.contains("schema_version 0") && err.contains("Another scheme"),
        "{err}"
    );
    let report = wd.read("out/report.html");
    assert!(report.contains("History files skipped") && report.contains("old-format.json"));
}

#[test]
fn record_appends_and_never_overwrites_another_period() {
    let wd = Workdir::new("record");
    wd.sample("in");
    wd.run(&[
        "run",
        "-c",
        "in/evidence.toml",
        "--out",
        "out",
        "--record",
        "--quiet",
    ])
    .expect_code(0);
    let recorded = wd.read("in/history/metrics-2027-04-30.json");
    assert_eq!(recorded, wd.read("out/metrics.json"));
    // Recording the same period again replaces its own file.
    wd.run(&[
        "run",
        "-c",
        "in/evidence.toml",
        "--out",
        "out",
        "--record",
        "--quiet",
    ])
    .expect_code(0);
    // A different period label for the same as_of is refused.
    let config = wd
        .read("in/evidence.toml")
        .replace("period = \"2026/27\"", "period = \"2026/27 resit\"");
    wd.write("in/evidence.toml", config);
    let err = wd
        .run(&["run", "-c", "in/evidence.toml", "--out", "out2", "--record"])
        .expect_code(1)
        .stderr();
    assert!(
        err.contains("metrics-2027-04-30.json") && err.contains("refusing to overwrite"),
        "{err}"
    );
    assert_eq!(wd.read("in/history/metrics-2027-04-30.json"), recorded);
}

/// Regression: the refusal named "evidence.toml" whatever file `-c` gave.
#[test]
fn record_without_a_history_folder_names_the_config_file_used() {
    let wd = Workdir::new("record-no-history");
    wd.sample("in");
    let config: String = wd
        .read("in/evidence.toml")
        .lines()
        .filter(|line| !line.starts_with("history"))
        .map(|line| format!("{line}\n"))
        .collect();
    wd.write("in/term-2.toml", config);
    let err = wd
        .run(&["run", "-c", "in/term-2.toml", "--out", "out", "--record"])
        .expect_code(1)
        .stderr();
    assert!(
        err.contains("term-2.toml") && err.contains("programme.history"),
        "{err}"
    );
    assert!(!err.contains("evidence.toml"), "{err}");
}

#[test]
fn tables_xlsx_has_every_table_with_the_published_values() {
    let wd = Workdir::new("xlsx");
    wd.sample("in");
    wd.run(&["run", "-c", "in/evidence.toml", "--out", "out", "--quiet"])
        .expect_code(0);
    let mut workbook = open_workbook_auto(wd.path("out/tables.xlsx")).expect("tables.xlsx opens");
    let sheets = workbook.sheet_names();
    for file in std::fs::read_dir(wd.path("out/tables")).unwrap() {
        let name = file
            .unwrap()
            .path()
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(sheets.contains(&name), "sheet {name} missing from {sheets:?}");
    }
    let uptake = workbook.worksheet_range("uptake").unwrap();
    let csv = wd.read("out/tables/uptake.csv");
    let second_line: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
    let row: Vec<&Data> = uptake.rows().nth(1).unwrap().iter().collect();
    assert_eq!(row[0], &Data::String(second_line[0].to_string()));
    assert_eq!(row[2].to_string(), second_line[2], "counts agree with the CSV");
    assert_eq!(
        row[4].as_f64(),
        second_line[4].parse::<f64>().ok(),
        "rates agree with the CSV"
    );
}

/// Issue 30: schema version 3 changed the comparison's records (`role`,
/// `reasons`); a version 2 file, with `reason` and no role, is still read.
#[test]
fn a_version_2_history_file_is_still_read() {
    let wd = Workdir::new("trend-v2");
    wd.sample("in");
    let path = "in/history/metrics-2026-04-30.json";
    let mut old: serde_json::Value = serde_json::from_str(&wd.read(path)).unwrap();
    assert_eq!(old["schema_version"], 3);
    old["schema_version"] = 2.into();
    for r in old["comparison"].as_array_mut().into_iter().flatten() {
        let record = r.as_object_mut().unwrap();
        record.remove("role");
        record.remove("reasons");
        record.insert("reason".into(), serde_json::Value::Null);
    }
    wd.write(path, serde_json::to_string_pretty(&old).unwrap());
    wd.run(&["run", "-c", "in/evidence.toml", "--out", "out", "--quiet"])
        .expect_code(0);
    let metrics: serde_json::Value = serde_json::from_str(&wd.read("out/metrics.json")).unwrap();
    assert!(
        metrics["trend"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["as_of"] == "2026-04-30"),
        "the version 2 period is in the trend"
    );
}
