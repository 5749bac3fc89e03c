//! The matched comparison's charts (comparison.md): the love plot (|SMD|
//! of every covariate level before and after matching, against the
//! threshold) and the effect per group (ATT with its 95% interval against
//! 0, Type 3 dots filled, Type 2 hollow).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::dots::{DotLayout, DotRow, Marker, draw_dots};
use super::{Chart, FONT, draw_error, palette};
use crate::error::Result;
use crate::metrics::comparison::level_label;
use crate::metrics::model::{BalanceRecord, ComparisonRecord, OUTCOME};

/// One covariate level's |SMD| before and after matching (None: withheld or not computable).
#[derive(Debug, Clone, PartialEq)]
pub struct LovePoint {
    pub label: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
}

/// The love plot's rows of `group`, in balance-table order (pure).
pub fn love_points(balance: &[BalanceRecord], group: &str) -> Vec<LovePoint> {
    balance
        .iter()
        .filter(|b| b.group == group)
        .map(|b| LovePoint {
            label: level_label(&b.covariate, &b.written),
            before: b.smd_before.map(f64::abs),
            after: b.smd_after.map(f64::abs),
        })
        .collect()
}

const WIDTH: u32 = 760;
const LABEL_AREA: u32 = 280;

/// Draws the love plot of `group`.
pub fn draw_love(id: &str, group: &str, points: &[LovePoint], threshold: f64) -> Result<Chart> {
    let beyond = points
        .iter()
        .filter(|p| p.after.is_some_and(|v| v > threshold))
        .count();
    let withheld = points.iter().filter(|p| p.after.is_none()).count();
    let mut title = if beyond == 0 {
        format!("After matching, every covariate level shown is within the {threshold} line")
    } else {
        format!("After matching, {beyond} covariate level(s) stay beyond the {threshold} line")
    };
    if withheld > 0 {
        title.push_str(&format!(" ({withheld} withheld)"));
    }
    title.push_str(&format!(": {group}"));
    let fmt = |v: Option<f64>| v.map_or("withheld".to_string(), |v| format!("{v:.3}"));
    let description = format!(
        "{title}. Dot plot of the absolute standardised mean difference between participants and non-participants \
         for each covariate level, before matching (hollow circle) and after (filled circle), with a line at \
         {threshold}: {}.",
        points
            .iter()
            .map(|p| format!("{} before {}, after {}", p.label, fmt(p.before), fmt(p.after)))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let extent = points
        .iter()
        .flat_map(|p| [p.before, p.after])
        .flatten()
        .fold(threshold * 2.0, f64::max)
        * 1.1;
    let rows = points.len().max(1) as f64;
    let row = 24;
    let height = 100 + row * points.len().max(1) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_error)?;
        draw_key(&root)?;
        let mut chart = ChartBuilder::on(&root)
            .margin_right(24)
            .margin_top(40)
            .x_label_area_size(40)
            .y_label_area_size(LABEL_AREA)
            .build_cartesian_2d(0f64..extent, 0f64..rows)
            .map_err(draw_error)?;
        super::draw_mesh(
            &mut chart,
            Some(super::Ticks {
                count: 6,
                desc: "|Standardised mean difference|",
                format: &|v| format!("{v:.2}"),
            }),
            None,
        )?;
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(threshold, 0.0), (threshold, rows)],
                palette::VERMILLION.stroke_width(2),
            )))
            .map_err(draw_error)?;
        for (i, point) in points.iter().enumerate() {
            let y = rows - i as f64 - 0.5;
            if let (Some(b), Some(a)) = (point.before, point.after) {
                chart
                    .draw_series(std::iter::once(PathElement::new(
                        vec![(b, y), (a, y)],
                        palette::GREY.stroke_width(1),
                    )))
                    .map_err(draw_error)?;
            }
            if let Some(b) = point.before {
                chart
                    .draw_series(std::iter::once(Circle::new(
                        (b, y),
                        5,
                        palette::GREY.stroke_width(2),
                    )))
                    .map_err(draw_error)?;
            }
            if let Some(a) = point.after {
                chart
                    .draw_series(std::iter::once(Circle::new((a, y), 5, palette::BLUE.filled())))
                    .map_err(draw_error)?;
            }
            let at = chart.backend_coord(&(0.0, y));
            let label = match (point.before, point.after) {
                (None, None) => format!("{} (withheld)", point.label),
                (Some(_), None) => format!("{} (after: withheld)", point.label),
                _ => point.label.clone(),
            };
            super::row_label(&root, at, label)?;
        }
        root.present().map_err(draw_error)?;
    }
    Ok(Chart::new(id, &title, &description, svg))
}

/// The love plot's key: hollow = before, filled = after, the line = threshold.
fn draw_key<DB: DrawingBackend>(root: &DrawingArea<DB, plotters::coord::Shift>) -> Result<()> {
    let y = 16;
    let text = |label: &str, x: i32| {
        Text::new(
            label.to_string(),
            (x, y),
            (FONT, 14)
                .into_font()
                .color(&palette::BLACK)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        )
    };
    let x = LABEL_AREA as i32;
    root.draw(&Circle::new((x, y), 5, palette::GREY.stroke_width(2)))
        .map_err(draw_error)?;
    root.draw(&text("Before matching", x + 10)).map_err(draw_error)?;
    root.draw(&Circle::new((x + 150, y), 5, palette::BLUE.filled()))
        .map_err(draw_error)?;
    root.draw(&text("After matching", x + 160)).map_err(draw_error)?;
    root.draw(&PathElement::new(
        vec![(x + 290, y - 7), (x + 290, y + 7)],
        palette::VERMILLION.stroke_width(2),
    ))
    .map_err(draw_error)?;
    root.draw(&text("Threshold", x + 298)).map_err(draw_error)
}

/// One group's effect in percentage points (None: withheld or not computable).
#[derive(Debug, Clone, PartialEq)]
pub struct EffectPoint {
    pub group: String,
    pub att: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// "Type 3" or "Type 2".
    pub evidence: &'static str,
}

/// Each group's effect on `outcome`, in percentage points (pure).
pub fn effect_points(records: &[ComparisonRecord], outcome: &str) -> Vec<EffectPoint> {
    let points = |v: Option<f64>| v.map(|v| v * 100.0);
    records
        .iter()
        .filter(|r| r.outcome == outcome && r.role == OUTCOME)
        .map(|r| EffectPoint {
            group: r.group.clone(),
            att: points(r.att),
            low: points(r.ci_low),
            high: points(r.ci_high),
            evidence: r.evidence_type.unwrap_or("Type 2"),
        })
        .collect()
}

/// An outcome as the report's sentences name it: the canonical flags in
/// words, an `extra_outcomes` label as it is.
pub fn outcome_phrase(outcome: &str) -> String {
    match outcome {
        "placement_applied" => "applying for a placement".to_string(),
        "placement_secured" => "securing a placement".to_string(),
        other => other.to_string(),
    }
}

/// Draws the effect of the programme on one outcome, by group.
pub fn draw_effects(id: &str, outcome: &str, points: &[EffectPoint]) -> Result<Chart> {
    let title = format!(
        "Effect on {}: participants against matched non-participants",
        outcome_phrase(outcome)
    );
    let finding = points
        .first()
        .map_or(String::new(), |p| match (p.att, p.low, p.high) {
            (Some(a), Some(l), Some(h)) if l > 0.0 || h < 0.0 => format!(
                "{}: an effect of {a:+.1} percentage points ({}). ",
                p.group, p.evidence
            ),
            (Some(_), Some(_), Some(_)) => format!(
                "{}: no clear effect (the interval includes none; {}). ",
                p.group, p.evidence
            ),
            _ => String::new(),
        });
    let description = format!(
        "{finding}Dots show the average effect on participants (ATT) in percentage points with 95% intervals, against a \
         line at no effect; filled dots are Type 3 evidence (matched groups balanced), hollow dots Type 2: {}.",
        points
            .iter()
            .map(|p| match (p.att, p.low, p.high) {
                (Some(a), Some(l), Some(h)) =>
                    format!("{} {a:+.1} ({l:+.1} to {h:+.1}), {}", p.group, p.evidence),
                (Some(a), _, _) => format!("{} {a:+.1}, {}", p.group, p.evidence),
                _ => format!("{} withheld, {}", p.group, p.evidence),
            })
            .collect::<Vec<_>>()
            .join("; ")
    );
    let rows: Vec<DotRow> = points
        .iter()
        .map(|p| DotRow {
            label: format!("{} ({})", p.group, p.evidence),
            value: p.att,
            low: p.low,
            high: p.high,
            marker: if p.evidence == "Type 3" {
                Marker::Filled(palette::BLUE)
            } else {
                Marker::Ring(palette::BLUE)
            },
        })
        .collect();
    let layout = DotLayout {
        width: WIDTH,
        label_area: LABEL_AREA,
        margin_top: 36,
        base_height: 110,
        min_extent: 10.0,
        axis: "Effect on participants (percentage points)",
        reference: "No effect".to_string(),
    };
    draw_dots(id, &title, &description, &rows, &layout)
}

/// Section 7a: the love plot, the effect per outcome and the dose chart.
pub(super) fn comparison_charts(
    config: &crate::config::Config,
    published: &crate::disclosure::Published,
    charts: &mut super::ReportCharts,
) -> crate::error::Result<()> {
    use crate::metrics::groups::ALL_ELIGIBLE;
    let Some(spec) = &config.comparison else {
        return Ok(());
    };
    if published.comparison.is_empty() {
        return Ok(());
    }
    let points = love_points(&published.balance, ALL_ELIGIBLE);
    charts.love = Some(draw_love("love-plot", ALL_ELIGIBLE, &points, spec.smd_threshold)?);
    // Outcomes only: a negative control is not an effect of the programme
    // (its verdict and table row say what it shows).
    let mut outcomes: Vec<&str> = Vec::new();
    for r in published
        .comparison
        .iter()
        .filter(|r| r.role == crate::metrics::model::OUTCOME)
    {
        if !outcomes.contains(&r.outcome.as_str()) {
            outcomes.push(&r.outcome);
        }
    }
    for outcome in &outcomes {
        let points = effect_points(&published.comparison, outcome);
        charts.effects.push(draw_effects(
            &format!("effect-{}", super::slug(outcome)),
            outcome,
            &points,
        )?);
    }
    let dose: Vec<&crate::metrics::model::DoseRecord> = published
        .dose
        .iter()
        .filter(|r| r.group == ALL_ELIGIBLE)
        .collect();
    if !dose.is_empty() {
        let bands: Vec<String> = crate::metrics::comparison::DOSE_BANDS
            .iter()
            .map(|(band, _, _)| format!("{band} meetings"))
            .collect();
        let pct = |v: Option<f64>| v.map(|v| v * 100.0);
        let series: Vec<super::surveys::Series> = outcomes
            .iter()
            .enumerate()
            .map(|(i, outcome)| super::surveys::Series {
                name: {
                    let phrase = outcome_phrase(outcome);
                    let mut chars = phrase.chars();
                    chars
                        .next()
                        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
                        .unwrap_or_default()
                },
                colour: super::series_colour(i),
                values: crate::metrics::comparison::DOSE_BANDS
                    .iter()
                    .map(|(band, _, _)| {
                        let r = dose.iter().find(|r| r.outcome == *outcome && r.band == *band)?;
                        Some((pct(r.rate)?, pct(r.ci_low), pct(r.ci_high)))
                    })
                    .collect(),
            })
            .collect();
        charts.dose = Some(super::surveys::draw_grouped(
            "dose",
            "Outcomes of participants by number of mentoring meetings (association only)",
            "% of participants",
            &bands,
            &series,
        )?);
    }
    Ok(())
}
