//! The mentor bank (metrics.md section 3): size and variety, capacity and
//! utilisation, mentors without a mentee, the waiting list and time to match.

use std::collections::{BTreeMap, BTreeSet};

use super::model::{Count, MentorBankRecord, SectorRecord};
use crate::ingest::coded::Labels;
use crate::ingest::cohort::Cohort;
use crate::ingest::mentors::Mentors;
use crate::stats::descriptive::median;

/// Label for mentors whose sector or source is not recorded.
pub const NOT_RECORDED: &str = "Not recorded";

/// Per-mentor totals gathered by a dictionary-coded column's code, the last
/// slot for mentors whose value is not recorded (or the column absent).
struct BySlot<'a, T> {
    column: Option<&'a Labels>,
    totals: Vec<T>,
}

impl<'a, T: Default + Clone> BySlot<'a, T> {
    fn new(column: Option<&'a Labels>) -> Self {
        let slots = column.map_or(0, |c| c.values().len()) + 1;
        BySlot {
            column,
            totals: vec![T::default(); slots],
        }
    }

    /// The totals of row `row`'s value.
    fn at(&mut self, row: usize) -> &mut T {
        let not_recorded = self.totals.len() - 1;
        let slot = self
            .column
            .and_then(|c| c.code(row))
            .map_or(not_recorded, |c| c as usize);
        &mut self.totals[slot]
    }

    /// (label, totals) for every slot `seen` by some row; a recorded value
    /// spelled "Not recorded" shares that label's entry (`merge`).
    fn into_labelled(self, seen: impl Fn(&T) -> bool, merge: impl Fn(&mut T, &T)) -> BTreeMap<&'a str, T> {
        let mut out: BTreeMap<&str, T> = BTreeMap::new();
        let values = self.column.map_or(&[][..], |c| c.values());
        for (slot, totals) in self.totals.iter().enumerate().filter(|(_, t)| seen(t)) {
            let label = values.get(slot).map_or(NOT_RECORDED, String::as_str);
            match out.get_mut(label) {
                Some(existing) => merge(existing, totals),
                None => {
                    out.insert(label, totals.clone());
                }
            }
        }
        out
    }
}

/// The mentor bank record from the bank and the cohort's matches;
/// `mentor_rows` is each cohort row's mentor bank row (from validation).
pub fn mentor_bank(mentors: &Mentors, cohort: &Cohort, mentor_rows: &[Option<u32>]) -> MentorBankRecord {
    // Registered students with a mentor id: counted per bank row, or listed
    // as missing from the bank.
    let mut mentees = vec![0u64; mentors.mentor_id.len()];
    let mut missing: BTreeSet<String> = BTreeSet::new();
    if let Some(ids) = &cohort.mentor_id {
        for row in (0..cohort.len()).filter(|&r| cohort.registered[r]) {
            let Some(id) = ids[row].as_deref() else {
                continue;
            };
            match mentor_rows.get(row).copied().flatten() {
                Some(mentor) => mentees[mentor as usize] += 1,
                None => {
                    missing.insert(id.to_string());
                }
            }
        }
    }

    let rows = mentors.mentor_id.len();
    let mut per_mentor = Vec::with_capacity(rows);
    // (mentors, capacity, mentees) per sector and mentors per source, by code.
    let mut by_sector: BySlot<(u64, f64, u64)> = BySlot::new(mentors.sector.as_ref());
    let mut by_source: BySlot<u64> = BySlot::new(mentors.source.as_ref());
    for (i, id) in mentors.mentor_id.iter().enumerate() {
        let count = if id.is_some() { mentees[i] } else { 0 };
        per_mentor.push(count);
        let sector = by_sector.at(i);
        sector.0 += 1;
        sector.1 += mentors.capacity[i];
        sector.2 += count;
        *by_source.at(i) += 1;
    }
    let by_sector = by_sector.into_labelled(
        |t| t.0 > 0,
        |a, b| {
            a.0 += b.0;
            a.1 += b.1;
            a.2 += b.2;
        },
    );
    let by_source = by_source.into_labelled(|n| *n > 0, |a, b| *a += b);
    let mut mentors_by_mentees: BTreeMap<u64, u64> = BTreeMap::new();
    for count in &per_mentor {
        *mentors_by_mentees.entry(*count).or_insert(0) += 1;
    }
    // Keys are text in metrics.json (and so ordered as text).
    let distribution: BTreeMap<String, Count> = mentors_by_mentees
        .into_iter()
        .map(|(mentees, mentors)| (mentees.to_string(), Count::Exact(mentors)))
        .collect();
    let total_capacity: f64 = mentors.capacity.iter().sum();
    let matched_in_bank: u64 = per_mentor.iter().sum();
    let utilisation = |mentees: u64, capacity: f64| (capacity > 0.0).then(|| mentees as f64 / capacity);

    let waiting_list = (0..cohort.len())
        .filter(|&r| cohort.registered[r])
        .filter(|&r| cohort.mentor_id.as_ref().is_none_or(|m| m[r].is_none()))
        .filter(|&r| cohort.withdrawn_on.as_ref().is_none_or(|w| w[r].is_none()))
        .count() as u64;
    let days_to_match: Vec<f64> = match &cohort.matched_on {
        Some(matched_on) => (0..cohort.len())
            .filter_map(|r| Some((matched_on[r]? - cohort.registered_on[r]?).num_days() as f64))
            .collect(),
        None => Vec::new(),
    };

    MentorBankRecord {
        mentors: Count::Exact(mentors.mentor_id.len() as u64),
        total_capacity,
        matched_mentees: Count::Exact(matched_in_bank),
        utilisation: utilisation(matched_in_bank, total_capacity),
        mentors_without_mentee: Count::Exact(per_mentor.iter().filter(|c| **c == 0).count() as u64),
        mentees_per_mentor: distribution,
        by_sector: by_sector
            .into_iter()
            .map(|(name, (count, capacity, mentees))| {
                (
                    name.to_string(),
                    SectorRecord {
                        mentors: Count::Exact(count),
                        capacity,
                        matched_mentees: Count::Exact(mentees),
                        utilisation: utilisation(mentees, capacity),
                        suppressed: Vec::new(),
                    },
                )
            })
            .collect(),
        by_source: by_source
            .into_iter()
            .map(|(k, v)| (k.to_string(), Count::Exact(v)))
            .collect(),
        waiting_list: Count::Exact(waiting_list),
        median_days_registration_to_match: median(&days_to_match),
        n_registration_to_match: Count::Exact(days_to_match.len() as u64),
        missing_mentor_ids: missing.into_iter().collect(),
        suppressed: Vec::new(),
    }
}
