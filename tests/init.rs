//! `init`'s recognition of files and columns: the sample's own headers,
//! and the same files as other exports word them.

use mentor_evidence::ingest::preview::{SheetPreview, preview};
use mentor_evidence::init::recognise::{COHORT, InputKind, MEETINGS, MENTORS, fold, kind_of, map_fields};

use crate::workdir::shared_sample;

fn sheet(headers: &[&str]) -> SheetPreview {
    SheetPreview {
        file: "f.csv".into(),
        sheet: None,
        headers: headers.iter().map(|h| h.to_string()).collect(),
        header_row: 1,
        rows: Vec::new(),
    }
}

fn mapped<'a>(map: &'a [(&'static str, Option<String>)], field: &str) -> Option<&'a str> {
    map.iter()
        .find(|(f, _)| *f == field)
        .and_then(|(_, h)| h.as_deref())
}

#[test]
fn the_sample_files_are_recognised_and_mapped_as_its_configuration_maps_them() {
    let sample = shared_sample();
    let kinds: Vec<(String, Option<InputKind>)> = [
        "cohort.xlsx",
        "mentors.xlsx",
        "meetings.csv",
        "survey-pre.csv",
        "survey-post.xlsx",
    ]
    .iter()
    .flat_map(|f| preview(&sample.join(f), 5).unwrap())
    .map(|s| {
        (
            format!("{} {:?}", s.file.rsplit('/').next().unwrap(), s.sheet),
            kind_of(&s).map(|k| k.0),
        )
    })
    .collect();
    let kinds: Vec<(&str, Option<InputKind>)> = kinds.iter().map(|(f, k)| (f.as_str(), *k)).collect();
    assert_eq!(
        kinds,
        [
            ("cohort.xlsx Some(\"Year 2\")", Some(InputKind::Cohort)),
            ("cohort.xlsx Some(\"Notes\")", None),
            ("mentors.xlsx Some(\"Mentor bank\")", Some(InputKind::Mentors)),
            ("meetings.csv None", Some(InputKind::Meetings)),
            ("survey-pre.csv None", Some(InputKind::Qualtrics)),
            ("survey-post.xlsx Some(\"Form1\")", Some(InputKind::Forms)),
        ]
    );
    let cohort = &preview(&sample.join("cohort.xlsx"), 5).unwrap()[0];
    let map = map_fields(&COHORT, &cohort.headers);
    let config = std::fs::read_to_string(sample.join("evidence.toml")).unwrap();
    // Every cohort field the sample's configuration maps, init maps alike.
    for (field, header) in &map {
        let line = format!("{field} = \"{}\"", header.as_deref().unwrap_or("?"));
        assert!(
            config.contains(&line),
            "{line} is not in the sample's configuration"
        );
    }
    assert_eq!(map.iter().filter(|(_, h)| h.is_some()).count(), 13, "{map:?}");
}

#[test]
fn other_wordings_of_the_same_columns_are_recognised() {
    let cohort = sheet(&[
        "Student Number",
        "Surname",
        "Email Address",
        "Faculty",
        "Signed-up date",
        "Online training",
        "Quiz mark",
        "Mentor ref",
        "Date matched",
        "Meet and greet",
        "Ceremony",
        "Date withdrawn",
        "Applied for a placement?",
        "Placement offer",
        "Notes",
    ]);
    let map = map_fields(&COHORT, &cohort.headers);
    for (field, header) in [
        ("student_id", "Student Number"),
        ("email", "Email Address"),
        ("department", "Faculty"),
        ("registered", "Signed-up date"),
        ("training_completed", "Online training"),
        ("quiz_score", "Quiz mark"),
        ("mentor_id", "Mentor ref"),
        ("matched_on", "Date matched"),
        ("meet_greet_attended", "Meet and greet"),
        ("ceremony_attended", "Ceremony"),
        ("withdrawn_on", "Date withdrawn"),
        ("placement_applied", "Applied for a placement?"),
        ("placement_secured", "Placement offer"),
    ] {
        assert_eq!(mapped(&map, field), Some(header), "{field}: {map:?}");
    }
    assert_eq!(kind_of(&cohort).map(|k| k.0), Some(InputKind::Cohort));
    let bank = sheet(&["Mentor Code", "Company", "Industry", "Source", "Max mentees"]);
    assert_eq!(kind_of(&bank).map(|k| k.0), Some(InputKind::Mentors));
    let map = map_fields(&MENTORS, &bank.headers);
    assert_eq!(mapped(&map, "organisation"), Some("Company"));
    let log = sheet(&[
        "Mentee ID",
        "Date of meeting",
        "Duration (minutes)",
        "Session type",
    ]);
    assert_eq!(kind_of(&log).map(|k| k.0), Some(InputKind::Meetings));
    let map = map_fields(&MEETINGS, &log.headers);
    assert_eq!(mapped(&map, "duration"), Some("Duration (minutes)"));
    assert_eq!(mapped(&map, "kind"), Some("Session type"));
}

#[test]
fn a_sheet_of_none_of_the_known_kinds_is_not_guessed() {
    assert_eq!(kind_of(&sheet(&["Postcode", "Ward", "IMD decile"])), None);
    assert_eq!(fold("  Meet & Greet?? "), "meet greet");
}

/// docs/init.md's tables are the code's: each field's row names its whole
/// headers, word sets, words it never takes and values, so users can see
/// why a header was recognised.
#[test]
fn the_synonyms_table_in_the_docs_is_the_codes() {
    let docs = include_str!("../docs/init.md");
    for field in COHORT.iter().chain(&MENTORS).chain(&MEETINGS) {
        let synonyms: Vec<String> = field.synonyms.iter().map(|s| format!("`{s}`")).collect();
        let words: Vec<String> = field
            .words
            .iter()
            .map(|set| format!("`{}`", set.join(" + ")))
            .collect();
        let avoid: Vec<String> = field.avoid.iter().map(|s| format!("`{s}`")).collect();
        let row = format!(
            "| `{}`{} | {} | {} | {} | {:?} |",
            field.name,
            if field.required { " *" } else { "" },
            synonyms.join(", "),
            words.join(", "),
            avoid.join(", "),
            field.value
        );
        assert!(docs.contains(&row), "docs/init.md lacks the row {row}");
    }
}

/// `generated` as the sample's configuration chose where init's proposal
/// is the user's to check: the sample's reporting period (init reads one
/// off the files), no Commuter group and "Coffee chat" left as `other`
/// (the sample leaves both out; init proposes them).
fn as_the_sample_chose(generated: &str) -> String {
    let generated = generated
        .replace(
            "\"Commuter (living at home)\" = { column = \"Commuter\", in = [\"Y\"] }\n",
            "",
        )
        .replace(", \"Coffee chat\"", "")
        .replace("\"Coffee chat\", ", "");
    assert!(
        !generated.contains("Commuter (living") && !generated.contains("Coffee chat"),
        "{generated}"
    );
    generated
        .lines()
        .map(|line| {
            if line.starts_with("start = ") {
                "start = 2026-09-28".to_string()
            } else if line.starts_with("as_of = ") {
                "as_of = 2027-04-30".to_string()
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// `init` on the cohort, the mentor bank and the meeting log (exit 0): the
/// configuration it wrote.
fn init_on_cohort_bank_and_log(wd: &crate::workdir::Workdir) -> String {
    let files = [
        "init",
        "--out",
        "generated.toml",
        "cohort.xlsx",
        "mentors.xlsx",
        "meetings.csv",
    ];
    let run = wd.run(&files);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    wd.read("generated.toml")
}

fn copy_inputs(wd: &crate::workdir::Workdir) {
    for file in [
        "cohort.xlsx",
        "mentors.xlsx",
        "meetings.csv",
        "survey-pre.csv",
        "survey-post.xlsx",
        "evidence.toml",
        "narrative.md",
    ] {
        std::fs::copy(shared_sample().join(file), wd.path(file)).unwrap();
    }
    crate::workdir::copy_dir(&shared_sample().join("history"), &wd.path("history"));
}

/// `init` on the sample's files, then `run`, gives the figures of the
/// committed configuration for everything that configuration does not
/// choose beyond init's defaults (scale names, reversed items and
/// min_answered, the comparison, aligned matching and the history are the
/// sample's own choices). Items are matched across the Qualtrics and Forms
/// waves by their question text, and the intent item found.
#[test]
fn init_on_the_sample_files_then_run_gives_the_sample_configurations_figures() {
    let wd = crate::workdir::Workdir::new("init-sample");
    copy_inputs(&wd);
    let files = [
        "cohort.xlsx",
        "mentors.xlsx",
        "meetings.csv",
        "survey-pre.csv",
        "survey-post.xlsx",
    ];
    let mut args = vec!["init", "--out", "generated.toml"];
    args.extend(files);
    let run = wd.run(&args).expect_code(0);
    // Scales named from their items' wording, the reverse-worded item marked.
    let generated = wd.read("generated.toml");
    assert!(
        generated.contains("name = \"Career confidence\"\nitems = [\"q1_1\", \"q1_2\", \"q1_3\"]")
            && generated.contains(
                "name = \"Resilience\"\nitems = [\"q2_1\", \"q2_2\", \"q2_3\"]\nreverse = [\"q2_3\"]"
            ),
        "{generated}"
    );
    assert!(
        run.stdout().contains("0 errors"),
        "the validate summary: {}",
        run.stdout()
    );
    for private in ["@student.example.ac.uk", "2300"] {
        assert!(
            !generated.contains(private),
            "personal data in the comments: {private}"
        );
    }
    let generated = as_the_sample_chose(&generated);
    wd.write("generated.toml", &generated);
    wd.run(&["run", "-c", "generated.toml", "--out", "from-init", "--quiet"])
        .expect_code(0);
    wd.run(&["run", "-c", "evidence.toml", "--out", "from-sample", "--quiet"])
        .expect_code(0);
    let read = |dir: &str| -> serde_json::Value {
        serde_json::from_str(&wd.read(&format!("{dir}/metrics.json"))).unwrap()
    };
    let (ours, theirs) = (read("from-init"), read("from-sample"));
    for key in [
        "groups",
        "uptake",
        "departments",
        "relationships",
        "timeline",
        "compliance",
        "retention",
        "mentors",
        "outcomes",
        "match_wait",
        "continuity",
        "survey_waves",
        "intent",
        "intent_paired",
    ] {
        assert_eq!(ours[key], theirs[key], "{key}");
    }
    let without_alignment = |m: &serde_json::Value| -> Vec<serde_json::Value> {
        m["pair_factors"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["factor"] != "alignment")
            .cloned()
            .collect()
    };
    assert_eq!(without_alignment(&ours), without_alignment(&theirs));
}

#[test]
fn init_never_overwrites_without_force_and_names_what_it_cannot_use() {
    let wd = crate::workdir::Workdir::new("init-force");
    copy_inputs(&wd);
    let err = wd.run(&["init", "cohort.xlsx"]).expect_code(1).stderr();
    assert!(
        err.contains("evidence.toml: the file exists") && err.contains("--force"),
        "{err}"
    );
    wd.write("postcodes.csv", "Postcode,Ward\nAB1 2CD,North\n");
    let run = wd.run(&["init", "--force", "cohort.xlsx", "postcodes.csv"]);
    let written = wd.read("evidence.toml");
    assert!(
        written.contains("# postcodes.csv: left out: none of its sheets looks like")
            && written.contains("# Headers found: Postcode, Ward"),
        "{written}"
    );
    assert_eq!(run.code(), 0, "every required field found: {}", run.stderr());
}

/// Two files that both look like a cohort: a TODO names both, and init
/// exits 1; a cohort on a workbook's second sheet is named by `sheet`.
#[test]
fn two_cohorts_are_asked_about_and_a_second_sheet_is_named() {
    let wd = crate::workdir::Workdir::new("init-two");
    wd.write("a.csv", "Student Number,Registered,School\n1,yes,Law\n2,no,Law\n");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    workbook
        .add_worksheet()
        .set_name("Read me")
        .unwrap()
        .write_string(0, 0, "Exported from the student record")
        .unwrap();
    let sheet = workbook.add_worksheet().set_name("Students").unwrap();
    for (c, h) in ["Student ID", "Signed up", "Faculty", "Extra"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "9").unwrap();
    sheet.write_string(1, 1, "Yes").unwrap();
    sheet.write_string(1, 2, "Law").unwrap();
    workbook.save(wd.path("b.xlsx")).unwrap();
    let run = wd.run(&["init", "a.csv", "b.xlsx"]).expect_code(1);
    let written = wd.read("evidence.toml");
    assert!(
        written.contains(
            "# TODO: more than one file looks like the cohort (a.csv and b.xlsx, sheet 'Students'): keep one"
        ),
        "{written}"
    );
    assert!(
        run.stderr()
            .contains("TODO: more than one file looks like the cohort"),
        "{}",
        run.stderr()
    );
    wd.run(&["init", "--force", "b.xlsx"]).expect_code(0);
    let written = wd.read("evidence.toml");
    assert!(
        written.contains("path = \"b.xlsx\"\nsheet = \"Students\"\n"),
        "{written}"
    );
    assert!(written.contains("department = \"Faculty\""), "{written}");
}

/// The sample's meeting log as another export words and orders it, with a
/// column nobody maps: init maps it, and the relationships are the same.
#[test]
fn renamed_and_reordered_columns_give_the_same_figures() {
    let wd = crate::workdir::Workdir::new("init-renamed");
    copy_inputs(&wd);
    let log = wd.read("meetings.csv");
    let mut lines = log.lines();
    assert_eq!(lines.next(), Some("Student,Mentor,Meeting date,Length,Type"));
    let mut renamed =
        String::from("Session type,Date of meeting,Mentee ID,Notes,Duration (minutes),Mentor ref\n");
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells.len(), 5, "{line}");
        renamed += &format!(
            "{},{},{},,{},{}\n",
            cells[4], cells[2], cells[0], cells[3], cells[1]
        );
    }
    wd.write("meetings.csv", renamed);
    let files = ["cohort.xlsx", "mentors.xlsx", "meetings.csv"];
    let mut args = vec!["init", "--out", "generated.toml"];
    args.extend(files);
    wd.run(&args).expect_code(0);
    let generated = wd.read("generated.toml");
    assert!(
        generated.contains("student_id = \"Mentee ID\"") && generated.contains("kind = \"Session type\""),
        "{generated}"
    );
    let generated = as_the_sample_chose(&generated);
    wd.write("generated.toml", &generated);
    wd.run(&["run", "-c", "generated.toml", "--out", "from-init", "--quiet"])
        .expect_code(0);
    // The committed configuration on the original log.
    copy_inputs(&wd);
    wd.run(&["run", "-c", "evidence.toml", "--out", "from-sample", "--quiet"])
        .expect_code(0);
    let read = |dir: &str| -> serde_json::Value {
        serde_json::from_str(&wd.read(&format!("{dir}/metrics.json"))).unwrap()
    };
    let (ours, theirs) = (read("from-init"), read("from-sample"));
    for key in ["relationships", "timeline", "retention", "continuity"] {
        assert_eq!(ours[key], theirs[key], "{key}");
    }
}

/// A meeting log whose headers no synonym knows is recognised by its
/// values: a column of the cohort's student ids and a column of dates.
#[test]
fn a_log_with_unknown_headers_is_recognised_by_its_values() {
    let wd = crate::workdir::Workdir::new("init-values");
    copy_inputs(&wd);
    let log = wd.read("meetings.csv");
    let body = log.split_once('\n').map(|(_, rest)| rest).unwrap();
    wd.write(
        "meetings.csv",
        format!("Person,Adviser,Day,How long,What\n{body}"),
    );
    let generated = init_on_cohort_bank_and_log(&wd);
    assert!(
        generated.contains("[inputs.meetings]\npath = \"meetings.csv\""),
        "{generated}"
    );
    assert!(
        generated.contains(
            "student_id = \"Person\"  # check: no header named it; 100% of its values are the cohort's student ids"
        ),
        "{generated}"
    );
    assert!(
        generated.contains("date = \"Day\"  # check: no header named it; 100% of its values are dates"),
        "{generated}"
    );
    let code = wd
        .run(&["run", "-c", "generated.toml", "--out", "out", "--quiet"])
        .code();
    assert!(code == 0 || code == 3, "the run reads the log: exit {code}");
}

/// Answer labels as surveys word them, scored as docs/init.md says.
#[test]
fn agreement_and_intention_labels_are_scored_on_their_scales() {
    use mentor_evidence::init::intent::intent_ranks;
    use mentor_evidence::init::likert::{agreement_points, agreement_score};
    use mentor_evidence::init::wording::is_reversed;
    for (label, five) in [
        ("Strongly disagree", 1),
        ("Disagree", 2),
        ("Neutral", 3),
        ("Unsure", 3),
        ("Neither agree nor disagree", 3),
        ("Agree", 4),
        ("Strongly agree", 5),
    ] {
        assert_eq!(agreement_score(label, 5), Some(five), "{label}");
    }
    let seven: Vec<String> = ["Somewhat agree", "Agree", "Neither agree nor disagree"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(agreement_points(&seven), 7);
    // Graded and plain labels with no middle: six points (SurveyMonkey's).
    let six: Vec<String> = ["Slightly agree", "Agree", "Slightly disagree", "Strongly agree"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(agreement_points(&six), 6);
    assert_eq!(agreement_score("Slightly agree", 6), Some(4));
    // Qualtrics' 5-point agreement scale grades with "Somewhat" and has no plain "Agree".
    let qualtrics_five: Vec<String> = [
        "Strongly disagree",
        "Somewhat disagree",
        "Neither agree nor disagree",
        "Somewhat agree",
        "Strongly agree",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(agreement_points(&qualtrics_five), 5);
    assert_eq!(agreement_score("Somewhat disagree", 5), Some(2));
    assert_eq!(agreement_score("Somewhat agree", 5), Some(4));
    assert_eq!(agreement_score("Somewhat disagree", 7), Some(3));
    assert_eq!(agreement_score("Neither agree nor disagree", 7), Some(4));
    assert_eq!(agreement_score("Agree", 7), Some(6));
    assert_eq!(agreement_score("Prefer not to say", 5), None);
    // Intention labels ranked among those found; ties share a rank.
    let labels: Vec<String> = [
        "No",
        "Not sure yet",
        "Yes – I plan to apply",
        "Yes – I have already applied",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let (ranked, intends) = intent_ranks(&labels);
    assert_eq!(
        ranked,
        [
            (1, "No".to_string()),
            (2, "Not sure yet".to_string()),
            (3, "Yes – I plan to apply".to_string()),
            (4, "Yes – I have already applied".to_string())
        ]
    );
    assert_eq!(intends, Some(3));
    let labels: Vec<String> = [
        "Definitely not",
        "Probably not",
        "Not sure yet",
        "Probably",
        "Definitely",
        "I have already applied",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let (ranked, intends) = intent_ranks(&labels);
    let scores: Vec<u32> = ranked.iter().map(|(s, _)| *s).collect();
    assert_eq!(scores, [1, 2, 3, 4, 5, 5]);
    assert_eq!(intends, Some(4));
    // The Brief Resilience Scale's items 2, 4 and 6 are reversed; item 3 says "not" but is not.
    assert!(is_reversed(
        "I have a hard time making it through stressful events"
    ));
    assert!(is_reversed(
        "I tend to take a long time to get over set-backs in my life"
    ));
    assert!(!is_reversed(
        "It does not take me long to recover from a stressful event"
    ));
    assert!(is_reversed("I sometimes feel I don't belong at university"));
    assert!(!is_reversed("I feel part of the university community"));
}

/// Regression (third unseen round): with one wave named post by its file
/// and the other by nothing, `compare` named the post wave twice. Of two
/// waves, the other is now the post wave's pair, "pre" (round 19).
#[test]
fn compare_names_two_waves_even_when_only_one_is_named_by_its_file() {
    let wd = crate::workdir::Workdir::new("init-compare");
    copy_inputs(&wd);
    std::fs::rename(wd.path("survey-pre.csv"), wd.path("End of year.csv")).unwrap();
    std::fs::rename(wd.path("survey-post.xlsx"), wd.path("Spring.xlsx")).unwrap();
    wd.run(&[
        "init",
        "--out",
        "generated.toml",
        "cohort.xlsx",
        "End of year.csv",
        "Spring.xlsx",
    ])
    .expect_code(0);
    let generated = wd.read("generated.toml");
    assert!(generated.contains("compare = [\"pre\", \"post\"]"), "{generated}");
}

/// A log kept a sheet per month, with columns added as the year went on
/// (three of nine shared by the first month and the last are new): every
/// month is stacked, as `sheet = "*"` reads them, so the kinds that only
/// the last months hold (the celebration) are proposed. A regression test:
/// they were left out when the sheets shared under 80% of their headers.
#[test]
fn month_sheets_with_columns_added_later_are_all_read_for_kinds() {
    let wd = crate::workdir::Workdir::new("init-months-grow");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let months: [(&str, &[&str], &[&str]); 3] = [
        (
            "Oct",
            &["Date", "Student No.", "Meeting type", "Duration", "Notes"],
            &["1:1", "Meet & Greet"],
        ),
        (
            "Nov",
            &["Date", "Student No.", "Meeting type", "Duration", "Notes"],
            &["1:1", "1:1"],
        ),
        (
            "Apr",
            &[
                "Date",
                "Student No.",
                "Meeting type",
                "Duration",
                "Notes",
                "Status",
                "Logged by",
            ],
            &["1:1", "Celebration event"],
        ),
    ];
    for (name, headers, kinds) in months {
        let sheet = workbook.add_worksheet().set_name(name).unwrap();
        for (c, h) in headers.iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        for (r, kind) in kinds.iter().enumerate() {
            let row = r as u32 + 1;
            sheet.write_string(row, 0, format!("0{row}/10/2025")).unwrap();
            sheet.write_string(row, 1, format!("2400000{row}")).unwrap();
            sheet.write_string(row, 2, *kind).unwrap();
            sheet.write_string(row, 3, "60").unwrap();
        }
    }
    workbook.save(wd.path("log.xlsx")).unwrap();
    wd.run(&["init", "log.xlsx"]);
    let written = wd.read("evidence.toml");
    assert!(written.contains("sheet = \"*\""), "{written}");
    assert!(
        written.contains("celebration = [\"Celebration event\"]"),
        "{written}"
    );
}

/// HESA-coded ethnicity labels: "98 - Information refused" is a missing
/// answer, never a minority ethnic group (a regression test: the code in
/// front of the label hid the words).
#[test]
fn a_coded_refusal_is_never_in_a_target_group() {
    let wd = crate::workdir::Workdir::new("init-coded-ethnicity");
    let mut cohort = String::from("Student ID,Opted in,Department,POLAR4 Quintile,Ethnicity (HESA)\n");
    let labels = [
        "10 - White",
        "22 - Black or Black British - African",
        "31 - Asian or Asian British - Indian",
        "98 - Information refused",
    ];
    for i in 0..40 {
        let signed = if i % 2 == 0 { "Y" } else { "N" };
        let quintile = i % 5 + 1;
        cohort += &format!("{},{signed},Law,{quintile},{}\n", 24000000 + i, labels[i % 4]);
    }
    wd.write("cohort.csv", cohort);
    wd.run(&["init", "cohort.csv"]);
    let written = wd.read("evidence.toml");
    let group = written
        .lines()
        .find(|l| l.contains("column = \"Ethnicity (HESA)\""))
        .unwrap_or_else(|| panic!("no ethnicity group: {written}"));
    assert!(group.contains("22 - Black or Black British - African"), "{group}");
    assert!(
        !group.contains("Information refused") && !group.contains("10 - White"),
        "{group}"
    );
}

/// A tracker's tick column (✓ or blank) is a yes/no target group, and the
/// tracker's own words name the mentor, the meet-and-greet and the placement
/// (a regression test from an unseen Google Sheets tracker).
#[test]
fn a_trackers_ticks_and_words_are_recognised() {
    let wd = crate::workdir::Workdir::new("init-tracker");
    let mut cohort = String::from(
        "Student number,Signed up?,Care leaver,Matched with,Met & greeted,Got placement,POLAR4 Quintile\n",
    );
    for i in 0..40 {
        let tick = if i % 3 == 0 { "✓" } else { "" };
        let signed = if i % 2 == 0 { "TRUE" } else { "FALSE" };
        let mentor = ["Ann Lee", "Raj Patel", ""][i % 3];
        cohort += &format!(
            "{},{signed},{tick},{mentor},TRUE,No,{}\n",
            24000000 + i,
            i % 5 + 1
        );
    }
    wd.write("tracker.csv", cohort);
    wd.run(&["init", "tracker.csv"]);
    let written = wd.read("evidence.toml");
    for line in [
        "mentor_id = \"Matched with\"",
        "meet_greet_attended = \"Met & greeted\"",
        "placement_secured = \"Got placement\"",
        "column = \"Care leaver\", in = [\"✓\"]",
    ] {
        assert!(written.contains(line), "{line}: {written}");
    }
}

/// Issue 27 (round 6): a meeting log kept in Qualtrics (codes Q1..Q5 over
/// question texts and ImportIds, Qualtrics' own columns first, among them
/// "Duration (in seconds)") was filed as a third survey wave. It is the
/// meeting log, mapped by its question texts and written with its codes;
/// the run skips the two rows under the header by itself.
#[test]
fn a_meeting_log_kept_in_qualtrics_is_mapped_by_its_question_texts() {
    let wd = crate::workdir::Workdir::new("init-qualtrics-log");
    copy_inputs(&wd);
    let log = wd.read("meetings.csv");
    let mut qualtrics = String::from(
        "StartDate,EndDate,Status,Duration (in seconds),Finished,ResponseId,Q1,Q2,Q3,Q5,Q4\n\
         Start Date,End Date,Response Type,Duration (in seconds),Finished,Response ID,Your student number,Your mentor's name,Date of the meeting,How long did the meeting last?,What type of meeting was it?\n\
         \"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":\"\"endDate\"\"}\",\"{\"\"ImportId\"\":\"\"status\"\"}\",\"{\"\"ImportId\"\":\"\"duration\"\"}\",\"{\"\"ImportId\"\":\"\"finished\"\"}\",\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"QID1_TEXT\"\"}\",\"{\"\"ImportId\"\":\"\"QID2_TEXT\"\"}\",\"{\"\"ImportId\"\":\"\"QID3_TEXT\"\"}\",\"{\"\"ImportId\"\":\"\"QID5_TEXT\"\"}\",\"{\"\"ImportId\"\":\"\"QID4\"\"}\"\n",
    );
    for (i, line) in log.lines().skip(1).enumerate() {
        let status = if i == 3 { "Survey Preview" } else { "IP Address" };
        qualtrics.push_str(&format!(
            "2026-11-01 10:00:00,2026-11-01 10:02:00,{status},{},True,R_{i:05},{line}\n",
            100 + i
        ));
    }
    wd.write("meetings.csv", qualtrics);
    let generated = init_on_cohort_bank_and_log(&wd);
    assert!(
        !generated.contains("wave = \"wave"),
        "filed as a survey:\n{generated}"
    );
    for mapping in [
        "student_id = \"Q1\"",
        "mentor_id = \"Q2\"",
        "date = \"Q3\"",
        "duration = \"Q5\"",
        "kind = \"Q4\"",
    ] {
        assert!(generated.contains(mapping), "lacks {mapping}:\n{generated}");
    }
    assert!(
        generated.contains("{ column = \"Status\", in = [\"Survey Preview\"] }"),
        "{generated}"
    );
    let summary = wd.run(&["validate", "-c", "generated.toml"]).stdout();
    assert!(
        !summary.contains("unparseable_date") && !summary.contains("unknown_meeting_kind"),
        "the question-text and ImportId rows are not read as meetings:\n{summary}"
    );
}

/// Round 6: "people I don't know" names who, not a negative feeling, and
/// "nervous" is one; "Acad Org" (PeopleSoft) is the department; a
/// "confident" item is career confidence.
#[test]
fn reversed_wording_construct_and_peoplesoft_department() {
    use mentor_evidence::init::wording::{construct_of, is_reversed};
    assert!(!is_reversed(
        "I feel confident networking with people I don’t know"
    ));
    assert!(is_reversed(
        "I feel nervous about approaching people I don't know in a professional setting"
    ));
    assert!(is_reversed("I don't feel I belong here"));
    assert_eq!(
        construct_of("I feel confident talking to people who work in my chosen field"),
        Some("Career confidence")
    );
    let mapped = mentor_evidence::init::recognise::map_fields(
        &mentor_evidence::init::recognise::COHORT,
        &["ID".to_string(), "Acad Org".to_string(), "Descr".to_string()],
    );
    assert!(
        mapped.contains(&("department", Some("Acad Org".to_string()))),
        "{mapped:?}"
    );
}
