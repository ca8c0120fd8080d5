//! Encrypted backups end to end: `ketalog backup export|import|show` against
//! the standard `age` and `age-keygen` tools (Debian package `age`), both
//! ways, with passphrases typed into a pseudo-terminal as a person would;
//! the exit codes of every refusal; and a restore killed at a spread of
//! moments, which must leave the journal either as before or as after.

#![allow(clippy::unwrap_used, reason = "test helpers: a failed unwrap is a failed test")]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ketalog_tests::{PASSPHRASE, Scratch, ketalog_bin, keygen, kill_sweep, path_str, tool};
use rexpect::process::wait::WaitStatus;
use serde_json::Value;

const VALID: &str = include_str!("../data/valid-document.json");
const BACKUP_PASSPHRASE: &str = "quiet orchard lantern 19";
/// age's encrypted chunk: 64 KiB of plaintext and a 16-byte tag.
const ENCRYPTED_CHUNK: usize = 64 * 1024 + 16;

/// A journal holding the sample year ending 30 June 2026.
fn demo_journal() -> Scratch {
    let s = Scratch::new();
    s.run(&["demo", "--until", "2026-06-30"]).ok();
    s
}

/// Runs `command` on a pseudo-terminal, answering each prompt in turn with
/// `passphrase` (age and ketalog read passphrases from the terminal only).
#[track_caller]
fn answer_prompts(command: Command, prompts: &[&str], passphrase: &str) {
    let mut session = rexpect::session::spawn_command(command, Some(30_000)).expect("spawn on a pseudo-terminal");
    for prompt in prompts {
        session.exp_regex(&format!("{prompt}[^:]*: ")).unwrap_or_else(|e| panic!("no prompt {prompt:?}: {e}"));
        session.send_line(passphrase).expect("type the passphrase");
    }
    let rest = session.exp_eof().expect("the program ends");
    let status = session.process().wait().expect("exit status");
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}: {rest}");
}

/// `ketalog ARGS` on the scratch journal, for a pseudo-terminal (no stdin redirection).
fn ketalog_on_tty(s: &Scratch, args: &[&str]) -> Command {
    let mut cmd = Command::new(ketalog_bin());
    cmd.arg("--vault")
        .arg(s.vault())
        .args(args)
        .env("KETALOG_PASSPHRASE", PASSPHRASE)
        .env_remove("KETALOG_BACKUP_PASSPHRASE")
        .env_remove("KETALOG_VAULT");
    cmd
}

/// The data document in `file`, without its export time.
fn document_in(file: &Path) -> Value {
    let mut doc: Value = serde_json::from_slice(&std::fs::read(file).unwrap()).expect("a JSON document");
    assert_eq!(doc["format"], "ketalog-data");
    assert_eq!(doc["version"], 1);
    doc.as_object_mut().unwrap().remove("exported_at");
    doc
}

#[test]
fn a_passphrase_backup_typed_at_the_prompt_decrypts_with_age() {
    let s = demo_journal();
    let out = s.path("journal.age");
    // The backup passphrase is asked twice when typed.
    let export = ketalog_on_tty(&s, &["backup", "export", "--out", path_str(&out)]);
    answer_prompts(export, &["Backup passphrase", "Repeat it"], BACKUP_PASSPHRASE);
    let header = std::fs::read(&out).unwrap();
    assert!(header.starts_with(b"age-encryption.org/v1\n-> scrypt "), "a passphrase (scrypt) backup");

    let plain = s.path("decrypted.json");
    let mut age = Command::new("age");
    age.args(["-d", "-o", path_str(&plain), path_str(&out)]);
    answer_prompts(age, &["Enter passphrase"], BACKUP_PASSPHRASE);
    assert_eq!(document_in(&plain), s.export());
}

#[test]
fn a_recipient_backup_decrypts_with_age_and_the_keygen_identity() {
    let s = demo_journal();
    let (key, public) = keygen(&s, "key.txt");
    let (_, second) = keygen(&s, "second.txt");
    let out = s.path("journal.age");
    let run = s.run(&["backup", "export", "--out", path_str(&out), "--recipient", &public, "--recipient", &second]);
    run.ok();
    assert!(run.stderr.contains("encrypted to 2 age keys"), "{}", run.stderr);
    let plain = s.path("decrypted.json");
    tool("age", &["-d", "-i", path_str(&key), "-o", path_str(&plain), path_str(&out)]);
    assert_eq!(document_in(&plain), s.export());
}

#[test]
fn documents_that_age_encrypted_to_a_key_restore_binary_and_armored() {
    let source = demo_journal();
    let document = source.path("doc.json");
    source.run(&["export", "--json", "--out", path_str(&document)]).ok();
    let (key, public) = keygen(&source, "key.txt");
    for (name, armor) in [("doc.age", false), ("doc.age.asc", true)] {
        let sealed = source.path(name);
        let mut args = vec!["-r", &public, "-o", path_str(&sealed)];
        if armor {
            args.push("-a");
        }
        args.push(path_str(&document));
        tool("age", &args);

        let shown = source.run(&["backup", "show", path_str(&sealed), "--identity", path_str(&key)]);
        assert!(shown.ok().contains("Records from 2025-07-01 to 2026-06-30"), "{}", shown.stdout);
        assert!(shown.stdout.contains("18 sessions, 331 check-ins"), "{}", shown.stdout);

        let target = Scratch::init();
        let run = target.run(&["backup", "import", path_str(&sealed), "--identity", path_str(&key), "--take-profile"]);
        run.ok();
        assert!(run.stderr.contains("(771 in all)"), "the preview comes first: {}", run.stderr);
        assert!(run.stderr.contains("771 added, 0 updated, 0 unchanged"), "{}", run.stderr);
        assert_eq!(target.export(), source.export(), "{name}");
        let again = target.run(&["backup", "import", path_str(&sealed), "--identity", path_str(&key)]);
        assert!(again.ok().is_empty());
        assert!(again.stderr.contains("0 added, 0 updated, 771 unchanged"), "restoring twice changes nothing");
        assert_eq!(target.export(), source.export());
    }
}

#[test]
fn a_document_that_age_encrypted_with_a_passphrase_restores() {
    let source = demo_journal();
    let document = source.path("doc.json");
    source.run(&["export", "--json", "--out", path_str(&document)]).ok();
    let sealed = source.path("doc.age");
    let mut age = Command::new("age");
    age.args(["-p", "-o", path_str(&sealed), path_str(&document)]);
    answer_prompts(age, &["Enter passphrase", "Confirm passphrase"], BACKUP_PASSPHRASE);

    let target = Scratch::init();
    let run = target.run_env(
        &["backup", "import", path_str(&sealed), "--take-profile"],
        &[("KETALOG_BACKUP_PASSPHRASE", BACKUP_PASSPHRASE)],
    );
    run.ok();
    assert!(run.stderr.contains("771 added"), "{}", run.stderr);
    assert_eq!(target.export(), source.export());
}

/// A backup that `backup import` must refuse, and how.
struct Refusal<'a> {
    what: &'a str,
    file: &'a Path,
    args: Vec<String>,
    env: Vec<(&'a str, &'a str)>,
    code: i32,
    says: &'a str,
}

/// Each refusal exits with its code, says one line, and changes nothing.
#[test]
fn refusals_exit_with_their_codes_and_leave_the_journal_as_it_was() {
    let source = demo_journal();
    let (key, public) = keygen(&source, "key.txt");
    let (stranger, _) = keygen(&source, "stranger.txt");
    let backup = source.path("b.age");
    source.run(&["backup", "export", "--out", path_str(&backup), "--recipient", &public]).ok();
    let bytes = std::fs::read(&backup).unwrap();
    assert!(bytes.len() > 3 * ENCRYPTED_CHUNK);

    let target = Scratch::init();
    target.import_text("valid.json", VALID).ok();
    let before = target.export();

    let truncated = source.path("truncated.age");
    let header_end = bytes.windows(5).position(|w| w == b"\n--- ").unwrap() + 1;
    let header_end = header_end + bytes[header_end..].iter().position(|&b| b == b'\n').unwrap() + 1;
    std::fs::write(&truncated, &bytes[..header_end + 16 + 2 * ENCRYPTED_CHUNK]).unwrap();
    let flipped = source.path("flipped.age");
    let mut altered = bytes.clone();
    altered[bytes.len() / 2] ^= 0x10;
    std::fs::write(&flipped, altered).unwrap();
    let plain = source.path("plain.json");
    source.run(&["export", "--json", "--out", path_str(&plain)]).ok();
    let seal = |name: &str, text: String| {
        let doc = source.write(&format!("{name}.json"), &text);
        let sealed = source.path(&format!("{name}.age"));
        tool("age", &["-r", &public, "-o", path_str(&sealed), path_str(&doc)]);
        sealed
    };
    let newer = seal("newer", VALID.replacen("\"version\": 1", "\"version\": 2", 1));
    let invalid = seal("invalid", VALID.replacen("\"dose_mg\": 100", "\"dose_mg\": -5", 1));
    let passphrase_backup = source.path("p.age");
    source
        .run_env(
            &["backup", "export", "--out", path_str(&passphrase_backup)],
            &[("KETALOG_BACKUP_PASSPHRASE", BACKUP_PASSPHRASE)],
        )
        .ok();

    let id = |p: &Path| vec!["--identity".to_owned(), path_str(p).to_owned()];
    let env = |value| vec![("KETALOG_BACKUP_PASSPHRASE", value)];
    let cases = [
        Refusal {
            what: "no identity",
            file: &backup,
            args: vec![],
            env: vec![],
            code: 2,
            says: "identity file (AGE-SECRET-KEY-1...) to open it with --identity KEYFILE",
        },
        Refusal {
            what: "another key",
            file: &backup,
            args: id(&stranger),
            env: vec![],
            code: 2,
            says: "none of the given identities opens this backup",
        },
        Refusal {
            what: "truncated",
            file: &truncated,
            args: id(&key),
            env: vec![],
            code: 3,
            says: "damaged (cut short or altered): it ends early",
        },
        Refusal {
            what: "one bit flipped",
            file: &flipped,
            args: id(&key),
            env: vec![],
            code: 3,
            says: "damaged (cut short or altered)",
        },
        Refusal {
            what: "not age",
            file: &plain,
            args: id(&key),
            env: vec![],
            code: 3,
            says: "not an age-encrypted backup",
        },
        Refusal {
            what: "newer version",
            file: &newer,
            args: id(&key),
            env: vec![],
            code: 1,
            says: "version 2, newer than this Ketalog",
        },
        Refusal {
            what: "invalid content",
            file: &invalid,
            args: id(&key),
            env: vec![],
            code: 1,
            says: "Session 1 in the file: the dose must be more than 0 mg, not -5.",
        },
        Refusal {
            what: "no backup passphrase",
            file: &passphrase_backup,
            args: vec![],
            env: vec![],
            code: 2,
            says: "locked with a backup passphrase: give that passphrase to open it (set KETALOG_BACKUP_PASSPHRASE",
        },
        Refusal {
            what: "identity for a passphrase backup",
            file: &passphrase_backup,
            args: id(&key),
            env: vec![],
            code: 2,
            says: "locked with a backup passphrase",
        },
        Refusal {
            what: "wrong backup passphrase",
            file: &passphrase_backup,
            args: vec![],
            env: env("quiet orchard lantern 20"),
            code: 2,
            says: "wrong backup passphrase",
        },
    ];
    for case in cases {
        for replace in [false, true] {
            let mut args = vec!["backup".to_owned(), "import".to_owned(), path_str(case.file).to_owned()];
            args.extend(case.args.iter().cloned());
            if replace {
                args.push("--replace".into());
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let run = target.run_env(&args, &case.env);
            let message = run.fails_with(case.code);
            assert!(message.contains(case.says), "{}: {message}", case.what);
        }
    }
    // A diary day of the backup falls on a day the journal already has.
    let conflict = target.run(&["backup", "import", path_str(&backup), "--identity", path_str(&key)]);
    assert_eq!(conflict.code, 1, "{}", conflict.stderr);
    let last = conflict.stderr.trim_end().lines().last().unwrap_or_default();
    assert!(last.contains("already has a diary entry in this journal"), "{}", conflict.stderr);
    assert_eq!(target.export(), before, "the journal is exactly as it was");
}

#[test]
fn export_arguments_are_checked_before_anything_is_asked_or_written() {
    let s = demo_journal();
    let out = s.path("b.age");
    let run = s.run(&["backup", "export", "--out", path_str(&out), "--recipient", "age1notakey"]);
    assert!(run.fails_with(1).contains("invalid age recipient \"age1notakey\""), "{}", run.stderr);
    let run = s.run(&["backup", "export", "--out", path_str(&out)]);
    assert!(run.fails_with(2).contains("KETALOG_BACKUP_PASSPHRASE"), "{}", run.stderr);
    let elsewhere = Scratch::new();
    let run = elsewhere.run(&["backup", "import", path_str(&out)]);
    assert!(run.fails_with(1).contains("create one with `ketalog init`"), "{}", run.stderr);
    assert!(!out.exists());
    let run =
        s.run(&["backup", "export", "--out", path_str(&s.path("missing/b.age")), "--recipient", &keygen(&s, "k").1]);
    assert!(run.fails_with(1).contains("missing"), "{}", run.stderr);
}

/// Copies a closed journal (database and key file) to another scratch folder.
fn copy_journal(from: &Scratch, to: &Scratch) {
    let dir = to.vault().parent().unwrap().to_owned();
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(from.vault().parent().unwrap()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
}

/// What the restore-under-kill tests start from.
struct KillSetup {
    /// The journal the backup was made from (kept for its folder).
    _source: Scratch,
    /// The age identity that opens the backup.
    key: PathBuf,
    /// A backup of the sample year ending 30 June 2026, to an age key (no
    /// scrypt: the run is short and the kills spread over the restore itself).
    backup: PathBuf,
    /// A journal holding an earlier sample year: the same record ids with
    /// other content, so a merge updates every record and a replace
    /// rewrites them all.
    template: Scratch,
    /// The template's export.
    before: Value,
}

impl KillSetup {
    fn new() -> Self {
        let source = demo_journal();
        let (key, public) = keygen(&source, "key.txt");
        let backup = source.path("b.age");
        source.run(&["backup", "export", "--out", path_str(&backup), "--recipient", &public]).ok();
        let template = Scratch::new();
        template.run(&["demo", "--until", "2024-03-31"]).ok();
        let before = template.export();
        Self { _source: source, key, backup, template, before }
    }
}

/// `backup import` killed (SIGKILL) at moments spread over its run, the
/// transaction's included: afterwards the journal is either exactly as
/// before or exactly as after a complete restore.
#[test]
fn a_restore_killed_at_any_moment_leaves_the_journal_old_or_new() {
    let KillSetup { _source, key, backup, template, before } = KillSetup::new();

    for mode in [&[][..], &["--replace"][..]] {
        let mut args = vec!["backup", "import", path_str(&backup), "--identity", path_str(&key)];
        args.extend(mode);
        let tally = kill_sweep(
            &before,
            || {
                let trial = Scratch::new();
                copy_journal(&template, &trial);
                let command = trial.command(&args);
                (trial, command)
            },
            |_, _, _| {},
        );
        eprintln!("{mode:?}: {} kills left the old journal, {} the new", tally.old, tally.new);
    }
}

#[test]
fn a_killed_export_never_leaves_a_partial_backup_under_its_name() {
    let s = demo_journal();
    let (key, public) = keygen(&s, "key.txt");
    let out = s.path("b.age");
    for i in 0..8u32 {
        let mut child = s
            .command(&["backup", "export", "--out", path_str(&out), "--recipient", &public])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(20 * u64::from(i)));
        child.kill().ok();
        child.wait().unwrap();
        if out.exists() {
            // Whatever is there is a whole backup.
            let shown = s.run(&["backup", "show", path_str(&out), "--identity", path_str(&key)]);
            assert!(shown.ok().contains("(771 in all)"), "kill {i}: {}", shown.stderr);
        }
    }
    s.run(&["backup", "export", "--out", path_str(&out), "--recipient", &public]).ok();
    assert!(s.run(&["backup", "show", path_str(&out), "--identity", path_str(&key)]).ok().contains("(771 in all)"));
}

#[test]
fn plain_exports_warn_that_they_are_not_encrypted_and_backups_do_not() {
    let s = Scratch::init();
    s.import_text("doc.json", VALID).ok();
    let to_stdout = s.run(&["export", "--json"]);
    assert!(to_stdout.ok().starts_with('{'), "standard output stays the document");
    assert!(to_stdout.stderr.contains("NOT encrypted"), "{}", to_stdout.stderr);
    let to_file = s.run(&["export", "--json", "--out", path_str(&s.path("plain.json"))]);
    to_file.ok();
    assert!(to_file.stderr.contains("NOT encrypted"), "{}", to_file.stderr);
    let csv = s.run(&["export", "--csv", path_str(&s.path("csv"))]);
    csv.ok();
    assert!(csv.stderr.contains("NOT encrypted"), "{}", csv.stderr);
    let (_, public) = keygen(&s, "key.txt");
    let backup = s.run(&["backup", "export", "--out", path_str(&s.path("b.age")), "--recipient", &public]);
    backup.ok();
    assert!(!backup.stderr.contains("NOT encrypted"), "{}", backup.stderr);
}

#[test]
fn a_damaged_journal_is_set_aside_and_the_backup_restored_as_a_new_journal() {
    let source = demo_journal();
    let sealed = source.path("journal.age");
    let backup_env = [("KETALOG_BACKUP_PASSPHRASE", BACKUP_PASSPHRASE)];
    source.run_env(&["backup", "export", "--out", path_str(&sealed)], &backup_env).ok();

    let target = demo_journal();
    let db = target.vault();
    let mut bytes = std::fs::read(&db).unwrap();
    for page in bytes.chunks_mut(4096) {
        page[300] ^= 0x5a;
    }
    std::fs::write(&db, &bytes).unwrap();
    target.run(&["export", "--json"]).fails_with(3);

    let args = ["backup", "import", path_str(&sealed), "--as-new-journal"];
    let said = target.run_env(&args, &backup_env).fails_with(2).to_owned();
    assert!(said.contains("KETALOG_NEW_PASSPHRASE"), "{said}");
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "nothing was touched without a new passphrase");
    assert_eq!(target.run_env(&[&args[..], &["--replace"]].concat(), &backup_env).code, 1, "--replace conflicts");

    let new =
        [("KETALOG_BACKUP_PASSPHRASE", BACKUP_PASSPHRASE), ("KETALOG_NEW_PASSPHRASE", "a fresh start passphrase")];
    let run = target.run_env(&args, &new);
    run.ok();
    let folder =
        run.stderr.lines().find_map(|l| l.strip_prefix("The earlier journal's files are kept, unchanged, in "));
    let folder = PathBuf::from(folder.and_then(|f| f.strip_suffix('.')).expect(&run.stderr));
    assert_eq!(std::fs::read(folder.join("journal.db")).unwrap(), bytes, "the damaged journal is kept as it was");
    assert!(folder.join("journal.db.key").exists());

    target.run(&["export", "--json"]).fails_with(2);
    let restored = target.run_env(&["export", "--json"], &[("KETALOG_PASSPHRASE", "a fresh start passphrase")]);
    let mut restored: Value = serde_json::from_str(restored.ok()).unwrap();
    restored.as_object_mut().unwrap().remove("exported_at");
    assert_eq!(restored, source.export());
}

/// Where the old journal's files may be after an interrupted start-over:
/// the journal's folder and each `set-aside-…` folder in it.
fn journal_folders(s: &Scratch) -> Vec<PathBuf> {
    let dir = s.vault().parent().unwrap().to_owned();
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("set-aside-"))
        .collect();
    folders.push(dir);
    folders
}

/// `backup import --as-new-journal` killed at moments spread over its run:
/// afterwards the old journal still opens as it was, or the new one opens
/// with exactly the backup, or (between the two) neither opens and running
/// the restore again finishes it. The old journal's files are never lost:
/// each is somewhere, byte for byte.
#[test]
fn a_start_over_killed_at_any_moment_loses_nothing() {
    let KillSetup { _source, key, backup, template, before } = KillSetup::new();
    let old_files: Vec<(String, Vec<u8>)> = ["journal.db", "journal.db.key"]
        .iter()
        .map(|name| (name.to_string(), std::fs::read(template.vault().with_file_name(name)).unwrap()))
        .collect();

    let args = ["backup", "import", path_str(&backup), "--identity", path_str(&key), "--as-new-journal"];
    let new_passphrase = [("KETALOG_NEW_PASSPHRASE", "a fresh start passphrase")];
    let opened_with_new = [("KETALOG_PASSPHRASE", "a fresh start passphrase")];
    let complete = Scratch::new();
    copy_journal(&template, &complete);
    let started = Instant::now();
    complete.run_env(&args, &new_passphrase).ok();
    let length = started.elapsed();
    let after = complete.run_env(&["export", "--json"], &opened_with_new);
    let after: Value = serde_json::from_str(after.ok()).unwrap();
    let without_time = |mut doc: Value| {
        doc.as_object_mut().unwrap().remove("exported_at");
        doc
    };
    let after = without_time(after);

    let (mut old, mut new, mut between) = (0, 0, 0);
    let fractions = [0.05, 0.2, 0.35, 0.5, 0.6, 0.7, 0.78, 0.85, 0.9, 0.94, 0.97, 0.99, 1.05, 1.5, 3.0];
    for (i, fraction) in fractions.into_iter().enumerate() {
        let moment = length.mul_f64(fraction);
        let trial = Scratch::new();
        copy_journal(&template, &trial);
        let mut command = trial.command(&args);
        command.envs(new_passphrase).stdout(Stdio::null()).stderr(Stdio::null());
        let mut child = command.spawn().unwrap();
        std::thread::sleep(moment);
        child.kill().ok(); // SIGKILL; an error only means it had already finished.
        child.wait().unwrap();

        for (name, bytes) in &old_files {
            let kept = journal_folders(&trial).iter().any(|f| std::fs::read(f.join(name)).is_ok_and(|b| &b == bytes));
            assert!(kept, "kill {i} at {moment:?}: the old {name} is lost");
        }
        let with_new = trial.run_env(&["export", "--json"], &opened_with_new);
        if with_new.code == 0 {
            assert_eq!(without_time(serde_json::from_str(&with_new.stdout).unwrap()), after, "kill {i}");
            new += 1;
        } else if trial.run(&["export", "--json"]).code == 0 {
            assert_eq!(trial.export(), before, "kill {i}: the old journal opens, changed");
            old += 1;
        } else {
            trial.run_env(&args, &new_passphrase).ok();
            let finished = trial.run_env(&["export", "--json"], &opened_with_new);
            assert_eq!(without_time(serde_json::from_str(finished.ok()).unwrap()), after, "kill {i}: run again");
            between += 1;
        }
    }
    assert!(old > 0 && new > 0, "the kills spanned the run: {old} old, {between} between, {new} new");
    eprintln!("{old} kills left the old journal, {between} neither (finished by running again), {new} the new");
}
