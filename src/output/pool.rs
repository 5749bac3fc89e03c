//! `pool`'s tables (pooling.md: `DIR/tables/` holds what pooled.json
//! holds): the pooled figures, each institution's contribution to them,
//! the leave-one-out refits and the institutions' files, each a `Table`
//! for CSV and xlsx.

use super::table::{Table, Value};
use crate::pool::Pooled;

/// Every table of a pool, in order.
pub fn pool_tables(pooled: &Pooled) -> Vec<Table> {
    vec![
        pooled_table(pooled),
        contributions_table(pooled),
        leave_one_out_table(pooled),
        institutions_table(pooled),
    ]
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// One row per pooled figure (k = 1 figures with their own estimate and
/// nulls elsewhere).
pub fn pooled_table(pooled: &Pooled) -> Table {
    const COLUMNS: [&str; 22] = [
        "measure",
        "group",
        "outcome",
        "k",
        "institutions",
        "estimate",
        "ci_low",
        "ci_high",
        "pi_low",
        "pi_high",
        "tau2",
        "tau2_ci_low",
        "tau2_ci_high",
        "i2",
        "h2",
        "q",
        "q_p",
        "common_estimate",
        "common_ci_low",
        "common_ci_high",
        "evidence_type",
        "reason",
    ];
    Table {
        name: "pooled",
        caption:
            "Pooled figures: random-effects estimate with its Hartung-Knapp interval, prediction interval, \
                  heterogeneity and the common-effect estimate"
                .to_string(),
        columns: COLUMNS.to_vec(),
        labels: COLUMNS.to_vec(),
        rows: pooled
            .pooled
            .iter()
            .map(|r| {
                vec![
                    text(&r.measure),
                    text(&r.group),
                    text(&r.outcome),
                    Value::Full(Some(r.k as f64)),
                    text(&r.institutions.join("; ")),
                    Value::Full(Some(r.estimate)),
                    Value::Full(Some(r.ci_low)),
                    Value::Full(Some(r.ci_high)),
                    Value::Full(r.pi_low),
                    Value::Full(r.pi_high),
                    Value::Full(r.tau2),
                    Value::Full(r.tau2_ci_low),
                    Value::Full(r.tau2_ci_high),
                    Value::Full(r.i2),
                    Value::Full(r.h2),
                    Value::Full(r.q),
                    Value::Full(r.q_p),
                    Value::Full(r.common_estimate),
                    Value::Full(r.common_ci_low),
                    Value::Full(r.common_ci_high),
                    text(r.evidence_type),
                    text(&r.reason),
                ]
            })
            .collect(),
    }
}

/// One row per institution of each pooled figure: the forest plots' data.
pub fn contributions_table(pooled: &Pooled) -> Table {
    const COLUMNS: [&str; 10] = [
        "measure",
        "group",
        "outcome",
        "institution",
        "n",
        "estimate",
        "se",
        "ci_low",
        "ci_high",
        "weight",
    ];
    Table {
        name: "contributions",
        caption: "Each institution's figure as pooled: its published estimate and SE, 95% interval and weight (%) in \
                  the random-effects estimate"
            .to_string(),
        columns: COLUMNS.to_vec(),
        labels: COLUMNS.to_vec(),
        rows: pooled
            .contributions
            .iter()
            .map(|r| {
                vec![
                    text(&r.measure),
                    text(&r.group),
                    text(&r.outcome),
                    text(&r.institution),
                    r.n.as_deref().map(text).unwrap_or(Value::Full(None)),
                    Value::Full(Some(r.estimate)),
                    Value::Full(Some(r.se)),
                    Value::Full(Some(r.ci_low)),
                    Value::Full(Some(r.ci_high)),
                    Value::Full(Some(r.weight)),
                ]
            })
            .collect(),
    }
}

/// One row per institution left out of a pooled figure (k >= 3).
pub fn leave_one_out_table(pooled: &Pooled) -> Table {
    const COLUMNS: [&str; 9] = [
        "measure", "group", "outcome", "left_out", "estimate", "ci_low", "ci_high", "tau2", "i2",
    ];
    Table {
        name: "leave_one_out",
        caption: "Leave-one-out: each pooled figure refitted without each institution".to_string(),
        columns: COLUMNS.to_vec(),
        labels: COLUMNS.to_vec(),
        rows: pooled
            .leave_one_out
            .iter()
            .map(|r| {
                vec![
                    text(&r.measure),
                    text(&r.group),
                    text(&r.outcome),
                    text(&r.left_out),
                    Value::Full(Some(r.estimate)),
                    Value::Full(Some(r.ci_low)),
                    Value::Full(Some(r.ci_high)),
                    Value::Full(Some(r.tau2)),
                    Value::Full(Some(r.i2)),
                ]
            })
            .collect(),
    }
}

/// The files pooled, with their checksums.
pub fn institutions_table(pooled: &Pooled) -> Table {
    const COLUMNS: [&str; 4] = ["institution", "period", "path", "sha256"];
    Table {
        name: "institutions",
        caption: "The institutions' published metrics.json files that were pooled".to_string(),
        columns: COLUMNS.to_vec(),
        labels: COLUMNS.to_vec(),
        rows: pooled
            .institutions
            .iter()
            .map(|i| {
                vec![
                    text(&i.institution),
                    text(&i.period),
                    text(&i.path),
                    text(&i.sha256),
                ]
            })
            .collect(),
    }
}
