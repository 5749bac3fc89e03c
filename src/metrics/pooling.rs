//! The records a consortium can pool (pooling.md): each an estimate with its
//! standard error, from unrounded figures, and the counts it rests on (for
//! disclosure, which publishes a record only when every count passes).

use super::groups::ALL_ELIGIBLE;
use super::model::{Count, Metrics, OUTCOME, PoolingRecord, Stage};
use crate::stats::effect::hedges_j;

const ASSOCIATION: &str = "association";
const PAIRED: &str = "paired pre/post";
const MATCHED: &str = "matched comparison";

fn raw(count: Count) -> u64 {
    count.value().unwrap_or(0)
}

/// Every poolable record of `m`, in its records' order: uptake gaps, paired
/// changes and effects, intent changes, matched effects.
pub fn pooling_records(m: &Metrics) -> Vec<PoolingRecord> {
    let mut records = uptake_gaps(m);
    records.extend(paired(m));
    records.extend(intent(m));
    records.extend(matched(m));
    records
}

fn record(measure: &'static str, group: &str, outcome: &str, design: &'static str) -> PoolingRecord {
    PoolingRecord {
        measure,
        group: group.to_string(),
        outcome: outcome.to_string(),
        estimate: None,
        se: None,
        n: Count::Exact(0),
        n_other: None,
        design,
        evidence_type: "Type 2",
        suppressed: Vec::new(),
        counts: Vec::new(),
        denominators: Vec::new(),
    }
}

/// Each group's rate at each stage (but eligible) minus that of the eligible
/// students outside the group; SE sqrt(p1(1-p1)/n1 + p0(1-p0)/n0).
fn uptake_gaps(m: &Metrics) -> Vec<PoolingRecord> {
    let count = |group: &str, stage: Stage| {
        m.uptake
            .iter()
            .find(|r| r.group == group && r.stage == stage)
            .map(|r| raw(r.count))
    };
    let mut records = Vec::new();
    for group in m.groups.iter().filter(|g| *g != ALL_ELIGIBLE) {
        let (Some(n1), Some(all)) = (
            count(group, Stage::Eligible),
            count(ALL_ELIGIBLE, Stage::Eligible),
        ) else {
            continue;
        };
        let n0 = all.saturating_sub(n1);
        for stage in Stage::ALL.into_iter().filter(|s| *s != Stage::Eligible) {
            let (Some(c1), Some(c_all)) = (count(group, stage), count(ALL_ELIGIBLE, stage)) else {
                continue;
            };
            if n1 == 0 || n0 == 0 {
                continue;
            }
            let c0 = c_all.saturating_sub(c1);
            let (p1, p0) = (c1 as f64 / n1 as f64, c0 as f64 / n0 as f64);
            records.push(PoolingRecord {
                estimate: Some(p1 - p0),
                se: Some((p1 * (1.0 - p1) / n1 as f64 + p0 * (1.0 - p0) / n0 as f64).sqrt()),
                n: Count::Exact(n1),
                n_other: Some(Count::Exact(n0)),
                counts: vec![n1, c1, n0, c0],
                denominators: vec![n1, n0],
                ..record("uptake_gap", group, stage.id(), ASSOCIATION)
            });
        }
    }
    records
}

/// Each scale's paired change (SE sd_diff/sqrt(n)) and Hedges' g_z (SE
/// J·sqrt(1/n + d_z²/(2n)), J the small-sample correction of g_z).
fn paired(m: &Metrics) -> Vec<PoolingRecord> {
    let mut records = Vec::new();
    for p in &m.paired {
        let n = p.n_raw;
        if n < 2 {
            continue;
        }
        let root_n = (n as f64).sqrt();
        let base = |measure| PoolingRecord {
            n: Count::Exact(n),
            counts: vec![n],
            denominators: vec![n],
            ..record(measure, &p.group, &p.scale, PAIRED)
        };
        records.push(PoolingRecord {
            estimate: p.mean_diff,
            se: p.sd_diff.map(|sd| sd / root_n),
            ..base("paired_change")
        });
        let effect_se = p
            .cohens_dz
            .zip(hedges_j(n as f64 - 1.0))
            .map(|(dz, j)| j * (1.0 / n as f64 + dz * dz / (2.0 * n as f64)).sqrt());
        records.push(PoolingRecord {
            estimate: p.hedges_gz,
            se: effect_se,
            ..base("paired_effect")
        });
    }
    records
}

/// The share intending to apply, post minus pre over the same students; SE
/// sqrt(b + c - (b - c)²/n)/n.
fn intent(m: &Metrics) -> Vec<PoolingRecord> {
    m.intent_paired
        .iter()
        .filter(|i| raw(i.n) > 0)
        .map(|i| {
            let (n, b, c) = (raw(i.n) as f64, raw(i.b) as f64, raw(i.c) as f64);
            PoolingRecord {
                estimate: i.share_post.zip(i.share_pre).map(|(post, pre)| post - pre),
                se: Some((b + c - (b - c).powi(2) / n).max(0.0).sqrt() / n),
                n: i.n,
                counts: vec![raw(i.n), raw(i.b), raw(i.c)],
                denominators: vec![raw(i.n)],
                ..record("intent_change", &i.group, "intending", PAIRED)
            }
        })
        .collect()
}

/// Each outcome's matched effect (ATT) with its HC1 SE; negative controls
/// are not pooled.
fn matched(m: &Metrics) -> Vec<PoolingRecord> {
    m.comparison
        .iter()
        .filter(|r| r.role == OUTCOME)
        .map(|r| PoolingRecord {
            estimate: r.att,
            se: r.se,
            n: r.treated_matched,
            n_other: Some(r.controls_matched),
            evidence_type: r.evidence_type.unwrap_or("Type 2"),
            counts: vec![
                raw(r.treated_matched),
                raw(r.controls_matched),
                r.treated_with_outcome,
            ],
            denominators: vec![raw(r.treated_matched), raw(r.controls_matched)],
            ..record("matched_effect", &r.group, &r.outcome, MATCHED)
        })
        .collect()
}
