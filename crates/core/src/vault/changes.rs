//! The change model under sync: every entry of the journal carries the
//! version of its last change.
//!
//! An entry is a dated record (by id), an acknowledgement (by alert id) or
//! one field of the profile. Its version is the change time (ms since the
//! epoch) and the device that made it; the later version wins a merge, the
//! device id breaking a tie. A deleted record keeps its version as a
//! tombstone, so that a delete wins over older copies wherever they come
//! from. Merging is then a pointwise maximum over entries: any order, any
//! number of times, the same journal (a state-based CRDT).
//!
//! Change times come from a hybrid clock: a change is stamped with the
//! caller's "now", or one millisecond after the latest version the journal
//! holds if that is later, so that an edit made after a merge always wins
//! over what was merged, whatever the two computers' clocks say.
//!
//! One rule is not per entry: a local day has one bladder diary entry. Two
//! devices may each write one for the same day; the entry with the later
//! version is shown and the other is kept aside (`sync_shadow`), back in the
//! journal if the shown one is deleted. Which one shows depends only on the
//! entries, so every device shows the same.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Vault, read_profile, stored_time, sync_here, write_profile};
use crate::error::{Error, Result};
use crate::model::{Acknowledgement, BladderDay, Profile, ProfileChange};
use crate::record::{AnyRecord, Record, RecordKind, with_record};
use crate::time::Timestamp;

/// When and where an entry last changed. Ordered by time, then device id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Version {
    /// Change time, ms since the epoch (from the hybrid clock).
    pub at_ms: i64,
    /// The device that made the change.
    pub device: String,
}

/// One entry of a journal at one version: what sync writes and merges.
#[allow(clippy::large_enum_variant, reason = "most changes are records; boxing them would cost an allocation each")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "entry", rename_all = "snake_case")]
pub enum Change {
    /// A record as it is.
    Record {
        /// Its version.
        version: Version,
        /// The record.
        record: AnyRecord,
        /// When it was first saved.
        created_at: Timestamp,
        /// When it last changed.
        updated_at: Timestamp,
    },
    /// A deleted record: a tombstone.
    Deleted {
        /// The version of the delete.
        version: Version,
        /// The record's id.
        id: Uuid,
        /// What it was.
        kind: RecordKind,
    },
    /// An alert acknowledgement.
    Ack {
        /// Its version.
        version: Version,
        /// The acknowledgement.
        ack: Acknowledgement,
    },
    /// An acknowledgement removed (a journal replaced by an import).
    AckRemoved {
        /// The version of the removal.
        version: Version,
        /// The alert.
        alert_id: String,
    },
    /// One field of the profile, by its name in the data document; `None`
    /// when not set.
    Profile {
        /// Its version.
        version: Version,
        /// The field (`crisis_line`).
        field: String,
        /// Its value in the data document's shape.
        value: Option<serde_json::Value>,
    },
}

impl Change {
    /// The entry it changes (`record:<id>`, `ack:<alert id>`, `profile:<field>`).
    pub fn key(&self) -> String {
        match self {
            Self::Record { record, .. } => record_key(record.id()),
            Self::Deleted { id, .. } => record_key(*id),
            Self::Ack { ack, .. } => ack_key(&ack.alert_id),
            Self::AckRemoved { alert_id, .. } => ack_key(alert_id),
            Self::Profile { field, .. } => profile_key(field),
        }
    }

    /// Its version.
    pub fn version(&self) -> &Version {
        match self {
            Self::Record { version, .. }
            | Self::Deleted { version, .. }
            | Self::Ack { version, .. }
            | Self::AckRemoved { version, .. }
            | Self::Profile { version, .. } => version,
        }
    }
}

pub(super) fn record_key(id: Uuid) -> String {
    format!("record:{id}")
}

pub(super) fn ack_key(alert_id: &str) -> String {
    format!("ack:{alert_id}")
}

fn profile_key(field: &str) -> String {
    format!("profile:{field}")
}

/// This journal's side of sync.
pub struct SyncSetup {
    /// The device id, made once per journal.
    pub device: String,
    /// The sync key (an age X25519 identity), once the journal has joined a folder.
    pub identity: Option<SecretString>,
    /// The names of the files this device has in the folder.
    pub files: Vec<String>,
    /// The last of its own changes already in those files.
    pub written_seq: i64,
}

impl std::fmt::Debug for SyncSetup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncSetup").field("device", &self.device).field("files", &self.files).finish_non_exhaustive()
    }
}

/// What this device writes to the folder after a merge, read inside the
/// merge's transaction.
pub struct Outgoing<'a> {
    tx: &'a Transaction<'a>,
    device: String,
    /// The last change number: what the files hold once written.
    pub seq: i64,
}

/// What was written to the folder, kept in the journal with the merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The names of this device's files in the folder, after the write.
    pub files: Vec<String>,
    /// The last own change they hold.
    pub seq: i64,
}

/// What merging did to this journal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MergeSummary {
    /// Records new here.
    pub added: usize,
    /// Records changed here.
    pub updated: usize,
    /// Records deleted here.
    pub deleted: usize,
    /// Acknowledgements new or changed here.
    pub acknowledgements: usize,
    /// Profile settings changed here, field by field.
    pub profile_changes: Vec<ProfileChange>,
    /// Records edited here since the last sync that a later edit elsewhere
    /// replaced ("3 March check-in").
    pub replaced_here: Vec<String>,
    /// Entries that were not taken, in sentences.
    pub refused: Vec<String>,
}

/// Stamps a change of the entry `key` made here at `now` (hybrid clock).
pub(super) fn stamp(conn: &Connection, key: &str, now: Timestamp, deleted: Option<&str>) -> Result<()> {
    let (device, clock, seq): (String, i64, i64) =
        conn.query_row("SELECT device, clock_ms, seq FROM sync_device", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let at = now.unix_millis().max(clock + 1);
    conn.execute("UPDATE sync_device SET clock_ms = ?1, seq = ?2", params![at, seq + 1])?;
    put_version(conn, key, &Version { at_ms: at, device }, seq + 1, deleted)
}

/// Stamps each profile field that differs between `before` and `after`.
pub(super) fn stamp_profile(conn: &Connection, before: &Profile, after: &Profile, now: Timestamp) -> Result<()> {
    let (before, after) = (profile_fields(before)?, profile_fields(after)?);
    let fields: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    for field in fields {
        if before.get(field) != after.get(field) {
            stamp(conn, &profile_key(field), now, None)?;
        }
    }
    Ok(())
}

fn profile_fields(profile: &Profile) -> Result<serde_json::Map<String, serde_json::Value>> {
    match serde_json::to_value(profile) {
        Ok(serde_json::Value::Object(map)) => Ok(map.into_iter().filter(|(_, v)| !v.is_null()).collect()),
        _ => Err(Error::Corrupt("the profile does not encode as an object".into())),
    }
}

fn put_version(conn: &Connection, key: &str, version: &Version, seq: i64, deleted: Option<&str>) -> Result<()> {
    conn.execute(
        "INSERT INTO change (key, at_ms, device, seq, deleted) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (key) DO UPDATE SET at_ms = excluded.at_ms, device = excluded.device, seq = excluded.seq,
         deleted = excluded.deleted",
        params![key, version.at_ms, version.device, seq, deleted],
    )?;
    Ok(())
}

fn version_of(conn: &Connection, key: &str) -> Result<Option<(Version, i64)>> {
    Ok(conn
        .query_row("SELECT at_ms, device, seq FROM change WHERE key = ?1", [key], |r| {
            Ok((Version { at_ms: r.get(0)?, device: r.get(1)? }, r.get(2)?))
        })
        .optional()?)
}

impl Vault {
    /// This journal's device id, sync key and files in the folder.
    ///
    /// # Errors
    /// [`Error::Corrupt`] when the stored list of files does not read.
    pub fn sync_setup(&self) -> Result<SyncSetup> {
        let (device, identity, files, written_seq): (String, Option<String>, String, i64) =
            self.conn.query_row("SELECT device, identity, files, written_seq FROM sync_device", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?;
        let files = serde_json::from_str(&files).map_err(|e| Error::Corrupt(format!("the sync file list: {e}")))?;
        Ok(SyncSetup { device, identity: identity.map(SecretString::from), files, written_seq })
    }

    /// Merges `incoming` (changes from other devices, in any order, repeated
    /// or stale ones included), then lets `write` put this device's changes
    /// into the folder, all in one transaction: if `write` fails, or the
    /// process dies before the commit, the journal is as it was. With
    /// `identity`, the journal joins: the sync key is kept with the merge.
    ///
    /// An entry invalid as a record (or a profile that would be invalid) is
    /// not taken and is named in [`MergeSummary::refused`].
    ///
    /// # Errors
    /// What `write` returns, or a database error; nothing changed then.
    pub fn merge_changes<F>(&mut self, incoming: &[Change], identity: Option<&str>, write: F) -> Result<MergeSummary>
    where
        F: FnOnce(&Outgoing<'_>) -> Result<Written>,
    {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let (device, written_seq): (String, i64) =
            tx.query_row("SELECT device, written_seq FROM sync_device", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let mut merge = Merge { tx: &tx, summary: MergeSummary::default(), days: BTreeSet::new(), profile: Vec::new() };
        for change in incoming {
            let key = change.key();
            let local = version_of(&tx, &key)?;
            if local.as_ref().is_some_and(|(v, _)| v >= change.version()) {
                continue;
            }
            // A record edited here since the last sync, about to be replaced
            // by a later edit from elsewhere: the version made here is kept aside.
            let edited_here = local.as_ref().is_some_and(|(v, seq)| v.device == device && *seq > written_seq);
            let before = match change {
                Change::Record { record, .. } if edited_here => merge.body(record.id())?,
                _ => None,
            };
            if merge.apply(change)? {
                if let Change::Record { record, .. } = change
                    && edited_here
                {
                    merge.summary.replaced_here.push(format!("{} of {}", record.kind().one(), record.day()));
                    if let Some((kind, body)) = before {
                        sync_here::keep_replaced(&tx, record.id(), kind, change.version().at_ms, &body)?;
                    }
                }
                merge.bump(&key, change.version(), change_kind(change))?;
            }
        }
        merge.apply_profile()?;
        if merge.summary.profile_changes.iter().any(|c| c.field.starts_with("crisis_line")) {
            sync_here::note_crisis_line_changed(&tx)?;
        }
        merge.resolve_days()?;
        let mut summary = merge.summary;
        // The clock never runs behind what the journal holds.
        tx.execute(
            "UPDATE sync_device SET clock_ms = max(clock_ms, (SELECT coalesce(max(at_ms), 0) FROM change))",
            [],
        )?;
        let seq: i64 = tx.query_row("SELECT seq FROM sync_device", [], |r| r.get(0))?;
        let written = write(&Outgoing { tx: &tx, device, seq })?;
        let files = serde_json::to_string(&written.files).map_err(|e| Error::Corrupt(e.to_string()))?;
        tx.execute("UPDATE sync_device SET files = ?1, written_seq = ?2", params![files, written.seq])?;
        if let Some(identity) = identity {
            tx.execute("UPDATE sync_device SET identity = ?1", [identity])?;
        }
        tx.commit()?;
        summary.refused.dedup();
        Ok(summary)
    }
}

/// What a tombstone's `deleted` column holds.
fn change_kind(change: &Change) -> Option<&'static str> {
    match change {
        Change::Deleted { kind, .. } => Some(kind.as_str()),
        Change::AckRemoved { .. } => Some("ack"),
        _ => None,
    }
}

struct Merge<'a, 't> {
    tx: &'a Transaction<'t>,
    summary: MergeSummary,
    /// Local days whose bladder diary entry may have changed.
    days: BTreeSet<String>,
    /// Profile fields to take, with their versions.
    profile: Vec<(String, Option<serde_json::Value>, Version)>,
}

impl Merge<'_, '_> {
    /// Records the new version of an entry taken.
    fn bump(&self, key: &str, version: &Version, deleted: Option<&str>) -> Result<()> {
        let seq: i64 = self.tx.query_row("UPDATE sync_device SET seq = seq + 1 RETURNING seq", [], |r| r.get(0))?;
        put_version(self.tx, key, version, seq, deleted)
    }

    /// Takes one change newer than what the journal holds; `false` when it
    /// is refused (or, for the profile, deferred).
    fn apply(&mut self, change: &Change) -> Result<bool> {
        match change {
            Change::Record { record, created_at, updated_at, .. } => {
                if let Err(e) = record.validate() {
                    self.summary
                        .refused
                        .push(format!("A {} from another computer was not taken: {e}", record.kind().one()));
                    return Ok(false);
                }
                let id = record.id().to_string();
                let before: Option<String> = self
                    .tx
                    .query_row(
                        "SELECT body FROM record WHERE id = ?1 UNION ALL SELECT body FROM sync_shadow WHERE id = ?1",
                        [&id],
                        |r| r.get(0),
                    )
                    .optional()?;
                self.remove(record.id())?;
                let body = with_record!(record, r => self.insert(r, created_at, updated_at))?;
                match before {
                    None => self.summary.added += 1,
                    Some(before) if before != body => self.summary.updated += 1,
                    Some(_) => {}
                }
            }
            Change::Deleted { id, .. } => {
                if self.remove(*id)? {
                    self.summary.deleted += 1;
                }
            }
            Change::Ack { ack, .. } => {
                if let Err(e) = ack.validate() {
                    self.summary.refused.push(format!("An acknowledgement from another computer was not taken: {e}"));
                    return Ok(false);
                }
                self.tx.execute(
                    "INSERT OR REPLACE INTO acknowledgement (alert_id, at, note, share_note) VALUES (?1, ?2, ?3, ?4)",
                    params![ack.alert_id, ack.at.to_rfc3339(), ack.note, ack.share_note],
                )?;
                self.summary.acknowledgements += 1;
            }
            Change::AckRemoved { alert_id, .. } => {
                self.tx.execute("DELETE FROM acknowledgement WHERE alert_id = ?1", [alert_id])?;
            }
            Change::Profile { version, field, value } => {
                self.profile.push((field.clone(), value.clone(), version.clone()));
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The record `id` as stored here (shown, or a diary day kept aside):
    /// its kind and body.
    fn body(&self, id: Uuid) -> Result<Option<(RecordKind, String)>> {
        let row: Option<(String, String)> = self
            .tx
            .query_row(
                "SELECT kind, body FROM record WHERE id = ?1 UNION ALL SELECT 'bladder', body FROM sync_shadow WHERE id = ?1",
                [id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        row.map(|(kind, body)| {
            let kind = RecordKind::parse(&kind)
                .ok_or_else(|| Error::Corrupt(format!("record {id} of unknown kind {kind}")))?;
            Ok((kind, body))
        })
        .transpose()
    }

    /// Removes the record `id` (shown or kept aside); whether there was one.
    fn remove(&mut self, id: Uuid) -> Result<bool> {
        let id = id.to_string();
        let day: Option<(String, String)> = self
            .tx
            .query_row("DELETE FROM record WHERE id = ?1 RETURNING kind, local_day", [&id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let shadow: Option<String> = self
            .tx
            .query_row("DELETE FROM sync_shadow WHERE id = ?1 RETURNING local_day", [&id], |r| r.get(0))
            .optional()?;
        if let Some((kind, day)) = &day
            && kind == RecordKind::BladderDay.as_str()
        {
            self.days.insert(day.clone());
        }
        if let Some(day) = &shadow {
            self.days.insert(day.clone());
        }
        Ok(day.is_some() || shadow.is_some())
    }

    /// Inserts a record; a diary day goes aside first, and the day is
    /// resolved at the end.
    fn insert<R: Record>(&mut self, record: &R, created_at: &Timestamp, updated_at: &Timestamp) -> Result<String> {
        let body = serde_json::to_string(record).map_err(|e| Error::Corrupt(e.to_string()))?;
        let (at_ms, day) = record.when();
        let day = day_text(day);
        let (created, updated) = (created_at.to_rfc3339(), updated_at.to_rfc3339());
        if R::KIND == RecordKind::BladderDay {
            self.tx.execute(
                "INSERT INTO sync_shadow (id, local_day, created_at, updated_at, body) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![record.id().to_string(), day, created, updated, body],
            )?;
            self.days.insert(day);
        } else {
            self.tx.execute(
                "INSERT INTO record (id, kind, at_ms, local_day, created_at, updated_at, body)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![record.id().to_string(), R::KIND.as_str(), at_ms, day, created, updated, body],
            )?;
        }
        Ok(body)
    }

    /// Takes the profile fields newer than the journal's, if the profile
    /// they make is valid.
    fn apply_profile(&mut self) -> Result<()> {
        if self.profile.is_empty() {
            return Ok(());
        }
        // The newest version of each field, whatever order they came in.
        let mut newest: BTreeMap<String, (Option<serde_json::Value>, Version)> = BTreeMap::new();
        for (field, value, version) in self.profile.drain(..) {
            if newest.get(&field).is_none_or(|(_, v)| *v < version) {
                newest.insert(field, (value, version));
            }
        }
        let current = read_profile(self.tx)?;
        let mut fields = profile_fields(&current)?;
        for (field, (value, _)) in &newest {
            match value {
                Some(value) => fields.insert(field.clone(), value.clone()),
                None => fields.remove(field),
            };
        }
        let merged: Profile = match serde_json::from_value(serde_json::Value::Object(fields)) {
            Ok(profile) => profile,
            Err(e) => {
                self.summary.refused.push(format!("Settings from another computer were not taken: {e}."));
                return Ok(());
            }
        };
        if let Err(e) = merged.validate() {
            self.summary.refused.push(format!("Settings from another computer were not taken: {e}"));
            return Ok(());
        }
        self.summary.profile_changes = current.changes_to(&merged);
        write_profile(self.tx, &merged)?;
        for (field, (_, version)) in &newest {
            self.bump(&profile_key(field), version, None)?;
        }
        Ok(())
    }

    /// Shows, on each day touched (and each day with an entry kept aside),
    /// the diary entry with the latest version; the others are kept aside.
    fn resolve_days(&mut self) -> Result<()> {
        let mut stmt = self.tx.prepare("SELECT DISTINCT local_day FROM sync_shadow")?;
        let aside: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        drop(stmt);
        self.days.extend(aside);
        for day in std::mem::take(&mut self.days) {
            let mut candidates: Vec<(Version, String, bool)> = Vec::new();
            let mut stmt = self.tx.prepare(
                "SELECT id, 1 FROM record WHERE kind = 'bladder' AND local_day = ?1
                 UNION ALL SELECT id, 0 FROM sync_shadow WHERE local_day = ?1",
            )?;
            let rows: Vec<(String, bool)> =
                stmt.query_map([&day], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
            for (id, shown) in rows {
                let version = version_of(self.tx, &format!("record:{id}"))?.map(|(v, _)| v);
                candidates.push((version.unwrap_or(Version { at_ms: i64::MIN, device: String::new() }), id, shown));
            }
            let Some((_, winner, shown)) = candidates.iter().max().cloned() else { continue };
            if shown {
                continue;
            }
            if let Some((_, loser, _)) = candidates.iter().find(|(_, _, shown)| *shown) {
                self.tx.execute(
                    "INSERT INTO sync_shadow (id, local_day, created_at, updated_at, body)
                     SELECT id, local_day, created_at, updated_at, body FROM record WHERE id = ?1",
                    [loser],
                )?;
                self.tx.execute("DELETE FROM record WHERE id = ?1", [loser])?;
            }
            let (created, updated, body): (String, String, String) = self.tx.query_row(
                "DELETE FROM sync_shadow WHERE id = ?1 RETURNING created_at, updated_at, body",
                [&winner],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            let record: BladderDay = serde_json::from_str(&body).map_err(|e| Error::Corrupt(e.to_string()))?;
            let (at_ms, _) = record.when();
            self.tx.execute(
                "INSERT INTO record (id, kind, at_ms, local_day, created_at, updated_at, body)
                 VALUES (?1, 'bladder', ?2, ?3, ?4, ?5, ?6)",
                params![winner, at_ms, day, created, updated, body],
            )?;
        }
        Ok(())
    }
}

fn day_text(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

impl Outgoing<'_> {
    /// This device's own changes made after change number `seq`.
    ///
    /// # Errors
    /// [`Error::Corrupt`] when a stored entry does not read.
    pub fn own_since(&self, seq: i64) -> Result<Vec<Change>> {
        self.read("WHERE seq > ?1 AND device = ?2", params![seq, self.device])
    }

    /// Every entry of the journal at its version, tombstones included.
    ///
    /// # Errors
    /// [`Error::Corrupt`] when a stored entry does not read.
    pub fn everything(&self) -> Result<Vec<Change>> {
        self.read("", params![])
    }

    fn read(&self, filter: &str, args: impl rusqlite::Params) -> Result<Vec<Change>> {
        let profile = profile_fields(&read_profile(self.tx)?)?;
        let mut stmt =
            self.tx.prepare(&format!("SELECT key, at_ms, device, deleted FROM change {filter} ORDER BY key"))?;
        let rows: Vec<(String, Version, Option<String>)> = stmt
            .query_map(args, |r| Ok((r.get(0)?, Version { at_ms: r.get(1)?, device: r.get(2)? }, r.get(3)?)))?
            .collect::<Result<_, _>>()?;
        let mut record = self.tx.prepare("SELECT kind, body, created_at, updated_at FROM record WHERE id = ?1")?;
        let mut shadow =
            self.tx.prepare("SELECT 'bladder', body, created_at, updated_at FROM sync_shadow WHERE id = ?1")?;
        let mut ack = self.tx.prepare("SELECT at, note, share_note FROM acknowledgement WHERE alert_id = ?1")?;
        let mut changes = Vec::with_capacity(rows.len());
        for (key, version, deleted) in rows {
            let change = if let Some(id) = key.strip_prefix("record:") {
                let uuid = Uuid::parse_str(id).map_err(|e| Error::Corrupt(format!("change key {key}: {e}")))?;
                if let Some(kind) = deleted {
                    let kind = RecordKind::parse(&kind)
                        .ok_or_else(|| Error::Corrupt(format!("tombstone {key} of unknown kind {kind}")))?;
                    Change::Deleted { version, id: uuid, kind }
                } else {
                    let read = |r: &rusqlite::Row<'_>| -> rusqlite::Result<(String, String, String, String)> {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                    };
                    let row: Option<(String, String, String, String)> = match record.query_row([id], read).optional()? {
                        Some(row) => Some(row),
                        None => shadow.query_row([id], read).optional()?,
                    };
                    // A version without its record cannot be sent.
                    let Some((kind, body, created, updated)) = row else { continue };
                    let record = serde_json::from_str(&format!("{{\"kind\":\"{kind}\",\"record\":{body}}}"))
                        .map_err(|e| Error::Corrupt(format!("stored record {id} does not read back: {e}")))?;
                    Change::Record {
                        version,
                        record,
                        created_at: stored_time(&created)?,
                        updated_at: stored_time(&updated)?,
                    }
                }
            } else if let Some(alert_id) = key.strip_prefix("ack:") {
                if deleted.is_some() {
                    Change::AckRemoved { version, alert_id: alert_id.to_owned() }
                } else {
                    let row: Option<(String, String, bool)> =
                        ack.query_row([alert_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?;
                    let Some((at, note, share_note)) = row else { continue };
                    let ack =
                        Acknowledgement { alert_id: alert_id.to_owned(), at: stored_time(&at)?, note, share_note };
                    Change::Ack { version, ack }
                }
            } else if let Some(field) = key.strip_prefix("profile:") {
                Change::Profile { version, field: field.to_owned(), value: profile.get(field).cloned() }
            } else {
                return Err(Error::Corrupt(format!("unknown change key {key}")));
            };
            changes.push(change);
        }
        Ok(changes)
    }
}

#[cfg(test)]
#[path = "changes_tests.rs"]
mod tests;
