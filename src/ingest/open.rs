//! Opening an input's files: each through `regular_file`, a workbook past
//! its budget, every header found and the required columns checked, before
//! any row is read (`OpenInput`, `InputRows`).

use std::path::Path;

use crate::config::{Config, Source};
use crate::error::{Error, Result};
use crate::regular_file;

use super::table::{InputFile, Layout, RawTable, SheetSource, SheetTable, Wanted};
use super::{budget, checksum, csv, excel, header};

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
    pub(super) files: Vec<FileRows>,
    /// About how many data rows the files hold (outputs reserve room).
    pub(super) rows_estimate: usize,
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

/// Whether ingest computes each input file's sha256 (metrics.json's input
/// records and the report's methods section); `validate` has no use for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checksums {
    /// Hash every file as it is read.
    Compute,
    /// Leave `InputFile::sha256` empty.
    Skip,
}
