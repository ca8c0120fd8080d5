//! What sync keeps on this computer only, never in the folder: where the
//! folder is here, when this journal last synced, what a sync changed that
//! the user should hear about (a record edited here and replaced by a later
//! edit elsewhere, with the version made here kept aside; the crisis line).
//!
//! All of it lives inside the encrypted journal: a folder's path can name a
//! person, so it is not kept in a plain settings file.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration};
use rusqlite::{Connection, params};
use serde::Serialize;
use uuid::Uuid;

use super::{Vault, parse_id, stored_time};
use crate::error::{Error, Result};
use crate::model::FieldError;
use crate::record::{AnyRecord, RecordKind};
use crate::time::Timestamp;

/// How long a record keeps its "changed on another computer" note, and the
/// profile its "crisis line changed elsewhere" notice.
pub const NOTICE_DAYS: i64 = 14;

/// Sync as this computer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncHere {
    /// The sync folder on this computer, once chosen.
    pub folder: Option<PathBuf>,
    /// Whether the journal holds the sync key (it has joined a folder).
    pub joined: bool,
    /// When this journal last synced without error.
    pub synced_at: Option<Timestamp>,
    /// When the crisis line the journal holds was set on another computer,
    /// if a sync brought it in during the last [`NOTICE_DAYS`] days.
    pub crisis_line_changed: Option<Timestamp>,
}

/// A record edited here since the last sync and replaced by a later edit
/// made on another computer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChangedElsewhere {
    /// The record's id.
    pub id: Uuid,
    /// Its kind.
    pub kind: RecordKind,
    /// When the edit that replaced it was made (in the caller's offset).
    pub at: Timestamp,
    /// The version made here, kept aside, in one line of words.
    pub kept: String,
}

/// Keeps the version of a record made here that a later edit from
/// elsewhere replaces (inside the merge's transaction).
pub(super) fn keep_replaced(conn: &Connection, id: Uuid, kind: RecordKind, at_ms: i64, body: &str) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO sync_replaced (id, kind, replaced_ms, body) VALUES (?1, ?2, ?3, ?4)",
        params![id.to_string(), kind.as_str(), at_ms, body],
    )?;
    Ok(())
}

/// Notes that a merge changed the crisis line, at the change time it came with.
pub(super) fn note_crisis_line_changed(conn: &Connection) -> Result<()> {
    conn.execute(
        "UPDATE sync_device SET crisis_line_changed_ms =
         (SELECT at_ms FROM change WHERE key = 'profile:crisis_line')",
        [],
    )?;
    Ok(())
}

/// A time in ms since the epoch, in `now`'s offset.
fn moment(ms: i64, now: Timestamp) -> Result<Timestamp> {
    let at = DateTime::from_timestamp_millis(ms).ok_or_else(|| Error::Corrupt(format!("stored change time {ms}")))?;
    Ok(Timestamp::from_datetime(at.with_timezone(&now.offset())))
}

fn recent(ms: i64, now: Timestamp) -> bool {
    ms >= (now.datetime() - Duration::days(NOTICE_DAYS)).timestamp_millis()
}

impl Vault {
    /// Sync as this computer sees it; `now` decides what is still recent.
    ///
    /// # Errors
    /// [`Error::Corrupt`] when a stored time does not read.
    pub fn sync_here(&self, now: Timestamp) -> Result<SyncHere> {
        let (folder, joined, synced_at, crisis): (Option<String>, bool, Option<String>, Option<i64>) =
            self.conn.query_row(
                "SELECT folder, identity IS NOT NULL, synced_at, crisis_line_changed_ms FROM sync_device",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?;
        Ok(SyncHere {
            folder: folder.map(PathBuf::from),
            joined,
            synced_at: synced_at.as_deref().map(stored_time).transpose()?,
            crisis_line_changed: crisis.filter(|ms| recent(*ms, now)).map(|ms| moment(ms, now)).transpose()?,
        })
    }

    /// Keeps `folder` as this computer's sync folder.
    ///
    /// # Errors
    /// [`Error::Invalid`] for a relative path or one that is not text.
    pub fn set_sync_folder(&mut self, folder: &Path) -> Result<()> {
        let refused = |message: &str| Error::Invalid(FieldError::new("folder", message));
        if !folder.is_absolute() {
            return Err(refused("the sync folder must be given as a full path"));
        }
        let text = folder.to_str().ok_or_else(|| refused("the sync folder's name is not valid text"))?;
        self.conn.execute("UPDATE sync_device SET folder = ?1", [text])?;
        Ok(())
    }

    /// Stops syncing: forgets the folder, the sync key and this computer's
    /// files there (they stay in the folder, harmless to the others). The
    /// records, and their versions, stay: joining again later merges as
    /// before.
    ///
    /// # Errors
    /// A database error.
    pub fn forget_sync_folder(&mut self) -> Result<()> {
        self.conn.execute("UPDATE sync_device SET folder = NULL, identity = NULL, files = '[]'", [])?;
        Ok(())
    }

    /// Notes that a sync finished at `now`.
    ///
    /// # Errors
    /// A database error.
    pub fn note_synced(&mut self, now: Timestamp) -> Result<()> {
        self.conn.execute("UPDATE sync_device SET synced_at = ?1", [now.to_rfc3339()])?;
        Ok(())
    }

    /// How many entries this journal has changed or taken in so far: it
    /// grows with every write and every entry a merge takes.
    ///
    /// # Errors
    /// A database error.
    pub fn change_count(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT seq FROM sync_device", [], |r| r.get(0))?)
    }

    /// The records replaced by an edit from another computer during the
    /// last [`NOTICE_DAYS`] days, still in the journal, newest first.
    ///
    /// # Errors
    /// [`Error::Corrupt`] when a kept version does not read.
    pub fn changed_elsewhere(&self, now: Timestamp) -> Result<Vec<ChangedElsewhere>> {
        let since = (now.datetime() - Duration::days(NOTICE_DAYS)).timestamp_millis();
        let mut stmt = self.conn.prepare(
            "SELECT s.id, s.kind, s.replaced_ms, s.body FROM sync_replaced s JOIN record r ON r.id = s.id
             WHERE s.replaced_ms >= ?1 ORDER BY s.replaced_ms DESC, s.id",
        )?;
        let rows: Vec<(String, String, i64, String)> = stmt
            .query_map([since], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(id, kind, ms, body)| {
                let kept: AnyRecord = serde_json::from_str(&format!(r#"{{"kind":"{kind}","record":{body}}}"#))
                    .map_err(|e| Error::Corrupt(format!("the version of {id} kept aside does not read: {e}")))?;
                Ok(ChangedElsewhere {
                    id: parse_id(&id)?,
                    kind: kept.kind(),
                    at: moment(ms, now)?,
                    kept: kept.summary(),
                })
            })
            .collect()
    }
}
