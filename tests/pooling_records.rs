//! What `run` publishes for pooling (pooling.md): each record's estimate
//! and SE from the run's own unrounded figures by the formulas pooling.md
//! gives, `"published"` true only in the published file, and a record
//! withheld when a count it rests on is not published exactly.

use serde_json::Value;

use crate::workdir::Workdir;

fn run(rule: &str) -> (Value, Value) {
    let wd = Workdir::new(&format!("pooling-records-{}", rule.len()));
    crate::workdir::copy_dir(crate::workdir::shared_sample(), &wd.path("sample"));
    let config = wd
        .read("sample/evidence.toml")
        .replace("rule = \"hesa\"", rule)
        .replace("internal = false", "internal = true");
    wd.write("sample/evidence.toml", config);
    wd.run(&["run", "-c", "sample/evidence.toml", "--out", "out", "--quiet"])
        .expect_code(0);
    let read = |path: &str| serde_json::from_str(&wd.read(path)).unwrap();
    (read("out/metrics.json"), read("out/internal/metrics.json"))
}

fn list<'a>(m: &'a Value, key: &str) -> &'a [Value] {
    m[key].as_array().map_or(&[], Vec::as_slice)
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap()
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-12, "{a} against {b}");
}

#[test]
fn each_pooling_record_follows_pooling_md_from_the_unrounded_figures() {
    let (published, internal) = run("rule = \"none\"");
    assert_eq!(published["published"], true);
    assert_eq!(internal["published"], false);
    let pooling = list(&internal, "pooling");
    let find = |measure: &str, group: &str, outcome: &str| {
        pooling
            .iter()
            .find(|r| r["measure"] == measure && r["group"] == group && r["outcome"] == outcome)
            .unwrap_or_else(|| panic!("no {measure} {group} {outcome}"))
    };
    // Uptake gap: the group's rate minus that of the eligible outside it.
    let count = |group: &str, stage: &str| {
        list(&internal, "uptake")
            .iter()
            .find(|u| u["group"] == group && u["stage"] == stage)
            .map(|u| f(&u["count"]))
            .unwrap()
    };
    let g = "First in family";
    let (n1, c1) = (count(g, "eligible"), count(g, "registered"));
    let (n0, c0) = (
        count("All eligible", "eligible") - n1,
        count("All eligible", "registered") - c1,
    );
    let (p1, p0) = (c1 / n1, c0 / n0);
    let r = find("uptake_gap", g, "registered");
    close(f(&r["estimate"]), p1 - p0);
    close(f(&r["se"]), (p1 * (1.0 - p1) / n1 + p0 * (1.0 - p0) / n0).sqrt());
    assert_eq!((f(&r["n"]), f(&r["n_other"])), (n1, n0));
    assert_eq!(
        (r["design"].as_str(), r["evidence_type"].as_str()),
        (Some("association"), Some("Type 2"))
    );
    // Paired change and Hedges' g_z.
    let paired = list(&internal, "paired")
        .iter()
        .find(|p| p["group"] == "All eligible" && p["scale"] == "Confidence")
        .unwrap();
    let n = f(&paired["n"]);
    let r = find("paired_change", "All eligible", "Confidence");
    close(f(&r["estimate"]), f(&paired["mean_diff"]));
    close(f(&r["se"]), f(&paired["sd_diff"]) / n.sqrt());
    let r = find("paired_effect", "All eligible", "Confidence");
    let (dz, gz) = (f(&paired["cohens_dz"]), f(&paired["hedges_gz"]));
    close(f(&r["estimate"]), gz);
    // J from g_z = J·d_z.
    close(f(&r["se"]), gz / dz * (1.0 / n + dz * dz / (2.0 * n)).sqrt());
    // Intent: post share minus pre over the same students.
    let intent = list(&internal, "intent_paired")
        .iter()
        .find(|i| i["group"] == "All eligible")
        .unwrap();
    let (n, b, c) = (f(&intent["n"]), f(&intent["b"]), f(&intent["c"]));
    let r = find("intent_change", "All eligible", "intending");
    close(
        f(&r["estimate"]),
        f(&intent["share_post"]) - f(&intent["share_pre"]),
    );
    close(f(&r["se"]), (b + c - (b - c).powi(2) / n).sqrt() / n);
    // Matched effect: the comparison's ATT and HC1 SE, its label.
    let matched = list(&internal, "comparison")
        .iter()
        .find(|m| m["group"] == "All eligible" && m["outcome"] == "placement_secured")
        .unwrap();
    let r = find("matched_effect", "All eligible", "placement_secured");
    close(f(&r["estimate"]), f(&matched["att"]));
    close(f(&r["se"]), f(&matched["se"]));
    assert_eq!(r["evidence_type"], matched["evidence_type"]);
    assert!(
        !pooling.iter().any(|r| r["outcome"] == "Year 1 work experience"),
        "a negative control is not pooled"
    );
    // Published at 0.0001 on the proportion scale.
    let shown = list(&published, "pooling")
        .iter()
        .find(|r| r["measure"] == "uptake_gap" && r["group"] == g && r["outcome"] == "registered")
        .unwrap();
    assert_eq!(f(&shown["estimate"]), ((p1 - p0) * 10_000.0).round() / 10_000.0);
}

/// Under hesa a record whose denominators are under 22.5 is withheld: the
/// sample's smallest target group has 18 and 22 matched.
#[test]
fn a_pooling_record_on_too_few_students_is_withheld() {
    let (published, _) = run("rule = \"hesa\"");
    let withheld: Vec<&Value> = list(&published, "pooling")
        .iter()
        .filter(|r| r["estimate"].is_null())
        .collect();
    assert!(
        withheld.iter().any(|r| r["measure"] == "matched_effect"
            && r["group"] == "Black, Asian and minority ethnic"
            && r["se"].is_null()
            && r["suppressed"] == serde_json::json!(["estimate", "se"])),
        "{withheld:?}"
    );
    assert!(published["disclosure"]["withheld"].as_u64().unwrap() >= withheld.len() as u64 * 2);
}
