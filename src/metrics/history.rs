//! Earlier runs' metrics.json files from `programme.history`, for trends.
//! They are this tool's own published model, so they are read here, beside
//! the model, not with the programme's input files in ingest.
//! Files of another schema version or another programme are skipped with a
//! warning that names them.

use std::path::Path;

use serde_json::Value;

use crate::error::{Error, Result};
use crate::metrics::model::{OLDEST_READABLE_SCHEMA, SCHEMA_VERSION};

/// One earlier run's published metrics.
#[derive(Debug, Clone)]
pub struct HistoryFile {
    /// File name inside the history folder.
    pub file: String,
    pub period: String,
    pub as_of: String,
    /// The whole metrics.json.
    pub metrics: Value,
}

/// The usable history and the warnings about skipped files.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub files: Vec<HistoryFile>,
    pub skipped: Vec<String>,
}

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
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                history.skipped.push(format!("{name}: cannot be read ({e})"));
                continue;
            }
        };
        let metrics: Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                history.skipped.push(format!("{name}: not JSON ({e})"));
                continue;
            }
        };
        let version = metrics["schema_version"].as_u64();
        if !version
            .is_some_and(|v| (u64::from(OLDEST_READABLE_SCHEMA)..=u64::from(SCHEMA_VERSION)).contains(&v))
        {
            history.skipped.push(format!(
                "{name}: schema_version {} (expected {OLDEST_READABLE_SCHEMA} to {SCHEMA_VERSION})",
                version.map_or("missing".to_string(), |v| v.to_string())
            ));
            continue;
        }
        let name_in_file = metrics["programme"]["name"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        if name_in_file != programme {
            history.skipped.push(format!(
                "{name}: another programme (\"{name_in_file}\", expected \"{programme}\")"
            ));
            continue;
        }
        let as_of = metrics["as_of"].as_str().unwrap_or_default().to_string();
        if as_of.is_empty() {
            history.skipped.push(format!("{name}: no as_of date"));
            continue;
        }
        if as_of == current_as_of {
            // This run's own recorded copy (run --record): not an earlier period.
            continue;
        }
        history.files.push(HistoryFile {
            file: name,
            period: metrics["programme"]["period"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            as_of,
            metrics,
        });
    }
    history
        .files
        .sort_by(|a, b| a.as_of.cmp(&b.as_of).then(a.file.cmp(&b.file)));
    Ok(history)
}
