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
