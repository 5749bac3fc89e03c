//! `init` on round 12's unseen exports (issue 27): a planning office's
//! extract under HESA's field names and codes, a CRM of many contacts, a
//! Zoom participants report, and bilingual (English / Welsh) surveys. A
//! regression test per field it got wrong or left undone.

use crate::workdir::Workdir;

/// HESA's field names and codes: OWNSTU is the key (SID shown as
/// 2.41001E+16 is no id), PARED's code 2 is first in family, POLAR4Q and
/// IMD2019Q quintiles, DISABLE and ETHNIC codes as HESA's.
#[test]
fn hesa_field_names_and_codes_are_read() {
    let wd = Workdir::new("init-hesa-fields");
    let mut csv = String::from(
        "SID,OWNSTU,UNIEMAIL,DEPARTMENT,PARED,POLAR4Q,IMD2019Q,DISABLE,ETHNIC,MODE,Registered?\n",
    );
    for i in 0..40 {
        csv += &format!(
            "2.41001E+16,{},{}@uni.ac.uk,{},{},{},{},{},{},{},{}\n",
            24100000 + i,
            24100000 + i,
            ["Accounting and Finance", "Management"][i % 2],
            ["1", "2", "99", "97"][i % 4],
            1 + i % 5,
            1 + (i + 2) % 5,
            ["0", "51", "95", "98"][i % 4],
            ["160", "103", "120", "997"][i % 4],
            ["Full-time", "Part-time"][i % 2],
            if i % 3 == 0 { "Yes" } else { "" },
        );
    }
    wd.write("extract.csv", csv);
    wd.run(&["init", "extract.csv"]);
    let written = wd.read("evidence.toml");
    for line in [
        "student_id = \"OWNSTU\"",
        "email = \"UNIEMAIL\"",
        "\"First in family\" = { column = \"PARED\", in = [\"2\"] }",
        "column = \"POLAR4Q\", in = [\"1\", \"2\"]",
        "column = \"IMD2019Q\", in = [\"1\", \"2\"]",
        "\"Declared disability\" = { column = \"DISABLE\", in = [\"51\", \"53\", \"54\", \"55\", \"56\", \"57\", \"58\", \"96\"] }",
        "= { column = \"ETHNIC\", in = [\"103\", \"120\"] }",
        "\"Part-time students\" = { column = \"MODE\", in = [\"Part-time\"] }",
    ] {
        assert!(written.contains(line), "{line} not in:\n{written}");
    }
}

/// A bank of many contacts (employers, donors, mentors without mentees)
/// keyed by name beside a record "ID": the column holding most of the
/// cohort's mentors is its key, whatever share of its rows they are.
#[test]
fn a_bank_of_many_contacts_is_keyed_by_the_cohorts_mentors() {
    let wd = Workdir::new("init-crm-contacts");
    let mut cohort = String::from("Student Number,Signed up,Mentor\n");
    for i in 0..40 {
        let mentor = if i % 2 == 0 {
            format!("Mentor {}", i / 2)
        } else {
            String::new()
        };
        cohort += &format!(
            "{},{},{mentor}\n",
            24100000 + i,
            if i % 2 == 0 { "Y" } else { "N" }
        );
    }
    wd.write("cohort.csv", cohort);
    let mut bank = String::from("ID,Name,Type,Organisation,Sector\n");
    for i in 0..120 {
        bank += &format!(
            "{},{},{},Firm {i},Banking\n",
            8000 + i,
            if i < 20 {
                format!("Mentor {i}")
            } else {
                format!("Contact {i}")
            },
            if i < 30 { "Mentor" } else { "Employer contact" },
        );
    }
    wd.write("people export.csv", bank);
    wd.run(&["init", "cohort.csv", "people export.csv"]);
    let written = wd.read("evidence.toml");
    let bank = &written[written.find("[inputs.mentors]").expect(&written)..];
    assert!(bank.contains("mentor_id = \"Name\""), "{written}");
}

/// A Zoom participants report: no type column, but a few repeated topics
/// that name kinds ("PBMP 1:1 mentoring", "Meet & Greet ..."): the topic is
/// the kind, read by its words; the participant's join time its date.
#[test]
fn zoom_topics_are_the_kind_when_nothing_else_is() {
    let wd = Workdir::new("init-zoom");
    let mut cohort = String::from("Student Number,Signed up\n");
    for i in 0..40 {
        cohort += &format!("{},Y\n", 24100000 + i);
    }
    wd.write("cohort.csv", cohort);
    let topics = [
        "PBMP 1:1 mentoring",
        "Meet & Greet - Business Mentoring 2025/26",
        "PBMP virtual workplace visit",
        "PBMP team catch-up",
    ];
    let mut csv =
        String::from("Meeting ID,Topic,Creation Time,Join Time,Leave Time,Duration (Minutes),Student ID\n");
    for k in 0..80 {
        csv += &format!(
            "{},{},2025-10-01 09:00:00,2025-11-{:02} 12:00:00,2025-11-{:02} 12:45:00,45,{}\n",
            800 + k / 2,
            topics[k % topics.len()],
            1 + k % 28,
            1 + k % 28,
            24100000 + k % 40
        );
    }
    wd.write("Zoom attendance.csv", csv);
    wd.run(&["init", "cohort.csv", "Zoom attendance.csv"]);
    let written = wd.read("evidence.toml");
    let log = &written[written.find("[inputs.meetings]").expect(&written)..];
    assert!(log.contains("kind = \"Topic\""), "{written}");
    assert!(log.contains("date = \"Join Time\""), "{written}");
    assert!(log.contains("meet_and_greet = [\"Meet & Greet"), "{written}");
    assert!(log.contains("other = [\"PBMP team catch-up\"]"), "{written}");
}

/// Bilingual answers ("Agree / Cytuno") are read by their first language;
/// statements without codes that name no construct join the one before
/// them; an id every respondent typed ties responses before a system
/// email that a QR-code link left blank.
#[test]
fn bilingual_answers_and_statements_without_codes_are_a_survey() {
    let wd = Workdir::new("init-bilingual");
    let mut cohort = String::from("Student Ref,Email,Signed up\n");
    for i in 0..40 {
        cohort += &format!("{},{}@coleg.ac.uk,Y\n", 300000 + i, 300000 + i);
    }
    wd.write("cohort.csv", cohort);
    let statements = [
        "I feel confident talking to people who work in business / Rwy'n teimlo'n hyderus",
        "I can talk about my work experience with confidence / Gallaf siarad yn hyderus",
        "I have a clear idea of my next step after this course / Mae gen i syniad clir",
        "I tend to bounce back quickly after hard times / Rwy'n adfer yn gyflym",
        "I know who to ask when things get difficult / Rwy'n gwybod pwy i ofyn",
    ];
    let answers = [
        "Disagree / Anghytuno",
        "Neither agree nor disagree / Ddim yn cytuno nac yn anghytuno",
        "Agree / Cytuno",
        "Strongly agree / Cytuno'n gryf",
    ];
    let mut csv = format!(
        "Response ID,Start time,Email,Student ID number / Rhif adnabod myfyriwr,{},How likely are you to apply for a graduate job or work placement? / Pa mor debygol?\n",
        statements.map(|s| format!("\"{s}\"")).join(",")
    );
    for i in 0..30 {
        let email = if i % 3 == 0 {
            format!("{}@coleg.ac.uk", 300000 + i)
        } else {
            String::new()
        };
        let scored: Vec<&str> = (0..statements.len()).map(|k| answers[(i + k) % 4]).collect();
        csv += &format!(
            "{},2025-10-01,{email},{},{},{}\n",
            9000 + i,
            300000 + i,
            scored.join(","),
            [
                "Likely / Tebygol",
                "Unlikely / Annhebygol",
                "Very likely / Tebygol iawn"
            ][i % 3]
        );
    }
    wd.write("Baseline Survey_Responses.csv", csv);
    wd.run(&["init", "cohort.csv", "Baseline Survey_Responses.csv"]);
    let written = wd.read("evidence.toml");
    assert!(
        written.contains("student_id = \"Student ID number / Rhif adnabod myfyriwr\""),
        "{written}"
    );
    assert!(written.contains("\"Agree / Cytuno\" = 4"), "{written}");
    assert!(written.contains("\"Likely / Tebygol\" = "), "{written}");
    assert!(
        written.contains("items = [\"item1\", \"item2\", \"item3\"]"),
        "{written}"
    );
    assert!(written.contains("items = [\"item4\", \"item5\"]"), "{written}");
}

/// Round 13: a cohort kept on a sheet per department (the same table on
/// each, beside a "Notes" sheet) is read whole (`sheet = "*"`); SITS'
/// IMD2019_QUINTILE, ETH_CODE and DSB_CODE are target groups.
#[test]
fn a_cohort_on_a_sheet_per_department_is_read_whole() {
    let wd = Workdir::new("init-cohort-sheets");
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (d, dept) in ["Accounting & Finance", "Management", "Marketing"]
        .iter()
        .enumerate()
    {
        let sheet = wb.add_worksheet();
        sheet.set_name(*dept).unwrap();
        for (c, h) in [
            "STU_CODE",
            "DPT_NAME",
            "IMD2019_QUINTILE",
            "ETH_CODE",
            "DSB_CODE",
            "Registered",
        ]
        .iter()
        .enumerate()
        {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        for i in 0..20u32 {
            let row = i + 1;
            let values = [
                format!("{}", 2500000 + 100 * d as u32 + i),
                dept.to_string(),
                format!("{}", 1 + i % 5),
                ["160", "103", "120"][i as usize % 3].to_string(),
                ["95", "51"][i as usize % 2].to_string(),
                if i % 2 == 0 { "Y" } else { "N" }.to_string(),
            ];
            for (c, v) in values.iter().enumerate() {
                sheet.write_string(row, c as u16, v).unwrap();
            }
        }
    }
    wb.add_worksheet()
        .set_name("Notes")
        .unwrap()
        .write_string(0, 0, "Extract run 20/05/2026")
        .unwrap();
    wb.save(wd.path("cohort.xlsx")).unwrap();
    wd.run(&["init", "cohort.xlsx"]);
    let written = wd.read("evidence.toml");
    let cohort = &written[written.find("[inputs.cohort]").expect(&written)..];
    assert!(cohort.contains("sheet = \"*\""), "{written}");
    assert!(
        written.contains("column = \"IMD2019_QUINTILE\", in = [\"1\", \"2\"]"),
        "{written}"
    );
    assert!(
        written.contains("column = \"ETH_CODE\", in = [\"103\", \"120\"]"),
        "{written}"
    );
    assert!(
        written.contains(
            "column = \"DSB_CODE\", in = [\"51\", \"53\", \"54\", \"55\", \"56\", \"57\", \"58\", \"96\"]"
        ),
        "{written}"
    );
    wd.run(&["validate", "-c", "evidence.toml"]).expect_code(0);
}

/// Round 13: Enalyzer's export (Respondent ID, Status, Started, Completed,
/// statements rated as codes 1-5) is a survey, never a Jisc form that logs
/// meetings; the meeting log beside it (Teams attendance pasted under a
/// title, "26m 13s") is the log.
#[test]
fn an_enalyzer_export_of_codes_is_a_survey_not_the_log() {
    let wd = Workdir::new("init-enalyzer");
    let mut cohort = String::from("Student Id,Signed up,Department\n");
    for i in 0..40 {
        cohort += &format!("{},Y,D{}\n", 2400000 + i, i % 3);
    }
    wd.write("cohort.csv", cohort);
    let stem = "1. How far do you agree with each statement about your career confidence?";
    let statements = [
        "I believe I can get a placement",
        "I feel out of place in professional settings",
        "I know what employers look for",
    ];
    let mut csv = String::from("Respondent ID,Status,Started,Completed,Student number");
    for s in statements {
        csv += &format!(",{stem} - {s}");
    }
    csv.push('\n');
    for i in 0..30 {
        csv += &format!(
            "{},Completed,2025-10-06 08:00:00,2025-10-06 08:03:24,{},{},{},{}\n",
            1600 + i,
            2400000 + i,
            1 + i % 5,
            1 + (i + 1) % 5,
            1 + (i + 2) % 5
        );
    }
    wd.write("Enalyzer - Baseline.csv", csv);
    let mut log = String::from("Meeting title,Date,Student no.,Type,In-meeting duration,Role\n");
    for k in 0..40 {
        log += &format!(
            "Mentoring: pair {k},{:02}/11/2025,{},Monthly 1:1,{}m 13s,Attendee\n",
            1 + k % 28,
            2400000 + k % 40,
            20 + k % 30
        );
    }
    wd.write("Mentoring meetings.csv", log);
    wd.run(&[
        "init",
        "cohort.csv",
        "Enalyzer - Baseline.csv",
        "Mentoring meetings.csv",
    ]);
    let written = wd.read("evidence.toml");
    let log = &written[written.find("[inputs.meetings]").expect(&written)..];
    assert!(log.contains("path = \"Mentoring meetings.csv\""), "{written}");
    assert!(log.contains("duration = \"In-meeting duration\""), "{written}");
    let survey = &written[written.find("[[inputs.surveys]]").expect(&written)..];
    assert!(survey.contains("format = \"plain\""), "{written}");
    assert!(survey.contains("student_id = \"Student number\""), "{written}");
    assert!(written.contains("reverse = [\"q1_2\"]"), "{written}");
    wd.run(&["validate", "-c", "evidence.toml"]).expect_code(0);
}

/// Round 14: a platform's sessions name the mentee and give their email,
/// no student number (Together): the cohort is keyed by email and the
/// log's student column is the email one, not the name.
#[test]
fn a_log_naming_mentees_with_their_emails_keys_the_cohort_by_email() {
    let wd = Workdir::new("init-together");
    let mut cohort = String::from("Student Code,University Email,Registered,Department\n");
    for i in 0..40 {
        cohort += &format!("{},s{i}@student.uni.ac.uk,Y,D{}\n", 2400000 + i, i % 3);
    }
    wd.write("cohort.csv", cohort);
    let mut log = String::from(
        "Session ID,Session Type,Mentor,Mentee,Mentee Email,Start Time (UTC),Duration (mins),Status\n",
    );
    for k in 0..40 {
        log += &format!(
            "{},1-on-1,Alex Smith,Jo {},s{}@student.uni.ac.uk,2025-11-{:02}T18:00:00Z,60,Completed\n",
            43000 + k,
            ["Brown", "Khan", "Okafor", "Nowak", "Evans"][k % 5],
            k % 40,
            1 + k % 28
        );
    }
    wd.write("Together_sessions_export.csv", log);
    wd.run(&["init", "cohort.csv", "Together_sessions_export.csv"]);
    let written = wd.read("evidence.toml");
    assert!(written.contains("student_id = \"University Email\""), "{written}");
    let log = &written[written.find("[inputs.meetings]").expect(&written)..];
    assert!(log.contains("student_id = \"Mentee Email\""), "{written}");
    wd.run(&["validate", "-c", "evidence.toml"]).expect_code(0);
}

/// Round 14: Qualtrics' numeric values: the intent answers are numbers,
/// read as their scores (`responses = {}`), intending from the first above
/// the middle; a grid row only the end survey asked is in no scale; "takes
/// me a long time to get back on track" is reverse-worded.
#[test]
fn numeric_answers_and_a_row_only_one_wave_asked() {
    let wd = Workdir::new("init-qualtrics-numeric");
    let mut cohort = String::from("Student Number,Signed up,Department\n");
    for i in 0..40 {
        cohort += &format!("{},Y,D{}\n", 2400000 + i, i % 3);
    }
    wd.write("cohort.csv", cohort);
    let rows = [
        "I tend to bounce back quickly after hard times",
        "When something goes wrong it takes me a long time to get back on track",
        "I stay calm under pressure",
        "I can adapt when my plans change",
    ];
    let wave = |n: usize| {
        let mut csv = String::from("StartDate,EndDate,Status,ResponseId,studentid");
        for k in 0..n {
            csv += &format!(",Q3_{}", k + 1);
        }
        csv += ",Q4\n\"Start Date\",\"End Date\",\"Response Type\",\"Response ID\",\"studentid\"";
        for row in rows.iter().take(n) {
            csv += &format!(",\"How far do you agree? - {row}\"");
        }
        csv += ",\"How likely are you to apply for a placement year?\"\n";
        csv += "\"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":\"\"endDate\"\"}\",\"{\"\"ImportId\"\":\"\"status\"\"}\",\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"studentid\"\"}\"";
        for k in 0..n {
            csv += &format!(",\"{{\"\"ImportId\"\":\"\"QID3_{}\"\"}}\"", k + 1);
        }
        csv += ",\"{\"\"ImportId\"\":\"\"QID4\"\"}\"\n";
        for i in 0..30 {
            csv += &format!("2025-10-01 10:00:00,2025-10-01 10:05:00,0,R_{i},{}", 2400000 + i);
            for k in 0..n {
                csv += &format!(",{}", 1 + (i + k) % 5);
            }
            csv += &format!(",{}\n", 1 + i % 7);
        }
        csv
    };
    wd.write("Baseline survey_November 21, 2025.csv", wave(3));
    wd.write("End survey_June 11, 2026.csv", wave(4));
    wd.run(&[
        "init",
        "cohort.csv",
        "Baseline survey_November 21, 2025.csv",
        "End survey_June 11, 2026.csv",
    ]);
    let written = wd.read("evidence.toml");
    assert!(
        written.contains("items = [\"q3_1\", \"q3_2\", \"q3_3\"]"),
        "{written}"
    );
    assert!(written.contains("reverse = [\"q3_2\"]"), "{written}");
    assert!(written.contains("responses = {}"), "{written}");
    assert!(written.contains("intends_at_least = 5"), "{written}");
    wd.run(&["validate", "-c", "evidence.toml"]).expect_code(0);
}
