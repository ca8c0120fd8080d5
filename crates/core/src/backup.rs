//! Encrypted backups (docs/DATA.md#encrypted-backups): the data document, encrypted with age
//! (<https://age-encryption.org/v1>) into one file that the standard `age`
//! tool can open, and the restore that reads such a file back.
//!
//! A backup is locked either with a backup passphrase (age's scrypt
//! recipient, work factor pinned at log2 N = [`SCRYPT_LOG_N`]) or to one or
//! more age X25519 public keys (`age1…`).
//!
//! Restoring is all or nothing. [`SealedBackup::open`] decrypts the whole file
//! into memory and validates the whole document before anything else happens:
//! age releases plaintext chunk by chunk, before the last chunk (and so the
//! file's length) is authenticated, so nothing read from the stream is used
//! until the stream has ended cleanly. Only an [`OpenedBackup`] can be
//! restored, and the restore is one transaction ([`Vault::import`]).
//!
//! ```no_run
//! # use ketalog_core::backup::{self, BackupKey, SealedBackup};
//! # use ketalog_core::{ImportMode, Timestamp, Vault};
//! # fn demo(vault: &mut Vault, now: Timestamp) -> Result<(), Box<dyn std::error::Error>> {
//! let passphrase = secrecy::SecretString::from("correct horse battery staple");
//! let lock = backup::BackupLock::Passphrase(passphrase.clone());
//! backup::export(vault, &lock, "journal.age".as_ref(), now)?;
//!
//! let sealed = SealedBackup::read("journal.age".as_ref())?;
//! let opened = sealed.open(&BackupKey::Passphrase(passphrase))?;
//! println!("{} records", opened.preview().counts.total());
//! opened.restore(vault, ImportMode::Merge, now)?;
//! # Ok(())
//! # }
//! ```

use std::fmt;
use std::io::{self, Read, Write};
use std::path::Path;

use age::armor::ArmoredReader;
use age::{DecryptError, Decryptor, Encryptor};
use chrono::NaiveDate;
use secrecy::SecretString;
use thiserror::Error;

use crate::document::{self, DataDocument, DocumentError};
use crate::error::Error;
use crate::record::RecordCounts;
use crate::time::Timestamp;
use crate::vault::{self, ImportMode, ImportSummary, Vault};

/// age's X25519 keys: [`x25519::Recipient`] (`age1…`) locks a backup,
/// [`x25519::Identity`] (`AGE-SECRET-KEY-1…`) opens it.
pub use age::x25519;

/// The scrypt work factor (log2 N) of passphrase backups. 18 is what the
/// reference `age` tool writes and within what every age implementation
/// accepts; age's own automatic choice (about a second of work on the
/// machine that encrypts) can exceed what a slower machine agrees to open.
pub const SCRYPT_LOG_N: u8 = 18;

/// The largest scrypt work factor a restore agrees to spend: what Ketalog
/// writes and a margin of two (four times the work, about a second and 1 GiB
/// at most). A file asking for more is refused before anything is derived.
pub const SCRYPT_MAX_LOG_N: u8 = SCRYPT_LOG_N + 2;

/// The largest backup file a restore reads: the largest data document
/// ([`document::MAX_DOCUMENT_BYTES`]) with room for ASCII armor. A ten-year
/// journal is a few megabytes; a larger file is refused before it is read.
pub const MAX_BACKUP_BYTES: u64 = document::MAX_DOCUMENT_BYTES * 3 / 2;

/// The largest age header a restore parses, in bytes. Ketalog writes about
/// 200; the age tool about 100 more per recipient.
pub const MAX_HEADER_BYTES: usize = 8 * 1024;
/// The most lines an age header may have (a recipient takes two or three).
pub const MAX_HEADER_LINES: usize = 128;

/// The first bytes of every binary age file.
const AGE_MAGIC: &[u8] = b"age-encryption.org/";
/// The version line of the age format this build reads.
const AGE_V1_LINE: &[u8] = b"age-encryption.org/v1\n";
/// The first line of an ASCII-armored age file.
const ARMOR_BEGIN: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";

/// Why a backup could not be written, read or restored. Whatever the
/// variant, the journal is exactly as it was and no backup file was left
/// half-written.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum BackupError {
    /// The backup is locked with a backup passphrase and none was given.
    #[error("this backup is locked with a backup passphrase: give that passphrase to open it")]
    PassphraseNeeded,
    /// The backup is encrypted to age keys and no identity was given.
    #[error("this backup is encrypted to an age key: give the matching identity file (AGE-SECRET-KEY-1...) to open it")]
    IdentityNeeded,
    /// The passphrase does not open the backup. age cannot tell this apart
    /// from a damaged passphrase stanza in the file's header.
    #[error("wrong backup passphrase (if you are sure it is right, the backup's header is damaged)")]
    WrongPassphrase,
    /// None of the identities opens the backup. age cannot tell this apart
    /// from a damaged recipient stanza in the file's header.
    #[error("none of the given identities opens this backup (if it is the right key, the backup's header is damaged)")]
    NoMatchingIdentity,
    /// The file is an age file, but cut short or altered.
    #[error("the backup file is damaged (cut short or altered): {0}")]
    Damaged(String),
    /// The file is not an age-encrypted file.
    #[error("not an age-encrypted backup: {0}")]
    NotAgeFile(String),
    /// The passphrase backup asks for more scrypt work than a restore spends.
    #[error(
        "this backup asks for far more passphrase work than any Ketalog backup (scrypt log2 N = {log_n}; Ketalog writes {SCRYPT_LOG_N} and accepts at most {SCRYPT_MAX_LOG_N}), so it is not opened"
    )]
    ExcessiveWork {
        /// The work factor in the file.
        log_n: u8,
    },
    /// The decrypted document was written by a newer Ketalog.
    #[error(
        "the backup holds a data document of version {found}, newer than this Ketalog understands (up to {}); update Ketalog to restore it",
        document::VERSION
    )]
    NewerVersion {
        /// The document version in the backup.
        found: u64,
    },
    /// The decrypted content is not a valid data document (the message
    /// names the record and field).
    #[error("the backup decrypted, but its content is invalid: {0}")]
    InvalidContent(DocumentError),
    /// An `age1…` recipient did not parse.
    #[error("invalid age recipient {recipient:?}: {reason}")]
    InvalidRecipient {
        /// The text given.
        recipient: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// An identity file did not parse (the message names the line, never
    /// its content).
    #[error("{source_name}: {reason}")]
    InvalidIdentity {
        /// Where the identities came from (a file name).
        source_name: String,
        /// What is wrong, with the line number.
        reason: String,
    },
    /// The backup file is larger than [`MAX_BACKUP_BYTES`], or decrypts to
    /// more than a data document may hold.
    #[error("it is larger than any Ketalog backup ({} MB at most)", MAX_BACKUP_BYTES / (1024 * 1024))]
    TooLarge,
    /// Writing the journal or the backup file failed (disk full, a conflict
    /// with stored records, …).
    #[error(transparent)]
    Journal(#[from] Error),
}

impl BackupError {
    /// What kind of failure this is (see [`crate::error::ErrorKind`]): a
    /// missing or wrong key is a wrong passphrase, a file that is not a
    /// whole age file is damaged, anything about its content or the
    /// arguments is invalid.
    pub fn kind(&self) -> crate::error::ErrorKind {
        use crate::error::ErrorKind;
        match self {
            Self::PassphraseNeeded | Self::IdentityNeeded | Self::WrongPassphrase | Self::NoMatchingIdentity => {
                ErrorKind::WrongPassphrase
            }
            Self::Damaged(_) | Self::NotAgeFile(_) => ErrorKind::DamagedFile,
            Self::NewerVersion { .. } => ErrorKind::TooNew,
            Self::Journal(inner) => inner.kind(),
            _ => ErrorKind::Invalid,
        }
    }
}

/// What locks a new backup.
pub enum BackupLock {
    /// A backup passphrase (age scrypt, log2 N = [`SCRYPT_LOG_N`]).
    Passphrase(SecretString),
    /// One or more age X25519 public keys; any of their identities opens it.
    Recipients(Vec<x25519::Recipient>),
}

impl fmt::Debug for BackupLock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Passphrase(_) => f.write_str("BackupLock::Passphrase(..)"),
            Self::Recipients(r) => f.debug_tuple("BackupLock::Recipients").field(r).finish(),
        }
    }
}

/// What opens an existing backup.
pub enum BackupKey {
    /// The backup passphrase.
    Passphrase(SecretString),
    /// Age X25519 identities (secret keys), e.g. from an `age-keygen` file.
    Identities(Vec<x25519::Identity>),
}

impl fmt::Debug for BackupKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Passphrase(_) => f.write_str("BackupKey::Passphrase(..)"),
            Self::Identities(ids) => write!(f, "BackupKey::Identities({} identities)", ids.len()),
        }
    }
}

/// How a backup file is locked, as its header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockKind {
    /// A passphrase (one scrypt stanza).
    Passphrase,
    /// One or more public keys.
    Recipients,
}

/// Parses an age X25519 recipient (`age1…`).
///
/// # Errors
/// [`BackupError::InvalidRecipient`] naming the text and what is wrong.
pub fn parse_recipient(text: &str) -> Result<x25519::Recipient, BackupError> {
    let trimmed = text.trim();
    trimmed.parse::<x25519::Recipient>().map_err(|reason| BackupError::InvalidRecipient {
        recipient: trimmed.to_owned(),
        reason: if trimmed.starts_with("age1") { reason } else { "an age public key starts with \"age1\"" },
    })
}

/// Parses an age identity file: `AGE-SECRET-KEY-1…` lines, blank lines and
/// `#` comments (what `age-keygen` writes). `source_name` names the file in
/// errors; a line's content never appears in one.
///
/// # Errors
/// [`BackupError::InvalidIdentity`] for a line that is not an X25519
/// identity, or a file without any.
pub fn parse_identities(text: &str, source_name: &str) -> Result<Vec<x25519::Identity>, BackupError> {
    let invalid = |reason: String| BackupError::InvalidIdentity { source_name: source_name.to_owned(), reason };
    let mut identities = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let identity = line
            .parse::<x25519::Identity>()
            .map_err(|reason| invalid(format!("line {} is not an age identity ({reason})", index + 1)))?;
        identities.push(identity);
    }
    if identities.is_empty() {
        return Err(invalid("holds no age identity (AGE-SECRET-KEY-1…)".into()));
    }
    Ok(identities)
}

/// Encrypts `plaintext` into one age file, binary (not armored).
///
/// # Errors
/// [`BackupError::Journal`] only if the system has no randomness to give.
pub fn encrypt(plaintext: &[u8], lock: &BackupLock) -> Result<Vec<u8>, BackupError> {
    let encryptor = match lock {
        BackupLock::Passphrase(passphrase) => {
            let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
            recipient.set_work_factor(SCRYPT_LOG_N);
            Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
        }
        BackupLock::Recipients(recipients) => {
            Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
        }
    }
    .map_err(|e| Error::io("cannot encrypt the backup", io::Error::other(e.to_string())))?;
    let sealing = |e: io::Error| Error::io("cannot encrypt the backup", e);
    // Ciphertext = header (~200 bytes) + plaintext + 16 bytes per 64 KiB chunk.
    let mut sealed = Vec::with_capacity(plaintext.len() + plaintext.len() / 4096 + 1024);
    let mut writer = encryptor.wrap_output(&mut sealed).map_err(sealing)?;
    writer.write_all(plaintext).map_err(sealing)?;
    // Without finish() the last chunk is never written: the file would be truncated.
    writer.finish().map_err(sealing)?;
    Ok(sealed)
}

/// What [`export`] wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportSummary {
    /// What the backup holds.
    pub preview: Preview,
    /// Size of the backup file in bytes.
    pub bytes: usize,
}

/// Writes an encrypted backup of the whole journal to `out`: the data
/// document stamped `now`, encrypted per `lock`, written to a temporary file
/// in the same folder, flushed and renamed. A crash leaves either the old
/// file (or none) or the whole new one under `out`, never part of one.
///
/// # Errors
/// [`BackupError::Journal`] with [`Error::JournalFile`] when `out` is one of
/// the journal's own files (however spelled), or when the journal cannot be
/// read or the file cannot be written (the message names the path; a full
/// disk says so).
pub fn export(vault: &Vault, lock: &BackupLock, out: &Path, now: Timestamp) -> Result<ExportSummary, BackupError> {
    vault::check_output_target(vault.path(), out)?;
    let document = DataDocument::new(vault.journal()?, now);
    let plaintext = zeroize::Zeroizing::new(document.to_json().into_bytes());
    let sealed = encrypt(&plaintext, lock)?;
    vault::write_outside(vault.path(), out, &sealed)?;
    Ok(ExportSummary { preview: Preview::of(&document), bytes: sealed.len() })
}

/// A backup file read into memory, recognised as age, not yet decrypted.
pub struct SealedBackup {
    /// The binary age file (armor already removed).
    bytes: Vec<u8>,
    lock: LockKind,
}

impl fmt::Debug for SealedBackup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SealedBackup").field("bytes", &self.bytes.len()).field("lock", &self.lock).finish()
    }
}

impl SealedBackup {
    /// Reads a backup file (at most [`MAX_BACKUP_BYTES`]).
    ///
    /// # Errors
    /// As [`SealedBackup::from_bytes`]; [`BackupError::Journal`] when the
    /// file cannot be read, [`BackupError::TooLarge`].
    pub fn read(path: &Path) -> Result<Self, BackupError> {
        let bytes = document::read_bounded(path, MAX_BACKUP_BYTES)?.ok_or(BackupError::TooLarge)?;
        Self::from_bytes(bytes)
    }

    /// Recognises an age file, binary or ASCII-armored, and reads its header.
    ///
    /// The header is measured before age parses it: one larger than
    /// [`MAX_HEADER_BYTES`] or longer than [`MAX_HEADER_LINES`] is refused
    /// at once, and so is a passphrase stanza asking for more work than
    /// [`SCRYPT_MAX_LOG_N`], before any passphrase is asked for.
    ///
    /// # Errors
    /// [`BackupError::NotAgeFile`] when the bytes are not age at all, or
    /// their header is larger than any backup's; [`BackupError::Damaged`]
    /// when they are age, but the header is cut short or malformed;
    /// [`BackupError::ExcessiveWork`]; [`BackupError::TooLarge`].
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, BackupError> {
        if bytes.len() as u64 > MAX_BACKUP_BYTES {
            return Err(BackupError::TooLarge);
        }
        let bytes = if starts_with_armor(&bytes) { dearmor(&bytes)? } else { bytes };
        if bytes.is_empty() {
            return Err(BackupError::NotAgeFile("the file is empty".into()));
        }
        if AGE_MAGIC.starts_with(&bytes) {
            return Err(BackupError::Damaged("it ends early (truncated)".into()));
        }
        if !looks_like_age(&bytes) {
            return Err(BackupError::NotAgeFile(
                "it does not start with \"age-encryption.org/\" nor with an age armor line".into(),
            ));
        }
        let shape = measure_header(&bytes)?;
        if let Some(log_n) = shape.scrypt_log_n.filter(|&n| n > SCRYPT_MAX_LOG_N) {
            return Err(BackupError::ExcessiveWork { log_n });
        }
        let decryptor =
            Decryptor::new_buffered(&bytes[..]).map_err(|e| decrypt_error(e, LockKind::Recipients, &bytes))?;
        let lock = if decryptor.is_scrypt() { LockKind::Passphrase } else { LockKind::Recipients };
        drop(decryptor);
        Ok(Self { bytes, lock })
    }

    /// How the file is locked: what [`SealedBackup::open`] needs.
    pub fn lock(&self) -> LockKind {
        self.lock
    }

    /// Decrypts the whole file and validates the whole document, in memory.
    ///
    /// # Errors
    /// [`BackupError::PassphraseNeeded`] / [`BackupError::IdentityNeeded`]
    /// when `key` is of the other kind; [`BackupError::WrongPassphrase`],
    /// [`BackupError::NoMatchingIdentity`]; [`BackupError::Damaged`] when
    /// the file is cut short or altered anywhere; [`BackupError::ExcessiveWork`];
    /// [`BackupError::NewerVersion`]; [`BackupError::InvalidContent`] naming
    /// the record and field.
    pub fn open(&self, key: &BackupKey) -> Result<OpenedBackup, BackupError> {
        let plaintext = self.decrypt(key)?;
        let document = DataDocument::from_json(&plaintext).map_err(|e| match e {
            DocumentError::NewerVersion { found } => BackupError::NewerVersion { found },
            other => BackupError::InvalidContent(other),
        })?;
        Ok(OpenedBackup { preview: Preview::of(&document), document })
    }

    /// The plaintext, only once the stream has been read to its authenticated end.
    fn decrypt(&self, key: &BackupKey) -> Result<zeroize::Zeroizing<Vec<u8>>, BackupError> {
        let lock = self.lock;
        let fail = |e| decrypt_error(e, lock, &self.bytes);
        let decryptor = Decryptor::new_buffered(&self.bytes[..]).map_err(fail)?;
        let reader = match (key, lock) {
            (BackupKey::Passphrase(passphrase), LockKind::Passphrase) => {
                let mut identity = age::scrypt::Identity::new(passphrase.clone());
                identity.set_max_work_factor(SCRYPT_MAX_LOG_N);
                decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity))
            }
            (BackupKey::Identities(identities), LockKind::Recipients) => {
                decryptor.decrypt(identities.iter().map(|i| i as &dyn age::Identity))
            }
            (BackupKey::Identities(_), LockKind::Passphrase) => return Err(BackupError::PassphraseNeeded),
            (BackupKey::Passphrase(_), LockKind::Recipients) => return Err(BackupError::IdentityNeeded),
        };
        let reader = reader.map_err(fail)?;
        let mut plaintext = zeroize::Zeroizing::new(Vec::with_capacity(self.bytes.len()));
        // Until read_to_end returns Ok, the bytes read so far are unauthenticated
        // as a whole (the file may have been cut at a chunk boundary): they are
        // dropped, never parsed. A plaintext larger than any document is
        // dropped the same way, unread.
        let limit = document::MAX_DOCUMENT_BYTES;
        reader.take(limit + 1).read_to_end(&mut plaintext).map_err(|e| fail(DecryptError::Io(e)))?;
        if plaintext.len() as u64 > limit {
            return Err(BackupError::TooLarge);
        }
        Ok(plaintext)
    }
}

/// What [`measure_header`] found in an age header.
#[derive(Debug, Default, PartialEq, Eq)]
struct HeaderShape {
    /// Recipient stanzas (`-> …` lines).
    stanzas: usize,
    /// The work factor of a passphrase (scrypt) stanza, if there is one.
    scrypt_log_n: Option<u8>,
}

/// Walks the header of a binary age file line by line, without parsing it:
/// the age library re-reads the whole header after every line, so a huge
/// header of tiny lines would take minutes there. Refuses a header that
/// still reads as one (printable lines) past [`MAX_HEADER_BYTES`] or
/// [`MAX_HEADER_LINES`]. A line that no header could hold (binary bytes: a
/// damaged header, or the payload after a damaged end line) stops the walk,
/// and a header that ends early is left for age to report: age stops at the
/// first such line at once.
fn measure_header(bytes: &[u8]) -> Result<HeaderShape, BackupError> {
    let too_large = || {
        BackupError::NotAgeFile(format!(
            "its header is larger than any backup's (more than {MAX_HEADER_BYTES} bytes or {MAX_HEADER_LINES} lines)"
        ))
    };
    let header_like = |line: &[u8]| line.iter().all(|b| (0x20..=0x7e).contains(b));
    let window = &bytes[..bytes.len().min(MAX_HEADER_BYTES)];
    let mut shape = HeaderShape::default();
    for (number, line) in window.split_inclusive(|&b| b == b'\n').enumerate() {
        let Some(line) = line.strip_suffix(b"\n") else {
            // No end of line within the window.
            let cut_off = bytes.len() > MAX_HEADER_BYTES && header_like(line);
            return if cut_off { Err(too_large()) } else { Ok(shape) };
        };
        if !header_like(line) {
            return Ok(shape);
        }
        if number >= MAX_HEADER_LINES {
            return Err(too_large());
        }
        if let Some(args) = line.strip_prefix(b"-> ") {
            shape.stanzas += 1;
            let args: Vec<&[u8]> = args.split(|&b| b == b' ').collect();
            if let [b"scrypt", _salt, log_n] = args.as_slice() {
                shape.scrypt_log_n = std::str::from_utf8(log_n).ok().and_then(|n| n.parse().ok()).or(Some(u8::MAX));
            }
        } else if line.starts_with(b"---") {
            return Ok(shape);
        }
    }
    Ok(shape)
}

fn starts_with_armor(bytes: &[u8]) -> bool {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    bytes[start..].starts_with(ARMOR_BEGIN)
}

fn dearmor(bytes: &[u8]) -> Result<Vec<u8>, BackupError> {
    let mut binary = Vec::with_capacity(bytes.len() * 3 / 4);
    ArmoredReader::new(bytes)
        .read_to_end(&mut binary)
        .map_err(|e| BackupError::Damaged(format!("its ASCII armor is broken ({e})")))?;
    Ok(binary)
}

/// Whether the bytes are an age file, possibly with a damaged first line:
/// either the magic, or the shape of an age header (a recipient stanza and
/// the MAC line) near the start.
fn looks_like_age(bytes: &[u8]) -> bool {
    if bytes.starts_with(AGE_MAGIC) {
        return true;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    has(b"\n-> ") && has(b"\n--- ")
}

/// Maps what age reports about `bytes` to what the person can act on.
fn decrypt_error(err: DecryptError, lock: LockKind, bytes: &[u8]) -> BackupError {
    match err {
        // scrypt: the stanza's AEAD did not open, which is what a wrong
        // passphrase (or a flipped bit in that stanza) gives.
        DecryptError::DecryptionFailed | DecryptError::KeyDecryptionFailed => match lock {
            LockKind::Passphrase => BackupError::WrongPassphrase,
            LockKind::Recipients => BackupError::NoMatchingIdentity,
        },
        // X25519: no stanza opened with the given keys.
        DecryptError::NoMatchingKeys => match lock {
            LockKind::Passphrase => BackupError::WrongPassphrase,
            LockKind::Recipients => BackupError::NoMatchingIdentity,
        },
        DecryptError::ExcessiveWork { required, .. } => BackupError::ExcessiveWork { log_n: required },
        DecryptError::InvalidHeader => BackupError::Damaged("its header is malformed".into()),
        DecryptError::InvalidMac => BackupError::Damaged("its header does not authenticate".into()),
        // age falls back to "unknown version" for any header it cannot parse
        // as v1, even when the version line says v1: that is a damaged header.
        DecryptError::UnknownFormat if bytes.starts_with(AGE_V1_LINE) => {
            BackupError::Damaged("its header is malformed".into())
        }
        DecryptError::UnknownFormat => {
            BackupError::NotAgeFile("it is an age format newer than v1, which this Ketalog does not read".into())
        }
        DecryptError::Io(e) => match e.kind() {
            io::ErrorKind::UnexpectedEof => BackupError::Damaged("it ends early (truncated)".into()),
            io::ErrorKind::InvalidData => {
                BackupError::Damaged("part of it does not authenticate (altered, or cut short)".into())
            }
            _ => BackupError::Damaged(e.to_string()),
        },
        other => BackupError::Damaged(other.to_string()),
    }
}

/// A decrypted, validated backup, ready to restore.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenedBackup {
    document: DataDocument,
    preview: Preview,
}

impl OpenedBackup {
    /// What the backup holds.
    pub fn preview(&self) -> &Preview {
        &self.preview
    }

    /// The decrypted document.
    pub fn document(&self) -> &DataDocument {
        &self.document
    }

    /// Writes the backup into the journal in one transaction: `Merge` adds
    /// and updates by record id (restoring twice changes nothing), `Replace`
    /// makes the journal exactly the backup.
    ///
    /// # Errors
    /// [`BackupError::Journal`] when the records conflict with the journal
    /// (an id used by another kind of record, a second diary entry for a
    /// day) or the disk refuses; the transaction is rolled back.
    pub fn restore(&self, vault: &mut Vault, mode: ImportMode, now: Timestamp) -> Result<ImportSummary, BackupError> {
        Ok(vault.import(&self.document.journal, mode, now)?)
    }
}

/// What a backup holds, shown before restoring it.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// The data document's format version.
    pub format_version: u64,
    /// When the backup was written, if it says.
    pub exported_at: Option<Timestamp>,
    /// Records per kind.
    pub counts: RecordCounts,
    /// The first and last calendar day (the user's local day) of the dated
    /// records; `None` when there are none.
    pub date_range: Option<(NaiveDate, NaiveDate)>,
}

impl Preview {
    /// The preview of a document.
    pub fn of(document: &DataDocument) -> Self {
        let journal = &document.journal;
        Self {
            format_version: document::VERSION,
            exported_at: document.exported_at,
            counts: RecordCounts::of(journal),
            date_range: journal.span(),
        }
    }
}

impl fmt::Display for Preview {
    /// Several lines: the version and time, the range, the counts per kind.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Data document version {}", self.format_version)?;
        match &self.exported_at {
            Some(at) => writeln!(f, ", written {}", at.to_rfc3339())?,
            None => writeln!(f, ", no export time")?,
        }
        match self.date_range {
            Some((first, last)) => writeln!(f, "Records from {first} to {last}:")?,
            None => writeln!(f, "No dated records.")?,
        }
        let parts: Vec<String> = self
            .counts
            .entries()
            .into_iter()
            .filter(|c| c.count > 0 || c.list != "acknowledgements")
            .map(|c| c.text)
            .collect();
        write!(f, "  {} ({} in all)", parts.join(", "), self.counts.total())
    }
}
