//! Opening a delimited file: its encoding by the byte order mark, its
//! separator from the first lines, and the header rows.

use std::io::Read;

use super::super::csv_scan::{Scanner, Stop};
use super::super::header::{self, HeaderSpec};
use super::{CsvReader, FIND_SEPARATOR};
use crate::error::{Error, Result};

impl<R: Read> CsvReader<R> {
    /// Checks the first bytes, finds the separator when asked, and reads
    /// the header rows.
    pub(super) fn start(&mut self, spec: HeaderSpec<'_>) -> Result<()> {
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

    /// Finds the header record among the first records (`header::choose`)
    /// and passes over the layout's non-data rows after it. They are parsed
    /// from the bytes read so far, reading more until enough records are
    /// whole; then the first region is cut, starting after them (its data
    /// records come first from `next_region`).
    pub(super) fn read_header_rows(&mut self, spec: HeaderSpec<'_>) -> Result<()> {
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
                    Some(column) => super::super::missing_required_column(input, column, &place, &headers),
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
}

/// UTF-16 by its byte order mark.
pub(super) fn utf16_by_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
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
pub(super) fn transcode(decoder: &mut encoding_rs::Decoder, raw: &[u8], last: bool) -> Vec<u8> {
    let mut out = String::with_capacity(decoder.max_utf8_buffer_length(raw.len()).unwrap_or(raw.len() * 3));
    let _ = decoder.decode_to_string(raw, &mut out, last);
    out.into_bytes()
}

/// The separator of a delimited file from its first lines: of comma,
/// semicolon, tab and pipe (a SITS report's `|`; counted outside quotes),
/// the one whose count is the same on most lines (a table's rows share it;
/// free text's commas do not; title lines have none); on a tie the larger
/// count, then in that order.
pub(super) fn find_separator(bytes: &[u8]) -> u8 {
    const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];
    let mut counts: Vec<[usize; 4]> = Vec::new();
    for line in bytes.split(|b| *b == b'\n').take(header::SEARCHED_ROWS as usize) {
        let mut on_line = [0usize; 4];
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
