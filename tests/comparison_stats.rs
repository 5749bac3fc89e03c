//! The matched comparison's estimate (src/stats/att.rs) against statsmodels'
//! WLS with HC1 and the E-value formula (tests/fixtures/stats/
//! generate_comparison.py).

use mentor_evidence::stats::att::{e_value, e_value_ci, weighted_att};
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/stats/comparison.json")).expect("fixture is JSON")
}

/// A fixture list, each entry read by `read`.
fn list<T>(value: &Value, read: impl Fn(&Value) -> Option<T>) -> Vec<T> {
    value
        .as_array()
        .expect("a list")
        .iter()
        .map(|v| read(v).expect("an entry of the list's kind"))
        .collect()
}

fn close(ours: Option<f64>, theirs: &Value, what: &str) {
    match (ours, theirs.as_f64()) {
        (Some(a), Some(b)) => assert!((a - b).abs() <= 1e-10 * b.abs().max(1.0), "{what}: {a} vs {b}"),
        (None, None) => {}
        (a, b) => panic!("{what}: {a:?} vs {b:?}"),
    }
}

#[test]
fn att_and_hc1_standard_error_match_statsmodels() {
    let fixture = fixture();
    let cases = fixture["att"].as_array().unwrap();
    assert!(cases.len() >= 10);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let floats = |key: &str| list(&case[key], Value::as_f64);
        let treated: Vec<bool> = list(&case["treated"], Value::as_bool);
        let att = weighted_att(&floats("y"), &treated, &floats("w"))
            .unwrap_or_else(|| panic!("{name}: no estimate"));
        close(Some(att.att), &case["att"], &format!("{name} att"));
        close(att.se, &case["se"], &format!("{name} se"));
        close(att.ci.map(|c| c.0), &case["ci_low"], &format!("{name} ci_low"));
        close(att.ci.map(|c| c.1), &case["ci_high"], &format!("{name} ci_high"));
        close(att.p_value, &case["p_value"], &format!("{name} p"));
    }
}

#[test]
fn students_without_weight_are_left_out_and_an_arm_without_any_gives_no_estimate() {
    // The zero-weight student would change the fit if it were counted.
    let with_zero = weighted_att(
        &[1.0, 0.0, 1.0, 0.0, 1.0],
        &[true, false, true, false, true],
        &[1.0, 1.0, 1.0, 1.0, 0.0],
    );
    let without = weighted_att(
        &[1.0, 0.0, 1.0, 0.0],
        &[true, false, true, false],
        &[1.0, 1.0, 1.0, 1.0],
    );
    assert_eq!(with_zero, without);
    assert_eq!(
        weighted_att(&[1.0, 0.0], &[true, true], &[1.0, 1.0]),
        None,
        "no controls"
    );
}

#[test]
fn e_values_match_the_formula() {
    let fixture = fixture();
    for case in fixture["e_value"].as_array().unwrap() {
        close(
            Some(e_value(case["rr"].as_f64().unwrap())),
            &case["e_value"],
            "e_value",
        );
    }
    for case in fixture["e_value_ci"].as_array().unwrap() {
        let interval = (
            case["ci_low"].as_f64().unwrap(),
            case["ci_high"].as_f64().unwrap(),
        );
        close(
            e_value_ci(case["control_rate"].as_f64().unwrap(), interval),
            &case["e_value_ci"],
            "e_value_ci",
        );
    }
    assert_eq!(
        e_value_ci(0.0, (0.1, 0.2)),
        None,
        "a control rate of 0 has no ratio"
    );
}

/// Coarsened exact matching's strata and weights (a polars group_by and
/// window counts) against comparison.md's formula in Python, with a missing
/// level as its own stratum, and the hand example (weights 1, 1, 2, 1, 0.5,
/// 0.5 and 0 for the stratum with treated only).
#[test]
fn strata_and_weights_match_the_reference() {
    use mentor_evidence::metrics::matching::match_strata;
    use polars::prelude::{Column, DataFrame};
    let fixture = fixture();
    let cases = fixture["cem"].as_array().unwrap();
    assert!(cases.len() >= 5);
    for (i, case) in cases.iter().enumerate() {
        let texts = |key: &str| list(&case[key], |v| v.as_str().map(str::to_string));
        let treated: Vec<bool> = list(&case["treated"], Value::as_bool);
        let levels = DataFrame::new(
            treated.len(),
            vec![
                Column::new("school".into(), texts("school")),
                Column::new("polar".into(), texts("polar")),
            ],
        )
        .unwrap();
        let matching = match_strata(&levels, &treated).unwrap();
        // The same levels as UInt32 codes take the folded-key path: same matching.
        let codes = |key: &str| {
            let values = texts(key);
            let mut distinct: Vec<String> = values.clone();
            distinct.sort();
            distinct.dedup();
            values
                .iter()
                .map(|v| distinct.iter().position(|d| d == v).unwrap() as u32)
                .collect::<Vec<u32>>()
        };
        let coded = DataFrame::new(
            treated.len(),
            vec![
                Column::new("school".into(), codes("school")),
                Column::new("polar".into(), codes("polar")),
            ],
        )
        .unwrap();
        assert_eq!(
            match_strata(&coded, &treated).unwrap(),
            matching,
            "case {i}: codes"
        );
        let expected: Vec<f64> = list(&case["weights"], Value::as_f64);
        assert_eq!(matching.weights.len(), expected.len());
        for (row, (ours, theirs)) in matching.weights.iter().zip(&expected).enumerate() {
            assert!(
                (ours - theirs).abs() <= 1e-12,
                "case {i} row {row}: {ours} vs {theirs}"
            );
        }
        assert_eq!(
            matching.strata as u64,
            case["strata"].as_u64().unwrap(),
            "case {i}"
        );
        assert_eq!(
            matching.strata_kept as u64,
            case["strata_kept"].as_u64().unwrap(),
            "case {i}"
        );
        let kept = |arm: bool| {
            treated
                .iter()
                .zip(&expected)
                .filter(|(t, w)| **t == arm && **w > 0.0)
                .count() as u64
        };
        assert_eq!(
            (matching.treated_matched, matching.controls_matched),
            (kept(true), kept(false))
        );
    }
}

/// Balance rows (means before and after matching, SMDs over the
/// before-matching spread) against numpy, levels and numbers, with missing
/// values and with no spread.
#[test]
fn balance_matches_numpy() {
    use mentor_evidence::stats::balance::balance;
    let fixture = fixture();
    let cases = fixture["balance"].as_array().unwrap();
    assert!(cases.len() >= 10);
    for (i, case) in cases.iter().enumerate() {
        let values: Vec<Option<f64>> = case["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(Value::as_f64)
            .collect();
        let treated: Vec<bool> = list(&case["treated"], Value::as_bool);
        let weights: Vec<f64> = list(&case["weights"], Value::as_f64);
        let row = balance(&values, &treated, &weights, case["indicator"].as_bool().unwrap());
        assert_eq!(row.n_missing, case["n_missing"].as_u64().unwrap(), "case {i}");
        close(
            row.mean_treated_before,
            &case["mean_treated_before"],
            &format!("case {i} mean_treated_before"),
        );
        close(
            row.mean_control_before,
            &case["mean_control_before"],
            &format!("case {i} mean_control_before"),
        );
        close(
            row.smd_before,
            &case["smd_before"],
            &format!("case {i} smd_before"),
        );
        close(
            row.mean_treated_after,
            &case["mean_treated_after"],
            &format!("case {i} mean_treated_after"),
        );
        close(
            row.mean_control_after,
            &case["mean_control_after"],
            &format!("case {i} mean_control_after"),
        );
        close(row.smd_after, &case["smd_after"], &format!("case {i} smd_after"));
    }
}
