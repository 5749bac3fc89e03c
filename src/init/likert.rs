//! Survey answers as `init` reads them: which columns are agreement items
//! (their answers agreement labels), the score of each agreement and
//! likelihood label (5- and 7-point, with whatever middle label the survey
//! uses), the placement-intent question, reverse-worded items, and the
//! construct an item's wording belongs to (docs/init.md, "Surveys").

use super::fold::fold;
use crate::ingest::header::question_code;
use crate::ingest::preview::SheetPreview;
use crate::ingest::values::MISSING_WORDS;

/// Middle answers of an agreement or likelihood scale.
const MIDDLE: [&str; 9] = [
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
fn first_language(label: &str) -> &str {
    label.split_once(" / ").map_or(label, |(first, _)| first.trim())
}

/// The score of an agreement label on a scale of `points` (5 or 7).
pub fn agreement_score(label: &str, points: u32) -> Option<u32> {
    let l = fold(first_language(label));
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
        && answers.iter().any(|a| fold(a).contains("agree"))
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

/// The score of a likelihood or intention label, 1 (no) to 5 (yes).
pub fn intent_score(label: &str) -> Option<u32> {
    let l = fold(first_language(label));
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

/// The Brief Resilience Scale's reverse-scored items (2, 4 and 6; Smith et
/// al. 2008), by their wording.
const BRS_REVERSED: [&str; 3] = [
    "i have a hard time making it through stressful events",
    "it is hard for me to snap back when something bad happens",
    "i tend to take a long time to get over set backs in my life",
];

/// Words of the Brief Resilience Scale's items: a scale holding them is it.
const BRS_WORDS: [&str; 4] = ["bounce back", "stressful", "snap back", "set backs"];

/// Wordings that say the opposite of the scale's direction: such items are
/// reverse-scored ("I sometimes feel I don't belong").
const NEGATIVE: [&str; 39] = [
    "give up",
    "knocks my confidence",
    "knocked my confidence",
    "out of my depth",
    "out of place",
    "not confident",
    "lack confidence",
    "lose confidence",
    "scared",
    "afraid",
    "panic",
    "can t cope",
    "cannot cope",
    "don t",
    "not sure",
    "won t",
    "do not belong",
    "not for people like me",
    "hard time",
    "hard for me",
    "find it hard",
    "long time to get over",
    "long time to get back",
    "takes me a long time",
    "for a long time",
    "knock my confidence",
    "put me off",
    "doubt",
    "struggle",
    "outsider",
    "isolated",
    "lonely",
    "anxious",
    "worry",
    "worried",
    "nervous",
    "unsure",
    "uncertain",
    "overwhelmed",
];

/// Whether an item's wording is reverse-scored.
pub fn is_reversed(text: &str) -> bool {
    let t = fold(text);
    // "people I don't know" names who, and "when things don't go to plan"
    // when: neither is a negative feeling.
    let padded = [
        " people i don t know ",
        " someone i don t know ",
        " anyone i don t know ",
        " when things don t ",
        " if things don t ",
        " when plans don t ",
    ]
    .iter()
    .fold(format!(" {t} "), |text, phrase| {
        text.replace(phrase, " people unknown ")
    });
    BRS_REVERSED.contains(&t.as_str()) || NEGATIVE.iter().any(|w| padded.contains(&format!(" {w} ")))
}

/// Constructs by the words of their items, for naming scales and grouping
/// items that have no question codes.
const CONSTRUCTS: [(&str, &[&str]); 3] = [
    (
        "Resilience",
        &[
            "bounce back",
            "recover",
            "stressful",
            "snap back",
            "set backs",
            "setback",
            "setbacks",
            "difficult times",
            "keep going",
            "goes wrong",
            "go wrong",
            "give up",
            "gets difficult",
            "motivated",
            "poor mark",
            "bad mark",
            "cope",
            "pressure",
            "adapt",
            "plans change",
        ],
    ),
    (
        "Sense of belonging",
        &[
            "belong",
            "community",
            "part of",
            "people like me",
            "fit in",
            "turn to",
            "ask for help",
            "complete my degree",
        ],
    ),
    (
        "Career confidence",
        &[
            "employer",
            "employers",
            "cv",
            "interview",
            "interviews",
            "professionals",
            "network",
            "career",
            "opportunities",
            "placement",
            "placements",
            "internship",
            "internships",
            "applications",
            "assessment centre",
            "industry",
            "skills",
            "offer an employer",
            "chosen field",
            "confident",
        ],
    ),
];

/// The construct an item's wording names, if one does.
pub fn construct_of(text: &str) -> Option<&'static str> {
    let t = format!(" {} ", fold(text));
    CONSTRUCTS
        .iter()
        .map(|(name, words)| {
            (
                name,
                words.iter().filter(|w| t.contains(&format!(" {w} "))).count(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(_, n)| *n)
        .map(|(name, _)| *name)
}

/// A scale's name from its items' wording: the Brief Resilience Scale by
/// its items, else the construct most of them name.
pub fn scale_name(texts: &[&str]) -> Option<String> {
    let brs = texts
        .iter()
        .filter(|t| BRS_WORDS.iter().any(|w| fold(t).contains(w)))
        .count();
    if texts.len() == 6 && brs >= 3 {
        return Some("Brief Resilience Scale".to_string());
    }
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for t in texts {
        if let Some(c) = construct_of(t) {
            match counts.iter_mut().find(|(n, _)| *n == c) {
                Some((_, n)) => *n += 1,
                None => counts.push((c, 1)),
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| n * 2 > texts.len())
        .map(|(name, _)| name.to_string())
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

/// Whether a question asks for feedback on the programme or the mentor
/// ("My mentor and I met at least once a month"), not about the student.
pub fn is_feedback(text: &str) -> bool {
    // A grid's row ("Thinking about your career now, at the end of the
    // programme, how much do you agree ...? [I feel confident ...]"): its
    // statement, or a question about the mentoring.
    if let Some((question, statement)) = text.trim().strip_suffix(']').and_then(|t| t.rsplit_once(" [")) {
        let q = format!(" {} ", fold(question));
        return is_feedback(statement)
            || [" mentor ", " mentoring ", " mentors "]
                .iter()
                .any(|w| q.contains(w));
    }
    let t = format!(" {} ", fold(text));
    [
        " my mentor ",
        " mentoring ",
        " the programme ",
        " this programme ",
        " the scheme ",
        " this scheme ",
        " recommend ",
    ]
    .iter()
    .any(|w| t.contains(w))
}
