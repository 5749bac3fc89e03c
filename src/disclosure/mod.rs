//! Disclosure control (outputs.md), applied once to the whole metrics model so
//! the report, metrics.json and tables publish the same values. Rates and
//! statistics are always computed from unrounded counts before this step.
//!
//! It fails closed by type: the published model is `Published`, which only
//! `publish` builds, and `publish` takes every record apart field by field
//! (records.rs), so a figure added to the model has no way out until it has
//! a rule. Charts, tables, the report and the writers take `&Published`.

mod audit;
mod bounds;
mod cells;
mod comparison;
mod keys;
mod lasting;
mod mentors;
mod outcomes;
mod plan;
mod pooling;
mod precision;
mod quality;
mod range;
mod records;
mod relationships;
mod release;
mod rounding_reader;
mod sums;
mod suppress;
mod surveys;
mod uptake;

use serde::Serialize;

pub use precision::Precision;

use crate::config::{Disclosure, DisclosureRule};
use crate::metrics::model::{Count, DisclosureRecord, Metrics};
use crate::metrics::trend::TrendRecord;
use release::Release;

pub use crate::config::HESA_MIN_DENOMINATOR;
/// HESA: means, test statistics and p-values are withheld when n is at most this.
pub const HESA_MAX_SMALL_N: u64 = 7;

/// Rounds a count to the nearest 5, halves up (0-2 become 0): the HESA rule.
pub fn round_hesa(count: u64) -> u64 {
    // Saturating: a count near u64::MAX must not wrap round to 0.
    count.saturating_add(2) / 5 * 5
}

/// The published count under the threshold rule: 1..N-1 become `<N`.
pub fn threshold_count(count: u64, threshold: u64) -> Count {
    if count > 0 && count < threshold {
        Count::Below(threshold)
    } else {
        Count::Exact(count)
    }
}

/// The published (disclosure-controlled) model. Only `publish` builds one;
/// it reads as the model it was built from.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct Published(Metrics);

impl std::ops::Deref for Published {
    type Target = Metrics;

    fn deref(&self) -> &Metrics {
        &self.0
    }
}

impl Published {
    /// Adds the trend, built from published figures (this run's and earlier
    /// runs' metrics.json), each at its published precision: an earlier file
    /// may hold rates to 17 digits.
    pub fn with_trend(mut self, trend: Vec<TrendRecord>, skipped: Vec<String>) -> Published {
        self.0.trend = trend
            .into_iter()
            .map(|record| {
                let TrendRecord {
                    figure,
                    label,
                    period,
                    as_of,
                    value,
                    kind,
                } = record;
                let precision = match kind {
                    "rate" => Precision::Rate,
                    "effect" => Precision::Stat,
                    _ => Precision::Decimal,
                };
                TrendRecord {
                    figure,
                    label,
                    period,
                    as_of,
                    value: value.map(|v| precision.round(v)),
                    kind,
                }
            })
            .collect();
        self.0.history_skipped = skipped;
        self
    }
}

/// The published model: `metrics` with the disclosure rule applied to every
/// figure. Under `threshold`, counts are first solved together (plan.rs) so
/// that no withheld count can be derived from what is shown.
pub fn publish(metrics: &Metrics, disclosure: &Disclosure) -> Published {
    publish_counting(metrics, disclosure).0
}

/// The counts a published figure asked for that no family registered
/// under `threshold` (each withheld, failing closed): a figure whose count
/// the plan left out. Empty when every figure's counts are registered; a
/// test keeps it so.
pub fn unregistered_counts(metrics: &Metrics, disclosure: &Disclosure) -> Vec<String> {
    let (_, release) = publish_counting(metrics, disclosure);
    release
        .cells
        .unregistered()
        .iter()
        .map(|k| format!("{k:?}"))
        .collect()
}

fn publish_counting(metrics: &Metrics, disclosure: &Disclosure) -> (Published, Release) {
    let cells = match disclosure.rule {
        DisclosureRule::Threshold => plan::solve(metrics, disclosure.threshold),
        DisclosureRule::Hesa | DisclosureRule::None => cells::Cells::default(),
    };
    let release = Release {
        rule: disclosure.rule,
        threshold: disclosure.threshold,
        cells,
    };
    let Metrics {
        schema_version,
        published: _,
        programme,
        as_of,
        disclosure:
            DisclosureRecord {
                rule,
                threshold,
                withheld: _,
                secondary: _,
                audited: _,
            },
        inputs,
        groups,
        uptake,
        departments,
        relationships,
        timeline,
        compliance,
        retention,
        retention_alignment,
        match_wait,
        continuity,
        pair_factors,
        mentors,
        survey_waves,
        scales,
        items,
        item_texts,
        paired,
        attrition,
        intent,
        intent_paired,
        outcomes,
        comparison,
        balance,
        dose,
        pooling,
        trend: _,
        history_skipped: _,
        data_quality,
    } = metrics;
    let mut secondary = 0;
    let s = &mut secondary;
    let r = &release;
    let mut published = Metrics {
        schema_version: *schema_version,
        published: true,
        programme: programme.clone(),
        as_of: as_of.clone(),
        disclosure: DisclosureRecord {
            rule: *rule,
            threshold: *threshold,
            withheld: None,
            secondary: None,
            audited: (disclosure.rule == DisclosureRule::Threshold).then_some(release.cells.audited as u64),
        },
        // File names and sha256 of the inputs, and their rows under the rule.
        inputs: inputs.iter().map(|i| quality::input(i, r)).collect(),
        groups: groups.clone(),
        uptake: uptake::uptake(uptake, keys::stage, r, s),
        departments: uptake::uptake(departments, keys::department_stage, r, s),
        relationships: relationships
            .iter()
            .map(|x| relationships::relationship(x, r, s))
            .collect(),
        timeline: timeline
            .iter()
            .map(|x| relationships::timeline(x, r, s))
            .collect(),
        compliance: compliance
            .iter()
            .map(|x| relationships::compliance(x, r, s))
            .collect(),
        retention: retention
            .iter()
            .zip(relationships::hesa_withheld(retention, r))
            .map(|(x, withheld)| relationships::retention(x, keys::curve, withheld, r, s))
            .collect(),
        retention_alignment: retention_alignment
            .iter()
            .zip(relationships::hesa_withheld(retention_alignment, r))
            .map(|(x, withheld)| relationships::retention(x, keys::alignment_curve, withheld, r, s))
            .collect(),
        match_wait: match_wait.iter().map(|x| lasting::match_wait(x, r, s)).collect(),
        continuity: continuity.as_ref().map(|x| lasting::continuity(x, r, s)),
        pair_factors: pair_factors
            .iter()
            .map(|x| lasting::pair_factor(x, r, s))
            .collect(),
        mentors: mentors.as_ref().map(|x| mentors::mentor_bank(x, r, s)),
        survey_waves: survey_waves
            .iter()
            .map(|x| surveys::survey_wave(x, r, s))
            .collect(),
        scales: scales.iter().map(|x| surveys::scale(x, r, s)).collect(),
        items: items.iter().map(|x| surveys::item(x, r, s)).collect(),
        // The survey's own wording: no student's answer, published as it is.
        item_texts: item_texts.clone(),
        paired: surveys::paired(paired, r, s),
        attrition: attrition.iter().map(|x| surveys::attrition(x, r, s)).collect(),
        intent: intent.iter().map(|x| surveys::intent(x, r, s)).collect(),
        intent_paired: intent_paired
            .iter()
            .map(|x| surveys::intent_paired(x, r, s))
            .collect(),
        outcomes: outcomes.iter().map(|x| outcomes::outcome(x, r, s)).collect(),
        comparison: Vec::new(),
        balance: balance.iter().map(|x| comparison::balance(x, r, s)).collect(),
        dose: dose.iter().map(|x| comparison::dose(x, r, s)).collect(),
        // Against the published records, after the comparison (below).
        pooling: Vec::new(),
        // Built from published figures afterwards (`Published::with_trend`).
        trend: Vec::new(),
        history_skipped: Vec::new(),
        // Counts of findings: a wave's duplicates are students too.
        data_quality: quality::quality(data_quality, r),
    };
    published.comparison = comparison::comparisons(comparison, (balance, &published.balance), r, s);
    published.pooling = pooling::pooling(pooling, &published, r);
    published.disclosure.withheld = Some(withheld_figures(&published));
    published.disclosure.secondary = Some(secondary as u64);
    (Published(published), release)
}

/// Every figure the published model withholds: the entries of its records'
/// `suppressed` lists (each withheld count and each withheld figure).
fn withheld_figures(m: &Metrics) -> u64 {
    // Every field named: a new record family must say what it withholds.
    let Metrics {
        schema_version: _,
        published: _,
        programme: _,
        as_of: _,
        disclosure: _,
        inputs,
        groups: _,
        uptake,
        departments,
        relationships,
        timeline,
        compliance,
        retention,
        retention_alignment,
        match_wait,
        continuity,
        pair_factors,
        mentors,
        survey_waves,
        scales,
        items,
        item_texts: _,
        paired,
        attrition,
        intent,
        intent_paired,
        outcomes,
        comparison,
        balance,
        dose,
        pooling,
        trend: _,
        history_skipped: _,
        data_quality,
    } = m;
    let lists =
        uptake
            .iter()
            .chain(departments)
            .map(|r| r.suppressed.len())
            .chain(relationships.iter().map(|r| r.suppressed.len()))
            .chain(retention.iter().map(|r| r.suppressed.len()))
            .chain(retention_alignment.iter().map(|r| r.suppressed.len()))
            .chain(match_wait.iter().map(|r| r.suppressed.len()))
            .chain(pair_factors.iter().map(|r| r.suppressed.len()))
            .chain(continuity.iter().map(|r| r.suppressed.len()))
            .chain(mentors.iter().map(|b| {
                b.suppressed.len() + b.by_sector.values().map(|s| s.suppressed.len()).sum::<usize>()
            }))
            .chain(survey_waves.iter().map(|r| r.suppressed.len()))
            .chain(scales.iter().map(|r| r.suppressed.len()))
            .chain(paired.iter().map(|r| r.suppressed.len()))
            .chain(attrition.iter().map(|r| r.suppressed.len()))
            .chain(intent.iter().map(|r| r.suppressed.len()))
            .chain(intent_paired.iter().map(|r| r.suppressed.len()))
            .chain(outcomes.iter().map(|r| r.suppressed.len()))
            .chain(comparison.iter().map(|r| r.suppressed.len()))
            .chain(balance.iter().map(|r| r.suppressed.len()))
            .chain(dose.iter().map(|r| r.suppressed.len()))
            .chain(pooling.iter().map(|r| r.suppressed.len()));
    // Records of one count and no `suppressed` list.
    let counts = timeline
        .iter()
        .map(|r| r.meetings)
        .chain(compliance.iter().map(|r| r.pairs))
        .chain(items.iter().map(|r| r.count))
        .chain(inputs.iter().flat_map(|i| [i.rows_read, i.rows_used]))
        .chain([data_quality.errors, data_quality.warnings])
        .chain(data_quality.by_rule.values().copied())
        .chain(data_quality.by_input.iter().map(|c| c.findings))
        .filter(|c| *c == Count::Withheld)
        .count();
    (lists.sum::<usize>() + counts) as u64
}
