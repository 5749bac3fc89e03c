//! The matched comparison's estimate (comparison.md): the average treatment
//! effect on the treated from a weighted least-squares fit of the outcome on
//! an intercept and the treated indicator, with the HC1 sandwich standard
//! error (as statsmodels' `WLS(...).fit(cov_type="HC1")`), and VanderWeele
//! and Ding's E-values.

use statrs::distribution::{ContinuousCDF, Normal};

use super::Z_95;

/// An ATT with its HC1 standard error, 95% interval and two-sided normal p.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Att {
    pub att: f64,
    /// None with fewer than 3 matched students.
    pub se: Option<f64>,
    pub ci: Option<(f64, f64)>,
    /// None when the SE is 0 or not computable.
    pub p_value: Option<f64>,
}

/// Fits outcome `y` (0/1 or any number) on [1, treated] with weights `w`
/// over the students with a positive weight. None when an arm has no weight
/// (no estimate at all).
pub fn weighted_att(y: &[f64], treated: &[bool], w: &[f64]) -> Option<Att> {
    let rows: Vec<(f64, f64, f64)> = y
        .iter()
        .zip(treated)
        .zip(w)
        .filter(|(_, w)| **w > 0.0)
        .map(|((y, t), w)| (*y, f64::from(u8::from(*t)), *w))
        .collect();
    // X'WX = [[a, b], [b, b]] for x = (1, t): b is the treated weight.
    let a: f64 = rows.iter().map(|r| r.2).sum();
    let b: f64 = rows.iter().map(|r| r.2 * r.1).sum();
    let det = a * b - b * b;
    if b <= 0.0 || det <= 0.0 {
        return None;
    }
    // The fit's coefficients are the arms' weighted means.
    let mean = |treated: f64| {
        let (sum, weight) = rows
            .iter()
            .filter(|r| r.1 == treated)
            .fold((0.0, 0.0), |(s, n), r| (s + r.2 * r.0, n + r.2));
        sum / weight
    };
    let (control, treated_mean) = (mean(0.0), mean(1.0));
    let att = treated_mean - control;
    let n = rows.len();
    if n < 3 {
        return Some(Att {
            att,
            se: None,
            ci: None,
            p_value: None,
        });
    }
    // Meat: sum of w^2 e^2 x x' ; bread: (X'WX)^-1 = [[b, -b], [-b, a]] / det.
    let (mut m00, mut m01, mut m11) = (0.0, 0.0, 0.0);
    for &(y, t, w) in &rows {
        let fitted = if t > 0.0 { treated_mean } else { control };
        let u = w * w * (y - fitted) * (y - fitted);
        m00 += u;
        m01 += u * t;
        m11 += u * t * t;
    }
    // Row 1 of the bread is (-b, a) / det: V11 = (b^2 m00 - 2ab m01 + a^2 m11) / det^2.
    let v11 = (b * b * m00 - 2.0 * a * b * m01 + a * a * m11) / (det * det);
    let hc1 = n as f64 / (n as f64 - 2.0);
    let se = (v11 * hc1).max(0.0).sqrt();
    // A zero SE up to rounding (an outcome no one, or everyone, has).
    if se <= 1e-12 * att.abs().max(1.0) {
        return Some(Att {
            att,
            se: Some(0.0),
            ci: Some((att, att)),
            p_value: None,
        });
    }
    let z = (att / se).abs();
    Some(Att {
        att,
        se: Some(se),
        ci: Some((att - Z_95 * se, att + Z_95 * se)),
        p_value: Some(2.0 * Normal::standard().sf(z)),
    })
}

/// The E-value of a risk ratio: RR + sqrt(RR (RR - 1)), of 1/RR when RR < 1.
pub fn e_value(risk_ratio: f64) -> f64 {
    let rr = if risk_ratio < 1.0 {
        1.0 / risk_ratio
    } else {
        risk_ratio
    };
    rr + (rr * (rr - 1.0)).sqrt()
}

/// The E-value of an ATT's interval: 1 when it includes 0; else that of the
/// limit nearest 0 as a ratio, (control rate + limit) / control rate. None
/// when the control rate is 0.
pub fn e_value_ci(control_rate: f64, (low, high): (f64, f64)) -> Option<f64> {
    if control_rate <= 0.0 {
        return None;
    }
    if low <= 0.0 && 0.0 <= high {
        return Some(1.0);
    }
    let limit = if low.abs() < high.abs() { low } else { high };
    Some(e_value((control_rate + limit) / control_rate))
}
