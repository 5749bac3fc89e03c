//! Sample CSV files written a piece at a time: a million-student programme
//! writes hundreds of megabytes of CSV, and building each file as one string
//! first cost fresh memory (the kernel zeroing its pages) and a copy.

use std::fs::File;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::output::csv::CsvText;

/// A CSV file being written: rows are built in a reused buffer that goes to
/// the file whenever it passes `PIECE` bytes.
pub struct CsvFile {
    path: PathBuf,
    file: File,
    csv: CsvText,
    /// Reused for formatted fields (numbers, dates, durations).
    scratch: String,
}

impl CsvFile {
    /// Bytes of text held before they are written.
    const PIECE: usize = 1 << 20;

    /// Creates (or truncates) the file at `path`.
    pub fn create(path: &Path) -> Result<CsvFile> {
        let file = File::create(path).map_err(|e| Error::write(path, e))?;
        Ok(CsvFile {
            path: path.to_path_buf(),
            file,
            csv: CsvText::with_capacity(Self::PIECE + Self::PIECE / 4),
            scratch: String::new(),
        })
    }

    /// Appends a text field to the current row (guarded and quoted as
    /// `output::csv::text_field` does).
    pub fn text(&mut self, text: &str) {
        self.csv.text(text);
    }

    /// Appends a formatted text field (`format_args!`), formatted in a
    /// reused buffer: no allocation per field over millions of rows.
    pub fn formatted(&mut self, args: std::fmt::Arguments<'_>) {
        use std::fmt::Write as _;
        self.scratch.clear();
        // Writing to a String cannot fail.
        let _ = self.scratch.write_fmt(args);
        self.csv.text(&self.scratch);
    }

    /// Ends the current row, writing the buffer out when it is full.
    pub fn end_row(&mut self) -> Result<()> {
        self.csv.end_row();
        if self.csv.len() >= Self::PIECE {
            self.flush()?;
        }
        Ok(())
    }

    /// Appends a row of text fields.
    pub fn row<S: AsRef<str>>(&mut self, fields: &[S]) -> Result<()> {
        for field in fields {
            self.text(field.as_ref());
        }
        self.end_row()
    }

    /// Writes what is left.
    pub fn finish(mut self) -> Result<()> {
        self.flush()
    }

    fn flush(&mut self) -> Result<()> {
        self.csv
            .flush_to(&mut self.file)
            .map_err(|e| Error::write(&self.path, e))
    }
}
