//! Binomial proportions: the Wilson score interval.

use super::Z_95;

/// Wilson 95% interval for k successes in n trials, as
/// `scipy.stats.binomtest(k, n).proportion_ci(method="wilson")`:
/// the lower bound is exactly 0 when k = 0 and the upper exactly 1 when k = n.
/// None when n = 0 (or k > n).
pub fn wilson(k: u64, n: u64) -> Option<(f64, f64)> {
    if n == 0 || k > n {
        return None;
    }
    let n_f = n as f64;
    let p = k as f64 / n_f;
    let z2 = Z_95 * Z_95;
    // scipy's arrangement of the formula, so the rounding matches the reference.
    let denom = 2.0 * (n_f + z2);
    let center = (2.0 * n_f * p + z2) / denom;
    let delta = Z_95 * (4.0 * n_f * p * (1.0 - p) + z2).sqrt() / denom;
    let low = if k == 0 { 0.0 } else { center - delta };
    let high = if k == n { 1.0 } else { center + delta };
    Some((low, high))
}
