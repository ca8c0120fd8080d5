//! Choosing files to write or read: a native dialog shown by this process,
//! so the webview never names a path — or, for the end-to-end tests, a plain
//! file name inside the folder given by `KETALOG_E2E_DIR`.

use std::path::PathBuf;

use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

use crate::error::{CommandError, ErrorCode};
use crate::state::FileChoice;

/// A file filter for the dialog: its label and extensions.
pub type Filter<'a> = (&'a str, &'a [&'a str]);

fn cancelled() -> CommandError {
    CommandError::new(ErrorCode::Cancelled, "No file was chosen.")
}

fn named_only_in_tests(name: Option<String>) -> Result<(), CommandError> {
    match name {
        None => Ok(()),
        Some(_) => Err(CommandError::invalid("name", "File names are chosen in the file dialog.")),
    }
}

fn picked(path: Option<tauri_plugin_dialog::FilePath>) -> Result<PathBuf, CommandError> {
    let path = path.ok_or_else(cancelled)?;
    path.into_path().map_err(|e| CommandError::new(ErrorCode::Io, format!("That location cannot be used: {e}")))
}

/// Where to write a new file.
///
/// # Errors
/// `cancelled` when the dialog is closed; `invalid` for a name that is not
/// plain, or a name given while dialogs are in use.
pub fn save_path<R: Runtime>(
    app: &AppHandle<R>,
    files: &FileChoice,
    name: Option<String>,
    suggested: &str,
    (label, extensions): Filter<'_>,
) -> Result<PathBuf, CommandError> {
    match files {
        FileChoice::Folder(folder) => FileChoice::named(folder, name.as_deref().unwrap_or(suggested)),
        FileChoice::Dialog => {
            named_only_in_tests(name)?;
            picked(app.dialog().file().set_file_name(suggested).add_filter(label, extensions).blocking_save_file())
        }
    }
}

/// Which file to read; `title` heads the dialog.
///
/// # Errors
/// As [`save_path`].
pub fn open_path<R: Runtime>(
    app: &AppHandle<R>,
    files: &FileChoice,
    name: Option<String>,
    title: &str,
    (label, extensions): Filter<'_>,
) -> Result<PathBuf, CommandError> {
    match files {
        FileChoice::Folder(folder) => FileChoice::named(
            folder,
            name.as_deref().ok_or_else(|| CommandError::invalid("name", "Give a file name."))?,
        ),
        FileChoice::Dialog => {
            named_only_in_tests(name)?;
            picked(app.dialog().file().set_title(title).add_filter(label, extensions).blocking_pick_file())
        }
    }
}

/// Which folder to use: one the user picks in a dialog titled `title` (in
/// tests, `name`, or else `default_name`, inside the test folder, created if
/// need be). For the CSV export's files and for the sync folder.
///
/// # Errors
/// As [`save_path`].
pub fn folder_path<R: Runtime>(
    app: &AppHandle<R>,
    files: &FileChoice,
    name: Option<String>,
    default_name: &str,
    title: &str,
) -> Result<PathBuf, CommandError> {
    match files {
        FileChoice::Folder(folder) => {
            let dir = FileChoice::named(folder, name.as_deref().unwrap_or(default_name))?;
            ketalog_core::fsio::create_private_dir(&dir)?;
            Ok(dir)
        }
        FileChoice::Dialog => {
            named_only_in_tests(name)?;
            picked(app.dialog().file().set_title(title).blocking_pick_folder())
        }
    }
}
