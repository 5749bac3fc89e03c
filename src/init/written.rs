//! The configuration `init` is writing: each recognised sheet
//! (`Recognised`), the text and its TODOs (`Written`), and how a value is
//! quoted and a comment kept to one line.

use super::codebook::Codebook;
use super::recognise::InputKind;
use crate::ingest::preview::SheetPreview;

/// A recognised sheet, with its path as the configuration names it.
pub struct Recognised<'a> {
    pub path: String,
    pub kind: InputKind,
    /// The sheet, or the sheets of a stacked table merged.
    pub sheet: std::borrow::Cow<'a, SheetPreview>,
    /// Each field's column (cohort, mentor bank and meeting log).
    pub mapped: Vec<(&'static str, Option<String>)>,
    /// Fields found by their values, with the share that fit.
    pub by_values: Vec<(&'static str, f64)>,
    /// Other sheets of the workbook hold the same table (`sheet = "*"`).
    pub stacked: bool,
    /// The named sheets stacked (a bank kept on several sheets), in order.
    pub sheets: Vec<String>,
    /// Other files holding more of the same table (a log exported in parts).
    pub more_paths: Vec<String>,
    /// The cohort is keyed by its email column (the log knows no ids).
    pub keyed_by_email: bool,
    /// A wave exported as codes: its codebook, through which `sheet`
    /// holds the answers' labels, and each column's question text.
    pub codebook: Option<(Codebook, Vec<String>)>,
}

impl<'a> Recognised<'a> {
    /// Sheet `(path, sheets in its file, sheet)` recognised as `kind`.
    pub fn new(
        (path, _, sheet): &(String, usize, &'a SheetPreview),
        kind: InputKind,
        mapped: Vec<(&'static str, Option<String>)>,
    ) -> Recognised<'a> {
        Recognised {
            path: path.clone(),
            kind,
            sheet: std::borrow::Cow::Borrowed(*sheet),
            mapped,
            by_values: Vec::new(),
            stacked: false,
            sheets: Vec::new(),
            more_paths: Vec::new(),
            keyed_by_email: false,
            codebook: None,
        }
    }

    /// The column mapped to `field`.
    pub fn column(&self, field: &str) -> Option<&str> {
        self.mapped
            .iter()
            .find(|(f, _)| *f == field)
            .and_then(|(_, h)| h.as_deref())
    }
}

/// The configuration text and its TODO lines.
pub struct Written {
    pub text: String,
    pub todos: Vec<String>,
}

impl Written {
    /// A `# TODO:` line (one line, whatever `todo` holds) and its entry.
    pub fn todo(&mut self, todo: String, example: &str) {
        self.text
            .push_str(&format!("# TODO: {}{example}\n", one_line(&todo)));
        self.todos.push(todo);
    }
}

/// A TOML string of `text`, as the serialiser writes it.
pub fn quote(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Text for a comment: control characters (line breaks) as spaces, and short.
pub fn one_line(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut short: String = clean.chars().take(160).collect();
    if clean.chars().count() > 160 {
        short.push('…');
    }
    short
}

/// Distinct values of `header` in `sheet` (all its preview rows).
pub fn distinct(sheet: &SheetPreview, header: &str) -> Vec<String> {
    let Some(column) = sheet.headers.iter().position(|h| h == header) else {
        return Vec::new();
    };
    let mut values: Vec<String> = sheet
        .rows
        .iter()
        .filter_map(|row| row.get(column).cloned().flatten())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .collect();
    values.sort();
    values.dedup();
    values
}
