//! Measures sync through the journal held open (what the app does) on a
//! ten-year journal: the first computer's first sync (a snapshot of
//! everything), a second computer joining (every entry merged, the journal
//! read back), a sync with nothing new, and a sync after one saved check-in
//! on each side.
//!
//! ```sh
//! cargo run --release -p ketalog-core --example sync_bench
//! ```
//!
//! Joining and a new folder's key include the sync passphrase's scrypt work
//! (log2 N = 18), the same for any journal. Each figure is one run: this is
//! a measuring program, not a test; it asserts nothing about time.

use std::time::Instant;

use chrono::NaiveDate;
use ketalog_core::model::CheckIn;
use ketalog_core::open::OpenJournal;
use ketalog_core::{ImportMode, Timestamp, Vault, demo};
use secrecy::SecretString;
use uuid::Uuid;

fn main() {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let folder = dir.path().join("folder");
    std::fs::create_dir(&folder).expect("the sync folder");
    let pass = SecretString::from("journal passphrase".to_owned());
    let sync_pass = SecretString::from("sync passphrase for the bench".to_owned());
    let until = NaiveDate::from_ymd_opt(2026, 3, 1).expect("a date");
    let now = Timestamp::parse("2026-03-01T20:00:00+01:00").expect("a time");
    let journal = demo::journal_of_years(until, 10);

    let mut a = Vault::create(&dir.path().join("a.db"), &pass).expect("journal A");
    a.import(&journal, ImportMode::Replace, now).expect("ten years in A");
    let mut a = OpenJournal::new(a).expect("A open");
    let mut b = OpenJournal::new(Vault::create(&dir.path().join("b.db"), &pass).expect("journal B")).expect("B open");
    println!("records: {}", a.journal().dated_record_count());

    let timed = |what: &str, run: &mut dyn FnMut()| {
        let start = Instant::now();
        run();
        println!("{what}: {:.0} ms", start.elapsed().as_secs_f64() * 1000.0);
    };
    timed("A, first sync (new folder key, snapshot written)", &mut || {
        a.sync(&folder, Some(&sync_pass), now).expect("A syncs");
    });
    timed("B joins (key opened, everything merged, journal read back)", &mut || {
        b.sync(&folder, Some(&sync_pass), now).expect("B joins");
    });
    timed("A, nothing new (B's snapshot read, nothing taken)", &mut || {
        a.sync(&folder, None, now).expect("A syncs");
    });
    let check_in = CheckIn { mood: Some(6), ..CheckIn::new(Uuid::nil(), now) };
    a.save(check_in.into(), now).expect("a check-in on A");
    timed("A, after one check-in (its change written)", &mut || {
        a.sync(&folder, None, now).expect("A syncs");
    });
    timed("B, taking it in (journal read back)", &mut || {
        b.sync(&folder, None, now).expect("B syncs");
    });
    let sizes: Vec<u64> = std::fs::read_dir(&folder)
        .expect("the folder")
        .map(|e| e.expect("an entry").metadata().expect("its size").len())
        .collect();
    println!("folder: {} files, {} bytes in all", sizes.len(), sizes.iter().sum::<u64>());
}
