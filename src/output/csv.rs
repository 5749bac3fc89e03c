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

/// A CSV document being built.
#[derive(Debug, Clone)]
pub struct CsvText {
    text: String,
}

impl CsvText {
    /// Starts a document with a header row.
    pub fn new(headers: &[&str]) -> CsvText {
        let mut csv = CsvText { text: String::new() };
        let fields: Vec<Field> = headers.iter().map(|h| Field::Text(h)).collect();
        csv.row(&fields);
        csv
    }

    /// Appends a row.
    pub fn row(&mut self, fields: &[Field<'_>]) {
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                self.text.push(',');
            }
            match field {
                Field::Text(t) => push_text_field(&mut self.text, t),
                Field::Number(n) => self.text.push_str(n),
            }
        }
        self.text.push_str("\r\n");
    }

    /// The document.
    pub fn finish(self) -> String {
        self.text
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
