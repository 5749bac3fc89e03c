//! The matched comparison's tables (comparison.md): the estimate per group
//! and outcome, the balance of every covariate level, and the dose bands.

use super::table::{Table, Value, optional};
use crate::disclosure::Published;

/// The ATT per group and outcome with its evidence label.
pub fn comparison_table(metrics: &Published) -> Table {
    Table {
        name: "comparison",
        caption: "Matched comparison: participants against non-participants alike on the matched columns \
                  (coarsened exact matching), the average effect on the kept participants (ATT) with its 95% \
                  interval, and the evidence label"
            .to_string(),
        columns: vec![
            "group",
            "outcome",
            "treated",
            "controls",
            "treated_matched",
            "controls_matched",
            "strata",
            "strata_kept",
            "share_treated_kept",
            "treated_rate",
            "control_rate",
            "att",
            "se",
            "ci_low",
            "ci_high",
            "p_value",
            "p_adjusted",
            "risk_ratio",
            "e_value",
            "e_value_ci",
            "max_abs_smd_after",
            "role",
            "evidence_type",
            "reasons",
        ],
        labels: vec![
            "Group",
            "Outcome",
            "Participants",
            "Non-participants",
            "Participants matched",
            "Non-participants matched",
            "Strata",
            "Strata kept",
            "Participants kept",
            "Participant rate",
            "Matched comparison rate",
            "Effect (ATT)",
            "SE",
            "CI low",
            "CI high",
            "p",
            "p (BH)",
            "Risk ratio",
            "E-value",
            "E-value (interval)",
            "Largest |SMD| after",
            "Role",
            "Evidence",
            "Reasons",
        ],
        rows: metrics
            .comparison
            .iter()
            .map(|r| {
                let s = &r.suppressed;
                vec![
                    Value::Text(r.group.clone()),
                    Value::Text(r.outcome.clone()),
                    Value::Count(r.treated),
                    Value::Count(r.controls),
                    Value::Count(r.treated_matched),
                    Value::Count(r.controls_matched),
                    Value::Count(r.strata),
                    Value::Count(r.strata_kept),
                    optional(r.share_treated_kept, "share_treated_kept", s, Value::Rate),
                    optional(r.treated_rate, "treated_rate", s, Value::Rate),
                    optional(r.control_rate, "control_rate", s, Value::Rate),
                    optional(r.att, "att", s, Value::RateDiff),
                    optional(r.se, "se", s, Value::RateDiff),
                    optional(r.ci_low, "ci_low", s, Value::RateDiff),
                    optional(r.ci_high, "ci_high", s, Value::RateDiff),
                    optional(r.p_value, "p_value", s, Value::P),
                    optional(r.p_adjusted, "p_adjusted", s, Value::P),
                    optional(r.risk_ratio, "risk_ratio", s, Value::Stat),
                    optional(r.e_value, "e_value", s, Value::Stat),
                    optional(r.e_value_ci, "e_value_ci", s, Value::Stat),
                    optional(r.max_abs_smd_after, "max_abs_smd_after", s, Value::Smd),
                    Value::Text(r.role.to_string()),
                    Value::Text(r.evidence_type.unwrap_or_default().to_string()),
                    Value::Text(
                        r.reasons
                            .iter()
                            .map(|reason| format!("{}: {}", reason.kind, reason.detail))
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                ]
            })
            .collect(),
    }
}

/// Every covariate level's means and SMD before and after matching.
pub fn balance_table(metrics: &Published) -> Table {
    Table {
        name: "balance",
        caption:
            "Covariate balance: share (or mean) of participants and non-participants before matching and \
                  after (non-participants weighted), and the standardised mean difference (SMD)"
                .to_string(),
        columns: vec![
            "group",
            "covariate",
            "level",
            "matched_on",
            "n_missing",
            "mean_treated_before",
            "mean_control_before",
            "smd_before",
            "mean_treated_after",
            "mean_control_after",
            "smd_after",
        ],
        labels: vec![
            "Group",
            "Covariate",
            "Level",
            "Matched on",
            "Missing",
            "Participants before",
            "Non-participants before",
            "SMD before",
            "Participants after",
            "Non-participants after",
            "SMD after",
        ],
        rows: metrics
            .balance
            .iter()
            .map(|r| {
                let s = &r.suppressed;
                let mean: fn(Option<f64>) -> Value = if r.level == "(mean)" {
                    Value::Decimal
                } else {
                    Value::Rate
                };
                vec![
                    Value::Text(r.group.clone()),
                    Value::Text(r.covariate.clone()),
                    Value::Text(r.written.clone()),
                    Value::Text(if r.matched_on { "yes" } else { "no" }.to_string()),
                    Value::Count(r.n_missing),
                    optional(r.mean_treated_before, "mean_treated_before", s, mean),
                    optional(r.mean_control_before, "mean_control_before", s, mean),
                    optional(r.smd_before, "smd_before", s, Value::Smd),
                    optional(r.mean_treated_after, "mean_treated_after", s, mean),
                    optional(r.mean_control_after, "mean_control_after", s, mean),
                    optional(r.smd_after, "smd_after", s, Value::Smd),
                ]
            })
            .collect(),
    }
}

/// Outcome rates of participants by mentoring meetings.
pub fn dose_table(metrics: &Published) -> Table {
    Table {
        name: "dose",
        caption: "Outcome rates of participants by number of mentoring meetings, with 95% Wilson intervals \
                  (association only: students who meet more may differ in other ways)"
            .to_string(),
        columns: vec![
            "group",
            "outcome",
            "band",
            "students",
            "with_outcome",
            "rate",
            "ci_low",
            "ci_high",
        ],
        labels: vec![
            "Group",
            "Outcome",
            "Meetings",
            "Participants",
            "With outcome",
            "Rate",
            "CI low",
            "CI high",
        ],
        rows: metrics
            .dose
            .iter()
            .map(|r| {
                let s = &r.suppressed;
                vec![
                    Value::Text(r.group.clone()),
                    Value::Text(r.outcome.clone()),
                    Value::Text(r.band.to_string()),
                    Value::Count(r.students),
                    Value::Count(r.with_outcome),
                    optional(r.rate, "rate", s, Value::Rate),
                    optional(r.ci_low, "ci_low", s, Value::Rate),
                    optional(r.ci_high, "ci_high", s, Value::Rate),
                ]
            })
            .collect(),
    }
}
