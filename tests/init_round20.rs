//! `init` on rounds 20 and 21's unseen exports (issue 27): evasys raw data
//! beside a codebook per wave whose codes run from "strongly agree";
//! Forsta's Data and Labels sheets in one workbook; an SSRS report's
//! textbox headers; SimplyBook.me's bookings; a PeopleSoft query; one long
//! SurveyMonkey grid. A regression test per field it got wrong or left
//! undone.

use crate::init_cohort::{AGREE, LIKELY, assert_lines, cohort};
use crate::workdir::Workdir;

/// An evasys codebook: a variable a row, its codes in one cell.
fn evasys_codebook(statements: &[&str], intent_at: &str) -> String {
    let agree = "1 = strongly agree; 2 = agree; 3 = neither agree nor disagree; 4 = disagree; 5 = strongly disagree; 0 = no response";
    let mut book = String::from("Codebook: Career Mentoring\n\nVariable;Question;Question type;Values\n");
    book += "1.1;Please enter your student number;Open question;free text\n";
    for (k, s) in statements.iter().enumerate() {
        book += &format!("2.{};{s};Scale question (5 points);\"{agree}\"\n", k + 1);
    }
    book += &format!(
        "{intent_at};How likely are you to apply for a placement year?;Scale question (5 points);\"1 = very likely; 2 = likely; 3 = not sure; 4 = unlikely; 5 = very unlikely; 0 = no response\"\n"
    );
    book
}

fn evasys_data(variables: &[&str], rows: usize) -> String {
    let mut data = format!("Survey;Period;Form ID;Timestamp;1.1;{}\n", variables.join(";"));
    for i in 0..rows {
        let answers: Vec<String> = (0..variables.len())
            .map(|k| ((i + k) % 5 + 1).to_string())
            .collect();
        data += &format!(
            "Mentoring;2025/26;{};20.10.2025 10:08;{};{}\n",
            1400 + i,
            24000000 + i,
            answers.join(";")
        );
    }
    data
}

/// evasys: each wave's raw data beside its own codebook (their variables
/// alike, so each wave takes the codebook whose file name it shares); the
/// codes run from 1 = strongly agree, so each code is scored by its
/// label's meaning ("1" = 5), the intent's too; "0 = no response" is the
/// waves' missing word; the end survey's reworded row 2.1 is the
/// baseline's item in its place in grid 2.
#[test]
fn evasys_codes_that_run_from_agree_are_scored_by_their_meaning() {
    let wd = Workdir::new("init-evasys");
    wd.write("cohort.csv", cohort(&[]));
    let pre = [
        "I feel confident contacting employers",
        "I know what employers look for",
        "I can describe my strengths",
        "I don't know where to start with finding a placement",
    ];
    let post = [
        "I feel confident contacting employers and professionals",
        "I know what employers look for",
        "I can describe my strengths",
        "I don't know where to start with finding a placement",
    ];
    wd.write("evasys_codebook_MENT_PRE.csv", evasys_codebook(&pre, "5.1"));
    wd.write("evasys_codebook_MENT_POST.csv", evasys_codebook(&post, "6.1"));
    wd.write(
        "evasys_rawdata_MENT_PRE_Baseline.csv",
        evasys_data(&["2.1", "2.2", "2.3", "2.4", "5.1"], 30),
    );
    wd.write(
        "evasys_rawdata_MENT_POST_EndOfScheme.csv",
        evasys_data(&["2.1", "2.2", "2.3", "2.4", "6.1"], 30),
    );
    wd.run(&[
        "init",
        "cohort.csv",
        "evasys_codebook_MENT_PRE.csv",
        "evasys_codebook_MENT_POST.csv",
        "evasys_rawdata_MENT_PRE_Baseline.csv",
        "evasys_rawdata_MENT_POST_EndOfScheme.csv",
    ]);
    let written = wd.read("evidence.toml");
    assert_lines(
        &written,
        &[
            "wave = \"pre\"\npath = \"evasys_rawdata_MENT_PRE_Baseline.csv\"",
            "missing_words = [\"0\"]",
            "# the answers are codes: evasys_codebook_MENT_PRE.csv gives their labels",
            "\"1\" = 5\n\"2\" = 4\n\"3\" = 3\n\"4\" = 2\n\"5\" = 1\n",
            "responses = { \"1\" = 5, \"2\" = 4, \"3\" = 3, \"4\" = 2, \"5\" = 1 }\nintends_at_least = 4",
            "items = [\"q2_1\", \"q2_2\", \"q2_3\", \"q2_4\"]\nreverse = [\"q2_4\"]",
        ],
    );
}

/// Forsta's export: the codes on a "Data" sheet, the labels on a "Labels"
/// sheet of the same workbook (a code a row). Each wave reads its own
/// workbook's labels, and "EndOfYear" in a file name says end.
#[test]
fn forsta_reads_its_own_workbooks_labels_and_end_of_year_is_post() {
    let wd = Workdir::new("init-forsta");
    wd.write("cohort.csv", cohort(&[]));
    let write = |name: &str, statements: &[&str]| {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let data = wb.add_worksheet().set_name("Data").unwrap();
        let headers = ["respid", "status", "sid", "q1_1", "q1_2", "q1_3", "q2"];
        for (c, h) in headers.iter().enumerate() {
            data.write_string(0, c as u16, *h).unwrap();
        }
        for i in 0..30u32 {
            data.write_number(i + 1, 0, f64::from(i + 1)).unwrap();
            data.write_string(i + 1, 1, "complete").unwrap();
            data.write_string(i + 1, 2, (24000000 + i).to_string()).unwrap();
            for k in 0..4u32 {
                data.write_number(i + 1, 3 + k as u16, f64::from((i + k) % 5 + 1))
                    .unwrap();
            }
        }
        let labels = wb.add_worksheet().set_name("Labels").unwrap();
        for (c, h) in ["Variable", "Label", "Code", "Value label"].iter().enumerate() {
            labels.write_string(0, c as u16, *h).unwrap();
        }
        let mut row = 1;
        let mut put = |variable: &str, text: &str, answers: &[&str]| {
            for (code, label) in answers.iter().enumerate() {
                labels.write_string(row, 0, variable).unwrap();
                labels.write_string(row, 1, text).unwrap();
                labels.write_number(row, 2, code as f64 + 1.0).unwrap();
                labels.write_string(row, 3, *label).unwrap();
                row += 1;
            }
        };
        for (k, s) in statements.iter().enumerate() {
            put(&format!("q1_{}", k + 1), s, &AGREE);
        }
        put("q2", "How likely are you to apply for a placement?", &LIKELY);
        wb.save(wd.path(name)).unwrap();
    };
    let statements = [
        "I feel confident talking to employers",
        "I know what employers look for",
        "I can describe my skills",
    ];
    write("p251046731_Mentoring_Baseline_2025.xlsx", &statements);
    write("p260318254_Mentoring_EndOfYear_2026.xlsx", &statements);
    wd.run(&[
        "init",
        "cohort.csv",
        "p251046731_Mentoring_Baseline_2025.xlsx",
        "p260318254_Mentoring_EndOfYear_2026.xlsx",
    ]);
    let written = wd.read("evidence.toml");
    assert_lines(
        &written,
        &[
            "wave = \"post\"\npath = \"p260318254_Mentoring_EndOfYear_2026.xlsx\"",
            "# the answers are codes: p251046731_Mentoring_Baseline_2025.xlsx gives their labels",
            "# the answers are codes: p260318254_Mentoring_EndOfYear_2026.xlsx gives their labels",
            "\"q1_1\" = \"q1_1\"  # I feel confident talking to employers",
            "compare = [\"pre\", \"post\"]",
        ],
    );
}

/// An SSRS report's textbox names: the cohort's emails under "Textbox12",
/// found by its values; SITS' "ETH_Desc" and "DSB_Desc" (a code before
/// each label) are the ethnicity and the disability. SimplyBook.me's
/// "Record date" (when the booking was made) is never the meeting's date,
/// and a "Peer Catch-up" is no meeting with one's mentor.
#[test]
fn textbox_emails_sits_descriptions_and_a_booking_record_date() {
    let wd = Workdir::new("init-ssrs-simplybook");
    let eth = |i: usize| {
        [
            "10 White",
            "31 Asian or Asian British - Indian",
            "22 Black or Black British - African",
        ][i % 3]
            .to_string()
    };
    let dsb = |i: usize| {
        [
            "00 No known disability",
            "51 Learning difficulty",
            "55 Mental health condition",
        ][i % 3]
            .to_string()
    };
    let cohort = cohort(&[
        ("ETH_Desc", &eth),
        ("DSB_Desc", &dsb),
        ("Mentor", &|i: usize| format!("M{}", i % 10)),
    ]);
    wd.write("cohort.csv", cohort.replacen("Email", "Textbox12", 1));
    let services = [
        "Mentoring 1:1",
        "Peer Catch-up",
        "Mentoring 1:1",
        "Meet your mentor",
    ];
    let mut log = String::from("ID,Record date,Start date,Service,Provider,Client ID,Status\n");
    for i in 0..80usize {
        log += &format!(
            "{},2025-09-{:02} 09:00,2025-11-{:02} 14:00,{},M{},{},Approved\n",
            5000 + i,
            i % 28 + 1,
            i % 28 + 1,
            services[i % 4],
            i % 10,
            24000000 + i % 40
        );
    }
    wd.write("bookings_export.csv", log);
    wd.run(&["init", "cohort.csv", "bookings_export.csv"]);
    let written = wd.read("evidence.toml");
    assert_lines(
        &written,
        &[
            "email = \"Textbox12\"",
            "date = \"Start date\"",
            "other = [\"Peer Catch-up\"]",
            "{ column = \"ETH_Desc\", in = [",
            "{ column = \"DSB_Desc\", in = [\"51 Learning difficulty\", \"55 Mental health condition\"] }",
        ],
    );
}

/// A PeopleSoft query's EMPLID is the student id; Scotland's MD20 flag
/// alone leaves SIMD40 to the deciles beside it; a "Mature Flag" of
/// "Mature" and "Young"; of a disability's labels and its two-valued flag
/// beside them, the flag.
#[test]
fn emplid_md20_alone_a_mature_flag_and_a_disability_flag() {
    let wd = Workdir::new("init-peoplesoft");
    let mut csv =
        String::from("EMPLID,Uni email,Signed up,MD20,SIMD dec,Mature Flag,Disability,Disability Flag\n");
    let labels = [
        "No known disability",
        "Mental health condition",
        "Learning difference",
    ];
    for i in 0..40usize {
        csv += &format!(
            "{},s{i}@uni.ac.uk,{},{},{},{},{},{}\n",
            2400000 + i,
            if i.is_multiple_of(2) { "Y" } else { "N" },
            if i % 10 < 2 { "Y" } else { "N" },
            i % 10 + 1,
            if i % 5 == 0 { "Mature" } else { "Young" },
            labels[i % 3],
            if i % 3 == 0 {
                "No declared disability"
            } else {
                "Declared disability"
            },
        );
    }
    wd.write("query.csv", csv);
    wd.run(&["init", "query.csv"]);
    let written = wd.read("evidence.toml");
    assert_lines(
        &written,
        &[
            "student_id = \"EMPLID\"",
            "\"Most deprived areas (SIMD20)\" = { column = \"MD20\", in = [\"Y\"] }",
            "\"Most deprived areas (SIMD40)\" = { column = \"SIMD dec\", in = [\"1\", \"2\", \"3\", \"4\"] }",
            "{ column = \"Mature Flag\", in = [\"Mature\"] }",
            "{ column = \"Disability Flag\", in = [\"Declared disability\"] }",
        ],
    );
}

/// One long grid of statements over three constructs (SurveyMonkey's "How
/// much do you agree...? - statement"): a scale per construct, and "People
/// like me can succeed in a professional career" is about belonging.
#[test]
fn one_long_grid_of_three_constructs_is_three_scales() {
    let wd = Workdir::new("init-long-grid");
    wd.write("cohort.csv", cohort(&[]));
    let grid = "How much do you agree or disagree with each of the following statements?";
    let statements = [
        "I can explain my skills to an employer",
        "I know how to find placements",
        "I feel confident about my career",
        "I can stay motivated when I am under pressure",
        "I bounce back quickly after a setback",
        "I tend to give up when things get difficult",
        "I feel I belong at this university",
        "People like me can succeed in a professional career",
    ];
    let mut survey = String::from("Respondent ID,Collector ID,Custom Data 1");
    for st in statements {
        survey += &format!(",{grid} - {st}");
    }
    survey.push('\n');
    for i in 0..30usize {
        survey += &format!("{},44,{}", 1000 + i, 24000000 + i);
        for k in 0..statements.len() {
            survey += &format!(",{}", AGREE[(i + k) % 5]);
        }
        survey.push('\n');
    }
    wd.write("Baseline survey.csv", survey);
    wd.run(&["init", "cohort.csv", "Baseline survey.csv"]);
    let written = wd.read("evidence.toml");
    assert_lines(
        &written,
        &[
            "name = \"Career confidence\"\nitems = [\"q1_1\", \"q1_2\", \"q1_3\"]",
            "name = \"Resilience\"\nitems = [\"q1_4\", \"q1_5\", \"q1_6\"]\nreverse = [\"q1_6\"]",
            "name = \"Sense of belonging\"\nitems = [\"q1_7\", \"q1_8\"]",
        ],
    );
}

/// Round 22: Zoom's participant report gives each participant's "Join
/// time" (the meeting's "Start time" is the host's); HubSpot's "Original
/// Source" (how the record came in) gives way to the programme's
/// "Mentor recruitment route"; a Forms log's "walk & talk" is a one-to-one
/// and "Emails only" is other.
#[test]
fn zoom_join_time_a_recruitment_route_and_walk_and_talk() {
    let wd = Workdir::new("init-zoom-hubspot");
    wd.write(
        "cohort.csv",
        cohort(&[("Mentor ID", &|i: usize| format!("{}", 900 + i % 10))]),
    );
    let mut bank =
        String::from("Record ID,First Name,Company Name,Original Source,Mentor recruitment route\n");
    for i in 0..10 {
        bank += &format!(
            "{},M{i},Acme,{},{}\n",
            900 + i,
            ["Offline Sources", "Direct Traffic"][i % 2],
            ["Alumni", "Employer partner"][i % 2]
        );
    }
    wd.write("hubspot-contacts.csv", bank);
    let kinds = ["One-to-one", "walk & talk", "One-to-one", "Emails only"];
    let mut log = String::from("Meeting ID,Topic,Start time,Join time,Leave time,Student No,Type\n");
    for i in 0..60usize {
        log += &format!(
            "{},Mentoring,2025-11-{:02} 10:00,2025-11-{:02} 10:05,2025-11-{:02} 10:50,{},{}\n",
            800 + i,
            i % 28 + 1,
            i % 28 + 1,
            i % 28 + 1,
            24000000 + i % 40,
            kinds[i % 4]
        );
    }
    wd.write("zoom participants.csv", log);
    wd.run(&[
        "init",
        "cohort.csv",
        "hubspot-contacts.csv",
        "zoom participants.csv",
    ]);
    let written = wd.read("evidence.toml");
    assert_lines(
        &written,
        &[
            "source = \"Mentor recruitment route\"",
            "date = \"Join time\"",
            "\"walk & talk\"",
            "other = [\"Emails only\"]",
        ],
    );
}

/// Round 22: a question reworded past recognition in a list without grids
/// (Forms) is the earlier wave's item between the same two questions.
#[test]
fn a_reworded_question_between_two_matched_ones_is_the_item_there() {
    let wd = Workdir::new("init-reworded-between");
    wd.write("cohort.csv", cohort(&[]));
    let write = |name: &str, middle: &str| {
        let questions = [
            "I feel confident talking to employers",
            middle,
            "I can describe my strengths in an interview",
        ];
        let mut csv = String::from("Id,Start time,Completion time,Email,Name");
        for q in questions {
            csv += &format!(",{q}");
        }
        csv.push('\n');
        for i in 0..30usize {
            csv += &format!("{i},2025-10-01 10:00,2025-10-01 10:05,s{i}@uni.ac.uk,S {i}");
            for k in 0..3 {
                csv += &format!(",{}", AGREE[(i + k) % 5]);
            }
            csv.push('\n');
        }
        wd.write(name, csv);
    };
    write(
        "Baseline survey.csv",
        "I know where to get support at the university",
    );
    write(
        "End of year survey.csv",
        "I know where to find support at Otterburn",
    );
    wd.run(&[
        "init",
        "cohort.csv",
        "Baseline survey.csv",
        "End of year survey.csv",
    ]);
    let written = wd.read("evidence.toml");
    assert_lines(
        &written,
        &["\"item2\" = \"I know where to find support at Otterburn\""],
    );
}
