#![allow(clippy::unwrap_used, reason = "tests: a failed unwrap is a failed test")]

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use rstest::rstest;
use serde_json::{Value, json};
use uuid::Uuid;

use super::*;
use crate::model::{BladderDay, BladderIndices, BloodPressure, CheckIn, Medication, PartialDose, Profile, Route};

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

fn id(n: u128) -> Uuid {
    Uuid::from_u128(0x5e55_0000_0000_4000_8000_0000_0000_0000 + n)
}

fn day(text: &str) -> NaiveDate {
    crate::time::parse_day(text).unwrap()
}

const PRIVATE: &str = "PRIVATE-do-not-export";
const SHARED: &str = "shared with the clinic";

/// A small journal with one of everything: a late-evening IV session in
/// New York time with vitals and shared notes, a split esketamine session
/// without a duration and with private notes, questionnaires, the bladder
/// indices, a diary day and two check-ins (one shared, one private).
fn journal() -> Journal {
    let late = Session {
        duration_min: Some(45),
        bp_pre: Some(BloodPressure { systolic: 118, diastolic: 76 }),
        bp_post: Some(BloodPressure { systolic: 131, diastolic: 84 }),
        heart_rate_pre: Some(68),
        heart_rate_post: Some(77),
        intention: format!("Intention {SHARED}"),
        notes: format!("Notes {SHARED}"),
        share_notes: true,
        ..Session::new(id(1), at("2026-03-01T22:30:00-05:00"), Medication::RacemicKetamine, Route::Iv, 35.0)
    };
    let split = Session {
        doses: vec![PartialDose { after_min: 0, mg: 56.0 }, PartialDose { after_min: 5, mg: 28.0 }],
        bp_post: Some(BloodPressure { systolic: 140, diastolic: 90 }),
        notes: PRIVATE.into(),
        reflection: PRIVATE.into(),
        share_notes: false,
        ..Session::new(id(2), at("2026-03-03T10:00:00+05:30"), Medication::Esketamine, Route::Intranasal, 84.0)
    };
    Journal {
        profile: Profile { display_name: Some("Alex Rivera".into()), ..Profile::default() },
        sessions: vec![late, split],
        checkins: vec![
            CheckIn {
                mood: Some(6),
                anxiety: Some(3),
                sleep_hours: Some(7.5),
                notes: format!("Check-in {SHARED}"),
                share_notes: true,
                ..CheckIn::new(id(10), at("2026-03-02T20:00:00-05:00"))
            },
            CheckIn { notes: PRIVATE.into(), ..CheckIn::new(id(11), at("2026-03-04T20:00:00Z")) },
        ],
        phq9: vec![PhqNine {
            id: id(20),
            at: at("2026-03-01T09:05:00-05:00"),
            items: [3, 2, 1, 0, 1, 2, 3, 0, 1],
            difficulty: Some(2),
        }],
        gad7: vec![GadSeven { id: id(30), at: at("2026-03-01T09:10:00-05:00"), items: [0, 1, 2, 3, 0, 1, 2] }],
        icsi_icpi: vec![BladderIndices {
            id: id(40),
            at: at("2026-03-05T08:00:00+01:00"),
            icsi: [1, 2, 3, 4],
            icpi: [0, 1, 2, 3],
        }],
        bladder: vec![
            BladderDay {
                day_voids: Some(9),
                night_voids: Some(2),
                urgency: Some(1),
                burning: true,
                notes: format!("Diary {SHARED}"),
                share_notes: true,
                ..BladderDay::new(id(50), day("2026-03-02"))
            },
            BladderDay { notes: PRIVATE.into(), ..BladderDay::new(id(51), day("2026-03-03")) },
        ],
        ..Journal::default()
    }
}

fn options() -> FhirOptions {
    FhirOptions { range: None, generated_at: at("2026-03-10T12:00:00-05:00") }
}

fn resources(bundle: &Value) -> Vec<&Value> {
    bundle["entry"].as_array().unwrap().iter().map(|e| &e["resource"]).collect()
}

fn by_id<'a>(bundle: &'a Value, id: &str) -> &'a Value {
    resources(bundle).into_iter().find(|r| r["id"] == id).unwrap_or_else(|| panic!("no resource {id}"))
}

fn counts(bundle: &Value) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for r in resources(bundle) {
        *counts.entry(r["resourceType"].as_str().unwrap().to_owned()).or_default() += 1;
    }
    counts
}

fn codings(concept: &Value) -> Vec<(String, String)> {
    concept["coding"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["system"].as_str().unwrap().to_owned(), c["code"].as_str().unwrap().to_owned()))
        .collect()
}

#[test]
fn each_record_becomes_its_resources() {
    let bundle = bundle(&journal(), &options());
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["type"], "collection");
    assert_eq!(bundle["timestamp"], "2026-03-10T12:00:00-05:00");
    let want: BTreeMap<String, usize> = [
        ("Patient", 1),
        ("MedicationAdministration", 2),
        // Vitals: 4 of the late session, 1 of the split one; PHQ-9 3, GAD-7 2,
        // ICSI/ICPI 2, diary days 2, check-ins 2.
        ("Observation", 5 + 3 + 2 + 2 + 2 + 2),
        ("QuestionnaireResponse", 2),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    assert_eq!(counts(&bundle), want);
}

#[test]
fn private_notes_never_leave_and_shared_ones_do() {
    let text = bundle(&journal(), &options()).to_string();
    assert!(!text.contains(PRIVATE), "a private note was exported");
    for shared in ["Intention: Intention", "Notes: Notes", "Check-in shared", "Diary shared"] {
        assert!(text.contains(shared), "missing shared note {shared:?}");
    }
    let b = bundle(&journal(), &options());
    assert!(by_id(&b, &id(2).to_string()).get("note").is_none());
    assert!(by_id(&b, &id(11).to_string()).get("note").is_none());
}

#[test]
fn times_keep_their_offsets() {
    let b = bundle(&journal(), &options());
    let late = by_id(&b, &id(1).to_string());
    assert_eq!(
        late["effectivePeriod"],
        json!({ "start": "2026-03-01T22:30:00-05:00", "end": "2026-03-01T23:15:00-05:00" })
    );
    let bp_pre = by_id(&b, &derived(id(1), "bp-pre").to_string());
    assert_eq!(bp_pre["effectiveDateTime"], "2026-03-01T22:30:00-05:00");
    let hr_post = by_id(&b, &derived(id(1), "hr-post").to_string());
    assert_eq!(hr_post["effectiveDateTime"], "2026-03-01T23:15:00-05:00");
    // No duration: the administration is a moment, the reading after it a period opening then.
    let split = by_id(&b, &id(2).to_string());
    assert_eq!(split["effectiveDateTime"], "2026-03-03T10:00:00+05:30");
    let bp_post = by_id(&b, &derived(id(2), "bp-post").to_string());
    assert_eq!(bp_post["effectivePeriod"], json!({ "start": "2026-03-03T10:00:00+05:30" }));
    assert_eq!(by_id(&b, &id(20).to_string())["authored"], "2026-03-01T09:05:00-05:00");
    assert_eq!(by_id(&b, &id(11).to_string())["effectiveDateTime"], "2026-03-04T20:00:00Z");
    assert_eq!(by_id(&b, &id(50).to_string())["effectiveDateTime"], "2026-03-02");
}

#[rstest]
#[case::ketamine(Medication::RacemicKetamine, Some((codes::RXNORM, "6130")))]
#[case::esketamine(Medication::Esketamine, Some((codes::RXNORM, "2119365")))]
#[case::other(Medication::Other, None)]
fn medications_are_coded_with_rxnorm(#[case] medication: Medication, #[case] want: Option<(&str, &str)>) {
    let mut j = journal();
    j.sessions[0].medication = medication;
    let b = bundle(&j, &options());
    let concept = &by_id(&b, &id(1).to_string())["medicationCodeableConcept"];
    match want {
        Some((system, code)) => assert_eq!(codings(concept), vec![(system.to_owned(), code.to_owned())]),
        None => assert!(concept.get("coding").is_none() && concept["text"].is_string()),
    }
}

#[rstest]
#[case::iv(Route::Iv, Some("47625008"))]
#[case::im(Route::Im, Some("78421000"))]
#[case::intranasal(Route::Intranasal, Some("46713006"))]
#[case::sublingual(Route::Sublingual, Some("37839007"))]
#[case::oral(Route::Oral, Some("26643006"))]
#[case::rectal(Route::Rectal, Some("37161004"))]
#[case::other(Route::Other, None)]
fn routes_are_coded_with_snomed(#[case] route: Route, #[case] want: Option<&str>) {
    let mut j = journal();
    j.sessions[0].route = route;
    let b = bundle(&j, &options());
    let concept = &by_id(&b, &id(1).to_string())["dosage"]["route"];
    match want {
        Some(code) => assert_eq!(codings(concept), vec![(codes::SNOMED.to_owned(), code.to_owned())]),
        None => assert_eq!(concept, &json!({ "text": "Other route" })),
    }
}

#[test]
fn partial_doses_stay_in_one_administration_with_their_sum() {
    let b = bundle(&journal(), &options());
    let split = by_id(&b, &id(2).to_string());
    assert_eq!(split["dosage"]["dose"], json!({ "value": 84.0, "unit": "mg", "system": codes::UCUM, "code": "mg" }));
    assert_eq!(split["dosage"]["text"], "84 mg intranasal in 2 parts: 56 mg at the start, 28 mg after 5 min");
    assert_eq!(by_id(&b, &id(1).to_string())["dosage"]["text"], "35 mg IV");
}

#[test]
fn vital_signs_follow_the_r4_profiles() {
    let b = bundle(&journal(), &options());
    let bp = by_id(&b, &derived(id(1), "bp-post").to_string());
    assert_eq!(bp["meta"]["profile"], json!([codes::BP_PROFILE]));
    assert_eq!(codings(&bp["category"][0]), vec![(codes::OBSERVATION_CATEGORY.to_owned(), "vital-signs".to_owned())]);
    assert_eq!(codings(&bp["code"]), vec![(codes::LOINC.to_owned(), "85354-9".to_owned())]);
    let parts: Vec<(String, Value)> = bp["component"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (codings(&c["code"])[0].1.clone(), c["valueQuantity"].clone()))
        .collect();
    let mmhg = |v: u16| json!({ "value": v, "unit": "mmHg", "system": codes::UCUM, "code": "mm[Hg]" });
    assert_eq!(parts, vec![("8480-6".to_owned(), mmhg(131)), ("8462-4".to_owned(), mmhg(84))]);
    assert_eq!(bp["partOf"], json!([{ "reference": format!("urn:uuid:{}", id(1)) }]));
    let hr = by_id(&b, &derived(id(1), "hr-pre").to_string());
    assert_eq!(codings(&hr["code"]), vec![(codes::LOINC.to_owned(), "8867-4".to_owned())]);
    assert_eq!(
        hr["valueQuantity"],
        json!({ "value": 68, "unit": "beats/minute", "system": codes::UCUM, "code": "/min" })
    );
}

#[rstest]
#[case(0, "LA6568-5")]
#[case(1, "LA6569-3")]
#[case(2, "LA6570-1")]
#[case(3, "LA6571-9")]
fn phq9_answers_carry_loinc_answer_codes(#[case] answer: u8, #[case] code: &str) {
    let mut j = journal();
    j.phq9[0].items = [answer; 9];
    let b = bundle(&j, &options());
    let response = by_id(&b, &id(20).to_string());
    assert_eq!(response["questionnaire"], codes::PHQ9_QUESTIONNAIRE);
    let items = response["item"].as_array().unwrap();
    let link_ids: Vec<&str> = items.iter().map(|i| i["linkId"].as_str().unwrap()).collect();
    assert_eq!(link_ids[..9], codes::PHQ9_ITEMS);
    assert_eq!(link_ids[9], "69722-7");
    for item in &items[..9] {
        assert_eq!(item["answer"][0]["valueCoding"]["code"], code);
        assert_eq!(item["answer"][0]["valueCoding"]["system"], codes::LOINC);
    }
    // Difficulty 2 is "Very difficult", LA6575-0 (not the next number in the list).
    assert_eq!(items[9]["answer"][0]["valueCoding"]["code"], "LA6575-0");
    let item9 = by_id(&b, &derived(id(20), "item9").to_string());
    assert_eq!(codings(&item9["valueCodeableConcept"]), vec![(codes::LOINC.to_owned(), code.to_owned())]);
}

#[test]
fn questionnaire_scores_are_observations_derived_from_their_response() {
    let b = bundle(&journal(), &options());
    let from = |record: Uuid| json!([{ "reference": format!("urn:uuid:{record}") }]);
    let total = by_id(&b, &derived(id(20), "total").to_string());
    assert_eq!(codings(&total["code"]), vec![(codes::LOINC.to_owned(), "44261-6".to_owned())]);
    assert_eq!(total["valueInteger"], 13);
    assert_eq!(total["interpretation"][0]["text"], "Moderate depression");
    assert_eq!(total["derivedFrom"], from(id(20)));
    assert_eq!(codings(&total["category"][0])[0].1, "survey");
    let panel = by_id(&b, &derived(id(20), "panel").to_string());
    assert_eq!(codings(&panel["code"]), vec![(codes::LOINC.to_owned(), "44249-1".to_owned())]);
    assert_eq!(panel["hasMember"].as_array().unwrap().len(), 2);
    let item9 = by_id(&b, &derived(id(20), "item9").to_string());
    assert_eq!(codings(&item9["code"]), vec![(codes::LOINC.to_owned(), "44260-8".to_owned())]);

    let gad = by_id(&b, &id(30).to_string());
    assert_eq!(gad["questionnaire"], codes::GAD7_QUESTIONNAIRE);
    let link_ids: Vec<&str> = gad["item"].as_array().unwrap().iter().map(|i| i["linkId"].as_str().unwrap()).collect();
    assert_eq!(link_ids, codes::GAD7_ITEMS);
    let gad_total = by_id(&b, &derived(id(30), "total").to_string());
    assert_eq!(codings(&gad_total["code"]), vec![(codes::LOINC.to_owned(), "70274-6".to_owned())]);
    assert_eq!(gad_total["valueInteger"], 9);
    assert_eq!(gad_total["interpretation"][0]["text"], "Mild anxiety");
    assert_eq!(gad_total["derivedFrom"], from(id(30)));
    let gad_panel = by_id(&b, &derived(id(30), "panel").to_string());
    assert_eq!(codings(&gad_panel["code"]), vec![(codes::LOINC.to_owned(), "69737-5".to_owned())]);
}

#[test]
fn bladder_records_use_the_app_code_system() {
    let b = bundle(&journal(), &options());
    let icsi = by_id(&b, &derived(id(40), "icsi").to_string());
    assert_eq!(codings(&icsi["code"]), vec![(codes::KETALOG.to_owned(), "icsi-total".to_owned())]);
    assert_eq!(icsi["valueInteger"], 10);
    assert_eq!(icsi["component"].as_array().unwrap().len(), 4);
    assert_eq!(by_id(&b, &derived(id(40), "icpi").to_string())["valueInteger"], 6);
    let diary = by_id(&b, &id(50).to_string());
    assert_eq!(codings(&diary["code"]), vec![(codes::KETALOG.to_owned(), "bladder-diary-day".to_owned())]);
    let burning =
        diary["component"].as_array().unwrap().iter().find(|c| c["code"]["coding"][0]["code"] == "burning").unwrap();
    assert_eq!(burning["valueBoolean"], true);
}

#[test]
fn every_id_is_unique_and_every_reference_resolves() {
    for j in [journal(), crate::demo::journal(day("2026-06-30"))] {
        let b = bundle(&j, &options());
        let mut urls = HashSet::new();
        for entry in b["entry"].as_array().unwrap() {
            let rid = entry["resource"]["id"].as_str().unwrap();
            assert!(Uuid::parse_str(rid).is_ok(), "{rid} is not a UUID");
            assert_eq!(entry["fullUrl"], format!("urn:uuid:{rid}"));
            assert!(urls.insert(entry["fullUrl"].as_str().unwrap().to_owned()), "duplicate {rid}");
        }
        let text = b.to_string();
        for piece in text.split("\"reference\":\"").skip(1) {
            let target = &piece[..piece.find('"').unwrap()];
            assert!(urls.contains(target), "reference to {target} resolves to nothing");
        }
    }
}

#[test]
fn ids_are_stable_across_exports() {
    let later = FhirOptions { generated_at: at("2027-01-01T00:00:00Z"), ..options() };
    let (a, b) = (bundle(&journal(), &options()), bundle(&journal(), &later));
    assert_eq!(a["entry"], b["entry"]);
    // The record's own resource keeps the record's id.
    assert_eq!(by_id(&a, &id(1).to_string())["resourceType"], "MedicationAdministration");
}

#[test]
fn the_patient_is_minimal() {
    let b = bundle(&journal(), &options());
    let patient = resources(&b)[0];
    assert_eq!(
        patient,
        &json!({ "resourceType": "Patient", "id": patient_id(&journal()).to_string(), "name": [{ "text": "Alex Rivera" }] })
    );
    let mut anonymous = journal();
    anonymous.profile.display_name = Some("  ".into());
    let b = bundle(&anonymous, &options());
    assert!(resources(&b)[0].get("name").is_none());
    // Different journals, different patients.
    assert_ne!(patient_id(&journal()), patient_id(&Journal::default()));
}

#[test]
fn a_range_keeps_only_its_days() {
    let range = DateRange::new(day("2026-03-02"), day("2026-03-03")).unwrap();
    let b = bundle(&journal(), &FhirOptions { range: Some(range), ..options() });
    let ids: HashSet<String> = resources(&b).iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect();
    // The late session of 1 March stays out although it is 2 March in UTC.
    assert!(!ids.contains(&id(1).to_string()));
    for kept in [id(2), id(10), id(50), id(51)] {
        assert!(ids.contains(&kept.to_string()), "{kept} missing");
    }
    for left in [id(11), id(20), id(30), id(40)] {
        assert!(!ids.contains(&left.to_string()), "{left} should be outside the range");
    }
    assert_eq!(counts(&b)["Patient"], 1);
}
