//! "Did you mean": the closest of the valid choices to what was written,
//! for a configured header a file lacks and for an unknown config key.

/// A header as people mean it: lower-cased, spaces, underscores and
/// hyphens folded into single spaces, trimmed ("Student  Id" ~ "student id").
fn folded(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The choice closest to `written`: one equal but for case and spacing,
/// else the most similar one (normalised Damerau-Levenshtein at least 0.7
/// after folding). None when nothing is close.
pub fn closest<'a>(written: &str, choices: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let target = folded(written);
    let mut best: Option<(f64, &str)> = None;
    for choice in choices {
        let similarity = strsim::normalized_damerau_levenshtein(&target, &folded(choice));
        if best.is_none_or(|(b, _)| similarity > b) {
            best = Some((similarity, choice));
        }
    }
    best.filter(|(s, _)| *s >= 0.7).map(|(_, c)| c)
}

/// toml's "unknown field `x`, expected one of `a`, `b`" message with
/// "; did you mean `a`?" when one of the valid keys is close.
pub fn unknown_key(message: &str) -> String {
    let Some(start) = message.find("unknown field `") else {
        return message.to_string();
    };
    let rest = &message[start + "unknown field `".len()..];
    let Some(end) = rest.find('`') else {
        return message.to_string();
    };
    let written = &rest[..end];
    let Some(expected) = rest.find("expected one of ") else {
        return message.to_string();
    };
    let choices: Vec<&str> = rest[expected..].split('`').skip(1).step_by(2).collect();
    match closest(written, choices) {
        Some(key) => format!("{message}; did you mean `{key}`?"),
        None => message.to_string(),
    }
}
