//! What makes relationships last (metrics.md §7), published field by field:
//! the wait from registration to match (its students a count, its median
//! and quartiles statistics over them).

use super::plan::keys;
use super::precision::Precision::Decimal;
use super::release::{Fields, Of, Release};
use crate::metrics::model::{Count, MatchWaitRecord};

fn raw(count: Count) -> u64 {
    count.value().unwrap_or(0)
}

pub fn match_wait(r: &MatchWaitRecord, release: &Release, secondary: &mut usize) -> MatchWaitRecord {
    let MatchWaitRecord {
        group,
        students,
        median_days,
        q1_days,
        q3_days,
        suppressed: _,
    } = r;
    let mut f = Fields::default();
    let n = Of(keys::match_wait(group), *students);
    let shown = release.statistic(&[&n], raw(*students));
    let published = MatchWaitRecord {
        group: group.clone(),
        students: Count::Exact(0),
        median_days: f.figure(*median_days, shown, "median_days", Decimal),
        q1_days: f.figure(*q1_days, shown, "q1_days", Decimal),
        q3_days: f.figure(*q3_days, shown, "q3_days", Decimal),
        suppressed: Vec::new(),
    };
    MatchWaitRecord {
        students: f.count(release, &n, "students"),
        suppressed: f.finish(secondary),
        ..published
    }
}
