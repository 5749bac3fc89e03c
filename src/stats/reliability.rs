//! Internal consistency: Cronbach's alpha with the Feldt 95% interval.

use statrs::distribution::{ContinuousCDF, FisherSnedecor};

/// Cronbach's alpha and its Feldt interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Alpha {
    pub alpha: f64,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Respondents after listwise deletion.
    pub n: usize,
}

fn sample_variance(values: &[f64]) -> f64 {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1.0)
}

/// Cronbach's alpha over rows of item scores (listwise: rows with any missing
/// item are dropped), as `pingouin.cronbach_alpha(nan_policy="listwise")` with
/// an unrounded Feldt interval 1 - (1 - alpha)·F⁻¹(0.975 and 0.025; n-1, (n-1)(k-1)).
/// None when k < 2 or n < 2 (after deletion) or the total has no variance.
pub fn cronbach_alpha(rows: &[Vec<Option<f64>>]) -> Option<Alpha> {
    let k = rows.first().map_or(0, Vec::len);
    if k < 2 {
        return None;
    }
    let complete: Vec<Vec<f64>> = rows
        .iter()
        .filter(|r| r.len() == k && r.iter().all(Option::is_some))
        .map(|r| r.iter().flatten().copied().collect())
        .collect();
    let n = complete.len();
    if n < 2 {
        return None;
    }
    let item_variance: f64 = (0..k)
        .map(|j| sample_variance(&complete.iter().map(|r| r[j]).collect::<Vec<_>>()))
        .sum();
    let totals: Vec<f64> = complete.iter().map(|r| r.iter().sum()).collect();
    let total_variance = sample_variance(&totals);
    if total_variance <= 0.0 {
        return None;
    }
    let kf = k as f64;
    let alpha = kf / (kf - 1.0) * (1.0 - item_variance / total_variance);
    let df1 = (n - 1) as f64;
    let df2 = df1 * (kf - 1.0);
    let (ci_low, ci_high) = match FisherSnedecor::new(df1, df2) {
        Ok(f) => (
            Some(1.0 - (1.0 - alpha) * f.inverse_cdf(0.975)),
            Some(1.0 - (1.0 - alpha) * f.inverse_cdf(0.025)),
        ),
        Err(_) => (None, None),
    };
    Some(Alpha {
        alpha,
        ci_low,
        ci_high,
        n,
    })
}
