//! Descriptive statistics: quantiles with linear interpolation (numpy's default).

/// The q-quantile (0..=1) of `values` with linear interpolation between order
/// statistics, as `numpy.quantile(values, q)` (method "linear"). None when empty.
pub fn quantile(values: &[f64], q: f64) -> Option<f64> {
    if values.is_empty() || !(0.0..=1.0).contains(&q) {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let h = (sorted.len() - 1) as f64 * q;
    let low = h.floor() as usize;
    let high = (low + 1).min(sorted.len() - 1);
    Some(sorted[low] + (h - low as f64) * (sorted[high] - sorted[low]))
}

/// The median (linear interpolation), None when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    quantile(values, 0.5)
}
