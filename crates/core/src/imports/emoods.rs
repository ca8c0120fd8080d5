//! eMoods' CSV export: one row per day (or per entry, when the app allows
//! several a day) with a date, the day's most extreme depressed mood,
//! elevated mood, irritability and anxiety, each none/mild/moderate/severe
//! (0–3), the hours slept, and notes; medications and custom tracking points
//! in further columns.
//!
//! Columns are found by name, without regard to case (`Date`, `Depressed`,
//! `Elevated`, `Irritability` or `Irritable`, `Anxiety`, `Sleep`,
//! `Notes` or `Note`, and `Time` when there is one); ratings may be written
//! as numbers (0–3) or words (none, mild, moderate, severe).
//!
//! - Each row becomes a check-in, at its time, or at 12:00 local time when
//!   the row has only a date.
//! - **Anxiety** 0–3 becomes 0, 3, 7, 10 on Ketalog's 0–10 scale.
//! - **Mood** (0 worst … 10 best) comes from the depressed rating when no
//!   elevated mood is recorded: none 5 (neither low nor high), mild 3,
//!   moderate 2, severe 0. An elevated mood is not a better mood, so a day
//!   with any elevated mood keeps no mood rating.
//! - **Elevated mood and irritability** have no field in Ketalog: they are
//!   written into the check-in's private notes ("eMoods: elevated mild,
//!   irritability moderate") so nothing is lost, and counted in the preview.
//! - **Sleep** hours are kept as they are.
//! - Any other column (medications, custom tracking points) is counted in
//!   the preview, not imported.
//! - Id: the app, the date and the time (if any), and the row's place among
//!   rows of that same date and time.

use std::collections::HashMap;

use chrono::NaiveTime;

use super::{
    ImportError, ImportPlan, Offsets, SourceApp, Unmapped, column, csv_rows, local_timestamp, parse_clock, parse_date,
    record_id, to_ten, wrong_app,
};
use crate::model::CheckIn;

const LEVELS: [&str; 4] = ["none", "mild", "moderate", "severe"];

/// Mood 0–10 for a depressed rating of none, mild, moderate, severe: the
/// lower half of the scale, 5 down to 0 in thirds.
const MOOD_FROM_DEPRESSED: [u8; 4] = [5, 3, 2, 0];

/// A 0–3 rating written as a number or a word; `None` for an empty cell.
fn rating(text: &str) -> Result<Option<u8>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if let Ok(n) = text.parse::<u8>()
        && n <= 3
    {
        return Ok(Some(n));
    }
    let lower = text.to_lowercase();
    match LEVELS.iter().position(|l| *l == lower) {
        Some(n) => Ok(Some(n as u8)),
        None => Err(format!("expected 0–3 or none, mild, moderate, severe; got {text:?}")),
    }
}

pub(super) fn read(text: &str, offsets: &dyn Offsets) -> Result<ImportPlan, ImportError> {
    let (header, rows) = csv_rows(text).map_err(|_| wrong_app(SourceApp::Emoods, text))?;
    let date = column(&header, &["date"]);
    let depressed = column(&header, &["depressed", "depressed mood", "depression"]);
    let elevated = column(&header, &["elevated", "elevated mood"]);
    let (Some(date), Some(_), Some(_)) = (date, depressed, elevated) else {
        return Err(wrong_app(SourceApp::Emoods, text));
    };
    let irritability = column(&header, &["irritability", "irritable"]);
    let anxiety = column(&header, &["anxiety", "anxious"]);
    let sleep = column(&header, &["sleep", "sleep (hours)", "hours slept"]);
    let notes_col = column(&header, &["notes", "note"]);
    let time_col = column(&header, &["time"]);
    let known = [Some(date), depressed, elevated, irritability, anxiety, sleep, notes_col, time_col];
    let others: Vec<(usize, &String)> = header.iter().enumerate().filter(|(i, _)| !known.contains(&Some(*i))).collect();

    let mut plan = ImportPlan::new(SourceApp::Emoods, rows.len());
    let mut unmapped = Unmapped::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (line, row) in rows {
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).map_or("", String::as_str);
        let named = |i: Option<usize>, name: &str| -> Result<Option<u8>, ImportError> {
            rating(cell(i)).map_err(|e| ImportError::at(format!("line {line}, {name}"), e))
        };
        let day = parse_date(cell(Some(date))).ok_or_else(|| {
            ImportError::at(
                format!("line {line}, date"),
                format!("expected a date like 2026-03-01, got {:?}", cell(Some(date))),
            )
        })?;
        let time = match cell(time_col).trim() {
            "" => None,
            t => Some(parse_clock(t).ok_or_else(|| {
                ImportError::at(format!("line {line}, time"), format!("expected a time like 20:15, got {t:?}"))
            })?),
        };
        if row.iter().enumerate().all(|(i, v)| i == date || v.trim().is_empty()) {
            unmapped.add("empty days", "nothing recorded on them", []);
            continue;
        }
        let (dep, elev, irr, anx) = (
            named(depressed, "depressed")?,
            named(elevated, "elevated")?,
            named(irritability, "irritability")?,
            named(anxiety, "anxiety")?,
        );
        let sleep_hours = match cell(sleep).trim() {
            "" => None,
            s => Some(s.replace(',', ".").parse::<f64>().map_err(|_| {
                ImportError::at(format!("line {line}, sleep"), format!("expected hours like 7.5, got {s:?}"))
            })?),
        };
        let mood = match (dep, elev) {
            (Some(d), None | Some(0)) => MOOD_FROM_DEPRESSED.get(usize::from(d)).copied(),
            _ => None,
        };
        let mut extra = Vec::new();
        let mut kept_in_notes = Vec::new();
        if let Some(e) = elev.filter(|e| *e > 0) {
            extra.push(format!("elevated {}", LEVELS[usize::from(e)]));
            kept_in_notes.push("elevated mood");
        }
        if let Some(i) = irr.filter(|i| *i > 0) {
            extra.push(format!("irritability {}", LEVELS[usize::from(i)]));
            kept_in_notes.push("irritability");
        }
        let filled: Vec<&str> =
            others.iter().filter(|(i, _)| !cell(Some(*i)).trim().is_empty()).map(|(_, name)| name.as_str()).collect();
        let mut notes = cell(notes_col).trim().to_owned();
        if !extra.is_empty() {
            let line = format!("eMoods: {}", extra.join(", "));
            notes = if notes.is_empty() { line } else { format!("{notes}\n\n{line}") };
        }
        let stamp = format!("{day} {}", time.map(|t| t.format("%H:%M").to_string()).unwrap_or_default());
        let occurrence = seen.entry(stamp.clone()).or_default();
        let key = format!("{stamp}\n{occurrence}");
        *occurrence += 1;
        let checkin = CheckIn {
            mood,
            anxiety: anx.map(|a| to_ten(u32::from(a), 4)),
            sleep_hours,
            notes,
            ..CheckIn::new(
                record_id(SourceApp::Emoods, &key),
                local_timestamp(day.and_time(time.unwrap_or(NaiveTime::MIN + chrono::Duration::hours(12))), offsets),
            )
        };
        if plan.keep_checkin(checkin, &format!("line {line}")) {
            for what in kept_in_notes {
                unmapped.add(what, "no such field in Ketalog; kept in the check-in's notes", []);
            }
            if !filled.is_empty() {
                unmapped.add("other columns", "no matching field in Ketalog", filled);
            }
        }
    }
    Ok(plan.finish(unmapped))
}
