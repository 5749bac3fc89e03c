//! Recognising a file for `init`: which input a sheet is, and which of its
//! columns holds each canonical field, by header synonyms (docs/init.md
//! lists them). A header matches a synonym when they are equal once both
//! are folded (lower-cased, every run of other characters than letters and
//! digits one space: "Meet & greet" ~ "meet greet"); failing that, when the
//! synonym's words stand together in the header ("Student ID number").

pub use super::cells::ValueKind;
pub use super::cohort_fields::COHORT;
pub use super::fields::{Field, MEETINGS, MENTORS};
pub use super::fold::fold;
use crate::ingest::preview::SheetPreview;

/// Whether the folded `words` stand together, as whole words, in `header`.
fn contains_words(header: &str, words: &str) -> bool {
    format!(" {header} ").contains(&format!(" {words} "))
}

/// Whether a folded header holds `word` (a word ending in `*`: a word
/// starting so; several words: standing together).
fn holds(header: &str, word: &str) -> bool {
    match word.strip_suffix('*') {
        Some(start) => header.split(' ').any(|w| w.starts_with(start)),
        None => contains_words(header, word),
    }
}

/// How well a folded header names `field`: a synonym (the earlier, the
/// better), else a set of words it holds (more words, better), else a
/// synonym of two or more words standing in it; 0 when none, or when it
/// holds a word the field avoids.
pub fn header_score(field: &Field, header: &str) -> u32 {
    if let Some(i) = field.synonyms.iter().position(|s| fold(s) == header) {
        return 1000 - i as u32;
    }
    if field.avoid.iter().any(|a| holds(header, a)) {
        return 0;
    }
    let by_words = field
        .words
        .iter()
        .enumerate()
        .filter(|(_, set)| set.iter().all(|w| holds(header, w)))
        .map(|(i, set)| 200 + 20 * set.len() as u32 - i as u32)
        .max();
    // A header naming the programme ("Registered for Mentoring?") is the
    // programme's, before one that may be the course's ("Registration Date").
    let programme = ["registered", "training_completed", "withdrawn_on"].contains(&field.name)
        && ["mentor*", "scheme", "programme"]
            .iter()
            .any(|w| holds(header, w));
    if programme && let Some(score) = by_words {
        return score + 1000;
    }
    by_words
        .or_else(|| {
            field
                .synonyms
                .iter()
                .filter(|s| s.contains(' ') && contains_words(header, &fold(s)))
                .map(|_| 150)
                .max()
        })
        .unwrap_or(0)
}

/// Each field's column among `headers` by header alone (no values).
pub fn map_fields(fields: &[Field], headers: &[String]) -> Vec<(&'static str, Option<String>)> {
    let sheet = SheetPreview {
        file: String::new(),
        sheet: None,
        headers: headers.to_vec(),
        header_row: 1,
        rows: Vec::new(),
    };
    map_sheet(fields, &sheet, &|_, _| 0)
}

/// Each field's column in `sheet` (None when no column fits): every header
/// scored for every field (`header_score`, plus `bonus(field, column)`:
/// how many of its values the other files hold), a column whose values do
/// not fit the field's kind ruled out, then the best pairs taken first,
/// each column serving one field at most.
pub fn map_sheet(
    fields: &[Field],
    sheet: &SheetPreview,
    bonus: &dyn Fn(&Field, usize) -> u32,
) -> Vec<(&'static str, Option<String>)> {
    let folded: Vec<String> = sheet
        .headers
        .iter()
        .map(|h| fold(&super::fold::camel_words(h)))
        .collect();
    let mut candidates: Vec<(u32, usize, usize)> = Vec::new();
    for (f, field) in fields.iter().enumerate() {
        for (h, header) in folded.iter().enumerate() {
            let score = header_score(field, header);
            if score == 0 || header.is_empty() {
                continue;
            }
            if !super::cells::column_fits(sheet, h, field.value) {
                continue;
            }
            candidates.push((score + bonus(field, h), f, h));
        }
    }
    // Best first; ties to the earlier field, then the earlier column.
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut found: Vec<Option<usize>> = vec![None; fields.len()];
    let mut taken = vec![false; sheet.headers.len()];
    for (_, f, h) in candidates {
        if found[f].is_none() && !taken[h] {
            found[f] = Some(h);
            taken[h] = true;
        }
    }
    fields
        .iter()
        .zip(found)
        .map(|(field, h)| (field.name, h.map(|h| sheet.headers[h].clone())))
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
    /// A Jisc Online Surveys export.
    Jisc,
    /// A SurveyMonkey export (a second header row under the questions).
    SurveyMonkey,
    /// Any other survey export with one header row and a row per response
    /// (Typeform, LimeSurvey, SurveyMonkey, Smart Survey): by its answers.
    Plain,
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
            InputKind::Plain => "a survey export (one header row, a row per response)",
            InputKind::SurveyMonkey => "a SurveyMonkey survey export (two header rows)",
            InputKind::Jisc => "a Jisc Online Surveys export",
        }
    }
}

/// The kind of `sheet` with how well it fits (required fields found count
/// double), or None when it is none of them.
pub fn kind_of(sheet: &SheetPreview) -> Option<(InputKind, usize)> {
    let has = |name: &str| sheet.headers.iter().any(|h| fold(h) == fold(name));
    let is_log = |sheet: &SheetPreview| {
        let mapped = map_sheet(&MEETINGS, sheet, &|_, _| 0);
        let found = |name: &str| mapped.iter().any(|(f, h)| *f == name && h.is_some());
        found("student_id") && found("date") && (found("duration") || found("kind"))
    };
    // A form that logs meetings (a student, a date, a length or a kind, no
    // agreement answers) is the meeting log, not a survey; in Qualtrics, by
    // its question texts.
    if let Some((by_text, _)) = super::qualtrics::views(sheet) {
        if !super::likert::has_agreement_items(&by_text) && is_log(&by_text) {
            return Some((InputKind::Meetings, usize::MAX / 2));
        }
        return Some((InputKind::Qualtrics, usize::MAX));
    }
    // A test that logs meetings (Blackboard's Download Results), by the
    // questions its rows hold.
    if let Some((by_text, _)) = super::qualtrics::answer_views(sheet)
        && is_log(&by_text)
    {
        return Some((InputKind::Meetings, usize::MAX / 2));
    }
    let forms = has("Start time") && has("Completion time") && (has("Email") || has("Name"));
    // Started and Completed alone are Jisc's, not beside another system's
    // own respondent id (Enalyzer's "Respondent ID").
    let jisc = has("URN")
        || has("Unique Response Number")
        || ((has("StartDate") || has("Started"))
            && (has("CompletionDate") || has("Completed"))
            && !has("Respondent ID"));
    // (Statements rated as numbers are a survey's too: Enalyzer's codes.)
    if (forms || jisc) && super::likert::survey_items(sheet) < 3 && is_log(sheet) {
        return Some((InputKind::Meetings, usize::MAX / 2));
    }
    if forms {
        return Some((InputKind::Forms, usize::MAX));
    }
    if jisc {
        return Some((InputKind::Jisc, usize::MAX));
    }
    if super::qualtrics::is_surveymonkey(sheet) {
        return Some((InputKind::SurveyMonkey, usize::MAX));
    }
    // Three or more questions answered on an agreement scale (as labels,
    // or as numbers rating statements): a survey, whatever else it has.
    if super::likert::survey_items(sheet) >= 3 {
        return Some((InputKind::Plain, usize::MAX));
    }
    // Mentors and mentees in one user list, with an employer or a capacity:
    // the bank (its mentees left out by `exclude`), not a cohort.
    if super::roles::role_column(sheet).is_some() && !is_log(sheet) {
        let mapped = map_sheet(&MENTORS, sheet, &|_, _| 0);
        let found = |name: &str| mapped.iter().any(|(f, h)| *f == name && h.is_some());
        if found("organisation") || found("sector") || found("capacity") {
            return Some((InputKind::Mentors, usize::MAX / 2));
        }
    }
    let score = |fields: &[Field]| -> Option<usize> {
        let mapped = map_sheet(fields, sheet, &|_, _| 0);
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
