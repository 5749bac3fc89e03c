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

use std::collections::BTreeMap;

use super::bounds::{self, Bounds, INFINITE};

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
    by_cell: Vec<Vec<usize>>,
    /// Each cell's range before any shown count (`inherent_ranges`).
    pub(super) inherent: Vec<Bounds>,
    /// Whether each relation holds no shown count but zeros (`inherent_ranges`).
    pub(super) inherent_relation: Vec<bool>,
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

    fn holds(&self, terms: &[(usize, i64)], equal: bool) -> bool {
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
            None => State::Secondary,
        }
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

    /// What the `<N` counts and the unpublished ones give away among
    /// themselves, before any shown count: relations whose every cell is
    /// `<N`, never published, or a shown 0. No withholding can undo that.
    fn inherent_ranges(&mut self, threshold: u64) -> (Vec<Bounds>, Vec<Option<usize>>) {
        self.inherent_relation = self
            .relations
            .iter()
            .map(|relation| {
                relation.terms.iter().all(|&(id, _)| {
                    let cell = &self.cells[id];
                    cell.state != State::Shown || cell.value == 0
                })
            })
            .collect();
        let inherent: Vec<usize> = (0..self.relations.len())
            .filter(|&r| self.inherent_relation[r])
            .collect();
        bounds::reach_in(self, &inherent, threshold)
    }

    /// Hides (`..`) a `<N` count of each relation whose `<N` counts alone
    /// pin one of them, the largest first, until none is pinned; the ranges
    /// that are left are what the `<N` counts give away among themselves.
    fn hide_pinned(&mut self, threshold: u64) -> Vec<Bounds> {
        loop {
            let (ranges, by) = self.inherent_ranges(threshold);
            // The first pinned cell whose narrowing relation holds a `<N`
            // count to hide (one without is passed over, not the end).
            let hide = (0..self.cells.len())
                .filter(|&id| {
                    let cell = &self.cells[id];
                    let small = cell.state == State::Small
                        || (cell.state == State::Implied && self.sensitive(id, threshold));
                    small && ranges[id].lo == ranges[id].hi
                })
                .find_map(|id| {
                    self.relations[by[id]?]
                        .terms
                        .iter()
                        .map(|&(c, _)| c)
                        .filter(|&c| self.cells[c].state == State::Small)
                        .max_by_key(|&c| (self.cells[c].value, std::cmp::Reverse(c)))
                });
            match hide {
                Some(id) => self.cells[id].state = State::Hidden,
                None => return ranges,
            }
        }
    }

    /// Applies the threshold rule: small counts are `Small`, and enough other
    /// cells are `Secondary` that no withheld count gives anything away,
    /// first by narrowing relation by relation, then by the exact audit.
    /// Withholding a cell only ever widens what a reader can reach, so a
    /// leak once closed stays closed: the leaks are found once, and each is
    /// closed within the cells joined to it.
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
        self.by_cell = vec![Vec::new(); self.cells.len()];
        for (r, relation) in self.relations.iter().enumerate() {
            for &(id, _) in &relation.terms {
                if self.by_cell[id].last() != Some(&r) {
                    self.by_cell[id].push(r);
                }
            }
        }
        self.inherent = self.hide_pinned(threshold);
        let reach = bounds::reach(self, threshold);
        let leaks: Vec<usize> = (0..self.cells.len())
            .filter(|&id| self.gives_away(id, reach[id], threshold))
            .collect();
        for leak in leaks {
            self.close(leak, threshold, false);
        }
        // Cells the audit withholds are checked in turn, until a pass finds
        // nothing it can close.
        loop {
            let before = self.audited;
            for leak in super::audit::leaks(self, threshold) {
                self.audited += self.close(leak, threshold, true);
            }
            if self.audited == before {
                break;
            }
        }
    }

    /// Withholds cells until `leak` gives nothing away (checked exactly, or
    /// relation by relation), or no shown cell can help; how many it withheld.
    fn close(&mut self, leak: usize, threshold: u64, exact: bool) -> usize {
        let mut withheld = 0;
        while let Some(binding) = self.leak_through(leak, threshold, exact) {
            let still_leaks = |cells: &Cells, id: usize| cells.leak_through(id, threshold, exact).is_some();
            match self.extra_cell(leak, binding, &still_leaks) {
                Some(id) => {
                    self.cells[id].state = State::Secondary;
                    withheld += 1;
                }
                // Zeros alone pin it: nothing shown can reopen it.
                None => break,
            }
        }
        withheld
    }

    /// Whether cell `id` still gives something away, and if so the relation
    /// that narrowed it last (when known: narrowing relation by relation).
    fn leak_through(&self, id: usize, threshold: u64, exact: bool) -> Option<Option<usize>> {
        let (members, relations) = self.component(id);
        if exact {
            super::audit::leaks_in(self, id, &members, &relations, threshold).then_some(None)
        } else {
            let (reach, by) = bounds::reach_in(self, &relations, threshold);
            self.gives_away(id, reach[id], threshold).then_some(by[id])
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

    /// The cell to withhold against a leak: among the non-zero shown cells
    /// of the relations that hold the leaked one (else of the relations next
    /// to those), the smallest whose withholding stops the leak (by
    /// `still_leaks`); failing that, the smallest, and the next round goes
    /// on. A zero is never withheld: a reader who knows a withheld count is
    /// 0 or at least N can often tell it is 0.
    fn extra_cell(
        &mut self,
        leaked: usize,
        binding: Option<usize>,
        still_leaks: &dyn Fn(&Cells, usize) -> bool,
    ) -> Option<usize> {
        if let Some(r) = binding {
            let members: Vec<usize> = self.relations[r].terms.iter().map(|&(c, _)| c).collect();
            if let Some(id) = self.try_candidates(&members, leaked, still_leaks) {
                return Some(id);
            }
        }
        let mut cells_reached = vec![leaked];
        let mut seen = vec![false; self.relations.len()];
        while !cells_reached.is_empty() {
            let mut relations: Vec<usize> = cells_reached
                .iter()
                .flat_map(|&c| self.by_cell[c].iter().copied())
                .filter(|&r| !seen[r])
                .collect();
            relations.sort_unstable();
            relations.dedup();
            if relations.is_empty() {
                return None;
            }
            let members: Vec<usize> = relations
                .iter()
                .flat_map(|&r| self.relations[r].terms.iter().map(|&(c, _)| c))
                .collect();
            if let Some(id) = self.try_candidates(&members, leaked, still_leaks) {
                return Some(id);
            }
            for r in relations {
                seen[r] = true;
            }
            cells_reached = members;
        }
        None
    }

    /// Among the shown non-zero `members`, the smallest of the first few
    /// whose withholding stops the leak; failing that, the smallest (the
    /// next round goes on). None when there is no such cell.
    fn try_candidates(
        &mut self,
        members: &[usize],
        leaked: usize,
        still_leaks: &dyn Fn(&Cells, usize) -> bool,
    ) -> Option<usize> {
        // Trying every candidate costs a solve each; the few smallest are
        // nearly always enough.
        const TRIED: usize = 4;
        let mut candidates: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&id| self.cells[id].state == State::Shown && self.cells[id].value > 0)
            .collect();
        candidates.sort_by_key(|&id| (self.cells[id].value, id));
        candidates.dedup();
        let closes = candidates.iter().take(TRIED).copied().find(|&id| {
            self.cells[id].state = State::Secondary;
            let leaks = still_leaks(self, leaked);
            self.cells[id].state = State::Shown;
            !leaks
        });
        closes.or(candidates.first().copied())
    }
}
