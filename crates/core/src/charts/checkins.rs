//! Daily mood, anxiety and sleep, each with its 7-day rolling mean.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use plotters::prelude::*;

use super::frame::{self, Mark, PanelLayout, TimeAxis, YAxis};
use super::{Chart, ChartError, DataTable, DateRange, format_day, format_number};
use crate::model::{CheckIn, Journal};

const HEIGHT: u32 = 380;
/// Days in the rolling mean's window, the day itself included.
pub const ROLLING_DAYS: u64 = 7;
/// Fewest days with a value in the window for the mean to be drawn: fewer
/// would let one day stand for a week.
pub const ROLLING_MIN_VALUES: usize = 3;
/// Above this many days, daily values are left out and only the means are
/// drawn: a dot per day would blur into a band.
const DAILY_DOTS_MAX_DAYS: i64 = 400;

/// One measure's daily values (the mean of the day's check-ins).
fn daily(journal: &Journal, value: impl Fn(&CheckIn) -> Option<f64>) -> BTreeMap<NaiveDate, f64> {
    let mut sums: BTreeMap<NaiveDate, (f64, u32)> = BTreeMap::new();
    for checkin in &journal.checkins {
        if let Some(v) = value(checkin) {
            let entry = sums.entry(checkin.at.local_day()).or_default();
            entry.0 += v;
            entry.1 += 1;
        }
    }
    sums.into_iter().map(|(day, (sum, n))| (day, sum / f64::from(n))).collect()
}

/// The mean of the daily values in the window ending on `day`, when the
/// window holds enough of them. Days before the range count, so the first
/// week of a report is not left blank.
fn rolling_mean(values: &BTreeMap<NaiveDate, f64>, day: NaiveDate) -> Option<f64> {
    let start = day.checked_sub_days(Days::new(ROLLING_DAYS - 1))?;
    let window: Vec<f64> = values.range(start..=day).map(|(_, v)| *v).collect();
    (window.len() >= ROLLING_MIN_VALUES).then(|| window.iter().sum::<f64>() / window.len() as f64)
}

struct Measure {
    values: BTreeMap<NaiveDate, f64>,
    means: Vec<(NaiveDate, Option<f64>)>,
}

impl Measure {
    fn new(journal: &Journal, range: DateRange, value: impl Fn(&CheckIn) -> Option<f64>) -> Self {
        let values = daily(journal, value);
        let means =
            range.from().iter_days().take(range.days() as usize).map(|d| (d, rolling_mean(&values, d))).collect();
        Self { values, means }
    }

    fn in_range(&self, range: DateRange) -> impl Iterator<Item = (NaiveDate, f64)> + '_ {
        self.values.range(range.from()..=range.to()).map(|(d, v)| (*d, *v))
    }

    /// The rolling mean on a day of the range (`means` holds one entry per day, in order).
    fn mean_on(&self, day: NaiveDate) -> Option<f64> {
        let first = self.means.first()?.0;
        let index = usize::try_from((day - first).num_days()).ok()?;
        self.means.get(index).and_then(|(_, m)| *m)
    }
}

/// Daily mood and anxiety (0–10) and hours of sleep over `range`, with the
/// 7-day rolling mean of each.
///
/// # Errors
/// [`ChartError`] only on a defect.
pub fn checkins(journal: &Journal, range: DateRange) -> Result<Chart, ChartError> {
    let axis = TimeAxis::new(range);
    let mood = Measure::new(journal, range, |c| c.mood.map(f64::from));
    let anxiety = Measure::new(journal, range, |c| c.anxiety.map(f64::from));
    let sleep = Measure::new(journal, range, |c| c.sleep_hours);
    let show_dots = range.days() <= DAILY_DOTS_MAX_DAYS;
    let max_sleep = sleep.in_range(range).map(|(_, h)| h).fold(0.0, f64::max);

    let svg = frame::render("checkins", HEIGHT, |root| {
        let entries = [
            (Mark::Line(frame::GREEN), "Mood, 7-day mean"),
            (Mark::Line(frame::ORANGE), "Anxiety, 7-day mean"),
            (Mark::Line(frame::BLUE), "Sleep, 7-day mean"),
            (Mark::Ring(frame::MUTED), "Daily value"),
        ];
        let area = frame::with_legend(root, &entries[..if show_dots { 4 } else { 3 }])?;
        let (top, bottom) = area.split_vertically(area.dim_in_pixel().1 * 55 / 100);
        let scores = YAxis::stepped(0.0..10.0, 2.0, "0–10", 0);
        let mut upper = frame::panel(&top, &axis, &scores, PanelLayout::ABOVE)?;
        let hours = YAxis::stepped(0.0..frame::ceil_to(max_sleep.max(10.0), 2.0), 2.0, "sleep, hours", 0);
        let mut lower = frame::panel(&bottom, &axis, &hours, PanelLayout::BOTTOM)?;

        for (measure, in_upper, color) in
            [(&mood, true, frame::GREEN), (&anxiety, true, frame::ORANGE), (&sleep, false, frame::BLUE)]
        {
            let panel = if in_upper { &mut upper } else { &mut lower };
            if show_dots {
                let faint = frame::lighten(color, 0.5);
                panel.draw_series(
                    measure.in_range(range).map(|(d, v)| Circle::new((axis.day(d), v), 2, faint.stroke_width(1))),
                )?;
            }
            let mean_points = measure.means.iter().map(|(d, m)| m.map(|m| (axis.day(*d), m)));
            for run in frame::runs(mean_points) {
                if run.len() == 1 {
                    panel.draw_series(run.iter().map(|&p| Circle::new(p, 3, color.filled())))?;
                } else {
                    panel.draw_series(LineSeries::new(run, color.stroke_width(2)))?;
                }
            }
        }
        if mood.in_range(range).next().is_none() && anxiety.in_range(range).next().is_none() {
            frame::empty_note(&upper, "No mood or anxiety check-ins in this period")?;
        }
        if sleep.in_range(range).next().is_none() {
            frame::empty_note(&lower, "No sleep hours in this period")?;
        }
        Ok(())
    })?;

    let mut table = DataTable::new(&[
        "Date",
        "Mood",
        "Anxiety",
        "Sleep (h)",
        "Mood, 7-day mean",
        "Anxiety, 7-day mean",
        "Sleep, 7-day mean",
    ]);
    let days: std::collections::BTreeSet<NaiveDate> =
        mood.in_range(range).chain(anxiety.in_range(range)).chain(sleep.in_range(range)).map(|(d, _)| d).collect();
    let cell = |v: Option<f64>| v.map_or_else(String::new, |v| format_number(v, 1));
    for day in &days {
        table.push(vec![
            format_day(*day),
            cell(mood.values.get(day).copied()),
            cell(anxiety.values.get(day).copied()),
            cell(sleep.values.get(day).copied()),
            cell(mood.mean_on(*day)),
            cell(anxiety.mean_on(*day)),
            cell(sleep.mean_on(*day)),
        ]);
    }

    let alt_text = if days.is_empty() {
        format!("No check-ins were recorded from {} to {}.", format_day(range.from()), format_day(range.to()))
    } else {
        let average = |m: &Measure| {
            let (sum, n) = m.in_range(range).fold((0.0, 0u32), |(s, n), (_, v)| (s + v, n + 1));
            (n > 0).then(|| sum / f64::from(n))
        };
        let parts: Vec<String> = [
            average(&mood).map(|v| format!("mood averaged {} out of 10", format_number(v, 1))),
            average(&anxiety).map(|v| format!("anxiety averaged {} out of 10", format_number(v, 1))),
            average(&sleep).map(|v| format!("sleep averaged {} hours", format_number(v, 1))),
        ]
        .into_iter()
        .flatten()
        .collect();
        format!(
            "Daily check-ins on {} {} from {} to {}: {}.",
            days.len(),
            if days.len() == 1 { "day" } else { "days" },
            format_day(range.from()),
            format_day(range.to()),
            parts.join(", ")
        )
    };

    Ok(Chart::new("checkins", "Mood, anxiety and sleep".to_owned(), svg, HEIGHT, alt_text, table))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(n: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, n).unwrap()
    }

    #[test]
    fn the_mean_needs_three_days_of_the_last_seven() {
        let values: BTreeMap<NaiveDate, f64> = [(day(1), 2.0), (day(3), 4.0), (day(7), 6.0), (day(9), 8.0)].into();
        assert_eq!(rolling_mean(&values, day(2)), None);
        assert_eq!(rolling_mean(&values, day(7)), Some(4.0));
        // 1 March has left the window on 8 March.
        assert_eq!(rolling_mean(&values, day(8)), None);
        assert_eq!(rolling_mean(&values, day(9)), Some(6.0));
    }
}
