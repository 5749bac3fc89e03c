//! Placement outcomes (metrics.md section 5): applied and secured rates of
//! participants (matched) against non-participants (eligible, not registered),
//! per group (counted with the funnel's conditions, in
//! `metrics::cohort_queries`). Association only.

use polars::prelude::*;

use super::frame::col_names;
use super::groups::Membership;
use super::model::{Count, OutcomeRecord};
use crate::stats::fisher::fisher_exact;
use crate::stats::proportion::wilson;

/// The outcomes whose columns are in the frame: (id, frame column).
pub fn available_outcomes(frame: &DataFrame) -> Vec<(&'static str, &'static str)> {
    // Participants are matched students: no mentor ids, no comparison.
    if frame.column(col_names::MATCHED).is_err() {
        return Vec::new();
    }
    [
        ("placement_applied", col_names::APPLIED),
        ("placement_secured", col_names::SECURED),
    ]
    .into_iter()
    .filter(|(_, c)| frame.column(c).is_ok())
    .collect()
}

/// The conditions counted per group: four for each outcome, in this order:
/// participants, participants with the outcome, non-participants,
/// non-participants with it.
pub fn outcome_counts(outcomes: &[(&'static str, &'static str)]) -> Vec<(String, Expr)> {
    let participant = || col(col_names::REGISTERED).and(col(col_names::MATCHED));
    let non_participant = || col(col_names::REGISTERED).not();
    outcomes
        .iter()
        .flat_map(|(id, column)| {
            [
                (format!("{id}__participants"), participant()),
                (
                    format!("{id}__participants_with"),
                    participant().and(col(*column)),
                ),
                (format!("{id}__non_participants"), non_participant()),
                (
                    format!("{id}__non_participants_with"),
                    non_participant().and(col(*column)),
                ),
            ]
        })
        .collect()
}

/// The outcome records, groups in membership order, from
/// `counts[group]` (the conditions of `outcome_counts` for `available`).
pub fn outcomes(
    available: &[(&'static str, &'static str)],
    counts: &[Vec<u64>],
    membership: &Membership,
) -> Vec<OutcomeRecord> {
    let mut records = Vec::new();
    for (g, group) in membership.names.iter().enumerate() {
        for (o, (id, _)) in available.iter().enumerate() {
            let [p, pw, n, nw] = [0, 1, 2, 3].map(|k| counts[g][4 * o + k]);
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
    records
}
