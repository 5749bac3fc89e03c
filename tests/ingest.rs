//! Ingest through the CLI: CSV cohorts exercising the parsing rules, data
//! quality exit codes and findings, and HTML escaping of input text.

use crate::test_config::TestConfig;
use crate::workdir::Workdir;

fn config(cohort: &str, extra: &str) -> String {
    TestConfig::new("Test programme", cohort)
        .columns(&[
            ("student_id", "Student ID"),
            ("registered", "Signed up"),
            ("training_completed", "Training"),
            ("quiz_score", "Quiz"),
            ("mentor_id", "Mentor"),
            ("matched_on", "Matched on"),
            ("meet_greet_attended", "Meet"),
            ("ceremony_attended", "Ceremony"),
        ])
        .table(extra)
        .rule("none")
        .internal()
        .toml()
}

const HEADER: &str = "Student ID,Signed up,Training,Quiz,Mentor,Matched on,Meet,Ceremony,Group\n";

fn uptake_count(metrics: &serde_json::Value, group: &str, stage: &str) -> u64 {
    metrics["uptake"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["group"] == group && r["stage"] == stage)
        .unwrap_or_else(|| panic!("no record {group}/{stage}"))["count"]
        .as_u64()
        .unwrap()
}

#[test]
fn csv_cohort_counts_follow_the_parsing_rules() {
    let wd = Workdir::new("csv-rules");
    wd.write(
        "cohort.csv",
        format!(
            "{HEADER}\
             00123,05/10/2026,yes,85,M1,2026-10-20,✓,x,A\n\
             123,Y,no,90,M2,20/10/2026,No,,B\n\
             ,Yes,,,,,,,A\n\
             00456,,,,,,,,N/A\n\
             ,,,,,,,,\n\
             00789,5 Oct 2026,TRUE,69.5,,,,,a\n\
             00123,yes,yes,99,M3,,yes,yes,A\n"
        ),
    );
    wd.write(
        "evidence.toml",
        config(
            "cohort.csv",
            "[target_groups]\n\"Group A\" = { column = \"Group\", in = [\"a\"] }\n",
        ),
    );
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(3);
    let metrics: serde_json::Value = serde_json::from_str(&wd.read("out/metrics.json")).unwrap();
    // Rows: 00123, 123 (leading zeros make them different), 00456, 00789; the
    // empty-id row is an error and left out, the blank row is skipped, the
    // second 00123 is a duplicate.
    assert_eq!(uptake_count(&metrics, "All eligible", "eligible"), 4);
    assert_eq!(uptake_count(&metrics, "All eligible", "registered"), 3);
    assert_eq!(uptake_count(&metrics, "All eligible", "trained"), 2);
    assert_eq!(
        uptake_count(&metrics, "All eligible", "quiz_passed"),
        2,
        "69.5 is below 70; 90 passes without training"
    );
    assert_eq!(uptake_count(&metrics, "All eligible", "matched"), 2);
    assert_eq!(uptake_count(&metrics, "All eligible", "met"), 1);
    assert_eq!(uptake_count(&metrics, "All eligible", "completed"), 1);
    assert_eq!(
        uptake_count(&metrics, "Group A", "eligible"),
        2,
        "case-insensitive a/A"
    );
    assert_eq!(uptake_count(&metrics, "Not in any target group", "eligible"), 2);

    let findings = wd.read("out/data-quality.csv");
    assert!(
        findings.contains("cohort,cohort.csv,,4,Student ID,missing_required_value,error"),
        "{findings}"
    );
    assert!(
        findings.contains("cohort,cohort.csv,,8,Student ID,duplicate_student_id,warning"),
        "{findings}"
    );
    assert!(
        findings.contains(",5,Group,target_group_value_missing,warning"),
        "{findings}"
    );
    assert!(!findings.contains("00123"), "findings must not carry student ids");
    // Unrounded figures are written on request.
    assert!(wd.path("out/internal/metrics.json").exists());
}

#[test]
fn unparseable_cells_fail_data_quality_with_exit_3() {
    let wd = Workdir::new("unparseable");
    wd.write(
        "cohort.csv",
        format!("{HEADER}1,31/02/2027,yes,85,M1,2026-10-20,maybe,,A\n2,yes,yes,eighty,M2,soon,yes,,B\n"),
    );
    wd.write("evidence.toml", config("cohort.csv", ""));
    let run = wd.run(&["run", "-c", "evidence.toml"]).expect_code(3);
    assert!(run.stderr().contains("data quality failed"), "{}", run.stderr());
    let findings = wd.read("out/data-quality.csv");
    for expected in [
        ",2,Signed up,unparseable_flag,error,\"registered: found \"\"31/02/2027\"\"",
        ",2,Meet,unparseable_flag,error",
        ",3,Quiz,unparseable_number,error",
        ",3,Matched on,unparseable_date,error",
    ] {
        assert!(findings.contains(expected), "lacks {expected}:\n{findings}");
    }
    let report = wd.read("out/report.html");
    assert!(
        report.contains("Data quality errors were found"),
        "the header must say errors were found"
    );
    let summary = wd
        .run(&["validate", "-c", "evidence.toml"])
        .expect_code(3)
        .stdout();
    assert!(
        summary.contains("unparseable_date") && summary.contains("4 errors"),
        "{summary}"
    );
}

#[test]
fn text_from_inputs_is_escaped_in_the_report() {
    let wd = Workdir::new("escaping");
    wd.write("cohort.csv", format!("{HEADER}1,yes,,,,,,,x\n2,no,,,,,,,y\n"));
    wd.write(
        "evidence.toml",
        config(
            "cohort.csv",
            "[target_groups]\n\"<script>alert(1)</script>\" = { column = \"Group\", in = [\"x\"] }\n\"\\\"><svg onload=alert(2)>\" = { column = \"Group\", in = [\"y\"] }\n",
        ),
    );
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    let report = wd.read("out/report.html");
    assert!(!report.contains("<script"), "unescaped script tag");
    assert!(!report.contains("<svg onload"), "unescaped svg tag");
    assert!(report.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // The group's name is a quoted CSV field with its quote doubled, never
    // written raw (the raw name itself contains `"><svg`, so only the whole
    // quoted field at a line's start tells the two apart).
    let csv = wd.read("out/tables/uptake.csv");
    let quoted = "\"\"\"><svg onload=alert(2)>\",";
    assert!(csv.lines().any(|l| l.starts_with(quoted)), "{csv}");
    assert!(!csv.lines().any(|l| l.starts_with("\"><svg")), "{csv}");
}

#[test]
fn csv_outputs_neutralise_formulas() {
    let wd = Workdir::new("formula");
    wd.write("cohort.csv", format!("{HEADER}1,yes,,,,,,,x\n"));
    wd.write("evidence.toml", config("cohort.csv", "[target_groups]\n\"=HYPERLINK(1)\" = { column = \"Group\", in = [\"x\"] }\n\"@SUM\" = { column = \"Group\", in = [\"z\"] }\n"));
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    let csv = wd.read("out/tables/uptake.csv");
    assert!(
        csv.contains("\n'=HYPERLINK(1),") && csv.contains("\n'@SUM,"),
        "{csv}"
    );
    assert!(!csv.contains("\n=HYPERLINK"));
}

/// Only the mapped columns are parsed; a row blank in all of them but with
/// text in a column nobody maps still counts (the file is then read whole),
/// while a row blank everywhere is skipped. Row numbers stay the sheet's.
#[test]
fn a_row_with_text_only_in_unmapped_columns_still_counts() {
    let wd = Workdir::new("unmapped-text");
    wd.write(
        "cohort.csv",
        "Student ID,Notes,Signed up,Training,Quiz,Mentor,Matched on,Meet,Ceremony\n\
         1,,yes,,,,,,\n\
         ,left the course,,,,,,,\n\
         ,,,,,,,,\n\
         2,,yes,,,,,,\n",
    );
    wd.write("evidence.toml", config("cohort.csv", ""));
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(3);
    let metrics: serde_json::Value = serde_json::from_str(&wd.read("out/metrics.json")).unwrap();
    let cohort = &metrics["inputs"][0];
    assert_eq!(
        cohort["rows_read"], 3,
        "the notes-only row counts, the blank row does not"
    );
    assert_eq!(cohort["rows_used"], 2);
    let findings = wd.read("out/data-quality.csv");
    assert!(
        findings.contains("cohort,cohort.csv,,3,Student ID,missing_required_value,error"),
        "{findings}"
    );
    assert_eq!(
        findings.matches("missing_required_value").count(),
        1,
        "{findings}"
    );

    // Without the notes, the same row is blank: skipped, and nothing is read twice.
    wd.write(
        "cohort.csv",
        "Student ID,Notes,Signed up,Training,Quiz,Mentor,Matched on,Meet,Ceremony\n\
         1,,yes,,,,,,\n\
         ,,,,,,,,\n\
         2,,yes,,,,,,\n",
    );
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    let metrics: serde_json::Value = serde_json::from_str(&wd.read("out/metrics.json")).unwrap();
    assert_eq!(metrics["inputs"][0]["rows_read"], 2);
}

/// Delimited files are read a region of about a megabyte at a time, and
/// each region's rows are mapped on their own; workbooks are read whole.
/// The same synthetic programme written as CSV files of several regions
/// and as workbooks must give the same figures and the same findings at
/// the same rows (only file names and sheets differ).
#[test]
fn csv_files_of_several_regions_read_like_the_same_workbooks() {
    let wd = Workdir::new("regions");
    for format in ["csv", "xlsx"] {
        wd.run(&[
            "sample-data",
            "--out",
            format,
            "--students",
            "12000",
            "--format",
            format,
        ])
        .expect_code(0);
        let config = format!("{format}/evidence.toml");
        let out = format!("out-{format}");
        wd.run(&["run", "-c", &config, "--out", &out, "--quiet"])
            .expect_code(0);
    }
    let size = std::fs::metadata(wd.path("csv/cohort.csv"))
        .map(|m| m.len())
        .unwrap_or(0);
    assert!(size > 1 << 20, "the cohort spans several regions: {size} bytes");

    let metrics = |format: &str| {
        let mut value: serde_json::Value =
            serde_json::from_str(&wd.read(&format!("out-{format}/metrics.json"))).unwrap();
        value.as_object_mut().unwrap().remove("inputs");
        value
    };
    assert_eq!(metrics("csv"), metrics("xlsx"));

    // input,file,sheet,...: the file's extension and the sheet set aside.
    let findings = |format: &str| -> Vec<String> {
        wd.read(&format!("out-{format}/data-quality.csv"))
            .lines()
            .map(|line| {
                let fields: Vec<&str> = line.splitn(4, ',').collect();
                let file = fields.get(1).unwrap_or(&"").replace(".xlsx", ".csv");
                format!("{},{file},{}", fields[0], fields.get(3).unwrap_or(&""))
            })
            .collect()
    };
    let (csv, xlsx) = (findings("csv"), findings("xlsx"));
    assert!(csv.len() > 1000, "{} findings", csv.len());
    assert_eq!(csv, xlsx);
}

/// A cohort file of several regions (about a megabyte each): cells that
/// cannot be read are reported at their own rows in every region, blank
/// lines included in the numbering, and every row is counted.
#[test]
fn unreadable_cells_are_reported_at_their_rows_in_every_region() {
    let wd = Workdir::new("regions-rows");
    let mut text = String::from(HEADER);
    let mut expected = Vec::new();
    let mut sheet_row = 1;
    for student in 0..40_000u32 {
        if student % 9_999 == 5 {
            // A blank line: no row, but it keeps its number.
            text.push_str(",,,,,,,,\n");
            sheet_row += 1;
        }
        sheet_row += 1;
        let matched = if student % 7_919 == 3 {
            expected.push(sheet_row);
            "soon"
        } else {
            "2026-10-20"
        };
        text.push_str(&format!(
            "S{student:06},yes,yes,85,M{student},{matched},yes,,A quite long padding text\n"
        ));
    }
    assert!(text.len() > 2 << 20, "{} bytes", text.len());
    wd.write("cohort.csv", text);
    wd.write("evidence.toml", config("cohort.csv", ""));
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(3);
    let findings = wd.read("out/data-quality.csv");
    let rows: Vec<u32> = findings
        .lines()
        .filter(|line| line.contains(",Matched on,unparseable_date,"))
        .filter_map(|line| line.split(',').nth(3)?.parse().ok())
        .collect();
    assert_eq!(rows, expected, "{findings}");
    let metrics: serde_json::Value = serde_json::from_str(&wd.read("out/metrics.json")).unwrap();
    assert_eq!(metrics["inputs"][0]["rows_read"], 40_000);
}

/// CSV text fields: a possible formula gets a leading `'`, and a field with
/// a separator, quote, line break or a space at either end is quoted (the
/// guard inside the quotes), with quotes doubled.
#[test]
fn csv_text_fields_are_guarded_and_quoted() {
    use mentor_evidence::output::csv::{push_text_field, text_field};
    let cases = [
        ("", ""),
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        (" lead", "\" lead\""),
        ("trail ", "\"trail \""),
        ("=SUM(A1)", "'=SUM(A1)"),
        ("-1", "'-1"),
        ("=a,b", "\"'=a,b\""),
        ("@x ", "\"'@x \""),
        ("line\nbreak", "\"line\nbreak\""),
    ];
    let mut out = String::from("x");
    for (text, expected) in cases {
        assert_eq!(text_field(text), expected, "{text:?}");
        out.truncate(1);
        push_text_field(&mut out, text);
        assert_eq!(&out[1..], expected, "appended: {text:?}");
    }
}

/// A typed "80%" in a percent-formatted cell is kept by Excel as 0.8: read
/// as 80 against a pass mark of 70, with a warning per score, not
/// silently failed. A pass mark of 10 or less (marks out of 10) is left as
/// it is.
#[test]
fn a_percentage_cell_of_a_quiz_marked_in_percent_reads_as_a_percentage() {
    let wd = Workdir::new("quiz-fraction");
    wd.write(
        "cohort.csv",
        "Student ID,Signed up,Training,Quiz,Mentor,Matched on,Meet,Ceremony\n\
         S1,yes,yes,85,,,,\n\
         S2,yes,yes,0.8,,,,\n\
         S3,yes,yes,0.65,,,,\n\
         S4,yes,yes,40,,,,\n",
    );
    wd.write("evidence.toml", config("cohort.csv", ""));
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    let metrics: serde_json::Value = serde_json::from_str(&wd.read("out/metrics.json")).unwrap();
    assert_eq!(
        uptake_count(&metrics, "All eligible", "quiz_passed"),
        2,
        "85 and 0.8 (80%)"
    );
    let quality = wd.read("out/data-quality.csv");
    assert_eq!(quality.matches("quiz_score_as_fraction").count(), 2, "{quality}");
    assert!(quality.contains("0.8 read as 80"), "{quality}");
    // Marks out of 10: 0.8 is 0.8 of a mark.
    wd.write(
        "evidence.toml",
        config("cohort.csv", "[engagement]\nquiz_pass_mark = 7\n"),
    );
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    let metrics: serde_json::Value = serde_json::from_str(&wd.read("out/metrics.json")).unwrap();
    assert_eq!(
        uptake_count(&metrics, "All eligible", "quiz_passed"),
        2,
        "85 and 40"
    );
}

/// A cohort keyed by email (its meeting log knows students only so): an
/// email id typed with capitals is the same student.
#[test]
fn email_ids_match_in_any_case() {
    let wd = Workdir::new("email-ids");
    wd.write(
        "cohort.csv",
        "Email,Signed up,Mentor\ns1@uni.ac.uk,yes,M1\ns2@uni.ac.uk,yes,M2\n",
    );
    wd.write(
        "meetings.csv",
        "Customer Email,Date\nS1@Uni.ac.uk,2026-10-05\ns2@uni.ac.uk,2026-10-06\n",
    );
    let config = TestConfig::new("Email ids", "cohort.csv")
        .columns(&[
            ("student_id", "Email"),
            ("registered", "Signed up"),
            ("mentor_id", "Mentor"),
        ])
        .table("[inputs.meetings]\npath = \"meetings.csv\"\n[inputs.meetings.columns]\nstudent_id = \"Customer Email\"\ndate = \"Date\"")
        .rule("none")
        .toml();
    wd.write("evidence.toml", config);
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    let metrics: serde_json::Value = serde_json::from_str(&wd.read("out/metrics.json")).unwrap();
    assert_eq!(uptake_count(&metrics, "All eligible", "met"), 2);
}

/// A report grouped by course closes each group with its count alone on a
/// row ("Learners on offering: 2"): not a student.
#[test]
fn a_groups_count_alone_on_its_row_is_not_a_record() {
    let wd = Workdir::new("group-count-row");
    wd.write(
        "cohort.csv",
        "Student ID,Signed up,Training,Quiz,Mentor,Matched on,Meet,Ceremony\n\
         S1,yes,,,,,,\n\
         S2,no,,,,,,\n\
         Learners on offering: 2,,,,,,,\n\
         S3,yes,,,,,,\n\
         Learners on offering: 1,,,,,,,\n",
    );
    wd.write("evidence.toml", config("cohort.csv", ""));
    wd.run(&["run", "-c", "evidence.toml", "--quiet"]).expect_code(0);
    let metrics: serde_json::Value = serde_json::from_str(&wd.read("out/metrics.json")).unwrap();
    assert_eq!(uptake_count(&metrics, "All eligible", "eligible"), 3);
    assert!(wd.read("out/data-quality.csv").contains("not_a_record"));
}
