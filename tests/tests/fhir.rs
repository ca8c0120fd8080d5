//! `ketalog export --fhir` end to end: the bundle of a fixture journal, the
//! sample year and the ten-year journal, each validated resource by resource
//! with the `fhir.resources` models of FHIR R4 (4.0.1), its resource counts
//! matched against the journal, every code checked against the table below,
//! times matched against the records with their offsets, and private notes
//! looked for in vain.
//!
//! Needs Python 3 with `fhir.resources` 6.4.0 (its default models are R4) on
//! pydantic 1: `pip install 'fhir.resources==6.4.0' 'pydantic>=1.10,<2'`.
//! The interpreter is `$KETALOG_FHIR_PYTHON`, else `python3`. The ten-year
//! journal comes from `ketalog-proof ten-year-vault` (build it with
//! `cargo build -p ketalog-proof`).

#![allow(clippy::unwrap_used, reason = "test helpers: a failed unwrap is a failed test")]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use ketalog_tests::{PASSPHRASE, Scratch, ketalog_bin};
use serde_json::Value;

const FIXTURE: &str = include_str!("../data/fhir-document.json");

/// Every coding the export may write: (system, code, the resource types it may appear in).
const CODES: &[(&str, &str, &[&str])] = &[
    // Questionnaires (LOINC): panels, totals, item 9, questions, answers.
    ("http://loinc.org", "44249-1", &["Observation"]),
    ("http://loinc.org", "44261-6", &["Observation"]),
    ("http://loinc.org", "44260-8", &["Observation"]),
    ("http://loinc.org", "69737-5", &["Observation"]),
    ("http://loinc.org", "70274-6", &["Observation"]),
    ("http://loinc.org", "LA6568-5", &["QuestionnaireResponse", "Observation"]),
    ("http://loinc.org", "LA6569-3", &["QuestionnaireResponse", "Observation"]),
    ("http://loinc.org", "LA6570-1", &["QuestionnaireResponse", "Observation"]),
    ("http://loinc.org", "LA6571-9", &["QuestionnaireResponse", "Observation"]),
    ("http://loinc.org", "LA6572-7", &["QuestionnaireResponse"]),
    ("http://loinc.org", "LA6573-5", &["QuestionnaireResponse"]),
    ("http://loinc.org", "LA6575-0", &["QuestionnaireResponse"]),
    ("http://loinc.org", "LA6574-3", &["QuestionnaireResponse"]),
    // Vital signs (LOINC).
    ("http://loinc.org", "85354-9", &["Observation"]),
    ("http://loinc.org", "8480-6", &["Observation"]),
    ("http://loinc.org", "8462-4", &["Observation"]),
    ("http://loinc.org", "8867-4", &["Observation"]),
    // Categories.
    ("http://terminology.hl7.org/CodeSystem/observation-category", "survey", &["Observation"]),
    ("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", &["Observation"]),
    // Drugs (RxNorm ingredients) and routes (SNOMED CT).
    ("http://www.nlm.nih.gov/research/umls/rxnorm", "6130", &["MedicationAdministration"]),
    ("http://www.nlm.nih.gov/research/umls/rxnorm", "2119365", &["MedicationAdministration"]),
    ("http://snomed.info/sct", "47625008", &["MedicationAdministration"]),
    ("http://snomed.info/sct", "78421000", &["MedicationAdministration"]),
    ("http://snomed.info/sct", "46713006", &["MedicationAdministration"]),
    ("http://snomed.info/sct", "37839007", &["MedicationAdministration"]),
    ("http://snomed.info/sct", "26643006", &["MedicationAdministration"]),
    ("http://snomed.info/sct", "37161004", &["MedicationAdministration"]),
];

/// Ketalog's own code system and its codes.
const KETALOG: &str = "urn:uuid:af6df7e8-ee0e-4c5f-802d-c3f1728ed0e9";
const KETALOG_CODES: &[&str] = &[
    "check-in",
    "mood",
    "anxiety",
    "energy",
    "sleep-hours",
    "icsi-total",
    "icsi-1",
    "icsi-2",
    "icsi-3",
    "icsi-4",
    "icpi-total",
    "icpi-1",
    "icpi-2",
    "icpi-3",
    "icpi-4",
    "bladder-diary-day",
    "day-voids",
    "night-voids",
    "urgency",
    "bladder-pain",
    "burning",
    "visible-blood",
    "cloudy",
    "leakage",
];

/// UCUM units by what they measure.
const UNITS: &[(&str, &str)] = &[("mg", "mg"), ("mmHg", "mm[Hg]"), ("beats/minute", "/min"), ("hours", "h")];

fn python() -> String {
    std::env::var("KETALOG_FHIR_PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

/// Runs the validator on a bundle file; returns its counts by resource type.
#[track_caller]
fn validate(bundle: &Path) -> BTreeMap<String, usize> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("support/validate_fhir.py");
    let out = Command::new(python()).arg(&script).arg(bundle).output().unwrap_or_else(|e| {
        panic!("cannot run {} (set KETALOG_FHIR_PYTHON to a Python 3 with fhir.resources 6.4.0): {e}", python())
    });
    assert!(
        out.status.success(),
        "the FHIR R4 models refused the bundle (exit {:?}):\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    let said: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(said["fhir_version"], "4.0.1", "validated against the wrong FHIR version: {said}");
    serde_json::from_value(said["counts"].clone()).unwrap()
}

/// The resource counts the journal (as `export --json` gives it) must produce.
fn expected_counts(journal: &Value) -> BTreeMap<String, usize> {
    let list = |name: &str| journal[name].as_array().map_or(&[][..], Vec::as_slice);
    let present = |s: &Value, field: &str| usize::from(!s[field].is_null());
    let vitals: usize = list("sessions")
        .iter()
        .map(|s| {
            ["bp_pre", "bp_post", "heart_rate_pre", "heart_rate_post"].iter().map(|f| present(s, f)).sum::<usize>()
        })
        .sum();
    let observations = vitals
        + 3 * list("phq9").len()
        + 2 * list("gad7").len()
        + 2 * list("icsi_icpi").len()
        + list("bladder").len()
        + list("checkins").len();
    let mut counts = BTreeMap::from([
        ("Patient".to_owned(), 1),
        ("MedicationAdministration".to_owned(), list("sessions").len()),
        ("Observation".to_owned(), observations),
        ("QuestionnaireResponse".to_owned(), list("phq9").len() + list("gad7").len()),
    ]);
    counts.retain(|_, n| *n > 0);
    counts
}

/// Every Coding (an object with `system` and `code`) anywhere in `value`.
fn codings<'a>(value: &'a Value, out: &mut Vec<&'a Value>) {
    match value {
        Value::Object(map) => {
            if map.contains_key("system") && map.contains_key("code") {
                out.push(value);
            }
            map.values().for_each(|v| codings(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| codings(v, out)),
        _ => {}
    }
}

/// Checks every code of the bundle against the tables above; returns the
/// (system, code) pairs seen.
#[track_caller]
fn check_codes(bundle: &Value) -> BTreeSet<(String, String)> {
    let mut seen = BTreeSet::new();
    for entry in bundle["entry"].as_array().unwrap() {
        let resource = &entry["resource"];
        let kind = resource["resourceType"].as_str().unwrap();
        let mut found = Vec::new();
        codings(resource, &mut found);
        for coding in found {
            let (system, code) = (coding["system"].as_str().unwrap(), coding["code"].as_str().unwrap());
            seen.insert((system.to_owned(), code.to_owned()));
            if system == "http://unitsofmeasure.org" {
                let unit = coding["unit"].as_str().unwrap();
                assert!(UNITS.contains(&(unit, code)), "{kind}: unit {unit} coded {code}");
            } else if system == KETALOG {
                assert!(KETALOG_CODES.contains(&code), "{kind}: unknown app code {code}");
                assert!(coding["display"].is_string(), "{kind}: app code {code} without display");
            } else {
                let known = CODES.iter().find(|(s, c, _)| *s == system && *c == code);
                let (_, _, kinds) = known.unwrap_or_else(|| panic!("{kind}: unexpected coding {system}|{code}"));
                assert!(kinds.contains(&kind), "{kind}: {system}|{code} belongs in {kinds:?}");
            }
        }
    }
    seen
}

/// The MedicationAdministration of each session starts at the session's
/// recorded time, offset included, and every time of the bundle has an offset.
#[track_caller]
fn check_times(bundle: &Value, journal: &Value) {
    let by_id: BTreeMap<&str, &Value> = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["resource"]["id"].as_str().unwrap(), &e["resource"]))
        .collect();
    for s in journal["sessions"].as_array().unwrap() {
        let ma = by_id[s["id"].as_str().unwrap()];
        let start = ma["effectivePeriod"]["start"].as_str().or(ma["effectiveDateTime"].as_str()).unwrap();
        assert_eq!(start, s["started_at"].as_str().unwrap(), "session {}", s["id"]);
    }
    for q in journal["phq9"].as_array().unwrap() {
        assert_eq!(by_id[q["id"].as_str().unwrap()]["authored"], q["at"]);
    }
    let text = bundle.to_string();
    for piece in text.split("T").skip(1) {
        // After every `…THH:MM:SS` of a dateTime comes `Z` or `±HH:MM`.
        let bytes = piece.as_bytes();
        if bytes.len() >= 9 && bytes[2] == b':' && bytes[5] == b':' {
            let rest = piece[8..].trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
            assert!(rest.starts_with(['Z', '+', '-']), "a time without offset: …T{}", &piece[..piece.len().min(30)]);
        }
    }
}

/// Exports the journal of `s` as FHIR to a file and returns it with the data document.
fn export(s: &Scratch, args: &[&str]) -> (PathBuf, Value, Value) {
    let out = s.path("bundle.json");
    let mut all = vec!["export", "--fhir", "--out", out.to_str().unwrap()];
    all.extend_from_slice(args);
    let run = s.run(&all);
    run.ok();
    assert!(run.stderr.contains("NOT encrypted"), "no plain-export warning: {}", run.stderr);
    let bundle: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    (out, bundle, s.export())
}

#[test]
fn the_fixture_journal_exports_as_valid_r4_with_known_codes() {
    let s = Scratch::init();
    let doc = s.write("doc.json", FIXTURE);
    s.run(&["import", "--take-profile", doc.to_str().unwrap()]).ok();
    let (path, bundle, journal) = export(&s, &[]);
    assert_eq!(validate(&path), expected_counts(&journal));
    let seen = check_codes(&bundle);
    // Every route and both drugs of the fixture are coded.
    for code in ["6130", "2119365", "47625008", "78421000", "46713006", "37839007", "26643006", "37161004"] {
        assert!(seen.iter().any(|(_, c)| c == code), "{code} missing");
    }
    check_times(&bundle, &journal);
    let text = bundle.to_string();
    assert!(!text.contains("PRIVATE-NOTE"), "a private note was exported");
    for shared in ["Shared intention", "Shared note", "Shared check-in", "Shared diary"] {
        assert!(text.contains(shared), "shared note {shared:?} missing");
    }
    assert!(text.contains("Jo Example"));
}

#[test]
fn a_period_exports_only_its_days_and_standard_output_works() {
    let s = Scratch::init();
    s.import_text("doc.json", FIXTURE).ok();
    let run = s.run(&["export", "--fhir", "--from", "2026-03-02", "--to", "2026-03-05"]);
    let bundle: Value = serde_json::from_str(run.ok()).unwrap();
    assert!(run.stderr.contains("for 2 Mar 2026 – 5 Mar 2026"), "{}", run.stderr);
    let ids: BTreeSet<&str> =
        bundle["entry"].as_array().unwrap().iter().map(|e| e["resource"]["id"].as_str().unwrap()).collect();
    // 1 March 22:30 in New York is 2 March in UTC, and stays out.
    assert!(!ids.contains("f41c0000-0000-4000-8000-000000000001"));
    assert!(ids.contains("f41c0000-0000-4000-8000-000000000002"));
    assert!(ids.contains("f41c0000-0000-4000-8000-000000000401"));
    assert!(!ids.contains("f41c0000-0000-4000-8000-000000000201"));
    let path = s.write("period.json", &bundle.to_string());
    validate(&path);

    let backwards = s.run(&["export", "--fhir", "--from", "2026-03-05", "--to", "2026-03-02"]);
    assert!(backwards.fails_with(1).contains("ends earlier"), "{}", backwards.stderr);
    let alone = s.run(&["export", "--fhir", "--from", "2026-03-05"]);
    assert_eq!(alone.code, 1, "{}", alone.stderr);
}

#[test]
fn the_sample_year_exports_as_valid_r4() {
    let s = Scratch::new();
    s.run(&["demo", "--until", "2026-06-30"]).ok();
    let (path, bundle, journal) = export(&s, &[]);
    assert_eq!(validate(&path), expected_counts(&journal));
    check_codes(&bundle);
    check_times(&bundle, &journal);
}

#[test]
fn the_ten_year_journal_exports_as_valid_r4() {
    let proof = ketalog_bin().with_file_name(format!("ketalog-proof{}", std::env::consts::EXE_SUFFIX));
    assert!(proof.exists(), "{} is missing: run `cargo build -p ketalog-proof` first", proof.display());
    let s = Scratch::new();
    let made = Command::new(&proof)
        .arg("ten-year-vault")
        .arg(s.vault())
        .env("KETALOG_PASSPHRASE", PASSPHRASE)
        .output()
        .unwrap();
    assert!(made.status.success(), "ten-year-vault failed: {}", String::from_utf8_lossy(&made.stderr));
    let (path, bundle, journal) = export(&s, &[]);
    let counts = validate(&path);
    assert_eq!(counts, expected_counts(&journal));
    assert_eq!(counts["MedicationAdministration"], 1000);
    check_codes(&bundle);
    check_times(&bundle, &journal);
}
