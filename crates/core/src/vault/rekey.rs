//! Re-encrypting the journal under a new data key, with a new passphrase.
//!
//! A passphrase change alone only re-wraps the data key: a copy of the old
//! key file, taken before, still opens the journal with the old passphrase.
//! Re-encryption revokes such copies: the database is rewritten under a new
//! data key, and only the new key file holds it.
//!
//! The steps, and why a crash at any moment leaves a journal that opens
//! whole with the old passphrase or with the new one:
//!
//! 1. The database is copied, encrypted with a new random key, into
//!    `journal.db.rekey` beside it (SQLCipher's `sqlcipher_export`), and
//!    the copy is flushed to disk. The journal itself is untouched: the old
//!    passphrase opens it; the copy is removed by the next attempt or open.
//! 2. The connection is closed, which folds the write-ahead log into the
//!    database and removes it. If the log is still there, another program
//!    has the journal open, and the change stops here.
//! 3. The key file is replaced (one rename) by a version-2 key file sealed
//!    under the new passphrase and holding both keys, new first. From now on
//!    only the new passphrase opens the journal, whichever key the database
//!    is encrypted with.
//! 4. The copy is renamed over the database (one rename).
//! 5. The key file is replaced by a version-1 key file holding the new key
//!    alone.
//!
//! Opening a journal whose key file holds two keys (a crash between 3 and
//! 5) tries the new key, then the old one, keeps the one that opens the
//! database, writes the key file with it alone and removes any copy: the
//! change is finished, or rolled back to the old key under the new
//! passphrase.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::params;
use secrecy::SecretString;

use super::{Vault, key, key_path, migrations::SCHEMA_VERSION, with_suffix};
use crate::error::{Error, Result};
use crate::fsio;

/// The re-encrypted copy of the database at `db`, while a change is under way.
pub(super) fn staged_path(db: &Path) -> PathBuf {
    with_suffix(db, ".rekey")
}

fn remove_staged(db: &Path) -> Result<()> {
    let staged = staged_path(db);
    match fs::remove_file(&staged) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(Error::io(format!("cannot remove {}", staged.display()), e))
        }
        _ => Ok(()),
    }
}

impl Vault {
    /// Replaces the passphrase and re-encrypts the whole journal under a new
    /// data key, so that no earlier copy of the key file opens it any more.
    /// Killed at any moment, the old or the new passphrase opens the whole
    /// journal (see the module documentation). The journal must not be
    /// open elsewhere; the app closes its own connection first.
    ///
    /// # Errors
    /// [`Error::WrongPassphrase`] if `old` does not open the journal;
    /// [`Error::InUse`] when another program has it open; I/O errors. In
    /// every case the journal opens with one of the two passphrases.
    pub fn change_passphrase_and_rekey(db: &Path, old: &SecretString, new: &SecretString) -> Result<()> {
        let (vault, previous) = Self::unlock(db, old)?;
        remove_staged(db)?;
        let next = key::DataKey::generate()?;
        let staged = staged_path(db);

        // 1. The copy under the new key.
        let copied = vault.copy_encrypted(&staged, &next).and_then(|()| {
            let file =
                fs::File::open(&staged).map_err(|e| Error::io(format!("cannot open {}", staged.display()), e))?;
            file.sync_all().map_err(|e| Error::io(format!("cannot flush {}", staged.display()), e))
        });
        if let Err(e) = copied {
            drop(vault);
            let _ = remove_staged(db);
            return Err(e);
        }

        // 2. Closing folds the write-ahead log into the database.
        drop(vault);
        if with_suffix(db, "-wal").exists() || with_suffix(db, "-shm").exists() {
            remove_staged(db)?;
            return Err(Error::InUse(db.to_owned()));
        }

        // 3. Both keys, under the new passphrase.
        key::write(&key_path(db), &key::seal_pair(&next, &previous, new)?)?;
        // 4. The copy takes the database's place.
        fs::rename(&staged, db).map_err(|e| Error::io(format!("cannot replace {}", db.display()), e))?;
        fsio::sync_dir(fsio::parent_dir(db))?;
        // 5. The new key alone.
        key::write(&key_path(db), &key::seal(&next, new)?)
    }

    /// Writes a copy of the whole database to the new file `to`, encrypted
    /// with `key`, with the same schema version.
    fn copy_encrypted(&self, to: &Path, key: &key::DataKey) -> Result<()> {
        drop(fsio::create_private_file(to)?);
        let path = to.to_str().ok_or_else(|| {
            Error::io(
                format!("{} is not a valid file name here", to.display()),
                std::io::ErrorKind::InvalidInput.into(),
            )
        })?;
        self.conn.execute("ATTACH DATABASE ?1 AS rekeyed KEY ?2", params![path, &*key.raw_key_literal()])?;
        let copied = self
            .conn
            .query_row("SELECT sqlcipher_export('rekeyed')", [], |_| Ok(()))
            .and_then(|()| self.conn.pragma_update(Some("rekeyed"), "user_version", SCHEMA_VERSION));
        let detached = self.conn.execute("DETACH DATABASE rekeyed", []);
        copied?;
        detached?;
        Ok(())
    }
}

/// Opens the journal at `db` whose key file holds two keys (an interrupted
/// re-encryption): keeps whichever opens the database, writes the key file
/// with it alone under `passphrase`, and removes any copy.
pub(super) fn finish(
    db: &Path,
    passphrase: &SecretString,
    next: key::DataKey,
    previous: key::DataKey,
) -> Result<(Vault, key::DataKey)> {
    let (vault, key) = match Vault::connect(db, &next) {
        Ok(vault) => (vault, next),
        Err(Error::Corrupt(_)) => (Vault::connect(db, &previous)?, previous),
        Err(other) => return Err(other),
    };
    remove_staged(db)?;
    key::write(&key_path(db), &key::seal(&key, passphrase)?)?;
    Ok((vault, key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Timestamp;
    use crate::model::CheckIn;

    fn pass(s: &str) -> SecretString {
        SecretString::from(s.to_owned())
    }

    fn journal_with_a_record() -> (tempfile::TempDir, PathBuf, CheckIn) {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("journal.db");
        let mut vault = Vault::create(&db, &pass("old passphrase")).unwrap();
        let record: CheckIn = serde_json::from_value(serde_json::json!({
            "id": uuid::Uuid::from_u128(7), "at": "2026-03-01T10:00:00-05:00", "mood": 6, "notes": "canary-rekey"
        }))
        .unwrap();
        vault.save(&record, Timestamp::parse("2026-03-01T10:00:00-05:00").unwrap()).unwrap();
        (dir, db, record)
    }

    #[test]
    fn an_old_key_file_no_longer_opens_the_journal() {
        let (_dir, db, record) = journal_with_a_record();
        let old_key_file = fs::read(key_path(&db)).unwrap();
        Vault::change_passphrase_and_rekey(&db, &pass("old passphrase"), &pass("new passphrase")).unwrap();
        let vault = Vault::open(&db, &pass("new passphrase")).unwrap();
        assert_eq!(vault.journal().unwrap().checkins, vec![record]);
        vault.check_integrity().unwrap();
        drop(vault);
        assert!(!staged_path(&db).exists());
        // The copy of the key file an attacker kept: the old passphrase
        // unwraps the old key, which no longer decrypts the database.
        fs::write(key_path(&db), &old_key_file).unwrap();
        assert!(matches!(Vault::open(&db, &pass("old passphrase")), Err(Error::Corrupt(_))));
    }

    #[test]
    fn a_wrong_passphrase_changes_nothing() {
        let (_dir, db, _) = journal_with_a_record();
        let before = (fs::read(&db).unwrap(), fs::read(key_path(&db)).unwrap());
        let err = Vault::change_passphrase_and_rekey(&db, &pass("not it at all"), &pass("new passphrase"));
        assert!(matches!(err, Err(Error::WrongPassphrase)));
        assert_eq!(fs::read(key_path(&db)).unwrap(), before.1);
        Vault::open(&db, &pass("old passphrase")).unwrap();
    }

    #[test]
    fn a_journal_open_elsewhere_is_not_re_encrypted() {
        let (_dir, db, _) = journal_with_a_record();
        let elsewhere = Vault::open(&db, &pass("old passphrase")).unwrap();
        let err = Vault::change_passphrase_and_rekey(&db, &pass("old passphrase"), &pass("new passphrase"));
        assert!(matches!(err, Err(Error::InUse(_))), "{err:?}");
        drop(elsewhere);
        assert!(!staged_path(&db).exists());
        Vault::open(&db, &pass("old passphrase")).unwrap();
    }

    /// Each state a crash can leave, built by hand: the key file holding
    /// both keys, with the database still under the old key (crash before
    /// step 4) or already under the new one (crash before step 5).
    #[test]
    fn an_interrupted_change_finishes_or_rolls_back_on_open() {
        for renamed in [false, true] {
            let (_dir, db, record) = journal_with_a_record();
            let (vault, previous) = Vault::unlock(&db, &pass("old passphrase")).unwrap();
            let next = key::DataKey::generate().unwrap();
            vault.copy_encrypted(&staged_path(&db), &next).unwrap();
            drop(vault);
            key::write(&key_path(&db), &key::seal_pair(&next, &previous, &pass("new passphrase")).unwrap()).unwrap();
            if renamed {
                fs::rename(staged_path(&db), &db).unwrap();
            }
            assert!(matches!(Vault::open(&db, &pass("old passphrase")), Err(Error::WrongPassphrase)));
            let vault = Vault::open(&db, &pass("new passphrase")).unwrap();
            assert_eq!(vault.journal().unwrap().checkins, vec![record.clone()], "renamed: {renamed}");
            drop(vault);
            assert!(!staged_path(&db).exists());
            assert_eq!(fs::read(key_path(&db)).unwrap().len(), 97, "one key again");
            Vault::open(&db, &pass("new passphrase")).unwrap();
        }
    }
}
