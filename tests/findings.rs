//! Key findings: sentences from the published figures only, as strong as
//! the figures and labels allow and no stronger.

use mentor_evidence::config::{Disclosure, DisclosureRule};
use mentor_evidence::disclosure::publish;
use mentor_evidence::metrics::model::{ComparisonRecord, Count, Metrics, Stage, UptakeRecord};
use mentor_evidence::render::findings::key_findings;

fn registered(group: &str, count: u64, denominator: u64, gap: f64, p: Option<f64>) -> UptakeRecord {
    stage(Stage::Registered, group, count, denominator, gap, p)
}

/// The funnel's eligible row: the tests of a stage need it.
fn eligible(group: &str, n: u64) -> UptakeRecord {
    stage(Stage::Eligible, group, n, n, 0.0, None)
}

fn stage(stage: Stage, group: &str, count: u64, denominator: u64, gap: f64, p: Option<f64>) -> UptakeRecord {
    UptakeRecord {
        group: group.to_string(),
        stage,
        count: Count::Exact(count),
        denominator: Count::Exact(denominator),
        rate: Some(count as f64 / denominator as f64),
        ci_low: None,
        ci_high: None,
        conversion: None,
        gap_pp: Some(gap),
        p_value: p,
        p_adjusted: p,
        suppressed: Vec::new(),
        parent_count: Some(denominator),
    }
}

fn texts(metrics: &Metrics, rule: DisclosureRule) -> Vec<(String, String)> {
    let disclosure = Disclosure { rule, threshold: 5 };
    key_findings(&publish(metrics, &disclosure))
        .into_iter()
        .map(|f| (f.evidence.to_string(), f.text))
        .collect()
}

fn cohort(gap_p: f64) -> Metrics {
    Metrics {
        groups: vec![
            "All eligible".into(),
            "Commuters".into(),
            "Not in any target group".into(),
        ],
        uptake: vec![
            eligible("All eligible", 600),
            registered("All eligible", 240, 600, 0.0, None),
            eligible("Commuters", 200),
            registered("Commuters", 40, 200, -20.0, Some(gap_p)),
            eligible("Not in any target group", 400),
            registered("Not in any target group", 200, 400, 10.0, Some(gap_p)),
        ],
        ..Metrics::default()
    }
}

#[test]
fn a_run_where_nothing_is_significant_says_so_and_claims_nothing_more() {
    let found = texts(&cohort(0.3), DisclosureRule::None);
    assert_eq!(
        found,
        [
            (
                "Type 2".to_string(),
                "40.0% of eligible students registered; no target group's uptake differs significantly from this average."
                    .to_string()
            ),
            ("Caveat".to_string(), "The input files passed every data quality check.".to_string()),
        ]
    );
}

#[test]
fn a_significant_gap_is_named_with_its_size_but_not_the_rest_of_the_cohort() {
    let found = texts(&cohort(0.01), DisclosureRule::None);
    assert_eq!(
        found[0].1,
        "40.0% of eligible students registered; uptake differs significantly from this average for Commuters (20.0 points below)."
    );
}

#[test]
fn a_withheld_rate_gives_no_sentence() {
    let mut metrics = cohort(0.01);
    // Two registered students in All eligible: under the threshold rule the
    // rate is withheld, so no sentence may state it.
    metrics.uptake[1] = registered("All eligible", 2, 600, 0.0, None);
    let found = texts(&metrics, DisclosureRule::Threshold);
    assert!(found.iter().all(|(_, t)| !t.contains("registered")), "{found:?}");
}

#[test]
fn the_matched_comparison_is_said_as_strongly_as_its_label_and_interval_allow() {
    let record = |evidence: &'static str, att: f64, low: f64, high: f64| ComparisonRecord {
        group: "All eligible".into(),
        outcome: "placement_secured".into(),
        treated: Count::Exact(200),
        controls: Count::Exact(300),
        treated_matched: Count::Exact(150),
        controls_matched: Count::Exact(200),
        strata: mentor_evidence::metrics::model::Count::Exact(40),
        strata_kept: mentor_evidence::metrics::model::Count::Exact(30),
        share_treated_kept: Some(0.75),
        treated_rate: Some(0.3),
        control_rate: Some(0.2),
        att: Some(att),
        se: Some(0.04),
        ci_low: Some(low),
        ci_high: Some(high),
        p_value: Some(0.01),
        p_adjusted: Some(0.01),
        risk_ratio: Some(1.5),
        e_value: Some(2.37),
        e_value_ci: Some(1.3),
        max_abs_smd_after: Some(0.02),
        role: mentor_evidence::metrics::model::OUTCOME,
        evidence_type: Some(evidence),
        reasons: Vec::new(),
        suppressed: Vec::new(),
        treated_with_outcome: 45,
        treated_stage: Stage::Matched,
    };
    let with = |r: ComparisonRecord| {
        let mut m = cohort(0.3);
        m.comparison = vec![r];
        texts(&m, DisclosureRule::None)
    };
    let effect = with(record("Type 3", 0.1, 0.02, 0.18));
    let sentence = effect
        .iter()
        .find(|(_, t)| t.contains("matched comparison"))
        .unwrap();
    assert_eq!(sentence.0, "Type 3");
    assert!(
        sentence
            .1
            .contains("securing a placement by +10.0 percentage points (95% interval +2.0 to +18.0)"),
        "{sentence:?}"
    );
    let unclear = with(record("Type 3", 0.1, -0.02, 0.22));
    assert!(
        unclear
            .iter()
            .any(|(_, t)| t.contains("no clear effect on securing a placement")),
        "{unclear:?}"
    );
    let association = with(record("Type 2", 0.1, 0.02, 0.18));
    let sentence = association
        .iter()
        .find(|(_, t)| t.contains("matched comparison"))
        .unwrap();
    assert_eq!(sentence.0, "Type 2");
    assert!(
        sentence
            .1
            .contains("an association with securing a placement of +10.0 points, not an effect"),
        "{sentence:?}"
    );
}

/// Every chart's text alternative states its main finding first, not only
/// what kind of chart it is (WCAG 1.1.1: the alternative serves the same
/// purpose as the chart).
#[test]
fn every_chart_alternative_opens_with_its_finding() {
    let wd = crate::workdir::Workdir::new("findings-alternatives");
    crate::workdir::copy_dir(crate::workdir::shared_sample(), &wd.path("sample"));
    wd.run(&["run", "-c", "sample/evidence.toml", "--out", "out", "--quiet"])
        .expect_code(0);
    let report = wd.read("out/report.html");
    let generic = [
        "Horizontal bars",
        "Stacked bars",
        "Dots show",
        "Step curve",
        "Grouped bars",
        "Diverging",
        "Dot plot",
        "For each group",
    ];
    let mut descriptions = 0;
    for part in report.split("<desc id=\"").skip(1) {
        let text = part.split_once('>').map_or("", |(_, rest)| rest);
        descriptions += 1;
        assert!(
            !generic.iter().any(|g| text.starts_with(g)),
            "a chart alternative opens with its kind, not its finding: {}",
            &text[..text.len().min(120)]
        );
    }
    assert!(descriptions > 30, "{descriptions} charts");
}

/// The sample report opens with three to six key findings, each linked to
/// its section, the uptake one naming the group whose gap is significant.
#[test]
fn the_sample_report_opens_with_its_key_findings() {
    let report = include_str!("../reports/sample/report.html");
    let section = report
        .split("<section id=\"key-findings\">")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .expect("a key findings section");
    let findings = section.matches("<li>").count();
    assert!((3..=6).contains(&findings), "{findings} findings");
    assert_eq!(
        section.matches("<a href=\"#").count(),
        findings,
        "each links to its section"
    );
    assert!(
        section.contains("uptake differs significantly from this average for"),
        "{section}"
    );
}
