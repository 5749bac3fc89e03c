//! The matched comparison end to end (comparison.md): a small cohort whose
//! every figure comes from tests/fixtures/stats/generate_comparison.py
//! (statsmodels WLS HC1 and the written-out weights), and the configuration
//! and data errors the comparison adds.

use serde_json::Value;

use crate::test_config::TestConfig;
use crate::workdir::Workdir;

fn config() -> String {
    TestConfig::new("Comparison", "cohort.csv")
        .columns(&[
            ("student_id", "ID"),
            ("registered", "Registered"),
            ("mentor_id", "Mentor"),
            ("placement_secured", "Secured"),
        ])
        .table(
            r#"[comparison]
match_on = ["School"]
balance_on = ["Commuter"]
min_matched = 3
[comparison.coarsen]
"Mark" = [0, 50, 100]
[comparison.extra_outcomes]
"Progressed" = "Progressed""#,
        )
        .rule("none")
        .internal()
        .toml()
}

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/stats/comparison.json")).expect("fixture is JSON")
}

/// Writes the fixture's cohort as cohort.csv.
fn write_cohort(wd: &Workdir, e2e: &Value) {
    let line = |cells: &Value| {
        cells
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect::<Vec<_>>()
            .join(",")
    };
    let mut text = line(&e2e["columns"]) + "\n";
    for row in e2e["rows"].as_array().unwrap() {
        text += &(line(row) + "\n");
    }
    wd.write("cohort.csv", text);
}

fn close(ours: &Value, theirs: &Value, what: &str) {
    match (ours.as_f64(), theirs.as_f64()) {
        (Some(a), Some(b)) => assert!((a - b).abs() <= 1e-10 * b.abs().max(1.0), "{what}: {a} vs {b}"),
        (None, None) => {}
        _ => panic!("{what}: {ours} vs {theirs}"),
    }
}

fn run_small_cohort(name: &str, config: &str) -> (Workdir, Value) {
    let wd = Workdir::new(name);
    let fixture = fixture();
    write_cohort(&wd, &fixture["end_to_end"]);
    wd.write("evidence.toml", config);
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    let metrics = serde_json::from_str(&wd.read("out/internal/metrics.json")).unwrap();
    (wd, metrics)
}

#[test]
fn comparison_figures_match_statsmodels_and_the_written_out_weights() {
    let (_wd, metrics) = run_small_cohort("comparison-e2e", &config());
    let e2e = &fixture()["end_to_end"];
    let records = metrics["comparison"].as_array().unwrap();
    // All eligible and Not in any target group, two outcomes each.
    assert_eq!(records.len(), 4, "{records:?}");
    for (outcome, expected) in [
        ("placement_secured", &e2e["outcomes"]["Secured"]),
        ("Progressed", &e2e["outcomes"]["Progressed"]),
    ] {
        let r = records
            .iter()
            .find(|r| r["group"] == "All eligible" && r["outcome"] == outcome)
            .unwrap_or_else(|| panic!("no {outcome} record"));
        assert_eq!(
            r["treated"], 4,
            "student 10 (registered, no mentor) is in neither arm"
        );
        assert_eq!(r["controls"], 6);
        assert_eq!(r["treated_matched"], e2e["treated_matched"]);
        assert_eq!(r["controls_matched"], e2e["controls_matched"]);
        assert_eq!(r["strata"], e2e["strata"]);
        assert_eq!(r["strata_kept"], e2e["strata_kept"]);
        close(&r["share_treated_kept"], &Value::from(0.75), "share kept");
        for field in [
            "treated_rate",
            "control_rate",
            "att",
            "se",
            "ci_low",
            "ci_high",
            "p_value",
            "risk_ratio",
            "e_value",
            "e_value_ci",
        ] {
            close(&r[field], &expected[field], &format!("{outcome} {field}"));
        }
        assert_eq!(r["evidence_type"], "Type 3", "{r}");
        assert_eq!(r["reason"], Value::Null);
        close(&r["max_abs_smd_after"], &Value::from(0.0), "max |SMD| after");
    }
    let balance = metrics["balance"].as_array().unwrap();
    for expected in e2e["balance"].as_array().unwrap() {
        let row = balance
            .iter()
            .find(|b| {
                b["group"] == "All eligible"
                    && b["covariate"] == expected["covariate"]
                    && b["level"] == expected["level"]
            })
            .unwrap_or_else(|| panic!("no balance row {expected}"));
        for field in [
            "mean_treated_before",
            "mean_control_before",
            "smd_before",
            "mean_treated_after",
            "mean_control_after",
            "smd_after",
        ] {
            close(
                &row[field],
                &expected[field],
                &format!("{} {} {field}", expected["covariate"], expected["level"]),
            );
        }
        assert_eq!(row["matched_on"], expected["covariate"] != "Commuter");
    }
    assert_eq!(
        balance.iter().filter(|b| b["group"] == "All eligible").count(),
        e2e["balance"].as_array().unwrap().len(),
        "one row per level present"
    );
}

#[test]
fn a_value_outside_every_bin_is_a_warning_and_counts_as_missing() {
    let (wd, _) = run_small_cohort("comparison-bins", &config());
    let findings = wd.read("out/data-quality.csv");
    let outside: Vec<&str> = findings
        .lines()
        .filter(|l| l.contains(",value_outside_bins,"))
        .collect();
    assert_eq!(outside.len(), 1, "{findings}");
    assert!(
        outside[0].contains(",12,Mark,value_outside_bins,warning,")
            && outside[0].contains("found \"\"120\"\"; expected a number in [0, 100)"),
        "{}",
        outside[0]
    );
}

#[test]
fn too_few_matched_gives_type_2_with_the_reason() {
    let (_wd, metrics) = run_small_cohort(
        "comparison-few",
        &config().replace("min_matched = 3", "min_matched = 4"),
    );
    let r = &metrics["comparison"][0];
    assert_eq!(r["evidence_type"], "Type 2");
    assert_eq!(r["reasons"][0]["kind"], "too_few_matched", "{r}");
    // The rule in words, never a count that rounding could contradict.
    assert!(
        r["reasons"][0]["detail"].as_str().unwrap()
            == "fewer than 4 matched participants or non-participants",
        "{r}"
    );
}

#[test]
fn a_covariate_out_of_balance_is_named_in_the_reason() {
    // Matched on School only: the Mark bins stay out of balance.
    let config = config().replace(
        "[comparison.coarsen]\n\"Mark\" = [0, 50, 100]",
        "[comparison.coarsen]\n\"Other\" = [0, 1]",
    );
    let wd = Workdir::new("comparison-unbalanced");
    let fixture = fixture();
    let e2e = &fixture["end_to_end"];
    write_cohort(&wd, e2e);
    // A constant extra column to match on, and Mark shown in balance_on.
    let cohort = wd.read("cohort.csv");
    let with_other: String = cohort
        .lines()
        .enumerate()
        .map(|(i, l)| format!("{l},{}\n", if i == 0 { "Other" } else { "0" }))
        .collect();
    wd.write("cohort.csv", with_other);
    wd.write(
        "evidence.toml",
        config.replace("balance_on = [\"Commuter\"]", "balance_on = [\"Mark\"]"),
    );
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    let metrics: Value = serde_json::from_str(&wd.read("out/internal/metrics.json")).unwrap();
    let r = &metrics["comparison"][0];
    assert_eq!(r["evidence_type"], "Type 2", "{r}");
    let reasons = r["reasons"].as_array().unwrap();
    assert!(
        reasons.iter().any(|x| x["kind"] == "out_of_balance"
            && x["detail"]
                .as_str()
                .unwrap()
                .starts_with("Mark: |SMD| after matching up to")),
        "{r}"
    );
}

#[test]
fn comparison_header_missing_from_the_cohort_is_named_with_its_key() {
    let wd = Workdir::new("comparison-header");
    write_cohort(&wd, &fixture()["end_to_end"]);
    wd.write(
        "evidence.toml",
        config().replace("match_on = [\"School\"]", "match_on = [\"Shcool\"]"),
    );
    let run = wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(1);
    let err = run.stderr();
    assert!(
        err.contains("\"Shcool\"") && err.contains("comparison.match_on") && err.contains("\"School\""),
        "{err}"
    );
}

#[test]
fn an_extra_outcome_that_is_not_a_flag_is_a_configuration_error() {
    let wd = Workdir::new("comparison-not-flag");
    write_cohort(&wd, &fixture()["end_to_end"]);
    wd.write(
        "evidence.toml",
        config().replace("\"Progressed\" = \"Progressed\"", "\"Progressed\" = \"School\""),
    );
    let run = wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(1);
    let err = run.stderr();
    assert!(
        err.contains("comparison.extra_outcomes.\"Progressed\"")
            && err.contains("not a flag column")
            && err.contains("\"a\""),
        "{err}"
    );
}

#[test]
fn without_a_comparison_table_nothing_is_computed() {
    let full = config();
    let start = full.find("[comparison]").unwrap();
    let end = full.find("[disclosure]").unwrap();
    let config = format!("{}{}", &full[..start], &full[end..]);
    let (wd, metrics) = run_small_cohort("comparison-off", &config);
    for family in ["comparison", "balance", "dose"] {
        assert!(metrics.get(family).is_none(), "{family}");
    }
    assert!(!wd.path("out/tables/comparison.csv").exists());
    assert!(!wd.read("out/report.html").contains("Matched comparison"));
}

#[test]
fn no_kept_stratum_gives_no_estimate_and_type_2() {
    // Matched on the student id: every stratum holds one student.
    let (_wd, metrics) = run_small_cohort(
        "comparison-none-kept",
        &config().replace("match_on = [\"School\"]", "match_on = [\"ID\"]"),
    );
    for r in metrics["comparison"].as_array().unwrap() {
        assert_eq!(r["treated_matched"], 0, "{r}");
        assert_eq!(r["strata_kept"], 0, "{r}");
        for field in [
            "treated_rate",
            "control_rate",
            "att",
            "se",
            "ci_low",
            "p_value",
            "risk_ratio",
            "e_value",
        ] {
            assert_eq!(r[field], Value::Null, "{field}: {r}");
        }
        assert_eq!(r["share_treated_kept"], 0.0);
        assert_eq!(r["evidence_type"], "Type 2");
    }
}

#[test]
fn a_column_of_more_than_a_hundred_levels_is_refused_with_the_way_out() {
    let wd = Workdir::new("comparison-many-levels");
    let mut cohort = String::from("ID,Registered,Mentor,Secured,Progressed,School,Mark,Commuter\n");
    for i in 1..=120 {
        let registered = i % 2 == 0;
        cohort += &format!(
            "{i},{},{},N,N,A,{},N\n",
            if registered { "yes" } else { "no" },
            if registered {
                format!("M{i}")
            } else {
                String::new()
            },
            40 + i % 30
        );
    }
    wd.write("cohort.csv", cohort);
    wd.write(
        "evidence.toml",
        config().replace("match_on = [\"School\"]", "match_on = [\"ID\"]"),
    );
    let err = wd
        .run(&["run", "-c", "evidence.toml", "--quiet"])
        .expect_code(1)
        .stderr();
    assert!(
        err.contains("comparison.match_on: cohort column \"ID\" has 120 distinct values")
            && err.contains("comparison.coarsen"),
        "{err}"
    );
}

/// Dose bands: the treated by their mentoring meetings (0, 1-2, 3-5, 6 or
/// more), each band's outcome rate with its Wilson interval.
#[test]
fn dose_bands_count_the_treated_by_mentoring_meetings() {
    let wd = Workdir::new("comparison-dose");
    write_cohort(&wd, &fixture()["end_to_end"]);
    // Treated students 1, 2, 4 and 7: no meeting, 2, 2 and 7 meetings.
    let mut log = String::from("Student,Date\n");
    for (student, meetings) in [(2, 2), (4, 2), (7, 7)] {
        for m in 0..meetings {
            log += &format!("{student},2026-10-{:02}\n", m + 1);
        }
    }
    wd.write("meetings.csv", log);
    let config = config().replace(
        "[comparison]",
        "[inputs.meetings]\npath = \"meetings.csv\"\n[inputs.meetings.columns]\nstudent_id = \"Student\"\ndate = \"Date\"\n\n[comparison]",
    );
    wd.write("evidence.toml", config);
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    let metrics: Value = serde_json::from_str(&wd.read("out/internal/metrics.json")).unwrap();
    let bands: Vec<(String, u64, u64)> = metrics["dose"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["group"] == "All eligible" && r["outcome"] == "placement_secured")
        .map(|r| {
            (
                r["band"].as_str().unwrap().to_string(),
                r["students"].as_u64().unwrap(),
                r["with_outcome"].as_u64().unwrap(),
            )
        })
        .collect();
    // Secured: student 1 yes, 2 no, 4 yes, 7 yes.
    assert_eq!(
        bands,
        [
            ("0".into(), 1, 1),
            ("1-2".into(), 2, 1),
            ("3-5".into(), 0, 0),
            ("6 or more".into(), 1, 1)
        ]
    );
    let band = metrics["dose"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["group"] == "All eligible" && r["outcome"] == "placement_secured" && r["band"] == "1-2")
        .unwrap();
    // scipy.stats.binomtest(1, 2).proportion_ci(method="wilson"): (0.0945, 0.9055).
    close(&band["ci_low"], &Value::from(0.09453120573423074), "wilson low");
    close(&band["ci_high"], &Value::from(0.9054687942657693), "wilson high");
    assert_eq!(band["rate"], 0.5);
}

/// The fixture's cohort with two more flag columns: "Secured before", a copy
/// of Secured (so its estimate must equal placement_secured's), and
/// "Placebo", yes exactly for the treated (matched with a mentor).
fn with_controls(wd: &Workdir) {
    let cohort = wd.read("cohort.csv");
    let text: String = cohort
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let cells: Vec<&str> = l.split(',').collect();
            if i == 0 {
                return format!("{l},Secured before,Placebo\n");
            }
            let treated = cells[1] == "yes" && !cells[2].is_empty();
            format!("{l},{},{}\n", cells[3], if treated { "Y" } else { "N" })
        })
        .collect();
    wd.write("cohort.csv", text);
}

/// Issue 30: a negative control is estimated exactly as an outcome and
/// published with its role; one whose interval excludes 0 makes every
/// outcome of its group Type 2, with every reason that applies.
#[test]
fn a_negative_control_is_estimated_as_an_outcome_and_one_that_differs_withholds_type_3() {
    let wd = Workdir::new("comparison-negative-controls");
    write_cohort(&wd, &fixture()["end_to_end"]);
    with_controls(&wd);
    let config = config().replace(
        "min_matched = 3",
        "min_matched = 3\nnegative_controls = [\"Secured before\", \"Placebo\"]",
    );
    wd.write("evidence.toml", &config);
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    let metrics: Value = serde_json::from_str(&wd.read("out/internal/metrics.json")).unwrap();
    let records = metrics["comparison"].as_array().unwrap();
    let find = |group: &str, outcome: &str| {
        records
            .iter()
            .find(|r| r["group"] == group && r["outcome"] == outcome)
            .unwrap_or_else(|| panic!("no {group} {outcome}: {records:?}"))
    };
    let secured = find("All eligible", "placement_secured");
    let copy = find("All eligible", "Secured before");
    assert_eq!(secured["role"], "outcome");
    assert_eq!(copy["role"], "negative_control");
    for field in [
        "att",
        "se",
        "ci_low",
        "ci_high",
        "p_value",
        "treated_rate",
        "control_rate",
    ] {
        assert_eq!(secured[field], copy[field], "{field}");
    }
    assert_eq!(copy["evidence_type"], Value::Null);
    assert_eq!(copy["reasons"], serde_json::json!([]));
    // The placebo: everyone treated has it, no control does.
    let placebo = find("All eligible", "Placebo");
    assert_eq!(placebo["att"], 1.0, "{placebo}");
    assert_eq!(secured["evidence_type"], "Type 2", "{secured}");
    let reasons = secured["reasons"].as_array().unwrap();
    let differs: Vec<&Value> = reasons
        .iter()
        .filter(|r| r["kind"] == "negative_control_differs")
        .collect();
    // Both differ (the copy of Secured as Secured's own effect does), and
    // each is listed.
    assert_eq!(differs.len(), 2, "{reasons:?}");
    assert!(
        differs.iter().any(|d| d["detail"]
            .as_str()
            .unwrap()
            .starts_with("Placebo: +100.0 pp (95% interval +100.0 to +100.0)")),
        "{reasons:?}"
    );
    // No dose records for a negative control.
    assert!(metrics["dose"].as_array().is_none_or(|dose| {
        dose.iter()
            .all(|d| d["outcome"] != "Placebo" && d["outcome"] != "Secured before")
    }));
    // The report words the reason and shows the control's own verdict.
    let report = wd.read("out/report.html");
    assert!(report.contains("a negative control differs"), "reason in words");
    assert!(
        report.contains("Placebo (negative control)"),
        "the control's verdict"
    );
}

/// Issue 30: exact matching balances the matched columns by construction,
/// so without a `balance_on` column the balance check proves nothing and
/// the label stays Type 2, with that reason beside any other.
#[test]
fn without_a_column_matching_does_not_force_the_label_is_type_2() {
    let (_wd, metrics) = run_small_cohort(
        "comparison-forced",
        &config()
            .replace("balance_on = [\"Commuter\"]\n", "")
            .replace("min_matched = 3", "min_matched = 1000"),
    );
    let r = &metrics["comparison"][0];
    assert_eq!(r["evidence_type"], "Type 2", "{r}");
    let kinds: Vec<&str> = r["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"no_unforced_balance") && kinds.contains(&"too_few_matched"),
        "every reason, not only the first: {kinds:?}"
    );
}

/// Issue 30: a text level was shown lower-cased ("school of law"); the report
/// and its tables show it as the cohort file writes it, while metrics.json
/// keeps comparison.md's cleaned level.
#[test]
fn a_text_level_is_shown_as_the_file_writes_it() {
    let (wd, metrics) = run_small_cohort("comparison-level-case", &config());
    let level = metrics["balance"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["covariate"] == "School")
        .map(|b| b["level"].clone())
        .unwrap();
    assert_eq!(level, "a", "metrics.json: the cleaned level");
    let table = wd.read("out/tables/balance.csv");
    assert!(table.contains("All eligible,School,A,yes"), "{table}");
    let report = wd.read("out/report.html");
    assert!(
        report.contains("School: A") && !report.contains("School: a"),
        "the love plot's labels"
    );
}
