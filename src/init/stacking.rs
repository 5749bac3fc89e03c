//! One table over several sheets or files: which sheets hold the same
//! table (a log with a sheet per month, a cohort with a sheet per
//! department, Bookings' exports four months at a time), which are past
//! years or archives, and their rows read as one.

use super::recognise;
use crate::ingest::preview::SheetPreview;

/// Whether a sheet's name says it holds past records ("Archive 2024-25").
pub(super) fn is_past(name: &str) -> bool {
    let name = recognise::fold(name);
    [
        "archive", "archived", "old", "previous", "former", "backup", "copy",
    ]
    .iter()
    .any(|w| name.split(' ').any(|x| x == *w))
}

/// Whether a sheet's name is only a year or an academic year ("2024-25",
/// "2025"): a year's table among others of other years.
pub(super) fn is_year_name(name: &str) -> bool {
    let name = recognise::fold(name);
    !name.is_empty() && name.split(' ').all(|w| w.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether sheet `i` is another sheet of the same workbook as sheet `of`
/// with the same table (a log with a sheet per month): the same file and
/// mostly the same headers.
pub(super) fn same_table(sheets: &[(String, usize, &SheetPreview)], i: usize, of: Option<usize>) -> bool {
    let Some(of) = of else {
        return false;
    };
    let (a, b) = (sheets[i].2, sheets[of].2);
    let shared = a
        .headers
        .iter()
        .filter(|h| !h.is_empty() && b.headers.contains(h))
        .count();
    sheets[i].0 == sheets[of].0 && i != of && shared * 5 >= a.headers.len().max(b.headers.len()) * 4
}

/// Sheets of other files holding the same table as sheet `i` (the same
/// kind, mostly the same headers): their paths, and sheet `i` with their
/// rows below its own, when there are any.
pub(super) fn other_files(
    sheets: &[(String, usize, &SheetPreview)],
    kinds: &[Option<recognise::InputKind>],
    i: usize,
) -> (Vec<String>, Option<SheetPreview>) {
    let (a, path) = (sheets[i].2, &sheets[i].0);
    let parts: Vec<usize> = (0..sheets.len())
        .filter(|&j| {
            let b = sheets[j].2;
            let shared = a
                .headers
                .iter()
                .filter(|h| !h.is_empty() && b.headers.contains(h))
                .count();
            kinds[j] == kinds[i]
                && sheets[j].0 != *path
                && shared * 5 >= a.headers.len().max(b.headers.len()) * 4
        })
        .collect();
    let mut paths: Vec<String> = parts.iter().map(|&j| sheets[j].0.clone()).collect();
    paths.dedup();
    if parts.is_empty() {
        return (paths, None);
    }
    let others: Vec<&SheetPreview> = parts.iter().map(|&j| sheets[j].2).collect();
    (paths, Some(merged(a, &others)))
}

/// `first` with the rows of `others` (the same table on other sheets)
/// below its own, each row's cells under `first`'s headers.
pub(super) fn merged(first: &SheetPreview, others: &[&SheetPreview]) -> SheetPreview {
    let mut sheet = first.clone();
    for other in others {
        let at: Vec<Option<usize>> = first
            .headers
            .iter()
            .map(|h| other.headers.iter().position(|o| o == h))
            .collect();
        for row in &other.rows {
            sheet.rows.push(
                at.iter()
                    .map(|c| c.and_then(|c| row.get(c).cloned().flatten()))
                    .collect(),
            );
        }
    }
    sheet
}
