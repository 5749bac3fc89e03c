//! `init` on institutions' files it had never seen (issue 27, round 7: a
//! Tribal ebs college with a hand-kept bank, a Moodle log and Jisc surveys;
//! a Scottish university with Banner, Salesforce, CareerHub and Forms). A
//! regression test per field it got wrong or left undone.

use crate::workdir::Workdir;
use mentor_evidence::init::intent::intent_score;
use mentor_evidence::init::recognise::{MENTORS, map_fields};
use mentor_evidence::init::wording::is_reversed;

/// The target group line of `written` built on `column`.
fn group_on<'a>(written: &'a str, column: &str) -> Vec<&'a str> {
    written
        .lines()
        .filter(|l| l.contains(&format!("column = \"{column}\"")))
        .collect()
}

/// A cohort of 40 students with `columns` (header, value of student i).
fn cohort_csv(columns: &[(&str, &dyn Fn(usize) -> String)]) -> String {
    let mut csv = String::from("Student ID,Signed up,Training completed");
    for (header, _) in columns {
        csv += &format!(",{header}");
    }
    csv.push('\n');
    for i in 0..40 {
        let yes = if i % 2 == 0 { "Y" } else { "N" };
        csv += &format!("{},{yes},{yes}", 24000000 + i);
        for (_, value) in columns {
            csv += &format!(",{}", value(i));
        }
        csv.push('\n');
    }
    csv
}

/// An ebs report's "Faculty" holds "University Centre" for every learner:
/// one value breaks nothing down, so the curriculum area is the department.
#[test]
fn a_department_column_of_one_value_is_passed_over_for_the_curriculum_area() {
    let wd = Workdir::new("init-curriculum-area");
    let faculty = |_: usize| "University Centre".to_string();
    let area = |i: usize| ["Sport", "Health & Social Care", "Engineering"][i % 3].to_string();
    wd.write(
        "cohort.csv",
        cohort_csv(&[("Faculty", &faculty), ("Curriculum Area", &area)]),
    );
    wd.run(&["init", "cohort.csv"]);
    let written = wd.read("evidence.toml");
    assert!(written.contains("department = \"Curriculum Area\""), "{written}");
}

/// "DBS / safeguarding briefing" came before "Mentor briefing attended" and
/// was taken as the mentor training.
#[test]
fn the_mentor_briefing_is_the_training_not_the_safeguarding_check() {
    let headers: Vec<String> = [
        "Mentor name",
        "Sector",
        "DBS / safeguarding briefing",
        "Mentor briefing attended",
    ]
    .iter()
    .map(|h| h.to_string())
    .collect();
    let mapped = map_fields(&MENTORS, &headers);
    assert!(
        mapped.contains(&("trained", Some("Mentor briefing attended".to_string()))),
        "{mapped:?}"
    );
}

/// A placement already arranged is past intending: the top of the scale.
/// An item saying the student is unsure is negatively worded.
#[test]
fn a_placement_already_lined_up_tops_the_intent_scale() {
    assert_eq!(intent_score("I've already got one lined up"), Some(5));
    assert_eq!(intent_score("I have already secured a placement"), Some(5));
    assert_eq!(intent_score("Not sure"), Some(3));
    assert!(is_reversed(
        "I feel unsure about what to do after I finish my course"
    ));
}

/// HESA's disability codes: 00 (no known disability), 98 (information
/// refused) and 99 (not available) were proposed as declared disabilities.
/// The group lists every impairment code of the scheme (51-58, 96), present
/// or not, as analysts of coded extracts do, and the data's own others (09).
#[test]
fn hesa_disability_codes_for_none_and_unknown_are_in_no_group() {
    let wd = Workdir::new("init-hesa-disability");
    let code = |i: usize| ["00", "51", "00", "98", "09", "99", "00", "53"][i % 8].to_string();
    wd.write("cohort.csv", cohort_csv(&[("Disability Code", &code)]));
    wd.run(&["init", "cohort.csv"]);
    let written = wd.read("evidence.toml");
    let group = group_on(&written, "Disability Code");
    assert_eq!(group.len(), 1, "{written}");
    assert!(
        group[0].ends_with("in = [\"09\", \"51\", \"53\", \"54\", \"55\", \"56\", \"57\", \"58\", \"96\"] }"),
        "{}",
        group[0]
    );
}

/// Scotland's deprivation measure: SIMD20 (quintile 1) and SIMD40
/// (quintiles 1-2) from the quintile column, not the decile one beside it.
#[test]
fn simd_gives_simd20_and_simd40_from_the_quintile_column() {
    let wd = Workdir::new("init-simd");
    let decile = |i: usize| (i % 10 + 1).to_string();
    let quintile = |i: usize| (i % 10 / 2 + 1).to_string();
    wd.write(
        "cohort.csv",
        cohort_csv(&[("SIMD20 Decile", &decile), ("SIMD20 Quintile", &quintile)]),
    );
    wd.run(&["init", "cohort.csv"]);
    let written = wd.read("evidence.toml");
    let groups = group_on(&written, "SIMD20 Quintile");
    assert_eq!(groups.len(), 2, "{written}");
    assert!(
        groups[0].contains("SIMD20") && groups[0].ends_with("in = [\"1\"] }"),
        "{}",
        groups[0]
    );
    assert!(
        groups[1].contains("SIMD40") && groups[1].ends_with("in = [\"1\", \"2\"] }"),
        "{}",
        groups[1]
    );
    assert!(group_on(&written, "SIMD20 Decile").is_empty(), "{written}");
}

/// A bank of the same headers on named sheets.
fn bank(wd: &Workdir, sheets: &[&str]) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    for (s, name) in sheets.iter().enumerate() {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (c, header) in ["Mentor ID", "Organisation", "Sector", "Max mentees"]
            .iter()
            .enumerate()
        {
            sheet.write_string(0, c as u16, *header).unwrap();
        }
        for r in 1..=12u32 {
            sheet.write_string(r, 0, format!("M{s}{r:02}")).unwrap();
            sheet.write_string(r, 1, "Acme").unwrap();
            sheet
                .write_string(r, 2, ["Finance", "Law", "Health"][r as usize % 3])
                .unwrap();
            sheet.write_number(r, 3, 1.0).unwrap();
        }
    }
    workbook.save(wd.path("bank.xlsx")).unwrap();
}

/// A bank kept on several sheets of one table ("Active mentors", "Paused or
/// left"; "2024 intake", "2025 intake") is read whole; a year's sheets
/// ("2025-26", "2024-25") are one year's bank and last year's.
#[test]
fn a_bank_on_named_sheets_is_stacked_but_not_a_bank_kept_by_year() {
    let wd = Workdir::new("init-bank-sheets");
    bank(&wd, &["Active mentors", "Paused or left"]);
    wd.run(&["init", "bank.xlsx"]);
    let written = wd.read("evidence.toml");
    assert!(
        written.contains("sheet = [\"Active mentors\", \"Paused or left\"]"),
        "{written}"
    );
    bank(&wd, &["2025-26", "2024-25"]);
    wd.run(&["init", "--force", "bank.xlsx"]);
    let written = wd.read("evidence.toml");
    assert!(written.contains("sheet = \"2025-26\"\n"), "{written}");
}

/// Jisc Online Surveys: the pre wave's codes ("5.a") over its question
/// texts, the post wave's numbered texts ("4.a. I feel ...") renumbered
/// and one statement reworded. Each grid is one scale with its
/// negatively worded item reversed, and the reworded item one item.
#[test]
fn jisc_grids_are_scales_and_a_reworded_item_is_one_item() {
    let wd = Workdir::new("init-jisc-grids");
    let statements = [
        "I feel confident talking to people who work in my industry",
        "I know what employers in my field look for",
        "I can describe my skills and experience to an employer",
        "I feel unsure about what to do after I finish my course",
    ];
    let answers = [
        "Agree",
        "Disagree",
        "Strongly agree",
        "Neither agree nor disagree",
    ];
    let mut pre = String::from("URN,StartDate,CompletionDate,1,5.a,5.b,5.c,5.d\n");
    pre += "Unique Response Number,Started,Completed,1. Your student ID";
    for (i, s) in statements.iter().enumerate() {
        pre += &format!(",5.{}. {s}", ['a', 'b', 'c', 'd'][i]);
    }
    pre.push('\n');
    let mut post = String::from("Unique Response Number,Started,Completed,1. Your student ID");
    for (i, s) in statements.iter().enumerate() {
        let s = s.replace("to an employer", "to employers");
        post += &format!(",4.{}. {s}", ['a', 'b', 'c', 'd'][i]);
    }
    post.push('\n');
    for r in 0..30 {
        let row: Vec<&str> = (0..4).map(|i| answers[(r + i) % 4]).collect();
        let line = format!(
            "{},01/10/2025 08:31:46,01/10/2025 08:44:42,{},{}\n",
            1400000 + r,
            24000000 + r,
            row.join(",")
        );
        pre += &line;
        post += &line;
    }
    wd.write("pre survey.csv", pre);
    wd.write("post survey.csv", post);
    wd.run(&["init", "pre survey.csv", "post survey.csv"]);
    let written = wd.read("evidence.toml");
    let scale = written
        .split("[[survey.scales]]")
        .nth(1)
        .unwrap_or_else(|| panic!("no scale: {written}"));
    assert!(
        scale.contains("items = [\"q5_a\", \"q5_b\", \"q5_c\", \"q5_d\"]")
            || scale.contains("items = [\"q4_a\", \"q4_b\", \"q4_c\", \"q4_d\"]"),
        "{written}"
    );
    assert!(
        scale.contains("reverse = [\"q5_d\"]") || scale.contains("reverse = [\"q4_d\"]"),
        "{scale}"
    );
    assert!(
        !written.contains("\"q4_cb\"") && !written.contains("\"q5_cb\""),
        "{written}"
    );
}

/// A header copied into the configuration with the space the export left
/// after it ("Student ID ") was a fatal missing column: the file's headers
/// are read trimmed, the configuration's were not. Both are trimmed now,
/// and the figures are the sample's.
#[test]
fn a_configured_header_with_a_stray_space_is_the_files_header() {
    let wd = Workdir::new("config-header-spaces");
    crate::workdir::copy_dir(crate::workdir::shared_sample(), &wd.path("sample"));
    let config = wd.read("sample/evidence.toml");
    let spaced = config
        .replace("student_id = \"Student ID\"", "student_id = \"Student ID \"")
        .replace("conf1 = \"Q1_1\"", "conf1 = \"Q1_1 \"")
        .replace("column = \"First generation\"", "column = \" First generation\"");
    assert_ne!(spaced, config);
    wd.write("sample/spaced.toml", spaced);
    wd.run(&["run", "-c", "sample/evidence.toml", "--out", "plain"]);
    wd.run(&["run", "-c", "sample/spaced.toml", "--out", "spaced"]);
    assert_eq!(wd.read("plain/metrics.json"), wd.read("spaced/metrics.json"));
}
