//! What the lasting pairs had in common (metrics.md §7): sustained and
//! completed rates of matched pairs by the mentor's sector and recruitment
//! source, by aligned matching (`[matching.aligned]`), and by the mentor's
//! number of mentees, each level against the other pairs (Fisher's exact).

use super::groups::Membership;
use super::model::{Count, PairFactorRecord, Tally};
use super::pairs::Pair;
use crate::config::MatchingConfig;
use crate::ingest::coded::Labels;
use crate::ingest::cohort::Cohort;
use crate::stats::fisher::fisher_exact;
use crate::stats::proportion::wilson;

/// A pair whose mentor has no sector or source in the bank (or is not in it).
pub const UNKNOWN: &str = "Not recorded";
/// The levels of `alignment`.
pub const ALIGNED: &str = "Aligned";
pub const NOT_ALIGNED: &str = "Not aligned";
/// The levels of `mentor_load`.
pub const LOADS: [&str; 3] = ["1 mentee", "2 mentees", "3 or more mentees"];

/// A factor's name for people.
pub fn factor_label(factor: &str) -> &'static str {
    match factor {
        "sector" => "Mentor's sector",
        "source" => "How the mentor was recruited",
        "alignment" => "Aligned matching",
        "mentor_load" => "Mentor's number of mentees",
        _ => "Other",
    }
}

/// What the factors read besides the pairs.
pub struct Sources<'a> {
    pub cohort: &'a Cohort,
    /// Each cohort row's mentor bank row (empty without a bank).
    pub bank_rows: &'a [Option<u32>],
    pub sector: Option<&'a Labels>,
    pub source: Option<&'a Labels>,
    pub matching: Option<&'a MatchingConfig>,
    pub sustained_meetings: u32,
}

/// Every factor's records, factor by factor (levels in order of their pairs, most first).
pub fn pair_factors(pairs: &[Pair], sources: &Sources<'_>) -> Vec<PairFactorRecord> {
    if pairs.is_empty() {
        return Vec::new();
    }
    let outcomes = Outcomes {
        sustained: pairs
            .iter()
            .map(|p| p.meetings >= u64::from(sources.sustained_meetings))
            .collect(),
        completed: pairs.iter().map(|p| p.completed).collect(),
    };
    let mut records = Vec::new();
    for (factor, labels) in [("sector", sources.sector), ("source", sources.source)] {
        let Some(labels) = labels else { continue };
        // Codes of the bank's labels; one more for "Not recorded".
        let unknown = labels.values().len() as u32;
        let levels: Vec<u32> = pairs
            .iter()
            .map(|p| bank_code(labels, sources, p).unwrap_or(unknown))
            .collect();
        let mut names: Vec<String> = labels.values().to_vec();
        names.push(UNKNOWN.to_string());
        records.extend(factor_records(factor, &names, &levels, &outcomes, false));
    }
    if let Some(aligned) = aligned(pairs, sources) {
        let levels: Vec<u32> = aligned.iter().map(|a| u32::from(!*a)).collect();
        let names = [ALIGNED, NOT_ALIGNED].map(String::from);
        records.extend(factor_records("alignment", &names, &levels, &outcomes, true));
    }
    if let Some(ids) = &sources.cohort.mentor_id {
        let mut mentees: rustc_hash::FxHashMap<&str, u64> = rustc_hash::FxHashMap::default();
        for p in pairs {
            if let Some(id) = ids.get(p.row).and_then(Option::as_ref) {
                *mentees.entry(id.as_str()).or_default() += 1;
            }
        }
        let levels: Vec<u32> = pairs
            .iter()
            .map(|p| {
                let n = ids
                    .get(p.row)
                    .and_then(Option::as_ref)
                    .and_then(|id| mentees.get(id.as_str()))
                    .copied()
                    .unwrap_or(1);
                (n.clamp(1, 3) - 1) as u32
            })
            .collect();
        let names = LOADS.map(String::from);
        records.extend(factor_records("mentor_load", &names, &levels, &outcomes, true));
    }
    records
}

/// Each pair's sustained and completed flags.
struct Outcomes {
    sustained: Vec<bool>,
    completed: Vec<bool>,
}

/// The code of a pair's mentor's label in the bank, None when the mentor
/// is not in the bank or has no label.
fn bank_code(labels: &Labels, sources: &Sources<'_>, p: &Pair) -> Option<u32> {
    let row = sources.bank_rows.get(p.row).copied().flatten()?;
    labels.code(row as usize)
}

/// Per pair, whether its mentor's sector is aligned with the student's
/// department; None without `[matching.aligned]`, sectors or departments.
/// Decided once per (department, sector) that occurs.
pub fn aligned(pairs: &[Pair], sources: &Sources<'_>) -> Option<Vec<bool>> {
    let matching = sources.matching.filter(|m| !m.aligned.0.is_empty())?;
    let (sector, department) = (sources.sector?, sources.cohort.department.as_ref()?);
    let mut decided: rustc_hash::FxHashMap<(u32, u32), bool> = rustc_hash::FxHashMap::default();
    Some(
        pairs
            .iter()
            .map(|p| {
                let (Some(s), Some(d)) = (bank_code(sector, sources, p), department.code(p.row)) else {
                    return false;
                };
                *decided.entry((d, s)).or_insert_with(|| {
                    let (d, s) = (&department.values()[d as usize], &sector.values()[s as usize]);
                    matching.is_aligned(d, s)
                })
            })
            .collect(),
    )
}

/// Aligned and other pairs as a membership of cohort rows (for their
/// retention curves).
pub fn alignment_membership(pairs: &[Pair], aligned: &[bool], rows: usize) -> Membership {
    let mut members = vec![vec![false; rows]; 2];
    for (p, a) in pairs.iter().zip(aligned) {
        if let Some(slot) = members[usize::from(!*a)].get_mut(p.row) {
            *slot = true;
        }
    }
    Membership {
        names: vec![ALIGNED.to_string(), NOT_ALIGNED.to_string()],
        members,
    }
}

/// One factor's records: each level that occurs (`levels[pair]` indexes
/// `names`), its pairs, sustained and completed, with Wilson intervals and
/// Fisher's exact p against the other pairs. Levels in `names` order when
/// `fixed`, else most pairs first ("Not recorded" last).
fn factor_records(
    factor: &'static str,
    names: &[String],
    levels: &[u32],
    outcomes: &Outcomes,
    fixed: bool,
) -> Vec<PairFactorRecord> {
    // Per level: (pairs, sustained, completed), one pass.
    let mut counts = vec![(0u64, 0u64, 0u64); names.len()];
    for ((&level, &s), &c) in levels.iter().zip(&outcomes.sustained).zip(&outcomes.completed) {
        let slot = &mut counts[level as usize];
        slot.0 += 1;
        slot.1 += u64::from(s);
        slot.2 += u64::from(c);
    }
    let total = levels.len() as u64;
    let all_sustained = counts.iter().map(|c| c.1).sum::<u64>();
    let all_completed = counts.iter().map(|c| c.2).sum::<u64>();
    let mut records: Vec<PairFactorRecord> = names
        .iter()
        .zip(&counts)
        .filter(|(_, c)| c.0 > 0)
        .map(|(name, &(pairs, sustained, completed))| PairFactorRecord {
            factor,
            level: name.clone(),
            pairs: Count::Exact(pairs),
            sustained: tally(sustained, pairs, all_sustained, total),
            completed: tally(completed, pairs, all_completed, total),
            suppressed: Vec::new(),
            all_pairs: total,
        })
        .collect();
    if !fixed {
        records.sort_by_key(|r| {
            (
                r.level == UNKNOWN,
                std::cmp::Reverse(r.pairs.value()),
                r.level.clone(),
            )
        });
    }
    records
}

/// A level's count with an outcome among its pairs, against the other pairs.
fn tally(with: u64, pairs: u64, all_with: u64, all_pairs: u64) -> Tally {
    let (other_with, other_pairs) = (all_with - with, all_pairs - pairs);
    let ci = wilson(with, pairs);
    Tally {
        count: Count::Exact(with),
        rate: (pairs > 0).then(|| with as f64 / pairs as f64),
        ci_low: ci.map(|c| c.0),
        ci_high: ci.map(|c| c.1),
        p_value: (pairs > 0 && other_pairs > 0)
            .then(|| fisher_exact(with, pairs - with, other_with, other_pairs - other_with)),
        all: all_with,
    }
}
