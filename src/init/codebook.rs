//! A survey's codebook beside its data: REDCap's data dictionary, Tivian
//! EFS's codebook, or any list of variables with their question texts and
//! their answers' codes and labels. A wave exported as codes (`v_12` = 4)
//! is read through it as the analyst reads it: its questions by their
//! texts, its answers by their labels. The configuration still names the
//! variables, and the run reads the codes as scores (inputs.md: numbers
//! within the scale's range), so init writes the codebook's own codes.

use super::fold::fold;
use super::recognise::{InputKind, kind_of};
use crate::ingest::preview::SheetPreview;

/// One variable of a codebook.
#[derive(Debug, Clone, PartialEq)]
pub struct Variable {
    pub name: String,
    /// The question's text ("I feel confident approaching employers").
    pub text: String,
    /// Each answer's code and label, in the codebook's order.
    pub labels: Vec<(String, String)>,
    /// The grid the question is a row of (REDCap's matrix group).
    pub grid: Option<String>,
}

/// A codebook: where it is, and its variables.
#[derive(Debug, Clone, PartialEq)]
pub struct Codebook {
    pub path: String,
    pub variables: Vec<Variable>,
}

impl Codebook {
    pub fn variable(&self, header: &str) -> Option<&Variable> {
        let h = header.trim();
        self.variables.iter().find(|v| v.name.eq_ignore_ascii_case(h))
    }

    /// The codes whose labels say the question was not answered ("-99 not
    /// answered", "-77 not displayed"): missing values, not answers.
    pub fn missing_codes(&self) -> Vec<String> {
        let mut codes: Vec<String> = self
            .variables
            .iter()
            .flat_map(|v| &v.labels)
            .filter(|(_, label)| is_missing_label(label))
            .map(|(code, _)| code.clone())
            .collect();
        codes.sort();
        codes.dedup();
        codes
    }
}

pub fn is_missing_label(label: &str) -> bool {
    let l = fold(label);
    [
        "not answered",
        "no answer",
        "no response",
        "not displayed",
        "not reached",
        "missing",
        "not shown",
    ]
    .iter()
    .any(|w| l.contains(w))
}

/// Column `name`'s position among `sheet`'s headers, by any of `names` folded.
fn column(sheet: &SheetPreview, names: &[&str]) -> Option<usize> {
    sheet
        .headers
        .iter()
        .position(|h| names.contains(&fold(h).as_str()))
}

/// The codebook `sheet` is, if it is one: REDCap's data dictionary (a
/// variable a row, its choices "1, Strongly disagree | 2, Disagree") or a
/// long list (a code a row: variable, its label, a value and the value's
/// label, the variable written once or on every row). Three variables with
/// labelled codes at least.
pub fn read(path: &str, sheet: &SheetPreview) -> Option<Codebook> {
    let variables = redcap(sheet).or_else(|| wide(sheet)).or_else(|| long(sheet))?;
    let labelled = variables.iter().filter(|v| v.labels.len() >= 2).count();
    (labelled >= 3).then(|| Codebook {
        path: path.to_string(),
        variables,
    })
}

const VARIABLE: [&str; 5] = [
    "variable",
    "variable name",
    "var",
    "varname",
    "variable field name",
];

/// Whether a codebook's header sits under a title the preview took for
/// the header (EFS: "Project;1187342 - ..." above "variable;label;value;
/// value label"), so that it is previewed again from there.
pub fn is_under_title(sheet: &SheetPreview) -> bool {
    sheet.rows.iter().take(10).any(|row| is_header(row))
}

/// Whether `row` starts as a codebook's header does.
pub fn is_header(row: &[Option<String>]) -> bool {
    row.first()
        .and_then(|c| c.as_deref())
        .is_some_and(|c| VARIABLE.contains(&fold(c).as_str()))
}

fn cell(row: &[Option<String>], c: usize) -> &str {
    row.get(c).and_then(|v| v.as_deref()).map_or("", str::trim)
}

fn redcap(sheet: &SheetPreview) -> Option<Vec<Variable>> {
    let name = column(sheet, &["variable field name"])?;
    let text = column(sheet, &["field label"])?;
    let choices = column(sheet, &["choices calculations or slider labels"])?;
    let kind = column(sheet, &["field type"]);
    let grid = column(sheet, &["matrix group name"]);
    let variables = sheet
        .rows
        .iter()
        .filter(|row| !cell(row, name).is_empty())
        // A checkbox question is exported a column per choice (`var___1`).
        .filter(|row| kind.is_none_or(|k| cell(row, k) != "checkbox"))
        .map(|row| Variable {
            name: cell(row, name).to_string(),
            text: cell(row, text).to_string(),
            labels: cell(row, choices)
                .split('|')
                .filter_map(|choice| {
                    let (code, label) = choice.split_once(',')?;
                    let code = code.trim();
                    (!code.is_empty() && code.parse::<f64>().is_ok())
                        .then(|| (code.to_string(), label.trim().to_string()))
                })
                .collect(),
            grid: grid
                .map(|g| cell(row, g))
                .filter(|g| !g.is_empty())
                .map(str::to_string),
        })
        .collect();
    Some(variables)
}

/// A variable a row with its codes in one cell: evasys' codebook
/// ("1 = strongly agree; 2 = agree; ...; 0 = no response").
fn wide(sheet: &SheetPreview) -> Option<Vec<Variable>> {
    let name = column(sheet, &VARIABLE[..4])?;
    let text = column(sheet, &["question", "question text", "label", "variable label"])?;
    let values = column(
        sheet,
        &["values", "value labels", "answers", "codes", "answer options"],
    )?;
    let variables = sheet
        .rows
        .iter()
        .filter(|row| !cell(row, name).is_empty())
        .map(|row| Variable {
            name: cell(row, name).to_string(),
            text: cell(row, text).to_string(),
            labels: cell(row, values)
                .split([';', '|'])
                .filter_map(|pair| {
                    let (code, label) = pair.split_once('=')?;
                    let code = code.trim();
                    (code.parse::<f64>().is_ok() && !label.trim().is_empty())
                        .then(|| (code.to_string(), label.trim().to_string()))
                })
                .collect(),
            grid: None,
        })
        .collect();
    Some(variables)
}

fn long(sheet: &SheetPreview) -> Option<Vec<Variable>> {
    let name = column(sheet, &VARIABLE[..4])?;
    let value = column(sheet, &["value", "code", "value code", "answer code"])?;
    let value_label = column(
        sheet,
        &[
            "value label",
            "value labels",
            "answer label",
            "answer text",
            "label of value",
        ],
    )?;
    let text = column(
        sheet,
        &["label", "variable label", "question", "question text", "wording"],
    );
    let mut variables: Vec<Variable> = Vec::new();
    for row in &sheet.rows {
        let named = cell(row, name);
        if !named.is_empty() && variables.last().is_none_or(|v| v.name != named) {
            variables.push(Variable {
                name: named.to_string(),
                text: String::new(),
                labels: Vec::new(),
                grid: None,
            });
        }
        let Some(v) = variables.last_mut() else { continue };
        if v.text.is_empty()
            && let Some(t) = text
        {
            v.text = cell(row, t).to_string();
        }
        let (code, label) = (cell(row, value), cell(row, value_label));
        if !code.is_empty() && !label.is_empty() && code.parse::<f64>().is_ok() {
            v.labels.push((code.to_string(), label.to_string()));
        }
    }
    Some(variables)
}

/// How many of `sheet`'s columns `book` names with labelled codes.
pub fn named(sheet: &SheetPreview, book: &Codebook) -> usize {
    sheet
        .headers
        .iter()
        .filter_map(|h| book.variable(h))
        .filter(|v| v.labels.len() >= 2)
        .count()
}

/// How many words two file names share ("MENT_PRE" with "MENT_PRE_Baseline").
pub fn shared_words(a: &str, b: &str) -> usize {
    let words = |p: &str| -> Vec<String> {
        let name = p.rsplit('/').next().unwrap_or(p);
        fold(name).split(' ').map(str::to_string).collect()
    };
    let b = words(b);
    words(a).iter().filter(|w| b.contains(w)).count()
}

/// Whether `cell` is `code`: the same text, or the same number ("4.0", "4").
fn is_code(cell: &str, code: &str) -> bool {
    let cell = cell.trim();
    cell == code || matches!((cell.parse::<f64>(), code.parse::<f64>()), (Ok(a), Ok(b)) if a == b)
}

/// A wave exported as codes, read through `book`: its answers as their
/// labels, with each column's question text (its header where the
/// codebook has none). None unless three of its columns are variables of
/// the codebook with labelled codes.
pub fn decode(sheet: &SheetPreview, book: &Codebook) -> Option<(SheetPreview, Vec<String>)> {
    let variables: Vec<Option<&Variable>> = sheet.headers.iter().map(|h| book.variable(h)).collect();
    let labelled = variables.iter().flatten().filter(|v| v.labels.len() >= 2).count();
    if labelled < 3 {
        return None;
    }
    // A missing-value code is one for every variable ("-77 not displayed"
    // listed once).
    let missing = book.missing_codes();
    let rows = sheet
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .zip(&variables)
                .map(|(value, variable)| {
                    let label = value.as_deref().zip(*variable).and_then(|(v, var)| {
                        var.labels
                            .iter()
                            .find(|(code, _)| is_code(v, code))
                            .map(|(_, l)| l.clone())
                    });
                    let coded_missing = value
                        .as_deref()
                        .is_some_and(|v| variable.is_some() && missing.iter().any(|m| is_code(v, m)));
                    match label {
                        _ if coded_missing => None,
                        // "-99 not answered" is no answer.
                        Some(l) if is_missing_label(&l) => None,
                        Some(l) => Some(l),
                        None => value.clone(),
                    }
                })
                .collect()
        })
        .collect();
    let texts = sheet
        .headers
        .iter()
        .zip(&variables)
        .map(|(header, variable)| match variable {
            Some(v) if !v.text.is_empty() => v.text.clone(),
            _ => header.clone(),
        })
        .collect();
    Some((
        SheetPreview {
            rows,
            ..sheet.clone()
        },
        texts,
    ))
}

/// The labels of variable `header` with their whole-number codes, the
/// missing-value ones left out: the scores a run gives its codes.
pub fn scored_labels(book: &Codebook, header: &str) -> Vec<(u32, String)> {
    book.variable(header).map_or_else(Vec::new, |v| {
        v.labels
            .iter()
            .filter(|(_, label)| !is_missing_label(label))
            .filter_map(|(code, label)| Some((code.parse::<u32>().ok()?, label.clone())))
            .collect()
    })
}

/// What reading the previews through their codebooks found: the
/// codebooks, each sheet's codebook and question texts where it was read
/// through one, and which sheets are codebooks (no input of their own);
/// the last two a sheet each, in the previews' order.
pub struct ReadThrough {
    pub books: Vec<Codebook>,
    pub decoded: Vec<Option<(Codebook, Vec<String>)>>,
    pub is_book: Vec<bool>,
}

/// Reads each sheet of `previews` (their files' paths as the
/// configuration names them, `paths`) that is a wave exported as codes
/// through its codebook: the sheet then holds the answers' labels.
pub fn read_through(
    previews: &mut [(std::path::PathBuf, Vec<SheetPreview>)],
    paths: &[String],
) -> ReadThrough {
    // Each sheet's codebook, if it is one, read once.
    let own: Vec<Option<Codebook>> = previews
        .iter()
        .zip(paths)
        .flat_map(|((_, sheets), path)| sheets.iter().map(move |s| read(path, s)))
        .collect();
    let books: Vec<Codebook> = own.iter().flatten().cloned().collect();
    let is_book: Vec<bool> = own.iter().map(Option::is_some).collect();
    // Only a survey is read through a codebook (a cohort's codes are what
    // its configuration names).
    let survey = |view: &SheetPreview| {
        kind_of(view)
            .is_some_and(|(k, _)| !matches!(k, InputKind::Cohort | InputKind::Mentors | InputKind::Meetings))
    };
    let mut decoded = Vec::new();
    for ((_, sheets), path) in previews.iter_mut().zip(paths) {
        for sheet in sheets.iter_mut() {
            // Of several codebooks (a wave's own beside another's, their
            // variables alike), the one whose file name shares most words
            // with the wave's ("MENT_PRE"; a workbook's own labels sheet,
            // Forsta's "Labels" beside "Data", shares every word), then the
            // one naming most of its columns.
            let best = books
                .iter()
                .max_by_key(|b| (shared_words(&b.path, path), named(sheet, b)));
            let found = best.and_then(|b| {
                decode(sheet, b)
                    .filter(|(view, _)| survey(view))
                    .map(|(view, texts)| (b.clone(), view, texts))
            });
            decoded.push(found.map(|(book, view, texts)| {
                *sheet = view;
                (book, texts)
            }));
        }
    }
    ReadThrough {
        books,
        decoded,
        is_book,
    }
}
