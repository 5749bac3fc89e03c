//! `sample-data`: a deterministic synthetic mentoring programme written in the
//! real export formats of inputs.md (cohort and mentor workbooks, a CSV meeting
//! log, a Qualtrics pre survey and a Microsoft Forms post survey) plus the
//! evidence.toml that reads them. Target groups take the programme up less
//! often than average, and the surveys carry a modest pre/post gain.

mod consortium;
mod csv_file;
mod free_mentors;
mod people;
mod rng;
mod surveys;
mod workbook;

use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate};

use crate::error::{Error, Result};
pub use consortium::write_consortium;
use csv_file::CsvFile;
use free_mentors::FreeMentors;
use people::{FORENAMES, ORGANISATIONS, SCHOOLS, SECTORS, SOURCES, SURNAMES, is_aligned, school_uptake};
pub use rng::Rng;
use workbook::{Sheet, Value};

/// Programme dates of the sample.
pub struct Calendar {
    /// Period label, e.g. "2026/27".
    pub period: String,
    /// Share of eligible students outside every target group who register.
    pub uptake: f64,
    pub start: NaiveDate,
    pub as_of: NaiveDate,
    pub meet_greet: NaiveDate,
    pub ceremony: NaiveDate,
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    // The sample's dates are literals chosen to exist.
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// The programme year `years_back` years before the current sample year;
/// uptake grows a little each year, so the sample shows a trend.
fn calendar(years_back: i32) -> Calendar {
    let y = 2026 - years_back;
    Calendar {
        period: format!("{}/{:02}", y, (y + 1) % 100),
        uptake: 0.50 - 0.04 * f64::from(years_back),
        start: date(y, 9, 28),
        as_of: date(y + 1, 4, 30),
        meet_greet: date(y, 10, 21),
        ceremony: date(y + 1, 4, 22),
    }
}

/// File format of the inputs that can be either spreadsheets or CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SampleFormat {
    /// Workbooks as the programme team has them (cohort with a second sheet, mentors, Forms export).
    Xlsx,
    /// CSV files throughout: fast to write and read at sector scale.
    Csv,
}

/// Earlier programme years whose published metrics.json the sample ships in history/.
const HISTORY_YEARS: [i32; 2] = [2, 1];

/// One synthetic student.
pub struct Student {
    pub id: String,
    pub forename: &'static str,
    pub surname: &'static str,
    pub email: String,
    pub school: &'static str,
    pub polar: Option<u8>,
    pub first_gen: Option<bool>,
    pub ethnicity: Option<&'static str>,
    /// Prior attainment: the Year 1 average mark.
    pub year1: Option<f64>,
    pub commuter: Option<bool>,
    /// Work experience during Year 1: fixed before the programme (the
    /// matched comparison's negative control).
    pub year1_work: Option<bool>,
    pub registered_on: Option<NaiveDate>,
    pub trained: bool,
    pub quiz: Option<f64>,
    pub mentor: Option<String>,
    pub matched_on: Option<NaiveDate>,
    pub meet_greet: bool,
    pub ceremony: bool,
    pub withdrawn_on: Option<NaiveDate>,
    pub applied: bool,
    pub secured: bool,
    /// How the relationship goes: 0 steady, 1 fading, 2 never starts.
    pub pattern: u8,
}

/// One synthetic mentor.
pub struct Mentor {
    pub id: String,
    pub name: String,
    pub organisation: &'static str,
    pub sector: &'static str,
    pub source: &'static str,
    pub capacity: u32,
    pub trained_on: NaiveDate,
}

/// Writes the sample programme into `dir`, with history/ holding the published
/// metrics.json of two earlier programme years (computed by the real pipeline
/// from generated inputs that are then removed).
pub fn write_sample(dir: &Path, students: u32, seed: u64, format: SampleFormat) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::write(dir, e))?;
    let history = dir.join("history");
    std::fs::create_dir_all(&history).map_err(|e| Error::write(&history, e))?;
    // The three programme years are independent (each has its own seed and
    // directory), so they are written side by side: generation is mostly
    // one thread's work per year.
    use rayon::prelude::*;
    let (earlier, current) = rayon::join(
        || {
            HISTORY_YEARS
                .par_iter()
                .map(|&years_back| write_history_year(dir, &history, students, seed, years_back, format))
                .collect::<Result<Vec<()>>>()
        },
        || write_programme(dir, students, seed, &calendar(0), true, format),
    );
    earlier?;
    current
}

/// Writes an earlier programme year's inputs to a scratch directory, runs
/// the pipeline on them, keeps only the published metrics.json in
/// `history`, and removes the scratch directory.
fn write_history_year(
    dir: &Path,
    history: &Path,
    students: u32,
    seed: u64,
    years_back: i32,
    format: SampleFormat,
) -> Result<()> {
    let cal = calendar(years_back);
    let scratch = dir.join(format!(".history-build-{years_back}"));
    std::fs::create_dir_all(&scratch).map_err(|e| Error::write(&scratch, e))?;
    write_programme(
        &scratch,
        students,
        seed.wrapping_add(years_back as u64),
        &cal,
        false,
        format,
    )?;
    let config = crate::config::Config::load(&scratch.join("evidence.toml"))?;
    let published = crate::pipeline::pipeline(&config)?.published;
    let json = crate::output::metrics_json(&published)?;
    crate::output::write_file(history, &format!("metrics-{}.json", cal.as_of), json.as_bytes())?;
    std::fs::remove_dir_all(&scratch).map_err(|e| Error::write(&scratch, e))
}

/// Writes one programme year's inputs and evidence.toml.
fn write_programme(
    dir: &Path,
    students: u32,
    seed: u64,
    cal: &Calendar,
    with_history: bool,
    format: SampleFormat,
) -> Result<()> {
    let mut rng = Rng::new(seed);
    let mut mentors = make_mentors(&mut rng, students, cal);
    let cohort = make_students(&mut rng, students, &mut mentors, cal);

    write_cohort(dir, format, &cohort, &mut rng)?;
    // The log is written as it is generated; its random draws come after
    // the cohort sheet's and before the surveys', as always.
    write_meetings_csv(&dir.join("meetings.csv"), &cohort, cal, &mut rng)?;
    let (pre, post) = surveys::responses(&cohort, cal, &mut rng);
    let post_sheet = surveys::forms_sheet(&post);
    match format {
        SampleFormat::Xlsx => {
            workbook::save(&dir.join("mentors.xlsx"), &[mentor_sheet(&mentors)])?;
            workbook::save(&dir.join("survey-post.xlsx"), &[post_sheet])?;
        }
        SampleFormat::Csv => {
            mentor_sheet(&mentors).write_csv(&dir.join("mentors.csv"))?;
            post_sheet.write_csv(&dir.join("survey-post.csv"))?;
        }
    }
    surveys::write_qualtrics_csv(&dir.join("survey-pre.csv"), &pre)?;
    write_text(dir, "evidence.toml", &evidence_toml(cal, with_history, format))?;
    write_text(dir, "narrative.md", NARRATIVE)?;
    Ok(())
}

/// The programme team's own words, placed under the report's sections of
/// the same title (`[report] narrative`).
const NARRATIVE: &str = "\
## Uptake by target group

We moved the sign-up fair to the second week of term this year and wrote to
first-generation students directly. Their uptake is still below the
average, so next year their personal tutors will introduce the programme.

## Matched comparison

The matched comparison is our first. We will keep recording work experience
in Year 1, so that next year's negative control is measured the same way.
";

fn write_text(dir: &Path, name: &str, text: &str) -> Result<()> {
    let path = dir.join(name);
    std::fs::write(&path, text).map_err(|e| Error::write(&path, e))
}

/// The mentor bank's size for a cohort of `students`.
fn mentor_count(students: usize) -> usize {
    ((students as f64) * 0.3).ceil().max(5.0) as usize
}

fn make_mentors(rng: &mut Rng, students: u32, cal: &Calendar) -> Vec<Mentor> {
    let count = mentor_count(students as usize);
    (0..count)
        .map(|i| Mentor {
            id: format!("M{:04}", i + 1),
            name: format!("{} {}", rng.pick(&FORENAMES), rng.pick(&SURNAMES)),
            organisation: rng.pick(&ORGANISATIONS),
            sector: SECTORS[rng.weighted(&[0.22, 0.2, 0.14, 0.12, 0.1, 0.08, 0.08, 0.06])],
            source: SOURCES[rng.weighted(&[0.45, 0.3, 0.15, 0.1])],
            capacity: [1, 1, 1, 2, 2, 3][rng.between(0, 5) as usize],
            trained_on: cal.start - Duration::days(27) + Duration::days(rng.between(0, 40)),
        })
        .collect()
}

fn make_students(rng: &mut Rng, n: u32, mentors: &mut [Mentor], cal: &Calendar) -> Vec<Student> {
    let mut free = FreeMentors::new(
        mentors.iter().map(|m| m.capacity).collect(),
        &SCHOOLS,
        |school, m| is_aligned(school, mentors[m].sector),
    );
    let mut students = Vec::with_capacity(n as usize);
    // Its own stream, so the negative control leaves every other draw as it was.
    let mut before = Rng::new(0x5EED_0FC1 ^ u64::from(n) ^ cal.start.num_days_from_ce() as u64);
    for i in 0..n as u64 {
        let forename = rng.pick(&FORENAMES);
        let surname = rng.pick(&SURNAMES);
        let polar = (!rng.chance(0.02)).then(|| rng.weighted(&[0.12, 0.15, 0.2, 0.23, 0.3]) as u8 + 1);
        let first_gen = (!rng.chance(0.02)).then(|| rng.chance(0.35));
        let ethnicity = (!rng.chance(0.02)).then(|| {
            ["White", "Asian", "Black", "Mixed", "Other"][rng.weighted(&[0.62, 0.18, 0.09, 0.07, 0.04])]
        });
        let school = rng.pick(&SCHOOLS);
        let year1 =
            (!rng.chance(0.03)).then(|| (rng.normal(58.0, 10.0).clamp(25.0, 95.0) * 10.0).round() / 10.0);
        let commuter = (!rng.chance(0.02)).then(|| rng.chance(0.3));
        let target_penalty = 0.12 * f64::from(u8::from(polar.is_some_and(|q| q <= 2)))
            + 0.08 * f64::from(u8::from(first_gen == Some(true)))
            + 0.07 * f64::from(u8::from(ethnicity.is_some_and(|e| e != "White")));
        // Who takes part differs before the programme: stronger Year 1
        // marks sign up more, commuters less, and both bear on placements
        // too, which the matched comparison has to take out.
        let mark = year1.unwrap_or(58.0) - 58.0;
        let commutes = f64::from(u8::from(commuter == Some(true)));
        let prior = 0.010 * mark - 0.10 * commutes;
        let registered =
            rng.chance((cal.uptake - target_penalty + prior + school_uptake(school)).clamp(0.08, 0.95));
        let registered_on = registered.then(|| cal.start + Duration::days(rng.between(0, 25)));
        let trained = registered && rng.chance(0.82);
        let quiz = trained.then(|| (rng.normal(76.0, 12.0).round()).clamp(20.0, 100.0));
        let mut mentor = None;
        let mut matched_on = None;
        let mut aligned = false;
        if let Some(reg) = registered_on
            && rng.chance(0.9)
        {
            let start = rng.between(0, mentors.len() as i64 - 1) as usize;
            // The co-ordinator looks for a mentor in a sector aligned
            // with the student's school first, most of the time.
            let aligned_first = rng.chance(0.6);
            let chosen = aligned_first
                .then(|| free.first_aligned(school, start))
                .flatten()
                .or_else(|| free.first(start));
            if let Some(m) = chosen {
                free.take(m);
                mentor = Some(mentors[m].id.clone());
                aligned = is_aligned(school, mentors[m].sector);
                matched_on = Some(reg + Duration::days(rng.between(7, 35)));
            }
        }
        let matched = mentor.is_some();
        // Aligned pairs last a little longer.
        let pattern = match (matched, aligned) {
            (false, _) => 0,
            (true, true) => rng.weighted(&[0.72, 0.22, 0.06]) as u8,
            (true, false) => rng.weighted(&[0.58, 0.30, 0.12]) as u8,
        };
        let withdrawn_on = matched_on
            .filter(|_| rng.chance(0.06))
            .map(|m| (m + Duration::days(rng.between(30, 150))).min(cal.as_of - Duration::days(10)));
        let meet_greet = matched && matched_on.is_some_and(|m| m <= cal.meet_greet) && rng.chance(0.85);
        let ceremony = matched
            && withdrawn_on.is_none()
            && pattern != 2
            && rng.chance(if pattern == 0 { 0.78 } else { 0.35 });
        let applied = rng.chance(
            (if matched {
                0.58
            } else if registered {
                0.45
            } else {
                0.36
            }) + 0.008 * mark
                - 0.06 * commutes,
        );
        let secured = applied && rng.chance((if matched { 0.5 } else { 0.4 }) + 0.006 * mark);
        // Shaped by what matching covers (the mark, commuting), not by the
        // programme, which came later.
        let year1_work = (!before.chance(0.03)).then(|| before.chance(0.3 + 0.006 * mark - 0.06 * commutes));
        students.push(Student {
            id: format!("{:08}", 2_300_000 + i * 7 + rng.between(0, 6) as u64),
            forename,
            surname,
            email: format!(
                "{}.{}{}@student.example.ac.uk",
                forename.to_lowercase(),
                surname.to_lowercase(),
                i + 1
            ),
            school,
            polar,
            first_gen,
            ethnicity,
            year1,
            commuter,
            year1_work,
            registered_on,
            trained,
            quiz,
            mentor,
            matched_on,
            meet_greet,
            ceremony,
            withdrawn_on,
            applied,
            secured,
            pattern,
        });
    }
    // A mentor id the bank does not know (a data-entry slip).
    if let Some(s) = students.iter_mut().rev().find(|s| s.mentor.is_some()) {
        s.mentor = Some("M9999".to_string());
    }
    students
}

fn flag(rng: &mut Rng, value: bool) -> Value {
    if value {
        Value::Text(rng.pick(&["Y", "Yes", "yes", "✓", "TRUE", "x"]).to_string())
    } else {
        Value::Text(rng.pick(&["N", "No", "", ""]).to_string())
    }
}

const COHORT_HEADERS: [&str; 21] = [
    "Student ID",
    "Forename",
    "Surname",
    "University email",
    "School",
    "POLAR4 quintile",
    "First generation",
    "Ethnicity group",
    "Year 1 average",
    "Commuter",
    "Year 1 work experience",
    "Signed up",
    "Training completed",
    "Quiz score (%)",
    "Mentor ID",
    "Matched on",
    "Meet & greet",
    "Celebration",
    "Withdrawn on",
    "Applied for placement",
    "Placement secured",
];

/// Writes the cohort: to `cohort.csv` a row at a time as the rows are drawn
/// (the whole sheet would be the largest thing the generator holds), or as
/// `cohort.xlsx` with its notes sheet.
fn write_cohort(dir: &Path, format: SampleFormat, students: &[Student], rng: &mut Rng) -> Result<()> {
    match format {
        SampleFormat::Csv => {
            let mut csv = CsvFile::create(&dir.join("cohort.csv"))?;
            csv.row(&COHORT_HEADERS)?;
            cohort_rows(students, rng, |row| workbook::write_values(&mut csv, &row))?;
            csv.finish()
        }
        SampleFormat::Xlsx => {
            let mut rows = Vec::with_capacity(students.len() + 1);
            cohort_rows(students, rng, |row| {
                rows.push(row);
                Ok(())
            })?;
            let sheet = Sheet {
                name: "Year 2".to_string(),
                headers: COHORT_HEADERS.iter().map(|h| h.to_string()).collect(),
                rows,
            };
            workbook::save(&dir.join("cohort.xlsx"), &[sheet, notes_sheet()])
        }
    }
}

/// Hands each student's cohort row to `emit` in order, then the fourth
/// student's row again (a student entered twice; the first row counts).
fn cohort_rows(
    students: &[Student],
    rng: &mut Rng,
    mut emit: impl FnMut(Vec<Value>) -> Result<()>,
) -> Result<()> {
    let mut repeated = None;
    for (i, s) in students.iter().enumerate() {
        let row = cohort_row(s, rng);
        if i == 3 {
            repeated = Some(row.clone());
        }
        emit(row)?;
    }
    match repeated {
        Some(row) => emit(row),
        None => Ok(()),
    }
}

fn cohort_row(s: &Student, rng: &mut Rng) -> Vec<Value> {
    vec![
        Value::Text(s.id.clone()),
        Value::Text(s.forename.to_string()),
        Value::Text(s.surname.to_string()),
        Value::Text(s.email.clone()),
        Value::Text(s.school.to_string()),
        s.polar.map_or(Value::Empty, |q| Value::Number(f64::from(q))),
        match s.first_gen {
            Some(true) => Value::Text("Y".into()),
            Some(false) => Value::Text("N".into()),
            None => Value::Empty,
        },
        s.ethnicity.map_or(Value::Empty, |e| Value::Text(e.to_string())),
        s.year1.map_or(Value::Empty, Value::Number),
        match s.commuter {
            Some(true) => Value::Text("Y".into()),
            Some(false) => Value::Text("N".into()),
            None => Value::Empty,
        },
        match s.year1_work {
            Some(true) => Value::Text("Y".into()),
            Some(false) => Value::Text("N".into()),
            None => Value::Empty,
        },
        match s.registered_on {
            // Most sign-ups carry their date; a few were ticked by hand.
            Some(d) if rng.chance(0.93) => Value::Date(d),
            Some(_) => Value::Text("Yes".into()),
            None => Value::Empty,
        },
        if s.registered_on.is_some() {
            flag(rng, s.trained)
        } else {
            Value::Empty
        },
        s.quiz.map_or(Value::Empty, Value::Number),
        s.mentor.clone().map_or(Value::Empty, Value::Text),
        s.matched_on.map_or(Value::Empty, Value::Date),
        if s.mentor.is_some() {
            flag(rng, s.meet_greet)
        } else {
            Value::Empty
        },
        if s.ceremony { flag(rng, true) } else { Value::Empty },
        s.withdrawn_on.map_or(Value::Empty, Value::Date),
        flag(rng, s.applied),
        flag(rng, s.secured),
    ]
}

fn notes_sheet() -> Sheet {
    Sheet {
        name: "Notes".to_string(),
        headers: vec!["About this workbook".to_string()],
        rows: vec![
            vec![Value::Text("Year 2 cohort export from the student record system, with programme columns added by the co-ordinator.".into())],
            vec![Value::Text("Synthetic data generated by mentor-evidence sample-data.".into())],
        ],
    }
}

fn mentor_sheet(mentors: &[Mentor]) -> Sheet {
    let headers = [
        "Mentor ID",
        "Name",
        "Organisation",
        "Sector",
        "Recruited via",
        "Mentee capacity",
        "Trained",
    ];
    Sheet {
        name: "Mentor bank".to_string(),
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows: mentors
            .iter()
            .map(|m| {
                vec![
                    Value::Text(m.id.clone()),
                    Value::Text(m.name.clone()),
                    Value::Text(m.organisation.to_string()),
                    Value::Text(m.sector.to_string()),
                    Value::Text(m.source.to_string()),
                    Value::Number(f64::from(m.capacity)),
                    Value::Date(m.trained_on),
                ]
            })
            .collect(),
    }
}

/// Writes the co-ordinator's meeting log as a CSV file at `path`: day-first
/// dates, mixed duration forms and labels.
fn write_meetings_csv(path: &Path, students: &[Student], cal: &Calendar, rng: &mut Rng) -> Result<()> {
    let mut out = CsvFile::create(path)?;
    out.row(&["Student", "Mentor", "Meeting date", "Length", "Type"])?;
    let mentors = mentor_count(students.len()) as i64;
    let mut line = |s: &Student, day: NaiveDate, minutes: u32, kind: &str, rng: &mut Rng| -> Result<()> {
        out.text(&s.id);
        // Now and then the log names another mentor (a slip, or a stand-in).
        if rng.chance(0.01) {
            out.formatted(format_args!("M{:04}", rng.between(1, mentors)));
        } else {
            out.text(s.mentor.as_deref().unwrap_or(""));
        }
        out.formatted(format_args!("{}", workbook::UkDate(day)));
        match rng.between(0, 5) {
            1 => out.formatted(format_args!("{minutes} min")),
            2 => out.formatted(format_args!("{}h {}m", minutes / 60, minutes % 60)),
            3 => out.formatted(format_args!("{:.1} hours", f64::from(minutes) / 60.0)),
            4 => out.formatted(format_args!("{:02}:{:02}", minutes / 60, minutes % 60)),
            _ => out.formatted(format_args!("{minutes}")),
        }
        out.text(kind);
        out.end_row()
    };
    for s in students {
        let (Some(_), Some(matched)) = (&s.mentor, s.matched_on) else {
            continue;
        };
        if s.meet_greet {
            line(s, cal.meet_greet, 90, "Meet and greet", rng)?;
        }
        if s.pattern == 2 {
            continue;
        }
        let end = s.withdrawn_on.unwrap_or(cal.as_of);
        let fade_after = if s.pattern == 1 { rng.between(1, 3) } else { 12 };
        let mut month_start = matched + Duration::days(rng.between(2, 9));
        let mut months = 0;
        while month_start <= end && months < fade_after {
            let day = month_start + Duration::days(rng.between(0, 12));
            if day <= end && day <= cal.as_of && rng.chance(if s.pattern == 0 { 0.93 } else { 0.85 }) {
                let kind = if rng.chance(0.08) {
                    "Workplace visit"
                } else if rng.chance(0.02) {
                    "Coffee chat"
                } else {
                    rng.pick(&["One-to-one", "1:1", "Monthly catch-up"])
                };
                line(
                    s,
                    day,
                    [30, 45, 60, 60, 90][rng.between(0, 4) as usize],
                    kind,
                    rng,
                )?;
                if rng.chance(0.02) {
                    line(s, day, 60, kind, rng)?; // logged twice
                }
            }
            months += 1;
            month_start = next_month(month_start);
        }
        if s.ceremony {
            line(s, cal.ceremony, 120, "Celebration", rng)?;
        }
    }
    out.finish()
}

fn next_month(day: NaiveDate) -> NaiveDate {
    let (y, m) = if day.month() == 12 {
        (day.year() + 1, 1)
    } else {
        (day.year(), day.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, day.day().min(28)).unwrap_or(day + Duration::days(30))
}

fn evidence_toml(cal: &Calendar, with_history: bool, format: SampleFormat) -> String {
    let (cohort, mentors, post) = match format {
        SampleFormat::Xlsx => (
            "cohort.xlsx\"\nsheet = \"Year 2",
            "mentors.xlsx",
            "survey-post.xlsx",
        ),
        SampleFormat::Csv => ("cohort.csv", "mentors.csv", "survey-post.csv"),
    };
    format!(
        r#"# mentor-evidence configuration for the synthetic sample programme.
# Paths are relative to this file. Reference: README.md "Configuration".

[programme]
name = "Professional Mentoring Programme"
institution = "Example University"
period = "{period}"
start = {start}
as_of = {as_of}
{history}
[inputs.cohort]
path = "{cohort}"
[inputs.cohort.columns]
student_id = "Student ID"
email = "University email"
department = "School"
registered = "Signed up"
training_completed = "Training completed"
quiz_score = "Quiz score (%)"
mentor_id = "Mentor ID"
matched_on = "Matched on"
meet_greet_attended = "Meet & greet"
ceremony_attended = "Celebration"
withdrawn_on = "Withdrawn on"
placement_applied = "Applied for placement"
placement_secured = "Placement secured"

[inputs.mentors]
path = "{mentors}"
[inputs.mentors.columns]
mentor_id = "Mentor ID"
organisation = "Organisation"
sector = "Sector"
source = "Recruited via"
capacity = "Mentee capacity"
trained = "Trained"

[inputs.meetings]
path = "meetings.csv"
[inputs.meetings.columns]
student_id = "Student"
mentor_id = "Mentor"
date = "Meeting date"
duration = "Length"
kind = "Type"
[inputs.meetings.kinds]
one_to_one = ["One-to-one", "1:1", "Monthly catch-up"]
meet_and_greet = ["Meet and greet"]
workplace_visit = ["Workplace visit"]
celebration = ["Celebration"]

[[inputs.surveys]]
wave = "pre"
path = "survey-pre.csv"
format = "qualtrics"
student_id = "ExternalReference"
[inputs.surveys.items]
{pre_items}
[[inputs.surveys]]
wave = "post"
path = "{post}"
format = "forms"
email = "Email"
[inputs.surveys.items]
{post_items}
[survey]
compare = ["pre", "post"]
[survey.responses]
"Strongly disagree" = 1
"Disagree" = 2
"Neither agree nor disagree" = 3
"Agree" = 4
"Strongly agree" = 5

[[survey.scales]]
name = "Confidence"
items = ["conf1", "conf2", "conf3"]
min_answered = 2

[[survey.scales]]
name = "Resilience"
items = ["res1", "res2", "res3"]
reverse = ["res3"]
min_answered = 2

[survey.placement_intent]
item = "intent"
responses = {{ "Very unlikely" = 1, "Unlikely" = 2, "Not sure" = 3, "Likely" = 4, "Very likely" = 5 }}
intends_at_least = 4

[target_groups]
"Low participation area (POLAR4 Q1-2)" = {{ column = "POLAR4 quintile", in = ["1", "2"] }}
"First in family" = {{ column = "First generation", in = ["Y"] }}
"Black, Asian and minority ethnic" = {{ column = "Ethnicity group", in = ["Asian", "Black", "Mixed", "Other"] }}

[engagement]
quiz_pass_mark = 70
monthly_minimum = 1
sustained_meetings = 3
expected_months = 6
at_risk_days = 45
lapsed_days = 90

# Mentor sectors aligned with each school: do aligned pairs last longer?
[matching.aligned]
{aligned}
# Participants against non-participants alike on these columns (Type 3 evidence).
[comparison]
treated = "matched"
match_on = ["POLAR4 quintile", "First generation", "Ethnicity group", "Commuter"]
balance_on = ["Year 1 average"]
outcomes = ["placement_applied", "placement_secured"]
smd_threshold = 0.1
min_matched = 20
# Fixed before the programme: matched groups that still differ here differ elsewhere too.
negative_controls = ["Year 1 work experience"]
[comparison.coarsen]
"Year 1 average" = [0, 45, 50, 55, 60, 65, 70, 100.5]

[disclosure]
rule = "hesa"

[output]
dir = "report"
internal = false

# The team's own words under the sections of the same title (narrative.md).
[report]
narrative = "narrative.md"
"#,
        period = cal.period,
        cohort = cohort,
        mentors = mentors,
        post = post,
        history = if with_history {
            "history = \"history\"\n"
        } else {
            ""
        },
        start = cal.start,
        as_of = cal.as_of,
        pre_items = surveys::ITEMS
            .iter()
            .map(|(id, code, _)| format!("{id} = \"{code}\"\n"))
            .collect::<String>(),
        aligned = people::ALIGNED
            .iter()
            .map(|(school, sectors)| {
                let sectors: Vec<String> = sectors.iter().map(|s| format!("\"{s}\"")).collect();
                format!("\"{school}\" = [{}]\n", sectors.join(", "))
            })
            .collect::<String>(),
        post_items = surveys::ITEMS
            .iter()
            .map(|(id, _, text)| format!("{id} = \"{text}\"\n"))
            .collect::<String>(),
    )
}
