//! What every family's published records share: a count's raw value and
//! the rule that an adjusted p-value equal to a withheld one is withheld.
//! Each family's records are published field by field in its own file
//! (uptake.rs, relationships.rs, ...), every record destructured whole (no
//! `..`): a field added to the model does not compile until it has a rule.

use super::release::{Fields, Of, Release};
use crate::metrics::model::Count;

pub(super) fn raw(count: Count) -> u64 {
    count.value().unwrap_or(0)
}

/// Adjusted p-values (Benjamini-Hochberg) copy the scaled p-value of the
/// test that sets them: one equal to a withheld test's would give it away.
pub(super) fn adjusted_shown(p_adjusted: Option<f64>, shown: bool, withheld: &[f64]) -> bool {
    shown && p_adjusted.is_none_or(|p| !withheld.contains(&p))
}

pub(super) fn f_count(
    f: &mut Fields,
    release: &Release,
    key: super::cells::Key,
    count: Count,
    name: &'static str,
) -> Count {
    f.count(release, &Of(key, count), name)
}
