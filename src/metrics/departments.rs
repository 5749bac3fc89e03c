//! Uptake by department (metrics.md §7): the cohort's `department` column as
//! groups of its own, each department once, small ones pooled into "Other
//! departments" so that the disclosure rule does not withhold them one by
//! one. The funnel of each is counted by the same group_by as the target
//! groups' (`cohort_queries`) and built by `uptake::uptake`.

use super::groups::{ALL_ELIGIBLE, Membership};
use crate::ingest::cohort::Cohort;

/// The pooled group of departments too small to publish on their own.
pub const OTHER_DEPARTMENTS: &str = "Other departments";
/// Students whose department cell is empty.
pub const NOT_RECORDED: &str = "Department not recorded";

/// All eligible, then each department with at least `smallest` eligible
/// students (alphabetically, "Department not recorded" last), then "Other
/// departments" when any department is smaller. None without a department
/// column.
pub fn department_membership(cohort: &Cohort, smallest: u64) -> Option<Membership> {
    let labels = cohort.department.as_ref()?;
    let values = labels.values();
    // Per distinct value (and one more for a missing cell): its students.
    let missing = values.len();
    let mut sizes = vec![0u64; values.len() + 1];
    let codes: Vec<usize> = labels
        .codes()
        .map(|c| c.map_or(missing, |c| c as usize))
        .collect();
    for &code in &codes {
        sizes[code] += 1;
    }
    let name = |code: usize| values.get(code).map_or(NOT_RECORDED, String::as_str);
    // Departments are named once whatever the case of a cell ("Law", "law").
    let mut departments: Vec<String> = Vec::new();
    let mut department_of: Vec<Option<usize>> = vec![None; sizes.len()];
    let mut order: Vec<usize> = (0..sizes.len()).filter(|&c| sizes[c] > 0).collect();
    order.sort_by_key(|&c| (c == missing, name(c).to_lowercase()));
    for &code in &order {
        let key = name(code).to_lowercase();
        match departments.iter().position(|d| d.to_lowercase() == key) {
            Some(d) => department_of[code] = Some(d),
            None => {
                department_of[code] = Some(departments.len());
                departments.push(name(code).to_string());
            }
        }
    }
    let mut size = vec![0u64; departments.len()];
    for (code, &n) in sizes.iter().enumerate() {
        if let Some(d) = department_of[code] {
            size[d] += n;
        }
    }
    // Departments below the rule's smallest published denominator are pooled.
    let kept: Vec<bool> = size.iter().map(|&n| n >= smallest).collect();
    let mut names = vec![ALL_ELIGIBLE.to_string()];
    let mut index_of = vec![0usize; departments.len()];
    for (d, department) in departments.iter().enumerate() {
        if kept[d] {
            index_of[d] = names.len();
            names.push(department.clone());
        }
    }
    if kept.iter().any(|k| !k) {
        let other = names.len();
        names.push(OTHER_DEPARTMENTS.to_string());
        for (d, k) in kept.iter().enumerate() {
            if !k {
                index_of[d] = other;
            }
        }
    }
    let mut members = vec![vec![false; codes.len()]; names.len()];
    members[0] = vec![true; codes.len()];
    for (row, &code) in codes.iter().enumerate() {
        if let Some(d) = department_of[code] {
            members[index_of[d]][row] = true;
        }
    }
    Some(Membership { names, members })
}
