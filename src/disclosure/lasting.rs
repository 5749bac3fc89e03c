//! What makes relationships last (metrics.md §7), published field by field:
//! the wait from registration to match (its students a count, its median
//! and quartiles statistics over them), and the pair factors (counts as
//! counts, each rate a rate of its count, each p a test on the level's
//! table against the other pairs).

use super::cells::Cells;
use super::keys;
use super::precision::Precision::{Decimal, P, Rate};
use super::records::raw;
use super::release::{Fields, Of, Release};
use super::sums::partition;
use crate::metrics::groups::ALL_ELIGIBLE;
use crate::metrics::model::Metrics;
use crate::metrics::model::{ContinuityRecord, Count, MatchWaitRecord, PairFactorRecord, Stage, Tally};

pub fn match_wait(r: &MatchWaitRecord, release: &Release, secondary: &mut usize) -> MatchWaitRecord {
    let MatchWaitRecord {
        group,
        students,
        median_days,
        q1_days,
        q3_days,
        suppressed: _,
    } = r;
    let mut f = Fields::default();
    let n = Of(keys::match_wait(group), *students);
    let shown = release.statistic(&[&n], raw(*students));
    let published = MatchWaitRecord {
        group: group.clone(),
        students: Count::Exact(0),
        median_days: f.figure(*median_days, shown, "median_days", Decimal),
        q1_days: f.figure(*q1_days, shown, "q1_days", Decimal),
        q3_days: f.figure(*q3_days, shown, "q3_days", Decimal),
        suppressed: Vec::new(),
    };
    MatchWaitRecord {
        students: f.count(release, &n, "students"),
        suppressed: f.finish(secondary),
        ..published
    }
}

pub fn pair_factor(r: &PairFactorRecord, release: &Release, secondary: &mut usize) -> PairFactorRecord {
    let PairFactorRecord {
        factor,
        level,
        pairs,
        sustained,
        completed,
        suppressed: _,
        all_pairs,
    } = r;
    let mut f = Fields::default();
    let n = Of(keys::factor_pairs(factor, level), *pairs);
    let every = Of(
        keys::stage(ALL_ELIGIBLE, Stage::Matched),
        Count::Exact(*all_pairs),
    );
    let mut outcome = |t: &Tally, stage: Stage, names: [&'static str; 5]| {
        let with = Of(keys::factor_with(factor, level, stage), t.count);
        let all_with = Of(keys::stage(ALL_ELIGIBLE, stage), Count::Exact(t.all));
        let rate = release.rate(&[&n, &with], raw(*pairs));
        let others = all_pairs.saturating_sub(raw(*pairs));
        let test = release.count_test(&[&n, &with, &every, &all_with], raw(*pairs).min(others));
        Tally {
            count: f.count(release, &with, names[0]),
            rate: f.figure(t.rate, rate, names[1], Rate),
            ci_low: f.figure(t.ci_low, rate, names[2], Rate),
            ci_high: f.figure(t.ci_high, rate, names[3], Rate),
            p_value: f.figure(t.p_value, test, names[4], P),
            all: 0,
        }
    };
    let sustained = outcome(
        sustained,
        Stage::Sustained,
        [
            "sustained",
            "sustained_rate",
            "sustained_ci_low",
            "sustained_ci_high",
            "sustained_p",
        ],
    );
    let completed = outcome(
        completed,
        Stage::Completed,
        [
            "completed",
            "completed_rate",
            "completed_ci_low",
            "completed_ci_high",
            "completed_p",
        ],
    );
    PairFactorRecord {
        factor,
        level: level.clone(),
        pairs: f.count(release, &n, "pairs"),
        sustained,
        completed,
        suppressed: f.finish(secondary),
        all_pairs: 0,
    }
}

pub fn continuity(r: &ContinuityRecord, release: &Release, secondary: &mut usize) -> ContinuityRecord {
    let ContinuityRecord {
        pairs_with_logged_mentor,
        pairs_with_another_mentor,
        share,
        suppressed: _,
    } = r;
    let mut f = Fields::default();
    let logged = Of(keys::continuity("logged"), *pairs_with_logged_mentor);
    let other = Of(keys::continuity("another"), *pairs_with_another_mentor);
    let shown = release.rate(&[&logged, &other], raw(*pairs_with_logged_mentor));
    let share = f.figure(*share, shown, "share", Rate);
    ContinuityRecord {
        pairs_with_logged_mentor: f.count(release, &logged, "pairs_with_logged_mentor"),
        pairs_with_another_mentor: f.count(release, &other, "pairs_with_another_mentor"),
        share,
        suppressed: f.finish(secondary),
    }
}

/// What makes relationships last: the students behind each group's wait.
pub fn register(cells: &mut Cells, m: &Metrics) {
    for r in &m.match_wait {
        cells.shown(keys::match_wait(&r.group), raw(r.students));
    }
    partition(cells, &m.groups, |g| vec![keys::match_wait(g)]);
    if let Some(c) = &m.continuity {
        let logged = cells.shown(keys::continuity("logged"), raw(c.pairs_with_logged_mentor));
        let other = cells.shown(keys::continuity("another"), raw(c.pairs_with_another_mentor));
        cells.subset(logged, other, keys::continuity("same"));
        if let Some(pairs) = cells.id(&keys::stage(ALL_ELIGIBLE, Stage::Matched)) {
            cells.subset(pairs, logged, keys::continuity("not logged"));
        }
    }
    // A factor's levels add up to the pairs, their sustained and completed
    // pairs to the funnel's (every pair has one level of each factor).
    let mut factors: Vec<&str> = Vec::new();
    for r in &m.pair_factors {
        // A sector's pairs are its mentors' matched mentees in the bank's record.
        let pairs_key = keys::factor_pairs(r.factor, &r.level);
        let pairs = if r.factor == "sector" {
            cells.same_as(
                pairs_key,
                raw(r.pairs),
                &keys::sector(&r.level, "matched_mentees"),
            )
        } else {
            cells.shown(pairs_key, raw(r.pairs))
        };
        for (stage, tally) in [(Stage::Sustained, &r.sustained), (Stage::Completed, &r.completed)] {
            let with = cells.shown(keys::factor_with(r.factor, &r.level, stage), raw(tally.count));
            let rest = keys::factor_without(r.factor, &r.level, stage);
            cells.subset(pairs, with, rest);
        }
        if !factors.contains(&r.factor) {
            factors.push(r.factor);
        }
    }
    for factor in factors {
        let levels: Vec<&str> = m
            .pair_factors
            .iter()
            .filter(|r| r.factor == factor)
            .map(|r| r.level.as_str())
            .collect();
        for (total, part) in [
            (Stage::Matched, None),
            (Stage::Sustained, Some(Stage::Sustained)),
            (Stage::Completed, Some(Stage::Completed)),
        ] {
            let Some(total) = cells.id(&keys::stage(ALL_ELIGIBLE, total)) else {
                continue;
            };
            let parts: Vec<usize> = levels
                .iter()
                .filter_map(|l| {
                    cells.id(&match part {
                        None => keys::factor_pairs(factor, l),
                        Some(stage) => keys::factor_with(factor, l, stage),
                    })
                })
                .collect();
            cells.sum(total, &parts);
        }
    }
}
