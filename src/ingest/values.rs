//! Value parsing rules of inputs.md, shared by every input: missing-value
//! tokens, flags, dates (spreadsheet cells, Excel serials, ISO and day-first
//! text), numbers and ids.

use chrono::{NaiveDate, NaiveDateTime};

use super::CellRef;
use crate::config::DateOrder;

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
/// Flag texts meaning true (compared case-insensitively).
const TRUE_TOKENS: [&str; 8] = ["y", "yes", "true", "t", "1", "x", "✓", "✔"];
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
            // The tokens are ASCII (or symbols without case), so an ASCII
            // case-insensitive comparison equals lower-casing, without allocating.
            if TRUE_TOKENS.iter().any(|t| t.eq_ignore_ascii_case(text)) {
                Parsed::Value((true, None))
            } else if FALSE_TOKENS.iter().any(|t| t.eq_ignore_ascii_case(text)) {
                Parsed::Value((false, None))
            } else if let Parsed::Value(date) = parse_date_text(text, order) {
                Parsed::Value((true, Some(date)))
            } else {
                Parsed::Invalid(found_text(cell))
            }
        }
        CellRef::Number(_) | CellRef::Error(_) | CellRef::Duration(_) => Parsed::Invalid(found_text(cell)),
    }
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

/// Reads a date cell: spreadsheet dates, Excel serial numbers (1900 system, or
/// 1904 when the workbook says so), ISO text and day-first (or month-first) text.
pub fn parse_date<'a>(cell: impl Into<CellRef<'a>>, order: DateOrder, date1904: bool) -> Parsed<NaiveDate> {
    let cell = cell.into();
    match &cell {
        CellRef::Empty => Parsed::Missing,
        CellRef::Date(d) => Parsed::Value(d.date()),
        CellRef::Number(n) => match serial_to_date(*n, date1904) {
            Some(d) => Parsed::Value(d),
            None => Parsed::Invalid(found_text(cell)),
        },
        CellRef::Text(t) => match clean_text(t) {
            None => Parsed::Missing,
            Some(text) => parse_date_text(text, order),
        },
        CellRef::Bool(_) | CellRef::Error(_) | CellRef::Duration(_) => Parsed::Invalid(found_text(cell)),
    }
}

/// Converts an Excel serial day number to a date. 1900 system: serial 1 is
/// 1900-01-01 and serial 60 is Excel's fictional 1900-02-29 (refused); 1904
/// system: serial 0 is 1904-01-01. The time part is dropped.
pub fn serial_to_date(serial: f64, date1904: bool) -> Option<NaiveDate> {
    // NaN and the infinities are outside the range too.
    if !(0.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let (base, offset) = if date1904 {
        (NaiveDate::from_ymd_opt(1904, 1, 1)?, days)
    } else if days < 1 || days == 60 {
        return None;
    } else if days < 60 {
        (NaiveDate::from_ymd_opt(1899, 12, 31)?, days)
    } else {
        (NaiveDate::from_ymd_opt(1899, 12, 30)?, days)
    };
    base.checked_add_signed(chrono::Duration::days(offset))
}

/// Parses a trimmed, non-missing date text.
pub fn parse_date_text(text: &str, order: DateOrder) -> Parsed<NaiveDate> {
    let invalid = || Parsed::Invalid(text.chars().take(40).collect());
    // Most cells are plain YYYY-MM-DD or DD/MM/YYYY: read those without the
    // general path's splitting (same result, no allocation per cell).
    if let Some(date) = plain_numeric_date(text.as_bytes(), order) {
        return date.map_or_else(invalid, Parsed::Value);
    }
    // Drop a time of day: "2026-10-05T14:30", "2026-10-05 14:30:00", "05/10/2026 14:30".
    let date_part = text
        .split(['T', ' '])
        .next()
        .filter(|_| looks_like_date_time(text))
        .unwrap_or(text);

    // ISO 8601: YYYY-MM-DD.
    if let Some((y, rest)) = date_part.split_once('-') {
        if y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()) {
            if let Some((m, d)) = rest.split_once('-') {
                return ymd(y, m, d).map_or_else(invalid, Parsed::Value);
            }
            return invalid();
        }
    }
    // Numeric day-first (or month-first): 05/10/2026, 5.10.2026, 5-10-2026.
    for sep in ['/', '.', '-'] {
        let parts: Vec<&str> = date_part.split(sep).collect();
        if parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        {
            if parts[2].len() != 4 {
                return invalid(); // two-digit years are ambiguous: never guess
            }
            let (d, m) = match order {
                DateOrder::Dmy => (parts[0], parts[1]),
                DateOrder::Mdy => (parts[1], parts[0]),
            };
            return ymd(parts[2], m, d).map_or_else(invalid, Parsed::Value);
        }
    }
    // "5 Oct 2026", "5 October 2026".
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() == 3 {
        if let Some(month) = month_number(words[1]) {
            if words[2].len() == 4 {
                return ymd(words[2], &month.to_string(), words[0]).map_or_else(invalid, Parsed::Value);
            }
        }
    }
    // A bare serial number written as text (CSV exports of date cells).
    if text.chars().all(|c| c.is_ascii_digit() || c == '.') {
        if let Ok(serial) = text.parse::<f64>() {
            if let Some(d) = serial_to_date(serial, false) {
                return Parsed::Value(d);
            }
        }
    }
    invalid()
}

/// `YYYY-MM-DD` or `D/M/YYYY` (one or two digits for day and month; month
/// first for `Mdy`) read directly: Some(the date, or None when impossible),
/// or None when the text has another form (the general path reads it).
fn plain_numeric_date(bytes: &[u8], order: DateOrder) -> Option<Option<NaiveDate>> {
    fn number(digits: &[u8]) -> Option<u32> {
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    }
    let date = |year: u32, month: u32, day: u32| {
        if !(1900..=9999).contains(&year) {
            return None;
        }
        NaiveDate::from_ymd_opt(year as i32, month, day)
    };
    if bytes.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-' {
        let (year, month, day) = (number(&bytes[..4])?, number(&bytes[5..7])?, number(&bytes[8..])?);
        return Some(date(year, month, day));
    }
    let mut parts = bytes.split(|b| *b == b'/');
    let (first, second, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || first.len() > 2 || second.len() > 2 || year.len() != 4 {
        return None;
    }
    let (first, second, year) = (number(first)?, number(second)?, number(year)?);
    let (day, month) = match order {
        DateOrder::Dmy => (first, second),
        DateOrder::Mdy => (second, first),
    };
    Some(date(year, month, day))
}

/// Whether the text has a time after the date ("...T14:30" or "... 14:30").
fn looks_like_date_time(text: &str) -> bool {
    text.split_once(['T', ' ']).is_some_and(|(_, time)| {
        time.contains(':') && time.chars().next().is_some_and(|c| c.is_ascii_digit())
    })
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    let year: i32 = y.parse().ok()?;
    let month: u32 = m.parse().ok()?;
    let day: u32 = d.parse().ok()?;
    if !(1900..=9999).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = word.trim_end_matches('.').to_lowercase();
    let index = if lower == "sept" {
        Some(8)
    } else {
        MONTHS
            .iter()
            .position(|m| *m == lower || (lower.len() == 3 && m.starts_with(&lower)))
    };
    index.map(|i| i as u32 + 1)
}

/// A spreadsheet date-time as a NaiveDateTime from its components, or None when impossible
/// (Excel's fictional 1900-02-29).
pub fn datetime_from_parts(y: u16, mo: u8, d: u8, h: u8, mi: u8, s: u8) -> Option<NaiveDateTime> {
    NaiveDate::from_ymd_opt(i32::from(y), u32::from(mo), u32::from(d))?.and_hms_opt(
        u32::from(h),
        u32::from(mi),
        u32::from(s),
    )
}

/// Reads a meeting duration in minutes: a number (minutes), a duration cell,
/// or text such as `60`, `1h 30m`, `45 min`, `1.5 hours`, `01:30`.
pub fn parse_duration<'a>(cell: impl Into<CellRef<'a>>) -> Parsed<f64> {
    let cell = cell.into();
    match &cell {
        CellRef::Empty => Parsed::Missing,
        CellRef::Number(n) if n.is_finite() => Parsed::Value(*n),
        CellRef::Duration(m) => Parsed::Value(*m),
        CellRef::Text(t) => match clean_text(t) {
            None => Parsed::Missing,
            Some(text) => {
                parse_duration_text(text).map_or_else(|| Parsed::Invalid(found_text(cell)), Parsed::Value)
            }
        },
        _ => Parsed::Invalid(found_text(cell)),
    }
}

/// Minutes in a duration text, or None.
pub fn parse_duration_text(text: &str) -> Option<f64> {
    let lower = lowercase(text.trim());
    // Clock form: h:mm or h:mm:ss.
    if lower.contains(':') {
        let parts: Vec<&str> = lower.split(':').collect();
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
        return Some(hours * 60.0 + minutes + seconds / 60.0);
    }
    // Number-unit pairs: "1h 30m", "1.5 hours", "45 min", "90".
    let mut total = 0.0;
    let mut rest: &str = &lower;
    let mut pairs = 0;
    while !rest.trim_start().is_empty() {
        rest = rest.trim_start();
        let number_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if number_end == 0 {
            return None;
        }
        let value: f64 = rest[..number_end].parse().ok()?;
        rest = rest[number_end..].trim_start();
        let unit_end = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
        let unit = &rest[..unit_end];
        rest = &rest[unit_end..];
        let factor = match unit {
            "" if pairs == 0 && rest.trim().is_empty() => 1.0,
            "h" | "hr" | "hrs" | "hour" | "hours" => 60.0,
            "m" | "min" | "mins" | "minute" | "minutes" => 1.0,
            _ => return None,
        };
        total += value * factor;
        pairs += 1;
    }
    (pairs > 0).then_some(total)
}

/// Reads a date-time (survey completion times): date cells, ISO text with a
/// time, day-first (or month-first) text with a time; a date alone is midnight.
pub fn parse_datetime<'a>(
    cell: impl Into<CellRef<'a>>,
    order: DateOrder,
    date1904: bool,
) -> Option<NaiveDateTime> {
    let cell = cell.into();
    match &cell {
        CellRef::Date(dt) => Some(*dt),
        CellRef::Number(n) => {
            let date = serial_to_date(*n, date1904)?;
            let seconds = ((n - n.floor()) * 86_400.0).round() as i64;
            Some(date.and_hms_opt(0, 0, 0)? + chrono::Duration::seconds(seconds))
        }
        CellRef::Text(t) => {
            let text = clean_text(t)?;
            if let Some(date_time) = plain_date_time(text, order) {
                return Some(date_time);
            }
            let Parsed::Value(date) = parse_date_text(text, order) else {
                return None;
            };
            let time = text
                .split_once(['T', ' '])
                .map(|(_, time)| time.trim())
                .and_then(|time| {
                    chrono::NaiveTime::parse_from_str(time, "%H:%M:%S")
                        .or_else(|_| chrono::NaiveTime::parse_from_str(time, "%H:%M"))
                        .ok()
                })
                .unwrap_or(chrono::NaiveTime::MIN);
            Some(date.and_time(time))
        }
        _ => None,
    }
}

/// `<plain date> HH:MM` or `<plain date> HH:MM:SS` (date and time separated
/// by a space or `T`; the date as `plain_numeric_date` reads it) read
/// directly, as the general path would read it; None for any other form or
/// an impossible value (the general path then decides).
fn plain_date_time(text: &str, order: DateOrder) -> Option<NaiveDateTime> {
    let (date, time) = text.split_once([' ', 'T'])?;
    let date = plain_numeric_date(date.as_bytes(), order)??;
    let time = time.as_bytes();
    let two = |i: usize| -> Option<u32> {
        let (tens, units) = (time[i], time[i + 1]);
        (tens.is_ascii_digit() && units.is_ascii_digit())
            .then(|| u32::from(tens - b'0') * 10 + u32::from(units - b'0'))
    };
    let (hour, minute, second) = match time.len() {
        5 if time[2] == b':' => (two(0)?, two(3)?, 0),
        8 if time[2] == b':' && time[5] == b':' => (two(0)?, two(3)?, two(6)?),
        _ => return None,
    };
    date.and_hms_opt(hour, minute, second)
}
