//! Loading: each configured input opened, mapped to its typed columns and
//! hashed, the inputs side by side (`People`, `Logs`).

use crate::config::Config;
use crate::error::Result;

use super::open::{Checksums, open_input};
use super::table::{Layout, TableInfo, Wanted};
use super::{cohort, mapping, meetings, mentors, surveys, values};

/// A canonical table with its origin information and unreadable cells.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    /// Names and sources.
    pub info: TableInfo,
    /// Canonical columns.
    pub table: T,
    /// Cells that could not be read as their type.
    pub problems: Vec<mapping::CellProblem>,
}

/// The cohort columns the configuration reads, target-group rule columns included.
fn wanted_cohort(config: &Config) -> Wanted {
    let c = &config.inputs.cohort.columns;
    let optional = [
        &c.email,
        &c.department,
        &c.training_completed,
        &c.quiz_score,
        &c.mentor_id,
        &c.matched_on,
        &c.meet_greet_attended,
        &c.ceremony_attended,
        &c.withdrawn_on,
        &c.placement_applied,
        &c.placement_secured,
    ];
    let mut headers: Vec<String> = vec![c.student_id.clone(), c.registered.clone()];
    headers.extend(optional.into_iter().flatten().cloned());
    headers.extend(config.cohort_headers().into_iter().map(|(h, _)| h.to_string()));
    Wanted::new(headers)
        .require("student_id", &c.student_id)
        .require("registered", &c.registered)
}

/// The cohort and the mentor bank: the people the logs refer to.
#[derive(Debug, Clone)]
pub struct People {
    /// The uptake spreadsheet.
    pub cohort: Loaded<cohort::Cohort>,
    /// The mentor bank, when configured.
    pub mentors: Option<Loaded<mentors::Mentors>>,
}

/// The meeting log and the survey waves: records about the people.
#[derive(Debug, Clone)]
pub struct Logs {
    /// The meeting log, when configured.
    pub meetings: Option<Loaded<meetings::Meetings>>,
    /// Survey waves in configuration order.
    pub surveys: Vec<(TableInfo, surveys::SurveyResponses)>,
}

/// Reads and maps the cohort and the mentor bank, hashing each file as it
/// is read when `checksums` asks for it. Every input (and every survey wave
/// in `load_logs`) is a task of rayon's pool, and so is each file's hash,
/// so neither core waits for the other's file. A table's columns are mapped
/// together, a block of rows at a time (`Mapper::read_in_blocks`).
pub fn load_people(config: &Config, checksums: Checksums) -> Result<People> {
    let (cohort, mentors) = rayon::join(
        || load_cohort(config, checksums),
        || load_mentors(config, checksums),
    );
    // Errors in configuration order, as a sequential read would report them.
    Ok(People {
        cohort: cohort?,
        mentors: mentors?,
    })
}

/// Reads and maps the meeting log and the survey waves, hashing each file
/// as it is read when `checksums` asks for it.
pub fn load_logs(config: &Config, checksums: Checksums) -> Result<Logs> {
    let (meetings, surveys) = rayon::join(
        || load_meetings(config, checksums),
        || load_surveys(config, checksums),
    );
    Ok(Logs {
        meetings: meetings?,
        surveys: surveys?,
    })
}

/// Reads and maps the cohort.
fn load_cohort(config: &Config, checksums: Checksums) -> Result<Loaded<cohort::Cohort>> {
    let spec = &config.inputs.cohort;
    let input = open_input(
        config,
        "cohort",
        &spec.source(),
        Layout::Plain,
        &wanted_cohort(config),
        checksums,
    )?;
    cohort::map_cohort(
        config,
        input,
        values::ReadRules::for_input(config, &spec.source()),
    )
}

/// Reads and maps the mentor bank, when configured.
fn load_mentors(config: &Config, checksums: Checksums) -> Result<Option<Loaded<mentors::Mentors>>> {
    let mentors = match &config.inputs.mentors {
        Some(spec) => {
            let c = &spec.columns;
            let wanted = Wanted::new(
                [
                    Some(&c.mentor_id),
                    c.organisation.as_ref(),
                    c.sector.as_ref(),
                    c.source.as_ref(),
                    c.capacity.as_ref(),
                    c.trained.as_ref(),
                ]
                .into_iter()
                .flatten(),
            )
            .require("mentor_id", &c.mentor_id);
            let input = open_input(
                config,
                "mentors",
                &spec.source(),
                Layout::Plain,
                &wanted,
                checksums,
            )?;
            Some(mentors::map_mentors(
                &spec.columns,
                input,
                values::ReadRules::for_input(config, &spec.source()),
            )?)
        }
        None => None,
    };
    Ok(mentors)
}

/// Reads and maps the meeting log, when configured.
fn load_meetings(config: &Config, checksums: Checksums) -> Result<Option<Loaded<meetings::Meetings>>> {
    let meetings = match &config.inputs.meetings {
        Some(spec) => {
            let c = &spec.columns;
            let wanted = Wanted::new(
                [
                    Some(&c.student_id),
                    c.mentor_id.as_ref(),
                    Some(&c.date),
                    c.duration.as_ref(),
                    c.ends.as_ref(),
                    c.kind.as_ref(),
                ]
                .into_iter()
                .flatten(),
            )
            .require("student_id", &c.student_id)
            .require("date", &c.date);
            let input = open_input(
                config,
                "meetings",
                &spec.source(),
                Layout::Plain,
                &wanted,
                checksums,
            )?;
            Some(meetings::map_meetings(
                spec,
                input,
                values::ReadRules::for_input(config, &spec.source()),
            )?)
        }
        None => None,
    };
    Ok(meetings)
}

/// Reads and maps every survey wave, each a task of its own.
fn load_surveys(config: &Config, checksums: Checksums) -> Result<Vec<(TableInfo, surveys::SurveyResponses)>> {
    use rayon::prelude::*;
    let waves: Vec<Result<_>> = config
        .inputs
        .surveys
        .par_iter()
        .map(|spec| {
            let layout = match spec.format {
                crate::config::SurveyFormat::Qualtrics => Layout::Qualtrics,
                crate::config::SurveyFormat::Jisc => Layout::Jisc,
                _ => Layout::Plain,
            };
            let name = format!("survey {}", spec.wave);
            let input = open_input(
                config,
                &name,
                &spec.source(),
                layout,
                &surveys::wanted(spec),
                checksums,
            )?;
            surveys::map_survey(spec, input, values::ReadRules::for_input(config, &spec.source()))
        })
        .collect();
    // The first error in configuration order, as a sequential read reports it.
    waves.into_iter().collect()
}
