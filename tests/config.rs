//! Configuration parsing: unknown keys, dates, target-group order.

use mentor_evidence::config::Config;

const MINIMAL: &str = r#"
[programme]
name = "P"
period = "2026/27"
start = 2026-09-28
as_of = 2026-12-18

[inputs.cohort]
path = "cohort.csv"
[inputs.cohort.columns]
student_id = "ID"
registered = "Signed up"

[target_groups]
"Zeta" = { column = "Z", in = ["1"] }
"Alpha" = { column = "A", in = [1, 2.0] }
"Mid" = { column = "M", in = ["y"] }
"#;

#[test]
fn minimal_config_parses_with_defaults() {
    let config = Config::parse(MINIMAL).expect("parses");
    assert_eq!(config.programme.as_of.to_string(), "2026-12-18");
    assert_eq!(config.engagement.quiz_pass_mark, 70.0);
    assert_eq!(config.output.dir, "reports");
}

#[test]
fn target_groups_keep_file_order_and_number_text() {
    let config = Config::parse(MINIMAL).expect("parses");
    let names: Vec<&str> = config.target_groups.0.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Zeta", "Alpha", "Mid"]);
    assert_eq!(config.target_groups.0[1].1.values, ["1", "2"]);
}

fn error_for(from: &str, to: &str) -> String {
    assert!(MINIMAL.contains(from));
    Config::parse(&MINIMAL.replacen(from, to, 1)).expect_err("should fail")
}

#[test]
fn unknown_keys_are_named_with_the_valid_ones() {
    let err = error_for("name = \"P\"", "nme = \"P\"");
    assert!(err.contains("nme") && err.contains("name"), "{err}");
    let err = error_for("student_id = \"ID\"", "studnet_id = \"ID\"");
    assert!(err.contains("studnet_id") && err.contains("student_id"), "{err}");
    let err = error_for("path = \"cohort.csv\"", "pth = \"cohort.csv\"");
    assert!(err.contains("pth") && err.contains("path"), "{err}");
    let err = error_for("[target_groups]", "[target_group]");
    assert!(
        err.contains("target_group") && err.contains("target_groups"),
        "{err}"
    );
}

#[test]
fn bad_dates_and_values_are_explained() {
    let err = error_for("as_of = 2026-12-18", "as_of = \"18/12/2026\"");
    assert!(err.contains("18/12/2026") && err.contains("2026-09-28"), "{err}");
    let err = error_for("as_of = 2026-12-18", "as_of = 2026-01-01");
    assert!(err.contains("before programme.start"), "{err}");
    let err =
        Config::parse(&format!("{MINIMAL}\n[disclosure]\nrule = \"rounding\"\n")).expect_err("bad rule");
    assert!(
        err.contains("rounding") && err.contains("hesa") && err.contains("threshold"),
        "{err}"
    );
}

#[test]
fn built_in_group_names_are_refused() {
    let err = error_for("\"Mid\" =", "\"All eligible\" =");
    assert!(err.contains("All eligible"), "{err}");
}
