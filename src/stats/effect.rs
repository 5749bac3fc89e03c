//! Effect sizes of paired differences: Cohen's d_z and Hedges' g_z.

use statrs::function::gamma::ln_gamma;

/// Cohen's d_z = mean(d) / sd(d); None when sd is 0 or unknown.
pub fn cohens_dz(mean: Option<f64>, sd: Option<f64>) -> Option<f64> {
    let (mean, sd) = (mean?, sd?);
    (sd > 0.0).then(|| mean / sd)
}

/// The small-sample correction J(df) = Γ(df/2) / (sqrt(df/2) · Γ((df-1)/2)),
/// through log-gamma so it stays finite at large df. None for df <= 1.
pub fn hedges_j(df: f64) -> Option<f64> {
    if df <= 1.0 {
        return None;
    }
    Some((ln_gamma(df / 2.0) - ln_gamma((df - 1.0) / 2.0)).exp() / (df / 2.0).sqrt())
}

/// Hedges' g_z = d_z · J(n - 1).
pub fn hedges_gz(dz: Option<f64>, n: usize) -> Option<f64> {
    Some(dz? * hedges_j(n as f64 - 1.0)?)
}
