//! Remembering what has been worked out of a text, so each distinct text of
//! a column is handled once. One type serves both uses:
//! - a coded column's codes (`TextMemo::unbounded`): every distinct text
//!   keeps its code; the first few are compared in turn before the rest are
//!   hashed, because most coded columns (labels, answers) have a handful;
//! - parsed values (`TextMemo::bounded`): a meeting log's dates and
//!   durations, a few hundred distinct texts over millions of rows, where a
//!   lookup costs a tenth of parsing "1.5 hours". Only short texts are kept,
//!   and only so many, in case a column holds free text.

use rustc_hash::FxHashMap;

use super::cells::CellRef;
use super::values::Parsed;

/// Texts and what each gave.
#[derive(Debug)]
pub struct TextMemo<T> {
    /// The first texts, compared in turn.
    first: Vec<(Box<str>, T)>,
    rest: FxHashMap<Box<str>, T>,
    /// How many texts are compared in turn before hashing.
    linear: usize,
    /// (most texts, longest text in bytes) kept; None: every text.
    bound: Option<(usize, usize)>,
}

impl<T> TextMemo<T> {
    /// For a coded column: never forgets a text.
    pub fn unbounded() -> TextMemo<T> {
        TextMemo {
            first: Vec::new(),
            rest: FxHashMap::default(),
            linear: 8,
            bound: None,
        }
    }

    /// For parsed values: at most 4,096 texts of up to 32 bytes.
    pub fn bounded() -> TextMemo<T> {
        TextMemo {
            first: Vec::new(),
            rest: FxHashMap::default(),
            linear: 0,
            bound: Some((4096, 32)),
        }
    }

    /// Whether `text` may be kept (short enough, and room left).
    pub fn keeps(&self, text: &str) -> bool {
        self.bound
            .is_none_or(|(most, longest)| text.len() <= longest && self.first.len() + self.rest.len() < most)
    }
}

impl<T: Copy> TextMemo<T> {
    /// What `text` gave, if it was kept.
    pub fn get(&self, text: &str) -> Option<T> {
        match self.first.iter().find(|(seen, _)| &**seen == text) {
            Some((_, value)) => Some(*value),
            None => self.rest.get(text).copied(),
        }
    }

    /// Keeps what `text` gave, when the bound allows.
    pub fn insert(&mut self, text: &str, value: T) {
        if !self.keeps(text) {
            return;
        }
        if self.first.len() < self.linear {
            self.first.push((text.into(), value));
        } else {
            self.rest.insert(text.into(), value);
        }
    }

    /// What `text` gives: remembered, or `compute`d and kept.
    pub fn get_or(&mut self, text: &str, compute: impl FnOnce() -> T) -> T {
        if let Some(value) = self.get(text) {
            return value;
        }
        let value = compute();
        self.insert(text, value);
        value
    }
}

impl<T: Copy> TextMemo<T> {
    /// `parse(cell)`, looked up when the cell is a text read before.
    /// `parse` must give the same value for the same text (the workbook's
    /// date system only matters for number cells, which are not kept).
    pub fn parse<'c>(
        &mut self,
        cell: CellRef<'c>,
        parse: impl FnOnce(CellRef<'c>) -> Parsed<T>,
    ) -> Parsed<T> {
        let CellRef::Text(text) = cell else {
            return parse(cell);
        };
        if !self.keeps(text) {
            return parse(cell);
        }
        if let Some(value) = self.get(text) {
            return Parsed::Value(value);
        }
        // Only texts that parse are kept: an unreadable one is reported on
        // every row that holds it.
        let parsed = parse(cell);
        if let Parsed::Value(value) = parsed {
            self.insert(text, value);
        }
        parsed
    }
}
