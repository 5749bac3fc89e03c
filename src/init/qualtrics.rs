//! A Qualtrics CSV export as init sees it: its column codes (`Q1`), the
//! question-text row under them and the ImportId row under that. A survey
//! keeps that shape (surveys.rs); a meeting log kept in Qualtrics is
//! recognised and mapped by its question texts ("Date of the meeting"),
//! then written with its codes, the names the run reads.

use super::fold::fold;
use crate::ingest::preview::SheetPreview;

/// Survey systems' own columns (Forms', Qualtrics', Jisc's), folded: never
/// a question students answered.
pub const META: [&str; 24] = [
    "id",
    "start time",
    "completion time",
    "email",
    "name",
    "last modified time",
    "startdate",
    "enddate",
    "status",
    "ipaddress",
    "progress",
    "duration in seconds",
    "finished",
    "recordeddate",
    "responseid",
    "recipientlastname",
    "recipientfirstname",
    "recipientemail",
    "externalreference",
    "locationlatitude",
    "locationlongitude",
    "distributionchannel",
    "userlanguage",
    "urn",
];

/// Whether `sheet` is a Qualtrics export (its codes, then the question-text
/// and ImportId rows).
pub fn is_qualtrics(sheet: &SheetPreview) -> bool {
    let has = |name: &str| sheet.headers.iter().any(|h| fold(h) == fold(name));
    let import_ids = sheet
        .rows
        .get(1)
        .and_then(|row| row.first().cloned().flatten())
        .is_some_and(|cell| cell.contains("ImportId"));
    has("ResponseId") && has("StartDate") && import_ids
}

/// Qualtrics' legacy export read from its labels row (`V1`..`V10` and
/// question ids over `ResponseID`, `ResponseSet`, ..., the questions'
/// texts; no ImportId row): written `format = "qualtrics"`, so that its
/// `Status` and `Finished` are read as Qualtrics' are.
pub fn is_legacy(sheet: &SheetPreview) -> bool {
    let has = |name: &str| sheet.headers.iter().any(|h| h == name);
    has("ResponseID") && has("ResponseSet") && has("Finished")
}

/// The export seen two ways, both without its two header rows: headed by
/// the question texts (the system's own columns left unnamed, so its
/// "Duration (in seconds)" is never a meeting's length), and headed by the
/// codes. None unless it is a Qualtrics export.
pub fn views(sheet: &SheetPreview) -> Option<(SheetPreview, SheetPreview)> {
    if !is_qualtrics(sheet) {
        return None;
    }
    let texts = sheet.rows.first();
    let by_text: Vec<String> = sheet
        .headers
        .iter()
        .enumerate()
        .map(|(c, code)| {
            if META.contains(&fold(code).as_str()) {
                return String::new();
            }
            texts
                .and_then(|row| row.get(c).cloned().flatten())
                .unwrap_or_else(|| code.clone())
        })
        .collect();
    let answers: Vec<Vec<Option<String>>> = sheet.rows.iter().skip(2).cloned().collect();
    let by_code = SheetPreview {
        rows: answers.clone(),
        ..sheet.clone()
    };
    let by_text = SheetPreview {
        headers: by_text,
        rows: answers,
        ..sheet.clone()
    };
    Some((by_text, by_code))
}

/// A quiz, test or booking export whose questions sit in rows, not
/// headers (Blackboard's "Download Results": `Question 1`, `Answer 1`, ...;
/// Calendly's `Question 1`, `Response 1`), seen two ways: each answer
/// headed by the text its `Question n` column holds (the other columns of a question left unnamed), and as it
/// is. None unless it has such pairs.
pub fn answer_views(sheet: &SheetPreview) -> Option<(SheetPreview, SheetPreview)> {
    let numbered = |header: &str, word: &str| -> Option<String> {
        let f = fold(header);
        let n = f.strip_prefix(word)?.trim();
        (!n.is_empty() && n.chars().all(|c| c.is_ascii_digit())).then(|| n.to_string())
    };
    let question_of = |n: &str| {
        sheet
            .headers
            .iter()
            .position(|h| numbered(h, "question").as_deref() == Some(n))
    };
    let mut paired = false;
    let by_text: Vec<String> = sheet
        .headers
        .iter()
        .map(|header| {
            if let Some(n) = numbered(header, "answer").or_else(|| numbered(header, "response"))
                && let Some(q) = question_of(&n)
                && let Some(text) = most_common(sheet, q)
            {
                paired = true;
                return text;
            }
            let f = fold(header);
            let part_of_question = [
                "question",
                "question id",
                "possible points",
                "auto score",
                "manual score",
            ]
            .iter()
            .any(|w| numbered(&f, w).is_some());
            if part_of_question {
                String::new()
            } else {
                header.clone()
            }
        })
        .collect();
    paired.then(|| {
        (
            SheetPreview {
                headers: by_text,
                ..sheet.clone()
            },
            sheet.clone(),
        )
    })
}

/// The value column `c` holds most often.
fn most_common(sheet: &SheetPreview, c: usize) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for value in sheet
        .rows
        .iter()
        .filter_map(|row| row.get(c).and_then(|v| v.as_deref()))
    {
        match counts.iter_mut().find(|(v, _)| *v == value) {
            Some((_, n)) => *n += 1,
            None => counts.push((value, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(v, _)| v.trim().to_string())
}

/// Whether `sheet` is a SurveyMonkey export: its system columns
/// (`Respondent ID`, `Collector ID`) and, under the questions, a second
/// header row naming each answer column ("Open-Ended Response", "Response",
/// a matrix's statements).
pub fn is_surveymonkey(sheet: &SheetPreview) -> bool {
    let has = |name: &str| sheet.headers.iter().any(|h| fold(h) == fold(name));
    let second = sheet.rows.first();
    has("Respondent ID")
        && has("Collector ID")
        && second.is_some_and(|row| {
            row.iter()
                .flatten()
                .any(|c| matches!(fold(c).as_str(), "response" | "open ended response"))
        })
}

/// A SurveyMonkey export as the run reads it with `header_row = 2`
/// (`answers`: the file previewed so), with a row of each column's question
/// under its header: a matrix row's statement is its own header, a single
/// answer's ("Response", "Open-Ended Response") the question above it in
/// the first row (`sheet`, previewed as usual), in order.
pub fn surveymonkey_view(sheet: &SheetPreview, answers: &SheetPreview) -> SheetPreview {
    let single = |label: &str| matches!(fold(label).as_str(), "response" | "open ended response");
    let second: Vec<Option<String>> = sheet.rows.first().cloned().unwrap_or_default();
    let mut asked: Vec<String> = sheet
        .headers
        .iter()
        .zip(&second)
        .filter(|(_, label)| label.as_deref().is_some_and(single))
        .map(|(question, _)| question.clone())
        .collect();
    asked.reverse();
    let questions: Vec<Option<String>> = answers
        .headers
        .iter()
        .map(|h| if single(h) { asked.pop() } else { Some(h.clone()) })
        .collect();
    let mut rows = vec![questions];
    rows.extend(answers.rows.iter().cloned());
    SheetPreview {
        rows,
        ..answers.clone()
    }
}

/// Whether `sheet`'s header is a row of variable names over a row of
/// labels (a Snap or SPSS-style export: `Q1`, `Q4a` over each question's
/// text): most named columns carry a code, and the first row under them is
/// their texts, each different, mostly several words. A run reads the
/// labels as the header (`header_row` one lower), as an analyst would.
pub fn is_code_row_over_labels(sheet: &SheetPreview) -> bool {
    let Some(first) = sheet.rows.first() else {
        return false;
    };
    let coded: Vec<usize> = (0..sheet.headers.len())
        .filter(|&c| is_variable_name(&sheet.headers[c]))
        .collect();
    let named = sheet.headers.iter().filter(|h| !h.is_empty()).count();
    if coded.len() < 4 || coded.len() * 5 < named * 4 {
        return false;
    }
    let labels: Vec<&str> = coded
        .iter()
        .filter_map(|&c| first.get(c).and_then(|t| t.as_deref()))
        .map(str::trim)
        .filter(|t| !t.is_empty() && t.parse::<f64>().is_err())
        .collect();
    let worded = labels
        .iter()
        .filter(|l| l.split_whitespace().count() >= 3)
        .count();
    let mut distinct = labels.clone();
    distinct.sort_unstable();
    distinct.dedup();
    // Qualtrics' legacy export names its own columns in one word
    // (ResponseID, ResponseSet, ...) under V1..V10.
    let legacy = labels.contains(&"ResponseID") && labels.contains(&"ResponseSet");
    labels.len() * 5 >= coded.len() * 4
        && (worded * 2 >= labels.len() || legacy)
        && distinct.len() == labels.len()
}

/// A variable name such as `Q1`, `Q4a`, `V12`, `q3_2`: a letter, then
/// letters, digits or underscores, with a digit, and no longer than 10.
fn is_variable_name(header: &str) -> bool {
    let h = header.trim();
    h.len() <= 10
        && h.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && h.chars().any(|c| c.is_ascii_digit())
        && h.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}
