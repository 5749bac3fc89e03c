//! Survey metrics (metrics.md sections 4 and 5): waves, scale scores with
//! reliability, item distributions, the paired pre/post comparison per scale
//! and group, the attrition check, and placement intent.

use std::borrow::Cow;

use super::groups::Membership;
use super::model::{
    AttritionRecord, Count, IntentPairedRecord, IntentRecord, ItemRecord, PairedRecord, ScaleRecord,
    SurveyWaveRecord,
};
use crate::config::{Config, ScaleConfig};
use crate::ingest::cohort::Cohort;
use crate::stats::effect::{cohens_dz, hedges_gz};
use crate::stats::mcnemar::mcnemar_exact;
use crate::stats::multiple::benjamini_hochberg;
use crate::stats::proportion::wilson;
use crate::stats::reliability::cronbach_alpha_columns;
use crate::stats::t_tests::{mean_sd, paired_t, welch_t};
use crate::stats::wilcoxon::signed_rank;
use crate::validate::surveys::{ValidWave, score_table};
use rustc_hash::FxHashMap;

/// Paired comparisons with fewer pairs than this are marked "too few to interpret".
pub const TOO_FEW: u64 = 10;

/// Every survey record of metrics.json.
#[derive(Debug, Clone, Default)]
pub struct SurveyMetrics {
    pub waves: Vec<SurveyWaveRecord>,
    pub scales: Vec<ScaleRecord>,
    pub items: Vec<ItemRecord>,
    pub paired: Vec<PairedRecord>,
    pub attrition: Vec<AttritionRecord>,
    pub intent: Vec<IntentRecord>,
    pub intent_paired: Vec<IntentPairedRecord>,
}

/// One wave's item scores for a scale, one column per item (in the scale's
/// order), reverse scoring applied. Columns not reversed are the wave's own
/// (borrowed: a copy is megabytes per item at sector scale).
fn scale_items<'w>(config: &Config, wave: &'w ValidWave, scale: &ScaleConfig) -> Vec<Cow<'w, [Option<f64>]>> {
    let responses = wave.student_row.len();
    scale
        .items
        .iter()
        .map(|item| {
            let Some(scores) = wave.item(item) else {
                return Cow::Owned(vec![None; responses]);
            };
            if !scale.reverse.contains(item) {
                return Cow::Borrowed(scores);
            }
            match score_table(config, item).range() {
                Some((lo, hi)) => Cow::Owned(scores.iter().map(|s| s.map(|s| lo + hi - s)).collect()),
                None => Cow::Borrowed(scores),
            }
        })
        .collect()
}

/// Scale score per response: mean of answered items when at least min_answered are.
fn scale_scores(
    columns: &[Cow<'_, [Option<f64>]>],
    responses: usize,
    scale: &ScaleConfig,
) -> Vec<Option<f64>> {
    let needed = scale.min_answered.unwrap_or(scale.items.len()).max(1);
    (0..responses)
        .map(|r| {
            let answered = columns.iter().filter(|c| c[r].is_some()).count();
            // Summed in item order, as the mean of the answered items.
            let sum: f64 = columns.iter().filter_map(|c| c[r]).sum();
            (answered >= needed).then(|| sum / answered as f64)
        })
        .collect()
}

/// (cohort row, value) pairs of one wave, rows ascending and each row once:
/// groups are filtered and waves paired by walking these in order (no hash
/// map of a wave's students).
type ByRow = Vec<(u32, f64)>;

/// The responses of a wave with a value, by cohort row.
fn by_student(wave: &ValidWave, values: &[Option<f64>]) -> ByRow {
    let mut out: ByRow = wave
        .student_row
        .iter()
        .zip(values)
        .filter_map(|(row, v)| v.map(|v| (*row, v)))
        .collect();
    out.sort_by_key(|(row, _)| *row);
    // The validator keeps one response per student; should a row come twice,
    // the later response counts.
    out.dedup_by(|later, earlier| {
        let same = later.0 == earlier.0;
        if same {
            *earlier = *later;
        }
        same
    });
    out
}

/// Values of a group's members, ordered by cohort row (deterministic).
fn members<'v>(
    values: &'v [(u32, f64)],
    membership: &'v Membership,
    group: usize,
) -> impl Iterator<Item = (u32, f64)> + 'v {
    values
        .iter()
        .copied()
        .filter(move |(row, _)| membership.members[group][*row as usize])
}

/// Computes every survey record.
pub fn survey_metrics(
    config: &Config,
    cohort: &Cohort,
    waves: &[ValidWave],
    membership: &Membership,
) -> SurveyMetrics {
    let mut out = SurveyMetrics::default();
    let registered = cohort.registered.iter().filter(|r| **r).count() as u64;
    for wave in waves {
        let kept = wave.student_row.len() as u64;
        out.waves.push(SurveyWaveRecord {
            wave: wave.wave.clone(),
            received: Count::Exact(wave.received as u64),
            kept: Count::Exact(kept),
            unfinished: Count::Exact(wave.unfinished as u64),
            not_in_cohort: Count::Exact(wave.not_in_cohort as u64),
            duplicates: Count::Exact(wave.duplicates as u64),
            response_rate: (registered > 0).then(|| kept as f64 / registered as f64),
            suppressed: Vec::new(),
            registered,
        });
        for (item, scores) in &wave.scores {
            // Counted by bit pattern in a hash map (a few distinct scores,
            // millions of answers), then ordered by score: the hash order
            // never reaches the output.
            let mut counts: FxHashMap<u64, (f64, u64)> = FxHashMap::default();
            for s in scores.iter().flatten() {
                counts.entry(s.to_bits()).or_insert((*s, 0)).1 += 1;
            }
            let mut rows: Vec<(f64, u64)> = counts.into_values().collect();
            rows.sort_by(|a, b| a.0.total_cmp(&b.0));
            out.items
                .extend(rows.into_iter().map(|(score, count)| ItemRecord {
                    wave: wave.wave.clone(),
                    item: item.clone(),
                    score,
                    count: Count::Exact(count),
                }));
        }
    }
    let Some(survey) = &config.survey else {
        return out;
    };
    let wave_named = |name: &str| waves.iter().find(|w| w.wave == name);
    let compare = match survey.compare.as_slice() {
        [pre, post] => wave_named(pre).zip(wave_named(post)),
        _ => None,
    };

    for scale in &survey.scales {
        let mut per_wave: Vec<(&ValidWave, ByRow)> = Vec::new();
        for wave in waves {
            let columns = scale_items(config, wave, scale);
            let scores = scale_scores(&columns, wave.student_row.len(), scale);
            for (g, group) in membership.names.iter().enumerate() {
                let rows: Vec<usize> = (0..wave.student_row.len())
                    .filter(|&r| membership.members[g][wave.student_row[r] as usize])
                    .collect();
                let values: Vec<f64> = rows.iter().filter_map(|&r| scores[r]).collect();
                let (mean, sd) = mean_sd(&values);
                let alpha = cronbach_alpha_columns(&columns, rows.iter().copied());
                out.scales.push(ScaleRecord {
                    scale: scale.name.clone(),
                    wave: wave.wave.clone(),
                    group: group.clone(),
                    n: Count::Exact(values.len() as u64),
                    mean,
                    sd,
                    alpha: alpha.map(|a| a.alpha),
                    alpha_ci_low: alpha.and_then(|a| a.ci_low),
                    alpha_ci_high: alpha.and_then(|a| a.ci_high),
                    suppressed: Vec::new(),
                    alpha_n: alpha.map_or(0, |a| a.n as u64),
                });
            }
            per_wave.push((wave, by_student(wave, &scores)));
        }
        let Some((pre_wave, post_wave)) = compare else {
            continue;
        };
        let find = |w: &ValidWave| per_wave.iter().find(|(x, _)| std::ptr::eq(*x, w)).map(|(_, s)| s);
        let (Some(pre), Some(post)) = (find(pre_wave), find(post_wave)) else {
            continue;
        };
        for g in 0..membership.names.len() {
            out.paired.push(paired_record(
                &scale.name,
                &membership.names[g],
                pre,
                post,
                membership,
                g,
            ));
        }
        out.attrition.push(attrition_record(&scale.name, pre, post));
    }
    let adjusted = benjamini_hochberg(&out.paired.iter().map(|p| p.p_value).collect::<Vec<_>>());
    for (record, p) in out.paired.iter_mut().zip(adjusted) {
        record.p_adjusted = p;
    }

    if let Some(intent) = &survey.placement_intent {
        let per_wave: Vec<(&ValidWave, ByRow)> = waves
            .iter()
            .map(|w| {
                (
                    w,
                    w.item(&intent.item).map(|s| by_student(w, s)).unwrap_or_default(),
                )
            })
            .collect();
        for (g, group) in membership.names.iter().enumerate() {
            for (wave, scores) in &per_wave {
                let (n, intending) = members(scores, membership, g)
                    .fold((0u64, 0u64), |(n, intending), (_, v)| {
                        (n + 1, intending + u64::from(v >= intent.intends_at_least))
                    });
                let ci = wilson(intending, n);
                out.intent.push(IntentRecord {
                    group: group.clone(),
                    wave: wave.wave.clone(),
                    n: Count::Exact(n),
                    intending: Count::Exact(intending),
                    share: (n > 0).then(|| intending as f64 / n as f64),
                    ci_low: ci.map(|c| c.0),
                    ci_high: ci.map(|c| c.1),
                    suppressed: Vec::new(),
                });
            }
        }
        if let Some((pre_wave, post_wave)) = compare {
            let scores = |w: &ValidWave| {
                per_wave
                    .iter()
                    .find(|(x, _)| std::ptr::eq(*x, w))
                    .map_or(&[][..], |(_, s)| s.as_slice())
            };
            let (pre, post) = (scores(pre_wave), scores(post_wave));
            for (g, group) in membership.names.iter().enumerate() {
                out.intent_paired.push(intent_paired_record(
                    group,
                    pre,
                    post,
                    membership,
                    g,
                    intent.intends_at_least,
                ));
            }
        }
    }
    out
}

/// Students of group `g` with a value in both waves: (pre, post), by cohort
/// row (both lists are ascending by row: a merge).
fn pairs_of(pre: &[(u32, f64)], post: &[(u32, f64)], membership: &Membership, g: usize) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    let mut later = post.iter().peekable();
    for (row, a) in members(pre, membership, g) {
        while later.next_if(|(r, _)| *r < row).is_some() {}
        if let Some((_, b)) = later.next_if(|(r, _)| *r == row) {
            out.push((a, *b));
        }
    }
    out
}

fn paired_record(
    scale: &str,
    group: &str,
    pre: &[(u32, f64)],
    post: &[(u32, f64)],
    membership: &Membership,
    g: usize,
) -> PairedRecord {
    let pairs = pairs_of(pre, post, membership, g);
    let diffs: Vec<f64> = pairs.iter().map(|(a, b)| b - a).collect();
    let t = paired_t(&diffs);
    let dz = cohens_dz(t.mean_diff, t.sd_diff);
    let w = signed_rank(&diffs);
    let n = pairs.len() as u64;
    PairedRecord {
        scale: scale.to_string(),
        group: group.to_string(),
        n: Count::Exact(n),
        mean_pre: mean_sd(&pairs.iter().map(|p| p.0).collect::<Vec<_>>()).0,
        mean_post: mean_sd(&pairs.iter().map(|p| p.1).collect::<Vec<_>>()).0,
        mean_diff: t.mean_diff,
        sd_diff: t.sd_diff,
        ci_low: t.ci_low,
        ci_high: t.ci_high,
        t: t.t,
        df: t.df,
        p_value: t.p,
        p_adjusted: None,
        cohens_dz: dz,
        hedges_gz: hedges_gz(dz, pairs.len()),
        wilcoxon_statistic: w.map(|w| w.statistic),
        wilcoxon_p: w.map(|w| w.p),
        rank_biserial: w.and_then(|w| w.rank_biserial),
        too_few: n < TOO_FEW,
        suppressed: Vec::new(),
        n_raw: n,
    }
}

/// The attrition check over the paired sample (metrics.md §4): a student
/// "answered post" when they have a post score on this scale, not merely a
/// post response (too few items answered counts as not answered).
fn attrition_record(scale: &str, pre: &[(u32, f64)], post: &[(u32, f64)]) -> AttritionRecord {
    let rows = post.iter().map(|(r, _)| *r as usize + 1).max().unwrap_or(0);
    let mut answered_post = vec![false; rows];
    for (row, _) in post {
        answered_post[*row as usize] = true;
    }
    let (stayed, left): (Vec<_>, Vec<_>) = pre
        .iter()
        .partition(|(row, _)| answered_post.get(*row as usize).copied().unwrap_or(false));
    let stayed: Vec<f64> = stayed.into_iter().map(|(_, v)| v).collect();
    let left: Vec<f64> = left.into_iter().map(|(_, v)| v).collect();
    let welch = welch_t(&stayed, &left);
    AttritionRecord {
        scale: scale.to_string(),
        n_answered_post: Count::Exact(stayed.len() as u64),
        mean_answered_post: mean_sd(&stayed).0,
        n_not_answered_post: Count::Exact(left.len() as u64),
        mean_not_answered_post: mean_sd(&left).0,
        t: welch.t,
        df: welch.df,
        p_value: welch.p,
        suppressed: Vec::new(),
        n_min: stayed.len().min(left.len()) as u64,
    }
}

fn intent_paired_record(
    group: &str,
    pre: &[(u32, f64)],
    post: &[(u32, f64)],
    membership: &Membership,
    g: usize,
    threshold: f64,
) -> IntentPairedRecord {
    let pairs = pairs_of(pre, post, membership, g);
    let n = pairs.len() as u64;
    let intends = |v: f64| v >= threshold;
    let b = pairs.iter().filter(|(a, z)| intends(*a) && !intends(*z)).count() as u64;
    let c = pairs.iter().filter(|(a, z)| !intends(*a) && intends(*z)).count() as u64;
    let share = |f: &dyn Fn(&(f64, f64)) -> bool| {
        (n > 0).then(|| pairs.iter().filter(|p| f(p)).count() as f64 / n as f64)
    };
    let diffs: Vec<f64> = pairs.iter().map(|(a, z)| z - a).collect();
    let t = paired_t(&diffs);
    IntentPairedRecord {
        group: group.to_string(),
        n: Count::Exact(n),
        share_pre: share(&|p| intends(p.0)),
        share_post: share(&|p| intends(p.1)),
        b: Count::Exact(b),
        c: Count::Exact(c),
        mcnemar_p: (n > 0).then(|| mcnemar_exact(b, c)),
        mean_pre: mean_sd(&pairs.iter().map(|p| p.0).collect::<Vec<_>>()).0,
        mean_post: mean_sd(&pairs.iter().map(|p| p.1).collect::<Vec<_>>()).0,
        mean_diff: t.mean_diff,
        sd_diff: t.sd_diff,
        ci_low: t.ci_low,
        ci_high: t.ci_high,
        t: t.t,
        df: t.df,
        p_value: t.p,
        suppressed: Vec::new(),
    }
}
