//! What each pooled measure is, in a reader's words and units: the forest
//! plots, the pooled tables and pool.html's sentences all say a measure
//! the same way.

use super::{Pooled, PooledRecord};
use crate::metrics::groups::{ALL_ELIGIBLE, NOT_IN_ANY};
use crate::metrics::model::Stage;

/// Measures in the order pool.html and the tables show them.
pub const ORDER: [&str; 5] = [
    "uptake_gap",
    "intent_change",
    "paired_change",
    "paired_effect",
    "matched_effect",
];

/// A measure's units and words.
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    pub id: &'static str,
    /// Section heading.
    pub heading: &'static str,
    /// Multiplies an estimate into the unit shown (100: proportions in
    /// percentage points).
    pub scale: f64,
    /// The unit in words, for the axis and sentences.
    pub unit: &'static str,
    /// Decimal places shown.
    pub decimals: usize,
    /// What a positive value means, in a sentence.
    pub positive: &'static str,
}

/// The measure named `id` (an unknown one is shown as it is, unscaled).
pub fn measure(id: &str) -> Measure {
    let known = |id, heading, scale, unit, decimals, positive| Measure {
        id,
        heading,
        scale,
        unit,
        decimals,
        positive,
    };
    match id {
        "uptake_gap" => known(
            "uptake_gap",
            "Uptake gaps: each group against other eligible students",
            100.0,
            "percentage points",
            1,
            "the group reaches the stage more often than other eligible students",
        ),
        "intent_change" => known(
            "intent_change",
            "Intention to apply for a placement: change from pre to post",
            100.0,
            "percentage points",
            1,
            "more students intend to apply after the programme than before",
        ),
        "paired_change" => known(
            "paired_change",
            "Survey scales: mean change from pre to post",
            1.0,
            "scale points",
            2,
            "scores rose from pre to post",
        ),
        "paired_effect" => known(
            "paired_effect",
            "Survey scales: standardised change (Hedges' g)",
            1.0,
            "Hedges' g",
            2,
            "scores rose from pre to post",
        ),
        "matched_effect" => known(
            "matched_effect",
            "Matched comparison: effect on participants",
            100.0,
            "percentage points",
            1,
            "participants did better than matched non-participants",
        ),
        _ => known(
            "other",
            "Other measures",
            1.0,
            "units",
            3,
            "the estimate is above 0",
        ),
    }
}

/// A pooled figure's outcome in words: a stage's label, an outcome flag
/// in words, a scale's name as written.
pub fn outcome_words(measure: &str, outcome: &str) -> String {
    if measure == "uptake_gap"
        && let Some(stage) = Stage::ALL.iter().find(|s| s.id() == outcome)
    {
        return stage.label().to_string();
    }
    match outcome {
        "placement_applied" => "Applied for a placement".to_string(),
        "placement_secured" => "Secured a placement".to_string(),
        "intending" => "Intending to apply".to_string(),
        other => other.to_string(),
    }
}

impl Measure {
    /// `value` in this measure's unit, signed, e.g. "-11.6".
    pub fn signed(&self, value: f64) -> String {
        format!("{:+.*}", self.decimals, value * self.scale)
    }

    /// A 95% interval, e.g. "-15.2 to -8.0".
    pub fn interval(&self, low: f64, high: f64) -> String {
        format!("{} to {}", self.signed(low), self.signed(high))
    }
}

/// Where a group sits among its measure's figures: all eligible first,
/// target groups by name, then students in no target group.
fn group_rank(group: &str) -> (u8, &str) {
    match group {
        ALL_ELIGIBLE => (0, group),
        NOT_IN_ANY => (2, group),
        _ => (1, group),
    }
}

/// An outcome's place: stages in funnel order, others by name.
fn outcome_rank(outcome: &str) -> (usize, &str) {
    let stage = Stage::ALL.iter().position(|s| s.id() == outcome);
    (stage.unwrap_or(Stage::ALL.len()), outcome)
}

/// The pooled figures (k >= 2) with their charts, in page order.
pub fn page_order(pooled: &Pooled) -> Vec<&PooledRecord> {
    let mut records: Vec<&PooledRecord> = pooled.pooled.iter().filter(|r| r.k >= 2).collect();
    let measure_rank = |m: &str| ORDER.iter().position(|o| *o == m).unwrap_or(ORDER.len());
    records.sort_by(|a, b| {
        (
            measure_rank(&a.measure),
            group_rank(&a.group),
            outcome_rank(&a.outcome),
        )
            .cmp(&(
                measure_rank(&b.measure),
                group_rank(&b.group),
                outcome_rank(&b.outcome),
            ))
    });
    records
}

/// A count in words' digits, grouped by thousands: "1,000".
pub fn count_words(n: usize) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    grouped
}
