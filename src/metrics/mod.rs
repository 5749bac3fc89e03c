//! Metrics: the figures of metrics.md computed from validated inputs. Polars
//! lazy queries (one small function per query family, the only `collect()`s)
//! produce the plain model of `model.rs`; no polars type leaves this module.

pub mod frame;
pub mod groups;
pub mod model;
pub mod uptake;

use crate::config::{Config, DisclosureRule};
use crate::error::{Error, Result};
use crate::ingest::{RawTable, TableInfo};
use crate::validate::Validated;
use model::{
    DataQualityRecord, DisclosureRecord, InputRecord, Metrics, ProgrammeRecord, SCHEMA_VERSION,
};

/// Computes every metric of the run (unrounded: disclosure control comes after).
pub fn compute(config: &Config, validated: &Validated) -> Result<Metrics> {
    let membership = groups::membership(&validated.cohort, &config.target_groups);
    let frame = frame::cohort_frame(&validated.cohort, &membership)
        .map_err(|e| Error::compute("the cohort frame", e))?;
    let uptake = uptake::uptake(frame, &membership, config.engagement.quiz_pass_mark)?;
    Ok(Metrics {
        schema_version: SCHEMA_VERSION,
        programme: ProgrammeRecord {
            name: config.programme.name.clone(),
            institution: config.programme.institution.clone(),
            period: config.programme.period.clone(),
            start: config.programme.start.to_string(),
        },
        as_of: config.programme.as_of.to_string(),
        disclosure: DisclosureRecord {
            rule: config.disclosure.rule,
            threshold: (config.disclosure.rule == DisclosureRule::Threshold)
                .then_some(config.disclosure.threshold),
        },
        inputs: input_records(validated),
        groups: membership.names.clone(),
        uptake,
        data_quality: DataQualityRecord {
            errors: validated.quality.errors(),
            warnings: validated.quality.warnings(),
            by_rule: validated.quality.by_rule(),
        },
    })
}

fn input_records(validated: &Validated) -> Vec<InputRecord> {
    let record = |info: &TableInfo, used: usize| InputRecord {
        name: info.input.clone(),
        files: info.files.clone(),
        rows_read: info.rows_read,
        rows_used: used,
    };
    let raw = |table: &RawTable| InputRecord {
        name: table.input.clone(),
        files: table.files.clone(),
        rows_read: table.len(),
        // Meetings and surveys are read and checked but not yet analysed.
        rows_used: 0,
    };
    let mut records = vec![record(&validated.cohort_info, validated.cohort.len())];
    if let Some((mentors, info)) = &validated.mentors {
        records.push(record(info, mentors.mentor_id.len()));
    }
    if let Some(meetings) = &validated.meetings {
        records.push(raw(meetings));
    }
    for (_, survey) in &validated.surveys {
        records.push(raw(survey));
    }
    records
}
