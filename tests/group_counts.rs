//! Per-group counts by one polars group_by over the membership as a long
//! table (metrics::frame::counts_by_group), one function per query.

use mentor_evidence::metrics::frame::counts_by_group;
use mentor_evidence::metrics::groups::Membership;
use polars::prelude::*;

/// Five students; "A" and "B" overlap in student 2, "Empty" has nobody.
fn membership() -> Membership {
    Membership {
        names: ["All eligible", "A", "B", "Empty"].map(String::from).to_vec(),
        members: vec![
            vec![true; 5],
            vec![true, true, true, false, false],
            vec![false, false, true, true, false],
            vec![false; 5],
        ],
    }
}

#[test]
fn counts_each_membership_once_and_zero_for_a_group_without_students() {
    let frame = DataFrame::new(
        5,
        vec![
            Column::new("registered".into(), [true, false, true, true, false]),
            Column::new("score".into(), [10.0, 80.0, 75.0, 90.0, 20.0]),
        ],
    )
    .unwrap();
    let named = vec![
        ("everyone".to_string(), col("registered").is_not_null()),
        ("registered".to_string(), col("registered")),
        ("passed".to_string(), col("score").gt_eq(lit(70.0))),
    ];
    let counts = counts_by_group(&frame, &membership(), named).unwrap();
    assert_eq!(counts, [[5, 3, 3], [3, 2, 2], [2, 2, 2], [0, 0, 0]]);
}

/// A condition of literals alone is one row, not one per student: an
/// error, never a wrong count (uptake's "eligible" is `registered IS NOT NULL`).
#[test]
fn a_literal_condition_alone_is_an_error_not_a_count() {
    let frame = DataFrame::new(5, vec![Column::new("registered".into(), [true; 5])]).unwrap();
    let result = counts_by_group(&frame, &membership(), vec![("all".to_string(), lit(true))]);
    assert!(result.is_err(), "{result:?}");
}

/// Relationship figures per group from one group_by of the pairs: counts,
/// sums, medians and quartiles (linear, as numpy), shares; a group without
/// pairs gets zeros and no medians.
#[test]
fn relationship_records_aggregate_each_groups_pairs() {
    use mentor_evidence::metrics::model::Count;
    use mentor_evidence::metrics::pairs::{Pair, Status};
    use mentor_evidence::metrics::relationships::relationship_records;
    let pair = |row: usize, meetings: u64, days: Option<i64>, compliance: Option<f64>, status: Status| Pair {
        row,
        matched_on: None,
        withdrawn_on: None,
        meetings,
        contact_hours: meetings as f64 * 0.75,
        first_meeting: None,
        last_meeting: None,
        days_to_first_meeting: days,
        completed: status == Status::Completed,
        status,
        window_months: 0,
        kept_months: 0,
        monthly_compliance: compliance,
        days_since_contact: None,
    };
    // Students 0-2 are in "A", 2-3 in "B" (membership() above).
    let pairs = vec![
        pair(0, 4, Some(3), Some(1.0), Status::Active),
        pair(1, 0, None, Some(0.0), Status::NotStarted),
        pair(2, 6, Some(10), Some(0.5), Status::Completed),
        pair(3, 2, Some(7), None, Status::Lapsed),
    ];
    let (records, bands) = relationship_records(&pairs, &membership()).unwrap();
    // Group A's compliance 1.0, 0.0, 0.5: one pair in each band but "under half".
    let a_bands: Vec<(&str, Count)> = bands
        .iter()
        .filter(|b| b.group == "A")
        .map(|b| (b.band, b.pairs))
        .collect();
    assert_eq!(
        a_bands,
        [
            ("none", Count::Exact(1)),
            ("under_half", Count::Exact(0)),
            ("half_or_more", Count::Exact(1)),
            ("every_month", Count::Exact(1))
        ]
    );
    assert_eq!(bands.len(), 4 * 4, "every band of every group, the empty one too");
    let a = &records[1];
    assert_eq!(a.group, "A");
    assert_eq!((a.pairs, a.meetings), (Count::Exact(3), Count::Exact(10)));
    assert_eq!(a.contact_hours, Some(7.5));
    assert_eq!(a.median_meetings, Some(4.0));
    // days 3 and 10: median 6.5, quartiles 3 + 0.25 x 7 and 3 + 0.75 x 7.
    assert_eq!(
        (
            a.median_days_to_first_meeting,
            a.q1_days_to_first_meeting,
            a.q3_days_to_first_meeting
        ),
        (Some(6.5), Some(4.75), Some(8.25))
    );
    assert_eq!(a.median_monthly_compliance, Some(0.5));
    assert_eq!(a.share_every_month, Some(1.0 / 3.0));
    assert_eq!(
        (a.pairs_with_meetings, a.pairs_with_compliance),
        (Count::Exact(2), Count::Exact(3))
    );
    assert_eq!(
        (
            a.status.active,
            a.status.not_started,
            a.status.completed,
            a.status.lapsed
        ),
        (Count::Exact(1), Count::Exact(1), Count::Exact(1), Count::Exact(0))
    );
    assert_eq!(a.n_days_to_first, 2);
    let b = &records[2];
    assert_eq!(
        (b.pairs, b.status.lapsed, b.share_every_month),
        (Count::Exact(2), Count::Exact(1), Some(0.0))
    );
    let empty = &records[3];
    assert_eq!(
        (empty.pairs, empty.contact_hours, empty.median_meetings),
        (Count::Exact(0), Some(0.0), None)
    );
    assert_eq!(records[0].pairs, Count::Exact(4));
}

/// inputs.md: a rule compares numbers as their shortest text, so a CSV's
/// "1.0" and "2.0" (a data team's quintile written as a float) are in the
/// group `in = ["1", "2"]` (regression: Marlowe's TUNDRA group had none).
#[test]
fn a_rule_matches_numbers_written_with_a_decimal_point() {
    let wd = crate::workdir::Workdir::new("group-decimal-text");
    let mut cohort = String::from("ID,Registered,TUNDRA\n");
    for i in 0..40 {
        cohort += &format!("{i},yes,{}.0\n", i % 5 + 1);
    }
    wd.write("cohort.csv", cohort);
    let config = crate::test_config::TestConfig::new("Groups", "cohort.csv")
        .columns(&[("student_id", "ID"), ("registered", "Registered")])
        .table("[target_groups]\n\"TUNDRA Q1-2\" = { column = \"TUNDRA\", in = [\"1\", \"2\"] }")
        .rule("none")
        .toml();
    wd.write("evidence.toml", config);
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    let metrics: serde_json::Value = serde_json::from_str(&wd.read("out/metrics.json")).unwrap();
    let eligible = metrics["uptake"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["group"] == "TUNDRA Q1-2" && r["stage"] == "eligible")
        .unwrap_or_else(|| panic!("{metrics}"))["count"]
        .clone();
    assert_eq!(eligible, 16);
}
