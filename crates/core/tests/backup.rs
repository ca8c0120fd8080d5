//! Encrypted backups through the core's public API: round trips, merge and
//! replace, and every way a backup file can be wrong (truncated at and
//! around each 64 KiB chunk boundary, single bits flipped across header and
//! payload, wrong keys, foreign files, invalid or newer content), each of
//! which must leave the journal exactly as it was.
//!
//! Most cases use X25519 keys (microseconds per decryption); the
//! passphrase (scrypt, ~0.5–1 s per operation) is exercised on one file.

#![allow(clippy::unwrap_used, reason = "test helpers: a failed unwrap is a failed test")]

use std::path::PathBuf;

use age::x25519;
use chrono::NaiveDate;
use ketalog_core::backup::{self, BackupError, BackupKey, BackupLock, LockKind, SealedBackup};
use ketalog_core::record::RecordKind;
use ketalog_core::{DataDocument, ImportMode, Journal, Timestamp, Vault, demo};
use secrecy::SecretString;
use uuid::Uuid;

/// age's payload is cut into 64 KiB chunks, each followed by a 16-byte tag.
const ENCRYPTED_CHUNK: usize = 64 * 1024 + 16;
/// The payload nonce between header and first chunk.
const NONCE_LEN: usize = 16;

fn now() -> Timestamp {
    Timestamp::parse("2026-07-01T08:00:00+02:00").unwrap()
}

fn demo_year() -> Journal {
    demo::journal(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap())
}

/// A handful of records of an earlier year, with ids of their own, so a
/// journal holding them differs from the demo year in every respect.
fn earlier_records() -> Journal {
    let mut j = demo::journal(NaiveDate::from_ymd_opt(2024, 3, 31).unwrap());
    j.sessions.truncate(3);
    j.checkins.truncate(5);
    j.phq9.truncate(1);
    j.gad7.truncate(1);
    j.icsi_icpi.clear();
    j.bladder.truncate(2);
    j.acknowledgements.clear();
    j.record_times.clear();
    let mut n = 0u128;
    let mut fresh = || {
        n += 1;
        Uuid::from_u128(0xBAC0_0000_0000_0000_0000_0000_0000_0000 + n)
    };
    j.sessions.iter_mut().for_each(|r| r.id = fresh());
    j.checkins.iter_mut().for_each(|r| r.id = fresh());
    j.phq9.iter_mut().for_each(|r| r.id = fresh());
    j.gad7.iter_mut().for_each(|r| r.id = fresh());
    j.bladder.iter_mut().for_each(|r| r.id = fresh());
    j.profile.display_name = Some("Before".into());
    j
}

struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Self {
        Self { dir: tempfile::tempdir().unwrap() }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A new journal holding `journal`.
    fn vault(&self, name: &str, journal: &Journal) -> Vault {
        let mut vault =
            Vault::create(&self.path(name).join("journal.db"), &SecretString::from("journal pass")).unwrap();
        vault.import(journal, ImportMode::Merge, now()).unwrap();
        vault
    }
}

/// A backup of the demo year encrypted to a fresh X25519 key.
fn recipient_backup(scratch: &Scratch) -> (Vec<u8>, x25519::Identity) {
    let identity = x25519::Identity::generate();
    let source = scratch.vault("source", &demo_year());
    let out = scratch.path("recipient.age");
    backup::export(&source, &BackupLock::Recipients(vec![identity.to_public()]), &out, now()).unwrap();
    (std::fs::read(out).unwrap(), identity)
}

/// Everything a restore does, from the file's bytes to the journal.
fn restore(bytes: &[u8], key: &BackupKey, vault: &mut Vault, mode: ImportMode) -> Result<(), BackupError> {
    let opened = SealedBackup::from_bytes(bytes.to_vec())?.open(key)?;
    opened.restore(vault, mode, now())?;
    Ok(())
}

/// The document text of a journal, without the export time.
fn document_of(vault: &Vault) -> String {
    let mut value: serde_json::Value =
        serde_json::from_str(&DataDocument::new(vault.journal().unwrap(), now()).to_json()).unwrap();
    value.as_object_mut().unwrap().remove("exported_at");
    value.to_string()
}

/// Where the header ends (after the MAC line) and where the MAC line starts.
fn header_layout(bytes: &[u8]) -> (usize, usize) {
    let mac_line = bytes.windows(5).position(|w| w == b"\n--- ").unwrap() + 1;
    let end = mac_line + bytes[mac_line..].iter().position(|&b| b == b'\n').unwrap() + 1;
    (mac_line, end)
}

/// A deterministic stream of numbers for sampling positions.
struct Sampler(u64);

impl Sampler {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn is_damaged(result: &Result<(), BackupError>) -> bool {
    matches!(result, Err(BackupError::Damaged(_)))
}

#[test]
fn a_recipient_backup_round_trips_into_a_fresh_journal() {
    let s = Scratch::new();
    let (bytes, identity) = recipient_backup(&s);
    let source = Vault::open(&s.path("source").join("journal.db"), &SecretString::from("journal pass")).unwrap();
    let sealed = SealedBackup::from_bytes(bytes).unwrap();
    assert_eq!(sealed.lock(), LockKind::Recipients);
    let opened = sealed.open(&BackupKey::Identities(vec![identity])).unwrap();

    let preview = opened.preview();
    let year = demo_year();
    assert_eq!(preview.format_version, 1);
    assert_eq!(preview.exported_at, Some(now()));
    assert_eq!(preview.counts.of_kind(RecordKind::Session), year.sessions.len());
    assert_eq!(preview.counts.of_kind(RecordKind::CheckIn), year.checkins.len());
    assert_eq!(preview.counts.of_kind(RecordKind::BladderDay), 365);
    assert_eq!(preview.counts.total(), year.record_count());
    assert_eq!(
        preview.date_range,
        Some((NaiveDate::from_ymd_opt(2025, 7, 1).unwrap(), NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()))
    );

    let mut fresh = s.vault("fresh", &Journal::default());
    let summary = opened.restore(&mut fresh, ImportMode::Merge, now()).unwrap();
    assert_eq!(summary.added, year.record_count());
    assert_eq!(document_of(&fresh), document_of(&source));
}

#[test]
fn a_backup_spans_several_chunks_and_any_of_several_recipients_opens_it() {
    let s = Scratch::new();
    let keys: Vec<x25519::Identity> = (0..3).map(|_| x25519::Identity::generate()).collect();
    let source = s.vault("source", &demo_year());
    let out = s.path("three.age");
    let lock = BackupLock::Recipients(keys.iter().map(x25519::Identity::to_public).collect());
    let written = backup::export(&source, &lock, &out, now()).unwrap();
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(written.bytes, bytes.len());
    assert!(bytes.len() > 4 * ENCRYPTED_CHUNK, "the demo year spans several chunks ({} bytes)", bytes.len());
    for key in keys {
        let opened = SealedBackup::from_bytes(bytes.clone()).unwrap().open(&BackupKey::Identities(vec![key])).unwrap();
        assert_eq!(opened.preview().counts.total(), demo_year().record_count());
    }
    let stranger = x25519::Identity::generate();
    let refused = SealedBackup::from_bytes(bytes).unwrap().open(&BackupKey::Identities(vec![stranger]));
    assert!(matches!(refused, Err(BackupError::NoMatchingIdentity)), "{refused:?}");
    // Written through a temporary file that was renamed: nothing else is left.
    let names: Vec<_> = std::fs::read_dir(s.dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[cfg(unix)]
#[test]
fn the_backup_file_is_private_and_replaces_an_older_one_whole() {
    use std::os::unix::fs::PermissionsExt;
    let s = Scratch::new();
    let key = x25519::Identity::generate();
    let source = s.vault("source", &earlier_records());
    let out = s.path("b.age");
    std::fs::write(&out, b"an older backup").unwrap();
    backup::export(&source, &BackupLock::Recipients(vec![key.to_public()]), &out, now()).unwrap();
    assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
    let opened = SealedBackup::read(&out).unwrap().open(&BackupKey::Identities(vec![key])).unwrap();
    assert_eq!(opened.preview().counts.total(), earlier_records().record_count());
    // Never over the journal's own files, however they are named.
    let db = s.path("source").join("journal.db");
    let sideways = s.path("source").join("..").join("source").join("journal.db.key");
    let lock = BackupLock::Recipients(vec![x25519::Identity::generate().to_public()]);
    for target in [db.clone(), sideways] {
        let err = backup::export(&source, &lock, &target, now()).unwrap_err();
        assert!(matches!(err, BackupError::Journal(ketalog_core::Error::JournalFile(_))), "{err:?}");
    }
    drop(source);
    let source = Vault::open(&db, &SecretString::from("journal pass")).unwrap();
    // A folder that does not exist: an error naming the path, no file.
    let missing = s.path("no-such-folder").join("b.age");
    let err = backup::export(
        &source,
        &BackupLock::Recipients(vec![x25519::Identity::generate().to_public()]),
        &missing,
        now(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("no-such-folder"), "{err}");
}

#[test]
fn merge_is_idempotent_and_replace_makes_the_journal_the_backup() {
    let s = Scratch::new();
    let (bytes, identity) = recipient_backup(&s);
    let key = BackupKey::Identities(vec![identity]);
    let opened = SealedBackup::from_bytes(bytes).unwrap().open(&key).unwrap();
    let year = demo_year();
    let earlier = earlier_records();

    let mut merged = s.vault("merged", &earlier);
    let first = opened.restore(&mut merged, ImportMode::Merge, now()).unwrap();
    assert_eq!((first.added, first.updated, first.removed), (year.record_count(), 0, 0));
    let after_first = document_of(&merged);
    let second = opened.restore(&mut merged, ImportMode::Merge, now()).unwrap();
    assert_eq!((second.added, second.updated, second.unchanged), (0, 0, year.record_count()));
    assert_eq!(document_of(&merged), after_first, "restoring twice changes nothing");
    let journal = merged.journal().unwrap();
    assert_eq!(journal.record_count(), year.record_count() + earlier.record_count());

    let mut replaced = s.vault("replaced", &earlier);
    let summary = opened.restore(&mut replaced, ImportMode::Replace, now()).unwrap();
    assert_eq!(summary.removed, earlier.record_count());
    let source = Vault::open(&s.path("source").join("journal.db"), &SecretString::from("journal pass")).unwrap();
    assert_eq!(document_of(&replaced), document_of(&source));
}

#[test]
fn truncation_at_and_around_every_chunk_boundary_and_at_random_offsets_is_refused() {
    let s = Scratch::new();
    let (bytes, identity) = recipient_backup(&s);
    let key = BackupKey::Identities(vec![identity]);
    let mut vault = s.vault("target", &earlier_records());
    let before = document_of(&vault);

    let (_, header_end) = header_layout(&bytes);
    let payload = header_end + NONCE_LEN;
    let mut cuts =
        vec![1, 5, 18, 19, 22, 40, header_end - 1, header_end, header_end + 8, payload - 1, payload, payload + 1];
    let mut boundary = payload;
    while boundary < bytes.len() {
        cuts.extend([boundary - 1, boundary, boundary + 1]);
        boundary += ENCRYPTED_CHUNK;
    }
    cuts.extend([bytes.len() - 17, bytes.len() - 16, bytes.len() - 1]);
    let mut sampler = Sampler(0x5EED_0001);
    cuts.extend((0..40).map(|_| 1 + sampler.below(bytes.len() - 1)));
    cuts.retain(|&c| c < bytes.len());
    assert!(cuts.len() > 60);

    for cut in cuts {
        let result = restore(&bytes[..cut], &key, &mut vault, ImportMode::Replace);
        assert!(is_damaged(&result), "cut at {cut} of {}: {result:?}", bytes.len());
        let message = result.unwrap_err().to_string();
        assert!(message.starts_with("the backup file is damaged (cut short or altered)"), "{message}");
    }
    assert_eq!(document_of(&vault), before, "the journal is exactly as before");
    // The harness can succeed: the whole file restores.
    restore(&bytes, &key, &mut vault, ImportMode::Replace).unwrap();
    assert_ne!(document_of(&vault), before);
}

#[test]
fn a_flipped_bit_anywhere_is_refused_and_each_region_gets_an_honest_message() {
    let s = Scratch::new();
    let (bytes, identity) = recipient_backup(&s);
    let key = BackupKey::Identities(vec![identity]);
    let mut vault = s.vault("target", &earlier_records());
    let before = document_of(&vault);
    let (mac_line, header_end) = header_layout(&bytes);
    let first_line_end = bytes.iter().position(|&b| b == b'\n').unwrap() + 1;

    let mut positions: Vec<usize> = (0..header_end + NONCE_LEN).collect();
    let mut chunk = header_end + NONCE_LEN;
    while chunk < bytes.len() {
        // The first bytes of a chunk, its middle, and its tag.
        positions.extend([chunk, chunk + 1, chunk + 30_000]);
        positions.extend((1..=20).map(|back| (chunk + ENCRYPTED_CHUNK).min(bytes.len()) - back));
        chunk += ENCRYPTED_CHUNK;
    }
    positions.extend((header_end..bytes.len()).step_by(4099));
    positions.retain(|&p| p < bytes.len());

    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    let mut reported = std::collections::BTreeMap::<(&str, String), usize>::new();
    for (i, &position) in positions.iter().enumerate() {
        let mut tampered = bytes.clone();
        tampered[position] ^= 1 << (i % 8);
        let result = restore(&tampered, &key, &mut vault, ImportMode::Replace);
        let region = if position < first_line_end {
            "version line"
        } else if position < mac_line {
            "recipient stanza"
        } else if position < header_end {
            "header MAC"
        } else {
            "nonce and payload"
        };
        let honest = match region {
            // A damaged version line reads as a damaged header, or as a
            // newer or foreign format: age cannot tell which it was.
            "version line" => {
                matches!(result, Err(BackupError::Damaged(_) | BackupError::NotAgeFile(_)))
            }
            // A changed stanza no longer opens with the key: age reports no
            // matching key (or a malformed header).
            "recipient stanza" => {
                matches!(result, Err(BackupError::Damaged(_) | BackupError::NoMatchingIdentity))
            }
            _ => is_damaged(&result),
        };
        assert!(honest, "bit {} of byte {position} ({region}): {result:?}", i % 8);
        *counts.entry(region).or_default() += 1;
        let variant = format!("{:?}", result.unwrap_err());
        let variant = variant.split('(').next().unwrap_or_default().to_owned();
        *reported.entry((region, variant)).or_default() += 1;
    }
    // What age reported, per region (shown with --nocapture).
    println!("{reported:#?}");
    assert!(counts["nonce and payload"] > 100, "{counts:?}");
    assert!(counts["header MAC"] > 40, "{counts:?}");
    assert_eq!(document_of(&vault), before, "the journal is exactly as before");
}

#[test]
fn a_passphrase_backup_pins_scrypt_at_18_and_refuses_wrong_keys_and_damage() {
    let s = Scratch::new();
    let passphrase = SecretString::from("violet umbrella harbour 7");
    let source = s.vault("source", &demo_year());
    let out = s.path("passphrase.age");
    backup::export(&source, &BackupLock::Passphrase(passphrase.clone()), &out, now()).unwrap();
    let bytes = std::fs::read(&out).unwrap();
    let header = String::from_utf8_lossy(&bytes[..header_layout(&bytes).1]).into_owned();
    let stanza = header.lines().nth(1).unwrap();
    let args: Vec<&str> = stanza.split(' ').collect();
    assert_eq!((args[0], args[1], args[3]), ("->", "scrypt", "18"), "{stanza}");

    let sealed = SealedBackup::from_bytes(bytes.clone()).unwrap();
    assert_eq!(sealed.lock(), LockKind::Passphrase);
    let right = BackupKey::Passphrase(passphrase);
    let opened = sealed.open(&right).unwrap();
    assert_eq!(opened.preview().counts.total(), demo_year().record_count());

    let mut vault = s.vault("target", &earlier_records());
    let before = document_of(&vault);
    let wrong = restore(
        &bytes,
        &BackupKey::Passphrase(SecretString::from("violet umbrella harbour 8")),
        &mut vault,
        ImportMode::Replace,
    );
    assert!(matches!(wrong, Err(BackupError::WrongPassphrase)), "{wrong:?}");
    let with_key =
        restore(&bytes, &BackupKey::Identities(vec![x25519::Identity::generate()]), &mut vault, ImportMode::Merge);
    assert!(matches!(with_key, Err(BackupError::PassphraseNeeded)), "{with_key:?}");

    // One scrypt per case, so a few chosen positions: the salt and the
    // wrapped key read as a wrong passphrase (age cannot tell them apart);
    // the MAC, the payload and a cut read as damage.
    let (mac_line, header_end) = header_layout(&bytes);
    let salt = header.find("scrypt ").unwrap() + "scrypt ".len() + 3;
    let body = header.lines().take(2).map(|l| l.len() + 1).sum::<usize>() + 5;
    type Expected = fn(&Result<(), BackupError>) -> bool;
    let cases: [(usize, Expected); 4] = [
        (salt, |r| matches!(r, Err(BackupError::WrongPassphrase | BackupError::Damaged(_)))),
        (body, |r| matches!(r, Err(BackupError::WrongPassphrase | BackupError::Damaged(_)))),
        (mac_line + 10, is_damaged),
        (header_end + NONCE_LEN + 2 * ENCRYPTED_CHUNK + 77, is_damaged),
    ];
    for (position, expected) in cases {
        let mut tampered = bytes.clone();
        tampered[position] ^= 0x02;
        let result = restore(&tampered, &right, &mut vault, ImportMode::Replace);
        assert!(expected(&result), "byte {position}: {result:?}");
    }
    // A work factor beyond what a restore spends is refused before any scrypt.
    let mut greedy = bytes.clone();
    let work = header.find(" 18\n").unwrap() + 1;
    greedy[work..work + 2].copy_from_slice(b"23");
    let result = restore(&greedy, &right, &mut vault, ImportMode::Replace);
    assert!(matches!(result, Err(BackupError::ExcessiveWork { log_n: 23 })), "{result:?}");
    let cut = header_end + NONCE_LEN + 3 * ENCRYPTED_CHUNK;
    let result = restore(&bytes[..cut], &right, &mut vault, ImportMode::Replace);
    assert!(is_damaged(&result), "{result:?}");
    assert_eq!(document_of(&vault), before, "the journal is exactly as before");
}

#[test]
fn a_recipient_backup_without_an_identity_says_what_it_needs() {
    let s = Scratch::new();
    let (bytes, _) = recipient_backup(&s);
    let sealed = SealedBackup::from_bytes(bytes).unwrap();
    let err = sealed.open(&BackupKey::Passphrase(SecretString::from("anything"))).unwrap_err();
    assert!(matches!(err, BackupError::IdentityNeeded), "{err:?}");
    assert!(err.to_string().contains("identity file"), "{err}");
}

#[test]
fn files_that_are_not_age_are_named_as_such() {
    let cases: [&[u8]; 4] = [
        b"",
        br#"{"format": "ketalog-data", "version": 1}"#,
        b"PK\x03\x04 a zip file",
        b"age-encryption.org/v2\n-> X25519 abc\n--- def\n",
    ];
    for bytes in cases {
        let err = SealedBackup::from_bytes(bytes.to_vec()).unwrap_err();
        assert!(matches!(err, BackupError::NotAgeFile(_)), "{:?}: {err:?}", String::from_utf8_lossy(bytes));
        assert!(err.to_string().starts_with("not an age-encrypted backup"), "{err}");
    }
}

/// Encrypts `plaintext` to a fresh key and opens it again.
fn open_plaintext(plaintext: &[u8]) -> Result<backup::OpenedBackup, BackupError> {
    let key = x25519::Identity::generate();
    let sealed = backup::encrypt(plaintext, &BackupLock::Recipients(vec![key.to_public()])).unwrap();
    SealedBackup::from_bytes(sealed)?.open(&BackupKey::Identities(vec![key]))
}

#[test]
fn decrypted_content_that_is_newer_or_invalid_is_refused_naming_the_field() {
    let mut document: serde_json::Value =
        serde_json::from_str(&DataDocument::new(demo_year(), now()).to_json()).unwrap();
    document["version"] = 2.into();
    let newer = open_plaintext(document.to_string().as_bytes()).unwrap_err();
    assert!(matches!(newer, BackupError::NewerVersion { found: 2 }), "{newer:?}");
    assert!(newer.to_string().contains("update Ketalog"), "{newer}");

    document["version"] = 1.into();
    document["phq9"][3]["items"] = serde_json::json!([1, 2, 3]);
    let invalid = open_plaintext(document.to_string().as_bytes()).unwrap_err();
    assert!(matches!(invalid, BackupError::InvalidContent(_)), "{invalid:?}");
    assert!(invalid.to_string().contains("PHQ-9 4 in the file, the answers: expected 9 answers, got 3"), "{invalid}");

    let not_json = open_plaintext(b"just some text").unwrap_err();
    assert!(matches!(not_json, BackupError::InvalidContent(_)), "{not_json:?}");
}

#[test]
fn recipients_and_identity_files_are_parsed_with_named_errors() {
    let key = x25519::Identity::generate();
    let public = key.to_public().to_string();
    assert_eq!(backup::parse_recipient(&format!("  {public}\n")).unwrap().to_string(), public);
    for bad in ["age1qqqq", "ssh-ed25519 AAAA", &public[..public.len() - 1]] {
        let err = backup::parse_recipient(bad).unwrap_err();
        assert!(matches!(err, BackupError::InvalidRecipient { .. }), "{err:?}");
        assert!(err.to_string().contains("invalid age recipient"), "{err}");
    }

    use secrecy::ExposeSecret;
    let file =
        format!("# created: 2026-07-01T08:00:00+02:00\n# public key: {public}\n{}\n", key.to_string().expose_secret());
    let parsed = backup::parse_identities(&file, "key.txt").unwrap();
    assert_eq!(parsed.len(), 1);
    assert_eq!(parsed[0].to_public().to_string(), public);

    let leaked = "AGE-SECRET-KEY-1NOTAKEYATALL";
    let err = backup::parse_identities(&format!("# comment\n{leaked}\n"), "key.txt").err().unwrap();
    let message = err.to_string();
    assert!(message.contains("key.txt") && message.contains("line 2"), "{message}");
    assert!(!message.contains(leaked), "an identity line never appears in a message: {message}");
    let empty = backup::parse_identities("# nothing here\n", "empty.txt").err().unwrap();
    assert!(empty.to_string().contains("holds no age identity"), "{empty}");
}

/// A backup whose plaintext is a whole, valid document followed by
/// whitespace: cut at the chunk boundary after the document, the part that
/// age already released would restore cleanly. It must not: nothing is used
/// before the stream's last chunk has been authenticated.
#[test]
fn a_cut_that_leaves_a_valid_document_in_the_released_chunks_is_still_refused() {
    let s = Scratch::new();
    let mut vault = s.vault("target", &earlier_records());
    let before = document_of(&vault);
    let mut plaintext = DataDocument::new(demo_year(), now()).to_json().into_bytes();
    let whole_chunks = plaintext.len().div_ceil(64 * 1024);
    plaintext.resize((whole_chunks + 1) * 64 * 1024 + 100, b' ');
    let key = x25519::Identity::generate();
    let sealed = backup::encrypt(&plaintext, &BackupLock::Recipients(vec![key.to_public()])).unwrap();
    let key = BackupKey::Identities(vec![key]);
    let payload = header_layout(&sealed).1 + NONCE_LEN;

    let cut = &sealed[..payload + whole_chunks * ENCRYPTED_CHUNK];
    let result = restore(cut, &key, &mut vault, ImportMode::Replace);
    assert!(matches!(&result, Err(BackupError::Damaged(m)) if m.contains("truncated")), "{result:?}");
    assert_eq!(document_of(&vault), before);
    // The same document, whole, restores: the cut alone made the difference.
    restore(&sealed, &key, &mut vault, ImportMode::Replace).unwrap();
    assert_eq!(vault.journal().unwrap().record_count(), demo_year().record_count());
}
