//! Multiple-comparison adjustment: Benjamini-Hochberg.

/// Benjamini-Hochberg adjusted p-values in input order, as R's
/// `p.adjust(method = "BH")`: p_adj(i) = min(1, min over j >= i of m·p(j)/j)
/// over the sorted p-values. Null p-values stay null and are not counted in m.
pub fn benjamini_hochberg(p_values: &[Option<f64>]) -> Vec<Option<f64>> {
    let mut present: Vec<(usize, f64)> = p_values
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.filter(|v| !v.is_nan()).map(|v| (i, v)))
        .collect();
    let m = present.len();
    let mut adjusted = vec![None; p_values.len()];
    if m == 0 {
        return adjusted;
    }
    // Sort by p ascending; ties keep input order (stable), as R's order().
    present.sort_by(|x, y| x.1.total_cmp(&y.1));
    let mut running = f64::INFINITY;
    for rank in (1..=m).rev() {
        let (index, p) = present[rank - 1];
        let candidate = (m as f64 * p / rank as f64).min(1.0);
        running = running.min(candidate);
        adjusted[index] = Some(running);
    }
    adjusted
}
