//! Page 1 of the PDF, as `pdftotext` reads it, answers "is anything unsafe,
//! and is it working" for the demo year: safety first, the counts computed
//! here independently from the journal, every alert said about the patient,
//! and the "Session effects" section with its chart. Needs `pdftotext`
//! (Debian package poppler-utils).

#![allow(clippy::unwrap_used, reason = "test helpers: a failed unwrap is a failed test")]

use std::collections::BTreeSet;
mod common;
use common::pdf_text;

use chrono::NaiveDate;
use ketalog_core::charts::DateRange;
use ketalog_core::demo;
use ketalog_core::model::Journal;
use ketalog_core::report::{self, Paper, ReportOptions, Section};
use ketalog_core::rules::Thresholds;

fn day(text: &str) -> NaiveDate {
    ketalog_core::time::parse_day(text).unwrap()
}

fn render(journal: &Journal, range: DateRange) -> Vec<u8> {
    let offset = chrono::FixedOffset::west_opt(4 * 3600).unwrap();
    let alerts = report::alert_history(journal, range, offset, &Thresholds::default());
    let options = ReportOptions { range, sections: Section::ALL.to_vec(), paper: Paper::A4, generated_on: range.to() };
    report::render(journal, Some(&alerts), &options).unwrap()
}

#[test]
fn page_one_holds_the_safety_facts_and_counts_that_agree_with_the_journal() {
    let journal = demo::journal(day("2026-06-30"));
    let range = DateRange::new(day("2026-01-01"), day("2026-06-30")).unwrap();
    let first = pdf_text(&render(&journal, range), 1, 1);
    let at = |text: &str| first.find(text).unwrap_or_else(|| panic!("{text:?} not on page 1:\n{first}"));
    // pdftotext reads a block of key figures as its keys, then its values.
    assert!(at("Safety") < at("PHQ-9 item 9") && at("PHQ-9 item 9") < at("Key figures"), "{first}");
    assert!(at("PHQ-9s in this period") < at("Key figures"), "the item 9 answer is under Safety: {first}");

    let in_range: Vec<_> = journal.phq9.iter().filter(|q| range.contains(q.at.local_day())).collect();
    let above = in_range.iter().filter(|q| q.item9() > 0).count();
    if above == 0 {
        at(&format!("0 on all {} PHQ-9s in this period", in_range.len()));
    } else {
        at(&format!("above 0 on {above} of the {} PHQ-9s in this period", in_range.len()));
    }
    let sessions = journal.sessions.iter().filter(|s| range.contains(s.started_at.local_day())).count();
    at(&format!("{sessions} (IV {sessions}), the rows of the Sessions table"));
    let checkin_days: BTreeSet<NaiveDate> =
        journal.checkins.iter().map(|c| c.at.local_day()).filter(|d| range.contains(*d)).collect();
    at(&format!("on {} of the {} days of this period", checkin_days.len(), range.days()));
    at("Mood after sessions");
    for second_person in [" you ", " your ", "You ", "Your "] {
        assert!(!first.contains(second_person), "{second_person:?} on page 1:\n{first}");
    }
}

#[test]
fn the_session_effects_section_follows_the_charts() {
    let journal = demo::journal(day("2026-06-30"));
    let range = DateRange::new(day("2025-07-01"), day("2026-06-30")).unwrap();
    let all = pdf_text(&render(&journal, range), 1, 999);
    let effects = all.find("Session effects").expect("the section is printed");
    assert!(all.find("Charts").unwrap() < effects);
    assert!(all[effects..].contains("Mood around session days"), "{}", &all[effects..]);
    assert!(all[effects..].contains("the patient's mood"), "{}", &all[effects..]);
}
