//! Placement outcomes (metrics.md section 5): applied and secured rates of
//! participants (matched) against non-participants (eligible, not registered),
//! per group, from one lazy query over the cohort frame. Association only.

use polars::prelude::*;

use super::frame::{col_names, group_column, single_count, true_count};
use super::groups::Membership;
use super::model::{Count, OutcomeRecord};
use crate::error::{Error, Result};
use crate::stats::fisher::fisher_exact;
use crate::stats::proportion::wilson;

/// The outcomes whose columns are in the frame: (id, frame column).
pub fn available_outcomes(frame: &DataFrame) -> Vec<(&'static str, &'static str)> {
    [
        ("placement_applied", col_names::APPLIED),
        ("placement_secured", col_names::SECURED),
    ]
    .into_iter()
    .filter(|(_, c)| frame.column(c).is_ok())
    .collect()
}

fn name(group: usize, outcome: &str, what: &str) -> String {
    format!("{}__{outcome}__{what}", group_column(group))
}

/// Counts per group and outcome: participants, participants with the outcome,
/// non-participants, non-participants with the outcome.
pub fn outcome_counts_query(frame: DataFrame, outcomes: &[(&str, &str)], groups: usize) -> LazyFrame {
    let participant = || col(col_names::REGISTERED).and(col(col_names::MATCHED));
    let non_participant = || col(col_names::REGISTERED).not();
    let count = |e: Expr, alias: String| true_count(e).alias(alias);
    let mut exprs = Vec::new();
    for g in 0..groups {
        for (id, column) in outcomes {
            let member = || col(group_column(g));
            exprs.push(count(participant().and(member()), name(g, id, "p")));
            exprs.push(count(
                participant().and(member()).and(col(*column)),
                name(g, id, "pw"),
            ));
            exprs.push(count(non_participant().and(member()), name(g, id, "n")));
            exprs.push(count(
                non_participant().and(member()).and(col(*column)),
                name(g, id, "nw"),
            ));
        }
    }
    frame.lazy().select(exprs)
}

/// The outcome records, groups in membership order.
pub fn outcomes(frame: DataFrame, membership: &Membership) -> Result<Vec<OutcomeRecord>> {
    if frame.column(col_names::MATCHED).is_err() {
        return Ok(Vec::new());
    }
    let available = available_outcomes(&frame);
    if available.is_empty() {
        return Ok(Vec::new());
    }
    let groups = membership.names.len();
    let counts = outcome_counts_query(frame, &available, groups)
        .collect()
        .map_err(|e| Error::compute("placement outcomes", e))?;
    let get = |n: String| -> Result<u64> {
        single_count(&counts, &n).map_err(|e| Error::compute("placement outcomes", e))
    };
    let mut records = Vec::new();
    for (g, group) in membership.names.iter().enumerate() {
        for (id, _) in &available {
            let (p, pw, n, nw) = (
                get(name(g, id, "p"))?,
                get(name(g, id, "pw"))?,
                get(name(g, id, "n"))?,
                get(name(g, id, "nw"))?,
            );
            let rate = |k: u64, total: u64| (total > 0).then(|| k as f64 / total as f64);
            let (pr, nr) = (rate(pw, p), rate(nw, n));
            let (pci, nci) = (wilson(pw, p), wilson(nw, n));
            records.push(OutcomeRecord {
                group: group.clone(),
                outcome: id,
                participants: Count::Exact(p),
                participants_with_outcome: Count::Exact(pw),
                participant_rate: pr,
                participant_ci_low: pci.map(|c| c.0),
                participant_ci_high: pci.map(|c| c.1),
                non_participants: Count::Exact(n),
                non_participants_with_outcome: Count::Exact(nw),
                non_participant_rate: nr,
                non_participant_ci_low: nci.map(|c| c.0),
                non_participant_ci_high: nci.map(|c| c.1),
                diff_pp: pr.zip(nr).map(|(a, b)| 100.0 * (a - b)),
                p_value: (p > 0 && n > 0).then(|| fisher_exact(pw, p - pw, nw, n - nw)),
                suppressed: Vec::new(),
            });
        }
    }
    Ok(records)
}
