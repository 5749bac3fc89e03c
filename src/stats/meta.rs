//! Random-effects meta-analysis of institutions' published estimates
//! (pooling.md), as R's metafor computes it: τ² by REML, DerSimonian-Laird
//! or Paule-Mandel; the Hartung-Knapp-Sidik-Jonkman interval (`test =
//! "knha"`, unmodified); the prediction interval; Cochran's Q, I² and H²
//! (from τ² and the typical within-study variance, as metafor does for
//! random-effects models); the Q-profile interval for τ²; the common-effect
//! estimate; leave-one-out. Reference: tests/fixtures/stats/pool/ (metafor
//! 3.8-1 with its R script).

mod expansion;

use statrs::distribution::{ChiSquared, ContinuousCDF, Normal, StudentsT};

/// How τ² is estimated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tau2Method {
    /// Restricted maximum likelihood (Fisher scoring), the default.
    Reml,
    /// DerSimonian-Laird.
    Dl,
    /// Paule-Mandel.
    Pm,
}

/// A random-effects fit of k >= 2 estimates.
#[derive(Debug, Clone, PartialEq)]
pub struct MetaFit {
    pub k: usize,
    pub tau2: f64,
    pub estimate: f64,
    /// The HKSJ standard error.
    pub se: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    /// Two-sided p of the estimate (t with k - 1 df); None when its SE is
    /// 0 and the estimate 0.
    pub p_value: Option<f64>,
    pub pi_low: f64,
    pub pi_high: f64,
    pub q: f64,
    pub q_p: f64,
    /// In percent.
    pub i2: f64,
    pub h2: f64,
    pub tau2_ci_low: f64,
    pub tau2_ci_high: f64,
    /// Each estimate's random-effects weight, in percent.
    pub weights: Vec<f64>,
    pub common: CommonEffect,
}

/// The common-effect (inverse-variance) estimate with its normal interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CommonEffect {
    pub estimate: f64,
    pub se: f64,
    pub ci_low: f64,
    pub ci_high: f64,
}

/// One leave-one-out refit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LeftOut {
    /// The index left out.
    pub left_out: usize,
    pub estimate: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    pub tau2: f64,
    pub i2: f64,
}

/// Fits estimates `y` with standard errors `se` (each above 0, finite); None
/// for fewer than two, or when τ² cannot be estimated (Paule-Mandel with no
/// root below its search limit).
pub fn random_effects(y: &[f64], se: &[f64], method: Tau2Method) -> Option<MetaFit> {
    fit(y, se, method, true)
}

/// The fit; without `profile`, no Q-profile interval for τ² (zeros): what
/// leave-one-out does not report, and most of a fit's cost.
fn fit(y: &[f64], se: &[f64], method: Tau2Method, profile: bool) -> Option<MetaFit> {
    fit_from(y, se, method, profile, None)
}

/// The fit, REML starting from `start` when given (a leave-one-out refit
/// starts at the full fit's τ², a few steps from its own maximum).
fn fit_from(y: &[f64], se: &[f64], method: Tau2Method, profile: bool, start: Option<f64>) -> Option<MetaFit> {
    let k = y.len();
    if k < 2
        || se.len() != k
        || se.iter().any(|s| !(s.is_finite() && *s > 0.0))
        || y.iter().any(|v| !v.is_finite())
    {
        return None;
    }
    let v: Vec<f64> = se.iter().map(|s| s * s).collect();
    let tau2 = match method {
        Tau2Method::Dl => dl(y, &v),
        Tau2Method::Pm => pm(y, &v)?,
        Tau2Method::Reml => reml(y, &v, start),
    };
    let at = Weighted::at(y, &v, tau2);
    let df = (k - 1) as f64;
    // HKSJ: the residual heterogeneity scales the variance; metafor sets it
    // to 0 below machine epsilon (identical estimates) and never raises it to 1.
    let rss = at.rss();
    let s2w = if rss <= f64::EPSILON { 0.0 } else { rss / df };
    let se_hk = (s2w / at.sum_w).sqrt();
    let crit = t_quantile(0.975, df)?;
    let p_value = if se_hk > 0.0 {
        let t = StudentsT::new(0.0, 1.0, df).ok()?;
        Some(2.0 * (1.0 - t.cdf((at.mu / se_hk).abs())))
    } else if at.mu != 0.0 {
        Some(0.0)
    } else {
        None
    };
    let pi_half = crit * (se_hk * se_hk + tau2).sqrt();
    let fixed = Weighted::at(y, &v, 0.0);
    let q = fixed.rss().max(0.0);
    let chi = ChiSquared::new(df).ok()?;
    let vt = typical_variance(&v);
    let (tau2_ci_low, tau2_ci_high) = if profile {
        q_profile(y, &v, tau2, &chi)?
    } else {
        (0.0, 0.0)
    };
    let normal = Normal::new(0.0, 1.0).ok()?;
    let z = normal.inverse_cdf(0.975);
    let common_se = (1.0 / fixed.sum_w).sqrt();
    Some(MetaFit {
        k,
        tau2,
        estimate: at.mu,
        se: se_hk,
        ci_low: at.mu - crit * se_hk,
        ci_high: at.mu + crit * se_hk,
        p_value,
        pi_low: at.mu - pi_half,
        pi_high: at.mu + pi_half,
        q,
        q_p: 1.0 - chi.cdf(q),
        i2: 100.0 * tau2 / (vt + tau2),
        h2: tau2 / vt + 1.0,
        tau2_ci_low,
        tau2_ci_high,
        weights: at.w.iter().map(|w| 100.0 * w / at.sum_w).collect(),
        common: CommonEffect {
            estimate: fixed.mu,
            se: common_se,
            ci_low: fixed.mu - z * common_se,
            ci_high: fixed.mu + z * common_se,
        },
    })
}

/// The fit with each estimate left out in turn (k >= 3), as metafor's
/// `leave1out()`; an index whose refit fails is skipped.
pub fn leave_one_out(y: &[f64], se: &[f64], method: Tau2Method) -> Vec<LeftOut> {
    if y.len() < 3 {
        return Vec::new();
    }
    // Many estimates: each refit starts at the full fit's τ² (metafor's
    // start otherwise; the maximum is the same), and the refits come from
    // the expansion around the full fit where it reaches.
    let full = (y.len() > WARM_START_FROM)
        .then(|| fit(y, se, method, false))
        .flatten();
    let start = full.as_ref().map(|f| f.tau2);
    let expanded = full
        .and_then(|full| expansion::Expansion::new(y, se, full.tau2, full.estimate))
        .map(|e| e.refits(method))
        .unwrap_or_default();
    (0..y.len())
        .filter_map(|i| {
            expanded
                .get(i)
                .copied()
                .flatten()
                .or_else(|| refit_exactly(y, se, i, method, start))
        })
        .collect()
}

/// The fit without estimate `i`, from its estimates.
fn refit_exactly(y: &[f64], se: &[f64], i: usize, method: Tau2Method, start: Option<f64>) -> Option<LeftOut> {
    let (ys, ses): (Vec<f64>, Vec<f64>) = y
        .iter()
        .zip(se)
        .enumerate()
        .filter(|(j, _)| *j != i)
        .map(|(_, (y, s))| (*y, *s))
        .unzip();
    let fit = fit_from(&ys, &ses, method, false, start)?;
    Some(LeftOut {
        left_out: i,
        estimate: fit.estimate,
        ci_low: fit.ci_low,
        ci_high: fit.ci_high,
        tau2: fit.tau2,
        i2: fit.i2,
    })
}

/// Above this many estimates leave-one-out refits start warm.
const WARM_START_FROM: usize = 50;

/// The weighted mean and weights at τ² = `tau2`.
struct Weighted<'a> {
    y: &'a [f64],
    w: Vec<f64>,
    sum_w: f64,
    mu: f64,
}

impl<'a> Weighted<'a> {
    fn at(y: &'a [f64], v: &[f64], tau2: f64) -> Weighted<'a> {
        let w: Vec<f64> = v.iter().map(|v| 1.0 / (v + tau2)).collect();
        let sum_w: f64 = w.iter().sum();
        let mu = w.iter().zip(y).map(|(w, y)| w * y).sum::<f64>() / sum_w;
        Weighted { y, w, sum_w, mu }
    }

    /// Σ w (y - μ)²: Cochran's Q at τ² (generalised Q).
    fn rss(&self) -> f64 {
        self.w
            .iter()
            .zip(self.y)
            .map(|(w, y)| w * (y - self.mu).powi(2))
            .sum()
    }
}

/// Q(t), the generalised Q statistic at τ² = t: decreasing in t.
fn q_at(y: &[f64], v: &[f64], t: f64) -> f64 {
    Weighted::at(y, v, t).rss()
}

/// metafor's "typical" within-study variance: (k - 1) / (W - W2/W) with
/// inverse-variance weights.
fn typical_variance(v: &[f64]) -> f64 {
    let w: f64 = v.iter().map(|v| 1.0 / v).sum();
    let w2: f64 = v.iter().map(|v| 1.0 / (v * v)).sum();
    (v.len() - 1) as f64 / (w - w2 / w)
}

/// DerSimonian-Laird, truncated at 0.
fn dl(y: &[f64], v: &[f64]) -> f64 {
    let w: f64 = v.iter().map(|v| 1.0 / v).sum();
    let w2: f64 = v.iter().map(|v| 1.0 / (v * v)).sum();
    let q = q_at(y, v, 0.0);
    ((q - (y.len() - 1) as f64) / (w - w2 / w)).max(0.0)
}

/// Paule-Mandel: 0 when Q(0) < k - 1, else the root of Q(τ²) = k - 1 on
/// [0, max(100, 10 · mad(y)²)] (metafor's search limit; None past it).
fn pm(y: &[f64], v: &[f64]) -> Option<f64> {
    let target = (y.len() - 1) as f64;
    if q_at(y, v, 0.0) < target {
        return Some(0.0);
    }
    let limit = 100f64.max(10.0 * mad(y).powi(2));
    if q_at(y, v, limit) > target {
        return None;
    }
    Some(root(|t| q_at(y, v, t) - target, 0.0, limit))
}

/// The median absolute deviation scaled by 1.4826, as R's `mad`.
fn mad(y: &[f64]) -> f64 {
    let median = |values: &mut Vec<f64>| {
        values.sort_by(f64::total_cmp);
        let n = values.len();
        if n % 2 == 1 {
            values[n / 2]
        } else {
            (values[n / 2 - 1] + values[n / 2]) / 2.0
        }
    };
    let m = median(&mut y.to_vec());
    1.4826 * median(&mut y.iter().map(|v| (v - m).abs()).collect())
}

/// REML τ² by Fisher scoring, with metafor's step halving below 0, until
/// τ² changes by at most 1e-10. It starts where metafor starts, at the
/// Hedges estimate (max 0): from pooling.md's DerSimonian-Laird start it
/// reaches the same τ² within 3e-11, but metafor's path is the reference.
/// A full step can cycle (about 1 realistic pool in 130); then the scoring
/// is run again with half steps (metafor's documented `stepadj = 0.5`),
/// which reaches the same maximum. Then metafor's check: when the REML
/// likelihood at 0 beats the estimate's by more than its tolerance, 0.
fn reml(y: &[f64], v: &[f64], start: Option<f64>) -> f64 {
    let start = start.unwrap_or_else(|| hedges(y, v));
    reml_by(|t| Some(score_at(y, v, t)), |t| Some(reml_loglik(y, v, t)), start).unwrap_or(start)
}

/// REML as `reml` does it, with the scoring's figures and the
/// log-likelihood from `score` and `loglik` (exact, or a leave-one-out
/// refit's expansion); None when either cannot give a figure asked for.
fn reml_by(
    score: impl Fn(f64) -> Option<Score>,
    loglik: impl Fn(f64) -> Option<f64>,
    start: f64,
) -> Option<f64> {
    let tau2 = match fisher_scoring(&score, start, 1.0, 100) {
        Scoring::Converged(tau2) => tau2,
        Scoring::Outside => return None,
        Scoring::Cycled => match fisher_scoring(&score, start, 0.5, 1000) {
            Scoring::Converged(tau2) => tau2,
            Scoring::Outside => return None,
            Scoring::Cycled => start,
        },
    };
    const LL_TOLERANCE: f64 = 1.220_703_125e-4;
    if tau2 > 1e-10 && loglik(0.0)? - loglik(tau2)? > LL_TOLERANCE {
        return Some(0.0);
    }
    Some(tau2.max(0.0))
}

/// The Hedges (HE) estimate of τ², truncated at 0: metafor's REML start.
fn hedges(y: &[f64], v: &[f64]) -> f64 {
    let k = y.len() as f64;
    let mean = y.iter().sum::<f64>() / k;
    let ss: f64 = y.iter().map(|y| (y - mean).powi(2)).sum();
    ((ss - (1.0 - 1.0 / k) * v.iter().sum::<f64>()) / (k - 1.0)).max(0.0)
}

/// What a Fisher scoring step of REML needs at one τ²: tr(P), tr(PP) and
/// y'PPy.
struct Score {
    tr_p: f64,
    tr_pp: f64,
    ypy: f64,
}

/// `Score` at τ² = t from every estimate.
fn score_at(y: &[f64], v: &[f64], t: f64) -> Score {
    let at = Weighted::at(y, v, t);
    let (w1, w2, w3) =
        at.w.iter()
            .fold((0.0, 0.0, 0.0), |(a, b, c), w| (a + w, b + w * w, c + w * w * w));
    Score {
        tr_p: w1 - w2 / w1,
        tr_pp: w2 - 2.0 * w3 / w1 + (w2 / w1).powi(2),
        ypy: at.w.iter().zip(y).map(|(w, y)| w * w * (y - at.mu).powi(2)).sum(),
    }
}

/// How a run of Fisher scoring ended.
enum Scoring {
    Converged(f64),
    /// No convergence within its iterations (a full step can cycle).
    Cycled,
    /// `score` gave no figure at a τ² the scoring reached.
    Outside,
}

fn fisher_scoring(
    score: &impl Fn(f64) -> Option<Score>,
    start: f64,
    step: f64,
    max_iterations: usize,
) -> Scoring {
    let mut tau2 = start;
    for _ in 0..max_iterations {
        let Some(s) = score(tau2) else {
            return Scoring::Outside;
        };
        let mut adjust = step * (s.ypy - s.tr_p) / s.tr_pp;
        while tau2 + adjust < 0.0 {
            adjust /= 2.0;
        }
        let previous = tau2;
        tau2 += adjust;
        if (previous - tau2).abs() <= 1e-10 {
            return Scoring::Converged(tau2);
        }
    }
    Scoring::Cycled
}

/// The REML log-likelihood at τ² = t, up to a constant.
fn reml_loglik(y: &[f64], v: &[f64], t: f64) -> f64 {
    let at = Weighted::at(y, v, t);
    -0.5 * v.iter().map(|v| (v + t).ln()).sum::<f64>() - 0.5 * at.sum_w.ln() - 0.5 * at.rss()
}

/// The Q-profile 95% interval for τ², as metafor's `confint()`: the τ²
/// where Q(τ²) equals the chi-square quantiles, searched on [0, max(100,
/// 10 τ̂²)]; a bound past the search limit is the limit.
fn q_profile(y: &[f64], v: &[f64], tau2: f64, chi: &ChiSquared) -> Option<(f64, f64)> {
    let upper_q = chi.inverse_cdf(0.975);
    let lower_q = chi.inverse_cdf(0.025);
    if !(upper_q.is_finite() && lower_q.is_finite()) {
        return None;
    }
    let limit = 100f64.max(10.0 * tau2);
    let q0 = q_at(y, v, 0.0);
    if q0 < lower_q {
        return Some((0.0, 0.0));
    }
    let q_limit = q_at(y, v, limit);
    let high = if q_limit > lower_q {
        limit
    } else {
        root(|t| q_at(y, v, t) - lower_q, 0.0, limit)
    };
    let low = if q_limit > upper_q {
        limit
    } else if q0 < upper_q {
        0.0
    } else {
        root(|t| q_at(y, v, t) - upper_q, 0.0, limit)
    };
    Some((low, high))
}

/// The root of a decreasing `f` on [low, high] (f(low) >= 0 >= f(high)),
/// by bisection to the resolution of a double.
fn root(f: impl Fn(f64) -> f64, mut low: f64, mut high: f64) -> f64 {
    for _ in 0..200 {
        let mid = low + (high - low) / 2.0;
        if mid <= low || mid >= high {
            break;
        }
        if f(mid) > 0.0 {
            low = mid;
        } else {
            high = mid;
        }
    }
    low + (high - low) / 2.0
}

/// The t quantile with `df` degrees of freedom.
fn t_quantile(p: f64, df: f64) -> Option<f64> {
    StudentsT::new(0.0, 1.0, df).ok().map(|t| t.inverse_cdf(p))
}
