//! Data quality of the meeting log: required values, students not in the
//! cohort, meetings before the match or after as_of, duplicates, unmapped
//! kinds and durations out of range. One function per rule.

use std::collections::BTreeMap;

use crate::row_groups::RowGroups;
use rustc_hash::FxHashSet;

use chrono::NaiveDate;

use super::{Finding, Rule, rules};
use crate::config::{Config, MeetingKind, MeetingsSpec};
use crate::ingest::cohort::Cohort;
use crate::ingest::meetings::Meetings;
use crate::ingest::{Loaded, Origin, TableInfo};

/// Shortest and longest meeting durations that count (minutes).
pub const DURATION_RANGE: (f64, f64) = (1.0, 720.0);

/// The meetings that count, each tied to its student's cohort row.
#[derive(Debug, Clone)]
pub struct ValidMeetings {
    pub info: TableInfo,
    pub meetings: Meetings,
    /// Cohort row of each kept meeting's student.
    pub student_row: Vec<u32>,
    /// Each mentor the log names, at the first row naming it (the rows'
    /// origins are freed after validation; mentor_name_near_miss needs these).
    pub mentor_first_rows: Vec<(Origin, String)>,
}

/// Each distinct mentor of the log with the first row naming it.
fn mentor_first_rows(meetings: &Meetings) -> Vec<(Origin, String)> {
    let Some(labels) = &meetings.mentor_id else {
        return Vec::new();
    };
    let mut first: Vec<Option<Origin>> = vec![None; labels.values().len()];
    for (row, code) in labels.codes().enumerate() {
        if let (Some(code), Some(origin)) = (code, meetings.origins.get(row)) {
            first[code as usize].get_or_insert(*origin);
        }
    }
    first
        .into_iter()
        .zip(labels.values())
        .filter_map(|(origin, value)| Some((origin?, value.clone())))
        .collect()
}

/// Applies the meeting rules; returns the kept rows and the findings.
pub fn validate_meetings(
    config: &Config,
    spec: &MeetingsSpec,
    loaded: Loaded<Meetings>,
    cohort: &Cohort,
    students: &super::StudentIndex<'_>,
) -> (ValidMeetings, Vec<Finding>) {
    let mut findings = Vec::new();
    let info = loaded.info;
    let mut meetings = loaded.table;
    findings.extend(rules::unparseable_cells(
        &info,
        &meetings.origins,
        &loaded.problems,
    ));
    let unreadable: FxHashSet<usize> = loaded.problems.iter().map(|p| p.row).collect();
    findings.extend(unknown_meeting_kinds(&info, &meetings));

    let (found, keep) = missing_values(&info, &meetings, spec, &unreadable);
    findings.extend(found);
    meetings.retain(&keep);

    let (found, keep, student_row) =
        unknown_students(&info, &meetings, students.by_id(), &spec.columns.student_id);
    findings.extend(found);
    meetings.retain(&keep);
    let mut student_row: Vec<u32> = student_row.into_iter().flatten().collect();

    let matched_on: Vec<Option<NaiveDate>> = student_row
        .iter()
        .map(|&r| cohort.matched_on.as_ref().and_then(|m| m[r as usize]))
        .collect();
    let (found, keep) = out_of_window(
        &info,
        &meetings,
        &matched_on,
        config.programme.as_of,
        &spec.columns.date,
    );
    findings.extend(found);
    meetings.retain(&keep);
    crate::ingest::keep::retain_by(&mut student_row, &keep);

    let (found, keep) = duplicate_meetings(&info, &meetings, &student_row, &spec.columns.date);
    findings.extend(found);
    meetings.retain(&keep);
    crate::ingest::keep::retain_by(&mut student_row, &keep);

    if let Some(column) = spec.columns.duration.as_ref().or(spec.columns.ends.as_ref()) {
        findings.extend(durations_out_of_range(&info, &mut meetings, column));
    }
    let mentor_first_rows = mentor_first_rows(&meetings);
    meetings.release_validation_columns();
    let valid = ValidMeetings {
        info,
        meetings,
        student_row,
        mentor_first_rows,
    };
    (valid, findings)
}

/// unknown_meeting_kind: one finding per distinct unmapped label, at its first row.
pub fn unknown_meeting_kinds(info: &TableInfo, meetings: &Meetings) -> Vec<Finding> {
    let mut first: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    // Before any row is dropped: the list's rows are those of the log as read.
    for (row, label) in &meetings.unmapped_labels {
        first.entry(label.as_str()).or_insert((*row, 0)).1 += 1;
    }
    let column = meetings.kind_column.clone().unwrap_or_default();
    first
        .into_iter()
        .map(|(label, (row, count))| {
            Finding::at(
                info,
                meetings.origins[row],
                &column,
                Rule::UnknownMeetingKind,
                format!(
                    "\"{label}\" ({count} meetings) is not in [inputs.meetings.kinds]; counted as other. Valid kinds: {}",
                    MeetingKind::ALL.iter().map(|k| k.id()).collect::<Vec<_>>().join(", ")
                ),
            )
        })
        .collect()
}

/// missing_required_value: a meeting without a student or a date is left out
/// (unreadable dates are already reported as unparseable_date).
pub fn missing_values(
    info: &TableInfo,
    meetings: &Meetings,
    spec: &MeetingsSpec,
    unreadable: &FxHashSet<usize>,
) -> (Vec<Finding>, Vec<bool>) {
    let mut findings = Vec::new();
    let keep = (0..meetings.len())
        .map(|row| {
            if meetings.student_id[row].is_none() {
                findings.push(Finding::at(
                    info,
                    meetings.origins[row],
                    &spec.columns.student_id,
                    Rule::MissingRequiredValue,
                    "student_id is empty; the meeting is left out".to_string(),
                ));
                return false;
            }
            if meetings.date[row].is_none() {
                if !unreadable.contains(&row) {
                    findings.push(Finding::at(
                        info,
                        meetings.origins[row],
                        &spec.columns.date,
                        Rule::MissingRequiredValue,
                        "date is empty; the meeting is left out".to_string(),
                    ));
                }
                return false;
            }
            true
        })
        .collect();
    (findings, keep)
}

/// unknown_student: a meeting of a student not in the cohort is left out.
pub fn unknown_students(
    info: &TableInfo,
    meetings: &Meetings,
    students: super::id_index::IdIndex<'_>,
    column: &str,
) -> (Vec<Finding>, Vec<bool>, Vec<Option<u32>>) {
    let mut findings = Vec::new();
    // Logs kept per student repeat an id over consecutive rows: a repeat
    // reuses the previous row's lookup (one comparison instead of a hash).
    let mut previous: Option<(&str, Option<u32>)> = None;
    let student_row: Vec<Option<u32>> = meetings
        .student_id
        .iter()
        .map(|id| {
            let id = id.as_deref()?;
            match previous {
                Some((last, row)) if last == id => row,
                _ => {
                    let row = students.get(id);
                    previous = Some((id, row));
                    row
                }
            }
        })
        .collect();
    let keep = student_row
        .iter()
        .zip(&meetings.origins)
        .map(|(row, origin)| {
            if row.is_none() {
                findings.push(Finding::at(
                    info,
                    *origin,
                    column,
                    Rule::UnknownStudent,
                    "the student is not in the cohort; the meeting is left out".to_string(),
                ));
            }
            row.is_some()
        })
        .collect();
    (findings, keep, student_row)
}

/// meeting_after_as_of and meeting_before_match: such meetings are left out.
pub fn out_of_window(
    info: &TableInfo,
    meetings: &Meetings,
    matched_on: &[Option<NaiveDate>],
    as_of: NaiveDate,
    column: &str,
) -> (Vec<Finding>, Vec<bool>) {
    let mut findings = Vec::new();
    let keep = (0..meetings.len())
        .map(|row| {
            let Some(date) = meetings.date[row] else {
                return false;
            };
            if date > as_of {
                findings.push(Finding::at(
                    info,
                    meetings.origins[row],
                    column,
                    Rule::MeetingAfterAsOf,
                    format!("{date} is after as_of ({as_of}); the meeting is left out"),
                ));
                return false;
            }
            if let Some(matched) = matched_on[row].filter(|m| date < *m) {
                findings.push(Finding::at(
                    info,
                    meetings.origins[row],
                    column,
                    Rule::MeetingBeforeMatch,
                    format!("{date} is before the match date ({matched}); the meeting is left out"),
                ));
                return false;
            }
            true
        })
        .collect();
    (findings, keep)
}

/// duplicate_meeting: same student, calendar date and kind: counted once
/// (the first in log order counts). Meetings are grouped by student with a
/// counting sort and compared within each student's few meetings, instead
/// of hashing every meeting into one table of millions.
pub fn duplicate_meetings(
    info: &TableInfo,
    meetings: &Meetings,
    student_row: &[u32],
    column: &str,
) -> (Vec<Finding>, Vec<bool>) {
    let students = student_row.iter().map(|&r| r as usize + 1).max().unwrap_or(0);
    let groups = RowGroups::new(students, student_row.iter().map(|&r| Some(r as usize)));
    let key = |meeting: u32| (meetings.date[meeting as usize], meetings.kind[meeting as usize]);
    let mut keep = vec![true; student_row.len()];
    let mut findings = Vec::new();
    let mut group = Vec::new();
    for s in 0..groups.rows() {
        if groups.group(s).len() < 2 {
            continue;
        }
        // Stable: equal keys stay in log order, so each run starts with the first.
        group.clear();
        group.extend_from_slice(groups.group(s));
        group.sort_by_key(|&meeting| key(meeting));
        let mut first = group[0];
        for &meeting in &group[1..] {
            if key(meeting) == key(first) {
                keep[meeting as usize] = false;
                findings.push(Finding::at(
                    info,
                    meetings.origins[meeting as usize],
                    column,
                    Rule::DuplicateMeeting,
                    format!(
                        "same student, date and kind as row {}; counted once",
                        meetings.origins[first as usize].row
                    ),
                ));
            } else {
                first = meeting;
            }
        }
    }
    (findings, keep)
}

/// duration_out_of_range: outside 1..720 minutes the meeting counts, its duration does not.
pub fn durations_out_of_range(info: &TableInfo, meetings: &mut Meetings, column: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    for row in 0..meetings.len() {
        if let Some(minutes) = meetings.minutes[row]
            && !(DURATION_RANGE.0..=DURATION_RANGE.1).contains(&minutes)
        {
            findings.push(Finding::at(
                info,
                meetings.origins[row],
                column,
                Rule::DurationOutOfRange,
                format!("{minutes} minutes is outside 1..720; the meeting counts, its duration does not"),
            ));
            meetings.minutes[row] = None;
        }
    }
    findings
}
