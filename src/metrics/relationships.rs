//! Relationship figures per group (metrics.md section 2): pair counts,
//! meetings, contact hours, medians, compliance, status counts, the meeting
//! timeline and Kaplan-Meier retention, from per-pair records.

use chrono::NaiveDate;
use polars::prelude::{Column, DataFrame, DataType, Expr, PolarsResult, QuantileMethod, col, len, lit};

use super::frame::{GROUP, aggregate_by_group, by_group, true_count};
use super::groups::Membership;
use super::meetings::{MeetingAggregates, month_label};
use super::model::{
    ComplianceRecord, Count, RelationshipRecord, RetentionRecord, StatusCounts, TimelineRecord,
};
use super::pairs::{Pair, Status, retention_observation};
use crate::stats::survival::kaplan_meier;

/// Days in an average month: retention is read at m x 365.25/12 days.
pub const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

fn members<'a>(
    pairs: &'a [Pair],
    membership: &'a Membership,
    group: usize,
) -> impl Iterator<Item = &'a Pair> + 'a {
    pairs.iter().filter(move |p| membership.members[group][p.row])
}

/// The pairs as a frame: one row per pair, the columns the per-group figures read.
fn pairs_frame(pairs: &[Pair]) -> PolarsResult<DataFrame> {
    let status: Vec<u32> = pairs
        .iter()
        .map(|p| Status::ALL.iter().position(|s| *s == p.status).unwrap_or(0) as u32)
        .collect();
    DataFrame::new(
        pairs.len(),
        vec![
            Column::new(
                "meetings".into(),
                pairs.iter().map(|p| p.meetings).collect::<Vec<u64>>(),
            ),
            Column::new(
                "hours".into(),
                pairs.iter().map(|p| p.contact_hours).collect::<Vec<f64>>(),
            ),
            Column::new(
                "days".into(),
                pairs
                    .iter()
                    .map(|p| p.days_to_first_meeting.map(|d| d as f64))
                    .collect::<Vec<Option<f64>>>(),
            ),
            Column::new(
                "compliance".into(),
                pairs
                    .iter()
                    .map(|p| p.monthly_compliance)
                    .collect::<Vec<Option<f64>>>(),
            ),
            Column::new("status".into(), status),
        ],
    )
}

/// The per-group aggregates of the pairs frame, named as `group_record` reads them.
fn aggregates() -> Vec<Expr> {
    // Counts come out as u64, everything else as f64, so each is read as is.
    let counted = |e: Expr, name: &str| e.cast(DataType::UInt64).alias(name);
    let c = || col("compliance");
    let mut exprs = vec![
        counted(len(), "pairs"),
        counted(col("meetings").sum(), "meetings"),
        counted(col("days").count(), "with_days"),
        counted(c().count(), "with_compliance"),
        counted(true_count(col("meetings").gt(lit(0u64))), "with_meetings"),
        // The compliance bands, as `compliance_band` draws them.
        counted(true_count(c().lt_eq(lit(0.0))), "none"),
        counted(true_count(c().gt(lit(0.0)).and(c().lt(lit(0.5)))), "under_half"),
        counted(
            true_count(c().gt_eq(lit(0.5)).and(c().lt(lit(1.0)))),
            "half_or_more",
        ),
        counted(true_count(c().gt_eq(lit(1.0))), "every_month"),
        col("hours").sum().alias("hours"),
        col("meetings")
            .cast(DataType::Float64)
            .median()
            .alias("median_meetings"),
        col("days").median().alias("median_days"),
        col("days")
            .quantile(lit(0.25), QuantileMethod::Linear)
            .alias("q1_days"),
        col("days")
            .quantile(lit(0.75), QuantileMethod::Linear)
            .alias("q3_days"),
        c().median().alias("median_compliance"),
    ];
    exprs.extend(
        Status::ALL
            .iter()
            .enumerate()
            .map(|(i, s)| counted(true_count(col("status").eq(lit(i as u32))), s.id())),
    );
    exprs
}

/// The relationship record of each group and its pairs per compliance band
/// (pairs with a window; not-started pairs count as 0), in membership
/// order: one group_by of the pairs over the membership as a long table.
pub fn relationship_records(
    pairs: &[Pair],
    membership: &Membership,
) -> PolarsResult<(Vec<RelationshipRecord>, Vec<ComplianceRecord>)> {
    let frame = pairs_frame(pairs)?;
    let long = by_group(&frame, |i| pairs[i].row, membership)?;
    let result = aggregate_by_group(long, aggregates())?;
    let group_of = result.column(GROUP)?.u32()?.clone();
    let count =
        |name: &str, i: usize| -> PolarsResult<u64> { Ok(result.column(name)?.u64()?.get(i).unwrap_or(0)) };
    let number =
        |name: &str, i: usize| -> PolarsResult<Option<f64>> { Ok(result.column(name)?.f64()?.get(i)) };
    let mut records: Vec<RelationshipRecord> =
        membership.names.iter().map(|name| empty_record(name)).collect();
    let mut bands = vec![[0u64; COMPLIANCE_BANDS.len()]; membership.names.len()];
    for i in 0..result.height() {
        let Some(g) = group_of.get(i).map(|g| g as usize).filter(|&g| g < records.len()) else {
            continue;
        };
        for (slot, (band, _)) in bands[g].iter_mut().zip(COMPLIANCE_BANDS) {
            *slot = count(band, i)?;
        }
        let record = &mut records[g];
        let with_compliance = count("with_compliance", i)?;
        let status = |s: Status| -> PolarsResult<Count> { Ok(Count::Exact(count(s.id(), i)?)) };
        *record = RelationshipRecord {
            group: record.group.clone(),
            pairs: Count::Exact(count("pairs", i)?),
            meetings: Count::Exact(count("meetings", i)?),
            contact_hours: number("hours", i)?,
            median_meetings: number("median_meetings", i)?,
            median_days_to_first_meeting: number("median_days", i)?,
            q1_days_to_first_meeting: number("q1_days", i)?,
            q3_days_to_first_meeting: number("q3_days", i)?,
            median_monthly_compliance: number("median_compliance", i)?,
            share_every_month: (with_compliance > 0)
                .then(|| count("every_month", i).map(|every| every as f64 / with_compliance as f64))
                .transpose()?,
            pairs_with_meetings: Count::Exact(count("with_meetings", i)?),
            pairs_with_compliance: Count::Exact(with_compliance),
            status: StatusCounts {
                active: status(Status::Active)?,
                at_risk: status(Status::AtRisk)?,
                lapsed: status(Status::Lapsed)?,
                withdrawn: status(Status::Withdrawn)?,
                completed: status(Status::Completed)?,
                not_started: status(Status::NotStarted)?,
            },
            suppressed: Vec::new(),
            n_days_to_first: count("with_days", i)?,
        };
    }
    let compliance = membership
        .names
        .iter()
        .zip(bands)
        .flat_map(|(group, counts)| {
            COMPLIANCE_BANDS
                .iter()
                .zip(counts)
                .map(|((band, _), pairs)| ComplianceRecord {
                    group: group.clone(),
                    band,
                    pairs: Count::Exact(pairs),
                })
        })
        .collect();
    Ok((records, compliance))
}

/// The record of a group without pairs.
fn empty_record(group: &str) -> RelationshipRecord {
    RelationshipRecord {
        group: group.to_string(),
        pairs: Count::Exact(0),
        meetings: Count::Exact(0),
        contact_hours: Some(0.0),
        median_meetings: None,
        median_days_to_first_meeting: None,
        q1_days_to_first_meeting: None,
        q3_days_to_first_meeting: None,
        median_monthly_compliance: None,
        share_every_month: None,
        pairs_with_meetings: Count::Exact(0),
        pairs_with_compliance: Count::Exact(0),
        status: StatusCounts {
            active: Count::Exact(0),
            at_risk: Count::Exact(0),
            lapsed: Count::Exact(0),
            withdrawn: Count::Exact(0),
            completed: Count::Exact(0),
            not_started: Count::Exact(0),
        },
        suppressed: Vec::new(),
        n_days_to_first: 0,
    }
}

/// Monthly-compliance bands in report order: (id, label, lower bound inclusive).
pub const COMPLIANCE_BANDS: [(&str, &str); 4] = [
    ("none", "No month kept"),
    ("under_half", "Under half the months"),
    ("half_or_more", "Half or more"),
    ("every_month", "Every month"),
];

/// The band of a compliance value.
pub fn compliance_band(compliance: f64) -> &'static str {
    if compliance <= 0.0 {
        "none"
    } else if compliance < 0.5 {
        "under_half"
    } else if compliance < 1.0 {
        "half_or_more"
    } else {
        "every_month"
    }
}

/// Meetings per calendar month and kind for each group (months with meetings only).
pub fn timeline_records(aggregates: &MeetingAggregates, membership: &Membership) -> Vec<TimelineRecord> {
    let mut records = Vec::new();
    for (g, name) in membership.names.iter().enumerate() {
        for (month, kind, counts) in &aggregates.timeline {
            let meetings = counts.get(g).copied().unwrap_or(0);
            if meetings > 0 {
                records.push(TimelineRecord {
                    group: name.clone(),
                    month: month_label(*month),
                    kind: *kind,
                    meetings: Count::Exact(meetings),
                });
            }
        }
    }
    records
}

/// Kaplan-Meier retention at months 1..=expected_months for each group.
pub fn retention_records(
    pairs: &[Pair],
    membership: &Membership,
    as_of: NaiveDate,
    expected_months: u32,
) -> Vec<RetentionRecord> {
    let times: Vec<f64> = (1..=expected_months)
        .map(|m| f64::from(m) * DAYS_PER_MONTH)
        .collect();
    // A loop per group, not a query: Kaplan-Meier is no polars aggregate.
    // Groups are tasks; records keep group order.
    use rayon::prelude::*;
    let per_group: Vec<Vec<RetentionRecord>> = membership
        .names
        .par_iter()
        .enumerate()
        .map(|(g, name)| {
            let observations: Vec<_> = members(pairs, membership, g)
                .filter_map(|p| retention_observation(p, as_of))
                .collect();
            let points = kaplan_meier(&observations, &times);
            times
                .iter()
                .enumerate()
                .map(|(i, &days)| {
                    let point = points.as_ref().and_then(|p| p.get(i));
                    RetentionRecord {
                        group: name.clone(),
                        month: i as u32 + 1,
                        days,
                        survival: point.map(|p| p.survival),
                        ci_low: point.map(|p| p.ci_low),
                        ci_high: point.map(|p| p.ci_high),
                        at_risk: Count::Exact(point.map_or(0, |p| p.at_risk)),
                        suppressed: Vec::new(),
                        pairs: observations.len() as u64,
                        events: observations.iter().filter(|o| o.event && o.time <= days).count() as u64,
                    }
                })
                .collect()
        })
        .collect();
    per_group.into_iter().flatten().collect()
}
