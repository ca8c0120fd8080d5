//! The commands the UI may call: thin wrappers over the core.
//!
//! Each takes its arguments by name (snake_case), returns a result type from
//! the core or from this module, and fails with a [`CommandError`]. Their
//! TypeScript signatures are generated in [`crate::bindings`].
//!
//! **Invariant:** passphrases arrive here once, are wrapped in a
//! [`SecretString`] immediately, and nothing secret is ever returned.

use ketalog_core::backup;
use ketalog_core::charts::{ChartKind, DateRange, Theme};
use ketalog_core::imports;
use ketalog_core::insights::{Lag, Series};
use ketalog_core::model::ProfileChange;
use ketalog_core::model::{Acknowledgement, BladderDay, Journal, Profile};
use ketalog_core::open::OpenJournal;
use ketalog_core::record::{AnyRecord, KindCount, RecordCounts};
use ketalog_core::report;
use ketalog_core::rules::{self, Alert, Thresholds};
use ketalog_core::schedule::{NoticeKind, SnoozeLength};
use ketalog_core::vault::{self, ImportMode};
use ketalog_core::views::{self, HistoryPage, HistoryQuery, Month, Overview};
use ketalog_core::{DataDocument, ImportSummary, Timestamp, Vault, export, policy};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;
use uuid::Uuid;

use crate::display::{self, ChartView, ComparisonView, InsightsView, Questionnaire, TableView};
use crate::error::{CommandError, ErrorCode};
use crate::knowledge::{self, CoMedicationName, CrisisDirectory, Guides, ImportApp, ImportPreview, ImportSource};
use crate::notifications::Notifier;
use crate::state::{AppState, FileChoice, PendingImport};
use crate::sync::{self, AFTER_CHANGES, PassphraseNeed, SyncStatus};

/// Where the app stands, before anything is unlocked.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppStatus {
    /// Whether a journal exists at the vault path (else: first-run setup).
    pub journal_exists: bool,
    /// Whether it is open.
    pub unlocked: bool,
    /// The journal file, for the Settings screen.
    pub vault_path: String,
    /// True when files are named in the UI instead of a native dialog
    /// (end-to-end tests only).
    pub files_by_name: bool,
    /// The shortest passphrase accepted.
    pub min_passphrase_chars: u32,
}

/// What saving a record did: the record as stored, the crisis and urgent
/// alerts it raised (shown at once), and the overview after it. Small,
/// whatever the journal's size.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Saved {
    /// The record as stored (a new record has its id now).
    pub record: AnyRecord,
    /// The crisis and urgent alerts this record raised, not yet acknowledged.
    pub prompts: Vec<Alert>,
    /// What is due and what holds now.
    pub overview: Overview,
}

/// What deleting a record did: the record as it was (to offer "undo"), and
/// the overview after it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Deleted {
    /// The record that was deleted.
    pub record: AnyRecord,
    /// What is due and what holds now.
    pub overview: Overview,
}

/// A file the app wrote.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FileWritten {
    /// Where it went.
    pub path: String,
}

/// The app's version and the build it came from, for the About line in
/// Settings: the same as `ketalog --version` prints.
#[derive(Debug, Clone, Serialize, TS)]
pub struct About {
    /// The release, `0.1.0`.
    pub version: String,
    /// The git commit it was built from (12 hex digits), or `source`
    /// (named at build time by ketalog-build-id).
    pub build: String,
}

/// What a backup or export file holds, read and validated, not yet restored.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DocumentPreview {
    /// The file it came from.
    pub path: String,
    /// Whether it was an encrypted backup (else a plain export).
    pub encrypted: bool,
    /// When it was exported, if it says.
    pub exported_at: Option<Timestamp>,
    /// Record counts by kind, with their words.
    pub counts: Vec<KindCount>,
    /// The first local day with a record (YYYY-MM-DD), if any.
    pub first_day: Option<String>,
    /// The last local day with a record (YYYY-MM-DD), if any.
    pub last_day: Option<String>,
    /// The profile settings a merge would change if the user also takes the
    /// file's profile (a merge keeps the journal's profile otherwise).
    pub profile_if_merged: Vec<ProfileChange>,
    /// The profile settings a replace (or a restore as a new journal) installs.
    pub profile_if_replaced: Vec<ProfileChange>,
}

/// An encrypted backup the app wrote.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupWritten {
    /// Where it went.
    pub path: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// How many records (and acknowledgements) it holds.
    pub records: u32,
}

/// How a restore treats the journal.
#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RestoreMode {
    /// Add and update by record id; remove nothing.
    Merge,
    /// The journal becomes exactly the file's content.
    Replace,
}

fn secret(passphrase: String) -> SecretString {
    SecretString::from(passphrase)
}

/// The core's one passphrase rule, as the CLI applies it.
fn check_new_passphrase(passphrase: &SecretString) -> Result<(), CommandError> {
    policy::check_new_passphrase("passphrase", passphrase).map_err(|e| CommandError::invalid(e.path, e.message))
}

/// The overview of the open journal now, with the rules run once.
fn overview_now(open: &OpenJournal) -> Overview {
    let now = Timestamp::now_local();
    views::overview(open.journal(), &views::alerts(open.journal(), now), now)
}

/// Plans the reminder schedule for the open journal as it is now: every
/// command that opens or changes the journal calls this, then answers with
/// the overview.
fn planned(notifier: &Notifier, open: &OpenJournal) -> Overview {
    let view = overview_now(open);
    notifier.journal_changed(open.journal(), view.now);
    view
}

/// Where the app stands.
#[tauri::command(rename_all = "snake_case")]
pub async fn status(state: State<'_, AppState>) -> Result<AppStatus, CommandError> {
    Ok(AppStatus {
        journal_exists: vault::exists(state.vault_path()),
        unlocked: state.is_unlocked(),
        vault_path: state.vault_path().display().to_string(),
        files_by_name: matches!(state.files(), FileChoice::Folder(_)),
        min_passphrase_chars: policy::MIN_PASSPHRASE_CHARS as u32,
    })
}

/// First run: creates the journal locked with `passphrase`, saves the
/// profile, and leaves it unlocked.
#[tauri::command(rename_all = "snake_case")]
pub async fn create_journal(
    state: State<'_, AppState>,
    notifier: State<'_, Notifier>,
    passphrase: String,
    profile: Profile,
) -> Result<Overview, CommandError> {
    let passphrase = secret(passphrase);
    check_new_passphrase(&passphrase)?;
    profile.validate().map_err(|e| CommandError::invalid(e.path.clone(), e.to_string()))?;
    let mut vault = Vault::create(state.vault_path(), &passphrase)?;
    vault.set_profile(&profile, Timestamp::now_local())?;
    let journal = OpenJournal::new(vault)?;
    let view = planned(&notifier, &journal);
    state.unlocked(journal);
    Ok(view)
}

/// Opens the journal.
#[tauri::command(rename_all = "snake_case")]
pub async fn unlock(
    state: State<'_, AppState>,
    notifier: State<'_, Notifier>,
    passphrase: String,
) -> Result<Overview, CommandError> {
    let passphrase = secret(passphrase);
    if !vault::exists(state.vault_path()) {
        return Err(CommandError::new(ErrorCode::NoJournal, "There is no journal yet."));
    }
    let journal = OpenJournal::new(Vault::open(state.vault_path(), &passphrase)?)?;
    let view = planned(&notifier, &journal);
    state.unlocked(journal);
    // Whatever came in while the journal was locked, in the background.
    state.syncer().soon(std::time::Duration::ZERO);
    Ok(view)
}

/// Syncs a last time with the sync folder, if there is one, then closes
/// the journal and forgets its key.
#[tauri::command(rename_all = "snake_case")]
pub async fn lock(state: State<'_, AppState>, notifier: State<'_, Notifier>) -> Result<(), CommandError> {
    state.lock();
    notifier.poke();
    Ok(())
}

/// The user is active: postpones the auto-lock.
#[tauri::command(rename_all = "snake_case")]
pub async fn keep_alive(state: State<'_, AppState>) -> Result<(), CommandError> {
    state.touch()
}

/// What is due, what holds and today's entries.
#[tauri::command(rename_all = "snake_case")]
pub async fn load_overview(
    state: State<'_, AppState>,
    notifier: State<'_, Notifier>,
) -> Result<Overview, CommandError> {
    state.with_journal(|open| Ok(planned(&notifier, open)))
}

/// Saves a new record (its id nil: one is given) or an edited one. The
/// database commits first; the journal in memory follows; the rules run once.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_record(
    state: State<'_, AppState>,
    notifier: State<'_, Notifier>,
    record: AnyRecord,
) -> Result<Saved, CommandError> {
    let now = Timestamp::now_local();
    state.with_journal(|open| {
        let record = open.save(record, now)?;
        notifier.journal_changed(open.journal(), now);
        let alerts = views::alerts(open.journal(), now);
        let prompts = rules::prompts_in(&alerts, record.id());
        state.syncer().soon(AFTER_CHANGES);
        Ok(Saved { record, prompts, overview: views::overview(open.journal(), &alerts, now) })
    })
}

/// Deletes a record (the UI has asked, or offers undo); returns it as it was.
#[tauri::command(rename_all = "snake_case")]
pub async fn delete_record(
    state: State<'_, AppState>,
    notifier: State<'_, Notifier>,
    id: Uuid,
) -> Result<Deleted, CommandError> {
    state.with_journal(|open| {
        let record = open.delete(id, Timestamp::now_local())?;
        state.syncer().soon(AFTER_CHANGES);
        Ok(Deleted { record, overview: planned(&notifier, open) })
    })
}

/// One page of history: filtered by kind, words and days, newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn history(state: State<'_, AppState>, query: HistoryQuery) -> Result<HistoryPage, CommandError> {
    state.with_journal(|open| Ok(views::history(open.journal(), &query)?))
}

/// The tags already used, most used first: the tag field's suggestions and
/// the history filter's choices (at most `views::MAX_TAGS_IN_USE`), with the
/// limits the tag field says.
#[tauri::command(rename_all = "snake_case")]
pub async fn tags_in_use(state: State<'_, AppState>) -> Result<views::TagsInUse, CommandError> {
    state.with_journal(|open| Ok(views::tags_in_use(open.journal())))
}

/// One record, to edit.
#[tauri::command(rename_all = "snake_case")]
pub async fn record(state: State<'_, AppState>, id: Uuid) -> Result<AnyRecord, CommandError> {
    state.with_journal(|open| Ok(views::record(open.journal(), id)?))
}

/// The bladder diary entry of a local day (`YYYY-MM-DD`), if any.
#[tauri::command(rename_all = "snake_case")]
pub async fn diary_day(state: State<'_, AppState>, day: String) -> Result<Option<BladderDay>, CommandError> {
    let day = self::day("day", &day)?;
    state.with_journal(|open| Ok(views::diary_day(open.journal(), day)))
}

/// How many records of each kind fall in a period (the report's preview).
#[tauri::command(rename_all = "snake_case")]
pub async fn period_counts(
    state: State<'_, AppState>,
    from: String,
    to: String,
) -> Result<Vec<KindCount>, CommandError> {
    let range = date_range(&from, &to)?;
    state.with_journal(|open| Ok(views::counts_between(open.journal(), range.from(), range.to())))
}

/// A month of the calendar: each day's mood, sessions and warning signs.
#[tauri::command(rename_all = "snake_case")]
pub async fn month(state: State<'_, AppState>, year: i32, month: u32) -> Result<Month, CommandError> {
    state.with_journal(|open| Ok(views::month(open.journal(), year, month)?))
}

/// Replaces the profile (Settings, setup).
#[tauri::command(rename_all = "snake_case")]
pub async fn save_profile(
    state: State<'_, AppState>,
    notifier: State<'_, Notifier>,
    profile: Profile,
) -> Result<Overview, CommandError> {
    state.with_journal(|open| {
        open.set_profile(profile, Timestamp::now_local())?;
        state.syncer().soon(AFTER_CHANGES);
        Ok(planned(&notifier, open))
    })
}

/// Changes the journal's passphrase; with `rekey`, also re-encrypts the
/// journal under a new data key, so that copies of the old key file no
/// longer open it. The journal stays unlocked.
#[tauri::command(rename_all = "snake_case")]
pub async fn change_passphrase(
    state: State<'_, AppState>,
    current: String,
    new: String,
    rekey: bool,
) -> Result<(), CommandError> {
    let (current, new) = (secret(current), secret(new));
    check_new_passphrase(&new).map_err(|e| CommandError { field: Some("new".into()), ..e })?;
    if rekey {
        // A wrong current passphrase is refused before the journal closes.
        drop(Vault::open(state.vault_path(), &current)?);
        // Re-encryption needs the journal to itself: the open connection is
        // closed for it and the journal reopened with whichever passphrase
        // opens it afterwards.
        return state.reopen_with(|path| match Vault::change_passphrase_and_rekey(path, &current, &new) {
            Ok(()) => match Vault::open(path, &new) {
                Ok(vault) => (Some(vault), Ok(())),
                Err(e) => (None, Err(e.into())),
            },
            Err(e) => (Vault::open(path, &current).ok(), Err(e.into())),
        });
    }
    // The open connection keeps working: only the key file's wrapping of the
    // data key changes.
    state.with_vault(|_| Ok(()))?;
    Vault::change_passphrase(state.vault_path(), &current, &new)?;
    Ok(())
}

/// Writes the data document as plain JSON (not encrypted).
#[tauri::command(rename_all = "snake_case")]
pub async fn export_json<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    name: Option<String>,
) -> Result<FileWritten, CommandError> {
    let journal = state.with_vault(|vault| Ok(vault.journal()?))?;
    let path = crate::files::save_path(&app, state.files(), name, "ketalog-export.json", ("JSON", &["json"]))?;
    let document = DataDocument::new(journal, Timestamp::now_local());
    vault::write_outside(state.vault_path(), &path, document.to_json().as_bytes())?;
    Ok(FileWritten { path: path.display().to_string() })
}

/// Writes one CSV file per record type into a folder (not encrypted).
#[tauri::command(rename_all = "snake_case")]
pub async fn export_csv<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    name: Option<String>,
) -> Result<FileWritten, CommandError> {
    let journal = state.with_vault(|vault| Ok(vault.journal()?))?;
    let dir = crate::files::folder_path(&app, state.files(), name, "ketalog-csv", "Choose a folder for the CSV files")?;
    export::write_csv(&journal, &dir, state.vault_path())?;
    Ok(FileWritten { path: dir.display().to_string() })
}

/// What a file holds, and what it would do to the profile: compared with
/// the open journal's profile, or (while locked: a restore as a new
/// journal) with a new journal's.
fn preview_of(state: &AppState, path: &std::path::Path, document: &DataDocument, encrypted: bool) -> DocumentPreview {
    let preview = backup::Preview::of(document);
    let current = state.with_vault(|vault| Ok(vault.profile()?)).unwrap_or_default();
    let incoming = &document.journal.profile;
    DocumentPreview {
        path: path.display().to_string(),
        encrypted,
        exported_at: document.exported_at,
        counts: RecordCounts::of(&document.journal).entries(),
        first_day: preview.date_range.map(|(first, _)| first.to_string()),
        last_day: preview.date_range.map(|(_, last)| last.to_string()),
        profile_if_merged: ImportMode::MergeWithProfile.profile_changes(&current, incoming),
        profile_if_replaced: ImportMode::Replace.profile_changes(&current, incoming),
    }
}

/// Reads a plain export (JSON), validates all of it, and says what it
/// holds. Nothing is written until [`restore`] or [`restore_new_journal`].
#[tauri::command(rename_all = "snake_case")]
pub async fn preview_document<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    name: Option<String>,
) -> Result<DocumentPreview, CommandError> {
    state.touch_if_unlocked();
    state.set_pending_restore(None);
    let path = crate::files::open_path(&app, state.files(), name, "Choose a Ketalog export", ("JSON", &["json"]))?;
    let document = DataDocument::read(&path)?;
    let preview = preview_of(&state, &path, &document, false);
    state.set_pending_restore(Some(document));
    Ok(preview)
}

/// Writes an encrypted backup of the whole journal, locked with a backup
/// passphrase (age, scrypt) that the standard `age` tool can open.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_backup<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    name: Option<String>,
    passphrase: String,
) -> Result<BackupWritten, CommandError> {
    let passphrase = secret(passphrase);
    check_new_passphrase(&passphrase)?;
    state.touch()?;
    let suggested = format!("ketalog-backup-{}.age", Timestamp::now_local().local_day());
    let path = crate::files::save_path(&app, state.files(), name, &suggested, ("age backup", &["age"]))?;
    let lock = backup::BackupLock::Passphrase(passphrase);
    let summary = state.with_vault(|vault| Ok(backup::export(vault, &lock, &path, Timestamp::now_local())?))?;
    Ok(BackupWritten {
        path: path.display().to_string(),
        bytes: u64::try_from(summary.bytes).unwrap_or(u64::MAX),
        records: u32::try_from(summary.preview.counts.total()).unwrap_or(u32::MAX),
    })
}

/// Decrypts an encrypted backup, validates all of it, and says what it
/// holds. A backup locked with a backup passphrase opens with `passphrase`;
/// one encrypted to age public keys opens with an age identity file, chosen
/// next (by `identity` in the end-to-end tests). Nothing is written until
/// [`restore`] (or [`restore_new_journal`], which is why this also works
/// while locked).
#[tauri::command(rename_all = "snake_case")]
pub async fn preview_backup<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    name: Option<String>,
    passphrase: String,
    identity: Option<String>,
) -> Result<DocumentPreview, CommandError> {
    let passphrase = secret(passphrase);
    state.touch_if_unlocked();
    state.set_pending_restore(None);
    let path = crate::files::open_path(&app, state.files(), name, "Choose a backup", ("age backup", &["age"]))?;
    let sealed = backup::SealedBackup::read(&path)?;
    let key = match sealed.lock() {
        backup::LockKind::Passphrase => backup::BackupKey::Passphrase(passphrase),
        backup::LockKind::Recipients => {
            if identity.is_none() && matches!(state.files(), FileChoice::Folder(_)) {
                return Err(CommandError::invalid(
                    "identity",
                    "This backup is encrypted to an age key: name its identity file.",
                ));
            }
            let title = "This backup is encrypted to an age key: choose its identity file";
            let key_file =
                crate::files::open_path(&app, state.files(), identity, title, ("age identity", &["txt", "key"]))?;
            let text = std::fs::read_to_string(&key_file)
                .map_err(|e| ketalog_core::Error::io(format!("reading {}", key_file.display()), e))?;
            backup::BackupKey::Identities(backup::parse_identities(&text, &key_file.display().to_string())?)
        }
    };
    let opened = sealed.open(&key)?;
    let document = opened.document().clone();
    let preview = preview_of(&state, &path, &document, true);
    state.set_pending_restore(Some(document));
    Ok(preview)
}

/// Restores what the last preview showed (merge by record id, or replace
/// the journal), in one transaction. The webview never names the file. A
/// merge keeps the journal's profile unless `take_profile` (the user saw the
/// preview's `profile_if_merged` and agreed); a replace installs the file's.
#[tauri::command(rename_all = "snake_case")]
pub async fn restore(
    state: State<'_, AppState>,
    notifier: State<'_, Notifier>,
    mode: RestoreMode,
    take_profile: bool,
) -> Result<ImportSummary, CommandError> {
    let document = state
        .take_pending_restore()
        .ok_or_else(|| CommandError::new(ErrorCode::NotFound, "Choose a file to restore first."))?;
    let mode = match (mode, take_profile) {
        (RestoreMode::Merge, false) => ImportMode::Merge,
        (RestoreMode::Merge, true) => ImportMode::MergeWithProfile,
        (RestoreMode::Replace, _) => ImportMode::Replace,
    };
    state.with_journal(|open| {
        let summary = open.import(&document.journal, mode, Timestamp::now_local())?;
        planned(&notifier, open);
        state.syncer().soon(AFTER_CHANGES);
        Ok(summary)
    })
}

/// What restoring into a new journal did.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FreshRestore {
    /// The new journal, open.
    pub overview: Overview,
    /// What the restore wrote.
    pub summary: ImportSummary,
    /// The folder the earlier journal's files were moved to, if any.
    pub set_aside: Option<String>,
}

/// Makes a new journal, locked with `passphrase`, from what the last preview
/// showed, and opens it. The journal that could not be opened (damaged, or
/// its passphrase forgotten) is not deleted: its files are moved, unread,
/// into a `set-aside-…` folder beside it. Only while locked.
#[tauri::command(rename_all = "snake_case")]
pub async fn restore_new_journal(
    state: State<'_, AppState>,
    notifier: State<'_, Notifier>,
    passphrase: String,
) -> Result<FreshRestore, CommandError> {
    let passphrase = secret(passphrase);
    check_new_passphrase(&passphrase)?;
    if state.is_unlocked() {
        return Err(CommandError::new(
            ErrorCode::Invalid,
            "The journal is open: restore from the Backup screen instead, or lock it first.",
        ));
    }
    let document = state
        .take_pending_restore()
        .ok_or_else(|| CommandError::new(ErrorCode::NotFound, "Choose a file to restore first."))?;
    let fresh = vault::restore_as_new(state.vault_path(), &passphrase, &document.journal, Timestamp::now_local())?;
    let journal = OpenJournal::new(fresh.vault)?;
    let view = planned(&notifier, &journal);
    state.unlocked(journal);
    Ok(FreshRestore {
        overview: view,
        summary: fresh.summary,
        set_aside: fresh.set_aside.map(|p| p.display().to_string()),
    })
}

/// Records that the user has seen an alert, with their note.
#[tauri::command(rename_all = "snake_case")]
pub async fn acknowledge_alert(
    state: State<'_, AppState>,
    notifier: State<'_, Notifier>,
    alert_id: String,
    note: String,
    share_note: bool,
) -> Result<Overview, CommandError> {
    state.with_journal(|open| {
        open.acknowledge(Acknowledgement { alert_id, at: Timestamp::now_local(), note, share_note })?;
        state.syncer().soon(AFTER_CHANGES);
        Ok(planned(&notifier, open))
    })
}

/// Postpones the notifications of `kind` by an hour or until tomorrow's
/// check-in time. The in-app list still shows what is due.
#[tauri::command(rename_all = "snake_case")]
pub async fn snooze_reminder(
    state: State<'_, AppState>,
    notifier: State<'_, Notifier>,
    kind: NoticeKind,
    length: SnoozeLength,
) -> Result<(), CommandError> {
    state.with_journal(|open| notifier.snooze(open.journal(), kind, length, Timestamp::now_local()))
}

/// What the last notification was about, once, so that the first screen
/// after unlocking is the one it asked for (desktop notifications report no
/// click on Linux). Only while unlocked.
#[tauri::command(rename_all = "snake_case")]
pub async fn take_last_notice(
    state: State<'_, AppState>,
    notifier: State<'_, Notifier>,
) -> Result<Option<NoticeKind>, CommandError> {
    state.touch()?;
    Ok(notifier.take_last_notice())
}

/// The questionnaires' published wording, from the core's one copy.
#[tauri::command(rename_all = "snake_case")]
pub async fn questionnaires() -> Result<Vec<Questionnaire>, CommandError> {
    Ok(display::questionnaires())
}

/// The version and build, for Settings' About line. Needs no journal.
#[tauri::command(rename_all = "snake_case")]
pub async fn about() -> Result<About, CommandError> {
    Ok(About { version: env!("CARGO_PKG_VERSION").to_owned(), build: env!("KETALOG_BUILD").to_owned() })
}

fn day(field: &str, text: &str) -> Result<chrono::NaiveDate, CommandError> {
    ketalog_core::time::parse_day(text).map_err(|message| CommandError::invalid(field, message))
}

fn date_range(from: &str, to: &str) -> Result<DateRange, CommandError> {
    Ok(DateRange::new(day("from", from)?, day("to", to)?)?)
}

/// A chart or the PDF could not be drawn: a defect, never the input; said as
/// the core says it.
fn drawing_failed(error: impl std::fmt::Display) -> CommandError {
    CommandError::new(ErrorCode::Io, ketalog_core::error::sentence(&error.to_string()))
}

/// What every drawing command does: reads the local days `from` to `to`
/// (YYYY-MM-DD), then draws over the open journal, a failure to draw being
/// [`drawing_failed`].
fn draw_over<T, E: std::fmt::Display>(
    state: &AppState,
    from: &str,
    to: &str,
    draw: impl FnOnce(&Journal, DateRange) -> Result<T, E>,
) -> Result<T, CommandError> {
    let range = date_range(from, to)?;
    state.with_journal(|open| draw(open.journal(), range).map_err(drawing_failed))
}

/// The trend charts for the local days `from` to `to` (YYYY-MM-DD), drawn in
/// the app's current `theme` (the PDF report is always light).
#[tauri::command(rename_all = "snake_case")]
pub async fn charts(
    state: State<'_, AppState>,
    from: String,
    to: String,
    theme: Theme,
) -> Result<Vec<ChartView>, CommandError> {
    // One chart at a time, its table dropped as soon as it is drawn: over
    // ten years the tables hold tens of thousands of cells, and the
    // allocator keeps the peak of all of them at once for the process's
    // whole life.
    draw_over(&state, &from, &to, |journal, range| {
        ChartKind::ALL.iter().map(|kind| kind.draw(journal, range, theme).map(ChartView::without_table)).collect()
    })
}

/// The data table of one trend chart (`chart`, its id: `phq9`, `doses`, …)
/// for the local days `from` to `to`: what `charts` leaves out, sent when the
/// table is opened.
#[tauri::command(rename_all = "snake_case")]
pub async fn chart_table(
    state: State<'_, AppState>,
    chart: String,
    from: String,
    to: String,
) -> Result<TableView, CommandError> {
    let range = date_range(&from, &to)?;
    let kind = ChartKind::from_id(&chart)
        .ok_or_else(|| CommandError::invalid("chart", format!("There is no chart called “{chart}”.")))?;
    let drawn = state.with_journal(|open| kind.draw(open.journal(), range, Theme::Light).map_err(drawing_failed))?;
    Ok(drawn.table.into())
}

/// The Insights screen for the session days from `from` to `to`
/// (YYYY-MM-DD), as known now, its chart in `theme`.
#[tauri::command(rename_all = "snake_case")]
pub async fn insights(
    state: State<'_, AppState>,
    from: String,
    to: String,
    theme: Theme,
) -> Result<InsightsView, CommandError> {
    let now = Timestamp::now_local();
    draw_over(&state, &from, &to, |journal, range| display::insights_view(journal, now, range, theme))
}

/// `x` on each day from `from` to `to` against `y` on the same or the next
/// day, as known now: the days, Spearman's rho and its sentence, and a
/// scatter chart in `theme`.
#[tauri::command(rename_all = "snake_case")]
pub async fn compare_series(
    state: State<'_, AppState>,
    x: Series,
    y: Series,
    lag: Lag,
    from: String,
    to: String,
    theme: Theme,
) -> Result<ComparisonView, CommandError> {
    let now = Timestamp::now_local();
    draw_over(&state, &from, &to, |journal, range| {
        let found = ketalog_core::insights::compare(journal, now, Some(range), x, y, lag);
        ComparisonView::of(&found, theme)
    })
}

/// Writes the clinician's PDF summary of the local days `from` to `to`.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_report<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    name: Option<String>,
    from: String,
    to: String,
    mut sections: Vec<report::Section>,
    paper: report::Paper,
) -> Result<FileWritten, CommandError> {
    let range = date_range(&from, &to)?;
    if sections.is_empty() {
        return Err(CommandError::invalid("sections", "Choose at least one part to include."));
    }
    let now = Timestamp::now_local();
    sections.sort_unstable();
    sections.dedup();
    let options = report::ReportOptions { range, sections, paper, generated_on: now.local_day() };
    let pdf = state.with_journal(|open| {
        let journal = open.journal();
        let alerts = report::alert_history(journal, range, now.offset(), &Thresholds::default());
        report::render(journal, Some(&alerts), &options).map_err(drawing_failed)
    })?;
    let suggested = format!("ketalog-summary-{from}-to-{to}.pdf");
    let path = crate::files::save_path(&app, state.files(), name, &suggested, ("PDF", &["pdf"]))?;
    vault::write_outside(state.vault_path(), &path, &pdf)?;
    Ok(FileWritten { path: path.display().to_string() })
}

/// The crisis-line directory for the country picker (setup and Settings),
/// each country's line chosen for the language of `locale` (the system's,
/// a BCP 47 tag such as `de-AT`), and the country it names. Works while
/// locked: setup needs it before there is a journal.
#[tauri::command(rename_all = "snake_case")]
pub async fn crisis_lines(locale: String) -> Result<CrisisDirectory, CommandError> {
    Ok(knowledge::crisis_directory(&locale))
}

/// The co-medication names the session form suggests as the user types.
#[tauri::command(rename_all = "snake_case")]
pub async fn co_medication_names() -> Result<Vec<CoMedicationName>, CommandError> {
    Ok(knowledge::co_medication_names())
}

/// The patient guides' facts, sourced and dated, and which goes with each
/// route.
#[tauri::command(rename_all = "snake_case")]
pub async fn guides() -> Result<Guides, CommandError> {
    Ok(knowledge::guides())
}

/// Writes the journal (or the local days `from` to `to`, either one
/// optional: from the first record, up to the last) as a FHIR R4 bundle for
/// a clinic's system (not encrypted; shared notes only).
#[tauri::command(rename_all = "snake_case")]
pub async fn export_fhir<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    name: Option<String>,
    from: Option<String>,
    to: Option<String>,
) -> Result<FhirWritten, CommandError> {
    let bound = |field: &str, text: Option<String>| text.filter(|t| !t.is_empty()).map(|t| day(field, &t)).transpose();
    let range = DateRange::between(bound("from", from)?, bound("to", to)?)?;
    let now = Timestamp::now_local();
    let bundle = state.with_journal(|open| {
        Ok(ketalog_core::fhir::bundle(open.journal(), &ketalog_core::fhir::FhirOptions { range, generated_at: now }))
    })?;
    let text = serde_json::to_string_pretty(&bundle)
        .map_err(|e| CommandError::new(ErrorCode::Io, format!("Cannot write the FHIR bundle: {e}.")))?;
    let suggested = format!("ketalog-fhir-{}.json", now.local_day());
    let path = crate::files::save_path(&app, state.files(), name, &suggested, ("FHIR JSON", &["json"]))?;
    vault::write_outside(state.vault_path(), &path, text.as_bytes())?;
    let resources = bundle["entry"].as_array().map_or(0, Vec::len);
    Ok(FhirWritten { path: path.display().to_string(), resources: u32::try_from(resources).unwrap_or(u32::MAX) })
}

/// A FHIR bundle the app wrote.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FhirWritten {
    /// Where it went.
    pub path: String,
    /// How many resources the bundle holds.
    pub resources: u32,
}

/// The apps the journal can import from.
#[tauri::command(rename_all = "snake_case")]
pub async fn import_sources() -> Result<Vec<ImportSource>, CommandError> {
    Ok(knowledge::import_sources())
}

/// Reads another app's export and says what importing it would add: counts,
/// dates, what is left out and what is not mapped (with the Daylio mood
/// names whose level the user may give: [`preview_import_again`]). Nothing
/// is written until [`import_from_app`]. Times the file writes without an
/// offset get this machine's time zone's offset for their date.
#[tauri::command(rename_all = "snake_case")]
pub async fn preview_import<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    from: ImportApp,
    name: Option<String>,
) -> Result<ImportPreview, CommandError> {
    state.touch()?;
    state.set_pending_import(None);
    let title = format!("Choose {}'s export", from.source().name());
    let path = crate::files::open_path(&app, state.files(), name, &title, from.filter())?;
    read_import(&state, from, path, &imports::ImportSettings::default())
}

/// Reads the file of the last import preview again with the levels the user
/// gave to Daylio moods the file renamed (`moods`), and says what importing
/// it would add now.
///
/// # Errors
/// `not_found` when no preview is pending; `invalid` with the field
/// `moods[i]` for a mapping the core refuses.
#[tauri::command(rename_all = "snake_case")]
pub async fn preview_import_again(
    state: State<'_, AppState>,
    moods: Vec<MoodLevel>,
) -> Result<ImportPreview, CommandError> {
    state.touch()?;
    let (from, path) = state
        .pending_import_file()
        .ok_or_else(|| CommandError::new(ErrorCode::NotFound, "Choose a file to import first."))?;
    let settings = imports::ImportSettings::with_daylio_levels(moods.iter().map(|m| (m.name.as_str(), m.level)))
        .map_err(|(i, message)| CommandError::invalid(format!("moods[{i}]"), message))?;
    read_import(&state, from, path, &settings)
}

/// The level a user gives to a mood name of a Daylio export.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct MoodLevel {
    /// The mood's name as the file writes it.
    pub name: String,
    /// Daylio's level: 1 (awful) to 5 (rad).
    pub level: u8,
}

/// Reads `path` as an export of `from` and keeps what it would import as
/// the pending import.
fn read_import(
    state: &AppState,
    from: ImportApp,
    path: std::path::PathBuf,
    settings: &imports::ImportSettings,
) -> Result<ImportPreview, CommandError> {
    // The pending import is replaced only once the new plan is read: a file
    // that no longer reads leaves the preview shown and what it would import
    // in step.
    let limit = ketalog_core::document::MAX_DOCUMENT_BYTES;
    let bytes = ketalog_core::document::read_bounded(&path, limit)?.ok_or_else(|| {
        CommandError::new(
            ErrorCode::Invalid,
            format!("This file is larger than {} MiB, more than any app's export holds.", limit / (1024 * 1024)),
        )
    })?;
    let mut plan = imports::read(from.source(), &bytes, &imports::Zone(chrono::Local), settings)
        .map_err(|e| knowledge::import_refused(&e))?;
    state.with_journal(|open| {
        plan.leave_stored(open.journal());
        Ok(())
    })?;
    let preview = ImportPreview::of(&plan, &path);
    state.set_pending_import(Some(PendingImport { app: from, path, records: plan.journal }));
    Ok(preview)
}

/// Imports what the last import preview showed, in one transaction: only
/// records the journal does not hold are added, one it holds stays as the
/// user left it, so importing the same file again changes nothing; the
/// profile is never touched.
#[tauri::command(rename_all = "snake_case")]
pub async fn import_from_app(
    state: State<'_, AppState>,
    notifier: State<'_, Notifier>,
) -> Result<ImportSummary, CommandError> {
    let pending = state
        .take_pending_import()
        .ok_or_else(|| CommandError::new(ErrorCode::NotFound, "Choose a file to import first."))?;
    state.with_journal(|open| {
        let summary = open.import(&pending.records, ImportMode::AddNew, Timestamp::now_local())?;
        planned(&notifier, open);
        state.syncer().soon(AFTER_CHANGES);
        Ok(summary)
    })
}

/// Sync as Settings shows it: the folder, the last sync, the records
/// recently replaced by an edit made elsewhere, a crisis line set elsewhere.
#[tauri::command(rename_all = "snake_case")]
pub async fn sync_status(state: State<'_, AppState>) -> Result<SyncStatus, CommandError> {
    state.with_journal(|open| sync::status(open, state.syncer()))
}

/// Chooses the sync folder (a native dialog) and keeps it inside the
/// journal, then syncs once if the journal has joined already; otherwise
/// the status's last outcome says which sync passphrase the folder asks for.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_sync_folder<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    notifier: State<'_, Notifier>,
    name: Option<String>,
) -> Result<SyncStatus, CommandError> {
    state.touch()?;
    let folder = crate::files::folder_path(&app, state.files(), name, "sync", "Choose the sync folder")?;
    state.with_journal(|open| {
        sync::choose_folder(open, state.syncer(), &notifier, &folder)?;
        sync::status(open, state.syncer())
    })
}

/// Syncs with the folder now. `passphrase` is needed once: to join a folder
/// (the one chosen on the first computer) or to give a new folder its key (a
/// new passphrase, held to the journal's passphrase rule).
#[tauri::command(rename_all = "snake_case")]
pub async fn sync_now(
    state: State<'_, AppState>,
    notifier: State<'_, Notifier>,
    passphrase: Option<String>,
) -> Result<SyncStatus, CommandError> {
    let passphrase = passphrase.filter(|p| !p.is_empty()).map(secret);
    state.with_journal(|open| {
        let folder = open.vault().sync_here(Timestamp::now_local())?.folder;
        let Some(folder) = folder else {
            return Err(CommandError::new(ErrorCode::NotFound, "Choose a sync folder first."));
        };
        if let Some(passphrase) = &passphrase
            && sync::folder_need(&folder) == PassphraseNeed::Create
        {
            policy::check_new_passphrase("sync_passphrase", passphrase)
                .map_err(|e| CommandError::invalid(e.path, e.message))?;
        }
        sync::sync_open(open, state.syncer(), Some(&notifier), passphrase.as_ref())?;
        sync::status(open, state.syncer())
    })
}

/// Stops syncing on this computer: forgets the folder and the sync key. The
/// records stay; the folder and the other computers are not touched.
#[tauri::command(rename_all = "snake_case")]
pub async fn forget_sync_folder(state: State<'_, AppState>) -> Result<SyncStatus, CommandError> {
    state.with_journal(|open| {
        sync::forget_folder(open, state.syncer())?;
        sync::status(open, state.syncer())
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests: a failed unwrap is a failed test")]

    use super::*;

    const DAYLIO: &str = include_str!("../../tests/data/imports/daylio.csv");

    fn open_state(dir: &std::path::Path) -> AppState {
        let path = dir.join("journal.db");
        let vault = Vault::create(&path, &SecretString::from("correct horse")).unwrap();
        let state = AppState::new(path, FileChoice::Dialog);
        state.unlocked(OpenJournal::new(vault).unwrap());
        state
    }

    /// Reading a file again replaces the pending import only once it reads;
    /// what the journal holds already is counted and left out.
    #[test]
    fn a_preview_stays_pending_until_a_new_one_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let state = open_state(dir.path());
        let file = dir.path().join("daylio.csv");
        std::fs::write(&file, DAYLIO).unwrap();
        let settings = imports::ImportSettings::default();

        let first = read_import(&state, ImportApp::Daylio, file.clone(), &settings).unwrap();
        assert_eq!(first.already_in_journal, 0);
        let levels: Vec<(u8, &str)> = first.daylio_levels.iter().map(|l| (l.level, l.label.as_str())).collect();
        assert_eq!(levels.first(), Some(&(1, "1 · awful (mood 0 of 10)")));
        assert_eq!(levels.last(), Some(&(5, "5 · rad (mood 10 of 10)")));
        std::fs::write(&file, "not a Daylio export").unwrap();
        assert_eq!(
            read_import(&state, ImportApp::Daylio, file.clone(), &settings).unwrap_err().code,
            ErrorCode::Invalid
        );
        let pending = state.take_pending_import().expect("the preview shown is still pending");
        assert_eq!(pending.records.checkins.len(), 6);

        state
            .with_journal(|open| Ok(open.import(&pending.records, ImportMode::AddNew, Timestamp::now_local())?))
            .unwrap();
        std::fs::write(&file, DAYLIO).unwrap();
        let again = read_import(&state, ImportApp::Daylio, file, &settings).unwrap();
        assert_eq!(again.already_in_journal, 6);
        assert!(again.counts.iter().all(|c| c.count == 0), "{:?}", again.counts);
    }

    /// Every period a user gives names the same field when it runs backwards.
    #[test]
    fn a_reversed_period_is_refused_at_its_last_day() {
        let error = date_range("2026-03-10", "2026-03-01").unwrap_err();
        assert_eq!((error.code, error.field.as_deref()), (ErrorCode::Invalid, Some("to")));
        assert_eq!(error.message, "The period starts on 10 Mar 2026 but ends earlier, on 1 Mar 2026.");
    }
}
