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

use std::io::Read;
use std::sync::Arc;

use super::cells::{Span, TextSpans};
use super::csv_scan::{Field, Scanner, Stop};
use super::footer::{self, FooterWatch};
use super::header::{self, HeaderSpec};
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

    /// Checks the first bytes, finds the separator when asked, and reads
    /// the header rows.
    fn start(&mut self, spec: HeaderSpec<'_>) -> Result<()> {
        // Enough bytes to tell UTF-16 by its byte order mark.
        while self.carry.len() < 2 && !self.eof {
            self.read_more(2 - self.carry.len())?;
        }
        if let Some(encoding) = utf16_by_bom(&self.carry) {
            let mut decoder = encoding.new_decoder_with_bom_removal();
            let raw = std::mem::take(&mut self.carry);
            self.carry = transcode(&mut decoder, &raw, self.eof);
            self.utf16 = Some(decoder);
        }
        if self.separator == FIND_SEPARATOR {
            self.read_more(64 * 1024)?;
            self.separator = find_separator(&self.carry);
        }
        self.read_header_rows(spec)
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

    /// Finds the header record among the first records (`header::choose`)
    /// and passes over the layout's non-data rows after it. They are parsed
    /// from the bytes read so far, reading more until enough records are
    /// whole; then the first region is cut, starting after them (its data
    /// records come first from `next_region`).
    fn read_header_rows(&mut self, spec: HeaderSpec<'_>) -> Result<()> {
        let mut scratch = String::new();
        let mut more = self.chunk;
        let wanted_records = spec.top_rows() as usize;
        let (records, text_start) = loop {
            self.read_more(more)?;
            // Up to the last line end (all of it at the end of the file).
            let end = if self.eof {
                self.carry.len()
            } else {
                memchr::memrchr(b'\n', &self.carry).map_or(0, |line_end| line_end + 1)
            };
            let text = self.decode(self.carry[..end].to_vec(), self.offset)?;
            let text = text.as_str();
            let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
            if self.eof && text[start..].trim().is_empty() {
                return Err(Error::input(format!(
                    "{}: the file is empty; expected a header row",
                    self.context
                )));
            }
            let mut scanner = Scanner::new(text, start, self.separator, self.eof);
            match scanner.top_records(wanted_records, &mut scratch) {
                Ok(records) => break (records, start),
                Err((row, Stop::Unclosed(unclosed))) => return Err(unclosed.explain(&self.context, row)),
                // The records run past the bytes read: read twice as many.
                Err((_, Stop::Incomplete)) => more = more.saturating_mul(2),
            }
        };
        let texts: Vec<(u32, Vec<String>)> = records
            .iter()
            .enumerate()
            .map(|(i, (texts, _))| (i as u32 + 1, texts.clone()))
            .collect();
        let choice = match header::choose(&texts, spec.layout, spec.wanted, spec.row) {
            Ok(choice) => choice,
            Err(none) => {
                let (input, file) = self.context.split_once(": ").unwrap_or(("", &self.context));
                let place = format!("{file} ({})", none.describe());
                let headers = none.nearest.map(|(_, texts)| texts).unwrap_or_default();
                return Err(match spec.wanted.first_missing(&headers) {
                    Some(column) => super::missing_required_column(input, column, &place, &headers),
                    None => Error::input(format!("{}: no header row found", self.context)),
                });
            }
        };
        for (position, header) in choice.names.iter().enumerate() {
            if spec.wanted.wants(header) && !self.kept_headers.contains(header) {
                self.kept_headers.push(header.clone());
                self.positions.push(position);
            }
        }
        self.all_headers = choice.names;
        self.all_texts = choice.texts;
        self.header_row = choice.index as u32 + 1;
        let last_skipped = choice.index + choice.rows_after;
        let header_end = records
            .get(last_skipped)
            .or(records.last())
            .map_or(text_start, |(_, end)| *end);
        self.row_number = self.header_row + 1 + choice.rows_after as u32;
        if let Some(mut region) = self.next_region()? {
            region.start = header_end;
            self.first = Some(region);
        }
        Ok(())
    }

    /// The next region of whole records, None at the end of the file.
    pub fn next_region(&mut self) -> Result<Option<Region>> {
        if let Some(first) = self.first.take() {
            return Ok(Some(first));
        }
        let mut wanted = self.chunk;
        let end = loop {
            self.read_more(wanted)?;
            if self.eof {
                break self.carry.len();
            }
            // Regions end after a line end, so a multi-byte character is never cut.
            if let Some(line_end) = memchr::memrchr(b'\n', &self.carry[self.carried..]) {
                break self.carried + line_end + 1;
            }
            // One record longer than a chunk: read twice as much next time.
            wanted = wanted.saturating_mul(2);
        };
        if end == 0 {
            return Ok(None);
        }
        let mut next = self.spare.take().map(String::into_bytes).unwrap_or_default();
        next.clear();
        next.extend_from_slice(&self.carry[end..]);
        let mut bytes = std::mem::replace(&mut self.carry, next);
        bytes.truncate(end);
        let offset = self.offset;
        let text = self.decode(bytes, offset)?;
        // A byte order mark is kept in the text, not read.
        let start = if offset == 0 && text.starts_with('\u{feff}') {
            3
        } else {
            0
        };
        let region = Region {
            text: Arc::new(text),
            start,
        };
        self.offset += end;
        self.carried = 0;
        Ok(Some(region))
    }

    /// Appends at least `wanted` more bytes of the source to `carry` (fewer
    /// at its end).
    fn read_more(&mut self, wanted: usize) -> Result<()> {
        if self.eof {
            return Ok(());
        }
        let read = match &mut self.utf16 {
            None => (&mut self.source)
                .take(wanted as u64)
                .read_to_end(&mut self.carry),
            Some(decoder) => {
                let mut raw = Vec::new();
                let read = (&mut self.source).take(wanted as u64).read_to_end(&mut raw);
                let last = matches!(read, Ok(n) if n < wanted);
                self.carry.extend(transcode(decoder, &raw, last));
                read
            }
        };
        let read = read.map_err(|e| Error::input(format!("{}: cannot read: {e}", self.context)))?;
        if read < wanted {
            self.eof = true;
        }
        // Bytes still unread past a record's start are only ever more than
        // a chunk past the longest record while one record runs on.
        if self.carry.len() > self.max_record.saturating_add(self.chunk).min(Span::MAX_TEXT) {
            return Err(Error::input(format!(
                "{}: a record at byte {} runs over {} MB (limits.max_record_mb); expected records of ordinary length: an unclosed quote, or not a text file? Raise the limit if the file is genuine",
                self.context,
                self.offset,
                self.max_record / 1_000_000
            )));
        }
        Ok(())
    }

    /// Puts a region's text from `from` back in front of the bytes still
    /// to come (a record the region cut).
    fn carry_back(&mut self, region: Region, from: usize) {
        let tail = &region.text.as_bytes()[from..];
        let mut carry = Vec::with_capacity(tail.len() + self.carry.len() + self.chunk);
        carry.extend_from_slice(tail);
        carry.extend_from_slice(&self.carry);
        self.carry = carry;
        self.carried = tail.len();
        self.offset -= tail.len();
        self.recycle(region.text);
    }

    /// Hands a scanned region back, after its rows are mapped
    /// and dropped: a record it cut is carried into the next region, and
    /// its text is reused when no cell refers to it any more.
    pub fn finish(&mut self, region: Region) {
        match self.cut_at.take() {
            Some(from) => self.carry_back(region, from),
            None => self.recycle(region.text),
        }
    }

    /// Takes back a region's text for reuse, unless cells still refer to it.
    fn recycle(&mut self, text: Arc<String>) {
        if let Ok(text) = Arc::try_unwrap(text) {
            self.spare = Some(text);
        }
    }

    /// Scans a region's records into rows. A record cut by the end of
    /// the region (a quoted field with line breaks) is carried into the
    /// next region.
    pub fn scan(&mut self, region: &Region) -> Result<RegionRows> {
        let file = &region.text;
        let mut scanner = Scanner::new(file, region.start, self.separator, self.eof);
        let records_text = &scanner.bytes[region.start..];
        let rows_estimate = match self.last_density {
            // As dense as the last region.
            Some(density) => records_in(records_text.len(), density),
            None => memchr::memchr_iter(b'\n', records_text).count() + 1,
        };
        let first_row_number = self.row_number;
        let mut columns: Vec<TextSpans> = self
            .positions
            .iter()
            .map(|_| TextSpans::new(Arc::clone(file), rows_estimate))
            .collect();
        let mut row_numbers = Vec::with_capacity(rows_estimate);
        let mut not_records = Vec::new();
        let mut scratch = String::new();
        let width = self.all_headers.len();
        let positions = &self.positions;
        let mut cut_at = None;
        let mut footer = FooterWatch::default();
        'records: while !scanner.at_end() {
            let record_start = scanner.pos;
            let mut next_wanted = 0;
            let mut any_text = false;
            // The first non-blank field (a "Total", a note) and how many
            // fields hold something (counted up to four).
            let mut first_text: Option<(usize, usize, bool)> = None;
            let mut filled = 0;
            let mut position = 0;
            loop {
                let field = match scanner.field() {
                    Ok(field) => field,
                    Err(Stop::Unclosed(unclosed)) => {
                        return Err(unclosed.explain(&self.context, self.row_number));
                    }
                    Err(Stop::Incomplete) => {
                        columns[..next_wanted].iter_mut().for_each(TextSpans::pop);
                        cut_at = Some(record_start);
                        break 'records;
                    }
                };
                if position < width {
                    if filled < 4 && !field.is_blank(file, &mut scratch) {
                        if filled == 0 {
                            any_text = true;
                            first_text = Some((field.start, field.end, field.escaped));
                        }
                        filled += 1;
                    }
                    if positions.get(next_wanted) == Some(&position) {
                        field.push_to(&mut columns[next_wanted], file, &mut scratch);
                        next_wanted += 1;
                    }
                }
                position += 1;
                if field.ends_record {
                    break;
                }
            }
            for column in &mut columns[next_wanted..] {
                column.push(Span::EMPTY);
            }
            let (not_record, footer_line) = first_text.map_or((false, false), |(start, end, escaped)| {
                let field = Field {
                    start,
                    end,
                    escaped,
                    ends_record: false,
                };
                let text = field.text(file, &mut scratch);
                (
                    header::skipped_row(text, filled),
                    footer::is_line(text, filled, width),
                )
            });
            if any_text && !not_record {
                footer.row(footer_line);
                row_numbers.push(self.row_number);
            } else {
                if not_record {
                    not_records.push(self.row_number);
                } else {
                    footer.blank(record_start, self.row_number, row_numbers.len(), self.rows_kept);
                }
                columns.iter_mut().for_each(TextSpans::pop);
            }
            self.row_number = self.row_number.saturating_add(1);
        }
        let last = self.eof && cut_at.is_none();
        let group = if last {
            footer.footer()
        } else {
            footer.carry_from()
        };
        if let Some(group) = group {
            // At the end of the file a footer is dropped; at the end of a
            // region it is read again at the start of the next, whole.
            for _ in group.first..row_numbers.len() {
                columns.iter_mut().for_each(TextSpans::pop);
            }
            if last {
                not_records.extend(row_numbers.drain(group.first..));
                not_records.sort_unstable();
            } else {
                row_numbers.truncate(group.first);
                not_records.retain(|&row| row < group.row);
                self.row_number = group.row;
                cut_at = Some(group.start);
            }
        }
        self.cut_at = cut_at;
        self.rows_kept += row_numbers.len();
        let scanned = cut_at.unwrap_or(scanner.bytes.len()).saturating_sub(region.start);
        let records = self.row_number.saturating_sub(first_row_number) as usize;
        self.last_density = Some((scanned, records));
        Ok(RegionRows {
            columns: columns.into_iter().map(CellColumn::from_text).collect(),
            row_numbers,
            not_records,
        })
    }
}

/// About how many records `bytes` of text hold, at the density of a
/// sample (`(sample bytes, sample records)`), 10% over so that an uneven
/// sample does not make the columns grow. 0 for an empty sample.
fn records_in(bytes: usize, (sample_bytes, sample_records): (usize, usize)) -> usize {
    if sample_bytes == 0 || sample_records == 0 {
        return 0;
    }
    let estimate = bytes / sample_bytes.div_ceil(sample_records);
    estimate + estimate / 10 + 1
}

/// UTF-16 by its byte order mark.
fn utf16_by_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        Some(encoding_rs::UTF_16LE)
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// UTF-16 bytes as UTF-8 (a character cut by the end of `raw` is finished
/// by the next call; `last` when `raw` ends the file).
fn transcode(decoder: &mut encoding_rs::Decoder, raw: &[u8], last: bool) -> Vec<u8> {
    let mut out = String::with_capacity(decoder.max_utf8_buffer_length(raw.len()).unwrap_or(raw.len() * 3));
    let _ = decoder.decode_to_string(raw, &mut out, last);
    out.into_bytes()
}

/// The separator of a delimited file from its first lines: of comma,
/// semicolon and tab (counted outside quotes), the one whose count is the
/// same on most lines (a table's rows share it; free text's commas do not;
/// title lines have none); on a tie the larger count, then comma.
fn find_separator(bytes: &[u8]) -> u8 {
    const CANDIDATES: [u8; 3] = [b',', b';', b'\t'];
    let mut counts: Vec<[usize; 3]> = Vec::new();
    for line in bytes.split(|b| *b == b'\n').take(header::SEARCHED_ROWS as usize) {
        let mut on_line = [0usize; 3];
        let mut quoted = false;
        for b in line {
            if *b == b'"' {
                quoted = !quoted;
            } else if !quoted && let Some(i) = CANDIDATES.iter().position(|c| c == b) {
                on_line[i] += 1;
            }
        }
        counts.push(on_line);
    }
    let mut best = (0usize, 0usize, b',');
    for (i, candidate) in CANDIDATES.iter().enumerate() {
        let mut per_count: Vec<(usize, usize)> = Vec::new(); // (count, lines)
        for line in counts.iter().filter(|c| c[i] > 0) {
            match per_count.iter_mut().find(|(n, _)| *n == line[i]) {
                Some((_, lines)) => *lines += 1,
                None => per_count.push((line[i], 1)),
            }
        }
        if let Some(&(count, lines)) = per_count.iter().max_by_key(|(n, l)| (*l, *n))
            && (lines, count) > (best.0, best.1)
        {
            best = (lines, count, *candidate);
        }
    }
    best.2
}
