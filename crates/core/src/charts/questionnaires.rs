//! PHQ-9 and GAD-7 totals over time, on their severity bands, with the
//! sessions marked along the time axis.

use plotters::prelude::*;

use super::bands::{Band, band_of, gad7_bands, phq9_bands};
use super::frame::{self, Mark, PanelLayout, TimeAxis, YAxis};
use super::palette::Palette;
use super::periods::Detail;
use super::{Chart, ChartError, DataTable, DateRange, Theme, format_day};
use crate::model::Journal;
use crate::time::Timestamp;

const HEIGHT: u32 = 300;

/// What differs between the two questionnaires.
struct Instrument<'a> {
    id: &'static str,
    name: &'static str,
    bands: &'a [Band],
    max: u8,
    color: fn(&Palette) -> RGBColor,
}

/// PHQ-9 totals (0–27) over `range`, with their bands.
///
/// # Errors
/// [`ChartError`] only on a defect.
pub fn phq9(journal: &Journal, range: DateRange, theme: Theme) -> Result<Chart, ChartError> {
    let scores =
        journal.phq9.iter().filter(|q| range.contains(q.at.local_day())).map(|q| (q.at, q.total(), Some(q.item9())));
    let bands = phq9_bands();
    let instrument = Instrument { id: "phq9", name: "PHQ-9", bands: &bands, max: 27, color: |p| p.blue };
    questionnaire(journal, range, theme.palette(), &instrument, scores.collect())
}

/// GAD-7 totals (0–21) over `range`, with their bands.
///
/// # Errors
/// [`ChartError`] only on a defect.
pub fn gad7(journal: &Journal, range: DateRange, theme: Theme) -> Result<Chart, ChartError> {
    let scores = journal.gad7.iter().filter(|q| range.contains(q.at.local_day())).map(|q| (q.at, q.total(), None));
    let bands = gad7_bands();
    let instrument = Instrument { id: "gad7", name: "GAD-7", bands: &bands, max: 21, color: |p| p.purple };
    questionnaire(journal, range, theme.palette(), &instrument, scores.collect())
}

/// The tint of a band, by its severity (GAD-7 has no "moderately severe").
fn band_tint(band: &Band, palette: &Palette) -> RGBColor {
    let [minimal, mild, moderate, moderately_severe, severe] = palette.band_tints;
    match band.label {
        "minimal" => minimal,
        "mild" => mild,
        "moderate" => moderate,
        "moderately severe" => moderately_severe,
        _ => severe,
    }
}

fn band_label(bands: &[Band], total: u8) -> &'static str {
    band_of(bands, total).map_or("", |b| b.label)
}

fn questionnaire(
    journal: &Journal,
    range: DateRange,
    palette: &Palette,
    instrument: &Instrument<'_>,
    mut scores: Vec<(Timestamp, u8, Option<u8>)>,
) -> Result<Chart, ChartError> {
    // In time order, whatever order the journal holds them in: the line
    // joins them in this order, and the table lists them so.
    scores.sort_by_key(|&(at, ..)| at);
    let axis = TimeAxis::new(range);
    let mut sessions: Vec<Timestamp> =
        journal.sessions.iter().map(|s| s.started_at).filter(|at| range.contains(at.local_day())).collect();
    sessions.sort();
    let points: Vec<(f64, f64)> = scores.iter().map(|&(at, total, _)| (axis.moment(at), f64::from(total))).collect();
    let name = instrument.name;
    let color = (instrument.color)(palette);

    let svg = frame::render(instrument.id, HEIGHT, palette, |root| {
        let total_label = format!("{name} total");
        let session_mark = format!("{} with a session", axis.detail().period());
        let mut legend = vec![(Mark::Line(color), total_label.as_str())];
        if !sessions.is_empty() {
            legend.push(match axis.detail() {
                Detail::Daily => (Mark::Triangle(palette.session), "Session"),
                Detail::Weekly | Detail::Monthly => (Mark::Tick(palette.session), session_mark.as_str()),
            });
        }
        let area = frame::with_legend(root, &legend, palette)?;
        let mut ticks: Vec<f64> = instrument.bands.iter().map(|b| f64::from(b.low)).collect();
        ticks.push(f64::from(instrument.max));
        let y = YAxis { range: 0.0..f64::from(instrument.max), ticks, title: "total score", decimals: 0 };
        let mut panel = frame::panel(&area, &axis, &y, PanelLayout::BOTTOM, palette)?;
        let (days, max) = (axis.days(), f64::from(instrument.max));
        panel.draw_series(instrument.bands.iter().map(|band| {
            let top = if band.high >= instrument.max { max } else { f64::from(band.high) + 1.0 };
            Rectangle::new([(0.0, f64::from(band.low)), (days, top)], band_tint(band, palette).filled())
        }))?;
        for band in instrument.bands {
            let top = if band.high >= instrument.max { max } else { f64::from(band.high) + 1.0 };
            frame::right_label(&area, &panel, (f64::from(band.low) + top) / 2.0, band.label, palette.muted)?;
        }
        if points.is_empty() {
            frame::empty_note(&panel, &format!("No {name} in this period"), palette)?;
        } else {
            frame::lines(&mut panel, std::slice::from_ref(&points), 2, color)?;
            // A dot per questionnaire while they have room; over years the
            // dots would merge into a thicker line.
            if axis.detail() == Detail::Daily {
                frame::circles(&mut panel, points.iter().copied(), 4, color.filled())?;
            }
        }
        frame::session_marks(&mut panel, &axis, &sessions, 0.0, palette)?;
        Ok(())
    })?;

    let mut table = DataTable::new(if instrument.id == "phq9" {
        &["Date", "Total", "Band", "Item 9"]
    } else {
        &["Date", "Total", "Band"]
    });
    for &(at, total, item9) in &scores {
        let mut row =
            vec![format_day(at.local_day()), total.to_string(), band_label(instrument.bands, total).to_owned()];
        if let Some(item9) = item9 {
            row.push(item9.to_string());
        }
        table.push(row);
    }

    let period = format!("{} to {}", format_day(range.from()), format_day(range.to()));
    let sessions_said = match sessions.len() {
        0 => String::new(),
        1 => "; 1 session is marked".to_owned(),
        n => format!("; {n} sessions are marked"),
    };
    let alt_text = match (scores.first(), scores.last()) {
        (Some(&(first_at, first, _)), Some(&(last_at, last, _))) if scores.len() > 1 => format!(
            "{name} totals from {first} ({}) on {} to {last} ({}) on {}, {} questionnaires{sessions_said}.",
            band_label(instrument.bands, first),
            format_day(first_at.local_day()),
            band_label(instrument.bands, last),
            format_day(last_at.local_day()),
            scores.len()
        ),
        (Some(&(at, total, _)), _) => format!(
            "One {name} from {period}: {total} ({}) on {}{sessions_said}.",
            band_label(instrument.bands, total),
            format_day(at.local_day())
        ),
        _ => format!("No {name} was recorded from {period}{sessions_said}."),
    };

    Ok(Chart::new(instrument.id, format!("{name} over time"), svg, HEIGHT, alt_text, table))
}
