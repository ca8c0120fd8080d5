//! The report's only path to note text is a share switch that is on: in
//! every combination of sections, the text `pdftotext` reads from the PDF
//! holds each shared note and no private one (notes of sessions, check-ins
//! and diary days, a session's intention and reflection, and the note of an
//! acknowledged alert). Needs `pdftotext` (Debian package poppler-utils).

#![allow(clippy::unwrap_used, reason = "test helpers: a failed unwrap is a failed test")]

mod common;
use common::pdf_text;

use chrono::NaiveDate;
use ketalog_core::charts::DateRange;
use ketalog_core::model::{Acknowledgement, Journal};
use ketalog_core::report::{self, Paper, ReportOptions, Section};
use ketalog_core::rules::{self, Thresholds};
use ketalog_core::{Timestamp, demo};

const PRIVATE: &str = "Zanzibarprivate";
const SHARED: &str = "Quokkashared";

fn day(text: &str) -> NaiveDate {
    ketalog_core::time::parse_day(text).unwrap()
}

/// The demo year with a private and a shared marker in every kind of note;
/// every alert acknowledged, with a note shared or not as `share_acks`.
fn journal(share_acks: bool) -> Journal {
    let mut j = demo::journal(day("2026-06-30"));
    for (i, s) in j.sessions.iter_mut().enumerate() {
        let shared = i % 2 == 0;
        s.share_notes = shared;
        let marker = if shared { SHARED } else { PRIVATE };
        s.notes = format!("{marker} session note");
        s.intention = format!("{marker} intention");
        s.reflection = format!("{marker} reflection");
    }
    for (i, c) in j.checkins.iter_mut().enumerate() {
        c.share_notes = i % 2 == 0;
        c.notes = format!("{} check-in note", if c.share_notes { SHARED } else { PRIVATE });
    }
    for (i, d) in j.bladder.iter_mut().enumerate() {
        d.share_notes = i % 2 == 0;
        d.notes = format!("{} diary note", if d.share_notes { SHARED } else { PRIVATE });
    }
    // Every alert the year raised, seen at the end of each month.
    let mut ids = std::collections::BTreeSet::new();
    for month in [
        "2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04",
        "2026-05", "2026-06",
    ] {
        let as_of = Timestamp::parse(&format!("{month}-28T23:00:00-04:00")).unwrap();
        for alert in rules::evaluate(&j, as_of, &Thresholds::default()) {
            if alert.rule.id() != "driving.wait" {
                ids.insert((alert.id, alert.first_seen));
            }
        }
    }
    assert!(ids.len() >= 2, "the demo year raises alerts to acknowledge");
    for (alert_id, first_seen) in ids {
        let shared = share_acks;
        j.acknowledgements.push(Acknowledgement {
            alert_id,
            at: first_seen,
            note: format!("{} called the clinic", if shared { SHARED } else { PRIVATE }),
            share_note: shared,
        });
    }
    j
}

#[test]
fn no_section_combination_prints_a_private_note() {
    let private = journal(false);
    let range = DateRange::new(day("2025-07-01"), day("2026-06-30")).unwrap();
    let offset = chrono::FixedOffset::west_opt(4 * 3600).unwrap();
    let alerts = report::alert_history(&private, range, offset, &Thresholds::default());
    assert!(alerts.iter().any(|a| a.acknowledged.is_some()), "acknowledged alerts are in the period");
    let mut printed_shared = 0;
    for mask in 1u32..(1 << Section::ALL.len()) {
        let sections: Vec<Section> =
            Section::ALL.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, s)| *s).collect();
        let options =
            ReportOptions { range, sections: sections.clone(), paper: Paper::A4, generated_on: day("2026-07-01") };
        let text = pdf_text(&report::render(&private, Some(&alerts), &options).unwrap(), 1, 999);
        assert!(!text.contains(PRIVATE), "a private note is printed with sections {sections:?}");
        if sections.contains(&Section::Notes) {
            assert!(text.contains(SHARED), "shared notes are printed with {sections:?}");
            printed_shared += 1;
        }
    }
    assert_eq!(printed_shared, 64, "every combination with the notes section was checked");

    // The same acknowledgements with their notes shared: printed, so the scan above can fail.
    let shared = journal(true);
    let alerts = report::alert_history(&shared, range, offset, &Thresholds::default());
    let options =
        ReportOptions { range, sections: vec![Section::Alerts], paper: Paper::A4, generated_on: day("2026-07-01") };
    let text = pdf_text(&report::render(&shared, Some(&alerts), &options).unwrap(), 1, 999);
    assert!(text.contains(SHARED), "a shared acknowledgement note is printed:\n{text}");
}
