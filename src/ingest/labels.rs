//! Text columns with few distinct values (target-group rule columns, mentor
//! sectors and recruitment sources), dictionary-coded: each distinct text is
//! stored once and each row holds a 4-byte code. Rules and breakdowns are
//! then evaluated once per distinct text, not once per row.

/// A dictionary-coded text column.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    /// The distinct texts, in order of first appearance.
    values: Vec<String>,
    /// Per row: an index into `values`, or `MISSING`.
    codes: Vec<u32>,
}

/// The code of a missing (empty) cell.
const MISSING: u32 = u32::MAX;

impl Labels {
    /// A column with room for `rows` rows.
    pub fn with_capacity(rows: usize) -> Labels {
        Labels {
            values: Vec::new(),
            codes: Vec::with_capacity(rows),
        }
    }

    /// Appends a row holding the distinct text `code` (from `add_value`),
    /// or a missing cell.
    pub fn push(&mut self, code: Option<u32>) {
        self.codes.push(code.unwrap_or(MISSING));
    }

    /// Adds a distinct text and returns its code. The caller keeps texts
    /// distinct (`mapping::TextCoder` looks them up first).
    pub fn add_value(&mut self, text: String) -> u32 {
        self.values.push(text);
        (self.values.len() - 1) as u32
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The distinct texts; a code indexes this.
    pub fn values(&self) -> &[String] {
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

    /// The text of a row, None when missing or past the end.
    pub fn get(&self, row: usize) -> Option<&str> {
        let code = *self.codes.get(row)?;
        self.values.get(code as usize).map(String::as_str)
    }

    /// Keeps the rows whose mask entry is true.
    pub fn retain(&mut self, keep: &[bool]) {
        super::mapping::retain_by(&mut self.codes, keep);
    }
}

/// The code given to each text seen while a column is coded: the first few
/// texts are compared in turn before the rest are hashed, because most
/// coded columns (labels, answers) have a handful of values.
#[derive(Debug, Default)]
pub struct SeenTexts {
    first: Vec<(String, u32)>,
    rest: rustc_hash::FxHashMap<String, u32>,
}

impl SeenTexts {
    /// How many texts are compared in turn.
    const FIRST: usize = 8;

    /// The code of a text seen before.
    pub fn get(&self, text: &str) -> Option<u32> {
        match self.first.iter().find(|(seen, _)| seen == text) {
            Some((_, code)) => Some(*code),
            None => self.rest.get(text).copied(),
        }
    }

    /// Remembers the code of a text not seen before.
    pub fn insert(&mut self, text: &str, code: u32) {
        if self.first.len() < Self::FIRST {
            self.first.push((text.to_string(), code));
        } else {
            self.rest.insert(text.to_string(), code);
        }
    }
}
