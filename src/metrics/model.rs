//! The metrics model: plain serialisable structs, no polars types. This is
//! what metrics.json holds (schema_version 3), what disclosure control
//! rewrites, and what charts and the report read.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

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

/// Pairs by status at as_of.
#[derive(Debug, Clone, Serialize)]
pub struct StatusCounts {
    pub active: Count,
    pub at_risk: Count,
    pub lapsed: Count,
    pub withdrawn: Count,
    pub completed: Count,
    pub not_started: Count,
}

/// Mentoring relationships of one group (metrics.md section 2).
#[derive(Debug, Clone, Serialize)]
pub struct RelationshipRecord {
    pub group: String,
    pub pairs: Count,
    pub meetings: Count,
    pub contact_hours: Option<f64>,
    pub median_meetings: Option<f64>,
    pub median_days_to_first_meeting: Option<f64>,
    pub q1_days_to_first_meeting: Option<f64>,
    pub q3_days_to_first_meeting: Option<f64>,
    pub median_monthly_compliance: Option<f64>,
    pub share_every_month: Option<f64>,
    pub pairs_with_meetings: Count,
    pub pairs_with_compliance: Count,
    pub status: StatusCounts,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
    /// Unrounded numbers behind the statistics (not published).
    #[serde(skip)]
    pub n_days_to_first: u64,
}

/// Pairs of one group whose monthly compliance falls in one band.
#[derive(Debug, Clone, Serialize)]
pub struct ComplianceRecord {
    pub group: String,
    /// "none", "under_half", "half_or_more", "every_month".
    pub band: &'static str,
    pub pairs: Count,
}

/// Meetings of one group in one calendar month of one kind.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineRecord {
    pub group: String,
    /// "YYYY-MM".
    pub month: String,
    pub kind: crate::config::MeetingKind,
    pub meetings: Count,
}

/// Kaplan-Meier retention of one group at one month.
#[derive(Debug, Clone, Serialize)]
pub struct RetentionRecord {
    pub group: String,
    pub month: u32,
    pub days: f64,
    pub survival: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub at_risk: Count,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
    /// Pairs in the estimate: in internal/metrics.json only (disclosure
    /// publishes 0, which is not written).
    #[serde(skip_serializing_if = "is_zero")]
    pub pairs: u64,
    /// Events (ended relationships) up to this month, which the curve gives
    /// away: in internal/metrics.json only, as `pairs`.
    #[serde(skip_serializing_if = "is_zero")]
    pub events: u64,
}

fn is_zero(v: &u64) -> bool {
    *v == 0
}

/// One sector of the mentor bank.
#[derive(Debug, Clone, Serialize)]
pub struct SectorRecord {
    pub mentors: Count,
    pub capacity: f64,
    pub matched_mentees: Count,
    pub utilisation: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
}

/// The mentor bank (metrics.md section 3).
#[derive(Debug, Clone, Serialize)]
pub struct MentorBankRecord {
    pub mentors: Count,
    pub total_capacity: f64,
    pub matched_mentees: Count,
    pub utilisation: Option<f64>,
    pub mentors_without_mentee: Count,
    /// Mentors by number of matched mentees ("0", "1", ...).
    pub mentees_per_mentor: BTreeMap<String, Count>,
    pub by_sector: BTreeMap<String, SectorRecord>,
    pub by_source: BTreeMap<String, Count>,
    pub waiting_list: Count,
    pub median_days_registration_to_match: Option<f64>,
    pub n_registration_to_match: Count,
    /// Matched mentor ids missing from the bank (mentor ids are not student data).
    pub missing_mentor_ids: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
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

/// One input's findings of one rule.
#[derive(Debug, Clone, Serialize)]
pub struct QualityCount {
    pub input: String,
    pub rule: &'static str,
    pub severity: &'static str,
    pub findings: Count,
}

/// One input's files and rows.
#[derive(Debug, Clone, Serialize)]
pub struct InputRecord {
    pub name: String,
    pub files: Vec<crate::ingest::InputFile>,
    pub rows_read: Count,
    pub rows_used: Count,
}

/// Funnel stages in spec order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Eligible,
    Registered,
    Trained,
    QuizPassed,
    Matched,
    Met,
    Sustained,
    Completed,
}

impl Stage {
    /// Every stage in spec order.
    pub const ALL: [Stage; 8] = [
        Stage::Eligible,
        Stage::Registered,
        Stage::Trained,
        Stage::QuizPassed,
        Stage::Matched,
        Stage::Met,
        Stage::Sustained,
        Stage::Completed,
    ];

    /// The id used in metrics.json and tables.
    pub fn id(self) -> &'static str {
        match self {
            Stage::Eligible => "eligible",
            Stage::Registered => "registered",
            Stage::Trained => "trained",
            Stage::QuizPassed => "quiz_passed",
            Stage::Matched => "matched",
            Stage::Met => "met",
            Stage::Sustained => "sustained",
            Stage::Completed => "completed",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Eligible => "Eligible",
            Stage::Registered => "Registered",
            Stage::Trained => "Completed training",
            Stage::QuizPassed => "Passed the quiz",
            Stage::Matched => "Matched with a mentor",
            Stage::Met => "Met their mentor",
            Stage::Sustained => "Sustained relationship",
            Stage::Completed => "Attended the celebration (completed)",
        }
    }

    /// The stage this one is a subset of (conversion denominator).
    pub fn parent(self) -> Option<Stage> {
        match self {
            Stage::Eligible => None,
            Stage::Registered => Some(Stage::Eligible),
            Stage::Trained | Stage::QuizPassed | Stage::Matched => Some(Stage::Registered),
            Stage::Met | Stage::Sustained | Stage::Completed => Some(Stage::Matched),
        }
    }
}

/// One (group, stage) of the uptake funnel.
#[derive(Debug, Clone, Serialize)]
pub struct UptakeRecord {
    pub group: String,
    pub stage: Stage,
    pub count: Count,
    pub denominator: Count,
    pub rate: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub conversion: Option<f64>,
    pub gap_pp: Option<f64>,
    pub p_value: Option<f64>,
    pub p_adjusted: Option<f64>,
    /// Fields withheld by disclosure control.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
    /// Unrounded count of the parent stage (the conversion denominator); not published.
    #[serde(skip)]
    pub parent_count: Option<u64>,
}

/// `data_quality` in metrics.json: counts of findings, published under the
/// disclosure rule like every count (a wave's duplicate responses are
/// students too).
#[derive(Debug, Clone, Default, Serialize)]
pub struct DataQualityRecord {
    pub errors: Count,
    pub warnings: Count,
    pub by_rule: BTreeMap<String, Count>,
    /// Findings per input and rule: the report's data-quality table.
    pub by_input: Vec<QualityCount>,
}

/// One survey wave's responses.
#[derive(Debug, Clone, Serialize)]
pub struct SurveyWaveRecord {
    pub wave: String,
    pub received: Count,
    pub kept: Count,
    pub unfinished: Count,
    pub not_in_cohort: Count,
    pub duplicates: Count,
    /// kept / registered students.
    pub response_rate: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
    #[serde(skip)]
    pub registered: u64,
}

/// A scale's scores in one wave and group.
#[derive(Debug, Clone, Serialize)]
pub struct ScaleRecord {
    pub scale: String,
    pub wave: String,
    pub group: String,
    pub n: Count,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    pub alpha: Option<f64>,
    pub alpha_ci_low: Option<f64>,
    pub alpha_ci_high: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
    #[serde(skip)]
    pub alpha_n: u64,
}

/// Answers per item, wave and raw score (before reverse scoring).
#[derive(Debug, Clone, Serialize)]
pub struct ItemRecord {
    pub wave: String,
    pub item: String,
    pub score: f64,
    pub count: Count,
}

/// One effect a consortium can pool (pooling.md): an estimate with its
/// standard error and the counts it rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PoolingRecord {
    /// `uptake_gap`, `paired_change`, `paired_effect`, `intent_change` or
    /// `matched_effect`.
    pub measure: &'static str,
    pub group: String,
    /// The stage, the scale, `intending`, or the comparison's outcome.
    pub outcome: String,
    pub estimate: Option<f64>,
    pub se: Option<f64>,
    pub n: Count,
    pub n_other: Option<Count>,
    /// "association", "paired pre/post" or "matched comparison".
    pub design: &'static str,
    pub evidence_type: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
    /// Every count the record is built from, and which are denominators
    /// (disclosure publishes the record only when each passes the rule).
    #[serde(skip)]
    pub counts: Vec<u64>,
    #[serde(skip)]
    pub denominators: Vec<u64>,
}

/// A survey item's question text (from the export's text row or header).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct ItemText {
    pub item: String,
    pub text: String,
}

/// The paired pre/post comparison of one scale in one group.
#[derive(Debug, Clone, Serialize)]
pub struct PairedRecord {
    pub scale: String,
    pub group: String,
    pub n: Count,
    pub mean_pre: Option<f64>,
    pub mean_post: Option<f64>,
    pub mean_diff: Option<f64>,
    pub sd_diff: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub t: Option<f64>,
    pub df: Option<f64>,
    pub p_value: Option<f64>,
    pub p_adjusted: Option<f64>,
    pub cohens_dz: Option<f64>,
    pub hedges_gz: Option<f64>,
    pub wilcoxon_statistic: Option<f64>,
    pub wilcoxon_p: Option<f64>,
    pub rank_biserial: Option<f64>,
    /// n < 10: computed, but marked "too few to interpret" in the report.
    pub too_few: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
    #[serde(skip)]
    pub n_raw: u64,
}

/// Pre scores of students who did and did not answer the post wave.
#[derive(Debug, Clone, Serialize)]
pub struct AttritionRecord {
    pub scale: String,
    pub n_answered_post: Count,
    pub mean_answered_post: Option<f64>,
    pub n_not_answered_post: Count,
    pub mean_not_answered_post: Option<f64>,
    pub t: Option<f64>,
    pub df: Option<f64>,
    pub p_value: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
    #[serde(skip)]
    pub n_min: u64,
}

/// Placement intent in one wave and group.
#[derive(Debug, Clone, Serialize)]
pub struct IntentRecord {
    pub group: String,
    pub wave: String,
    pub n: Count,
    pub intending: Count,
    pub share: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
}

/// Paired placement intent (both waves answered) in one group.
#[derive(Debug, Clone, Serialize)]
pub struct IntentPairedRecord {
    pub group: String,
    pub n: Count,
    pub share_pre: Option<f64>,
    pub share_post: Option<f64>,
    pub b: Count,
    pub c: Count,
    pub mcnemar_p: Option<f64>,
    pub mean_pre: Option<f64>,
    pub mean_post: Option<f64>,
    pub mean_diff: Option<f64>,
    pub sd_diff: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub t: Option<f64>,
    pub df: Option<f64>,
    pub p_value: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
}

/// A placement outcome for participants and non-participants of one group.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomeRecord {
    pub group: String,
    pub outcome: &'static str,
    pub participants: Count,
    pub participants_with_outcome: Count,
    pub participant_rate: Option<f64>,
    pub participant_ci_low: Option<f64>,
    pub participant_ci_high: Option<f64>,
    pub non_participants: Count,
    pub non_participants_with_outcome: Count,
    pub non_participant_rate: Option<f64>,
    pub non_participant_ci_low: Option<f64>,
    pub non_participant_ci_high: Option<f64>,
    pub diff_pp: Option<f64>,
    pub p_value: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
}

/// The matched comparison of one group and outcome (comparison.md).
#[derive(Debug, Clone, Serialize)]
pub struct ComparisonRecord {
    pub group: String,
    /// A canonical outcome id, or an `extra_outcomes` label.
    pub outcome: String,
    pub treated: Count,
    pub controls: Count,
    pub treated_matched: Count,
    pub controls_matched: Count,
    /// Strata, and strata holding both arms (counts of strata, not students).
    pub strata: Count,
    pub strata_kept: Count,
    pub share_treated_kept: Option<f64>,
    pub treated_rate: Option<f64>,
    pub control_rate: Option<f64>,
    pub att: Option<f64>,
    pub se: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub p_value: Option<f64>,
    /// Benjamini-Hochberg across the groups of this outcome.
    pub p_adjusted: Option<f64>,
    pub risk_ratio: Option<f64>,
    pub e_value: Option<f64>,
    pub e_value_ci: Option<f64>,
    pub max_abs_smd_after: Option<f64>,
    /// "outcome", or "negative_control": a flag fixed before the programme,
    /// estimated as an outcome to show what matching did not remove.
    pub role: &'static str,
    /// "Type 3" or "Type 2" for an outcome; null for a negative control.
    pub evidence_type: Option<&'static str>,
    /// Every reason a Type 2 label applies (empty for Type 3 and for a
    /// negative control).
    pub reasons: Vec<Reason>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
    /// Matched treated with the outcome: the count `treated_rate` shows.
    #[serde(skip)]
    pub treated_with_outcome: u64,
    /// The funnel stage whose count `treated` is (matched or registered).
    #[serde(skip)]
    pub treated_stage: Stage,
}

/// Why a matched comparison is not Type 3 (comparison.md): `kind` one of
/// `too_few_matched`, `out_of_balance`, `no_unforced_balance`,
/// `negative_control_differs`; `detail` in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    pub kind: &'static str,
    pub detail: String,
    /// The covariate or negative control the reason names.
    #[serde(skip)]
    pub subject: String,
    /// `detail` without its figures, published where they are withheld.
    #[serde(skip)]
    pub without_figures: String,
}

/// The role of a matched comparison's outcome record.
pub const OUTCOME: &str = "outcome";
/// The role of a negative control's record.
pub const NEGATIVE_CONTROL: &str = "negative_control";

/// One covariate level's balance in one group (comparison.md).
#[derive(Debug, Clone, Serialize)]
pub struct BalanceRecord {
    pub group: String,
    pub covariate: String,
    /// A level, a bin `[a, b)`, `(missing)`, or `(mean)` for a number.
    pub level: String,
    /// The level as the cohort file writes it (a text level's case kept),
    /// for the report and its tables; `level` is the cleaned text.
    #[serde(skip)]
    pub written: String,
    pub matched_on: bool,
    pub n_missing: Count,
    pub mean_treated_before: Option<f64>,
    pub mean_control_before: Option<f64>,
    pub smd_before: Option<f64>,
    pub mean_treated_after: Option<f64>,
    pub mean_control_after: Option<f64>,
    pub smd_after: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
    /// The counts behind the means (for disclosure): a level's students
    /// among all treated, all controls and the matched treated, or for a
    /// `(mean)` row the students with a value in each.
    #[serde(skip)]
    pub counts: LevelCounts,
}

/// The counts behind a balance row's means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LevelCounts {
    pub treated: u64,
    pub controls: u64,
    pub treated_matched: u64,
    /// The arms' sizes (treated, controls, matched treated, matched controls).
    pub arms: [u64; 4],
    /// The funnel stage whose count the treated arm is.
    pub treated_stage: Stage,
}

/// One outcome's rate among the treated of one group in one band of
/// mentoring meetings (association only).
#[derive(Debug, Clone, Serialize)]
pub struct DoseRecord {
    pub group: String,
    pub outcome: String,
    /// "0", "1-2", "3-5" or "6 or more".
    pub band: &'static str,
    pub students: Count,
    pub with_outcome: Count,
    pub rate: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
}

/// Days from registration to match of one group's matched students.
#[derive(Debug, Clone, Serialize)]
pub struct MatchWaitRecord {
    pub group: String,
    /// Matched students with both dates.
    pub students: Count,
    pub median_days: Option<f64>,
    pub q1_days: Option<f64>,
    pub q3_days: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
}

/// Sustained and completed pairs of one level of a factor (metrics.md §7).
#[derive(Debug, Clone, Serialize)]
pub struct PairFactorRecord {
    /// "sector", "source", "alignment" or "mentor_load".
    pub factor: &'static str,
    pub level: String,
    pub pairs: Count,
    pub sustained: Tally,
    pub completed: Tally,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
    /// Every pair (the test's other pairs are these less the level's).
    #[serde(skip)]
    pub all_pairs: u64,
}

/// Pairs of a level with an outcome: count, rate with its Wilson interval,
/// and Fisher's exact p against the other pairs.
#[derive(Debug, Clone, Serialize)]
pub struct Tally {
    pub count: Count,
    pub rate: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub p_value: Option<f64>,
    /// Every pair with the outcome.
    #[serde(skip)]
    pub all: u64,
}

/// Mentor continuity: pairs whose meeting log names another mentor.
#[derive(Debug, Clone, Serialize)]
pub struct ContinuityRecord {
    /// Pairs with at least one meeting whose logged mentor is known.
    pub pairs_with_logged_mentor: Count,
    /// Of those, pairs whose log names another mentor at least once.
    pub pairs_with_another_mentor: Count,
    pub share: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<&'static str>,
}
