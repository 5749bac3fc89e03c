//! What a survey statement's words say: the construct it measures, whether
//! it is reverse-worded, and whether it is feedback on the programme rather
//! than about the student (docs/init.md, "Surveys").

use super::fold::fold;

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
                // A phrase weighs its words ("people like me" over "career").
                words
                    .iter()
                    .filter(|w| t.contains(&format!(" {w} ")))
                    .map(|w| w.split(' ').count())
                    .sum::<usize>(),
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
