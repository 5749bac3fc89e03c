//! The published tables: one tidy table per report table, built once from the
//! disclosure-controlled model and written both as tables/*.csv and in the report.
//! Each family's tables sit in its own file; this is their list, in report order.

pub use super::mentors::{mentor_bank_table, mentor_sectors_table, mentor_sources_table};
pub use super::outcomes::outcomes_table;
pub use super::quality::data_quality_table;
pub use super::relationships::{
    compliance_table, relationships_table, retention_alignment_table, retention_table, timeline_table,
};
pub use super::surveys::{
    attrition_table, intent_paired_table, intent_table, items_table, paired_table, scales_table,
    survey_waves_table,
};
use super::table::Table;
pub use super::trend::trend_table;
pub use super::uptake::{departments_table, uptake_table};
use crate::disclosure::Published;

/// Every published table, in report order.
pub fn all_tables(metrics: &Published) -> Vec<Table> {
    let mut tables = vec![uptake_table(metrics)];
    if !metrics.departments.is_empty() {
        tables.push(departments_table(metrics));
    }
    if !metrics.relationships.is_empty() {
        tables.push(relationships_table(metrics));
        tables.push(compliance_table(metrics));
        tables.push(retention_table(metrics));
    }
    if !metrics.timeline.is_empty() {
        tables.push(timeline_table(metrics));
    }
    if !metrics.match_wait.is_empty() {
        tables.push(super::lasting::match_wait_table(metrics));
    }
    if !metrics.pair_factors.is_empty() {
        tables.push(super::lasting::pair_factors_table(metrics));
    }
    if !metrics.retention_alignment.is_empty() {
        tables.push(retention_alignment_table(metrics));
    }
    tables.extend(mentor_bank_table(metrics));
    tables.extend(mentor_sectors_table(metrics));
    tables.extend(mentor_sources_table(metrics));
    if !metrics.survey_waves.is_empty() {
        tables.push(survey_waves_table(metrics));
        tables.push(scales_table(metrics));
        tables.push(items_table(metrics));
    }
    if !metrics.paired.is_empty() {
        tables.push(paired_table(metrics));
        tables.push(attrition_table(metrics));
    }
    if !metrics.intent.is_empty() {
        tables.push(intent_table(metrics));
    }
    if !metrics.intent_paired.is_empty() {
        tables.push(intent_paired_table(metrics));
    }
    if !metrics.outcomes.is_empty() {
        tables.push(outcomes_table(metrics));
    }
    if !metrics.comparison.is_empty() {
        tables.push(super::comparison::comparison_table(metrics));
        tables.push(super::comparison::balance_table(metrics));
    }
    if !metrics.dose.is_empty() {
        tables.push(super::comparison::dose_table(metrics));
    }
    if !metrics.trend.is_empty() {
        tables.push(trend_table(metrics));
    }
    tables.push(data_quality_table(&metrics.data_quality));
    tables
}
