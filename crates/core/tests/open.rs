//! The journal held in memory is always what the database holds: after any
//! sequence of saves, edits, deletes, acknowledgements and profile changes,
//! refused ones included, the copy in memory equals the journal read back
//! from the vault.

#![allow(clippy::unwrap_used, reason = "test helpers: a failed unwrap is a failed test")]

use ketalog_core::model::{Acknowledgement, BladderDay, CheckIn, Medication, Profile, Route, Session};
use ketalog_core::open::OpenJournal;
use ketalog_core::record::AnyRecord;
use ketalog_core::{Journal, Timestamp, Vault};
use proptest::prelude::*;
use secrecy::SecretString;
use uuid::Uuid;

#[derive(Debug, Clone)]
enum Op {
    CheckIn { day: u8, hour: u8, mood: u8 },
    Session { day: u8, dose: u16 },
    Diary { day: u8, pain: u8 },
    Edit { which: usize, mood: u8 },
    Delete { which: usize },
    Ack { n: u8, shared: bool },
    Profile { minutes: u16 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0u8..20, 0u8..24, 0u8..12).prop_map(|(day, hour, mood)| Op::CheckIn { day, hour, mood }),
        (0u8..20, 0u16..3000).prop_map(|(day, dose)| Op::Session { day, dose }),
        (0u8..20, 0u8..12).prop_map(|(day, pain)| Op::Diary { day, pain }),
        (0usize..50, 0u8..12).prop_map(|(which, mood)| Op::Edit { which, mood }),
        (0usize..50).prop_map(|which| Op::Delete { which }),
        (0u8..4, any::<bool>()).prop_map(|(n, shared)| Op::Ack { n, shared }),
        (0u16..300).prop_map(|minutes| Op::Profile { minutes }),
    ]
}

fn at(day: u8, hour: u8) -> Timestamp {
    Timestamp::parse(&format!("2026-03-{:02}T{:02}:00:00-05:00", day + 1, hour)).unwrap()
}

/// The journal with its record times in a fixed order (the vault lists them
/// by record; memory, as they were written).
fn normalised(mut journal: Journal) -> Journal {
    journal.record_times.sort_by_key(|t| t.id);
    journal
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn memory_and_database_agree_after_any_writes(ops in proptest::collection::vec(op(), 1..40)) {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("journal.db");
        let pass = SecretString::from("memory agrees".to_owned());
        let mut open = OpenJournal::new(Vault::create(&db, &pass).unwrap()).unwrap();
        let now = at(25, 12);
        for op in ops {
            let ids: Vec<Uuid> = {
                let j = open.journal();
                j.sessions.iter().map(|r| r.id).chain(j.checkins.iter().map(|r| r.id)).chain(j.bladder.iter().map(|r| r.id)).collect()
            };
            // Refusals (a dose too large, a mood of 11, a second diary entry for a day) are part of the run.
            let _ = match op {
                Op::CheckIn { day, hour, mood } => open
                    .save(AnyRecord::from(CheckIn { mood: Some(mood), ..CheckIn::new(Uuid::nil(), at(day, hour)) }), now)
                    .map(drop),
                Op::Session { day, dose } => open
                    .save(Session::new(Uuid::nil(), at(day, 10), Medication::Esketamine, Route::Intranasal, f64::from(dose)).into(), now)
                    .map(drop),
                Op::Diary { day, pain } => open
                    .save(BladderDay { pain: Some(pain), ..BladderDay::new(Uuid::nil(), at(day, 12).local_day()) }.into(), now)
                    .map(drop),
                Op::Edit { which, mood } => match ids.get(which).and_then(|&id| open.journal().find(id)) {
                    Some(AnyRecord::CheckIn(c)) => open.save(CheckIn { mood: Some(mood), ..c }.into(), now).map(drop),
                    Some(other) => open.save(other, now).map(drop),
                    None => Ok(()),
                },
                Op::Delete { which } => match ids.get(which) {
                    Some(&id) => open.delete(id, now).map(drop),
                    None => Ok(()),
                },
                Op::Ack { n, shared } => open.acknowledge(Acknowledgement {
                    alert_id: format!("rule:{n}"),
                    at: at(n, 9),
                    note: format!("note {n}"),
                    share_note: shared,
                }),
                Op::Profile { minutes } => open.set_profile(Profile { auto_lock_minutes: Some(minutes), ..Profile::default() }, now),
            };
            let stored = open.vault().journal().unwrap();
            prop_assert_eq!(normalised(open.journal().clone()), normalised(stored));
        }
    }
}

/// A check-in with nothing in it is refused at its first question, with a
/// sentence; one answer, a tag or a note is enough.
#[test]
fn an_empty_check_in_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let pass = SecretString::from("empty check-in".to_owned());
    let mut open = OpenJournal::new(Vault::create(&dir.path().join("journal.db"), &pass).unwrap()).unwrap();
    let empty = CheckIn { notes: "  ".into(), ..CheckIn::new(Uuid::nil(), at(1, 9)) };
    assert!(empty.is_empty());
    let refused = open.save(empty.clone().into(), at(1, 9)).unwrap_err();
    assert_eq!(refused.field(), Some("mood"));
    assert_eq!(refused.message(), "Answer at least one question: a check-in with nothing in it is not saved.");
    assert!(open.journal().checkins.is_empty());
    for filled in [
        CheckIn { sleep_hours: Some(0.0), ..empty.clone() },
        CheckIn { energy: Some(0), ..empty.clone() },
        CheckIn { tags: vec!["rest".into()], ..empty.clone() },
        CheckIn { notes: "tired".into(), ..empty.clone() },
    ] {
        assert!(!filled.is_empty());
        open.save(filled.into(), at(1, 9)).unwrap();
    }
    assert_eq!(open.journal().checkins.len(), 4);
}
