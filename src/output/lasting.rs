//! What makes relationships last (metrics.md §7): the wait from
//! registration to match by group.

use super::tables::{Table, Value, optional};
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
