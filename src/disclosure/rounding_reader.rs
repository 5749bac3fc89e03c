//! Under `hesa`, what a reader can work out of the pooling records
//! (pooling.md; the attacker of tests/attacker.rs reasons the same way).
//! Each count a record rests on is published rounded to 5, so a reader
//! knows it only as one of the values that round alike (2 as 0, 1 or 2;
//! 28 as 28 to 32). A record's estimate and SE, to 0.0001 (0.001 for paired
//! measures), narrow those values, and records resting on one count narrow
//! it together (a group's uptake gaps share its eligible students; a
//! scale's change and effect share its pairs). A record that would leave a
//! count one value undoes its rounding, as a df beside a rounded n would,
//! and is withheld (docs/decisions.md, "Pooling records under hesa").

use std::collections::{BTreeMap, BTreeSet};

use super::round_hesa;

/// More combinations than this are not enumerated: the record is withheld.
const MAX_COMBINATIONS: usize = 1_000_000;

/// One count a record rests on: the reader's name for it and the values a
/// reader allows it before any record.
pub struct Unknown {
    pub key: String,
    pub start: Vec<u64>,
}

impl Unknown {
    /// A count published rounded to 5.
    pub fn rounded(key: String, truth: u64) -> Unknown {
        Unknown {
            key,
            start: rounding_window(round_hesa(truth)),
        }
    }

    /// A count not published (a share of it may be): any of `0..=most`.
    pub fn between(key: String, truth: u64, most: u64) -> Unknown {
        Unknown {
            key,
            start: (0..=most.max(truth)).collect(),
        }
    }
}

/// What a reader knows of each count, from the records admitted so far.
#[derive(Default)]
pub struct Reader {
    known: BTreeMap<String, Vec<u64>>,
}

impl Reader {
    /// What the reader knows of `key` before any record: `values` (what
    /// other published figures leave of it).
    pub fn know(&mut self, key: String, values: Vec<u64>) {
        self.known.insert(key, values);
    }

    /// Admits a record resting on `unknowns`, unless it pins a count: a
    /// reader who knows the counts hold where `shown` does (the rates and
    /// intervals already published over them) and learns that the record's
    /// figures hold where `record` does would be left one value of a count
    /// that `shown` leaves more than one. Admitted, what the reader knows is
    /// narrowed; withheld, the reader learns nothing.
    pub fn admit(
        &mut self,
        unknowns: &[Unknown],
        shown: impl Fn(&[u64]) -> bool,
        record: impl Fn(&[u64]) -> bool,
    ) -> bool {
        let domains: Vec<Vec<u64>> = unknowns
            .iter()
            .map(|u| self.known.get(&u.key).cloned().unwrap_or_else(|| u.start.clone()))
            .collect();
        let combinations = domains
            .iter()
            .try_fold(1usize, |product, d| product.checked_mul(d.len()));
        if combinations.is_none_or(|c| c > MAX_COMBINATIONS) || domains.iter().any(Vec::is_empty) {
            return false;
        }
        // The values each count takes where `shown` holds, and where the record does too.
        let mut before: Vec<BTreeSet<u64>> = vec![BTreeSet::new(); unknowns.len()];
        let mut after = before.clone();
        let mut index = vec![0usize; domains.len()];
        let mut values: Vec<u64> = domains.iter().map(|d| d[0]).collect();
        loop {
            if shown(&values) {
                let also = record(&values);
                for (k, &v) in values.iter().enumerate() {
                    before[k].insert(v);
                    if also {
                        after[k].insert(v);
                    }
                }
            }
            // The next combination, odometer-wise.
            let mut k = 0;
            while k < domains.len() {
                index[k] += 1;
                if index[k] < domains[k].len() {
                    values[k] = domains[k][index[k]];
                    break;
                }
                index[k] = 0;
                values[k] = domains[k][0];
                k += 1;
            }
            if k == domains.len() {
                break;
            }
        }
        // Empty: the record's own counts do not fit it (fail closed).
        let pins = before
            .iter()
            .zip(&after)
            .any(|(b, a)| a.is_empty() || (a.len() == 1 && b.len() > 1));
        if pins {
            return false;
        }
        for (u, a) in unknowns.iter().zip(after) {
            self.known.insert(u.key.clone(), a.into_iter().collect());
        }
        true
    }
}

/// The counts that round to `shown`.
pub fn rounding_window(shown: u64) -> Vec<u64> {
    (shown.saturating_sub(2)..=shown.saturating_add(2))
        .filter(|&v| round_hesa(v) == shown)
        .collect()
}

/// Within half a unit of a figure published to `decimals`.
pub fn near(value: f64, published: f64, decimals: i32) -> bool {
    (value - published).abs() <= 0.5 * 10f64.powi(-decimals) + 1e-9
}
