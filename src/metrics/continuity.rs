//! Mentor continuity (metrics.md §7): pairs whose meeting log names another
//! mentor than the cohort's at least once (a re-match, or a logging slip).
//! The count is published; the pairs are listed in internal/pairs.csv.

use super::model::{ContinuityRecord, Count};
use crate::ingest::cohort::Cohort;
use crate::validate::meetings::ValidMeetings;

/// Per cohort row (in order), the other mentors its log names, each once
/// in order of first mention.
pub type OtherMentors = Vec<(usize, Vec<String>)>;

/// The record and the pairs' other mentors. None without the log's mentor
/// column or the cohort's.
pub fn continuity(cohort: &Cohort, meetings: &ValidMeetings) -> Option<(ContinuityRecord, OtherMentors)> {
    let logged = meetings.meetings.mentor_id.as_ref()?;
    let cohort_mentor = cohort.mentor_id.as_ref()?;
    let mut named = vec![false; cohort.len()];
    let mut others: rustc_hash::FxHashMap<usize, Vec<String>> = rustc_hash::FxHashMap::default();
    for (i, &row) in meetings.student_row.iter().enumerate() {
        let row = row as usize;
        let (Some(Some(own)), Some(logged)) = (cohort_mentor.get(row), logged.get(i)) else {
            continue;
        };
        named[row] = true;
        if logged != own.as_str() {
            let list = others.entry(row).or_default();
            if !list.iter().any(|m| m == logged) {
                list.push(logged.to_string());
            }
        }
    }
    let mut list: OtherMentors = others.into_iter().collect();
    list.sort_by_key(|(row, _)| *row);
    let checked = named.iter().filter(|n| **n).count() as u64;
    let other = list.len() as u64;
    let record = ContinuityRecord {
        pairs_with_logged_mentor: Count::Exact(checked),
        pairs_with_another_mentor: Count::Exact(other),
        share: (checked > 0).then(|| other as f64 / checked as f64),
        suppressed: Vec::new(),
    };
    Some((record, list))
}
