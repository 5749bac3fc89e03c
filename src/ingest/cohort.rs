//! The cohort (uptake spreadsheet) as canonical typed columns, one row per eligible student.

use chrono::NaiveDate;

use super::coded::Labels;
use super::coder::TextCoder;
use super::keep::{retain_by, retain_opt};
use super::mapping::{BlockReader, Mapper, TextMemo, add_optional};
use super::values::ReadRules;
use super::{Id, Loaded, OpenInput, Origin};
use crate::config::{CohortColumns, Config};
use crate::error::Result;

/// Canonical cohort columns. Optional fields are None when not configured.
#[derive(Debug, Clone, Default)]
pub struct Cohort {
    /// Where each row came from (indexes the raw table's sources).
    pub origins: Vec<Origin>,
    pub student_id: Vec<Option<Id>>,
    /// Email addresses, lower-cased (surveys join on them case-insensitively).
    pub email: Option<super::texts::Texts>,
    /// The student's department (or school), as written, dictionary-coded.
    pub department: Option<Labels>,
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
    /// Columns read by header (`Config::cohort_headers`: target-group rule
    /// and comparison columns): (header, lower-cased text per row,
    /// dictionary-coded).
    pub header_columns: Vec<(String, Labels)>,
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
            department,
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
            header_columns,
        } = self;
        rayon::scope(|s| {
            s.spawn(|_| retain_by(origins, keep));
            s.spawn(|_| retain_by(student_id, keep));
            s.spawn(|_| {
                if let Some(email) = email {
                    email.retain(keep);
                }
            });
            s.spawn(|_| {
                if let Some(department) = department {
                    department.retain(keep);
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
                for (_, values) in header_columns {
                    values.retain(keep);
                }
            });
        });
    }

    /// The values of a column read by header.
    pub fn column(&self, header: &str) -> Option<&Labels> {
        let header = header.trim();
        self.header_columns
            .iter()
            .find(|(h, _)| h == header)
            .map(|(_, v)| v)
    }
}

/// Maps the raw cohort table to canonical columns.
pub fn map_cohort(config: &Config, input: OpenInput, rules: ReadRules) -> Result<Loaded<Cohort>> {
    let columns: &CohortColumns = &config.inputs.cohort.columns;
    let OpenInput { shape, file_rows } = input;
    let m = Mapper::new(&shape, rules);
    let student_id = m.required("student_id", &columns.student_id)?;
    let registered = m.required("registered", &columns.registered)?;
    let email = m.optional("email", columns.email.as_ref())?;
    let department = m.optional("department", columns.department.as_ref())?;
    let training = m.optional("training_completed", columns.training_completed.as_ref())?;
    let quiz = m.optional("quiz_score", columns.quiz_score.as_ref())?;
    let mentor = m.optional("mentor_id", columns.mentor_id.as_ref())?;
    let matched_on = m.optional("matched_on", columns.matched_on.as_ref())?;
    let meet_greet = m.optional("meet_greet_attended", columns.meet_greet_attended.as_ref())?;
    let ceremony = m.optional("ceremony_attended", columns.ceremony_attended.as_ref())?;
    let withdrawn = m.optional("withdrawn_on", columns.withdrawn_on.as_ref())?;
    let applied = m.optional("placement_applied", columns.placement_applied.as_ref())?;
    let secured = m.optional("placement_secured", columns.placement_secured.as_ref())?;
    let mut header_columns = Vec::new();
    for (header, key) in config.cohort_headers() {
        header_columns.push((header.to_string(), m.required(key, header)?));
    }

    // The columns are read a block of rows at a time, each into its field.
    let rows = file_rows.rows_estimate();
    let mut cohort = Cohort {
        student_id: Vec::with_capacity(rows),
        registered: Vec::with_capacity(rows),
        registered_on: Vec::with_capacity(rows),
        ..Cohort::default()
    };
    let mut coders: Vec<(String, TextCoder)> = header_columns
        .iter()
        .map(|(header, _)| (header.clone(), TextCoder::lowercase(rows)))
        .collect();
    let mut departments = None;
    let m = &m;
    let mut readers: Vec<BlockReader<'_>> = Vec::new();
    readers.push(Box::new(|r| m.ids(&student_id, r, &mut cohort.student_id)));
    readers.push(Box::new(|r| {
        m.flag_dates(&registered, r, &mut cohort.registered, &mut cohort.registered_on)
    }));
    if let Some(c) = email {
        let out = cohort.email.insert(super::texts::Texts::for_rows(rows));
        readers.push(Box::new(move |r| m.lowercase_texts(&c, r, out)));
    }
    add_optional(&mut readers, quiz, &mut cohort.quiz_score, rows, |c, r, out| {
        m.numbers(c, r, out)
    });
    add_optional(&mut readers, mentor, &mut cohort.mentor_id, rows, |c, r, out| {
        m.mentor_ids(c, r, out)
    });
    let flag_fields = [
        (training, &mut cohort.training_completed),
        (meet_greet, &mut cohort.meet_greet_attended),
        (ceremony, &mut cohort.ceremony_attended),
        (applied, &mut cohort.placement_applied),
        (secured, &mut cohort.placement_secured),
    ];
    for (column, field) in flag_fields {
        add_optional(&mut readers, column, field, rows, |c, r, out| m.flags(c, r, out));
    }
    for (column, field) in [
        (matched_on, &mut cohort.matched_on),
        (withdrawn, &mut cohort.withdrawn_on),
    ] {
        let mut memo = TextMemo::bounded();
        add_optional(&mut readers, column, field, rows, move |c, r, out| {
            m.dates(c, r, out, &mut memo)
        });
    }
    if let Some(column) = department {
        let coder = departments.insert(TextCoder::new(rows));
        readers.push(Box::new(move |r| m.code_texts(&column, r, coder)));
    }
    for ((_, column), (_, coder)) in header_columns.iter().zip(&mut coders) {
        readers.push(Box::new(move |r| m.code_texts(column, r, coder)));
    }
    let read = m.read_in_blocks(file_rows, readers)?;
    cohort.origins = read.origins;
    cohort.department = departments.map(TextCoder::into_labels);
    cohort.header_columns = coders
        .into_iter()
        .map(|(header, coder)| (header, coder.into_labels()))
        .collect();
    Ok(Loaded {
        info: read.info,
        table: cohort,
        problems: m.take_problems(),
    })
}
