//! How much detail a range has room for, and the summaries drawn when days
//! are too narrow for a mark each.
//!
//! A chart's plotting area is [`frame::PLOT_WIDTH`] pixels wide whatever the
//! range. While a day has at least [`MIN_MARK_PIXELS`] of it (ranges of up
//! to 384 days: a year, with a little to spare), every value gets its own
//! mark. Past that, marks would overlap by the hundred and say no more than
//! a summary, so each calendar week (Monday to Sunday) is drawn instead as
//! the lowest, highest and mean of its values; and past 384 weeks (about
//! seven years), where weeks would overlap in their turn, each calendar
//! month. A period is cut at the range's ends. The data tables are never
//! summarised.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate};

use super::DateRange;
use super::frame;

/// Fewest pixels a mark's day, week or month may have.
pub(super) const MIN_MARK_PIXELS: f64 = 1.5;

/// How a range is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Detail {
    /// A mark per value.
    Daily,
    /// A mark per calendar week.
    Weekly,
    /// A mark per calendar month.
    Monthly,
}

impl Detail {
    /// The detail `range` has room for.
    pub(super) fn of(range: DateRange) -> Self {
        let room = |days_per_mark: f64| f64::from(frame::PLOT_WIDTH) * days_per_mark / range.days() as f64;
        if room(1.0) >= MIN_MARK_PIXELS {
            Self::Daily
        } else if room(7.0) >= MIN_MARK_PIXELS {
            Self::Weekly
        } else {
            Self::Monthly
        }
    }

    /// Whether marks stand for a week or a month rather than a value.
    pub(super) fn summarised(self) -> bool {
        self != Self::Daily
    }

    /// What one mark stands for, capitalised: "Day", "Week" or "Month".
    pub(super) fn period(self) -> &'static str {
        match self {
            Self::Daily => "Day",
            Self::Weekly => "Week",
            Self::Monthly => "Month",
        }
    }

    /// "daily", "weekly" or "monthly".
    pub(super) fn adjective(self) -> &'static str {
        match self {
            Self::Daily => "daily",
            Self::Weekly => "weekly",
            Self::Monthly => "monthly",
        }
    }
}

/// The values of one calendar week or month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Period {
    /// Its first day in the range (a Monday or the first of a month, or the
    /// range's first day).
    pub first: NaiveDate,
    /// Its last day in the range (a Sunday or the last of a month, or the
    /// range's last day).
    pub last: NaiveDate,
    /// The lowest value.
    pub low: f64,
    /// The highest value.
    pub high: f64,
    /// The mean of the values.
    pub mean: f64,
}

impl Period {
    /// Whether `next` is the period right after this one, with none between
    /// them: lines and ranges run on across such periods.
    pub(super) fn followed_by(&self, next: &Self) -> bool {
        self.last.checked_add_days(Days::new(1)) == Some(next.first)
    }
}

/// The first and last day of the period holding `day`: its calendar month
/// when `range` is drawn month by month, else its week.
fn period_of(monthly: bool, day: NaiveDate) -> (NaiveDate, NaiveDate) {
    if monthly {
        let first = day.with_day(1).unwrap_or(day);
        let last = first.checked_add_months(Months::new(1)).and_then(|next| next.pred_opt()).unwrap_or(NaiveDate::MAX);
        (first, last)
    } else {
        let monday = day - Days::new(u64::from(day.weekday().num_days_from_monday()));
        (monday, monday.checked_add_days(Days::new(6)).unwrap_or(NaiveDate::MAX))
    }
}

/// The periods of `range` (months when `detail` is monthly, else weeks)
/// holding at least one of `values` (days outside the range are left out),
/// in order, each with its lowest, highest and mean value. Charts call it
/// through their axis ([`frame::TimeAxis::periods`]), which decided the
/// detail once.
pub(super) fn periods(
    detail: Detail,
    range: DateRange,
    values: impl IntoIterator<Item = (NaiveDate, f64)>,
) -> Vec<Period> {
    let monthly = detail == Detail::Monthly;
    let mut sums: BTreeMap<(NaiveDate, NaiveDate), (f64, f64, f64, u32)> = BTreeMap::new();
    for (day, value) in values.into_iter().filter(|(day, _)| range.contains(*day)) {
        let (low, high, sum, n) =
            sums.entry(period_of(monthly, day)).or_insert((f64::INFINITY, f64::NEG_INFINITY, 0.0, 0));
        *low = low.min(value);
        *high = high.max(value);
        *sum += value;
        *n += 1;
    }
    sums.into_iter()
        .map(|((first, last), (low, high, sum, n))| Period {
            first: first.max(range.from()),
            last: last.min(range.to()),
            low,
            high,
            mean: sum / f64::from(n),
        })
        .collect()
}

/// `periods` cut into runs of consecutive periods.
pub(super) fn runs(periods: &[Period]) -> impl Iterator<Item = &[Period]> {
    periods.chunk_by(|a, b| a.followed_by(b))
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
    #[case::seven_years("2019-11-22", "2026-11-21", Detail::Weekly)]
    #[case::eight_years("2018-11-22", "2026-11-21", Detail::Monthly)]
    #[case::ten_years("2016-11-22", "2026-11-21", Detail::Monthly)]
    fn detail_follows_the_pixels_a_mark_gets(#[case] from: &str, #[case] to: &str, #[case] detail: Detail) {
        assert_eq!(Detail::of(range(from, to)), detail);
    }

    /// A period as (first, last, low, high, mean).
    type Summary = (NaiveDate, NaiveDate, f64, f64, f64);

    /// The periods of `values` over `r`, and the lengths of their runs.
    fn summarised(r: DateRange, values: &[(&str, f64)]) -> (Vec<Summary>, Vec<usize>) {
        let found = periods(Detail::of(r), r, values.iter().map(|&(d, v)| (day(d), v)));
        let runs = runs(&found).map(<[Period]>::len).collect();
        (found.iter().map(|p| (p.first, p.last, p.low, p.high, p.mean)).collect(), runs)
    }

    #[test]
    fn weeks_run_monday_to_sunday_cut_at_the_range() {
        // 4 March 2026 is a Wednesday.
        let values = [
            ("2026-03-03", 100.0), // before the range: left out
            ("2026-03-04", 2.0),
            ("2026-03-08", 6.0), // Sunday: same week
            ("2026-03-09", 5.0), // Monday: next week
            ("2026-03-09", 7.0),
            ("2026-03-24", 1.0), // a week later, with a week between
            ("2026-03-25", 100.0),
        ];
        let (weeks, runs) = summarised(range("2026-03-04", "2026-03-24"), &values);
        assert_eq!(
            weeks,
            [
                (day("2026-03-04"), day("2026-03-08"), 2.0, 6.0, 4.0),
                (day("2026-03-09"), day("2026-03-15"), 5.0, 7.0, 6.0),
                (day("2026-03-23"), day("2026-03-24"), 1.0, 1.0, 1.0),
            ]
        );
        assert_eq!(runs, [2, 1]);
    }

    #[test]
    fn months_run_first_to_last_cut_at_the_range() {
        // Ten years from 17 May 2016: drawn month by month.
        let r = range("2016-05-17", "2026-05-16");
        assert_eq!(Detail::of(r), Detail::Monthly);
        let values = [
            ("2016-05-16", 100.0), // before the range: left out
            ("2016-05-17", 2.0),
            ("2016-05-31", 6.0), // same month
            ("2016-06-01", 5.0), // next month
            ("2016-06-30", 7.0),
            ("2024-02-29", 3.0), // a leap day, months later
            ("2026-05-16", 1.0), // the range's last day
            ("2026-05-17", 100.0),
        ];
        let (months, runs) = summarised(r, &values);
        assert_eq!(
            months,
            [
                (day("2016-05-17"), day("2016-05-31"), 2.0, 6.0, 4.0),
                (day("2016-06-01"), day("2016-06-30"), 5.0, 7.0, 6.0),
                (day("2024-02-01"), day("2024-02-29"), 3.0, 3.0, 3.0),
                (day("2026-05-01"), day("2026-05-16"), 1.0, 1.0, 1.0),
            ]
        );
        assert_eq!(runs, [2, 1, 1]);
    }
}
