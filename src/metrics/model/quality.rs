//! Data quality and the inputs read.

use super::Count;
use serde::Serialize;
use std::collections::BTreeMap;

/// One input's findings of one rule.
#[derive(Debug, Clone, Serialize)]
pub struct QualityCount {
    pub input: String,
    pub rule: &'static str,
    pub severity: &'static str,
    pub findings: Count,
}

/// One input's files and rows.
#[derive(Debug, Clone, Serialize)]
pub struct InputRecord {
    pub name: String,
    pub files: Vec<crate::ingest::InputFile>,
    pub rows_read: Count,
    pub rows_used: Count,
}

/// `data_quality` in metrics.json: counts of findings, published under the
/// disclosure rule like every count (a wave's duplicate responses are
/// students too).
#[derive(Debug, Clone, Default, Serialize)]
pub struct DataQualityRecord {
    pub errors: Count,
    pub warnings: Count,
    pub by_rule: BTreeMap<String, Count>,
    /// Findings per input and rule: the report's data-quality table.
    pub by_input: Vec<QualityCount>,
}
