//! The counts about the files, published under the rule like every other:
//! each input's findings per rule, their totals, and each input's rows. A
//! wave's duplicate responses and unknown students, and its kept and
//! received rows, are the same facts as in `survey_waves`: one cell each
//! (outputs.md, "Across records").

use super::cells::{Cells, Key};
use super::keys;
use super::release::{Of, Release};
use crate::metrics::groups::ALL_ELIGIBLE;
use crate::metrics::model::{Count, DataQualityRecord, InputRecord, Metrics, QualityCount, Stage};

fn raw(count: Count) -> u64 {
    count.value().unwrap_or(0)
}

use keys::{
    input_rows as rows_key, quality as finding_key, quality_rule as rule_key,
    quality_severity as severity_key,
};

/// The wave an input's findings are about ("survey pre" -> "pre").
fn wave_of(input: &str) -> Option<&str> {
    input.strip_prefix("survey ")
}

/// The survey_waves cell that is the same fact as an input's findings of `rule`.
fn same_fact(input: &str, rule: &str) -> Option<Key> {
    let wave = wave_of(input)?;
    match rule {
        "duplicate_survey_response" => Some(keys::wave(wave, "duplicates")),
        "unknown_student" => Some(keys::wave(wave, "not_in_cohort")),
        _ => None,
    }
}

/// The cell that is the same fact as an input's rows (`item`: "read" or "used").
fn same_rows(input: &str, item: &str) -> Option<Key> {
    match (wave_of(input), item) {
        (Some(wave), "used") => Some(keys::wave(wave, "kept")),
        (Some(wave), "read") => Some(keys::wave(wave, "received")),
        (None, "used") if input == "cohort" => Some(keys::stage(ALL_ELIGIBLE, Stage::Eligible)),
        (None, "used") if input == "mentors" => Some(keys::bank("mentors")),
        _ => None,
    }
}

fn register_count(cells: &mut Cells, own: Key, value: u64, same: Option<Key>) -> usize {
    match same {
        Some(same) => cells.same_as(own, value, &same),
        None => cells.shown(own, value),
    }
}

/// Registers the findings, their totals by rule and by severity, and the
/// inputs' rows, after the survey waves and the funnel.
pub fn register(cells: &mut Cells, m: &Metrics) {
    let q = &m.data_quality;
    let mut by_rule: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut by_severity: Vec<(&str, Vec<usize>)> = Vec::new();
    for c in &q.by_input {
        let id = register_count(
            cells,
            finding_key(&c.input, c.rule),
            raw(c.findings),
            same_fact(&c.input, c.rule),
        );
        for (list, name) in [(&mut by_rule, c.rule), (&mut by_severity, c.severity)] {
            match list.iter_mut().find(|(n, _)| *n == name) {
                Some((_, ids)) => ids.push(id),
                None => list.push((name, vec![id])),
            }
        }
    }
    for (rule, parts) in by_rule {
        let total = q.by_rule.get(rule).copied().map_or(0, raw);
        let total = cells.shown(rule_key(rule), total);
        cells.sum(total, &parts);
    }
    for (severity, total) in [("error", q.errors), ("warning", q.warnings)] {
        let id = cells.shown(severity_key(severity), raw(total));
        if let Some((_, parts)) = by_severity.iter().find(|(s, _)| *s == severity) {
            cells.sum(id, parts);
        }
    }
    for i in &m.inputs {
        let [read, used] = [("read", i.rows_read), ("used", i.rows_used)].map(|(item, count)| {
            register_count(
                cells,
                rows_key(&i.name, item),
                raw(count),
                same_rows(&i.name, item),
            )
        });
        // The rows dropped (duplicates, missing values...) are the findings
        // of the rules that drop rows: a small number of them is protected.
        cells.subset(read, used, rows_key(&i.name, "dropped"));
    }
}

/// The findings as the rule publishes them.
pub fn quality(q: &DataQualityRecord, release: &Release) -> DataQualityRecord {
    let DataQualityRecord {
        errors,
        warnings,
        by_rule,
        by_input,
    } = q;
    DataQualityRecord {
        errors: release.published(&Of(severity_key("error"), *errors)),
        warnings: release.published(&Of(severity_key("warning"), *warnings)),
        by_rule: by_rule
            .iter()
            .map(|(rule, n)| (rule.clone(), release.published(&Of(rule_key(rule), *n))))
            .collect(),
        by_input: by_input
            .iter()
            .map(|c| {
                let QualityCount {
                    input,
                    rule,
                    severity,
                    findings,
                } = c;
                QualityCount {
                    input: input.clone(),
                    rule,
                    severity,
                    findings: release.published(&Of(finding_key(input, rule), *findings)),
                }
            })
            .collect(),
    }
}

/// Each input's files and rows as the rule publishes them.
pub fn input(i: &InputRecord, release: &Release) -> InputRecord {
    let InputRecord {
        name,
        files,
        rows_read,
        rows_used,
    } = i;
    InputRecord {
        name: name.clone(),
        files: files.clone(),
        rows_read: release.published(&Of(rows_key(name, "read"), *rows_read)),
        rows_used: release.published(&Of(rows_key(name, "used"), *rows_used)),
    }
}
