//! Charts of mentoring relationships: meetings per month by kind (stacked
//! bars), pair status by group (stacked bars of counts), and retention step
//! curves with their interval band.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, FONT, draw_error, palette, series_colour};
use crate::config::MeetingKind;
use crate::error::Result;
use crate::metrics::model::{Count, RelationshipRecord, RetentionRecord, TimelineRecord};
use crate::metrics::pairs::Status;

/// Months (in order) and, per kind present, the published meetings per month (pure).
/// One kind's meetings per month (None: withheld by disclosure control).
pub type KindSeries = (MeetingKind, Vec<Option<u64>>);

/// Meetings per month for each kind of `group`.
pub fn timeline_series(records: &[TimelineRecord], group: &str) -> (Vec<String>, Vec<KindSeries>) {
    let mut months: Vec<String> = records
        .iter()
        .filter(|r| r.group == group)
        .map(|r| r.month.clone())
        .collect();
    months.sort();
    months.dedup();
    let mut series = Vec::new();
    for kind in MeetingKind::ALL {
        let values: Vec<Option<u64>> = months
            .iter()
            .map(|m| {
                records
                    .iter()
                    .find(|r| r.group == group && r.kind == kind && r.month == *m)
                    .map_or(Some(0), |r| r.meetings.value())
            })
            .collect();
        if values.iter().any(|v| *v != Some(0)) {
            series.push((kind, values));
        }
    }
    (months, series)
}

fn legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    items: &[(String, RGBColor)],
    y: i32,
) -> Result<()> {
    let mut x = 20;
    for (label, colour) in items {
        root.draw(&Rectangle::new([(x, y - 6), (x + 12, y + 6)], colour.filled()))
            .map_err(draw_error)?;
        root.draw(&Text::new(
            label.clone(),
            (x + 17, y),
            (FONT, 14)
                .into_font()
                .color(&palette::BLACK)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(draw_error)?;
        x += 30 + 8 * label.chars().count() as i32;
    }
    Ok(())
}

/// Stacked bars of meetings per calendar month, one colour per kind.
pub fn draw_timeline(id: &str, group: &str, months: &[String], series: &[KindSeries]) -> Result<Chart> {
    let title = format!("Meetings per month by kind: {group}");
    // A month with a withheld count is left out whole: a shorter bar would read as fewer meetings.
    let shown: Vec<bool> = (0..months.len())
        .map(|i| series.iter().all(|(_, v)| v[i].is_some()))
        .collect();
    let withheld: Vec<&str> = months
        .iter()
        .zip(&shown)
        .filter(|(_, s)| !**s)
        .map(|(m, _)| m.as_str())
        .collect();
    let in_all = if withheld.is_empty() {
        "in all"
    } else {
        "in the months shown"
    };
    // The finding: the busiest month shown.
    let busiest = (0..months.len())
        .filter(|&i| shown[i])
        .map(|i| (series.iter().map(|(_, v)| v[i].unwrap_or(0)).sum::<u64>(), i))
        .max_by_key(|(total, i)| (*total, std::cmp::Reverse(*i)));
    let finding = busiest.map_or(String::new(), |(total, i)| {
        format!("The busiest month shown is {} ({total} meetings). ", months[i])
    });
    let mut description = format!(
        "{finding}Stacked bars of logged meetings in each calendar month from {} to {}, by kind: {}.",
        months.first().map_or("", String::as_str),
        months.last().map_or("", String::as_str),
        series
            .iter()
            .map(|(k, v)| format!("{} {} {in_all}", k.label(), v.iter().flatten().sum::<u64>()))
            .collect::<Vec<_>>()
            .join("; ")
    );
    if !withheld.is_empty() {
        description.push_str(&format!(
            " Withheld by disclosure control (no bar): {}.",
            withheld.join(", ")
        ));
    }
    let totals: Vec<u64> = (0..months.len())
        .map(|i| series.iter().map(|(_, v)| v[i].unwrap_or(0)).sum())
        .collect();
    let max = super::bars::nice_ceiling(totals.iter().copied().max().unwrap_or(0) as f64);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (900, 380)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_error)?;
        let items: Vec<(String, RGBColor)> = series
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (k.label().to_string(), series_colour(i)))
            .collect();
        legend(&root, &items, 14)?;
        let n = months.len().max(1) as f64;
        let mut chart = ChartBuilder::on(&root)
            .margin_top(34)
            .margin_right(20)
            .x_label_area_size(46)
            .y_label_area_size(60)
            .build_cartesian_2d(0f64..n, 0f64..max)
            .map_err(draw_error)?;
        super::draw_mesh(
            &mut chart,
            None,
            Some(super::Ticks {
                count: 6,
                desc: "Meetings",
                format: &|v| super::axis_number(*v),
            }),
        )?;
        for (i, month) in months.iter().enumerate() {
            let mut base = 0.0;
            for (s, (_, values)) in series.iter().enumerate().filter(|_| shown[i]) {
                let v = values[i].unwrap_or(0) as f64;
                if v > 0.0 {
                    chart
                        .draw_series(std::iter::once(Rectangle::new(
                            [(i as f64 + 0.15, base), (i as f64 + 0.85, base + v)],
                            series_colour(s).filled(),
                        )))
                        .map_err(draw_error)?;
                }
                base += v;
            }
            let (px, py) = chart.backend_coord(&(i as f64 + 0.5, 0.0));
            let label = if shown[i] {
                month.clone()
            } else {
                format!("{month} ..")
            };
            root.draw(&Text::new(
                label,
                (px, py + 8),
                (FONT, 13)
                    .into_font()
                    .color(&palette::BLACK)
                    .pos(Pos::new(HPos::Center, VPos::Top)),
            ))
            .map_err(draw_error)?;
        }
        root.present().map_err(draw_error)?;
    }
    Ok(Chart::new(id, &title, &description, svg))
}

/// Per group, the published pair count of each status (pure).
pub fn status_series(records: &[RelationshipRecord]) -> Vec<(String, Vec<(Status, Count)>)> {
    records
        .iter()
        .map(|r| {
            let s = &r.status;
            (
                r.group.clone(),
                vec![
                    (Status::Active, s.active),
                    (Status::AtRisk, s.at_risk),
                    (Status::Lapsed, s.lapsed),
                    (Status::NotStarted, s.not_started),
                    (Status::Withdrawn, s.withdrawn),
                    (Status::Completed, s.completed),
                ],
            )
        })
        .collect()
}

fn status_colour(status: Status) -> RGBColor {
    match status {
        Status::Active => palette::BLUISH_GREEN,
        Status::AtRisk => palette::ORANGE,
        Status::Lapsed => palette::VERMILLION,
        Status::NotStarted => palette::GREY,
        Status::Withdrawn => palette::REDDISH_PURPLE,
        Status::Completed => palette::BLUE,
    }
}

/// Stacked horizontal bars of pairs by status, one bar per group.
pub fn draw_status(id: &str, series: &[(String, Vec<(Status, Count)>)]) -> Result<Chart> {
    let legend_items: Vec<(String, RGBColor)> = series
        .first()
        .map(|(_, s)| {
            s.iter()
                .map(|(st, _)| (st.label().to_string(), status_colour(*st)))
                .collect()
        })
        .unwrap_or_default();
    let rows: Vec<(String, Vec<Count>)> = series
        .iter()
        .map(|(g, s)| (g.clone(), s.iter().map(|(_, c)| *c).collect()))
        .collect();
    draw_stacked(
        id,
        "Pair status at the as-of date, by group",
        "mentoring pairs by status",
        &legend_items,
        &rows,
    )
}

/// Colours of the compliance bands, from none kept to every month.
const BAND_COLOURS: [RGBColor; 4] = [
    palette::VERMILLION,
    palette::ORANGE,
    palette::SKY_BLUE,
    palette::BLUISH_GREEN,
];

/// Stacked horizontal bars of pairs per monthly-compliance band, one bar per group.
pub fn draw_compliance(
    id: &str,
    records: &[crate::metrics::model::ComplianceRecord],
    groups: &[String],
) -> Result<Chart> {
    use crate::metrics::relationships::COMPLIANCE_BANDS;
    let legend_items: Vec<(String, RGBColor)> = COMPLIANCE_BANDS
        .iter()
        .zip(BAND_COLOURS)
        .map(|((_, label), colour)| (label.to_string(), colour))
        .collect();
    let rows: Vec<(String, Vec<Count>)> = groups
        .iter()
        .map(|g| {
            let counts = COMPLIANCE_BANDS
                .iter()
                .map(|(band, _)| {
                    records
                        .iter()
                        .find(|r| &r.group == g && r.band == *band)
                        .map_or(Count::Exact(0), |r| r.pairs)
                })
                .collect();
            (g.clone(), counts)
        })
        .collect();
    draw_stacked(
        id,
        "Monthly meetings kept: pairs by share of months with a mentoring meeting",
        "pairs by the share of their months with at least the minimum of mentoring meetings",
        &legend_items,
        &rows,
    )
}

/// Stacked horizontal bars of published counts, one bar per group, segments
/// coloured and named by `legend_items` in order.
fn draw_stacked(
    id: &str,
    title: &str,
    what: &str,
    legend_items: &[(String, RGBColor)],
    rows: &[(String, Vec<Count>)],
) -> Result<Chart> {
    // The finding: the largest shown segment of the first bar (All eligible).
    let finding = rows.first().and_then(|(group, counts)| {
        let (label, count) = legend_items
            .iter()
            .zip(counts)
            .filter_map(|((label, _), c)| Some((label, c.value()?)))
            .max_by_key(|(_, c)| *c)?;
        Some(format!(
            "In {group}, the largest part is {} ({count}). ",
            label.to_lowercase()
        ))
    });
    let description = format!(
        "{}Stacked bars of {what} for each group: {}.",
        finding.unwrap_or_default(),
        rows.iter()
            .map(|(g, counts)| format!(
                "{g}: {}",
                legend_items
                    .iter()
                    .zip(counts)
                    .map(|((label, _), c)| format!("{} {}", label.to_lowercase(), c.text()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let totals: Vec<u64> = rows
        .iter()
        .map(|(_, c)| c.iter().filter_map(|c| c.value()).sum())
        .collect();
    let max = super::bars::nice_ceiling(totals.iter().copied().max().unwrap_or(0) as f64);
    let n = rows.len().max(1) as f64;
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (900, 90 + 38 * rows.len().max(1) as u32)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_error)?;
        legend(&root, legend_items, 14)?;
        let mut chart = ChartBuilder::on(&root)
            .margin_top(34)
            .margin_right(30)
            .x_label_area_size(40)
            .y_label_area_size(250)
            .build_cartesian_2d(0f64..max, 0f64..n)
            .map_err(draw_error)?;
        super::draw_mesh(
            &mut chart,
            Some(super::Ticks {
                count: 6,
                desc: "Pairs",
                format: &|v| super::axis_number(*v),
            }),
            None,
        )?;
        for (i, (group, counts)) in rows.iter().enumerate() {
            let (top, bottom, middle) = (n - i as f64 - 0.15, n - i as f64 - 0.85, n - i as f64 - 0.5);
            let mut base = 0.0;
            // A row with a withheld count is left out whole, its label saying so.
            let shown = counts.iter().all(|c| c.value().is_some());
            for ((_, colour), count) in legend_items.iter().zip(counts).filter(|_| shown) {
                let v = count.value().unwrap_or(0) as f64;
                if v > 0.0 {
                    chart
                        .draw_series(std::iter::once(Rectangle::new(
                            [(base, bottom), (base + v, top)],
                            colour.filled(),
                        )))
                        .map_err(draw_error)?;
                }
                base += v;
            }
            let (px, py) = chart.backend_coord(&(0.0, middle));
            let label = if shown {
                group.clone()
            } else {
                format!("{group} (withheld)")
            };
            super::row_label(&root, (px, py), label)?;
        }
        root.present().map_err(draw_error)?;
    }
    Ok(Chart::new(id, title, &description, svg))
}

/// A point of a retention curve: (days, survival, 95% low, 95% high).
pub type RetentionPoint = (f64, Option<f64>, Option<f64>, Option<f64>);

/// One retention curve from day 0 (pure).
pub fn retention_series(records: &[RetentionRecord], group: &str) -> Vec<RetentionPoint> {
    let mut points = vec![(0.0, Some(1.0), Some(1.0), Some(1.0))];
    points.extend(
        records
            .iter()
            .filter(|r| r.group == group)
            .map(|r| (r.days, r.survival, r.ci_low, r.ci_high)),
    );
    points
}

/// A step curve of retention with its 95% band, for one group.
pub fn draw_retention(id: &str, group: &str, points: &[RetentionPoint], colour: RGBColor) -> Result<Chart> {
    // A curve cut by disclosure control says so where a reader looks first.
    // Months after the first withheld one that are shown again: the curve
    // steps over the months between (HESA rounding withholds single steps).
    let first_withheld = points.iter().position(|p| p.1.is_none());
    let resumes = first_withheld.is_some_and(|m| points[m..].iter().any(|p| p.1.is_some()));
    let title = match first_withheld {
        Some(_) if resumes => format!("Retention of relationships: {group} (some months withheld)"),
        Some(month) => format!("Retention of relationships: {group} (withheld from month {month})"),
        None => format!("Retention of relationships: {group}"),
    };
    // The finding: the last month shown.
    let last = points
        .iter()
        .enumerate()
        .skip(1)
        .filter_map(|(m, p)| Some((m, p.1?)))
        .next_back();
    let finding = match last {
        Some((m, s)) => format!(
            "After {m} month(s), {} of {group} pairs were still meeting. ",
            super::percent(s)
        ),
        // Disclosure control withheld the whole curve: that is the finding.
        None if points.len() > 1 => {
            format!(
                "The retention of {group} pairs is withheld from the first month: its steps would reveal too few pairs. "
            )
        }
        None => String::new(),
    };
    let description = format!(
        "{finding}Step curve of the share of {group} pairs still meeting, by month since their first meeting, with a 95% band{}: {}.",
        if resumes {
            " (a dashed line joins months shown across withheld ones)"
        } else {
            ""
        },
        points
            .iter()
            .skip(1)
            .enumerate()
            .map(|(m, (_, s, _, _))| format!(
                "month {} {}",
                m + 1,
                s.map_or("withheld".to_string(), super::percent)
            ))
            .collect::<Vec<_>>()
            .join("; ")
    );
    // The x axis is in months (ticks at whole months), the data in days.
    let months = |days: f64| days / crate::metrics::relationships::DAYS_PER_MONTH;
    let max_t = points.last().map_or(1.0, |p| months(p.0)).max(1.0);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (470, 300)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_error)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .margin_right(20)
            .x_label_area_size(40)
            .y_label_area_size(56)
            .build_cartesian_2d(0f64..max_t, 0f64..100f64)
            .map_err(draw_error)?;
        retention_mesh(&mut chart, max_t)?;
        draw_step_curve(&mut chart, points, colour)?;
        root.present().map_err(draw_error)?;
    }
    Ok(Chart::new(id, &title, &description, svg))
}

/// The axes of a retention chart: months since the first meeting (up to
/// `max_t`) against the % of pairs still meeting.
pub fn retention_mesh(chart: &mut super::Plot<'_, '_>, max_t: f64) -> Result<()> {
    super::draw_mesh(
        chart,
        Some(super::Ticks {
            count: max_t.round() as usize + 1,
            desc: "Months since first meeting",
            format: &|v| format!("{v:.0}"),
        }),
        Some(super::Ticks {
            count: 6,
            desc: "% of pairs still meeting",
            format: &|v| format!("{v:.0}"),
        }),
    )
}

/// Draws a retention curve (a step line and its 95% band) on `chart`, whose
/// x axis is in months; points withheld by disclosure control end the curve.
pub fn draw_step_curve(
    chart: &mut super::Plot<'_, '_>,
    points: &[RetentionPoint],
    colour: RGBColor,
) -> Result<()> {
    let months = |days: f64| days / crate::metrics::relationships::DAYS_PER_MONTH;
    // Runs of consecutive months with every value shown: (days, survival,
    // low, high). Between two runs lie withheld months: a dashed line joins
    // them, since a flat step there would claim no pair left.
    let mut runs: Vec<Vec<[f64; 4]>> = Vec::new();
    let mut gap = true;
    for &(t, s, l, h) in points {
        match (s, l, h) {
            (Some(s), Some(l), Some(h)) => {
                let p = [t, s, l, h];
                match runs.last_mut() {
                    Some(run) if !gap => run.push(p),
                    _ => runs.push(vec![p]),
                }
                gap = false;
            }
            _ => gap = true,
        }
    }
    for pair in runs.windows(2) {
        let (Some(from), Some(to)) = (pair[0].last(), pair[1].first()) else {
            continue;
        };
        let ends = [(months(from[0]), from[1] * 100.0), (months(to[0]), to[1] * 100.0)];
        chart
            .draw_series(DashedLineSeries::new(ends, 6, 4, colour.stroke_width(2)))
            .map_err(draw_error)?;
    }
    for shown in &runs {
        // A step function: flat until the next time, then a drop.
        let step = |value: &dyn Fn(&[f64; 4]) -> f64| -> Vec<(f64, f64)> {
            let mut out = Vec::new();
            for (i, p) in shown.iter().enumerate() {
                if i > 0 {
                    out.push((months(p[0]), value(&shown[i - 1]) * 100.0));
                }
                out.push((months(p[0]), value(p) * 100.0));
            }
            out
        };
        let upper = step(&|p| p[3]);
        let mut band = step(&|p| p[2]);
        band.extend(upper.iter().rev());
        if band.len() > 2 {
            chart
                .draw_series(std::iter::once(Polygon::new(band, colour.mix(0.22).filled())))
                .map_err(draw_error)?;
        }
        chart
            .draw_series(LineSeries::new(step(&|p| p[1]), colour.stroke_width(3)))
            .map_err(draw_error)?;
    }
    Ok(())
}
