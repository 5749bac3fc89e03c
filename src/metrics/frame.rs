//! The cohort as a polars DataFrame: one row per student and the canonical
//! columns the funnel reads; and the same frame in long form, one row per
//! (student, group) the student belongs to, for per-group group_bys.

use polars::prelude::{
    ChunkedArray, Column, DataFrame, DataType, Expr, IdxCa, IdxSize, IntoLazy, PolarsResult, UInt64Type, col,
};

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

/// The long membership table's column holding the group's index in report
/// order (group names are user text, so they are data, not column names).
pub const GROUP: &str = "group";

/// Per-group counts: `counts[group][i]` is how many of the group's
/// students meet condition `named[i]` (a boolean expression over the cohort
/// frame); a group with no students gets zeros. The conditions are
/// evaluated once per student, then the membership as a long table (one row
/// per student and group they are in: a student in two target groups
/// appears twice, "All eligible" holds everyone) is grouped by group.
pub fn counts_by_group(
    frame: &DataFrame,
    membership: &Membership,
    named: Vec<(String, Expr)>,
) -> PolarsResult<Vec<Vec<u64>>> {
    let names: Vec<String> = named.iter().map(|(name, _)| name.clone()).collect();
    let conditions: Vec<Expr> = named
        .into_iter()
        .map(|(name, condition)| condition.alias(name))
        .collect();
    // Only the conditions (bit-packed booleans) are copied per membership.
    let flags = frame.clone().lazy().select(conditions).collect()?;
    // A condition of literals alone is one row, not one per student.
    polars::prelude::polars_ensure!(
        flags.height() == frame.height(),
        ComputeError: "per-group counts: a condition gave {} rows for {} students",
        flags.height(),
        frame.height()
    );
    let long = by_group(&flags, |row| row, membership)?;
    let sums: Vec<Expr> = names.iter().map(|name| true_count(col(name.as_str()))).collect();
    let result = aggregate_by_group(long, sums)?;
    let group_of = result.column(GROUP)?.u32()?.clone();
    let columns: Vec<ChunkedArray<UInt64Type>> = names
        .iter()
        .map(|name| Ok(result.column(name)?.cast(&DataType::UInt64)?.u64()?.clone()))
        .collect::<PolarsResult<_>>()?;
    let mut counts = vec![vec![0u64; names.len()]; membership.names.len()];
    for i in 0..result.height() {
        let Some(row) = group_of.get(i).and_then(|g| counts.get_mut(g as usize)) else {
            continue;
        };
        for (slot, column) in row.iter_mut().zip(&columns) {
            *slot = column.get(i).unwrap_or(0);
        }
    }
    Ok(counts)
}

/// `frame` with one row per (row, group) its row is in: the membership as
/// a long table. `student` gives the cohort row of each of `frame`'s rows
/// (the row itself for the cohort, the pair's student for pairs). A student
/// in two target groups appears twice; "All eligible" holds everyone.
pub fn by_group(
    frame: &DataFrame,
    student: impl Fn(usize) -> usize,
    membership: &Membership,
) -> PolarsResult<DataFrame> {
    let mut rows: Vec<IdxSize> = Vec::new();
    let mut groups: Vec<u32> = Vec::new();
    for (group, members) in membership.members.iter().enumerate() {
        for row in (0..frame.height()).filter(|&row| members.get(student(row)).copied().unwrap_or(false)) {
            rows.push(row as IdxSize);
            groups.push(group as u32);
        }
    }
    let mut long = frame.take(&IdxCa::from_vec("row".into(), rows))?;
    long.with_column(Column::new(GROUP.into(), groups))?;
    Ok(long)
}

/// One group_by of a long table, sorted by group: a row per group that has
/// rows (a group without rows has none: callers give it their empty values).
pub fn aggregate_by_group(long: DataFrame, aggregates: Vec<Expr>) -> PolarsResult<DataFrame> {
    long.lazy()
        .group_by([col(GROUP)])
        .agg(aggregates)
        .sort([GROUP], Default::default())
        .collect()
}

/// Builds the frame. Columns whose source is not configured are absent; the
/// meeting columns exist when the meeting log is configured.
pub fn cohort_frame(cohort: &Cohort, meetings: Option<&MeetingAggregates>) -> PolarsResult<DataFrame> {
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
    DataFrame::new(cohort.len(), columns)
}
