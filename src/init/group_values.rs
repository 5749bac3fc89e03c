//! How init reads a target-group column's values: yes and no answers (and
//! codes before labels), missing-value answers, quintiles, HESA disability
//! codes, and which column a group's words name.

use super::fold::fold;
use crate::ingest::preview::SheetPreview;
use crate::ingest::values::MISSING_WORDS;

/// Answers that say the value is not known, with or without a HESA code
/// before the label ("98 - Information refused").
pub(super) fn is_missing(value: &str) -> bool {
    let folded = fold(value);
    let f = match folded.split_once(' ') {
        Some((code, label)) if code.chars().all(|c| c.is_ascii_digit()) => label.to_string(),
        _ => folded,
    };
    MISSING_WORDS.iter().any(|w| fold(w) == f)
        || [
            "not known",
            "unknown",
            "prefer not",
            "information refused",
            "not available",
            "refused",
            "withheld",
            "not applicable",
            "don t know",
            "do not know",
            "not provided",
            "not sure",
            // The ILR's "9 No information provided by the learner".
            "no information",
            // HESA's "Information not yet sought".
            "information not",
            // An area measure of one nation for a student of another
            // ("Not in England" in an IMD column).
            "not in england",
            "not in scotland",
            "not in wales",
            "not in northern ireland",
        ]
        .iter()
        .any(|w| f.starts_with(w))
}

/// A White ethnicity ("White - British", "Any other White background"),
/// not a mixed one ("Mixed - White and Black Caribbean").
pub(super) fn is_white(value: &str) -> bool {
    let f = fold(value);
    f.split(' ').any(|w| w == "white") && !f.contains("mixed") && !f.contains("white and")
}

/// A value written as a code and its label ("2 - No", "95 - No known
/// impairment"): the code and the label.
pub(super) fn coded(value: &str) -> Option<(&str, &str)> {
    let v = value.trim();
    // "95 - No known impairment", or SITS' "00 No known disability" (two
    // or three digits: the ILR's "1 Learner considers ..." is a sentence).
    let (code, label) = v.split_once(" - ").or_else(|| {
        let (code, label) = v.split_once(' ')?;
        ((2..=3).contains(&code.len()) && label.starts_with(char::is_alphabetic)).then_some((code, label))
    })?;
    (!code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()) && !label.trim().is_empty())
        .then(|| (code, label.trim()))
}

/// A yes answer: yes, y, true, 1, a tick (a tracker's ticked column), or a
/// label that starts so ("Yes – neither parent has an HE qualification").
pub(super) fn is_yes(value: &str) -> bool {
    if let Some((_, label)) = coded(value) {
        return is_yes(label);
    }
    let f = fold(value);
    matches!(value.trim(), "✓" | "✔" | "☑")
        || matches!(f.as_str(), "y" | "yes" | "true" | "1")
        || f.starts_with("yes ")
}

/// A no answer.
pub(super) fn is_no(value: &str) -> bool {
    // "Not known" is missing, not no.
    if is_missing(value) {
        return false;
    }
    if let Some((_, label)) = coded(value) {
        return is_no(label);
    }
    let f = fold(value);
    // A sentence that denies ("Learner does not consider himself or
    // herself to have a learning difficulty", the ILR's code 2).
    let denies = ["does not", "doesn t", "do not have", "do not consider"]
        .iter()
        .any(|w| f.contains(w));
    f == "n"
        || f == "no"
        || f == "false"
        || f == "0"
        || f.starts_with("no ")
        || f.starts_with("not ")
        || denies
}

/// Quintile 1 or 2 ("1", "2", "Q1", "Quintile 2", "1 - Most deprived").
pub(super) fn low_quintile(value: &str) -> bool {
    let f = fold(value);
    let number = f.trim_start_matches("quintile").trim_start_matches('q').trim();
    matches!(number.split(' ').next(), Some("1" | "2"))
}

/// The values of `values` meaning yes when every other value means no or
/// is missing; None when some value is neither (init does not guess).
pub(super) fn yes_values(values: &[String]) -> Option<Vec<String>> {
    let yes: Vec<String> = values.iter().filter(|v| is_yes(v)).cloned().collect();
    let readable = values.iter().all(|v| is_yes(v) || is_no(v) || is_missing(v));
    (readable && !yes.is_empty()).then_some(yes)
}

/// One proposed group: its name, column and values.
pub(super) type Group = (String, String, Vec<String>);

/// The cohort's first header holding any of `words` (folded), not yet used.
pub(super) fn column<'a>(cohort: &'a SheetPreview, words: &[&str], used: &[String]) -> Option<&'a String> {
    cohort.headers.iter().find(|h| {
        let f = format!(" {} ", fold(h));
        !used.contains(h) && words.iter().any(|w| f.contains(&format!(" {w} ")))
    })
}

/// Of the headers holding any of `words`, the first that says "quintile"
/// (a quintile column beside its decile one), else the first.
pub(super) fn quintile_column<'a>(
    cohort: &'a SheetPreview,
    words: &[&str],
    used: &[String],
) -> Option<&'a String> {
    let quintile: Vec<String> = cohort
        .headers
        .iter()
        .filter(|h| {
            !fold(h)
                .split(' ')
                .any(|w| matches!(w, "quintile" | "quin" | "quint"))
        })
        .cloned()
        .collect();
    let mut skip = used.to_vec();
    skip.extend(quintile);
    column(cohort, words, &skip).or_else(|| column(cohort, words, used))
}

/// A HESA disability code (DISABLE): 00 and 95 mean no known disability,
/// 97 to 99 not known; every other code is a declared disability.
pub(super) fn hesa_disability(value: &str) -> Option<bool> {
    // A spreadsheet drops a code's leading zero ("08" as 8); a report
    // writes the code before its label ("95 - No known impairment").
    let code = coded(value).map_or(value, |(code, _)| code);
    let padded = format!("{:0>2}", code.trim());
    let code = padded.as_str();
    (code.len() == 2 && code.bytes().all(|b| b.is_ascii_digit()))
        .then_some(!matches!(code, "00" | "95" | "97" | "98" | "99"))
}

/// A HESA ethnicity code (ETHNIC) without its label: whether it is a
/// minority ethnic group. White codes (10-19; 160-179) are not, nor are
/// not known and refused (90-99; 997-999); Asian, Black, Mixed, Arab and
/// other codes are. None when the value is not a code.
pub(super) fn hesa_ethnicity(value: &str) -> Option<bool> {
    let code: u32 = value.trim().parse().ok()?;
    Some(!matches!(code, 10..=19 | 160..=179 | 90..=99 | 997..=999))
}

/// Whether a value is a numeric code of at most `digits` digits (HESA's
/// PARED "2", TTACCOM "7", DISABLE "51"), as code schemes are told from
/// labels.
pub(super) fn is_code(value: &str, digits: usize) -> bool {
    let v = value.trim();
    !v.is_empty() && v.len() <= digits && v.chars().all(|c| c.is_ascii_digit())
}
