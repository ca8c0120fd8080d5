//! Sync through a folder the user already syncs (Syncthing, Nextcloud, a USB
//! stick): several computers, one journal, no server.
//!
//! The merge is the vault's change model ([`crate::vault::Change`]): every
//! record, acknowledgement and profile field carries the version of its
//! last change, deletes leave tombstones, and the later version wins, so
//! merging files in any order, any number of times, gives every computer
//! the same journal.
//!
//! The folder holds, encrypted, only what each computer writes itself:
//!
//! - `key.age`: the sync key, an age X25519 identity, encrypted with age's
//!   scrypt recipient to the sync passphrase (work factor
//!   [`crate::backup::SCRYPT_LOG_N`]). The first computer makes it; the
//!   others open it once with the passphrase and keep the key inside their
//!   journal.
//! - `<32 random hex digits>.age`: a change file, age-encrypted to the sync
//!   key. Each computer writes new files only, never another's: its own
//!   changes since its last file, and, every [`ROLL_AFTER`] files (and the
//!   first time), a snapshot of everything it holds, after which it removes
//!   its older files.
//!
//! A change file's plaintext is `KTLGSYNC`, one format-version byte, the
//! length of the JSON that follows (8 bytes, little-endian), the JSON
//! (`{"device", "snapshot", "changes"}`) and zero bytes up to the next power
//! of two (at least 4 KiB): the folder shows no names, dates or counts, and
//! sizes only to within a factor of two.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use age::x25519;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::backup::{SCRYPT_LOG_N, SCRYPT_MAX_LOG_N};
use crate::document::MAX_DOCUMENT_BYTES;
use crate::error::Error;
use crate::fsio;
use crate::vault::{Change, MergeSummary, Vault, Written};

/// The change-file format this build writes; it reads every version up to
/// it. A new field in a record bumps it: a Ketalog that does not know the
/// field would otherwise merge the record without it and, at its next
/// sync, hand that loss to every computer. It skips a newer file instead,
/// saying Ketalog needs an update.
///
/// 1. Records as first synced.
/// 2. Sessions and check-ins carry `tags`.
pub const FORMAT_VERSION: u8 = 2;
/// How many files of its own a computer keeps in the folder before it rolls
/// them into one snapshot.
pub const ROLL_AFTER: usize = 8;
/// The sync key's file in the folder.
pub const KEY_FILE: &str = "key.age";

const MAGIC: &[u8; 8] = b"KTLGSYNC";
const HEADER: usize = MAGIC.len() + 1 + 8;
const MIN_BUCKET: usize = 4096;
/// A change file larger than this is not read (a snapshot of the largest
/// journal allowed is far smaller).
const MAX_FILE_BYTES: u64 = 4 * MAX_DOCUMENT_BYTES;

/// Why a sync did not happen. Nothing changed in the journal or the folder.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The journal has not joined this folder yet: the sync passphrase is
    /// needed, once.
    #[error(
        "{}",
        if *.new_folder {
            "this folder holds no sync key yet: choose a sync passphrase for it (every computer joining will need it)"
        } else {
            "this journal has not joined the folder yet: type the sync passphrase chosen on the first computer"
        }
    )]
    PassphraseNeeded {
        /// Whether the folder has no sync key yet (the passphrase is chosen now).
        new_folder: bool,
    },
    /// The sync passphrase does not open the folder's key.
    #[error("the sync passphrase does not open this folder's sync key; nothing was changed")]
    WrongPassphrase,
    /// The folder is not there.
    #[error(
        "the sync folder {} does not exist or is not a folder (is its drive connected?); nothing was changed",
        .0.display()
    )]
    NoFolder(PathBuf),
    /// The folder's key file cannot be read as one.
    #[error("the sync key file {} is damaged or not Ketalog's ({}); nothing was changed", .0.display(), .1)]
    DamagedKey(PathBuf, String),
    /// The journal, or writing to the folder, failed.
    #[error(transparent)]
    Journal(#[from] Error),
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncReport {
    /// What merging changed in this journal.
    pub merge: MergeSummary,
    /// Other computers' files read and merged.
    pub files_read: usize,
    /// Files not read, each with the reason in a sentence.
    pub skipped: Vec<String>,
    /// Whether this journal joined the folder in this sync.
    pub joined: bool,
    /// Whether this computer wrote a file (its changes, or a snapshot).
    pub wrote: bool,
}

impl SyncReport {
    /// What came in, in words: "2 records added, 1 record deleted",
    /// "settings only" or "nothing new". Counts only, no record's content.
    pub fn came_in(&self) -> String {
        let merge = &self.merge;
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let parts: Vec<String> = [
            (merge.added, "record added", "records added"),
            (merge.updated, "record changed", "records changed"),
            (merge.deleted, "record deleted", "records deleted"),
            (merge.acknowledgements, "acknowledgement", "acknowledgements"),
        ]
        .into_iter()
        .filter(|(n, ..)| *n > 0)
        .map(|(n, one, many)| plural(n, one, many))
        .collect();
        if parts.is_empty() && merge.profile_changes.is_empty() {
            "nothing new".to_owned()
        } else if parts.is_empty() {
            "settings only".to_owned()
        } else {
            parts.join(", ")
        }
    }
}

/// What a change file holds.
#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    device: String,
    snapshot: bool,
    changes: Vec<Change>,
}

/// Merges every other computer's files in `folder` into the journal, then
/// writes this computer's changes there, in one journal transaction.
/// `passphrase` is needed only to join (the journal has no sync key yet) or
/// to give a new, empty folder its key file.
///
/// Files that cannot be read (half-copied, a sync tool's conflict copy,
/// from a newer Ketalog, locked with another key) are skipped and named in
/// [`SyncReport::skipped`]; they are never changed or removed.
///
/// # Errors
/// [`SyncError`]; then nothing changed in the journal.
pub fn sync(vault: &mut Vault, folder: &Path, passphrase: Option<&SecretString>) -> Result<SyncReport, SyncError> {
    if !folder.is_dir() {
        return Err(SyncError::NoFolder(folder.to_owned()));
    }
    let setup = vault.sync_setup()?;
    let (identity, joined) = sync_key(folder, setup.identity.as_ref(), passphrase)?;
    let mut report = SyncReport { joined: joined.is_some(), ..SyncReport::default() };
    let mut incoming = Vec::new();
    let mut orphans = Vec::new();
    for (name, path) in candidates(folder, &mut report.skipped)? {
        if setup.files.contains(&name) {
            continue;
        }
        match read_file(&path, &identity) {
            Ok(Some(payload)) => {
                if payload.device == setup.device {
                    // Written here by a sync that was stopped before it
                    // committed: merged like any other, removed at the next roll.
                    orphans.push(path);
                }
                report.files_read += 1;
                incoming.extend(payload.changes);
            }
            Ok(None) => {}
            Err(reason) => report.skipped.push(format!("{name}: {reason}")),
        }
    }
    // A snapshot the first time, when this computer has enough files there,
    // or when one of them is gone (a folder emptied, or another folder):
    // the others then learn everything again from one file.
    let roll = setup.files.is_empty()
        || setup.files.len() >= ROLL_AFTER
        || !setup.files.iter().all(|n| folder.join(n).is_file());
    let recipient = identity.to_public();
    let mut wrote = false;
    report.merge = vault.merge_changes(&incoming, joined.as_ref().map(|s| s.expose_secret()), |out| {
        let changes = if roll { out.everything()? } else { out.own_since(setup.written_seq)? };
        if !roll && changes.is_empty() {
            return Ok(Written { files: setup.files.clone(), seq: out.seq });
        }
        let payload = Payload { device: setup.device.clone(), snapshot: roll, changes };
        let name = write_file(folder, &recipient, &payload)?;
        wrote = true;
        let mut files = if roll { Vec::new() } else { setup.files.clone() };
        files.push(name);
        Ok(Written { files, seq: out.seq })
    })?;
    report.wrote = wrote;
    if roll && wrote {
        // The snapshot holds everything the older files held. A file that
        // cannot be removed now is merged again harmlessly until it is.
        for path in setup.files.iter().map(|n| folder.join(n)).chain(orphans) {
            let _ = fs::remove_file(path);
        }
    }
    Ok(report)
}

/// The sync key, and the identity text to keep in the journal when it joins now.
fn sync_key(
    folder: &Path,
    kept: Option<&SecretString>,
    passphrase: Option<&SecretString>,
) -> Result<(x25519::Identity, Option<SecretString>), SyncError> {
    let key_file = folder.join(KEY_FILE);
    let has_key_file = key_file.exists();
    if let Some(kept) = kept {
        let identity = x25519::Identity::from_str(kept.expose_secret())
            .map_err(|e| Error::Corrupt(format!("the kept sync key does not read: {e}")))?;
        if !has_key_file {
            // A new, empty folder for a journal that has joined another:
            // it gets the same key, under a passphrase typed now.
            let passphrase = passphrase.ok_or(SyncError::PassphraseNeeded { new_folder: true })?;
            write_key_file(&key_file, &identity, passphrase)?;
        }
        return Ok((identity, None));
    }
    let passphrase = passphrase.ok_or(SyncError::PassphraseNeeded { new_folder: !has_key_file })?;
    if has_key_file {
        let identity = open_key_file(&key_file, passphrase)?;
        let text = identity.to_string();
        return Ok((identity, Some(text)));
    }
    // A new folder key: the passphrase rule is the journal's.
    crate::policy::check_new_passphrase("sync_passphrase", passphrase).map_err(Error::from)?;
    let identity = x25519::Identity::generate();
    write_key_file(&key_file, &identity, passphrase)?;
    let text = identity.to_string();
    Ok((identity, Some(text)))
}

fn write_key_file(path: &Path, identity: &x25519::Identity, passphrase: &SecretString) -> Result<(), SyncError> {
    let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
    recipient.set_work_factor(SCRYPT_LOG_N);
    let sealed = age::encrypt(&recipient, identity.to_string().expose_secret().as_bytes())
        .map_err(|e| Error::io("cannot encrypt the sync key", io::Error::other(e.to_string())))?;
    fsio::write_atomically(path, &sealed)?;
    Ok(())
}

fn open_key_file(path: &Path, passphrase: &SecretString) -> Result<x25519::Identity, SyncError> {
    let damaged = |why: String| SyncError::DamagedKey(path.to_owned(), why);
    let sealed = fs::read(path).map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
    let mut identity = age::scrypt::Identity::new(passphrase.clone());
    identity.set_max_work_factor(SCRYPT_MAX_LOG_N);
    let plain = age::decrypt(&identity, &sealed).map_err(|e| match e {
        age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => SyncError::WrongPassphrase,
        other => damaged(other.to_string()),
    })?;
    let plain = zeroize::Zeroizing::new(plain);
    let text = std::str::from_utf8(&plain).map_err(|_| damaged("not text inside".into()))?;
    x25519::Identity::from_str(text.trim()).map_err(|e| damaged(e.to_string()))
}

/// The change files in `folder`, by name; conflict copies are named in
/// `skipped`, hidden and temporary files (the sync tool's, or a write still
/// under way) are passed over.
fn candidates(folder: &Path, skipped: &mut Vec<String>) -> Result<Vec<(String, PathBuf)>, Error> {
    let entries = fs::read_dir(folder).map_err(|e| Error::io(format!("cannot list {}", folder.display()), e))?;
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let Ok(name) = entry.file_name().into_string() else { continue };
        let lower = name.to_lowercase();
        if name.starts_with('.') || name.starts_with('~') || lower.ends_with(".tmp") || name == KEY_FILE {
            continue;
        }
        if lower.contains("sync-conflict") || lower.contains("conflicted copy") || lower.contains("(conflict") {
            skipped.push(format!(
                "{name}: a copy the sync tool made of a conflict; skipped (each computer writes only its own files, \
                 so it holds nothing the others lack). It can be deleted"
            ));
            continue;
        }
        if is_change_file_name(&name) {
            found.push((name, entry.path()));
        }
    }
    found.sort();
    Ok(found)
}

fn is_change_file_name(name: &str) -> bool {
    name.strip_suffix(".age").is_some_and(|stem| stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Reads one change file; `Ok(None)` when it vanished meanwhile (another
/// computer rolled it into a snapshot), `Err` with the reason to skip it.
fn read_file(path: &Path, identity: &x25519::Identity) -> Result<Option<Payload>, String> {
    let sealed = match fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_FILE_BYTES => return Err("far larger than any Ketalog sync file; skipped".into()),
        Ok(_) => match fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot be read ({e}); skipped, tried again next time")),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot be read ({e}); skipped, tried again next time")),
    };
    let plain = age::decrypt(identity, &sealed).map_err(|e| match e {
        age::DecryptError::NoMatchingKeys => {
            "locked with another sync key (a folder set up twice?); skipped. Join every computer with the same \
             sync passphrase"
                .to_owned()
        }
        _ => "incomplete or damaged (still being copied?); skipped, tried again next time".to_owned(),
    })?;
    decode(&plain).map(Some)
}

fn encode(payload: &Payload) -> Result<Vec<u8>, Error> {
    let json = serde_json::to_vec(payload).map_err(|e| Error::Corrupt(format!("cannot encode changes: {e}")))?;
    let size = (HEADER + json.len()).next_power_of_two().max(MIN_BUCKET);
    let mut plain = Vec::with_capacity(size);
    plain.extend_from_slice(MAGIC);
    plain.push(FORMAT_VERSION);
    plain.extend_from_slice(&(json.len() as u64).to_le_bytes());
    plain.extend_from_slice(&json);
    plain.resize(size, 0);
    Ok(plain)
}

fn decode(plain: &[u8]) -> Result<Payload, String> {
    let damaged = || "not a Ketalog sync file, or damaged; skipped".to_owned();
    if plain.len() < HEADER || &plain[..MAGIC.len()] != MAGIC {
        return Err(damaged());
    }
    let version = plain[MAGIC.len()];
    if version > FORMAT_VERSION {
        return Err(format!(
            "written by a newer Ketalog (sync format {version}; this one reads up to {FORMAT_VERSION}); skipped. \
             Update Ketalog on this computer to take its changes"
        ));
    }
    let mut len = [0u8; 8];
    len.copy_from_slice(&plain[MAGIC.len() + 1..HEADER]);
    let len = usize::try_from(u64::from_le_bytes(len)).map_err(|_| damaged())?;
    let json = plain.get(HEADER..HEADER.saturating_add(len)).ok_or_else(damaged)?;
    serde_json::from_slice(json).map_err(|e| format!("its changes do not read ({e}); skipped"))
}

/// Writes `payload` to a new, randomly named file in `folder`, whole or not at all.
fn write_file(folder: &Path, recipient: &x25519::Recipient, payload: &Payload) -> Result<String, Error> {
    let plain = zeroize::Zeroizing::new(encode(payload)?);
    let sealed = age::encrypt(recipient, &plain)
        .map_err(|e| Error::io("cannot encrypt the sync file", io::Error::other(e.to_string())))?;
    let mut random = [0u8; 16];
    fsio::fill_random(&mut random)?;
    let name: String = random.iter().map(|b| format!("{b:02x}")).collect::<String>() + ".age";
    fsio::write_atomically(&folder.join(&name), &sealed)?;
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_pads_to_a_power_of_two_and_reads_back() {
        let payload = Payload { device: "d".into(), snapshot: true, changes: Vec::new() };
        let plain = encode(&payload).unwrap();
        assert_eq!(plain.len(), MIN_BUCKET);
        let back = decode(&plain).unwrap();
        assert_eq!((back.device.as_str(), back.snapshot), ("d", true));
        let mut newer = plain.clone();
        newer[MAGIC.len()] = FORMAT_VERSION + 1;
        assert!(decode(&newer).unwrap_err().contains("newer Ketalog"));
        assert!(decode(&plain[..20]).unwrap_err().contains("damaged"));
        assert!(decode(b"something else entirely").unwrap_err().contains("not a Ketalog sync file"));
    }

    /// Files of every older version still read: a computer not yet updated
    /// keeps syncing into this one.
    #[test]
    fn older_versions_read_and_this_one_is_written() {
        let payload = Payload { device: "d".into(), snapshot: false, changes: Vec::new() };
        let mut plain = encode(&payload).unwrap();
        assert_eq!(plain[MAGIC.len()], 2, "records with tags need format 2");
        for version in 1..=FORMAT_VERSION {
            plain[MAGIC.len()] = version;
            assert_eq!(decode(&plain).unwrap().device, "d", "version {version}");
        }
    }

    #[test]
    fn change_file_names_are_random_hex_only() {
        assert!(is_change_file_name("0123456789abcdef0123456789abcdef.age"));
        assert!(!is_change_file_name("0123456789abcdef0123456789abcdef.sync-conflict-20260301-120000-ABC.age"));
        assert!(!is_change_file_name("key.age"));
    }
}
