//! Group membership: All eligible, each configured target group (config
//! order), and Not in any target group.

use crate::config::TargetGroups;
use crate::ingest::cohort::Cohort;

pub use crate::config::{ALL_ELIGIBLE, NOT_IN_ANY};

/// Which students are in which group; `members[g][row]`.
#[derive(Debug, Clone)]
pub struct Membership {
    pub names: Vec<String>,
    pub members: Vec<Vec<bool>>,
}

/// Evaluates the target-group rules: trimmed text compared case-insensitively;
/// an empty cell means "not in the group".
pub fn membership(cohort: &Cohort, groups: &TargetGroups) -> Membership {
    let rows = cohort.len();
    let mut names = vec![ALL_ELIGIBLE.to_string()];
    let mut members = vec![vec![true; rows]];
    let mut in_any = vec![false; rows];
    for (name, rule) in &groups.0 {
        let wanted: Vec<String> = rule.values.iter().map(|v| comparable(v)).collect();
        let in_group: Vec<bool> = match cohort.column(&rule.column) {
            Some(column) => {
                // The rule is evaluated once per distinct value.
                let value_in_group: Vec<bool> = column
                    .values()
                    .iter()
                    .map(|v| wanted.contains(&comparable(v)))
                    .collect();
                column
                    .codes()
                    .map(|code| code.is_some_and(|c| value_in_group[c as usize]))
                    .collect()
            }
            None => vec![false; rows],
        };
        for (any, member) in in_any.iter_mut().zip(&in_group) {
            *any |= *member;
        }
        names.push(name.clone());
        members.push(in_group);
    }
    names.push(NOT_IN_ANY.to_string());
    members.push(in_any.iter().map(|a| !a).collect());
    Membership { names, members }
}

/// A value as a rule compares it: trimmed and lower-cased, a number as its
/// shortest text (inputs.md: `1.0` is `"1"`, so a CSV's "2.0" quintile
/// matches a rule's 2).
fn comparable(value: &str) -> String {
    let v = value.trim().to_lowercase();
    match v.parse::<f64>() {
        Ok(n) if n.is_finite() => crate::config::number_text(n),
        _ => v,
    }
}
