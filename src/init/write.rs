//! The first evidence.toml `init` writes: every input it recognised with its
//! column mapping, a comment at each guess (the header matched and a few
//! example values, never ids, emails or names) and a `# TODO` wherever it
//! could not decide. Every value is quoted by the TOML serialiser and every
//! comment kept to one line, so no cell can add a line, table or key.

use super::cells::{column_values, is_date};
use super::recognise::{COHORT, Field, InputKind, MEETINGS, MENTORS, fold, header_score};
use super::values::Hints;
pub use super::written::{Recognised, Written, distinct, one_line, quote};
use crate::ingest::preview::SheetPreview;

/// Fields whose values identify a person: no example values in comments.
const PERSONAL: [&str; 3] = ["student_id", "email", "mentor_id"];

/// Up to three distinct example values of `header` in `sheet`.
fn examples(sheet: &SheetPreview, header: &str) -> Vec<String> {
    let Some(column) = sheet.headers.iter().position(|h| h == header) else {
        return Vec::new();
    };
    let mut seen: Vec<String> = Vec::new();
    for row in &sheet.rows {
        let shown = |value: &str| -> String { one_line(value).chars().take(30).collect() };
        if let Some(Some(value)) = row.get(column)
            && !seen.contains(&shown(value))
        {
            seen.push(shown(value));
            if seen.len() == 3 {
                break;
            }
        }
    }
    seen
}

/// "mdy" when the input's text dates are month-first (a first number above
/// 12 never, a second above 12 somewhere).
fn month_first(r: &Recognised<'_>, fields: &[Field]) -> bool {
    let mut day_first = false;
    let mut month_first = false;
    for (field, header) in fields.iter().zip(&r.mapped) {
        let Some(header) = &header.1 else { continue };
        if !matches!(
            field.value,
            super::recognise::ValueKind::Date
                | super::recognise::ValueKind::FlagOrDate
                | super::recognise::ValueKind::Flag
        ) {
            continue;
        }
        let Some(c) = r.sheet.headers.iter().position(|h| h == header) else {
            continue;
        };
        for value in column_values(&r.sheet, c) {
            let parts: Vec<u32> = value
                .split(['/', '.'])
                .take(2)
                .filter_map(|p| p.trim().parse().ok())
                .collect();
            if value.matches('/').count() == 2 && parts.len() == 2 {
                day_first |= parts[0] > 12;
                month_first |= parts[1] > 12;
            }
        }
    }
    month_first && !day_first
}

/// Short texts in the input's flag, date and number columns that no rule
/// reads and that are not missing words already ("Awaiting decision"):
/// words that say "not known yet" (at most three words, at most 4 of them).
fn unreadable_words(r: &Recognised<'_>, fields: &[Field]) -> Vec<String> {
    use super::cells::{is_flag, is_number};
    use super::recognise::ValueKind;
    let mut words: Vec<String> = Vec::new();
    for (field, (_, header)) in fields.iter().zip(&r.mapped) {
        let Some(header) = header else { continue };
        let readable: fn(&str) -> bool = match field.value {
            ValueKind::Flag | ValueKind::FlagOrDate => is_flag,
            ValueKind::Date => is_date,
            ValueKind::Number => is_number,
            _ => continue,
        };
        let Some(c) = r.sheet.headers.iter().position(|h| h == header) else {
            continue;
        };
        for value in column_values(&r.sheet, c) {
            let short = value.split_whitespace().count() <= 3
                && !value.chars().any(char::is_control)
                && value.chars().any(char::is_alphabetic)
                && !value.chars().any(|c| c.is_ascii_digit());
            if !readable(value) && short && !words.iter().any(|w| w.eq_ignore_ascii_case(value)) {
                words.push(value.to_string());
            }
        }
    }
    if words.len() > 4 {
        return Vec::new(); // free text, not a few words for "not known"
    }
    words.sort();
    words
}

/// Values that mean a row is no meeting or record (a cancelled booking, a
/// no-show, a reminder e-mail).
const NOT_HELD: [&str; 14] = [
    "cancel",
    "no show",
    "did not attend",
    "dna",
    "not attended",
    "email only",
    "e mail only",
    "rescheduled",
    "declined",
    "requested",
    "absent",
    // A log kept in Qualtrics: its Status of a tester's or spam response.
    "survey preview",
    "survey test",
    "spam",
];

/// `exclude` rules proposed for a log: a status or attendance column's
/// values saying the meeting was not held, and kinds that are not meetings.
fn exclusions(r: &Recognised<'_>) -> Vec<(String, Vec<String>)> {
    let mut rules = Vec::new();
    for header in &r.sheet.headers {
        let h = fold(header);
        let status = ["status", "attendance", "attended", "outcome"]
            .iter()
            .any(|w| h.contains(w));
        let is_kind = r.column("kind") == Some(header.as_str());
        let statuses = super::kinds::only_statuses(&distinct(&r.sheet, header));
        if !(status || is_kind || statuses) {
            continue;
        }
        let values: Vec<String> = distinct(&r.sheet, header)
            .into_iter()
            .filter(|v| {
                let f = fold(v);
                NOT_HELD
                    .iter()
                    .any(|w| format!(" {f} ").contains(&format!(" {w}")))
                    || (is_kind && (f == "email" || f == "e mail"))
            })
            .collect();
        if !values.is_empty() && distinct(&r.sheet, header).len() <= 30 {
            rules.push((header.clone(), values));
        }
    }
    rules
}

/// An input's table: `[inputs.<name>]` with its path, sheet, reading keys and columns.
fn input_table(out: &mut Written, name: &'static str, r: &Recognised<'_>, fields: &[Field]) {
    let path = if r.more_paths.is_empty() {
        quote(&r.path)
    } else {
        let paths: Vec<String> = std::iter::once(&r.path)
            .chain(&r.more_paths)
            .map(|p| quote(p))
            .collect();
        format!(
            "[{}]  # check: the same table in several files, stacked",
            paths.join(", ")
        )
    };
    out.text.push_str(&format!(
        "\n# {} (headers matched by docs/init.md's words, and by values)\n[inputs.{name}]\npath = {path}\n",
        r.kind.label(),
    ));
    if r.stacked {
        out.text
            .push_str("sheet = \"*\"  # every sheet with these headers, stacked\n");
    } else if !r.sheets.is_empty() {
        let names: Vec<String> = r.sheets.iter().map(|n| quote(n)).collect();
        out.text.push_str(&format!(
            "sheet = [{}]  # check: the sheets of the same headers, stacked\n",
            names.join(", ")
        ));
    } else if let Some(sheet) = r.sheet.sheet.as_ref().filter(|_| r.more_paths.is_empty()) {
        out.text.push_str(&format!("sheet = {}\n", quote(sheet)));
    }
    if month_first(r, fields) {
        out.text
            .push_str("date_order = \"mdy\"  # check: text dates such as 12/31/2025 are month-first\n");
    }
    if name == "mentors"
        && let Some((column, others)) = super::roles::role_column(&r.sheet)
    {
        let values: Vec<String> = others.iter().map(|v| quote(v)).collect();
        out.text.push_str(&format!(
            "# check: the platform lists mentees too; only mentors are the bank\nexclude = [\n  {{ column = {}, in = [{}] }},\n]\n",
            quote(&column),
            values.join(", ")
        ));
    }
    if name == "meetings" {
        if let Some(duration) = r.column("duration")
            && fold(duration).split(' ').any(|w| w == "hours" || w == "hrs")
        {
            out.text
                .push_str("duration_unit = \"hours\"  # check: the duration's header says hours\n");
        }
        let rules = exclusions(r);
        if !rules.is_empty() {
            let listed: Vec<String> = rules
                .iter()
                .map(|(column, values)| {
                    let values: Vec<String> = values.iter().map(|v| quote(v)).collect();
                    format!(
                        "  {{ column = {}, in = [{}] }},",
                        quote(column),
                        values.join(", ")
                    )
                })
                .collect();
            out.text.push_str(&format!(
                "# check: rows that are no meeting (cancelled, not attended), left out of every figure\nexclude = [\n{}\n]\n",
                listed.join("\n")
            ));
        }
    }
    let extra = unreadable_words(r, fields);
    if !extra.is_empty() {
        let words: Vec<String> = crate::ingest::values::MISSING_WORDS
            .iter()
            .map(|w| w.to_string())
            .chain(extra.iter().map(|w| w.to_lowercase()))
            .map(|w| quote(&w))
            .collect();
        out.text.push_str(&format!(
            "# check: {} in typed columns read as not known rather than as errors\nmissing_words = [{}]\n",
            one_line(&extra.join(", ")),
            words.join(", ")
        ));
    }
    if r.keyed_by_email {
        out.text.push_str(
            "# check: the meeting log knows students only by email, so students are keyed by their email\n",
        );
    }
    out.text.push_str(&format!("[inputs.{name}.columns]\n"));
    for (field, (name_of, header)) in fields.iter().zip(&r.mapped) {
        let guessed = r
            .by_values
            .iter()
            .find(|(f, _)| f == name_of)
            .map(|(_, fit)| *fit);
        match (header, guessed) {
            (Some(header), Some(fit)) => {
                let what = match *name_of {
                    "date" => "dates",
                    "mentor_id" => "the cohort's mentors",
                    _ => "the cohort's student ids",
                };
                out.text.push_str(&format!(
                    "{name_of} = {}  # check: no header named it; {:.0}% of its values are {what}\n",
                    quote(header),
                    fit * 100.0
                ));
            }
            (Some(header), None) => {
                let comment = if PERSONAL.contains(name_of) {
                    String::new()
                } else {
                    let values = examples(&r.sheet, header);
                    if values.is_empty() {
                        "  # empty in the rows read".to_string()
                    } else {
                        format!("  # e.g. {}", values.join(", "))
                    }
                };
                out.text
                    .push_str(&format!("{name_of} = {}{comment}\n", quote(header)));
            }
            (None, _) if field.required => {
                let todo = format!(
                    "{name}: no column looks like {name_of}; write {name_of} = \"<header>\" from: {}",
                    r.sheet.headers.join(", ")
                );
                out.todo(todo, "");
            }
            (None, _) => {}
        }
    }
}

fn meeting_kinds(out: &mut Written, log: &Recognised<'_>) {
    let Some(header) = log.column("kind") else {
        return;
    };
    let excluded: Vec<String> = exclusions(log).into_iter().flat_map(|(_, v)| v).collect();
    let labels: Vec<String> = distinct(&log.sheet, header)
        .into_iter()
        .filter(|l| !excluded.contains(l))
        .collect();
    // Titles typed per meeting (many of them) are read as typed; a few
    // repeated ones (Zoom's "Topic") by their words like any label.
    let typed = super::kinds::is_title(header) && labels.len() > 30;
    let assigned = super::kinds::propose(&labels, typed);
    if !assigned.is_empty() {
        out.text.push_str(
            "# Meeting kinds proposed from the log's labels (others count as `other`): check them.\n\
             [inputs.meetings.kinds]\n",
        );
        for (kind, labels) in assigned {
            out.text.push_str(&format!("{kind} = [{}]\n", labels.join(", ")));
        }
    }
}

/// The whole configuration. More than one cohort is a TODO naming them all
/// (init never picks one silently); `unknown` holds the files none of whose
/// sheets it recognised, with their headers.
pub fn config_text(
    recognised: &[Recognised<'_>],
    unknown: &[(String, Vec<String>)],
    hints: &Hints,
) -> Written {
    let mut out = Written {
        text: String::from(
            "# evidence.toml written by `mentor-evidence init` from your files.\n\
             # Check every line marked TODO or check, then run `mentor-evidence validate`.\n\
             # Reference: README.md \"Configuration\"; how files and columns were recognised: docs/init.md.\n\n\
             [programme]\n\
             name = \"Mentoring programme\"  # check: your programme's name\n\
             institution = \"\"\n",
        ),
        todos: Vec::new(),
    };
    out.text.push_str(&programme_dates(recognised));
    let of = |kind: InputKind| recognised.iter().filter(move |r| r.kind == kind);
    let cohorts: Vec<&Recognised<'_>> = of(InputKind::Cohort).collect();
    if cohorts.len() > 1 {
        let names: Vec<String> = cohorts.iter().map(|c| describe(c)).collect();
        let todo = format!(
            "more than one file looks like the cohort ({}): keep one as [inputs.cohort] path",
            names.join(" and ")
        );
        out.text.push('\n');
        out.todo(todo, "");
    }
    match cohorts.first() {
        Some(cohort) => input_table(&mut out, "cohort", cohort, &COHORT),
        None => {
            out.text.push('\n');
            out.todo(
                "no file looks like the cohort (one row per student, with a student id and a signed-up column)".to_string(),
                "; e.g. path = \"cohort.xlsx\", student_id = \"Student ID\", registered = \"Signed up\"",
            );
            out.text.push_str(
                "[inputs.cohort]\npath = \"TODO\"\n[inputs.cohort.columns]\nstudent_id = \"TODO\"\nregistered = \"TODO\"\n",
            );
        }
    }
    if let Some(bank) = of(InputKind::Mentors).next() {
        input_table(&mut out, "mentors", bank, &MENTORS);
    }
    if let Some(log) = of(InputKind::Meetings).next() {
        input_table(&mut out, "meetings", log, &MEETINGS);
        meeting_kinds(&mut out, log);
    }
    let surveys: Vec<&Recognised<'_>> = of(InputKind::Qualtrics)
        .chain(of(InputKind::Forms))
        .chain(of(InputKind::Jisc))
        .chain(of(InputKind::Plain))
        .chain(of(InputKind::SurveyMonkey))
        .collect();
    super::surveys::survey_tables(&mut out, &surveys, hints);
    if let Some(cohort) = cohorts.first() {
        super::groups::target_groups(&mut out, &cohort.sheet, &hints.codes);
    }
    for (file, headers) in unknown {
        out.text.push_str(&format!(
            "\n# {}: left out: none of its sheets looks like a cohort, mentor bank, meeting log or survey export.\n# Headers found: {}\n# Nearest fields: {}\n",
            one_line(file),
            one_line(&headers.join(", ")),
            one_line(&nearest_fields(headers))
        ));
    }
    out.text
        .push_str("\n[disclosure]\nrule = \"hesa\"\n\n[output]\ndir = \"report\"\n");
    out
}

/// The reporting period from the files' dates: the first day of the month
/// of the earliest meeting or sign-up, and the latest date seen.
fn programme_dates(recognised: &[Recognised<'_>]) -> String {
    let mut dates: Vec<chrono::NaiveDate> = Vec::new();
    for r in recognised {
        let fields: &[Field] = match r.kind {
            InputKind::Cohort => &COHORT,
            InputKind::Meetings => &MEETINGS,
            _ => continue,
        };
        let order = if month_first(r, fields) {
            crate::config::DateOrder::Mdy
        } else {
            crate::config::DateOrder::Dmy
        };
        for field in ["date", "registered", "matched_on"] {
            let Some(header) = r.column(field) else { continue };
            let Some(c) = r.sheet.headers.iter().position(|h| h == header) else {
                continue;
            };
            for value in column_values(&r.sheet, c) {
                if is_date(value)
                    && let crate::ingest::values::Parsed::Value(d) =
                        crate::ingest::values::parse_date_text(value, order)
                {
                    dates.push(d);
                }
            }
        }
    }
    dates.sort();
    // The first and last dates, unless one strays two months from the rest.
    let at = |i: usize| dates.get(i).copied();
    let trimmed = (
        at(dates.len() / 50),
        at(dates.len().saturating_sub(1 + dates.len() / 50)),
    );
    let (first, last) = match (dates.first(), dates.last(), trimmed) {
        (Some(first), Some(last), (Some(early), Some(late))) => {
            let first = if (early - *first).num_days() > 60 {
                early
            } else {
                *first
            };
            let last = if (*last - late).num_days() > 60 {
                late
            } else {
                *last
            };
            (first, last)
        }
        _ => {
            return "period = \"2026/27\"  # check: the reporting period's label\n\
                    start = 2026-09-28  # check: the reporting period's first day\n\
                    as_of = 2027-04-30  # check: the report's \"today\"\n"
                .to_string();
        }
    };
    use chrono::Datelike;
    let start = first.with_day(1).unwrap_or(first);
    let year = if start.month() >= 8 {
        start.year()
    } else {
        start.year() - 1
    };
    format!(
        "period = \"{year}/{:02}\"  # check: the reporting period's label\n\
         start = {start}  # check: the reporting period's first day (the files' first dates)\n\
         as_of = {last}  # check: the report's \"today\" (the files' last dates)\n",
        (year + 1) % 100
    )
}

/// The canonical fields nearest to `headers`: each header a field's words
/// name, as "header → input.field".
fn nearest_fields(headers: &[String]) -> String {
    let mut near = Vec::new();
    for header in headers {
        let folded = fold(header);
        for (input, fields) in [
            ("cohort", &COHORT[..]),
            ("mentors", &MENTORS[..]),
            ("meetings", &MEETINGS[..]),
        ] {
            if let Some(field) = fields.iter().find(|f| header_score(f, &folded) > 0) {
                near.push(format!("{header} → {input}.{}", field.name));
                break;
            }
        }
    }
    if near.is_empty() {
        "none".to_string()
    } else {
        near.join("; ")
    }
}

fn describe(r: &Recognised<'_>) -> String {
    match &r.sheet.sheet {
        Some(sheet) => format!("{}, sheet '{sheet}'", r.path),
        None => r.path.clone(),
    }
}
