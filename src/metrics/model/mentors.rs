//! The mentor bank and its sectors (metrics.md section 3).

use super::Count;
use serde::Serialize;
use std::collections::BTreeMap;

/// One sector of the mentor bank.
#[derive(Debug, Clone, Serialize)]
pub struct SectorRecord {
    pub mentors: Count,
    pub capacity: f64,
    pub matched_mentees: Count,
    pub utilisation: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
}

/// The mentor bank (metrics.md section 3).
#[derive(Debug, Clone, Serialize)]
pub struct MentorBankRecord {
    pub mentors: Count,
    pub total_capacity: f64,
    pub matched_mentees: Count,
    pub utilisation: Option<f64>,
    pub mentors_without_mentee: Count,
    /// Mentors by number of matched mentees ("0", "1", ...).
    pub mentees_per_mentor: BTreeMap<String, Count>,
    pub by_sector: BTreeMap<String, SectorRecord>,
    pub by_source: BTreeMap<String, Count>,
    pub waiting_list: Count,
    pub median_days_registration_to_match: Option<f64>,
    pub n_registration_to_match: Count,
    /// Matched mentor ids missing from the bank (mentor ids are not student data).
    pub missing_mentor_ids: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
}
