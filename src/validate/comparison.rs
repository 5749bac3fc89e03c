//! The comparison's columns read as covariates (comparison.md): each cohort
//! column's kind (flag, number or text) from its distinct values, each
//! student's level, a `coarsen` column's bin (a value outside every bin is a
//! `value_outside_bins` warning and counts as missing), and the extra
//! outcomes as flags (a column that is not a flag column is a configuration
//! error). Decided once per distinct value, then looked up per student.

use super::{Finding, Rule};
use crate::config::{ComparisonConfig, Config, number_text};
use crate::error::{Error, Result};
use crate::ingest::TableInfo;
use crate::ingest::coded::Labels;
use crate::ingest::cohort::Cohort;

/// The level label of a missing value.
pub const MISSING_LEVEL: &str = "(missing)";

/// The most levels a matched or balanced column may have: more is not a
/// column of categories (an id, an exact mark), which no stratum would
/// match on and no balance table could show.
pub const MAX_LEVELS: usize = 100;

/// Flag words meaning yes and no (inputs.md value rules), compared lower-cased.
const YES_WORDS: [&str; 8] = ["y", "yes", "true", "t", "x", "✓", "✔", "checked"];
const NO_WORDS: [&str; 4] = ["n", "no", "false", "f"];

/// A covariate column's kind, from its non-missing cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Every cell a flag word: levels `yes` and `no`.
    Flag,
    /// Every cell a number: a level per number (its shortest text).
    Number,
    /// Anything else: a level per cleaned (trimmed, lower-cased) text.
    Text,
    /// A `coarsen` column: a level per bin `[a, b)`.
    Bins,
}

/// How a covariate's balance rows are formed.
#[derive(Debug, Clone)]
pub enum Values {
    /// One 0/1 indicator per level: `levels[codes[student]]`; `written`,
    /// each level as the file first writes it (a text column's case kept).
    Levels {
        levels: Vec<String>,
        codes: Vec<u32>,
        written: Vec<String>,
    },
    /// A number `balance_on` column: one `(mean)` row, missing values left out.
    Numbers(Vec<Option<f64>>),
}

/// One covariate of the comparison.
#[derive(Debug, Clone)]
pub struct Covariate {
    pub header: String,
    /// Matched on (`match_on`, `coarsen`) or only shown (`balance_on`).
    pub matched: bool,
    pub kind: Kind,
    pub values: Values,
}

/// The comparison's inputs, per cohort row.
#[derive(Debug, Clone, Default)]
pub struct ComparisonInputs {
    /// `match_on`, then `coarsen`, then `balance_on`, in configuration order.
    pub covariates: Vec<Covariate>,
    /// `extra_outcomes`: (label, flag per student; missing is false).
    pub extra_outcomes: Vec<(String, Vec<bool>)>,
    /// `negative_controls`: (header, flag per student; missing is false).
    pub negative_controls: Vec<(String, Vec<bool>)>,
}

/// Reads the comparison's columns of the kept cohort; findings for values
/// outside every bin.
pub fn comparison_inputs(
    config: &Config,
    comparison: &ComparisonConfig,
    cohort: &Cohort,
    info: &TableInfo,
) -> Result<(ComparisonInputs, Vec<Finding>)> {
    let column = |header: &str| {
        cohort.column(header).ok_or_else(|| {
            Error::compute(
                "the comparison",
                format!("cohort column \"{header}\" was not read"),
            )
        })
    };
    let mut inputs = ComparisonInputs::default();
    let mut findings = Vec::new();
    let too_many = |key: &str, header: &str, values: &Values| match values {
        Values::Levels { levels, .. } if levels.len() > MAX_LEVELS => Err(Error::Config {
            path: config.path.clone(),
            message: format!(
                "{key}: cohort column \"{header}\" has {} distinct values; expected a column of categories \
                 (at most {MAX_LEVELS}): match a number on its bins with comparison.coarsen, or leave the column out",
                levels.len()
            ),
        }),
        _ => Ok(()),
    };
    for header in &comparison.match_on {
        let labels = column(header)?;
        let kind = kind_of(labels.values());
        let values = levels_of(labels, kind);
        too_many("comparison.match_on", header, &values)?;
        inputs.covariates.push(Covariate {
            header: header.clone(),
            matched: true,
            kind,
            values,
        });
    }
    for (header, edges) in &comparison.coarsen.0 {
        let labels = column(header)?;
        let (values, found) = bins_of(labels, edges, header, cohort, info);
        findings.extend(found);
        inputs.covariates.push(Covariate {
            header: header.clone(),
            matched: true,
            kind: Kind::Bins,
            values,
        });
    }
    for header in &comparison.balance_on {
        let labels = column(header)?;
        let kind = kind_of(labels.values());
        let values = if kind == Kind::Number {
            let numbers: Vec<Option<f64>> = labels.values().iter().map(|v| number(v)).collect();
            Values::Numbers(
                labels
                    .codes()
                    .map(|c| c.and_then(|c| numbers[c as usize]))
                    .collect(),
            )
        } else {
            levels_of(labels, kind)
        };
        too_many("comparison.balance_on", header, &values)?;
        inputs.covariates.push(Covariate {
            header: header.clone(),
            matched: false,
            kind,
            values,
        });
    }
    for (label, header) in &comparison.extra_outcomes.0 {
        let key = format!("comparison.extra_outcomes.\"{label}\"");
        let values = flag_column(config, &key, header, column(header)?)?;
        inputs.extra_outcomes.push((label.clone(), values));
    }
    for header in &comparison.negative_controls {
        let values = flag_column(config, "comparison.negative_controls", header, column(header)?)?;
        inputs.negative_controls.push((header.clone(), values));
    }
    Ok((inputs, findings))
}

/// A cohort column read as flags (missing is false); a configuration error
/// naming `key` and the first values that are not flags.
fn flag_column(config: &Config, key: &str, header: &str, labels: &Labels) -> Result<Vec<bool>> {
    let flags: Vec<Option<bool>> = labels.values().iter().map(|v| flag(v)).collect();
    let not_flags: Vec<&str> = labels
        .values()
        .iter()
        .zip(&flags)
        .filter(|(_, f)| f.is_none())
        .map(|(v, _)| v.as_str())
        .take(5)
        .collect();
    if !not_flags.is_empty() {
        return Err(Error::Config {
            path: config.path.clone(),
            message: format!(
                "{key}: cohort column \"{header}\" is not a flag column (found {}); expected every cell to be one of {} or empty",
                not_flags
                    .iter()
                    .map(|v| format!("\"{v}\""))
                    .collect::<Vec<_>>()
                    .join(", "),
                YES_WORDS
                    .iter()
                    .chain(&NO_WORDS)
                    .map(|v| format!("\"{v}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    Ok(labels
        .codes()
        .map(|c| c.and_then(|c| flags[c as usize]).unwrap_or(false))
        .collect())
}

/// A flag word's meaning, None for another text.
fn flag(text: &str) -> Option<bool> {
    if YES_WORDS.contains(&text) {
        Some(true)
    } else if NO_WORDS.contains(&text) {
        Some(false)
    } else {
        None
    }
}

/// A cell's number (a trailing `%` allowed, as number cells read).
fn number(text: &str) -> Option<f64> {
    let text = text.strip_suffix('%').map(str::trim_end).unwrap_or(text);
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The kind of a column from its distinct (lower-cased) values.
pub fn kind_of(values: &[String]) -> Kind {
    if values.iter().all(|v| flag(v).is_some()) {
        Kind::Flag
    } else if values.iter().all(|v| number(v).is_some()) {
        Kind::Number
    } else {
        Kind::Text
    }
}

/// The level of each distinct value, sorted (flags yes then no, numbers by
/// value, text alphabetically; `(missing)` last), and each student's level.
fn levels_of(labels: &Labels, kind: Kind) -> Values {
    let level_of = |v: &str| match kind {
        Kind::Flag => if flag(v) == Some(true) { "yes" } else { "no" }.to_string(),
        Kind::Number => number(v).map_or_else(|| v.to_string(), number_text),
        Kind::Text | Kind::Bins => v.to_string(),
    };
    let distinct: Vec<String> = labels.values().iter().map(|v| level_of(v)).collect();
    let mut levels: Vec<String> = distinct.clone();
    match kind {
        Kind::Flag => levels.sort_by_key(|l| l != "yes"),
        Kind::Number => levels.sort_by(|a, b| {
            number(a)
                .partial_cmp(&number(b))
                .unwrap_or(std::cmp::Ordering::Equal)
        }),
        Kind::Text | Kind::Bins => levels.sort(),
    }
    levels.dedup();
    let has_missing = labels.codes().any(|c| c.is_none());
    if has_missing {
        levels.push(MISSING_LEVEL.to_string());
    }
    let index: rustc_hash::FxHashMap<&str, u32> = levels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i as u32))
        .collect();
    let by_value: Vec<u32> = distinct
        .iter()
        .map(|l| index.get(l.as_str()).copied().unwrap_or(0))
        .collect();
    let missing = levels.len().saturating_sub(1) as u32;
    let codes = labels
        .codes()
        .map(|c| c.map_or(missing, |c| by_value[c as usize]))
        .collect();
    // A text level as the file first writes it; other kinds as they are.
    let written = levels
        .iter()
        .enumerate()
        .map(|(i, level)| {
            let first = (kind == Kind::Text)
                .then(|| by_value.iter().position(|&l| l as usize == i))
                .flatten();
            first
                .and_then(|value| labels.written(value as u32))
                .unwrap_or(level)
                .to_string()
        })
        .collect();
    Values::Levels {
        levels,
        codes,
        written,
    }
}

/// The bin label `[a, b)`.
pub fn bin_label(a: f64, b: f64) -> String {
    format!("[{}, {})", number_text(a), number_text(b))
}

/// Each student's bin of a `coarsen` column; a value that is not a number or
/// lies outside every bin is missing, with a `value_outside_bins` finding.
fn bins_of(
    labels: &Labels,
    edges: &[f64],
    header: &str,
    cohort: &Cohort,
    info: &TableInfo,
) -> (Values, Vec<Finding>) {
    let bins = edges.len() - 1;
    let bin_of = |v: &str| -> Option<usize> {
        let x = number(v)?;
        edges.windows(2).position(|w| w[0] <= x && x < w[1])
    };
    let by_value: Vec<Option<usize>> = labels.values().iter().map(|v| bin_of(v)).collect();
    let mut levels: Vec<String> = edges.windows(2).map(|w| bin_label(w[0], w[1])).collect();
    let mut findings = Vec::new();
    let mut any_missing = false;
    let range = bin_label(edges[0], edges[bins]);
    let codes: Vec<u32> = labels
        .codes()
        .zip(&cohort.origins)
        .map(|(code, origin)| {
            let Some(code) = code else {
                any_missing = true;
                return bins as u32;
            };
            match by_value[code as usize] {
                Some(bin) => bin as u32,
                None => {
                    any_missing = true;
                    let found = &labels.values()[code as usize];
                    findings.push(Finding::at(
                        info,
                        *origin,
                        header,
                        Rule::ValueOutsideBins,
                        format!(
                            "found \"{found}\"; expected a number in {range} (comparison.coarsen), so it counts as missing"
                        ),
                    ));
                    bins as u32
                }
            }
        })
        .collect();
    if any_missing {
        levels.push(MISSING_LEVEL.to_string());
    }
    (compact(levels, codes), findings)
}

/// Leaves out the levels no student has (a bin nobody's value falls in).
fn compact(levels: Vec<String>, codes: Vec<u32>) -> Values {
    let mut used = vec![false; levels.len()];
    for &c in &codes {
        used[c as usize] = true;
    }
    let mut new_code = vec![0u32; levels.len()];
    let mut kept = Vec::new();
    for (i, level) in levels.into_iter().enumerate() {
        if used[i] {
            new_code[i] = kept.len() as u32;
            kept.push(level);
        }
    }
    let codes = codes.into_iter().map(|c| new_code[c as usize]).collect();
    Values::Levels {
        written: kept.clone(),
        levels: kept,
        codes,
    }
}
