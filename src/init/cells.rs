//! What a column's values are, for telling which field a column holds:
//! dates, flags, numbers, codes, emails and the rest (`ValueKind`).

use crate::config::DateOrder;
use crate::ingest::preview::SheetPreview;
use crate::ingest::values::{
    MISSING_WORDS, Parsed, parse_date_text, parse_duration_text, yearless_in_period,
};

/// What a field's column holds, checked on its values (`values::fits`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// Short codes without spaces, each row its own (a cohort's student ids).
    UniqueId,
    /// Codes or names that may recur (a log's student ids, mentors).
    Reference,
    Email,
    /// Few distinct texts (departments, kinds, sectors).
    Label,
    Flag,
    FlagOrDate,
    Date,
    Number,
    Duration,
    Text,
}

/// The non-empty values of column `c` of `sheet`, missing words left out.
pub fn column_values(sheet: &SheetPreview, c: usize) -> Vec<&str> {
    sheet
        .rows
        .iter()
        .filter_map(|row| row.get(c).and_then(|v| v.as_deref()))
        .map(str::trim)
        .filter(|v| {
            crate::ingest::values::clean_text(v).is_some()
                && !MISSING_WORDS.iter().any(|w| w.eq_ignore_ascii_case(v))
        })
        .collect()
}

/// Whether a value is a date (or a date-time, or a day and month).
pub fn is_date(value: &str) -> bool {
    // Digits alone are ids or counts, unless a date serial of 2000-2049.
    if value.chars().all(|c| c.is_ascii_digit() || c == '.') && value.matches('.').count() <= 1 {
        return value
            .parse::<f64>()
            .is_ok_and(|n| (36_526.0..54_789.0).contains(&n))
            && value.len() <= 9;
    }
    let year_2000 = (
        chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default(),
        chrono::NaiveDate::from_ymd_opt(2000, 12, 31).unwrap_or_default(),
    );
    matches!(parse_date_text(value, DateOrder::Dmy), Parsed::Value(_))
        || matches!(parse_date_text(value, DateOrder::Mdy), Parsed::Value(_))
        || yearless_in_period(value, DateOrder::Dmy, year_2000).is_some()
}

/// Whether a value is a flag (yes/no, y/n, true/false, 1/0, x, a tick) or a date.
pub fn is_flag(value: &str) -> bool {
    const FLAGS: [&str; 16] = [
        "y",
        "yes",
        "true",
        "t",
        "1",
        "x",
        "✓",
        "✔",
        "n",
        "no",
        "false",
        "f",
        "0",
        "attended",
        "completed",
        "checked",
    ];
    FLAGS.iter().any(|f| f.eq_ignore_ascii_case(value))
        || crate::ingest::values::bilingual_flag(value).is_some()
        || is_date(value)
}

/// Whether a value is a number (a trailing % allowed).
pub fn is_number(value: &str) -> bool {
    value
        .trim_end_matches('%')
        .trim()
        .parse::<f64>()
        .is_ok_and(f64::is_finite)
}

/// Whether a value is a short code: no spaces, letters, digits and - _ / . #.
pub fn is_code(value: &str) -> bool {
    value.len() <= 24
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/' | '.' | '#'))
}

/// How many distinct values column `c` holds.
pub fn distinct_count(sheet: &SheetPreview, c: usize) -> usize {
    let mut values = column_values(sheet, c);
    values.sort_unstable();
    values.dedup();
    values.len()
}

/// The share of column `c`'s rows whose value at least `size` rows hold
/// (students in a unit of at least `size`).
pub fn share_in_units_of(sheet: &SheetPreview, c: usize, size: usize) -> f64 {
    let mut values = column_values(sheet, c);
    values.sort_unstable();
    let large: usize = values
        .chunk_by(|a, b| a == b)
        .map(<[_]>::len)
        .filter(|&n| n >= size)
        .sum();
    large as f64 / values.len().max(1) as f64
}

/// Whether column `c` of `sheet` holds values of `kind` (true when it
/// holds none: the header decides).
pub fn column_fits(sheet: &SheetPreview, c: usize, kind: ValueKind) -> bool {
    let values = column_values(sheet, c);
    if values.is_empty() {
        return true;
    }
    let share =
        |fits: &dyn Fn(&str) -> bool| values.iter().filter(|v| fits(v)).count() as f64 / values.len() as f64;
    let distinct = || {
        let mut d: Vec<&str> = values.clone();
        d.sort_unstable();
        d.dedup();
        d.len()
    };
    match kind {
        ValueKind::UniqueId => share(&is_code) >= 0.9 && distinct() * 10 >= values.len() * 9,
        ValueKind::Reference => share(&|v| !is_date(v) && v.len() <= 60) >= 0.8,
        ValueKind::Email => share(&|v| v.contains('@')) >= 0.8,
        ValueKind::Label => {
            share(&|v| !is_date(v) && v.len() <= 80) >= 0.8 && distinct() <= 40.max(values.len() / 4)
        }
        ValueKind::Flag | ValueKind::FlagOrDate => fits_but_a_few_words(&values, &is_flag),
        ValueKind::Date => fits_but_a_few_words(&values, &is_date),
        ValueKind::Number => share(&is_number) >= 0.8,
        ValueKind::Duration => share(&|v| parse_duration_text(v).is_some()) >= 0.6,
        ValueKind::Text => true,
    }
}

/// Whether most values fit: four in five, or three in five when the rest
/// are a few short words the team typed ("Apol.", "matched after"), which
/// init proposes as missing words.
fn fits_but_a_few_words(values: &[&str], fits: &dyn Fn(&str) -> bool) -> bool {
    let rest: Vec<&str> = values.iter().copied().filter(|v| !fits(v)).collect();
    let share = 1.0 - rest.len() as f64 / values.len() as f64;
    if share >= 0.8 {
        return true;
    }
    let mut words: Vec<String> = rest.iter().map(|v| v.trim().to_lowercase()).collect();
    words.sort_unstable();
    words.dedup();
    share >= 0.6
        && words.len() <= 4
        && words.iter().all(|w| {
            w.chars().count() <= 20
                && w.split_whitespace().count() <= 3
                && !w.chars().any(|c| c.is_ascii_digit())
        })
}

/// Whether every value of column `c` is a short code (BMG, ACF, L100: at
/// most six capital letters or digits), not a name.
pub fn all_codes(sheet: &SheetPreview, c: usize) -> bool {
    let values = column_values(sheet, c);
    !values.is_empty()
        && values
            .iter()
            .all(|v| v.len() <= 6 && v.chars().all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit()))
}
