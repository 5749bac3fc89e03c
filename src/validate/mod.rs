//! Data quality: the rules of inputs.md applied to the canonical tables. Owns
//! the finding type (input, file, sheet, row, column, rule, severity), drops
//! the rows a rule keeps out, and summarises findings for `validate` and the report.

pub mod comparison;
mod findings;
pub mod id_index;
pub mod meetings;
pub mod mentor_names;
pub mod rules;
mod student_index;
pub mod surveys;

use crate::config::Config;
use crate::ingest::cohort::Cohort;
use crate::ingest::mentors::Mentors;
use crate::ingest::{Logs, Origin, People, TableInfo};
pub use findings::{DataQuality, Finding, Rule, RuleCount, Severity};
use id_index::IdRows;
use rustc_hash::FxHashMap;
pub use student_index::StudentIndex;

/// Lookups per parallel task when survey keys are tied to cohort rows.
pub(crate) const LOOKUPS_PER_TASK: usize = 64 * 1024;

/// The inputs after data quality: rows a rule keeps out are gone.
#[derive(Debug, Clone)]
pub struct Validated {
    pub cohort: Cohort,
    pub cohort_info: TableInfo,
    /// The mentor bank, when configured.
    pub mentors: Option<ValidMentors>,
    /// The meeting log's kept rows, tied to cohort rows.
    pub meetings: Option<meetings::ValidMeetings>,
    /// Survey waves' kept responses, scored.
    pub surveys: Vec<surveys::ValidWave>,
    /// The comparison's covariates and extra outcomes, when `[comparison]` is set.
    pub comparison: Option<comparison::ComparisonInputs>,
    /// Mentor spellings that may be one mentor, with the names: for the
    /// terminal, never an output file.
    pub name_notes: Vec<String>,
    pub quality: DataQuality,
}

/// The mentor bank's kept rows, tied to the cohort.
#[derive(Debug, Clone)]
pub struct ValidMentors {
    /// Near-miss spellings of the cohort's mentors, for the terminal only.
    pub name_notes: Vec<String>,
    /// The bank's kept rows.
    pub mentors: Mentors,
    pub info: TableInfo,
    /// The bank row of each cohort row's mentor: None when the row has no
    /// mentor id or the bank lacks it; empty without a cohort mentor column.
    pub cohort_rows: Vec<Option<u32>>,
}

/// The mentor bank after its own rules (unreadable cells, missing and
/// duplicate ids), with its id -> row index for the cohort's lookups.
struct CheckedBank {
    mentors: Mentors,
    info: TableInfo,
    index: IdRows,
    findings: Vec<Finding>,
}

/// The mentor bank's own rules: they need nothing of the cohort.
fn check_bank(config: &Config, loaded: crate::ingest::Loaded<Mentors>) -> CheckedBank {
    let info = loaded.info;
    let mut table = loaded.table;
    let column = config
        .inputs
        .mentors
        .as_ref()
        .map(|m| m.columns.mentor_id.clone())
        .unwrap_or_default();
    let mut findings = rules::unparseable_cells(&info, &table.origins, &loaded.problems);
    let (missing, keep) = rules::missing_mentor_ids(&info, &table, &column);
    findings.extend(missing);
    table.retain(&keep);
    let (duplicates, keep, index) = rules::duplicate_mentor_ids(&info, &table, &column);
    findings.extend(duplicates);
    table.retain(&keep);
    CheckedBank {
        mentors: table,
        info,
        index,
        findings,
    }
}

/// The cohort's mentors looked up in the checked bank (mentor_not_in_bank).
fn tie_mentors(
    config: &Config,
    bank: CheckedBank,
    cohort: &Cohort,
    cohort_info: &TableInfo,
) -> (ValidMentors, Vec<Finding>) {
    let mut findings = bank.findings;
    let mut cohort_rows = Vec::new();
    let mut name_notes = Vec::new();
    if let Some(cohort_column) = config.inputs.cohort.columns.mentor_id.as_ref() {
        let index = bank.index.over(&bank.mentors.mentor_id);
        let (not_in_bank, rows) = rules::mentors_not_in_bank(cohort_info, cohort, index, cohort_column);
        findings.extend(not_in_bank);
        cohort_rows = rows;
        if let Some(ids) = &cohort.mentor_id {
            let known = mentor_names::Known {
                rows: known_rows(&bank.mentors.mentor_id, &bank.mentors.origins),
                info: &bank.info,
            };
            let place = mentor_names::MentorColumn {
                info: cohort_info,
                column: cohort_column,
            };
            let used = cohort
                .origins
                .iter()
                .zip(ids)
                .filter_map(|(origin, id)| Some((*origin, id.as_deref()?)));
            let near = mentor_names::near_misses(&known, place, used);
            findings.extend(near.findings);
            name_notes = near.notes;
        }
    }
    let valid = ValidMentors {
        mentors: bank.mentors,
        info: bank.info,
        cohort_rows,
        name_notes,
    };
    (valid, findings)
}

/// The cohort's own rules: unreadable cells, missing and duplicate student
/// ids (those rows are left out), missing target-group values. Returns the
/// kept cohort, its findings and the student id -> row index.
fn check_cohort(
    config: &Config,
    loaded: crate::ingest::Loaded<Cohort>,
) -> (Cohort, TableInfo, Vec<Finding>, IdRows) {
    let info = loaded.info;
    let mut cohort = loaded.table;
    let column = &config.inputs.cohort.columns.student_id;
    let mut findings = rules::unparseable_cells(&info, &cohort.origins, &loaded.problems);
    let (missing, keep) = rules::missing_student_ids(&info, &cohort, column);
    findings.extend(missing);
    cohort.retain(&keep);
    let (duplicates, keep, student_ids) = rules::duplicate_student_ids(&info, &cohort, column);
    findings.extend(duplicates);
    cohort.retain(&keep);
    findings.extend(rules::target_group_values_missing(&info, &cohort, config));
    findings.extend(rules::quiz_fractions(&info, &mut cohort, config));
    (cohort, info, findings, student_ids)
}

/// The cohort and the mentor bank after their own rules, ready for the
/// rules that tie the logs to them.
pub struct CheckedPeople {
    cohort: Cohort,
    info: TableInfo,
    findings: Vec<Finding>,
    student_ids: IdRows,
    bank: Option<CheckedBank>,
    comparison: Option<comparison::ComparisonInputs>,
}

/// The cohort's and the mentor bank's own rules, as two tasks: they need
/// nothing of the logs, so the run applies them while the logs are still
/// being read. Fails when an extra outcome of the comparison is not a flag
/// column (a configuration error only the data can show).
pub fn check_people(config: &Config, people: People) -> crate::error::Result<CheckedPeople> {
    let People { cohort, mentors } = people;
    let ((cohort, info, mut findings, student_ids), bank) = rayon::join(
        || check_cohort(config, cohort),
        || mentors.map(|loaded| check_bank(config, loaded)),
    );
    let comparison = match &config.comparison {
        Some(spec) => {
            let (inputs, found) = comparison::comparison_inputs(config, spec, &cohort, &info)?;
            findings.extend(found);
            Some(inputs)
        }
        None => None,
    };
    Ok(CheckedPeople {
        cohort,
        info,
        findings,
        student_ids,
        bank,
        comparison,
    })
}

/// The rules that tie the logs and the mentor bank to the checked cohort
/// (after `check_people`); the returned tables hold only the rows that count:
/// the meeting log, each survey wave and the cohort's mentor lookups are
/// tasks beside each other (they only read the cohort).
pub fn check_logs(config: &Config, people: CheckedPeople, logs: Logs) -> Validated {
    use rayon::prelude::*;
    let CheckedPeople {
        cohort,
        info,
        mut findings,
        student_ids,
        bank,
        comparison,
    } = people;
    let Logs { meetings, surveys } = logs;
    let students = StudentIndex::with_ids(&cohort, student_ids);
    let meetings_input = meetings.zip(config.inputs.meetings.as_ref());
    let ((meetings, meeting_findings), (waves, mentors)) = rayon::join(
        || match meetings_input {
            Some((loaded, spec)) => {
                let (valid, found) = meetings::validate_meetings(config, spec, loaded, &cohort, &students);
                (Some(valid), found)
            }
            None => (None, Vec::new()),
        },
        || {
            rayon::join(
                || {
                    surveys
                        .into_par_iter()
                        .map(|(info, responses)| surveys::validate_wave(config, info, responses, &students))
                        .collect::<Vec<_>>()
                },
                || bank.map(|bank| tie_mentors(config, bank, &cohort, &info)),
            )
        },
    );
    // The student index and the cohort's emails only tie records to
    // students. Freed now, their memory serves the metrics instead of
    // fresh pages the kernel must zero (tens of megabytes at sector scale).
    drop(students);
    let mut cohort = cohort;
    cohort.email = None;
    findings.extend(meeting_findings);
    let mut valid_waves = Vec::with_capacity(waves.len());
    for (wave, found) in waves {
        valid_waves.push(wave);
        findings.extend(found);
    }
    let mentors = mentors.map(|(valid, found)| {
        findings.extend(found);
        valid
    });
    let mut name_notes: Vec<String> = mentors.iter().flat_map(|m| m.name_notes.clone()).collect();
    if let Some(valid) = &meetings {
        let near = log_near_misses(config, valid, mentors.as_ref(), (&cohort, &info));
        findings.extend(near.findings);
        name_notes.extend(near.notes);
    }
    // A file read as another encoding than UTF-8, and the rows under a
    // header that are not records, are said once per file or sheet.
    let infos = std::iter::once(&info)
        .chain(mentors.as_ref().map(|m| &m.info))
        .chain(meetings.as_ref().map(|m| &m.info))
        .chain(valid_waves.iter().map(|w| &w.info));
    let per_file: Vec<Finding> = infos
        .flat_map(|info| {
            rules::file_encodings(info)
                .into_iter()
                .chain(rules::not_records(info))
                .chain(rules::uncomputed(info))
        })
        .collect();
    findings.extend(per_file);
    // Findings sort on every field, so the order the tasks finish in never
    // shows. A stable sort: each rule's findings arrive in row order, runs
    // it merges in a pass where an unstable sort compares strings anew.
    findings.sort();
    Validated {
        cohort,
        cohort_info: info,
        mentors,
        meetings,
        surveys: valid_waves,
        comparison,
        name_notes,
        quality: DataQuality { findings },
    }
}

/// mentor_name_near_miss in the meeting log: its mentors against the
/// bank's, or the cohort's when there is no bank.
fn log_near_misses(
    config: &Config,
    valid: &meetings::ValidMeetings,
    bank: Option<&ValidMentors>,
    (cohort, cohort_info): (&Cohort, &TableInfo),
) -> mentor_names::NearMisses {
    let Some(column) = config
        .inputs
        .meetings
        .as_ref()
        .and_then(|m| m.columns.mentor_id.as_deref())
    else {
        return mentor_names::NearMisses::default();
    };
    let known = match bank {
        Some(bank) => mentor_names::Known {
            rows: known_rows(&bank.mentors.mentor_id, &bank.mentors.origins),
            info: &bank.info,
        },
        None => mentor_names::Known {
            rows: cohort
                .mentor_id
                .as_ref()
                .map(|ids| known_rows(ids, &cohort.origins))
                .unwrap_or_default(),
            info: cohort_info,
        },
    };
    let place = mentor_names::MentorColumn {
        info: &valid.info,
        column,
    };
    let used = valid
        .mentor_first_rows
        .iter()
        .map(|(origin, key)| (*origin, key.as_str()));
    mentor_names::near_misses(&known, place, used)
}

/// Each mentor id with the first row holding it.
fn known_rows<'a>(ids: &'a [Option<crate::ingest::Id>], origins: &[Origin]) -> FxHashMap<&'a str, Origin> {
    let mut rows = FxHashMap::default();
    for (id, origin) in ids.iter().zip(origins) {
        if let Some(id) = id {
            rows.entry(id.as_str()).or_insert(*origin);
        }
    }
    rows
}

impl Validated {
    /// What reading the files decided that a user should know, a line each:
    /// a header found under title rows, a sheet of a stacked selection
    /// skipped, rows left out by `exclude`.
    pub fn reading_notes(&self) -> Vec<String> {
        let infos = std::iter::once(&self.cohort_info)
            .chain(self.mentors.as_ref().map(|m| &m.info))
            .chain(self.meetings.as_ref().map(|m| &m.info))
            .chain(self.surveys.iter().map(|w| &w.info));
        let mut notes: Vec<String> = infos.flat_map(reading_notes).collect();
        notes.extend(self.name_notes.iter().cloned());
        notes
    }
}

/// `Validated::reading_notes` of one input.
fn reading_notes(info: &TableInfo) -> Vec<String> {
    let mut notes = Vec::new();
    for source in &info.sources {
        if source.header_row > 1 {
            notes.push(format!(
                "{}: {}: header on row {} (the {} above it skipped)",
                info.input,
                source.describe(),
                source.header_row,
                if source.header_row == 2 {
                    "row".to_string()
                } else {
                    format!("{} rows", source.header_row - 1)
                }
            ));
        }
    }
    for skipped in &info.skipped {
        notes.push(format!("{}: {skipped}", info.input));
    }
    if !info.excluded.is_empty() {
        let total: usize = info.excluded.iter().map(|(_, _, n)| n).sum();
        let each: Vec<String> = info
            .excluded
            .iter()
            .map(|(column, value, n)| format!("{column} = {value}: {n}"))
            .collect();
        notes.push(format!(
            "{}: {total} rows left out by exclude ({})",
            info.input,
            each.join(", ")
        ));
    }
    notes
}
