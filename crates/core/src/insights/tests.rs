//! Table tests of every definition in INSIGHTS.md, and an independent
//! recomputation checked against the module on random journals.
//!
//! Most cases are written as a *timeline*: one token per local day from
//! 1 March 2026 (day 0), separated by spaces. `4` is a check-in with that
//! value (at 20:00, -05:00), `-` a day without one, `S` a session (at 10:00)
//! and `S4` a session and a check-in; `SS` two sessions on the day.

use chrono::{Datelike, Days, NaiveDate};
use rstest::rstest;
use uuid::Uuid;

use super::*;
use crate::model::{CheckIn, Profile};

fn ts(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

fn day(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().checked_add_days(Days::new(n)).unwrap()
}

fn at(day: NaiveDate, hh_mm: &str, offset: &str) -> Timestamp {
    ts(&format!("{day}T{hh_mm}:00{offset}"))
}

/// Long after every timeline.
const LATER: &str = "2026-12-31T12:00:00-05:00";

fn checkin(at: Timestamp, measure: Measure, value: f64) -> CheckIn {
    let score = || Some(value as u8);
    CheckIn {
        mood: if measure == Measure::Mood { score() } else { None },
        anxiety: if measure == Measure::Anxiety { score() } else { None },
        sleep_hours: if measure == Measure::Sleep { Some(value) } else { None },
        ..CheckIn::new(Uuid::new_v4(), at)
    }
}

fn iv(at: Timestamp, dose_mg: f64) -> Session {
    Session::new(Uuid::new_v4(), at, Medication::RacemicKetamine, Route::Iv, dose_mg)
}

fn timeline(text: &str, measure: Measure) -> Journal {
    let mut journal = Journal::default();
    for (n, token) in text.split_whitespace().enumerate() {
        let d = day(n as u64);
        let sessions = token.chars().take_while(|c| *c == 'S').count();
        for i in 0..sessions {
            journal.sessions.push(iv(at(d, &format!("{:02}:00", 10 + i), "-05:00"), 35.0));
        }
        match &token[sessions..] {
            "" | "-" => {}
            value => journal.checkins.push(checkin(at(d, "20:00", "-05:00"), measure, value.parse().unwrap())),
        }
    }
    journal
}

fn first_effect(journal: &Journal, measure: Measure, as_of: &str) -> Effect {
    *session_effects(journal, ts(as_of), None).session_days[0].effect(measure)
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

#[track_caller]
fn assert_effect(effect: &Effect, before: Option<f64>, after: Option<f64>, change: Option<f64>, held: Option<Held>) {
    assert!(close(effect.before, before), "before: {:?}, expected {before:?}", effect.before);
    assert!(close(effect.after, after), "after: {:?}, expected {after:?}", effect.after);
    assert!(close(effect.change, change), "change: {:?}, expected {change:?}", effect.change);
    assert_eq!(effect.held, held, "held");
}

const NEXT: Censor = Censor::NextSession;
const END: Censor = Censor::EndOfData;

fn fell(days: u32) -> Option<Held> {
    Some(Held::Days(days))
}

fn at_least(at_least: u32, by: Censor) -> Option<Held> {
    Some(Held::AtLeast { at_least, by })
}

#[test]
fn measures_are_numbered_in_the_order_they_are_stored() {
    // Effects and summaries are arrays in the order of `Measure::ALL`, read
    // back by `measure as usize`.
    for (i, measure) in Measure::ALL.into_iter().enumerate() {
        assert_eq!(measure as usize, i);
    }
}

// ---- before, after and change (mood) -------------------------------------

#[rstest]
#[case::all_three_each_side("4 4 4 S 7 7 7", Some(4.0), Some(7.0))]
#[case::two_of_three_before("4 - 5 S 7 7 7", Some(4.5), Some(7.0))]
#[case::two_of_three_after("4 4 4 S 6 - 7", Some(4.0), Some(6.5))]
#[case::one_of_three_before_is_none("- - 5 S 7 7 7", None, Some(7.0))]
#[case::one_of_three_after_is_none("4 4 4 S - - 7", Some(4.0), None)]
#[case::none_after_is_none("4 4 4 S", Some(4.0), None)]
#[case::the_session_day_itself_is_in_neither_window("4 4 4 S9 7 7 7", Some(4.0), Some(7.0))]
#[case::day_minus_four_and_plus_four_are_outside("9 4 4 4 S 7 7 7 0", Some(4.0), Some(7.0))]
fn before_and_after_are_three_day_means_with_two_of_three(
    #[case] line: &str,
    #[case] before: Option<f64>,
    #[case] after: Option<f64>,
) {
    // The session day is the first S; pad the timeline so that d−3 exists.
    let effect = first_effect(&timeline(line, Measure::Mood), Measure::Mood, LATER);
    assert!(close(effect.before, before), "before {:?}", effect.before);
    assert!(close(effect.after, after), "after {:?}", effect.after);
    let change = before.zip(after).map(|(b, a)| a - b);
    assert!(close(effect.change, change), "change {:?}", effect.change);
}

#[test]
fn a_day_with_several_checkins_counts_once_with_their_mean() {
    // Three check-ins on d−1 (2, 4, 9: mean 5) count as one day, not three.
    let mut journal = timeline("4 4 - S 7 7 7 7 7 7 7 7", Measure::Mood);
    for (hh, mood) in [("08", 2.0), ("13", 4.0), ("21", 9.0)] {
        journal.checkins.push(checkin(at(day(2), &format!("{hh}:00"), "-05:00"), Measure::Mood, mood));
    }
    let effect = first_effect(&journal, Measure::Mood, LATER);
    assert!(close(effect.before, Some((4.0 + 4.0 + 5.0) / 3.0)), "{effect:?}");
}

#[rstest]
#[case::worse_has_no_held_for("6 6 6 S 4 4 4 6 6", Some(-2.0))]
#[case::no_change_has_no_held_for("5 5 5 S 5 5 5 5", Some(0.0))]
#[case::no_before_no_change("- - 6 S 7 7 7", None)]
fn held_for_only_when_the_change_is_positive(#[case] line: &str, #[case] change: Option<f64>) {
    let effect = first_effect(&timeline(line, Measure::Mood), Measure::Mood, LATER);
    assert!(close(effect.change, change), "{effect:?}");
    assert_eq!(effect.held, None);
}

// ---- held for ---------------------------------------------------------------

#[rstest]
// r(4) = (7+7+4)/3 = 6, r(5) = (7+4+4)/3 = 5, r(6) = 4 ≤ 4 on the last day of data.
#[case::ends_on_the_last_day_of_data("4 4 4 S 7 7 7 4 4 4", fell(6))]
// r(6) = (5+4+4)/3 = 4.33 > 4, r(7) = 4: back at the level before (equal counts).
#[case::equal_to_before_counts_as_back("4 4 4 S 7 7 7 5 4 4 4", fell(7))]
// r(4) = 6.67 with d+4 missing … r(5) has 1 value (skip), r(6) 1 (skip), r(7) = 3.
#[case::windows_with_one_value_are_skipped("4 4 4 S 7 7 7 - - 3 3", fell(7))]
#[case::a_window_below_before_ends_it("4 4 4 S 7 7 7 1 1 1", fell(5))]
// Still above 4 on every window up to the last check-in, d+8: held at least 8 days.
#[case::censored_by_the_last_checkin("4 4 4 S 7 7 7 6 6 5 5 5", at_least(8, END))]
// The next session on d+6: days up to d+5 are looked at; r(6) = 4 would be on the next session day.
#[case::the_next_session_day_is_not_looked_at("4 4 4 S 7 7 7 4 4 S4 4 4", at_least(5, NEXT))]
#[case::censored_by_the_next_session("4 4 4 S 7 7 7 6 S 5", at_least(4, NEXT))]
#[case::next_session_two_days_later("4 4 4 S 7 S7 7 7", at_least(1, NEXT))]
#[case::next_session_the_day_after("4 4 4 S S7 7 7 7", at_least(0, NEXT))]
// The next session comes the day after the last check-in: both stop the count after d+5;
// the next session is named.
#[case::next_session_and_end_of_data_together("4 4 4 S 7 7 7 6 6 S", at_least(5, NEXT))]
fn held_for_and_censoring(#[case] line: &str, #[case] held: Option<Held>) {
    let effect = first_effect(&timeline(line, Measure::Mood), Measure::Mood, LATER);
    assert_eq!(effect.held, held, "{effect:?}");
}

#[rstest]
// Check-ins run to d+8, but the as-of day is d+5 (11 March): censored there.
#[case::as_of_day_earlier_than_the_last_checkin("2026-03-11T23:00:00-05:00", at_least(5, END))]
// As of 10:00 on d+5 the evening check-in of d+5 is not yet written: the data ends on d+4.
#[case::as_of_before_that_days_checkin("2026-03-11T10:00:00-05:00", at_least(4, END))]
#[case::as_of_after_everything(LATER, at_least(8, END))]
fn censored_by_the_as_of_day(#[case] as_of: &str, #[case] held: Option<Held>) {
    let journal = timeline("4 4 4 4 4 S 7 7 7 6 6 5 5 5", Measure::Mood);
    let effect = first_effect(&journal, Measure::Mood, as_of);
    assert_eq!(effect.held, held, "{effect:?}");
}

#[test]
fn the_end_of_data_is_each_measures_own() {
    // Mood is recorded to d+8, anxiety stops after d+5: the anxiety count
    // stops on d+5, not on the last check-in day.
    let mut journal = timeline("4 4 4 S 7 7 7 6 6 5 5 5", Measure::Mood);
    for (n, anxiety) in [(0, 7.0), (1, 7.0), (2, 7.0), (4, 4.0), (5, 4.0), (6, 4.0), (7, 5.0), (8, 5.0)] {
        journal.checkins.push(checkin(at(day(n), "21:00", "-05:00"), Measure::Anxiety, anxiety));
    }
    let insights = session_effects(&journal, ts(LATER), None);
    let days = &insights.session_days[0];
    assert_eq!(days.effect(Measure::Mood).held, at_least(8, END));
    assert_eq!(days.effect(Measure::Anxiety).held, at_least(5, END));
}

// ---- anxiety (lower is better) and sleep hours ----------------------------

#[rstest]
#[case::lower_anxiety_after_is_a_positive_change(
    Measure::Anxiety,
    "7 7 7 S 4 4 4 7 7 7",
    Some(7.0),
    Some(4.0),
    Some(3.0),
    fell(6)
)]
#[case::higher_anxiety_after_is_a_negative_change(Measure::Anxiety, "3 3 3 S 5 5 5", Some(3.0), Some(5.0), Some(-2.0), None)]
// r(4) = (4+4+8)/3 = 5.33, r(5) = (4+8+6)/3 = 6, r(6) = (8+6+6)/3 = 6.67 < 7, r(7) = (6+6+9)/3 = 7 ≥ 7.
#[case::anxiety_back_at_or_above_before_ends_it(
    Measure::Anxiety,
    "7 7 7 S 4 4 4 8 6 6 9",
    Some(7.0),
    Some(4.0),
    Some(3.0),
    fell(7)
)]
#[case::anxiety_censored_like_mood(
    Measure::Anxiety,
    "7 7 7 S 4 4 4 5 S",
    Some(7.0),
    Some(4.0),
    Some(3.0),
    at_least(4, NEXT)
)]
// Sleep in quarter hours: r(4) = 7.17, r(5) = 6.75, r(6) = 5.75 ≤ 6.17.
#[case::more_sleep_after(Measure::Sleep, "6 6.5 6 S 7.5 7.25 8 6.25 6 5", Some(37.0 / 6.0), Some(22.75 / 3.0), Some(22.75 / 3.0 - 37.0 / 6.0), fell(6))]
#[case::less_sleep_after(Measure::Sleep, "8 8 8 S 6 6.5 -", Some(8.0), Some(6.25), Some(-1.75), None)]
fn anxiety_turned_so_that_positive_is_better_and_sleep_like_mood(
    #[case] measure: Measure,
    #[case] line: &str,
    #[case] before: Option<f64>,
    #[case] after: Option<f64>,
    #[case] change: Option<f64>,
    #[case] held: Option<Held>,
) {
    let effect = first_effect(&timeline(line, measure), measure, LATER);
    assert_effect(&effect, before, after, change, held);
}

// ---- local days: offsets, DST, several sessions on one day ---------------

/// Mood 2, 4, 6 on d−3 … d−1 and 9, 7, 5 on d+1 … d+3, then 4, 3, 5:
/// before 4, after 7, change 3; r(4) = (7+5+4)/3 = 5.33, r(5) = (5+4+3)/3
/// = 4, back: held 5 days — when every record lands on its own local day.
/// The values differ day to day, so that a record read on the wrong day
/// changes the answer.
fn expect_plain_rise(journal: &Journal) {
    let insights = session_effects(journal, ts(LATER), None);
    assert_eq!(insights.session_days.len(), 1, "{:?}", insights.session_days);
    let effect = insights.session_days[0].effect(Measure::Mood);
    assert_effect(effect, Some(4.0), Some(7.0), Some(3.0), fell(5));
}

fn rise_around(session: Timestamp, checkin_time: impl Fn(NaiveDate) -> Timestamp) -> Journal {
    let d = session.local_day();
    let mut journal = Journal::default();
    journal.sessions.push(iv(session, 35.0));
    for (offset, mood) in [(-3, 2.0), (-2, 4.0), (-1, 6.0), (1, 9.0), (2, 7.0), (3, 5.0), (4, 4.0), (5, 3.0), (6, 5.0)]
    {
        journal.checkins.push(checkin(checkin_time(shift(d, offset).unwrap()), Measure::Mood, mood));
    }
    journal
}

#[rstest]
// Evening check-ins at 22:30 at -05:00 are already the next day in UTC; the session at 10:00 is not.
#[case::late_evening_west_of_utc("2026-03-04T10:00:00-05:00", "22:30", "-05:00")]
// 23:45 at -08:00 is 07:45 the next day in UTC.
#[case::pacific_late_night("2026-03-04T09:00:00-08:00", "23:45", "-08:00")]
// 08:00 at +13:00 is still the previous day in UTC; 14:00 is the same day.
#[case::auckland_morning("2026-03-04T14:00:00+13:00", "08:00", "+13:00")]
#[case::kathmandu_quarter_hour_offset("2026-03-04T12:00:00+05:45", "00:10", "+05:45")]
// Here the session is the one on the next UTC day.
#[case::late_session_west_of_utc("2026-03-04T23:30:00-05:00", "12:00", "-05:00")]
fn days_are_local_days_not_utc_days(#[case] session: &str, #[case] time: &str, #[case] offset: &str) {
    let session = ts(session);
    let utc_shift = |t: Timestamp| (t.utc().date_naive() - t.local_day()).num_days();
    let sample = at(session.local_day(), time, offset);
    assert_ne!(utc_shift(session), utc_shift(sample), "reading UTC days must move the check-ins against the session");
    expect_plain_rise(&rise_around(session, |d| at(d, time, offset)));
}

#[rstest]
// US daylight saving time starts on 8 March 2026: -05:00 before, -04:00 from then on.
#[case::spring_forward_session_after("2026-03-09T10:00:00-04:00", NaiveDate::from_ymd_opt(2026, 3, 8).unwrap())]
#[case::spring_forward_session_on_the_change("2026-03-08T10:00:00-04:00", NaiveDate::from_ymd_opt(2026, 3, 8).unwrap())]
#[case::spring_forward_session_before("2026-03-06T10:00:00-05:00", NaiveDate::from_ymd_opt(2026, 3, 8).unwrap())]
// It ends on 1 November 2026: -04:00 before, -05:00 from then on.
#[case::fall_back_session_after("2026-11-02T10:00:00-05:00", NaiveDate::from_ymd_opt(2026, 11, 1).unwrap())]
#[case::fall_back_session_before("2026-10-30T10:00:00-04:00", NaiveDate::from_ymd_opt(2026, 11, 1).unwrap())]
fn windows_across_a_dst_change(#[case] session: &str, #[case] change_day: NaiveDate) {
    let spring = change_day.month0() == 2;
    let (before, after) = if spring { ("-05:00", "-04:00") } else { ("-04:00", "-05:00") };
    let offset = |d: NaiveDate| if d < change_day { before } else { after };
    // Check-ins just after midnight: 00:30 on a day is 23:30 the day before
    // in the other offset, so reading the wrong offset moves it a day.
    let mut journal = rise_around(ts(session), |d| at(d, "00:30", offset(d)));
    expect_plain_rise(&journal);
    // A check-in at 00:30 on the session day itself belongs to the session
    // day, in neither window, though in the offset before the change it
    // would be 23:30 the day before.
    let d = ts(session).local_day();
    journal.checkins.push(checkin(at(d, "00:30", offset(d)), Measure::Mood, 10.0));
    expect_plain_rise(&journal);
}

#[test]
fn sessions_on_one_local_day_form_one_session_day() {
    let d = day(5);
    let mut journal = rise_around(at(d, "09:00", "-05:00"), |d| at(d, "20:00", "-05:00"));
    // A second session at 23:30 the same local day (04:30 UTC the next day),
    // and a third written in another offset but on the same local day.
    let late = iv(at(d, "23:30", "-05:00"), 20.0);
    let elsewhere = iv(at(d, "14:00", "+01:00"), 10.0);
    journal.sessions.insert(0, late.clone());
    journal.sessions.push(elsewhere.clone());
    let insights = session_effects(&journal, ts(LATER), None);
    assert_eq!(insights.session_days.len(), 1);
    let session_day = &insights.session_days[0];
    assert_eq!(session_day.day, d);
    // Earliest first, by instant: 14:00+01:00 is 08:00-05:00.
    assert_eq!(session_day.session_ids, [elsewhere.id, journal.sessions[1].id, late.id]);
    assert_effect(session_day.effect(Measure::Mood), Some(4.0), Some(7.0), Some(3.0), fell(5));
    assert_eq!(session_day.next_session_day, None);
}

// ---- what is read: as-of and the period -----------------------------------

#[test]
fn nothing_after_as_of_is_read() {
    // A session after as-of is not a session day and does not censor.
    let journal = timeline("4 4 4 S 7 7 7 4 S4 4", Measure::Mood);
    let as_of = "2026-03-09T09:00:00-05:00"; // 9 March (d+5), before that day's session at 10:00
    let insights = session_effects(&journal, ts(as_of), None);
    assert_eq!(insights.session_days.len(), 1);
    // Data ends on d+4 (8 March): r(4) = (7+7+4)/3 > 4; censored by the end.
    assert_eq!(insights.session_days[0].effect(Measure::Mood).held, at_least(4, END));
    // As of 10:00 the second session is read: it stops the count the day before.
    let insights = session_effects(&journal, ts("2026-03-09T10:00:00-05:00"), None);
    assert_eq!(insights.session_days.len(), 2);
    assert_eq!(insights.session_days[0].effect(Measure::Mood).held, at_least(4, NEXT));
}

#[test]
fn records_on_a_local_day_after_the_as_of_day_are_not_read() {
    // As of 23:00 on 8 March at -08:00 (07:00 UTC, 9 March), a check-in
    // written at 06:00 on 9 March at +00:00 is earlier by instant but on a
    // later local day than as-of's.
    let mut journal = timeline("4 4 4 S 7 7 7 6", Measure::Mood);
    journal.checkins.push(checkin(ts("2026-03-09T06:00:00+00:00"), Measure::Mood, 1.0));
    let effect = first_effect(&journal, Measure::Mood, "2026-03-08T23:00:00-08:00");
    assert_eq!(effect.held, at_least(4, END));
}

#[test]
fn the_period_chooses_session_days_not_what_is_known_about_them() {
    // Sessions on d = 3 and 9 (4 and 10 March); the period is 1–5 March.
    let journal = timeline("4 4 4 S 7 7 7 6 6 S 5 5 5", Measure::Mood);
    let period = DateRange::new(day(0), day(4)).unwrap();
    let insights = session_effects(&journal, ts(LATER), Some(period));
    assert_eq!(insights.session_days.len(), 1);
    let first = &insights.session_days[0];
    assert_eq!(first.day, day(3));
    // The next session day is outside the period and still stops the count;
    // the windows read check-ins after the period's end.
    assert_eq!(first.next_session_day, Some(day(9)));
    assert_effect(first.effect(Measure::Mood), Some(4.0), Some(7.0), Some(3.0), at_least(5, NEXT));
    // The second session day alone: its before window reads 6, 6 (d−2, d−1) and … d−3 = 7.
    let later = session_effects(&journal, ts(LATER), Some(DateRange::new(day(9), day(30)).unwrap()));
    assert_eq!(later.session_days.len(), 1);
    assert!(close(later.session_days[0].effect(Measure::Mood).before, Some(19.0 / 3.0)));
}

// ---- summaries -------------------------------------------------------------

#[rstest]
#[case::one(&[4.0], 0.5, 4.0)]
#[case::two_median_is_the_mean(&[1.0, 2.0], 0.5, 1.5)]
#[case::four_median(&[1.0, 2.0, 3.0, 4.0], 0.5, 2.5)]
#[case::four_q1(&[1.0, 2.0, 3.0, 4.0], 0.25, 1.75)]
#[case::four_q3(&[1.0, 2.0, 3.0, 4.0], 0.75, 3.25)]
#[case::five_q1(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.25, 2.0)]
#[case::five_q3(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.75, 4.0)]
#[case::three_q1(&[-1.0, 0.5, 3.0], 0.25, -0.25)]
#[case::three_q3(&[-1.0, 0.5, 3.0], 0.75, 1.75)]
#[case::min(&[1.0, 2.0, 3.0], 0.0, 1.0)]
#[case::max(&[1.0, 2.0, 3.0], 1.0, 3.0)]
fn quantiles_interpolate_between_order_statistics(#[case] sorted: &[f64], #[case] p: f64, #[case] expected: f64) {
    assert!(close(quantile(sorted, p), Some(expected)), "{:?}", quantile(sorted, p));
}

#[test]
fn quantile_of_nothing_is_none() {
    assert_eq!(quantile(&[], 0.5), None);
}

/// A journal of session days 20 days apart (d = 20·index + 3), each with
/// mood `before` on d−3 … d−1 and `after` from d+1, back to `before` from
/// d+`back` to d+9 (with `None`, `after` to d+9); nothing from d+10 to the
/// next session's before window. So a gain that comes back on d+b holds
/// b + 2 days (r(b+2) is the first window of three `before`s), and one
/// that does not is still holding at the next session (when that
/// session's `before` is higher) or at the end of the data, d+9.
struct Course {
    journal: Journal,
}

impl Course {
    fn new(weight_kg: Option<f64>) -> Self {
        Self { journal: Journal { profile: Profile { weight_kg, ..Profile::default() }, ..Journal::default() } }
    }

    fn day(&mut self, index: u64, session: Session, before: u8, after: u8, back: Option<u64>) -> &mut Self {
        let d = day(index * 20 + 3);
        let mut session = session;
        session.started_at = at(d, "10:00", "-05:00");
        self.journal.sessions.push(session);
        for offset in 1..=9u64 {
            let mood = if back.is_some_and(|b| offset >= b) { before } else { after };
            let day_after = d.checked_add_days(Days::new(offset)).unwrap();
            self.journal.checkins.push(checkin(at(day_after, "20:00", "-05:00"), Measure::Mood, f64::from(mood)));
        }
        for offset in 1..=3u64 {
            let day_before = d.checked_sub_days(Days::new(offset)).unwrap();
            self.journal.checkins.push(checkin(at(day_before, "20:00", "-05:00"), Measure::Mood, f64::from(before)));
        }
        self
    }

    fn insights(&self) -> Insights {
        session_effects(&self.journal, ts(LATER), None)
    }
}

fn with(route: Route, medication: Medication, dose_mg: f64, weight_kg: Option<f64>) -> Session {
    Session { weight_kg, ..Session::new(Uuid::new_v4(), ts(LATER), medication, route, dose_mg) }
}

fn group(list: &[GroupSummary], group: Group) -> &GroupSummary {
    list.iter().find(|g| g.group == group).unwrap_or_else(|| panic!("{group:?} missing from {list:?}"))
}

#[test]
fn fewer_than_three_session_days_with_a_change_give_no_figure() {
    let mut course = Course::new(Some(70.0));
    let iv = || with(Route::Iv, Medication::RacemicKetamine, 35.0, None);
    course.day(0, iv(), 4, 7, Some(6)).day(1, iv(), 4, 6, Some(6));
    let two = course.insights();
    let summary = group(&two.by_route, Group::Route(Route::Iv)).summary(Measure::Mood);
    assert_eq!((summary.n, summary.change, summary.median_held_days), (2, None, None));
    assert_eq!(
        summary_sentence(Group::Route(Route::Iv), summary),
        "After IV sessions: not enough data on your mood yet (2 session days with a before and an after, 3 are \
         needed)."
    );
    course.day(2, iv(), 5, 6, Some(5));
    let three = course.insights();
    let summary = group(&three.by_route, Group::Route(Route::Iv)).summary(Measure::Mood);
    assert_eq!(summary.n, 3);
    // Changes 3, 2, 1: median 2, quartiles 1.5 and 2.5. Held 8, 8, 7: median 8.
    assert_eq!(summary.change, Some(Spread { q1: 1.5, median: 2.0, q3: 2.5 }));
    assert_eq!(summary.median_held_days, Some(8.0));
    assert_eq!((summary.improved, summary.ended, summary.censored), (3, 3, 0));
}

#[test]
fn summaries_by_route_medication_and_dose_band() {
    let mut course = Course::new(Some(70.0));
    let ket = Medication::RacemicKetamine;
    course
        // 49 mg / 70 kg = 0.7 mg/kg exactly: in 0.7–0.8, not 0.6–0.7.
        .day(0, with(Route::Iv, ket, 49.0, None), 4, 7, Some(6))
        .day(1, with(Route::Iv, ket, 35.0, None), 4, 6, Some(5))
        // The session's own weight (50 kg) wins over the profile's: 0.7 mg/kg.
        .day(2, with(Route::Iv, ket, 35.0, Some(50.0)), 3, 6, Some(7))
        // Still holding when the next session came (its before, 5, is above 4):
        // censored. 50 mg IV is 50 bioavailable mg: in 50–75.
        .day(3, with(Route::Iv, ket, 50.0, None), 4, 8, None)
        .day(4, with(Route::Sublingual, ket, 100.0, None), 5, 6, Some(5))
        .day(5, with(Route::Intranasal, Medication::Esketamine, 56.0, None), 4, 5, Some(5))
        // No estimate for the "other" route: left out of the bioavailable bands.
        .day(6, with(Route::Other, ket, 100.0, None), 4, 4, None);
    let insights = course.insights();

    let routes: Vec<Group> = insights.by_route.iter().map(|g| g.group).collect();
    assert_eq!(
        routes,
        [
            Group::Route(Route::Iv),
            Group::Route(Route::Intranasal),
            Group::Route(Route::Sublingual),
            Group::Route(Route::Other)
        ]
    );
    let iv = group(&insights.by_route, Group::Route(Route::Iv)).summary(Measure::Mood);
    // Changes 3, 2, 3, 4 → median 3, quartiles 2.75 and 3.25; held 8, 7, 9 → 8; one censored by the next session.
    assert_eq!(iv.n, 4);
    assert_eq!(iv.change, Some(Spread { q1: 2.75, median: 3.0, q3: 3.25 }));
    assert_eq!((iv.median_held_days, iv.censored, iv.censored_by_next_session), (Some(8.0), 1, 1));
    let fourth = &insights.session_days[3];
    assert_eq!(fourth.effect(Measure::Mood).held, at_least(19, NEXT));

    let medications: Vec<Group> = insights.by_medication.iter().map(|g| g.group).collect();
    assert_eq!(medications, [Group::Medication(ket), Group::Medication(Medication::Esketamine)]);
    assert_eq!(group(&insights.by_medication, Group::Medication(ket)).summary(Measure::Mood).n, 6);

    type Band = (Option<&'static str>, Option<(f64, f64)>, usize);
    let bands: Vec<Band> =
        insights.by_dose.iter().map(|g| (g.group.dose_unit(), g.group.dose_band(), g.session_days)).collect();
    assert_eq!(
        bands,
        [
            (Some("mg/kg"), Some((0.5, 0.6)), 1), // 35 / 70
            (Some("mg/kg"), Some((0.7, 0.8)), 3), // 49 / 70, 35 / 50, 50 / 70
            (Some("mg/kg"), Some((0.8, 0.9)), 1), // 56 / 70
            (Some("mg/kg"), Some((1.4, 1.5)), 2), // 100 / 70, sublingual and other
            // IV 49, IV 35 twice, sublingual 100 × 0.29 = 29, esketamine 56 × 0.48 = 26.88
            (Some("bioavailable mg"), Some((25.0, 50.0)), 5),
            (Some("bioavailable mg"), Some((50.0, 75.0)), 1), // IV 50
        ]
    );
}

#[test]
fn a_session_day_without_a_weight_is_left_out_of_the_mg_per_kg_bands() {
    let mut course = Course::new(None);
    course.day(0, with(Route::Iv, Medication::RacemicKetamine, 35.0, None), 4, 7, Some(6));
    let insights = course.insights();
    assert_eq!(insights.session_days[0].mg_per_kg, None);
    let units: Vec<Option<&str>> = insights.by_dose.iter().map(|g| g.group.dose_unit()).collect();
    assert_eq!(units, [Some("bioavailable mg")]);
}

#[test]
fn a_day_with_two_routes_counts_in_each_and_its_dose_is_the_days_total() {
    let mut course = Course::new(Some(50.0));
    course.day(0, with(Route::Iv, Medication::RacemicKetamine, 20.0, None), 4, 7, Some(6));
    let mut troche = with(Route::Sublingual, Medication::RacemicKetamine, 10.0, None);
    troche.started_at = at(day(3), "18:00", "-05:00");
    course.journal.sessions.push(troche);
    let insights = course.insights();
    let only = &insights.session_days[0];
    assert_eq!(only.routes, [Route::Iv, Route::Sublingual]);
    assert_eq!(only.medications, [Medication::RacemicKetamine]);
    assert!(close(only.mg_per_kg, Some(0.6)));
    assert!(close(only.bioavailable_mg, Some(20.0 + 10.0 * 0.29)));
    assert_eq!(insights.by_route.len(), 2);
    assert_eq!(group(&insights.by_dose, Group::mg_per_kg(0.6)).session_days, 1);
}

#[test]
fn median_held_for_needs_three_that_ended() {
    let mut course = Course::new(Some(70.0));
    let iv = || with(Route::Iv, Medication::RacemicKetamine, 35.0, None);
    // Each next session's before is above the one before it, so the gains
    // of days 1 and 2 are still holding when it comes; day 3's at the end.
    course.day(0, iv(), 4, 7, Some(6)).day(1, iv(), 4, 6, None).day(2, iv(), 5, 6, None).day(3, iv(), 6, 8, None);
    let insights = course.insights();
    let summary = group(&insights.by_route, Group::Route(Route::Iv)).summary(Measure::Mood);
    assert_eq!((summary.n, summary.improved, summary.ended, summary.censored), (4, 4, 1, 3));
    assert_eq!(summary.median_held_days, None);
    assert_eq!(summary.censored_by_next_session, 2);
    // Changes 3, 2, 1, 2: median 2, quartiles 1.75 and 2.25.
    assert_eq!(
        summary_sentence(Group::Route(Route::Iv), summary),
        "After IV sessions, your mood over the next three days was a median 2 points higher than over the three \
         days before (4 session days; the middle half between 1.75 and 2.25 points higher). Of the 4 session days \
         with a gain, 1 ended, too few for a median of how long it lasted (3 are needed); 3 were still holding (2 \
         when the next session came, 1 when the records ended)."
    );
}

#[rstest]
#[case::mood_gain(
    Measure::Mood,
    Spread { q1: 0.9, median: 1.8, q3: 2.5 },
    "After IV sessions, your mood over the next three days was a median 1.8 points higher than over the three days \
     before (8 session days; the middle half between 0.9 and 2.5 points higher). Of the 8 session days with a gain, 5 \
     ended after a median of 9 days; 3 were still holding when the next session came."
)]
#[case::anxiety_mixed(
    Measure::Anxiety,
    Spread { q1: -0.5, median: 1.0, q3: 2.0 },
    "After IV sessions, your anxiety over the next three days was a median 1 point lower than over the three days \
     before (8 session days; the middle half between 0.5 points higher and 2 points lower). Of the 8 session \
     days with a gain, 5 ended after a median of 9 days; 3 were still holding when the next session came."
)]
#[case::sleep_unchanged(
    Measure::Sleep,
    Spread { q1: -0.25, median: 0.0, q3: 0.5 },
    "After IV sessions, your sleep over the next three days was typically no different from the three days before \
     (8 session days; the middle half between 0.25 hours shorter and 0.5 hours longer). Of the 8 session days with \
     a gain, 5 ended after a median of 9 days; 3 were still holding when the next session came."
)]
fn summary_sentences_say_n_and_never_cause(#[case] measure: Measure, #[case] spread: Spread, #[case] expected: &str) {
    let summary = Summary {
        measure,
        n: 8,
        change: Some(spread),
        improved: 8,
        ended: 5,
        median_held_days: Some(9.0),
        censored: 3,
        censored_by_next_session: 3,
    };
    assert_eq!(summary_sentence(Group::Route(Route::Iv), &summary), expected);
}

// ---- JSON --------------------------------------------------------------------

#[test]
fn json_has_the_documented_shape_rounded_to_two_decimals() {
    // Before (4 + 5 + 5) / 3 = 4.666…, after 7: change 2.333…
    let mut course = Course::new(Some(70.0));
    course.day(0, with(Route::Iv, Medication::RacemicKetamine, 35.0, None), 5, 7, None);
    course.journal.checkins.retain(|c| c.at.local_day() != day(0));
    course.journal.checkins.push(checkin(at(day(0), "20:00", "-05:00"), Measure::Mood, 4.0));
    let insights = course.insights();
    let json = serde_json::to_value(&insights).unwrap();
    let mut keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["by_dose", "by_medication", "by_route", "session_days"]);
    let first = &json["session_days"][0];
    let mut fields: Vec<&str> = first.as_object().unwrap().keys().map(String::as_str).collect();
    fields.sort_unstable();
    let mut expected = vec!["day", "session_ids"];
    for m in ["mood", "anxiety", "sleep"] {
        for f in ["before", "after", "change", "held_days", "held_at_least"] {
            expected.push(Box::leak(format!("{m}_{f}").into_boxed_str()));
        }
    }
    expected.sort_unstable();
    assert_eq!(fields, expected);
    assert_eq!(first["day"], "2026-03-04");
    assert_eq!(first["mood_before"], 4.67);
    assert_eq!(first["mood_after"], 7.0);
    assert_eq!(first["mood_change"], 2.33);
    assert_eq!(first["mood_held_days"], serde_json::Value::Null);
    assert_eq!(first["mood_held_at_least"], 9); // to the last check-in, d+9
    assert_eq!(first["anxiety_before"], serde_json::Value::Null);

    let route = &json["by_route"][0];
    assert_eq!(route["route"], "iv");
    assert_eq!(route["measure"], "mood");
    assert_eq!(route["n"], 1);
    assert_eq!(route["median_change"], serde_json::Value::Null);
    assert_eq!(route["censored"], 1);
    assert_eq!(json["by_route"].as_array().unwrap().len(), 3, "one row per measure");
    assert_eq!(json["by_medication"][0]["medication"], "racemic-ketamine");
    let band = &json["by_dose"][0];
    assert_eq!(
        (band["dose_unit"].as_str(), band["dose_from"].as_f64(), band["dose_to"].as_f64()),
        (Some("mg/kg"), Some(0.5), Some(0.6))
    );
}

#[rstest]
#[case(2.333_333, 2.33)]
#[case(2.335_000_1, 2.34)]
#[case(-2.335_000_1, -2.34)]
#[case(-0.001, 0.0)]
#[case(0.1 + 0.2, 0.3)]
fn rounding_to_two_decimals(#[case] value: f64, #[case] expected: f64) {
    assert_eq!(round2(value), expected);
    assert!(round2(value).is_sign_positive() || expected < 0.0, "no negative zero");
}

// ---- aligned series ----------------------------------------------------------

#[test]
fn aligned_series_and_their_median() {
    let journal = timeline("4 4 4 S 7 7 7 5 4 S 6 6 6 S 8 8 8", Measure::Mood);
    let aligned = aligned(&journal, ts(LATER), None, Measure::Mood);
    assert_eq!(aligned.series.len(), 3);
    assert_eq!(aligned.counts.len(), 29);
    let first = &aligned.series[0];
    assert_eq!(first.day, day(3));
    assert_eq!((first.at(-3), first.at(-4), first.at(0), first.at(1)), (Some(4.0), None, None, Some(7.0)));
    assert_eq!(first.next_session_offset, Some(6));
    assert_eq!(aligned.series[2].next_session_offset, None);
    // Offset +1: 7, 6, 8 → median 7. Offset −1: 4, 4, 6 → 4. Offset +4: 5 only → no median.
    let index = |offset: i64| usize::try_from(offset - ALIGNED_FIRST_OFFSET).unwrap();
    assert_eq!((aligned.counts[index(1)], aligned.median[index(1)]), (3, Some(7.0)));
    assert_eq!(aligned.median[index(-1)], Some(4.0));
    assert_eq!((aligned.counts[index(4)], aligned.median[index(4)]), (1, None));
}

// ---- Spearman ---------------------------------------------------------------

#[rstest]
#[case::perfect(&[(1.0, 10.0), (2.0, 20.0), (3.0, 35.0), (4.0, 36.0)], Some(1.0))]
#[case::reversed(&[(1.0, 4.0), (2.0, 3.0), (3.0, 2.0), (4.0, 1.0)], Some(-1.0))]
// Ranks x 1 2 3 4 5, y 2 1 4 3 5: Σd² = 4, rho = 1 − 6·4 / (5·24) = 0.8.
#[case::classic_formula_without_ties(&[(1.0, 2.0), (2.0, 1.0), (3.0, 4.0), (4.0, 3.0), (5.0, 5.0)], Some(0.8))]
// x ranks 1 2.5 2.5 4, y ranks 1 2 3 4: Pearson of the ranks = 4.5 / √(4.5 · 5) = 0.9487.
#[case::ties_share_their_mean_rank(&[(1.0, 1.0), (2.0, 2.0), (2.0, 3.0), (3.0, 4.0)], Some(4.5 / (4.5f64 * 5.0).sqrt()))]
#[case::constant_side_is_undefined(&[(1.0, 5.0), (2.0, 5.0), (3.0, 5.0)], None)]
#[case::one_pair_is_undefined(&[(1.0, 5.0)], None)]
fn rank_correlation_cases(#[case] pairs: &[(f64, f64)], #[case] expected: Option<f64>) {
    assert!(close(rank_correlation(pairs), expected), "{:?}", rank_correlation(pairs));
}

#[test]
fn spearman_pairs_same_or_next_days() {
    let x = DailySeries::from_values([(day(0), 1.0), (day(1), 2.0), (day(2), 3.0), (day(3), 4.0), (day(5), 9.0)]);
    let y = DailySeries::from_values([(day(1), 5.0), (day(2), 3.0), (day(3), 4.0), (day(4), 1.0), (day(6), 0.0)]);
    // Same day: days 1, 2, 3 → x 2 3 4, y 5 3 4: rho = −0.5.
    let same = spearman(&x, &y, Lag::SameDay);
    assert_eq!(same.n, 3);
    assert!(close(same.rho, Some(-0.5)), "{same:?}");
    // Next day: x on 0 1 2 3 5 with y on 1 2 3 4 6 → all five pair up.
    let next = spearman(&x, &y, Lag::NextDay);
    assert_eq!(next.n, 5);
    // Ranks x 1 2 3 4 5, y 5 3 4 2 1: Σd² = 16 + 1 + 1 + 4 + 16 = 38, rho = 1 − 228/120 = −0.9.
    assert!(close(next.rho, Some(-0.9)), "{next:?}");
    let two = DailySeries::from_values([(day(0), 1.0), (day(1), 2.0)]);
    assert_eq!(spearman(&two, &two, Lag::SameDay), Association { n: 2, rho: None });
}

// ---- an independent recomputation -------------------------------------------

/// The definitions of INSIGHTS.md recomputed the plain way, on day numbers,
/// without the module's helpers: the module must agree on every session day.
mod recomputation {
    use std::collections::{BTreeMap, BTreeSet};

    use proptest::prelude::*;

    use super::*;

    /// Expected (before, after, change, held_days, held_at_least) of one measure.
    type Expected = (Option<f64>, Option<f64>, Option<f64>, Option<u32>, Option<u32>);

    fn number(d: NaiveDate) -> i64 {
        i64::from(d.num_days_from_ce())
    }

    fn reference(journal: &Journal, as_of: Timestamp, measure: Measure) -> BTreeMap<i64, Expected> {
        let today = number(as_of.local_day());
        let mut per_day: BTreeMap<i64, Vec<f64>> = BTreeMap::new();
        for c in &journal.checkins {
            let n = number(c.at.local_day());
            if c.at <= as_of
                && n <= today
                && let Some(v) = measure.value(c)
            {
                per_day.entry(n).or_default().push(v);
            }
        }
        let daily: BTreeMap<i64, f64> =
            per_day.into_iter().map(|(n, vs)| (n, vs.iter().sum::<f64>() / vs.len() as f64)).collect();
        let mean3 = |last: i64| -> Option<f64> {
            let present: Vec<f64> = (last - 2..=last).filter_map(|n| daily.get(&n).copied()).collect();
            if present.len() >= 2 { Some(present.iter().sum::<f64>() / present.len() as f64) } else { None }
        };
        let sign = if measure == Measure::Anxiety { -1.0 } else { 1.0 };
        let session_days: BTreeSet<i64> = journal
            .sessions
            .iter()
            .filter(|s| s.started_at <= as_of && number(s.started_at.local_day()) <= today)
            .map(|s| number(s.started_at.local_day()))
            .collect();
        let last_data = daily.keys().next_back().copied();
        let mut out = BTreeMap::new();
        for &d in &session_days {
            let next = session_days.range(d + 1..).next().copied();
            let before = mean3(d - 1);
            let after = mean3(d + 3);
            let change = match (before, after) {
                (Some(b), Some(a)) => Some(sign * (a - b)),
                _ => None,
            };
            let (held_days, held_at_least) = match (before, change) {
                (Some(b), Some(c)) if c > 1e-9 => held(mean3, sign, d, b, next, last_data.unwrap()),
                _ => (None, None),
            };
            out.insert(d, (before, after, change, held_days, held_at_least));
        }
        out
    }

    /// Held for, step by step: (days, at least).
    fn held(
        mean3: impl Fn(i64) -> Option<f64>,
        sign: f64,
        d: i64,
        before: f64,
        next: Option<i64>,
        end: i64,
    ) -> (Option<u32>, Option<u32>) {
        let mut k = 3;
        loop {
            let next_stops = next.is_some_and(|n| n <= d + k);
            if next_stops || d + k > end {
                let last_seen = if next_stops { (next.unwrap() - 1).min(end) } else { end };
                return (None, Some((last_seen - d) as u32));
            }
            if mean3(d + k).is_some_and(|r| sign * (r - before) <= 1e-9) {
                return (Some(k as u32), None);
            }
            k += 1;
        }
    }

    fn offsets() -> impl Strategy<Value = &'static str> {
        prop_oneof![Just("-05:00"), Just("-04:00"), Just("+00:00"), Just("+05:45"), Just("+13:00"), Just("-10:00")]
    }

    prop_compose! {
        fn a_checkin()(d in 0u64..40, hh in 0u32..24, offset in offsets(),
                       mood in proptest::option::weighted(0.8, 0u8..=10),
                       anxiety in proptest::option::weighted(0.7, 0u8..=10),
                       sleep in proptest::option::weighted(0.6, 0u32..=48)) -> CheckIn {
            CheckIn {
                mood,
                anxiety,
                sleep_hours: sleep.map(|q| f64::from(q) / 4.0),
                ..CheckIn::new(Uuid::new_v4(), at(day(d), &format!("{hh:02}:15"), offset))
            }
        }
    }

    prop_compose! {
        fn a_session()(d in 0u64..40, hh in 0u32..24, offset in offsets()) -> Session {
            iv(at(day(d), &format!("{hh:02}:40"), offset), 35.0)
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn the_module_agrees_with_a_plain_recomputation(
            checkins in proptest::collection::vec(a_checkin(), 0..70),
            sessions in proptest::collection::vec(a_session(), 0..8),
            as_of_day in 0u64..45,
            as_of_hh in 0u32..24,
        ) {
            let journal = Journal { checkins, sessions, ..Journal::default() };
            let as_of = at(day(as_of_day), &format!("{as_of_hh:02}:30"), "-05:00");
            let insights = session_effects(&journal, as_of, None);
            for measure in Measure::ALL {
                let expected = reference(&journal, as_of, measure);
                let got: BTreeMap<i64, Expected> = insights
                    .session_days
                    .iter()
                    .map(|s| {
                        let e = s.effect(measure);
                        (number(s.day), (e.before, e.after, e.change, e.held_days(), e.held_at_least()))
                    })
                    .collect();
                prop_assert_eq!(got.len(), expected.len());
                for (d, want) in &expected {
                    let have = got[d];
                    prop_assert!(close(have.0, want.0) && close(have.1, want.1) && close(have.2, want.2),
                        "{:?} day {}: {:?} vs {:?}", measure, d, have, want);
                    prop_assert_eq!((have.3, have.4), (want.3, want.4), "{:?} day {}", measure, d);
                }
            }
        }

        /// Spearman's rho is symmetric, within [−1, 1], unchanged by a
        /// monotone transform of either side, and equals the classic formula
        /// when no value repeats.
        #[test]
        fn rank_correlation_properties(values in proptest::collection::vec((0u32..1000, 0u32..1000), 3..40)) {
            let pairs: Vec<(f64, f64)> = values.iter().map(|&(a, b)| (f64::from(a), f64::from(b))).collect();
            let rho = rank_correlation(&pairs);
            let swapped: Vec<(f64, f64)> = pairs.iter().map(|&(a, b)| (b, a)).collect();
            prop_assert!(close(rho, rank_correlation(&swapped)));
            let stretched: Vec<(f64, f64)> = pairs.iter().map(|&(a, b)| (a.powi(3) + 7.0, (b + 1.0).ln())).collect();
            prop_assert!(close(rho, rank_correlation(&stretched)));
            if let Some(r) = rho {
                prop_assert!((-1.0..=1.0).contains(&r));
            }
            let distinct = |side: fn(&(f64, f64)) -> u64| {
                pairs.iter().map(side).collect::<BTreeSet<u64>>().len() == pairs.len()
            };
            if distinct(|p| p.0 as u64) && distinct(|p| p.1 as u64) {
                let rank = |side: fn(&(f64, f64)) -> f64, i: usize| {
                    pairs.iter().filter(|p| side(p) < side(&pairs[i])).count() as f64
                };
                let n = pairs.len() as f64;
                let d2: f64 = (0..pairs.len()).map(|i| (rank(|p| p.0, i) - rank(|p| p.1, i)).powi(2)).sum();
                let classic = 1.0 - 6.0 * d2 / (n * (n * n - 1.0));
                prop_assert!((rho.unwrap() - classic).abs() < 1e-9, "{:?} vs {}", rho, classic);
            }
        }
    }
}
