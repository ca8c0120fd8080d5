//! Benchmarks of the journal core on the ten-year journal (3,650 check-ins,
//! 3,650 diary days, 1,000 sessions, 260 PHQ-9, 260 GAD-7).
//!
//! Run: `cargo bench -p ketalog-proof --bench journal` (release build).
//! Prints a Markdown table; BENCHMARKS.md records the figures.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use ketalog_core::vault::key;
use ketalog_core::rules::{self, Thresholds};
use ketalog_core::{ImportMode, Timestamp, Vault};
use ketalog_proof::{Noise, checkin, ten_year_journal};
use rusqlite::Connection;
use secrecy::SecretString;

const SCHEMA: &str = include_str!("../../core/src/vault/migrations/0001_records.sql");

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Vec<Duration> {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            black_box(f());
            started.elapsed()
        })
        .collect();
    times.sort();
    times
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn median(times: &[Duration]) -> Duration {
    times[times.len() / 2]
}

fn p99(times: &[Duration]) -> Duration {
    times[(times.len() * 99 / 100).min(times.len() - 1)]
}

fn row(name: &str, value: String, budget: &str) {
    println!("| {name} | {value} | {budget} |");
}

/// The same write-then-read workload on one connection: `n` single-record
/// durable transactions of document-sized JSON, then a full read.
fn sql_workload(conn: &Connection, bodies: &[String]) -> (Duration, Duration) {
    let started = Instant::now();
    for (i, body) in bodies.iter().enumerate() {
        conn.execute(
            "INSERT INTO record (id, kind, at_ms, local_day, created_at, updated_at, body) VALUES (?1, 'checkin', ?2, '2026-01-01', 'x', 'x', ?3)",
            rusqlite::params![format!("id-{i}"), i as i64, body],
        )
        .unwrap_or_else(|e| panic!("insert: {e}"));
    }
    let writes = started.elapsed();
    let started = Instant::now();
    let mut total = 0usize;
    for _ in 0..20 {
        let mut stmt = conn.prepare("SELECT body FROM record ORDER BY at_ms, id").unwrap_or_else(|e| panic!("{e}"));
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap_or_else(|e| panic!("{e}"));
        total += rows.map(|r| r.map_or(0, |s| s.len())).sum::<usize>();
    }
    black_box(total);
    (writes, started.elapsed())
}

fn sql_connection(path: &Path, raw_key: Option<&str>) -> Connection {
    let conn = Connection::open(path).unwrap_or_else(|e| panic!("{e}"));
    if let Some(k) = raw_key {
        conn.execute_batch(&format!("PRAGMA key = \"x'{k}'\";")).unwrap_or_else(|e| panic!("{e}"));
    }
    let _: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).unwrap_or_else(|e| panic!("{e}"));
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY; PRAGMA secure_delete = ON;")
        .unwrap_or_else(|e| panic!("{e}"));
    conn.execute_batch(SCHEMA).unwrap_or_else(|e| panic!("{e}"));
    conn
}

fn main() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let pass = SecretString::from("benchmark passphrase".to_owned());
    let until = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default();
    let now = Timestamp::parse("2026-11-21T12:00:00-05:00").unwrap_or_else(|e| panic!("{e}"));
    let journal = ten_year_journal(until);

    println!("| measure | result | budget |");
    println!("|---|---|---|");

    // Key derivation alone.
    let sealed = key::seal(&key::DataKey::generate().unwrap_or_else(|e| panic!("{e}")), &pass).unwrap_or_else(|e| panic!("{e}"));
    let kdf = time(10, || key::open(&sealed, &pass).map(|_| ()));
    row("unlock: Argon2id key derivation (m=64 MiB, t=3, p=1)", format!("median {}", ms(median(&kdf))), "—");

    let db = dir.path().join("journal.db");
    let mut vault = Vault::create(&db, &pass).unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    vault.import(&journal, ImportMode::Replace, now).unwrap_or_else(|e| panic!("{e}"));
    let import_time = started.elapsed();
    drop(vault);

    // Unlock to the Today data: open (KDF, SQLCipher, schema check), read
    // the journal, evaluate the alerts. Closing is timed apart: it
    // checkpoints the write-ahead log.
    let (mut opens, mut loads, mut evaluations, mut closes) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..10 {
        let started = Instant::now();
        let vault = Vault::open(&db, &pass).unwrap_or_else(|e| panic!("{e}"));
        opens.push(started.elapsed());
        let started = Instant::now();
        let loaded = vault.journal().unwrap_or_else(|e| panic!("{e}"));
        loads.push(started.elapsed());
        let started = Instant::now();
        black_box(rules::evaluate(&loaded, now, &Thresholds::default()));
        evaluations.push(started.elapsed());
        let started = Instant::now();
        drop(vault);
        closes.push(started.elapsed());
    }
    for list in [&mut opens, &mut loads, &mut evaluations, &mut closes] {
        list.sort();
    }
    let after_kdf = median(&opens).saturating_sub(median(&kdf)) + median(&loads) + median(&evaluations);
    row(
        "unlock after the key derivation: open, load the journal, evaluate the alerts",
        format!(
            "median {} (open {} after the KDF, load {}, alerts {})",
            ms(after_kdf),
            ms(median(&opens).saturating_sub(median(&kdf))),
            ms(median(&loads)),
            ms(median(&evaluations))
        ),
        "≤ 30 ms",
    );
    row("alerts: evaluate all rules on the ten-year journal", format!("median {}", ms(median(&evaluations))), "≤ 10 ms");
    row("lock: close the journal (checkpoints the write-ahead log)", format!("median {}", ms(median(&closes))), "—");
    row("import the ten-year journal (one transaction)", ms(import_time), "—");

    // Durable saves into the ten-year journal.
    let mut vault = Vault::open(&db, &pass).unwrap_or_else(|e| panic!("{e}"));
    let mut noise = Noise(99);
    let mut n = 0;
    let saves = time(300, || {
        n += 1;
        vault.save(&checkin(noise.uuid(), 30_000 + n, "benchmark note"), now).unwrap_or_else(|e| panic!("{e}"));
    });
    row("durable save of one record (synchronous=FULL)", format!("median {}, p99 {}", ms(median(&saves)), ms(p99(&saves))), "p99 ≤ 10 ms");
    drop(vault);

    // SQLCipher against plain SQLite: the same library, with and without a key.
    let bodies: Vec<String> = journal.checkins.iter().take(2000).map(|c| serde_json::to_string(c).unwrap_or_default()).collect();
    let mut rounds = Vec::new();
    for round in 0..5 {
        let plain = sql_workload(&sql_connection(&dir.path().join(format!("plain-{round}.db")), None), &bodies);
        let key = "2b7e151628aed2a6abf7158809cf4f3c2b7e151628aed2a6abf7158809cf4f3c";
        let cipher = sql_workload(&sql_connection(&dir.path().join(format!("cipher-{round}.db")), Some(key)), &bodies);
        rounds.push((plain, cipher));
    }
    let ratio_of = |pick: fn(&(Duration, Duration)) -> Duration| {
        let mut ratios: Vec<(f64, Duration, Duration)> = rounds
            .iter()
            .map(|(p, c)| (pick(c).as_secs_f64() / pick(p).as_secs_f64(), pick(c), pick(p)))
            .collect();
        ratios.sort_by(|a, b| a.0.total_cmp(&b.0));
        ratios[ratios.len() / 2]
    };
    let (ratio, cipher, plain) = ratio_of(|w| w.0 + w.1);
    row("SQLCipher ÷ plain SQLite: 2,000 durable inserts, then 20 full reads", format!("{ratio:.2}× ({} vs {})", ms(cipher), ms(plain)), "≤ 1.25×");
    let (ratio, cipher, plain) = ratio_of(|w| w.0);
    row("… of which the durable inserts", format!("{ratio:.2}× ({} vs {})", ms(cipher), ms(plain)), "—");
    let (ratio, cipher, plain) = ratio_of(|w| w.1);
    row("… of which the 20 full reads", format!("{ratio:.2}× ({} vs {})", ms(cipher), ms(plain)), "—");
}
