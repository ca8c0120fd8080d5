//! The journal as FHIR R4, for a clinic's systems: one `Bundle` of type
//! `collection`.
//!
//! What each record becomes (codes in [`codes`]; the full table is in
//! ARCHITECTURE.md):
//!
//! - a **session** → one `MedicationAdministration` (RxNorm drug, SNOMED CT
//!   route, the total dose in mg, `effectivePeriod` from the start and the
//!   duration, or `effectiveDateTime` when the duration is unknown). Partial
//!   doses stay inside that one administration: the dose is their sum and
//!   `dosage.text` lists each part and when it was taken, so nothing that
//!   sums administrations counts a dose twice. Its blood pressure and heart
//!   rate before and after become vital-sign `Observation`s (`partOf` the
//!   administration): "before" at the session's start, "after" at its end
//!   when the duration is known, else as a period opening at the start;
//! - a **PHQ-9** → a `QuestionnaireResponse` (LOINC question codes as link
//!   ids, LOINC answer codes) and three `Observation`s derived from it: the
//!   panel (44249-1) holding the total (44261-6) and item 9 (44260-8);
//! - a **GAD-7** → a `QuestionnaireResponse` and two `Observation`s: the
//!   panel (69737-5) holding the total (70274-6);
//! - an **ICSI/ICPI** pair → two `Observation`s (one per index, items as
//!   components), a **bladder diary day** → one, a **check-in** → one, all
//!   under Ketalog's own code system;
//! - the **profile** → a minimal `Patient`: the display name if there is one,
//!   nothing else (no identifier is invented).
//!
//! Notes travel only from records whose `share_notes` is on, as `note`
//! annotations; a private note is never read. Acknowledgements of alerts are
//! not clinical data and are left out.
//!
//! Ids are stable: a record's own resource has the record's id, and the
//! resources derived from it a UUID v5 of the record id and their part. Every
//! `fullUrl` is `urn:uuid:<id>` and references point at those. Times are the
//! records' own, with their UTC offsets.

pub mod codes;

use chrono::Duration;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::charts::DateRange;
use crate::instruments::{self, GadSevenBand, PhqNineBand};
use crate::model::{BladderDay, BladderIndices, BloodPressure, CheckIn, GadSeven, Journal, PhqNine, Session};
use crate::time::Timestamp;
use codes::Code;

/// What to export.
#[derive(Debug, Clone, Copy)]
pub struct FhirOptions {
    /// Only records of these local days (a diary day by its date); all when `None`.
    pub range: Option<DateRange>,
    /// The bundle's `timestamp`: when it was made, given by the caller.
    pub generated_at: Timestamp,
}

/// Namespace of the UUID v5 ids of derived resources and of the patient.
const ID_NAMESPACE: Uuid = Uuid::from_u128(0x0148_5ad3_84cc_4e8c_b8c8_a70a_c2ea_492f);

/// The id of the resource `part` derived from the record `record`.
fn derived(record: Uuid, part: &str) -> Uuid {
    Uuid::new_v5(&ID_NAMESPACE, format!("{record}/{part}").as_bytes())
}

/// The Patient's id: derived from the journal's first record (the earliest
/// created, else the earliest in time), so that it stays the same from one
/// export to the next and differs between journals. It changes only if that
/// record is deleted.
pub fn patient_id(journal: &Journal) -> Uuid {
    let first_created = journal.record_times.iter().min_by_key(|t| (t.created_at, t.id)).map(|t| t.id);
    let first_in_time = || {
        let timed = journal
            .sessions
            .iter()
            .map(|s| (s.started_at.unix_millis(), s.id))
            .chain(journal.checkins.iter().map(|c| (c.at.unix_millis(), c.id)))
            .chain(journal.phq9.iter().map(|q| (q.at.unix_millis(), q.id)))
            .chain(journal.gad7.iter().map(|q| (q.at.unix_millis(), q.id)))
            .chain(journal.icsi_icpi.iter().map(|q| (q.at.unix_millis(), q.id)))
            .chain(journal.bladder.iter().map(|d| (noon_millis(d), d.id)));
        timed.min().map(|(_, id)| id)
    };
    match first_created.or_else(first_in_time) {
        Some(id) => derived(id, "patient"),
        None => Uuid::new_v5(&ID_NAMESPACE, b"patient of an empty journal"),
    }
}

fn noon_millis(day: &BladderDay) -> i64 {
    day.date.and_hms_opt(12, 0, 0).map_or(0, |t| t.and_utc().timestamp_millis())
}

/// The journal (or the records of `options.range`) as a FHIR R4 `Bundle` of
/// type `collection`: the Patient first, then each record's resources,
/// sessions first, each kind oldest first.
pub fn bundle(journal: &Journal, options: &FhirOptions) -> Value {
    let in_range = |day| options.range.is_none_or(|r| r.contains(day));
    let patient = patient_id(journal);
    let mut resources = vec![patient_resource(journal, patient)];
    for s in journal.sessions.iter().filter(|s| in_range(s.started_at.local_day())) {
        resources.extend(session(s, patient));
    }
    for q in journal.phq9.iter().filter(|q| in_range(q.at.local_day())) {
        resources.extend(phq9(q, patient));
    }
    for q in journal.gad7.iter().filter(|q| in_range(q.at.local_day())) {
        resources.extend(gad7(q, patient));
    }
    for q in journal.icsi_icpi.iter().filter(|q| in_range(q.at.local_day())) {
        resources.extend(bladder_indices(q, patient));
    }
    for d in journal.bladder.iter().filter(|d| in_range(d.date)) {
        resources.push(diary_day(d, patient));
    }
    for c in journal.checkins.iter().filter(|c| in_range(c.at.local_day())) {
        resources.push(check_in(c, patient));
    }
    let entries: Vec<Value> = resources
        .into_iter()
        .map(|resource| {
            let full_url = format!("urn:uuid:{}", resource["id"].as_str().unwrap_or_default());
            json!({ "fullUrl": full_url, "resource": resource })
        })
        .collect();
    json!({
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": options.generated_at.to_rfc3339(),
        "entry": entries,
    })
}

fn reference(id: Uuid) -> Value {
    json!({ "reference": format!("urn:uuid:{id}") })
}

fn quantity(value: impl Into<Value>, unit: &str, ucum: &str) -> Value {
    json!({ "value": value.into(), "unit": unit, "system": codes::UCUM, "code": ucum })
}

fn notes(texts: impl IntoIterator<Item = String>) -> Option<Value> {
    let annotations: Vec<Value> = texts.into_iter().map(|text| json!({ "text": text })).collect();
    (!annotations.is_empty()).then_some(Value::Array(annotations))
}

/// A shared note as an annotation; nothing for a private or empty one.
fn shared_note(shared: bool, text: &str) -> Option<Value> {
    notes((shared && !text.trim().is_empty()).then(|| text.trim().to_owned()))
}

/// An observation's skeleton: status, category, code, subject, time.
fn observation(id: Uuid, category: Code, code: Code, patient: Uuid, effective: Effective) -> Value {
    let mut obs = json!({
        "resourceType": "Observation",
        "id": id.to_string(),
        "status": "final",
        "category": [category.concept()],
        "code": code.concept(),
        "subject": reference(patient),
    });
    effective.set(&mut obs);
    obs
}

fn component(code: Code, value_key: &str, value: Value) -> Value {
    json!({ "code": code.concept(), value_key: value })
}

/// When an observation or administration took place.
enum Effective {
    /// At one moment.
    At(String),
    /// Over a period; `end` unknown when `None`.
    Period { start: String, end: Option<String> },
}

impl Effective {
    fn at(t: Timestamp) -> Self {
        Self::At(t.to_rfc3339())
    }

    fn set(self, resource: &mut Value) {
        match self {
            Self::At(t) => resource["effectiveDateTime"] = json!(t),
            Self::Period { start, end: None } => resource["effectivePeriod"] = json!({ "start": start }),
            Self::Period { start, end: Some(end) } => {
                resource["effectivePeriod"] = json!({ "start": start, "end": end });
            }
        }
    }
}

/// `minutes` after `t`, in `t`'s offset.
fn later(t: Timestamp, minutes: u32) -> String {
    Timestamp::from_datetime(t.datetime() + Duration::minutes(i64::from(minutes))).to_rfc3339()
}

/// Milligrams as a person writes them: `100`, `12.5`.
fn mg(value: f64) -> String {
    format!("{} mg", crate::charts::format_number(value, 3))
}

fn patient_resource(journal: &Journal, id: Uuid) -> Value {
    let mut patient = json!({ "resourceType": "Patient", "id": id.to_string() });
    if let Some(name) = journal.profile.display_name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        patient["name"] = json!([{ "text": name }]);
    }
    patient
}

/// The session's administration and its vital signs.
fn session(s: &Session, patient: Uuid) -> Vec<Value> {
    let medication = match codes::medication(s.medication) {
        Some(code) => code.concept(),
        None => json!({ "text": "Other medication (not coded)" }),
    };
    let route = match codes::route(s.route) {
        Some(code) => code.concept(),
        None => json!({ "text": "Other route" }),
    };
    let route_name = crate::charts::route_name(s.route);
    let text = if s.doses.is_empty() {
        format!("{} {route_name}", mg(s.dose_mg))
    } else {
        let parts: Vec<String> = s
            .doses
            .iter()
            .map(|d| match d.after_min {
                0 => format!("{} at the start", mg(d.mg)),
                m => format!("{} after {m} min", mg(d.mg)),
            })
            .collect();
        format!("{} {route_name} in {} parts: {}", mg(s.dose_mg), s.doses.len(), parts.join(", "))
    };
    let mut administration = json!({
        "resourceType": "MedicationAdministration",
        "id": s.id.to_string(),
        "status": "completed",
        "medicationCodeableConcept": medication,
        "subject": reference(patient),
        "dosage": { "text": text, "route": route, "dose": quantity(s.dose_mg, "mg", "mg") },
    });
    let end = s.duration_min.map(|m| later(s.started_at, m));
    match &end {
        Some(end) => Effective::Period { start: s.started_at.to_rfc3339(), end: Some(end.clone()) },
        None => Effective::at(s.started_at),
    }
    .set(&mut administration);
    let shared = [("Intention", &s.intention), ("Reflection", &s.reflection), ("Notes", &s.notes)]
        .into_iter()
        .filter(|(_, text)| s.share_notes && !text.trim().is_empty())
        .map(|(label, text)| format!("{label}: {}", text.trim()));
    if let Some(note) = notes(shared) {
        administration["note"] = note;
    }

    let before = || Effective::at(s.started_at);
    let after = || match &end {
        Some(end) => Effective::At(end.clone()),
        None => Effective::Period { start: s.started_at.to_rfc3339(), end: None },
    };
    let mut resources = vec![administration];
    for (bp, part, when) in [(s.bp_pre, "bp-pre", before()), (s.bp_post, "bp-post", after())] {
        if let Some(bp) = bp {
            resources.push(blood_pressure(derived(s.id, part), bp, when, s.id, patient));
        }
    }
    for (rate, part, when) in [(s.heart_rate_pre, "hr-pre", before()), (s.heart_rate_post, "hr-post", after())] {
        if let Some(rate) = rate {
            let mut obs = observation(derived(s.id, part), codes::VITAL_SIGNS, codes::HEART_RATE, patient, when);
            obs["meta"] = json!({ "profile": [codes::HEART_RATE_PROFILE] });
            obs["partOf"] = json!([reference(s.id)]);
            obs["valueQuantity"] = quantity(rate, "beats/minute", "/min");
            resources.push(obs);
        }
    }
    resources
}

fn blood_pressure(id: Uuid, bp: BloodPressure, when: Effective, session: Uuid, patient: Uuid) -> Value {
    let mut obs = observation(id, codes::VITAL_SIGNS, codes::BP_PANEL, patient, when);
    obs["meta"] = json!({ "profile": [codes::BP_PROFILE] });
    obs["partOf"] = json!([reference(session)]);
    obs["component"] = json!([
        component(codes::SYSTOLIC, "valueQuantity", quantity(bp.systolic, "mmHg", "mm[Hg]")),
        component(codes::DIASTOLIC, "valueQuantity", quantity(bp.diastolic, "mmHg", "mm[Hg]")),
    ]);
    obs
}

/// One questionnaire answer: the LOINC answer coding for a 0–3 answer.
fn coded_answer(answers: &[Code; 4], value: u8) -> Value {
    match answers.get(usize::from(value)) {
        Some(code) => json!({ "valueCoding": code.coding() }),
        // Unreachable for a validated record; the score still travels.
        None => json!({ "valueInteger": value }),
    }
}

fn questionnaire_response(
    id: Uuid,
    questionnaire: &str,
    at: Timestamp,
    patient: Uuid,
    items: impl IntoIterator<Item = (&'static str, &'static str, Value)>,
) -> Value {
    let items: Vec<Value> = items
        .into_iter()
        .map(|(link_id, text, answer)| json!({ "linkId": link_id, "text": text, "answer": [answer] }))
        .collect();
    json!({
        "resourceType": "QuestionnaireResponse",
        "id": id.to_string(),
        "questionnaire": questionnaire,
        "status": "completed",
        "subject": reference(patient),
        "authored": at.to_rfc3339(),
        "author": reference(patient),
        "source": reference(patient),
        "item": items,
    })
}

/// A score observation derived from a questionnaire response.
fn score(id: Uuid, code: Code, at: Timestamp, patient: Uuid, response: Uuid) -> Value {
    let mut obs = observation(id, codes::SURVEY, code, patient, Effective::at(at));
    obs["derivedFrom"] = json!([reference(response)]);
    obs
}

fn phq9(q: &PhqNine, patient: Uuid) -> Vec<Value> {
    let answers = q.items.iter().enumerate().map(|(i, &a)| {
        (codes::PHQ9_ITEMS[i], instruments::PHQ9.items[i].question, coded_answer(&codes::FREQUENCY_ANSWERS, a))
    });
    let difficulty = q.difficulty.map(|d| {
        (codes::PHQ9_DIFFICULTY, instruments::PHQ9_DIFFICULTY.question, coded_answer(&codes::DIFFICULTY_ANSWERS, d))
    });
    let response = questionnaire_response(q.id, codes::PHQ9_QUESTIONNAIRE, q.at, patient, answers.chain(difficulty));

    let (total_id, item9_id) = (derived(q.id, "total"), derived(q.id, "item9"));
    let mut total = score(total_id, codes::PHQ9_TOTAL, q.at, patient, q.id);
    total["valueInteger"] = json!(q.total());
    if let Some(band) = PhqNineBand::of(q.total()) {
        total["interpretation"] = json!([{ "text": crate::error::sentence(&format!("{} depression", band.label())) }]);
    }
    let mut item9 = score(item9_id, codes::PHQ9_ITEM9, q.at, patient, q.id);
    item9["valueCodeableConcept"] = match codes::FREQUENCY_ANSWERS.get(usize::from(q.item9())) {
        Some(answer) => answer.concept(),
        None => json!({ "text": q.item9().to_string() }),
    };
    let mut panel = score(derived(q.id, "panel"), codes::PHQ9_PANEL, q.at, patient, q.id);
    panel["hasMember"] = json!([reference(total_id), reference(item9_id)]);
    vec![response, panel, total, item9]
}

fn gad7(q: &GadSeven, patient: Uuid) -> Vec<Value> {
    let answers = q.items.iter().enumerate().map(|(i, &a)| {
        (codes::GAD7_ITEMS[i], instruments::GAD7.items[i].question, coded_answer(&codes::FREQUENCY_ANSWERS, a))
    });
    let response = questionnaire_response(q.id, codes::GAD7_QUESTIONNAIRE, q.at, patient, answers);
    let total_id = derived(q.id, "total");
    let mut total = score(total_id, codes::GAD7_TOTAL, q.at, patient, q.id);
    total["valueInteger"] = json!(q.total());
    if let Some(band) = GadSevenBand::of(q.total()) {
        total["interpretation"] = json!([{ "text": crate::error::sentence(&format!("{} anxiety", band.label())) }]);
    }
    let mut panel = score(derived(q.id, "panel"), codes::GAD7_PANEL, q.at, patient, q.id);
    panel["hasMember"] = json!([reference(total_id)]);
    vec![response, panel, total]
}

fn bladder_indices(q: &BladderIndices, patient: Uuid) -> Vec<Value> {
    let index = |part: &str, code: Code, total: u8, items: &[u8; 4], item_codes: &[Code; 4]| {
        let mut obs = observation(derived(q.id, part), codes::SURVEY, code, patient, Effective::at(q.at));
        obs["valueInteger"] = json!(total);
        obs["component"] = item_codes
            .iter()
            .zip(items)
            .map(|(code, &answer)| component(*code, "valueInteger", json!(answer)))
            .collect();
        obs
    };
    vec![
        index("icsi", codes::ICSI_TOTAL, q.icsi_total(), &q.icsi, &codes::ICSI_ITEMS),
        index("icpi", codes::ICPI_TOTAL, q.icpi_total(), &q.icpi, &codes::ICPI_ITEMS),
    ]
}

fn diary_day(d: &BladderDay, patient: Uuid) -> Value {
    // A diary day is a calendar day: FHIR's date-only dateTime, which needs no offset.
    let day = Effective::At(d.date.format("%Y-%m-%d").to_string());
    let mut obs = observation(d.id, codes::SURVEY, codes::DIARY_DAY, patient, day);
    let counts = [
        (codes::DAY_VOIDS, d.day_voids),
        (codes::NIGHT_VOIDS, d.night_voids),
        (codes::URGENCY, d.urgency.map(u16::from)),
        (codes::PAIN, d.pain.map(u16::from)),
    ];
    let mut components: Vec<Value> = counts
        .into_iter()
        .filter_map(|(code, value)| value.map(|v| component(code, "valueInteger", json!(v))))
        .collect();
    for (code, seen) in [
        (codes::BURNING, d.burning),
        (codes::VISIBLE_BLOOD, d.visible_blood),
        (codes::CLOUDY, d.cloudy),
        (codes::LEAKAGE, d.leakage),
    ] {
        components.push(component(code, "valueBoolean", json!(seen)));
    }
    obs["component"] = Value::Array(components);
    if let Some(note) = shared_note(d.share_notes, &d.notes) {
        obs["note"] = note;
    }
    obs
}

fn check_in(c: &CheckIn, patient: Uuid) -> Value {
    let mut obs = observation(c.id, codes::SURVEY, codes::CHECK_IN, patient, Effective::at(c.at));
    let ratings = [(codes::MOOD, c.mood), (codes::ANXIETY, c.anxiety), (codes::ENERGY, c.energy)];
    let mut components: Vec<Value> = ratings
        .into_iter()
        .filter_map(|(code, value)| value.map(|v| component(code, "valueInteger", json!(v))))
        .collect();
    if let Some(hours) = c.sleep_hours {
        components.push(component(codes::SLEEP_HOURS, "valueQuantity", quantity(hours, "hours", "h")));
    }
    if !components.is_empty() {
        obs["component"] = Value::Array(components);
    }
    if let Some(note) = shared_note(c.share_notes, &c.notes) {
        obs["note"] = note;
    }
    obs
}

#[cfg(test)]
mod tests;
