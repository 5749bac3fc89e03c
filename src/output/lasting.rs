//! What makes relationships last (metrics.md §7): the wait from
//! registration to match by group, and the pair factors.

use super::table::{Table, Value, optional};
use crate::disclosure::Published;

/// Days from registration to match, per group.
pub fn match_wait_table(metrics: &Published) -> Table {
    Table {
        name: "match_wait",
        caption: "Days from registration to match of matched students, by group: median and quartiles"
            .to_string(),
        columns: vec!["group", "students", "median_days", "q1_days", "q3_days"],
        labels: vec![
            "Group",
            "Matched students",
            "Median days",
            "Lower quartile",
            "Upper quartile",
        ],
        rows: metrics
            .match_wait
            .iter()
            .map(|r| {
                let s = &r.suppressed;
                vec![
                    Value::Text(r.group.clone()),
                    Value::Count(r.students),
                    optional(r.median_days, "median_days", s, Value::Decimal),
                    optional(r.q1_days, "q1_days", s, Value::Decimal),
                    optional(r.q3_days, "q3_days", s, Value::Decimal),
                ]
            })
            .collect(),
    }
}

/// Sustained and completed pairs by mentor sector, source, alignment and load.
pub fn pair_factors_table(metrics: &Published) -> Table {
    Table {
        name: "pair_factors",
        caption: "Sustained and completed pairs by the mentor's sector and recruitment source, by aligned matching \
                  and by the mentor's number of mentees, with 95% Wilson intervals and Fisher's exact test of each \
                  level against the other pairs"
            .to_string(),
        columns: vec![
            "factor", "level", "pairs", "sustained", "sustained_rate", "sustained_ci_low", "sustained_ci_high",
            "sustained_p", "completed", "completed_rate", "completed_ci_low", "completed_ci_high", "completed_p",
        ],
        labels: vec![
            "Factor", "Level", "Pairs", "Sustained", "Rate", "CI low", "CI high", "p", "Completed", "Rate",
            "CI low", "CI high", "p",
        ],
        rows: metrics
            .pair_factors
            .iter()
            .map(|r| {
                let s = &r.suppressed;
                let mut row = vec![
                    Value::Text(r.factor.to_string()),
                    Value::Text(r.level.clone()),
                    Value::Count(r.pairs),
                ];
                for (t, names) in [
                    (&r.sustained, ["sustained_rate", "sustained_ci_low", "sustained_ci_high", "sustained_p"]),
                    (&r.completed, ["completed_rate", "completed_ci_low", "completed_ci_high", "completed_p"]),
                ] {
                    row.extend([
                        Value::Count(t.count),
                        optional(t.rate, names[0], s, Value::Rate),
                        optional(t.ci_low, names[1], s, Value::Rate),
                        optional(t.ci_high, names[2], s, Value::Rate),
                        optional(t.p_value, names[3], s, Value::P),
                    ]);
                }
                row
            })
            .collect(),
    }
}
