//! Which grid a survey question is a row of (a LimeSurvey array, a
//! REDCap matrix group, a section named before each statement, a question
//! code's stem), and the same item across waves: the same words, barely
//! changed, or a reworded grid row in its place.

use super::fold::fold;
use super::wave::{full_question_text, grid_question, question_text};
use super::written::Recognised;

/// The item of `known` asking `folded`: the same words, or barely changed.
pub(super) fn same_item(known: &[(String, String)], folded: &str) -> Option<String> {
    known
        .iter()
        .find(|(t, _)| t == folded)
        .or_else(|| {
            known
                .iter()
                .map(|k| (strsim::normalized_damerau_levenshtein(&k.0, folded), k))
                .filter(|(similarity, _)| *similarity >= REWORDED)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, k)| k)
        })
        .map(|(_, id)| id.clone())
}

/// A grid row reworded past `REWORDED` ("I have a clear plan for my next
/// step after my degree"): when at least half the grid's other rows are
/// items of one earlier grid, the earlier grid's item in the same place,
/// if none of the rows is that item already.
pub(super) fn grid_row_by_position(
    r: &Recognised<'_>,
    c: usize,
    known: &[(String, String)],
) -> Option<String> {
    let grid_of = |k: usize| grid_of(r, k);
    let grid = grid_of(c)?;
    let rows: Vec<usize> = (0..r.sheet.headers.len())
        .filter(|&k| grid_of(k).as_ref() == Some(&grid))
        .collect();
    let place = rows.iter().position(|&k| k == c)?;
    let matched: Vec<String> = rows
        .iter()
        .filter_map(|&k| same_item(known, &fold(&question_text(r, k))))
        .collect();
    let grid_id = |id: &str| id.rsplit_once('_').map(|(g, _)| g.to_string());
    let earlier = grid_id(matched.first()?)?;
    if matched.len() * 2 < rows.len() || matched.iter().any(|id| grid_id(id).as_ref() != Some(&earlier)) {
        return None;
    }
    let candidate = known
        .iter()
        .map(|(_, id)| id)
        .filter(|id| grid_id(id).as_ref() == Some(&earlier))
        .nth(place)?;
    (!matched.contains(candidate)).then(|| candidate.clone())
}

/// The grid column `c`'s question is a row of: by its question text (a
/// LimeSurvey array, a Jotform matrix), its codebook, or its section.
fn grid_of(r: &Recognised<'_>, c: usize) -> Option<String> {
    let header = &r.sheet.headers[c];
    grid_question(&full_question_text(r, c))
        .or_else(|| codebook_grid(r, header))
        .or_else(|| section_grid(r, header))
        .or_else(|| code_grid(header))
}

/// The grid a question code's stem names: `2.3` and `Q2_3` are rows of
/// grid 2 (evasys' and Qualtrics' numbering).
fn code_grid(header: &str) -> Option<String> {
    let code = crate::ingest::header::question_code(header)?;
    let (stem, row) = code.split_once(['.', '_'])?;
    (!row.is_empty()).then(|| format!("\u{1f}code {}", stem.to_lowercase()))
}

/// The grid a coded wave's question is a row of, by its codebook (REDCap's
/// matrix group), named apart from a grid's question.
pub(super) fn codebook_grid(r: &Recognised<'_>, header: &str) -> Option<String> {
    let (book, _) = r.codebook.as_ref()?;
    let grid = book.variable(header)?.grid.as_ref()?;
    Some(format!("\u{1f}matrix {grid}"))
}

/// The section a question's header names before its statement
/// ("Resilience - I ask for help when I need it", Dynamics 365 Customer
/// Voice's and others' grids), when other headers share it: a short name,
/// no question.
pub(super) fn section_grid(r: &Recognised<'_>, header: &str) -> Option<String> {
    let section = |h: &str| -> Option<String> {
        let (section, statement) = h.split_once(" - ")?;
        let short = section.split_whitespace().count() <= 4 && !section.contains('?');
        (short && !statement.trim().is_empty()).then(|| fold(section))
    };
    let own = section(header)?;
    let shared = r
        .sheet
        .headers
        .iter()
        .filter(|h| section(h).as_deref() == Some(own.as_str()))
        .count();
    (shared >= 2).then(|| format!("\u{1f}section {own}"))
}

/// How alike two waves' wordings of one question are at least (normalised
/// Damerau-Levenshtein on folded text): a plural or an article changed.
const REWORDED: f64 = 0.9;

/// A question reworded past `REWORDED` in a list without grids ("I know
/// where to get support at the university", then "... find support at
/// Otterburn"): the earlier wave's item between the same two items, when
/// the questions before and after it are those two, next to each other but
/// for it, and no question of this wave is that item already.
pub(super) fn between_matched(r: &Recognised<'_>, c: usize, known: &[(String, String)]) -> Option<String> {
    let matched = |k: usize| same_item(known, &fold(&question_text(r, k)));
    let before = (0..c).rev().find_map(matched)?;
    let after = (c + 1..r.sheet.headers.len()).find_map(matched)?;
    let mut order: Vec<&String> = Vec::new();
    for (_, id) in known {
        if !order.contains(&id) {
            order.push(id);
        }
    }
    let i = order.iter().position(|id| **id == before)?;
    let candidate = order.get(i + 1)?;
    let taken = (0..r.sheet.headers.len()).any(|k| matched(k).as_ref() == Some(*candidate));
    (order.get(i + 2).is_some_and(|id| **id == after) && !taken).then(|| (*candidate).clone())
}
