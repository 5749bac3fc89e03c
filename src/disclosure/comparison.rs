//! The matched comparison's records, published field by field (as
//! records.rs does for the rest). Counts as counts; the treated rate as a
//! rate of its count; every other estimate as a statistic of the smaller
//! matched arm, shown only with the treated rate (control rate + ATT would
//! give it back); a balance mean as a rate of its level's count.

use super::cells::{Cells, Key};
use super::keys;
use super::precision::Precision::{Decimal, P, Rate, Stat};
use super::records::adjusted_shown;
use super::records::raw;
use super::release::{Fields, Of, Release};
use super::sums::partition;
use crate::metrics::model::Metrics;
use crate::metrics::model::{BalanceRecord, ComparisonRecord, Count, DoseRecord, LevelCounts, Reason, Stage};

/// The comparison records, after the balance records are published (the
/// largest |SMD after| is shown only where a shown balance row carries it,
/// else it would give that row's value away), with an adjusted p withheld
/// where it equals a withheld estimate's (Benjamini-Hochberg copies the
/// scaled p-value of the test that sets it).
pub fn comparisons(
    records: &[ComparisonRecord],
    balance: (&[BalanceRecord], &[BalanceRecord]),
    release: &Release,
    secondary: &mut usize,
) -> Vec<ComparisonRecord> {
    let withheld: Vec<(&str, f64)> = records
        .iter()
        .filter(|r| !estimate_shown(r, release))
        .filter_map(|r| r.p_adjusted.map(|p| (r.outcome.as_str(), p)))
        .collect();
    records
        .iter()
        .map(|r| {
            let family: Vec<f64> = withheld
                .iter()
                .filter(|(o, _)| *o == r.outcome)
                .map(|(_, p)| *p)
                .collect();
            let adjusted = adjusted_shown(r.p_adjusted, true, &family);
            ComparisonRecord {
                reasons: reasons(r, records, balance, release),
                ..comparison(r, max_smd_shown(r, balance), adjusted, release, secondary)
            }
        })
        .collect()
}

/// A record's reasons, each with its figures only where they are published:
/// a covariate's largest |SMD after| where a published balance row of the
/// group carries it, a negative control's effect where its estimate is shown.
fn reasons(
    r: &ComparisonRecord,
    records: &[ComparisonRecord],
    (raw, published): (&[BalanceRecord], &[BalanceRecord]),
    release: &Release,
) -> Vec<Reason> {
    let shown = |reason: &Reason| match reason.kind {
        "out_of_balance" => {
            let rows = || {
                raw.iter()
                    .zip(published)
                    .filter(|(b, _)| b.group == r.group && b.covariate == reason.subject)
            };
            let largest = rows()
                .filter_map(|(b, _)| b.smd_after.map(f64::abs))
                .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))));
            largest.is_some_and(|max| {
                rows().any(|(b, p)| b.smd_after.map(f64::abs) == Some(max) && p.smd_after.is_some())
            })
        }
        "negative_control_differs" => records
            .iter()
            .find(|c| c.group == r.group && c.outcome == reason.subject && c.role != r.role)
            .is_some_and(|c| estimate_shown(c, release)),
        _ => true,
    };
    r.reasons
        .iter()
        .map(|reason| Reason {
            detail: if shown(reason) {
                reason.detail.clone()
            } else {
                reason.without_figures.clone()
            },
            ..reason.clone()
        })
        .collect()
}

/// Whether a balance row of the record's group that carries its largest
/// |SMD after| is published with its SMD.
fn max_smd_shown(record: &ComparisonRecord, (raw, published): (&[BalanceRecord], &[BalanceRecord])) -> bool {
    let Some(max) = record.max_abs_smd_after else {
        return false;
    };
    raw.iter().zip(published).any(|(r, p)| {
        r.group == record.group && r.smd_after.map(f64::abs) == Some(max) && p.smd_after.is_some()
    })
}

/// The counts of a record's arms, and whether its estimates may be shown:
/// the treated rate as a rate of its count, within a statistic of the
/// smaller matched arm.
fn estimate_shown(r: &ComparisonRecord, release: &Release) -> bool {
    let tm = Of(keys::matched_arm(&r.group, "treated_matched"), r.treated_matched);
    let cm = Of(
        keys::matched_arm(&r.group, "controls_matched"),
        r.controls_matched,
    );
    let with = Of(
        keys::matched_with(&r.group, &r.outcome),
        Count::Exact(r.treated_with_outcome),
    );
    let smaller = raw(r.treated_matched).min(raw(r.controls_matched));
    release.statistic(&[&tm, &cm], smaller) && release.rate(&[&tm, &with], raw(r.treated_matched))
}

fn comparison(
    r: &ComparisonRecord,
    max_abs_smd_after_shown: bool,
    adjusted_shown: bool,
    release: &Release,
    secondary: &mut usize,
) -> ComparisonRecord {
    let ComparisonRecord {
        group,
        outcome,
        treated,
        controls,
        treated_matched,
        controls_matched,
        strata,
        strata_kept,
        share_treated_kept,
        treated_rate,
        control_rate,
        att,
        se,
        ci_low,
        ci_high,
        p_value,
        p_adjusted,
        risk_ratio,
        e_value,
        e_value_ci,
        max_abs_smd_after,
        role,
        evidence_type,
        reasons: _,
        suppressed: _,
        treated_with_outcome: _,
        treated_stage,
    } = r;
    let mut f = Fields::default();
    let t = Of(keys::stage(group, *treated_stage), *treated);
    let c = Of(keys::not_in(group, Stage::Registered), *controls);
    let tm = Of(keys::matched_arm(group, "treated_matched"), *treated_matched);
    let cm = Of(keys::matched_arm(group, "controls_matched"), *controls_matched);
    let smaller = raw(*treated_matched).min(raw(*controls_matched));
    let arms = release.statistic(&[&tm, &cm], smaller);
    let rate_shown = estimate_shown(r, release);
    let share_shown = release.rate(&[&t, &tm], raw(*treated));
    let published = ComparisonRecord {
        group: group.clone(),
        outcome: outcome.clone(),
        treated: Count::Exact(0),
        controls: Count::Exact(0),
        treated_matched: Count::Exact(0),
        controls_matched: Count::Exact(0),
        strata: f.count(release, &Of(keys::strata(group, "all"), *strata), "strata"),
        strata_kept: f.count(
            release,
            &Of(keys::strata(group, "kept"), *strata_kept),
            "strata_kept",
        ),
        share_treated_kept: None,
        treated_rate: f.figure(*treated_rate, rate_shown, "treated_rate", Rate),
        control_rate: f.figure(*control_rate, rate_shown, "control_rate", Rate),
        att: f.figure(*att, rate_shown, "att", Rate),
        se: f.figure(*se, rate_shown, "se", Rate),
        ci_low: f.figure(*ci_low, rate_shown, "ci_low", Rate),
        ci_high: f.figure(*ci_high, rate_shown, "ci_high", Rate),
        p_value: f.figure(*p_value, rate_shown, "p_value", P),
        p_adjusted: f.figure(*p_adjusted, rate_shown && adjusted_shown, "p_adjusted", P),
        risk_ratio: f.figure(*risk_ratio, rate_shown, "risk_ratio", Stat),
        e_value: f.figure(*e_value, rate_shown, "e_value", Stat),
        e_value_ci: f.figure(*e_value_ci, rate_shown, "e_value_ci", Stat),
        max_abs_smd_after: None,
        role,
        evidence_type: *evidence_type,
        reasons: Vec::new(),
        suppressed: Vec::new(),
        treated_with_outcome: 0,
        treated_stage: *treated_stage,
    };
    ComparisonRecord {
        treated: f.count(release, &t, "treated"),
        controls: f.count(release, &c, "controls"),
        treated_matched: f.count(release, &tm, "treated_matched"),
        controls_matched: f.count(release, &cm, "controls_matched"),
        share_treated_kept: f.figure(*share_treated_kept, share_shown, "share_treated_kept", Rate),
        max_abs_smd_after: f.figure(
            *max_abs_smd_after,
            arms && max_abs_smd_after_shown,
            "max_abs_smd_after",
            Rate,
        ),
        suppressed: f.finish(secondary),
        ..published
    }
}

/// A balance row: a level's means as rates of its counts in each arm (the
/// weighted control mean after matching with the matched treated one: exact
/// matching makes them equal); a number's means as statistics of the
/// students with a value. An SMD needs the means it is made of.
pub fn balance(r: &BalanceRecord, release: &Release, secondary: &mut usize) -> BalanceRecord {
    let BalanceRecord {
        group,
        covariate,
        level,
        written,
        matched_on,
        n_missing,
        mean_treated_before,
        mean_control_before,
        smd_before,
        mean_treated_after,
        mean_control_after,
        smd_after,
        suppressed: _,
        counts,
    } = r;
    let mut f = Fields::default();
    let [n_t, n_c, n_tm, n_cm] = counts.arms;
    let number = level == "(mean)";
    let missing = Of(keys::level_missing(group, covariate), *n_missing);
    let (t_before, c_before, t_after) = if number {
        (
            release.statistic(&[&missing], n_t),
            release.statistic(&[&missing], n_c),
            release.statistic(&[&missing], n_tm),
        )
    } else {
        let of = |arm: &str, count: u64| Of(keys::level(group, covariate, level, arm), Count::Exact(count));
        let total = |key, n| Of(key, Count::Exact(n));
        (
            release.rate(
                &[
                    &of("t", counts.treated),
                    &total(keys::stage(group, counts.treated_stage), n_t),
                ],
                n_t,
            ),
            release.rate(
                &[
                    &of("c", counts.controls),
                    &total(keys::not_in(group, Stage::Registered), n_c),
                ],
                n_c,
            ),
            release.rate(
                &[
                    &of("tm", counts.treated_matched),
                    &total(keys::matched_arm(group, "treated_matched"), n_tm),
                ],
                n_tm,
            ),
        )
    };
    let c_after = t_after && release.statistic(&[], n_tm.min(n_cm));
    let mean = if number { Decimal } else { Rate };
    let published = BalanceRecord {
        group: group.clone(),
        covariate: covariate.clone(),
        level: level.clone(),
        written: written.clone(),
        matched_on: *matched_on,
        n_missing: Count::Exact(0),
        mean_treated_before: f.figure(*mean_treated_before, t_before, "mean_treated_before", mean),
        mean_control_before: f.figure(*mean_control_before, c_before, "mean_control_before", mean),
        smd_before: f.figure(*smd_before, t_before && c_before, "smd_before", Rate),
        mean_treated_after: f.figure(*mean_treated_after, t_after, "mean_treated_after", mean),
        mean_control_after: f.figure(*mean_control_after, c_after, "mean_control_after", mean),
        smd_after: f.figure(*smd_after, t_before && c_before && c_after, "smd_after", Rate),
        suppressed: Vec::new(),
        // The counts behind the means stay in the unrounded model.
        counts: LevelCounts {
            treated: 0,
            controls: 0,
            treated_matched: 0,
            arms: [0; 4],
            treated_stage: counts.treated_stage,
        },
    };
    BalanceRecord {
        n_missing: f.count(release, &missing, "n_missing"),
        suppressed: f.finish(secondary),
        ..published
    }
}

pub fn dose(r: &DoseRecord, release: &Release, secondary: &mut usize) -> DoseRecord {
    let DoseRecord {
        group,
        outcome,
        band,
        students,
        with_outcome,
        rate,
        ci_low,
        ci_high,
        suppressed: _,
    } = r;
    let mut f = Fields::default();
    let n = Of(keys::dose(group, band), *students);
    let with = Of(keys::dose_with(group, outcome, band), *with_outcome);
    let shown = release.rate(&[&n, &with], raw(*students));
    let published = DoseRecord {
        group: group.clone(),
        outcome: outcome.clone(),
        band,
        students: Count::Exact(0),
        with_outcome: Count::Exact(0),
        rate: f.figure(*rate, shown, "rate", Rate),
        ci_low: f.figure(*ci_low, shown, "ci_low", Rate),
        ci_high: f.figure(*ci_high, shown, "ci_high", Rate),
        suppressed: Vec::new(),
    };
    DoseRecord {
        students: f.count(release, &n, "students"),
        with_outcome: f.count(release, &with, "with_outcome"),
        suppressed: f.finish(secondary),
        ..published
    }
}

/// The matched comparison: the matched arms within each arm, the matched
/// treated with each outcome, each covariate level's students per arm
/// (the levels of a covariate add up to the arm), and the dose bands (they
/// add up to the treated, and their outcome counts to the treated with it).
pub fn register(cells: &mut Cells, m: &Metrics) {
    for r in &m.comparison {
        let treated = cells.shown(keys::stage(&r.group, r.treated_stage), raw(r.treated));
        let controls = cells.shown(keys::not_in(&r.group, Stage::Registered), raw(r.controls));
        let tm = cells.shown(
            keys::matched_arm(&r.group, "treated_matched"),
            raw(r.treated_matched),
        );
        cells.subset(treated, tm, keys::matched_arm(&r.group, "treated_unmatched"));
        let cm = cells.shown(
            keys::matched_arm(&r.group, "controls_matched"),
            raw(r.controls_matched),
        );
        cells.subset(controls, cm, keys::matched_arm(&r.group, "controls_unmatched"));
        let with = cells.shown(keys::matched_with(&r.group, &r.outcome), r.treated_with_outcome);
        cells.subset(tm, with, keys::matched_without(&r.group, r.outcome.as_str()));
        // A kept stratum holds one of each arm at least; a stratum, one student.
        let strata = cells.shown(keys::strata(&r.group, "all"), raw(r.strata));
        let kept = cells.shown(keys::strata(&r.group, "kept"), raw(r.strata_kept));
        cells.at_most(&[kept], &[tm]);
        cells.at_most(&[kept], &[cm]);
        cells.at_most(&[kept], &[strata]);
        cells.at_most(&[strata], &[treated, controls]);
    }
    let mut covariates: Vec<(&str, &str)> = Vec::new();
    for r in &m.balance {
        // Each record's own: a number's students without it, a level's 0
        // (a level is a 0/1 of every student; the missing are a level).
        cells.shown(keys::level_missing(&r.group, &r.covariate), raw(r.n_missing));
        if r.level == "(mean)" {
            continue;
        }
        for (arm, count) in [
            ("t", r.counts.treated),
            ("c", r.counts.controls),
            ("tm", r.counts.treated_matched),
        ] {
            cells.shown(keys::level(&r.group, &r.covariate, &r.level, arm), count);
        }
        if !covariates.contains(&(r.group.as_str(), r.covariate.as_str())) {
            covariates.push((r.group.as_str(), r.covariate.as_str()));
        }
    }
    let stage = m.comparison.first().map(|r| r.treated_stage);
    for (group, covariate) in &covariates {
        let levels: Vec<&str> = m
            .balance
            .iter()
            .filter(|r| r.group == *group && r.covariate == *covariate)
            .map(|r| r.level.as_str())
            .collect();
        let totals = [
            ("t", stage.map(|s| keys::stage(group, s))),
            ("c", Some(keys::not_in(group, Stage::Registered))),
            ("tm", Some(keys::matched_arm(group, "treated_matched"))),
        ];
        for (arm, total) in totals {
            let Some(total) = total.and_then(|k| cells.id(&k)) else {
                continue;
            };
            let parts: Vec<usize> = levels
                .iter()
                .filter_map(|l| cells.id(&keys::level(group, covariate, l, arm)))
                .collect();
            cells.sum(total, &parts);
        }
    }
    for r in &m.dose {
        let students = cells.shown(keys::dose(&r.group, r.band), raw(r.students));
        let with = cells.shown(keys::dose_with(&r.group, &r.outcome, r.band), raw(r.with_outcome));
        cells.subset(
            students,
            with,
            keys::dose_without(&r.group, r.outcome.as_str(), r.band),
        );
    }
    let bands: Vec<&str> = crate::metrics::comparison::DOSE_BANDS
        .iter()
        .map(|b| b.0)
        .collect();
    let mut outcomes: Vec<&str> = m.dose.iter().map(|r| r.outcome.as_str()).collect();
    outcomes.dedup();
    for g in &m.groups {
        let Some(stage) = stage else { break };
        if let Some(total) = cells.id(&keys::stage(g, stage)) {
            let parts: Vec<usize> = bands.iter().filter_map(|b| cells.id(&keys::dose(g, b))).collect();
            cells.sum(total, &parts);
        }
        // The bands against the pairs' own counts: no meeting is the pairs
        // less those with meetings; three or more, the sustained pairs.
        let band = |cells: &Cells, b: &str| cells.id(&keys::dose(g, b));
        if let (Some(pairs), Some(none), Some(met)) = (
            cells.id(&keys::stage(g, Stage::Matched)),
            band(cells, bands[0]),
            cells.id(&keys::pairs_with_meetings(g)),
        ) {
            cells.sum(pairs, &[none, met]);
        }
        if let (Some(sustained), Some(some), Some(many)) = (
            cells.id(&keys::stage(g, Stage::Sustained)),
            band(cells, bands[2]),
            band(cells, bands[3]),
        ) {
            cells.sum(sustained, &[some, many]);
        }
        for outcome in &outcomes {
            let Some(total) = cells.id(&keys::with_outcome(g, outcome, true)) else {
                continue;
            };
            let parts: Vec<usize> = bands
                .iter()
                .filter_map(|b| cells.id(&keys::dose_with(g, outcome, b)))
                .collect();
            cells.sum(total, &parts);
        }
    }
    partition(cells, &m.groups, |g| {
        let mut k: Vec<Key> = bands.iter().map(|b| keys::dose(g, b)).collect();
        for outcome in &outcomes {
            k.extend(bands.iter().map(|b| keys::dose_with(g, outcome, b)));
        }
        k
    });
}
