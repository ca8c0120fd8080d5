//! `ketalog`: the journal from a terminal. A thin shell over `ketalog-core`:
//! it parses arguments, asks for passphrases, calls the core and prints.
//!
//! Standard output carries only data (JSON, the alerts; CSV paths are not data); every
//! message goes to standard error. Exit codes: 0 success, 1 usage or input
//! error, 2 wrong passphrase or locked, 3 data or file corrupt. For backups:
//! 2 also for a wrong backup passphrase, a missing or non-matching age
//! identity; 3 for a file that is not a whole age file (truncated, altered,
//! not age); 1 for a backup whose content is invalid or of a newer version.

mod insights;
mod manual;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{NaiveDate, NaiveTime, TimeZone};
use clap::{ArgGroup, Args, CommandFactory, Parser, Subcommand};
use ketalog_core::backup::{self, BackupError, BackupKey, BackupLock, LockKind, OpenedBackup, SealedBackup};
use ketalog_core::charts::DateRange;
use ketalog_core::model::{self, Acknowledgement, Profile, ProfileChange};
use ketalog_core::vault::{self, ImportMode, Vault};
use ketalog_core::{DataDocument, Error, Timestamp, demo, export, fhir, imports, policy, report, rules};
use secrecy::{ExposeSecret, SecretString};

mod profile;
mod sync;

/// The version and the build it came from (`0.1.0 (build 1a2b3c4d5e6f)`),
/// the same line as the app's About; the build is named by ketalog-build-id.
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (build ", env!("KETALOG_BUILD"), ")");

/// A private, encrypted journal for ketamine and esketamine treatment.
#[derive(Parser)]
#[command(name = "ketalog", version = VERSION, about, long_about = None)]
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
    Init {
        /// Set the crisis line to this country's national line (ISO 3166
        /// code such as GB, DE or AU). Without it, the US line is used.
        #[arg(long, value_name = "CC")]
        country: Option<String>,
    },
    /// Show the profile's crisis line and clinician, or set the crisis line
    /// for a country.
    Profile(profile::ProfileArgs),
    /// Create a journal holding a year of realistic sample data.
    Demo {
        /// Last day of the sample year (default: today).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        until: Option<NaiveDate>,
    },
    /// Merge a data document (JSON) into the journal, by record id; or, with
    /// --from, an export of another app. The journal's profile (clinician,
    /// crisis line, settings) is kept unless --take-profile is given; what
    /// the file would change is printed.
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
    /// What followed each session day in your check-ins, and for how long (INSIGHTS.md).
    Insights(InsightsArgs),
    /// Sync with your other computers through a folder your file-sync tool
    /// keeps (Syncthing, Nextcloud, a USB stick): encrypted, no server. The
    /// first time, asks for the sync passphrase (KETALOG_SYNC_PASSPHRASE).
    Sync(sync::SyncArgs),
    /// Change the journal's passphrase.
    Passphrase {
        #[command(subcommand)]
        action: PassphraseAction,
    },
    /// Write the manual pages and the bash, zsh and fish completions into a
    /// folder (for packaging; hidden from help).
    #[command(hide = true)]
    GenerateManual {
        /// The folder to write man1/, bash/, zsh/ and fish/ into.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
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
    /// Also take the profile settings a data document holds (they are
    /// printed). An export of another app never changes the profile.
    #[arg(long, conflicts_with = "from")]
    take_profile: bool,
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
        /// What you did ("called the clinic, appointment Friday"). Text given
        /// here is visible to other users of this computer in the process
        /// list: give `-` to read it from standard input instead. Without
        /// --note, it is asked for when run in a terminal.
        #[arg(long, value_name = "TEXT|-")]
        note: Option<String>,
        /// Let the note appear in the clinician's PDF (it is private otherwise).
        #[arg(long)]
        share_note: bool,
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

#[derive(Args)]
struct InsightsArgs {
    /// First session day to report (YYYY-MM-DD, a local day, included; default: the first).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Last session day to report (YYYY-MM-DD, a local day, included; default: the last).
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// As of this moment: an RFC 3339 time with its offset, or a date meaning
    /// the end of that day (23:59:59) in this machine's time zone. Nothing
    /// recorded later is read. Default: now.
    #[arg(long, value_name = "RFC3339|DATE")]
    as_of: Option<String>,
    /// Print JSON (session_days, by_route, by_medication, by_dose) instead of text.
    #[arg(long)]
    json: bool,
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
        /// Make the journal exactly the backup (records not in it are
        /// removed; its profile replaces the journal's, as printed).
        #[arg(long)]
        replace: bool,
        /// When merging, also take the profile settings the backup holds
        /// (clinician, crisis line, settings; they are printed). Without it
        /// the journal's profile is kept.
        #[arg(long, conflicts_with_all = ["replace", "as_new_journal"])]
        take_profile: bool,
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
    Change {
        /// Also re-encrypt the journal under a new key, so that copies of the
        /// old key file (in old backups of your home folder, say) no longer
        /// open it with the old passphrase. Close the app first.
        #[arg(long)]
        rekey: bool,
    },
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
        Self { code: err.kind().exit_code(), message: err.to_string() }
    }
}

/// Exit codes for backups: a missing or wrong key is "locked" (2), a file
/// that is not a whole age file is "corrupt" (3), anything about the content
/// or the arguments is an input error (1).
fn backup_failure(file: &Path, err: BackupError) -> Failure {
    let code = err.kind().exit_code();
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
            // One line, and nothing a terminal would act on: messages may
            // quote file content.
            let line = failure.message.replace('\n', " ");
            eprintln!("ketalog: {}", ketalog_core::text::printable(&line));
            ExitCode::from(failure.code)
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    // Needs no journal, so not even a place for one.
    if let Command::GenerateManual { out } = &cli.command {
        let written = manual::write(Cli::command(), out, VERSION)
            .map_err(|err| usage(format!("cannot write the manual into {}: {err}", out.display())))?;
        eprintln!("Wrote {} files into {}.", written.len(), out.display());
        return Ok(());
    }
    let db = match cli.vault {
        Some(path) => path,
        None => {
            policy::default_journal_path().ok_or_else(|| usage("cannot find the app-data folder; pass --vault PATH"))?
        }
    };
    match cli.command {
        Command::Init { country } => {
            // An unknown country fails before anything is asked or created.
            let chosen = country.as_deref().map(profile::country).transpose()?;
            let passphrase = new_passphrase("KETALOG_PASSPHRASE", "New passphrase")?;
            let mut vault = Vault::create(&db, &passphrase)?;
            eprintln!("Created an encrypted journal at {}.", db.display());
            eprintln!("Keep your passphrase safe: without it the journal cannot be opened.");
            profile::after_init(&mut vault, chosen)?;
        }
        Command::Profile(args) => profile::run(&db, &args)?,
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
            // A new or empty journal: the sample's profile (clinician, crisis line) comes with it.
            let summary = vault.import(&sample, ImportMode::MergeWithProfile, Timestamp::now_local())?;
            eprintln!(
                "Wrote a sample year ending {until} to {}: {} records ({} sessions, {} check-ins, {} PHQ-9).",
                db.display(),
                summary.added,
                sample.sessions.len(),
                sample.checkins.len(),
                sample.phq9.len()
            );
        }
        Command::Import(ImportArgs { file, from: Some(app), dry_run, moods, .. }) => {
            import_from_app(&db, &file, app, dry_run, moods)?;
        }
        Command::Import(ImportArgs { file, take_profile, .. }) => {
            let document = DataDocument::read(&file).map_err(|e| Failure {
                code: 1,
                message: format!("{} refused, nothing was imported: {e}", file.display()),
            })?;
            let mode = if take_profile { ImportMode::MergeWithProfile } else { ImportMode::Merge };
            let (vault, summary) = merge_file(open(&db)?, &file, &document.journal, mode)?;
            report_profile(&vault.profile()?, &document.journal.profile, mode, &summary.profile_changes);
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
                let written = export::write_csv(&journal, &dir, &db)?;
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
                    vault::write_outside(&db, &out, text.as_bytes())?;
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
            Some(AlertsAction::Ack { alert_id, note, share_note }) => {
                let note = ack_note(note)?;
                let mut vault = open(&db)?;
                let now = Timestamp::now_local();
                let alerts = rules::evaluate(&vault.journal()?, now, &rules::Thresholds::default());
                let Some(alert) = alerts.iter().find(|a| a.id == alert_id) else {
                    return Err(usage(format!(
                        "no current alert has the id \"{}\"; `ketalog alerts` lists the ids",
                        ketalog_core::text::printable(&alert_id)
                    )));
                };
                vault.acknowledge(&Acknowledgement { alert_id: alert.id.clone(), at: now, note, share_note })?;
                let shared = if share_note { "; the note may appear in the PDF" } else { "" };
                eprintln!("Acknowledged \"{}\" ({}){shared}.", alert.title, alert.rule);
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
            vault::check_output_target(&db, &args.out)?;
            let pdf = report::render(&journal, Some(&alerts), &options)
                .map_err(|e| Failure { code: 3, message: e.to_string() })?;
            vault::write_outside(&db, &args.out, &pdf)?;
            eprintln!("Wrote the summary for {} to {}.", report::period_text(range), args.out.display());
        }
        Command::Insights(args) => {
            let day = |flag: &str, text: &Option<String>| {
                text.as_deref().map(parse_date).transpose().map_err(|e| usage(format!("{flag}: {e}")))
            };
            let (from, to) = (day("--from", &args.from)?, day("--to", &args.to)?);
            let as_of = match args.as_of.as_deref() {
                Some(text) => parse_as_of(text)?,
                None => Timestamp::now_local(),
            };
            let period = match (from, to) {
                (None, None) => None,
                _ => Some(
                    DateRange::new(from.unwrap_or(NaiveDate::MIN), to.unwrap_or(NaiveDate::MAX))
                        .map_err(|e| usage(e.to_string()))?,
                ),
            };
            let journal = open(&db)?.journal()?;
            let found = ketalog_core::insights::session_effects(&journal, as_of, period);
            let text = if args.json {
                serde_json::to_string_pretty(&found)
                    .map_err(|e| usage(format!("cannot write the insights as JSON: {e}")))?
            } else {
                let period = match (from, to) {
                    (None, None) => "all session days".to_owned(),
                    (Some(from), None) => format!("session days from {from}"),
                    (None, Some(to)) => format!("session days up to {to}"),
                    (Some(from), Some(to)) => format!("session days from {from} to {to}"),
                };
                insights::text(&found, as_of, &period)
            };
            print_data(&mut std::io::stdout().lock(), &text)?;
        }
        Command::Sync(args) => sync::run(&db, &args)?,
        Command::GenerateManual { .. } => unreachable!("written above, before the journal's path"),
        Command::Passphrase { action: PassphraseAction::Change { rekey } } => {
            if !vault::exists(&db) {
                return Err(Error::NoJournal(db).into());
            }
            let old = passphrase("KETALOG_PASSPHRASE", "Current passphrase")?;
            // Check the old one before asking for a new one.
            drop(Vault::open(&db, &old)?);
            let new = new_passphrase("KETALOG_NEW_PASSPHRASE", "New passphrase")?;
            if rekey {
                Vault::change_passphrase_and_rekey(&db, &old, &new)?;
                eprintln!(
                    "Passphrase changed and the journal re-encrypted under a new key: only the new passphrase \
                     opens it, and copies of the old key file no longer do."
                );
            } else {
                Vault::change_passphrase(&db, &old, &new)?;
                eprintln!(
                    "Passphrase changed: the journal's key file now opens with the new passphrase only. A copy of \
                     the old key file (in an older backup of this folder, say) still opens the journal with the old \
                     passphrase; run `ketalog passphrase change --rekey` to re-encrypt it so that none does."
                );
            }
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
            let installed = Profile::default().changes_to(&opened.document().journal.profile);
            if !installed.is_empty() {
                eprintln!("The new journal takes the backup's profile settings:");
                eprint!("{}", profile_lines(&installed));
            }
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
        BackupAction::Import { file, key, replace, take_profile, .. } => {
            if !vault::exists(db) {
                return Err(usage(format!("no journal at {}; create one with `ketalog init`", db.display())));
            }
            let opened = open_backup(&file, &key)?;
            eprintln!("{} holds:\n{}", file.display(), opened.preview());
            let mut vault = open(db)?;
            let mode = match (replace, take_profile) {
                (true, _) => ImportMode::Replace,
                (false, true) => ImportMode::MergeWithProfile,
                (false, false) => ImportMode::Merge,
            };
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
            report_profile(&vault.profile()?, &opened.document().journal.profile, mode, &summary.profile_changes);
        }
        BackupAction::Show { file, key } => {
            let opened = open_backup(&file, &key)?;
            print_data(&mut std::io::stdout().lock(), &opened.preview().to_string())?;
        }
    }
    Ok(())
}

/// `ketalog import --from APP FILE`: read the other app's export, leave out
/// what the journal already holds, show what it would add, then add it in
/// one transaction (unless --dry-run).
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
    let mut plan =
        imports::read(app, &bytes, &imports::Zone(chrono::Local), &settings).map_err(|e| refused(e.to_string()))?;
    let vault = open(db)?;
    plan.leave_stored(&vault.journal()?);
    eprint!("{plan}");
    for mood in &plan.unknown_moods {
        eprintln!("{}", mood_hint(mood));
    }
    if dry_run {
        eprintln!("Dry run: nothing was written.");
        return Ok(());
    }
    if plan.journal.record_count() == 0 {
        eprintln!("Nothing new to import.");
        return Ok(());
    }
    merge_file(vault, file, &plan.journal, ImportMode::AddNew).map(drop)
}

/// How to give a level to a Daylio mood the file names: with an option to
/// copy, unless the name holds a character that a shell reads inside double
/// quotes, or one that must not reach the terminal as it is.
fn mood_hint(mood: &str) -> String {
    let shown = ketalog_core::text::revealed(mood);
    let plain = matches!(shown, std::borrow::Cow::Borrowed(_)) && !mood.contains(['"', '$', '`', '\\', '!']);
    if plain {
        format!("To import the mood \u{201c}{mood}\u{201d}, give its level: --mood \"{mood}=LEVEL\" (1 awful … 5 rad).")
    } else {
        format!(
            "To import the mood \u{201c}{shown}\u{201d}, give its level with --mood NAME=LEVEL (1 awful … 5 rad), \
             quoting the name as your shell needs."
        )
    }
}

/// Merges the records read from `file` into the journal, in one transaction.
fn merge_file(
    mut vault: Vault,
    file: &Path,
    journal: &ketalog_core::Journal,
    mode: ImportMode,
) -> Result<(Vault, ketalog_core::ImportSummary), Failure> {
    let summary = vault.import(journal, mode, Timestamp::now_local()).map_err(|e| {
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
    Ok((vault, summary))
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

/// Says what an import did to the profile: the settings it changed, or
/// (a merge that kept the profile) the ones the file would have changed.
fn report_profile(current: &Profile, incoming: &Profile, mode: ImportMode, changed: &[ProfileChange]) {
    if mode == ImportMode::Merge {
        let offered = ImportMode::MergeWithProfile.profile_changes(current, incoming);
        if !offered.is_empty() {
            eprintln!(
                "The file also holds profile settings that differ from this journal's. They were NOT applied \
                 (run again with --take-profile to apply them):"
            );
            eprint!("{}", profile_lines(&offered));
        }
    } else if changed.is_empty() {
        eprintln!("The profile is unchanged.");
    } else {
        eprintln!("Profile settings changed:");
        eprint!("{}", profile_lines(changed));
    }
}

/// One line per changed setting: `  Crisis line: number to call: 988 → 116 123`.
fn profile_lines(changes: &[ProfileChange]) -> String {
    let shown = |value: &str| {
        if value.is_empty() { "(not set)".to_owned() } else { ketalog_core::text::printable(value).into_owned() }
    };
    changes.iter().map(|c| format!("  {}: {} → {}\n", c.label, shown(&c.current), shown(&c.incoming))).collect()
}

/// The note of `alerts ack`: the text given, standard input for `-`, or a
/// prompt on a terminal; empty otherwise.
fn ack_note(note: Option<String>) -> Result<String, Failure> {
    use std::io::Read;
    let read_failed = |e: std::io::Error| usage(format!("cannot read the note: {e}"));
    let text = match note.as_deref() {
        Some("-") => {
            let mut text = String::new();
            std::io::stdin()
                .take(4 * model::MAX_NOTE_CHARS as u64 + 1)
                .read_to_string(&mut text)
                .map_err(read_failed)?;
            text
        }
        Some(_) => note.unwrap_or_default(),
        None if std::io::stdin().is_terminal() => {
            eprint!("What did you do about it? (a note; Enter for none): ");
            let mut line = String::new();
            std::io::stdin().read_line(&mut line).map_err(read_failed)?;
            line
        }
        None => String::new(),
    };
    Ok(text.trim().to_owned())
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
            let note = if ack.note.is_empty() {
                String::new()
            } else {
                format!(": {}", ketalog_core::text::printable(&ack.note))
            };
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
/// The passphrase rule is the core's ([`policy::check_new_passphrase`]),
/// the same as the app's.
fn new_passphrase(var: &str, prompt: &str) -> Result<SecretString, Failure> {
    let first = passphrase(var, prompt)?;
    policy::check_new_passphrase("passphrase", &first).map_err(|e| usage(e.message))?;
    if std::env::var(var).is_err() {
        let again = passphrase(var, "Repeat it")?;
        if again.expose_secret() != first.expose_secret() {
            return Err(usage("the two passphrases differ; nothing was changed"));
        }
    }
    Ok(first)
}
