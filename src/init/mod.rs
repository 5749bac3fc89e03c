//! `init`: a first evidence.toml from the user's own files (outputs.md,
//! "Commands"): every visible sheet of each file is previewed, recognised
//! (`recognise`) and written into the configuration (`write`), which is
//! never written over without `force`.

pub mod recognise;
pub mod surveys;
pub mod values;
pub mod write;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::ingest::preview::{SheetPreview, preview};

/// Rows of each sheet init reads to recognise it, propose labels and show examples.
const PREVIEW_ROWS: usize = 2000;

/// What `init` wrote.
pub struct Initialised {
    pub path: PathBuf,
    /// What it could not decide (each a `# TODO` in the file).
    pub todos: Vec<String>,
}

/// The path of `file` as written in a configuration at `config`: relative
/// to the configuration's folder when the file is inside it, else as given.
fn relative_to(config: &Path, file: &Path) -> String {
    let folder = config
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    match absolute(file).strip_prefix(absolute(folder)) {
        Ok(inside) => inside.to_string_lossy().replace('\\', "/"),
        Err(_) => file.to_string_lossy().into_owned(),
    }
}

/// Writes `out` from `files`. Refuses to replace an existing file unless
/// `force`; unreadable files are errors as in `run`.
pub fn init(files: &[PathBuf], out: &Path, force: bool) -> Result<Initialised> {
    if out.exists() && !force {
        return Err(Error::input(format!(
            "{}: the file exists; expected a new path (--out), or --force to replace it",
            out.display()
        )));
    }
    let mut previews: Vec<(PathBuf, Vec<SheetPreview>)> = Vec::new();
    for file in files {
        previews.push((file.clone(), preview(file, PREVIEW_ROWS)?));
    }
    let mut recognised = Vec::new();
    let mut unrecognised: Vec<(String, &SheetPreview, bool)> = Vec::new();
    for (file, sheets) in &previews {
        let path = relative_to(out, file);
        for (i, sheet) in sheets.iter().enumerate() {
            match recognise::kind_of(sheet) {
                Some((kind, _)) => recognised.push(write::Recognised {
                    path: path.clone(),
                    kind,
                    sheet,
                    first_sheet: i == 0,
                }),
                None => unrecognised.push((path.clone(), sheet, i == 0)),
            }
        }
    }
    // Ids the cohort holds tell a log or a bank whose headers say nothing.
    let hints = recognised
        .iter()
        .find(|r| r.kind == recognise::InputKind::Cohort)
        .map_or_else(values::Hints::default, |cohort| {
            let mapped = recognise::map_fields(&recognise::COHORT, &cohort.sheet.headers);
            let header = |field: &str| {
                mapped
                    .iter()
                    .find(|(f, _)| *f == field)
                    .and_then(|(_, h)| h.as_deref())
            };
            values::Hints::from_cohort(cohort.sheet, header("student_id"), header("mentor_id"))
        });
    let mut unknown: Vec<String> = Vec::new();
    for (path, sheet, first_sheet) in unrecognised {
        let kind = if values::is_meeting_log(sheet, &hints) {
            Some(recognise::InputKind::Meetings)
        } else if values::is_mentor_bank(sheet, &hints) {
            Some(recognise::InputKind::Mentors)
        } else {
            None
        };
        match kind {
            Some(kind) => recognised.push(write::Recognised {
                path,
                kind,
                sheet,
                first_sheet,
            }),
            None if !recognised.iter().any(|r| r.path == path) && !unknown.contains(&path) => {
                unknown.push(path)
            }
            None => {}
        }
    }
    // A file is unknown when none of its sheets was recognised.
    unknown.retain(|path| !recognised.iter().any(|r| &r.path == path));
    let written = write::config_text(&recognised, &unknown, &hints);
    crate::output::write_file(
        out.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new(".")),
        &out.file_name()
            .map_or("evidence.toml".into(), |n| n.to_string_lossy().into_owned()),
        written.text.as_bytes(),
    )?;
    Ok(Initialised {
        path: out.to_path_buf(),
        todos: written.todos,
    })
}
