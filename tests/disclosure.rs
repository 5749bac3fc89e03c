//! Disclosure control rules of outputs.md.

use mentor_evidence::disclosure::{round_hesa, threshold_count};
use mentor_evidence::metrics::model::Count;

#[test]
fn hesa_rounds_to_nearest_five_halves_up() {
    let cases = [
        (0, 0),
        (1, 0),
        (2, 0),
        (3, 5),
        (4, 5),
        (5, 5),
        (7, 5),
        (8, 10),
        (12, 10),
        (13, 15),
        (22, 20),
        (23, 25),
        (598, 600),
    ];
    for (raw, rounded) in cases {
        assert_eq!(round_hesa(raw), rounded, "{raw}");
    }
}

#[test]
fn hesa_rounding_is_idempotent_and_monotone() {
    let mut previous = 0;
    for raw in 0..500 {
        let r = round_hesa(raw);
        assert_eq!(round_hesa(r), r);
        assert!(r >= previous);
        previous = r;
    }
}

#[test]
fn threshold_hides_small_counts() {
    assert_eq!(threshold_count(0, 5), Count::Exact(0));
    assert_eq!(threshold_count(1, 5), Count::Below(5));
    assert_eq!(threshold_count(4, 5), Count::Below(5));
    assert_eq!(threshold_count(5, 5), Count::Exact(5));
    assert_eq!(Count::Below(5).text(), "<5");
}

use crate::test_config::TestConfig;
use crate::workdir::Workdir;

fn small_programme(wd: &Workdir, rule: impl FnOnce(TestConfig) -> TestConfig) {
    // 30 students; group "Small" has 10 of whom 3 registered.
    let mut cohort = String::from("ID,Registered,Group\n");
    for i in 0..30 {
        let registered = if i < 3 || (10..25).contains(&i) {
            "yes"
        } else {
            "no"
        };
        let group = if i < 10 { "s" } else { "b" };
        cohort.push_str(&format!("{i},{registered},{group}\n"));
    }
    wd.write("cohort.csv", cohort);
    let config = TestConfig::new("D", "cohort.csv")
        .reporting_on("2026-12-18")
        .columns(&[("student_id", "ID"), ("registered", "Registered")])
        .table("[target_groups]\n\"Small\" = { column = \"Group\", in = [\"s\"] }")
        .internal();
    wd.write("evidence.toml", rule(config).toml());
}

fn record<'a>(metrics: &'a serde_json::Value, group: &str, stage: &str) -> &'a serde_json::Value {
    metrics["uptake"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["group"] == group && r["stage"] == stage)
        .unwrap()
}

#[test]
fn hesa_rounds_counts_and_withholds_small_rates_in_every_output() {
    let wd = Workdir::new("hesa-small");
    small_programme(&wd, |c| c.rule("hesa"));
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    let metrics: serde_json::Value = serde_json::from_str(&wd.read("out/metrics.json")).unwrap();
    let small = record(&metrics, "Small", "registered");
    assert_eq!(small["count"], 5, "3 rounds to 5");
    assert_eq!(small["denominator"], 10);
    assert!(small["rate"].is_null(), "denominator 10 < 22.5: rate withheld");
    // n = 10 > 7, but Fisher's p names its table as closely as the withheld rate would.
    assert!(
        small["p_value"].is_null(),
        "a test on counts follows the rate rule"
    );
    let suppressed: Vec<&str> = small["suppressed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for field in [
        "rate",
        "ci_low",
        "ci_high",
        "conversion",
        "gap_pp",
        "p_value",
        "p_adjusted",
    ] {
        assert!(suppressed.contains(&field), "{field} in {suppressed:?}");
    }
    // The rate of All eligible is computed from unrounded counts: 18/30.
    assert_eq!(record(&metrics, "All eligible", "registered")["rate"], 0.6);
    let csv = wd.read("out/tables/uptake.csv");
    assert!(csv.contains("Small,registered,5,10,..,..,..,"), "{csv}");
    assert!(
        !wd.read("out/report.html").contains("30.0%"),
        "the withheld 3/10 must not appear"
    );
    // Internal outputs keep the unrounded figures.
    let internal: serde_json::Value = serde_json::from_str(&wd.read("out/internal/metrics.json")).unwrap();
    assert_eq!(record(&internal, "Small", "registered")["count"], 3);
    assert_eq!(record(&internal, "Small", "registered")["rate"], 0.3);
}

#[test]
fn threshold_rule_shows_small_counts_as_below_n() {
    let wd = Workdir::new("threshold-small");
    small_programme(&wd, |c| c.threshold(5));
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    let metrics: serde_json::Value = serde_json::from_str(&wd.read("out/metrics.json")).unwrap();
    let small = record(&metrics, "Small", "registered");
    assert_eq!(small["count"], "<5");
    assert_eq!(small["denominator"], 10);
    // 0.3 x 10 would give the withheld 3 back.
    assert!(small["rate"].is_null(), "{small}");
    // All eligible 18 = Small + Not in any: one more count of that total is withheld.
    let rest = record(&metrics, "Not in any target group", "registered");
    assert!(rest["count"].is_null(), "{rest}");
    assert!(rest["rate"].is_null(), "{rest}");
    assert_eq!(record(&metrics, "All eligible", "registered")["count"], 18);
    let csv = wd.read("out/tables/uptake.csv");
    assert!(csv.contains("Small,registered,<5,10,..,"), "{csv}");
    assert!(
        csv.contains("Not in any target group,registered,..,20,..,"),
        "{csv}"
    );
}

#[test]
fn rule_none_marks_the_report_not_for_publication() {
    let wd = Workdir::new("none-small");
    small_programme(&wd, |c| c.rule("none"));
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    assert!(wd.read("out/report.html").contains("not for publication"));
}

/// Under `hesa`, no statistic gives away a count the rule rounds that is
/// below 8 (outputs.md): McNemar's p beside b and c, a survival curve's
/// monthly step; a survival is a rate over 22.5 pairs or more; and every
/// count is rounded, the inputs' rows, the data-quality counts and the
/// comparison's strata included.
#[test]
fn hesa_publishes_no_statistic_that_pins_a_count_below_8() {
    let wd = Workdir::new("hesa-small-counts");
    crate::workdir::copy_dir(crate::workdir::shared_sample(), &wd.path("sample"));
    let config = wd
        .read("sample/evidence.toml")
        .replace("internal = false", "internal = true");
    wd.write("sample/evidence.toml", config);
    wd.run(&["run", "-c", "sample/evidence.toml", "--out", "out", "--quiet"])
        .expect_code(0);
    let published: serde_json::Value = serde_json::from_str(&wd.read("out/metrics.json")).unwrap();
    let truth: serde_json::Value = serde_json::from_str(&wd.read("out/internal/metrics.json")).unwrap();
    let list = |m: &serde_json::Value, k: &str| m[k].as_array().cloned().unwrap_or_default();
    let small = |v: u64| (1..8).contains(&v);
    let mut found = Vec::new();
    for (p, t) in list(&published, "intent_paired")
        .iter()
        .zip(list(&truth, "intent_paired"))
    {
        let (b, c) = (t["b"].as_u64().unwrap(), t["c"].as_u64().unwrap());
        if !p["mcnemar_p"].is_null() && (small(b) || small(c)) {
            found.push(format!("McNemar p of {} with b = {b}, c = {c}", p["group"]));
        }
    }
    let (mut events_before, mut at_risk_before, mut group) = (0, 0, String::new());
    let mut pairs = 0;
    for (p, t) in list(&published, "retention")
        .iter()
        .zip(list(&truth, "retention"))
    {
        let at_risk = t["at_risk"].as_u64().unwrap();
        if t["group"].as_str() != Some(group.as_str()) {
            group = t["group"].as_str().unwrap().to_string();
            (events_before, at_risk_before) = (0, t["pairs"].as_u64().unwrap_or(at_risk));
            pairs = at_risk_before;
        }
        // The step from the last month shown: what two shown survivals give away.
        let events = t["events"].as_u64().unwrap_or(0);
        let step = [events - events_before, at_risk_before.saturating_sub(at_risk)];
        if !p["survival"].is_null() {
            if step.iter().any(|&s| small(s)) || (pairs as f64) < 22.5 {
                found.push(format!(
                    "{group} month {}: survival shown over a step of {step:?}",
                    p["month"]
                ));
            }
            (events_before, at_risk_before) = (events, at_risk);
        }
    }
    let mut counts: Vec<(String, u64)> = Vec::new();
    for i in list(&published, "inputs") {
        for k in ["rows_read", "rows_used"] {
            counts.push((format!("inputs {} {k}", i["name"]), i[k].as_u64().unwrap()));
        }
    }
    for c in list(&published["data_quality"], "by_input") {
        counts.push((
            format!("data quality {} {}", c["input"], c["rule"]),
            c["findings"].as_u64().unwrap(),
        ));
    }
    for c in list(&published, "comparison") {
        counts.push(("strata".to_string(), c["strata"].as_u64().unwrap()));
    }
    found.extend(
        counts
            .iter()
            .filter(|(_, v)| v % 5 != 0)
            .map(|(k, v)| format!("{k} = {v} not rounded")),
    );
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// Under `threshold` every count a published figure asks the plan about
/// is one some family registered: a count nobody registered is withheld
/// (failing closed), so a forgotten registration would withhold a figure
/// silently and count it as a secondary suppression. The sample's whole
/// model (funnel, relationships, surveys, the matched comparison) is
/// published and the counts asked for but never registered are named.
#[test]
fn every_count_a_published_figure_asks_for_is_registered() {
    let path = crate::workdir::shared_sample().join("evidence.toml");
    let mut config = mentor_evidence::config::Config::load(&path).expect("the sample's configuration");
    config.disclosure.rule = mentor_evidence::config::DisclosureRule::Threshold;
    config.disclosure.threshold = 10;
    let run = mentor_evidence::pipeline::pipeline(&config).expect("the sample runs");
    let missed = mentor_evidence::disclosure::unregistered_counts(&run.computed.metrics, &config.disclosure);
    assert!(
        missed.is_empty(),
        "counts asked for but never registered: {missed:?}"
    );
}
