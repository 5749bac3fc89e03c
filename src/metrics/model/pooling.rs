//! What a consortium can pool (pooling.md).

use super::Count;
use serde::Serialize;

/// One effect a consortium can pool (pooling.md): an estimate with its
/// standard error and the counts it rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PoolingRecord {
    /// `uptake_gap`, `paired_change`, `paired_effect`, `intent_change` or
    /// `matched_effect`.
    pub measure: &'static str,
    pub group: String,
    /// The stage, the scale, `intending`, or the comparison's outcome.
    pub outcome: String,
    pub estimate: Option<f64>,
    pub se: Option<f64>,
    pub n: Count,
    pub n_other: Option<Count>,
    /// "association", "paired pre/post" or "matched comparison".
    pub design: &'static str,
    pub evidence_type: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
    /// Every count the record is built from, and which are denominators
    /// (disclosure publishes the record only when each passes the rule).
    #[serde(skip)]
    pub counts: Vec<u64>,
    #[serde(skip)]
    pub denominators: Vec<u64>,
}
