//! What makes relationships last: match waits, pair factors, continuity (metrics.md section 7).

use super::Count;
use serde::Serialize;

/// Days from registration to match of one group's matched students.
#[derive(Debug, Clone, Serialize)]
pub struct MatchWaitRecord {
    pub group: String,
    /// Matched students with both dates.
    pub students: Count,
    pub median_days: Option<f64>,
    pub q1_days: Option<f64>,
    pub q3_days: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
}

/// Sustained and completed pairs of one level of a factor (metrics.md §7).
#[derive(Debug, Clone, Serialize)]
pub struct PairFactorRecord {
    /// "sector", "source", "alignment" or "mentor_load".
    pub factor: &'static str,
    pub level: String,
    pub pairs: Count,
    pub sustained: Tally,
    pub completed: Tally,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
    /// Every pair (the test's other pairs are these less the level's).
    #[serde(skip)]
    pub all_pairs: u64,
}

/// Pairs of a level with an outcome: count, rate with its Wilson interval,
/// and Fisher's exact p against the other pairs.
#[derive(Debug, Clone, Serialize)]
pub struct Tally {
    pub count: Count,
    pub rate: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub p_value: Option<f64>,
    /// Every pair with the outcome.
    #[serde(skip)]
    pub all: u64,
}

/// Mentor continuity: pairs whose meeting log names another mentor.
#[derive(Debug, Clone, Serialize)]
pub struct ContinuityRecord {
    /// Pairs with at least one meeting whose logged mentor is known.
    pub pairs_with_logged_mentor: Count,
    /// Of those, pairs whose log names another mentor at least once.
    pub pairs_with_another_mentor: Count,
    pub share: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
}
