//! The first evidence.toml `init` writes: every input it recognised with its
//! column mapping, a comment at each guess (the header matched and a few
//! example values, never ids, emails or names) and a `# TODO` wherever it
//! could not decide.

use super::recognise::{COHORT, Field, InputKind, MEETINGS, MENTORS, fold, map_fields};
use super::values::{Hints, fill_by_values};
use crate::config::number_text;
use crate::ingest::preview::SheetPreview;

/// A recognised sheet, with its path as the configuration names it.
pub struct Recognised<'a> {
    pub path: String,
    pub kind: InputKind,
    pub sheet: &'a SheetPreview,
    /// Whether the sheet is the workbook's first (no `sheet` key needed).
    pub first_sheet: bool,
}

/// The configuration text and its TODO lines.
pub struct Written {
    pub text: String,
    pub todos: Vec<String>,
}

/// Fields whose values identify a person: no example values in comments.
const PERSONAL: [&str; 3] = ["student_id", "email", "mentor_id"];

pub(super) fn quote(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{escaped}\"")
}

/// Up to three distinct example values of `header` in `sheet`.
fn examples(sheet: &SheetPreview, header: &str) -> Vec<String> {
    let Some(column) = sheet.headers.iter().position(|h| h == header) else {
        return Vec::new();
    };
    let mut seen: Vec<String> = Vec::new();
    for row in &sheet.rows {
        if let Some(Some(value)) = row.get(column)
            && !seen.contains(value)
        {
            seen.push(value.clone());
            if seen.len() == 3 {
                break;
            }
        }
    }
    seen
}

/// Distinct values of `header` in `sheet` (all its preview rows).
fn distinct(sheet: &SheetPreview, header: &str) -> Vec<String> {
    let Some(column) = sheet.headers.iter().position(|h| h == header) else {
        return Vec::new();
    };
    let mut values: Vec<String> = sheet
        .rows
        .iter()
        .filter_map(|row| row.get(column).cloned().flatten())
        .collect();
    values.sort();
    values.dedup();
    values
}

/// An input's table: `[inputs.<name>]` with its path, sheet and columns.
fn input_table(out: &mut Written, name: &'static str, r: &Recognised<'_>, fields: &[Field], hints: &Hints) {
    out.text.push_str(&format!(
        "\n# {} (headers matched by docs/init.md's synonyms)\n[inputs.{name}]\npath = {}\n",
        r.kind.label(),
        quote(&r.path)
    ));
    if let Some(sheet) = r.sheet.sheet.as_ref().filter(|_| !r.first_sheet) {
        out.text.push_str(&format!("sheet = {}\n", quote(sheet)));
    }
    out.text.push_str(&format!("[inputs.{name}.columns]\n"));
    let mut mapped = map_fields(fields, &r.sheet.headers);
    let by_values = fill_by_values(name, r.sheet, &mut mapped, hints);
    for (field, (name_of, header)) in fields.iter().zip(mapped) {
        let guessed = by_values.iter().find(|(f, _)| *f == name_of).map(|(_, fit)| *fit);
        match header {
            Some(header) if guessed.is_some() => {
                let fit = guessed.unwrap_or(0.0);
                let what = if name_of == "date" {
                    "dates"
                } else {
                    "the cohort's ids"
                };
                out.text.push_str(&format!(
                    "{name_of} = {}  # check: no header named it; {:.0}% of its values are {what}\n",
                    quote(&header),
                    fit * 100.0
                ));
            }
            Some(header) => {
                let comment = if PERSONAL.contains(&name_of) {
                    String::new()
                } else {
                    let values = examples(r.sheet, &header);
                    if values.is_empty() {
                        "  # empty in the rows read".to_string()
                    } else {
                        format!("  # e.g. {}", values.join(", "))
                    }
                };
                out.text
                    .push_str(&format!("{name_of} = {}{comment}\n", quote(&header)));
            }
            None if field.required => {
                let todo = format!("{name}: no column looks like {name_of}");
                out.text.push_str(&format!(
                    "# TODO: {name_of} = \"...\"  (required: {todo}; headers: {})\n",
                    r.sheet.headers.join(", ")
                ));
                out.todos.push(todo);
            }
            None => {}
        }
    }
}

/// The canonical meeting kinds init proposes for the log's labels, by the
/// words they contain (a label matching none is left out: such meetings
/// are `other`, each label one `unknown_meeting_kind` finding).
const KIND_WORDS: [(&str, &[&str]); 6] = [
    (
        "meet_and_greet",
        &["meet and greet", "meet greet", "introduction"],
    ),
    ("celebration", &["celebration", "ceremony"]),
    ("workplace_visit", &["workplace", "site visit"]),
    ("networking", &["networking"]),
    ("skills_training", &["skills", "workshop"]),
    (
        "one_to_one",
        &["one to one", "1 1", "catch up", "check in", "mentoring session"],
    ),
];

fn meeting_kinds(out: &mut Written, log: &SheetPreview) {
    let Some((_, Some(header))) = map_fields(&MEETINGS, &log.headers)
        .into_iter()
        .find(|(f, _)| *f == "kind")
    else {
        return;
    };
    let labels = distinct(log, &header);
    let mut table = String::new();
    for (kind, words) in KIND_WORDS {
        let matched: Vec<String> = labels
            .iter()
            .filter(|l| {
                let folded = fold(l);
                // A label that is the id itself needs no mapping.
                l.trim().to_lowercase() != kind
                    && words
                        .iter()
                        .any(|w| format!(" {folded} ").contains(&format!(" {w} ")))
            })
            .map(|l| quote(l))
            .collect();
        if !matched.is_empty() {
            table.push_str(&format!("{kind} = [{}]\n", matched.join(", ")));
        }
    }
    if !table.is_empty() {
        out.text.push_str(&format!(
            "# Meeting kinds proposed from the log's labels (others count as `other`): check them.\n\
             [inputs.meetings.kinds]\n{table}"
        ));
    }
}

/// The target groups init proposes from the cohort's columns it recognises:
/// POLAR4 quintiles 1-2, first generation (its yes values), ethnicity (every
/// value but White ones).
fn target_groups(cohort: &SheetPreview) -> Vec<(String, String, Vec<String>)> {
    let find = |words: &[&str]| {
        cohort
            .headers
            .iter()
            .find(|h| words.iter().any(|w| fold(h).contains(w)))
            .cloned()
    };
    let mut groups = Vec::new();
    if let Some(h) = find(&["polar"]) {
        let values: Vec<String> = distinct(cohort, &h)
            .into_iter()
            .filter(|v| v.parse::<f64>().is_ok_and(|q| q == 1.0 || q == 2.0))
            .map(|v| v.parse::<f64>().map_or(v.clone(), number_text))
            .collect();
        if !values.is_empty() {
            groups.push(("Low participation area (POLAR4 Q1-2)".to_string(), h, values));
        }
    }
    if let Some(h) = find(&["first generation", "first gen", "first in family"]) {
        let yes = ["y", "yes", "true", "1"];
        let values: Vec<String> = distinct(cohort, &h)
            .into_iter()
            .filter(|v| yes.contains(&v.to_lowercase().as_str()))
            .collect();
        if !values.is_empty() {
            groups.push(("First in family".to_string(), h, values));
        }
    }
    if let Some(h) = find(&["ethnic"]) {
        let values: Vec<String> = distinct(cohort, &h)
            .into_iter()
            .filter(|v| !v.to_lowercase().starts_with("white") && !v.to_lowercase().starts_with("not known"))
            .collect();
        if !values.is_empty() {
            groups.push(("Black, Asian and minority ethnic".to_string(), h, values));
        }
    }
    groups
}

/// The whole configuration. `cohorts` holds every sheet that looks like a
/// cohort: more than one is a TODO naming them all (init never picks one
/// silently); `unknown` the files none of whose sheets it recognised.
pub fn config_text(recognised: &[Recognised<'_>], unknown: &[String], hints: &Hints) -> Written {
    let mut out = Written {
        text: String::from(
            "# evidence.toml written by `mentor-evidence init` from your files.\n\
             # Check every line marked TODO, then run `mentor-evidence validate`.\n\
             # Reference: README.md \"Configuration\"; how headers were recognised: docs/init.md.\n\n\
             [programme]\n\
             name = \"Mentoring programme\"  # check: your programme's name\n\
             institution = \"\"\n\
             period = \"2026/27\"  # check: the reporting period's label\n\
             start = 2026-09-28  # check: the reporting period's first day\n\
             as_of = 2027-04-30  # check: the report's \"today\"\n",
        ),
        todos: Vec::new(),
    };
    let of = |kind: InputKind| recognised.iter().filter(move |r| r.kind == kind);
    let cohorts: Vec<&Recognised<'_>> = of(InputKind::Cohort).collect();
    if cohorts.len() > 1 {
        let names: Vec<String> = cohorts.iter().map(|c| describe(c)).collect();
        let todo = format!(
            "more than one file looks like the cohort ({}): keep one",
            names.join(" and ")
        );
        out.text.push_str(&format!("\n# TODO: {todo}\n"));
        out.todos.push(todo);
    }
    match cohorts.first() {
        Some(cohort) => input_table(&mut out, "cohort", cohort, &COHORT, hints),
        None => {
            let todo = "no file looks like the cohort (a student id and a registered column)".to_string();
            out.text
                .push_str(&format!("\n# TODO: {todo}\n[inputs.cohort]\npath = \"TODO\"\n[inputs.cohort.columns]\nstudent_id = \"TODO\"\nregistered = \"TODO\"\n"));
            out.todos.push(todo);
        }
    }
    if let Some(bank) = of(InputKind::Mentors).next() {
        input_table(&mut out, "mentors", bank, &MENTORS, hints);
    }
    if let Some(log) = of(InputKind::Meetings).next() {
        input_table(&mut out, "meetings", log, &MEETINGS, hints);
        meeting_kinds(&mut out, log.sheet);
    }
    let surveys: Vec<&Recognised<'_>> = of(InputKind::Qualtrics).chain(of(InputKind::Forms)).collect();
    super::surveys::survey_tables(&mut out, &surveys);
    if let Some(cohort) = cohorts.first() {
        let groups = target_groups(cohort.sheet);
        if !groups.is_empty() {
            out.text.push_str(
                "\n# Target groups proposed from the cohort's columns: check the values.\n[target_groups]\n",
            );
            for (name, column, values) in groups {
                let values: Vec<String> = values.iter().map(|v| quote(v)).collect();
                out.text.push_str(&format!(
                    "{} = {{ column = {}, in = [{}] }}\n",
                    quote(&name),
                    quote(&column),
                    values.join(", ")
                ));
            }
        }
    }
    for file in unknown {
        out.text.push_str(&format!(
            "\n# {file}: none of its sheets looks like a cohort, mentor bank, meeting log or survey export; left out\n"
        ));
    }
    out.text
        .push_str("\n[disclosure]\nrule = \"hesa\"\n\n[output]\ndir = \"report\"\n");
    out
}

fn describe(r: &Recognised<'_>) -> String {
    match &r.sheet.sheet {
        Some(sheet) => format!("{}, sheet '{sheet}'", r.path),
        None => r.path.clone(),
    }
}
