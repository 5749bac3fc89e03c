//! Spreadsheet reading (.xlsx, .xlsm, .xlsb, .xls, .ods) through calamine.
//! The only file that imports calamine.

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

/// Why streaming a sheet stopped.
enum Streamed {
    /// The header row lacks a required column.
    Missing(Error),
    /// The sheet's XML could not be read.
    Xml(calamine::XlsxError),
    /// More cells than `limits.max_cells` (how many were read).
    TooManyCells(u64),
    /// More cell text kept than `limits.max_text_mb`.
    TooMuchText,
}

/// What a streamed sheet may cost: cells read, and text kept (with what
/// earlier sheets of the workbook kept).
#[derive(Debug, Clone, Copy)]
struct StreamLimits {
    max_cells: u64,
    max_text: u64,
    text_kept: u64,
}

/// The widest row the header search reads (Excel's last column is 16,384).
const MAX_COLUMNS: u32 = 16_384;

/// Reads an .xlsx sheet a cell at a time into the same table `sheet_table`
/// makes of a whole range: the cells of the first rows are kept until the
/// header is found among them (`header::choose`; checked by `check` before
/// any other row is read); below it, rows blank in every column are dropped,
/// rows that are not records are counted, and only wanted columns are kept,
/// so a sheet with many other columns costs little memory. Returns the
/// table and the text kept so far: a shared string is stored once in the
/// file but copied into every cell kept, so kept text is counted.
fn stream_sheet<RS: std::io::Read + std::io::Seek>(
    cells: &mut calamine::XlsxCellReader<'_, RS>,
    spec: HeaderSpec<'_>,
    limits: StreamLimits,
    check: impl Fn(&[String], Option<header::NoHeader>) -> Result<()>,
) -> std::result::Result<(SheetTable, u64), Streamed> {
    let StreamLimits {
        max_cells,
        max_text,
        mut text_kept,
    } = limits;
    let top_rows = spec.top_rows();
    let mut top: Vec<(u32, Vec<(u32, Data)>)> = Vec::new();
    let mut first_after = None;
    // Every cell the reader yields counts, kept or not.
    let mut read: u64 = 0;
    // Each cell with whether it holds a formula saved without its value.
    let mut next_cell = || {
        read += 1;
        if read > max_cells {
            return Err(Streamed::TooManyCells(read));
        }
        let record = cells.next_cell_with_formula_metadata().map_err(Streamed::Xml)?;
        Ok(record.map(|r| {
            let uncomputed = r.formula.is_some() && matches!(r.value, DataRef::Empty);
            (calamine::Cell::new(r.pos, r.value), uncomputed)
        }))
    };
    let mut top_uncomputed: Vec<(u32, u32)> = Vec::new();
    while let Some((cell, uncomputed)) = next_cell()? {
        let (row, column) = cell.get_position();
        if uncomputed {
            top_uncomputed.push((row, column));
        }
        if row >= top_rows {
            first_after = Some((cell, uncomputed));
            break;
        }
        if column >= MAX_COLUMNS || matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        text_kept = text_kept.saturating_add(text_len(cell.get_value()));
        if text_kept > max_text {
            return Err(Streamed::TooMuchText);
        }
        let value = Data::from(cell.get_value().clone());
        match top.last_mut() {
            Some((last, values)) if *last == row => values.push((column, value)),
            _ => top.push((row, vec![(column, value)])),
        }
    }
    let texts = top_texts(top.iter().map(|(row, values)| (*row, values.as_slice())));
    let choice = match header::choose(&texts, spec.layout, spec.wanted, spec.row) {
        Ok(choice) => choice,
        Err(none) => {
            check(&[], Some(none)).map_err(Streamed::Missing)?;
            return Ok((SheetTable::default(), text_kept));
        }
    };
    let header_row = texts[choice.index].0;
    let mut body = Body::new(&texts[choice.index].1, &choice.names, &choice.texts, spec.wanted);
    body.text_kept = text_kept;
    check(&body.all_headers, None).map_err(Streamed::Missing)?;
    // Rows are 1-based from here on, as a spreadsheet user sees them.
    let first_data_row = header_row.saturating_add(1 + choice.rows_after as u32);
    for (row, values) in &top {
        if row.saturating_add(1) >= first_data_row {
            for (column, value) in values {
                body.cell(row.saturating_add(1), *column, is_blank(value), || convert(value));
            }
        }
    }
    for (row, column) in top_uncomputed {
        if row < top_rows && row.saturating_add(1) >= first_data_row {
            body.uncomputed(row.saturating_add(1), column);
        }
    }
    let mut next = first_after;
    while let Some((cell, uncomputed)) = next {
        if spec.max_rows.is_some_and(|max| body.row_numbers.len() > max) {
            break;
        }
        let (row, column) = cell.get_position();
        if row.saturating_add(1) >= first_data_row {
            let value = cell.get_value();
            // Blank as `convert` would leave it: empty, or text of spaces.
            let blank = match value {
                DataRef::Empty => true,
                DataRef::SharedString(t) => t.trim().is_empty(),
                DataRef::String(t) | DataRef::DateTimeIso(t) | DataRef::DurationIso(t) => t.trim().is_empty(),
                _ => false,
            };
            body.cell(row.saturating_add(1), column, blank, || {
                convert(&Data::from(value.clone()))
            });
            if uncomputed {
                body.uncomputed(row.saturating_add(1), column);
            }
            if body.text_kept > max_text {
                return Err(Streamed::TooMuchText);
            }
        }
        next = next_cell()?;
    }
    let kept = body.text_kept;
    Ok((body.finish(header_row), kept))
}

/// Each top row's cells as header text, by column from column A.
fn top_texts<'a>(rows: impl Iterator<Item = (u32, &'a [(u32, Data)])>) -> Vec<(u32, Vec<String>)> {
    rows.map(|(row, values)| {
        let width = values.iter().map(|(c, _)| c + 1).max().unwrap_or(0) as usize;
        let mut texts = vec![String::new(); width];
        for (column, value) in values {
            texts[*column as usize] = header_text(value);
        }
        (row.saturating_add(1), texts)
    })
    .collect()
}

/// Whether a cell holds nothing but spaces.
/// The bytes of text a cell's value holds.
fn text_len(value: &DataRef<'_>) -> u64 {
    match value {
        DataRef::SharedString(t) => t.len() as u64,
        DataRef::String(t) | DataRef::DateTimeIso(t) | DataRef::DurationIso(t) => t.len() as u64,
        _ => 0,
    }
}

fn is_blank(value: &Data) -> bool {
    match value {
        Data::Empty => true,
        Data::String(t) | Data::DateTimeIso(t) | Data::DurationIso(t) => t.trim().is_empty(),
        _ => false,
    }
}

/// A sheet's rows below its header, kept column by column as they are read.
struct Body {
    /// Every header from the header row's first cell to its last.
    all_headers: Vec<String>,
    /// The question text under each of them (empty: none).
    all_texts: Vec<String>,
    first_column: u32,
    /// The wanted columns' slots, by column from `first_column`.
    slot_of_column: Vec<Option<usize>>,
    headers: Vec<String>,
    columns: Vec<Vec<Cell>>,
    row_numbers: Vec<u32>,
    /// Per row: how many cells hold something, and the first one's text.
    filled: Vec<usize>,
    first_text: Vec<Option<String>>,
    /// Formula cells of read columns saved without a value (row, header).
    uncomputed: Vec<(u32, String)>,
    /// Bytes of text kept in `columns` and `first_text` (and before them).
    text_kept: u64,
}

impl Body {
    /// Below a header row of `texts` named `names` (by column from A).
    fn new(texts: &[String], names: &[String], questions: &[String], wanted: &Wanted) -> Body {
        let first_column = texts.iter().position(|t| !t.is_empty()).unwrap_or(0);
        let last_column = texts.iter().rposition(|t| !t.is_empty()).unwrap_or(0);
        let all_headers: Vec<String> = names
            .get(first_column..=last_column)
            .map(<[String]>::to_vec)
            .unwrap_or_default();
        let all_texts: Vec<String> = (first_column..first_column + all_headers.len())
            .map(|c| questions.get(c).cloned().unwrap_or_default())
            .collect();
        // Wanted columns in header order; a repeated header: the first wins.
        let mut headers: Vec<String> = Vec::new();
        let mut slot_of_column: Vec<Option<usize>> = vec![None; all_headers.len()];
        for (offset, header) in all_headers.iter().enumerate() {
            if wanted.wants(header) && !headers.contains(header) {
                slot_of_column[offset] = Some(headers.len());
                headers.push(header.clone());
            }
        }
        Body {
            columns: vec![Vec::new(); headers.len()],
            all_headers,
            all_texts,
            first_column: first_column as u32,
            slot_of_column,
            headers,
            row_numbers: Vec::new(),
            filled: Vec::new(),
            first_text: Vec::new(),
            uncomputed: Vec::new(),
            text_kept: 0,
        }
    }

    /// Notes a formula cell saved without its value, when its column is read.
    fn uncomputed(&mut self, row: u32, column: u32) {
        let slot = column
            .checked_sub(self.first_column)
            .and_then(|offset| self.slot_of_column.get(offset as usize).copied().flatten());
        if let Some(header) = slot.and_then(|slot| self.headers.get(slot)) {
            self.uncomputed.push((row, header.clone()));
        }
    }

    /// One cell of row `row` (1-based; rows arrive in order, cells left to right).
    fn cell(&mut self, row: u32, column: u32, blank: bool, value: impl FnOnce() -> Cell) {
        if self.row_numbers.last() != Some(&row) {
            self.row_numbers.push(row);
            self.filled.push(0);
            self.first_text.push(None);
            for column in self.columns.iter_mut() {
                column.push(Cell::Empty);
            }
        }
        let slot = column
            .checked_sub(self.first_column)
            .and_then(|offset| self.slot_of_column.get(offset as usize).copied().flatten());
        if blank {
            return;
        }
        let last = self.filled.len() - 1;
        self.filled[last] += 1;
        let needs_text = self.first_text[last].is_none();
        if slot.is_none() && !needs_text {
            return;
        }
        let value = value();
        if let Cell::Text(text) = &value {
            let copies = u64::from(needs_text) + u64::from(slot.is_some());
            self.text_kept = self.text_kept.saturating_add(copies * text.len() as u64);
        }
        if needs_text {
            self.first_text[last] = Some(super::values::cell_text(&value).unwrap_or_default());
        }
        if let Some(out) = slot.and_then(|slot| self.columns[slot].last_mut()) {
            *out = value;
        }
    }

    /// The table: blank rows dropped silently; totals, notes and a footer
    /// after the last blank rows dropped and counted.
    fn finish(mut self, header_row: u32) -> SheetTable {
        let rows = self.row_numbers.len();
        let mut keep = vec![true; rows];
        let mut not_records = Vec::new();
        for (r, kept) in keep.iter_mut().enumerate() {
            let first = self.first_text[r].as_deref().unwrap_or("");
            if self.filled[r] == 0 {
                *kept = false;
            } else if header::not_a_record(first, self.filled[r]).is_some() {
                *kept = false;
                not_records.push(self.row_numbers[r]);
            }
        }
        // A row repeating the header (a report's page break; a monday.com
        // board's header under each group's title), and a one-cell row
        // just above one (the group's title, "Paused").
        let repeats_header = |r: usize| {
            let (mut same, mut filled) = (0, 0);
            for (slot, column) in self.columns.iter().enumerate() {
                match &column[r] {
                    Cell::Empty => {}
                    Cell::Text(t) => {
                        filled += 1;
                        same += usize::from(t.trim().eq_ignore_ascii_case(self.headers[slot].trim()));
                    }
                    _ => filled += 1,
                }
            }
            same >= 2 && same * 5 >= filled * 4
        };
        for r in 0..rows {
            if keep[r] && repeats_header(r) {
                keep[r] = false;
                not_records.push(self.row_numbers[r]);
                if let Some(above) = r.checked_sub(1)
                    && keep[above]
                    && self.filled[above] == 1
                    && self.row_numbers[above] + 1 == self.row_numbers[r]
                {
                    keep[above] = false;
                    not_records.push(self.row_numbers[above]);
                }
            }
        }
        // A footer: short rows of words after a gap at the end (a report's
        // "Report run by ..." beside its "Page 1 of 1").
        let filled_rows: Vec<usize> = (0..rows).filter(|&r| self.filled[r] > 0).collect();
        if let Some(gap) = filled_rows
            .windows(2)
            .rposition(|w| self.row_numbers[w[1]] > self.row_numbers[w[0]].saturating_add(1))
        {
            let footer = &filled_rows[gap + 1..];
            let is_footer = |&r: &usize| {
                self.first_text[r]
                    .as_deref()
                    .is_some_and(|t| super::footer::is_line(t, self.filled[r], self.all_headers.len()))
            };
            if footer.len() <= super::footer::MAX_LINES && footer.iter().all(is_footer) {
                for &r in footer {
                    if keep[r] {
                        keep[r] = false;
                        not_records.push(self.row_numbers[r]);
                    }
                }
            }
        }
        not_records.sort_unstable();
        if keep.iter().any(|k| !k) {
            for column in self.columns.iter_mut() {
                super::keep::retain_by(column, &keep);
            }
            super::keep::retain_by(&mut self.row_numbers, &keep);
        }
        SheetTable {
            sheet: None,
            date1904: false,
            all_headers: self.all_headers,
            all_texts: self.all_texts,
            headers: self.headers,
            columns: self.columns.into_iter().map(CellColumn::from_cells).collect(),
            row_numbers: self.row_numbers,
            header_row,
            not_records,
            uncomputed: self.uncomputed,
        }
    }
}

/// Converts a sheet's used range as `stream_sheet` reads a streamed one.
fn sheet_table(
    range: &calamine::Range<Data>,
    spec: HeaderSpec<'_>,
    check: impl Fn(&[String], Option<header::NoHeader>) -> Result<()>,
) -> Result<SheetTable> {
    let Some((start_row, start_column)) = range.start() else {
        check(&[], None)?;
        return Ok(SheetTable::default());
    };
    let top: Vec<(u32, Vec<(u32, Data)>)> = range
        .rows()
        .enumerate()
        .take(spec.top_rows() as usize)
        .map(|(offset, row)| {
            let values = row
                .iter()
                .enumerate()
                .filter(|(c, v)| !is_blank(v) && (*c as u32) < MAX_COLUMNS)
                .map(|(c, v)| (start_column + c as u32, v.clone()))
                .collect();
            (start_row + offset as u32, values)
        })
        .collect();
    let texts = top_texts(top.iter().map(|(row, values)| (*row, values.as_slice())));
    let choice = match header::choose(&texts, spec.layout, spec.wanted, spec.row) {
        Ok(choice) => choice,
        Err(none) => {
            check(&[], Some(none))?;
            return Ok(SheetTable::default());
        }
    };
    let header_row = texts[choice.index].0;
    let mut body = Body::new(&texts[choice.index].1, &choice.names, &choice.texts, spec.wanted);
    check(&body.all_headers, None)?;
    let first_data_row = header_row.saturating_add(1 + choice.rows_after as u32);
    for (offset, row) in range.rows().enumerate() {
        if spec.max_rows.is_some_and(|max| body.row_numbers.len() > max) {
            break;
        }
        let number = start_row.saturating_add(offset as u32).saturating_add(1);
        if number < first_data_row {
            continue;
        }
        for (c, value) in row.iter().enumerate() {
            body.cell(number, start_column + c as u32, is_blank(value), || {
                convert(value)
            });
        }
    }
    Ok(body.finish(header_row))
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
