//! The uptake funnel's tables: by target group and stage, and by department.

use super::table::{Table, Value, optional};
use crate::disclosure::Published;
use crate::metrics::model::UptakeRecord;

/// The uptake funnel table (one row per group and stage).
pub fn uptake_table(metrics: &Published) -> Table {
    funnel_table(
        "uptake",
        "Uptake funnel by group: counts, rates with 95% Wilson intervals, conversion from the previous stage, gap to the cohort average and Fisher's exact test (Benjamini-Hochberg adjusted within each stage)",
        "group",
        "Group",
        &metrics.uptake,
    )
}

/// The funnel by department (All eligible first, as the average).
pub fn departments_table(metrics: &Published) -> Table {
    funnel_table(
        "departments",
        "Uptake funnel by department: counts, rates with 95% Wilson intervals, conversion, gap to the cohort average and Fisher's exact test against the rest of the cohort (Benjamini-Hochberg adjusted within each stage); departments too small to publish are pooled as Other departments",
        "department",
        "Department",
        &metrics.departments,
    )
}

fn funnel_table(
    name: &'static str,
    caption: &str,
    column: &'static str,
    label: &'static str,
    records: &[UptakeRecord],
) -> Table {
    let rows = records
        .iter()
        .map(|r| {
            vec![
                Value::Text(r.group.clone()),
                Value::Text(r.stage.id().to_string()),
                Value::Count(r.count),
                Value::Count(r.denominator),
                optional(r.rate, "rate", &r.suppressed, Value::Rate),
                optional(r.ci_low, "ci_low", &r.suppressed, Value::Rate),
                optional(r.ci_high, "ci_high", &r.suppressed, Value::Rate),
                optional(r.conversion, "conversion", &r.suppressed, Value::Rate),
                optional(r.gap_pp, "gap_pp", &r.suppressed, Value::Points),
                optional(r.p_value, "p_value", &r.suppressed, Value::P),
                optional(r.p_adjusted, "p_adjusted", &r.suppressed, Value::P),
            ]
        })
        .collect();
    Table {
        name,
        caption: caption.to_string(),
        columns: vec![
            column,
            "stage",
            "count",
            "denominator",
            "rate",
            "ci_low",
            "ci_high",
            "conversion",
            "gap_pp",
            "p_value",
            "p_adjusted",
        ],
        labels: vec![
            label,
            "Stage",
            "Count",
            "Eligible",
            "Rate",
            "95% CI low",
            "95% CI high",
            "Conversion",
            "Gap (pp)",
            "p",
            "p (BH)",
        ],
        rows,
    }
}
