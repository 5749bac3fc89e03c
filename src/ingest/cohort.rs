//! The cohort (uptake spreadsheet) as canonical typed columns, one row per eligible student.

use chrono::NaiveDate;

use super::labels::Labels;
use super::mapping::{CellProblem, Mapper, retain_by, retain_opt};
use super::{Id, Origin, RawTable};
use crate::config::{CohortColumns, Config, DateOrder};
use crate::error::Result;

/// Canonical cohort columns. Optional fields are None when not configured.
#[derive(Debug, Clone, Default)]
pub struct Cohort {
    /// Where each row came from (indexes the raw table's sources).
    pub origins: Vec<Origin>,
    pub student_id: Vec<Option<Id>>,
    /// Email addresses, lower-cased (surveys join on them case-insensitively).
    pub email: Option<super::texts::Texts>,
    pub registered: Vec<bool>,
    /// The registration date, when `registered` holds dates.
    pub registered_on: Vec<Option<NaiveDate>>,
    pub training_completed: Option<Vec<bool>>,
    pub quiz_score: Option<Vec<Option<f64>>>,
    pub mentor_id: Option<Vec<Option<Id>>>,
    pub matched_on: Option<Vec<Option<NaiveDate>>>,
    pub meet_greet_attended: Option<Vec<bool>>,
    pub ceremony_attended: Option<Vec<bool>>,
    pub withdrawn_on: Option<Vec<Option<NaiveDate>>>,
    pub placement_applied: Option<Vec<bool>>,
    pub placement_secured: Option<Vec<bool>>,
    /// Columns read by target-group rules: (header, lower-cased text per
    /// row, dictionary-coded).
    pub rule_columns: Vec<(String, Labels)>,
}

impl Cohort {
    /// Number of students (rows).
    pub fn len(&self) -> usize {
        self.student_id.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.student_id.is_empty()
    }

    /// Keeps the rows whose mask entry is true; the columns are filtered as
    /// parallel tasks.
    pub fn retain(&mut self, keep: &[bool]) {
        let Cohort {
            origins,
            student_id,
            email,
            registered,
            registered_on,
            training_completed,
            quiz_score,
            mentor_id,
            matched_on,
            meet_greet_attended,
            ceremony_attended,
            withdrawn_on,
            placement_applied,
            placement_secured,
            rule_columns,
        } = self;
        rayon::scope(|s| {
            s.spawn(|_| retain_by(origins, keep));
            s.spawn(|_| retain_by(student_id, keep));
            s.spawn(|_| {
                if let Some(email) = email {
                    email.retain(keep);
                }
            });
            s.spawn(|_| retain_by(registered, keep));
            s.spawn(|_| retain_by(registered_on, keep));
            s.spawn(|_| retain_opt(training_completed, keep));
            s.spawn(|_| retain_opt(quiz_score, keep));
            s.spawn(|_| retain_opt(mentor_id, keep));
            s.spawn(|_| retain_opt(matched_on, keep));
            s.spawn(|_| retain_opt(meet_greet_attended, keep));
            s.spawn(|_| retain_opt(ceremony_attended, keep));
            s.spawn(|_| retain_opt(withdrawn_on, keep));
            s.spawn(|_| retain_opt(placement_applied, keep));
            s.spawn(|_| retain_opt(placement_secured, keep));
            s.spawn(|_| {
                for (_, values) in rule_columns {
                    values.retain(keep);
                }
            });
        });
    }

    /// The values of a target-group rule column.
    pub fn rule_column(&self, header: &str) -> Option<&Labels> {
        self.rule_columns
            .iter()
            .find(|(h, _)| h == header)
            .map(|(_, v)| v)
    }
}

/// Maps the raw cohort table to canonical columns.
pub fn map_cohort(config: &Config, raw: &RawTable, order: DateOrder) -> Result<(Cohort, Vec<CellProblem>)> {
    let columns: &CohortColumns = &config.inputs.cohort.columns;
    let m = Mapper::new(raw, order);
    let student_id = m.required("student_id", &columns.student_id)?;
    let registered = m.required("registered", &columns.registered)?;
    let email = m.optional("email", columns.email.as_ref())?;
    // The department column must exist when configured, but no metric
    // breaks down by department yet, so its cells are not read.
    m.optional("department", columns.department.as_ref())?;
    let training = m.optional("training_completed", columns.training_completed.as_ref())?;
    let quiz = m.optional("quiz_score", columns.quiz_score.as_ref())?;
    let mentor = m.optional("mentor_id", columns.mentor_id.as_ref())?;
    let matched_on = m.optional("matched_on", columns.matched_on.as_ref())?;
    let meet_greet = m.optional("meet_greet_attended", columns.meet_greet_attended.as_ref())?;
    let ceremony = m.optional("ceremony_attended", columns.ceremony_attended.as_ref())?;
    let withdrawn = m.optional("withdrawn_on", columns.withdrawn_on.as_ref())?;
    let applied = m.optional("placement_applied", columns.placement_applied.as_ref())?;
    let secured = m.optional("placement_secured", columns.placement_secured.as_ref())?;
    let mut rule_columns = Vec::new();
    for (_, rule) in &config.target_groups.0 {
        if rule_columns.iter().any(|(h, _): &(String, _)| *h == rule.column) {
            continue;
        }
        rule_columns.push((
            rule.column.clone(),
            m.required("a target-group rule", &rule.column)?,
        ));
    }

    // Each column is a task of its own; each task fills one field.
    let mut cohort = Cohort {
        origins: raw.origins.clone(),
        ..Cohort::default()
    };
    let Cohort {
        student_id: ids,
        email: emails,
        registered: registered_flags,
        registered_on,
        training_completed,
        quiz_score,
        mentor_id,
        matched_on: matched,
        meet_greet_attended,
        ceremony_attended,
        withdrawn_on,
        placement_applied,
        placement_secured,
        rule_columns: rule_values,
        origins: _,
    } = &mut cohort;
    let mapper = &m;
    rayon::scope(|s| {
        s.spawn(|_| *ids = mapper.ids(&student_id));
        s.spawn(|_| *emails = email.map(|c| mapper.lowercase_texts(&c)));
        s.spawn(|_| (*registered_flags, *registered_on) = mapper.flag_dates(&registered));
        s.spawn(|_| *training_completed = training.map(|c| mapper.flag_dates(&c).0));
        s.spawn(|_| *quiz_score = quiz.map(|c| mapper.numbers(&c)));
        s.spawn(|_| *mentor_id = mentor.map(|c| mapper.ids(&c)));
        s.spawn(|_| *matched = matched_on.map(|c| mapper.dates(&c)));
        s.spawn(|_| *meet_greet_attended = meet_greet.map(|c| mapper.flags(&c)));
        s.spawn(|_| *ceremony_attended = ceremony.map(|c| mapper.flags(&c)));
        s.spawn(|_| *withdrawn_on = withdrawn.map(|c| mapper.dates(&c)));
        s.spawn(|_| *placement_applied = applied.map(|c| mapper.flags(&c)));
        s.spawn(|_| *placement_secured = secured.map(|c| mapper.flags(&c)));
        s.spawn(|_| {
            use rayon::prelude::*;
            *rule_values = rule_columns
                .into_par_iter()
                .map(|(header, column)| (header, mapper.lowercase_labels(&column)))
                .collect();
        });
    });
    Ok((cohort, m.into_problems()))
}
