//! The surveys' tables: waves, scale scores, the paired comparison and its attrition check, placement intent, answers per item.

use super::table::{Table, Value, optional};
use crate::disclosure::Published;

/// Survey waves: responses received and kept, response rate.
pub fn survey_waves_table(metrics: &Published) -> Table {
    Table {
        name: "survey_waves",
        caption: "Survey responses per wave: received, kept (finished, a cohort student, latest of duplicates) and response rate (kept / registered students)".to_string(),
        columns: vec!["wave", "received", "kept", "unfinished", "not_in_cohort", "duplicates", "response_rate"],
        labels: vec!["Wave", "Received", "Kept", "Unfinished", "Not in cohort", "Duplicates", "Response rate"],
        rows: metrics
            .survey_waves
            .iter()
            .map(|r| {
                vec![
                    Value::Text(r.wave.clone()),
                    Value::Count(r.received),
                    Value::Count(r.kept),
                    Value::Count(r.unfinished),
                    Value::Count(r.not_in_cohort),
                    Value::Count(r.duplicates),
                    optional(r.response_rate, "response_rate", &r.suppressed, Value::Rate),
                ]
            })
            .collect(),
    }
}

/// Scale scores per wave and group with reliability.
pub fn scales_table(metrics: &Published) -> Table {
    Table {
        name: "scales",
        caption:
            "Scale scores per wave and group: n, mean, SD and Cronbach's alpha with its Feldt 95% interval"
                .to_string(),
        columns: vec![
            "scale",
            "wave",
            "group",
            "n",
            "mean",
            "sd",
            "alpha",
            "alpha_ci_low",
            "alpha_ci_high",
        ],
        labels: vec![
            "Scale",
            "Wave",
            "Group",
            "n",
            "Mean",
            "SD",
            "Alpha",
            "Alpha CI low",
            "Alpha CI high",
        ],
        rows: metrics
            .scales
            .iter()
            .map(|r| {
                let s = &r.suppressed;
                vec![
                    Value::Text(r.scale.clone()),
                    Value::Text(r.wave.clone()),
                    Value::Text(r.group.clone()),
                    Value::Count(r.n),
                    optional(r.mean, "mean", s, Value::Stat),
                    optional(r.sd, "sd", s, Value::Stat),
                    optional(r.alpha, "alpha", s, Value::Stat),
                    optional(r.alpha_ci_low, "alpha_ci_low", s, Value::Stat),
                    optional(r.alpha_ci_high, "alpha_ci_high", s, Value::Stat),
                ]
            })
            .collect(),
    }
}

/// The paired pre/post comparison per scale and group.
pub fn paired_table(metrics: &Published) -> Table {
    Table {
        name: "paired",
        caption: "Paired pre/post comparison per scale and group (students who answered both waves): mean change with 95% CI, paired t (Benjamini-Hochberg adjusted across all rows), Hedges' g_z and the Wilcoxon signed-rank test. n below 10: too few to interpret".to_string(),
        columns: vec![
            "scale", "group", "n", "mean_pre", "mean_post", "mean_diff", "sd_diff", "ci_low", "ci_high", "t", "df",
            "p_value", "p_adjusted", "cohens_dz", "hedges_gz", "wilcoxon_statistic", "wilcoxon_p", "rank_biserial",
            "too_few",
        ],
        labels: vec![
            "Scale", "Group", "n", "Pre", "Post", "Change", "SD change", "CI low", "CI high", "t", "df", "p",
            "p (BH)", "d_z", "g_z", "W", "p (W)", "r (rank-biserial)", "Note",
        ],
        rows: metrics
            .paired
            .iter()
            .map(|r| {
                let s = &r.suppressed;
                vec![
                    Value::Text(r.scale.clone()),
                    Value::Text(r.group.clone()),
                    Value::Count(r.n),
                    optional(r.mean_pre, "mean_pre", s, Value::Stat),
                    optional(r.mean_post, "mean_post", s, Value::Stat),
                    optional(r.mean_diff, "mean_diff", s, Value::Stat),
                    optional(r.sd_diff, "sd_diff", s, Value::Stat),
                    optional(r.ci_low, "ci_low", s, Value::Stat),
                    optional(r.ci_high, "ci_high", s, Value::Stat),
                    optional(r.t, "t", s, Value::Stat),
                    optional(r.df, "df", s, Value::Decimal),
                    optional(r.p_value, "p_value", s, Value::P),
                    optional(r.p_adjusted, "p_adjusted", s, Value::P),
                    optional(r.cohens_dz, "cohens_dz", s, Value::Stat),
                    optional(r.hedges_gz, "hedges_gz", s, Value::Stat),
                    optional(r.wilcoxon_statistic, "wilcoxon_statistic", s, Value::Decimal),
                    optional(r.wilcoxon_p, "wilcoxon_p", s, Value::P),
                    optional(r.rank_biserial, "rank_biserial", s, Value::Stat),
                    Value::Text(if r.too_few { "too few to interpret".to_string() } else { String::new() }),
                ]
            })
            .collect(),
    }
}

/// The attrition check per scale.
pub fn attrition_table(metrics: &Published) -> Table {
    Table {
        name: "attrition",
        caption: "Attrition check: pre-survey scale means of students who did and did not answer the post survey (Welch's t-test)".to_string(),
        columns: vec!["scale", "n_answered_post", "mean_answered_post", "n_not_answered_post", "mean_not_answered_post", "t", "df", "p_value"],
        labels: vec!["Scale", "n answered post", "Pre mean (answered post)", "n not answered", "Pre mean (not answered)", "t", "df", "p"],
        rows: metrics
            .attrition
            .iter()
            .map(|r| {
                let s = &r.suppressed;
                vec![
                    Value::Text(r.scale.clone()),
                    Value::Count(r.n_answered_post),
                    optional(r.mean_answered_post, "mean_answered_post", s, Value::Stat),
                    Value::Count(r.n_not_answered_post),
                    optional(r.mean_not_answered_post, "mean_not_answered_post", s, Value::Stat),
                    optional(r.t, "t", s, Value::Stat),
                    optional(r.df, "df", s, Value::Decimal),
                    optional(r.p_value, "p_value", s, Value::P),
                ]
            })
            .collect(),
    }
}

/// Placement intent per group and wave.
pub fn intent_table(metrics: &Published) -> Table {
    Table {
        name: "intent",
        caption: "Intention to apply for a placement year, per group and wave, with 95% Wilson intervals"
            .to_string(),
        columns: vec!["group", "wave", "n", "intending", "share", "ci_low", "ci_high"],
        labels: vec![
            "Group",
            "Wave",
            "n",
            "Intending",
            "Share",
            "95% CI low",
            "95% CI high",
        ],
        rows: metrics
            .intent
            .iter()
            .map(|r| {
                let s = &r.suppressed;
                vec![
                    Value::Text(r.group.clone()),
                    Value::Text(r.wave.clone()),
                    Value::Count(r.n),
                    Value::Count(r.intending),
                    optional(r.share, "share", s, Value::Rate),
                    optional(r.ci_low, "ci_low", s, Value::Rate),
                    optional(r.ci_high, "ci_high", s, Value::Rate),
                ]
            })
            .collect(),
    }
}

/// Paired placement intent per group.
pub fn intent_paired_table(metrics: &Published) -> Table {
    Table {
        name: "intent_paired",
        caption: "Placement intent of students who answered both waves: share intending before and after, changes each way (b: stopped intending, c: started), exact McNemar test, and the mean change of the intent score (paired t)".to_string(),
        columns: vec![
            "group", "n", "share_pre", "share_post", "b", "c", "mcnemar_p", "mean_pre", "mean_post", "mean_diff", "sd_diff",
            "ci_low", "ci_high", "t", "df", "p_value",
        ],
        labels: vec![
            "Group", "n", "Intending pre", "Intending post", "b", "c", "p (McNemar)", "Score pre", "Score post",
            "Change", "SD change", "CI low", "CI high", "t", "df", "p",
        ],
        rows: metrics
            .intent_paired
            .iter()
            .map(|r| {
                let s = &r.suppressed;
                vec![
                    Value::Text(r.group.clone()),
                    Value::Count(r.n),
                    optional(r.share_pre, "share_pre", s, Value::Rate),
                    optional(r.share_post, "share_post", s, Value::Rate),
                    Value::Count(r.b),
                    Value::Count(r.c),
                    optional(r.mcnemar_p, "mcnemar_p", s, Value::P),
                    optional(r.mean_pre, "mean_pre", s, Value::Stat),
                    optional(r.mean_post, "mean_post", s, Value::Stat),
                    optional(r.mean_diff, "mean_diff", s, Value::Stat),
                    optional(r.sd_diff, "sd_diff", s, Value::Stat),
                    optional(r.ci_low, "ci_low", s, Value::Stat),
                    optional(r.ci_high, "ci_high", s, Value::Stat),
                    optional(r.t, "t", s, Value::Stat),
                    optional(r.df, "df", s, Value::Decimal),
                    optional(r.p_value, "p_value", s, Value::P),
                ]
            })
            .collect(),
    }
}

/// Answers per item, wave and raw score.
pub fn items_table(metrics: &Published) -> Table {
    Table {
        name: "items",
        caption: "Answers per survey item, wave and score (before reverse scoring)".to_string(),
        columns: vec!["wave", "item", "question", "score", "count"],
        labels: vec!["Wave", "Item", "Question", "Score", "Answers"],
        rows: metrics
            .items
            .iter()
            .map(|r| {
                let question = metrics
                    .item_texts
                    .iter()
                    .find(|t| t.item == r.item)
                    .map_or(String::new(), |t| t.text.clone());
                vec![
                    Value::Text(r.wave.clone()),
                    Value::Text(r.item.clone()),
                    Value::Text(question),
                    Value::Decimal(Some(r.score)),
                    Value::Count(r.count),
                ]
            })
            .collect(),
    }
}
