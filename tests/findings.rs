//! Key findings: sentences from the published figures only, as strong as
//! the figures and labels allow and no stronger.

use mentor_evidence::config::{Disclosure, DisclosureRule};
use mentor_evidence::disclosure::publish;
use mentor_evidence::metrics::model::{
    ComparisonRecord, Count, DataQualityRecord, Metrics, QualityCount, Stage, UptakeRecord,
};
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
    let errors_found = metrics.data_quality.errors.value().is_some_and(|n| n > 0);
    key_findings(&publish(metrics, &disclosure), errors_found)
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
                "40.0% of eligible students registered; no target group's uptake differs significantly from this average \
                 once the groups are tested together. The largest gap is for Commuters, 20.0 points below."
                    .to_string()
            ),
            ("Caveat".to_string(), "The input files passed every data quality check.".to_string()),
        ]
    );
}

/// One error, rounded to 0 under the HESA rule: the caveat says fewer
/// than 3 errors, never "no errors" beside the banner saying errors were
/// found (regression: Wyvernley's "0 errors" with an error in the run).
#[test]
fn errors_rounded_to_zero_are_fewer_than_three_never_none() {
    let mut metrics = cohort(0.3);
    metrics.data_quality = DataQualityRecord {
        errors: Count::Exact(1),
        warnings: Count::Exact(40),
        by_rule: [("unparseable_date".to_string(), Count::Exact(1))].into(),
        by_input: vec![QualityCount {
            input: "cohort".to_string(),
            rule: "target_group_value_missing",
            severity: "warning",
            findings: Count::Exact(40),
        }],
    };
    let found = texts(&metrics, DisclosureRule::Hesa);
    let caveat = &found.last().expect("a caveat").1;
    assert!(
        caveat.starts_with("Data quality: fewer than 3 errors and 40 warnings"),
        "{caveat}"
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

/// A matched effect on securing a placement in `group`: (ATT, interval), its
/// adjusted p.
fn effect(
    group: &str,
    evidence: &'static str,
    (att, low, high): (f64, f64, f64),
    p_adjusted: f64,
) -> ComparisonRecord {
    ComparisonRecord {
        group: group.into(),
        outcome: "placement_secured".into(),
        treated: Count::Exact(200),
        controls: Count::Exact(300),
        treated_matched: Count::Exact(150),
        controls_matched: Count::Exact(200),
        strata: Count::Exact(40),
        strata_kept: Count::Exact(30),
        share_treated_kept: Some(0.75),
        treated_rate: Some(0.3),
        control_rate: Some(0.2),
        att: Some(att),
        se: Some(0.04),
        ci_low: Some(low),
        ci_high: Some(high),
        p_value: Some(p_adjusted),
        p_adjusted: Some(p_adjusted),
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
    }
}

#[test]
fn the_matched_comparison_is_said_as_strongly_as_its_label_and_interval_allow() {
    let record = |evidence: &'static str, att: f64, low: f64, high: f64| {
        effect("All eligible", evidence, (att, low, high), 0.01)
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
            .contains("an association with securing a placement of +10.0 points (95% interval +2.0 to +18.0), not an effect"),
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

/// Issue 30: the one clear target-group effect among many was left out of
/// the key findings; it is said, with how many group estimates were made,
/// and the unclear ones are not.
#[test]
fn one_clear_subgroup_effect_among_many_is_said_with_how_many_were_made() {
    let mut metrics = cohort(0.3);
    metrics.comparison = vec![effect("All eligible", "Type 3", (0.05, -0.02, 0.12), 0.2)];
    for g in 1..=12 {
        let (range, p) = if g == 5 {
            ((0.319, 0.144, 0.494), 0.012)
        } else {
            ((0.02, -0.1, 0.14), 0.6)
        };
        metrics
            .comparison
            .push(effect(&format!("Group {g}"), "Type 3", range, p));
    }
    let found = texts(&metrics, DisclosureRule::None);
    let sentence = &found
        .iter()
        .find(|(_, t)| t.contains("matched comparison"))
        .unwrap()
        .1;
    assert!(
        sentence.contains(
            "Of the 12 target-group estimates, one stays clear once they are tested together: Group 5, securing a \
             placement: +31.9 points (95% interval +14.4 to +49.4; Type 3)."
        ),
        "{sentence}"
    );
    assert!(!sentence.contains("Group 4"), "{sentence}");
}

/// A scale's paired change for All eligible.
fn paired(
    scale: &str,
    (diff, low, high): (f64, f64, f64),
    p_adjusted: f64,
) -> mentor_evidence::metrics::model::PairedRecord {
    mentor_evidence::metrics::model::PairedRecord {
        scale: scale.into(),
        group: "All eligible".into(),
        n: Count::Exact(80),
        mean_pre: Some(3.1),
        mean_post: Some(3.1 + diff),
        mean_diff: Some(diff),
        sd_diff: Some(0.7),
        ci_low: Some(low),
        ci_high: Some(high),
        t: Some(2.1),
        df: Some(79.0),
        p_value: Some(0.04),
        p_adjusted: Some(p_adjusted),
        cohens_dz: Some(0.3),
        hedges_gz: Some(0.29),
        wilcoxon_statistic: None,
        wilcoxon_p: None,
        rank_biserial: None,
        too_few: false,
        suppressed: Vec::new(),
        n_raw: 80,
    }
}

/// Issue 30: "resilience changed little (not significant)" stood beside a
/// chart of +0.34 [+0.03, +0.66]: the words used the adjusted p, the chart
/// the unadjusted interval. Both are said now.
#[test]
fn an_unadjusted_interval_excluding_zero_with_an_adjusted_p_above_005_says_both() {
    let mut metrics = cohort(0.3);
    metrics.paired = vec![
        paired("Confidence", (0.1, -0.05, 0.25), 0.2),
        paired("Resilience", (0.34, 0.03, 0.66), 0.08),
    ];
    let found = texts(&metrics, DisclosureRule::None);
    let sentence = &found.iter().find(|(_, t)| t.contains("surveys")).unwrap().1;
    assert!(
        sentence.contains(
            "resilience went from 3.10 to 3.44, a change of +0.34 (95% interval +0.03 to +0.66): a rise; not \
             significant once the 2 scales are tested together"
        ),
        "{sentence}"
    );
    assert!(
        sentence.contains(
            "a change of +0.10 (95% interval -0.05 to +0.25): no clear change (the interval includes none)"
        ),
        "{sentence}"
    );
}

/// Issue 30: the headline tile said "+11.6 pp Type 3" with no interval,
/// which reads as an established effect; the tile carries its interval and
/// a verdict in words.
#[test]
fn the_matched_effect_tile_carries_its_interval_and_verdict() {
    let wd = crate::workdir::Workdir::new("findings-tile");
    crate::workdir::copy_dir(crate::workdir::shared_sample(), &wd.path("sample"));
    wd.run(&["run", "-c", "sample/evidence.toml", "--out", "out", "--quiet"])
        .expect_code(0);
    let report = wd.read("out/report.html");
    let at = report
        .find("Effect on applying for a placement (matched)")
        .expect("the tile");
    let tile = &report[at..at + 600];
    assert!(
        tile.contains("no clear effect, the interval includes none (95% interval -2.0 to +25.1 points)"),
        "{tile}"
    );
}
