//! Column mapping from a raw table to typed canonical columns, a block of
//! rows at a time. Cells that cannot be read as their type become
//! `CellProblem`s (validate turns them into findings) and count as missing.

mod rows;
mod typed;

use std::ops::Range;

use chrono::NaiveDate;

use super::answers::AnswerCoder;
use super::checksum::HashingReader;
use super::coder::TextCoder;
use super::csv::CsvReader;
pub use super::memo::TextMemo;
use super::texts::Texts;
use super::values::{self, Parsed, ReadRules};
use super::{CellColumn, CellRef, FileRows, Id, InputRows, Origin, RawTable, TableInfo};

use crate::error::Result;

/// One column's reading for `Mapper::read_in_blocks`: appends the values of
/// a block of rows to the column's output. Readers run on whichever core
/// maps the input's next region or sheet, hence `Send`.
pub type BlockReader<'r> = Box<dyn FnMut(&Block<'_>) + Send + 'r>;

/// A run of rows of one file or sheet, handed to every reader in turn: the
/// rows of a region or sheet of the input (or of a whole table) in the input's column
/// order.
pub struct Block<'b> {
    /// One column per input header (`RawTable::headers`).
    columns: &'b [CellColumn],
    /// The rows, as indexes into `columns`.
    rows: Range<usize>,
    /// Row index in the whole input of the block's first row (`rows.start`).
    first: usize,
    /// The rows' workbook counts dates from 1904.
    date1904: bool,
}

impl<'b> Block<'b> {
    /// Rows `rows` of `columns`, whose first row is row `first` of the
    /// input, all of one file or sheet.
    pub fn new(columns: &'b [CellColumn], rows: Range<usize>, first: usize, date1904: bool) -> Block<'b> {
        Block {
            columns,
            first: first + rows.start,
            rows,
            date1904,
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the block has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Calls `f` with the input row index and cell of each of the block's
    /// rows of `column`.
    fn for_each<'s>(&'s self, column: &Mapped, mut f: impl FnMut(usize, CellRef<'s>)) {
        let mut row = self.first;
        let Some(cells) = self.columns.get(column.index) else {
            self.rows.clone().for_each(|_| {
                f(row, CellRef::Empty);
                row += 1;
            });
            return;
        };
        cells.for_each_in(self.rows.clone(), |cell| {
            f(row, cell);
            row += 1;
        });
    }
}

/// What `Mapper::read_in_blocks` learnt besides the readers' values.
pub struct ReadRows {
    /// Where each row came from.
    pub origins: Vec<Origin>,
    /// The input's files (with their sha256), sources and rows read.
    pub info: TableInfo,
}

/// The type a cell failed to parse as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    Date,
    Flag,
    Number,
    Duration,
}

/// A cell that could not be read as its canonical type.
#[derive(Debug, Clone)]
pub struct CellProblem {
    /// Row index in the input (its files' and sheets' rows stacked).
    pub row: usize,
    /// The file's column header.
    pub column: String,
    /// The canonical field.
    pub field: &'static str,
    /// What type was expected.
    pub kind: ProblemKind,
    /// What the cell held (shortened).
    pub found: String,
}

/// A configured column: its canonical field, file header and place among
/// the input's columns.
#[derive(Debug, Clone)]
pub struct Mapped {
    field: &'static str,
    header: String,
    index: usize,
}

impl Mapped {
    /// The file's column header.
    pub fn header(&self) -> &str {
        &self.header
    }
}

/// Reads typed columns out of an input, collecting cell problems. Each
/// column method appends the values of a block of rows to its output, so
/// an input is read block by block (`read_in_blocks`).
pub struct Mapper<'a> {
    table: &'a RawTable,
    rules: ReadRules,
    /// Cells that could not be read, appended a column and block at a time.
    problems: std::sync::Mutex<Vec<CellProblem>>,
}

impl<'a> Mapper<'a> {
    /// A mapper over `table` reading typed cells by `rules`.
    pub fn new(table: &'a RawTable, rules: ReadRules) -> Self {
        Mapper {
            table,
            rules,
            problems: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// Takes the cells that could not be read, by row then field (the
    /// columns append theirs a block of rows at a time).
    pub fn take_problems(&self) -> Vec<CellProblem> {
        // A poisoned lock means a reader panicked, which re-raises anyway.
        let mut problems = std::mem::take(&mut *self.problems.lock().unwrap_or_else(|e| e.into_inner()));
        problems.sort_by_key(|p| (p.row, p.field));
        problems
    }

    /// A required column: fatal error when a file lacks it.
    pub fn required(&self, field: &'static str, header: &str) -> Result<Mapped> {
        let index = self.table.require_column(field, header)?;
        Ok(Mapped {
            field,
            header: header.to_string(),
            index,
        })
    }

    /// A survey item's column: fatal when a file lacks it.
    pub fn item(&self, item: &str, header: &str) -> Result<Mapped> {
        let index = self
            .table
            .require_column(&format!("survey item {item}"), header)?;
        Ok(Mapped {
            field: "survey item",
            header: header.to_string(),
            index,
        })
    }

    /// An optional column: None when not configured. When configured it must
    /// be in at least one file or sheet; where a file lacks it, its cells are
    /// empty (inputs.md: stacked inputs).
    pub fn optional(&self, field: &'static str, header: Option<&String>) -> Result<Option<Mapped>> {
        let Some(header) = header else {
            return Ok(None);
        };
        let index = self.table.require_column_somewhere(field, header)?;
        Ok(Some(Mapped {
            field,
            header: header.to_string(),
            index,
        }))
    }

    /// A column the file's layout may have (Qualtrics' `Finished`): None
    /// when no file or sheet has it, never an error.
    pub fn present(&self, field: &'static str, header: &str) -> Option<Mapped> {
        let index = self.table.column_index(header)?;
        Some(Mapped {
            field,
            header: header.to_string(),
            index,
        })
    }
}

/// Adds the reader of an optional column: when configured, `read` fills
/// `field` (made a column with room for `rows` values) a block at a time.
pub fn add_optional<'r, T: Send + 'r>(
    readers: &mut Vec<BlockReader<'r>>,
    column: Option<Mapped>,
    field: &'r mut Option<Vec<T>>,
    rows: usize,
    mut read: impl FnMut(&Mapped, &Block<'_>, &mut Vec<T>) + Send + 'r,
) {
    if let Some(column) = column {
        let out = field.insert(Vec::with_capacity(rows));
        readers.push(Box::new(move |r| read(&column, r, out)));
    }
}
