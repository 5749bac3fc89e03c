//! Survey charts: pre/post means per group (dumbbells), Likert answers per
//! item as diverging stacked bars, and grouped bars with 95% intervals for
//! placement intent and outcomes.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, FONT, draw_error, palette};
use crate::error::Result;
use crate::metrics::model::{ItemRecord, ItemText, PairedRecord};

/// One group's pre and post means (published; None when withheld).
#[derive(Debug, Clone, PartialEq)]
pub struct Dumbbell {
    pub group: String,
    pub pre: Option<f64>,
    pub post: Option<f64>,
    pub label: String,
}

/// The dumbbells of one scale (pure).
pub fn dumbbells(records: &[PairedRecord], scale: &str) -> Vec<Dumbbell> {
    records
        .iter()
        .filter(|r| r.scale == scale)
        .map(|r| Dumbbell {
            group: r.group.clone(),
            pre: r.mean_pre,
            post: r.mean_post,
            label: match (r.mean_diff, r.ci_low, r.ci_high) {
                (Some(d), Some(l), Some(h)) => format!(
                    "{d:+.2} [{l:+.2}, {h:+.2}]{}",
                    if r.too_few { " (too few to interpret)" } else { "" }
                ),
                (Some(d), _, _) => format!("{d:+.2}"),
                _ => "withheld".to_string(),
            },
        })
        .collect()
}

fn text_style(size: u32, colour: RGBColor, h: HPos) -> TextStyle<'static> {
    (FONT, size)
        .into_font()
        .color(&colour)
        .pos(Pos::new(h, VPos::Center))
}

/// Pre and post means per group joined by a line, on the scale's range.
pub fn draw_dumbbell(id: &str, scale: &str, range: (f64, f64), rows: &[Dumbbell]) -> Result<Chart> {
    let title = format!("{scale}: mean score before and after, by group");
    // The finding: the first group's (All eligible's) change.
    let finding = rows
        .first()
        .map_or(String::new(), |r| format!("{}: {}. ", r.group, r.label));
    let description = format!(
        "{finding}For each group, the mean {scale} score of students who answered both surveys, before (hollow) and after (filled), with the change and its 95% interval: {}.",
        rows.iter()
            .map(|r| format!("{} {}", r.group, r.label))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let n = rows.len().max(1) as f64;
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (900, 90 + 40 * rows.len().max(1) as u32)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_error)?;
        root.draw(&Circle::new((30, 14), 6, palette::BLUE.stroke_width(2)))
            .map_err(draw_error)?;
        root.draw(&Text::new(
            "Before",
            (42, 14),
            text_style(14, palette::BLACK, HPos::Left),
        ))
        .map_err(draw_error)?;
        root.draw(&Circle::new((120, 14), 6, palette::VERMILLION.filled()))
            .map_err(draw_error)?;
        root.draw(&Text::new(
            "After",
            (132, 14),
            text_style(14, palette::BLACK, HPos::Left),
        ))
        .map_err(draw_error)?;
        let mut chart = ChartBuilder::on(&root)
            .margin_top(34)
            .margin_right(230)
            .x_label_area_size(40)
            .y_label_area_size(250)
            .build_cartesian_2d(range.0..range.1, 0f64..n)
            .map_err(draw_error)?;
        super::draw_mesh(
            &mut chart,
            Some(super::Ticks {
                count: ((range.1 - range.0) as usize + 1).clamp(2, 11),
                desc: "Mean score",
                format: &|v| super::axis_number(*v),
            }),
            None,
        )?;
        for (i, row) in rows.iter().enumerate() {
            let y = n - i as f64 - 0.5;
            if let (Some(a), Some(b)) = (row.pre, row.post) {
                chart
                    .draw_series(std::iter::once(PathElement::new(
                        vec![(a, y), (b, y)],
                        palette::GREY.stroke_width(3),
                    )))
                    .map_err(draw_error)?;
            }
            if let Some(a) = row.pre {
                chart
                    .draw_series(std::iter::once(Circle::new(
                        (a, y),
                        7,
                        palette::BLUE.stroke_width(2),
                    )))
                    .map_err(draw_error)?;
            }
            if let Some(b) = row.post {
                chart
                    .draw_series(std::iter::once(Circle::new(
                        (b, y),
                        7,
                        palette::VERMILLION.filled(),
                    )))
                    .map_err(draw_error)?;
            }
            let (lx, ly) = chart.backend_coord(&(range.0, y));
            root.draw(&Text::new(
                row.group.clone(),
                (lx - 8, ly),
                text_style(14, palette::BLACK, HPos::Right),
            ))
            .map_err(draw_error)?;
            let (rx, _) = chart.backend_coord(&(range.1, y));
            root.draw(&Text::new(
                row.label.clone(),
                (rx + 10, ly),
                text_style(13, palette::BLACK, HPos::Left),
            ))
            .map_err(draw_error)?;
        }
        root.present().map_err(draw_error)?;
    }
    Ok(Chart::new(id, &title, &description, svg))
}

/// One bar of a Likert chart: a wave of an item and its published counts per score.
#[derive(Debug, Clone, PartialEq)]
pub struct LikertBar {
    /// The axis label: the question, shortened, and the wave.
    pub label: String,
    /// The question in full and the wave (the text alternative's).
    pub full: String,
    /// (score, count) ascending.
    pub counts: Vec<(f64, u64)>,
}

/// Bars for each item (in the order given), pre then post, labelled by
/// the item's question text (its id where the export has none) (pure).
pub fn likert_bars(
    records: &[ItemRecord],
    items: &[String],
    waves: &[String],
    texts: &[ItemText],
) -> Vec<LikertBar> {
    let mut bars = Vec::new();
    for item in items {
        let question = texts
            .iter()
            .find(|t| &t.item == item)
            .map_or(item.as_str(), |t| t.text.as_str());
        for wave in waves {
            let published: Vec<(f64, Option<u64>)> = records
                .iter()
                .filter(|r| &r.item == item && &r.wave == wave)
                .map(|r| (r.score, r.count.value()))
                .collect();
            if published.is_empty() {
                continue;
            }
            let (label, full) = (
                format!("{} ({wave})", shorten(question, LABEL_CHARS)),
                format!("{question} ({wave})"),
            );
            // A bar with a withheld count is left out: its shares would be wrong.
            match published
                .iter()
                .map(|&(s, c)| Some((s, c?)))
                .collect::<Option<Vec<_>>>()
            {
                Some(counts) => bars.push(LikertBar { label, full, counts }),
                None => bars.push(LikertBar {
                    label: format!("{label}, withheld"),
                    full: format!("{full}, withheld"),
                    counts: Vec::new(),
                }),
            }
        }
    }
    bars
}

/// The longest question an axis label shows before it is shortened.
const LABEL_CHARS: usize = 46;

/// `text` cut at a word boundary to at most `max` characters, with "…".
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(at) if at > max / 2 => &cut[..at],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([' ', ',', ';', ':', '-']))
}

/// Diverging colours from disagree (left) to agree (right).
const LIKERT: [RGBColor; 5] = [
    palette::VERMILLION,
    palette::ORANGE,
    // Neutral: the lightest grey with 3:1 against white.
    RGBColor(0x92, 0x92, 0x92),
    palette::SKY_BLUE,
    palette::BLUE,
];

/// Diverging stacked bars of answer counts: scores below the midpoint to the
/// left of zero, above it to the right, the midpoint split across zero.
/// A Likert chart's legend: one entry per score, in score order, the labels
/// that share a score joined ("Neither agree nor disagree / Neutral").
pub fn likert_legend(responses: &std::collections::BTreeMap<String, f64>) -> Vec<(f64, String)> {
    let mut by_score: Vec<(f64, &String)> = responses.iter().map(|(label, score)| (*score, label)).collect();
    by_score.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut legend: Vec<(f64, String)> = Vec::new();
    for (score, label) in by_score {
        match legend.last_mut() {
            Some((last, joined)) if *last == score => {
                joined.push_str(" / ");
                joined.push_str(label);
            }
            _ => legend.push((score, label.clone())),
        }
    }
    legend
}

/// The words at the ends of a Likert axis: a likelihood question's, or
/// agreement's.
fn axis_words(legend: &[(f64, String)]) -> &'static str {
    if legend
        .iter()
        .any(|(_, label)| label.to_lowercase().contains("likely"))
    {
        "Answers (unlikely ← 0 → likely)"
    } else {
        "Answers (disagree ← 0 → agree)"
    }
}

pub fn draw_likert(
    id: &str,
    title: &str,
    range: (f64, f64),
    legend: &[(f64, String)],
    bars: &[LikertBar],
) -> Result<Chart> {
    let level = |score: f64| ((score - range.0).round().max(0.0) as usize).min(LIKERT.len() - 1);
    let mid = (range.0 + range.1) / 2.0;
    let sides = |bar: &LikertBar| {
        let below: f64 = bar
            .counts
            .iter()
            .filter(|(s, _)| *s < mid)
            .map(|(_, c)| *c as f64)
            .sum();
        let above: f64 = bar
            .counts
            .iter()
            .filter(|(s, _)| *s > mid)
            .map(|(_, c)| *c as f64)
            .sum();
        let middle: f64 = bar
            .counts
            .iter()
            .filter(|(s, _)| *s == mid)
            .map(|(_, c)| *c as f64)
            .sum();
        (below + middle / 2.0, above + middle / 2.0)
    };
    let extent = super::bars::nice_ceiling(
        bars.iter()
            .map(|b| {
                let (l, r) = sides(b);
                l.max(r)
            })
            .fold(1.0, f64::max),
    );
    // The finding: the bar with the largest share of agreement.
    let most = bars
        .iter()
        .filter_map(|b| {
            let (l, r) = sides(b);
            let total: f64 = b.counts.iter().map(|(_, c)| *c as f64).sum();
            (total > 0.0 && l + r > 0.0).then(|| (r / total, b))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let finding = most.map_or(String::new(), |(share, b)| {
        format!(
            "Most agreement: {} ({:.0}% of answers agree). ",
            b.full,
            share * 100.0
        )
    });
    let description = format!(
        "{finding}Diverging stacked bars of answer counts per item and wave, disagreement to the left of zero and agreement to the right: {}.",
        bars.iter()
            .map(|b| format!(
                "{}: {}",
                b.full,
                b.counts
                    .iter()
                    .map(|(s, c)| format!("{s} x{c}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let n = bars.len().max(1) as f64;
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (900, 96 + 30 * bars.len().max(1) as u32)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_error)?;
        let mut x = 20;
        for (score, label) in legend {
            root.draw(&Rectangle::new(
                [(x, 8), (x + 12, 20)],
                LIKERT[level(*score)].filled(),
            ))
            .map_err(draw_error)?;
            root.draw(&Text::new(
                label.clone(),
                (x + 17, 14),
                text_style(13, palette::BLACK, HPos::Left),
            ))
            .map_err(draw_error)?;
            x += 34 + 7 * label.chars().count() as i32;
        }
        let mut chart = ChartBuilder::on(&root)
            .margin_top(34)
            .margin_right(20)
            .x_label_area_size(40)
            .y_label_area_size(330)
            .build_cartesian_2d(-extent..extent, 0f64..n)
            .map_err(draw_error)?;
        super::draw_mesh(
            &mut chart,
            Some(super::Ticks {
                count: 9,
                desc: axis_words(legend),
                format: &|v| format!("{:.0}", v.abs()),
            }),
            None,
        )?;
        for (i, bar) in bars.iter().enumerate() {
            let (top, bottom, middle) = (n - i as f64 - 0.15, n - i as f64 - 0.85, n - i as f64 - 0.5);
            let (left, _) = sides(bar);
            let mut start = -left;
            for (score, count) in &bar.counts {
                let width = *count as f64;
                if width > 0.0 {
                    chart
                        .draw_series(std::iter::once(Rectangle::new(
                            [(start, bottom), (start + width, top)],
                            LIKERT[level(*score)].filled(),
                        )))
                        .map_err(draw_error)?;
                }
                start += width;
            }
            let (lx, ly) = chart.backend_coord(&(-extent, middle));
            root.draw(&Text::new(
                bar.label.clone(),
                (lx - 8, ly),
                text_style(13, palette::BLACK, HPos::Right),
            ))
            .map_err(draw_error)?;
        }
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(0.0, 0.0), (0.0, n)],
                palette::BLACK.stroke_width(1),
            )))
            .map_err(draw_error)?;
        root.present().map_err(draw_error)?;
    }
    Ok(Chart::new(id, title, &description, svg))
}

/// A bar with its 95% whisker: (value, low, high), in %.
pub type Bar = (f64, Option<f64>, Option<f64>);

/// One series of a grouped bar chart: name, colour and per category a bar.
pub struct Series {
    pub name: String,
    pub colour: RGBColor,
    pub values: Vec<Option<Bar>>,
}

/// Horizontal grouped bars (one bar per series in each category) with 95% whiskers, in %.
pub fn draw_grouped(
    id: &str,
    title: &str,
    axis: &str,
    categories: &[String],
    series: &[Series],
) -> Result<Chart> {
    // The finding: the first category with shown bars, side by side.
    let finding = categories
        .iter()
        .enumerate()
        .find_map(|(c, name)| {
            let values: Vec<String> = series
                .iter()
                .filter_map(|s| {
                    Some(format!(
                        "{} {:.1}%",
                        s.name,
                        s.values.get(c).copied().flatten()?.0
                    ))
                })
                .collect();
            (!values.is_empty()).then(|| format!("{name}: {}. ", values.join(" against ")))
        })
        .unwrap_or_default();
    let description = format!(
        "{finding}Grouped bars with 95% intervals: {}.",
        categories
            .iter()
            .enumerate()
            .map(|(c, name)| format!(
                "{name}: {}",
                series
                    .iter()
                    .map(|s| format!(
                        "{} {}",
                        s.name,
                        s.values[c].map_or("withheld".to_string(), |v| format!("{:.1}%", v.0))
                    ))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let per = series.len().max(1) as f64;
    let n = categories.len().max(1) as f64;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(
            &mut svg,
            (
                900,
                90 + (18 * series.len() as u32 + 14) * categories.len().max(1) as u32,
            ),
        )
        .into_drawing_area();
        root.fill(&WHITE).map_err(draw_error)?;
        let mut x = 20;
        for s in series {
            root.draw(&Rectangle::new([(x, 8), (x + 12, 20)], s.colour.filled()))
                .map_err(draw_error)?;
            root.draw(&Text::new(
                s.name.clone(),
                (x + 17, 14),
                text_style(14, palette::BLACK, HPos::Left),
            ))
            .map_err(draw_error)?;
            x += 40 + 8 * s.name.chars().count() as i32;
        }
        let mut chart = ChartBuilder::on(&root)
            .margin_top(34)
            .margin_right(60)
            .x_label_area_size(40)
            .y_label_area_size(250)
            .build_cartesian_2d(0f64..100f64, 0f64..n)
            .map_err(draw_error)?;
        super::draw_mesh(
            &mut chart,
            Some(super::Ticks {
                count: 6,
                desc: axis,
                format: &|v| format!("{v:.0}"),
            }),
            None,
        )?;
        for (c, name) in categories.iter().enumerate() {
            let top = n - c as f64 - 0.08;
            let slot = 0.84 / per;
            for (k, s) in series.iter().enumerate() {
                let y1 = top - slot * k as f64;
                let y0 = y1 - slot * 0.85;
                let ym = (y0 + y1) / 2.0;
                match s.values[c] {
                    Some((value, low, high)) => {
                        chart
                            .draw_series(std::iter::once(Rectangle::new(
                                [(0.0, y0), (value, y1)],
                                s.colour.filled(),
                            )))
                            .map_err(draw_error)?;
                        if let (Some(l), Some(h)) = (low, high) {
                            chart
                                .draw_series(std::iter::once(PathElement::new(
                                    vec![(l, ym), (h, ym)],
                                    palette::BLACK.stroke_width(1),
                                )))
                                .map_err(draw_error)?;
                        }
                        let (px, py) = chart.backend_coord(&(high.unwrap_or(value).max(value), ym));
                        root.draw(&Text::new(
                            format!("{value:.1}%"),
                            (px + 5, py),
                            text_style(12, palette::BLACK, HPos::Left),
                        ))
                        .map_err(draw_error)?;
                    }
                    None => {
                        let (px, py) = chart.backend_coord(&(0.0, ym));
                        root.draw(&Text::new(
                            "..",
                            (px + 5, py),
                            text_style(12, palette::BLACK, HPos::Left),
                        ))
                        .map_err(draw_error)?;
                    }
                }
            }
            let (lx, ly) = chart.backend_coord(&(0.0, n - c as f64 - 0.5));
            root.draw(&Text::new(
                name.clone(),
                (lx - 8, ly),
                text_style(14, palette::BLACK, HPos::Right),
            ))
            .map_err(draw_error)?;
        }
        root.present().map_err(draw_error)?;
    }
    Ok(Chart::new(id, title, &description, svg))
}
