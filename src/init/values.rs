//! Recognising columns by their values, where no header synonym fits: a
//! column whose values are mostly the cohort's student (or mentor) ids, or
//! mostly dates. Used for the required fields of the meeting log and the
//! mentor bank, and to recognise a log whose headers say nothing.

use rustc_hash::FxHashSet;

use super::recognise::{MEETINGS, MENTORS, map_fields};
use crate::config::DateOrder;
use crate::ingest::preview::SheetPreview;
use crate::ingest::values::{Parsed, parse_date_text};

/// The ids other files may refer to, from the cohort's mapped columns.
#[derive(Debug, Default)]
pub struct Hints {
    pub student_ids: FxHashSet<String>,
    pub mentor_ids: FxHashSet<String>,
}

/// Shares of values that must fit for a column to be taken.
const IDS: f64 = 0.8;
const DATES: f64 = 0.9;

impl Hints {
    /// The ids in the cohort's student and mentor columns.
    pub fn from_cohort(cohort: &SheetPreview, student: Option<&str>, mentor: Option<&str>) -> Hints {
        let values = |header: Option<&str>| -> FxHashSet<String> {
            let Some(c) = header.and_then(|h| cohort.headers.iter().position(|x| x == h)) else {
                return FxHashSet::default();
            };
            cohort
                .rows
                .iter()
                .filter_map(|r| r.get(c).cloned().flatten())
                .collect()
        };
        Hints {
            student_ids: values(student),
            mentor_ids: values(mentor),
        }
    }
}

/// The non-empty values of each column of `sheet`, by header.
fn columns(sheet: &SheetPreview) -> impl Iterator<Item = (&String, Vec<&str>)> {
    sheet.headers.iter().enumerate().map(|(c, header)| {
        let values = sheet
            .rows
            .iter()
            .filter_map(|r| r.get(c).and_then(|v| v.as_deref()))
            .collect();
        (header, values)
    })
}

/// The column (not in `taken`) whose values best fit `fits`, when at least
/// `share` of its non-empty values do.
fn best_column(
    sheet: &SheetPreview,
    taken: &[String],
    share: f64,
    fits: impl Fn(&str) -> bool,
) -> Option<(String, f64)> {
    columns(sheet)
        .filter(|(h, values)| !taken.contains(h) && !values.is_empty())
        .map(|(h, values)| {
            let fit = values.iter().filter(|v| fits(v)).count() as f64 / values.len() as f64;
            (h.clone(), fit)
        })
        .filter(|(_, fit)| *fit >= share)
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

/// A column of `ids`, by values.
pub fn id_column(sheet: &SheetPreview, ids: &FxHashSet<String>, taken: &[String]) -> Option<(String, f64)> {
    if ids.is_empty() {
        return None;
    }
    best_column(sheet, taken, IDS, |v| ids.contains(v))
}

/// A column of dates, by values.
pub fn date_column(sheet: &SheetPreview, taken: &[String]) -> Option<(String, f64)> {
    best_column(sheet, taken, DATES, |v| {
        matches!(parse_date_text(v, DateOrder::Dmy), Parsed::Value(_))
    })
}

/// Fills the required fields of a meeting log or mentor bank that no header
/// named, by their values; returns each field found so with how much fit.
pub fn fill_by_values(
    fields_of: &'static str,
    sheet: &SheetPreview,
    mapped: &mut [(&'static str, Option<String>)],
    hints: &Hints,
) -> Vec<(&'static str, f64)> {
    let mut found = Vec::new();
    let taken = |mapped: &[(&str, Option<String>)]| -> Vec<String> {
        mapped.iter().filter_map(|(_, h)| h.clone()).collect()
    };
    for i in 0..mapped.len() {
        if mapped[i].1.is_some() {
            continue;
        }
        let guess = match (fields_of, mapped[i].0) {
            ("meetings", "student_id") => id_column(sheet, &hints.student_ids, &taken(mapped)),
            ("meetings", "date") => date_column(sheet, &taken(mapped)),
            ("mentors", "mentor_id") => id_column(sheet, &hints.mentor_ids, &taken(mapped)),
            _ => None,
        };
        if let Some((header, fit)) = guess {
            found.push((mapped[i].0, fit));
            mapped[i].1 = Some(header);
        }
    }
    found
}

/// Whether a sheet no header recognised is the meeting log by its values:
/// a column of the cohort's student ids and a column of dates.
pub fn is_meeting_log(sheet: &SheetPreview, hints: &Hints) -> bool {
    let mut mapped = map_fields(&MEETINGS, &sheet.headers);
    fill_by_values("meetings", sheet, &mut mapped, hints);
    MEETINGS
        .iter()
        .zip(&mapped)
        .all(|(f, m)| !f.required || m.1.is_some())
}

/// Whether a sheet no header recognised is the mentor bank by its values:
/// a column of the cohort's mentor ids, and another column header matched.
pub fn is_mentor_bank(sheet: &SheetPreview, hints: &Hints) -> bool {
    let mut mapped = map_fields(&MENTORS, &sheet.headers);
    let by_values = fill_by_values("mentors", sheet, &mut mapped, hints);
    !by_values.is_empty() && mapped.iter().filter(|m| m.1.is_some()).count() > 1
}
