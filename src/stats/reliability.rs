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
    // Rows of another length count as incomplete.
    let columns: Vec<Vec<Option<f64>>> = (0..k)
        .map(|j| {
            rows.iter()
                .map(|r| if r.len() == k { r[j] } else { None })
                .collect()
        })
        .collect();
    cronbach_alpha_columns(&columns, 0..rows.len())
}

/// `cronbach_alpha` over item columns (one vector of scores per item),
/// restricted to `rows`: the survey metrics keep a wave's items column-wise
/// and compute alpha per group without copying rows.
pub fn cronbach_alpha_columns<C: AsRef<[Option<f64>]>>(
    columns: &[C],
    rows: impl Iterator<Item = usize>,
) -> Option<Alpha> {
    let columns: Vec<&[Option<f64>]> = columns.iter().map(AsRef::as_ref).collect();
    let k = columns.len();
    if k < 2 {
        return None;
    }
    let complete: Vec<usize> = rows
        .filter(|&r| columns.iter().all(|c| c.get(r).is_some_and(Option::is_some)))
        .collect();
    let n = complete.len();
    if n < 2 {
        return None;
    }
    let score = |column: &[Option<f64>], r: usize| column[r].unwrap_or(0.0);
    let item_variance: f64 = columns
        .iter()
        .map(|c| sample_variance(&complete.iter().map(|&r| score(c, r)).collect::<Vec<_>>()))
        .sum();
    let totals: Vec<f64> = complete
        .iter()
        .map(|&r| columns.iter().map(|c| score(c, r)).sum())
        .collect();
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
