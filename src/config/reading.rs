//! The keys that say how an input's files are read, beside its columns:
//! where the header is, which rows to leave out, which words mean missing,
//! and what a bare duration counts (inputs.md, "Exports as they come").

use serde::{Deserialize, Deserializer};

/// What a bare number in a duration column counts (`duration_unit`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DurationUnit {
    /// Minutes, the default.
    #[default]
    Minutes,
    /// Hours (`0.75` is 45 minutes).
    Hours,
}

impl DurationUnit {
    /// Minutes in one unit.
    pub fn minutes(self) -> f64 {
        match self {
            DurationUnit::Minutes => 1.0,
            DurationUnit::Hours => 60.0,
        }
    }
}

/// One `exclude` rule: rows whose cell in `column` is one of `in`
/// (trimmed, case-insensitively) are left out of every metric.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExcludeRule {
    /// The file's column header.
    pub column: String,
    /// The values that leave a row out.
    #[serde(rename = "in", deserialize_with = "super::scalar_texts")]
    pub values: Vec<String>,
}

/// `exclude = { ... }` or `exclude = [{ ... }, { ... }]`.
#[derive(Debug, Clone, Default)]
pub struct Excludes(pub Vec<ExcludeRule>);

impl<'de> Deserialize<'de> for Excludes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrList {
            One(ExcludeRule),
            List(Vec<ExcludeRule>),
        }
        let rules = OneOrList::deserialize(deserializer).map_err(|_| {
            serde::de::Error::custom(
                "expected exclude = { column = \"Status\", in = [\"Cancelled\", \"No show\"] } or a list of such tables",
            )
        })?;
        Ok(Excludes(match rules {
            OneOrList::One(rule) => vec![rule],
            OneOrList::List(rules) => rules,
        }))
    }
}

/// One or several values (`path = "a.xlsx"` or `path = ["a.xlsx", "b.xlsx"]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// A single value.
    One(String),
    /// A list of values.
    Many(Vec<String>),
}

impl OneOrMany {
    /// The values as a list.
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            OneOrMany::One(v) => vec![v.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

/// Order of day and month in text dates such as `05/10/2026`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// Day first (UK), the default.
    #[default]
    Dmy,
    /// Month first (US).
    Mdy,
}

/// Where an input's rows come from (the `path`, `sheet` and `date_order`
/// keys every input has). Not `#[serde(flatten)]`ed into the input tables:
/// serde ignores `deny_unknown_fields` across a flatten, and a typo must fail.
#[derive(Debug, Clone)]
pub struct Source {
    /// One path or a list of paths; all are stacked.
    pub path: OneOrMany,
    /// Spreadsheets only: a sheet name, a list of names, or "*" for every
    /// visible sheet. Default: the first sheet.
    pub sheet: Option<OneOrMany>,
    /// Text dates: "dmy" (default) or "mdy".
    pub date_order: DateOrder,
    /// The header's row (1-based), when the search should not decide.
    pub header_row: Option<u32>,
    /// Rows left out of every metric.
    pub exclude: Excludes,
    /// Words meaning missing in typed columns (None: the defaults).
    pub missing_words: Option<Vec<String>>,
    /// What a bare duration counts (meeting logs).
    pub duration_unit: DurationUnit,
}
