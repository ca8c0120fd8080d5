//! A measure aligned on session days: the days from a week before to three
//! weeks after each session day, one thin line per session day and the
//! median of them bold (`insights::aligned` gives the values).

use plotters::prelude::*;

use super::frame::{self, Mark, YAxis};
use super::{Chart, ChartError, DataTable, DateRange, Theme, format_day, format_number};
use crate::insights::{self, ALIGNED_FIRST_OFFSET, ALIGNED_LAST_OFFSET, Aligned, MIN_SESSION_DAYS, Measure};
use crate::model::Journal;
use crate::time::Timestamp;

const HEIGHT: u32 = 300;
/// How far toward the card one session day's line is shaded: many of them
/// overlap, and the median must stay the strongest mark.
const ONE_DAY_SHADE: f64 = 0.6;

/// "Mood", "Anxiety", "Sleep".
fn name(measure: Measure) -> &'static str {
    match measure {
        Measure::Mood => "Mood",
        Measure::Anxiety => "Anxiety",
        Measure::Sleep => "Sleep",
    }
}

/// "−7", "session day", "+14": the label of a day relative to the session day.
pub(crate) fn offset_label(offset: i64) -> String {
    match offset {
        0 => "session day".to_owned(),
        o if o < 0 => format!("−{}", o.unsigned_abs()),
        o => format!("+{o}"),
    }
}

fn value(v: Option<f64>, decimals: usize) -> String {
    v.map_or_else(String::new, |v| format_number(v, decimals))
}

/// `measure` on the days [`ALIGNED_FIRST_OFFSET`] … [`ALIGNED_LAST_OFFSET`]
/// around each session day in `period` (every one when `None`), as known at
/// `as_of`: each session day a thin line, the median of the session days
/// with a value bold (drawn where at least [`MIN_SESSION_DAYS`] have one).
/// The table has one row per day around the session day.
///
/// # Errors
/// [`ChartError`] only on a defect.
pub fn session_effects(
    journal: &Journal,
    as_of: Timestamp,
    period: Option<DateRange>,
    measure: Measure,
    theme: Theme,
) -> Result<Chart, ChartError> {
    let palette = theme.palette();
    let aligned = insights::aligned(journal, as_of, period, measure);
    let color = match measure {
        Measure::Mood => palette.green,
        Measure::Anxiety => palette.orange,
        Measure::Sleep => palette.blue,
    };
    let top = match measure {
        Measure::Sleep => {
            let most = aligned.series.iter().flat_map(|s| s.values.iter().flatten()).copied().fold(0.0, f64::max);
            frame::ceil_to(most.max(10.0), 4.0)
        }
        Measure::Mood | Measure::Anxiety => 10.0,
    };
    let offsets = |values: &[Option<f64>]| -> Vec<Option<(f64, f64)>> {
        Aligned::offsets().zip(values).map(|(o, v)| v.map(|v| (o as f64, v))).collect()
    };

    let svg = frame::render("session-effects", HEIGHT, palette, |root| {
        let faint = palette.shade(color, ONE_DAY_SHADE);
        let legend = [
            (Mark::Line(faint), "One session day"),
            (Mark::Line(color), "Median of the session days"),
            (Mark::Line(palette.axis), "Session day"),
        ];
        let area = frame::with_legend(root, &legend, palette)?;
        let first = ALIGNED_FIRST_OFFSET as f64;
        let last = ALIGNED_LAST_OFFSET as f64;
        let ticks = vec![first, 0.0, 7.0, 14.0, last];
        let y = if top > 10.0 { YAxis::stepped(0.0..top, 4.0, "", 0) } else { YAxis::stepped(0.0..10.0, 2.0, "", 0) };
        let mut panel =
            frame::value_panel(&area, (first - 0.5..last + 0.5, ticks), &|x| offset_label(x as i64), &y, palette)?;
        frame::right_label(&area, &panel, top * 0.7, name(measure), palette.ink)?;
        let scale = match measure {
            Measure::Mood => "10 = best",
            Measure::Anxiety => "10 = worst",
            Measure::Sleep => "hours",
        };
        frame::right_label(&area, &panel, top * 0.3, scale, palette.muted)?;
        panel.draw_series([PathElement::new(vec![(0.0, 0.0), (0.0, top)], palette.axis.stroke_width(2))])?;
        // Every session day's line is one run of the same paint: one SVG
        // element, however many session days there are.
        let thin: Vec<Vec<(f64, f64)>> = aligned.series.iter().flat_map(|s| frame::runs(offsets(&s.values))).collect();
        panel.draw_series(
            thin.iter().filter(|run| run.len() > 1).map(|run| PathElement::new(run.clone(), faint.stroke_width(1))),
        )?;
        frame::circles(&mut panel, thin.iter().filter(|run| run.len() == 1).map(|run| run[0]), 2, faint.filled())?;
        frame::lines(&mut panel, &frame::runs(offsets(&aligned.median)), 3, color)?;
        if aligned.series.is_empty() {
            frame::empty_note(&panel, "No session days in this period", palette)?;
        }
        Ok(())
    })?;

    let decimals = if measure == Measure::Sleep { 2 } else { 1 };
    let mut table = DataTable::new(&["Day", "Session days with a value", "Median", "Lowest", "Highest"]);
    for (index, offset) in Aligned::offsets().enumerate() {
        let here: Vec<f64> = aligned.series.iter().filter_map(|s| s.values[index]).collect();
        let lowest = here.iter().copied().reduce(f64::min);
        let highest = here.iter().copied().reduce(f64::max);
        table.push(vec![
            offset_label(offset),
            aligned.counts[index].to_string(),
            value(aligned.median[index], decimals),
            value(lowest, decimals),
            value(highest, decimals),
        ]);
    }

    Ok(Chart::new(
        "session-effects",
        format!("{} around session days", name(measure)),
        svg,
        HEIGHT,
        alt_text(&aligned, decimals),
        table,
    ))
}

fn alt_text(aligned: &Aligned, decimals: usize) -> String {
    let what = name(aligned.measure);
    let (Some(first), Some(last)) = (aligned.series.first(), aligned.series.last()) else {
        return format!("{what} around session days: no session days in this period.");
    };
    let days = super::count(aligned.series.len(), "session day", "session days");
    let span = if first.day == last.day {
        format!("on {}", format_day(first.day))
    } else {
        format!("from {} to {}", format_day(first.day), format_day(last.day))
    };
    let at = |offset: i64| {
        usize::try_from(offset - ALIGNED_FIRST_OFFSET).ok().and_then(|i| aligned.median.get(i).copied().flatten())
    };
    let medians = match (at(-1), at(1)) {
        (Some(before), Some(after)) => format!(
            " The median was {} the day before the session day and {} the day after.",
            format_number(before, decimals),
            format_number(after, decimals)
        ),
        _ => format!(" Fewer than {MIN_SESSION_DAYS} session days have a value either side of the session day."),
    };
    format!(
        "{what} on the 7 days before to the 21 days after each of {days} {span}, one line per session day and their \
         median.{medians}"
    )
}
