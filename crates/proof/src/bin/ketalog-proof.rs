//! Child process for the reliability harnesses (`crates/proof/tests`) and the
//! fuzzer. Subcommands:
//!
//! - `write-records DB SEED`: opens (or creates) the journal and saves
//!   check-ins in a loop, printing each id once its save has returned;
//! - `cycle-passphrase DB [rekey]`: changes the passphrase back and forth
//!   between `$PROOF_PASS_A` and `$PROOF_PASS_B`, printing the one now in
//!   force; with `rekey`, re-encrypting the journal at every change;
//! - `disk-full DIR`: on a small filesystem, fills it with records until the
//!   disk is full, checks the journal, frees space and writes again;
//! - `fuzz-document RUNS SEED CORPUS_DIR…`: mutates the corpus documents and
//!   feeds them to the importer, failing on a panic or a slow input;
//! - `fuzz-backup RUNS SEED CORPUS_DIR…`: the same for the backup reader, on
//!   the corpus documents encrypted with age;
//! - `import-corpus DB FILE…`: imports corpus files, checking that a refused
//!   one leaves the journal unchanged;
//! - `ten-year-vault DB`: creates a journal holding the ten-year journal,
//!   ending today (the app benchmark opens it);
//! - `month-vault DB`: the same journal's last 30 days (the save benchmark
//!   compares the two).
//!
//! The passphrase of `write-records`, `disk-full`, `import-corpus`,
//! `ten-year-vault` and `month-vault` is `$KETALOG_PASSPHRASE`.

use std::io::Write;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use ketalog_core::{DataDocument, Error, ImportMode, Timestamp, Vault};
use ketalog_proof::{Noise, checkin, last_days, mutate, ten_year_journal};
use secrecy::SecretString;

fn secret(var: &str) -> SecretString {
    SecretString::from(std::env::var(var).unwrap_or_else(|_| panic!("{var} is not set")))
}

fn now() -> Timestamp {
    Timestamp::now_local()
}

fn write_records(db: &Path, seed: u64) -> Result<(), Error> {
    let pass = secret("KETALOG_PASSPHRASE");
    let mut vault = if ketalog_core::vault::exists(db) { Vault::open(db, &pass)? } else { Vault::create(db, &pass)? };
    let mut noise = Noise(seed);
    let mut stdout = std::io::stdout().lock();
    for n in 0.. {
        let record = checkin(noise.uuid(), n, "crash-harness note");
        vault.save(&record, now())?;
        // The save has returned: it is acknowledged.
        writeln!(stdout, "{}", record.id).and_then(|()| stdout.flush()).map_err(|e| Error::io("stdout", e))?;
    }
    Ok(())
}

fn cycle_passphrase(db: &Path, rekey: bool) -> Result<(), Error> {
    let (a, b) = (secret("PROOF_PASS_A"), secret("PROOF_PASS_B"));
    let mut stdout = std::io::stdout().lock();
    let mut a_in_force = match Vault::open(db, &a) {
        Ok(_) => true,
        Err(Error::WrongPassphrase) => false,
        Err(e) => return Err(e),
    };
    loop {
        let (old, new, name) = if a_in_force { (&a, &b, "B") } else { (&b, &a, "A") };
        if rekey {
            Vault::change_passphrase_and_rekey(db, old, new)?;
        } else {
            Vault::change_passphrase(db, old, new)?;
        }
        a_in_force = !a_in_force;
        writeln!(stdout, "{name}").and_then(|()| stdout.flush()).map_err(|e| Error::io("stdout", e))?;
    }
}

/// Fills the filesystem holding `dir`, which must be small (a few MiB).
fn disk_full(dir: &Path) -> Result<(), String> {
    // In a folder of its own: a fresh tmpfs's root is writable by everyone,
    // and a journal refuses such a folder.
    let db = dir.join("journal").join("journal.db");
    let pass = secret("KETALOG_PASSPHRASE");
    let mut vault = Vault::create(&db, &pass).map_err(|e| format!("create: {e}"))?;
    // Reserve space to free later: a filler file of 256 KiB.
    let filler = dir.join("filler");
    std::fs::write(&filler, vec![0u8; 256 * 1024]).map_err(|e| format!("filler: {e}"))?;
    let mut noise = Noise(7);
    let big_note = "x".repeat(4000);
    let mut saved = Vec::new();
    let full_error = loop {
        let record = checkin(noise.uuid(), saved.len() as u64, &big_note);
        match vault.save(&record, now()) {
            Ok(()) => saved.push(record.id),
            Err(e) => break e,
        }
        if saved.len() > 100_000 {
            return Err("the filesystem never filled; is it small?".into());
        }
    };
    if !matches!(full_error, Error::DiskFull(_)) {
        return Err(format!("expected a disk-full error, got: {full_error} ({full_error:?})"));
    }
    println!("full after {} records: {full_error}", saved.len());
    // Nothing lost, nothing corrupted, even while full.
    let check = |vault: &Vault, expected: &[uuid::Uuid]| -> Result<(), String> {
        vault.check_integrity().map_err(|e| format!("integrity: {e}"))?;
        let journal = vault.journal().map_err(|e| format!("read: {e}"))?;
        let ids: std::collections::HashSet<_> = journal.checkins.iter().map(|c| c.id).collect();
        let missing = expected.iter().filter(|id| !ids.contains(id)).count();
        if missing > 0 || ids.len() != expected.len() {
            return Err(format!("{missing} saved records missing; {} stored, {} saved", ids.len(), expected.len()));
        }
        Ok(())
    };
    check(&vault, &saved)?;
    drop(vault);
    std::fs::remove_file(&filler).map_err(|e| format!("free: {e}"))?;
    let mut vault = Vault::open(&db, &pass).map_err(|e| format!("reopen after freeing space: {e}"))?;
    check(&vault, &saved)?;
    for _ in 0..5 {
        let record = checkin(noise.uuid(), saved.len() as u64, "after freeing space");
        vault.save(&record, now()).map_err(|e| format!("save after freeing space: {e}"))?;
        saved.push(record.id);
    }
    check(&vault, &saved)?;
    println!("ok: {} records after freeing space", saved.len());
    Ok(())
}

fn fuzz_document(runs: u64, seed: u64, corpus_dirs: &[PathBuf]) -> Result<(), String> {
    let mut corpus = Vec::new();
    for dir in corpus_dirs {
        let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries.flatten() {
            corpus.push(std::fs::read(entry.path()).map_err(|e| format!("{}: {e}", entry.path().display()))?);
        }
    }
    if corpus.is_empty() {
        return Err("empty corpus".into());
    }
    let mut noise = Noise(seed);
    let (mut accepted, mut refused) = (0u64, 0u64);
    let mut slowest = Duration::ZERO;
    for n in 0..runs {
        let mut input = corpus[noise.below(corpus.len() as u64) as usize].clone();
        for _ in 0..=noise.below(4) {
            input = mutate(&input, &mut noise);
        }
        let started = Instant::now();
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| DataDocument::from_json(&input)));
        let took = started.elapsed();
        slowest = slowest.max(took);
        match outcome {
            Ok(Ok(doc)) => {
                accepted += 1;
                // An accepted document must survive its own round trip.
                let again = DataDocument::from_json(doc.to_json().as_bytes())
                    .map_err(|e| format!("run {n}: accepted document does not read back: {e}"))?;
                if again != doc {
                    return Err(format!("run {n}: accepted document changed in its round trip"));
                }
            }
            Ok(Err(_)) => refused += 1,
            Err(_) => {
                let path = std::env::temp_dir().join(format!("ketalog-fuzz-crash-{seed}-{n}.json"));
                let _ = std::fs::write(&path, &input);
                return Err(format!("run {n}: the importer panicked; input saved to {}", path.display()));
            }
        }
        if took > Duration::from_secs(1) {
            return Err(format!("run {n}: one input took {took:?}"));
        }
    }
    println!("{runs} executions: {accepted} accepted, {refused} refused, slowest {slowest:?} (seed {seed})");
    Ok(())
}

/// Fuzzes the backup reader: each corpus document is encrypted to a fresh
/// X25519 identity, then the encrypted bytes are mutated and opened. The
/// reader must never panic or hang, and anything it accepts must be exactly
/// the document that was encrypted (age authenticates every chunk).
fn fuzz_backup(runs: u64, seed: u64, corpus_dirs: &[PathBuf]) -> Result<(), String> {
    use ketalog_core::backup::{self, BackupKey, BackupLock, SealedBackup, x25519};
    let identity = x25519::Identity::generate();
    let lock = BackupLock::Recipients(vec![identity.to_public()]);
    let key = BackupKey::Identities(vec![identity]);
    let mut sealed = Vec::new();
    for dir in corpus_dirs {
        for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?.flatten() {
            let plain = std::fs::read(entry.path()).map_err(|e| e.to_string())?;
            if let Ok(doc) = DataDocument::from_json(&plain) {
                let bytes = backup::encrypt(&plain, &lock).map_err(|e| e.to_string())?;
                sealed.push((bytes, doc));
            }
        }
    }
    if sealed.is_empty() {
        return Err("no valid document in the corpus".into());
    }
    let mut noise = Noise(seed);
    let (mut accepted, mut refused) = (0u64, 0u64);
    let mut slowest = Duration::ZERO;
    for n in 0..runs {
        let (original, doc) = &sealed[noise.below(sealed.len() as u64) as usize];
        let mut input = original.clone();
        for _ in 0..=noise.below(3) {
            input = mutate(&input, &mut noise);
        }
        let started = Instant::now();
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
            SealedBackup::from_bytes(input.clone()).and_then(|b| b.open(&key)).map(|o| o.document().clone())
        }));
        let took = started.elapsed();
        slowest = slowest.max(took);
        match outcome {
            Ok(Ok(opened)) if opened == *doc => accepted += 1,
            Ok(Ok(_)) => return Err(format!("run {n}: a mutated backup opened as a different document")),
            Ok(Err(_)) => refused += 1,
            Err(_) => {
                let path = std::env::temp_dir().join(format!("ketalog-fuzz-backup-crash-{seed}-{n}.age"));
                let _ = std::fs::write(&path, &input);
                return Err(format!("run {n}: the backup reader panicked; input saved to {}", path.display()));
            }
        }
        if took > Duration::from_secs(1) {
            return Err(format!("run {n}: one input took {took:?}"));
        }
    }
    println!("{runs} executions: {accepted} opened unchanged, {refused} refused, slowest {slowest:?} (seed {seed})");
    Ok(())
}

/// Imports every corpus file that parses into a scratch journal, then checks
/// that a refused file left it unchanged: the "nothing written" half of the fuzz claim.
fn import_corpus(db: &Path, files: &[PathBuf]) -> Result<(), String> {
    let pass = secret("KETALOG_PASSPHRASE");
    let mut vault = Vault::create(db, &pass).map_err(|e| e.to_string())?;
    for file in files {
        let bytes = std::fs::read(file).map_err(|e| e.to_string())?;
        let before = vault.journal().map_err(|e| e.to_string())?;
        if let Ok(doc) = DataDocument::from_json(&bytes) {
            match vault.import(&doc.journal, ImportMode::Merge, now()) {
                Ok(_) => {}
                Err(_) if vault.journal().map_err(|e| e.to_string())? == before => {}
                Err(e) => return Err(format!("{}: refused ({e}) but the journal changed", file.display())),
            }
        }
    }
    Ok(())
}

/// Creates a journal at `db` holding [`ten_year_journal`] up to today, in
/// one transaction. Refuses to touch an existing journal.
fn ten_year_vault(db: &Path) -> Result<(), String> {
    let today = now().local_day();
    new_vault(db, &ten_year_journal(today))
}

fn month_vault(db: &Path) -> Result<(), String> {
    let today = now().local_day();
    new_vault(db, &last_days(&ten_year_journal(today), today, 30))
}

/// Creates a journal at `db` (passphrase `$KETALOG_PASSPHRASE`) holding `journal`.
fn new_vault(db: &Path, journal: &ketalog_core::model::Journal) -> Result<(), String> {
    let pass = secret("KETALOG_PASSPHRASE");
    if ketalog_core::vault::exists(db) {
        return Err(format!("{}: a journal is already there", db.display()));
    }
    let mut vault = Vault::create(db, &pass).map_err(|e| format!("create: {e}"))?;
    let summary = vault.import(journal, ImportMode::Replace, now()).map_err(|e| format!("import: {e}"))?;
    println!("{}: {} records", db.display(), summary.added);
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["write-records", db, seed] => write_records(Path::new(db), seed.parse().unwrap_or(1)).map_err(|e| e.to_string()),
        ["cycle-passphrase", db] => cycle_passphrase(Path::new(db), false).map_err(|e| e.to_string()),
        ["cycle-passphrase", db, "rekey"] => cycle_passphrase(Path::new(db), true).map_err(|e| e.to_string()),
        ["disk-full", dir] => disk_full(Path::new(dir)),
        ["fuzz-document", runs, seed, dirs @ ..] => fuzz_document(
            runs.parse().unwrap_or(1000),
            seed.parse().unwrap_or(1),
            &dirs.iter().map(PathBuf::from).collect::<Vec<_>>(),
        ),
        ["fuzz-backup", runs, seed, dirs @ ..] => fuzz_backup(
            runs.parse().unwrap_or(1000),
            seed.parse().unwrap_or(1),
            &dirs.iter().map(PathBuf::from).collect::<Vec<_>>(),
        ),
        ["import-corpus", db, files @ ..] => {
            import_corpus(Path::new(db), &files.iter().map(PathBuf::from).collect::<Vec<_>>())
        }
        ["ten-year-vault", db] => ten_year_vault(Path::new(db)),
        ["month-vault", db] => month_vault(Path::new(db)),
        _ => Err("usage: ketalog-proof write-records DB SEED | cycle-passphrase DB | disk-full DIR | fuzz-document RUNS SEED DIR… | fuzz-backup RUNS SEED DIR… | import-corpus DB FILE… | ten-year-vault DB | month-vault DB".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("ketalog-proof: {message}");
            ExitCode::FAILURE
        }
    }
}
