//! Disclosure control (outputs.md), applied once to the whole metrics model so
//! the report, metrics.json and tables publish the same values. Rates and
//! statistics are always computed from unrounded counts before this step.

use crate::config::{Disclosure, DisclosureRule};
use crate::metrics::model::{Count, Metrics, UptakeRecord};

/// HESA: rates and shares are withheld when their denominator is below this.
pub const HESA_MIN_DENOMINATOR: f64 = 22.5;
/// HESA: means, test statistics and p-values are withheld when n is at most this.
pub const HESA_MAX_SMALL_N: u64 = 7;

/// Rounds a count to the nearest 5, halves up (0-2 become 0): the HESA rule.
pub fn round_hesa(count: u64) -> u64 {
    (count + 2) / 5 * 5
}

/// The published count under the threshold rule: 1..N-1 become `<N`.
pub fn threshold_count(count: u64, threshold: u64) -> Count {
    if count > 0 && count < threshold {
        Count::Below(threshold)
    } else {
        Count::Exact(count)
    }
}

/// What the rule allows for one record: (counts, rate denominators, test n).
struct Policy {
    rule: DisclosureRule,
    threshold: u64,
}

impl Policy {
    fn count(&self, count: Count) -> Count {
        match (self.rule, count) {
            (DisclosureRule::Hesa, Count::Exact(v)) => Count::Exact(round_hesa(v)),
            (DisclosureRule::Threshold, Count::Exact(v)) => threshold_count(v, self.threshold),
            (_, other) => other,
        }
    }

    /// Whether a rate over `denominator` may be shown.
    fn rate_shown(&self, denominator: u64) -> bool {
        match self.rule {
            DisclosureRule::Hesa => denominator as f64 >= HESA_MIN_DENOMINATOR,
            DisclosureRule::Threshold => denominator >= self.threshold,
            DisclosureRule::None => true,
        }
    }

    /// Whether a statistic over `n` may be shown.
    fn statistic_shown(&self, n: u64) -> bool {
        match self.rule {
            DisclosureRule::Hesa => n > HESA_MAX_SMALL_N,
            DisclosureRule::Threshold => n >= self.threshold,
            DisclosureRule::None => true,
        }
    }
}

/// Nulls `value` when `shown` is false, recording `name` when it had a value.
fn withhold(
    value: &mut Option<f64>,
    shown: bool,
    name: &'static str,
    suppressed: &mut Vec<&'static str>,
) {
    if !shown && value.is_some() {
        *value = None;
        suppressed.push(name);
    }
}

fn publish_uptake(record: &mut UptakeRecord, policy: &Policy) {
    let denominator = record.denominator.value().unwrap_or(0);
    let rate_shown = policy.rate_shown(denominator);
    let mut suppressed = Vec::new();
    withhold(&mut record.rate, rate_shown, "rate", &mut suppressed);
    withhold(&mut record.ci_low, rate_shown, "ci_low", &mut suppressed);
    withhold(&mut record.ci_high, rate_shown, "ci_high", &mut suppressed);
    let conversion_shown = record.parent_count.is_none_or(|p| policy.rate_shown(p));
    withhold(
        &mut record.conversion,
        conversion_shown,
        "conversion",
        &mut suppressed,
    );
    withhold(&mut record.gap_pp, rate_shown, "gap_pp", &mut suppressed);
    let test_shown = policy.statistic_shown(denominator);
    withhold(&mut record.p_value, test_shown, "p_value", &mut suppressed);
    withhold(
        &mut record.p_adjusted,
        test_shown,
        "p_adjusted",
        &mut suppressed,
    );
    record.count = policy.count(record.count);
    record.denominator = policy.count(record.denominator);
    record.parent_count = None;
    record.suppressed = suppressed;
}

/// The published model: `metrics` with the disclosure rule applied.
pub fn publish(metrics: &Metrics, disclosure: &Disclosure) -> Metrics {
    let policy = Policy {
        rule: disclosure.rule,
        threshold: disclosure.threshold,
    };
    let mut published = metrics.clone();
    for record in &mut published.uptake {
        publish_uptake(record, &policy);
    }
    published
}
