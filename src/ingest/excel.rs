//! Spreadsheet reading (.xlsx, .xlsm, .xlsb, .xls, .ods) through calamine.
//! The only file that imports calamine.

use std::io::Cursor;

use calamine::{Data, DataRef, Reader, SheetVisible, Sheets, open_workbook_auto_from_rs};

use super::values::datetime_from_parts;
use super::{Cell, CellColumn, Layout, SheetTable, Wanted};
use crate::config::OneOrMany;
use crate::error::{Error, Result};

/// Refuses a zip-based workbook whose entries declare more than `limit_mb`
/// megabytes uncompressed (a decompression bomb), before calamine expands it.
pub fn check_expanded_size(context: &str, bytes: &[u8], limit_mb: f64) -> Result<()> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // Not a zip (an .xls, or a damaged file): calamine reports it.
        return Ok(());
    };
    // Sizes from the central directory (also there when entries use data
    // descriptors); nothing is decompressed here.
    let mut expanded: u128 = 0;
    for index in 0..archive.len() {
        if let Ok(entry) = archive.by_index(index) {
            expanded = expanded.saturating_add(u128::from(entry.size()));
        }
    }
    let limit = (limit_mb.max(0.0) * 1_000_000.0) as u128;
    if expanded > limit {
        return Err(Error::input(format!(
            "{context}: the workbook expands to {:.1} MB of XML, past the limit of {limit_mb} MB (limits.max_workbook_mb); raise the limit if the file is genuine",
            expanded as f64 / 1_000_000.0
        )));
    }
    Ok(())
}

/// Reads the selected sheets of a workbook. `sheets`: None = the first
/// visible sheet; "*" = every visible sheet; otherwise the named sheets.
pub fn read_workbook(
    context: &str,
    bytes: &[u8],
    sheets: Option<&OneOrMany>,
    layout: Layout,
    wanted: &Wanted,
) -> Result<Vec<SheetTable>> {
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| Error::input(format!("{context}: not a readable spreadsheet: {e}")))?;
    let date1904 = match &workbook {
        Sheets::Xlsx(x) => x.has_1904_epoch(),
        Sheets::Xls(x) => x.has_1904_epoch(),
        _ => false,
    };
    let metadata = workbook.sheets_metadata().to_vec();
    let all_names: Vec<String> = metadata.iter().map(|s| s.name.clone()).collect();
    let visible: Vec<String> = metadata
        .iter()
        .filter(|s| s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    let selected: Vec<String> = match sheets {
        None => visible.first().cloned().into_iter().collect(),
        Some(OneOrMany::One(name)) if name == "*" => visible.clone(),
        Some(spec) => spec.to_vec(),
    };
    if selected.is_empty() {
        return Err(Error::input(format!(
            "{context}: the workbook has no visible sheet"
        )));
    }
    let mut tables = Vec::with_capacity(selected.len());
    for name in selected {
        if !all_names.contains(&name) {
            let hint = crate::suggest::closest(&name, all_names.iter().map(String::as_str))
                .map_or(String::new(), |s| format!("; did you mean \"{s}\"?"));
            return Err(Error::input(format!(
                "{context}: no sheet named \"{name}\"; sheets found: {}{hint}",
                super::list_headers(&all_names)
            )));
        }
        let cannot_read = |e: &dyn std::fmt::Display| {
            Error::input(format!("{context}, sheet '{name}': cannot read the sheet: {e}"))
        };
        // The mapper's own message (`context` is "input: file").
        let (input, file) = context.split_once(": ").unwrap_or((context, context));
        let place = format!("{file}, sheet '{name}'");
        let missing = |headers: &[String]| match wanted.first_missing(headers) {
            Some(column) => Err(super::missing_required_column(input, column, &place, headers)),
            None => Ok(()),
        };
        let mut table = match &mut workbook {
            // An .xlsx sheet is read a cell at a time, keeping only the
            // wanted columns, and its header row is checked before the rest.
            Sheets::Xlsx(xlsx) => {
                let mut cells = xlsx.worksheet_cells_reader(&name).map_err(|e| cannot_read(&e))?;
                stream_sheet(&mut cells, layout, wanted, missing).map_err(|e| match e {
                    Streamed::Missing(e) => e,
                    Streamed::Xml(e) => cannot_read(&e),
                })?
            }
            other => {
                let range = other.worksheet_range(&name).map_err(|e| cannot_read(&e))?;
                let table = sheet_table(&range, layout, wanted);
                missing(&table.all_headers)?;
                table
            }
        };
        table.sheet = Some(name);
        table.date1904 = date1904;
        tables.push(table);
    }
    Ok(tables)
}

/// Why streaming a sheet stopped.
enum Streamed {
    /// The header row lacks a required column.
    Missing(Error),
    /// The sheet's XML could not be read.
    Xml(calamine::XlsxError),
}

/// Reads an .xlsx sheet a cell at a time into the same table `sheet_table`
/// makes of a whole range: the first row with a non-empty cell is the
/// header (checked by `check` before any other row is read); rows blank in
/// every column are dropped; only wanted columns are kept, so a sheet with
/// many other columns costs little memory.
fn stream_sheet<RS: std::io::Read + std::io::Seek>(
    cells: &mut calamine::XlsxCellReader<'_, RS>,
    layout: Layout,
    wanted: &Wanted,
    check: impl Fn(&[String]) -> Result<()>,
) -> std::result::Result<SheetTable, Streamed> {
    // The header row: (column, text) of its cells.
    let mut header_row = None;
    let mut header_cells: Vec<(u32, String)> = Vec::new();
    let mut first_after = None;
    while let Some(cell) = cells.next_cell().map_err(Streamed::Xml)? {
        let (row, column) = cell.get_position();
        match header_row {
            Some(header) if row != header => {
                first_after = Some(cell);
                break;
            }
            Some(_) => header_cells.push((column, header_text(&Data::from(cell.get_value().clone())))),
            None if matches!(cell.get_value(), DataRef::Empty) => {}
            None => {
                header_row = Some(row);
                header_cells.push((column, header_text(&Data::from(cell.get_value().clone()))));
            }
        }
    }
    let Some(header_row) = header_row else {
        check(&[]).map_err(Streamed::Missing)?;
        return Ok(SheetTable::default());
    };
    // Headers across the row, from its first cell's column ("" where none).
    let first_column = header_cells.iter().map(|(c, _)| *c).min().unwrap_or(0);
    let last_column = header_cells.iter().map(|(c, _)| *c).max().unwrap_or(0);
    let mut all_headers = vec![String::new(); (last_column - first_column + 1) as usize];
    for (column, text) in header_cells {
        all_headers[(column - first_column) as usize] = text;
    }
    check(&all_headers).map_err(Streamed::Missing)?;
    // Wanted columns in header order; a repeated header: the first wins.
    let mut headers: Vec<String> = Vec::new();
    let mut slot_of_column: Vec<Option<usize>> = vec![None; all_headers.len()];
    for (offset, header) in all_headers.iter().enumerate() {
        if wanted.wants(header) && !headers.contains(header) {
            slot_of_column[offset] = Some(headers.len());
            headers.push(header.clone());
        }
    }
    let first_data_row = header_row + 1 + layout.rows_after_header() as u32;
    let mut columns: Vec<Vec<Cell>> = vec![Vec::new(); headers.len()];
    let mut row_numbers: Vec<u32> = Vec::new();
    let mut keep: Vec<bool> = Vec::new();
    let mut current_row = None;
    let mut next = first_after;
    while let Some(cell) = next {
        let (row, column) = cell.get_position();
        if row >= first_data_row {
            if current_row != Some(row) {
                current_row = Some(row);
                // Spreadsheet rows are 1-based.
                row_numbers.push(row + 1);
                keep.push(false);
                for column in columns.iter_mut() {
                    column.push(Cell::Empty);
                }
            }
            // Blank as `convert` would leave it: empty, or text of spaces.
            let blank = match cell.get_value() {
                DataRef::Empty => true,
                DataRef::SharedString(t) => t.trim().is_empty(),
                DataRef::String(t) | DataRef::DateTimeIso(t) | DataRef::DurationIso(t) => t.trim().is_empty(),
                _ => false,
            };
            if let Some(last) = keep.last_mut() {
                *last |= !blank;
            }
            // Only the wanted columns' cells are converted.
            let slot = column
                .checked_sub(first_column)
                .and_then(|offset| slot_of_column.get(offset as usize).copied().flatten());
            if let Some(last) = slot.and_then(|slot| columns[slot].last_mut()) {
                *last = convert(&Data::from(cell.get_value().clone()));
            }
        }
        next = cells.next_cell().map_err(Streamed::Xml)?;
    }
    if !keep.iter().all(|k| *k) {
        for column in columns.iter_mut() {
            super::mapping::retain_by(column, &keep);
        }
        super::mapping::retain_by(&mut row_numbers, &keep);
    }
    Ok(SheetTable {
        sheet: None,
        date1904: false,
        all_headers,
        headers,
        columns: columns.into_iter().map(CellColumn::from_cells).collect(),
        row_numbers,
    })
}

/// Converts a sheet's used range: the first non-empty row is the header;
/// fully blank rows are skipped silently (inputs.md); only wanted columns are kept.
fn sheet_table(range: &calamine::Range<Data>, layout: Layout, wanted: &Wanted) -> SheetTable {
    let Some((start_row, _)) = range.start() else {
        return SheetTable::default();
    };
    let mut rows = range.rows().enumerate();
    let mut headers = Vec::new();
    for (_, row) in rows.by_ref() {
        if row.iter().any(|c| !matches!(c, Data::Empty)) {
            headers = row.iter().map(header_text).collect();
            break;
        }
    }
    let width = headers.len();
    let mut columns: Vec<Vec<Cell>> = vec![Vec::new(); width];
    let mut row_numbers = Vec::new();
    for (offset, row) in rows.skip(layout.rows_after_header()) {
        for (index, column) in columns.iter_mut().enumerate() {
            column.push(row.get(index).map_or(Cell::Empty, convert));
        }
        // Spreadsheet rows are 1-based.
        row_numbers.push(start_row + offset as u32 + 1);
    }
    drop_blank_rows(&mut columns, &mut row_numbers);
    let mut table = SheetTable {
        sheet: None,
        date1904: false,
        all_headers: headers.clone(),
        headers: Vec::new(),
        columns: Vec::new(),
        row_numbers,
    };
    for (header, column) in headers.into_iter().zip(columns) {
        if wanted.wants(&header) {
            table.headers.push(header);
            table.columns.push(CellColumn::from_cells(column));
        }
    }
    table
}

/// Drops the rows in which every cell is empty or blank text.
fn drop_blank_rows(columns: &mut [Vec<Cell>], row_numbers: &mut Vec<u32>) {
    let keep: Vec<bool> = (0..row_numbers.len())
        .map(|r| {
            columns.iter().any(|c| match &c[r] {
                Cell::Empty => false,
                Cell::Text(t) => !t.trim().is_empty(),
                _ => true,
            })
        })
        .collect();
    if keep.iter().all(|k| *k) {
        return;
    }
    for column in columns.iter_mut() {
        super::mapping::retain_by(column, &keep);
    }
    super::mapping::retain_by(row_numbers, &keep);
}

fn header_text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.trim().to_string(),
        Data::Empty => String::new(),
        Data::Float(f) => super::values::number_text(*f),
        other => other.to_string().trim().to_string(),
    }
}

/// One calamine value as a raw cell.
fn convert(cell: &Data) -> Cell {
    match cell {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        // Durations, and times of day without a date (01:30 typed into a
        // time-formatted cell), are lengths of time in minutes.
        Data::DateTime(dt) if dt.is_duration() || (0.0..1.0).contains(&dt.as_f64()) => {
            Cell::Duration(dt.as_f64() * 24.0 * 60.0)
        }
        Data::DateTime(dt) => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            match datetime_from_parts(y, mo, d, h, mi, s) {
                Some(value) => Cell::Date(value),
                None => Cell::Error(format!("{y:04}-{mo:02}-{d:02} (not a calendar date)")),
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}
