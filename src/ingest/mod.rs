//! Ingest: opens every configured input file (spreadsheets read whole
//! through calamine, delimited text streamed through our own reader in
//! `csv`), checks the configured columns against every file's headers, then
//! maps the rows to canonical tables a block at a time, hashing each file's
//! bytes (sha256) beside. A delimited file is read, scanned, hashed and
//! mapped a region of about a megabyte at a time, so it is never held whole.
//! Inputs, hashes and survey waves are tasks of rayon's pool. Owns the raw
//! cell model and the file records.

pub mod answers;
pub mod budget;
pub mod cells;
pub mod checksum;
pub mod coded;
pub mod cohort;
pub mod csv;
pub mod excel;
pub mod header;
pub mod keep;
pub mod mapping;
pub mod meetings;
pub mod memo;
pub mod mentors;
pub mod preview;
pub mod surveys;
pub mod texts;
pub mod values;
pub mod xls_budget;
pub mod xls_records;

use std::path::Path;

pub use cells::{Cell, CellColumn, CellRef};

/// A student or mentor id: text stored inline up to 24 bytes (compact_str,
/// which polars already builds), so millions of ids need no allocation each.
pub type Id = compact_str::CompactString;

use crate::config::{Config, Source};
use crate::error::{Error, Result};
use crate::regular_file;

/// Row layout of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One header row, then data; a Qualtrics export's two rows under its
    /// header are told by their content and skipped (a meeting log or a
    /// cohort kept in Qualtrics needs no `format`).
    Plain,
    /// Every row under the header as written (`init`'s first look, which
    /// reads the question texts a Qualtrics export keeps there).
    AsWritten,
    /// Qualtrics: a header row, then question text and ImportId rows that are not data.
    Qualtrics,
    /// Jisc Online Surveys: a code header, a question-text header, or both
    /// (the text row under the codes is not data).
    Jisc,
}

/// One sheet (or CSV file) as read: headers and column-oriented cells.
#[derive(Debug, Clone, Default)]
pub struct SheetTable {
    /// Sheet name; None for CSV files.
    pub sheet: Option<String>,
    /// The workbook counts dates from 1904.
    pub date1904: bool,
    /// Every header of the sheet, trimmed (for messages listing what was found).
    pub all_headers: Vec<String>,
    /// The question text under each of `all_headers` (Qualtrics' and Jisc's
    /// text rows); empty where the export has none.
    pub all_texts: Vec<String>,
    /// Headers of the columns read (the ones the configuration maps).
    pub headers: Vec<String>,
    /// One column per header of `headers`.
    pub columns: Vec<CellColumn>,
    /// Row number as a spreadsheet user sees it, per data row.
    pub row_numbers: Vec<u32>,
    /// The header's row number (1 unless title rows are above it).
    pub header_row: u32,
    /// Rows below the header that are not records (totals, notes), skipped.
    pub not_records: Vec<u32>,
    /// Cells of read columns holding a formula saved without its value
    /// (row, header): read as empty, and reported.
    pub uncomputed: Vec<(u32, String)>,
}

/// The column headers an input's configuration reads; other columns are not
/// converted to cells (a sector-scale export has many columns nobody maps).
#[derive(Debug, Clone, Default)]
pub struct Wanted {
    /// Every column is read (`init`'s preview of files it does not know yet).
    all: bool,
    headers: std::collections::HashSet<String>,
    /// (field, header) of the columns every file must have, checked as soon
    /// as a sheet's header row is read (before its rows).
    required: Vec<(&'static str, String)>,
}

impl Wanted {
    /// From header names.
    pub fn new<I: IntoIterator<Item = S>, S: Into<String>>(headers: I) -> Wanted {
        Wanted {
            all: false,
            headers: headers.into_iter().map(|h| h.into().trim().to_string()).collect(),
            required: Vec::new(),
        }
    }

    /// Every column.
    pub fn all() -> Wanted {
        Wanted {
            all: true,
            ..Wanted::default()
        }
    }

    /// Also reads the columns `headers`.
    pub fn also<'h>(mut self, headers: impl IntoIterator<Item = &'h str>) -> Wanted {
        self.headers
            .extend(headers.into_iter().map(|h| h.trim().to_string()));
        self
    }

    /// Also requires the column `header`, mapped to `field`, in every file.
    pub fn require(mut self, field: &'static str, header: &str) -> Wanted {
        let header = header.trim().to_string();
        self.headers.insert(header.clone());
        self.required.push((field, header));
        self
    }

    /// Whether a column with this header is read.
    pub fn wants(&self, header: &str) -> bool {
        self.all || self.headers.contains(header)
    }

    /// Whether some column is required (the header search looks for them).
    pub fn has_required(&self) -> bool {
        !self.required.is_empty()
    }

    /// How many required headers `headers` holds.
    pub fn required_held(&self, headers: &[String]) -> usize {
        self.required.iter().filter(|(_, h)| headers.contains(h)).count()
    }

    /// The first required (field, header) that `headers` lacks.
    pub fn first_missing(&self, headers: &[String]) -> Option<(&'static str, &str)> {
        self.required
            .iter()
            .find(|(_, header)| !headers.contains(header))
            .map(|(field, header)| (*field, header.as_str()))
    }
}

/// Where a stacked table's rows came from.
#[derive(Debug, Clone)]
pub struct SheetSource {
    /// The path as written in the configuration.
    pub file: String,
    /// Sheet name (spreadsheets only).
    pub sheet: Option<String>,
    /// The workbook counts dates from 1904.
    pub date1904: bool,
    /// The headers this file or sheet has.
    pub headers: Vec<String>,
    /// The question text under each of `headers` (empty: none).
    pub texts: Vec<String>,
    /// The header's row number (1 unless title rows are above it).
    pub header_row: u32,
    /// Rows below the header that are not records (totals, notes), skipped.
    pub not_records: Vec<u32>,
    /// Formula cells saved without a value (row, header).
    pub uncomputed: Vec<(u32, String)>,
}

impl SheetSource {
    /// The source record of a sheet read from `file`.
    pub fn of(file: &str, sheet: &SheetTable) -> SheetSource {
        SheetSource {
            file: file.to_string(),
            sheet: sheet.sheet.clone(),
            date1904: sheet.date1904,
            headers: sheet.all_headers.clone(),
            texts: sheet.all_texts.clone(),
            header_row: sheet.header_row,
            not_records: sheet.not_records.clone(),
            uncomputed: sheet.uncomputed.clone(),
        }
    }

    /// "file" or "file, sheet 'name'" for messages.
    pub fn describe(&self) -> String {
        match &self.sheet {
            Some(sheet) => format!("{}, sheet '{sheet}'", self.file),
            None => self.file.clone(),
        }
    }
}

/// A data row's origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    /// Index into `RawTable::sources`.
    pub source: u32,
    /// Row number as a spreadsheet user sees it.
    pub row: u32,
}

/// A read input file with its checksum.
#[derive(Debug, Clone, serde::Serialize)]
pub struct InputFile {
    /// The path as written in the configuration.
    pub path: String,
    /// sha256 of the file's bytes, lower-case hex; empty when ingest was
    /// asked not to compute checksums (`Checksums::Skip`).
    pub sha256: String,
    /// The encoding a delimited file was read in when it was not UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<&'static str>,
}

/// All files and sheets of one input, stacked: a column present in only some
/// sources is empty elsewhere.
#[derive(Debug, Clone, Default)]
pub struct RawTable {
    /// Input name ("cohort", "mentors", "meetings", "survey pre").
    pub input: String,
    /// Files and sheets, in reading order.
    pub sources: Vec<SheetSource>,
    /// Union of the headers in order of first appearance.
    pub headers: Vec<String>,
    /// One column of cells per header.
    pub columns: Vec<CellColumn>,
    /// Per row: where it came from.
    pub origins: Vec<Origin>,
    /// The files read, with checksums.
    pub files: Vec<InputFile>,
    /// Sheets of a stacked selection that were skipped, and why.
    pub skipped: Vec<String>,
}

impl RawTable {
    /// The question text of the column `header` in the first file or sheet
    /// that has one (a survey export's text row), else None.
    pub fn question_text(&self, header: &str) -> Option<&str> {
        let header = header.trim();
        self.sources.iter().find_map(|source| {
            let at = source.headers.iter().position(|h| h == header)?;
            source.texts.get(at).map(String::as_str).filter(|t| !t.is_empty())
        })
    }

    /// Number of data rows.
    pub fn len(&self) -> usize {
        self.origins.len()
    }

    /// Whether there are no data rows.
    pub fn is_empty(&self) -> bool {
        self.origins.is_empty()
    }

    /// Index of a header, if any source has it. Headers are compared
    /// trimmed, as files' headers are read: a configured "Student ID " copied
    /// with its trailing space is the file's "Student ID ".
    pub fn column_index(&self, header: &str) -> Option<usize> {
        let header = header.trim();
        self.headers.iter().position(|h| h == header)
    }

    /// Checks that at least one source has `header` (an optional field's
    /// column); the error names the column and every file's headers.
    pub fn require_column_somewhere(&self, field: &str, header: &str) -> Result<usize> {
        if let Some(index) = self.column_index(header) {
            return Ok(index);
        }
        let found: Vec<String> = self
            .sources
            .iter()
            .map(|s| format!("{}: {}", s.describe(), list_headers(&s.headers)))
            .collect();
        let every = self
            .sources
            .iter()
            .flat_map(|s| s.headers.iter().map(String::as_str));
        let hint = crate::suggest::closest(header, every)
            .map_or(String::new(), |h| format!("; did you mean \"{h}\"?"));
        Err(Error::input(format!(
            "{}: missing column \"{header}\" (mapped to {field}) in every file; headers found: {}{hint}",
            self.input,
            if found.is_empty() {
                "(no file read)".to_string()
            } else {
                found.join("; ")
            }
        )))
    }

    /// Checks that every source has `header` (the column mapped to `field`);
    /// the error names the column, the file and the headers found there.
    pub fn require_column(&self, field: &str, header: &str) -> Result<usize> {
        let header = header.trim();
        for source in &self.sources {
            if !source.headers.iter().any(|h| h == header) {
                return Err(missing_required_column(
                    &self.input,
                    (field, header),
                    &source.describe(),
                    &source.headers,
                ));
            }
        }
        self.column_index(header).ok_or_else(|| {
            Error::input(format!(
                "{}: no file was read, so column \"{header}\" is missing",
                self.input
            ))
        })
    }

    /// An input stacked from sheets already in memory, as (file, sheet) pairs
    /// (tests and fuzz targets build tables without files this way).
    pub fn from_sheets(input: &str, sheets: Vec<(String, SheetTable)>) -> RawTable {
        let mut table = RawTable {
            input: input.to_string(),
            ..RawTable::default()
        };
        for (file, sheet) in sheets {
            if !table.files.iter().any(|f| f.path == file) {
                table.files.push(InputFile {
                    path: file.clone(),
                    sha256: String::new(),
                    encoding: None,
                });
            }
            table.append(&file, sheet);
        }
        table
    }

    /// Appends one sheet's rows.
    fn append(&mut self, file: &str, sheet: SheetTable) {
        let source_index = self.add_source(SheetSource::of(file, &sheet), &sheet.headers);
        while self.columns.len() < self.headers.len() {
            self.columns.push(CellColumn::empty(self.origins.len()));
        }
        let columns = self.in_input_order(&sheet.headers, sheet.columns, sheet.row_numbers.len());
        for (stacked, column) in self.columns.iter_mut().zip(columns) {
            stacked.append(column);
        }
        self.origins.extend(sheet.row_numbers.iter().map(|&row| Origin {
            source: source_index,
            row,
        }));
    }

    /// A file's or sheet's columns (under `headers`) in the input's column
    /// order, the columns it lacks empty (`rows` cells). A repeated header:
    /// the first column wins.
    pub fn in_input_order(
        &self,
        headers: &[String],
        columns: Vec<CellColumn>,
        rows: usize,
    ) -> Vec<CellColumn> {
        let mut ordered: Vec<Option<CellColumn>> = vec![None; self.headers.len()];
        for (header, column) in headers.iter().zip(columns) {
            if let Some(index) = self.column_index(header)
                && let Some(slot) = ordered.get_mut(index)
                && slot.is_none()
            {
                *slot = Some(column);
            }
        }
        ordered
            .into_iter()
            .map(|column| column.unwrap_or_else(|| CellColumn::empty(rows)))
            .collect()
    }

    /// Records a file or sheet as the next source, adding the headers it
    /// reads (`read`) to the union; returns the source's index.
    fn add_source(&mut self, source: SheetSource, read: &[String]) -> u32 {
        for header in read {
            if self.column_index(header).is_none() {
                self.headers.push(header.clone());
            }
        }
        self.sources.push(source);
        (self.sources.len() - 1) as u32
    }
}

/// The message for a file or sheet (`place`, worded as
/// `SheetSource::describe`) that lacks the column `header` mapped to `field`.
pub(crate) fn missing_required_column(
    input: &str,
    (field, header): (&str, &str),
    place: &str,
    headers: &[String],
) -> Error {
    let hint = crate::suggest::closest(header, headers.iter().map(String::as_str))
        .map_or(String::new(), |h| format!("; did you mean \"{h}\"?"));
    Error::input(format!(
        "{input}: missing required column \"{header}\" (mapped to {field}) in {place}; headers found: {}{hint}",
        list_headers(headers)
    ))
}

/// Headers for a message: quoted, comma-separated, "(none)" when empty.
pub fn list_headers(headers: &[String]) -> String {
    if headers.iter().all(|h| h.is_empty()) {
        "(none)".to_string()
    } else {
        headers
            .iter()
            .filter(|h| !h.is_empty())
            .map(|h| format!("\"{h}\""))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// File extensions the readers accept.
pub const EXTENSIONS: &str = ".xlsx, .xlsm, .xlsb, .xls, .ods, .csv, .tsv, .txt";

/// The rows of one file or sheet of an input, still to be read.
pub enum FileRows {
    /// Rows already stacked in the input's column order: a whole input
    /// built in memory (tests and fuzz targets).
    Table(RawTable),
    /// A spreadsheet's sheet, read whole.
    Sheet {
        /// Index into the input's sources.
        source: u32,
        sheet: SheetTable,
    },
    /// A delimited file, read, scanned and mapped a region at a time.
    Csv {
        /// Index into the input's sources.
        source: u32,
        /// Index into the input's files (for its sha256).
        file: usize,
        /// Hashes the file's bytes as they are read, when asked (boxed:
        /// the reader is large beside the other variants).
        reader: Box<csv::CsvReader<checksum::HashingReader<std::fs::File>>>,
    },
}

/// The rows of an input still to be read, file by file.
pub struct InputRows {
    files: Vec<FileRows>,
    /// About how many data rows the files hold (outputs reserve room).
    rows_estimate: usize,
}

impl InputRows {
    /// About how many data rows the files hold.
    pub fn rows_estimate(&self) -> usize {
        self.rows_estimate
    }
}

/// One input with its files open: every file's and sheet's headers are
/// known (so configured columns are checked before any row is mapped); the
/// rows follow in `file_rows`. Spreadsheets are read whole when opened;
/// delimited files only to their first data row.
pub struct OpenInput {
    /// The input's name, sources, union of headers and files; no rows.
    pub shape: RawTable,
    /// The rows.
    pub file_rows: InputRows,
}

impl From<RawTable> for OpenInput {
    /// A table built in memory as an input (tests and fuzz targets).
    fn from(table: RawTable) -> OpenInput {
        let shape = RawTable {
            input: table.input.clone(),
            sources: table.sources.clone(),
            headers: table.headers.clone(),
            columns: Vec::new(),
            origins: Vec::new(),
            files: table.files.clone(),
            skipped: table.skipped.clone(),
        };
        OpenInput {
            shape,
            file_rows: InputRows {
                rows_estimate: table.len(),
                files: vec![FileRows::Table(table)],
            },
        }
    }
}

/// Opens every file of one input: reads its headers (spreadsheets whole).
pub fn open_input(
    config: &Config,
    input: &str,
    source: &Source,
    layout: Layout,
    wanted: &Wanted,
    checksums: Checksums,
) -> Result<OpenInput> {
    let mut shape = RawTable {
        input: input.to_string(),
        ..RawTable::default()
    };
    let mut files = Vec::new();
    let mut rows_estimate = 0;
    // The columns `exclude` reads are read too.
    let wanted = &wanted
        .clone()
        .also(source.exclude.0.iter().map(|rule| rule.column.as_str()));
    let how = HowToRead {
        source,
        layout,
        wanted,
        budget: budget::Budget::from_limits(&config.limits),
        max_record: config.limits.max_record_bytes(),
        max_file: config.limits.max_file_bytes(),
        checksums,
    };
    for file in source.path.to_vec() {
        let path = config.resolve(&file);
        let context = format!("{input}: {file}");
        let file_index = shape.files.len();
        match open_file(&context, &path, &how)? {
            Opened::Sheets(sheets, sha256) => {
                shape.files.push(InputFile {
                    path: file.clone(),
                    sha256,
                    encoding: None,
                });
                for (sheet, why) in sheets.skipped {
                    shape
                        .skipped
                        .push(format!("{file}, sheet '{sheet}': skipped, {why}"));
                }
                for sheet in sheets.tables {
                    rows_estimate += sheet.row_numbers.len();
                    let source = shape.add_source(SheetSource::of(&file, &sheet), &sheet.headers);
                    files.push(FileRows::Sheet { source, sheet });
                }
            }
            Opened::Csv(reader, bytes) => {
                shape.files.push(InputFile {
                    path: file.clone(),
                    sha256: String::new(),
                    encoding: None,
                });
                rows_estimate += reader.rows_estimate(bytes);
                let source = shape.add_source(
                    SheetSource {
                        file: file.clone(),
                        sheet: None,
                        date1904: false,
                        headers: reader.all_headers().to_vec(),
                        texts: reader.all_texts().to_vec(),
                        header_row: reader.header_row(),
                        not_records: Vec::new(),
                        uncomputed: Vec::new(),
                    },
                    reader.headers(),
                );
                files.push(FileRows::Csv {
                    source,
                    file: file_index,
                    reader,
                });
            }
        }
    }
    Ok(OpenInput {
        shape,
        file_rows: InputRows { files, rows_estimate },
    })
}

/// The key that raises the cap on an input file's size.
pub const MAX_FILE_KEY: &str = "limits.max_file_mb";

/// A file opened by `open_file`.
enum Opened {
    /// A workbook's sheets, read whole, and the file's sha256.
    Sheets(excel::WorkbookSheets, String),
    /// A delimited file at its first data row (boxed: the reader is large
    /// beside a list of sheets), and its size in bytes.
    Csv(Box<csv::CsvReader<checksum::HashingReader<std::fs::File>>>, usize),
}

/// How the files of one input are read.
#[derive(Clone, Copy)]
struct HowToRead<'a> {
    source: &'a Source,
    layout: Layout,
    wanted: &'a Wanted,
    /// `[limits]` on workbooks.
    budget: budget::Budget,
    /// `limits.max_record_mb` in bytes.
    max_record: usize,
    /// `limits.max_file_mb` in bytes.
    max_file: u64,
    checksums: Checksums,
}

/// Opens one file with the reader for its extension. A workbook is read
/// whole and, when asked, hashed as a parallel task (the bytes the run
/// read, so the digest describes exactly what was measured; no second
/// read); a delimited file is hashed as it is read (`Mapper::read_in_blocks`).
/// `context` ("cohort: file.csv") prefixes messages.
fn open_file(context: &str, path: &Path, how: &HowToRead<'_>) -> Result<Opened> {
    let HowToRead {
        source,
        layout,
        wanted,
        budget,
        max_record,
        max_file,
        checksums,
    } = *how;
    let cannot_read =
        |e: std::io::Error| Error::input(format!("{context}: cannot read {}: {e}", path.display()));
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => {
            let bytes = regular_file::read_capped(path, max_file, MAX_FILE_KEY).map_err(cannot_read)?;
            let (sheets, sha256) = rayon::join(
                || {
                    let spec = header::HeaderSpec {
                        layout,
                        wanted,
                        row: source.header_row,
                        max_rows: None,
                    };
                    excel::read_workbook(context, &bytes, source.sheet.as_ref(), spec, &budget)
                },
                || match checksums {
                    Checksums::Compute => checksum::sha256_hex(&bytes),
                    Checksums::Skip => String::new(),
                },
            );
            Ok(Opened::Sheets(sheets?, sha256))
        }
        "csv" | "tsv" | "txt" => {
            if source.sheet.is_some() {
                return Err(Error::input(format!(
                    "{context}: `sheet` is set but a .{extension} file has no sheets; remove `sheet` for this input"
                )));
            }
            let separator = if extension == "tsv" {
                b'\t'
            } else {
                csv::FIND_SEPARATOR
            };
            let (file, bytes) =
                regular_file::open_capped(path, max_file, MAX_FILE_KEY).map_err(cannot_read)?;
            let bytes = usize::try_from(bytes).unwrap_or(usize::MAX);
            let file = checksum::HashingReader::new(file, checksums == Checksums::Compute);
            let reader = csv::CsvReader::open_limited(
                context,
                file,
                separator,
                header::HeaderSpec {
                    layout,
                    wanted,
                    row: source.header_row,
                    max_rows: None,
                },
                csv::CHUNK_BYTES,
                max_record,
            )?;
            Ok(Opened::Csv(Box::new(reader), bytes))
        }
        other => Err(Error::input(format!(
            "{context}: cannot read files of type \"{other}\"; expected one of {EXTENSIONS}"
        ))),
    }
}

/// What remains of a raw table once its cells are mapped: names and sources for findings and metrics.json.
#[derive(Debug, Clone, Default)]
pub struct TableInfo {
    /// Input name.
    pub input: String,
    /// Files and sheets, indexed by `Origin::source`.
    pub sources: Vec<SheetSource>,
    /// Files with checksums.
    pub files: Vec<InputFile>,
    /// Data rows read (blank rows excluded).
    pub rows_read: usize,
    /// Sheets of a stacked selection that were skipped, and why.
    pub skipped: Vec<String>,
    /// Rows left out by `exclude`: (column, value as configured, rows).
    pub excluded: Vec<(String, String, usize)>,
}

impl RawTable {
    /// The table's names and sources without its cells.
    pub fn info(&self) -> TableInfo {
        TableInfo {
            input: self.input.clone(),
            sources: self.sources.clone(),
            files: self.files.clone(),
            rows_read: self.len(),
            skipped: self.skipped.clone(),
            excluded: Vec::new(),
        }
    }
}

/// A canonical table with its origin information and unreadable cells.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    /// Names and sources.
    pub info: TableInfo,
    /// Canonical columns.
    pub table: T,
    /// Cells that could not be read as their type.
    pub problems: Vec<mapping::CellProblem>,
}

/// The cohort columns the configuration reads, target-group rule columns included.
fn wanted_cohort(config: &Config) -> Wanted {
    let c = &config.inputs.cohort.columns;
    let optional = [
        &c.email,
        &c.department,
        &c.training_completed,
        &c.quiz_score,
        &c.mentor_id,
        &c.matched_on,
        &c.meet_greet_attended,
        &c.ceremony_attended,
        &c.withdrawn_on,
        &c.placement_applied,
        &c.placement_secured,
    ];
    let mut headers: Vec<String> = vec![c.student_id.clone(), c.registered.clone()];
    headers.extend(optional.into_iter().flatten().cloned());
    headers.extend(config.cohort_headers().into_iter().map(|(h, _)| h.to_string()));
    Wanted::new(headers)
        .require("student_id", &c.student_id)
        .require("registered", &c.registered)
}

/// The cohort and the mentor bank: the people the logs refer to.
#[derive(Debug, Clone)]
pub struct People {
    /// The uptake spreadsheet.
    pub cohort: Loaded<cohort::Cohort>,
    /// The mentor bank, when configured.
    pub mentors: Option<Loaded<mentors::Mentors>>,
}

/// The meeting log and the survey waves: records about the people.
#[derive(Debug, Clone)]
pub struct Logs {
    /// The meeting log, when configured.
    pub meetings: Option<Loaded<meetings::Meetings>>,
    /// Survey waves in configuration order.
    pub surveys: Vec<(TableInfo, surveys::SurveyResponses)>,
}

/// Reads and maps the cohort and the mentor bank, hashing each file as it
/// is read when `checksums` asks for it. Every input (and every survey wave
/// in `load_logs`) is a task of rayon's pool, and so is each file's hash,
/// so neither core waits for the other's file. A table's columns are mapped
/// together, a block of rows at a time (`Mapper::read_in_blocks`).
pub fn load_people(config: &Config, checksums: Checksums) -> Result<People> {
    let (cohort, mentors) = rayon::join(
        || load_cohort(config, checksums),
        || load_mentors(config, checksums),
    );
    // Errors in configuration order, as a sequential read would report them.
    Ok(People {
        cohort: cohort?,
        mentors: mentors?,
    })
}

/// Reads and maps the meeting log and the survey waves, hashing each file
/// as it is read when `checksums` asks for it.
pub fn load_logs(config: &Config, checksums: Checksums) -> Result<Logs> {
    let (meetings, surveys) = rayon::join(
        || load_meetings(config, checksums),
        || load_surveys(config, checksums),
    );
    Ok(Logs {
        meetings: meetings?,
        surveys: surveys?,
    })
}

/// Whether ingest computes each input file's sha256 (metrics.json's input
/// records and the report's methods section); `validate` has no use for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checksums {
    /// Hash every file as it is read.
    Compute,
    /// Leave `InputFile::sha256` empty.
    Skip,
}

/// Reads and maps the cohort.
fn load_cohort(config: &Config, checksums: Checksums) -> Result<Loaded<cohort::Cohort>> {
    let spec = &config.inputs.cohort;
    let input = open_input(
        config,
        "cohort",
        &spec.source(),
        Layout::Plain,
        &wanted_cohort(config),
        checksums,
    )?;
    cohort::map_cohort(
        config,
        input,
        values::ReadRules::for_input(config, &spec.source()),
    )
}

/// Reads and maps the mentor bank, when configured.
fn load_mentors(config: &Config, checksums: Checksums) -> Result<Option<Loaded<mentors::Mentors>>> {
    let mentors = match &config.inputs.mentors {
        Some(spec) => {
            let c = &spec.columns;
            let wanted = Wanted::new(
                [
                    Some(&c.mentor_id),
                    c.organisation.as_ref(),
                    c.sector.as_ref(),
                    c.source.as_ref(),
                    c.capacity.as_ref(),
                    c.trained.as_ref(),
                ]
                .into_iter()
                .flatten(),
            )
            .require("mentor_id", &c.mentor_id);
            let input = open_input(
                config,
                "mentors",
                &spec.source(),
                Layout::Plain,
                &wanted,
                checksums,
            )?;
            Some(mentors::map_mentors(
                &spec.columns,
                input,
                values::ReadRules::for_input(config, &spec.source()),
            )?)
        }
        None => None,
    };
    Ok(mentors)
}

/// Reads and maps the meeting log, when configured.
fn load_meetings(config: &Config, checksums: Checksums) -> Result<Option<Loaded<meetings::Meetings>>> {
    let meetings = match &config.inputs.meetings {
        Some(spec) => {
            let c = &spec.columns;
            let wanted = Wanted::new(
                [
                    Some(&c.student_id),
                    c.mentor_id.as_ref(),
                    Some(&c.date),
                    c.duration.as_ref(),
                    c.kind.as_ref(),
                ]
                .into_iter()
                .flatten(),
            )
            .require("student_id", &c.student_id)
            .require("date", &c.date);
            let input = open_input(
                config,
                "meetings",
                &spec.source(),
                Layout::Plain,
                &wanted,
                checksums,
            )?;
            Some(meetings::map_meetings(
                spec,
                input,
                values::ReadRules::for_input(config, &spec.source()),
            )?)
        }
        None => None,
    };
    Ok(meetings)
}

/// Reads and maps every survey wave, each a task of its own.
fn load_surveys(config: &Config, checksums: Checksums) -> Result<Vec<(TableInfo, surveys::SurveyResponses)>> {
    use rayon::prelude::*;
    let waves: Vec<Result<_>> = config
        .inputs
        .surveys
        .par_iter()
        .map(|spec| {
            let layout = match spec.format {
                crate::config::SurveyFormat::Qualtrics => Layout::Qualtrics,
                crate::config::SurveyFormat::Jisc => Layout::Jisc,
                _ => Layout::Plain,
            };
            let name = format!("survey {}", spec.wave);
            let input = open_input(
                config,
                &name,
                &spec.source(),
                layout,
                &surveys::wanted(spec),
                checksums,
            )?;
            surveys::map_survey(spec, input, values::ReadRules::for_input(config, &spec.source()))
        })
        .collect();
    // The first error in configuration order, as a sequential read reports it.
    waves.into_iter().collect()
}
