//! Meeting durations: numbers, duration cells, clock text and durations
//! written in words as co-ordinators type them ("an hour", "half an hour",
//! "about 40 mins", "1 hour 15").

use super::{CellRef, Parsed, clean_text, found_text, lowercase};
use crate::config::DurationUnit;

/// Reads a meeting duration in minutes: a number (minutes), a duration cell,
/// or text such as `60`, `1h 30m`, `45 min`, `1.5 hours`, `01:30`, `an hour`.
pub fn parse_duration<'a>(cell: impl Into<CellRef<'a>>) -> Parsed<f64> {
    parse_duration_in(cell, DurationUnit::Minutes)
}

/// `parse_duration`, with bare numbers counted in `unit`.
pub fn parse_duration_in<'a>(cell: impl Into<CellRef<'a>>, unit: DurationUnit) -> Parsed<f64> {
    let cell = cell.into();
    match &cell {
        CellRef::Empty => Parsed::Missing,
        CellRef::Number(n) if n.is_finite() => Parsed::Value(n * unit.minutes()),
        CellRef::Duration(m) => Parsed::Value(*m),
        CellRef::Text(t) => match clean_text(t) {
            None => Parsed::Missing,
            Some(text) => {
                duration_text_in(text, unit).map_or_else(|| Parsed::Invalid(found_text(cell)), Parsed::Value)
            }
        },
        _ => Parsed::Invalid(found_text(cell)),
    }
}

/// Minutes in a duration text (bare numbers are minutes), or None.
pub fn parse_duration_text(text: &str) -> Option<f64> {
    duration_text_in(text, DurationUnit::Minutes)
}

/// Words that say a duration is approximate: skipped ("about 40 mins").
const HEDGES: [&str; 16] = [
    "about",
    "approx",
    "approximately",
    "around",
    "roughly",
    "circa",
    "c",
    "ca",
    "just",
    "over",
    "nearly",
    "almost",
    "ish",
    "est",
    "estimated",
    "of",
];

/// Minutes in a duration text, bare numbers counted in `unit`.
fn duration_text_in(text: &str, unit: DurationUnit) -> Option<f64> {
    let lower = lowercase(text.trim());
    let lower = lower.trim_end_matches('.');
    if let Some(minutes) = clock(lower) {
        return Some(minutes);
    }
    if let Some(minutes) = range(lower, unit) {
        return Some(minutes);
    }
    let tokens = tokens(lower)?;
    let mut reading = Reading::default();
    for token in tokens {
        reading.take(token)?;
    }
    reading.finish(unit)
}

/// A form's band of lengths, "30-45 minutes", "1 to 2 hours": its
/// midpoint (docs/decisions.md). The first end is a bare number in the
/// second's unit.
fn range(text: &str, unit: DurationUnit) -> Option<f64> {
    let (low, high) = text
        .split_once(" to ")
        .or_else(|| text.split_once(['-', '\u{2013}']))?;
    let low: f64 = low.trim().parse().ok()?;
    let high = high.trim();
    let digits = high
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(high.len());
    let top: f64 = high[..digits].parse().ok()?;
    let high_minutes = duration_text_in(high, unit)?;
    (top > low && low >= 0.0).then(|| (low * high_minutes / top + high_minutes) / 2.0)
}

/// Clock form: `h:mm` or `h:mm:ss`, perhaps followed by a unit word ("1:30 hrs").
fn clock(text: &str) -> Option<f64> {
    if !text.contains(':') {
        return None;
    }
    let digits = text.trim_end_matches(|c: char| c.is_alphabetic() || c == ' ');
    // Only a unit may follow a clock ("1:30 hrs"; "10:30am" is a time of day).
    let unit = text[digits.len()..].trim();
    if !unit.is_empty() && unit_minutes(unit).is_none() {
        return None;
    }
    let parts: Vec<&str> = digits.split(':').collect();
    if parts.len() > 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let hours: f64 = parts[0].parse().ok()?;
    let minutes: f64 = parts[1].parse().ok()?;
    let seconds: f64 = parts.get(2).map_or(Some(0.0), |s| s.parse().ok())?;
    if minutes >= 60.0 || seconds >= 60.0 {
        return None;
    }
    Some(hours * 60.0 + minutes + seconds / 60.0)
}

/// A piece of a duration text.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Token<'a> {
    Number(f64),
    Word(&'a str),
}

/// Splits into numbers and words ("1h30" is 1, h, 30); spaces, hyphens,
/// commas, `~` and `+` separate. None when another character appears.
fn tokens(text: &str) -> Option<Vec<Token<'_>>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(first) = rest.chars().next() {
        if first.is_ascii_digit() || (first == '.' && rest[1..].starts_with(|c: char| c.is_ascii_digit())) {
            let end = rest
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(rest.len());
            out.push(Token::Number(rest[..end].parse().ok()?));
            rest = &rest[end..];
        } else if first.is_alphabetic() {
            let end = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
            out.push(Token::Word(&rest[..end]));
            rest = &rest[end..];
        } else if matches!(first, ' ' | '-' | ',' | '~' | '+' | '\t' | '(' | ')' | '.') {
            rest = &rest[first.len_utf8()..];
        } else {
            return None;
        }
    }
    Some(out)
}

/// Where a quantity not yet followed by a unit came from.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
enum Source {
    #[default]
    None,
    /// Digits ("40").
    Number,
    /// A number word ("forty").
    NumberWord,
    /// The article "a"/"an" (one, unless "half" or "quarter" follows).
    Article,
    /// A fraction word ("half", "quarter").
    Fraction,
}

/// A duration text read left to right.
#[derive(Debug, Default)]
struct Reading {
    total: f64,
    /// The quantity waiting for its unit.
    pending: Option<f64>,
    source: Source,
    /// Minutes per unit of the last unit word.
    last_unit: Option<f64>,
    units: usize,
    /// "and a" followed a whole number: a fraction adds to it.
    adding: bool,
}

impl Reading {
    /// Takes one token; None when it cannot be part of a duration.
    fn take(&mut self, token: Token<'_>) -> Option<()> {
        match token {
            Token::Number(n) => self.quantity(n, Source::Number),
            Token::Word(word) => self.word(word),
        }
    }

    fn quantity(&mut self, value: f64, source: Source) -> Option<()> {
        match (self.pending, self.source, source) {
            (None, ..) => {}
            // "forty five": the units follow the tens.
            (Some(tens), Source::NumberWord, Source::NumberWord) if tens % 10.0 == 0.0 && value < 10.0 => {
                self.pending = Some(tens + value);
                return Some(());
            }
            // "half an hour": the article after the fraction adds nothing;
            // "two and a quarter": the fraction after it adds to the whole.
            (Some(_), from, Source::Article) => {
                self.adding = matches!(from, Source::Number | Source::NumberWord);
                return Some(());
            }
            _ => return None,
        }
        self.pending = Some(value);
        self.source = source;
        Some(())
    }

    fn fraction(&mut self, part: f64) -> Option<()> {
        self.pending = Some(match (self.pending, self.source) {
            (None, _) | (Some(_), Source::Article) => part,
            // "one and a half", "two and a quarter": the fraction adds to the whole.
            (Some(whole), Source::Number | Source::NumberWord) if part == 0.5 || self.adding => whole + part,
            // "three quarters": the fraction counts quarters.
            (Some(count), Source::Number | Source::NumberWord) => count * part,
            _ => return None,
        });
        self.source = Source::Fraction;
        Some(())
    }

    fn unit(&mut self, minutes: f64) -> Option<()> {
        // A unit word without a quantity ("hours", "hour hour") is not a duration.
        let quantity = self.pending.take()?;
        self.total += quantity * minutes;
        self.last_unit = Some(minutes);
        self.units += 1;
        self.source = Source::None;
        Some(())
    }

    fn word(&mut self, word: &str) -> Option<()> {
        if HEDGES.contains(&word) || word == "and" {
            return Some(());
        }
        if let Some(minutes) = unit_minutes(word) {
            return self.unit(minutes);
        }
        match word {
            "a" | "an" => self.quantity(1.0, Source::Article),
            "half" => self.fraction(0.5),
            "quarter" | "quarters" => self.fraction(0.25),
            _ => self.quantity(number_word(word)?, Source::NumberWord),
        }
    }

    /// The total: a quantity left without a unit is minutes after an hour
    /// ("1 hour 15"), a fraction of the last unit ("an hour and a half"), or,
    /// alone, a bare number in `unit`.
    fn finish(self, unit: DurationUnit) -> Option<f64> {
        let Some(pending) = self.pending else {
            return (self.units > 0).then_some(self.total);
        };
        match (self.last_unit, self.source) {
            (None, Source::Number | Source::NumberWord) => Some(pending * unit.minutes()),
            (Some(last), Source::Fraction) => Some(self.total + pending * last),
            (Some(60.0), Source::Number | Source::NumberWord) => Some(self.total + pending),
            _ => None,
        }
    }
}

/// Minutes in one unit word.
fn unit_minutes(word: &str) -> Option<f64> {
    match word {
        "h" | "hr" | "hrs" | "hour" | "hours" => Some(60.0),
        "m" | "min" | "mins" | "minute" | "minutes" | "mn" => Some(1.0),
        // Teams' attendance reports: "45m 12s", "1h 2m 5s".
        "s" | "sec" | "secs" | "second" | "seconds" => Some(1.0 / 60.0),
        _ => None,
    }
}

/// A number written as a word ("forty").
fn number_word(word: &str) -> Option<f64> {
    const SMALL: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    const TENS: [(&str, f64); 5] = [
        ("thirty", 30.0),
        ("forty", 40.0),
        ("fifty", 50.0),
        ("sixty", 60.0),
        ("ninety", 90.0),
    ];
    SMALL
        .iter()
        .position(|w| *w == word)
        .map(|i| i as f64)
        .or_else(|| TENS.iter().find(|(w, _)| *w == word).map(|(_, n)| *n))
}
