//! Relationship figures per group (metrics.md section 2): pair counts,
//! meetings, contact hours, medians, compliance, status counts, the meeting
//! timeline and Kaplan-Meier retention, from per-pair records.

use chrono::NaiveDate;

use super::groups::Membership;
use super::meetings::{MeetingAggregates, month_label};
use super::model::{
    ComplianceRecord, Count, RelationshipRecord, RetentionRecord, StatusCounts, TimelineRecord,
};
use super::pairs::{Pair, Status, retention_observation};
use crate::stats::descriptive::{median, quantile};
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

/// One record per group, in membership order.
pub fn relationship_records(pairs: &[Pair], membership: &Membership) -> Vec<RelationshipRecord> {
    // Groups are tasks: at sector scale each one sorts and selects over
    // hundreds of thousands of pairs, at the end of the metrics stage.
    use rayon::prelude::*;
    (0..membership.names.len())
        .into_par_iter()
        .map(|g| {
            let group: Vec<&Pair> = members(pairs, membership, g).collect();
            let meetings: Vec<f64> = group.iter().map(|p| p.meetings as f64).collect();
            let days: Vec<f64> = group
                .iter()
                .filter_map(|p| p.days_to_first_meeting)
                .map(|d| d as f64)
                .collect();
            let compliance: Vec<f64> = group.iter().filter_map(|p| p.monthly_compliance).collect();
            let every_month = compliance.iter().filter(|c| **c >= 1.0).count();
            let status = |s: Status| Count::Exact(group.iter().filter(|p| p.status == s).count() as u64);
            RelationshipRecord {
                group: membership.names[g].clone(),
                pairs: Count::Exact(group.len() as u64),
                meetings: Count::Exact(group.iter().map(|p| p.meetings).sum()),
                contact_hours: Some(group.iter().map(|p| p.contact_hours).sum()),
                median_meetings: median(&meetings),
                median_days_to_first_meeting: median(&days),
                q1_days_to_first_meeting: quantile(&days, 0.25),
                q3_days_to_first_meeting: quantile(&days, 0.75),
                median_monthly_compliance: median(&compliance),
                share_every_month: (!compliance.is_empty())
                    .then(|| every_month as f64 / compliance.len() as f64),
                pairs_with_meetings: Count::Exact(group.iter().filter(|p| p.meetings > 0).count() as u64),
                pairs_with_compliance: Count::Exact(compliance.len() as u64),
                status: StatusCounts {
                    active: status(Status::Active),
                    at_risk: status(Status::AtRisk),
                    lapsed: status(Status::Lapsed),
                    withdrawn: status(Status::Withdrawn),
                    completed: status(Status::Completed),
                    not_started: status(Status::NotStarted),
                },
                suppressed: Vec::new(),
                n_days_to_first: days.len() as u64,
            }
        })
        .collect()
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

/// Pairs per compliance band for each group (pairs with a window; not-started pairs count as 0).
pub fn compliance_records(pairs: &[Pair], membership: &Membership) -> Vec<ComplianceRecord> {
    let mut records = Vec::new();
    for (g, name) in membership.names.iter().enumerate() {
        // One pass over the group's pairs, counting every band at once.
        let mut counts = [0u64; COMPLIANCE_BANDS.len()];
        for compliance in members(pairs, membership, g).filter_map(|p| p.monthly_compliance) {
            let band = compliance_band(compliance);
            if let Some(index) = COMPLIANCE_BANDS.iter().position(|(id, _)| *id == band) {
                counts[index] += 1;
            }
        }
        for ((band, _), count) in COMPLIANCE_BANDS.iter().zip(counts) {
            records.push(ComplianceRecord {
                group: name.clone(),
                band,
                pairs: Count::Exact(count),
            });
        }
    }
    records
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
    // Groups are tasks, as in `relationship_records`; records keep group order.
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
