//! `init`: a first evidence.toml from the user's own files (outputs.md,
//! "Commands"): every visible sheet of each file is previewed, recognised
//! (`recognise`) and written into the configuration (`write`), which is
//! never written over without `force`.

mod answer_codes;
pub mod cells;
pub mod codebook;
mod cohort_fields;
mod fields;
pub mod fold;
mod grids;
mod group_values;
pub mod groups;
pub mod intent;
pub mod kinds;
pub mod likert;
mod more_groups;
mod protected_groups;
pub mod qualtrics;
pub mod recognise;
pub mod roles;
mod stacking;
mod survey_settings;
pub mod surveys;
mod units;
pub mod values;
mod wave;
pub mod wording;
pub mod write;
pub mod written;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::ingest::preview::{SheetPreview, preview};
use stacking::{is_past, is_year_name, merged, other_files, same_table};

/// Rows of each sheet init reads to recognise it, propose labels and show examples.
const PREVIEW_ROWS: usize = 2000;

/// What `init` wrote.
pub struct Initialised {
    pub path: PathBuf,
    /// What it could not decide (each a `# TODO` in the file).
    pub todos: Vec<String>,
}

/// The sheet of `kind` that fits best: most fields found, then most rows.
fn best_of(
    sheets: &[(String, usize, &SheetPreview)],
    kinds: &[Option<recognise::InputKind>],
    kind: recognise::InputKind,
) -> Option<usize> {
    (0..sheets.len())
        .filter(|&i| kinds[i] == Some(kind))
        .max_by_key(|&i| {
            let sheet = sheets[i].2;
            let fit = recognise::kind_of(sheet).map_or(0, |k| k.1);
            let current = !sheet.sheet.as_deref().is_some_and(is_past);
            (current, fit, sheet.rows.len(), std::cmp::Reverse(i))
        })
}

/// A log that knows students only by email (Microsoft Bookings): the
/// cohort is keyed by its email column, so the two join, and its emails
/// are the ids the log's student column is found by.
fn key_by_email(
    sheets: &[(String, usize, &SheetPreview)],
    kinds: &mut [Option<recognise::InputKind>],
    recognised: &mut [written::Recognised<'_>],
    hints: &mut values::Hints,
) {
    let Some(cohort) = recognised
        .iter_mut()
        .find(|r| r.kind == recognise::InputKind::Cohort)
    else {
        return;
    };
    let Some(email) = cohort.column("email").map(str::to_string) else {
        return;
    };
    // A sheet no header recognised, or a log none of whose columns holds
    // the cohort's ids (Together's "Mentee" is a name, "Mentee Email" the key).
    let knows_ids = |i: usize| {
        let sheet = sheets[i].2;
        let named = recognise::map_fields(&recognise::MEETINGS, &sheet.headers)
            .into_iter()
            .find(|(f, _)| *f == "student_id")
            .and_then(|(_, h)| h)
            .and_then(|h| sheet.headers.iter().position(|x| *x == h));
        // The column named for students holds people's names, not ids.
        let names = named.is_some_and(|c| {
            let values = cells::column_values(sheet, c);
            let people = values
                .iter()
                .filter(|v| v.contains(' ') && !v.chars().any(|ch| ch.is_ascii_digit() || ch == '@'))
                .count();
            !values.is_empty() && people * 2 >= values.len()
        });
        let ids = (0..sheet.headers.len())
            .any(|c| values::share_in(sheet, c, &hints.student_ids, str::to_string) >= 0.5);
        !names || ids
    };
    // A log that knows the cohort's ids already: nothing to key by email.
    if (0..sheets.len()).any(|i| kinds[i] == Some(recognise::InputKind::Meetings) && knows_ids(i)) {
        return;
    }
    let logs: Vec<usize> = (0..sheets.len())
        .filter(|&i| {
            (kinds[i].is_none() || (kinds[i] == Some(recognise::InputKind::Meetings) && !knows_ids(i)))
                && values::is_meeting_log_by_email(sheets[i].2, hints)
        })
        .collect();
    if logs.is_empty() {
        return;
    }
    for i in logs {
        kinds[i] = Some(recognise::InputKind::Meetings);
    }
    if let Some((_, h)) = cohort.mapped.iter_mut().find(|(f, _)| *f == "student_id") {
        *h = Some(email);
    }
    cohort.keyed_by_email = true;
    hints.student_ids = hints.emails.clone();
    hints.keyed_by_email = true;
}

/// `sheets` of `file`, each whose header is a row of variable names over a
/// row of labels read again with the labels as its header, and a
/// codebook's under a title from its own header.
fn labelled(file: &Path, sheets: Vec<SheetPreview>) -> Result<Vec<SheetPreview>> {
    let mut read = Vec::with_capacity(sheets.len());
    for sheet in sheets {
        if codebook::is_under_title(&sheet) {
            // The rows counted from the title, blank ones included.
            let mut found = None;
            for row in sheet.header_row + 1..=sheet.header_row + 11 {
                let again = crate::ingest::preview::preview_at(file, PREVIEW_ROWS, Some(row))?
                    .into_iter()
                    .find(|s| s.sheet == sheet.sheet);
                if let Some(again) = again
                    .filter(|s| codebook::is_header(&s.headers.iter().cloned().map(Some).collect::<Vec<_>>()))
                {
                    found = Some(again);
                    break;
                }
            }
            read.push(found.unwrap_or(sheet));
            continue;
        }
        if !qualtrics::is_code_row_over_labels(&sheet) {
            read.push(sheet);
            continue;
        }
        let below = crate::ingest::preview::preview_at(file, PREVIEW_ROWS, Some(sheet.header_row + 1))?
            .into_iter()
            .find(|s| s.sheet == sheet.sheet);
        read.push(below.unwrap_or(sheet));
    }
    Ok(read)
}

/// The path of `file` as written in a configuration at `config`: relative
/// to the configuration's folder when the file is inside it, else as given.
fn relative_to(config: &Path, file: &Path) -> String {
    let folder = config
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    match absolute(file).strip_prefix(absolute(folder)) {
        Ok(inside) => inside.to_string_lossy().replace('\\', "/"),
        Err(_) => file.to_string_lossy().into_owned(),
    }
}

/// Writes `out` from `files`. Refuses to replace an existing file unless
/// `force`; unreadable files are errors as in `run`.
pub fn init(files: &[PathBuf], out: &Path, force: bool) -> Result<Initialised> {
    if out.exists() && !force {
        return Err(Error::input(format!(
            "{}: the file exists; expected a new path (--out), or --force to replace it",
            out.display()
        )));
    }
    let mut previews: Vec<(PathBuf, Vec<SheetPreview>)> = Vec::new();
    for file in files {
        previews.push((file.clone(), labelled(file, preview(file, PREVIEW_ROWS)?)?));
    }
    // A wave exported as codes is read through its codebook.
    let paths: Vec<String> = previews.iter().map(|(file, _)| relative_to(out, file)).collect();
    let codebook::ReadThrough {
        books,
        decoded,
        is_book,
    } = codebook::read_through(&mut previews, &paths);
    let sheets: Vec<(String, usize, &SheetPreview)> = previews
        .iter()
        .flat_map(|(file, sheets)| {
            let path = relative_to(out, file);
            let count = sheets.len();
            sheets.iter().map(move |s| (path.clone(), count, s))
        })
        .collect();
    let kinds: Vec<Option<recognise::InputKind>> = sheets
        .iter()
        .zip(&is_book)
        .map(|((_, _, s), book)| {
            if *book {
                None
            } else {
                recognise::kind_of(s).map(|k| k.0)
            }
        })
        .collect();
    // The cohort first: its linking columns are those whose values the
    // other files hold; then its ids tell the other files' columns.
    let cohort_at = best_of(&sheets, &kinds, recognise::InputKind::Cohort);
    let elsewhere = values::every_value(
        &sheets
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != cohort_at)
            .map(|(_, (_, _, s))| *s)
            .collect::<Vec<_>>(),
    );
    let mut recognised: Vec<written::Recognised<'_>> = Vec::new();
    let mut hints = values::Hints::default();
    if let Some(i) = cohort_at {
        // A cohort kept on a sheet per department (the same table on each,
        // none named for a past year or an archive) is read whole.
        let parts: Vec<&SheetPreview> = (0..sheets.len())
            .filter(|&j| kinds[j] == Some(recognise::InputKind::Cohort) && same_table(&sheets, j, Some(i)))
            .map(|j| sheets[j].2)
            .collect();
        let current = |s: &SheetPreview| {
            s.sheet
                .as_deref()
                .is_some_and(|n| !is_past(n) && !is_year_name(n))
        };
        let stacked = (!parts.is_empty() && current(sheets[i].2) && parts.iter().all(|s| current(s)))
            .then(|| merged(sheets[i].2, &parts));
        let sheet = stacked.as_ref().unwrap_or(sheets[i].2);
        let bonus = |field: &recognise::Field, c: usize| -> u32 {
            match field.name {
                "student_id" | "mentor_id" | "email" => {
                    let key: fn(&str) -> String = if field.name == "mentor_id" {
                        values::mentor_key
                    } else {
                        str::to_string
                    };
                    (1000.0 * values::share_in(sheet, c, &elsewhere, key)) as u32
                }
                "department" => units::department_bonus(sheet, field, c),
                _ => 0,
            }
        };
        let mut mapped = recognise::map_sheet(&recognise::COHORT, sheet, &bonus);
        values::email_by_values(sheet, &mut mapped);
        if let Some(b) = best_of(&sheets, &kinds, recognise::InputKind::Mentors) {
            values::mentor_column_by_bank(sheet, &mut mapped, sheets[b].2);
        }
        let header = |field: &str| {
            mapped
                .iter()
                .find(|(f, _)| *f == field)
                .and_then(|(_, h)| h.as_deref())
        };
        hints = values::Hints::from_cohort(
            sheet,
            (header("student_id"), header("mentor_id"), header("email")),
        );
        let same_workbook: Vec<&SheetPreview> = sheets
            .iter()
            .enumerate()
            .filter(|(j, (path, _, _))| *j != i && *path == sheets[i].0)
            .map(|(_, (_, _, s))| *s)
            .collect();
        hints.codes = values::code_lists(sheet, &same_workbook);
        let mut r = written::Recognised::new(&sheets[i], recognise::InputKind::Cohort, mapped);
        if let Some(whole) = stacked.clone() {
            r.stacked = true;
            r.sheet = std::borrow::Cow::Owned(whole);
        }
        recognised.push(r);
    }
    // Other cohort-like sheets are named in a TODO (init never picks silently).
    for (i, kind) in kinds.iter().enumerate() {
        if *kind == Some(recognise::InputKind::Cohort)
            && Some(i) != cohort_at
            && !same_table(&sheets, i, cohort_at)
        {
            recognised.push(written::Recognised::new(
                &sheets[i],
                recognise::InputKind::Cohort,
                Vec::new(),
            ));
        }
    }
    // Sheets no header recognised may be the log or the bank by their values.
    let mut kinds = kinds;
    for (i, (_, _, sheet)) in sheets.iter().enumerate() {
        if kinds[i].is_none() {
            if values::is_meeting_log(sheet, &hints) {
                kinds[i] = Some(recognise::InputKind::Meetings);
            } else if values::is_mentor_bank(sheet, &hints) {
                kinds[i] = Some(recognise::InputKind::Mentors);
            }
        }
    }
    key_by_email(&sheets, &mut kinds, &mut recognised, &mut hints);
    for kind in [recognise::InputKind::Mentors, recognise::InputKind::Meetings] {
        if let Some(i) = best_of(&sheets, &kinds, kind) {
            let (fields, ids): (&[recognise::Field], &rustc_hash::FxHashSet<String>) = match kind {
                recognise::InputKind::Mentors => (&recognise::MENTORS, &hints.mentor_ids),
                _ => (&recognise::MEETINGS, &hints.student_ids),
            };
            // A log kept in Qualtrics is mapped by its question texts and
            // written with its codes (`qualtrics::views`).
            let views = qualtrics::views(sheets[i].2).or_else(|| qualtrics::answer_views(sheets[i].2));
            // A table exported in parts, one file each (Bookings' four months
            // at a time): read as one, its files listed in `path`.
            let (parts, joined) = other_files(&sheets, &kinds, i);
            let sheet = views
                .as_ref()
                .map_or(joined.as_ref().unwrap_or(sheets[i].2), |(by_text, _)| by_text);
            let bonus = |field: &recognise::Field, c: usize| -> u32 {
                let share = match field.name {
                    // A bank lists mentors without mentees and other
                    // contacts too: how many of the cohort's mentors it holds.
                    "mentor_id" if kind == recognise::InputKind::Mentors => {
                        values::coverage(sheet, c, &hints.mentor_ids, values::mentor_key)
                    }
                    "mentor_id" => values::share_in(sheet, c, &hints.mentor_ids, values::mentor_key),
                    "student_id" => values::share_in(sheet, c, ids, str::to_string),
                    _ => 0.0,
                };
                (1000.0 * share) as u32
            };
            let mut mapped = recognise::map_sheet(fields, sheet, &bonus);
            if kind == recognise::InputKind::Mentors {
                values::key_by_email(sheet, &mut mapped, &hints);
            } else {
                kinds::prefer_title(sheet, &mut mapped);
                if hints.keyed_by_email {
                    values::student_column_by_email(sheet, &mut mapped, &hints);
                }
            }
            let by_values = values::fill_by_values(
                if kind == recognise::InputKind::Mentors {
                    "mentors"
                } else {
                    "meetings"
                },
                sheet,
                &mut mapped,
                &hints,
            );
            // The end time gives the minutes only where no duration does.
            if mapped.iter().any(|(f, h)| *f == "duration" && h.is_some()) {
                for (field, header) in mapped.iter_mut() {
                    if *field == "ends" {
                        *header = None;
                    }
                }
            }
            if let Some((_, by_code)) = &views {
                for (_, header) in mapped.iter_mut() {
                    let code = header
                        .as_ref()
                        .and_then(|h| sheet.headers.iter().position(|t| t == h))
                        .map(|c| by_code.headers[c].clone());
                    *header = code;
                }
            }
            let mut r = written::Recognised::new(&sheets[i], kind, mapped);
            r.more_paths = parts;
            if let Some(joined) = joined.as_ref().filter(|_| views.is_none()) {
                r.sheet = std::borrow::Cow::Owned(joined.clone());
            }
            if let Some((_, by_code)) = views.clone() {
                r.sheet = std::borrow::Cow::Owned(by_code);
            }
            r.by_values = by_values;
            // `sheet = "*"` stacks every sheet holding the configured
            // headers, whatever else it has (a column added in December).
            let holds_mapped = |j: usize| {
                sheets[j].0 == sheets[i].0
                    && j != i
                    && r.mapped
                        .iter()
                        .filter_map(|(_, h)| h.as_ref())
                        .all(|h| sheets[j].2.headers.contains(h))
            };
            let others: Vec<&SheetPreview> = (0..sheets.len())
                .filter(|&j| kinds[j] == Some(kind) && (same_table(&sheets, j, Some(i)) || holds_mapped(j)))
                .map(|j| sheets[j].2)
                .collect();
            // A log is one table over several sheets (a sheet per month).
            // A bank's other sheets of the same headers are stacked by
            // name ("2024 intake", "Paused or left") unless a name says
            // they are past records or another year's bank ("2024-25").
            if !others.is_empty() && kind == recognise::InputKind::Meetings {
                r.stacked = true;
                r.sheet = std::borrow::Cow::Owned(merged(sheet, &others));
            } else if !others.is_empty() && kind == recognise::InputKind::Mentors {
                let names: Vec<&str> = std::iter::once(sheet)
                    .chain(others.iter().copied())
                    .filter_map(|s| s.sheet.as_deref())
                    .collect();
                if names.len() == others.len() + 1 && names.iter().all(|n| !is_past(n) && !is_year_name(n)) {
                    r.sheets = names.iter().map(|n| n.to_string()).collect();
                    r.sheet = std::borrow::Cow::Owned(merged(sheet, &others));
                }
            }
            recognised.push(r);
        }
    }
    for (i, kind) in kinds.iter().enumerate() {
        if let Some(
            kind @ (recognise::InputKind::Qualtrics
            | recognise::InputKind::Forms
            | recognise::InputKind::Jisc
            | recognise::InputKind::Plain
            | recognise::InputKind::SurveyMonkey),
        ) = kind
        {
            let mut r = written::Recognised::new(&sheets[i], *kind, Vec::new());
            r.codebook = decoded[i].clone();
            if *kind == recognise::InputKind::SurveyMonkey {
                let sheet = sheets[i].2;
                let answers =
                    crate::ingest::preview::preview_at(Path::new(&sheet.file), PREVIEW_ROWS, Some(2))?
                        .into_iter()
                        .find(|s| s.sheet == sheet.sheet);
                if let Some(answers) = answers {
                    r.sheet = std::borrow::Cow::Owned(qualtrics::surveymonkey_view(sheet, &answers));
                }
            }
            recognised.push(r);
        }
    }
    // A file is unknown when none of its sheets was recognised.
    let mut unknown: Vec<(String, Vec<String>)> = Vec::new();
    for (i, (path, _, sheet)) in sheets.iter().enumerate() {
        let file_known = sheets
            .iter()
            .zip(&kinds)
            .any(|((p, _, _), k)| p == path && k.is_some());
        let codebook = books.iter().any(|b| b.path == *path);
        if kinds[i].is_none() && !file_known && !codebook && !unknown.iter().any(|(p, _)| p == path) {
            unknown.push((path.clone(), sheet.headers.clone()));
        }
    }
    let written = write::config_text(&recognised, &unknown, &hints);
    crate::output::write_file(
        out.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new(".")),
        &out.file_name()
            .map_or("evidence.toml".into(), |n| n.to_string_lossy().into_owned()),
        written.text.as_bytes(),
    )?;
    Ok(Initialised {
        path: out.to_path_buf(),
        todos: written.todos,
    })
}
