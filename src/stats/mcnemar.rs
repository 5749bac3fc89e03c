//! The exact McNemar test for paired binary outcomes, computed directly.

/// Exact two-sided McNemar p = min(1, 2 · BinomCDF(min(b, c); b + c, 1/2));
/// b + c = 0 gives 1 (statsmodels `mcnemar(exact=True)` semantics otherwise).
pub fn mcnemar_exact(b: u64, c: u64) -> f64 {
    let n = b + c;
    if n == 0 {
        return 1.0;
    }
    let k = b.min(c);
    // log C(n, k) - n log 2, then terms downwards by the ratio C(n, j-1)/C(n, j) = j / (n - j + 1).
    let mut log_term = -(n as f64) * std::f64::consts::LN_2;
    for i in 1..=k {
        log_term += ((n - k + i) as f64).ln() - (i as f64).ln();
    }
    let mut term = log_term.exp();
    let mut cdf = term;
    let mut j = k;
    while j > 0 {
        term *= j as f64 / (n - j + 1) as f64;
        cdf += term;
        j -= 1;
    }
    (2.0 * cdf).min(1.0)
}
