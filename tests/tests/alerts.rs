//! `ketalog alerts` end to end: import a plain data document, evaluate it as
//! of a moment, and compare the rule ids that fire.
//!
//! Each file in `tests/data/alerts/` is a data document (docs/DATA.md) with
//! one extra top-level field the importer ignores, `expect`: a list of
//! `{ "as_of": RFC 3339, "rules": [rule ids], "why": text }`. `rules` is the
//! exact set that must fire as of that moment; every other rule must not.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use ketalog_tests::Scratch;
use serde_json::Value;

fn scenario_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join("alerts");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the scenario folder")
        .map(|entry| entry.expect("a scenario file").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 8, "scenario files missing from {}", dir.display());
    files
}

fn alerts_json(scratch: &Scratch, as_of: &str) -> Vec<Value> {
    let run = scratch.run(&["alerts", "--as-of", as_of, "--json"]);
    let value: Value = serde_json::from_str(run.ok()).unwrap_or_else(|e| panic!("not JSON ({e}): {}", run.stdout));
    value.as_array().expect("a JSON array").clone()
}

fn rule_ids(alerts: &[Value]) -> BTreeSet<String> {
    alerts.iter().map(|a| a["rule"].as_str().expect("rule is a string").to_owned()).collect()
}

#[test]
fn every_scenario_raises_exactly_the_expected_rules() {
    let mut checked = 0;
    for file in scenario_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        let doc: Value = serde_json::from_str(&text).unwrap();
        let scratch = Scratch::init();
        scratch.run(&["import", file.to_str().unwrap()]).ok();
        let name = file.file_name().unwrap().to_string_lossy();
        for check in doc["expect"].as_array().expect("an expect list") {
            let as_of = check["as_of"].as_str().unwrap();
            let want: BTreeSet<String> =
                check["rules"].as_array().unwrap().iter().map(|r| r.as_str().unwrap().to_owned()).collect();
            let alerts = alerts_json(&scratch, as_of);
            assert_eq!(rule_ids(&alerts), want, "{name} as of {as_of}: {}", check["why"]);
            for alert in &alerts {
                for field in ["id", "rule", "severity", "title", "message", "action", "first_seen"] {
                    assert!(alert[field].is_string(), "{name}: {field} missing in {alert}");
                }
                assert!(!alert["evidence"].as_array().unwrap().is_empty(), "{name}: no evidence in {alert}");
                assert!(alert["acknowledged"].is_null());
            }
            checked += 1;
        }
    }
    assert!(checked >= 25, "only {checked} checks ran");
}

#[test]
fn the_crisis_prompt_carries_the_crisis_line_and_the_clinician() {
    let scratch = Scratch::init();
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/alerts/crisis-item9-low-total.json");
    // The file carries the clinician the prompt names.
    scratch.run(&["import", file.to_str().unwrap(), "--take-profile"]).ok();
    let alerts = alerts_json(&scratch, "2026-03-11T08:00:00-05:00");
    assert_eq!(alerts.len(), 1);
    let alert = &alerts[0];
    assert_eq!(alert["severity"], "crisis");
    let action = alert["action"].as_str().unwrap();
    assert!(action.contains("988") && action.contains("911") && action.contains("Dr. Lee at +1 555 0101"), "{action}");
    assert_eq!(alert["evidence"][0], "00000000-0000-4000-8000-000000000001");
}

#[test]
fn text_output_lists_alerts_with_the_disclaimer() {
    let scratch = Scratch::init();
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/alerts/bladder-blood-and-symptoms.json");
    scratch.run(&["import", file.to_str().unwrap()]).ok();
    let out = scratch.run(&["alerts", "--as-of", "2026-03-09T20:00:00-05:00"]).ok().to_owned();
    assert!(out.starts_with("2 alerts as of 2026-03-09T20:00:00-05:00."), "{out}");
    assert!(out.contains("URGENT: Blood in your urine [bladder.blood]"), "{out}");
    assert!(out.contains("You logged visible blood in your urine on 3 and 5 March."), "{out}");
    assert!(out.contains("ADVISE: Bladder symptoms on several days [bladder.persistent]"), "{out}");
    // The text is wrapped for the terminal; the disclaimer closes it.
    let flowing = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flowing.ends_with("Ketalog does not replace clinical advice: it shows what you logged. If you are worried about your health, contact your clinician; in an emergency, call your local emergency number."), "{out}");
    let quiet = scratch.run(&["alerts", "--as-of", "2026-04-30T12:00:00-05:00"]).ok().to_owned();
    assert!(quiet.starts_with("No alerts as of 2026-04-30T12:00:00-05:00."), "{quiet}");
}

#[test]
fn a_date_as_of_means_the_end_of_that_day_in_the_machine_zone() {
    let scratch = Scratch::init();
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/alerts/crisis-item9-low-total.json");
    // The file carries the clinician the prompt names.
    scratch.run(&["import", file.to_str().unwrap(), "--take-profile"]).ok();
    // The PHQ-9 was answered at 21:00 on 10 March in New York.
    // POSIX TZ rules, so that no time-zone database is needed.
    let ny = [("TZ", "EST5EDT,M3.2.0,M11.1.0")];
    let run = scratch.run_env(&["alerts", "--as-of", "2026-03-10", "--json"], &ny);
    let alerts: Value = serde_json::from_str(run.ok()).unwrap();
    assert_eq!(alerts[0]["rule"], "mood.self_harm");
    // In Tokyo, 10 March ends before it was answered (12:00 on 10 March in New York).
    let tokyo = [("TZ", "JST-9")];
    let run = scratch.run_env(&["alerts", "--as-of", "2026-03-10", "--json"], &tokyo);
    assert_eq!(serde_json::from_str::<Value>(run.ok()).unwrap(), Value::Array(Vec::new()));
    let text = scratch.run_env(&["alerts", "--as-of", "2026-03-10"], &ny).ok().to_owned();
    assert!(text.starts_with("1 alert as of 2026-03-10T23:59:59-04:00."), "{text}");
}

#[test]
fn a_bad_as_of_is_a_usage_error() {
    let scratch = Scratch::init();
    for bad in ["yesterday", "2026-02-30", "2026-03-10T12:00:00", ""] {
        let message = scratch.run(&["alerts", "--as-of", bad]).fails_with(1).to_owned();
        assert!(message.contains("--as-of"), "{message}");
    }
}

#[test]
fn acknowledgements_stick_until_new_evidence_arrives() {
    let scratch = Scratch::init();
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/alerts/bladder-blood-and-symptoms.json");
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let as_of = "2026-03-09T20:00:00-05:00";
    scratch.import_text("doc.json", &doc.to_string()).ok();
    let blood = alerts_json(&scratch, as_of).into_iter().find(|a| a["rule"] == "bladder.blood").unwrap();
    let id = blood["id"].as_str().unwrap().to_owned();

    // An acknowledgement in the document attaches to this occurrence.
    doc["acknowledgements"] = serde_json::json!([
        { "alert_id": id, "at": "2026-03-09T19:00:00-05:00", "note": "called the clinic, appointment Friday" }
    ]);
    scratch.import_text("doc.json", &doc.to_string()).ok();
    let acked = alerts_json(&scratch, as_of).into_iter().find(|a| a["rule"] == "bladder.blood").unwrap();
    assert_eq!(acked["id"], id.as_str());
    assert_eq!(acked["acknowledged"]["note"], "called the clinic, appointment Friday");
    assert_eq!(acked["acknowledged"]["at"], "2026-03-09T19:00:00-05:00");

    // Blood logged again on 10 March: a new occurrence, not acknowledged.
    let later = alerts_json(&scratch, "2026-03-10T20:00:00-05:00");
    let unchanged = later.iter().find(|a| a["rule"] == "bladder.blood").unwrap();
    assert_eq!(unchanged["id"], id.as_str(), "no new blood yet");
    doc["bladder"][9]["visible_blood"] = Value::Bool(true);
    scratch.import_text("doc.json", &doc.to_string()).ok();
    let fresh = alerts_json(&scratch, "2026-03-10T20:00:00-05:00");
    let fresh = fresh.iter().find(|a| a["rule"] == "bladder.blood").unwrap();
    assert_ne!(fresh["id"], id.as_str());
    assert!(fresh["acknowledged"].is_null());
    assert_eq!(fresh["evidence"].as_array().unwrap().len(), 3);
}

#[test]
fn alerts_ack_records_an_acknowledgement_for_a_current_alert() {
    let scratch = Scratch::init();
    // mood.worsening has no window, so it is current whatever the clock says.
    let doc = serde_json::json!({
        "format": "ketalog-data", "version": 1, "exported_at": "2025-01-20T12:00:00Z",
        "profile": {}, "sessions": [], "checkins": [], "gad7": [], "bladder": [], "acknowledgements": [],
        "phq9": [
            { "id": "00000000-0000-4000-8000-0000000000aa", "at": "2025-01-01T09:00:00Z", "items": [1, 1, 1, 1, 0, 0, 0, 0, 0] },
            { "id": "00000000-0000-4000-8000-0000000000bb", "at": "2025-01-15T09:00:00Z", "items": [2, 2, 1, 1, 1, 1, 1, 0, 0] }
        ]
    });
    scratch.import_text("doc.json", &doc.to_string()).ok();
    let now = scratch.run(&["alerts", "--json"]);
    let alerts: Value = serde_json::from_str(now.ok()).unwrap();
    assert_eq!(alerts[0]["rule"], "mood.worsening");
    let id = alerts[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(id, "mood.worsening:00000000-0000-4000-8000-0000000000aa+00000000-0000-4000-8000-0000000000bb");

    scratch.run(&["alerts", "ack", &id, "--note", "told Dr. Lee"]).ok();
    let after: Value = serde_json::from_str(scratch.run(&["alerts", "--json"]).ok()).unwrap();
    assert_eq!(after[0]["acknowledged"]["note"], "told Dr. Lee");
    let exported = scratch.export();
    assert_eq!(exported["acknowledgements"][0]["alert_id"], id.as_str());

    let message = scratch.run(&["alerts", "ack", "mood.worsening:nope"]).fails_with(1).to_owned();
    assert!(message.contains("no current alert"), "{message}");
}

#[test]
fn alerts_need_the_journal_and_its_passphrase() {
    let scratch = Scratch::new();
    let message = scratch.run(&["alerts"]).fails_with(1).to_owned();
    assert!(message.contains("ketalog init"), "{message}");
    let scratch = Scratch::init();
    let wrong = scratch.run_env(&["alerts", "--json"], &[("KETALOG_PASSPHRASE", "not the passphrase")]);
    wrong.fails_with(2);
    assert!(wrong.stdout.is_empty());
    assert_eq!(scratch.run(&["alerts", "--json"]).ok().trim(), "[]");
}
