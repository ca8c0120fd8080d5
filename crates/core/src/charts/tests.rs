//! Chart tests: golden SVGs on a fixed journal (both themes) and on ten
//! years, empty and one-point states, long journals, and what the charts
//! cost.
//!
//! `UPDATE_GOLDEN=1 cargo test -p ketalog-core charts` rewrites the golden
//! files after an intended change; review them (as images) before committing.
//! `KETALOG_CHART_DIR=<folder>` writes the demo's charts there, for looking at.

use std::path::PathBuf;

use chrono::{Days, NaiveDate};
use uuid::Uuid;

use super::*;
use crate::model::{BladderDay, BloodPressure, CheckIn, GadSeven, Medication, PhqNine, Profile, Route, Session};
use crate::time::Timestamp;

fn day(text: &str) -> NaiveDate {
    crate::time::parse_day(text).unwrap()
}

fn at(day: NaiveDate, hour: u32) -> Timestamp {
    Timestamp::parse(&format!("{}T{hour:02}:00:00-05:00", day.format("%Y-%m-%d"))).unwrap()
}

fn id(n: u64) -> Uuid {
    Uuid::from_u64_pair(0x6b65_7461, n)
}

fn session(n: u64, on: NaiveDate, mg: f64, route: Route) -> Session {
    Session {
        duration_min: Some(40),
        bp_pre: Some(BloodPressure { systolic: 118 + (n % 5) as u16 * 4, diastolic: 76 + (n % 3) as u16 * 3 }),
        bp_post: Some(BloodPressure { systolic: 132 + (n % 4) as u16 * 6, diastolic: 84 + (n % 3) as u16 * 4 }),
        heart_rate_pre: Some(70),
        heart_rate_post: Some(78),
        dissociation: Some(4),
        ..Session::new(id(n), at(on, 10), Medication::RacemicKetamine, route, mg)
    }
}

/// Eight weeks with a loading series, fortnightly questionnaires, daily
/// check-ins with a gap, and a few bladder symptom days: fixed by hand so
/// that golden files change only when the drawing does.
pub(crate) fn fixed_journal() -> Journal {
    let start = day("2026-03-02");
    let on = |n: u64| start + Days::new(n);
    let mut journal =
        Journal { profile: Profile { weight_kg: Some(70.0), ..Profile::default() }, ..Journal::default() };
    for (n, d) in [1, 3, 6, 8, 10, 13, 41].into_iter().enumerate() {
        journal.sessions.push(session(n as u64, on(d), 35.0, Route::Iv));
    }
    // A home troche on two days running, the second day taken twice.
    journal.sessions.push(session(20, on(30), 150.0, Route::Sublingual));
    let mut second = session(21, on(31), 150.0, Route::Sublingual);
    second.started_at = at(on(31), 9);
    journal.sessions.push(second);
    let mut third = session(22, on(31), 100.0, Route::Sublingual);
    third.started_at = at(on(31), 19);
    third.bp_post = None;
    journal.sessions.push(third);

    for (n, (d, phq, gad)) in [(0, 19, 14), (14, 13, 10), (28, 9, 8), (42, 6, 5), (55, 4, 4)].into_iter().enumerate() {
        let mut items = [0u8; 9];
        let mut left = phq - u8::from(n == 0);
        for item in items.iter_mut().take(8) {
            *item = left.min(3);
            left -= *item;
        }
        items[8] = u8::from(n == 0);
        journal.phq9.push(PhqNine { id: id(100 + n as u64), at: at(on(d), 9), items, difficulty: None });
        let mut items = [0u8; 7];
        let mut left = gad;
        for item in &mut items {
            *item = left.min(3);
            left -= *item;
        }
        journal.gad7.push(GadSeven { id: id(200 + n as u64), at: at(on(d), 9), items });
    }
    for d in (0..56).filter(|d| !(20..24).contains(d)) {
        let wave = [0, 1, 1, 2, 1, 0, -1][(d % 7) as usize];
        journal.checkins.push(CheckIn {
            mood: Some((3 + d / 9 + u64::from(wave > 0)) as u8),
            anxiety: Some((7 - d / 12) as u8),
            sleep_hours: Some(5.5 + (d / 8) as f64 * 0.5 + f64::from(wave) * 0.25),
            // Energy recorded from the second week on.
            energy: (d >= 7).then(|| (4 + d / 11 + u64::from(wave < 0)) as u8),
            ..CheckIn::new(id(300 + d), at(on(d), 20))
        });
    }
    for d in 0..56 {
        let symptom = (32..36).contains(&d);
        journal.bladder.push(BladderDay {
            id: id(400 + d),
            date: on(d),
            day_voids: Some(if symptom { 11 } else { 6 + (d % 3) as u16 }),
            night_voids: Some(if symptom { 2 } else { (d % 5 == 0).into() }),
            urgency: Some(if symptom { 3 } else { 0 }),
            pain: Some(if symptom { 4 } else { 0 }),
            burning: symptom && d % 2 == 0,
            visible_blood: d == 34,
            cloudy: false,
            leakage: false,
            notes: String::new(),
            share_notes: false,
        });
    }
    journal
}

fn fixed_range() -> DateRange {
    DateRange::new(day("2026-03-01"), day("2026-04-30")).unwrap()
}

fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/charts").join(name)
}

/// The demo's ten years, and the range of all ten.
fn ten_years() -> (Journal, DateRange) {
    (
        crate::demo::journal_of_years(day("2026-11-21"), 10),
        DateRange::new(day("2016-11-22"), day("2026-11-21")).unwrap(),
    )
}

/// Compares each chart with its golden file in `folder` (or rewrites them
/// under `UPDATE_GOLDEN`); returns the ids of those that differ.
fn stale_goldens(charts: &[Chart], folder: &str) -> Vec<&'static str> {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut stale = Vec::new();
    for chart in charts {
        let path = golden_path(&format!("{folder}{}.svg", chart.id));
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &chart.svg).unwrap();
            continue;
        }
        let golden = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e}; run with UPDATE_GOLDEN=1 to create it", path.display()));
        if golden != chart.svg {
            stale.push(chart.id);
        }
    }
    stale
}

#[rstest::rstest]
#[case::light(Theme::Light, "")]
#[case::dark(Theme::Dark, "dark/")]
fn charts_match_their_golden_files(#[case] theme: Theme, #[case] folder: &str) {
    let stale = stale_goldens(&all_themed(&fixed_journal(), fixed_range(), theme).unwrap(), folder);
    assert!(stale.is_empty(), "charts differ from their golden files: {stale:?} (UPDATE_GOLDEN=1 rewrites them)");
}

#[test]
fn ten_year_charts_match_their_golden_files() {
    let (journal, range) = ten_years();
    let stale = stale_goldens(&all(&journal, range).unwrap(), "ten-years/");
    assert!(stale.is_empty(), "charts differ from their golden files: {stale:?} (UPDATE_GOLDEN=1 rewrites them)");
}

#[test]
fn the_theme_changes_the_colours_only() {
    let journal = fixed_journal();
    let light = all_themed(&journal, fixed_range(), Theme::Light).unwrap();
    let dark = all_themed(&journal, fixed_range(), Theme::Dark).unwrap();
    assert_eq!(light, all(&journal, fixed_range()).unwrap(), "all() is the light theme");
    for (l, d) in light.iter().zip(&dark) {
        assert_eq!((l.id, &l.title, &l.alt_text, &l.table), (d.id, &d.title, &d.alt_text, &d.table));
        assert_eq!(l.element_count(), d.element_count(), "{}", l.id);
        // The card is drawn first, in the theme's colour, and no white is left in the dark one.
        assert!(l.svg.contains("fill=\"#ffffff\"/>") && !l.svg.contains("#1e2427"), "{}", l.id);
        assert!(d.svg.contains("fill=\"#1e2427\"/>") && !d.svg.contains("#ffffff"), "{}", d.id);
        let strip = |svg: &str| svg.split('"').step_by(2).collect::<String>();
        assert_eq!(strip(&l.svg), strip(&d.svg), "{}: only attribute values differ", l.id);
    }
}

#[test]
fn charts_are_deterministic_and_described() {
    let journal = fixed_journal();
    let a = all(&journal, fixed_range()).unwrap();
    let b = all(&journal, fixed_range()).unwrap();
    assert_eq!(a, b);
    let ids: Vec<&str> = a.iter().map(|c| c.id).collect();
    assert_eq!(ids, ["phq9", "gad7", "checkins", "doses", "bladder", "blood-pressure"]);
    // Each kind names the chart it draws, and is found again by that name.
    let kinds: Vec<&str> = ChartKind::ALL.iter().map(|k| k.id()).collect();
    assert_eq!(kinds, ids);
    assert!(ChartKind::ALL.into_iter().all(|k| ChartKind::from_id(k.id()) == Some(k)));
    assert_eq!(ChartKind::from_id("mood"), None);
    for chart in &a {
        assert!(chart.svg.starts_with("<svg"), "{}", chart.id);
        let titled = format!("<title>{}. {}</title>", chart.title, chart.alt_text);
        assert!(chart.svg.contains(&titled.replace('&', "&amp;")), "{} carries its title", chart.id);
        assert!(chart.svg.contains(crate::fonts::FAMILY), "{} uses the bundled family", chart.id);
        assert!(chart.alt_text.ends_with('.') && !chart.alt_text.contains('\n'), "{}", chart.alt_text);
        assert!(!chart.table.rows.is_empty(), "{} has data", chart.id);
        assert!(chart.table.rows.iter().all(|r| r.len() == chart.table.columns.len()), "{}", chart.id);
    }
    let phq = &a[0];
    assert_eq!(phq.table.rows[0], ["2 Mar 2026", "19", "moderately severe", "1"]);
    assert_eq!(
        phq.alt_text,
        "PHQ-9 totals from 19 (moderately severe) on 2 Mar 2026 to 4 (minimal) on 26 Apr 2026, 5 questionnaires; 10 sessions are marked."
    );
    let doses = &a[3];
    // Two troche days: 150 mg, then 150 + 100 = 250 mg, above the line.
    assert!(
        doses.alt_text.contains("the highest daily total was 250 mg, and 1 day was above 200 mg"),
        "{}",
        doses.alt_text
    );
    let sublingual = doses.table.rows.iter().find(|r| r[2] == "sublingual").unwrap();
    assert_eq!(sublingual[4], "2.14");
    assert_eq!(sublingual[5], "44");
    let bladder = &a[4];
    assert!(bladder.alt_text.contains("4 days showed a warning sign (visible blood on 1 day)"), "{}", bladder.alt_text);
}

#[test]
fn empty_and_single_point_periods_draw_a_helpful_state() {
    let journal = fixed_journal();
    let empty = DateRange::new(day("2025-01-01"), day("2025-01-31")).unwrap();
    for chart in all(&journal, empty).unwrap() {
        assert!(chart.table.rows.is_empty(), "{}", chart.id);
        assert!(chart.alt_text.starts_with("No "), "{}: {}", chart.id, chart.alt_text);
    }
    let phq = phq9(&journal, empty, Theme::Light).unwrap();
    assert!(phq.svg.contains("No PHQ-9 in this period"));
    assert!(gad7(&Journal::default(), empty, Theme::Dark).unwrap().svg.contains("No GAD-7 in this period"));

    // One day holding one questionnaire, one session, one check-in, one diary day.
    let one = DateRange::new(day("2026-03-16"), day("2026-03-16")).unwrap();
    let charts = all(&journal, one).unwrap();
    if let Some(dir) = std::env::var_os("KETALOG_CHART_DIR") {
        for (prefix, charts) in [("empty", all(&journal, empty).unwrap()), ("one-day", charts.clone())] {
            for chart in charts {
                std::fs::write(PathBuf::from(&dir).join(format!("{prefix}-{}.svg", chart.id)), &chart.svg).unwrap();
            }
        }
    }
    assert!(charts[0].alt_text.starts_with("One PHQ-9"), "{}", charts[0].alt_text);
    assert!(!charts[0].svg.contains("No PHQ-9"));
    // One session is "1 session", not "1 sessions".
    let single = Journal { sessions: vec![session(1, day("2026-03-16"), 50.0, Route::Iv)], ..Journal::default() };
    for chart in all(&single, one).unwrap().iter().filter(|c| c.id == "doses" || c.id == "blood-pressure") {
        assert!(chart.alt_text.contains("1 session from"), "{}: {}", chart.id, chart.alt_text);
    }
    let journal = Journal::default();
    for chart in all(&journal, one).unwrap() {
        assert!(chart.table.rows.is_empty());
    }
}

#[test]
fn over_ten_years_the_marks_are_monthly_and_the_tables_complete() {
    let (journal, range) = ten_years();
    let charts = all(&journal, range).unwrap();
    let by_id = |id: &str| charts.iter().find(|c| c.id == id).unwrap();
    assert_eq!(by_id("phq9").table.rows.len(), journal.phq9.len());
    assert_eq!(by_id("doses").table.rows.len(), journal.sessions.len());
    assert_eq!(by_id("bladder").table.rows.len(), journal.bladder.len());
    let checkin_days: std::collections::BTreeSet<NaiveDate> =
        journal.checkins.iter().map(|c| c.at.local_day()).collect();
    assert_eq!(by_id("checkins").table.rows.len(), checkin_days.len());
    assert!(by_id("checkins").alt_text.contains("drawn as monthly ranges and means"), "{}", by_id("checkins").alt_text);
    assert!(by_id("phq9").svg.contains("Month with a session"));
    assert!(by_id("doses").svg.contains("Highest daily total in the month"));
    assert!(by_id("bladder").svg.contains("Month with a warning sign"));
    // Five years: a mark per week.
    let five = DateRange::new(day("2021-11-22"), day("2026-11-21")).unwrap();
    let charts = all(&journal, five).unwrap();
    let by_id = |id: &str| charts.iter().find(|c| c.id == id).unwrap();
    assert!(by_id("checkins").alt_text.contains("drawn as weekly ranges and means"), "{}", by_id("checkins").alt_text);
    assert!(by_id("phq9").svg.contains("Week with a session"));
    assert!(by_id("blood-pressure").svg.contains("Before, each week&apos;s range"));
    // One year has room for a mark per day.
    let year = DateRange::new(day("2025-11-22"), day("2026-11-21")).unwrap();
    let charts = all(&journal, year).unwrap();
    assert!(charts[0].svg.contains(">Session</text>"));
    assert!(!charts[2].alt_text.contains("weekly"), "{}", charts[2].alt_text);
}

#[test]
fn the_order_of_the_records_does_not_matter() {
    let (journal, range) = ten_years();
    let mut reversed = journal.clone();
    reversed.sessions.reverse();
    reversed.checkins.reverse();
    reversed.phq9.reverse();
    reversed.gad7.reverse();
    reversed.bladder.reverse();
    let year = DateRange::new(day("2025-11-22"), day("2026-11-21")).unwrap();
    for range in [range, year] {
        for (a, b) in all(&journal, range).unwrap().iter().zip(all(&reversed, range).unwrap()) {
            assert_eq!(a.table, b.table, "{}", a.id);
            assert_eq!(a.alt_text, b.alt_text, "{}", a.id);
            assert!(a.svg == b.svg, "{}", a.id);
        }
    }
}

/// `journal` with every check-in, session and questionnaire given a twin a
/// few hours later (other values, new ids), and the whole diary kept: more
/// than twice the records to draw in the same days.
fn denser(journal: &Journal) -> Journal {
    let mut dense = journal.clone();
    let later = |at: Timestamp| {
        let twin = Timestamp::from_datetime(at.datetime() + chrono::Duration::hours(1));
        assert_eq!(twin.local_day(), at.local_day());
        twin
    };
    let twin = |id: Uuid| Uuid::from_u128(!id.as_u128());
    for c in &journal.checkins {
        dense.checkins.push(CheckIn { id: twin(c.id), at: later(c.at), mood: c.mood.map(|m| 10 - m), ..c.clone() });
    }
    for s in &journal.sessions {
        dense.sessions.push(Session {
            id: twin(s.id),
            started_at: later(s.started_at),
            dose_mg: s.dose_mg / 2.0,
            ..s.clone()
        });
    }
    for q in &journal.phq9 {
        dense.phq9.push(PhqNine { id: twin(q.id), at: later(q.at), ..q.clone() });
    }
    dense
}

fn elements(charts: &[Chart]) -> usize {
    charts.iter().map(Chart::element_count).sum()
}

/// What the charts cost a viewer grows with their pixels, not with the
/// records: the same number of SVG elements for twice the records, and
/// well under 1,500 for all six charts whatever the range.
#[rstest::rstest]
#[case::a_month("2026-10-22", "2026-11-21")]
#[case::a_year("2025-11-22", "2026-11-21")]
#[case::two_years("2024-11-22", "2026-11-21")]
#[case::ten_years("2016-11-22", "2026-11-21")]
fn the_cost_of_the_charts_does_not_grow_with_the_records(#[case] from: &str, #[case] to: &str) {
    let (journal, _) = ten_years();
    let range = DateRange::new(day(from), day(to)).unwrap();
    let dense = denser(&journal);
    for theme in Theme::ALL {
        let sparse = all_themed(&journal, range, theme).unwrap();
        let doubled = all_themed(&dense, range, theme).unwrap();
        let counts = |charts: &[Chart]| charts.iter().map(Chart::element_count).collect::<Vec<_>>();
        assert!(doubled[3].table.rows.len() >= 2 * sparse[3].table.rows.len());
        assert_eq!(counts(&sparse), counts(&doubled), "{from} to {to}, {}", theme.name());
        assert!(elements(&sparse) < 1_000, "{from} to {to}: {} elements", elements(&sparse));
        for chart in &sparse {
            assert!(chart.svg.len() < 200_000, "{} is {} bytes", chart.id, chart.svg.len());
        }
    }
}

proptest::proptest! {
    #[test]
    fn days_are_written_as_chrono_writes_them(days in 0i64..3_652_425) {
        // Every day of the years 0 to 9999.
        let day = NaiveDate::from_ymd_opt(0, 1, 1).unwrap() + chrono::Duration::days(days);
        proptest::prop_assert_eq!(format_day(day), day.format("%-d %b %Y").to_string());
    }
}

/// The demo's last year and all ten years draw in both themes, every chart
/// with data; with `KETALOG_CHART_DIR` set, their SVGs are written there.
#[test]
fn demo_charts_render() {
    let until = day("2026-11-21");
    let journal = crate::demo::journal(until);
    let range = DateRange::new(day("2025-11-22"), until).unwrap();
    let (ten, decade) = ten_years();
    let dir = std::env::var_os("KETALOG_CHART_DIR");
    for theme in Theme::ALL {
        for (span, journal, range) in [("year", &journal, range), ("ten-years", &ten, decade)] {
            for chart in all_themed(journal, range, theme).unwrap() {
                assert!(!chart.table.rows.is_empty(), "{span} {}", chart.id);
                if let Some(dir) = &dir {
                    let name = format!("{span}-{}-{}.svg", theme.name(), chart.id);
                    std::fs::write(PathBuf::from(dir).join(name), &chart.svg).unwrap();
                }
            }
        }
    }
}

/// A range's ends, an open end written as `..`.
fn ends(range: DateRange) -> (String, String) {
    let shown = |d: NaiveDate, open: NaiveDate| if d == open { "..".to_owned() } else { d.to_string() };
    (shown(range.from(), NaiveDate::MIN), shown(range.to(), NaiveDate::MAX))
}

#[rstest::rstest]
#[case::no_bounds(None, None, None)]
#[case::both(Some("2026-03-01"), Some("2026-03-31"), Some(("2026-03-01", "2026-03-31")))]
#[case::one_day(Some("2026-03-01"), Some("2026-03-01"), Some(("2026-03-01", "2026-03-01")))]
#[case::from_on(Some("2026-03-01"), None, Some(("2026-03-01", "..")))]
#[case::up_to(None, Some("2026-03-31"), Some(("..", "2026-03-31")))]
fn a_range_between_optional_bounds(
    #[case] from: Option<&str>,
    #[case] to: Option<&str>,
    #[case] expected: Option<(&str, &str)>,
) {
    let range = DateRange::between(from.map(day), to.map(day)).unwrap();
    assert_eq!(range.map(ends), expected.map(|(f, t)| (f.to_owned(), t.to_owned())));
}

#[test]
fn a_range_between_bounds_the_wrong_way_round_is_refused() {
    let err = DateRange::between(Some(day("2026-03-31")), Some(day("2026-03-01"))).unwrap_err();
    assert_eq!(err.to_string(), "the period starts on 2026-03-31 but ends earlier, on 2026-03-01");
    assert_eq!(err.sentence(), "The period starts on 31 Mar 2026 but ends earlier, on 1 Mar 2026.");
}
