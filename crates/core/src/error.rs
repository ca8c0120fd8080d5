//! The core's error type.

use std::io;
use std::path::PathBuf;

use thiserror::Error;

use crate::document::DocumentError;
use crate::model::FieldError;

/// Everything that can go wrong in the core. Whatever the variant, nothing
/// has been half-written: every write is one transaction or one rename.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// The passphrase does not open this journal.
    #[error("wrong passphrase")]
    WrongPassphrase,
    /// There is no journal at the path.
    #[error("no journal at {}", .0.display())]
    NoJournal(PathBuf),
    /// `create` found something already there.
    #[error("a journal already exists at {}", .0.display())]
    AlreadyExists(PathBuf),
    /// The journal's files are damaged (or are not a Ketalog journal).
    #[error("the journal is damaged: {0}")]
    Corrupt(String),
    /// The journal was written by a newer Ketalog.
    #[error(
        "this journal was written by a newer Ketalog (schema {found}; this build knows up to {known}); update Ketalog to open it"
    )]
    NewerSchema {
        /// Schema version in the file.
        found: i64,
        /// Newest schema this build knows.
        known: i64,
    },
    /// A record or field is invalid.
    #[error("{0}")]
    Invalid(#[from] FieldError),
    /// A data document was refused.
    #[error("{0}")]
    Document(#[from] DocumentError),
    /// No record with this id.
    #[error("no record with id {0}")]
    NotFound(String),
    /// The disk (or quota) is full; nothing was written.
    #[error("the disk is full; nothing was saved ({0})")]
    DiskFull(String),
    /// A file could not be read or written.
    #[error("{context}: {source}")]
    Io {
        /// What was being done, with the path.
        context: String,
        /// The cause.
        source: io::Error,
    },
    /// A file to write (an export, a report, a backup) is one of the
    /// journal's own files, or lies in a folder that keeps them aside.
    #[error("{} is part of the journal itself; choose another name or folder", .0.display())]
    JournalFile(PathBuf),
    /// The journal's folder or files can be changed by other users of this
    /// computer: it is not opened.
    #[error("{0}")]
    Unsafe(String),
    /// Another program has the journal open, and the operation needs it alone.
    #[error("{} is open in another program (the Ketalog app?); close it there and try again", .0.display())]
    InUse(PathBuf),
    /// The database refused an operation for a reason not listed above.
    #[error("database error: {0}")]
    Database(rusqlite::Error),
}

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O error with what was being done; a full disk becomes [`Error::DiskFull`].
    pub fn io(context: impl Into<String>, source: io::Error) -> Self {
        let context = context.into();
        if source.kind() == io::ErrorKind::StorageFull || source.raw_os_error() == Some(28) {
            return Self::DiskFull(context);
        }
        Self::Io { context, source }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match err.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => Self::DiskFull(err.to_string()),
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => Self::Corrupt(err.to_string()),
            _ => Self::Database(err),
        }
    }
}

/// What kind of failure an error is: what a shell branches on (the app's
/// IPC code, the command's exit code), never the message. One
/// classification for both shells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ErrorCode"))]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The passphrase does not open the journal (or a backup).
    WrongPassphrase,
    /// The journal is locked; unlock first.
    Locked,
    /// No journal exists yet at the path.
    NoJournal,
    /// A journal already exists where one was to be created.
    AlreadyExists,
    /// A value or file content was refused; the field is named when known.
    Invalid,
    /// The journal's files are damaged.
    Corrupt,
    /// A chosen file (a backup) is damaged, cut short or not a backup.
    DamagedFile,
    /// Written by a newer Ketalog.
    TooNew,
    /// No record with that id.
    NotFound,
    /// The disk is full; nothing was written.
    DiskFull,
    /// Another program has the journal open.
    InUse,
    /// Other users could tamper with the journal's folder or files.
    Unsafe,
    /// Reading or writing a file failed.
    Io,
    /// The user closed a file dialog without choosing.
    Cancelled,
}

impl ErrorKind {
    /// The `ketalog` command's exit code: 2 locked or a wrong passphrase
    /// (or backup key), 3 damaged data or files, 1 anything else.
    pub fn exit_code(self) -> u8 {
        match self {
            Self::WrongPassphrase | Self::Locked => 2,
            Self::Corrupt | Self::DamagedFile => 3,
            _ => 1,
        }
    }
}

impl Error {
    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Self::WrongPassphrase => ErrorKind::WrongPassphrase,
            Self::NoJournal(_) => ErrorKind::NoJournal,
            Self::AlreadyExists(_) => ErrorKind::AlreadyExists,
            Self::Corrupt(_) => ErrorKind::Corrupt,
            // A refusal SQLite gives for a reason other than damage (busy, …).
            Self::Database(_) => ErrorKind::Io,
            Self::NewerSchema { .. } | Self::Document(DocumentError::NewerVersion { .. }) => ErrorKind::TooNew,
            Self::Invalid(_) | Self::Document(_) | Self::JournalFile(_) => ErrorKind::Invalid,
            Self::NotFound(_) => ErrorKind::NotFound,
            Self::DiskFull(_) => ErrorKind::DiskFull,
            Self::InUse(_) => ErrorKind::InUse,
            Self::Unsafe(_) => ErrorKind::Unsafe,
            Self::Io { .. } => ErrorKind::Io,
        }
    }

    /// The field at fault, for code to find it (`bp_pre.systolic`); never
    /// shown to a person.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Invalid(field) | Self::Document(DocumentError::Invalid(field)) => Some(&field.path),
            Self::JournalFile(_) => Some("path"),
            _ => None,
        }
    }

    /// The error as a sentence for a person: no field paths, a capital
    /// first letter.
    pub fn message(&self) -> String {
        let text = match self {
            Self::Invalid(field) => field.message.clone(),
            other => other.to_string(),
        };
        sentence(&text)
    }
}

/// `text` with a capital first letter.
pub fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
