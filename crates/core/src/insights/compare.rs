//! "Plot any series against any other": two daily series of the journal
//! paired by day (the same day, or the first series' day and the next),
//! with the days paired, Spearman's rho, and a sentence that says how they
//! moved together — an association in these records, never a cause.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Association, DailySeries, Lag, MIN_PAIRED_DAYS, paired_days, round2, spearman};
use crate::charts::{DateRange, format_number};
use crate::model::Journal;
use crate::time::Timestamp;

/// A daily series the journal holds.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Series {
    /// Check-in mood, 0–10, the mean of the day's check-ins.
    Mood,
    /// Check-in anxiety, 0–10.
    Anxiety,
    /// Check-in hours of sleep.
    Sleep,
    /// Check-in energy, 0–10.
    Energy,
    /// The day's dose in mg/kg (the sum over its sessions); days without a
    /// session, or with a session of unknown weight, have none.
    DoseMgPerKg,
    /// The mean of the day's sessions' own dissociation ratings, 0–10.
    Dissociation,
    /// Bladder pain, 0–10, from the diary day.
    BladderPain,
}

impl Series {
    /// Every series, in the order they are offered.
    pub const ALL: [Self; 7] = [
        Self::Mood,
        Self::Anxiety,
        Self::Sleep,
        Self::Energy,
        Self::DoseMgPerKg,
        Self::Dissociation,
        Self::BladderPain,
    ];

    /// The series' name in a sentence ("mood", "dose in mg/kg").
    pub fn name(self) -> &'static str {
        match self {
            Self::Mood => "mood",
            Self::Anxiety => "anxiety",
            Self::Sleep => "sleep",
            Self::Energy => "energy",
            Self::DoseMgPerKg => "dose in mg/kg",
            Self::Dissociation => "dissociation",
            Self::BladderPain => "bladder pain",
        }
    }

    /// The series' values as known at `as_of`: records after the instant,
    /// or on a local day after its own, are not read. Each value counts on
    /// its record's own local day.
    pub fn daily(self, journal: &Journal, as_of: Timestamp) -> DailySeries {
        let last_day = as_of.local_day();
        let known = |at: Timestamp| at <= as_of && at.local_day() <= last_day;
        let checkins = |value: fn(&crate::model::CheckIn) -> Option<f64>| {
            DailySeries::from_values(
                journal.checkins.iter().filter(|c| known(c.at)).filter_map(|c| value(c).map(|v| (c.at.local_day(), v))),
            )
        };
        match self {
            Self::Mood => checkins(|c| c.mood.map(f64::from)),
            Self::Anxiety => checkins(|c| c.anxiety.map(f64::from)),
            Self::Sleep => checkins(|c| c.sleep_hours),
            Self::Energy => checkins(|c| c.energy.map(f64::from)),
            Self::DoseMgPerKg => {
                // A day's dose is the sum of its sessions, and unknown when one of them is.
                let mut days: BTreeMap<NaiveDate, Option<f64>> = BTreeMap::new();
                for s in journal.sessions.iter().filter(|s| known(s.started_at)) {
                    let day = days.entry(s.started_at.local_day()).or_insert(Some(0.0));
                    *day = day.zip(s.mg_per_kg(&journal.profile)).map(|(a, b)| a + b);
                }
                DailySeries::from_values(days.into_iter().filter_map(|(day, mg)| mg.map(|mg| (day, mg))))
            }
            Self::Dissociation => DailySeries::from_values(
                journal
                    .sessions
                    .iter()
                    .filter(|s| known(s.started_at))
                    .filter_map(|s| s.dissociation.map(|d| (s.started_at.local_day(), f64::from(d)))),
            ),
            Self::BladderPain => DailySeries::from_values(
                journal
                    .bladder
                    .iter()
                    .filter(|d| d.date <= last_day)
                    .filter_map(|d| d.pain.map(|p| (d.date, f64::from(p)))),
            ),
        }
    }
}

/// Two series side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The first series (x), on day t.
    pub x: Series,
    /// The second series (y), on day t or t + 1.
    pub y: Series,
    /// How the days are paired.
    pub lag: Lag,
    /// Every paired day: the first series' day, its value, and the second's.
    pub points: Vec<(NaiveDate, f64, f64)>,
    /// Spearman's rho over the points and their number.
    pub association: Association,
    /// What the points say, as a sentence about the patient's own records.
    pub sentence: String,
}

/// How strong a rank correlation of this size is usually called.
fn strength(rho: f64) -> &'static str {
    match rho.abs() {
        r if r < 0.1 => "no clear",
        r if r < 0.3 => "a weak",
        r if r < 0.5 => "a moderate",
        _ => "a strong",
    }
}

fn days(n: usize) -> String {
    format!("{n} day{}", if n == 1 { "" } else { "s" })
}

/// The sentence for a comparison: the days it rests on, the direction, and
/// rho, always as an association.
fn sentence(x: Series, y: Series, lag: Lag, association: Association) -> String {
    let when = match lag {
        Lag::SameDay => "the same day",
        Lag::NextDay => "the next day",
    };
    let n = association.n;
    let Some(rho) = association.rho else {
        return if n < MIN_PAIRED_DAYS {
            format!(
                "Only {} {} {} and {} {when}; at least {MIN_PAIRED_DAYS} are needed to say how they moved together.",
                days(n),
                if n == 1 { "has" } else { "have" },
                x.name(),
                y.name()
            )
        } else {
            format!(
                "On the {} with both, {} or {} {when} did not vary, so there is nothing to say about how they moved \
                 together.",
                days(n),
                x.name(),
                y.name()
            )
        };
    };
    let rounded = round2(rho);
    let direction = if rounded.abs() < 0.1 {
        format!("{} and {} {when} showed no clear pattern together", x.name(), y.name())
    } else if rounded > 0.0 {
        format!("days with higher {} tended to have higher {} {when}", x.name(), y.name())
    } else {
        format!("days with higher {} tended to have lower {} {when}", x.name(), y.name())
    };
    format!(
        "On the {} with both, {direction} (Spearman's rho {}, {} association). This is how they moved together in \
         these records, not evidence that one causes the other.",
        days(n),
        format_number(rounded, 2),
        strength(rounded)
    )
}

/// `x` on each day of `period` (all days when `None`) against `y` on the
/// same or the next day, as known at `as_of`: the paired days, Spearman's
/// rho (none below [`MIN_PAIRED_DAYS`] or when a side does not vary) and
/// the sentence saying it.
pub fn compare(
    journal: &Journal,
    as_of: Timestamp,
    period: Option<DateRange>,
    x: Series,
    y: Series,
    lag: Lag,
) -> Comparison {
    let xs = x.daily(journal, as_of);
    let xs = match period {
        Some(p) => DailySeries::from_values(xs.iter().filter(|(day, _)| p.contains(*day))),
        None => xs,
    };
    let ys = y.daily(journal, as_of);
    let association = spearman(&xs, &ys, lag);
    let points = paired_days(&xs, &ys, lag);
    Comparison { x, y, lag, points, association, sentence: sentence(x, y, lag, association) }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use rstest::rstest;
    use uuid::Uuid;

    use super::*;
    use crate::model::{BladderDay, CheckIn, Medication, Profile, Route, Session};

    fn at(day: u32, time: &str) -> Timestamp {
        Timestamp::parse(&format!("2026-03-{day:02}T{time}:00-05:00")).unwrap()
    }

    fn checkin(day: u32, mood: u8, anxiety: u8) -> CheckIn {
        CheckIn { mood: Some(mood), anxiety: Some(anxiety), ..CheckIn::new(Uuid::new_v4(), at(day, "20:00")) }
    }

    /// Mood rising 1…6 over six days while anxiety falls; 0.5 mg/kg on day 2
    /// and 1 mg/kg on day 4 (two sessions), bladder pain on days 3 and 5.
    fn journal() -> Journal {
        let mut j = Journal { profile: Profile { weight_kg: Some(70.0), ..Profile::default() }, ..Journal::default() };
        for day in 1..=6u8 {
            j.checkins.push(checkin(u32::from(day), day, 9 - day));
        }
        let session = |day: u32, mg: f64, dissociation: u8| Session {
            dissociation: Some(dissociation),
            ..Session::new(Uuid::new_v4(), at(day, "10:00"), Medication::RacemicKetamine, Route::Iv, mg)
        };
        j.sessions.extend([session(2, 35.0, 4), session(4, 35.0, 6), session(4, 35.0, 8)]);
        for (day, pain) in [(3, 2), (5, 6)] {
            j.bladder.push(BladderDay {
                pain: Some(pain),
                ..BladderDay::new(Uuid::new_v4(), NaiveDate::from_ymd_opt(2026, 3, day).unwrap())
            });
        }
        j
    }

    #[rstest]
    #[case::mood_against_anxiety(Series::Mood, Series::Anxiety, Lag::SameDay, 6, Some(-1.0))]
    #[case::next_day_drops_the_last(Series::Mood, Series::Anxiety, Lag::NextDay, 5, Some(-1.0))]
    #[case::dose_is_summed_per_day(Series::DoseMgPerKg, Series::Mood, Lag::SameDay, 2, None)]
    #[case::dose_then_pain_next_day(Series::DoseMgPerKg, Series::BladderPain, Lag::NextDay, 2, None)]
    #[case::dissociation_is_the_day_mean(Series::Dissociation, Series::Mood, Lag::SameDay, 2, None)]
    #[case::energy_never_recorded(Series::Energy, Series::Mood, Lag::SameDay, 0, None)]
    fn pairs_and_rho(
        #[case] x: Series,
        #[case] y: Series,
        #[case] lag: Lag,
        #[case] n: usize,
        #[case] rho: Option<f64>,
    ) {
        let found = compare(&journal(), at(31, "12:00"), None, x, y, lag);
        assert_eq!(found.association.n, n, "{}", found.sentence);
        assert_eq!(found.points.len(), n);
        assert_eq!(found.association.rho.map(round2), rho, "{}", found.sentence);
    }

    #[test]
    fn the_values_are_the_days_own() {
        let j = journal();
        let dose = Series::DoseMgPerKg.daily(&j, at(31, "12:00"));
        assert_eq!(dose.iter().map(|(_, v)| round2(v)).collect::<Vec<_>>(), [0.5, 1.0]);
        let dissociation = Series::Dissociation.daily(&j, at(31, "12:00"));
        assert_eq!(dissociation.iter().map(|(_, v)| v).collect::<Vec<_>>(), [4.0, 7.0]);
        // Nothing recorded after the moment asked about.
        assert_eq!(Series::Mood.daily(&j, at(3, "21:00")).len(), 3);
    }

    #[test]
    fn the_sentence_says_association_with_its_n() {
        let found = compare(&journal(), at(31, "12:00"), None, Series::Mood, Series::Anxiety, Lag::SameDay);
        assert_eq!(
            found.sentence,
            "On the 6 days with both, days with higher mood tended to have lower anxiety the same day (Spearman's rho \
             -1, a strong association). This is how they moved together in these records, not evidence that one \
             causes the other."
        );
        let few = compare(&journal(), at(31, "12:00"), None, Series::DoseMgPerKg, Series::Mood, Lag::SameDay);
        assert!(few.sentence.starts_with("Only 2 days have dose in mg/kg and mood the same day"), "{}", few.sentence);
        for series in Series::ALL {
            let text = compare(&journal(), at(31, "12:00"), None, series, Series::Mood, Lag::NextDay).sentence;
            assert!(!text.contains("cause ") && !text.contains("caused"), "{text}");
        }
    }

    #[test]
    fn the_period_chooses_the_first_series_days() {
        let period =
            DateRange::new(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(), NaiveDate::from_ymd_opt(2026, 3, 4).unwrap())
                .unwrap();
        let found = compare(&journal(), at(31, "12:00"), Some(period), Series::Mood, Series::Anxiety, Lag::NextDay);
        // 2, 3 and 4 March against 3, 4 and 5 March: the next day may lie outside.
        assert_eq!(found.points.iter().map(|p| p.0.format("%d").to_string()).collect::<Vec<_>>(), ["02", "03", "04"]);
    }
}
