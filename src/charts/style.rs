//! The house style every chart shares: the colour-blind-safe palette, the
//! font, the grid and axes, row labels and number formats.

use plotters::style::RGBColor;

use super::draw_error;

/// The Okabe-Ito colour-blind-safe palette, with orange and sky blue
/// darkened (same hue) to at least 3:1 against white, as every line, dot and
/// bar must be (WCAG 1.4.11): Okabe-Ito's own are 2.3:1. Its yellow (1.3:1)
/// is not used for marks.
pub mod palette {
    use plotters::style::RGBColor;
    pub const BLACK: RGBColor = RGBColor(0, 0, 0);
    pub const ORANGE: RGBColor = RGBColor(0xC2, 0x86, 0x00);
    pub const SKY_BLUE: RGBColor = RGBColor(0x1D, 0x99, 0xE0);
    pub const BLUISH_GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
    pub const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
    pub const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
    pub const REDDISH_PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);
    /// Neutral grey for axes and reference lines.
    pub const GREY: RGBColor = RGBColor(0x66, 0x66, 0x66);
    /// Series colours in order.
    pub const SERIES: [RGBColor; 7] = [
        BLUE,
        ORANGE,
        BLUISH_GREEN,
        VERMILLION,
        SKY_BLUE,
        REDDISH_PURPLE,
        GREY,
    ];
}

/// Font family of chart text (laid out by the browser).
pub const FONT: &str = "sans-serif";

/// A row's label, right-aligned 8 pixels left of `(x, y)` (the plot
/// area's edge at the row's middle).
pub fn row_label<DB: plotters::prelude::DrawingBackend>(
    root: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    (x, y): (i32, i32),
    text: String,
) -> crate::error::Result<()> {
    use plotters::prelude::*;
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    root.draw(&Text::new(
        text,
        (x - 8, y),
        (FONT, 14)
            .into_font()
            .color(&palette::BLACK)
            .pos(Pos::new(HPos::Right, VPos::Center)),
    ))
    .map_err(draw_error)
}

/// Colour of series `index`.
pub fn series_colour(index: usize) -> RGBColor {
    palette::SERIES[index % palette::SERIES.len()]
}

/// A percentage for labels: one decimal place.
pub fn percent(value: f64) -> String {
    format!("{:.1}%", value * 100.0)
}

/// An axis tick label: integers without decimals, others to one decimal.
pub fn axis_number(value: f64) -> String {
    if (value - value.round()).abs() < 1e-9 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

/// A plotters chart on f64 axes drawn into an SVG string.
pub type Plot<'a, 'b> = plotters::chart::ChartContext<
    'a,
    plotters::backend::SVGBackend<'b>,
    plotters::coord::cartesian::Cartesian2d<
        plotters::coord::types::RangedCoordf64,
        plotters::coord::types::RangedCoordf64,
    >,
>;

/// Ticks of an axis that carries values.
pub struct Ticks<'a> {
    pub count: usize,
    pub desc: &'a str,
    pub format: &'a dyn Fn(&f64) -> String,
}

/// Draws the grid and axes in the house style. An axis given as None holds
/// categories (labelled by the chart itself): no ticks and no grid lines.
pub fn draw_mesh(
    chart: &mut Plot<'_, '_>,
    x: Option<Ticks<'_>>,
    y: Option<Ticks<'_>>,
) -> crate::error::Result<()> {
    use plotters::style::WHITE;
    let mut mesh = chart.configure_mesh();
    mesh.axis_desc_style((FONT, 15))
        .label_style((FONT, 14))
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(0xDD, 0xDD, 0xDD));
    match &x {
        Some(t) => {
            mesh.x_labels(t.count).x_desc(t.desc).x_label_formatter(t.format);
        }
        None => {
            mesh.disable_x_mesh().x_labels(0);
        }
    }
    match &y {
        Some(t) => {
            mesh.y_labels(t.count).y_desc(t.desc).y_label_formatter(t.format);
        }
        None => {
            mesh.disable_y_mesh().y_labels(0);
        }
    }
    mesh.draw().map_err(draw_error)
}
