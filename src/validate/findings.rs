//! A data-quality finding (input, file, sheet, row, column, rule, severity),
//! the rules' ids and the summary `validate` prints and the report counts.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::ingest::{Origin, TableInfo};

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
