//! The daily measures the insights read: one value a local day, the mean of
//! that day's check-ins.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::model::{CheckIn, Journal};
use crate::time::Timestamp;

/// A measure of the daily check-in whose change after a session is looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// Mood, 0 (worst) to 10 (best): higher is better.
    Mood,
    /// Anxiety, 0 (none) to 10 (worst): lower is better.
    Anxiety,
    /// Hours slept last night: more is counted as better.
    Sleep,
}

impl Measure {
    /// Every measure, in the order they are reported.
    pub const ALL: [Self; 3] = [Self::Mood, Self::Anxiety, Self::Sleep];

    /// The check-in's value of this measure, if it was recorded.
    pub fn value(self, checkin: &CheckIn) -> Option<f64> {
        match self {
            Self::Mood => checkin.mood.map(f64::from),
            Self::Anxiety => checkin.anxiety.map(f64::from),
            Self::Sleep => checkin.sleep_hours,
        }
    }

    /// Whether a higher value is the better one (false only for anxiety).
    pub fn higher_is_better(self) -> bool {
        !matches!(self, Self::Anxiety)
    }

    /// A difference `later − earlier` turned so that positive means better:
    /// as it is for mood and sleep, negated for anxiety.
    pub fn better_by(self, later_minus_earlier: f64) -> f64 {
        if self.higher_is_better() { later_minus_earlier } else { -later_minus_earlier }
    }

    /// The name used in JSON keys (`mood`, `anxiety`, `sleep`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Mood => "mood",
            Self::Anxiety => "anxiety",
            Self::Sleep => "sleep",
        }
    }
}

/// A series with at most one value per local day.
///
/// Built from check-ins it holds, for each day with at least one value of
/// the measure, the mean of that day's values; days without one are
/// missing, never zero.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DailySeries {
    values: BTreeMap<NaiveDate, f64>,
}

impl DailySeries {
    /// The series of `(day, value)` pairs, several values on one day
    /// becoming their mean. Values that are not finite are left out.
    pub fn from_values(values: impl IntoIterator<Item = (NaiveDate, f64)>) -> Self {
        let mut sums: BTreeMap<NaiveDate, (f64, u32)> = BTreeMap::new();
        for (day, value) in values {
            if value.is_finite() {
                let entry = sums.entry(day).or_default();
                entry.0 += value;
                entry.1 += 1;
            }
        }
        Self { values: sums.into_iter().map(|(day, (sum, n))| (day, sum / f64::from(n))).collect() }
    }

    /// The daily means of `measure` as known at `as_of`: check-ins after the
    /// instant `as_of`, or on a local day after `as_of`'s (possible only in
    /// an offset ahead of it), are not read. Each check-in counts on its own
    /// local day ([`Timestamp::local_day`]).
    pub fn of_checkins(journal: &Journal, measure: Measure, as_of: Timestamp) -> Self {
        let last_day = as_of.local_day();
        Self::from_values(
            journal
                .checkins
                .iter()
                .filter(|c| c.at <= as_of && c.at.local_day() <= last_day)
                .filter_map(|c| measure.value(c).map(|v| (c.at.local_day(), v))),
        )
    }

    /// The value on `day`, if there is one.
    pub fn get(&self, day: NaiveDate) -> Option<f64> {
        self.values.get(&day).copied()
    }

    /// The last day with a value.
    pub fn last_day(&self) -> Option<NaiveDate> {
        self.values.keys().next_back().copied()
    }

    /// Every day with a value, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = (NaiveDate, f64)> + '_ {
        self.values.iter().map(|(day, value)| (*day, *value))
    }

    /// Number of days with a value.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether no day has a value.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The mean of the values on the `days` days ending with `last`, when at
    /// least `min_values` of them have one.
    pub(crate) fn window_mean(&self, last: NaiveDate, days: u64, min_values: usize) -> Option<f64> {
        let first = last.checked_sub_days(Days::new(days.checked_sub(1)?))?;
        let (sum, n) = self.values.range(first..=last).fold((0.0, 0usize), |(sum, n), (_, v)| (sum + v, n + 1));
        (n >= min_values && n > 0).then(|| sum / n as f64)
    }
}
