//! Durable, private file writes.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
#[cfg(unix)]
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;

use crate::error::{Error, Result};

/// Owner read/write only.
pub const PRIVATE_FILE_MODE: u32 = 0o600;
/// Owner only.
pub const PRIVATE_DIR_MODE: u32 = 0o700;

/// Creates `dir` and its parents, owner-only where this process creates them.
///
/// # Errors
/// [`Error::Io`] naming the folder.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    builder.mode(PRIVATE_DIR_MODE);
    builder.create(dir).map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))
}

/// Opens a new file that must not exist yet, readable by the owner only.
///
/// # Errors
/// [`Error::Io`] naming the file, including when it already exists.
pub fn create_private_file(path: &Path) -> Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    options.mode(PRIVATE_FILE_MODE);
    options.open(path).map_err(|e| Error::io(format!("cannot create {}", path.display()), e))
}

/// Writes `bytes` to `path` so that `path` holds either its old content or
/// all of the new, never part: a private temporary file in the same folder,
/// flushed to disk, renamed over `path`, then the folder flushed.
///
/// # Errors
/// [`Error::Io`] or [`Error::DiskFull`]; the temporary file is removed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = parent_dir(path);
    let name = path.file_name().map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let mut suffix = [0u8; 6];
    fill_random(&mut suffix)?;
    let hex: String = suffix.iter().map(|b| format!("{b:02x}")).collect();
    let temp = dir.join(format!(".{name}.{hex}.tmp"));
    let result = (|| {
        let mut file = create_private_file(&temp)?;
        file.write_all(bytes).map_err(|e| Error::io(format!("cannot write {}", temp.display()), e))?;
        file.sync_all().map_err(|e| Error::io(format!("cannot flush {}", temp.display()), e))?;
        drop(file);
        fs::rename(&temp, path).map_err(|e| Error::io(format!("cannot replace {}", path.display()), e))?;
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Fills `buf` from the operating system's random source.
///
/// # Errors
/// [`Error::Io`] if the system has no randomness to give.
pub fn fill_random(buf: &mut [u8]) -> Result<()> {
    getrandom::getrandom(buf).map_err(|e| Error::io("the system gave no randomness", std::io::Error::other(e.to_string())))
}

/// Flushes a folder's entries (new names, renames) to disk.
///
/// # Errors
/// [`Error::Io`] naming the folder.
pub fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(format!("cannot flush folder {}", dir.display()), e))?;
    Ok(())
}

/// The folder holding `path` (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}
