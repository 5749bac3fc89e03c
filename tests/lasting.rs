//! What makes relationships last (metrics.md §7), beyond departments: the
//! wait from registration to match by group, and the pair factors.

use serde_json::Value;

use crate::workdir::Workdir;

const CONFIG: &str = r#"[programme]
name = "Lasting"
period = "Test"
start = 2026-09-28
as_of = 2027-04-30

[inputs.cohort]
path = "cohort.csv"
[inputs.cohort.columns]
student_id = "ID"
registered = "Registered"
mentor_id = "Mentor"
matched_on = "Matched"

[target_groups]
"Group" = { column = "G", in = ["y"] }

[disclosure]
rule = "none"

[output]
dir = "out"
internal = true
"#;

#[test]
fn the_wait_from_registration_to_match_is_summarised_per_group() {
    let wd = Workdir::new("lasting-wait");
    // Waits 10, 20, 30 and 40 days; student 5 has a match date but no
    // mentor, student 6 a sign-up without a date: neither counts.
    wd.write(
        "cohort.csv",
        "ID,Registered,Mentor,Matched,G\n\
         1,2026-10-01,M1,2026-10-11,y\n\
         2,2026-10-01,M2,2026-10-21,y\n\
         3,2026-10-01,M3,2026-10-31,n\n\
         4,2026-10-01,M4,2026-11-10,n\n\
         5,2026-10-01,,2026-10-02,y\n\
         6,yes,M6,2026-10-05,y\n",
    );
    wd.write("evidence.toml", CONFIG);
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    let metrics: Value = serde_json::from_str(&wd.read("out/internal/metrics.json")).unwrap();
    let wait = |group: &str| {
        metrics["match_wait"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["group"] == group)
            .unwrap()
            .clone()
    };
    // numpy.quantile([10, 20, 30, 40], [0.25, 0.5, 0.75]) = 17.5, 25, 32.5.
    let all = wait("All eligible");
    assert_eq!(all["students"], 4);
    assert_eq!(
        (
            all["q1_days"].as_f64(),
            all["median_days"].as_f64(),
            all["q3_days"].as_f64()
        ),
        (Some(17.5), Some(25.0), Some(32.5))
    );
    let group = wait("Group");
    assert_eq!(group["students"], 2);
    assert_eq!(group["median_days"], 15.0);
}
