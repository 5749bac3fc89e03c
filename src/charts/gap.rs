//! The gap to the cohort average at one funnel stage: each group's rate minus
//! the All-eligible rate, in percentage points, with its 95% interval, against
//! a line at the average; significant gaps (adjusted p < 0.05) marked.

use super::dots::{DotLayout, DotRow, Marker, draw_dots};
use super::{Chart, palette, percent};
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

/// The chart's finding in words: the group furthest below the average
/// (a published gap), or that none is below it.
pub fn gap_finding(points: &[GapPoint]) -> String {
    let lowest = points
        .iter()
        .filter_map(|p| Some((p.gap?, p)))
        .min_by(|a, b| a.0.total_cmp(&b.0));
    let published = points.iter().filter(|p| p.gap.is_some()).count();
    // A withheld gap could be further below: say among which groups.
    let among = if published < points.len() {
        format!(" among the {published} with published gaps")
    } else {
        String::new()
    };
    match lowest {
        Some((gap, p)) if gap < 0.0 => format!(
            "{} is furthest below the cohort average{among} ({gap:+.1} points{})",
            p.group,
            if p.significant { ", significant" } else { "" }
        ),
        Some(_) if published < points.len() => {
            "no group with a published gap is below the cohort average".to_string()
        }
        Some(_) => "no group is below the cohort average".to_string(),
        None => "every gap is withheld".to_string(),
    }
}

/// Draws the gap chart for `stage`.
pub fn draw_gap(id: &str, stage: Stage, average: Option<f64>, points: &[GapPoint]) -> Result<Chart> {
    let title = format!("Gap to the cohort average: {}", stage.label().to_lowercase());
    draw_gap_titled(id, &title, stage, average, points)
}

/// Draws a gap chart under `title` (a breakdown other than the target groups').
pub fn draw_gap_titled(
    id: &str,
    title: &str,
    stage: Stage,
    average: Option<f64>,
    points: &[GapPoint],
) -> Result<Chart> {
    let mut finding = gap_finding(points);
    if let Some(first) = finding.get(..1) {
        finding = first.to_uppercase() + &finding[1..];
    }
    let description = format!(
        "{finding}. Dots show each group's {} rate minus the cohort average ({}) in percentage points, with 95% intervals; {}.",
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
    let rows: Vec<DotRow> = points
        .iter()
        .map(|p| DotRow {
            label: match p.gap {
                Some(_) if p.significant => format!("{} *", p.group),
                _ => p.group.clone(),
            },
            value: p.gap,
            low: p.low,
            high: p.high,
            marker: if p.significant {
                Marker::Filled(palette::VERMILLION)
            } else {
                Marker::Ring(palette::BLUE)
            },
        })
        .collect();
    let layout = DotLayout {
        width: 720,
        label_area: 250,
        margin_top: 28,
        base_height: 90,
        min_extent: 5.0,
        axis: "Gap to the cohort average (percentage points)",
        reference: format!("Cohort average {}", average.map_or("..".to_string(), percent)),
    };
    draw_dots(id, title, &description, &rows, &layout)
}
