//! How much detail a range has room for, and the weekly summaries drawn when
//! days are too narrow for a mark each.
//!
//! A chart's plotting area is [`frame::PLOT_WIDTH`] pixels wide whatever the
//! range. While a day has at least [`MIN_DAY_PIXELS`] of it (ranges of up to
//! 384 days: a year, with a little to spare), every value gets its own mark.
//! Past that, marks would overlap by the hundred and say no more than a
//! summary, so each calendar week (Monday to Sunday, cut at the range's ends)
//! is drawn instead as the lowest, highest and mean of its values. The data
//! tables are never summarised.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};

use super::DateRange;
use super::frame;

/// Fewest pixels a day may have for daily marks.
pub(super) const MIN_DAY_PIXELS: f64 = 1.5;

/// How a range is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Detail {
    /// A mark per value.
    Daily,
    /// A mark per calendar week.
    Weekly,
}

impl Detail {
    /// The detail `range` has room for.
    pub(super) fn of(range: DateRange) -> Self {
        if f64::from(frame::PLOT_WIDTH) / range.days() as f64 >= MIN_DAY_PIXELS { Self::Daily } else { Self::Weekly }
    }
}

/// The values of one calendar week.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Week {
    /// Its first day in the range (a Monday, or the range's first day).
    pub first: NaiveDate,
    /// Its last day in the range (a Sunday, or the range's last day).
    pub last: NaiveDate,
    /// The lowest value.
    pub low: f64,
    /// The highest value.
    pub high: f64,
    /// The mean of the values.
    pub mean: f64,
}

impl Week {
    /// Whether `next` is the week right after this one, with no week
    /// between them: lines and ranges run on across such weeks.
    pub(super) fn followed_by(&self, next: &Self) -> bool {
        self.last.checked_add_days(Days::new(1)) == Some(next.first)
    }
}

/// The Monday of `day`'s week.
fn monday(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// The weeks of `range` holding at least one of `values` (days outside the
/// range are left out), in order, each with its lowest, highest and mean value.
pub(super) fn weeks(range: DateRange, values: impl IntoIterator<Item = (NaiveDate, f64)>) -> Vec<Week> {
    let mut sums: BTreeMap<NaiveDate, (f64, f64, f64, u32)> = BTreeMap::new();
    for (day, value) in values.into_iter().filter(|(day, _)| range.contains(*day)) {
        let (low, high, sum, n) = sums.entry(monday(day)).or_insert((f64::INFINITY, f64::NEG_INFINITY, 0.0, 0));
        *low = low.min(value);
        *high = high.max(value);
        *sum += value;
        *n += 1;
    }
    sums.into_iter()
        .map(|(monday, (low, high, sum, n))| Week {
            first: monday.max(range.from()),
            last: (monday + Days::new(6)).min(range.to()),
            low,
            high,
            mean: sum / f64::from(n),
        })
        .collect()
}

/// `weeks` cut into runs of consecutive weeks.
pub(super) fn runs(weeks: &[Week]) -> impl Iterator<Item = &[Week]> {
    weeks.chunk_by(|a, b| a.followed_by(b))
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    fn day(text: &str) -> NaiveDate {
        crate::time::parse_day(text).unwrap()
    }

    fn range(a: &str, b: &str) -> DateRange {
        DateRange::new(day(a), day(b)).unwrap()
    }

    #[rstest]
    #[case::a_week("2026-03-01", "2026-03-07", Detail::Daily)]
    #[case::a_year("2025-11-22", "2026-11-21", Detail::Daily)]
    #[case::a_leap_year_and_a_little("2024-01-01", "2025-01-15", Detail::Daily)]
    #[case::thirteen_months("2025-10-22", "2026-11-21", Detail::Weekly)]
    #[case::ten_years("2016-11-22", "2026-11-21", Detail::Weekly)]
    fn detail_follows_the_pixels_a_day_gets(#[case] from: &str, #[case] to: &str, #[case] detail: Detail) {
        assert_eq!(Detail::of(range(from, to)), detail);
    }

    #[test]
    fn weeks_run_monday_to_sunday_cut_at_the_range() {
        // 4 March 2026 is a Wednesday.
        let r = range("2026-03-04", "2026-03-24");
        let values = [
            ("2026-03-03", 100.0), // before the range: left out
            ("2026-03-04", 2.0),
            ("2026-03-08", 6.0), // Sunday: same week
            ("2026-03-09", 5.0), // Monday: next week
            ("2026-03-09", 7.0),
            ("2026-03-24", 1.0), // a week later, with a week between
            ("2026-03-25", 100.0),
        ];
        let weeks = weeks(r, values.iter().map(|&(d, v)| (day(d), v)));
        assert_eq!(
            weeks,
            [
                Week { first: day("2026-03-04"), last: day("2026-03-08"), low: 2.0, high: 6.0, mean: 4.0 },
                Week { first: day("2026-03-09"), last: day("2026-03-15"), low: 5.0, high: 7.0, mean: 6.0 },
                Week { first: day("2026-03-23"), last: day("2026-03-24"), low: 1.0, high: 1.0, mean: 1.0 },
            ]
        );
        let runs: Vec<usize> = runs(&weeks).map(<[Week]>::len).collect();
        assert_eq!(runs, [2, 1]);
    }
}
