//! One survey wave as `init` reads it: its key column, the rows under its
//! header that are not answers, each column's question text, and the ids
//! its items get (a grid's rows share a stem).

use super::cells::column_values;
use super::fold::fold;
use super::qualtrics::META;
use super::recognise::InputKind;
use super::values::{Hints, share_in};
use super::written::Recognised;
use crate::ingest::header::{question_code, strip_number};
use crate::ingest::preview::SheetPreview;

/// Columns survey systems add that are never questions.
/// One wave: where it is, its key column and items (id, header, question text).
pub(super) struct Wave<'a> {
    pub(super) name: String,
    pub(super) source: &'a Recognised<'a>,
    /// Rows under the header that are not answers (Qualtrics' two, Jisc's text row).
    pub(super) skip: usize,
    pub(super) key: Option<(&'static str, String)>,
    pub(super) items: Vec<(String, String, String)>,
    pub(super) intent: Option<String>,
}

/// Rows under the header that are not answers.
pub(super) fn rows_before_answers(r: &Recognised<'_>) -> usize {
    match r.kind {
        InputKind::Qualtrics => 2,
        InputKind::Jisc if jisc_text_row(&r.sheet).is_some() => 1,
        InputKind::SurveyMonkey => 1,
        _ => 0,
    }
}

/// A Jisc export's question-text row under its codes, when it has one.
pub(super) fn jisc_text_row(sheet: &SheetPreview) -> Option<&Vec<Option<String>>> {
    let first = sheet.rows.first()?;
    let texts: Vec<String> = first.iter().map(|c| c.clone().unwrap_or_default()).collect();
    // The run's own rule, so init and the run read the same rows as answers.
    crate::ingest::header::is_jisc_text_row(&sheet.headers, &texts).then_some(first)
}

/// The question text of column `c`: Qualtrics' and Jisc's row under the
/// header, else the header without its question number.
pub(super) fn question_text(r: &Recognised<'_>, c: usize) -> String {
    let text = full_question_text(r, c);
    // A grid row's statement: Alchemer's "Statement:Question?".
    if grid_question(&text).is_some()
        && let Some((statement, _)) = text.rsplit_once(':')
        && !text.contains(" [")
    {
        return statement.trim().to_string();
    }
    // Qualtrics: "Question - Statement"; Jotform: "Question >> Statement";
    // Jisc: "5.a. Statement".
    let statement = text.rsplit(" >> ").next().unwrap_or(&text);
    let statement = statement.rsplit(" - ").next().unwrap_or(statement);
    strip_number(statement).0.to_string()
}

/// The whole question text of column `c`, a grid's question with its statement.
pub(super) fn full_question_text(r: &Recognised<'_>, c: usize) -> String {
    if let Some(text) = r.codebook.as_ref().and_then(|(_, texts)| texts.get(c)) {
        return text.clone();
    }
    let header = &r.sheet.headers[c];
    let below = || r.sheet.rows.first().and_then(|row| row.get(c).cloned().flatten());
    match r.kind {
        InputKind::Qualtrics => below().unwrap_or_default(),
        InputKind::Jisc if jisc_text_row(&r.sheet).is_some() => below().unwrap_or_default(),
        // SurveyMonkey: a matrix row's statement is its header; a single
        // answer's ("Response", "Open-Ended Response") is its question.
        InputKind::SurveyMonkey => match fold(header).as_str() {
            "response" | "open ended response" | "other please specify" => below().unwrap_or_default(),
            _ => header.clone(),
        },
        _ => header.clone(),
    }
}

/// Whether column `c` is the survey system's own (Forms' Email, Qualtrics'
/// standard and embedded-data columns), not a question students answered.
pub(super) fn is_system_column(r: &Recognised<'_>, c: usize) -> bool {
    let header = &r.sheet.headers[c];
    if META.contains(&fold(header).as_str()) {
        return true;
    }
    // Qualtrics' embedded data: no question code, its "question text" its own name.
    r.kind == InputKind::Qualtrics
        && question_code(header).is_none()
        && r.sheet
            .rows
            .first()
            .and_then(|row| row.get(c).cloned().flatten())
            .is_none_or(|text| fold(&text) == fold(header))
}

/// The column whose values tie a response to a student: the one holding
/// most of the cohort's student ids, else its emails (never an empty or
/// "anonymous" column); without a cohort, an id or email question by its header.
pub(super) fn key(r: &Recognised<'_>, skip: usize, hints: &Hints) -> Option<(&'static str, String)> {
    let sheet = &*r.sheet;
    let data = SheetPreview {
        rows: sheet.rows.iter().skip(skip).cloned().collect(),
        ..sheet.clone()
    };
    // The survey system's own columns (its email, the contact list's
    // reference, embedded data) before answers students typed; student ids
    // before emails; unless a typed answer ties half as many responses
    // again (an email blank for a QR-code link's responses, an id typed
    // by all).
    let mut first: Option<(&'static str, usize, f64)> = None;
    let mut typed: Option<(&'static str, usize, f64)> = None;
    for system in [true, false] {
        for (field, set, fold_value) in [
            (
                "student_id",
                &hints.student_ids,
                (|v: &str| v.trim().to_string()) as fn(&str) -> String,
            ),
            ("email", &hints.emails, |v: &str| v.trim().to_lowercase()),
        ] {
            // A cohort keyed by email joins a survey by its emails.
            if field == "student_id" && hints.keyed_by_email {
                continue;
            }
            let best = (0..sheet.headers.len())
                .filter(|&c| is_system_column(r, c) == system)
                .map(|c| (share_in(&data, c, set, fold_value), c))
                .filter(|(share, _)| *share >= 0.5)
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
            if let Some((share, c)) = best {
                // Responses it ties: its share of the answers it holds.
                let count = share * column_values(&data, c).len() as f64;
                if first.is_none() {
                    first = Some((field, c, count));
                }
                if !system && typed.is_none_or(|t| count > t.2) {
                    typed = Some((field, c, count));
                }
            }
        }
    }
    let chosen = match (first, typed) {
        (Some(f), Some(t)) if t.2 >= 1.5 * f.2 => Some(t),
        (f, _) => f,
    };
    if let Some((field, c, _)) = chosen {
        return Some((field, sheet.headers[c].clone()));
    }
    // No cohort to compare with: a question asking for the student's
    // number or email, or the system's own column, when it holds values.
    let real = |c: usize| {
        let values = column_values(&data, c);
        !values.is_empty() && !values.iter().all(|v| v.eq_ignore_ascii_case("anonymous"))
    };
    for (c, header) in sheet.headers.iter().enumerate() {
        let f = fold(header);
        if (f.contains("student") && (f.contains("number") || f.contains("id") || f.contains("no")))
            && real(c)
        {
            return Some(("student_id", header.clone()));
        }
    }
    for name in ["ExternalReference", "student_id"] {
        if let Some(c) = sheet.headers.iter().position(|h| h == name)
            && real(c)
        {
            return Some(("student_id", name.to_string()));
        }
    }
    for (c, header) in sheet.headers.iter().enumerate() {
        if fold(header).contains("email") && real(c) {
            return Some(("email", header.clone()));
        }
    }
    None
}

/// The question of a LimeSurvey array row exported with full text,
/// "How much do you agree? [I feel confident ...]", folded.
pub(super) fn grid_question(header: &str) -> Option<String> {
    let h = header.trim();
    if let Some((question, rest)) = h.split_once(" [") {
        return (rest.ends_with(']') && !question.trim().is_empty()).then(|| fold(question));
    }
    // Jotform's matrix rows: "Question >> Statement".
    if let Some((question, statement)) = h.split_once(" >> ")
        && !question.trim().is_empty()
        && !statement.trim().is_empty()
    {
        return Some(fold(strip_number(question).0));
    }
    // SmartSurvey's grid rows: "3. Question? - Statement".
    if let Some((question, statement)) = h.split_once(" - ")
        && question.contains('?')
        && question.trim().len() > 10
        && !statement.trim().is_empty()
    {
        return Some(fold(strip_number(question).0));
    }
    // Alchemer's grid rows: "Statement:Question? (1 = ..., 7 = ...)".
    let (statement, question) = h.rsplit_once(':')?;
    let question = question.trim();
    (!statement.trim().is_empty() && question.contains('?') && question.len() > 10).then(|| fold(question))
}

/// An item's id from its header: Q1_2 is q1_2, 5.a is q5_a, and so is
/// "5.a. I feel ..." (Jisc's numbered question text); else item<n>.
pub(super) fn item_id(header: &str, n: usize) -> String {
    let numbered = header
        .split_once(". ")
        .map(|(code, _)| code)
        .and_then(question_code);
    match question_code(header).or(numbered) {
        Some(code) => {
            let id = code.to_lowercase().replace('.', "_");
            if id.starts_with('q') { id } else { format!("q{id}") }
        }
        None => format!("item{}", n + 1),
    }
}
