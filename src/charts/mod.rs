//! Charts: series preparation (pure functions over the published model) kept
//! apart from drawing; drawing uses plotters' SVG backend into strings that the
//! report inlines. Never writes files.

pub mod bars;
pub mod comparison;
pub mod dots;
pub mod forest;
pub mod funnel;
pub mod gap;
pub mod lasting;
pub mod relationships;
pub mod surveys;
pub mod trend;

use serde::Serialize;

mod style;
pub use style::{FONT, Plot, Ticks, axis_number, draw_mesh, palette, percent, row_label, series_colour};

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

/// Every chart of the report, by section.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReportCharts {
    /// Gap to the cohort average at key stages.
    pub gaps: Vec<Chart>,
    /// One funnel per group.
    pub funnels: Vec<Chart>,
    /// Meetings per month by kind (All eligible).
    pub timeline: Option<Chart>,
    /// Pair status by group.
    pub status: Option<Chart>,
    /// Share of pairs meeting every month, by group.
    pub compliance: Option<Chart>,
    /// Pairs per monthly-compliance band, by group.
    pub compliance_bands: Option<Chart>,
    /// One retention curve per group.
    pub retention: Vec<Chart>,
    /// Mentors by sector.
    pub sectors: Option<Chart>,
    /// Mentors by recruitment source.
    pub sources: Option<Chart>,
    /// Pre/post means by group, one per scale.
    pub dumbbells: Vec<Chart>,
    /// Likert answers per item, one chart per scale (and one for intent).
    pub likert: Vec<Chart>,
    /// Placement intent before and after, by group.
    pub intent: Option<Chart>,
    /// Placement outcomes of participants and non-participants, one per outcome.
    pub outcomes: Vec<Chart>,
    /// Balance before and after matching (All eligible), when `[comparison]` is set.
    pub love: Option<Chart>,
    /// The matched comparison's effect by group, one per outcome.
    pub effects: Vec<Chart>,
    /// Outcome rates of participants by mentoring meetings (All eligible).
    pub dose: Option<Chart>,
    /// Sign-up by department against the cohort average.
    pub departments: Option<Chart>,
    /// Sustained and completed pairs by each pair factor.
    pub factors: Vec<Chart>,
    /// Retention of aligned and other pairs.
    pub retention_alignment: Option<Chart>,
    /// One trend chart per headline figure (when history exists).
    pub trends: Vec<Chart>,
}

/// Draws every chart from the published model.
pub fn report_charts(
    config: &crate::config::Config,
    published: &crate::disclosure::Published,
) -> crate::error::Result<ReportCharts> {
    use crate::metrics::groups::ALL_ELIGIBLE;
    use crate::metrics::model::Stage;
    let mut charts = ReportCharts::default();
    for stage in [
        Stage::Registered,
        Stage::Matched,
        Stage::Sustained,
        Stage::Completed,
    ] {
        if published.uptake.iter().any(|r| r.stage == stage) {
            let (average, points) = gap::gap_points(&published.uptake, stage);
            charts.gaps.push(gap::draw_gap(
                &format!("gap-{}", stage.id()),
                stage,
                average,
                &points,
            )?);
        }
    }
    for (index, group) in published.groups.iter().enumerate() {
        let bars = funnel::funnel_bars(&published.uptake, group);
        charts.funnels.push(funnel::draw_funnel(
            &format!("funnel-{}", slug(group)),
            group,
            &bars,
            series_colour(index),
        )?);
    }
    if !published.timeline.is_empty() {
        let (months, series) = relationships::timeline_series(&published.timeline, ALL_ELIGIBLE);
        charts.timeline = Some(relationships::draw_timeline(
            "timeline",
            ALL_ELIGIBLE,
            &months,
            &series,
        )?);
    }
    if !published.relationships.is_empty() {
        let series = relationships::status_series(&published.relationships);
        charts.status = Some(relationships::draw_status("status", &series)?);
        charts.compliance_bands = Some(relationships::draw_compliance(
            "compliance-bands",
            &published.compliance,
            &published.groups,
        )?);
        let bars: Vec<bars::Bar> = published
            .relationships
            .iter()
            .map(|r| bars::Bar {
                label: r.group.clone(),
                value: r.share_every_month.map(|v| v * 100.0),
            })
            .collect();
        let description = format!(
            "{} Horizontal bars of the share of pairs that met at least monthly in every month of their window, by group: {}.",
            bars::bars_finding(&bars, &|v| format!("{v:.1}%")).unwrap_or_default(),
            bars.iter()
                .map(|b| format!(
                    "{} {}",
                    b.label,
                    b.value.map_or("withheld".to_string(), |v| format!("{v:.1}%"))
                ))
                .collect::<Vec<_>>()
                .join("; ")
        );
        let style = bars::BarStyle {
            width: 900,
            label_area: 250,
            max: Some(100.0),
            axis: "% of pairs meeting every month",
            colour: palette::BLUISH_GREEN,
            format: &|v| format!("{v:.1}%"),
        };
        charts.compliance = Some(bars::draw_bars(
            "compliance",
            "Monthly meetings kept: share of pairs meeting every month",
            &description,
            &bars,
            &style,
        )?);
        for (index, group) in published.groups.iter().enumerate() {
            let points = relationships::retention_series(&published.retention, group);
            charts.retention.push(relationships::draw_retention(
                &format!("retention-{}", slug(group)),
                group,
                &points,
                series_colour(index),
            )?);
        }
    }
    if let Some(bank) = &published.mentors {
        let sector_bars: Vec<bars::Bar> = bank
            .by_sector
            .iter()
            .map(|(name, s)| bars::Bar {
                label: name.clone(),
                value: s.mentors.value().map(|v| v as f64),
            })
            .collect();
        let source_bars: Vec<bars::Bar> = bank
            .by_source
            .iter()
            .map(|(name, c)| bars::Bar {
                label: name.clone(),
                value: c.value().map(|v| v as f64),
            })
            .collect();
        let describe = |what: &str, bars: &[bars::Bar]| {
            format!(
                "{} Horizontal bars of mentors by {what}: {}.",
                bars::bars_finding(bars, &|v| format!("{v:.0} mentors")).unwrap_or_default(),
                bars.iter()
                    .map(|b| format!(
                        "{} {}",
                        b.label,
                        b.value.map_or("withheld".to_string(), |v| format!("{v:.0}"))
                    ))
                    .collect::<Vec<_>>()
                    .join("; ")
            )
        };
        let style = |colour| bars::BarStyle {
            width: 470,
            label_area: 200,
            max: None,
            axis: "Mentors",
            colour,
            format: &|v| format!("{v:.0}"),
        };
        charts.sectors = Some(bars::draw_bars(
            "mentor-sectors",
            "Mentors by sector",
            &describe("sector", &sector_bars),
            &sector_bars,
            &style(palette::BLUE),
        )?);
        charts.sources = Some(bars::draw_bars(
            "mentor-sources",
            "Mentors by how they were recruited",
            &describe("recruitment source", &source_bars),
            &source_bars,
            &style(palette::ORANGE),
        )?);
    }
    survey_charts(config, published, &mut charts)?;
    comparison::comparison_charts(config, published, &mut charts)?;
    lasting::lasting_charts(published, &mut charts)?;
    let mut figures: Vec<(&str, &str, &str)> = Vec::new();
    for r in &published.trend {
        if !figures.iter().any(|f| f.0 == r.figure) {
            figures.push((&r.figure, &r.label, r.kind));
        }
    }
    for (figure, label, kind) in figures {
        let points = trend::trend_points(&published.trend, figure);
        charts.trends.push(trend::draw_trend(
            &format!("trend-{}", slug(figure)),
            label,
            kind,
            &points,
        )?);
    }
    Ok(charts)
}

/// The lowest and highest score of a label table (1-5 when it is empty).
fn score_range(table: &std::collections::BTreeMap<String, f64>) -> (f64, f64) {
    let min = table.values().copied().reduce(f64::min);
    let max = table.values().copied().reduce(f64::max);
    min.zip(max).unwrap_or((1.0, 5.0))
}

/// Sections 6 and 7: survey and placement charts.
fn survey_charts(
    config: &crate::config::Config,
    published: &crate::disclosure::Published,
    charts: &mut ReportCharts,
) -> crate::error::Result<()> {
    let Some(survey) = &config.survey else {
        return Ok(());
    };
    let range = score_range(&survey.responses);
    let waves: Vec<String> = if survey.compare.len() == 2 {
        survey.compare.clone()
    } else {
        published.survey_waves.iter().map(|w| w.wave.clone()).collect()
    };
    for scale in &survey.scales {
        let rows = surveys::dumbbells(&published.paired, &scale.name);
        if !rows.is_empty() {
            charts.dumbbells.push(surveys::draw_dumbbell(
                &format!("means-{}", slug(&scale.name)),
                &scale.name,
                range,
                &rows,
            )?);
        }
        let bars = surveys::likert_bars(&published.items, &scale.items, &waves, &published.item_texts);
        if !bars.is_empty() {
            charts.likert.push(surveys::draw_likert(
                &format!("likert-{}", slug(&scale.name)),
                &format!("{}: answers per item, before and after", scale.name),
                range,
                &surveys::likert_legend(&survey.responses),
                &bars,
            )?);
        }
    }
    if let Some(intent) = &survey.placement_intent {
        let bars = surveys::likert_bars(
            &published.items,
            std::slice::from_ref(&intent.item),
            &waves,
            &published.item_texts,
        );
        if !bars.is_empty() {
            charts.likert.push(surveys::draw_likert(
                "likert-intent",
                "Placement intent: answers before and after",
                score_range(&intent.responses),
                &surveys::likert_legend(&intent.responses),
                &bars,
            )?);
        }
        if !published.intent.is_empty() {
            let series: Vec<surveys::Series> = waves
                .iter()
                .enumerate()
                .map(|(i, wave)| surveys::Series {
                    name: format!("{wave} survey"),
                    colour: if i == 0 { palette::SKY_BLUE } else { palette::BLUE },
                    values: published
                        .groups
                        .iter()
                        .map(|g| {
                            published
                                .intent
                                .iter()
                                .find(|r| &r.group == g && &r.wave == wave)
                                .and_then(|r| {
                                    Some((
                                        r.share? * 100.0,
                                        r.ci_low.map(|v| v * 100.0),
                                        r.ci_high.map(|v| v * 100.0),
                                    ))
                                })
                        })
                        .collect(),
                })
                .collect();
            charts.intent = Some(surveys::draw_grouped(
                "intent",
                "Students intending to apply for a placement year, by survey wave",
                "% of respondents intending to apply",
                &published.groups,
                &series,
            )?);
        }
    }
    for (outcome, title) in [
        (
            "placement_applied",
            "Applied for a placement: participants and non-participants",
        ),
        (
            "placement_secured",
            "Secured a placement: participants and non-participants",
        ),
    ] {
        let rows: Vec<&crate::metrics::model::OutcomeRecord> = published
            .outcomes
            .iter()
            .filter(|r| r.outcome == outcome)
            .collect();
        if rows.is_empty() {
            continue;
        }
        let pct = |v: Option<f64>| v.map(|v| v * 100.0);
        let series = vec![
            surveys::Series {
                name: "Participants (matched)".to_string(),
                colour: palette::BLUISH_GREEN,
                values: rows
                    .iter()
                    .map(|r| {
                        Some((
                            pct(r.participant_rate)?,
                            pct(r.participant_ci_low),
                            pct(r.participant_ci_high),
                        ))
                    })
                    .collect(),
            },
            surveys::Series {
                name: "Non-participants (not registered)".to_string(),
                colour: palette::GREY,
                values: rows
                    .iter()
                    .map(|r| {
                        Some((
                            pct(r.non_participant_rate)?,
                            pct(r.non_participant_ci_low),
                            pct(r.non_participant_ci_high),
                        ))
                    })
                    .collect(),
            },
        ];
        let groups: Vec<String> = rows.iter().map(|r| r.group.clone()).collect();
        charts.outcomes.push(surveys::draw_grouped(
            &format!("outcome-{}", slug(outcome)),
            title,
            "% of students",
            &groups,
            &series,
        )?);
    }
    Ok(())
}
