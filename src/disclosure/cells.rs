//! Secondary suppression under the threshold rule: every count of the
//! published model is a cell, every published total a sum of cells, and no
//! count of 1..N-1 may be pinned down from what is shown.
//!
//! A reader knows each shown cell, that a `<N` cell is 1..N-1, that a
//! withheld cell is 0 or at least N, and every sum; from those they can
//! narrow each cell to a range, sum by sum, until nothing narrows further
//! (`bounds`). Wherever a small count's range closes to one value, `solve`
//! withholds one more shown cell of a sum that holds it (the smallest
//! non-zero count, then the earliest registered, which is config order),
//! and looks again, until no small count can be pinned down.

use std::collections::BTreeMap;

/// Which count a cell is: (family, group, item), e.g. ("stage", "All eligible", "matched").
pub type Key = (&'static str, String, String);

/// Builds a key.
pub fn key(family: &'static str, group: &str, item: impl Into<String>) -> Key {
    (family, group.to_string(), item.into())
}

/// The key under which another count of `key`'s name is registered (a pair
/// count that differs from the matched stage's, say).
fn other_count(key: &Key) -> Key {
    let (family, group, item) = key;
    (family, group.clone(), format!("{item}\u{1f}other"))
}

/// What a cell is published as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Published as it is.
    Shown,
    /// A count of 1..N-1: published as `<N`.
    Small,
    /// Withheld so that a small count cannot be derived.
    Secondary,
    /// Never published (the complement of a subset, say), but a reader may derive it.
    Implied,
}

#[derive(Debug)]
struct Cell {
    value: u64,
    published: bool,
    state: State,
}

/// The cells and sums of one published model.
#[derive(Debug, Default)]
pub struct Cells {
    index: BTreeMap<Key, usize>,
    cells: Vec<Cell>,
    /// Each sum as [total, parts...].
    sums: Vec<Vec<usize>>,
}

impl Cells {
    /// The cell of `key` (created on first use). A key registered again with
    /// another value is a different count: it gets a cell of its own.
    pub fn cell(&mut self, key: Key, value: u64, published: bool) -> usize {
        if let Some(&id) = self.index.get(&key) {
            if self.cells[id].value == value {
                self.cells[id].published |= published;
                return id;
            }
            return self.cell(other_count(&key), value, published);
        }
        let id = self.cells.len();
        self.cells.push(Cell {
            value,
            published,
            state: State::Shown,
        });
        self.index.insert(key, id);
        id
    }

    /// A published count.
    pub fn shown(&mut self, key: Key, value: u64) -> usize {
        self.cell(key, value, true)
    }

    /// A count nobody publishes but a reader could derive.
    pub fn implied(&mut self, key: Key, value: u64) -> usize {
        self.cell(key, value, false)
    }

    /// The id of `key`, if registered.
    pub fn id(&self, key: &Key) -> Option<usize> {
        self.index.get(key).copied()
    }

    /// The value of a cell.
    pub fn value(&self, id: usize) -> u64 {
        self.cells[id].value
    }

    /// `total` = the sum of `parts`. A sum that does not hold in the data is
    /// no help to a reader, so it is not recorded.
    pub fn sum(&mut self, total: usize, parts: &[usize]) {
        let sum: u64 = parts.iter().map(|&p| self.cells[p].value).sum();
        if parts.is_empty() || sum != self.cells[total].value {
            return;
        }
        let mut equation = vec![total];
        equation.extend_from_slice(parts);
        self.sums.push(equation);
    }

    /// `total` = `part` + an implied complement (registered under `complement`).
    pub fn subset(&mut self, total: usize, part: usize, complement: Key) {
        let (t, p) = (self.cells[total].value, self.cells[part].value);
        if let Some(rest) = t.checked_sub(p) {
            let rest = self.implied(complement, rest);
            self.sum(total, &[part, rest]);
        }
    }

    /// What the count `value` of `key` is published as (as `cell` does, a
    /// key with another value names another cell; a count nobody registered
    /// is withheld: fail closed).
    pub fn state(&self, key: &Key, value: u64) -> State {
        match self.index.get(key) {
            Some(&id) if self.cells[id].value == value => self.cells[id].state,
            Some(_) => self.state(&other_count(key), value),
            None => State::Secondary,
        }
    }

    /// Withholds a shown cell (withholding more never gives anything away).
    pub fn withhold(&mut self, id: usize) {
        if self.cells[id].state == State::Shown {
            self.cells[id].state = State::Secondary;
        }
    }

    fn sensitive(&self, id: usize, threshold: u64) -> bool {
        let value = self.cells[id].value;
        value > 0 && value < threshold
    }

    /// Applies the threshold rule: small counts are `Small`, and enough other
    /// cells are `Secondary` that no sensitive cell can be derived.
    pub fn solve(&mut self, threshold: u64) {
        for id in 0..self.cells.len() {
            let sensitive = self.sensitive(id, threshold);
            let cell = &mut self.cells[id];
            cell.state = match (cell.published, sensitive) {
                (false, _) => State::Implied,
                (true, true) => State::Small,
                (true, false) => State::Shown,
            };
        }
        // Each round withholds one more shown cell or gives up on one leak
        // that no shown non-zero cell can reopen (zeros alone pin it), so
        // this ends.
        let mut beyond_help = Vec::new();
        while let Some(leak) = self.first_leak(threshold, &beyond_help) {
            match self.extra_cell(leak, threshold) {
                Some(id) => self.cells[id].state = State::Secondary,
                None => beyond_help.push(leak),
            }
        }
    }

    /// What a reader can work out of each cell: the narrowest range its
    /// value must lie in, given every shown cell, that a `<N` cell is 1..N-1,
    /// that a withheld one is 0 or at least N, and every sum.
    fn bounds(&self, threshold: u64) -> Vec<Bounds> {
        let threshold = u128::from(threshold);
        let mut bounds: Vec<Bounds> = self
            .cells
            .iter()
            .map(|c| match c.state {
                State::Shown => Bounds::exact(c.value),
                State::Small => Bounds {
                    lo: 1,
                    hi: threshold - 1,
                },
                State::Secondary | State::Implied => Bounds { lo: 0, hi: INFINITE },
            })
            .collect();
        // Each pass can only narrow a range; ranges are whole numbers, so
        // this settles. The cap is far above what real tables need.
        for _ in 0..MAX_PASSES {
            let mut changed = false;
            for sum in &self.sums {
                let (total, parts) = (sum[0], &sum[1..]);
                let parts_lo: u128 = parts.iter().map(|&p| bounds[p].lo).sum();
                let parts_hi: u128 = parts.iter().map(|&p| bounds[p].hi).sum();
                changed |= bounds[total].narrow(parts_lo, parts_hi);
                let t = bounds[total];
                for &p in parts {
                    let others_lo = parts_lo - bounds[p].lo;
                    let others_hi = parts_hi - bounds[p].hi;
                    changed |=
                        bounds[p].narrow(t.lo.saturating_sub(others_hi), t.hi.saturating_sub(others_lo));
                }
            }
            for (b, cell) in bounds.iter_mut().zip(&self.cells) {
                // A withheld count was not small, or it would show as <N.
                if cell.state == State::Secondary {
                    let (lo, hi) = (b.lo, b.hi);
                    if lo >= 1 && lo < threshold {
                        changed |= b.narrow(threshold, hi);
                    }
                    if hi < threshold && hi >= 1 {
                        changed |= b.narrow(0, 0);
                    }
                }
            }
            if !changed {
                break;
            }
        }
        bounds
    }

    /// The first small count (shown as `<N`, or never published) a reader
    /// can pin down exactly. A count withheld for another's sake is at
    /// least N: working it out gives nothing small away, and protecting it
    /// too would spread withholding across whole tables.
    fn first_leak(&self, threshold: u64, skip: &[usize]) -> Option<usize> {
        let bounds = self.bounds(threshold);
        (0..self.cells.len())
            .filter(|id| !skip.contains(id))
            .find(|&id| self.sensitive(id, threshold) && bounds[id].lo == bounds[id].hi)
    }

    /// The cell to withhold against a leak: among the non-zero shown cells
    /// of the sums that hold the leaked one (else of the sums next to
    /// those), the smallest whose withholding leaves the leak open to more
    /// than one value; failing that, the smallest, and the next round goes
    /// on. A zero is never withheld: a reader who knows a withheld count is
    /// 0 or at least N can often tell it is 0.
    fn extra_cell(&mut self, leaked: usize, threshold: u64) -> Option<usize> {
        let mut cells_reached = vec![leaked];
        let mut sums_seen = vec![false; self.sums.len()];
        while !cells_reached.is_empty() {
            let sums: Vec<usize> = (0..self.sums.len())
                .filter(|&s| !sums_seen[s] && self.sums[s].iter().any(|c| cells_reached.contains(c)))
                .collect();
            if sums.is_empty() {
                return None;
            }
            let members: Vec<usize> = sums.iter().flat_map(|&s| self.sums[s].iter().copied()).collect();
            let mut candidates: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&id| self.cells[id].state == State::Shown && self.cells[id].value > 0)
                .collect();
            candidates.sort_by_key(|&id| (self.cells[id].value, id));
            candidates.dedup();
            let closes = candidates.iter().copied().find(|&id| {
                self.cells[id].state = State::Secondary;
                let bounds = self.bounds(threshold)[leaked];
                self.cells[id].state = State::Shown;
                bounds.lo < bounds.hi
            });
            if let Some(id) = closes.or(candidates.first().copied()) {
                return Some(id);
            }
            for s in sums {
                sums_seen[s] = true;
            }
            cells_reached = members;
        }
        None
    }
}

/// "No upper bound": larger than any sum of counts.
const INFINITE: u128 = 1 << 100;
const MAX_PASSES: usize = 10_000;

/// The range a reader can narrow a cell's value to.
#[derive(Debug, Clone, Copy)]
struct Bounds {
    lo: u128,
    hi: u128,
}

impl Bounds {
    fn exact(value: u64) -> Bounds {
        Bounds {
            lo: u128::from(value),
            hi: u128::from(value),
        }
    }

    /// Intersects with [lo, hi]; whether the range changed.
    fn narrow(&mut self, lo: u128, hi: u128) -> bool {
        let (old_lo, old_hi) = (self.lo, self.hi);
        self.lo = self.lo.max(lo);
        self.hi = self.hi.min(hi).max(self.lo);
        (self.lo, self.hi) != (old_lo, old_hi)
    }
}
