//! Damage to the database file is detected, never read as other data.
#![allow(clippy::unwrap_used)]

use ketalog_core::{Error, Timestamp, Vault};
use ketalog_proof::{Noise, checkin, seed_from_env};
use secrecy::SecretString;

fn secret() -> SecretString {
    SecretString::from("corruption passphrase".to_owned())
}

#[test]
fn a_flipped_byte_anywhere_in_the_database_is_detected() {
    let seed = seed_from_env("KETALOG_PROOF_SEED");
    let flips = if std::env::var_os("KETALOG_PROOF_FULL").is_some() { 1000 } else { 60 };
    eprintln!("seed {seed}, {flips} flips");
    let mut noise = Noise(seed);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    let mut vault = Vault::create(&db, &secret()).unwrap();
    for n in 0..300 {
        vault
            .save(
                &checkin(noise.uuid(), n, "a note long enough to span pages of the database file"),
                Timestamp::now_local(),
            )
            .unwrap();
    }
    let reference = vault.journal().unwrap();
    drop(vault); // checkpoints the write-ahead log into the database file
    let pristine = std::fs::read(&db).unwrap();
    assert!(!std::path::Path::new(&format!("{}-wal", db.display())).exists());
    let (mut at_open, mut at_read) = (0, 0);
    for _ in 0..flips {
        let mut bytes = pristine.clone();
        let at = noise.below(bytes.len() as u64) as usize;
        bytes[at] ^= 1 << noise.below(8);
        std::fs::write(&db, &bytes).unwrap();
        let outcome = Vault::open(&db, &secret()).and_then(|v| {
            at_read += 1;
            let journal = v.journal()?;
            v.check_integrity()?;
            Ok(journal)
        });
        match outcome {
            Err(Error::Corrupt(_)) => {}
            Err(other) => panic!("flip at byte {at}: not reported as damage: {other:?}"),
            Ok(journal) => panic!("flip at byte {at} went unnoticed (same data: {})", journal == reference),
        }
        at_open += 1;
    }
    eprintln!("{at_open} flips detected ({at_read} past the open)");
    std::fs::write(&db, &pristine).unwrap();
    assert_eq!(Vault::open(&db, &secret()).unwrap().journal().unwrap(), reference);
}
