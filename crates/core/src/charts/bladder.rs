//! The bladder diary: voids by day and night, the days with warning signs
//! shaded, and which signs each day showed.

use plotters::prelude::*;

use super::frame::{self, Mark, PanelLayout, TimeAxis, YAxis};
use super::{Chart, ChartError, DataTable, DateRange, Theme, format_day};
use crate::model::{BladderDay, Journal};
use crate::rules::thresholds::{BLADDER_PAIN_AT_LEAST, BLADDER_URGENCY_AT_LEAST};
use crate::rules::{self, Thresholds};

const HEIGHT: u32 = 380;

/// The sign rows of the lower panel, bottom to top, with the test for each.
/// Row 0 is empty padding.
const SIGN_ROWS: [&str; 7] = ["", "cloudy", "leakage", "burning", "urgency", "pain", "blood"];

fn sign_present(day: &BladderDay, row: usize) -> bool {
    match row {
        1 => day.cloudy,
        2 => day.leakage,
        3 => day.burning,
        4 => day.urgency.is_some_and(|u| u >= BLADDER_URGENCY_AT_LEAST),
        5 => day.pain.is_some_and(|p| p >= BLADDER_PAIN_AT_LEAST),
        6 => day.visible_blood,
        _ => false,
    }
}

/// The personal baseline of daytime voids, as the rules engine defines it
/// (`rules::day_voids_baseline` over the whole diary in date order).
pub fn day_voids_baseline(journal: &Journal) -> Option<u16> {
    let mut days: Vec<&BladderDay> = journal.bladder.iter().collect();
    days.sort_by_key(|d| d.date);
    rules::day_voids_baseline(days, Thresholds::default().bladder_baseline_days)
}

/// The warning signs a diary day shows, in neutral words with the logged
/// values ("pain 5/10", "12 daytime voids, usually 7"); empty for a quiet
/// day. The rules engine's own definition (`rules::warning_signs`).
pub fn warning_signs(day: &BladderDay, baseline_day_voids: Option<u16>) -> Vec<String> {
    rules::warning_signs(day, baseline_day_voids, &Thresholds::default()).iter().map(ToString::to_string).collect()
}

/// The bladder diary over `range`; past a year, week by week (month by month
/// past about seven years).
///
/// # Errors
/// [`ChartError`] only on a defect.
pub fn bladder(journal: &Journal, range: DateRange, theme: Theme) -> Result<Chart, ChartError> {
    let palette = theme.palette();
    let axis = TimeAxis::new(range);
    let baseline = day_voids_baseline(journal);
    let mut days: Vec<(&BladderDay, Vec<String>)> =
        journal.bladder.iter().filter(|d| range.contains(d.date)).map(|d| (d, warning_signs(d, baseline))).collect();
    days.sort_by_key(|(d, _)| d.date);
    let warning_days = days.iter().filter(|(_, signs)| !signs.is_empty()).count();
    let max_voids = days.iter().filter_map(|(d, _)| d.day_voids).max().unwrap_or(0);
    let summarised = axis.detail().summarised();
    let (day_color, night_color) = (palette.blue, palette.purple);

    let warned_period = format!("{} with a warning sign", axis.detail().period());
    let signed_period = format!("{} with the sign (pain ≥ 4, urgency ≥ 3)", axis.detail().period());
    let svg = frame::render("bladder", HEIGHT, palette, |root| {
        let area = frame::with_legend(
            root,
            &if summarised {
                [
                    (Mark::Range(palette.shade(day_color, frame::RANGE_SHADE), day_color), "Daytime voids"),
                    (Mark::Range(palette.shade(night_color, frame::RANGE_SHADE), night_color), "Night-time voids"),
                    (Mark::Block(palette.warning_tint), warned_period.as_str()),
                    (Mark::Tick(palette.red), signed_period.as_str()),
                ]
            } else {
                [
                    (Mark::Line(day_color), "Daytime voids"),
                    (Mark::Line(night_color), "Night-time voids"),
                    (Mark::Block(palette.warning_tint), "Day with a warning sign"),
                    (Mark::Dot(palette.red), "Sign (pain ≥ 4, urgency ≥ 3)"),
                ]
            },
            palette,
        )?;
        let areas = frame::stack(&area, &[6, 5]);
        let voids_top = frame::ceil_to(f64::from(max_voids.max(10)) + 2.0, 4.0);
        let voids = YAxis::stepped(0.0..voids_top, 4.0, "voids", 0);
        let mut upper = frame::panel(&areas[0], &axis, &voids, PanelLayout::ABOVE, palette)?;
        let rows = YAxis { range: 0.3..6.6, ticks: (1..=6).map(f64::from).collect(), title: "", decimals: 0 };
        let layout = PanelLayout { y_names: Some(&SIGN_ROWS), ..PanelLayout::BOTTOM };
        let mut lower = frame::panel(&areas[1], &axis, &rows, layout, palette)?;

        // The days, weeks or months with a warning sign: shaded columns.
        let warned = days.iter().filter(|(_, signs)| !signs.is_empty());
        let columns: Vec<std::ops::Range<f64>> = if summarised {
            axis.periods(warned.map(|(d, _)| (d.date, 1.0))).iter().map(|w| axis.span(w.first, w.last)).collect()
        } else {
            warned.map(|(d, _)| axis.span(d.date, d.date)).collect()
        };
        let tint = palette.warning_tint.filled();
        for (panel, (low, high)) in [(&mut upper, (0.0, voids_top)), (&mut lower, (0.3, 6.6))] {
            panel.draw_series(columns.iter().map(|x| Rectangle::new([(x.start, high), (x.end, low)], tint)))?;
        }

        for (voids, color) in [
            (days.iter().map(|(d, _)| d.day_voids.map(|v| (d.date, f64::from(v)))).collect::<Vec<_>>(), day_color),
            (days.iter().map(|(d, _)| d.night_voids.map(|v| (d.date, f64::from(v)))).collect(), night_color),
        ] {
            if summarised {
                let periods = axis.periods(voids.iter().flatten().copied());
                frame::period_ranges(&mut upper, &axis, &periods, color, palette)?;
                frame::period_means(&mut upper, &axis, &periods, color)?;
            } else {
                let runs = frame::runs(voids.iter().map(|v| v.map(|(d, n)| (axis.day(d), n))));
                frame::lines(&mut upper, &runs, 1, color)?;
                frame::circles(&mut upper, runs.iter().flatten().copied(), 2, color.filled())?;
            }
        }
        let style = palette.red.filled();
        for row in 1..SIGN_ROWS.len() {
            let marked = days.iter().filter(|(d, _)| sign_present(d, row));
            if summarised {
                let periods = axis.periods(marked.map(|(d, _)| (d.date, 1.0)));
                frame::period_marks(&mut lower, &axis, &periods, row as f64, [(-1, -5), (1, 5)], style)?;
            } else {
                frame::circles(
                    &mut lower,
                    marked.map(|(d, _)| (axis.day(d.date), row as f64)),
                    3,
                    palette.red.filled(),
                )?;
            }
        }
        if days.is_empty() {
            frame::empty_note(&upper, "No bladder diary in this period", palette)?;
        } else if warning_days == 0 {
            frame::empty_note(&lower, "No warning signs in this period", palette)?;
        }
        Ok(())
    })?;

    let mut table =
        DataTable::new(&["Date", "Day voids", "Night voids", "Urgency (0–4)", "Pain (0–10)", "Warning signs"]);
    let count = |v: Option<u16>| v.map_or_else(String::new, |v| v.to_string());
    let score = |v: Option<u8>| v.map_or_else(String::new, |v| v.to_string());
    for (day, signs) in &days {
        table.push(vec![
            format_day(day.date),
            count(day.day_voids),
            count(day.night_voids),
            score(day.urgency),
            score(day.pain),
            signs.join(", "),
        ]);
    }

    let alt_text = if days.is_empty() {
        format!("No bladder diary was kept from {} to {}.", format_day(range.from()), format_day(range.to()))
    } else {
        let blood = days.iter().filter(|(d, _)| d.visible_blood).count();
        format!(
            "Bladder diary on {} {} from {} to {}: {} {} a warning sign{}, and daytime voids reached {} at most.",
            days.len(),
            if days.len() == 1 { "day" } else { "days" },
            format_day(range.from()),
            format_day(range.to()),
            warning_days,
            if warning_days == 1 { "day showed" } else { "days showed" },
            match blood {
                0 => String::new(),
                1 => " (visible blood on 1 day)".to_owned(),
                n => format!(" (visible blood on {n} days)"),
            },
            max_voids
        )
    };

    Ok(Chart::new("bladder", "Bladder diary".to_owned(), svg, HEIGHT, alt_text, table))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diary(day_voids: u16, night_voids: u16, pain: u8, urgency: u8) -> BladderDay {
        BladderDay {
            day_voids: Some(day_voids),
            night_voids: Some(night_voids),
            urgency: Some(urgency),
            pain: Some(pain),
            ..BladderDay::new(uuid::Uuid::nil(), chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap())
        }
    }

    #[test]
    fn bladder_signs_at_and_around_each_threshold() {
        assert!(warning_signs(&diary(9, 1, 3, 2), None).is_empty());
        assert_eq!(warning_signs(&diary(9, 1, 4, 2), None), ["pain 4/10"]);
        assert_eq!(warning_signs(&diary(9, 1, 3, 3), None), ["urgency 3/4"]);
        assert_eq!(warning_signs(&diary(10, 1, 3, 2), None), ["10 daytime voids"]);
        assert_eq!(warning_signs(&diary(9, 2, 3, 2), None), ["2 night-time voids"]);
        // Three above a personal baseline of 6 counts, two above does not.
        assert_eq!(warning_signs(&diary(9, 1, 0, 0), Some(6)), ["9 daytime voids, usually 6"]);
        assert!(warning_signs(&diary(8, 1, 0, 0), Some(6)).is_empty());
        let mut day = diary(6, 0, 0, 0);
        day.visible_blood = true;
        day.cloudy = true;
        assert_eq!(warning_signs(&day, Some(6)), ["visible blood", "cloudy urine"]);
    }

    #[test]
    fn the_baseline_waits_for_seven_diary_days() {
        let mut journal = Journal::default();
        for voids in [8, 6, 7, 9, 6, 7] {
            journal.bladder.push(diary(voids, 0, 0, 0));
        }
        assert_eq!(day_voids_baseline(&journal), None);
        journal.bladder.push(diary(12, 0, 0, 0));
        journal.bladder.push(diary(30, 0, 0, 0));
        // The first seven: 6 6 7 7 8 9 12 → 7; the eighth does not count.
        assert_eq!(day_voids_baseline(&journal), Some(7));
    }
}
