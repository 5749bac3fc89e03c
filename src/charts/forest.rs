//! The forest plot of one pooled figure (pooling.md): a row per
//! institution (its name and n; its estimate and 95% interval as a square
//! whose area is its weight, the weight in %), the random-effects estimate
//! as a diamond, the prediction interval as a line, and a line at 0.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, FONT, draw_error, palette};
use crate::error::Result;
use crate::pool::measure::{Measure, measure, outcome_words};
use crate::pool::{ContributionRecord, PooledRecord};

const WIDTH: u32 = 760;
const LABEL_AREA: u32 = 250;
/// Right of the plot: each row's estimate, interval and weight in words.
const TEXT_AREA: i32 = 210;
const ROW: u32 = 26;

/// The figure's title: its outcome and group.
pub fn forest_title(record: &PooledRecord) -> String {
    let outcome = outcome_words(&record.measure, &record.outcome);
    match record.measure.as_str() {
        "uptake_gap" => format!("{outcome}: {} against other eligible students", record.group),
        _ => format!("{outcome}: {}", record.group),
    }
}

/// Whether an interval crosses 0, in words.
fn crossing(low: f64, high: f64) -> &'static str {
    if low > 0.0 || high < 0.0 {
        "does not cross 0"
    } else {
        "crosses 0"
    }
}

/// The text alternative: the pooled estimate, then every institution, each
/// saying whether its interval crosses 0.
fn description(record: &PooledRecord, rows: &[ContributionRecord], m: &Measure) -> String {
    let mut text = format!(
        "Forest plot in {}. Pooled over {} institutions: {} (95% interval {}; it {}).",
        m.unit,
        record.k,
        m.signed(record.estimate),
        m.interval(record.ci_low, record.ci_high),
        crossing(record.ci_low, record.ci_high)
    );
    if let (Some(low), Some(high)) = (record.pi_low, record.pi_high) {
        text.push_str(&format!(
            " A new institution's figure would be expected between {} (prediction interval; it {}).",
            m.interval(low, high),
            crossing(low, high)
        ));
    }
    for row in rows {
        text.push_str(&format!(
            " {}{}: {} ({}; it {}), weight {:.1}%.",
            row.institution,
            row.n.as_ref().map(|n| format!(", n {n}")).unwrap_or_default(),
            m.signed(row.estimate),
            m.interval(row.ci_low, row.ci_high),
            crossing(row.ci_low, row.ci_high),
            row.weight
        ));
    }
    text
}

/// Draws `record`'s forest plot.
pub fn draw_forest(id: &str, record: &PooledRecord, rows_of: &[ContributionRecord]) -> Result<Chart> {
    let m = measure(&record.measure);
    let title = forest_title(record);
    let description = description(record, rows_of, &m);
    let k = rows_of.len();
    // Rows top to bottom: the institutions, a gap, the pooled diamond and
    // the prediction interval.
    let rows = (k + 3) as f64;
    let scaled = |v: f64| v * m.scale;
    let extent = rows_of
        .iter()
        .flat_map(|r| [r.ci_low, r.ci_high])
        .chain([record.ci_low, record.ci_high])
        .chain(record.pi_low)
        .chain(record.pi_high)
        .map(|v| scaled(v).abs())
        .fold(if m.scale > 1.0 { 5.0 } else { 0.25 }, f64::max)
        * 1.1;
    let height = 90 + ROW * (k as u32 + 3);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_error)?;
        let mut chart = ChartBuilder::on(&root)
            .margin_right(TEXT_AREA as u32)
            .margin_top(30)
            .x_label_area_size(40)
            .y_label_area_size(LABEL_AREA)
            .build_cartesian_2d(-extent..extent, 0f64..rows)
            .map_err(draw_error)?;
        let decimals = if extent < 2.0 { 1 } else { 0 };
        super::draw_mesh(
            &mut chart,
            Some(super::Ticks {
                count: 7,
                desc: m.unit,
                format: &|v| {
                    if v.abs() < 1e-9 {
                        "0".to_string()
                    } else {
                        format!("{v:+.decimals$}")
                    }
                },
            }),
            None,
        )?;
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(0.0, 0.0), (0.0, rows)],
                palette::GREY.stroke_width(2),
            )))
            .map_err(draw_error)?;
        // Right of the plot: the estimate and interval from its edge, the
        // weight right-aligned at the chart's edge.
        let right = |root: &DrawingArea<SVGBackend, _>, (px, py): (i32, i32), text: String, bold: bool| {
            let font = if bold {
                (FONT, 13).into_font().style(FontStyle::Bold)
            } else {
                (FONT, 13).into_font()
            };
            let (text, weight) = match text.split_once('\t') {
                Some((text, weight)) => (text.to_string(), Some(weight.to_string())),
                None => (text, None),
            };
            root.draw(&Text::new(
                text,
                (px + 10, py),
                font.clone()
                    .color(&palette::BLACK)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(draw_error)?;
            match weight {
                Some(weight) => root
                    .draw(&Text::new(
                        weight,
                        (WIDTH as i32 - 8, py),
                        font.color(&palette::BLACK)
                            .pos(Pos::new(HPos::Right, VPos::Center)),
                    ))
                    .map_err(draw_error),
                None => Ok(()),
            }
        };
        right(
            &root,
            chart.backend_coord(&(extent, rows + 0.6)),
            "Estimate (95% CI)\tWeight".to_string(),
            true,
        )?;
        for (i, row) in rows_of.iter().enumerate() {
            let y = rows - i as f64 - 0.5;
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(scaled(row.ci_low), y), (scaled(row.ci_high), y)],
                    palette::BLACK.stroke_width(1),
                )))
                .map_err(draw_error)?;
            // The square's area follows the weight (3 to 9 pixels half-side).
            let half = (3.0 + 6.0 * (row.weight / 100.0).sqrt()).round() as i32;
            let (cx, cy) = chart.backend_coord(&(scaled(row.estimate), y));
            root.draw(&Rectangle::new(
                [(cx - half, cy - half), (cx + half, cy + half)],
                palette::BLUE.filled(),
            ))
            .map_err(draw_error)?;
            let name = shorten(&row.institution, 26);
            let label = match &row.n {
                Some(n) => format!("{name} (n {n})"),
                None => name,
            };
            super::row_label(&root, chart.backend_coord(&(-extent, y)), label)?;
            right(
                &root,
                chart.backend_coord(&(extent, y)),
                format!(
                    "{} ({})\t{:.1}%",
                    m.signed(row.estimate),
                    m.interval(row.ci_low, row.ci_high),
                    row.weight
                ),
                false,
            )?;
        }
        // The pooled diamond: its width is the HKSJ interval.
        let y = 1.5;
        let (lx, cy) = chart.backend_coord(&(scaled(record.ci_low), y));
        let (ex, _) = chart.backend_coord(&(scaled(record.estimate), y));
        let (hx, _) = chart.backend_coord(&(scaled(record.ci_high), y));
        root.draw(&Polygon::new(
            vec![(lx, cy), (ex, cy - 8), (hx, cy), (ex, cy + 8)],
            palette::VERMILLION.filled(),
        ))
        .map_err(draw_error)?;
        super::row_label(
            &root,
            chart.backend_coord(&(-extent, y)),
            format!("Pooled, {} institutions", record.k),
        )?;
        right(
            &root,
            chart.backend_coord(&(extent, y)),
            format!(
                "{} ({})",
                m.signed(record.estimate),
                m.interval(record.ci_low, record.ci_high)
            ),
            true,
        )?;
        if let (Some(low), Some(high)) = (record.pi_low, record.pi_high) {
            let y = 0.5;
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(scaled(low), y), (scaled(high), y)],
                    palette::VERMILLION.stroke_width(3),
                )))
                .map_err(draw_error)?;
            super::row_label(
                &root,
                chart.backend_coord(&(-extent, y)),
                "Prediction interval".to_string(),
            )?;
            right(
                &root,
                chart.backend_coord(&(extent, y)),
                format!("({})", m.interval(low, high)),
                false,
            )?;
        }
        let (zx, zy) = chart.backend_coord(&(0.0, rows));
        root.draw(&Text::new(
            "No difference",
            (zx, zy - 6),
            (FONT, 13)
                .into_font()
                .color(&palette::GREY)
                .pos(Pos::new(HPos::Center, VPos::Bottom)),
        ))
        .map_err(draw_error)?;
        root.present().map_err(draw_error)?;
    }
    Ok(Chart::new(id, &title, &description, svg))
}

/// `text` cut to `chars` characters with an ellipsis (the full name is in
/// the text alternative and the tables).
fn shorten(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_string()
    } else {
        let cut: String = text.chars().take(chars - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Every pooled figure's forest plot, in pool.html's order.
pub fn pool_charts(pooled: &crate::pool::Pooled) -> Result<Vec<Chart>> {
    crate::pool::measure::page_order(pooled)
        .into_iter()
        .enumerate()
        .map(|(i, record)| draw_forest(&format!("forest-{}", i + 1), record, pooled.rows(record)))
        .collect()
}
