//! The uptake funnel of one group: horizontal bars of each stage's rate.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, FONT, draw_error, palette, percent};
use crate::error::Result;
use crate::metrics::model::UptakeRecord;

/// One bar: a stage and its published rate (None when withheld or not computable).
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelBar {
    pub label: String,
    pub rate: Option<f64>,
}

/// The group's stages in order with their rates (pure).
pub fn funnel_bars(records: &[UptakeRecord], group: &str) -> Vec<FunnelBar> {
    records
        .iter()
        .filter(|r| r.group == group)
        .map(|r| FunnelBar {
            label: r.stage.label().to_string(),
            rate: r.rate,
        })
        .collect()
}

const WIDTH: u32 = 560;
const ROW: u32 = 30;
const LABEL_AREA: u32 = 190;

/// Draws the funnel of `group` as an SVG chart.
pub fn draw_funnel(id: &str, group: &str, bars: &[FunnelBar], colour: RGBColor) -> Result<Chart> {
    let height = 60 + ROW * bars.len().max(1) as u32;
    let title = format!("Uptake funnel: {group}");
    let description = format!(
        "Horizontal bars of the share of eligible students in {group} reaching each stage: {}.",
        bars.iter()
            .map(|b| format!(
                "{} {}",
                b.label,
                b.rate.map_or("withheld".to_string(), percent)
            ))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_error)?;
        let rows = bars.len().max(1) as f64;
        let mut chart = ChartBuilder::on(&root)
            .margin_right(50)
            .margin_top(10)
            .x_label_area_size(36)
            .y_label_area_size(LABEL_AREA)
            .build_cartesian_2d(0f64..100f64, 0f64..rows)
            .map_err(draw_error)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(0)
            .x_labels(6)
            .x_desc("% of eligible students")
            .x_label_formatter(&|v| format!("{v:.0}"))
            .axis_desc_style((FONT, 13))
            .label_style((FONT, 12))
            .light_line_style(WHITE)
            .bold_line_style(RGBColor(0xDD, 0xDD, 0xDD))
            .draw()
            .map_err(draw_error)?;
        for (i, bar) in bars.iter().enumerate() {
            // First stage at the top.
            let top = rows - i as f64 - 0.15;
            let bottom = rows - i as f64 - 0.85;
            let middle = rows - i as f64 - 0.5;
            if let Some(rate) = bar.rate {
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(0.0, bottom), (rate * 100.0, top)],
                        colour.filled(),
                    )))
                    .map_err(draw_error)?;
            }
            let value = bar.rate.map_or("..".to_string(), percent);
            let x = bar.rate.map_or(0.0, |r| r * 100.0);
            chart
                .draw_series(std::iter::once(Text::new(
                    format!(" {value}"),
                    (x, middle),
                    (FONT, 12)
                        .into_font()
                        .color(&palette::BLACK)
                        .pos(Pos::new(HPos::Left, VPos::Center)),
                )))
                .map_err(draw_error)?;
            let (px, py) = chart.backend_coord(&(0.0, middle));
            root.draw(&Text::new(
                bar.label.clone(),
                (px - 8, py),
                (FONT, 12)
                    .into_font()
                    .color(&palette::BLACK)
                    .pos(Pos::new(HPos::Right, VPos::Center)),
            ))
            .map_err(draw_error)?;
        }
        root.present().map_err(draw_error)?;
    }
    Ok(Chart::new(id, &title, &description, svg))
}
