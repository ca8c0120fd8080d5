//! Files Ketalog writes outside the journal: exports, CSV folders, reports
//! and backups. Whatever path the user gives — relative, through `..`, a
//! symbolic link or a hard link — none of them may replace or write into
//! the journal's own files (database, write-ahead log, shared memory, key
//! file) or the folders that keep a journal's files set aside.

use std::fs;
use std::path::{Path, PathBuf};

#[cfg(unix)]
use std::os::unix::fs::MetadataExt;

use super::fresh::{SET_ASIDE_PREFIX, STAGING};
use super::journal_files;
use crate::error::{Error, Result};
use crate::fsio;

/// Writes `bytes` to `out` (atomically, owner-only) after checking that
/// `out` is not part of the journal at `db`.
///
/// # Errors
/// [`Error::JournalFile`] when it is; otherwise as [`fsio::write_atomically`].
pub fn write_outside(db: &Path, out: &Path, bytes: &[u8]) -> Result<()> {
    check_target(db, out)?;
    fsio::write_atomically(out, bytes)
}

/// Refuses `out` as a file to write when it is one of the journal's files
/// (by name, or the same file under another name), or lies in a folder that
/// keeps journal files aside.
///
/// # Errors
/// [`Error::JournalFile`] naming `out`.
pub fn check_target(db: &Path, out: &Path) -> Result<()> {
    let refused = || Error::JournalFile(out.to_owned());
    let Some(resolved) = resolve(out) else {
        // The folder does not exist: the write fails on its own, naming it.
        return Ok(());
    };
    for file in journal_files(db) {
        if resolve(&file).is_some_and(|journal_file| journal_file == resolved) || same_file(&file, out) {
            return Err(refused());
        }
    }
    if let Some(folder) = resolved.parent()
        && in_kept_folder(db, folder)
    {
        return Err(refused());
    }
    Ok(())
}

/// Refuses `dir` as a folder to write exports into when it is a folder that
/// keeps journal files aside (or lies in one), or names a journal file.
///
/// # Errors
/// [`Error::JournalFile`] naming `dir`.
pub fn check_folder(db: &Path, dir: &Path) -> Result<()> {
    check_target(db, dir)?;
    if let Ok(resolved) = dir.canonicalize()
        && in_kept_folder(db, &resolved)
    {
        return Err(Error::JournalFile(dir.to_owned()));
    }
    Ok(())
}

/// `path` with its folder resolved (links, `..`, relative parts) and its
/// own links followed when it exists. `None` when its folder does not exist.
fn resolve(path: &Path) -> Option<PathBuf> {
    if let Ok(full) = path.canonicalize() {
        return Some(full);
    }
    let dir = fsio::parent_dir(path).canonicalize().ok()?;
    Some(dir.join(path.file_name()?))
}

/// Whether both paths exist and are one file (hard links included).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        match (fs::metadata(a), fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

/// Whether the resolved folder `folder` is, or lies inside, a set-aside or
/// staging folder of the journal at `db`.
fn in_kept_folder(db: &Path, folder: &Path) -> bool {
    let Ok(journal_dir) = fsio::parent_dir(db).canonicalize() else { return false };
    let Ok(inside) = folder.strip_prefix(&journal_dir) else { return false };
    inside.components().next().is_some_and(|first| {
        let name = first.as_os_str().to_string_lossy();
        name.starts_with(SET_ASIDE_PREFIX) || name == STAGING
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Journal {
        _dir: tempfile::TempDir,
        db: PathBuf,
    }

    fn journal() -> Journal {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("data").join("journal.db");
        fs::create_dir_all(db.parent().unwrap().join("set-aside-2026-11-21T091500Z")).unwrap();
        fs::create_dir_all(db.parent().unwrap().join(".ketalog-restore")).unwrap();
        for file in journal_files(&db) {
            fs::write(file, b"journal bytes").unwrap();
        }
        Journal { _dir: dir, db }
    }

    #[test]
    fn every_spelling_of_a_journal_file_is_refused() {
        let j = journal();
        let dir = j.db.parent().unwrap();
        let outside = dir.parent().unwrap();
        std::os::unix::fs::symlink(&j.db, outside.join("link.json")).unwrap();
        std::os::unix::fs::symlink(dir, outside.join("linked-dir")).unwrap();
        fs::hard_link(&j.db, outside.join("hard.json")).unwrap();
        let refused = [
            j.db.clone(),
            dir.join("journal.db-wal"),
            dir.join("journal.db-shm"),
            dir.join("journal.db.key"),
            dir.join("journal.db-journal"),
            dir.join("..").join("data").join("journal.db"),
            dir.join(".").join("journal.db.key"),
            outside.join("link.json"),
            outside.join("linked-dir").join("journal.db"),
            outside.join("hard.json"),
            dir.join("set-aside-2026-11-21T091500Z").join("export.json"),
            dir.join(".ketalog-restore").join("x.pdf"),
        ];
        for path in refused {
            assert!(matches!(check_target(&j.db, &path), Err(Error::JournalFile(_))), "{}", path.display());
        }
        for path in [outside.join("export.json"), dir.join("export.json"), outside.join("journal.db.pdf")] {
            check_target(&j.db, &path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }

    #[test]
    fn relative_paths_resolve_against_the_working_folder() {
        let j = journal();
        let here = std::env::current_dir().unwrap();
        let relative = pathdiff(&j.db, &here);
        assert!(check_target(&j.db, &relative).is_err(), "{}", relative.display());
    }

    /// `target` as a path relative to `base` (through `..` as needed).
    fn pathdiff(target: &Path, base: &Path) -> PathBuf {
        let up = base.components().count() - 1;
        let mut path = PathBuf::new();
        for _ in 0..up {
            path.push("..");
        }
        path.join(target.strip_prefix("/").unwrap())
    }

    #[test]
    fn set_aside_folders_are_refused_for_csv_exports() {
        let j = journal();
        let dir = j.db.parent().unwrap();
        assert!(check_folder(&j.db, &dir.join("set-aside-2026-11-21T091500Z")).is_err());
        assert!(check_folder(&j.db, &j.db).is_err());
        check_folder(&j.db, &dir.parent().unwrap().join("csv")).unwrap();
    }

    #[test]
    fn a_refused_write_leaves_the_file_as_it_was() {
        let j = journal();
        let err = write_outside(&j.db, &j.db.with_extension("db.key"), b"{}").unwrap_err();
        assert!(err.to_string().contains("part of the journal itself"), "{err}");
        assert_eq!(fs::read(super::super::key_path(&j.db)).unwrap(), b"journal bytes");
    }
}
