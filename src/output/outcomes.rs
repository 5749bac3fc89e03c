//! The placement outcomes' table: participants against non-participants.

use super::table::{Table, Value, optional};
use crate::disclosure::Published;

/// Placement outcomes of participants against non-participants.
pub fn outcomes_table(metrics: &Published) -> Table {
    Table {
        name: "outcomes",
        caption: "Placement outcomes: participants (matched with a mentor) against non-participants (eligible, not registered), with 95% Wilson intervals and Fisher's exact test. Association only (Type 2 evidence): students chose to take part".to_string(),
        columns: vec![
            "group", "outcome", "participants", "participants_with_outcome", "participant_rate", "participant_ci_low",
            "participant_ci_high", "non_participants", "non_participants_with_outcome", "non_participant_rate",
            "non_participant_ci_low", "non_participant_ci_high", "diff_pp", "p_value",
        ],
        labels: vec![
            "Group", "Outcome", "Participants", "With outcome", "Rate", "CI low", "CI high", "Non-participants",
            "With outcome", "Rate", "CI low", "CI high", "Difference (pp)", "p",
        ],
        rows: metrics
            .outcomes
            .iter()
            .map(|r| {
                let s = &r.suppressed;
                vec![
                    Value::Text(r.group.clone()),
                    Value::Text(r.outcome.to_string()),
                    Value::Count(r.participants),
                    Value::Count(r.participants_with_outcome),
                    optional(r.participant_rate, "participant_rate", s, Value::Rate),
                    optional(r.participant_ci_low, "participant_ci_low", s, Value::Rate),
                    optional(r.participant_ci_high, "participant_ci_high", s, Value::Rate),
                    Value::Count(r.non_participants),
                    Value::Count(r.non_participants_with_outcome),
                    optional(r.non_participant_rate, "non_participant_rate", s, Value::Rate),
                    optional(r.non_participant_ci_low, "non_participant_ci_low", s, Value::Rate),
                    optional(r.non_participant_ci_high, "non_participant_ci_high", s, Value::Rate),
                    optional(r.diff_pp, "diff_pp", s, Value::Points),
                    optional(r.p_value, "p_value", s, Value::P),
                ]
            })
            .collect(),
    }
}
