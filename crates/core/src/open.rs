//! A journal held open: the vault, and in memory everything it holds.
//!
//! The app loads the journal once, at unlock, and keeps it here. Every write
//! goes to the database first, in its own transaction; only once that has
//! committed does the copy in memory change, the same way. So the copy is
//! always what the database holds (a property test checks it after random
//! sequences of writes), and reading it costs nothing.

use uuid::Uuid;

use crate::error::{Error, Result};
use crate::model::{Acknowledgement, CheckIn, FieldError, Journal, Profile, RecordTimes};
use crate::record::AnyRecord;
use crate::sync::{SyncError, SyncReport};
use crate::time::Timestamp;
use crate::vault::{ImportMode, ImportSummary, Outcome, Vault};

/// SQLite's cache of decrypted pages while a journal is held open, in KiB:
/// enough for the interior pages a write walks through.
const PAGE_CACHE_KIB: u32 = 256;

/// An open journal with its records in memory.
#[derive(Debug)]
pub struct OpenJournal {
    vault: Vault,
    journal: Journal,
}

impl OpenJournal {
    /// Holds `vault` open, reading everything it holds once.
    ///
    /// # Errors
    /// [`Error::Corrupt`] when a stored record no longer reads.
    pub fn new(vault: Vault) -> Result<Self> {
        // Every record is read once and kept here, so SQLite's own cache of
        // decrypted pages only serves writes: capped before the read, which
        // would otherwise fill it for as long as the journal stays open.
        vault.limit_page_cache(PAGE_CACHE_KIB)?;
        let journal = vault.journal()?;
        Ok(Self { vault, journal })
    }

    /// The journal in memory: exactly what the database holds.
    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// The vault underneath.
    pub fn vault(&self) -> &Vault {
        &self.vault
    }

    /// Saves a record of any kind: a new one when its id is nil (it is given
    /// a fresh id), else it replaces the record with its id. Returns the
    /// record as stored.
    ///
    /// # Errors
    /// [`Error::Invalid`] with a sentence naming the field (an empty
    /// check-in, [`CheckIn::is_empty`], at its first question); nothing
    /// changed.
    pub fn save(&mut self, mut record: AnyRecord, now: Timestamp) -> Result<AnyRecord> {
        if let AnyRecord::CheckIn(checkin) = &record
            && checkin.is_empty()
        {
            let (field, message) = CheckIn::EMPTY;
            return Err(FieldError::new(field, message).into());
        }
        if record.id().is_nil() {
            record.set_id(Uuid::new_v4());
        }
        let outcome = self.vault.save_any(&record, now)?;
        let id = record.id();
        self.journal.put(record.clone());
        match outcome {
            Outcome::Added => self.journal.record_times.push(RecordTimes { id, created_at: now, updated_at: now }),
            Outcome::Updated => {
                if let Some(times) = self.journal.record_times.iter_mut().find(|t| t.id == id) {
                    times.updated_at = now;
                }
            }
            Outcome::Unchanged => {}
        }
        Ok(record)
    }

    /// Deletes a record; returns it as it was.
    ///
    /// # Errors
    /// [`Error::NotFound`] when there is none.
    pub fn delete(&mut self, id: Uuid, now: Timestamp) -> Result<AnyRecord> {
        self.vault.delete(id, now)?;
        self.journal.record_times.retain(|t| t.id != id);
        self.journal.take(id).ok_or_else(|| Error::NotFound(id.to_string()))
    }

    /// Records an acknowledgement (replacing one of the same alert).
    ///
    /// # Errors
    /// [`Error::Invalid`] naming the field.
    pub fn acknowledge(&mut self, ack: Acknowledgement) -> Result<()> {
        self.vault.acknowledge(&ack)?;
        let acks = &mut self.journal.acknowledgements;
        acks.retain(|a| a.alert_id != ack.alert_id);
        // The vault's order: by the stored time's text, then the alert id.
        let key = (ack.at.to_rfc3339(), ack.alert_id.clone());
        let at = acks.partition_point(|a| (a.at.to_rfc3339(), a.alert_id.clone()) < key);
        acks.insert(at, ack);
        Ok(())
    }

    /// Replaces the profile (the changed fields stamped `now`).
    ///
    /// # Errors
    /// [`Error::Invalid`] naming the field; nothing changed.
    pub fn set_profile(&mut self, profile: Profile, now: Timestamp) -> Result<()> {
        self.vault.set_profile(&profile, now)?;
        self.journal.profile = profile;
        Ok(())
    }

    /// Imports a journal (see [`Vault::import`]), then reads the result back
    /// whole: an import is rare, and may touch any record.
    ///
    /// # Errors
    /// As [`Vault::import`]; then nothing changed.
    pub fn import(&mut self, incoming: &Journal, mode: ImportMode, now: Timestamp) -> Result<ImportSummary> {
        let summary = self.vault.import(incoming, mode, now)?;
        self.journal = self.vault.journal()?;
        Ok(summary)
    }

    /// Keeps `folder` as this computer's sync folder (see [`Vault::set_sync_folder`]).
    ///
    /// # Errors
    /// [`Error::Invalid`] for a path that cannot be kept.
    pub fn set_sync_folder(&mut self, folder: &std::path::Path) -> Result<()> {
        self.vault.set_sync_folder(folder)
    }

    /// Stops syncing (see [`Vault::forget_sync_folder`]); the records stay.
    ///
    /// # Errors
    /// A database error.
    pub fn forget_sync_folder(&mut self) -> Result<()> {
        self.vault.forget_sync_folder()
    }

    /// Syncs with `folder` (see [`crate::sync::sync`]) and notes the time;
    /// when the merge took anything in, the journal in memory is read back
    /// whole, so that it stays what the database holds.
    ///
    /// # Errors
    /// As [`crate::sync::sync`]; then nothing changed.
    pub fn sync(
        &mut self,
        folder: &std::path::Path,
        passphrase: Option<&secrecy::SecretString>,
        now: Timestamp,
    ) -> std::result::Result<SyncReport, SyncError> {
        let before = self.vault.change_count()?;
        let report = crate::sync::sync(&mut self.vault, folder, passphrase)?;
        self.vault.note_synced(now)?;
        if self.vault.change_count()? != before {
            self.journal = self.vault.journal()?;
        }
        Ok(report)
    }
}
