//! Sync between several journals through folders that a simulated sync tool
//! fills: files delivered late, twice, out of order, or not until the end.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;
use secrecy::{ExposeSecret, SecretString};
use uuid::Uuid;

use super::super::{Vault, key};
use crate::model::{Acknowledgement, BladderDay, CheckIn, Journal, Medication, Route, Session};
use crate::record::AnyRecord;
use crate::sync::{self, KEY_FILE};
use crate::time::Timestamp;

/// One sync key for every test journal, and its key file sealed once (the
/// passphrase work is slow on purpose).
fn shared_key() -> &'static (String, Vec<u8>) {
    static KEY: OnceLock<(String, Vec<u8>)> = OnceLock::new();
    KEY.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let (mut vault, _db) = device(dir.path(), "seed");
        sync::sync(&mut vault, dir.path(), Some(&SecretString::from("sync words".to_owned()))).unwrap();
        let identity = vault.sync_setup().unwrap().identity.unwrap().expose_secret().to_owned();
        (identity, std::fs::read(dir.path().join(KEY_FILE)).unwrap())
    })
}

/// A journal opened straight with a fresh data key: the passphrase's key
/// derivation is not what is tested here.
fn device(dir: &Path, name: &str) -> (Vault, PathBuf) {
    let db = dir.join(format!("{name}.db"));
    drop(crate::fsio::create_private_file(&db).unwrap());
    let vault = Vault::connect(&db, &key::DataKey::generate().unwrap()).unwrap();
    (vault, db)
}

/// A device that has joined the shared folder key, with its own view of the folder.
fn joined(dir: &Path, name: &str) -> (Vault, PathBuf) {
    let (identity, key_file) = shared_key();
    let (vault, _) = device(dir, name);
    vault.conn.execute("UPDATE sync_device SET identity = ?1", [identity]).unwrap();
    let folder = dir.join(format!("{name}-folder"));
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join(KEY_FILE), key_file).unwrap();
    (vault, folder)
}

#[derive(Debug, Clone)]
enum Op {
    CheckIn {
        device: usize,
        day: u32,
        mood: u8,
    },
    Session {
        device: usize,
        day: u32,
        dose: u8,
    },
    Diary {
        device: usize,
        day: u32,
        pain: u8,
    },
    Edit {
        device: usize,
        which: usize,
        value: u8,
    },
    Delete {
        device: usize,
        which: usize,
    },
    Ack {
        device: usize,
        alert: u8,
        note: u8,
    },
    Profile {
        device: usize,
        minutes: u8,
        name: Option<u8>,
    },
    Sync {
        device: usize,
    },
    /// The sync tool hands the `which`-th file ever written to `device`
    /// (perhaps late, perhaps again, perhaps one its writer removed since).
    Deliver {
        device: usize,
        which: usize,
    },
}

fn op(devices: usize) -> impl Strategy<Value = Op> {
    let d = 0..devices;
    prop_oneof![
        3 => (d.clone(), 1..6u32, 0..=10u8).prop_map(|(device, day, mood)| Op::CheckIn { device, day, mood }),
        1 => (d.clone(), 1..6u32, 10..=100u8).prop_map(|(device, day, dose)| Op::Session { device, day, dose }),
        1 => (d.clone(), 1..4u32, 0..=10u8).prop_map(|(device, day, pain)| Op::Diary { device, day, pain }),
        3 => (d.clone(), 0..8usize, 0..=10u8).prop_map(|(device, which, value)| Op::Edit { device, which, value }),
        2 => (d.clone(), 0..8usize).prop_map(|(device, which)| Op::Delete { device, which }),
        1 => (d.clone(), 0..3u8, 0..9u8).prop_map(|(device, alert, note)| Op::Ack { device, alert, note }),
        1 => (d.clone(), 1..=240u8, proptest::option::of(0..3u8))
            .prop_map(|(device, minutes, name)| Op::Profile { device, minutes, name }),
        3 => d.clone().prop_map(|device| Op::Sync { device }),
        4 => (d, 0..40usize).prop_map(|(device, which)| Op::Deliver { device, which }),
    ]
}

fn at(day: u32, ms: i64) -> Timestamp {
    let day = i64::from(day);
    Timestamp::parse(
        &chrono::DateTime::from_timestamp_millis(1_772_000_000_000 + day * 86_400_000 + ms % 3_600_000)
            .unwrap()
            .to_rfc3339(),
    )
    .unwrap()
}

/// The records every device would hold if each write, in the order made,
/// replaced the record's earlier writes everywhere; a local day shows the
/// last-written diary entry.
#[derive(Default)]
struct Expected {
    records: BTreeMap<Uuid, (usize, Option<AnyRecord>)>,
    acks: BTreeMap<String, Acknowledgement>,
    minutes: Option<u16>,
    name: Option<Option<String>>,
}

impl Expected {
    fn write(&mut self, step: usize, id: Uuid, record: Option<AnyRecord>) {
        self.records.insert(id, (step, record));
    }

    fn visible(&self) -> BTreeSet<Uuid> {
        let mut diary: HashMap<chrono::NaiveDate, (usize, Uuid)> = HashMap::new();
        let mut shown = BTreeSet::new();
        for (id, (step, record)) in &self.records {
            match record {
                Some(AnyRecord::BladderDay(day)) => {
                    let best = diary.entry(day.date).or_insert((*step, *id));
                    if *step > best.0 {
                        *best = (*step, *id);
                    }
                }
                Some(_) => {
                    shown.insert(*id);
                }
                None => {}
            }
        }
        shown.extend(diary.values().map(|(_, id)| *id));
        shown
    }
}

fn all_ids(journal: &Journal) -> BTreeSet<Uuid> {
    let mut ids = BTreeSet::new();
    ids.extend(journal.sessions.iter().map(|r| r.id));
    ids.extend(journal.checkins.iter().map(|r| r.id));
    ids.extend(journal.bladder.iter().map(|r| r.id));
    ids
}

fn run(devices: usize, ops: &[Op], skew: &[i64]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let mut nodes: Vec<(Vault, PathBuf)> = (0..devices).map(|i| joined(dir.path(), &format!("d{i}"))).collect();
    // Every file any device wrote, in order: what the sync tool may deliver.
    let mut published: Vec<(String, Vec<u8>)> = Vec::new();
    let mut expected = Expected::default();
    let mut deletes: Vec<Uuid> = Vec::new();
    let sync_one = |nodes: &mut Vec<(Vault, PathBuf)>, published: &mut Vec<(String, Vec<u8>)>, d: usize| {
        let (vault, folder) = &mut nodes[d];
        let before: BTreeSet<String> = names(folder);
        let report = sync::sync(vault, folder, None).unwrap();
        assert!(report.skipped.is_empty(), "{:?}", report.skipped);
        for name in names(folder).difference(&before) {
            published.push((name.clone(), std::fs::read(folder.join(name)).unwrap()));
        }
    };
    for (step, op) in ops.iter().enumerate() {
        let ms = (step as i64 + 1) * 1000;
        let now = |d: usize, day: u32| at(day, ms + skew[d]);
        match op.clone() {
            Op::CheckIn { device, day, mood } => {
                let record = CheckIn { mood: Some(mood), ..CheckIn::new(Uuid::new_v4(), now(device, day)) };
                nodes[device].0.save(&record, now(device, 10)).unwrap();
                expected.write(step, record.id, Some(record.into()));
            }
            Op::Session { device, day, dose } => {
                let record = Session::new(
                    Uuid::new_v4(),
                    now(device, day),
                    Medication::Esketamine,
                    Route::Intranasal,
                    f64::from(dose),
                );
                nodes[device].0.save(&record, now(device, 10)).unwrap();
                expected.write(step, record.id, Some(record.into()));
            }
            Op::Diary { device, day, pain } => {
                let record =
                    BladderDay { pain: Some(pain), ..BladderDay::new(Uuid::new_v4(), now(device, day).local_day()) };
                // Refused when this device shows an entry for the day already.
                if nodes[device].0.save(&record, now(device, 10)).is_ok() {
                    expected.write(step, record.id, Some(record.into()));
                }
            }
            Op::Edit { device, which, value } => {
                let journal = nodes[device].0.journal().unwrap();
                let Some(&id) = all_ids(&journal).iter().nth(which) else { continue };
                let edited: AnyRecord = match journal.find(id).unwrap() {
                    AnyRecord::CheckIn(c) => CheckIn { mood: Some(value), ..c }.into(),
                    AnyRecord::Session(s) => Session { dose_mg: f64::from(value) + 1.0, ..s }.into(),
                    AnyRecord::BladderDay(b) => BladderDay { pain: Some(value), ..b }.into(),
                    other => other,
                };
                if nodes[device].0.save_any(&edited, now(device, 10)).unwrap() != super::super::Outcome::Unchanged {
                    expected.write(step, id, Some(edited));
                }
            }
            Op::Delete { device, which } => {
                let journal = nodes[device].0.journal().unwrap();
                let Some(&id) = all_ids(&journal).iter().nth(which) else { continue };
                nodes[device].0.delete(id, now(device, 10)).unwrap();
                expected.write(step, id, None);
                deletes.push(id);
            }
            Op::Ack { device, alert, note } => {
                let ack = Acknowledgement {
                    alert_id: format!("rule:{alert}"),
                    at: now(device, 10),
                    note: format!("note {note}"),
                    share_note: note % 2 == 0,
                };
                nodes[device].0.acknowledge(&ack).unwrap();
                expected.acks.insert(ack.alert_id.clone(), ack);
            }
            Op::Profile { device, minutes, name } => {
                // Setting a field to the value it has here is no write.
                let before = nodes[device].0.profile().unwrap();
                let mut profile = before.clone();
                profile.auto_lock_minutes = Some(u16::from(minutes));
                if profile.auto_lock_minutes != before.auto_lock_minutes {
                    expected.minutes = profile.auto_lock_minutes;
                }
                if let Some(name) = name {
                    profile.display_name = (name > 0).then(|| format!("name {name}"));
                    if profile.display_name != before.display_name {
                        expected.name = Some(profile.display_name.clone());
                    }
                }
                nodes[device].0.set_profile(&profile, now(device, 10)).unwrap();
            }
            Op::Sync { device } => sync_one(&mut nodes, &mut published, device),
            Op::Deliver { device, which } => {
                if let Some((name, bytes)) = published.get(which) {
                    std::fs::write(nodes[device].1.join(name), bytes).unwrap();
                }
            }
        }
    }
    // The sync tool catches up: everyone syncs, every file still in its
    // writer's folder reaches everyone, everyone syncs again.
    for round in 0..2 {
        for d in 0..devices {
            sync_one(&mut nodes, &mut published, d);
        }
        for from in 0..devices {
            for name in names(&nodes[from].1) {
                let bytes = std::fs::read(nodes[from].1.join(&name)).unwrap();
                for (to, (_, folder)) in nodes.iter().enumerate() {
                    if to != from && !folder.join(&name).exists() {
                        std::fs::write(folder.join(&name), &bytes).unwrap();
                    }
                }
            }
        }
        let _ = round;
    }
    for d in 0..devices {
        sync_one(&mut nodes, &mut published, d);
    }
    let first = nodes[0].0.journal().unwrap();
    for (vault, _) in &nodes[1..] {
        prop_assert_eq!(&vault.journal().unwrap(), &first, "every device holds the same journal");
    }
    let shown = all_ids(&first);
    if skew.iter().all(|&s| s == 0) {
        // Clocks agree: the last write of each record, ack and setting wins.
        prop_assert_eq!(&shown, &expected.visible());
        for id in &shown {
            prop_assert_eq!(first.find(*id), expected.records[id].1.clone());
        }
        let acks: Vec<Acknowledgement> = expected.acks.values().cloned().collect();
        let mut got = first.acknowledgements.clone();
        got.sort_by(|a, b| a.alert_id.cmp(&b.alert_id));
        prop_assert_eq!(got, acks);
        prop_assert_eq!(first.profile.auto_lock_minutes, expected.minutes);
        if let Some(name) = &expected.name {
            prop_assert_eq!(&first.profile.display_name, name);
        }
        for id in &deletes {
            if expected.records[id].1.is_none() {
                prop_assert!(!shown.contains(id), "a deleted record stays deleted");
            }
        }
    }
    Ok(())
}

fn names(folder: &Path) -> BTreeSet<String> {
    std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != KEY_FILE && !n.starts_with('.'))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn devices_converge_whatever_the_delivery(
        (devices, ops, skew) in (2..=4usize).prop_flat_map(|n| (
            Just(n),
            proptest::collection::vec(op(n), 1..60),
            prop_oneof![Just(vec![0i64; n]), proptest::collection::vec(-5_000..5_000i64, n)],
        ))
    ) {
        run(devices, &ops, &skew)?;
    }
}

#[test]
fn an_edit_after_a_merge_wins_even_on_a_slow_clock() {
    // Device 1's clock is ten minutes behind; its edit made after seeing
    // device 0's still wins, and a delete stays deleted.
    let ops = [
        Op::CheckIn { device: 0, day: 1, mood: 3 },
        Op::Sync { device: 0 },
        Op::Deliver { device: 1, which: 0 },
        Op::Sync { device: 1 },
        Op::Edit { device: 1, which: 0, value: 9 },
        Op::Sync { device: 1 },
        Op::Deliver { device: 0, which: 1 },
        Op::Deliver { device: 0, which: 2 },
        Op::Sync { device: 0 },
    ];
    run(2, &ops, &[0, 0]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (mut a, fa) = joined(dir.path(), "a");
    let (mut b, fb) = joined(dir.path(), "b");
    let record = CheckIn { mood: Some(3), ..CheckIn::new(Uuid::new_v4(), at(1, 0)) };
    a.save(&record, at(1, 600_000)).unwrap();
    sync::sync(&mut a, &fa, None).unwrap();
    copy_all(&fa, &fb);
    sync::sync(&mut b, &fb, None).unwrap();
    b.save(&CheckIn { mood: Some(9), ..record.clone() }, at(1, 0)).unwrap();
    sync::sync(&mut b, &fb, None).unwrap();
    copy_all(&fb, &fa);
    let report = sync::sync(&mut a, &fa, None).unwrap();
    assert_eq!(report.merge.updated, 1);
    assert_eq!(a.journal().unwrap().checkins[0].mood, Some(9));
    a.delete(record.id, at(1, 700_000)).unwrap();
    sync::sync(&mut a, &fa, None).unwrap();
    copy_all(&fa, &fb);
    let report = sync::sync(&mut b, &fb, None).unwrap();
    assert_eq!(report.merge.deleted, 1);
    // An old file of b's own arriving again changes nothing.
    copy_all(&fa, &fb);
    sync::sync(&mut b, &fb, None).unwrap();
    assert!(b.journal().unwrap().checkins.is_empty());
}

fn copy_all(from: &Path, to: &Path) {
    for name in names(from) {
        std::fs::copy(from.join(&name), to.join(&name)).unwrap();
    }
}

#[test]
fn two_diary_entries_for_one_day_show_the_later_and_keep_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, fa) = joined(dir.path(), "a");
    let (mut b, fb) = joined(dir.path(), "b");
    let day = at(2, 0).local_day();
    let early = BladderDay { pain: Some(2), ..BladderDay::new(Uuid::new_v4(), day) };
    let late = BladderDay { pain: Some(7), ..BladderDay::new(Uuid::new_v4(), day) };
    a.save(&early, at(2, 1000)).unwrap();
    b.save(&late, at(2, 2000)).unwrap();
    for _ in 0..2 {
        sync::sync(&mut a, &fa, None).unwrap();
        sync::sync(&mut b, &fb, None).unwrap();
        copy_all(&fa, &fb);
        copy_all(&fb, &fa);
    }
    sync::sync(&mut a, &fa, None).unwrap();
    assert_eq!(a.journal().unwrap().bladder, vec![late.clone()]);
    assert_eq!(b.journal().unwrap().bladder, vec![late.clone()]);
    // The shown entry deleted: the one kept aside comes back.
    b.delete(late.id, at(2, 3000)).unwrap();
    sync::sync(&mut b, &fb, None).unwrap();
    copy_all(&fb, &fa);
    sync::sync(&mut a, &fa, None).unwrap();
    sync::sync(&mut b, &fb, None).unwrap();
    assert_eq!(a.journal().unwrap().bladder, vec![early.clone()]);
    assert_eq!(b.journal().unwrap().bladder, vec![early]);
}

#[test]
fn a_journal_from_before_sync_gets_versions_from_its_update_times() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _) = device(dir.path(), "old");
    let rows: Vec<(String, i64)> = {
        let mut stmt = vault.conn.prepare("SELECT key, at_ms FROM change").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap()
    };
    assert!(rows.is_empty());
    // The migration's own statements, run again over a journal of schema 2's shape.
    vault
        .conn
        .execute_batch(
            "INSERT INTO record VALUES ('00000000-0000-0000-0000-000000000001', 'checkin', 0, '2026-03-01',
               '2026-03-01T09:00:00+01:00', '2026-03-02T10:30:00.250+01:00',
               '{\"id\":\"00000000-0000-0000-0000-000000000001\",\"at\":\"2026-03-01T09:00:00+01:00\"}');
             INSERT INTO profile VALUES (1, '{\"display_name\":\"A\",\"weight_kg\":null}');",
        )
        .unwrap();
    let migration = include_str!("migrations/0003_sync.sql");
    let stamps = &migration[migration.find("INSERT INTO change").unwrap()..];
    vault.conn.execute_batch(stamps).unwrap();
    let at_ms: i64 = vault
        .conn
        .query_row("SELECT at_ms FROM change WHERE key = 'record:00000000-0000-0000-0000-000000000001'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(at_ms, Timestamp::parse("2026-03-02T10:30:00.250+01:00").unwrap().unix_millis());
    let fields: i64 =
        vault.conn.query_row("SELECT count(*) FROM change WHERE key LIKE 'profile:%'", [], |r| r.get(0)).unwrap();
    assert_eq!(fields, 2);
    let clock: i64 = vault.conn.query_row("SELECT clock_ms FROM sync_device", [], |r| r.get(0)).unwrap();
    assert_eq!(clock, at_ms);
}
