//! Recognising a file for `init`: which input a sheet is, and which of its
//! columns holds each canonical field, by header synonyms (docs/init.md
//! lists them). A header matches a synonym when they are equal once both
//! are folded (lower-cased, every run of other characters than letters and
//! digits one space: "Meet & greet" ~ "meet greet"); failing that, when the
//! synonym's words stand together in the header ("Student ID number").

use crate::ingest::preview::SheetPreview;

/// A canonical field and the headers it is known by.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub required: bool,
    pub synonyms: &'static [&'static str],
}

const fn field(name: &'static str, required: bool, synonyms: &'static [&'static str]) -> Field {
    Field {
        name,
        required,
        synonyms,
    }
}

/// The cohort's fields (inputs.md), in configuration order.
pub const COHORT: [Field; 13] = [
    field(
        "student_id",
        true,
        &[
            "student id",
            "student number",
            "student no",
            "student ref",
            "student reference",
            "sid",
            "id",
            "student",
        ],
    ),
    field(
        "email",
        false,
        &[
            "email",
            "university email",
            "email address",
            "student email",
            "e mail",
        ],
    ),
    field(
        "department",
        false,
        &["department", "school", "faculty", "academic school", "dept"],
    ),
    field(
        "registered",
        true,
        &[
            "registered",
            "signed up",
            "sign up",
            "sign up date",
            "registration",
            "registration date",
            "registered on",
            "enrolled",
            "opted in",
        ],
    ),
    field(
        "training_completed",
        false,
        &[
            "training completed",
            "completed training",
            "online training",
            "training",
        ],
    ),
    field(
        "quiz_score",
        false,
        &["quiz score", "quiz mark", "quiz result", "quiz"],
    ),
    field(
        "mentor_id",
        false,
        &[
            "mentor id",
            "mentor",
            "mentor ref",
            "mentor number",
            "mentor code",
        ],
    ),
    field(
        "matched_on",
        false,
        &[
            "matched on",
            "match date",
            "date matched",
            "matched date",
            "matched",
        ],
    ),
    field(
        "meet_greet_attended",
        false,
        &[
            "meet greet",
            "meet and greet",
            "meet greet attended",
            "attended meet and greet",
        ],
    ),
    field(
        "ceremony_attended",
        false,
        &[
            "celebration",
            "ceremony",
            "celebration attended",
            "ceremony attended",
            "celebration event",
        ],
    ),
    field(
        "withdrawn_on",
        false,
        &[
            "withdrawn on",
            "withdrawn",
            "withdrawal date",
            "date withdrawn",
            "withdrew",
        ],
    ),
    field(
        "placement_applied",
        false,
        &[
            "applied for placement",
            "applied for a placement",
            "placement applied",
            "placement application",
            "applied",
        ],
    ),
    field(
        "placement_secured",
        false,
        &[
            "placement secured",
            "secured placement",
            "secured a placement",
            "placement obtained",
            "placement offer",
        ],
    ),
];

/// The mentor bank's fields.
pub const MENTORS: [Field; 6] = [
    field(
        "mentor_id",
        true,
        &[
            "mentor id",
            "mentor ref",
            "mentor number",
            "mentor code",
            "mentor",
            "id",
        ],
    ),
    field(
        "organisation",
        false,
        &["organisation", "organization", "company", "employer", "firm"],
    ),
    field("sector", false, &["sector", "industry", "industry sector"]),
    field(
        "source",
        false,
        &[
            "recruited via",
            "recruitment source",
            "how recruited",
            "source",
            "referral",
        ],
    ),
    field(
        "capacity",
        false,
        &["mentee capacity", "capacity", "max mentees", "maximum mentees"],
    ),
    field(
        "trained",
        false,
        &[
            "trained",
            "mentor training",
            "trained on",
            "training completed",
            "training",
        ],
    ),
];

/// The meeting log's fields.
pub const MEETINGS: [Field; 5] = [
    field(
        "student_id",
        true,
        &["student", "student id", "student number", "mentee", "mentee id"],
    ),
    field(
        "mentor_id",
        false,
        &[
            "mentor",
            "mentor id",
            "mentor ref",
            "mentor number",
            "mentor code",
        ],
    ),
    field(
        "date",
        true,
        &[
            "meeting date",
            "date of meeting",
            "session date",
            "met on",
            "date",
        ],
    ),
    field(
        "duration",
        false,
        &["length", "duration", "minutes", "duration minutes", "time spent"],
    ),
    field(
        "kind",
        false,
        &["type", "meeting type", "session type", "kind", "activity"],
    ),
];

/// A header folded for comparison: lower-cased, every run of characters
/// other than letters and digits one space, trimmed.
pub fn fold(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    for c in header.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

/// Whether the folded `words` stand together, as whole words, in `header`.
fn contains_words(header: &str, words: &str) -> bool {
    format!(" {header} ").contains(&format!(" {words} "))
}

/// Each field's column among `headers` (None when no header matches), each
/// header given to one field at most: every exact match first (in field
/// order), then a header containing a synonym's words (multi-word synonyms
/// only: one word alone, such as "student", is too loose inside a header).
pub fn map_fields(fields: &[Field], headers: &[String]) -> Vec<(&'static str, Option<String>)> {
    let folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
    let mut taken = vec![false; headers.len()];
    let mut found: Vec<Option<usize>> = vec![None; fields.len()];
    for (f, field) in fields.iter().enumerate() {
        // The earliest synonym wins: "mentor id" before "mentor".
        let exact = field
            .synonyms
            .iter()
            .find_map(|s| (0..headers.len()).find(|&h| !taken[h] && folded[h] == fold(s)));
        if let Some(h) = exact {
            taken[h] = true;
            found[f] = Some(h);
        }
    }
    for (f, field) in fields.iter().enumerate() {
        if found[f].is_some() {
            continue;
        }
        let partial =
            field.synonyms.iter().filter(|s| s.contains(' ')).find_map(|s| {
                (0..headers.len()).find(|&h| !taken[h] && contains_words(&folded[h], &fold(s)))
            });
        if let Some(h) = partial {
            taken[h] = true;
            found[f] = Some(h);
        }
    }
    fields
        .iter()
        .zip(found)
        .map(|(field, h)| (field.name, h.map(|h| headers[h].clone())))
        .collect()
}

/// Which input a sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Cohort,
    Mentors,
    Meetings,
    /// A Qualtrics CSV export (question text and ImportId rows under the header).
    Qualtrics,
    /// A Microsoft Forms export.
    Forms,
}

impl InputKind {
    /// The kind in words, for comments and messages.
    pub fn label(self) -> &'static str {
        match self {
            InputKind::Cohort => "the cohort (uptake spreadsheet)",
            InputKind::Mentors => "the mentor bank",
            InputKind::Meetings => "the meeting log",
            InputKind::Qualtrics => "a Qualtrics survey export",
            InputKind::Forms => "a Microsoft Forms survey export",
        }
    }
}

/// The kind of `sheet` with how well it fits (required fields found count
/// double), or None when it is none of them.
pub fn kind_of(sheet: &SheetPreview) -> Option<(InputKind, usize)> {
    let has = |name: &str| sheet.headers.iter().any(|h| fold(h) == fold(name));
    let import_ids = sheet
        .rows
        .get(1)
        .and_then(|row| row.first().cloned().flatten())
        .is_some_and(|cell| cell.contains("ImportId"));
    if has("ResponseId") && has("StartDate") && import_ids {
        return Some((InputKind::Qualtrics, usize::MAX));
    }
    if has("Start time") && has("Completion time") && (has("Email") || has("Name")) {
        return Some((InputKind::Forms, usize::MAX));
    }
    let score = |fields: &[Field]| -> Option<usize> {
        let mapped = map_fields(fields, &sheet.headers);
        let required = fields
            .iter()
            .zip(&mapped)
            .filter(|(f, m)| f.required && m.1.is_some())
            .count();
        let optional = fields
            .iter()
            .zip(&mapped)
            .filter(|(f, m)| !f.required && m.1.is_some())
            .count();
        let all_required = fields.iter().filter(|f| f.required).count();
        (required == all_required && optional > 0).then_some(2 * required + optional)
    };
    [
        (InputKind::Cohort, score(&COHORT)),
        (InputKind::Mentors, score(&MENTORS)),
        (InputKind::Meetings, score(&MEETINGS)),
    ]
    .into_iter()
    .filter_map(|(kind, score)| Some((kind, score?)))
    .max_by_key(|(_, score)| *score)
}
