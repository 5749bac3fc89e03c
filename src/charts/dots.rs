//! Dot-and-whisker rows against a line at 0: a dot per row with its 95%
//! interval, and "withheld" where a withheld dot would be. The gap to the
//! cohort average and the matched comparison's effect are drawn this way.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, FONT, draw_error, palette};
use crate::error::Result;

/// How a row's dot is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Marker {
    Filled(RGBColor),
    Ring(RGBColor),
}

/// One row: a label, a value with its interval (None: withheld or not computable).
#[derive(Debug, Clone, PartialEq)]
pub struct DotRow {
    pub label: String,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub marker: Marker,
}

/// The chart's size and words.
pub struct DotLayout<'a> {
    pub width: u32,
    pub label_area: u32,
    pub margin_top: u32,
    /// Height without the rows (34 pixels each).
    pub base_height: u32,
    /// The axis runs at least from -min_extent to min_extent.
    pub min_extent: f64,
    pub axis: &'a str,
    /// Written above the line at 0.
    pub reference: String,
}

const ROW: u32 = 34;

/// Draws `rows`, first at the top.
pub fn draw_dots(
    id: &str,
    title: &str,
    description: &str,
    rows: &[DotRow],
    layout: &DotLayout<'_>,
) -> Result<Chart> {
    let extent = rows
        .iter()
        .flat_map(|p| [p.low, p.high, p.value])
        .flatten()
        .fold(layout.min_extent, |m, v| m.max(v.abs()))
        * 1.15;
    let n = rows.len().max(1) as f64;
    let height = layout.base_height + ROW * rows.len().max(1) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (layout.width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_error)?;
        let mut chart = ChartBuilder::on(&root)
            .margin_right(24)
            .margin_top(layout.margin_top)
            .x_label_area_size(40)
            .y_label_area_size(layout.label_area)
            .build_cartesian_2d(-extent..extent, 0f64..n)
            .map_err(draw_error)?;
        super::draw_mesh(
            &mut chart,
            Some(super::Ticks {
                count: 9,
                desc: layout.axis,
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
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(0.0, 0.0), (0.0, n)],
                palette::GREY.stroke_width(2),
            )))
            .map_err(draw_error)?;
        let (ax, ay) = chart.backend_coord(&(0.0, n));
        root.draw(&Text::new(
            layout.reference.clone(),
            (ax, ay - 6),
            (FONT, 14)
                .into_font()
                .color(&palette::GREY)
                .pos(Pos::new(HPos::Center, VPos::Bottom)),
        ))
        .map_err(draw_error)?;
        for (i, row) in rows.iter().enumerate() {
            let y = n - i as f64 - 0.5;
            if let (Some(low), Some(high)) = (row.low, row.high) {
                chart
                    .draw_series(std::iter::once(PathElement::new(
                        vec![(low, y), (high, y)],
                        palette::BLUE.stroke_width(2),
                    )))
                    .map_err(draw_error)?;
            }
            if let Some(value) = row.value {
                let style = match row.marker {
                    Marker::Filled(colour) => colour.filled(),
                    Marker::Ring(colour) => colour.stroke_width(2),
                };
                chart
                    .draw_series(std::iter::once(Circle::new((value, y), 6, style)))
                    .map_err(draw_error)?;
            }
            super::row_label(&root, chart.backend_coord(&(-extent, y)), row.label.clone())?;
            // A withheld value is said where its dot would be, not added to
            // the row's label (a long label would run off the chart).
            if row.value.is_none() {
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
    Ok(Chart::new(id, title, description, svg))
}
