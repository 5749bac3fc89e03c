//! The matched comparison (comparison.md): per group, participants (treated)
//! and non-participants (controls) are matched exactly on their covariate
//! levels (`matching::match_strata`, a polars group_by); per outcome, the
//! ATT with its HC1 standard error, risk ratio and E-values; per covariate
//! level, the balance before and after; the evidence label; and the dose
//! bands (outcome rates of the treated by mentoring meetings).

use polars::prelude::*;
use rayon::prelude::*;

use super::evidence::evidence;
use super::groups::Membership;
use super::matching::{Matching, match_ids, stratum_ids};
use super::meetings::MeetingAggregates;
use super::model::{
    BalanceRecord, ComparisonRecord, Count, DoseRecord, LevelCounts, NEGATIVE_CONTROL, OUTCOME, Stage,
};
use crate::config::{ComparisonConfig, Treated};
use crate::error::{Error, Result};
use crate::ingest::cohort::Cohort;
use crate::stats::att::{e_value, e_value_ci, weighted_att};
use crate::stats::balance::{Balance, IndicatorSums, balance, indicator_balance};
use crate::stats::multiple::benjamini_hochberg;
use crate::stats::proportion::wilson;
use crate::validate::comparison::{ComparisonInputs, Covariate, Values};

/// The dose bands of mentoring meetings: (label, fewest, most).
pub const DOSE_BANDS: [(&str, u64, u64); 4] = [
    ("0", 0, 0),
    ("1-2", 1, 2),
    ("3-5", 3, 5),
    ("6 or more", 6, u64::MAX),
];

/// The comparison's records.
#[derive(Debug, Default)]
pub struct ComparisonMetrics {
    pub comparison: Vec<ComparisonRecord>,
    pub balance: Vec<BalanceRecord>,
    pub dose: Vec<DoseRecord>,
}

/// Each student's arm: Some(true) treated, Some(false) control, None neither.
fn arms(cohort: &Cohort, treated: Treated) -> Vec<Option<bool>> {
    (0..cohort.len())
        .map(|row| {
            let registered = cohort.registered[row];
            let matched = cohort
                .mentor_id
                .as_ref()
                .is_some_and(|ids| ids.get(row).is_some_and(Option::is_some));
            match (registered, treated) {
                (false, _) => Some(false),
                (true, Treated::Registered) => Some(true),
                (true, Treated::Matched) => matched.then_some(true),
            }
        })
        .collect()
}

/// The outcomes compared: (id or label, flag per student; missing is false).
fn outcome_flags<'a>(
    spec: &ComparisonConfig,
    mapped: &[&str],
    cohort: &'a Cohort,
    inputs: &'a ComparisonInputs,
) -> Vec<(String, &'a [bool])> {
    let mut outcomes: Vec<(String, &[bool])> = Vec::new();
    for id in spec.outcome_ids(mapped) {
        let column = match id.as_str() {
            "placement_applied" => cohort.placement_applied.as_deref(),
            "placement_secured" => cohort.placement_secured.as_deref(),
            _ => None,
        };
        if let Some(values) = column {
            outcomes.push((id, values));
        }
    }
    for (label, values) in &inputs.extra_outcomes {
        outcomes.push((label.clone(), values.as_slice()));
    }
    outcomes
}

/// A covariate level as the report names it: "Commuter: yes",
/// "Year 1 average [50, 55)", "Ethnicity group (missing)".
pub fn level_label(covariate: &str, level: &str) -> String {
    if level.starts_with('(') || level.starts_with('[') {
        format!("{covariate} {level}")
    } else {
        format!("{covariate}: {level}")
    }
}

/// Every record of the comparison.
pub fn comparison_metrics(
    spec: &ComparisonConfig,
    mapped: &[&str],
    cohort: &Cohort,
    inputs: &ComparisonInputs,
    membership: &Membership,
    meetings: Option<&MeetingAggregates>,
) -> Result<ComparisonMetrics> {
    let arms = arms(cohort, spec.treated);
    let outcomes = outcome_flags(spec, mapped, cohort, inputs);
    // A student's stratum is the same in every group: found once.
    let strata = level_frame(&inputs.covariates, cohort.len())
        .and_then(|levels| stratum_ids(&levels))
        .map_err(|e| Error::compute("the matched comparison's strata", e))?;
    let study = Study {
        spec,
        arms: &arms,
        strata: &strata,
        outcomes: &outcomes,
        inputs,
        meetings,
        treated_stage: match spec.treated {
            Treated::Matched => Stage::Matched,
            Treated::Registered => Stage::Registered,
        },
    };
    let per_group: Vec<GroupResult> = (0..membership.names.len())
        .into_par_iter()
        .map(|g| group_comparison(&study, &membership.names[g], &membership.members[g]))
        .collect();
    let mut out = ComparisonMetrics::default();
    for group in per_group {
        out.comparison.extend(group.comparison);
        out.balance.extend(group.balance);
        out.dose.extend(group.dose);
    }
    // Benjamini-Hochberg across the groups within each outcome (and each
    // negative control), in record order.
    let mut families: Vec<(&'static str, String)> = Vec::new();
    for r in &out.comparison {
        if !families
            .iter()
            .any(|(role, o)| *role == r.role && *o == r.outcome)
        {
            families.push((r.role, r.outcome.clone()));
        }
    }
    for (role, outcome) in families {
        let rows: Vec<usize> = (0..out.comparison.len())
            .filter(|&i| out.comparison[i].role == role && out.comparison[i].outcome == outcome)
            .collect();
        let p: Vec<Option<f64>> = rows.iter().map(|&r| out.comparison[r].p_value).collect();
        for (&r, adjusted) in rows.iter().zip(benjamini_hochberg(&p)) {
            out.comparison[r].p_adjusted = adjusted;
        }
    }
    Ok(out)
}

/// What every group's comparison shares.
struct Study<'a> {
    spec: &'a ComparisonConfig,
    /// Per student: Some(true) treated, Some(false) control.
    arms: &'a [Option<bool>],
    /// Per student: the stratum id.
    strata: &'a [u32],
    outcomes: &'a [(String, &'a [bool])],
    inputs: &'a ComparisonInputs,
    meetings: Option<&'a MeetingAggregates>,
    treated_stage: Stage,
}

/// One group's matched students, and what its records share.
struct Matched<'a> {
    group: &'a str,
    treated_stage: Stage,
    /// Arm of each of the group's students with an arm.
    treated: Vec<bool>,
    matching: Matching,
    n_treated: u64,
    n_controls: u64,
    max_abs_smd_after: Option<f64>,
}

struct GroupResult {
    comparison: Vec<ComparisonRecord>,
    balance: Vec<BalanceRecord>,
    dose: Vec<DoseRecord>,
}

/// One group's matching, balance, estimates and dose bands.
fn group_comparison(study: &Study<'_>, group: &str, members: &[bool]) -> GroupResult {
    // The group's students with an arm, and each one's arm.
    let rows: Vec<usize> = (0..study.arms.len())
        .filter(|&r| members.get(r).copied().unwrap_or(false) && study.arms[r].is_some())
        .collect();
    let treated: Vec<bool> = rows.iter().map(|&r| study.arms[r] == Some(true)).collect();
    let group_strata: Vec<u32> = rows.iter().map(|&r| study.strata[r]).collect();
    let matching = match_ids(&group_strata, &treated);
    let balance: Vec<BalanceRecord> = study
        .inputs
        .covariates
        .iter()
        .flat_map(|c| covariate_balance(group, study.treated_stage, c, &rows, &treated, &matching))
        .collect();
    let n_treated = treated.iter().filter(|t| **t).count() as u64;
    let matched = Matched {
        group,
        treated_stage: study.treated_stage,
        n_treated,
        n_controls: treated.len() as u64 - n_treated,
        max_abs_smd_after: balance
            .iter()
            .filter_map(|b| b.smd_after.map(f64::abs))
            .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v)))),
        treated,
        matching,
    };
    let flags_of =
        |flags: &[bool]| -> Vec<f64> { rows.iter().map(|&r| f64::from(u8::from(flags[r]))).collect() };
    let controls: Vec<ComparisonRecord> = study
        .inputs
        .negative_controls
        .iter()
        .map(|(header, flags)| estimate(&matched, header, &flags_of(flags), NEGATIVE_CONTROL))
        .collect();
    let (evidence_type, reasons) = evidence(study.spec, &matched.matching, &balance, &controls);
    let mut comparison: Vec<ComparisonRecord> = study
        .outcomes
        .iter()
        .map(|(outcome, flags)| ComparisonRecord {
            evidence_type: Some(evidence_type),
            reasons: reasons.clone(),
            ..estimate(&matched, outcome, &flags_of(flags), OUTCOME)
        })
        .collect();
    comparison.extend(controls);
    let dose = study
        .meetings
        .map(|m| dose_records(group, study.outcomes, &rows, &matched.treated, m))
        .unwrap_or_default();
    GroupResult {
        comparison,
        balance,
        dose,
    }
}

/// The matched covariates' level codes of every student, a UInt32 column each.
fn level_frame(covariates: &[Covariate], rows: usize) -> PolarsResult<DataFrame> {
    let columns: Vec<Column> = covariates
        .iter()
        .filter(|c| c.matched)
        .enumerate()
        .filter_map(|(i, c)| match &c.values {
            Values::Levels { codes, .. } => Some(Column::new(format!("level{i}").into(), codes.clone())),
            Values::Numbers(_) => None,
        })
        .collect();
    DataFrame::new(rows, columns)
}

/// One outcome's estimate in one group.
fn estimate(m: &Matched<'_>, outcome: &str, y: &[f64], role: &'static str) -> ComparisonRecord {
    let (treated, matching) = (&m.treated, &m.matching);
    let w = &matching.weights;
    let (mut with_t, mut sum_c, mut weight_c) = (0u64, 0.0, 0.0);
    for ((y, t), w) in y.iter().zip(treated).zip(w) {
        if *w > 0.0 {
            if *t {
                with_t += u64::from(*y > 0.0);
            } else {
                sum_c += w * y;
                weight_c += w;
            }
        }
    }
    let n_t = matching.treated_matched;
    let treated_rate = (n_t > 0).then(|| with_t as f64 / n_t as f64);
    let control_rate = (weight_c > 0.0).then(|| sum_c / weight_c);
    let fit = weighted_att(y, treated, w);
    let risk_ratio = match (treated_rate, control_rate) {
        (Some(t), Some(c)) if c > 0.0 => Some(t / c),
        _ => None,
    };
    let ci = fit.and_then(|f| f.ci);
    ComparisonRecord {
        group: m.group.to_string(),
        outcome: outcome.to_string(),
        treated: Count::Exact(m.n_treated),
        controls: Count::Exact(m.n_controls),
        treated_matched: Count::Exact(n_t),
        controls_matched: Count::Exact(matching.controls_matched),
        strata: Count::Exact(matching.strata as u64),
        strata_kept: Count::Exact(matching.strata_kept as u64),
        share_treated_kept: (m.n_treated > 0).then(|| n_t as f64 / m.n_treated as f64),
        treated_rate,
        control_rate,
        att: fit.map(|f| f.att),
        se: fit.and_then(|f| f.se),
        ci_low: ci.map(|c| c.0),
        ci_high: ci.map(|c| c.1),
        p_value: fit.and_then(|f| f.p_value),
        p_adjusted: None,
        risk_ratio,
        e_value: risk_ratio.filter(|rr| *rr > 0.0).map(e_value),
        e_value_ci: control_rate.zip(ci).and_then(|(c, ci)| e_value_ci(c, ci)),
        max_abs_smd_after: m.max_abs_smd_after,
        role,
        evidence_type: None,
        reasons: Vec::new(),
        suppressed: Vec::new(),
        treated_with_outcome: with_t,
        treated_stage: m.treated_stage,
    }
}

/// A covariate's balance rows: one per level (an indicator), or one
/// `(mean)` row for a number column.
fn covariate_balance(
    group: &str,
    treated_stage: Stage,
    covariate: &Covariate,
    rows: &[usize],
    treated: &[bool],
    matching: &Matching,
) -> Vec<BalanceRecord> {
    let w = &matching.weights;
    let record = |(level, written): (String, String), b: Balance, counts: LevelCounts| BalanceRecord {
        group: group.to_string(),
        covariate: covariate.header.clone(),
        level,
        written,
        matched_on: covariate.matched,
        n_missing: Count::Exact(b.n_missing),
        mean_treated_before: b.mean_treated_before,
        mean_control_before: b.mean_control_before,
        smd_before: b.smd_before,
        mean_treated_after: b.mean_treated_after,
        mean_control_after: b.mean_control_after,
        smd_after: b.smd_after,
        suppressed: Vec::new(),
        counts,
    };
    match &covariate.values {
        Values::Numbers(values) => {
            let values: Vec<Option<f64>> = rows.iter().map(|&r| values[r]).collect();
            let b = balance(&values, treated, w, false);
            let present = |arm: bool, matched: bool| {
                values
                    .iter()
                    .zip(treated)
                    .zip(w)
                    .filter(|((v, t), w)| v.is_some() && **t == arm && (!matched || **w > 0.0))
                    .count() as u64
            };
            let counts = LevelCounts {
                treated: present(true, false),
                controls: present(false, false),
                treated_matched: present(true, true),
                arms: [
                    present(true, false),
                    present(false, false),
                    present(true, true),
                    present(false, true),
                ],
                treated_stage,
            };
            vec![record(("(mean)".to_string(), "(mean)".to_string()), b, counts)]
        }
        Values::Levels {
            levels,
            codes,
            written,
        } => {
            // One pass: per level, the arms' counts and matched weights.
            let mut sums = vec![IndicatorSums::default(); levels.len()];
            let mut matched_treated = vec![0u64; levels.len()];
            let mut arms = IndicatorSums::default();
            for ((&r, &t), &w) in rows.iter().zip(treated).zip(w) {
                let s = &mut sums[codes[r] as usize];
                s.add(t, w);
                arms.add(t, w);
                if t && w > 0.0 {
                    matched_treated[codes[r] as usize] += 1;
                }
            }
            let matched_arms = [matching.treated_matched, matching.controls_matched];
            levels
                .iter()
                .zip(written)
                .zip(&sums)
                .zip(&matched_treated)
                .map(|(((level, written), s), &m)| {
                    let counts = LevelCounts {
                        treated: s.treated,
                        controls: s.controls,
                        treated_matched: m,
                        arms: [arms.treated, arms.controls, matched_arms[0], matched_arms[1]],
                        treated_stage,
                    };
                    record(
                        (level.clone(), written.clone()),
                        indicator_balance(s, &arms),
                        counts,
                    )
                })
                .collect()
        }
    }
}

/// The dose bands of one group: each outcome's rate among the treated by
/// their number of mentoring meetings.
fn dose_records(
    group: &str,
    outcomes: &[(String, &[bool])],
    rows: &[usize],
    treated: &[bool],
    meetings: &MeetingAggregates,
) -> Vec<DoseRecord> {
    let band_of = |row: usize| {
        let n = meetings.student(row).mentoring;
        DOSE_BANDS
            .iter()
            .position(|(_, lo, hi)| *lo <= n && n <= *hi)
            .unwrap_or(0)
    };
    let treated_rows: Vec<(usize, usize)> = rows
        .iter()
        .zip(treated)
        .filter(|(_, t)| **t)
        .map(|(&r, _)| (r, band_of(r)))
        .collect();
    let mut records = Vec::new();
    for (outcome, flags) in outcomes {
        for (b, (band, _, _)) in DOSE_BANDS.iter().enumerate() {
            let in_band = treated_rows.iter().filter(|(_, rb)| *rb == b);
            let students = in_band.clone().count() as u64;
            let with = in_band.filter(|(r, _)| flags[*r]).count() as u64;
            let ci = wilson(with, students);
            records.push(DoseRecord {
                group: group.to_string(),
                outcome: outcome.clone(),
                band,
                students: Count::Exact(students),
                with_outcome: Count::Exact(with),
                rate: (students > 0).then(|| with as f64 / students as f64),
                ci_low: ci.map(|c| c.0),
                ci_high: ci.map(|c| c.1),
                suppressed: Vec::new(),
            });
        }
    }
    records
}
