//! The report's "What makes relationships last" section (metrics.md §7,
//! outputs.md 7b): sign-up by department, the pair factors, and the wait
//! from registration to match, each with a sentence saying what it shows.

use serde::Serialize;

use super::table_view::{TableView, table_view};
use crate::charts::Chart;
use crate::disclosure::Published;
use crate::metrics::groups::ALL_ELIGIBLE;

/// Section 7b.
#[derive(Debug, Clone, Serialize)]
pub struct LastingSection {
    pub departments: Option<Chart>,
    pub departments_table: Option<TableView>,
    pub factors: Vec<Chart>,
    pub retention_alignment: Option<Chart>,
    pub factors_table: Option<TableView>,
    /// The wait from registration to match in a sentence.
    pub match_wait: Option<String>,
    pub match_wait_table: Option<TableView>,
    /// Mentor continuity in a sentence.
    pub continuity: Option<String>,
}

/// "In 10 of 170 pairs (6.4%) the meeting log names another mentor ...".
pub fn continuity_sentence(published: &Published) -> Option<String> {
    let c = published.continuity.as_ref()?;
    let share = c.share.map_or(String::new(), |s| format!(" ({:.1}%)", s * 100.0));
    Some(format!(
        "Mentor continuity: in {} of {} pairs{share} the meeting log names another mentor than the cohort's at \
         least once, a re-match or a logging slip to check; the programme team's internal/pairs.csv lists them \
         (other_mentors_in_log).",
        c.pairs_with_another_mentor.text(),
        c.pairs_with_logged_mentor.text()
    ))
}

/// The section, when departments or pair factors exist.
pub fn section(
    published: &Published,
    tables: &[crate::output::table::Table],
    charts: &crate::charts::ReportCharts,
) -> Option<LastingSection> {
    if published.departments.is_empty() && published.pair_factors.is_empty() {
        return None;
    }
    let table = |name| table_view(tables, name);
    Some(LastingSection {
        departments: charts.departments.clone(),
        departments_table: table("departments"),
        factors: charts.factors.clone(),
        retention_alignment: charts.retention_alignment.clone(),
        factors_table: table("pair_factors"),
        match_wait: match_wait_sentence(published),
        match_wait_table: table("match_wait"),
        continuity: continuity_sentence(published),
    })
}

/// "Matched students waited a median of 22 days ...", from published figures.
pub fn match_wait_sentence(published: &Published) -> Option<String> {
    let all = published.match_wait.iter().find(|r| r.group == ALL_ELIGIBLE)?;
    let median = all.median_days?;
    let days = crate::charts::axis_number;
    let mut sentence = format!(
        "Matched students waited a median of {} days from registration to their match",
        days(median)
    );
    if let (Some(q1), Some(q3)) = (all.q1_days, all.q3_days) {
        sentence.push_str(&format!(
            " (half of them between {} and {} days)",
            days(q1),
            days(q3)
        ));
    }
    let longest = published
        .match_wait
        .iter()
        .filter(|r| r.group != ALL_ELIGIBLE)
        .filter_map(|r| Some((r.median_days?, r)))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((longest_days, r)) = longest.filter(|(d, _)| *d > median) {
        sentence.push_str(&format!(
            "; the longest median wait is in {} ({} days)",
            r.group,
            days(longest_days)
        ));
    }
    sentence.push('.');
    Some(sentence)
}
