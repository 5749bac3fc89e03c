//! The trend table: headline figures over periods.

use super::table::{Table, Value};
use crate::disclosure::Published;

/// Headline figures over periods.
pub fn trend_table(metrics: &Published) -> Table {
    Table {
        name: "trend",
        caption: "Headline figures over periods (earlier runs' published metrics.json and this run)"
            .to_string(),
        columns: vec!["figure", "period", "as_of", "value"],
        labels: vec!["Figure", "Period", "As of", "Value"],
        rows: metrics
            .trend
            .iter()
            .map(|r| {
                vec![
                    Value::Text(r.label.clone()),
                    Value::Text(r.period.clone()),
                    Value::Text(r.as_of.clone()),
                    match r.kind {
                        "rate" => Value::Rate(r.value),
                        "effect" => Value::Stat(r.value),
                        _ => Value::Decimal(r.value),
                    },
                ]
            })
            .collect(),
    }
}
