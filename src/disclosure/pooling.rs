//! The pooling records (pooling.md), published only when every count a
//! record is built from would be published exactly: `threshold`, each is 0
//! or at least N and the records holding them publish them exactly (after
//! secondary suppression); `hesa`, each denominator is at least 22.5 and n
//! above 7. Otherwise the estimate and SE are withheld. Estimates and SEs
//! to 0.0001 on the proportion scale, 0.001 otherwise.

use super::precision::Precision;
use super::release::Release;
use super::{HESA_MAX_SMALL_N, HESA_MIN_DENOMINATOR};
use crate::config::DisclosureRule;
use crate::metrics::groups::ALL_ELIGIBLE;
use crate::metrics::model::{Count, Metrics, OUTCOME, PoolingRecord, Stage};

/// The pooling records of `raw`, against the `published` model's records.
pub fn pooling(raw: &[PoolingRecord], published: &Metrics, release: &Release) -> Vec<PoolingRecord> {
    raw.iter().map(|r| record(r, published, release)).collect()
}

fn record(r: &PoolingRecord, published: &Metrics, release: &Release) -> PoolingRecord {
    let counts = Counts::of(r, published);
    let rule_allows = match release.rule {
        DisclosureRule::None => true,
        DisclosureRule::Threshold => {
            let n = release.threshold;
            r.counts.iter().all(|&c| c == 0 || c >= n) && counts.exact
        }
        // A paired record's SE gives its exact n of pairs (sd_diff is
        // published), an intent change's its discordant pairs b and c: HESA
        // rounding hides both, so under `hesa` they are withheld.
        DisclosureRule::Hesa if r.measure.starts_with("paired") || r.measure == "intent_change" => false,
        DisclosureRule::Hesa => {
            r.denominators.iter().all(|&d| d as f64 >= HESA_MIN_DENOMINATOR)
                && r.counts.first().is_some_and(|&n| n > HESA_MAX_SMALL_N)
                && counts.estimate_shown
        }
    };
    let precision = if r.measure.starts_with("paired") {
        Precision::Rate
    } else {
        Precision::Pooled
    };
    let round = |v: Option<f64>| v.map(|v| precision.round(v));
    let shown = rule_allows && r.estimate.is_some();
    PoolingRecord {
        estimate: if shown { round(r.estimate) } else { None },
        se: if shown { round(r.se) } else { None },
        n: counts.n,
        n_other: counts.n_other,
        suppressed: if shown { Vec::new() } else { vec!["estimate", "se"] },
        counts: Vec::new(),
        denominators: Vec::new(),
        ..r.clone()
    }
}

/// What the published model shows of a record's counts.
struct Counts {
    n: Count,
    n_other: Option<Count>,
    /// Every count the record rests on is published exactly.
    exact: bool,
    /// The published record shows the estimate (a withheld one stays so).
    estimate_shown: bool,
}

impl Counts {
    fn of(r: &PoolingRecord, m: &Metrics) -> Counts {
        let exact = |c: Count| matches!(c, Count::Exact(_));
        match r.measure {
            "uptake_gap" => {
                let stage = Stage::ALL.into_iter().find(|s| s.id() == r.outcome);
                let at = |group: &str, stage: Option<Stage>| {
                    m.uptake
                        .iter()
                        .find(|u| u.group == group && Some(u.stage) == stage)
                        .map_or(Count::Withheld, |u| u.count)
                };
                let (n1, c1) = (at(&r.group, Some(Stage::Eligible)), at(&r.group, stage));
                let (all, c_all) = (at(ALL_ELIGIBLE, Some(Stage::Eligible)), at(ALL_ELIGIBLE, stage));
                let n_other = match (n1, all) {
                    (Count::Exact(a), Count::Exact(b)) => Count::Exact(b.saturating_sub(a)),
                    _ => Count::Withheld,
                };
                Counts {
                    n: n1,
                    n_other: Some(n_other),
                    exact: [n1, c1, all, c_all].into_iter().all(exact),
                    estimate_shown: true,
                }
            }
            "paired_change" | "paired_effect" => {
                let p = m
                    .paired
                    .iter()
                    .find(|p| p.group == r.group && p.scale == r.outcome);
                let n = p.map_or(Count::Withheld, |p| p.n);
                Counts {
                    n,
                    n_other: None,
                    exact: exact(n),
                    estimate_shown: p.is_some_and(|p| p.mean_diff.is_some()),
                }
            }
            "intent_change" => {
                let i = m.intent_paired.iter().find(|i| i.group == r.group);
                let counts = i.map_or([Count::Withheld; 3], |i| [i.n, i.b, i.c]);
                Counts {
                    n: counts[0],
                    n_other: None,
                    exact: counts.into_iter().all(exact),
                    estimate_shown: i.is_some_and(|i| i.share_pre.is_some() && i.share_post.is_some()),
                }
            }
            _ => {
                let c = m
                    .comparison
                    .iter()
                    .find(|c| c.group == r.group && c.outcome == r.outcome && c.role == OUTCOME);
                let (n, n_other) = c.map_or((Count::Withheld, Count::Withheld), |c| {
                    (c.treated_matched, c.controls_matched)
                });
                Counts {
                    n,
                    n_other: Some(n_other),
                    exact: exact(n) && exact(n_other) && c.is_some_and(|c| c.att.is_some()),
                    estimate_shown: c.is_some_and(|c| c.att.is_some()),
                }
            }
        }
    }
}
