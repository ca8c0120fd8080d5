//! In-app reminders (docs/DATA.md#reminders): what is due, as of a moment the caller
//! gives.
//!
//! Reminders are gentle nudges, not alerts: they never speak of risk. Each
//! kind can be turned off in the profile's [`Reminders`](crate::model::Reminders).

use chrono::Days;
use serde::Serialize;
use uuid::Uuid;

use crate::model::Journal;
use crate::schedule::{self, days_between};
pub use crate::schedule::{ACTIVE_TREATMENT_DAYS, DRIVING_WAIT_HOURS};
use crate::time::Timestamp;

/// A PHQ-9 is due when none was filled in during this many days (the
/// questionnaire asks about the last two weeks), unless the user chose a
/// weekly cadence ([`Reminders::questionnaire_days`](crate::model::Reminders::questionnaire_days)).
pub const PHQ9_INTERVAL_DAYS: u64 = 14;

/// Which reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    /// Write a reflection on yesterday's session.
    Reflection,
    /// Fill in a PHQ-9.
    Phq9,
    /// Fill in today's bladder diary.
    BladderDiary,
    /// Do not drive until tomorrow.
    Driving,
}

/// One reminder, with its wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Reminder {
    /// Which reminder.
    pub kind: ReminderKind,
    /// A short heading.
    pub title: String,
    /// One or two plain sentences.
    pub message: String,
    /// The record it is about (the session to reflect on), if any.
    pub record: Option<Uuid>,
}

/// The reminders due at `now`, in a fixed order: driving, reflection, PHQ-9,
/// bladder diary. Kinds switched off in the profile are left out.
///
/// What counts as pending is defined once, in [`crate::schedule`], which
/// also decides when notifications say so.
pub fn due(journal: &Journal, now: Timestamp) -> Vec<Reminder> {
    let prefs = journal.profile.reminders.unwrap_or_default();
    let today = now.local_day();
    let mut due = Vec::new();
    let latest_session = schedule::latest_session(journal, now);

    if prefs.driving && latest_session.is_some_and(|s| schedule::must_not_drive(s, now)) {
        due.push(Reminder {
            kind: ReminderKind::Driving,
            title: "No driving until tomorrow".to_owned(),
            message: "You had a session today. Please do not drive or operate machinery until tomorrow, after a full night's sleep."
                .to_owned(),
            record: latest_session.map(|s| s.id),
        });
    }

    if prefs.reflection {
        let yesterday = today.checked_sub_days(Days::new(1));
        if let Some(session) = yesterday.and_then(|day| schedule::unreflected_session_on(journal, day)) {
            due.push(Reminder {
                kind: ReminderKind::Reflection,
                title: "Reflect on yesterday's session".to_owned(),
                message: "A day on, how do you feel about yesterday's session? A few words in its reflection help you and your clinician see what changes."
                    .to_owned(),
                record: Some(session.id),
            });
        }
    }

    if prefs.phq9 {
        let every = i64::from(prefs.questionnaire_days);
        let last = schedule::phq9_last_day(journal, now);
        let overdue = last.is_none_or(|day| days_between(day, today) >= every);
        if overdue {
            let message = match last {
                None => "Fill in a PHQ-9 to record how you have been over the last two weeks. It is the baseline your progress is measured against.".to_owned(),
                Some(day) => format!(
                    "Your last PHQ-9 was on {}. Filling one in every {every} days shows how treatment is going.",
                    day.format("%-d %B %Y")
                ),
            };
            due.push(Reminder { kind: ReminderKind::Phq9, title: "A PHQ-9 is due".to_owned(), message, record: None });
        }
    }

    if prefs.bladder_diary && schedule::diary_pending(journal, now, today) {
        due.push(Reminder {
            kind: ReminderKind::BladderDiary,
            title: "Today's bladder diary".to_owned(),
            message: "While you are in treatment, a short daily bladder diary helps catch changes early.".to_owned(),
            record: None,
        });
    }
    due
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;
    use crate::model::{BladderDay, Medication, PhqNine, Reminders, Route, Session};

    fn at(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    fn session(started: &str, reflection: &str) -> Session {
        Session {
            reflection: reflection.to_owned(),
            ..Session::new(Uuid::new_v4(), at(started), Medication::RacemicKetamine, Route::Iv, 50.0)
        }
    }

    fn phq9(at_text: &str) -> PhqNine {
        PhqNine { id: Uuid::new_v4(), at: at(at_text), items: [1; 9], difficulty: None }
    }

    fn kinds(journal: &Journal, now: &str) -> Vec<ReminderKind> {
        due(journal, at(now)).into_iter().map(|r| r.kind).collect()
    }

    #[test]
    fn an_empty_journal_asks_only_for_a_baseline_phq9() {
        assert_eq!(kinds(&Journal::default(), "2026-03-10T09:00:00-05:00"), vec![ReminderKind::Phq9]);
    }

    #[rstest]
    #[case::same_evening("2026-03-10T20:00:00-05:00", true)]
    #[case::next_morning_within_24h("2026-03-11T09:00:00-05:00", true)]
    #[case::exactly_24h_later("2026-03-11T10:00:00-05:00", false)]
    #[case::before_the_session("2026-03-10T09:00:00-05:00", false)]
    fn driving_waits_24_hours_after_a_session(#[case] now: &str, #[case] expected: bool) {
        let journal = Journal { sessions: vec![session("2026-03-10T10:00:00-05:00", "")], ..Journal::default() };
        assert_eq!(kinds(&journal, now).contains(&ReminderKind::Driving), expected);
    }

    #[rstest]
    #[case::same_day("2026-03-10T22:00:00-05:00", "", false)]
    #[case::next_day("2026-03-11T12:00:00-05:00", "", true)]
    #[case::next_day_already_reflected("2026-03-11T12:00:00-05:00", "felt lighter", false)]
    #[case::two_days_later("2026-03-12T12:00:00-05:00", "", false)]
    fn reflection_is_asked_for_the_day_after(#[case] now: &str, #[case] reflection: &str, #[case] expected: bool) {
        let s = session("2026-03-10T10:00:00-05:00", reflection);
        let id = s.id;
        let journal = Journal { sessions: vec![s], ..Journal::default() };
        let found = due(&journal, at(now)).into_iter().find(|r| r.kind == ReminderKind::Reflection);
        assert_eq!(found.is_some(), expected);
        if let Some(r) = found {
            assert_eq!(r.record, Some(id));
        }
    }

    #[rstest]
    #[case::thirteen_days("2026-03-14T09:00:00-05:00", false)]
    #[case::fourteen_days("2026-03-15T09:00:00-05:00", true)]
    #[case::fifteen_days("2026-03-16T09:00:00-05:00", true)]
    fn phq9_is_due_every_14_days(#[case] now: &str, #[case] expected: bool) {
        let journal = Journal { phq9: vec![phq9("2026-03-01T20:00:00-05:00")], ..Journal::default() };
        assert_eq!(kinds(&journal, now).contains(&ReminderKind::Phq9), expected);
    }

    #[rstest]
    #[case::six_days("2026-03-07T09:00:00-05:00", false)]
    #[case::seven_days("2026-03-08T09:00:00-05:00", true)]
    fn phq9_follows_a_weekly_cadence(#[case] now: &str, #[case] expected: bool) {
        let mut journal = Journal { phq9: vec![phq9("2026-03-01T20:00:00-05:00")], ..Journal::default() };
        journal.profile.reminders = Some(Reminders { questionnaire_days: 7, ..Reminders::default() });
        assert_eq!(kinds(&journal, now).contains(&ReminderKind::Phq9), expected);
        let phq = due(&journal, at("2026-03-08T09:00:00-05:00")).into_iter().find(|r| r.kind == ReminderKind::Phq9);
        assert!(phq.unwrap().message.contains("every 7 days"));
    }

    #[rstest]
    #[case::during_treatment("2026-03-20T09:00:00-05:00", false, true)]
    #[case::already_written("2026-03-20T09:00:00-05:00", true, false)]
    #[case::last_active_day("2026-04-07T09:00:00-05:00", false, true)]
    #[case::treatment_over("2026-04-08T09:00:00-05:00", false, false)]
    fn bladder_diary_is_asked_daily_during_treatment(#[case] now: &str, #[case] written: bool, #[case] expected: bool) {
        let now_ts = at(now);
        let mut journal =
            Journal { sessions: vec![session("2026-03-10T10:00:00-05:00", "done")], ..Journal::default() };
        if written {
            journal.bladder.push(BladderDay {
                day_voids: Some(6),
                night_voids: Some(0),
                ..BladderDay::new(Uuid::new_v4(), now_ts.local_day())
            });
        }
        assert_eq!(kinds(&journal, now).contains(&ReminderKind::BladderDiary), expected);
    }

    #[test]
    fn reminders_switched_off_are_left_out() {
        let mut journal = Journal { sessions: vec![session("2026-03-10T10:00:00-05:00", "")], ..Journal::default() };
        let now = "2026-03-11T09:00:00-05:00";
        assert_eq!(
            kinds(&journal, now),
            vec![ReminderKind::Driving, ReminderKind::Reflection, ReminderKind::Phq9, ReminderKind::BladderDiary]
        );
        journal.profile.reminders = Some(Reminders {
            reflection: false,
            phq9: false,
            bladder_diary: false,
            driving: false,
            ..Reminders::default()
        });
        assert_eq!(kinds(&journal, now), vec![]);
    }
}
