//! `init` on round 19's unseen exports (issue 27): surveys exported as
//! codes beside their codebook (REDCap's raw data and data dictionary,
//! Tivian EFS's data and codebook under a title). A regression test per
//! field it got wrong or left undone.

use crate::init_cohort::{AGREE, LIKELY, assert_lines, cohort};
use crate::workdir::Workdir;

/// REDCap's choices of a five-point agreement question.
const CHOICES: &str =
    "1, Strongly disagree | 2, Disagree | 3, Neither agree nor disagree | 4, Agree | 5, Strongly agree";
const STATEMENTS: [&str; 4] = [
    "I feel confident approaching employers",
    "I know how to find placement opportunities",
    "I can explain what I can offer an employer",
    "I don't know where to start with finding a placement",
];
const INTENT: &str = "How likely are you to apply for a placement year in the next 12 months?";

/// REDCap's raw export holds codes under variable names; its data
/// dictionary, beside it, gives each question's text and its choices. The
/// wave is read through the dictionary: its items by their texts (so the
/// negatively worded one is reversed), the intent item and every one of
/// its labels with the code the run reads as its score, even "Very
/// unlikely", which nobody chose. The dictionary is no input of its own.
#[test]
fn a_redcap_raw_export_is_read_through_its_data_dictionary() {
    let wd = Workdir::new("init-redcap-codebook");
    wd.write("cohort.csv", cohort(&[]));
    let mut dictionary = String::from(
        "Variable / Field Name,Form Name,Section Header,Field Type,Field Label,\"Choices, Calculations, OR Slider Labels\",Field Note\n",
    );
    dictionary += "record_id,baseline,,text,Record ID,,\nstudent_no,baseline,,text,Your student number,,\n";
    for (k, s) in STATEMENTS.iter().enumerate() {
        dictionary += &format!("conf_{},baseline,,radio,{s},\"{CHOICES}\",\n", k + 1);
    }
    dictionary += &format!(
        "place_intent,baseline,,radio,{INTENT},\"1, Very unlikely | 2, Unlikely | 3, Not sure | 4, Likely | 5, Very likely\",\n"
    );
    dictionary +=
        "support_used,baseline,,checkbox,Which support have you used?,\"1, CV checks | 2, Fairs\",\n";
    wd.write("MentoringBaseline_DataDictionary_2025-11-10.csv", dictionary);
    let mut data = String::from(
        "record_id,redcap_survey_identifier,baseline_timestamp,student_no,conf_1,conf_2,conf_3,conf_4,place_intent,support_used___1,support_used___2,baseline_complete\n",
    );
    for i in 0..30 {
        let answers: Vec<String> = (0..4).map(|k| ((i + k) % 5 + 1).to_string()).collect();
        data += &format!(
            "{},,2025-10-06 09:27:05,{},{},{},1,0,2\n",
            i + 1,
            24000000 + i,
            answers.join(","),
            i % 4 + 2
        );
    }
    wd.write("MentoringBas_DATA_2025-11-10_0914.csv", data);
    wd.run(&[
        "init",
        "cohort.csv",
        "MentoringBaseline_DataDictionary_2025-11-10.csv",
        "MentoringBas_DATA_2025-11-10_0914.csv",
    ]);
    let written = wd.read("evidence.toml");
    assert_lines(
        &written,
        &[
            "path = \"MentoringBas_DATA_2025-11-10_0914.csv\"\nformat = \"plain\"\nstudent_id = \"student_no\"",
            "\"item1\" = \"conf_1\"  # I feel confident approaching employers",
            "\"intent\" = \"place_intent\"",
            "reverse = [\"item4\"]",
            "responses = { \"Very unlikely\" = 1, \"Unlikely\" = 2, \"Not sure\" = 3, \"Likely\" = 4, \"Very likely\" = 5 }",
        ],
    );
    assert!(
        !written.contains("DataDictionary_2025-11-10.csv: left out"),
        "the dictionary is no input:\n{written}"
    );
}

/// Tivian EFS: the data's variables (`v_12`) hold codes, with -77 and -99
/// for questions not shown or not answered; its codebook, a code a row
/// under a project title, gives their labels. The wave is read through it,
/// and the codes for no answer are written as its missing words, which the
/// run also reads in numeric cells (an Excel export's -99).
#[test]
fn an_efs_export_is_read_through_its_codebook_under_a_title() {
    let wd = Workdir::new("init-efs-codebook");
    wd.write("cohort.csv", cohort(&[]));
    let mut book = String::from(
        "Project;1187342 - Career Mentoring: Baseline survey 2025\n\nvariable;label;value;value label\n",
    );
    book += "c_0001;URL parameter code;;\n";
    for (k, s) in STATEMENTS.iter().enumerate() {
        for (code, label) in AGREE.iter().enumerate() {
            book += &format!("v_{};{s};{};{label}\n", 12 + k, code + 1);
        }
        book += &format!("v_{};{s};-99;not answered\n", 12 + k);
    }
    for (code, label) in LIKELY.iter().enumerate() {
        book += &format!("v_28;{INTENT};{};{label}\n", code + 1);
    }
    book += "v_28;;-77;not displayed\n";
    wd.write("codebook_project_1187342.csv", book);
    let mut data = String::from("lfdn;dispcode;c_0001;v_12;v_13;v_14;v_15;v_28;browser\n");
    for i in 0..30 {
        let answers: Vec<String> = (0..4)
            .map(|k| {
                if (i + k) % 7 == 0 {
                    "-99".to_string()
                } else {
                    ((i + k) % 5 + 1).to_string()
                }
            })
            .collect();
        let intent = if i % 6 == 0 {
            "-77".to_string()
        } else {
            (i % 5 + 1).to_string()
        };
        data += &format!(
            "{};31;{};{};{intent};Chrome\n",
            i + 1,
            24000000 + i,
            answers.join(";")
        );
    }
    wd.write("data_project_1187342_2025_11_07.csv", data);
    wd.run(&[
        "init",
        "cohort.csv",
        "codebook_project_1187342.csv",
        "data_project_1187342_2025_11_07.csv",
    ]);
    let written = wd.read("evidence.toml");
    assert_lines(
        &written,
        &[
            "student_id = \"c_0001\"",
            "missing_words = [\"-77\", \"-99\"]",
            "\"item2\" = \"v_13\"  # I know how to find placement opportunities",
            "\"intent\" = \"v_28\"",
            "reverse = [\"item4\"]",
            "\"Strongly disagree\" = 1\n\"Disagree\" = 2",
        ],
    );
    let run = wd.run(&["validate", "-c", "evidence.toml"]);
    let validated = format!("{}{}", run.stdout(), run.stderr());
    assert!(
        !validated.contains("likert_out_of_range"),
        "the codes for no answer are no answers:\n{validated}"
    );
}

/// A survey tool's missing-value code in an Excel export is a number cell
/// (-99): `missing_words = ["-99"]` matches it by its shortest text, so it
/// is no answer rather than one out of the scale.
#[test]
fn a_missing_code_in_a_number_cell_is_a_missing_word() {
    let wd = Workdir::new("missing-code-number-cell");
    wd.write("cohort.csv", "ID,Registered\n1,yes\n2,yes\n3,yes\n");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, header) in ["lfdn", "code", "v_12", "v_13"].iter().enumerate() {
        ws.write_string(0, c as u16, *header).unwrap();
    }
    for (r, row) in [
        [1.0, 1.0, 4.0, -99.0],
        [2.0, 2.0, -99.0, 3.0],
        [3.0, 3.0, 5.0, 5.0],
    ]
    .iter()
    .enumerate()
    {
        for (c, value) in row.iter().enumerate() {
            ws.write_number(r as u32 + 1, c as u16, *value).unwrap();
        }
    }
    wb.save(wd.path("post.xlsx")).unwrap();
    let config = crate::test_config::TestConfig::new("Codes", "cohort.csv")
        .columns(&[("student_id", "ID"), ("registered", "Registered")])
        .table(
            r#"[[inputs.surveys]]
wave = "post"
path = "post.xlsx"
format = "plain"
student_id = "code"
missing_words = ["-99"]
[inputs.surveys.items]
a = "v_12"
b = "v_13"

[survey.responses]
"Disagree" = 1
"Agree" = 5"#,
        )
        .toml();
    wd.write("evidence.toml", config);
    let run = wd.run(&["validate", "-c", "evidence.toml"]);
    let said = format!("{}{}", run.stdout(), run.stderr());
    assert!(!said.contains("likert_out_of_range"), "{said}");
}

/// Webex's attendee report, a row per participant: its "Participant Type"
/// (Host, Attendee) says who joined, not what the meeting was, so the
/// meeting's topic is the kind. CiviCRM's own "Contact Source" (how the
/// record came in) gives way to the programme's "Recruited Via", and a
/// platform's "How did you join?" is the source where nothing else is.
#[test]
fn a_participant_role_is_no_kind_and_recruited_via_is_the_source() {
    let wd = Workdir::new("init-webex-civicrm");
    wd.write(
        "cohort.csv",
        cohort(&[("Mentor ID", &|i: usize| {
            if i.is_multiple_of(2) {
                format!("{}", 1000 + i / 2)
            } else {
                String::new()
            }
        })]),
    );
    let mut bank = String::from(
        "Contact ID,Display Name,Current Employer,Contact Source,Recruited Via (Mentoring),Mentor Capacity (Mentoring)\n",
    );
    for i in 0..20 {
        bank += &format!(
            "{},Mentor {i},Acme,{},{},{}\n",
            1000 + i,
            ["Webform: sign-up", "Import 2019", "Employer fair"][i % 3],
            ["Alumni network", "LinkedIn", "Employer partner"][i % 3],
            i % 3 + 1
        );
    }
    wd.write("CiviCRM_Contact_Search.csv", bank);
    let topics = [
        "Mentoring 1:1",
        "Meet your mentor",
        "Workplace visit",
        "Mentoring 1:1",
    ];
    let mut log =
        String::from("Meeting ID,Topic,Participant Type,Student No,Mentor ID,Join Time,Duration (Minutes)\n");
    for i in 0..80 {
        let s = (i % 20) * 2;
        log += &format!(
            "{},{},{},{},{},2025-11-{:02} 10:00,{}\n",
            900 + i,
            topics[i % 4],
            if i.is_multiple_of(5) { "Host" } else { "Attendee" },
            24000000 + s,
            1000 + s / 2,
            i % 28 + 1,
            30 + i % 4 * 10
        );
    }
    wd.write("Mentoring Webex log.csv", log);
    wd.run(&[
        "init",
        "cohort.csv",
        "CiviCRM_Contact_Search.csv",
        "Mentoring Webex log.csv",
    ]);
    let written = wd.read("evidence.toml");
    assert_lines(
        &written,
        &["source = \"Recruited Via (Mentoring)\"", "kind = \"Topic\""],
    );
}

/// REDCap's matrix groups are the grids a coded wave's rows belong to, so
/// "I am confident I will complete my degree" stays in the belonging grid
/// it was asked in, whatever its words suggest.
#[test]
fn a_redcap_matrix_group_is_a_grid() {
    let wd = Workdir::new("init-redcap-matrix");
    wd.write("cohort.csv", cohort(&[]));
    let rows = [
        ("conf_1", "I feel confident approaching employers", "conf_matrix"),
        (
            "conf_2",
            "I know how to find placement opportunities",
            "conf_matrix",
        ),
        (
            "conf_3",
            "I can explain what I can offer an employer",
            "conf_matrix",
        ),
        ("bel_1", "I feel I belong at this university", "bel_matrix"),
        ("bel_2", "I feel able to ask staff for help", "bel_matrix"),
        ("bel_3", "I am confident I will complete my degree", "bel_matrix"),
    ];
    let mut dictionary = String::from(
        "Variable / Field Name,Form Name,Field Type,Field Label,\"Choices, Calculations, OR Slider Labels\",Matrix Group Name\n",
    );
    for (name, text, grid) in rows {
        dictionary += &format!("{name},baseline,radio,{text},\"{CHOICES}\",{grid}\n");
    }
    wd.write("Baseline_DataDictionary.csv", dictionary);
    let mut data = String::from("record_id,student_no");
    for (name, _, _) in rows {
        data += &format!(",{name}");
    }
    data.push('\n');
    for i in 0..30 {
        data += &format!("{},{}", i + 1, 24000000 + i);
        for k in 0..rows.len() {
            data += &format!(",{}", (i + k) % 5 + 1);
        }
        data.push('\n');
    }
    wd.write("Baseline_DATA.csv", data);
    wd.run(&[
        "init",
        "cohort.csv",
        "Baseline_DataDictionary.csv",
        "Baseline_DATA.csv",
    ]);
    let written = wd.read("evidence.toml");
    assert_lines(&written, &["items = [\"q2_1\", \"q2_2\", \"q2_3\"]"]);
}

/// A Welsh university's bilingual files: flags answered "Ydw / Yes" and
/// "Nac ydw / No" (read by the run as yes and no), a survey whose Welsh
/// respondents answered in Welsh ("Cytuno'n gryf"), scored as the English
/// labels are, and Customer Voice's "Section - statement" headers read as
/// one grid per section, whatever a statement's own words suggest ("I ask
/// for help when I need it" stays in Resilience).
#[test]
fn a_bilingual_welsh_export_is_read_in_both_languages() {
    let wd = Workdir::new("init-welsh");
    let flag = |i: usize| {
        if i.is_multiple_of(3) {
            "Ydw / Yes".to_string()
        } else {
            "Nac ydw / No".to_string()
        }
    };
    wd.write(
        "cohort.csv",
        cohort(&[("Cwrdd â'r mentor / Meet & greet", &flag)]),
    );
    let welsh = [
        "Anghytuno'n gryf",
        "Anghytuno",
        "Ddim yn cytuno nac yn anghytuno",
        "Cytuno",
        "Cytuno'n gryf",
    ];
    let statements = [
        "Career confidence - I feel confident talking to employers",
        "Career confidence - I know how to find placements",
        "Resilience - I can cope with setbacks",
        "Resilience - When something goes badly I tend to give up",
        "Resilience - I ask for help when I need it",
    ];
    let mut survey = String::from("Response ID,Survey name,Email,Created on,Language");
    for s in statements {
        survey += &format!(",{s}");
    }
    survey.push('\n');
    for i in 0..30usize {
        let labels = if i.is_multiple_of(2) { &AGREE } else { &welsh };
        survey += &format!("r{i},Baseline,s{i}@uni.ac.uk,2025-10-0{} 10:00,cy-GB", i % 9 + 1);
        for k in 0..statements.len() {
            survey += &format!(",{}", labels[(i + k) % 5]);
        }
        survey.push('\n');
    }
    wd.write("Mentoring Baseline Survey - Holiadur Sylfaen.csv", survey);
    wd.run(&[
        "init",
        "cohort.csv",
        "Mentoring Baseline Survey - Holiadur Sylfaen.csv",
    ]);
    let written = wd.read("evidence.toml");
    assert_lines(
        &written,
        &[
            "meet_greet_attended = \"Cwrdd â'r mentor / Meet & greet\"",
            "\"Cytuno'n gryf\" = 5",
            "\"Anghytuno'n gryf\" = 1",
            "items = [\"q2_1\", \"q2_2\", \"q2_3\"]\nreverse = [\"q2_2\"]",
        ],
    );
    let run = wd.run(&["validate", "-c", "evidence.toml"]);
    let said = format!("{}{}", run.stdout(), run.stderr());
    assert!(!said.contains("unparseable_flag"), "{said}");
}

/// A planning office's extract in HESA's Data Futures names and codes,
/// beside the programme's columns: CARELEAVER's care leavers (01, 04)
/// listed whole; DISABILITY1 read as the disability; the parental home
/// (TTACCOM 02, or its label alone) as commuters; an IMD quintile column
/// whose students from other nations say "Not in England"; PARED's
/// "Information not yet sought" no answer; an entry route's HNC/HND
/// articulation; HESA's ethnicity labels listed whole; and Schools over
/// Departments too small to publish.
#[test]
fn a_data_futures_extract_reads_its_codes_and_labels() {
    let wd = Workdir::new("init-data-futures");
    let pick = |values: &'static [&'static str]| move |i: usize| values[i % values.len()].to_string();
    let care = pick(&["05", "05", "01", "05", "04", "99"]);
    let disability = pick(&["00", "51", "00", "55", "99"]);
    let accom = pick(&["02", "04", "01", "05"]);
    let imd = pick(&["1", "2", "3", "Not in England", "5"]);
    let pared = pick(&["Yes", "No", "Information not yet sought", "No"]);
    let entry = pick(&["A Levels", "HNC/HND Articulation", "SQA Highers"]);
    let ethnic = pick(&[
        "White - British",
        "Asian or Asian British - Indian",
        "Black or Black British - African",
        "Chinese",
        "White - British",
    ]);
    wd.write(
        "cohort.csv",
        cohort(&[
            ("CARELEAVER", &care),
            ("DISABILITY1", &disability),
            ("TTACCOM", &accom),
            ("IMD2019_QUINTILE", &imd),
            ("Parental HE", &pared),
            ("Entry Route", &entry),
            ("Ethnicity", &ethnic),
        ]),
    );
    wd.run(&["init", "cohort.csv"]);
    let written = wd.read("evidence.toml");
    assert_lines(
        &written,
        &[
            "{ column = \"CARELEAVER\", in = [\"01\", \"04\"] }",
            "{ column = \"DISABILITY1\", in = [\"51\", \"53\", \"54\", \"55\", \"56\", \"57\", \"58\", \"96\"] }",
            "\"Living in the parental home\" = { column = \"TTACCOM\", in = [\"02\"] }",
            "{ column = \"IMD2019_QUINTILE\", in = [\"1\", \"2\"] }",
            "{ column = \"Parental HE\", in = [\"No\"] }",
            "{ column = \"Entry Route\", in = [\"HNC/HND Articulation\"] }",
            "\"Other mixed background\", \"Arab\", \"Other ethnic background\"] }",
        ],
    );
}

/// Of a School and its Departments, the Schools when fewer than half the
/// students sit in a Department of 30 or more (Pembury's analyst: "groups
/// too small to publish"); the Departments when most do.
#[test]
fn schools_over_departments_too_small_to_publish() {
    let write = |wd: &Workdir, departments: usize| {
        let mut csv = String::from("Student ID,Email,Signed up,School,Department\n");
        for i in 0..120usize {
            csv += &format!(
                "{},s{i}@uni.ac.uk,{},School {},Department {}\n",
                24000000 + i,
                if i.is_multiple_of(2) { "Y" } else { "N" },
                i % 2,
                i % departments
            );
        }
        wd.write("cohort.csv", csv);
        wd.run(&["init", "cohort.csv"]);
        wd.read("evidence.toml")
    };
    let small = write(&Workdir::new("init-small-departments"), 8);
    assert_lines(&small, &["department = \"School\""]);
    let large = write(&Workdir::new("init-large-departments"), 3);
    assert_lines(&large, &["department = \"Department\""]);
}
