//! The uptake funnel of one group: horizontal bars of each stage's rate.

use plotters::style::RGBColor;

use super::bars::{Bar, BarStyle, draw_bars};
use super::{Chart, percent};
use crate::error::Result;
use crate::metrics::model::UptakeRecord;

/// The group's stages in order with their published rates (pure).
pub fn funnel_bars(records: &[UptakeRecord], group: &str) -> Vec<Bar> {
    records
        .iter()
        .filter(|r| r.group == group)
        .map(|r| Bar {
            label: r.stage.label().to_string(),
            value: r.rate.map(|v| v * 100.0),
        })
        .collect()
}

/// Draws the funnel of `group` as an SVG chart.
pub fn draw_funnel(id: &str, group: &str, bars: &[Bar], colour: RGBColor) -> Result<Chart> {
    let title = format!("Uptake funnel: {group}");
    // The finding: how far through the funnel the group gets.
    let shown: Vec<&Bar> = bars.iter().filter(|b| b.value.is_some()).skip(1).collect();
    let finding = match (shown.first(), shown.last()) {
        (Some(first), Some(last)) if shown.len() > 1 => format!(
            "{} of eligible students in {group} reached \"{}\" and {} \"{}\". ",
            percent(first.value.unwrap_or(0.0) / 100.0),
            first.label.to_lowercase(),
            percent(last.value.unwrap_or(0.0) / 100.0),
            last.label.to_lowercase()
        ),
        _ => String::new(),
    };
    let description = format!(
        "{finding}Horizontal bars of the share of eligible students in {group} reaching each stage: {}.",
        bars.iter()
            .map(|b| format!(
                "{} {}",
                b.label,
                b.value.map_or("withheld".to_string(), |v| percent(v / 100.0))
            ))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let style = BarStyle {
        width: 470,
        label_area: 170,
        max: Some(100.0),
        axis: "% of eligible students",
        colour,
        format: &|v| format!("{v:.1}%"),
    };
    draw_bars(id, &title, &description, bars, &style)
}
