//! Writing sample workbooks with rust_xlsxwriter, reproducibly (fixed document dates).

use std::path::Path;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use super::csv_file::CsvFile;
use crate::error::{Error, Result};

/// One cell value of a sample sheet.
#[derive(Debug, Clone)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    DateTime(NaiveDateTime),
}

/// A sheet to write: a header row, then rows.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

impl Sheet {
    /// Writes the sheet as a CSV file at `path`.
    pub fn write_csv(&self, path: &Path) -> Result<()> {
        let mut csv = CsvFile::create(path)?;
        csv.row(&self.headers)?;
        for row in &self.rows {
            write_values(&mut csv, row)?;
        }
        csv.finish()
    }
}

/// Writes a row of sheet values as CSV fields (dates day-first, as a UK
/// export would write them): the sheets' CSV form, and the cohort's, which
/// is written a row at a time as it is drawn.
pub fn write_values(csv: &mut CsvFile, row: &[Value]) -> Result<()> {
    for value in row {
        match value {
            Value::Empty => csv.text(""),
            Value::Text(t) => csv.text(t),
            Value::Number(n) => csv.text(&crate::ingest::values::number_text(*n)),
            Value::Date(d) => csv.formatted(format_args!("{}", UkDate(*d))),
            Value::DateTime(dt) => csv.formatted(format_args!(
                "{} {:02}:{:02}",
                UkDate(dt.date()),
                dt.hour(),
                dt.minute()
            )),
        }
    }
    csv.end_row()
}

/// A date as a UK export writes it (dd/mm/yyyy), formatted directly:
/// chrono's strftime parses its format string on every call.
pub struct UkDate(pub NaiveDate);

impl std::fmt::Display for UkDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:02}/{:02}/{:04}",
            self.0.day(),
            self.0.month(),
            self.0.year()
        )
    }
}

/// Saves `sheets` as one workbook at `path`.
pub fn save(path: &Path, sheets: &[Sheet]) -> Result<()> {
    build(path, sheets).map_err(|e| Error::write(path, e))
}

fn excel_date(d: NaiveDate) -> std::result::Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

fn build(path: &Path, sheets: &[Sheet]) -> std::result::Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    // A fixed creation date keeps the file byte-identical between runs.
    let created = ExcelDateTime::from_ymd(2026, 9, 1)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_author("mentor-evidence sample-data"),
    );
    let bold = Format::new().set_bold();
    let date_format = Format::new().set_num_format("dd/mm/yyyy");
    let datetime_format = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    for sheet in sheets {
        let ws = workbook.add_worksheet();
        ws.set_name(&sheet.name)?;
        for (c, header) in sheet.headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, header, &bold)?;
            ws.set_column_width(c as u16, (header.chars().count() as f64 + 4.0).clamp(10.0, 60.0))?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, value) in row.iter().enumerate() {
                let c = c as u16;
                match value {
                    Value::Empty => {}
                    Value::Text(t) if t.is_empty() => {}
                    Value::Text(t) => {
                        ws.write_string(r, c, t)?;
                    }
                    Value::Number(n) => {
                        ws.write_number(r, c, *n)?;
                    }
                    Value::Date(d) => {
                        ws.write_date_with_format(r, c, excel_date(*d)?, &date_format)?;
                    }
                    Value::DateTime(dt) => {
                        let value = excel_date(dt.date())?.and_hms(dt.hour() as u16, dt.minute() as u8, 0)?;
                        ws.write_datetime_with_format(r, c, value, &datetime_format)?;
                    }
                }
            }
        }
    }
    workbook.save(path)
}
