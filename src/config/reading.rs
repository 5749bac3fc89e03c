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
