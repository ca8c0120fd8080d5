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
use crate::record::{KindVisitor, Record, RecordKind};
use crate::time::Timestamp;

/// The `format` value that marks a Ketalog data document.
pub const FORMAT: &str = "ketalog-data";
/// The document version this build writes and reads.
pub const VERSION: u64 = 1;
/// The largest data document read, in bytes. Ten years of daily use make a
/// document of about 5 MB; this leaves room for decades of long notes.
pub const MAX_DOCUMENT_BYTES: u64 = 32 * 1024 * 1024;
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
    /// A record or field is invalid. Shown as a sentence saying where in
    /// the file ("Session 4 in the file: the dose must …"); the path stays
    /// in the [`FieldError`] for code.
    #[error("{}", located(.0))]
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
        // A document is an object; anything else is refused before it is read.
        if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
            return Err(match serde_json::from_slice::<de::IgnoredAny>(bytes) {
                Ok(_) => DocumentError::NotDataDocument("expected a JSON object".into()),
                Err(e) => DocumentError::NotJson(plain_words(&e.to_string())),
            });
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

/// A file's invalid field as a sentence that says where it is in words:
/// "Session 4 in the file: the systolic pressure before the dose must be
/// between 50 and 300, not 400."
pub fn located(field: &FieldError) -> String {
    let path = field.path.as_str();
    let (place, rest, label): (String, &str, Option<&'static str>) = match path.split_once('[') {
        Some((list, after)) if !list.contains('.') => {
            let (index, rest) = after.split_once(']').unwrap_or((after, ""));
            let rest = rest.strip_prefix('.').unwrap_or(rest);
            let number = index.parse::<usize>().map_or_else(|_| index.to_owned(), |i| (i + 1).to_string());
            let kind = RecordKind::ALL.iter().copied().find(|k| k.list_name() == list);
            let (what, label) = match (kind, list) {
                (Some(kind), _) => (kind.one().to_owned(), kind.label(rest)),
                (None, "acknowledgements") => {
                    ("alert acknowledgement".to_owned(), crate::model::Acknowledgement::label(rest))
                }
                (None, "record_times") => ("record time".to_owned(), None),
                (None, other) => (other.to_owned(), None),
            };
            (format!("{} {number} in the file", crate::error::sentence(&what)), rest, label)
        }
        _ => match path.split_once('.') {
            Some(("profile", rest)) => ("The file's profile".to_owned(), rest, crate::model::Profile::label(rest)),
            _ if path.is_empty() => return crate::error::sentence(&field.message),
            _ => ("The file".to_owned(), path, document_label(path)),
        },
    };
    if rest.is_empty() {
        return format!("{place}: {}", field.message);
    }
    let subject = label.map_or_else(|| format!("the value of \"{rest}\""), lowercase_first);
    // Validation says what must hold ("must be …"); the reader of the file
    // says what it found ("expected …"), which reads after a colon.
    let predicate = field.message.starts_with(char::is_uppercase)
        || ["must ", "can ", "is ", "already "].iter().any(|p| field.message.starts_with(p));
    if predicate {
        format!("{place}: {}", field.sentence(&subject))
    } else {
        format!("{place}, {subject}: {}", field.message)
    }
}

fn document_label(path: &str) -> Option<&'static str> {
    match path {
        "version" => Some("The version"),
        "exported_at" => Some("The export time"),
        "format" => Some("The format"),
        _ => None,
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// Checks each record of every kind and claims its id: ids are unique
/// across all kinds.
struct CheckRecords {
    ids: HashMap<Uuid, String>,
}

impl KindVisitor for CheckRecords {
    type Error = FieldError;
    fn visit<R: Record>(&mut self, records: &[R]) -> Result<(), FieldError> {
        for (i, record) in records.iter().enumerate() {
            let at = format!("{}[{i}]", R::KIND.list_name());
            record.validate().map_err(|e| e.within(&at))?;
            if let Some(first) = self.ids.get(&record.id()) {
                return Err(FieldError::new(
                    format!("{at}.id"),
                    format!("is used twice in this file ({} is also the id of {first})", record.id()),
                ));
            }
            self.ids.insert(record.id(), at);
        }
        Ok(())
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

    let mut records = CheckRecords { ids: HashMap::new() };
    journal.visit(&mut records)?;
    let ids = records.ids;

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
