//! Imports from the apps patients come from: Daylio, eMoods, Bearable and
//! PsychonautWiki Journal, each from its own export file.
//!
//! [`read`] turns a file into an [`ImportPlan`]: the records it would add, as
//! a [`Journal`] with an empty profile (an import never touches the
//! profile), and a preview of what it read, what it left out and why. It
//! writes nothing; the caller leaves out what the journal already holds
//! ([`ImportPlan::leave_stored`]), shows the preview, then hands
//! `plan.journal` to `Vault::import` with `ImportMode::AddNew`, one
//! transaction.
//!
//! - **Ids** are UUID v5 of the app and the entry's own time (plus its
//!   position among entries of the same minute, or the app's creation time
//!   of the entry), never of its content. An import only adds records whose
//!   id the journal does not hold: a record already imported is left as it
//!   is, with whatever the user changed since (tags, notes, a mood set
//!   right), so importing the same file again changes nothing, even after
//!   edits, and a file exported again after an entry was edited in the other
//!   app does not add a second record.
//! - **Times**: Daylio, eMoods and Bearable write wall-clock times without
//!   an offset; the offset comes from the caller's [`Offsets`] for that date
//!   (the command uses the machine's time zone, so a summer entry gets the
//!   summer offset). PsychonautWiki Journal writes instants; the offset is
//!   the one in force then.
//! - **Notes** become private notes (`share_notes` off).
//! - **Tags**: what the other app files an entry under (Daylio's
//!   activities, Bearable's factors) becomes the record's tags, made to fit
//!   the rules of tags (`tags_from`); the preview says what was cut short or
//!   left out. eMoods and PsychonautWiki Journal have nothing of the kind.
//! - A file that is not the named app's is refused, naming the app it looks
//!   like when it can tell; a file that cannot be read is refused naming the
//!   line or field. An entry whose values Ketalog cannot hold (a dose in µg,
//!   sleep over 24 hours) is left out and listed, with its line.
//!
//! The mappings of each app are in its module and in ARCHITECTURE.md.

mod bearable;
mod daylio;
mod emoods;
mod psychonautwiki;

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use thiserror::Error;
use uuid::Uuid;

use crate::model::{CheckIn, FieldError, Journal, MAX_TAG_CHARS, MAX_TAGS, Session, tag_problem};
use crate::record::{KindVisitor, Record};
use crate::time::Timestamp;

pub use daylio::{DaylioLevel, parse_mood_mapping};

/// The apps Ketalog imports from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceApp {
    /// Daylio's CSV export (`full_date,date,weekday,time,mood,activities,note_title,note`).
    Daylio,
    /// eMoods' CSV export (a date, the four mood ratings 0–3, sleep hours, notes).
    Emoods,
    /// Bearable's CSV export (`date,date formatted,weekday,time of day,category,rating/amount,detail,notes`).
    Bearable,
    /// PsychonautWiki Journal's JSON export (`experiences` with `ingestions`).
    PsychonautWiki,
}

impl SourceApp {
    /// Every app, in the order the command lists them.
    pub const ALL: [Self; 4] = [Self::Daylio, Self::Emoods, Self::Bearable, Self::PsychonautWiki];

    /// The name the command takes (`daylio`, `emoods`, `bearable`, `psychonautwiki`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Daylio => "daylio",
            Self::Emoods => "emoods",
            Self::Bearable => "bearable",
            Self::PsychonautWiki => "psychonautwiki",
        }
    }

    /// The app's name as people write it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Daylio => "Daylio",
            Self::Emoods => "eMoods",
            Self::Bearable => "Bearable",
            Self::PsychonautWiki => "PsychonautWiki Journal",
        }
    }

    /// "a Daylio export", "an eMoods export": the app's export with its article.
    pub fn an_export(self) -> String {
        let article = if self == Self::Emoods { "an" } else { "a" };
        format!("{article} {} export", self.name())
    }
}

impl FromStr for SourceApp {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|app| app.key().eq_ignore_ascii_case(text.trim())).ok_or_else(|| {
            let keys: Vec<&str> = Self::ALL.iter().map(|a| a.key()).collect();
            format!("unknown app {text:?}; Ketalog imports from {}", keys.join(", "))
        })
    }
}

impl fmt::Display for SourceApp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The user's UTC offsets, for files that write local times without one.
///
/// The core never asks the machine; the command answers from its time zone.
pub trait Offsets {
    /// The offset in force at this wall-clock time.
    fn at_local(&self, local: NaiveDateTime) -> FixedOffset;
    /// The offset in force at this instant.
    fn at_instant(&self, instant: DateTime<Utc>) -> FixedOffset;
}

/// One offset for every date: for tests, or for a user who names one.
impl Offsets for FixedOffset {
    fn at_local(&self, _: NaiveDateTime) -> FixedOffset {
        *self
    }

    fn at_instant(&self, _: DateTime<Utc>) -> FixedOffset {
        *self
    }
}

/// The offsets of a time zone: the shells pass the machine's
/// (`Zone(chrono::Local)`); the core never picks one itself.
#[derive(Debug, Clone, Copy)]
pub struct Zone<Tz>(pub Tz);

impl<Tz: TimeZone> Offsets for Zone<Tz> {
    fn at_local(&self, local: NaiveDateTime) -> FixedOffset {
        use chrono::Offset;
        match self.0.from_local_datetime(&local).earliest() {
            Some(at) => at.offset().fix(),
            // A wall time skipped by a clock change: the offset just before it.
            None => self.0.offset_from_utc_datetime(&(local - chrono::Duration::hours(3))).fix(),
        }
    }

    fn at_instant(&self, instant: DateTime<Utc>) -> FixedOffset {
        use chrono::Offset;
        self.0.offset_from_utc_datetime(&instant.naive_utc()).fix()
    }
}

/// Choices the user makes about an import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSettings {
    /// Daylio mood names and the level (1 awful … 5 rad) each stands for,
    /// for names other than Daylio's English defaults; compared without
    /// regard to case.
    pub daylio_moods: BTreeMap<String, DaylioLevel>,
}

impl ImportSettings {
    /// Gives the Daylio mood `name` (a renamed or translated one) the level
    /// `level`; a name given again takes the later level.
    ///
    /// # Errors
    /// A sentence when the name is empty or longer than a label may be.
    pub fn map_daylio_mood(&mut self, name: &str, level: DaylioLevel) -> Result<(), String> {
        let key = daylio::mood_key(name);
        if key.is_empty() {
            return Err("The mood name is empty.".to_owned());
        }
        if key.chars().count() > crate::model::MAX_LABEL_CHARS {
            return Err(format!("The mood name is longer than {} characters.", crate::model::MAX_LABEL_CHARS));
        }
        self.daylio_moods.insert(key, level);
        Ok(())
    }

    /// Settings giving Daylio moods their levels from pairs of a name and a
    /// level number (1 awful … 5 rad), as a table of choices sends them.
    ///
    /// # Errors
    /// The place of the first pair refused among `levels`, and why, in a
    /// sentence.
    pub fn with_daylio_levels<'a>(levels: impl IntoIterator<Item = (&'a str, u8)>) -> Result<Self, (usize, String)> {
        let mut settings = Self::default();
        for (i, (name, number)) in levels.into_iter().enumerate() {
            DaylioLevel::from_number(number)
                .map_err(|e| format!("{}.", crate::error::sentence(&e)))
                .and_then(|level| settings.map_daylio_mood(name, level))
                .map_err(|message| (i, message))?;
        }
        Ok(settings)
    }
}

/// Why a file was refused. Nothing is imported from a refused file.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The file is not an export of the app named.
    #[error("this is not {}{}", .expected.an_export(), wrong_app_detail(*.looks_like, .found))]
    WrongApp {
        /// The app the user named.
        expected: SourceApp,
        /// The app it looks like, when that can be told.
        looks_like: Option<SourceApp>,
        /// What the file starts with instead, in words.
        found: String,
    },
    /// The file is the right app's but cannot be read.
    #[error("{at}: {message}")]
    Malformed {
        /// Where: `line 5`, `line 5, time`, `experiences[2].ingestions[0].time`.
        at: String,
        /// What is wrong.
        message: String,
    },
}

fn wrong_app_detail(app: Option<SourceApp>, found: &str) -> String {
    match app {
        Some(app) => format!("; it looks like {} (use --from {})", app.an_export(), app.key()),
        None => format!(" ({found})"),
    }
}

impl ImportError {
    fn at(at: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Malformed { at: at.into(), message: message.into() }
    }
}

/// An entry of the file left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// Where it is in the file (`line 7`, `experiences[0].ingestions[2]`).
    pub at: String,
    /// Why, in words.
    pub reason: String,
}

/// Something the file holds that has no place in Ketalog (yet), counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotMapped {
    /// What it is ("activities", "symptom Headache").
    pub what: String,
    /// In how many entries of the file.
    pub entries: usize,
    /// Why it is not imported.
    pub why: String,
    /// Up to a few examples (distinct names), for the preview.
    pub examples: Vec<String>,
}

/// What an import would do: the records, and the preview to show first.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    /// The app the file came from.
    pub app: SourceApp,
    /// Entries (rows, ingestions) read from the file.
    pub entries_read: usize,
    /// The records to merge; its profile is empty and stays unused.
    pub journal: Journal,
    /// Entries left out, with the reason.
    pub left_out: Vec<LeftOut>,
    /// What the file holds that is not imported.
    pub not_mapped: Vec<NotMapped>,
    /// Daylio mood names the file uses whose level is not known (neither a
    /// default name nor in [`ImportSettings::daylio_moods`]), as the file
    /// first writes each, in the order they first appear. Entries with them
    /// are imported without a mood unless the user gives their levels.
    pub unknown_moods: Vec<String>,
    /// Records read from the file that the journal already holds, left
    /// out of `journal` by [`ImportPlan::leave_stored`]: they stay as they
    /// are in the journal.
    pub already_stored: usize,
}

impl ImportPlan {
    fn new(app: SourceApp, entries_read: usize) -> Self {
        Self {
            app,
            entries_read,
            journal: Journal::default(),
            left_out: Vec::new(),
            not_mapped: Vec::new(),
            unknown_moods: Vec::new(),
            already_stored: 0,
        }
    }

    /// Leaves out of the plan the records whose id `stored` (the journal)
    /// already holds, counting them in `already_stored`: an import from
    /// another app adds only new records and never replaces one the user
    /// may have changed since. `Vault::import` with `ImportMode::AddNew`
    /// keeps to the same rule when it writes, should the journal change
    /// between the preview and the import.
    pub fn leave_stored(&mut self, stored: &Journal) {
        struct Ids(HashSet<Uuid>);
        impl KindVisitor for Ids {
            type Error = std::convert::Infallible;
            fn visit<R: Record>(&mut self, records: &[R]) -> Result<(), Self::Error> {
                self.0.extend(records.iter().map(|r| r.id()));
                Ok(())
            }
        }
        let mut ids = Ids(HashSet::new());
        let Ok(()) = stored.visit(&mut ids);
        let before = self.journal.dated_record_count();
        self.journal.sessions.retain(|s| !ids.0.contains(&s.id));
        self.journal.checkins.retain(|c| !ids.0.contains(&c.id));
        self.already_stored += before - self.journal.dated_record_count();
    }

    /// Keeps a check-in made from the entry at `at`, or lists it as left out
    /// when invalid; whether it was kept.
    fn keep_checkin(&mut self, checkin: CheckIn, at: &str) -> bool {
        match checkin.validate() {
            Ok(()) => {
                self.journal.checkins.push(checkin);
                true
            }
            Err(e) => {
                self.left_out.push(left_out_invalid(at, &e));
                false
            }
        }
    }

    /// Keeps a session made from the entry at `at`, or lists it as left out
    /// when invalid; whether it was kept.
    fn keep_session(&mut self, session: Session, at: &str) -> bool {
        match session.validate() {
            Ok(()) => {
                self.journal.sessions.push(session);
                true
            }
            Err(e) => {
                self.left_out.push(left_out_invalid(at, &e));
                false
            }
        }
    }

    /// Orders the records oldest first (apps often write the newest first)
    /// and lists what was not mapped.
    fn finish(mut self, unmapped: Unmapped) -> Self {
        self.journal.checkins.sort_by_key(|c| c.at);
        self.journal.sessions.sort_by_key(|s| s.started_at);
        self.not_mapped = unmapped.into_list();
        self
    }

    /// First and last local day of the records to import.
    pub fn date_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let days = self
            .journal
            .sessions
            .iter()
            .map(|s| s.started_at.local_day())
            .chain(self.journal.checkins.iter().map(|c| c.at.local_day()));
        days.fold(None, |range, day| match range {
            None => Some((day, day)),
            Some((first, last)) => Some((first.min(day), last.max(day))),
        })
    }
}

/// Shows at most this many left-out entries in a preview.
const PREVIEW_LEFT_OUT: usize = 10;

impl fmt::Display for ImportPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (sessions, checkins) = (self.journal.sessions.len(), self.journal.checkins.len());
        writeln!(f, "{} export: {} entries read.", self.app, self.entries_read)?;
        let mut kinds = Vec::new();
        if sessions > 0 {
            kinds.push(plural(sessions, "session", "sessions"));
        }
        if checkins > 0 {
            kinds.push(plural(checkins, "check-in", "check-ins"));
        }
        match self.date_range() {
            Some((first, last)) => writeln!(f, "To import: {}, from {first} to {last}.", kinds.join(" and "))?,
            None => writeln!(f, "To import: nothing.")?,
        }
        if self.already_stored > 0 {
            writeln!(
                f,
                "Already in your journal, left as {}: {}.",
                if self.already_stored == 1 { "it is" } else { "they are" },
                plural(self.already_stored, "record", "records")
            )?;
        }
        if !self.left_out.is_empty() {
            writeln!(f, "Left out ({}):", self.left_out.len())?;
            for item in self.left_out.iter().take(PREVIEW_LEFT_OUT) {
                writeln!(f, "  {}: {}", item.at, item.reason)?;
            }
            if self.left_out.len() > PREVIEW_LEFT_OUT {
                writeln!(f, "  … and {} more.", self.left_out.len() - PREVIEW_LEFT_OUT)?;
            }
        }
        if !self.not_mapped.is_empty() {
            writeln!(f, "Not imported:")?;
            for item in &self.not_mapped {
                let examples =
                    if item.examples.is_empty() { String::new() } else { format!(" ({})", item.examples.join(", ")) };
                writeln!(f, "  {} in {}{examples}: {}", item.what, plural(item.entries, "entry", "entries"), item.why)?;
            }
        }
        Ok(())
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Reads an export of `app` into a plan. Pure: no I/O, no clock.
///
/// # Errors
/// [`ImportError::WrongApp`] for another app's file (or no export at all),
/// [`ImportError::Malformed`] naming the line or field that cannot be read.
pub fn read(
    app: SourceApp,
    bytes: &[u8],
    offsets: &dyn Offsets,
    settings: &ImportSettings,
) -> Result<ImportPlan, ImportError> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(|e| {
        ImportError::at(format!("byte {}", e.valid_up_to()), "the file is not UTF-8 text; export it again from the app")
    })?;
    let mut plan = match app {
        SourceApp::Daylio => daylio::read(text, offsets, settings)?,
        SourceApp::Emoods => emoods::read(text, offsets)?,
        SourceApp::Bearable => bearable::read(text, offsets)?,
        SourceApp::PsychonautWiki => psychonautwiki::read(text, offsets)?,
    };
    // Each record was validated as it was made; this checks what spans them (unique ids).
    crate::document::validate_journal(&plan.journal)
        .map_err(|e| ImportError::at(e.path, format!("{} (two entries of the file map to one record)", e.message)))?;
    plan.not_mapped.sort_by(|a, b| a.what.cmp(&b.what));
    Ok(plan)
}

/// Which app a text looks like an export of, from its first line or shape.
fn sniff(text: &str) -> Option<SourceApp> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') {
        return trimmed.contains("\"experiences\"").then_some(SourceApp::PsychonautWiki);
    }
    let header = trimmed.lines().next().unwrap_or_default().to_ascii_lowercase();
    if header.starts_with("full_date,") || header.contains("note_title") {
        Some(SourceApp::Daylio)
    } else if header.contains("time of day") && header.contains("rating/amount") {
        Some(SourceApp::Bearable)
    } else if header.contains("depress") && header.contains("elevat") {
        Some(SourceApp::Emoods)
    } else {
        None
    }
}

/// The refusal of a file that is not `expected`'s.
fn wrong_app(expected: SourceApp, text: &str) -> ImportError {
    let first = text.trim_start().lines().next().unwrap_or_default();
    let shown: String = first.chars().take(60).collect();
    let found = if first.is_empty() {
        "the file is empty".to_owned()
    } else {
        format!("it starts with {shown:?}{}", if first.chars().count() > 60 { "…" } else { "" })
    };
    ImportError::WrongApp { expected, looks_like: sniff(text).filter(|app| *app != expected), found }
}

/// Namespace of the ids of imported records.
const ID_NAMESPACE: Uuid = Uuid::from_u128(0x5f5e_bf24_4ad7_4e8d_9776_3462_e9aa_4266);

/// The id of an imported record: UUID v5 of the app and the entry's key.
fn record_id(app: SourceApp, key: &str) -> Uuid {
    Uuid::new_v5(&ID_NAMESPACE, format!("{}\n{key}", app.key()).as_bytes())
}

/// A wall-clock time made a [`Timestamp`] with the user's offset for it.
fn local_timestamp(local: NaiveDateTime, offsets: &dyn Offsets) -> Timestamp {
    let offset = offsets.at_local(local);
    // A fixed offset maps every wall time to exactly one instant.
    let at = offset.from_local_datetime(&local).single().unwrap_or_else(|| offset.from_utc_datetime(&local));
    Timestamp::from_datetime(at)
}

/// Parses a wall-clock time as apps write it: `20:15`, `8:15 pm`, `8:15 PM`, `8:15 p.m.`.
fn parse_clock(text: &str) -> Option<NaiveTime> {
    let lower = text.trim().to_ascii_lowercase().replace('.', "");
    let (clock, meridiem) = match lower.strip_suffix("am").or_else(|| lower.strip_suffix("a")) {
        Some(rest) => (rest.trim(), Some(false)),
        None => match lower.strip_suffix("pm").or_else(|| lower.strip_suffix("p")) {
            Some(rest) => (rest.trim(), Some(true)),
            None => (lower.as_str(), None),
        },
    };
    let (h, m) = clock.split_once(':')?;
    let (mut hour, minute): (u32, u32) = (h.trim().parse().ok()?, m.trim().parse().ok()?);
    match meridiem {
        Some(pm) if (1..=12).contains(&hour) => hour = hour % 12 + if pm { 12 } else { 0 },
        Some(_) => return None,
        None => {}
    }
    NaiveTime::from_hms_opt(hour, minute, 0)
}

/// A level on a scale of `levels` steps (0-based) spread over 0–10, rounded
/// away from the middle: five levels give 0, 2, 5, 8, 10 (not 0, 3, 5, 8, 10).
fn to_ten(level: u32, levels: u32) -> u8 {
    let top = levels.saturating_sub(1).max(1);
    away_from_middle(f64::from(level.min(top)) * 10.0 / f64::from(top))
}

/// A value of 0–10 rounded to a whole number, halves away from 5.
fn away_from_middle(exact: f64) -> u8 {
    let rounded = if exact < 5.0 { (exact - 1e-9).round() } else { (exact + 1e-9).round() };
    rounded.clamp(0.0, 10.0) as u8
}

/// Counts what a file holds that is not imported, with a few example names.
#[derive(Debug, Default)]
struct Unmapped {
    items: BTreeMap<String, (usize, String, Vec<String>)>,
}

/// Shows at most this many example names per unmapped item.
const EXAMPLES: usize = 5;

impl Unmapped {
    /// Counts one entry of the file holding `what`, with the names it uses.
    fn add<'a>(&mut self, what: &str, why: &str, examples: impl IntoIterator<Item = &'a str>) {
        let entry = self.items.entry(what.to_owned()).or_insert_with(|| (0, why.to_owned(), Vec::new()));
        entry.0 += 1;
        for example in examples.into_iter().map(str::trim).filter(|e| !e.is_empty()) {
            if entry.2.len() < EXAMPLES && !entry.2.iter().any(|e| e == example) {
                entry.2.push(example.to_owned());
            }
        }
    }

    fn into_list(self) -> Vec<NotMapped> {
        self.items
            .into_iter()
            .map(|(what, (entries, why, examples))| NotMapped { what, entries, why, examples })
            .collect()
    }
}

/// Names another app files an entry under (Daylio's activities, Bearable's
/// factors) as the record's tags, within `model::validate_tags`' rules:
/// trimmed; empty ones dropped; repeats (ignoring case) folded into the
/// first; a name longer than [`MAX_TAG_CHARS`] cut at a character boundary
/// (and its end trimmed); one a tag cannot be even then (a comma, a control
/// character) not imported; past [`MAX_TAGS`] the rest not imported. What
/// was cut or not imported is counted in `unmapped`, with examples, for the
/// preview.
fn tags_from<'a>(names: impl IntoIterator<Item = &'a str>, unmapped: &mut Unmapped) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    let (mut cut, mut refused, mut past) = (Vec::new(), Vec::new(), Vec::new());
    for name in names.into_iter().map(str::trim).filter(|n| !n.is_empty()) {
        let long = name.chars().count() > MAX_TAG_CHARS;
        let tag = if long {
            name.chars().take(MAX_TAG_CHARS).collect::<String>().trim_end().to_owned()
        } else {
            name.to_owned()
        };
        if tag_problem(&tag).is_some() {
            refused.push(crate::text::printable(name).into_owned());
            continue;
        }
        if long {
            cut.push(format!("{tag}…"));
        }
        if tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            // The same tag twice in one entry is one tag.
        } else if tags.len() == MAX_TAGS {
            past.push(tag);
        } else {
            tags.push(tag);
        }
    }
    for (what, why, names) in [
        (
            "tags cut short".to_owned(),
            format!("a tag holds at most {MAX_TAG_CHARS} characters: imported cut to {MAX_TAG_CHARS}"),
            cut,
        ),
        (
            "names that cannot be tags".to_owned(),
            "a tag is one line of visible characters without a comma: not imported".to_owned(),
            refused,
        ),
        (
            format!("tags past {MAX_TAGS} on one entry"),
            format!("a record holds at most {MAX_TAGS} tags: the rest are not imported"),
            past,
        ),
    ] {
        if !names.is_empty() {
            unmapped.add(&what, &why, names.iter().map(String::as_str));
        }
    }
    tags
}

/// Records a failed validation of a built record as a left-out entry.
fn left_out_invalid(at: &str, err: &FieldError) -> LeftOut {
    LeftOut { at: at.to_owned(), reason: format!("{} {}", err.path.replace('_', " "), err.message) }
}

/// A CSV record's line number and its fields.
type Row = (u64, Vec<String>);

/// Reads a CSV text: its header (trimmed, lower-case) and each record with its line number.
fn csv_rows(text: &str) -> Result<(Vec<String>, Vec<Row>), ImportError> {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| ImportError::at("line 1", format!("cannot read the header: {e}")))?
        .iter()
        .map(|h| h.trim().trim_matches('"').to_lowercase())
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, csv::Position::line);
            let message = match e.kind() {
                csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
                    format!("has {len} fields where the header has {expected_len}")
                }
                _ => e.to_string(),
            };
            ImportError::at(format!("line {line}"), message)
        })?;
        let line = record.position().map_or(0, csv::Position::line);
        rows.push((line, record.iter().map(str::to_owned).collect()));
    }
    Ok((header, rows))
}

/// The position of a column in a header, by any of its names.
fn column(header: &[String], names: &[&str]) -> Option<usize> {
    header.iter().position(|h| names.contains(&h.as_str()))
}

/// Parses a date as the apps write it: `2026-03-01`, `1 Mar 2026`, `Mar 1, 2026`.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    ["%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%Y/%m/%d"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(text, format).ok())
}

#[cfg(test)]
mod tests;
