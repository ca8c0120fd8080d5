#![allow(clippy::unwrap_used, reason = "tests: a failed unwrap is a failed test")]

use chrono::Timelike;
use proptest::prelude::*;
use rstest::rstest;

use super::*;
use crate::model::{CheckIn, Medication, Route, Session};

const DAYLIO: &str = include_str!("../../../../tests/data/imports/daylio.csv");
const DAYLIO_DE: &str = include_str!("../../../../tests/data/imports/daylio-de.csv");
const EMOODS: &str = include_str!("../../../../tests/data/imports/emoods.csv");
const BEARABLE: &str = include_str!("../../../../tests/data/imports/bearable.csv");
const PSYCHONAUTWIKI: &str = include_str!("../../../../tests/data/imports/psychonautwiki.json");
const DAYLIO_BAD_TIME: &str = include_str!("../../../../tests/data/imports/daylio-bad-time.csv");
const PSYCHONAUTWIKI_BAD: &str = include_str!("../../../../tests/data/imports/psychonautwiki-bad.json");

/// New York winter time: every wall time of the fixtures gets -05:00.
fn new_york() -> FixedOffset {
    FixedOffset::west_opt(5 * 3600).unwrap()
}

fn plan(app: SourceApp, text: &str) -> ImportPlan {
    read(app, text.as_bytes(), &new_york(), &ImportSettings::default()).unwrap()
}

/// A check-in as (local time, mood, anxiety, sleep, energy, notes).
type Seen = (String, Option<u8>, Option<u8>, Option<f64>, Option<u8>, String);

fn seen(c: &CheckIn) -> Seen {
    (c.at.to_rfc3339(), c.mood, c.anxiety, c.sleep_hours, c.energy, c.notes.clone())
}

fn checkin(
    at: &str,
    mood: Option<u8>,
    anxiety: Option<u8>,
    sleep: Option<f64>,
    energy: Option<u8>,
    notes: &str,
) -> Seen {
    (at.to_owned(), mood, anxiety, sleep, energy, notes.to_owned())
}

fn not_mapped(plan: &ImportPlan, what: &str) -> NotMapped {
    plan.not_mapped.iter().find(|n| n.what == what).cloned().unwrap_or_else(|| panic!("{what} not listed: {plan}"))
}

#[test]
fn daylio_entries_become_check_ins() {
    let plan = plan(SourceApp::Daylio, DAYLIO);
    assert_eq!(plan.entries_read, 6);
    let got: Vec<Seen> = plan.journal.checkins.iter().map(seen).collect();
    assert_eq!(
        got,
        vec![
            checkin("2026-02-28T12:30:00-05:00", Some(8), None, None, None, "Lunch"),
            checkin(
                "2026-03-01T23:58:00-05:00",
                Some(0),
                None,
                None,
                None,
                "Couldn't settle after the session, \"heavy\" feeling"
            ),
            checkin("2026-03-01T23:58:00-05:00", Some(2), None, None, None, ""),
            checkin("2026-03-02T22:45:00-05:00", None, None, None, None, ""),
            checkin("2026-03-03T08:10:00-05:00", Some(5), None, None, None, ""),
            checkin(
                "2026-03-03T21:05:00-05:00",
                Some(10),
                None,
                None,
                None,
                "Best day in weeks\n\nAte with Mia, Tom and Sara; laughed a lot.\nSlept early."
            ),
        ]
    );
    assert!(plan.journal.checkins.iter().all(|c| !c.share_notes), "imported notes must be private");
    let tags: Vec<&[String]> = plan.journal.checkins.iter().map(|c| c.tags.as_slice()).collect();
    assert_eq!(
        tags,
        [
            &[][..],
            &[],
            &[],
            &["sleep early".to_owned()],
            &["work".to_owned()],
            &["friends".into(), "good meal".into(), "walk".into()]
        ]
    );
    assert!(plan.not_mapped.iter().all(|n| !n.what.contains("tag")), "every activity fits: {plan}");
    let refreshed = not_mapped(&plan, "mood \"Refreshed\"");
    assert!(refreshed.why.contains("its level (1 awful … 5 rad) is not known"), "{}", refreshed.why);
    assert!(!refreshed.why.contains("--"), "the reason names no command option: {}", refreshed.why);
    assert_eq!(plan.unknown_moods, ["Refreshed"]);
    assert_eq!(plan.date_range(), Some((day(2026, 2, 28), day(2026, 3, 3))));
}

#[test]
fn a_custom_daylio_mood_maps_with_its_level() {
    let settings = ImportSettings { daylio_moods: BTreeMap::from([("refreshed".to_owned(), DaylioLevel::Good)]) };
    let mapped = read(SourceApp::Daylio, DAYLIO.as_bytes(), &new_york(), &settings).unwrap();
    assert_eq!(mapped.journal.checkins[3].mood, Some(8));
    assert!(mapped.not_mapped.iter().all(|n| !n.what.starts_with("mood")));
    assert!(mapped.unknown_moods.is_empty());
    // The same entry keeps its id, so importing again with the mapping updates it.
    assert_eq!(mapped.journal.checkins[3].id, plan(SourceApp::Daylio, DAYLIO).journal.checkins[3].id);
}

#[test]
fn a_german_daylio_export_reads_with_its_mood_names() {
    let moods = ["super=5", "Gut=4", "okay=3", "schlecht=2", "lausig=1"].map(|m| parse_mood_mapping(m).unwrap());
    let settings = ImportSettings { daylio_moods: moods.into_iter().collect() };
    let plan = read(SourceApp::Daylio, DAYLIO_DE.as_bytes(), &new_york(), &settings).unwrap();
    let got: Vec<(String, Option<u8>)> = plan.journal.checkins.iter().map(|c| (c.at.to_rfc3339(), c.mood)).collect();
    assert_eq!(
        got,
        [
            ("2026-02-28T18:00:00-05:00".to_owned(), Some(5)),
            ("2026-03-01T07:40:00-05:00".to_owned(), Some(0)),
            ("2026-03-02T21:15:00-05:00".to_owned(), Some(10)),
        ]
    );
    assert_eq!(plan.journal.checkins[2].notes, "Schöner Abend, lange geredet.");
}

#[rstest]
#[case("rad", Some(DaylioLevel::Rad))]
#[case("5", Some(DaylioLevel::Rad))]
#[case("AWFUL", Some(DaylioLevel::Awful))]
#[case("3", Some(DaylioLevel::Meh))]
#[case("6", None)]
#[case("great", None)]
fn daylio_levels_parse(#[case] text: &str, #[case] want: Option<DaylioLevel>) {
    assert_eq!(text.parse::<DaylioLevel>().ok(), want);
}

#[test]
fn daylio_levels_spread_over_zero_to_ten() {
    let moods: Vec<u8> = DaylioLevel::ALL.iter().map(|l| l.mood()).collect();
    assert_eq!(moods, [0, 2, 5, 8, 10]);
    assert!(parse_mood_mapping("no equals sign").is_err());
    assert!(parse_mood_mapping("=4").is_err());
    assert_eq!(parse_mood_mapping("Ok but sleepy=3").unwrap(), ("ok but sleepy".to_owned(), DaylioLevel::Meh));
}

#[test]
fn emoods_days_become_check_ins() {
    let plan = plan(SourceApp::Emoods, EMOODS);
    assert_eq!(plan.entries_read, 5);
    let got: Vec<Seen> = plan.journal.checkins.iter().map(seen).collect();
    assert_eq!(
        got,
        vec![
            checkin(
                "2026-03-01T12:00:00-05:00",
                Some(2),
                Some(10),
                Some(6.5),
                None,
                "Hard day, stayed in\n\neMoods: irritability mild"
            ),
            checkin("2026-03-02T12:00:00-05:00", Some(3), Some(7), Some(7.0), None, ""),
            checkin(
                "2026-03-03T12:00:00-05:00",
                None,
                Some(3),
                Some(5.5),
                None,
                "Too much energy, talked fast\ncouldn't sit still\n\neMoods: elevated moderate"
            ),
        ]
    );
    assert_eq!(plan.left_out.len(), 1);
    assert_eq!(plan.left_out[0].at, "line 7");
    assert!(plan.left_out[0].reason.contains("sleep hours"), "{}", plan.left_out[0].reason);
    assert_eq!(not_mapped(&plan, "empty days").entries, 1);
    assert_eq!(not_mapped(&plan, "other columns").examples, ["lamotrigine 100mg"]);
    assert_eq!(not_mapped(&plan, "elevated mood").entries, 1);
    // The left-out row (line 7) counts for nothing here.
    assert_eq!(not_mapped(&plan, "irritability").entries, 1);
    assert_eq!(not_mapped(&plan, "other columns").entries, 3);
}

#[test]
fn bearable_rows_of_one_time_of_day_become_one_check_in() {
    let plan = plan(SourceApp::Bearable, BEARABLE);
    assert_eq!(plan.entries_read, 11);
    let got: Vec<Seen> = plan.journal.checkins.iter().map(seen).collect();
    assert_eq!(
        got,
        vec![
            checkin("2026-03-01T09:00:00-05:00", Some(3), Some(8), None, Some(2), ""),
            checkin("2026-03-01T12:00:00-05:00", None, None, Some(6.75), None, ""),
            checkin("2026-03-01T19:00:00-05:00", Some(7), None, None, None, "Better after the walk, thankfully"),
            checkin(
                "2026-03-02T13:00:00-05:00",
                None,
                None,
                None,
                None,
                "Clinic called, next session Friday.\nNeed a ride."
            ),
        ]
    );
    assert_eq!(not_mapped(&plan, "symptoms").examples, ["Headache", "Nausea"]);
    // Lifestyle factors are the evening's tags, by name without their amount.
    let tags: Vec<&[String]> = plan.journal.checkins.iter().map(|c| c.tags.as_slice()).collect();
    assert_eq!(tags, [&[][..], &[], &["☕ Caffeine".to_owned(), "🚶 Walk".to_owned()], &[]]);
    assert!(plan.not_mapped.iter().all(|n| n.what != "category \"Lifestyle\""), "{plan}");
    assert_eq!(not_mapped(&plan, "category \"Weather\"").entries, 1);
}

#[test]
fn psychonautwiki_ketamine_ingestions_become_sessions() {
    let plan = plan(SourceApp::PsychonautWiki, PSYCHONAUTWIKI);
    assert_eq!(plan.entries_read, 7);
    let got: Vec<(String, Medication, Route, f64, Option<u32>, String)> = plan
        .journal
        .sessions
        .iter()
        .map(|s: &Session| {
            (s.started_at.to_rfc3339(), s.medication, s.route, s.dose_mg, s.duration_min, s.notes.clone())
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "2026-03-01T11:00:00-05:00".to_owned(),
                Medication::RacemicKetamine,
                Route::Iv,
                35.0,
                Some(40),
                "Clinic infusion 4\n\nCalm, lots of colours, talked with the nurse after.\n\n0.5 mg/kg over 40 min"
                    .to_owned()
            ),
            (
                "2026-03-04T04:00:00-05:00".to_owned(),
                Medication::Esketamine,
                Route::Intranasal,
                56.0,
                None,
                "Spravato".to_owned()
            ),
            (
                "2026-03-04T04:05:00-05:00".to_owned(),
                Medication::Esketamine,
                Route::Intranasal,
                28.0,
                None,
                "third device\n\nDose estimated (PsychonautWiki Journal).".to_owned()
            ),
            (
                "2026-03-07T11:03:20-05:00".to_owned(),
                Medication::RacemicKetamine,
                Route::Sublingual,
                100.0,
                None,
                "Troche at home".to_owned()
            ),
        ]
    );
    let left: Vec<(&str, &str)> = plan.left_out.iter().map(|l| (l.at.as_str(), l.reason.as_str())).collect();
    assert_eq!(
        left,
        [
            ("experiences[2].ingestions[0]", "100000 µg of Ketamine: only doses in mg are imported"),
            ("experiences[2].ingestions[1]", "Ketamine without a dose"),
        ]
    );
    assert_eq!(not_mapped(&plan, "ingestions of other substances").examples, ["Ondansetron"]);
    assert!(plan.journal.sessions.iter().all(|s| !s.share_notes));
}

#[test]
fn psychonautwiki_instants_take_the_offset_of_their_moment() {
    /// Summer time from March on, winter time before.
    struct TwoSeasons;
    impl Offsets for TwoSeasons {
        fn at_local(&self, local: NaiveDateTime) -> FixedOffset {
            let summer = local.date() >= day(2026, 3, 4);
            FixedOffset::west_opt(if summer { 4 } else { 5 } * 3600).unwrap()
        }
        fn at_instant(&self, instant: DateTime<Utc>) -> FixedOffset {
            self.at_local(instant.naive_utc())
        }
    }
    let plan =
        read(SourceApp::PsychonautWiki, PSYCHONAUTWIKI.as_bytes(), &TwoSeasons, &ImportSettings::default()).unwrap();
    let times: Vec<String> = plan.journal.sessions.iter().map(|s| s.started_at.to_rfc3339()).collect();
    assert_eq!(times[0], "2026-03-01T11:00:00-05:00");
    assert_eq!(times[1], "2026-03-04T05:00:00-04:00");
    // The instant is the file's, whatever the offset.
    assert_eq!(plan.journal.sessions[1].started_at.utc().hour(), 9);
}

#[test]
fn reading_twice_gives_the_same_records() {
    for (app, text) in fixtures() {
        assert_eq!(plan(app, text).journal, plan(app, text).journal, "{app}");
    }
}

#[test]
fn ids_differ_between_apps_and_entries() {
    let mut ids = HashSet::new();
    for (app, text) in fixtures() {
        let j = plan(app, text).journal;
        for id in j.checkins.iter().map(|c| c.id).chain(j.sessions.iter().map(|s| s.id)) {
            assert!(ids.insert(id), "{app}: id {id} used twice");
        }
    }
}

fn fixtures() -> [(SourceApp, &'static str); 4] {
    [
        (SourceApp::Daylio, DAYLIO),
        (SourceApp::Emoods, EMOODS),
        (SourceApp::Bearable, BEARABLE),
        (SourceApp::PsychonautWiki, PSYCHONAUTWIKI),
    ]
}

#[test]
fn another_apps_file_is_refused_naming_that_app() {
    for (named, _) in fixtures() {
        for (actual, text) in fixtures() {
            let result = read(named, text.as_bytes(), &new_york(), &ImportSettings::default());
            if named == actual {
                assert!(result.is_ok(), "{named} refused its own file: {result:?}");
                continue;
            }
            match result {
                Err(ImportError::WrongApp { expected, looks_like, .. }) => {
                    assert_eq!(expected, named);
                    assert_eq!(looks_like, Some(actual), "a {actual} file read as {named}");
                }
                other => panic!("a {actual} file read as {named}: {other:?}"),
            }
            let message = result.unwrap_err().to_string();
            assert!(message.contains(&format!("--from {}", actual.key())), "{message}");
        }
    }
}

#[rstest]
#[case::empty(SourceApp::Daylio, "", "the file is empty")]
#[case::spreadsheet(SourceApp::Bearable, "name,amount\nrent,900\n", "it starts with \"name,amount\"")]
#[case::other_json(SourceApp::PsychonautWiki, "{\"sessions\": []}", "it starts with")]
#[case::not_emoods(SourceApp::Emoods, "Date,Weight\n2026-03-01,70\n", "it starts with \"Date,Weight\"")]
fn files_of_no_known_app_are_refused(#[case] app: SourceApp, #[case] text: &str, #[case] says: &str) {
    let err = read(app, text.as_bytes(), &new_york(), &ImportSettings::default()).unwrap_err();
    let message = err.to_string();
    assert!(message.starts_with(&format!("this is not {}", app.an_export())), "{message}");
    assert!(message.contains(says), "{message}");
}

#[rstest]
#[case::daylio_time(
    SourceApp::Daylio,
    DAYLIO_BAD_TIME,
    "line 3, time: expected a time like 20:15 or 8:15 pm, got \"quarter past nine\""
)]
#[case::pw_time(SourceApp::PsychonautWiki, PSYCHONAUTWIKI_BAD, "experiences[0].ingestions[0].time: invalid type")]
#[case::daylio_fields(
    SourceApp::Daylio,
    "full_date,date,weekday,time,mood,activities,note_title,note\n2026-03-01,1 March,Sunday\n",
    "line 2: has 3 fields where the header has 8"
)]
#[case::daylio_date(
    SourceApp::Daylio,
    "full_date,date,weekday,time,mood,activities,note_title,note\n2026-02-30,30 February,x,10:00,rad,,,\n",
    "line 2, full_date: 2026-02-30 is not a calendar date"
)]
#[case::emoods_rating(
    SourceApp::Emoods,
    "Date,Depressed,Elevated\n2026-03-01,terrible,0\n",
    "line 2, depressed: expected 0–3 or none, mild, moderate, severe; got \"terrible\""
)]
#[case::bearable_mood(
    SourceApp::Bearable,
    "date,date formatted,weekday,time of day,category,rating/amount,detail,notes\nx,2026-03-01,Sunday,am,Mood,12,,\n",
    "line 2, rating/amount: expected a mood rating from 1 to 10, got \"12\""
)]
#[case::bearable_when(
    SourceApp::Bearable,
    "date,date formatted,weekday,time of day,category,rating/amount,detail,notes\nx,2026-03-01,Sunday,teatime,Mood,5,,\n",
    "line 2, time of day: expected am, mid, pm, all day"
)]
#[case::not_utf8(SourceApp::Daylio, "", "not UTF-8")]
fn bad_files_are_refused_naming_the_line_or_field(#[case] app: SourceApp, #[case] text: &str, #[case] says: &str) {
    let bytes: Vec<u8> = if says == "not UTF-8" { b"full_date\xff".to_vec() } else { text.as_bytes().to_vec() };
    let err = read(app, &bytes, &new_york(), &ImportSettings::default()).unwrap_err();
    assert!(matches!(err, ImportError::Malformed { .. }), "{err:?}");
    assert!(err.to_string().contains(says), "{err}");
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let with_bom = format!("\u{feff}{DAYLIO}");
    assert_eq!(plan(SourceApp::Daylio, &with_bom).journal, plan(SourceApp::Daylio, DAYLIO).journal);
}

#[test]
fn the_preview_says_what_will_happen() {
    let text = plan(SourceApp::PsychonautWiki, PSYCHONAUTWIKI).to_string();
    assert!(text.starts_with("PsychonautWiki Journal export: 7 entries read.\n"), "{text}");
    assert!(text.contains("To import: 4 sessions, from 2026-03-01 to 2026-03-07."), "{text}");
    assert!(text.contains("Left out (2):\n  experiences[2].ingestions[0]: 100000 µg of Ketamine"), "{text}");
    assert!(text.contains("ingestions of other substances in 1 entry (Ondansetron)"), "{text}");
    let daylio = plan(SourceApp::Daylio, DAYLIO).to_string();
    assert!(daylio.contains("To import: 6 check-ins, from 2026-02-28 to 2026-03-03."), "{daylio}");
    assert!(!daylio.contains("activities") && !daylio.contains("tags"), "activities are tags now: {daylio}");
}

/// Names another app files entries under, made to fit the rules of tags.
#[rstest]
#[case::as_they_are(&["walk", "friends"], &["walk", "friends"], &[])]
#[case::trimmed_and_empty_dropped(&["  walk ", "", "   "], &["walk"], &[])]
#[case::repeats_folded_into_the_first(&["Walk", "walk", "WALK", "tea"], &["Walk", "tea"], &[])]
#[case::too_long_cut_at_forty(
    &["a very long activity name that goes on and on"],
    &["a very long activity name that goes on a"],
    &[("tags cut short", "a very long activity name that goes on a…")]
)]
#[case::cut_at_a_character_boundary_with_its_end_trimmed(
    &["ééééééééééééééééééééééééééééééééééééééé ééé"],
    &["ééééééééééééééééééééééééééééééééééééééé"],
    &[("tags cut short", "ééééééééééééééééééééééééééééééééééééééé…")]
)]
#[case::a_comma_cannot_be_in_a_tag(&["tea, coffee", "walk"], &["walk"], &[("names that cannot be tags", "tea, coffee")])]
#[case::control_characters_shown_escaped(&["a\u{7}b"], &[], &[("names that cannot be tags", "a\\u{7}b")])]
fn names_become_valid_tags(#[case] names: &[&str], #[case] want: &[&str], #[case] listed: &[(&str, &str)]) {
    let mut unmapped = Unmapped::default();
    let tags = tags_from(names.iter().copied(), &mut unmapped);
    assert_eq!(tags, want);
    assert!(crate::model::validate_tags(&tags).is_ok());
    let got: Vec<(String, String)> = unmapped
        .into_list()
        .into_iter()
        .flat_map(|n| n.examples.into_iter().map(move |e| (n.what.clone(), e)))
        .collect();
    let listed: Vec<(String, String)> = listed.iter().map(|(w, e)| ((*w).to_owned(), (*e).to_owned())).collect();
    assert_eq!(got, listed);
}

#[test]
fn past_twenty_tags_the_rest_are_listed_as_not_imported() {
    let names: Vec<String> = (1..=23).map(|n| format!("activity {n}")).collect();
    let mut unmapped = Unmapped::default();
    let tags = tags_from(names.iter().map(String::as_str), &mut unmapped);
    assert_eq!(tags.len(), 20);
    assert_eq!(tags.last().map(String::as_str), Some("activity 20"));
    let past = unmapped.into_list();
    assert_eq!(past.len(), 1);
    assert_eq!(past[0].what, "tags past 20 on one entry");
    assert_eq!(past[0].entries, 1);
    assert_eq!(past[0].examples, ["activity 21", "activity 22", "activity 23"]);
}

#[test]
fn a_daylio_entry_with_odd_activities_imports_with_valid_tags() {
    let text = "full_date,date,weekday,time,mood,activities,note_title,note\n\
                2026-03-03,3 March,Tuesday,9:05 pm,good,\"Walk | walk | a very long activity name that goes on and on\",,\n";
    let plan = plan(SourceApp::Daylio, text);
    assert_eq!(plan.journal.checkins[0].tags, ["Walk", "a very long activity name that goes on a"]);
    let preview = plan.to_string();
    assert!(
        preview.contains("tags cut short in 1 entry (a very long activity name that goes on a…): a tag holds at most 40 characters: imported cut to 40"),
        "{preview}"
    );
}

#[rstest]
#[case("SourceApp", None)]
#[case("daylio", Some(SourceApp::Daylio))]
#[case(" eMoods ", Some(SourceApp::Emoods))]
#[case("BEARABLE", Some(SourceApp::Bearable))]
#[case("psychonautwiki", Some(SourceApp::PsychonautWiki))]
fn app_names_parse(#[case] text: &str, #[case] want: Option<SourceApp>) {
    assert_eq!(text.parse::<SourceApp>().ok(), want);
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

proptest! {
    /// Every minute of the day reads the same written as 24-hour or 12-hour time.
    #[test]
    fn clock_times_read_in_both_forms(hour in 0u32..24, minute in 0u32..60, upper in any::<bool>()) {
        let want = NaiveTime::from_hms_opt(hour, minute, 0).unwrap();
        prop_assert_eq!(parse_clock(&format!("{hour}:{minute:02}")), Some(want));
        let h12 = if hour % 12 == 0 { 12 } else { hour % 12 };
        let meridiem = if hour < 12 { "am" } else { "pm" };
        let meridiem = if upper { meridiem.to_uppercase() } else { meridiem.to_owned() };
        prop_assert_eq!(parse_clock(&format!("{h12}:{minute:02} {meridiem}")), Some(want));
    }

    /// Every level of every scale lands on 0–10, in order, with the ends at 0 and 10.
    #[test]
    fn scales_spread_over_zero_to_ten(levels in 2u32..12) {
        let mapped: Vec<u8> = (0..levels).map(|l| to_ten(l, levels)).collect();
        prop_assert_eq!(mapped[0], 0);
        prop_assert_eq!(*mapped.last().unwrap(), 10);
        prop_assert!(mapped.windows(2).all(|w| w[0] < w[1]));
    }
}

#[rstest]
#[case::winter("2026-01-15T20:15:00", -5)]
#[case::summer("2026-07-15T20:15:00", -4)]
#[case::the_hour_before_the_change("2026-03-08T01:30:00", -5)]
#[case::a_skipped_wall_time_keeps_the_offset_before_it("2026-03-08T02:30:00", -5)]
#[case::a_repeated_wall_time_takes_the_first("2026-11-01T01:30:00", -4)]
fn a_zone_gives_each_wall_time_its_own_offset(#[case] local: &str, #[case] hours: i32) {
    let zone = Zone(chrono_tz::America::New_York);
    let local: NaiveDateTime = local.parse().unwrap();
    assert_eq!(zone.at_local(local), FixedOffset::east_opt(hours * 3600).unwrap());
}

#[rstest]
#[case::winter("2026-01-15T12:00:00Z", -5)]
#[case::summer("2026-07-15T12:00:00Z", -4)]
fn a_zone_gives_each_instant_its_offset(#[case] instant: &str, #[case] hours: i32) {
    let zone = Zone(chrono_tz::America::New_York);
    let instant: DateTime<Utc> = instant.parse().unwrap();
    assert_eq!(zone.at_instant(instant), FixedOffset::east_opt(hours * 3600).unwrap());
}

#[test]
fn unknown_daylio_moods_are_listed_once_each_as_first_written() {
    let unmapped = plan(SourceApp::Daylio, DAYLIO_DE);
    assert_eq!(unmapped.unknown_moods, ["super", "lausig", "okay"]);
    let mut settings = ImportSettings::default();
    settings.map_daylio_mood(" LAUSIG ", DaylioLevel::from_number(1).unwrap()).unwrap();
    let partly = read(SourceApp::Daylio, DAYLIO_DE.as_bytes(), &new_york(), &settings).unwrap();
    assert_eq!(partly.unknown_moods, ["super", "okay"]);
    assert_eq!(partly.journal.checkins[1].mood, Some(0));
}

#[rstest]
#[case::default_name("rad", 5, Ok(()))]
#[case::translated("Lausig", 1, Ok(()))]
#[case::empty("  ", 3, Err("The mood name is empty."))]
#[case::too_long(&"x".repeat(201), 3, Err("The mood name is longer than 200 characters."))]
fn mood_mappings_are_checked(#[case] name: &str, #[case] level: u8, #[case] want: Result<(), &str>) {
    let mut settings = ImportSettings::default();
    let got = settings.map_daylio_mood(name, DaylioLevel::from_number(level).unwrap());
    assert_eq!(got, want.map_err(str::to_owned));
    assert_eq!(settings.daylio_moods.len(), usize::from(got.is_ok()));
}

#[rstest]
#[case(0, None)]
#[case(1, Some(DaylioLevel::Awful))]
#[case(5, Some(DaylioLevel::Rad))]
#[case(6, None)]
fn daylio_levels_by_number(#[case] number: u8, #[case] want: Option<DaylioLevel>) {
    let got = DaylioLevel::from_number(number);
    assert_eq!(got.clone().ok(), want);
    if want.is_none() {
        assert_eq!(got.unwrap_err(), format!("{number} is not a Daylio level: use 1 (awful) to 5 (rad)"));
    }
}

#[rstest]
#[case::none(&[], Ok(0))]
#[case::two(&[("Refreshed", 4), ("LAUSIG", 1)], Ok(2))]
#[case::same_name_twice(&[("super", 5), ("Super ", 4)], Ok(1))]
#[case::level_too_high(&[("Refreshed", 4), ("super", 6)], Err((1, "6 is not a Daylio level: use 1 (awful) to 5 (rad).")))]
#[case::level_zero(&[("okay", 0)], Err((0, "0 is not a Daylio level: use 1 (awful) to 5 (rad).")))]
#[case::empty_name(&[(" ", 3)], Err((0, "The mood name is empty.")))]
fn levels_from_a_table_of_choices(#[case] pairs: &[(&str, u8)], #[case] want: Result<usize, (usize, &str)>) {
    let got = ImportSettings::with_daylio_levels(pairs.iter().copied());
    assert_eq!(got.map(|s| s.daylio_moods.len()), want.map_err(|(i, m)| (i, m.to_owned())));
}

#[test]
fn a_name_given_twice_takes_the_later_level() {
    let settings = ImportSettings::with_daylio_levels([("super", 5), ("Super ", 4)]).unwrap();
    assert_eq!(settings.daylio_moods.get("super"), Some(&DaylioLevel::Good));
}

#[rstest]
#[case(SourceApp::Daylio, "a Daylio export")]
#[case(SourceApp::Emoods, "an eMoods export")]
#[case(SourceApp::Bearable, "a Bearable export")]
#[case(SourceApp::PsychonautWiki, "a PsychonautWiki Journal export")]
fn an_apps_export_takes_its_article(#[case] app: SourceApp, #[case] words: &str) {
    assert_eq!(app.an_export(), words);
}

/// Importing an app's file again leaves what the user changed since: the
/// plan leaves out what the journal holds, and the vault never replaces a
/// stored record on such an import, even when handed one.
#[test]
fn importing_again_after_an_edit_keeps_the_edit() {
    use crate::vault::{ImportMode, Vault};
    let dir = tempfile::tempdir().unwrap();
    let mut vault = Vault::create(&dir.path().join("journal.db"), &"pw".to_owned().into()).unwrap();
    let now = Timestamp::parse("2026-03-10T09:00:00-05:00").unwrap();
    let mut first = plan(SourceApp::Daylio, DAYLIO);
    first.leave_stored(&vault.journal().unwrap());
    assert_eq!(first.already_stored, 0);
    assert_eq!(vault.import(&first.journal, ImportMode::AddNew, now).unwrap().added, 6);

    let mut edited = vault.journal().unwrap().checkins[0].clone();
    edited.tags.push("walk".to_owned());
    edited.notes = "Lunch with Sam".to_owned();
    edited.mood = Some(6);
    vault.save(&edited, now).unwrap();
    let before = vault.journal().unwrap();

    let mut again = plan(SourceApp::Daylio, DAYLIO);
    again.leave_stored(&before);
    assert_eq!((again.already_stored, again.journal.dated_record_count()), (6, 0));
    assert!(again.to_string().contains("To import: nothing.\nAlready in your journal, left as they are: 6 records."));
    // Handed the whole file regardless, the vault still leaves the journal as it is.
    let whole = plan(SourceApp::Daylio, DAYLIO).journal;
    let summary = vault.import(&whole, ImportMode::AddNew, now).unwrap();
    assert_eq!((summary.added, summary.updated, summary.unchanged), (0, 0, 6));
    assert_eq!(vault.journal().unwrap(), before);
    assert!(vault.journal().unwrap().checkins.contains(&edited));
}
