//! Secondary suppression under the threshold rule: every count of the
//! published model is a cell, every published total a sum of cells, and no
//! count of 1..N-1 may be derivable from what is shown.
//!
//! A reader who sees some cells of a sum can compute the one missing cell;
//! with what they computed they may complete another sum, and so on. `solve`
//! follows that chain to its end (the closure), and wherever it reaches a
//! small count it withholds one more shown cell of the sum that gave it away:
//! the smallest count, then the earliest registered (config order). Repeat
//! until the chain reaches no small count.

use std::collections::BTreeMap;

/// Which count a cell is: (family, group, item), e.g. ("stage", "All eligible", "matched").
pub type Key = (&'static str, String, String);

/// Builds a key.
pub fn key(family: &'static str, group: &str, item: impl Into<String>) -> Key {
    (family, group.to_string(), item.into())
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
            let mut other = key;
            other.2.push_str("\u{1f}other");
            return self.cell(other, value, published);
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
            Some(_) => {
                let mut other = key.clone();
                other.2.push_str("\u{1f}other");
                self.state(&other, value)
            }
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
        // Each round withholds one more shown cell, so this ends.
        while let Some(leak) = self.first_leak(threshold) {
            match self.extra_cell(leak) {
                Some(id) => self.cells[id].state = State::Secondary,
                None => break,
            }
        }
    }

    /// What a reader can compute: for each cell, the sum that gave it (None:
    /// shown; Some(usize::MAX): unknown).
    fn closure(&self) -> Vec<Option<usize>> {
        const UNKNOWN: Option<usize> = Some(usize::MAX);
        let mut how: Vec<Option<usize>> = self
            .cells
            .iter()
            .map(|c| if c.state == State::Shown { None } else { UNKNOWN })
            .collect();
        let mut changed = true;
        while changed {
            changed = false;
            for (s, sum) in self.sums.iter().enumerate() {
                let mut unknown = sum.iter().filter(|&&id| how[id] == UNKNOWN);
                if let (Some(&only), None) = (unknown.next(), unknown.next()) {
                    how[only] = Some(s);
                    changed = true;
                }
            }
        }
        how
    }

    /// The first sensitive cell a reader can derive, with the sum that gave it.
    fn first_leak(&self, threshold: u64) -> Option<(usize, usize)> {
        let how = self.closure();
        (0..self.cells.len()).find_map(|id| match how[id] {
            Some(s) if s != usize::MAX && self.sensitive(id, threshold) => Some((id, s)),
            _ => None,
        })
    }

    /// The cell to withhold against a leak: the smallest shown cell of the
    /// sum that gave it away, else of the sums that gave away its other cells.
    fn extra_cell(&self, (leaked, sum): (usize, usize)) -> Option<usize> {
        let how = self.closure();
        let mut queue = vec![sum];
        let mut seen = vec![sum];
        while let Some(s) = queue.pop() {
            let candidate = self.sums[s]
                .iter()
                .copied()
                .filter(|&id| id != leaked && self.cells[id].state == State::Shown)
                .min_by_key(|&id| (self.cells[id].value, id));
            if candidate.is_some() {
                return candidate;
            }
            for &id in &self.sums[s] {
                if let Some(from) = how[id].filter(|&f| f != usize::MAX && !seen.contains(&f)) {
                    seen.push(from);
                    queue.insert(0, from);
                }
            }
        }
        None
    }
}
