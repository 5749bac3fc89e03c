//! `pool` (pooling.md): several institutions' published metrics.json files
//! combined, effect by effect, by random-effects meta-analysis
//! (`stats::meta`). Reads only published files: no student record leaves
//! an institution, and every figure pooled passed its disclosure control.

pub mod measure;
mod read;

use std::ops::Range;

use serde::Serialize;

use crate::config::{PoolConfig, PoolMethod};
use crate::error::Result;
use crate::stats::Z_95;
use crate::stats::meta::{self, Tau2Method};

pub use read::{Contribution, Institution, read_files};

/// What `pool` writes to pooled.json.
#[derive(Debug, Clone, Serialize)]
pub struct Pooled {
    pub schema_version: u32,
    pub pool: PoolHeader,
    pub institutions: Vec<Institution>,
    pub pooled: Vec<PooledRecord>,
    /// Each institution's figure as pooled (the forest plots' rows), in
    /// `pooled` order.
    pub contributions: Vec<ContributionRecord>,
    pub leave_one_out: Vec<LeftOutRecord>,
    /// Records left out of pooling, with why (an SE of 0).
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PoolHeader {
    pub name: String,
    pub method: &'static str,
}

/// One pooled figure (or one institution's, for k = 1).
#[derive(Debug, Clone, Serialize)]
pub struct PooledRecord {
    pub measure: String,
    pub group: String,
    pub outcome: String,
    pub k: usize,
    pub institutions: Vec<String>,
    pub estimate: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    pub pi_low: Option<f64>,
    pub pi_high: Option<f64>,
    pub tau2: Option<f64>,
    pub tau2_ci_low: Option<f64>,
    pub tau2_ci_high: Option<f64>,
    pub i2: Option<f64>,
    pub h2: Option<f64>,
    pub q: Option<f64>,
    pub q_p: Option<f64>,
    pub common_estimate: Option<f64>,
    pub common_ci_low: Option<f64>,
    pub common_ci_high: Option<f64>,
    pub evidence_type: &'static str,
    pub reason: String,
    /// Where its institutions' rows are in `Pooled::contributions`
    /// (`Pooled::rows`).
    #[serde(skip)]
    pub rows: Range<usize>,
    /// Where its refits are in `Pooled::leave_one_out`
    /// (`Pooled::left_out`).
    #[serde(skip)]
    pub left_out: Range<usize>,
}

/// One institution's contribution to a pooled figure: its published
/// estimate and SE, with the 95% (normal) interval and the weight the
/// forest plot draws.
#[derive(Debug, Clone, Serialize)]
pub struct ContributionRecord {
    pub measure: String,
    pub group: String,
    pub outcome: String,
    pub institution: String,
    /// Its `n` as published.
    pub n: Option<String>,
    pub estimate: f64,
    pub se: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    /// Its weight in the random-effects estimate, in percent.
    pub weight: f64,
}

impl Pooled {
    /// The institutions' rows of a pooled figure, in `institutions` order.
    pub fn rows(&self, record: &PooledRecord) -> &[ContributionRecord] {
        self.contributions.get(record.rows.clone()).unwrap_or_default()
    }

    /// A pooled figure's leave-one-out refits, in `institutions` order.
    pub fn left_out(&self, record: &PooledRecord) -> &[LeftOutRecord] {
        self.leave_one_out
            .get(record.left_out.clone())
            .unwrap_or_default()
    }
}

/// One leave-one-out refit.
#[derive(Debug, Clone, Serialize)]
pub struct LeftOutRecord {
    pub measure: String,
    pub group: String,
    pub outcome: String,
    pub left_out: String,
    pub estimate: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    pub tau2: f64,
    pub i2: f64,
}

/// Pools the institutions' contributions by `config`'s method.
pub fn combine(
    config: &PoolConfig,
    institutions: Vec<Institution>,
    contributions: &[Contribution],
) -> Pooled {
    let method = match config.method() {
        PoolMethod::Reml => Tau2Method::Reml,
        PoolMethod::Dl => Tau2Method::Dl,
        PoolMethod::Pm => Tau2Method::Pm,
    };
    // Sorted once by figure, then institution: each figure's rows are a run.
    fn key(c: &Contribution) -> (&str, &str, &str) {
        (&c.measure, &c.group, &c.outcome)
    }
    let mut sorted: Vec<&Contribution> = contributions.iter().collect();
    sorted.sort_by(|a, b| key(a).cmp(&key(b)).then(a.institution.cmp(&b.institution)));
    let runs: Vec<&[&Contribution]> = sorted.chunk_by(|a, b| key(a) == key(b)).collect();
    // Each figure on its own, in parallel; records in figure order.
    use rayon::prelude::*;
    let figures: Vec<Figure> = runs.par_iter().map(|rows| pool_figure(method, rows)).collect();
    let mut pooled = Vec::new();
    let mut rows = Vec::new();
    let mut leave_one_out = Vec::new();
    let mut notes = Vec::new();
    for figure in figures {
        pooled.extend(figure.pooled.map(|record| PooledRecord {
            rows: rows.len()..rows.len() + figure.rows.len(),
            left_out: leave_one_out.len()..leave_one_out.len() + figure.leave_one_out.len(),
            ..record
        }));
        rows.extend(figure.rows);
        leave_one_out.extend(figure.leave_one_out);
        notes.extend(figure.notes);
    }
    Pooled {
        schema_version: 1,
        pool: PoolHeader {
            name: config.name().to_string(),
            method: match method {
                Tau2Method::Reml => "REML",
                Tau2Method::Dl => "DL",
                Tau2Method::Pm => "PM",
            },
        },
        institutions,
        pooled,
        contributions: rows,
        leave_one_out,
        notes,
    }
}

/// One figure's pooled record, institutions' rows, leave-one-out rows and
/// notes.
#[derive(Default)]
struct Figure {
    pooled: Option<PooledRecord>,
    rows: Vec<ContributionRecord>,
    leave_one_out: Vec<LeftOutRecord>,
    notes: Vec<String>,
}

/// One figure from its contributions (one figure's, by institution).
fn pool_figure(method: Tau2Method, rows: &[&Contribution]) -> Figure {
    let mut figure = Figure::default();
    let (measure, group, outcome) = (&rows[0].measure, &rows[0].group, &rows[0].outcome);
    let (zero, rows): (Vec<&Contribution>, Vec<&Contribution>) = rows.iter().partition(|c| c.se == 0.0);
    for c in zero {
        figure.notes.push(format!(
            "{measure}, {group}, {outcome}: {} left out (its SE is 0)",
            c.institution
        ));
    }
    if rows.is_empty() {
        return figure;
    }
    let names: Vec<String> = rows.iter().map(|c| c.institution.clone()).collect();
    let (evidence_type, reason) = evidence(&rows);
    let base = |estimate: f64, ci: (f64, f64)| PooledRecord {
        measure: measure.to_string(),
        group: group.to_string(),
        outcome: outcome.to_string(),
        k: rows.len(),
        institutions: names.clone(),
        estimate,
        ci_low: ci.0,
        ci_high: ci.1,
        pi_low: None,
        pi_high: None,
        tau2: None,
        tau2_ci_low: None,
        tau2_ci_high: None,
        i2: None,
        h2: None,
        q: None,
        q_p: None,
        common_estimate: None,
        common_ci_low: None,
        common_ci_high: None,
        evidence_type,
        reason: reason.clone(),
        rows: 0..0,
        left_out: 0..0,
    };
    let y: Vec<f64> = rows.iter().map(|c| c.estimate).collect();
    let se: Vec<f64> = rows.iter().map(|c| c.se).collect();
    let fit = (rows.len() >= 2)
        .then(|| meta::random_effects(&y, &se, method))
        .flatten();
    let Some(fit) = fit else {
        // k = 1 (or no fit): the institution's own figure, not pooled.
        let c = rows[0];
        figure.pooled = Some(base(
            c.estimate,
            (c.estimate - Z_95 * c.se, c.estimate + Z_95 * c.se),
        ));
        figure.rows = institution_rows(&rows, &[100.0]);
        return figure;
    };
    figure.pooled = Some(PooledRecord {
        pi_low: Some(fit.pi_low),
        pi_high: Some(fit.pi_high),
        tau2: Some(fit.tau2),
        tau2_ci_low: Some(fit.tau2_ci_low),
        tau2_ci_high: Some(fit.tau2_ci_high),
        i2: Some(fit.i2),
        h2: Some(fit.h2),
        q: Some(fit.q),
        q_p: Some(fit.q_p),
        common_estimate: Some(fit.common.estimate),
        common_ci_low: Some(fit.common.ci_low),
        common_ci_high: Some(fit.common.ci_high),
        ..base(fit.estimate, (fit.ci_low, fit.ci_high))
    });
    figure.rows = institution_rows(&rows, &fit.weights);
    for left in meta::leave_one_out(&y, &se, method) {
        figure.leave_one_out.push(LeftOutRecord {
            measure: measure.to_string(),
            group: group.to_string(),
            outcome: outcome.to_string(),
            left_out: names[left.left_out].clone(),
            estimate: left.estimate,
            ci_low: left.ci_low,
            ci_high: left.ci_high,
            tau2: left.tau2,
            i2: left.i2,
        });
    }
    figure
}

/// The forest plot's rows: each contribution with its 95% (normal)
/// interval and weight.
fn institution_rows(rows: &[&Contribution], weights: &[f64]) -> Vec<ContributionRecord> {
    rows.iter()
        .zip(weights)
        .map(|(c, &weight)| ContributionRecord {
            measure: c.measure.clone(),
            group: c.group.clone(),
            outcome: c.outcome.clone(),
            institution: c.institution.clone(),
            n: c.n.clone(),
            estimate: c.estimate,
            se: c.se,
            ci_low: c.estimate - Z_95 * c.se,
            ci_high: c.estimate + Z_95 * c.se,
            weight,
        })
        .collect()
}

/// The weakest evidence among the contributions, with the reason.
fn evidence(rows: &[&Contribution]) -> (&'static str, String) {
    let type2: Vec<&str> = rows
        .iter()
        .filter(|c| c.evidence_type != "Type 3")
        .map(|c| c.institution.as_str())
        .collect();
    if type2.is_empty() {
        (
            "Type 3",
            "every contribution is a Type 3 matched effect".to_string(),
        )
    } else if type2.len() == rows.len() {
        let design = match rows[0].design.as_str() {
            "association" => "an association (no comparison group)",
            "paired pre/post" => "a paired pre/post change (no comparison group)",
            "matched comparison" => "a Type 2 matched comparison",
            other => other,
        };
        ("Type 2", format!("every contribution is {design}"))
    } else {
        (
            "Type 2",
            format!(
                "{} contributed Type 2 evidence, so the pool is Type 2",
                type2.join(", ")
            ),
        )
    }
}

/// Reads the files and pools them.
pub fn pool(files: &[std::path::PathBuf], config: &PoolConfig) -> Result<Pooled> {
    let (institutions, contributions) = read_files(files, config)?;
    Ok(combine(config, institutions, &contributions))
}
