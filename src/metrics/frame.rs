//! The cohort as a polars DataFrame: one row per student, the canonical
//! columns the funnel reads and one boolean column per group.

use polars::prelude::{Column, DataFrame, DataType, Expr, PolarsResult};

use super::groups::Membership;
use super::meetings::MeetingAggregates;
use crate::ingest::cohort::Cohort;

/// Column names of the cohort frame.
pub mod col_names {
    pub const REGISTERED: &str = "registered";
    pub const TRAINING: &str = "training_completed";
    pub const QUIZ: &str = "quiz_score";
    pub const MATCHED: &str = "matched";
    pub const MEET_GREET: &str = "meet_greet_attended";
    pub const CEREMONY: &str = "ceremony_attended";
    pub const APPLIED: &str = "placement_applied";
    pub const SECURED: &str = "placement_secured";
    /// Any meeting of any kind is logged (meeting log configured).
    pub const ANY_MEETING: &str = "any_meeting";
    /// Mentoring meetings logged.
    pub const MENTORING_MEETINGS: &str = "mentoring_meetings";
    /// A celebration meeting is logged.
    pub const CELEBRATION_LOGGED: &str = "celebration_logged";
}

/// How many rows a boolean expression is true in. polars sums a boolean
/// column by counting its set bits (the result is an unsigned index type);
/// casting it to integers first converted every row, 48 columns of a
/// million rows per funnel at sector scale.
pub fn true_count(condition: Expr) -> Expr {
    condition.sum()
}

/// The count in the first row of a one-row result's column `name`.
pub fn single_count(frame: &DataFrame, name: &str) -> PolarsResult<u64> {
    let column = frame.column(name)?.cast(&DataType::UInt64)?;
    Ok(column.u64()?.get(0).unwrap_or(0))
}

/// The frame column of group `index` (group names are user text, so they are not column names).
pub fn group_column(index: usize) -> String {
    format!("group_{index}")
}

/// Builds the frame. Columns whose source is not configured are absent; the
/// meeting columns exist when the meeting log is configured.
pub fn cohort_frame(
    cohort: &Cohort,
    membership: &Membership,
    meetings: Option<&MeetingAggregates>,
) -> PolarsResult<DataFrame> {
    use col_names::*;
    let mut columns = vec![Column::new(REGISTERED.into(), cohort.registered.clone())];
    if let Some(v) = &cohort.training_completed {
        columns.push(Column::new(TRAINING.into(), v.clone()));
    }
    if let Some(v) = &cohort.quiz_score {
        columns.push(Column::new(QUIZ.into(), v.clone()));
    }
    if let Some(v) = &cohort.mentor_id {
        let matched: Vec<bool> = v.iter().map(Option::is_some).collect();
        columns.push(Column::new(MATCHED.into(), matched));
    }
    if let Some(v) = &cohort.meet_greet_attended {
        columns.push(Column::new(MEET_GREET.into(), v.clone()));
    }
    if let Some(v) = &cohort.ceremony_attended {
        columns.push(Column::new(CEREMONY.into(), v.clone()));
    }
    if let Some(v) = &cohort.placement_applied {
        columns.push(Column::new(APPLIED.into(), v.clone()));
    }
    if let Some(v) = &cohort.placement_secured {
        columns.push(Column::new(SECURED.into(), v.clone()));
    }
    if let Some(aggregates) = meetings {
        let per_row = |f: &dyn Fn(&super::meetings::StudentMeetings) -> bool| -> Vec<bool> {
            (0..cohort.len()).map(|r| f(aggregates.student(r))).collect()
        };
        columns.push(Column::new(ANY_MEETING.into(), per_row(&|m| m.any > 0)));
        columns.push(Column::new(
            CELEBRATION_LOGGED.into(),
            per_row(&|m| m.celebration),
        ));
        let mentoring: Vec<i64> = (0..cohort.len())
            .map(|r| aggregates.student(r).mentoring as i64)
            .collect();
        columns.push(Column::new(MENTORING_MEETINGS.into(), mentoring));
    }
    for (index, members) in membership.members.iter().enumerate() {
        columns.push(Column::new(group_column(index).into(), members.clone()));
    }
    DataFrame::new(cohort.len(), columns)
}
