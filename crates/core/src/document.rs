//! The data document, version 1 (docs/DATA.md#the-data-document): the portable form of a
//! journal. It is the JSON export, the plaintext of a backup, and what
//! `import` accepts.
//!
//! Reading is all or nothing: [`DataDocument::from_json`] returns a document
//! only when every record in it is valid, so callers never write part of one.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::Read;
use std::path::Path;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use thiserror::Error;
use uuid::Uuid;

use crate::error::Error;
use crate::model::{FieldError, Journal};
use crate::time::Timestamp;

/// The `format` value that marks a Ketalog data document.
pub const FORMAT: &str = "ketalog-data";
/// The document version this build writes and reads.
pub const VERSION: u64 = 1;
/// The largest data document read, in bytes. Ten years of daily use make a
/// document of about 5 MB; this leaves room for decades of long notes.
pub const MAX_DOCUMENT_BYTES: u64 = 48 * 1024 * 1024;
/// The most records (of all kinds, acknowledgements included) one document
/// may hold: ten years of daily use hold about 9,000.
pub const MAX_DOCUMENT_RECORDS: usize = 200_000;

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
    /// The file is larger than any real data document.
    #[error("the file is larger than any Ketalog data document ({} MB at most)", limit / (1024 * 1024))]
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
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

    /// Reads a document file of at most [`MAX_DOCUMENT_BYTES`] and validates
    /// all of it. A larger file is refused before any of it is parsed.
    ///
    /// # Errors
    /// [`Error::Document`] (see [`DataDocument::from_json`]), or
    /// [`Error::Io`] when the file cannot be read.
    pub fn read(path: &Path) -> crate::Result<Self> {
        let bytes =
            read_bounded(path, MAX_DOCUMENT_BYTES)?.ok_or(DocumentError::TooLarge { limit: MAX_DOCUMENT_BYTES })?;
        Ok(Self::from_json(&bytes)?)
    }

    /// Reads and validates a whole document.
    ///
    /// The bytes are parsed straight into the typed records (never into an
    /// untyped tree), so memory stays a small multiple of the records
    /// themselves; a key given twice in one object is refused.
    ///
    /// # Errors
    /// [`DocumentError`] naming the record and field, e.g.
    /// `phq9[3].items: expected 9 answers, got 8`.
    pub fn from_json(bytes: &[u8]) -> Result<Self, DocumentError> {
        if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
            return Err(DocumentError::TooLarge { limit: MAX_DOCUMENT_BYTES });
        }
        // First pass: the header only; every other value is skipped unread.
        let header: Header = serde_json::from_slice(bytes).map_err(|e| {
            if e.is_data() {
                DocumentError::NotDataDocument(plain_words(&e.to_string()))
            } else {
                DocumentError::NotJson(plain_words(&e.to_string()))
            }
        })?;
        match header.format {
            Some(Scalar::Text(f)) if f == FORMAT => {}
            Some(other) => {
                return Err(DocumentError::NotDataDocument(format!(
                    "format is {}, expected \"{FORMAT}\"",
                    other.described()
                )));
            }
            None => return Err(DocumentError::NotDataDocument(format!("no \"format\": \"{FORMAT}\" field"))),
        }
        match header.version {
            Some(Scalar::Number(n)) if n.as_u64() == Some(VERSION) => {}
            Some(Scalar::Number(n)) if n.as_u64().is_some_and(|v| v > VERSION) => {
                return Err(DocumentError::NewerVersion { found: n.as_u64().unwrap_or_default() });
            }
            Some(other) => {
                return Err(DocumentError::Invalid(FieldError::new(
                    "version",
                    format!("expected {VERSION}, got {}", other.described()),
                )));
            }
            None => return Err(DocumentError::Invalid(FieldError::new("version", "is missing"))),
        }
        let exported_at = match header.exported_at {
            None | Some(Scalar::Null) => None,
            Some(Scalar::Text(s)) => {
                Some(Timestamp::parse(&s).map_err(|m| DocumentError::Invalid(FieldError::new("exported_at", m)))?)
            }
            Some(other) => {
                return Err(DocumentError::Invalid(FieldError::new(
                    "exported_at",
                    format!("expected an RFC 3339 time, got {}", other.described()),
                )));
            }
        };
        // Second pass: the records, typed as they are read. The header's keys
        // are not fields of a journal and are skipped.
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        let journal: Journal = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
            let path = e.path().to_string();
            let path = if path == "." { String::new() } else { path };
            DocumentError::Invalid(FieldError::new(path, plain_words(&e.into_inner().to_string())))
        })?;
        validate_journal(&journal).map_err(DocumentError::Invalid)?;
        Ok(Self { exported_at, journal })
    }
}

/// Reads at most `limit` bytes of `path`; `None` when the file is larger.
///
/// # Errors
/// [`Error::Io`] naming the file.
pub fn read_bounded(path: &Path, limit: u64) -> crate::Result<Option<Vec<u8>>> {
    let reading = |e| Error::io(format!("cannot read {}", path.display()), e);
    let file = File::open(path).map_err(reading)?;
    if file.metadata().map_err(reading)?.len() > limit {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    // The length may change between the check and the read (a growing file, a device).
    file.take(limit + 1).read_to_end(&mut bytes).map_err(reading)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// The header of a document, read without reading the records.
#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format: Option<Scalar>,
    #[serde(default)]
    version: Option<Scalar>,
    #[serde(default)]
    exported_at: Option<Scalar>,
}

/// A header value: text and numbers are kept, anything else is skipped and
/// only named, so that a hostile header cannot make us build a large tree.
enum Scalar {
    Text(String),
    Number(serde_json::Number),
    Null,
    Other(&'static str),
}

impl Scalar {
    fn described(&self) -> String {
        match self {
            Self::Text(t) => format!("{:?}", crate::text::printable(&truncated(t, 40))),
            Self::Number(n) => n.to_string(),
            Self::Null => "null".to_owned(),
            Self::Other(what) => (*what).to_owned(),
        }
    }
}

fn truncated(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> Visitor<'de> for Visit {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_owned()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v.into()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v.into()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(serde_json::Number::from_f64(v).map_or(Scalar::Other("a number"), Scalar::Number))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Scalar, E> {
                Ok(Scalar::Other("true or false"))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
                while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other("a list"))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
                while map.next_entry::<de::IgnoredAny, de::IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other("an object"))
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

/// Serde names Rust types in its messages ("expected u8"); say what a person
/// would understand instead.
fn plain_words(message: &str) -> String {
    const TYPES: [(&str, &str); 10] = [
        ("expected struct Header", "expected a JSON object"),
        ("duplicate field", "a key given twice:"),
        ("expected f64", "expected a number"),
        ("expected u8", "expected a whole number of 0 or more"),
        ("expected u16", "expected a whole number of 0 or more"),
        ("expected u32", "expected a whole number of 0 or more"),
        ("expected a boolean", "expected true or false"),
        ("expected a string", "expected text"),
        ("expected a sequence", "expected a list"),
        ("expected struct ", "expected an object "),
    ];
    // File content quoted in the message ("unknown variant `…`") may hold
    // control characters meant for a terminal: they are shown escaped.
    let mut text = crate::text::printable(message).into_owned();
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
    let records = journal.record_count();
    if records > MAX_DOCUMENT_RECORDS {
        return Err(FieldError::new(
            "",
            format!("holds {records} records; a data document holds at most {MAX_DOCUMENT_RECORDS}"),
        ));
    }
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
