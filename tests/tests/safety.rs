//! Safety knowledge end to end: `ketalog init --country` and `ketalog
//! profile` set the crisis line from the directory, the crisis prompt
//! carries it, and a held-out journal's co-medications reach
//! `ketalog alerts`.

use std::path::Path;

use ketalog_tests::Scratch;
use serde_json::Value;

/// `ketalog init --country CODE` in a fresh folder, with a locale.
fn init_with(code: &str, locale: &str) -> Scratch {
    let scratch = Scratch::new();
    let run = scratch.run_env(&["init", "--country", code], &[("LC_ALL", locale)]);
    run.ok();
    scratch
}

fn crisis_line(scratch: &Scratch) -> Value {
    scratch.export()["profile"]["crisis_line"].clone()
}

/// (code given, locale, label, phone, text, emergency)
const COUNTRIES: [(&str, &str, &str, &str, &str, &str); 9] = [
    ("GB", "C", "Samaritans", "116 123", "", "999"),
    ("de", "C", "TelefonSeelsorge", "0800 111 0 111", "", "112"),
    ("AU", "C", "Lifeline", "13 11 14", "0477 13 11 14", "000"),
    ("NZ", "C", "Need to talk? 1737", "1737", "1737", "111"),
    ("Japan", "C", "Yorisoi Hotline (よりそいホットライン)", "0120-279-338", "", "119"),
    ("BE", "fr_BE.UTF-8", "Centre de Prévention du Suicide", "0800 32 123", "", "112"),
    ("BE", "nl_BE.UTF-8", "Zelfmoordlijn 1813", "1813", "", "112"),
    ("IT", "it_IT.UTF-8", "Telefono Amico Italia, daily 10:00–24:00", "02 2327 2327", "", "112"),
    ("CA", "fr_CA.UTF-8", "9-8-8: Suicide Crisis Helpline", "988", "988", "911"),
];

#[test]
fn init_with_a_country_sets_its_crisis_line() {
    for (code, locale, label, phone, text, emergency) in COUNTRIES {
        let scratch = Scratch::new();
        let run = scratch.run_env(&["init", "--country", code], &[("LC_ALL", locale)]);
        run.ok();
        assert!(run.stderr.contains("Crisis line set for "), "{code}: {}", run.stderr);
        let line = crisis_line(&scratch);
        assert_eq!(line["label"], label, "{code} {locale}");
        assert_eq!(line["phone"], phone, "{code} {locale}");
        assert_eq!(line["text"], text, "{code} {locale}");
        // The data document leaves out the US emergency number (911), its default.
        let expected_emergency = if emergency == "911" { Value::Null } else { Value::from(emergency) };
        assert_eq!(line["emergency"], expected_emergency, "{code} {locale}");
    }
}

#[test]
fn init_without_a_country_keeps_the_us_line_and_says_how_to_choose() {
    let scratch = Scratch::new();
    let run = scratch.run_env(&["init"], &[("LC_ALL", "de_DE.UTF-8")]);
    run.ok();
    assert!(crisis_line(&scratch).is_null(), "no line is stored: the US default applies");
    assert!(run.stderr.contains("988 Suicide & Crisis Lifeline: call or text 988; emergency 911"), "{}", run.stderr);
    assert!(run.stderr.contains("`ketalog profile --country CC`"), "{}", run.stderr);
    assert!(
        run.stderr.contains("suggest Germany: `ketalog profile --country DE` sets TelefonSeelsorge"),
        "{}",
        run.stderr
    );
    // A US locale needs no suggestion.
    let us = Scratch::new();
    let run = us.run_env(&["init"], &[("LC_ALL", "en_US.UTF-8")]);
    run.ok();
    assert!(!run.stderr.contains("suggest"), "{}", run.stderr);
}

#[test]
fn init_with_an_unknown_country_fails_before_creating_anything() {
    let scratch = Scratch::new();
    let message = scratch.run(&["init", "--country", "XX"]).fails_with(1).to_owned();
    assert!(message.contains("no crisis line is known for \"XX\""), "{message}");
    assert!(message.contains("AT, AU, BE") && message.contains("US, ZA"), "{message}");
    assert!(message.contains("ketalog import"), "{message}");
    assert!(!scratch.vault().exists(), "no journal was created");
}

#[test]
fn profile_shows_and_sets_the_crisis_line() {
    let scratch = Scratch::init();
    let shown = scratch.run(&["profile"]);
    assert_eq!(
        shown.ok().trim_end(),
        "Crisis line: not set; alerts use the United States line, 988 Suicide & Crisis Lifeline: call or text 988; \
         emergency 911\nClinician: not set"
    );
    assert!(shown.stderr.contains("ketalog profile --country CC"), "{}", shown.stderr);

    let set = scratch.run_env(&["profile", "--country", "gb"], &[("LC_ALL", "en_GB.UTF-8")]);
    set.ok();
    assert_eq!(
        set.stderr.trim_end(),
        "Crisis line set for United Kingdom: Samaritans: call 116 123; emergency 999.\n\
         Also in United Kingdom: Shout (text 85258)."
    );
    let shown = scratch.run(&["profile"]);
    assert_eq!(shown.ok().trim_end(), "Crisis line: Samaritans: call 116 123; emergency 999\nClinician: not set");
    assert!(shown.stderr.is_empty(), "{}", shown.stderr);

    // An unknown country changes nothing.
    let message = scratch.run(&["profile", "--country", "Atlantis"]).fails_with(1).to_owned();
    assert!(message.contains("nothing was changed"), "{message}");
    assert_eq!(crisis_line(&scratch)["label"], "Samaritans");
}

#[test]
fn profile_shows_the_clinician_and_keeps_the_rest_of_the_profile() {
    let scratch = Scratch::init();
    let doc = serde_json::json!({
        "format": "ketalog-data", "version": 1, "exported_at": "2026-03-01T12:00:00Z",
        "profile": { "display_name": "Sam", "weight_kg": 70,
                     "clinician": { "name": "Dr. Lee", "phone": "+1 555 0101", "email": "lee@clinic.example" } },
        "sessions": [], "checkins": [], "phq9": [], "gad7": [], "bladder": [], "acknowledgements": []
    });
    let file = scratch.write("doc.json", &doc.to_string());
    scratch.run(&["import", "--take-profile", file.to_str().expect("utf-8 path")]).ok();
    scratch.run(&["profile", "--country", "AU"]).ok();
    let shown = scratch.run(&["profile"]).ok().to_owned();
    assert_eq!(
        shown.trim_end(),
        "Crisis line: Lifeline: call 13 11 14 or text 0477 13 11 14; emergency 000\n\
         Clinician: Dr. Lee, +1 555 0101, lee@clinic.example"
    );
    let profile = scratch.export()["profile"].clone();
    assert_eq!(profile["display_name"], "Sam");
    assert_eq!(profile["weight_kg"], 70.0);
}

fn crisis_action(scratch: &Scratch) -> String {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/alerts/crisis-item9-low-total.json");
    // Its profile's crisis_line is null: importing keeps the line `init --country` set.
    scratch.run(&["import", file.to_str().expect("utf-8 path")]).ok();
    let run = scratch.run(&["alerts", "--as-of", "2026-03-11T08:00:00-05:00", "--json"]);
    let alerts: Value = serde_json::from_str(run.ok()).expect("alerts as JSON");
    assert_eq!(alerts[0]["rule"], "mood.self_harm");
    alerts[0]["action"].as_str().expect("an action").to_owned()
}

#[test]
fn the_crisis_prompt_carries_the_countrys_line() {
    let gb = init_with("GB", "C");
    assert!(
        crisis_action(&gb).starts_with(
            "If you are in danger now, call 999. You can call 116 123 (Samaritans) at any time, day or night."
        ),
        "GB"
    );
    // A line with opening hours is not said to answer at any time.
    let it = init_with("IT", "C");
    let action = crisis_action(&it);
    assert!(
        action.starts_with(
            "If you are in danger now, call 112. You can call 02 2327 2327 (Telefono Amico Italia, daily 10:00–24:00)."
        ),
        "{action}"
    );
    assert!(!action.contains("day or night"), "{action}");
}

#[test]
fn a_held_out_journal_names_what_was_logged_and_what_is_known() {
    let scratch = Scratch::init();
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/alerts/co-medications.json");
    scratch.run(&["import", "--take-profile", file.to_str().unwrap()]).ok();
    let run = scratch.run(&["alerts", "--as-of", "2026-04-18T12:00:00-05:00", "--json"]);
    let alerts: Value = serde_json::from_str(run.ok()).unwrap();
    let alert = &alerts[0];
    assert_eq!(alert["rule"], "session.co_medication");
    assert_eq!(alert["severity"], "advise");
    assert_eq!(alert["id"], "session.co_medication:00000000-0000-4000-8000-000000000105");
    let message = alert["message"].as_str().unwrap();
    assert!(
        message
            .starts_with("You logged Diazépam 2 mg (a benzodiazepine) with your session on 5 April. Benzodiazepines"),
        "{message}"
    );
    assert!(!message.contains("lorazapam"), "a misspelling is not named: {message}");
    let action = alert["action"].as_str().unwrap();
    assert!(action.starts_with("Discuss this with Dr. Lee at +1 555 0101 before your next session."), "{action}");
    let text = scratch.run(&["alerts", "--as-of", "2026-04-18T12:00:00-05:00"]).ok().to_owned();
    assert!(text.contains("ADVISE: A medicine to discuss with your prescriber [session.co_medication]"), "{text}");
}
