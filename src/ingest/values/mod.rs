//! Value parsing rules of inputs.md, shared by every input: missing-value
//! tokens and words, flags, numbers and ids here; dates and durations in
//! files of their own. `ReadRules` carries what an input's configuration
//! adds (date order, reporting period, missing words, duration unit).

mod dates;
mod durations;
mod names;

use chrono::NaiveDate;

pub use dates::{
    datetime_from_parts, parse_date, parse_date_text, parse_datetime, serial_to_date, yearless_in_period,
};
pub use durations::{parse_duration, parse_duration_in, parse_duration_text};
pub use names::mentor_key;

use super::CellRef;
use crate::config::{DateOrder, DurationUnit};

/// Texts that mean "no value" (compared after trimming).
const MISSING_TOKENS: [&str; 6] = ["", "N/A", "NA", "n/a", "-", "null"];
// `clean_text` skips the token comparison for texts longer than 4 bytes.
const _: () = {
    let mut i = 0;
    while i < MISSING_TOKENS.len() {
        assert!(MISSING_TOKENS[i].len() <= 4);
        i += 1;
    }
};
/// Flag texts meaning true (compared case-insensitively). "checked" is how
/// Airtable exports a ticked checkbox (docs/decisions.md).
const TRUE_TOKENS: [&str; 9] = ["y", "yes", "true", "t", "1", "x", "✓", "✔", "checked"];
/// Flag texts meaning false (compared case-insensitively).
const FALSE_TOKENS: [&str; 5] = ["n", "no", "false", "f", "0"];

/// The smallest number a flag column reads as a date serial (1927-05-18):
/// below it, a number other than 0 or 1 is an unreadable flag, not a date.
const MIN_FLAG_SERIAL: f64 = 10_000.0;

/// The outcome of reading one cell as a typed value.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed<T> {
    /// The cell is empty or a missing-value token.
    Missing,
    /// The cell holds a value of the type.
    Value(T),
    /// The cell holds something else; the text is what was found.
    Invalid(String),
}

/// Trimmed text, or None for the missing-value tokens.
pub fn clean_text(text: &str) -> Option<&str> {
    // Most cells start and end with a visible ASCII character: nothing to
    // trim, and the Unicode-aware trim is skipped (tens of millions of cells
    // at sector scale).
    let bytes = text.as_bytes();
    let trimmed = match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    };
    // Every missing-value token is at most 4 bytes long.
    if trimmed.len() > 4 {
        return Some(trimmed);
    }
    if MISSING_TOKENS.contains(&trimmed) || trimmed.eq_ignore_ascii_case("null") {
        None
    } else {
        Some(trimmed)
    }
}

/// The text lower-cased; borrowed when there is nothing to lower-case (ASCII
/// without capitals), which saves an allocation per cell for most cells.
pub fn lowercase(text: &str) -> std::borrow::Cow<'_, str> {
    if text.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.to_lowercase())
    }
}

pub use crate::config::number_text;

/// The cell as text (ids, labels, target-group values): numbers without `.0`,
/// dates as ISO, error cells and missing tokens as None.
pub fn cell_text<'a>(cell: impl Into<CellRef<'a>>) -> Option<String> {
    let cell = cell.into();
    match &cell {
        CellRef::Empty | CellRef::Error(_) => None,
        CellRef::Text(t) => clean_text(t).map(str::to_string),
        CellRef::Number(n) => Some(number_text(*n)),
        CellRef::Bool(b) => Some(if *b { "TRUE" } else { "FALSE" }.to_string()),
        CellRef::Date(d) => Some(if d.time() == chrono::NaiveTime::MIN {
            d.date().format("%Y-%m-%d").to_string()
        } else {
            d.format("%Y-%m-%dT%H:%M:%S").to_string()
        }),
        CellRef::Duration(minutes) => Some(number_text(*minutes)),
    }
}

/// What a cell held, for a data-quality message (shortened).
pub fn found_text<'a>(cell: impl Into<CellRef<'a>>) -> String {
    let cell = cell.into();
    let text = match cell {
        CellRef::Error(e) => e.to_string(),
        other => cell_text(other).unwrap_or_default(),
    };
    let mut short: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        short.push('…');
    }
    short
}

/// Reads a flag cell: true/false tokens, booleans, 1/0; a date means true.
pub fn parse_flag<'a>(cell: impl Into<CellRef<'a>>, order: DateOrder, date1904: bool) -> Parsed<bool> {
    match parse_flag_or_date(cell, order, date1904) {
        Parsed::Value((flag, _)) => Parsed::Value(flag),
        Parsed::Missing => Parsed::Missing,
        Parsed::Invalid(found) => Parsed::Invalid(found),
    }
}

/// Reads a "flag or date" cell (e.g. `registered`): the flag, and the date
/// when the cell is one. A flag token or 1/0 is a flag without a date (1 is
/// not read as Excel's serial day 1, 1900-01-01); a date text is parsed once.
pub fn parse_flag_or_date<'a>(
    cell: impl Into<CellRef<'a>>,
    order: DateOrder,
    date1904: bool,
) -> Parsed<(bool, Option<NaiveDate>)> {
    let cell = cell.into();
    match cell {
        CellRef::Empty => Parsed::Missing,
        CellRef::Bool(b) => Parsed::Value((b, None)),
        CellRef::Date(d) => Parsed::Value((true, Some(d.date()))),
        CellRef::Number(1.0) => Parsed::Value((true, None)),
        CellRef::Number(0.0) => Parsed::Value((false, None)),
        // A date serial (a date cell stored as a plain number) means true; small
        // numbers other than 0 and 1 are not flags.
        CellRef::Number(n) if n >= MIN_FLAG_SERIAL => match serial_to_date(n, date1904) {
            Some(date) => Parsed::Value((true, Some(date))),
            None => Parsed::Invalid(found_text(cell)),
        },
        CellRef::Text(t) => {
            let Some(text) = clean_text(t) else {
                return Parsed::Missing;
            };
            if let Some(flag) = flag_token(text) {
                Parsed::Value((flag, None))
            } else if let Parsed::Value(date) = parse_date_text(text, order) {
                Parsed::Value((true, Some(date)))
            } else if let Some(flag) = bilingual_flag(text) {
                Parsed::Value((flag, None))
            } else {
                Parsed::Invalid(found_text(cell))
            }
        }
        CellRef::Number(_) | CellRef::Error(_) | CellRef::Duration(_) => Parsed::Invalid(found_text(cell)),
    }
}

/// The flag a token names (`yes`, `n`, `✓`, ...), compared ignoring case.
/// The tokens are ASCII (or symbols without case), so an ASCII
/// case-insensitive comparison equals lower-casing, without allocating.
fn flag_token(text: &str) -> Option<bool> {
    if TRUE_TOKENS.iter().any(|t| t.eq_ignore_ascii_case(text)) {
        Some(true)
    } else if FALSE_TOKENS.iter().any(|t| t.eq_ignore_ascii_case(text)) {
        Some(false)
    } else {
        None
    }
}

/// A bilingual answer, a Welsh university's "Ydw / Yes" or "Nac ydw / No":
/// the flag its parts name, when one part is a flag token and no part says
/// the opposite.
pub fn bilingual_flag(text: &str) -> Option<bool> {
    let mut found = None;
    for part in text.split(" / ").map(str::trim) {
        let Some(flag) = flag_token(part) else {
            continue;
        };
        if found.is_some_and(|f| f != flag) {
            return None;
        }
        found = Some(flag);
    }
    found.filter(|_| text.contains(" / "))
}

/// Reads a number cell; text numbers may carry a trailing `%` (`85%` -> 85).
pub fn parse_number<'a>(cell: impl Into<CellRef<'a>>) -> Parsed<f64> {
    let cell = cell.into();
    match &cell {
        CellRef::Empty => Parsed::Missing,
        CellRef::Number(n) if n.is_finite() => Parsed::Value(*n),
        CellRef::Duration(m) => Parsed::Value(*m),
        CellRef::Text(t) => match clean_text(t) {
            None => Parsed::Missing,
            Some(text) => {
                let text = text.strip_suffix('%').map(str::trim_end).unwrap_or(text);
                match text.parse::<f64>() {
                    Ok(v) if v.is_finite() => Parsed::Value(v),
                    _ => Parsed::Invalid(found_text(cell)),
                }
            }
        },
        _ => Parsed::Invalid(found_text(cell)),
    }
}

/// Words that mean "not known" in a typed column by default (`missing_words`).
pub const MISSING_WORDS: [&str; 8] = [
    "pending",
    "tbc",
    "tbd",
    "unknown",
    "n/a",
    "not known",
    "prefer not to say",
    "information refused",
];

/// How one input's rows and typed cells are read beyond the fixed rules.
#[derive(Debug, Clone)]
pub struct ReadRules {
    /// Text dates: day or month first.
    pub order: DateOrder,
    /// `programme.start..=as_of`: the year of a date written without one.
    pub period: Option<(NaiveDate, NaiveDate)>,
    /// Words meaning missing in flag, date, number and duration columns, lower-case.
    pub missing_words: Vec<String>,
    /// What a bare number in a duration column counts.
    pub duration_unit: DurationUnit,
    /// Rows left out of every metric (`exclude`).
    pub exclude: crate::config::Excludes,
}

impl ReadRules {
    /// The default rules with text dates in `order`.
    pub fn new(order: DateOrder) -> ReadRules {
        ReadRules {
            order,
            period: None,
            missing_words: MISSING_WORDS.iter().map(|w| w.to_string()).collect(),
            duration_unit: DurationUnit::Minutes,
            exclude: crate::config::Excludes::default(),
        }
    }

    /// Whether the cell is one of the missing words: its text, or a
    /// number's shortest text.
    pub fn is_missing_word(&self, cell: CellRef<'_>) -> bool {
        let is_word = |text: &str| self.missing_words.iter().any(|w| w.eq_ignore_ascii_case(text));
        match cell {
            // Any length: a survey's "Not applicable – my degree doesn't offer a
            // placement year" is a configured missing answer too.
            CellRef::Text(text) => is_word(text.trim()),
            // A missing-value code in a numeric cell ("-99" for -99), by its
            // shortest text.
            CellRef::Number(n) => is_word(&number_text(n)),
            _ => false,
        }
    }

    /// A cell the fixed rules could not read (`parsed` is `Invalid`): missing
    /// when it is a missing word, else `parsed`.
    pub fn rescue<T>(&self, cell: CellRef<'_>, parsed: Parsed<T>) -> Parsed<T> {
        match parsed {
            Parsed::Invalid(_) if self.is_missing_word(cell) => Parsed::Missing,
            other => other,
        }
    }

    /// A date cell the fixed rules could not read: a missing word is missing,
    /// a day and month without a year is placed in the reporting period.
    pub fn rescue_date(&self, cell: CellRef<'_>, parsed: Parsed<NaiveDate>) -> Parsed<NaiveDate> {
        match (self.rescue(cell, parsed), cell, self.period) {
            (Parsed::Invalid(found), CellRef::Text(text), Some(period)) => {
                match yearless_in_period(text.trim(), self.order, period) {
                    Some(date) => Parsed::Value(date),
                    None => Parsed::Invalid(found),
                }
            }
            (other, ..) => other,
        }
    }
}

impl ReadRules {
    /// The rules an input's configuration sets (`source`), with the
    /// programme's reporting period for dates written without a year.
    pub fn for_input(config: &crate::config::Config, source: &crate::config::Source) -> ReadRules {
        let mut rules = ReadRules::new(source.date_order);
        rules.period = Some((config.programme.start, config.programme.as_of));
        if let Some(words) = &source.missing_words {
            rules.missing_words = words.iter().map(|w| w.trim().to_lowercase()).collect();
        }
        rules.duration_unit = source.duration_unit;
        rules.exclude = source.exclude.clone();
        rules
    }
}
