//! The cells and sums of a model under the threshold rule: every published
//! count, the complements a reader can form from them, and the totals they
//! add up to, each family's registered by its own file; then solved.

use super::cells::Cells;
use crate::metrics::model::Metrics;

/// Every count of `m` as a cell, every total as a sum, solved for `threshold`.
pub fn solve(m: &Metrics, threshold: u64) -> Cells {
    let mut cells = Cells::default();
    super::uptake::register(&mut cells, m);
    super::outcomes::register(&mut cells, m);
    super::relationships::register(&mut cells, m);
    super::relationships::register_retention(&mut cells, m);
    super::mentors::register(&mut cells, m);
    super::surveys::register(&mut cells, m);
    super::comparison::register(&mut cells, m);
    super::lasting::register(&mut cells, m);
    super::quality::register(&mut cells, m);
    cells.solve(threshold);
    super::relationships::cut_curves(&mut cells, m);
    cells
}
