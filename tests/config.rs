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

/// MINIMAL with an outcome, a mentor column and a `[comparison]` table.
fn with_comparison(comparison: &str) -> String {
    MINIMAL.replace(
        "registered = \"Signed up\"",
        "registered = \"Signed up\"\nmentor_id = \"Mentor\"\nplacement_secured = \"Secured\"",
    ) + "\n[comparison]\n"
        + comparison
}

fn comparison_error(comparison: &str) -> String {
    Config::parse(&with_comparison(comparison)).expect_err("should fail")
}

#[test]
fn comparison_parses_with_the_spec_defaults_and_document_order() {
    let config = Config::parse(&with_comparison(
        "match_on = [\"School\"]\n[comparison.coarsen]\n\"Year 1 average\" = [0, 40, 60, 100.5]\n\"Age\" = [17, 21, 99]\n\
         [comparison.extra_outcomes]\n\"Progressed\" = \"Year 3\"\n",
    ))
    .expect("parses");
    let c = config.comparison.as_ref().expect("configured");
    assert_eq!(c.treated, mentor_evidence::config::Treated::Matched);
    assert_eq!(c.smd_threshold, 0.1);
    assert_eq!(c.min_matched, 20);
    assert_eq!(c.outcome_ids(&config.mapped_outcomes()), ["placement_secured"]);
    let coarsen: Vec<&str> = c.coarsen.0.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(coarsen, ["Year 1 average", "Age"]);
    let headers: Vec<(&str, &str)> = config.cohort_headers();
    assert!(
        headers.contains(&("Year 3", "comparison.extra_outcomes")),
        "{headers:?}"
    );
    assert!(
        headers.contains(&("School", "comparison.match_on")),
        "{headers:?}"
    );
    assert!(headers.contains(&("Z", "a target-group rule")), "{headers:?}");
}

#[test]
fn comparison_config_errors_name_the_key_and_what_was_expected() {
    let cases = [
        ("match_on = []", "match_on and comparison.coarsen are both empty"),
        (
            "match_on = [\"S\"]\n[comparison.coarsen]\n\"Mark\" = [40]",
            "comparison.coarsen.\"Mark\" has 1 edge(s)",
        ),
        (
            "match_on = [\"S\"]\n[comparison.coarsen]\n\"Mark\" = []",
            "has 0 edge(s), so no bin",
        ),
        (
            "match_on = [\"S\"]\n[comparison.coarsen]\n\"Mark\" = [0, 50, 40, 100]",
            "50 then 40 is not increasing",
        ),
        (
            "match_on = [\"S\"]\n[comparison.coarsen]\n\"Mark\" = [0, 50, 50, 100]",
            "50 then 50 repeats",
        ),
        (
            "match_on = [\"S\"]\noutcomes = [\"progressed\"]",
            "comparison.outcomes: \"progressed\" is not a canonical cohort flag",
        ),
        (
            "match_on = [\"S\"]\noutcomes = [\"placement_applied\"]",
            "\"placement_applied\" is not mapped",
        ),
        ("match_on = [\"S\"]\nbalance_on = [\"S\"]", "\"S\" is in match_on"),
        (
            "match_on = [\"S\"]\n[comparison.coarsen]\n\"S\" = [0, 1]",
            "\"S\" is matched on twice",
        ),
        (
            "match_on = [\"S\"]\nsmd_threshold = 0",
            "comparison.smd_threshold is 0",
        ),
        (
            "match_on = [\"S\"]\nmin_matched = 0",
            "comparison.min_matched is 0",
        ),
        ("match_on = [\"S\"]\ntreated = \"everyone\"", "matched"),
        ("match_on = [\"S\"]\nmatch_in = [\"S\"]", "match_on"),
        (
            "match_on = [\"S\"]\n[comparison.extra_outcomes]\n\"placement_secured\" = \"X\"",
            "the label \"placement_secured\" is a canonical outcome's id",
        ),
    ];
    for (comparison, expected) in cases {
        let err = comparison_error(comparison);
        assert!(err.contains(expected), "{comparison}: {err}");
    }
    let err = Config::parse(
        &(MINIMAL.replace(
            "registered = \"Signed up\"",
            "registered = \"Signed up\"\nplacement_secured = \"S\"",
        ) + "\n[comparison]\nmatch_on = [\"S\"]\n"),
    )
    .expect_err("no mentor column");
    assert!(
        err.contains("comparison.treated is \"matched\" but inputs.cohort.columns has no mentor_id"),
        "{err}"
    );
}

#[test]
fn a_near_miss_config_key_gets_did_you_mean() {
    let err = error_for("student_id = \"ID\"", "studnet_id = \"ID\"");
    assert!(err.ends_with("did you mean `student_id`?"), "{err}");
    let err = error_for("[target_groups]", "[target_groups]\n[enagement]");
    assert!(err.contains("did you mean `engagement`?"), "{err}");
    // Nothing close: no guess.
    let err = error_for("name = \"P\"", "colour = \"P\"");
    assert!(!err.contains("did you mean"), "{err}");
}

#[test]
fn suggestions_fold_case_and_spacing_before_measuring() {
    use mentor_evidence::suggest::closest;
    let headers = ["Student ID", "Signed up", "Email address"];
    assert_eq!(closest("Student Id", headers), Some("Student ID"));
    assert_eq!(closest("student_id", headers), Some("Student ID"));
    assert_eq!(closest("Signed  up ", headers), Some("Signed up"));
    assert_eq!(closest("Signd up", headers), Some("Signed up"));
    assert_eq!(closest("Postcode", headers), None);
}
