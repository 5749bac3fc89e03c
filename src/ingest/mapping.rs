//! Column mapping from a raw table to typed canonical columns, a block of
//! rows at a time. Cells that cannot be read as their type become
//! `CellProblem`s (validate turns them into findings) and count as missing.

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

/// Rows per block when a table's columns are read block by block
/// (`Mapper::read_in_blocks`): a block of a wide file's text and its cells'
/// spans fit in a core's 1 MB second-level cache.
const BLOCK_ROWS: usize = 2048;

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

/// Runs every reader over `rows` of `columns`, `BLOCK_ROWS` rows at a
/// time; `first` is the input row index of `rows.start`.
fn read_rows(
    columns: &[CellColumn],
    rows: Range<usize>,
    first: usize,
    date1904: bool,
    readers: &mut [BlockReader<'_>],
) {
    let mut start = rows.start;
    while start < rows.end {
        let end = (start + BLOCK_ROWS).min(rows.end);
        let block = Block {
            columns,
            rows: start..end,
            first: first + (start - rows.start),
            date1904,
        };
        for read in readers.iter_mut() {
            read(&block);
        }
        start = end;
    }
}

/// Runs every reader over a table built in memory, a source's rows at a
/// time (a block has one date system), and appends its origins.
fn read_table(table: &RawTable, origins: &mut Vec<Origin>, readers: &mut [BlockReader<'_>]) {
    let first = origins.len();
    let mut start = 0;
    while let Some(origin) = table.origins.get(start) {
        let run = table.origins[start..]
            .iter()
            .take_while(|o| o.source == origin.source)
            .count();
        let date1904 = table
            .sources
            .get(origin.source as usize)
            .is_some_and(|s| s.date1904);
        read_rows(
            &table.columns,
            start..start + run,
            first + start,
            date1904,
            readers,
        );
        start += run;
    }
    origins.extend_from_slice(&table.origins);
}

/// The `exclude` rules of an input, resolved to its columns.
#[derive(Debug, Default)]
pub struct Exclusions {
    /// (column index, column header, values lower-case, values as configured).
    rules: Vec<(usize, String, Vec<String>, Vec<String>)>,
    /// Rows left out per (rule, value).
    counts: Vec<Vec<usize>>,
}

impl Exclusions {
    /// Which of `rows` of `columns` are kept (None: every row).
    fn keep(&mut self, columns: &[CellColumn], rows: usize) -> Option<Vec<bool>> {
        if self.rules.is_empty() {
            return None;
        }
        let mut keep = vec![true; rows];
        for ((index, _, lower, _), counts) in self.rules.iter().zip(self.counts.iter_mut()) {
            let Some(column) = columns.get(*index) else {
                continue;
            };
            let mut row = 0;
            column.for_each_in(0..rows, |cell| {
                let text = match cell {
                    CellRef::Text(t) => Some(t.trim().to_lowercase()),
                    other => values::cell_text(other).map(|t| t.to_lowercase()),
                };
                if let Some(text) = text
                    && let Some(value) = lower.iter().position(|v| *v == text)
                    && keep[row]
                {
                    keep[row] = false;
                    counts[value] += 1;
                }
                row += 1;
            });
        }
        Some(keep)
    }

    /// Rows left out: (column, value as configured, rows), values that left none out omitted.
    fn counted(&self) -> Vec<(String, String, usize)> {
        let mut out = Vec::new();
        for ((_, column, _, values), counts) in self.rules.iter().zip(&self.counts) {
            for (value, count) in values.iter().zip(counts) {
                if *count > 0 {
                    out.push((column.clone(), value.clone(), *count));
                }
            }
        }
        out
    }
}

/// Runs the readers over the kept rows of `columns` (all when `keep` is
/// None), a run of kept rows at a time, and appends their origins.
fn read_kept(
    columns: &[CellColumn],
    row_numbers: &[u32],
    source: u32,
    date1904: bool,
    keep: Option<&[bool]>,
    origins: &mut Vec<Origin>,
    readers: &mut [BlockReader<'_>],
) {
    let rows = row_numbers.len();
    let Some(keep) = keep else {
        read_rows(columns, 0..rows, origins.len(), date1904, readers);
        origins.extend(row_numbers.iter().map(|&row| Origin { source, row }));
        return;
    };
    let mut start = 0;
    while start < rows {
        if !keep[start] {
            start += 1;
            continue;
        }
        let end = (start..rows).find(|&r| !keep[r]).unwrap_or(rows);
        read_rows(columns, start..end, origins.len(), date1904, readers);
        origins.extend(row_numbers[start..end].iter().map(|&row| Origin { source, row }));
        start = end;
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

    /// The `exclude` rules resolved to the input's columns; a rule's column
    /// must be in some file.
    fn exclusions(&self) -> Result<Exclusions> {
        let mut exclusions = Exclusions::default();
        for rule in &self.rules.exclude.0 {
            let index = self.table.require_column_somewhere("exclude", &rule.column)?;
            let lower = rule.values.iter().map(|v| v.trim().to_lowercase()).collect();
            exclusions.counts.push(vec![0; rule.values.len()]);
            exclusions
                .rules
                .push((index, rule.column.clone(), lower, rule.values.clone()));
        }
        Ok(exclusions)
    }

    /// Runs each reader over the input's rows a block at a time: every
    /// reader reads one block of rows before any reads the next. A row's
    /// cells sit side by side in a delimited file, so a block's text is
    /// fetched from memory once and stays in cache while each column reads
    /// it. Read a column at a time, the whole file streamed from memory once
    /// per column, and most of the mapping time went into waiting for it.
    ///
    /// A delimited file is read, scanned and mapped a region (about a
    /// megabyte) at a time (hashed as it is read, when asked). Returns every
    /// row's origin and the input's record for findings and metrics.json.
    pub fn read_in_blocks(
        &self,
        file_rows: InputRows,
        mut readers: Vec<BlockReader<'_>>,
    ) -> Result<ReadRows> {
        let mut origins: Vec<Origin> = Vec::with_capacity(file_rows.rows_estimate);
        let mut info = self.table.info();
        let mut exclusions = self.exclusions()?;
        for file in file_rows.files {
            match file {
                FileRows::Table(table) => read_table(&table, &mut origins, &mut readers),
                FileRows::Sheet { source, sheet } => {
                    let columns =
                        self.table
                            .in_input_order(&sheet.headers, sheet.columns, sheet.row_numbers.len());
                    let keep = exclusions.keep(&columns, sheet.row_numbers.len());
                    read_kept(
                        &columns,
                        &sheet.row_numbers,
                        source,
                        sheet.date1904,
                        keep.as_deref(),
                        &mut origins,
                        &mut readers,
                    );
                }
                FileRows::Csv { source, file, reader } => {
                    let (sha256, encoding, not_records) =
                        self.read_csv(reader, (source, &mut exclusions), &mut origins, &mut readers)?;
                    if let Some(record) = info.sources.get_mut(source as usize) {
                        record.not_records = not_records;
                    }
                    if let Some(record) = info.files.get_mut(file) {
                        if let Some(sha256) = sha256 {
                            record.sha256 = sha256;
                        }
                        record.encoding = encoding;
                    }
                }
            }
        }
        info.rows_read = origins.len();
        info.excluded = exclusions.counted();
        Ok(ReadRows { origins, info })
    }

    /// Reads a delimited file a region at a time: each region is scanned
    /// and mapped while its text is in cache. Returns the file's sha256
    /// (lower-case hex) when the reader hashes, and the encoding it was read
    /// in when that was not UTF-8.
    #[allow(clippy::type_complexity)]
    fn read_csv(
        &self,
        mut reader: Box<CsvReader<HashingReader<std::fs::File>>>,
        (source, exclusions): (u32, &mut Exclusions),
        origins: &mut Vec<Origin>,
        readers: &mut [BlockReader<'_>],
    ) -> Result<(Option<String>, Option<&'static str>, Vec<u32>)> {
        let headers = reader.headers().to_vec();
        let mut not_records = Vec::new();
        while let Some(region) = reader.next_region()? {
            let scanned = reader.scan(&region)?;
            let rows = scanned.row_numbers.len();
            let columns = self.table.in_input_order(&headers, scanned.columns, rows);
            let keep = exclusions.keep(&columns, rows);
            read_kept(
                &columns,
                &scanned.row_numbers,
                source,
                false,
                keep.as_deref(),
                origins,
                readers,
            );
            not_records.extend(scanned.not_records);
            reader.finish(region);
        }
        let encoding = reader.decoded_as();
        Ok((reader.into_source().finish(), encoding, not_records))
    }

    /// Ids (numbers without `.0`, leading zeros kept), stored inline when
    /// short: no heap allocation per cell for typical student and mentor ids.
    pub fn ids(&self, column: &Mapped, block: &Block<'_>, out: &mut Vec<Option<Id>>) {
        // An email used as the id (a log that knows students only by email)
        // matches in any case, as email addresses do.
        self.for_each_text(column, block, |text| {
            out.push(text.map(|t| {
                if t.contains('@') {
                    Id::from(t.to_lowercase())
                } else {
                    Id::new(t)
                }
            }))
        });
    }

    /// Mentor ids by their key (`values::mentor_key`): a mentor named with
    /// another case, spacing or title is the same mentor.
    /// A missing word ("TBC") is no mentor.
    pub fn mentor_ids(&self, column: &Mapped, block: &Block<'_>, out: &mut Vec<Option<Id>>) {
        self.for_each_text(column, block, |text| {
            let text = text.filter(|t| !self.rules.is_missing_word(CellRef::Text(t)));
            out.push(text.map(|t| Id::from(values::mentor_key(t))))
        });
    }

    /// Appends the block's mentor ids to `coder` (made by
    /// `TextCoder::mentor_keys`); a missing word ("TBC") is no mentor.
    pub fn code_mentor_ids(&self, column: &Mapped, block: &Block<'_>, coder: &mut TextCoder) {
        self.for_each_text(column, block, |text| {
            coder.push(text.filter(|t| !self.rules.is_missing_word(CellRef::Text(t))))
        });
    }

    /// Calls `f` with the text of each of the block's cells (`values::cell_text`:
    /// trimmed, numbers without `.0`, None for missing), borrowing text cells
    /// instead of copying them.
    pub fn for_each_text(&self, column: &Mapped, block: &Block<'_>, mut f: impl FnMut(Option<&str>)) {
        block.for_each(column, |_, cell| match cell {
            CellRef::Text(t) => f(values::clean_text(t)),
            other => f(values::cell_text(other).as_deref()),
        });
    }

    /// Appends the block's texts to `coder`'s dictionary-coded column.
    pub fn code_texts(&self, column: &Mapped, block: &Block<'_>, coder: &mut TextCoder) {
        self.for_each_text(column, block, |text| coder.push(text));
    }

    /// Appends the block's cells to `coder`'s dictionary-coded answers.
    pub fn code_answers(&self, column: &Mapped, block: &Block<'_>, coder: &mut AnswerCoder) {
        block.for_each(column, |_, cell| coder.push(cell));
    }

    /// Appends the block's texts, as `for_each_text` reads them, to `out`.
    pub fn texts(&self, column: &Mapped, block: &Block<'_>, out: &mut Texts) {
        self.for_each_text(column, block, |text| out.push(text));
    }

    /// Appends the block's texts lower-cased to `out` (email addresses: a
    /// different value in nearly every row, compared case-insensitively).
    pub fn lowercase_texts(&self, column: &Mapped, block: &Block<'_>, out: &mut Texts) {
        self.for_each_text(column, block, |text| out.push_lowercase(text));
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

    /// Appends `parse` of each of the block's cells (given the cell and whether its
    /// workbook counts dates from 1904) to `out`, recording no problems: for
    /// layout columns whose unreadable cells have a meaning of their own.
    pub fn read_each<T>(
        &self,
        column: &Mapped,
        block: &Block<'_>,
        parse: impl Fn(CellRef<'_>, bool) -> T,
        out: &mut Vec<T>,
    ) {
        block.for_each(column, |_, cell| out.push(parse(cell, block.date1904)));
    }

    /// Reads each of the block's cells with `parse` (given the cell and whether its
    /// workbook counts dates from 1904) and hands `emit` the value, or None
    /// for missing and unreadable cells; unreadable cells become problems.
    fn parse_each<T>(
        &self,
        column: &Mapped,
        block: &Block<'_>,
        kind: ProblemKind,
        mut parse: impl FnMut(CellRef<'_>, bool) -> Parsed<T>,
        mut emit: impl FnMut(Option<T>),
    ) {
        let mut problems = Vec::new();
        block.for_each(column, |row, cell| match parse(cell, block.date1904) {
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
    pub fn flags(&self, column: &Mapped, block: &Block<'_>, out: &mut Vec<bool>) {
        let rules = &self.rules;
        self.parse_each(
            column,
            block,
            ProblemKind::Flag,
            |cell, date1904| rules.rescue(cell, values::parse_flag(cell, rules.order, date1904)),
            |flag| out.push(flag.unwrap_or(false)),
        );
    }

    /// Flag-or-date columns: the flag and, when the cell is a date, the date.
    pub fn flag_dates(
        &self,
        column: &Mapped,
        block: &Block<'_>,
        flags: &mut Vec<bool>,
        dates: &mut Vec<Option<NaiveDate>>,
    ) {
        let rules = &self.rules;
        self.parse_each(
            column,
            block,
            ProblemKind::Flag,
            |cell, date1904| match values::parse_flag_or_date(cell, rules.order, date1904) {
                // "1st Dec" in a flag-or-date column: a date in the period.
                Parsed::Invalid(found) => match rules.rescue_date(cell, Parsed::Invalid(found)) {
                    Parsed::Value(date) => Parsed::Value((true, Some(date))),
                    Parsed::Missing => Parsed::Missing,
                    Parsed::Invalid(found) => Parsed::Invalid(found),
                },
                other => other,
            },
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
        column: &Mapped,
        block: &Block<'_>,
        out: &mut Vec<Option<NaiveDate>>,
        memo: &mut TextMemo<NaiveDate>,
    ) {
        let rules = &self.rules;
        self.parse_each(
            column,
            block,
            ProblemKind::Date,
            |cell, date1904| {
                memo.parse(cell, |cell| {
                    rules.rescue_date(cell, values::parse_date(cell, rules.order, date1904))
                })
            },
            |date| out.push(date),
        );
    }

    /// Numbers; unreadable cells are problems and missing.
    pub fn numbers(&self, column: &Mapped, block: &Block<'_>, out: &mut Vec<Option<f64>>) {
        self.parse_each(
            column,
            block,
            ProblemKind::Number,
            |cell, _| self.rules.rescue(cell, values::parse_number(cell)),
            |number| out.push(number),
        );
    }

    /// Durations in minutes; unreadable cells are problems and missing.
    /// `memo` remembers the minutes of texts already read in the column.
    pub fn durations(
        &self,
        column: &Mapped,
        block: &Block<'_>,
        out: &mut Vec<Option<f64>>,
        memo: &mut TextMemo<f64>,
    ) {
        self.parse_each(
            column,
            block,
            ProblemKind::Duration,
            |cell, _| {
                memo.parse(cell, |cell| {
                    let unit = self.rules.duration_unit;
                    self.rules.rescue(cell, values::parse_duration_in(cell, unit))
                })
            },
            |minutes| out.push(minutes),
        );
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
