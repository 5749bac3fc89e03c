//! The survey waves `init` writes: each export as `[[inputs.surveys]]` (its
//! wave named from the file name or its dates, its key column and items from
//! `wave`), items matched across waves by their question text, then the
//! `[survey]` table (`survey_settings`).

use super::cells::column_values;
use super::fold::fold;
use super::grids::{between_matched, codebook_grid, grid_row_by_position, same_item, section_grid};
use super::likert;
use super::qualtrics::META;
use super::recognise::InputKind;
use super::survey_settings::survey_settings;
use super::values::Hints;
use super::wave::{
    Wave, full_question_text, grid_question, item_id, key, question_text, rows_before_answers,
};
use super::written::{Recognised, Written, one_line, quote};
use super::{intent, wording};
use crate::ingest::preview::SheetPreview;

/// The wave's name from its file name: "pre" or "post" when it says so.
fn wave_name(path: &str, index: usize) -> String {
    // "EndOfYear" is "end of year".
    let words: Vec<String> = path
        .rsplit('/')
        .next()
        .unwrap_or(path)
        .split(|c: char| !c.is_alphanumeric())
        .map(|part| super::fold::camel_words(part).into_owned())
        .collect();
    let name = fold(&words.join(" "));
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
            let is_item = !wording::is_feedback(&text)
                && (likert::is_agreement_item(&r.sheet, c, skip)
                    || likert::is_numeric_item(
                        &r.sheet,
                        c,
                        skip,
                        &full,
                        likert::stem_size(&r.sheet.headers, header),
                    ));
            let is_intent = intent.is_none()
                && intent::is_intent_question(&text)
                && intent::is_intent_answers(&r.sheet, c, skip);
            if !is_item && !is_intent {
                continue;
            }
            // The same question in another wave, its wording the same or
            // barely changed ("to an employer", "to employers"), or a
            // grid's row reworded more, in its place in the grid.
            let seen = same_item(&known, &fold(&text))
                .or_else(|| grid_row_by_position(r, c, &known))
                .or_else(|| between_matched(r, c, &known));
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
                    } else if let Some(grid) = grid_question(header)
                        .or_else(|| codebook_grid(r, header))
                        .or_else(|| section_grid(r, header))
                    {
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
    // A form asking nothing a scale or the intent can use (a sign-up form
    // kept beside the cohort) is not a wave, when another wave asks some.
    if waves.iter().any(|w| !w.items.is_empty()) {
        let (kept, left): (Vec<Wave<'_>>, Vec<Wave<'_>>) =
            waves.into_iter().partition(|w| !w.items.is_empty());
        for wave in left {
            let r = wave.source;
            let sheet = r
                .sheet
                .sheet
                .as_ref()
                .map_or(String::new(), |s| format!(" (sheet {})", quote(s)));
            out.text.push_str(&format!(
                "\n# not a survey wave: {}{sheet} has no agreement item or placement-intent question\n",
                quote(&r.path)
            ));
        }
        waves = kept;
    }
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
    // Two waves, one named by its file: the other is its pair (REDCap's
    // "HollinsbyMentoringBas" beside "...End").
    if waves.len() == 2 {
        let other = |name: &str| match name {
            "pre" => Some("post"),
            "post" => Some("pre"),
            _ => None,
        };
        for i in 0..2 {
            if waves[1 - i].name.starts_with("wave")
                && let Some(pair) = other(&waves[i].name)
            {
                waves[1 - i].name = pair.to_string();
            }
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

fn wave_table(out: &mut Written, wave: &Wave<'_>) {
    let r = wave.source;
    let format = match r.kind {
        InputKind::Qualtrics => "qualtrics",
        InputKind::Jisc => "jisc",
        InputKind::Plain if super::qualtrics::is_legacy(&r.sheet) => "qualtrics",
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
    if let Some((book, _)) = &r.codebook {
        let missing: Vec<String> = book.missing_codes().iter().map(|c| quote(c)).collect();
        if !missing.is_empty() {
            out.text.push_str(&format!(
                "missing_words = [{}]  # the codebook's codes for no answer\n",
                missing.join(", ")
            ));
        }
        out.text.push_str(&format!(
            "# the answers are codes: {} gives their labels, and the run reads them as scores\n",
            one_line(&book.path)
        ));
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
