//! The forest plot of one pooled figure (pooling.md): a row per
//! institution (its name and n; its estimate and 95% interval as a square
//! whose area is its weight, the weight in %), the random-effects estimate
//! as a diamond, the prediction interval as a line, and a line at 0.
//! Beyond `NAMED_ROWS` institutions the rows are drawn compactly
//! (docs/decisions.md, "Large consortia"): every interval as a thin
//! unlabelled line, sorted by estimate, with the estimates joined as a
//! curve; the text alternative counts them and points to
//! tables/contributions.csv.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, FONT, Plot, draw_error, palette};
use crate::error::Result;
use crate::pool::measure::{Measure, count_words, measure, outcome_words};
use crate::pool::{ContributionRecord, PooledRecord};

/// Up to this many institutions every row is drawn and named: 33 rows of
/// 26 px still fit an A4 page and a reader can follow a row's name to its
/// interval. Beyond it the institutions are drawn compactly.
pub const NAMED_ROWS: usize = 30;

const WIDTH: u32 = 760;
const LABEL_AREA: u32 = 250;
/// Right of the plot: each row's estimate, interval and weight in words.
const TEXT_AREA: i32 = 210;
const ROW: u32 = 26;
/// The compact plot's band of institutions, in rows of `ROW` pixels.
const BAND_ROWS: usize = 10;

type Root<'b> = DrawingArea<SVGBackend<'b>, Shift>;

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
/// saying whether its interval crosses 0 (or, beyond `NAMED_ROWS`, how many
/// do).
fn description(record: &PooledRecord, rows: &[ContributionRecord], m: &Measure) -> String {
    let mut text = format!(
        "Forest plot in {}. Pooled over {} institutions: {} (95% interval {}; it {}).",
        m.unit,
        count_words(record.k),
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
    if rows.len() > NAMED_ROWS {
        text.push_str(&spread_words(rows, m));
        return text;
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

/// How many institutions' intervals lie wholly below 0, cross it, and lie
/// wholly above it.
fn sides(rows: &[ContributionRecord]) -> (usize, usize, usize) {
    let below = rows.iter().filter(|r| r.ci_high < 0.0).count();
    let above = rows.iter().filter(|r| r.ci_low > 0.0).count();
    (below, rows.len() - below - above, above)
}

/// Many institutions in words: how many intervals cross 0, the spread of
/// the estimates, the largest weight, and where each one is.
fn spread_words(rows: &[ContributionRecord], m: &Measure) -> String {
    let (below, across, above) = sides(rows);
    let mut estimates: Vec<f64> = rows.iter().map(|r| r.estimate).collect();
    estimates.sort_by(f64::total_cmp);
    // The middle half: the estimates at the 25th and 75th percentiles.
    let at = |p: f64| estimates[((estimates.len() - 1) as f64 * p).round() as usize];
    let heaviest = rows.iter().max_by(|a, b| {
        a.weight
            .total_cmp(&b.weight)
            .then(b.institution.cmp(&a.institution))
    });
    let mut text = format!(
        " The {} institutions are drawn without names, sorted by estimate: {} of their intervals cross 0, {} lie \
         wholly below 0 and {} wholly above. Their estimates run from {} to {} (the middle half from {} to {}).",
        count_words(rows.len()),
        count_words(across),
        count_words(below),
        count_words(above),
        m.signed(at(0.0)),
        m.signed(at(1.0)),
        m.signed(at(0.25)),
        m.signed(at(0.75)),
    );
    if let Some(heaviest) = heaviest {
        text.push_str(&format!(
            " The largest weight is {:.1}% ({}).",
            heaviest.weight, heaviest.institution
        ));
    }
    text.push_str(" Each institution's estimate, interval and weight are in tables/contributions.csv.");
    text
}

/// Draws `record`'s forest plot; `rows` are its institutions'.
pub fn draw_forest(id: &str, record: &PooledRecord, rows: &[ContributionRecord]) -> Result<Chart> {
    let m = measure(&record.measure);
    let title = forest_title(record);
    let description = description(record, rows, &m);
    let compact = rows.len() > NAMED_ROWS;
    // Rows top to bottom: the institutions (or their band), a gap, the
    // pooled diamond and the prediction interval.
    let institution_rows = if compact { BAND_ROWS } else { rows.len() };
    let total = (institution_rows + 3) as f64;
    let extent = extent(record, rows, &m);
    let height = 90 + ROW * (institution_rows as u32 + 3);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_error)?;
        let mut chart = ChartBuilder::on(&root)
            .margin_right(TEXT_AREA as u32)
            .margin_top(30)
            .x_label_area_size(40)
            .y_label_area_size(LABEL_AREA)
            .build_cartesian_2d(-extent..extent, 0f64..total)
            .map_err(draw_error)?;
        frame(&mut chart, extent, &m)?;
        let header = chart.backend_coord(&(extent, total + 0.6));
        if compact {
            right_text(&root, header, "Estimate (95% CI)", None, true)?;
            draw_band(&root, &chart, rows, total, extent)?;
            // Over the band, which would hide it.
            zero_line(&mut chart, total)?;
        } else {
            zero_line(&mut chart, total)?;
            right_text(&root, header, "Estimate (95% CI)", Some("Weight"), true)?;
            for (i, row) in rows.iter().enumerate() {
                draw_named_row(&root, &chart, row, total - i as f64 - 0.5, extent, &m)?;
            }
        }
        draw_pooled(&root, &chart, record, extent, &m)?;
        let (zx, zy) = chart.backend_coord(&(0.0, total));
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

/// The x axis's half-width in the measure's unit: every interval drawn,
/// at least 5 points or 0.25, with a margin.
fn extent(record: &PooledRecord, rows: &[ContributionRecord], m: &Measure) -> f64 {
    rows.iter()
        .flat_map(|r| [r.ci_low, r.ci_high])
        .chain([record.ci_low, record.ci_high])
        .chain(record.pi_low)
        .chain(record.pi_high)
        .map(|v| (v * m.scale).abs())
        .fold(if m.scale > 1.0 { 5.0 } else { 0.25 }, f64::max)
        * 1.1
}

/// The axis and its grid.
fn frame(chart: &mut Plot<'_, '_>, extent: f64, m: &Measure) -> Result<()> {
    let decimals = if extent < 2.0 { 1 } else { 0 };
    super::draw_mesh(
        chart,
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
    )
}

/// The line at 0, the height of the plot.
fn zero_line(chart: &mut Plot<'_, '_>, total: f64) -> Result<()> {
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![(0.0, 0.0), (0.0, total)],
            palette::GREY.stroke_width(2),
        )))
        .map_err(draw_error)?;
    Ok(())
}

/// Text right of the plot at pixel row `py`: `text` from the plot's edge
/// `px`, and `weight` right-aligned at the chart's edge.
fn right_text(
    root: &Root<'_>,
    (px, py): (i32, i32),
    text: &str,
    weight: Option<&str>,
    bold: bool,
) -> Result<()> {
    let font = if bold {
        (FONT, 13).into_font().style(FontStyle::Bold)
    } else {
        (FONT, 13).into_font()
    };
    root.draw(&Text::new(
        text.to_string(),
        (px + 10, py),
        font.clone()
            .color(&palette::BLACK)
            .pos(Pos::new(HPos::Left, VPos::Center)),
    ))
    .map_err(draw_error)?;
    match weight {
        Some(weight) => root
            .draw(&Text::new(
                weight.to_string(),
                (WIDTH as i32 - 8, py),
                font.color(&palette::BLACK)
                    .pos(Pos::new(HPos::Right, VPos::Center)),
            ))
            .map_err(draw_error),
        None => Ok(()),
    }
}

/// One named institution at height `y`: its interval, a square whose area
/// follows its weight, its name and n, and its figures in words.
fn draw_named_row(
    root: &Root<'_>,
    chart: &Plot<'_, '_>,
    row: &ContributionRecord,
    y: f64,
    extent: f64,
    m: &Measure,
) -> Result<()> {
    let scaled = |v: f64| v * m.scale;
    root.draw(&PathElement::new(
        vec![
            chart.backend_coord(&(scaled(row.ci_low), y)),
            chart.backend_coord(&(scaled(row.ci_high), y)),
        ],
        palette::BLACK.stroke_width(1),
    ))
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
    super::row_label(root, chart.backend_coord(&(-extent, y)), label)?;
    right_text(
        root,
        chart.backend_coord(&(extent, y)),
        &format!(
            "{} ({})",
            m.signed(row.estimate),
            m.interval(row.ci_low, row.ci_high)
        ),
        Some(&format!("{:.1}%", row.weight)),
        false,
    )
}

/// Many institutions in a band of `BAND_ROWS` rows at the top: sorted by
/// estimate, each interval a thin grey line (those that fall on one pixel
/// row and overlap drawn as one line, which looks the same), the estimates
/// joined by a blue curve; beside it, how many intervals cross 0.
fn draw_band(
    root: &Root<'_>,
    chart: &Plot<'_, '_>,
    rows: &[ContributionRecord],
    total: f64,
    extent: f64,
) -> Result<()> {
    let scale = measure(&rows[0].measure).scale;
    let mut sorted: Vec<&ContributionRecord> = rows.iter().collect();
    sorted.sort_by(|a, b| {
        a.estimate
            .total_cmp(&b.estimate)
            .then(a.institution.cmp(&b.institution))
    });
    let step = BAND_ROWS as f64 / sorted.len() as f64;
    let pixel = |value: f64, j: usize| chart.backend_coord(&(value * scale, total - (j as f64 + 0.5) * step));
    let mut curve: Vec<(i32, i32)> = Vec::with_capacity(sorted.len());
    let mut pixel_row: Vec<(i32, i32)> = Vec::new();
    let mut at_y = None;
    for (j, row) in sorted.iter().enumerate() {
        let (low, y) = pixel(row.ci_low, j);
        let (high, _) = pixel(row.ci_high, j);
        if at_y != Some(y) {
            draw_merged(root, &mut pixel_row, at_y)?;
            at_y = Some(y);
        }
        pixel_row.push((low, high));
        let point = (pixel(row.estimate, j).0, y);
        if curve.last() != Some(&point) {
            curve.push(point);
        }
    }
    draw_merged(root, &mut pixel_row, at_y)?;
    root.draw(&PathElement::new(curve, palette::BLUE.stroke_width(2)))
        .map_err(draw_error)?;
    let middle = total - BAND_ROWS as f64 / 2.0;
    let (lx, ly) = chart.backend_coord(&(-extent, middle));
    super::row_label(
        root,
        (lx, ly - 9),
        format!("{} institutions,", count_words(rows.len())),
    )?;
    super::row_label(root, (lx, ly + 9), "sorted by estimate".to_string())?;
    let (below, across, above) = sides(rows);
    let (rx, ry) = chart.backend_coord(&(extent, middle));
    right_text(
        root,
        (rx, ry - 9),
        &format!("{} intervals cross 0", count_words(across)),
        None,
        false,
    )?;
    right_text(
        root,
        (rx, ry + 9),
        &format!("{} below 0, {} above", count_words(below), count_words(above)),
        None,
        false,
    )
}

/// The intervals of one pixel row `y`, overlapping ones merged, drawn as
/// thin lines; `segments` is emptied.
fn draw_merged(root: &Root<'_>, segments: &mut Vec<(i32, i32)>, y: Option<i32>) -> Result<()> {
    let Some(y) = y else {
        return Ok(());
    };
    segments.sort_unstable();
    let mut merged: Vec<(i32, i32)> = Vec::new();
    for &(low, high) in segments.iter() {
        match merged.last_mut() {
            Some(last) if low <= last.1 => last.1 = last.1.max(high),
            _ => merged.push((low, high)),
        }
    }
    segments.clear();
    for (low, high) in merged {
        root.draw(&PathElement::new(
            vec![(low, y), (high, y)],
            palette::GREY.stroke_width(1),
        ))
        .map_err(draw_error)?;
    }
    Ok(())
}

/// The pooled diamond (its width the HKSJ interval) and the prediction
/// interval as a line, each with its label and figures.
fn draw_pooled(
    root: &Root<'_>,
    chart: &Plot<'_, '_>,
    record: &PooledRecord,
    extent: f64,
    m: &Measure,
) -> Result<()> {
    let scaled = |v: f64| v * m.scale;
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
        root,
        chart.backend_coord(&(-extent, y)),
        format!("Pooled, {} institutions", count_words(record.k)),
    )?;
    right_text(
        root,
        chart.backend_coord(&(extent, y)),
        &format!(
            "{} ({})",
            m.signed(record.estimate),
            m.interval(record.ci_low, record.ci_high)
        ),
        None,
        true,
    )?;
    if let (Some(low), Some(high)) = (record.pi_low, record.pi_high) {
        let y = 0.5;
        root.draw(&PathElement::new(
            vec![
                chart.backend_coord(&(scaled(low), y)),
                chart.backend_coord(&(scaled(high), y)),
            ],
            palette::VERMILLION.stroke_width(3),
        ))
        .map_err(draw_error)?;
        super::row_label(
            root,
            chart.backend_coord(&(-extent, y)),
            "Prediction interval".to_string(),
        )?;
        right_text(
            root,
            chart.backend_coord(&(extent, y)),
            &format!("({})", m.interval(low, high)),
            None,
            false,
        )?;
    }
    Ok(())
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

/// Every pooled figure's forest plot, in pool.html's order (drawn on
/// every core).
pub fn pool_charts(pooled: &crate::pool::Pooled) -> Result<Vec<Chart>> {
    use rayon::prelude::*;
    crate::pool::measure::page_order(pooled)
        .into_par_iter()
        .enumerate()
        .map(|(i, record)| draw_forest(&format!("forest-{}", i + 1), record, pooled.rows(record)))
        .collect()
}
