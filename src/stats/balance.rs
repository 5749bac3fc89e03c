//! Covariate balance of a matched comparison (comparison.md): means of the
//! treated and the controls before matching (unweighted) and after (matched
//! treated, weighted matched controls), and the standardised mean difference
//! against the before-matching spread of both arms.

/// One covariate level's balance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Balance {
    /// Students left out of this row for a missing value.
    pub n_missing: u64,
    pub mean_treated_before: Option<f64>,
    pub mean_control_before: Option<f64>,
    pub smd_before: Option<f64>,
    pub mean_treated_after: Option<f64>,
    pub mean_control_after: Option<f64>,
    pub smd_after: Option<f64>,
}

/// Weighted mean of the values whose weight is positive; None without any.
fn weighted_mean(pairs: impl Iterator<Item = (f64, f64)>) -> Option<f64> {
    let (sum, weight) = pairs
        .filter(|(_, w)| *w > 0.0)
        .fold((0.0, 0.0), |(s, n), (v, w)| (s + w * v, n + w));
    (weight > 0.0).then(|| sum / weight)
}

/// The arm's variance: p(1 - p) for a 0/1 indicator, else the sample
/// variance (ddof 1); None with too few values.
fn variance(values: &[f64], indicator: bool) -> Option<f64> {
    let n = values.len() as f64;
    let mean = weighted_mean(values.iter().map(|v| (*v, 1.0)))?;
    if indicator {
        return Some(mean * (1.0 - mean));
    }
    (values.len() > 1).then(|| values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1.0))
}

/// (mean_T - mean_C) / sqrt((s_T^2 + s_C^2) / 2); a zero spread gives 0
/// when the means are equal, else None.
fn smd(treated: Option<f64>, control: Option<f64>, spread: Option<f64>) -> Option<f64> {
    let (t, c, spread) = (treated?, control?, spread?);
    // Means equal up to rounding (an exactly matched level) differ by 0.
    if (t - c).abs() <= 1e-12 * t.abs().max(c.abs()).max(1.0) {
        return Some(0.0);
    }
    if spread > 0.0 {
        Some((t - c) / spread)
    } else {
        (t == c).then_some(0.0)
    }
}

/// The balance of one covariate level: `values` per student (None:
/// missing), `treated` their arms, `weights` the matching's weights, and
/// whether the values are a 0/1 indicator (a level) or a number.
pub fn balance(values: &[Option<f64>], treated: &[bool], weights: &[f64], indicator: bool) -> Balance {
    let present = || {
        values
            .iter()
            .zip(treated)
            .zip(weights)
            .filter_map(|((v, t), w)| v.map(|v| (v, *t, *w)))
    };
    let arm = |arm: bool| -> Vec<f64> {
        present()
            .filter(|(_, t, _)| *t == arm)
            .map(|(v, _, _)| v)
            .collect()
    };
    let (all_treated, all_controls) = (arm(true), arm(false));
    let spread = variance(&all_treated, indicator)
        .zip(variance(&all_controls, indicator))
        .map(|(t, c)| ((t + c) / 2.0).sqrt());
    let before = |values: &[f64]| weighted_mean(values.iter().map(|v| (*v, 1.0)));
    let after = |arm: bool| weighted_mean(present().filter(|(_, t, _)| *t == arm).map(|(v, _, w)| (v, w)));
    let n_missing = values.iter().filter(|v| v.is_none()).count() as u64;
    let means = [
        before(&all_treated),
        before(&all_controls),
        after(true),
        after(false),
    ];
    with_smds(n_missing, means, spread)
}

/// A balance row from its four means (treated and controls, before and
/// after) and the before-matching spread.
fn with_smds(n_missing: u64, [tb, cb, ta, ca]: [Option<f64>; 4], spread: Option<f64>) -> Balance {
    Balance {
        n_missing,
        mean_treated_before: tb,
        mean_control_before: cb,
        smd_before: smd(tb, cb, spread),
        mean_treated_after: ta,
        mean_control_after: ca,
        smd_after: smd(ta, ca, spread),
    }
}

/// Counts and matched weights of a 0/1 indicator's students (or, summed
/// over every student, of the arms), for `indicator_balance`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct IndicatorSums {
    pub treated: u64,
    pub controls: u64,
    /// Sum of the matching weights of the treated and of the controls (w > 0 only).
    pub w_treated: f64,
    pub w_controls: f64,
}

impl IndicatorSums {
    /// Adds one student of arm `treated` with weight `w`.
    pub fn add(&mut self, treated: bool, w: f64) {
        let w = if w > 0.0 { w } else { 0.0 };
        if treated {
            self.treated += 1;
            self.w_treated += w;
        } else {
            self.controls += 1;
            self.w_controls += w;
        }
    }
}

/// `balance` of a 0/1 indicator from its sums: `level` over the students
/// who have the level, `arms` over every student (one pass per covariate
/// instead of one per level).
pub fn indicator_balance(level: &IndicatorSums, arms: &IndicatorSums) -> Balance {
    let share = |k: u64, n: u64| (n > 0).then(|| k as f64 / n as f64);
    let ratio = |a: f64, b: f64| (b > 0.0).then(|| a / b);
    let (mean_treated_before, mean_control_before) = (
        share(level.treated, arms.treated),
        share(level.controls, arms.controls),
    );
    let spread = mean_treated_before
        .zip(mean_control_before)
        .map(|(t, c)| ((t * (1.0 - t) + c * (1.0 - c)) / 2.0).sqrt());
    let after = [
        ratio(level.w_treated, arms.w_treated),
        ratio(level.w_controls, arms.w_controls),
    ];
    with_smds(
        0,
        [mean_treated_before, mean_control_before, after[0], after[1]],
        spread,
    )
}
