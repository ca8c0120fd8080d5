//! `ketalog sync` between real, separate journals through one folder: what
//! one computer writes reaches the other, both ways; the folder holds
//! nothing readable; files a sync tool leaves half-copied or as conflict
//! copies are skipped with a message and nothing is lost.
#![allow(clippy::unwrap_used)] // test helpers panic on failure by design

use std::path::{Path, PathBuf};

use ketalog_tests::{Run, Scratch, kill_sweep, path_str};
use serde_json::{Value, json};

const SYNC_WORDS: &str = "shared sync words for two laptops";
const CANARY: &str = "Axolotl-porridge-canary-7731";

fn sync(s: &Scratch, folder: &Path) -> Run {
    s.run_env(&["sync", "--folder", path_str(folder)], &[("KETALOG_SYNC_PASSPHRASE", SYNC_WORDS)])
}

/// Every file in the folder, read whole.
fn folder_bytes(folder: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.clone(), std::fs::read(p).unwrap()))
        .collect()
}

fn document() -> Value {
    let mut doc: Value = serde_json::from_str(include_str!("../data/valid-document.json")).unwrap();
    doc["sessions"][0]["notes"] = json!(format!("{CANARY} session"));
    doc["checkins"][0]["notes"] = json!(format!("{CANARY} check-in"));
    doc
}

/// A's and B's journals, as exported, without the time of the export.
fn same(a: &Scratch, b: &Scratch) -> Value {
    let (left, right) = (a.export(), b.export());
    assert_eq!(left, right, "the two journals differ after syncing");
    left
}

/// Two journals, the first holding the sample document, and an empty shared folder.
fn two_journals() -> (Scratch, Scratch, PathBuf) {
    let (a, b) = (Scratch::init(), Scratch::init());
    let folder = a.path("shared");
    std::fs::create_dir(&folder).unwrap();
    a.import_text("doc.json", &document().to_string()).ok();
    (a, b, folder)
}

#[test]
fn edits_deletes_and_acknowledgements_travel_both_ways_and_nothing_is_in_clear() {
    let (a, b, folder) = two_journals();

    let first = sync(&a, &folder);
    assert!(first.stderr.contains("joined the sync folder"), "{}", first.stderr);
    let joined = sync(&b, &folder);
    assert!(
        joined.stderr.contains("joined the sync folder") && joined.stderr.contains("Read 1 file"),
        "{}",
        joined.stderr
    );
    assert!(joined.stderr.contains("records added"), "{}", joined.stderr);
    sync(&a, &folder).ok();
    let both = same(&a, &b);
    assert_eq!(both["checkins"][0]["notes"], format!("{CANARY} check-in"));

    // An edit on B reaches A.
    let mut edited = document();
    edited["checkins"][0]["mood"] = json!(1);
    b.import_text("edit.json", &edited.to_string()).ok();
    sync(&b, &folder).ok();
    let merged = sync(&a, &folder);
    assert!(merged.stderr.contains("1 record changed"), "{}", merged.stderr);
    assert_eq!(same(&a, &b)["checkins"][0]["mood"], 1);

    // An acknowledgement on A reaches B.
    // Two PHQ-9s a worsening apart: mood.worsening has no window, so it is
    // current whatever the clock says.
    let phq9 = json!({
        "format": "ketalog-data", "version": 1, "exported_at": "2025-01-20T12:00:00Z",
        "profile": {}, "sessions": [], "checkins": [], "gad7": [], "bladder": [], "acknowledgements": [],
        "phq9": [
            { "id": "00000000-0000-4000-8000-0000000000aa", "at": "2026-06-01T09:00:00Z", "items": [1, 1, 1, 1, 0, 0, 0, 0, 0] },
            { "id": "00000000-0000-4000-8000-0000000000bb", "at": "2026-06-15T09:00:00Z", "items": [2, 2, 1, 1, 1, 1, 1, 0, 0] }
        ]
    });
    a.import_text("phq9.json", &phq9.to_string()).ok();
    let alerts: Value = serde_json::from_str(a.run(&["alerts", "--json"]).ok()).unwrap();
    let alert = alerts.as_array().unwrap().iter().find(|a| a["rule"] == "mood.worsening").expect("a current alert");
    a.run(&["alerts", "ack", alert["id"].as_str().unwrap(), "--note", "called the clinic"]).ok();
    sync(&a, &folder).ok();
    let acked = sync(&b, &folder);
    assert!(acked.stderr.contains("1 acknowledgement"), "{}", acked.stderr);
    let acks = same(&a, &b)["acknowledgements"].clone();
    assert!(acks.as_array().unwrap().iter().any(|k| k["note"] == "called the clinic"), "{acks}");

    // A delete on B (a backup restored with --replace, without the session)
    // reaches A, and stays deleted however often A syncs.
    let trimmed = Scratch::init();
    let mut doc = b.export();
    let gone = doc["sessions"][0]["id"].clone();
    doc["sessions"].as_array_mut().unwrap().remove(0);
    doc["record_times"].as_array_mut().unwrap().retain(|t| t["id"] != gone);
    doc["exported_at"] = json!("2026-03-20T18:00:00-04:00");
    trimmed.import_text("trimmed.json", &doc.to_string()).ok();
    let backup = trimmed.path("trimmed.age");
    let words = [("KETALOG_BACKUP_PASSPHRASE", "backup words")];
    trimmed.run_env(&["backup", "export", "--out", path_str(&backup)], &words).ok();
    b.run_env(&["backup", "import", path_str(&backup), "--replace"], &words).ok();
    sync(&b, &folder).ok();
    let deleted = sync(&a, &folder);
    assert!(deleted.stderr.contains("1 record deleted"), "{}", deleted.stderr);
    for _ in 0..2 {
        sync(&a, &folder).ok();
        sync(&b, &folder).ok();
    }
    let end = same(&a, &b);
    assert!(end["sessions"].as_array().unwrap().iter().all(|s| s["id"] != gone), "the deleted session came back");

    // Nothing in the folder is readable: no note, no date, no record id.
    for (path, bytes) in folder_bytes(&folder) {
        for needle in [CANARY, "2026-03", gone.as_str().unwrap(), "called the clinic", "checkin"] {
            assert!(!bytes.windows(needle.len()).any(|w| w == needle.as_bytes()), "{needle} in {}", path.display());
        }
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(name == "key.age" || (name.len() == 36 && name.ends_with(".age")), "{name}");
    }
}

#[test]
fn conflict_copies_and_half_written_files_are_skipped_with_a_message_and_nothing_is_lost() {
    let (a, b, folder) = two_journals();
    sync(&a, &folder).ok();
    let written: Vec<PathBuf> =
        folder_bytes(&folder).into_iter().map(|(p, _)| p).filter(|p| !p.ends_with("key.age")).collect();
    assert_eq!(written.len(), 1);
    let file = &written[0];
    let bytes = std::fs::read(file).unwrap();
    let stem = file.file_stem().unwrap().to_str().unwrap();
    // What Syncthing and Dropbox name their conflict copies.
    std::fs::write(folder.join(format!("{stem}.sync-conflict-20260301-120000-ABCDEFG.age")), &bytes).unwrap();
    std::fs::write(folder.join(format!("{stem} (conflicted copy 2026-03-01).age")), &bytes).unwrap();
    // A file still being copied: cut short.
    let half = folder.join("0123456789abcdef0123456789abcdef.age");
    std::fs::write(&half, &bytes[..bytes.len() / 2]).unwrap();

    let run = sync(&b, &folder);
    run.ok();
    assert!(run.stderr.matches("a copy the sync tool made of a conflict").count() == 2, "{}", run.stderr);
    assert!(run.stderr.contains("0123456789abcdef0123456789abcdef.age: incomplete or damaged"), "{}", run.stderr);
    assert!(run.stderr.contains("Read 1 file"), "{}", run.stderr);
    same(&a, &b);
    // The skipped files are left as they were.
    assert_eq!(std::fs::read(&half).unwrap().len(), bytes.len() / 2);
}

#[test]
fn a_wrong_passphrase_or_a_missing_folder_is_refused_and_changes_nothing() {
    let (a, b, folder) = two_journals();
    sync(&a, &folder).ok();
    let before = b.export();
    let wrong =
        b.run_env(&["sync", "--folder", path_str(&folder)], &[("KETALOG_SYNC_PASSPHRASE", "not the words at all")]);
    assert!(wrong.fails_with(2).contains("sync passphrase does not open"), "{}", wrong.stderr);
    assert_eq!(b.export(), before);
    let missing = sync(&b, &a.path("unplugged-drive"));
    assert!(missing.fails_with(1).contains("does not exist or is not a folder"), "{}", missing.stderr);
    // Without the passphrase, a journal that has not joined is told what is needed.
    let locked = b.run(&["sync", "--folder", path_str(&folder)]);
    assert!(locked.fails_with(2).contains("KETALOG_SYNC_PASSPHRASE"), "{}", locked.stderr);
    assert_eq!(b.export(), before);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// A sync killed (SIGKILL) at moments spread over its run — reading and
/// decrypting, the merge's transaction, writing its own file — leaves the
/// journal exactly as before or exactly as after a complete sync, and a
/// later sync completes it.
#[test]
fn a_sync_killed_at_any_moment_leaves_the_journal_as_before_or_fully_merged() {
    // A: a year of sample data, in the folder. B: joined (through a copy of
    // the folder holding only the key), its sample year not merged yet.
    let a = Scratch::new();
    a.run(&["demo", "--until", "2026-06-30"]).ok();
    let folder = a.path("shared");
    std::fs::create_dir(&folder).unwrap();
    sync(&a, &folder).ok();
    let template = Scratch::init();
    let keys_only = template.path("keys-only");
    std::fs::create_dir(&keys_only).unwrap();
    std::fs::copy(folder.join("key.age"), keys_only.join("key.age")).unwrap();
    sync(&template, &keys_only).ok();
    let before = template.export();

    let tally = kill_sweep(
        &before,
        || {
            let trial = Scratch::new();
            copy_dir(template.vault().parent().unwrap(), trial.vault().parent().unwrap());
            let shared = trial.path("shared");
            copy_dir(&folder, &shared);
            let mut command = trial.command(&["sync", "--folder", path_str(&shared)]);
            command.env("KETALOG_SYNC_PASSPHRASE", SYNC_WORDS);
            (trial, command)
        },
        // Whatever the kill left in the folder, the next sync completes the merge.
        |i, trial, after| {
            sync(trial, &trial.path("shared")).ok();
            assert_eq!(&trial.export(), after, "kill {i}: the next sync did not complete the merge");
        },
    );
    eprintln!("{} kills left the journal as before, {} fully merged", tally.old, tally.new);
}
