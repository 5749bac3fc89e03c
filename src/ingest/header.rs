//! Finding the header row of a sheet or delimited file under the title
//! rows, notes and blank rows exports put above it (inputs.md, "Exports as
//! they come"), and telling the rows below it that are not records (a
//! "Total" row, a note). Both readers hand the first rows here as text.

use super::{Layout, Wanted};

/// Rows searched for the header (`header_row` reaches further).
pub const SEARCHED_ROWS: u32 = 30;

/// Where a sheet's header is and what it must hold.
#[derive(Clone, Copy)]
pub struct HeaderSpec<'a> {
    pub layout: Layout,
    pub wanted: &'a Wanted,
    /// `header_row`: the header's row (1-based) when the search should not decide.
    pub row: Option<u32>,
    /// Data rows to read at most (`init`'s preview); None: every row.
    pub max_rows: Option<usize>,
}

impl HeaderSpec<'_> {
    /// Rows kept to find the header: the searched rows, or up to `header_row`,
    /// and two more (the rows after a header that may not be data).
    pub fn top_rows(&self) -> u32 {
        self.row.unwrap_or(0).max(SEARCHED_ROWS).saturating_add(2)
    }
}

/// The header row chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderChoice {
    /// Index into the rows given.
    pub index: usize,
    /// The header of each column. Under Jisc's two header rows, the name of
    /// a column is the one the configuration uses (its code or its question
    /// text, with or without the number), else its code.
    pub names: Vec<String>,
    /// Rows after the header that are not data (Qualtrics' question text
    /// and ImportId rows; Jisc's question-text row under its codes).
    pub rows_after: usize,
    /// The question text under each column (Qualtrics' and Jisc's text
    /// rows, the number dropped); empty where the export has none (a Forms
    /// header is its own question text).
    pub texts: Vec<String>,
}

/// No row holds the headers the configuration names.
#[derive(Debug, Clone, PartialEq)]
pub struct NoHeader {
    /// The row read as the nearest to a header (1-based), and its texts.
    pub nearest: Option<(u32, Vec<String>)>,
    /// How many rows were looked at.
    pub searched: u32,
    /// Per row looked at that holds a header like the first one missing:
    /// (row, that header), for the message.
    pub near: Vec<(u32, String)>,
}

/// Picks the header among `rows` ((row number, cell texts), in order):
/// row `header_row` when given; else the first row holding every header
/// `wanted` requires; else, when nothing is required (`init`'s preview),
/// the first row with at least two cells and at least half as many as the
/// widest row.
pub fn choose(
    rows: &[(u32, Vec<String>)],
    layout: Layout,
    wanted: &Wanted,
    header_row: Option<u32>,
) -> Result<HeaderChoice, NoHeader> {
    let pick = |index: usize| {
        let next = rows.get(index + 1).map(|(_, texts)| texts.as_slice());
        let (names, rows_after) = names_and_rows_after(&rows[index].1, next, layout, wanted);
        // The question texts of a text row under the header, when skipped.
        let texts = match next {
            Some(next) if rows_after > 0 => (0..names.len())
                .map(|c| {
                    let text = next.get(c).map(String::as_str).unwrap_or("");
                    strip_number(text).0.to_string()
                })
                .collect(),
            _ => vec![String::new(); names.len()],
        };
        HeaderChoice {
            index,
            names,
            rows_after,
            texts,
        }
    };
    if let Some(wanted_row) = header_row {
        return match rows.iter().position(|(row, _)| *row == wanted_row) {
            Some(index) => {
                let choice = pick(index);
                match wanted.first_missing(&choice.names) {
                    Some(_) => Err(NoHeader {
                        nearest: Some((wanted_row, choice.names)),
                        searched: 0,
                        near: Vec::new(),
                    }),
                    None => Ok(choice),
                }
            }
            None => Err(NoHeader {
                nearest: Some((wanted_row, Vec::new())),
                searched: 0,
                near: Vec::new(),
            }),
        };
    }
    let searched: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].0 <= SEARCHED_ROWS).collect();
    if wanted.has_required() {
        for &index in &searched {
            let choice = pick(index);
            if wanted.first_missing(&choice.names).is_none() {
                return Ok(choice);
            }
        }
        // The nearest: most required headers held, else the widest row.
        let nearest = searched
            .iter()
            .max_by_key(|&&i| {
                let choice = pick(i);
                (
                    wanted.required_held(&choice.names),
                    filled(&rows[i].1),
                    std::cmp::Reverse(i),
                )
            })
            .map(|&i| (rows[i].0, pick(i).names));
        // Each row's header most like the first required one its nearest lacks.
        let missing = nearest
            .as_ref()
            .and_then(|(_, names)| wanted.first_missing(names))
            .map(|(_, header)| header.to_string());
        let near = missing.map_or_else(Vec::new, |missing| {
            searched
                .iter()
                .filter_map(|&i| {
                    let like = crate::suggest::closest(&missing, rows[i].1.iter().map(String::as_str))?;
                    Some((rows[i].0, like.to_string()))
                })
                .take(5)
                .collect()
        });
        return Err(NoHeader {
            nearest,
            searched: searched.last().map_or(0, |&i| rows[i].0),
            near,
        });
    }
    let widest = searched.iter().map(|&i| filled(&rows[i].1)).max().unwrap_or(0);
    let index = searched
        .iter()
        .copied()
        .find(|&i| {
            let cells = filled(&rows[i].1);
            cells >= 2 && cells * 2 >= widest
        })
        .or_else(|| searched.iter().copied().find(|&i| filled(&rows[i].1) > 0))
        .map(|i| if is_group_row(rows, i) { i + 1 } else { i });
    match index {
        Some(index) => Ok(pick(index)),
        None => Err(NoHeader {
            nearest: None,
            searched: searched.last().map_or(0, |&i| rows[i].0),
            near: Vec::new(),
        }),
    }
}

impl NoHeader {
    /// Where the header was looked for, for a message: "header looked for in
    /// rows 1 to 30; nearest: row 4".
    pub fn describe(&self) -> String {
        let rows = if self.searched <= 1 {
            "row 1".to_string()
        } else {
            format!("rows 1 to {}", self.searched)
        };
        let like: Vec<String> = self
            .near
            .iter()
            .map(|(row, header)| format!("row {row} has \"{header}\""))
            .collect();
        let like = if like.is_empty() {
            String::new()
        } else {
            format!("; like the missing header: {}", like.join(", "))
        };
        match &self.nearest {
            Some((row, _)) if self.searched == 0 => format!("the header on row {row}, as header_row says"),
            Some((row, _)) if self.searched > 1 => {
                format!("header looked for in {rows}; nearest: row {row}{like}")
            }
            Some((row, _)) => format!("header looked for in row {row}"),
            None => format!("header looked for in {rows}"),
        }
    }
}

/// Cells with text.
fn filled(texts: &[String]) -> usize {
    texts.iter().filter(|t| !t.is_empty()).count()
}

/// Whether row `i` titles groups of the columns under it (a report's
/// "Student | Course | Widening Participation" over merged cells, each title
/// repeated across its span): at most half its cells different, and the
/// row under it as wide and its cells nearly all different.
fn is_group_row(rows: &[(u32, Vec<String>)], i: usize) -> bool {
    let distinct = |texts: &[String]| {
        let mut seen: Vec<&str> = texts
            .iter()
            .map(String::as_str)
            .filter(|t| !t.is_empty())
            .collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    };
    let here = &rows[i].1;
    rows.get(i + 1).is_some_and(|(_, next)| {
        filled(here) >= 4
            && distinct(here) * 2 <= filled(here)
            && filled(next) >= filled(here)
            && distinct(next) * 10 >= filled(next) * 9
    })
}

/// Whether `next` is the question-text row a Qualtrics export writes under
/// its header (`StartDate` over "Start Date", `ResponseId` over "Response
/// ID"); its ImportId row follows it.
fn is_qualtrics_text_row(header: &[String], next: &[String]) -> bool {
    let over = |code: &str, text: &str| {
        header
            .iter()
            .position(|h| h == code)
            .is_some_and(|c| next.get(c).is_some_and(|t| t == text))
    };
    over("StartDate", "Start Date") && over("ResponseId", "Response ID")
}

/// The column names of a header row and how many rows after it are not
/// data. `next` is the row after it.
fn names_and_rows_after(
    header: &[String],
    next: Option<&[String]>,
    layout: Layout,
    wanted: &Wanted,
) -> (Vec<String>, usize) {
    match layout {
        Layout::Plain if next.is_some_and(|next| is_qualtrics_text_row(header, next)) => (header.to_vec(), 2),
        Layout::Plain | Layout::AsWritten => (header.to_vec(), 0),
        Layout::Qualtrics => (header.to_vec(), 2),
        Layout::Jisc => {
            let texts = next.filter(|next| is_jisc_text_row(header, next));
            let names = header
                .iter()
                .enumerate()
                .map(|(c, code)| {
                    let text = texts.and_then(|t| t.get(c)).map(String::as_str).unwrap_or("");
                    jisc_name(code, text, wanted)
                })
                .collect();
            (names, usize::from(texts.is_some()))
        }
    }
}

/// Whether `next`, under a Jisc code header, is its question-text row: the
/// response-number column has no digits under it, or most question codes
/// have their own question text under them ("5.a" over "5.a. I feel...").
pub fn is_jisc_text_row(header: &[String], next: &[String]) -> bool {
    let under = |c: usize| next.get(c).map(String::as_str).unwrap_or("");
    // A response number holds digits ("356806-356797-33882794"); a text
    // row has none under it (blank, or "Unique Response Number" again).
    if let Some(urn) = header.iter().position(|h| is_response_number(h)) {
        return !under(urn).chars().any(|c| c.is_ascii_digit());
    }
    let codes: Vec<usize> = (0..header.len())
        .filter(|&c| question_code(&header[c]).is_some())
        .collect();
    let echoed = codes
        .iter()
        .filter(|&&c| {
            strip_number(under(c))
                .1
                .is_some_and(|code| code == header[c].as_str())
        })
        .count();
    !codes.is_empty() && echoed * 2 >= codes.len()
}

fn is_response_number(header: &str) -> bool {
    let lower = header.trim().to_lowercase();
    lower == "urn" || lower == "unique response number" || lower == "response number"
}

/// A Jisc column's name: whichever of its code, its question text and that
/// text without its number the configuration names; else the text (a
/// one-row text header) or the code.
fn jisc_name(code: &str, text: &str, wanted: &Wanted) -> String {
    let (stripped_text, _) = strip_number(text);
    let (stripped_code, number) = strip_number(code);
    let candidates = [code, text, stripped_text, stripped_code, number.unwrap_or("")];
    candidates
        .iter()
        .find(|c| !c.is_empty() && wanted.wants(c))
        .map_or_else(|| code.to_string(), |c| c.to_string())
}

/// A question's text without its number ("5.a. I feel..." is "I feel..."
/// and "5.a"); the text itself and None when it has no number.
pub fn strip_number(text: &str) -> (&str, Option<&str>) {
    let text = text.trim();
    let Some((number, rest)) = text.split_once(' ') else {
        return (text, None);
    };
    let code = number.trim_end_matches(['.', ')', ':']);
    if question_code(code).is_some() && !rest.trim().is_empty() {
        (rest.trim(), Some(code))
    } else {
        (text, None)
    }
}

/// Whether a header is a question code: `1`, `5.a`, `12.3.b`, `Q1_1`, `Q3`.
pub fn question_code(header: &str) -> Option<&str> {
    let h = header.trim();
    let numbered = h.split('.').enumerate().all(|(i, part)| {
        !part.is_empty()
            && part.len() <= 3
            && if i == 0 {
                part.chars().all(|c| c.is_ascii_digit())
            } else {
                part.chars().all(|c| c.is_ascii_alphanumeric())
            }
    });
    let qualtrics = h.len() > 1
        && (h.starts_with('Q') || h.starts_with('q'))
        && h[1..].chars().next().is_some_and(|c| c.is_ascii_digit())
        && h[1..].chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    (numbered || qualtrics).then_some(h)
}

/// Why a row under the header is not a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotARecord {
    /// Its first cell says "Total" (or "Totals", "Grand total").
    Total,
    /// Its only cell is a sentence ("Figures exclude withdrawn students").
    Note,
}

/// Tells a row that is not a record from the text of its first non-empty
/// cell (in whichever column) and how many cells hold something: a total
/// ("Total", "Totals", "Grand total", "Subtotal", "Count:", "Total: 45", "Total (68)",
/// "Total signed up", "Total students in Law: 45"; not "Total Fitness", a
/// name), or a note (its only cell a sentence of six words or more, marked
/// as a note, or a section's title: "Department: Law").
pub fn not_a_record(first_text: &str, filled: usize) -> Option<NotARecord> {
    let text = first_text.trim();
    let lower = text.trim_end_matches(':').to_lowercase();
    let exact = matches!(
        lower.as_str(),
        "total"
            | "totals"
            | "grand total"
            | "grand totals"
            | "sum"
            | "overall total"
            | "subtotal"
            | "sub total"
            | "sub-total"
            // Business Objects' section footer: "Count:" beside the number.
            | "count"
            | "row count"
            | "record count"
    );
    // "Total" then a count, a colon, a bracket or a word in lower case.
    let total_of = match (text.get(..5), text.get(5..)) {
        (Some(word), Some(rest)) if word.eq_ignore_ascii_case("total") => {
            rest.starts_with([' ', ':', '('])
                && rest
                    .trim_start_matches([' ', ':'])
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit() || c == '(' || c.is_lowercase())
                && lower.split_whitespace().count() <= 4
        }
        _ => false,
    };
    // A group's count alone on its row ("Learners on offering: 12").
    let count_of = filled == 1
        && text.split_once(':').is_some_and(|(label, count)| {
            label.chars().any(|c| c.is_alphabetic())
                && label.split_whitespace().count() >= 2
                && !count.trim().is_empty()
                && count.trim().chars().all(|c| c.is_ascii_digit() || c == ',')
        });
    // A section's total with its words: "Total students in Accounting & Finance: 45".
    let total_in = lower.starts_with("total ") && text.contains(':');
    if exact || total_of || count_of || total_in || lower.starts_with("grand total") {
        return Some(NotARecord::Total);
    }
    // A section's title alone on its row: "Department: Accounting & Finance"
    // (a Crystal or Business Objects report grouped by department).
    let section = filled == 1
        && text.split_once(": ").is_some_and(|(label, value)| {
            let words = label.split_whitespace().count();
            (1..=3).contains(&words)
                && label.chars().all(|c| c.is_alphabetic() || c == ' ')
                && value.chars().any(char::is_alphabetic)
        });
    if section {
        return Some(NotARecord::Note);
    }
    let words = lower.split_whitespace().count();
    let marked = [
        "note:",
        "notes:",
        "note -",
        "nb ",
        "n.b.",
        "source:",
        "*",
        "figures ",
        "this report",
        "generated",
        "run on",
        "copyright",
        "confidential",
    ]
    .iter()
    .any(|m| lower.starts_with(m));
    (filled == 1 && (words >= 6 || marked)).then_some(NotARecord::Note)
}

/// Whether a delimited file's row under the header is skipped as not a
/// record: a total or a note (`not_a_record`). Footer lines after the
/// last blank rows are dropped as well (ingest/footer.rs).
pub fn skipped_row(first_text: &str, filled: usize) -> bool {
    not_a_record(first_text, filled).is_some()
}
