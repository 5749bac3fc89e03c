//! The sums a reader can form from published counts, added to the cells
//! under the threshold rule: All eligible as its groups, overlapping groups
//! bounded by each other, and a total as its shown parts.

use super::cells::{Cells, Key};
use super::records::raw;
use crate::metrics::groups::{ALL_ELIGIBLE, NOT_IN_ANY};
use crate::metrics::model::Count;
/// Adds, for each item, the sum "All eligible = the other groups" (the sum
/// is kept only where the data make it hold, as with one target group).
pub(super) fn partition(cells: &mut Cells, groups: &[String], item_keys: impl Fn(&str) -> Vec<Key>) {
    let Some((all, parts)) = groups.split_first() else {
        return;
    };
    if all != ALL_ELIGIBLE || parts.is_empty() {
        return;
    }
    let part_keys: Vec<Vec<Key>> = parts.iter().map(|g| item_keys(g)).collect();
    for (i, total_key) in item_keys(all).into_iter().enumerate() {
        let Some(total) = cells.id(&total_key) else {
            continue;
        };
        let ids: Option<Vec<usize>> = part_keys
            .iter()
            .map(|keys| keys.get(i).and_then(|k| cells.id(k)))
            .collect();
        let Some(ids) = ids else { continue };
        cells.sum(total, &ids);
        overlap(cells, parts, total, &ids);
    }
}

/// What a reader knows of overlapping groups: a target group and the
/// students in none never outnumber All eligible, and All eligible never
/// outnumbers its target groups and the students in none together.
pub(super) fn overlap(cells: &mut Cells, groups: &[String], all: usize, ids: &[usize]) {
    let Some(none) = groups.iter().position(|g| g == NOT_IN_ANY).map(|k| ids[k]) else {
        return;
    };
    for &group in ids.iter().filter(|&&id| id != none) {
        cells.at_most(&[group, none], &[all]);
    }
    cells.at_most(&[all], ids);
}

/// Registers each (key, count) as shown and records that they add up to `total`.
pub(super) fn shown_sum(cells: &mut Cells, total: usize, parts: impl Iterator<Item = (Key, Count)>) {
    let ids: Vec<usize> = parts.map(|(key, count)| cells.shown(key, raw(count))).collect();
    cells.sum(total, &ids);
}
