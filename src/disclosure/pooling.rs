//! The pooling records (pooling.md), published only when every count a
//! record is built from would be published exactly: `threshold`, each is 0
//! or at least N and the records holding them publish them exactly (after
//! secondary suppression); `hesa`, each denominator is at least 22.5 and n
//! above 7, and the record does not undo the rounding of a count it rests
//! on (`rounding_reader`). Otherwise the estimate and SE are withheld.
//! Estimates and SEs to 0.0001 on the proportion scale, 0.001 otherwise.

use super::precision::Precision;
use super::release::Release;
use super::rounding_reader::{Reader, Unknown, near, rounding_window};
use super::{HESA_MAX_SMALL_N, HESA_MIN_DENOMINATOR};
use crate::config::DisclosureRule;
use crate::metrics::groups::ALL_ELIGIBLE;
use crate::metrics::model::{Count, Metrics, OUTCOME, PoolingRecord, Stage};
use crate::stats::effect::hedges_j;
use crate::stats::mcnemar::mcnemar_exact;
use crate::stats::proportion::wilson;

/// The pooling records of `raw`, against the `published` model's records.
pub fn pooling(raw: &[PoolingRecord], published: &Metrics, release: &Release) -> Vec<PoolingRecord> {
    let mut reader = Reader::default();
    if release.rule == DisclosureRule::Hesa {
        know_uptake(&mut reader, published);
    }
    raw.iter()
        .map(|r| record(r, published, release, &mut reader))
        .collect()
}

/// What the uptake table shows of a count and its eligible students: the
/// rate and its Wilson interval, to 0.001.
struct Shown {
    rate: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
}

impl Shown {
    fn of(u: &crate::metrics::model::UptakeRecord) -> Shown {
        Shown {
            rate: u.rate,
            low: u.ci_low,
            high: u.ci_high,
        }
    }

    /// Whether `c` of `n` gives what is shown.
    fn fits(&self, c: u64, n: u64) -> bool {
        let interval = wilson(c, n);
        n > 0
            && c <= n
            && self.rate.is_none_or(|r| near(c as f64 / n as f64, r, 3))
            && self.low.is_none_or(|l| interval.is_some_and(|i| near(i.0, l, 3)))
            && self
                .high
                .is_none_or(|h| interval.is_some_and(|i| near(i.1, h, 3)))
    }
}

/// What a reader knows of each group's eligible students and stage counts
/// from the uptake table alone, under `hesa`: the values their rounding
/// leaves that give every stage's shown rate and interval (the stages
/// share the eligible count, so together they often pin it, and a record
/// that pins it too gives nothing more away).
fn know_uptake(reader: &mut Reader, m: &Metrics) {
    for group in &m.groups {
        let rows: Vec<_> = m.uptake.iter().filter(|u| &u.group == group).collect();
        let Some(eligible) = rows.iter().find(|u| u.stage == Stage::Eligible) else {
            continue;
        };
        let Count::Exact(shown) = eligible.count else {
            continue;
        };
        let stages: Vec<(String, Vec<u64>, Shown)> = rows
            .iter()
            .filter(|u| u.stage != Stage::Eligible)
            .filter_map(|u| match u.count {
                Count::Exact(c) => Some((
                    format!("stage/{group}/{}", u.stage.id()),
                    rounding_window(c),
                    Shown::of(u),
                )),
                _ => None,
            })
            .collect();
        let eligible_values: Vec<u64> = rounding_window(shown)
            .into_iter()
            .filter(|&n| {
                stages
                    .iter()
                    .all(|(_, cs, shown)| cs.iter().any(|&c| shown.fits(c, n)))
            })
            .collect();
        for (key, cs, shown) in stages {
            let values = cs
                .into_iter()
                .filter(|&c| eligible_values.iter().any(|&n| shown.fits(c, n)))
                .collect();
            reader.know(key, values);
        }
        reader.know(format!("stage/{group}/eligible"), eligible_values);
    }
}

fn record(r: &PoolingRecord, published: &Metrics, release: &Release, reader: &mut Reader) -> PoolingRecord {
    let counts = Counts::of(r, published);
    let rule_allows = match release.rule {
        DisclosureRule::None => true,
        DisclosureRule::Threshold => {
            let n = release.threshold;
            r.counts.iter().all(|&c| c == 0 || c >= n) && counts.exact
        }
        DisclosureRule::Hesa => {
            r.denominators.iter().all(|&d| d as f64 >= HESA_MIN_DENOMINATOR)
                && r.counts.first().is_some_and(|&n| n > HESA_MAX_SMALL_N)
                && counts.estimate_shown
        }
    };
    let fine = if r.measure.starts_with("paired") {
        Precision::Rate
    } else {
        Precision::Pooled
    };
    // Under hesa the record's own precision may undo a count's rounding:
    // then one decimal fewer (the rates' 0.001, or the statistics' 0.01),
    // and if that does too, it is withheld.
    let shown: Option<(Option<f64>, Option<f64>)> = match release.rule {
        _ if !rule_allows || r.estimate.is_none() => None,
        // A record without an SE (nothing to pool) is not checked there: withheld.
        DisclosureRule::Hesa => [fine, coarser(fine)].into_iter().find_map(|precision| {
            let (estimate, se) = (precision.round(r.estimate?), precision.round(r.se?));
            keeps_rounding(r, published, (estimate, se, precision.decimals()), reader)
                .then_some((Some(estimate), Some(se)))
        }),
        _ => Some((r.estimate.map(|v| fine.round(v)), r.se.map(|v| fine.round(v)))),
    };
    PoolingRecord {
        estimate: shown.and_then(|s| s.0),
        se: shown.and_then(|s| s.1),
        n: counts.n,
        n_other: counts.n_other,
        suppressed: if shown.is_some() {
            Vec::new()
        } else {
            vec!["estimate", "se"]
        },
        counts: Vec::new(),
        denominators: Vec::new(),
        ..r.clone()
    }
}

/// One decimal fewer than `precision` (for a pooling record's figures).
fn coarser(precision: Precision) -> Precision {
    match precision {
        Precision::Pooled => Precision::Rate,
        _ => Precision::Stat,
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

/// The published estimate, SE and their decimals.
type Figures = (f64, f64, i32);

/// Half a unit of the last of `decimals`, with a little for rounding.
fn half(decimals: i32) -> f64 {
    0.5 * 10f64.powi(-decimals) + 1e-9
}

/// Under `hesa`: whether a reader, from the record's published estimate and
/// SE with what earlier records and the figures beside them showed, is left
/// more than one value of each count it rests on (`rounding_reader`).
fn keeps_rounding(r: &PoolingRecord, m: &Metrics, figures: Figures, reader: &mut Reader) -> bool {
    match (r.measure, r.counts.as_slice()) {
        ("uptake_gap", &[n1, c1, n0, c0]) => uptake_gap(r, m, [c1, n1, c1 + c0, n1 + n0], figures, reader),
        ("intent_change", &[n, b, c]) => intent_change(r, m, [n, b, c], figures, reader),
        ("paired_change", &[n]) => paired_change(r, m, n, figures, reader),
        ("paired_effect", &[n]) => paired_effect(r, n, figures, reader),
        ("matched_effect", &[treated, controls, with]) => {
            matched_effect(r, m, [treated, controls, with], figures, reader)
        }
        // A record of another shape: nothing to check it against, withheld.
        _ => false,
    }
}

/// An uptake gap over (c1, n1, c_all, n_all): p1 - p0 and its SE; the
/// uptake table shows each pair's rate and Wilson interval.
fn uptake_gap(
    r: &PoolingRecord,
    m: &Metrics,
    truth: [u64; 4],
    (estimate, se, d): Figures,
    reader: &mut Reader,
) -> bool {
    let (g, o) = (&r.group, &r.outcome);
    let shown_of = |group: &str| {
        m.uptake
            .iter()
            .find(|u| u.group == group && u.stage.id() == o.as_str())
            .map(Shown::of)
    };
    let (group_shown, all_shown) = (shown_of(g), shown_of(ALL_ELIGIBLE));
    let fits_shown = |shown: &Option<Shown>, c: u64, n: u64| shown.as_ref().is_none_or(|s| s.fits(c, n));
    let unknowns = [
        Unknown::rounded(format!("stage/{g}/{o}"), truth[0]),
        Unknown::rounded(format!("stage/{g}/eligible"), truth[1]),
        Unknown::rounded(format!("stage/{ALL_ELIGIBLE}/{o}"), truth[2]),
        Unknown::rounded(format!("stage/{ALL_ELIGIBLE}/eligible"), truth[3]),
    ];
    reader.admit(
        &unknowns,
        |v| fits_shown(&group_shown, v[0], v[1]) && fits_shown(&all_shown, v[2], v[3]),
        |v| {
            let (c1, n1, c_all, n_all) = (v[0], v[1], v[2], v[3]);
            if n1 == 0 || n_all <= n1 || c1 > n1 || c_all < c1 || c_all - c1 > n_all - n1 {
                return false;
            }
            let (p1, p0) = (c1 as f64 / n1 as f64, (c_all - c1) as f64 / (n_all - n1) as f64);
            let sd = (p1 * (1.0 - p1) / n1 as f64 + p0 * (1.0 - p0) / (n_all - n1) as f64).sqrt();
            near(p1 - p0, estimate, d) && near(sd, se, d)
        },
    )
}

/// An intent change over (n, b, c): (c - b)/n and sqrt(b + c - (b - c)²/n)/n;
/// the paired intent table shows the shares pre and post (so c - b) and
/// McNemar's p, to 0.001.
fn intent_change(
    r: &PoolingRecord,
    m: &Metrics,
    truth: [u64; 3],
    (estimate, se, d): Figures,
    reader: &mut Reader,
) -> bool {
    let g = &r.group;
    let unknowns = ["n", "b", "c"]
        .iter()
        .zip(truth)
        .map(|(k, t)| Unknown::rounded(format!("intent_paired/{g}/{k}"), t))
        .collect::<Vec<_>>();
    let paired = m.intent_paired.iter().find(|i| &i.group == g);
    let change = paired.and_then(|i| Some(i.share_post? - i.share_pre?));
    let mcnemar = paired.and_then(|i| i.mcnemar_p);
    let shown = |v: &[u64]| {
        v[0] > 0
            && change.is_none_or(|x| ((v[2] as f64 - v[1] as f64) / v[0] as f64 - x).abs() <= 0.001 + 1e-9)
            && mcnemar.is_none_or(|p| near(mcnemar_exact(v[1], v[2]), p, 3))
    };
    reader.admit(&unknowns, shown, |v| {
        let (n, b, c) = (v[0] as f64, v[1] as f64, v[2] as f64);
        v[0] > 0
            && v[1] + v[2] <= v[0]
            && near((c - b) / n, estimate, d)
            && near((b + c - (b - c).powi(2) / n).max(0.0).sqrt() / n, se, d)
    })
}

/// A paired change over its n pairs: SE = sd_diff/sqrt(n), the paired
/// table showing sd_diff to 0.01.
fn paired_change(r: &PoolingRecord, m: &Metrics, n: u64, (_, se, d): Figures, reader: &mut Reader) -> bool {
    let (g, o) = (&r.group, &r.outcome);
    let sd = m
        .paired
        .iter()
        .find(|p| &p.group == g && &p.scale == o)
        .and_then(|p| p.sd_diff);
    reader.admit(
        &[Unknown::rounded(format!("paired/{g}/{o}"), n)],
        |_| true,
        |v| {
            let root = (v[0] as f64).sqrt();
            v[0] > 1
                && sd.is_none_or(|sd| {
                    (sd - 0.005) / root <= se + half(d) && (sd + 0.005) / root >= se - half(d)
                })
        },
    )
}

/// A paired effect over its n pairs: SE = J sqrt(1/n + d_z²/(2n)) with
/// d_z = g/J, so given g, a function of n alone.
fn paired_effect(r: &PoolingRecord, n: u64, (estimate, se, d): Figures, reader: &mut Reader) -> bool {
    reader.admit(
        &[Unknown::rounded(format!("paired/{}/{}", r.group, r.outcome), n)],
        |_| true,
        |v| {
            let n = v[0] as f64;
            let Some(j) = hedges_j(n - 1.0) else {
                return false;
            };
            let se_at = |g: f64| j * (1.0 / n + (g / j).powi(2) / (2.0 * n)).sqrt();
            se_at((estimate.abs() - half(d)).max(0.0)) <= se + half(d)
                && se_at(estimate.abs() + half(d)) >= se - half(d)
        },
    )
}

/// A matched effect over (treated, controls, treated with the outcome):
/// the comparison shows the treated rate. The control arm is weighted, so
/// in general only bounds follow (the ATT plus a rate is the treated rate;
/// the treated arm's variance fits in SE²(n-2)/n); where its weights are
/// equal, or immaterial (no matched control has the outcome, or every one
/// does), a reader who tries equal weights gets the record as an uptake gap
/// with HC1's n/(n-2), and the control arm's count with the outcome too.
fn matched_effect(
    r: &PoolingRecord,
    m: &Metrics,
    truth: [u64; 3],
    (estimate, se, d): Figures,
    reader: &mut Reader,
) -> bool {
    let (g, o) = (&r.group, &r.outcome);
    let c = m
        .comparison
        .iter()
        .find(|c| &c.group == g && &c.outcome == o && c.role == OUTCOME);
    let (treated_rate, control_rate) = (c.and_then(|c| c.treated_rate), c.and_then(|c| c.control_rate));
    let [treated, controls, with] = truth;
    let mut unknowns = vec![
        Unknown::rounded(format!("matched/{g}/t"), treated),
        Unknown::rounded(format!("matched/{g}/c"), controls),
        with_outcome(format!("matched_with/{g}/{o}"), with, treated, treated_rate),
    ];
    let rate_fits = |rate: Option<f64>, c: u64, n: u64| {
        c <= n && rate.is_none_or(|r| n > 0 && near(c as f64 / n as f64, r, 3))
    };
    let Some(with_c) = equal_weights(r, truth) else {
        return reader.admit(
            &unknowns,
            |v| rate_fits(treated_rate, v[2], v[0]),
            |v| {
                let (n_t, n_c, c_t) = (v[0] as f64, v[1] as f64, v[2] as f64);
                let n = n_t + n_c;
                let p_t = c_t / n_t;
                v[0] > 0
                    && n > 2.0
                    && p_t >= estimate - half(d)
                    && p_t <= 1.0 + estimate + half(d)
                    && p_t * (1.0 - p_t) / n_t * n / (n - 2.0) <= (se + half(d)).powi(2)
            },
        );
    };
    unknowns.push(Unknown::between(
        format!("matched_with_c/{g}/{o}"),
        with_c,
        round_up(controls),
    ));
    reader.admit(
        &unknowns,
        |v| rate_fits(treated_rate, v[2], v[0]) && rate_fits(control_rate, v[3], v[1]),
        |v| {
            equal_fit(v[2], v[0], v[3], v[1])
                .is_some_and(|(att, sd)| near(att, estimate, d) && near(sd, se, d))
        },
    )
}

/// An arm's count with the outcome: any up to the arm's largest rounding,
/// or where its rate is shown, those that give it over one of those.
fn with_outcome(key: String, truth: u64, arm: u64, rate: Option<f64>) -> Unknown {
    let arms = rounding_window(super::round_hesa(arm));
    let mut unknown = Unknown::between(key, truth, round_up(arm));
    if let Some(rate) = rate {
        unknown
            .start
            .retain(|&c| arms.iter().any(|&n| n > 0 && near(c as f64 / n as f64, rate, 3)));
    }
    unknown
}

/// The ATT and HC1 SE of c_t of n_t treated against c_c of n_c controls
/// weighted equally.
fn equal_fit(c_t: u64, n_t: u64, c_c: u64, n_c: u64) -> Option<(f64, f64)> {
    if n_t == 0 || n_c == 0 || c_t > n_t || c_c > n_c || n_t + n_c <= 2 {
        return None;
    }
    let (p_t, p_c, n) = (
        c_t as f64 / n_t as f64,
        c_c as f64 / n_c as f64,
        (n_t + n_c) as f64,
    );
    let variance = p_t * (1.0 - p_t) / n_t as f64 + p_c * (1.0 - p_c) / n_c as f64;
    Some((p_t - p_c, (variance * n / (n - 2.0)).sqrt()))
}

/// The matched controls with the outcome when the record is what equal
/// control weights give (to rounding), else None.
fn equal_weights(r: &PoolingRecord, [treated, controls, with]: [u64; 3]) -> Option<u64> {
    let (att, se) = (r.estimate?, r.se?);
    (0..=controls).find(|&c_c| {
        equal_fit(with, treated, c_c, controls)
            .is_some_and(|(a, s)| (a - att).abs() <= 1e-9 && (s - se).abs() <= 1e-9)
    })
}

/// The largest count that rounds as `count` does.
fn round_up(count: u64) -> u64 {
    super::round_hesa(count).saturating_add(2)
}
