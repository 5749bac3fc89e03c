//! Id -> row lookups over the cohort's and the mentor bank's id columns.
//! The tables store only row numbers (4 bytes a slot) and compare a key
//! with the id column they were built over. A table of owned ids (32-byte
//! slots) took about 70 MB of fresh pages for a million students; rows
//! alone take about 10 MB. A large column is split by hash into one table
//! per core, built side by side: the cohort's duplicate-id rule is the last
//! task of ingest, and a single table left the other core waiting.

use std::hash::Hasher;

use hashbrown::HashTable;
use rayon::prelude::*;

use crate::ingest::Id;
use rustc_hash::FxHasher;

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

/// Columns shorter than this are indexed in one table.
const ROWS_PER_PART: usize = 1 << 16;

/// Rows of an id column, one per distinct id, keyed by the id. It holds no
/// ids: look rows up through [`IdRows::over`] with the column it indexes.
#[derive(Debug, Clone)]
pub struct IdRows {
    /// One table per part of the hash space (a power of two of them).
    parts: Vec<HashTable<u32>>,
    /// The column the index fits, as `over` checks it.
    fits: Fits,
}

impl Default for IdRows {
    fn default() -> Self {
        IdRows {
            parts: vec![HashTable::new()],
            fits: Fits::of(&[], &[]),
        }
    }
}

/// What an index knows of the column it fits: its length and a hash of the
/// ids at up to 16 evenly spaced rows. Another column (of the same length,
/// even) would give wrong rows without a word; `IdRows::over` refuses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fits {
    rows: usize,
    sample: u64,
}

impl Fits {
    /// Of `ids` with the rows `removed` (ascending) taken out.
    fn of(ids: &[Option<Id>], removed: &[Repeat]) -> Fits {
        let rows = ids.len() - removed.len();
        let wanted: Vec<usize> = (0..16).map(|i| i * rows / 16).collect();
        let mut sample = 0u64;
        let (mut kept, mut next_removed) = (0usize, 0usize);
        for (row, id) in ids.iter().enumerate() {
            if removed.get(next_removed).is_some_and(|r| r.row as usize == row) {
                next_removed += 1;
                continue;
            }
            if wanted.binary_search(&kept).is_ok() {
                sample = sample.rotate_left(7) ^ hash_id(id.as_deref().unwrap_or_default());
            }
            kept += 1;
        }
        Fits { rows, sample }
    }
}

/// A row whose id an earlier row holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repeat {
    /// The repeating row.
    pub row: u32,
    /// The first row holding the id.
    pub first: u32,
}

impl IdRows {
    /// Indexes the rows of `ids` as they are (for a column already checked
    /// for repeats; should an id repeat, its first row is found).
    pub fn of_column(ids: &[Option<Id>]) -> IdRows {
        IdRows {
            parts: build_parts(ids).0,
            fits: Fits::of(ids, &[]),
        }
    }

    /// Indexes the first row of each id of `ids` and lists the rows that
    /// repeat an earlier row's id (ascending). Rows are numbered as if the
    /// repeats were removed, so the index fits the column once they are;
    /// rows without an id are kept (another rule reports them).
    pub fn first_rows(ids: &[Option<Id>]) -> (IdRows, Vec<Repeat>) {
        let (mut tables, mut repeats) = build_parts(ids);
        repeats.sort_unstable_by_key(|r| r.row);
        // Source row -> row once the repeats are removed.
        let kept_row = |row: u32| row - repeats.partition_point(|r| r.row < row) as u32;
        tables.par_iter_mut().for_each(|table| {
            for row in table.iter_mut() {
                *row = kept_row(*row);
            }
        });
        let fits = Fits::of(ids, &repeats);
        (IdRows { parts: tables, fits }, repeats)
    }

    /// Lookups against `ids`, the column this index was built for (after
    /// the repeated rows were removed).
    ///
    /// # Panics
    /// When `ids` is not that column (another length, or other ids at the
    /// sampled rows): a bug in the caller, which would otherwise get rows
    /// of the wrong students.
    pub fn over<'a>(&'a self, ids: &'a [Option<Id>]) -> IdIndex<'a> {
        assert!(
            self.fits == Fits::of(ids, &[]),
            "IdRows::over: the column given is not the one this index was built over"
        );
        IdIndex { rows: self, ids }
    }

    /// The table holding ids of this hash.
    fn part(&self, hash: u64) -> &HashTable<u32> {
        &self.parts[part_of(hash, self.parts.len())]
    }
}

/// The part of the hash space a hash falls in. hashbrown picks buckets by
/// the low bits and tags by the top seven, so parts take bits from the middle.
fn part_of(hash: u64, parts: usize) -> usize {
    ((hash >> 32) as usize) & (parts - 1)
}

/// The tables of every part (source rows), built side by side, and the
/// repeated rows (in no particular order).
fn build_parts(ids: &[Option<Id>]) -> (Vec<HashTable<u32>>, Vec<Repeat>) {
    let parts = if ids.len() < ROWS_PER_PART {
        1
    } else {
        rayon::current_num_threads().next_power_of_two().min(16)
    };
    let hashes: Vec<u64> = ids
        .par_iter()
        .with_min_len(ROWS_PER_PART)
        .map(|id| id.as_deref().map_or(0, hash_id))
        .collect();
    let built: Vec<(HashTable<u32>, Vec<Repeat>)> = (0..parts)
        .into_par_iter()
        .map(|part| build_part(ids, &hashes, part, parts))
        .collect();
    let mut repeats = Vec::new();
    let mut tables = Vec::with_capacity(parts);
    for (table, part_repeats) in built {
        tables.push(table);
        repeats.extend(part_repeats);
    }
    (tables, repeats)
}

/// One part's table (source rows) of the ids whose hash falls in `part`,
/// and that part's repeated rows, ascending.
fn build_part(
    ids: &[Option<Id>],
    hashes: &[u64],
    part: usize,
    parts: usize,
) -> (HashTable<u32>, Vec<Repeat>) {
    let mut table = HashTable::with_capacity(ids.len() / parts + ids.len() / parts / 8 + 1);
    let mut repeats = Vec::new();
    for (row, &hash) in hashes.iter().enumerate() {
        if part_of(hash, parts) != part {
            continue;
        }
        let Some(id) = id_at(ids, row as u32) else {
            continue;
        };
        // One hash per id: the slot is looked up and, when vacant, filled.
        let entry = table.entry(
            hash,
            |&first| id_at(ids, first) == Some(id),
            |&first| hashes[first as usize],
        );
        match entry {
            hashbrown::hash_table::Entry::Occupied(first) => repeats.push(Repeat {
                row: row as u32,
                first: *first.get(),
            }),
            hashbrown::hash_table::Entry::Vacant(slot) => {
                slot.insert(row as u32);
            }
        }
    }
    (table, repeats)
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
        let hash = hash_id(id);
        self.rows
            .part(hash)
            .find(hash, |&row| id_at(ids, row) == Some(id))
            .copied()
    }
}
