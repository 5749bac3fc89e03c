//! Secondary suppression under the threshold rule: which cells to
//! withhold so that no withheld count gives anything away, first by
//! narrowing relation by relation (`bounds.rs`), then by the exact audit
//! (`audit.rs`). The cells and relations themselves are `cells.rs`.

use super::bounds;
use super::cells::{Cells, State};
use super::range::Bounds;

impl Cells {
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
