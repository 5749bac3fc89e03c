//! Reading a delimited file a region of whole records at a time, and
//! scanning a region's records into rows.

use std::io::Read;
use std::sync::Arc;

use super::super::CellColumn;
use super::super::cells::{Span, TextSpans};
use super::super::csv_scan::{Field, Scanner, Stop};
use super::super::footer::{self, FooterWatch};
use super::super::header;
use super::header_rows::transcode;
use super::{CsvReader, Region, RegionRows};
use crate::error::{Error, Result};

impl<R: Read> CsvReader<R> {
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
    pub(super) fn read_more(&mut self, wanted: usize) -> Result<()> {
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
    pub(super) fn carry_back(&mut self, region: Region, from: usize) {
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
    pub(super) fn recycle(&mut self, text: Arc<String>) {
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
pub(super) fn records_in(bytes: usize, (sample_bytes, sample_records): (usize, usize)) -> usize {
    if sample_bytes == 0 || sample_records == 0 {
        return 0;
    }
    let estimate = bytes / sample_bytes.div_ceil(sample_records);
    estimate + estimate / 10 + 1
}
