//! The placement-intent question as `init` reads it: its wording, its
//! answers' likelihood scores and ranks, and a numeric scale's labelled ends
//! (docs/init.md, "Surveys").

use super::fold::fold;
use super::likert::{MIDDLE, answers, folded_english};
use crate::ingest::preview::SheetPreview;

/// The score of a likelihood or intention label, 1 (no) to 5 (yes).
pub fn intent_score(label: &str) -> Option<u32> {
    let l = folded_english(label);
    let has = |words: &[&str]| words.iter().any(|w| format!(" {l} ").contains(&format!(" {w} ")));
    let yes = l == "yes" || l.starts_with("yes ");
    let no = l == "no" || l.starts_with("no ");
    let definitely = has(&["definitely", "certainly"]);
    // Already applied, or a placement already arranged ("I've already got
    // one lined up", "I have already secured one"): past intending.
    let already = has(&["already"])
        && has(&[
            "applied", "got", "secured", "have", "arranged", "found", "lined up",
        ]);
    // "Definitely won't", "Probably will not": the negation first.
    let negated = has(&["won t", "wont", "will not", "not going to", "don t think"]);
    let score = if negated {
        if has(&["probably", "might", "may"]) { 2 } else { 1 }
    } else if already
        || has(&[
            "have applied",
            "have secured",
            "secured a placement",
            "got a placement",
        ])
    {
        5
    } else if no
        || has(&[
            "very unlikely",
            "extremely unlikely",
            "definitely not",
            "certainly not",
            "highly unlikely",
        ])
    {
        1
    } else if has(&["very likely", "extremely likely", "highly likely"]) || definitely {
        5
    } else if MIDDLE.contains(&l.as_str()) || l.starts_with("neither") || l.starts_with("not sure") {
        3
    } else if has(&["unlikely", "probably not", "not likely"]) {
        2
    } else if yes || has(&["likely"]) || l.starts_with("probably") {
        4
    } else {
        return None;
    };
    Some(score)
}

/// Whether a question asks about applying for a placement (or internship).
pub fn is_intent_question(text: &str) -> bool {
    let t = fold(text);
    let about = ["placement", "internship", "year in industry"]
        .iter()
        .any(|w| t.contains(w))
        && ["likely", "apply", "intend", "plan"]
            .iter()
            .any(|w| t.contains(w));
    // A question ("How likely...?", "Do you intend..."), not a statement
    // to agree with ("I feel confident about applying for a placement").
    let asks = text.contains('?')
        || [
            "how ",
            "do you ",
            "are you ",
            "will you ",
            "would you ",
            "what ",
            "which ",
        ]
        .iter()
        .any(|w| t.starts_with(w) || t.contains(&format!(" {w}")));
    about && asks && !t.starts_with("i ")
}

/// Whether column `c` holds intention answers: most of them scored, or
/// whole numbers 0 to 10 (a numeric export, an opinion scale).
pub fn is_intent_answers(sheet: &SheetPreview, c: usize, skip: usize) -> bool {
    // "Not applicable - my course does not include a placement year" is no
    // likelihood, however many choose it.
    let answers: Vec<&str> = answers(sheet, c, skip)
        .into_iter()
        .filter(|a| {
            let f = fold(a);
            !(f.starts_with("not applicable")
                || f.contains("does not include")
                || f.contains("doesn t include"))
        })
        .collect();
    let fits = |a: &&&str| {
        intent_score(a).is_some()
            || super::answer_codes::answer_code(a).is_some()
            || a.parse::<f64>()
                .is_ok_and(|n| n.fract() == 0.0 && (0.0..=10.0).contains(&n))
    };
    !answers.is_empty() && answers.iter().filter(fits).count() * 10 >= answers.len() * 9
}

/// The intention labels found, each scored by its rank among them (ties
/// share a rank: "Definitely" and "I have already applied"), and the rank
/// from which a student intends to apply (the first "likely" or "yes" one).
pub fn intent_ranks(labels: &[String]) -> (Vec<(u32, String)>, Option<u32>) {
    let mut scored: Vec<(u32, String)> = labels
        .iter()
        .filter_map(|l| Some((intent_score(l)?, l.clone())))
        .collect();
    scored.sort();
    let mut levels: Vec<u32> = scored.iter().map(|(s, _)| *s).collect();
    levels.dedup();
    let rank = |score: u32| {
        levels
            .iter()
            .position(|l| *l == score)
            .map_or(0, |p| p as u32 + 1)
    };
    let intends = levels.iter().find(|s| **s >= 4).map(|s| rank(*s));
    (scored.into_iter().map(|(s, l)| (rank(s), l)).collect(), intends)
}

/// A numeric scale's labelled ends as its question text gives them:
/// "(0 = Not at all likely, 10 = Certain)" gives 0 "Not at all likely"
/// and 10 "Certain"; of a bilingual label ("Ddim o gwbl / Not at all
/// likely") the last part.
pub fn labelled_ends(text: &str) -> Vec<(u32, String)> {
    let Some(open) = text.rfind('(') else {
        return Vec::new();
    };
    let inside = text[open + 1..].trim_end().trim_end_matches(')');
    inside
        .split([',', ';'])
        .filter_map(|part| {
            let (number, label) = part.split_once('=')?;
            let number: u32 = number.trim().parse().ok()?;
            let label = label.rsplit(" / ").next()?.trim();
            (!label.is_empty()).then(|| (number, label.to_string()))
        })
        .collect()
}
