//! Placement outcomes and the matched comparison (comparison.md).

use super::{Count, Stage};
use serde::Serialize;

/// A placement outcome for participants and non-participants of one group.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomeRecord {
    pub group: String,
    pub outcome: &'static str,
    pub participants: Count,
    pub participants_with_outcome: Count,
    pub participant_rate: Option<f64>,
    pub participant_ci_low: Option<f64>,
    pub participant_ci_high: Option<f64>,
    pub non_participants: Count,
    pub non_participants_with_outcome: Count,
    pub non_participant_rate: Option<f64>,
    pub non_participant_ci_low: Option<f64>,
    pub non_participant_ci_high: Option<f64>,
    pub diff_pp: Option<f64>,
    pub p_value: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
}

/// The matched comparison of one group and outcome (comparison.md).
#[derive(Debug, Clone, Serialize)]
pub struct ComparisonRecord {
    pub group: String,
    /// A canonical outcome id, or an `extra_outcomes` label.
    pub outcome: String,
    pub treated: Count,
    pub controls: Count,
    pub treated_matched: Count,
    pub controls_matched: Count,
    /// Strata, and strata holding both arms (counts of strata, not students).
    pub strata: Count,
    pub strata_kept: Count,
    pub share_treated_kept: Option<f64>,
    pub treated_rate: Option<f64>,
    pub control_rate: Option<f64>,
    pub att: Option<f64>,
    pub se: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub p_value: Option<f64>,
    /// Benjamini-Hochberg across the groups of this outcome.
    pub p_adjusted: Option<f64>,
    pub risk_ratio: Option<f64>,
    pub e_value: Option<f64>,
    pub e_value_ci: Option<f64>,
    pub max_abs_smd_after: Option<f64>,
    /// "outcome", or "negative_control": a flag fixed before the programme,
    /// estimated as an outcome to show what matching did not remove.
    pub role: &'static str,
    /// "Type 3" or "Type 2" for an outcome; null for a negative control.
    pub evidence_type: Option<&'static str>,
    /// Every reason a Type 2 label applies (empty for Type 3 and for a
    /// negative control).
    pub reasons: Vec<Reason>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
    /// Matched treated with the outcome: the count `treated_rate` shows.
    #[serde(skip)]
    pub treated_with_outcome: u64,
    /// The funnel stage whose count `treated` is (matched or registered).
    #[serde(skip)]
    pub treated_stage: Stage,
}

/// Why a matched comparison is not Type 3 (comparison.md): `kind` one of
/// `too_few_matched`, `out_of_balance`, `no_unforced_balance`,
/// `negative_control_differs`; `detail` in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    pub kind: &'static str,
    pub detail: String,
    /// The covariate or negative control the reason names.
    #[serde(skip)]
    pub subject: String,
    /// `detail` without its figures, published where they are withheld.
    #[serde(skip)]
    pub without_figures: String,
}

/// The role of a matched comparison's outcome record.
pub const OUTCOME: &str = "outcome";
/// The role of a negative control's record.
pub const NEGATIVE_CONTROL: &str = "negative_control";

/// One covariate level's balance in one group (comparison.md).
#[derive(Debug, Clone, Serialize)]
pub struct BalanceRecord {
    pub group: String,
    pub covariate: String,
    /// A level, a bin `[a, b)`, `(missing)`, or `(mean)` for a number.
    pub level: String,
    /// The level as the cohort file writes it (a text level's case kept),
    /// for the report and its tables; `level` is the cleaned text.
    #[serde(skip)]
    pub written: String,
    pub matched_on: bool,
    pub n_missing: Count,
    pub mean_treated_before: Option<f64>,
    pub mean_control_before: Option<f64>,
    pub smd_before: Option<f64>,
    pub mean_treated_after: Option<f64>,
    pub mean_control_after: Option<f64>,
    pub smd_after: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
    /// The counts behind the means (for disclosure): a level's students
    /// among all treated, all controls and the matched treated, or for a
    /// `(mean)` row the students with a value in each.
    #[serde(skip)]
    pub counts: LevelCounts,
}

/// The counts behind a balance row's means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LevelCounts {
    pub treated: u64,
    pub controls: u64,
    pub treated_matched: u64,
    /// The arms' sizes (treated, controls, matched treated, matched controls).
    pub arms: [u64; 4],
    /// The funnel stage whose count the treated arm is.
    pub treated_stage: Stage,
}

/// One outcome's rate among the treated of one group in one band of
/// mentoring meetings (association only).
#[derive(Debug, Clone, Serialize)]
pub struct DoseRecord {
    pub group: String,
    pub outcome: String,
    /// "0", "1-2", "3-5" or "6 or more".
    pub band: &'static str,
    pub students: Count,
    pub with_outcome: Count,
    pub rate: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
}
