//! The attacker (outputs.md, "Disclosure control"): reads only what a run
//! publishes (metrics.json, tables/*.csv) and tries to work a withheld
//! count out of it: rate x denominator, conversion x parent, Wilson
//! intervals inverted for their n, Kaplan-Meier steps, p-values and degrees
//! of freedom, the matched comparison's shares (treated rate x matched,
//! balance means x arm, dose bands), subtraction from every total a count
//! belongs to, and every pooling record's estimate and SE inverted for the
//! counts it rests on (`pooling`). The
//! unrounded internal/metrics.json is read only to tell a real recovery from
//! a lucky guess.
//!
//! Under `threshold` nothing withheld may be recovered. Under `hesa`, rates
//! over 22.5 or more students are published from unrounded counts, as HESA
//! does, so the attacker there uses only what that convention does not
//! publish (p-values, degrees of freedom, the pooling records' finer
//! figures) and must recover nothing with it.

use std::collections::BTreeMap;

use mentor_evidence::disclosure::round_hesa;
use mentor_evidence::stats::effect::hedges_j;
use mentor_evidence::stats::fisher::fisher_exact;
use mentor_evidence::stats::mcnemar::mcnemar_exact;
use mentor_evidence::stats::proportion::wilson;
use serde_json::Value;

use crate::workdir::Workdir;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Rule {
    Threshold(u64),
    Hesa,
}

/// What a constraint is built from: HESA's convention publishes rates and
/// rounded counts, so under `hesa` only what tests and df add is an attack.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Rate,
    Sum,
    Test,
    /// A pooling record's estimate and SE (finer than any rate).
    Pooled,
}

struct Var {
    name: String,
    candidates: Vec<u64>,
    truth: u64,
    /// Published as an exact number (nothing to recover).
    exact: bool,
    /// Never published (a complement): a recovery matters when it is small.
    implied: bool,
    /// Published as `<N`: the reader must still see it as any of 1..N-1.
    below: bool,
    /// The constraint that last narrowed it (its cells' names), for the report.
    why: usize,
}

type Relation = Box<dyn Fn(&[u64]) -> bool>;

enum Constraint {
    Relation(Vec<usize>, Relation),
    Sum(usize, Vec<usize>),
}

struct Attacker {
    rule: Rule,
    kinds: Vec<Kind>,
    /// The largest count any cell can hold (the cohort).
    bound: u64,
    vars: Vec<Var>,
    names: BTreeMap<String, usize>,
    constraints: Vec<Constraint>,
}

/// Within half a unit of the last published decimal.
fn close(value: f64, published: f64, decimals: i32) -> bool {
    (value - published).abs() <= 0.5 * 10f64.powi(-decimals) + 1e-9
}

/// The decimals `value` is written with (at most 6).
fn decimals(value: f64) -> i32 {
    (0..6)
        .find(|&k| {
            let scale = 10f64.powi(k);
            ((value * scale).round() / scale - value).abs() <= 1e-12
        })
        .unwrap_or(6)
}

fn number(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn truth_count(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("internal count {v}"))
}

impl Attacker {
    fn new(rule: Rule, kinds: &[Kind], bound: u64) -> Attacker {
        Attacker {
            rule,
            kinds: kinds.to_vec(),
            bound,
            vars: Vec::new(),
            names: BTreeMap::new(),
            constraints: Vec::new(),
        }
    }

    fn allowed(&self, kind: Kind) -> bool {
        self.kinds.contains(&kind)
    }

    /// A published count: what the reader knows of it.
    fn count(&mut self, name: &str, published: &Value, truth: u64) -> usize {
        let (candidates, exact): (Vec<u64>, bool) = match (self.rule, published) {
            (Rule::Threshold(_), Value::Number(n)) => (vec![n.as_u64().unwrap()], true),
            (Rule::Threshold(n), Value::String(s)) => {
                assert_eq!(s, &format!("<{n}"), "{name}");
                let id = self.var(name, (1..n).collect(), truth, false, false);
                self.vars[id].below = true;
                return id;
            }
            // A withheld count is 0 or at least N, except the small counts
            // withheld whole (`..`) because the `<N` counts would pin them:
            // of those the reader knows nothing (the attacker knows which).
            (Rule::Threshold(n), Value::Null) if truth > 0 && truth < n => {
                ((0..=self.bound).collect(), false)
            }
            (Rule::Threshold(n), Value::Null) => (std::iter::once(0).chain(n..=self.bound).collect(), false),
            (Rule::Hesa, Value::Number(v)) => {
                let v = v.as_u64().unwrap();
                let candidates = (v.saturating_sub(2)..=v + 2)
                    .filter(|&x| round_hesa(x) == v)
                    .collect();
                (candidates, false)
            }
            (rule, other) => panic!("{name}: {other} under {rule:?}"),
        };
        self.var(name, candidates, truth, exact, false)
    }

    /// A count nobody publishes that a reader can still reason about.
    fn implied(&mut self, name: &str, truth: u64) -> usize {
        let candidates = (0..=self.bound).collect();
        self.var(name, candidates, truth, false, true)
    }

    fn var(&mut self, name: &str, candidates: Vec<u64>, truth: u64, exact: bool, implied: bool) -> usize {
        if let Some(&id) = self.names.get(name) {
            let var = &mut self.vars[id];
            assert_eq!(var.truth, truth, "{name} names two counts");
            var.candidates.retain(|c| candidates.contains(c));
            var.exact |= exact;
            var.implied &= implied;
            return id;
        }
        self.vars.push(Var {
            name: name.to_string(),
            candidates,
            truth,
            exact,
            implied,
            below: false,
            why: usize::MAX,
        });
        self.names.insert(name.to_string(), self.vars.len() - 1);
        self.vars.len() - 1
    }

    fn relate(&mut self, kind: Kind, vars: Vec<usize>, relation: impl Fn(&[u64]) -> bool + 'static) {
        if self.allowed(kind) {
            self.constraints
                .push(Constraint::Relation(vars, Box::new(relation)));
        }
    }

    /// `total` = the sum of `parts`, where the truth makes it hold (a reader
    /// who knows how the groups are defined knows when they add up).
    fn sum(&mut self, total: usize, parts: Vec<usize>) {
        let holds = parts.iter().map(|&p| self.vars[p].truth).sum::<u64>() == self.vars[total].truth;
        if holds && self.allowed(Kind::Sum) {
            self.constraints.push(Constraint::Sum(total, parts));
        }
    }

    /// `whole` = `part` + an implied complement named `rest`.
    fn subset(&mut self, whole: usize, part: usize, rest: &str) {
        let truth = self.vars[whole].truth - self.vars[part].truth;
        let rest = self.implied(rest, truth);
        self.sum(whole, vec![part, rest]);
    }

    /// A published proportion `value` of `num` over `den` (at 3 decimals).
    fn rate(&mut self, num: usize, den: usize, value: &Value) {
        if let Some(r) = number(value) {
            self.relate(Kind::Rate, vec![num, den], move |v| {
                v[1] > 0 && close(v[0] as f64 / v[1] as f64, r, 3)
            });
        }
    }

    /// A published Wilson interval of `num` over `den`.
    fn wilson(&mut self, num: usize, den: usize, low: &Value, high: &Value) {
        if let (Some(lo), Some(hi)) = (number(low), number(high)) {
            self.relate(Kind::Rate, vec![num, den], move |v| {
                wilson(v[0], v[1]).is_some_and(|(l, h)| close(l, lo, 3) && close(h, hi, 3))
            });
        }
    }

    fn apply(&mut self, c: usize) -> bool {
        let mut changed = false;
        match &self.constraints[c] {
            Constraint::Relation(ids, relation) => {
                let domains: Vec<Vec<u64>> = ids.iter().map(|&i| self.vars[i].candidates.clone()).collect();
                let size: f64 = domains.iter().map(|d| d.len() as f64).product();
                if size > 2e6 {
                    return false;
                }
                let mut keep: Vec<Vec<bool>> = domains.iter().map(|d| vec![false; d.len()]).collect();
                let mut index = vec![0usize; ids.len()];
                let mut values = vec![0u64; ids.len()];
                if domains.iter().any(|d| d.is_empty()) {
                    return false;
                }
                loop {
                    for (k, d) in domains.iter().enumerate() {
                        values[k] = d[index[k]];
                    }
                    if relation(&values) {
                        for k in 0..ids.len() {
                            keep[k][index[k]] = true;
                        }
                    }
                    let mut k = 0;
                    while k < ids.len() {
                        index[k] += 1;
                        if index[k] < domains[k].len() {
                            break;
                        }
                        index[k] = 0;
                        k += 1;
                    }
                    if k == ids.len() {
                        break;
                    }
                }
                for (k, &id) in ids.iter().enumerate() {
                    let kept: Vec<u64> = domains[k]
                        .iter()
                        .zip(&keep[k])
                        .filter(|(_, keep)| **keep)
                        .map(|(v, _)| *v)
                        .collect();
                    if kept.len() < domains[k].len() {
                        self.vars[id].candidates = kept;
                        self.vars[id].why = c;
                        changed = true;
                    }
                }
            }
            Constraint::Sum(total, parts) => {
                let all: Vec<usize> = std::iter::once(*total).chain(parts.iter().copied()).collect();
                let lo = |a: &Attacker, i: usize| a.vars[i].candidates.first().copied().unwrap_or(0) as i128;
                let hi = |a: &Attacker, i: usize| a.vars[i].candidates.last().copied().unwrap_or(0) as i128;
                for (position, &id) in all.iter().enumerate() {
                    // total - others, or the part's share of the total.
                    let (min, max) = if position == 0 {
                        (
                            parts.iter().map(|&p| lo(self, p)).sum::<i128>(),
                            parts.iter().map(|&p| hi(self, p)).sum::<i128>(),
                        )
                    } else {
                        let others = parts.iter().filter(|&&p| p != id);
                        let (others_lo, others_hi) =
                            others.fold((0, 0), |(l, h), &p| (l + lo(self, p), h + hi(self, p)));
                        (lo(self, *total) - others_hi, hi(self, *total) - others_lo)
                    };
                    let before = self.vars[id].candidates.len();
                    self.vars[id]
                        .candidates
                        .retain(|&v| (v as i128) >= min && (v as i128) <= max);
                    if self.vars[id].candidates.len() < before {
                        self.vars[id].why = c;
                        changed = true;
                    }
                }
            }
        }
        changed
    }

    /// Applies every constraint until nothing narrows; returns what was recovered.
    /// Applies the constraints `which` until nothing narrows.
    fn settle(&mut self, which: &[usize]) {
        for _ in 0..200 {
            let mut changed = false;
            for &c in which {
                changed |= self.apply(c);
            }
            if !changed {
                break;
            }
        }
    }

    /// Whether a constraint holds only `<N` counts, complements and shown
    /// zeros: what it gives away comes with publishing `<N` at all (four
    /// `<N` parts make a total of at least 4), and no withholding undoes it.
    fn inherent(&self, c: usize) -> bool {
        let ids: Vec<usize> = match &self.constraints[c] {
            Constraint::Relation(ids, _) => ids.clone(),
            Constraint::Sum(total, parts) => std::iter::once(*total).chain(parts.iter().copied()).collect(),
        };
        ids.iter().all(|&i| {
            let v = &self.vars[i];
            v.below || v.implied || (v.exact && v.truth == 0)
        })
    }

    /// Every sum of `which` at once, by linear programming over each set of
    /// counts joined by sums: narrows each `<N` and each small complement to
    /// its least and greatest value (what no sum alone shows).
    fn solve_exactly(&mut self, which: &[usize]) {
        let sums: Vec<Vec<(usize, f64)>> = which
            .iter()
            .filter_map(|&c| match &self.constraints[c] {
                Constraint::Sum(total, parts) => {
                    let mut terms = vec![(*total, 1.0)];
                    terms.extend(parts.iter().map(|&p| (p, -1.0)));
                    Some(terms)
                }
                Constraint::Relation(..) => None,
            })
            .collect();
        let open = |a: &Attacker, i: usize| a.vars[i].candidates.len() > 1;
        let mut parent: Vec<usize> = (0..self.vars.len()).collect();
        fn find(parent: &mut [usize], mut x: usize) -> usize {
            while parent[x] != x {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            x
        }
        for terms in &sums {
            let ids: Vec<usize> = terms.iter().map(|t| t.0).filter(|&i| open(self, i)).collect();
            for pair in ids.windows(2) {
                let (a, b) = (find(&mut parent, pair[0]), find(&mut parent, pair[1]));
                parent[a] = b;
            }
        }
        let roots: Vec<usize> = (0..self.vars.len()).map(|i| find(&mut parent, i)).collect();
        let targets: Vec<usize> = (0..self.vars.len())
            .filter(|&i| open(self, i))
            .filter(|&i| self.vars[i].below || (self.vars[i].implied && self.vars[i].truth < self.bound))
            .collect();
        for target in targets {
            let members: Vec<usize> = (0..self.vars.len())
                .filter(|&i| roots[i] == roots[target] && open(self, i))
                .collect();
            if members.len() < 2 {
                continue;
            }
            let mut range = [0.0; 2];
            let directions = [
                microlp::OptimizationDirection::Minimize,
                microlp::OptimizationDirection::Maximize,
            ];
            for (k, direction) in directions.into_iter().enumerate() {
                let mut problem = microlp::Problem::new(direction);
                let vars: Vec<microlp::Variable> = members
                    .iter()
                    .map(|&i| {
                        let c = &self.vars[i].candidates;
                        let (lo, hi) = (c[0] as f64, c[c.len() - 1] as f64);
                        problem.add_var(if i == target { 1.0 } else { 0.0 }, (lo, hi))
                    })
                    .collect();
                for terms in &sums {
                    if !terms.iter().any(|t| members.binary_search(&t.0).is_ok()) {
                        continue;
                    }
                    let mut rhs = 0.0;
                    let mut row: Vec<(microlp::Variable, f64)> = Vec::new();
                    for &(i, c) in terms {
                        match members.binary_search(&i) {
                            Ok(m) => match row.iter_mut().find(|(v, _)| *v == vars[m]) {
                                Some(r) => r.1 += c,
                                None => row.push((vars[m], c)),
                            },
                            Err(_) => rhs -= c * self.vars[i].candidates.first().copied().unwrap_or(0) as f64,
                        }
                    }
                    row.retain(|r| r.1 != 0.0);
                    if !row.is_empty() {
                        problem.add_constraint(row.as_slice(), microlp::ComparisonOp::Eq, rhs);
                    }
                }
                let Some(value) = problem
                    .solve()
                    .ok()
                    .and_then(|o| o.solution().map(|s| s.objective()))
                else {
                    return;
                };
                range[k] = value;
            }
            let (lo, hi) = ((range[0] - 1e-6).ceil() as u64, (range[1] + 1e-6).floor() as u64);
            self.vars[target].candidates.retain(|&v| v >= lo && v <= hi);
        }
    }

    fn recover(&mut self) -> Vec<String> {
        let start: Vec<Vec<u64>> = self.vars.iter().map(|v| v.candidates.clone()).collect();
        let inherent: Vec<usize> = (0..self.constraints.len())
            .filter(|&c| self.inherent(c))
            .collect();
        self.settle(&inherent);
        self.solve_exactly(&inherent);
        self.settle(&inherent);
        let alone: Vec<Vec<u64>> = self.vars.iter().map(|v| v.candidates.clone()).collect();
        for (v, c) in self.vars.iter_mut().zip(start) {
            v.candidates = c;
        }
        let all: Vec<usize> = (0..self.constraints.len()).collect();
        self.settle(&all);
        self.solve_exactly(&all);
        self.settle(&all);
        let small = |v: u64| match self.rule {
            Rule::Threshold(n) => v > 0 && v < n,
            Rule::Hesa => true,
        };
        let mut found: Vec<String> = self
            .vars
            .iter()
            .filter(|v| !v.exact && v.candidates == [v.truth] && small(v.truth))
            .filter(|v| !(self.rule == Rule::Hesa && v.implied))
            .map(|v| format!("{} = {}", v.name, v.truth))
            .collect();
        // One fact shown as `<N` in one record and exactly in another.
        found.extend(
            self.vars
                .iter()
                .filter(|v| v.exact && v.below)
                .map(|v| format!("{} = {} (shown exactly elsewhere)", v.name, v.truth)),
        );
        // A `<N` count narrowed inside 1..N-1 gives part of it away.
        if let Rule::Threshold(n) = self.rule {
            found.extend(
                self.vars
                    .iter()
                    .zip(&alone)
                    .filter(|(v, _)| v.below && v.candidates.len() > 1)
                    .filter(|(v, own)| {
                        // Narrower than what the `<N` counts alone give away.
                        let (lo, hi) = (
                            own.first().copied().unwrap_or(1).max(1),
                            own.last().copied().unwrap_or(n - 1).min(n - 1),
                        );
                        !(v.candidates.contains(&lo) && v.candidates.contains(&hi))
                    })
                    .map(|(v, _)| v)
                    .map(|v| {
                        let why = match self.constraints.get(v.why) {
                            Some(Constraint::Sum(t, parts)) => format!(
                                "sum {} = {}",
                                self.vars[*t].name,
                                parts
                                    .iter()
                                    .map(|&p| self.vars[p].name.as_str())
                                    .collect::<Vec<_>>()
                                    .join(" + ")
                            ),
                            Some(Constraint::Relation(ids, _)) => format!(
                                "relation of {}",
                                ids.iter()
                                    .map(|&p| self.vars[p].name.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                            None => String::new(),
                        };
                        format!(
                            "{} narrowed to {:?} (truth {}) by {why}",
                            v.name, v.candidates, v.truth
                        )
                    }),
            );
        }
        found
    }
}

fn list<'a>(m: &'a Value, key: &str) -> &'a [Value] {
    m[key].as_array().map_or(&[], Vec::as_slice)
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn parent(stage: &str) -> Option<&'static str> {
    match stage {
        "registered" => Some("eligible"),
        "trained" | "quiz_passed" | "matched" => Some("registered"),
        "met" | "sustained" | "completed" => Some("matched"),
        _ => None,
    }
}

const ALL: &str = "All eligible";

impl Attacker {
    /// The name a count goes by: `preferred` when that count is already
    /// known with the same value (a reader who knows the definitions links
    /// them), else `own`.
    fn alias(&self, preferred: &str, own: &str, truth: u64) -> String {
        match self.names.get(preferred) {
            Some(&id) if self.vars[id].truth == truth => preferred.to_string(),
            _ => own.to_string(),
        }
    }

    /// "All eligible = the other groups" for each of `items`, where it holds.
    fn partition(&mut self, groups: &[String], items: &[String], name: impl Fn(&str, &str) -> String) {
        for item in items {
            let Some(&total) = self.names.get(&name(ALL, item)) else {
                continue;
            };
            let parts: Option<Vec<usize>> = groups[1..]
                .iter()
                .map(|g| self.names.get(&name(g, item)).copied())
                .collect();
            if let Some(parts) = parts {
                self.sum(total, parts);
            }
        }
    }

    /// The pooling records (pooling.md), each inverted for the counts it
    /// rests on. Their estimates and SEs are published to 0.0001 (0.001 for
    /// paired measures), finer than any rate, so under `hesa` what they pin
    /// is not part of HESA's convention (`Kind::Pooled`). Each relation is
    /// checked to hold for the truth: it is a fact a reader can use, not a
    /// guess.
    fn pooling(&mut self, m: &Value, t: &Value) {
        for (p, u) in list(m, "pooling").iter().zip(list(t, "pooling")) {
            assert_eq!(
                (&p["measure"], &p["group"], &p["outcome"]),
                (&u["measure"], &u["group"], &u["outcome"])
            );
            let (Some(estimate), Some(se)) = (number(&p["estimate"]), number(&p["se"])) else {
                continue;
            };
            let (g, o) = (text(&p["group"]), text(&p["outcome"]));
            // Published to 0.0001 (0.001 paired), or under `hesa` one decimal
            // fewer where that would undo a count's rounding: a reader who
            // sees no more decimals than the coarser allows for it.
            let fine = if text(&p["measure"]).starts_with("paired") {
                3
            } else {
                4
            };
            let d = if decimals(estimate).max(decimals(se)) == fine {
                fine
            } else {
                fine - 1
            };
            let published = (estimate, se, d);
            match p["measure"].as_str() {
                Some("uptake_gap") => self.uptake_gap(&g, &o, published),
                Some("intent_change") => self.intent_change(&g, published),
                Some("paired_change") => self.paired_change(m, &g, &o, published),
                Some("paired_effect") => self.paired_effect(&g, &o, published),
                Some("matched_effect") => self.matched_effect(t, &g, &o, published),
                other => panic!("a pooling record of an unknown measure: {other:?}"),
            }
        }
    }

    /// The counts named `names`, if every one is known.
    fn named(&self, names: &[String]) -> Option<Vec<usize>> {
        names.iter().map(|n| self.names.get(n).copied()).collect()
    }

    /// A pooling record's relation, which must hold for the truth.
    fn pooled(&mut self, what: &str, vars: Vec<usize>, relation: impl Fn(&[u64]) -> bool + 'static) {
        let truth: Vec<u64> = vars.iter().map(|&v| self.vars[v].truth).collect();
        assert!(
            relation(&truth),
            "{what}: the inversion does not hold for the truth {truth:?}"
        );
        self.relate(Kind::Pooled, vars, relation);
    }

    /// An uptake gap: p1 - p0 and sqrt(p1(1-p1)/n1 + p0(1-p0)/n0) of the
    /// group's and the other eligible students' counts.
    fn uptake_gap(&mut self, g: &str, s: &str, (estimate, se, d): (f64, f64, i32)) {
        let names = [
            format!("stage/{g}/{s}"),
            format!("stage/{g}/eligible"),
            format!("stage/{ALL}/{s}"),
            format!("stage/{ALL}/eligible"),
        ];
        let Some(vars) = self.named(&names) else {
            return;
        };
        self.pooled(&format!("uptake gap {g} {s}"), vars, move |v| {
            let (c1, n1, c_all, n_all) = (v[0], v[1], v[2], v[3]);
            if n1 == 0 || n_all <= n1 || c_all < c1 || c1 > n1 || c_all - c1 > n_all - n1 {
                return false;
            }
            let (p1, p0) = (c1 as f64 / n1 as f64, (c_all - c1) as f64 / (n_all - n1) as f64);
            let sd = (p1 * (1.0 - p1) / n1 as f64 + p0 * (1.0 - p0) / (n_all - n1) as f64).sqrt();
            close(p1 - p0, estimate, d) && close(sd, se, d)
        });
    }

    /// An intent change over n pairs, b intending before and not after and c
    /// the reverse: (c - b)/n and sqrt(b + c - (b - c)²/n)/n. The estimate
    /// gives c - b and, with it, the SE gives b + c: so b and c themselves
    /// (McNemar's discordant pairs, which `hesa` must not let a reader
    /// compute below 8), and n where it is rounded.
    fn intent_change(&mut self, g: &str, (estimate, se, d): (f64, f64, i32)) {
        let names = ["n", "b", "c"].map(|k| format!("intent_paired/{g}/{k}"));
        let Some(vars) = self.named(&names) else {
            return;
        };
        self.pooled(&format!("intent change {g}"), vars, move |v| {
            let (n, b, c) = (v[0] as f64, v[1] as f64, v[2] as f64);
            v[0] > 0
                && v[1] + v[2] <= v[0]
                && close((c - b) / n, estimate, d)
                && close((b + c - (b - c).powi(2) / n).max(0.0).sqrt() / n, se, d)
        });
    }

    /// A paired change: the mean difference and sd_diff/sqrt(n). Means and
    /// SDs of scale scores are not counts; what the record can give away is
    /// its number of pairs n, where the rule rounds it: the paired table
    /// publishes sd_diff (0.01), so n = (sd_diff/SE)² within both roundings.
    /// (The mean difference times n is a sum of item scores, which bounds
    /// nothing a reader does not know.)
    fn paired_change(&mut self, m: &Value, g: &str, s: &str, (_, se, d): (f64, f64, i32)) {
        let Some(sd) = list(m, "paired")
            .iter()
            .find(|p| text(&p["group"]) == g && text(&p["scale"]) == s)
            .and_then(|p| number(&p["sd_diff"]))
        else {
            return;
        };
        let Some(vars) = self.named(&[format!("paired/{g}/{s}")]) else {
            return;
        };
        self.pooled(&format!("paired change {g} {s}"), vars, move |v| {
            let root = (v[0] as f64).sqrt();
            // Some SD within sd ± 0.005 gives an SE within half a unit of se.
            let half = 0.5 * 10f64.powi(-d) + 1e-9;
            v[0] > 1 && (sd - 0.005) / root <= se + half && (sd + 0.005) / root >= se - half
        });
    }

    /// A paired effect: Hedges' g_z = J·d_z and J·sqrt(1/n + d_z²/(2n)),
    /// J the small-sample correction for n - 1 df. With g_z published, the
    /// SE depends on n alone: it gives n away (where the rule rounds it)
    /// when the SE's 0.001 steps are coarser than its change from n to n+1.
    fn paired_effect(&mut self, g: &str, s: &str, (estimate, se, d): (f64, f64, i32)) {
        let Some(vars) = self.named(&[format!("paired/{g}/{s}")]) else {
            return;
        };
        self.pooled(&format!("paired effect {g} {s}"), vars, move |v| {
            let n = v[0] as f64;
            let Some(j) = hedges_j(n - 1.0) else {
                return false;
            };
            // The SE grows with |g|: its range over g within half a unit.
            let half = 0.5 * 10f64.powi(-d) + 1e-9;
            let se_at = |g: f64| j * (1.0 / n + (g / j).powi(2) / (2.0 * n)).sqrt();
            let (a, b) = (
                se_at((estimate.abs() - half).max(0.0)),
                se_at(estimate.abs() + half),
            );
            a <= se + half && b >= se - half
        });
    }

    /// A matched effect: the ATT (treated rate minus the weighted control
    /// rate) with its HC1 SE, whose square is (p_t(1-p_t)/n_t + V_c)·n/(n-2)
    /// over n = n_t + n_c matched students, V_c the weighted control arm's
    /// variance term (>= 0). For any weights, the treated arm's count with
    /// the outcome is bounded: p_t - ATT is a rate, and p_t(1-p_t)/n_t
    /// cannot exceed SE²(n-2)/n. Where the control arm's weights are equal
    /// (one stratum, or the same ratio in each), V_c = p_c(1-p_c)/n_c and
    /// the record is an uptake gap with the HC1 factor: it pins both arms'
    /// outcome counts (a reader can try that; it is used here only where it
    /// holds).
    fn matched_effect(&mut self, t: &Value, g: &str, o: &str, (estimate, se, d): (f64, f64, i32)) {
        let names = [
            format!("matched_with/{g}/{o}"),
            format!("matched/{g}/t"),
            format!("matched/{g}/c"),
        ];
        let Some(vars) = self.named(&names) else {
            return;
        };
        let bound = move |v: &[u64]| {
            let (c_t, n_t, n_c) = (v[0] as f64, v[1] as f64, v[2] as f64);
            let n = n_t + n_c;
            if v[1] == 0 || v[0] > v[1] || n <= 2.0 {
                return false;
            }
            let p_t = c_t / n_t;
            let tol = 0.5 * 10f64.powi(-d) + 1e-9;
            p_t >= estimate - tol
                && p_t <= 1.0 + estimate + tol
                && p_t * (1.0 - p_t) / n_t * n / (n - 2.0) <= (se + tol).powi(2)
        };
        self.pooled(
            &format!("matched effect {g} {o}, any weights"),
            vars.clone(),
            bound,
        );
        // The control arm's count with the outcome, as an equal-weights arm has it.
        let Some(u) = list(t, "comparison")
            .iter()
            .find(|c| text(&c["group"]) == g && text(&c["outcome"]) == o && c["role"] == "outcome")
        else {
            return;
        };
        let Some(rate) = number(&u["control_rate"]) else {
            return;
        };
        let c_c = self.implied(
            &format!("matched_with_c/{g}/{o}"),
            (rate * self.vars[vars[2]].truth as f64).round() as u64,
        );
        self.subset(vars[2], c_c, &format!("matched_without_c/{g}/{o}"));
        let equal = move |v: &[u64]| {
            let (c_t, n_t, c_c, n_c) = (v[0], v[1] as f64, v[2], v[3] as f64);
            if v[1] == 0 || v[3] == 0 || c_t > v[1] || c_c > v[3] {
                return false;
            }
            let (p_t, p_c) = (c_t as f64 / n_t, c_c as f64 / n_c);
            let n = n_t + n_c;
            let sd = ((p_t * (1.0 - p_t) / n_t + p_c * (1.0 - p_c) / n_c) * n / (n - 2.0)).sqrt();
            n > 2.0 && close(p_t - p_c, estimate, d) && close(sd, se, d)
        };
        let all = vec![vars[0], vars[1], c_c, vars[2]];
        let truth: Vec<u64> = all.iter().map(|&v| self.vars[v].truth).collect();
        if equal(&truth) {
            self.relate(Kind::Pooled, all, equal);
        }
    }

    fn uptake(&mut self, m: &Value, t: &Value) {
        let groups: Vec<String> = list(m, "groups").iter().map(text).collect();
        self.funnel(m, t, "uptake", "stage", "not", &groups);
        let mut departments: Vec<String> = Vec::new();
        for p in list(m, "departments") {
            if !departments.contains(&text(&p["group"])) {
                departments.push(text(&p["group"]));
            }
        }
        self.funnel(m, t, "departments", "department", "department_not", &departments);
    }

    /// A funnel's counts, named `{stage}/{group}/{stage id}` (All eligible's
    /// always `stage/All eligible/...`: the same counts in both funnels).
    fn funnel(&mut self, m: &Value, t: &Value, family: &str, stage: &str, not: &str, groups: &[String]) {
        let own = |prefix: &str, g: &str| {
            if g == ALL {
                if prefix == stage { "stage" } else { "not" }.to_string()
            } else {
                prefix.to_string()
            }
        };
        let (stage_of, not_of) = (|g: &str| own(stage, g), |g: &str| own(not, g));
        let mut stages: Vec<String> = Vec::new();
        for (p, u) in list(m, family).iter().zip(list(t, family)) {
            let (g, s) = (text(&p["group"]), text(&p["stage"]));
            let c = self.count(
                &format!("{}/{g}/{s}", stage_of(&g)),
                &p["count"],
                truth_count(&u["count"]),
            );
            let d = self.count(
                &format!("{}/{g}/eligible", stage_of(&g)),
                &p["denominator"],
                truth_count(&u["denominator"]),
            );
            self.rate(c, d, &p["rate"]);
            self.wilson(c, d, &p["ci_low"], &p["ci_high"]);
            if let Some(parent) = parent(&s)
                && let Some(&whole) = self.names.get(&format!("{}/{g}/{parent}", stage_of(&g)))
            {
                self.rate(c, whole, &p["conversion"]);
                self.subset(whole, c, &format!("{}/{g}/{s}", not_of(&g)));
            }
            if !stages.contains(&s) {
                stages.push(s);
            }
        }
        for p in list(m, family).iter().filter(|p| p["group"] != ALL) {
            let (g, s) = (text(&p["group"]), text(&p["stage"]));
            let ids = [
                format!("{}/{g}/{s}", stage_of(&g)),
                format!("{}/{g}/eligible", stage_of(&g)),
                format!("stage/{ALL}/{s}"),
                format!("stage/{ALL}/eligible"),
            ]
            .map(|n| self.names[&n]);
            if let Some(gap) = number(&p["gap_pp"]) {
                self.relate(Kind::Rate, ids.to_vec(), move |v| {
                    v[1] > 0
                        && v[3] > 0
                        && close(
                            100.0 * (v[0] as f64 / v[1] as f64 - v[2] as f64 / v[3] as f64),
                            gap,
                            1,
                        )
                });
            }
            for key in ["p_value", "p_adjusted"] {
                // An adjusted p-value is at least its own p: only the raw one names a table.
                if key == "p_adjusted" {
                    continue;
                }
                if let Some(pv) = number(&p[key]) {
                    self.relate(Kind::Test, ids.to_vec(), move |v| {
                        let (k, n, kk, nn) = (v[0], v[1], v[2], v[3]);
                        k <= n
                            && k <= kk
                            && n <= nn
                            && kk - k <= nn - n
                            && close(fisher_exact(k, n - k, kk - k, (nn - n) - (kk - k)), pv, 3)
                    });
                }
            }
        }
        self.partition(groups, &stages, |g, s| format!("{}/{g}/{s}", stage_of(g)));
        self.partition(groups, &stages, |g, s| format!("{}/{g}/{s}", not_of(g)));
    }

    fn outcomes(&mut self, m: &Value, t: &Value) {
        let mut items: Vec<String> = Vec::new();
        for (p, u) in list(m, "outcomes").iter().zip(list(t, "outcomes")) {
            let (g, o) = (text(&p["group"]), text(&p["outcome"]));
            let mut sides = Vec::new();
            for (side, total, with, rate, low, high, preferred) in [
                (
                    "p",
                    "participants",
                    "participants_with_outcome",
                    "participant_rate",
                    "participant_ci_low",
                    "participant_ci_high",
                    format!("stage/{g}/matched"),
                ),
                (
                    "n",
                    "non_participants",
                    "non_participants_with_outcome",
                    "non_participant_rate",
                    "non_participant_ci_low",
                    "non_participant_ci_high",
                    format!("not/{g}/registered"),
                ),
            ] {
                let truth = truth_count(&u[total]);
                let name = self.alias(&preferred, &format!("{total}/{g}"), truth);
                let whole = self.count(&name, &p[total], truth);
                let part = self.count(&format!("with/{g}/{o}/{side}"), &p[with], truth_count(&u[with]));
                self.rate(part, whole, &p[rate]);
                self.wilson(part, whole, &p[low], &p[high]);
                self.subset(whole, part, &format!("without/{g}/{o}/{side}"));
                sides.push((part, whole));
            }
            let ids = vec![sides[0].0, sides[0].1, sides[1].0, sides[1].1];
            if let Some(diff) = number(&p["diff_pp"]) {
                self.relate(Kind::Rate, ids.clone(), move |v| {
                    v[1] > 0
                        && v[3] > 0
                        && close(
                            100.0 * (v[0] as f64 / v[1] as f64 - v[2] as f64 / v[3] as f64),
                            diff,
                            1,
                        )
                });
            }
            if let Some(pv) = number(&p["p_value"]) {
                self.relate(Kind::Test, ids, move |v| {
                    v[0] <= v[1]
                        && v[2] <= v[3]
                        && close(fisher_exact(v[0], v[1] - v[0], v[2], v[3] - v[2]), pv, 3)
                });
            }
            for side in ["p", "n"] {
                items.push(format!("{o}/{side}"));
            }
        }
        let groups: Vec<String> = list(m, "groups").iter().map(text).collect();
        self.partition(&groups, &items, |g, i| format!("with/{g}/{i}"));
        self.partition(&groups, &items, |g, i| format!("without/{g}/{i}"));
    }

    /// The matched comparison: the arms and matched arms, the matched
    /// treated with each outcome (what the treated rate shows), each
    /// covariate level's students per arm (what a balance mean shows; the
    /// levels of a covariate add up to the arm), and the dose bands.
    fn comparison(&mut self, m: &Value, t: &Value) {
        let groups: Vec<String> = list(m, "groups").iter().map(text).collect();
        // A count a published share shows: the truth from the unrounded share.
        let shown_by = |share: &Value, of: u64| (share.as_f64().unwrap_or(0.0) * of as f64).round() as u64;
        for (p, u) in list(m, "comparison").iter().zip(list(t, "comparison")) {
            let (g, o) = (text(&p["group"]), text(&p["outcome"]));
            let truth = truth_count(&u["treated"]);
            let name = self.alias(&format!("stage/{g}/matched"), &format!("treated/{g}"), truth);
            let treated = self.count(&name, &p["treated"], truth);
            let truth = truth_count(&u["controls"]);
            let name = self.alias(&format!("not/{g}/registered"), &format!("controls/{g}"), truth);
            let controls = self.count(&name, &p["controls"], truth);
            let tm = self.count(
                &format!("matched/{g}/t"),
                &p["treated_matched"],
                truth_count(&u["treated_matched"]),
            );
            let cm = self.count(
                &format!("matched/{g}/c"),
                &p["controls_matched"],
                truth_count(&u["controls_matched"]),
            );
            self.subset(treated, tm, &format!("unmatched/{g}/t"));
            self.subset(controls, cm, &format!("unmatched/{g}/c"));
            // A kept stratum holds one of each arm at least.
            let kept = self.count(
                &format!("strata/{g}/kept"),
                &p["strata_kept"],
                truth_count(&u["strata_kept"]),
            );
            self.relate(Kind::Sum, vec![kept, tm, cm], |v| v[0] <= v[1] && v[0] <= v[2]);
            self.rate(tm, treated, &p["share_treated_kept"]);
            let with_truth = shown_by(&u["treated_rate"], truth_count(&u["treated_matched"]));
            let with = self.implied(&format!("matched_with/{g}/{o}"), with_truth);
            self.rate(with, tm, &p["treated_rate"]);
            self.subset(tm, with, &format!("matched_without/{g}/{o}"));
        }
        let mut levels: BTreeMap<(String, String, &str), Vec<usize>> = BTreeMap::new();
        for (p, u) in list(m, "balance").iter().zip(list(t, "balance")) {
            let (g, c, l) = (text(&p["group"]), text(&p["covariate"]), text(&p["level"]));
            if l == "(mean)" {
                self.count(
                    &format!("missing/{g}/{c}"),
                    &p["n_missing"],
                    truth_count(&u["n_missing"]),
                );
                continue;
            }
            for (arm, total, before) in [
                ("t", format!("stage/{g}/matched"), "mean_treated_before"),
                ("c", format!("not/{g}/registered"), "mean_control_before"),
                ("tm", format!("matched/{g}/t"), "mean_treated_after"),
            ] {
                let Some(&total) = self.names.get(&total) else {
                    continue;
                };
                let truth = shown_by(&u[before], self.vars[total].truth);
                let level = self.implied(&format!("level/{g}/{c}/{l}/{arm}"), truth);
                self.rate(level, total, &p[before]);
                levels.entry((g.clone(), c.clone(), arm)).or_default().push(level);
            }
        }
        for ((g, _, arm), parts) in levels {
            let total = match arm {
                "t" => format!("stage/{g}/matched"),
                "c" => format!("not/{g}/registered"),
                _ => format!("matched/{g}/t"),
            };
            if let Some(&total) = self.names.get(&total) {
                self.sum(total, parts);
            }
        }
        let mut items: Vec<String> = Vec::new();
        let mut by_group: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut with_by: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
        for (p, u) in list(m, "dose").iter().zip(list(t, "dose")) {
            let (g, o, b) = (text(&p["group"]), text(&p["outcome"]), text(&p["band"]));
            let n = self.count(
                &format!("dose/{g}/{b}"),
                &p["students"],
                truth_count(&u["students"]),
            );
            let with = self.count(
                &format!("dose_with/{g}/{o}/{b}"),
                &p["with_outcome"],
                truth_count(&u["with_outcome"]),
            );
            self.rate(with, n, &p["rate"]);
            self.wilson(with, n, &p["ci_low"], &p["ci_high"]);
            self.subset(n, with, &format!("dose_without/{g}/{o}/{b}"));
            let entry = by_group.entry(g.clone()).or_default();
            if !entry.contains(&n) {
                entry.push(n);
            }
            with_by.entry((g, o.clone())).or_default().push(with);
            for item in [b.clone(), format!("{o}/{b}")] {
                if !items.contains(&item) {
                    items.push(item);
                }
            }
        }
        for (g, bands) in by_group {
            if let Some(&treated) = self.names.get(&format!("stage/{g}/matched")) {
                self.sum(treated, bands);
            }
        }
        for ((g, o), parts) in with_by {
            if let Some(&total) = self.names.get(&format!("with/{g}/{o}/p")) {
                self.sum(total, parts);
            }
        }
        self.partition(&groups, &items, |g, i| {
            if i.contains('/') {
                format!("dose_with/{g}/{i}")
            } else {
                format!("dose/{g}/{i}")
            }
        });
    }

    /// What makes relationships last: each group's matched students with a
    /// known wait, and the pair factors (a factor's levels add up to the
    /// pairs, and their sustained and completed pairs to the funnel's).
    fn lasting(&mut self, m: &Value, t: &Value) {
        let groups: Vec<String> = list(m, "groups").iter().map(text).collect();
        for (p, u) in list(m, "match_wait").iter().zip(list(t, "match_wait")) {
            let g = text(&p["group"]);
            self.count(&format!("wait/{g}"), &p["students"], truth_count(&u["students"]));
        }
        self.partition(&groups, &[String::new()], |g, _| format!("wait/{g}"));
        // Aligned and other pairs' at-risk counts add up to All eligible's.
        let mut at_risk: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
        for (p, u) in list(m, "retention_alignment")
            .iter()
            .zip(list(t, "retention_alignment"))
        {
            let (g, month) = (text(&p["group"]), p["month"].as_u64().unwrap());
            let id = self.count(
                &format!("at_risk/alignment {g}/{month}"),
                &p["at_risk"],
                truth_count(&u["at_risk"]),
            );
            at_risk.entry(month).or_default().push(id);
        }
        for (month, parts) in at_risk {
            if let Some(&total) = self.names.get(&format!("at_risk/{ALL}/{month}")) {
                self.sum(total, parts);
            }
        }
        let (p, u) = (&m["continuity"], &t["continuity"]);
        if !p.is_null() {
            let logged = self.count(
                "continuity/logged",
                &p["pairs_with_logged_mentor"],
                truth_count(&u["pairs_with_logged_mentor"]),
            );
            let other = self.count(
                "continuity/another",
                &p["pairs_with_another_mentor"],
                truth_count(&u["pairs_with_another_mentor"]),
            );
            self.rate(other, logged, &p["share"]);
            self.subset(logged, other, "continuity/same");
            if let Some(&pairs) = self.names.get(&format!("stage/{ALL}/matched")) {
                self.subset(pairs, logged, "continuity/not logged");
            }
        }
        let mut levels: BTreeMap<(String, &str), Vec<usize>> = BTreeMap::new();
        for (p, u) in list(m, "pair_factors").iter().zip(list(t, "pair_factors")) {
            let (f, l) = (text(&p["factor"]), text(&p["level"]));
            let pairs = self.count(&format!("factor/{f}/{l}"), &p["pairs"], truth_count(&u["pairs"]));
            levels.entry((f.clone(), "matched")).or_default().push(pairs);
            for stage in ["sustained", "completed"] {
                let (q, v) = (&p[stage], &u[stage]);
                let with = self.count(
                    &format!("factor/{f}/{l}/{stage}"),
                    &q["count"],
                    truth_count(&v["count"]),
                );
                self.rate(with, pairs, &q["rate"]);
                self.wilson(with, pairs, &q["ci_low"], &q["ci_high"]);
                self.subset(pairs, with, &format!("factor/{f}/{l}/not {stage}"));
                levels.entry((f.clone(), stage)).or_default().push(with);
                let (Some(&all_pairs), Some(&all_with)) = (
                    self.names.get(&format!("stage/{ALL}/matched")),
                    self.names.get(&format!("stage/{ALL}/{stage}")),
                ) else {
                    continue;
                };
                if let Some(pv) = number(&q["p_value"]) {
                    self.relate(Kind::Test, vec![with, pairs, all_with, all_pairs], move |v| {
                        let (k, n, kk, nn) = (v[0], v[1], v[2], v[3]);
                        k <= n
                            && k <= kk
                            && n <= nn
                            && kk - k <= nn - n
                            && close(fisher_exact(k, n - k, kk - k, (nn - n) - (kk - k)), pv, 3)
                    });
                }
            }
        }
        for ((_, stage), parts) in levels {
            if let Some(&total) = self.names.get(&format!("stage/{ALL}/{stage}")) {
                self.sum(total, parts);
            }
        }
    }

    fn relationships(&mut self, m: &Value, t: &Value) {
        let mut bands: Vec<String> = Vec::new();
        for (p, u) in list(m, "compliance").iter().zip(list(t, "compliance")) {
            let (g, b) = (text(&p["group"]), text(&p["band"]));
            self.count(&format!("band/{g}/{b}"), &p["pairs"], truth_count(&u["pairs"]));
            if !bands.contains(&b) {
                bands.push(b);
            }
        }
        let statuses = [
            "active",
            "at_risk",
            "lapsed",
            "withdrawn",
            "completed",
            "not_started",
        ];
        for (p, u) in list(m, "relationships").iter().zip(list(t, "relationships")) {
            let g = text(&p["group"]);
            let truth = truth_count(&u["pairs"]);
            let name = self.alias(&format!("stage/{g}/matched"), &format!("pairs/{g}"), truth);
            let pairs = self.count(&name, &p["pairs"], truth);
            let parts: Vec<usize> = statuses
                .iter()
                .map(|s| {
                    self.count(
                        &format!("status/{g}/{s}"),
                        &p["status"][s],
                        truth_count(&u["status"][s]),
                    )
                })
                .collect();
            self.sum(pairs, parts);
            let with_meetings = self.count(
                &format!("pairs_with_meetings/{g}"),
                &p["pairs_with_meetings"],
                truth_count(&u["pairs_with_meetings"]),
            );
            self.subset(pairs, with_meetings, &format!("without_meetings/{g}"));
            let with_window = self.count(
                &format!("pairs_with_compliance/{g}"),
                &p["pairs_with_compliance"],
                truth_count(&u["pairs_with_compliance"]),
            );
            self.subset(pairs, with_window, &format!("without_window/{g}"));
            let band_ids: Vec<usize> = bands
                .iter()
                .filter_map(|b| self.names.get(&format!("band/{g}/{b}")).copied())
                .collect();
            self.sum(with_window, band_ids);
            if let Some(&every) = self.names.get(&format!("band/{g}/every_month")) {
                self.rate(every, with_window, &p["share_every_month"]);
            }
        }
        let groups: Vec<String> = list(m, "groups").iter().map(text).collect();
        let mut items: Vec<String> = statuses.iter().map(|s| format!("status/{s}")).collect();
        items.extend(bands.iter().map(|b| format!("band/{b}")));
        items.extend(["pairs_with_meetings", "pairs_with_compliance"].map(String::from));
        self.partition(&groups, &items, |g, i| match i.split_once('/') {
            Some((family, rest)) => format!("{family}/{g}/{rest}"),
            None => format!("{i}/{g}"),
        });
        let months: Vec<u64> = list(m, "retention")
            .iter()
            .filter_map(|r| r["month"].as_u64())
            .collect();
        for (p, u) in list(m, "retention").iter().zip(list(t, "retention")) {
            let (g, month) = (text(&p["group"]), p["month"].as_u64().unwrap());
            let at_risk = self.count(
                &format!("at_risk/{g}/{month}"),
                &p["at_risk"],
                truth_count(&u["at_risk"]),
            );
            let before = if month == 1 {
                format!("pairs_with_meetings/{g}")
            } else {
                format!("at_risk/{g}/{}", month - 1)
            };
            if let Some(&before) = self.names.get(&before) {
                self.subset(before, at_risk, &format!("left/{g}/{month}"));
            }
        }
        let items: Vec<String> = months.iter().map(u64::to_string).collect();
        self.partition(&groups, &items, |g, i| format!("at_risk/{g}/{i}"));
        self.partition(&groups, &items, |g, i| format!("left/{g}/{i}"));
    }

    /// A count that may be the same fact as a registered one (`same`):
    /// then it is that variable (one fact, one cell), else its own.
    fn fact(&mut self, own: &str, same: Option<String>, published: &Value, truth: u64) -> usize {
        match same {
            Some(name)
                if self
                    .names
                    .get(&name)
                    .is_some_and(|&id| self.vars[id].truth == truth) =>
            {
                self.count(&name, published, truth)
            }
            _ => self.count(own, published, truth),
        }
    }

    /// The data-quality counts and the inputs' rows: a wave's duplicates,
    /// unknown students, kept and received rows are `survey_waves`' counts.
    fn quality(&mut self, m: &Value, t: &Value) {
        let (p, u) = (&m["data_quality"], &t["data_quality"]);
        let mut by_rule: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut by_severity: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        // The findings of the rules that drop a row (inputs.md), per input.
        let dropping = [
            "missing_required_value",
            "duplicate_student_id",
            "duplicate_mentor_id",
            "unknown_student",
            "meeting_before_match",
            "meeting_after_as_of",
            "duplicate_meeting",
            "not_a_record",
        ];
        let mut dropped_by: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (pc, uc) in list(p, "by_input").iter().zip(list(u, "by_input")) {
            let (input, rule) = (text(&pc["input"]), text(&pc["rule"]));
            let wave = input.strip_prefix("survey ").map(str::to_string);
            let same = match rule.as_str() {
                "duplicate_survey_response" => wave.map(|w| format!("wave/{w}/duplicates")),
                "unknown_student" => wave.map(|w| format!("wave/{w}/not_in_cohort")),
                _ => None,
            };
            let id = self.fact(
                &format!("quality/{input}/{rule}"),
                same,
                &pc["findings"],
                truth_count(&uc["findings"]),
            );
            if dropping.contains(&rule.as_str()) {
                dropped_by.entry(input.clone()).or_default().push(id);
            }
            by_rule.entry(rule).or_default().push(id);
            by_severity.entry(text(&pc["severity"])).or_default().push(id);
        }
        for (rule, parts) in by_rule {
            let total = self.count(
                &format!("quality_rule/{rule}"),
                &p["by_rule"][&rule],
                truth_count(&u["by_rule"][&rule]),
            );
            self.sum(total, parts);
        }
        for (severity, field) in [("error", "errors"), ("warning", "warnings")] {
            let total = self.count(&format!("quality/{field}"), &p[field], truth_count(&u[field]));
            if let Some(parts) = by_severity.remove(severity) {
                self.sum(total, parts);
            }
        }
        for (pi, ui) in list(m, "inputs").iter().zip(list(t, "inputs")) {
            let name = text(&pi["name"]);
            let wave = name.strip_prefix("survey ").map(str::to_string);
            let mut rows = Vec::new();
            // Rows are not students: a meeting log holds more rows than the
            // cohort has students, so a withheld row count may be that large.
            let cohort_bound = self.bound;
            self.bound = self.bound.max(2 * truth_count(&ui["rows_read"]));
            for (field, item) in [("rows_read", "received"), ("rows_used", "kept")] {
                let same = match (&wave, field) {
                    (Some(w), _) => Some(format!("wave/{w}/{item}")),
                    (None, "rows_used") if name == "cohort" => Some(format!("stage/{ALL}/eligible")),
                    (None, "rows_used") if name == "mentors" => Some("bank/mentors".to_string()),
                    _ => None,
                };
                rows.push(self.fact(
                    &format!("rows/{name}/{field}"),
                    same,
                    &pi[field],
                    truth_count(&ui[field]),
                ));
            }
            // Rows read less rows used are the rows dropped: where the data
            // make it hold, the findings of the rules that drop rows.
            let dropped = format!("rows/{name}/dropped");
            self.subset(rows[0], rows[1], &dropped);
            self.bound = cohort_bound;
            if let (Some(&id), Some(parts)) = (self.names.get(&dropped), dropped_by.remove(&name)) {
                self.sum(id, parts);
            }
        }
    }

    fn surveys(&mut self, m: &Value, t: &Value) {
        let groups: Vec<String> = list(m, "groups").iter().map(text).collect();
        for (p, u) in list(m, "survey_waves").iter().zip(list(t, "survey_waves")) {
            let w = text(&p["wave"]);
            let mut ids = Vec::new();
            for item in ["received", "kept", "unfinished", "not_in_cohort", "duplicates"] {
                ids.push(self.count(&format!("wave/{w}/{item}"), &p[item], truth_count(&u[item])));
            }
            self.sum(ids[0], ids[1..].to_vec());
            if let Some(&registered) = self.names.get(&format!("stage/{ALL}/registered")) {
                self.rate(ids[1], registered, &p["response_rate"]);
            }
        }
        let mut answered: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
        for (p, u) in list(m, "items").iter().zip(list(t, "items")) {
            let (w, i) = (text(&p["wave"]), text(&p["item"]));
            let id = self.count(
                &format!("item/{w}/{i}/{}", p["score"]),
                &p["count"],
                truth_count(&u["count"]),
            );
            answered.entry((w, i)).or_default().push(id);
        }
        for ((w, i), mut ids) in answered {
            let Some(&kept) = self.names.get(&format!("wave/{w}/kept")) else {
                continue;
            };
            let truth = self.vars[kept].truth - ids.iter().map(|&id| self.vars[id].truth).sum::<u64>();
            ids.push(self.implied(&format!("missing/{w}/{i}"), truth));
            self.sum(kept, ids);
        }
        let mut scale_items = Vec::new();
        for (p, u) in list(m, "scales").iter().zip(list(t, "scales")) {
            let item = format!("{}/{}", text(&p["scale"]), text(&p["wave"]));
            self.count(
                &format!("scale/{}/{item}", text(&p["group"])),
                &p["n"],
                truth_count(&u["n"]),
            );
            scale_items.push(item);
        }
        self.partition(&groups, &scale_items, |g, i| format!("scale/{g}/{i}"));
        for (p, u) in list(m, "attrition").iter().zip(list(t, "attrition")) {
            let s = text(&p["scale"]);
            let a = self.count(
                &format!("attrition/{s}/yes"),
                &p["n_answered_post"],
                truth_count(&u["n_answered_post"]),
            );
            let b = self.count(
                &format!("attrition/{s}/no"),
                &p["n_not_answered_post"],
                truth_count(&u["n_not_answered_post"]),
            );
            if let Some(&pre) = self.names.get(&format!("scale/{ALL}/{s}/pre")) {
                self.sum(pre, vec![a, b]);
            }
        }
        let mut paired_items = Vec::new();
        for (p, u) in list(m, "paired").iter().zip(list(t, "paired")) {
            let s = text(&p["scale"]);
            let n = self.count(
                &format!("paired/{}/{s}", text(&p["group"])),
                &p["n"],
                truth_count(&u["n"]),
            );
            if let Some(df) = number(&p["df"]) {
                self.relate(Kind::Test, vec![n], move |v| close(v[0] as f64 - 1.0, df, 1));
            }
            paired_items.push(s);
        }
        self.partition(&groups, &paired_items, |g, i| format!("paired/{g}/{i}"));
        let mut waves = Vec::new();
        for (p, u) in list(m, "intent").iter().zip(list(t, "intent")) {
            let (g, w) = (text(&p["group"]), text(&p["wave"]));
            let n = self.count(&format!("intent/{g}/{w}/n"), &p["n"], truth_count(&u["n"]));
            let yes = self.count(
                &format!("intent/{g}/{w}/yes"),
                &p["intending"],
                truth_count(&u["intending"]),
            );
            self.rate(yes, n, &p["share"]);
            self.wilson(yes, n, &p["ci_low"], &p["ci_high"]);
            self.subset(n, yes, &format!("intent/{g}/{w}/no"));
            waves.push(w);
        }
        for item in ["n", "yes", "no"] {
            let items: Vec<String> = waves.iter().map(|w| format!("{w}/{item}")).collect();
            self.partition(&groups, &items, |g, i| format!("intent/{g}/{i}"));
        }
        for (p, u) in list(m, "intent_paired").iter().zip(list(t, "intent_paired")) {
            let g = text(&p["group"]);
            let [n, b, c] = ["n", "b", "c"]
                .map(|k| self.count(&format!("intent_paired/{g}/{k}"), &p[k], truth_count(&u[k])));
            let truth = self.vars[n].truth - self.vars[b].truth - self.vars[c].truth;
            let same = self.implied(&format!("intent_paired/{g}/same"), truth);
            self.sum(n, vec![b, c, same]);
            if let (Some(pre), Some(post)) = (number(&p["share_pre"]), number(&p["share_post"])) {
                self.relate(Kind::Rate, vec![b, c, n], move |v| {
                    v[2] > 0
                        // b intended before and not after, c the reverse.
                        && ((v[1] as f64 - v[0] as f64) / v[2] as f64 - (post - pre)).abs() <= 0.001 + 1e-9
                });
            }
            if let Some(pv) = number(&p["mcnemar_p"]) {
                self.relate(Kind::Test, vec![b, c], move |v| {
                    close(mcnemar_exact(v[0], v[1]), pv, 3)
                });
            }
            if let Some(df) = number(&p["df"]) {
                self.relate(Kind::Test, vec![n], move |v| close(v[0] as f64 - 1.0, df, 1));
            }
        }
        let items: Vec<String> = ["n", "b", "c", "same"].map(String::from).to_vec();
        self.partition(&groups, &items, |g, i| format!("intent_paired/{g}/{i}"));
    }

    fn mentor_bank(&mut self, m: &Value, t: &Value) {
        let (p, u) = (&m["mentors"], &t["mentors"]);
        if p.is_null() {
            return;
        }
        let mentors = self.count("bank/mentors", &p["mentors"], truth_count(&u["mentors"]));
        let matched = self.count(
            "bank/matched",
            &p["matched_mentees"],
            truth_count(&u["matched_mentees"]),
        );
        if let Some(capacity) = p["total_capacity"].as_f64() {
            let cap = self.var(
                "bank/capacity",
                vec![capacity.round() as u64],
                capacity.round() as u64,
                true,
                false,
            );
            self.rate(matched, cap, &p["utilisation"]);
        }
        let mut sector_mentors = Vec::new();
        let mut sector_matched = Vec::new();
        for (name, s) in p["by_sector"].as_object().into_iter().flatten() {
            let v = &u["by_sector"][name];
            sector_mentors.push(self.count(
                &format!("sector/{name}/mentors"),
                &s["mentors"],
                truth_count(&v["mentors"]),
            ));
            sector_matched.push(self.count(
                &format!("sector/{name}/matched"),
                &s["matched_mentees"],
                truth_count(&v["matched_mentees"]),
            ));
        }
        self.sum(mentors, sector_mentors);
        self.sum(matched, sector_matched);
        for field in ["by_source", "mentees_per_mentor"] {
            let parts: Vec<usize> = p[field]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, c)| self.count(&format!("{field}/{k}"), c, truth_count(&u[field][k])))
                .collect();
            self.sum(mentors, parts);
        }
    }
}

/// Retention steps a reader can be sure ended 1..N-1 relationships: from
/// S(m-1), S(m) (each within 0.0005) and the number at risk at m-1, events
/// in the month are at least n (1 - S(m) / S(m-1)).
fn small_retention_steps(m: &Value, threshold: u64) -> Vec<String> {
    let mut found = Vec::new();
    // A group's curve starts from its pairs with meetings; an alignment
    // level's starting count is not published, so its steps count from month 2.
    for family in ["retention", "retention_alignment"] {
        let mut previous: BTreeMap<String, (f64, Option<u64>)> = BTreeMap::new();
        if family == "retention" {
            for r in list(m, "relationships") {
                previous.insert(text(&r["group"]), (1.0, r["pairs_with_meetings"].as_u64()));
            }
        }
        for r in list(m, family) {
            let g = text(&r["group"]);
            let Some(&(before, Some(n))) = previous.get(&g) else {
                if r["month"] == 1
                    && let Some(now) = number(&r["survival"])
                {
                    previous.insert(g, (now, r["at_risk"].as_u64()));
                }
                continue;
            };
            if let Some(now) = number(&r["survival"]) {
                let n = n as f64;
                let low = n * (1.0 - (now + 0.0005) / (before - 0.0005).max(1e-9));
                let high = n * (1.0 - (now - 0.0005).max(0.0) / (before + 0.0005).min(1.0));
                if low > 0.5 && high < threshold as f64 - 0.5 {
                    found.push(format!(
                        "{family} {g} month {}: {low:.1}-{high:.1} events",
                        r["month"]
                    ));
                }
                previous.insert(g, (now, r["at_risk"].as_u64()));
            } else {
                previous.remove(&g);
            }
        }
    }
    found
}

/// Numbers in the published tables carry no more decimals than metrics.json.
fn overprecise_table_cells(wd: &Workdir, out: &str) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(wd.path(&format!("{out}/tables"))).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for field in text.split([',', '\n']) {
            if let Some((_, decimals)) = field.split_once('.')
                && field.parse::<f64>().is_ok()
                && decimals.len() > 3
            {
                found.push(format!("{}: {field}", path.display()));
            }
        }
    }
    found
}

/// Everything a reader with `kinds` of reasoning recovers from `published`.
fn recovered_with(rule: Rule, kinds: &[Kind], published: &Value, truth: &Value) -> Vec<String> {
    let cohort = truth_count(&list(truth, "uptake")[0]["denominator"]);
    let mut attacker = Attacker::new(rule, kinds, cohort);
    attacker.uptake(published, truth);
    attacker.outcomes(published, truth);
    attacker.relationships(published, truth);
    attacker.surveys(published, truth);
    attacker.mentor_bank(published, truth);
    attacker.comparison(published, truth);
    attacker.lasting(published, truth);
    attacker.quality(published, truth);
    attacker.pooling(published, truth);
    // The attack must have had something to work on.
    let withheld = attacker.vars.iter().filter(|v| !v.exact && !v.implied).count();
    assert!(withheld > 0, "nothing withheld to attack under {rule:?}");
    attacker.recover()
}

/// Percentages in the report carry one decimal at most (0.1 point, as published).
fn overprecise_report_figures(wd: &Workdir, out: &str) -> Vec<String> {
    let report = wd.read(&format!("{out}/report.html"));
    let mut found = Vec::new();
    for (at, _) in report.match_indices('%') {
        let number: String = report[..at]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if number
            .split_once('.')
            .is_some_and(|(_, decimals)| decimals.len() > 1)
        {
            found.push(format!("report.html: {number}%"));
        }
    }
    found
}

/// Runs the programme in `dir` under `rule` and attacks what it published.
fn attack(wd: &Workdir, dir: &str, rule: Rule) -> Vec<String> {
    let config = wd.read(&format!("{dir}/base.toml"));
    let rule_text = match rule {
        Rule::Threshold(n) => format!("rule = \"threshold\"\nthreshold = {n}"),
        Rule::Hesa => "rule = \"hesa\"".to_string(),
    };
    let config = config
        .replace("rule = \"hesa\"", &rule_text)
        .replace("internal = false", "internal = true");
    assert!(config.contains("internal = true"), "the attack needs the truth");
    wd.write(&format!("{dir}/evidence.toml"), config);
    let out = format!("{dir}/out-{}", rule_text.replace(['\n', ' ', '"', '='], ""));
    wd.run(&[
        "run",
        "-c",
        &format!("{dir}/evidence.toml"),
        "--out",
        &out,
        "--quiet",
    ])
    .expect_code(0);
    let published: Value = serde_json::from_str(&wd.read(&format!("{out}/metrics.json"))).unwrap();
    let truth: Value = serde_json::from_str(&wd.read(&format!("{out}/internal/metrics.json"))).unwrap();
    let mut recovered = match rule {
        Rule::Threshold(n) => {
            let mut found = recovered_with(
                rule,
                &[Kind::Rate, Kind::Sum, Kind::Test, Kind::Pooled],
                &published,
                &truth,
            );
            found.extend(small_retention_steps(&published, n));
            found
        }
        // What the tests and df add to what the convention publishes.
        Rule::Hesa => {
            let convention = recovered_with(rule, &[Kind::Rate, Kind::Sum], &published, &truth);
            recovered_with(
                rule,
                &[Kind::Rate, Kind::Sum, Kind::Test, Kind::Pooled],
                &published,
                &truth,
            )
            .into_iter()
            .filter(|r| !convention.contains(r))
            .collect()
        }
    };
    recovered.extend(overprecise_table_cells(wd, &out));
    recovered.extend(overprecise_report_figures(wd, &out));
    recovered
}

/// A sample programme of `students`, with only the first target group when `one_group`.
fn programme(wd: &Workdir, dir: &str, students: &str, one_group: bool) {
    seeded_programme(wd, dir, students, one_group, "2026");
}

/// As `programme`, from another seed.
fn seeded_programme(wd: &Workdir, dir: &str, students: &str, one_group: bool, seed: &str) {
    wd.run(&[
        "sample-data",
        "--out",
        dir,
        "--students",
        students,
        "--seed",
        seed,
    ])
    .expect_code(0);
    let mut config = wd.read(&format!("{dir}/evidence.toml"));
    if one_group {
        let start = config.find("[target_groups]").unwrap();
        let first = config[start..].find('\n').unwrap() + start + 1;
        let second = config[first..].find('\n').unwrap() + first + 1;
        let end = config[second..].find("\n\n").unwrap() + second;
        config.replace_range(second..end, "");
    }
    wd.write(&format!("{dir}/base.toml"), config);
}

#[test]
fn threshold_publishes_nothing_a_reader_can_work_a_withheld_count_out_of() {
    let wd = Workdir::new("attacker-threshold");
    programme(&wd, "three", "200", false);
    programme(&wd, "one", "300", true);
    seeded_programme(&wd, "other", "250", false, "7");
    let mut recovered = Vec::new();
    let runs = [
        ("three", 3),
        ("three", 5),
        ("three", 10),
        ("one", 5),
        ("one", 10),
        ("other", 5),
        ("other", 10),
    ];
    for (dir, n) in runs {
        recovered.extend(
            attack(&wd, dir, Rule::Threshold(n))
                .into_iter()
                .map(|r| format!("{dir} N={n}: {r}")),
        );
    }
    assert!(recovered.is_empty(), "recovered:\n{}", recovered.join("\n"));
}

#[test]
fn hesa_publishes_nothing_beyond_hesas_own_convention() {
    let wd = Workdir::new("attacker-hesa");
    programme(&wd, "three", "150", false);
    programme(&wd, "one", "300", true);
    // Large enough that paired effects, matched effects and uptake gaps are
    // published: their inversions meet real records.
    programme(&wd, "big", "1000", false);
    let mut recovered = Vec::new();
    for dir in ["three", "one", "big"] {
        recovered.extend(
            attack(&wd, dir, Rule::Hesa)
                .into_iter()
                .map(|r| format!("{dir}: {r}")),
        );
    }
    assert!(recovered.is_empty(), "recovered:\n{}", recovered.join("\n"));
}

#[test]
fn the_precision_checks_can_fail() {
    let wd = Workdir::new("attacker-checks");
    wd.write("out/report.html", "<td>12.3%</td><td>45.67%</td><td>100%</td>");
    wd.write("out/tables/uptake.csv", "group,rate\nA,0.333\nB,0.3333\n");
    assert_eq!(overprecise_report_figures(&wd, "out"), ["report.html: 45.67%"]);
    assert_eq!(overprecise_table_cells(&wd, "out").len(), 1);
}

/// A 200-student programme under threshold 10, its published and internal
/// metrics.json; nothing withheld in it can be recovered.
fn control_run(wd: &Workdir) -> (Value, Value) {
    programme(wd, "three", "200", false);
    let config = wd
        .read("three/base.toml")
        .replace("rule = \"hesa\"", "rule = \"threshold\"\nthreshold = 10")
        .replace("internal = false", "internal = true");
    wd.write("three/evidence.toml", config);
    wd.run(&["run", "-c", "three/evidence.toml", "--out", "out", "--quiet"])
        .expect_code(0);
    let published: Value = serde_json::from_str(&wd.read("out/metrics.json")).unwrap();
    let truth: Value = serde_json::from_str(&wd.read("out/internal/metrics.json")).unwrap();
    let kinds = [Kind::Rate, Kind::Sum, Kind::Test, Kind::Pooled];
    assert!(recovered_with(Rule::Threshold(10), &kinds, &published, &truth).is_empty());
    (published, truth)
}

/// The positive control: an output that publishes the data-quality counts
/// and input rows exactly, as this tool did before they followed the rule,
/// is broken by the same attacker (a wave's duplicates are `<N` in
/// `survey_waves` and exact in `data_quality`).
#[test]
fn the_attacker_breaks_a_deliberately_leaky_output() {
    let wd = Workdir::new("attacker-control");
    let (published, truth) = control_run(&wd);
    let (kinds, rule) = (
        [Kind::Rate, Kind::Sum, Kind::Test, Kind::Pooled],
        Rule::Threshold(10),
    );
    let mut leaky = published.clone();
    leaky["data_quality"] = truth["data_quality"].clone();
    leaky["inputs"] = truth["inputs"].clone();
    let recovered = recovered_with(rule, &kinds, &leaky, &truth);
    assert!(
        recovered.iter().any(|r| r.starts_with("wave/")),
        "the leaky output was not broken: {recovered:?}"
    );
}

/// Issue 32: the attacker inverts a pooling record's estimate and SE for
/// the counts it rests on (a positive control: records planted where the
/// stage count is withheld are broken).
#[test]
fn the_attacker_inverts_pooling_records_planted_over_withheld_counts() {
    let wd = Workdir::new("attacker-pooling-control");
    let (published, truth) = control_run(&wd);
    let (kinds, rule) = (
        [Kind::Rate, Kind::Sum, Kind::Test, Kind::Pooled],
        Rule::Threshold(10),
    );
    // A leaky output: every eligible and cohort count shown exactly, and a
    // pooling record published over each small withheld stage count, which
    // only the record's estimate and SE can then give away.
    let mut leaky = published.clone();
    let mut planted = Vec::new();
    let truth_uptake = list(&truth, "uptake").to_vec();
    for (u, t) in leaky["uptake"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .zip(&truth_uptake)
    {
        let (g, s) = (text(&u["group"]), text(&u["stage"]));
        let small = t["count"].as_u64().is_some_and(|c| c > 0 && c < 10);
        if g == ALL || s == "eligible" {
            u["count"] = t["count"].clone();
            u["denominator"] = t["denominator"].clone();
        } else if small && !u["count"].is_u64() {
            planted.push((g, s));
        }
    }
    let truth_pooling = list(&truth, "pooling").to_vec();
    let round4 = |v: &Value| serde_json::json!((v.as_f64().unwrap() * 10_000.0).round() / 10_000.0);
    for record in leaky["pooling"].as_array_mut().unwrap() {
        let key = (text(&record["group"]), text(&record["outcome"]));
        if record["measure"] == "uptake_gap" && planted.contains(&key) {
            let t = truth_pooling
                .iter()
                .find(|t| {
                    t["measure"] == "uptake_gap"
                        && t["group"] == record["group"]
                        && t["outcome"] == record["outcome"]
                })
                .unwrap();
            record["estimate"] = round4(&t["estimate"]);
            record["se"] = round4(&t["se"]);
        }
    }
    assert!(
        !planted.is_empty(),
        "the control needs a small withheld stage count"
    );
    let recovered = recovered_with(rule, &kinds, &leaky, &truth);
    assert!(
        planted.iter().any(|(g, s)| recovered
            .iter()
            .any(|r| r.starts_with(&format!("stage/{g}/{s} = ")))),
        "pooling records over withheld counts were not broken: planted {planted:?}, recovered {recovered:?}"
    );
}

/// `value` rounded to `decimals`, as metrics.json would publish it.
fn rounded(value: &Value, decimals: i32) -> Value {
    let scale = 10f64.powi(decimals);
    serde_json::json!((value.as_f64().unwrap() * scale).round() / scale)
}

/// Publishes, in `leaky`, the true estimate and SE of every `measure`
/// record that `published` withheld and `planted` picks (by group and
/// outcome); returns the records planted.
fn plant(
    leaky: &mut Value,
    truth: &Value,
    measure: &str,
    planted: impl Fn(&str, &str) -> bool,
) -> Vec<(String, String)> {
    let decimals = if measure.starts_with("paired") { 3 } else { 4 };
    let mut done = Vec::new();
    for (p, t) in leaky["pooling"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .zip(list(truth, "pooling"))
    {
        let (g, o) = (text(&p["group"]), text(&p["outcome"]));
        if p["measure"] == measure && p["estimate"].is_null() && t["se"].is_f64() && planted(&g, &o) {
            p["estimate"] = rounded(&t["estimate"], decimals);
            p["se"] = rounded(&t["se"], decimals);
            done.push((g, o));
        }
    }
    assert!(
        !done.is_empty(),
        "the control needs a withheld {measure} record to plant"
    );
    done
}

/// The positive control of the intent change's inversion: records planted
/// over withheld discordant pairs (b, c under 10) give them away.
#[test]
fn the_attacker_inverts_intent_changes_planted_over_withheld_discordant_pairs() {
    let wd = Workdir::new("attacker-intent-control");
    let (published, truth) = control_run(&wd);
    let mut leaky = published.clone();
    let planted = plant(&mut leaky, &truth, "intent_change", |_, _| true);
    let kinds = [Kind::Rate, Kind::Sum, Kind::Test, Kind::Pooled];
    let recovered = recovered_with(Rule::Threshold(10), &kinds, &leaky, &truth);
    assert!(
        planted.iter().any(|(g, _)| recovered
            .iter()
            .any(|r| r.starts_with(&format!("intent_paired/{g}/b"))
                || r.starts_with(&format!("intent_paired/{g}/c")))),
        "intent changes over withheld discordant pairs were not broken: planted {planted:?}, recovered {recovered:?}"
    );
}

/// The positive controls of the paired records' inversions: a paired
/// effect planted over a withheld number of pairs gives it away (its SE
/// depends on n alone), and so does a paired change when the paired table
/// shows its SD too.
#[test]
fn the_attacker_inverts_paired_records_planted_over_withheld_pairs() {
    let wd = Workdir::new("attacker-paired-control");
    let (published, truth) = control_run(&wd);
    let kinds = [Kind::Rate, Kind::Sum, Kind::Test, Kind::Pooled];
    let broken = |leaky: &Value, planted: &[(String, String)]| {
        let recovered = recovered_with(Rule::Threshold(10), &kinds, leaky, &truth);
        let found = planted.iter().any(|(g, s)| {
            recovered
                .iter()
                .any(|r| r.starts_with(&format!("paired/{g}/{s} ")))
        });
        (found, recovered)
    };
    let mut leaky = published.clone();
    let planted = plant(&mut leaky, &truth, "paired_effect", |_, _| true);
    let (found, recovered) = broken(&leaky, &planted);
    assert!(
        found,
        "paired effects were not broken: planted {planted:?}, recovered {recovered:?}"
    );
    let mut leaky = published.clone();
    let planted = plant(&mut leaky, &truth, "paired_change", |_, _| true);
    for (p, t) in leaky["paired"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .zip(list(&truth, "paired"))
    {
        if planted.contains(&(text(&p["group"]), text(&p["scale"]))) {
            p["sd_diff"] = rounded(&t["sd_diff"], 2);
        }
    }
    let (found, recovered) = broken(&leaky, &planted);
    assert!(
        found,
        "paired changes were not broken: planted {planted:?}, recovered {recovered:?}"
    );
}

/// The positive control of the matched effect's inversion: effects planted
/// over withheld matched arms give the arms away where the control arm's
/// weights are equal (here, where no matched control has the outcome).
#[test]
fn the_attacker_inverts_matched_effects_planted_over_withheld_arms() {
    let wd = Workdir::new("attacker-matched-control");
    let (published, truth) = control_run(&wd);
    let mut leaky = published.clone();
    let planted = plant(&mut leaky, &truth, "matched_effect", |_, _| true);
    let kinds = [Kind::Rate, Kind::Sum, Kind::Test, Kind::Pooled];
    let recovered = recovered_with(Rule::Threshold(10), &kinds, &leaky, &truth);
    assert!(
        planted
            .iter()
            .any(|(g, _)| recovered.iter().any(|r| r.starts_with(&format!("matched/{g}/")))),
        "matched effects over withheld arms were not broken: planted {planted:?}, recovered {recovered:?}"
    );
}

/// At 3,000 students the pooling records (intent changes among them, which
/// smaller programmes withhold) let a reader work out nothing that the rest
/// of what `hesa` publishes does not: recovered with them and without them,
/// the same. (What the rest gives away at this size beyond the convention,
/// McNemar's p pinning discordant pairs of 8 or more, is docs/decisions.md's,
/// "Pooling records under hesa".) Under `threshold`, nothing at all.
#[test]
fn pooling_records_add_nothing_at_3000_students() {
    let wd = Workdir::new("attacker-pooling-3000");
    programme(&wd, "big", "3000", false);
    let mut found: Vec<String> = attack(&wd, "big", Rule::Threshold(10));
    attack(&wd, "big", Rule::Hesa);
    let out = "big/out-rulehesa";
    let published: Value = serde_json::from_str(&wd.read(&format!("{out}/metrics.json"))).unwrap();
    let truth: Value = serde_json::from_str(&wd.read(&format!("{out}/internal/metrics.json"))).unwrap();
    let published_records = list(&published, "pooling")
        .iter()
        .filter(|p| p["measure"] == "intent_change" && p["estimate"].is_f64())
        .count();
    assert!(published_records > 0, "no intent change published to attack");
    let without = recovered_with(
        Rule::Hesa,
        &[Kind::Rate, Kind::Sum, Kind::Test],
        &published,
        &truth,
    );
    let with = recovered_with(
        Rule::Hesa,
        &[Kind::Rate, Kind::Sum, Kind::Test, Kind::Pooled],
        &published,
        &truth,
    );
    found.extend(with.into_iter().filter(|r| !without.contains(r)));
    assert!(found.is_empty(), "recovered:\n{}", found.join("\n"));
}
