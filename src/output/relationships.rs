//! The relationships' tables: figures per group, monthly compliance, meetings per month, retention curves.

use super::table::{Table, Value, optional};
use crate::disclosure::Published;
use crate::metrics::model::Count;
use crate::metrics::pairs::Status;

/// Relationship figures per group.
pub fn relationships_table(metrics: &Published) -> Table {
    let rows = metrics
        .relationships
        .iter()
        .map(|r| {
            let s = &r.suppressed;
            let st = &r.status;
            vec![
                Value::Text(r.group.clone()),
                Value::Count(r.pairs),
                Value::Count(r.meetings),
                optional(r.contact_hours, "contact_hours", s, Value::Decimal),
                optional(r.median_meetings, "median_meetings", s, Value::Decimal),
                optional(
                    r.median_days_to_first_meeting,
                    "median_days_to_first_meeting",
                    s,
                    Value::Decimal,
                ),
                optional(
                    r.q1_days_to_first_meeting,
                    "q1_days_to_first_meeting",
                    s,
                    Value::Decimal,
                ),
                optional(
                    r.q3_days_to_first_meeting,
                    "q3_days_to_first_meeting",
                    s,
                    Value::Decimal,
                ),
                optional(
                    r.median_monthly_compliance,
                    "median_monthly_compliance",
                    s,
                    Value::Rate,
                ),
                optional(r.share_every_month, "share_every_month", s, Value::Rate),
                Value::Count(r.pairs_with_meetings),
                Value::Count(r.pairs_with_compliance),
                Value::Count(st.active),
                Value::Count(st.at_risk),
                Value::Count(st.lapsed),
                Value::Count(st.withdrawn),
                Value::Count(st.completed),
                Value::Count(st.not_started),
            ]
        })
        .collect();
    Table {
        name: "relationships",
        caption: "Mentoring relationships by group: pairs, mentoring meetings, contact hours, days from match to first meeting (median and quartiles), monthly compliance and status at the as-of date".to_string(),
        columns: vec![
            "group", "pairs", "meetings", "contact_hours", "median_meetings", "median_days_to_first_meeting",
            "q1_days_to_first_meeting", "q3_days_to_first_meeting", "median_monthly_compliance", "share_every_month",
            "pairs_with_meetings", "pairs_with_compliance", "active", "at_risk", "lapsed", "withdrawn", "completed",
            "not_started",
        ],
        labels: vec![
            "Group", "Pairs", "Meetings", "Contact hours", "Median meetings", "Median days to first", "Q1 days",
            "Q3 days", "Median compliance", "Met every month", "Pairs with meetings", "Pairs with a window",
            Status::Active.label(), Status::AtRisk.label(), Status::Lapsed.label(), Status::Withdrawn.label(),
            Status::Completed.label(), Status::NotStarted.label(),
        ],
        rows,
    }
}

/// Pairs per monthly-compliance band and group.
pub fn compliance_table(metrics: &Published) -> Table {
    Table {
        name: "compliance",
        caption: "Pairs by the share of their months with at least the minimum of mentoring meetings (pairs with a window; not-started pairs count as none)".to_string(),
        columns: vec!["group", "band", "pairs"],
        labels: vec!["Group", "Months kept", "Pairs"],
        rows: metrics
            .compliance
            .iter()
            .map(|r| vec![Value::Text(r.group.clone()), Value::Text(r.band.to_string()), Value::Count(r.pairs)])
            .collect(),
    }
}

/// Meetings per calendar month and kind, per group.
pub fn timeline_table(metrics: &Published) -> Table {
    Table {
        name: "timeline",
        caption: "Meetings per calendar month by kind and group".to_string(),
        columns: vec!["group", "month", "kind", "meetings"],
        labels: vec!["Group", "Month", "Kind", "Meetings"],
        rows: metrics
            .timeline
            .iter()
            .map(|r| {
                vec![
                    Value::Text(r.group.clone()),
                    Value::Text(r.month.clone()),
                    Value::Text(r.kind.id().to_string()),
                    Value::Count(r.meetings),
                ]
            })
            .collect(),
    }
}

/// Kaplan-Meier retention per group and month.
pub fn retention_table(metrics: &Published) -> Table {
    curves_table(
        "retention",
        "Retention of relationships (Kaplan-Meier): share of pairs still meeting after each month, with 95% log-log intervals and pairs at risk",
        "group",
        "Group",
        &metrics.retention,
    )
}

/// Retention of aligned and other pairs.
pub fn retention_alignment_table(metrics: &Published) -> Table {
    curves_table(
        "retention_alignment",
        "Retention of aligned and other pairs (Kaplan-Meier): share of pairs still meeting after each month, with 95% log-log intervals and pairs at risk",
        "alignment",
        "Pairs",
        &metrics.retention_alignment,
    )
}

fn curves_table(
    name: &'static str,
    caption: &str,
    column: &'static str,
    label: &'static str,
    records: &[crate::metrics::model::RetentionRecord],
) -> Table {
    Table {
        name,
        caption: caption.to_string(),
        columns: vec![
            column, "month", "days", "survival", "ci_low", "ci_high", "at_risk",
        ],
        labels: vec![
            label,
            "Month",
            "Days",
            "Retained",
            "95% CI low",
            "95% CI high",
            "At risk",
        ],
        rows: records
            .iter()
            .map(|r| {
                vec![
                    Value::Text(r.group.clone()),
                    Value::Count(Count::Exact(u64::from(r.month))),
                    Value::Decimal(Some(r.days)),
                    optional(r.survival, "survival", &r.suppressed, Value::Rate),
                    optional(r.ci_low, "ci_low", &r.suppressed, Value::Rate),
                    optional(r.ci_high, "ci_high", &r.suppressed, Value::Rate),
                    Value::Count(r.at_risk),
                ]
            })
            .collect(),
    }
}
