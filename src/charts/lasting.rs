//! What makes relationships last (metrics.md §7), each chart titled with
//! the sentence it shows: sign-up by department against the cohort
//! average, and sustained and completed pairs by each pair factor.

use super::gap::{GapPoint, draw_gap_titled, gap_finding, gap_points};
use super::relationships::{RetentionPoint, draw_step_curve, retention_mesh};
use super::surveys::{Series, draw_grouped};
use super::{Chart, palette, slug};
use crate::error::Result;
use crate::metrics::model::{PairFactorRecord, Stage, UptakeRecord};

/// The headline of the department chart: the department furthest below
/// the average (a published gap), or that none is below it.
pub fn department_headline(points: &[GapPoint]) -> String {
    match gap_finding(points).as_str() {
        "every gap is withheld" => "Sign-up by department against the cohort average".to_string(),
        "no group is below the cohort average" => {
            "Sign-up by department: no department is below the cohort average".to_string()
        }
        finding => format!("Sign-up by department: {finding}"),
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
        [(a, ra), (b, rb)] if records.len() == 2 => {
            // The report's own words ("Aligned") read lower-case mid-sentence;
            // a level from the files ("Finance") as written.
            let ours = records.iter().all(|r| r.factor == "alignment");
            let level = |l: &str| if ours { l.to_lowercase() } else { l.to_string() };
            format!(
                "{label}: {} of {} pairs sustained, against {} of {} pairs",
                pct(*ra),
                level(a),
                pct(*rb),
                level(b)
            )
        }
        [] | [_] => format!("{label}: sustained and completed pairs"),
        _ => {
            let high = rated.iter().max_by(|a, b| a.1.total_cmp(&b.1)).copied();
            let low = rated.iter().min_by(|a, b| a.1.total_cmp(&b.1)).copied();
            match (high, low) {
                // A withheld rate could be the most or the least: say
                // among which levels the ranking holds.
                (Some((h, rh)), Some((l, rl))) if rated.len() < records.len() => format!(
                    "{label}: among the {} with published rates, most sustained {h} ({}), least {l} ({})",
                    rated.len(),
                    pct(rh),
                    pct(rl)
                ),
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

/// The headline of the alignment retention chart: both curves' last month
/// shown.
pub fn retention_headline(curves: &[(String, Vec<RetentionPoint>)]) -> String {
    let last = |points: &[RetentionPoint]| {
        points
            .iter()
            .enumerate()
            .skip(1)
            .map_while(|(m, p)| Some((m, p.1?)))
            .last()
    };
    match curves {
        [(a, pa), (b, pb)] => match (last(pa), last(pb)) {
            (Some((ma, sa)), Some((mb, sb))) if ma == mb => format!(
                "Retention by aligned matching: at month {ma}, {:.1}% of {} pairs still meeting against {:.1}% of {} pairs",
                sa * 100.0,
                a.to_lowercase(),
                sb * 100.0,
                b.to_lowercase()
            ),
            (None, None) => {
                "Retention by aligned matching: withheld (too few relationships ended to publish a step)"
                    .to_string()
            }
            _ => "Retention by aligned matching (part of a curve is withheld)".to_string(),
        },
        _ => "Retention by aligned matching".to_string(),
    }
}

/// Retention curves of aligned and other pairs on one chart.
pub fn draw_alignment_retention(curves: &[(String, Vec<RetentionPoint>)]) -> Result<Chart> {
    use plotters::prelude::*;
    let title = retention_headline(curves);
    let description = format!(
        "{title}. Step curves of the share of pairs still meeting, by month since their first meeting, with 95% bands: {}.",
        curves
            .iter()
            .map(|(name, points)| format!(
                "{name}: {}",
                points
                    .iter()
                    .skip(1)
                    .enumerate()
                    .map(|(m, p)| format!(
                        "month {} {}",
                        m + 1,
                        p.1.map_or("withheld".to_string(), super::percent)
                    ))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let months = |days: f64| days / crate::metrics::relationships::DAYS_PER_MONTH;
    let max_t = curves
        .iter()
        .filter_map(|(_, p)| p.last().map(|p| months(p.0)))
        .fold(1.0, f64::max);
    let colours = [palette::BLUISH_GREEN, palette::VERMILLION];
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (720, 340)).into_drawing_area();
        root.fill(&WHITE).map_err(super::draw_error)?;
        let mut x = 20;
        for ((name, _), colour) in curves.iter().zip(colours) {
            root.draw(&Rectangle::new([(x, 8), (x + 12, 20)], colour.filled()))
                .map_err(super::draw_error)?;
            root.draw(&Text::new(
                format!("{name} pairs"),
                (x + 17, 14),
                (super::FONT, 14).into_font().color(&palette::BLACK).pos(
                    plotters::style::text_anchor::Pos::new(
                        plotters::style::text_anchor::HPos::Left,
                        plotters::style::text_anchor::VPos::Center,
                    ),
                ),
            ))
            .map_err(super::draw_error)?;
            x += 60 + 8 * name.chars().count() as i32;
        }
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .margin_top(34)
            .margin_right(20)
            .x_label_area_size(40)
            .y_label_area_size(56)
            .build_cartesian_2d(0f64..max_t, 0f64..100f64)
            .map_err(super::draw_error)?;
        retention_mesh(&mut chart, max_t)?;
        for ((_, points), colour) in curves.iter().zip(colours) {
            draw_step_curve(&mut chart, points, colour)?;
        }
        root.present().map_err(super::draw_error)?;
    }
    Ok(Chart::new("retention-alignment", &title, &description, svg))
}

/// Section 7b: departments, the pair factors and the aligned pairs' retention.
pub(super) fn lasting_charts(
    published: &crate::disclosure::Published,
    charts: &mut super::ReportCharts,
) -> crate::error::Result<()> {
    use crate::metrics::model::Stage;
    if !published.departments.is_empty() {
        charts.departments = Some(draw_departments(&published.departments, Stage::Registered)?);
    }
    if !published.retention_alignment.is_empty() {
        let curves: Vec<(String, Vec<super::relationships::RetentionPoint>)> = [
            crate::metrics::pair_factors::ALIGNED,
            crate::metrics::pair_factors::NOT_ALIGNED,
        ]
        .iter()
        .map(|level| {
            (
                level.to_string(),
                super::relationships::retention_series(&published.retention_alignment, level),
            )
        })
        .collect();
        charts.retention_alignment = Some(draw_alignment_retention(&curves)?);
    }
    for factor in ["alignment", "sector", "source", "mentor_load"] {
        let records: Vec<&crate::metrics::model::PairFactorRecord> = published
            .pair_factors
            .iter()
            .filter(|r| r.factor == factor)
            .collect();
        if !records.is_empty() {
            let label = crate::metrics::pair_factors::factor_label(factor);
            charts.factors.push(draw_factor(factor, label, &records)?);
        }
    }
    Ok(())
}
