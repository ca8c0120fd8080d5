//! Measures encrypted backup export and restore on a ten-year journal.
//!
//! ```sh
//! cargo run --release -p ketalog-core --example backup_bench
//! ```
//!
//! Export and restore are timed once to X25519 keys (no key derivation) and
//! once with a backup passphrase; the difference is the scrypt work
//! (log2 N = 18), which is the same for any journal size. Each figure is the
//! median of several runs. This is a measuring program, not a test: it
//! asserts nothing about time.

use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use ketalog_core::backup::{self, BackupKey, BackupLock, SealedBackup, x25519};
use ketalog_core::{DataDocument, ImportMode, Journal, Timestamp, Vault, demo};
use secrecy::SecretString;
use uuid::Uuid;

const YEARS: u64 = 10;
const RUNS: usize = 5;
const SCRYPT_RUNS: usize = 3;

/// Ten sample years end to end, each record with an id of its own.
fn ten_years(last_day: NaiveDate) -> Journal {
    let mut all = Journal::default();
    let mut next_id = 0u128;
    for year in (0..YEARS).rev() {
        let until = last_day.checked_sub_days(Days::new(365 * year)).expect("a date in range");
        let mut j = demo::journal(until);
        let mut fresh = || {
            next_id += 1;
            Uuid::from_u128(next_id)
        };
        j.sessions.iter_mut().for_each(|r| r.id = fresh());
        j.checkins.iter_mut().for_each(|r| r.id = fresh());
        j.phq9.iter_mut().for_each(|r| r.id = fresh());
        j.gad7.iter_mut().for_each(|r| r.id = fresh());
        j.icsi_icpi.iter_mut().for_each(|r| r.id = fresh());
        j.bladder.iter_mut().for_each(|r| r.id = fresh());
        j.acknowledgements.iter_mut().for_each(|a| a.alert_id = format!("{}-{year}", a.alert_id));
        all.profile = j.profile;
        all.sessions.extend(j.sessions);
        all.checkins.extend(j.checkins);
        all.phq9.extend(j.phq9);
        all.gad7.extend(j.gad7);
        all.icsi_icpi.extend(j.icsi_icpi);
        all.bladder.extend(j.bladder);
        all.acknowledgements.extend(j.acknowledgements);
    }
    all
}

/// The median time of `runs` calls of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn ms(d: Duration) -> String {
    format!("{:8.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let now = Timestamp::parse("2026-07-01T08:00:00+02:00")?;
    let dir = tempfile::tempdir()?;
    let journal_passphrase = SecretString::from("bench journal passphrase");
    let journal = ten_years(NaiveDate::from_ymd_opt(2026, 6, 30).ok_or("date")?);
    let mut vault = Vault::create(&dir.path().join("source/journal.db"), &journal_passphrase)?;
    vault.import(&journal, ImportMode::Merge, now)?;

    let identity = x25519::Identity::generate();
    let to_key = BackupLock::Recipients(vec![identity.to_public()]);
    let opens_key = BackupKey::Identities(vec![identity]);
    let passphrase = SecretString::from("bench backup passphrase");
    let to_passphrase = BackupLock::Passphrase(passphrase.clone());
    let opens_passphrase = BackupKey::Passphrase(passphrase);
    let key_file = dir.path().join("key.age");
    let passphrase_file = dir.path().join("passphrase.age");

    let read = median(RUNS, || drop(vault.journal().expect("read")));
    let document = DataDocument::new(vault.journal()?, now).to_json();
    let whole = DataDocument::new(journal.clone(), now);
    let serialise = median(RUNS, || drop(whole.to_json()));
    let export_key = median(RUNS, || {
        backup::export(&vault, &to_key, &key_file, now).expect("export to a key");
    });
    let export_passphrase = median(SCRYPT_RUNS, || {
        backup::export(&vault, &to_passphrase, &passphrase_file, now).expect("export with a passphrase");
    });
    let size = std::fs::metadata(&key_file)?.len();

    let open_key = median(RUNS, || {
        drop(SealedBackup::read(&key_file).and_then(|s| s.open(&opens_key)).expect("open with the key"));
    });
    let open_passphrase = median(SCRYPT_RUNS, || {
        drop(SealedBackup::read(&passphrase_file).and_then(|s| s.open(&opens_passphrase)).expect("open"));
    });
    let opened = SealedBackup::read(&key_file)?.open(&opens_key)?;

    let mut target = Vault::create(&dir.path().join("target/journal.db"), &journal_passphrase)?;
    let start = Instant::now();
    opened.restore(&mut target, ImportMode::Merge, now)?;
    let restore_new = start.elapsed();
    let restore_again = median(RUNS, || {
        opened.restore(&mut target, ImportMode::Merge, now).expect("merge");
    });
    let restore_replace = median(RUNS, || {
        opened.restore(&mut target, ImportMode::Replace, now).expect("replace");
    });

    println!(
        "Ten-year journal: {} records, data document {:.1} MB, backup file {:.1} MB",
        journal.record_count(),
        document.len() as f64 / 1e6,
        size as f64 / 1e6
    );
    println!("Export (median of {RUNS}; passphrase: of {SCRYPT_RUNS})");
    println!("  read the journal                     {}", ms(read));
    println!("  write the data document (JSON)       {}", ms(serialise));
    println!("  backup export to an age key, total   {}", ms(export_key));
    println!("  backup export with a passphrase      {}", ms(export_passphrase));
    println!("    of which scrypt (log2 N = 18)      {}", ms(export_passphrase.saturating_sub(export_key)));
    println!("Restore");
    println!("  read, decrypt, validate (age key)    {}", ms(open_key));
    println!("  read, decrypt, validate (passphrase) {}", ms(open_passphrase));
    println!("    of which scrypt (log2 N = 18)      {}", ms(open_passphrase.saturating_sub(open_key)));
    println!("  merge into an empty journal          {}", ms(restore_new));
    println!("  merge again (nothing changes)        {}", ms(restore_again));
    println!("  replace                              {}", ms(restore_replace));
    Ok(())
}
