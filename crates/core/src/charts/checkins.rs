//! Daily mood, anxiety, energy and sleep, each in its own panel with its
//! 7-day rolling mean (or, over long ranges, its weekly or monthly range and mean), the
//! four panels on one time axis.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate};
use plotters::prelude::*;

use super::frame::{self, Mark, PanelLayout, TimeAxis, YAxis};
use super::palette::Palette;
use super::periods::Detail;
use super::{Chart, ChartError, DataTable, DateRange, Theme, format_day, format_number};
use crate::model::{CheckIn, Journal};

const HEIGHT: u32 = 400;
/// Days in the rolling mean's window, the day itself included.
pub const ROLLING_DAYS: u64 = 7;
/// Fewest days with a value in the window for the mean to be drawn: fewer
/// would let one day stand for a week.
pub const ROLLING_MIN_VALUES: usize = 3;

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
    let (sum, n) = values.range(start..=day).fold((0.0, 0usize), |(sum, n), (_, v)| (sum + v, n + 1));
    (n >= ROLLING_MIN_VALUES).then(|| sum / n as f64)
}

/// One measure of the check-ins, its panel, and how it is named.
struct Measure {
    /// Name in the panel's label and the table ("Mood").
    name: &'static str,
    /// What the scale's top means, or the unit ("10 = best", "hours").
    scale: &'static str,
    /// The daily values.
    values: BTreeMap<NaiveDate, f64>,
    /// The rolling mean on each day of the range, in order.
    means: Vec<(NaiveDate, Option<f64>)>,
    color: fn(&Palette) -> RGBColor,
}

impl Measure {
    fn new(
        journal: &Journal,
        range: DateRange,
        (name, scale, color): (&'static str, &'static str, fn(&Palette) -> RGBColor),
        value: impl Fn(&CheckIn) -> Option<f64>,
    ) -> Self {
        let values = daily(journal, value);
        let means =
            range.from().iter_days().take(range.days() as usize).map(|d| (d, rolling_mean(&values, d))).collect();
        Self { name, scale, values, means, color }
    }

    fn average(&self, range: DateRange) -> Option<f64> {
        let (sum, n) = self.in_range(range).fold((0.0, 0u32), |(s, n), (_, v)| (s + v, n + 1));
        (n > 0).then(|| sum / f64::from(n))
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

/// Daily mood, anxiety and energy (0–10) and hours of sleep over `range`,
/// each in its own panel, with the 7-day rolling mean of each; past a year,
/// each week's range and mean instead.
///
/// # Errors
/// [`ChartError`] only on a defect.
pub fn checkins(journal: &Journal, range: DateRange, theme: Theme) -> Result<Chart, ChartError> {
    let palette = theme.palette();
    let axis = TimeAxis::new(range);
    let measures = [
        Measure::new(journal, range, ("Mood", "10 = best", |p| p.green), |c| c.mood.map(f64::from)),
        Measure::new(journal, range, ("Anxiety", "10 = worst", |p| p.orange), |c| c.anxiety.map(f64::from)),
        Measure::new(journal, range, ("Energy", "10 = full", |p| p.purple), |c| c.energy.map(f64::from)),
        Measure::new(journal, range, ("Sleep", "hours", |p| p.blue), |c| c.sleep_hours),
    ];
    let max_sleep = measures[3].in_range(range).map(|(_, h)| h).fold(0.0, f64::max);

    let svg = frame::render("checkins", HEIGHT, palette, |root| {
        let quiet = palette.shade(palette.ink, frame::RANGE_SHADE);
        let legend = match axis.detail() {
            Detail::Daily => [(Mark::Line(palette.ink), "7-day mean"), (Mark::Ring(quiet), "Daily value")],
            Detail::Weekly => {
                [(Mark::Line(palette.ink), "Weekly mean"), (Mark::Block(quiet), "Range of the week's days")]
            }
            Detail::Monthly => {
                [(Mark::Line(palette.ink), "Monthly mean"), (Mark::Block(quiet), "Range of the month's days")]
            }
        };
        let area = frame::with_legend(root, &legend, palette)?;
        let areas = frame::stack(&area, &[1; 4]);
        for (index, (measure, area)) in measures.iter().zip(&areas).enumerate() {
            let color = (measure.color)(palette);
            let last = index == measures.len() - 1;
            let y = if last {
                YAxis::stepped(0.0..frame::ceil_to(max_sleep.max(10.0), 4.0), 4.0, "", 0)
            } else {
                YAxis::stepped(0.0..10.0, 5.0, "", 0)
            };
            let layout = if last { PanelLayout::BOTTOM } else { PanelLayout::ABOVE };
            let mut panel = frame::panel(area, &axis, &y, layout, palette)?;
            let top = y.range.end;
            frame::right_label(area, &panel, top * 0.7, measure.name, palette.ink)?;
            frame::right_label(area, &panel, top * 0.3, measure.scale, palette.muted)?;
            let values = || measure.in_range(range);
            match axis.detail() {
                Detail::Daily => {
                    let faint = palette.shade(color, 0.5);
                    frame::circles(&mut panel, values().map(|(d, v)| (axis.day(d), v)), 2, faint.stroke_width(1))?;
                    let means = measure.means.iter().map(|(d, m)| m.map(|m| (axis.day(*d), m)));
                    frame::lines(&mut panel, &frame::runs(means), 2, color)?;
                }
                Detail::Weekly | Detail::Monthly => {
                    let periods = axis.periods(values());
                    frame::period_ranges(&mut panel, &axis, &periods, color, palette)?;
                    frame::period_means(&mut panel, &axis, &periods, color)?;
                }
            }
            if values().next().is_none() {
                let what = if last { "sleep hours".to_owned() } else { measure.name.to_lowercase() };
                frame::empty_note(&panel, &format!("No {what} in this period"), palette)?;
            }
        }
        Ok(())
    })?;

    let mut columns = vec!["Date".to_owned()];
    columns.extend(
        measures.iter().map(|m| if m.scale == "hours" { format!("{} (h)", m.name) } else { m.name.to_owned() }),
    );
    columns.extend(measures.iter().map(|m| format!("{}, 7-day mean", m.name)));
    let mut table = DataTable { columns, rows: Vec::new() };
    let days: BTreeSet<NaiveDate> = measures.iter().flat_map(|m| m.in_range(range).map(|(d, _)| d)).collect();
    let cell = |v: Option<f64>| v.map_or_else(String::new, |v| format_number(v, 1));
    for day in &days {
        let mut row = vec![format_day(*day)];
        row.extend(measures.iter().map(|m| cell(m.values.get(day).copied())));
        row.extend(measures.iter().map(|m| cell(m.mean_on(*day))));
        table.push(row);
    }

    let alt_text = if days.is_empty() {
        format!("No check-ins were recorded from {} to {}.", format_day(range.from()), format_day(range.to()))
    } else {
        let parts: Vec<String> = measures
            .iter()
            .filter_map(|m| {
                let average = format_number(m.average(range)?, 1);
                Some(if m.scale == "hours" {
                    format!("{} averaged {average} hours", m.name.to_lowercase())
                } else {
                    format!("{} averaged {average} out of 10", m.name.to_lowercase())
                })
            })
            .collect();
        let drawn = match axis.detail() {
            Detail::Daily => String::new(),
            summary => format!(", drawn as {} ranges and means", summary.adjective()),
        };
        format!(
            "Daily check-ins on {} {} from {} to {}{drawn}: {}.",
            days.len(),
            if days.len() == 1 { "day" } else { "days" },
            format_day(range.from()),
            format_day(range.to()),
            parts.join(", ")
        )
    };

    Ok(Chart::new("checkins", "Mood, anxiety, energy and sleep".to_owned(), svg, HEIGHT, alt_text, table))
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
