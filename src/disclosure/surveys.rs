//! Surveys and placement intent, published: waves, scales, items, the paired comparison and its attrition check, intent (`survey_wave` ...), and their cells under `threshold` (`register`, `register_intent`).

use super::cells::{Cells, Key};
use super::keys;
use super::precision::Precision::{self, Decimal, P, Rate, Stat};
use super::records::{adjusted_shown, f_count, raw};
use super::release::{Fields, Of, Release};
use super::sums::partition;
use crate::metrics::groups::ALL_ELIGIBLE;
use crate::metrics::model::{
    AttritionRecord, Count, IntentPairedRecord, IntentRecord, ItemRecord, Metrics, PairedRecord, ScaleRecord,
    Stage, SurveyWaveRecord,
};

pub fn survey_wave(r: &SurveyWaveRecord, release: &Release, secondary: &mut usize) -> SurveyWaveRecord {
    let SurveyWaveRecord {
        wave,
        received,
        kept,
        unfinished,
        not_in_cohort,
        duplicates,
        response_rate,
        suppressed: _,
        registered,
    } = r;
    let mut f = Fields::default();
    let kept_of = Of(keys::wave(wave, "kept"), *kept);
    let registered_of = Of(
        keys::stage(ALL_ELIGIBLE, Stage::Registered),
        Count::Exact(*registered),
    );
    let shown = release.rate(&[&kept_of, &registered_of], *registered);
    let mut count = |item: &'static str, c: Count| f_count(&mut f, release, keys::wave(wave, item), c, item);
    let published = SurveyWaveRecord {
        wave: wave.clone(),
        received: count("received", *received),
        kept: count("kept", *kept),
        unfinished: count("unfinished", *unfinished),
        not_in_cohort: count("not_in_cohort", *not_in_cohort),
        duplicates: count("duplicates", *duplicates),
        response_rate: f.figure(*response_rate, shown, "response_rate", Rate),
        suppressed: Vec::new(),
        registered: 0,
    };
    SurveyWaveRecord {
        suppressed: f.finish(secondary),
        ..published
    }
}

pub fn scale(r: &ScaleRecord, release: &Release, secondary: &mut usize) -> ScaleRecord {
    let ScaleRecord {
        scale,
        wave,
        group,
        n,
        mean,
        sd,
        alpha,
        alpha_ci_low,
        alpha_ci_high,
        suppressed: _,
        alpha_n,
    } = r;
    let mut f = Fields::default();
    let n_of = Of(keys::scale_n(group, scale, wave), *n);
    let shown = release.statistic(&[&n_of], raw(*n));
    let alpha_shown = release.statistic(&[], *alpha_n);
    let published = ScaleRecord {
        scale: scale.clone(),
        wave: wave.clone(),
        group: group.clone(),
        n: f.count(release, &n_of, "n"),
        mean: f.figure(*mean, shown, "mean", Stat),
        sd: f.figure(*sd, shown, "sd", Stat),
        alpha: f.figure(*alpha, alpha_shown, "alpha", Stat),
        alpha_ci_low: f.figure(*alpha_ci_low, alpha_shown, "alpha_ci_low", Stat),
        alpha_ci_high: f.figure(*alpha_ci_high, alpha_shown, "alpha_ci_high", Stat),
        suppressed: Vec::new(),
        alpha_n: 0,
    };
    ScaleRecord {
        suppressed: f.finish(secondary),
        ..published
    }
}

pub fn item(r: &ItemRecord, release: &Release, secondary: &mut usize) -> ItemRecord {
    let ItemRecord {
        wave,
        item,
        score,
        count,
    } = r;
    let mut f = Fields::default();
    let count = f_count(&mut f, release, keys::item(wave, item, *score), *count, "count");
    *secondary += f.secondary;
    ItemRecord {
        wave: wave.clone(),
        item: item.clone(),
        score: *score,
        count,
    }
}

/// A paired test's statistics, each at its precision, shown or withheld together.
fn statistics<const N: usize>(
    f: &mut Fields,
    shown: bool,
    figures: [(Option<f64>, &'static str, Precision); N],
) -> [Option<f64>; N] {
    figures.map(|(value, name, precision)| f.figure(value, shown, name, precision))
}

pub fn paired(records: &[PairedRecord], release: &Release, secondary: &mut usize) -> Vec<PairedRecord> {
    let shown =
        |r: &PairedRecord| release.statistic(&[&Of(keys::paired_n(&r.group, &r.scale), r.n)], r.n_raw);
    let withheld: Vec<f64> = records
        .iter()
        .filter(|r| !shown(r))
        .filter_map(|r| r.p_adjusted)
        .collect();
    records
        .iter()
        .map(|r| {
            let PairedRecord {
                scale,
                group,
                n,
                mean_pre,
                mean_post,
                mean_diff,
                sd_diff,
                ci_low,
                ci_high,
                t,
                df,
                p_value,
                p_adjusted,
                cohens_dz,
                hedges_gz,
                wilcoxon_statistic,
                wilcoxon_p,
                rank_biserial,
                too_few,
                suppressed: _,
                n_raw: _,
            } = r;
            let mut f = Fields::default();
            let is_shown = shown(r);
            let [mean_pre, mean_post, mean_diff, sd_diff, ci_low, ci_high, t] = statistics(
                &mut f,
                is_shown,
                [
                    (*mean_pre, "mean_pre", Stat),
                    (*mean_post, "mean_post", Stat),
                    (*mean_diff, "mean_diff", Stat),
                    (*sd_diff, "sd_diff", Stat),
                    (*ci_low, "ci_low", Stat),
                    (*ci_high, "ci_high", Stat),
                    (*t, "t", Stat),
                ],
            );
            // df = n - 1 would give the exact n beside the rounded one.
            let df = f.figure(*df, is_shown && release.exact_allowed(), "df", Decimal);
            let [
                p_value,
                cohens_dz,
                hedges_gz,
                wilcoxon_statistic,
                wilcoxon_p,
                rank_biserial,
            ] = statistics(
                &mut f,
                is_shown,
                [
                    (*p_value, "p_value", P),
                    (*cohens_dz, "cohens_dz", Stat),
                    (*hedges_gz, "hedges_gz", Stat),
                    (*wilcoxon_statistic, "wilcoxon_statistic", Decimal),
                    (*wilcoxon_p, "wilcoxon_p", P),
                    (*rank_biserial, "rank_biserial", Stat),
                ],
            );
            let p_adjusted = f.figure(
                *p_adjusted,
                adjusted_shown(*p_adjusted, is_shown, &withheld),
                "p_adjusted",
                P,
            );
            let published = PairedRecord {
                scale: scale.clone(),
                group: group.clone(),
                n: f.count(release, &Of(keys::paired_n(group, scale), *n), "n"),
                mean_pre,
                mean_post,
                mean_diff,
                sd_diff,
                ci_low,
                ci_high,
                t,
                df,
                p_value,
                p_adjusted,
                cohens_dz,
                hedges_gz,
                wilcoxon_statistic,
                wilcoxon_p,
                rank_biserial,
                too_few: *too_few,
                suppressed: Vec::new(),
                n_raw: 0,
            };
            PairedRecord {
                suppressed: f.finish(secondary),
                ..published
            }
        })
        .collect()
}

pub fn attrition(r: &AttritionRecord, release: &Release, secondary: &mut usize) -> AttritionRecord {
    let AttritionRecord {
        scale,
        n_answered_post,
        mean_answered_post,
        n_not_answered_post,
        mean_not_answered_post,
        t,
        df,
        p_value,
        suppressed: _,
        n_min,
    } = r;
    let mut f = Fields::default();
    let answered = Of(keys::attrition(scale, true), *n_answered_post);
    let not = Of(keys::attrition(scale, false), *n_not_answered_post);
    let shown = release.statistic(&[&answered, &not], *n_min);
    let [mean_answered_post, mean_not_answered_post, t] = statistics(
        &mut f,
        shown,
        [
            (*mean_answered_post, "mean_answered_post", Stat),
            (*mean_not_answered_post, "mean_not_answered_post", Stat),
            (*t, "t", Stat),
        ],
    );
    let [df, p_value] = statistics(&mut f, shown, [(*df, "df", Decimal), (*p_value, "p_value", P)]);
    let published = AttritionRecord {
        scale: scale.clone(),
        n_answered_post: f.count(release, &answered, "n_answered_post"),
        mean_answered_post,
        n_not_answered_post: f.count(release, &not, "n_not_answered_post"),
        mean_not_answered_post,
        t,
        df,
        p_value,
        suppressed: Vec::new(),
        n_min: 0,
    };
    AttritionRecord {
        suppressed: f.finish(secondary),
        ..published
    }
}

pub fn intent(r: &IntentRecord, release: &Release, secondary: &mut usize) -> IntentRecord {
    let IntentRecord {
        group,
        wave,
        n,
        intending,
        share,
        ci_low,
        ci_high,
        suppressed: _,
    } = r;
    let mut f = Fields::default();
    let n_of = Of(keys::intent(group, wave, "n"), *n);
    let intending_of = Of(keys::intent(group, wave, "intending"), *intending);
    let shown = release.rate(&[&n_of, &intending_of], raw(*n));
    let published = IntentRecord {
        group: group.clone(),
        wave: wave.clone(),
        n: f.count(release, &n_of, "n"),
        intending: f.count(release, &intending_of, "intending"),
        share: f.figure(*share, shown, "share", Rate),
        ci_low: f.figure(*ci_low, shown, "ci_low", Rate),
        ci_high: f.figure(*ci_high, shown, "ci_high", Rate),
        suppressed: Vec::new(),
    };
    IntentRecord {
        suppressed: f.finish(secondary),
        ..published
    }
}

pub fn intent_paired(r: &IntentPairedRecord, release: &Release, secondary: &mut usize) -> IntentPairedRecord {
    let IntentPairedRecord {
        group,
        n,
        share_pre,
        share_post,
        b,
        c,
        mcnemar_p,
        mean_pre,
        mean_post,
        mean_diff,
        sd_diff,
        ci_low,
        ci_high,
        t,
        df,
        p_value,
        suppressed: _,
    } = r;
    let mut f = Fields::default();
    let n_of = Of(keys::intent_paired(group, "n"), *n);
    let b_of = Of(keys::intent_paired(group, "b"), *b);
    let c_of = Of(keys::intent_paired(group, "c"), *c);
    // The two shares differ by (b - c) / n.
    let shares = release.rate(&[&n_of, &b_of, &c_of], raw(*n));
    // McNemar's exact p names b and c: not where the rule rounds them below 8.
    let test = release.count_test(&[&b_of, &c_of], raw(*n))
        && !release.hides_step(raw(*b))
        && !release.hides_step(raw(*c));
    let stats = release.statistic(&[&n_of], raw(*n));
    let [mean_pre, mean_post, mean_diff, sd_diff, ci_low, ci_high, t] = statistics(
        &mut f,
        stats,
        [
            (*mean_pre, "mean_pre", Stat),
            (*mean_post, "mean_post", Stat),
            (*mean_diff, "mean_diff", Stat),
            (*sd_diff, "sd_diff", Stat),
            (*ci_low, "ci_low", Stat),
            (*ci_high, "ci_high", Stat),
            (*t, "t", Stat),
        ],
    );
    let published = IntentPairedRecord {
        group: group.clone(),
        n: f.count(release, &n_of, "n"),
        share_pre: f.figure(*share_pre, shares, "share_pre", Rate),
        share_post: f.figure(*share_post, shares, "share_post", Rate),
        b: f.count(release, &b_of, "b"),
        c: f.count(release, &c_of, "c"),
        mcnemar_p: f.figure(*mcnemar_p, test, "mcnemar_p", P),
        mean_pre,
        mean_post,
        mean_diff,
        sd_diff,
        ci_low,
        ci_high,
        t,
        // df = n - 1, as in `paired`.
        df: f.figure(*df, stats && release.exact_allowed(), "df", Decimal),
        p_value: f.figure(*p_value, stats, "p_value", P),
        suppressed: Vec::new(),
    };
    IntentPairedRecord {
        suppressed: f.finish(secondary),
        ..published
    }
}

pub fn register(cells: &mut Cells, m: &Metrics) {
    for r in &m.survey_waves {
        let received = cells.shown(keys::wave(&r.wave, "received"), raw(r.received));
        let parts: Vec<usize> = [
            ("kept", r.kept),
            ("unfinished", r.unfinished),
            ("not_in_cohort", r.not_in_cohort),
            ("duplicates", r.duplicates),
        ]
        .into_iter()
        .map(|(item, count)| cells.shown(keys::wave(&r.wave, item), raw(count)))
        .collect();
        cells.sum(received, &parts);
    }
    for r in &m.items {
        cells.shown(keys::item(&r.wave, &r.item, r.score), raw(r.count));
    }
    let mut items: Vec<(&str, &str)> = m
        .items
        .iter()
        .map(|r| (r.wave.as_str(), r.item.as_str()))
        .collect();
    items.dedup();
    for (wave, item) in items {
        let Some(kept) = cells.id(&keys::wave(wave, "kept")) else {
            continue;
        };
        let mut parts: Vec<usize> = m
            .items
            .iter()
            .filter(|r| r.wave == wave && r.item == item)
            .filter_map(|r| cells.id(&keys::item(wave, item, r.score)))
            .collect();
        let answered: u64 = parts.iter().map(|&p| cells.value(p)).sum();
        if let Some(missing) = cells.value(kept).checked_sub(answered) {
            parts.push(cells.implied(keys::item_missing(wave, item), missing));
            cells.sum(kept, &parts);
        }
    }
    let mut scale_items: Vec<(String, String)> = Vec::new();
    for r in &m.scales {
        cells.shown(keys::scale_n(&r.group, &r.scale, &r.wave), raw(r.n));
        let item = (r.scale.clone(), r.wave.clone());
        if !scale_items.contains(&item) {
            scale_items.push(item);
        }
    }
    for r in &m.attrition {
        let answered = cells.shown(keys::attrition(&r.scale, true), raw(r.n_answered_post));
        let not = cells.shown(keys::attrition(&r.scale, false), raw(r.n_not_answered_post));
        if let Some(pre) = cells.id(&keys::scale_n(ALL_ELIGIBLE, &r.scale, "pre")) {
            cells.sum(pre, &[answered, not]);
        }
    }
    let mut scales: Vec<&str> = Vec::new();
    for r in &m.paired {
        cells.shown(keys::paired_n(&r.group, &r.scale), raw(r.n));
        if !scales.contains(&r.scale.as_str()) {
            scales.push(&r.scale);
        }
    }
    let mut waves: Vec<&str> = Vec::new();
    for r in &m.intent {
        let n = cells.shown(keys::intent(&r.group, &r.wave, "n"), raw(r.n));
        let intending = cells.shown(keys::intent(&r.group, &r.wave, "intending"), raw(r.intending));
        cells.subset(n, intending, keys::intent(&r.group, &r.wave, "not_intending"));
        if !waves.contains(&r.wave.as_str()) {
            waves.push(&r.wave);
        }
    }
    register_intent(cells, m);
    for r in &m.intent_paired {
        let n = cells.shown(keys::intent_paired(&r.group, "n"), raw(r.n));
        let b = cells.shown(keys::intent_paired(&r.group, "b"), raw(r.b));
        let c = cells.shown(keys::intent_paired(&r.group, "c"), raw(r.c));
        let concordant = raw(r.n).saturating_sub(raw(r.b) + raw(r.c));
        let concordant = cells.implied(keys::intent_paired(&r.group, "concordant"), concordant);
        cells.sum(n, &[b, c, concordant]);
    }
    partition(cells, &m.groups, |g| {
        let mut k: Vec<Key> = scale_items
            .iter()
            .map(|(scale, wave)| keys::scale_n(g, scale, wave))
            .collect();
        k.extend(scales.iter().map(|s| keys::paired_n(g, s)));
        for wave in &waves {
            k.extend(["n", "intending", "not_intending"].map(|i| keys::intent(g, wave, i)));
        }
        k.extend(["n", "b", "c", "concordant"].map(|i| keys::intent_paired(g, i)));
        k
    });
}

/// The intent item's answer counts (in `items`) add up to the intent n
/// and, from the lowest score that counts as intending, to "intending".
/// The item is the one whose answers add up so (the report names it).
pub fn register_intent(cells: &mut Cells, m: &Metrics) {
    for r in m.intent.iter().filter(|r| r.group == ALL_ELIGIBLE) {
        let (Some(n), Some(intending)) = (
            cells.id(&keys::intent(&r.group, &r.wave, "n")),
            cells.id(&keys::intent(&r.group, &r.wave, "intending")),
        ) else {
            continue;
        };
        let mut items: Vec<&str> = m
            .items
            .iter()
            .filter(|i| i.wave == r.wave)
            .map(|i| i.item.as_str())
            .collect();
        items.dedup();
        for item in items {
            let answers: Vec<(f64, usize)> = m
                .items
                .iter()
                .filter(|i| i.wave == r.wave && i.item == item)
                .filter_map(|i| Some((i.score, cells.id(&keys::item(&r.wave, item, i.score))?)))
                .collect();
            let total: u64 = answers.iter().map(|&(_, id)| cells.value(id)).sum();
            if total != cells.value(n) {
                continue;
            }
            cells.sum(n, &answers.iter().map(|&(_, id)| id).collect::<Vec<_>>());
            let from_intending = (0..answers.len()).find(|&k| {
                answers[k..].iter().map(|&(_, id)| cells.value(id)).sum::<u64>() == cells.value(intending)
            });
            if let Some(k) = from_intending {
                cells.sum(
                    intending,
                    &answers[k..].iter().map(|&(_, id)| id).collect::<Vec<_>>(),
                );
            }
        }
    }
}
