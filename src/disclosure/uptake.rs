//! The uptake funnel, published: each group's and department's stage counts, rates, gaps and tests (`uptake`), and, under `threshold`, their cells and sums (`register`).

use super::cells::{Cells, Key};
use super::keys;
use super::precision::Precision::{P, Points, Rate};
use super::records::{adjusted_shown, raw};
use super::release::{Fields, Of, Release};
use super::sums::partition;
use crate::metrics::groups::ALL_ELIGIBLE;
use crate::metrics::model::{Count, Metrics, Stage, UptakeRecord};

/// A funnel (the target groups' or the departments'), its counts known by
/// `stage_key`.
pub fn uptake(
    records: &[UptakeRecord],
    stage_key: fn(&str, Stage) -> Key,
    release: &Release,
    secondary: &mut usize,
) -> Vec<UptakeRecord> {
    let all = |stage| {
        records
            .iter()
            .find(|r| r.group == ALL_ELIGIBLE && r.stage == stage)
            .map(|r| (Of(stage_key(ALL_ELIGIBLE, stage), r.count), raw(r.denominator)))
    };
    let all_eligible = records
        .iter()
        .find(|r| r.group == ALL_ELIGIBLE && r.stage == Stage::Eligible)
        .map(|r| Of(stage_key(ALL_ELIGIBLE, r.stage), r.count));
    // The test of a group against the rest needs every count of its table.
    let test_shown = |r: &UptakeRecord| {
        let own = Of(stage_key(&r.group, r.stage), r.count);
        let eligible = Of(stage_key(&r.group, Stage::Eligible), r.denominator);
        let (Some((all_count, _)), Some(all_eligible)) = (all(r.stage), all_eligible.as_ref()) else {
            return false;
        };
        release.count_test(&[&own, &eligible, &all_count, all_eligible], raw(r.denominator))
    };
    let tests: Vec<bool> = records.iter().map(test_shown).collect();
    let withheld: Vec<(Stage, f64)> = records
        .iter()
        .zip(&tests)
        .filter(|(_, shown)| !**shown)
        .filter_map(|(r, _)| Some((r.stage, r.p_adjusted?)))
        .collect();
    records
        .iter()
        .zip(tests)
        .map(|(r, test)| {
            let UptakeRecord {
                group,
                stage,
                count,
                denominator,
                rate,
                ci_low,
                ci_high,
                conversion,
                gap_pp,
                p_value,
                p_adjusted,
                suppressed: _,
                parent_count,
            } = r;
            let mut f = Fields::default();
            let own = Of(stage_key(group, *stage), *count);
            let eligible = Of(stage_key(group, Stage::Eligible), *denominator);
            let rate_shown = release.rate(&[&own, &eligible], raw(*denominator));
            let parent = stage.parent().map(|p| {
                let parent_count = Count::Exact(parent_count.unwrap_or(0));
                Of(stage_key(group, p), parent_count)
            });
            let conversion_shown = parent
                .as_ref()
                .is_none_or(|p| release.rate(&[&own, p], parent_count.unwrap_or(0)));
            let gap_shown = rate_shown
                && all(*stage).is_some_and(|(all_count, all_denominator)| {
                    let all_eligible = all_eligible.as_ref();
                    all_eligible.is_some_and(|e| release.rate(&[&all_count, e], all_denominator))
                });
            let family: Vec<f64> = withheld
                .iter()
                .filter(|(s, _)| s == stage)
                .map(|(_, p)| *p)
                .collect();
            let published = UptakeRecord {
                group: group.clone(),
                stage: *stage,
                count: f.count(release, &own, "count"),
                denominator: f.count(release, &eligible, "denominator"),
                rate: f.figure(*rate, rate_shown, "rate", Rate),
                ci_low: f.figure(*ci_low, rate_shown, "ci_low", Rate),
                ci_high: f.figure(*ci_high, rate_shown, "ci_high", Rate),
                conversion: f.figure(*conversion, conversion_shown, "conversion", Rate),
                gap_pp: f.figure(*gap_pp, gap_shown, "gap_pp", Points),
                p_value: f.figure(*p_value, test, "p_value", P),
                p_adjusted: f.figure(
                    *p_adjusted,
                    adjusted_shown(*p_adjusted, test, &family),
                    "p_adjusted",
                    P,
                ),
                suppressed: Vec::new(),
                parent_count: None,
            };
            UptakeRecord {
                suppressed: f.finish(secondary),
                ..published
            }
        })
        .collect()
}

/// A funnel's stage counts, the students of each parent stage not in the
/// next, and All eligible = the groups where they add up: the target
/// groups' funnel and the departments'.
fn funnel(
    cells: &mut Cells,
    records: &[UptakeRecord],
    stage_key: fn(&str, Stage) -> Key,
    not_in_key: fn(&str, Stage) -> Key,
) {
    for r in records {
        cells.shown(stage_key(&r.group, r.stage), raw(r.count));
    }
    for r in records {
        let Some(parent) = r.stage.parent() else { continue };
        let (Some(child), Some(total)) = (
            cells.id(&stage_key(&r.group, r.stage)),
            cells.id(&stage_key(&r.group, parent)),
        ) else {
            continue;
        };
        cells.subset(total, child, not_in_key(&r.group, r.stage));
    }
    let mut groups: Vec<String> = Vec::new();
    for r in records {
        if !groups.contains(&r.group) {
            groups.push(r.group.clone());
        }
    }
    partition(cells, &groups, |g| {
        Stage::ALL
            .iter()
            .flat_map(|&s| [stage_key(g, s), not_in_key(g, s)])
            .collect()
    });
}

pub fn register(cells: &mut Cells, m: &Metrics) {
    funnel(cells, &m.uptake, keys::stage, keys::not_in);
    funnel(
        cells,
        &m.departments,
        keys::department_stage,
        keys::department_not_in,
    );
}
