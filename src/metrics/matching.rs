//! Coarsened exact matching (comparison.md): students are grouped into
//! strata by their covariate levels, a stratum with both treated and
//! controls is kept, and each student gets the weight the estimate uses.
//! The strata are a polars group_by (window counts over the level columns).

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

const TREATED: &str = "__treated";

/// Matches the students of `levels` (one column per matching covariate,
/// a level per student: text, with missing values given their own level by
/// the caller) by exact strata; `treated[i]` is student i's arm.
pub fn match_strata(levels: &DataFrame, treated: &[bool]) -> PolarsResult<Matching> {
    polars_ensure!(
        levels.height() == treated.len(),
        ComputeError: "matching: {} students' levels for {} arms",
        levels.height(),
        treated.len()
    );
    let keys: Vec<Expr> = levels
        .get_column_names()
        .into_iter()
        .map(|name| col(name.clone()))
        .collect();
    let mut frame = levels.clone();
    frame.with_column(Column::new(TREATED.into(), treated))?;
    let arm_counts = || {
        [
            col(TREATED).sum().cast(DataType::UInt64).alias("n_t"),
            col(TREATED).not().sum().cast(DataType::UInt64).alias("n_c"),
        ]
    };
    // Per student: the counts of their stratum (window counts over the levels).
    let per_student: Vec<Expr> = arm_counts()
        .into_iter()
        .map(|count| count.over(keys.clone()))
        .collect::<PolarsResult<_>>()?;
    let counted = frame.clone().lazy().select(per_student).collect()?;
    // The strata themselves: one group_by of the levels.
    let strata = frame.lazy().group_by(keys).agg(arm_counts()).collect()?;
    let n_t = counted.column("n_t")?.u64()?.clone();
    let n_c = counted.column("n_c")?.u64()?.clone();
    let rows = treated.len();
    let kept = |i: usize| n_t.get(i).unwrap_or(0) > 0 && n_c.get(i).unwrap_or(0) > 0;
    let treated_matched = (0..rows).filter(|&i| kept(i) && treated[i]).count() as u64;
    let controls_matched = (0..rows).filter(|&i| kept(i) && !treated[i]).count() as u64;
    let weights = (0..rows)
        .map(|i| match (kept(i), treated[i]) {
            (false, _) => 0.0,
            (true, true) => 1.0,
            // The order of comparison.md's formula (and the fixtures').
            (true, false) => {
                let (in_t, in_c) = (n_t.get(i).unwrap_or(0) as f64, n_c.get(i).unwrap_or(1) as f64);
                in_t / in_c * controls_matched as f64 / treated_matched as f64
            }
        })
        .collect();
    let (strata_t, strata_c) = (strata.column("n_t")?.u64()?, strata.column("n_c")?.u64()?);
    let both = (0..strata.height())
        .filter(|&s| strata_t.get(s).unwrap_or(0) > 0 && strata_c.get(s).unwrap_or(0) > 0)
        .count();
    Ok(Matching {
        weights,
        strata: strata.height(),
        strata_kept: both,
        treated_matched,
        controls_matched,
    })
}
