//! mentor_name_near_miss: mentors named rather than coded, spelt in the
//! cohort or the log one letter away from a mentor of the bank (or given by
//! first name only where one mentor has it). Never joined: the user decides.

use rustc_hash::FxHashMap;

use super::{Finding, Rule};
use crate::ingest::{Origin, TableInfo};

/// Where one input's mentor ids sit, for `near_misses`.
pub struct MentorColumn<'a> {
    pub info: &'a TableInfo,
    /// The file's column header.
    pub column: &'a str,
}

/// The mentors a spelling is checked against: key -> the row naming it,
/// and where those rows are ("the mentor bank", "the cohort").
pub struct Known<'a> {
    pub rows: FxHashMap<&'a str, Origin>,
    pub info: &'a TableInfo,
}

/// Near misses of one input: findings that name rows only (data-quality.csv
/// and the report hold no names), and for the terminal, lines that name
/// both spellings.
#[derive(Debug, Default)]
pub struct NearMisses {
    pub findings: Vec<Finding>,
    pub notes: Vec<String>,
}

/// One finding per distinct spelling in `used` ((row origin, key) in row
/// order) that is not known but is a near miss of one that is.
pub fn near_misses<'k>(
    known: &Known<'_>,
    place: MentorColumn<'_>,
    used: impl Iterator<Item = (Origin, &'k str)>,
) -> NearMisses {
    let mut first_seen: FxHashMap<&str, Origin> = FxHashMap::default();
    for (origin, key) in used {
        if !known.rows.contains_key(key) {
            first_seen.entry(key).or_insert(origin);
        }
    }
    // The known names once, sorted (a near miss is the first in this order).
    let mut names: Vec<&str> = known.rows.keys().copied().filter(|k| is_name(k)).collect();
    names.sort_unstable();
    let mut found: Vec<(Finding, String)> = first_seen
        .into_iter()
        .filter_map(|(key, origin)| {
            let (partner, how) = near_miss(key, &names)?;
            let partner_row = known.rows.get(partner)?;
            let partner_place = describe_row(known.info, *partner_row);
            let finding = Finding::at(
                place.info,
                origin,
                place.column,
                Rule::MentorNameNearMiss,
                format!(
                    "the mentor named here is not in {}, but may be the mentor of {partner_place} ({how}); \
                     not joined: correct the spelling if they are one mentor",
                    if known.info.input == "mentors" {
                        "the mentor bank"
                    } else {
                        "the cohort"
                    }
                ),
            );
            let note = format!(
                "{}: {}: mentor \"{key}\" may be \"{partner}\" of {partner_place} ({how}); not joined",
                place.info.input,
                describe_row(place.info, origin),
            );
            Some((finding, note))
        })
        .collect();
    found.sort();
    let (findings, notes) = found.into_iter().unzip();
    NearMisses { findings, notes }
}

/// "file, sheet 'S', row 12" of a row.
fn describe_row(info: &TableInfo, origin: Origin) -> String {
    match info.sources.get(origin.source as usize) {
        Some(source) => format!("{}, row {}", source.describe(), origin.row),
        None => format!("row {}", origin.row),
    }
}

/// Whether a key is a name (letters, no digits), not a code: codes one
/// character apart (`M0034`, `M0035`) are different mentors.
fn is_name(key: &str) -> bool {
    key.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !key.chars().any(|c| c.is_ascii_digit())
}

/// The known name `key` nearly is, and how: one edit apart, or the only
/// known name with `key` as its first name.
fn near_miss<'k>(key: &str, names: &[&'k str]) -> Option<(&'k str, &'static str)> {
    if !is_name(key) {
        return None;
    }
    // One edit apart: lengths within one (checked first: it is cheap).
    let length = key.chars().count();
    if let Some(close) = names.iter().find(|k| {
        k.chars().count().abs_diff(length) <= 1
            && key.len().min(k.len()) >= 4
            && strsim::levenshtein(key, k) == 1
    }) {
        return Some((close, "one letter apart"));
    }
    if !key.contains(' ') {
        let mut same_first = names
            .iter()
            .filter(|k| k.split(' ').next() == Some(key) && k.contains(' '));
        if let (Some(only), None) = (same_first.next(), same_first.next()) {
            return Some((only, "the first name of that mentor only"));
        }
    }
    None
}
