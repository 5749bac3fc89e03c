//! Headers and labels folded for comparison, so that "Meet & Greet?" and
//! "meet greet" are one text.

/// A header folded for comparison: HTML tags left out (Typeform and
/// Canvas export a question's formatting: "<p>", "<strong>"), lower-cased,
/// every run of characters other than letters and digits one space,
/// trimmed.
pub fn fold(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let text = without_tags(header);
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

/// `text` without its HTML tags (`<p>`, `</strong>`, `<br/>`): a `<`
/// followed by a letter or `/` up to the next `>`. Other angle brackets
/// ("<10", "a < b") stay.
fn without_tags(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('<') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let tag = after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/');
        match after.find('>').filter(|_| tag) {
            Some(close) => {
                out.push_str(&rest[..open]);
                out.push(' ');
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// A header written in CamelCase ("MaxMentees", "BriefingDate": an Access
/// or SQL export's field names) as words; any other header as it is.
pub fn camel_words(header: &str) -> std::borrow::Cow<'_, str> {
    let h = header.trim();
    let humps = h
        .char_indices()
        .skip(1)
        .filter(|(i, c)| c.is_uppercase() && h[..*i].chars().last().is_some_and(char::is_lowercase))
        .count();
    if humps == 0 || !h.chars().all(char::is_alphanumeric) {
        return std::borrow::Cow::Borrowed(header);
    }
    let mut out = String::with_capacity(h.len() + humps);
    let mut previous_lower = false;
    for c in h.chars() {
        if c.is_uppercase() && previous_lower {
            out.push(' ');
        }
        previous_lower = c.is_lowercase();
        out.push(c);
    }
    std::borrow::Cow::Owned(out)
}
