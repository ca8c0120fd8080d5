//! Killed at random moments, the journal loses nothing it acknowledged and
//! stays consistent; a passphrase change killed at random (with or without
//! re-encryption) leaves exactly one passphrase that opens it, and every
//! record.
//!
//! Bounded here; `KETALOG_PROOF_FULL=1` runs the full counts (500 and 100).
//! `KETALOG_PROOF_SEED` repeats a run.
#![allow(clippy::unwrap_used)] // test helpers panic on failure by design

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use ketalog_core::{Error, Vault};
use ketalog_proof::{Noise, seed_from_env};
use secrecy::SecretString;

const PASSPHRASE: &str = "crash test passphrase";

fn full() -> bool {
    std::env::var_os("KETALOG_PROOF_FULL").is_some()
}

fn secret(s: &str) -> SecretString {
    SecretString::from(s.to_owned())
}

/// Starts `command`, kills it (SIGKILL) after `delay`, or once it has
/// printed its first line when `delay` is `None`; returns the lines it
/// printed and how long the first line took.
fn run_and_kill(mut command: Command, delay: Option<Duration>) -> (Vec<String>, Option<Duration>) {
    let started = std::time::Instant::now();
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (first_tx, first_rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut lines = Vec::new();
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines.is_empty() {
                let _ = first_tx.send(started.elapsed());
            }
            lines.push(line);
        }
        lines
    });
    let first = match delay {
        Some(delay) => {
            std::thread::sleep(delay);
            None
        }
        None => first_rx.recv_timeout(Duration::from_secs(60)).ok(),
    };
    child.kill().unwrap();
    child.wait().unwrap();
    let lines = reader.join().unwrap();
    (lines, first)
}

/// A kill window covering the child's start-up and some of its work,
/// measured on this machine as it is now.
fn kill_window(command: Command) -> u64 {
    let (_, first) = run_and_kill(command, None);
    let first = first.expect("the child acknowledged something within a minute");
    (first.as_millis() as u64) * 2 + 200
}

#[test]
fn a_killed_writer_loses_no_acknowledged_record() {
    let runs = if full() { 500 } else { 30 };
    let seed = seed_from_env("KETALOG_PROOF_SEED");
    eprintln!("seed {seed}, {runs} kills");
    let mut noise = Noise(seed);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    drop(Vault::create(&db, &secret(PASSPHRASE)).unwrap());
    let writer = |seed: u64| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_ketalog-proof"));
        command.args(["write-records", db.to_str().unwrap(), &seed.to_string()]).env("KETALOG_PASSPHRASE", PASSPHRASE);
        command
    };
    let mut acknowledged: HashSet<String> = HashSet::new();
    let window = kill_window(writer(noise.next_u64()));
    eprintln!("kill window {window} ms");
    for run in 0..runs {
        // Kill anywhere from during the unlock to well into the writing.
        let delay = Duration::from_millis(noise.below(window));
        let (lines, _) = run_and_kill(writer(noise.next_u64()), Some(delay));
        acknowledged.extend(lines);

        let vault = Vault::open(&db, &secret(PASSPHRASE)).unwrap_or_else(|e| panic!("run {run}: {e}"));
        vault.check_integrity().unwrap_or_else(|e| panic!("run {run}: {e}"));
        let stored: HashSet<String> = vault.journal().unwrap().checkins.iter().map(|c| c.id.to_string()).collect();
        let lost: Vec<_> = acknowledged.difference(&stored).collect();
        assert!(lost.is_empty(), "run {run} (seed {seed}): {} acknowledged records lost", lost.len());
    }
    assert!(acknowledged.len() > runs, "the writer barely wrote: {} records", acknowledged.len());
}

#[test]
fn a_killed_passphrase_change_leaves_exactly_one_passphrase() {
    killed_passphrase_changes(false, if full() { 100 } else { 12 });
}

/// Re-encryption killed at any moment: the old or the new passphrase opens
/// the whole journal, never both, never neither.
#[test]
fn a_killed_re_encryption_leaves_exactly_one_passphrase_and_every_record() {
    killed_passphrase_changes(true, if full() { 100 } else { 12 });
}

fn killed_passphrase_changes(rekey: bool, runs: usize) {
    let seed = seed_from_env("KETALOG_PROOF_SEED");
    eprintln!("seed {seed}, {runs} kills");
    let mut noise = Noise(seed);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    let (a, b) = ("first passphrase", "second passphrase");
    let mut vault = Vault::create(&db, &secret(a)).unwrap();
    for n in 0..20 {
        vault.save(&ketalog_proof::checkin(noise.uuid(), n, "before"), ketalog_core::Timestamp::now_local()).unwrap();
    }
    let reference = vault.journal().unwrap();
    drop(vault);
    let cycler = || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_ketalog-proof"));
        command.args(["cycle-passphrase", db.to_str().unwrap()]).env("PROOF_PASS_A", a).env("PROOF_PASS_B", b);
        if rekey {
            command.arg("rekey");
        }
        command
    };
    let window = kill_window(cycler()) * 2;
    eprintln!("kill window {window} ms");
    let mut changes = 1;
    for run in 0..runs {
        let (done, _) = run_and_kill(cycler(), Some(Duration::from_millis(noise.below(window))));
        changes += done.len();

        let opened: Vec<_> = [a, b]
            .iter()
            .map(|p| match Vault::open(&db, &secret(p)) {
                Ok(v) => Some(v),
                Err(Error::WrongPassphrase) => None,
                Err(e) => panic!("run {run} (seed {seed}): {e}"),
            })
            .collect();
        let count = opened.iter().filter(|v| v.is_some()).count();
        assert_eq!(count, 1, "run {run} (seed {seed}): {count} passphrases open the journal");
        let vault = opened.into_iter().flatten().next().unwrap();
        vault.check_integrity().unwrap();
        assert_eq!(vault.journal().unwrap(), reference, "run {run} (seed {seed}): data changed");
    }
    assert!(changes > runs / 2, "only {changes} changes completed in {runs} runs");
}
