//! One daily series against another: a dot per paired day, the first
//! series across, the second up (`insights::compare` pairs the days).

use plotters::style::Color;

use super::frame::{self, Mark, YAxis};
use super::{Chart, ChartError, DataTable, Theme, format_day, format_number};
use crate::insights::{Comparison, Lag, Series};

const HEIGHT: u32 = 360;

/// The top of a series' axis, its step and the decimals of its labels.
fn scale(series: Series, values: impl Iterator<Item = f64>) -> (f64, f64, usize) {
    let most = values.fold(0.0, f64::max);
    match series {
        Series::Sleep => (frame::ceil_to(most.max(10.0), 4.0), 4.0, 0),
        Series::DoseMgPerKg => (frame::ceil_to(most.max(0.5), 0.5), 0.5, 1),
        Series::Mood | Series::Anxiety | Series::Energy | Series::Dissociation | Series::BladderPain => (10.0, 2.0, 0),
    }
}

/// "Mood", "Dose in mg/kg": a series' name as a label.
fn label(series: Series) -> String {
    crate::error::sentence(series.name())
}

/// The paired days of `found` as a scatter plot, its sentence as the text
/// alternative, one table row per paired day.
///
/// # Errors
/// [`ChartError`] only on a defect.
pub fn comparison(found: &Comparison, theme: Theme) -> Result<Chart, ChartError> {
    let palette = theme.palette();
    let (x_top, x_step, x_decimals) = scale(found.x, found.points.iter().map(|p| p.1));
    let (y_top, y_step, y_decimals) = scale(found.y, found.points.iter().map(|p| p.2));
    let when = match found.lag {
        Lag::SameDay => "the same day",
        Lag::NextDay => "the next day",
    };
    let across = format!("{} (across) against {} {when} (up)", label(found.x), found.y.name());
    let svg = frame::render("comparison", HEIGHT, palette, |root| {
        let area = frame::with_legend(root, &[(Mark::Dot(palette.blue), across.as_str())], palette)?;
        let count = (x_top / x_step + 1e-9).floor() as usize;
        let ticks: Vec<f64> = (0..=count).map(|i| i as f64 * x_step).collect();
        let y = YAxis::stepped(0.0..y_top, y_step, "", y_decimals);
        let mut panel = frame::value_panel(
            &area,
            (-x_step / 4.0..x_top + x_step / 4.0, ticks),
            &|v| format_number(v, x_decimals),
            &y,
            palette,
        )?;
        frame::right_label(&area, &panel, y_top * 0.7, &label(found.y), palette.ink)?;
        frame::circles(&mut panel, found.points.iter().map(|p| (p.1, p.2)), 3, palette.blue.filled())?;
        if found.points.is_empty() {
            frame::empty_note(&panel, "No days with both", palette)?;
        }
        Ok(())
    })?;
    let y_column = match found.lag {
        Lag::SameDay => label(found.y),
        Lag::NextDay => format!("{}, next day", label(found.y)),
    };
    let x_column = label(found.x);
    let mut table = DataTable::new(&["Date", x_column.as_str(), y_column.as_str()]);
    for (day, x, y) in &found.points {
        table.push(vec![format_day(*day), format_number(*x, 2), format_number(*y, 2)]);
    }
    Ok(Chart::new(
        "comparison",
        format!("{} and {} {when}", label(found.x), found.y.name()),
        svg,
        HEIGHT,
        found.sentence.clone(),
        table,
    ))
}
