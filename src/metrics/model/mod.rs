//! The metrics model: plain serialisable structs, no polars types. This is
//! what metrics.json holds (schema_version 3), what disclosure control
//! rewrites, and what charts and the report read.

use serde::{Serialize, Serializer};

mod comparison;
mod lasting;
mod mentors;
mod pooling;
mod quality;
mod relationships;
mod surveys;
mod uptake;

pub use comparison::*;
pub use lasting::*;
pub use mentors::*;
pub use pooling::*;
pub use quality::*;
pub use relationships::*;
pub use surveys::*;
pub use uptake::*;

/// A count as published: exact, or "below N" under the threshold rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    /// The count (possibly rounded by disclosure control).
    Exact(u64),
    /// 1..N-1, shown as `<N`.
    Below(u64),
    /// Withheld so that a small count elsewhere cannot be derived (secondary
    /// suppression): `null` in metrics.json, `..` in tables.
    Withheld,
}

/// No count yet: nothing found.
impl Default for Count {
    fn default() -> Self {
        Count::Exact(0)
    }
}

impl Count {
    /// The exact value, if shown.
    pub fn value(self) -> Option<u64> {
        match self {
            Count::Exact(v) => Some(v),
            Count::Below(_) | Count::Withheld => None,
        }
    }

    /// The count as text: the number, or `<N`.
    pub fn text(self) -> String {
        match self {
            Count::Exact(v) => v.to_string(),
            Count::Below(n) => format!("<{n}"),
            Count::Withheld => "..".to_string(),
        }
    }
}

impl Serialize for Count {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Count::Exact(v) => serializer.serialize_u64(*v),
            Count::Below(_) => serializer.serialize_str(&self.text()),
            Count::Withheld => serializer.serialize_none(),
        }
    }
}

/// The whole metrics model of one run (Default: an empty model, for tests
/// that build records by hand).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Metrics {
    pub schema_version: u32,
    /// Whether this is the published file (`true`, disclosure-controlled,
    /// what `pool` reads) or internal/metrics.json (`false`).
    pub published: bool,
    pub programme: ProgrammeRecord,
    pub as_of: String,
    pub disclosure: DisclosureRecord,
    pub inputs: Vec<InputRecord>,
    /// Group names in report order: All eligible, target groups, Not in any target group.
    pub groups: Vec<String>,
    pub uptake: Vec<UptakeRecord>,
    /// The funnel by department (`group` holds the department; All eligible
    /// first as the cohort average), when the cohort maps `department`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub departments: Vec<UptakeRecord>,
    /// Relationship figures per group (when the cohort has mentor ids).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub relationships: Vec<RelationshipRecord>,
    /// Meetings per calendar month and kind, per group.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub timeline: Vec<TimelineRecord>,
    /// Pairs per monthly-compliance band, per group.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub compliance: Vec<ComplianceRecord>,
    /// Kaplan-Meier retention at months 1..expected_months, per group.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub retention: Vec<RetentionRecord>,
    /// Kaplan-Meier retention of aligned and other pairs (with `[matching.aligned]`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub retention_alignment: Vec<RetentionRecord>,
    /// Days from registration to match, per group (when the cohort has match dates).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub match_wait: Vec<MatchWaitRecord>,
    /// Pairs whose meeting log names another mentor (when the log has a mentor column).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub continuity: Option<ContinuityRecord>,
    /// Sustained and completed pairs by mentor sector, source, alignment and load.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pair_factors: Vec<PairFactorRecord>,
    /// The mentor bank (when configured).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mentors: Option<MentorBankRecord>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub survey_waves: Vec<SurveyWaveRecord>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scales: Vec<ScaleRecord>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ItemRecord>,
    /// Each survey item's question text, as the first wave asking it words it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item_texts: Vec<ItemText>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub paired: Vec<PairedRecord>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attrition: Vec<AttritionRecord>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub intent: Vec<IntentRecord>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub intent_paired: Vec<IntentPairedRecord>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<OutcomeRecord>,
    /// The matched comparison per group and outcome (when `[comparison]` is set).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub comparison: Vec<ComparisonRecord>,
    /// Covariate balance before and after matching, per group and level.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub balance: Vec<BalanceRecord>,
    /// Outcome rates of the treated by mentoring meetings (association only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dose: Vec<DoseRecord>,
    /// Effects another institution's figures can be pooled with (pooling.md).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pooling: Vec<PoolingRecord>,
    /// Headline figures over earlier periods and this one (when history exists).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub trend: Vec<super::trend::TrendRecord>,
    /// History files that were skipped, with the reason.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub history_skipped: Vec<String>,
    pub data_quality: DataQualityRecord,
}

/// `programme` in metrics.json.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ProgrammeRecord {
    pub name: String,
    pub institution: String,
    pub period: String,
    pub start: String,
}

/// `disclosure` in metrics.json.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DisclosureRecord {
    pub rule: crate::config::DisclosureRule,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<u64>,
    /// Figures withheld (the entries of every `suppressed` list); set by disclosure control.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withheld: Option<u64>,
    /// Counts withheld only so that a small count cannot be derived from a total.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secondary: Option<u64>,
    /// Counts the exact audit (linear programming over every published
    /// count and relation) withheld beyond those, under `threshold`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audited: Option<u64>,
}
