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
    let sustained: Vec<bool> = pairs
        .iter()
        .map(|p| p.meetings >= u64::from(sources.sustained_meetings))
        .collect();
    let completed: Vec<bool> = pairs.iter().map(|p| p.completed).collect();
    let bank_label = |labels: &Labels, p: &Pair| {
        let row = sources.bank_rows.get(p.row).copied().flatten()?;
        labels.get(row as usize).map(str::to_string)
    };
    let mut records = Vec::new();
    for (factor, labels) in [("sector", sources.sector), ("source", sources.source)] {
        let Some(labels) = labels else { continue };
        let levels: Vec<String> = pairs
            .iter()
            .map(|p| bank_label(labels, p).unwrap_or_else(|| UNKNOWN.to_string()))
            .collect();
        records.extend(factor_records(factor, &levels, &sustained, &completed, false));
    }
    if let (Some(matching), Some(sector), Some(department)) = (
        sources.matching,
        sources.sector,
        sources.cohort.department.as_ref(),
    ) {
        if !matching.aligned.0.is_empty() {
            let levels: Vec<String> = pairs
                .iter()
                .map(|p| {
                    let aligned = bank_label(sector, p)
                        .zip(department.get(p.row))
                        .is_some_and(|(s, d)| matching.is_aligned(d, &s));
                    if aligned { ALIGNED } else { NOT_ALIGNED }.to_string()
                })
                .collect();
            records.extend(factor_records("alignment", &levels, &sustained, &completed, true));
        }
    }
    if let Some(ids) = &sources.cohort.mentor_id {
        let mut mentees: rustc_hash::FxHashMap<&str, u64> = rustc_hash::FxHashMap::default();
        for p in pairs {
            if let Some(id) = ids.get(p.row).and_then(Option::as_ref) {
                *mentees.entry(id.as_str()).or_default() += 1;
            }
        }
        let levels: Vec<String> = pairs
            .iter()
            .map(|p| {
                let n = ids
                    .get(p.row)
                    .and_then(Option::as_ref)
                    .and_then(|id| mentees.get(id.as_str()))
                    .copied()
                    .unwrap_or(1);
                LOADS[(n.clamp(1, 3) - 1) as usize].to_string()
            })
            .collect();
        records.extend(factor_records(
            "mentor_load",
            &levels,
            &sustained,
            &completed,
            true,
        ));
    }
    records
}

/// Per pair, whether its mentor's sector is aligned with the student's
/// department; None without `[matching.aligned]`, sectors or departments.
pub fn aligned(pairs: &[Pair], sources: &Sources<'_>) -> Option<Vec<bool>> {
    let matching = sources.matching.filter(|m| !m.aligned.0.is_empty())?;
    let (sector, department) = (sources.sector?, sources.cohort.department.as_ref()?);
    Some(
        pairs
            .iter()
            .map(|p| {
                let row = sources.bank_rows.get(p.row).copied().flatten();
                let sector = row.and_then(|r| sector.get(r as usize));
                sector
                    .zip(department.get(p.row))
                    .is_some_and(|(s, d)| matching.is_aligned(d, s))
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

/// One factor's records: each level's pairs, sustained and completed, with
/// Wilson intervals and Fisher's exact p against the other pairs. Levels in
/// their given order when `fixed` (every level of `levels`' vocabulary that
/// occurs), else most pairs first.
fn factor_records(
    factor: &'static str,
    levels: &[String],
    sustained: &[bool],
    completed: &[bool],
    fixed: bool,
) -> Vec<PairFactorRecord> {
    let mut names: Vec<&str> = Vec::new();
    for level in levels {
        if !names.contains(&level.as_str()) {
            names.push(level);
        }
    }
    let count = |name: &str, flags: &[bool]| -> (u64, u64) {
        let mut pairs = 0;
        let mut with = 0;
        for (level, flag) in levels.iter().zip(flags) {
            if level == name {
                pairs += 1;
                with += u64::from(*flag);
            }
        }
        (pairs, with)
    };
    let total = levels.len() as u64;
    let all_sustained = sustained.iter().filter(|f| **f).count() as u64;
    let all_completed = completed.iter().filter(|f| **f).count() as u64;
    let mut records: Vec<PairFactorRecord> = names
        .iter()
        .map(|name| {
            let (pairs, with_sustained) = count(name, sustained);
            let (_, with_completed) = count(name, completed);
            PairFactorRecord {
                factor,
                level: name.to_string(),
                pairs: Count::Exact(pairs),
                sustained: tally(with_sustained, pairs, all_sustained, total),
                completed: tally(with_completed, pairs, all_completed, total),
                suppressed: Vec::new(),
                all_pairs: total,
            }
        })
        .collect();
    if fixed {
        // "Aligned" before "Not aligned"; loads in order.
        records.sort_by(|a, b| a.level.cmp(&b.level));
    } else {
        // Most pairs first, "Not recorded" last, then by name.
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
