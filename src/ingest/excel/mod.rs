//! Spreadsheet reading (.xlsx, .xlsm, .xlsb, .xls, .ods) through calamine.
//! Only this folder's files import calamine: `stream` reads a sheet's
//! rows, `body` turns them into a table.

mod body;
mod stream;

use stream::{StreamLimits, Streamed, sheet_table, stream_sheet};

use std::io::Cursor;

use calamine::{Data, DataRef, Reader, SheetVisible, Sheets, open_workbook_auto_from_rs};

use super::budget::{self, Budget};
use super::header::{self, HeaderSpec};
use super::values::datetime_from_parts;
use super::xls_budget;
use super::{Cell, CellColumn, SheetTable, Wanted};
use crate::config::OneOrMany;
use crate::error::{Error, Result};

/// A workbook's sheets as read, and the selected sheets skipped for want of
/// the required headers (a "Read me" among monthly sheets), with why.
#[derive(Debug, Default)]
pub struct WorkbookSheets {
    pub tables: Vec<SheetTable>,
    pub skipped: Vec<(String, String)>,
}

/// Reads the selected sheets of a workbook. `sheets`: None = the first
/// visible sheet; "*" = every visible sheet; otherwise the named sheets.
/// Of several sheets, those without the required headers are skipped (at
/// least one must have them). The workbook is first checked against
/// `budget`; should calamine still panic on a damaged file, the panic is an
/// error naming the file.
pub fn read_workbook(
    context: &str,
    bytes: &[u8],
    sheets: Option<&OneOrMany>,
    spec: HeaderSpec<'_>,
    budget: &Budget,
) -> Result<WorkbookSheets> {
    if bytes.starts_with(&xls_budget::CFB_SIGNATURE) {
        xls_budget::check(context, bytes, budget)?;
    } else {
        budget::check(context, bytes, budget)?;
    }
    READING.with(|reading| reading.set(true));
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_sheets(context, bytes, sheets, spec, budget)
    }));
    READING.with(|reading| reading.set(false));
    read.unwrap_or_else(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(Error::input(format!(
            "{context}: not a readable spreadsheet: the file is damaged (the reader stopped: {why})"
        )))
    })
}

thread_local! {
    /// Whether this thread is inside calamine, where a panic is caught and
    /// reported as a damaged file.
    static READING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Keeps the panic message and backtrace of a caught reader panic off the
/// terminal (the user gets the error naming the file instead); every other
/// panic is printed as before. For the binary's `main`.
pub fn quiet_reader_panics() {
    let print = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !READING.with(std::cell::Cell::get) {
            print(info);
        }
    }));
}

fn read_sheets(
    context: &str,
    bytes: &[u8],
    sheets: Option<&OneOrMany>,
    spec: HeaderSpec<'_>,
    budget: &Budget,
) -> Result<WorkbookSheets> {
    let max_cells = budget.max_cells;
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
    let several = selected.len() > 1;
    let mut read = WorkbookSheets::default();
    let mut first_missing = None;
    // Cell text kept so far, over every sheet read (`limits.max_text_mb`).
    let mut text_kept: u64 = 0;
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
        let missed = std::cell::Cell::new(false);
        let missing = |headers: &[String], none: Option<header::NoHeader>| {
            let (headers, place) = match &none {
                Some(none) => (
                    none.nearest
                        .as_ref()
                        .map_or(&[][..], |(_, texts)| texts.as_slice()),
                    format!("{place} ({})", none.describe()),
                ),
                None => (headers, place.clone()),
            };
            match spec.wanted.first_missing(headers) {
                Some(column) => {
                    missed.set(true);
                    Err(super::missing_required_column(input, column, &place, headers))
                }
                None => Ok(()),
            }
        };
        let table = match &mut workbook {
            // An .xlsx sheet is read a cell at a time, keeping only the
            // wanted columns, and its header row is checked before the rest.
            Sheets::Xlsx(xlsx) => {
                let mut cells = xlsx.worksheet_cells_reader(&name).map_err(|e| cannot_read(&e))?;
                let limits = StreamLimits {
                    max_cells,
                    max_text: budget.max_text,
                    text_kept,
                };
                let streamed = stream_sheet(&mut cells, spec, limits, missing);
                streamed.map(|(table, kept)| {
                    text_kept = kept;
                    table
                })
                .map_err(|e| match e {
                    Streamed::Missing(e) => e,
                    Streamed::TooMuchText => {
                        budget.too_much_text(&format!("{context}, sheet '{name}'"), "the cells read")
                    }
                    Streamed::Xml(e) => cannot_read(&e),
                    Streamed::TooManyCells(count) => Error::input(format!(
                        "{context}, sheet '{name}': the sheet holds more than {max_cells} cells (found {count} so far), past limits.max_cells; raise the limit if the file is genuine"
                    )),
                })
            }
            other => {
                let range = other.worksheet_range(&name).map_err(|e| cannot_read(&e))?;
                let (height, width) = range.get_size();
                let cells = (height as u64).saturating_mul(width as u64);
                if cells > max_cells {
                    return Err(Error::input(format!(
                        "{context}, sheet '{name}': the sheet spans {cells} cells, past limits.max_cells ({max_cells}); raise the limit if the file is genuine"
                    )));
                }
                sheet_table(&range, spec, missing)
            }
        };
        match table {
            Ok(mut table) => {
                table.sheet = Some(name);
                table.date1904 = date1904;
                read.tables.push(table);
            }
            Err(e) if several && missed.get() => {
                read.skipped
                    .push((name, "no row holds the configured headers".to_string()));
                first_missing.get_or_insert(e);
            }
            Err(e) => return Err(e),
        }
    }
    match first_missing {
        Some(e) if read.tables.is_empty() => Err(e),
        _ => Ok(read),
    }
}
