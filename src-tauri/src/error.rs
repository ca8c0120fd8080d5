//! The one error that crosses IPC: a stable `code` the UI branches on, and a
//! message in plain words that it may show as is.

use serde::Serialize;
use ts_rs::TS;

/// What kind of failure a command met: the core's one classification
/// ([`ketalog_core::error::ErrorKind`]), named `ErrorCode` in TypeScript.
/// The UI decides what to do from this, never from the message.
pub use ketalog_core::error::ErrorKind as ErrorCode;

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
        Self { code: err.kind(), message: err.message(), field: err.field().map(str::to_owned) }
    }
}

impl From<ketalog_core::FieldError> for CommandError {
    fn from(err: ketalog_core::FieldError) -> Self {
        ketalog_core::Error::Invalid(err).into()
    }
}

impl From<ketalog_core::backup::BackupError> for CommandError {
    fn from(err: ketalog_core::backup::BackupError) -> Self {
        match err {
            ketalog_core::backup::BackupError::Journal(inner) => inner.into(),
            other => Self::new(other.kind(), sentence(&other.to_string())),
        }
    }
}

impl From<ketalog_core::charts::RangeError> for CommandError {
    /// A period that runs backwards, at the field the core names for it.
    fn from(err: ketalog_core::charts::RangeError) -> Self {
        Self::invalid(ketalog_core::charts::RangeError::FIELD, err.sentence())
    }
}

use ketalog_core::error::sentence;

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
        let err = CommandError::from(Error::Invalid(
            FieldError::new("dose_mg", "must be more than 0 mg, not -5").in_words(|_| Some("The dose")),
        ));
        assert_eq!(err.code, ErrorCode::Invalid);
        assert_eq!(err.field.as_deref(), Some("dose_mg"));
        assert_eq!(err.message, "The dose must be more than 0 mg, not -5.", "a sentence, with no field path in it");
    }

    #[test]
    fn backup_errors_map_to_stable_codes() {
        use ketalog_core::backup::BackupError;
        let cases = [
            (BackupError::WrongPassphrase, ErrorCode::WrongPassphrase),
            (BackupError::Damaged("cut short".into()), ErrorCode::DamagedFile),
            (BackupError::NotAgeFile("no header".into()), ErrorCode::DamagedFile),
            (BackupError::NewerVersion { found: 2 }, ErrorCode::TooNew),
            (BackupError::PassphraseNeeded, ErrorCode::WrongPassphrase),
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
