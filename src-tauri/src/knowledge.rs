//! What the core knows that the UI shows beside the journal, in shapes
//! that cross IPC: the crisis-line directory for the country picker, the
//! co-medication names for the session form, the patient guides' facts,
//! and the preview of an import from another app. The wording is the
//! core's; this module only arranges it.

use ketalog_core::guides::{self, Place};
use ketalog_core::imports::{DaylioLevel, ImportError, ImportPlan, SourceApp};
use ketalog_core::model::{CrisisLine, Medication, Route};
use ketalog_core::record::{KindCount, RecordCounts};
use ketalog_core::{co_medications, crisis_lines};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CommandError, ErrorCode};

/// One country of the crisis-line directory, as the picker offers it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CountryLine {
    /// ISO 3166-1 alpha-2 code (`GB`).
    pub code: String,
    /// The country's name in English.
    pub name: String,
    /// What choosing it puts in the profile (still editable there).
    pub crisis_line: CrisisLine,
    /// How to reach the line, in words ("call 116 123"), if it has a number.
    pub how_to_reach: Option<String>,
    /// The page the line's numbers were checked against.
    pub source: String,
    /// When they were checked (YYYY-MM-DD).
    pub checked: String,
}

/// The directory for the picker, and the country the system locale names.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CrisisDirectory {
    /// Every country, by English name.
    pub countries: Vec<CountryLine>,
    /// The code of the country the locale names, when the directory has it.
    pub suggested: Option<String>,
    /// What to do when the user's country is not in the list, in words.
    pub unknown_country: String,
}

/// The language of a locale string (`de` of `de-AT`, `en_GB.UTF-8`), when it
/// starts with one.
fn language_of(locale: &str) -> Option<String> {
    let first = locale.trim().split(['-', '_', '.', '@']).next()?;
    ((2..=3).contains(&first.len()) && first.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| first.to_ascii_lowercase())
}

/// The directory, each country's line chosen for the locale's language (a
/// French-speaking user in Belgium gets the French line), and the country
/// the locale names.
pub fn crisis_directory(locale: &str) -> CrisisDirectory {
    let language = language_of(locale);
    let countries = crisis_lines::countries()
        .iter()
        .map(|country| {
            let line = match &language {
                Some(language) => country.line_in(language),
                None => country.line(),
            };
            let crisis_line = match &language {
                Some(language) => country.crisis_line_in(language),
                None => country.crisis_line(),
            };
            CountryLine {
                code: country.code.clone(),
                name: country.name.clone(),
                how_to_reach: crisis_lines::how_to_reach(&crisis_line),
                crisis_line,
                source: line.source.clone(),
                checked: line.checked.to_string(),
            }
        })
        .collect();
    CrisisDirectory {
        countries,
        suggested: crisis_lines::guess_from_locale(locale).map(|guess| guess.country.code.clone()),
        unknown_country: "Your country is not in the list: keep the line below, or type your local crisis line's \
                          name, number and emergency number yourself."
            .to_owned(),
    }
}

/// A co-medication name the session form suggests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CoMedicationName {
    /// The name, as the list writes it ("Xanax").
    pub name: String,
    /// What it is ("a benzodiazepine").
    pub what: String,
}

/// Every listed name, alphabetically (case ignored), each once.
pub fn co_medication_names() -> Vec<CoMedicationName> {
    let mut names: Vec<CoMedicationName> = co_medications::groups()
        .iter()
        .flat_map(|group| {
            group.names.iter().map(|name| CoMedicationName { name: name.clone(), what: group.what.clone() })
        })
        .collect();
    names.sort_by_key(|n| n.name.to_lowercase());
    names.dedup_by(|a, b| a.name.eq_ignore_ascii_case(&b.name));
    names
}

/// One of the patient guides' facts, ready to show.
#[derive(Debug, Clone, Serialize, TS)]
pub struct GuideFact {
    /// Stable id (`bladder.break`).
    pub id: String,
    /// Where it is shown.
    pub place: Place,
    /// The sentence(s), numbers filled in.
    pub text: String,
    /// Where it comes from.
    pub source: String,
    /// When it was checked against the source (YYYY-MM-DD).
    pub checked: String,
}

/// Which fact belongs next to a medication and route.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RouteFact {
    /// The session's medication.
    pub medication: Medication,
    /// The session's route.
    pub route: Route,
    /// The id of the fact to show.
    pub fact: String,
}

/// The guides' facts, and which route fact goes with each medication and
/// route (chosen by the core, so the UI never matches routes itself).
#[derive(Debug, Clone, Serialize, TS)]
pub struct Guides {
    /// Every fact, in the guides' order.
    pub facts: Vec<GuideFact>,
    /// The route fact for each medication and route that has one.
    pub routes: Vec<RouteFact>,
}

/// Every fact, and the route table.
pub fn guides() -> Guides {
    let facts = guides::facts()
        .iter()
        .map(|f| GuideFact {
            id: f.id.clone(),
            place: f.place,
            text: f.text.clone(),
            source: f.source.clone(),
            checked: f.checked.to_string(),
        })
        .collect();
    let medications = [Medication::RacemicKetamine, Medication::Esketamine, Medication::Other];
    let all_routes =
        [Route::Iv, Route::Im, Route::Intranasal, Route::Sublingual, Route::Oral, Route::Rectal, Route::Other];
    let routes = medications
        .into_iter()
        .flat_map(|medication| all_routes.into_iter().map(move |route| (medication, route)))
        .filter_map(|(medication, route)| {
            guides::for_route(medication, route).map(|f| RouteFact { medication, route, fact: f.id.clone() })
        })
        .collect();
    Guides { facts, routes }
}

/// The apps the app imports from, as the UI names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportApp {
    /// Daylio (CSV).
    Daylio,
    /// eMoods (CSV).
    Emoods,
    /// Bearable (CSV).
    Bearable,
    /// PsychonautWiki Journal (JSON).
    Psychonautwiki,
}

impl ImportApp {
    /// Every app, in the order offered.
    pub const ALL: [Self; 4] = [Self::Daylio, Self::Emoods, Self::Bearable, Self::Psychonautwiki];

    /// The core's name for it.
    pub fn source(self) -> SourceApp {
        match self {
            Self::Daylio => SourceApp::Daylio,
            Self::Emoods => SourceApp::Emoods,
            Self::Bearable => SourceApp::Bearable,
            Self::Psychonautwiki => SourceApp::PsychonautWiki,
        }
    }

    fn of(source: SourceApp) -> Self {
        Self::ALL.into_iter().find(|app| app.source() == source).unwrap_or(Self::Daylio)
    }

    /// The file dialog's filter: what the app's export is.
    pub fn filter(self) -> crate::files::Filter<'static> {
        const JSON: &[&str] = &["json"];
        const CSV: &[&str] = &["csv"];
        match self {
            Self::Psychonautwiki => ("JSON", JSON),
            Self::Daylio | Self::Emoods | Self::Bearable => ("CSV", CSV),
        }
    }
}

/// An app to import from, with its name.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportSource {
    /// Which app.
    pub app: ImportApp,
    /// Its name as people write it ("PsychonautWiki Journal").
    pub name: String,
    /// What file to choose, in words.
    pub file: String,
}

/// The apps, with their names and files.
pub fn import_sources() -> Vec<ImportSource> {
    ImportApp::ALL
        .into_iter()
        .map(|app| {
            let (kind, _) = app.filter();
            ImportSource {
                app,
                name: app.source().name().to_owned(),
                file: format!("the {kind} file {} exports", app.source().name()),
            }
        })
        .collect()
}

/// An entry of the file left out, and why.
#[derive(Debug, Clone, Serialize, TS)]
pub struct LeftOutEntry {
    /// Where it is in the file (`line 7`).
    pub at: String,
    /// Why, in words.
    pub reason: String,
}

/// Something the file holds that is not imported, counted.
#[derive(Debug, Clone, Serialize, TS)]
pub struct NotMappedEntry {
    /// What it is ("activities").
    pub what: String,
    /// In how many entries of the file.
    pub entries: u32,
    /// Why it is not imported.
    pub why: String,
    /// A few examples.
    pub examples: Vec<String>,
}

/// What an import from another app would add, before anything is written.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportPreview {
    /// The file it came from.
    pub path: String,
    /// The app.
    pub app: ImportApp,
    /// Entries (rows, ingestions) read from the file.
    pub entries_read: u32,
    /// Records to import, by kind, with their words.
    pub counts: Vec<KindCount>,
    /// The first local day with a record (YYYY-MM-DD), if any.
    pub first_day: Option<String>,
    /// The last local day with a record, if any.
    pub last_day: Option<String>,
    /// Entries left out, with the reason.
    pub left_out: Vec<LeftOutEntry>,
    /// What the file holds that is not imported.
    pub not_mapped: Vec<NotMappedEntry>,
    /// Daylio mood names whose level is not known: the user may give each
    /// its level and preview again.
    pub unknown_moods: Vec<String>,
    /// Records of the file the journal already holds: left as they are.
    pub already_in_journal: u32,
    /// The levels the user may give a Daylio mood named in their own words,
    /// lowest first (empty for the other apps).
    pub daylio_levels: Vec<DaylioChoice>,
}

/// A Daylio level to choose for a mood the file names in the user's words.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DaylioChoice {
    /// 1 (awful) to 5 (rad): what `preview_import_again` takes.
    pub level: u8,
    /// "1 · awful (mood 0 of 10)".
    pub label: String,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl ImportPreview {
    /// The preview of `plan`, read from `path`.
    pub fn of(plan: &ImportPlan, path: &std::path::Path) -> Self {
        let range = plan.date_range();
        Self {
            path: path.display().to_string(),
            app: ImportApp::of(plan.app),
            entries_read: count(plan.entries_read),
            counts: RecordCounts::of(&plan.journal).entries(),
            first_day: range.map(|(first, _)| first.to_string()),
            last_day: range.map(|(_, last)| last.to_string()),
            left_out: plan
                .left_out
                .iter()
                .map(|l| LeftOutEntry { at: l.at.clone(), reason: l.reason.clone() })
                .collect(),
            not_mapped: plan
                .not_mapped
                .iter()
                .map(|n| NotMappedEntry {
                    what: n.what.clone(),
                    entries: count(n.entries),
                    why: n.why.clone(),
                    examples: n.examples.clone(),
                })
                .collect(),
            unknown_moods: plan.unknown_moods.clone(),
            already_in_journal: count(plan.already_stored),
            daylio_levels: if plan.app == SourceApp::Daylio {
                DaylioLevel::ALL
                    .into_iter()
                    .map(|l| DaylioChoice {
                        level: l.number(),
                        label: format!("{} · {} (mood {} of 10)", l.number(), l.name(), l.mood()),
                    })
                    .collect()
            } else {
                Vec::new()
            },
        }
    }
}

/// A refused file, in the app's words: another app's file names the app to
/// choose instead (the core's message names the command's option).
pub fn import_refused(error: &ImportError) -> CommandError {
    let message = match error {
        ImportError::WrongApp { expected, looks_like: Some(other), .. } => {
            format!(
                "This is not {}; it looks like {}: choose {other} and try again.",
                expected.an_export(),
                other.an_export()
            )
        }
        other => format!("{}.", ketalog_core::error::sentence(&other.to_string())),
    };
    CommandError::new(ErrorCode::Invalid, format!("{message} Nothing was imported."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_file_is_said_in_sentences() {
        let refused = |app: SourceApp, text: &str| {
            let settings = ketalog_core::imports::ImportSettings::default();
            let error =
                ketalog_core::imports::read(app, text.as_bytes(), &ketalog_core::imports::Zone(chrono::Utc), &settings)
                    .unwrap_err();
            import_refused(&error).message
        };
        assert_eq!(
            refused(SourceApp::Daylio, ""),
            "This is not a Daylio export (the file is empty). Nothing was imported."
        );
        let wrong = refused(SourceApp::Daylio, include_str!("../../tests/data/imports/emoods.csv"));
        assert!(wrong.starts_with("This is not a Daylio export; it looks like an eMoods export"), "{wrong}");
        assert!(!wrong.contains("--from"), "the app names no command option: {wrong}");
        let bad_time = "full_date,date,weekday,time,mood,activities,note_title,note\n2026-03-01,x,y,25:99,rad,,,\n";
        assert_eq!(
            refused(SourceApp::Daylio, bad_time),
            "Line 2, time: expected a time like 20:15 or 8:15 pm, got \"25:99\". Nothing was imported."
        );
    }

    #[test]
    fn the_locale_picks_the_country_and_the_language_its_line() {
        let directory = crisis_directory("fr-BE");
        assert_eq!(directory.suggested.as_deref(), Some("BE"));
        let belgium = directory.countries.iter().find(|c| c.code == "BE").unwrap();
        assert_eq!(belgium.crisis_line, crisis_lines::lookup("BE").unwrap().crisis_line_in("fr"));
        assert!(crisis_directory("en").suggested.is_none(), "no region, no guess");
        assert_eq!(crisis_directory("").countries.len(), crisis_lines::countries().len());
    }

    #[test]
    fn every_route_with_an_estimate_has_its_fact() {
        let guides = guides();
        let oral = guides
            .routes
            .iter()
            .find(|r| r.medication == Medication::RacemicKetamine && r.route == Route::Oral)
            .expect("oral ketamine has a fact");
        assert!(guides.facts.iter().any(|f| f.id == oral.fact && f.place == Place::Route));
        assert!(guides.routes.iter().all(|r| r.route != Route::Other && r.medication != Medication::Other));
    }

    #[test]
    fn names_are_offered_once_each() {
        let names = co_medication_names();
        assert!(names.iter().any(|n| n.name == "Xanax" && n.what.contains("benzodiazepine")));
        let mut lower: Vec<String> = names.iter().map(|n| n.name.to_lowercase()).collect();
        lower.dedup();
        assert_eq!(lower.len(), names.len());
    }
}
