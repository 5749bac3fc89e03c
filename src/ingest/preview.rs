//! A first look at files the configuration does not describe yet (for
//! `init`): every visible sheet of a workbook, or a delimited file, with all
//! its headers and its first rows as text, read by the same readers as a run.

use std::path::Path;

use super::header::HeaderSpec;
use super::values::cell_text;
use super::{Layout, SheetTable, Wanted, csv, excel};
use crate::config::{Limits, OneOrMany};
use crate::error::{Error, Result};
use crate::regular_file;

/// One sheet, or one delimited file, as first seen.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetPreview {
    /// The path as given.
    pub file: String,
    /// The sheet's name (workbooks only).
    pub sheet: Option<String>,
    /// Every header, trimmed, in file order.
    pub headers: Vec<String>,
    /// The header's row number (1-based; below title rows, more than 1).
    pub header_row: u32,
    /// The first data rows: per row, each header's cell as text (None when empty).
    pub rows: Vec<Vec<Option<String>>>,
}

/// Previews `path`: each visible sheet of a workbook, or the delimited file,
/// with up to `max_rows` data rows. Unreadable files are errors as in `run`.
pub fn preview(path: &Path, max_rows: usize) -> Result<Vec<SheetPreview>> {
    preview_at(path, max_rows, None)
}

/// As `preview`, with the header on row `header_row` (1-based) when given,
/// as `header_row` in a configuration reads it.
pub fn preview_at(path: &Path, max_rows: usize, header_row: Option<u32>) -> Result<Vec<SheetPreview>> {
    let file = path.display().to_string();
    let cannot_read = |e: std::io::Error| Error::input(format!("{file}: cannot read: {e}"));
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let wanted = Wanted::all();
    match extension.as_str() {
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => {
            let limit = Limits::default().max_file_bytes();
            let bytes = regular_file::read_capped(path, limit, super::MAX_FILE_KEY).map_err(cannot_read)?;
            let every = OneOrMany::One("*".to_string());
            let spec = HeaderSpec {
                layout: Layout::AsWritten,
                wanted: &wanted,
                row: header_row,
                max_rows: Some(max_rows),
            };
            let budget = super::budget::Budget::from_limits(&Limits::default());
            let sheets = excel::read_workbook(&file, &bytes, Some(&every), spec, &budget)?;
            Ok(sheets
                .tables
                .into_iter()
                .map(|sheet| sheet_preview(&file, sheet, max_rows))
                .collect())
        }
        "csv" | "tsv" | "txt" => {
            let separator = if extension == "tsv" {
                b'\t'
            } else {
                csv::FIND_SEPARATOR
            };
            let limit = Limits::default().max_file_bytes();
            let (source, _) =
                regular_file::open_capped(path, limit, super::MAX_FILE_KEY).map_err(cannot_read)?;
            let mut reader = csv::CsvReader::open_limited(
                &file,
                source,
                separator,
                HeaderSpec {
                    layout: Layout::AsWritten,
                    wanted: &wanted,
                    row: header_row,
                    max_rows: None,
                },
                csv::CHUNK_BYTES,
                Limits::default().max_record_bytes(),
            )?;
            let headers = reader.headers().to_vec();
            let header_row = reader.header_row();
            let mut rows = Vec::new();
            while rows.len() < max_rows {
                let Some(region) = reader.next_region()? else {
                    break;
                };
                let scanned = reader.scan(&region)?;
                let take = scanned.row_numbers.len().min(max_rows - rows.len());
                for row in 0..take {
                    rows.push(scanned.columns.iter().map(|c| cell_text(c.get(row))).collect());
                }
                reader.finish(region);
            }
            Ok(vec![SheetPreview {
                file,
                sheet: None,
                headers,
                header_row,
                rows,
            }])
        }
        other => Err(Error::input(format!(
            "{file}: cannot read files of type \"{other}\"; expected one of {}",
            super::EXTENSIONS
        ))),
    }
}

/// A workbook sheet read whole, cut to its first `max_rows` rows.
fn sheet_preview(file: &str, sheet: SheetTable, max_rows: usize) -> SheetPreview {
    let rows = (0..sheet.row_numbers.len().min(max_rows))
        .map(|row| sheet.columns.iter().map(|c| cell_text(c.get(row))).collect())
        .collect();
    SheetPreview {
        file: file.to_string(),
        sheet: sheet.sheet,
        headers: sheet.headers,
        header_row: sheet.header_row,
        rows,
    }
}
