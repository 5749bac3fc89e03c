//! Spreadsheet ingest through the CLI: numeric ids, date cells, sheet lists,
//! "*" (every visible sheet), path lists and stacking of differing columns.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::test_config::TestConfig;
use crate::workdir::Workdir;

fn config(paths: &str, sheet: &str) -> String {
    TestConfig::with_paths("Sheets", paths)
        .cohort_key(sheet)
        .columns(&[
            ("student_id", "Student ID"),
            ("registered", "Signed up"),
            ("mentor_id", "Mentor"),
        ])
        .rule("none")
        .toml()
}

/// A workbook with sheets "A" and "B" (visible) and "Hidden"; B lacks the Mentor column.
fn workbook(wd: &Workdir) {
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let signed = ExcelDateTime::from_ymd(2026, 10, 5).unwrap();
    let a = wb.add_worksheet();
    a.set_name("A").unwrap();
    for (c, h) in ["Student ID", "Signed up", "Mentor"].iter().enumerate() {
        a.write_string(0, c as u16, *h).unwrap();
    }
    // A numeric id (12345 stored as a number) and a text id with leading zeros.
    a.write_number(1, 0, 12345.0).unwrap();
    a.write_date_with_format(1, 1, &signed, &date).unwrap();
    a.write_number(1, 2, 7.0).unwrap();
    a.write_string(2, 0, "0012345").unwrap();
    a.write_string(2, 1, "no").unwrap();
    let b = wb.add_worksheet();
    b.set_name("B").unwrap();
    b.write_string(0, 0, "Student ID").unwrap();
    b.write_string(0, 1, "Signed up").unwrap();
    b.write_string(1, 0, "99").unwrap();
    b.write_string(1, 1, "yes").unwrap();
    let hidden = wb.add_worksheet();
    hidden.set_name("Hidden").unwrap().set_hidden(true);
    hidden.write_string(0, 0, "Student ID").unwrap();
    hidden.write_string(0, 1, "Signed up").unwrap();
    hidden.write_string(1, 0, "5").unwrap();
    wb.save(wd.path("cohort.xlsx")).unwrap();
}

fn eligible_and_registered(wd: &Workdir) -> (u64, u64) {
    let metrics: serde_json::Value = serde_json::from_str(&wd.read("out/metrics.json")).unwrap();
    let count = |stage: &str| {
        metrics["uptake"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["group"] == "All eligible" && r["stage"] == stage)
            .unwrap()["count"]
            .as_u64()
            .unwrap()
    };
    (count("eligible"), count("registered"))
}

#[test]
fn numeric_ids_lose_dot_zero_and_text_ids_keep_zeros() {
    let wd = Workdir::new("sheet-ids");
    workbook(&wd);
    wd.write("evidence.toml", config("\"cohort.xlsx\"", "sheet = \"A\""));
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    // 12345 and 0012345 are different students; the date cell means registered.
    assert_eq!(eligible_and_registered(&wd), (2, 1));
}

#[test]
fn star_reads_every_visible_sheet_and_a_missing_column_names_the_sheet() {
    let wd = Workdir::new("sheet-star");
    workbook(&wd);
    // Both visible sheets stack (the hidden one is skipped); sheet B lacks the
    // optional Mentor column, so its rows have no mentor.
    wd.write("evidence.toml", config("\"cohort.xlsx\"", "sheet = \"*\""));
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    assert_eq!(eligible_and_registered(&wd), (3, 2));
    // A required field mapped to a column sheet B lacks: sheet B is
    // skipped (a "Read me" among monthly sheets), and the run says so.
    wd.write(
        "evidence.toml",
        config("\"cohort.xlsx\"", "sheet = \"*\"")
            .replace("registered = \"Signed up\"", "registered = \"Mentor\""),
    );
    // (Sheet A's mentor 7 read as a sign-up is an unreadable flag: exit 3.)
    let err = wd.run(&["run", "-c", "evidence.toml"]).expect_code(3).stderr();
    assert!(
        err.contains("cohort: cohort.xlsx, sheet 'B': skipped, no row holds the configured headers"),
        "{err}"
    );
    assert_eq!(eligible_and_registered(&wd).0, 2);
    // A single sheet without them is refused, naming it.
    wd.write(
        "evidence.toml",
        config("\"cohort.xlsx\"", "sheet = \"B\"")
            .replace("registered = \"Signed up\"", "registered = \"Mentor\""),
    );
    let err = wd.run(&["run", "-c", "evidence.toml"]).expect_code(1).stderr();
    assert!(err.contains("\"Mentor\"") && err.contains("sheet 'B'"), "{err}");
    // An optional column no sheet has: fatal, listing every sheet's headers.
    wd.write(
        "evidence.toml",
        config("\"cohort.xlsx\"", "sheet = \"*\"")
            .replace("mentor_id = \"Mentor\"", "mentor_id = \"Mentor code\""),
    );
    let err = wd.run(&["run", "-c", "evidence.toml"]).expect_code(1).stderr();
    assert!(
        err.contains("\"Mentor code\"") && err.contains("every file") && err.contains("sheet 'A'"),
        "{err}"
    );
    // A list of sheets reads just those.
    wd.write(
        "evidence.toml",
        config("\"cohort.xlsx\"", "sheet = [\"B\", \"Hidden\"]").replace("mentor_id = \"Mentor\"\n", ""),
    );
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    assert_eq!(eligible_and_registered(&wd), (2, 1));
}

#[test]
fn path_lists_stack_files_with_different_columns() {
    let wd = Workdir::new("path-list");
    wd.write("autumn.csv", "Student ID,Signed up,Mentor\n1,yes,M1\n2,no,\n");
    wd.write("spring.tsv", "Signed up\tStudent ID\tMentor\n05/01/2027\t3\t\n");
    wd.write("evidence.toml", config("[\"autumn.csv\", \"spring.tsv\"]", ""));
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    assert_eq!(eligible_and_registered(&wd), (3, 2));
    let metrics = wd.read("out/metrics.json");
    assert!(metrics.contains("\"path\": \"autumn.csv\"") && metrics.contains("\"path\": \"spring.tsv\""));
}

#[test]
fn unreadable_inputs_are_refused_with_the_file_named() {
    let wd = Workdir::new("unreadable");
    wd.write("cohort.xlsx", b"this is not a zip file");
    wd.write("evidence.toml", config("\"cohort.xlsx\"", ""));
    let err = wd.run(&["run", "-c", "evidence.toml"]).expect_code(1).stderr();
    assert!(
        err.contains("cohort.xlsx") && err.contains("not a readable spreadsheet"),
        "{err}"
    );

    wd.write("cohort.csv", "");
    wd.write("evidence.toml", config("\"cohort.csv\"", ""));
    let err = wd.run(&["run", "-c", "evidence.toml"]).expect_code(1).stderr();
    assert!(err.contains("cohort.csv") && err.contains("empty"), "{err}");

    wd.write("cohort.csv", b"Student ID,Signed up,Mentor\n1,\xe9\x00\n");
    let err = wd.run(&["run", "-c", "evidence.toml"]).expect_code(1).stderr();
    assert!(
        err.contains("cohort.csv") && err.contains("not text (a NUL byte at offset 31)"),
        "{err}"
    );

    wd.write("cohort.txt.json", "{}");
    wd.write("evidence.toml", config("\"cohort.txt.json\"", ""));
    let err = wd.run(&["run", "-c", "evidence.toml"]).expect_code(1).stderr();
    assert!(err.contains("\"json\"") && err.contains(".xlsx"), "{err}");
}

#[test]
fn header_only_file_gives_an_empty_cohort() {
    let wd = Workdir::new("header-only");
    wd.write("cohort.csv", "Student ID,Signed up,Mentor\n");
    wd.write("evidence.toml", config("\"cohort.csv\"", ""));
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    assert_eq!(eligible_and_registered(&wd), (0, 0));
    let metrics: serde_json::Value = serde_json::from_str(&wd.read("out/metrics.json")).unwrap();
    let first = &metrics["uptake"][0];
    assert!(first["rate"].is_null(), "0/0 has no rate: {first}");
}

/// The header under 40 rows of notes: past the 30 rows the search reads, it
/// is refused naming the rows looked at; `header_row` reads it, and a
/// `header_row` that names another row is refused naming that row.
#[test]
fn header_row_reads_a_header_the_search_does_not_reach() {
    let wd = Workdir::new("header-row");
    let mut text = String::new();
    for n in 1..=40 {
        text.push_str(&format!("Note {n} of the export's preamble,,\n"));
    }
    text.push_str("Student ID,Signed up,Mentor\n1,yes,M1\n2,no,\nTotal,1,\n");
    wd.write("cohort.csv", &text);
    wd.write("evidence.toml", config("\"cohort.csv\"", ""));
    let err = wd.run(&["run", "-c", "evidence.toml"]).expect_code(1).stderr();
    assert!(
        err.contains("in cohort.csv (header looked for in rows 1 to 30; nearest: row 1)"),
        "{err}"
    );
    wd.write("evidence.toml", config("\"cohort.csv\"", "header_row = 41"));
    let run = wd.run(&["run", "-c", "evidence.toml"]).expect_code(0);
    assert!(
        run.stderr()
            .contains("cohort: cohort.csv: header on row 41 (the 40 rows above it skipped)"),
        "{}",
        run.stderr()
    );
    assert_eq!(eligible_and_registered(&wd), (2, 1));
    // The Total row under the table is not a student.
    assert!(
        wd.read("out/data-quality.csv")
            .contains("cohort.csv,,44,,not_a_record,warning")
    );
    wd.write("evidence.toml", config("\"cohort.csv\"", "header_row = 2"));
    let err = wd.run(&["run", "-c", "evidence.toml"]).expect_code(1).stderr();
    assert!(
        err.contains("in cohort.csv (the header on row 2, as header_row says); headers found: \"Note 2 of the export's preamble\""),
        "{err}"
    );
}

/// A header a title row sits above, but worded otherwise than configured:
/// the message names the rows looked at and, per row, the header like it.
#[test]
fn a_missing_header_names_the_rows_looked_at_and_the_header_like_it() {
    let wd = Workdir::new("header-like");
    wd.write(
        "cohort.csv",
        "Uptake report\nRun 03/12/2025\nStudent Code,Signed up,Mentor\n1,yes,M1\n",
    );
    wd.write("evidence.toml", config("\"cohort.csv\"", ""));
    let err = wd.run(&["run", "-c", "evidence.toml"]).expect_code(1).stderr();
    assert!(
        err.contains(
            "in cohort.csv (header looked for in rows 1 to 4; nearest: row 3; like the missing header: row 3 has \"Student Code\")"
        ),
        "{err}"
    );
}

/// A report's footer after a gap at the end of its sheet, "Report run by
/// ..." beside "Page 1 of 1" (two cells), is not a student: skipped and
/// counted, never a row without an id.
#[test]
fn a_report_footer_of_two_cells_after_a_gap_is_not_a_record() {
    let wd = Workdir::new("sheet-footer");
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.write_string(0, 0, "Student ID").unwrap();
    sheet.write_string(0, 1, "Signed up").unwrap();
    sheet.write_string(0, 2, "Mentor").unwrap();
    for i in 0..3u32 {
        sheet.write_string(i + 1, 0, format!("S{i}")).unwrap();
        sheet.write_string(i + 1, 1, "yes").unwrap();
        sheet.write_string(i + 1, 2, format!("M{i}")).unwrap();
    }
    sheet
        .write_string(6, 0, "Report run by: UNI\\kwhitmore on 22/09/2025 10:41:07")
        .unwrap();
    sheet.write_string(6, 5, "Page 1 of 1").unwrap();
    wb.save(wd.path("cohort.xlsx")).unwrap();
    wd.write("evidence.toml", config("\"cohort.xlsx\"", ""));
    let run = wd.run(&["run", "-c", "evidence.toml"]);
    let said = format!("{}{}", run.stdout(), run.stderr());
    assert_eq!(run.code(), 0, "{said}");
    assert!(said.contains("0 errors, 1 warnings"), "{said}");
    let metrics = wd.read("out/metrics.json");
    assert!(metrics.contains("\"not_a_record\""), "{metrics}");
    assert_eq!(eligible_and_registered(&wd), (3, 3));
}

/// A row repeating the header (a report's page break; a monday.com board's
/// header under each group) is not a record, nor is the one-cell group
/// title just above it ("Paused"): neither becomes a student.
#[test]
fn a_repeated_header_and_its_group_title_are_not_records() {
    let wd = Workdir::new("sheet-repeated-header");
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    let header = |sheet: &mut rust_xlsxwriter::Worksheet, row: u32| {
        for (c, h) in ["Student ID", "Signed up", "Mentor"].iter().enumerate() {
            sheet.write_string(row, c as u16, *h).unwrap();
        }
    };
    header(sheet, 0);
    for i in 0..2u32 {
        sheet.write_string(i + 1, 0, format!("S{i}")).unwrap();
        sheet.write_string(i + 1, 1, "yes").unwrap();
    }
    sheet.write_string(4, 0, "Paused").unwrap();
    header(sheet, 5);
    sheet.write_string(6, 0, "S9").unwrap();
    sheet.write_string(6, 1, "no").unwrap();
    wb.save(wd.path("cohort.xlsx")).unwrap();
    wd.write("evidence.toml", config("\"cohort.xlsx\"", ""));
    let run = wd.run(&["run", "-c", "evidence.toml"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(eligible_and_registered(&wd), (3, 2));
    let metrics = wd.read("out/metrics.json");
    assert!(metrics.contains("\"not_a_record\""), "{metrics}");
}

/// A Business Objects (WebI) report ends each section with "Count:" beside
/// the section's number of rows: not a student (regression: Brackwater's
/// four sections gave four rows without an id, errors).
#[test]
fn a_webi_section_count_is_not_a_record() {
    let wd = Workdir::new("sheet-webi-count");
    wd.write(
        "cohort.csv",
        "Student ID,Signed up,Mentor\nS1,yes,M1\nS2,no,\nCount:,2,\nS3,yes,M2\nCount:,1,\n",
    );
    wd.write("evidence.toml", config("\"cohort.csv\"", ""));
    let run = wd.run(&["run", "-c", "evidence.toml"]);
    let said = format!("{}{}", run.stdout(), run.stderr());
    assert_eq!(run.code(), 0, "{said}");
    assert_eq!(eligible_and_registered(&wd), (3, 2));
}

/// A Crystal Reports data-only export grouped by department: a section's
/// title ("Department: Accounting & Finance") and its total ("Total students
/// in Accounting & Finance: 2") between the students' rows are not students
/// (regression: Lowmoor's ten such rows were read as students).
#[test]
fn crystal_section_titles_and_totals_are_not_records() {
    let wd = Workdir::new("sheet-crystal-sections");
    wd.write(
        "cohort.csv",
        "Student ID,Signed up,Mentor\nDepartment: Accounting & Finance,,\nS1,yes,M1\nS2,no,\nTotal students in Accounting & Finance: 2,,\nDepartment: Law,,\nS3,yes,M2\nTotal students in Law: 1,,\n",
    );
    wd.write("evidence.toml", config("\"cohort.csv\"", ""));
    let run = wd.run(&["run", "-c", "evidence.toml"]);
    let said = format!("{}{}", run.stdout(), run.stderr());
    assert_eq!(run.code(), 0, "{said}");
    assert_eq!(eligible_and_registered(&wd), (3, 2));
}
