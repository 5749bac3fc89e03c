//! `sample-data`: a deterministic synthetic mentoring programme written in the
//! real export formats of inputs.md (cohort and mentor workbooks, a CSV meeting
//! log, a Qualtrics pre survey and a Microsoft Forms post survey) plus the
//! evidence.toml that reads them. Target groups take the programme up less
//! often than average, and the surveys carry a modest pre/post gain.

mod cohort;
mod config_text;
mod consortium;
mod csv_file;
mod free_mentors;
mod meetings;
mod mentors;
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

use cohort::{make_students, write_cohort};
use config_text::evidence_toml;
use meetings::write_meetings_csv;
use mentors::{make_mentors, mentor_count, mentor_sheet};

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
