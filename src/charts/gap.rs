//! The gap to the cohort average at one funnel stage: each group's rate minus
//! the All-eligible rate, in percentage points, with its 95% interval, against
//! a line at the average; significant gaps (adjusted p < 0.05) marked.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, FONT, draw_error, palette, percent};
use crate::error::Result;
use crate::metrics::groups::ALL_ELIGIBLE;
use crate::metrics::model::{Stage, UptakeRecord};

/// Significance level for marking a gap.
pub const ALPHA: f64 = 0.05;

/// One group's gap in percentage points with its interval (pure data).
#[derive(Debug, Clone, PartialEq)]
pub struct GapPoint {
    pub group: String,
    /// None when withheld or not computable.
    pub gap: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub significant: bool,
}

/// The cohort-average rate and every other group's gap at `stage` (pure).
pub fn gap_points(records: &[UptakeRecord], stage: Stage) -> (Option<f64>, Vec<GapPoint>) {
    let average = records
        .iter()
        .find(|r| r.stage == stage && r.group == ALL_ELIGIBLE)
        .and_then(|r| r.rate);
    let points = records
        .iter()
        .filter(|r| r.stage == stage && r.group != ALL_ELIGIBLE)
        .map(|r| {
            let interval = |bound: Option<f64>| {
                bound
                    .zip(average)
                    .filter(|_| r.gap_pp.is_some())
                    .map(|(b, a)| 100.0 * (b - a))
            };
            GapPoint {
                group: r.group.clone(),
                gap: r.gap_pp,
                low: interval(r.ci_low),
                high: interval(r.ci_high),
                significant: r.p_adjusted.is_some_and(|p| p < ALPHA),
            }
        })
        .collect();
    (average, points)
}

const WIDTH: u32 = 720;
const ROW: u32 = 34;
const LABEL_AREA: u32 = 250;

/// Draws the gap chart for `stage`.
pub fn draw_gap(id: &str, stage: Stage, average: Option<f64>, points: &[GapPoint]) -> Result<Chart> {
    let title = format!("Gap to the cohort average: {}", stage.label().to_lowercase());
    let description = format!(
        "Dots show each group's {} rate minus the cohort average ({}) in percentage points, with 95% intervals; {}.",
        stage.label().to_lowercase(),
        average.map_or("withheld".to_string(), percent),
        points
            .iter()
            .map(|p| match p.gap {
                Some(g) => format!(
                    "{} {:+.1} points{}",
                    p.group,
                    g,
                    if p.significant { " (significant)" } else { "" }
                ),
                None => format!("{} withheld", p.group),
            })
            .collect::<Vec<_>>()
            .join("; ")
    );
    let extent = points
        .iter()
        .flat_map(|p| [p.low, p.high, p.gap])
        .flatten()
        .fold(5.0f64, |m, v| m.max(v.abs()))
        * 1.15;
    let rows = points.len().max(1) as f64;
    let height = 90 + ROW * points.len().max(1) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_error)?;
        let mut chart = ChartBuilder::on(&root)
            .margin_right(24)
            .margin_top(28)
            .x_label_area_size(40)
            .y_label_area_size(LABEL_AREA)
            .build_cartesian_2d(-extent..extent, 0f64..rows)
            .map_err(draw_error)?;
        super::draw_mesh(
            &mut chart,
            Some(super::Ticks {
                count: 9,
                desc: "Gap to the cohort average (percentage points)",
                format: &|v| {
                    if v.abs() < 1e-9 {
                        "0".to_string()
                    } else {
                        format!("{v:+.0}")
                    }
                },
            }),
            None,
        )?;
        // The cohort average.
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(0.0, 0.0), (0.0, rows)],
                palette::GREY.stroke_width(2),
            )))
            .map_err(draw_error)?;
        let (ax, ay) = chart.backend_coord(&(0.0, rows));
        root.draw(&Text::new(
            format!("Cohort average {}", average.map_or("..".to_string(), percent)),
            (ax, ay - 6),
            (FONT, 14)
                .into_font()
                .color(&palette::GREY)
                .pos(Pos::new(HPos::Center, VPos::Bottom)),
        ))
        .map_err(draw_error)?;
        for (i, point) in points.iter().enumerate() {
            let y = rows - i as f64 - 0.5;
            if let (Some(low), Some(high)) = (point.low, point.high) {
                chart
                    .draw_series(std::iter::once(PathElement::new(
                        vec![(low, y), (high, y)],
                        palette::BLUE.stroke_width(2),
                    )))
                    .map_err(draw_error)?;
            }
            if let Some(gap) = point.gap {
                let style = if point.significant {
                    palette::VERMILLION.filled()
                } else {
                    palette::BLUE.stroke_width(2)
                };
                chart
                    .draw_series(std::iter::once(Circle::new((gap, y), 6, style)))
                    .map_err(draw_error)?;
            }
            let (px, py) = chart.backend_coord(&(-extent, y));
            let label = match point.gap {
                Some(_) if point.significant => format!("{} *", point.group),
                _ => point.group.clone(),
            };
            root.draw(&Text::new(
                label,
                (px - 8, py),
                (FONT, 14)
                    .into_font()
                    .color(&palette::BLACK)
                    .pos(Pos::new(HPos::Right, VPos::Center)),
            ))
            .map_err(draw_error)?;
            // A withheld gap is said where its dot would be, not added to the
            // group's name (a long name would run off the chart).
            if point.gap.is_none() {
                let (zx, zy) = chart.backend_coord(&(0.0, y));
                root.draw(&Text::new(
                    "withheld",
                    (zx + 8, zy),
                    (FONT, 13)
                        .into_font()
                        .color(&palette::BLACK)
                        .pos(Pos::new(HPos::Left, VPos::Center)),
                ))
                .map_err(draw_error)?;
            }
        }
        root.present().map_err(draw_error)?;
    }
    Ok(Chart::new(id, &title, &description, svg))
}
