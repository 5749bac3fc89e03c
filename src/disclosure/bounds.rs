//! What a reader can work out of each cell relation by relation: the
//! narrowest range its value must lie in, given every shown cell, that a
//! `<N` cell is 1..N-1, that a withheld one is 0 or at least N, and every
//! relation, applied again and again until nothing narrows. Fast, and a
//! superset of what a reader can reach; `audit.rs` then checks exactly.

use super::cells::{Cells, Relation, State};
pub use super::range::{Bounds, INFINITE};

const MAX_PASSES: usize = 10_000;

/// What a reader knows of a cell before any relation.
pub fn start(cells: &Cells, id: usize, threshold: u64) -> Bounds {
    let cell = &cells.cells[id];
    match cell.state {
        State::Shown => Bounds::exact(cell.value),
        State::Small => Bounds {
            lo: 1,
            hi: u128::from(threshold) - 1,
        },
        State::Secondary | State::Hidden | State::Implied => Bounds { lo: 0, hi: INFINITE },
    }
}

/// Each cell's range, narrowed relation by relation until nothing narrows.
pub fn reach(cells: &Cells, threshold: u64) -> Vec<Bounds> {
    let all: Vec<usize> = (0..cells.relations.len()).collect();
    reach_in(cells, &all, threshold).0
}

/// The ranges `relations` alone narrow their cells to (the other cells keep
/// what the reader knows of them before any relation). Over a component's
/// relations this is what the whole plan gives its withheld cells: every
/// other cell of those relations is shown.
/// With each range, the relation that last narrowed it (where to look for
/// a cell that would reopen it).
pub fn reach_in(cells: &Cells, relations: &[usize], threshold: u64) -> (Vec<Bounds>, Vec<Option<usize>>) {
    let n = u128::from(threshold);
    let mut bounds: Vec<Bounds> = (0..cells.cells.len())
        .map(|id| start(cells, id, threshold))
        .collect();
    let mut by: Vec<Option<usize>> = vec![None; cells.cells.len()];
    // A worklist: a relation is applied again only when one of its cells narrowed.
    let mut active = vec![false; cells.relations.len()];
    let mut queued = vec![false; cells.relations.len()];
    let mut queue: std::collections::VecDeque<usize> = std::collections::VecDeque::new();
    for &r in relations {
        active[r] = true;
        queued[r] = true;
        queue.push_back(r);
    }
    // Far above what real tables need; ranges are whole numbers that only
    // narrow, so this settles long before.
    let mut budget = MAX_PASSES.saturating_mul(relations.len().max(1));
    while let Some(r) = queue.pop_front() {
        queued[r] = false;
        if budget == 0 {
            break;
        }
        budget -= 1;
        for id in apply(&cells.relations[r], &mut bounds) {
            by[id] = Some(r);
            if cells.cells[id].state == State::Secondary {
                // A withheld count was not small, or it would show as <N.
                let b = &mut bounds[id];
                let (lo, hi) = (b.lo, b.hi);
                if lo >= 1 && lo < n {
                    b.narrow(n, hi);
                }
                if hi < n && hi >= 1 {
                    b.narrow(0, 0);
                }
            }
            for &other in cells.relations_of(id) {
                if active[other] && !queued[other] && other != r {
                    queued[other] = true;
                    queue.push_back(other);
                }
            }
        }
    }
    (bounds, by)
}

/// The range of c x for x in `b` (None: unbounded on that side).
fn term(c: i64, b: Bounds) -> (Option<i128>, Option<i128>) {
    let c = i128::from(c);
    let finite = |v: u128| (v < INFINITE).then_some(v as i128);
    let (lo, hi) = (finite(b.lo), finite(b.hi));
    if c >= 0 {
        (lo.map(|v| c * v), hi.map(|v| c * v))
    } else {
        (hi.map(|v| c * v), lo.map(|v| c * v))
    }
}

/// A sum of terms' ends, with how many of them were unbounded.
#[derive(Default, Clone, Copy)]
struct Side {
    finite: i128,
    unbounded: usize,
}

impl Side {
    fn add(&mut self, v: Option<i128>) {
        match v {
            Some(v) => self.finite += v,
            None => self.unbounded += 1,
        }
    }

    /// The side without one term's end.
    fn without(self, v: Option<i128>) -> Option<i128> {
        match v {
            Some(v) if self.unbounded == 0 => Some(self.finite - v),
            None if self.unbounded == 1 => Some(self.finite),
            _ => None,
        }
    }
}

/// Narrows each cell of one relation from the others; the cells it narrowed.
fn apply(relation: &Relation, bounds: &mut [Bounds]) -> Vec<usize> {
    let (mut min, mut max) = (Side::default(), Side::default());
    let ranges: Vec<(Option<i128>, Option<i128>)> = relation
        .terms
        .iter()
        .map(|&(id, c)| term(c, bounds[id]))
        .collect();
    for &(lo, hi) in &ranges {
        min.add(lo);
        max.add(hi);
    }
    let mut narrowed = Vec::new();
    for (&(id, c), &(lo, hi)) in relation.terms.iter().zip(&ranges) {
        // c x = -(the others), or c x <= -(the others).
        let upper = min.without(lo).map(|v| -v);
        let lower = if relation.equal {
            max.without(hi).map(|v| -v)
        } else {
            None
        };
        let c = i128::from(c);
        let (x_lo, x_hi) = if c > 0 {
            (lower.map(|v| div_ceil(v, c)), upper.map(|v| div_floor(v, c)))
        } else {
            (upper.map(|v| div_ceil(v, c)), lower.map(|v| div_floor(v, c)))
        };
        let to_bound = |v: i128| v.clamp(0, INFINITE as i128) as u128;
        if bounds[id].narrow(x_lo.map_or(0, to_bound), x_hi.map_or(INFINITE, to_bound)) {
            narrowed.push(id);
        }
    }
    narrowed
}

fn div_floor(a: i128, b: i128) -> i128 {
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

fn div_ceil(a: i128, b: i128) -> i128 {
    -div_floor(-a, b)
}
