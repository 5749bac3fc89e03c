//! `[survey]` as `init` writes it: the waves compared, every answer label
//! scored, the scales (a grid's rows, or items naming one construct) with
//! their reverse-worded items, and the placement-intent item.

use super::answer_codes::{self, answer_code};
use super::codebook;
use super::likert;
use super::wave::Wave;
use super::written::{Written, quote};
use super::{intent, wording};

/// `[survey]`: the waves compared, the labels' scores, the scales and the
/// placement-intent item.
pub(super) fn survey_settings(out: &mut Written, waves: &[Wave<'_>]) {
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
    let codes = answer_codes::codes(&labels);
    let labels_answered = |waves: &[Wave<'_>], intent: Option<&str>| {
        answers_of(waves, |id| Some(id) != intent)
            .iter()
            .any(|a| a.parse::<f64>().is_err() && answer_code(a).is_none())
    };
    // A label with a line break cannot be a TOML key on one line: left out.
    let agreement: Vec<String> = labels
        .into_iter()
        .filter(|l| !l.chars().any(char::is_control) && likert::agreement_score(l, 5).is_some())
        .collect();
    let points = likert::agreement_points(&agreement);
    let numeric = !labels_answered(waves, intent.as_deref());
    if agreement.is_empty() && numeric && codes.is_empty() {
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
    } else if agreement.is_empty() && codes.is_empty() {
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
        // A wave exported as codes: its codebook's labels with their codes.
        let book_labels = codebook_labels(waves, |id| Some(id) != intent.as_deref()).and_then(|labels| {
            let points = labels.len() as u32;
            by_meaning(&labels, |l| likert::agreement_score(l, points))
        });
        let scored: Vec<(u32, &String)> = match &book_labels {
            Some(labels) => labels.iter().map(|(score, key)| (*score, key)).collect(),
            None => scored,
        };
        out.text.push_str("[survey.responses]\n");
        for (score, label) in scored {
            out.text.push_str(&format!("{} = {score}\n", quote(label)));
        }
        if !codes.is_empty() {
            out.text.push_str(answer_codes::CHECK);
            out.text.push('\n');
        }
        for (score, code) in &codes {
            out.text.push_str(&format!("{} = {score}\n", quote(code)));
        }
    }
    // A scale's items are those every wave asked (a row added to the end
    // survey has no baseline to change from).
    let everywhere: Vec<(String, String)> = ids
        .iter()
        .filter(|(id, _)| waves.len() < 2 || waves.iter().all(|w| w.items.iter().any(|(i, _, _)| i == id)))
        .cloned()
        .collect();
    scales(out, &everywhere, intent.as_deref());
    if let Some(item) = intent {
        let labels = answers_of(waves, |id| id == item);
        let intent_codes = answer_codes::codes(&labels);
        let words: Vec<String> = labels
            .iter()
            .filter(|l| {
                l.parse::<f64>().is_err() && answer_code(l).is_none() && !l.chars().any(char::is_control)
            })
            .cloned()
            .collect();
        let (mut scored, mut intends) = intent::intent_ranks(&words);
        // A wave exported as codes: its codebook's labels with their codes,
        // the scores the run gives them, answered or not.
        if let Some(book_labels) = codebook_labels(waves, |id| id == item)
            .and_then(|labels| by_meaning(&labels, intent::intent_score))
        {
            intends = Some(4);
            scored = book_labels;
        }
        // Answer codes scored by their number, as far as the labels of
        // another wave have scores (a code past them is an answer such as
        // "My course has no placement year", left to the user).
        let ranks = scored.iter().map(|(rank, _)| *rank).max();
        let (coded, uncoded): (answer_codes::Codes, answer_codes::Codes) = intent_codes
            .into_iter()
            .partition(|(n, _)| ranks.is_none_or(|top| *n <= top));
        if intends.is_none() && !coded.is_empty() {
            let top = coded.iter().map(|(n, _)| *n).max().unwrap_or(5);
            intends = Some(top.div_ceil(2) + 1);
        }
        scored.extend(coded);
        // A numeric opinion scale ("0 = Not at all likely, 10 = Certain"):
        // its labelled ends, and intending from seven in ten.
        let text = ids.iter().find(|(id, _)| *id == item).map(|(_, t)| t.as_str());
        if scored.is_empty()
            && let Some(ends) = text.map(intent::labelled_ends).filter(|e| e.len() >= 2)
        {
            let top = ends.iter().map(|(n, _)| *n).max().unwrap_or(10);
            intends = Some(((top as f64) * 0.7).ceil() as u32);
            scored = ends;
        }
        out.text
            .push_str(&format!("\n[survey.placement_intent]\nitem = {}\n", quote(&item)));
        // Numbers only (Qualtrics' numeric values): read as scores, from the
        // first above the middle (5 of 7, 4 of 5); no labels to list.
        let top = labels
            .iter()
            .filter_map(|l| l.trim().parse::<f64>().ok())
            .filter(|n| n.fract() == 0.0 && (1.0..=10.0).contains(n))
            .fold(0.0, f64::max) as u32;
        if scored.is_empty() && words.is_empty() && top >= 3 {
            out.text.push_str(&format!(
                "responses = {{}}  # the answers are numbers 1 to {top}, read as their scores\nintends_at_least = {}  # check: from which a student intends to apply\n",
                (top + 3) / 2
            ));
            return;
        }
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
            .filter(|l| intent::intent_score(l).is_none())
            .chain(uncoded.iter().map(|(_, code)| code))
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
pub(super) fn scales(out: &mut Written, ids: &[(String, String)], intent: Option<&str>) {
    let mut groups: Vec<(String, Vec<&(String, String)>)> = Vec::new();
    let items: Vec<&(String, String)> = ids.iter().filter(|(id, _)| Some(id.as_str()) != intent).collect();
    // A grid's rows share its question code (q5_a, q5_b); a code of its own
    // ("3.1.a", "3.2.a": one question each) says nothing, nor does none.
    let code_stem = |id: &str| {
        id.rsplit_once('_')
            .filter(|_| id.starts_with('q'))
            .map(|(stem, _)| stem.to_string())
    };
    // Items without codes that name no construct follow the one before them
    // (a block of statements under one heading: "I have a clear idea of my
    // next step" after "I can talk about my work experience with confidence").
    let mut carried: Option<&'static str> = None;
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
            None => match wording::construct_of(&item.1).or(carried) {
                Some(construct) => {
                    carried = Some(construct);
                    construct.to_string()
                }
                None => continue,
            },
        };
        match groups.iter_mut().find(|(s, _)| *s == stem) {
            Some((_, items)) => items.push(item),
            None => groups.push((stem, vec![item])),
        }
    }
    // One long grid of statements about several constructs (SurveyMonkey's
    // "How much do you agree...?" over confidence, resilience and
    // belonging): a scale per construct, when two or more hold two items.
    let mut split: Vec<(String, Vec<&(String, String)>)> = Vec::new();
    for (stem, items) in groups {
        let mut by_construct: Vec<(&'static str, Vec<&(String, String)>)> = Vec::new();
        let mut carried: Option<&'static str> = None;
        for &item in &items {
            let Some(construct) = wording::construct_of(&item.1).or(carried) else {
                continue;
            };
            carried = Some(construct);
            match by_construct.iter_mut().find(|(c, _)| *c == construct) {
                Some((_, list)) => list.push(item),
                None => by_construct.push((construct, vec![item])),
            }
        }
        let named = by_construct.iter().filter(|(_, list)| list.len() >= 2).count();
        let whole = by_construct.iter().map(|(_, list)| list.len()).sum::<usize>() == items.len();
        if items.len() >= 6 && named >= 2 && whole && code_stem(&items[0].0).is_some() {
            split.extend(by_construct.into_iter().map(|(c, list)| (c.to_string(), list)));
        } else {
            split.push((stem, items));
        }
    }
    let mut groups = split;
    groups.retain(|(_, items)| items.len() > 1);
    let mut names_used: Vec<String> = Vec::new();
    for (stem, items) in &groups {
        let texts: Vec<&str> = items.iter().map(|(_, t)| t.as_str()).collect();
        // A construct's name as it is; a code's stem as "Scale Q2".
        let mut name = wording::scale_name(&texts).unwrap_or_else(|| {
            if stem.contains(' ') || stem.chars().next().is_some_and(char::is_uppercase) {
                stem.clone()
            } else {
                format!("Scale {}", stem.to_uppercase())
            }
        });
        if names_used.contains(&name) {
            name = format!("{name} ({})", stem.to_uppercase());
        }
        names_used.push(name.clone());
        let listed: Vec<String> = items.iter().map(|(id, _)| quote(id)).collect();
        let reversed: Vec<String> = items
            .iter()
            .filter(|(_, text)| wording::is_reversed(text))
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

/// The codebook's labels, with their codes, of the first item `wanted`
/// accepts in a wave exported as codes.
fn codebook_labels(waves: &[Wave<'_>], wanted: impl Fn(&str) -> bool) -> Option<Vec<(u32, String)>> {
    waves.iter().find_map(|wave| {
        let (book, _) = wave.source.codebook.as_ref()?;
        wave.items
            .iter()
            .filter(|(id, _, _)| wanted(id))
            .map(|(_, header, _)| codebook::scored_labels(book, header))
            .find(|labels| labels.len() >= 2)
    })
}

/// A codebook's labels scored by their meaning (`score`), as the entries
/// to write: each label with its code where every code is its label's
/// score; else each code, as the answer the run reads, with its label's
/// score (evasys' "1 = strongly agree": `"1" = 5`). None unless every
/// label has a score.
fn by_meaning(labels: &[(u32, String)], score: impl Fn(&str) -> Option<u32>) -> Option<Vec<(u32, String)>> {
    let scores: Vec<u32> = labels.iter().map(|(_, l)| score(l)).collect::<Option<_>>()?;
    let same = labels.iter().zip(&scores).all(|((code, _), s)| code == s);
    Some(
        labels
            .iter()
            .zip(scores)
            .map(|((code, label), s)| {
                if same {
                    (s, label.clone())
                } else {
                    (s, code.to_string())
                }
            })
            .collect(),
    )
}

/// Every answer (data rows only) to the items whose id `wanted` accepts.
pub(super) fn answers_of(waves: &[Wave<'_>], wanted: impl Fn(&str) -> bool) -> Vec<String> {
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
