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
                Field::Text(t) => self.text.push_str(&text_field(t)),
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
    let neutral = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if neutral.contains([',', '"', '\n', '\r']) || neutral.starts_with(' ') || neutral.ends_with(' ') {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}
