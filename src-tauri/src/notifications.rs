//! Desktop notifications: the notifier that follows the reminder schedule
//! (core [`schedule`](ketalog_core::schedule)), also while the journal is
//! locked or the window is closed to the tray.
//!
//! While the journal is open, every command that loads or changes it hands
//! the journal to [`Notifier::journal_changed`], which plans the schedule
//! and writes it beside the journal (`journal.db.schedule`, owner-only,
//! atomically), or removes that file when notifications are off. A thread
//! ([`spawn`]) sleeps until the next notice (at most a minute, so a suspend
//! or clock change is noticed), delivers what is due as one notification,
//! and writes the file again so each notice is delivered once. Started with
//! notices already due (Ketalog was not running), its first look delivers
//! them together, once.
//!
//! The text comes from the core ([`Delivery::text`]) and never carries
//! health data. The plugin shows it through the freedesktop notification
//! service on Linux, which reports no click back to the plugin; so the kind
//! of the last notification is remembered here, and the next unlock opens
//! its screen ([`Notifier::take_last_notice`]).

use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

use ketalog_core::Journal;
use ketalog_core::schedule::{self, Delivery, NoticeKind, Schedule, SnoozeLength};
use ketalog_core::{Timestamp, vault};
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_notification::NotificationExt;

use crate::error::CommandError;
use crate::state::AppState;

/// The longest the notifier sleeps: a suspend or a clock change is noticed
/// within this time.
const LONGEST_SLEEP: Duration = Duration::from_secs(60);
/// The argument the login item starts Ketalog with: straight to the tray.
pub const IN_TRAY_ARG: &str = "--in-tray";

/// What closing the window does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloseChoice {
    /// Quit (notifications are off, or the user chose so).
    Quit,
    /// Keep running in the tray, the journal locked.
    Tray,
    /// Ask the user, once.
    Ask,
}

#[derive(Debug, Default)]
struct Inner {
    /// The schedule in force; `None` while notifications are off.
    schedule: Option<Schedule>,
    /// The kind of the last notification shown, until the UI asks for it.
    last_notice: Option<NoticeKind>,
    /// Whether Ketalog should start at login, as the profile last said
    /// (`None`: no journal opened since start).
    start_at_login: Option<bool>,
    /// The window was closed to the tray: exiting is refused until Quit.
    in_tray: bool,
    /// Something changed since the notifier last looked.
    changed: bool,
}

/// The notifier's state, managed by Tauri beside [`AppState`].
#[derive(Debug)]
pub struct Notifier {
    path: PathBuf,
    inner: Mutex<Inner>,
    wake: Condvar,
}

impl Notifier {
    /// The notifier of the journal at `db`, with the schedule found beside
    /// it (none when there is none or it cannot be used: the next plan,
    /// at unlock, writes a good one).
    pub fn new(db: &Path) -> Self {
        let path = vault::schedule_path(db);
        let schedule = Schedule::read(&path).unwrap_or_else(|err| {
            eprintln!("ketalog: the reminder schedule is ignored until the journal is unlocked: {err}");
            None
        });
        Self { path, inner: Mutex::new(Inner { schedule, ..Inner::default() }), wake: Condvar::new() }
    }

    fn guard(&self) -> MutexGuard<'_, Inner> {
        // The state is replaced whole under the lock; a panic elsewhere
        // cannot leave it half-changed.
        self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The schedule file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether notifications are on (a schedule is in force).
    pub fn is_on(&self) -> bool {
        self.guard().schedule.is_some()
    }

    /// The schedule in force, if any.
    pub fn schedule(&self) -> Option<Schedule> {
        self.guard().schedule.clone()
    }

    /// Plans the schedule for the open journal as of `now` and keeps it
    /// (written beside the journal when it changed; removed when
    /// notifications are off). Failures to write are logged: reminders are
    /// never a reason to refuse a save.
    pub fn journal_changed(&self, journal: &Journal, now: Timestamp) {
        let mut inner = self.guard();
        let planned = schedule::plan(journal, inner.schedule.as_ref(), now, &chrono::Local);
        self.keep(&mut inner, planned);
        inner.start_at_login = Some(journal.profile.reminders.unwrap_or_default().start_at_login);
        inner.changed = true;
        self.wake.notify_all();
    }

    /// Postpones reminders of `kind` and plans again with the open journal.
    ///
    /// # Errors
    /// `invalid` when notifications are off.
    pub fn snooze(
        &self,
        journal: &Journal,
        kind: NoticeKind,
        length: SnoozeLength,
        now: Timestamp,
    ) -> Result<(), CommandError> {
        let mut inner = self.guard();
        let Some(current) = inner.schedule.as_ref() else {
            return Err(CommandError::invalid("kind", "Notifications are off, so there is nothing to postpone."));
        };
        // Snoozed on a copy: `keep` compares the new schedule with the one in
        // force, and a snooze that moves no notice (the next one already falls
        // when it ends) must still reach the file.
        let mut snoozed = current.clone();
        let checkin_time = journal.profile.reminders.unwrap_or_default().checkin_time;
        snoozed.snooze(kind, length, now, checkin_time, &chrono::Local);
        let planned = schedule::plan(journal, Some(&snoozed), now, &chrono::Local);
        self.keep(&mut inner, planned);
        inner.changed = true;
        self.wake.notify_all();
        Ok(())
    }

    /// Replaces the schedule, writing the file only when what it says changed.
    fn keep(&self, inner: &mut Inner, planned: Option<Schedule>) {
        let unchanged = match (&inner.schedule, &planned) {
            (Some(old), Some(new)) => {
                // A start-over sets the old file aside: write it again then.
                self.path.exists() && Schedule { checked_through: new.checked_through, ..old.clone() } == *new
            }
            (None, None) => !self.path.exists(),
            _ => false,
        };
        inner.schedule = planned;
        if !unchanged {
            self.persist(inner.schedule.as_ref());
        }
    }

    fn persist(&self, schedule: Option<&Schedule>) {
        let written = match schedule {
            Some(schedule) => schedule.write(&self.path),
            None => Schedule::remove(&self.path),
        };
        if let Err(err) = written {
            eprintln!("ketalog: the reminder schedule could not be saved: {err}");
        }
    }

    /// Takes what is due at `now`, remembering the file's new state. Returns
    /// the delivery and whether notifications hide the kind.
    pub fn take_due(&self, now: Timestamp) -> Option<(Delivery, bool)> {
        let mut inner = self.guard();
        let schedule = inner.schedule.as_mut()?;
        let delivery = schedule.take_due(now)?;
        let hide_kind = schedule.hide_kind;
        self.persist(inner.schedule.as_ref());
        inner.last_notice = delivery.first();
        Some((delivery, hide_kind))
    }

    /// The kind of the last notification, once: the screen to open.
    pub fn take_last_notice(&self) -> Option<NoticeKind> {
        self.guard().last_notice.take()
    }

    /// What closing the window should do now.
    pub fn close_choice(&self) -> CloseChoice {
        match self.guard().schedule.as_ref().map(|s| s.close_to_tray) {
            None | Some(Some(false)) => CloseChoice::Quit,
            Some(Some(true)) => CloseChoice::Tray,
            Some(None) => CloseChoice::Ask,
        }
    }

    /// Remembers the answer to "keep running in the tray?" in the schedule
    /// (the profile's own choice, when it has one, still wins at the next plan).
    pub fn remember_close_choice(&self, keep_in_tray: bool) {
        let mut inner = self.guard();
        if let Some(schedule) = inner.schedule.as_mut() {
            schedule.close_to_tray = Some(keep_in_tray);
            self.persist(inner.schedule.as_ref());
        }
    }

    /// Marks whether the window has been closed to the tray.
    pub fn set_in_tray(&self, in_tray: bool) {
        self.guard().in_tray = in_tray;
        self.poke();
    }

    /// Whether the window was closed to the tray (then exiting is refused).
    pub fn in_tray(&self) -> bool {
        self.guard().in_tray
    }

    /// Wakes the notifier: the lock state or the settings changed.
    pub fn poke(&self) {
        self.guard().changed = true;
        self.wake.notify_all();
    }

    /// Sleeps until the next notice, at most [`LONGEST_SLEEP`], or until poked.
    fn sleep(&self, now: Timestamp) {
        let mut inner = self.guard();
        let until_next = inner.schedule.as_ref().and_then(Schedule::next_due).map(|next| {
            let millis = next.utc().signed_duration_since(now.utc()).num_milliseconds().max(0);
            // Half a second late rather than early: the notice is then due.
            Duration::from_millis(u64::try_from(millis).unwrap_or(0) + 500)
        });
        let wait = until_next.unwrap_or(LONGEST_SLEEP).min(LONGEST_SLEEP);
        if !inner.changed {
            inner =
                self.wake.wait_timeout_while(inner, wait, |i| !i.changed).map_or_else(|e| e.into_inner().0, |r| r.0);
        }
        inner.changed = false;
    }
}

/// Starts the notifier thread of the desktop app: deliveries, the tray
/// icon while notifications are on, and the login item.
pub fn spawn<R: Runtime>(app: AppHandle<R>) {
    std::thread::spawn(move || {
        let notifier = app.state::<Notifier>();
        let mut login_item: Option<bool> = None;
        let mut tray = crate::tray::Tray::default();
        loop {
            let now = Timestamp::now_local();
            if let Some((delivery, hide_kind)) = notifier.take_due(now) {
                let text = delivery.text(hide_kind);
                if let Err(err) = app.notification().builder().title(&text.title).body(&text.body).show() {
                    eprintln!("ketalog: a notification could not be shown: {err}");
                }
            }
            let unlocked = app.state::<AppState>().is_unlocked();
            tray.sync(&app, notifier.is_on(), unlocked);
            let wanted = notifier.guard().start_at_login;
            if wanted.is_some() && wanted != login_item {
                login_item = wanted;
                sync_login_item(&app, wanted.unwrap_or(false));
            }
            notifier.sleep(now);
        }
    });
}

/// Adds or removes the login item so that it matches the profile.
fn sync_login_item<R: Runtime>(app: &AppHandle<R>, wanted: bool) {
    let Some(launcher) = app.try_state::<tauri_plugin_autostart::AutoLaunchManager>() else { return };
    let result = match launcher.is_enabled() {
        Ok(enabled) if enabled == wanted => Ok(()),
        _ if wanted => launcher.enable(),
        _ => launcher.disable(),
    };
    if let Err(err) = result {
        eprintln!("ketalog: the login item could not be changed: {err}");
    }
}

#[cfg(test)]
mod tests {
    use ketalog_core::model::{Profile, Reminders};

    use super::*;

    fn journal(reminders: Reminders) -> Journal {
        Journal { profile: Profile { reminders: Some(reminders), ..Profile::default() }, ..Journal::default() }
    }

    fn on() -> Reminders {
        Reminders { notifications: true, ..Reminders::default() }
    }

    #[test]
    fn the_schedule_file_exists_exactly_while_notifications_are_on() {
        let dir = tempfile::tempdir().unwrap();
        let notifier = Notifier::new(&dir.path().join("journal.db"));
        let now = Timestamp::now_local();
        notifier.journal_changed(&journal(Reminders::default()), now);
        assert!(!notifier.path().exists());
        notifier.journal_changed(&journal(on()), now);
        assert!(notifier.path().exists());
        assert_eq!(Schedule::read(notifier.path()).unwrap(), notifier.schedule());
        notifier.journal_changed(&journal(Reminders::default()), now);
        assert!(!notifier.path().exists());
        assert!(!notifier.is_on());
    }

    #[test]
    fn a_restarted_notifier_finds_the_schedule_and_delivers_what_it_missed_once() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("journal.db");
        let now = Timestamp::now_local();
        Notifier::new(&db).journal_changed(&journal(on()), now);
        let restarted = Notifier::new(&db);
        let next = restarted.schedule().and_then(|s| s.next_due()).unwrap();
        let (delivery, hide_kind) = restarted.take_due(next).unwrap();
        assert!(delivery.kinds.contains(&NoticeKind::CheckIn) && !hide_kind);
        assert_eq!(restarted.take_due(next), None);
        assert_eq!(Notifier::new(&db).take_due(next), None, "the delivery was written down");
        assert_eq!(restarted.take_last_notice(), Some(NoticeKind::CheckIn));
        assert_eq!(restarted.take_last_notice(), None);
    }

    #[test]
    fn closing_asks_once_then_follows_the_answer_and_the_profile_wins() {
        let dir = tempfile::tempdir().unwrap();
        let notifier = Notifier::new(&dir.path().join("journal.db"));
        assert_eq!(notifier.close_choice(), CloseChoice::Quit, "notifications off: closing quits");
        let now = Timestamp::now_local();
        notifier.journal_changed(&journal(on()), now);
        assert_eq!(notifier.close_choice(), CloseChoice::Ask);
        notifier.remember_close_choice(true);
        assert_eq!(Notifier::new(&dir.path().join("journal.db")).close_choice(), CloseChoice::Tray);
        notifier.journal_changed(&journal(on()), now);
        assert_eq!(notifier.close_choice(), CloseChoice::Tray, "the answer outlives a new plan");
        notifier.journal_changed(&journal(Reminders { close_to_tray: Some(false), ..on() }), now);
        assert_eq!(notifier.close_choice(), CloseChoice::Quit);
    }

    #[test]
    fn a_schedule_file_gone_from_under_it_is_written_again() {
        let dir = tempfile::tempdir().unwrap();
        let notifier = Notifier::new(&dir.path().join("journal.db"));
        let now = Timestamp::now_local();
        notifier.journal_changed(&journal(on()), now);
        std::fs::remove_file(notifier.path()).unwrap();
        notifier.journal_changed(&journal(on()), now);
        assert!(notifier.path().exists());
    }

    #[test]
    fn a_snooze_needs_notifications_on() {
        let dir = tempfile::tempdir().unwrap();
        let notifier = Notifier::new(&dir.path().join("journal.db"));
        let j = journal(Reminders::default());
        let err = notifier.snooze(&j, NoticeKind::CheckIn, SnoozeLength::Hour, Timestamp::now_local()).unwrap_err();
        assert_eq!(err.code, crate::error::ErrorCode::Invalid);
    }
}
