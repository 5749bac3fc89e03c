//! The regularised incomplete beta function, computed with care for the
//! large-parameter cases a t p-value meets at large df (statrs' version loses
//! digits there to cancellation in its log-gamma prefactor).

use statrs::function::gamma::ln_gamma;

/// ln Γ(a + b) - ln Γ(a), accurate when a is large and b moderate (Stirling's
/// series with ln_1p), else by direct log-gamma differences.
fn ln_gamma_ratio(a: f64, b: f64) -> f64 {
    if a < 20.0 {
        return ln_gamma(a + b) - ln_gamma(a);
    }
    let correction = |z: f64| {
        let z2 = z * z;
        1.0 / (12.0 * z) - 1.0 / (360.0 * z * z2) + 1.0 / (1260.0 * z * z2 * z2)
            - 1.0 / (1680.0 * z * z2 * z2 * z2)
    };
    (a - 0.5) * (b / a).ln_1p() + b * (a + b).ln() - b + correction(a + b) - correction(a)
}

/// ln B(a, b) arranged so the large parameter's log-gamma terms cancel analytically.
fn ln_beta(a: f64, b: f64) -> f64 {
    let (large, small) = if a >= b { (a, b) } else { (b, a) };
    ln_gamma(small) - ln_gamma_ratio(large, small)
}

/// Continued fraction for I_x(a, b) (modified Lentz), valid for x < (a+1)/(a+b+2).
/// Loses digits when x is near 1 and a is very large (the first terms
/// cancel); `beta_reg` uses the power series there instead.
fn continued_fraction(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    const EPS: f64 = 1e-16;
    let qab = a + b;
    let qap = a + 1.0;
    let qam = a - 1.0;
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    // Convergence takes about sqrt(max(a, b)) steps: allow for df up to ~1e11.
    for m in 1..1_000_000 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let delta = d * c;
        h *= delta;
        if (delta - 1.0).abs() < EPS {
            break;
        }
    }
    h
}

/// The power series I_x(a, b) = x^a / (a B(a, b)) · Σ (1-b)_n / n! · a/(a+n) · x^n,
/// used when x is small and b·x moderate: there the continued fraction's first
/// terms cancel (t p-values at very large df), while this series converges in
/// about e·b·x terms with little loss.
fn power_series(a: f64, b: f64, x: f64, ln_x: f64) -> f64 {
    let mut term = 1.0;
    let mut sum = 1.0;
    for n in 1..100_000 {
        let n = f64::from(n);
        term *= (n - b) * x / n;
        let contribution = term * a / (a + n);
        sum += contribution;
        if contribution.abs() <= 1e-17 * sum.abs() {
            break;
        }
    }
    (a * ln_x - ln_beta(a, b)).exp() * sum / a
}

/// b·x below which the power series is used (its largest term is about e^(b·x)
/// relative to the sum's scale, so at most a few digits are lost).
const SERIES_LIMIT: f64 = 8.0;

/// I_x(a, b), the regularised incomplete beta, given x and y = 1 - x (passed
/// separately so a caller can supply 1 - x without cancellation).
pub fn beta_reg(a: f64, b: f64, x: f64, y: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if y <= 0.0 {
        return 1.0;
    }
    // The logarithm of the value nearer 1 comes from the smaller one through
    // ln_1p, which keeps the digits a plain ln(1 - tiny) would lose.
    let (ln_x, ln_y) = if x < y {
        (x.ln(), (-x).ln_1p())
    } else {
        ((-y).ln_1p(), y.ln())
    };
    if x < 0.5 && b * x <= SERIES_LIMIT {
        return power_series(a, b, x, ln_x).clamp(0.0, 1.0);
    }
    if y < 0.5 && a * y <= SERIES_LIMIT {
        return (1.0 - power_series(b, a, y, ln_y)).clamp(0.0, 1.0);
    }
    let ln_front = a * ln_x + b * ln_y - ln_beta(a, b);
    if x < (a + 1.0) / (a + b + 2.0) {
        (ln_front.exp() * continued_fraction(a, b, x) / a).clamp(0.0, 1.0)
    } else {
        (1.0 - ln_front.exp() * continued_fraction(b, a, y) / b).clamp(0.0, 1.0)
    }
}
