//! `ketalog import --from APP FILE` end to end, on exports of each app
//! (`tests/data/imports/`): the preview comes first, a dry run writes
//! nothing, importing twice changes nothing, another app's file and a bad
//! file are refused with a one-line reason and leave the journal as it was,
//! the profile is never touched, and wall-clock times take this machine's
//! offset for their own date (TZ).

#![allow(clippy::unwrap_used, reason = "test helpers: a failed unwrap is a failed test")]

use std::path::PathBuf;

use ketalog_tests::Scratch;
use serde_json::Value;

const VALID: &str = include_str!("../data/valid-document.json");

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/imports").join(name)
}

/// (app, fixture, what the preview announces, records added)
const CASES: [(&str, &str, &str, usize); 4] = [
    ("daylio", "daylio.csv", "To import: 6 check-ins, from 2026-02-28 to 2026-03-03.", 6),
    ("emoods", "emoods.csv", "To import: 3 check-ins, from 2026-03-01 to 2026-03-03.", 3),
    ("bearable", "bearable.csv", "To import: 4 check-ins, from 2026-03-01 to 2026-03-02.", 4),
    ("psychonautwiki", "psychonautwiki.json", "To import: 4 sessions, from 2026-03-01 to 2026-03-07.", 4),
];

/// Runs `ketalog ARGS` in New York time, so that the fixtures' wall-clock
/// times get a known offset.
fn run(s: &Scratch, args: &[&str]) -> ketalog_tests::Run {
    s.run_env(args, &[("TZ", "America/New_York")])
}

fn import(s: &Scratch, app: &str, file: &str, extra: &[&str]) -> ketalog_tests::Run {
    let path = fixture(file);
    let mut args = vec!["import", "--from", app, path.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(s, &args)
}

/// A journal holding the valid document, so that imports meet existing records and a profile.
fn journal() -> Scratch {
    let s = Scratch::init();
    s.import_text("doc.json", VALID).ok();
    s
}

#[test]
fn each_apps_export_imports_once_and_again_changes_nothing() {
    for (app, file, preview, added) in CASES {
        let s = journal();
        let before = s.export();

        let dry = import(&s, app, file, &["--dry-run"]);
        dry.ok();
        assert!(dry.stderr.contains(preview), "{app}: {}", dry.stderr);
        assert!(dry.stderr.contains("Dry run: nothing was written."), "{app}: {}", dry.stderr);
        assert_eq!(s.export(), before, "{app}: a dry run changed the journal");

        let first = import(&s, app, file, &[]);
        first.ok();
        // The preview is shown before the import's outcome.
        let shown = first.stderr.find(preview).unwrap_or_else(|| panic!("{app}: no preview: {}", first.stderr));
        let done = first.stderr.find("Imported ").unwrap();
        assert!(shown < done, "{app}: the preview must come first");
        assert!(first.stderr.contains(&format!("{added} added, 0 updated, 0 unchanged")), "{app}: {}", first.stderr);
        let after = s.export();
        assert_eq!(after["profile"], before["profile"], "{app}: the profile changed");

        let again = import(&s, app, file, &[]);
        again.ok();
        let kept = format!("Already in your journal, left as they are: {added} records.\n");
        assert!(again.stderr.contains(&kept), "{app}: {}", again.stderr);
        assert!(again.stderr.contains("Nothing new to import."), "{app}: {}", again.stderr);
        assert_eq!(s.export(), after, "{app}: importing again changed the journal");
    }
}

#[test]
fn importing_again_keeps_what_the_user_changed_since() {
    let s = Scratch::init();
    import(&s, "daylio", "daylio.csv", &[]).ok();
    let mut document = s.export();
    let checkin = &mut document["checkins"][0];
    checkin["tags"] = serde_json::json!(["walk"]);
    checkin["notes"] = Value::from("Lunch with Sam");
    s.import_text("edited.json", &document.to_string()).ok();
    let edited = s.export();
    assert_eq!(edited["checkins"][0]["tags"], serde_json::json!(["walk"]));

    let again = import(&s, "daylio", "daylio.csv", &["--mood", "Refreshed=4"]);
    again.ok();
    assert!(again.stderr.contains("left as they are: 6 records."), "{}", again.stderr);
    assert_eq!(s.export(), edited, "importing again replaced what the user changed");
}

#[test]
fn imported_records_land_with_their_values_and_private_notes() {
    let s = Scratch::init();
    import(&s, "psychonautwiki", "psychonautwiki.json", &[]).ok();
    import(&s, "emoods", "emoods.csv", &[]).ok();
    let journal = s.export();
    let sessions = journal["sessions"].as_array().unwrap();
    let first = &sessions[0];
    assert_eq!(first["started_at"], "2026-03-01T11:00:00-05:00");
    assert_eq!(first["medication"], "racemic-ketamine");
    assert_eq!(first["route"], "iv");
    assert_eq!(first["dose_mg"], 35.0);
    assert_eq!(first["duration_min"], 40);
    assert_eq!(first["share_notes"], false);
    assert_eq!(sessions[1]["medication"], "esketamine");
    assert_eq!(sessions[1]["route"], "intranasal");
    let checkins = journal["checkins"].as_array().unwrap();
    assert_eq!(checkins[0]["at"], "2026-03-01T12:00:00-05:00");
    assert_eq!((checkins[0]["mood"].as_u64(), checkins[0]["anxiety"].as_u64()), (Some(2), Some(10)));
    assert_eq!(checkins[0]["notes"], "Hard day, stayed in\n\neMoods: irritability mild");
    assert!(checkins.iter().all(|c| c["share_notes"] == false));
}

#[test]
fn daylio_activities_and_bearable_factors_land_as_tags() {
    let s = Scratch::init();
    import(&s, "daylio", "daylio.csv", &[]).ok();
    import(&s, "bearable", "bearable.csv", &[]).ok();
    let journal = s.export();
    let tagged: Vec<(&str, &Value)> = journal["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c.get("tags").is_some())
        .map(|c| (c["at"].as_str().unwrap(), &c["tags"]))
        .collect();
    assert_eq!(
        tagged,
        [
            ("2026-03-01T19:00:00-05:00", &serde_json::json!(["☕ Caffeine", "🚶 Walk"])),
            ("2026-03-02T22:45:00-05:00", &serde_json::json!(["sleep early"])),
            ("2026-03-03T08:10:00-05:00", &serde_json::json!(["work"])),
            ("2026-03-03T21:05:00-05:00", &serde_json::json!(["friends", "good meal", "walk"])),
        ]
    );
    let before = s.export();
    import(&s, "daylio", "daylio.csv", &[]).ok();
    import(&s, "bearable", "bearable.csv", &[]).ok();
    assert_eq!(s.export(), before, "importing the tagged entries again changes nothing");
}

#[test]
fn times_take_this_machines_offset_for_their_own_date() {
    let s = Scratch::init();
    let csv = "full_date,date,weekday,time,mood,activities,note_title,note\n\
               2026-07-14,14 July,Tuesday,9:00 pm,good,\"\",\"\",\"\"\n\
               2026-01-14,14 January,Wednesday,9:00 pm,meh,\"\",\"\",\"\"\n";
    let path = s.write("two-seasons.csv", csv);
    run(&s, &["import", "--from", "daylio", path.to_str().unwrap()]).ok();
    let times: Vec<Value> = s.export()["checkins"].as_array().unwrap().iter().map(|c| c["at"].clone()).collect();
    assert_eq!(times, ["2026-01-14T21:00:00-05:00", "2026-07-14T21:00:00-04:00"]);
}

#[test]
fn a_daylio_mood_mapping_gives_the_entries_their_mood() {
    let s = Scratch::init();
    let dry = import(&s, "daylio", "daylio.csv", &["--dry-run"]);
    assert!(dry.stderr.contains("--mood \"Refreshed=LEVEL\""), "{}", dry.stderr);
    let mapped = import(&s, "daylio", "daylio.csv", &["--mood", "Refreshed=4"]);
    mapped.ok();
    assert!(!mapped.stderr.contains("Refreshed=LEVEL"), "{}", mapped.stderr);
    assert!(mapped.stderr.contains("6 added, 0 updated, 0 unchanged"), "{}", mapped.stderr);
    assert!(s.export()["checkins"].as_array().unwrap().iter().all(|c| !c["mood"].is_null()), "a mood is missing");
    let german =
        import(&s, "daylio", "daylio-de.csv", &["--mood", "super=rad", "--mood", "okay=3", "--mood", "lausig=1"]);
    german.ok();
    assert!(german.stderr.contains("3 added"), "{}", german.stderr);
    let bad = import(&s, "daylio", "daylio.csv", &["--mood", "Refreshed=9"]);
    assert_eq!(bad.code, 1, "{}", bad.stderr);
    assert!(bad.stderr.contains("1 (awful) to 5 (rad)"), "{}", bad.stderr);
}

#[test]
fn another_apps_file_is_refused_and_changes_nothing() {
    let s = journal();
    let before = s.export();
    for (named, file, looks_like) in [
        ("daylio", "bearable.csv", "a Bearable export"),
        ("bearable", "daylio.csv", "a Daylio export"),
        ("emoods", "psychonautwiki.json", "a PsychonautWiki Journal export"),
        ("psychonautwiki", "emoods.csv", "an eMoods export"),
    ] {
        let refused = import(&s, named, file, &[]);
        let message = refused.fails_with(1);
        assert!(message.contains("refused, nothing was imported"), "{message}");
        assert!(message.contains(&format!("it looks like {looks_like} (use --from")), "{message}");
        assert_eq!(s.export(), before, "refusing {file} as {named} changed the journal");
    }
    let document = s.write("doc.json", VALID);
    let message = run(&s, &["import", "--from", "psychonautwiki", document.to_str().unwrap()]).fails_with(1).to_owned();
    assert!(message.contains("this is not a PsychonautWiki Journal export"), "{message}");
    assert_eq!(s.export(), before);
}

#[test]
fn a_bad_file_is_refused_naming_the_line_or_field_and_changes_nothing() {
    let s = journal();
    let before = s.export();
    for (app, file, says) in [
        ("daylio", "daylio-bad-time.csv", "line 3, time: expected a time like 20:15 or 8:15 pm"),
        ("psychonautwiki", "psychonautwiki-bad.json", "experiences[0].ingestions[0].time"),
    ] {
        let message = import(&s, app, file, &[]).fails_with(1).to_owned();
        assert!(message.contains(says), "{message}");
        assert_eq!(s.export(), before, "a refused {file} changed the journal");
    }
    let missing = run(&s, &["import", "--from", "daylio", "/nonexistent/export.csv"]);
    assert!(missing.fails_with(1).contains("cannot read /nonexistent/export.csv"));
}

#[test]
fn options_of_app_imports_need_from() {
    let s = Scratch::init();
    let document = s.write("doc.json", VALID);
    for extra in [["--dry-run"].as_slice(), ["--mood", "a=1"].as_slice()] {
        let mut args = vec!["import", document.to_str().unwrap()];
        args.extend_from_slice(extra);
        let run = s.run(&args);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.contains("--from"), "{}", run.stderr);
    }
    let unknown = s.run(&["import", "--from", "moodpanda", document.to_str().unwrap()]);
    assert_eq!(unknown.code, 1);
    assert!(unknown.stderr.contains("daylio, emoods, bearable, psychonautwiki"), "{}", unknown.stderr);
}

/// A mood name is file content: shown escaped, and offered as an option to
/// copy only when a shell takes it as it is inside double quotes.
#[test]
fn a_mood_hint_shows_the_name_safely_and_offers_to_copy_only_plain_names() {
    let s = Scratch::init();
    let file = s.write(
        "odd-moods.csv",
        "full_date,date,weekday,time,mood,activities,note_title,note\n\
         2026-03-03,3 March,Tuesday,9:05 pm,\"say \"\"hi\"\"\",\"\",\"\",\"\"\n\
         2026-03-02,2 March,Monday,9:05 pm,\u{1b}]0;owned\u{7}calm,\"\",\"\",\"\"\n\
         2026-03-01,1 March,Sunday,9:05 pm,Refreshed,\"\",\"\",\"\"\n",
    );
    let dry = run(&s, &["import", "--from", "daylio", file.to_str().unwrap(), "--dry-run"]);
    dry.ok();
    assert!(!dry.stderr.contains('\u{1b}') && !dry.stderr.contains('\u{7}'), "{:?}", dry.stderr);
    assert!(
        dry.stderr.contains("mood “\\u{1b}]0;owned\\u{7}calm”, give its level with --mood NAME=LEVEL"),
        "{}",
        dry.stderr
    );
    assert!(dry.stderr.contains("mood “say \"hi\"”, give its level with --mood NAME=LEVEL"), "{}", dry.stderr);
    assert!(!dry.stderr.contains("--mood \"say"), "{}", dry.stderr);
    assert!(dry.stderr.contains("mood “Refreshed”, give its level: --mood \"Refreshed=LEVEL\""), "{}", dry.stderr);
}
