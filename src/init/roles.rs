//! A mentoring platform's user list (PushFar, Mentorloop): mentors and
//! mentees in one table, told apart by a role column.

use super::cells::column_values;
use crate::ingest::preview::SheetPreview;

/// The role column (its values include "Mentor" and "Mentee" or
/// "Student"): its header and the roles that are not a mentor's, for the
/// bank's `exclude`.
pub fn role_column(sheet: &SheetPreview) -> Option<(String, Vec<String>)> {
    let is_mentor = |v: &str| {
        let f = super::fold::fold(v);
        (f.split(' ').any(|w| w == "mentor" || w == "mentors") || f == "both") && !f.contains("mentee")
    };
    let is_mentee = |v: &str| {
        let f = super::fold::fold(v);
        ["mentee", "mentees", "student", "students", "learner", "protege"]
            .iter()
            .any(|w| f.split(' ').any(|x| x == *w))
    };
    // A column named for it first ("Role", "User type"), then any.
    let named = |c: &usize| {
        let f = super::fold::fold(&sheet.headers[*c]);
        !f.split(' ')
            .any(|w| ["role", "type", "participant", "membership"].contains(&w))
    };
    let mut order: Vec<usize> = (0..sheet.headers.len()).collect();
    order.sort_by_key(named);
    order.into_iter().find_map(|c| {
        let mut values: Vec<String> = column_values(sheet, c)
            .into_iter()
            .map(|v| v.trim().to_string())
            .collect();
        values.sort_unstable();
        values.dedup();
        let fits = (2..=8).contains(&values.len())
            && values.iter().any(|v| is_mentor(v))
            && values.iter().any(|v| is_mentee(v));
        fits.then(|| {
            let others = values.into_iter().filter(|v| !is_mentor(v)).collect();
            (sheet.headers[c].clone(), others)
        })
    })
}
