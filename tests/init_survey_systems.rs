//! `init` on exports of systems it had not met (issue 27, rounds 8 and 9: a Welsh
//! university with Workday, Mentorloop, a Canvas quiz log and Typeform; a
//! land-based college with Tableau, an Access bank, a Blackboard test log
//! and LimeSurvey). A regression test per field it got wrong or left undone.

use crate::init_cohort::cohort;
use crate::workdir::Workdir;
use mentor_evidence::init::intent::labelled_ends;
use mentor_evidence::init::likert::agreement_points;
use mentor_evidence::init::recognise::{MENTORS, map_fields};

/// Typeform's opinion scales export numbers only under each statement;
/// the statements are items, the numbers' range gives the labels, and a
/// 0-10 intent question its labelled ends.
#[test]
fn a_typeform_export_of_numbers_is_a_survey_with_its_scale_stated() {
    let wd = Workdir::new("init-typeform");
    wd.write("cohort.csv", cohort(&[]));
    let statements = [
        "I feel confident talking to professionals in my field",
        "I know what <strong>employers</strong> are looking for",
        "I can explain my skills to an employer",
        "I tend to bounce back quickly after hard times",
    ];
    let intent = "How likely are you to apply for a placement year? (0 = Not at all likely, 10 = Certain)";
    let mut csv = format!(
        "#,{},\"{intent}\",Have you applied for a placement year?,Start Date (UTC),Submit Date (UTC),student_id\n",
        statements.join(",")
    );
    for i in 0..30 {
        let scores: Vec<String> = (0..4).map(|k| ((i + k) % 7 + 1).to_string()).collect();
        csv += &format!(
            "r{i},{},{},{},2025-10-1{} 10:00:00,2025-10-1{} 10:05:00,{}\n",
            scores.join(","),
            i % 11,
            i % 2 + 1,
            i % 9,
            i % 9,
            24000000 + i
        );
    }
    wd.write("typeform_baseline.csv", csv);
    wd.run(&["init", "cohort.csv", "typeform_baseline.csv"]);
    let written = wd.read("evidence.toml");
    assert!(written.contains("format = \"plain\""), "{written}");
    assert!(written.contains("student_id = \"student_id\""), "{written}");
    for s in statements {
        assert!(
            written.contains(&format!("= \"{s}\"")),
            "{s} not an item:\n{written}"
        );
    }
    // A question coded 1 and 2 (yes, no) is not a statement to rate.
    assert!(!written.contains("= \"Have you applied"), "{written}");
    assert!(written.contains("\"Somewhat agree\" = 5"), "{written}");
    assert!(written.contains("\"Strongly agree\" = 7"), "{written}");
    assert!(
        written.contains("responses = { \"Not at all likely\" = 0, \"Certain\" = 10 }"),
        "{written}"
    );
    assert_eq!(
        labelled_ends("Likely? (0 = Ddim o gwbl / Not at all likely, 10 = Yn sicr / Certain)"),
        [(0, "Not at all likely".to_string()), (10, "Certain".to_string())]
    );
}

/// LimeSurvey: a code export (`CONF[SQ001]`, answer codes) and a text
/// export (labels), named by nothing but a number: pre and post by the
/// dates they were answered; four agreement labels with no middle.
#[test]
fn limesurvey_exports_are_waves_in_the_order_they_were_answered() {
    let wd = Workdir::new("init-limesurvey");
    wd.write("cohort.csv", cohort(&[]));
    let mut codes = String::from("id,submitdate,email,CONF[SQ001],CONF[SQ002],CONF[SQ003]\n");
    for i in 0..30 {
        codes += &format!(
            "{i},2025-10-2{} 10:00:00,s{i}@uni.ac.uk,{},{},{}\n",
            i % 9,
            i % 4 + 1,
            (i + 1) % 4 + 1,
            (i + 2) % 4 + 1
        );
    }
    let labels = ["Strongly disagree", "Disagree", "Agree", "Strongly agree"];
    let mut texts = String::from(
        "Response ID,Date submitted,Your email,How much do you agree? [I feel confident],\
         How much do you agree? [I know what employers want],How much do you agree? [I can describe my skills]\n",
    );
    for i in 0..30 {
        texts += &format!(
            "{i},2026-05-1{} 10:00:00,s{i}@uni.ac.uk,{},{},{}\n",
            i % 9,
            labels[i % 4],
            labels[(i + 1) % 4],
            labels[(i + 2) % 4]
        );
    }
    // Written post first, so file order says nothing.
    wd.write("results-survey739164.csv", texts);
    wd.write("results-survey482915.csv", codes);
    wd.run(&[
        "init",
        "cohort.csv",
        "results-survey739164.csv",
        "results-survey482915.csv",
    ]);
    let written = wd.read("evidence.toml");
    let pre = written
        .find("path = \"results-survey482915.csv\"")
        .expect("the code export");
    assert!(written[..pre].ends_with("wave = \"pre\"\n"), "{written}");
    // The code export's array is the text export's, row by row: one grid.
    assert!(written.contains("\"q1_1\" = \"CONF[SQ001]\""), "{written}");
    assert!(
        written.contains("\"q1_1\" = \"How much do you agree? [I feel confident]\""),
        "{written}"
    );
    assert!(
        written.contains("items = [\"q1_1\", \"q1_2\", \"q1_3\"]"),
        "{written}"
    );
    assert!(written.contains("compare = [\"pre\", \"post\"]"), "{written}");
    assert!(written.contains("\"Agree\" = 3"), "{written}");
    assert!(written.contains("\"Strongly agree\" = 4"), "{written}");
    let four: Vec<String> = labels.iter().map(|l| l.to_string()).collect();
    assert_eq!(agreement_points(&four), 4);
}

/// Blackboard's Download Results: every answer under "Answer n", its
/// question in the row's "Question n" cell.
#[test]
fn a_blackboard_test_log_is_mapped_by_the_questions_its_rows_hold() {
    let wd = Workdir::new("init-blackboard");
    wd.write("cohort.csv", cohort(&[]));
    let mut csv = String::from(
        "\"Username\",\"Last Name\",\"Question ID 1\",\"Question 1\",\"Answer 1\",\"Possible Points 1\",\
         \"Question ID 2\",\"Question 2\",\"Answer 2\",\"Possible Points 2\",\
         \"Question ID 3\",\"Question 3\",\"Answer 3\",\"Possible Points 3\"\n",
    );
    let kinds = [
        "One-to-one (in person)",
        "Phone call",
        "Show or industry event together",
    ];
    let lengths = ["45 mins", "An hour", "2 hours"];
    for i in 0..60 {
        csv += &format!(
            "\"{}\",\"Surname\",\"Question ID 1\",\"Date of your mentoring meeting\",\"{:02}/11/2025\",\"0\",\
             \"Question ID 2\",\"What kind of meeting was it?\",\"{}\",\"0\",\
             \"Question ID 3\",\"How long did it last?\",\"{}\",\"0\"\n",
            24000000 + i % 40,
            i % 28 + 1,
            kinds[i % 3],
            lengths[i % 3]
        );
    }
    wd.write("Log_DownloadResults.csv", csv);
    wd.run(&["init", "cohort.csv", "Log_DownloadResults.csv"]);
    let written = wd.read("evidence.toml");
    assert!(written.contains("date = \"Answer 1\""), "{written}");
    assert!(written.contains("kind = \"Answer 2\""), "{written}");
    assert!(written.contains("duration = \"Answer 3\""), "{written}");
    assert!(
        written.contains("networking = [\"Show or industry event together\"]"),
        "{written}"
    );
}

/// An Access export's field names run together ("MaxMentees").
#[test]
fn camel_case_headers_are_read_as_words() {
    let headers: Vec<String> = ["MentorID", "Organisation", "Sector", "MaxMentees", "BriefingDate"]
        .iter()
        .map(|h| h.to_string())
        .collect();
    let mapped = map_fields(&MENTORS, &headers);
    assert!(
        mapped.contains(&("capacity", Some("MaxMentees".to_string()))),
        "{mapped:?}"
    );
    assert!(
        mapped.contains(&("trained", Some("BriefingDate".to_string()))),
        "{mapped:?}"
    );
}

/// A tracker naming mentors by email beside the student's own email, and a
/// Mentorloop bank (mentees listed too) keyed by email.
#[test]
fn a_mentor_email_column_is_the_mentor_key_and_not_the_students_email() {
    let wd = Workdir::new("init-mentor-email");
    let mentor = |i: usize| format!("mentor{}@firm{}.co.uk", i % 10, i % 10);
    wd.write("cohort.csv", cohort(&[("E-bost mentor / Mentor email", &mentor)]));
    let mut bank = String::from("Name,Email,Role,Organisation,Sector\n");
    for m in 0..10 {
        bank += &format!("Mentor {m},mentor{m}@firm{m}.co.uk,Mentor,Firm {m},Finance\n");
    }
    for s in 0..25 {
        bank += &format!("Student {s},s{s}@uni.ac.uk,Mentee,Aberlleu,Education\n");
    }
    wd.write("mentorloop_participants.csv", bank);
    wd.run(&["init", "cohort.csv", "mentorloop_participants.csv"]);
    let written = wd.read("evidence.toml");
    assert!(
        written.contains("email = \"Email\"\n") || written.contains("email = \"Email\"  #"),
        "{written}"
    );
    assert!(
        written.contains("mentor_id = \"E-bost mentor / Mentor email\""),
        "{written}"
    );
    let bank_at = written.find("[inputs.mentors.columns]").expect("a bank");
    assert!(written[bank_at..].contains("mentor_id = \"Email\""), "{written}");
}

/// A flag column where the team also typed a few words ("Apol.",
/// "matched after") is still the flag, its words proposed as missing.
#[test]
fn a_flag_column_with_a_few_team_words_is_mapped_and_its_words_proposed() {
    let wd = Workdir::new("init-flag-words");
    let greet = |i: usize| ["Y", "N", "Apol.", "matched after", "Y"][i % 5].to_string();
    wd.write(
        "cohort.csv",
        cohort(&[("Croeso 20.11 / Meet & greet 20.11", &greet)]),
    );
    wd.run(&["init", "cohort.csv"]);
    let written = wd.read("evidence.toml");
    assert!(
        written.contains("meet_greet_attended = \"Croeso 20.11 / Meet & greet 20.11\""),
        "{written}"
    );
    assert!(
        written.contains("\"apol.\"") && written.contains("\"matched after\""),
        "{written}"
    );
}

/// Access and participation plans' other groups, each a yes/no column.
#[test]
fn young_carers_sanctuary_scholars_dsa_and_vocational_entrants_are_proposed() {
    let wd = Workdir::new("init-more-groups");
    let yes_no = |i: usize| if i.is_multiple_of(4) { "Yes" } else { "No" }.to_string();
    let dsa = |i: usize| ["In receipt of DSA", "Not in receipt", "Not applicable"][i % 3].to_string();
    let entry = |i: usize| {
        [
            "A Level",
            "BTEC Extended Diploma",
            "T Level",
            "Mixed A Level and BTEC",
        ][i % 4]
            .to_string()
    };
    let parents = |i: usize| ["Yes", "No", "Do not know"][i % 3].to_string();
    wd.write(
        "cohort.csv",
        cohort(&[
            ("Young Adult Carer", &yes_no),
            ("Sanctuary Scholar", &yes_no),
            ("DSA Status", &dsa),
            ("Entry Qualification Group", &entry),
            ("Parental Higher Education", &parents),
        ]),
    );
    wd.run(&["init", "cohort.csv"]);
    let written = wd.read("evidence.toml");
    for line in [
        "{ column = \"Young Adult Carer\", in = [\"Yes\"] }",
        "{ column = \"Sanctuary Scholar\", in = [\"Yes\"] }",
        "{ column = \"DSA Status\", in = [\"In receipt of DSA\"] }",
        "{ column = \"Entry Qualification Group\", in = [\"BTEC Extended Diploma\", \"T Level\"] }",
        "{ column = \"Parental Higher Education\", in = [\"No\"] }",
    ] {
        assert!(written.contains(line), "{line} not in:\n{written}");
    }
}

/// Round 9: SurveyMonkey's second header row names each answer column; the
/// run reads it with `header_row = 2`, a single answer by its question.
#[test]
fn a_surveymonkey_export_is_read_from_its_second_header_row() {
    let wd = Workdir::new("init-surveymonkey");
    wd.write("cohort.csv", cohort(&[]));
    let mut csv = String::from(
        "Respondent ID,Collector ID,Start Date,What is your student number?,How much do you agree?,,,\
         How likely are you to apply for a placement year?\n\
         ,,,Open-Ended Response,I feel confident talking to employers,I know what employers look for,\
         I tend to bounce back quickly after hard times,Response\n",
    );
    let labels = [
        "Slightly agree",
        "Agree",
        "Strongly agree",
        "Slightly disagree",
        "Disagree",
        "Strongly disagree",
    ];
    let intents = [
        "Definitely won't",
        "Probably won't",
        "Not sure yet",
        "Probably will",
        "Definitely will",
    ];
    for i in 0..30 {
        csv += &format!(
            "{i},7,11/15/2025 08:10:22 PM,{},{},{},{},{}\n",
            24000000 + i,
            labels[i % 6],
            labels[(i + 1) % 6],
            labels[(i + 2) % 6],
            intents[i % 5]
        );
    }
    wd.write("Baseline Survey.csv", csv);
    wd.run(&["init", "cohort.csv", "Baseline Survey.csv"]);
    let written = wd.read("evidence.toml");
    assert!(written.contains("header_row = 2"), "{written}");
    assert!(
        written.contains("student_id = \"Open-Ended Response\""),
        "{written}"
    );
    assert!(
        written.contains("= \"I know what employers look for\""),
        "{written}"
    );
    assert!(written.contains("\"intent\" = \"Response\""), "{written}");
    // Six points, no middle; "won't" is the bottom of the intent scale.
    assert!(written.contains("\"Slightly agree\" = 4"), "{written}");
    assert!(written.contains("\"Strongly agree\" = 6"), "{written}");
    assert!(written.contains("\"Definitely won't\" = 1"), "{written}");
    assert!(written.contains("\"Probably will\" = 4"), "{written}");
}

/// Round 9: a Calendly export names its answers `Response n` under
/// `Question n`; the host is a mentor the cohort names.
#[test]
fn a_calendly_export_is_the_log_by_its_questions_and_host() {
    let wd = Workdir::new("init-calendly");
    let mentor = |i: usize| format!("Mentor {}", i % 8);
    wd.write("cohort.csv", cohort(&[("Mentor", &mentor)]));
    let mut csv = String::from(
        "User Name,Invitee Name,Event Type Name,Start Date & Time,End Date & Time,Question 1,Response 1\n",
    );
    for i in 0..60 {
        csv += &format!(
            "Mentor {},Student {i},Mentoring call (45 min),2025-11-{:02} 06:00 pm,2025-11-{:02} 06:45 pm,\
             \"Your Personal Identifier (PI), e.g. B123456X\",{}\n",
            i % 8,
            i % 28 + 1,
            i % 28 + 1,
            24000000 + i % 40
        );
    }
    wd.write("events-export.csv", csv);
    wd.run(&["init", "cohort.csv", "events-export.csv"]);
    let written = wd.read("evidence.toml");
    assert!(written.contains("student_id = \"Response 1\""), "{written}");
    assert!(written.contains("mentor_id = \"User Name\""), "{written}");
    assert!(written.contains("date = \"Start Date & Time\""), "{written}");
    assert!(written.contains("kind = \"Event Type Name\""), "{written}");
}

/// Round 9: Alchemer's grid rows ("Statement:Question?") with labelled
/// ends ("7 - Strongly agree") are items, scored by their numbers.
#[test]
fn alchemer_grid_rows_with_labelled_ends_are_items_scored_by_their_numbers() {
    let wd = Workdir::new("init-alchemer");
    wd.write("cohort.csv", cohort(&[]));
    let q = "How much do you agree with each statement? (1 = strongly disagree, 7 = strongly agree)";
    let mut csv = format!(
        "Response ID,Date Submitted,Student number,\"I know what roles my degree leads to:{q}\",\
         \"I feel confident talking to employers:{q}\",\"I don't feel I have the contacts to change career:{q}\"\n"
    );
    let answer = |i: usize| match i % 7 {
        0 => "1 - Strongly disagree".to_string(),
        6 => "7 - Strongly agree".to_string(),
        n => (n + 1).to_string(),
    };
    for i in 0..30 {
        csv += &format!(
            "{i},2025-10-06 09:06:27,{},{},{},{}\n",
            24000000 + i,
            answer(i),
            answer(i + 1),
            answer(i + 2)
        );
    }
    wd.write("20251110094512-SurveyExport.csv", csv);
    wd.run(&["init", "cohort.csv", "20251110094512-SurveyExport.csv"]);
    let written = wd.read("evidence.toml");
    assert!(written.contains("\"7 - Strongly agree\" = 7"), "{written}");
    assert!(written.contains("\"1 - Strongly disagree\" = 1"), "{written}");
    assert!(
        written.contains("items = [\"q1_1\", \"q1_2\", \"q1_3\"]"),
        "{written}"
    );
    assert!(written.contains("reverse = [\"q1_3\"]"), "{written}");
}

/// Round 9: a tracker with the mentor's name and email, a CRM bank with
/// first and last names and an email: the email joins them.
#[test]
fn the_mentor_column_is_the_one_the_bank_holds() {
    let wd = Workdir::new("init-mentor-by-bank");
    let name = |i: usize| format!("Aine Allen{}", i % 6);
    let email = |i: usize| format!("mentor{}@firm.com", i % 6);
    wd.write(
        "cohort.csv",
        cohort(&[("Mentor", &name), ("Mentor email", &email)]),
    );
    let mut bank = String::from("Record Id,First Name,Last Name,Account Name,Email,Sector,Max Mentees\n");
    for m in 0..6 {
        bank += &format!("zcrm_{m}00,Aine,Allen{m},Firm {m},mentor{m}@firm.com,Finance,2\n");
    }
    wd.write("Contacts_001.csv", bank);
    // The log names mentors as the tracker's name column does.
    let mut log = String::from("Student Number,Mentor,Session Date,Session Type,Duration (hours)\n");
    for i in 0..60 {
        log += &format!(
            "{},Aine Allen{},2025-11-{:02},1:1 - online,1\n",
            24000000 + i % 40,
            i % 6,
            i % 28 + 1
        );
    }
    wd.write("Mentoring_Sessions_001.csv", log);
    wd.run(&[
        "init",
        "cohort.csv",
        "Contacts_001.csv",
        "Mentoring_Sessions_001.csv",
    ]);
    let written = wd.read("evidence.toml");
    assert!(written.contains("mentor_id = \"Mentor email\""), "{written}");
    let bank_at = written.find("[inputs.mentors.columns]").expect("a bank");
    assert!(written[bank_at..].contains("mentor_id = \"Email\""), "{written}");
}

/// Round 9: a distance-learning provider's groups and its UK-wide
/// deprivation column.
#[test]
fn a_uk_wide_deprivation_column_and_distance_learners_groups_are_proposed() {
    let wd = Workdir::new("init-distance-groups");
    let quintile = |i: usize| (i % 5 + 1).to_string();
    let entry = |i: usize| {
        [
            "A levels or equivalent",
            "Less than A levels",
            "No formal qualifications",
        ][i % 3]
            .to_string()
    };
    let income = |i: usize| {
        format!(
            "\"{}\"",
            ["Up to £25,000", "£25,001 to £42,875", "Over £42,875"][i % 3]
        )
    };
    let yes_no = |i: usize| if i.is_multiple_of(5) { "Yes" } else { "No" }.to_string();
    wd.write(
        "cohort.csv",
        cohort(&[
            ("IMD 2019 Quintile", &quintile),
            ("Deprivation Quintile (home nation)", &quintile),
            ("Highest Qualification on Entry", &entry),
            ("Household Income Band", &income),
            ("Service Leaver", &yes_no),
        ]),
    );
    wd.run(&["init", "cohort.csv"]);
    let written = wd.read("evidence.toml");
    for line in [
        "{ column = \"Deprivation Quintile (home nation)\", in = [\"1\", \"2\"] }",
        "{ column = \"Highest Qualification on Entry\", in = [\"Less than A levels\", \"No formal qualifications\"] }",
        "{ column = \"Household Income Band\", in = [\"Up to £25,000\"] }",
        "{ column = \"Service Leaver\", in = [\"Yes\"] }",
    ] {
        assert!(written.contains(line), "{line} not in:\n{written}");
    }
    assert!(!written.contains("column = \"IMD 2019 Quintile\""), "{written}");
}
