//! The pooled figures equal R's metafor (pooling.md): every case of
//! tests/fixtures/stats/pool/metafor.json (written by make_fixtures.R beside
//! it: metafor 3.8-1, REML/DL/PM with test = "knha", predict(), confint(),
//! leave1out(), and method = "EE" for the common effect) to 1e-6.

use mentor_evidence::stats::meta::{Tau2Method, leave_one_out, random_effects};
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/stats/pool/metafor.json")).expect("fixture is JSON")
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

/// Equal to 1e-6, relative above 1.
fn close(case: &str, field: &str, got: f64, want: &Value) {
    let want = match want {
        Value::Number(n) => n.as_f64().unwrap(),
        Value::String(s) if s == "Inf" => f64::INFINITY,
        Value::String(s) if s == "-Inf" => f64::NEG_INFINITY,
        other => panic!("{case} {field}: metafor gave {other}"),
    };
    assert!(
        (got - want).abs() <= 1e-6 * want.abs().max(1.0) || got == want,
        "{case} {field}: {got} against metafor's {want}"
    );
}

/// One leave-one-out row against metafor's; the figures compared.
fn close_left_out(at: &str, row: &mentor_evidence::stats::meta::LeftOut, want: &Value) -> usize {
    close(at, "mu", row.estimate, &want["mu"]);
    close(at, "ci_lb", row.ci_low, &want["ci_lb"]);
    close(at, "ci_ub", row.ci_high, &want["ci_ub"]);
    close(at, "tau2", row.tau2, &want["tau2"]);
    close(at, "I2", row.i2, &want["I2"]);
    5
}

const METHODS: [(&str, Tau2Method); 3] = [
    ("REML", Tau2Method::Reml),
    ("DL", Tau2Method::Dl),
    ("PM", Tau2Method::Pm),
];

#[test]
fn every_pooled_figure_equals_metafor() {
    let fixture = fixture();
    let mut checked = 0;
    for case in fixture["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let (y, se) = (numbers(&case["yi"]), numbers(&case["sei"]));
        for (label, method) in METHODS {
            let want = &case["results"][label]["knha"];
            let fit = random_effects(&y, &se, method).unwrap_or_else(|| panic!("{name} {label}: no fit"));
            let at = format!("{name} {label}");
            for (field, got) in [
                ("tau2", fit.tau2),
                ("mu", fit.estimate),
                ("se", fit.se),
                ("ci_lb", fit.ci_low),
                ("ci_ub", fit.ci_high),
                ("pi_lb", fit.pi_low),
                ("pi_ub", fit.pi_high),
                ("Q", fit.q),
                ("Q_p", fit.q_p),
                ("I2", fit.i2),
                ("H2", fit.h2),
                ("tau2_ci_lb", fit.tau2_ci_low),
                ("tau2_ci_ub", fit.tau2_ci_high),
            ] {
                close(&at, field, got, &want[field]);
                checked += 1;
            }
            if let Some(p) = fit.p_value {
                close(&at, "pval", p, &want["pval"]);
            }
            let weights: f64 = fit.weights.iter().sum();
            assert!((weights - 100.0).abs() < 1e-9, "{at}: weights sum to {weights}");
            // Leave-one-out for k >= 3 (the k = 1000 case checks a subset).
            if y.len() >= 3 && y.len() <= 50 {
                let rows = leave_one_out(&y, &se, method);
                let want_rows = want["leave1out"].as_array().unwrap();
                assert_eq!(rows.len(), want_rows.len(), "{at} leave-one-out");
                for (row, w) in rows.iter().zip(want_rows) {
                    assert_eq!(row.left_out + 1, w["left_out"].as_u64().unwrap() as usize);
                    checked += close_left_out(&format!("{at} without {}", row.left_out + 1), row, w);
                }
            }
        }
        let common = random_effects(&y, &se, Tau2Method::Reml).unwrap().common;
        let want = &case["results"]["EE"];
        for (field, got) in [
            ("mu", common.estimate),
            ("se", common.se),
            ("ci_lb", common.ci_low),
            ("ci_ub", common.ci_high),
        ] {
            close(&format!("{name} EE"), field, got, &want[field]);
            checked += 1;
        }
    }
    assert!(checked > 1500, "{checked} figures checked");
}

/// k = 1000: leave-one-out refits start warm (at the full fit's τ²) and
/// still equal metafor's refits of studies 1, 2, 500 and 1000.
#[test]
fn warm_started_leave_one_out_of_1000_equals_metafor() {
    let fixture = fixture();
    let case = fixture["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "i_k1000")
        .unwrap();
    let (y, se) = (numbers(&case["yi"]), numbers(&case["sei"]));
    for (label, method) in METHODS {
        let rows = leave_one_out(&y, &se, method);
        let want = case["results"][label]["knha"]["leave1out_subset"]
            .as_array()
            .unwrap();
        assert_eq!(want.len(), 4);
        for w in want {
            let i = w["left_out"].as_u64().unwrap() as usize - 1;
            let row = rows.iter().find(|r| r.left_out == i).unwrap();
            close_left_out(&format!("i_k1000 {label} without {}", i + 1), row, w);
        }
    }
}

/// The spec's own check: metafor's dat.raudenbush1985 (k = 19) under REML
/// and HKSJ, as pooling.md quotes it.
#[test]
fn raudenbush_1985_gives_the_figures_pooling_md_quotes() {
    let fixture = fixture();
    let case = fixture["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "e_raudenbush1985")
        .unwrap();
    let fit = random_effects(&numbers(&case["yi"]), &numbers(&case["sei"]), Tau2Method::Reml).unwrap();
    let r4 = |v: f64| (v * 10_000.0).round() / 10_000.0;
    assert_eq!(
        (r4(fit.tau2), r4(fit.estimate), r4(fit.ci_low), r4(fit.ci_high)),
        (0.0188, 0.0837, -0.0457, 0.2131)
    );
    assert_eq!((r4(fit.pi_low), r4(fit.pi_high)), (-0.2322, 0.3996));
    assert_eq!((fit.i2 * 100.0).round() / 100.0, 41.85);
    assert_eq!(((fit.q * 100.0).round() / 100.0, r4(fit.q_p)), (35.83, 0.0074));
    assert_eq!((r4(fit.tau2_ci_low), r4(fit.tau2_ci_high)), (0.0059, 0.1977));
}

/// Fewer than two estimates, or an SE of 0, is not a fit.
#[test]
fn one_estimate_or_a_zero_se_is_not_pooled() {
    assert!(random_effects(&[0.1], &[0.02], Tau2Method::Reml).is_none());
    assert!(random_effects(&[0.1, 0.2], &[0.02, 0.0], Tau2Method::Reml).is_none());
    assert!(leave_one_out(&[0.1, 0.2], &[0.02, 0.03], Tau2Method::Reml).is_empty());
}

/// A deterministic stream of numbers in [0, 1) (a 64-bit LCG's top bits).
fn uniform(state: &mut u64) -> f64 {
    *state = state
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    (*state >> 11) as f64 / (1u64 << 53) as f64
}

/// k estimates with SEs from `se_low` to `se_high` around true effects
/// spread by `tau` (a sum of uniforms, roughly normal).
fn simulated(k: usize, tau: f64, se_low: f64, se_high: f64, seed: u64) -> (Vec<f64>, Vec<f64>) {
    let mut state = seed;
    let normal = |s: &mut u64| (0..12).map(|_| uniform(s)).sum::<f64>() - 6.0;
    let (mut y, mut se) = (Vec::new(), Vec::new());
    for _ in 0..k {
        let s = se_low + (se_high - se_low) * uniform(&mut state);
        y.push(-0.1 + tau * normal(&mut state) + s * normal(&mut state));
        se.push(s);
    }
    (y, se)
}

/// Above 50 estimates, leave-one-out refits (REML, DL and PM) come from an
/// expansion around the full fit (stats/meta/expansion.rs), or exactly
/// where it does not reach: every row equals a fit of the other estimates
/// (REML from metafor's start; τ² to 1e-10, where the scoring stops, and
/// I² as far as that moves it; the rest to 1e-9), for pools with no
/// spread, much spread, one dominant estimate (left out, τ² moves far) and
/// an outlier.
#[test]
fn expanded_leave_one_out_equals_refitting_each_subset() {
    let mut cases = vec![
        ("no spread", simulated(60, 0.0, 0.02, 0.06, 1)),
        ("no spread, k 1000", simulated(1000, 0.0, 0.01, 0.05, 2)),
        ("much spread", simulated(200, 0.08, 0.02, 0.06, 3)),
        ("some spread", simulated(300, 0.02, 0.01, 0.08, 4)),
        ("tiny SEs", simulated(80, 0.05, 1e-4, 3e-4, 5)),
    ];
    let (mut y, mut se) = simulated(120, 0.01, 0.03, 0.05, 6);
    se[7] = 0.0005;
    cases.push(("one dominant", (y.clone(), se.clone())));
    y[9] = 2.5;
    se[7] = 0.04;
    cases.push(("an outlier", (y, se)));
    for ((name, (y, se)), (label, method)) in cases.iter().flat_map(|c| METHODS.map(|m| (c, m))) {
        let rows = leave_one_out(y, se, method);
        assert_eq!(rows.len(), y.len(), "{name} {label}");
        for row in rows {
            let i = row.left_out;
            let (ys, ses): (Vec<f64>, Vec<f64>) =
                (0..y.len()).filter(|j| *j != i).map(|j| (y[j], se[j])).unzip();
            let want = random_effects(&ys, &ses, method).unwrap();
            // I² = 100 τ² / (typical variance + τ²), in percent.
            let (w, w2) = ses
                .iter()
                .fold((0.0, 0.0), |(a, b), s| (a + s.powi(-2), b + s.powi(-4)));
            let typical = (ses.len() - 1) as f64 / (w - w2 / w);
            for (field, got, want, within) in [
                ("tau2", row.tau2, want.tau2, 1e-10),
                ("estimate", row.estimate, want.estimate, 1e-9),
                ("ci_low", row.ci_low, want.ci_low, 1e-9),
                ("ci_high", row.ci_high, want.ci_high, 1e-9),
                ("i2", row.i2, want.i2, 1e-9 + 100.0 * 1e-10 / typical),
            ] {
                assert!(
                    (got - want).abs() <= within * want.abs().max(1.0),
                    "{name} {label}, without {i}: {field} {got} against {want}"
                );
            }
        }
    }
}
