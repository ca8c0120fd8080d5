//! National crisis lines and emergency numbers, by country.
//!
//! The directory is `crates/core/data/crisis_lines.json`, compiled into the
//! binary. Every line carries the page its numbers were checked against and
//! the date; a line is said to answer "day and night" only when that was
//! checked ([`HelpLine::hours`] is `None`). The data file's own `about`
//! field and each line's `note` say where a number could be checked only
//! against press reports.
//!
//! - [`lookup`] finds a country by ISO 3166 alpha-2 code or English name,
//!   ignoring case; [`countries`] lists them for a picker, by English name.
//! - [`Country::crisis_line`] gives the profile's [`CrisisLine`] for a
//!   country; [`Country::crisis_line_in`] prefers a line in a language.
//! - [`guess_from_locale`] reads a locale string (`en_GB.UTF-8`, `de-AT`,
//!   `English_United Kingdom.1252`); the shell passes it, the core reads no
//!   environment.
//! - [`answers_day_and_night`] tells the alerts whether a profile's line is
//!   one the directory knows to answer at any hour.
//!
//! ```
//! use ketalog_core::crisis_lines;
//!
//! let gb = crisis_lines::lookup("gb").unwrap();
//! let line = gb.crisis_line();
//! assert_eq!((line.label.as_str(), line.phone.as_str(), line.emergency.as_str()), ("Samaritans", "116 123", "999"));
//! assert_eq!(crisis_lines::guess_from_locale("de_AT.UTF-8").unwrap().country.code, "AT");
//! assert!(crisis_lines::lookup("XX").is_err());
//! ```

use std::fmt;
use std::sync::LazyLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::CrisisLine;
use crate::time::day_serde;

/// The data file, embedded at build time.
const DATA: &str = include_str!("../data/crisis_lines.json");

/// One country: its emergency number and its crisis lines, best first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code, upper case (`GB`).
    pub code: String,
    /// The country's name in English, for a picker.
    pub name: String,
    /// What to call in an emergency (`999`, `112`), possibly with a short
    /// qualifier (`112 from a mobile, or 10177 for an ambulance`).
    pub emergency: String,
    /// Where the emergency number was checked.
    pub emergency_source: String,
    /// The crisis lines, in order of preference; never empty, and the first
    /// has a number to call.
    pub lines: Vec<HelpLine>,
}

/// One crisis line of a country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HelpLine {
    /// What the line is called (`Samaritans`).
    pub name: String,
    /// Number to call, if the line takes calls.
    pub call: Option<String>,
    /// Number (or keyword and number) to text, if the line takes texts.
    pub text: Option<String>,
    /// ISO 639-1 codes of the languages it answers in; empty when not stated.
    pub languages: Vec<String>,
    /// When it answers, if not day and night; `None` only for a line checked
    /// to answer around the clock.
    pub hours: Option<String>,
    /// The line's own website, where known.
    pub site: Option<String>,
    /// The page the numbers and hours were checked against.
    pub source: String,
    /// When they were checked.
    #[serde(with = "day_serde")]
    pub checked: NaiveDate,
    /// What the source says, and what could not be checked.
    pub note: String,
}

impl HelpLine {
    /// Whether the line was checked to answer around the clock.
    pub fn answers_day_and_night(&self) -> bool {
        self.hours.is_none()
    }

    /// The label for a profile: the name, with the hours when the line does
    /// not answer day and night (`Telefono Amico Italia, daily 10:00–24:00`).
    pub fn label(&self) -> String {
        match &self.hours {
            None => self.name.clone(),
            Some(hours) => format!("{}, {hours}", self.name),
        }
    }

    /// How to reach it, in words ("call 116 123", "text 85258"); see
    /// [`how_to_reach`].
    pub fn how_to_reach(&self) -> Option<String> {
        reach(self.call.as_deref().unwrap_or_default(), self.text.as_deref().unwrap_or_default())
    }

    fn speaks(&self, language: &str) -> bool {
        self.languages.iter().any(|l| l.eq_ignore_ascii_case(language))
    }
}

impl Country {
    /// The preferred line: the first, which always has a number to call.
    pub fn line(&self) -> &HelpLine {
        // The directory is checked non-empty when it is read.
        &self.lines[0]
    }

    /// The line for a speaker of `language` (ISO 639-1, any case): the first
    /// line with a number to call that answers in it day and night; else the
    /// preferred line if it answers day and night (a line that is always
    /// there matters more in a crisis than one in the right language); else
    /// the first line in the language; else the preferred line.
    pub fn line_in(&self, language: &str) -> &HelpLine {
        let in_language = || self.lines.iter().filter(|l| l.call.is_some() && l.speaks(language));
        let preferred = self.line();
        in_language()
            .find(|l| l.answers_day_and_night())
            .or_else(|| preferred.answers_day_and_night().then_some(preferred))
            .or_else(|| in_language().next())
            .unwrap_or(preferred)
    }

    /// The profile's crisis line for this country: the preferred line and the
    /// emergency number.
    pub fn crisis_line(&self) -> CrisisLine {
        self.to_crisis_line(self.line())
    }

    /// The profile's crisis line for a speaker of `language` (see
    /// [`Country::line_in`]).
    pub fn crisis_line_in(&self, language: &str) -> CrisisLine {
        self.to_crisis_line(self.line_in(language))
    }

    fn to_crisis_line(&self, line: &HelpLine) -> CrisisLine {
        CrisisLine {
            label: line.label(),
            phone: line.call.clone().unwrap_or_default(),
            text: line.text.clone().unwrap_or_default(),
            emergency: self.emergency.clone(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Directory {
    #[allow(dead_code)] // Documentation for people editing the file.
    about: String,
    countries: Vec<Country>,
}

static DIRECTORY: LazyLock<Vec<Country>> = LazyLock::new(|| {
    // The file is compiled in and checked by the tests below; a broken file
    // is a build defect, not an input error.
    let directory: Directory = serde_json::from_str(DATA).expect("crisis_lines.json is valid (see its tests)");
    let mut countries = directory.countries;
    assert!(
        countries.iter().all(|c| c.lines.first().is_some_and(|l| l.call.is_some())),
        "crisis_lines.json: every country's first line has a number to call"
    );
    countries.sort_by(|a, b| a.name.cmp(&b.name));
    countries
});

/// Every country in the directory, sorted by English name (for a picker).
pub fn countries() -> &'static [Country] {
    &DIRECTORY
}

/// The country with this ISO 3166-1 alpha-2 code or English name, ignoring
/// case and surrounding spaces.
pub fn country(code_or_name: &str) -> Option<&'static Country> {
    let wanted = code_or_name.trim();
    countries().iter().find(|c| c.code.eq_ignore_ascii_case(wanted) || c.name.eq_ignore_ascii_case(wanted))
}

/// Like [`country`], with an error that names the known codes.
///
/// # Errors
/// [`UnknownCountry`] when the directory has no such country.
pub fn lookup(code_or_name: &str) -> Result<&'static Country, UnknownCountry> {
    country(code_or_name).ok_or_else(|| UnknownCountry { given: code_or_name.trim().to_owned() })
}

/// A country code or name the directory does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCountry {
    /// What was asked for.
    pub given: String,
}

impl UnknownCountry {
    /// The codes the directory knows, alphabetically: `AT, AU, BE, …`.
    pub fn known_codes() -> String {
        let mut codes: Vec<&str> = countries().iter().map(|c| c.code.as_str()).collect();
        codes.sort_unstable();
        codes.join(", ")
    }
}

impl fmt::Display for UnknownCountry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no crisis line is known for {:?} (the known countries are {})", self.given, Self::known_codes())
    }
}

impl std::error::Error for UnknownCountry {}

/// What a locale string says about where the user is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocaleGuess {
    /// The country named by the locale's region.
    pub country: &'static Country,
    /// The locale's language (ISO 639), lower case, when it has one.
    pub language: Option<String>,
}

impl LocaleGuess {
    /// The crisis line for this country, in the locale's language when the
    /// country has a line in it (Belgium in French: the French line).
    pub fn crisis_line(&self) -> CrisisLine {
        match &self.language {
            Some(language) => self.country.crisis_line_in(language),
            None => self.country.crisis_line(),
        }
    }
}

/// The country (and language) a locale string names, if the directory has
/// that country.
///
/// Reads POSIX locales (`en_GB.UTF-8`, `de_AT@euro`), BCP 47 tags (`de-AT`,
/// `zh-Hant-TW`) and Windows names (`English_United Kingdom.1252`). A locale
/// without a region (`en`, `C`, `POSIX`) or with a numeric one (`es-419`)
/// names no country.
pub fn guess_from_locale(locale: &str) -> Option<LocaleGuess> {
    // The encoding (`.UTF-8`) and modifier (`@euro`) say nothing about place.
    let core = locale.trim().split(['.', '@']).next().unwrap_or_default();
    let mut parts = core.split(['_', '-']).filter(|p| !p.is_empty());
    let first = parts.next()?;
    let language = (first.len() <= 3 && first.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| first.to_ascii_lowercase())
        .filter(|l| l.len() >= 2);
    for part in parts {
        let is_code = part.len() == 2 && part.chars().all(|c| c.is_ascii_alphabetic());
        let is_name = part.chars().count() > 3 && part.chars().all(|c| c.is_alphabetic() || c == ' ');
        if is_code || (is_name && language.is_none()) {
            // A two-letter region, or a Windows country name.
            return country(part).map(|country| LocaleGuess { country, language });
        }
        // Otherwise a script (`Hant`), a variant, or a numeric region: read on.
    }
    None
}

/// How to reach a crisis line, in words: "call or text 988", "call 116 123",
/// "call 13 11 14 or text 0477 13 11 14", "text 85258"; `None` when it has no
/// number.
pub fn how_to_reach(line: &CrisisLine) -> Option<String> {
    reach(&line.phone, &line.text)
}

fn reach(phone: &str, text: &str) -> Option<String> {
    let (phone, text) = (phone.trim(), text.trim());
    match (phone.is_empty(), text.is_empty()) {
        (false, false) if phone == text => Some(format!("call or text {phone}")),
        (false, false) => Some(format!("call {phone} or text {text}")),
        (false, true) => Some(format!("call {phone}")),
        (true, false) => Some(format!("text {text}")),
        (true, true) => None,
    }
}

/// Whether `line` is a line the directory knows to answer day and night:
/// the same name and number to call as such a line (spaces and dashes in
/// the number ignored). A line the user typed is not assumed to.
pub fn answers_day_and_night(line: &CrisisLine) -> bool {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let phone = digits(&line.phone);
    let label = line.label.trim();
    !phone.is_empty()
        && countries().iter().flat_map(|c| &c.lines).any(|l| {
            l.answers_day_and_night()
                && l.name.eq_ignore_ascii_case(label)
                && l.call.as_deref().is_some_and(|call| digits(call) == phone)
        })
}

#[cfg(test)]
mod tests;
