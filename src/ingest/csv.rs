//! Delimited text (.csv/.tsv) through polars' CSV reader, every column read as
//! text so that the value parsing rules of inputs.md apply uniformly.

use std::io::Cursor;

use polars::prelude::{BooleanChunked, ChunkFilter, NewChunkedArray, PlSmallStr, PolarsError};
use polars_io::prelude::{CsvParseOptions, CsvReadOptions, SerReader};

use super::{CellColumn, Layout, SheetTable, Wanted};
use crate::error::{Error, Result};

/// Reads one delimited file. `context` ("cohort: file.csv") prefixes messages.
pub fn read_delimited(
    context: &str,
    bytes: &[u8],
    separator: u8,
    layout: Layout,
    wanted: &Wanted,
) -> Result<SheetTable> {
    let text = decode(context, bytes)?;
    if text.trim().is_empty() {
        return Err(Error::input(format!(
            "{context}: the file is empty; expected a header row"
        )));
    }
    let parse = CsvParseOptions::default()
        .with_separator(separator)
        .with_missing_is_null(true)
        .with_truncate_ragged_lines(true);
    let frame = CsvReadOptions::default()
        .with_has_header(true)
        // 0 rows of inference: every column is text; typing is ours.
        .with_infer_schema_length(Some(0))
        .with_skip_rows_after_header(layout.rows_after_header())
        .with_parse_options(parse)
        .into_reader_with_file_handle(Cursor::new(text.as_bytes()))
        .finish()
        .map_err(|e| {
            Error::input(format!(
                "{context}: not a readable delimited file: {}",
                explain(&e.to_string())
            ))
        })?;

    let all_headers: Vec<String> = frame
        .get_column_names()
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let height = frame.height();
    let column_error =
        |name: &str, e: PolarsError| Error::input(format!("{context}: column \"{name}\": {e}"));
    // A row counts unless every cell of every column is blank. Columns are
    // checked until every row has a non-blank cell (usually after the first).
    let mut keep = vec![false; height];
    let mut blank = height;
    for column in frame.columns() {
        if blank == 0 {
            break;
        }
        let strings = column.str().map_err(|e| column_error(column.name(), e))?;
        for (row, value) in strings.iter().enumerate() {
            if !keep[row] && value.is_some_and(|s| !s.trim().is_empty()) {
                keep[row] = true;
                blank -= 1;
            }
        }
    }
    // Only the columns the configuration reads are kept; their text stays in
    // polars' buffers (a cell is a view, not a copy).
    let all_kept = keep.iter().all(|k| *k);
    let mask = (!all_kept).then(|| BooleanChunked::from_slice(PlSmallStr::from_static("keep"), &keep));
    let mut headers = Vec::new();
    let mut columns = Vec::new();
    for (column, header) in frame.columns().iter().zip(&all_headers) {
        if !wanted.wants(header) {
            continue;
        }
        let strings = column.str().map_err(|e| column_error(column.name(), e))?;
        let strings = match &mask {
            Some(mask) => strings.filter(mask).map_err(|e| column_error(column.name(), e))?,
            None => strings.clone(),
        };
        headers.push(header.clone());
        columns.push(CellColumn::from_text(strings));
    }
    // The header is row 1; data starts after the non-data header rows.
    let first_data_row = 2 + layout.rows_after_header() as u32;
    Ok(SheetTable {
        sheet: None,
        date1904: false,
        all_headers,
        headers,
        columns,
        row_numbers: (0..height as u32)
            .filter(|r| keep[*r as usize])
            .map(|i| first_data_row + i)
            .collect(),
    })
}

/// polars' parse error in the words of someone who saves CSV files from Excel
/// (its own message gives advice for the Python API).
fn explain(polars_message: &str) -> String {
    if polars_message.contains("not properly escaped") {
        let field = polars_message
            .split("Field `")
            .nth(1)
            .and_then(|rest| rest.split('`').next())
            .map(|f| f.chars().take(40).collect::<String>().replace('\n', " "))
            .unwrap_or_default();
        return format!(
            "a quoted field is not closed, so the rest of the file runs into it (starting at \"{field}\"); expected every \" to be closed, and quotes inside a field doubled (\"\")"
        );
    }
    let first = polars_message.lines().next().unwrap_or(polars_message);
    format!("{first}; expected comma-separated text with one header row")
}

/// Text of the file: UTF-8 (a byte-order mark is dropped); UTF-16 and other
/// encodings are refused with a message saying how to re-save the file.
fn decode<'a>(context: &str, bytes: &'a [u8]) -> Result<&'a str> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Error::input(format!(
            "{context}: the file is UTF-16 encoded; expected UTF-8 (in Excel: Save As \"CSV UTF-8\")"
        )));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        Error::input(format!(
            "{context}: the file is not UTF-8 text (invalid byte at offset {}); expected UTF-8 (in Excel: Save As \"CSV UTF-8\")",
            e.valid_up_to()
        ))
    })
}
