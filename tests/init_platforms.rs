//! `init` on round 10's unseen exports (issue 27): a Scottish planning
//! office's Cognos report, a mentoring platform's user list and meetings
//! (PushFar), and Snap surveys whose variable names sit over their labels.
//! A regression test per field it got wrong or left undone.

use crate::workdir::Workdir;

/// A cohort of 40 students, matric numbers 2400000 up, matched to mentors
/// by their emails, and `columns`.
fn cohort(columns: &[(&str, &dyn Fn(usize) -> String)]) -> String {
    let mut csv = String::from("Student Code,University Email,Signed up,Mentor,Mentor email");
    for (header, _) in columns {
        csv += &format!(",{header}");
    }
    csv.push('\n');
    for i in 0..40 {
        let matched = i % 2 == 0;
        csv += &format!(
            "{},{}@student.uni.ac.uk,{},{},{}",
            2400000 + i,
            2400000 + i,
            if matched { "Y" } else { "N" },
            if matched {
                format!("Mentor {}", i / 2)
            } else {
                String::new()
            },
            if matched {
                format!("mentor{}@firm.co.uk", i / 2)
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

/// A platform's user list: 20 mentors (emails as the cohort names them)
/// and 20 mentees in one file, told apart by Role.
fn users() -> String {
    let mut csv =
        String::from("User ID,First Name,Last Name,Email,Role,Status,Company,Industry,Max Mentees\n");
    for i in 0..20 {
        csv += &format!(
            "{},Alex,Smith{i},mentor{i}@firm.co.uk,Mentor,Active,Firm {i},Banking,{}\n",
            300000 + i,
            1 + i % 2
        );
    }
    for i in 0..20 {
        csv += &format!(
            "{},Jo,Brown{i},{}@student.uni.ac.uk,Mentee,Active,,,\n",
            400000 + i,
            2400000 + 2 * i
        );
    }
    csv
}

/// Mentors and mentees in one user list are the mentor bank, its mentees
/// left out by `exclude`; a cohort naming mentors by email is keyed so.
#[test]
fn a_platform_user_list_of_mentors_and_mentees_is_the_bank() {
    let wd = Workdir::new("init-platform-users");
    wd.write("cohort.csv", cohort(&[]));
    wd.write("participants-export.csv", users());
    wd.run(&["init", "cohort.csv", "participants-export.csv"]);
    let written = wd.read("evidence.toml");
    let bank = &written[written.find("[inputs.mentors]").expect(&written)..];
    assert!(
        bank.contains("{ column = \"Role\", in = [\"Mentee\"] }"),
        "{written}"
    );
    assert!(bank.contains("mentor_id = \"Email\""), "{written}");
    assert!(bank.contains("organisation = \"Company\""), "{written}");
    assert!(bank.contains("capacity = \"Max Mentees\""), "{written}");
    assert!(written.contains("mentor_id = \"Mentor email\""), "{written}");
    assert!(
        !written.contains("more than one file looks like the cohort"),
        "{written}"
    );
    wd.run(&["validate", "-c", "evidence.toml"]).expect_code(0);
}

/// A platform's meetings: the type says only how people met, the typed
/// title what the meeting was; the start is an ISO date-time under "Start
/// Time", beside when the booking was created; the mentor by email.
#[test]
fn typed_meeting_titles_are_the_kind_when_the_type_is_only_how_people_met() {
    let wd = Workdir::new("init-platform-meetings");
    wd.write("cohort.csv", cohort(&[]));
    wd.write("participants-export.csv", users());
    let titles = [
        "Mentoring Meeting",
        "CV review",
        "Mock interview",
        "Workplace visit - KPMG",
        "Office visit",
        "Networking tips",
        "TEST - please ignore",
        "Follow up",
    ];
    let modes = ["In Person", "Virtual", "PushFar Video", "Phone"];
    let mut csv = String::from(
        "Meeting ID,Meeting Title,Mentor Name,Mentor Email,Mentee Matriculation Number,Start Time,Duration,Meeting Type,Status,Created\n",
    );
    for k in 0..60 {
        let student = 2 * (k % 20);
        csv += &format!(
            "{},{},Mentor {},mentor{}@firm.co.uk,{},2025-11-{:02}T12:30:00.000Z,45 minutes,{},{},{:02}/10/2025 13:08\n",
            880000 + k,
            // Typed per meeting: many titles (over 30), a few repeated.
            if k % 2 == 0 {
                titles[(k / 2) % titles.len()].to_string()
            } else {
                format!("Catch-up {k}")
            },
            student / 2,
            student / 2,
            2400000 + student,
            1 + k % 28,
            modes[k % modes.len()],
            if k % 10 == 0 { "Cancelled" } else { "Completed" },
            1 + k % 28,
        );
    }
    wd.write("meetings-export.csv", csv);
    wd.run(&[
        "init",
        "cohort.csv",
        "participants-export.csv",
        "meetings-export.csv",
    ]);
    let written = wd.read("evidence.toml");
    let log = &written[written.find("[inputs.meetings]").expect(&written)..];
    assert!(log.contains("kind = \"Meeting Title\""), "{written}");
    assert!(log.contains("date = \"Start Time\""), "{written}");
    assert!(log.contains("mentor_id = \"Mentor Email\""), "{written}");
    let kinds = &log[log.find("[inputs.meetings.kinds]").expect(log)..];
    let line = |kind: &str| {
        kinds
            .lines()
            .find(|l| l.starts_with(&format!("{kind} =")))
            .unwrap_or_else(|| panic!("no {kind} in {kinds}"))
            .to_string()
    };
    for title in [
        "Mentoring Meeting",
        "CV review",
        "Mock interview",
        "Networking tips",
        "Follow up",
    ] {
        assert!(line("one_to_one").contains(title), "{title}: {kinds}");
    }
    for title in ["Workplace visit - KPMG", "Office visit"] {
        assert!(line("workplace_visit").contains(title), "{title}: {kinds}");
    }
    assert!(line("other").contains("TEST - please ignore"), "{kinds}");
    wd.run(&["validate", "-c", "evidence.toml"]).expect_code(0);
}

/// A Snap survey: a row of variable names (Q1, Q4a) over a row of labels;
/// the labels name the columns (`header_row = 2`), so the statements are
/// the items and the typed matric number the respondent id.
#[test]
fn variable_names_over_labels_are_read_from_the_labels_row() {
    let wd = Workdir::new("init-snap");
    wd.write("cohort.csv", cohort(&[]));
    let labels = [
        "Please enter your 7-digit matriculation number",
        "Which subject area is your degree in?",
        "I feel confident talking to people who work in senior business roles",
        "I know how to present my skills and experience to an employer",
        "I don't have the contacts I need to get into the career I want",
        "I tend to bounce back quickly after hard times",
        "I have a hard time making it through stressful events",
    ];
    let codes = ["Q1", "Q2", "Q4a", "Q4b", "Q4c", "Q5a", "Q5b"];
    let mut tsv = format!("{}\n{}\n", codes.join("\t"), labels.join("\t"));
    let answers = [
        "Strongly disagree",
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
        "Strongly agree",
    ];
    for i in 0..30 {
        let scored: Vec<&str> = (0..5).map(|k| answers[(i + k) % 5]).collect();
        tsv += &format!("{}\t{}\t{}\n", 2400000 + i, 1 + i % 3, scored.join("\t"));
    }
    wd.write("KBS_PRE.tsv", tsv);
    wd.run(&["init", "cohort.csv", "KBS_PRE.tsv"]);
    let written = wd.read("evidence.toml");
    assert!(written.contains("header_row = 2"), "{written}");
    assert!(
        written.contains("student_id = \"Please enter your 7-digit matriculation number\""),
        "{written}"
    );
    for statement in &labels[2..] {
        assert!(
            written.contains(&format!("= \"{statement}\"")),
            "{statement}: {written}"
        );
    }
    wd.run(&["validate", "-c", "evidence.toml"]).expect_code(0);
}

/// Scotland's MD20 and MD40 flags are SIMD20 and SIMD40 (before the
/// quintile beside them); a low-progression school and articulation from
/// college are target groups.
#[test]
fn scottish_access_flags_are_target_groups() {
    let wd = Workdir::new("init-scottish-flags");
    let yes = |k: usize| {
        move |i: usize| {
            if i.is_multiple_of(k) {
                "Y".to_string()
            } else {
                "N".to_string()
            }
        }
    };
    let (md20, md40, lps, hn) = (yes(5), yes(3), yes(4), yes(7));
    wd.write(
        "cohort.csv",
        cohort(&[
            ("SIMD 2020 Quintile", &|i: usize| (1 + i % 5).to_string()),
            ("MD20", &md20),
            ("MD40", &md40),
            ("LPS School (SHEP)", &lps),
            ("HN Articulation", &hn),
        ]),
    );
    wd.run(&["init", "cohort.csv"]);
    let written = wd.read("evidence.toml");
    for (name, column) in [
        ("Most deprived areas (SIMD20)", "MD20"),
        ("Most deprived areas (SIMD40)", "MD40"),
        ("Low progression schools (LPS/SHEP)", "LPS School (SHEP)"),
        ("Articulated from college (HNC/HND)", "HN Articulation"),
    ] {
        assert!(
            written.contains(&format!("\"{name}\" = {{ column = \"{column}\", in = [\"Y\"] }}")),
            "{name}: {written}"
        );
    }
    assert!(!written.contains("column = \"SIMD 2020 Quintile\""), "{written}");
}

/// Microsoft Bookings knows students only by the email they booked with,
/// and exports four months at a time: the cohort is keyed by email, the
/// parts are one log, "Service" is the kind and "Event Type" a status.
#[test]
fn a_bookings_log_keyed_by_email_keys_the_cohort_by_email() {
    let wd = Workdir::new("init-bookings");
    wd.write("cohort.csv", cohort(&[]));
    let services = [
        "Mentoring meeting - in person (60 mins)",
        "Quick check-in call (15 mins)",
        "Workplace visit / shadowing (half day)",
        "Drop-in with the Mentoring Team (20 mins)",
    ];
    let header = "Date & Time,Customer Name,Customer Email,Staff,Service,Duration (minutes),Event Type\n";
    let part = |months: std::ops::Range<usize>| {
        let mut csv = String::from(header);
        for k in months {
            let student = 2 * (k % 20);
            csv += &format!(
                "2025-{:02}-{:02}T13:40:00,Student {student},{}@student.uni.ac.uk,Mentor {},{},60,{}\n",
                10 + k / 20,
                1 + k % 20,
                2400000 + student,
                student / 2,
                services[k % services.len()],
                if k % 7 == 0 { "Cancelled" } else { "Booked" },
            );
        }
        csv
    };
    wd.write("BookingsReportingData.tsv", part(0..40).replace(',', "\t"));
    wd.write("BookingsReportingData (1).csv", part(40..60));
    let survey = {
        let mut csv = String::from(
            "\"Response ID\",\"Status\",\"Email\",\"3. How far do you agree with each of these statements? - I feel confident talking to professionals\",\"3. How far do you agree with each of these statements? - I find it hard to describe my strengths\",\"3. How far do you agree with each of these statements? - I can write a CV that shows what I can offer\"\n",
        );
        let answers = [
            "Disagree",
            "Neither agree nor disagree",
            "Agree",
            "Strongly agree",
        ];
        for i in 0..30 {
            csv += &format!(
                "{},Completed,{}@student.uni.ac.uk,{},{},{}\n",
                88000 + i,
                2400000 + i,
                answers[i % 4],
                answers[(i + 1) % 4],
                answers[(i + 2) % 4]
            );
        }
        csv
    };
    wd.write("Baseline - Raw Data.csv", survey);
    wd.run(&[
        "init",
        "cohort.csv",
        "BookingsReportingData.tsv",
        "BookingsReportingData (1).csv",
        "Baseline - Raw Data.csv",
    ]);
    let written = wd.read("evidence.toml");
    assert!(written.contains("student_id = \"University Email\""), "{written}");
    let log = &written[written.find("[inputs.meetings]").expect(&written)..];
    assert!(
        log.contains("path = [\"BookingsReportingData.tsv\", \"BookingsReportingData (1).csv\"]")
            || log.contains("path = [\"BookingsReportingData (1).csv\", \"BookingsReportingData.tsv\"]"),
        "{written}"
    );
    assert!(log.contains("student_id = \"Customer Email\""), "{written}");
    assert!(log.contains("kind = \"Service\""), "{written}");
    assert!(
        log.contains("{ column = \"Event Type\", in = [\"Cancelled\"] }"),
        "{written}"
    );
    assert!(written.contains("email = \"Email\""), "{written}");
    // SmartSurvey's grid rows ("3. Question? - Statement") are one scale.
    assert!(
        written.contains("items = [\"q1_1\", \"q1_2\", \"q1_3\"]"),
        "{written}"
    );
    wd.run(&["validate", "-c", "evidence.toml"]).expect_code(0);
}

/// A report writes HESA codes before their labels: "95 - No known
/// impairment" is no disability, "2 - No" to parental HE first in family.
#[test]
fn coded_labels_are_read_by_their_labels() {
    let wd = Workdir::new("init-coded-labels");
    let disability = |i: usize| {
        [
            "51 - Learning difference such as dyslexia",
            "95 - No known impairment",
            "98 - Prefer not to say",
        ][i % 3]
            .to_string()
    };
    let pared =
        |i: usize| ["1 - Yes", "2 - No", "3 - Do not know", "4 - Information refused"][i % 4].to_string();
    wd.write(
        "cohort.csv",
        cohort(&[
            ("Disability", &disability),
            ("Parental Education (PARED)", &pared),
        ]),
    );
    wd.run(&["init", "cohort.csv"]);
    let written = wd.read("evidence.toml");
    assert!(
        written.contains(
            "\"Declared disability\" = { column = \"Disability\", in = [\"51 - Learning difference such as dyslexia\"] }"
        ),
        "{written}"
    );
    assert!(
        written
            .contains("\"First in family\" = { column = \"Parental Education (PARED)\", in = [\"2 - No\"] }"),
        "{written}"
    );
}
