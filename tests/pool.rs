//! `pool` (pooling.md): institutions' published metrics.json combined by
//! random-effects meta-analysis; the files it refuses, by name.

use mentor_evidence::stats::meta::{Tau2Method, random_effects};
use serde_json::Value;

use crate::workdir::Workdir;

/// An institution's published run: a sample of `students` from `seed`,
/// named `name`, its output folder `dir/out`.
fn institution(wd: &Workdir, dir: &str, name: &str, students: &str, seed: &str) {
    wd.run(&[
        "sample-data",
        "--out",
        dir,
        "--students",
        students,
        "--seed",
        seed,
    ]);
    let config = wd
        .read(&format!("{dir}/evidence.toml"))
        .replace(
            "institution = \"Example University\"",
            &format!("institution = \"{name}\""),
        )
        .replace("internal = false", "internal = true");
    wd.write(&format!("{dir}/evidence.toml"), config);
    wd.run(&[
        "run",
        "-c",
        &format!("{dir}/evidence.toml"),
        "--out",
        &format!("{dir}/out"),
        "--quiet",
    ]);
}

#[test]
fn three_institutions_pool_as_metafor_would_from_their_published_records() {
    let wd = Workdir::new("pool-three");
    institution(&wd, "c", "Canterbury", "500", "3");
    institution(&wd, "a", "Aston", "400", "1");
    institution(&wd, "b", "Bath", "800", "2");
    wd.run(&["pool", "a/out", "b/out/metrics.json", "c/out", "--out", "pooled"]);
    let pooled: Value = serde_json::from_str(&wd.read("pooled/pooled.json")).unwrap();
    let names: Vec<&str> = pooled["institutions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["institution"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Aston", "Bath", "Canterbury"]);
    assert_eq!(pooled["pool"]["method"], "REML");
    // The All eligible paired change of confidence, from the three files.
    let record = pooled["pooled"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["measure"] == "paired_change" && r["group"] == "All eligible" && r["outcome"] == "confidence"
        })
        .expect("a pooled paired change");
    assert_eq!(record["k"], 3);
    let (mut y, mut se) = (Vec::new(), Vec::new());
    for dir in ["a", "b", "c"] {
        let m: Value = serde_json::from_str(&wd.read(&format!("{dir}/out/metrics.json"))).unwrap();
        let r = m["pooling"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| {
                r["measure"] == "paired_change"
                    && r["group"] == "All eligible"
                    && r["outcome"] == "Confidence"
            })
            .unwrap();
        y.push(r["estimate"].as_f64().unwrap());
        se.push(r["se"].as_f64().unwrap());
    }
    let fit = random_effects(&y, &se, Tau2Method::Reml).unwrap();
    assert_eq!(record["estimate"].as_f64().unwrap(), fit.estimate);
    assert_eq!(record["ci_low"].as_f64().unwrap(), fit.ci_low);
    assert_eq!(record["tau2"].as_f64().unwrap(), fit.tau2);
    assert_eq!(record["i2"].as_f64().unwrap(), fit.i2);
    let left: Vec<&Value> = pooled["leave_one_out"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            r["measure"] == "paired_change" && r["group"] == "All eligible" && r["outcome"] == "confidence"
        })
        .collect();
    assert_eq!(left.len(), 3);
}

#[test]
fn files_pool_refuses_are_named() {
    let wd = Workdir::new("pool-refused");
    institution(&wd, "a", "Aston", "300", "1");
    institution(&wd, "b", "Bath", "300", "2");
    let refused = |args: &[&str]| wd.run(args).expect_code(1).stderr();
    let err = refused(&["pool", "a/out"]);
    assert!(
        err.contains("1 file given") && err.contains("at least two"),
        "{err}"
    );
    let err = refused(&["pool", "a/out", "b/out/internal/metrics.json"]);
    assert!(
        err.contains("b/out/internal/metrics.json: an internal metrics.json"),
        "{err}"
    );
    let err = refused(&["pool", "a/out", "a/out/metrics.json"]);
    assert!(err.contains("are both Aston"), "{err}");
    let none = wd
        .read("b/evidence.toml")
        .replace("rule = \"hesa\"", "rule = \"none\"");
    wd.write("b/evidence.toml", none);
    wd.run(&["run", "-c", "b/evidence.toml", "--out", "b/none", "--quiet"]);
    let err = refused(&["pool", "a/out", "b/none"]);
    assert!(
        err.contains("b/none/metrics.json: disclosure.rule is \"none\""),
        "{err}"
    );
}
