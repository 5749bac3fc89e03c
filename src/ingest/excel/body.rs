//! The rows under a sheet's header as a table: the wanted columns' cells,
//! and the rows that are not records (totals, notes, a footer, a repeated
//! header) dropped and counted.

use super::*;

/// A sheet's rows below its header, kept column by column as they are read.
pub(super) struct Body {
    /// Every header from the header row's first cell to its last.
    pub(super) all_headers: Vec<String>,
    /// The question text under each of them (empty: none).
    all_texts: Vec<String>,
    first_column: u32,
    /// The wanted columns' slots, by column from `first_column`.
    slot_of_column: Vec<Option<usize>>,
    headers: Vec<String>,
    columns: Vec<Vec<Cell>>,
    pub(super) row_numbers: Vec<u32>,
    /// Per row: how many cells hold something, and the first one's text.
    filled: Vec<usize>,
    first_text: Vec<Option<String>>,
    /// Formula cells of read columns saved without a value (row, header).
    uncomputed: Vec<(u32, String)>,
    /// Bytes of text kept in `columns` and `first_text` (and before them).
    pub(super) text_kept: u64,
}

impl Body {
    /// Below a header row of `texts` named `names` (by column from A).
    pub(super) fn new(texts: &[String], names: &[String], questions: &[String], wanted: &Wanted) -> Body {
        let first_column = texts.iter().position(|t| !t.is_empty()).unwrap_or(0);
        let last_column = texts.iter().rposition(|t| !t.is_empty()).unwrap_or(0);
        let all_headers: Vec<String> = names
            .get(first_column..=last_column)
            .map(<[String]>::to_vec)
            .unwrap_or_default();
        let all_texts: Vec<String> = (first_column..first_column + all_headers.len())
            .map(|c| questions.get(c).cloned().unwrap_or_default())
            .collect();
        // Wanted columns in header order; a repeated header: the first wins.
        let mut headers: Vec<String> = Vec::new();
        let mut slot_of_column: Vec<Option<usize>> = vec![None; all_headers.len()];
        for (offset, header) in all_headers.iter().enumerate() {
            if wanted.wants(header) && !headers.contains(header) {
                slot_of_column[offset] = Some(headers.len());
                headers.push(header.clone());
            }
        }
        Body {
            columns: vec![Vec::new(); headers.len()],
            all_headers,
            all_texts,
            first_column: first_column as u32,
            slot_of_column,
            headers,
            row_numbers: Vec::new(),
            filled: Vec::new(),
            first_text: Vec::new(),
            uncomputed: Vec::new(),
            text_kept: 0,
        }
    }

    /// Notes a formula cell saved without its value, when its column is read.
    pub(super) fn uncomputed(&mut self, row: u32, column: u32) {
        let slot = column
            .checked_sub(self.first_column)
            .and_then(|offset| self.slot_of_column.get(offset as usize).copied().flatten());
        if let Some(header) = slot.and_then(|slot| self.headers.get(slot)) {
            self.uncomputed.push((row, header.clone()));
        }
    }

    /// One cell of row `row` (1-based; rows arrive in order, cells left to right).
    pub(super) fn cell(&mut self, row: u32, column: u32, blank: bool, value: impl FnOnce() -> Cell) {
        if self.row_numbers.last() != Some(&row) {
            self.row_numbers.push(row);
            self.filled.push(0);
            self.first_text.push(None);
            for column in self.columns.iter_mut() {
                column.push(Cell::Empty);
            }
        }
        let slot = column
            .checked_sub(self.first_column)
            .and_then(|offset| self.slot_of_column.get(offset as usize).copied().flatten());
        if blank {
            return;
        }
        let last = self.filled.len() - 1;
        self.filled[last] += 1;
        let needs_text = self.first_text[last].is_none();
        if slot.is_none() && !needs_text {
            return;
        }
        let value = value();
        if let Cell::Text(text) = &value {
            let copies = u64::from(needs_text) + u64::from(slot.is_some());
            self.text_kept = self.text_kept.saturating_add(copies * text.len() as u64);
        }
        if needs_text {
            self.first_text[last] = Some(super::super::values::cell_text(&value).unwrap_or_default());
        }
        if let Some(out) = slot.and_then(|slot| self.columns[slot].last_mut()) {
            *out = value;
        }
    }

    /// The table: blank rows dropped silently; totals, notes and a footer
    /// after the last blank rows dropped and counted.
    pub(super) fn finish(mut self, header_row: u32) -> SheetTable {
        let rows = self.row_numbers.len();
        let mut keep = vec![true; rows];
        let mut not_records = Vec::new();
        for (r, kept) in keep.iter_mut().enumerate() {
            let first = self.first_text[r].as_deref().unwrap_or("");
            if self.filled[r] == 0 {
                *kept = false;
            } else if header::not_a_record(first, self.filled[r]).is_some() {
                *kept = false;
                not_records.push(self.row_numbers[r]);
            }
        }
        // A row repeating the header (a report's page break; a monday.com
        // board's header under each group's title), and a one-cell row
        // just above one (the group's title, "Paused").
        let repeats_header = |r: usize| {
            let (mut same, mut filled) = (0, 0);
            for (slot, column) in self.columns.iter().enumerate() {
                match &column[r] {
                    Cell::Empty => {}
                    Cell::Text(t) => {
                        filled += 1;
                        same += usize::from(t.trim().eq_ignore_ascii_case(self.headers[slot].trim()));
                    }
                    _ => filled += 1,
                }
            }
            same >= 2 && same * 5 >= filled * 4
        };
        for r in 0..rows {
            if keep[r] && repeats_header(r) {
                keep[r] = false;
                not_records.push(self.row_numbers[r]);
                if let Some(above) = r.checked_sub(1)
                    && keep[above]
                    && self.filled[above] == 1
                    && self.row_numbers[above] + 1 == self.row_numbers[r]
                {
                    keep[above] = false;
                    not_records.push(self.row_numbers[above]);
                }
            }
        }
        // A footer: short rows of words after a gap at the end (a report's
        // "Report run by ..." beside its "Page 1 of 1").
        let filled_rows: Vec<usize> = (0..rows).filter(|&r| self.filled[r] > 0).collect();
        if let Some(gap) = filled_rows
            .windows(2)
            .rposition(|w| self.row_numbers[w[1]] > self.row_numbers[w[0]].saturating_add(1))
        {
            let footer = &filled_rows[gap + 1..];
            let is_footer = |&r: &usize| {
                self.first_text[r]
                    .as_deref()
                    .is_some_and(|t| super::super::footer::is_line(t, self.filled[r], self.all_headers.len()))
            };
            if footer.len() <= super::super::footer::MAX_LINES && footer.iter().all(is_footer) {
                for &r in footer {
                    if keep[r] {
                        keep[r] = false;
                        not_records.push(self.row_numbers[r]);
                    }
                }
            }
        }
        not_records.sort_unstable();
        if keep.iter().any(|k| !k) {
            for column in self.columns.iter_mut() {
                super::super::keep::retain_by(column, &keep);
            }
            super::super::keep::retain_by(&mut self.row_numbers, &keep);
        }
        SheetTable {
            sheet: None,
            date1904: false,
            all_headers: self.all_headers,
            all_texts: self.all_texts,
            headers: self.headers,
            columns: self.columns.into_iter().map(CellColumn::from_cells).collect(),
            row_numbers: self.row_numbers,
            header_row,
            not_records,
            uncomputed: self.uncomputed,
        }
    }
}

pub(super) fn header_text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.trim().to_string(),
        Data::Empty => String::new(),
        Data::Float(f) => super::super::values::number_text(*f),
        other => other.to_string().trim().to_string(),
    }
}

/// One calamine value as a raw cell.
pub(super) fn convert(cell: &Data) -> Cell {
    match cell {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        // Durations, and times of day without a date (01:30 typed into a
        // time-formatted cell), are lengths of time in minutes.
        Data::DateTime(dt) if dt.is_duration() || (0.0..1.0).contains(&dt.as_f64()) => {
            Cell::Duration(dt.as_f64() * 24.0 * 60.0)
        }
        Data::DateTime(dt) => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            match datetime_from_parts(y, mo, d, h, mi, s) {
                Some(value) => Cell::Date(value),
                None => Cell::Error(format!("{y:04}-{mo:02}-{d:02} (not a calendar date)")),
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

pub(super) fn is_blank(value: &Data) -> bool {
    match value {
        Data::Empty => true,
        Data::String(t) | Data::DateTimeIso(t) | Data::DurationIso(t) => t.trim().is_empty(),
        _ => false,
    }
}
