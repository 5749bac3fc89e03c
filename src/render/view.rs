//! The report's view model: everything report.html shows, already formatted,
//! so templates stay logic-light. Built only from the published (disclosure-
//! controlled) model.

use serde::Serialize;

use crate::charts::Chart;
use crate::config::{Config, DisclosureRule};
use crate::metrics::groups::ALL_ELIGIBLE;
use crate::metrics::model::{Metrics, Stage};
use crate::output::tables::Table;

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
    pub errors: usize,
    pub warnings: usize,
    pub headline: Vec<Headline>,
    pub uptake: UptakeSection,
    pub data_quality: TableView,
    pub methods: Methods,
}

/// One headline figure.
#[derive(Debug, Clone, Serialize)]
pub struct Headline {
    pub label: String,
    pub value: String,
    pub detail: String,
}

/// Section 3.
#[derive(Debug, Clone, Serialize)]
pub struct UptakeSection {
    pub funnels: Vec<Chart>,
    pub gaps: Vec<Chart>,
    pub table: TableView,
}

/// A table formatted for people.
#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    pub id: String,
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<CellView>>,
    pub csv: String,
}

/// One formatted cell.
#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    pub text: String,
    pub numeric: bool,
}

/// Section 10.
#[derive(Debug, Clone, Serialize)]
pub struct Methods {
    pub definitions: Vec<Definition>,
    pub tests: Vec<String>,
    pub disclosure: String,
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
    pub rows_read: usize,
}

impl TableView {
    /// Formats a published table.
    pub fn from_table(table: &Table) -> TableView {
        TableView {
            id: table.name.to_string(),
            caption: table.caption.clone(),
            headers: table.labels.iter().map(|l| l.to_string()).collect(),
            rows: table
                .rows
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|v| CellView {
                            text: v.display(),
                            numeric: v.is_numeric(),
                        })
                        .collect()
                })
                .collect(),
            csv: format!("tables/{}.csv", table.name),
        }
    }
}

/// Plain-words description of the disclosure rule.
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

/// Headline figures from the All-eligible funnel.
pub fn headline(metrics: &Metrics) -> Vec<Headline> {
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
        });
    }
    for (stage, label) in [
        (Stage::Registered, "Registered (uptake)"),
        (Stage::Matched, "Matched with a mentor"),
        (Stage::Sustained, "Sustained relationships"),
        (Stage::Completed, "Completed the programme"),
    ] {
        if let Some(r) = record(stage) {
            figures.push(Headline {
                label: label.to_string(),
                value: r.count.text(),
                detail: match r.rate {
                    Some(rate) => format!("{:.1}% of eligible students", rate * 100.0),
                    None => "rate withheld".to_string(),
                },
            });
        }
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
        d("Met their mentor", "matched and attended the meet-and-greet.".to_string()),
        d("Completed the programme", "matched and attended the celebration ceremony.".to_string()),
        d("Rate", "students at the stage divided by the group's eligible students, with a 95% Wilson score interval.".to_string()),
        d("Conversion", "students at the stage divided by students at the stage it follows (registration for training, quiz and matching; matching for later stages).".to_string()),
        d("Gap", "the group's rate minus the cohort average (All eligible), in percentage points.".to_string()),
        d("Target groups", "defined by the configuration's rules over cohort columns; a student may be in several groups. \"Not in any target group\" holds the rest. An empty cell in a rule's column counts as not in the group.".to_string()),
    ]
}

/// Statistical tests named in the methods section.
pub fn tests_used() -> Vec<String> {
    vec![
        "Wilson score interval (95%) for every rate, as scipy.stats.binomtest(...).proportion_ci(method=\"wilson\").".to_string(),
        "Fisher's exact test, two-sided, of each group's rate against eligible students outside the group, with R's relative tolerance of 1e-7 for equally likely tables.".to_string(),
        "Benjamini-Hochberg adjustment across the groups of each stage (R p.adjust(method = \"BH\")); gaps with adjusted p < 0.05 are marked significant.".to_string(),
    ]
}
