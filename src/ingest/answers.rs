//! Survey answer columns, dictionary-coded as they are mapped: each distinct
//! cell is stored once and each response holds a 4-byte code. A Likert item
//! has a handful of distinct answers over hundreds of thousands of
//! responses, so validation scores each distinct answer once, and the
//! columns no longer hold on to the file's text.

use super::labels::SeenTexts;
use super::{Cell, CellRef};
use rustc_hash::FxHashMap;

/// The code of an empty cell.
const EMPTY: u32 = u32::MAX;

/// One survey item's raw answers, dictionary-coded.
#[derive(Debug, Clone, Default)]
pub struct Answers {
    /// The distinct cells, in order of first appearance (never `Cell::Empty`).
    values: Vec<Cell>,
    /// Per response: an index into `values`, or `EMPTY`.
    codes: Vec<u32>,
}

impl Answers {
    /// Number of responses.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether there are no responses.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The distinct cells; a code indexes this.
    pub fn values(&self) -> &[Cell] {
        &self.values
    }

    /// The code of a response's answer, None when empty or past the end.
    pub fn code(&self, row: usize) -> Option<u32> {
        self.codes.get(row).copied().filter(|&code| code != EMPTY)
    }

    /// A response's answer (empty past the end).
    pub fn get(&self, row: usize) -> CellRef<'_> {
        match self.code(row).and_then(|code| self.values.get(code as usize)) {
            Some(cell) => CellRef::from(cell),
            None => CellRef::Empty,
        }
    }
}

/// An `Answers` column being filled, a cell at a time.
#[derive(Debug, Default)]
pub struct AnswerCoder {
    /// Code of each text seen.
    seen: SeenTexts,
    /// Code of each number seen (spreadsheet cells), by its bits.
    by_number: FxHashMap<u64, u32>,
    answers: Answers,
}

impl AnswerCoder {
    /// An empty column with room for `rows` responses.
    pub fn with_capacity(rows: usize) -> AnswerCoder {
        AnswerCoder {
            answers: Answers {
                values: Vec::new(),
                codes: Vec::with_capacity(rows),
            },
            ..AnswerCoder::default()
        }
    }

    /// Appends the next response's answer.
    pub fn push(&mut self, cell: CellRef<'_>) {
        let code = match cell {
            CellRef::Empty => EMPTY,
            CellRef::Text(text) => self.text_code(text),
            CellRef::Number(n) => match self.by_number.get(&n.to_bits()) {
                Some(code) => *code,
                None => {
                    let code = self.add(Cell::Number(n));
                    self.by_number.insert(n.to_bits(), code);
                    code
                }
            },
            // Booleans, dates, durations and errors are rare in a survey
            // export: each is stored as it comes.
            CellRef::Bool(b) => self.add(Cell::Bool(b)),
            CellRef::Date(d) => self.add(Cell::Date(d)),
            CellRef::Duration(m) => self.add(Cell::Duration(m)),
            CellRef::Error(e) => self.add(Cell::Error(e.to_string())),
        };
        self.answers.codes.push(code);
    }

    /// The code of a text cell, given one when first seen.
    fn text_code(&mut self, text: &str) -> u32 {
        if let Some(code) = self.seen.get(text) {
            return code;
        }
        let code = self.add(Cell::Text(text.to_string()));
        self.seen.insert(text, code);
        code
    }

    /// Stores a distinct cell and returns its code.
    fn add(&mut self, cell: Cell) -> u32 {
        self.answers.values.push(cell);
        (self.answers.values.len() - 1) as u32
    }

    /// The coded column.
    pub fn into_answers(self) -> Answers {
        self.answers
    }
}
