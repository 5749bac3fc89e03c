//! Meeting-log queries: the log as a polars frame, then one lazy query per
//! family (per-student totals, per-student monthly counts, the timeline by
//! group), each collected once into plain Rust aggregates.

use crate::hashing::FastMap;

use chrono::{Datelike, NaiveDate};
use polars::prelude::*;

use super::frame::group_column;
use super::groups::Membership;
use crate::config::MeetingKind;
use crate::error::{Error, Result};
use crate::validate::meetings::ValidMeetings;

/// Totals of one student's kept meetings.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct StudentMeetings {
    /// Mentoring meetings (every kind but meet-and-greet and celebration).
    pub mentoring: u64,
    /// Meetings of any kind.
    pub any: u64,
    /// Sum of readable durations of all meetings, minutes.
    pub minutes: f64,
    pub first_mentoring: Option<NaiveDate>,
    pub last_mentoring: Option<NaiveDate>,
    pub first_any: Option<NaiveDate>,
    /// A celebration meeting is logged.
    pub celebration: bool,
}

/// Everything the relationship metrics need from the log.
#[derive(Debug, Clone, Default)]
pub struct MeetingAggregates {
    /// By cohort row.
    pub students: FastMap<u32, StudentMeetings>,
    /// Mentoring meetings per (cohort row, month index).
    pub monthly: FastMap<(u32, i32), u64>,
    /// (month index, kind, meetings per group in membership order).
    pub timeline: Vec<(i32, MeetingKind, Vec<u64>)>,
}

/// Month index of a date: year * 12 + month - 1.
pub fn month_index(date: NaiveDate) -> i32 {
    date.year() * 12 + date.month0() as i32
}

/// "YYYY-MM" of a month index.
pub fn month_label(index: i32) -> String {
    format!("{:04}-{:02}", index.div_euclid(12), index.rem_euclid(12) + 1)
}

fn day_number(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

fn from_day_number(day: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(day)
}

const STUDENT: &str = "student";
const DAY: &str = "day";
const MONTH: &str = "month";
const MINUTES: &str = "minutes";
const KIND: &str = "kind";
const MENTORING: &str = "mentoring";
const CELEBRATION: &str = "celebration";

/// The kept meetings as a frame, with the student's group flags per meeting.
pub fn meetings_frame(valid: &ValidMeetings, membership: &Membership) -> PolarsResult<DataFrame> {
    let m = &valid.meetings;
    let dates: Vec<NaiveDate> = m.date.iter().map(|d| d.unwrap_or_default()).collect();
    let kind_code: Vec<i32> = m
        .kind
        .iter()
        .map(|k| MeetingKind::ALL.iter().position(|x| x == k).unwrap_or(0) as i32)
        .collect();
    let mut columns = vec![
        Column::new(STUDENT.into(), valid.student_row.clone()),
        Column::new(
            DAY.into(),
            dates.iter().map(|d| day_number(*d)).collect::<Vec<i32>>(),
        ),
        Column::new(
            MONTH.into(),
            dates.iter().map(|d| month_index(*d)).collect::<Vec<i32>>(),
        ),
        Column::new(MINUTES.into(), m.minutes.clone()),
        Column::new(KIND.into(), kind_code),
        Column::new(
            MENTORING.into(),
            m.kind.iter().map(|k| k.is_mentoring()).collect::<Vec<bool>>(),
        ),
        Column::new(
            CELEBRATION.into(),
            m.kind
                .iter()
                .map(|k| *k == MeetingKind::Celebration)
                .collect::<Vec<bool>>(),
        ),
    ];
    for (g, members) in membership.members.iter().enumerate() {
        let flags: Vec<bool> = valid.student_row.iter().map(|&r| members[r as usize]).collect();
        columns.push(Column::new(group_column(g).into(), flags));
    }
    DataFrame::new(m.len(), columns)
}

/// Per-student totals.
pub fn per_student_query(frame: DataFrame) -> LazyFrame {
    frame.lazy().group_by([col(STUDENT)]).agg([
        col(MENTORING)
            .cast(DataType::Int64)
            .sum()
            .alias("mentoring_count"),
        len().cast(DataType::Int64).alias("any_count"),
        col(MINUTES).sum().alias("minutes_sum"),
        col(DAY).filter(col(MENTORING)).min().alias("first_mentoring"),
        col(DAY).filter(col(MENTORING)).max().alias("last_mentoring"),
        col(DAY).min().alias("first_any"),
        col(CELEBRATION).cast(DataType::Int64).sum().alias("celebrations"),
    ])
}

/// Mentoring meetings per student and calendar month.
pub fn monthly_query(frame: DataFrame) -> LazyFrame {
    frame
        .lazy()
        .filter(col(MENTORING))
        .group_by([col(STUDENT), col(MONTH)])
        .agg([len().cast(DataType::Int64).alias("count")])
}

/// Meetings per month and kind, counted for each group.
pub fn timeline_query(frame: DataFrame, groups: usize) -> LazyFrame {
    let sums: Vec<Expr> = (0..groups)
        .map(|g| {
            col(group_column(g))
                .cast(DataType::Int64)
                .sum()
                .alias(group_column(g))
        })
        .collect();
    frame
        .lazy()
        .group_by([col(MONTH), col(KIND)])
        .agg(sums)
        .sort([MONTH, KIND], SortMultipleOptions::default())
}

fn polars_err(e: PolarsError) -> Error {
    Error::compute("meeting metrics", e)
}

fn i64_values(frame: &DataFrame, name: &str) -> Result<Vec<Option<i64>>> {
    let column = frame.column(name).map_err(polars_err)?;
    let cast = column.cast(&DataType::Int64).map_err(polars_err)?;
    Ok(cast.i64().map_err(polars_err)?.iter().collect())
}

fn f64_values(frame: &DataFrame, name: &str) -> Result<Vec<Option<f64>>> {
    let column = frame.column(name).map_err(polars_err)?;
    let cast = column.cast(&DataType::Float64).map_err(polars_err)?;
    Ok(cast.f64().map_err(polars_err)?.iter().collect())
}

/// Runs the three query families and gathers their results.
pub fn aggregate(valid: &ValidMeetings, membership: &Membership) -> Result<MeetingAggregates> {
    let frame = meetings_frame(valid, membership).map_err(polars_err)?;
    let per_student = per_student_query(frame.clone()).collect().map_err(polars_err)?;
    let monthly = monthly_query(frame.clone()).collect().map_err(polars_err)?;
    let timeline = timeline_query(frame, membership.names.len())
        .collect()
        .map_err(polars_err)?;

    let mut students = FastMap::with_capacity_and_hasher(per_student.height(), Default::default());
    let ids = i64_values(&per_student, STUDENT)?;
    let mentoring = i64_values(&per_student, "mentoring_count")?;
    let any = i64_values(&per_student, "any_count")?;
    let minutes = f64_values(&per_student, "minutes_sum")?;
    let first = i64_values(&per_student, "first_mentoring")?;
    let last = i64_values(&per_student, "last_mentoring")?;
    let first_any = i64_values(&per_student, "first_any")?;
    let celebrations = i64_values(&per_student, "celebrations")?;
    let day = |v: Option<i64>| v.and_then(|d| i32::try_from(d).ok()).and_then(from_day_number);
    for i in 0..per_student.height() {
        let Some(student) = ids[i].and_then(|s| u32::try_from(s).ok()) else {
            continue;
        };
        students.insert(
            student,
            StudentMeetings {
                mentoring: mentoring[i].unwrap_or(0).max(0) as u64,
                any: any[i].unwrap_or(0).max(0) as u64,
                minutes: minutes[i].unwrap_or(0.0),
                first_mentoring: day(first[i]),
                last_mentoring: day(last[i]),
                first_any: day(first_any[i]),
                celebration: celebrations[i].unwrap_or(0) > 0,
            },
        );
    }

    let mut monthly_counts = FastMap::with_capacity_and_hasher(monthly.height(), Default::default());
    let m_students = i64_values(&monthly, STUDENT)?;
    let m_months = i64_values(&monthly, MONTH)?;
    let m_counts = i64_values(&monthly, "count")?;
    for i in 0..monthly.height() {
        if let (Some(s), Some(m), Some(c)) = (m_students[i], m_months[i], m_counts[i]) {
            monthly_counts.insert((s as u32, m as i32), c.max(0) as u64);
        }
    }

    let t_months = i64_values(&timeline, MONTH)?;
    let t_kinds = i64_values(&timeline, KIND)?;
    let mut per_group = Vec::with_capacity(membership.names.len());
    for g in 0..membership.names.len() {
        per_group.push(i64_values(&timeline, &group_column(g))?);
    }
    let mut timeline_rows = Vec::with_capacity(timeline.height());
    for i in 0..timeline.height() {
        let (Some(month), Some(kind)) = (t_months[i], t_kinds[i]) else {
            continue;
        };
        let Some(kind) = MeetingKind::ALL.get(kind as usize).copied() else {
            continue;
        };
        let counts = per_group
            .iter()
            .map(|g| g[i].unwrap_or(0).max(0) as u64)
            .collect();
        timeline_rows.push((month as i32, kind, counts));
    }
    Ok(MeetingAggregates {
        students,
        monthly: monthly_counts,
        timeline: timeline_rows,
    })
}
