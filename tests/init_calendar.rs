//! `init` on round 11's unseen exports (issue 27): a SITS report saved as
//! .xls with codes beside labels, an Outlook calendar as the meeting log,
//! and Jotform surveys whose matrix rows read "Question >> Statement". A
//! regression test per field it got wrong or left undone.

use crate::workdir::Workdir;

/// A cohort of 40 students with `columns` after its id, sign-up and mentor.
fn cohort(columns: &[(&str, &dyn Fn(usize) -> String)]) -> String {
    let mut csv = String::from("Student Code,Campus Email,Registered,Mentor");
    for (header, _) in columns {
        csv += &format!(",{header}");
    }
    csv.push('\n');
    for i in 0..40 {
        let matched = i % 2 == 0;
        csv += &format!(
            "{},{}@uni.ac.uk,{},{}",
            25000000 + i,
            25000000 + i,
            if matched { "Y" } else { "N" },
            if matched {
                format!("Mentor {}", i / 2)
            } else {
                String::new()
            },
        );
        for (_, value) in columns {
            csv += &format!(",{}", value(i));
        }
        csv.push('\n');
    }
    csv
}

/// A department's names before its codes (SITS' "Dept" beside "Department
/// Name"); ethnicity's labels before its HESA codes, and where there are
/// only codes, White (160-179) and not known (997-999) left out; an
/// abbreviated "Term-time Accom" is the commuter column.
#[test]
fn names_and_labels_before_codes_in_the_cohort() {
    let wd = Workdir::new("init-sits-codes");
    let dept = |i: usize| ["BMG", "ACF", "LAW"][i % 3].to_string();
    let name = |i: usize| ["Business & Management", "Accounting & Finance", "Law"][i % 3].to_string();
    let code = |i: usize| ["160", "103", "120", "179", "998", "142"][i % 6].to_string();
    let label = |i: usize| {
        [
            "White",
            "Asian or Asian British - Indian",
            "Black or Black British - African",
            "Any other White background",
            "Information refused",
            "Mixed - White and Black Caribbean",
        ][i % 6]
            .to_string()
    };
    let accom =
        |i: usize| ["Parental/guardian home", "Private-sector halls", "Own residence"][i % 3].to_string();
    wd.write(
        "cohort.csv",
        cohort(&[
            ("Dept", &dept),
            ("Department Name", &name),
            ("Ethnicity Code", &code),
            ("Ethnicity", &label),
            ("Term-time Accom", &accom),
        ]),
    );
    wd.run(&["init", "cohort.csv"]);
    let written = wd.read("evidence.toml");
    assert!(written.contains("department = \"Department Name\""), "{written}");
    assert!(
        written.contains("= { column = \"Ethnicity\", in = ["),
        "{written}"
    );
    assert!(
        written.contains("\"Living in the parental home\" = { column = \"Term-time Accom\", in = [\"Parental/guardian home\"] }"),
        "{written}"
    );
    // Codes alone: read as HESA's.
    let wd = Workdir::new("init-sits-ethnicity-codes");
    wd.write("cohort.csv", cohort(&[("Ethnicity Code", &code)]));
    wd.run(&["init", "cohort.csv"]);
    let written = wd.read("evidence.toml");
    assert!(
        written.contains("= { column = \"Ethnicity Code\", in = [\"103\", \"120\", \"142\"] }"),
        "{written}"
    );
}

/// An Outlook calendar kept as the log: "Categories" (joined by ";") is
/// the kind, never the appointment's "Subject", which names people.
#[test]
fn an_outlook_calendars_categories_are_the_kind() {
    let wd = Workdir::new("init-outlook");
    wd.write("cohort.csv", cohort(&[]));
    let categories = [
        "1:1 in person",
        "1:1 Teams;Follow-up needed",
        "Workplace visit",
        "Admin",
    ];
    let mut csv = String::from(
        "Subject,Start Date,Start Time,End Date,End Time,All day event,Meeting Organizer,Required Attendees,Billing Information,Categories,Location\n",
    );
    for k in 0..60 {
        let student = 2 * (k % 20);
        csv += &format!(
            "Mentoring - Student {student} / Mentor {},{:02}/11/2025,13:00:00,{:02}/11/2025,14:00:00,False,Mentoring Team,mentor{}@firm.co.uk,{},\"{}\",Teams\n",
            student / 2,
            1 + k % 28,
            1 + k % 28,
            student / 2,
            25000000 + student,
            categories[k % categories.len()],
        );
    }
    wd.write("Mentoring meetings.CSV", csv);
    wd.run(&["init", "cohort.csv", "Mentoring meetings.CSV"]);
    let written = wd.read("evidence.toml");
    let log = &written[written.find("[inputs.meetings]").expect(&written)..];
    assert!(log.contains("kind = \"Categories\""), "{written}");
    assert!(log.contains("student_id = \"Billing Information\""), "{written}");
    assert!(
        log.contains("one_to_one = [\"1:1 Teams;Follow-up needed\", \"1:1 in person\"]"),
        "{written}"
    );
    assert!(
        log.contains("workplace_visit = [\"Workplace visit\"]"),
        "{written}"
    );
}

/// Jotform's matrix rows ("Question >> Statement") are one grid, paired
/// across waves by their statements when the question is reworded; "out
/// of my depth" and "knocks my confidence" are reverse-worded; each wave's
/// intent question is the one intent item, however reworded, and "I have
/// secured a placement" is past intending.
#[test]
fn jotform_matrix_rows_pair_across_reworded_waves() {
    let wd = Workdir::new("init-jotform");
    wd.write("cohort.csv", cohort(&[]));
    let statements = [
        "I feel confident contacting professionals in my field",
        "I feel out of my depth when talking to employers",
        "I know what employers in my sector look for",
        "Criticism knocks my confidence for days",
    ];
    let answers = [
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
        "Strongly agree",
    ];
    let wave = |stem: &str, intent: &str, labels: &[&str]| {
        let mut csv = String::from("Submission Date,University Email");
        for s in statements {
            csv += &format!(",{stem} >> {s}");
        }
        csv += &format!(",{intent},Submission ID\n");
        for i in 0..30 {
            csv += &format!("2025-10-{:02} 10:00:00,{}@uni.ac.uk", 1 + i % 28, 25000000 + i);
            for k in 0..statements.len() {
                csv += &format!(",{}", answers[(i + k) % 4]);
            }
            csv += &format!(",{},{}\n", labels[i % labels.len()], 6000 + i);
        }
        csv
    };
    wd.write(
        "Starting_Point_Survey.csv",
        wave(
            "Thinking about your career right now",
            "How likely are you to apply for a placement year?",
            &[
                "Very unlikely",
                "Unlikely",
                "Not sure yet",
                "Likely",
                "Very likely",
            ],
        ),
    );
    wd.write(
        "End_of_Scheme_Survey.csv",
        wave(
            "Thinking about your career now at the end of the scheme",
            "Where are you with applying for a placement year?",
            &[
                "Unlikely to apply",
                "Likely to apply",
                "I have applied",
                "I have secured a placement",
            ],
        ),
    );
    wd.run(&[
        "init",
        "cohort.csv",
        "Starting_Point_Survey.csv",
        "End_of_Scheme_Survey.csv",
    ]);
    let written = wd.read("evidence.toml");
    assert_eq!(
        written.matches("\"q1_2\" = \"Thinking about your career").count(),
        2,
        "{written}"
    );
    assert_eq!(written.matches("\"intent\" = ").count(), 2, "{written}");
    assert!(written.contains("reverse = [\"q1_2\", \"q1_4\"]"), "{written}");
    assert!(
        written.contains("\"I have secured a placement\" = 5"),
        "{written}"
    );
    wd.run(&["validate", "-c", "evidence.toml"]).expect_code(0);
}
