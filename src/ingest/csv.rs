//! Delimited text (.csv/.tsv): the file is split into records and fields by
//! a scanner of its own, and each cell the configuration reads is kept as a
//! span of the file's text (no copy per cell). Every value stays text, so the
//! value parsing rules of inputs.md apply uniformly.
//!
//! Quoting follows RFC 4180 as Excel writes and reads it: a field that starts
//! with `"` runs to the next `"` not doubled, and may hold separators, line
//! breaks and doubled quotes (`""` for `"`). Like Excel, a quote inside an
//! unquoted field is an ordinary character, and text after a closing quote
//! is kept (`"ab"c` reads `abc`). Records end at `\n` or `\r\n`. A record
//! with more fields than the header has its extra fields ignored; one with
//! fewer has the rest empty. A record blank in every field is not a row, but
//! still counts in the row numbers, as a spreadsheet would show them.

use std::sync::Arc;

use super::cells::{Span, TextSpans};
use super::{CellColumn, Layout, SheetTable, Wanted};
use crate::error::{Error, Result};

/// Reads one delimited file. `context` ("cohort: file.csv") prefixes messages.
/// Only the columns the configuration reads (`wanted`) are kept.
pub fn read_delimited(
    context: &str,
    bytes: Vec<u8>,
    separator: u8,
    layout: Layout,
    wanted: &Wanted,
) -> Result<SheetTable> {
    read_text(context, &decode(context, bytes)?, separator, layout, wanted)
}

/// A delimited file's bytes checked to be UTF-8, unchanged (a byte order
/// mark stays in `file`; `start` is past it).
pub struct Text {
    /// The whole file; cells are spans of it.
    pub file: Arc<String>,
    /// Where the header row starts.
    pub start: usize,
}

/// Checks that a delimited file is UTF-8 (and not UTF-16) text within the
/// size cell spans can address.
pub fn decode(context: &str, bytes: Vec<u8>) -> Result<Text> {
    let (file, start) = decode_utf8(context, bytes)?;
    Ok(Text {
        file: Arc::new(file),
        start,
    })
}

/// Reads one decoded delimited file (`read_delimited` after `decode`).
pub fn read_text(
    context: &str,
    text: &Text,
    separator: u8,
    layout: Layout,
    wanted: &Wanted,
) -> Result<SheetTable> {
    let (file, start) = (&text.file, text.start);
    if file[start..].trim().is_empty() {
        return Err(Error::input(format!(
            "{context}: the file is empty; expected a header row"
        )));
    }
    let mut scanner = Scanner {
        file,
        bytes: file.as_bytes(),
        pos: start,
        separator,
    };
    let mut scratch = String::new();
    let all_headers = scanner.header(context, &mut scratch)?;

    // The wanted columns in file order; a repeated header is read once.
    let mut kept_headers: Vec<String> = Vec::new();
    let mut positions: Vec<usize> = Vec::new();
    for (position, header) in all_headers.iter().enumerate() {
        if wanted.wants(header) && !kept_headers.contains(header) {
            kept_headers.push(header.clone());
            positions.push(position);
        }
    }

    for skipped in 0..layout.rows_after_header() as u32 {
        if scanner.at_end() {
            break;
        }
        scanner.skip_record(context, 2 + skipped)?;
    }

    let rows_estimate = scanner.rows_estimate();
    let mut columns: Vec<TextSpans> = positions
        .iter()
        .map(|_| TextSpans::new(Arc::clone(file), rows_estimate))
        .collect();
    let mut row_numbers = Vec::with_capacity(rows_estimate);
    // The header is row 1; data starts after the non-data header rows.
    let mut row_number = 2 + layout.rows_after_header() as u32;
    let width = all_headers.len();
    while !scanner.at_end() {
        let mut next_wanted = 0;
        let mut any_text = false;
        let mut position = 0;
        loop {
            let field = scanner.field().map_err(|e| e.explain(context, row_number))?;
            if position < width {
                if !any_text {
                    any_text = !field.is_blank(file, &mut scratch);
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
        if any_text {
            row_numbers.push(row_number);
        } else {
            columns.iter_mut().for_each(TextSpans::pop);
        }
        row_number = row_number.saturating_add(1);
    }

    Ok(SheetTable {
        sheet: None,
        date1904: false,
        all_headers,
        headers: kept_headers,
        columns: columns.into_iter().map(CellColumn::from_text).collect(),
        row_numbers,
    })
}

/// A field as the scanner found it: `start..end` of the file's text.
struct Field {
    start: usize,
    end: usize,
    /// The range is a quoted field to unescape (quotes included), rather
    /// than the field's text itself.
    escaped: bool,
    /// The field is the last of its record.
    ends_record: bool,
}

impl Field {
    /// Whether the field holds only white space (or nothing).
    fn is_blank(&self, file: &str, scratch: &mut String) -> bool {
        self.text(file, scratch).trim().is_empty()
    }

    /// The field's text, unescaped into `scratch` when needed.
    fn text<'t>(&self, file: &'t str, scratch: &'t mut String) -> &'t str {
        let raw = file.get(self.start..self.end).unwrap_or_default();
        if self.escaped {
            unescape(raw, scratch);
            scratch.as_str()
        } else {
            raw
        }
    }

    /// Appends the field as the next cell of `column`.
    fn push_to(&self, column: &mut TextSpans, file: &str, scratch: &mut String) {
        if self.escaped {
            column.push_unescaped(self.text(file, scratch));
        } else {
            column.push(Span::of_file(self.start, self.end));
        }
    }
}

/// A quoted field (opening quote included) as its text: the quotes removed,
/// doubled quotes single, text after the closing quote kept.
fn unescape(raw: &str, out: &mut String) {
    out.clear();
    let inner = raw.strip_prefix('"').unwrap_or(raw);
    let mut rest = inner;
    while let Some(quote) = rest.find('"') {
        out.push_str(&rest[..quote]);
        rest = &rest[quote + 1..];
        if let Some(after) = rest.strip_prefix('"') {
            out.push('"');
            rest = after;
        } else {
            // The closing quote: what follows is literal text.
            out.push_str(rest);
            return;
        }
    }
    out.push_str(rest);
}

/// A quoted field that runs to the end of the file.
struct Unclosed {
    /// The file's text from the opening quote on, shortened, for the message.
    sample: String,
}

impl Unclosed {
    /// The message for the user; `row` is the record's row number.
    fn explain(self, context: &str, row: u32) -> Error {
        Error::input(format!(
            "{context}: row {row}: a quoted field is not closed, so the rest of the file runs into it (starting at \"{}\"); expected every \" to be closed, and quotes inside a field doubled (\"\")",
            self.sample
        ))
    }
}

/// Splits a delimited file into fields and records, from `pos` on.
struct Scanner<'t> {
    file: &'t str,
    bytes: &'t [u8],
    pos: usize,
    separator: u8,
}

impl<'t> Scanner<'t> {
    /// Whether every record has been read.
    fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    /// The next field, leaving `pos` after its separator or line end.
    #[inline(always)]
    fn field(&mut self) -> std::result::Result<Field, Unclosed> {
        let start = self.pos;
        if self.bytes.get(start) != Some(&b'"') {
            let (end, ends_record) = self.scan_field_end(start);
            return Ok(Field {
                start,
                end,
                escaped: false,
                ends_record,
            });
        }
        let mut from = start + 1;
        let mut doubled = false;
        let after_close = loop {
            let Some(offset) = memchr::memchr(b'"', &self.bytes[from..]) else {
                let sample_end = (start + 41).min(self.bytes.len());
                let sample =
                    String::from_utf8_lossy(&self.bytes[start + 1..sample_end]).replace(['\n', '\r'], " ");
                return Err(Unclosed { sample });
            };
            let quote = from + offset;
            if self.bytes.get(quote + 1) == Some(&b'"') {
                doubled = true;
                from = quote + 2;
            } else {
                break quote + 1;
            }
        };
        let (end, ends_record) = self.scan_field_end(after_close);
        if doubled || end != after_close {
            Ok(Field {
                start,
                end,
                escaped: true,
                ends_record,
            })
        } else {
            Ok(Field {
                start: start + 1,
                end: after_close - 1,
                escaped: false,
                ends_record,
            })
        }
    }

    /// Scans from `from` to the next separator or line end; returns where
    /// the field's text ends (a `\r` before `\n` left out) and whether the
    /// record ends there, and moves `pos` past the delimiter. Eight bytes
    /// are tested at a time: most fields are shorter than that, so a field
    /// costs one test rather than a branch per byte.
    #[inline(always)]
    fn scan_field_end(&mut self, from: usize) -> (usize, bool) {
        let bytes = self.bytes;
        let separators = u64::from_ne_bytes([self.separator; 8]);
        let mut i = from;
        while let Some(word) = bytes
            .get(i..i + 8)
            .and_then(|chunk| <[u8; 8]>::try_from(chunk).ok())
        {
            let word = u64::from_le_bytes(word);
            let found = zero_bytes(word ^ separators) | zero_bytes(word ^ LINE_FEEDS);
            if found != 0 {
                return self.delimiter_at(from, i + (found.trailing_zeros() / 8) as usize);
            }
            i += 8;
        }
        while let Some(&b) = bytes.get(i) {
            if b == self.separator || b == b'\n' {
                return self.delimiter_at(from, i);
            }
            i += 1;
        }
        self.pos = bytes.len();
        (self.before_carriage_return(from, i), true)
    }

    /// The field that started at `from` ends at the delimiter at `at`.
    #[inline(always)]
    fn delimiter_at(&mut self, from: usize, at: usize) -> (usize, bool) {
        self.pos = at + 1;
        if self.bytes[at] == b'\n' {
            (self.before_carriage_return(from, at), true)
        } else {
            (at, false)
        }
    }

    /// `end`, or one less when the field that started at `from` ends in `\r`.
    #[inline(always)]
    fn before_carriage_return(&self, from: usize, end: usize) -> usize {
        if end > from && self.bytes[end - 1] == b'\r' {
            end - 1
        } else {
            end
        }
    }

    /// The header record's names, trimmed.
    fn header(&mut self, context: &str, scratch: &mut String) -> Result<Vec<String>> {
        let file = self.file;
        let mut headers = Vec::new();
        loop {
            let field = self.field().map_err(|e| e.explain(context, 1))?;
            headers.push(field.text(file, scratch).trim().to_string());
            if field.ends_record {
                return Ok(headers);
            }
        }
    }

    /// Reads past one record (a non-data header row numbered `row`).
    fn skip_record(&mut self, context: &str, row: u32) -> Result<()> {
        loop {
            let field = self.field().map_err(|e| e.explain(context, row))?;
            if field.ends_record {
                return Ok(());
            }
        }
    }

    /// About how many records are left, from the length of the next few
    /// (columns reserve room for them rather than grow by copying).
    fn rows_estimate(&self) -> usize {
        let rest = &self.bytes[self.pos..];
        let sample = &rest[..rest.len().min(64 * 1024)];
        let lines = memchr::memchr_iter(b'\n', sample).count().max(1);
        let estimate = rest.len() / sample.len().max(1) * lines;
        // 10% over, so an uneven sample does not make the columns grow.
        estimate + estimate / 10 + 1
    }
}

/// `\n` in every byte.
const LINE_FEEDS: u64 = u64::from_ne_bytes([b'\n'; 8]);

/// A word with the high bit set in the lowest byte of `word` that is zero
/// (higher bits may be set falsely: only the lowest set bit is exact).
#[inline(always)]
fn zero_bytes(word: u64) -> u64 {
    word.wrapping_sub(0x0101_0101_0101_0101) & !word & 0x8080_8080_8080_8080
}

/// Text of the file and where its content starts: UTF-8 (a byte-order mark
/// is skipped); UTF-16 and other encodings are refused with a message saying
/// how to re-save the file, and so are files too large for spans.
fn decode_utf8(context: &str, bytes: Vec<u8>) -> Result<(String, usize)> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Error::input(format!(
            "{context}: the file is UTF-16 encoded; expected UTF-8 (in Excel: Save As \"CSV UTF-8\")"
        )));
    }
    if bytes.len() > Span::MAX_TEXT {
        return Err(Error::input(format!(
            "{context}: the file is {} MB; expected at most 2,048 MB per file (split it: `path` accepts a list of files, read one below the other)",
            bytes.len() >> 20
        )));
    }
    let start = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    String::from_utf8(bytes)
        .map(|text| (text, start))
        .map_err(|e| {
            Error::input(format!(
                "{context}: the file is not UTF-8 text (invalid byte at offset {}); expected UTF-8 (in Excel: Save As \"CSV UTF-8\")",
                e.utf8_error().valid_up_to()
            ))
        })
}
