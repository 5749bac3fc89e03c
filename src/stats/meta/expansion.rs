//! Leave-one-out REML refits of many estimates without a pass over the
//! estimates per scoring step. Leaving one of k estimates out moves τ²
//! from the full fit's τ₀² by little, and every sum REML needs at
//! τ² = τ₀² + δ is a power series in δ over sums at τ₀²: with
//! a = 1/(v + τ₀²), the weight 1/(v + τ²) = a / (1 + aδ) = Σₘ (-δ)ᵐ aᵐ⁺¹ and
//! ln(v + τ²) = ln(v + τ₀²) - Σₘ₌₁ (-δ)ᵐ aᵐ / m. So sums of aⁿ, aⁿ·y and
//! aⁿ·y² over the estimates but one (a running sum before it plus a stored
//! sum after it: nothing is subtracted, so nothing cancels) give a refit's
//! scoring steps, log-likelihood and estimate in a few dozen operations
//! each. Where |δ|·max(a) exceeds `RADIUS` the series is not used: the
//! refit is then done exactly (`None` here).

use super::{LeftOut, Score, Tau2Method, reml_by, root, t_quantile};

/// Powers of a kept per estimate.
const POWERS: usize = 24;
/// The largest |δ|·max(a) expanded: 22 terms then leave a relative error
/// under 1e-17 (`terms`), and 22 terms of a cubed weight need powers to 24.
const RADIUS: f64 = 0.125;
/// Per estimate, scaled (`Expansion`): αⁿ, αⁿ·d and αⁿ·d² for n in
/// 1..=POWERS; then at τ² = 0: β, β², β³, β·d, β²·d, β·d², β²·d²; ln v;
/// ln(v + τ₀²).
const WIDTH: usize = 3 * POWERS + 9;
const AT_ZERO: usize = 3 * POWERS;
const LN_V: usize = AT_ZERO + 7;
const LN_V_T0: usize = AT_ZERO + 8;

/// The full set's terms, ready to give each estimate's refit without it.
/// Powers are of α = a / max(a) and β = (1/v) / max(1/v), in (0, 1], so no
/// power overflows; d = y - the full fit's estimate, so sums of squares do
/// not cancel.
pub(super) struct Expansion<'a> {
    y: &'a [f64],
    v: Vec<f64>,
    tau2: f64,
    centre: f64,
    /// max(a) = 1 / (min v + τ₀²), max(1/v) and min v.
    a_max: f64,
    b_max: f64,
    v_min: f64,
    /// The t quantile of every refit's interval (k - 2 df).
    crit: f64,
    /// `after[j]`: the terms of estimates j.. summed.
    after: Vec<[f64; WIDTH]>,
}

/// The sums REML needs at one τ², over the estimates but one.
#[derive(Default)]
struct Sums {
    /// Σw, Σw², Σw³ with w = 1/(v + τ²).
    w1: f64,
    w2: f64,
    w3: f64,
    /// Σw·d, Σw²·d, Σw·d², Σw²·d².
    wd: f64,
    w2d: f64,
    wdd: f64,
    w2dd: f64,
    /// Σ ln(v + τ²).
    ln: f64,
}

impl<'a> Expansion<'a> {
    /// The expansion of `y` (SEs `se`) at the full fit's τ² and estimate;
    /// None when a term is not finite (extreme SEs: the exact refits then).
    pub(super) fn new(y: &'a [f64], se: &[f64], tau2: f64, estimate: f64) -> Option<Expansion<'a>> {
        let v: Vec<f64> = se.iter().map(|s| s * s).collect();
        let v_min = v.iter().copied().fold(f64::INFINITY, f64::min);
        let mut expansion = Expansion {
            y,
            tau2,
            centre: estimate,
            a_max: 1.0 / (v_min + tau2),
            b_max: 1.0 / v_min,
            v_min,
            crit: t_quantile(0.975, (y.len() - 2) as f64)?,
            after: vec![[0.0; WIDTH]; y.len() + 1],
            v,
        };
        for j in (0..y.len()).rev() {
            let row = expansion.terms_of(j);
            let mut sum = expansion.after[j + 1];
            for (s, t) in sum.iter_mut().zip(row) {
                *s += t;
            }
            if sum.iter().any(|s| !s.is_finite()) {
                return None;
            }
            expansion.after[j] = sum;
        }
        Some(expansion)
    }

    /// Estimate j's terms.
    fn terms_of(&self, j: usize) -> [f64; WIDTH] {
        let v = self.v[j];
        let d = self.y[j] - self.centre;
        let alpha = (self.v_min + self.tau2) / (v + self.tau2);
        let beta = self.v_min / v;
        let mut row = [0.0; WIDTH];
        let mut power = 1.0;
        for n in 0..POWERS {
            power *= alpha;
            row[n] = power;
            row[POWERS + n] = power * d;
            row[2 * POWERS + n] = power * d * d;
        }
        row[AT_ZERO..LN_V].copy_from_slice(&[
            beta,
            beta * beta,
            beta * beta * beta,
            beta * d,
            beta * beta * d,
            beta * d * d,
            beta * beta * d * d,
        ]);
        row[LN_V] = v.ln();
        row[LN_V_T0] = (v + self.tau2).ln();
        row
    }

    /// Every estimate's refit without it by `method`, in order; None where
    /// the series does not reach (the caller refits that one exactly).
    pub(super) fn refits(&self, method: Tau2Method) -> Vec<Option<LeftOut>> {
        let mut before = [0.0; WIDTH];
        let mut refits = Vec::with_capacity(self.y.len());
        for i in 0..self.y.len() {
            let mut sums = before;
            for (s, a) in sums.iter_mut().zip(&self.after[i + 1]) {
                *s += a;
            }
            refits.push(OneOut { e: self, s: sums }.refit(i, method));
            for (s, t) in before.iter_mut().zip(self.terms_of(i)) {
                *s += t;
            }
        }
        refits
    }
}

/// The terms of every estimate but one, summed.
struct OneOut<'e, 'a> {
    e: &'e Expansion<'a>,
    s: [f64; WIDTH],
}

impl OneOut<'_, '_> {
    /// The sums at τ² = t: at 0 from the sums at 0, near τ₀² from the
    /// series; None farther away.
    fn at(&self, t: f64) -> Option<Sums> {
        let s = &self.s;
        if t == 0.0 {
            let (u, z) = (self.e.b_max, &s[AT_ZERO..]);
            return Some(Sums {
                w1: u * z[0],
                w2: u * u * z[1],
                w3: u * u * u * z[2],
                wd: u * z[3],
                w2d: u * u * z[4],
                wdd: u * z[5],
                w2dd: u * u * z[6],
                ln: s[LN_V],
            });
        }
        let u = self.e.a_max;
        // (-δ)ᵐ aⁿ⁺ᵐ = uⁿ xᵐ αⁿ⁺ᵐ with x = -δu.
        let x = -(t - self.e.tau2) * u;
        // Past the radius, or not a number (a scoring step gone astray).
        if x.is_nan() || x.abs() > RADIUS {
            return None;
        }
        let p = |n: usize| s[n - 1];
        let q = |n: usize| s[POWERS + n - 1];
        let r = |n: usize| s[2 * POWERS + n - 1];
        let mut sum = Sums::default();
        let mut power = 1.0;
        for m in 0..terms(x.abs()) {
            // The coefficients of aᵖ/(1 + aδ)ᵖ: 1, m + 1, (m + 1)(m + 2)/2.
            let (c2, c3) = ((m + 1) as f64, ((m + 1) * (m + 2) / 2) as f64);
            sum.w1 += power * p(1 + m);
            sum.w2 += c2 * power * p(2 + m);
            sum.w3 += c3 * power * p(3 + m);
            sum.wd += power * q(1 + m);
            sum.w2d += c2 * power * q(2 + m);
            sum.wdd += power * r(1 + m);
            sum.w2dd += c2 * power * r(2 + m);
            if m >= 1 {
                sum.ln -= power * p(m) / m as f64;
            }
            power *= x;
        }
        Some(Sums {
            w1: u * sum.w1,
            w2: u * u * sum.w2,
            w3: u * u * u * sum.w3,
            wd: u * sum.wd,
            w2d: u * u * sum.w2d,
            wdd: u * sum.wdd,
            w2dd: u * u * sum.w2dd,
            ln: s[LN_V_T0] + sum.ln,
        })
    }

    fn score(&self, t: f64) -> Option<Score> {
        let s = self.at(t)?;
        let mu = s.wd / s.w1;
        Some(Score {
            tr_p: s.w1 - s.w2 / s.w1,
            tr_pp: s.w2 - 2.0 * s.w3 / s.w1 + (s.w2 / s.w1).powi(2),
            ypy: s.w2dd - 2.0 * mu * s.w2d + mu * mu * s.w2,
        })
    }

    /// The REML log-likelihood at τ² = t, up to a constant (`reml_loglik`).
    fn loglik(&self, t: f64) -> Option<f64> {
        let s = self.at(t)?;
        let rss = s.wdd - s.wd * s.wd / s.w1;
        Some(-0.5 * s.ln - 0.5 * s.w1.ln() - 0.5 * rss)
    }

    /// Q(τ²) = Σ w (y - μ)², the generalised Q statistic (`q_at`).
    fn q(&self, t: f64) -> Option<f64> {
        let s = self.at(t)?;
        Some(s.wdd - s.wd * s.wd / s.w1)
    }

    /// τ² without the estimate, by `method`, as `fit_from` estimates it.
    fn tau2(&self, method: Tau2Method) -> Option<f64> {
        let k = (self.e.y.len() - 1) as f64;
        match method {
            Tau2Method::Reml => reml_by(|t| self.score(t), |t| self.loglik(t), self.e.tau2),
            // (Q(0) - (k - 1)) / (Σw - Σw²/Σw) at τ² = 0 (`dl`).
            Tau2Method::Dl => {
                let s = self.at(0.0)?;
                let q = s.wdd - s.wd * s.wd / s.w1;
                Some(((q - (k - 1.0)) / (s.w1 - s.w2 / s.w1)).max(0.0))
            }
            // The root of Q(τ²) = k - 1 (`pm`), bracketed within the
            // series' reach of the full fit's (the refit's is near it);
            // a root outside it is found exactly instead.
            Tau2Method::Pm => {
                let target = k - 1.0;
                if self.q(0.0)? < target {
                    return Some(0.0);
                }
                let reach = 0.99 * RADIUS / self.e.a_max;
                let (low, high) = ((self.e.tau2 - reach).max(0.0), self.e.tau2 + reach);
                if !(self.q(low)? >= target && self.q(high)? <= target) {
                    return None;
                }
                Some(root(|t| self.q(t).map_or(f64::NAN, |q| q - target), low, high))
            }
        }
    }

    /// The refit without estimate `i`, as `fit_from` gives it.
    fn refit(&self, i: usize, method: Tau2Method) -> Option<LeftOut> {
        let tau2 = self.tau2(method)?;
        let s = self.at(tau2)?;
        let k = self.e.y.len() - 1;
        let rss = s.wdd - s.wd * s.wd / s.w1;
        let s2w = if rss <= f64::EPSILON {
            0.0
        } else {
            rss / (k - 1) as f64
        };
        let se_hk = (s2w / s.w1).sqrt();
        let estimate = self.e.centre + s.wd / s.w1;
        // metafor's typical variance (`typical_variance`) from Σ1/v and Σ1/v².
        let (w, w2) = (
            self.e.b_max * self.s[AT_ZERO],
            self.e.b_max.powi(2) * self.s[AT_ZERO + 1],
        );
        let typical = (k - 1) as f64 / (w - w2 / w);
        let fit = LeftOut {
            left_out: i,
            estimate,
            ci_low: estimate - self.e.crit * se_hk,
            ci_high: estimate + self.e.crit * se_hk,
            tau2,
            i2: 100.0 * tau2 / (typical + tau2),
        };
        [fit.estimate, fit.ci_low, fit.ci_high, fit.i2]
            .iter()
            .all(|v| v.is_finite())
            .then_some(fit)
    }
}

/// Terms of the series for |x| = |δ|·max(a): the remainder after m terms
/// of the cubed weight's series is about (m + 1)(m + 2)/2 · |x|ᵐ.
fn terms(x: f64) -> usize {
    let mut m = 1;
    while m < POWERS - 2 && ((m + 1) * (m + 2) / 2) as f64 * x.powi(m as i32) > 1e-17 {
        m += 1;
    }
    m
}
