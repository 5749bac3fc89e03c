//! The uptake funnel (metrics.md section 1): stage membership as polars
//! expressions (counted per group with the outcomes' conditions, in
//! `metrics::cohort_queries`), then rates, Wilson intervals, conversion,
//! gaps and Fisher tests with BH adjustment.

use polars::prelude::*;

use super::frame::col_names;
use super::groups::Membership;
use super::model::{Count, Stage, UptakeRecord};
use crate::stats::{fisher::fisher_exact, multiple::benjamini_hochberg, proportion::wilson};

/// Which source columns the frame has: a stage whose sources are all absent is left out.
#[derive(Debug, Clone, Copy)]
pub struct Sources {
    pub training: bool,
    pub quiz: bool,
    pub matched: bool,
    pub meet_greet: bool,
    pub ceremony: bool,
    pub meetings: bool,
}

impl Sources {
    /// Reads the frame's columns.
    pub fn of(frame: &DataFrame) -> Sources {
        let has = |name: &str| frame.column(name).is_ok();
        Sources {
            training: has(col_names::TRAINING),
            quiz: has(col_names::QUIZ),
            matched: has(col_names::MATCHED),
            meet_greet: has(col_names::MEET_GREET),
            ceremony: has(col_names::CEREMONY),
            meetings: has(col_names::ANY_MEETING),
        }
    }

    /// Whether `stage` can be computed.
    pub fn has(&self, stage: Stage) -> bool {
        match stage {
            Stage::Eligible | Stage::Registered => true,
            Stage::Trained => self.training,
            Stage::QuizPassed => self.quiz,
            Stage::Matched => self.matched,
            Stage::Met => self.matched && (self.meet_greet || self.meetings),
            Stage::Sustained => self.matched && self.meetings,
            Stage::Completed => self.matched && (self.ceremony || self.meetings),
        }
    }
}

/// The stages whose source columns exist in the frame, in spec order.
pub fn available_stages(frame: &DataFrame) -> Vec<Stage> {
    let sources = Sources::of(frame);
    Stage::ALL.into_iter().filter(|s| sources.has(*s)).collect()
}

/// `a OR b` over the sources present (at least one is, when the stage is available).
fn any_of(parts: Vec<Option<Expr>>) -> Expr {
    parts
        .into_iter()
        .flatten()
        .reduce(|a, b| a.or(b))
        .unwrap_or_else(|| lit(false))
}

/// Funnel thresholds from the configuration.
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    pub quiz_pass_mark: f64,
    pub sustained_meetings: u32,
}

/// Whether a student is counted in `stage` (a boolean expression).
pub fn stage_expr(stage: Stage, sources: &Sources, thresholds: Thresholds) -> Expr {
    let registered = col(col_names::REGISTERED);
    let matched = || col(col_names::REGISTERED).and(col(col_names::MATCHED));
    match stage {
        // Every row: a literal `true` would be summed once per group, not per row.
        Stage::Eligible => col(col_names::REGISTERED).is_not_null(),
        Stage::Registered => registered,
        Stage::Trained => registered.and(col(col_names::TRAINING)),
        Stage::QuizPassed => registered.and(
            col(col_names::QUIZ)
                .gt_eq(lit(thresholds.quiz_pass_mark))
                .fill_null(lit(false)),
        ),
        Stage::Matched => matched(),
        Stage::Met => matched().and(any_of(vec![
            sources.meet_greet.then(|| col(col_names::MEET_GREET)),
            sources.meetings.then(|| col(col_names::ANY_MEETING)),
        ])),
        Stage::Sustained => matched()
            .and(col(col_names::MENTORING_MEETINGS).gt_eq(lit(i64::from(thresholds.sustained_meetings)))),
        Stage::Completed => matched().and(any_of(vec![
            sources.ceremony.then(|| col(col_names::CEREMONY)),
            sources.meetings.then(|| col(col_names::CELEBRATION_LOGGED)),
        ])),
    }
}

/// The conditions counted per group: one per available stage, named by its id.
pub fn stage_counts(frame: &DataFrame, thresholds: Thresholds) -> Vec<(String, Expr)> {
    let sources = Sources::of(frame);
    available_stages(frame)
        .into_iter()
        .map(|stage| (stage.id().to_string(), stage_expr(stage, &sources, thresholds)))
        .collect()
}

/// The funnel records, groups in membership order and stages in spec
/// order, from `counts[group][stage]` (the conditions of `stage_counts`).
pub fn uptake(stages: &[Stage], counts: &[Vec<u64>], membership: &Membership) -> Vec<UptakeRecord> {
    let groups = membership.names.len();
    let stage_index = |stage: Stage| stages.iter().position(|s| *s == stage);
    let eligible = |group: usize| counts[group][0];
    let all = 0usize;

    let mut records = Vec::with_capacity(groups * stages.len());
    for (s, &stage) in stages.iter().enumerate() {
        let all_rate = ratio(counts[all][s], eligible(all));
        // Fisher's exact test of each group (not All eligible) against eligible students outside it.
        let p_values: Vec<Option<f64>> = (0..groups)
            .map(|g| {
                if g == all {
                    return None;
                }
                let (in_count, in_total) = (counts[g][s], eligible(g));
                let out_count = counts[all][s].saturating_sub(in_count);
                let out_total = eligible(all).saturating_sub(in_total);
                Some(fisher_exact(
                    in_count,
                    in_total - in_count.min(in_total),
                    out_count,
                    out_total - out_count.min(out_total),
                ))
            })
            .collect();
        let adjusted = benjamini_hochberg(&p_values);
        for g in 0..groups {
            let count = counts[g][s];
            let denominator = eligible(g);
            let rate = ratio(count, denominator);
            let (ci_low, ci_high) = match wilson(count, denominator) {
                Some((l, h)) => (Some(l), Some(h)),
                None => (None, None),
            };
            let parent_count = stage.parent().and_then(stage_index).map(|p| counts[g][p]);
            let conversion = parent_count.and_then(|parent| ratio(count, parent));
            let gap_pp = if g == all {
                rate.map(|_| 0.0)
            } else {
                rate.zip(all_rate).map(|(r, a)| 100.0 * (r - a))
            };
            records.push(UptakeRecord {
                group: membership.names[g].clone(),
                stage,
                count: Count::Exact(count),
                denominator: Count::Exact(denominator),
                rate,
                ci_low,
                ci_high,
                conversion,
                gap_pp,
                p_value: p_values[g],
                p_adjusted: adjusted[g],
                suppressed: Vec::new(),
                parent_count,
            });
        }
    }
    // Report order: groups first, then stages.
    records.sort_by_key(|r| (membership.names.iter().position(|n| *n == r.group), r.stage));
    records
}

/// k / n, None when n = 0.
fn ratio(k: u64, n: u64) -> Option<f64> {
    (n > 0).then(|| k as f64 / n as f64)
}
