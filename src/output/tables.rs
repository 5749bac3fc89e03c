//! The published tables: one tidy table per report table, built once from the
//! disclosure-controlled model and written both as tables/*.csv and in the report.

use super::table::{Table, Value, optional};
use crate::disclosure::Published;
use crate::metrics::model::{Count, DataQualityRecord, UptakeRecord};
use crate::metrics::pairs::Status;

/// The uptake funnel table (one row per group and stage).
pub fn uptake_table(metrics: &Published) -> Table {
    funnel_table(
        "uptake",
        "Uptake funnel by group: counts, rates with 95% Wilson intervals, conversion from the previous stage, gap to the cohort average and Fisher's exact test (Benjamini-Hochberg adjusted within each stage)",
        "group",
        "Group",
        &metrics.uptake,
    )
}

/// The funnel by department (All eligible first, as the average).
pub fn departments_table(metrics: &Published) -> Table {
    funnel_table(
        "departments",
        "Uptake funnel by department: counts, rates with 95% Wilson intervals, conversion, gap to the cohort average and Fisher's exact test against the rest of the cohort (Benjamini-Hochberg adjusted within each stage); departments too small to publish are pooled as Other departments",
        "department",
        "Department",
        &metrics.departments,
    )
}

fn funnel_table(
    name: &'static str,
    caption: &str,
    column: &'static str,
    label: &'static str,
    records: &[UptakeRecord],
) -> Table {
    let rows = records
        .iter()
        .map(|r| {
            vec![
                Value::Text(r.group.clone()),
                Value::Text(r.stage.id().to_string()),
                Value::Count(r.count),
                Value::Count(r.denominator),
                optional(r.rate, "rate", &r.suppressed, Value::Rate),
                optional(r.ci_low, "ci_low", &r.suppressed, Value::Rate),
                optional(r.ci_high, "ci_high", &r.suppressed, Value::Rate),
                optional(r.conversion, "conversion", &r.suppressed, Value::Rate),
                optional(r.gap_pp, "gap_pp", &r.suppressed, Value::Points),
                optional(r.p_value, "p_value", &r.suppressed, Value::P),
                optional(r.p_adjusted, "p_adjusted", &r.suppressed, Value::P),
            ]
        })
        .collect();
    Table {
        name,
        caption: caption.to_string(),
        columns: vec![
            column,
            "stage",
            "count",
            "denominator",
            "rate",
            "ci_low",
            "ci_high",
            "conversion",
            "gap_pp",
            "p_value",
            "p_adjusted",
        ],
        labels: vec![
            label,
            "Stage",
            "Count",
            "Eligible",
            "Rate",
            "95% CI low",
            "95% CI high",
            "Conversion",
            "Gap (pp)",
            "p",
            "p (BH)",
        ],
        rows,
    }
}

/// Data quality findings per input and rule, as published.
pub fn data_quality_table(quality: &DataQualityRecord) -> Table {
    let rows = quality
        .by_input
        .iter()
        .map(|c| {
            vec![
                Value::Text(c.input.clone()),
                Value::Text(c.rule.to_string()),
                Value::Text(c.severity.to_string()),
                Value::Count(c.findings),
            ]
        })
        .collect();
    Table {
        name: "data_quality",
        caption: "Data quality findings by input and rule (every finding is listed in data-quality.csv, which is for the programme team, not for publication)"
            .to_string(),
        columns: vec!["input", "rule", "severity", "findings"],
        labels: vec!["Input", "Rule", "Severity", "Findings"],
        rows,
    }
}

/// Relationship figures per group.
pub fn relationships_table(metrics: &Published) -> Table {
    let rows = metrics
        .relationships
        .iter()
        .map(|r| {
            let s = &r.suppressed;
            let st = &r.status;
            vec![
                Value::Text(r.group.clone()),
                Value::Count(r.pairs),
                Value::Count(r.meetings),
                optional(r.contact_hours, "contact_hours", s, Value::Decimal),
                optional(r.median_meetings, "median_meetings", s, Value::Decimal),
                optional(
                    r.median_days_to_first_meeting,
                    "median_days_to_first_meeting",
                    s,
                    Value::Decimal,
                ),
                optional(
                    r.q1_days_to_first_meeting,
                    "q1_days_to_first_meeting",
                    s,
                    Value::Decimal,
                ),
                optional(
                    r.q3_days_to_first_meeting,
                    "q3_days_to_first_meeting",
                    s,
                    Value::Decimal,
                ),
                optional(
                    r.median_monthly_compliance,
                    "median_monthly_compliance",
                    s,
                    Value::Rate,
                ),
                optional(r.share_every_month, "share_every_month", s, Value::Rate),
                Value::Count(r.pairs_with_meetings),
                Value::Count(r.pairs_with_compliance),
                Value::Count(st.active),
                Value::Count(st.at_risk),
                Value::Count(st.lapsed),
                Value::Count(st.withdrawn),
                Value::Count(st.completed),
                Value::Count(st.not_started),
            ]
        })
        .collect();
    Table {
        name: "relationships",
        caption: "Mentoring relationships by group: pairs, mentoring meetings, contact hours, days from match to first meeting (median and quartiles), monthly compliance and status at the as-of date".to_string(),
        columns: vec![
            "group", "pairs", "meetings", "contact_hours", "median_meetings", "median_days_to_first_meeting",
            "q1_days_to_first_meeting", "q3_days_to_first_meeting", "median_monthly_compliance", "share_every_month",
            "pairs_with_meetings", "pairs_with_compliance", "active", "at_risk", "lapsed", "withdrawn", "completed",
            "not_started",
        ],
        labels: vec![
            "Group", "Pairs", "Meetings", "Contact hours", "Median meetings", "Median days to first", "Q1 days",
            "Q3 days", "Median compliance", "Met every month", "Pairs with meetings", "Pairs with a window",
            Status::Active.label(), Status::AtRisk.label(), Status::Lapsed.label(), Status::Withdrawn.label(),
            Status::Completed.label(), Status::NotStarted.label(),
        ],
        rows,
    }
}

/// Pairs per monthly-compliance band and group.
pub fn compliance_table(metrics: &Published) -> Table {
    Table {
        name: "compliance",
        caption: "Pairs by the share of their months with at least the minimum of mentoring meetings (pairs with a window; not-started pairs count as none)".to_string(),
        columns: vec!["group", "band", "pairs"],
        labels: vec!["Group", "Months kept", "Pairs"],
        rows: metrics
            .compliance
            .iter()
            .map(|r| vec![Value::Text(r.group.clone()), Value::Text(r.band.to_string()), Value::Count(r.pairs)])
            .collect(),
    }
}

/// Meetings per calendar month and kind, per group.
pub fn timeline_table(metrics: &Published) -> Table {
    Table {
        name: "timeline",
        caption: "Meetings per calendar month by kind and group".to_string(),
        columns: vec!["group", "month", "kind", "meetings"],
        labels: vec!["Group", "Month", "Kind", "Meetings"],
        rows: metrics
            .timeline
            .iter()
            .map(|r| {
                vec![
                    Value::Text(r.group.clone()),
                    Value::Text(r.month.clone()),
                    Value::Text(r.kind.id().to_string()),
                    Value::Count(r.meetings),
                ]
            })
            .collect(),
    }
}

/// Kaplan-Meier retention per group and month.
pub fn retention_table(metrics: &Published) -> Table {
    curves_table(
        "retention",
        "Retention of relationships (Kaplan-Meier): share of pairs still meeting after each month, with 95% log-log intervals and pairs at risk",
        "group",
        "Group",
        &metrics.retention,
    )
}

/// Retention of aligned and other pairs.
pub fn retention_alignment_table(metrics: &Published) -> Table {
    curves_table(
        "retention_alignment",
        "Retention of aligned and other pairs (Kaplan-Meier): share of pairs still meeting after each month, with 95% log-log intervals and pairs at risk",
        "alignment",
        "Pairs",
        &metrics.retention_alignment,
    )
}

fn curves_table(
    name: &'static str,
    caption: &str,
    column: &'static str,
    label: &'static str,
    records: &[crate::metrics::model::RetentionRecord],
) -> Table {
    Table {
        name,
        caption: caption.to_string(),
        columns: vec![
            column, "month", "days", "survival", "ci_low", "ci_high", "at_risk",
        ],
        labels: vec![
            label,
            "Month",
            "Days",
            "Retained",
            "95% CI low",
            "95% CI high",
            "At risk",
        ],
        rows: records
            .iter()
            .map(|r| {
                vec![
                    Value::Text(r.group.clone()),
                    Value::Count(Count::Exact(u64::from(r.month))),
                    Value::Decimal(Some(r.days)),
                    optional(r.survival, "survival", &r.suppressed, Value::Rate),
                    optional(r.ci_low, "ci_low", &r.suppressed, Value::Rate),
                    optional(r.ci_high, "ci_high", &r.suppressed, Value::Rate),
                    Value::Count(r.at_risk),
                ]
            })
            .collect(),
    }
}

/// The mentor bank by sector.
pub fn mentor_sectors_table(metrics: &Published) -> Option<Table> {
    let bank = metrics.mentors.as_ref()?;
    Some(Table {
        name: "mentor_sectors",
        caption: "Mentor bank by sector: mentors, mentee places, matched mentees and utilisation (matched mentees / places)".to_string(),
        columns: vec!["sector", "mentors", "capacity", "matched_mentees", "utilisation"],
        labels: vec!["Sector", "Mentors", "Places", "Matched mentees", "Utilisation"],
        rows: bank
            .by_sector
            .iter()
            .map(|(name, s)| {
                vec![
                    Value::Text(name.clone()),
                    Value::Count(s.mentors),
                    Value::Decimal(Some(s.capacity)),
                    Value::Count(s.matched_mentees),
                    optional(s.utilisation, "utilisation", &s.suppressed, Value::Rate),
                ]
            })
            .collect(),
    })
}

/// The mentor bank by recruitment source.
pub fn mentor_sources_table(metrics: &Published) -> Option<Table> {
    let bank = metrics.mentors.as_ref()?;
    Some(Table {
        name: "mentor_sources",
        caption: "Mentor bank by how mentors were recruited".to_string(),
        columns: vec!["source", "mentors"],
        labels: vec!["Recruited via", "Mentors"],
        rows: bank
            .by_source
            .iter()
            .map(|(name, count)| vec![Value::Text(name.clone()), Value::Count(*count)])
            .collect(),
    })
}

/// Mentor bank summary figures.
pub fn mentor_bank_table(metrics: &Published) -> Option<Table> {
    let b = metrics.mentors.as_ref()?;
    let s = &b.suppressed;
    let row = |label: &str, value: Value| vec![Value::Text(label.to_string()), value];
    Some(Table {
        name: "mentor_bank",
        caption: "Mentor bank summary".to_string(),
        columns: vec!["measure", "value"],
        labels: vec!["Measure", "Value"],
        rows: vec![
            row("Mentors", Value::Count(b.mentors)),
            row("Mentee places (capacity)", Value::Decimal(Some(b.total_capacity))),
            row("Matched mentees", Value::Count(b.matched_mentees)),
            row(
                "Utilisation",
                optional(b.utilisation, "utilisation", s, Value::Rate),
            ),
            row("Mentors without a mentee", Value::Count(b.mentors_without_mentee)),
            row(
                "Registered students waiting for a match",
                Value::Count(b.waiting_list),
            ),
            row(
                "Median days from registration to match",
                optional(
                    b.median_days_registration_to_match,
                    "median_days_registration_to_match",
                    s,
                    Value::Decimal,
                ),
            ),
            row(
                "Students with both dates",
                Value::Count(b.n_registration_to_match),
            ),
            row(
                "Matched mentor ids missing from the bank",
                Value::Count(Count::Exact(b.missing_mentor_ids.len() as u64)),
            ),
        ],
    })
}

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

/// Placement outcomes of participants against non-participants.
pub fn outcomes_table(metrics: &Published) -> Table {
    Table {
        name: "outcomes",
        caption: "Placement outcomes: participants (matched with a mentor) against non-participants (eligible, not registered), with 95% Wilson intervals and Fisher's exact test. Association only (Type 2 evidence): students chose to take part".to_string(),
        columns: vec![
            "group", "outcome", "participants", "participants_with_outcome", "participant_rate", "participant_ci_low",
            "participant_ci_high", "non_participants", "non_participants_with_outcome", "non_participant_rate",
            "non_participant_ci_low", "non_participant_ci_high", "diff_pp", "p_value",
        ],
        labels: vec![
            "Group", "Outcome", "Participants", "With outcome", "Rate", "CI low", "CI high", "Non-participants",
            "With outcome", "Rate", "CI low", "CI high", "Difference (pp)", "p",
        ],
        rows: metrics
            .outcomes
            .iter()
            .map(|r| {
                let s = &r.suppressed;
                vec![
                    Value::Text(r.group.clone()),
                    Value::Text(r.outcome.to_string()),
                    Value::Count(r.participants),
                    Value::Count(r.participants_with_outcome),
                    optional(r.participant_rate, "participant_rate", s, Value::Rate),
                    optional(r.participant_ci_low, "participant_ci_low", s, Value::Rate),
                    optional(r.participant_ci_high, "participant_ci_high", s, Value::Rate),
                    Value::Count(r.non_participants),
                    Value::Count(r.non_participants_with_outcome),
                    optional(r.non_participant_rate, "non_participant_rate", s, Value::Rate),
                    optional(r.non_participant_ci_low, "non_participant_ci_low", s, Value::Rate),
                    optional(r.non_participant_ci_high, "non_participant_ci_high", s, Value::Rate),
                    optional(r.diff_pp, "diff_pp", s, Value::Points),
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

/// Headline figures over periods.
pub fn trend_table(metrics: &Published) -> Table {
    Table {
        name: "trend",
        caption: "Headline figures over periods (earlier runs' published metrics.json and this run)"
            .to_string(),
        columns: vec!["figure", "period", "as_of", "value"],
        labels: vec!["Figure", "Period", "As of", "Value"],
        rows: metrics
            .trend
            .iter()
            .map(|r| {
                vec![
                    Value::Text(r.label.clone()),
                    Value::Text(r.period.clone()),
                    Value::Text(r.as_of.clone()),
                    match r.kind {
                        "rate" => Value::Rate(r.value),
                        "effect" => Value::Stat(r.value),
                        _ => Value::Decimal(r.value),
                    },
                ]
            })
            .collect(),
    }
}

/// Every published table, in report order.
pub fn all_tables(metrics: &Published) -> Vec<Table> {
    let mut tables = vec![uptake_table(metrics)];
    if !metrics.departments.is_empty() {
        tables.push(departments_table(metrics));
    }
    if !metrics.relationships.is_empty() {
        tables.push(relationships_table(metrics));
        tables.push(compliance_table(metrics));
        tables.push(retention_table(metrics));
    }
    if !metrics.timeline.is_empty() {
        tables.push(timeline_table(metrics));
    }
    if !metrics.match_wait.is_empty() {
        tables.push(super::lasting::match_wait_table(metrics));
    }
    if !metrics.pair_factors.is_empty() {
        tables.push(super::lasting::pair_factors_table(metrics));
    }
    if !metrics.retention_alignment.is_empty() {
        tables.push(retention_alignment_table(metrics));
    }
    tables.extend(mentor_bank_table(metrics));
    tables.extend(mentor_sectors_table(metrics));
    tables.extend(mentor_sources_table(metrics));
    if !metrics.survey_waves.is_empty() {
        tables.push(survey_waves_table(metrics));
        tables.push(scales_table(metrics));
        tables.push(items_table(metrics));
    }
    if !metrics.paired.is_empty() {
        tables.push(paired_table(metrics));
        tables.push(attrition_table(metrics));
    }
    if !metrics.intent.is_empty() {
        tables.push(intent_table(metrics));
    }
    if !metrics.intent_paired.is_empty() {
        tables.push(intent_paired_table(metrics));
    }
    if !metrics.outcomes.is_empty() {
        tables.push(outcomes_table(metrics));
    }
    if !metrics.comparison.is_empty() {
        tables.push(super::comparison::comparison_table(metrics));
        tables.push(super::comparison::balance_table(metrics));
    }
    if !metrics.dose.is_empty() {
        tables.push(super::comparison::dose_table(metrics));
    }
    if !metrics.trend.is_empty() {
        tables.push(trend_table(metrics));
    }
    tables.push(data_quality_table(&metrics.data_quality));
    tables
}
