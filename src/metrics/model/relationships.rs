//! Mentoring relationships: statuses, compliance, the timeline and retention (metrics.md section 2).

use super::Count;
use serde::Serialize;

/// Pairs by status at as_of.
#[derive(Debug, Clone, Serialize)]
pub struct StatusCounts {
    pub active: Count,
    pub at_risk: Count,
    pub lapsed: Count,
    pub withdrawn: Count,
    pub completed: Count,
    pub not_started: Count,
}

/// Mentoring relationships of one group (metrics.md section 2).
#[derive(Debug, Clone, Serialize)]
pub struct RelationshipRecord {
    pub group: String,
    pub pairs: Count,
    pub meetings: Count,
    pub contact_hours: Option<f64>,
    pub median_meetings: Option<f64>,
    pub median_days_to_first_meeting: Option<f64>,
    pub q1_days_to_first_meeting: Option<f64>,
    pub q3_days_to_first_meeting: Option<f64>,
    pub median_monthly_compliance: Option<f64>,
    pub share_every_month: Option<f64>,
    pub pairs_with_meetings: Count,
    pub pairs_with_compliance: Count,
    pub status: StatusCounts,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
    /// Unrounded numbers behind the statistics (not published).
    #[serde(skip)]
    pub n_days_to_first: u64,
}

/// Pairs of one group whose monthly compliance falls in one band.
#[derive(Debug, Clone, Serialize)]
pub struct ComplianceRecord {
    pub group: String,
    /// "none", "under_half", "half_or_more", "every_month".
    pub band: &'static str,
    pub pairs: Count,
}

/// Meetings of one group in one calendar month of one kind.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineRecord {
    pub group: String,
    /// "YYYY-MM".
    pub month: String,
    pub kind: crate::config::MeetingKind,
    pub meetings: Count,
}

/// Kaplan-Meier retention of one group at one month.
#[derive(Debug, Clone, Serialize)]
pub struct RetentionRecord {
    pub group: String,
    pub month: u32,
    pub days: f64,
    pub survival: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub at_risk: Count,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
    /// Pairs in the estimate: in internal/metrics.json only (disclosure
    /// publishes 0, which is not written).
    #[serde(skip_serializing_if = "is_zero")]
    pub pairs: u64,
    /// Events (ended relationships) up to this month, which the curve gives
    /// away: in internal/metrics.json only, as `pairs`.
    #[serde(skip_serializing_if = "is_zero")]
    pub events: u64,
}

fn is_zero(v: &u64) -> bool {
    *v == 0
}
