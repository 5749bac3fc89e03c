//! Dictionary-coded columns: each distinct value is stored once and each
//! row holds a 4-byte code. Text columns with few distinct values (target
//! group rule columns, mentor sectors and sources) are `Labels`; survey
//! answers, whose cells may be numbers or dates too, are `Answers`. Rules,
//! breakdowns and scores are then decided once per distinct value, not once
//! per row.

use super::{Cell, CellRef};

/// A dictionary-coded column of `T`.
#[derive(Debug, Clone)]
pub struct Coded<T> {
    /// The distinct values, in order of first appearance.
    values: Vec<T>,
    /// Per row: an index into `values`, or `MISSING`.
    codes: Vec<u32>,
    /// Text labels: each value as first written, before lower-casing
    /// ("School of Law" for "school of law"), for what a reader sees; empty
    /// for other columns.
    written: Vec<String>,
}

/// A dictionary-coded text column.
pub type Labels = Coded<String>;

/// One survey item's raw answers, dictionary-coded (never `Cell::Empty` among the values).
pub type Answers = Coded<Cell>;

/// The code of a missing (empty) cell.
const MISSING: u32 = u32::MAX;

impl<T> Default for Coded<T> {
    fn default() -> Self {
        Coded {
            values: Vec::new(),
            codes: Vec::new(),
            written: Vec::new(),
        }
    }
}

impl<T> Coded<T> {
    /// A column with room for `rows` rows.
    pub fn with_capacity(rows: usize) -> Coded<T> {
        Coded {
            values: Vec::new(),
            codes: Vec::with_capacity(rows),
            written: Vec::new(),
        }
    }

    /// Appends a row holding the distinct value `code` (from `add_value`),
    /// or a missing cell.
    pub fn push(&mut self, code: Option<u32>) {
        self.codes.push(code.unwrap_or(MISSING));
    }

    /// Adds a distinct value and returns its code. The caller keeps values
    /// distinct (it looks them up first, in a `memo::TextMemo`).
    pub fn add_value(&mut self, value: T) -> u32 {
        self.values.push(value);
        (self.values.len() - 1) as u32
    }

    /// Notes how the value `code` was first written (text labels).
    pub fn set_written(&mut self, code: u32, text: &str) {
        let code = code as usize;
        if self.written.len() <= code {
            self.written.resize(code + 1, String::new());
        }
        self.written[code] = text.trim().to_string();
    }

    /// How value `code` was first written, where noted.
    pub fn written(&self, code: u32) -> Option<&str> {
        self.written
            .get(code as usize)
            .map(String::as_str)
            .filter(|w| !w.is_empty())
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The distinct values; a code indexes this.
    pub fn values(&self) -> &[T] {
        &self.values
    }

    /// Each row's code, None for a missing cell.
    pub fn codes(&self) -> impl ExactSizeIterator<Item = Option<u32>> + '_ {
        self.codes.iter().map(|&code| (code != MISSING).then_some(code))
    }

    /// The code of a row, None when missing or past the end.
    pub fn code(&self, row: usize) -> Option<u32> {
        self.codes.get(row).copied().filter(|&code| code != MISSING)
    }

    /// The value of a row, None when missing or past the end.
    pub fn value(&self, row: usize) -> Option<&T> {
        self.values.get(self.code(row)? as usize)
    }

    /// Keeps the rows whose mask entry is true.
    pub fn retain(&mut self, keep: &[bool]) {
        super::keep::retain_by(&mut self.codes, keep);
    }
}

impl Labels {
    /// The text of a row, None when missing or past the end.
    pub fn get(&self, row: usize) -> Option<&str> {
        self.value(row).map(String::as_str)
    }
}

impl Answers {
    /// A response's answer (empty when missing or past the end).
    pub fn get(&self, row: usize) -> CellRef<'_> {
        self.value(row).map_or(CellRef::Empty, CellRef::from)
    }
}
