//! Sample survey exports: a Qualtrics CSV (three header rows) for the pre
//! wave and a Microsoft Forms workbook for the post wave, with a modest gain,
//! item noise, a reversed item, unfinished and duplicate responses, and
//! students who answer only one wave.

use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};

use super::csv_file::CsvFile;
use super::workbook::{Sheet, Value};
use super::{Calendar, Rng, Student};
use crate::error::Result;

/// (item id, Qualtrics column, Forms question text).
pub const ITEMS: [(&str, &str, &str); 7] = [
    (
        "conf1",
        "Q1_1",
        "I feel confident talking to professionals in my field",
    ),
    ("conf2", "Q1_2", "I know how to present my skills to an employer"),
    (
        "conf3",
        "Q1_3",
        "I am confident I could succeed in a placement interview",
    ),
    (
        "res1",
        "Q2_1",
        "When things go wrong I can usually find a way forward",
    ),
    ("res2", "Q2_2", "I can keep going when my studies get difficult"),
    ("res3", "Q2_3", "I find it hard to recover after a setback"),
    (
        "intent",
        "Q3",
        "How likely are you to apply for a placement year?",
    ),
];

const AGREEMENT: [&str; 5] = [
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
];
const LIKELIHOOD: [&str; 5] = ["Very unlikely", "Unlikely", "Not sure", "Likely", "Very likely"];

/// One response: who, when, and the answer labels in ITEMS order (None = skipped).
pub struct Response {
    pub student: usize,
    pub id: String,
    pub email: String,
    pub name: String,
    pub started: NaiveDateTime,
    pub finished_at: NaiveDateTime,
    pub finished: bool,
    pub answers: Vec<Option<&'static str>>,
}

fn at(day: NaiveDate, minutes: i64) -> NaiveDateTime {
    day.and_hms_opt(9, 0, 0).unwrap_or_default() + Duration::minutes(minutes)
}

fn answers(rng: &mut Rng, confidence: f64, resilience: f64, intent: f64) -> Vec<Option<&'static str>> {
    let level =
        |rng: &mut Rng, latent: f64| (latent + rng.normal(0.0, 0.55)).round().clamp(1.0, 5.0) as usize - 1;
    let mut out = Vec::with_capacity(ITEMS.len());
    for (id, _, _) in ITEMS {
        let skipped = rng.chance(0.015);
        let label = match id {
            "intent" => LIKELIHOOD[level(rng, intent)],
            "res3" => AGREEMENT[4 - level(rng, resilience)], // reversed wording
            i if i.starts_with("res") => AGREEMENT[level(rng, resilience)],
            _ => AGREEMENT[level(rng, confidence)],
        };
        out.push((!skipped).then_some(label));
    }
    out
}

/// Pre and post responses for the cohort.
pub fn responses(students: &[Student], cal: &Calendar, rng: &mut Rng) -> (Vec<Response>, Vec<Response>) {
    let mut pre = Vec::new();
    let mut post = Vec::new();
    for (index, s) in students.iter().enumerate() {
        let Some(registered) = s.registered_on else {
            continue;
        };
        let confidence = rng.normal(3.0, 0.6);
        let resilience = rng.normal(3.2, 0.55);
        let intent = rng.normal(3.0, 0.8);
        let participant = s.mentor.is_some() && s.pattern != 2;
        let response = |rng: &mut Rng, day: NaiveDate, c: f64, r: f64, i: f64| {
            let started = at(day, rng.between(0, 600));
            Response {
                student: index,
                id: s.id.clone(),
                email: if rng.chance(0.2) {
                    s.email.to_uppercase()
                } else {
                    s.email.clone()
                },
                name: format!("{} {}", s.forename, s.surname),
                started,
                finished_at: started + Duration::minutes(rng.between(3, 15)),
                finished: true,
                answers: answers(rng, c, r, i),
            }
        };
        let answered_pre = rng.chance(0.78);
        if answered_pre {
            let day = registered + Duration::days(rng.between(0, 10));
            let mut r = response(rng, day, confidence, resilience, intent);
            if rng.chance(0.04) {
                // Left part-way: Qualtrics records it as unfinished.
                r.finished = false;
                for a in r.answers.iter_mut().skip(3) {
                    *a = None;
                }
            }
            let duplicate = rng.chance(0.02);
            pre.push(r);
            if duplicate {
                let again = response(
                    rng,
                    registered + Duration::days(12),
                    confidence,
                    resilience,
                    intent,
                );
                pre.push(again);
            }
        }
        let answers_post = if participant {
            rng.chance(if answered_pre { 0.66 } else { 0.3 })
        } else {
            rng.chance(0.12)
        };
        if answers_post {
            let gain = if participant { 1.0 } else { 0.3 };
            let day = cal.ceremony - Duration::days(rng.between(0, 20));
            let r = response(
                rng,
                day,
                confidence + 0.35 * gain,
                resilience + 0.2 * gain,
                intent + 0.45 * gain,
            );
            let duplicate = rng.chance(0.02);
            post.push(r);
            if duplicate {
                let again = response(
                    rng,
                    day + Duration::days(1),
                    confidence + 0.35 * gain,
                    resilience + 0.2 * gain,
                    intent + 0.45 * gain,
                );
                post.push(again);
            }
        }
    }
    // Data-entry slips a real export has: a respondent outside the cohort in
    // each wave and an answer typed outside the scale.
    if let Some(first) = pre.first() {
        let mut stranger = response_like(first);
        stranger.id = "09999999".to_string();
        stranger.email = "visiting.student@partner.example.ac.uk".to_string();
        pre.push(stranger);
    }
    if let Some(first) = post.first() {
        let mut stranger = response_like(first);
        stranger.email = "visiting.student@partner.example.ac.uk".to_string();
        post.push(stranger);
    }
    if let Some(r) = pre.get_mut(5) {
        r.answers[1] = Some("Agree strongly");
    }
    (pre, post)
}

fn response_like(r: &Response) -> Response {
    Response {
        student: r.student,
        id: r.id.clone(),
        email: r.email.clone(),
        name: "Visiting Student".to_string(),
        started: r.started,
        finished_at: r.finished_at,
        finished: true,
        answers: r.answers.clone(),
    }
}

/// Writes the pre wave as a Qualtrics CSV export (tags, question text and
/// ImportId rows) at `path`.
pub fn write_qualtrics_csv(path: &Path, responses: &[Response]) -> Result<()> {
    let fixed = [
        (
            "StartDate",
            "Start Date",
            "{\"ImportId\":\"startDate\",\"timeZone\":\"Europe/London\"}",
        ),
        (
            "EndDate",
            "End Date",
            "{\"ImportId\":\"endDate\",\"timeZone\":\"Europe/London\"}",
        ),
        ("Status", "Response Type", "{\"ImportId\":\"status\"}"),
        ("IPAddress", "IP Address", "{\"ImportId\":\"ipAddress\"}"),
        ("Progress", "Progress", "{\"ImportId\":\"progress\"}"),
        (
            "Duration (in seconds)",
            "Duration (in seconds)",
            "{\"ImportId\":\"duration\"}",
        ),
        ("Finished", "Finished", "{\"ImportId\":\"finished\"}"),
        (
            "RecordedDate",
            "Recorded Date",
            "{\"ImportId\":\"recordedDate\",\"timeZone\":\"Europe/London\"}",
        ),
        ("ResponseId", "Response ID", "{\"ImportId\":\"_recordId\"}"),
        (
            "RecipientLastName",
            "Recipient Last Name",
            "{\"ImportId\":\"recipientLastName\"}",
        ),
        (
            "RecipientFirstName",
            "Recipient First Name",
            "{\"ImportId\":\"recipientFirstName\"}",
        ),
        (
            "RecipientEmail",
            "Recipient Email",
            "{\"ImportId\":\"recipientEmail\"}",
        ),
        (
            "ExternalReference",
            "External Data Reference",
            "{\"ImportId\":\"externalDataReference\"}",
        ),
        (
            "DistributionChannel",
            "Distribution Channel",
            "{\"ImportId\":\"distributionChannel\"}",
        ),
        ("UserLanguage", "User Language", "{\"ImportId\":\"userLanguage\"}"),
    ];
    let mut out = CsvFile::create(path)?;
    // Three header rows: tags, question texts, ImportIds.
    let item_import_ids: Vec<String> = ITEMS
        .iter()
        .map(|i| format!("{{\"ImportId\":\"QID{}\"}}", i.1.trim_start_matches('Q')))
        .collect();
    let header_rows: [Vec<&str>; 3] = [
        fixed
            .iter()
            .map(|f| f.0)
            .chain(ITEMS.iter().map(|i| i.1))
            .collect(),
        fixed
            .iter()
            .map(|f| f.1)
            .chain(ITEMS.iter().map(|i| i.2))
            .collect(),
        fixed
            .iter()
            .map(|f| f.2)
            .chain(item_import_ids.iter().map(String::as_str))
            .collect(),
    ];
    for row in &header_rows {
        out.row(row)?;
    }
    for (n, r) in responses.iter().enumerate() {
        let (forename, surname) = r.name.split_once(' ').unwrap_or((&r.name, ""));
        let recorded = DateTimeText(r.finished_at);
        // Formatted fields reuse the file's buffer: 300k responses of 22
        // fields at sector scale.
        out.formatted(format_args!("{}", DateTimeText(r.started)));
        out.formatted(format_args!("{recorded}"));
        out.text("IP Address");
        out.formatted(format_args!("192.0.2.{}", n % 250 + 1));
        out.text(if r.finished { "100" } else { "40" });
        out.formatted(format_args!("{}", (r.finished_at - r.started).num_seconds()));
        out.text(if r.finished { "True" } else { "False" });
        out.formatted(format_args!("{recorded}"));
        out.formatted(format_args!(
            "R_{:015x}",
            (r.student as u64 + 1) * 0x9E37_79B9 + n as u64
        ));
        for field in [surname, forename, &r.email, &r.id, "email", "EN-GB"] {
            out.text(field);
        }
        for answer in &r.answers {
            out.text(answer.unwrap_or(""));
        }
        out.end_row()?;
    }
    out.finish()
}

/// The post wave as a Microsoft Forms export sheet.
pub fn forms_sheet(responses: &[Response]) -> Sheet {
    let mut headers: Vec<String> = ["ID", "Start time", "Completion time", "Email", "Name"]
        .iter()
        .map(|h| h.to_string())
        .collect();
    headers.extend(ITEMS.iter().map(|i| i.2.to_string()));
    let rows = responses
        .iter()
        .enumerate()
        .map(|(n, r)| {
            let mut row = vec![
                Value::Number(n as f64 + 1.0),
                Value::DateTime(r.started),
                Value::DateTime(r.finished_at),
                Value::Text(r.email.clone()),
                Value::Text(r.name.clone()),
            ];
            row.extend(
                r.answers
                    .iter()
                    .map(|a| a.map_or(Value::Empty, |t| Value::Text(t.to_string()))),
            );
            row
        })
        .collect();
    Sheet {
        name: "Form1".to_string(),
        headers,
        rows,
    }
}

/// A Qualtrics date-time ("2026-10-05 14:03:09"), formatted directly:
/// chrono's strftime parses its format string on every call.
struct DateTimeText(NaiveDateTime);

impl std::fmt::Display for DateTimeText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = self.0;
        write!(
            f,
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            at.year(),
            at.month(),
            at.day(),
            at.hour(),
            at.minute(),
            at.second()
        )
    }
}
