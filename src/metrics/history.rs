//! Earlier runs' metrics.json files from `programme.history`, for trends.
//! They are this tool's own published model, so they are read here, beside
//! the model, not with the programme's input files in ingest. Each is read
//! into `Headlines`, the typed part of the model the trend uses; a file
//! that lacks one of its fields (another schema, a renamed field) is
//! skipped with a warning that names it, as are files of another programme.

use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};

/// The figures of a published metrics.json that the trend reads, under the
/// model's own field names (tests/history.rs reads the model's serialised
/// form back into it, so renaming a model field fails a test). Every field
/// must be present, even where it may be null: serde would otherwise read a
/// missing (renamed) `Option` as None and the trend would go quietly empty.
#[derive(Debug, Clone, Deserialize)]
pub struct Headlines {
    pub schema_version: u32,
    pub programme: HeadlineProgramme,
    pub as_of: String,
    pub uptake: Vec<HeadlineUptake>,
    /// Absent when the run had no surveys.
    #[serde(default)]
    pub paired: Vec<HeadlinePaired>,
    #[serde(default)]
    pub intent_paired: Vec<HeadlineIntent>,
}

/// `programme` of metrics.json.
#[derive(Debug, Clone, Deserialize)]
pub struct HeadlineProgramme {
    pub name: String,
    pub period: String,
}

/// A published count: a number, or text such as `<10` (null when withheld).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum HeadlineCount {
    Number(f64),
    Text(String),
}

impl HeadlineCount {
    /// The number, when one was published.
    pub fn number(&self) -> Option<f64> {
        match self {
            HeadlineCount::Number(v) => Some(*v),
            HeadlineCount::Text(_) => None,
        }
    }
}

/// An `uptake` record.
#[derive(Debug, Clone, Deserialize)]
pub struct HeadlineUptake {
    pub group: String,
    pub stage: String,
    #[serde(deserialize_with = "Option::deserialize")]
    pub count: Option<HeadlineCount>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub rate: Option<f64>,
}

/// A `paired` record.
#[derive(Debug, Clone, Deserialize)]
pub struct HeadlinePaired {
    pub scale: String,
    pub group: String,
    #[serde(deserialize_with = "Option::deserialize")]
    pub hedges_gz: Option<f64>,
}

/// An `intent_paired` record.
#[derive(Debug, Clone, Deserialize)]
pub struct HeadlineIntent {
    pub group: String,
    #[serde(deserialize_with = "Option::deserialize")]
    pub share_post: Option<f64>,
}

/// One earlier run's published headline figures.
#[derive(Debug, Clone)]
pub struct HistoryFile {
    /// File name inside the history folder.
    pub file: String,
    pub metrics: Headlines,
}

/// The usable history and the warnings about skipped files.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub files: Vec<HistoryFile>,
    pub skipped: Vec<String>,
}

/// metrics.json schema version. 2: a count withheld by secondary suppression
/// is `null`, figures carry their published precision, and `disclosure`
/// counts the withheld figures. 3: comparison records carry `role`
/// (outcome or negative control) and `reasons` (kind and detail) in place
/// of `reason`, and a negative control's `evidence_type` is null.
pub const SCHEMA_VERSION: u32 = 3;

/// The oldest metrics.json the trend still reads (versions 1 and 2 differ
/// only in what later versions added, none of it read by the trend; version
/// 1's rates are rounded when the trend publishes them).
pub const OLDEST_READABLE_SCHEMA: u32 = 1;

/// The largest history file read (a metrics.json is tens of KB).
const MAX_HISTORY_BYTES: u64 = 64_000_000;

/// Reads every `*.json` in `dir` (sorted by name). `programme` is the current
/// programme name; `current_as_of` excludes this run's own recorded file.
pub fn read_history(dir: &Path, programme: &str, current_as_of: &str) -> Result<History> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Error::input(format!(
            "programme.history: cannot read the folder {}: {e}; expected a folder of earlier runs' metrics.json files",
            dir.display()
        ))
    })?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.to_ascii_lowercase().ends_with(".json"))
        .collect();
    names.sort();
    let mut history = History::default();
    for name in names {
        let path = dir.join(&name);
        let text =
            match crate::regular_file::read_text_capped(&path, MAX_HISTORY_BYTES, "a history file's size") {
                Ok(t) => t,
                Err(e) => {
                    history.skipped.push(format!("{name}: cannot be read ({e})"));
                    continue;
                }
            };
        let value: serde_json::Value = match serde_json::from_str(&text) {
            Ok(value) => value,
            Err(e) => {
                history.skipped.push(format!("{name}: not JSON ({e})"));
                continue;
            }
        };
        let version = value["schema_version"].as_u64();
        if !version
            .is_some_and(|v| (u64::from(OLDEST_READABLE_SCHEMA)..=u64::from(SCHEMA_VERSION)).contains(&v))
        {
            history.skipped.push(format!(
                "{name}: schema_version {} (expected {OLDEST_READABLE_SCHEMA} to {SCHEMA_VERSION})",
                version.map_or("missing".to_string(), |v| v.to_string())
            ));
            continue;
        }
        // Another programme's file is named as such before its fields are read.
        if let Some(other) = value["programme"]["name"].as_str().filter(|n| *n != programme) {
            history.skipped.push(format!(
                "{name}: another programme (\"{other}\", expected \"{programme}\")"
            ));
            continue;
        }
        let metrics: Headlines = match serde_json::from_value(value) {
            Ok(m) => m,
            Err(e) => {
                history
                    .skipped
                    .push(format!("{name}: not a metrics.json this version reads ({e})"));
                continue;
            }
        };
        if metrics.programme.name != programme {
            history.skipped.push(format!(
                "{name}: another programme (\"{}\", expected \"{programme}\")",
                metrics.programme.name
            ));
            continue;
        }
        if metrics.as_of.is_empty() {
            history.skipped.push(format!("{name}: no as_of date"));
            continue;
        }
        if metrics.as_of == current_as_of {
            // This run's own recorded copy (run --record): not an earlier period.
            continue;
        }
        history.files.push(HistoryFile { file: name, metrics });
    }
    history
        .files
        .sort_by(|a, b| a.metrics.as_of.cmp(&b.metrics.as_of).then(a.file.cmp(&b.file)));
    Ok(history)
}
