//! The report's view model: everything report.html shows, already formatted,
//! so templates stay logic-light. Built only from the published (disclosure-
//! controlled) model.

use serde::Serialize;

use super::methods::{
    InputView, Methods, definitions, disclosure_log, disclosure_methods, disclosure_text, evidence_type,
    tests_used,
};
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
