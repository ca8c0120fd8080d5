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
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 24;
const KEY_LEN: usize = 32;
const WRAPPED_LEN: usize = KEY_LEN + 16;
const HEADER_LEN: usize = 8 + 1 + SALT_LEN + NONCE_LEN;
const FILE_LEN: usize = HEADER_LEN + WRAPPED_LEN;

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
        sql.push_str("PRAGMA key = \"x'");
        for byte in self.0.iter() {
            sql.push(hex_digit(byte >> 4));
            sql.push(hex_digit(byte & 0x0f));
        }
        sql.push_str("'\";");
        sql
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
    let mut salt = [0u8; SALT_LEN];
    let mut nonce = [0u8; NONCE_LEN];
    fill_random(&mut salt)?;
    fill_random(&mut nonce)?;
    let mut file = Vec::with_capacity(FILE_LEN);
    file.extend_from_slice(MAGIC);
    file.push(KEY_FILE_VERSION);
    file.extend_from_slice(&salt);
    file.extend_from_slice(&nonce);
    let kek = wrapping_key(passphrase, &salt)?;
    let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(&kek[..]));
    let wrapped = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: key.0.as_ref(), aad: &file })
        .map_err(|_| Error::Corrupt("could not wrap the key".into()))?;
    file.extend_from_slice(&wrapped);
    Ok(file)
}

/// Unwraps the data key from key-file bytes.
///
/// # Errors
/// [`Error::WrongPassphrase`] when the passphrase does not fit (or the
/// wrapped key was altered); [`Error::Corrupt`] when the bytes are not a key
/// file of a version this build knows.
pub fn open(bytes: &[u8], passphrase: &SecretString) -> Result<DataKey> {
    if bytes.len() != FILE_LEN || &bytes[..8] != MAGIC {
        return Err(Error::Corrupt("the key file is not a Ketalog key file".into()));
    }
    if bytes[8] != KEY_FILE_VERSION {
        return Err(Error::Corrupt(format!(
            "the key file has version {}; this Ketalog knows version {KEY_FILE_VERSION}",
            bytes[8]
        )));
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
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    key.copy_from_slice(&plain);
    Ok(DataKey(key))
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
        let back = open(&file, &pass("correct horse")).unwrap();
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
}
