//! Mentoring relationships: duration parsing, status rules at their boundary
//! days, the monthly window, and the meeting log end to end.

use chrono::NaiveDate;
use mentor_evidence::config::Engagement;
use mentor_evidence::ingest::Cell;
use mentor_evidence::ingest::values::{Parsed, parse_duration, parse_duration_text};
use mentor_evidence::metrics::meetings::month_index;
use mentor_evidence::metrics::pairs::{Status, month_window, status_at};

use crate::test_config::TestConfig;
use crate::workdir::Workdir;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn durations_in_every_form() {
    for (text, minutes) in [
        ("60", 60.0),
        ("1h 30m", 90.0),
        ("1h30m", 90.0),
        ("90 min", 90.0),
        ("45 mins", 45.0),
        ("1.5 hours", 90.0),
        ("2 hrs", 120.0),
        ("1 hour 15 minutes", 75.0),
        ("01:30", 90.0),
        ("0:45", 45.0),
        ("1:30:30", 90.5),
    ] {
        assert_eq!(parse_duration_text(text), Some(minutes), "{text}");
    }
    for bad in ["an hours hour", "1:75", "h", "90 parsecs", "1.5.2 hours", ":30"] {
        assert_eq!(parse_duration_text(bad), None, "{bad}");
    }
    assert_eq!(parse_duration(&Cell::Number(45.0)), Parsed::Value(45.0));
    assert_eq!(parse_duration(&Cell::Duration(90.0)), Parsed::Value(90.0));
    assert_eq!(parse_duration(&Cell::Text("N/A".into())), Parsed::Missing);
}

#[test]
fn status_rules_at_their_boundary_days() {
    let e = Engagement::default(); // at risk after 45 days, lapsed after 90
    let as_of = d(2026, 12, 18);
    let last = |days: i64| Some(as_of - chrono::Duration::days(days));
    assert_eq!(status_at(None, false, last(0), as_of, &e), Status::Active);
    assert_eq!(status_at(None, false, last(45), as_of, &e), Status::Active);
    assert_eq!(status_at(None, false, last(46), as_of, &e), Status::AtRisk);
    assert_eq!(status_at(None, false, last(90), as_of, &e), Status::AtRisk);
    assert_eq!(status_at(None, false, last(91), as_of, &e), Status::Lapsed);
    assert_eq!(status_at(None, false, None, as_of, &e), Status::NotStarted);
    // Precedence: withdrawn, then completed, then not started.
    assert_eq!(
        status_at(Some(as_of), true, last(0), as_of, &e),
        Status::Withdrawn
    );
    assert_eq!(
        status_at(Some(as_of + chrono::Duration::days(1)), false, last(0), as_of, &e),
        Status::Active
    );
    assert_eq!(status_at(None, true, None, as_of, &e), Status::Completed);
    assert_eq!(status_at(None, true, last(200), as_of, &e), Status::Completed);
}

#[test]
fn month_window_rules() {
    let as_of = d(2026, 12, 18);
    let m = |y, mo| month_index(d(y, mo, 1));
    // From the match month to the as_of month for continuing pairs.
    assert_eq!(
        month_window(
            Some(d(2026, 10, 31)),
            None,
            Status::Active,
            None,
            Some(d(2026, 12, 1)),
            as_of
        ),
        Some((m(2026, 10), m(2026, 12)))
    );
    // Withdrawn: to the month of withdrawal.
    assert_eq!(
        month_window(
            Some(d(2026, 10, 31)),
            None,
            Status::Withdrawn,
            Some(d(2026, 11, 2)),
            None,
            as_of
        ),
        Some((m(2026, 10), m(2026, 11)))
    );
    // Lapsed and completed: to the month of the last meeting.
    assert_eq!(
        month_window(
            Some(d(2026, 9, 30)),
            None,
            Status::Lapsed,
            None,
            Some(d(2026, 10, 1)),
            as_of
        ),
        Some((m(2026, 9), m(2026, 10)))
    );
    // No match date: from the first meeting of any kind.
    assert_eq!(
        month_window(
            None,
            Some(d(2026, 11, 5)),
            Status::AtRisk,
            None,
            Some(d(2026, 11, 5)),
            as_of
        ),
        Some((m(2026, 11), m(2026, 12)))
    );
    // Neither: no window. Withdrawal before the match month: no window.
    assert_eq!(
        month_window(None, None, Status::NotStarted, None, None, as_of),
        None
    );
    assert_eq!(
        month_window(
            Some(d(2026, 11, 1)),
            None,
            Status::Withdrawn,
            Some(d(2026, 10, 1)),
            None,
            as_of
        ),
        None
    );
    // Across a year end.
    assert_eq!(m(2027, 1) - m(2026, 12), 1);
}

fn config() -> String {
    TestConfig::new("Relationships", "cohort.csv")
        .reporting_on("2026-12-18")
        .columns(&[
            ("student_id", "ID"),
            ("registered", "Registered"),
            ("mentor_id", "Mentor"),
            ("matched_on", "Matched"),
            ("withdrawn_on", "Withdrawn"),
        ])
        .table(
            r#"[inputs.meetings]
path = "meetings.csv"
[inputs.meetings.columns]
student_id = "Student"
date = "Date"
duration = "Length"
kind = "Type"
[inputs.meetings.kinds]
one_to_one = ["1:1", "Catch-up"]
meet_and_greet = ["Meet and greet"]
celebration = ["Celebration"]"#,
        )
        .rule("none")
        .internal()
        .toml()
}

#[test]
fn meeting_log_end_to_end() {
    let wd = Workdir::new("meetings");
    wd.write(
        "cohort.csv",
        "ID,Registered,Mentor,Matched,Withdrawn\n\
         S1,yes,M1,2026-10-01,\n\
         S2,yes,M2,2026-10-01,\n\
         S3,yes,M3,2026-10-01,2026-11-20\n\
         S4,yes,M4,2026-10-01,\n\
         S5,yes,,,\n",
    );
    wd.write(
        "meetings.csv",
        "Student,Date,Length,Type\n\
         S1,05/10/2026,1h,1:1\n\
         S1,05/11/2026,45 min,Catch-up\n\
         S1,05/11/2026,45 min,1:1\n\
         S1,03/12/2026,01:30,1:1\n\
         S1,01/12/2026,60,Coffee\n\
         S1,02/12/2026,60,Coffee\n\
         S2,10/10/2026,900,1:1\n\
         S3,10/10/2026,60,1:1\n\
         S3,10/11/2026,60,1:1\n\
         S1,20/09/2026,60,1:1\n\
         S1,20/12/2026,60,1:1\n\
         S9,10/10/2026,60,1:1\n\
         S4,21/10/2026,90,Meet and greet\n",
    );
    wd.write("evidence.toml", config());
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    let findings = wd.read("out/data-quality.csv");
    for (rule, count) in [
        ("duplicate_meeting", 1),
        ("unknown_meeting_kind", 1),
        ("meeting_before_match", 1),
        ("meeting_after_as_of", 1),
        ("unknown_student", 1),
        ("duration_out_of_range", 1),
    ] {
        assert_eq!(
            findings.matches(&format!(",{rule},")).count(),
            count,
            "{rule}:\n{findings}"
        );
    }
    // Exact values from the unrounded model; published precision is tested in disclosure.rs.
    let metrics: serde_json::Value = serde_json::from_str(&wd.read("out/internal/metrics.json")).unwrap();
    let all = &metrics["relationships"][0];
    assert_eq!(all["group"], "All eligible");
    assert_eq!(all["pairs"], 4);
    // S1: 4 mentoring meetings (Oct, Nov, Dec x3 incl. two "other"), S2: 1, S3: 2, S4: 0.
    assert_eq!(all["meetings"], 8);
    // Hours: S1 60+45+90+60+60 = 315 min, S2 duration out of range, S3 120, S4 90.
    assert!(
        (all["contact_hours"].as_f64().unwrap() - (315.0 + 120.0 + 90.0) / 60.0).abs() < 1e-9,
        "{all}"
    );
    let status = &all["status"];
    assert_eq!(status["active"], 1, "S1 met on 3 Dec");
    assert_eq!(status["lapsed"], 0);
    assert_eq!(status["at_risk"], 1, "S2 last met 10 Oct: 69 days");
    assert_eq!(status["withdrawn"], 1);
    assert_eq!(status["not_started"], 1, "S4 had only the meet-and-greet");
    assert_eq!(all["pairs_with_meetings"], 3);
    // S1 met in Oct, Nov and Dec: compliance 1; S2 1/3; S3 2/2 (withdrawn in Nov); S4 0.
    assert_eq!(all["share_every_month"], 0.5);
    assert!(
        (all["median_monthly_compliance"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-12,
        "{all}"
    );
    assert_eq!(all["median_days_to_first_meeting"], 9.0, "days 4, 9, 9");

    let funnel = |stage: &str| {
        metrics["uptake"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["group"] == "All eligible" && r["stage"] == stage)
            .unwrap()["count"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(funnel("matched"), 4);
    assert_eq!(
        funnel("met"),
        4,
        "any logged meeting counts, the meet-and-greet too"
    );
    assert_eq!(funnel("sustained"), 1, "three or more mentoring meetings");
    assert_eq!(funnel("completed"), 0);

    // Timeline after the log's rules: duplicates, before-match, after-as_of
    // and unknown-student rows are gone; "Coffee" is other.
    let timeline: Vec<(String, String, u64)> = metrics["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["group"] == "All eligible")
        .map(|r| {
            let text = |k: &str| r[k].as_str().unwrap().to_string();
            (text("month"), text("kind"), r["meetings"].as_u64().unwrap())
        })
        .collect();
    let expected_timeline = [
        ("2026-10", "meet_and_greet", 1),
        ("2026-10", "one_to_one", 3),
        ("2026-11", "one_to_one", 2),
        ("2026-12", "one_to_one", 1),
        ("2026-12", "other", 2),
    ];
    assert_eq!(
        timeline,
        expected_timeline.map(|(m, k, n)| (m.to_string(), k.to_string(), n)),
        "months and kinds in spec order"
    );

    let bands: Vec<(String, u64)> = metrics["compliance"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["group"] == "All eligible")
        .map(|r| {
            (
                r["band"].as_str().unwrap().to_string(),
                r["pairs"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("none", 1),
        ("under_half", 1),
        ("half_or_more", 0),
        ("every_month", 2),
    ];
    assert_eq!(
        bands,
        expected.map(|(b, n)| (b.to_string(), n)),
        "S4 0, S2 1/3, S1 and S3 every month"
    );

    let retention = metrics["retention"].as_array().unwrap();
    let month1 = retention
        .iter()
        .find(|r| r["group"] == "All eligible" && r["month"] == 1)
        .unwrap();
    assert_eq!(month1["at_risk"], 3);

    let pairs = wd.read("out/internal/pairs.csv");
    assert!(pairs.starts_with("student_id,mentor_id,"), "{pairs}");
    assert!(pairs.contains("\r\nS2,M2,2026-10-01,,at_risk,1,"), "{pairs}");
    assert!(
        pairs
            .lines()
            .any(|l| l.starts_with("S4,") && l.ends_with(",yes,")),
        "S4 matched long ago without a meeting: follow up\n{pairs}"
    );
    assert!(
        pairs.lines().any(|l| l.starts_with("S1,") && l.ends_with(",no,")),
        "{pairs}"
    );
    // The published outputs never hold the ids.
    for file in [
        "metrics.json",
        "report.html",
        "tables/relationships.csv",
        "data-quality.csv",
    ] {
        assert!(!wd.read(&format!("out/{file}")).contains("S1,"), "{file}");
    }
}

#[test]
fn mentor_bank_figures() {
    let wd = Workdir::new("mentor-bank");
    wd.write(
        "cohort.csv",
        "ID,Registered,Mentor,Matched\n\
         S1,2026-10-01,M1,2026-10-11\n\
         S2,2026-10-02,M1,2026-10-22\n\
         S3,2026-10-03,M9,2026-10-04\n\
         S4,yes,,\n\
         S5,no,,\n",
    );
    wd.write(
        "mentors.csv",
        "Mentor ID,Sector,Recruited via,Capacity\n\
         M1,Finance,Alumni network,2\n\
         M2,Law,Alumni network,1\n\
         M3,,Academic contact,\n",
    );
    let config = TestConfig::new("Bank", "cohort.csv")
        .reporting_on("2026-12-18")
        .columns(&[
            ("student_id", "ID"),
            ("registered", "Registered"),
            ("mentor_id", "Mentor"),
            ("matched_on", "Matched"),
        ])
        .table(
            "[inputs.mentors]\npath = \"mentors.csv\"\n[inputs.mentors.columns]\nmentor_id = \"Mentor ID\"\nsector = \"Sector\"\nsource = \"Recruited via\"\ncapacity = \"Capacity\"",
        )
        .rule("none")
        .toml();

    wd.write("evidence.toml", config);
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    let metrics: serde_json::Value = serde_json::from_str(&wd.read("out/metrics.json")).unwrap();
    let bank = &metrics["mentors"];
    assert_eq!(bank["mentors"], 3);
    assert_eq!(bank["total_capacity"], 4.0, "a blank capacity counts as 1");
    assert_eq!(bank["matched_mentees"], 2, "S3's mentor is not in the bank");
    assert_eq!(bank["utilisation"], 0.5);
    assert_eq!(bank["mentors_without_mentee"], 2);
    assert_eq!(bank["mentees_per_mentor"], serde_json::json!({"0": 2, "2": 1}));
    assert_eq!(
        bank["by_sector"]["Finance"],
        serde_json::json!({"mentors": 1, "capacity": 2.0, "matched_mentees": 2, "utilisation": 1.0})
    );
    assert_eq!(bank["by_sector"]["Not recorded"]["mentors"], 1);
    assert_eq!(
        bank["by_source"],
        serde_json::json!({"Academic contact": 1, "Alumni network": 2})
    );
    assert_eq!(bank["waiting_list"], 1, "S4 registered without a mentor");
    assert_eq!(bank["missing_mentor_ids"], serde_json::json!(["M9"]));
    // Days from registration to match: 10, 20 and 1 -> median 10.
    assert_eq!(bank["median_days_registration_to_match"], 10.0);
    assert_eq!(bank["n_registration_to_match"], 3);
}

/// The per-student totals and monthly counts, gathered in one pass by cohort
/// row, against hand counts: rows out of order, several meetings in a month,
/// kinds that are not mentoring, a student without meetings.
#[test]
fn meeting_aggregates_by_cohort_row() {
    use mentor_evidence::config::MeetingKind;
    use mentor_evidence::ingest::meetings::Meetings;
    use mentor_evidence::metrics::groups::Membership;
    use mentor_evidence::metrics::meetings::aggregate;
    use mentor_evidence::validate::meetings::ValidMeetings;

    let log = [
        (2, d(2026, 11, 20), Some(30.0), MeetingKind::OneToOne),
        (0, d(2026, 10, 5), Some(60.0), MeetingKind::MeetAndGreet),
        (2, d(2026, 10, 1), None, MeetingKind::OneToOne),
        (2, d(2026, 11, 2), Some(45.0), MeetingKind::OneToOne),
        (0, d(2026, 12, 1), Some(15.0), MeetingKind::Celebration),
        (2, d(2026, 9, 30), Some(10.0), MeetingKind::WorkplaceVisit),
    ];
    let meetings = Meetings {
        student_id: log.iter().map(|m| Some(format!("S{}", m.0).into())).collect(),
        date: log.iter().map(|m| Some(m.1)).collect(),
        minutes: log.iter().map(|m| m.2).collect(),
        kind: log.iter().map(|m| m.3).collect(),
        ..Meetings::default()
    };
    let valid = ValidMeetings {
        info: Default::default(),
        meetings,
        student_row: log.iter().map(|m| m.0).collect(),
        mentor_first_rows: Vec::new(),
    };
    let membership = Membership {
        names: vec!["A".to_string()],
        members: vec![vec![true, false, true]],
    };
    let aggregates = aggregate(&valid, &membership, 3);

    let first = aggregates.student(0);
    assert_eq!((first.mentoring, first.any, first.minutes), (0, 2, 75.0));
    assert_eq!(first.first_any, Some(d(2026, 10, 5)));
    assert_eq!((first.first_mentoring, first.last_mentoring), (None, None));
    assert!(first.celebration);
    assert!(aggregates.monthly(0).is_empty(), "no mentoring meetings");

    assert_eq!(aggregates.student(1).any, 0, "no meetings logged");
    assert!(aggregates.monthly(1).is_empty());

    let third = aggregates.student(2);
    assert_eq!((third.mentoring, third.any, third.minutes), (4, 4, 85.0));
    assert_eq!(third.first_any, Some(d(2026, 9, 30)));
    assert_eq!(third.first_mentoring, Some(d(2026, 9, 30)));
    assert_eq!(third.last_mentoring, Some(d(2026, 11, 20)));
    assert!(!third.celebration);
    let (sep, oct, nov) = (
        month_index(d(2026, 9, 1)),
        month_index(d(2026, 10, 1)),
        month_index(d(2026, 11, 1)),
    );
    assert_eq!(aggregates.monthly(2), &[(sep, 1), (oct, 1), (nov, 2)]);
    assert!(aggregates.monthly(3).is_empty(), "past the last row");
}

/// The timeline counts each (month, kind) once per group the student is in,
/// months ascending and kinds in spec order, whatever the log's order;
/// consecutive meetings of one month and kind by students of different
/// groups are each counted for their own groups.
#[test]
fn timeline_counts_per_month_kind_and_group() {
    use mentor_evidence::config::MeetingKind::{self, *};
    use mentor_evidence::ingest::meetings::Meetings;
    use mentor_evidence::metrics::groups::Membership;
    use mentor_evidence::metrics::meetings::timeline_counts;
    use mentor_evidence::validate::meetings::ValidMeetings;

    let log = [
        (1, d(2026, 11, 20), Other),
        (0, d(2026, 11, 3), OneToOne),
        (1, d(2026, 11, 9), OneToOne),
        (2, d(2026, 11, 30), OneToOne),
        (0, d(2026, 10, 5), MeetAndGreet),
        (2, d(2025, 12, 1), OneToOne),
        (1, d(2026, 10, 1), OneToOne),
        (3, d(2026, 10, 2), OneToOne),
    ];
    let valid = ValidMeetings {
        info: Default::default(),
        meetings: Meetings {
            kind: log.iter().map(|m| m.2).collect(),
            ..Meetings::default()
        },
        student_row: log.iter().map(|m| m.0).collect(),
        mentor_first_rows: Vec::new(),
    };
    let months: Vec<i32> = log.iter().map(|m| month_index(m.1)).collect();
    // Row 3 is past the membership's rows: in no group.
    let membership = Membership {
        names: vec!["All".to_string(), "B".to_string()],
        members: vec![vec![true, true, true], vec![false, true, false]],
    };
    let month = |y, m| month_index(d(y, m, 1));
    let expected: Vec<(i32, MeetingKind, Vec<u64>)> = vec![
        (month(2025, 12), OneToOne, vec![1, 0]),
        (month(2026, 10), MeetAndGreet, vec![1, 0]),
        (month(2026, 10), OneToOne, vec![1, 1]),
        (month(2026, 11), OneToOne, vec![3, 1]),
        (month(2026, 11), Other, vec![1, 1]),
    ];
    assert_eq!(timeline_counts(&valid, &membership, &months), expected);
}

/// Items grouped by row keep their order within a row; items without a row
/// or past the last row are left out.
#[test]
fn row_groups_keep_item_order_and_leave_out_the_rest() {
    use mentor_evidence::row_groups::RowGroups;
    let rows = [Some(2), None, Some(0), Some(2), Some(5), Some(0), Some(2)];
    let groups = RowGroups::new(3, rows.iter().copied());
    assert_eq!(groups.rows(), 3);
    assert_eq!(groups.group(0), &[2, 5]);
    assert_eq!(groups.group(1), &[] as &[u32]);
    assert_eq!(groups.group(2), &[0, 3, 6]);
    assert_eq!(groups.group(3), &[] as &[u32], "past the last row");
}

/// Each meeting's cohort row: repeated ids (consecutive, as logs kept per
/// student have them) reuse the previous lookup, unknown ones included,
/// and give the same rows as looking each up.
#[test]
fn unknown_students_with_repeated_ids() {
    use mentor_evidence::ingest::meetings::Meetings;
    use mentor_evidence::ingest::{Id, Origin, TableInfo};
    use mentor_evidence::validate::id_index::IdRows;
    use mentor_evidence::validate::meetings::unknown_students;

    let ids = ["a", "a", "x", "x", "b", "a", "x", ""];
    let meetings = Meetings {
        origins: (0..ids.len() as u32)
            .map(|r| Origin {
                source: 0,
                row: r + 2,
            })
            .collect(),
        student_id: ids
            .iter()
            .map(|id| (!id.is_empty()).then(|| Id::from(*id)))
            .collect(),
        ..Meetings::default()
    };
    let cohort_ids = [Some(Id::from("a")), Some(Id::from("b"))];
    let index = IdRows::of_column(&cohort_ids);
    let (findings, keep, rows) = unknown_students(
        &TableInfo::default(),
        &meetings,
        index.over(&cohort_ids),
        "Student",
    );
    assert_eq!(rows, [Some(0), Some(0), None, None, Some(1), Some(0), None, None]);
    assert_eq!(keep, [true, true, false, false, true, true, false, false]);
    assert_eq!(findings.len(), 4, "one finding per meeting left out");
}

/// The id index keeps the first row of each id, numbers rows as if the
/// repeats were removed (so it fits the column once they are), and finds
/// every id of a column large enough to be split into parts.
#[test]
fn id_index_keeps_first_rows_numbered_among_the_kept() {
    use mentor_evidence::ingest::Id;
    use mentor_evidence::validate::id_index::{IdRows, Repeat};
    let ids = |texts: &[Option<&str>]| -> Vec<Option<Id>> { texts.iter().map(|t| t.map(Id::from)).collect() };

    let column = ids(&[Some("a"), None, Some("b"), Some("a"), Some("c"), Some("b")]);
    let (rows, repeats) = IdRows::first_rows(&column);
    assert_eq!(
        repeats,
        [Repeat { row: 3, first: 0 }, Repeat { row: 5, first: 2 }]
    );
    // The column after the repeats are removed.
    let kept = ids(&[Some("a"), None, Some("b"), Some("c")]);
    let index = rows.over(&kept);
    assert_eq!(index.get("a"), Some(0));
    assert_eq!(index.get("b"), Some(2));
    assert_eq!(index.get("c"), Some(3));
    assert_eq!(index.get("d"), None);
    assert_eq!(index.get(""), None);
    // A column indexed as it is keeps its own row numbers.
    let as_is = IdRows::of_column(&column);
    assert_eq!(as_is.over(&column).get("c"), Some(4));
    assert_eq!(
        as_is.over(&column).get("b"),
        Some(2),
        "the first row of a repeated id"
    );

    // 200,000 ids, every tenth repeating the one before it, and one missing.
    let mut column: Vec<Option<Id>> = (0..200_000u32)
        .map(|i| Some(Id::from(format!("{:08}", if i % 10 == 9 { i - 1 } else { i }))))
        .collect();
    column[4] = None;
    let (rows, repeats) = IdRows::first_rows(&column);
    assert_eq!(repeats.len(), 20_000);
    assert!(repeats.iter().all(|r| r.row % 10 == 9 && r.first == r.row - 1));
    let kept: Vec<Option<Id>> = column
        .iter()
        .enumerate()
        .filter(|(row, _)| row % 10 != 9)
        .map(|(_, id)| id.clone())
        .collect();
    let index = rows.over(&kept);
    for (row, id) in kept.iter().enumerate() {
        if let Some(id) = id {
            assert_eq!(index.get(id), Some(row as u32), "{id}");
        }
    }
    assert_eq!(index.get("00000004"), None, "the missing id");
    assert_eq!(index.get("99999999"), None);
}

/// Regression: `IdRows::over` took any column and gave rows of the wrong
/// students when handed another one; it now refuses a column it was not
/// built over, even one of the same length.
#[test]
#[should_panic(expected = "not the one this index was built over")]
fn id_index_refuses_a_column_it_was_not_built_over() {
    use mentor_evidence::ingest::Id;
    use mentor_evidence::validate::id_index::IdRows;
    let column: Vec<Option<Id>> = ["a", "b", "c"].iter().map(|t| Some(Id::from(*t))).collect();
    let other: Vec<Option<Id>> = ["x", "y", "z"].iter().map(|t| Some(Id::from(*t))).collect();
    let index = IdRows::of_column(&column);
    assert_eq!(index.over(&column).get("b"), Some(1));
    let _wrong = index.over(&other);
}

/// Sectors are totalled by code; a sector recorded as the literal text
/// "Not recorded" shares that entry with the mentors without one.
#[test]
fn mentor_bank_sectors_by_code_merge_a_recorded_not_recorded() {
    use mentor_evidence::ingest::coded::Labels;
    use mentor_evidence::ingest::cohort::Cohort;
    use mentor_evidence::ingest::mentors::Mentors;
    use mentor_evidence::ingest::{Id, Origin};
    use mentor_evidence::metrics::mentor_bank::mentor_bank;
    use mentor_evidence::metrics::model::Count;

    let mut sector = Labels::with_capacity(4);
    let not_recorded = sector.add_value("Not recorded".to_string());
    let health = sector.add_value("Health".to_string());
    for code in [Some(not_recorded), None, Some(health), None] {
        sector.push(code);
    }
    let mentors = Mentors {
        origins: vec![Origin { source: 0, row: 2 }; 4],
        mentor_id: ["M1", "M2", "M3", "M4"]
            .iter()
            .map(|id| Some(Id::from(*id)))
            .collect(),
        sector: Some(sector),
        source: None,
        capacity: vec![1.0, 2.0, 4.0, 8.0],
        trained: None,
    };
    let bank = mentor_bank(&mentors, &Cohort::default(), &[]);
    let sectors: Vec<(&str, Count, f64)> = bank
        .by_sector
        .iter()
        .map(|(name, s)| (name.as_str(), s.mentors, s.capacity))
        .collect();
    assert_eq!(
        sectors,
        [
            ("Health", Count::Exact(1), 4.0),
            ("Not recorded", Count::Exact(3), 11.0)
        ]
    );
    assert_eq!(
        bank.by_source.get("Not recorded"),
        Some(&Count::Exact(4)),
        "no source column"
    );
}

/// Meeting-kind labels: configured labels in any case and padding, the
/// canonical ids, the first kind naming a label, and the same answers once
/// more labels than it remembers (4,096) have been seen.
#[test]
fn meeting_kind_labels_past_the_remembered_bound() {
    use mentor_evidence::config::{MeetingKind, MeetingsSpec};
    use mentor_evidence::ingest::meetings::KindLabels;

    let spec: MeetingsSpec = toml::from_str(
        "path = \"m.csv\"\n[columns]\nstudent_id = \"S\"\ndate = \"D\"\n\
         [kinds]\none_to_one = [\"1:1\", \"Catch-up\"]\nworkplace_visit = [\"Visit\", \"Catch-up\"]\n",
    )
    .unwrap();
    let mut labels = KindLabels::new(&spec);
    let check = |labels: &mut KindLabels| {
        assert_eq!(
            labels.kind_of(" CATCH-UP "),
            Some(MeetingKind::OneToOne),
            "first kind wins"
        );
        assert_eq!(labels.kind_of("visit"), Some(MeetingKind::WorkplaceVisit));
        assert_eq!(
            labels.kind_of("Celebration"),
            Some(MeetingKind::Celebration),
            "canonical id"
        );
        assert_eq!(labels.kind_of("Coffee"), None);
    };
    check(&mut labels);
    for i in 0..5000 {
        assert_eq!(labels.kind_of(&format!("free text {i}")), None);
    }
    check(&mut labels);
    assert_eq!(
        labels.kind_of("1:1"),
        Some(MeetingKind::OneToOne),
        "first seen past the bound"
    );
}
