//! Kaplan-Meier survival with Greenwood's variance and the log-log 95%
//! interval, as `scipy.stats.ecdf(CensoredData(...)).sf` and its
//! `confidence_interval(method="log-log")`.

use super::Z_95;

/// One observation: time under observation and whether it ended in the event.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Observation {
    pub time: f64,
    pub event: bool,
}

/// The Kaplan-Meier estimate at one time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SurvivalPoint {
    /// S(t).
    pub survival: f64,
    /// Log-log 95% interval; [S, S] when S is 1 or 0.
    pub ci_low: f64,
    pub ci_high: f64,
    /// Observations with time >= t (still under observation at t).
    pub at_risk: u64,
}

/// Kaplan-Meier estimate at each of `times`. None when there are no observations.
///
/// S(t) = product over event times t_i <= t of (1 - d_i / n_i), where n_i counts
/// observations with time >= t_i (so one censored at t_i is still at risk there).
/// Greenwood: Var = S² Σ d_i / (n_i (n_i - d_i)); the interval is
/// exp(-exp(log(-log S) ± z·sqrt(Σ d/(n(n-d))) / |log S|)).
pub fn kaplan_meier(observations: &[Observation], times: &[f64]) -> Option<Vec<SurvivalPoint>> {
    if observations.is_empty() {
        return None;
    }
    let mut sorted: Vec<Observation> = observations.to_vec();
    sorted.sort_by(|a, b| a.time.total_cmp(&b.time));
    // Distinct event times with (n at risk, deaths).
    let total = sorted.len();
    let mut steps: Vec<(f64, f64, f64)> = Vec::new();
    let mut i = 0;
    while i < total {
        let t = sorted[i].time;
        let mut j = i;
        let mut deaths = 0usize;
        while j < total && sorted[j].time == t {
            deaths += usize::from(sorted[j].event);
            j += 1;
        }
        if deaths > 0 {
            steps.push((t, (total - i) as f64, deaths as f64));
        }
        i = j;
    }
    let points = times
        .iter()
        .map(|&t| {
            let mut survival = 1.0;
            let mut greenwood = 0.0;
            for &(_, n, d) in steps.iter().take_while(|s| s.0 <= t) {
                survival *= 1.0 - d / n;
                if n > d {
                    greenwood += d / (n * (n - d));
                }
            }
            let (ci_low, ci_high) = if survival >= 1.0 || survival <= 0.0 {
                (survival, survival)
            } else {
                let log_s = survival.ln();
                let centre = (-log_s).ln();
                // scipy's arrangement: se = sqrt(Σ / log(S)²).
                let half = Z_95 * (1.0 / (log_s * log_s) * greenwood).sqrt();
                ((-(centre + half).exp()).exp(), (-(centre - half).exp()).exp())
            };
            // Sorted by time: those at risk are the ones from the first time >= t.
            let at_risk = (total - sorted.partition_point(|o| o.time < t)) as u64;
            SurvivalPoint {
                survival,
                ci_low,
                ci_high,
                at_risk,
            }
        })
        .collect();
    Some(points)
}
