//! Surveys end to end: Qualtrics and Forms layouts, ties by id and by email,
//! unfinished and duplicate responses, Likert scoring with reverse items and
//! min_answered, the paired comparison, intent and outcomes.

use rust_xlsxwriter::Workbook;

use crate::test_config::TestConfig;
use crate::workdir::Workdir;

fn config() -> String {
    TestConfig::new("Surveys", "cohort.csv")
        .columns(&[
            ("student_id", "ID"),
            ("email", "Email"),
            ("registered", "Registered"),
            ("mentor_id", "Mentor"),
            ("placement_applied", "Applied"),
        ])
        .table(
            r#"[[inputs.surveys]]
wave = "pre"
path = "pre.csv"
format = "qualtrics"
student_id = "ExternalReference"
[inputs.surveys.items]
a = "Q1"
b = "Q2"
r = "Q3"
intent = "Q4"

[[inputs.surveys]]
wave = "post"
path = "post.xlsx"
format = "forms"
email = "Email"
[inputs.surveys.items]
a = "Item A"
b = "Item B"
r = "Item R"
intent = "Intent"

[survey]
compare = ["pre", "post"]
[survey.responses]
"Disagree" = 1
"Neutral" = 2
"Agree" = 3

[[survey.scales]]
name = "Scale"
items = ["a", "b", "r"]
reverse = ["r"]
min_answered = 2

[survey.placement_intent]
item = "intent"
responses = { "No" = 1, "Maybe" = 2, "Yes" = 3 }
intends_at_least = 3"#,
        )
        .rule("none")
        .internal()
        .toml()
}

fn write_inputs(wd: &Workdir) {
    wd.write(
        "cohort.csv",
        "ID,Email,Registered,Mentor,Applied\n\
         1,one@uni.ac.uk,yes,M1,yes\n\
         2,two@uni.ac.uk,yes,M2,no\n\
         3,three@uni.ac.uk,yes,,yes\n\
         4,four@uni.ac.uk,no,,no\n",
    );
    // Three header rows; student 1 answered twice (the later EndDate counts,
    // though it comes first); student 2 gave numeric codes; student 3 did not
    // finish; student 9 is not in the cohort; one answer is out of the scale.
    wd.write(
        "pre.csv",
        "StartDate,EndDate,Finished,ExternalReference,Q1,Q2,Q3,Q4\n\
         Start Date,End Date,Finished,External Data Reference,Question A,Question B,Question R,Intent\n\
         \"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":\"\"endDate\"\"}\",\"{\"\"ImportId\"\":\"\"finished\"\"}\",\"{\"\"ImportId\"\":\"\"externalDataReference\"\"}\",\"{\"\"ImportId\"\":\"\"QID1\"\"}\",\"{\"\"ImportId\"\":\"\"QID2\"\"}\",\"{\"\"ImportId\"\":\"\"QID3\"\"}\",\"{\"\"ImportId\"\":\"\"QID4\"\"}\"\n\
         2026-10-02 10:00:00,2026-10-09 10:10:00,True,1,Disagree,Neutral,Agree,No\n\
         2026-10-01 10:00:00,2026-10-01 10:10:00,True,1,Agree,Agree,Agree,Yes\n\
         2026-10-01 11:00:00,2026-10-01 11:10:00,True,2,2,2,2,Maybe\n\
         2026-10-01 12:00:00,2026-10-01 12:10:00,False,3,Agree,,,\n\
         2026-10-01 13:00:00,2026-10-01 13:10:00,True,9,Agree,Agree,Agree,Yes\n\
         2026-10-01 14:00:00,2026-10-01 14:10:00,True,4,7,Neutral,strongly agree,No\n",
    );
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let rows = [
        [
            "ID",
            "Start time",
            "Completion time",
            "Email",
            "Name",
            "Item A",
            "Item B",
            "Item R",
            "Intent",
        ],
        [
            "1",
            "2027-04-01",
            "2027-04-01",
            "ONE@UNI.AC.UK",
            "Student One",
            "Agree",
            "Agree",
            "Disagree",
            "Yes",
        ],
        [
            "2",
            "2027-04-01",
            "2027-04-01",
            "Two@Uni.ac.uk",
            "Student Two",
            "Agree",
            "Neutral",
            "Neutral",
            "Yes",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *value).unwrap();
        }
    }
    wb.save(wd.path("post.xlsx")).unwrap();
}

fn record<'a>(
    metrics: &'a serde_json::Value,
    key: &str,
    pick: impl Fn(&serde_json::Value) -> bool,
) -> &'a serde_json::Value {
    metrics[key]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| pick(r))
        .unwrap_or_else(|| panic!("no {key} record"))
}

#[test]
fn surveys_end_to_end() {
    let wd = Workdir::new("surveys");
    write_inputs(&wd);
    wd.write("evidence.toml", config());
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    // Exact values from the unrounded model; published precision is tested in disclosure.rs.
    let metrics: serde_json::Value = serde_json::from_str(&wd.read("out/internal/metrics.json")).unwrap();

    let pre = record(&metrics, "survey_waves", |r| r["wave"] == "pre");
    assert_eq!(pre["received"], 6, "data rows after the three header rows");
    assert_eq!(pre["unfinished"], 1);
    assert_eq!(pre["not_in_cohort"], 1);
    assert_eq!(pre["duplicates"], 1);
    assert_eq!(pre["kept"], 3, "students 1, 2 and 4");
    assert_eq!(pre["response_rate"], 1.0, "3 kept / 3 registered");
    let post = record(&metrics, "survey_waves", |r| r["wave"] == "post");
    assert_eq!(post["kept"], 2, "emails joined ignoring case");

    let findings = wd.read("out/data-quality.csv");
    assert_eq!(
        findings.matches(",likert_out_of_range,").count(),
        2,
        "7 and an unmapped label:\n{findings}"
    );
    assert_eq!(findings.matches(",duplicate_survey_response,").count(), 1);
    assert_eq!(findings.matches(",unknown_student,").count(), 1);
    assert!(
        findings.contains("survey pre,pre.csv,,5,ExternalReference,duplicate_survey_response"),
        "the earlier response (row 5) is the duplicate:\n{findings}"
    );

    // Pre scale scores (r reversed: 1 + 3 - r): student 1 (later response)
    // a=1 b=2 r'=1 -> 4/3; student 2: 2,2,2 -> 2; student 4: only b=2 and r
    // unreadable, a out of range -> 1 answered < min_answered 2 -> no score.
    let scale_pre = record(&metrics, "scales", |r| {
        r["wave"] == "pre" && r["group"] == "All eligible"
    });
    assert_eq!(scale_pre["n"], 2);
    assert!(
        (scale_pre["mean"].as_f64().unwrap() - (4.0 / 3.0 + 2.0) / 2.0).abs() < 1e-12,
        "{scale_pre}"
    );
    // Alpha over the complete rows (student 4 dropped listwise), with the
    // reversed item: rows (1, 2, 1) and (2, 2, 2); item variances 0.5, 0
    // and 0.5, totals 4 and 6 (variance 2): 3/2 * (1 - 1/2) = 0.75.
    // Feldt interval, 1 - 0.25 * F quantiles (0.975 and 0.025; 1, 2), by
    // scipy.stats.f.ppf: -8.626582278481003 and 0.9996873045653534.
    assert!(
        (scale_pre["alpha"].as_f64().unwrap() - 0.75).abs() < 1e-12,
        "{scale_pre}"
    );
    assert!(
        (scale_pre["alpha_ci_low"].as_f64().unwrap() - -8.626582278481003).abs() < 1e-9,
        "{scale_pre}"
    );
    assert!(
        (scale_pre["alpha_ci_high"].as_f64().unwrap() - 0.9996873045653534).abs() < 1e-12,
        "{scale_pre}"
    );

    // Post: student 1 a=3 b=3 r'=3 -> 3; student 2: 3,2,2 -> 7/3.
    let paired = record(&metrics, "paired", |r| r["group"] == "All eligible");
    assert_eq!(paired["n"], 2);
    assert!(
        (paired["mean_diff"].as_f64().unwrap() - ((3.0 - 4.0 / 3.0) + (7.0 / 3.0 - 2.0)) / 2.0).abs() < 1e-12,
        "{paired}"
    );
    assert_eq!(paired["too_few"], true);

    // Intent: pre No (1) and Maybe (2), post Yes and Yes: c = 2, b = 0.
    let intent = record(&metrics, "intent_paired", |r| r["group"] == "All eligible");
    assert_eq!(
        (intent["n"].as_u64(), intent["b"].as_u64(), intent["c"].as_u64()),
        (Some(2), Some(0), Some(2))
    );
    assert_eq!(intent["share_pre"], 0.0);
    assert_eq!(intent["share_post"], 1.0);
    assert_eq!(intent["mcnemar_p"], 0.5);

    let applied = record(&metrics, "outcomes", |r| {
        r["group"] == "All eligible" && r["outcome"] == "placement_applied"
    });
    assert_eq!(applied["participants"], 2);
    assert_eq!(applied["participants_with_outcome"], 1);
    assert_eq!(applied["non_participants"], 1);
    assert_eq!(applied["non_participants_with_outcome"], 0);

    let report = wd.read("out/report.html");
    assert!(report.contains("too few to interpret"));
    for private in ["ONE@UNI.AC.UK", "one@uni.ac.uk", "Student One"] {
        assert!(
            !report.contains(private)
                && !findings.contains(private)
                && !wd.read("out/metrics.json").contains(private)
        );
    }
}

/// Answers are scored once per distinct text, but an answer out of the
/// scale is still reported on every response that holds it.
#[test]
fn repeated_out_of_range_answers_are_each_reported() {
    let wd = Workdir::new("surveys-repeated");
    write_inputs(&wd);
    wd.write(
        "pre.csv",
        "StartDate,EndDate,Finished,ExternalReference,Q1,Q2,Q3,Q4\n\
         Start Date,End Date,Finished,External Data Reference,Question A,Question B,Question R,Intent\n\
         x,x,x,x,x,x,x,x\n\
         2026-10-01 10:00:00,2026-10-01 10:10:00,True,1,7,Agree,7,Yes\n\
         2026-10-01 11:00:00,2026-10-01 11:10:00,True,2,7,2,2,Maybe\n\
         2026-10-01 12:00:00,2026-10-01 12:10:00,True,4,Agree,Agree,Agree,No\n",
    );
    wd.write("evidence.toml", config());
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    let findings = wd.read("out/data-quality.csv");
    let rows: Vec<&str> = findings
        .lines()
        .filter(|line| line.contains(",likert_out_of_range,"))
        .collect();
    assert_eq!(rows.len(), 3, "{findings}");
    for (row, column) in [(4, "Q1"), (4, "Q3"), (5, "Q1")] {
        assert!(
            rows.iter()
                .any(|line| line.contains(&format!("pre.csv,,{row},{column},"))),
            "row {row} {column}:\n{findings}"
        );
    }
}

#[test]
fn survey_without_a_key_column_is_a_config_error() {
    let wd = Workdir::new("survey-key");
    write_inputs(&wd);
    wd.write(
        "evidence.toml",
        config().replacen("student_id = \"ExternalReference\"\n", "", 1),
    );
    let err = wd.run(&["run", "-c", "evidence.toml"]).expect_code(1).stderr();
    assert!(
        err.contains("survey pre") && err.contains("student_id") && err.contains("email"),
        "{err}"
    );
    wd.write("evidence.toml", config().replacen("b = \"Q2\"", "b = \"Q22\"", 1));
    let err = wd.run(&["run", "-c", "evidence.toml"]).expect_code(1).stderr();
    assert!(
        err.contains("\"Q22\"") && err.contains("pre.csv") && err.contains("\"Q1\""),
        "{err}"
    );
}

/// Joining a wave by email: every response holding an email gets the cohort
/// row holding it (the last one when two students share it), responses
/// repeating an email each get it, unknown and empty keys get none.
#[test]
fn responses_join_cohort_rows_by_email() {
    use mentor_evidence::ingest::Id;
    use mentor_evidence::ingest::cohort::Cohort;
    use mentor_evidence::validate::StudentIndex;

    let id = |s: &str| Some(Id::from(s));
    let cohort = Cohort {
        student_id: vec![id("1"), id("2"), id("3"), id("4")],
        email: Some(
            [Some("a@x"), Some("b@x"), None, Some("a@x")]
                .into_iter()
                .collect(),
        ),
        ..Cohort::default()
    };
    let index = StudentIndex::new(&cohort);
    let keys = [
        Some("b@x"),
        Some("a@x"),
        None,
        Some("c@x"),
        Some("a@x"),
        Some("b@x"),
    ]
    .into_iter()
    .collect();
    assert_eq!(
        index.rows_by_email(&keys),
        [Some(1), Some(3), None, None, Some(3), Some(1)]
    );
    let without_emails = Cohort {
        email: None,
        ..cohort.clone()
    };
    assert_eq!(StudentIndex::new(&without_emails).rows_by_email(&keys), [None; 6]);
}

/// The cohort's emails are looked up in parallel runs of rows: when rows in
/// different runs hold the same email, the last row still counts.
#[test]
fn email_join_keeps_the_last_cohort_row_across_parallel_runs() {
    use mentor_evidence::ingest::Id;
    use mentor_evidence::ingest::cohort::Cohort;
    use mentor_evidence::validate::StudentIndex;

    let rows = 200_000;
    let email = |row: usize| match row {
        5 | 70_000 | 150_000 => Some("a@x"),
        7 => Some("b@x"),
        _ => None,
    };
    let cohort = Cohort {
        student_id: (0..rows).map(|r| Some(Id::from(r.to_string()))).collect(),
        email: Some((0..rows).map(email).collect()),
        ..Cohort::default()
    };
    let keys = [Some("a@x"), Some("b@x"), Some("a@x")].into_iter().collect();
    assert_eq!(
        StudentIndex::new(&cohort).rows_by_email(&keys),
        [Some(150_000), Some(7), Some(150_000)]
    );
}

/// metrics.md §4: the attrition check compares the paired sample with the
/// rest, so a post response with too few of the scale's items answered to be
/// scored counts as "not answered post" (a regression: it counted as answered).
#[test]
fn attrition_counts_an_unscored_post_response_as_not_answered() {
    let wd = Workdir::new("surveys-attrition");
    write_inputs(&wd);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let rows: [[&str; 8]; 3] = [
        [
            "ID",
            "Start time",
            "Completion time",
            "Email",
            "Item A",
            "Item B",
            "Item R",
            "Intent",
        ],
        [
            "1",
            "2027-04-01",
            "2027-04-01",
            "one@uni.ac.uk",
            "Agree",
            "Agree",
            "Disagree",
            "Yes",
        ],
        // One item of three, under min_answered = 2: no post score.
        [
            "2",
            "2027-04-01",
            "2027-04-01",
            "two@uni.ac.uk",
            "Agree",
            "",
            "",
            "Yes",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if !value.is_empty() {
                ws.write_string(r as u32, c as u16, *value).unwrap();
            }
        }
    }
    wb.save(wd.path("post.xlsx")).unwrap();
    wd.write("evidence.toml", config());
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    let metrics: serde_json::Value = serde_json::from_str(&wd.read("out/internal/metrics.json")).unwrap();
    let attrition = record(&metrics, "attrition", |r| r["scale"] == "Scale");
    assert_eq!(attrition["n_answered_post"], 1, "{attrition}");
    assert_eq!(attrition["n_not_answered_post"], 1, "{attrition}");
    // Student 1's pre score 4/3 against student 2's 2.
    assert!((attrition["mean_answered_post"].as_f64().unwrap() - 4.0 / 3.0).abs() < 1e-12);
    assert!((attrition["mean_not_answered_post"].as_f64().unwrap() - 2.0).abs() < 1e-12);
}

/// Issue 30: with two labels on one score ("Neutral" beside "Neither agree
/// nor disagree"), the legend listed labels by position: "Strongly agree"
/// fell off the end and every colour after the shared score was mislabelled.
/// A likelihood question's axis said "disagree ← 0 → agree".
#[test]
fn a_likert_legend_has_one_entry_per_score_and_a_likelihood_axis_says_so() {
    let wd = Workdir::new("likert-legend");
    write_inputs(&wd);
    let changed = config()
        .replacen(
            "\"Disagree\" = 1\n\"Neutral\" = 2\n\"Agree\" = 3\n",
            "\"Strongly disagree\" = 0\n\"Disagree\" = 1\n\"Neither agree nor disagree\" = 2\n\"Neutral\" = 2\n\"Agree\" = 3\n\"Strongly agree\" = 4\n",
            1,
        )
        .replacen(
            "responses = { \"No\" = 1, \"Maybe\" = 2, \"Yes\" = 3 }",
            "responses = { \"No\" = 1, \"Unlikely\" = 1, \"Maybe\" = 2, \"Yes\" = 3, \"Likely\" = 3 }",
            1,
        );
    assert_ne!(changed, config());
    wd.write("evidence.toml", changed);
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    let report = wd.read("out/report.html");
    let scale = report
        .split("id=\"likert-scale-title\"")
        .nth(1)
        .and_then(|rest| rest.split("</svg>").next())
        .expect("the scale's Likert chart");
    for entry in [
        "Strongly disagree",
        "Neither agree nor disagree / Neutral",
        "Strongly agree",
    ] {
        assert!(
            scale.contains(&format!("\n{entry}\n</text>")),
            "legend lacks {entry}"
        );
    }
    assert!(scale.contains("disagree ← 0 → agree"));
    let intent = report
        .split("id=\"likert-intent-title\"")
        .nth(1)
        .and_then(|rest| rest.split("</svg>").next())
        .expect("the intent chart");
    assert!(
        intent.contains("\nNo / Unlikely\n</text>") && intent.contains("\nLikely / Yes\n</text>"),
        "intent legend"
    );
    assert!(intent.contains("unlikely ← 0 → likely"), "intent axis");
}

/// Issue 30: items were labelled "q1_1 (pre)"; they are labelled by their
/// question text (Qualtrics' text row under its codes, Forms' header), and
/// the items table keeps the id beside the question.
#[test]
fn survey_items_are_labelled_by_their_question_text() {
    let wd = crate::workdir::Workdir::new("surveys-item-texts");
    crate::workdir::copy_dir(crate::workdir::shared_sample(), &wd.path("sample"));
    wd.run(&["run", "-c", "sample/evidence.toml", "--out", "out", "--quiet"])
        .expect_code(0);
    let items = wd.read("out/tables/items.csv");
    assert!(items.starts_with("wave,item,question,score,count"), "{items}");
    assert!(
        items.contains("pre,conf1,I feel confident talking to professionals in my field,1,"),
        "the pre wave is Qualtrics: the text row under Q1_1\n{items}"
    );
    let report = wd.read("out/report.html");
    assert!(
        report.contains("I feel confident talking to professionals in… (pre)"),
        "the axis label"
    );
    assert!(
        report.contains("I feel confident talking to professionals in my field (post)"),
        "the text alternative says the whole question"
    );
    assert!(!report.contains("conf1 (pre)"), "no bare item id as a label");
}
