//! tables.xlsx: every published table as its own sheet, with a bold frozen
//! header row, percentage and p-value number formats, and the same
//! disclosure-controlled values as tables/*.csv. Reproducible: the document
//! date is the report's as-of date, never the clock.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::table::{Table, Value};
use crate::error::{Error, Result};
use crate::metrics::model::Count;

/// The workbook's bytes.
pub fn tables_xlsx(tables: &[Table], as_of: NaiveDate) -> Result<Vec<u8>> {
    build(tables, as_of)
        .and_then(|mut workbook| workbook.save_to_buffer())
        .map_err(|e| Error::write("tables.xlsx", e))
}

/// The workbook written to `out` as it is zipped (a large one is not held
/// whole first).
pub fn write_tables_xlsx(
    tables: &[Table],
    as_of: NaiveDate,
    out: &mut (impl std::io::Write + Send),
) -> std::io::Result<()> {
    build(tables, as_of)
        .and_then(|mut workbook| workbook.save_to_writer(out))
        .map_err(std::io::Error::other)
}

fn build(tables: &[Table], as_of: NaiveDate) -> std::result::Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(as_of.year() as u16, as_of.month() as u8, as_of.day() as u8)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_author("mentor-evidence"),
    );
    let cells: usize = tables.iter().map(|t| t.rows.len() * t.columns.len()).sum();
    if cells > FAST_COMPRESSION_CELLS {
        workbook.set_zip_compression_level(1);
    }
    // Each sheet filled on its own core, then added in order.
    use rayon::prelude::*;
    let sheets: Vec<std::result::Result<Worksheet, XlsxError>> = tables.par_iter().map(sheet).collect();
    for sheet in sheets {
        workbook.push_worksheet(sheet?);
    }
    Ok(workbook)
}

/// Past this many cells (a pool of hundreds of institutions' leave-one-out
/// rows) the workbook is deflated at level 1, not 6: 1.6 times the size,
/// in half the time (docs/performance.md). A run's tables stay far below.
const FAST_COMPRESSION_CELLS: usize = 200_000;

/// One table's sheet.
fn sheet(table: &Table) -> std::result::Result<Worksheet, XlsxError> {
    let header = Format::new().set_bold().set_text_wrap();
    let rate = Format::new().set_num_format("0.0%");
    let p_value = Format::new().set_num_format("0.000");
    let decimal = Format::new().set_num_format("0.00");
    // A quote prefix shows text that starts like a formula as text.
    let quoted = Format::new().set_quote_prefix();
    let mut sheet = Worksheet::new();
    sheet.set_name(table.name)?;
    for (c, name) in table.columns.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, &header)?;
        sheet.set_column_width(c as u16, (name.len() as f64 + 2.0).clamp(8.0, 40.0))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, value) in row.iter().enumerate() {
            let c = c as u16;
            match value {
                Value::Text(t) if t.starts_with(['=', '+', '-', '@', '\t', '\r']) => {
                    sheet.write_string_with_format(r, c, t, &quoted)?;
                }
                Value::Text(t) => {
                    sheet.write_string(r, c, t)?;
                }
                Value::Count(Count::Exact(v)) => {
                    sheet.write_number(r, c, *v as f64)?;
                }
                Value::Count(count @ (Count::Below(_) | Count::Withheld)) => {
                    sheet.write_string(r, c, count.text())?;
                }
                Value::Rate(Some(v)) | Value::RateDiff(Some(v)) => {
                    sheet.write_number_with_format(r, c, *v, &rate)?;
                }
                Value::P(Some(v)) | Value::Smd(Some(v)) => {
                    sheet.write_number_with_format(r, c, *v, &p_value)?;
                }
                Value::Points(Some(v)) | Value::Decimal(Some(v)) | Value::Stat(Some(v)) => {
                    sheet.write_number_with_format(r, c, *v, &decimal)?;
                }
                Value::Full(Some(v)) => {
                    sheet.write_number(r, c, *v)?;
                }
                Value::Withheld => {
                    sheet.write_string(r, c, "..")?;
                }
                Value::Rate(None)
                | Value::P(None)
                | Value::Points(None)
                | Value::Decimal(None)
                | Value::Stat(None)
                | Value::RateDiff(None)
                | Value::Smd(None)
                | Value::Full(None) => {}
            }
        }
    }
    Ok(sheet)
}
