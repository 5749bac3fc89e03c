//! Delimited text (.csv/.tsv) through polars' CSV reader, every column read as
//! text so that the value parsing rules of inputs.md apply uniformly.

use std::io::Cursor;
use std::sync::Arc;

use polars::prelude::{BooleanChunked, ChunkFilter, DataFrame, NewChunkedArray, PlSmallStr, PolarsError};
use polars_io::prelude::{CsvParseOptions, CsvReadOptions, SerReader};

use super::{CellColumn, Layout, SheetTable, Wanted};
use crate::error::{Error, Result};

/// Reads one delimited file. `context` ("cohort: file.csv") prefixes messages.
///
/// Only the columns the configuration reads are parsed into polars columns
/// (a survey export has many nobody maps). Should a row be blank in all of
/// those, the file is read again whole to apply the blank-row rule to every
/// column.
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
    if let Some(table) = read_projected(context, text, separator, layout, wanted)? {
        return Ok(table);
    }
    let frame = read_frame(context, text, separator, layout, None, None)?;
    let all_headers = trimmed_names(&frame);
    sheet_from_frame(context, &frame, &all_headers, &all_headers, layout, wanted, true)
        .map(|table| table.unwrap_or_default())
}

/// The file read with only its wanted columns parsed, or None when that is
/// not possible or not enough (no column or every column wanted, a header
/// polars reads differently whole, a row blank in all wanted columns): the
/// caller then reads it whole, which also reports any error.
fn read_projected(
    context: &str,
    text: &str,
    separator: u8,
    layout: Layout,
    wanted: &Wanted,
) -> Result<Option<SheetTable>> {
    // The header row alone (polars scans the whole text even for no rows).
    let Some(end) = header_end(text, separator) else {
        return Ok(None);
    };
    let header_text = &text[..end];
    let Ok(header) = read_frame(context, header_text, separator, Layout::Plain, Some(0), None) else {
        return Ok(None);
    };
    let all_headers = trimmed_names(&header);
    let names: Vec<PlSmallStr> = header
        .get_column_names()
        .into_iter()
        .filter(|name| wanted.wants(name.trim()))
        .cloned()
        .collect();
    // polars refuses an empty projection.
    if names.is_empty() || names.len() == all_headers.len() {
        return Ok(None);
    }
    let Ok(frame) = read_frame(context, text, separator, layout, None, Some(names.clone())) else {
        return Ok(None);
    };
    if frame.get_column_names().into_iter().ne(names.iter()) {
        return Ok(None);
    }
    let headers = trimmed_names(&frame);
    sheet_from_frame(context, &frame, &headers, &all_headers, layout, wanted, false)
}

/// The frame's column names, trimmed.
fn trimmed_names(frame: &DataFrame) -> Vec<String> {
    frame
        .get_column_names()
        .iter()
        .map(|h| h.trim().to_string())
        .collect()
}

/// polars' reader over the text: every column as text; `rows` limits the
/// data rows read, `columns` the columns (by name as polars reads them).
fn read_frame(
    context: &str,
    text: &str,
    separator: u8,
    layout: Layout,
    rows: Option<usize>,
    columns: Option<Vec<PlSmallStr>>,
) -> Result<DataFrame> {
    let parse = CsvParseOptions::default()
        .with_separator(separator)
        .with_missing_is_null(true)
        .with_truncate_ragged_lines(true);
    CsvReadOptions::default()
        .with_has_header(true)
        // 0 rows of inference: every column is text; typing is ours.
        .with_infer_schema_length(Some(0))
        .with_skip_rows_after_header(layout.rows_after_header())
        .with_n_rows(rows)
        .with_columns(columns.map(Arc::from))
        .with_parse_options(parse)
        .into_reader_with_file_handle(Cursor::new(text.as_bytes()))
        .finish()
        .map_err(|e| {
            Error::input(format!(
                "{context}: not a readable delimited file: {}",
                explain(&e.to_string())
            ))
        })
}

/// The sheet of a read frame whose columns have `headers` (trimmed). A row
/// counts unless every cell is blank; when the frame holds only some of the
/// file's columns (`complete` false) and a row is blank in all of them,
/// returns None: only the whole file can tell whether that row is blank.
fn sheet_from_frame(
    context: &str,
    frame: &DataFrame,
    headers: &[String],
    all_headers: &[String],
    layout: Layout,
    wanted: &Wanted,
    complete: bool,
) -> Result<Option<SheetTable>> {
    let height = frame.height();
    let column_error =
        |name: &str, e: PolarsError| Error::input(format!("{context}: column \"{name}\": {e}"));
    // Columns are checked until every row has a non-blank cell (usually
    // after the first).
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
    if blank > 0 && !complete {
        return Ok(None);
    }
    // Only the columns the configuration reads are kept; their text stays in
    // polars' buffers (a cell is a view, not a copy).
    let mask = (blank > 0).then(|| BooleanChunked::from_slice(PlSmallStr::from_static("keep"), &keep));
    let mut kept_headers = Vec::new();
    let mut columns = Vec::new();
    for (column, header) in frame.columns().iter().zip(headers) {
        if !wanted.wants(header) {
            continue;
        }
        let strings = column.str().map_err(|e| column_error(column.name(), e))?;
        let strings = match &mask {
            Some(mask) => strings.filter(mask).map_err(|e| column_error(column.name(), e))?,
            None => strings.clone(),
        };
        kept_headers.push(header.clone());
        columns.push(CellColumn::from_text(strings));
    }
    // The header is row 1; data starts after the non-data header rows.
    let first_data_row = 2 + layout.rows_after_header() as u32;
    Ok(Some(SheetTable {
        sheet: None,
        date1904: false,
        all_headers: all_headers.to_vec(),
        headers: kept_headers,
        columns,
        row_numbers: (0..height as u32)
            .filter(|r| keep[*r as usize])
            .map(|i| first_data_row + i)
            .collect(),
    }))
}

/// Byte length of the header row, line end included, for a header polars
/// and this scan read alike: quotes only around whole fields (a doubled
/// quote inside). None for anything else (a quote inside an unquoted field,
/// text after a closing quote, an unclosed quote): the file is then read
/// whole, as polars sees it.
fn header_end(text: &str, separator: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut field_start = true;
    while i < bytes.len() {
        if field_start && bytes[i] == b'"' {
            i += 1;
            loop {
                let close = i + bytes[i..].iter().position(|b| *b == b'"')?;
                if bytes.get(close + 1) == Some(&b'"') {
                    i = close + 2;
                } else {
                    i = close + 1;
                    break;
                }
            }
            match bytes.get(i) {
                None => return Some(bytes.len()),
                Some(b'\n') => return Some(i + 1),
                Some(b'\r') if bytes.get(i + 1) == Some(&b'\n') => return Some(i + 2),
                Some(b) if *b == separator => {
                    i += 1;
                    field_start = true;
                }
                Some(_) => return None,
            }
            continue;
        }
        match bytes[i] {
            b'\n' => return Some(i + 1),
            b'"' => return None,
            b if b == separator => field_start = true,
            _ => field_start = false,
        }
        i += 1;
    }
    Some(bytes.len())
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
