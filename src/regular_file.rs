//! Opening a file the user named (an input, the configuration, a history
//! file, a template): a regular file only, and never more of it than a cap.
//! A FIFO named `cohort.csv` would block the open forever, `/dev/zero` would
//! be read until memory ran out, and a folder has no bytes to read; each is
//! refused with what it is. Callers add the file's name and what it is for.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// Opens `path` for reading when it is a regular file (after following
/// links), and returns it with its size in bytes. The open itself never
/// blocks: on Unix it is non-blocking, so a FIFO without a writer opens at
/// once and is then refused.
pub fn open(path: &Path) -> io::Result<(File, u64)> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let metadata = file.metadata()?;
    let kind = metadata.file_type();
    if !kind.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is {}, not a regular file", describe(kind)),
        ));
    }
    Ok((file, metadata.len()))
}

/// Opens `path` as `open` does and refuses a file over `max_bytes`, naming
/// the limit (`limit_key`, the config key that raises it).
pub fn open_capped(path: &Path, max_bytes: u64, limit_key: &str) -> io::Result<(File, u64)> {
    let (file, size) = open(path)?;
    if size > max_bytes {
        return Err(too_big(size, max_bytes, limit_key));
    }
    Ok((file, size))
}

/// The whole of a regular file of at most `max_bytes` (a file that grows
/// past the cap while it is read is refused too).
pub fn read_capped(path: &Path, max_bytes: u64, limit_key: &str) -> io::Result<Vec<u8>> {
    let (file, size) = open_capped(path, max_bytes, limit_key)?;
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(max_bytes.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_big(bytes.len() as u64, max_bytes, limit_key));
    }
    Ok(bytes)
}

/// `read_capped` as UTF-8 text.
pub fn read_text_capped(path: &Path, max_bytes: u64, limit_key: &str) -> io::Result<String> {
    let bytes = read_capped(path, max_bytes, limit_key)?;
    String::from_utf8(bytes).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            "it is not UTF-8 text; expected a UTF-8 text file",
        )
    })
}

fn too_big(size: u64, max_bytes: u64, limit_key: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "it holds {:.1} MB, past the limit of {:.1} MB ({limit_key}); raise the limit if the file is genuine",
            size as f64 / 1_000_000.0,
            max_bytes as f64 / 1_000_000.0
        ),
    )
}

/// What a file that is not a regular file is, in words.
fn describe(kind: std::fs::FileType) -> &'static str {
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a file of data"
}
