//! Doses: milligrams per day against the 200 mg/day line, the bioavailable
//! estimate per session, and mg/kg.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use plotters::prelude::*;

use super::frame::{self, Mark, PanelLayout, TimeAxis, YAxis};
use super::{Chart, ChartError, DataTable, DateRange, Theme, format_day, format_number};
use crate::model::{Journal, Medication, Route, Session};
use crate::rules::thresholds::DAILY_DOSE_ABOVE_MG as DAILY_DOSE_LIMIT_MG;

const HEIGHT: u32 = 360;
/// How far toward the card the daily-total bars are shaded: light, so the
/// session marks on them stand out.
const BAR_SHADE: f64 = 0.62;

/// Total milligrams taken on each local day of the range.
pub fn daily_totals(journal: &Journal, range: DateRange) -> BTreeMap<NaiveDate, f64> {
    let mut totals = BTreeMap::new();
    for session in journal.sessions.iter().filter(|s| range.contains(s.started_at.local_day())) {
        *totals.entry(session.started_at.local_day()).or_insert(0.0) += session.dose_mg;
    }
    totals
}

/// The medication as a table writes it.
pub fn medication_name(medication: Medication) -> &'static str {
    match medication {
        Medication::RacemicKetamine => "ketamine",
        Medication::Esketamine => "esketamine",
        Medication::Other => "other",
    }
}

/// The route as a table writes it.
pub fn route_name(route: Route) -> &'static str {
    match route {
        Route::Iv => "IV",
        Route::Im => "IM",
        Route::Intranasal => "intranasal",
        Route::Sublingual => "sublingual",
        Route::Oral => "oral",
        Route::Rectal => "rectal",
        Route::Other => "other",
    }
}

/// Doses over `range`: daily totals as bars, the 200 mg/day line, the dose
/// and bioavailable estimate of each session, and mg/kg below; past a year,
/// each week's highest daily total and the range of its sessions' values.
///
/// # Errors
/// [`ChartError`] only on a defect.
pub fn doses(journal: &Journal, range: DateRange, theme: Theme) -> Result<Chart, ChartError> {
    let palette = theme.palette();
    let axis = TimeAxis::new(range);
    let mut sessions: Vec<&Session> =
        journal.sessions.iter().filter(|s| range.contains(s.started_at.local_day())).collect();
    sessions.sort_by_key(|s| s.started_at);
    let totals = daily_totals(journal, range);
    let max_total = totals.values().copied().fold(0.0, f64::max);
    let per_kg: Vec<(&Session, f64)> =
        sessions.iter().filter_map(|s| s.mg_per_kg(&journal.profile).map(|v| (*s, v))).collect();
    let max_per_kg = per_kg.iter().map(|p| p.1).fold(0.0, f64::max);
    let bar = palette.shade(palette.blue, BAR_SHADE);
    let summarised = axis.detail().summarised();

    let period = axis.detail().period().to_lowercase();
    let (highest, doses) = (format!("Highest daily total in the {period}, mg"), format!("Doses in the {period}, mg"));
    let svg = frame::render("doses", HEIGHT, palette, |root| {
        let area = frame::with_legend(
            root,
            &if summarised {
                [
                    (Mark::Block(bar), highest.as_str()),
                    (Mark::Tick(palette.blue), doses.as_str()),
                    (Mark::Tick(palette.orange), "Bioavailable estimate, mg"),
                    (Mark::Tick(palette.green), "mg/kg"),
                    (Mark::Dashed(palette.red), "200 mg/day"),
                ]
            } else {
                [
                    (Mark::Block(bar), "Total mg that day"),
                    (Mark::Dot(palette.blue), "Dose per session, mg"),
                    (Mark::Ring(palette.orange), "Bioavailable estimate, mg"),
                    (Mark::Dot(palette.green), "mg/kg"),
                    (Mark::Dashed(palette.red), "200 mg/day"),
                ]
            },
            palette,
        )?;
        let areas = frame::stack(&area, &[2, 1]);
        let mg_top = frame::ceil_to(max_total.max(DAILY_DOSE_LIMIT_MG) * 1.1, 50.0);
        let mg_step = if mg_top > 400.0 { 100.0 } else { 50.0 };
        let mg = YAxis::stepped(0.0..mg_top, mg_step, "mg", 0);
        let mut upper = frame::panel(&areas[0], &axis, &mg, PanelLayout::ABOVE, palette)?;
        let kg_top = frame::ceil_to(max_per_kg.max(0.5) * 1.15, 0.25);
        let kg_step = frame::ceil_to(kg_top / 4.0, 0.25);
        let kg = YAxis::stepped(0.0..kg_top, kg_step, "mg/kg", 2);
        let mut lower = frame::panel(&areas[1], &axis, &kg, PanelLayout::BOTTOM, palette)?;

        upper.draw_series(DashedLineSeries::new(
            [(0.0, DAILY_DOSE_LIMIT_MG), (axis.days(), DAILY_DOSE_LIMIT_MG)],
            6,
            4,
            ShapeStyle::from(palette.red).stroke_width(2),
        ))?;
        let day_of = |s: &Session| s.started_at.local_day();
        if summarised {
            let highest = axis.periods(totals.iter().map(|(d, mg)| (*d, *mg)));
            upper.draw_series(highest.iter().map(|w| {
                let span = axis.span(w.first, w.last);
                Rectangle::new([(span.start, 0.0), (span.end, w.high)], bar.filled())
            }))?;
            let doses = axis.periods(sessions.iter().map(|s| (day_of(s), s.dose_mg)));
            frame::period_ticks(&mut upper, &axis, &doses, 4, palette.blue)?;
            let bioavailable = axis.periods(sessions.iter().filter_map(|s| Some((day_of(s), s.bioavailable_mg()?))));
            frame::period_ticks(&mut upper, &axis, &bioavailable, 2, palette.orange)?;
            let per_kg = axis.periods(per_kg.iter().map(|(s, v)| (day_of(s), *v)));
            frame::period_ticks(&mut lower, &axis, &per_kg, 2, palette.green)?;
        } else {
            // The day's total as a bar at least 3 px wide, whatever the span.
            let half_day = (0.4f64).max(1.5 * axis.days_per_pixel());
            upper.draw_series(totals.iter().map(|(d, mg)| {
                let x = axis.day(*d);
                Rectangle::new([(x - half_day, 0.0), (x + half_day, *mg)], bar.filled())
            }))?;
            let at = |s: &Session| axis.moment(s.started_at);
            frame::circles(&mut upper, sessions.iter().map(|s| (at(s), s.dose_mg)), 3, palette.blue.filled())?;
            let bioavailable = sessions.iter().filter_map(|s| Some((at(s), s.bioavailable_mg()?)));
            frame::circles(&mut upper, bioavailable, 4, palette.orange.stroke_width(2))?;
            frame::circles(&mut lower, per_kg.iter().map(|(s, v)| (at(s), *v)), 3, palette.green.filled())?;
        }
        if sessions.is_empty() {
            frame::empty_note(&upper, "No sessions in this period", palette)?;
        } else if per_kg.is_empty() {
            frame::empty_note(&lower, "No body weight recorded, so no mg/kg", palette)?;
        }
        Ok(())
    })?;

    let mut table =
        DataTable::new(&["Date", "Medication", "Route", "Dose (mg)", "mg/kg", "Bioavailable (mg)", "Day total (mg)"]);
    for session in &sessions {
        let day = session.started_at.local_day();
        table.push(vec![
            format_day(day),
            medication_name(session.medication).to_owned(),
            route_name(session.route).to_owned(),
            format_number(session.dose_mg, 1),
            session.mg_per_kg(&journal.profile).map_or_else(String::new, |v| format_number(v, 2)),
            session.bioavailable_mg().map_or_else(String::new, |v| format_number(v, 0)),
            totals.get(&day).map_or_else(String::new, |v| format_number(*v, 1)),
        ]);
    }

    let over_limit = totals.values().filter(|mg| **mg > DAILY_DOSE_LIMIT_MG).count();
    let alt_text = if sessions.is_empty() {
        format!("No sessions were recorded from {} to {}.", format_day(range.from()), format_day(range.to()))
    } else {
        let total: f64 = sessions.iter().map(|s| s.dose_mg).sum();
        format!(
            "{} from {} to {}, {} mg in all; the highest daily total was {} mg, and {} {} above 200 mg.",
            super::count(sessions.len(), "session", "sessions"),
            format_day(range.from()),
            format_day(range.to()),
            format_number(total, 1),
            format_number(max_total, 1),
            over_limit,
            if over_limit == 1 { "day was" } else { "days were" }
        )
    };

    Ok(Chart::new("doses", "Doses".to_owned(), svg, HEIGHT, alt_text, table))
}
