//! A column of texts stored end to end in one buffer: for columns with a
//! different value in nearly every row (email addresses), which would
//! otherwise take a heap allocation per row.

/// Texts (or missing values) by row, in one buffer. A row is where its
/// text ends in the buffer (8 bytes a row): it starts where the previous
/// row's ends, and a row with no text between is missing. An empty text
/// therefore reads as missing; the mappers never hand one in (a blank
/// cell is missing).
#[derive(Debug, Clone, Default)]
pub struct Texts {
    /// Every present text, end to end.
    data: String,
    /// Per row: the end of its text in `data`.
    ends: Vec<usize>,
    /// How many rows the column expects in all (the room for text is
    /// estimated for them once the first rows are in).
    expected_rows: usize,
}

/// Columns are equal when their rows are; the room and the expected rows
/// are not part of the value.
impl PartialEq for Texts {
    fn eq(&self, other: &Texts) -> bool {
        self.data == other.data && self.ends == other.ends
    }
}

impl Texts {
    /// An empty column with room for `rows` rows and `bytes` of text
    /// (reserved up front: growing a buffer of tens of megabytes copies it).
    pub fn with_capacity(rows: usize, bytes: usize) -> Texts {
        Texts {
            data: String::with_capacity(bytes),
            ends: Vec::with_capacity(rows),
            expected_rows: rows,
        }
    }

    /// An empty column with room for `rows` rows; room for their text is
    /// estimated from the first rows (`reserve_like_so_far`) when they
    /// outgrow the buffer.
    pub fn for_rows(rows: usize) -> Texts {
        Texts::with_capacity(rows, 0)
    }

    /// Rows held before the room for all the expected rows is estimated
    /// from them (fewer would make a noisy estimate; until then the buffer
    /// grows as a `String` does, while it is small).
    const SAMPLE_ROWS: usize = 1024;

    /// Makes room for `more` bytes of text: past `SAMPLE_ROWS` rows, a full
    /// buffer grows to the estimate for every expected row rather than
    /// doubling.
    fn make_room(&mut self, more: usize) {
        if self.data.len() + more > self.data.capacity() && self.len() >= Self::SAMPLE_ROWS {
            self.reserve_like_so_far(self.expected_rows);
        }
    }

    /// Reserves text room for `rows` rows in all at the bytes per row held so
    /// far, plus a tenth; nothing before the first rows are in, or when the
    /// room is already enough. Called by the pushes once `SAMPLE_ROWS` rows
    /// are in and the buffer is full (tests call it directly): a column
    /// reserved at a guessed length (32 bytes, where the sample's email
    /// addresses average 40) was copied into a buffer twice the size, tens
    /// of megabytes of fresh memory at sector scale.
    ///
    /// When later rows are longer than the first and the room runs short,
    /// the text moves to a buffer of the new estimate (at least a quarter
    /// larger, so the moves are few), copying only the text held: growing
    /// the `String` itself doubled it and copied its whole capacity, most of
    /// it still unwritten (47 MB at a million emails).
    pub fn reserve_like_so_far(&mut self, rows: usize) {
        let held = self.len();
        if held == 0 || rows <= held {
            return;
        }
        let per_row = self.data.len().div_ceil(held);
        let wanted = rows.saturating_mul(per_row);
        let wanted = wanted.saturating_add(wanted / 10);
        let capacity = self.data.capacity();
        if wanted <= capacity {
            return;
        }
        let mut moved = String::with_capacity(wanted.max(capacity.saturating_add(capacity / 4)));
        moved.push_str(&self.data);
        self.data = moved;
    }

    /// Appends a row.
    pub fn push(&mut self, text: Option<&str>) {
        if let Some(text) = text {
            self.make_room(text.len());
            self.data.push_str(text);
        }
        self.ends.push(self.data.len());
    }

    /// Appends a row, lower-cased. ASCII text (nearly every email address)
    /// is copied and lower-cased in place, in two passes the compiler
    /// vectorises.
    pub fn push_lowercase(&mut self, text: Option<&str>) {
        match text {
            Some(text) if text.is_ascii() => {
                self.make_room(text.len());
                let start = self.data.len();
                self.data.push_str(text);
                self.data[start..].make_ascii_lowercase();
                self.ends.push(self.data.len());
            }
            other => self.push(other.map(str::to_lowercase).as_deref()),
        }
    }

    /// Bytes of text the column has room for.
    pub fn text_capacity(&self) -> usize {
        self.data.capacity()
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The text of a row (None when missing or past the end).
    pub fn get(&self, row: usize) -> Option<&str> {
        let end = *self.ends.get(row)?;
        let start = match row.checked_sub(1) {
            Some(previous) => self.ends[previous],
            None => 0,
        };
        self.data.get(start..end).filter(|text| !text.is_empty())
    }

    /// The rows' texts in order.
    pub fn iter(&self) -> impl Iterator<Item = Option<&str>> + '_ {
        (0..self.len()).map(|row| self.get(row))
    }

    /// Keeps the rows whose mask entry is true (rows past the mask's end
    /// are kept), moving the kept texts forward in the same buffer: a new
    /// buffer would be tens of megabytes of fresh pages at sector scale.
    pub fn retain(&mut self, keep: &[bool]) {
        if super::keep::keeps_every_row(keep, self.len()) {
            return;
        }
        let mut bytes = std::mem::take(&mut self.data).into_bytes();
        let (mut written, mut start, mut kept_rows) = (0, 0, 0);
        for row in 0..self.ends.len() {
            let end = self.ends[row];
            if keep.get(row).copied().unwrap_or(true) {
                bytes.copy_within(start..end, written);
                written += end - start;
                self.ends[kept_rows] = written;
                kept_rows += 1;
            }
            start = end;
        }
        bytes.truncate(written);
        self.ends.truncate(kept_rows);
        // Whole texts moved, so the bytes are still UTF-8 (checked again:
        // a fast pass, and no unsafe code).
        self.data =
            String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    }
}

impl<'a> FromIterator<Option<&'a str>> for Texts {
    fn from_iter<I: IntoIterator<Item = Option<&'a str>>>(texts: I) -> Texts {
        let mut out = Texts::default();
        for text in texts {
            out.push(text);
        }
        out
    }
}
