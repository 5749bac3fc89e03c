//! The output folder, written as one set: every file goes into a fresh
//! staging folder beside it, created exclusively, and the finished set is
//! swapped in by one rename. A kill at any moment leaves the folder holding
//! the old complete set or the new one; a link planted in the folder is never
//! written through (no file is opened in it); a second run into the same
//! folder is refused while the first holds the lock.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// What a run (or `pool`) writes at the top of its output folder; anything
/// else there is the user's, and a folder holding it is not replaced.
const OURS: [&str; 8] = [
    "metrics.json",
    "pooled.json",
    "pool.html",
    "tables.xlsx",
    "data-quality.csv",
    "report.html",
    "tables",
    "internal",
];

/// An output set being written; `commit` swaps it in, dropping it unfinished
/// removes the staging folder.
pub struct OutputSet {
    target: PathBuf,
    staging: PathBuf,
    parent: PathBuf,
    name: String,
    /// Held until the set is swapped in (released when the file is closed).
    _lock: File,
    committed: bool,
}

impl OutputSet {
    /// Takes the folder's lock, checks the folder holds only a run's outputs,
    /// tidies what a killed run left, and creates the staging folder.
    pub fn begin(out_dir: &Path) -> Result<OutputSet> {
        let (parent, name) = split(out_dir)?;
        std::fs::create_dir_all(&parent).map_err(|e| Error::write(&parent, e))?;
        let target = parent.join(&name);
        let lock = lock(&parent, &name, &target)?;
        recover(&parent, &name, &target)?;
        if let Ok(metadata) = std::fs::metadata(&target) {
            if !metadata.is_dir() {
                return Err(Error::write(
                    &target,
                    "it is a file, not a folder; expected an output folder",
                ));
            }
            check_only_ours(&target)?;
        }
        let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
        std::fs::create_dir(&staging).map_err(|e| Error::write(&staging, e))?;
        Ok(OutputSet {
            target,
            staging,
            parent,
            name,
            _lock: lock,
            committed: false,
        })
    }

    /// The folder the set will be in (for messages).
    pub fn path(&self) -> &Path {
        &self.target
    }

    /// Writes `relative` (e.g. "tables/uptake.csv") into the staging folder,
    /// creating the file exclusively.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<()> {
        self.write_with(relative, |file| file.write_all(bytes))
    }

    /// Writes `relative` as `write` does, its bytes written by `write` to
    /// a buffered writer: a large output is streamed, not built whole first.
    pub fn write_with(
        &self,
        relative: &str,
        write: impl FnOnce(&mut std::io::BufWriter<File>) -> std::io::Result<()>,
    ) -> Result<()> {
        let path = self.staging.join(relative);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|e| Error::write(folder, e))?;
        }
        let shown = self.target.join(relative);
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| Error::write(&shown, e))?;
        let mut buffered = std::io::BufWriter::with_capacity(1 << 16, file);
        write(&mut buffered)
            .and_then(|()| buffered.flush())
            .map_err(|e| Error::write(&shown, e))
    }

    /// Swaps the finished set in: one atomic exchange where the system has
    /// it (Linux), else two renames that the next run completes if killed
    /// between them (`recover`).
    pub fn commit(mut self) -> Result<()> {
        if std::fs::symlink_metadata(&self.target).is_err() {
            std::fs::rename(&self.staging, &self.target).map_err(|e| Error::write(&self.target, e))?;
        } else if exchange(&self.staging, &self.target).is_ok() {
            // The old set is now in the staging folder's place.
            remove_quietly(&self.staging);
        } else {
            let old = self
                .parent
                .join(format!(".{}.old-{}", self.name, std::process::id()));
            std::fs::rename(&self.target, &old).map_err(|e| Error::write(&self.target, e))?;
            std::fs::rename(&self.staging, &self.target).map_err(|e| Error::write(&self.target, e))?;
            remove_quietly(&old);
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for OutputSet {
    fn drop(&mut self) {
        if !self.committed {
            remove_quietly(&self.staging);
        }
    }
}

/// The output folder's parent and name, from a path that may be relative,
/// end in "." or "..", or be a link to a folder elsewhere (then its target).
fn split(out_dir: &Path) -> Result<(PathBuf, String)> {
    let absolute = std::path::absolute(out_dir).map_err(|e| Error::write(out_dir, e))?;
    let resolved = std::fs::canonicalize(&absolute).unwrap_or(absolute);
    let name = resolved.file_name().and_then(|n| n.to_str()).map(str::to_string);
    match (resolved.parent(), name) {
        (Some(parent), Some(name)) => Ok((parent.to_path_buf(), name)),
        _ => Err(Error::write(
            out_dir,
            "it is the root of the file system; expected a folder for the report",
        )),
    }
}

/// Takes `.<name>.lock` beside the folder, failing at once if another run
/// holds it. The lock file is opened without following a link.
fn lock(parent: &Path, name: &str, target: &Path) -> Result<File> {
    let path = parent.join(format!(".{name}.lock"));
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let file = options.open(&path).map_err(|e| Error::write(&path, e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::write(
            target,
            format!(
                "another mentor-evidence run is writing this folder (it holds {}); wait for it to finish, or choose another --out",
                path.display()
            ),
        )),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::write(&path, e)),
    }
}

/// Tidies what a killed run left beside the folder (under the lock, so no
/// other run is using it): an old set moved aside before the new one was
/// renamed in goes back if the folder is missing, and is removed otherwise;
/// staging folders are removed.
fn recover(parent: &Path, name: &str, target: &Path) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(());
    };
    let (new_prefix, old_prefix) = (format!(".{name}.new-"), format!(".{name}.old-"));
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let path = entry.path();
        if file_name.starts_with(&old_prefix) && std::fs::symlink_metadata(target).is_err() {
            std::fs::rename(&path, target).map_err(|e| Error::write(target, e))?;
        } else if file_name.starts_with(&old_prefix) || file_name.starts_with(&new_prefix) {
            remove_quietly(&path);
        }
    }
    Ok(())
}

/// Refuses a folder that holds anything a run does not write: replacing it
/// would take the user's files with it.
fn check_only_ours(target: &Path) -> Result<()> {
    let entries = std::fs::read_dir(target).map_err(|e| Error::write(target, e))?;
    let mut foreign: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !OURS.contains(&n.as_str()) && !n.ends_with(".partial"))
        .collect();
    if foreign.is_empty() {
        return Ok(());
    }
    foreign.sort();
    let count = foreign.len();
    foreign.truncate(5);
    Err(Error::write(
        target,
        format!(
            "it holds {count} file(s) a run does not write ({}); each run replaces the output folder whole, so move them out or choose another --out",
            foreign.join(", ")
        ),
    ))
}

/// Swaps two folders in one step (Linux's RENAME_EXCHANGE).
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
    }
}

/// Removes a folder of ours; a failure leaves it for the next run to tidy.
fn remove_quietly(path: &Path) {
    let _ = std::fs::remove_dir_all(path);
}
