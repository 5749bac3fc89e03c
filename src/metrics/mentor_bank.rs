//! The mentor bank (metrics.md section 3): size and variety, capacity and
//! utilisation, mentors without a mentee, the waiting list and time to match.

use std::collections::{BTreeMap, BTreeSet};

use crate::hashing::FastMap;

use super::model::{Count, MentorBankRecord, SectorRecord};
use crate::ingest::cohort::Cohort;
use crate::ingest::mentors::Mentors;
use crate::stats::descriptive::median;

/// Label for mentors whose sector or source is not recorded.
pub const NOT_RECORDED: &str = "Not recorded";

/// The mentor bank record from the bank and the cohort's matches.
pub fn mentor_bank(mentors: &Mentors, cohort: &Cohort) -> MentorBankRecord {
    let matched: Vec<&str> = match &cohort.mentor_id {
        Some(ids) => (0..cohort.len())
            .filter(|&r| cohort.registered[r])
            .filter_map(|r| ids[r].as_deref())
            .collect(),
        None => Vec::new(),
    };
    let mut mentees: FastMap<&str, u64> = FastMap::default();
    for id in &matched {
        *mentees.entry(id).or_insert(0) += 1;
    }
    let bank: BTreeSet<&str> = mentors.mentor_id.iter().flatten().map(String::as_str).collect();
    let missing: BTreeSet<String> = matched
        .iter()
        .filter(|id| !bank.contains(**id))
        .map(|id| id.to_string())
        .collect();

    let mut per_mentor = Vec::with_capacity(mentors.mentor_id.len());
    let mut by_sector: BTreeMap<String, (u64, f64, u64)> = BTreeMap::new();
    let mut by_source: BTreeMap<String, u64> = BTreeMap::new();
    for (i, id) in mentors.mentor_id.iter().enumerate() {
        let count = id.as_deref().and_then(|id| mentees.get(id)).copied().unwrap_or(0);
        per_mentor.push(count);
        let label = |column: &Option<Vec<Option<String>>>| {
            column
                .as_ref()
                .and_then(|c| c[i].clone())
                .unwrap_or_else(|| NOT_RECORDED.to_string())
        };
        let sector = by_sector.entry(label(&mentors.sector)).or_insert((0, 0.0, 0));
        sector.0 += 1;
        sector.1 += mentors.capacity[i];
        sector.2 += count;
        *by_source.entry(label(&mentors.source)).or_insert(0) += 1;
    }
    let mut distribution: BTreeMap<String, Count> = BTreeMap::new();
    for count in &per_mentor {
        let entry = distribution.entry(count.to_string()).or_insert(Count::Exact(0));
        *entry = Count::Exact(entry.value().unwrap_or(0) + 1);
    }
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
                    name,
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
        by_source: by_source.into_iter().map(|(k, v)| (k, Count::Exact(v))).collect(),
        waiting_list: Count::Exact(waiting_list),
        median_days_registration_to_match: median(&days_to_match),
        n_registration_to_match: Count::Exact(days_to_match.len() as u64),
        missing_mentor_ids: missing.into_iter().collect(),
        suppressed: Vec::new(),
    }
}
