//! Horizontal bar charts: one labelled bar per category, values on a linear
//! axis from 0, a value label at each bar's end ("..." when withheld).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, FONT, draw_error, palette};
use crate::error::Result;

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    /// None when withheld or not computable.
    pub value: Option<f64>,
}

/// How to draw a bar chart.
pub struct BarStyle<'a> {
    pub width: u32,
    pub label_area: u32,
    /// Axis maximum (e.g. 100 for percentages); None = from the data.
    pub max: Option<f64>,
    pub axis: &'a str,
    pub colour: RGBColor,
    /// Formats a value for its label.
    pub format: &'a dyn Fn(f64) -> String,
}

const ROW: u32 = 32;

/// The bars' finding in words: the highest and the lowest shown bar.
pub fn bars_finding(bars: &[Bar], format: &dyn Fn(f64) -> String) -> Option<String> {
    let shown = || bars.iter().filter_map(|b| Some((b.value?, b)));
    let high = shown().max_by(|a, b| a.0.total_cmp(&b.0))?;
    let low = shown().min_by(|a, b| a.0.total_cmp(&b.0))?;
    // A withheld bar could be the highest or the lowest: say among which.
    let among = match shown().count() {
        n if n < bars.len() => format!("Among the {n} with published values, h"),
        _ => "H".to_string(),
    };
    Some(if std::ptr::eq(high.1, low.1) {
        format!("{}: {}.", high.1.label, format(high.0))
    } else {
        format!(
            "{among}ighest {} ({}), lowest {} ({}).",
            high.1.label,
            format(high.0),
            low.1.label,
            format(low.0)
        )
    })
}

/// Draws horizontal bars, first category at the top.
pub fn draw_bars(
    id: &str,
    title: &str,
    description: &str,
    bars: &[Bar],
    style: &BarStyle<'_>,
) -> Result<Chart> {
    let height = 62 + ROW * bars.len().max(1) as u32;
    let data_max = bars.iter().filter_map(|b| b.value).fold(0.0f64, f64::max);
    let max = style.max.unwrap_or_else(|| nice_ceiling(data_max));
    let rows = bars.len().max(1) as f64;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (style.width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_error)?;
        let mut chart = ChartBuilder::on(&root)
            .margin_right(56)
            .margin_top(10)
            .x_label_area_size(40)
            .y_label_area_size(style.label_area)
            .build_cartesian_2d(0f64..max, 0f64..rows)
            .map_err(draw_error)?;
        super::draw_mesh(
            &mut chart,
            Some(super::Ticks {
                count: 6,
                desc: style.axis,
                format: &|v| super::axis_number(*v),
            }),
            None,
        )?;
        for (i, bar) in bars.iter().enumerate() {
            let top = rows - i as f64 - 0.15;
            let bottom = rows - i as f64 - 0.85;
            let middle = rows - i as f64 - 0.5;
            if let Some(value) = bar.value {
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(0.0, bottom), (value.min(max), top)],
                        style.colour.filled(),
                    )))
                    .map_err(draw_error)?;
            }
            let text = bar.value.map_or("..".to_string(), |v| (style.format)(v));
            chart
                .draw_series(std::iter::once(Text::new(
                    format!(" {text}"),
                    (bar.value.unwrap_or(0.0).min(max), middle),
                    (FONT, 14)
                        .into_font()
                        .color(&palette::BLACK)
                        .pos(Pos::new(HPos::Left, VPos::Center)),
                )))
                .map_err(draw_error)?;
            super::row_label(&root, chart.backend_coord(&(0.0, middle)), bar.label.clone())?;
        }
        root.present().map_err(draw_error)?;
    }
    Ok(Chart::new(id, title, description, svg))
}

/// A round axis maximum at or above `value` (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^k).
pub fn nice_ceiling(value: f64) -> f64 {
    if value <= 0.0 || !value.is_finite() {
        return 1.0;
    }
    let magnitude = 10f64.powf(value.log10().floor());
    for step in [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0] {
        if step * magnitude >= value {
            return step * magnitude;
        }
    }
    10.0 * magnitude
}
