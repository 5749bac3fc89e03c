//! The survey waves `init` writes: each Qualtrics or Forms export as
//! `[[inputs.surveys]]` (its wave named from the file name, the column that
//! ties a response to a student, its items), items matched across waves by
//! their question text, scales proposed from Qualtrics' item stems (Q1_1,
//! Q1_2 ... make scale Q1), the Likert labels' scores when they are a scale
//! it knows, and the placement-intent item when a question names placements.

use super::recognise::{InputKind, fold};
use super::write::{Recognised, Written, quote};
use crate::ingest::preview::SheetPreview;

/// Agreement labels scored 1-5.
const AGREE: [&str; 5] = [
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
];
/// Likelihood labels scored 1-5 (placement intent).
const LIKELY: [&str; 5] = ["Very unlikely", "Unlikely", "Not sure", "Likely", "Very likely"];

/// Forms' own columns (not items).
const FORMS_COLUMNS: [&str; 6] = [
    "ID",
    "Start time",
    "Completion time",
    "Email",
    "Name",
    "Last modified time",
];

/// One wave's items: (item id, header, question text).
struct Wave<'a> {
    name: String,
    source: &'a Recognised<'a>,
    key: Option<(&'static str, String)>,
    items: Vec<(String, String, String)>,
}

/// A Qualtrics item header: Q, digits, optionally _ and digits (Q1, Q1_2).
fn qualtrics_item(header: &str) -> bool {
    let Some(rest) = header.strip_prefix('Q') else {
        return false;
    };
    let mut parts = rest.splitn(2, '_');
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    parts.next().is_some_and(digits) && parts.next().is_none_or(digits)
}

/// The wave's name from its file name: "pre" or "post" when it says so.
fn wave_name(path: &str, index: usize) -> String {
    let name = fold(path.rsplit('/').next().unwrap_or(path));
    let has = |words: &[&str]| {
        words
            .iter()
            .any(|w| format!(" {name} ").contains(&format!(" {w} ")))
    };
    if has(&["pre", "baseline", "before", "start"]) {
        "pre".to_string()
    } else if has(&["post", "after", "end", "final", "follow"]) {
        "post".to_string()
    } else {
        format!("wave{}", index + 1)
    }
}

/// The column whose values tie a response to a student: the external
/// reference (a student id), else an email column.
fn key(sheet: &SheetPreview, kind: InputKind) -> Option<(&'static str, String)> {
    let find = |name: &str| sheet.headers.iter().find(|h| fold(h) == fold(name)).cloned();
    let filled = |header: &str| {
        let column = sheet.headers.iter().position(|h| h == header);
        column.is_some_and(|c| {
            sheet
                .rows
                .iter()
                .skip(2)
                .any(|r| r.get(c).cloned().flatten().is_some())
        })
    };
    match kind {
        InputKind::Qualtrics => find("ExternalReference")
            .filter(|h| filled(h))
            .map(|h| ("student_id", h))
            .or_else(|| find("RecipientEmail").map(|h| ("email", h))),
        _ => find("Email").map(|h| ("email", h)),
    }
}

/// The waves' configuration: `[[inputs.surveys]]` tables and a `[survey]`
/// table, with TODOs for what init cannot know (scale names, reversed items).
pub fn survey_tables(out: &mut Written, surveys: &[&Recognised<'_>]) {
    if surveys.is_empty() {
        return;
    }
    let mut waves: Vec<Wave<'_>> = Vec::new();
    // Qualtrics first: its item codes name the items, its question text
    // (the row under the header) matches Forms' headers.
    let mut ordered: Vec<&Recognised<'_>> = surveys.to_vec();
    ordered.sort_by_key(|r| r.kind != InputKind::Qualtrics);
    let mut known: Vec<(String, String)> = Vec::new(); // (question text folded, item id)
    for (index, r) in ordered.iter().enumerate() {
        let sheet = r.sheet;
        let items: Vec<(String, String, String)> = match r.kind {
            InputKind::Qualtrics => sheet
                .headers
                .iter()
                .enumerate()
                .filter(|(_, h)| qualtrics_item(h))
                .map(|(c, h)| {
                    let text = sheet
                        .rows
                        .first()
                        .and_then(|row| row.get(c).cloned().flatten())
                        .unwrap_or_default();
                    known.push((fold(&text), h.to_lowercase()));
                    (h.to_lowercase(), h.clone(), text)
                })
                .collect(),
            _ => sheet
                .headers
                .iter()
                .filter(|h| !FORMS_COLUMNS.iter().any(|f| fold(f) == fold(h)))
                .enumerate()
                .map(|(i, h)| {
                    let id = known
                        .iter()
                        .find(|(text, _)| *text == fold(h))
                        .map_or_else(|| format!("item{}", i + 1), |(_, id)| id.clone());
                    (id, h.clone(), h.clone())
                })
                .collect(),
        };
        waves.push(Wave {
            name: wave_name(&r.path, index),
            source: r,
            key: key(sheet, r.kind),
            items,
        });
    }
    for wave in &waves {
        let r = wave.source;
        let format = if r.kind == InputKind::Qualtrics {
            "qualtrics"
        } else {
            "forms"
        };
        out.text.push_str(&format!(
            "\n# {}\n[[inputs.surveys]]\nwave = {}\npath = {}\n",
            r.kind.label(),
            quote(&wave.name),
            quote(&r.path)
        ));
        if let Some(sheet) = r.sheet.sheet.as_ref().filter(|_| !r.first_sheet) {
            out.text.push_str(&format!("sheet = {}\n", quote(sheet)));
        }
        out.text.push_str(&format!("format = \"{format}\"\n"));
        match &wave.key {
            Some((field, header)) => out.text.push_str(&format!("{field} = {}\n", quote(header))),
            None => {
                let todo = format!("survey {}: no student id or email column found", wave.name);
                out.text.push_str(&format!(
                    "# TODO: student_id = \"...\" or email = \"...\" ({todo})\n"
                ));
                out.todos.push(todo);
            }
        }
        out.text.push_str("[inputs.surveys.items]\n");
        for (id, header, text) in &wave.items {
            let comment = if text != header {
                format!("  # {text}")
            } else {
                String::new()
            };
            out.text.push_str(&format!("{id} = {}{comment}\n", quote(header)));
        }
    }
    survey_settings(out, &waves);
}

/// `[survey]`: the waves compared, the labels' scores, the scales from the
/// item stems, and the placement-intent item.
fn survey_settings(out: &mut Written, waves: &[Wave<'_>]) {
    let mut ids: Vec<(String, String)> = Vec::new(); // (id, question text)
    for wave in waves {
        for (id, _, text) in &wave.items {
            if !ids.iter().any(|(i, _)| i == id) {
                ids.push((id.clone(), text.clone()));
            }
        }
    }
    // The placement-intent item: a question about placements that asks how
    // likely, or about applying, an item of its own (no stem) first.
    let intent = ids
        .iter()
        .filter(|(_, text)| {
            let text = fold(text);
            text.contains("placement") && ["likely", "apply", "intend"].iter().any(|w| text.contains(w))
        })
        .min_by_key(|(id, _)| id.contains('_'))
        .map(|(id, _)| id.clone());
    // Stems of two or more items make a scale: q1_1, q1_2 -> q1.
    let mut scales: Vec<(String, Vec<String>)> = Vec::new();
    for (id, _) in &ids {
        if Some(id) == intent.as_ref() {
            continue;
        }
        let Some((stem, _)) = id.split_once('_') else {
            continue;
        };
        match scales.iter_mut().find(|(s, _)| s == stem) {
            Some((_, items)) => items.push(id.clone()),
            None => scales.push((stem.to_string(), vec![id.clone()])),
        }
    }
    scales.retain(|(_, items)| items.len() > 1);
    out.text.push_str("\n[survey]\n");
    let names: Vec<&str> = waves.iter().map(|w| w.name.as_str()).collect();
    if names.len() == 2 {
        out.text
            .push_str(&format!("compare = [{}, {}]\n", quote(names[0]), quote(names[1])));
    }
    let answers = distinct_answers(waves);
    let agree = answers
        .iter()
        .any(|a| AGREE.iter().any(|l| l.eq_ignore_ascii_case(a)));
    if agree {
        out.text.push_str("[survey.responses]\n");
        for (score, label) in AGREE.iter().enumerate() {
            out.text.push_str(&format!("{} = {}\n", quote(label), score + 1));
        }
    } else {
        let todo = "survey: the answers' scores ([survey.responses], label = score)".to_string();
        out.text.push_str(&format!("# TODO: {todo}\n"));
        out.todos.push(todo);
    }
    for (stem, items) in &scales {
        let listed: Vec<String> = items.iter().map(|i| quote(i)).collect();
        let todo = format!(
            "survey scale {}: its name, and which items are reverse-scored",
            stem.to_uppercase()
        );
        out.text.push_str(&format!(
            "\n# TODO: {todo}\n[[survey.scales]]\nname = {}\nitems = [{}]\n",
            quote(&stem.to_uppercase()),
            listed.join(", ")
        ));
        out.todos.push(todo);
    }
    if let Some(item) = intent {
        let likely = answers
            .iter()
            .any(|a| LIKELY.iter().any(|l| l.eq_ignore_ascii_case(a)));
        out.text
            .push_str(&format!("\n[survey.placement_intent]\nitem = {}\n", quote(&item)));
        if likely {
            let scores: Vec<String> = LIKELY
                .iter()
                .enumerate()
                .map(|(score, label)| format!("{} = {}", quote(label), score + 1))
                .collect();
            out.text.push_str(&format!(
                "responses = {{ {} }}\nintends_at_least = 4  # check: \"Likely\" or more intends\n",
                scores.join(", ")
            ));
        } else {
            let todo = "survey.placement_intent: the answers' scores and intends_at_least".to_string();
            out.text
                .push_str(&format!("# TODO: {todo}\nintends_at_least = 4\n"));
            out.todos.push(todo);
        }
    }
}

/// Every answer text in the waves' item columns (data rows only).
fn distinct_answers(waves: &[Wave<'_>]) -> Vec<String> {
    let mut answers: Vec<String> = Vec::new();
    for wave in waves {
        let sheet = wave.source.sheet;
        // Qualtrics' two rows under the header are not answers.
        let skip = if wave.source.kind == InputKind::Qualtrics {
            2
        } else {
            0
        };
        for (_, header, _) in &wave.items {
            let Some(c) = sheet.headers.iter().position(|h| h == header) else {
                continue;
            };
            for row in sheet.rows.iter().skip(skip) {
                if let Some(Some(answer)) = row.get(c)
                    && !answers.contains(answer)
                {
                    answers.push(answer.clone());
                }
            }
        }
    }
    answers
}
