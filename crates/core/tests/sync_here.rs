//! Sync as the app uses it, through the journal held open: two journals and
//! one folder. The copy in memory stays what the database holds after a
//! merge; a record edited here and replaced by a later edit elsewhere is
//! named, with the version made here kept aside; a crisis line set on
//! another computer is noticed; the folder is kept inside the journal.

#![allow(clippy::unwrap_used, reason = "test helpers: a failed unwrap is a failed test")]

use std::path::Path;

use ketalog_core::model::{CheckIn, CrisisLine, Profile};
use ketalog_core::open::OpenJournal;
use ketalog_core::record::{AnyRecord, RecordKind};
use ketalog_core::sync::SyncError;
use ketalog_core::{Journal, Timestamp, Vault};
use secrecy::SecretString;
use uuid::Uuid;

const SYNC_PASSPHRASE: &str = "two computers one journal";

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

fn journal(dir: &Path, name: &str) -> OpenJournal {
    let pass = SecretString::from("journal passphrase".to_owned());
    OpenJournal::new(Vault::create(&dir.join(name), &pass).unwrap()).unwrap()
}

fn sorted(mut journal: Journal) -> Journal {
    journal.record_times.sort_by_key(|t| t.id);
    journal
}

fn in_memory_is_stored(open: &OpenJournal) {
    assert_eq!(sorted(open.journal().clone()), sorted(open.vault().journal().unwrap()));
}

fn check_in(mood: u8) -> AnyRecord {
    CheckIn { mood: Some(mood), ..CheckIn::new(Uuid::nil(), at("2026-03-03T20:00:00-05:00")) }.into()
}

#[test]
fn an_edit_replaced_from_elsewhere_is_named_and_kept_aside_and_memory_follows() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    let pass = SecretString::from(SYNC_PASSPHRASE.to_owned());
    let (mut a, mut b) = (journal(dir.path(), "a.db"), journal(dir.path(), "b.db"));

    // A writes a check-in; B joins and receives it.
    let saved = a.save(check_in(5), at("2026-03-03T20:00:00-05:00")).unwrap();
    a.sync(&folder, Some(&pass), at("2026-03-03T20:01:00-05:00")).unwrap();
    assert!(matches!(
        b.sync(&folder, None, at("2026-03-03T20:02:00-05:00")),
        Err(SyncError::PassphraseNeeded { new_folder: false })
    ));
    let report = b.sync(&folder, Some(&pass), at("2026-03-03T20:02:00-05:00")).unwrap();
    assert!(report.joined);
    assert_eq!(report.merge.added, 1);
    assert_eq!(b.journal().checkins.len(), 1, "the record is in memory at once");
    in_memory_is_stored(&b);

    // Both edit it; B's edit is later. A's edit was made here since A's last
    // sync, so A names it and keeps its own version aside.
    let AnyRecord::CheckIn(first) = saved.clone() else { panic!("a check-in was saved") };
    a.save(CheckIn { mood: Some(2), ..first.clone() }.into(), at("2026-03-04T09:00:00-05:00")).unwrap();
    b.save(CheckIn { mood: Some(8), ..first }.into(), at("2026-03-04T10:00:00-05:00")).unwrap();
    b.sync(&folder, None, at("2026-03-04T10:01:00-05:00")).unwrap();
    let now = at("2026-03-04T11:00:00-05:00");
    let report = a.sync(&folder, None, now).unwrap();
    assert_eq!(report.merge.updated, 1);
    assert_eq!(report.merge.replaced_here, vec!["check-in of 2026-03-03".to_owned()]);
    assert_eq!(a.journal().checkins[0].mood, Some(8), "the later edit shows");
    in_memory_is_stored(&a);

    let notes = a.vault().changed_elsewhere(now).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!((notes[0].id, notes[0].kind), (saved.id(), RecordKind::CheckIn));
    assert_eq!(notes[0].at, at("2026-03-04T10:00:00-05:00"), "when the other computer made its edit");
    assert!(notes[0].kept.contains("mood 2/10"), "the version made here: {}", notes[0].kept);
    assert!(b.vault().changed_elsewhere(now).unwrap().is_empty(), "B's edit was not replaced");

    // The note lasts its days, and goes with the record.
    assert_eq!(a.vault().changed_elsewhere(at("2026-03-18T09:59:00-05:00")).unwrap().len(), 1);
    assert!(a.vault().changed_elsewhere(at("2026-03-18T10:01:00-05:00")).unwrap().is_empty());
    a.delete(saved.id(), now).unwrap();
    assert!(a.vault().changed_elsewhere(now).unwrap().is_empty());
}

#[test]
fn a_crisis_line_set_elsewhere_is_noticed_and_nothing_else_is() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    let pass = SecretString::from(SYNC_PASSPHRASE.to_owned());
    let (mut a, mut b) = (journal(dir.path(), "a.db"), journal(dir.path(), "b.db"));
    a.sync(&folder, Some(&pass), at("2026-03-01T09:00:00+01:00")).unwrap();
    b.sync(&folder, Some(&pass), at("2026-03-01T09:01:00+01:00")).unwrap();

    b.set_profile(Profile { auto_lock_minutes: Some(10), ..Profile::default() }, at("2026-03-01T10:00:00+01:00"))
        .unwrap();
    b.sync(&folder, None, at("2026-03-01T10:01:00+01:00")).unwrap();
    a.sync(&folder, None, at("2026-03-01T10:02:00+01:00")).unwrap();
    assert_eq!(a.journal().profile.auto_lock_minutes, Some(10));
    assert_eq!(a.vault().sync_here(at("2026-03-01T10:03:00+01:00")).unwrap().crisis_line_changed, None);

    let line = CrisisLine {
        label: "TelefonSeelsorge".into(),
        phone: "0800 111 0 111".into(),
        text: String::new(),
        emergency: "112".into(),
    };
    let profile = Profile { crisis_line: Some(line.clone()), ..b.journal().profile.clone() };
    b.set_profile(profile, at("2026-03-02T10:00:00+01:00")).unwrap();
    b.sync(&folder, None, at("2026-03-02T10:01:00+01:00")).unwrap();
    let now = at("2026-03-02T12:00:00+01:00");
    a.sync(&folder, None, now).unwrap();
    assert_eq!(a.journal().profile.crisis_line, Some(line));
    let here = a.vault().sync_here(now).unwrap();
    assert_eq!(here.crisis_line_changed, Some(at("2026-03-02T10:00:00+01:00")));
    assert_eq!(here.synced_at, Some(now));
    assert!(here.joined);
    assert_eq!(b.vault().sync_here(now).unwrap().crisis_line_changed, None, "set there, not changed elsewhere");
    assert_eq!(a.vault().sync_here(at("2026-03-17T12:00:00+01:00")).unwrap().crisis_line_changed, None);
}

#[test]
fn the_folder_is_kept_in_the_journal_and_forgetting_it_keeps_the_records() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    let now = at("2026-03-01T09:00:00+01:00");
    let mut a = journal(dir.path(), "a.db");
    assert_eq!(a.vault().sync_here(now).unwrap().folder, None);
    assert!(a.set_sync_folder(Path::new("relative/folder")).is_err());
    a.set_sync_folder(&folder).unwrap();
    a.save(check_in(4), now).unwrap();
    a.sync(&folder, Some(&SecretString::from(SYNC_PASSPHRASE.to_owned())), now).unwrap();
    let here = a.vault().sync_here(now).unwrap();
    assert_eq!((here.folder.as_deref(), here.joined), (Some(folder.as_path()), true));

    a.forget_sync_folder().unwrap();
    let here = a.vault().sync_here(now).unwrap();
    assert_eq!((here.folder, here.joined), (None, false));
    assert_eq!(a.journal().checkins.len(), 1);
    in_memory_is_stored(&a);
    // Joining again needs the passphrase again.
    assert!(matches!(a.sync(&folder, None, now), Err(SyncError::PassphraseNeeded { new_folder: false })));
}
