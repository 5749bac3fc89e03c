//! Days from registration to match by group (metrics.md §7): a long wait is
//! a reason students drift away before their first meeting.

use super::groups::Membership;
use super::model::{Count, MatchWaitRecord};
use crate::ingest::cohort::Cohort;
use crate::stats::descriptive::quantile;

/// Per group: the students matched with both dates known, and the median
/// and quartiles of their days from registration to match. None when the
/// cohort has no match dates.
pub fn match_wait(cohort: &Cohort, membership: &Membership) -> Vec<MatchWaitRecord> {
    let Some(matched_on) = &cohort.matched_on else {
        return Vec::new();
    };
    let days: Vec<Option<f64>> = (0..cohort.len())
        .map(|r| {
            let matched = cohort.mentor_id.as_ref().is_none_or(|ids| ids[r].is_some());
            let wait = (matched_on[r]? - cohort.registered_on[r]?).num_days() as f64;
            matched.then_some(wait)
        })
        .collect();
    membership
        .names
        .iter()
        .zip(&membership.members)
        .map(|(group, members)| {
            let waits: Vec<f64> = days
                .iter()
                .zip(members)
                .filter_map(|(d, member)| d.filter(|_| *member))
                .collect();
            MatchWaitRecord {
                group: group.clone(),
                students: Count::Exact(waits.len() as u64),
                median_days: quantile(&waits, 0.5),
                q1_days: quantile(&waits, 0.25),
                q3_days: quantile(&waits, 0.75),
                suppressed: Vec::new(),
            }
        })
        .collect()
}
