//! The record scanner of delimited text: fields and records of a region
//! of text by RFC 4180 as Excel writes and reads it (`csv`'s header
//! explains the rules), each field a span of the text until it is mapped.

use super::cells::{Span, TextSpans};
use crate::error::Error;

/// A field as the scanner found it: `start..end` of the region's text.
pub(super) struct Field {
    pub(super) start: usize,
    pub(super) end: usize,
    /// The range is a quoted field to unescape (quotes included), rather
    /// than the field's text itself.
    pub(super) escaped: bool,
    /// The field is the last of its record.
    pub(super) ends_record: bool,
}

impl Field {
    /// Whether the field holds only white space (or nothing).
    pub(super) fn is_blank(&self, file: &str, scratch: &mut String) -> bool {
        self.text(file, scratch).trim().is_empty()
    }

    /// The field's text, unescaped into `scratch` when needed.
    pub(super) fn text<'t>(&self, file: &'t str, scratch: &'t mut String) -> &'t str {
        let raw = file.get(self.start..self.end).unwrap_or_default();
        if self.escaped {
            unescape(raw, scratch);
            scratch.as_str()
        } else {
            raw
        }
    }

    /// Appends the field as the next cell of `column`.
    pub(super) fn push_to(&self, column: &mut TextSpans, file: &str, scratch: &mut String) {
        if self.escaped {
            column.push_unescaped(self.text(file, scratch));
        } else {
            column.push(Span::of_file(self.start, self.end));
        }
    }
}

/// A quoted field (opening quote included) as its text: the quotes removed,
/// doubled quotes single, text after the closing quote kept.
pub(super) fn unescape(raw: &str, out: &mut String) {
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
pub(super) struct Unclosed {
    /// The text from the opening quote on, shortened, for the message.
    pub(super) sample: String,
}

impl Unclosed {
    /// The message for the user; `row` is the record's row number.
    pub(super) fn explain(self, context: &str, row: u32) -> Error {
        Error::input(format!(
            "{context}: row {row}: a quoted field is not closed, so the rest of the file runs into it (starting at \"{}\"); expected every \" to be closed, and quotes inside a field doubled (\"\")",
            self.sample
        ))
    }
}

/// Splits a delimited file into fields and records, from `pos` on.
pub(super) struct Scanner<'t> {
    pub(super) file: &'t str,
    pub(super) bytes: &'t [u8],
    pub(super) pos: usize,
    pub(super) separator: u8,
    /// The text ends the file: a record running to its end is complete.
    pub(super) last: bool,
}

/// Why the scanner stopped before a field's end.
pub(super) enum Stop {
    /// A quoted field runs to the end of the file.
    Unclosed(Unclosed),
    /// The field runs past the end of the text read so far.
    Incomplete,
}

impl<'t> Scanner<'t> {
    /// A scanner of `file` from `pos`; `last` when the text ends the file.
    pub(super) fn new(file: &'t str, pos: usize, separator: u8, last: bool) -> Scanner<'t> {
        Scanner {
            file,
            bytes: file.as_bytes(),
            pos,
            separator,
            last,
        }
    }

    /// Whether every record has been read.
    pub(super) fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    /// The next field, leaving `pos` after its separator or line end.
    #[inline(always)]
    pub(super) fn field(&mut self) -> std::result::Result<Field, Stop> {
        let start = self.pos;
        if self.bytes.get(start) != Some(&b'"') {
            let (end, ends_record) = self.scan_field_end(start).ok_or(Stop::Incomplete)?;
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
                if !self.last {
                    return Err(Stop::Incomplete);
                }
                let sample_end = (start + 41).min(self.bytes.len());
                let sample =
                    String::from_utf8_lossy(&self.bytes[start + 1..sample_end]).replace(['\n', '\r'], " ");
                return Err(Stop::Unclosed(Unclosed { sample }));
            };
            let quote = from + offset;
            if quote + 1 == self.bytes.len() && !self.last {
                // Whether the quote is doubled is in the text to come.
                return Err(Stop::Incomplete);
            }
            if self.bytes.get(quote + 1) == Some(&b'"') {
                doubled = true;
                from = quote + 2;
            } else {
                break quote + 1;
            }
        };
        let (end, ends_record) = self.scan_field_end(after_close).ok_or(Stop::Incomplete)?;
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
    /// record ends there, and moves `pos` past the delimiter; None when
    /// the text ends first and is not the end of the file.
    #[inline(always)]
    pub(super) fn scan_field_end(&mut self, from: usize) -> Option<(usize, bool)> {
        if let Some(at) = self.next_delimiter(from) {
            return Some(self.delimiter_at(from, at));
        }
        if !self.last {
            return None;
        }
        let end = self.bytes.len();
        self.pos = end;
        Some((self.before_carriage_return(from, end), true))
    }

    /// The first separator or line feed at or after `from`, if the text
    /// has one (memchr's SIMD search; docs/decisions.md, "Delimiters").
    #[inline(always)]
    pub(super) fn next_delimiter(&self, from: usize) -> Option<usize> {
        memchr::memchr2(self.separator, b'\n', &self.bytes[from..]).map(|at| from + at)
    }

    /// The field that started at `from` ends at the delimiter at `at`.
    #[inline(always)]
    pub(super) fn delimiter_at(&mut self, from: usize, at: usize) -> (usize, bool) {
        self.pos = at + 1;
        if self.bytes[at] == b'\n' {
            (self.before_carriage_return(from, at), true)
        } else {
            (at, false)
        }
    }

    /// `end`, or one less when the field that started at `from` ends in `\r`.
    #[inline(always)]
    pub(super) fn before_carriage_return(&self, from: usize, end: usize) -> usize {
        if end > from && self.bytes[end - 1] == b'\r' {
            end - 1
        } else {
            end
        }
    }

    /// Up to `count` records from `pos` as trimmed texts, each with the
    /// position after it; fewer only at the end of the file. The error
    /// carries the record's number.
    #[allow(clippy::type_complexity)]
    pub(super) fn top_records(
        &mut self,
        count: usize,
        scratch: &mut String,
    ) -> std::result::Result<Vec<(Vec<String>, usize)>, (u32, Stop)> {
        let file = self.file;
        let mut records = Vec::new();
        while records.len() < count {
            if self.at_end() {
                if self.last {
                    break;
                }
                return Err((records.len() as u32 + 1, Stop::Incomplete));
            }
            let mut texts = Vec::new();
            loop {
                let field = self.field().map_err(|stop| (records.len() as u32 + 1, stop))?;
                texts.push(field.text(file, scratch).trim().to_string());
                if field.ends_record {
                    break;
                }
            }
            records.push((texts, self.pos));
        }
        Ok(records)
    }
}
