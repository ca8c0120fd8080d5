//! A measure aligned on session days: one series per session day over the
//! days around it, and the median per day, for the "aligned" chart.

use chrono::NaiveDate;
use uuid::Uuid;

use super::summary::quantile;
use super::{DailySeries, MIN_SESSION_DAYS, Measure, gather, session_days_in, shift};
use crate::charts::DateRange;
use crate::model::Journal;
use crate::time::Timestamp;

/// The first day shown, relative to the session day.
pub const ALIGNED_FIRST_OFFSET: i64 = -7;
/// The last day shown, relative to the session day.
pub const ALIGNED_LAST_OFFSET: i64 = 21;

/// One session day's values on the days around it.
#[derive(Debug, Clone, PartialEq)]
pub struct AlignedSeries {
    /// The session day (offset 0).
    pub day: NaiveDate,
    /// Its sessions, earliest first.
    pub session_ids: Vec<Uuid>,
    /// The daily value on each offset from [`ALIGNED_FIRST_OFFSET`] to
    /// [`ALIGNED_LAST_OFFSET`], in order; `None` on days without one.
    pub values: Vec<Option<f64>>,
    /// The offset of the next session day, if it falls within the days
    /// shown: from there on the values follow that session too.
    pub next_session_offset: Option<i64>,
}

impl AlignedSeries {
    /// The value `offset` days from the session day, if shown and present.
    pub fn at(&self, offset: i64) -> Option<f64> {
        let index = usize::try_from(offset - ALIGNED_FIRST_OFFSET).ok()?;
        self.values.get(index).copied().flatten()
    }
}

/// A measure aligned on every session day of a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Aligned {
    /// The measure.
    pub measure: Measure,
    /// One series per session day, oldest first.
    pub series: Vec<AlignedSeries>,
    /// Per offset: how many series have a value there.
    pub counts: Vec<usize>,
    /// Per offset: the median of the series' values there; `None` when fewer
    /// than [`MIN_SESSION_DAYS`] have one.
    pub median: Vec<Option<f64>>,
}

impl Aligned {
    /// The offsets shown, in the order of every per-offset list.
    pub fn offsets() -> impl Iterator<Item = i64> {
        ALIGNED_FIRST_OFFSET..=ALIGNED_LAST_OFFSET
    }
}

/// `measure`'s daily values on the days [`ALIGNED_FIRST_OFFSET`] …
/// [`ALIGNED_LAST_OFFSET`] around each session day in `period` (all when
/// `None`), as known at `as_of`, and the median per offset. Session days
/// and daily values are those of [`super::session_effects`].
pub fn aligned(journal: &Journal, as_of: Timestamp, period: Option<DateRange>, measure: Measure) -> Aligned {
    let values = DailySeries::of_checkins(journal, measure, as_of);
    let all = gather(journal, as_of);
    let series: Vec<AlignedSeries> = session_days_in(&all, period)
        .map(|(day, sessions, next)| AlignedSeries {
            day,
            session_ids: sessions.iter().map(|s| s.id).collect(),
            values: Aligned::offsets().map(|offset| shift(day, offset).and_then(|d| values.get(d))).collect(),
            next_session_offset: next.map(|n| (n - day).num_days()).filter(|o| *o <= ALIGNED_LAST_OFFSET),
        })
        .collect();
    let mut counts = Vec::new();
    let mut median = Vec::new();
    for offset in Aligned::offsets() {
        let mut here: Vec<f64> = series.iter().filter_map(|s| s.at(offset)).collect();
        here.sort_by(f64::total_cmp);
        counts.push(here.len());
        median.push(if here.len() >= MIN_SESSION_DAYS { quantile(&here, 0.5) } else { None });
    }
    Aligned { measure, series, counts, median }
}
