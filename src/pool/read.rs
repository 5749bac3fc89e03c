//! The published metrics.json files `pool` combines: each checked to be a
//! published file of a rule other than `none`, of a schema with pooling
//! records, and of an institution and period no other file has; its
//! pooling records read with the consortium's group and scale names.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::PoolConfig;
use crate::error::{Error, Result};

/// The largest metrics.json read (a published one is tens of KB).
const MAX_FILE_BYTES: u64 = 64_000_000;

/// One institution's file.
#[derive(Debug, Clone, Serialize)]
pub struct Institution {
    pub institution: String,
    pub period: String,
    pub path: String,
    pub sha256: String,
    /// The programme's start (the pooled tables.xlsx is dated by the latest).
    #[serde(skip)]
    pub start: Option<chrono::NaiveDate>,
}

/// One institution's published estimate of one figure.
#[derive(Debug, Clone)]
pub struct Contribution {
    pub institution: String,
    pub measure: String,
    /// The consortium's name for the group.
    pub group: String,
    pub outcome: String,
    pub estimate: f64,
    pub se: f64,
    /// The record's `n` as the institution published it (the group, or
    /// pairs): a count, a rounded count or "<10".
    pub n: Option<String>,
    pub design: String,
    pub evidence_type: String,
}

#[derive(Deserialize)]
struct File {
    schema_version: u32,
    #[serde(default)]
    published: Option<bool>,
    programme: Programme,
    disclosure: Disclosure,
    #[serde(default)]
    pooling: Vec<Record>,
}

#[derive(Deserialize)]
struct Programme {
    #[serde(default)]
    institution: String,
    period: String,
    #[serde(default)]
    start: Option<chrono::NaiveDate>,
}

#[derive(Deserialize)]
struct Disclosure {
    rule: String,
}

#[derive(Deserialize)]
struct Record {
    measure: String,
    group: String,
    outcome: String,
    estimate: Option<f64>,
    se: Option<f64>,
    #[serde(default)]
    n: Option<serde_json::Value>,
    design: String,
    evidence_type: String,
}

/// The metrics.json of `path`, or of the folder `path`.
fn file_of(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.join("metrics.json")
    } else {
        path.to_path_buf()
    }
}

/// Reads every file: the institutions (sorted by name) and their
/// contributions (withheld records left out).
pub fn read_files(paths: &[PathBuf], config: &PoolConfig) -> Result<(Vec<Institution>, Vec<Contribution>)> {
    if paths.len() < 2 {
        return Err(Error::input(format!(
            "pool: {} file{} given ({}); expected at least two institutions' published metrics.json",
            paths.len(),
            if paths.len() == 1 { "" } else { "s" },
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    // Read and parsed on every core (a published file is mostly figures
    // `pool` skips); checked against each other in the order given.
    use rayon::prelude::*;
    let read: Vec<Result<(Institution, Vec<Contribution>)>> =
        paths.par_iter().map(|path| read_file(path, config)).collect();
    let mut institutions: Vec<Institution> = Vec::with_capacity(read.len());
    // Sized once: grown by doubling, 1,000 files' records were most of
    // the reading's page faults.
    let records = read.iter().flatten().map(|(_, records)| records.len()).sum();
    let mut contributions = Vec::with_capacity(records);
    let mut seen: std::collections::HashMap<(String, String), String> = Default::default();
    for file in read {
        let (institution, mut records) = file?;
        let key = (institution.institution.clone(), institution.period.clone());
        if let Some(other) = seen.get(&key) {
            return Err(Error::input(format!(
                "pool: {} and {other} are both {}, {}; expected one file per institution and period",
                institution.path, institution.institution, institution.period
            )));
        }
        seen.insert(key, institution.path.clone());
        institutions.push(institution);
        contributions.append(&mut records);
    }
    institutions.sort_by(|a, b| a.institution.cmp(&b.institution).then(a.period.cmp(&b.period)));
    one_spelling_per_scale(&mut contributions);
    Ok((institutions, contributions))
}

/// One file: its institution and its published pooling records.
fn read_file(path: &Path, config: &PoolConfig) -> Result<(Institution, Vec<Contribution>)> {
    let path = file_of(path);
    let name = path.display().to_string();
    let bytes = crate::regular_file::read_capped(&path, MAX_FILE_BYTES, "a metrics.json's size")
        .map_err(|e| Error::input(format!("pool: {name}: cannot read it: {e}")))?;
    let file: File = serde_json::from_slice(&bytes).map_err(|e| {
        Error::input(format!(
            "pool: {name}: not a metrics.json this version can read ({e}); expected a published metrics.json of schema version 3"
        ))
    })?;
    if file.schema_version < 3 {
        return Err(Error::input(format!(
            "pool: {name}: schema_version {} has no pooling records; expected 3 (run it again with this version)",
            file.schema_version
        )));
    }
    if file.published != Some(true) {
        return Err(Error::input(format!(
            "pool: {name}: an internal metrics.json (unrounded, not for publication); expected the published metrics.json beside report.html"
        )));
    }
    if file.disclosure.rule == "none" {
        return Err(Error::input(format!(
            "pool: {name}: disclosure.rule is \"none\" (not publishable); expected a run under \"hesa\" or \"threshold\""
        )));
    }
    let institution = if file.programme.institution.trim().is_empty() {
        name.clone()
    } else {
        file.programme.institution.trim().to_string()
    };
    let mut contributions = Vec::new();
    for r in file.pooling {
        let (Some(estimate), Some(se)) = (r.estimate, r.se) else {
            continue;
        };
        contributions.push(Contribution {
            institution: institution.clone(),
            group: config.group_name(&r.group),
            outcome: if r.measure.starts_with("paired") {
                config.scale_name(&r.outcome)
            } else {
                r.outcome
            },
            measure: r.measure,
            estimate,
            se,
            n: r.n.and_then(|n| match n {
                serde_json::Value::String(text) => Some(text),
                serde_json::Value::Number(count) => Some(count.to_string()),
                _ => None,
            }),
            design: r.design,
            evidence_type: r.evidence_type,
        });
    }
    let sha256 = crate::ingest::checksum::sha256_hex(&bytes);
    Ok((
        Institution {
            institution,
            period: file.programme.period,
            path: name,
            sha256,
            start: file.programme.start,
        },
        contributions,
    ))
}

/// Scales pool case-insensitively (pooling.md): each is written as the
/// first institution by name writes it, so "Resilience" and "resilience"
/// are one figure under one name.
fn one_spelling_per_scale(contributions: &mut [Contribution]) {
    let mut spelling: std::collections::BTreeMap<String, (String, String)> = Default::default();
    for c in contributions.iter().filter(|c| c.measure.starts_with("paired")) {
        let entry = spelling
            .entry(c.outcome.to_lowercase())
            .or_insert_with(|| (c.institution.clone(), c.outcome.clone()));
        if (&c.institution, &c.outcome) < (&entry.0, &entry.1) {
            *entry = (c.institution.clone(), c.outcome.clone());
        }
    }
    for c in contributions
        .iter_mut()
        .filter(|c| c.measure.starts_with("paired"))
    {
        if let Some((_, written)) = spelling.get(&c.outcome.to_lowercase()) {
            c.outcome.clone_from(written);
        }
    }
}
