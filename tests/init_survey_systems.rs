//! `init` on exports of systems it had not met (issue 27, round 8: a Welsh
//! university with Workday, Mentorloop, a Canvas quiz log and Typeform; a
//! land-based college with Tableau, an Access bank, a Blackboard test log
//! and LimeSurvey). A regression test per field it got wrong or left undone.

use crate::workdir::Workdir;
use mentor_evidence::init::likert::{agreement_points, labelled_ends};
use mentor_evidence::init::recognise::{MENTORS, map_fields};

/// A cohort of 40 students, ids 24000000 up, and `columns`.
fn cohort(columns: &[(&str, &dyn Fn(usize) -> String)]) -> String {
    let mut csv = String::from("Student ID,Email,Signed up");
    for (header, _) in columns {
        csv += &format!(",{header}");
    }
    csv.push('\n');
    for i in 0..40 {
        csv += &format!(
            "{},s{i}@uni.ac.uk,{}",
            24000000 + i,
            if i % 2 == 0 { "Y" } else { "N" }
        );
        for (_, value) in columns {
            csv += &format!(",{}", value(i));
        }
        csv.push('\n');
    }
    csv
}

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
