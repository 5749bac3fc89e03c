//! Data quality: the rules of inputs.md applied to the canonical tables. Owns
//! the finding type (input, file, sheet, row, column, rule, severity), drops
//! the rows a rule keeps out, and summarises findings for `validate` and the report.

pub mod comparison;
pub mod id_index;
pub mod meetings;
pub mod mentor_names;
pub mod rules;
pub mod surveys;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::Config;
use crate::ingest::cohort::Cohort;
use crate::ingest::mentors::Mentors;
use crate::ingest::texts::Texts;
use crate::ingest::{Logs, Origin, People, TableInfo};
use id_index::{IdIndex, IdRows};
use rustc_hash::FxHashMap;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails data quality (exit code 3).
    Error,
    /// Reported; fails only under --strict.
    Warning,
}

impl Severity {
    /// "error" or "warning".
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Data quality rules; `id()` is the rule id users filter on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rule {
    MissingRequiredValue,
    UnparseableDate,
    UnparseableFlag,
    UnparseableNumber,
    DuplicateStudentId,
    DuplicateMentorId,
    MentorNotInBank,
    TargetGroupValueMissing,
    UnknownStudent,
    MeetingBeforeMatch,
    MeetingAfterAsOf,
    DurationOutOfRange,
    UnknownMeetingKind,
    DuplicateMeeting,
    DuplicateSurveyResponse,
    LikertOutOfRange,
    ValueOutsideBins,
    FileEncoding,
    UnparseableDuration,
    NotARecord,
    MentorNameNearMiss,
    FormulaWithoutValue,
    QuizScoreAsFraction,
}

impl Rule {
    /// The rule id of inputs.md.
    pub fn id(self) -> &'static str {
        match self {
            Rule::MissingRequiredValue => "missing_required_value",
            Rule::UnparseableDate => "unparseable_date",
            Rule::UnparseableFlag => "unparseable_flag",
            Rule::UnparseableNumber => "unparseable_number",
            Rule::DuplicateStudentId => "duplicate_student_id",
            Rule::DuplicateMentorId => "duplicate_mentor_id",
            Rule::MentorNotInBank => "mentor_not_in_bank",
            Rule::TargetGroupValueMissing => "target_group_value_missing",
            Rule::UnknownStudent => "unknown_student",
            Rule::MeetingBeforeMatch => "meeting_before_match",
            Rule::MeetingAfterAsOf => "meeting_after_as_of",
            Rule::DurationOutOfRange => "duration_out_of_range",
            Rule::UnknownMeetingKind => "unknown_meeting_kind",
            Rule::DuplicateMeeting => "duplicate_meeting",
            Rule::DuplicateSurveyResponse => "duplicate_survey_response",
            Rule::LikertOutOfRange => "likert_out_of_range",
            Rule::ValueOutsideBins => "value_outside_bins",
            Rule::FileEncoding => "file_encoding",
            Rule::UnparseableDuration => "unparseable_duration",
            Rule::NotARecord => "not_a_record",
            Rule::MentorNameNearMiss => "mentor_name_near_miss",
            Rule::FormulaWithoutValue => "formula_without_value",
            Rule::QuizScoreAsFraction => "quiz_score_as_fraction",
        }
    }

    /// The rule's severity.
    pub fn severity(self) -> Severity {
        match self {
            Rule::MissingRequiredValue
            | Rule::UnparseableDate
            | Rule::UnparseableFlag
            | Rule::UnparseableNumber
            | Rule::FormulaWithoutValue => Severity::Error,
            _ => Severity::Warning,
        }
    }
}

/// One data quality finding. Never holds personal data beyond row numbers.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    pub input: String,
    pub file: String,
    pub sheet: String,
    /// Row number as a spreadsheet user sees it (None for findings about a whole input).
    pub row: Option<u32>,
    pub column: String,
    pub rule: Rule,
    pub message: String,
}

impl Finding {
    /// A finding about one row of `info`.
    pub fn at(info: &TableInfo, origin: Origin, column: &str, rule: Rule, message: String) -> Finding {
        let source = info.sources.get(origin.source as usize);
        Finding {
            input: info.input.clone(),
            file: source.map(|s| s.file.clone()).unwrap_or_default(),
            sheet: source.and_then(|s| s.sheet.clone()).unwrap_or_default(),
            row: Some(origin.row),
            column: column.to_string(),
            rule,
            message,
        }
    }

    /// The finding's severity.
    pub fn severity(&self) -> Severity {
        self.rule.severity()
    }
}

/// Count of findings for one (input, rule).
#[derive(Debug, Clone, Serialize)]
pub struct RuleCount {
    pub input: String,
    pub rule: &'static str,
    pub severity: &'static str,
    pub count: usize,
}

/// All findings of a run, sorted by input, file, sheet, row, column, rule.
#[derive(Debug, Clone, Default)]
pub struct DataQuality {
    pub findings: Vec<Finding>,
}

impl DataQuality {
    /// Number of findings with severity error.
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity() == Severity::Error)
            .count()
    }

    /// Number of findings with severity warning.
    pub fn warnings(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity() == Severity::Warning)
            .count()
    }

    /// Whether data quality fails: errors, or under `strict` any warning.
    pub fn failed(&self, strict: bool) -> bool {
        self.errors() > 0 || (strict && self.warnings() > 0)
    }

    /// Findings per rule id (every rule that fired).
    pub fn by_rule(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for finding in &self.findings {
            *counts.entry(finding.rule.id().to_string()).or_insert(0) += 1;
        }
        counts
    }

    /// Findings per (input, rule), in input order of first appearance then rule order.
    pub fn summary(&self) -> Vec<RuleCount> {
        let mut counts: Vec<RuleCount> = Vec::new();
        for finding in &self.findings {
            match counts
                .iter_mut()
                .find(|c| c.input == finding.input && c.rule == finding.rule.id())
            {
                Some(c) => c.count += 1,
                None => counts.push(RuleCount {
                    input: finding.input.clone(),
                    rule: finding.rule.id(),
                    severity: finding.severity().as_str(),
                    count: 1,
                }),
            }
        }
        counts
    }
}

/// Cohort row of each student id, built once for the meeting and survey
/// rules, and the cohort's emails for waves joined by email.
#[derive(Debug)]
pub struct StudentIndex<'a> {
    /// Student id -> cohort row (keys read from the cohort's id column).
    by_id: IdRows,
    cohort: &'a Cohort,
}

impl<'a> StudentIndex<'a> {
    /// Indexes the ids of the (deduplicated) cohort.
    pub fn new(cohort: &'a Cohort) -> StudentIndex<'a> {
        StudentIndex::with_ids(cohort, IdRows::of_column(&cohort.student_id))
    }

    /// The index over an id -> row index already built (by the duplicate
    /// rule) for this cohort's id column.
    pub fn with_ids(cohort: &'a Cohort, by_id: IdRows) -> StudentIndex<'a> {
        StudentIndex { by_id, cohort }
    }

    /// Number of cohort rows (every row an index gives is below it).
    pub fn cohort_rows(&self) -> usize {
        self.cohort.len()
    }

    /// Student id -> cohort row.
    pub fn by_id(&self) -> IdIndex<'_> {
        self.by_id.over(&self.cohort.student_id)
    }

    /// Cohort row of each lower-cased email in `keys`; when several cohort
    /// rows hold an email, the last one. The keys (one survey wave: fewer
    /// than the cohort's students) are indexed and the cohort's emails
    /// looked up in one pass, rather than indexing every student's email;
    /// the lookups are parallel tasks.
    pub fn rows_by_email(&self, keys: &Texts) -> Vec<Option<u32>> {
        use rayon::prelude::*;
        const END: u32 = u32::MAX;
        let mut rows = vec![None; keys.len()];
        let Some(emails) = &self.cohort.email else {
            return rows;
        };
        // Email -> the last response holding it; earlier responses with the
        // same email are chained through `next`.
        let mut head_of: FxHashMap<&str, u32> =
            FxHashMap::with_capacity_and_hasher(keys.len(), Default::default());
        let mut next = vec![END; keys.len()];
        for (response, key) in keys.iter().enumerate() {
            if let Some(key) = key
                && let Some(head) = head_of.insert(key, response as u32)
            {
                next[response] = head;
            }
        }
        // (chain head, cohort row) of every cohort email a response holds, by row.
        let found: Vec<(u32, u32)> = (0..emails.len())
            .into_par_iter()
            .with_min_len(LOOKUPS_PER_TASK)
            .filter_map(|row| {
                let head = head_of.get(emails.get(row)?)?;
                Some((*head, row as u32))
            })
            .collect();
        // Later cohort rows overwrite earlier ones: the last row counts.
        let mut row_of = vec![None; keys.len()];
        for (head, row) in found {
            row_of[head as usize] = Some(row);
        }
        for head in head_of.into_values() {
            let row = row_of[head as usize];
            let mut response = head;
            while response != END {
                rows[response as usize] = row;
                response = next[response as usize];
            }
        }
        rows
    }
}

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
