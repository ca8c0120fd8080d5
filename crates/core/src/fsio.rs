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
/// A process killed mid-write leaves its temporary file behind (never a
/// half-written `path`); the next write to the same `path` removes such
/// leftovers first, since an export's temporary file may hold plaintext.
///
/// # Errors
/// [`Error::Io`] or [`Error::DiskFull`]; the temporary file is removed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = parent_dir(path);
    let name = path.file_name().map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    remove_leftover_temporaries(dir, &name);
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

/// Removes `.NAME.<12 hex>.tmp` files in `dir`: temporaries of earlier
/// writes to NAME that were killed before their rename.
fn remove_leftover_temporaries(dir: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else { continue };
        let is_leftover = file_name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .is_some_and(|hex| hex.len() == 12 && hex.bytes().all(|b| b.is_ascii_hexdigit()));
        if is_leftover {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Fills `buf` from the operating system's random source.
///
/// # Errors
/// [`Error::Io`] if the system has no randomness to give.
pub fn fill_random(buf: &mut [u8]) -> Result<()> {
    getrandom::getrandom(buf)
        .map_err(|e| Error::io("the system gave no randomness", std::io::Error::other(e.to_string())))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_replaces_whole_and_clears_leftovers_of_its_own_target_only() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("export.json");
        let leftover = dir.path().join(".export.json.0123456789ab.tmp");
        let other = dir.path().join(".other.json.0123456789ab.tmp");
        let lookalike = dir.path().join(".export.json.notours.tmp");
        for path in [&leftover, &other, &lookalike] {
            fs::write(path, "plaintext from a killed export").unwrap();
        }
        write_atomically(&target, b"new").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new");
        assert!(!leftover.exists());
        assert!(other.exists() && lookalike.exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&target).unwrap().permissions().mode() & 0o777, PRIVATE_FILE_MODE);
        }
    }
}
