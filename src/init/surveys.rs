//! The survey waves `init` writes: each Qualtrics, Forms or Jisc export as
//! `[[inputs.surveys]]` (its wave named from the file name, the column whose
//! values are the cohort's student ids or emails, its agreement items and
//! placement-intent question), items matched across waves by their question
//! text, scales from the items' question codes (Q1_1, Q1_2 ... or 3.a,
//! 3.b ...) or, where there are none, from their wording, reverse-worded
//! items marked, and every answer label scored (`likert`).

use super::cells::column_values;
use super::fold::fold;
use super::likert;
use super::qualtrics::META;
use super::recognise::InputKind;
use super::values::{Hints, share_in};
use super::written::{Recognised, Written, one_line, quote};
use crate::ingest::header::{question_code, strip_number};
use crate::ingest::preview::SheetPreview;

/// Columns survey systems add that are never questions.
/// One wave: where it is, its key column and items (id, header, question text).
struct Wave<'a> {
    name: String,
    source: &'a Recognised<'a>,
    /// Rows under the header that are not answers (Qualtrics' two, Jisc's text row).
    skip: usize,
    key: Option<(&'static str, String)>,
    items: Vec<(String, String, String)>,
    intent: Option<String>,
}

/// The wave's name from its file name: "pre" or "post" when it says so.
fn wave_name(path: &str, index: usize) -> String {
    let name = fold(path.rsplit('/').next().unwrap_or(path));
    let has = |words: &[&str]| {
        words
            .iter()
            .any(|w| format!(" {name} ").contains(&format!(" {w} ")))
    };
    if has(&[
        "pre", "baseline", "before", "start", "starting", "initial", "entry", "intake", "welcome",
    ]) {
        "pre".to_string()
    } else if has(&[
        "post",
        "after",
        "end",
        "final",
        "follow",
        "exit",
        "closing",
        "reflection",
    ]) {
        "post".to_string()
    } else {
        format!("wave{}", index + 1)
    }
}

/// Rows under the header that are not answers.
fn rows_before_answers(r: &Recognised<'_>) -> usize {
    match r.kind {
        InputKind::Qualtrics => 2,
        InputKind::Jisc if jisc_text_row(&r.sheet).is_some() => 1,
        InputKind::SurveyMonkey => 1,
        _ => 0,
    }
}

/// A Jisc export's question-text row under its codes, when it has one.
fn jisc_text_row(sheet: &SheetPreview) -> Option<&Vec<Option<String>>> {
    let first = sheet.rows.first()?;
    let texts: Vec<String> = first.iter().map(|c| c.clone().unwrap_or_default()).collect();
    // The run's own rule, so init and the run read the same rows as answers.
    crate::ingest::header::is_jisc_text_row(&sheet.headers, &texts).then_some(first)
}

/// The question text of column `c`: Qualtrics' and Jisc's row under the
/// header, else the header without its question number.
fn question_text(r: &Recognised<'_>, c: usize) -> String {
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
fn full_question_text(r: &Recognised<'_>, c: usize) -> String {
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
fn is_system_column(r: &Recognised<'_>, c: usize) -> bool {
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
fn key(r: &Recognised<'_>, skip: usize, hints: &Hints) -> Option<(&'static str, String)> {
    let sheet = &*r.sheet;
    let data = SheetPreview {
        rows: sheet.rows.iter().skip(skip).cloned().collect(),
        ..sheet.clone()
    };
    // The survey system's own columns (its email, the contact list's
    // reference, embedded data) before answers students typed; student ids
    // before emails.
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
            if let Some((_, c)) = best {
                return Some((field, sheet.headers[c].clone()));
            }
        }
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

/// The waves' configuration: `[[inputs.surveys]]` tables and a `[survey]`
/// table, with TODOs for what init cannot know.
pub fn survey_tables(out: &mut Written, surveys: &[&Recognised<'_>], hints: &Hints) {
    if surveys.is_empty() {
        return;
    }
    let mut waves: Vec<Wave<'_>> = Vec::new();
    // (question text folded, item id): the same question is the same item in every wave.
    let mut known: Vec<(String, String)> = Vec::new();
    // LimeSurvey arrays' questions, in the order met.
    let mut grids: Vec<String> = Vec::new();
    for (index, r) in surveys.iter().enumerate() {
        let skip = rows_before_answers(r);
        let mut items = Vec::new();
        let mut intent = None;
        for (c, header) in r.sheet.headers.iter().enumerate() {
            if header.is_empty() || META.contains(&fold(header).as_str()) {
                continue;
            }
            let text = question_text(r, c);
            let full = full_question_text(r, c);
            // Feedback on the programme ("My mentor and I met monthly") is
            // not an outcome the surveys measure.
            let is_item = !likert::is_feedback(&text)
                && (likert::is_agreement_item(&r.sheet, c, skip)
                    || likert::is_numeric_item(
                        &r.sheet,
                        c,
                        skip,
                        &full,
                        likert::stem_size(&r.sheet.headers, header),
                    ));
            let is_intent = intent.is_none()
                && likert::is_intent_question(&text)
                && likert::is_intent_answers(&r.sheet, c, skip);
            if !is_item && !is_intent {
                continue;
            }
            // The same question in another wave, its wording the same or
            // barely changed ("to an employer", "to employers").
            let folded = fold(&text);
            let seen = known
                .iter()
                .find(|(t, _)| *t == folded)
                .or_else(|| {
                    known
                        .iter()
                        .map(|k| (strsim::normalized_damerau_levenshtein(&k.0, &folded), k))
                        .filter(|(similarity, _)| *similarity >= REWORDED)
                        .max_by(|a, b| a.0.total_cmp(&b.0))
                        .map(|(_, k)| k)
                })
                .map(|(_, id)| id.clone());
            // Each wave's intent question is one item, however reworded
            // ("How likely are you to apply...?", "Where are you with applying...?").
            let seen = if is_intent {
                Some("intent".to_string())
            } else {
                seen
            };
            let id = match seen.filter(|id| !items.iter().any(|(i, _, _): &(String, String, String)| i == id))
            {
                Some(id) => id,
                None => {
                    let mut id = if is_intent {
                        "intent".to_string()
                    } else if let Some(grid) = grid_question(header) {
                        // A LimeSurvey array's rows ("Question? [Statement]")
                        // are one grid, numbered like a Qualtrics matrix.
                        let g = match grids.iter().position(|q| *q == grid) {
                            Some(g) => g + 1,
                            None => {
                                grids.push(grid);
                                grids.len()
                            }
                        };
                        let k = known
                            .iter()
                            .filter(|(_, id)| id.starts_with(&format!("q{g}_")))
                            .count();
                        format!("q{g}_{}", k + 1)
                    } else {
                        item_id(header, known.len())
                    };
                    // An id another question already has (a renumbered
                    // wave's Q5_1 is another question than the first's).
                    while known.iter().any(|(_, k)| *k == id) {
                        id = format!("{id}b");
                    }
                    known.push((fold(&text), id.clone()));
                    id
                }
            };
            if is_intent {
                intent = Some(id.clone());
            }
            items.push((id, header.clone(), text));
        }
        waves.push(Wave {
            name: wave_name(&r.path, index),
            source: r,
            skip,
            key: key(r, skip, hints),
            items,
            intent,
        });
    }
    link_coded_waves(&mut waves);
    // No file name says pre or post (LimeSurvey's "results-survey482915"):
    // the waves in the order their responses came, when months apart.
    if waves.len() >= 2 && waves.iter().all(|w| w.name.starts_with("wave")) {
        let mut dated: Vec<(chrono::NaiveDate, usize)> = waves
            .iter()
            .enumerate()
            .filter_map(|(i, w)| Some((median_date(&w.source.sheet, w.skip)?, i)))
            .collect();
        dated.sort();
        if let (Some(first), Some(last)) = (dated.first().copied(), dated.last().copied())
            && dated.len() == waves.len()
            && (last.0 - first.0).num_days() > 60
        {
            waves[first.1].name = "pre".to_string();
            waves[last.1].name = "post".to_string();
        }
    }
    // Two waves of one name (two "pre" files): the later ones numbered.
    for i in 1..waves.len() {
        if waves[..i].iter().any(|w| w.name == waves[i].name) {
            waves[i].name = format!("wave{}", i + 1);
        }
    }
    for wave in &waves {
        wave_table(out, wave);
    }
    survey_settings(out, &waves);
}

/// How alike two waves' wordings of one question are at least (normalised
/// Damerau-Levenshtein on folded text): a plural or an article changed.
const REWORDED: f64 = 0.9;

/// The question of a LimeSurvey array row exported with full text,
/// "How much do you agree? [I feel confident ...]", folded.
fn grid_question(header: &str) -> Option<String> {
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
fn item_id(header: &str, n: usize) -> String {
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

fn wave_table(out: &mut Written, wave: &Wave<'_>) {
    let r = wave.source;
    let format = match r.kind {
        InputKind::Qualtrics => "qualtrics",
        InputKind::Jisc => "jisc",
        InputKind::Plain | InputKind::SurveyMonkey => "plain",
        _ => "forms",
    };
    out.text.push_str(&format!(
        "\n# {}\n[[inputs.surveys]]\nwave = {}\npath = {}\n",
        r.kind.label(),
        quote(&wave.name),
        quote(&r.path)
    ));
    if let Some(sheet) = r.sheet.sheet.as_ref() {
        out.text.push_str(&format!("sheet = {}\n", quote(sheet)));
    }
    out.text.push_str(&format!("format = \"{format}\"\n"));
    if r.kind == InputKind::SurveyMonkey {
        out.text
            .push_str("header_row = 2  # SurveyMonkey: the answers' own names are the second row\n");
    } else if r.sheet.header_row > 1 {
        out.text.push_str(&format!(
            "header_row = {}  # the questions' texts name the columns (variable names above them)\n",
            r.sheet.header_row
        ));
    }
    match &wave.key {
        Some((field, header)) => out.text.push_str(&format!(
            "{field} = {}  # the column holding the cohort's {}\n",
            quote(header),
            if *field == "email" {
                "emails"
            } else {
                "student ids"
            }
        )),
        None => {
            let todo = format!(
                "survey {}: no column holds the cohort's student ids or emails; name it",
                wave.name
            );
            out.todo(
                todo,
                "; e.g. student_id = \"Student number\" or email = \"Email\"",
            );
        }
    }
    out.text.push_str("[inputs.surveys.items]\n");
    if wave.items.is_empty() {
        let todo = format!(
            "survey {}: no question has agreement answers; map items by hand",
            wave.name
        );
        out.todo(todo, "; e.g. conf1 = \"Q1_1\"");
    }
    for (id, header, text) in &wave.items {
        let comment = if text != header {
            format!("  # {}", one_line(text))
        } else {
            String::new()
        };
        out.text
            .push_str(&format!("{} = {}{comment}\n", quote(id), quote(header)));
    }
}

/// `[survey]`: the waves compared, the labels' scores, the scales and the
/// placement-intent item.
fn survey_settings(out: &mut Written, waves: &[Wave<'_>]) {
    let mut ids: Vec<(String, String)> = Vec::new(); // (id, question text), in order
    for wave in waves {
        for (id, _, text) in &wave.items {
            if !ids.iter().any(|(i, _)| i == id) {
                ids.push((id.clone(), text.clone()));
            }
        }
    }
    let intent = waves.iter().find_map(|w| w.intent.clone());
    out.text.push_str("\n[survey]\n");
    let names: Vec<&str> = waves.iter().map(|w| w.name.as_str()).collect();
    if names.len() >= 2 {
        // "pre" and "post" where the file names say so; else the first
        // two waves in order, never one wave twice.
        let post = names.iter().position(|n| *n == "post");
        let pre = names
            .iter()
            .position(|n| *n == "pre")
            .or_else(|| (0..names.len()).find(|i| Some(*i) != post))
            .unwrap_or(0);
        let post = post
            .filter(|p| *p != pre)
            .or_else(|| (0..names.len()).find(|i| *i != pre))
            .unwrap_or(1);
        out.text.push_str(&format!(
            "compare = [{}, {}]{}\n",
            quote(names[pre]),
            quote(names[post]),
            if names.len() > 2 {
                "  # check: the two waves compared"
            } else {
                ""
            }
        ));
    }
    // Every agreement label answered, scored on its scale.
    let labels = answers_of(waves, |id| Some(id) != intent.as_deref());
    let labels_answered = |waves: &[Wave<'_>], intent: Option<&str>| {
        answers_of(waves, |id| Some(id) != intent)
            .iter()
            .any(|a| a.parse::<f64>().is_err())
    };
    // A label with a line break cannot be a TOML key on one line: left out.
    let agreement: Vec<String> = labels
        .into_iter()
        .filter(|l| !l.chars().any(char::is_control) && likert::agreement_score(l, 5).is_some())
        .collect();
    let points = likert::agreement_points(&agreement);
    let numeric = !labels_answered(waves, intent.as_deref());
    if agreement.is_empty() && numeric {
        // Numbers only (an opinion scale): the labels of the scale they
        // span state its range, which makes the numbers valid answers.
        let top = answers_of(waves, |id| Some(id) != intent.as_deref())
            .iter()
            .filter_map(|a| a.parse::<f64>().ok())
            .fold(0.0, f64::max);
        let points = if top > 5.0 {
            7
        } else if top > 4.0 {
            5
        } else {
            4
        };
        out.text.push_str(&format!(
            "# check: the answers are numbers 1 to {points}; the labels say what they stand for, and their scores the range\n[survey.responses]\n"
        ));
        for (score, label) in likert::agreement_labels(points).iter().enumerate() {
            out.text.push_str(&format!("{} = {}\n", quote(label), score + 1));
        }
    } else if agreement.is_empty() {
        out.text.push_str("[survey.responses]\n");
        out.todo(
            "survey: the answers' scores".to_string(),
            "; e.g. \"Strongly disagree\" = 1 ... \"Strongly agree\" = 5",
        );
    } else {
        let mut scored: Vec<(u32, &String)> = agreement
            .iter()
            .filter_map(|l| {
                Some((
                    likert::leading_score(l).or_else(|| likert::agreement_score(l, points))?,
                    l,
                ))
            })
            .collect();
        scored.sort();
        out.text.push_str("[survey.responses]\n");
        for (score, label) in scored {
            out.text.push_str(&format!("{} = {score}\n", quote(label)));
        }
    }
    scales(out, &ids, intent.as_deref());
    if let Some(item) = intent {
        let labels = answers_of(waves, |id| id == item);
        let words: Vec<String> = labels
            .iter()
            .filter(|l| l.parse::<f64>().is_err() && !l.chars().any(char::is_control))
            .cloned()
            .collect();
        let (mut scored, mut intends) = likert::intent_ranks(&words);
        // A numeric opinion scale ("0 = Not at all likely, 10 = Certain"):
        // its labelled ends, and intending from seven in ten.
        let text = ids.iter().find(|(id, _)| *id == item).map(|(_, t)| t.as_str());
        if scored.is_empty()
            && let Some(ends) = text.map(likert::labelled_ends).filter(|e| e.len() >= 2)
        {
            let top = ends.iter().map(|(n, _)| *n).max().unwrap_or(10);
            intends = Some(((top as f64) * 0.7).ceil() as u32);
            scored = ends;
        }
        out.text
            .push_str(&format!("\n[survey.placement_intent]\nitem = {}\n", quote(&item)));
        let listed: Vec<String> = scored
            .iter()
            .map(|(score, label)| format!("{} = {score}", quote(label)))
            .collect();
        out.text.push_str(&format!(
            "responses = {{ {} }}\nintends_at_least = {}  # check: the answers from which a student intends to apply\n",
            listed.join(", "),
            intends.unwrap_or(4)
        ));
        let unscored: Vec<String> = words
            .iter()
            .filter(|l| likert::intent_score(l).is_none())
            .map(|l| quote(l))
            .collect();
        if !unscored.is_empty() {
            out.todo(
                format!(
                    "survey.placement_intent: score the answers {}",
                    unscored.join(", ")
                ),
                "; add each to responses, e.g. responses = { \"Very likely\" = 5, ... }",
            );
        }
    }
}

/// Scales: items sharing a question code's stem (q1_1, q1_2: q1), or where
/// items have no codes, items naming one construct; each named from its
/// items' wording, reverse-worded items marked.
fn scales(out: &mut Written, ids: &[(String, String)], intent: Option<&str>) {
    let mut groups: Vec<(String, Vec<&(String, String)>)> = Vec::new();
    let items: Vec<&(String, String)> = ids.iter().filter(|(id, _)| Some(id.as_str()) != intent).collect();
    // A grid's rows share its question code (q5_a, q5_b); a code of its own
    // ("3.1.a", "3.2.a": one question each) says nothing, nor does none.
    let code_stem = |id: &str| {
        id.rsplit_once('_')
            .filter(|_| id.starts_with('q'))
            .map(|(stem, _)| stem.to_string())
    };
    for &item in &items {
        let shared = code_stem(&item.0).filter(|stem| {
            items
                .iter()
                .filter(|other| code_stem(&other.0).as_ref() == Some(stem))
                .count()
                > 1
        });
        let stem = match shared {
            Some(stem) => stem,
            None => match likert::construct_of(&item.1) {
                Some(construct) => construct.to_string(),
                None => continue,
            },
        };
        match groups.iter_mut().find(|(s, _)| *s == stem) {
            Some((_, items)) => items.push(item),
            None => groups.push((stem, vec![item])),
        }
    }
    groups.retain(|(_, items)| items.len() > 1);
    let mut names_used: Vec<String> = Vec::new();
    for (stem, items) in &groups {
        let texts: Vec<&str> = items.iter().map(|(_, t)| t.as_str()).collect();
        let mut name = likert::scale_name(&texts).unwrap_or_else(|| format!("Scale {}", stem.to_uppercase()));
        if names_used.contains(&name) {
            name = format!("{name} ({})", stem.to_uppercase());
        }
        names_used.push(name.clone());
        let listed: Vec<String> = items.iter().map(|(id, _)| quote(id)).collect();
        let reversed: Vec<String> = items
            .iter()
            .filter(|(_, text)| likert::is_reversed(text))
            .map(|(id, _)| quote(id))
            .collect();
        out.text.push_str(&format!(
            "\n# check: the scale's name and its reverse-scored items (negatively worded)\n[[survey.scales]]\nname = {}\nitems = [{}]\nreverse = [{}]\n",
            quote(&name),
            listed.join(", "),
            reversed.join(", ")
        ));
    }
}

/// Every answer (data rows only) to the items whose id `wanted` accepts.
fn answers_of(waves: &[Wave<'_>], wanted: impl Fn(&str) -> bool) -> Vec<String> {
    let mut answers: Vec<String> = Vec::new();
    for wave in waves {
        let sheet = &*wave.source.sheet;
        for (id, header, _) in &wave.items {
            if !wanted(id) {
                continue;
            }
            let Some(c) = sheet.headers.iter().position(|h| h == header) else {
                continue;
            };
            for answer in likert::answers(sheet, c, wave.skip) {
                if !answers.iter().any(|a| a.eq_ignore_ascii_case(answer)) {
                    answers.push(answer.to_string());
                }
            }
        }
    }
    answers
}

/// The middle date of a survey's responses: the dates of its columns whose
/// values are mostly dates (submitted, started), in the middle of them all.
fn median_date(sheet: &SheetPreview, skip: usize) -> Option<chrono::NaiveDate> {
    use super::cells::is_date;
    use crate::ingest::values::{Parsed, parse_date_text};
    let data = SheetPreview {
        rows: sheet.rows.iter().skip(skip).cloned().collect(),
        ..sheet.clone()
    };
    let mut dates = Vec::new();
    for c in 0..data.headers.len() {
        let values = column_values(&data, c);
        let parsed: Vec<chrono::NaiveDate> = values
            .iter()
            .filter(|v| is_date(v))
            .filter_map(|v| match parse_date_text(v, crate::config::DateOrder::Dmy) {
                Parsed::Value(d) => Some(d),
                _ => None,
            })
            .collect();
        if !values.is_empty() && parsed.len() * 10 >= values.len() * 8 {
            dates.extend(parsed);
        }
    }
    dates.sort();
    dates.get(dates.len() / 2).copied()
}

/// A LimeSurvey wave exported with question codes (`CONF[SQ001]`, no text)
/// beside one exported with question texts ("How much do you agree? [I
/// feel confident ...]"): when their arrays have the same sizes in the
/// same order, the coded wave's items are the text wave's, position by
/// position (so they pair, and their wording names scales and reversed
/// items), and its code naming the intent ("INTENT") is the intent item.
fn link_coded_waves(waves: &mut [Wave<'_>]) {
    fn runs<T: PartialEq>(keys: &[T]) -> Vec<usize> {
        let mut sizes: Vec<usize> = Vec::new();
        for (i, key) in keys.iter().enumerate() {
            if i > 0 && keys[i - 1] == *key {
                if let Some(last) = sizes.last_mut() {
                    *last += 1;
                }
            } else {
                sizes.push(1);
            }
        }
        sizes
    }
    let array_items = |w: &Wave<'_>| -> Vec<(String, String, String)> {
        w.items
            .iter()
            .filter(|(id, _, _)| Some(id) != w.intent.as_ref())
            .cloned()
            .collect()
    };
    for coded in 0..waves.len() {
        let items = array_items(&waves[coded]);
        let stems: Vec<String> = items
            .iter()
            .filter_map(|(_, header, _)| likert::bracket_code(header).map(|(stem, _)| stem.to_lowercase()))
            .collect();
        if items.is_empty() || stems.len() != items.len() {
            continue;
        }
        let texted = (0..waves.len()).find(|&t| {
            let other = array_items(&waves[t]);
            let prefixes: Vec<String> = other
                .iter()
                .map(|(_, header, _)| header.split_once(" [").map_or(String::new(), |(q, _)| fold(q)))
                .collect();
            t != coded
                && other.len() == items.len()
                && prefixes.iter().all(|p| !p.is_empty())
                && runs(&prefixes) == runs(&stems)
        });
        let Some(texted) = texted else { continue };
        let linked: Vec<(String, String, String)> = array_items(&waves[texted])
            .into_iter()
            .zip(&items)
            .map(|((id, _, text), (_, header, _))| (id, header.clone(), text))
            .collect();
        let intent = waves[texted].intent.clone();
        let intent_column = waves[coded]
            .source
            .sheet
            .headers
            .iter()
            .find(|h| fold(h).split(' ').any(|w| w == "intent" || w == "intention"))
            .cloned();
        let wave = &mut waves[coded];
        wave.items = linked;
        if let (Some(id), Some(header), None) = (intent, intent_column, wave.intent.as_ref()) {
            wave.items.push((id.clone(), header.clone(), header));
            wave.intent = Some(id);
        }
    }
}
