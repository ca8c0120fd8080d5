//! What the app holds between commands: where the journal lives, and the
//! open journal while it is unlocked, its records in memory
//! ([`OpenJournal`]: loaded once at unlock, changed only after each write
//! has committed to the database).
//!
//! **Invariant:** the data key exists only inside the open [`Vault`], in this
//! process. Locking (on demand or after the idle time) drops the vault, which
//! closes the database and wipes the key, and the records in memory with it.
//! Nothing here is ever serialised.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use ketalog_core::model::{Journal, Profile};
use ketalog_core::open::OpenJournal;
use ketalog_core::{DataDocument, Vault};

use crate::error::{CommandError, ErrorCode};
use crate::knowledge::ImportApp;
use crate::sync::{Syncer, sync_open};

/// Environment variable that overrides where the journal lives.
pub const VAULT_ENV: &str = "KETALOG_VAULT";
/// Environment variable that, when set to a folder, replaces the native file
/// dialogs: files are read and written in that folder, by the name the UI
/// gives. For the end-to-end tests, which cannot drive native dialogs; a
/// release build ignores it (it exists only in debug builds, which the
/// tests drive), so the webview can never name a file in the app people run.
pub const E2E_DIR_ENV: &str = "KETALOG_E2E_DIR";

/// How files to read or write are chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileChoice {
    /// A native dialog, shown by this process; the webview never names a path.
    Dialog,
    /// Plain file names inside this folder (see [`E2E_DIR_ENV`]).
    Folder(PathBuf),
}

impl FileChoice {
    /// The file `name` inside the folder, refusing anything but a plain name.
    ///
    /// # Errors
    /// `invalid` when `name` is empty or has a path separator or `..`.
    pub fn named(folder: &Path, name: &str) -> Result<PathBuf, CommandError> {
        let plain = !name.is_empty()
            && name != "."
            && name != ".."
            && !name.contains(['/', '\\'])
            && Path::new(name).file_name().is_some_and(|n| n == name);
        if plain {
            Ok(folder.join(name))
        } else {
            Err(CommandError::invalid("path", format!("{name:?} is not a plain file name")))
        }
    }
}

struct Unlocked {
    journal: OpenJournal,
    last_activity: Instant,
    idle_limit: Duration,
}

/// An import from another app, previewed and not yet written.
#[derive(Debug)]
pub struct PendingImport {
    /// The app the file came from.
    pub app: ImportApp,
    /// The file, to read again with other choices.
    pub path: PathBuf,
    /// The records the preview showed.
    pub records: Journal,
}

/// The app's state, managed by Tauri.
pub struct AppState {
    vault_path: PathBuf,
    files: FileChoice,
    open: Mutex<Option<Unlocked>>,
    pending_restore: Mutex<Option<DataDocument>>,
    /// The last import preview from another app: its file and records.
    pending_import: Mutex<Option<PendingImport>>,
    syncer: Syncer,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("vault_path", &self.vault_path)
            .field("files", &self.files)
            .field("unlocked", &self.is_unlocked())
            .finish()
    }
}

impl AppState {
    /// A locked app over the journal at `vault_path`.
    pub fn new(vault_path: PathBuf, files: FileChoice) -> Self {
        Self {
            vault_path,
            files,
            open: Mutex::new(None),
            pending_restore: Mutex::new(None),
            pending_import: Mutex::new(None),
            syncer: Syncer::default(),
        }
    }

    /// From the environment: [`VAULT_ENV`] or `journal.db` in the platform's
    /// app-data folder; [`E2E_DIR_ENV`] for files.
    ///
    /// # Errors
    /// `io` when there is no app-data folder and no override.
    pub fn from_env() -> Result<Self, CommandError> {
        let vault_path = match std::env::var_os(VAULT_ENV).filter(|v| !v.is_empty()) {
            Some(path) => PathBuf::from(path),
            None => ketalog_core::policy::default_journal_path().ok_or_else(|| {
                CommandError::new(ErrorCode::Io, format!("Cannot find the app-data folder; set {VAULT_ENV}."))
            })?,
        };
        Ok(Self::new(vault_path, file_choice_from_env()))
    }

    /// Where the journal lives.
    pub fn vault_path(&self) -> &Path {
        &self.vault_path
    }

    /// How files are chosen.
    pub fn files(&self) -> &FileChoice {
        &self.files
    }

    fn guard(&self) -> MutexGuard<'_, Option<Unlocked>> {
        // A panic while holding the lock leaves at worst a stale activity
        // time; the vault itself is only changed in transactions.
        self.open.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Whether a journal is open.
    pub fn is_unlocked(&self) -> bool {
        self.guard().is_some()
    }

    /// Keeps `journal` open until [`lock`](Self::lock) or until idle for
    /// the profile's auto-lock time.
    pub fn unlocked(&self, journal: OpenJournal) {
        let idle_limit = idle_limit(&journal.journal().profile);
        *self.guard() = Some(Unlocked { journal, last_activity: Instant::now(), idle_limit });
    }

    /// Keeps the validated document a restore preview showed, so that the
    /// restore writes exactly what was shown, and the webview never names
    /// a file. Forgotten on lock.
    pub fn set_pending_restore(&self, document: Option<DataDocument>) {
        *self.pending_restore.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = document;
    }

    /// The document the last preview showed, forgetting it.
    pub fn take_pending_restore(&self) -> Option<DataDocument> {
        self.pending_restore.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take()
    }

    /// Remembers (or forgets) what an import preview showed, so that the
    /// import writes exactly those records, and a preview with other choices
    /// reads the same file again. Forgotten on lock.
    pub fn set_pending_import(&self, pending: Option<PendingImport>) {
        *self.pending_import.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = pending;
    }

    /// What the last import preview showed, once.
    pub fn take_pending_import(&self) -> Option<PendingImport> {
        self.pending_import.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take()
    }

    /// The app and file of the last import preview, if one is pending.
    pub fn pending_import_file(&self) -> Option<(ImportApp, PathBuf)> {
        let pending = self.pending_import.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        pending.as_ref().map(|p| (p.app, p.path.clone()))
    }

    /// Closes the open journal, runs `work` on its path, and keeps the
    /// journal `work` gives back open; for what needs the journal's files to
    /// itself (re-encryption). When it gives none back, the journal stays
    /// closed and the UI shows the unlock screen.
    ///
    /// # Errors
    /// `locked` when no journal is open; otherwise what `work` returns.
    pub fn reopen_with(
        &self,
        work: impl FnOnce(&Path) -> (Option<Vault>, Result<(), CommandError>),
    ) -> Result<(), CommandError> {
        let mut guard = self.guard();
        let Some(open) = guard.take() else {
            return Err(CommandError::locked());
        };
        let idle_limit = open.idle_limit;
        drop(open);
        let (vault, outcome) = work(&self.vault_path);
        *guard = match vault.map(OpenJournal::new).transpose() {
            Ok(journal) => journal.map(|journal| Unlocked { journal, last_activity: Instant::now(), idle_limit }),
            Err(e) => return Err(e.into()),
        };
        outcome
    }

    /// When syncs are due, and what the last one did.
    pub fn syncer(&self) -> &Syncer {
        &self.syncer
    }

    /// Closes the journal and forgets its key, after a last sync with its
    /// folder (if it has one). Returns whether one was open.
    pub fn lock(&self) -> bool {
        self.set_pending_restore(None);
        self.set_pending_import(None);
        self.close(&mut self.guard())
    }

    /// Syncs the open journal a last time (a failure is remembered for
    /// Settings; the journal locks anyway), then drops it and its key, and
    /// what the last sync named. Returns whether one was open.
    fn close(&self, open: &mut Option<Unlocked>) -> bool {
        if let Some(open) = open.as_mut() {
            let _ = sync_open(&mut open.journal, &self.syncer, None, None);
        }
        self.syncer.forget_details();
        open.take().is_some()
    }

    /// Locks when the journal has been idle for its auto-lock time. Returns
    /// whether it locked now.
    pub fn lock_if_idle(&self, now: Instant) -> bool {
        let mut open = self.guard();
        let idle = open.as_ref().is_some_and(|o| now.saturating_duration_since(o.last_activity) >= o.idle_limit);
        if idle {
            self.close(&mut open);
            self.set_pending_import(None);
        }
        idle
    }

    /// Counts as activity: postpones the auto-lock.
    ///
    /// # Errors
    /// `locked` when no journal is open.
    pub fn touch(&self) -> Result<(), CommandError> {
        self.with_vault(|_| Ok(()))
    }

    /// Counts as activity if a journal is open; nothing otherwise.
    pub fn touch_if_unlocked(&self) {
        let _ = self.touch();
    }

    /// Runs `f` on the open journal's vault (see [`AppState::with_journal`]).
    ///
    /// # Errors
    /// As [`AppState::with_journal`].
    pub fn with_vault<T>(&self, f: impl FnOnce(&Vault) -> Result<T, CommandError>) -> Result<T, CommandError> {
        self.with_journal(|open| f(open.vault()))
    }

    /// Runs `f` on the open journal without counting as activity (a
    /// background sync must not keep the journal open).
    ///
    /// # Errors
    /// `locked` when no journal is open; otherwise whatever `f` returns.
    pub fn in_background<T>(
        &self,
        f: impl FnOnce(&mut OpenJournal) -> Result<T, CommandError>,
    ) -> Result<T, CommandError> {
        let mut guard = self.guard();
        let Some(open) = guard.as_mut() else {
            return Err(CommandError::locked());
        };
        let result = f(&mut open.journal);
        if result.as_ref().is_err_and(|e| e.code == ErrorCode::Corrupt) {
            *guard = None;
        }
        result
    }

    /// Runs `f` on the open journal, counting as activity. When `f` finds
    /// the journal damaged, the journal is closed: the UI then offers to
    /// restore it from a backup.
    ///
    /// # Errors
    /// `locked` when no journal is open (or it has just locked for being
    /// idle); otherwise whatever `f` returns.
    pub fn with_journal<T>(
        &self,
        f: impl FnOnce(&mut OpenJournal) -> Result<T, CommandError>,
    ) -> Result<T, CommandError> {
        let now = Instant::now();
        let mut guard = self.guard();
        let Some(open) = guard.as_mut() else {
            return Err(CommandError::locked());
        };
        if now.saturating_duration_since(open.last_activity) >= open.idle_limit {
            self.close(&mut guard);
            return Err(CommandError::locked());
        }
        open.last_activity = now;
        let result = f(&mut open.journal);
        if result.as_ref().is_err_and(|e| e.code == ErrorCode::Corrupt) {
            *guard = None;
            return result;
        }
        // The profile may just have changed its auto-lock time.
        open.idle_limit = idle_limit(&open.journal.journal().profile);
        result
    }
}

/// [`E2E_DIR_ENV`] in a debug build; native dialogs otherwise.
fn file_choice_from_env() -> FileChoice {
    #[cfg(debug_assertions)]
    if let Some(dir) = std::env::var_os(E2E_DIR_ENV).filter(|v| !v.is_empty()) {
        return FileChoice::Folder(PathBuf::from(dir));
    }
    FileChoice::Dialog
}

fn idle_limit(profile: &Profile) -> Duration {
    let minutes = profile.auto_lock_minutes.unwrap_or(Profile::DEFAULT_AUTO_LOCK_MINUTES);
    Duration::from_secs(u64::from(minutes) * 60)
}

#[cfg(test)]
mod tests {
    use secrecy::SecretString;

    use super::*;

    fn open_state(dir: &Path, minutes: u16) -> AppState {
        let path = dir.join("journal.db");
        let mut vault = Vault::create(&path, &SecretString::from("correct horse")).unwrap();
        let profile = Profile { auto_lock_minutes: Some(minutes), ..Profile::default() };
        vault.set_profile(&profile, ketalog_core::Timestamp::now_local()).unwrap();
        let state = AppState::new(path, FileChoice::Dialog);
        state.unlocked(OpenJournal::new(vault).unwrap());
        state
    }

    #[test]
    fn locks_after_the_idle_time_and_not_before() {
        let dir = tempfile::tempdir().unwrap();
        let state = open_state(dir.path(), 2);
        let start = Instant::now();
        assert!(!state.lock_if_idle(start + Duration::from_secs(119)));
        assert!(state.is_unlocked());
        assert!(state.lock_if_idle(start + Duration::from_secs(121)));
        assert!(!state.is_unlocked());
        assert_eq!(state.touch().unwrap_err().code, ErrorCode::Locked);
    }

    #[test]
    fn locking_on_demand_closes_the_journal() {
        let dir = tempfile::tempdir().unwrap();
        let state = open_state(dir.path(), 5);
        assert!(state.lock());
        assert!(!state.lock());
        assert_eq!(state.with_journal(|j| Ok(j.journal().clone())).unwrap_err().code, ErrorCode::Locked);
    }

    #[test]
    fn damage_found_while_open_closes_the_journal() {
        let dir = tempfile::tempdir().unwrap();
        let state = open_state(dir.path(), 5);
        let invalid = state.with_vault(|_| Err::<(), _>(CommandError::invalid("x", "no"))).unwrap_err();
        assert_eq!(invalid.code, ErrorCode::Invalid);
        assert!(state.is_unlocked(), "a refused value leaves the journal open");
        let damaged = state.with_vault(|_| Err::<(), _>(ketalog_core::Error::Corrupt("bad page".into()).into()));
        assert_eq!(damaged.unwrap_err().code, ErrorCode::Corrupt);
        assert!(!state.is_unlocked());
    }

    #[test]
    fn only_plain_file_names_are_accepted_in_the_folder() {
        let folder = Path::new("/tmp/e2e");
        assert_eq!(FileChoice::named(folder, "report.pdf").unwrap(), folder.join("report.pdf"));
        for bad in ["", ".", "..", "../x.pdf", "a/b.pdf", "/etc/passwd", "a\\b"] {
            assert_eq!(FileChoice::named(folder, bad).unwrap_err().code, ErrorCode::Invalid, "{bad:?}");
        }
    }
}
