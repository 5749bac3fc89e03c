//! Survey waves, scales, items, the paired comparison and placement intent.

use super::Count;
use serde::Serialize;

/// One survey wave's responses.
#[derive(Debug, Clone, Serialize)]
pub struct SurveyWaveRecord {
    pub wave: String,
    pub received: Count,
    pub kept: Count,
    pub unfinished: Count,
    pub not_in_cohort: Count,
    pub duplicates: Count,
    /// kept / registered students.
    pub response_rate: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
    #[serde(skip)]
    pub registered: u64,
}

/// A scale's scores in one wave and group.
#[derive(Debug, Clone, Serialize)]
pub struct ScaleRecord {
    pub scale: String,
    pub wave: String,
    pub group: String,
    pub n: Count,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    pub alpha: Option<f64>,
    pub alpha_ci_low: Option<f64>,
    pub alpha_ci_high: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
    #[serde(skip)]
    pub alpha_n: u64,
}

/// Answers per item, wave and raw score (before reverse scoring).
#[derive(Debug, Clone, Serialize)]
pub struct ItemRecord {
    pub wave: String,
    pub item: String,
    pub score: f64,
    pub count: Count,
}

/// A survey item's question text (from the export's text row or header).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct ItemText {
    pub item: String,
    pub text: String,
}

/// The paired pre/post comparison of one scale in one group.
#[derive(Debug, Clone, Serialize)]
pub struct PairedRecord {
    pub scale: String,
    pub group: String,
    pub n: Count,
    pub mean_pre: Option<f64>,
    pub mean_post: Option<f64>,
    pub mean_diff: Option<f64>,
    pub sd_diff: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub t: Option<f64>,
    pub df: Option<f64>,
    pub p_value: Option<f64>,
    pub p_adjusted: Option<f64>,
    pub cohens_dz: Option<f64>,
    pub hedges_gz: Option<f64>,
    pub wilcoxon_statistic: Option<f64>,
    pub wilcoxon_p: Option<f64>,
    pub rank_biserial: Option<f64>,
    /// n < 10: computed, but marked "too few to interpret" in the report.
    pub too_few: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
    #[serde(skip)]
    pub n_raw: u64,
}

/// Pre scores of students who did and did not answer the post wave.
#[derive(Debug, Clone, Serialize)]
pub struct AttritionRecord {
    pub scale: String,
    pub n_answered_post: Count,
    pub mean_answered_post: Option<f64>,
    pub n_not_answered_post: Count,
    pub mean_not_answered_post: Option<f64>,
    pub t: Option<f64>,
    pub df: Option<f64>,
    pub p_value: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
    #[serde(skip)]
    pub n_min: u64,
}

/// Placement intent in one wave and group.
#[derive(Debug, Clone, Serialize)]
pub struct IntentRecord {
    pub group: String,
    pub wave: String,
    pub n: Count,
    pub intending: Count,
    pub share: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
}

/// Paired placement intent (both waves answered) in one group.
#[derive(Debug, Clone, Serialize)]
pub struct IntentPairedRecord {
    pub group: String,
    pub n: Count,
    pub share_pre: Option<f64>,
    pub share_post: Option<f64>,
    pub b: Count,
    pub c: Count,
    pub mcnemar_p: Option<f64>,
    pub mean_pre: Option<f64>,
    pub mean_post: Option<f64>,
    pub mean_diff: Option<f64>,
    pub sd_diff: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub t: Option<f64>,
    pub df: Option<f64>,
    pub p_value: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
}
