//! Charts: series preparation (pure functions over the published model) kept
//! apart from drawing; drawing uses plotters' SVG backend into strings that the
//! report inlines. Never writes files.

pub mod funnel;
pub mod gap;

use plotters::style::RGBColor;
use serde::Serialize;

/// The Okabe-Ito colour-blind-safe palette.
pub mod palette {
    use plotters::style::RGBColor;
    pub const BLACK: RGBColor = RGBColor(0, 0, 0);
    pub const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
    pub const SKY_BLUE: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
    pub const BLUISH_GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
    pub const YELLOW: RGBColor = RGBColor(0xF0, 0xE4, 0x42);
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
        YELLOW,
    ];
}

/// Font family of chart text (laid out by the browser).
pub const FONT: &str = "sans-serif";

/// One drawn chart: an inline SVG with its text alternative.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// Stable id (used for anchors and the browser test).
    pub id: String,
    /// Title shown above the chart and in the SVG `<title>`.
    pub title: String,
    /// Text alternative in the SVG `<desc>`.
    pub description: String,
    /// The SVG markup.
    pub svg: String,
}

impl Chart {
    /// Wraps plotters' SVG output, adding role, `<title>` and `<desc>` for screen readers.
    pub fn new(id: &str, title: &str, description: &str, svg: String) -> Chart {
        let labelled = format!(
            " role=\"img\" aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
            escape(title),
            escape(description)
        );
        let svg = match svg
            .find("<svg")
            .and_then(|start| svg[start..].find('>').map(|end| start + end))
        {
            Some(end) => format!("{}{}{}", &svg[..end], labelled, &svg[end + 1..]),
            None => svg,
        };
        Chart {
            id: id.to_string(),
            title: title.to_string(),
            description: description.to_string(),
            svg,
        }
    }
}

/// Escapes text for SVG/HTML markup.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// A drawing failure as text (plotters' error types are generic).
pub fn draw_error(err: impl std::fmt::Display) -> crate::error::Error {
    crate::error::Error::compute("a chart", err)
}

/// Colour of series `index`.
pub fn series_colour(index: usize) -> RGBColor {
    palette::SERIES[index % palette::SERIES.len()]
}

/// A percentage for labels: one decimal place.
pub fn percent(value: f64) -> String {
    format!("{:.1}%", value * 100.0)
}

/// A URL- and id-safe slug of a label.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}
