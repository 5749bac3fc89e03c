//! Survey answer columns are coded as they are mapped (`coded::Answers`):
//! a Likert item has a handful of distinct answers over hundreds of
//! thousands of responses, so validation scores each distinct answer once,
//! and the columns no longer hold on to the file's text.

use super::coded::Answers;
use super::memo::TextMemo;
use super::{Cell, CellRef};
use rustc_hash::FxHashMap;

/// An `Answers` column being filled, a cell at a time.
#[derive(Debug)]
pub struct AnswerCoder {
    /// Code of each text seen.
    seen: TextMemo<u32>,
    /// Code of each number seen (spreadsheet cells), by its bits.
    by_number: FxHashMap<u64, u32>,
    answers: Answers,
}

impl AnswerCoder {
    /// An empty column with room for `rows` responses.
    pub fn with_capacity(rows: usize) -> AnswerCoder {
        AnswerCoder {
            seen: TextMemo::unbounded(),
            by_number: FxHashMap::default(),
            answers: Answers::with_capacity(rows),
        }
    }

    /// Appends the next response's answer.
    pub fn push(&mut self, cell: CellRef<'_>) {
        let code = match cell {
            CellRef::Empty => {
                self.answers.push(None);
                return;
            }
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
        self.answers.push(Some(code));
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
        self.answers.add_value(cell)
    }

    /// The coded column.
    pub fn into_answers(self) -> Answers {
        self.answers
    }
}
