//! Which column is the department by its values: one that breaks the
//! cohort down, into named units big enough for their rates to be
//! published.

use super::cells::{all_codes, distinct_count, share_in_units_of};
use super::fields::Field;
use super::fold::{camel_words, fold};
use super::recognise::header_score;
use crate::ingest::preview::SheetPreview;

/// How much column `c`'s values say it is the department, beside its
/// header (`field`'s score): none for a column of one value, which breaks
/// nothing down ("Faculty": "University Centre" for every learner of an
/// ebs report); names before codes ("Department Name" beside "Dept": BMG,
/// ACF); and small units (fewer than half the students in units of 30 or
/// more) after a coarser unit beside them (a School over its Departments),
/// as analysts choose units whose rates can be published (docs/init.md).
pub fn department_bonus(sheet: &SheetPreview, field: &Field, c: usize) -> u32 {
    let units = |k: usize| {
        let folded = fold(&camel_words(&sheet.headers[k]));
        (header_score(field, &folded) > 0 && distinct_count(sheet, k) >= 2 && !all_codes(sheet, k))
            .then(|| share_in_units_of(sheet, k, 30))
    };
    if distinct_count(sheet, c) < 2 {
        0
    } else if all_codes(sheet, c) {
        50
    } else if units(c)
        .is_some_and(|own| own < 0.5 && (0..sheet.headers.len()).filter_map(units).any(|u| u > own))
    {
        900
    } else {
        950
    }
}
