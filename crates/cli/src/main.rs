//! `ketalog`: the journal from a terminal. A thin shell over `ketalog-core`:
//! it parses arguments, asks for passphrases, calls the core and prints.
//!
//! Standard output carries only data (JSON, the alerts; CSV paths are not data); every
//! message goes to standard error. Exit codes: 0 success, 1 usage or input
//! error, 2 wrong passphrase or locked, 3 data or file corrupt. For backups:
//! 2 also for a wrong backup passphrase, a missing or non-matching age
//! identity; 3 for a file that is not a whole age file (truncated, altered,
//! not age); 1 for a backup whose content is invalid or of a newer version.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{NaiveDate, NaiveTime, TimeZone};
use clap::{ArgGroup, Args, Parser, Subcommand};
use ketalog_core::backup::{self, BackupError, BackupKey, BackupLock, LockKind, OpenedBackup, SealedBackup};
use ketalog_core::charts::DateRange;
use ketalog_core::model::Acknowledgement;
use ketalog_core::vault::{self, ImportMode, Vault};
use ketalog_core::{DataDocument, Error, Timestamp, demo, export, fhir, fsio, imports, report, rules};
use secrecy::{ExposeSecret, SecretString};

/// A private, encrypted journal for ketamine and esketamine treatment.
#[derive(Parser)]
#[command(name = "ketalog", version, about, long_about = None)]
struct Cli {
    /// The journal file (default: journal.db in the platform's app-data folder).
    #[arg(long, global = true, env = "KETALOG_VAULT", value_name = "PATH")]
    vault: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new encrypted journal.
    Init,
    /// Create a journal holding a year of realistic sample data.
    Demo {
        /// Last day of the sample year (default: today).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        until: Option<NaiveDate>,
    },
    /// Merge a data document (JSON) into the journal, by record id; or, with
    /// --from, an export of another app.
    Import(ImportArgs),
    /// Write a plain, unencrypted export.
    Export(ExportArgs),
    /// Encrypted backups (age): write one, restore one, or look inside one.
    Backup {
        #[command(subcommand)]
        action: BackupAction,
    },
    /// Show the alerts the journal raises, or acknowledge one.
    Alerts(AlertsArgs),
    /// Write the PDF summary for the clinician.
    Report(ReportArgs),
    /// Change the journal's passphrase.
    Passphrase {
        #[command(subcommand)]
        action: PassphraseAction,
    },
}

#[derive(Args)]
struct ImportArgs {
    /// The data document, or the other app's export file.
    file: PathBuf,
    /// The app the file was exported from: daylio (CSV), emoods (CSV),
    /// bearable (CSV) or psychonautwiki (JSON).
    #[arg(long, value_name = "APP", value_parser = parse_app)]
    from: Option<imports::SourceApp>,
    /// With --from: show what would be imported, and write nothing.
    #[arg(long, requires = "from")]
    dry_run: bool,
    /// With --from daylio: the level of a mood you renamed or that is in
    /// another language, NAME=LEVEL with LEVEL 1 (awful) to 5 (rad); repeat
    /// for several (--mood "Refreshed=4" --mood "super=5").
    #[arg(long = "mood", value_name = "NAME=LEVEL", requires = "from", value_parser = imports::parse_mood_mapping)]
    moods: Vec<(String, imports::DaylioLevel)>,
}

#[derive(Args)]
#[command(group(ArgGroup::new("format").required(true).args(["json", "csv", "fhir"])))]
#[command(group(ArgGroup::new("one_file").args(["json", "fhir"])))]
struct ExportArgs {
    /// The data document as JSON (to standard output unless --out is given).
    #[arg(long)]
    json: bool,
    /// One CSV file per record type, in this folder.
    #[arg(long, value_name = "DIR")]
    csv: Option<PathBuf>,
    /// A FHIR R4 Bundle (JSON) for a clinic's systems; only notes you shared.
    #[arg(long)]
    fhir: bool,
    /// With --json or --fhir: write to this file instead of standard output.
    #[arg(long, value_name = "FILE", requires = "one_file")]
    out: Option<PathBuf>,
    /// With --fhir: first day to include (YYYY-MM-DD, a local day).
    #[arg(long, value_name = "DATE", requires_all = ["fhir", "to"], value_parser = parse_date)]
    from: Option<NaiveDate>,
    /// With --fhir: last day to include (YYYY-MM-DD, a local day).
    #[arg(long, value_name = "DATE", requires_all = ["fhir", "from"], value_parser = parse_date)]
    to: Option<NaiveDate>,
}

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
struct AlertsArgs {
    #[command(subcommand)]
    action: Option<AlertsAction>,
    /// Evaluate as of this moment: an RFC 3339 time with its offset
    /// (2026-03-15T12:00:00-05:00), or a date (2026-03-15), meaning the end
    /// of that day (23:59:59) in this machine's time zone. Default: now.
    #[arg(long, value_name = "RFC3339|DATE")]
    as_of: Option<String>,
    /// Print a JSON array of alerts instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum AlertsAction {
    /// Note that you have seen an alert, and what you did about it.
    Ack {
        /// The alert's id, as `ketalog alerts` shows it.
        alert_id: String,
        /// What you did ("called the clinic, appointment Friday").
        #[arg(long, default_value = "")]
        note: String,
    },
}

#[derive(Args)]
struct ReportArgs {
    /// First day of the period (YYYY-MM-DD, a local day, included).
    #[arg(long, value_name = "DATE")]
    from: String,
    /// Last day of the period (YYYY-MM-DD, a local day, included).
    #[arg(long, value_name = "DATE")]
    to: String,
    /// The PDF file to write.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Sections to include, comma-separated: summary, charts, sessions,
    /// questionnaires, bladder, alerts, notes (default: all).
    #[arg(long, value_name = "LIST")]
    sections: Option<String>,
    /// Paper size: a4 or letter.
    #[arg(long, value_name = "SIZE", default_value = "a4")]
    paper: String,
}

#[derive(Subcommand)]
enum BackupAction {
    /// Write an encrypted backup of the whole journal, locked with a backup
    /// passphrase (KETALOG_BACKUP_PASSPHRASE or a prompt), or to age public keys.
    Export {
        /// The backup file to write (replaced whole if it exists).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Encrypt to this age public key instead of a passphrase; repeat for several.
        #[arg(long = "recipient", value_name = "age1...")]
        recipients: Vec<String>,
    },
    /// Restore a backup into the journal: merge by record id, or --replace.
    Import {
        /// The backup file (binary or ASCII-armored age).
        file: PathBuf,
        #[command(flatten)]
        key: BackupKeyArgs,
        /// Make the journal exactly the backup (records not in it are removed).
        #[arg(long)]
        replace: bool,
        /// For a journal that cannot be opened (damaged, or its passphrase
        /// forgotten): make a new journal from the backup, locked with a new
        /// passphrase (KETALOG_NEW_PASSPHRASE or a prompt). The old journal's
        /// files are moved, unread, into a set-aside folder beside it.
        #[arg(long, conflicts_with = "replace")]
        as_new_journal: bool,
    },
    /// Show what a backup holds, without restoring it.
    Show {
        /// The backup file.
        file: PathBuf,
        #[command(flatten)]
        key: BackupKeyArgs,
    },
}

#[derive(Args)]
struct BackupKeyArgs {
    /// An age identity file (AGE-SECRET-KEY-1... lines, as age-keygen writes)
    /// for a backup encrypted to a public key.
    #[arg(long, value_name = "KEYFILE")]
    identity: Option<PathBuf>,
}

#[derive(Subcommand)]
enum PassphraseAction {
    /// Replace the passphrase (old from KETALOG_PASSPHRASE or a prompt, new
    /// from KETALOG_NEW_PASSPHRASE or a prompt).
    Change,
}

fn parse_app(text: &str) -> Result<imports::SourceApp, String> {
    text.parse()
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    ketalog_core::time::parse_day(text)
}

/// A failure with its exit code and one line to say.
struct Failure {
    code: u8,
    message: String,
}

impl From<Error> for Failure {
    fn from(err: Error) -> Self {
        let code = match &err {
            Error::WrongPassphrase => 2,
            Error::Corrupt(_) | Error::NewerSchema { .. } | Error::Database(_) => 3,
            _ => 1,
        };
        Self { code, message: err.to_string() }
    }
}

/// Exit codes for backups: a missing or wrong key is "locked" (2), a file
/// that is not a whole age file is "corrupt" (3), anything about the content
/// or the arguments is an input error (1).
fn backup_failure(file: &Path, err: BackupError) -> Failure {
    let code = match &err {
        BackupError::PassphraseNeeded
        | BackupError::IdentityNeeded
        | BackupError::WrongPassphrase
        | BackupError::NoMatchingIdentity => 2,
        BackupError::Damaged(_) | BackupError::NotAgeFile(_) => 3,
        BackupError::Journal(inner) => match inner {
            Error::WrongPassphrase => 2,
            Error::Corrupt(_) | Error::NewerSchema { .. } | Error::Database(_) => 3,
            _ => 1,
        },
        _ => 1,
    };
    let how = if matches!(err, BackupError::IdentityNeeded) { " with --identity KEYFILE" } else { "" };
    Failure { code, message: format!("{}: {err}{how}; nothing was restored", file.display()) }
}

fn usage(message: impl Into<String>) -> Failure {
    Failure { code: 1, message: message.into() }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // Help and version go to stdout with 0; usage errors exit 1 (2 is
            // reserved for a wrong passphrase).
            let code = u8::from(err.use_stderr());
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            let line = failure.message.replace('\n', " ");
            eprintln!("ketalog: {line}");
            ExitCode::from(failure.code)
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    let db = match cli.vault {
        Some(path) => path,
        None => default_vault()?,
    };
    match cli.command {
        Command::Init => {
            let passphrase = new_passphrase("KETALOG_PASSPHRASE", "New passphrase")?;
            Vault::create(&db, &passphrase)?;
            eprintln!("Created an encrypted journal at {}.", db.display());
            eprintln!("Keep your passphrase safe: without it the journal cannot be opened.");
        }
        Command::Demo { until } => {
            let until = until.unwrap_or_else(|| Timestamp::now_local().local_day());
            let sample = demo::journal(until);
            let mut vault = if vault::exists(&db) {
                let vault = Vault::open(&db, &passphrase("KETALOG_PASSPHRASE", "Passphrase")?)?;
                if vault.journal()?.record_count() > 0 {
                    return Err(usage(format!(
                        "{} already holds records; sample data goes only into a new or empty journal",
                        db.display()
                    )));
                }
                vault
            } else {
                Vault::create(&db, &new_passphrase("KETALOG_PASSPHRASE", "New passphrase")?)?
            };
            let summary = vault.import(&sample, ImportMode::Merge, Timestamp::now_local())?;
            eprintln!(
                "Wrote a sample year ending {until} to {}: {} records ({} sessions, {} check-ins, {} PHQ-9).",
                db.display(),
                summary.added,
                sample.sessions.len(),
                sample.checkins.len(),
                sample.phq9.len()
            );
        }
        Command::Import(ImportArgs { file, from: Some(app), dry_run, moods }) => {
            import_from_app(&db, &file, app, dry_run, moods)?;
        }
        Command::Import(ImportArgs { file, .. }) => {
            let bytes = std::fs::read(&file).map_err(|e| usage(format!("cannot read {}: {e}", file.display())))?;
            let document = DataDocument::from_json(&bytes)
                .map_err(|e| usage(format!("{} refused, nothing was imported: {e}", file.display())))?;
            merge_file(&db, &file, &document.journal)?;
        }
        Command::Export(args) => {
            // Check the period before asking for the passphrase.
            let range = match (args.from, args.to) {
                (Some(from), Some(to)) => Some(DateRange::new(from, to).map_err(|e| usage(e.to_string()))?),
                _ => None,
            };
            let vault = open(&db)?;
            let journal = vault.journal()?;
            if let Some(dir) = args.csv {
                let written = export::write_csv(&journal, &dir)?;
                eprintln!("Wrote {} CSV files to {}.", written.len(), dir.display());
                warn_plain();
                return Ok(());
            }
            let (text, what) = if args.fhir {
                let options = fhir::FhirOptions { range, generated_at: Timestamp::now_local() };
                let bundle = fhir::bundle(&journal, &options);
                let text = serde_json::to_string_pretty(&bundle)
                    .map_err(|e| usage(format!("cannot write the FHIR bundle: {e}")))?;
                (text, fhir_summary(&bundle, range))
            } else {
                (DataDocument::new(journal, Timestamp::now_local()).to_json(), "the data document".to_owned())
            };
            match args.out {
                Some(out) => {
                    fsio::write_atomically(&out, text.as_bytes())?;
                    eprintln!("Wrote {what} to {}.", out.display());
                }
                None => {
                    let mut stdout = std::io::stdout().lock();
                    print_data(&mut stdout, &text)?;
                    if args.fhir {
                        eprintln!("Wrote {what}.");
                    }
                }
            }
            // On standard error, so it is seen also when the output goes to a file.
            warn_plain();
        }
        Command::Backup { action } => run_backup(&db, action)?,
        Command::Alerts(args) => match args.action {
            None => {
                let as_of = match args.as_of.as_deref() {
                    Some(text) => parse_as_of(text)?,
                    None => Timestamp::now_local(),
                };
                let journal = open(&db)?.journal()?;
                let alerts = rules::evaluate(&journal, as_of, &rules::Thresholds::default());
                let text = if args.json {
                    serde_json::to_string_pretty(&alerts)
                        .map_err(|e| usage(format!("cannot write the alerts as JSON: {e}")))?
                } else {
                    alerts_text(&alerts, as_of)
                };
                let mut stdout = std::io::stdout().lock();
                print_data(&mut stdout, &text)?;
            }
            Some(AlertsAction::Ack { alert_id, note }) => {
                let mut vault = open(&db)?;
                let now = Timestamp::now_local();
                let alerts = rules::evaluate(&vault.journal()?, now, &rules::Thresholds::default());
                let Some(alert) = alerts.iter().find(|a| a.id == alert_id) else {
                    return Err(usage(format!(
                        "no current alert has the id {alert_id:?}; `ketalog alerts` lists the ids"
                    )));
                };
                vault.acknowledge(&Acknowledgement { alert_id: alert.id.clone(), at: now, note })?;
                eprintln!("Acknowledged \"{}\" ({}).", alert.title, alert.rule);
            }
        },
        Command::Report(args) => {
            let from = parse_date(&args.from).map_err(|e| usage(format!("--from: {e}")))?;
            let to = parse_date(&args.to).map_err(|e| usage(format!("--to: {e}")))?;
            let range = DateRange::new(from, to).map_err(|e| usage(e.to_string()))?;
            let sections = match &args.sections {
                Some(list) => report::parse_sections(list).map_err(|e| usage(e.to_string()))?,
                None => report::Section::ALL.to_vec(),
            };
            if sections.is_empty() {
                return Err(usage("--sections names no section"));
            }
            let paper: report::Paper = args.paper.parse().map_err(usage)?;
            let journal = open(&db)?.journal()?;
            let now = Timestamp::now_local();
            let alerts = report::alert_history(&journal, range, now.offset(), &rules::Thresholds::default());
            let options = report::ReportOptions { range, sections, paper, generated_on: now.local_day() };
            let pdf = report::render(&journal, Some(&alerts), &options)
                .map_err(|e| Failure { code: 3, message: e.to_string() })?;
            fsio::write_atomically(&args.out, &pdf)?;
            eprintln!("Wrote the summary for {} to {}.", report::period_text(range), args.out.display());
        }
        Command::Passphrase { action: PassphraseAction::Change } => {
            if !vault::exists(&db) {
                return Err(Error::NoJournal(db).into());
            }
            let old = passphrase("KETALOG_PASSPHRASE", "Current passphrase")?;
            // Check the old one before asking for a new one.
            drop(Vault::open(&db, &old)?);
            let new = new_passphrase("KETALOG_NEW_PASSPHRASE", "New passphrase")?;
            Vault::change_passphrase(&db, &old, &new)?;
            eprintln!("Passphrase changed. Only the new passphrase opens the journal now.");
        }
    }
    Ok(())
}

fn run_backup(db: &Path, action: BackupAction) -> Result<(), Failure> {
    match action {
        BackupAction::Export { out, recipients } => {
            // Check the keys before asking for any passphrase.
            let lock = if recipients.is_empty() {
                None
            } else {
                let parsed = recipients.iter().map(|r| backup::parse_recipient(r)).collect::<Result<Vec<_>, _>>();
                Some(BackupLock::Recipients(parsed.map_err(|e| usage(e.to_string()))?))
            };
            let vault = open(db)?;
            let lock = match lock {
                Some(lock) => lock,
                None => BackupLock::Passphrase(new_passphrase("KETALOG_BACKUP_PASSPHRASE", "Backup passphrase")?),
            };
            let written = backup::export(&vault, &lock, &out, Timestamp::now_local()).map_err(|e| match e {
                BackupError::Journal(inner) => Failure::from(inner),
                other => usage(other.to_string()),
            })?;
            let locked = match &lock {
                BackupLock::Passphrase(_) => "locked with the backup passphrase".to_owned(),
                BackupLock::Recipients(r) if r.len() == 1 => "encrypted to 1 age key".to_owned(),
                BackupLock::Recipients(r) => format!("encrypted to {} age keys", r.len()),
            };
            eprintln!(
                "Wrote an encrypted backup of {} records to {} ({locked}, {} bytes).",
                written.preview.counts.total(),
                out.display(),
                written.bytes
            );
        }
        BackupAction::Import { file, key, as_new_journal: true, .. } => {
            let opened = open_backup(&file, &key)?;
            let passphrase = new_passphrase("KETALOG_NEW_PASSPHRASE", "Passphrase for the new journal")?;
            eprintln!("{} holds:\n{}", file.display(), opened.preview());
            let fresh = vault::restore_as_new(db, &passphrase, &opened.document().journal, Timestamp::now_local())
                .map_err(Failure::from)?;
            eprintln!(
                "Restored {} into a new journal at {}: {} records.",
                file.display(),
                db.display(),
                fresh.summary.added
            );
            if let Some(folder) = fresh.set_aside {
                eprintln!("The earlier journal's files are kept, unchanged, in {}.", folder.display());
            }
        }
        BackupAction::Import { file, key, replace, .. } => {
            if !vault::exists(db) {
                return Err(usage(format!("no journal at {}; create one with `ketalog init`", db.display())));
            }
            let opened = open_backup(&file, &key)?;
            eprintln!("{} holds:\n{}", file.display(), opened.preview());
            let mut vault = open(db)?;
            let mode = if replace { ImportMode::Replace } else { ImportMode::Merge };
            let summary =
                opened.restore(&mut vault, mode, Timestamp::now_local()).map_err(|e| backup_failure(&file, e))?;
            if replace {
                eprintln!(
                    "Restored {} (replacing the journal): {} records now, {} removed before.",
                    file.display(),
                    summary.added + summary.updated + summary.unchanged,
                    summary.removed
                );
            } else {
                eprintln!(
                    "Restored {}: {} added, {} updated, {} unchanged.",
                    file.display(),
                    summary.added,
                    summary.updated,
                    summary.unchanged
                );
            }
        }
        BackupAction::Show { file, key } => {
            let opened = open_backup(&file, &key)?;
            print_data(&mut std::io::stdout().lock(), &opened.preview().to_string())?;
        }
    }
    Ok(())
}

/// This machine's time zone, for exports that write local times without an offset.
struct MachineZone;

impl imports::Offsets for MachineZone {
    fn at_local(&self, local: chrono::NaiveDateTime) -> chrono::FixedOffset {
        use chrono::Offset;
        match chrono::Local.from_local_datetime(&local).earliest() {
            Some(at) => at.offset().fix(),
            // A wall time skipped by a clock change: the offset just before it.
            None => chrono::Local.offset_from_utc_datetime(&(local - chrono::Duration::hours(3))).fix(),
        }
    }

    fn at_instant(&self, instant: chrono::DateTime<chrono::Utc>) -> chrono::FixedOffset {
        use chrono::Offset;
        instant.with_timezone(&chrono::Local).offset().fix()
    }
}

/// `ketalog import --from APP FILE`: read the other app's export, show what
/// it holds, then merge it in one transaction (unless --dry-run).
fn import_from_app(
    db: &Path,
    file: &Path,
    app: imports::SourceApp,
    dry_run: bool,
    moods: Vec<(String, imports::DaylioLevel)>,
) -> Result<(), Failure> {
    let refused = |message: String| usage(format!("{} refused, nothing was imported: {message}", file.display()));
    let bytes = std::fs::read(file).map_err(|e| usage(format!("cannot read {}: {e}", file.display())))?;
    let settings = imports::ImportSettings { daylio_moods: moods.into_iter().collect() };
    let plan = imports::read(app, &bytes, &MachineZone, &settings).map_err(|e| refused(e.to_string()))?;
    eprint!("{plan}");
    if dry_run {
        eprintln!("Dry run: nothing was written.");
        return Ok(());
    }
    if plan.journal.record_count() == 0 {
        eprintln!("Nothing to import.");
        return Ok(());
    }
    merge_file(db, file, &plan.journal)
}

/// Merges the records read from `file` into the journal, in one transaction.
fn merge_file(db: &Path, file: &Path, journal: &ketalog_core::Journal) -> Result<(), Failure> {
    let mut vault = open(db)?;
    let summary = vault.import(journal, ImportMode::Merge, Timestamp::now_local()).map_err(|e| {
        let mut failure = Failure::from(e);
        failure.message = format!("{} refused, nothing was imported: {}", file.display(), failure.message);
        failure
    })?;
    eprintln!(
        "Imported {}: {} added, {} updated, {} unchanged.",
        file.display(),
        summary.added,
        summary.updated,
        summary.unchanged
    );
    Ok(())
}

/// Reads, decrypts and validates a backup, asking for what its header says it needs.
fn open_backup(file: &Path, key: &BackupKeyArgs) -> Result<OpenedBackup, Failure> {
    let sealed = SealedBackup::read(file).map_err(|e| backup_failure(file, e))?;
    let backup_key = match (&key.identity, sealed.lock()) {
        (Some(keyfile), _) => {
            let text = std::fs::read_to_string(keyfile)
                .map_err(|e| usage(format!("cannot read identity file {}: {e}", keyfile.display())))?;
            let identities =
                backup::parse_identities(&text, &keyfile.display().to_string()).map_err(|e| usage(e.to_string()))?;
            BackupKey::Identities(identities)
        }
        (None, LockKind::Recipients) => return Err(backup_failure(file, BackupError::IdentityNeeded)),
        (None, LockKind::Passphrase) => {
            if std::env::var_os("KETALOG_BACKUP_PASSPHRASE").is_none() && !std::io::stdin().is_terminal() {
                return Err(Failure {
                    code: 2,
                    message: format!(
                        "{}: {} (set KETALOG_BACKUP_PASSPHRASE, or run in a terminal to type it); nothing was restored",
                        file.display(),
                        BackupError::PassphraseNeeded
                    ),
                });
            }
            BackupKey::Passphrase(passphrase("KETALOG_BACKUP_PASSPHRASE", "Backup passphrase")?)
        }
    };
    sealed.open(&backup_key).map_err(|e| backup_failure(file, e))
}

/// An `--as-of` value: RFC 3339 with an offset, or a date meaning the end
/// of that day (23:59:59) in this machine's time zone.
fn parse_as_of(text: &str) -> Result<Timestamp, Failure> {
    if let Ok(at) = Timestamp::parse(text) {
        return Ok(at);
    }
    let day = ketalog_core::time::parse_day(text).map_err(|_| {
        usage(format!(
            "--as-of: expected an RFC 3339 time like 2026-03-15T12:00:00-05:00 or a date like 2026-03-15, got {text:?}"
        ))
    })?;
    let end = day.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN));
    let at = chrono::Local
        .from_local_datetime(&end)
        .earliest()
        .map(|local| local.fixed_offset())
        .ok_or_else(|| usage(format!("--as-of: {text} 23:59:59 does not exist in this machine's time zone")))?;
    Ok(Timestamp::from_datetime(at))
}

/// The alerts as text for a terminal, followed by the disclaimer.
fn alerts_text(alerts: &[rules::Alert], as_of: Timestamp) -> String {
    let mut out = String::new();
    let acknowledged = alerts.iter().filter(|a| a.acknowledged.is_some()).count();
    match alerts.len() {
        0 => out.push_str(&format!("No alerts as of {as_of}.\n")),
        n => {
            let plural = if n == 1 { "" } else { "s" };
            out.push_str(&format!("{n} alert{plural} as of {as_of}"));
            if acknowledged > 0 {
                out.push_str(&format!(" ({acknowledged} acknowledged)"));
            }
            out.push_str(".\n");
        }
    }
    for alert in alerts {
        out.push('\n');
        out.push_str(&format!("{}: {} [{}]\n", alert.severity.as_str().to_uppercase(), alert.title, alert.rule));
        out.push_str(&wrap(&alert.message, "  "));
        out.push_str(&wrap(&format!("What to do: {}", alert.action), "  "));
        if let Some(ack) = &alert.acknowledged {
            let note = if ack.note.is_empty() { String::new() } else { format!(": {}", ack.note) };
            out.push_str(&wrap(&format!("Acknowledged {}{note}", ack.at), "  "));
        }
        out.push_str(&format!("  First seen {}; id {}\n", alert.first_seen, alert.id));
    }
    out.push('\n');
    out.push_str(wrap(rules::DISCLAIMER, "").trim_end());
    out
}

/// Word-wraps `text` at 88 columns, each line starting with `indent`.
fn wrap(text: &str, indent: &str) -> String {
    const WIDTH: usize = 88;
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && indent.len() + line.chars().count() + 1 + word.chars().count() > WIDTH {
            out.push_str(indent);
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(indent);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Writes data to standard output. A reader that stopped early (`| head`)
/// is not an error: the data it wanted has been written.
fn print_data(stdout: &mut impl Write, text: &str) -> Result<(), Failure> {
    match writeln!(stdout, "{text}").and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(usage(format!("cannot write to standard output: {e}"))),
    }
}

/// "a FHIR R4 bundle of 12 resources (1 Patient, …) for 1 Mar 2026 – 31 Mar 2026".
fn fhir_summary(bundle: &serde_json::Value, range: Option<DateRange>) -> String {
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    let entries = bundle["entry"].as_array().map(Vec::as_slice).unwrap_or_default();
    for entry in entries {
        *counts.entry(entry["resource"]["resourceType"].as_str().unwrap_or("?")).or_default() += 1;
    }
    let kinds: Vec<String> = counts.iter().map(|(kind, n)| format!("{n} {kind}")).collect();
    let period = range.map(|r| format!(" for {}", report::period_text(r))).unwrap_or_default();
    format!("a FHIR R4 bundle of {} resources ({}){period}", entries.len(), kinds.join(", "))
}

fn warn_plain() {
    eprintln!("Warning: this export is NOT encrypted. Anyone who can read the file can read your journal.");
}

fn default_vault() -> Result<PathBuf, Failure> {
    directories::ProjectDirs::from("org", "Ketalog", "Ketalog")
        .map(|dirs| dirs.data_dir().join("journal.db"))
        .ok_or_else(|| usage("cannot find the app-data folder; pass --vault PATH"))
}

fn open(db: &Path) -> Result<Vault, Failure> {
    if !vault::exists(db) {
        return Err(usage(format!("no journal at {}; create one with `ketalog init`", db.display())));
    }
    Ok(Vault::open(db, &passphrase("KETALOG_PASSPHRASE", "Passphrase")?)?)
}

/// A passphrase from `var`, else from a prompt on the terminal.
fn passphrase(var: &str, prompt: &str) -> Result<SecretString, Failure> {
    if let Ok(value) = std::env::var(var) {
        return Ok(SecretString::from(value));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Failure { code: 2, message: format!("locked: no passphrase (set {var} or run in a terminal)") });
    }
    rpassword::prompt_password(format!("{prompt}: "))
        .map(SecretString::from)
        .map_err(|e| Failure { code: 2, message: format!("locked: cannot read the passphrase: {e}") })
}

/// A new passphrase: from `var`, else typed twice.
fn new_passphrase(var: &str, prompt: &str) -> Result<SecretString, Failure> {
    let first = passphrase(var, prompt)?;
    if first.expose_secret().is_empty() {
        return Err(usage("the passphrase must not be empty"));
    }
    if std::env::var(var).is_err() {
        let again = passphrase(var, "Repeat it")?;
        if again.expose_secret() != first.expose_secret() {
            return Err(usage("the two passphrases differ; nothing was changed"));
        }
    }
    if first.expose_secret().chars().count() < 12 {
        eprintln!("Note: a passphrase of 12 characters or more (several words) is much harder to guess.");
    }
    Ok(first)
}
