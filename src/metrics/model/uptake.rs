//! The uptake funnel (metrics.md section 1).

use super::Count;
use serde::Serialize;

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
