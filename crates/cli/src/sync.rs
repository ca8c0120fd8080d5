//! `ketalog sync --folder DIR`: merge with the journal's other computers
//! through a folder a file-sync tool keeps, and write this one's changes.

use std::path::Path;

use clap::Args;
use ketalog_core::sync::{self, SyncError, SyncReport};

use crate::{Failure, new_passphrase, open, passphrase, usage};

/// The environment variable that gives the sync passphrase to scripts.
const PASSPHRASE_VAR: &str = "KETALOG_SYNC_PASSPHRASE";

#[derive(Args)]
pub(crate) struct SyncArgs {
    /// The shared folder, as the sync tool keeps it on this computer. It must
    /// exist; Ketalog writes only its own encrypted files there.
    #[arg(long, value_name = "DIR")]
    folder: std::path::PathBuf,
}

pub(crate) fn run(db: &Path, args: &SyncArgs) -> Result<(), Failure> {
    let mut vault = open(db)?;
    let given = std::env::var_os(PASSPHRASE_VAR).is_some().then(|| passphrase(PASSPHRASE_VAR, "")).transpose()?;
    let report = match sync::sync(&mut vault, &args.folder, given.as_ref()) {
        Err(SyncError::PassphraseNeeded { new_folder }) => {
            // Asked once: the journal keeps the sync key afterwards.
            let typed = if new_folder {
                eprintln!(
                    "This folder has no sync key yet. Choose a sync passphrase: every computer joining needs it."
                );
                new_passphrase(PASSPHRASE_VAR, "New sync passphrase")?
            } else {
                passphrase(PASSPHRASE_VAR, "Sync passphrase (chosen on the first computer)")?
            };
            sync::sync(&mut vault, &args.folder, Some(&typed))
        }
        other => other,
    }
    .map_err(failure)?;
    say(&args.folder, &report);
    Ok(())
}

fn failure(err: SyncError) -> Failure {
    let code = match &err {
        SyncError::PassphraseNeeded { .. } | SyncError::WrongPassphrase => 2,
        SyncError::DamagedKey(..) => 3,
        SyncError::NoFolder(_) => return usage(err.to_string()),
        SyncError::Journal(_) => 0,
    };
    match err {
        SyncError::Journal(inner) => Failure::from(inner),
        other => Failure { code, message: other.to_string() },
    }
}

/// Says what the sync did, a line at a time; file names and values come from
/// the folder, so nothing in them can act on the terminal.
fn say(folder: &Path, report: &SyncReport) {
    let mut lines = Vec::new();
    if report.joined {
        lines
            .push(format!("This journal joined the sync folder {}; the sync key is kept inside it.", folder.display()));
    }
    lines.extend(report.skipped.iter().map(|skipped| format!("Skipped {skipped}.")));
    let merge = &report.merge;
    lines.extend(merge.refused.iter().cloned());
    let files = match report.files_read {
        1 => "1 file".to_owned(),
        n => format!("{n} files"),
    };
    lines.push(format!("Read {files} from other computers: {}.", report.came_in()));
    for change in &merge.profile_changes {
        lines.push(format!(
            "  Setting changed elsewhere: {}: {} → {}",
            change.label,
            shown(&change.current),
            shown(&change.incoming)
        ));
    }
    for record in &merge.replaced_here {
        lines.push(format!("  Changed elsewhere later, so that version was kept: the {record}."));
    }
    lines.push(
        if report.wrote { "This computer's changes are in the folder." } else { "Nothing new to write." }.to_owned(),
    );
    for line in lines {
        eprintln!("{}", ketalog_core::text::printable(&line));
    }
}

fn shown(value: &str) -> &str {
    if value.is_empty() { "(not set)" } else { value }
}
