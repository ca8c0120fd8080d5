//! Ketalog's core: everything the app and the `ketalog` command share.
//!
//! - [`model`]: the records and their validation;
//! - [`time`]: moments with their UTC offset, and local days;
//! - [`document`]: the data document v1, the portable JSON form;
//! - [`vault`]: the encrypted store (SQLCipher, key file, migrations);
//! - [`backup`]: encrypted backups (age) and their restore;
//! - [`export`]: plain CSV exports;
//! - [`instruments`]: questionnaire wording and scoring, dose arithmetic;
//! - [`rules`]: the warning-rules engine;
//! - [`reminders`]: the in-app reminders due at a given moment;
//! - [`schedule`]: when reminders fall due, for desktop notifications;
//! - [`demo`]: a deterministic sample journal;
//! - [`charts`]: trend charts as SVG;
//! - [`report`]: the clinician's PDF summary;
//! - [`fonts`]: the bundled typeface.
//!
//! The core takes "now" from its caller and does no I/O it was not asked to do.

pub mod backup;
pub mod charts;
pub mod demo;
pub mod document;
pub mod error;
pub mod export;
pub mod fonts;
pub mod fsio;
pub mod instruments;
pub mod model;
pub mod reminders;
pub mod report;
pub mod rules;
pub mod schedule;
pub mod time;
pub mod vault;

pub use document::{DataDocument, DocumentError};
pub use error::{Error, Result};
pub use model::{FieldError, Journal};
pub use time::Timestamp;
pub use vault::{ImportMode, ImportSummary, Vault};
