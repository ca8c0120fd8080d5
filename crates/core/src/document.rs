//! The data document, version 1 (PRODUCT.md §7): the portable form of a
//! journal. It is the JSON export, the plaintext of a backup, and what
//! `import` accepts.
//!
//! Reading is all or nothing: [`DataDocument::from_json`] returns a document
//! only when every record in it is valid, so callers never write part of one.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde_json::Value;
use thiserror::Error;
use uuid::Uuid;

use crate::model::{FieldError, Journal};
use crate::time::Timestamp;

/// The `format` value that marks a Ketalog data document.
pub const FORMAT: &str = "ketalog-data";
/// The document version this build writes and reads.
pub const VERSION: u64 = 1;

/// Why a document was refused. Nothing has been written when you see one.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DocumentError {
    /// The bytes are not JSON at all.
    #[error("not a JSON document ({0})")]
    NotJson(String),
    /// JSON, but not a Ketalog data document.
    #[error("not a Ketalog data document: {0}")]
    NotDataDocument(String),
    /// Written by a newer Ketalog.
    #[error("version: {found} is newer than this Ketalog understands (up to {VERSION}); update Ketalog to read it")]
    NewerVersion {
        /// The version in the document.
        found: u64,
    },
    /// A record or field is invalid.
    #[error("{0}")]
    Invalid(FieldError),
}

/// A journal with its document header.
#[derive(Debug, Clone, PartialEq)]
pub struct DataDocument {
    /// When the document was written, if it says.
    pub exported_at: Option<Timestamp>,
    /// The records.
    pub journal: Journal,
}

#[derive(Serialize)]
struct Wire<'a> {
    format: &'static str,
    version: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    exported_at: Option<Timestamp>,
    #[serde(flatten)]
    journal: &'a Journal,
}

impl DataDocument {
    /// A document of `journal`, stamped `exported_at`.
    pub fn new(journal: Journal, exported_at: Timestamp) -> Self {
        Self { exported_at: Some(exported_at), journal }
    }

    /// Pretty JSON, as written to files.
    pub fn to_json(&self) -> String {
        let wire = Wire { format: FORMAT, version: VERSION, exported_at: self.exported_at, journal: &self.journal };
        // Serialising plain structs of strings and numbers cannot fail.
        serde_json::to_string_pretty(&wire).unwrap_or_else(|e| unreachable!("document serialises: {e}"))
    }

    /// Reads and validates a whole document.
    ///
    /// # Errors
    /// [`DocumentError`] naming the record and field, e.g.
    /// `phq9[3].items: expected 9 answers, got 8`.
    pub fn from_json(bytes: &[u8]) -> Result<Self, DocumentError> {
        let value: Value = serde_json::from_slice(bytes).map_err(|e| DocumentError::NotJson(e.to_string()))?;
        let Value::Object(map) = &value else {
            return Err(DocumentError::NotDataDocument("expected a JSON object".into()));
        };
        match map.get("format") {
            Some(Value::String(f)) if f == FORMAT => {}
            Some(other) => {
                return Err(DocumentError::NotDataDocument(format!("format is {other}, expected \"{FORMAT}\"")));
            }
            None => return Err(DocumentError::NotDataDocument(format!("no \"format\": \"{FORMAT}\" field"))),
        }
        match map.get("version") {
            Some(Value::Number(n)) if n.as_u64() == Some(VERSION) => {}
            Some(Value::Number(n)) if n.as_u64().is_some_and(|v| v > VERSION) => {
                return Err(DocumentError::NewerVersion { found: n.as_u64().unwrap_or_default() });
            }
            Some(other) => {
                return Err(DocumentError::Invalid(FieldError::new(
                    "version",
                    format!("expected {VERSION}, got {other}"),
                )));
            }
            None => return Err(DocumentError::Invalid(FieldError::new("version", "is missing"))),
        }
        let exported_at = match map.get("exported_at") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => {
                Some(Timestamp::parse(s).map_err(|m| DocumentError::Invalid(FieldError::new("exported_at", m)))?)
            }
            Some(other) => {
                return Err(DocumentError::Invalid(FieldError::new(
                    "exported_at",
                    format!("expected an RFC 3339 time, got {other}"),
                )));
            }
        };
        let journal: Journal = serde_path_to_error::deserialize(&value).map_err(|e| {
            let path = e.path().to_string();
            let path = if path == "." { String::new() } else { path };
            DocumentError::Invalid(FieldError::new(path, plain_words(&e.into_inner().to_string())))
        })?;
        validate_journal(&journal).map_err(DocumentError::Invalid)?;
        Ok(Self { exported_at, journal })
    }
}

/// Serde names Rust types in its messages ("expected u8"); say what a person
/// would understand instead.
fn plain_words(message: &str) -> String {
    const TYPES: [(&str, &str); 8] = [
        ("expected f64", "expected a number"),
        ("expected u8", "expected a whole number of 0 or more"),
        ("expected u16", "expected a whole number of 0 or more"),
        ("expected u32", "expected a whole number of 0 or more"),
        ("expected a boolean", "expected true or false"),
        ("expected a string", "expected text"),
        ("expected a sequence", "expected a list"),
        ("expected struct ", "expected an object "),
    ];
    let mut text = message.to_owned();
    for (rust, words) in TYPES {
        text = text.replace(rust, words);
    }
    text
}

/// Checks every record of a journal and the rules that span records:
/// ids are unique across all records, one bladder diary day per date, one
/// acknowledgement per alert.
///
/// # Errors
/// The first [`FieldError`], with the record's path (`sessions[2].dose_mg`).
pub fn validate_journal(journal: &Journal) -> Result<(), FieldError> {
    journal.profile.validate().map_err(|e| e.within("profile"))?;

    let mut ids: HashMap<Uuid, String> = HashMap::new();
    let mut claim = |id: Uuid, at: String| -> Result<(), FieldError> {
        if let Some(first) = ids.get(&id) {
            return Err(FieldError::new(format!("{at}.id"), format!("duplicate id {id} (also used by {first})")));
        }
        ids.insert(id, at);
        Ok(())
    };
    macro_rules! each {
        ($list:expr, $name:literal) => {
            for (i, record) in $list.iter().enumerate() {
                let at = format!(concat!($name, "[{}]"), i);
                record.validate().map_err(|e| e.within(&at))?;
                claim(record.id, at)?;
            }
        };
    }
    each!(journal.sessions, "sessions");
    each!(journal.checkins, "checkins");
    each!(journal.phq9, "phq9");
    each!(journal.gad7, "gad7");
    each!(journal.icsi_icpi, "icsi_icpi");
    each!(journal.bladder, "bladder");

    let mut days = HashMap::new();
    for (i, day) in journal.bladder.iter().enumerate() {
        if let Some(first) = days.insert(day.date, i) {
            return Err(FieldError::new(
                format!("bladder[{i}].date"),
                format!("{} already has a diary day (bladder[{first}])", day.date),
            ));
        }
    }
    let mut alerts = HashSet::new();
    for (i, ack) in journal.acknowledgements.iter().enumerate() {
        let at = format!("acknowledgements[{i}]");
        ack.validate().map_err(|e| e.within(&at))?;
        if !alerts.insert(ack.alert_id.as_str()) {
            return Err(FieldError::new(format!("{at}.alert_id"), format!("{} is acknowledged twice", ack.alert_id)));
        }
    }
    let mut timed = HashSet::new();
    for (i, times) in journal.record_times.iter().enumerate() {
        let at = format!("record_times[{i}]");
        if !ids.contains_key(&times.id) {
            return Err(FieldError::new(format!("{at}.id"), format!("{} is not a record in this document", times.id)));
        }
        if !timed.insert(times.id) {
            return Err(FieldError::new(format!("{at}.id"), format!("{} is listed twice", times.id)));
        }
        if times.updated_at < times.created_at {
            return Err(FieldError::new(format!("{at}.updated_at"), "is before created_at"));
        }
    }
    Ok(())
}
