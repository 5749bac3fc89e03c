//! Dates: spreadsheet date cells, Excel serials, ISO text (with or without a
//! zone) and day-first (or month-first) text with four- or two-digit years,
//! month names and ordinals; a day and month without a year is placed in the
//! reporting period by `yearless_in_period`.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::{CellRef, Parsed, clean_text, found_text};
use crate::config::DateOrder;

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
    // An ISO date-time with a zone ("2025-10-14T23:30:00Z"): the UK calendar date.
    if let Some(date) = zoned_uk_date(text) {
        return date.map_or_else(invalid, Parsed::Value);
    }
    // A written date with a time of day after it ("October 22, 2025 17:00",
    // Acuity's; "Nov 18, 2025 2:00 PM", PeopleGrove's): the date.
    if let Some((date, _)) = trailing_time(text)
        && let Parsed::Value(d) = parse_date_text(date, order)
    {
        return Parsed::Value(d);
    }
    // Drop a time of day: "2026-10-05T14:30", "2026-10-05 14:30:00", "05/10/2026 14:30",
    // and Teams' "04/11/25, 12:58:26".
    let date_part = text
        .split(['T', ' '])
        .next()
        .filter(|_| looks_like_date_time(text))
        .map_or(text, |date| date.trim_end_matches(','));

    // ISO 8601: YYYY-MM-DD.
    if let Some((y, rest)) = date_part.split_once('-')
        && y.len() == 4
        && y.chars().all(|c| c.is_ascii_digit())
    {
        if let Some((m, d)) = rest.split_once('-') {
            return ymd(y, m, d).map_or_else(invalid, Parsed::Value);
        }
        return invalid();
    }
    // Numeric day-first (or month-first): 05/10/2026, 5.10.2026, 5-10-2026, 02/12/25.
    for sep in ['/', '.', '-'] {
        let parts: Vec<&str> = date_part.split(sep).collect();
        if parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        {
            let Some(year) = full_year(parts[2]) else {
                return invalid();
            };
            let (d, m) = match order {
                DateOrder::Dmy => (parts[0], parts[1]),
                DateOrder::Mdy => (parts[1], parts[0]),
            };
            return ymd(&year, m, d).map_or_else(invalid, Parsed::Value);
        }
    }
    // Words: "5 Oct 2026", "5th October 2026", "14-Oct-25", "Tue 14 Oct 2025", "Oct 5, 2026".
    if let Some((day, month, Some(year))) = day_month_words(text) {
        return full_year(year)
            .and_then(|year| ymd(&year, &month.to_string(), &day.to_string()))
            .map_or_else(invalid, Parsed::Value);
    }
    // A bare serial number written as text (CSV exports of date cells).
    if text.chars().all(|c| c.is_ascii_digit() || c == '.')
        && let Ok(serial) = text.parse::<f64>()
        && let Some(d) = serial_to_date(serial, false)
    {
        return Parsed::Value(d);
    }
    invalid()
}

/// A year of four digits, or of two (`25` is 2025; 00-69 are 20xx, 70-99 19xx).
fn full_year(year: &str) -> Option<String> {
    if !year.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    match year.len() {
        4 => Some(year.to_string()),
        2 => {
            let two: u32 = year.parse().ok()?;
            Some((if two < 70 { 2000 + two } else { 1900 + two }).to_string())
        }
        _ => None,
    }
}

/// Day, month and the year's digits (when written) of a date in words:
/// "5 Oct 2026", "1st Dec", "14-Oct-25", "Tuesday 14 October", "Oct 5th, 2026".
fn day_month_words(text: &str) -> Option<(u32, u32, Option<&str>)> {
    let words: Vec<&str> = text
        .split([' ', '-', '/', ','])
        .filter(|w| !w.is_empty())
        .collect();
    // A weekday before the date ("Tue 14 Oct 2025") says nothing more.
    let words = match words.first() {
        Some(first) if is_weekday(first) => &words[1..],
        _ => &words[..],
    };
    let (day, month, year) = match words {
        [a, b] => (*a, *b, None),
        [a, b, c] => (*a, *b, Some(*c)),
        _ => return None,
    };
    // Day first, or month first ("Oct 5").
    let (day, month) = match (ordinal_day(day), month_number(month)) {
        (Some(d), Some(m)) => (d, m),
        _ => (ordinal_day(month)?, month_number(day)?),
    };
    if let Some(year) = year
        && (!(year.len() == 2 || year.len() == 4) || !year.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    Some((day, month, year))
}

/// A day of the month, with or without its ordinal suffix ("1st", "22nd", "14").
fn ordinal_day(word: &str) -> Option<u32> {
    let lower = word.to_ascii_lowercase();
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(suffix))
        .unwrap_or(&lower);
    if digits.is_empty() || digits.len() > 2 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let lower = word.trim_end_matches('.').to_lowercase();
    lower.len() >= 3 && DAYS.iter().any(|d| d.starts_with(&lower))
}

/// A day and month written without a year ("1st Dec", "Dec 1", "01/12";
/// the last day-first unless `order` is month-first): the date in
/// `start..=end`, or None when no year puts it there or two do (never a guess).
pub fn yearless_in_period(
    text: &str,
    order: DateOrder,
    (start, end): (NaiveDate, NaiveDate),
) -> Option<NaiveDate> {
    // "Sep-25" is Excel's month and year, not 25 September.
    if let Some((month, rest)) = text.split_once('-')
        && month_number(month).is_some()
        && rest.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let (day, month) = match day_month_words(text) {
        Some((day, month, None)) => (day, month),
        Some(_) => return None,
        None => {
            let (a, b) = text.split_once(['/', '.'])?;
            let number = |p: &str| -> Option<u32> {
                (!p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()))
                    .then(|| p.parse().ok())
                    .flatten()
            };
            match order {
                DateOrder::Dmy => (number(a)?, number(b)?),
                DateOrder::Mdy => (number(b)?, number(a)?),
            }
        }
    };
    let mut found = (start.year()..=end.year())
        .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
        .filter(|date| (start..=end).contains(date));
    let date = found.next()?;
    found.next().is_none().then_some(date)
}

/// An ISO date-time with a zone (`Z` or `+01:00`), as the calendar date in
/// the UK (GMT, or BST from 01:00 UTC on March's last Sunday to 01:00 UTC on
/// October's last Sunday): Some(None) when it has a zone but is impossible;
/// None when the text has no zone.
fn zoned_uk_date(text: &str) -> Option<Option<NaiveDate>> {
    let (date, time) = text.split_once('T')?;
    if date.len() != 10 || !date.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let (clock, offset_minutes) = if let Some(clock) = time.strip_suffix(['Z', 'z']) {
        (clock, 0)
    } else {
        let at = time.rfind(['+', '-'])?;
        let (clock, zone) = time.split_at(at);
        let sign = if zone.starts_with('-') { -1 } else { 1 };
        let zone = zone[1..].replace(':', "");
        if zone.len() != 4 || !zone.chars().all(|c| c.is_ascii_digit()) {
            return Some(None);
        }
        let hours: i64 = zone[..2].parse().ok()?;
        let minutes: i64 = zone[2..].parse().ok()?;
        (clock, sign * (hours * 60 + minutes))
    };
    let clock = clock.split('.').next().unwrap_or(clock);
    let parsed = NaiveDateTime::parse_from_str(&format!("{date}T{clock}"), "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(&format!("{date}T{clock}"), "%Y-%m-%dT%H:%M"));
    let Ok(local) = parsed else {
        return Some(None);
    };
    let utc = local - chrono::Duration::minutes(offset_minutes);
    Some(Some(uk_local(utc).date()))
}

/// A UTC date-time as UK clock time.
fn uk_local(utc: NaiveDateTime) -> NaiveDateTime {
    let last_sunday = |month: u32| -> Option<NaiveDateTime> {
        let first_next = NaiveDate::from_ymd_opt(utc.year(), month + 1, 1)?;
        let last = first_next.pred_opt()?;
        let back = i64::from(last.weekday().num_days_from_sunday());
        (last - chrono::Duration::days(back)).and_hms_opt(1, 0, 0)
    };
    match (last_sunday(3), last_sunday(10)) {
        (Some(begins), Some(ends)) if utc >= begins && utc < ends => utc + chrono::Duration::hours(1),
        _ => utc,
    }
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
            let time = trailing_time(text)
                .map(|(_, time)| time)
                .or_else(|| {
                    text.split_once(['T', ' '])
                        .and_then(|(_, time)| time_of_day(time.trim()))
                })
                .unwrap_or(chrono::NaiveTime::MIN);
            Some(date.and_time(time))
        }
        _ => None,
    }
}

/// A time of day: a 24-hour clock, or a 12-hour one (Calendly's "03:00 pm").
fn time_of_day(text: &str) -> Option<chrono::NaiveTime> {
    ["%H:%M:%S", "%H:%M", "%I:%M %p", "%I:%M:%S %p", "%I:%M%p"]
        .iter()
        .find_map(|format| chrono::NaiveTime::parse_from_str(text, format).ok())
}

/// A text ending in a time of day after a space ("October 22, 2025 17:00",
/// "Nov 18, 2025 2:00 PM"): the text before it, its trailing comma gone,
/// and the time.
fn trailing_time(text: &str) -> Option<(&str, chrono::NaiveTime)> {
    // The clock is the last word, or the last two with AM or PM, after
    // one space.
    let last_space = text.rfind(' ')?;
    let (head, last) = (&text[..last_space], &text[last_space + 1..]);
    let (date, clock) = if last.eq_ignore_ascii_case("am") || last.eq_ignore_ascii_case("pm") {
        let before = head.rfind(' ')?;
        (&head[..before], &text[before + 1..])
    } else {
        (head, last)
    };
    if date.ends_with(char::is_whitespace)
        || !clock.contains(':')
        || !clock.starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let time = time_of_day(clock)?;
    let date = date.trim_end_matches(',');
    (!date.is_empty()).then_some((date, time))
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
