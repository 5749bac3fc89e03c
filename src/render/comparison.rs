//! The report's "Matched comparison" section (comparison.md, outputs.md 7a):
//! the design in two sentences, what it cannot rule out, and one verdict per
//! group and outcome (the evidence label with its reason, the effect and its
//! interval, the E-value in words), all from published figures.

use serde::Serialize;

use super::findings::words;
use super::table_view::{TableView, table_view};
use crate::charts::Chart;
use crate::charts::comparison::outcome_phrase;
use crate::config::{ComparisonConfig, Treated};
use crate::disclosure::Published;
use crate::metrics::model::{ComparisonRecord, NEGATIVE_CONTROL, Reason};

/// Section 7a.
#[derive(Debug, Clone, Serialize)]
pub struct ComparisonSection {
    /// The design in two sentences.
    pub design: Vec<String>,
    /// What the design cannot rule out, and how to read the E-value.
    pub caveat: String,
    pub verdicts: Vec<Verdict>,
    pub love: Option<Chart>,
    pub effects: Vec<Chart>,
    pub dose: Option<Chart>,
    pub table: Option<TableView>,
    pub balance_table: Option<TableView>,
    pub dose_table: Option<TableView>,
}

/// One group's finding on one outcome.
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    /// "Type 3" or "Type 2".
    pub label: String,
    pub heading: String,
    pub text: String,
}

/// The section, from the published model, its tables and charts.
pub fn section(
    spec: &ComparisonConfig,
    published: &Published,
    tables: &[crate::output::table::Table],
    charts: &crate::charts::ReportCharts,
) -> ComparisonSection {
    let table = |name| table_view(tables, name);
    ComparisonSection {
        design: design(spec),
        caveat: caveat(spec),
        verdicts: verdicts(published),
        love: charts.love.clone(),
        effects: charts.effects.clone(),
        dose: charts.dose.clone(),
        table: table("comparison"),
        balance_table: table("balance"),
        dose_table: table("dose"),
    }
}

/// The design in two sentences, naming the configured columns.
pub fn design(spec: &ComparisonConfig) -> Vec<String> {
    let mut columns: Vec<String> = spec
        .match_on
        .iter()
        .map(|h| format!("\u{201c}{h}\u{201d}"))
        .collect();
    columns.extend(
        spec.coarsen
            .0
            .iter()
            .map(|(h, _)| format!("band of \u{201c}{h}\u{201d}")),
    );
    let treated = match spec.treated {
        Treated::Matched => "participant (a student matched with a mentor)",
        Treated::Registered => "participant (a registered student)",
    };
    vec![
        format!(
            "Each {treated} is compared with eligible students who did not register and who have the same {} \
             (coarsened exact matching); students with no counterpart in the other group are left out, and \
             non-participants are weighted so that each combination counts as often as it does among participants.",
            words(&columns)
        ),
        "The effect is the difference between the outcome rate of the participants kept and that of their \
         weighted matches (the average effect on the treated, ATT), with a 95% interval from a weighted \
         regression with robust (HC1) standard errors; the groups are checked for balance on every column \
         (standardised mean differences, below)."
            .to_string(),
    ]
}

/// What matching cannot do, in plain words.
pub fn caveat(spec: &ComparisonConfig) -> String {
    format!(
        "Matching makes the two groups alike only on the columns named above. Students who chose to take part may \
         still differ in ways the cohort file does not record, such as motivation, confidence or support at home, \
         and such a difference could explain part or all of an effect. The E-value sizes that risk: it is how \
         strongly an unmeasured difference would have to be associated with both taking part and the outcome \
         (as a risk ratio, each way) to explain the effect away. An E-value near 1 means a weak hidden difference \
         could do it; a large one means it would have to be strong. A finding is labelled Type 3 only when at \
         least {} participants and {} non-participants are matched, every column's standardised mean \
         difference after matching is within {}, at least one column that matching does not force into balance \
         (comparison.balance_on) is checked, and no negative control (a trait fixed before the programme) \
         differs; otherwise every reason is given. The estimate describes the participants who could be \
         matched, whose share is given.",
        spec.min_matched, spec.min_matched, spec.smd_threshold
    )
}

/// A reason a finding is not Type 3, as the report words it.
fn reason_words(reason: &Reason) -> String {
    let lead = match reason.kind {
        "too_few_matched" => "too few matched for a Type 3 label",
        "out_of_balance" => "out of balance after matching",
        "no_unforced_balance" => "no check matching does not force",
        "negative_control_differs" => "a negative control differs",
        other => other,
    };
    format!("{lead} ({})", reason.detail)
}

fn points(v: f64) -> String {
    format!("{:+.1}", v * 100.0)
}

/// What a student with the outcome did: "applied for a placement".
fn outcome_done(outcome: &str) -> String {
    match outcome {
        "placement_applied" => "applied for a placement".to_string(),
        "placement_secured" => "secured a placement".to_string(),
        other => format!("had \u{201c}{other}\u{201d}"),
    }
}

/// One record's verdict in words.
fn verdict(r: &ComparisonRecord) -> Verdict {
    let outcome = outcome_phrase(&r.outcome);
    if r.role == NEGATIVE_CONTROL {
        return control_verdict(r);
    }
    let label = if r.evidence_type == Some("Type 3") {
        "The matched groups balance, on a column matching does not force as well as on those matched, and no \
         negative control differs: this estimates the programme's effect."
            .to_string()
    } else if r.reasons.is_empty() {
        "Read this as an association, not an effect.".to_string()
    } else {
        let reasons: Vec<String> = r.reasons.iter().map(reason_words).collect();
        let mut text = reasons.join("; ");
        if let Some(first) = text.get(..1) {
            text = first.to_uppercase() + &text[1..];
        }
        format!("{text}: read this as an association, not an effect.")
    };
    let kept = r.share_treated_kept.map_or(String::new(), |s| {
        format!(" {:.0}% of participants could be matched.", s * 100.0)
    });
    let effect = match (r.att, r.ci_low, r.ci_high, r.treated_rate, r.control_rate) {
        (Some(att), Some(low), Some(high), Some(t), Some(c)) => format!(
            " {:.1}% of them {}, against {:.1}% of their matched non-participants: an effect of {} percentage \
             points (95% interval {} to {}).",
            t * 100.0,
            outcome_done(&r.outcome),
            c * 100.0,
            points(att),
            points(low),
            points(high)
        ),
        (Some(att), ..) => format!(
            " An effect of {} percentage points (too few students for an interval).",
            points(att)
        ),
        _ => " The effect is withheld: too few students to publish it.".to_string(),
    };
    let e_value = match (r.e_value, r.e_value_ci) {
        (Some(e), Some(ci)) if ci > 1.0 => format!(
            " An unmeasured difference would need to be associated with both taking part and {outcome} by a risk \
             ratio of {e:.2} each to explain this effect away ({ci:.2} to make the interval include no effect)."
        ),
        (Some(e), _) => format!(
            " An unmeasured difference would need to be associated with both taking part and {outcome} by a risk \
             ratio of {e:.2} each to explain this effect away; the interval already includes no effect."
        ),
        (None, _) if r.att.is_some() && r.control_rate == Some(0.0) => {
            " No matched non-participant had the outcome, so the risk ratio and E-value cannot be computed."
                .to_string()
        }
        _ => String::new(),
    };
    Verdict {
        label: r.evidence_type.unwrap_or("Type 2").to_string(),
        heading: format!("{}, {}", r.group, outcome),
        text: format!("{label}{kept}{effect}{e_value}"),
    }
}

/// A negative control's verdict: what matching left unlike, if anything.
fn control_verdict(r: &ComparisonRecord) -> Verdict {
    let text = match (r.att, r.ci_low, r.ci_high) {
        (Some(att), Some(low), Some(high)) => {
            let differs = low > 0.0 || high < 0.0;
            format!(
                "Fixed before the programme, so the programme cannot have changed it: matched participants and \
                 non-participants differ by {} percentage points (95% interval {} to {}). {}",
                points(att),
                points(low),
                points(high),
                if differs {
                    "The interval excludes no difference: the matched groups still differ in a way matching did \
                     not remove, so no finding of this group is labelled Type 3."
                } else {
                    "The interval includes no difference, as it should."
                }
            )
        }
        _ => "Fixed before the programme; its difference is withheld: too few students to publish it."
            .to_string(),
    };
    Verdict {
        label: "Negative control".to_string(),
        heading: format!("{}, {} (negative control)", r.group, r.outcome),
        text,
    }
}

/// The section's verdicts, group by group in report order.
pub fn verdicts(published: &Published) -> Vec<Verdict> {
    published.comparison.iter().map(verdict).collect()
}
