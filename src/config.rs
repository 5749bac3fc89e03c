//! The evidence.toml configuration. The `///` docs on these types are the user
//! reference (README "Configuration" mirrors them). Unknown keys are rejected
//! with a message naming the key and the valid ones; paths are relative to the
//! configuration file's folder.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

use crate::error::{Error, Result};

mod comparison;
mod disclosure;
mod inputs;
mod pool;
mod reading;
mod report;
mod surveys;

pub use comparison::{CANONICAL_OUTCOMES, ComparisonConfig, Ordered, Treated};
pub use disclosure::*;
pub use inputs::*;
pub use pool::{PoolConfig, PoolMethod};
pub use reading::{DateOrder, DurationUnit, ExcludeRule, Excludes, OneOrMany, Source};
pub use report::{ALWAYS, ReportConfig, SECTIONS};
pub use surveys::{PlacementIntent, ScaleConfig, SurveyConfig, SurveyFormat, SurveySpec};

/// Name of the whole-cohort group (a configured target group may not take it).
pub const ALL_ELIGIBLE: &str = "All eligible";
/// Name of the group of students in no target group.
pub const NOT_IN_ANY: &str = "Not in any target group";

/// A whole run's configuration.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Names, dates and history of the programme being reported.
    pub programme: Programme,
    /// The input files and how their columns map to canonical fields.
    pub inputs: Inputs,
    /// Survey scales, Likert labels and the pre/post comparison.
    #[serde(default)]
    pub survey: Option<SurveyConfig>,
    /// Widening-participation target groups: `name = { column = "...", in = [...] }`, in report order.
    #[serde(default)]
    pub target_groups: TargetGroups,
    /// Thresholds of engagement metrics.
    #[serde(default)]
    pub engagement: Engagement,
    /// The matched comparison of participants with similar non-participants.
    #[serde(default)]
    pub comparison: Option<ComparisonConfig>,
    /// How students and mentors are matched (aligned departments and sectors).
    #[serde(default)]
    pub matching: Option<MatchingConfig>,
    /// Small-number disclosure control of published outputs.
    #[serde(default)]
    pub disclosure: Disclosure,
    /// Where and what to write.
    #[serde(default)]
    pub output: OutputConfig,
    /// The team's own words and the sections shown.
    #[serde(default)]
    pub report: ReportConfig,
    /// Guards against oversized inputs.
    #[serde(default)]
    pub limits: Limits,
    /// The folder holding the configuration file; input paths are relative to it.
    #[serde(skip)]
    pub base_dir: PathBuf,
    /// The configuration file itself, for messages about its keys.
    #[serde(skip)]
    pub path: PathBuf,
}

/// `[programme]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    /// Programme name, shown in titles.
    pub name: String,
    /// Institution name.
    #[serde(default)]
    pub institution: String,
    /// Label of the reporting period, e.g. "2026/27 Autumn term".
    pub period: String,
    /// First day of the reporting period (TOML date).
    #[serde(deserialize_with = "toml_date")]
    pub start: NaiveDate,
    /// The report's "today": statuses and censoring are computed at this date.
    #[serde(deserialize_with = "toml_date")]
    pub as_of: NaiveDate,
    /// Optional folder of earlier runs' metrics.json (trend over periods).
    #[serde(default)]
    pub history: Option<String>,
}

/// One target-group rule: the student is in the group when the cell's
/// trimmed text equals one of `in` (case-insensitively).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupRule {
    /// Cohort column header the rule reads.
    pub column: String,
    /// Values that put a student in the group (numbers as their shortest text).
    #[serde(rename = "in", deserialize_with = "scalar_texts")]
    pub values: Vec<String>,
}

/// `[target_groups]` in the order the file lists them.
#[derive(Debug, Clone, Default)]
pub struct TargetGroups(pub Vec<(String, GroupRule)>);

impl<'de> Deserialize<'de> for TargetGroups {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        // `toml::Table` keeps document order (the `preserve_order` feature),
        // which fixes the group order of every output.
        let table = toml::Table::deserialize(deserializer)?;
        let mut groups = Vec::with_capacity(table.len());
        for (name, value) in table {
            let rule: GroupRule = value.try_into().map_err(|e: toml::de::Error| {
                serde::de::Error::custom(format!("target group \"{name}\": {}", e.message()))
            })?;
            groups.push((name, rule));
        }
        Ok(TargetGroups(groups))
    }
}

/// `[matching]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchingConfig {
    /// Department (as the cohort writes it) = the mentor sectors aligned with
    /// it; a pair is aligned when its mentor's sector is listed for the
    /// student's department (both compared trimmed, ignoring case).
    #[serde(default)]
    pub aligned: Ordered<Vec<String>>,
}

impl MatchingConfig {
    /// Whether a mentor of `sector` is aligned with a student of `department`.
    pub fn is_aligned(&self, department: &str, sector: &str) -> bool {
        let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
        self.aligned
            .0
            .iter()
            .any(|(d, sectors)| same(d, department) && sectors.iter().any(|s| same(s, sector)))
    }
}

/// `[engagement]` thresholds.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Engagement {
    /// Quiz score at or above which the quiz counts as passed.
    pub quiz_pass_mark: f64,
    /// Mentoring meetings a month needs to count as kept.
    pub monthly_minimum: u32,
    /// Mentoring meetings that make a relationship "sustained".
    pub sustained_meetings: u32,
    /// Expected length of a relationship in months.
    pub expected_months: u32,
    /// No meeting for longer than this many days: at risk.
    pub at_risk_days: u32,
    /// No meeting for longer than this many days: lapsed.
    pub lapsed_days: u32,
}

impl Default for Engagement {
    fn default() -> Self {
        Engagement {
            quiz_pass_mark: 70.0,
            monthly_minimum: 1,
            sustained_meetings: 3,
            expected_months: 6,
            at_risk_days: 45,
            lapsed_days: 90,
        }
    }
}

/// `[output]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OutputConfig {
    /// Output folder, relative to the configuration file.
    pub dir: String,
    /// Also write internal/ (unrounded figures, pair list with ids).
    pub internal: bool,
}

impl Default for OutputConfig {
    fn default() -> Self {
        OutputConfig {
            dir: "reports".to_string(),
            internal: false,
        }
    }
}

/// The largest configuration file read (a real one is a few KB).
const MAX_CONFIG_BYTES: u64 = 16_000_000;

impl Config {
    /// Reads and checks the configuration file at `path`.
    pub fn load(path: &Path) -> Result<Config> {
        let text =
            crate::regular_file::read_text_capped(path, MAX_CONFIG_BYTES, "a configuration file's size")
                .map_err(|e| Error::Config {
                    path: path.to_path_buf(),
                    message: format!("cannot read the file: {e}"),
                })?;
        let mut config = Config::parse(&text).map_err(|message| Error::Config {
            path: path.to_path_buf(),
            message,
        })?;
        config.base_dir = path
            .parent()
            .map(Path::to_path_buf)
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| PathBuf::from("."));
        config.path = path.to_path_buf();
        Ok(config)
    }

    /// Parses configuration text; the error is a user message.
    pub fn parse(text: &str) -> std::result::Result<Config, String> {
        let config: Config =
            toml::from_str(text).map_err(|e| crate::suggest::unknown_key(e.to_string().trim_end()))?;
        config.check()?;
        Ok(config)
    }

    /// Checks that go beyond the shape of the file.
    fn check(&self) -> std::result::Result<(), String> {
        if self.programme.as_of < self.programme.start {
            return Err(format!(
                "programme.as_of ({}) is before programme.start ({}); expected as_of on or after start",
                self.programme.as_of, self.programme.start
            ));
        }
        self.report.check()?;
        if self.limits.max_cells == 0 {
            return Err(
                "limits.max_cells is 0; expected a whole number of cells above 0 (default 20000000)"
                    .to_string(),
            );
        }
        for (key, value, default) in [
            ("max_record_mb", self.limits.max_record_mb, 64),
            ("max_file_mb", self.limits.max_file_mb, 1024),
            ("max_workbook_mb", self.limits.max_workbook_mb, 2048),
            ("max_text_mb", self.limits.max_text_mb, 128),
        ] {
            if value.is_nan() || value <= 0.0 {
                return Err(format!(
                    "limits.{key} is {value}; expected a number of megabytes above 0 (default {default})"
                ));
            }
        }
        // With 2, "<2" could only mean 1.
        if self.disclosure.rule == DisclosureRule::Threshold && self.disclosure.threshold < 3 {
            return Err(format!(
                "disclosure.threshold is {}; expected a whole number of at least 3 (\"<2\" would publish the count 1)",
                self.disclosure.threshold
            ));
        }
        for (name, rule) in &self.target_groups.0 {
            if name == ALL_ELIGIBLE || name == NOT_IN_ANY {
                return Err(format!(
                    "target_groups: \"{name}\" is a built-in group name; choose another name"
                ));
            }
            if rule.values.is_empty() {
                return Err(format!(
                    "target_groups.\"{name}\".in is empty; expected at least one value"
                ));
            }
        }
        if let Some(matching) = &self.matching
            && !matching.aligned.0.is_empty()
        {
            let has_sector = self
                .inputs
                .mentors
                .as_ref()
                .is_some_and(|m| m.columns.sector.is_some());
            if self.inputs.cohort.columns.department.is_none() || !has_sector {
                return Err(
                    "matching.aligned needs the cohort's department (inputs.cohort.columns.department) and the \
                     mentor bank's sector (inputs.mentors.columns.sector); map both, or remove [matching.aligned]"
                        .to_string(),
                );
            }
        }
        if let Some(comparison) = &self.comparison {
            comparison.check(
                &self.mapped_outcomes(),
                self.inputs.cohort.columns.mentor_id.is_some(),
            )?;
        }
        Ok(())
    }

    /// The canonical outcome flags the cohort maps.
    pub fn mapped_outcomes(&self) -> Vec<&'static str> {
        let c = &self.inputs.cohort.columns;
        [
            ("placement_applied", &c.placement_applied),
            ("placement_secured", &c.placement_secured),
        ]
        .into_iter()
        .filter(|(_, header)| header.is_some())
        .map(|(id, _)| id)
        .collect()
    }

    /// The cohort columns read by header rather than by canonical field,
    /// each once, in configuration order, with the key that first names it:
    /// every target-group rule's column and the comparison's columns.
    /// (A new kind of breakdown that reads cohort headers adds them here;
    /// ingest reads each one as dictionary-coded, lower-cased text.)
    pub fn cohort_headers(&self) -> Vec<(&str, &'static str)> {
        let rules = self
            .target_groups
            .0
            .iter()
            .map(|(_, rule)| (rule.column.as_str(), "a target-group rule"));
        let comparison = self.comparison.iter().flat_map(ComparisonConfig::headers);
        let mut headers: Vec<(&str, &'static str)> = Vec::new();
        for (header, key) in rules.chain(comparison) {
            if !headers.iter().any(|(h, _)| *h == header) {
                headers.push((header, key));
            }
        }
        headers
    }

    /// A path from the configuration, resolved against the configuration's folder.
    pub fn resolve(&self, relative: &str) -> PathBuf {
        self.base_dir.join(relative)
    }
}

/// Reads a TOML date (`2026-09-28`) or a "YYYY-MM-DD" string.
fn toml_date<'de, D: Deserializer<'de>>(deserializer: D) -> std::result::Result<NaiveDate, D::Error> {
    use serde::de::Error as _;
    let value = toml::Value::deserialize(deserializer)?;
    let expected = "a date such as 2026-09-28";
    match value {
        toml::Value::Datetime(dt) => match (dt.date, dt.time) {
            (Some(d), None) => {
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day)).ok_or_else(
                    || D::Error::custom(format!("{dt} is not a calendar date; expected {expected}")),
                )
            }
            _ => Err(D::Error::custom(format!(
                "found {dt}; expected {expected} without a time"
            ))),
        },
        toml::Value::String(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map_err(|_| D::Error::custom(format!("found \"{s}\"; expected {expected}"))),
        other => Err(D::Error::custom(format!(
            "found {}; expected {expected}",
            other.type_str()
        ))),
    }
}

/// A number as its shortest text: integral values without `.0` (12345.0 -> "12345");
/// a target group's values and the cells they are compared with are both read so.
pub fn number_text(value: f64) -> String {
    if value.is_finite() && value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// Reads a list of strings or numbers as texts (numbers in their shortest form: 1.0 -> "1").
pub(crate) fn scalar_texts<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Vec<String>, D::Error> {
    use serde::de::Error as _;
    let values = Vec::<toml::Value>::deserialize(deserializer)?;
    values
        .into_iter()
        .map(|v| match v {
            toml::Value::String(s) => Ok(s.trim().to_string()),
            toml::Value::Integer(i) => Ok(i.to_string()),
            toml::Value::Float(f) => Ok(number_text(f)),
            toml::Value::Boolean(b) => Ok(b.to_string()),
            other => Err(D::Error::custom(format!(
                "found {}; expected text or numbers",
                other.type_str()
            ))),
        })
        .collect()
}
