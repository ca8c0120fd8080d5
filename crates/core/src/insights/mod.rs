//! Session effects: what followed each session day in the daily check-ins,
//! and for how long. INSIGHTS.md gives the definitions with a worked
//! example; this module implements exactly those.
//!
//! - Sessions on the same local day form one *session day* d. A day's value
//!   of a measure is the mean of that day's check-ins ([`DailySeries`]).
//! - *Before* is the mean of the daily values on d−3, d−2, d−1 and *after*
//!   the mean on d+1, d+2, d+3, each only when at least 2 of the 3 days have
//!   a value. *Change* is after − before, turned so that positive always
//!   means better (before − after for anxiety).
//! - *Held for* (only when the change is positive): the first k ≥ 3 whose
//!   3-day mean r(k) over d+k−2 … d+k (at least 2 values, else k is skipped)
//!   is back at or below before (for anxiety: at or above). The days looked
//!   at stop the day before the next session day and at the end of the data
//!   (the measure's last day with a value, or the as-of day if earlier);
//!   reaching that limit first, the effect is *censored*: "held at least N
//!   days", N the days observed after d, never a guess.
//! - Summaries by route, medication and dose band: the median change with
//!   its quartiles, the median held-for over the uncensored session days and
//!   the number censored. Fewer than [`MIN_SESSION_DAYS`] values: no figure.
//!
//! Everything is a pure function of the journal and the moment `as_of`:
//! nothing recorded after `as_of` counts, and the clock is never read.
//! Results describe what followed sessions, an association, never a cause.
//!
//! ```
//! use ketalog_core::insights::{self, Measure};
//! use ketalog_core::model::{CheckIn, Medication, Route, Session};
//! use ketalog_core::{Journal, Timestamp};
//! use uuid::Uuid;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let at = |day: u32, time: &str| Timestamp::parse(&format!("2026-03-{day:02}T{time}:00-05:00"));
//! let mut journal = Journal::default();
//! journal.sessions.push(Session::new(Uuid::new_v4(), at(4, "10:00")?, Medication::RacemicKetamine, Route::Iv, 35.0));
//! // Mood 4 on the three days before, 7 on the three days after, then back down.
//! for (day, mood) in [(1, 4), (2, 4), (3, 4), (5, 7), (6, 7), (7, 7), (8, 5), (9, 4), (10, 4), (11, 4)] {
//!     journal.checkins.push(CheckIn { mood: Some(mood), ..CheckIn::new(Uuid::new_v4(), at(day, "20:00")?) });
//! }
//! let found = insights::session_effects(&journal, at(31, "12:00")?, None);
//! let mood = found.session_days[0].effect(Measure::Mood);
//! assert_eq!((mood.before, mood.after, mood.change), (Some(4.0), Some(7.0), Some(3.0)));
//! // 9–11 March average 4, back at the level before: the gain held for 7 days.
//! assert_eq!(mood.held_days(), Some(7));
//! # Ok(())
//! # }
//! ```

mod aligned;
mod association;
mod compare;
mod daily;
mod summary;
mod tags;
mod wording;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use uuid::Uuid;

use crate::charts::DateRange;
use crate::model::{Journal, Medication, Route, Session};
use crate::time::Timestamp;

pub use aligned::{ALIGNED_FIRST_OFFSET, ALIGNED_LAST_OFFSET, Aligned, AlignedSeries, aligned};
pub use association::{Association, Lag, MIN_PAIRED_DAYS, paired_days, rank_correlation, spearman};
pub use compare::{Comparison, Series, compare};
pub use daily::{DailySeries, Measure};
pub use summary::{Group, GroupSummary, Spread, Summary, quantile};
pub use tags::{MIN_TAG_DAYS, TagMood, mood_by_tag};
pub use wording::{ASSOCIATION_NOTE, group_label, held_text, summary_sentence, telling_groups};

/// Days in the before window, the after window and each held-for window.
pub const WINDOW_DAYS: u64 = 3;
/// Fewest days with a value for a window's mean: 2 of the 3.
pub const WINDOW_MIN_VALUES: usize = 2;
/// Fewest values a median or quartile is given for; below it, "not enough
/// data" and no number.
pub const MIN_SESSION_DAYS: usize = 3;
/// The first k at which the held-for window is looked at: the window
/// d+1 … d+3, the after window itself.
const FIRST_HELD_K: u64 = WINDOW_DAYS;
/// Differences this small are equalities: the means are of whole numbers or
/// quarter hours, and floating-point rounding must not turn "back at the
/// level before" into "still a little above it".
const TOLERANCE: f64 = 1e-9;

/// Why the days looked at for held-for stopped before the gain ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Censor {
    /// The next session day came: what follows is no longer this session's alone.
    NextSession,
    /// The data ended: the measure's last day with a value, or the as-of day.
    EndOfData,
}

/// How long a gain held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Held {
    /// The first k at which the 3-day mean was back at the level before.
    Days(u32),
    /// Still holding on every day observed: `at_least` days after the
    /// session day were observed before `by` stopped the count.
    AtLeast {
        /// Days observed after the session day.
        at_least: u32,
        /// What stopped the count.
        by: Censor,
    },
}

/// One measure around one session day. All values in the measure's unit
/// (points, or hours of sleep).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Effect {
    /// Mean of d−3 … d−1, when 2 of the 3 days have a value.
    pub before: Option<f64>,
    /// Mean of d+1 … d+3, when 2 of the 3 days have a value.
    pub after: Option<f64>,
    /// After − before, positive meaning better (before − after for
    /// anxiety); present when both are.
    pub change: Option<f64>,
    /// How long the gain held; present exactly when the change is positive.
    pub held: Option<Held>,
}

impl Effect {
    /// Days until the gain ended, when it ended within the days observed.
    pub fn held_days(&self) -> Option<u32> {
        match self.held {
            Some(Held::Days(days)) => Some(days),
            _ => None,
        }
    }

    /// Days observed with the gain still holding, when censored.
    pub fn held_at_least(&self) -> Option<u32> {
        match self.held {
            Some(Held::AtLeast { at_least, .. }) => Some(at_least),
            _ => None,
        }
    }
}

/// The sessions of one local day and what followed them.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionDay {
    /// The local day of the sessions ([`Timestamp::local_day`]).
    pub day: NaiveDate,
    /// The sessions of that day, earliest first.
    pub session_ids: Vec<Uuid>,
    /// The routes of those sessions, each once, earliest first.
    pub routes: Vec<Route>,
    /// The medications of those sessions, each once, earliest first.
    pub medications: Vec<Medication>,
    /// The day's dose in mg/kg (the sum over its sessions, each with its own
    /// weight, else the profile's); `None` when a session has no weight.
    pub mg_per_kg: Option<f64>,
    /// The day's estimated bioavailable mg (the sum over its sessions);
    /// `None` when a session's route or medication has no estimate.
    pub bioavailable_mg: Option<f64>,
    /// The next session day, if one came by the as-of day (whatever period
    /// was asked for).
    pub next_session_day: Option<NaiveDate>,
    /// One per measure, in the order of [`Measure::ALL`].
    effects: [Effect; 3],
}

impl SessionDay {
    /// The effect on `measure`.
    pub fn effect(&self, measure: Measure) -> &Effect {
        &self.effects[measure as usize]
    }
}

/// The session effects of a journal as of a moment.
#[derive(Debug, Clone, PartialEq)]
pub struct Insights {
    /// The moment they were computed for.
    pub as_of: Timestamp,
    /// Every session day of the period, oldest first.
    pub session_days: Vec<SessionDay>,
    /// Summaries by route (in the order of [`Route`]'s variants).
    pub by_route: Vec<GroupSummary>,
    /// Summaries by medication.
    pub by_medication: Vec<GroupSummary>,
    /// Summaries by dose: mg/kg bands of 0.1, then bioavailable-mg bands of 25.
    pub by_dose: Vec<GroupSummary>,
    /// The mood on days with each tag and on the other days ([`mood_by_tag`]).
    pub by_tag: Vec<TagMood>,
}

/// The sessions of each local day as known at `as_of`, oldest day first:
/// sessions after the instant, or on a local day after `as_of`'s, are not
/// read.
fn gather(journal: &Journal, as_of: Timestamp) -> BTreeMap<NaiveDate, Vec<&Session>> {
    let last_day = as_of.local_day();
    let mut days: BTreeMap<NaiveDate, Vec<&Session>> = BTreeMap::new();
    for session in &journal.sessions {
        let day = session.started_at.local_day();
        if session.started_at <= as_of && day <= last_day {
            days.entry(day).or_default().push(session);
        }
    }
    for sessions in days.values_mut() {
        sessions.sort_by_key(|s| (s.started_at, s.id));
    }
    days
}

/// The session days in `period` (all when `None`), each with the next
/// session day from the whole journal.
fn session_days_in<'a>(
    all: &'a BTreeMap<NaiveDate, Vec<&'a Session>>,
    period: Option<DateRange>,
) -> impl Iterator<Item = (NaiveDate, &'a [&'a Session], Option<NaiveDate>)> + 'a {
    let mut days = all.iter().peekable();
    std::iter::from_fn(move || {
        let (day, sessions) = days.next()?;
        Some((*day, sessions.as_slice(), days.peek().map(|(next, _)| **next)))
    })
    .filter(move |(day, _, _)| period.is_none_or(|p| p.contains(*day)))
}

fn unique<T: PartialEq + Copy>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut out = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// `day` moved by `days` (negative: earlier); `None` off the calendar.
fn shift(day: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        day.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        day.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

/// The effect on one measure around session day `d`, `next` being the next
/// session day. The series holds nothing after the as-of day, so its last
/// day is the end of the data.
fn effect(series: &DailySeries, measure: Measure, d: NaiveDate, next: Option<NaiveDate>) -> Effect {
    let window = |last: NaiveDate| series.window_mean(last, WINDOW_DAYS, WINDOW_MIN_VALUES);
    let before = d.pred_opt().and_then(window);
    let after = shift(d, WINDOW_DAYS as i64).and_then(window);
    let change = before.zip(after).map(|(b, a)| measure.better_by(a - b));
    let held = match (before, change) {
        (Some(before), Some(change)) if change > TOLERANCE => held_for(series, measure, d, before, next),
        _ => None,
    };
    Effect { before, after, change, held }
}

/// Held for: the first k from 3 whose window d+k−2 … d+k is back at the
/// level before, looking no further than the day before the next session
/// day and the last day of data.
fn held_for(
    series: &DailySeries,
    measure: Measure,
    d: NaiveDate,
    before: f64,
    next: Option<NaiveDate>,
) -> Option<Held> {
    // A positive change needs an after window, so the series has data after d.
    let end = series.last_day()?;
    let (limit, by) = match next.and_then(|n| n.pred_opt()) {
        Some(last_before_next) if last_before_next <= end => (last_before_next, Censor::NextSession),
        _ => (end, Censor::EndOfData),
    };
    let mut k = FIRST_HELD_K;
    while let Some(last) = d.checked_add_days(Days::new(k)).filter(|last| *last <= limit) {
        if let Some(r) = series.window_mean(last, WINDOW_DAYS, WINDOW_MIN_VALUES)
            && measure.better_by(r - before) <= TOLERANCE
        {
            return Some(Held::Days(u32::try_from(k).unwrap_or(u32::MAX)));
        }
        k += 1;
    }
    let observed = (limit - d).num_days().max(0);
    Some(Held::AtLeast { at_least: u32::try_from(observed).unwrap_or(u32::MAX), by })
}

/// The session effects of `journal` as of `as_of`, for the session days in
/// `period` (every session day when `None`).
///
/// Only records at or before `as_of` are read (and none on a local day
/// after `as_of`'s). The windows read check-ins outside `period` too, and
/// the next session day that stops a held-for count may lie outside it:
/// the period chooses which session days are reported, not what is known
/// about them.
pub fn session_effects(journal: &Journal, as_of: Timestamp, period: Option<DateRange>) -> Insights {
    let series = Measure::ALL.map(|m| DailySeries::of_checkins(journal, m, as_of));
    let all = gather(journal, as_of);
    let session_days: Vec<SessionDay> = session_days_in(&all, period)
        .map(|(day, sessions, next)| SessionDay {
            day,
            session_ids: sessions.iter().map(|s| s.id).collect(),
            routes: unique(sessions.iter().map(|s| s.route)),
            medications: unique(sessions.iter().map(|s| s.medication)),
            mg_per_kg: sessions.iter().map(|s| s.mg_per_kg(&journal.profile)).sum(),
            bioavailable_mg: sessions.iter().map(|s| s.bioavailable_mg()).sum(),
            next_session_day: next,
            effects: Measure::ALL.map(|m| effect(&series[m as usize], m, day, next)),
        })
        .collect();
    let (by_route, by_medication, by_dose) = summary::by_group(&session_days);
    let by_tag = mood_by_tag(journal, as_of, period);
    Insights { as_of, session_days, by_route, by_medication, by_dose, by_tag }
}

/// `value` rounded to 2 decimals, half away from zero, with −0 written as 0:
/// how every number of the insights is shown and serialised.
pub fn round2(value: f64) -> f64 {
    let rounded = (value * 100.0).round() / 100.0;
    if rounded == 0.0 { 0.0 } else { rounded }
}

fn rounded<S: SerializeMap>(map: &mut S, key: &str, value: Option<f64>) -> Result<(), S::Error> {
    map.serialize_entry(key, &value.map(round2))
}

/// The JSON shape of `ketalog insights --json`: `day`, `session_ids`, and
/// for each measure `<measure>_before`, `_after`, `_change`, `_held_days`,
/// `_held_at_least` (numbers to 2 decimals; `null` when there is none).
impl Serialize for SessionDay {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2 + 5 * Measure::ALL.len()))?;
        map.serialize_entry("day", &self.day.format("%Y-%m-%d").to_string())?;
        map.serialize_entry("session_ids", &self.session_ids)?;
        for measure in Measure::ALL {
            let effect = self.effect(measure);
            let key = measure.key();
            rounded(&mut map, &format!("{key}_before"), effect.before)?;
            rounded(&mut map, &format!("{key}_after"), effect.after)?;
            rounded(&mut map, &format!("{key}_change"), effect.change)?;
            map.serialize_entry(&format!("{key}_held_days"), &effect.held_days())?;
            map.serialize_entry(&format!("{key}_held_at_least"), &effect.held_at_least())?;
        }
        map.end()
    }
}

/// One summary row: the group's key(s), `measure`, `n`, `median_change`,
/// `q1_change`, `q3_change`, `median_held_days`, `censored`.
struct Row<'a> {
    group: Group,
    summary: &'a Summary,
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        match self.group {
            Group::Route(route) => map.serialize_entry("route", &route)?,
            Group::Medication(medication) => map.serialize_entry("medication", &medication)?,
            Group::MgPerKg { .. } | Group::BioavailableMg { .. } => {
                let (from, to) = self.group.dose_band().unwrap_or_default();
                map.serialize_entry("dose_unit", self.group.dose_unit().unwrap_or_default())?;
                rounded(&mut map, "dose_from", Some(from))?;
                rounded(&mut map, "dose_to", Some(to))?;
            }
        }
        let s = self.summary;
        map.serialize_entry("measure", &s.measure)?;
        map.serialize_entry("n", &s.n)?;
        rounded(&mut map, "median_change", s.change.map(|c| c.median))?;
        rounded(&mut map, "q1_change", s.change.map(|c| c.q1))?;
        rounded(&mut map, "q3_change", s.change.map(|c| c.q3))?;
        rounded(&mut map, "median_held_days", s.median_held_days)?;
        map.serialize_entry("censored", &s.censored)?;
        map.end()
    }
}

struct Rows<'a>(&'a [GroupSummary]);

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for group in self.0 {
            for summary in &group.summaries {
                seq.serialize_element(&Row { group: group.group, summary })?;
            }
        }
        seq.end()
    }
}

/// `{ "session_days": […], "by_route": […], "by_medication": […], "by_dose": […] }`,
/// and `"by_tag": [{ "tag", "days_with", "mood_with", "days_without", "mood_without", "sentence" }]`
/// when a tag has days enough;
/// each summary list has one row per group and measure (mood, anxiety,
/// sleep), the group named by `route`, `medication`, or `dose_unit`
/// (`mg/kg` or `bioavailable mg`) with `dose_from` (included) and `dose_to`.
impl Serialize for Insights {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("session_days", &self.session_days)?;
        map.serialize_entry("by_route", &Rows(&self.by_route))?;
        map.serialize_entry("by_medication", &Rows(&self.by_medication))?;
        map.serialize_entry("by_dose", &Rows(&self.by_dose))?;
        // Left out when no tag has days enough, so a journal without tags reads as before.
        if !self.by_tag.is_empty() {
            map.serialize_entry("by_tag", &self.by_tag)?;
        }
        map.end()
    }
}
