//! `init` on rounds 15 to 18's unseen exports (issue 27): Workday with a
//! Forms sign-up sheet beside it, Mentorloop, Calendly and LimeSurvey with
//! answer codes; Tribal Ebs, Airtable and Alchemer; a SITS list with a HEAT
//! export beside the tracker; PeopleGrove's meetings; Jisc's new exports;
//! an OBIEE report, an FE college's QL report, Qualtrics' legacy export. A
//! regression test per field it got wrong or left undone.

use crate::init_cohort::{assert_lines, cohort, mentor_bank};
use crate::workdir::Workdir;

/// LimeSurvey with "Question code" headings and "Answer codes": the
/// arrays' rows answered AO01 .. AO05 are items (paired with the wave
/// exported with texts), the codes are scored in their order, and an
/// intent code past the text wave's scored answers (AO06, "My course has no
/// placement") is left to the user. A sign-up form with no such question
/// is not a wave.
#[test]
fn limesurvey_answer_codes_are_scored_and_a_sign_up_form_is_no_wave() {
    let wd = Workdir::new("init-limesurvey-codes");
    wd.write("cohort.csv", cohort(&[]));
    let mut signup = String::from(
        "ID,Start time,Completion time,Email,Name,Student ID number,Why do you want a mentor?\n",
    );
    for i in 0..20 {
        signup += &format!(
            "{i},22/09/2025 10:00,22/09/2025 10:05,s{i}@uni.ac.uk,S {i},{},Networking\n",
            24000000 + i
        );
    }
    wd.write("signups.csv", signup);
    let statements = [
        "I feel confident talking to employers",
        "I know what employers look for",
        "I can explain my skills",
        "I don't know where to start with my CV",
    ];
    let mut coded = String::from(
        "id,submitdate,lastpage,startlanguage,seed,token,CC[SQ001],CC[SQ002],CC[SQ003],CC[SQ004],INTENT,attribute_1\n",
    );
    for i in 0..30 {
        let answers: Vec<String> = (0..4).map(|k| format!("AO0{}", (i + k) % 5 + 1)).collect();
        coded += &format!(
            "{i},2025-10-0{} 10:00:00,3,en,{},tok{i},{},AO0{},{}\n",
            i % 9 + 1,
            1000 + i,
            answers.join(","),
            if i % 10 == 9 { 6 } else { i % 5 + 1 },
            24000000 + i
        );
    }
    wd.write("results-survey482915.csv", coded);
    let grid = "How much do you agree or disagree with each statement?";
    let intent = "How likely are you to apply for a placement year?";
    let mut texted = String::from("Response ID,Date submitted,Last page");
    for s in statements {
        texted += &format!(",{grid} [{s}]");
    }
    texted += &format!(",{intent},Student ID\n");
    let labels = [
        "Strongly disagree",
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
        "Strongly agree",
    ];
    let likely = [
        "Very unlikely",
        "Unlikely",
        "Not sure yet",
        "Likely",
        "Very likely",
        "My course has no placement year",
    ];
    for i in 0..25 {
        let answers: Vec<&str> = (0..4).map(|k| labels[(i + k) % 5]).collect();
        texted += &format!(
            "{i},2026-04-2{} 10:00:00,3,{},{},{}\n",
            i % 9 + 1,
            answers.join(","),
            likely[if i % 10 == 9 { 5 } else { i % 5 }],
            24000000 + i
        );
    }
    wd.write("results-survey731264.csv", texted);
    wd.run(&[
        "init",
        "cohort.csv",
        "signups.csv",
        "results-survey482915.csv",
        "results-survey731264.csv",
    ]);
    let written = wd.read("evidence.toml");
    assert_lines(
        &written,
        &[
            "wave = \"pre\"\npath = \"results-survey482915.csv\"",
            "wave = \"post\"\npath = \"results-survey731264.csv\"",
            "\"q1_1\" = \"CC[SQ001]\"",
            "\"intent\" = \"INTENT\"",
            "\"AO01\" = 1\n\"AO02\" = 2\n\"AO03\" = 3\n\"AO04\" = 4\n\"AO05\" = 5\n",
            "\"Very likely\" = 5, \"AO01\" = 1, \"AO02\" = 2, \"AO03\" = 3, \"AO04\" = 4, \"AO05\" = 5 }",
            "score the answers \"My course has no placement year\", \"AO06\"",
            "# not a survey wave: \"signups.csv\"",
            "reverse = [\"q1_4\"]",
        ],
    );
}

/// Alchemer's grid rows ("Statement:Question?") with the post wave's grid
/// question and one statement reworded: the reworded row is the pre wave's
/// item in the same place, so the scale keeps it. A grid asked about the
/// career "at the end of the programme" is not feedback on the programme.
#[test]
fn a_reworded_grid_row_is_the_item_in_its_place() {
    let wd = Workdir::new("init-grid-reworded");
    wd.write("cohort.csv", cohort(&[]));
    let pre_rows = [
        "I feel confident talking to people in business",
        "I know what employers look for in a graduate",
        "I have a clear plan for my next career step",
        "I feel comfortable networking at events",
    ];
    let post_rows = [
        "I feel confident talking to people in business",
        "I know what employers look for in a graduate",
        "I have a clear plan for my next step after my degree",
        "I feel comfortable networking at events",
    ];
    let write = |name: &str, question: &str, rows: &[&str]| {
        let mut csv = String::from("Response ID,Time Started,Status,url variable: sid");
        for r in rows {
            csv += &format!(",\"{r}:{question}\"");
        }
        csv.push('\n');
        let labels = [
            "Strongly disagree",
            "Disagree",
            "Neither agree nor disagree",
            "Agree",
            "Strongly agree",
        ];
        for i in 0..30 {
            let answers: Vec<&str> = (0..4).map(|k| labels[(i + 2 * k) % 5]).collect();
            csv += &format!(
                "{i},2025-10-10 10:00:00,Complete,{},{}\n",
                24000000 + i,
                answers.join(",")
            );
        }
        wd.write(name, csv);
    };
    write(
        "pre-SurveyExport.csv",
        "How much do you agree with each statement about your career?",
        &pre_rows,
    );
    write(
        "post-SurveyExport.csv",
        "Thinking about your career now, at the end of the programme, how much do you agree with each statement?",
        &post_rows,
    );
    wd.run(&[
        "init",
        "cohort.csv",
        "pre-SurveyExport.csv",
        "post-SurveyExport.csv",
    ]);
    let written = wd.read("evidence.toml");
    assert!(
        written.contains("\"q1_3\" = \"I have a clear plan for my next step after my degree:Thinking"),
        "{written}"
    );
    assert!(
        written.contains("items = [\"q1_1\", \"q1_2\", \"q1_3\", \"q1_4\"]"),
        "{written}"
    );
}

/// A HEAT export beside the cohort (a student list: postcode, date of
/// birth, POLAR4, free school meals) is not a meeting log, and a date of
/// birth is never a meeting's date.
#[test]
fn a_heat_student_list_is_not_a_meeting_log() {
    let wd = Workdir::new("init-heat-list");
    wd.write("cohort.csv", cohort(&[]));
    let mut heat = String::from(
        "HEAT Student ID,Student Reference,Date of Birth,Postcode,POLAR4 Quintile,IMD Quintile,Free School Meals,Record Created\n",
    );
    for i in 0..30 {
        heat += &format!(
            "{},{},0{}/03/2005,SN2 1AB,{},{},No,0{}/10/2025\n",
            2100000 + i,
            24000000 + i,
            i % 9 + 1,
            i % 5 + 1,
            i % 5 + 1,
            i % 9 + 1
        );
    }
    wd.write("HEAT_Student_Export.csv", heat);
    wd.run(&["init", "cohort.csv", "HEAT_Student_Export.csv"]);
    let written = wd.read("evidence.toml");
    assert!(!written.contains("[inputs.meetings]\npath = \"HEAT"), "{written}");
    assert!(!written.contains("date = \"Date of Birth\""), "{written}");
}

/// The ILR's LLDD codes in words: "1 Learner considers himself or herself
/// to have a learning difficulty ..." is the group; code 2 ("does not
/// consider") is no, code 9 ("No information provided") missing. A bank's
/// sign-up question "How many students would you be able to mentor?" is
/// its capacity.
#[test]
fn ilr_lldd_sentences_and_a_capacity_question_are_read() {
    let wd = Workdir::new("init-lldd");
    let lldd = |i: usize| {
        [
            "1 Learner considers himself or herself to have a learning difficulty and/or disability and/or health problem.",
            "2 Learner does not consider himself or herself to have a learning difficulty and/or disability and/or health problem.",
            "9 No information provided by the learner.",
        ][i % 3]
            .to_string()
    };
    let mentor = |i: usize| {
        if i.is_multiple_of(2) {
            format!("M{}", i / 2)
        } else {
            String::new()
        }
    };
    wd.write(
        "cohort.csv",
        cohort(&[("LLDD & Health", &lldd), ("Mentor", &mentor)]),
    );
    wd.write(
        "mentors.csv",
        mentor_bank("How many students would you be able to mentor this year?"),
    );
    wd.run(&["init", "cohort.csv", "mentors.csv"]);
    let written = wd.read("evidence.toml");
    assert!(
        written.contains("column = \"LLDD & Health\", in = [\"1 Learner considers himself or herself to have a learning difficulty and/or disability and/or health problem.\"] }"),
        "{written}"
    );
    assert!(
        written.contains("capacity = \"How many students would you be able to mentor this year?\""),
        "{written}"
    );
}

/// Calendly gives a booking's start and end, never its length: init maps
/// the end to `ends`, and `run` counts each meeting's minutes from one to
/// the other, 12-hour clock times ("03:00 pm") included.
#[test]
fn a_calendly_log_counts_minutes_from_start_to_end() {
    let wd = Workdir::new("init-calendly-ends");
    let mentor = |i: usize| {
        if i.is_multiple_of(2) {
            format!("M{}", i / 2)
        } else {
            String::new()
        }
    };
    wd.write("cohort.csv", cohort(&[("Mentor", &mentor)]));
    let mut log = String::from(
        "Invitee Name,Invitee Email,Event Type Name,Start Date & Time,End Date & Time,Canceled,Response 1\n",
    );
    for i in 0..30 {
        let day = 10 + i % 15;
        log += &format!(
            "S {i},s{i}@uni.ac.uk,Mentor meeting (45 min),2025-11-{day} 03:00 pm,2025-11-{day} 03:45 pm,false,{}\n",
            24000000 + 2 * (i % 20)
        );
    }
    wd.write("events-export.csv", log);
    wd.run(&["init", "cohort.csv", "events-export.csv"]);
    let written = wd.read("evidence.toml");
    assert!(written.contains("date = \"Start Date & Time\""), "{written}");
    assert!(written.contains("ends = \"End Date & Time\""), "{written}");
    let written = written
        .replace("start = ", "start = 2025-09-01 #")
        .replace("as_of = ", "as_of = 2026-05-01 #");
    wd.write("evidence.toml", written);
    wd.run(&["run", "-c", "evidence.toml", "--out", "out"]);
    let metrics = wd.read("out/metrics.json");
    // 30 meetings of 45 minutes: 22.5 hours.
    assert!(metrics.contains("\"contact_hours\": 22.5"), "{metrics}");
}

/// PeopleGrove's meetings name students by email in "Requester Email",
/// beside rows of another programme's members and rows a mentor booked:
/// a column of which half the values are the cohort's emails is the
/// student, and the cohort is keyed by email.
#[test]
fn a_platform_log_with_other_members_keys_the_cohort_by_email() {
    let wd = Workdir::new("init-peoplegrove");
    wd.write("cohort.csv", cohort(&[]));
    let mut log = String::from(
        "Meeting ID,Program,Requester Email,Requester Role,Recipient Email,Recipient Role,Topic,Start Time,Duration (mins),Status\n",
    );
    for i in 0..40 {
        let (program, requester, role) = match i % 5 {
            0 | 1 => ("Connect", format!("alum{i}@example.com"), "Student"),
            _ => ("Mentors 2025/26", format!("s{}@uni.ac.uk", i % 20), "Student"),
        };
        log += &format!(
            "{},{program},{requester},{role},m{}@firm.co.uk,Mentor,Career planning,10/{:02}/2025 10:00 AM,45,Completed\n",
            250000 + i,
            i % 7,
            i % 28 + 1
        );
    }
    wd.write("PeopleGrove_Meetings_Export.csv", log);
    wd.run(&["init", "cohort.csv", "PeopleGrove_Meetings_Export.csv"]);
    let written = wd.read("evidence.toml");
    assert_lines(
        &written,
        &[
            "[inputs.meetings]\npath = \"PeopleGrove_Meetings_Export.csv\"",
            "student_id = \"Requester Email\"",
            "[inputs.cohort.columns]\nstudent_id = \"Email\"",
        ],
    );
}

/// An intent question one student in eight answers "Not applicable - my
/// course does not include a placement year" is still the intent item
/// (Jisc's new export: the end survey asked it first).
#[test]
fn an_intent_question_with_many_not_applicable_answers_is_the_intent() {
    let wd = Workdir::new("init-intent-not-applicable");
    wd.write("cohort.csv", cohort(&[]));
    let likely = [
        "Very unlikely",
        "Unlikely",
        "Not sure yet",
        "Likely",
        "Very likely",
    ];
    let mut csv = String::from(
        "Response ID,Started,Completed,Respondent email,1. How likely are you to apply for a placement year in 2026/27?,2.a. I feel confident talking to employers,2.b. I know what employers look for\n",
    );
    for i in 0..32 {
        let intent = if i % 8 == 0 {
            "Not applicable - my course does not include a placement year"
        } else {
            likely[i % 5]
        };
        csv += &format!(
            "{},2026-04-29 16:03:12,2026-04-29 16:04:22,s{i}@uni.ac.uk,{intent},Agree,Strongly agree\n",
            90311850 + i
        );
    }
    wd.write("end-of-programme-survey_responses.csv", csv);
    wd.run(&["init", "cohort.csv", "end-of-programme-survey_responses.csv"]);
    let written = wd.read("evidence.toml");
    assert!(
        written.contains("\"intent\" = \"1. How likely are you to apply for a placement year in 2026/27?\""),
        "{written}"
    );
}

/// HESA's codes on a Unit-e report: PARED 2 (no parent with a degree) with
/// 7, 8 and 9 for not known, and TTACCOM 2 (the parental home) among
/// numeric accommodation codes.
#[test]
fn hesa_pared_and_ttaccom_codes_are_groups() {
    let wd = Workdir::new("init-pared-ttaccom");
    let pared = |i: usize| ["1", "2", "2", "7", "8", "9"][i % 6].to_string();
    let accommodation = |i: usize| ["1", "2", "7", "8", "9", "5"][i % 6].to_string();
    wd.write(
        "cohort.csv",
        cohort(&[
            ("Parental HE (PARED)", &pared),
            ("Term Time Accommodation (TTACCOM)", &accommodation),
        ]),
    );
    wd.run(&["init", "cohort.csv"]);
    let written = wd.read("evidence.toml");
    assert_lines(
        &written,
        &[
            "\"First in family\" = { column = \"Parental HE (PARED)\", in = [\"2\"] }",
            "\"Living in the parental home\" = { column = \"Term Time Accommodation (TTACCOM)\", in = [\"2\"] }",
        ],
    );
}

/// An OBIEE report's group titles over its header, each repeated across
/// its merged span ("Student" over four columns): the header is the row
/// under them, so "Student" is not taken for an id.
#[test]
fn a_row_of_group_titles_over_the_header_is_not_the_header() {
    let wd = Workdir::new("init-obiee-groups");
    let mut csv = String::from("Fenwick Futures Mentoring\n\n");
    csv += "Student,Student,Student,Widening Participation,Widening Participation,Programme,Programme\n";
    csv += "Student Code,University Email,Department,POLAR4 Quintile,First Generation HE,FF Registered On,FF Mentor\n";
    for i in 0..40 {
        let registered = if i % 2 == 0 { "2025-10-06" } else { "" };
        let mentor = if i % 2 == 0 {
            format!("Mentor {}", i / 2)
        } else {
            String::new()
        };
        csv += &format!(
            "{},s{i}@uni.ac.uk,Business,{},No,{registered},{mentor}\n",
            23000000 + i,
            i % 5 + 1
        );
    }
    wd.write("cohort.csv", csv);
    wd.run(&["init", "cohort.csv"]);
    let written = wd.read("evidence.toml");
    assert!(written.contains("student_id = \"Student Code\""), "{written}");
    assert!(written.contains("registered = \"FF Registered On\""), "{written}");
}

/// An FE college's ILR fields: LLDDHealthProb coded 1 (yes), 2 (no) and 9
/// (no information) gives the group code 1; a bursary column its yes
/// answers; a bank's "Mentee Limit" is its capacity.
#[test]
fn ilr_lldd_codes_a_bursary_and_a_mentee_limit_are_read() {
    let wd = Workdir::new("init-ilr-codes");
    let lldd = |i: usize| ["1", "2", "2", "9"][i % 4].to_string();
    let bursary = |i: usize| if i.is_multiple_of(3) { "Y" } else { "N" }.to_string();
    let mentor = |i: usize| {
        if i.is_multiple_of(2) {
            format!("M{}", i / 2)
        } else {
            String::new()
        }
    };
    wd.write(
        "cohort.csv",
        cohort(&[
            ("LLDD Health Prob", &lldd),
            ("Bursary", &bursary),
            ("Mentor", &mentor),
        ]),
    );
    wd.write("mentors.csv", mentor_bank("Mentee Limit"));
    wd.run(&["init", "cohort.csv", "mentors.csv"]);
    let written = wd.read("evidence.toml");
    assert_lines(
        &written,
        &[
            "column = \"LLDD Health Prob\", in = [\"1\"] }",
            "\"Bursary holders\" = { column = \"Bursary\", in = [\"Y\"] }",
            "capacity = \"Mentee Limit\"",
        ],
    );
}

/// Qualtrics' legacy export: V1..V10 and question ids over ResponseID,
/// ResponseSet, ... and the questions' texts, no ImportId row. Read from
/// its labels row and written `format = "qualtrics"`, so that its Status
/// and Finished are Qualtrics'.
#[test]
fn a_qualtrics_legacy_export_is_a_qualtrics_wave() {
    let wd = Workdir::new("init-qualtrics-legacy");
    wd.write("cohort.csv", cohort(&[]));
    let statements = [
        "I feel confident talking to employers",
        "I know what employers look for",
        "I can explain my skills",
    ];
    let mut csv = String::from("V1,V2,V3,V4,V5,V6,V7,V8,V9,V10,Q2_1,Q2_2,Q2_3\n");
    csv += "ResponseID,ResponseSet,Name,ExternalDataReference,EmailAddress,IPAddress,Status,StartDate,EndDate,Finished";
    for s in statements {
        csv += &format!(",How much do you agree?-{s}");
    }
    csv.push('\n');
    let labels = [
        "Strongly disagree",
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
        "Strongly agree",
    ];
    for i in 0..30 {
        let answers: Vec<&str> = (0..3).map(|k| labels[(i + k) % 5]).collect();
        csv += &format!(
            "R_{i},Default Response Set,,{},,1.2.3.4,0,2025-09-26 10:05:12,2025-09-26 10:08:12,1,{}\n",
            24000000 + i,
            answers.join(",")
        );
    }
    wd.write("Pre_Programme_Survey.csv", csv);
    wd.run(&["init", "cohort.csv", "Pre_Programme_Survey.csv"]);
    let written = wd.read("evidence.toml");
    assert!(
        written.contains("format = \"qualtrics\"\nheader_row = 2"),
        "{written}"
    );
    assert!(
        written.contains("student_id = \"ExternalDataReference\""),
        "{written}"
    );
}

/// A SITS extract under its field codes (Northern Ireland): STU_ETHC and
/// STU_DSBC hold HESA's two-digit codes, and the groups list every
/// minority and impairment code of the scheme, present this year or not;
/// WA_FIRSTGEN and WA_CAREEXP are yes/no groups; NIMDM17_QUIN (beside
/// NIMDM17_DEC) gives the deprivation quintiles.
#[test]
fn sits_field_codes_and_hesa_code_schemes_are_groups() {
    let wd = Workdir::new("init-sits-ni");
    let ethnic = |i: usize| ["10", "21", "31", "41", "90"][i % 5].to_string();
    let disability = |i: usize| ["00", "51", "08", "55", "98"][i % 5].to_string();
    let yes_no = |i: usize| if i.is_multiple_of(3) { "Y" } else { "N" }.to_string();
    let decile = |i: usize| (i % 10 + 1).to_string();
    let quintile = |i: usize| (i % 10 / 2 + 1).to_string();
    wd.write(
        "cohort.csv",
        cohort(&[
            ("STU_ETHC", &ethnic),
            ("STU_DSBC", &disability),
            ("WA_FIRSTGEN", &yes_no),
            ("WA_CAREEXP", &yes_no),
            ("NIMDM17_DEC", &decile),
            ("NIMDM17_QUIN", &quintile),
        ]),
    );
    wd.run(&["init", "cohort.csv"]);
    let written = wd.read("evidence.toml");
    assert_lines(
        &written,
        &[
            "column = \"STU_ETHC\", in = [\"15\", \"21\", \"22\", \"29\", \"31\", \"32\", \"33\", \"34\", \"39\", \"41\", \"42\", \"43\", \"49\", \"50\", \"80\"] }",
            "column = \"STU_DSBC\", in = [\"08\", \"51\", \"53\", \"54\", \"55\", \"56\", \"57\", \"58\", \"96\"] }",
            "column = \"WA_FIRSTGEN\", in = [\"Y\"] }",
            "column = \"WA_CAREEXP\", in = [\"Y\"] }",
            "column = \"NIMDM17_QUIN\", in = [\"1\", \"2\"] }",
        ],
    );
}

/// Acuity's appointments: "October 22, 2025 17:00" is the start, a date
/// with its time, not an unreadable cell, so the log's date is the start
/// and not the day it was booked.
#[test]
fn written_dates_with_a_time_are_dates() {
    let wd = Workdir::new("init-acuity");
    let mentor = |i: usize| {
        if i.is_multiple_of(2) {
            format!("M{}", i / 2)
        } else {
            String::new()
        }
    };
    wd.write("cohort.csv", cohort(&[("Mentor", &mentor)]));
    let mut log = String::from(
        "Start Time,End Time,First Name,Last Name,Email,Type,Calendar,Date Scheduled,Student number\n",
    );
    for i in 0..30 {
        log += &format!(
            "\"October {}, 2025 17:00\",\"October {}, 2025 17:45\",S,{i},s{i}@uni.ac.uk,Mentor meeting,M{},\"September 30, 2025\",{}\n",
            i % 28 + 1,
            i % 28 + 1,
            i % 10,
            24000000 + 2 * (i % 20)
        );
    }
    wd.write("schedule2026-05-20.csv", log);
    wd.run(&["init", "cohort.csv", "schedule2026-05-20.csv"]);
    let written = wd.read("evidence.toml");
    assert!(written.contains("date = \"Start Time\""), "{written}");
}
