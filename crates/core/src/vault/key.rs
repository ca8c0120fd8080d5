//! The journal's key scheme.
//!
//! The database is encrypted by SQLCipher with a random 256-bit *data key*
//! used as a raw key (SQLCipher's own PBKDF2 is bypassed). The data key is
//! stored only wrapped, in the *key file* beside the database:
//!
//! ```text
//! offset len  field
//!      0   8  magic  "KTLGKEY\0"
//!      8   1  key-file version = 1
//!      9  16  salt (random, new at every passphrase change)
//!     25  24  nonce (random, new at every passphrase change)
//!     49  48  XChaCha20-Poly1305(wrapping key, nonce, data key; aad = bytes 0..49)
//!     97      end
//! ```
//!
//! Version 2 exists only while the database is being re-encrypted under a
//! new data key (a passphrase change with `rekey`): it wraps two keys, the
//! new one first and the one it replaces second (80 bytes sealed, 129 in
//! all), so that whichever of the two the database is encrypted with at the
//! moment of a crash, the journal opens. The first open after such a crash
//! finishes the change and writes version 1 again.
//!
//! The wrapping key is Argon2id(passphrase, salt) with the parameters fixed
//! by the key-file version ([`ARGON2_M_KIB`], [`ARGON2_T`], [`ARGON2_P`]). A
//! passphrase change writes a new key file beside the old and renames it into
//! place, so at every instant exactly one passphrase opens the journal.

use std::fs;
use std::path::Path;

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::fsio::{self, fill_random};

/// Argon2id memory, KiB (64 MiB; OWASP's minimum is 19 MiB).
pub const ARGON2_M_KIB: u32 = 64 * 1024;
/// Argon2id passes (OWASP's minimum at 19 MiB is 2).
pub const ARGON2_T: u32 = 3;
/// Argon2id lanes.
pub const ARGON2_P: u32 = 1;

const MAGIC: &[u8; 8] = b"KTLGKEY\0";
const KEY_FILE_VERSION: u8 = 1;
/// The key file of a re-encryption under way: two keys.
const KEY_FILE_VERSION_PAIR: u8 = 2;
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 24;
const KEY_LEN: usize = 32;
const TAG_LEN: usize = 16;
const WRAPPED_LEN: usize = KEY_LEN + TAG_LEN;
const HEADER_LEN: usize = 8 + 1 + SALT_LEN + NONCE_LEN;
const FILE_LEN: usize = HEADER_LEN + WRAPPED_LEN;
const PAIR_FILE_LEN: usize = HEADER_LEN + 2 * KEY_LEN + TAG_LEN;

/// The random key SQLCipher encrypts the database with. Never cloned, never
/// printed, wiped from memory when dropped.
pub struct DataKey(Zeroizing<[u8; KEY_LEN]>);

impl DataKey {
    /// A fresh random key.
    pub fn generate() -> Result<Self> {
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        fill_random(key.as_mut())?;
        Ok(Self(key))
    }

    /// `PRAGMA key = "x'…'"`, the statement that hands the raw key to SQLCipher.
    pub fn pragma(&self) -> Zeroizing<String> {
        let mut sql = Zeroizing::new(String::with_capacity(16 + 2 * KEY_LEN));
        sql.push_str("PRAGMA key = \"");
        sql.push_str(&self.raw_key_literal());
        sql.push_str("\";");
        sql
    }

    /// `x'…'`: the raw key as SQLCipher reads it (in `PRAGMA key`, or as
    /// the key of an attached database).
    pub(super) fn raw_key_literal(&self) -> Zeroizing<String> {
        let mut text = Zeroizing::new(String::with_capacity(3 + 2 * KEY_LEN));
        text.push_str("x'");
        for byte in self.0.iter() {
            text.push(hex_digit(byte >> 4));
            text.push(hex_digit(byte & 0x0f));
        }
        text.push('\'');
        text
    }
}

fn hex_digit(nibble: u8) -> char {
    char::from(b"0123456789abcdef"[usize::from(nibble)])
}

/// The wrapping key derived from the passphrase.
fn wrapping_key(passphrase: &SecretString, salt: &[u8; SALT_LEN]) -> Result<Zeroizing<[u8; KEY_LEN]>> {
    let params = Params::new(ARGON2_M_KIB, ARGON2_T, ARGON2_P, Some(KEY_LEN))
        .map_err(|e| Error::Corrupt(format!("key derivation parameters: {e}")))?;
    let mut out = Zeroizing::new([0u8; KEY_LEN]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.expose_secret().as_bytes(), salt, out.as_mut())
        .map_err(|e| Error::Corrupt(format!("key derivation: {e}")))?;
    Ok(out)
}

/// Wraps `key` under `passphrase`: the bytes of a key file.
pub fn seal(key: &DataKey, passphrase: &SecretString) -> Result<Vec<u8>> {
    seal_keys(KEY_FILE_VERSION, &[key], passphrase)
}

/// Wraps the key of a re-encryption under way, `next`, with the key it
/// replaces, `previous`: the bytes of a version-2 key file.
pub fn seal_pair(next: &DataKey, previous: &DataKey, passphrase: &SecretString) -> Result<Vec<u8>> {
    seal_keys(KEY_FILE_VERSION_PAIR, &[next, previous], passphrase)
}

fn seal_keys(version: u8, keys: &[&DataKey], passphrase: &SecretString) -> Result<Vec<u8>> {
    let mut salt = [0u8; SALT_LEN];
    let mut nonce = [0u8; NONCE_LEN];
    fill_random(&mut salt)?;
    fill_random(&mut nonce)?;
    let mut file = Vec::with_capacity(PAIR_FILE_LEN);
    file.extend_from_slice(MAGIC);
    file.push(version);
    file.extend_from_slice(&salt);
    file.extend_from_slice(&nonce);
    let mut plain = Zeroizing::new(Vec::with_capacity(keys.len() * KEY_LEN));
    for key in keys {
        plain.extend_from_slice(key.0.as_ref());
    }
    let kek = wrapping_key(passphrase, &salt)?;
    let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(&kek[..]));
    let wrapped = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: &plain, aad: &file })
        .map_err(|_| Error::Corrupt("could not wrap the key".into()))?;
    file.extend_from_slice(&wrapped);
    Ok(file)
}

/// What a key file holds.
pub enum Unwrapped {
    /// The data key (version 1).
    Key(DataKey),
    /// A re-encryption under way (version 2): the new key and the one it
    /// replaces. The database is encrypted with exactly one of them.
    Pair {
        /// The key the database is being re-encrypted with.
        next: DataKey,
        /// The key it was encrypted with before.
        previous: DataKey,
    },
}

/// Unwraps the data key (or keys) from key-file bytes.
///
/// # Errors
/// [`Error::WrongPassphrase`] when the passphrase does not fit (or the
/// wrapped key was altered); [`Error::Corrupt`] when the bytes are not a key
/// file of a version this build knows.
pub fn open(bytes: &[u8], passphrase: &SecretString) -> Result<Unwrapped> {
    if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
        return Err(Error::Corrupt("the key file is not a Ketalog key file".into()));
    }
    let expected_len = match bytes[8] {
        KEY_FILE_VERSION => FILE_LEN,
        KEY_FILE_VERSION_PAIR => PAIR_FILE_LEN,
        other => {
            return Err(Error::Corrupt(format!(
                "the key file has version {other}; this Ketalog knows versions {KEY_FILE_VERSION} and {KEY_FILE_VERSION_PAIR}"
            )));
        }
    };
    if bytes.len() != expected_len {
        return Err(Error::Corrupt("the key file is not a Ketalog key file".into()));
    }
    let mut salt = [0u8; SALT_LEN];
    salt.copy_from_slice(&bytes[9..9 + SALT_LEN]);
    let nonce = XNonce::from_slice(&bytes[9 + SALT_LEN..HEADER_LEN]);
    let kek = wrapping_key(passphrase, &salt)?;
    let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(&kek[..]));
    let plain = Zeroizing::new(
        cipher
            .decrypt(nonce, Payload { msg: &bytes[HEADER_LEN..], aad: &bytes[..HEADER_LEN] })
            .map_err(|_| Error::WrongPassphrase)?,
    );
    let key_at = |i: usize| {
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        key.copy_from_slice(&plain[i * KEY_LEN..(i + 1) * KEY_LEN]);
        DataKey(key)
    };
    Ok(match bytes[8] {
        KEY_FILE_VERSION => Unwrapped::Key(key_at(0)),
        _ => Unwrapped::Pair { next: key_at(0), previous: key_at(1) },
    })
}

/// Reads a key file.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|e| Error::io(format!("cannot read the key file {}", path.display()), e))
}

/// Replaces the key file atomically.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    fsio::write_atomically(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pass(s: &str) -> SecretString {
        SecretString::from(s.to_owned())
    }

    #[test]
    fn the_key_comes_back_only_with_the_right_passphrase() {
        let key = DataKey::generate().unwrap();
        let file = seal(&key, &pass("correct horse")).unwrap();
        assert_eq!(file.len(), FILE_LEN);
        let Unwrapped::Key(back) = open(&file, &pass("correct horse")).unwrap() else { panic!("one key") };
        assert_eq!(*back.pragma(), *key.pragma());
        assert!(matches!(open(&file, &pass("correct hors")), Err(Error::WrongPassphrase)));
    }

    #[test]
    fn any_changed_byte_is_refused() {
        let key = DataKey::generate().unwrap();
        let file = seal(&key, &pass("pw")).unwrap();
        for i in [0, 8, 9, 30, 60, FILE_LEN - 1] {
            let mut bad = file.clone();
            bad[i] ^= 1;
            assert!(open(&bad, &pass("pw")).is_err(), "byte {i}");
        }
        assert!(matches!(open(&file[..FILE_LEN - 1], &pass("pw")), Err(Error::Corrupt(_))));
    }

    #[test]
    fn a_pair_keeps_both_keys_in_order() {
        let (next, previous) = (DataKey::generate().unwrap(), DataKey::generate().unwrap());
        let file = seal_pair(&next, &previous, &pass("pw")).unwrap();
        assert_eq!(file.len(), PAIR_FILE_LEN);
        let Unwrapped::Pair { next: n, previous: p } = open(&file, &pass("pw")).unwrap() else { panic!("a pair") };
        assert_eq!(*n.pragma(), *next.pragma());
        assert_eq!(*p.pragma(), *previous.pragma());
        assert!(matches!(open(&file, &pass("pw2")), Err(Error::WrongPassphrase)));
        let mut bad = file.clone();
        bad[8] = 1;
        assert!(matches!(open(&bad, &pass("pw")), Err(Error::Corrupt(_))), "a pair's length with version 1");
    }
}
