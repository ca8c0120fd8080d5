//! Round-trip properties: any valid journal survives the data document and
//! the vault unchanged.
#![allow(clippy::unwrap_used)] // test helpers panic on failure by design

use chrono::{FixedOffset, NaiveDate, TimeZone};
use ketalog_core::model::{
    Acknowledgement, BladderDay, BladderIndices, BloodPressure, CheckIn, Clinician, CrisisLine, GadSeven, Journal,
    Medication, PartialDose, PhqNine, Profile, Reminders, Route, Session, Setting,
};
use ketalog_core::{DataDocument, ImportMode, Timestamp, Vault};
use proptest::prelude::*;
use proptest::sample::select;
use secrecy::SecretString;
use uuid::Uuid;

fn timestamp() -> impl Strategy<Value = Timestamp> {
    // 2000-01-01 .. 2100-01-01, offsets from -12:00 to +14:00 in quarter hours.
    (946_684_800i64..4_102_444_800, -48i32..=56, any::<bool>(), 0u32..1000).prop_map(|(secs, quarters, zulu, ms)| {
        let offset = FixedOffset::east_opt(quarters * 900).unwrap();
        let at = offset.timestamp_opt(secs, ms * 1_000_000).unwrap();
        let text = at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, zulu && quarters == 0);
        Timestamp::parse(&text).unwrap()
    })
}

fn text() -> impl Strategy<Value = String> {
    // Any printable text, with line breaks and tabs.
    proptest::string::string_regex("[\\PC\n\t]{0,40}").unwrap()
}

/// Any printable text on one line (names, numbers).
fn line() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[\\PC]{0,40}").unwrap()
}

fn label() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[\\PC&&\\S][\\PC]{0,20}").unwrap()
}

/// A record's tags: valid ones, no two alike ignoring case.
fn tags() -> impl Strategy<Value = Vec<String>> {
    let tag =
        proptest::string::string_regex("[\\PC&&\\S&&[^,]]([\\PC&&[^,\\x{2028}\\x{2029}]]{0,38}[\\PC&&\\S&&[^,]])?")
            .unwrap();
    proptest::collection::vec(tag, 0..4).prop_map(|mut tags| {
        let mut seen = std::collections::HashSet::new();
        tags.retain(|t| seen.insert(t.to_lowercase()));
        tags
    })
}

fn uuid() -> impl Strategy<Value = Uuid> {
    any::<[u8; 16]>().prop_map(|b| uuid::Builder::from_random_bytes(b).into_uuid())
}

fn mg() -> impl Strategy<Value = f64> {
    (1u32..2_000_000).prop_map(|milli| f64::from(milli) / 1000.0)
}

fn bp() -> impl Strategy<Value = Option<BloodPressure>> {
    proptest::option::of((70u16..250, 20u16..70).prop_map(|(s, d)| BloodPressure { systolic: s, diastolic: d }))
}

fn session() -> impl Strategy<Value = Session> {
    let partials = proptest::collection::vec((0u32..600, mg()), 0..4);
    (
        (uuid(), timestamp(), select(vec![Medication::RacemicKetamine, Medication::Esketamine, Medication::Other])),
        (
            select(vec![
                Route::Iv,
                Route::Im,
                Route::Intranasal,
                Route::Sublingual,
                Route::Oral,
                Route::Rectal,
                Route::Other,
            ]),
            mg(),
            partials,
            proptest::option::of((200u32..4000).prop_map(|d| f64::from(d) / 10.0)),
        ),
        (
            proptest::option::of(1u32..1440),
            proptest::option::of(select(vec![Setting::Clinic, Setting::Home, Setting::Telehealth, Setting::Other])),
            bp(),
            bp(),
        ),
        (proptest::option::of(20u16..250), proptest::option::of(20u16..250), proptest::option::of(0u8..=10)),
        (proptest::collection::vec(label(), 0..3), any::<bool>(), proptest::collection::vec(label(), 0..3), tags()),
        (text(), text(), text(), any::<bool>()),
    )
        .prop_map(
            |(
                (id, started_at, medication),
                (route, dose, partials, weight_kg),
                (duration_min, setting, bp_pre, bp_post),
                (hr_pre, hr_post, dissociation),
                (side_effects, psychotic_symptoms, co_medications, tags),
                (intention, reflection, notes, share_notes),
            )| {
                let doses: Vec<PartialDose> =
                    partials.into_iter().map(|(after_min, mg)| PartialDose { after_min, mg }).collect();
                let dose_mg = if doses.is_empty() { dose } else { doses.iter().map(|d| d.mg).sum() };
                Session {
                    id,
                    started_at,
                    medication,
                    route,
                    dose_mg,
                    doses,
                    weight_kg,
                    duration_min,
                    setting,
                    bp_pre,
                    bp_post,
                    heart_rate_pre: hr_pre,
                    heart_rate_post: hr_post,
                    dissociation,
                    side_effects,
                    psychotic_symptoms,
                    co_medications,
                    tags,
                    intention,
                    reflection,
                    notes,
                    share_notes,
                }
            },
        )
        .prop_filter("doses within the limit", |s| s.dose_mg <= 2000.0)
}

fn score() -> impl Strategy<Value = Option<u8>> {
    proptest::option::of(0u8..=10)
}

fn checkin() -> impl Strategy<Value = CheckIn> {
    (
        uuid(),
        timestamp(),
        score(),
        score(),
        proptest::option::of((0u32..=96).prop_map(|q| f64::from(q) / 4.0)),
        score(),
        tags(),
        text(),
        any::<bool>(),
    )
        .prop_map(|(id, at, mood, anxiety, sleep_hours, energy, tags, notes, share_notes)| CheckIn {
            id,
            at,
            mood,
            anxiety,
            sleep_hours,
            energy,
            tags,
            notes,
            share_notes,
        })
}

fn phq9() -> impl Strategy<Value = PhqNine> {
    (uuid(), timestamp(), proptest::array::uniform9(0u8..=3), proptest::option::of(0u8..=3))
        .prop_map(|(id, at, items, difficulty)| PhqNine { id, at, items, difficulty })
}

fn gad7() -> impl Strategy<Value = GadSeven> {
    (uuid(), timestamp(), proptest::array::uniform7(0u8..=3)).prop_map(|(id, at, items)| GadSeven { id, at, items })
}

fn indices() -> impl Strategy<Value = BladderIndices> {
    (
        uuid(),
        timestamp(),
        proptest::array::uniform3(0u8..=5),
        select(vec![0u8, 2, 3, 4, 5]),
        proptest::array::uniform4(0u8..=4),
    )
        .prop_map(|(id, at, [a, b, c], pain, icpi)| BladderIndices { id, at, icsi: [a, b, c, pain], icpi })
}

fn bladder_day(date: NaiveDate) -> impl Strategy<Value = BladderDay> {
    (
        uuid(),
        proptest::option::of(0u16..=60),
        proptest::option::of(0u16..=20),
        proptest::option::of(0u8..=4),
        proptest::option::of(0u8..=10),
        any::<[bool; 5]>(),
        text(),
    )
        .prop_map(
            move |(
                id,
                day_voids,
                night_voids,
                urgency,
                pain,
                [burning, visible_blood, cloudy, leakage, share_notes],
                notes,
            )| BladderDay {
                id,
                date,
                day_voids,
                night_voids,
                urgency,
                pain,
                burning,
                visible_blood,
                cloudy,
                leakage,
                notes,
                share_notes,
            },
        )
}

fn reminders() -> impl Strategy<Value = Reminders> {
    (any::<[bool; 11]>(), 0u32..24, 0u32..60, select(vec![7u16, 14]), proptest::option::of(any::<bool>())).prop_map(
        |(on, hour, minute, questionnaire_days, close_to_tray)| Reminders {
            reflection: on[0],
            phq9: on[1],
            bladder_diary: on[2],
            driving: on[3],
            checkin: on[4],
            checkin_time: chrono::NaiveTime::from_hms_opt(hour, minute, 0).unwrap(),
            questionnaire_days,
            gad7: on[5],
            icsi_icpi: on[6],
            follow_up: on[7],
            notifications: on[8],
            hide_kind: on[9],
            close_to_tray,
            start_at_login: on[10],
        },
    )
}

fn profile() -> impl Strategy<Value = Profile> {
    (
        proptest::option::of(label()),
        proptest::option::of((200u32..4000).prop_map(|d| f64::from(d) / 10.0)),
        proptest::option::of((line(), line(), line())),
        any::<bool>(),
        proptest::option::of(reminders()),
    )
        .prop_map(|(display_name, weight_kg, clinician, crisis, reminders)| Profile {
            display_name,
            weight_kg,
            clinician: clinician.map(|(name, phone, email)| Clinician { name, phone, email }),
            crisis_line: crisis.then(CrisisLine::us_default),
            reminders,
            ..Profile::default()
        })
}

fn journal() -> impl Strategy<Value = Journal> {
    (
        profile(),
        proptest::collection::vec(session(), 0..6),
        proptest::collection::vec(checkin(), 0..6),
        proptest::collection::vec(phq9(), 0..4),
        proptest::collection::vec(gad7(), 0..4),
        proptest::collection::vec(indices(), 0..3),
        proptest::collection::btree_set(0i64..40_000, 0..5).prop_flat_map(|days| {
            days.into_iter()
                .map(|d| bladder_day(NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Days::new(d as u64)))
                .collect::<Vec<_>>()
        }),
        proptest::collection::btree_map(label(), (timestamp(), text(), any::<bool>()), 0..3),
    )
        .prop_map(|(profile, sessions, checkins, phq9, gad7, icsi_icpi, bladder, acks)| Journal {
            profile,
            sessions,
            checkins,
            phq9,
            gad7,
            icsi_icpi,
            bladder,
            acknowledgements: acks
                .into_iter()
                .map(|(alert_id, (at, note, share_note))| Acknowledgement { alert_id, at, note, share_note })
                .collect(),
            record_times: Vec::new(),
        })
}

/// The order a vault returns records in: by instant, then id.
fn sorted(mut j: Journal) -> Journal {
    j.sessions.sort_by_key(|s| (s.started_at.unix_millis(), s.id.to_string()));
    j.checkins.sort_by_key(|r| (r.at.unix_millis(), r.id.to_string()));
    j.phq9.sort_by_key(|r| (r.at.unix_millis(), r.id.to_string()));
    j.gad7.sort_by_key(|r| (r.at.unix_millis(), r.id.to_string()));
    j.icsi_icpi.sort_by_key(|r| (r.at.unix_millis(), r.id.to_string()));
    j.bladder.sort_by_key(|r| r.date);
    j.acknowledgements.sort_by(|a, b| (a.at.to_rfc3339(), &a.alert_id).cmp(&(b.at.to_rfc3339(), &b.alert_id)));
    j.record_times.clear();
    j
}

proptest! {
    #[test]
    fn a_document_reads_back_as_written(j in journal(), exported_at in timestamp()) {
        let doc = DataDocument::new(j, exported_at);
        let text = doc.to_json();
        let back = DataDocument::from_json(text.as_bytes()).unwrap();
        prop_assert_eq!(&back, &doc);
        prop_assert_eq!(back.to_json(), text);
    }
}

#[test]
fn any_valid_journal_survives_the_vault() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    let vault = std::cell::RefCell::new(Vault::create(&db, &SecretString::from("prop".to_owned())).unwrap());
    let now = Timestamp::parse("2026-01-01T00:00:00Z").unwrap();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(64));
    runner
        .run(&journal(), |j| {
            let mut vault = vault.borrow_mut();
            vault.import(&j, ImportMode::Replace, now).unwrap();
            let mut back = vault.journal().unwrap();
            prop_assert_eq!(back.record_times.len(), j.record_count() - j.acknowledgements.len());
            back.record_times.clear();
            prop_assert_eq!(back, sorted(j.clone()));
            // Merging the same journal again changes nothing.
            let again = vault.import(&j, ImportMode::Merge, now).unwrap();
            prop_assert_eq!(again.added + again.updated, 0);
            Ok(())
        })
        .unwrap();
}
