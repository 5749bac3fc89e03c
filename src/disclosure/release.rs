//! What the rule lets out: a count as published, whether a figure derived
//! from some counts may be shown, and each record's `suppressed` list.

use super::cells::{Cells, Key, State};
use super::precision::Precision;
use super::{HESA_MAX_SMALL_N, HESA_MIN_DENOMINATOR, round_hesa};
use crate::config::DisclosureRule;
use crate::metrics::model::Count;

/// The rule of one run, with the solved cells under `threshold`.
pub struct Release {
    pub rule: DisclosureRule,
    pub threshold: u64,
    pub cells: Cells,
}

/// A count of the unrounded model with the key it is known by.
pub struct Of(pub Key, pub Count);

impl Of {
    fn raw(&self) -> u64 {
        self.1.value().unwrap_or(0)
    }
}

impl Release {
    /// Whether the count is published as it is (under `threshold`: neither
    /// small nor withheld; the other rules show every count, rounded or not).
    pub fn is_shown(&self, of: &Of) -> bool {
        self.rule != DisclosureRule::Threshold || self.cells.state(&of.0, of.raw()) == State::Shown
    }

    /// Whether a rate or share over `denominator` may be shown, given the counts it is built from.
    pub fn rate(&self, counts: &[&Of], denominator: u64) -> bool {
        let allowed = match self.rule {
            DisclosureRule::Hesa => denominator as f64 >= HESA_MIN_DENOMINATOR,
            DisclosureRule::Threshold => denominator >= self.threshold,
            DisclosureRule::None => true,
        };
        allowed && counts.iter().all(|c| self.is_shown(c))
    }

    /// Whether a statistic over `n` may be shown, given the counts it reveals.
    pub fn statistic(&self, counts: &[&Of], n: u64) -> bool {
        let allowed = match self.rule {
            DisclosureRule::Hesa => n > HESA_MAX_SMALL_N,
            DisclosureRule::Threshold => n >= self.threshold,
            DisclosureRule::None => true,
        };
        allowed && counts.iter().all(|c| self.is_shown(c))
    }

    /// Whether a p-value of a test on counts may be shown: it names its
    /// table as closely as the rates do, so under `hesa` it also needs the
    /// rates' denominator.
    pub fn count_test(&self, counts: &[&Of], n: u64) -> bool {
        let rates = self.rule != DisclosureRule::Hesa || n as f64 >= HESA_MIN_DENOMINATOR;
        rates && self.statistic(counts, n)
    }

    /// A count by its key alone, with the value the plan registered (for a
    /// figure derived from a count the record does not hold itself).
    pub fn registered(&self, key: Key) -> Of {
        let value = self.cells.id(&key).map_or(0, |id| self.cells.value(id));
        Of(key, Count::Exact(value))
    }

    /// Whether counts are rounded (`hesa`).
    pub fn rounds_small_counts(&self) -> bool {
        self.rule == DisclosureRule::Hesa
    }

    /// Whether a statistic that gives away the count `v` exactly must be
    /// withheld: under `hesa`, a count it rounds that is below 8 (outputs.md).
    pub fn hides_step(&self, v: u64) -> bool {
        self.rounds_small_counts() && (1..=HESA_MAX_SMALL_N).contains(&v)
    }

    /// Whether an exact count may be published beside a rounded one: only when counts are not rounded.
    pub fn exact_allowed(&self) -> bool {
        self.rule != DisclosureRule::Hesa
    }

    /// A count as the rule publishes it.
    pub fn published(&self, of: &Of) -> Count {
        let v = match of.1 {
            Count::Exact(v) => v,
            other => return other,
        };
        match self.rule {
            DisclosureRule::None => Count::Exact(v),
            DisclosureRule::Hesa => Count::Exact(round_hesa(v)),
            DisclosureRule::Threshold => match self.cells.state(&of.0, v) {
                State::Shown => Count::Exact(v),
                State::Small => Count::Below(self.threshold),
                // An implied cell is never published: reaching one here is a
                // key that names the wrong count, so fail closed.
                State::Secondary | State::Hidden | State::Implied => Count::Withheld,
            },
        }
    }
}

/// One record being published: its withheld fields, and how many counts
/// were withheld to protect others (secondary suppression).
#[derive(Default)]
pub struct Fields {
    pub suppressed: Vec<&'static str>,
    pub secondary: usize,
}

impl Fields {
    /// A figure at its published precision, or None when `shown` is false
    /// (listed as suppressed when there was a value to withhold).
    pub fn figure(
        &mut self,
        value: Option<f64>,
        shown: bool,
        name: &'static str,
        precision: Precision,
    ) -> Option<f64> {
        match value {
            Some(_) if !shown => {
                self.suppressed.push(name);
                None
            }
            v => v.map(|x| precision.round(x)),
        }
    }

    /// The record's `suppressed` list, adding its secondary count to the run's.
    pub fn finish(self, secondary: &mut usize) -> Vec<&'static str> {
        *secondary += self.secondary;
        self.suppressed
    }

    /// A count as the rule publishes it.
    pub fn count(&mut self, release: &Release, of: &Of, name: &'static str) -> Count {
        let count = release.published(of);
        if count == Count::Withheld {
            self.suppressed.push(name);
            self.secondary += 1;
        }
        count
    }
}
