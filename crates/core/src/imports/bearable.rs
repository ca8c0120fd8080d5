//! Bearable's CSV export ("Bearable App - Data Export. Generated DD-MM-YYYY.csv"):
//! `date,date formatted,weekday,time of day,category,rating/amount,detail,notes`,
//! one row per thing logged.
//!
//! Rows of the same day and time of day become one check-in. The time of
//! day is `am`, `mid`, `pm` or `all day` (or a clock time); Ketalog places
//! them at 09:00, 13:00, 19:00 and 12:00 local time.
//!
//! - **Mood** (1–10) becomes 0–10: (rating − 1) × 10 / 9, rounded away from
//!   the middle; several mood rows of one time of day are averaged.
//! - **Energy** (1–5, or v. low / low / ok / high / v. high) becomes 0, 2, 5,
//!   8, 10.
//! - **Symptom** rows (`Anxiety (Moderate)`, severity 1–4): anxiety becomes
//!   the check-in's anxiety, 1–4 → 2, 5, 8, 10 on 0–10; other symptoms are
//!   counted in the preview (no symptom list in a check-in yet).
//! - **Sleep** (`7:30`, hours and minutes) becomes the hours slept.
//! - **Notes** rows and the `notes` column become the check-in's private notes.
//! - **Factors**: the items of every other category (`☕ Caffeine - A lot |
//!   🚶 Walk - Moderate` in lifestyle, sleep quality, meals, social, …)
//!   become the check-in's tags, by name without their amount (`☕
//!   Caffeine`, `🚶 Walk`). Medications, supplements and health
//!   measurements are not factors of the user's day and weather is logged
//!   by the app itself: they are counted in the preview, not imported.
//! - Id: the app, the day and the time of day.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};

use super::{
    ImportError, ImportPlan, Offsets, SourceApp, Unmapped, away_from_middle, csv_rows, local_timestamp, parse_clock,
    parse_date, record_id, tags_from, to_ten, wrong_app,
};
use crate::model::CheckIn;

const HEADER: [&str; 8] =
    ["date", "date formatted", "weekday", "time of day", "category", "rating/amount", "detail", "notes"];
const ENERGY_WORDS: [&str; 5] = ["v. low", "low", "ok", "high", "v. high"];
/// Categories whose items are not factors the user logs about their day.
const NOT_FACTORS: [&str; 6] = ["medication", "medications", "supplements", "health measurements", "weather", ""];

/// What the rows of one day and time of day add up to.
#[derive(Default)]
struct Slot {
    first_line: u64,
    moods: Vec<f64>,
    energy: Option<u8>,
    anxiety: Option<u8>,
    sleep_hours: Option<f64>,
    factors: Vec<String>,
    notes: Vec<String>,
}

/// The clock time a Bearable time of day stands for.
fn time_of_day(text: &str) -> Option<NaiveTime> {
    let hour = match text.trim().to_lowercase().as_str() {
        "am" | "morning" => 9,
        "mid" | "midday" | "afternoon" => 13,
        "pm" | "evening" | "night" => 19,
        "" | "all day" | "all-day" | "day" => 12,
        other => return parse_clock(other),
    };
    NaiveTime::from_hms_opt(hour, 0, 0)
}

/// `7:30` (hours:minutes) or `7.5` as hours.
fn hours(text: &str) -> Option<f64> {
    let text = text.trim();
    match text.split_once(':') {
        Some((h, m)) => Some(h.trim().parse::<f64>().ok()? + m.trim().parse::<f64>().ok()? / 60.0),
        None => text.replace(',', ".").parse().ok(),
    }
}

pub(super) fn read(text: &str, offsets: &dyn Offsets) -> Result<ImportPlan, ImportError> {
    let (header, rows) = csv_rows(text).map_err(|e| match e {
        ImportError::Malformed { .. } if !text.trim_start().to_lowercase().starts_with("date,date formatted") => {
            wrong_app(SourceApp::Bearable, text)
        }
        other => other,
    })?;
    if header != HEADER {
        return Err(wrong_app(SourceApp::Bearable, text));
    }
    let mut plan = ImportPlan::new(SourceApp::Bearable, rows.len());
    let mut unmapped = Unmapped::default();
    let mut slots: BTreeMap<(NaiveDate, NaiveTime, String), Slot> = BTreeMap::new();
    for (line, row) in rows {
        let [_, formatted, _, when, category, amount, detail, notes] = &row[..] else {
            return Err(ImportError::at(format!("line {line}"), "does not have Bearable's 8 fields"));
        };
        let day = parse_date(formatted).ok_or_else(|| {
            ImportError::at(
                format!("line {line}, date formatted"),
                format!("expected a date like 2026-03-01 or 1 Mar 2026, got {formatted:?}"),
            )
        })?;
        let clock = time_of_day(when).ok_or_else(|| {
            ImportError::at(
                format!("line {line}, time of day"),
                format!("expected am, mid, pm, all day or a time like 20:15, got {when:?}"),
            )
        })?;
        let slot = slots.entry((day, clock, when.trim().to_lowercase())).or_default();
        if slot.first_line == 0 {
            slot.first_line = line;
        }
        let number = || amount.trim().replace(',', ".").parse::<f64>().ok();
        let bad =
            |what: &str| ImportError::at(format!("line {line}, rating/amount"), format!("{what}, got {amount:?}"));
        match category.trim().to_lowercase().as_str() {
            "mood" => match number() {
                Some(r) if (1.0..=10.0).contains(&r) => slot.moods.push(r),
                _ => return Err(bad("expected a mood rating from 1 to 10")),
            },
            "energy" => {
                let by_word = ENERGY_WORDS.iter().position(|w| detail.trim().eq_ignore_ascii_case(w));
                let level = match number() {
                    Some(r) if (1.0..=5.0).contains(&r) && r.fract() == 0.0 => Some(r as u32 - 1),
                    _ => by_word.map(|p| p as u32),
                };
                slot.energy = Some(to_ten(level.ok_or_else(|| bad("expected an energy rating from 1 to 5"))?, 5));
            }
            "symptom" | "symptoms" => {
                let name = detail.split('(').next().unwrap_or_default().trim();
                if name.eq_ignore_ascii_case("anxiety") {
                    match number() {
                        Some(r) if (1.0..=4.0).contains(&r) && r.fract() == 0.0 => {
                            let level = to_ten(r as u32, 5);
                            slot.anxiety = Some(slot.anxiety.map_or(level, |a| a.max(level)));
                        }
                        _ => return Err(bad("expected a symptom severity from 1 to 4")),
                    }
                } else {
                    unmapped.add(
                        "symptoms",
                        "no symptom list in a Ketalog check-in yet (only anxiety is mapped)",
                        [name],
                    );
                }
            }
            "sleep" => match hours(amount) {
                Some(h) => slot.sleep_hours = Some(slot.sleep_hours.unwrap_or(0.0) + h),
                None => return Err(bad("expected hours slept like 7:30")),
            },
            "notes" | "note" => {
                let text = if detail.trim().is_empty() { amount.trim() } else { detail.trim() };
                if !text.is_empty() {
                    slot.notes.push(text.to_owned());
                }
            }
            other => {
                let items = detail.split('|').map(|d| d.split(" - ").next().unwrap_or(d).trim().to_owned());
                if NOT_FACTORS.contains(&other) {
                    let what = if other.is_empty() {
                        "rows without a category".to_owned()
                    } else {
                        format!("category {:?}", category.trim())
                    };
                    let names: Vec<String> = items.collect();
                    unmapped.add(&what, "not a factor of the day: not imported", names.iter().map(String::as_str));
                } else {
                    slot.factors.extend(items);
                }
            }
        }
        if !notes.trim().is_empty() && !slot.notes.iter().any(|n| n == notes.trim()) {
            slot.notes.push(notes.trim().to_owned());
        }
    }
    for ((day, clock, when), slot) in slots {
        let mood = (!slot.moods.is_empty()).then(|| {
            let mean = slot.moods.iter().sum::<f64>() / slot.moods.len() as f64;
            away_from_middle((mean - 1.0) * 10.0 / 9.0)
        });
        let checkin = CheckIn {
            mood,
            anxiety: slot.anxiety,
            sleep_hours: slot.sleep_hours,
            energy: slot.energy,
            tags: tags_from(slot.factors.iter().map(String::as_str), &mut unmapped),
            notes: slot.notes.join("\n\n"),
            ..CheckIn::new(
                record_id(SourceApp::Bearable, &format!("{day}\n{when}")),
                local_timestamp(day.and_time(clock), offsets),
            )
        };
        if checkin.is_empty() {
            // Only unmapped rows at this time of day: nothing to make a check-in of.
            continue;
        }
        plan.keep_checkin(checkin, &format!("line {}", slot.first_line));
    }
    Ok(plan.finish(unmapped))
}
