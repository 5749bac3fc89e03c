//! Secondary suppression under the threshold rule: every count of the
//! published model is a cell, and every relation a reader can know between
//! counts (a total and its parts, a weighted total, a count that cannot
//! exceed another) is a linear relation between cells. No count of 1..N-1
//! may be pinned down, nor narrowed inside 1..N-1, from what is shown.
//!
//! A reader knows each shown cell, that a `<N` cell is 1..N-1, and every
//! relation; from those they can narrow each cell to a range (`bounds.rs`
//! does it relation by relation, `audit.rs` exactly, by linear
//! programming). Wherever a withheld count's range gives too much away,
//! `solve` withholds one more shown cell of a relation that holds it (the
//! smallest non-zero count, then the earliest registered, which is config
//! order), and looks again.

use std::collections::{BTreeMap, BTreeSet};

use super::range::{Bounds, INFINITE};

pub use super::keys::Key;

/// The key under which another count of `key`'s name is registered (a pair
/// count that differs from the matched stage's, say).
fn other_count(key: &Key) -> Key {
    Key::Other(Box::new(key.clone()))
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
    /// A count of 1..N-1 withheld whole (`..`, not `<N`): the `<N` counts
    /// of a relation would pin it (a `<3` total of two `<3` parts is 2).
    Hidden,
    /// Never published (the complement of a subset, say), but a reader may derive it.
    Implied,
}

#[derive(Debug)]
pub(super) struct Cell {
    pub value: u64,
    pub published: bool,
    pub state: State,
}

/// A linear relation between cells that a reader can know: the sum of
/// coefficient x cell is 0 (`equal`) or at most 0.
#[derive(Debug)]
pub(super) struct Relation {
    pub terms: Vec<(usize, i64)>,
    pub equal: bool,
}

/// The cells and relations of one published model.
#[derive(Debug, Default)]
pub struct Cells {
    index: BTreeMap<Key, usize>,
    pub(super) cells: Vec<Cell>,
    pub(super) relations: Vec<Relation>,
    /// Cells the exact audit withheld beyond what relation-by-relation narrowing found.
    pub audited: usize,
    /// The relations each cell is in (built by `solve`).
    pub(super) by_cell: Vec<Vec<usize>>,
    /// Each cell's range before any shown count (`inherent_ranges`).
    pub(super) inherent: Vec<Bounds>,
    /// Whether each relation holds no shown count but zeros (`inherent_ranges`).
    pub(super) inherent_relation: Vec<bool>,
    /// Keys asked for that no family registered (each withheld: fail
    /// closed); a figure asking for one names a count the plan left out.
    unregistered: std::cell::RefCell<BTreeSet<Key>>,
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

    /// One fact, one cell: a published count that is the same fact as the
    /// registered `same` (a wave's duplicates in the data-quality table, a
    /// sector's pairs in two records) is that cell, withheld everywhere or
    /// nowhere. When the values differ they are different facts, and `key`
    /// gets a cell of its own.
    pub fn same_as(&mut self, key: Key, value: u64, same: &Key) -> usize {
        match self.id(same) {
            Some(id) if self.cells[id].value == value && !self.index.contains_key(&key) => {
                self.cells[id].published = true;
                self.index.insert(key, id);
                id
            }
            _ => self.shown(key, value),
        }
    }

    /// The id of `key`, if registered.
    pub fn id(&self, key: &Key) -> Option<usize> {
        self.index.get(key).copied()
    }

    /// The value of a cell.
    pub fn value(&self, id: usize) -> u64 {
        self.cells[id].value
    }

    pub(super) fn holds(&self, terms: &[(usize, i64)], equal: bool) -> bool {
        let total: i128 = terms
            .iter()
            .map(|&(id, c)| i128::from(c) * i128::from(self.cells[id].value))
            .sum();
        if equal { total == 0 } else { total <= 0 }
    }

    /// Records a relation a reader can know. One that does not hold in the
    /// data is no help to a reader, so it is not recorded.
    fn relate(&mut self, mut terms: Vec<(usize, i64)>, equal: bool) {
        // One term per cell (one fact may sit on both sides), none with a 0.
        terms.sort_unstable_by_key(|&(id, _)| id);
        terms.dedup_by(|later, first| {
            let same = later.0 == first.0;
            if same {
                first.1 += later.1;
            }
            same
        });
        terms.retain(|&(_, c)| c != 0);
        if terms.len() > 1 && self.holds(&terms, equal) {
            self.relations.push(Relation { terms, equal });
        }
    }

    /// `total` = the sum of `parts`.
    pub fn sum(&mut self, total: usize, parts: &[usize]) {
        let weighted: Vec<(usize, i64)> = parts.iter().map(|&p| (p, 1)).collect();
        self.weighted_sum(total, &weighted);
    }

    /// `total` = the sum of weight x part (mentors by their number of
    /// mentees, times that number, are the matched mentees).
    pub fn weighted_sum(&mut self, total: usize, parts: &[(usize, i64)]) {
        if parts.is_empty() {
            return;
        }
        let mut terms = vec![(total, 1)];
        terms.extend(parts.iter().map(|&(p, w)| (p, -w)));
        self.relate(terms, true);
    }

    /// The sum of `parts` is at most the sum of `totals` (a target group and
    /// the students in none never outnumber the cohort, even when groups
    /// overlap; the cohort never outnumbers its groups and the students in none).
    pub fn at_most(&mut self, parts: &[usize], totals: &[usize]) {
        let mut terms: Vec<(usize, i64)> = parts.iter().map(|&p| (p, 1)).collect();
        terms.extend(totals.iter().map(|&t| (t, -1)));
        self.relate(terms, false);
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
            None => {
                self.unregistered.borrow_mut().insert(key.clone());
                State::Secondary
            }
        }
    }

    /// The keys asked for that no family registered.
    pub fn unregistered(&self) -> Vec<Key> {
        self.unregistered.borrow().iter().cloned().collect()
    }

    /// Withholds a shown cell (withholding more never gives anything away).
    pub fn withhold(&mut self, id: usize) {
        if self.cells[id].state == State::Shown {
            self.cells[id].state = State::Secondary;
        }
    }

    /// A count of 1..N-1: one a reader must not learn.
    pub(super) fn sensitive(&self, id: usize, threshold: u64) -> bool {
        let value = self.cells[id].value;
        value > 0 && value < threshold
    }

    /// Whether a reader who narrowed cell `id` to `range` learns too much:
    /// a small count pinned down, a `<N` count narrowed inside 1..N-1, or a
    /// withheld count pinned down.
    pub(super) fn gives_away(&self, id: usize, range: Bounds, threshold: u64) -> bool {
        let own = self.inherent.get(id).copied();
        self.gives_away_beyond(id, range, own, threshold)
    }

    /// As `gives_away`, against `own`: what cell `id` gives away whatever is shown.
    pub(super) fn gives_away_beyond(
        &self,
        id: usize,
        range: Bounds,
        own: Option<Bounds>,
        threshold: u64,
    ) -> bool {
        let cell = &self.cells[id];
        let pinned = range.lo == range.hi;
        match cell.state {
            State::Shown => false,
            State::Small => {
                // Only what withholding more could have kept open: several
                // `<N` parts of a `<N` total tell that it is at least their
                // number, whatever else is shown.
                let own = own.unwrap_or(Bounds { lo: 1, hi: INFINITE });
                range.lo > own.lo.max(1) || range.hi < own.hi.min(u128::from(threshold - 1))
            }
            // A withheld 0 worked out gives no count away.
            State::Secondary | State::Hidden => pinned && cell.value > 0,
            State::Implied => pinned && self.sensitive(id, threshold) && own.is_none_or(|b| b.lo < b.hi),
        }
    }

    /// The relations cell `id` is in.
    pub(super) fn relations_of(&self, id: usize) -> &[usize] {
        self.by_cell.get(id).map_or(&[], Vec::as_slice)
    }

    /// Whether a cell is withheld or never published.
    pub(super) fn open(&self, id: usize) -> bool {
        self.cells[id].state != State::Shown
    }

    /// The open cells joined to `id` through relations, and those relations
    /// (every other cell of them is shown), each sorted.
    pub(super) fn component(&self, id: usize) -> (Vec<usize>, Vec<usize>) {
        let mut members = vec![id];
        let mut relations = Vec::new();
        let mut seen_cells = vec![false; self.cells.len()];
        let mut seen_relations = vec![false; self.relations.len()];
        seen_cells[id] = true;
        let mut next = 0;
        while next < members.len() {
            let cell = members[next];
            next += 1;
            for &r in self.relations_of(cell) {
                if std::mem::replace(&mut seen_relations[r], true) {
                    continue;
                }
                relations.push(r);
                for &(other, _) in &self.relations[r].terms {
                    if self.open(other) && !std::mem::replace(&mut seen_cells[other], true) {
                        members.push(other);
                    }
                }
            }
        }
        members.sort_unstable();
        relations.sort_unstable();
        (members, relations)
    }
}
