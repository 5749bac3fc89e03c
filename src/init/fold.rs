//! Headers and labels folded for comparison, so that "Meet & Greet?" and
//! "meet greet" are one text.

/// A header folded for comparison: lower-cased, every run of characters
/// other than letters and digits one space, trimmed.
pub fn fold(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    for c in header.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}
