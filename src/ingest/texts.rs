//! A column of texts stored end to end in one buffer: for columns with a
//! different value in nearly every row (email addresses), which would
//! otherwise take a heap allocation per row.

/// Texts (or missing values) by row, in one buffer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Texts {
    /// Every present text, end to end.
    data: String,
    /// Per row: the text's byte range in `data`, or None when missing.
    spans: Vec<Option<(usize, usize)>>,
}

impl Texts {
    /// An empty column with room for `rows` rows and `bytes` of text
    /// (reserved up front: growing a buffer of tens of megabytes copies it).
    pub fn with_capacity(rows: usize, bytes: usize) -> Texts {
        Texts {
            data: String::with_capacity(bytes),
            spans: Vec::with_capacity(rows),
        }
    }

    /// Appends a row.
    pub fn push(&mut self, text: Option<&str>) {
        let span = text.map(|text| {
            let start = self.data.len();
            self.data.push_str(text);
            (start, self.data.len())
        });
        self.spans.push(span);
    }

    /// Appends a row, lower-cased. ASCII text (nearly every email address)
    /// is copied and lower-cased in place, in two passes the compiler
    /// vectorises.
    pub fn push_lowercase(&mut self, text: Option<&str>) {
        match text {
            Some(text) if text.is_ascii() => {
                let start = self.data.len();
                self.data.push_str(text);
                self.data[start..].make_ascii_lowercase();
                self.spans.push(Some((start, self.data.len())));
            }
            other => self.push(other.map(str::to_lowercase).as_deref()),
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The text of a row (None when missing or past the end).
    pub fn get(&self, row: usize) -> Option<&str> {
        let (start, end) = (*self.spans.get(row)?)?;
        self.data.get(start..end)
    }

    /// The rows' texts in order.
    pub fn iter(&self) -> impl Iterator<Item = Option<&str>> + '_ {
        (0..self.len()).map(|row| self.get(row))
    }

    /// Keeps the rows whose mask entry is true (the buffer is kept as it is).
    pub fn retain(&mut self, keep: &[bool]) {
        super::mapping::retain_by(&mut self.spans, keep);
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
