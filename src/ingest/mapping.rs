//! Column mapping from a raw table to typed canonical columns, a block of
//! rows at a time. Cells that cannot be read as their type become
//! `CellProblem`s (validate turns them into findings) and count as missing.

use std::ops::Range;

use chrono::NaiveDate;

use super::answers::AnswerCoder;
use super::labels::Labels;
use super::texts::Texts;
use super::values::{self, Parsed};
use super::{CellColumn, CellRef, Id, RawTable};
use crate::config::DateOrder;
use crate::error::Result;
use crate::hashing::FastMap;

/// Rows per block when a table's columns are read block by block
/// (`Mapper::read_in_blocks`): a block of a wide file's text and its cells'
/// spans fit in a core's 1 MB second-level cache.
const BLOCK_ROWS: usize = 2048;

/// One column's reading for `Mapper::read_in_blocks`: appends the values of
/// a block of rows to the column's output.
pub type BlockReader<'r> = Box<dyn FnMut(Range<usize>) + 'r>;

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

impl Mapped<'_> {
    /// The file's column header.
    pub fn header(&self) -> &str {
        &self.header
    }
}

/// Reads typed columns out of a raw table, collecting cell problems. Each
/// column method appends the values of a range of rows to its output, so a
/// table is read block by block (`read_in_blocks`).
pub struct Mapper<'a> {
    table: &'a RawTable,
    order: DateOrder,
    /// Cells that could not be read, appended a column and block at a time.
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

    /// Takes the cells that could not be read, by row then field (the
    /// columns append theirs a block of rows at a time).
    pub fn take_problems(&self) -> Vec<CellProblem> {
        // A poisoned lock means a reader panicked, which re-raises anyway.
        let mut problems = std::mem::take(&mut *self.problems.lock().unwrap_or_else(|e| e.into_inner()));
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

    /// A survey item's column: fatal when a file lacks it.
    pub fn item(&self, item: &str, header: &str) -> Result<Mapped<'a>> {
        let index = self
            .table
            .require_column(&format!("survey item {item}"), header)?;
        Ok(Mapped {
            field: "survey item",
            header: header.to_string(),
            cells: &self.table.columns[index],
        })
    }

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

    /// Runs each reader over the table's rows a block at a time: every
    /// reader reads one block of rows before any reads the next. A row's
    /// cells sit side by side in a delimited file, so a block's text is
    /// fetched from memory once and stays in cache while each column reads
    /// it. Read a column at a time, the whole file streamed from memory once
    /// per column, and most of the mapping time went into waiting for it.
    pub fn read_in_blocks(&self, mut readers: Vec<BlockReader<'_>>) {
        let rows = self.table.len();
        let mut start = 0;
        while start < rows {
            let end = (start + BLOCK_ROWS).min(rows);
            for read in &mut readers {
                read(start..end);
            }
            start = end;
        }
    }

    /// Ids (numbers without `.0`, leading zeros kept), stored inline when
    /// short: no heap allocation per cell for typical student and mentor ids.
    pub fn ids(&self, column: &Mapped<'_>, rows: Range<usize>, out: &mut Vec<Option<Id>>) {
        self.for_each_text(column, rows, |text| out.push(text.map(Id::new)));
    }

    /// Calls `f` with the text of each cell of `rows` (`values::cell_text`:
    /// trimmed, numbers without `.0`, None for missing), borrowing text cells
    /// instead of copying them.
    pub fn for_each_text(&self, column: &Mapped<'_>, rows: Range<usize>, mut f: impl FnMut(Option<&str>)) {
        column.cells.for_each_in(rows, |cell| match cell {
            CellRef::Text(t) => f(values::clean_text(t)),
            other => f(values::cell_text(other).as_deref()),
        });
    }

    /// Appends the texts of `rows` to `coder`'s dictionary-coded column.
    pub fn code_texts(&self, column: &Mapped<'_>, rows: Range<usize>, coder: &mut TextCoder) {
        self.for_each_text(column, rows, |text| coder.push(text));
    }

    /// Appends the cells of `rows` to `coder`'s dictionary-coded answers.
    pub fn code_answers(&self, column: &Mapped<'_>, rows: Range<usize>, coder: &mut AnswerCoder) {
        column.cells.for_each_in(rows, |cell| coder.push(cell));
    }

    /// An empty one-buffer text column with room for every cell of `column`.
    pub fn texts_for(&self, column: &Mapped<'_>) -> Texts {
        Texts::with_capacity(column.cells.len(), column.cells.text_bytes())
    }

    /// Appends the texts of `rows`, as `for_each_text` reads them, to `out`.
    pub fn texts(&self, column: &Mapped<'_>, rows: Range<usize>, out: &mut Texts) {
        self.for_each_text(column, rows, |text| out.push(text));
    }

    /// Appends the texts of `rows` lower-cased to `out` (email addresses: a
    /// different value in nearly every row, compared case-insensitively).
    pub fn lowercase_texts(&self, column: &Mapped<'_>, rows: Range<usize>, out: &mut Texts) {
        self.for_each_text(column, rows, |text| out.push_lowercase(text));
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

    /// Calls `f` with each of `rows`, its cell, and whether its workbook
    /// counts dates from 1904.
    fn for_each_dated<'c>(
        &self,
        column: &Mapped<'c>,
        rows: Range<usize>,
        mut f: impl FnMut(usize, CellRef<'c>, bool),
    ) {
        // CSV files and most workbooks use the 1900 system: skip the per-row lookup.
        let any1904 = self.table.sources.iter().any(|s| s.date1904);
        let mut row = rows.start;
        column.cells.for_each_in(rows, |cell| {
            f(row, cell, any1904 && self.date1904(row));
            row += 1;
        });
    }

    /// Appends `parse` of each cell of `rows` (given the cell and whether its
    /// workbook counts dates from 1904) to `out`, recording no problems: for
    /// layout columns whose unreadable cells have a meaning of their own.
    pub fn read_each<T>(
        &self,
        column: &Mapped<'_>,
        rows: Range<usize>,
        parse: impl Fn(CellRef<'_>, bool) -> T,
        out: &mut Vec<T>,
    ) {
        self.for_each_dated(column, rows, |_, cell, date1904| out.push(parse(cell, date1904)));
    }

    /// Reads each cell of `rows` with `parse` (given the cell and whether its
    /// workbook counts dates from 1904) and hands `emit` the value, or None
    /// for missing and unreadable cells; unreadable cells become problems.
    fn parse_each<T>(
        &self,
        column: &Mapped<'_>,
        rows: Range<usize>,
        kind: ProblemKind,
        mut parse: impl FnMut(CellRef<'_>, bool) -> Parsed<T>,
        mut emit: impl FnMut(Option<T>),
    ) {
        let mut problems = Vec::new();
        self.for_each_dated(column, rows, |row, cell, date1904| match parse(cell, date1904) {
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

    /// Flags (a date means true); missing is false; unreadable cells are
    /// problems and false.
    pub fn flags(&self, column: &Mapped<'_>, rows: Range<usize>, out: &mut Vec<bool>) {
        let order = self.order;
        self.parse_each(
            column,
            rows,
            ProblemKind::Flag,
            |cell, date1904| values::parse_flag(cell, order, date1904),
            |flag| out.push(flag.unwrap_or(false)),
        );
    }

    /// Flag-or-date columns: the flag and, when the cell is a date, the date.
    pub fn flag_dates(
        &self,
        column: &Mapped<'_>,
        rows: Range<usize>,
        flags: &mut Vec<bool>,
        dates: &mut Vec<Option<NaiveDate>>,
    ) {
        let order = self.order;
        self.parse_each(
            column,
            rows,
            ProblemKind::Flag,
            |cell, date1904| values::parse_flag_or_date(cell, order, date1904),
            |value| {
                let (flag, date) = value.unwrap_or((false, None));
                flags.push(flag);
                dates.push(date);
            },
        );
    }

    /// Dates; unreadable cells are problems and missing. `memo` remembers
    /// the dates of texts already read in the column.
    pub fn dates(
        &self,
        column: &Mapped<'_>,
        rows: Range<usize>,
        out: &mut Vec<Option<NaiveDate>>,
        memo: &mut TextMemo<NaiveDate>,
    ) {
        let order = self.order;
        self.parse_each(
            column,
            rows,
            ProblemKind::Date,
            |cell, date1904| memo.parse(cell, |cell| values::parse_date(cell, order, date1904)),
            |date| out.push(date),
        );
    }

    /// Numbers; unreadable cells are problems and missing.
    pub fn numbers(&self, column: &Mapped<'_>, rows: Range<usize>, out: &mut Vec<Option<f64>>) {
        self.parse_each(
            column,
            rows,
            ProblemKind::Number,
            |cell, _| values::parse_number(cell),
            |number| out.push(number),
        );
    }

    /// Durations in minutes; unreadable cells are problems and missing.
    /// `memo` remembers the minutes of texts already read in the column.
    pub fn durations(
        &self,
        column: &Mapped<'_>,
        rows: Range<usize>,
        out: &mut Vec<Option<f64>>,
        memo: &mut TextMemo<f64>,
    ) {
        self.parse_each(
            column,
            rows,
            ProblemKind::Duration,
            |cell, _| memo.parse(cell, values::parse_duration),
            |minutes| out.push(minutes),
        );
    }
}

/// The values of texts already read in a column whose texts repeat (a
/// meeting log's dates and durations: a few hundred distinct texts over
/// millions of rows), so each distinct text is parsed once: a lookup costs
/// a tenth of parsing "1.5 hours". Only short texts that parse are kept, and
/// at most `TextMemo::MAX` of them.
pub struct TextMemo<T> {
    values: FastMap<Box<str>, T>,
}

impl<T> Default for TextMemo<T> {
    fn default() -> Self {
        TextMemo {
            values: FastMap::default(),
        }
    }
}

impl<T: Copy> TextMemo<T> {
    /// The most texts remembered.
    const MAX: usize = 4096;
    /// The longest text remembered, in bytes.
    const MAX_TEXT: usize = 32;

    /// `parse(cell)`, looked up when the cell is a text read before.
    /// `parse` must give the same value for the same text (the workbook's
    /// date system only matters for number cells, which are not kept).
    fn parse<'c>(&mut self, cell: CellRef<'c>, parse: impl FnOnce(CellRef<'c>) -> Parsed<T>) -> Parsed<T> {
        let CellRef::Text(text) = cell else {
            return parse(cell);
        };
        if text.len() > Self::MAX_TEXT {
            return parse(cell);
        }
        if let Some(value) = self.values.get(text) {
            return Parsed::Value(*value);
        }
        let parsed = parse(cell);
        if let Parsed::Value(value) = parsed
            && self.values.len() < Self::MAX
        {
            self.values.insert(text.into(), value);
        }
        parsed
    }
}

/// A dictionary-coded text column being filled (`Labels`): each distinct
/// text is transformed and stored once; each row holds the code of its text.
/// Texts that transform alike ("A" and "a" lower-cased) share one code.
pub struct TextCoder {
    transform: fn(&str) -> String,
    /// The first few texts seen and their codes, compared in turn before
    /// `by_text` is hashed: most coded columns have a handful of values.
    first: Vec<(String, u32)>,
    /// Code of each text seen, as found.
    by_text: FastMap<String, u32>,
    /// Code of each transformed text.
    by_value: FastMap<String, u32>,
    labels: Labels,
}

impl TextCoder {
    /// Texts as they are (sectors), for a column of `rows` rows.
    pub fn new(rows: usize) -> TextCoder {
        TextCoder::with_transform(rows, str::to_string)
    }

    /// Texts lower-cased (target-group rule columns), for `rows` rows.
    pub fn lowercase(rows: usize) -> TextCoder {
        TextCoder::with_transform(rows, str::to_lowercase)
    }

    fn with_transform(rows: usize, transform: fn(&str) -> String) -> TextCoder {
        TextCoder {
            transform,
            first: Vec::new(),
            by_text: FastMap::default(),
            by_value: FastMap::default(),
            labels: Labels::with_capacity(rows),
        }
    }

    /// Appends a row holding `text` (None: missing).
    fn push(&mut self, text: Option<&str>) {
        let code = text.map(|text| self.code_of(text));
        self.labels.push(code);
    }

    /// The code of a text, given a code when first seen.
    fn code_of(&mut self, text: &str) -> u32 {
        /// How many texts `first` holds.
        const FIRST: usize = 8;
        if let Some((_, code)) = self.first.iter().find(|(seen, _)| seen == text) {
            return *code;
        }
        if let Some(code) = self.by_text.get(text) {
            return *code;
        }
        let value = (self.transform)(text);
        let code = match self.by_value.get(&value) {
            Some(code) => *code,
            None => {
                let code = self.labels.add_value(value.clone());
                self.by_value.insert(value, code);
                code
            }
        };
        if self.first.len() < FIRST {
            self.first.push((text.to_string(), code));
        } else {
            self.by_text.insert(text.to_string(), code);
        }
        code
    }

    /// The coded column.
    pub fn into_labels(self) -> Labels {
        self.labels
    }
}

/// Adds the reader of an optional column: when configured, `read` fills
/// `field` (made a column with room for `rows` values) a block at a time.
pub fn add_optional<'r, T: 'r>(
    readers: &mut Vec<BlockReader<'r>>,
    column: Option<Mapped<'r>>,
    field: &'r mut Option<Vec<T>>,
    rows: usize,
    mut read: impl FnMut(&Mapped<'r>, Range<usize>, &mut Vec<T>) + 'r,
) {
    if let Some(column) = column {
        let out = field.insert(Vec::with_capacity(rows));
        readers.push(Box::new(move |r| read(&column, r, out)));
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
