//! Starting over from a backup: a new journal made from a backup's content,
//! with whatever journal files were there kept, set aside, never deleted.
//!
//! This is the way back when a journal cannot be opened — its files are
//! damaged, its key file is lost, or its passphrase is forgotten. The old
//! files are moved, whole and unread, into a `set-aside-…` folder beside the
//! journal, where the user (or a data-recovery expert) can still get at them.
//!
//! The order of the steps is what makes a crash at any point safe:
//!
//! 1. The new journal is built completely in a staging folder beside the
//!    journal (`.ketalog-restore`): created, filled in one transaction,
//!    checkpointed and closed. Until this is done, nothing of the old
//!    journal has been touched.
//! 2. The old journal's files are renamed into the set-aside folder.
//! 3. The new database is renamed into place, and its key file last, since
//!    the key file is what makes a journal exist (as in [`Vault::create`]).
//!
//! A crash during 1 leaves the old journal as it was (and a staging folder
//! that the next attempt removes); during 2 or 3, the old files are in the
//! set-aside folder and the journal is either absent or, between the last
//! two renames, a database without its key file. Both read as "no usable
//! journal", and restoring again from the same backup completes the job.
//! The backup file itself is only read.

use std::fs;
use std::path::{Path, PathBuf};

use secrecy::SecretString;

use super::{ImportMode, ImportSummary, Vault, journal_files};
use crate::error::{Error, Result};
use crate::fsio;
use crate::model::Journal;
use crate::time::Timestamp;

/// The staging folder's name, beside the journal.
pub(super) const STAGING: &str = ".ketalog-restore";
/// How the folders of set-aside journal files begin, beside the journal.
pub(super) const SET_ASIDE_PREFIX: &str = "set-aside-";

/// A new journal made by [`restore_as_new`].
#[derive(Debug)]
pub struct FreshJournal {
    /// The new journal, open.
    pub vault: Vault,
    /// What the restore wrote.
    pub summary: ImportSummary,
    /// The folder the earlier journal's files were moved to, if there were any.
    pub set_aside: Option<PathBuf>,
}

fn rename(from: &Path, to: &Path) -> Result<()> {
    fs::rename(from, to).map_err(|e| Error::io(format!("cannot move {} to {}", from.display(), to.display()), e))
}

/// Makes a new journal at `db` holding exactly `journal`, locked with
/// `passphrase`. Any journal files already at `db` are moved into a new
/// folder `set-aside-<time>` beside it, unread; nothing is deleted.
///
/// `now` stamps the restored records and names the set-aside folder.
///
/// # Errors
/// [`Error::Invalid`] if `journal` does not validate (then nothing was
/// touched), [`Error::Io`] or [`Error::DiskFull`] if a step fails. A failure
/// before the old files are moved leaves them where they were; see the module
/// documentation for the steps after.
pub fn restore_as_new(db: &Path, passphrase: &SecretString, journal: &Journal, now: Timestamp) -> Result<FreshJournal> {
    let dir = fsio::parent_dir(db);
    fsio::create_private_dir(dir)?;
    let name = db
        .file_name()
        .ok_or_else(|| Error::io("the journal path names no file", std::io::ErrorKind::InvalidInput.into()))?;

    // 1. Build the new journal in the staging folder.
    let staging = dir.join(STAGING);
    if staging.exists() {
        // Left by an attempt that was interrupted: at most a copy of a backup.
        fs::remove_dir_all(&staging)
            .map_err(|e| Error::io(format!("cannot remove the unfinished restore {}", staging.display()), e))?;
    }
    fsio::create_private_dir(&staging)?;
    let staged = staging.join(name);
    let summary = build(&staged, passphrase, journal, now).inspect_err(|_| {
        let _ = fs::remove_dir_all(&staging);
    })?;

    // 2. Set the old journal's files aside.
    let set_aside = set_aside(db, now)?;

    // 3. Put the new one in place, key file last.
    for (from, to) in journal_files(&staged).iter().zip(journal_files(db).iter()) {
        if from.exists() {
            rename(from, to)?;
        }
    }
    fsio::sync_dir(dir)?;
    let _ = fs::remove_dir(&staging);

    let vault = Vault::open(db, passphrase)?;
    Ok(FreshJournal { vault, summary, set_aside })
}

/// Creates the journal at `staged`, restores `journal` into it and closes it
/// with everything in the database file itself.
fn build(staged: &Path, passphrase: &SecretString, journal: &Journal, now: Timestamp) -> Result<ImportSummary> {
    let mut vault = Vault::create(staged, passphrase)?;
    let summary = vault.import(journal, ImportMode::Replace, now)?;
    vault.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    drop(vault);
    fsio::sync_dir(fsio::parent_dir(staged))?;
    Ok(summary)
}

/// Moves whatever files of the journal at `db` exist into a new folder
/// `set-aside-<UTC time>` beside it. `None` when there were none.
fn set_aside(db: &Path, now: Timestamp) -> Result<Option<PathBuf>> {
    let present: Vec<PathBuf> = journal_files(db).into_iter().filter(|f| f.exists()).collect();
    if present.is_empty() {
        return Ok(None);
    }
    let dir = fsio::parent_dir(db);
    let stamp = now.utc().format("%Y-%m-%dT%H%M%SZ");
    let mut folder = dir.join(format!("{SET_ASIDE_PREFIX}{stamp}"));
    let mut n = 1;
    while folder.exists() {
        n += 1;
        folder = dir.join(format!("{SET_ASIDE_PREFIX}{stamp}-{n}"));
    }
    fsio::create_private_dir(&folder)?;
    // The key file first: from this moment the old journal no longer
    // "exists", and nothing can open half of it.
    for file in present.iter().rev() {
        let file_name = file.file_name().unwrap_or_default();
        rename(file, &folder.join(file_name))?;
    }
    fsio::sync_dir(&folder)?;
    fsio::sync_dir(dir)?;
    Ok(Some(folder))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    fn pass(text: &str) -> SecretString {
        SecretString::from(text.to_owned())
    }

    fn now() -> Timestamp {
        Timestamp::parse("2026-11-21T10:15:00+01:00").expect("valid time")
    }

    fn damage(db: &Path) {
        let mut bytes = fs::read(db).expect("read db");
        for page in bytes.chunks_mut(4096) {
            page[100] ^= 0xff;
        }
        fs::write(db, bytes).expect("write db");
    }

    #[test]
    fn a_damaged_journal_is_set_aside_untouched_and_the_backup_becomes_the_journal() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("journal.db");
        let old = demo::journal(now().local_day());
        let mut vault = Vault::create(&db, &pass("old passphrase")).expect("create");
        vault.import(&old, ImportMode::Replace, now()).expect("import");
        drop(vault);
        damage(&db);
        let damaged_db = fs::read(&db).expect("read");
        let damaged_key = fs::read(super::super::key_path(&db)).expect("read key");
        assert!(matches!(Vault::open(&db, &pass("old passphrase")), Err(Error::Corrupt(_))));

        let backup = demo::journal(now().local_day());
        let fresh = restore_as_new(&db, &pass("new passphrase"), &backup, now()).expect("restore");

        let folder = fresh.set_aside.expect("set aside");
        assert_eq!(folder, dir.path().join("set-aside-2026-11-21T091500Z"));
        assert_eq!(fs::read(folder.join("journal.db")).expect("read"), damaged_db);
        assert_eq!(fs::read(folder.join("journal.db.key")).expect("read"), damaged_key);
        let restored = fresh.vault.journal().expect("load");
        assert_eq!(restored.sessions, backup.sessions);
        assert_eq!(restored.phq9, backup.phq9);
        assert_eq!(restored.profile, backup.profile);
        drop(fresh.vault);
        assert!(matches!(Vault::open(&db, &pass("old passphrase")), Err(Error::WrongPassphrase)));
        Vault::open(&db, &pass("new passphrase")).expect("new passphrase opens").check_integrity().expect("clean");
        assert!(!dir.path().join(STAGING).exists());
    }

    #[test]
    fn without_an_earlier_journal_nothing_is_set_aside() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("sub").join("journal.db");
        let fresh =
            restore_as_new(&db, &pass("a passphrase"), &demo::journal(now().local_day()), now()).expect("restore");
        assert!(fresh.set_aside.is_none());
        assert!(!fresh.vault.journal().expect("load").checkins.is_empty());
    }

    #[test]
    fn a_second_restore_sets_aside_into_its_own_folder_and_clears_an_unfinished_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("journal.db");
        let journal = demo::journal(now().local_day());
        drop(restore_as_new(&db, &pass("first passphrase"), &journal, now()).expect("first"));
        // An interrupted attempt left its staging folder.
        fs::create_dir(dir.path().join(STAGING)).expect("mkdir");
        fs::write(dir.path().join(STAGING).join("journal.db"), b"half").expect("write");
        let second = restore_as_new(&db, &pass("second passphrase"), &journal, now()).expect("second");
        assert_eq!(second.set_aside, Some(dir.path().join("set-aside-2026-11-21T091500Z")));
        drop(second);
        let third = restore_as_new(&db, &pass("third passphrase"), &journal, now()).expect("third");
        assert_eq!(third.set_aside, Some(dir.path().join("set-aside-2026-11-21T091500Z-2")));
        assert!(!dir.path().join(STAGING).exists());
    }

    #[test]
    fn an_invalid_journal_touches_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("journal.db");
        drop(Vault::create(&db, &pass("old passphrase")).expect("create"));
        let before = fs::read(&db).expect("read");
        let mut bad = demo::journal(now().local_day());
        bad.phq9[0].items[0] = 7;
        let err = restore_as_new(&db, &pass("new passphrase"), &bad, now()).expect_err("refused");
        assert!(matches!(err, Error::Document(_)), "{err}");
        assert_eq!(fs::read(&db).expect("read"), before);
        Vault::open(&db, &pass("old passphrase")).expect("old journal still opens");
        assert!(!dir.path().join(STAGING).exists());
    }
}
