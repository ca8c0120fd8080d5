//! Daylio's CSV export: `full_date,date,weekday,time,mood,activities,note_title,note`,
//! one row per entry, newest first.
//!
//! - `full_date` is always `YYYY-MM-DD`; `date` and `weekday` are written in
//!   the phone's language and are not read; `time` is `20:15` or `8:15 pm`.
//! - Each entry becomes a check-in at that local time.
//! - **Mood**: Daylio's five levels, awful … rad, become 0, 2, 5, 8, 10 on
//!   Ketalog's 0–10 scale ((level − 1) × 2.5, rounded away from the middle).
//!   The CSV names the mood, not its level, so only Daylio's English default
//!   names (awful, bad, meh, good, rad) are known; a renamed or translated
//!   mood needs its level from the user ([`ImportSettings::map_daylio_mood`];
//!   the command's `--mood "Refreshed=4"`, the app's table in its preview).
//!   An entry whose mood is not known is still imported, without a mood, and
//!   the plan lists the names to map ([`ImportPlan::unknown_moods`]).
//! - `note_title` and `note` become the check-in's private notes.
//! - **Activities** (`walk | friends`) become the check-in's tags.
//! - Id: the app, `full_date` and `time`, and the entry's place among
//!   entries of that same minute.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use super::{
    ImportError, ImportPlan, ImportSettings, Offsets, SourceApp, Unmapped, csv_rows, local_timestamp, parse_clock,
    record_id, tags_from, to_ten, wrong_app,
};
use crate::model::CheckIn;

const HEADER: [&str; 8] = ["full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note"];

/// One of Daylio's five mood levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DaylioLevel {
    /// 1, "awful".
    Awful,
    /// 2, "bad".
    Bad,
    /// 3, "meh".
    Meh,
    /// 4, "good".
    Good,
    /// 5, "rad".
    Rad,
}

impl DaylioLevel {
    /// The five levels, awful first.
    pub const ALL: [Self; 5] = [Self::Awful, Self::Bad, Self::Meh, Self::Good, Self::Rad];

    /// Daylio's English default name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Awful => "awful",
            Self::Bad => "bad",
            Self::Meh => "meh",
            Self::Good => "good",
            Self::Rad => "rad",
        }
    }

    /// 1 (awful) to 5 (rad).
    pub fn number(self) -> u8 {
        self as u8 + 1
    }

    /// The level numbered `number` (1 awful … 5 rad).
    ///
    /// # Errors
    /// A sentence when `number` is not 1 to 5.
    pub fn from_number(number: u8) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|l| l.number() == number)
            .ok_or_else(|| format!("{number} is not a Daylio level: use 1 (awful) to 5 (rad)"))
    }

    /// On Ketalog's 0–10 mood scale: 0, 2, 5, 8, 10.
    pub fn mood(self) -> u8 {
        to_ten(u32::from(self.number() - 1), 5)
    }
}

impl fmt::Display for DaylioLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.number(), self.name())
    }
}

impl FromStr for DaylioLevel {
    type Err = String;

    /// `1`–`5` or a default name (`rad`).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        Self::ALL
            .into_iter()
            .find(|l| text == l.number().to_string() || text.eq_ignore_ascii_case(l.name()))
            .ok_or_else(|| format!("{text:?} is not a Daylio level: use 1 (awful) to 5 (rad)"))
    }
}

/// Parses `NAME=LEVEL` (`Refreshed=4`, `super=rad`) for the mood mapping.
///
/// # Errors
/// A sentence saying what is wrong with the pair.
pub fn parse_mood_mapping(text: &str) -> Result<(String, DaylioLevel), String> {
    let (name, level) =
        text.rsplit_once('=').ok_or_else(|| format!("expected NAME=LEVEL like \"Refreshed=4\", got {text:?}"))?;
    if name.trim().is_empty() {
        return Err(format!("the mood name is empty in {text:?}"));
    }
    Ok((mood_key(name), level.parse()?))
}

/// How a mood name is compared: trimmed, without regard to case.
pub(super) fn mood_key(name: &str) -> String {
    name.trim().to_lowercase()
}

pub(super) fn read(text: &str, offsets: &dyn Offsets, settings: &ImportSettings) -> Result<ImportPlan, ImportError> {
    let (header, rows) = csv_rows(text).map_err(|e| match e {
        ImportError::Malformed { .. } if !text.trim_start().starts_with("full_date") => {
            wrong_app(SourceApp::Daylio, text)
        }
        other => other,
    })?;
    if header != HEADER {
        return Err(wrong_app(SourceApp::Daylio, text));
    }
    let known = |name: &str| -> Option<DaylioLevel> {
        let name = mood_key(name);
        settings.daylio_moods.get(&name).copied().or_else(|| DaylioLevel::ALL.into_iter().find(|l| l.name() == name))
    };
    let mut unknown_moods: Vec<String> = Vec::new();
    let mut plan = ImportPlan::new(SourceApp::Daylio, rows.len());
    let mut unmapped = Unmapped::default();
    let mut same_minute: HashMap<(String, String), usize> = HashMap::new();
    for (line, row) in rows {
        let [full_date, _, _, time, mood, activities, title, note] = &row[..] else {
            return Err(ImportError::at(format!("line {line}"), "does not have Daylio's 8 fields"));
        };
        let day = crate::time::parse_day(full_date.trim())
            .map_err(|e| ImportError::at(format!("line {line}, full_date"), e))?;
        let clock = parse_clock(time).ok_or_else(|| {
            ImportError::at(
                format!("line {line}, time"),
                format!("expected a time like 20:15 or 8:15 pm, got {time:?}"),
            )
        })?;
        let occurrence = same_minute.entry((full_date.trim().to_owned(), time.trim().to_owned())).or_default();
        let key = format!("{} {}\n{occurrence}", full_date.trim(), time.trim());
        *occurrence += 1;

        let level = known(mood);
        if level.is_none() && !mood.trim().is_empty() {
            unmapped.add(&format!("mood {:?}", mood.trim()), UNKNOWN_MOOD, []);
            if !unknown_moods.iter().any(|m| mood_key(m) == mood_key(mood)) {
                unknown_moods.push(mood.trim().to_owned());
            }
        }
        let tags = tags_from(activities.split('|'), &mut unmapped);
        let notes = [title.trim(), note.trim()].into_iter().filter(|t| !t.is_empty()).collect::<Vec<_>>().join("\n\n");
        let checkin = CheckIn {
            mood: level.map(DaylioLevel::mood),
            tags,
            notes,
            ..CheckIn::new(record_id(SourceApp::Daylio, &key), local_timestamp(day.and_time(clock), offsets))
        };
        plan.keep_checkin(checkin, &format!("line {line}"));
    }
    let mut plan = plan.finish(unmapped);
    plan.unknown_moods = unknown_moods;
    Ok(plan)
}

/// Why a renamed mood has no level: said the same to every shell, each of
/// which then says how to give the level.
const UNKNOWN_MOOD: &str = "not one of Daylio's default names (awful, bad, meh, good, rad), so its level (1 awful … 5 rad) is not known; imported without a mood";
