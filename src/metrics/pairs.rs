//! Per-pair records (metrics.md section 2): each matched student with their
//! mentor, from the per-student meeting aggregates: counts, contact hours,
//! first/last meeting, status at as_of and the monthly record.

use chrono::NaiveDate;
use serde::Serialize;

use super::meetings::{MeetingAggregates, month_index};
use crate::config::Engagement;
use crate::ingest::cohort::Cohort;

/// A pair's status at as_of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Active,
    AtRisk,
    Lapsed,
    Withdrawn,
    Completed,
    NotStarted,
}

impl Status {
    /// Every status in metrics.json order.
    pub const ALL: [Status; 6] = [
        Status::Active,
        Status::AtRisk,
        Status::Lapsed,
        Status::Withdrawn,
        Status::Completed,
        Status::NotStarted,
    ];

    /// The id used in outputs.
    pub fn id(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::AtRisk => "at_risk",
            Status::Lapsed => "lapsed",
            Status::Withdrawn => "withdrawn",
            Status::Completed => "completed",
            Status::NotStarted => "not_started",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Status::Active => "Active",
            Status::AtRisk => "At risk",
            Status::Lapsed => "Lapsed",
            Status::Withdrawn => "Withdrawn",
            Status::Completed => "Completed",
            Status::NotStarted => "Not started",
        }
    }
}

/// One matched student and their mentor.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// Cohort row.
    pub row: usize,
    pub matched_on: Option<NaiveDate>,
    /// Withdrawal on or before as_of.
    pub withdrawn_on: Option<NaiveDate>,
    pub meetings: u64,
    pub contact_hours: f64,
    pub first_meeting: Option<NaiveDate>,
    pub last_meeting: Option<NaiveDate>,
    pub days_to_first_meeting: Option<i64>,
    pub completed: bool,
    pub status: Status,
    /// Months in the monthly window (0 = no window).
    pub window_months: u32,
    pub kept_months: u32,
    /// Kept / window months; 0 for not_started pairs; None without a window.
    pub monthly_compliance: Option<f64>,
    /// Days from the last mentoring meeting (else the match) to as_of.
    pub days_since_contact: Option<i64>,
}

/// The status at `as_of`, the first rule that applies (metrics.md).
pub fn status_at(
    withdrawn_on: Option<NaiveDate>,
    completed: bool,
    last_meeting: Option<NaiveDate>,
    as_of: NaiveDate,
    engagement: &Engagement,
) -> Status {
    if withdrawn_on.is_some_and(|w| w <= as_of) {
        return Status::Withdrawn;
    }
    if completed {
        return Status::Completed;
    }
    let Some(last) = last_meeting else {
        return Status::NotStarted;
    };
    let since = (as_of - last).num_days();
    if since <= i64::from(engagement.at_risk_days) {
        Status::Active
    } else if since <= i64::from(engagement.lapsed_days) {
        Status::AtRisk
    } else {
        Status::Lapsed
    }
}

/// The monthly window (first, last month index): from the month of the match
/// (else of the first meeting of any kind) to the month of withdrawal
/// (withdrawn), the last mentoring meeting (completed, lapsed) or as_of.
pub fn month_window(
    matched_on: Option<NaiveDate>,
    first_any: Option<NaiveDate>,
    status: Status,
    withdrawn_on: Option<NaiveDate>,
    last_meeting: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Option<(i32, i32)> {
    let start = month_index(matched_on.or(first_any)?);
    let end = match status {
        Status::Withdrawn => withdrawn_on.unwrap_or(as_of),
        Status::Completed | Status::Lapsed => last_meeting.unwrap_or(as_of),
        _ => as_of,
    };
    let end = month_index(end);
    (end >= start).then_some((start, end))
}

/// Every pair: registered students with a mentor id.
pub fn pairs(
    cohort: &Cohort,
    aggregates: &MeetingAggregates,
    as_of: NaiveDate,
    engagement: &Engagement,
) -> Vec<Pair> {
    let Some(mentors) = &cohort.mentor_id else {
        return Vec::new();
    };
    // The pairs' rows first, so the parallel map below knows its length and
    // writes each pair straight into the result. A filter inside the
    // parallel chain would collect pieces into a list of vectors and copy
    // them, twice the pairs' memory (tens of MB at sector scale).
    let rows: Vec<usize> = (0..cohort.len())
        .filter(|&row| cohort.registered[row] && mentors[row].is_some())
        .collect();
    // Rows in parallel (date arithmetic per pair); collect keeps row order.
    use rayon::prelude::*;
    rows.into_par_iter()
        .map(|row| {
            let m = aggregates.student(row);
            let matched_on = cohort.matched_on.as_ref().and_then(|v| v[row]);
            let withdrawn_on = cohort
                .withdrawn_on
                .as_ref()
                .and_then(|v| v[row])
                .filter(|w| *w <= as_of);
            let ceremony = cohort.ceremony_attended.as_ref().is_some_and(|v| v[row]);
            let completed = ceremony || m.celebration;
            let status = status_at(withdrawn_on, completed, m.last_mentoring, as_of, engagement);
            let window = month_window(
                matched_on,
                m.first_any,
                status,
                withdrawn_on,
                m.last_mentoring,
                as_of,
            );
            let (window_months, kept_months) = match window {
                Some((start, end)) => {
                    let window = (end - start + 1) as u32;
                    let minimum = engagement.monthly_minimum;
                    // Months without meetings are absent from the counts: they
                    // are kept only when the minimum is zero.
                    let kept = if minimum == 0 {
                        window
                    } else {
                        aggregates
                            .monthly(row)
                            .iter()
                            .filter(|(month, count)| (start..=end).contains(month) && *count >= minimum)
                            .count() as u32
                    };
                    (window, kept)
                }
                None => (0, 0),
            };
            let monthly_compliance = if window_months > 0 {
                Some(f64::from(kept_months) / f64::from(window_months))
            } else if status == Status::NotStarted {
                Some(0.0)
            } else {
                None
            };
            Pair {
                row,
                matched_on,
                withdrawn_on,
                meetings: m.mentoring,
                contact_hours: m.minutes / 60.0,
                first_meeting: m.first_mentoring,
                last_meeting: m.last_mentoring,
                days_to_first_meeting: matched_on.zip(m.first_mentoring).map(|(a, b)| (b - a).num_days()),
                completed,
                status,
                window_months,
                kept_months,
                monthly_compliance,
                days_since_contact: m.last_mentoring.or(matched_on).map(|d| (as_of - d).num_days()),
            }
        })
        .collect()
}

/// Kaplan-Meier observation of a pair with at least one mentoring meeting:
/// days from the first meeting to withdrawal (event), the last meeting
/// (lapsed: event; completed: censored) or as_of (censored).
pub fn retention_observation(pair: &Pair, as_of: NaiveDate) -> Option<crate::stats::survival::Observation> {
    let first = pair.first_meeting?;
    let (end, event) = match pair.status {
        Status::Withdrawn => (pair.withdrawn_on.unwrap_or(as_of), true),
        Status::Lapsed => (pair.last_meeting.unwrap_or(as_of), true),
        Status::Completed => (pair.last_meeting.unwrap_or(as_of), false),
        _ => (as_of, false),
    };
    Some(crate::stats::survival::Observation {
        time: (end - first).num_days().max(0) as f64,
        event,
    })
}
