//! One function per data quality rule. Each returns its findings and, where
//! the rule keeps rows out, a keep-mask over the table's rows.

use super::id_index::{IdIndex, IdRows, Repeat};
use super::{Finding, Rule};
use crate::config::Config;
use crate::ingest::TableInfo;
use crate::ingest::cohort::Cohort;
use crate::ingest::mapping::{CellProblem, ProblemKind};
use crate::ingest::mentors::Mentors;
use crate::ingest::{Id, Origin};

/// unparseable_date / unparseable_flag / unparseable_number: cells that could not be read.
pub fn unparseable_cells(info: &TableInfo, origins: &[Origin], problems: &[CellProblem]) -> Vec<Finding> {
    problems
        .iter()
        .filter_map(|p| {
            let origin = *origins.get(p.row)?;
            let (rule, expected) = match p.kind {
                ProblemKind::Date => (
                    Rule::UnparseableDate,
                    "a date (a date cell, 2026-10-05, 05/10/2026, 05/10/26, 5 Oct 2026, 14-Oct-25, or 1st Dec within the reporting period)",
                ),
                ProblemKind::Flag => (
                    Rule::UnparseableFlag,
                    "a flag (yes/no, y/n, true/false, 1/0, x, ✓) or a date",
                ),
                ProblemKind::Number => (Rule::UnparseableNumber, "a number"),
                ProblemKind::Duration => (
                    Rule::UnparseableDuration,
                    "a duration (minutes such as 60, or 1h 30m, 45 min, 1.5 hours, 01:30, an hour); the meeting counts, its duration does not",
                ),
            };
            Some(Finding::at(
                info,
                origin,
                &p.column,
                rule,
                format!("{}: found \"{}\"; expected {expected}", p.field, p.found),
            ))
        })
        .collect()
}

fn missing_ids(
    info: &TableInfo,
    origins: &[Origin],
    ids: &[Option<Id>],
    column: &str,
    field: &str,
) -> (Vec<Finding>, Vec<bool>) {
    let mut findings = Vec::new();
    let keep: Vec<bool> = ids
        .iter()
        .zip(origins)
        .map(|(id, origin)| {
            if id.is_none() {
                findings.push(Finding::at(
                    info,
                    *origin,
                    column,
                    Rule::MissingRequiredValue,
                    format!("{field} is empty; the row is left out"),
                ));
            }
            id.is_some()
        })
        .collect();
    (findings, keep)
}

/// missing_required_value: a cohort row without a student id is left out.
pub fn missing_student_ids(info: &TableInfo, cohort: &Cohort, column: &str) -> (Vec<Finding>, Vec<bool>) {
    missing_ids(info, &cohort.origins, &cohort.student_id, column, "student_id")
}

/// missing_required_value: a mentor row without a mentor id is left out.
pub fn missing_mentor_ids(info: &TableInfo, mentors: &Mentors, column: &str) -> (Vec<Finding>, Vec<bool>) {
    missing_ids(info, &mentors.origins, &mentors.mentor_id, column, "mentor_id")
}

/// The first row of each id counts; later ones are findings. Returns the
/// findings, the keep mask, and each kept id's row after the rows left out
/// are removed (the index the later rules look students and mentors up in).
fn duplicates(
    info: &TableInfo,
    origins: &[Origin],
    ids: &[Option<Id>],
    column: &str,
    rule: Rule,
) -> (Vec<Finding>, Vec<bool>, IdRows) {
    let (index, repeats) = IdRows::first_rows(ids);
    let mut keep = vec![true; ids.len()];
    let mut findings = Vec::with_capacity(repeats.len());
    for Repeat { row, first } in repeats {
        keep[row as usize] = false;
        // The id itself is personal data: the message gives the first row instead.
        findings.push(Finding::at(
            info,
            origins[row as usize],
            column,
            rule,
            format!(
                "the same id as row {}; the first row counts, this one is left out",
                origins[first as usize].row
            ),
        ));
    }
    (findings, keep, index)
}

/// duplicate_student_id: the first row counts. Also returns the student index.
pub fn duplicate_student_ids(
    info: &TableInfo,
    cohort: &Cohort,
    column: &str,
) -> (Vec<Finding>, Vec<bool>, IdRows) {
    duplicates(
        info,
        &cohort.origins,
        &cohort.student_id,
        column,
        Rule::DuplicateStudentId,
    )
}

/// duplicate_mentor_id: the first row counts. Also returns the mentor index.
pub fn duplicate_mentor_ids(
    info: &TableInfo,
    mentors: &Mentors,
    column: &str,
) -> (Vec<Finding>, Vec<bool>, IdRows) {
    duplicates(
        info,
        &mentors.origins,
        &mentors.mentor_id,
        column,
        Rule::DuplicateMentorId,
    )
}

/// mentor_not_in_bank: one per matched student whose mentor id the bank
/// (`bank`: mentor id -> bank row) lacks. Also returns each cohort row's
/// mentor bank row (None when the row has no mentor id or the bank lacks it),
/// so the metrics count mentees without looking ids up again.
pub fn mentors_not_in_bank(
    info: &TableInfo,
    cohort: &Cohort,
    bank: IdIndex<'_>,
    column: &str,
) -> (Vec<Finding>, Vec<Option<u32>>) {
    let Some(mentor_ids) = &cohort.mentor_id else {
        return (Vec::new(), vec![None; cohort.len()]);
    };
    let mut findings = Vec::new();
    let rows = mentor_ids
        .iter()
        .zip(&cohort.origins)
        .map(|(id, origin)| {
            let id = id.as_deref()?;
            let row = bank.get(id);
            if row.is_none() {
                findings.push(Finding::at(
                    info,
                    *origin,
                    column,
                    Rule::MentorNotInBank,
                    "the matched mentor's id is not in the mentor bank".to_string(),
                ));
            }
            row
        })
        .collect();
    (findings, rows)
}

/// target_group_value_missing: one per student and group whose rule column is empty.
pub fn target_group_values_missing(info: &TableInfo, cohort: &Cohort, config: &Config) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (name, rule) in &config.target_groups.0 {
        let Some(values) = cohort.column(&rule.column) else {
            continue;
        };
        for (code, origin) in values.codes().zip(&cohort.origins) {
            if code.is_none() {
                findings.push(Finding::at(
                    info,
                    *origin,
                    &rule.column,
                    Rule::TargetGroupValueMissing,
                    format!("empty, so the student is counted as not in \"{name}\""),
                ));
            }
        }
    }
    findings
}

/// quiz_score_as_fraction: a score strictly between 0 and 1 where the pass
/// mark is a percentage or a mark above 10 is a percentage cell (a typed
/// "80%" Excel keeps as 0.8): read as 80, one finding per score.
pub fn quiz_fractions(info: &TableInfo, cohort: &mut Cohort, config: &Config) -> Vec<Finding> {
    let pass_mark = config.engagement.quiz_pass_mark;
    let (Some(scores), Some(column)) = (
        cohort.quiz_score.as_mut(),
        config.inputs.cohort.columns.quiz_score.as_deref(),
    ) else {
        return Vec::new();
    };
    if pass_mark <= 10.0 {
        return Vec::new();
    }
    let mut findings = Vec::new();
    for (score, origin) in scores.iter_mut().zip(&cohort.origins) {
        if let Some(v) = score.filter(|v| *v > 0.0 && *v < 1.0) {
            let percent = (v * 1e6).round() / 1e4;
            *score = Some(percent);
            findings.push(Finding::at(
                info,
                *origin,
                column,
                Rule::QuizScoreAsFraction,
                format!(
                    "{v} read as {percent} (a percentage cell: {percent}%), as quiz_pass_mark is {pass_mark}"
                ),
            ));
        }
    }
    findings
}

/// file_encoding: a delimited file read as Windows-1252 (UTF-16 with its
/// byte order mark is unambiguous and needs no warning).
pub fn file_encodings(info: &TableInfo) -> Vec<Finding> {
    info.files
        .iter()
        .filter_map(|f| {
            let encoding = f.encoding.filter(|e| !e.starts_with("UTF-16"))?;
            Some(Finding {
                input: info.input.clone(),
                file: f.path.clone(),
                sheet: String::new(),
                row: None,
                column: String::new(),
                rule: Rule::FileEncoding,
                message: format!(
                    "the file is not UTF-8 and was read as {encoding} (Excel's \"CSV (Comma delimited)\"); check that \
                     £, € and accented letters look right, or save it as \"CSV UTF-8\""
                ),
            })
        })
        .collect()
}

/// not_a_record: per file or sheet, the rows under the header skipped as a
/// total, a note or a footer (one finding with the count and the first row).
pub fn not_records(info: &TableInfo) -> Vec<Finding> {
    info.sources
        .iter()
        .filter_map(|source| {
            let first = *source.not_records.first()?;
            let count = source.not_records.len();
            let rows = if count == 1 {
                format!("row {first} is not a record")
            } else {
                let listed: Vec<String> = source.not_records.iter().take(5).map(u32::to_string).collect();
                format!(
                    "{count} rows (rows {}{}) are not records",
                    listed.join(", "),
                    if count > 5 { ", ..." } else { "" }
                )
            };
            Some(Finding {
                input: info.input.clone(),
                file: source.file.clone(),
                sheet: source.sheet.clone().unwrap_or_default(),
                row: Some(first),
                column: String::new(),
                rule: Rule::NotARecord,
                message: format!("{rows} (a \"Total\" row, a note or a footer under the table): skipped"),
            })
        })
        .collect()
}

/// formula_without_value: per file or sheet and column, the formula cells
/// saved without their value (a workbook written by a script, or saved
/// with calculation off). They read as empty, which for a flag would
/// silently mean "no": an error, naming the cells.
pub fn uncomputed(info: &TableInfo) -> Vec<Finding> {
    let mut findings = Vec::new();
    for source in &info.sources {
        let mut headers: Vec<&str> = source.uncomputed.iter().map(|(_, h)| h.as_str()).collect();
        headers.sort_unstable();
        headers.dedup();
        for header in headers {
            let rows: Vec<u32> = source
                .uncomputed
                .iter()
                .filter(|(_, h)| h == header)
                .map(|(row, _)| *row)
                .collect();
            let listed: Vec<String> = rows.iter().take(5).map(u32::to_string).collect();
            findings.push(Finding {
                input: info.input.clone(),
                file: source.file.clone(),
                sheet: source.sheet.clone().unwrap_or_default(),
                row: rows.first().copied(),
                column: header.to_string(),
                rule: Rule::FormulaWithoutValue,
                message: format!(
                    "{} formula cell(s) (rows {}{}) were saved without their value and read as empty; open the file in Excel, recalculate (F9) and save it",
                    rows.len(),
                    listed.join(", "),
                    if rows.len() > 5 { ", ..." } else { "" }
                ),
            });
        }
    }
    findings
}
