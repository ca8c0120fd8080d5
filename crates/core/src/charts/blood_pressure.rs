//! Blood pressure before and after each session.

use plotters::prelude::*;

use super::frame::{self, Mark, PanelLayout, TimeAxis, YAxis};
use super::{Chart, ChartError, DataTable, DateRange, Theme, format_day};
use crate::model::{BloodPressure, Journal, Session};

const HEIGHT: u32 = 300;
/// Pre-dose readings above these are worth a word with the clinician
/// (RULES.md, `bp.pre_dose_high`); drawn as guide lines.
const GUIDE_SYSTOLIC: f64 = 140.0;
const GUIDE_DIASTOLIC: f64 = 90.0;

fn reading(bp: Option<BloodPressure>) -> String {
    bp.map_or_else(String::new, |bp| format!("{}/{}", bp.systolic, bp.diastolic))
}

/// Systolic and diastolic pressure before (blue) and after (orange) each
/// session over `range`, each pair joined by a line; past a year, the range
/// of each week's readings.
///
/// # Errors
/// [`ChartError`] only on a defect.
pub fn blood_pressure(journal: &Journal, range: DateRange, theme: Theme) -> Result<Chart, ChartError> {
    let palette = theme.palette();
    let axis = TimeAxis::new(range);
    let mut sessions: Vec<&Session> = journal
        .sessions
        .iter()
        .filter(|s| range.contains(s.started_at.local_day()) && (s.bp_pre.is_some() || s.bp_post.is_some()))
        .collect();
    sessions.sort_by_key(|s| s.started_at);
    let highest =
        sessions.iter().flat_map(|s| [s.bp_pre, s.bp_post]).flatten().map(|bp| bp.systolic).max().unwrap_or(0);
    let lowest =
        sessions.iter().flat_map(|s| [s.bp_pre, s.bp_post]).flatten().map(|bp| bp.diastolic).min().unwrap_or(60);
    let summarised = axis.detail().summarised();

    let before = format!("Before, each {}'s range", axis.detail().period().to_lowercase());
    let svg = frame::render("blood-pressure", HEIGHT, palette, |root| {
        let area = frame::with_legend(
            root,
            &if summarised {
                [
                    (Mark::Tick(palette.blue), before.as_str()),
                    (Mark::Tick(palette.orange), "After"),
                    (Mark::Dashed(palette.muted), "140/90"),
                ]
            } else {
                [
                    (Mark::Dot(palette.blue), "Before (systolic ●, diastolic ○)"),
                    (Mark::Dot(palette.orange), "After"),
                    (Mark::Dashed(palette.muted), "140/90"),
                ]
            },
            palette,
        )?;
        let top = frame::ceil_to(f64::from(highest.max(160)) + 10.0, 20.0);
        let bottom = (f64::from(lowest.min(60)) / 20.0).floor() * 20.0 - 20.0;
        let y = YAxis::stepped(bottom.max(0.0)..top, 20.0, "mmHg", 0);
        let mut panel = frame::panel(&area, &axis, &y, PanelLayout::BOTTOM, palette)?;
        for guide in [GUIDE_SYSTOLIC, GUIDE_DIASTOLIC] {
            panel.draw_series(DashedLineSeries::new(
                [(0.0, guide), (axis.days(), guide)],
                5,
                4,
                ShapeStyle::from(palette.muted).stroke_width(1),
            ))?;
            frame::right_label(&area, &panel, guide, &guide.to_string(), palette.muted)?;
        }
        type Reading = fn(&Session) -> Option<u16>;
        let series: [(Reading, _); 4] = [
            (|s| s.bp_pre.map(|bp| bp.systolic), palette.blue),
            (|s| s.bp_pre.map(|bp| bp.diastolic), palette.blue),
            (|s| s.bp_post.map(|bp| bp.systolic), palette.orange),
            (|s| s.bp_post.map(|bp| bp.diastolic), palette.orange),
        ];
        if summarised {
            // Before wide, after narrow over it: both stay seen where they overlap.
            for (i, (reading, color)) in series.into_iter().enumerate() {
                let values = sessions.iter().filter_map(|s| Some((s.started_at.local_day(), f64::from(reading(s)?))));
                let width = if i < 2 { 4 } else { 2 };
                frame::period_ticks(&mut panel, &axis, &axis.periods(values), width, color)?;
            }
        } else {
            let x = |s: &Session| axis.moment(s.started_at);
            let joined = sessions.iter().filter_map(|s| Some((s, s.bp_pre?, s.bp_post?)));
            panel.draw_series(joined.flat_map(|(s, pre, post)| {
                [(pre.systolic, post.systolic), (pre.diastolic, post.diastolic)].map(|(a, b)| {
                    PathElement::new(vec![(x(s), f64::from(a)), (x(s), f64::from(b))], palette.axis.stroke_width(1))
                })
            }))?;
            // Systolic as dots, diastolic as rings.
            for (i, (reading, color)) in series.into_iter().enumerate() {
                let points = sessions.iter().filter_map(|s| Some((x(s), f64::from(reading(s)?))));
                let style = if i % 2 == 0 { color.filled() } else { color.stroke_width(2) };
                frame::circles(&mut panel, points, 4, style)?;
            }
        }
        if sessions.is_empty() {
            frame::empty_note(&panel, "No blood pressure recorded in this period", palette)?;
        }
        Ok(())
    })?;

    let mut table =
        DataTable::new(&["Date", "Before (mmHg)", "After (mmHg)", "Change", "Heart rate before", "Heart rate after"]);
    for session in &sessions {
        let change = match (session.bp_pre, session.bp_post) {
            (Some(a), Some(b)) => format!(
                "{:+}/{:+}",
                i32::from(b.systolic) - i32::from(a.systolic),
                i32::from(b.diastolic) - i32::from(a.diastolic)
            ),
            _ => String::new(),
        };
        let rate = |r: Option<u16>| r.map_or_else(String::new, |r| r.to_string());
        table.push(vec![
            format_day(session.started_at.local_day()),
            reading(session.bp_pre),
            reading(session.bp_post),
            change,
            rate(session.heart_rate_pre),
            rate(session.heart_rate_post),
        ]);
    }

    let alt_text = if sessions.is_empty() {
        format!("No blood pressure was recorded from {} to {}.", format_day(range.from()), format_day(range.to()))
    } else {
        let max_pre = sessions.iter().filter_map(|s| s.bp_pre).max_by_key(|bp| bp.systolic);
        let max_post = sessions.iter().filter_map(|s| s.bp_post).max_by_key(|bp| bp.systolic);
        format!(
            "Blood pressure at {} from {} to {}; the highest reading was {} before a dose and {} after.",
            super::count(sessions.len(), "session", "sessions"),
            format_day(range.from()),
            format_day(range.to()),
            if max_pre.is_some() { reading(max_pre) } else { "not recorded".to_owned() },
            if max_post.is_some() { reading(max_post) } else { "not recorded".to_owned() },
        )
    };

    Ok(Chart::new(
        "blood-pressure",
        "Blood pressure before and after sessions".to_owned(),
        svg,
        HEIGHT,
        alt_text,
        table,
    ))
}
