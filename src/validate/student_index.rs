//! The cohort row of each student id and email, built once for the meeting
//! and survey rules.

use rustc_hash::FxHashMap;

use super::LOOKUPS_PER_TASK;
use super::id_index::{IdIndex, IdRows};
use crate::ingest::cohort::Cohort;
use crate::ingest::texts::Texts;

/// Cohort row of each student id, built once for the meeting and survey
/// rules, and the cohort's emails for waves joined by email.
#[derive(Debug)]
pub struct StudentIndex<'a> {
    /// Student id -> cohort row (keys read from the cohort's id column).
    by_id: IdRows,
    cohort: &'a Cohort,
}

impl<'a> StudentIndex<'a> {
    /// Indexes the ids of the (deduplicated) cohort.
    pub fn new(cohort: &'a Cohort) -> StudentIndex<'a> {
        StudentIndex::with_ids(cohort, IdRows::of_column(&cohort.student_id))
    }

    /// The index over an id -> row index already built (by the duplicate
    /// rule) for this cohort's id column.
    pub fn with_ids(cohort: &'a Cohort, by_id: IdRows) -> StudentIndex<'a> {
        StudentIndex { by_id, cohort }
    }

    /// Number of cohort rows (every row an index gives is below it).
    pub fn cohort_rows(&self) -> usize {
        self.cohort.len()
    }

    /// Student id -> cohort row.
    pub fn by_id(&self) -> IdIndex<'_> {
        self.by_id.over(&self.cohort.student_id)
    }

    /// Cohort row of each lower-cased email in `keys`; when several cohort
    /// rows hold an email, the last one. The keys (one survey wave: fewer
    /// than the cohort's students) are indexed and the cohort's emails
    /// looked up in one pass, rather than indexing every student's email;
    /// the lookups are parallel tasks.
    pub fn rows_by_email(&self, keys: &Texts) -> Vec<Option<u32>> {
        use rayon::prelude::*;
        const END: u32 = u32::MAX;
        let mut rows = vec![None; keys.len()];
        let Some(emails) = &self.cohort.email else {
            return rows;
        };
        // Email -> the last response holding it; earlier responses with the
        // same email are chained through `next`.
        let mut head_of: FxHashMap<&str, u32> =
            FxHashMap::with_capacity_and_hasher(keys.len(), Default::default());
        let mut next = vec![END; keys.len()];
        for (response, key) in keys.iter().enumerate() {
            if let Some(key) = key
                && let Some(head) = head_of.insert(key, response as u32)
            {
                next[response] = head;
            }
        }
        // (chain head, cohort row) of every cohort email a response holds, by row.
        let found: Vec<(u32, u32)> = (0..emails.len())
            .into_par_iter()
            .with_min_len(LOOKUPS_PER_TASK)
            .filter_map(|row| {
                let head = head_of.get(emails.get(row)?)?;
                Some((*head, row as u32))
            })
            .collect();
        // Later cohort rows overwrite earlier ones: the last row counts.
        let mut row_of = vec![None; keys.len()];
        for (head, row) in found {
            row_of[head as usize] = Some(row);
        }
        for head in head_of.into_values() {
            let row = row_of[head as usize];
            let mut response = head;
            while response != END {
                rows[response as usize] = row;
                response = next[response as usize];
            }
        }
        rows
    }
}
