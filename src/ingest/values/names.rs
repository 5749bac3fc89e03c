//! Mentors named rather than coded: the key two spellings of one mentor
//! share ("Dr Jane Smith", "jane  smith", "JANE SMITH" are `JANE SMITH`).
//! Codes such as `M0034` are their own key; `m0034` joins them.

use std::borrow::Cow;

/// Titles dropped before a name ("Dr Jane Smith" is Jane Smith).
const TITLES: [&str; 12] = [
    "dr",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "prof",
    "professor",
    "sir",
    "dame",
    "rev",
    "revd",
];

/// The key a mentor id is compared by: trimmed, runs of white space one
/// space, a leading title dropped (when a name follows), curly apostrophes
/// straight, upper case. Borrowed when the text is already its own key (a
/// code such as `M0034`), which saves an allocation per cell.
pub fn mentor_key(text: &str) -> Cow<'_, str> {
    let plain = text
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'/' | b'.'));
    if plain && !text.is_empty() {
        return Cow::Borrowed(text);
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let words = match words.split_first() {
        Some((first, rest))
            if !rest.is_empty() && TITLES.contains(&first.trim_end_matches('.').to_lowercase().as_str()) =>
        {
            rest
        }
        _ => &words[..],
    };
    Cow::Owned(
        words
            .join(" ")
            .replace(['\u{2019}', '\u{2018}', '`'], "'")
            .to_uppercase(),
    )
}
