//! `[comparison]`: the matched comparison of comparison.md (coarsened exact
//! matching of participants with non-participants on cohort columns).

use serde::{Deserialize, Deserializer};

/// The canonical cohort flags an outcome may name.
pub const CANONICAL_OUTCOMES: [&str; 2] = ["placement_applied", "placement_secured"];

/// Who counts as treated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Treated {
    /// Eligible students matched with a mentor (the default).
    #[default]
    Matched,
    /// Every registered student.
    Registered,
}

/// `[comparison]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComparisonConfig {
    /// "matched" (default) or "registered".
    #[serde(default)]
    pub treated: Treated,
    /// Cohort headers matched on exactly, level by level.
    #[serde(default)]
    pub match_on: Vec<String>,
    /// Cohort headers shown in the balance table but not matched on.
    #[serde(default)]
    pub balance_on: Vec<String>,
    /// Canonical cohort flags compared (default: those the cohort maps).
    #[serde(default)]
    pub outcomes: Option<Vec<String>>,
    /// Largest |standardised mean difference| after matching for a Type 3 label.
    #[serde(default = "default_smd_threshold")]
    pub smd_threshold: f64,
    /// Fewest matched treated (and controls) for a Type 3 label.
    #[serde(default = "default_min_matched")]
    pub min_matched: u64,
    /// Numeric cohort headers matched on their bin: edges [a, b), increasing.
    #[serde(default)]
    pub coarsen: Ordered<Vec<f64>>,
    /// Further outcomes: label = cohort header read as a flag.
    #[serde(default)]
    pub extra_outcomes: Ordered<String>,
    /// Cohort flag headers fixed before the programme began, estimated as
    /// outcomes: a difference means matching left the groups unlike.
    #[serde(default)]
    pub negative_controls: Vec<String>,
}

fn default_smd_threshold() -> f64 {
    0.1
}

fn default_min_matched() -> u64 {
    20
}

/// A TOML table in document order (the order of the report's rows).
#[derive(Debug, Clone)]
pub struct Ordered<T>(pub Vec<(String, T)>);

impl<T> Default for Ordered<T> {
    fn default() -> Self {
        Ordered(Vec::new())
    }
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Ordered<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let table = toml::Table::deserialize(deserializer)?;
        let mut entries = Vec::with_capacity(table.len());
        for (name, value) in table {
            let value: T = value.try_into().map_err(|e: toml::de::Error| {
                serde::de::Error::custom(format!("\"{name}\": {}", e.message()))
            })?;
            entries.push((name, value));
        }
        Ok(Ordered(entries))
    }
}

impl ComparisonConfig {
    /// The outcomes compared: `outcomes`, or every canonical flag in `mapped`.
    pub fn outcome_ids(&self, mapped: &[&str]) -> Vec<String> {
        match &self.outcomes {
            Some(list) => list.clone(),
            None => CANONICAL_OUTCOMES
                .iter()
                .filter(|o| mapped.contains(o))
                .map(|o| o.to_string())
                .collect(),
        }
    }

    /// Checks beyond the file's shape; `mapped` are the canonical outcome
    /// flags the cohort maps, `matched_mapped` whether it maps a mentor id.
    pub fn check(&self, mapped: &[&str], matched_mapped: bool) -> std::result::Result<(), String> {
        if self.treated == Treated::Matched && !matched_mapped {
            return Err(
                "comparison.treated is \"matched\" but inputs.cohort.columns has no mentor_id; \
                 map mentor_id, or set treated = \"registered\""
                    .to_string(),
            );
        }
        if self.match_on.is_empty() && self.coarsen.0.is_empty() {
            return Err(
                "comparison: match_on and comparison.coarsen are both empty; expected at least one \
                 cohort header to match on, e.g. match_on = [\"POLAR4 quintile\"]"
                    .to_string(),
            );
        }
        // A header is matched once; a coarsened number may also be in
        // balance_on, whose mean row shows what its bins leave over.
        let mut seen: Vec<&str> = Vec::new();
        let matched = self
            .match_on
            .iter()
            .map(|h| ("comparison.match_on", h))
            .chain(self.coarsen.0.iter().map(|(h, _)| ("comparison.coarsen", h)));
        for (key, header) in matched {
            if header.trim().is_empty() {
                return Err(format!(
                    "{key} has an empty header; expected a cohort column header"
                ));
            }
            if seen.contains(&header.as_str()) {
                return Err(format!(
                    "{key}: \"{header}\" is matched on twice (match_on and coarsen); expected each header once"
                ));
            }
            seen.push(header);
        }
        for header in &self.balance_on {
            if header.trim().is_empty() {
                return Err(
                    "comparison.balance_on has an empty header; expected a cohort column header".to_string(),
                );
            }
            if self.match_on.contains(header) {
                return Err(format!(
                    "comparison.balance_on: \"{header}\" is in match_on, so its levels are in the balance table already; \
                     expected a column that is not matched on (or a coarsen column, for its mean)"
                ));
            }
            if self.balance_on.iter().filter(|h| *h == header).count() > 1 {
                return Err(format!(
                    "comparison.balance_on: \"{header}\" is named twice; expected each header once"
                ));
            }
        }
        for (header, edges) in &self.coarsen.0 {
            check_edges(header, edges)?;
        }
        let outcomes = self.outcome_ids(mapped);
        if outcomes.is_empty() && self.extra_outcomes.0.is_empty() {
            return Err(format!(
                "comparison: no outcome to compare; expected comparison.outcomes from {} \
                 (mapped in inputs.cohort.columns) or comparison.extra_outcomes",
                quoted(&CANONICAL_OUTCOMES)
            ));
        }
        for outcome in &outcomes {
            if !CANONICAL_OUTCOMES.contains(&outcome.as_str()) {
                return Err(format!(
                    "comparison.outcomes: \"{outcome}\" is not a canonical cohort flag; expected one of {} \
                     (another cohort column goes in comparison.extra_outcomes as label = \"header\")",
                    quoted(&CANONICAL_OUTCOMES)
                ));
            }
            if !mapped.contains(&outcome.as_str()) {
                return Err(format!(
                    "comparison.outcomes: \"{outcome}\" is not mapped in inputs.cohort.columns; \
                     map it there, or leave it out"
                ));
            }
        }
        for (label, header) in &self.extra_outcomes.0 {
            if label.trim().is_empty() || header.trim().is_empty() {
                return Err(
                    "comparison.extra_outcomes: expected label = \"cohort header\", both non-empty"
                        .to_string(),
                );
            }
            if CANONICAL_OUTCOMES.contains(&label.as_str()) || outcomes.contains(label) {
                return Err(format!(
                    "comparison.extra_outcomes: the label \"{label}\" is a canonical outcome's id; choose another label"
                ));
            }
        }
        for (i, header) in self.negative_controls.iter().enumerate() {
            if header.trim().is_empty() {
                return Err(
                    "comparison.negative_controls: expected cohort flag headers, none empty".to_string(),
                );
            }
            if self.negative_controls[..i].contains(header) {
                return Err(format!(
                    "comparison.negative_controls: \"{header}\" is named twice; expected each header once"
                ));
            }
            if self.match_on.contains(header) || self.extra_outcomes.0.iter().any(|(_, h)| h == header) {
                return Err(format!(
                    "comparison.negative_controls: \"{header}\" is also matched on or an outcome; expected a flag \
                     fixed before the programme that the comparison neither matches on nor measures"
                ));
            }
        }
        if !(self.smd_threshold.is_finite() && self.smd_threshold > 0.0) {
            return Err(format!(
                "comparison.smd_threshold is {}; expected a number above 0 (default 0.1)",
                self.smd_threshold
            ));
        }
        if self.min_matched == 0 {
            return Err(
                "comparison.min_matched is 0; expected a whole number of at least 1 (default 20)".to_string(),
            );
        }
        Ok(())
    }

    /// The cohort headers the comparison reads, each with the key naming it.
    pub fn headers(&self) -> impl Iterator<Item = (&str, &'static str)> {
        self.match_on
            .iter()
            .map(|h| (h.as_str(), "comparison.match_on"))
            .chain(
                self.coarsen
                    .0
                    .iter()
                    .map(|(h, _)| (h.as_str(), "comparison.coarsen")),
            )
            .chain(
                self.balance_on
                    .iter()
                    .map(|h| (h.as_str(), "comparison.balance_on")),
            )
            .chain(
                self.extra_outcomes
                    .0
                    .iter()
                    .map(|(_, h)| (h.as_str(), "comparison.extra_outcomes")),
            )
            .chain(
                self.negative_controls
                    .iter()
                    .map(|h| (h.as_str(), "comparison.negative_controls")),
            )
    }
}

/// Bin edges: at least two, finite, strictly increasing (bins [a, b) that
/// neither overlap nor leave a gap).
fn check_edges(header: &str, edges: &[f64]) -> std::result::Result<(), String> {
    let key = format!("comparison.coarsen.\"{header}\"");
    let example = "expected at least two increasing bin edges, e.g. [0, 40, 50, 60, 70, 100.5] for bins [0, 40), [40, 50), ...";
    if edges.len() < 2 {
        return Err(format!("{key} has {} edge(s), so no bin; {example}", edges.len()));
    }
    if let Some(bad) = edges.iter().find(|e| !e.is_finite()) {
        return Err(format!("{key}: edge {bad} is not a finite number; {example}"));
    }
    if let Some(pair) = edges.windows(2).find(|w| w[0] >= w[1]) {
        let what = if pair[0] == pair[1] {
            "repeats, an empty bin"
        } else {
            "is not increasing, so bins overlap"
        };
        return Err(format!(
            "{key}: the edge {} then {} {what}; {example}",
            crate::config::number_text(pair[0]),
            crate::config::number_text(pair[1])
        ));
    }
    Ok(())
}

fn quoted(values: &[&str]) -> String {
    values
        .iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(", ")
}
