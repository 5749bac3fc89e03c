//! Survey exports as canonical responses: who answered (student id or email),
//! whether they finished, when, and the raw answers to each mapped item
//! (dictionary-coded as they are read: `answers`).
//! The three layouts of inputs.md differ only in their fixed columns.

use chrono::NaiveDateTime;

use super::answers::AnswerCoder;
use super::coded::Answers;
use super::mapping::{BlockReader, Mapper};
use super::values::ReadRules;
use super::{OpenInput, Origin, TableInfo, values};
use crate::config::{SurveyFormat, SurveySpec};
use crate::error::Result;

/// How responses are tied to students.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    StudentId,
    /// Joined to the cohort's email, case-insensitively.
    Email,
}

/// One wave's responses.
#[derive(Debug, Clone)]
pub struct SurveyResponses {
    pub wave: String,
    pub key_kind: KeyKind,
    /// The key column's header, for findings.
    pub key_column: String,
    pub origins: Vec<Origin>,
    /// Student id, or lower-cased email.
    pub key: super::texts::Texts,
    /// Qualtrics' `Finished`; true for other layouts.
    pub finished: Vec<bool>,
    /// Completion time, when the layout has one.
    pub completed: Vec<Option<NaiveDateTime>>,
    /// (item id, column header, raw answers).
    pub items: Vec<(String, String, Answers)>,
    /// (item id, question text): the export's text row under its header
    /// (Qualtrics, Jisc), else the header itself (Forms' is the question).
    pub texts: Vec<(String, String)>,
}

/// The completion-time column of each layout, in order of preference.
fn completion_columns(format: SurveyFormat) -> &'static [&'static str] {
    match format {
        SurveyFormat::Qualtrics => &["EndDate", "RecordedDate"],
        SurveyFormat::Forms => &["Completion time"],
        SurveyFormat::Jisc => &["CompletionDate", "Completed", "Completion date", "Date completed"],
        SurveyFormat::Plain => &["Completion time", "EndDate", "Completed", "Timestamp"],
    }
}

/// The columns a wave reads: the key, the items, and the layout's fixed columns.
pub fn wanted(spec: &SurveySpec) -> super::Wanted {
    let mut headers: Vec<String> = spec.student_id.iter().chain(spec.email.iter()).cloned().collect();
    headers.extend(spec.items.values().cloned());
    headers.push("Finished".to_string());
    headers.push("Status".to_string());
    headers.extend(completion_columns(spec.format).iter().map(|c| c.to_string()));
    // The key and the items are required: the header search looks for them.
    let mut wanted = super::Wanted::new(headers);
    if let Some(column) = &spec.student_id {
        wanted = wanted.require("student_id", column);
    } else if let Some(column) = &spec.email {
        wanted = wanted.require("email", column);
    }
    for header in spec.items.values() {
        wanted = wanted.require("survey item", header);
    }
    wanted
}

/// Maps one wave's raw table.
pub fn map_survey(
    spec: &SurveySpec,
    input: OpenInput,
    rules: ReadRules,
) -> Result<(TableInfo, SurveyResponses)> {
    let OpenInput { shape, file_rows } = input;
    let m = Mapper::new(&shape, rules);
    let (key_kind, key_header) = match (&spec.student_id, &spec.email) {
        (Some(column), _) => (KeyKind::StudentId, column.clone()),
        (None, Some(column)) => (KeyKind::Email, column.clone()),
        (None, None) => {
            return Err(crate::error::Error::input(format!(
                "survey {}: set `student_id = \"COLUMN\"` or `email = \"COLUMN\"` in its [[inputs.surveys]] entry to tie responses to students",
                spec.wave
            )));
        }
    };
    let key_column = m.required(
        if key_kind == KeyKind::Email {
            "email"
        } else {
            "student_id"
        },
        &key_header,
    )?;
    // The columns are read a block of rows at a time. One buffer holds the
    // wave's keys (emails are longer than an inline id). Layout columns: an
    // unreadable `Finished` counts as finished, an unreadable completion
    // time as none (no findings for either).
    let rows = file_rows.rows_estimate();
    let finished_column = match spec.format {
        SurveyFormat::Qualtrics => m.present("finished", "Finished"),
        SurveyFormat::Forms | SurveyFormat::Jisc | SurveyFormat::Plain => None,
    };
    // Qualtrics' `Status`: previews, tests and spam are not responses.
    let status_column = match spec.format {
        SurveyFormat::Qualtrics => m.present("status", "Status"),
        _ => None,
    };
    let completion_column = completion_columns(spec.format)
        .iter()
        .find_map(|header| m.present("completion time", header));
    // Answers are coded as they are read (a handful of distinct answers).
    let mut item_coders = Vec::with_capacity(spec.items.len());
    for (item, header) in &spec.items {
        let column = m.item(item, header)?;
        item_coders.push((item, column, AnswerCoder::with_capacity(rows)));
    }
    let mut key = super::texts::Texts::for_rows(rows);
    let order = spec.date_order;
    let mut finished = Vec::with_capacity(rows);
    let mut completed = Vec::with_capacity(rows);
    let mut genuine = Vec::with_capacity(if status_column.is_some() { rows } else { 0 });
    let m = &m;
    let mut readers: Vec<BlockReader<'_>> = vec![match key_kind {
        KeyKind::StudentId => Box::new(|r| m.texts(&key_column, r, &mut key)),
        KeyKind::Email => Box::new(|r| m.lowercase_texts(&key_column, r, &mut key)),
    }];
    match &finished_column {
        Some(column) => readers.push(Box::new(|r| {
            m.read_each(
                column,
                r,
                |cell, _| {
                    !matches!(
                        values::parse_flag(cell, order, false),
                        values::Parsed::Value(false)
                    )
                },
                &mut finished,
            )
        })),
        None => readers.push(Box::new(|b| finished.resize(finished.len() + b.len(), true))),
    }
    if let Some(column) = &status_column {
        readers.push(Box::new(|r| {
            m.read_each(column, r, |cell, _| !is_preview_or_spam(cell), &mut genuine)
        }));
    }
    match &completion_column {
        Some(column) => readers.push(Box::new(|r| {
            m.read_each(
                column,
                r,
                |cell, date1904| values::parse_datetime(cell, order, date1904),
                &mut completed,
            )
        })),
        None => readers.push(Box::new(|b| completed.resize(completed.len() + b.len(), None))),
    }
    for (_, column, coder) in &mut item_coders {
        let column = &*column;
        readers.push(Box::new(move |r| m.code_answers(column, r, coder)));
    }
    let read = m.read_in_blocks(file_rows, readers)?;
    // Previews and spam are left out and counted like unfinished responses.
    for (finished, genuine) in finished.iter_mut().zip(&genuine) {
        *finished &= *genuine;
    }
    let items: Vec<(String, String, Answers)> = item_coders
        .into_iter()
        .map(|(item, column, coder)| (item.clone(), column.header().to_string(), coder.into_answers()))
        .collect();
    let texts = items
        .iter()
        .map(|(item, header, _)| {
            let text = shape.question_text(header).unwrap_or(header);
            (item.clone(), text.to_string())
        })
        .collect();
    let responses = SurveyResponses {
        wave: spec.wave.clone(),
        key_kind,
        key_column: key_header,
        origins: read.origins,
        key,
        finished,
        completed,
        items,
        texts,
    };
    Ok((read.info, responses))
}

/// Whether a Qualtrics `Status` cell marks a survey preview, test or spam
/// (as choice text or as Qualtrics' numeric codes).
fn is_preview_or_spam(cell: super::CellRef<'_>) -> bool {
    match values::cell_text(cell) {
        Some(text) => {
            let lower = text.to_lowercase();
            // 1 preview, 2 test, 8 spam, 9 preview spam, 12 imported spam,
            // 17 offline preview (0 is a response, 4 imported, 16 offline).
            matches!(lower.as_str(), "1" | "2" | "8" | "9" | "12" | "17")
                || lower.contains("preview")
                || lower.contains("spam")
                || lower == "survey test"
        }
        None => false,
    }
}
