//! What makes relationships last (metrics.md §7), published field by field:
//! the wait from registration to match (its students a count, its median
//! and quartiles statistics over them), and the pair factors (counts as
//! counts, each rate a rate of its count, each p a test on the level's
//! table against the other pairs).

use super::keys;
use super::precision::Precision::{Decimal, P, Rate};
use super::release::{Fields, Of, Release};
use crate::metrics::groups::ALL_ELIGIBLE;
use crate::metrics::model::{ContinuityRecord, Count, MatchWaitRecord, PairFactorRecord, Stage, Tally};

fn raw(count: Count) -> u64 {
    count.value().unwrap_or(0)
}

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
