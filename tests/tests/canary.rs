//! After a realistic workload through the command, no distinctive note text
//! is in any file of the vault's folder or of the temporary folder the
//! command used.
#![allow(clippy::unwrap_used)] // test helpers panic on failure by design

use std::path::{Path, PathBuf};

use ketalog_tests::Scratch;
use serde_json::json;

const CANARY: &str = "Quetzal-marmalade-canary-5519";

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_in(&path));
        } else {
            files.push(path);
        }
    }
    files
}

fn holds(path: &Path, needle: &[u8]) -> bool {
    let bytes = std::fs::read(path).unwrap();
    bytes.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn no_note_reaches_the_disk_in_clear() {
    let s = Scratch::init();
    let tmp = s.path("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let env = [("TMPDIR", tmp.to_str().unwrap())];
    let mut doc: serde_json::Value = serde_json::from_str(include_str!("../data/valid-document.json")).unwrap();
    doc["sessions"][0]["notes"] = json!(format!("{CANARY} session"));
    doc["sessions"][0]["intention"] = json!(format!("{CANARY} intention"));
    doc["checkins"][0]["notes"] = json!(format!("{CANARY} check-in"));
    doc["bladder"][0]["notes"] = json!(format!("{CANARY} bladder"));
    doc["profile"]["display_name"] = json!(format!("{CANARY} name"));
    doc["acknowledgements"][0]["note"] = json!(format!("{CANARY} acknowledgement"));
    // The document to import lives outside the vault and temporary folders.
    let import = s.write("import.json", &doc.to_string());
    s.run_env(&["import", import.to_str().unwrap()], &env).ok();
    std::fs::remove_file(&import).unwrap();
    s.run_env(&["demo"], &env).fails_with(1); // refused: the journal has records
    s.run_env(&["alerts", "--as-of", "2026-03-04", "--json"], &env).ok();
    let backup = s.path("backup.age");
    let with_backup = [("TMPDIR", tmp.to_str().unwrap()), ("KETALOG_BACKUP_PASSPHRASE", "backup words")];
    s.run_env(&["backup", "export", "--out", backup.to_str().unwrap()], &with_backup).ok();
    assert!(!holds(&backup, CANARY.as_bytes()), "the backup holds a note in clear");
    s.run_env(&["backup", "import", backup.to_str().unwrap()], &with_backup).ok();
    let exported = s.run_env(&["export", "--json"], &env);
    assert!(exported.ok().contains(CANARY), "the export lacks the notes: the canary proves nothing");
    s.run_env(
        &["passphrase", "change"],
        &[("TMPDIR", tmp.to_str().unwrap()), ("KETALOG_NEW_PASSPHRASE", "another passphrase")],
    )
    .ok();

    let vault_dir = s.vault().parent().unwrap().to_owned();
    let mut looked = 0;
    for dir in [&vault_dir, &tmp] {
        for file in files_in(dir) {
            looked += 1;
            assert!(!holds(&file, CANARY.as_bytes()), "{} holds a note in clear", file.display());
            assert!(!holds(&file, b"Quetzal"), "{} holds part of a note in clear", file.display());
        }
    }
    assert!(looked >= 2, "the vault folder should hold the database and key file");
}
