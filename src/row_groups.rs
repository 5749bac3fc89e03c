//! Items grouped by a dense row index (a counting sort): the meetings of each
//! cohort row in log order, for per-student work on millions of meetings
//! without hashing. Used by validation (duplicate meetings) and the metrics
//! (monthly counts).

/// Item indices grouped by row; within a row, in item order. Indices are
/// u32, as row numbers are (`Origin`): half the memory of usize over
/// millions of items; a table holds fewer than 2^32 rows.
#[derive(Debug, Clone, Default)]
pub struct RowGroups {
    /// Row r's items are `items[starts[r]..starts[r + 1]]`.
    starts: Vec<u32>,
    items: Vec<u32>,
}

impl RowGroups {
    /// Groups the items 0, 1, 2, ... of `rows` (each item's row, or None to
    /// leave it out) over rows `0..row_count`; rows past the end are left out.
    pub fn new(row_count: usize, rows: impl Iterator<Item = Option<usize>> + Clone) -> RowGroups {
        let rows = rows.map(|row| row.filter(|&r| r < row_count));
        let mut starts = vec![0u32; row_count + 1];
        for row in rows.clone().flatten() {
            starts[row + 1] += 1;
        }
        for r in 0..row_count {
            starts[r + 1] += starts[r];
        }
        let mut next = starts.clone();
        let mut items = vec![0u32; starts[row_count] as usize];
        for (item, row) in rows.enumerate() {
            if let Some(row) = row {
                items[next[row] as usize] = item as u32;
                next[row] += 1;
            }
        }
        RowGroups { starts, items }
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Number of items grouped (those left out not counted).
    pub fn items(&self) -> usize {
        self.items.len()
    }

    /// The items of a row, in item order (empty past the last row).
    pub fn group(&self, row: usize) -> &[u32] {
        match (self.starts.get(row), self.starts.get(row + 1)) {
            (Some(&start), Some(&end)) => &self.items[start as usize..end as usize],
            _ => &[],
        }
    }
}
