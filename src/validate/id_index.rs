//! Id -> row lookups over the cohort's and the mentor bank's id columns.
//! The table stores only row numbers (4 bytes a slot) and compares a key
//! with the id column it was built over. A table of owned ids (32-byte
//! slots) took about 70 MB of fresh pages for a million students, built on
//! one core while the other often waited; rows alone take about 10 MB.

use std::hash::Hasher;

use hashbrown::HashTable;

use crate::hashing::FxHasher;
use crate::ingest::Id;

/// The hash of an id's text (the Fx hash used by every id lookup).
fn hash_id(id: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(id.as_bytes());
    hasher.finish()
}

/// The id of `row` in `ids`, if it has one.
fn id_at(ids: &[Option<Id>], row: u32) -> Option<&str> {
    ids.get(row as usize)?.as_deref()
}

/// Rows of an id column, one per distinct id, keyed by the id. It holds no
/// ids: look rows up through [`IdRows::over`] with the column it indexes.
#[derive(Debug, Clone, Default)]
pub struct IdRows {
    table: HashTable<u32>,
}

impl IdRows {
    /// Indexes every row of `ids` (each id should appear once: the first
    /// row of an id wins). For tests and tools that index a checked table.
    pub fn of_column(ids: &[Option<Id>]) -> IdRows {
        let mut builder = IdRowsBuilder::new(ids);
        for row in 0..ids.len() {
            builder.offer(row);
        }
        builder.finish()
    }

    /// Lookups against `ids`, the column this index was built for (after
    /// the rows left out by its rule were removed).
    pub fn over<'a>(&'a self, ids: &'a [Option<Id>]) -> IdIndex<'a> {
        IdIndex { rows: self, ids }
    }
}

/// An [`IdRows`] joined to its id column, ready for lookups.
#[derive(Debug, Clone, Copy)]
pub struct IdIndex<'a> {
    rows: &'a IdRows,
    ids: &'a [Option<Id>],
}

impl IdIndex<'_> {
    /// The row holding `id`, if any.
    pub fn get(&self, id: &str) -> Option<u32> {
        let ids = self.ids;
        self.rows
            .table
            .find(hash_id(id), |&row| id_at(ids, row) == Some(id))
            .copied()
    }
}

/// Builds an [`IdRows`] while a rule decides which rows of a column to keep.
/// Rows are numbered among the kept rows, so the index fits the column once
/// the rows left out are removed.
pub struct IdRowsBuilder<'a> {
    ids: &'a [Option<Id>],
    table: HashTable<u32>,
    /// The source row (in `ids`) of each kept row.
    kept: Vec<u32>,
}

/// What [`IdRowsBuilder::offer`] decided about a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    /// The row is kept: its id is new, or it has none (another rule reports
    /// a missing id).
    Kept,
    /// An earlier row (its source row given) holds the same id.
    Repeats(u32),
}

impl<'a> IdRowsBuilder<'a> {
    /// A builder over `ids`, with room for every row.
    pub fn new(ids: &'a [Option<Id>]) -> IdRowsBuilder<'a> {
        IdRowsBuilder {
            ids,
            table: HashTable::with_capacity(ids.len()),
            kept: Vec::with_capacity(ids.len()),
        }
    }

    /// Offers source row `row` (rows in order): kept when its id is new.
    pub fn offer(&mut self, row: usize) -> Offer {
        let Some(id) = id_at(self.ids, row as u32) else {
            self.kept.push(row as u32);
            return Offer::Kept;
        };
        let (ids, kept) = (self.ids, &self.kept);
        // One hash per id: the slot is looked up and, when vacant, filled.
        let entry = self.table.entry(
            hash_id(id),
            |&k| id_at(ids, kept[k as usize]) == Some(id),
            |&k| id_at(ids, kept[k as usize]).map_or(0, hash_id),
        );
        match entry {
            hashbrown::hash_table::Entry::Occupied(first) => Offer::Repeats(kept[*first.get() as usize]),
            hashbrown::hash_table::Entry::Vacant(slot) => {
                slot.insert(kept.len() as u32);
                self.kept.push(row as u32);
                Offer::Kept
            }
        }
    }

    /// The index of the kept rows.
    pub fn finish(self) -> IdRows {
        IdRows { table: self.table }
    }
}
