//! Data quality of survey waves: unfinished responses (counted, not findings),
//! students not in the cohort, duplicates (the latest completed counts) and
//! answers that are neither a mapped label nor a number in the scale.

use std::collections::BTreeMap;

use super::{Finding, Rule};
use crate::config::Config;
use crate::ingest::coded::Answers;
use crate::ingest::surveys::{KeyKind, SurveyResponses};
use crate::ingest::values::ReadRules;
use crate::ingest::{CellRef, Origin, TableInfo, values};

/// A wave's kept responses, tied to cohort rows and scored.
#[derive(Debug, Clone)]
pub struct ValidWave {
    pub wave: String,
    pub info: TableInfo,
    /// Data rows in the export.
    pub received: usize,
    /// Responses kept out as unfinished.
    pub unfinished: usize,
    /// Responses of no cohort student.
    pub not_in_cohort: usize,
    /// Earlier responses of a student who answered again.
    pub duplicates: usize,
    /// Cohort row of each kept response.
    pub student_row: Vec<u32>,
    /// (item id, raw score per kept response, before reverse scoring).
    pub scores: Vec<(String, Vec<Option<f64>>)>,
    /// (item id, question text), as the export words it.
    pub texts: Vec<(String, String)>,
}

impl ValidWave {
    /// Scores of one item, if the wave maps it.
    pub fn item(&self, id: &str) -> Option<&[Option<f64>]> {
        self.scores
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, s)| s.as_slice())
    }
}

/// A label -> score table with the range numbers must fall in.
#[derive(Debug, Clone)]
pub struct ScoreTable {
    /// Lower-cased, trimmed labels.
    labels: BTreeMap<String, f64>,
    /// The labels as configured (trimmed): most exports match exactly, which
    /// needs no lower-casing per cell. A scale has a handful of labels, so
    /// they are compared in turn (lengths first) rather than hashed.
    exact: Vec<(String, f64)>,
    range: Option<(f64, f64)>,
}

impl ScoreTable {
    /// From a configured table (labels compared trimmed and case-insensitively).
    pub fn new(table: &BTreeMap<String, f64>) -> ScoreTable {
        let labels: BTreeMap<String, f64> =
            table.iter().map(|(k, v)| (k.trim().to_lowercase(), *v)).collect();
        let min = labels.values().copied().reduce(f64::min);
        let max = labels.values().copied().reduce(f64::max);
        ScoreTable {
            labels,
            // Through a map, so a label that trims like another is kept once.
            exact: table
                .iter()
                .map(|(k, v)| (k.trim().to_string(), *v))
                .collect::<BTreeMap<String, f64>>()
                .into_iter()
                .collect(),
            range: min.zip(max),
        }
    }

    /// The score of a cell: a mapped label, or a number in range. Err(found) otherwise.
    pub fn score<'a>(&self, cell: impl Into<CellRef<'a>>) -> Result<Option<f64>, String> {
        let cell = cell.into();
        if let CellRef::Text(t) = cell {
            let t = t.trim();
            if let Some((_, score)) = self.exact.iter().find(|(label, _)| label == t) {
                return Ok(Some(*score));
            }
        }
        let number = match values::parse_number(cell) {
            values::Parsed::Missing => return Ok(None),
            values::Parsed::Value(n) => Some(n),
            values::Parsed::Invalid(_) => None,
        };
        if let Some(n) = number {
            return match self.range {
                Some((lo, hi)) if n < lo || n > hi => Err(values::found_text(cell)),
                _ => Ok(Some(n)),
            };
        }
        let text = values::cell_text(cell).unwrap_or_default().trim().to_lowercase();
        self.labels
            .get(&text)
            .map(|s| Some(*s))
            .ok_or_else(|| values::found_text(cell))
    }

    /// The (min, max) of the scale, when labels are configured.
    pub fn range(&self) -> Option<(f64, f64)> {
        self.range
    }
}

/// The score table of an item: the intent item's own, else the agreement table.
pub fn score_table(config: &Config, item: &str) -> ScoreTable {
    let empty = BTreeMap::new();
    let survey = config.survey.as_ref();
    match survey.and_then(|s| s.placement_intent.as_ref()) {
        Some(intent) if intent.item == item => ScoreTable::new(&intent.responses),
        _ => ScoreTable::new(survey.map_or(&empty, |s| &s.responses)),
    }
}

/// Applies the survey rules to one wave; returns the kept wave and its
/// findings.
pub fn validate_wave(
    config: &Config,
    info: TableInfo,
    responses: SurveyResponses,
    students: &super::StudentIndex<'_>,
) -> (ValidWave, Vec<Finding>) {
    let mut findings = Vec::new();
    let received = responses.key.len();
    let unfinished = responses.finished.iter().filter(|f| !**f).count();
    // The lookups are parallel tasks: a wave's join can be the last work of
    // the validate stage.
    use rayon::prelude::*;
    let by_id = students.by_id();
    let student_of: Vec<Option<u32>> = match responses.key_kind {
        KeyKind::StudentId => (0..responses.key.len())
            .into_par_iter()
            .with_min_len(super::LOOKUPS_PER_TASK)
            .map(|row| responses.key.get(row).and_then(|key| by_id.get(key)))
            .collect(),
        KeyKind::Email => students.rows_by_email(&responses.key),
    };
    // Finished responses of cohort students.
    let mut candidates: Vec<(usize, u32)> = Vec::new();
    let mut not_in_cohort = 0;
    for (row, student) in student_of.iter().enumerate() {
        if !responses.finished[row] {
            continue;
        }
        match *student {
            Some(student) => candidates.push((row, student)),
            None => {
                not_in_cohort += 1;
                findings.push(Finding::at(
                    &info,
                    responses.origins[row],
                    &responses.key_column,
                    Rule::UnknownStudent,
                    "the respondent is not a cohort student; the response is left out".to_string(),
                ));
            }
        }
    }
    let kept = latest_per_student(
        &info,
        &responses,
        candidates,
        students.cohort_rows(),
        &mut findings,
    );
    let duplicates = received - unfinished - not_in_cohort - kept.len();

    let scores = score_items(config, &info, &responses, &kept, &mut findings);
    let wave = ValidWave {
        wave: responses.wave.clone(),
        info,
        received,
        unfinished,
        not_in_cohort,
        duplicates,
        student_row: kept.iter().map(|(_, s)| *s).collect(),
        scores,
        texts: responses.texts.clone(),
    };
    (wave, findings)
}

/// likert_out_of_range: each item's scores over the kept responses, and a
/// finding for each answer that is neither a configured label nor a number
/// in the scale (the answer is then left out).
///
/// Answers arrive dictionary-coded, so each distinct answer is scored once
/// and a response's score is a lookup by its code. Items are parallel
/// tasks, each filling its own column of scores: a wave's findings can
/// number hundreds of thousands, and the columns tens of megabytes.
fn score_items(
    config: &Config,
    info: &TableInfo,
    responses: &SurveyResponses,
    kept: &[(usize, u32)],
    findings: &mut Vec<Finding>,
) -> Vec<(String, Vec<Option<f64>>)> {
    use rayon::prelude::*;
    // A missing word ("Prefer not to say") leaves the item unanswered.
    let rules = config
        .inputs
        .surveys
        .iter()
        .find(|spec| spec.wave == responses.wave)
        .map_or_else(
            || ReadRules::new(crate::config::DateOrder::Dmy),
            |spec| ReadRules::for_input(config, &spec.source()),
        );
    let scored: Vec<(Vec<Option<f64>>, Vec<Finding>)> = responses
        .items
        .par_iter()
        .map(|(item, header, answers)| {
            let table = score_table(config, item);
            let scoring = ItemScoring {
                item,
                header,
                answers,
                by_code: answers
                    .values()
                    .iter()
                    .map(|cell| match table.score(cell) {
                        Err(_) if rules.is_missing_word(cell.into()) => Ok(None),
                        score => score,
                    })
                    .collect(),
                table,
            };
            score_item(info, responses, &scoring, kept)
        })
        .collect();
    responses
        .items
        .iter()
        .zip(scored)
        .map(|((item, _, _), (scores, found))| {
            findings.extend(found);
            (item.clone(), scores)
        })
        .collect()
}

/// One item's answers with the score of each distinct answer.
struct ItemScoring<'w> {
    item: &'w str,
    header: &'w str,
    answers: &'w Answers,
    table: ScoreTable,
    /// `ScoreTable::score` of each of `answers.values()`.
    by_code: Vec<Result<Option<f64>, String>>,
}

/// One item's score for each kept response, and its findings.
fn score_item(
    info: &TableInfo,
    responses: &SurveyResponses,
    scoring: &ItemScoring<'_>,
    kept: &[(usize, u32)],
) -> (Vec<Option<f64>>, Vec<Finding>) {
    let mut found = Vec::new();
    let scores = kept
        .iter()
        .map(|&(row, _)| {
            let score = match scoring.answers.code(row) {
                None => &Ok(None),
                Some(code) => &scoring.by_code[code as usize],
            };
            match score {
                Ok(score) => *score,
                Err(text) => {
                    found.push(out_of_range(
                        info,
                        responses.origins[row],
                        scoring.item,
                        scoring.header,
                        &scoring.table,
                        text,
                    ));
                    None
                }
            }
        })
        .collect();
    (scores, found)
}

/// The likert_out_of_range finding for an answer `found` to `item`.
fn out_of_range(
    info: &TableInfo,
    origin: Origin,
    item: &str,
    header: &str,
    table: &ScoreTable,
    found: &str,
) -> Finding {
    let expected = match table.range() {
        Some((lo, hi)) => format!("a configured label or a number from {lo} to {hi}"),
        None => "a number (no labels are configured in [survey.responses])".to_string(),
    };
    Finding::at(
        info,
        origin,
        header,
        Rule::LikertOutOfRange,
        format!("{item}: found \"{found}\"; expected {expected}; the answer is left out"),
    )
}

/// duplicate_survey_response: per student the latest by completion time (else
/// the last row) counts; the others are reported. Returns (row, student) kept,
/// in export order.
fn latest_per_student(
    info: &TableInfo,
    responses: &SurveyResponses,
    candidates: Vec<(usize, u32)>,
    cohort_rows: usize,
    findings: &mut Vec<Finding>,
) -> Vec<(usize, u32)> {
    // The response that counts, by cohort row: a dense array (4 bytes a
    // student) is smaller than a hash map of the respondents, and direct.
    // Response rows fit in u32, as row numbers do (`Origin`).
    const NONE: u32 = u32::MAX;
    let mut best: Vec<u32> = vec![NONE; cohort_rows];
    let mut respondents = 0;
    for &(row, student) in &candidates {
        let Some(entry) = best.get_mut(student as usize) else {
            continue;
        };
        let current = *entry as usize;
        // Later completion wins; equal or unknown times: the later row.
        if *entry == NONE {
            *entry = row as u32;
            respondents += 1;
        } else if (responses.completed[row], row) >= (responses.completed[current], current) {
            *entry = row as u32;
        }
    }
    let mut kept = Vec::with_capacity(respondents);
    for (row, student) in candidates {
        if best.get(student as usize) == Some(&(row as u32)) {
            kept.push((row, student));
        } else {
            findings.push(Finding::at(
                info,
                responses.origins[row],
                &responses.key_column,
                Rule::DuplicateSurveyResponse,
                "the same student answered this wave again; the latest response counts".to_string(),
            ));
        }
    }
    kept
}
