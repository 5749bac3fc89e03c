//! Published precision (outputs.md): every figure is published at the
//! precision the report shows it at, in every output alike, because a rate
//! to 17 digits names its exact fraction and so undoes the rounding of counts.

/// How a figure is shown, and so how many decimals it is published with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// Rates, shares, proportions and their intervals: 0.001 (0.1 percentage point).
    Rate,
    /// Percentage-point differences: one decimal.
    Points,
    /// p-values: three decimals (0.000 meaning below 0.0005).
    P,
    /// Hours, medians, days, degrees of freedom: one decimal.
    Decimal,
    /// Means, SDs, test statistics, effect sizes, alphas: two decimals.
    Stat,
    /// A pooling record's estimate and SE on the proportion scale: 0.0001
    /// (pooling.md; paired ones are `Rate`'s 0.001).
    Pooled,
}

impl Precision {
    /// Decimal places.
    pub fn decimals(self) -> i32 {
        match self {
            Precision::Rate | Precision::P => 3,
            Precision::Points | Precision::Decimal => 1,
            Precision::Stat => 2,
            Precision::Pooled => 4,
        }
    }

    /// `value` rounded half away from zero to the published decimals (never `-0`).
    pub fn round(self, value: f64) -> f64 {
        let scale = 10f64.powi(self.decimals());
        let rounded = (value * scale).round() / scale;
        // -0.0 would be written "-0.0"; the figure is zero.
        if rounded == 0.0 { 0.0 } else { rounded }
    }
}
