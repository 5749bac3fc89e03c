//! Meeting-log aggregates. Per-student totals and per-student monthly
//! counts are keyed by cohort row, a dense index, so they are gathered in one
//! pass into arrays (a hash group-by and its conversion back cost 1.5 s at a
//! million students); the timeline, a few hundred (month, kind) counts, is
//! gathered in the same kind of pass into a small map.

use chrono::{Datelike, NaiveDate};

use super::groups::Membership;
use crate::config::MeetingKind;
use crate::row_groups::RowGroups;
use crate::validate::meetings::ValidMeetings;
use rustc_hash::FxHashMap;

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

/// Meetings per (month, kind), counted for each group: (month index, kind,
/// meetings per group in membership order), ascending by month and then by
/// kind in `MeetingKind::ALL` order; only the (month, kind) pairs that have
/// meetings.
///
/// One pass over the kept meetings into a map of a few dozen (month, kind)
/// slots. A polars group-by over a frame of every meeting (month, kind and
/// a flag column per group) took 100-150 ms and 80 MB of fresh memory at two
/// million meetings, for a result of a few hundred numbers.
pub fn timeline_counts(
    valid: &ValidMeetings,
    membership: &Membership,
    months: &[i32],
) -> Vec<(i32, MeetingKind, Vec<u64>)> {
    let groups = membership.members.len();
    let kind_position = |kind: &MeetingKind| MeetingKind::ALL.iter().position(|k| k == kind).unwrap_or(0);
    let mut slot_of: FxHashMap<(i32, usize), usize> = FxHashMap::default();
    let mut keys: Vec<(i32, usize)> = Vec::new();
    // counts[slot * groups + group]
    let mut counts: Vec<u64> = Vec::new();
    // Consecutive meetings often share a month and kind: skip the lookup.
    let mut last: Option<((i32, usize), usize)> = None;
    let meetings = valid.student_row.iter().zip(&valid.meetings.kind).zip(months);
    for ((&row, kind), &month) in meetings {
        let key = (month, kind_position(kind));
        let slot = match last {
            Some((last_key, slot)) if last_key == key => slot,
            _ => *slot_of.entry(key).or_insert_with(|| {
                keys.push(key);
                counts.resize(counts.len() + groups, 0);
                keys.len() - 1
            }),
        };
        last = Some((key, slot));
        for (g, members) in membership.members.iter().enumerate() {
            if members.get(row as usize).copied().unwrap_or(false) {
                counts[slot * groups + g] += 1;
            }
        }
    }
    let mut slots: Vec<usize> = (0..keys.len()).collect();
    slots.sort_unstable_by_key(|&slot| keys[slot]);
    slots
        .into_iter()
        .map(|slot| {
            let (month, kind) = keys[slot];
            let per_group = counts[slot * groups..(slot + 1) * groups].to_vec();
            (month, MeetingKind::ALL[kind], per_group)
        })
        .collect()
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

/// Gathers the per-student totals, the monthly counts and the timeline;
/// `students` is the number of cohort rows.
pub fn aggregate(valid: &ValidMeetings, membership: &Membership, students: usize) -> MeetingAggregates {
    // Month of each meeting (a kept meeting has a date; the default only guards).
    let months: Vec<i32> = valid
        .meetings
        .date
        .iter()
        .map(|d| month_index(d.unwrap_or_default()))
        .collect();
    // Three independent passes over the log, as tasks.
    let (students_totals, (monthly, timeline)) = rayon::join(
        || per_student(valid, students),
        || {
            rayon::join(
                || monthly_counts(valid, students, &months),
                || timeline_counts(valid, membership, &months),
            )
        },
    );
    MeetingAggregates {
        students: students_totals,
        monthly,
        timeline,
    }
}
