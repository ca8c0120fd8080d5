//! The record registry: every kind of dated record a journal keeps, listed
//! once.
//!
//! The [`registry!`] invocation at the bottom of this file is the one list of
//! record kinds. From it come [`RecordKind`], [`AnyRecord`] (a record of any
//! kind, as the app sends and receives it), [`RecordCounts`], the
//! [`Record`] trait's link between a type and its list in a [`Journal`], and
//! [`Journal::visit`], through which the data document, the vault, the
//! exports and the views walk every kind without naming one.
//!
//! What each kind knows about itself — its id and moment, its validation,
//! how it reads in a list, the words for its fields and its CSV columns —
//! is its [`RecordFacts`] implementation, below the registry. Adding a field
//! touches the record's struct and `validate` (`model.rs`), its facts here
//! (label, CSV column, summary if it shows there) and the form that edits
//! it; adding a kind adds one registry line and its facts.

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::charts::{medication_name, route_name};
use crate::instruments::{GadSevenBand, PhqNineBand};
use crate::model::{
    BladderDay, BladderIndices, BloodPressure, CheckIn, FieldError, GadSeven, Journal, PhqNine, Session, Setting,
};
use crate::time::Timestamp;

/// What a kind of record knows about itself.
pub trait RecordFacts {
    /// Its stable id.
    fn id(&self) -> Uuid;
    /// Gives it an id (a new record's, when saved).
    fn set_id(&mut self, id: Uuid);
    /// When it happened, for timed records; `None` for a diary day.
    fn at(&self) -> Option<Timestamp>;
    /// The user's local calendar day it belongs to.
    fn day(&self) -> NaiveDate;
    /// Checks every field (see `model.rs`).
    ///
    /// # Errors
    /// The first invalid field, its path relative to the record.
    fn validate(&self) -> Result<(), FieldError>;
    /// One line in plain words for lists ("IV ketamine 35 mg · BP 128/82").
    fn summary(&self) -> String;
    /// Free text the user wrote in it, for searching their own history.
    fn text(&self) -> Vec<&str>;
    /// Its tags (`model::validate_tags`); none for a kind that has no tags.
    fn tags(&self) -> &[String] {
        &[]
    }
    /// The field a path names, in words that can start a sentence ("The
    /// systolic pressure before the dose"); `None` for a path it does not
    /// know. List indices may be stripped first with [`path_shape`].
    fn label(path: &str) -> Option<&'static str>;
    /// Column names of its CSV file.
    const CSV_COLUMNS: &'static [&'static str];
    /// Its CSV row, one cell per column.
    fn csv_row(&self) -> Vec<String>;
}

/// A kind of record in the registry: its facts, and where a journal keeps it.
pub trait Record: RecordFacts + Serialize + DeserializeOwned + Clone + PartialEq + Into<AnyRecord> {
    /// Which kind it is.
    const KIND: RecordKind;
    /// Its list in a journal, in the vault's order (by instant, then id).
    fn of(journal: &Journal) -> &[Self];
    /// The same list, to change.
    fn of_mut(journal: &mut Journal) -> &mut Vec<Self>;
    /// Its instant in ms since the epoch (a diary day: noon UTC of its day,
    /// which sorts it among the other records), and its local day.
    fn when(&self) -> (i64, NaiveDate) {
        let day = self.day();
        let ms = self.at().map_or_else(
            || day.and_hms_opt(12, 0, 0).map_or(0, |t| t.and_utc().timestamp_millis()),
            |at| at.unix_millis(),
        );
        (ms, day)
    }
}

/// Something that walks every kind of record in a journal, one list at a time.
pub trait KindVisitor {
    /// What stops the walk.
    type Error;
    /// Called once per kind, in registry order.
    ///
    /// # Errors
    /// Whatever the visitor decides; the walk stops there.
    fn visit<R: Record>(&mut self, records: &[R]) -> Result<(), Self::Error>;
}

/// One entry of [`RecordCounts`]: how many records of one kind, with the
/// words to say it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KindCount {
    /// The kind's name in the data document (`checkins`), or
    /// `acknowledgements`.
    pub list: String,
    /// How many.
    pub count: u32,
    /// "12 check-ins".
    pub text: String,
}

macro_rules! registry {
    // `$d` is a `$` passed in, so that the macro can define `with_record!`.
    ($d:tt; $( $kind:ident($ty:ty) => $list:ident, $name:literal, $one:literal, $many:literal; )*) => {
        /// The kinds of dated record a journal keeps.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum RecordKind {
            $(
                #[doc = concat!("[`", stringify!($ty), "`]")]
                #[serde(rename = $name)]
                $kind,
            )*
        }

        impl RecordKind {
            /// Every kind, in registry order.
            pub const ALL: &'static [RecordKind] = &[$(Self::$kind),*];

            /// The name stored in the database and used by the app (`checkin`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$kind => $name,)*
                }
            }

            /// The kind named `text`, if any.
            pub fn parse(text: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|k| k.as_str() == text)
            }

            /// The name of its list in the data document (`checkins`).
            pub fn list_name(self) -> &'static str {
                match self {
                    $(Self::$kind => stringify!($list),)*
                }
            }

            /// One record in words ("check-in").
            pub fn one(self) -> &'static str {
                match self {
                    $(Self::$kind => $one,)*
                }
            }

            /// Several in words ("check-ins").
            pub fn many(self) -> &'static str {
                match self {
                    $(Self::$kind => $many,)*
                }
            }

            /// Reads a stored record of this kind from its JSON and appends it
            /// to its list in `journal`.
            pub(crate) fn decode_into(self, journal: &mut Journal, body: &str) -> serde_json::Result<()> {
                match self {
                    $(Self::$kind => journal.$list.push(serde_json::from_str(body)?),)*
                }
                Ok(())
            }

            /// The field `path` of this kind in words, if known.
            pub fn label(self, path: &str) -> Option<&'static str> {
                match self {
                    $(Self::$kind => <$ty as RecordFacts>::label(path),)*
                }
            }
        }

        /// A record of any kind, tagged with its kind: what the app sends to
        /// save and gets back.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[serde(tag = "kind", content = "record")]
        pub enum AnyRecord {
            $(
                #[doc = concat!("A [`", stringify!($ty), "`].")]
                #[serde(rename = $name)]
                $kind($ty),
            )*
        }

        $(
            impl From<$ty> for AnyRecord {
                fn from(record: $ty) -> Self {
                    Self::$kind(record)
                }
            }

            impl Record for $ty {
                const KIND: RecordKind = RecordKind::$kind;
                fn of(journal: &Journal) -> &[Self] {
                    &journal.$list
                }
                fn of_mut(journal: &mut Journal) -> &mut Vec<Self> {
                    &mut journal.$list
                }
            }
        )*

        /// Runs `body` with `r` bound to the record inside `any`, whatever its kind.
        macro_rules! with_record {
            ($d any:expr, $d r:ident => $d body:expr) => {
                match $d any {
                    $(AnyRecord::$kind($d r) => $d body,)*
                }
            };
        }
        pub(crate) use with_record;

        impl Journal {
            /// Walks every kind's list, in registry order.
            ///
            /// # Errors
            /// The first error the visitor returns.
            pub fn visit<V: KindVisitor>(&self, visitor: &mut V) -> Result<(), V::Error> {
                $(visitor.visit(&self.$list)?;)*
                Ok(())
            }

            /// How many dated records of every kind (acknowledgements not included).
            pub fn dated_record_count(&self) -> usize {
                0 $(+ self.$list.len())*
            }

            /// Puts `record` into its list: replacing the one with its id, or
            /// inserted in the vault's order (by instant, then id).
            pub fn put(&mut self, record: AnyRecord) {
                with_record!(record, r => put_in(self, r));
            }

            /// Takes the record with `id` out of whichever list holds it.
            pub fn take(&mut self, id: Uuid) -> Option<AnyRecord> {
                $(
                    if let Some(at) = self.$list.iter().position(|r| r.id == id) {
                        return Some(self.$list.remove(at).into());
                    }
                )*
                None
            }

            /// The record with `id`, of whatever kind.
            pub fn find(&self, id: Uuid) -> Option<AnyRecord> {
                $(
                    if let Some(r) = self.$list.iter().find(|r| r.id == id) {
                        return Some(r.clone().into());
                    }
                )*
                None
            }
        }

        /// How many records of each kind a journal (or a file) holds.
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct RecordCounts {
            per_kind: Vec<(RecordKind, usize)>,
            /// Alert acknowledgements.
            pub acknowledgements: usize,
        }

        impl RecordCounts {
            /// Counts the records of `journal`.
            pub fn of(journal: &Journal) -> Self {
                Self {
                    per_kind: vec![$((RecordKind::$kind, journal.$list.len())),*],
                    acknowledgements: journal.acknowledgements.len(),
                }
            }
        }
    };
}

registry! {
    $;
    Session(Session) => sessions, "session", "session", "sessions";
    CheckIn(CheckIn) => checkins, "checkin", "check-in", "check-ins";
    PhqNine(PhqNine) => phq9, "phq9", "PHQ-9", "PHQ-9s";
    GadSeven(GadSeven) => gad7, "gad7", "GAD-7", "GAD-7s";
    BladderIndices(BladderIndices) => icsi_icpi, "icsi_icpi", "ICSI/ICPI", "ICSI/ICPIs";
    BladderDay(BladderDay) => bladder, "bladder", "bladder diary day", "bladder diary days";
}

/// Puts `record` into its list in `journal`, replacing the one with its id,
/// at its place in the vault's order.
fn put_in<R: Record>(journal: &mut Journal, record: R) {
    let list = R::of_mut(journal);
    if let Some(at) = list.iter().position(|r| r.id() == record.id()) {
        list.remove(at);
    }
    let key = (record.when().0, record.id());
    let at = list.partition_point(|r| (r.when().0, r.id()) < key);
    list.insert(at, record);
}

impl Journal {
    /// The first and last local day holding a dated record; `None` when
    /// there is none.
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        struct Span(Option<(NaiveDate, NaiveDate)>);
        impl KindVisitor for Span {
            type Error = std::convert::Infallible;
            fn visit<R: Record>(&mut self, records: &[R]) -> Result<(), Self::Error> {
                for day in records.iter().map(RecordFacts::day) {
                    self.0 = Some(self.0.map_or((day, day), |(first, last)| (first.min(day), last.max(day))));
                }
                Ok(())
            }
        }
        let mut span = Span(None);
        let Ok(()) = self.visit(&mut span);
        span.0
    }
}

impl RecordKind {
    /// "a check-in": for messages.
    pub fn described(self) -> String {
        let one = self.one();
        let article = if one.starts_with(['a', 'e', 'i', 'o', 'u', 'I']) { "an" } else { "a" };
        format!("{article} {one}")
    }

    /// `n` records in words ("1 session", "3 sessions").
    pub fn count_text(self, n: usize) -> String {
        format!("{n} {}", if n == 1 { self.one() } else { self.many() })
    }
}

impl AnyRecord {
    /// Which kind it is.
    pub fn kind(&self) -> RecordKind {
        with_record!(self, r => record_kind(r))
    }

    /// Its id.
    pub fn id(&self) -> Uuid {
        with_record!(self, r => r.id())
    }

    /// Gives it an id.
    pub fn set_id(&mut self, id: Uuid) {
        with_record!(self, r => r.set_id(id));
    }

    /// When it happened (timed records).
    pub fn at(&self) -> Option<Timestamp> {
        with_record!(self, r => r.at())
    }

    /// Its local day.
    pub fn day(&self) -> NaiveDate {
        with_record!(self, r => r.day())
    }

    /// One line in words.
    pub fn summary(&self) -> String {
        with_record!(self, r => r.summary())
    }

    /// Its tags (none for a kind without tags).
    pub fn tags(&self) -> &[String] {
        with_record!(self, r => r.tags())
    }

    /// Checks every field; the error's message is a whole sentence naming
    /// the field in words ([`FieldError::sentence`]), its path for code.
    ///
    /// # Errors
    /// The first invalid field.
    pub fn validate(&self) -> Result<(), FieldError> {
        let kind = self.kind();
        with_record!(self, r => r.validate()).map_err(|e| e.in_words(|path| kind.label(path)))
    }
}

fn record_kind<R: Record>(_: &R) -> RecordKind {
    R::KIND
}

impl RecordCounts {
    /// All records together, acknowledgements included.
    pub fn total(&self) -> usize {
        self.per_kind.iter().map(|(_, n)| n).sum::<usize>() + self.acknowledgements
    }

    /// The count of one kind.
    pub fn of_kind(&self, kind: RecordKind) -> usize {
        self.per_kind.iter().find(|(k, _)| *k == kind).map_or(0, |(_, n)| *n)
    }

    /// Each kind with its list name and count, in registry order, then the
    /// acknowledgements.
    pub fn entries(&self) -> Vec<KindCount> {
        let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let mut entries: Vec<KindCount> = self
            .per_kind
            .iter()
            .map(|&(kind, n)| KindCount {
                list: kind.list_name().to_owned(),
                count: to_u32(n),
                text: kind.count_text(n),
            })
            .collect();
        let acks = self.acknowledgements;
        entries.push(KindCount {
            list: "acknowledgements".to_owned(),
            count: to_u32(acks),
            text: format!("{acks} alert acknowledgement{}", if acks == 1 { "" } else { "s" }),
        });
        entries
    }
}

// ---------------------------------------------------------------------------
// Each kind's facts.

/// The facts every record with an `id` and a time field `$time` has alike.
macro_rules! timed_record {
    ($time:ident) => {
        fn id(&self) -> Uuid {
            self.id
        }
        fn set_id(&mut self, id: Uuid) {
            self.id = id;
        }
        fn at(&self) -> Option<Timestamp> {
            Some(self.$time)
        }
        fn day(&self) -> NaiveDate {
            self.$time.local_day()
        }
        fn validate(&self) -> Result<(), FieldError> {
            // The record's own `validate` (model.rs): inherent methods come first.
            Self::validate(self)
        }
    };
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn bp_cells(value: Option<BloodPressure>) -> [String; 2] {
    [opt(value.map(|b| b.systolic)), opt(value.map(|b| b.diastolic))]
}

/// Tags in one cell: commas separate them (a tag never holds one).
fn tags_cell(tags: &[String]) -> String {
    tags.join(", ")
}

fn day_text(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

fn setting_name(setting: Setting) -> &'static str {
    match setting {
        Setting::Clinic => "clinic",
        Setting::Home => "home",
        Setting::Telehealth => "telehealth",
        Setting::Other => "other",
    }
}

/// A summary's parts in one line; a record with none holds only notes.
fn summary_of(parts: Vec<String>) -> String {
    if parts.is_empty() { "notes only".to_owned() } else { parts.join(" · ") }
}

/// Strips list indices from a field path: `doses[2].mg` → `doses[].mg`.
pub fn path_shape(path: &str) -> String {
    let mut shape = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                shape.push('[');
            }
            ']' => {
                in_index = false;
                shape.push(']');
            }
            _ if in_index => {}
            c => shape.push(c),
        }
    }
    shape
}

impl RecordFacts for Session {
    timed_record!(started_at);
    fn summary(&self) -> String {
        let mut parts = vec![format!(
            "{} {} {} mg",
            route_name(self.route),
            medication_name(self.medication),
            crate::text::number(self.dose_mg)
        )];
        if let Some(minutes) = self.duration_min {
            parts.push(format!("{minutes} min"));
        }
        match (self.bp_pre, self.bp_post) {
            (Some(pre), Some(post)) => {
                parts.push(format!("BP {}/{} → {}/{}", pre.systolic, pre.diastolic, post.systolic, post.diastolic))
            }
            (Some(bp), None) | (None, Some(bp)) => parts.push(format!("BP {}/{}", bp.systolic, bp.diastolic)),
            (None, None) => {}
        }
        if let Some(d) = self.dissociation {
            parts.push(format!("dissociation {d}/10"));
        }
        if !self.side_effects.is_empty() {
            parts.push(self.side_effects.join(", "));
        }
        parts.join(" · ")
    }
    fn text(&self) -> Vec<&str> {
        let mut text = vec![self.notes.as_str(), self.intention.as_str(), self.reflection.as_str()];
        text.extend(self.side_effects.iter().map(String::as_str));
        text.extend(self.co_medications.iter().map(String::as_str));
        text.extend(self.tags.iter().map(String::as_str));
        text
    }
    fn tags(&self) -> &[String] {
        &self.tags
    }
    fn label(path: &str) -> Option<&'static str> {
        Some(match path_shape(path).as_str() {
            "id" => "The record's id",
            "started_at" => "The start time",
            "medication" => "The medication",
            "route" => "The route",
            "dose_mg" => "The dose",
            "doses" => "The list of partial doses",
            "doses[].mg" => "A partial dose",
            "doses[].after_min" => "The time of a partial dose",
            "weight_kg" => "The body weight",
            "duration_min" => "The duration",
            "setting" => "The setting",
            "bp_pre.systolic" => "The systolic pressure before the dose",
            "bp_pre.diastolic" => "The diastolic pressure before the dose",
            "bp_post.systolic" => "The systolic pressure after the dose",
            "bp_post.diastolic" => "The diastolic pressure after the dose",
            "heart_rate_pre" => "The heart rate before the dose",
            "heart_rate_post" => "The heart rate after the dose",
            "dissociation" => "The dissociation rating",
            "side_effects" => "The list of side effects",
            "side_effects[]" => "A side effect",
            "co_medications" => "The list of other medicines",
            "co_medications[]" => "Another medicine",
            "tags" => "The list of tags",
            "tags[]" => "A tag",
            "intention" => "The intention",
            "reflection" => "The reflection",
            "notes" => "The notes",
            _ => return None,
        })
    }
    const CSV_COLUMNS: &'static [&'static str] = &[
        "id",
        "started_at",
        "local_day",
        "medication",
        "route",
        "dose_mg",
        "doses",
        "weight_kg",
        "duration_min",
        "setting",
        "bp_pre_systolic",
        "bp_pre_diastolic",
        "bp_post_systolic",
        "bp_post_diastolic",
        "heart_rate_pre",
        "heart_rate_post",
        "dissociation",
        "side_effects",
        "psychotic_symptoms",
        "co_medications",
        "tags",
        "intention",
        "reflection",
        "notes",
        "share_notes",
    ];
    fn csv_row(&self) -> Vec<String> {
        let [pre_s, pre_d] = bp_cells(self.bp_pre);
        let [post_s, post_d] = bp_cells(self.bp_post);
        let doses =
            self.doses.iter().map(|d| format!("{} mg at {} min", d.mg, d.after_min)).collect::<Vec<_>>().join("; ");
        vec![
            self.id.to_string(),
            self.started_at.to_rfc3339(),
            day_text(self.started_at.local_day()),
            serde_plain(&self.medication),
            serde_plain(&self.route),
            self.dose_mg.to_string(),
            doses,
            opt(self.weight_kg),
            opt(self.duration_min),
            self.setting.map(|s| setting_name(s).to_owned()).unwrap_or_default(),
            pre_s,
            pre_d,
            post_s,
            post_d,
            opt(self.heart_rate_pre),
            opt(self.heart_rate_post),
            opt(self.dissociation),
            self.side_effects.join("; "),
            self.psychotic_symptoms.to_string(),
            self.co_medications.join("; "),
            tags_cell(&self.tags),
            self.intention.clone(),
            self.reflection.clone(),
            self.notes.clone(),
            self.share_notes.to_string(),
        ]
    }
}

impl RecordFacts for CheckIn {
    timed_record!(at);
    fn summary(&self) -> String {
        let mut parts = Vec::new();
        if let Some(m) = self.mood {
            parts.push(format!("mood {m}/10"));
        }
        if let Some(a) = self.anxiety {
            parts.push(format!("anxiety {a}/10"));
        }
        if let Some(e) = self.energy {
            parts.push(format!("energy {e}/10"));
        }
        if let Some(h) = self.sleep_hours {
            parts.push(format!("slept {} h", crate::text::number(h)));
        }
        summary_of(parts)
    }
    fn text(&self) -> Vec<&str> {
        let mut text = vec![self.notes.as_str()];
        text.extend(self.tags.iter().map(String::as_str));
        text
    }
    fn tags(&self) -> &[String] {
        &self.tags
    }
    fn label(path: &str) -> Option<&'static str> {
        Some(match path_shape(path).as_str() {
            "id" => "The record's id",
            "at" => "The time",
            "mood" => "The mood rating",
            "anxiety" => "The anxiety rating",
            "sleep_hours" => "The hours of sleep",
            "energy" => "The energy rating",
            "tags" => "The list of tags",
            "tags[]" => "A tag",
            "notes" => "The notes",
            _ => return None,
        })
    }
    const CSV_COLUMNS: &'static [&'static str] =
        &["id", "at", "local_day", "mood", "anxiety", "sleep_hours", "energy", "tags", "notes", "share_notes"];
    fn csv_row(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.at.to_rfc3339(),
            day_text(self.at.local_day()),
            opt(self.mood),
            opt(self.anxiety),
            opt(self.sleep_hours),
            opt(self.energy),
            tags_cell(&self.tags),
            self.notes.clone(),
            self.share_notes.to_string(),
        ]
    }
}

/// `Answer 3` for `items[2]` of a questionnaire.
fn answer_label(path: &str) -> Option<&'static str> {
    const ANSWERS: [&str; 9] =
        ["Answer 1", "Answer 2", "Answer 3", "Answer 4", "Answer 5", "Answer 6", "Answer 7", "Answer 8", "Answer 9"];
    let index: usize = path.strip_prefix("items[")?.strip_suffix(']')?.parse().ok()?;
    ANSWERS.get(index).copied()
}

impl RecordFacts for PhqNine {
    timed_record!(at);
    fn summary(&self) -> String {
        let band = PhqNineBand::of(self.total()).map_or("", PhqNineBand::label);
        let mut text = format!("total {} of 27 ({band})", self.total());
        if self.item9() > 0 {
            text.push_str(" · item 9 answered above 0");
        }
        text
    }
    fn text(&self) -> Vec<&str> {
        Vec::new()
    }
    fn label(path: &str) -> Option<&'static str> {
        match path {
            "id" => Some("The record's id"),
            "at" => Some("The time"),
            "items" => Some("The answers"),
            "difficulty" => Some("The closing question's answer"),
            other => answer_label(other),
        }
    }
    const CSV_COLUMNS: &'static [&'static str] = &[
        "id",
        "at",
        "local_day",
        "item1",
        "item2",
        "item3",
        "item4",
        "item5",
        "item6",
        "item7",
        "item8",
        "item9",
        "total",
        "difficulty",
    ];
    fn csv_row(&self) -> Vec<String> {
        let mut row = vec![self.id.to_string(), self.at.to_rfc3339(), day_text(self.at.local_day())];
        row.extend(self.items.iter().map(u8::to_string));
        row.push(self.total().to_string());
        row.push(opt(self.difficulty));
        row
    }
}

impl RecordFacts for GadSeven {
    timed_record!(at);
    fn summary(&self) -> String {
        let band = GadSevenBand::of(self.total()).map_or("", GadSevenBand::label);
        format!("total {} of 21 ({band})", self.total())
    }
    fn text(&self) -> Vec<&str> {
        Vec::new()
    }
    fn label(path: &str) -> Option<&'static str> {
        match path {
            "id" => Some("The record's id"),
            "at" => Some("The time"),
            "items" => Some("The answers"),
            other => answer_label(other),
        }
    }
    const CSV_COLUMNS: &'static [&'static str] =
        &["id", "at", "local_day", "item1", "item2", "item3", "item4", "item5", "item6", "item7", "total"];
    fn csv_row(&self) -> Vec<String> {
        let mut row = vec![self.id.to_string(), self.at.to_rfc3339(), day_text(self.at.local_day())];
        row.extend(self.items.iter().map(u8::to_string));
        row.push(self.total().to_string());
        row
    }
}

impl RecordFacts for BladderIndices {
    timed_record!(at);
    fn summary(&self) -> String {
        format!("ICSI {} of 20 · ICPI {} of 16", self.icsi_total(), self.icpi_total())
    }
    fn text(&self) -> Vec<&str> {
        Vec::new()
    }
    fn label(path: &str) -> Option<&'static str> {
        Some(match path {
            "id" => "The record's id",
            "at" => "The time",
            "icsi[0]" => "The urgency answer",
            "icsi[1]" => "The frequency answer",
            "icsi[2]" => "The night-time answer",
            "icsi[3]" => "The pain or burning answer",
            "icpi[0]" => "The problem answer about frequency",
            "icpi[1]" => "The problem answer about night-time",
            "icpi[2]" => "The problem answer about urgency",
            "icpi[3]" => "The problem answer about pain",
            _ => return None,
        })
    }
    const CSV_COLUMNS: &'static [&'static str] = &[
        "id",
        "at",
        "local_day",
        "icsi1",
        "icsi2",
        "icsi3",
        "icsi4",
        "icsi_total",
        "icpi1",
        "icpi2",
        "icpi3",
        "icpi4",
        "icpi_total",
    ];
    fn csv_row(&self) -> Vec<String> {
        let mut row = vec![self.id.to_string(), self.at.to_rfc3339(), day_text(self.at.local_day())];
        row.extend(self.icsi.iter().map(u8::to_string));
        row.push(self.icsi_total().to_string());
        row.extend(self.icpi.iter().map(u8::to_string));
        row.push(self.icpi_total().to_string());
        row
    }
}

impl RecordFacts for BladderDay {
    fn id(&self) -> Uuid {
        self.id
    }
    fn set_id(&mut self, id: Uuid) {
        self.id = id;
    }
    fn at(&self) -> Option<Timestamp> {
        None
    }
    fn day(&self) -> NaiveDate {
        self.date
    }
    fn validate(&self) -> Result<(), FieldError> {
        BladderDay::validate(self)
    }
    fn summary(&self) -> String {
        let mut parts = Vec::new();
        if let Some(v) = self.day_voids {
            parts.push(format!("{v} by day"));
        }
        if let Some(v) = self.night_voids {
            parts.push(format!("{v} at night"));
        }
        if let Some(u) = self.urgency {
            parts.push(format!("urgency {u}/4"));
        }
        if let Some(p) = self.pain {
            parts.push(format!("pain {p}/10"));
        }
        for (on, word) in [
            (self.burning, "burning"),
            (self.visible_blood, "blood seen"),
            (self.cloudy, "cloudy"),
            (self.leakage, "leakage"),
        ] {
            if on {
                parts.push(word.to_owned());
            }
        }
        summary_of(parts)
    }
    fn text(&self) -> Vec<&str> {
        vec![self.notes.as_str()]
    }
    fn label(path: &str) -> Option<&'static str> {
        Some(match path {
            "id" => "The record's id",
            "date" => "The date",
            "day_voids" => "The number of daytime trips",
            "night_voids" => "The number of night-time trips",
            "urgency" => "The urgency rating",
            "pain" => "The pain rating",
            "notes" => "The notes",
            _ => return None,
        })
    }
    const CSV_COLUMNS: &'static [&'static str] = &[
        "id",
        "date",
        "day_voids",
        "night_voids",
        "urgency",
        "pain",
        "burning",
        "visible_blood",
        "cloudy",
        "leakage",
        "notes",
        "share_notes",
    ];
    fn csv_row(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            day_text(self.date),
            opt(self.day_voids),
            opt(self.night_voids),
            opt(self.urgency),
            opt(self.pain),
            self.burning.to_string(),
            self.visible_blood.to_string(),
            self.cloudy.to_string(),
            self.leakage.to_string(),
            self.notes.clone(),
            self.share_notes.to_string(),
        ]
    }
}

/// An enum's name as serde writes it (`racemic-ketamine`).
fn serde_plain<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Medication, Route};

    fn at(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    #[test]
    fn every_kind_round_trips_through_its_name() {
        for &kind in RecordKind::ALL {
            assert_eq!(RecordKind::parse(kind.as_str()), Some(kind));
            let json = serde_json::to_value(kind).unwrap();
            assert_eq!(json, kind.as_str());
        }
        assert_eq!(RecordKind::PhqNine.described(), "a PHQ-9");
        assert_eq!(RecordKind::BladderIndices.described(), "an ICSI/ICPI");
        assert_eq!(RecordKind::CheckIn.count_text(1), "1 check-in");
    }

    #[test]
    fn put_keeps_the_vault_order_and_replaces_by_id() {
        let mut journal = Journal::default();
        let a = CheckIn { mood: Some(5), ..CheckIn::new(Uuid::from_u128(2), at("2026-03-02T09:00:00Z")) };
        let b = CheckIn { mood: Some(6), ..CheckIn::new(Uuid::from_u128(1), at("2026-03-01T09:00:00Z")) };
        let c = CheckIn { mood: Some(7), ..CheckIn::new(Uuid::from_u128(3), at("2026-03-02T09:00:00Z")) };
        for record in [a.clone(), b.clone(), c.clone()] {
            journal.put(record.into());
        }
        assert_eq!(journal.checkins, vec![b.clone(), a.clone(), c.clone()]);
        let moved = CheckIn { at: at("2026-02-28T09:00:00Z"), ..c.clone() };
        journal.put(moved.clone().into());
        assert_eq!(journal.checkins, vec![moved.clone(), b, a]);
        assert_eq!(journal.take(moved.id), Some(moved.into()));
        assert_eq!(journal.dated_record_count(), 2);
    }

    #[test]
    fn validation_speaks_in_sentences_with_the_path_kept_for_code() {
        let mut session =
            Session::new(Uuid::nil(), at("2026-03-01T10:00:00Z"), Medication::RacemicKetamine, Route::Iv, 35.0);
        session.bp_pre = Some(BloodPressure { systolic: 400, diastolic: 80 });
        let err = AnyRecord::from(session.clone()).validate().unwrap_err();
        assert_eq!(err.path, "bp_pre.systolic");
        assert_eq!(err.message, "The systolic pressure before the dose must be between 50 and 300, not 400.");
        session.bp_pre = Some(BloodPressure { systolic: 80, diastolic: 95 });
        let err = AnyRecord::from(session).validate().unwrap_err();
        assert_eq!(
            err.message,
            "The diastolic pressure before the dose must be lower than the systolic pressure (95 is not below 80)."
        );
    }

    #[test]
    fn every_field_a_validation_names_has_words() {
        // Each kind's validation paths, reached by breaking one field at a time.
        let session =
            Session::new(Uuid::nil(), at("2026-03-01T10:00:00Z"), Medication::Esketamine, Route::Intranasal, 56.0);
        let broken: Vec<AnyRecord> = vec![
            Session { dose_mg: 0.0, ..session.clone() }.into(),
            Session { weight_kg: Some(1.0), ..session.clone() }.into(),
            Session { duration_min: Some(0), ..session.clone() }.into(),
            Session { heart_rate_post: Some(1), ..session.clone() }.into(),
            Session { dissociation: Some(11), ..session.clone() }.into(),
            Session { side_effects: vec![String::new()], ..session.clone() }.into(),
            Session { co_medications: vec!["x\ny".into()], ..session.clone() }.into(),
            Session { reflection: "\u{1}".into(), ..session.clone() }.into(),
            CheckIn { sleep_hours: Some(25.0), ..CheckIn::new(Uuid::nil(), at("2026-03-01T10:00:00Z")) }.into(),
            Session { tags: vec!["x".into(); 21], ..session.clone() }.into(),
            CheckIn { tags: vec![" x".into()], ..CheckIn::new(Uuid::nil(), at("2026-03-01T10:00:00Z")) }.into(),
            PhqNine {
                id: Uuid::nil(),
                at: at("2026-03-01T10:00:00Z"),
                items: [0, 0, 0, 0, 0, 0, 0, 0, 4],
                difficulty: None,
            }
            .into(),
            BladderIndices { id: Uuid::nil(), at: at("2026-03-01T10:00:00Z"), icsi: [0, 0, 0, 1], icpi: [0; 4] }.into(),
            BladderDay {
                night_voids: Some(21),
                ..BladderDay::new(Uuid::nil(), at("2026-03-01T10:00:00Z").local_day())
            }
            .into(),
        ];
        for record in broken {
            let err = record.validate().unwrap_err();
            assert!(err.message.starts_with(char::is_uppercase) && err.message.ends_with('.'), "{err:?}");
            assert!(!err.message.starts_with("This value"), "every path has words: {err:?}");
            if err.path.contains(['_', '.', '[']) {
                assert!(!err.message.contains(&err.path), "the path stays out of the sentence: {err:?}");
            }
        }
    }
}
