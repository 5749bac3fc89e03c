//! Recognising columns by their values, where no header synonym fits: a
//! column whose values are mostly the cohort's student (or mentor) ids, or
//! mostly dates. Used for the required fields of the meeting log and the
//! mentor bank, and to recognise a log whose headers say nothing.

use rustc_hash::FxHashSet;

use super::cells::{column_values, is_date};
use super::recognise::{MEETINGS, MENTORS, map_fields};
use crate::ingest::preview::SheetPreview;

/// The ids other files may refer to, from the cohort's mapped columns.
#[derive(Debug, Default)]
pub struct Hints {
    pub student_ids: FxHashSet<String>,
    /// By `mentor_key` (case, spacing and titles folded).
    pub mentor_ids: FxHashSet<String>,
    /// Lower-cased.
    pub emails: FxHashSet<String>,
    /// The meeting log knows students by email only, so the cohort is
    /// keyed by its email column (`student_ids` then holds the emails).
    pub keyed_by_email: bool,
    /// Code lists of the cohort's workbook (a "Codes" sheet): by folded
    /// column header, each code and its label.
    pub codes: Vec<(String, Vec<(String, String)>)>,
}

/// Shares of values that must fit for a column to be taken.
const IDS: f64 = 0.8;
const DATES: f64 = 0.9;

/// A mentor id as the run compares it.
pub fn mentor_key(value: &str) -> String {
    crate::ingest::values::mentor_key(value.trim()).into_owned()
}

impl Hints {
    /// The ids in the cohort's student, mentor and email columns.
    pub fn from_cohort(
        cohort: &SheetPreview,
        (student, mentor, email): (Option<&str>, Option<&str>, Option<&str>),
    ) -> Hints {
        let values = |header: Option<&str>, key: fn(&str) -> String| -> FxHashSet<String> {
            let Some(c) = header.and_then(|h| cohort.headers.iter().position(|x| x == h)) else {
                return FxHashSet::default();
            };
            column_values(cohort, c).into_iter().map(key).collect()
        };
        Hints {
            student_ids: values(student, str::to_string),
            mentor_ids: values(mentor, mentor_key),
            emails: values(email, str::to_lowercase),
            keyed_by_email: false,
            codes: Vec::new(),
        }
    }
}

/// The share of column `c`'s values that `set` holds once `key` folds them.
pub fn share_in(sheet: &SheetPreview, c: usize, set: &FxHashSet<String>, key: fn(&str) -> String) -> f64 {
    let values = column_values(sheet, c);
    if values.is_empty() || set.is_empty() {
        return 0.0;
    }
    values.iter().filter(|v| set.contains(&key(v))).count() as f64 / values.len() as f64
}

/// The share of `set` that column `c` holds once `key` folds its values.
pub fn coverage(sheet: &SheetPreview, c: usize, set: &FxHashSet<String>, key: fn(&str) -> String) -> f64 {
    if set.is_empty() {
        return 0.0;
    }
    let held: FxHashSet<String> = column_values(sheet, c).into_iter().map(key).collect();
    set.iter().filter(|v| held.contains(*v)).count() as f64 / set.len() as f64
}

/// Every value of `sheets` (as written, and as a mentor key): what the
/// files other than the cohort hold, so the cohort's columns that link to
/// them stand out.
pub fn every_value(sheets: &[&SheetPreview]) -> FxHashSet<String> {
    let mut all = FxHashSet::default();
    for sheet in sheets {
        for row in &sheet.rows {
            for value in row.iter().flatten() {
                let value = value.trim();
                all.insert(value.to_string());
                all.insert(value.to_lowercase());
                all.insert(mentor_key(value));
            }
        }
    }
    all
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
    let fitting: Vec<(String, f64)> = columns(sheet)
        .filter(|(h, values)| !taken.contains(h) && !values.is_empty())
        .map(|(h, values)| {
            let fit = values.iter().filter(|v| fits(v)).count() as f64 / values.len() as f64;
            (h.clone(), fit)
        })
        .filter(|(_, fit)| *fit >= share)
        .collect();
    // Of equal fits, the first column ("Join Time" before "Leave Time").
    fitting.into_iter().rev().max_by(|a, b| a.1.total_cmp(&b.1))
}

/// A column of `ids`, by values.
pub fn id_column(sheet: &SheetPreview, ids: &FxHashSet<String>, taken: &[String]) -> Option<(String, f64)> {
    if ids.is_empty() {
        return None;
    }
    // An email matches no one by chance: a column half of whose values are
    // the cohort's emails holds them (a platform's log lists other
    // programmes' members and the mentors who booked too).
    let emails = ids.iter().filter(|id| id.contains('@')).count();
    let share = if emails * 2 > ids.len() { 0.5 } else { IDS };
    best_column(sheet, taken, share, |v| {
        ids.contains(v) || ids.contains(&mentor_key(v))
    })
}

/// A column of dates, by values: when a record's own dates (when it was
/// created, changed, submitted) are among them, another if one fits. A
/// date of birth is never a meeting's.
pub fn date_column(sheet: &SheetPreview, taken: &[String]) -> Option<(String, f64)> {
    const OWN_DATES: [&str; 9] = [
        "created",
        "creation",
        "modified",
        "updated",
        "submitted",
        "completion",
        "last",
        "exported",
        "requested",
    ];
    let headed = |words: &[&str], h: &String| {
        let f = super::fold::fold(h);
        words.iter().any(|w| f.split(' ').any(|x| x == *w))
    };
    let never: Vec<String> = sheet
        .headers
        .iter()
        .filter(|h| super::fold::fold(h).contains("birth") || headed(&["dob"], h))
        .chain(taken)
        .cloned()
        .collect();
    let own: Vec<String> = sheet
        .headers
        .iter()
        .filter(|h| headed(&OWN_DATES, h))
        .chain(&never)
        .cloned()
        .collect();
    // Written dates before bare numbers that could be date serials (a
    // session's id, 43699, is 2019 to a spreadsheet).
    let written = |v: &str| is_date(v) && !v.trim().chars().all(|c| c.is_ascii_digit());
    best_column(sheet, &own, DATES, written)
        .or_else(|| best_column(sheet, &never, DATES, written))
        .or_else(|| best_column(sheet, &own, DATES, is_date))
        .or_else(|| best_column(sheet, &never, DATES, is_date))
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
            // A booking system's host ("User Name"): the cohort's mentors.
            ("meetings", "mentor_id") => id_column(sheet, &hints.mentor_ids, &taken(mapped)),
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

/// The cohort's email where no header named it (an SSRS report's
/// "Textbox12"): the first free column whose values are nearly all
/// distinct email addresses.
pub fn email_by_values(sheet: &SheetPreview, mapped: &mut [(&'static str, Option<String>)]) {
    let Some(slot) = mapped.iter().position(|(f, h)| *f == "email" && h.is_none()) else {
        return;
    };
    let taken: Vec<String> = mapped.iter().filter_map(|(_, h)| h.clone()).collect();
    let found = (0..sheet.headers.len()).find(|&c| {
        let values = column_values(sheet, c);
        let emails = values
            .iter()
            .filter(|v| v.contains('@') && v.contains('.'))
            .count();
        !taken.contains(&sheet.headers[c])
            && values.len() >= 10
            && emails * 10 >= values.len() * 9
            && super::cells::distinct_count(sheet, c) * 10 >= values.len() * 9
    });
    if let Some(c) = found {
        mapped[slot].1 = Some(sheet.headers[c].clone());
    }
}

/// Whether a sheet no header recognised is the meeting log by its values:
/// a column of the cohort's student ids and a column of dates, and not a
/// second list of the students (a HEAT export, a SITS list: their
/// background by header).
pub fn is_meeting_log(sheet: &SheetPreview, hints: &Hints) -> bool {
    if is_student_list(&sheet.headers) {
        return false;
    }
    let mut mapped = map_fields(&MEETINGS, &sheet.headers);
    fill_by_values("meetings", sheet, &mut mapped, hints);
    MEETINGS
        .iter()
        .zip(&mapped)
        .all(|(f, m)| !f.required || m.1.is_some())
}

/// Whether headers describe students rather than events: three or more
/// of their background's fields (a postcode, a date of birth, POLAR4,
/// free school meals, ethnicity).
fn is_student_list(headers: &[String]) -> bool {
    const BACKGROUND: [&str; 14] = [
        "postcode",
        "birth",
        "polar",
        "tundra",
        "imd",
        "free school meals",
        "care leaver",
        "care experienced",
        "young carer",
        "first generation",
        "ethnic",
        "disab",
        "gender",
        "domicile",
    ];
    let background = headers
        .iter()
        .filter(|h| {
            let f = super::fold::fold(h);
            BACKGROUND.iter().any(|w| f.contains(w))
        })
        .count();
    background >= 3
}

/// Whether a sheet no header recognised is a meeting log that knows
/// students only by their emails (a Bookings export's "Customer Email"): a
/// column of the cohort's emails, a date, and a duration or a kind by header.
pub fn is_meeting_log_by_email(sheet: &SheetPreview, hints: &Hints) -> bool {
    let by_email = Hints {
        student_ids: hints.emails.clone(),
        ..Hints::default()
    };
    let mut mapped = map_fields(&MEETINGS, &sheet.headers);
    let named = |field: &str| mapped.iter().any(|(f, h)| *f == field && h.is_some());
    let described = named("duration") || named("kind");
    fill_by_values("meetings", sheet, &mut mapped, &by_email);
    described
        && MEETINGS
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

/// A bank keyed by email (Mentorloop): when the cohort names mentors by
/// their emails, the bank's column holding most of them is its key.
pub fn key_by_email(sheet: &SheetPreview, mapped: &mut [(&'static str, Option<String>)], hints: &Hints) {
    let emails = hints.mentor_ids.iter().filter(|id| id.contains('@')).count();
    if emails * 2 <= hints.mentor_ids.len() {
        return;
    }
    // How many of the cohort's mentors the column holds (a Mentorloop
    // export lists mentees too, so not the share of the column).
    let coverage = |c: usize| {
        let held: FxHashSet<String> = column_values(sheet, c).into_iter().map(mentor_key).collect();
        hints.mentor_ids.iter().filter(|id| held.contains(*id)).count() as f64 / hints.mentor_ids.len() as f64
    };
    let best = (0..sheet.headers.len())
        .map(|c| (coverage(c), c))
        .filter(|(share, _)| *share >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    if let Some((_, c)) = best {
        let header = sheet.headers[c].clone();
        for (_, h) in mapped.iter_mut() {
            if h.as_deref() == Some(header.as_str()) {
                *h = None;
            }
        }
        if let Some((_, h)) = mapped.iter_mut().find(|(f, _)| *f == "mentor_id") {
            *h = Some(header);
        }
    }
}

/// The code lists a workbook keeps beside its cohort (a "Codes" or "Key"
/// sheet): blocks of a cohort header alone on its row, then a code and its
/// label a row, until a blank row ("First Gen"; "1", "Yes"; "2", "No").
pub fn code_lists(cohort: &SheetPreview, others: &[&SheetPreview]) -> Vec<(String, Vec<(String, String)>)> {
    let headers: FxHashSet<String> = cohort.headers.iter().map(|h| super::fold::fold(h)).collect();
    let mut lists: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for sheet in others {
        let first = sheet.headers.iter().map(|h| Some(h.clone())).collect::<Vec<_>>();
        let mut current: Option<usize> = None;
        for row in std::iter::once(&first).chain(sheet.rows.iter()) {
            let cell = |i: usize| {
                row.get(i)
                    .cloned()
                    .flatten()
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
            };
            match (cell(0), cell(1)) {
                (Some(name), None) if headers.contains(&super::fold::fold(&name)) => {
                    lists.push((super::fold::fold(&name), Vec::new()));
                    current = Some(lists.len() - 1);
                }
                (Some(code), Some(label)) if code.chars().count() <= 4 => {
                    if let Some(list) = current.and_then(|i| lists.get_mut(i)) {
                        list.1.push((code, label));
                    }
                }
                _ => current = None,
            }
        }
    }
    lists.retain(|(_, codes)| !codes.is_empty());
    lists
}
/// Of the cohort's columns naming mentors ("Mentor", "Mentor email"), the
/// one whose values a column of the mentor bank holds: the mentor id must
/// join the cohort to the bank (a CRM keyed by email, its names split into
/// first and last).
pub fn mentor_column_by_bank(
    cohort: &SheetPreview,
    mapped: &mut [(&'static str, Option<String>)],
    bank: &SheetPreview,
) {
    let coverage = |c: usize| -> f64 {
        let wanted: FxHashSet<String> = column_values(cohort, c).into_iter().map(mentor_key).collect();
        if wanted.is_empty() {
            return 0.0;
        }
        (0..bank.headers.len())
            .map(|b| {
                let held: FxHashSet<String> = column_values(bank, b).into_iter().map(mentor_key).collect();
                wanted.iter().filter(|w| held.contains(*w)).count() as f64 / wanted.len() as f64
            })
            .fold(0.0, f64::max)
    };
    let taken: Vec<String> = mapped
        .iter()
        .filter(|(f, _)| *f != "mentor_id")
        .filter_map(|(_, h)| h.clone())
        .collect();
    let current = mapped
        .iter()
        .find(|(f, _)| *f == "mentor_id")
        .and_then(|(_, h)| h.clone());
    let candidates = (0..cohort.headers.len()).filter(|&c| {
        let f = format!(" {} ", super::fold::fold(&cohort.headers[c]));
        f.contains(" mentor ") && !taken.contains(&cohort.headers[c])
    });
    let best = candidates
        .map(|c| (coverage(c), c))
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    let Some((share, c)) = best else { return };
    let current_share = current
        .as_ref()
        .and_then(|h| cohort.headers.iter().position(|x| x == h))
        .map_or(0.0, coverage);
    if share >= 0.5
        && share > current_share + 0.2
        && let Some((_, h)) = mapped.iter_mut().find(|(f, _)| *f == "mentor_id")
    {
        *h = Some(cohort.headers[c].clone());
    }
}

/// In a log keyed by email, the student column is the one holding the
/// cohort's emails when the column named for students does not (Together's
/// "Mentee" is a name, "Mentee Email" the key).
pub fn student_column_by_email(
    sheet: &SheetPreview,
    mapped: &mut [(&'static str, Option<String>)],
    hints: &Hints,
) {
    let Some(slot) = mapped.iter().position(|(f, _)| *f == "student_id") else {
        return;
    };
    let holds = |header: &str| {
        sheet
            .headers
            .iter()
            .position(|h| h == header)
            .is_some_and(|c| share_in(sheet, c, &hints.student_ids, |v| v.trim().to_lowercase()) >= IDS)
    };
    if mapped[slot].1.as_deref().is_some_and(holds) {
        return;
    }
    let taken: Vec<String> = mapped.iter().filter_map(|(_, h)| h.clone()).collect();
    if let Some((header, _)) = id_column(sheet, &hints.student_ids, &taken) {
        mapped[slot].1 = Some(header);
    }
}
