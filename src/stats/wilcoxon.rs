//! The Wilcoxon signed-rank test and the rank-biserial correlation, exactly as
//! statistics.md defines them (scipy's `wilcoxon` with zero_method="wilcox",
//! correction=False). The exact null distribution is computed directly.

use statrs::distribution::{ContinuousCDF, Normal};

/// The result of a signed-rank test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SignedRank {
    /// min(R+, R-).
    pub statistic: f64,
    pub p: f64,
    /// (R+ - R-) / (R+ + R-); None when every difference is zero.
    pub rank_biserial: Option<f64>,
    /// Whether the exact null distribution was used.
    pub exact: bool,
}

/// Largest non-zero n for the exact distribution.
pub const EXACT_MAX_N: usize = 50;

/// Rounds a difference to 9 decimals so equal Likert differences tie.
pub fn round9(value: f64) -> f64 {
    (value * 1e9).round() / 1e9
}

/// Signed-rank test of differences; None when there are none.
pub fn signed_rank(diffs: &[f64]) -> Option<SignedRank> {
    if diffs.is_empty() {
        return None;
    }
    let mut nonzero: Vec<f64> = diffs.iter().map(|d| round9(*d)).filter(|d| *d != 0.0).collect();
    if nonzero.is_empty() {
        return Some(SignedRank {
            statistic: 0.0,
            p: 1.0,
            rank_biserial: None,
            exact: false,
        });
    }
    nonzero.sort_by(|a, b| a.abs().total_cmp(&b.abs()));
    let n = nonzero.len();
    // Average ranks of |d| with ties.
    let mut ranks = vec![0.0; n];
    let mut tie_correction = 0.0;
    let mut has_ties = false;
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && nonzero[j + 1].abs() == nonzero[i].abs() {
            j += 1;
        }
        let average = (i + j) as f64 / 2.0 + 1.0;
        for rank in &mut ranks[i..=j] {
            *rank = average;
        }
        let t = (j - i + 1) as f64;
        if t > 1.0 {
            has_ties = true;
            tie_correction += t * t * t - t;
        }
        i = j + 1;
    }
    let r_plus: f64 = nonzero
        .iter()
        .zip(&ranks)
        .filter(|(d, _)| **d > 0.0)
        .map(|(_, r)| r)
        .sum();
    let r_minus: f64 = nonzero
        .iter()
        .zip(&ranks)
        .filter(|(d, _)| **d < 0.0)
        .map(|(_, r)| r)
        .sum();
    let statistic = r_plus.min(r_minus);
    let nf = n as f64;
    let exact = n <= EXACT_MAX_N && !has_ties;
    let p = if exact {
        exact_p(n, r_plus)
    } else {
        let mean = nf * (nf + 1.0) * 0.25;
        let se = ((nf * (nf + 1.0) * (2.0 * nf + 1.0) - tie_correction / 2.0) / 24.0).sqrt();
        if se > 0.0 {
            let z = (r_plus - mean) / se;
            let normal = Normal::standard();
            (2.0 * normal.cdf(-z.abs())).min(1.0)
        } else {
            1.0
        }
    };
    Some(SignedRank {
        statistic,
        p,
        rank_biserial: Some((r_plus - r_minus) / (r_plus + r_minus)),
        exact,
    })
}

/// Two-sided exact p: 2 · min(P(W >= R+), P(W <= R+)), capped at 1, where W
/// is the signed-rank statistic of n untied non-zero differences under H0.
fn exact_p(n: usize, r_plus: f64) -> f64 {
    let max = n * (n + 1) / 2;
    // counts[s] = number of subsets of {1..n} summing to s, as probabilities.
    let mut pmf = vec![0.0f64; max + 1];
    pmf[0] = 1.0;
    for k in 1..=n {
        for s in (k..=max).rev() {
            pmf[s] += pmf[s - k];
        }
    }
    let total = 2f64.powi(n as i32);
    for v in &mut pmf {
        *v /= total;
    }
    let k = r_plus.round().max(0.0) as usize;
    let cdf: f64 = pmf[..=k.min(max)].iter().sum();
    let sf: f64 = pmf[k.min(max)..].iter().sum();
    (2.0 * cdf.min(sf)).min(1.0)
}
