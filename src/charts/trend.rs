//! Trend charts: one headline figure over periods, as a line with points.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, FONT, draw_error, palette};
use crate::error::Result;
use crate::metrics::trend::TrendRecord;

/// (period, value shown) of one figure, in as_of order; rates as % (pure).
pub fn trend_points(records: &[TrendRecord], figure: &str) -> Vec<(String, Option<f64>)> {
    records
        .iter()
        .filter(|r| r.figure == figure)
        .map(|r| {
            (
                r.period.clone(),
                r.value.map(|v| if r.kind == "rate" { v * 100.0 } else { v }),
            )
        })
        .collect()
}

/// Draws one figure's series.
pub fn draw_trend(id: &str, label: &str, kind: &str, points: &[(String, Option<f64>)]) -> Result<Chart> {
    let format = |v: f64| match kind {
        "rate" => format!("{v:.1}%"),
        "effect" => format!("{v:+.2}"),
        _ => format!("{v:.0}"),
    };
    // The finding: from the first shown period to the last.
    let shown: Vec<&(String, Option<f64>)> = points.iter().filter(|p| p.1.is_some()).collect();
    let finding = match (shown.first(), shown.last()) {
        (Some((p0, Some(v0))), Some((p1, Some(v1)))) if shown.len() > 1 => {
            format!(
                "{label} went from {} in {p0} to {} in {p1}. ",
                format(*v0),
                format(*v1)
            )
        }
        _ => String::new(),
    };
    let description = format!(
        "{finding}{label} over periods: {}.",
        points
            .iter()
            .map(|(p, v)| format!("{p} {}", v.map_or("withheld".to_string(), format)))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let values: Vec<f64> = points.iter().filter_map(|p| p.1).collect();
    let top = values.iter().copied().fold(0.0f64, f64::max);
    let bottom = values.iter().copied().fold(0.0f64, f64::min);
    let (y0, y1) = match kind {
        "rate" => (0.0, super::bars::nice_ceiling(top.max(1.0)).min(100.0)),
        _ => (bottom.min(0.0), super::bars::nice_ceiling(top.max(1e-9))),
    };
    let n = points.len().max(1) as f64;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (470, 260)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_error)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .margin_right(24)
            .x_label_area_size(44)
            .y_label_area_size(56)
            .build_cartesian_2d(0f64..n, y0..y1)
            .map_err(draw_error)?;
        super::draw_mesh(
            &mut chart,
            None,
            Some(super::Ticks {
                count: 5,
                desc: match kind {
                    "rate" => "% of students",
                    "effect" => "Hedges' g_z",
                    _ => "Students",
                },
                format: &|v| super::axis_number(*v),
            }),
        )?;
        let shown: Vec<(f64, f64)> = points
            .iter()
            .enumerate()
            .filter_map(|(i, (_, v))| v.map(|v| (i as f64 + 0.5, v)))
            .collect();
        chart
            .draw_series(LineSeries::new(shown.clone(), palette::BLUE.stroke_width(3)))
            .map_err(draw_error)?;
        chart
            .draw_series(shown.iter().map(|p| Circle::new(*p, 5, palette::BLUE.filled())))
            .map_err(draw_error)?;
        for (i, (period, value)) in points.iter().enumerate() {
            let (px, py) = chart.backend_coord(&(i as f64 + 0.5, y0));
            root.draw(&Text::new(
                period.clone(),
                (px, py + 8),
                (FONT, 13)
                    .into_font()
                    .color(&palette::BLACK)
                    .pos(Pos::new(HPos::Center, VPos::Top)),
            ))
            .map_err(draw_error)?;
            if let Some(v) = value {
                let (vx, vy) = chart.backend_coord(&(i as f64 + 0.5, *v));
                root.draw(&Text::new(
                    format(*v),
                    (vx, vy - 10),
                    (FONT, 13)
                        .into_font()
                        .color(&palette::BLACK)
                        .pos(Pos::new(HPos::Center, VPos::Bottom)),
                ))
                .map_err(draw_error)?;
            }
        }
        root.present().map_err(draw_error)?;
    }
    Ok(Chart::new(id, &format!("Trend: {label}"), &description, svg))
}
