//! The one error that crosses IPC: a stable `code` the UI branches on, and a
//! message in plain words that it may show as is.

use serde::Serialize;
use ts_rs::TS;

/// What kind of failure a command met. The UI decides what to do from this,
/// never from the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The passphrase does not open the journal.
    WrongPassphrase,
    /// The journal is locked (or was locked after being idle); unlock first.
    Locked,
    /// No journal exists yet at the vault path.
    NoJournal,
    /// A journal already exists where one was to be created.
    AlreadyExists,
    /// A value was refused; `field` names it when known.
    Invalid,
    /// The journal's files are damaged: the app has closed it and offers to
    /// restore from a backup.
    Corrupt,
    /// A chosen file (a backup) is damaged, cut short or not a backup.
    DamagedFile,
    /// The journal or document was written by a newer Ketalog.
    TooNew,
    /// No record with that id.
    NotFound,
    /// The disk is full; nothing was written.
    DiskFull,
    /// Reading or writing a file failed.
    Io,
    /// The user closed the file dialog without choosing a file.
    Cancelled,
}

/// A failed command, as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CommandError {
    /// What kind of failure.
    pub code: ErrorCode,
    /// What happened, in words fit to show.
    pub message: String,
    /// The field at fault (`dose_mg`, `bp_pre.diastolic`), for `invalid`.
    pub field: Option<String>,
}

impl CommandError {
    /// A failure of `code` with `message`.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), field: None }
    }

    /// The journal is locked.
    pub fn locked() -> Self {
        Self::new(ErrorCode::Locked, "The journal is locked. Unlock it to continue.")
    }

    /// A refused value at `field`.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { code: ErrorCode::Invalid, message: message.into(), field: Some(field.into()) }
    }
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CommandError {}

impl From<ketalog_core::Error> for CommandError {
    fn from(err: ketalog_core::Error) -> Self {
        use ketalog_core::{DocumentError, Error};
        let code = match &err {
            Error::WrongPassphrase => ErrorCode::WrongPassphrase,
            Error::NoJournal(_) => ErrorCode::NoJournal,
            Error::AlreadyExists(_) => ErrorCode::AlreadyExists,
            Error::Corrupt(_) => ErrorCode::Corrupt,
            Error::NewerSchema { .. } | Error::Document(DocumentError::NewerVersion { .. }) => ErrorCode::TooNew,
            Error::Invalid(field) => return Self::invalid(field.path.clone(), field.message.clone()),
            Error::Document(DocumentError::Invalid(field)) => {
                return Self::invalid(field.path.clone(), field.to_string());
            }
            Error::Document(_) => ErrorCode::Invalid,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::DiskFull(_) => ErrorCode::DiskFull,
            Error::Io { .. } | Error::Database(_) => ErrorCode::Io,
            // The core's error is non-exhaustive: anything new is at least an I/O failure to the UI.
            _ => ErrorCode::Io,
        };
        Self::new(code, sentence(&err.to_string()))
    }
}

impl From<ketalog_core::backup::BackupError> for CommandError {
    fn from(err: ketalog_core::backup::BackupError) -> Self {
        use ketalog_core::backup::BackupError;
        let code = match &err {
            BackupError::Journal(_) => match err {
                BackupError::Journal(inner) => return inner.into(),
                _ => ErrorCode::Io,
            },
            BackupError::WrongPassphrase => ErrorCode::WrongPassphrase,
            BackupError::Damaged(_) | BackupError::NotAgeFile(_) => ErrorCode::DamagedFile,
            BackupError::NewerVersion { .. } => ErrorCode::TooNew,
            // A key this screen does not ask for, content that does not
            // validate, a bad recipient, a target that is the journal itself,
            // an oversized file, and anything new: refusals of what was given.
            _ => ErrorCode::Invalid,
        };
        Self::new(code, sentence(&err.to_string()))
    }
}

/// The core's messages start in lower case to follow a field name; shown on
/// their own they read better as a sentence.
fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use ketalog_core::{Error, FieldError};

    use super::*;

    #[test]
    fn core_errors_map_to_stable_codes() {
        let cases = [
            (Error::WrongPassphrase, ErrorCode::WrongPassphrase),
            (Error::NoJournal(PathBuf::from("/x")), ErrorCode::NoJournal),
            (Error::Corrupt("bad page".into()), ErrorCode::Corrupt),
            (Error::NewerSchema { found: 9, known: 1 }, ErrorCode::TooNew),
            (Error::NotFound("abc".into()), ErrorCode::NotFound),
            (Error::DiskFull("saving".into()), ErrorCode::DiskFull),
            (Error::io("reading x", std::io::Error::other("boom")), ErrorCode::Io),
        ];
        for (err, code) in cases {
            assert_eq!(CommandError::from(err).code, code);
        }
    }

    #[test]
    fn invalid_fields_keep_their_path() {
        let err = CommandError::from(Error::Invalid(FieldError::new("dose_mg", "must be greater than 0 mg, got -5")));
        assert_eq!(err.code, ErrorCode::Invalid);
        assert_eq!(err.field.as_deref(), Some("dose_mg"));
        assert_eq!(err.message, "must be greater than 0 mg, got -5");
    }

    #[test]
    fn backup_errors_map_to_stable_codes() {
        use ketalog_core::backup::BackupError;
        let cases = [
            (BackupError::WrongPassphrase, ErrorCode::WrongPassphrase),
            (BackupError::Damaged("cut short".into()), ErrorCode::DamagedFile),
            (BackupError::NotAgeFile("no header".into()), ErrorCode::DamagedFile),
            (BackupError::NewerVersion { found: 2 }, ErrorCode::TooNew),
            (BackupError::PassphraseNeeded, ErrorCode::Invalid),
            (BackupError::Journal(Error::DiskFull("writing".into())), ErrorCode::DiskFull),
        ];
        for (err, code) in cases {
            assert_eq!(CommandError::from(err).code, code);
        }
    }

    #[test]
    fn serialises_as_code_and_message() {
        let json = serde_json::to_value(CommandError::locked()).unwrap();
        assert_eq!(json["code"], "locked");
        assert!(json["message"].as_str().unwrap().contains("locked"));
    }
}
