//! The one fatal error type: every variant's message names the file, sheet,
//! column or config key involved, what was found and what was expected.

use std::path::PathBuf;

/// A failure that stops the run with exit code 1.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The configuration file is missing, not TOML, or has a bad key or value.
    #[error("configuration {path}: {message}")]
    Config { path: PathBuf, message: String },
    /// An input file cannot be read or lacks what the configuration needs.
    #[error("{0}")]
    Input(String),
    /// A report template is missing, malformed or uses an undefined variable.
    #[error("{0}")]
    Template(String),
    /// A metric query failed (a defect, not bad input).
    #[error("internal error while computing {what}: {message}")]
    Compute { what: String, message: String },
    /// An output file cannot be written.
    #[error("cannot write {path}: {message}")]
    Write { path: PathBuf, message: String },
}

impl Error {
    /// An input error whose message is already complete.
    pub fn input(message: impl Into<String>) -> Self {
        Error::Input(message.into())
    }

    /// A compute error for the metric family `what`.
    pub fn compute(what: &str, err: impl std::fmt::Display) -> Self {
        Error::Compute {
            what: what.to_string(),
            message: err.to_string(),
        }
    }

    /// A write error for `path`.
    pub fn write(path: impl Into<PathBuf>, err: impl std::fmt::Display) -> Self {
        Error::Write {
            path: path.into(),
            message: err.to_string(),
        }
    }
}

/// Result with the crate's fatal error.
pub type Result<T> = std::result::Result<T, Error>;

/// `text` as it may be printed on a terminal: control characters other than
/// line breaks, and the bidirectional overrides that reorder what a reader
/// sees, are shown as `\u{..}` escapes. A header, sheet name or cell quoted
/// in a message can then neither move the cursor, retitle the window nor
/// hide part of the line.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            shown.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            shown.push(c);
        }
    }
    std::borrow::Cow::Owned(shown)
}
