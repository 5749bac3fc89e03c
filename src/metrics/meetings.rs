//! Meeting-log aggregates. Per-student totals and per-student monthly
//! counts are keyed by cohort row, a dense index, so they are gathered in one
//! pass into arrays (a hash group-by and its conversion back cost 1.5 s at a
//! million students); the timeline, grouped by computed keys (month, kind),
//! is a polars lazy query collected once.

use chrono::{Datelike, NaiveDate};
use polars::prelude::*;

use super::frame::{group_column, true_count};
use super::groups::Membership;
use crate::config::MeetingKind;
use crate::error::{Error, Result};
use crate::row_groups::RowGroups;
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

/// A student without logged meetings.
const NO_MEETINGS: StudentMeetings = StudentMeetings {
    mentoring: 0,
    any: 0,
    minutes: 0.0,
    first_mentoring: None,
    last_mentoring: None,
    first_any: None,
    celebration: false,
};

/// Everything the relationship metrics need from the log.
#[derive(Debug, Clone, Default)]
pub struct MeetingAggregates {
    /// By cohort row, every row.
    students: Vec<StudentMeetings>,
    /// Mentoring meetings per month, by cohort row.
    monthly: MonthlyCounts,
    /// (month index, kind, meetings per group in membership order).
    pub timeline: Vec<(i32, MeetingKind, Vec<u64>)>,
}

impl MeetingAggregates {
    /// The meeting totals of a cohort row (zero when none are logged).
    pub fn student(&self, row: usize) -> &StudentMeetings {
        self.students.get(row).unwrap_or(&NO_MEETINGS)
    }

    /// (month index, mentoring meetings) of the months of a cohort row that
    /// have any, months ascending.
    pub fn monthly(&self, row: usize) -> &[(i32, u32)] {
        self.monthly.of(row)
    }
}

/// Per-row lists of (month, count) stored flat with row offsets: three
/// million student-months at sector scale, read one student at a time.
/// Offsets and counts are u32 (a table holds fewer than 2^32 rows): 8 bytes
/// an entry instead of 16.
#[derive(Debug, Clone, Default)]
struct MonthlyCounts {
    /// Row r's entries are `entries[offsets[r]..offsets[r + 1]]`.
    offsets: Vec<u32>,
    entries: Vec<(i32, u32)>,
}

impl MonthlyCounts {
    /// Counts the months of each row's items (`months[item]`).
    fn new(groups: &RowGroups, months: &[i32]) -> MonthlyCounts {
        let mut offsets = Vec::with_capacity(groups.rows() + 1);
        // At most one entry per item: reserved once instead of grown by
        // copying (only the pages written are ever touched).
        let mut entries: Vec<(i32, u32)> = Vec::with_capacity(groups.items());
        let mut row_months = Vec::new();
        offsets.push(0);
        for r in 0..groups.rows() {
            let row_start = entries.len();
            row_months.clear();
            row_months.extend(groups.group(r).iter().map(|&item| months[item as usize]));
            row_months.sort_unstable();
            for &month in &row_months {
                match entries[row_start..].last_mut() {
                    Some((last, count)) if *last == month => *count += 1,
                    _ => entries.push((month, 1)),
                }
            }
            offsets.push(entries.len() as u32);
        }
        MonthlyCounts { offsets, entries }
    }

    fn of(&self, row: usize) -> &[(i32, u32)] {
        match (self.offsets.get(row), self.offsets.get(row + 1)) {
            (Some(&start), Some(&end)) => self.entries.get(start as usize..end as usize).unwrap_or_default(),
            _ => &[],
        }
    }
}

/// Month index of a date: year * 12 + month - 1.
pub fn month_index(date: NaiveDate) -> i32 {
    date.year() * 12 + date.month0() as i32
}

/// "YYYY-MM" of a month index.
pub fn month_label(index: i32) -> String {
    format!("{:04}-{:02}", index.div_euclid(12), index.rem_euclid(12) + 1)
}

const MONTH: &str = "month";
const KIND: &str = "kind";

/// The kept meetings as a frame for the timeline: month (`months`, one per
/// meeting), kind and the student's group flags per meeting.
pub fn meetings_frame(
    valid: &ValidMeetings,
    membership: &Membership,
    months: &[i32],
) -> PolarsResult<DataFrame> {
    let m = &valid.meetings;
    let kind_code: Vec<i32> = m
        .kind
        .iter()
        .map(|k| MeetingKind::ALL.iter().position(|x| x == k).unwrap_or(0) as i32)
        .collect();
    let mut columns = vec![
        Column::new(MONTH.into(), months.to_vec()),
        Column::new(KIND.into(), kind_code),
    ];
    for (g, members) in membership.members.iter().enumerate() {
        let flags: Vec<bool> = valid.student_row.iter().map(|&r| members[r as usize]).collect();
        columns.push(Column::new(group_column(g).into(), flags));
    }
    DataFrame::new(m.len(), columns)
}

/// Per-student totals of the kept meetings, by cohort row (`rows` rows),
/// summed in log order.
pub fn per_student(valid: &ValidMeetings, rows: usize) -> Vec<StudentMeetings> {
    let m = &valid.meetings;
    let mut students = vec![NO_MEETINGS; rows];
    for (i, &row) in valid.student_row.iter().enumerate() {
        let Some(s) = students.get_mut(row as usize) else {
            continue;
        };
        // A kept meeting has a date (required); the default only guards.
        let date = m.date[i].unwrap_or_default();
        let kind = m.kind[i];
        s.any += 1;
        if let Some(minutes) = m.minutes[i] {
            s.minutes += minutes;
        }
        s.first_any = Some(s.first_any.map_or(date, |d| d.min(date)));
        if kind.is_mentoring() {
            s.mentoring += 1;
            s.first_mentoring = Some(s.first_mentoring.map_or(date, |d| d.min(date)));
            s.last_mentoring = Some(s.last_mentoring.map_or(date, |d| d.max(date)));
        }
        if kind == MeetingKind::Celebration {
            s.celebration = true;
        }
    }
    students
}

/// Mentoring meetings per cohort row and calendar month (`months`, one per meeting).
fn monthly_counts(valid: &ValidMeetings, rows: usize, months: &[i32]) -> MonthlyCounts {
    let m = &valid.meetings;
    let mentoring = RowGroups::new(
        rows,
        valid
            .student_row
            .iter()
            .zip(&m.kind)
            .map(|(&row, kind)| kind.is_mentoring().then_some(row as usize)),
    );
    MonthlyCounts::new(&mentoring, months)
}

/// Meetings per month and kind, counted for each group.
pub fn timeline_query(frame: DataFrame, groups: usize) -> LazyFrame {
    let sums: Vec<Expr> = (0..groups)
        .map(|g| true_count(col(group_column(g))).alias(group_column(g)))
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

/// Gathers the per-student totals, the monthly counts and the timeline;
/// `students` is the number of cohort rows.
pub fn aggregate(
    valid: &ValidMeetings,
    membership: &Membership,
    students: usize,
) -> Result<MeetingAggregates> {
    // Month of each meeting (a kept meeting has a date; the default only guards).
    let months: Vec<i32> = valid
        .meetings
        .date
        .iter()
        .map(|d| month_index(d.unwrap_or_default()))
        .collect();
    let frame = meetings_frame(valid, membership, &months).map_err(polars_err)?;
    let timeline = timeline_query(frame, membership.names.len())
        .collect()
        .map_err(polars_err)?;
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
        students: per_student(valid, students),
        monthly: monthly_counts(valid, students, &months),
        timeline: timeline_rows,
    })
}
