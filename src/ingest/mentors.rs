//! The mentor bank as canonical typed columns, one row per mentor.

use super::coded::Labels;
use super::coder::TextCoder;
use super::keep::{retain_by, retain_opt};
use super::mapping::{BlockReader, Mapper, add_optional};
use super::values::ReadRules;
use super::{Id, Loaded, OpenInput, Origin};
use crate::config::MentorColumns;
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
pub fn map_mentors(columns: &MentorColumns, input: OpenInput, rules: ReadRules) -> Result<Loaded<Mentors>> {
    let OpenInput { shape, file_rows } = input;
    let m = Mapper::new(&shape, rules);
    let id = m.required("mentor_id", &columns.mentor_id)?;
    // The organisation column must exist when configured, but no metric
    // reads it yet, so its cells are not read.
    m.optional("organisation", columns.organisation.as_ref())?;
    let sector = m.optional("sector", columns.sector.as_ref())?;
    let source = m.optional("source", columns.source.as_ref())?;
    let capacity = m.optional("capacity", columns.capacity.as_ref())?;
    let trained = m.optional("trained", columns.trained.as_ref())?;
    // The columns are read a block of rows at a time.
    let rows = file_rows.rows_estimate();
    let mut mentor_id = Vec::with_capacity(rows);
    let mut capacities = Vec::with_capacity(rows);
    let (mut sectors, mut sources, mut trained_flags) = (None, None, None);
    let m = &m;
    let mut readers: Vec<BlockReader<'_>> = vec![Box::new(|r| m.mentor_ids(&id, r, &mut mentor_id))];
    match &capacity {
        Some(c) => readers.push(Box::new(|r| m.numbers(c, r, &mut capacities))),
        None => readers.push(Box::new(|b| capacities.resize(capacities.len() + b.len(), None))),
    }
    for (column, coder) in [(sector, &mut sectors), (source, &mut sources)] {
        if let Some(column) = column {
            let coder = coder.insert(TextCoder::new(rows));
            readers.push(Box::new(move |r| m.code_texts(&column, r, coder)));
        }
    }
    add_optional(&mut readers, trained, &mut trained_flags, rows, |c, r, out| {
        m.flags(c, r, out)
    });
    let read = m.read_in_blocks(file_rows, readers)?;
    let mentors = Mentors {
        origins: read.origins,
        mentor_id,
        sector: sectors.map(TextCoder::into_labels),
        source: sources.map(TextCoder::into_labels),
        // A mentor without a stated capacity takes one mentee.
        capacity: capacities.into_iter().map(|c| c.unwrap_or(1.0)).collect(),
        trained: trained_flags,
    };
    Ok(Loaded {
        info: read.info,
        table: mentors,
        problems: m.take_problems(),
    })
}
