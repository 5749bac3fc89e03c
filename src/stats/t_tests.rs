//! t-based tests: the paired t-test and Welch's two-sample t-test, with the
//! two-sided p-value through the regularised incomplete beta (statistics.md).

use statrs::distribution::{ContinuousCDF, StudentsT};

use super::special::beta_reg;

/// Two-sided p-value of t with df degrees of freedom: `1 - I(0.5, df/2; t²/(df+t²))`
/// when t² < df, else `I(df/2, 0.5; df/(df+t²))`, which stays accurate at large df.
pub fn t_two_sided_p(t: f64, df: f64) -> Option<f64> {
    if !t.is_finite() || !df.is_finite() || df <= 0.0 {
        return None;
    }
    let t2 = t * t;
    // x and 1 - x are each formed directly, without subtracting from 1.
    let (x, y) = (t2 / (df + t2), df / (df + t2));
    let p = if t2 < df {
        1.0 - beta_reg(0.5, df / 2.0, x, y)
    } else {
        beta_reg(df / 2.0, 0.5, y, x)
    };
    Some(p.clamp(0.0, 1.0))
}

/// The 97.5% quantile of Student's t with df degrees of freedom.
pub fn t_quantile_975(df: f64) -> Option<f64> {
    let dist = StudentsT::new(0.0, 1.0, df).ok()?;
    let mut q = dist.inverse_cdf(0.975);
    // Newton steps on the CDF polish statrs' inverse to full double precision.
    use statrs::distribution::Continuous;
    for _ in 0..3 {
        let density = dist.pdf(q);
        if density <= 0.0 || !density.is_finite() {
            break;
        }
        q -= (dist.cdf(q) - 0.975) / density;
    }
    q.is_finite().then_some(q)
}

/// Mean and sample standard deviation (ddof 1); sd is None for n < 2.
pub fn mean_sd(values: &[f64]) -> (Option<f64>, Option<f64>) {
    let n = values.len();
    if n == 0 {
        return (None, None);
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    if n < 2 {
        return (Some(mean), None);
    }
    let ss: f64 = values.iter().map(|v| (v - mean) * (v - mean)).sum();
    (Some(mean), Some((ss / (n - 1) as f64).sqrt()))
}

/// The paired t-test of differences d = post - pre.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PairedT {
    pub n: usize,
    pub mean_diff: Option<f64>,
    pub sd_diff: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub t: Option<f64>,
    pub df: Option<f64>,
    pub p: Option<f64>,
}

/// Paired t on differences, as `scipy.stats.ttest_rel`: n < 2 gives all null;
/// sd = 0 gives t and p null and the interval [mean, mean].
pub fn paired_t(diffs: &[f64]) -> PairedT {
    let n = diffs.len();
    if n < 2 {
        return PairedT {
            n,
            mean_diff: diffs.first().copied(),
            ..PairedT::default()
        };
    }
    let (mean, sd) = mean_sd(diffs);
    let (Some(mean), Some(sd)) = (mean, sd) else {
        return PairedT {
            n,
            ..PairedT::default()
        };
    };
    let df = (n - 1) as f64;
    if sd == 0.0 {
        return PairedT {
            n,
            mean_diff: Some(mean),
            sd_diff: Some(0.0),
            ci_low: Some(mean),
            ci_high: Some(mean),
            t: None,
            df: Some(df),
            p: None,
        };
    }
    let se = sd / (n as f64).sqrt();
    let t = mean / se;
    let half = t_quantile_975(df).map(|q| q * se);
    PairedT {
        n,
        mean_diff: Some(mean),
        sd_diff: Some(sd),
        ci_low: half.map(|h| mean - h),
        ci_high: half.map(|h| mean + h),
        t: Some(t),
        df: Some(df),
        p: t_two_sided_p(t, df),
    }
}

/// Welch's unequal-variance t-test.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct WelchT {
    pub t: Option<f64>,
    pub df: Option<f64>,
    pub p: Option<f64>,
}

/// Welch's t-test of a against b, as `scipy.stats.ttest_ind(a, b, equal_var=False)`;
/// null when either group has fewer than 2 values or both variances are 0.
pub fn welch_t(a: &[f64], b: &[f64]) -> WelchT {
    let (Some(ma), Some(sa)) = mean_sd(a) else {
        return WelchT::default();
    };
    let (Some(mb), Some(sb)) = mean_sd(b) else {
        return WelchT::default();
    };
    let va = sa * sa / a.len() as f64;
    let vb = sb * sb / b.len() as f64;
    let se2 = va + vb;
    if se2 <= 0.0 {
        return WelchT::default();
    }
    let t = (ma - mb) / se2.sqrt();
    let df = se2 * se2 / (va * va / (a.len() - 1) as f64 + vb * vb / (b.len() - 1) as f64);
    WelchT {
        t: Some(t),
        df: Some(df),
        p: t_two_sided_p(t, df),
    }
}
