//! The raw table model: a file's rows as cells with their origins (file,
//! sheet, row), the columns a configuration wants, and what remains of a
//! table once mapped (`TableInfo`).

use crate::error::{Error, Result};

use super::cells::CellColumn;

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
    pub(super) fn add_source(&mut self, source: SheetSource, read: &[String]) -> u32 {
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
