//! The reminder schedule: when each reminder falls due, as a pure function
//! of the journal, the preferences (the profile's
//! [`Reminders`](crate::model::Reminders)), the moment and the user's time
//! zone, all given by the caller.
//!
//! The in-app "Due today" list ([`crate::reminders`]) answers "what is due
//! now?"; this module answers "when should a desktop notification say so?"
//! for the app's notifier, which runs while the journal is locked and so can
//! read nothing but the [`Schedule`] kept beside the journal. Both use the
//! same definitions of what is pending (this module's `pending` family).
//!
//! # Kinds and times
//! Reminders due on a *day* are notified at the user's check-in time
//! ([`Reminders::checkin_time`](crate::model::Reminders::checkin_time)) on
//! that day:
//! - the check-in, on each day without one;
//! - the reflection, on the day after a session whose reflection is empty;
//! - the PHQ-9 and the GAD-7, `questionnaire_days` (7 or 14) days after the
//!   last one; the ICSI/ICPI one calendar month after the last one, while
//!   the bladder diary is in use (a diary day within the last
//!   [`DIARY_IN_USE_DAYS`] days);
//! - the bladder diary, on each day of active treatment (up to
//!   [`ACTIVE_TREATMENT_DAYS`] days after the latest session) without an
//!   entry;
//! - the follow-up, on the day after a crisis or urgent alert
//!   ([`rules::evaluate`]) first held, while it is unacknowledged.
//!
//! "No driving until tomorrow" is due at a session's start. It is notified
//! only for a session logged before it starts: a session logged afterwards
//! is logged in the app, whose list shows the reminder at once.
//!
//! # Re-nudges
//! A questionnaire or follow-up not done is notified on its due day and on
//! each of the next [`NUDGE_DAYS`] days, then no more (the in-app list keeps
//! showing what is overdue). A questionnaire never filled in, or already
//! overdue when notifications were turned on, is due on the day the schedule
//! began ([`Schedule::since`]), so turning notifications on nudges about it
//! once more but never replays months of missed nudges.
//!
//! # Delivered once; catch-up
//! [`Schedule::take_due`] hands over every notice due by a moment as one
//! [`Delivery`] (one notification, naming each kind once) and forgets them.
//! Notices that fell due while Ketalog was not running are still in the
//! schedule when it starts, so its first `take_due` delivers them together,
//! once, not one notification per missed occurrence. A new [`plan`] keeps a
//! notice that fell due but was not yet delivered only while its reminder
//! is still pending (a check-in written meanwhile cancels it), and never
//! makes up notices for moments already past.
//!
//! # Snooze
//! [`Schedule::snooze`] postpones a kind for an hour or until tomorrow's
//! check-in time: the kind's notices before then are dropped, and one is
//! made at that moment if the reminder will still be pending then.
//!
//! # Time zones and daylight-saving changes
//! Today is `now`'s local day, from `now`'s own offset, and a record's day
//! comes from its recorded offset, as everywhere in Ketalog. The check-in
//! time is a local wall time; the instant it names on each future day comes
//! from the `zone` the caller gives (the app passes the machine's zone;
//! tests pass named zones), so it stays at 20:00 on the clock across a
//! change. A wall time that a change skips (02:30 on a spring-forward night)
//! is moved forward by the length of the gap (to 03:30), and one that occurs
//! twice (01:30 on a fall-back night) is notified at the first of the two,
//! as iCalendar (RFC 5545) does. Planned instants keep the offset they were
//! planned with: when the machine's zone itself changes (travel), the next
//! plan (at unlock, or after any change to the journal) moves them.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{DateTime, Days, Duration, LocalResult, Months, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fsio;
use crate::model::{Journal, Reminders, Session};
use crate::rules::{self, Severity, Thresholds};
use crate::time::{Timestamp, day_serde};

/// Treatment counts as active while the latest session is at most this many
/// days old; the bladder diary is asked for daily while it is.
pub const ACTIVE_TREATMENT_DAYS: u64 = 28;
/// The bladder diary is in use while it has a day within this many days
/// (today included); the ICSI/ICPI is asked for monthly while it is.
pub const DIARY_IN_USE_DAYS: u64 = 28;
/// After a session, no driving for this many hours and until the next day.
pub const DRIVING_WAIT_HOURS: i64 = 24;
/// A questionnaire or follow-up not done is notified again on this many
/// days after its due day, then no more.
pub const NUDGE_DAYS: u64 = 3;
/// How many days ahead a plan makes notices: the notifier can go on this
/// long while the journal stays locked.
pub const HORIZON_DAYS: u64 = 28;
/// The schedule file's `format`.
pub const FORMAT: &str = "ketalog-schedule";
/// The schedule file version this build writes and reads.
pub const VERSION: u32 = 1;

/// What a notification is about. Deliberately coarse: it is what the
/// notification may say, and all the schedule file says about a reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// The daily check-in.
    CheckIn,
    /// A reflection on yesterday's session.
    Reflection,
    /// A PHQ-9, GAD-7 or ICSI/ICPI.
    Questionnaire,
    /// The day's bladder diary.
    Diary,
    /// No driving until tomorrow.
    Driving,
    /// A crisis or urgent alert is still unacknowledged.
    FollowUp,
}

impl NoticeKind {
    /// Every kind, in the order a notification names them.
    pub const ALL: [Self; 6] =
        [Self::CheckIn, Self::Reflection, Self::Questionnaire, Self::Diary, Self::FollowUp, Self::Driving];

    /// What is due, as a notification may name it: never a questionnaire's
    /// or a symptom's name.
    fn noun(self) -> &'static str {
        match self {
            Self::CheckIn => "a check-in",
            Self::Reflection => "a reflection",
            Self::Questionnaire => "a questionnaire",
            Self::Diary => "a diary entry",
            Self::FollowUp => "a follow-up",
            Self::Driving => "no driving until tomorrow",
        }
    }
}

impl From<crate::reminders::ReminderKind> for NoticeKind {
    fn from(kind: crate::reminders::ReminderKind) -> Self {
        use crate::reminders::ReminderKind;
        match kind {
            ReminderKind::Reflection => Self::Reflection,
            ReminderKind::Phq9 => Self::Questionnaire,
            ReminderKind::BladderDiary => Self::Diary,
            ReminderKind::Driving => Self::Driving,
        }
    }
}

/// One notification to make: a kind at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Notice {
    /// When it falls due.
    pub at: Timestamp,
    /// What it is about.
    pub kind: NoticeKind,
}

/// A kind the user postponed, and until when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snooze {
    /// The kind postponed.
    pub kind: NoticeKind,
    /// Not notified before this moment.
    pub until: Timestamp,
}

/// How long to postpone a reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SnoozeLength {
    /// One hour from now.
    Hour,
    /// Tomorrow at the check-in time.
    Tomorrow,
}

/// The schedule the notifier follows while the journal is locked: the only
/// thing about reminders kept outside the encrypted journal, and only while
/// notifications are on. It holds due times and kinds and the notifier's
/// own settings, nothing else: no record, no score, no note (ARCHITECTURE.md
/// lists exactly what it reveals).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// Always [`FORMAT`].
    pub format: String,
    /// The file version ([`VERSION`]).
    pub version: u32,
    /// The local day the schedule began (notifications turned on): a
    /// questionnaire never filled in is due from this day.
    #[serde(with = "day_serde")]
    pub since: NaiveDate,
    /// Notices due at or before this moment have been delivered.
    pub checked_through: Timestamp,
    /// Notifications say only "Ketalog has something for you".
    pub hide_kind: bool,
    /// Whether closing the window keeps Ketalog in the tray; `None`: ask.
    /// The profile's choice when it has one, else the last answer given.
    pub close_to_tray: Option<bool>,
    /// What is still to be notified, in time order.
    pub notices: Vec<Notice>,
    /// Kinds postponed by the user.
    pub snoozes: Vec<Snooze>,
}

/// What one notification says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotificationText {
    /// The heading.
    pub title: String,
    /// One sentence.
    pub body: String,
}

/// The notices due by a moment, to be shown as one notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// Each kind due, once, in [`NoticeKind::ALL`] order.
    pub kinds: Vec<NoticeKind>,
}

impl Delivery {
    /// The notification's text: which kinds are due, or with `hide_kind`
    /// only that something is. It is built from the kinds alone, so it can
    /// carry no record, score, symptom or medicine.
    pub fn text(&self, hide_kind: bool) -> NotificationText {
        let title = "Ketalog".to_owned();
        if hide_kind {
            return NotificationText { title, body: "Ketalog has something for you.".to_owned() };
        }
        let due: Vec<&str> = self.kinds.iter().filter(|k| **k != NoticeKind::Driving).map(|k| k.noun()).collect();
        let mut body = match due.as_slice() {
            [] => String::new(),
            [one] => format!("{} is due.", crate::error::sentence(one)),
            [init @ .., last] => format!("{} and {last} are due.", crate::error::sentence(&init.join(", "))),
        };
        if self.kinds.contains(&NoticeKind::Driving) {
            if !body.is_empty() {
                body.push(' ');
            }
            body.push_str("No driving until tomorrow.");
        }
        NotificationText { title, body }
    }

    /// The kind a click on the notification should open: the first named.
    pub fn first(&self) -> Option<NoticeKind> {
        self.kinds.first().copied()
    }
}

impl Schedule {
    /// The schedule file's text.
    pub fn to_json(&self) -> String {
        // A derived Serialize of plain fields cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a schedule file's text.
    ///
    /// # Errors
    /// A sentence saying why the text is not a schedule this build can use
    /// (not one at all, or a newer version).
    pub fn from_json(text: &[u8]) -> Result<Self, String> {
        #[derive(Deserialize)]
        struct Header {
            format: String,
            version: u32,
        }
        let header: Header =
            serde_json::from_slice(text).map_err(|e| format!("this is not a Ketalog reminder schedule ({e})"))?;
        if header.format != FORMAT {
            return Err(format!("this is not a Ketalog reminder schedule (format {:?})", header.format));
        }
        if header.version != VERSION {
            return Err(format!(
                "this reminder schedule is version {}; this Ketalog reads version {VERSION}",
                header.version
            ));
        }
        serde_json::from_slice(text).map_err(|e| format!("the reminder schedule is damaged ({e})"))
    }

    /// Reads the schedule file at `path`; `None` when there is none.
    ///
    /// # Errors
    /// [`Error::Io`] when it cannot be read or is not a schedule this build
    /// reads (the caller may then plan afresh and overwrite it).
    pub fn read(path: &Path) -> Result<Option<Self>> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(format!("cannot read {}", path.display()), e)),
        };
        Self::from_json(&bytes).map(Some).map_err(|message| {
            Error::io(
                format!("cannot use {}", path.display()),
                std::io::Error::new(std::io::ErrorKind::InvalidData, message),
            )
        })
    }

    /// Writes the schedule file at `path`, whole or not at all, readable by
    /// the owner only ([`fsio::write_atomically`]).
    ///
    /// # Errors
    /// [`Error::Io`] or [`Error::DiskFull`]; the previous file is then intact.
    pub fn write(&self, path: &Path) -> Result<()> {
        fsio::write_atomically(path, self.to_json().as_bytes())
    }

    /// Removes the schedule file at `path`, if there is one (notifications
    /// turned off: nothing stays outside the journal).
    ///
    /// # Errors
    /// [`Error::Io`] when it exists and cannot be removed.
    pub fn remove(path: &Path) -> Result<()> {
        match std::fs::remove_file(path) {
            Ok(()) => fsio::sync_dir(fsio::parent_dir(path)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::io(format!("cannot remove {}", path.display()), e)),
        }
    }

    /// Takes every notice due at or before `now`, as one delivery, and
    /// marks the schedule checked through `now`. `None` when nothing is due.
    pub fn take_due(&mut self, now: Timestamp) -> Option<Delivery> {
        let (due, later): (Vec<Notice>, Vec<Notice>) = self.notices.iter().partition(|n| n.at <= now);
        self.notices = later;
        if now > self.checked_through {
            self.checked_through = now;
        }
        let kinds: BTreeSet<NoticeKind> = due.iter().map(|n| n.kind).collect();
        let kinds: Vec<NoticeKind> = NoticeKind::ALL.into_iter().filter(|k| kinds.contains(k)).collect();
        (!kinds.is_empty()).then_some(Delivery { kinds })
    }

    /// When the next notice falls due, if any.
    pub fn next_due(&self) -> Option<Timestamp> {
        self.notices.iter().map(|n| n.at).min()
    }

    /// Postpones `kind` by `length` from `now`: an hour, or until tomorrow
    /// at `checkin_time` (a wall time in `zone`). Takes effect at the next
    /// [`plan`], which the caller makes at once with the journal.
    pub fn snooze<Tz: TimeZone>(
        &mut self,
        kind: NoticeKind,
        length: SnoozeLength,
        now: Timestamp,
        checkin_time: NaiveTime,
        zone: &Tz,
    ) {
        let until = match length {
            SnoozeLength::Hour => Timestamp::from_datetime(now.datetime() + Duration::hours(1)),
            SnoozeLength::Tomorrow => {
                let tomorrow = now.local_day().checked_add_days(Days::new(1)).unwrap_or(now.local_day());
                wall_time(zone, tomorrow, checkin_time)
            }
        };
        self.snoozes.retain(|s| s.kind != kind);
        self.snoozes.push(Snooze { kind, until });
    }
}

/// The schedule for `journal` as of `now`, or `None` when notifications are
/// off (then the caller removes the schedule file).
///
/// `previous` is the schedule being replaced: its start day, what it has
/// delivered, its snoozes and its remembered close-to-tray answer carry
/// over. Notices are made for the next [`HORIZON_DAYS`] days; see the module
/// documentation for what falls due when. Pure: the same inputs give the
/// same schedule.
pub fn plan<Tz: TimeZone>(
    journal: &Journal,
    previous: Option<&Schedule>,
    now: Timestamp,
    zone: &Tz,
) -> Option<Schedule> {
    let prefs = journal.profile.reminders.unwrap_or_default();
    if !prefs.notifications {
        return None;
    }
    let today = now.local_day();
    let since = previous.map_or(today, |p| p.since);
    let checked_through = previous.map_or(now, |p| p.checked_through);
    let facts = Facts { journal, prefs, since, zone };

    // Fell due, not yet delivered, and still pending now.
    let carried = previous
        .into_iter()
        .flat_map(|p| &p.notices)
        .filter(|n| n.at <= now && n.at > checked_through && facts.pending(n.kind, now));
    let mut notices: Vec<Notice> = carried.copied().collect();
    notices.extend(facts.occurrences(now).into_iter().filter(|n| n.at > now));

    let snoozes: Vec<Snooze> = previous
        .into_iter()
        .flat_map(|p| &p.snoozes)
        .filter(|s| s.until > now && facts.enabled(s.kind))
        .copied()
        .collect();
    for snooze in &snoozes {
        notices.retain(|n| n.kind != snooze.kind || n.at >= snooze.until);
        if facts.pending(snooze.kind, snooze.until) {
            notices.push(Notice { at: snooze.until, kind: snooze.kind });
        }
    }
    notices.sort();
    notices.dedup();

    Some(Schedule {
        format: FORMAT.to_owned(),
        version: VERSION,
        since,
        checked_through,
        hide_kind: prefs.hide_kind,
        close_to_tray: prefs.close_to_tray.or_else(|| previous.and_then(|p| p.close_to_tray)),
        notices,
        snoozes,
    })
}

/// The instant the wall time `time` names on `day` in `zone`. A time a
/// daylight-saving change skips is moved forward by the gap; a time that
/// occurs twice is the first of the two.
pub fn wall_time<Tz: TimeZone>(zone: &Tz, day: NaiveDate, time: NaiveTime) -> Timestamp {
    let local = day.and_time(time);
    let utc = match zone.offset_from_local_datetime(&local) {
        LocalResult::Single(offset) => local - seconds(offset.fix().local_minus_utc()),
        LocalResult::Ambiguous(a, b) => {
            (local - seconds(a.fix().local_minus_utc())).min(local - seconds(b.fix().local_minus_utc()))
        }
        LocalResult::None => {
            // Read with the offset in force before the gap, the wall time
            // lands after it, shifted by the gap's length. A day earlier is
            // before the gap: changes are months apart.
            let before = zone.offset_from_utc_datetime(&(local - Duration::days(1))).fix();
            local - seconds(before.local_minus_utc())
        }
    };
    at_utc(zone, utc)
}

fn seconds(secs: i32) -> Duration {
    Duration::seconds(i64::from(secs))
}

/// The instant `utc` (a UTC wall time) with the offset `zone` has then.
fn at_utc<Tz: TimeZone>(zone: &Tz, utc: NaiveDateTime) -> Timestamp {
    let offset = zone.offset_from_utc_datetime(&utc).fix();
    Timestamp::from_datetime(DateTime::from_naive_utc_and_offset(utc, offset))
}

/// The journal and preferences, as the schedule reads them.
struct Facts<'a, Tz> {
    journal: &'a Journal,
    prefs: Reminders,
    since: NaiveDate,
    zone: &'a Tz,
}

impl<Tz: TimeZone> Facts<'_, Tz> {
    fn at(&self, day: NaiveDate) -> Timestamp {
        wall_time(self.zone, day, self.prefs.checkin_time)
    }

    fn enabled(&self, kind: NoticeKind) -> bool {
        let p = &self.prefs;
        match kind {
            NoticeKind::CheckIn => p.checkin,
            NoticeKind::Reflection => p.reflection,
            NoticeKind::Questionnaire => p.phq9 || p.gad7 || p.icsi_icpi,
            NoticeKind::Diary => p.bladder_diary,
            NoticeKind::Driving => p.driving,
            NoticeKind::FollowUp => p.follow_up,
        }
    }

    /// Whether a reminder of `kind` is pending at `t` (for a carried or
    /// snoozed notice): the same definitions as the in-app list.
    fn pending(&self, kind: NoticeKind, t: Timestamp) -> bool {
        let journal = self.journal;
        let day = t.local_day();
        self.enabled(kind)
            && match kind {
                NoticeKind::CheckIn => !journal.checkins.iter().any(|c| c.at <= t && c.at.local_day() == day),
                NoticeKind::Reflection => day.pred_opt().is_some_and(|d| unreflected_session_on(journal, d).is_some()),
                NoticeKind::Questionnaire => self.questionnaires(t).iter().any(|due| *due <= day),
                NoticeKind::Diary => diary_pending(journal, t, day),
                NoticeKind::Driving => latest_session(journal, t).is_some_and(|s| must_not_drive(s, t)),
                NoticeKind::FollowUp => !unacknowledged_alerts(journal, t).is_empty(),
            }
    }

    /// The due day of each questionnaire switched on and asked for at `t`,
    /// never before the schedule began.
    fn questionnaires(&self, t: Timestamp) -> Vec<NaiveDate> {
        let (journal, prefs) = (self.journal, &self.prefs);
        let every = Days::new(u64::from(prefs.questionnaire_days));
        let mut due = Vec::new();
        if prefs.phq9 {
            let last = last_day(journal.phq9.iter().map(|q| q.at), t);
            due.push(due_day(last, |d| d.checked_add_days(every), self.since));
        }
        if prefs.gad7 {
            let last = last_day(journal.gad7.iter().map(|q| q.at), t);
            due.push(due_day(last, |d| d.checked_add_days(every), self.since));
        }
        if prefs.icsi_icpi && diary_in_use(journal, t.local_day()) {
            let last = last_day(journal.icsi_icpi.iter().map(|q| q.at), t);
            let first_diary_day = journal.bladder.iter().map(|d| d.date).min();
            let anchor = first_diary_day.map_or(self.since, |d| d.max(self.since));
            due.push(due_day(last, |d| d.checked_add_months(Months::new(1)), anchor));
        }
        due
    }

    /// Every notice the journal calls for, from yesterday to the horizon
    /// (the caller keeps those after `now`).
    fn occurrences(&self, now: Timestamp) -> Vec<Notice> {
        let (journal, prefs) = (self.journal, &self.prefs);
        let today = now.local_day();
        let first = today.pred_opt().unwrap_or(today);
        let days: Vec<NaiveDate> =
            first.iter_days().take_while(|d| days_between(today, *d) <= HORIZON_DAYS as i64).collect();
        let mut notices = Vec::new();
        let mut on = |day: NaiveDate, kind: NoticeKind| notices.push(Notice { at: self.at(day), kind });

        if prefs.checkin {
            for &day in &days {
                if !journal.checkins.iter().any(|c| c.at.local_day() == day) {
                    on(day, NoticeKind::CheckIn);
                }
            }
        }
        if prefs.reflection {
            for session in journal.sessions.iter().filter(|s| s.reflection.trim().is_empty()) {
                if let Some(next) = session.started_at.local_day().succ_opt() {
                    on(next, NoticeKind::Reflection);
                }
            }
        }
        for due in self.questionnaires(now) {
            for day in nudge_days(due) {
                on(day, NoticeKind::Questionnaire);
            }
        }
        if prefs.bladder_diary
            && let Some(latest) = latest_session(journal, now)
        {
            let start = latest.started_at.local_day();
            for &day in &days {
                let age = days_between(start, day);
                if (0..=ACTIVE_TREATMENT_DAYS as i64).contains(&age) && !journal.bladder.iter().any(|d| d.date == day) {
                    on(day, NoticeKind::Diary);
                }
            }
        }
        if prefs.follow_up {
            for alert in unacknowledged_alerts(journal, now) {
                let first_due = alert.first_seen.local_day().succ_opt().unwrap_or(today).max(self.since);
                for day in nudge_days(first_due) {
                    on(day, NoticeKind::FollowUp);
                }
            }
        }
        if prefs.driving {
            notices.extend(
                journal
                    .sessions
                    .iter()
                    .filter(|s| s.started_at > now)
                    .map(|s| Notice { at: s.started_at, kind: NoticeKind::Driving }),
            );
        }
        notices
    }
}

/// A due day and the [`NUDGE_DAYS`] days after it.
fn nudge_days(due: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    due.iter_days().take(NUDGE_DAYS as usize + 1)
}

/// The local day of the latest of `times` at or before `t`.
fn last_day(times: impl Iterator<Item = Timestamp>, t: Timestamp) -> Option<NaiveDate> {
    times.filter(|at| *at <= t).map(|at| at.local_day()).max()
}

/// When a questionnaire is next due: `next(last)`, or `anchor` when there
/// was none; never before `anchor`.
fn due_day(last: Option<NaiveDate>, next: impl Fn(NaiveDate) -> Option<NaiveDate>, anchor: NaiveDate) -> NaiveDate {
    last.and_then(next).map_or(anchor, |d| d.max(anchor))
}

/// Whole local days from `earlier` to `later` (negative when `later` is
/// before).
pub(crate) fn days_between(earlier: NaiveDate, later: NaiveDate) -> i64 {
    later.signed_duration_since(earlier).num_days()
}

/// The latest session that began at or before `t`.
pub(crate) fn latest_session(journal: &Journal, t: Timestamp) -> Option<&Session> {
    journal.sessions.iter().filter(|s| s.started_at <= t).max_by_key(|s| s.started_at)
}

/// Whether a session still rules out driving at `t`: it began less than
/// [`DRIVING_WAIT_HOURS`] ago (so a session yesterday evening still counts
/// this morning).
pub(crate) fn must_not_drive(session: &Session, t: Timestamp) -> bool {
    let elapsed = t.utc().signed_duration_since(session.started_at.utc());
    elapsed.num_hours() < DRIVING_WAIT_HOURS && elapsed.num_seconds() >= 0
}

/// The latest session on local day `day` whose reflection is empty.
pub(crate) fn unreflected_session_on(journal: &Journal, day: NaiveDate) -> Option<&Session> {
    journal
        .sessions
        .iter()
        .filter(|s| s.started_at.local_day() == day && s.reflection.trim().is_empty())
        .max_by_key(|s| s.started_at)
}

/// Whether treatment is active on `day`: the latest session at or before
/// `t` was at most [`ACTIVE_TREATMENT_DAYS`] days before it.
pub(crate) fn treatment_active(journal: &Journal, t: Timestamp, day: NaiveDate) -> bool {
    latest_session(journal, t)
        .is_some_and(|s| days_between(s.started_at.local_day(), day) <= ACTIVE_TREATMENT_DAYS as i64)
}

/// Whether the bladder diary is asked for at `t`: treatment is active and
/// `day` has no entry.
pub(crate) fn diary_pending(journal: &Journal, t: Timestamp, day: NaiveDate) -> bool {
    treatment_active(journal, t, day) && !journal.bladder.iter().any(|d| d.date == day)
}

/// Whether the diary has a day within [`DIARY_IN_USE_DAYS`] ending `day`.
fn diary_in_use(journal: &Journal, day: NaiveDate) -> bool {
    journal.bladder.iter().any(|d| (0..DIARY_IN_USE_DAYS as i64).contains(&days_between(d.date, day)))
}

/// The local day of the last PHQ-9 at or before `t`; `None` when there was
/// none (a baseline is due).
pub(crate) fn phq9_last_day(journal: &Journal, t: Timestamp) -> Option<NaiveDate> {
    last_day(journal.phq9.iter().map(|q| q.at), t)
}

/// The crisis and urgent alerts that hold at `t` and are not acknowledged.
fn unacknowledged_alerts(journal: &Journal, t: Timestamp) -> Vec<rules::Alert> {
    rules::evaluate(journal, t, &Thresholds::default())
        .into_iter()
        .filter(|a| a.severity <= Severity::Urgent && a.acknowledged.is_none())
        .collect()
}

#[cfg(test)]
mod tests;
