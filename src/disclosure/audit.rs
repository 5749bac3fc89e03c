//! The audit (outputs.md, "Across records"): for each withheld count, the
//! range a reader can reach from every published count and every relation
//! of the plan at once, by linear programming (microlp). Narrowing relation
//! by relation (`bounds.rs`) misses what only several relations together
//! give away; this does not.
//!
//! The reader starts from what narrowing relation by relation gives them
//! (where "a withheld count is 0 or at least N" is used). Cells joined by no
//! relation through withheld cells are solved apart (a component at a
//! time). Within a component, every solution found is a value set the
//! reader cannot rule out, so a cell already seen at both ends of what it
//! must be free to be needs no program of its own.

use microlp::{ComparisonOp, OptimizationDirection, Problem};

use super::bounds::{self, Bounds, INFINITE};
use super::cells::{Cells, State};

/// A program's values are read to this tolerance.
const SLACK: f64 = 1e-6;
/// An upper bound for the programs whose objective would otherwise be
/// unbounded: far above any count of the model (a cap far beyond that
/// strains the solver's precision).
fn cap(cells: &Cells) -> f64 {
    let largest = cells.cells.iter().map(|c| c.value).max().unwrap_or(0) as f64;
    10.0 * largest + 1000.0
}
/// How many programs over all checked cells at once open each component's audit.
const AGGREGATES: usize = 4;

/// Whether cell `id` should be checked: a withheld count, or a small one never published.
fn checked(cells: &Cells, id: usize, threshold: u64) -> bool {
    let cell = &cells.cells[id];
    match cell.state {
        State::Shown => false,
        State::Small => true,
        // A withheld 0 worked out gives no count away.
        State::Secondary | State::Hidden => cell.value > 0,
        State::Implied => cells.sensitive(id, threshold),
    }
}

/// One component's linear program: its open cells are the variables,
/// each within what narrowing relation by relation already gives the reader
/// (`known`: that is where a withheld count's "0 or at least N" is used,
/// which no linear program can say).
#[derive(Clone, Copy)]
struct Program<'a> {
    cells: &'a Cells,
    members: &'a [usize],
    relations: &'a [usize],
    known: &'a [Bounds],
    threshold: u64,
}

impl Program<'_> {
    /// The values of `members` at the optimum of the weighted sum
    /// `objective` (member index, weight), every variable at most `cap`;
    /// None when the program is unbounded or the solver fails.
    fn solve(
        &self,
        objective: &[(usize, f64)],
        direction: OptimizationDirection,
        cap: f64,
    ) -> Option<Vec<f64>> {
        let mut problem = Problem::new(direction);
        let mut weights = vec![0.0; self.members.len()];
        for &(k, w) in objective {
            weights[k] = w;
        }
        let vars: Vec<microlp::Variable> = self
            .members
            .iter()
            .enumerate()
            .map(|(k, &id)| {
                let known = self.known[id];
                let lo = known.lo as f64;
                let hi = if known.hi >= INFINITE {
                    cap
                } else {
                    (known.hi as f64).min(cap)
                };
                problem.add_var(weights[k], (lo, hi.max(lo)))
            })
            .collect();
        let var = |id: usize| self.members.binary_search(&id).ok().map(|k| vars[k]);
        for &r in self.relations {
            let relation = &self.cells.relations[r];
            let mut rhs = 0.0;
            let mut terms: Vec<(microlp::Variable, f64)> = Vec::new();
            for &(id, c) in &relation.terms {
                match var(id) {
                    Some(v) => match terms.iter_mut().find(|(w, _)| *w == v) {
                        Some(t) => t.1 += c as f64,
                        None => terms.push((v, c as f64)),
                    },
                    None => rhs -= c as f64 * self.cells.cells[id].value as f64,
                }
            }
            terms.retain(|(_, c)| *c != 0.0);
            if terms.is_empty() {
                continue;
            }
            let op = if relation.equal {
                ComparisonOp::Eq
            } else {
                ComparisonOp::Le
            };
            problem.add_constraint(terms.as_slice(), op, rhs);
        }
        // The solver is young; a panic in it is read as a failed solve.
        let solved = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| problem.solve())).ok()?;
        let outcome = solved.ok()?;
        let solution = outcome.solution()?;
        Some(vars.iter().map(|&v| solution.var_value(v)).collect())
    }

    /// The exact least or greatest value of member `k` (infinite when unbounded).
    fn extreme(&self, k: usize, direction: OptimizationDirection, seen: &mut Seen) -> Option<f64> {
        if let Some(values) = self.solve(&[(k, 1.0)], direction, f64::INFINITY) {
            seen.record(&values);
            return Some(values[k]);
        }
        // Unbounded above, or a failed solve: tell them apart with a cap.
        let cap = cap(self.cells);
        let values = self.solve(&[(k, 1.0)], direction, cap)?;
        seen.record(&values);
        let unbounded = direction == OptimizationDirection::Maximize && values[k] >= cap - 1.0;
        Some(if unbounded { f64::INFINITY } else { values[k] })
    }
}

/// The least and greatest value each member took in the solutions found so far.
struct Seen {
    lo: Vec<f64>,
    hi: Vec<f64>,
}

impl Seen {
    /// Starts from the true values: they meet every relation and bound, so
    /// they are one solution the reader cannot rule out.
    fn new(cells: &Cells, members: &[usize]) -> Seen {
        let truth: Vec<f64> = members.iter().map(|&id| cells.cells[id].value as f64).collect();
        Seen {
            lo: truth.clone(),
            hi: truth,
        }
    }

    fn record(&mut self, values: &[f64]) {
        for (k, &v) in values.iter().enumerate() {
            self.lo[k] = self.lo[k].min(v);
            self.hi[k] = self.hi[k].max(v);
        }
    }

    /// What the solutions so far prove the reader cannot narrow member `k` below.
    fn range(&self, k: usize) -> Bounds {
        to_bounds(self.lo[k], self.hi[k])
    }
}

fn to_bounds(lo: f64, hi: f64) -> Bounds {
    let lo = (lo - SLACK).ceil().max(0.0);
    let hi = if hi.is_finite() {
        (hi + SLACK).floor().max(lo)
    } else {
        f64::INFINITY
    };
    Bounds {
        lo: lo as u128,
        hi: if hi >= INFINITE as f64 {
            INFINITE
        } else {
            hi as u128
        },
    }
}

/// Whether a reader, solving exactly over `id`'s component (`members`,
/// `relations`), learns too much of cell `id`.
pub fn leaks_in(cells: &Cells, id: usize, members: &[usize], relations: &[usize], threshold: u64) -> bool {
    if !checked(cells, id, threshold) {
        return false;
    }
    let Ok(k) = members.binary_search(&id) else {
        return false;
    };
    let known = bounds::reach_in(cells, relations, threshold).0;
    let program = Program {
        cells,
        members,
        relations,
        known: &known,
        threshold,
    };
    let mut seen = Seen::new(cells, members);
    exact_leak(&program, k, &mut seen)
}

/// Whether member `k` gives something away, solving only what the
/// solutions in `seen` do not already settle. What the `<N` counts give away
/// among themselves is no leak: a flagged cell is checked again against the
/// exact range of the component's relations without shown counts.
fn exact_leak(program: &Program, k: usize, seen: &mut Seen) -> bool {
    let (cells, threshold) = (program.cells, program.threshold);
    let id = program.members[k];
    if !cells.gives_away(id, seen.range(k), threshold) {
        return false;
    }
    let Some(lo) = program.extreme(k, OptimizationDirection::Minimize, seen) else {
        return true;
    };
    if !cells.gives_away(id, seen.range(k), threshold) {
        return false;
    }
    let Some(hi) = program.extreme(k, OptimizationDirection::Maximize, seen) else {
        return true;
    };
    let range = to_bounds(lo, hi);
    if !cells.gives_away(id, range, threshold) {
        return false;
    }
    let inherent: Vec<usize> = program
        .relations
        .iter()
        .copied()
        .filter(|&r| cells.inherent_relation.get(r).copied().unwrap_or(false))
        .collect();
    let alone = Program {
        relations: &inherent,
        known: &cells.inherent,
        ..*program
    };
    let mut scratch = Seen::new(cells, program.members);
    let own = match (
        alone.extreme(k, OptimizationDirection::Minimize, &mut scratch),
        alone.extreme(k, OptimizationDirection::Maximize, &mut scratch),
    ) {
        (Some(lo), Some(hi)) => Some(to_bounds(lo, hi)),
        _ => None,
    };
    cells.gives_away_beyond(id, range, own, threshold)
}

/// Every checked cell a reader solving exactly learns too much of, in
/// registration order. A component of one open cell needs no program:
/// narrowing relation by relation is already exact there.
pub fn leaks(cells: &Cells, threshold: u64) -> Vec<usize> {
    let known = bounds::reach(cells, threshold);
    let mut done = vec![false; cells.cells.len()];
    let mut found = Vec::new();
    for id in 0..cells.cells.len() {
        if done[id] || !cells.open(id) {
            continue;
        }
        let (members, relations) = cells.component(id);
        for &m in &members {
            done[m] = true;
        }
        if members.len() < 2 {
            continue;
        }
        let program = Program {
            cells,
            members: &members,
            relations: &relations,
            known: &known,
            threshold,
        };
        let checked: Vec<usize> = (0..members.len())
            .filter(|&k| checked(cells, members[k], threshold))
            .collect();
        let mut seen = Seen::new(cells, &members);
        // A few programs over every checked cell at once, each weighting
        // them differently (a fixed sequence: the audit is deterministic),
        // settle most of them.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for round in 0..AGGREGATES {
            let all: Vec<(usize, f64)> = checked
                .iter()
                .map(|&k| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    // Round 0 weighs all alike; later rounds weigh each cell
                    // up or down at random, so each is pushed both ways.
                    let unit = (state >> 40) as f64 / (1u64 << 24) as f64;
                    let weight = if round == 0 {
                        1.0
                    } else if unit < 0.5 {
                        -1.0 - unit
                    } else {
                        unit
                    };
                    (k, weight)
                })
                .collect();
            for direction in [OptimizationDirection::Minimize, OptimizationDirection::Maximize] {
                if let Some(values) = program.solve(&all, direction, cap(cells)) {
                    seen.record(&values);
                }
            }
        }
        found.extend(
            checked
                .iter()
                .filter(|&&k| exact_leak(&program, k, &mut seen))
                .map(|&k| members[k]),
        );
    }
    found.sort_unstable();
    found
}
