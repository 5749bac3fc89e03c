//! Column mapping from a raw table to typed canonical columns. Cells that
//! cannot be read as their type become `CellProblem`s (validate turns them
//! into findings) and count as missing.

use chrono::NaiveDate;

use super::labels::Labels;
use super::values::{self, Parsed};
use super::{CellColumn, CellRef, Id, RawTable};
use crate::config::DateOrder;
use crate::error::Result;
use crate::hashing::FastMap;

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
    /// Row index in the raw table.
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

/// A configured column: its canonical field and file header.
#[derive(Debug, Clone)]
pub struct Mapped<'a> {
    field: &'static str,
    header: String,
    cells: &'a CellColumn,
}

/// Reads typed columns out of a raw table, collecting cell problems. Its
/// methods take `&self`, so the columns of one table can be mapped as
/// parallel tasks.
pub struct Mapper<'a> {
    table: &'a RawTable,
    order: DateOrder,
    /// Cells that could not be read, appended a column at a time.
    problems: std::sync::Mutex<Vec<CellProblem>>,
}

impl<'a> Mapper<'a> {
    /// A mapper over `table` reading text dates in `order`.
    pub fn new(table: &'a RawTable, order: DateOrder) -> Self {
        Mapper {
            table,
            order,
            problems: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// The cells that could not be read, by row then field: the same order
    /// whichever column task finished first.
    pub fn into_problems(self) -> Vec<CellProblem> {
        // A poisoned lock means a column task panicked, which re-raises anyway.
        let mut problems = self.problems.into_inner().unwrap_or_else(|e| e.into_inner());
        problems.sort_by_key(|p| (p.row, p.field));
        problems
    }

    /// A required column: fatal error when a file lacks it.
    pub fn required(&self, field: &'static str, header: &str) -> Result<Mapped<'a>> {
        let index = self.table.require_column(field, header)?;
        Ok(Mapped {
            field,
            header: header.to_string(),
            cells: &self.table.columns[index],
        })
    }

    /// An optional column: None when not configured; fatal when configured but absent.
    /// An optional column: None when not configured. When configured it must
    /// be in at least one file or sheet; where a file lacks it, its cells are
    /// empty (inputs.md: stacked inputs).
    pub fn optional(&self, field: &'static str, header: Option<&String>) -> Result<Option<Mapped<'a>>> {
        let Some(header) = header else {
            return Ok(None);
        };
        let index = self.table.require_column_somewhere(field, header)?;
        Ok(Some(Mapped {
            field,
            header: header.to_string(),
            cells: &self.table.columns[index],
        }))
    }

    fn date1904(&self, row: usize) -> bool {
        let source = self.table.origins[row].source as usize;
        self.table.sources.get(source).is_some_and(|s| s.date1904)
    }

    /// Ids (numbers without `.0`, leading zeros kept), stored inline when
    /// short: no heap allocation per cell for typical student and mentor ids.
    pub fn ids(&self, column: &Mapped<'_>) -> Vec<Option<Id>> {
        let mut out = Vec::with_capacity(column.cells.len());
        self.for_each_text(column, |text| out.push(text.map(Id::new)));
        out
    }

    /// Calls `f` with each cell's text (`values::cell_text`: trimmed, numbers
    /// without `.0`, None for missing), borrowing text cells instead of
    /// copying them.
    pub fn for_each_text(&self, column: &Mapped<'_>, mut f: impl FnMut(Option<&str>)) {
        column.cells.for_each(|cell| match cell {
            CellRef::Text(t) => f(values::clean_text(t)),
            other => f(values::cell_text(other).as_deref()),
        });
    }

    /// Texts of a column with few distinct values (sectors), dictionary-coded.
    pub fn labels(&self, column: &Mapped<'_>) -> Labels {
        self.coded_texts(column, str::to_string)
    }

    /// Lower-cased texts of a column with few distinct values (target-group
    /// rule columns), dictionary-coded like `labels`.
    pub fn lowercase_labels(&self, column: &Mapped<'_>) -> Labels {
        self.coded_texts(column, str::to_lowercase)
    }

    /// `transform` of each distinct text, computed and stored once; each row
    /// holds the code of its text. Texts that transform alike ("A" and "a"
    /// lower-cased) share one code.
    fn coded_texts(&self, column: &Mapped<'_>, transform: impl Fn(&str) -> String) -> Labels {
        let mut by_text: FastMap<String, u32> = FastMap::default();
        let mut by_value: FastMap<String, u32> = FastMap::default();
        let mut out = Labels::with_capacity(column.cells.len());
        self.for_each_text(column, |text| {
            let code = text.map(|text| match by_text.get(text) {
                Some(code) => *code,
                None => {
                    let value = transform(text);
                    let code = match by_value.get(&value) {
                        Some(code) => *code,
                        None => {
                            let code = out.add_value(value.clone());
                            by_value.insert(value, code);
                            code
                        }
                    };
                    by_text.insert(text.to_string(), code);
                    code
                }
            });
            out.push(code);
        });
        out
    }

    /// Texts as `for_each_text` reads them, stored end to end in one buffer.
    pub fn texts_in_one_buffer(&self, column: &Mapped<'_>) -> super::texts::Texts {
        let mut out = super::texts::Texts::with_capacity(column.cells.len(), column.cells.text_bytes());
        self.for_each_text(column, |text| out.push(text));
        out
    }

    /// Lower-cased texts stored end to end in one buffer (email addresses:
    /// a different value in nearly every row, compared case-insensitively).
    pub fn lowercase_texts(&self, column: &Mapped<'_>) -> super::texts::Texts {
        let mut out = super::texts::Texts::with_capacity(column.cells.len(), column.cells.text_bytes());
        self.for_each_text(column, |text| out.push_lowercase(text));
        out
    }

    /// A column the file's layout may have (Qualtrics' `Finished`): None
    /// when no file or sheet has it, never an error.
    pub fn present(&self, field: &'static str, header: &str) -> Option<Mapped<'a>> {
        let index = self.table.column_index(header)?;
        Some(Mapped {
            field,
            header: header.to_string(),
            cells: &self.table.columns[index],
        })
    }

    /// Calls `f` with each cell's row, the cell, and whether its workbook
    /// counts dates from 1904.
    fn for_each_dated<'c>(&self, column: &Mapped<'c>, mut f: impl FnMut(usize, CellRef<'c>, bool)) {
        // CSV files and most workbooks use the 1900 system: skip the per-row lookup.
        let any1904 = self.table.sources.iter().any(|s| s.date1904);
        let mut row = 0;
        column.cells.for_each(|cell| {
            f(row, cell, any1904 && self.date1904(row));
            row += 1;
        });
    }

    /// `parse` of every cell of `column` (given the cell and whether its
    /// workbook counts dates from 1904), recording no problems: for layout
    /// columns whose unreadable cells have a meaning of their own.
    pub fn read_each<T>(&self, column: &Mapped<'_>, parse: impl Fn(CellRef<'_>, bool) -> T) -> Vec<T> {
        let mut out = Vec::with_capacity(column.cells.len());
        self.for_each_dated(column, |_, cell, date1904| out.push(parse(cell, date1904)));
        out
    }

    /// Reads every cell of `column` with `parse` (given the cell and whether
    /// its workbook counts dates from 1904) and hands `emit` the value, or
    /// None for missing and unreadable cells; unreadable cells become problems.
    fn parse_each<T>(
        &self,
        column: &Mapped<'_>,
        kind: ProblemKind,
        parse: impl Fn(CellRef<'_>, bool) -> Parsed<T>,
        mut emit: impl FnMut(Option<T>),
    ) {
        let mut problems = Vec::new();
        self.for_each_dated(column, |row, cell, date1904| match parse(cell, date1904) {
            Parsed::Value(v) => emit(Some(v)),
            Parsed::Missing => emit(None),
            Parsed::Invalid(found) => {
                problems.push(CellProblem {
                    row,
                    column: column.header.clone(),
                    field: column.field,
                    kind,
                    found,
                });
                emit(None);
            }
        });
        if !problems.is_empty() {
            self.problems
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .append(&mut problems);
        }
    }

    /// Flags: missing is false; unreadable cells are problems and false.
    pub fn flags(&self, column: &Mapped<'_>) -> Vec<bool> {
        let order = self.order;
        let mut out = Vec::with_capacity(column.cells.len());
        self.parse_each(
            column,
            ProblemKind::Flag,
            |cell, date1904| values::parse_flag(cell, order, date1904),
            |flag| out.push(flag.unwrap_or(false)),
        );
        out
    }

    /// Flag-or-date columns: the flag and, when the cell is a date, the date.
    pub fn flag_dates(&self, column: &Mapped<'_>) -> (Vec<bool>, Vec<Option<NaiveDate>>) {
        let order = self.order;
        let mut flags = Vec::with_capacity(column.cells.len());
        let mut dates = Vec::with_capacity(column.cells.len());
        self.parse_each(
            column,
            ProblemKind::Flag,
            |cell, date1904| values::parse_flag_or_date(cell, order, date1904),
            |value| {
                let (flag, date) = value.unwrap_or((false, None));
                flags.push(flag);
                dates.push(date);
            },
        );
        (flags, dates)
    }

    /// Dates; unreadable cells are problems and missing.
    pub fn dates(&self, column: &Mapped<'_>) -> Vec<Option<NaiveDate>> {
        let order = self.order;
        let mut out = Vec::with_capacity(column.cells.len());
        self.parse_each(
            column,
            ProblemKind::Date,
            |cell, date1904| values::parse_date(cell, order, date1904),
            |date| out.push(date),
        );
        out
    }

    /// Numbers; unreadable cells are problems and missing.
    pub fn numbers(&self, column: &Mapped<'_>) -> Vec<Option<f64>> {
        let mut out = Vec::with_capacity(column.cells.len());
        self.parse_each(
            column,
            ProblemKind::Number,
            |cell, _| values::parse_number(cell),
            |number| out.push(number),
        );
        out
    }

    /// Durations in minutes; unreadable cells are problems and missing.
    pub fn durations(&self, column: &Mapped<'_>) -> Vec<Option<f64>> {
        let mut out = Vec::with_capacity(column.cells.len());
        self.parse_each(
            column,
            ProblemKind::Duration,
            |cell, _| values::parse_duration(cell),
            |minutes| out.push(minutes),
        );
        out
    }
}

/// Keeps the elements whose mask entry is true.
pub fn retain_by<T>(values: &mut Vec<T>, keep: &[bool]) {
    // Most masks keep every row: skip the pass over millions of elements.
    if keep.iter().take(values.len()).all(|k| *k) {
        return;
    }
    let mut index = 0;
    values.retain(|_| {
        let kept = keep.get(index).copied().unwrap_or(true);
        index += 1;
        kept
    });
}

/// `retain_by` on an optional column.
pub fn retain_opt<T>(values: &mut Option<Vec<T>>, keep: &[bool]) {
    if let Some(v) = values {
        retain_by(v, keep);
    }
}
