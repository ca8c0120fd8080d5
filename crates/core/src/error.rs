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
