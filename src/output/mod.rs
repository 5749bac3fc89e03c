//! Writing the output folder: metrics.json, tables/*.csv, data-quality.csv,
//! report.html and (on request) internal/, as one set (`folder`); nothing is
//! written outside the folder. Single files (a history entry, init's
//! configuration) go through `write_file`.

pub mod comparison;
pub mod csv;
pub mod folder;
pub mod lasting;
pub mod mentors;
pub mod outcomes;
pub mod pool;
pub mod quality;
pub mod relationships;
pub mod surveys;
pub mod table;
pub mod tables;
pub mod trend;
pub mod uptake;
pub mod xlsx;

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::disclosure::Published;
use crate::error::{Error, Result};
use crate::ingest::cohort::Cohort;
use crate::metrics::model::Metrics;
use crate::metrics::pairs::{Pair, Status};
use crate::validate::DataQuality;

/// Writes `bytes` to `dir/relative` through a temporary file and a rename.
/// The temporary file is created exclusively (a link already at its name is
/// an error, never written through), and the rename replaces whatever is at
/// the path, a link included, rather than writing into it.
pub fn write_file(dir: &Path, relative: &str, bytes: &[u8]) -> Result<PathBuf> {
    use std::io::Write;
    let path = dir.join(relative);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.{}.partial", std::process::id()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .and_then(|mut file| file.write_all(bytes));
    if let Err(e) = written {
        // Never remove what the exclusive create refused (it is not ours).
        if e.kind() != std::io::ErrorKind::AlreadyExists {
            let _ = std::fs::remove_file(&temporary);
        }
        return Err(Error::write(&temporary, e));
    }
    std::fs::rename(&temporary, &path).map_err(|e| Error::write(&path, e))?;
    Ok(path)
}

/// metrics.json text: pretty JSON with a final newline.
pub fn metrics_json(published: &Published) -> Result<String> {
    pretty_json(published, "metrics.json")
}

/// internal/metrics.json text: the unrounded model, for the programme team only.
pub fn internal_metrics_json(metrics: &Metrics) -> Result<String> {
    pretty_json(metrics, "internal/metrics.json")
}

fn pretty_json(value: &impl serde::Serialize, name: &str) -> Result<String> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| Error::compute(name, e))?;
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

/// internal/pairs.csv: the per-pair record with student and mentor ids, and
/// `follow_up` = yes for the at-risk list (at risk, lapsed, or not started
/// though matched more than at_risk_days ago). Internal only: holds ids.
/// `other_mentors_in_log` lists the mentors the meeting log names besides
/// the cohort's (mentor continuity).
pub fn pairs_csv(
    cohort: &Cohort,
    pairs: &[Pair],
    other_mentors: &[(usize, Vec<String>)],
    config: &Config,
) -> String {
    let mut out = csv::CsvText::new(&[
        "student_id",
        "mentor_id",
        "matched_on",
        "withdrawn_on",
        "status",
        "meetings",
        "contact_hours",
        "first_meeting",
        "last_meeting",
        "days_to_first_meeting",
        "window_months",
        "kept_months",
        "monthly_compliance",
        "days_since_contact",
        "follow_up",
        "other_mentors_in_log",
    ]);
    let text = |v: Option<String>| v.unwrap_or_default();
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let number = |v: Option<String>| csv::Field::Number(v.unwrap_or_default());
    for p in pairs {
        let student = text(cohort.student_id.get(p.row).cloned().flatten().map(String::from));
        let mentor = text(
            cohort
                .mentor_id
                .as_ref()
                .and_then(|m| m.get(p.row).cloned().flatten())
                .map(String::from),
        );
        let matched_long_ago = p.matched_on.is_some_and(|m| {
            (config.programme.as_of - m).num_days() > i64::from(config.engagement.at_risk_days)
        });
        // Rows are in cohort order in both lists.
        let others = other_mentors
            .binary_search_by_key(&p.row, |(row, _)| *row)
            .map_or(String::new(), |i| other_mentors[i].1.join("; "));
        let follow_up = matches!(p.status, Status::AtRisk | Status::Lapsed)
            || (p.status == Status::NotStarted && matched_long_ago);
        let (matched, withdrawn, first, last) = (
            date(p.matched_on),
            date(p.withdrawn_on),
            date(p.first_meeting),
            date(p.last_meeting),
        );
        out.row(&[
            csv::Field::Text(&student),
            csv::Field::Text(&mentor),
            csv::Field::Text(&matched),
            csv::Field::Text(&withdrawn),
            csv::Field::Text(p.status.id()),
            csv::Field::Number(p.meetings.to_string()),
            csv::Field::Number(p.contact_hours.to_string()),
            csv::Field::Text(&first),
            csv::Field::Text(&last),
            number(p.days_to_first_meeting.map(|d| d.to_string())),
            csv::Field::Number(p.window_months.to_string()),
            csv::Field::Number(p.kept_months.to_string()),
            number(p.monthly_compliance.map(|c| c.to_string())),
            number(p.days_since_contact.map(|d| d.to_string())),
            csv::Field::Text(if follow_up { "yes" } else { "no" }),
            csv::Field::Text(&others),
        ]);
    }
    out.finish()
}
