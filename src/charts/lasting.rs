//! What makes relationships last (metrics.md §7), each chart titled with
//! the sentence it shows: sign-up by department against the cohort
//! average, and sustained and completed pairs by each pair factor.

use super::gap::{GapPoint, draw_gap_titled, gap_points};
use super::surveys::{Series, draw_grouped};
use super::{Chart, palette, slug};
use crate::error::Result;
use crate::metrics::model::{PairFactorRecord, Stage, UptakeRecord};

/// The headline of the department chart: the department furthest below
/// the average (a published gap), or that none is below it.
pub fn department_headline(points: &[GapPoint]) -> String {
    let lowest = points
        .iter()
        .filter_map(|p| Some((p.gap?, p)))
        .min_by(|a, b| a.0.total_cmp(&b.0));
    match lowest {
        Some((gap, p)) if gap < 0.0 => format!(
            "Sign-up by department: {} is furthest below the cohort average ({gap:+.1} points{})",
            p.group,
            if p.significant { ", significant" } else { "" }
        ),
        Some(_) => "Sign-up by department: no department is below the cohort average".to_string(),
        None => "Sign-up by department against the cohort average".to_string(),
    }
}

/// The department chart of `stage` (registered).
pub fn draw_departments(records: &[UptakeRecord], stage: Stage) -> Result<Chart> {
    let (average, points) = gap_points(records, stage);
    let title = department_headline(&points);
    draw_gap_titled(
        &format!("departments-{}", stage.id()),
        &title,
        stage,
        average,
        &points,
    )
}

/// The headline of a factor's chart: for two levels, one against the other;
/// else the levels with the highest and lowest published sustained rate.
pub fn factor_headline(label: &str, records: &[&PairFactorRecord]) -> String {
    let rated: Vec<(&str, f64)> = records
        .iter()
        .filter_map(|r| Some((r.level.as_str(), r.sustained.rate?)))
        .collect();
    let pct = |v: f64| format!("{:.1}%", v * 100.0);
    match rated.as_slice() {
        [(a, ra), (b, rb)] if records.len() == 2 => format!(
            "{label}: {} of {} pairs sustained, against {} of {} pairs",
            pct(*ra),
            a.to_lowercase(),
            pct(*rb),
            b.to_lowercase()
        ),
        [] | [_] => format!("{label}: sustained and completed pairs"),
        _ => {
            let high = rated.iter().max_by(|a, b| a.1.total_cmp(&b.1)).copied();
            let low = rated.iter().min_by(|a, b| a.1.total_cmp(&b.1)).copied();
            match (high, low) {
                (Some((h, rh)), Some((l, rl))) => format!(
                    "{label}: most sustained {h} ({}), least {l} ({})",
                    pct(rh),
                    pct(rl)
                ),
                _ => format!("{label}: sustained and completed pairs"),
            }
        }
    }
}

/// Sustained and completed pairs by one factor's levels, with intervals.
pub fn draw_factor(factor: &str, label: &str, records: &[&PairFactorRecord]) -> Result<Chart> {
    let pct = |v: Option<f64>| v.map(|v| v * 100.0);
    let levels: Vec<String> = records.iter().map(|r| r.level.clone()).collect();
    let series = vec![
        Series {
            name: "Sustained".to_string(),
            colour: palette::BLUISH_GREEN,
            values: records
                .iter()
                .map(|r| {
                    Some((
                        pct(r.sustained.rate)?,
                        pct(r.sustained.ci_low),
                        pct(r.sustained.ci_high),
                    ))
                })
                .collect(),
        },
        Series {
            name: "Completed".to_string(),
            colour: palette::BLUE,
            values: records
                .iter()
                .map(|r| {
                    Some((
                        pct(r.completed.rate)?,
                        pct(r.completed.ci_low),
                        pct(r.completed.ci_high),
                    ))
                })
                .collect(),
        },
    ];
    draw_grouped(
        &format!("factor-{}", slug(factor)),
        &factor_headline(label, records),
        "% of pairs",
        &levels,
        &series,
    )
}
