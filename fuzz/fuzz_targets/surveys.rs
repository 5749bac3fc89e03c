//! The survey readers past the file layer: the Qualtrics, Forms and plain
//! mappings (key, Finished, completion time, items) and the survey rules
//! (cohort join, duplicates, Likert scoring) on tables built from arbitrary
//! bytes, so libFuzzer explores cell contents rather than CSV or zip syntax.
//!
//! Input: byte 0 picks the layout, key kind and date order; the rest is text
//! rows separated by '\n' and cells by '|'. A cell starting with '#' is a
//! number, '!' a boolean, '@' a date serial; other cells are text.
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use mentor_evidence::config::{Config, DateOrder, OneOrMany, SurveyFormat, SurveySpec};
use mentor_evidence::ingest::cohort::Cohort;
use mentor_evidence::ingest::surveys::map_survey;
use mentor_evidence::ingest::values::{ReadRules, serial_to_date};
use mentor_evidence::ingest::{Cell, CellColumn, Id, RawTable, SheetTable};
use mentor_evidence::validate::StudentIndex;
use mentor_evidence::validate::surveys::validate_wave;

const CONFIG: &str = r#"
[programme]
name = "Fuzz"
institution = "Fuzz"
period = "2026"
start = 2026-01-01
as_of = 2026-07-01
[inputs.cohort]
path = "cohort.csv"
[inputs.cohort.columns]
student_id = "ID"
registered = "Registered"
email = "Email"
[survey]
compare = ["pre", "post"]
responses = { "Strongly disagree" = 1, "Disagree" = 2, "Neutral" = 3, "Agree" = 4, "Strongly agree" = 5 }
[[survey.scales]]
name = "Confidence"
items = ["c1", "c2"]
reverse = ["c2"]
[survey.placement_intent]
item = "intent"
responses = { "No" = 1, "Maybe" = 2, "Yes" = 3 }
intends_at_least = 3
"#;

fn config() -> &'static Config {
    static CONFIG_ONCE: OnceLock<Config> = OnceLock::new();
    CONFIG_ONCE.get_or_init(|| Config::parse(CONFIG).expect("the fuzz configuration parses"))
}

fn cohort() -> &'static Cohort {
    static COHORT: OnceLock<Cohort> = OnceLock::new();
    COHORT.get_or_init(|| {
        let ids: Vec<Option<Id>> = (1..=20).map(|i| Some(Id::from(i.to_string()))).collect();
        let emails: Vec<String> = (1..=20).map(|i| format!("s{i}@uni.ac.uk")).collect();
        let emails = emails.iter().map(|e| Some(e.as_str())).collect();
        Cohort {
            registered: vec![true; ids.len()],
            registered_on: vec![None; ids.len()],
            email: Some(emails),
            student_id: ids,
            ..Cohort::default()
        }
    })
}

fn cell(text: &str) -> Cell {
    match text.as_bytes().first() {
        Some(b'#') => Cell::Number(text[1..].parse().unwrap_or(f64::NAN)),
        Some(b'!') => Cell::Bool(text.len() % 2 == 0),
        Some(b'@') => match text[1..].parse::<f64>().ok().and_then(|s| serial_to_date(s, false)) {
            Some(date) => Cell::Date(date.and_hms_opt(12, 0, 0).unwrap_or_default()),
            None => Cell::Error(text.to_string()),
        },
        _ if text.is_empty() => Cell::Empty,
        _ => Cell::Text(text.to_string()),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let mut lines = text.split('\n');
    let headers: Vec<String> = lines
        .next()
        .unwrap_or_default()
        .split('|')
        .map(|h| h.trim().to_string())
        .collect();
    let rows: Vec<Vec<&str>> = lines.map(|line| line.split('|').collect()).collect();
    let columns = (0..headers.len())
        .map(|c| CellColumn::from_cells(rows.iter().map(|r| r.get(c).map_or(Cell::Empty, |t| cell(t))).collect()))
        .collect();
    let sheet = SheetTable {
        sheet: None,
        date1904: mode & 0x40 != 0,
        all_headers: headers.clone(),
        headers,
        columns,
        row_numbers: (0..rows.len() as u32).map(|r| r + 2).collect(),
        header_row: 1,
        ..SheetTable::default()
    };
    let raw = RawTable::from_sheets("survey pre", vec![("pre.csv".to_string(), sheet)]);
    let format = match mode % 3 {
        0 => SurveyFormat::Qualtrics,
        1 => SurveyFormat::Forms,
        _ => SurveyFormat::Plain,
    };
    let by_email = mode & 0x08 != 0;
    let spec = SurveySpec {
        wave: "pre".to_string(),
        path: OneOrMany::One("pre.csv".to_string()),
        sheet: None,
        date_order: if mode & 0x10 != 0 { DateOrder::Mdy } else { DateOrder::Dmy },
        header_row: None,
        exclude: Default::default(),
        missing_words: None,
        format,
        student_id: (!by_email).then(|| "ID".to_string()),
        email: by_email.then(|| "Email".to_string()),
        items: [("c1", "Q1"), ("c2", "Q2"), ("intent", "Q3")]
            .into_iter()
            .map(|(item, header)| (item.to_string(), header.to_string()))
            .collect(),
    };
    let rules = ReadRules::new(spec.date_order);
    let Ok((info, responses)) = map_survey(&spec, raw.into(), rules) else {
        return;
    };
    let cohort = cohort();
    let students = StudentIndex::new(cohort);
    let _ = validate_wave(config(), info, responses, &students);
});
