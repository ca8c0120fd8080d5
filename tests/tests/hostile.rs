//! Hostile files and careless commands: a table of inputs an attacker (or a
//! slip of the hand) could give `ketalog`, each with the exit code, a
//! fragment of the one-line message, a generous time bound (a hang is a
//! failure) and the promise that the journal is exactly as it was.
//!
//! The inputs are generated here: age headers built by hand, oversized and
//! sparse files, documents with control characters and repeated keys.

#![allow(clippy::unwrap_used, reason = "test helpers: a failed unwrap is a failed test")]

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ketalog_tests::{PASSPHRASE, Run, Scratch, keygen, path_str, tool};

use serde_json::{Value, json};

const VALID: &str = include_str!("../data/valid-document.json");
const BACKUP_PASSPHRASE: &str = "quiet orchard lantern 19";

/// What a hostile input must end in.
struct Case {
    name: &'static str,
    /// The arguments, given the scratch folder (files are made there first).
    args: fn(&Scratch) -> Vec<String>,
    /// Extra environment.
    env: &'static [(&'static str, &'static str)],
    code: i32,
    /// A fragment of the message on standard error.
    says: &'static str,
    /// The run must end within this.
    within: Duration,
}

fn s(path: &Path) -> String {
    path_str(path).to_owned()
}

/// A journal with the test document, and a profile of its own.
fn journal() -> Scratch {
    let scratch = Scratch::init();
    let doc = scratch.write("doc.json", VALID);
    scratch.run(&["import", path_str(&doc), "--take-profile"]).ok();
    scratch
}

/// A document holding only a profile: another clinician, a premium-rate
/// number, the crisis line's numbers replaced, a long auto-lock.
fn profile_only() -> Value {
    json!({
        "format": "ketalog-data",
        "version": 1,
        "profile": {
            "clinician": {"name": "Dr Evil", "phone": "+1 900 555 0199", "email": "evil@example.invalid"},
            "crisis_line": {"label": "Help line", "phone": "+1 900 555 0100", "text": "+1 900 555 0101", "emergency": "+1 900 555 0102"},
            "auto_lock_minutes": 240
        }
    })
}

fn write_json(scratch: &Scratch, name: &str, value: &Value) -> PathBuf {
    scratch.write(name, &serde_json::to_string_pretty(value).unwrap())
}

/// A profile-only document encrypted with the standard age tool to a new key.
fn profile_only_backup(scratch: &Scratch) -> (PathBuf, PathBuf) {
    let doc = write_json(scratch, "profile.json", &profile_only());
    let (key, public) = keygen(scratch, "key.txt");
    let sealed = scratch.path("profile.age");
    tool("age", &["-r", &public, "-o", path_str(&sealed), path_str(&doc)]);
    (sealed, key)
}

/// An age file whose header is `stanzas` followed by a MAC line and a payload.
fn age_file(scratch: &Scratch, name: &str, stanzas: &str) -> PathBuf {
    let mut bytes = b"age-encryption.org/v1\n".to_vec();
    bytes.extend_from_slice(stanzas.as_bytes());
    bytes.extend_from_slice(b"--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n");
    bytes.extend_from_slice(&[0u8; 64]);
    let path = scratch.path(name);
    fs::write(&path, bytes).unwrap();
    path
}

/// A real Ketalog backup, then its scrypt work factor raised to `log_n`.
fn backup_with_work(scratch: &Scratch, log_n: u8) -> PathBuf {
    let out = scratch.path("work.age");
    scratch
        .run_env(&["backup", "export", "--out", path_str(&out)], &[("KETALOG_BACKUP_PASSPHRASE", BACKUP_PASSPHRASE)])
        .ok();
    let bytes = fs::read(&out).unwrap();
    let text = String::from_utf8_lossy(&bytes[..bytes.iter().position(|&b| b == b'\n').unwrap() + 200]).into_owned();
    let stanza = text.lines().find(|l| l.starts_with("-> scrypt ")).unwrap().to_owned();
    let raised = format!("{} {log_n}", stanza.rsplit_once(' ').unwrap().0);
    assert_eq!(raised.len(), stanza.len(), "the same length keeps the rest of the file in place");
    let at = bytes.windows(stanza.len()).position(|w| w == stanza.as_bytes()).unwrap();
    let mut changed = bytes.clone();
    changed[at..at + stanza.len()].copy_from_slice(raised.as_bytes());
    fs::write(&out, changed).unwrap();
    out
}

/// A file of `len` bytes that takes no room on disk (a sparse file).
fn sparse(scratch: &Scratch, name: &str, start: &[u8], len: u64) -> PathBuf {
    let path = scratch.path(name);
    fs::write(&path, start).unwrap();
    fs::OpenOptions::new().write(true).open(&path).unwrap().set_len(len).unwrap();
    path
}

fn document_with(scratch: &Scratch, name: &str, edit: impl FnOnce(&mut Value)) -> PathBuf {
    let mut doc: Value = serde_json::from_str(VALID).unwrap();
    edit(&mut doc);
    write_json(scratch, name, &doc)
}

/// A write that must be refused as the journal's own file, journal intact.
fn journal_file(name: &'static str, args: fn(&Scratch) -> Vec<String>) -> Case {
    Case { name, args, env: &[], code: 1, says: "part of the journal itself", within: GENEROUS }
}

const SECOND: Duration = Duration::from_secs(1);
const GENEROUS: Duration = Duration::from_secs(10);

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "age header of 64 KiB of tiny stanzas",
            args: |sc| {
                let path = age_file(sc, "tiny.age", &"-> a\n\n".repeat(64 * 1024 / 6));
                vec!["backup".into(), "show".into(), s(&path)]
            },
            env: &[("KETALOG_BACKUP_PASSPHRASE", BACKUP_PASSPHRASE)],
            code: 3,
            says: "header is larger than any backup",
            within: SECOND,
        },
        Case {
            name: "age header of 10,000 X25519 stanzas",
            args: |sc| {
                let stanza = "-> X25519 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n";
                let path = age_file(sc, "many.age", &stanza.repeat(10_000));
                let (key, _) = keygen(sc, "key.txt");
                vec!["backup".into(), "import".into(), s(&path), "--identity".into(), s(&key)]
            },
            env: &[],
            code: 3,
            says: "header is larger than any backup",
            within: SECOND * 2,
        },
        Case {
            name: "passphrase backup asking for scrypt log2 N = 22",
            args: |sc| vec!["backup".into(), "show".into(), s(&backup_with_work(sc, 22))],
            env: &[("KETALOG_BACKUP_PASSPHRASE", BACKUP_PASSPHRASE)],
            code: 1,
            says: "far more passphrase work than any Ketalog backup",
            within: SECOND * 2,
        },
        Case {
            name: "passphrase backup asking for scrypt log2 N = 21, refused before any passphrase is asked",
            args: |sc| vec!["backup".into(), "import".into(), s(&backup_with_work(sc, 21))],
            env: &[],
            code: 1,
            says: "Ketalog writes 18 and accepts at most 20",
            within: SECOND * 2,
        },
        Case {
            name: "a 64 MB document",
            args: |sc| vec!["import".into(), s(&sparse(sc, "huge.json", b"{\"format\": \"ketalog-data\", ", 64 << 20))],
            env: &[],
            code: 1,
            says: "larger than any Ketalog data document",
            within: SECOND,
        },
        Case {
            name: "a 240 MB backup",
            args: |sc| {
                vec![
                    "backup".into(),
                    "import".into(),
                    s(&sparse(sc, "huge.age", b"age-encryption.org/v1\n", 240 << 20)),
                ]
            },
            env: &[("KETALOG_BACKUP_PASSPHRASE", BACKUP_PASSPHRASE)],
            code: 1,
            says: "larger than any Ketalog backup",
            within: SECOND,
        },
        Case {
            name: "a session with 200,000 side effects",
            args: |sc| {
                let path = document_with(sc, "effects.json", |doc| {
                    doc["sessions"][0]["side_effects"] = json!(vec!["nausea"; 200_000]);
                });
                vec!["import".into(), s(&path)]
            },
            env: &[],
            code: 1,
            says: "at most 50 entries, not 200000",
            within: GENEROUS,
        },
        Case {
            name: "a session with 25 partial doses",
            args: |sc| {
                let path = document_with(sc, "doses.json", |doc| {
                    let doses: Vec<Value> = (0..25).map(|i| json!({"after_min": i, "mg": 1.0})).collect();
                    doc["sessions"][0]["doses"] = json!(doses);
                    doc["sessions"][0]["dose_mg"] = json!(25.0);
                });
                vec!["import".into(), s(&path)]
            },
            env: &[],
            code: 1,
            says: "at most 24 partial doses, not 25",
            within: GENEROUS,
        },
        Case {
            name: "a note of 20,001 characters",
            args: |sc| {
                let path =
                    document_with(sc, "note.json", |doc| doc["checkins"][0]["notes"] = json!("x".repeat(20_001)));
                vec!["import".into(), s(&path)]
            },
            env: &[],
            code: 1,
            says: "at most 20000 characters, not 20001",
            within: GENEROUS,
        },
        Case {
            name: "a key given twice",
            args: |sc| {
                let text = VALID.replacen("\"version\": 1,", "\"version\": 1, \"sessions\": [],", 1);
                assert_ne!(text, VALID);
                vec!["import".into(), s(&sc.write("twice.json", &text))]
            },
            env: &[],
            code: 1,
            says: "key given twice: `sessions`",
            within: GENEROUS,
        },
        Case {
            name: "a terminal escape sequence in a value",
            args: |sc| {
                let path = document_with(sc, "escape.json", |doc| {
                    doc["sessions"][0]["route"] = json!("\u{1b}]0;owned\u{7}iv")
                });
                vec!["import".into(), s(&path)]
            },
            env: &[],
            code: 1,
            says: "\\u{1b}]0;owned\\u{7}iv",
            within: GENEROUS,
        },
        Case {
            name: "a crisis number spanning lines",
            args: |sc| {
                let path =
                    document_with(sc, "lines.json", |doc| doc["profile"]["crisis_line"]["phone"] = json!("988\r0900"));
                vec!["import".into(), s(&path)]
            },
            env: &[],
            code: 1,
            says: "must be on one line",
            within: GENEROUS,
        },
        journal_file("export --json over the database", |sc| {
            vec!["export".into(), "--json".into(), "--out".into(), s(&sc.vault())]
        }),
        journal_file("report over the key file, spelled with ..", |sc| {
            let key = sc.vault().parent().unwrap().join("..").join("vault").join("journal.db.key");
            vec![
                "report".into(),
                "--from".into(),
                "2026-03-01".into(),
                "--to".into(),
                "2026-03-31".into(),
                "--out".into(),
                s(&key),
            ]
        }),
        journal_file("export through a symbolic link to the write-ahead log", |sc| {
            let link = sc.path("innocent.json");
            std::os::unix::fs::symlink(sc.vault().with_extension("db-wal"), &link).unwrap();
            vec!["export".into(), "--json".into(), "--out".into(), s(&link)]
        }),
        journal_file("export over a hard link to the database", |sc| {
            let link = sc.path("hard.json");
            fs::hard_link(sc.vault(), &link).unwrap();
            vec!["export".into(), "--json".into(), "--out".into(), s(&link)]
        }),
        Case {
            name: "backup export over the key file",
            args: |sc| vec!["backup".into(), "export".into(), "--out".into(), s(&sc.vault().with_extension("db.key"))],
            env: &[("KETALOG_BACKUP_PASSPHRASE", BACKUP_PASSPHRASE)],
            code: 1,
            says: "part of the journal itself",
            within: GENEROUS,
        },
        journal_file("CSV into a set-aside folder", |sc| {
            let folder = sc.vault().parent().unwrap().join("set-aside-2026-11-21T091500Z");
            fs::create_dir(&folder).unwrap();
            vec!["export".into(), "--csv".into(), s(&folder)]
        }),
        Case {
            name: "a one-character backup passphrase",
            args: |sc| vec!["backup".into(), "export".into(), "--out".into(), s(&sc.path("b.age"))],
            env: &[("KETALOG_BACKUP_PASSPHRASE", "x")],
            code: 1,
            says: "Use at least 10 characters",
            within: GENEROUS,
        },
        Case {
            name: "a one-character new passphrase",
            args: |_| vec!["passphrase".into(), "change".into()],
            env: &[("KETALOG_NEW_PASSPHRASE", "x")],
            code: 1,
            says: "Use at least 10 characters",
            within: GENEROUS,
        },
        Case {
            name: "an acknowledgement of an alert id carrying an escape sequence",
            args: |_| vec!["alerts".into(), "ack".into(), "\u{1b}[2Jgone".into(), "--note".into(), "x".into()],
            env: &[],
            code: 1,
            says: "\\u{1b}[2Jgone",
            within: GENEROUS,
        },
    ]
}

#[track_caller]
fn check(case: &Case, run: &Run, took: Duration) {
    assert!(took <= case.within, "{}: took {took:?} (bound {:?})", case.name, case.within);
    let said = run.fails_with(case.code);
    assert!(said.contains(case.says), "{}: {said}", case.name);
    assert!(!run.stderr.contains('\u{1b}'), "{}: a raw escape reached the terminal", case.name);
}

#[test]
fn hostile_inputs_are_refused_quickly_and_leave_the_journal_as_it_was() {
    for case in cases() {
        let scratch = journal();
        let before = scratch.export();
        let args = (case.args)(&scratch);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let start = Instant::now();
        let run = scratch.run_env(&args, case.env);
        let took = start.elapsed();
        check(&case, &run, took);
        assert_eq!(scratch.export(), before, "{}: the journal changed", case.name);
        eprintln!("{}: refused in {took:?}", case.name);
    }
}

#[test]
fn a_profile_in_a_file_never_replaces_the_journals_without_consent() {
    let scratch = journal();
    let before = scratch.export();
    let doc = write_json(&scratch, "profile.json", &profile_only());
    let (sealed, key) = profile_only_backup(&scratch);
    for args in
        [vec!["import", path_str(&doc)], vec!["backup", "import", path_str(&sealed), "--identity", path_str(&key)]]
    {
        let run = scratch.run(&args);
        run.ok();
        assert!(run.stderr.contains("NOT applied"), "{}", run.stderr);
        for shown in
            ["Crisis line: number to call", "+1 900 555 0100", "Clinician: name", "Dr Evil", "Lock after idle minutes"]
        {
            assert!(run.stderr.contains(shown), "{shown:?} missing from {}", run.stderr);
        }
        assert_eq!(scratch.export(), before, "{args:?} changed the journal");
    }
    // With consent, the change is made and printed, field by field.
    let run = scratch.run(&["import", path_str(&doc), "--take-profile"]);
    run.ok();
    assert!(run.stderr.contains("Profile settings changed:"), "{}", run.stderr);
    assert!(run.stderr.contains("Crisis line: number to call: 988 → +1 900 555 0100"), "{}", run.stderr);
    assert_eq!(scratch.export()["profile"]["crisis_line"]["phone"], "+1 900 555 0100");
}

#[test]
fn replacing_prints_the_profile_it_installs() {
    let scratch = journal();
    let (sealed, key) = profile_only_backup(&scratch);
    let run = scratch.run(&["backup", "import", path_str(&sealed), "--identity", path_str(&key), "--replace"]);
    run.ok();
    assert!(run.stderr.contains("Profile settings changed:"), "{}", run.stderr);
    assert!(run.stderr.contains("Dr Evil"), "{}", run.stderr);
}

#[test]
fn a_folder_others_can_write_to_is_refused_and_so_is_a_log_left_by_another_user() {
    use std::os::unix::fs::PermissionsExt;
    let scratch = journal();
    let before = scratch.export();
    let folder = scratch.vault().parent().unwrap().to_owned();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o777)).unwrap();
    let said = scratch.run(&["export", "--json"]).fails_with(1).to_owned();
    assert!(said.contains("other users of this computer can change the folder"), "{said}");
    assert!(said.contains("chmod 700"), "{said}");
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o700)).unwrap();
    assert_eq!(scratch.export(), before);

    // A write-ahead log planted by another user (the tests run as root here,
    // which can give a file away; elsewhere the check is skipped).
    let wal = scratch.vault().with_extension("db-wal");
    fs::write(&wal, b"").unwrap();
    if std::process::Command::new("chown").arg("65534").arg(&wal).status().is_ok_and(|s| s.success()) {
        let said = scratch.run(&["export", "--json"]).fails_with(1).to_owned();
        assert!(said.contains("belongs to another user"), "{said}");
    }
    fs::remove_file(&wal).unwrap();
    assert_eq!(scratch.export(), before);
}

/// An RFC 3339 UTC time `hours_ago` hours before now.
fn hours_ago(hours_ago: u64) -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() - hours_ago * 3600;
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest % 3600 / 60, rest % 60)
}

#[test]
fn an_acknowledgement_note_can_come_from_standard_input_and_stays_private() {
    use std::io::Write;
    let scratch = Scratch::init();
    let doc = write_json(
        &scratch,
        "crisis.json",
        &json!({"format": "ketalog-data", "version": 1, "phq9": [
            {"id": "00000000-0000-4000-8000-0000000000a9", "at": hours_ago(2), "items": [1, 1, 1, 0, 0, 0, 0, 0, 1]}
        ]}),
    );
    scratch.run(&["import", path_str(&doc)]).ok();
    let alerts: Value = serde_json::from_str(scratch.run(&["alerts", "--json"]).ok()).unwrap();
    let id = alerts.as_array().unwrap().iter().find(|a| a["rule"] == "mood.self_harm").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut cmd = scratch.command(&["alerts", "ack", &id, "--note", "-"]);
    cmd.stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    child.stdin.take().unwrap().write_all(b"called the clinic, private words\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let acks = &scratch.export()["acknowledgements"];
    assert_eq!(acks[0]["note"], "called the clinic, private words");
    assert!(acks[0].get("share_note").is_none(), "private unless shared: {acks}");
    let help = scratch.run(&["alerts", "ack", "--help"]);
    assert!(help.ok().contains("process list"), "--help says why: {}", help.stdout);
    let _ = PASSPHRASE;
}
