//! PsychonautWiki Journal's JSON export: `experiences`, each with a title, a
//! text and `ingestions` (`substanceName`, `administrationRoute`, `dose`,
//! `units`, `isDoseAnEstimate`, `time` and `endTime` in milliseconds since
//! 1970, `creationDate`, `notes`), beside `substanceCompanions`,
//! `customSubstances` and `customUnits`, which are not read.
//!
//! - Each ingestion of ketamine becomes a session of racemic ketamine, each
//!   of esketamine (or S-ketamine) one of esketamine; ingestions of anything
//!   else are counted in the preview.
//! - **Dose** in mg only: an ingestion in µg, g or a custom unit, or without
//!   a dose, is left out and listed (Ketalog never converts a dose it was not
//!   given in mg).
//! - **Route**: intravenous → IV, intramuscular → IM, insufflated → intranasal,
//!   sublingual or buccal → sublingual, oral → oral, rectal → rectal, any
//!   other (smoked, inhaled, transdermal, subcutaneous) → other.
//! - **Time**: the ingestion's instant, with the user's offset at that
//!   instant; the duration from `endTime` when it is recorded.
//! - **Notes**: the ingestion's notes, "dose estimated" when it was marked
//!   so, and, on the experience's first ketamine session, its title and text;
//!   all private.
//! - Id: the app and the ingestion's creation time (else its time), the
//!   substance and the route.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::{ImportError, ImportPlan, LeftOut, Offsets, SourceApp, Unmapped, record_id, wrong_app};
use crate::model::{Medication, Route, Session};
use crate::time::Timestamp;

#[derive(Deserialize)]
struct Export {
    experiences: Vec<Experience>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Experience {
    #[serde(default)]
    title: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    ingestions: Vec<Ingestion>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Ingestion {
    #[serde(default)]
    substance_name: Option<String>,
    time: i64,
    #[serde(default)]
    end_time: Option<i64>,
    #[serde(default)]
    creation_date: Option<i64>,
    administration_route: String,
    #[serde(default)]
    dose: Option<f64>,
    #[serde(default)]
    is_dose_an_estimate: bool,
    #[serde(default)]
    units: Option<String>,
    #[serde(default)]
    notes: Option<String>,
}

fn medication(substance: &str) -> Option<Medication> {
    match substance.trim().to_lowercase().as_str() {
        "ketamine" => Some(Medication::RacemicKetamine),
        "esketamine" | "s-ketamine" | "(s)-ketamine" => Some(Medication::Esketamine),
        _ => None,
    }
}

fn route(text: &str) -> Route {
    match text.trim().to_uppercase().as_str() {
        "INTRAVENOUS" => Route::Iv,
        "INTRAMUSCULAR" => Route::Im,
        "INSUFFLATED" => Route::Intranasal,
        "SUBLINGUAL" | "BUCCAL" => Route::Sublingual,
        "ORAL" => Route::Oral,
        "RECTAL" => Route::Rectal,
        _ => Route::Other,
    }
}

fn instant(millis: i64, at: &str) -> Result<DateTime<Utc>, ImportError> {
    DateTime::from_timestamp_millis(millis)
        .ok_or_else(|| ImportError::at(at, format!("{millis} is not a time (milliseconds since 1970)")))
}

pub(super) fn read(text: &str, offsets: &dyn Offsets) -> Result<ImportPlan, ImportError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|_| wrong_app(SourceApp::PsychonautWiki, text))?;
    if value.get("experiences").is_none_or(|e| !e.is_array()) {
        return Err(wrong_app(SourceApp::PsychonautWiki, text));
    }
    let export: Export = serde_path_to_error::deserialize(value).map_err(|e| {
        let at = e.path().to_string();
        ImportError::at(at, e.into_inner().to_string())
    })?;
    let mut plan =
        ImportPlan::new(SourceApp::PsychonautWiki, export.experiences.iter().map(|e| e.ingestions.len()).sum());
    let mut unmapped = Unmapped::default();
    for (e, experience) in export.experiences.iter().enumerate() {
        let mut first_in_experience = true;
        for (i, ingestion) in experience.ingestions.iter().enumerate() {
            let at = format!("experiences[{e}].ingestions[{i}]");
            let substance = ingestion.substance_name.as_deref().unwrap_or_default();
            let Some(medication) = medication(substance) else {
                unmapped.add(
                    "ingestions of other substances",
                    "Ketalog records ketamine and esketamine sessions only",
                    [if substance.is_empty() { "a custom unit" } else { substance }],
                );
                continue;
            };
            let units = ingestion.units.as_deref().unwrap_or_default().trim();
            let dose = match ingestion.dose {
                None => {
                    plan.left_out.push(LeftOut { at, reason: format!("{substance} without a dose") });
                    continue;
                }
                Some(dose) if units != "mg" => {
                    let units = if units.is_empty() { "no unit" } else { units };
                    plan.left_out.push(LeftOut {
                        at,
                        reason: format!("{dose} {units} of {substance}: only doses in mg are imported"),
                    });
                    continue;
                }
                Some(dose) => dose,
            };
            let started = instant(ingestion.time, &format!("{at}.time"))?;
            let started_at = Timestamp::from_datetime(started.with_timezone(&offsets.at_instant(started)));
            let duration_min = match ingestion.end_time {
                Some(end) => {
                    let minutes = (end - ingestion.time) / 60_000;
                    u32::try_from(minutes).ok().filter(|m| (1..=24 * 60).contains(m))
                }
                None => None,
            };
            let mut notes = Vec::new();
            if first_in_experience {
                notes.extend(
                    [experience.title.trim(), experience.text.trim()]
                        .into_iter()
                        .filter(|t| !t.is_empty())
                        .map(str::to_owned),
                );
            }
            if let Some(n) = ingestion.notes.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                notes.push(n.to_owned());
            }
            if ingestion.is_dose_an_estimate {
                notes.push("Dose estimated (PsychonautWiki Journal).".to_owned());
            }
            let key = format!(
                "{}\n{}\n{}",
                ingestion.creation_date.unwrap_or(ingestion.time),
                substance.trim().to_lowercase(),
                ingestion.administration_route.trim().to_uppercase()
            );
            let session = Session {
                duration_min,
                notes: notes.join("\n\n"),
                ..Session::new(
                    record_id(SourceApp::PsychonautWiki, &key),
                    started_at,
                    medication,
                    route(&ingestion.administration_route),
                    dose,
                )
            };
            if plan.keep_session(session, &at) {
                first_in_experience = false;
            }
        }
    }
    Ok(plan.finish(unmapped))
}
