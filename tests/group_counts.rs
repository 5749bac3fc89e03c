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
