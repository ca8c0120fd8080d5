//! The commands the UI may call: thin wrappers over the core.
//!
//! Each takes its arguments by name (snake_case), returns a result type from
//! the core or from this module, and fails with a [`CommandError`]. Their
//! TypeScript signatures are generated in [`crate::bindings`].
//!
//! **Invariant:** passphrases arrive here once, are wrapped in a
//! [`SecretString`] immediately, and nothing secret is ever returned.

use ketalog_core::backup;
use ketalog_core::charts::DateRange;
use ketalog_core::model::{
    Acknowledgement, BladderDay, BladderIndices, CheckIn, GadSeven, Journal, PhqNine, Profile, Session,
};
use ketalog_core::reminders::{self, Reminder};
use ketalog_core::report;
use ketalog_core::rules::{self, Alert, Thresholds};
use ketalog_core::schedule::{NoticeKind, SnoozeLength};
use ketalog_core::vault::{self, ImportMode};
use ketalog_core::{DataDocument, ImportSummary, Timestamp, Vault, export, fsio};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;
use uuid::Uuid;

use crate::error::{CommandError, ErrorCode};
use crate::notifications::Notifier;
use crate::state::{AppState, FileChoice};
use crate::views::{self, ChartView, Questionnaire};

/// The shortest passphrase accepted for a new journal.
pub const MIN_PASSPHRASE_CHARS: usize = 10;

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

/// Everything the screens show, as of `now`.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Overview {
    /// The whole journal, each list oldest first.
    pub journal: Journal,
    /// Reminders due now.
    pub reminders: Vec<Reminder>,
    /// Every alert that holds now, most severe first (acknowledged ones
    /// included, marked).
    pub alerts: Vec<Alert>,
    /// The moment this overview was taken, in the machine's UTC offset.
    pub now: Timestamp,
}

/// A record to save: new when its id is the nil UUID (an id is then
/// assigned), else it replaces the stored record with that id.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "kind", content = "record", rename_all = "snake_case")]
pub enum RecordInput {
    /// A dosing session.
    Session(Session),
    /// A daily check-in.
    Checkin(CheckIn),
    /// A PHQ-9.
    Phq9(PhqNine),
    /// A GAD-7.
    Gad7(GadSeven),
    /// The O'Leary-Sant indices.
    IcsiIcpi(BladderIndices),
    /// A bladder diary day.
    Bladder(BladderDay),
}

/// What saving a record did.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Saved {
    /// The record's id (newly assigned for a new record).
    pub id: Uuid,
    /// The journal after saving.
    pub overview: Overview,
    /// The crisis and urgent alerts this record raised: shown at once.
    pub prompts: Vec<Alert>,
}

/// A file the app wrote.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FileWritten {
    /// Where it went.
    pub path: String,
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
    /// Record counts by kind.
    pub counts: RecordCounts,
    /// The first local day with a record (YYYY-MM-DD), if any.
    pub first_day: Option<String>,
    /// The last local day with a record (YYYY-MM-DD), if any.
    pub last_day: Option<String>,
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

/// How many records of each kind.
#[derive(Debug, Clone, Copy, Serialize, TS)]
pub struct RecordCounts {
    /// Sessions.
    pub sessions: u32,
    /// Check-ins.
    pub checkins: u32,
    /// PHQ-9s.
    pub phq9: u32,
    /// GAD-7s.
    pub gad7: u32,
    /// ICSI/ICPI.
    pub icsi_icpi: u32,
    /// Bladder diary days.
    pub bladder: u32,
    /// Acknowledged alerts.
    pub acknowledgements: u32,
}

impl RecordCounts {
    fn of(journal: &Journal) -> Self {
        let n = |len: usize| u32::try_from(len).unwrap_or(u32::MAX);
        Self {
            sessions: n(journal.sessions.len()),
            checkins: n(journal.checkins.len()),
            phq9: n(journal.phq9.len()),
            gad7: n(journal.gad7.len()),
            icsi_icpi: n(journal.icsi_icpi.len()),
            bladder: n(journal.bladder.len()),
            acknowledgements: n(journal.acknowledgements.len()),
        }
    }
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

fn check_new_passphrase(passphrase: &SecretString) -> Result<(), CommandError> {
    use secrecy::ExposeSecret;
    let chars = passphrase.expose_secret().chars().count();
    if chars < MIN_PASSPHRASE_CHARS {
        return Err(CommandError::invalid(
            "passphrase",
            format!("Use at least {MIN_PASSPHRASE_CHARS} characters; a few unrelated words are easiest to remember."),
        ));
    }
    Ok(())
}

fn overview(vault: &Vault) -> Result<Overview, CommandError> {
    let journal = vault.journal()?;
    let now = Timestamp::now_local();
    let reminders = reminders::due(&journal, now);
    let alerts = rules::evaluate(&journal, now, &Thresholds::default());
    Ok(Overview { journal, reminders, alerts, now })
}

/// Plans the reminder schedule for the journal an overview shows: every
/// command that opens or changes the journal passes its overview through.
fn planned(notifier: &Notifier, view: Overview) -> Overview {
    notifier.journal_changed(&view.journal, view.now);
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
        min_passphrase_chars: MIN_PASSPHRASE_CHARS as u32,
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
    vault.set_profile(&profile)?;
    let view = planned(&notifier, overview(&vault)?);
    state.unlocked(vault, &profile);
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
    let vault = Vault::open(state.vault_path(), &passphrase)?;
    let view = planned(&notifier, overview(&vault)?);
    state.unlocked(vault, &view.journal.profile);
    Ok(view)
}

/// Closes the journal and forgets its key.
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

/// The journal and what is due.
#[tauri::command(rename_all = "snake_case")]
pub async fn load_overview(
    state: State<'_, AppState>,
    notifier: State<'_, Notifier>,
) -> Result<Overview, CommandError> {
    state.with_vault(|vault| Ok(planned(&notifier, overview(vault)?)))
}

/// Saves a new or edited record.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_record(
    state: State<'_, AppState>,
    notifier: State<'_, Notifier>,
    record: RecordInput,
) -> Result<Saved, CommandError> {
    let now = Timestamp::now_local();
    state.with_vault(|vault| {
        /// A nil id marks a new record: it gets a fresh one.
        fn assign(id: &mut Uuid) -> Uuid {
            if id.is_nil() {
                *id = Uuid::new_v4();
            }
            *id
        }
        let id = match record {
            RecordInput::Session(mut r) => {
                let id = assign(&mut r.id);
                vault.save(&r, now)?;
                id
            }
            RecordInput::Checkin(mut r) => {
                let id = assign(&mut r.id);
                vault.save(&r, now)?;
                id
            }
            RecordInput::Phq9(mut r) => {
                let id = assign(&mut r.id);
                vault.save(&r, now)?;
                id
            }
            RecordInput::Gad7(mut r) => {
                let id = assign(&mut r.id);
                vault.save(&r, now)?;
                id
            }
            RecordInput::IcsiIcpi(mut r) => {
                let id = assign(&mut r.id);
                vault.save(&r, now)?;
                id
            }
            RecordInput::Bladder(mut r) => {
                let id = assign(&mut r.id);
                vault.save(&r, now)?;
                id
            }
        };
        let overview = planned(&notifier, overview(vault)?);
        let prompts = rules::prompts_after_saving(&overview.journal, id, overview.now, &Thresholds::default());
        Ok(Saved { id, overview, prompts })
    })
}

/// Deletes a record (the UI has asked for confirmation).
#[tauri::command(rename_all = "snake_case")]
pub async fn delete_record(
    state: State<'_, AppState>,
    notifier: State<'_, Notifier>,
    id: Uuid,
) -> Result<Overview, CommandError> {
    state.with_vault(|vault| {
        vault.delete(id)?;
        Ok(planned(&notifier, overview(vault)?))
    })
}

/// Replaces the profile (Settings, setup).
#[tauri::command(rename_all = "snake_case")]
pub async fn save_profile(
    state: State<'_, AppState>,
    notifier: State<'_, Notifier>,
    profile: Profile,
) -> Result<Overview, CommandError> {
    state.with_vault(|vault| {
        vault.set_profile(&profile)?;
        Ok(planned(&notifier, overview(vault)?))
    })
}

/// Changes the journal's passphrase. The journal stays unlocked.
#[tauri::command(rename_all = "snake_case")]
pub async fn change_passphrase(state: State<'_, AppState>, current: String, new: String) -> Result<(), CommandError> {
    let (current, new) = (secret(current), secret(new));
    check_new_passphrase(&new)?;
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
    fsio::write_atomically(&path, document.to_json().as_bytes())?;
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
    let dir = crate::files::folder_path(&app, state.files(), name)?;
    export::write_csv(&journal, &dir)?;
    Ok(FileWritten { path: dir.display().to_string() })
}

fn preview_of(path: &std::path::Path, document: &DataDocument, encrypted: bool) -> DocumentPreview {
    let preview = backup::Preview::of(document);
    DocumentPreview {
        path: path.display().to_string(),
        encrypted,
        exported_at: document.exported_at,
        counts: RecordCounts::of(&document.journal),
        first_day: preview.date_range.map(|(first, _)| first.to_string()),
        last_day: preview.date_range.map(|(_, last)| last.to_string()),
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
    let bytes = std::fs::read(&path).map_err(|e| ketalog_core::Error::io(format!("reading {}", path.display()), e))?;
    let document = DataDocument::from_json(&bytes).map_err(ketalog_core::Error::from)?;
    let preview = preview_of(&path, &document, false);
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
    let preview = preview_of(&path, &document, true);
    state.set_pending_restore(Some(document));
    Ok(preview)
}

/// Restores what the last preview showed (merge by record id, or replace
/// the journal), in one transaction. The webview never names the file.
#[tauri::command(rename_all = "snake_case")]
pub async fn restore(state: State<'_, AppState>, mode: RestoreMode) -> Result<ImportSummary, CommandError> {
    let document = state
        .take_pending_restore()
        .ok_or_else(|| CommandError::new(ErrorCode::NotFound, "Choose a file to restore first."))?;
    let mode = match mode {
        RestoreMode::Merge => ImportMode::Merge,
        RestoreMode::Replace => ImportMode::Replace,
    };
    state.with_vault(|vault| Ok(vault.import(&document.journal, mode, Timestamp::now_local())?))
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
    let view = planned(&notifier, overview(&fresh.vault)?);
    state.unlocked(fresh.vault, &view.journal.profile);
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
) -> Result<Overview, CommandError> {
    state.with_vault(|vault| {
        vault.acknowledge(&Acknowledgement { alert_id, at: Timestamp::now_local(), note })?;
        Ok(planned(&notifier, overview(vault)?))
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
    let journal = state.with_vault(|vault| Ok(vault.journal()?))?;
    notifier.snooze(&journal, kind, length, Timestamp::now_local())
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
    Ok(views::questionnaires())
}

fn day(field: &str, text: &str) -> Result<chrono::NaiveDate, CommandError> {
    ketalog_core::time::parse_day(text).map_err(|message| CommandError::invalid(field, message))
}

fn date_range(from: &str, to: &str) -> Result<DateRange, CommandError> {
    DateRange::new(day("from", from)?, day("to", to)?)
        .map_err(|e| CommandError::invalid("from", sentence_case(&e.to_string())))
}

fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The trend charts for the local days `from` to `to` (YYYY-MM-DD).
#[tauri::command(rename_all = "snake_case")]
pub async fn charts(state: State<'_, AppState>, from: String, to: String) -> Result<Vec<ChartView>, CommandError> {
    let range = date_range(&from, &to)?;
    let journal = state.with_vault(|vault| Ok(vault.journal()?))?;
    let drawn = ketalog_core::charts::all(&journal, range)
        .map_err(|e| CommandError::new(ErrorCode::Io, sentence_case(&e.to_string())))?;
    Ok(drawn.into_iter().map(ChartView::from).collect())
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
    let journal = state.with_vault(|vault| Ok(vault.journal()?))?;
    let now = Timestamp::now_local();
    let alerts = report::alert_history(&journal, range, now.offset(), &Thresholds::default());
    sections.sort_unstable();
    sections.dedup();
    let options = report::ReportOptions { range, sections, paper, generated_on: now.local_day() };
    let pdf = report::render(&journal, Some(&alerts), &options)
        .map_err(|e| CommandError::new(ErrorCode::Io, sentence_case(&e.to_string())))?;
    let suggested = format!("ketalog-summary-{from}-to-{to}.pdf");
    let path = crate::files::save_path(&app, state.files(), name, &suggested, ("PDF", &["pdf"]))?;
    fsio::write_atomically(&path, &pdf)?;
    Ok(FileWritten { path: path.display().to_string() })
}
