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
