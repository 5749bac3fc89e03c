//! A sheet's rows streamed from calamine within the reading limits: the
//! header found among the top rows, the rest cell by cell into a `Body`.

use super::body::{Body, convert, header_text, is_blank};
use super::*;

/// Why streaming a sheet stopped.
pub(super) enum Streamed {
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
pub(super) struct StreamLimits {
    pub(super) max_cells: u64,
    pub(super) max_text: u64,
    pub(super) text_kept: u64,
}

/// The widest row the header search reads (Excel's last column is 16,384).
pub(super) const MAX_COLUMNS: u32 = 16_384;

/// Reads an .xlsx sheet a cell at a time into the same table `sheet_table`
/// makes of a whole range: the cells of the first rows are kept until the
/// header is found among them (`header::choose`; checked by `check` before
/// any other row is read); below it, rows blank in every column are dropped,
/// rows that are not records are counted, and only wanted columns are kept,
/// so a sheet with many other columns costs little memory. Returns the
/// table and the text kept so far: a shared string is stored once in the
/// file but copied into every cell kept, so kept text is counted.
pub(super) fn stream_sheet<RS: std::io::Read + std::io::Seek>(
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
pub(super) fn top_texts<'a>(rows: impl Iterator<Item = (u32, &'a [(u32, Data)])>) -> Vec<(u32, Vec<String>)> {
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
pub(super) fn text_len(value: &DataRef<'_>) -> u64 {
    match value {
        DataRef::SharedString(t) => t.len() as u64,
        DataRef::String(t) | DataRef::DateTimeIso(t) | DataRef::DurationIso(t) => t.len() as u64,
        _ => 0,
    }
}

/// Converts a sheet's used range as `stream_sheet` reads a streamed one.
pub(super) fn sheet_table(
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
