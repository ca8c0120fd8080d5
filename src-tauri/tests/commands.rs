//! The commands over IPC, on Tauri's mock runtime: the same handler, state
//! and JSON the real app uses, without a window system.

use std::path::Path;

use ketalog_app::state::{AppState, FileChoice};
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

const PASSPHRASE: &str = "correct horse battery";

struct Harness {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

impl Harness {
    fn new(dir: &Path) -> Self {
        Self::with_files(dir, &dir.join("files"))
    }

    /// An app whose file dialogs are replaced by names in `files`.
    fn with_files(dir: &Path, files: &Path) -> Self {
        let state = AppState::new(dir.join("journal.db"), FileChoice::Folder(files.to_owned()));
        std::fs::create_dir_all(files).expect("a scratch folder");
        // The real context: the capability file's permissions apply, as in the app.
        let app =
            ketalog_app::configure(mock_builder(), state).build(tauri::generate_context!()).expect("the app builds");
        let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("a window");
        Self { _app: app, window }
    }

    /// Invokes `cmd` with `args` from the app's own page: Ok(result) or
    /// Err(the IPC error as JSON).
    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        self.call_from("tauri://localhost", cmd, args)
    }

    fn call_from(&self, url: &str, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: url.parse().expect("a URL"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.window, request).map(|body| body.deserialize::<Value>().expect("a JSON result"))
    }

    fn error_code(&self, cmd: &str, args: Value) -> String {
        let err = self.call(cmd, args).expect_err(cmd);
        err["code"].as_str().expect("an error code").to_owned()
    }
}

fn profile() -> Value {
    json!({
        "display_name": "Sam",
        "weight_kg": 70.0,
        "clinician": {"name": "Dr. Ada Okafor", "phone": "+1 555 0199", "email": ""},
        "crisis_line": {"label": "988 Suicide & Crisis Lifeline", "phone": "988", "text": "988", "emergency": "911"},
        "weight_unit": "kg",
        "treatment_plan": null,
        "auto_lock_minutes": null,
        "reminders": null
    })
}

fn session(id: &str, dose: f64) -> Value {
    json!({"kind": "session", "record": {
        "id": id, "started_at": "2026-03-01T10:00:00-05:00", "medication": "racemic-ketamine", "route": "iv",
        "dose_mg": dose, "doses": [], "weight_kg": null, "duration_min": 40, "setting": "clinic",
        "bp_pre": {"systolic": 128, "diastolic": 82}, "bp_post": null, "heart_rate_pre": null, "heart_rate_post": null,
        "dissociation": 4, "side_effects": ["Nausea"], "psychotic_symptoms": false, "co_medications": [],
        "intention": "", "reflection": "", "notes": "calm", "share_notes": false
    }})
}

const NIL: &str = "00000000-0000-0000-0000-000000000000";

/// How many records of the list `list` (`sessions`) a view's counts hold.
fn count(counts: &Value, list: &str) -> u64 {
    let counts = counts.as_array().expect("a list of counts");
    counts.iter().find(|c| c["list"] == list).map_or(0, |c| c["count"].as_u64().expect("a count"))
}

impl Harness {
    /// The sessions, newest first, each as stored (through history and record).
    fn sessions(&self) -> Vec<Value> {
        let page = self.call("history", json!({"query": {"kinds": ["session"]}})).expect("a page of history");
        let entries = page["entries"].as_array().expect("entries");
        entries
            .iter()
            .map(|e| self.call("record", json!({"id": e["id"]})).expect("the record")["record"].clone())
            .collect()
    }
}

#[test]
fn first_run_then_save_edit_delete_lock_and_unlock() {
    let dir = tempfile::tempdir().unwrap();
    let app = Harness::new(dir.path());

    let status = app.call("status", json!({})).unwrap();
    assert_eq!(status["journal_exists"], false);
    assert_eq!(status["files_by_name"], true);
    assert_eq!(app.error_code("load_overview", json!({})), "locked");
    assert_eq!(app.error_code("unlock", json!({"passphrase": PASSPHRASE})), "no_journal");

    assert_eq!(app.error_code("create_journal", json!({"passphrase": "short", "profile": profile()})), "invalid");
    let overview = app.call("create_journal", json!({"passphrase": PASSPHRASE, "profile": profile()})).unwrap();
    assert_eq!(overview["profile"]["display_name"], "Sam");
    assert_eq!(
        app.error_code("create_journal", json!({"passphrase": PASSPHRASE, "profile": profile()})),
        "already_exists"
    );

    let saved = app.call("save_record", json!({"record": session(NIL, 35.0)})).unwrap();
    let id = saved["record"]["record"]["id"].as_str().unwrap().to_owned();
    assert_ne!(id, NIL, "a new record gets a fresh id");
    assert_eq!(count(&saved["overview"]["counts"], "sessions"), 1);

    let edited = app.call("save_record", json!({"record": session(&id, 40.0)})).unwrap();
    assert_eq!(edited["record"]["record"]["id"], id.as_str());
    assert_eq!(edited["record"]["record"]["dose_mg"], 40.0, "the record as stored comes back");
    let sessions = app.sessions();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0]["dose_mg"], 40.0);

    let invalid = app.call("save_record", json!({"record": session(NIL, -5.0)})).unwrap_err();
    assert_eq!(invalid["code"], "invalid");
    assert_eq!(invalid["field"], "dose_mg");

    let after_delete = app.call("delete_record", json!({"id": id})).unwrap();
    assert_eq!(count(&after_delete["overview"]["counts"], "sessions"), 0);
    assert_eq!(after_delete["record"]["record"]["dose_mg"], 40.0, "the deleted record comes back, for undo");
    assert_eq!(app.error_code("delete_record", json!({"id": id})), "not_found");

    app.call("lock", json!({})).unwrap();
    assert_eq!(app.call("status", json!({})).unwrap()["unlocked"], false);
    assert_eq!(app.error_code("save_record", json!({"record": session(NIL, 35.0)})), "locked");
    assert_eq!(app.error_code("unlock", json!({"passphrase": "not the passphrase"})), "wrong_passphrase");
    let reopened = app.call("unlock", json!({"passphrase": PASSPHRASE})).unwrap();
    assert_eq!(reopened["profile"]["clinician"]["name"], "Dr. Ada Okafor");
}

#[test]
fn results_never_carry_the_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let app = Harness::new(dir.path());
    let created = app.call("create_journal", json!({"passphrase": PASSPHRASE, "profile": profile()})).unwrap();
    let unlocked = {
        app.call("lock", json!({})).unwrap();
        app.call("unlock", json!({"passphrase": PASSPHRASE})).unwrap()
    };
    for result in [created, unlocked, app.call("status", json!({})).unwrap()] {
        assert!(!result.to_string().contains(PASSPHRASE));
    }
}

#[test]
fn passphrase_change_checks_the_current_one() {
    let dir = tempfile::tempdir().unwrap();
    let app = Harness::new(dir.path());
    app.call("create_journal", json!({"passphrase": PASSPHRASE, "profile": profile()})).unwrap();
    assert_eq!(
        app.error_code(
            "change_passphrase",
            json!({"current": "wrong one!!", "new": "a brand new passphrase", "rekey": false})
        ),
        "wrong_passphrase"
    );
    assert_eq!(
        app.error_code("change_passphrase", json!({"current": PASSPHRASE, "new": "short", "rekey": false})),
        "invalid"
    );
    app.call("change_passphrase", json!({"current": PASSPHRASE, "new": "a brand new passphrase", "rekey": false}))
        .unwrap();
    app.call("lock", json!({})).unwrap();
    assert_eq!(app.error_code("unlock", json!({"passphrase": PASSPHRASE})), "wrong_passphrase");
    app.call("unlock", json!({"passphrase": "a brand new passphrase"})).unwrap();
}

#[test]
fn export_then_preview_and_merge_into_another_journal() {
    let dir = tempfile::tempdir().unwrap();
    let source = Harness::new(&dir.path().join("a"));
    source.call("create_journal", json!({"passphrase": PASSPHRASE, "profile": profile()})).unwrap();
    source.call("save_record", json!({"record": session(NIL, 35.0)})).unwrap();
    let written = source.call("export_json", json!({"name": "out.json"})).unwrap();
    let path = written["path"].as_str().unwrap();
    assert!(path.ends_with("out.json"));
    assert_eq!(source.error_code("export_json", json!({"name": "../escape.json"})), "invalid");

    let target = Harness::new(&dir.path().join("b"));
    target.call("create_journal", json!({"passphrase": PASSPHRASE, "profile": profile()})).unwrap();
    std::fs::copy(path, dir.path().join("b/files/in.json")).unwrap();
    assert_eq!(target.error_code("restore", json!({"mode": "merge", "take_profile": false})), "not_found");
    let preview = target.call("preview_document", json!({"name": "in.json"})).unwrap();
    assert_eq!(count(&preview["counts"], "sessions"), 1);
    let summary = target.call("restore", json!({"mode": "merge", "take_profile": false})).unwrap();
    assert_eq!(summary["added"], 1);
    let overview = target.call("load_overview", json!({})).unwrap();
    assert_eq!(count(&overview["counts"], "sessions"), 1);

    std::fs::write(dir.path().join("b/files/bad.json"), br#"{"format": "ketalog-data", "version": 99}"#).unwrap();
    assert_eq!(target.error_code("preview_document", json!({"name": "bad.json"})), "too_new");
}

#[test]
fn a_page_from_another_origin_may_call_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let app = Harness::new(dir.path());
    for cmd in ["status", "create_journal", "unlock", "export_json"] {
        let refused = app.call_from("https://example.com/", cmd, json!({})).unwrap_err();
        assert!(refused.to_string().contains("not allowed"), "{cmd}: {refused}");
    }
}

fn phq9(items: [u8; 9]) -> Value {
    json!({"kind": "phq9", "record": {"id": NIL, "at": "2026-03-01T20:00:00-05:00", "items": items, "difficulty": null}})
}

#[test]
fn a_phq9_with_item_9_above_0_prompts_at_once_until_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let app = Harness::new(dir.path());
    app.call("create_journal", json!({"passphrase": PASSPHRASE, "profile": profile()})).unwrap();

    let calm = app.call("save_record", json!({"record": phq9([0, 0, 0, 0, 0, 0, 0, 0, 0])})).unwrap();
    assert_eq!(calm["prompts"], json!([]));

    // Recorded a minute ago, so that the rules (as of now) see it as recent.
    let mut record = phq9([1, 1, 0, 0, 0, 0, 0, 0, 1]);
    let minute_ago = chrono::Local::now() - chrono::Duration::minutes(1);
    record["record"]["at"] = json!(minute_ago.format("%Y-%m-%dT%H:%M:%S%:z").to_string());
    let saved = app.call("save_record", json!({"record": record})).unwrap();
    let prompts = saved["prompts"].as_array().unwrap();
    assert_eq!(prompts.len(), 1, "{prompts:?}");
    assert_eq!(prompts[0]["rule"], "mood.self_harm");
    assert_eq!(prompts[0]["severity"], "crisis");
    assert!(prompts[0]["action"].as_str().unwrap().contains("988"));
    assert!(prompts[0]["evidence"].as_array().unwrap().contains(&saved["record"]["record"]["id"]));
    let alert_id = prompts[0]["id"].as_str().unwrap().to_owned();
    assert!(saved["overview"]["alerts"].as_array().unwrap().iter().any(|a| a["id"] == alert_id.as_str()));

    let after = app
        .call("acknowledge_alert", json!({"alert_id": alert_id, "note": "called Dr. Okafor", "share_note": false}))
        .unwrap();
    let alert = after["alerts"].as_array().unwrap().iter().find(|a| a["id"] == alert_id.as_str()).unwrap().clone();
    assert_eq!(alert["acknowledged"]["note"], "called Dr. Okafor");
}

#[test]
fn questionnaires_come_from_the_core() {
    let dir = tempfile::tempdir().unwrap();
    let app = Harness::new(dir.path());
    let all = app.call("questionnaires", json!({})).unwrap();
    let kinds: Vec<&str> = all.as_array().unwrap().iter().map(|q| q["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["phq9", "gad7", "icsi", "icpi"]);
}

#[test]
fn an_encrypted_backup_restores_into_a_fresh_journal_and_refuses_a_wrong_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let source = Harness::new(&dir.path().join("a"));
    source.call("create_journal", json!({"passphrase": PASSPHRASE, "profile": profile()})).unwrap();
    source.call("save_record", json!({"record": session(NIL, 35.0)})).unwrap();
    assert_eq!(
        source.error_code("export_backup", json!({"name": "b.age", "passphrase": "short"})),
        "invalid",
        "a backup passphrase is held to the same minimum"
    );
    let written =
        source.call("export_backup", json!({"name": "b.age", "passphrase": "backup passphrase here"})).unwrap();
    assert_eq!(written["records"], 1);
    let bytes = std::fs::read(written["path"].as_str().unwrap()).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"));

    let target = Harness::new(&dir.path().join("b"));
    target.call("create_journal", json!({"passphrase": PASSPHRASE, "profile": profile()})).unwrap();
    std::fs::write(dir.path().join("b/files/b.age"), &bytes).unwrap();
    assert_eq!(
        target.error_code("preview_backup", json!({"name": "b.age", "passphrase": "not the backup one"})),
        "wrong_passphrase"
    );
    assert_eq!(target.error_code("restore", json!({"mode": "merge", "take_profile": false})), "not_found");
    std::fs::write(dir.path().join("b/files/cut.age"), &bytes[..bytes.len() - 20]).unwrap();
    assert_eq!(
        target.error_code("preview_backup", json!({"name": "cut.age", "passphrase": "backup passphrase here"})),
        "damaged_file"
    );
    let preview =
        target.call("preview_backup", json!({"name": "b.age", "passphrase": "backup passphrase here"})).unwrap();
    assert_eq!(preview["encrypted"], true);
    assert_eq!(count(&preview["counts"], "sessions"), 1);
    assert_eq!(preview["first_day"], "2026-03-01");
    let summary = target.call("restore", json!({"mode": "replace", "take_profile": false})).unwrap();
    assert_eq!(summary["added"], 1);
    assert_eq!(target.sessions()[0]["dose_mg"], 35.0);
}

#[test]
fn a_backup_to_an_age_key_restores_with_its_identity_file() {
    use ketalog_core::backup::{self, BackupLock, x25519};
    use secrecy::ExposeSecret;

    let dir = tempfile::tempdir().unwrap();
    let app = Harness::new(dir.path());
    app.call("create_journal", json!({"passphrase": PASSPHRASE, "profile": profile()})).unwrap();
    let now = ketalog_core::Timestamp::parse("2026-11-21T12:00:00+01:00").unwrap();
    let source = ketalog_core::demo::journal(now.local_day());
    let mut vault =
        ketalog_core::Vault::create(&dir.path().join("source/journal.db"), &PASSPHRASE.to_owned().into()).unwrap();
    vault.import(&source, ketalog_core::ImportMode::Replace, now).unwrap();
    let identity = x25519::Identity::generate();
    let lock = BackupLock::Recipients(vec![identity.to_public()]);
    backup::export(&vault, &lock, &dir.path().join("files/k.age"), now).unwrap();
    std::fs::write(dir.path().join("files/key.txt"), identity.to_string().expose_secret()).unwrap();
    std::fs::write(dir.path().join("files/other.txt"), x25519::Identity::generate().to_string().expose_secret())
        .unwrap();

    let without = app.call("preview_backup", json!({"name": "k.age", "passphrase": ""})).unwrap_err();
    assert_eq!((without["code"].as_str(), without["field"].as_str()), (Some("invalid"), Some("identity")));
    let wrong = app.call("preview_backup", json!({"name": "k.age", "passphrase": "", "identity": "other.txt"}));
    assert!(wrong.unwrap_err()["message"].as_str().unwrap().contains("of the given identities opens"));
    let preview =
        app.call("preview_backup", json!({"name": "k.age", "passphrase": "", "identity": "key.txt"})).unwrap();
    assert_eq!(count(&preview["counts"], "sessions"), source.sessions.len() as u64);
    let summary = app.call("restore", json!({"mode": "replace", "take_profile": false})).unwrap();
    assert_eq!(
        summary["added"].as_u64().unwrap() as usize,
        source.sessions.len()
            + source.checkins.len()
            + source.phq9.len()
            + source.gad7.len()
            + source.icsi_icpi.len()
            + source.bladder.len()
    );
}

/// Flips one byte in every page of the database: nothing in it can be read.
fn damage(db: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(db).expect("the database");
    for page in bytes.chunks_mut(4096) {
        page[200] ^= 0x5a;
    }
    std::fs::write(db, &bytes).expect("the database");
    bytes
}

#[test]
fn a_damaged_journal_is_set_aside_and_restored_from_a_backup_while_locked() {
    let dir = tempfile::tempdir().unwrap();
    let source = Harness::new(&dir.path().join("a"));
    source.call("create_journal", json!({"passphrase": PASSPHRASE, "profile": profile()})).unwrap();
    source.call("save_record", json!({"record": session(NIL, 35.0)})).unwrap();
    let written =
        source.call("export_backup", json!({"name": "b.age", "passphrase": "backup passphrase here"})).unwrap();

    let app = Harness::new(&dir.path().join("b"));
    app.call("create_journal", json!({"passphrase": PASSPHRASE, "profile": profile()})).unwrap();
    app.call("save_record", json!({"record": session(NIL, 50.0)})).unwrap();
    app.call("lock", json!({})).unwrap();
    let damaged = damage(&dir.path().join("b/journal.db"));
    assert_eq!(app.error_code("unlock", json!({"passphrase": PASSPHRASE})), "corrupt");

    std::fs::copy(written["path"].as_str().unwrap(), dir.path().join("b/files/b.age")).unwrap();
    assert_eq!(app.error_code("restore_new_journal", json!({"passphrase": "new passphrase here"})), "not_found");
    let preview = app.call("preview_backup", json!({"name": "b.age", "passphrase": "backup passphrase here"})).unwrap();
    assert_eq!(count(&preview["counts"], "sessions"), 1, "a backup can be read while the journal is locked");
    assert_eq!(app.error_code("restore_new_journal", json!({"passphrase": "short"})), "invalid");
    let fresh = app.call("restore_new_journal", json!({"passphrase": "new passphrase here"})).unwrap();
    assert_eq!(count(&fresh["overview"]["counts"], "sessions"), 1);
    assert_eq!(app.sessions()[0]["dose_mg"], 35.0);
    assert_eq!(fresh["summary"]["added"], 1);
    let aside = Path::new(fresh["set_aside"].as_str().unwrap());
    assert_eq!(std::fs::read(aside.join("journal.db")).unwrap(), damaged, "the damaged journal is kept as it was");
    assert!(aside.join("journal.db.key").exists());

    app.call("preview_backup", json!({"name": "b.age", "passphrase": "backup passphrase here"})).unwrap();
    assert_eq!(
        app.error_code("restore_new_journal", json!({"passphrase": "new passphrase here"})),
        "invalid",
        "an open journal is never set aside"
    );
    app.call("lock", json!({})).unwrap();
    assert_eq!(app.error_code("unlock", json!({"passphrase": PASSPHRASE})), "wrong_passphrase");
    let reopened = app.call("unlock", json!({"passphrase": "new passphrase here"})).unwrap();
    assert_eq!(count(&reopened["counts"], "sessions"), 1);
}

#[test]
fn charts_and_the_pdf_summary_come_from_the_core() {
    let dir = tempfile::tempdir().unwrap();
    let app = Harness::new(dir.path());
    app.call("create_journal", json!({"passphrase": PASSPHRASE, "profile": profile()})).unwrap();
    app.call("save_record", json!({"record": session(NIL, 35.0)})).unwrap();

    let charts = app.call("charts", json!({"from": "2026-02-01", "to": "2026-03-31", "theme": "light"})).unwrap();
    let ids: Vec<&str> = charts.as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["phq9", "gad7", "checkins", "doses", "bladder", "blood-pressure"]);
    assert!(charts[3]["svg"].as_str().unwrap().starts_with("<svg"));
    // A trend chart's table comes when it is opened, not with the chart.
    assert_eq!(charts[3]["table_rows"], 1);
    assert!(charts[3]["table"].is_null());
    let table = app.call("chart_table", json!({"chart": "doses", "from": "2026-02-01", "to": "2026-03-31"})).unwrap();
    assert_eq!(table["rows"].as_array().unwrap().len(), 1);
    assert!(table["rows"].to_string().contains("35"));
    assert_eq!(table["columns"][0], "Date");
    let unknown = json!({"chart": "weather", "from": "2026-02-01", "to": "2026-03-31"});
    assert_eq!(app.error_code("chart_table", unknown), "invalid");
    // The app's dark theme gets dark charts: the same data on another card.
    let dark = app.call("charts", json!({"from": "2026-02-01", "to": "2026-03-31", "theme": "dark"})).unwrap();
    assert_ne!(dark[3]["svg"], charts[3]["svg"]);
    assert_eq!(dark[3]["table_rows"], charts[3]["table_rows"]);
    let backwards =
        app.call("charts", json!({"from": "2026-03-31", "to": "2026-02-01", "theme": "light"})).unwrap_err();
    assert_eq!(backwards["code"], "invalid");

    let all = ["summary", "charts", "sessions", "questionnaires", "bladder", "alerts", "notes"];
    let args = json!({"name": "s.pdf", "from": "2026-02-01", "to": "2026-03-31", "sections": all, "paper": "letter"});
    let written = app.call("save_report", args).unwrap();
    let pdf = std::fs::read(written["path"].as_str().unwrap()).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let none = json!({"name": "s.pdf", "from": "2026-02-01", "to": "2026-03-31", "sections": [], "paper": "a4"});
    assert_eq!(app.error_code("save_report", none), "invalid");
}

#[test]
fn a_files_profile_is_shown_field_by_field_and_taken_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let app = Harness::new(dir.path());
    app.call("create_journal", json!({"passphrase": PASSPHRASE, "profile": profile()})).unwrap();
    let hostile = json!({"format": "ketalog-data", "version": 1, "profile": {
        "clinician": {"name": "Dr Evil", "phone": "+1 900 555 0199", "email": ""},
        "crisis_line": {"label": "Help", "phone": "+1 900 555 0100", "text": "", "emergency": "911"}
    }});
    std::fs::write(dir.path().join("files/profile.json"), hostile.to_string()).unwrap();

    let preview = app.call("preview_document", json!({"name": "profile.json"})).unwrap();
    let offered: Vec<(&str, &str)> = preview["profile_if_merged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["field"].as_str().unwrap(), c["incoming"].as_str().unwrap()))
        .collect();
    assert!(offered.contains(&("crisis_line.phone", "+1 900 555 0100")), "{offered:?}");
    assert!(offered.contains(&("clinician.name", "Dr Evil")), "{offered:?}");
    let summary = app.call("restore", json!({"mode": "merge", "take_profile": false})).unwrap();
    assert!(summary["profile_changes"].as_array().unwrap().is_empty());
    let kept = app.call("load_overview", json!({})).unwrap();
    assert_eq!(kept["profile"]["crisis_line"]["phone"], "988", "a merge keeps the crisis line");

    app.call("preview_document", json!({"name": "profile.json"})).unwrap();
    let summary = app.call("restore", json!({"mode": "merge", "take_profile": true})).unwrap();
    assert_eq!(summary["profile_changes"].as_array().unwrap().len(), offered.len());
    let taken = app.call("load_overview", json!({})).unwrap();
    assert_eq!(taken["profile"]["crisis_line"]["phone"], "+1 900 555 0100");
}

#[test]
fn re_encryption_keeps_the_journal_open_and_only_the_new_passphrase_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let app = Harness::new(dir.path());
    app.call("create_journal", json!({"passphrase": PASSPHRASE, "profile": profile()})).unwrap();
    app.call("save_record", json!({"record": session(NIL, 35.0)})).unwrap();
    let old_key = std::fs::read(dir.path().join("journal.db.key")).unwrap();
    let wrong = json!({"current": "not the passphrase", "new": "a brand new passphrase", "rekey": true});
    assert_eq!(app.error_code("change_passphrase", wrong), "wrong_passphrase");
    app.call("load_overview", json!({})).expect("a wrong current passphrase leaves the journal open");
    app.call("change_passphrase", json!({"current": PASSPHRASE, "new": "a brand new passphrase", "rekey": true}))
        .unwrap();
    let overview = app.call("load_overview", json!({})).expect("still open");
    assert_eq!(count(&overview["counts"], "sessions"), 1);
    app.call("lock", json!({})).unwrap();
    std::fs::write(dir.path().join("journal.db.key"), old_key).unwrap();
    assert_eq!(
        app.error_code("unlock", json!({"passphrase": PASSPHRASE})),
        "corrupt",
        "the old key no longer decrypts"
    );
}

/// What a save sends back does not grow with the journal: on ten years of
/// records, the answer to saving one check-in stays under 16 KiB.
#[test]
fn saving_a_check_in_on_a_ten_year_journal_answers_in_under_16_kib() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    let today = chrono::Local::now().date_naive();
    let years = ketalog_core::demo::journal_of_years(today, 10);
    let mut vault = ketalog_core::Vault::create(&db, &secrecy::SecretString::from(PASSPHRASE.to_owned())).unwrap();
    vault.import(&years, ketalog_core::ImportMode::Replace, ketalog_core::Timestamp::now_local()).unwrap();
    drop(vault);
    let app = Harness::new(dir.path());
    let unlocked = app.call("unlock", json!({"passphrase": PASSPHRASE})).unwrap();
    assert!(count(&unlocked["counts"], "checkins") > 3000, "ten years of check-ins");
    let checkin = json!({"kind": "checkin", "record": {
        "id": NIL, "at": ketalog_core::Timestamp::now_local(), "mood": 6, "anxiety": 3, "sleep_hours": 7.5,
        "energy": 5, "notes": "", "share_notes": false
    }});
    let saved = app.call("save_record", json!({"record": checkin})).unwrap();
    let bytes = serde_json::to_vec(&saved).unwrap().len();
    assert!(bytes < 16 * 1024, "the answer to one save is {bytes} bytes");
    assert!(saved["overview"]["today"].as_array().unwrap().iter().any(|e| e["kind"] == "checkin"));
}

#[test]
fn notifications_keep_a_schedule_beside_the_journal_only_while_on() {
    let dir = tempfile::tempdir().unwrap();
    let app = Harness::new(dir.path());
    let schedule = dir.path().join("journal.db.schedule");
    let overview = app.call("create_journal", json!({"passphrase": PASSPHRASE, "profile": profile()})).unwrap();
    assert!(!schedule.exists(), "notifications are off by default");
    assert_eq!(app.error_code("snooze_reminder", json!({"kind": "questionnaire", "length": "hour"})), "invalid");

    let mut on = overview["profile"].clone();
    on["reminders"] = json!({"notifications": true, "checkin_time": "07:15", "questionnaire_days": 7});
    let saved = app.call("save_profile", json!({"profile": on})).unwrap();
    assert_eq!(saved["profile"]["reminders"]["checkin_time"], "07:15");
    // The dose as it would be written ("37.5"), a string no time in the file can hold.
    app.call("save_record", json!({"record": session(NIL, 37.5)})).unwrap();
    let text = std::fs::read_to_string(&schedule).expect("the schedule is written");
    let file: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(file["format"], "ketalog-schedule");
    let notices = file["notices"].as_array().unwrap();
    assert!(notices.iter().any(|n| n["kind"] == "check_in" && n["at"].as_str().unwrap().contains("T07:15:00")));
    for word in ["37.5", "racemic", "calm", "Sam", "Okafor", "Nausea"] {
        assert!(!text.contains(word), "{word} in the schedule");
    }

    app.call("snooze_reminder", json!({"kind": "questionnaire", "length": "tomorrow"})).unwrap();
    let file: Value = serde_json::from_str(&std::fs::read_to_string(&schedule).unwrap()).unwrap();
    assert_eq!(file["snoozes"][0]["kind"], "questionnaire");
    assert_eq!(app.call("take_last_notice", json!({})).unwrap(), Value::Null);

    app.call("lock", json!({})).unwrap();
    assert_eq!(app.error_code("take_last_notice", json!({})), "locked");
    assert!(schedule.exists(), "the notifier needs it while locked");
    let mut off = on.clone();
    off["reminders"]["notifications"] = json!(false);
    app.call("unlock", json!({"passphrase": PASSPHRASE})).unwrap();
    app.call("save_profile", json!({"profile": off})).unwrap();
    assert!(!schedule.exists(), "turned off: nothing is kept outside the journal");

    let mut bad = on;
    bad["reminders"]["questionnaire_days"] = json!(10);
    let err = app.call("save_profile", json!({"profile": bad})).unwrap_err();
    assert_eq!(err["code"], "invalid");
    assert_eq!(err["field"], "profile.reminders.questionnaire_days");
}

#[test]
fn the_crisis_line_directory_answers_before_there_is_a_journal() {
    let dir = tempfile::tempdir().unwrap();
    let app = Harness::new(dir.path());
    // Setup needs it: no journal yet, nothing unlocked.
    let gb = app.call("crisis_lines", json!({"locale": "en-GB"})).unwrap();
    assert_eq!(gb["suggested"], "GB");
    let line = gb["countries"].as_array().unwrap().iter().find(|c| c["code"] == "GB").unwrap()["crisis_line"].clone();
    assert_eq!(
        (line["label"].as_str(), line["phone"].as_str(), line["emergency"].as_str()),
        (Some("Samaritans"), Some("116 123"), Some("999"))
    );
    let countries = gb["countries"].as_array().unwrap();
    assert!(countries.len() >= 26, "every country of the directory");
    assert!(countries.iter().all(|c| c["source"].as_str().is_some_and(|s| !s.is_empty())), "each with its source");
    for locale in ["en", "", "tlh-XX", "es-419"] {
        let none = app.call("crisis_lines", json!({"locale": locale})).unwrap();
        assert_eq!(none["suggested"], Value::Null, "{locale:?} names no known country");
        assert!(none["unknown_country"].as_str().unwrap().contains("type your local crisis line"));
    }

    // The line the picker filled is what the profile keeps.
    let mut chosen = profile();
    chosen["crisis_line"] = line.clone();
    let overview = app.call("create_journal", json!({"passphrase": PASSPHRASE, "profile": chosen})).unwrap();
    assert_eq!(overview["profile"]["crisis_line"], line);
}

#[test]
fn co_medication_names_and_the_guides_facts_come_from_the_core() {
    let dir = tempfile::tempdir().unwrap();
    let app = Harness::new(dir.path());
    let names = app.call("co_medication_names", json!({})).unwrap();
    let names = names.as_array().unwrap();
    for (name, what) in [("Xanax", "a benzodiazepine"), ("Lamictal", "lamotrigine"), ("pregabalin", "a gabapentinoid")]
    {
        assert!(
            names.iter().any(|n| n["name"].as_str().unwrap().eq_ignore_ascii_case(name) && n["what"] == what),
            "{name} is suggested as {what}"
        );
    }

    let guides = app.call("guides", json!({})).unwrap();
    let facts = guides["facts"].as_array().unwrap();
    for place in ["route", "after_session", "bladder", "spravato"] {
        assert!(facts.iter().any(|f| f["place"] == place), "a fact for {place}");
    }
    assert!(facts.iter().all(|f| f["source"].as_str().is_some_and(|s| !s.is_empty()) && f["checked"].is_string()));
    let oral = guides["routes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["medication"] == "racemic-ketamine" && r["route"] == "oral")
        .expect("oral ketamine has its fact");
    let text = facts.iter().find(|f| f["id"] == oral["fact"]).unwrap()["text"].as_str().unwrap();
    assert!(text.contains("about 17%"), "the estimate is filled in from the core: {text}");
    let driving = facts.iter().find(|f| f["id"] == "after_session.driving").unwrap()["text"].as_str().unwrap();
    assert!(driving.contains("24 hours") && !driving.contains('{'), "{driving}");
}

#[test]
fn the_fhir_export_holds_the_journal_without_private_notes() {
    let dir = tempfile::tempdir().unwrap();
    let app = Harness::new(dir.path());
    assert_eq!(app.error_code("export_fhir", json!({"name": "fhir.json", "from": null, "to": null})), "locked");
    app.call("create_journal", json!({"passphrase": PASSPHRASE, "profile": profile()})).unwrap();
    app.call("save_record", json!({"record": session(NIL, 35.0)})).unwrap();

    let written = app.call("export_fhir", json!({"name": "fhir.json", "from": null, "to": null})).unwrap();
    let text = std::fs::read_to_string(written["path"].as_str().unwrap()).unwrap();
    let bundle: Value = serde_json::from_str(&text).unwrap();
    assert_eq!((bundle["resourceType"].as_str(), bundle["type"].as_str()), (Some("Bundle"), Some("collection")));
    let types: Vec<&str> =
        bundle["entry"].as_array().unwrap().iter().map(|e| e["resource"]["resourceType"].as_str().unwrap()).collect();
    assert_eq!(written["resources"], types.len());
    assert_eq!(types.iter().filter(|&&t| t == "MedicationAdministration").count(), 1);
    assert!(types.contains(&"Observation"), "the blood pressure before the session");
    assert!(!text.contains("calm"), "the session's private note stays out");

    let outside = app.call("export_fhir", json!({"name": "april.json", "from": "2026-04-01", "to": "2026-04-30"}));
    let april: Value =
        serde_json::from_str(&std::fs::read_to_string(outside.unwrap()["path"].as_str().unwrap()).unwrap()).unwrap();
    assert!(
        april["entry"].as_array().unwrap().iter().all(|e| e["resource"]["resourceType"] != "MedicationAdministration"),
        "a March session is not in April's bundle"
    );
    // An open end reaches the first or the last record.
    let since = app.call("export_fhir", json!({"name": "since.json", "from": "2026-03-01", "to": null})).unwrap();
    let since: Value =
        serde_json::from_str(&std::fs::read_to_string(since["path"].as_str().unwrap()).unwrap()).unwrap();
    assert!(
        since["entry"].as_array().unwrap().iter().any(|e| e["resource"]["resourceType"] == "MedicationAdministration"),
        "the March session is in the bundle from 1 March on"
    );
    let reversed =
        app.call("export_fhir", json!({"name": "x.json", "from": "2026-03-10", "to": "2026-03-01"})).unwrap_err();
    assert_eq!((reversed["code"].as_str(), reversed["field"].as_str()), (Some("invalid"), Some("to")));
    assert_eq!(app.error_code("export_fhir", json!({"name": "../escape.json", "from": null, "to": null})), "invalid");
}

fn import_fixture(dir: &Path, name: &str) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/imports").join(name);
    std::fs::copy(fixture, dir.join("files").join(name)).expect("the fixture copies");
}

#[test]
fn an_import_from_another_app_is_previewed_then_written_once() {
    let dir = tempfile::tempdir().unwrap();
    let app = Harness::new(dir.path());
    app.call("create_journal", json!({"passphrase": PASSPHRASE, "profile": profile()})).unwrap();
    import_fixture(dir.path(), "daylio.csv");
    import_fixture(dir.path(), "psychonautwiki.json");
    let sources = app.call("import_sources", json!({})).unwrap();
    let apps: Vec<&str> = sources.as_array().unwrap().iter().map(|s| s["app"].as_str().unwrap()).collect();
    assert_eq!(apps, ["daylio", "emoods", "bearable", "psychonautwiki"]);
    assert_eq!(app.error_code("import_from_app", json!({})), "not_found", "nothing previewed yet");

    let preview = app.call("preview_import", json!({"from": "daylio", "name": "daylio.csv"})).unwrap();
    assert_eq!(preview["entries_read"], 6);
    assert_eq!(count(&preview["counts"], "checkins"), 6);
    assert_eq!((preview["first_day"].as_str(), preview["last_day"].as_str()), (Some("2026-02-28"), Some("2026-03-03")));
    let not_mapped = preview["not_mapped"].as_array().unwrap();
    assert!(not_mapped.iter().any(|n| n["what"] == "mood \"Refreshed\""), "{not_mapped:?}");
    assert!(not_mapped.iter().all(|n| !n["what"].as_str().unwrap().contains("activit")), "activities are tags");
    assert_eq!(app.sessions().len(), 0, "a preview writes nothing");

    let first = app.call("import_from_app", json!({})).unwrap();
    assert_eq!((first["added"].as_u64(), first["updated"].as_u64()), (Some(6), Some(0)));
    let tags = app.call("tags_in_use", json!({})).unwrap();
    assert_eq!(tags["tags"], json!(["friends", "good meal", "sleep early", "walk", "work"]), "the activities, as tags");
    let walked = app.call("history", json!({"query": {"tags": ["Walk"]}})).unwrap();
    assert_eq!(walked["total"], 1);
    assert_eq!(walked["entries"][0]["tags"], json!(["friends", "good meal", "walk"]));
    assert!(first["profile_changes"].as_array().unwrap().is_empty(), "an import never touches the profile");
    assert_eq!(app.error_code("import_from_app", json!({})), "not_found", "a preview is imported once");
    let preview = app.call("preview_import", json!({"from": "daylio", "name": "daylio.csv"})).unwrap();
    assert_eq!(preview["already_in_journal"], 6, "the same file again: {preview}");
    assert_eq!(count(&preview["counts"], "checkins"), 0);
    let again = app.call("import_from_app", json!({})).unwrap();
    assert_eq!((again["added"].as_u64(), again["updated"].as_u64()), (Some(0), Some(0)), "the same file again");

    // Another app's file: refused in the app's words, and the last preview is gone.
    app.call("preview_import", json!({"from": "psychonautwiki", "name": "psychonautwiki.json"})).unwrap();
    let wrong = app.call("preview_import", json!({"from": "bearable", "name": "daylio.csv"})).unwrap_err();
    assert_eq!(wrong["code"], "invalid");
    let message = wrong["message"].as_str().unwrap();
    assert!(message.contains("looks like a Daylio export") && message.contains("choose Daylio"), "{message}");
    assert!(!message.contains("--from"), "no command-line option in the app: {message}");
    assert_eq!(app.error_code("import_from_app", json!({})), "not_found");

    // Locking forgets a preview.
    app.call("preview_import", json!({"from": "psychonautwiki", "name": "psychonautwiki.json"})).unwrap();
    app.call("lock", json!({})).unwrap();
    assert_eq!(app.error_code("preview_import", json!({"from": "daylio", "name": "daylio.csv"})), "locked");
    app.call("unlock", json!({"passphrase": PASSPHRASE})).unwrap();
    assert_eq!(app.error_code("import_from_app", json!({})), "not_found");
    assert_eq!(app.sessions().len(), 0, "the PsychonautWiki sessions were never imported");
}

#[test]
fn two_journals_sync_through_one_folder_joining_with_the_sync_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared");
    let (a_home, b_home) = (dir.path().join("a"), dir.path().join("b"));
    std::fs::create_dir_all(&a_home).unwrap();
    std::fs::create_dir_all(&b_home).unwrap();
    let a = Harness::with_files(&a_home, &shared);
    let b = Harness::with_files(&b_home, &shared);
    for app in [&a, &b] {
        app.call("create_journal", json!({"passphrase": PASSPHRASE, "profile": profile()})).unwrap();
        let status = app.call("sync_status", json!({})).unwrap();
        assert_eq!((status["folder"].clone(), status["joined"].clone()), (Value::Null, json!(false)));
        assert_eq!(app.error_code("sync_now", json!({"passphrase": null})), "not_found");
    }
    a.call("save_record", json!({"record": session(NIL, 35.0)})).unwrap();

    // The first computer: a new folder asks for a new sync passphrase,
    // held to the journal's passphrase rule.
    let status = a.call("set_sync_folder", json!({"name": "sync"})).unwrap();
    assert!(status["folder"].as_str().unwrap().ends_with("sync"));
    assert_eq!(status["last"]["ok"], false);
    assert_eq!(status["last"]["needs"], "create");
    let short = a.call("sync_now", json!({"passphrase": "short"})).unwrap_err();
    assert_eq!((short["code"].as_str(), short["field"].as_str()), (Some("invalid"), Some("sync_passphrase")));
    let status = a.call("sync_now", json!({"passphrase": "our two computers"})).unwrap();
    assert_eq!((status["last"]["ok"].clone(), status["joined"].clone()), (json!(true), json!(true)));
    assert!(status["synced_at"].is_string());

    // The second joins with it: a wrong one is refused at its field.
    let status = b.call("set_sync_folder", json!({"name": "sync"})).unwrap();
    assert_eq!(status["last"]["needs"], "join");
    let wrong = b.call("sync_now", json!({"passphrase": "not our passphrase"})).unwrap_err();
    assert_eq!((wrong["code"].as_str(), wrong["field"].as_str()), (Some("wrong_passphrase"), Some("sync_passphrase")));
    let status = b.call("sync_now", json!({"passphrase": "our two computers"})).unwrap();
    assert_eq!(status["last"]["changed"], true);
    assert!(status["last"]["sentence"].as_str().unwrap().contains("1 record added"), "{status}");
    assert_eq!(b.sessions().len(), 1, "the session is in the journal held open");

    // Locking syncs first: a session saved on A reaches B without "sync now" on A.
    a.call("save_record", json!({"record": session(NIL, 50.0)})).unwrap();
    a.call("lock", json!({})).unwrap();
    let status = b.call("sync_now", json!({"passphrase": null})).unwrap();
    assert_eq!(status["last"]["changed"], true);
    assert_eq!(b.sessions().len(), 2);

    // Forgetting the folder keeps the records; syncing again needs a folder.
    let status = b.call("forget_sync_folder", json!({})).unwrap();
    assert_eq!(
        (status["folder"].clone(), status["joined"].clone(), status["last"].clone()),
        (Value::Null, json!(false), Value::Null)
    );
    assert_eq!(b.sessions().len(), 2);
    assert_eq!(b.error_code("sync_now", json!({"passphrase": null})), "not_found");
    // Nothing in the shared folder is readable: no dose, no name.
    for entry in std::fs::read_dir(shared.join("sync")).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(!String::from_utf8_lossy(&bytes).contains("Ada Okafor"));
    }
}

#[test]
fn a_missing_sync_folder_is_a_quiet_not_found_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let app = Harness::new(dir.path());
    app.call("create_journal", json!({"passphrase": PASSPHRASE, "profile": profile()})).unwrap();
    app.call("set_sync_folder", json!({"name": "stick"})).unwrap();
    app.call("sync_now", json!({"passphrase": "a passphrase for the stick"})).unwrap();
    app.call("save_record", json!({"record": session(NIL, 35.0)})).unwrap();
    std::fs::rename(dir.path().join("files/stick"), dir.path().join("files/elsewhere")).unwrap();
    assert_eq!(app.error_code("sync_now", json!({"passphrase": null})), "not_found");
    let status = app.call("sync_status", json!({})).unwrap();
    assert_eq!((status["last"]["ok"].clone(), status["last"]["code"].clone()), (json!(false), json!("not_found")));
    assert!(status["last"]["sentence"].as_str().unwrap().contains("does not exist"), "{status}");
    assert_eq!(app.sessions().len(), 1);
    // Locking with the folder gone still locks.
    app.call("lock", json!({})).unwrap();
    assert_eq!(app.call("status", json!({})).unwrap()["unlocked"], false);
}
