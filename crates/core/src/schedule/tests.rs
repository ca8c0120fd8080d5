//! The schedule as a pure function: tables of cadences, re-nudges, catch-up,
//! time zones and daylight-saving changes, and snoozes. The notifier is
//! simulated by calling `take_due` at each tick of a clock the test runs.

use chrono::{Duration, FixedOffset, NaiveDate, NaiveTime};
use chrono_tz::{America, Australia, Europe};
use proptest::prelude::*;
use rstest::rstest;
use uuid::Uuid;

use super::*;
use crate::model::{
    Acknowledgement, BladderDay, BladderIndices, CheckIn, GadSeven, Medication, PhqNine, Profile, Route, Session,
};

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

fn day(text: &str) -> NaiveDate {
    crate::time::parse_day(text).unwrap()
}

fn time(text: &str) -> NaiveTime {
    crate::time::parse_time_of_day(text).unwrap()
}

/// US Eastern standard time, without daylight-saving changes.
fn eastern() -> FixedOffset {
    FixedOffset::west_opt(5 * 3600).unwrap()
}

/// Notifications on, every kind off but `kinds`.
fn only(kinds: &[NoticeKind]) -> Reminders {
    let on = |k| kinds.contains(&k);
    Reminders {
        notifications: true,
        checkin: on(NoticeKind::CheckIn),
        reflection: on(NoticeKind::Reflection),
        phq9: on(NoticeKind::Questionnaire),
        gad7: on(NoticeKind::Questionnaire),
        icsi_icpi: on(NoticeKind::Questionnaire),
        bladder_diary: on(NoticeKind::Diary),
        driving: on(NoticeKind::Driving),
        follow_up: on(NoticeKind::FollowUp),
        ..Reminders::default()
    }
}

fn journal(prefs: Reminders) -> Journal {
    Journal { profile: Profile { reminders: Some(prefs), ..Profile::default() }, ..Journal::default() }
}

fn session(started: &str) -> Session {
    Session::new(Uuid::new_v4(), at(started), Medication::RacemicKetamine, Route::Iv, 50.0)
}

fn phq9(at_text: &str, item9: u8) -> PhqNine {
    PhqNine { id: Uuid::new_v4(), at: at(at_text), items: [1, 1, 1, 1, 1, 1, 1, 1, item9], difficulty: None }
}

fn gad7(at_text: &str) -> GadSeven {
    GadSeven { id: Uuid::new_v4(), at: at(at_text), items: [1; 7] }
}

fn checkin(at_text: &str) -> CheckIn {
    CheckIn { mood: Some(6), ..CheckIn::new(Uuid::new_v4(), at(at_text)) }
}

fn diary(date: &str) -> BladderDay {
    BladderDay { day_voids: Some(7), ..BladderDay::new(Uuid::new_v4(), day(date)) }
}

fn later(t: Timestamp, minutes: i64) -> Timestamp {
    Timestamp::from_datetime(t.datetime() + Duration::minutes(minutes))
}

/// The notifier running with the journal locked: `take_due` every `step`
/// minutes from `from` to `to`; each delivery with the tick it came at.
fn run(schedule: &mut Schedule, from: &str, to: &str, step: i64) -> Vec<(String, Vec<NoticeKind>)> {
    let (mut t, end) = (at(from), at(to));
    let mut deliveries = Vec::new();
    while t <= end {
        if let Some(delivery) = schedule.take_due(t) {
            deliveries.push((t.to_string(), delivery.kinds));
        }
        t = later(t, step);
    }
    deliveries
}

fn plan_at(journal: &Journal, now: &str) -> Schedule {
    plan(journal, None, at(now), &eastern()).expect("notifications are on")
}

fn times_of(schedule: &Schedule, kind: NoticeKind) -> Vec<String> {
    schedule.notices.iter().filter(|n| n.kind == kind).map(|n| n.at.to_string()).collect()
}

#[test]
fn with_notifications_off_there_is_no_schedule() {
    let j = journal(Reminders::default());
    assert_eq!(plan(&j, None, at("2026-03-10T09:00:00-05:00"), &eastern()), None);
}

#[test]
fn the_check_in_is_due_daily_at_the_chosen_time_except_on_days_with_one() {
    let mut prefs = only(&[NoticeKind::CheckIn]);
    prefs.checkin_time = time("08:30");
    let mut j = journal(prefs);
    j.checkins.push(checkin("2026-03-11T07:00:00-05:00"));
    let s = plan_at(&j, "2026-03-10T09:00:00-05:00");
    let times = times_of(&s, NoticeKind::CheckIn);
    assert_eq!(&times[..3], ["2026-03-12T08:30:00-05:00", "2026-03-13T08:30:00-05:00", "2026-03-14T08:30:00-05:00"]);
    // Today's 08:30 has passed when planning at 09:00, and the horizon ends 28 days on.
    assert_eq!(times.len(), HORIZON_DAYS as usize - 1);
    assert_eq!(times.last().unwrap(), "2026-04-07T08:30:00-05:00");
}

#[rstest]
#[case::phq9_every_14_days(14, "2026-03-01T20:30:00-05:00", None, "2026-03-15T20:00:00-05:00")]
#[case::phq9_weekly(7, "2026-03-01T20:30:00-05:00", None, "2026-03-08T20:00:00-05:00")]
#[case::gad7_sets_the_date_when_it_is_older(
    14,
    "2026-03-01T20:30:00-05:00",
    Some("2026-02-27T09:00:00-05:00"),
    "2026-03-13T20:00:00-05:00"
)]
#[case::gad7_weekly(7, "2026-03-04T20:30:00-05:00", Some("2026-03-02T09:00:00-05:00"), "2026-03-09T20:00:00-05:00")]
fn questionnaires_fall_due_on_the_chosen_cadence(
    #[case] every: u16,
    #[case] last_phq9: &str,
    #[case] last_gad7: Option<&str>,
    #[case] first_notice: &str,
) {
    let mut prefs = only(&[NoticeKind::Questionnaire]);
    prefs.questionnaire_days = every;
    prefs.gad7 = last_gad7.is_some();
    prefs.icsi_icpi = false;
    let mut j = journal(prefs);
    j.phq9.push(phq9(last_phq9, 0));
    j.gad7.extend(last_gad7.map(gad7));
    let s = plan_at(&j, "2026-03-05T09:00:00-05:00");
    assert_eq!(times_of(&s, NoticeKind::Questionnaire).first().map(String::as_str), Some(first_notice));
}

#[rstest]
#[case::a_month_after_the_last(
    "2026-03-10T20:00:00-05:00",
    Some("2026-04-06"),
    "2026-04-06",
    Some("2026-04-10T20:00:00-05:00")
)]
#[case::month_end_clamps(
    "2026-01-31T20:00:00-05:00",
    Some("2026-02-10"),
    "2026-02-10",
    Some("2026-02-28T20:00:00-05:00")
)]
#[case::not_while_the_diary_is_unused("2026-01-10T20:00:00-05:00", None, "2026-03-01", None)]
fn the_bladder_indices_are_due_monthly_while_the_diary_is_in_use(
    #[case] last: &str,
    #[case] last_diary_day: Option<&str>,
    #[case] today: &str,
    #[case] first_notice: Option<&str>,
) {
    let mut prefs = only(&[NoticeKind::Questionnaire]);
    prefs.phq9 = false;
    prefs.gad7 = false;
    let mut j = journal(prefs);
    let last = at(last);
    j.icsi_icpi.push(BladderIndices { id: Uuid::new_v4(), at: last, icsi: [1, 1, 1, 0], icpi: [1, 1, 1, 1] });
    j.bladder.push(diary(&last.local_day().to_string()));
    j.bladder.extend(last_diary_day.map(diary));
    let s = plan_at(&j, &format!("{today}T09:00:00-05:00"));
    assert_eq!(times_of(&s, NoticeKind::Questionnaire).first().map(String::as_str), first_notice);
}

#[test]
fn a_missed_questionnaire_is_nudged_on_three_more_days_then_no_more() {
    let j = {
        let mut j = journal(only(&[NoticeKind::Questionnaire]));
        j.phq9.push(phq9("2026-03-01T20:30:00-05:00", 0));
        j.gad7.push(gad7("2026-03-01T20:35:00-05:00"));
        j
    };
    let mut s = plan_at(&j, "2026-03-02T09:00:00-05:00");
    let deliveries = run(&mut s, "2026-03-02T09:00:00-05:00", "2026-03-29T09:00:00-05:00", 15);
    let expected: Vec<(String, Vec<NoticeKind>)> = ["15", "16", "17", "18"]
        .iter()
        .map(|d| (format!("2026-03-{d}T20:00:00-05:00"), vec![NoticeKind::Questionnaire]))
        .collect();
    assert_eq!(deliveries, expected, "one a day, the PHQ-9 and GAD-7 together");
}

#[test]
fn filling_in_the_questionnaire_stops_the_nudges() {
    let mut j = journal(only(&[NoticeKind::Questionnaire]));
    j.profile.reminders.as_mut().unwrap().gad7 = false;
    j.phq9.push(phq9("2026-03-01T20:30:00-05:00", 0));
    let mut s = plan_at(&j, "2026-03-14T09:00:00-05:00");
    assert_eq!(run(&mut s, "2026-03-14T09:00:00-05:00", "2026-03-15T21:00:00-05:00", 15).len(), 1);
    // Unlocked the next morning, filled in: the plan made then has no nudge left.
    j.phq9.push(phq9("2026-03-16T08:00:00-05:00", 0));
    let mut s = plan(&j, Some(&s), at("2026-03-16T08:01:00-05:00"), &eastern()).unwrap();
    assert_eq!(times_of(&s, NoticeKind::Questionnaire)[0], "2026-03-30T20:00:00-05:00");
    assert_eq!(run(&mut s, "2026-03-16T08:01:00-05:00", "2026-03-29T23:00:00-05:00", 15), vec![]);
}

#[rstest]
#[case::never_filled_in(None, "2026-03-10")]
#[case::long_overdue_when_turned_on(Some("2025-12-01T09:00:00-05:00"), "2026-03-10")]
fn a_questionnaire_overdue_when_notifications_begin_is_nudged_from_that_day(
    #[case] last: Option<&str>,
    #[case] first_day: &str,
) {
    let mut j = journal(only(&[NoticeKind::Questionnaire]));
    j.phq9.extend(last.map(|t| phq9(t, 0)));
    let s = plan_at(&j, "2026-03-10T09:00:00-05:00");
    assert_eq!(s.since, day(first_day));
    let mut s = s;
    let deliveries = run(&mut s, "2026-03-10T09:00:00-05:00", "2026-04-30T09:00:00-05:00", 60);
    let days: Vec<String> = deliveries.iter().map(|(t, _)| t[..10].to_owned()).collect();
    assert_eq!(days, ["2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13"]);
}

#[test]
fn reminders_due_while_the_app_was_closed_are_delivered_once_at_start() {
    let mut j = journal(only(&[NoticeKind::CheckIn, NoticeKind::Questionnaire, NoticeKind::Diary]));
    j.phq9.push(phq9("2026-02-26T20:30:00-05:00", 0));
    j.gad7.push(gad7("2026-02-26T20:35:00-05:00"));
    j.sessions.push(session("2026-03-09T10:00:00-05:00"));
    let mut s = plan_at(&j, "2026-03-10T09:00:00-05:00");
    // Closed on the 10th at 09:00, started again on the 20th at 10:00: days
    // of check-ins, diary days and four questionnaire nudges were missed.
    let missed = s.take_due(at("2026-03-20T10:00:00-05:00")).expect("something was missed");
    assert_eq!(missed.kinds, vec![NoticeKind::CheckIn, NoticeKind::Questionnaire, NoticeKind::Diary]);
    assert_eq!(s.take_due(at("2026-03-20T10:00:30-05:00")), None, "delivered once");
    // Running again: the day's own reminders come at their time.
    let deliveries = run(&mut s, "2026-03-20T10:01:00-05:00", "2026-03-21T10:00:00-05:00", 1);
    assert_eq!(
        deliveries,
        vec![("2026-03-20T20:00:00-05:00".to_owned(), vec![NoticeKind::CheckIn, NoticeKind::Diary])]
    );
}

#[test]
fn a_notice_due_but_not_yet_delivered_survives_a_new_plan_only_while_still_pending() {
    let j = journal(only(&[NoticeKind::CheckIn]));
    let previous = plan_at(&j, "2026-03-10T09:00:00-05:00");
    let now = at("2026-03-10T20:00:20-05:00");
    let kept = plan(&j, Some(&previous), now, &eastern()).unwrap();
    assert_eq!(kept.notices[0].at, at("2026-03-10T20:00:00-05:00"), "the check-in is still to be delivered");
    let mut done = j.clone();
    done.checkins.push(checkin("2026-03-10T20:00:10-05:00"));
    let dropped = plan(&done, Some(&previous), now, &eastern()).unwrap();
    assert_eq!(dropped.notices[0].at, at("2026-03-11T20:00:00-05:00"), "written meanwhile: not notified");
}

#[test]
fn a_plan_never_makes_up_notices_for_moments_already_past() {
    let mut j = journal(only(&[NoticeKind::Driving, NoticeKind::Reflection]));
    let previous = plan_at(&j, "2026-03-10T09:00:00-05:00");
    // A session logged after it began: the app shows the driving reminder; no notification.
    j.sessions.push(session("2026-03-10T08:00:00-05:00"));
    let s = plan(&j, Some(&previous), at("2026-03-10T11:00:00-05:00"), &eastern()).unwrap();
    assert_eq!(s.notices, vec![Notice { at: at("2026-03-11T20:00:00-05:00"), kind: NoticeKind::Reflection }]);
    // A session logged before it begins: notified as it begins.
    j.sessions.push(session("2026-03-12T15:00:00-05:00"));
    let s = plan(&j, Some(&previous), at("2026-03-10T11:00:00-05:00"), &eastern()).unwrap();
    assert_eq!(times_of(&s, NoticeKind::Driving), ["2026-03-12T15:00:00-05:00"]);
}

#[test]
fn the_reflection_is_due_the_day_after_an_unreflected_session() {
    let mut j = journal(only(&[NoticeKind::Reflection]));
    j.sessions.push(session("2026-03-10T10:00:00-05:00"));
    j.sessions.push(Session { reflection: "calmer".into(), ..session("2026-03-12T10:00:00-05:00") });
    let s = plan_at(&j, "2026-03-10T12:00:00-05:00");
    assert_eq!(times_of(&s, NoticeKind::Reflection), ["2026-03-11T20:00:00-05:00"]);
}

#[test]
fn the_diary_is_due_daily_during_treatment_on_days_without_an_entry() {
    let mut j = journal(only(&[NoticeKind::Diary]));
    j.sessions.push(session("2026-03-10T10:00:00-05:00"));
    j.bladder.push(diary("2026-03-11"));
    let s = plan_at(&j, "2026-03-10T12:00:00-05:00");
    let times = times_of(&s, NoticeKind::Diary);
    assert_eq!(times.first().unwrap(), "2026-03-10T20:00:00-05:00");
    assert!(!times.iter().any(|t| t.starts_with("2026-03-11")), "the 11th has its entry");
    assert_eq!(times.last().unwrap(), "2026-04-07T20:00:00-05:00", "28 days after the session, then treatment is over");
    assert_eq!(times.len(), 28);
}

#[test]
fn an_unacknowledged_crisis_alert_is_followed_up_for_four_days_until_acknowledged() {
    let mut j = journal(only(&[NoticeKind::FollowUp]));
    j.phq9.push(phq9("2026-03-10T21:00:00-05:00", 2));
    let s = plan_at(&j, "2026-03-10T21:05:00-05:00");
    assert_eq!(
        times_of(&s, NoticeKind::FollowUp),
        [
            "2026-03-11T20:00:00-05:00",
            "2026-03-12T20:00:00-05:00",
            "2026-03-13T20:00:00-05:00",
            "2026-03-14T20:00:00-05:00"
        ]
    );
    let alert = rules::evaluate(&j, at("2026-03-10T21:05:00-05:00"), &Thresholds::default()).remove(0);
    j.acknowledgements.push(Acknowledgement {
        alert_id: alert.id,
        at: at("2026-03-11T08:00:00-05:00"),
        note: String::new(),
        share_note: false,
    });
    let s = plan(&j, Some(&s), at("2026-03-11T08:00:00-05:00"), &eastern()).unwrap();
    assert_eq!(times_of(&s, NoticeKind::FollowUp), Vec::<String>::new());
}

#[rstest]
#[case::new_york_winter(America::New_York, "2026-03-07", "20:00", "2026-03-07T20:00:00-05:00")]
#[case::new_york_summer(America::New_York, "2026-03-08", "20:00", "2026-03-08T20:00:00-04:00")]
#[case::skipped_hour_moves_forward(America::New_York, "2026-03-08", "02:30", "2026-03-08T03:30:00-04:00")]
#[case::repeated_hour_takes_the_first(America::New_York, "2026-11-01", "01:30", "2026-11-01T01:30:00-04:00")]
#[case::after_fall_back(America::New_York, "2026-11-01", "20:00", "2026-11-01T20:00:00-05:00")]
#[case::berlin_skipped(Europe::Berlin, "2026-03-29", "02:30", "2026-03-29T03:30:00+02:00")]
#[case::berlin_repeated(Europe::Berlin, "2026-10-25", "02:30", "2026-10-25T02:30:00+02:00")]
#[case::lord_howe_half_hour_gap(Australia::Lord_Howe, "2026-10-04", "02:15", "2026-10-04T02:45:00+11:00")]
#[case::lord_howe_half_hour_repeat(Australia::Lord_Howe, "2026-04-05", "01:45", "2026-04-05T01:45:00+11:00")]
fn wall_times_follow_the_zone_across_daylight_saving_changes(
    #[case] zone: chrono_tz::Tz,
    #[case] on: &str,
    #[case] wall: &str,
    #[case] expected: &str,
) {
    assert_eq!(wall_time(&zone, day(on), time(wall)), at(expected));
}

#[test]
fn a_plan_across_a_change_keeps_the_check_in_at_the_same_wall_time() {
    let mut j = journal(only(&[NoticeKind::CheckIn]));
    j.profile.reminders.as_mut().unwrap().checkin_time = time("02:30");
    let s = plan(&j, None, at("2026-03-06T12:00:00-05:00"), &America::New_York).unwrap();
    assert_eq!(
        &times_of(&s, NoticeKind::CheckIn)[..3],
        ["2026-03-07T02:30:00-05:00", "2026-03-08T03:30:00-04:00", "2026-03-09T02:30:00-04:00"]
    );
    // Simulated through the change, one a day: none lost, none doubled.
    let mut s = s;
    let deliveries = run(&mut s, "2026-03-06T12:00:00-05:00", "2026-03-10T12:00:00-04:00", 10);
    assert_eq!(deliveries.len(), 4);
}

#[test]
fn today_is_the_day_of_now_in_its_own_offset() {
    // 23:30 in New York is already the next day in UTC; the check-in not
    // yet written today is still today's.
    let j = journal(only(&[NoticeKind::CheckIn]));
    let s = plan(&j, None, at("2026-03-10T19:30:00-05:00"), &eastern()).unwrap();
    assert_eq!(s.since, day("2026-03-10"));
    assert_eq!(s.notices[0].at, at("2026-03-10T20:00:00-05:00"));
}

#[rstest]
#[case::an_hour(SnoozeLength::Hour, "2026-03-10T20:05:00-05:00", vec!["2026-03-10T21:05:00-05:00", "2026-03-11T20:00:00-05:00"])]
#[case::tomorrow(SnoozeLength::Tomorrow, "2026-03-10T20:05:00-05:00", vec!["2026-03-11T20:00:00-05:00"])]
fn a_snoozed_reminder_comes_back_once_at_the_end_of_the_snooze(
    #[case] length: SnoozeLength,
    #[case] snoozed_at: &str,
    #[case] expected: Vec<&str>,
) {
    let j = journal(only(&[NoticeKind::CheckIn]));
    let mut s = plan_at(&j, "2026-03-10T09:00:00-05:00");
    assert_eq!(run(&mut s, "2026-03-10T09:00:00-05:00", "2026-03-10T20:05:00-05:00", 5).len(), 1);
    let now = at(snoozed_at);
    s.snooze(NoticeKind::CheckIn, length, now, time("20:00"), &eastern());
    let mut s = plan(&j, Some(&s), now, &eastern()).unwrap();
    let deliveries = run(&mut s, snoozed_at, "2026-03-11T20:30:00-05:00", 5);
    let times: Vec<&str> = deliveries.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(times, expected);
}

#[test]
fn a_snooze_ends_quietly_when_the_reminder_was_done_meanwhile() {
    let mut j = journal(only(&[NoticeKind::CheckIn, NoticeKind::Questionnaire]));
    let now = at("2026-03-10T20:05:00-05:00");
    let mut s = plan_at(&j, "2026-03-10T09:00:00-05:00");
    s.take_due(now);
    s.snooze(NoticeKind::Questionnaire, SnoozeLength::Hour, now, time("20:00"), &eastern());
    let s = plan(&j, Some(&s), now, &eastern()).unwrap();
    assert!(s.notices.contains(&Notice { at: at("2026-03-10T21:05:00-05:00"), kind: NoticeKind::Questionnaire }));
    j.phq9.push(phq9("2026-03-10T20:30:00-05:00", 0));
    j.gad7.push(gad7("2026-03-10T20:31:00-05:00"));
    let s = plan(&j, Some(&s), at("2026-03-10T20:32:00-05:00"), &eastern()).unwrap();
    assert!(!s.notices.iter().any(|n| n.kind == NoticeKind::Questionnaire && n.at.local_day() == day("2026-03-10")));
    assert_eq!(s.snoozes.len(), 1, "kept until it ends");
    let s = plan(&j, Some(&s), at("2026-03-10T21:06:00-05:00"), &eastern()).unwrap();
    assert!(s.snoozes.is_empty());
}

#[test]
fn a_snooze_holds_back_the_kinds_nudges_until_it_ends() {
    let mut j = journal(only(&[NoticeKind::Questionnaire]));
    j.profile.reminders.as_mut().unwrap().gad7 = false;
    let mut s = plan_at(&j, "2026-03-10T09:00:00-05:00");
    let now = at("2026-03-10T20:01:00-05:00");
    s.take_due(now);
    s.snooze(NoticeKind::Questionnaire, SnoozeLength::Tomorrow, now, time("20:00"), &eastern());
    let mut s = plan(&j, Some(&s), now, &eastern()).unwrap();
    let deliveries = run(&mut s, "2026-03-10T20:01:00-05:00", "2026-03-20T00:00:00-05:00", 30);
    let days: Vec<&str> = deliveries.iter().map(|(t, _)| &t[..10]).collect();
    assert_eq!(days, ["2026-03-11", "2026-03-12", "2026-03-13"]);
}

#[rstest]
#[case::one(vec![NoticeKind::CheckIn], "A check-in is due.")]
#[case::two(vec![NoticeKind::CheckIn, NoticeKind::Questionnaire], "A check-in and a questionnaire are due.")]
#[case::three(vec![NoticeKind::CheckIn, NoticeKind::Questionnaire, NoticeKind::Diary], "A check-in, a questionnaire and a diary entry are due.")]
#[case::follow_up(vec![NoticeKind::FollowUp], "A follow-up is due.")]
#[case::driving(vec![NoticeKind::Driving], "No driving until tomorrow.")]
#[case::with_driving(vec![NoticeKind::Reflection, NoticeKind::Driving], "A reflection is due. No driving until tomorrow.")]
fn notifications_name_what_is_due_and_nothing_else(#[case] kinds: Vec<NoticeKind>, #[case] body: &str) {
    let delivery = Delivery { kinds };
    assert_eq!(delivery.text(false), NotificationText { title: "Ketalog".into(), body: body.into() });
    assert_eq!(delivery.text(true).body, "Ketalog has something for you.");
}

proptest! {
    /// Whatever is due, the text uses only these words: no number, no
    /// questionnaire or symptom name, no medicine.
    #[test]
    fn notification_text_carries_no_health_data(mask in 1u8..64, hide: bool) {
        let kinds: Vec<NoticeKind> =
            NoticeKind::ALL.into_iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, k)| k).collect();
        let text = Delivery { kinds }.text(hide);
        const WORDS: &[&str] = &[
            "ketalog", "a", "check-in", "reflection", "questionnaire", "diary", "entry", "follow-up", "is", "are", "due",
            "and", "no", "driving", "until", "tomorrow", "has", "something", "for", "you",
        ];
        for word in format!("{} {}", text.title, text.body).split([' ', ',', '.']).filter(|w| !w.is_empty()) {
            prop_assert!(WORDS.contains(&word.to_lowercase().as_str()), "{word:?} in {text:?}");
        }
    }
}

#[test]
fn the_schedule_file_holds_due_times_and_kinds_only() {
    let today = day("2026-03-10");
    let mut j = crate::demo::journal(today);
    j.profile.reminders = Some(Reminders { notifications: true, ..Reminders::default() });
    let s = plan(&j, None, at("2026-03-10T09:00:00-05:00"), &eastern()).unwrap();
    assert!(!s.notices.is_empty());
    let text = s.to_json();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut keys: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["checked_through", "close_to_tray", "format", "hide_kind", "notices", "since", "snoozes", "version"]
    );
    for notice in value["notices"].as_array().unwrap() {
        let mut fields: Vec<&str> = notice.as_object().unwrap().keys().map(String::as_str).collect();
        fields.sort_unstable();
        assert_eq!(fields, ["at", "kind"]);
    }
    let ids = j.sessions.iter().map(|r| r.id).chain(j.phq9.iter().map(|r| r.id)).chain(j.checkins.iter().map(|r| r.id));
    for id in ids {
        assert!(!text.contains(&id.to_string()));
    }
    for note in j.checkins.iter().map(|c| &c.notes).filter(|n| n.len() > 3) {
        assert!(!text.contains(note.as_str()));
    }
}

#[test]
fn the_schedule_file_round_trips_owner_only_and_refuses_what_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = crate::vault::schedule_path(&dir.path().join("journal.db"));
    assert_eq!(Schedule::read(&path).unwrap(), None);
    let j = journal(only(&[NoticeKind::CheckIn]));
    let s = plan_at(&j, "2026-03-10T09:00:00-05:00");
    s.write(&path).unwrap();
    assert_eq!(Schedule::read(&path).unwrap(), Some(s.clone()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let newer = s.to_json().replace("\"version\": 1", "\"version\": 2");
    assert_eq!(
        Schedule::from_json(newer.as_bytes()).unwrap_err(),
        "this reminder schedule is version 2; this Ketalog reads version 1"
    );
    assert!(Schedule::from_json(b"{\"format\": \"something-else\", \"version\": 1}").is_err());
    std::fs::write(&path, b"not json").unwrap();
    assert!(Schedule::read(&path).unwrap_err().to_string().contains("not a Ketalog reminder schedule"));
    Schedule::remove(&path).unwrap();
    Schedule::remove(&path).unwrap();
    assert!(!path.exists());
}

#[test]
fn a_start_over_sets_the_old_schedule_aside_with_the_journal() {
    use secrecy::SecretString;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    drop(crate::Vault::create(&db, &SecretString::from("first passphrase")).unwrap());
    let path = crate::vault::schedule_path(&db);
    plan_at(&journal(only(&[NoticeKind::CheckIn])), "2026-03-10T09:00:00-05:00").write(&path).unwrap();
    let now = at("2026-03-10T10:00:00-05:00");
    let fresh =
        crate::vault::restore_as_new(&db, &SecretString::from("second passphrase"), &Journal::default(), now).unwrap();
    assert!(!path.exists(), "the new journal starts without the old one's schedule");
    assert!(fresh.set_aside.unwrap().join("journal.db.schedule").exists());
}
