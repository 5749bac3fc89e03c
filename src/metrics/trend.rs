//! Trends (metrics.md section 6): each headline figure as a series over
//! periods (ordered by as_of), from earlier runs' published metrics.json and
//! this run's published model.

use serde::Serialize;

use crate::metrics::groups::ALL_ELIGIBLE;
use crate::metrics::history::{HeadlineCount, Headlines, History};

/// One headline figure in one period.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TrendRecord {
    /// Figure id, e.g. "registered_rate".
    pub figure: String,
    /// A label for people.
    pub label: String,
    pub period: String,
    pub as_of: String,
    pub value: Option<f64>,
    /// How the value is shown: "count", "rate" or "effect".
    pub kind: &'static str,
}

/// The headline figures of one published metrics.json: (id, label, kind, value).
pub fn headline_figures(metrics: &Headlines) -> Vec<(String, String, &'static str, Option<f64>)> {
    let mut out = Vec::new();
    let stage = |s: &str| {
        metrics
            .uptake
            .iter()
            .find(|r| r.group == ALL_ELIGIBLE && r.stage == s)
    };
    if let Some(r) = stage("eligible") {
        out.push((
            "eligible".to_string(),
            "Eligible students".to_string(),
            "count",
            r.count.as_ref().and_then(HeadlineCount::number),
        ));
    }
    for (s, label) in [
        ("registered", "Registered (uptake)"),
        ("matched", "Matched with a mentor"),
        ("sustained", "Sustained relationships"),
        ("completed", "Attended the celebration (completed)"),
    ] {
        if let Some(r) = stage(s) {
            out.push((
                format!("{s}_rate"),
                format!("{label}, % of eligible"),
                "rate",
                r.rate,
            ));
        }
    }
    for p in metrics.paired.iter().filter(|p| p.group == ALL_ELIGIBLE) {
        out.push((
            format!("{}_effect", p.scale.to_lowercase()),
            format!("{} change (Hedges' g_z)", p.scale),
            "effect",
            p.hedges_gz,
        ));
    }
    if let Some(i) = metrics.intent_paired.iter().find(|r| r.group == ALL_ELIGIBLE) {
        out.push((
            "intent_post".to_string(),
            "Intending to apply (post survey)".to_string(),
            "rate",
            i.share_post,
        ));
    }
    out
}

/// Series of every headline figure of the current run over the history and this run.
pub fn trend_records(history: &History, current: &Headlines) -> Vec<TrendRecord> {
    if history.files.is_empty() {
        return Vec::new();
    }
    let current_figures = headline_figures(current);
    let mut periods: Vec<(&str, &str, &Headlines)> = history
        .files
        .iter()
        .map(|f| {
            (
                f.metrics.programme.period.as_str(),
                f.metrics.as_of.as_str(),
                &f.metrics,
            )
        })
        .collect();
    periods.push((current.programme.period.as_str(), current.as_of.as_str(), current));
    // Each period's figures are extracted once, not once per figure.
    let figures_by_period: Vec<_> = periods
        .iter()
        .map(|(_, _, metrics)| headline_figures(metrics))
        .collect();
    let mut records = Vec::new();
    for (id, label, kind, _) in &current_figures {
        for ((period, as_of, _), figures) in periods.iter().zip(&figures_by_period) {
            let value = figures.iter().find(|f| &f.0 == id).and_then(|f| f.3);
            records.push(TrendRecord {
                figure: id.clone(),
                label: label.clone(),
                period: period.to_string(),
                as_of: as_of.to_string(),
                value,
                kind,
            });
        }
    }
    records
}
