//! A small CSV writer for published tables: RFC 4180 quoting, and text cells
//! that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR)
//! prefixed with `'`. Numbers are written as they are.

/// One field to write.
#[derive(Debug, Clone)]
pub enum Field<'a> {
    /// Text: neutralised against formula injection, quoted when needed.
    Text(&'a str),
    /// A number already formatted; written unquoted and unprefixed.
    Number(String),
}

/// A CSV document being built, a row at a time or a field at a time.
#[derive(Debug, Clone, Default)]
pub struct CsvText {
    text: String,
    /// Whether the current row has a field yet (the next one needs a comma).
    row_started: bool,
}

impl CsvText {
    /// Starts a document with a header row.
    pub fn new(headers: &[&str]) -> CsvText {
        let mut csv = CsvText::with_capacity(0);
        for header in headers {
            csv.text(header);
        }
        csv.end_row();
        csv
    }

    /// Starts an empty document with room for `bytes` of text.
    pub fn with_capacity(bytes: usize) -> CsvText {
        CsvText {
            text: String::with_capacity(bytes),
            row_started: false,
        }
    }

    /// Appends a row.
    pub fn row(&mut self, fields: &[Field<'_>]) {
        for field in fields {
            match field {
                Field::Text(t) => self.text(t),
                Field::Number(n) => self.number(n),
            }
        }
        self.end_row();
    }

    /// Appends a text field to the current row (guarded and quoted as
    /// `text_field` does, without allocating).
    pub fn text(&mut self, text: &str) {
        self.separate();
        push_text_field(&mut self.text, text);
    }

    /// Appends a formatted number to the current row, as it is.
    pub fn number(&mut self, number: &str) {
        self.separate();
        self.text.push_str(number);
    }

    /// Ends the current row.
    pub fn end_row(&mut self) {
        self.text.push_str("\r\n");
        self.row_started = false;
    }

    /// A comma before every field but the row's first.
    fn separate(&mut self) {
        if self.row_started {
            self.text.push(',');
        }
        self.row_started = true;
    }

    /// The document.
    pub fn finish(self) -> String {
        self.text
    }

    /// Bytes of text held.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Whether no text is held.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Writes the text held to `out` and empties the buffer, keeping its
    /// room; the row in progress carries on. For a long document written a
    /// piece at a time instead of built whole.
    pub fn flush_to(&mut self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        out.write_all(self.text.as_bytes())?;
        self.text.clear();
        Ok(())
    }
}

/// A text field made safe for spreadsheets and quoted when needed.
pub fn text_field(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_text_field(&mut out, text);
    out
}

/// Appends `text_field(text)` to `out` without allocating (unless the
/// field needs its quotes doubled): a text that could start a formula gets
/// a leading `'`, and a field holding a separator, quote or line break, or
/// with a space at either end, is quoted.
pub fn push_text_field(out: &mut String, text: &str) {
    let guarded = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    // A guarded text starts with the guard, never with a space.
    let quoted =
        text.contains([',', '"', '\n', '\r']) || (!guarded && text.starts_with(' ')) || text.ends_with(' ');
    if quoted {
        out.push('"');
    }
    if guarded {
        out.push('\'');
    }
    if quoted {
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}
