//! Uptake by department (metrics.md §7): departments named once whatever
//! their case, small ones pooled into "Other departments" by the
//! disclosure rule's smallest denominator, the funnel of each against the
//! cohort average.

use serde_json::Value;

use crate::test_config::TestConfig;
use crate::workdir::Workdir;

fn config() -> String {
    TestConfig::new("Departments", "cohort.csv")
        .columns(&[
            ("student_id", "ID"),
            ("registered", "Registered"),
            ("department", "School"),
        ])
        .threshold(5)
        .internal()
        .toml()
}

/// Law: 30 students, 20 registered; Music: 30, 6 registered; "tiny" and
/// "Tiny" (one department): 3 students, 1 registered; 1 without a school.
fn write_cohort(wd: &Workdir) {
    let mut text = String::from("ID,Registered,School\n");
    let mut id = 0;
    let mut add = |school: &str, n: usize, registered: usize| {
        for i in 0..n {
            id += 1;
            text += &format!("{id},{},{school}\n", if i < registered { "yes" } else { "no" });
        }
    };
    add("Law", 30, 20);
    add("Music", 30, 6);
    add("tiny", 2, 1);
    add("Tiny", 1, 0);
    add("", 1, 0);
    wd.write("cohort.csv", text);
}

fn rows<'a>(metrics: &'a Value, stage: &str) -> Vec<&'a Value> {
    metrics["departments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["stage"] == stage)
        .collect()
}

#[test]
fn small_departments_are_pooled_and_each_is_compared_with_the_rest() {
    let wd = Workdir::new("departments");
    write_cohort(&wd);
    wd.write("evidence.toml", config());
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    let metrics: Value = serde_json::from_str(&wd.read("out/internal/metrics.json")).unwrap();
    let registered = rows(&metrics, "registered");
    let names: Vec<&str> = registered.iter().map(|r| r["group"].as_str().unwrap()).collect();
    assert_eq!(names, ["All eligible", "Law", "Music", "Other departments"]);
    let counts: Vec<(u64, u64)> = registered
        .iter()
        .map(|r| (r["count"].as_u64().unwrap(), r["denominator"].as_u64().unwrap()))
        .collect();
    // Tiny (3, either case) and the student without a school are pooled.
    assert_eq!(counts, [(27, 64), (20, 30), (6, 30), (1, 4)]);
    // Law against the rest of the cohort: 20/30 vs 7/34.
    let law = registered[1];
    let expected = mentor_evidence::stats::fisher::fisher_exact(20, 10, 7, 27);
    assert!(
        (law["p_value"].as_f64().unwrap() - expected).abs() < 1e-12,
        "{law}"
    );
    assert!((law["gap_pp"].as_f64().unwrap() - 100.0 * (20.0 / 30.0 - 27.0 / 64.0)).abs() < 1e-9);
    let published = wd.read("out/tables/departments.csv");
    assert!(published.starts_with("department,stage,count"), "{published}");
    // Other departments' 1 registered of 4 is a small count under threshold 5.
    assert!(
        published.contains("Other departments,registered,<5,<5,"),
        "{published}"
    );
}

#[test]
fn without_pooling_under_rule_none_every_department_has_its_row() {
    let wd = Workdir::new("departments-none");
    write_cohort(&wd);
    wd.write(
        "evidence.toml",
        config().replace("rule = \"threshold\"\nthreshold = 5", "rule = \"none\""),
    );
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    let metrics: Value = serde_json::from_str(&wd.read("out/internal/metrics.json")).unwrap();
    let names: Vec<&str> = rows(&metrics, "eligible")
        .iter()
        .map(|r| r["group"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["All eligible", "Law", "Music", "tiny", "Department not recorded"]
    );
}

#[test]
fn a_header_that_differs_only_in_case_gets_did_you_mean() {
    let wd = Workdir::new("departments-did-you-mean");
    write_cohort(&wd);
    wd.write(
        "evidence.toml",
        config().replace("student_id = \"ID\"", "student_id = \"Id\""),
    );
    let err = wd
        .run(&["validate", "-c", "evidence.toml"])
        .expect_code(1)
        .stderr();
    assert!(
        err.contains("missing required column \"Id\"") && err.ends_with("did you mean \"ID\"?\n"),
        "{err}"
    );
    wd.write(
        "evidence.toml",
        config().replace("department = \"School\"", "department = \"school \""),
    );
    let err = wd
        .run(&["validate", "-c", "evidence.toml"])
        .expect_code(1)
        .stderr();
    assert!(err.contains("did you mean \"School\"?"), "{err}");
}

/// Excel on Windows saves "CSV (Comma delimited)" in Windows-1252: such a
/// file is read, its text decoded, and a data quality note names it.
#[test]
fn a_windows_1252_file_is_read_and_noted() {
    let wd = Workdir::new("departments-cp1252");
    let mut bytes: Vec<u8> = b"ID,Registered,School,Fee\n".to_vec();
    for i in 0..30 {
        bytes.extend_from_slice(format!("{i},yes,").as_bytes());
        bytes.extend_from_slice(if i % 2 == 0 { b"Caf\xe9 Studies" } else { b"Law" });
        // A pound sign in a column the configuration does not read.
        bytes.extend_from_slice(b",\xa3120\r\n");
    }
    wd.write("cohort.csv", bytes);
    wd.write("evidence.toml", config());
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    let metrics: Value = serde_json::from_str(&wd.read("out/internal/metrics.json")).unwrap();
    let names: Vec<&str> = rows(&metrics, "registered")
        .iter()
        .map(|r| r["group"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["All eligible", "Café Studies", "Law"]);
    assert_eq!(metrics["inputs"][0]["files"][0]["encoding"], "Windows-1252");
    let findings = wd.read("out/data-quality.csv");
    assert!(
        findings.contains(
            "cohort,cohort.csv,,,,file_encoding,warning,\"the file is not UTF-8 and was read as Windows-1252"
        ),
        "{findings}"
    );
}
