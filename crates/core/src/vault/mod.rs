//! The encrypted journal on disk.
//!
//! A vault is two files: the SQLCipher database (`journal.db`, with its
//! `-wal` and `-shm` companions while open) and the key file
//! (`journal.db.key`, see [`key`]). Both are created owner-only.

mod changes;
mod fresh;
pub mod key;
mod migrations;
mod outside;
mod rekey;
mod sync_here;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, params};
use secrecy::SecretString;
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::record::KindVisitor;

pub use changes::{Change, MergeSummary, Outgoing, SyncSetup, Version, Written};
pub use fresh::{FreshJournal, restore_as_new};
pub use migrations::SCHEMA_VERSION;
pub use outside::{check_folder as check_output_folder, check_target as check_output_target, write_outside};
pub use sync_here::{ChangedElsewhere, NOTICE_DAYS, SyncHere};

use crate::document::validate_journal;
use crate::error::{Error, Result};
use crate::fsio;
use crate::model::{Acknowledgement, FieldError, Journal, Profile, ProfileChange, RecordTimes};
use crate::time::Timestamp;

pub use crate::record::{AnyRecord, Record, RecordKind};

/// How an import treats what the journal already holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    /// Records with a known id replace the stored one; others are added;
    /// nothing is removed. Importing the same document twice changes
    /// nothing. The profile (clinician, crisis line, settings) is left as
    /// it is, whatever the document holds.
    Merge,
    /// As [`ImportMode::Merge`], and the profile settings the document
    /// sets replace the journal's: only after the user has seen
    /// [`ImportMode::profile_changes`] and agreed.
    MergeWithProfile,
    /// The journal becomes exactly the document, profile included (shown
    /// first with [`ImportMode::profile_changes`]).
    Replace,
    /// Only records (and acknowledgements) whose id the journal does not
    /// hold are added; one it holds is left exactly as it is, whatever the
    /// document says, so that what the user changed since (tags, notes, a
    /// mood set right) stays. Counted as unchanged. The profile is left as
    /// it is. Records read from another app's export are imported so
    /// ([`crate::imports`]): importing the same file again changes nothing,
    /// even after the user edited what it brought.
    AddNew,
}

impl ImportMode {
    /// The profile the journal would have after importing a document whose
    /// profile is `incoming` into a journal whose profile is `current`.
    pub fn profile_after(self, current: &Profile, incoming: &Profile) -> Profile {
        match self {
            Self::Merge | Self::AddNew => current.clone(),
            Self::MergeWithProfile => current.merged_with(incoming),
            Self::Replace => incoming.clone(),
        }
    }

    /// The profile settings this import would change, field by field.
    pub fn profile_changes(self, current: &Profile, incoming: &Profile) -> Vec<ProfileChange> {
        current.changes_to(&self.profile_after(current, incoming))
    }
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportSummary {
    /// Records (and acknowledgements) that were new.
    pub added: usize,
    /// Records whose stored content changed.
    pub updated: usize,
    /// Records already stored exactly so (or, adding only new records,
    /// already stored and left as they are).
    pub unchanged: usize,
    /// Records removed (replace only).
    pub removed: usize,
    /// The profile settings that changed.
    pub profile_changes: Vec<ProfileChange>,
}

/// An open, unlocked journal. Dropping it closes the database and wipes the key.
pub struct Vault {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault").field("path", &self.path).finish_non_exhaustive()
    }
}

/// The key file that belongs to a database path.
pub fn key_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".key");
    PathBuf::from(name)
}

/// The reminder schedule that belongs to a database path: kept beside the
/// journal only while notifications are on ([`crate::schedule::Schedule`]).
pub fn schedule_path(db: &Path) -> PathBuf {
    with_suffix(db, ".schedule")
}

/// The files of the journal at `db` (database, its write-ahead log,
/// shared-memory index and rollback journal, a re-encrypted copy, reminder
/// schedule, key file), in the order they are put in place: the key file last.
fn journal_files(db: &Path) -> [PathBuf; 7] {
    // A rollback journal exists only while SQLite changes journal modes; the
    // re-encrypted copy only during a passphrase change with re-encryption.
    [
        db.to_owned(),
        with_suffix(db, "-wal"),
        with_suffix(db, "-shm"),
        with_suffix(db, "-journal"),
        rekey::staged_path(db),
        schedule_path(db),
        key_path(db),
    ]
}

/// `db` with `suffix` appended to its file name.
fn with_suffix(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Reads the key file beside `db` and unwraps what it holds.
fn unwrap_key_file(db: &Path, passphrase: &SecretString) -> Result<key::Unwrapped> {
    let key_file = key_path(db);
    match (db.exists(), key_file.exists()) {
        (false, false) => return Err(Error::NoJournal(db.to_owned())),
        (true, false) => {
            return Err(Error::Corrupt(format!(
                "the key file {} is missing; restore it, or restore the journal from a backup",
                key_file.display()
            )));
        }
        (false, true) => {
            return Err(Error::Corrupt(format!("the database {} is missing", db.display())));
        }
        (true, true) => {}
    }
    key::open(&key::read(&key_file)?, passphrase)
}

/// Refuses a journal that other users of this computer could tamper with:
/// a folder they can write to (they could swap the journal's files), or a
/// write-ahead log or shared-memory file that someone other than the
/// database's owner left there (SQLite would replay or trust it).
fn check_ownership(db: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let dir = fsio::parent_dir(db);
        let folder = std::fs::metadata(dir).map_err(|e| Error::io(format!("cannot read {}", dir.display()), e))?;
        if folder.mode() & 0o022 != 0 {
            return Err(Error::Unsafe(format!(
                "other users of this computer can change the folder {0}, so they could replace the journal's files; \
                 make it private (chmod 700 {0}) or keep the journal in a folder of your own",
                dir.display()
            )));
        }
        let Ok(database) = std::fs::metadata(db) else { return Ok(()) };
        for companion in [with_suffix(db, "-wal"), with_suffix(db, "-shm")] {
            if let Ok(meta) = std::fs::metadata(&companion)
                && meta.uid() != database.uid()
            {
                return Err(Error::Unsafe(format!(
                    "{} belongs to another user than the journal; it is not used. Remove it if you did not expect it",
                    companion.display()
                )));
            }
        }
    }
    Ok(())
}

/// Whether anything of a journal exists at `db`.
pub fn exists(db: &Path) -> bool {
    db.exists() || key_path(db).exists()
}

impl Vault {
    /// Creates a new, empty journal at `db` locked with `passphrase`.
    ///
    /// # Errors
    /// [`Error::AlreadyExists`] if a database or key file is there already.
    pub fn create(db: &Path, passphrase: &SecretString) -> Result<Self> {
        if exists(db) {
            return Err(Error::AlreadyExists(db.to_owned()));
        }
        fsio::create_private_dir(fsio::parent_dir(db))?;
        let key = key::DataKey::generate()?;
        let sealed = key::seal(&key, passphrase)?;
        // The database is created first; the key file, renamed into place
        // last, is what makes the journal exist.
        drop(fsio::create_private_file(db)?);
        let result = Self::connect(db, &key).and_then(|vault| {
            key::write(&key_path(db), &sealed)?;
            Ok(vault)
        });
        if result.is_err() {
            // The key file was never written; remove what the database left.
            let files = journal_files(db);
            for file in files.split_last().map_or(&[][..], |(_key, rest)| rest) {
                let _ = std::fs::remove_file(file);
            }
        }
        result
    }

    /// Opens the journal at `db` with `passphrase`.
    ///
    /// # Errors
    /// [`Error::NoJournal`], [`Error::WrongPassphrase`], [`Error::Corrupt`],
    /// [`Error::NewerSchema`].
    pub fn open(db: &Path, passphrase: &SecretString) -> Result<Self> {
        Ok(Self::unlock(db, passphrase)?.0)
    }

    /// Opens the journal and returns the data key that opened it. A key file
    /// left by an interrupted re-encryption is resolved first (see
    /// [`Vault::change_passphrase_and_rekey`]).
    fn unlock(db: &Path, passphrase: &SecretString) -> Result<(Self, key::DataKey)> {
        match unwrap_key_file(db, passphrase)? {
            key::Unwrapped::Key(key) => Ok((Self::connect(db, &key)?, key)),
            key::Unwrapped::Pair { next, previous } => rekey::finish(db, passphrase, next, previous),
        }
    }

    /// Replaces the passphrase. The data key and the database stay as they
    /// are; only the key file is replaced, by one atomic rename. A copy of
    /// the old key file, taken before, still opens the journal with the old
    /// passphrase: [`Vault::change_passphrase_and_rekey`] revokes it.
    ///
    /// # Errors
    /// [`Error::WrongPassphrase`] if `old` does not open the journal; then nothing changed.
    pub fn change_passphrase(db: &Path, old: &SecretString, new: &SecretString) -> Result<()> {
        // The key must open this very database before it is sealed again.
        let (vault, key) = Self::unlock(db, old)?;
        drop(vault);
        let sealed = key::seal(&key, new)?;
        key::write(&key_path(db), &sealed)
    }

    fn connect(db: &Path, key: &key::DataKey) -> Result<Self> {
        check_ownership(db)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(db, flags)?;
        // SQLCipher logs decryption failures to standard error by default;
        // damage is reported through our own errors instead.
        conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(())).optional()?;
        conn.execute_batch(&key.pragma())?;
        // The first read proves the key fits the file.
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(())).map_err(|e| match Error::from(e) {
            Error::Corrupt(_) => Error::Corrupt(format!(
                "{} cannot be decrypted with its key file (not a Ketalog journal, or damaged)",
                db.display()
            )),
            other => other,
        })?;
        conn.pragma_update(None, "cipher_memory_security", "OFF")?;
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::Corrupt(format!("the journal cannot use write-ahead logging (mode {mode})")));
        }
        conn.execute_batch(
            "PRAGMA synchronous = FULL;
             PRAGMA foreign_keys = ON;
             PRAGMA temp_store = MEMORY;
             PRAGMA secure_delete = ON;
             PRAGMA busy_timeout = 5000;",
        )?;
        migrations::apply(&mut conn)?;
        Ok(Self { conn, path: db.to_owned() })
    }

    /// Caps SQLite's cache of decrypted pages at `kib` KiB (its default is
    /// 2,000 KiB). Where the records are held in memory
    /// ([`crate::open::OpenJournal`]), the cache only serves writes, and a
    /// full one would be kept for the whole time the journal is open.
    ///
    /// # Errors
    /// [`Error::Database`] when SQLite refuses the setting.
    pub fn limit_page_cache(&self, kib: u32) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", -i64::from(kib))?;
        Ok(())
    }

    /// The database path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// SQLite's and SQLCipher's integrity checks: `Ok` when both are clean.
    ///
    /// # Errors
    /// [`Error::Corrupt`] with what the checks reported.
    pub fn check_integrity(&self) -> Result<()> {
        for pragma in ["PRAGMA integrity_check", "PRAGMA cipher_integrity_check"] {
            let mut stmt = self.conn.prepare(pragma)?;
            let rows: Vec<String> = stmt.query_map([], |row| row.get(0))?.collect::<Result<_, _>>()?;
            let problems: Vec<&String> = rows.iter().filter(|r| r.as_str() != "ok").collect();
            if !problems.is_empty() {
                return Err(Error::Corrupt(format!(
                    "{pragma}: {}",
                    problems.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("; ")
                )));
            }
        }
        Ok(())
    }

    /// The profile (empty when never set).
    pub fn profile(&self) -> Result<Profile> {
        read_profile(&self.conn)
    }

    /// Replaces the profile; the fields that changed are stamped with `now`.
    ///
    /// # Errors
    /// [`Error::Invalid`] naming the field; nothing is written.
    pub fn set_profile(&mut self, profile: &Profile, now: Timestamp) -> Result<()> {
        profile.validate().map_err(|e| e.within("profile"))?;
        let tx = self.conn.transaction()?;
        changes::stamp_profile(&tx, &read_profile(&tx)?, profile, now)?;
        write_profile(&tx, profile)?;
        tx.commit()?;
        Ok(())
    }

    /// Saves a record: adds it, or replaces the stored one with the same id.
    ///
    /// # Errors
    /// [`Error::Invalid`] when a field is wrong, the id belongs to another
    /// kind of record, or (diary) the day already has an entry. Nothing is
    /// written then.
    pub fn save<R: Record>(&mut self, record: &R, now: Timestamp) -> Result<()> {
        self.save_any(&record.clone().into(), now).map(drop)
    }

    /// Saves a record of any kind: adds it, or replaces the stored one with
    /// the same id. Returns whether it was new, changed or already stored
    /// exactly so.
    ///
    /// # Errors
    /// As [`Vault::save`]; the message is a sentence naming the field in words.
    pub fn save_any(&mut self, record: &AnyRecord, now: Timestamp) -> Result<Outcome> {
        record.validate()?;
        let kind = record.kind();
        let tx = self.conn.transaction()?;
        let outcome =
            crate::record::with_record!(record, r => upsert(&tx, r, "", None, now, true)).map_err(|e| match e {
                Error::Invalid(field) => Error::Invalid(field.in_words(|path| kind.label(path))),
                other => other,
            })?;
        tx.commit()?;
        Ok(outcome)
    }

    /// Deletes a record by id, leaving a tombstone stamped `now` for sync.
    ///
    /// # Errors
    /// [`Error::NotFound`] when there is none.
    pub fn delete(&mut self, id: Uuid, now: Timestamp) -> Result<()> {
        let tx = self.conn.transaction()?;
        let kind: Option<String> = tx
            .query_row("DELETE FROM record WHERE id = ?1 RETURNING kind", [id.to_string()], |r| r.get(0))
            .optional()?;
        let Some(kind) = kind else { return Err(Error::NotFound(id.to_string())) };
        changes::stamp(&tx, &changes::record_key(id), now, Some(&kind))?;
        tx.commit()?;
        Ok(())
    }

    /// Records an acknowledgement (replacing an earlier one of the same alert).
    ///
    /// # Errors
    /// [`Error::Invalid`] naming the field.
    pub fn acknowledge(&mut self, ack: &Acknowledgement) -> Result<()> {
        ack.validate()?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO acknowledgement (alert_id, at, note, share_note) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (alert_id) DO UPDATE SET at = excluded.at, note = excluded.note, share_note = excluded.share_note",
            params![ack.alert_id, ack.at.to_rfc3339(), ack.note, ack.share_note],
        )?;
        changes::stamp(&tx, &changes::ack_key(&ack.alert_id), ack.at, None)?;
        tx.commit()?;
        Ok(())
    }

    /// Everything in the journal, each list oldest first.
    ///
    /// # Errors
    /// [`Error::Corrupt`] when a stored record no longer reads as one.
    pub fn journal(&self) -> Result<Journal> {
        let mut journal = Journal { profile: read_profile(&self.conn)?, ..Journal::default() };
        let mut stmt =
            self.conn.prepare("SELECT id, kind, body, created_at, updated_at FROM record ORDER BY at_ms, id")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id = row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
            let kind = row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
            // Borrowed from SQLite's row buffer: no copy before parsing.
            let body = row.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?;
            let kind = RecordKind::parse(kind)
                .ok_or_else(|| Error::Corrupt(format!("record {id} has an unknown kind {kind:?}")))?;
            kind.decode_into(&mut journal, body)
                .map_err(|e| Error::Corrupt(format!("stored record {id} does not read back: {e}")))?;
            journal.record_times.push(RecordTimes {
                id: parse_id(id)?,
                created_at: stored_time(row.get_ref(3)?.as_str().map_err(rusqlite::Error::from)?)?,
                updated_at: stored_time(row.get_ref(4)?.as_str().map_err(rusqlite::Error::from)?)?,
            });
        }
        drop(rows);
        let mut stmt =
            self.conn.prepare("SELECT alert_id, at, note, share_note FROM acknowledgement ORDER BY at, alert_id")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            journal.acknowledgements.push(Acknowledgement {
                alert_id: row.get(0)?,
                at: stored_time(&row.get::<_, String>(1)?)?,
                note: row.get(2)?,
                share_note: row.get(3)?,
            });
        }
        Ok(journal)
    }

    /// Writes a whole journal (a validated data document) in one transaction.
    ///
    /// # Errors
    /// [`Error::Invalid`] naming the record and field when the journal is
    /// invalid or conflicts with what is stored (an id used by another kind
    /// of record, a second diary entry for a day). Nothing is written then.
    pub fn import(&mut self, incoming: &Journal, mode: ImportMode, now: Timestamp) -> Result<ImportSummary> {
        // A document's errors name a record in the file: they read as such.
        let in_file = |e: Error| match e {
            Error::Invalid(field) => Error::Document(crate::document::DocumentError::Invalid(field)),
            other => other,
        };
        validate_journal(incoming).map_err(|e| in_file(e.into()))?;
        let times: HashMap<Uuid, &RecordTimes> = incoming.record_times.iter().map(|t| (t.id, t)).collect();
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut summary = ImportSummary::default();
        let current = read_profile(&tx)?;
        summary.profile_changes = mode.profile_changes(&current, &incoming.profile);
        if mode == ImportMode::Replace {
            // Tombstones for sync; records imported again are stamped anew below.
            let mut stmt = tx.prepare(
                "SELECT 'record:' || id, kind FROM record UNION ALL SELECT 'ack:' || alert_id, 'ack' FROM acknowledgement",
            )?;
            let removed: Vec<(String, String)> =
                stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
            drop(stmt);
            for (key, kind) in removed {
                changes::stamp(&tx, &key, now, Some(&kind))?;
            }
            summary.removed = tx.execute("DELETE FROM record", [])? + tx.execute("DELETE FROM acknowledgement", [])?;
        }
        if !matches!(mode, ImportMode::Merge | ImportMode::AddNew) {
            let after = mode.profile_after(&current, &incoming.profile);
            changes::stamp_profile(&tx, &current, &after, now)?;
            write_profile(&tx, &after)?;
        }
        let replace = mode != ImportMode::AddNew;
        incoming
            .visit(&mut Upserts { tx: &tx, times: &times, now, replace, summary: &mut summary })
            .map_err(in_file)?;
        for ack in &incoming.acknowledgements {
            let stored: Option<(String, String, bool)> = tx
                .query_row(
                    "SELECT at, note, share_note FROM acknowledgement WHERE alert_id = ?1",
                    [&ack.alert_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let at = ack.at.to_rfc3339();
            let outcome = match stored {
                Some(_) if !replace => Outcome::Unchanged,
                Some((a, n, s)) if a == at && n == ack.note && s == ack.share_note => Outcome::Unchanged,
                Some(_) => Outcome::Updated,
                None => Outcome::Added,
            };
            if outcome != Outcome::Unchanged {
                tx.execute(
                    "INSERT OR REPLACE INTO acknowledgement (alert_id, at, note, share_note) VALUES (?1, ?2, ?3, ?4)",
                    params![ack.alert_id, at, ack.note, ack.share_note],
                )?;
                changes::stamp(&tx, &changes::ack_key(&ack.alert_id), now, None)?;
            }
            summary.count(outcome);
        }
        tx.commit()?;
        Ok(summary)
    }
}

/// What saving one record did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It was new.
    Added,
    /// It replaced a stored record with other content.
    Updated,
    /// It was stored exactly so already.
    Unchanged,
}

/// Writes every record of an imported journal, kind by kind.
struct Upserts<'a, 't> {
    tx: &'a Transaction<'t>,
    times: &'a HashMap<Uuid, &'a RecordTimes>,
    now: Timestamp,
    /// Whether a stored record with the id is replaced (or left as it is).
    replace: bool,
    summary: &'a mut ImportSummary,
}

impl KindVisitor for Upserts<'_, '_> {
    type Error = Error;
    fn visit<R: Record>(&mut self, records: &[R]) -> Result<()> {
        for (i, record) in records.iter().enumerate() {
            let at = format!("{}[{i}]", R::KIND.list_name());
            let outcome = upsert(self.tx, record, &at, self.times.get(&record.id()).copied(), self.now, self.replace)?;
            self.summary.count(outcome);
        }
        Ok(())
    }
}

impl ImportSummary {
    fn count(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Added => self.added += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Unchanged => self.unchanged += 1,
        }
    }
}

/// Inserts or (when `replace`) replaces one record inside a transaction;
/// `at` is the record's path for error messages ("" for a single save).
fn upsert<R: Record>(
    tx: &Transaction<'_>,
    record: &R,
    at: &str,
    times: Option<&RecordTimes>,
    now: Timestamp,
    replace: bool,
) -> Result<Outcome> {
    let id = record.id().to_string();
    let body = serde_json::to_string(record).map_err(|e| Error::Corrupt(format!("cannot encode record {id}: {e}")))?;
    let (at_ms, day) = record.when();
    let day = day.format("%Y-%m-%d").to_string();
    let stored: Option<(String, String)> = tx
        .query_row("SELECT kind, body FROM record WHERE id = ?1", [&id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((kind, _)) = &stored
        && kind != R::KIND.as_str()
    {
        let other = RecordKind::parse(kind).map_or_else(|| "another record".to_owned(), RecordKind::described);
        return Err(FieldError::new("id", format!("is already used by {other} in this journal ({id})"))
            .within(at)
            .into());
    }
    if stored.is_some() && !replace {
        return Ok(Outcome::Unchanged);
    }
    if R::KIND == RecordKind::BladderDay {
        let other: Option<String> = tx
            .query_row(
                "SELECT id FROM record WHERE kind = 'bladder' AND local_day = ?1 AND id <> ?2",
                params![day, id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(other) = other {
            return Err(FieldError::new(
                "date",
                format!("already has a diary entry in this journal ({day}, id {other})"),
            )
            .within(at)
            .into());
        }
    }
    let now_text = now.to_rfc3339();
    let outcome = match &stored {
        Some((_, old)) if *old == body => Outcome::Unchanged,
        Some(_) => Outcome::Updated,
        None => Outcome::Added,
    };
    match outcome {
        Outcome::Unchanged => {}
        Outcome::Added => {
            let created = times.map_or_else(|| now_text.clone(), |t| t.created_at.to_rfc3339());
            let updated = times.map_or_else(|| now_text.clone(), |t| t.updated_at.to_rfc3339());
            tx.execute(
                "INSERT INTO record (id, kind, at_ms, local_day, created_at, updated_at, body)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, R::KIND.as_str(), at_ms, day, created, updated, body],
            )?;
        }
        Outcome::Updated => {
            let updated = times.map_or_else(|| now_text.clone(), |t| t.updated_at.to_rfc3339());
            tx.execute(
                "UPDATE record SET at_ms = ?2, local_day = ?3, updated_at = ?4, body = ?5 WHERE id = ?1",
                params![id, at_ms, day, updated, body],
            )?;
        }
    }
    if outcome != Outcome::Unchanged {
        changes::stamp(tx, &changes::record_key(record.id()), now, None)?;
    }
    Ok(outcome)
}

fn read_profile(conn: &Connection) -> Result<Profile> {
    let body: Option<String> =
        conn.query_row("SELECT body FROM profile WHERE singleton = 1", [], |r| r.get(0)).optional()?;
    body.map_or_else(|| Ok(Profile::default()), |b| decode("profile", &b))
}

fn write_profile(conn: &Connection, profile: &Profile) -> Result<()> {
    let body = serde_json::to_string(profile).map_err(|e| Error::Corrupt(format!("cannot encode the profile: {e}")))?;
    conn.execute(
        "INSERT INTO profile (singleton, body) VALUES (1, ?1) ON CONFLICT (singleton) DO UPDATE SET body = excluded.body",
        [body],
    )?;
    Ok(())
}

fn decode<T: DeserializeOwned>(id: &str, body: &str) -> Result<T> {
    serde_json::from_str(body).map_err(|e| Error::Corrupt(format!("stored record {id} does not read back: {e}")))
}

fn parse_id(id: &str) -> Result<Uuid> {
    Uuid::parse_str(id).map_err(|e| Error::Corrupt(format!("stored id {id:?}: {e}")))
}

fn stored_time(text: &str) -> Result<Timestamp> {
    Timestamp::parse(text).map_err(|e| Error::Corrupt(format!("stored time: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BladderDay, CheckIn};

    fn pass(s: &str) -> SecretString {
        SecretString::from(s.to_owned())
    }

    fn scratch() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("sub").join("journal.db");
        (dir, db)
    }

    #[test]
    fn a_newer_schema_is_refused_and_left_untouched() {
        let (_dir, db) = scratch();
        let vault = Vault::create(&db, &pass("pw")).unwrap();
        vault.conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
        drop(vault);
        let err = Vault::open(&db, &pass("pw")).unwrap_err();
        assert!(
            matches!(err, Error::NewerSchema { found, known } if found == SCHEMA_VERSION + 1 && known == SCHEMA_VERSION)
        );
        assert!(err.to_string().contains("newer Ketalog"));
        // Still the newer version: nothing was migrated or rewritten.
        let key::Unwrapped::Key(key) = key::open(&key::read(&key_path(&db)).unwrap(), &pass("pw")).unwrap() else {
            panic!("one key")
        };
        let conn = Connection::open(&db).unwrap();
        conn.execute_batch(&key.pragma()).unwrap();
        let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, SCHEMA_VERSION + 1);
    }

    #[test]
    fn the_page_cache_is_capped_as_asked() {
        let (_dir, db) = scratch();
        let vault = Vault::create(&db, &pass("pw")).unwrap();
        let cache = |v: &Vault| -> i64 { v.conn.query_row("PRAGMA cache_size", [], |r| r.get(0)).unwrap() };
        assert_eq!(cache(&vault), -2000, "SQLite's default");
        vault.limit_page_cache(256).unwrap();
        assert_eq!(cache(&vault), -256);
    }

    #[test]
    fn a_missing_key_file_or_a_foreign_database_is_damage_not_a_wrong_passphrase() {
        let (_dir, db) = scratch();
        drop(Vault::create(&db, &pass("pw")).unwrap());
        let (_other_dir, other) = scratch();
        drop(Vault::create(&other, &pass("pw")).unwrap());

        std::fs::copy(&other, &db).unwrap();
        let err = Vault::open(&db, &pass("pw")).unwrap_err();
        assert!(matches!(err, Error::Corrupt(ref m) if m.contains("cannot be decrypted")), "{err}");

        std::fs::remove_file(key_path(&db)).unwrap();
        let err = Vault::open(&db, &pass("pw")).unwrap_err();
        assert!(matches!(err, Error::Corrupt(ref m) if m.contains("key file")), "{err}");
        assert!(matches!(Vault::create(&db, &pass("pw")), Err(Error::AlreadyExists(_))));
    }

    #[test]
    fn every_file_of_an_open_vault_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, db) = scratch();
        let mut vault = Vault::create(&db, &pass("pw")).unwrap();
        let now = Timestamp::parse("2026-03-05T12:00:00Z").unwrap();
        vault.set_profile(&Profile { display_name: Some("x".into()), ..Profile::default() }, now).unwrap();
        let dir = db.parent().unwrap();
        assert_eq!(std::fs::metadata(dir).unwrap().permissions().mode() & 0o777, 0o700);
        let names: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        assert!(names.iter().any(|p| p.to_string_lossy().ends_with("-wal")), "{names:?}");
        for path in names {
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600, "{}", path.display());
        }
        vault.check_integrity().unwrap();
    }

    #[test]
    fn saving_checks_the_record_and_its_neighbours() {
        let (_dir, db) = scratch();
        let mut vault = Vault::create(&db, &pass("pw")).unwrap();
        let now = Timestamp::parse("2026-03-05T12:00:00Z").unwrap();
        let day: BladderDay =
            serde_json::from_value(serde_json::json!({"id": Uuid::from_u128(1), "date": "2026-03-01"})).unwrap();
        vault.save(&day, now).unwrap();
        let other = BladderDay { id: Uuid::from_u128(2), ..day.clone() };
        let err = vault.save(&other, now).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("date: The date already has a diary entry in this journal (2026-03-01, id {}).", day.id)
        );
        let check_in: CheckIn = serde_json::from_value(
            serde_json::json!({"id": Uuid::from_u128(1), "at": "2026-03-01T10:00:00Z", "mood": 11}),
        )
        .unwrap();
        assert_eq!(
            vault.save(&check_in, now).unwrap_err().to_string(),
            "mood: The mood rating must be between 0 and 10, not 11."
        );
        let check_in = CheckIn { mood: Some(5), ..check_in };
        assert!(vault.save(&check_in, now).unwrap_err().to_string().contains("already used by a bladder diary day"));
        vault.delete(day.id, now).unwrap();
        vault.save(&check_in, now).unwrap();
        assert!(matches!(vault.delete(Uuid::from_u128(3), now), Err(Error::NotFound(_))));
        let j = vault.journal().unwrap();
        assert_eq!((j.bladder.len(), j.checkins.len()), (0, 1));
        assert_eq!(j.record_times[0].created_at, now);
    }
}
