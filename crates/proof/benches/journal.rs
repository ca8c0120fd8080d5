//! Benchmarks of the journal core on the ten-year journal (3,650 check-ins,
//! 3,650 diary days, 1,000 sessions, 260 PHQ-9, 260 GAD-7).
//!
//! Run: `cargo bench -p ketalog-proof --bench journal` (release build).
//! Prints a Markdown table; BENCHMARKS.md records the figures.
//! `KETALOG_BENCH_ONLY=sqlcipher`, `=insights` or `=save` runs only that part.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::Datelike;
use chrono::NaiveDate;
use ketalog_core::backup::{self, BackupKey, BackupLock, SealedBackup};
use ketalog_core::charts::{self, DateRange};
use ketalog_core::insights::{self, Measure};
use ketalog_core::model::Reminders;
use ketalog_core::report::{self, Paper, ReportOptions, Section};
use ketalog_core::rules::{self, Thresholds};
use ketalog_core::schedule;
use ketalog_core::vault::key;
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

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
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

/// Times of one workload: the inserts, then the full reads.
#[derive(Default, Clone, Copy)]
struct Workload {
    writes: Duration,
    reads: Duration,
}

/// The journal's write-then-read workload on two connections in lockstep:
/// each single-record durable insert, and then each full read, goes to one
/// and at once to the other, which of the two first alternating. Both meet
/// the same disk and machine conditions, so that a virtual disk whose flush
/// latency drifts by an order of magnitude within minutes cannot make one
/// look faster than the other.
fn paired_workload(pair: [&Connection; 2], bodies: &[String]) -> [Workload; 2] {
    let mut times = [Workload::default(); 2];
    for (i, body) in bodies.iter().enumerate() {
        for side in [i % 2, 1 - i % 2] {
            let started = Instant::now();
            pair[side]
                .execute(
                    "INSERT INTO record (id, kind, at_ms, local_day, created_at, updated_at, body) VALUES (?1, 'checkin', ?2, '2026-01-01', 'x', 'x', ?3)",
                    rusqlite::params![format!("id-{i}"), i as i64, body],
                )
                .unwrap_or_else(|e| panic!("insert: {e}"));
            times[side].writes += started.elapsed();
        }
    }
    for round in 0..20 {
        for side in [round % 2, 1 - round % 2] {
            let started = Instant::now();
            let mut stmt =
                pair[side].prepare("SELECT body FROM record ORDER BY at_ms, id").unwrap_or_else(|e| panic!("{e}"));
            let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap_or_else(|e| panic!("{e}"));
            black_box(rows.map(|r| r.map_or(0, |s| s.len())).sum::<usize>());
            times[side].reads += started.elapsed();
        }
    }
    times
}

fn sql_connection(path: &Path, raw_key: Option<&str>, durable: bool) -> Connection {
    let conn = Connection::open(path).unwrap_or_else(|e| panic!("{e}"));
    if let Some(k) = raw_key {
        conn.execute_batch(&format!("PRAGMA key = \"x'{k}'\";")).unwrap_or_else(|e| panic!("{e}"));
        if let Ok(extra) = std::env::var("BENCH_CIPHER_PRAGMAS") {
            conn.execute_batch(&extra).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    let _: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).unwrap_or_else(|e| panic!("{e}"));
    let sync = if durable { "FULL" } else { "OFF" };
    conn.execute_batch(&format!("PRAGMA synchronous = {sync}; PRAGMA temp_store = MEMORY; PRAGMA secure_delete = ON;"))
        .unwrap_or_else(|e| panic!("{e}"));
    conn.execute_batch(SCHEMA).unwrap_or_else(|e| panic!("{e}"));
    conn
}

/// What the app computes after each save's write, for its answer: the
/// alerts once, and the overview (due reminders, today's entries, counts),
/// on the ten-year journal and on its last 30 days.
fn save_answer(journal: &ketalog_core::Journal, until: NaiveDate, now: Timestamp) {
    let month = ketalog_proof::last_days(journal, until, 30);
    let answer = |j: &ketalog_core::Journal| {
        time(200, || {
            let alerts = ketalog_core::views::alerts(j, now);
            ketalog_core::views::overview(j, &alerts, now)
        })
    };
    let (years, days) = (answer(journal), answer(&month));
    row(
        "a save's answer after its write: the alerts once and the overview, ten years / one month",
        format!("median {:.0} µs / {:.0} µs", micros(median(&years)), micros(median(&days))),
        "—",
    );
}

fn main() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let pass = SecretString::from("benchmark passphrase".to_owned());
    let until = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default();
    let now = Timestamp::parse("2026-11-21T12:00:00-05:00").unwrap_or_else(|e| panic!("{e}"));
    let journal = ten_year_journal(until);

    println!("| measure | result | budget |");
    println!("|---|---|---|");
    match std::env::var("KETALOG_BENCH_ONLY").as_deref() {
        Ok("sqlcipher") => return sqlcipher_against_plain(dir.path(), &journal),
        Ok("insights") => return session_effects(&journal, now),
        Ok("save") => return save_answer(&journal, until, now),
        _ => {}
    }
    if std::env::var("KETALOG_BENCH_ONLY").is_ok_and(|only| only == "charts") {
        chart_rows(&journal, until);
        return;
    }

    // Key derivation alone.
    let sealed =
        key::seal(&key::DataKey::generate().unwrap_or_else(|e| panic!("{e}")), &pass).unwrap_or_else(|e| panic!("{e}"));
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
    row(
        "alerts: evaluate all rules on the ten-year journal",
        format!("median {}", ms(median(&evaluations))),
        "≤ 10 ms",
    );
    // The reminder schedule: planned at unlock and after every change while
    // notifications are on.
    let mut notifying = journal.clone();
    notifying.profile.reminders = Some(Reminders { notifications: true, ..Reminders::default() });
    let plans = time(30, || schedule::plan(&notifying, None, now, &now.offset()));
    row(
        "reminder schedule: plan the next 28 days on the ten-year journal",
        format!("median {}", ms(median(&plans))),
        "≤ 10 ms",
    );
    row("lock: close the journal (checkpoints the write-ahead log)", format!("median {}", ms(median(&closes))), "—");
    row("import the ten-year journal (one transaction)", ms(import_time), "—");

    session_effects(&journal, now);
    save_answer(&journal, until, now);

    // Durable saves into the ten-year journal.
    let mut vault = Vault::open(&db, &pass).unwrap_or_else(|e| panic!("{e}"));
    let mut noise = Noise(99);
    let mut n = 0;
    let saves = time(300, || {
        n += 1;
        vault.save(&checkin(noise.uuid(), 30_000 + n, "benchmark note"), now).unwrap_or_else(|e| panic!("{e}"));
    });
    row(
        "durable save of one record (synchronous=FULL)",
        format!("median {}, p99 {}", ms(median(&saves)), ms(p99(&saves))),
        "p99 ≤ 10 ms",
    );
    drop(vault);

    chart_rows(&journal, until);

    // Backups of the ten-year journal: to an age key (no KDF), and the scrypt cost apart.
    let vault = Vault::open(&db, &pass).unwrap_or_else(|e| panic!("{e}"));
    let identity = backup::x25519::Identity::generate();
    let to_key = BackupLock::Recipients(vec![identity.to_public()]);
    let out = dir.path().join("backup.age");
    let exports = time(10, || backup::export(&vault, &to_key, &out, now).unwrap_or_else(|e| panic!("{e}")));
    row(
        "backup export, ten years, to an age key (read, encrypt, fsync, rename)",
        format!("median {}", ms(median(&exports))),
        "≤ 200 ms + scrypt",
    );
    let key = BackupKey::Identities(vec![identity]);
    let opens = time(10, || SealedBackup::read(&out).and_then(|b| b.open(&key)).unwrap_or_else(|e| panic!("{e}")));
    row("backup restore step 1: decrypt and validate in memory", format!("median {}", ms(median(&opens))), "—");
    drop(vault);
    let mut vault = Vault::open(&db, &pass).unwrap_or_else(|e| panic!("{e}"));
    let opened = SealedBackup::read(&out).and_then(|b| b.open(&key)).unwrap_or_else(|e| panic!("{e}"));
    let merges = time(5, || opened.restore(&mut vault, ImportMode::Merge, now).unwrap_or_else(|e| panic!("{e}")));
    row("backup restore step 2: merge (nothing new)", format!("median {}", ms(median(&merges))), "—");
    let replaces = time(5, || opened.restore(&mut vault, ImportMode::Replace, now).unwrap_or_else(|e| panic!("{e}")));
    row("backup restore step 2: replace", format!("median {}", ms(median(&replaces))), "—");
    let with_passphrase = BackupLock::Passphrase(SecretString::from("backup words".to_owned()));
    let scrypt = time(3, || backup::export(&vault, &with_passphrase, &out, now).unwrap_or_else(|e| panic!("{e}")));
    row(
        "backup export with a passphrase (scrypt log2 N = 18)",
        format!("median {} (scrypt ≈ {})", ms(median(&scrypt)), ms(median(&scrypt).saturating_sub(median(&exports)))),
        "—",
    );
    drop(vault);

    sqlcipher_against_plain(dir.path(), &journal);
}

/// Charts (their SVG elements and drawing time) and the PDF, for the last
/// year and all ten.
fn chart_rows(journal: &ketalog_core::Journal, until: NaiveDate) {
    let offset = chrono::FixedOffset::west_opt(5 * 3600).unwrap_or_else(|| unreachable!("valid offset"));
    for (label, from) in [("1 year", until - chrono::Days::new(364)), ("10 years", until - chrono::Days::new(3649))] {
        let range = DateRange::new(from, until).unwrap_or_else(|e| panic!("{e}"));
        let drawn = charts::all(journal, range).unwrap_or_else(|e| panic!("{e}"));
        let counts: Vec<String> = drawn.iter().map(|c| format!("{} {}", c.id, c.element_count())).collect();
        row(
            &format!("SVG elements of all trend charts, {label}"),
            format!("{} ({})", drawn.iter().map(charts::Chart::element_count).sum::<usize>(), counts.join(", ")),
            "≤ 1,500",
        );
        let charts_time = time(20, || charts::all(journal, range).unwrap_or_else(|e| panic!("{e}")));
        row(
            &format!("all trend charts, {label}"),
            format!("median {}, p95 {}", ms(median(&charts_time)), ms(charts_time[19])),
            "≤ 50 ms",
        );
        let history = report::alert_history(journal, range, offset, &Thresholds::default());
        let options = ReportOptions { range, sections: Section::ALL.to_vec(), paper: Paper::A4, generated_on: until };
        let pdf_time = time(10, || report::render(journal, Some(&history), &options).unwrap_or_else(|e| panic!("{e}")));
        let budget = if from.year() == until.year() - 1 { "≤ 150 ms" } else { "≤ 600 ms" };
        row(&format!("PDF summary, {label}, all sections"), format!("median {}", ms(median(&pdf_time))), budget);
    }
}

/// The session effects of all ten years (1,000 session days, 3,650 days of
/// check-ins), as `ketalog insights` computes them, then as JSON; and the
/// aligned mood series for the chart.
fn session_effects(journal: &ketalog_core::Journal, now: Timestamp) {
    let found = insights::session_effects(journal, now, None);
    assert_eq!(found.session_days.len(), 1000, "the ten-year journal has a session day every 3.65 days");
    let effects = time(50, || insights::session_effects(journal, now, None));
    row(
        "insights: session effects and summaries, ten years (1,000 session days)",
        format!("median {}, max {}", ms(median(&effects)), ms(effects[effects.len() - 1])),
        "≤ 20 ms",
    );
    let with_json = time(50, || {
        serde_json::to_string(&insights::session_effects(journal, now, None)).unwrap_or_else(|e| panic!("{e}"))
    });
    row("… and written as JSON (`insights --json`)", format!("median {}", ms(median(&with_json))), "—");
    let aligned = time(50, || insights::aligned(journal, now, None, Measure::Mood));
    row("aligned mood series, ten years (1,000 series of 29 days)", format!("median {}", ms(median(&aligned))), "—");
}

/// SQLCipher against plain SQLite: the same library, with and without a key,
/// the journal's schema and connection settings, 2,000 check-in bodies.
fn sqlcipher_against_plain(dir: &Path, journal: &ketalog_core::Journal) {
    let bodies: Vec<String> =
        journal.checkins.iter().take(2000).map(|c| serde_json::to_string(c).unwrap_or_default()).collect();
    let key = "2b7e151628aed2a6abf7158809cf4f3c2b7e151628aed2a6abf7158809cf4f3c";
    for durable in [true, false] {
        let mut rounds = Vec::new();
        for round in 0..5 {
            let plain = sql_connection(&dir.join(format!("plain-{durable}-{round}.db")), None, durable);
            let cipher = sql_connection(&dir.join(format!("cipher-{durable}-{round}.db")), Some(key), durable);
            rounds.push(paired_workload([&plain, &cipher], &bodies));
        }
        let ratio_of = |pick: fn(&Workload) -> Duration| {
            let mut ratios: Vec<(f64, Duration, Duration)> =
                rounds.iter().map(|[p, c]| (pick(c).as_secs_f64() / pick(p).as_secs_f64(), pick(c), pick(p))).collect();
            ratios.sort_by(|a, b| a.0.total_cmp(&b.0));
            ratios[ratios.len() / 2]
        };
        let how =
            if durable { "synchronous=FULL, as the journal runs" } else { "synchronous=OFF: the cipher's own cost" };
        let (ratio, cipher, plain) = ratio_of(|w| w.writes + w.reads);
        row(
            &format!("SQLCipher ÷ plain SQLite ({how}): 2,000 inserts, then 20 full reads, in lockstep"),
            format!("{ratio:.2}× ({} vs {})", ms(cipher), ms(plain)),
            "≤ 1.25×",
        );
        let (ratio, cipher, plain) = ratio_of(|w| w.writes);
        row("… of which the inserts", format!("{ratio:.2}× ({} vs {})", ms(cipher), ms(plain)), "—");
        let (ratio, cipher, plain) = ratio_of(|w| w.reads);
        row("… of which the 20 full reads", format!("{ratio:.2}× ({} vs {})", ms(cipher), ms(plain)), "—");
    }
}
