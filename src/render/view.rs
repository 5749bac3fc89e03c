//! The report's view model: everything report.html shows, already formatted,
//! so templates stay logic-light. Built only from the published (disclosure-
//! controlled) model.

use serde::Serialize;

use super::table_view::{TableView, table_view};
use crate::charts::{Chart, ReportCharts};
use crate::config::{Config, DisclosureRule};
use crate::disclosure::Published;
use crate::metrics::groups::ALL_ELIGIBLE;
use crate::metrics::model::{OUTCOME, Stage};
use crate::output::table::Table;
use crate::output::tables;
use crate::validate::DataQuality;

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct ReportView {
    pub title: String,
    pub programme: String,
    pub institution: String,
    pub period: String,
    pub start: String,
    pub as_of: String,
    pub evidence_type: String,
    pub disclosure: String,
    pub not_for_publication: bool,
    pub quality_failed: bool,
    /// Counts of findings as published.
    pub errors: String,
    pub warnings: String,
    /// The report's opening sentences.
    pub key_findings: Vec<super::findings::KeyFinding>,
    pub headline: Vec<Headline>,
    pub uptake: UptakeSection,
    /// Section 4, when the meeting log and mentor ids exist.
    pub relationships: Option<RelationshipsSection>,
    /// Section 5, when the mentor bank is configured.
    pub mentors: Option<MentorSection>,
    /// Section 6, when surveys are configured.
    pub surveys: Option<SurveySection>,
    /// Section 7, when intent or outcomes exist.
    pub placement: Option<PlacementSection>,
    /// Section 7a, when `[comparison]` is configured.
    pub comparison: Option<super::comparison::ComparisonSection>,
    /// Section 7b, when departments or pair factors exist.
    pub lasting: Option<super::lasting::LastingSection>,
    /// Section 8, when history exists.
    pub trend: Option<TrendSection>,
    pub data_quality: TableView,
    pub methods: Methods,
    /// The sections shown (`[report] sections`, those with figures), in order.
    pub sections: Vec<SectionLink>,
    /// The contents: the sections, then data quality and methods.
    pub contents: Vec<SectionLink>,
    /// The team's own words (`[report] narrative`) as escaped HTML, by
    /// section id, and before the first section.
    pub narrative: std::collections::BTreeMap<&'static str, Option<String>>,
    pub narrative_intro: Option<String>,
}

/// A section as the contents list and the template name it.
#[derive(Debug, Clone, Serialize)]
pub struct SectionLink {
    pub id: &'static str,
    pub anchor: &'static str,
    pub title: &'static str,
}

impl SectionLink {
    fn of((id, title): (&'static str, &'static str)) -> SectionLink {
        let anchor = match id {
            "key_findings" => "key-findings",
            "outcomes" => "placement",
            "data_quality" => "data-quality",
            other => other,
        };
        SectionLink { id, anchor, title }
    }
}

/// Section 4.
#[derive(Debug, Clone, Serialize)]
pub struct RelationshipsSection {
    pub timeline: Option<Chart>,
    pub status: Option<Chart>,
    pub compliance: Option<Chart>,
    pub compliance_bands: Option<Chart>,
    pub compliance_table: Option<TableView>,
    pub retention: Vec<Chart>,
    pub table: TableView,
    pub retention_table: TableView,
    pub timeline_table: Option<TableView>,
}

/// Section 6.
#[derive(Debug, Clone, Serialize)]
pub struct SurveySection {
    pub waves: TableView,
    pub dumbbells: Vec<Chart>,
    pub paired: Option<TableView>,
    pub likert: Vec<Chart>,
    pub scales: TableView,
    pub attrition: Vec<String>,
    pub attrition_table: Option<TableView>,
}

/// Section 7.
#[derive(Debug, Clone, Serialize)]
pub struct PlacementSection {
    pub intent: Option<Chart>,
    pub intent_table: Option<TableView>,
    pub intent_paired: Option<TableView>,
    pub outcomes: Vec<Chart>,
    pub outcomes_table: Option<TableView>,
}

/// Section 8.
#[derive(Debug, Clone, Serialize)]
pub struct TrendSection {
    pub charts: Vec<Chart>,
    pub table: TableView,
    pub skipped: Vec<String>,
}

/// Section 5.
#[derive(Debug, Clone, Serialize)]
pub struct MentorSection {
    pub sectors: Option<Chart>,
    pub sources: Option<Chart>,
    pub summary: TableView,
    pub sector_table: TableView,
    pub source_table: TableView,
    pub missing_ids: Vec<String>,
}

/// One headline figure.
#[derive(Debug, Clone, Serialize)]
pub struct Headline {
    pub label: String,
    pub value: String,
    pub detail: String,
    /// Change against the previous period, when history exists.
    pub change: Option<String>,
}

/// Section 3.
#[derive(Debug, Clone, Serialize)]
pub struct UptakeSection {
    pub funnels: Vec<Chart>,
    pub gaps: Vec<Chart>,
    pub table: TableView,
}

/// Section 10.
#[derive(Debug, Clone, Serialize)]
pub struct Methods {
    pub definitions: Vec<Definition>,
    pub tests: Vec<String>,
    pub disclosure: String,
    /// How many figures this report withholds, and how many by secondary suppression.
    pub disclosure_log: String,
    pub tool: String,
    pub inputs: Vec<InputView>,
}

/// A term and its definition.
#[derive(Debug, Clone, Serialize)]
pub struct Definition {
    pub term: String,
    pub text: String,
}

/// One input file in the methods section.
#[derive(Debug, Clone, Serialize)]
pub struct InputView {
    pub input: String,
    pub path: String,
    pub sha256: String,
    pub rows_read: String,
}

/// Plain-words description of the disclosure rule (the report's header).
pub fn disclosure_text(config: &Config) -> String {
    match config.disclosure.rule {
        DisclosureRule::Hesa => "HESA rounding: counts rounded to the nearest 5 (0-2 shown as 0); percentages withheld when based on fewer than 22.5 students; means, test statistics and p-values withheld when based on 7 or fewer. Rates are computed from unrounded counts. Withheld values show as \"..\".".to_string(),
        DisclosureRule::Threshold => format!(
            "Threshold rule: counts from 1 to {} shown as \"<{}\"; rates and statistics withheld when based on fewer than {} students. Withheld values show as \"..\".",
            config.disclosure.threshold - 1,
            config.disclosure.threshold,
            config.disclosure.threshold
        ),
        DisclosureRule::None => "None: no rounding or suppression. This report contains small numbers and is not for publication.".to_string(),
    }
}

/// The Methods section's account of the rule: what it hides and what it does not.
fn disclosure_methods(config: &Config) -> String {
    let precision = "Every figure is published at the precision shown: percentages to a tenth of a point, p-values to three decimals, means and effect sizes to two.";
    let between = "Each report is controlled on its own: set beside last term's, the difference can describe a student who joined, left or changed, which this rule does not prevent.";
    match config.disclosure.rule {
        DisclosureRule::Hesa => format!(
            "{} This follows HESA's own convention, so it hides small counts, not the exact size of larger ones: a percentage over 23 or more students, computed from the unrounded count, can narrow down the count behind it, as in HESA's publications. p-values of tests on counts (Fisher's exact, McNemar) are withheld where the percentages they compare are, and degrees of freedom of paired tests (the number of students less one) are withheld beside the rounded number. {between} {precision}",
            disclosure_text(config)
        ),
        DisclosureRule::Threshold => format!(
            "{} Secondary suppression: where a withheld count could be worked out from a total (a group's stages, the statuses of its pairs, participants with and without an outcome, the target groups and the whole cohort when they add up), one more count of that total is withheld too, the smallest first; every figure built from a withheld count (its percentage, interval, conversion, gap, p-value) is withheld with it, and a retention curve stops at the first month whose step would reveal fewer than {} pairs. A count that appears in several tables is withheld in all of them. {between} {precision}",
            disclosure_text(config),
            config.disclosure.threshold
        ),
        DisclosureRule::None => disclosure_text(config),
    }
}

/// "N figures withheld, S of them by secondary suppression."
fn disclosure_log(published: &Published) -> String {
    let withheld = published.disclosure.withheld.unwrap_or(0);
    let secondary = published.disclosure.secondary.unwrap_or(0);
    let audited = published.disclosure.audited.unwrap_or(0);
    match (published.disclosure.rule, withheld) {
        (DisclosureRule::None, _) => "Nothing is withheld in this report.".to_string(),
        (_, 0) => "No figure of this report had to be withheld.".to_string(),
        (DisclosureRule::Threshold, _) => format!(
            "{withheld} figures of this report are withheld (\"..\"); {secondary} of them are counts withheld only so that a smaller one cannot be worked out from a total, and the rest are small counts' percentages and statistics, or figures over too few students. An audit then solved every published count and every relation between them together (linear programming), as a determined reader would, and withheld {audited} more {counts} so that no withheld count can be worked out or narrowed inside 1 to {n}.",
            counts = if audited == 1 { "count" } else { "counts" },
            n = published.disclosure.threshold.unwrap_or(1).saturating_sub(1),
        ),
        (DisclosureRule::Hesa, _) => format!(
            "{withheld} figures of this report are withheld (\"..\"): percentages over fewer than 22.5 students, statistics over 7 or fewer, and the p-values and degrees of freedom named above."
        ),
    }
}

/// Attrition sentences, one per scale.
pub fn attrition_sentences(metrics: &Published) -> Vec<String> {
    metrics
        .attrition
        .iter()
        .map(|a| match (a.mean_answered_post, a.mean_not_answered_post, a.p_value) {
            (Some(stayed), Some(left), Some(p)) => format!(
                "{}: students who answered the post survey had a mean pre score of {stayed:.2} (n = {}) against {left:.2} (n = {}) for those who did not (Welch's t = {:.2}, p = {}); {}",
                a.scale,
                a.n_answered_post.text(),
                a.n_not_answered_post.text(),
                a.t.unwrap_or(0.0),
                if p < 0.001 { "<0.001".to_string() } else { format!("{p:.3}") },
                if p < 0.05 {
                    "the paired sample differs from the rest at the start, so pre/post changes may not generalise."
                } else {
                    "no evidence that the paired sample was selective at the start."
                }
            ),
            _ => format!("{}: the attrition check is withheld or cannot be computed (too few students in one group).", a.scale),
        })
        .collect()
}

/// "+2.3 points since 2025/26": a figure's change against the previous period.
fn change(metrics: &Published, figure: &str) -> Option<String> {
    let series: Vec<_> = metrics.trend.iter().filter(|r| r.figure == figure).collect();
    let [.., previous, current] = series.as_slice() else {
        return None;
    };
    let text = match (previous.value, current.value) {
        (Some(a), Some(b)) => match current.kind {
            "rate" => format!("{:+.1} points since {}", (b - a) * 100.0, previous.period),
            "effect" => format!("{:+.2} since {}", b - a, previous.period),
            _ => format!("{:+.0} since {}", b - a, previous.period),
        },
        _ => format!("no comparable figure for {}", previous.period),
    };
    Some(text)
}

/// Headline figures from the All-eligible funnel.
pub fn headline(metrics: &Published) -> Vec<Headline> {
    let record = |stage: Stage| {
        metrics
            .uptake
            .iter()
            .find(|r| r.group == ALL_ELIGIBLE && r.stage == stage)
    };
    let mut figures = Vec::new();
    if let Some(r) = record(Stage::Eligible) {
        figures.push(Headline {
            label: "Eligible students".to_string(),
            value: r.count.text(),
            detail: "Year 2 cohort".to_string(),
            change: change(metrics, "eligible"),
        });
    }
    for (stage, label) in [
        (Stage::Registered, "Registered (uptake)"),
        (Stage::Matched, "Matched with a mentor"),
        (Stage::Sustained, "Sustained relationships"),
        (Stage::Completed, "Attended the celebration (completed)"),
    ] {
        if let Some(r) = record(stage) {
            figures.push(Headline {
                label: label.to_string(),
                value: r.count.text(),
                detail: match r.rate {
                    Some(rate) => format!("{:.1}% of eligible students", rate * 100.0),
                    None => "rate withheld".to_string(),
                },
                change: change(metrics, &format!("{}_rate", stage.id())),
            });
        }
    }
    let scales = metrics.paired.iter().filter(|p| p.group == ALL_ELIGIBLE).count();
    for p in metrics.paired.iter().filter(|p| p.group == ALL_ELIGIBLE) {
        let moved = super::findings::paired_change_words(p, scales)
            .map_or(String::new(), |c| format!("; change {c}"));
        figures.push(Headline {
            label: format!("{} change (Hedges' g)", p.scale),
            value: p.hedges_gz.map_or("..".to_string(), |g| format!("{g:+.2}")),
            detail: match (p.mean_pre, p.mean_post) {
                (Some(a), Some(b)) => format!("mean {a:.2} → {b:.2}{moved}, n = {}", p.n.text()),
                _ => format!("n = {}", p.n.text()),
            },
            change: change(metrics, &format!("{}_effect", p.scale.to_lowercase())),
        });
    }
    if let Some(i) = metrics.intent_paired.iter().find(|i| i.group == ALL_ELIGIBLE) {
        figures.push(Headline {
            label: "Intending to apply for a placement".to_string(),
            value: match (i.share_pre, i.share_post) {
                (Some(a), Some(b)) => format!("{:.0}% → {:.0}%", a * 100.0, b * 100.0),
                _ => "..".to_string(),
            },
            detail: match (i.mean_diff, i.ci_low, i.ci_high) {
                (Some(d), Some(low), Some(high)) => format!(
                    "students answering both surveys, n = {}; mean likelihood {d:+.2} (95% interval {low:+.2} to {high:+.2}): {}",
                    i.n.text(),
                    super::findings::change_verdict(low, high)
                ),
                _ => format!("students answering both surveys, n = {}", i.n.text()),
            },
            change: change(metrics, "intent_post"),
        });
    }
    for r in metrics
        .comparison
        .iter()
        .filter(|r| r.group == ALL_ELIGIBLE && r.role == OUTCOME)
    {
        let evidence = r.evidence_type.unwrap_or("Type 2");
        let verdict = match (r.ci_low, r.ci_high) {
            (Some(low), Some(high)) if evidence == "Type 3" => super::findings::effect_verdict(low, high),
            (Some(low), Some(high)) if low > 0.0 || high < 0.0 => "a clear association, not an effect",
            _ => "an association, not an effect",
        };
        // The interval beside the effect: a tile alone reads as established.
        let interval = match (r.ci_low, r.ci_high) {
            (Some(low), Some(high)) => format!(
                " (95% interval {:+.1} to {:+.1} points)",
                low * 100.0,
                high * 100.0
            ),
            _ => String::new(),
        };
        figures.push(Headline {
            label: format!(
                "Effect on {} (matched)",
                crate::charts::comparison::outcome_phrase(&r.outcome)
            ),
            value: r
                .att
                .map_or("..".to_string(), |a| format!("{:+.1} pp", a * 100.0)),
            detail: match (r.treated_rate, r.control_rate) {
                (Some(t), Some(c)) => format!(
                    "{evidence}: {verdict}{interval}; {:.1}% of matched participants against {:.1}% of similar non-participants",
                    t * 100.0,
                    c * 100.0
                ),
                _ => evidence.to_string(),
            },
            change: None,
        });
    }
    figures
}

/// Definitions for the methods section, with this run's thresholds.
pub fn definitions(config: &Config) -> Vec<Definition> {
    let e = &config.engagement;
    let d = |term: &str, text: String| Definition {
        term: term.to_string(),
        text,
    };
    vec![
        d("Eligible", "every student in the cohort file (the whole Year 2 cohort, not only sign-ups), after removing rows without a student id and repeated ids (the first row counts).".to_string()),
        d("Registered", "the student signed up to the programme (a yes-flag or a date in the sign-up column).".to_string()),
        d("Completed training", "registered and completed the online training.".to_string()),
        d("Passed the quiz", format!("registered and scored at least {} in the online quiz (training not required).", e.quiz_pass_mark)),
        d("Matched with a mentor", "registered and has a mentor id.".to_string()),
        d("Met their mentor", "matched and attended the meet-and-greet, or any meeting is logged.".to_string()),
        d("Attended the celebration (completed)", "matched and attended the celebration ceremony, or a celebration meeting is logged: the programme counts this as completing it.".to_string()),
        d("Rate", "students at the stage divided by the group's eligible students, with a 95% Wilson score interval.".to_string()),
        d("Conversion", "students at the stage divided by students at the stage it follows (registration for training, quiz and matching; matching for later stages).".to_string()),
        d("Gap", "the group's rate minus the cohort average (All eligible), in percentage points.".to_string()),
        d("Sustained relationship", format!("matched and at least {} mentoring meetings logged (every kind except the meet-and-greet and the celebration, which are group events; a repeated log row of the same student, date and kind counts once).", e.sustained_meetings)),
        d("Pair status", format!("at the as-of date, the first that applies: withdrawn (withdrawal date on or before it); completed (counted in the completed stage); not started (no mentoring meeting yet); active (last mentoring meeting at most {} days before); at risk (at most {} days); lapsed (longer).", e.at_risk_days, e.lapsed_days)),
        d("Monthly compliance", format!("over calendar months from the month of the match (else the first meeting) to the month of withdrawal (withdrawn), of the last meeting (completed and lapsed) or of the as-of date: the share of months with at least {} mentoring meeting(s). Pairs that have not started count as 0.", e.monthly_minimum)),
        d("Retention", format!("Kaplan-Meier estimate, over pairs with at least one mentoring meeting, of the share still meeting after each month (365.25/12 days) since their first meeting, up to {} months. A relationship ends at withdrawal or, for lapsed pairs, at the last meeting; completed and continuing pairs are censored.", e.expected_months)),
        d("Mentor bank", "utilisation is matched mentees divided by mentee places (capacity, 1 per mentor unless given); the waiting list is registered students without a mentor who have not withdrawn.".to_string()),
        d("Survey responses", "kept when finished, from a cohort student (by id, or by email ignoring case), and the latest by completion time when a student answered a wave more than once. Response rate = kept responses / registered students.".to_string()),
        d("Scale score", "the mean of the answered item scores after reverse scoring (score' = min + max - score), when at least the scale's min_answered items are answered (default: all).".to_string()),
        d("Paired comparison", "over students with a scale score in both compared waves; change = after - before. Comparisons of fewer than 10 students are shown but marked too few to interpret.".to_string()),
        d("Placement intent", config.survey.as_ref().and_then(|s| s.placement_intent.as_ref()).map_or("not configured.".to_string(), |i| format!("a student intends to apply when the intent item scores at least {}.", i.intends_at_least))),
        d("Placement outcomes", "applied and secured rates of participants (registered and matched) against non-participants (eligible, not registered). Students chose to take part, so differences are associations (Type 2 evidence), not effects of the programme.".to_string()),
        d("Target groups", "defined by the configuration's rules over cohort columns; a student may be in several groups. \"Not in any target group\" holds the rest. An empty cell in a rule's column counts as not in the group.".to_string()),
        d("Departments", format!("the cohort's department column as written (ignoring case); departments with fewer eligible students than {} are pooled as \"Other departments\", and empty cells are \"Department not recorded\". Each department's rate is compared with the rest of the cohort (Fisher's exact test, Benjamini-Hochberg within each stage).", config.disclosure.smallest_rate_denominator().max(1))),
        d("Pair factors", "sustained and completed pairs by the mentor's sector and recruitment source (\"Not recorded\" when the bank has none, or lacks the mentor), by aligned matching (the mentor's sector is one the configuration lists for the student's department) and by the mentor's number of mentees in this cohort; each level against every other pair (Fisher's exact test), with Kaplan-Meier retention of aligned and other pairs.".to_string()),
        d("Wait for a match", "days from the registration date to the match date of matched students with both dates: median and quartiles (linear interpolation).".to_string()),
        d("Mentor continuity", "pairs whose meeting log names another mentor than the cohort's at least once, among pairs with a logged mentor.".to_string()),
    ]
}

/// The report's evidence type: Type 2 throughout, except the matched
/// comparison's findings labelled Type 3.
fn evidence_type(published: &Published) -> String {
    let type2 = "Type 2 (empirical enquiry) in the Office for Students' standards of evidence: descriptive and associational, not causal";
    if published
        .comparison
        .iter()
        .any(|r| r.evidence_type == Some("Type 3"))
    {
        format!(
            "{type2}, except the matched comparison's findings labelled Type 3 (causal, with the caveats given there)"
        )
    } else {
        type2.to_string()
    }
}

/// Statistical tests named in the methods section.
pub fn tests_used(config: &Config) -> Vec<String> {
    let mut tests = vec![
        "Paired t-test (scipy.stats.ttest_rel) with its 95% interval of the mean change; two-sided p from the regularised incomplete beta.".to_string(),
        "Cohen's d_z = mean change / SD of change; Hedges' g_z = d_z × J(n-1), J(df) = Γ(df/2) / (√(df/2) Γ((df-1)/2)).".to_string(),
        "Wilcoxon signed-rank test on changes rounded to 9 decimals, zeros dropped: exact null distribution when at most 50 non-zero changes and no ties, else the normal approximation with tie correction and no continuity correction; rank-biserial correlation (R+ - R-)/(R+ + R-).".to_string(),
        "Benjamini-Hochberg adjustment across all (scale, group) paired comparisons.".to_string(),
        "Cronbach's alpha (listwise) with the Feldt 95% interval; Welch's t-test for the attrition check.".to_string(),
        "Exact McNemar test of paired placement intent (b + c = 0 gives p = 1); Fisher's exact test for placement outcomes.".to_string(),
        "Kaplan-Meier retention with Greenwood's variance and a 95% log-log interval, as scipy.stats.ecdf(CensoredData(...)).sf.confidence_interval(method=\"log-log\"); medians and quartiles with linear interpolation (numpy's default).".to_string(),
        "Wilson score interval (95%) for every rate, as scipy.stats.binomtest(...).proportion_ci(method=\"wilson\").".to_string(),
        "Fisher's exact test, two-sided, of each group's rate against eligible students outside the group, with R's relative tolerance of 1e-7 for equally likely tables.".to_string(),
        "Benjamini-Hochberg adjustment across the groups of each stage (R p.adjust(method = \"BH\")); gaps with adjusted p < 0.05 are marked significant.".to_string(),
    ];
    if config.comparison.is_some() {
        tests.push("Matched comparison: coarsened exact matching (Iacus, King and Porro) within each group; the average effect on the treated (ATT) and its HC1 robust standard error from weighted least squares of the outcome on an intercept and the participant indicator, as statsmodels WLS(...).fit(cov_type=\"HC1\"), with a normal 95% interval and two-sided p, Benjamini-Hochberg across the groups of each outcome; standardised mean differences over the before-matching spread; E-values of VanderWeele and Ding (2017).".to_string());
    }
    tests
}

/// Builds the report's view model from the published model, its tables and charts.
pub fn build(
    config: &Config,
    published: &Published,
    quality: &DataQuality,
    tables: &[Table],
    charts: ReportCharts,
    narrative: &super::narrative::Narrative,
) -> ReportView {
    let empty = || TableView::from_table(&tables::data_quality_table(&Default::default()));
    let relationships = table_view(tables, "relationships").map(|table| RelationshipsSection {
        timeline: charts.timeline.clone(),
        status: charts.status.clone(),
        compliance: charts.compliance.clone(),
        compliance_bands: charts.compliance_bands.clone(),
        compliance_table: table_view(tables, "compliance"),
        retention: charts.retention.clone(),
        table,
        retention_table: table_view(tables, "retention").unwrap_or_else(empty),
        timeline_table: table_view(tables, "timeline"),
    });
    let mentors = published.mentors.as_ref().map(|bank| MentorSection {
        sectors: charts.sectors.clone(),
        sources: charts.sources.clone(),
        summary: table_view(tables, "mentor_bank").unwrap_or_else(empty),
        sector_table: table_view(tables, "mentor_sectors").unwrap_or_else(empty),
        source_table: table_view(tables, "mentor_sources").unwrap_or_else(empty),
        missing_ids: bank.missing_mentor_ids.clone(),
    });
    let surveys = (!published.survey_waves.is_empty()).then(|| SurveySection {
        waves: table_view(tables, "survey_waves").unwrap_or_else(empty),
        dumbbells: charts.dumbbells.clone(),
        paired: table_view(tables, "paired"),
        likert: charts.likert.clone(),
        scales: table_view(tables, "scales").unwrap_or_else(empty),
        attrition: attrition_sentences(published),
        attrition_table: table_view(tables, "attrition"),
    });
    let placement =
        (!published.intent.is_empty() || !published.outcomes.is_empty()).then(|| PlacementSection {
            intent: charts.intent.clone(),
            intent_table: table_view(tables, "intent"),
            intent_paired: table_view(tables, "intent_paired"),
            outcomes: charts.outcomes.clone(),
            outcomes_table: table_view(tables, "outcomes"),
        });
    let comparison = config
        .comparison
        .as_ref()
        .filter(|_| !published.comparison.is_empty())
        .map(|spec| super::comparison::section(spec, published, tables, &charts));
    let lasting = super::lasting::section(published, tables, &charts);
    let trend =
        (!published.trend.is_empty() || !published.history_skipped.is_empty()).then(|| TrendSection {
            charts: charts.trends.clone(),
            table: table_view(tables, "trend").unwrap_or_else(empty),
            skipped: published.history_skipped.clone(),
        });
    let present = |id: &str| match id {
        "relationships" => relationships.is_some(),
        "mentors" => mentors.is_some(),
        "surveys" => surveys.is_some(),
        "outcomes" => placement.is_some(),
        "comparison" => comparison.is_some(),
        "lasting" => lasting.is_some(),
        "trend" => trend.is_some(),
        _ => true,
    };
    let chosen = config.report.section_ids();
    let sections: Vec<SectionLink> = chosen
        .iter()
        .filter_map(|id| crate::config::SECTIONS.iter().find(|(known, _)| known == id))
        .filter(|(id, _)| present(id))
        .map(|section| SectionLink::of(*section))
        .collect();
    let contents: Vec<SectionLink> = sections
        .iter()
        .cloned()
        .chain(
            crate::config::ALWAYS
                .iter()
                .map(|section| SectionLink::of(*section)),
        )
        .collect();
    // A finding links to its section only where the report shows it.
    let key_findings = super::findings::key_findings(published, quality.errors() > 0)
        .into_iter()
        .map(|mut f| {
            if !contents
                .iter()
                .any(|s: &SectionLink| f.href == format!("#{}", s.anchor))
            {
                f.href = "";
            }
            f
        })
        .collect();
    ReportView {
        // Every section id, so the template's lookups are all defined.
        narrative: crate::config::SECTIONS
            .iter()
            .chain(crate::config::ALWAYS.iter())
            .map(|(id, _)| (*id, narrative.sections.get(*id).cloned()))
            .collect(),
        narrative_intro: narrative.intro.clone(),
        sections,
        contents,
        title: format!("{}: evidence report", config.programme.name),
        programme: config.programme.name.clone(),
        institution: config.programme.institution.clone(),
        period: config.programme.period.clone(),
        start: config.programme.start.format("%-d %B %Y").to_string(),
        as_of: config.programme.as_of.format("%-d %B %Y").to_string(),
        evidence_type: evidence_type(published),
        disclosure: disclosure_text(config),
        not_for_publication: config.disclosure.rule == DisclosureRule::None,
        quality_failed: quality.errors() > 0,
        errors: super::findings::error_count(published.data_quality.errors, quality.errors() > 0),
        warnings: published.data_quality.warnings.text(),
        key_findings,
        headline: headline(published),
        uptake: UptakeSection {
            funnels: charts.funnels,
            gaps: charts.gaps,
            table: table_view(tables, "uptake").unwrap_or_else(empty),
        },
        relationships,
        mentors,
        surveys,
        placement,
        comparison,
        lasting,
        trend,
        data_quality: table_view(tables, "data_quality").unwrap_or_else(empty),
        methods: Methods {
            definitions: definitions(config),
            tests: tests_used(config),
            disclosure: disclosure_methods(config),
            disclosure_log: disclosure_log(published),
            tool: format!("mentor-evidence {}", env!("CARGO_PKG_VERSION")),
            inputs: published
                .inputs
                .iter()
                .flat_map(|i| {
                    i.files.iter().map(move |f| InputView {
                        input: i.name.clone(),
                        path: f.path.clone(),
                        sha256: f.sha256.clone(),
                        rows_read: i.rows_read.text(),
                    })
                })
                .collect(),
        },
    }
}
