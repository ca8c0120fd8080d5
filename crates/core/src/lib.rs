//! Ketalog's core: everything the app and the `ketalog` command share.
//!
//! - [`model`]: the records and their validation;
//! - [`record`]: the registry of record kinds, listed once;
//! - [`time`]: moments with their UTC offset, and local days;
//! - [`document`]: the data document v1, the portable JSON form;
//! - [`vault`]: the encrypted store (SQLCipher, key file, migrations);
//! - [`open`]: a journal held open, its records in memory;
//! - [`views`]: what each screen of the app shows, computed from the journal;
//! - [`backup`]: encrypted backups (age) and their restore;
//! - [`export`]: plain CSV exports;
//! - [`fhir`]: the FHIR R4 export for a clinic's systems;
//! - [`imports`]: imports from Daylio, eMoods, Bearable and PsychonautWiki Journal;
//! - [`instruments`]: questionnaire wording and scoring, dose arithmetic;
//! - [`rules`]: the warning-rules engine;
//! - [`crisis_lines`]: national crisis lines and emergency numbers;
//! - [`co_medications`]: the co-medications patient guides single out, and how to recognise them;
//! - [`guides`]: the patient guides' facts, sourced and dated, for where they matter;
//! - [`insights`]: session effects, how long a gain held, aligned series and correlations;
//! - [`reminders`]: the in-app reminders due at a given moment;
//! - [`schedule`]: when reminders fall due, for desktop notifications;
//! - [`sync`]: several computers, one journal: encrypted sync through a folder;
//! - [`demo`]: a deterministic sample journal;
//! - [`charts`]: trend charts as SVG;
//! - [`report`]: the clinician's PDF summary;
//! - [`fonts`]: the bundled typeface;
//! - [`policy`]: what a new passphrase must be, where a journal lives by default;
//! - [`text`]: outside text made safe to show on a terminal.
//!
//! The core takes "now" from its caller and does no I/O it was not asked to do.

pub mod backup;
pub mod charts;
pub mod co_medications;
pub mod crisis_lines;
pub mod demo;
pub mod document;
pub mod error;
pub mod export;
pub mod fhir;
pub mod fonts;
pub mod fsio;
pub mod guides;
pub mod imports;
pub mod insights;
pub mod instruments;
pub mod model;
pub mod open;
pub mod policy;
pub mod record;
pub mod reminders;
pub mod report;
pub mod rules;
pub mod schedule;
pub mod sync;
pub mod text;
pub mod time;
pub mod vault;
pub mod views;

pub use document::{DataDocument, DocumentError};
pub use error::{Error, Result};
pub use model::{FieldError, Journal};
pub use time::Timestamp;
pub use vault::{ImportMode, ImportSummary, Vault};
