//! The matched comparison's evidence label (comparison.md): Type 3 only
//! when enough were matched, every covariate is in balance, a balance row
//! exists that matching does not force, and no negative control differs;
//! else Type 2, with every reason in words.

use super::matching::Matching;
use super::model::{BalanceRecord, ComparisonRecord, Reason};
use crate::config::ComparisonConfig;

/// The evidence label and every reason it is not Type 3 (the same for
/// every outcome of a group): too few matched; a covariate out of balance
/// (each, with its largest |SMD after|); no balance row that matching does
/// not force (exact matching balances the matched columns by construction);
/// a negative control whose interval excludes 0.
pub(super) fn evidence(
    spec: &ComparisonConfig,
    matching: &Matching,
    balance: &[BalanceRecord],
    controls: &[ComparisonRecord],
) -> (&'static str, Vec<Reason>) {
    let mut reasons = Vec::new();
    let min = spec.min_matched;
    if matching.treated_matched < min || matching.controls_matched < min {
        reasons.push(Reason {
            kind: "too_few_matched",
            // The rule in words, never a count beside it: a rounded count
            // ("20 matched") would seem to contradict "at least 20".
            detail: format!("fewer than {min} matched participants or non-participants"),
            subject: String::new(),
            without_figures: String::new(),
        });
    }
    let mut covariates: Vec<(&str, Option<f64>)> = Vec::new();
    for b in balance {
        let out = b.smd_after.is_none_or(|s| s.abs() > spec.smd_threshold);
        if !out {
            continue;
        }
        let smd = b.smd_after.map(f64::abs);
        match covariates.iter_mut().find(|(c, _)| *c == b.covariate) {
            Some((_, largest)) => *largest = worse(*largest, smd),
            None => covariates.push((&b.covariate, smd)),
        }
    }
    for (covariate, smd) in covariates {
        reasons.push(Reason {
            kind: "out_of_balance",
            detail: smd_detail(covariate, smd, spec.smd_threshold),
            subject: covariate.to_string(),
            without_figures: smd_detail(covariate, None, spec.smd_threshold),
        });
    }
    if !balance.iter().any(|b| !b.matched_on) {
        reasons.push(Reason {
            kind: "no_unforced_balance",
            detail: "every balance row is a matched column, which exact matching balances by construction; \
                     name a column fixed before the programme in comparison.balance_on"
                .to_string(),
            subject: String::new(),
            without_figures: String::new(),
        });
    }
    for c in controls {
        if let (Some(low), Some(high)) = (c.ci_low, c.ci_high)
            && (low > 0.0 || high < 0.0)
        {
            reasons.push(Reason {
                kind: "negative_control_differs",
                detail: control_detail(&c.outcome, c.att, Some((low, high))),
                subject: c.outcome.clone(),
                without_figures: control_detail(&c.outcome, None, None),
            });
        }
    }
    let label = if reasons.is_empty() { "Type 3" } else { "Type 2" };
    (label, reasons)
}

/// The larger of two |SMD|s, a null one (out of balance by rule) first.
fn worse(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        _ => None,
    }
}

/// An out-of-balance reason's words: the covariate and its largest |SMD
/// after| (None: withheld, or not computable).
fn smd_detail(covariate: &str, smd: Option<f64>, threshold: f64) -> String {
    match smd {
        Some(smd) => format!("{covariate}: |SMD| after matching up to {smd:.2}, above {threshold}"),
        None => format!("{covariate}: |SMD| after matching above {threshold}, or not computable"),
    }
}

/// A negative-control reason's words: its header, ATT and interval in
/// percentage points (None: withheld).
fn control_detail(control: &str, att: Option<f64>, ci: Option<(f64, f64)>) -> String {
    match (att, ci) {
        (Some(att), Some((low, high))) => format!(
            "{control}: {:+.1} pp (95% interval {:+.1} to {:+.1}), fixed before the programme, so the matched groups still differ",
            100.0 * att,
            100.0 * low,
            100.0 * high
        ),
        _ => format!(
            "{control}: its interval excludes 0, though it was fixed before the programme, so the matched groups still differ"
        ),
    }
}
