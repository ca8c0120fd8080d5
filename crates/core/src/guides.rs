//! The patient guides' facts, short, sourced and dated, for the places they
//! matter: next to the route of a session (how much of a dose reaches the
//! bloodstream), after a session (half-life, driving), in the bladder diary
//! (early warning signs, when a break is suggested, recovery), and on
//! Spravato sessions (blood pressure, observation). One screen, "About
//! ketamine treatment", lists them all with their sources ([`facts`]).
//!
//! The facts are `crates/core/data/guides.json`, compiled into the binary.
//! Numbers Ketalog already holds are not repeated there: a fact's text names
//! them as placeholders, filled in here from their one home, the route's
//! estimate from [`crate::instruments::bioavailability`] and the thresholds
//! of [`crate::rules::thresholds`].
//!
//! Wording follows the rules' wording rules (RULES.md): a fact states what
//! is known and never diagnoses; a fact that gives advice ends by pointing
//! to the clinician.
//!
//! ```
//! use ketalog_core::guides::{self, Place};
//! use ketalog_core::model::{Medication, Route};
//!
//! let oral = guides::for_route(Medication::RacemicKetamine, Route::Oral).unwrap();
//! assert!(oral.text.contains("about 17%"));
//! assert!(guides::at(Place::Bladder).count() >= 3);
//! ```

use std::sync::LazyLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::instruments;
use crate::model::{Medication, Route};
use crate::rules::thresholds;
use crate::time::day_serde;

/// The data file, embedded at build time.
const DATA: &str = include_str!("../data/guides.json");

/// Where a fact is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// Next to a session's route.
    Route,
    /// After a session has been saved.
    AfterSession,
    /// In the bladder diary and its alerts.
    Bladder,
    /// On esketamine (Spravato) sessions.
    Spravato,
}

/// The route (and, where it differs, the medication) a route fact is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteOf {
    /// The medication, or `None` for any ketamine (racemic or esketamine)
    /// by this route.
    pub medication: Option<Medication>,
    /// The route.
    pub route: Route,
}

/// One fact, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    /// Stable id (`bladder.break`).
    pub id: String,
    /// Where it is shown.
    pub place: Place,
    /// For a route fact, the route it is about.
    pub route: Option<RouteOf>,
    /// The published range, in percent, that the text quotes, if any.
    pub range: Option<(u8, u8)>,
    /// Whether it gives advice (and so ends by pointing to the clinician).
    pub advice: bool,
    /// The text, with its numbers filled in.
    pub text: String,
    /// Where it comes from.
    pub source: String,
    /// When it was checked against the source.
    pub checked: NaiveDate,
}

/// A fact as the data file holds it: the text is a template.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFact {
    id: String,
    place: Place,
    route: Option<RouteOf>,
    range: Option<(u8, u8)>,
    advice: bool,
    text: String,
    source: String,
    #[serde(with = "day_serde")]
    checked: NaiveDate,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Guides {
    #[allow(dead_code)] // Documentation for people editing the file.
    about: String,
    facts: Vec<RawFact>,
}

static FACTS: LazyLock<Vec<Fact>> = LazyLock::new(|| {
    // The file is compiled in and checked by the tests; a broken file is a
    // build defect, not an input error.
    let guides: Guides = serde_json::from_str(DATA).expect("guides.json is valid (see its tests)");
    guides.facts.into_iter().map(|raw| fill(raw).unwrap_or_else(|e| panic!("guides.json: {e}"))).collect()
});

/// "45%" for 0.45.
fn percent(fraction: f64) -> String {
    format!("{:.0}%", fraction * 100.0)
}

/// The route a route fact's estimate is read for: its medication, or
/// racemic ketamine for "any ketamine".
fn estimate_for(route: RouteOf) -> Option<f64> {
    let medication = route.medication.unwrap_or(Medication::RacemicKetamine);
    instruments::bioavailability(medication, route.route).map(|b| b.fraction)
}

/// The fact with its placeholders filled in; an error names an unknown or
/// unfillable placeholder.
fn fill(raw: RawFact) -> Result<Fact, String> {
    let mut text = raw.text;
    if text.contains("{estimate}") {
        let estimate =
            raw.route.and_then(estimate_for).ok_or_else(|| format!("{}: no estimate for its route", raw.id))?;
        text = text.replace("{estimate}", &percent(estimate));
    }
    if text.contains("{range}") {
        let (lo, hi) = raw.range.ok_or_else(|| format!("{}: {{range}} without a range", raw.id))?;
        text = text.replace("{range}", &format!("{lo}% to {hi}%"));
    }
    let daily = format!("{:.0} mg", thresholds::DAILY_DOSE_ABOVE_MG);
    text =
        text.replace("{daily_dose_mg}", &daily).replace("{driving_hours}", &thresholds::DRIVING_WAIT_HOURS.to_string());
    if let Some(start) = text.find('{') {
        return Err(format!("{}: unknown placeholder at {:?}", raw.id, &text[start..]));
    }
    Ok(Fact {
        id: raw.id,
        place: raw.place,
        route: raw.route,
        range: raw.range,
        advice: raw.advice,
        text,
        source: raw.source,
        checked: raw.checked,
    })
}

/// Every fact, in the file's order (for the "About ketamine treatment"
/// screen).
pub fn facts() -> &'static [Fact] {
    &FACTS
}

/// The facts shown at `place`, in the file's order.
pub fn at(place: Place) -> impl Iterator<Item = &'static Fact> {
    facts().iter().filter(move |f| f.place == place)
}

/// The fact with this id.
pub fn by_id(id: &str) -> Option<&'static Fact> {
    facts().iter().find(|f| f.id == id)
}

/// The route fact for a session's medication and route: the one for that
/// medication if there is one, else the one for any ketamine by that route.
/// `None` for the "other" medication or route, which have no estimate.
pub fn for_route(medication: Medication, route: Route) -> Option<&'static Fact> {
    instruments::bioavailability(medication, route)?;
    let of = |m: Option<Medication>| at(Place::Route).find(|f| f.route == Some(RouteOf { medication: m, route }));
    of(Some(medication)).or_else(|| of(None))
}

#[cfg(test)]
mod tests;
