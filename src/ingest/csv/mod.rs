//! Delimited text (.csv/.tsv): the file is read a region of whole records
//! at a time (`CsvReader`), split into records and fields by a scanner of
//! its own, and each cell the configuration reads is kept as a span of the
//! region's text (no copy per cell) until the region's rows are mapped.
//! Every value stays text, so the value parsing rules of inputs.md apply
//! uniformly.
//!
//! Quoting follows RFC 4180 as Excel writes and reads it: a field that starts
//! with `"` runs to the next `"` not doubled, and may hold separators, line
//! breaks and doubled quotes (`""` for `"`). Like Excel, a quote inside an
//! unquoted field is an ordinary character, and text after a closing quote
//! is kept (`"ab"c` reads `abc`). Records end at `\n` or `\r\n`. A record
//! with more fields than the header has its extra fields ignored; one with
//! fewer has the rest empty. A record blank in every field is not a row, but
//! still counts in the row numbers, as a spreadsheet would show them.

mod header_rows;
mod regions;

use regions::records_in;

use std::io::Read;
use std::sync::Arc;

use super::header::HeaderSpec;
use super::{CellColumn, Layout, SheetTable, Wanted};
use crate::config::Limits;
use crate::error::{Error, Result};

/// Bytes read from a delimited file at a time. A region of rows is scanned
/// and mapped while its text is still in the core's cache, and the memory
/// is reused for the next region instead of holding the whole file (fresh
/// pages cost the kernel a zeroing each).
pub const CHUNK_BYTES: usize = 1 << 20;

/// The separator argument that asks the reader to find the separator
/// (comma, semicolon or tab) from the file's first lines. A NUL byte is no
/// text file's, so it cannot be a separator.
pub const FIND_SEPARATOR: u8 = 0;

/// Reads one delimited file held in memory into one table (tests and fuzz
/// targets; the pipeline streams files through `CsvReader`).
/// `context` ("cohort: file.csv") prefixes messages. Only the columns the
/// configuration reads (`wanted`) are kept.
pub fn read_delimited(
    context: &str,
    bytes: Vec<u8>,
    separator: u8,
    layout: Layout,
    wanted: &Wanted,
) -> Result<SheetTable> {
    read_delimited_in_chunks(context, &bytes, separator, layout, wanted, CHUNK_BYTES)
}

/// `read_delimited`, reading `chunk` bytes at a time: the regions' columns
/// are stacked into one table. Tests read with tiny chunks to put region
/// boundaries everywhere.
pub fn read_delimited_in_chunks(
    context: &str,
    bytes: &[u8],
    separator: u8,
    layout: Layout,
    wanted: &Wanted,
    chunk: usize,
) -> Result<SheetTable> {
    let mut reader = CsvReader::open(context, bytes, separator, layout, wanted, chunk)?;
    let mut table = SheetTable {
        sheet: None,
        date1904: false,
        all_headers: reader.all_headers().to_vec(),
        all_texts: reader.all_texts().to_vec(),
        headers: reader.headers().to_vec(),
        columns: vec![CellColumn::default(); reader.headers().len()],
        row_numbers: Vec::new(),
        header_row: reader.header_row(),
        not_records: Vec::new(),
        uncomputed: Vec::new(),
    };
    while let Some(region) = reader.next_region()? {
        let scanned = reader.scan(&region)?;
        for (column, scanned_column) in table.columns.iter_mut().zip(scanned.columns) {
            column.append(scanned_column);
        }
        table.row_numbers.extend(scanned.row_numbers);
        table.not_records.extend(scanned.not_records);
        reader.finish(region);
    }
    Ok(table)
}

/// Rows scanned out of one region of a delimited file: the kept columns
/// (spans of the region's text) and each row's number.
#[derive(Debug)]
pub struct RegionRows {
    /// One column per kept header (`CsvReader::headers`).
    pub columns: Vec<CellColumn>,
    /// Row number as a spreadsheet user sees it, per data row.
    pub row_numbers: Vec<u32>,
    /// Rows that are not records (totals, notes), skipped.
    pub not_records: Vec<u32>,
}

/// A run of whole records of a file, as text.
pub struct Region {
    /// The text; its scanned rows' cells are spans of it.
    text: Arc<String>,
    /// Where the records to scan start (past the header rows in the first region).
    start: usize,
}

/// Reads a delimited file a region at a time: each region holds whole
/// records (cut after a line end; a quoted field with line breaks is carried
/// whole into the next region), checked to be UTF-8. The header rows are
/// read when the file is opened, so every file's headers are known before
/// any rows are mapped.
pub struct CsvReader<R> {
    context: String,
    source: R,
    separator: u8,
    chunk: usize,
    /// Bytes read and not yet in a region.
    carry: Vec<u8>,
    /// How many leading bytes of `carry` were already in a region (a cut
    /// record carried back): the next region must end past them.
    carried: usize,
    /// File offset of `carry[0]` (for messages).
    offset: usize,
    /// The source has no more bytes.
    eof: bool,
    /// The first region, read to find the headers, with its data rows.
    first: Option<Region>,
    /// A region's text back once its rows are mapped, reused for the next region.
    spare: Option<String>,
    all_headers: Vec<String>,
    /// The question text under each of `all_headers` (empty: none).
    all_texts: Vec<String>,
    kept_headers: Vec<String>,
    /// Field positions of the kept headers, in file order.
    positions: Vec<usize>,
    /// Row number of the next record.
    row_number: u32,
    /// Where the last scanned region cut a record (see `finish`).
    cut_at: Option<usize>,
    /// (bytes, records) of the last region scanned, to size the next
    /// region's span columns without counting its line ends first.
    last_density: Option<(usize, usize)>,
    /// `limits.max_record_mb` in bytes.
    max_record: usize,
    /// Bytes that are not UTF-8 were met: the file is read as Windows-1252
    /// from there on (what Excel on Windows saves as "CSV (Comma delimited)").
    windows_1252: bool,
    /// The file is UTF-16 (it began with a byte order mark): its bytes are
    /// decoded to UTF-8 as they are read (what Excel's "Unicode text" writes).
    utf16: Option<encoding_rs::Decoder>,
    /// The header's record number (1-based).
    header_row: u32,
    /// Rows kept in the regions scanned so far.
    rows_kept: usize,
}

impl<R: Read> CsvReader<R> {
    /// Opens a delimited file: reads up to its first data record and the
    /// headers. `chunk` bytes are read at a time.
    pub fn open(
        context: &str,
        source: R,
        separator: u8,
        layout: Layout,
        wanted: &Wanted,
        chunk: usize,
    ) -> Result<CsvReader<R>> {
        let mut reader = CsvReader::unopened(context, source, separator, chunk);
        reader.start(HeaderSpec {
            layout,
            wanted,
            row: None,
            max_rows: None,
        })?;
        Ok(reader)
    }

    fn unopened(context: &str, source: R, separator: u8, chunk: usize) -> CsvReader<R> {
        CsvReader {
            context: context.to_string(),
            source,
            separator,
            chunk: chunk.max(1),
            carry: Vec::new(),
            carried: 0,
            offset: 0,
            eof: false,
            first: None,
            spare: None,
            all_headers: Vec::new(),
            all_texts: Vec::new(),
            kept_headers: Vec::new(),
            positions: Vec::new(),
            row_number: 1,
            cut_at: None,
            last_density: None,
            max_record: Limits::default().max_record_bytes(),
            windows_1252: false,
            utf16: None,
            header_row: 1,
            rows_kept: 0,
        }
    }

    /// The encoding the file was read in, when it was not UTF-8.
    pub fn decoded_as(&self) -> Option<&'static str> {
        match &self.utf16 {
            Some(decoder) => Some(decoder.encoding().name()),
            None => self.windows_1252.then_some("Windows-1252"),
        }
    }

    /// The header's row (1-based record number).
    pub fn header_row(&self) -> u32 {
        self.header_row
    }

    /// The text of `bytes` (whole records, starting at file offset
    /// `offset`): UTF-8, or once bytes that are not UTF-8 are met, Windows-1252
    /// (a single-byte encoding: line ends, separators and quotes stay where
    /// they were). A NUL byte is no text file's.
    fn decode(&mut self, bytes: Vec<u8>, offset: usize) -> Result<String> {
        // Valid UTF-8 may hold NUL bytes too: checked before either decoding.
        if let Some(at) = memchr::memchr(0, &bytes) {
            return Err(Error::input(format!(
                "{}: the file is not text (a NUL byte at offset {}); expected UTF-8 or Windows-1252 text (in Excel: Save As \"CSV UTF-8\")",
                self.context,
                offset + at
            )));
        }
        let bytes = if self.windows_1252 {
            bytes
        } else {
            match String::from_utf8(bytes) {
                Ok(text) => return Ok(text),
                Err(e) => {
                    self.windows_1252 = true;
                    e.into_bytes()
                }
            }
        };
        Ok(encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(&bytes)
            .0
            .into_owned())
    }

    /// Opens a delimited file as `open` does, refusing any record longer
    /// than `max_record` bytes (`limits.max_record_mb`) as soon as it passes it.
    pub fn open_limited(
        context: &str,
        source: R,
        separator: u8,
        spec: HeaderSpec<'_>,
        chunk: usize,
        max_record: usize,
    ) -> Result<CsvReader<R>> {
        let mut reader = CsvReader::unopened(context, source, separator, chunk);
        reader.max_record = max_record;
        reader.start(spec)?;
        Ok(reader)
    }

    /// The source, once every region is read (a `HashingReader` gives its digest).
    pub fn into_source(self) -> R {
        self.source
    }

    /// Every header of the file, trimmed.
    pub fn all_headers(&self) -> &[String] {
        &self.all_headers
    }

    /// The question text under each header (empty where there is none).
    pub fn all_texts(&self) -> &[String] {
        &self.all_texts
    }

    /// The headers of the columns read (the wanted ones, in file order).
    pub fn headers(&self) -> &[String] {
        &self.kept_headers
    }

    /// About how many data records the file holds, from the length of the
    /// first few and the file's size (columns reserve room for them).
    pub fn rows_estimate(&self, file_bytes: usize) -> usize {
        let Some(first) = &self.first else {
            return 0;
        };
        let sample = &first.text.as_bytes()[first.start..];
        let sample = &sample[..sample.len().min(64 * 1024)];
        // The first region starts the file, so the header rows are the
        // bytes before its first record. No whole data record read yet
        // (long header rows) gives 0: no guess, the columns grow as they fill.
        records_in(
            file_bytes.saturating_sub(first.start),
            (sample.len(), memchr::memchr_iter(b'\n', sample).count()),
        )
    }
}
