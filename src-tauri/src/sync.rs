//! Sync in the app: the folder (kept inside the journal), and when syncs
//! happen — on demand, when the journal is unlocked, a few seconds after a
//! change (one sync for a burst of saves), and when it locks, before the key
//! is dropped. One sync at a time: each holds the open journal for its
//! length. Background syncs run on their own thread, never the UI's, and a
//! failure is only remembered for Settings (a missing folder is "not
//! found", and nothing is lost), never shown as a dialog.
//!
//! Privacy: nothing here is logged. What is remembered of the last sync is
//! counts and sentences; the words naming records ("check-in of
//! 2026-03-03") and settings' values are forgotten when the journal locks.

use std::path::Path;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use ketalog_core::model::ProfileChange;
use ketalog_core::open::OpenJournal;
use ketalog_core::sync::{KEY_FILE, SyncError, SyncReport};
use ketalog_core::vault::ChangedElsewhere;
use ketalog_core::{Error, Timestamp};
use secrecy::SecretString;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime};
use ts_rs::TS;

use crate::error::{CommandError, ErrorCode};
use crate::notifications::Notifier;
use crate::state::AppState;

/// Event sent to the UI after a background sync, with its [`SyncOutcome`].
pub const SYNCED_EVENT: &str = "journal-synced";
/// How long after the last change a background sync waits.
pub const AFTER_CHANGES: Duration = Duration::from_secs(4);

/// The sync passphrase a folder asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PassphraseNeed {
    /// The folder has a sync key: the passphrase chosen on the first computer.
    Join,
    /// The folder has none yet: a new passphrase, for every computer to join with.
    Create,
}

/// What the last sync did, or why it failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SyncOutcome {
    /// When it ran.
    pub at: Timestamp,
    /// Whether it finished (else nothing changed).
    pub ok: bool,
    /// What happened, in a sentence (counts only).
    pub sentence: String,
    /// The failure's kind (`not_found`: the folder is not there).
    pub code: Option<ErrorCode>,
    /// The passphrase the folder asks for, when that is why it stopped.
    pub needs: Option<PassphraseNeed>,
    /// Whether the journal changed: the screens show it again.
    pub changed: bool,
    /// Files not read, each with its reason.
    pub skipped: Vec<String>,
    /// Settings changed by another computer (forgotten on lock).
    pub settings: Vec<ProfileChange>,
    /// Records edited here replaced by a later edit elsewhere (forgotten on lock).
    pub replaced_here: Vec<String>,
    /// Entries from elsewhere not taken, in sentences (forgotten on lock).
    pub refused: Vec<String>,
}

impl SyncOutcome {
    fn of(report: &SyncReport, at: Timestamp, changed: bool) -> Self {
        let came = match report.came_in().as_str() {
            "nothing new" => "Nothing new came in".to_owned(),
            "settings only" => "Settings changed on your other computers".to_owned(),
            came => format!("{} from your other computers", ketalog_core::error::sentence(came)),
        };
        let sent = if report.wrote { "this computer's changes are in the folder." } else { "nothing new to send." };
        let mut sentence = format!("{came}; {sent}");
        if report.joined {
            sentence = format!("This journal joined the sync folder. {sentence}");
        }
        Self {
            at,
            ok: true,
            sentence,
            code: None,
            needs: None,
            changed,
            skipped: report.skipped.clone(),
            settings: report.merge.profile_changes.clone(),
            replaced_here: report.merge.replaced_here.clone(),
            refused: report.merge.refused.clone(),
        }
    }

    fn failed(error: &CommandError, needs: Option<PassphraseNeed>, at: Timestamp) -> Self {
        Self {
            at,
            ok: false,
            sentence: error.message.clone(),
            code: Some(error.code),
            needs,
            changed: false,
            skipped: Vec::new(),
            settings: Vec::new(),
            replaced_here: Vec::new(),
            refused: Vec::new(),
        }
    }

    /// The outcome with nothing that names a record or a setting's value.
    fn without_details(mut self) -> Self {
        self.settings.clear();
        self.replaced_here.clear();
        self.refused.clear();
        self
    }
}

/// Sync as Settings shows it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SyncStatus {
    /// The sync folder on this computer, once chosen.
    pub folder: Option<String>,
    /// Whether the journal holds the sync key (no passphrase needed).
    pub joined: bool,
    /// When the journal last synced without error.
    pub synced_at: Option<Timestamp>,
    /// The last sync since the app started (details only while unlocked).
    pub last: Option<SyncOutcome>,
    /// When a sync last brought in a crisis line set on another computer,
    /// if recently.
    pub crisis_line_changed: Option<Timestamp>,
    /// Records recently replaced by an edit made on another computer.
    pub changed_elsewhere: Vec<ChangedElsewhere>,
}

/// When syncs are due, and what the last one did.
#[derive(Debug, Default)]
pub struct Syncer {
    last: Mutex<Option<SyncOutcome>>,
    due: Mutex<Option<Instant>>,
    wake: Condvar,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Syncer {
    /// Asks for a background sync after `delay` (a later request moves it:
    /// a burst of saves makes one sync).
    pub fn soon(&self, delay: Duration) {
        *lock(&self.due) = Some(Instant::now() + delay);
        self.wake.notify_all();
    }

    /// Waits until a background sync is due, then takes the request.
    fn wait_due(&self) {
        let mut due = lock(&self.due);
        loop {
            match *due {
                Some(at) if Instant::now() >= at => {
                    *due = None;
                    return;
                }
                Some(at) => {
                    let wait = at.saturating_duration_since(Instant::now());
                    due = self.wake.wait_timeout(due, wait).unwrap_or_else(PoisonError::into_inner).0;
                }
                None => due = self.wake.wait(due).unwrap_or_else(PoisonError::into_inner),
            }
        }
    }

    /// What the last sync did.
    pub fn last(&self) -> Option<SyncOutcome> {
        lock(&self.last).clone()
    }

    fn remember(&self, outcome: SyncOutcome) {
        *lock(&self.last) = Some(outcome);
    }

    /// Forgets what names records and settings (the journal is locking).
    pub fn forget_details(&self) {
        let mut last = lock(&self.last);
        *last = last.take().map(SyncOutcome::without_details);
    }

    /// Forgets the last sync altogether (the folder was forgotten).
    fn forget(&self) {
        *lock(&self.last) = None;
    }
}

/// A [`SyncError`] as the UI receives it, and the passphrase it asks for.
pub fn command_error(error: SyncError) -> (CommandError, Option<PassphraseNeed>) {
    let message = sentence(&error.to_string());
    match error {
        SyncError::PassphraseNeeded { new_folder } => (
            CommandError::invalid("sync_passphrase", message),
            Some(if new_folder { PassphraseNeed::Create } else { PassphraseNeed::Join }),
        ),
        SyncError::WrongPassphrase => (
            CommandError {
                field: Some("sync_passphrase".into()),
                ..CommandError::new(ErrorCode::WrongPassphrase, message)
            },
            Some(PassphraseNeed::Join),
        ),
        SyncError::NoFolder(_) => (CommandError::new(ErrorCode::NotFound, message), None),
        // A damaged key file is the folder's damage, not the journal's: it
        // must not close the journal.
        SyncError::DamagedKey(..) => (CommandError::new(ErrorCode::DamagedFile, message), None),
        SyncError::Journal(Error::Invalid(field)) => {
            (CommandError::invalid("sync_passphrase", field.message), Some(PassphraseNeed::Create))
        }
        SyncError::Journal(inner) => (inner.into(), None),
    }
}

fn sentence(text: &str) -> String {
    let mut out = ketalog_core::error::sentence(text);
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

/// Syncs the open journal with its folder, if it has one; remembers the
/// outcome and replans the reminders when the journal changed. `Ok(None)`
/// when no folder is set.
///
/// # Errors
/// Why the sync did not happen (also remembered).
pub fn sync_open(
    open: &mut OpenJournal,
    syncer: &Syncer,
    notifier: Option<&Notifier>,
    passphrase: Option<&SecretString>,
) -> Result<Option<SyncOutcome>, CommandError> {
    let now = Timestamp::now_local();
    let Some(folder) = open.vault().sync_here(now)?.folder else {
        return Ok(None);
    };
    let before = open.vault().change_count()?;
    match open.sync(&folder, passphrase, now) {
        Ok(report) => {
            let changed = open.vault().change_count()? != before;
            if changed && let Some(notifier) = notifier {
                notifier.journal_changed(open.journal(), now);
            }
            let outcome = SyncOutcome::of(&report, now, changed);
            syncer.remember(outcome.clone());
            Ok(Some(outcome))
        }
        Err(error) => {
            let (error, needs) = command_error(error);
            syncer.remember(SyncOutcome::failed(&error, needs, now));
            Err(error)
        }
    }
}

/// Sync as Settings shows it, for the open journal.
///
/// # Errors
/// A database error.
pub fn status(open: &OpenJournal, syncer: &Syncer) -> Result<SyncStatus, CommandError> {
    let now = Timestamp::now_local();
    let here = open.vault().sync_here(now)?;
    Ok(SyncStatus {
        folder: here.folder.map(|f| f.display().to_string()),
        joined: here.joined,
        synced_at: here.synced_at,
        last: syncer.last(),
        crisis_line_changed: here.crisis_line_changed,
        changed_elsewhere: open.vault().changed_elsewhere(now)?,
    })
}

/// Keeps `folder` as the sync folder and syncs once without a passphrase:
/// a journal that has joined already syncs at once; otherwise the outcome
/// says which passphrase the folder asks for.
///
/// # Errors
/// `invalid` for a folder that cannot be kept.
pub fn choose_folder(
    open: &mut OpenJournal,
    syncer: &Syncer,
    notifier: &Notifier,
    folder: &Path,
) -> Result<(), CommandError> {
    if !folder.is_dir() {
        return Err(CommandError::new(ErrorCode::NotFound, "That folder is not there."));
    }
    open.set_sync_folder(folder)?;
    syncer.forget();
    // The outcome, success or the passphrase asked for, is remembered for
    // the status the command answers with.
    let _ = sync_open(open, syncer, Some(notifier), None);
    Ok(())
}

/// Whether `folder` holds a sync key already (joining) or not (creating).
pub fn folder_need(folder: &Path) -> PassphraseNeed {
    if folder.join(KEY_FILE).exists() { PassphraseNeed::Join } else { PassphraseNeed::Create }
}

/// Stops syncing; the records stay.
///
/// # Errors
/// A database error.
pub fn forget_folder(open: &mut OpenJournal, syncer: &Syncer) -> Result<(), CommandError> {
    open.forget_sync_folder()?;
    syncer.forget();
    Ok(())
}

/// The background thread: syncs when one is due, while the journal is
/// open, and tells the UI what happened.
pub fn spawn<R: Runtime>(app: AppHandle<R>) {
    std::thread::spawn(move || {
        loop {
            let state = app.state::<AppState>();
            state.syncer().wait_due();
            let notifier = app.state::<Notifier>();
            let outcome = state.in_background(|open| {
                Ok(sync_open(open, state.syncer(), Some(&notifier), None).unwrap_or_else(|_| state.syncer().last()))
            });
            if let Ok(Some(outcome)) = outcome {
                // The UI may be gone (closed to the tray); nothing else to do then.
                let _ = app.emit_to(crate::MAIN_WINDOW, SYNCED_EVENT, outcome);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_of_changes_makes_one_sync_after_the_last() {
        let syncer = std::sync::Arc::new(Syncer::default());
        let start = Instant::now();
        syncer.soon(Duration::from_millis(150));
        let waiter = {
            let syncer = syncer.clone();
            std::thread::spawn(move || {
                syncer.wait_due();
                Instant::now()
            })
        };
        std::thread::sleep(Duration::from_millis(100));
        // A later change moves the sync: it comes 150 ms after this one.
        syncer.soon(Duration::from_millis(150));
        let woke = waiter.join().unwrap();
        assert!(woke.duration_since(start) >= Duration::from_millis(250), "{:?}", woke.duration_since(start));
        assert!(lock(&syncer.due).is_none(), "the request was taken");
    }

    #[test]
    fn locking_forgets_what_names_records_and_settings() {
        let syncer = Syncer::default();
        let outcome = SyncOutcome {
            at: Timestamp::parse("2026-03-01T09:00:00+01:00").unwrap(),
            ok: true,
            sentence: "1 record changed from your other computers; nothing new to send.".into(),
            code: None,
            needs: None,
            changed: true,
            skipped: vec!["a file: incomplete".into()],
            settings: vec![ProfileChange {
                field: "crisis_line.phone".into(),
                label: "Crisis line: number to call".into(),
                current: "988".into(),
                incoming: "0800 111 0 111".into(),
            }],
            replaced_here: vec!["check-in of 2026-03-01".into()],
            refused: vec!["A check-in from another computer was not taken: mood 11.".into()],
        };
        syncer.remember(outcome.clone());
        syncer.forget_details();
        let kept = syncer.last().unwrap();
        assert!(kept.settings.is_empty() && kept.replaced_here.is_empty() && kept.refused.is_empty());
        assert_eq!((kept.at, kept.ok, kept.sentence), (outcome.at, outcome.ok, outcome.sentence));
    }
}
