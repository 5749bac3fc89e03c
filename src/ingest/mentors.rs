//! The mentor bank as canonical typed columns, one row per mentor.

use super::labels::Labels;
use super::mapping::{CellProblem, Mapper, retain_by, retain_opt};
use super::{Id, Origin, RawTable};
use crate::config::{DateOrder, MentorColumns};
use crate::error::Result;

/// Canonical mentor-bank columns.
#[derive(Debug, Clone, Default)]
pub struct Mentors {
    pub origins: Vec<Origin>,
    pub mentor_id: Vec<Option<Id>>,
    /// Sector and recruitment source, dictionary-coded.
    pub sector: Option<Labels>,
    pub source: Option<Labels>,
    /// Mentees the mentor can take (default 1 when the column is absent or empty).
    pub capacity: Vec<f64>,
    pub trained: Option<Vec<bool>>,
}

impl Mentors {
    /// Keeps the rows whose mask entry is true.
    pub fn retain(&mut self, keep: &[bool]) {
        retain_by(&mut self.origins, keep);
        retain_by(&mut self.mentor_id, keep);
        for labels in [&mut self.sector, &mut self.source].into_iter().flatten() {
            labels.retain(keep);
        }
        retain_by(&mut self.capacity, keep);
        retain_opt(&mut self.trained, keep);
    }
}

/// Maps the raw mentor table to canonical columns.
pub fn map_mentors(
    columns: &MentorColumns,
    raw: &RawTable,
    order: DateOrder,
) -> Result<(Mentors, Vec<CellProblem>)> {
    let m = Mapper::new(raw, order);
    let id = m.required("mentor_id", &columns.mentor_id)?;
    // The organisation column must exist when configured, but no metric
    // reads it yet, so its cells are not read.
    m.optional("organisation", columns.organisation.as_ref())?;
    let sector = m.optional("sector", columns.sector.as_ref())?;
    let source = m.optional("source", columns.source.as_ref())?;
    let capacity = m.optional("capacity", columns.capacity.as_ref())?;
    let trained = m.optional("trained", columns.trained.as_ref())?;
    let capacity = match capacity {
        Some(c) => m.numbers(&c).into_iter().map(|v| v.unwrap_or(1.0)).collect(),
        None => vec![1.0; raw.len()],
    };
    let mentors = Mentors {
        origins: raw.origins.clone(),
        mentor_id: m.ids(&id),
        sector: sector.map(|c| m.labels(&c)),
        source: source.map(|c| m.labels(&c)),
        capacity,
        trained: trained.map(|c| m.flag_dates(&c).0),
    };
    Ok((mentors, m.into_problems()))
}
