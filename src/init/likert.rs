//! Survey answers as `init` reads them: which columns are agreement items
//! (their answers agreement labels, or numbers rating statements) and the
//! score of each agreement label (4- to 7-point, with whatever middle label
//! the survey uses). The intent question is in `intent`, what a statement's
//! words say in `wording` (docs/init.md, "Surveys").

use super::fold::fold;
use super::wording::construct_of;
use crate::ingest::header::question_code;
use crate::ingest::preview::SheetPreview;
use crate::ingest::values::MISSING_WORDS;

/// Middle answers of an agreement or likelihood scale.
pub(super) const MIDDLE: [&str; 9] = [
    "neutral",
    "unsure",
    "not sure",
    "not sure yet",
    "neither agree nor disagree",
    "neither likely nor unlikely",
    "undecided",
    "maybe",
    "might or might not",
];

/// The answers of column `c` (data rows from `skip`), missing words left out.
pub fn answers(sheet: &SheetPreview, c: usize, skip: usize) -> Vec<&str> {
    sheet
        .rows
        .iter()
        .skip(skip)
        .filter_map(|row| row.get(c).and_then(|v| v.as_deref()))
        .map(str::trim)
        .filter(|v| !v.is_empty() && !MISSING_WORDS.iter().any(|w| w.eq_ignore_ascii_case(v)))
        .collect()
}

/// A bilingual label's first language ("Agree / Cytuno" is "Agree"), the
/// one init reads it by; else the label.
pub(super) fn first_language(label: &str) -> &str {
    label.split_once(" / ").map_or(label, |(first, _)| first.trim())
}

/// Welsh agreement and likelihood answers (a bilingual survey's Welsh
/// respondents answer in Welsh), folded, with their English.
const WELSH: [(&str, &str); 13] = [
    ("anghytuno n gryf", "strongly disagree"),
    ("anghytuno", "disagree"),
    ("tueddu i anghytuno", "tend to disagree"),
    ("ddim yn cytuno nac yn anghytuno", "neither agree nor disagree"),
    ("niwtral", "neutral"),
    ("tueddu i gytuno", "tend to agree"),
    ("cytuno", "agree"),
    ("cytuno n gryf", "strongly agree"),
    ("annhebygol iawn", "very unlikely"),
    ("annhebygol", "unlikely"),
    ("ddim yn siŵr", "not sure"),
    ("tebygol", "likely"),
    ("tebygol iawn", "very likely"),
];

/// A label folded, its first language's part, in English where it is a
/// Welsh agreement or likelihood answer.
pub(super) fn folded_english(label: &str) -> String {
    let l = fold(first_language(label));
    let l = if l == "ddim yn siwr" {
        "ddim yn siŵr".to_string()
    } else {
        l
    };
    WELSH
        .iter()
        .find(|(welsh, _)| *welsh == l)
        .map_or(l, |(_, english)| english.to_string())
}

/// The score of an agreement label on a scale of `points` (5 or 7).
pub fn agreement_score(label: &str, points: u32) -> Option<u32> {
    let l = folded_english(label);
    let middle = MIDDLE.contains(&l.as_str()) || l.starts_with("neither");
    let seven = points == 7;
    if points == 6 {
        // Six points, no middle: slightly disagree 3, slightly agree 4.
        return Some(match () {
            _ if l.contains("strongly disagree") || l.contains("completely disagree") => 1,
            _ if l.contains("strongly agree") || l.contains("completely agree") => 6,
            _ if ["somewhat", "slightly", "mostly"].iter().any(|w| l.contains(w))
                && l.contains("disagree") =>
            {
                3
            }
            _ if ["somewhat", "slightly", "mostly"].iter().any(|w| l.contains(w)) && l.contains("agree") => 4,
            _ if l == "disagree" || l == "tend to disagree" => 2,
            _ if l == "agree" || l == "tend to agree" => 5,
            _ => return None,
        });
    }
    Some(match () {
        _ if middle => points.div_ceil(2),
        _ if l.contains("strongly disagree") || l.contains("completely disagree") => 1,
        _ if l.contains("strongly agree") || l.contains("completely agree") => points,
        _ if l.contains("somewhat disagree")
            || l.contains("slightly disagree")
            || l.contains("mostly disagree") =>
        {
            if seven {
                3
            } else {
                2
            }
        }
        _ if l.contains("somewhat agree") || l.contains("slightly agree") || l.contains("mostly agree") => {
            if seven {
                5
            } else {
                4
            }
        }
        _ if l == "disagree" || l == "tend to disagree" => 2,
        _ if l == "agree" || l == "tend to agree" => points - 1,
        _ => return None,
    })
}

/// Whether an answer is an agreement label (or a middle one).
fn is_agreement(answer: &str) -> bool {
    agreement_score(answer, 5).is_some()
}

/// Whether column `c` is an agreement item: its answers are agreement
/// labels, at least one of them saying agree or disagree.
pub fn is_agreement_item(sheet: &SheetPreview, c: usize, skip: usize) -> bool {
    let answers = answers(sheet, c, skip);
    !answers.is_empty()
        && answers.iter().filter(|a| is_agreement(a)).count() * 10 >= answers.len() * 9
        && answers.iter().any(|a| folded_english(a).contains("agree"))
}

/// Whether some column of `sheet` is an agreement item.
pub fn has_agreement_items(sheet: &SheetPreview) -> bool {
    (0..sheet.headers.len()).any(|c| is_agreement_item(sheet, c, 0) || is_agreement_item(sheet, c, 2))
}

/// How many points the agreement labels `found` span: 7 when a "somewhat"
/// or "slightly" label sits beside a plain "Agree" or "Disagree", else 5
/// (Qualtrics' 5-point agreement scale runs Strongly, Somewhat, Neither,
/// Somewhat, Strongly).
pub fn agreement_points(found: &[String]) -> u32 {
    let folded: Vec<String> = found.iter().map(|l| fold(l)).collect();
    let graded = folded
        .iter()
        .any(|l| ["somewhat", "slightly", "mostly"].iter().any(|w| l.contains(w)));
    let plain = folded.iter().any(|l| l == "agree" || l == "disagree");
    let middle = folded
        .iter()
        .any(|l| MIDDLE.contains(&l.as_str()) || l.starts_with("neither"));
    let ends = folded.iter().any(|l| l.contains("strongly"));
    if graded && plain && !middle {
        // Slightly and plain labels with no middle: six points.
        6
    } else if graded && plain {
        7
    } else if plain && ends && !middle && !graded {
        // Strongly disagree, Disagree, Agree, Strongly agree: no middle.
        4
    } else {
        5
    }
}

/// Whether column `c` holds agreement answers exported as numbers (a
/// Qualtrics "numeric values" export): whole numbers 1 to 7, two or more
/// of them, in a question that asks how far one agrees or in a grid of
/// such columns (`siblings`: other columns of its question code's stem).
pub fn is_numeric_item(sheet: &SheetPreview, c: usize, skip: usize, text: &str, siblings: usize) -> bool {
    let answers = answers(sheet, c, skip);
    let scores: Vec<u32> = answers
        .iter()
        .filter_map(|a| {
            a.parse::<f64>().ok().or_else(|| {
                leading_score(a)
                    .or_else(|| super::answer_codes::answer_code(a))
                    .map(f64::from)
            })
        })
        .filter(|n| n.fract() == 0.0 && (1.0..=7.0).contains(n))
        .map(|n| n as u32)
        .collect();
    let mut distinct = scores.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let t = fold(text);
    let other_scale = ["satisf", "how often", "how many", "rate ", "frequency"]
        .iter()
        .any(|w| t.contains(w));
    !other_scale
        && !answers.is_empty()
        && scores.len() * 10 >= answers.len() * 9
        && distinct.len() >= 2
        && (t.contains("agree") || siblings >= 2 || (is_statement(text) && distinct.len() >= 3))
}

/// How many headers share `header`'s question-code stem (`Q7_1`, `Q7_2`:
/// 2); 0 for a header with no sub-code.
pub fn stem_size(headers: &[String], header: &str) -> usize {
    let stem = |h: &str| -> Option<String> {
        if let Some((stem, _)) = bracket_code(h) {
            return Some(stem.to_lowercase());
        }
        let code = question_code(h)?;
        let (stem, _) = code.rsplit_once(['_', '.'])?;
        Some(stem.to_lowercase())
    };
    let Some(own) = stem(header) else {
        return 0;
    };
    headers
        .iter()
        .filter(|h| stem(h).as_deref() == Some(own.as_str()))
        .count()
}

/// A LimeSurvey array code, `CONF[SQ001]`: its question's code and the
/// sub-question's.
pub fn bracket_code(header: &str) -> Option<(&str, &str)> {
    let h = header.trim();
    let (stem, rest) = h.split_once('[')?;
    let sub = rest.strip_suffix(']')?;
    let code =
        |t: &str| !t.is_empty() && t.len() <= 20 && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    (code(stem) && code(sub)).then_some((stem, sub))
}

/// Whether a question's text is a statement to rate (a Typeform or
/// SurveyMonkey "opinion scale" exported as numbers): it names a construct
/// the programme measures, or speaks in the first person, and asks nothing.
fn is_statement(text: &str) -> bool {
    let t = format!(" {} ", fold(text));
    // A question ("Have you applied for a placement?") is not one.
    !text.contains('?')
        && (construct_of(text).is_some() || [" i ", " i m ", " my ", " me "].iter().any(|w| t.contains(w)))
}

/// How many columns of `sheet` are survey items: agreement answers, or
/// numeric ratings of statements or of a grid's rows.
pub fn survey_items(sheet: &SheetPreview) -> usize {
    (0..sheet.headers.len())
        .filter(|&c| {
            let header = &sheet.headers[c];
            is_agreement_item(sheet, c, 0)
                || is_numeric_item(sheet, c, 0, header, stem_size(&sheet.headers, header))
        })
        .count()
}

/// The agreement labels of a scale of `points` (4, 5 or 7), scored 1 up:
/// what numeric answers 1 to `points` stand for.
pub fn agreement_labels(points: u32) -> &'static [&'static str] {
    match points {
        4 => &["Strongly disagree", "Disagree", "Agree", "Strongly agree"],
        6 => &[
            "Strongly disagree",
            "Disagree",
            "Slightly disagree",
            "Slightly agree",
            "Agree",
            "Strongly agree",
        ],
        7 => &[
            "Strongly disagree",
            "Disagree",
            "Somewhat disagree",
            "Neither agree nor disagree",
            "Somewhat agree",
            "Agree",
            "Strongly agree",
        ],
        _ => &[
            "Strongly disagree",
            "Disagree",
            "Neither agree nor disagree",
            "Agree",
            "Strongly agree",
        ],
    }
}

/// The score an answer label carries at its start, as an opinion scale's
/// labelled ends are exported: "7 - Strongly agree", "1 = Strongly
/// disagree", "7 (Strongly agree)".
pub fn leading_score(label: &str) -> Option<u32> {
    let l = label.trim();
    let digits: String = l.chars().take_while(char::is_ascii_digit).collect();
    let rest = l[digits.len()..].trim_start();
    let labelled =
        rest.starts_with(['-', '=', '(', ':', '\u{2013}']) && rest.chars().any(char::is_alphabetic);
    (!digits.is_empty() && digits.len() <= 2 && labelled)
        .then(|| digits.parse().ok())
        .flatten()
}
