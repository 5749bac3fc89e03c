//! The data-quality table: findings per input and rule, as published.

use super::table::{Table, Value};
use crate::metrics::model::DataQualityRecord;

/// Data quality findings per input and rule, as published.
pub fn data_quality_table(quality: &DataQualityRecord) -> Table {
    let rows = quality
        .by_input
        .iter()
        .map(|c| {
            vec![
                Value::Text(c.input.clone()),
                Value::Text(c.rule.to_string()),
                Value::Text(c.severity.to_string()),
                Value::Count(c.findings),
            ]
        })
        .collect();
    Table {
        name: "data_quality",
        caption: "Data quality findings by input and rule (every finding is listed in data-quality.csv, which is for the programme team, not for publication)"
            .to_string(),
        columns: vec!["input", "rule", "severity", "findings"],
        labels: vec!["Input", "Rule", "Severity", "Findings"],
        rows,
    }
}
