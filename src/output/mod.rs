//! Writing the output folder: metrics.json, tables/*.csv, data-quality.csv,
//! report.html and (on request) internal/. Every file is written to a
//! temporary name inside the output folder and renamed into place, so a failed
//! run never leaves a half-written file; nothing is written outside the folder.

pub mod csv;
pub mod tables;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::metrics::model::Metrics;
use crate::validate::DataQuality;

/// Writes `bytes` to `dir/relative` through a temporary file and a rename.
pub fn write_file(dir: &Path, relative: &str, bytes: &[u8]) -> Result<PathBuf> {
    let path = dir.join(relative);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
    }
    let temporary = path.with_extension("partial");
    std::fs::write(&temporary, bytes).map_err(|e| Error::write(&temporary, e))?;
    std::fs::rename(&temporary, &path).map_err(|e| Error::write(&path, e))?;
    Ok(path)
}

/// metrics.json text: pretty JSON with a final newline.
pub fn metrics_json(metrics: &Metrics) -> Result<String> {
    let mut text =
        serde_json::to_string_pretty(metrics).map_err(|e| Error::compute("metrics.json", e))?;
    text.push('\n');
    Ok(text)
}

/// data-quality.csv: one row per finding (no personal data beyond row numbers).
pub fn data_quality_csv(quality: &DataQuality) -> String {
    let mut out = csv::CsvText::new(&[
        "input", "file", "sheet", "row", "column", "rule", "severity", "message",
    ]);
    for f in &quality.findings {
        out.row(&[
            csv::Field::Text(&f.input),
            csv::Field::Text(&f.file),
            csv::Field::Text(&f.sheet),
            match f.row {
                Some(r) => csv::Field::Number(r.to_string()),
                None => csv::Field::Text(""),
            },
            csv::Field::Text(&f.column),
            csv::Field::Text(f.rule.id()),
            csv::Field::Text(f.severity().as_str()),
            csv::Field::Text(&f.message),
        ]);
    }
    out.finish()
}
