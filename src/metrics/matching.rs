//! Coarsened exact matching (comparison.md): students are grouped into
//! strata by their covariate levels, a stratum with both treated and
//! controls is kept, and each student gets the weight the estimate uses.
//! The strata are found once for the whole cohort, by a polars window over
//! the level columns (`stratum_ids`); each group's matching then counts its
//! students' arms per stratum id (`match_ids`).

use polars::prelude::*;

/// The strata and weights of one matching.
#[derive(Debug, Clone, PartialEq)]
pub struct Matching {
    /// Per student: 1 for a treated student of a kept stratum; a control of
    /// kept stratum s: (n_Ts / n_Cs) x (N_C / N_T); otherwise 0.
    pub weights: Vec<f64>,
    /// Strata, and strata with both arms.
    pub strata: usize,
    pub strata_kept: usize,
    /// N_T and N_C: treated and controls in kept strata.
    pub treated_matched: u64,
    pub controls_matched: u64,
}

const ROW: &str = "__row";
const KEY: &str = "__key";

/// Each student's levels as one number, sum of code_k x (levels before k),
/// when every column holds UInt32 codes and their combinations fit in a u64.
fn folded_levels(levels: &DataFrame) -> PolarsResult<Option<Vec<u64>>> {
    let mut key = vec![0u64; levels.height()];
    let mut radix = 1u64;
    for column in levels.columns() {
        let Ok(codes) = column.u32() else {
            return Ok(None);
        };
        // A missing code (none is, from the comparison's inputs) is one level more.
        let size = u64::from(codes.max().unwrap_or(0)) + 2;
        for (k, code) in key.iter_mut().zip(codes.iter()) {
            *k += radix * code.map_or(size - 1, u64::from);
        }
        let Some(next) = radix.checked_mul(size) else {
            return Ok(None);
        };
        radix = next;
    }
    Ok(Some(key))
}

/// Each student's stratum of `levels` (one column per matching covariate,
/// a level per student, with missing values given their own level by the
/// caller): a dense id, numbered in order of the stratum's first student.
pub fn stratum_ids(levels: &DataFrame) -> PolarsResult<Vec<u32>> {
    let keys: Vec<Expr> = levels
        .get_column_names()
        .into_iter()
        .map(|name| col(name.clone()))
        .collect();
    let rows = levels.height();
    if keys.is_empty() {
        return Ok(vec![0; rows]);
    }
    // Level codes fold into one number per student (mixed radix) when they
    // fit in 64 bits: a window over one column is several times faster
    // than over one column per covariate.
    let (frame, keys) = match folded_levels(levels)? {
        Some(key) => (
            DataFrame::new(rows, vec![Column::new(KEY.into(), key)])?,
            vec![col(KEY)],
        ),
        None => (levels.clone(), keys),
    };
    // The first row of each student's stratum names it.
    let first = frame
        .with_row_index(ROW.into(), None)?
        .lazy()
        .select([col(ROW).first().over(keys)?.cast(DataType::UInt32).alias(ROW)])
        .collect()?;
    let first = first.column(ROW)?.u32()?;
    let mut dense = vec![u32::MAX; rows];
    let mut next = 0u32;
    let mut ids = Vec::with_capacity(rows);
    for row in first.iter() {
        let slot = &mut dense[row.unwrap_or(0) as usize];
        if *slot == u32::MAX {
            *slot = next;
            next += 1;
        }
        ids.push(*slot);
    }
    Ok(ids)
}

/// Matches the students whose strata are `strata` (ids from `stratum_ids`)
/// and whose arms are `treated`.
pub fn match_ids(strata: &[u32], treated: &[bool]) -> Matching {
    let size = strata.iter().map(|&s| s as usize + 1).max().unwrap_or(0);
    // Per stratum: (treated, controls).
    let mut counts = vec![(0u64, 0u64); size];
    for (&s, &t) in strata.iter().zip(treated) {
        let c = &mut counts[s as usize];
        if t {
            c.0 += 1;
        } else {
            c.1 += 1;
        }
    }
    let kept = |c: &(u64, u64)| c.0 > 0 && c.1 > 0;
    let (mut treated_matched, mut controls_matched, mut strata_n, mut strata_kept) = (0, 0, 0, 0);
    for c in &counts {
        if c.0 + c.1 > 0 {
            strata_n += 1;
        }
        if kept(c) {
            strata_kept += 1;
            treated_matched += c.0;
            controls_matched += c.1;
        }
    }
    let weights = strata
        .iter()
        .zip(treated)
        .map(|(&s, &t)| {
            let c = &counts[s as usize];
            match (kept(c), t) {
                (false, _) => 0.0,
                (true, true) => 1.0,
                // The order of comparison.md's formula (and the fixtures').
                (true, false) => c.0 as f64 / c.1 as f64 * controls_matched as f64 / treated_matched as f64,
            }
        })
        .collect();
    Matching {
        weights,
        strata: strata_n,
        strata_kept,
        treated_matched,
        controls_matched,
    }
}

/// Matches the students of `levels` (see `stratum_ids`); `treated[i]` is
/// student i's arm.
pub fn match_strata(levels: &DataFrame, treated: &[bool]) -> PolarsResult<Matching> {
    polars_ensure!(
        levels.height() == treated.len(),
        ComputeError: "matching: {} students' levels for {} arms",
        levels.height(),
        treated.len()
    );
    Ok(match_ids(&stratum_ids(levels)?, treated))
}
