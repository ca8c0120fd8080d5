//! `ketalog insights` end to end: import `tests/data/insights.json`, ask for
//! the session effects as of a moment, and compare every number with the
//! value computed by hand from the records (INSIGHTS.md's definitions).
//!
//! The journal (profile weight 80 kg; New York, daylight saving time from
//! 8 March 2026): four session days —
//!
//! | day | sessions | mg/kg | bioavailable mg |
//! |---|---|---|---|
//! | S1 2 March | IV 40 mg | 0.5 | 40 |
//! | S2 9 March | IV 48 mg at 60 kg (its own weight) | 0.8 | 48 |
//! | S3 16 March | IV 40 mg at 10:00 and a 100 mg troche at 23:30 (03:30 UTC the next day) | 0.5 + 1.25 = 1.75 | 40 + 29 = 69 |
//! | S4 30 March | esketamine spray 56 mg | 0.7 | 26.88 |
//!
//! Daily moods, from 27 February: 4 4 5 [5] 7 7 8 5 4 4 [8] 6 – 7 5 4 3 [5]
//! 7 7 6 6 6 5 5 5 – – 4 4 5 [6] 6 6 5 5 6 (session days in brackets; 9
//! March holds a check-in at 00:30 at -04:00 — 23:30 on 8 March in the
//! offset before the change — and one at 20:00; 12 March's was written at
//! -07:00; 17 March has two, 6 and 8). Anxiety and sleep are recorded from
//! 27 February to 8 March only.

use ketalog_tests::Scratch;
use serde_json::Value;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/insights.json");

fn journal() -> Scratch {
    let scratch = Scratch::init();
    scratch.run(&["import", "--take-profile", FIXTURE]).ok();
    scratch
}

fn insights_json(scratch: &Scratch, args: &[&str]) -> Value {
    let mut all = vec!["insights", "--json"];
    all.extend_from_slice(args);
    let run = scratch.run(&all);
    serde_json::from_str(run.ok()).unwrap_or_else(|e| panic!("not JSON ({e}): {}", run.stdout))
}

/// Checks `value[key]` against a hand-computed number (already rounded to
/// 2 decimals, so within 0.005) or null.
#[track_caller]
fn expect(value: &Value, key: &str, want: Option<f64>) {
    match (value[key].as_f64(), want) {
        (Some(got), Some(want)) => assert!((got - want).abs() < 0.005, "{key}: {got}, expected {want} in {value}"),
        (None, None) => assert!(value[key].is_null(), "{key}: {}, expected null", value[key]),
        (got, want) => panic!("{key}: {got:?}, expected {want:?} in {value}"),
    }
}

/// One measure of one session day: before, after, change, held_days, held_at_least.
#[track_caller]
fn expect_effect(day: &Value, measure: &str, want: [Option<f64>; 5]) {
    for (field, want) in ["before", "after", "change", "held_days", "held_at_least"].iter().zip(want) {
        expect(day, &format!("{measure}_{field}"), want);
    }
}

fn row<'a>(rows: &'a Value, key: &str, name: &str, measure: &str) -> &'a Value {
    rows.as_array()
        .expect("a list of rows")
        .iter()
        .find(|r| r[key] == name && r["measure"] == measure)
        .unwrap_or_else(|| panic!("no {key} {name} for {measure} in {rows}"))
}

fn dose_row<'a>(rows: &'a Value, unit: &str, from: f64, measure: &str) -> &'a Value {
    rows.as_array()
        .expect("a list of rows")
        .iter()
        .find(|r| r["dose_unit"] == unit && r["dose_from"].as_f64() == Some(from) && r["measure"] == measure)
        .unwrap_or_else(|| panic!("no {unit} band from {from} for {measure} in {rows}"))
}

/// n, median_change, q1_change, q3_change, median_held_days, censored.
#[track_caller]
fn expect_summary(row: &Value, n: u64, change: Option<[f64; 3]>, median_held: Option<f64>, censored: u64) {
    assert_eq!(row["n"], n, "n in {row}");
    expect(row, "median_change", change.map(|c| c[1]));
    expect(row, "q1_change", change.map(|c| c[0]));
    expect(row, "q3_change", change.map(|c| c[2]));
    expect(row, "median_held_days", median_held);
    assert_eq!(row["censored"], censored, "censored in {row}");
}

const AS_OF: &str = "2026-04-10T12:00:00-04:00";

#[test]
fn every_session_day_as_computed_by_hand() {
    let json = insights_json(&journal(), &["--as-of", AS_OF]);
    let days = json["session_days"].as_array().expect("session_days");
    let listed: Vec<&str> = days.iter().map(|d| d["day"].as_str().unwrap()).collect();
    assert_eq!(listed, ["2026-03-02", "2026-03-09", "2026-03-16", "2026-03-30"]);
    // The troche at 23:30 is on 16 March's local day, after the infusion.
    assert_eq!(
        days[2]["session_ids"],
        serde_json::json!(["00000000-0000-4000-8000-000000000003", "00000000-0000-4000-8000-000000000004"])
    );

    // S1. Mood before (4+4+5)/3 = 4.33, after (7+7+8)/3 = 7.33, change 3.
    // r(4) = (7+8+5)/3 = 6.67, r(5) = (8+5+4)/3 = 5.67, r(6) = (5+4+4)/3 = 13/3:
    // equal to before, so back: held 6 days.
    expect_effect(&days[0], "mood", [Some(4.33), Some(7.33), Some(3.0), Some(6.0), None]);
    // Anxiety before (6+7+6)/3 = 6.33, after (4+4+3)/3 = 3.67, change 6.33 − 3.67 = 2.67;
    // r(4) = 4, r(5) = 5, r(6) = 6, all below 6.33; the next session day (9 March, d+7)
    // stops the count after d+6.
    expect_effect(&days[0], "anxiety", [Some(6.33), Some(3.67), Some(2.67), None, Some(6.0)]);
    // Sleep before (6+6.5+6)/3 = 6.17, after (7.5+7+8)/3 = 7.5, change 1.33;
    // r(4) = 7.33, r(5) = 7.17, r(6) = 6.5, all above: at least 6.
    expect_effect(&days[0], "sleep", [Some(6.17), Some(7.5), Some(1.33), None, Some(6.0)]);

    // S2. Before (5+4+4)/3 = 4.33 (the 00:30 check-in belongs to 9 March, the
    // session day, not to 8 March); after (6 + 7)/2 = 6.5 (11 March missing),
    // change 2.17; r(4) = (7+5)/2 = 6, r(5) = (7+5+4)/3 = 5.33, r(6) = (5+4+3)/3 = 4: held 6.
    expect_effect(&days[1], "mood", [Some(4.33), Some(6.5), Some(2.17), Some(6.0), None]);
    // Anxiety and sleep stop on 8 March: a before, no after.
    expect_effect(&days[1], "anxiety", [Some(6.0), None, None, None, None]);
    expect_effect(&days[1], "sleep", [Some(6.5), None, None, None, None]);

    // S3. Before (5+4+3)/3 = 4, after (7+7+6)/3 = 6.67 (17 March: the mean of 6
    // and 8), change 2.67; r(4) … r(9) from 6.33 down to 5; r(10) and r(11) have
    // one value each (skipped); r(12) = (4+4)/2 = 4: held 12.
    expect_effect(&days[2], "mood", [Some(4.0), Some(6.67), Some(2.67), Some(12.0), None]);
    expect_effect(&days[2], "anxiety", [None, None, None, None, None]);

    // S4. Before (4+4+5)/3 = 4.33, after (6+6+5)/3 = 5.67, change 1.33;
    // r(4) = r(5) = 5.33; the check-ins end on 4 April (d+5): at least 5.
    expect_effect(&days[3], "mood", [Some(4.33), Some(5.67), Some(1.33), None, Some(5.0)]);
}

#[test]
fn summaries_by_route_medication_and_dose_as_computed_by_hand() {
    let json = insights_json(&journal(), &["--as-of", AS_OF]);
    let routes: Vec<&str> = json["by_route"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["measure"] == "mood")
        .map(|r| r["route"].as_str().unwrap())
        .collect();
    assert_eq!(routes, ["iv", "intranasal", "sublingual"]);
    // IV: S1, S2, S3 (S3 also holds the troche). Changes 3, 2.17, 2.67: median
    // 2.67; quartiles 2.17 + (2.67 − 2.17)/2 = 2.42 and 2.67 + (3 − 2.67)/2 = 2.83.
    // Held 6, 6, 12: median 6.
    let iv = row(&json["by_route"], "route", "iv", "mood");
    expect_summary(iv, 3, Some([2.42, 2.67, 2.83]), Some(6.0), 0);
    // Fewer than 3 session days with a change: no figure.
    expect_summary(row(&json["by_route"], "route", "sublingual", "mood"), 1, None, None, 0);
    expect_summary(row(&json["by_route"], "route", "intranasal", "mood"), 1, None, None, 1);
    // Anxiety has a change on S1 only, still holding when S2 came.
    expect_summary(row(&json["by_route"], "route", "iv", "anxiety"), 1, None, None, 1);

    expect_summary(
        row(&json["by_medication"], "medication", "racemic-ketamine", "mood"),
        3,
        Some([2.42, 2.67, 2.83]),
        Some(6.0),
        0,
    );
    expect_summary(row(&json["by_medication"], "medication", "esketamine", "mood"), 1, None, None, 1);

    // mg/kg: S1 0.5, S4 0.7, S2 0.8, S3 1.75: one session day a band.
    let bands: Vec<(f64, f64)> = json["by_dose"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["dose_unit"] == "mg/kg" && r["measure"] == "mood")
        .map(|r| (r["dose_from"].as_f64().unwrap(), r["dose_to"].as_f64().unwrap()))
        .collect();
    assert_eq!(bands, [(0.5, 0.6), (0.7, 0.8), (0.8, 0.9), (1.7, 1.8)]);
    // Bioavailable: S1 40, S2 48, S4 26.88 in 25–50; S3 69 in 50–75. Changes
    // 3, 2.17, 1.33: median 2.17, quartiles 1.33 + 0.83/2 = 1.75 and
    // 2.17 + 0.83/2 = 2.58. Two ended (6, 6): too few for a median; S4 censored.
    expect_summary(dose_row(&json["by_dose"], "bioavailable mg", 25.0, "mood"), 3, Some([1.75, 2.17, 2.58]), None, 1);
    expect_summary(dose_row(&json["by_dose"], "bioavailable mg", 50.0, "mood"), 1, None, None, 0);
    assert_eq!(dose_row(&json["by_dose"], "bioavailable mg", 50.0, "mood")["dose_to"], 75.0);
}

#[test]
fn as_of_decides_what_is_known() {
    let scratch = journal();
    // As of noon on 2 April, that evening's check-in is not yet written: S4's
    // after is (6+6)/2 = 6, change 1.67, and the data end on 1 April (d+2).
    let json = insights_json(&scratch, &["--as-of", "2026-04-02T12:00:00-04:00"]);
    expect_effect(&json["session_days"][3], "mood", [Some(4.33), Some(6.0), Some(1.67), None, Some(2.0)]);
    // As of the date 2 April in New York: the end of that day, 23:59:59-04:00.
    let run = scratch.run_env(&["insights", "--json", "--as-of", "2026-04-02"], &[("TZ", "America/New_York")]);
    let json: Value = serde_json::from_str(run.ok()).unwrap();
    expect_effect(&json["session_days"][3], "mood", [Some(4.33), Some(5.67), Some(1.33), None, Some(3.0)]);
    // As of noon on 29 March, S4 has not happened and that evening's check-in
    // is unwritten: S3's count runs to the end of the data, 28 March, whose
    // window r(12) = 4 still ends it.
    let json = insights_json(&scratch, &["--as-of", "2026-03-29T12:00:00-04:00"]);
    assert_eq!(json["session_days"].as_array().unwrap().len(), 3);
    expect(&json["session_days"][2], "mood_held_days", Some(12.0));
    // A day earlier the data end on 27 March: at least 11 days.
    let json = insights_json(&scratch, &["--as-of", "2026-03-28T12:00:00-04:00"]);
    expect_effect(&json["session_days"][2], "mood", [Some(4.0), Some(6.67), Some(2.67), None, Some(11.0)]);
}

#[test]
fn the_period_chooses_the_session_days() {
    let json = insights_json(&journal(), &["--as-of", AS_OF, "--from", "2026-03-09", "--to", "2026-03-20"]);
    let days = json["session_days"].as_array().unwrap();
    let listed: Vec<&str> = days.iter().map(|d| d["day"].as_str().unwrap()).collect();
    assert_eq!(listed, ["2026-03-09", "2026-03-16"]);
    // S3's count reads check-ins after the period's end, to 28 March.
    expect(&days[1], "mood_held_days", Some(12.0));
    // Two IV session days with a change: not enough for a figure.
    expect_summary(row(&json["by_route"], "route", "iv", "mood"), 2, None, None, 0);
}

#[test]
fn text_says_the_summaries_in_sentences_with_their_n() {
    let scratch = journal();
    let run = scratch.run(&["insights", "--as-of", AS_OF]);
    let text = run.ok().split_whitespace().collect::<Vec<_>>().join(" ");
    for sentence in [
        "Session effects as of 2026-04-10T12:00:00-04:00, all session days: 4 session days.",
        "After IV sessions, your mood over the next three days was a median 2.67 points higher than over the three \
         days before (3 session days; the middle half between 2.42 and 2.83 points higher). Of the 3 session days \
         with a gain, all 3 ended after a median of 6 days.",
        "After intranasal sessions: not enough data on your mood yet (1 session day with a before and an after, 3 \
         are needed).",
        "2026-03-02 (1 session): mood 4.33 → 7.33 (3 better), held 6 days; anxiety 6.33 → 3.67 (2.67 better), still \
         holding after 6 days when the next session came; sleep 6.17 → 7.5 (1.33 better), still holding after 6 \
         days when the next session came.",
        "2026-03-16 (2 sessions): mood 4 → 6.67 (2.67 better), held 12 days; anxiety: too few check-ins before and \
         after; sleep: too few check-ins before and after.",
        "not what the sessions caused",
    ] {
        assert!(text.contains(sentence), "missing {sentence:?} in:\n{}", run.stdout);
    }
    // Notes never appear, and messages stay off standard output.
    assert!(!run.stdout.contains("zanzibar"));
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn a_journal_without_sessions_says_so() {
    let scratch = Scratch::init();
    let json = insights_json(&scratch, &["--as-of", AS_OF]);
    assert_eq!(json, serde_json::json!({ "session_days": [], "by_route": [], "by_medication": [], "by_dose": [] }));
    let text = scratch.run(&["insights", "--as-of", AS_OF]);
    assert_eq!(text.ok().trim(), "Session effects as of 2026-04-10T12:00:00-04:00, all session days: 0 session days.");
}

#[test]
fn mood_on_days_with_a_tag_is_set_beside_the_other_days() {
    let scratch = Scratch::init();
    // Twelve days from 1 March: mood 7 on the six tagged "walk", 4 on the others; one session.
    let checkins: Vec<Value> = (1..=12)
        .map(|day| {
            let walk = day % 2 == 0;
            let mut checkin = serde_json::json!({
                "id": format!("00000000-0000-4000-8000-{day:012}"),
                "at": format!("2026-03-{day:02}T20:00:00-05:00"),
                "mood": if walk { 7 } else { 4 },
            });
            if walk {
                checkin["tags"] = serde_json::json!(["walk"]);
            }
            checkin
        })
        .collect();
    let document = serde_json::json!({
        "format": "ketalog-data", "version": 1, "exported_at": "2026-03-20T12:00:00Z",
        "sessions": [{"id": "00000000-0000-4000-8000-000000000100", "started_at": "2026-03-06T10:00:00-05:00",
            "medication": "racemic-ketamine", "route": "iv", "dose_mg": 35, "tags": ["clinic B"]}],
        "checkins": checkins,
    });
    scratch.import_text("tagged.json", &document.to_string()).ok();
    let json = insights_json(&scratch, &["--as-of", AS_OF]);
    let by_tag = json["by_tag"].as_array().expect("a list of tags");
    assert_eq!(by_tag.len(), 1, "clinic B has one day: not enough to compare: {by_tag:?}");
    assert_eq!((by_tag[0]["tag"].as_str(), by_tag[0]["days_with"].as_u64()), (Some("walk"), Some(6)));
    expect(&by_tag[0], "mood_with", Some(7.0));
    expect(&by_tag[0], "mood_without", Some(4.0));
    let run = scratch.run(&["insights", "--as-of", AS_OF]);
    assert!(run.ok().contains("\nMood on days with a tag:\n  On the 6 days tagged “walk”"), "{}", run.stdout);
    // Lines are wrapped for the terminal: compare the words.
    let words = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(
            "On the 6 days tagged “walk”, mood averaged 7 of 10; on the 6 other days with a mood, 4 of 10. This is \
             what was logged on those days, not evidence that “walk” changed the mood."
        ),
        "{words}"
    );
}

#[test]
fn bad_arguments_get_one_line_and_exit_1() {
    let scratch = journal();
    for (args, says) in [
        (&["insights", "--from", "2026-02-30"][..], "--from: 2026-02-30 is not a calendar date"),
        (&["insights", "--to", "March"][..], "--to: expected a date like 2026-03-01"),
        (&["insights", "--from", "2026-04-01", "--to", "2026-03-01"][..], "starts on 2026-04-01 but ends earlier"),
        (&["insights", "--as-of", "soon"][..], "--as-of: expected an RFC 3339 time"),
    ] {
        let run = scratch.run(args);
        assert!(run.fails_with(1).contains(says), "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty());
    }
}
