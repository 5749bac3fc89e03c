//! Descriptive statistics: quantiles with linear interpolation (numpy's default).

/// The q-quantile (0..=1) of `values` with linear interpolation between order
/// statistics, as `numpy.quantile(values, q)` (method "linear"). None when empty.
pub fn quantile(values: &[f64], q: f64) -> Option<f64> {
    if values.is_empty() || !(0.0..=1.0).contains(&q) {
        return None;
    }
    // The two order statistics around h, found by selection (linear time)
    // rather than sorting: medians of hundreds of thousands of pairs.
    let mut values = values.to_vec();
    let h = (values.len() - 1) as f64 * q;
    let low = h.floor() as usize;
    let (_, &mut at_low, above) = values.select_nth_unstable_by(low, f64::total_cmp);
    let at_high = above.iter().copied().min_by(f64::total_cmp).unwrap_or(at_low);
    Some(at_low + (h - low as f64) * (at_high - at_low))
}

/// The median (linear interpolation), None when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    quantile(values, 0.5)
}
