//! Keeping the rows a mask selects, in every column of an input alike (the
//! rows `exclude` and the not-a-record rules leave out).

/// Whether a mask keeps each of the first `rows` rows (rows past its end are
/// kept). Most masks do: the columns' passes over millions of elements are
/// then skipped.
pub fn keeps_every_row(keep: &[bool], rows: usize) -> bool {
    keep.iter().take(rows).all(|k| *k)
}

/// Keeps the elements whose mask entry is true.
pub fn retain_by<T>(values: &mut Vec<T>, keep: &[bool]) {
    if keeps_every_row(keep, values.len()) {
        return;
    }
    let mut index = 0;
    values.retain(|_| {
        let kept = keep.get(index).copied().unwrap_or(true);
        index += 1;
        kept
    });
}

/// `retain_by` on an optional column.
pub fn retain_opt<T>(values: &mut Option<Vec<T>>, keep: &[bool]) {
    if let Some(v) = values {
        retain_by(v, keep);
    }
}
