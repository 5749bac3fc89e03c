//! An .xls's declared sizes, checked before calamine parses it: calamine
//! reserves a sheet's declared dimensions, and builds each sheet as the
//! rectangle its cells span, so one damaged DIMENSIONS record or one cell
//! record at row 65,535 and column 65,535 asks for gigabytes; a sheet's
//! position past the end of the stream panics. The Workbook stream is read
//! from its compound-file container with the `cfb` crate and walked record
//! by record (MS-XLS 2.1.4: a 2-byte type, a 2-byte length, the data).

use std::io::{Cursor, Read};

use super::budget::Budget;
use super::xls_records::{self, BOF, u16_at, u32_at};
use crate::error::{Error, Result};

/// The first bytes of a compound file (.xls, and .doc and .msg alike).
pub const CFB_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

const BOUND_SHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
/// The cell records calamine places by their first four bytes (row, column):
/// Number, Label, RString, BoolErr, String's Formula, Rk, LabelSst, MulRk.
const CELL_RECORDS: [u16; 8] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x0006, 0x027E, 0x00FD, 0x00BD];
const LABEL_SST: u16 = 0x00FD;
/// Records whose text is in the record itself: Label, RString, String.
const TEXT_RECORDS: [u16; 3] = [0x0204, 0x00D6, 0x0207];
const EOF: u16 = 0x000A;

/// Checks an .xls's container, the records calamine trusts, its sheet
/// positions, declared dimensions, cell positions and the text its cells
/// hold (a shared string counted once per cell, as calamine copies it).
pub fn check(context: &str, bytes: &[u8], budget: &Budget) -> Result<()> {
    let damaged = |why: &dyn std::fmt::Display| {
        Error::input(format!(
            "{context}: not a readable spreadsheet: the .xls is damaged ({why})"
        ))
    };
    xls_records::check_container(bytes).map_err(|why| damaged(&why))?;
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|name| file.is_stream(name))
        .ok_or_else(|| damaged(&"it holds no Workbook stream"))?;
    let mut stream = Vec::new();
    file.open_stream(name)
        .map_err(|e| damaged(&e))?
        .take(bytes.len() as u64)
        .read_to_end(&mut stream)
        .map_err(|e| damaged(&e))?;
    let globals: Vec<(u16, &[u8])> = records(&stream).take_while(|(kind, _)| *kind != EOF).collect();
    let pre_biff8 = match globals.first() {
        Some((BOF, data)) => xls_records::is_pre_biff8(data),
        _ => return Err(damaged(&"its Workbook stream does not start with a BOF record")),
    };
    let mut sheets = Vec::new();
    let mut shared = Vec::new();
    for (at, &(kind, data)) in globals.iter().enumerate() {
        xls_records::check_global(kind, data, pre_biff8).map_err(|why| damaged(&why))?;
        if kind == xls_records::SST {
            let parts: Vec<&[u8]> = std::iter::once(data)
                .chain(
                    globals[at + 1..]
                        .iter()
                        .take_while(|(kind, _)| *kind == xls_records::CONTINUE)
                        .map(|(_, data)| *data),
                )
                .collect();
            shared =
                xls_records::shared_string_sizes(&parts, budget.max_cells).map_err(|why| damaged(&why))?;
        }
        if kind == BOUND_SHEET
            && let Some(position) = u32_at(data, 0)
        {
            if position as usize >= stream.len() {
                return Err(damaged(&format_args!(
                    "a sheet starts at byte {position}, past the stream's {} bytes",
                    stream.len()
                )));
            }
            sheets.push(position as usize);
        }
    }
    let mut text = Text {
        shared: &shared,
        kept: 0,
    };
    for start in sheets {
        check_sheet(context, &stream[start..], budget, pre_biff8, &mut text)?;
    }
    Ok(())
}

/// The text the sheets' cells hold: each shared string's UTF-8 size, and
/// the bytes counted so far.
struct Text<'a> {
    shared: &'a [u64],
    kept: u64,
}

/// One sheet's substream: its records' shapes, its DIMENSIONS, the
/// rectangle its cells span and their text.
fn check_sheet(
    context: &str,
    stream: &[u8],
    budget: &Budget,
    pre_biff8: bool,
    text: &mut Text<'_>,
) -> Result<()> {
    let (mut top, mut bottom, mut left, mut right) = (u64::MAX, 0u64, u64::MAX, 0u64);
    let mut depth = 0usize;
    for (kind, data) in records(stream) {
        match kind {
            // A nested substream (an embedded chart) is skipped, as calamine does.
            BOF if data.len() < 2 => {
                return Err(Error::input(format!(
                    "{context}: not a readable spreadsheet: the .xls is damaged (a sheet's BOF record holds {} bytes, fewer than 2)",
                    data.len()
                )));
            }
            BOF => depth += 1,
            EOF if depth <= 1 => break,
            EOF => depth -= 1,
            _ if depth > 1 => continue,
            _ => {}
        }
        xls_records::check_sheet_record(kind, data, pre_biff8).map_err(|why| {
            Error::input(format!(
                "{context}: not a readable spreadsheet: the .xls is damaged ({why})"
            ))
        })?;
        let size = match kind {
            LABEL_SST => u32_at(data, 6)
                .and_then(|index| text.shared.get(index as usize).copied())
                .unwrap_or(0),
            kind if TEXT_RECORDS.contains(&kind) => data.len() as u64,
            _ => 0,
        };
        text.kept = text.kept.saturating_add(size);
        if text.kept > budget.max_text {
            return Err(budget.too_much_text(context, "its sheets' cells"));
        }
        match kind {
            DIMENSIONS => {
                let declared = declared_cells(data);
                if declared > budget.whole_read_cells() {
                    return Err(budget.too_many_whole_read_cells(
                        context,
                        "a sheet's declared size",
                        declared,
                    ));
                }
            }
            kind if CELL_RECORDS.contains(&kind) && data.len() >= 4 => {
                let row = u64::from(u16::from_le_bytes([data[0], data[1]]));
                let column = u64::from(u16::from_le_bytes([data[2], data[3]]));
                // MulRk spans columns up to the one in its last two bytes.
                let last = match kind {
                    0x00BD if data.len() >= 6 => {
                        u64::from(u16::from_le_bytes([data[data.len() - 2], data[data.len() - 1]]))
                    }
                    _ => column,
                };
                top = top.min(row);
                bottom = bottom.max(row);
                left = left.min(column);
                right = right.max(column.max(last));
                let rectangle = (bottom - top + 1).saturating_mul(right.saturating_sub(left) + 1);
                if rectangle > budget.whole_read_cells() {
                    return Err(budget.too_many_whole_read_cells(
                        context,
                        "a sheet (the rectangle its cells span)",
                        rectangle,
                    ));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The cells a DIMENSIONS record makes calamine reserve, computed as it
/// does (with its wrapping subtraction: last < first asks for the most).
fn declared_cells(data: &[u8]) -> u64 {
    let (first_row, last_row, first_col, last_col) = match data.len() {
        10 => (
            u32::from(u16_at(data, 0)),
            u32::from(u16_at(data, 2)),
            u32::from(u16_at(data, 4)),
            u32::from(u16_at(data, 6)),
        ),
        14 | 16 => (
            u32_at(data, 0).unwrap_or(0),
            u32_at(data, 4).unwrap_or(0),
            u32::from(u16_at(data, 8)),
            u32::from(u16_at(data, 10)),
        ),
        _ => return 0,
    };
    let first_col = if first_col > 0xFF || last_col < first_col {
        0
    } else {
        first_col
    };
    if last_row == 0 || last_col == 0 {
        return 1;
    }
    let rows = (last_row - 1).wrapping_sub(first_row).wrapping_add(1);
    let columns = (last_col - 1).wrapping_sub(first_col).wrapping_add(1);
    u64::from(rows).saturating_mul(u64::from(columns))
}

/// The records of a BIFF stream, as (type, data), until one runs past the end.
fn records(stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = stream;
    std::iter::from_fn(move || {
        let kind = u16_at(rest, 0);
        let length = usize::from(u16_at(rest, 2));
        let data = rest.get(4..4 + length)?;
        rest = &rest[4 + length..];
        Some((kind, data))
    })
}
