//! The survey keys: each wave's export (`[[inputs.surveys]]`) and the
//! analysis of them all (`[survey]`: answer scores, scales, the
//! placement-intent item).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::reading::{DateOrder, DurationUnit, Excludes, OneOrMany, Source};

/// Export layout of a survey wave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SurveyFormat {
    /// Qualtrics CSV: three header rows (tags, question text, ImportId JSON).
    Qualtrics,
    /// Microsoft Forms Excel export.
    Forms,
    /// Jisc Online Surveys: a code header and/or a question-text header.
    Jisc,
    /// One header row, one row per response.
    Plain,
}

/// `[[inputs.surveys]]`: one survey wave.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveySpec {
    /// Wave name, e.g. "pre" or "post".
    pub wave: String,
    pub path: OneOrMany,
    #[serde(default)]
    pub sheet: Option<OneOrMany>,
    #[serde(default)]
    pub date_order: DateOrder,
    /// The header's row (1-based); default: the first row, within the
    /// first 30, holding the configured headers (title rows above are skipped).
    #[serde(default)]
    pub header_row: Option<u32>,
    /// Rows to leave out: `{ column = "Status", in = ["Cancelled"] }` or a list.
    #[serde(default)]
    pub exclude: Excludes,
    /// Words meaning missing in flag, date, number and duration columns
    /// (default: pending, tbc, tbd, unknown, n/a, not known, prefer not to
    /// say, information refused).
    #[serde(default)]
    pub missing_words: Option<Vec<String>>,
    /// "qualtrics", "forms", "jisc" or "plain".
    pub format: SurveyFormat,
    /// Column holding the student id (or use `email`).
    #[serde(default)]
    pub student_id: Option<String>,
    /// Column holding the respondent's email, joined to the cohort's email case-insensitively.
    #[serde(default)]
    pub email: Option<String>,
    /// Item id -> this wave's column header.
    #[serde(default)]
    pub items: BTreeMap<String, String>,
}

/// `[survey]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyConfig {
    /// The two waves compared, first = pre.
    #[serde(default)]
    pub compare: Vec<String>,
    /// Likert label -> score.
    #[serde(default)]
    pub responses: BTreeMap<String, f64>,
    /// Scales: item lists scored as the mean of answered items.
    #[serde(default)]
    pub scales: Vec<ScaleConfig>,
    /// The placement-intent item.
    #[serde(default)]
    pub placement_intent: Option<PlacementIntent>,
}

/// `[[survey.scales]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleConfig {
    pub name: String,
    pub items: Vec<String>,
    /// Reverse-scored items: score' = min + max - score.
    #[serde(default)]
    pub reverse: Vec<String>,
    /// Items that must be answered for a scale score (default: all).
    #[serde(default)]
    pub min_answered: Option<usize>,
}

/// `[survey.placement_intent]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlacementIntent {
    pub item: String,
    #[serde(default)]
    pub responses: BTreeMap<String, f64>,
    pub intends_at_least: f64,
}

impl SurveySpec {
    /// The files-and-sheets part.
    pub fn source(&self) -> Source {
        Source {
            path: self.path.clone(),
            sheet: self.sheet.clone(),
            date_order: self.date_order,
            header_row: self.header_row,
            exclude: self.exclude.clone(),
            missing_words: self.missing_words.clone(),
            duration_unit: DurationUnit::Minutes,
        }
    }
}
