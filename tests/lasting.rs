//! What makes relationships last (metrics.md §7), beyond departments: the
//! wait from registration to match by group, and the pair factors.

use serde_json::Value;

use crate::test_config::TestConfig;
use crate::workdir::Workdir;

fn config() -> String {
    TestConfig::new("Lasting", "cohort.csv")
        .columns(&[
            ("student_id", "ID"),
            ("registered", "Registered"),
            ("mentor_id", "Mentor"),
            ("matched_on", "Matched"),
        ])
        .table("[target_groups]\n\"Group\" = { column = \"G\", in = [\"y\"] }")
        .rule("none")
        .internal()
        .toml()
}

#[test]
fn the_wait_from_registration_to_match_is_summarised_per_group() {
    let wd = Workdir::new("lasting-wait");
    // Waits 10, 20, 30 and 40 days; student 5 has a match date but no
    // mentor, student 6 a sign-up without a date: neither counts.
    wd.write(
        "cohort.csv",
        "ID,Registered,Mentor,Matched,G\n\
         1,2026-10-01,M1,2026-10-11,y\n\
         2,2026-10-01,M2,2026-10-21,y\n\
         3,2026-10-01,M3,2026-10-31,n\n\
         4,2026-10-01,M4,2026-11-10,n\n\
         5,2026-10-01,,2026-10-02,y\n\
         6,yes,M6,2026-10-05,y\n",
    );
    wd.write("evidence.toml", config());
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    let metrics: Value = serde_json::from_str(&wd.read("out/internal/metrics.json")).unwrap();
    let wait = |group: &str| {
        metrics["match_wait"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["group"] == group)
            .unwrap()
            .clone()
    };
    // numpy.quantile([10, 20, 30, 40], [0.25, 0.5, 0.75]) = 17.5, 25, 32.5.
    let all = wait("All eligible");
    assert_eq!(all["students"], 4);
    assert_eq!(
        (
            all["q1_days"].as_f64(),
            all["median_days"].as_f64(),
            all["q3_days"].as_f64()
        ),
        (Some(17.5), Some(25.0), Some(32.5))
    );
    let group = wait("Group");
    assert_eq!(group["students"], 2);
    assert_eq!(group["median_days"], 15.0);
}

fn factors() -> String {
    TestConfig::new("Factors", "cohort.csv")
        .columns(&[
            ("student_id", "ID"),
            ("registered", "Registered"),
            ("mentor_id", "Mentor"),
            ("department", "Dept"),
            ("ceremony_attended", "Ceremony"),
        ])
        .table(
            r#"[inputs.mentors]
path = "mentors.csv"
[inputs.mentors.columns]
mentor_id = "Mentor ID"
sector = "Sector"
source = "Source"

[inputs.meetings]
path = "meetings.csv"
[inputs.meetings.columns]
student_id = "Student"
date = "Date"

[matching.aligned]
"Business" = ["Finance"]
"law" = ["LAW"]"#,
        )
        .rule("none")
        .internal()
        .toml()
}

fn factor<'a>(metrics: &'a Value, factor: &str, level: &str) -> &'a Value {
    metrics["pair_factors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["factor"] == factor && r["level"] == level)
        .unwrap_or_else(|| panic!("no {factor} {level} in {}", metrics["pair_factors"]))
}

#[test]
fn pairs_are_compared_by_sector_source_alignment_and_load() {
    let wd = Workdir::new("lasting-factors");
    // Six pairs: mentoring meetings 3, 1, 3, 0, 3, 2 (sustained at 3).
    // Aligned (department's sectors hold the mentor's): 1, 2 (Business and
    // Finance) and 3 (Law and Law, matched ignoring case); 4 (Law and
    // Finance), 5 (mentor not in the bank) and 6 (Business and Law) are not.
    wd.write(
        "cohort.csv",
        "ID,Registered,Mentor,Dept,Ceremony\n\
         1,yes,M1,Business,yes\n2,yes,M1,Business,\n3,yes,M2,Law,\n\
         4,yes,M3,Law,\n5,yes,M9,Law,\n6,yes,M2,Business,\n7,no,,Law,\n",
    );
    wd.write(
        "mentors.csv",
        "Mentor ID,Sector,Source\nM1,Finance,Alumni\nM2,Law,Alumni\nM3,Finance,Professional body\n",
    );
    let mut log = String::from("Student,Date\n");
    for (student, meetings) in [(1, 3), (2, 1), (3, 3), (5, 3), (6, 2)] {
        for m in 0..meetings {
            log += &format!("{student},2026-1{m}-15\n");
        }
    }
    wd.write("meetings.csv", log);
    wd.write("evidence.toml", factors());
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    let metrics: Value = serde_json::from_str(&wd.read("out/internal/metrics.json")).unwrap();
    let check = |f: &str, level: &str, pairs: u64, sustained: u64, others: (u64, u64)| {
        let r = factor(&metrics, f, level);
        assert_eq!(
            (r["pairs"].as_u64(), r["sustained"]["count"].as_u64()),
            (Some(pairs), Some(sustained)),
            "{r}"
        );
        let p = mentor_evidence::stats::fisher::fisher_exact(
            sustained,
            pairs - sustained,
            others.0,
            others.1 - others.0,
        );
        assert!(
            (r["sustained"]["p_value"].as_f64().unwrap() - p).abs() < 1e-12,
            "{r}"
        );
        assert!((r["sustained"]["rate"].as_f64().unwrap() - sustained as f64 / pairs as f64).abs() < 1e-12);
    };
    // Three of six pairs are sustained (1, 3 and 5).
    check("alignment", "Aligned", 3, 2, (1, 3));
    check("alignment", "Not aligned", 3, 1, (2, 3));
    check("sector", "Finance", 3, 1, (2, 3));
    check("sector", "Law", 2, 1, (2, 4));
    check("sector", "Not recorded", 1, 1, (2, 5));
    check("source", "Alumni", 4, 2, (1, 2));
    check("mentor_load", "2 mentees", 4, 2, (1, 2));
    check("mentor_load", "1 mentee", 2, 1, (2, 4));
    let aligned = factor(&metrics, "alignment", "Aligned");
    assert_eq!(
        aligned["completed"]["count"], 1,
        "student 1 attended the ceremony"
    );
    let order: Vec<&str> = metrics["pair_factors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["factor"] == "sector")
        .map(|r| r["level"].as_str().unwrap())
        .collect();
    assert_eq!(
        order,
        ["Finance", "Law", "Not recorded"],
        "most pairs first, unknown last"
    );
}

#[test]
fn aligned_matching_without_departments_or_sectors_is_a_configuration_error() {
    let wd = Workdir::new("lasting-aligned-config");
    wd.write("evidence.toml", factors().replace("department = \"Dept\"\n", ""));
    let err = wd
        .run(&["validate", "-c", "evidence.toml"])
        .expect_code(1)
        .stderr();
    assert!(
        err.contains("matching.aligned needs the cohort's department"),
        "{err}"
    );
}

#[test]
fn chart_headlines_say_what_the_published_figures_show() {
    use mentor_evidence::charts::gap::GapPoint;
    use mentor_evidence::charts::lasting::{department_headline, factor_headline};
    use mentor_evidence::metrics::model::{Count, PairFactorRecord, Tally};
    let point = |group: &str, gap: Option<f64>, significant: bool| GapPoint {
        group: group.to_string(),
        gap,
        low: None,
        high: None,
        significant,
    };
    assert_eq!(
        department_headline(&[
            point("Law", Some(-14.5), true),
            point("Music", None, false),
            point("Art", Some(-2.0), false)
        ]),
        "Sign-up by department: Law is furthest below the cohort average among the 2 with published gaps \
         (-14.5 points, significant)",
        "issue 30: a withheld gap could be further below, so the ranking says among which"
    );
    assert_eq!(
        department_headline(&[point("Law", Some(1.0), false)]),
        "Sign-up by department: no department is below the cohort average"
    );
    let tally = |rate: Option<f64>| Tally {
        count: Count::Exact(0),
        rate,
        ci_low: None,
        ci_high: None,
        p_value: None,
        all: 0,
    };
    let record = |level: &str, rate: Option<f64>| PairFactorRecord {
        factor: "sector",
        level: level.to_string(),
        pairs: Count::Exact(0),
        sustained: tally(rate),
        completed: tally(None),
        suppressed: Vec::new(),
        all_pairs: 0,
    };
    let (a, b, c) = (
        record("Finance", Some(0.7)),
        record("Law", None),
        record("Health", Some(0.5)),
    );
    assert_eq!(
        factor_headline("Mentor's sector", &[&a, &b, &c]),
        "Mentor's sector: among the 2 with published rates, most sustained Finance (70.0%), least Health (50.0%)",
        "issue 30: a withheld rate (Law's) could be the least, so the ranking says among which"
    );
    let d = record("Education", Some(0.6));
    assert_eq!(
        factor_headline("Mentor's sector", &[&a, &c, &d]),
        "Mentor's sector: most sustained Finance (70.0%), least Health (50.0%)"
    );
    // Levels as the file writes them (issue 30: "school of law").
    assert_eq!(
        factor_headline("Mentor's sector", &[&a, &c]),
        "Mentor's sector: 70.0% of Finance pairs sustained, against 50.0% of Health pairs"
    );
    use mentor_evidence::charts::bars::{Bar, bars_finding};
    let bar = |label: &str, value: Option<f64>| Bar {
        label: label.to_string(),
        value,
    };
    assert_eq!(
        bars_finding(
            &[
                bar("Finance", Some(12.0)),
                bar("Law", None),
                bar("Health", Some(3.0))
            ],
            &|v| format!("{v:.0} mentors")
        )
        .as_deref(),
        Some("Among the 2 with published values, highest Finance (12 mentors), lowest Health (3 mentors).")
    );
    use mentor_evidence::charts::lasting::retention_headline;
    let curve = |survival: [Option<f64>; 2]| {
        let mut points = vec![(0.0, Some(1.0), Some(1.0), Some(1.0))];
        points.extend(survival.iter().map(|s| (30.0, *s, *s, *s)));
        points
    };
    let curves = |a, b| {
        vec![
            ("Aligned".to_string(), curve(a)),
            ("Not aligned".to_string(), curve(b)),
        ]
    };
    assert_eq!(
        retention_headline(&curves([Some(0.9), Some(0.8)], [Some(0.7), Some(0.6)])),
        "Retention by aligned matching: at month 2, 80.0% of aligned pairs still meeting against 60.0% of not aligned pairs"
    );
    assert_eq!(
        retention_headline(&curves([Some(0.9), None], [Some(0.7), Some(0.6)])),
        "Retention by aligned matching (part of a curve is withheld)"
    );
    assert!(
        retention_headline(&curves([None, None], [None, None]))
            .ends_with("withheld (too few relationships ended to publish a step)")
    );
    let aligned = |level: &str, rate: Option<f64>| PairFactorRecord {
        factor: "alignment",
        ..record(level, rate)
    };
    let (x, y) = (
        aligned("Aligned", Some(0.716)),
        aligned("Not aligned", Some(0.636)),
    );
    assert_eq!(
        factor_headline("Aligned matching", &[&x, &y]),
        "Aligned matching: 71.6% of aligned pairs sustained, against 63.6% of not aligned pairs"
    );
}

#[test]
fn pairs_whose_log_names_another_mentor_are_counted_and_listed_internally() {
    let wd = Workdir::new("lasting-continuity");
    wd.write(
        "cohort.csv",
        "ID,Registered,Mentor,Dept,Ceremony\n1,yes,M1,Business,\n2,yes,M2,Law,\n3,yes,M3,Law,\n4,yes,M1,Law,\n",
    );
    wd.write(
        "mentors.csv",
        "Mentor ID,Sector,Source\nM1,Finance,Alumni\nM2,Law,Alumni\nM3,Law,Alumni\n",
    );
    // Student 1's log names M7 twice and M8 once beside M1; student 2's only
    // M2; student 3's log leaves the mentor blank; student 4 has no meeting.
    wd.write(
        "meetings.csv",
        "Student,Date,Mentor\n1,2026-10-15,M1\n1,2026-11-15,M7\n1,2026-12-15,M7\n1,2027-01-15,M8\n\
         2,2026-10-15,M2\n3,2026-10-15,\n",
    );
    wd.write(
        "evidence.toml",
        factors().replace("date = \"Date\"", "date = \"Date\"\nmentor_id = \"Mentor\""),
    );
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    let metrics: Value = serde_json::from_str(&wd.read("out/internal/metrics.json")).unwrap();
    let c = &metrics["continuity"];
    assert_eq!(c["pairs_with_logged_mentor"], 2, "{c}");
    assert_eq!(c["pairs_with_another_mentor"], 1, "{c}");
    assert_eq!(c["share"], 0.5);
    let pairs = wd.read("out/internal/pairs.csv");
    assert!(
        pairs.lines().next().unwrap().ends_with(",other_mentors_in_log"),
        "{pairs}"
    );
    let student_1 = pairs.lines().find(|l| l.starts_with("1,")).unwrap();
    assert!(student_1.ends_with(",M7; M8"), "{student_1}");
    let student_2 = pairs.lines().find(|l| l.starts_with("2,")).unwrap();
    assert!(student_2.ends_with(','), "{student_2}");
    assert!(
        wd.read("out/report.html")
            .contains("in 1 of 2 pairs (50.0%) the meeting log names another mentor")
    );
}
