//! The `ketalog` command end to end: init, import, export, refusals, the
//! passphrase, and what is (not) on disk.
#![allow(clippy::unwrap_used)] // test helpers panic on failure by design

use std::path::Path;

use ketalog_tests::{PASSPHRASE, Scratch};
use serde_json::{Value, json};

const VALID: &str = include_str!("../data/valid-document.json");

fn valid() -> Value {
    serde_json::from_str(VALID).unwrap()
}

/// Every field of every record of `input` has the same value in `output`.
fn assert_records_kept(input: &Value, output: &Value) {
    for list in ["sessions", "checkins", "phq9", "gad7", "bladder", "acknowledgements"] {
        let want = input[list].as_array().unwrap();
        let got = output[list].as_array().unwrap();
        assert_eq!(want.len(), got.len(), "{list}: record count");
        for (w, g) in want.iter().zip(got) {
            for (field, value) in w.as_object().unwrap() {
                let got_value = &g[field];
                let same = match (value.as_f64(), got_value.as_f64()) {
                    (Some(a), Some(b)) => a == b,
                    _ => value == got_value,
                };
                assert!(same, "{list}.{field}: imported {value}, exported {got_value}");
            }
        }
    }
    for (field, value) in input["profile"].as_object().unwrap() {
        let got = &output["profile"][field];
        let same = match (value.as_f64(), got.as_f64()) {
            (Some(a), Some(b)) => a == b,
            _ => value == got,
        };
        assert!(same, "profile.{field}: imported {value}, exported {got}");
    }
}

#[test]
fn import_then_export_returns_the_same_records() {
    let s = Scratch::init();
    let doc = s.write("doc.json", VALID);
    let run = s.run(&["import", doc.to_str().unwrap(), "--take-profile"]);
    run.ok();
    assert!(run.stderr.contains("7 added"), "{}", run.stderr);
    let out = s.export();
    assert_records_kept(&valid(), &out);
    // The late-evening session keeps its offset: its local day is 1 March, its UTC day 2 March.
    assert_eq!(out["sessions"][0]["started_at"], "2026-03-01T22:30:00-05:00");
    assert_eq!(out["sessions"][1]["started_at"], "2026-03-03T10:00:00Z");
}

#[test]
fn importing_twice_changes_nothing() {
    let s = Scratch::init();
    s.import_text("doc.json", VALID).ok();
    let first = s.export();
    let again = s.import_text("doc.json", VALID);
    again.ok();
    assert!(again.stderr.contains("0 added, 0 updated, 7 unchanged"), "{}", again.stderr);
    assert_eq!(first, s.export());
}

#[test]
fn an_exported_document_imports_into_a_new_journal_unchanged() {
    let s = Scratch::init();
    s.import_text("doc.json", VALID).ok();
    let exported = s.run(&["export", "--json"]);
    let other = Scratch::init();
    other.import_text("exported.json", exported.ok()).ok();
    assert_eq!(s.export(), other.export());
}

/// Applies `edit` to the valid document and returns its text.
fn edited(edit: impl FnOnce(&mut Value)) -> String {
    let mut doc = valid();
    edit(&mut doc);
    doc.to_string()
}

#[test]
fn invalid_documents_are_refused_with_a_named_field_and_change_nothing() {
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "eight PHQ-9 answers",
            edited(|d| drop(d["phq9"][0]["items"].as_array_mut().unwrap().pop())),
            "PHQ-9 1 in the file, the answers: expected 9 answers, got 8",
        ),
        (
            "a PHQ-9 answer of 4",
            edited(|d| d["phq9"][0]["items"][2] = json!(4)),
            "PHQ-9 1 in the file: answer 3 must be between 0 and 3, not 4.",
        ),
        (
            "a negative dose",
            edited(|d| d["sessions"][1]["dose_mg"] = json!(-5)),
            "Session 2 in the file: the dose must be more",
        ),
        (
            "a non-numeric dose",
            edited(|d| d["sessions"][0]["dose_mg"] = json!("lots")),
            "Session 1 in the file, the dose:",
        ),
        (
            "an unknown route",
            edited(|d| d["sessions"][0]["route"] = json!("nasal")),
            "Session 1 in the file, the route: unknown variant `nasal`",
        ),
        (
            "a duplicate id",
            edited(|d| d["checkins"][0]["id"] = d["sessions"][0]["id"].clone()),
            "Check-in 1 in the file: the record's id is used twice in this file",
        ),
        (
            "30 February",
            edited(|d| d["bladder"][0]["date"] = json!("2026-02-30")),
            "Bladder diary day 1 in the file, the date: 2026-02-30 is not a calendar date",
        ),
        (
            "30 February in a time",
            edited(|d| d["checkins"][0]["at"] = json!("2026-02-30T10:00:00Z")),
            "Check-in 1 in the file, the time:",
        ),
        (
            "a time without offset",
            edited(|d| d["gad7"][0]["at"] = json!("2026-03-01T09:05:00")),
            "GAD-7 1 in the file, the time:",
        ),
        ("version 2", edited(|d| d["version"] = json!(2)), "version: 2 is newer"),
        (
            "mood 11",
            edited(|d| d["checkins"][0]["mood"] = json!(11)),
            "Check-in 1 in the file: the mood rating must be between 0 and 10, not 11.",
        ),
        (
            "a diastolic above systolic",
            edited(|d| d["sessions"][0]["bp_pre"]["diastolic"] = json!(130)),
            "Session 1 in the file: the diastolic pressure before the dose must be lower than the systolic pressure",
        ),
        (
            "a missing route",
            edited(|d| drop(d["sessions"][0].as_object_mut().unwrap().remove("route"))),
            "Session 1 in the file: missing field `route`",
        ),
        ("not JSON", "this is not json {".to_owned(), "not a JSON document"),
        ("another format", json!({"format": "other", "version": 1}).to_string(), "not a Ketalog data document"),
    ];
    let s = Scratch::init();
    s.import_text("base.json", VALID).ok();
    let before = s.export();
    for (name, text, expected) in cases {
        let run = s.import_text("bad.json", &text);
        let message = run.fails_with(1);
        assert!(message.contains(expected), "{name}: message {message:?} lacks {expected:?}");
        assert!(message.contains("nothing was imported"), "{name}: {message}");
        assert_eq!(before, s.export(), "{name}: the journal changed");
    }
}

#[test]
fn a_record_conflicting_with_the_journal_is_refused_whole() {
    let s = Scratch::init();
    s.import_text("base.json", VALID).ok();
    let before = s.export();
    // A new check-in (valid on its own) and a diary day for a date the journal already has.
    let text = edited(|d| {
        d["checkins"][0]["id"] = json!("6f1c1d5e-1d7a-4a63-9a3e-0b5b5a1f9999");
        d["bladder"][0]["id"] = json!("6f1c1d5e-1d7a-4a63-9a3e-0b5b5a1f9998");
    });
    let message = s.import_text("conflict.json", &text).fails_with(1).to_owned();
    assert!(
        message.contains(
            "Bladder diary day 1 in the file: the date already has a diary entry in this journal (2026-03-02"
        ),
        "{message}"
    );
    assert_eq!(before, s.export());
}

#[test]
fn a_wrong_passphrase_exits_2_and_changes_nothing() {
    let s = Scratch::init();
    s.import_text("doc.json", VALID).ok();
    let before = s.export();
    let doc = s.write("more.json", VALID);
    for args in [vec!["export", "--json"], vec!["import", doc.to_str().unwrap()]] {
        let run = s.run_env(&args, &[("KETALOG_PASSPHRASE", "not the passphrase")]);
        assert!(run.fails_with(2).contains("wrong passphrase"));
    }
    assert_eq!(before, s.export());
}

#[test]
fn after_a_passphrase_change_only_the_new_one_opens() {
    let s = Scratch::init();
    s.import_text("doc.json", VALID).ok();
    let before = s.export();
    let wrong =
        s.run_env(&["passphrase", "change"], &[("KETALOG_PASSPHRASE", "nope"), ("KETALOG_NEW_PASSPHRASE", "x")]);
    wrong.fails_with(2);
    s.run_env(&["passphrase", "change"], &[("KETALOG_NEW_PASSPHRASE", "a whole new passphrase")]).ok();
    s.run(&["export", "--json"]).fails_with(2);
    let run = s.run_env(&["export", "--json"], &[("KETALOG_PASSPHRASE", "a whole new passphrase")]);
    let mut doc: Value = serde_json::from_str(run.ok()).unwrap();
    doc.as_object_mut().unwrap().remove("exported_at");
    assert_eq!(before, doc);
}

fn files_in(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() { files.extend(files_in(&path)) } else { files.push(path) }
    }
    files
}

#[test]
fn the_journal_is_not_plain_sqlite_and_no_note_is_on_disk_in_clear() {
    let s = Scratch::init();
    let canary = "Zanzibar-quokka-canary-7731";
    let text = edited(|d| {
        d["checkins"][0]["notes"] = json!(canary);
        d["sessions"][0]["notes"] = json!(canary);
    });
    s.import_text("doc.json", &text).ok();
    std::fs::remove_file(s.path("doc.json")).unwrap();
    // Keep a second process holding the journal open while we look, so the
    // write-ahead log and shared-memory files are there too.
    let out =
        std::process::Command::new("sqlite3").arg(s.vault()).arg(".tables").output().expect("sqlite3 is installed");
    assert!(!out.status.success(), "sqlite3 read the journal: {}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a database"));
    let files = files_in(s.vault().parent().unwrap());
    assert!(files.len() >= 2, "{files:?}");
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        assert!(
            !bytes.windows(canary.len()).any(|w| w == canary.as_bytes()),
            "{} holds the note in clear",
            file.display()
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{} has mode {mode:o}", file.display());
        }
    }
}

#[test]
fn csv_export_writes_one_file_per_record_type_and_warns() {
    let s = Scratch::init();
    s.import_text("doc.json", VALID).ok();
    let dir = s.path("csv");
    let run = s.run(&["export", "--csv", dir.to_str().unwrap()]);
    run.ok();
    assert!(run.stderr.contains("NOT encrypted"));
    let sessions = std::fs::read_to_string(dir.join("sessions.csv")).unwrap();
    assert_eq!(sessions.lines().count(), 3);
    assert!(sessions.contains("2026-03-01T22:30:00-05:00,2026-03-01,racemic-ketamine,sublingual,100"));
    let phq = std::fs::read_to_string(dir.join("phq9.csv")).unwrap();
    assert!(phq.lines().nth(1).unwrap().ends_with(",2,2,2,2,1,2,1,1,0,13,2"), "{phq}");
}

#[test]
fn commands_without_a_journal_or_with_bad_arguments_exit_1() {
    let s = Scratch::new();
    assert!(s.run(&["export", "--json"]).fails_with(1).contains("ketalog init"));
    for args in
        [&["export"][..], &["export", "--json", "--csv", "x"], &["frobnicate"], &["demo", "--until", "2026-02-30"]]
    {
        let run = s.run(args);
        assert_eq!(run.code, 1, "{args:?}: {run:?}");
    }
}

#[test]
fn init_refuses_to_overwrite_a_journal() {
    let s = Scratch::init();
    assert!(s.run(&["init"]).fails_with(1).contains("already exists"));
}

#[test]
fn the_demo_journal_is_deterministic_and_refuses_a_journal_with_records() {
    let a = Scratch::new();
    let b = Scratch::new();
    a.run(&["demo", "--until", "2026-06-30"]).ok();
    b.run(&["demo", "--until", "2026-06-30"]).ok();
    let strip = |mut v: Value| {
        v.as_object_mut().unwrap().remove("record_times");
        v
    };
    let (da, db) = (strip(a.export()), strip(b.export()));
    assert_eq!(da, db);
    assert!(da["sessions"].as_array().unwrap().len() >= 14);
    assert!(a.run(&["demo"]).fails_with(1).contains("already holds records"));
    // The demo opened the existing journal with its passphrase, and only that.
    let wrong = a.run_env(&["demo"], &[("KETALOG_PASSPHRASE", &format!("{PASSPHRASE}!"))]);
    wrong.fails_with(2);
}
