//! `ketalog report` end to end: the PDF is valid (qpdf), its fonts are
//! embedded (pdffonts), and its text (pdftotext) holds the period, the key
//! figures and every shared note, and no private note.
//!
//! Needs qpdf and poppler-utils (installed by `./dev setup`).
#![allow(clippy::unwrap_used)] // test helpers panic on failure by design

use std::path::Path;
use std::process::Command;

use ketalog_tests::Scratch;
use serde_json::{Value, json};

/// Runs a PDF tool and returns its standard output; panics if it fails.
fn tool(program: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(program)
        .args(args)
        .arg(pdf)
        .output()
        .unwrap_or_else(|e| panic!("{program} is needed for this test (apt-get install qpdf poppler-utils): {e}"));
    assert!(out.status.success(), "{program} failed on {}: {}", pdf.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The PDF's text with every run of whitespace made one space, so that
/// wrapped lines and table columns read as running text.
fn text_of(pdf: &Path) -> String {
    let out = Command::new("pdftotext").args(["-layout", "-enc", "UTF-8"]).arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

fn report(s: &Scratch, out: &str, extra: &[&str]) -> std::path::PathBuf {
    let pdf = s.path(out);
    let mut args = vec!["report", "--out", pdf.to_str().unwrap()];
    args.extend_from_slice(extra);
    s.run(&args).ok();
    pdf
}

fn assert_valid_with_embedded_fonts(pdf: &Path) {
    let check = tool("qpdf", &["--check"], pdf);
    assert!(check.contains("No syntax or stream encoding errors"), "{check}");
    let fonts = tool("pdffonts", &[], pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts listed:\n{fonts}");
    for row in rows {
        // name, type…, encoding, then emb sub uni: the first of those must be "yes".
        let columns: Vec<&str> = row.split_whitespace().collect();
        let emb = columns[columns.len() - 5];
        assert_eq!(emb, "yes", "font not embedded: {row}");
        assert!(
            columns[0].contains("DejaVuSans") || columns[0].contains("DroidSansFallback"),
            "unexpected font: {row}"
        );
    }
}

fn total(items: &Value) -> u64 {
    items.as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).sum()
}

#[test]
fn the_demo_report_is_valid_embeds_its_font_and_states_the_key_figures() {
    let s = Scratch::new();
    s.run(&["demo", "--until", "2026-11-21"]).ok();
    let pdf = report(&s, "summary.pdf", &["--from", "2025-11-22", "--to", "2026-11-21"]);
    assert_valid_with_embedded_fonts(&pdf);
    // Another process, the same journal and day: the same bytes.
    let again = report(&s, "again.pdf", &["--from", "2025-11-22", "--to", "2026-11-21"]);
    assert!(std::fs::read(&pdf).unwrap() == std::fs::read(&again).unwrap(), "the report is not deterministic");
    let text = text_of(&pdf);

    // Expected figures come from the journal itself, read back through export.
    let journal = s.export();
    let sessions = journal["sessions"].as_array().unwrap().len();
    let phq9 = journal["phq9"].as_array().unwrap();
    let (baseline, latest) = (total(&phq9[0]["items"]), total(&phq9[phq9.len() - 1]["items"]));

    assert!(text.contains("Period 22 Nov 2025 – 21 Nov 2026 (365 days)"), "{text}");
    assert!(text.contains(&format!("{sessions} (IV {sessions}), the rows of the Sessions table")), "{text}");
    assert!(text.contains(&format!("baseline {baseline} (")), "PHQ-9 baseline {baseline} missing");
    assert!(text.contains(&format!("→ latest {latest} (")), "PHQ-9 latest {latest} missing");
    assert!(text.contains("Patient-recorded data"));
    // The alert history comes from the rules engine: the baseline PHQ-9's
    // item 9 and the demo's week of bladder symptoms, counted as the rows of
    // the Alerts table.
    assert!(text.contains("in this period, 0 acknowledged (the rows of the Alerts table"), "{text}");
    assert!(text.contains("Thoughts of death or self-harm"));
    assert!(text.contains("Bladder symptoms on several days"));
    let pages: usize =
        tool("pdfinfo", &[], &pdf).lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
    assert!(text.contains(&format!("Page {pages} of {pages}")), "{text}");
    // The demo's shared notes are printed; its private one is not.
    assert!(text.contains("First infusion. Nervous beforehand; the nurse talked me through it."));
    assert!(text.contains("Walked to the park for the first time in months."));
    assert!(!text.contains("Last of the loading series"));
}

/// A small journal whose notes say plainly whether they were shared.
fn journal_with_notes() -> Value {
    let session = |id: u32, day: &str, notes: &str, share: bool| {
        json!({
            "id": format!("0c5a2f8e-4b1d-4c11-8f00-00000000{id:04}"),
            "started_at": format!("{day}T10:00:00-05:00"),
            "medication": "racemic-ketamine", "route": "im", "dose_mg": 50,
            "side_effects": [], "co_medications": [], "psychotic_symptoms": false,
            "notes": notes, "share_notes": share
        })
    };
    json!({
        "format": "ketalog-data", "version": 1, "exported_at": "2026-03-20T18:00:00-04:00",
        "profile": { "display_name": "Robin Example", "weight_kg": 80 },
        "sessions": [
            session(1, "2026-03-02", "Shared: the heated blanket made the hour pass gently.", true),
            session(2, "2026-03-05", "Private: I have not told my employer about the treatment.", false),
            session(3, "2026-04-10", "Shared but outside the period: a note from April.", true)
        ],
        "checkins": [
            { "id": "0c5a2f8e-4b1d-4c11-8f00-000000001001", "at": "2026-03-03T20:00:00-05:00", "mood": 6,
              "notes": "Shared: cooked dinner for friends for the first time in a year. 友達と夕食を作った。", "share_notes": true },
            { "id": "0c5a2f8e-4b1d-4c11-8f00-000000001002", "at": "2026-03-04T20:00:00-05:00", "mood": 4,
              "notes": "Private: the old thoughts came back for an evening.", "share_notes": false }
        ],
        "phq9": [
            { "id": "0c5a2f8e-4b1d-4c11-8f00-000000002001", "at": "2026-03-01T09:00:00-05:00", "items": [3,3,2,2,2,2,2,1,0] },
            { "id": "0c5a2f8e-4b1d-4c11-8f00-000000002002", "at": "2026-03-15T09:00:00-04:00", "items": [1,1,1,1,1,1,1,0,0] }
        ],
        "gad7": [],
        "bladder": [
            { "id": "0c5a2f8e-4b1d-4c11-8f00-000000003001", "date": "2026-03-06", "day_voids": 7, "pain": 5,
              "notes": "Private: kept this diary day to myself.", "share_notes": false }
        ],
        "acknowledgements": []
    })
}

#[test]
fn shared_notes_are_printed_and_private_notes_never_are() {
    let s = Scratch::init();
    let notes = s.write("notes.json", &journal_with_notes().to_string());
    s.run(&["import", notes.to_str().unwrap(), "--take-profile"]).ok();
    let pdf = report(&s, "notes.pdf", &["--from", "2026-03-01", "--to", "2026-03-31", "--paper", "letter"]);
    assert_valid_with_embedded_fonts(&pdf);
    let text = text_of(&pdf);
    assert!(text.contains("Robin Example"));
    assert!(text.contains("Period 1 Mar 2026 – 31 Mar 2026 (31 days)"), "{text}");
    assert!(text.contains("Sessions 2 (IM 2)"), "{text}");
    assert!(text.contains("baseline 17 (moderately severe) on 1 Mar 2026 → latest 7 (mild) on 15 Mar 2026"), "{text}");
    for shared in [
        "the heated blanket made the hour pass gently.",
        "cooked dinner for friends for the first time in a year.",
        // Printed in the bundled fallback face, not as boxes.
        "友達と夕食を作った。",
    ] {
        assert!(text.contains(shared), "shared note missing: {shared}");
    }
    assert!(tool("pdffonts", &[], &pdf).contains("DroidSansFallback"), "the fallback face is embedded");
    for private in ["employer", "old thoughts", "kept this diary day", "outside the period"] {
        assert!(!text.contains(private), "private or out-of-period note printed: {private}");
    }
    let info = tool("pdfinfo", &[], &pdf);
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
}

#[test]
fn sections_leave_out_what_was_not_asked_for() {
    let s = Scratch::init();
    let notes = s.write("notes.json", &journal_with_notes().to_string());
    s.run(&["import", notes.to_str().unwrap(), "--take-profile"]).ok();
    let pdf =
        report(&s, "short.pdf", &["--from", "2026-03-01", "--to", "2026-03-31", "--sections", "summary,sessions"]);
    assert_valid_with_embedded_fonts(&pdf);
    let text = text_of(&pdf);
    assert!(text.contains("Key figures") && text.contains("Sessions Date Time"), "{text}");
    for absent in ["PHQ-9 over time", "Questionnaires", "Shared notes", "heated blanket"] {
        assert!(!text.contains(absent), "{absent} printed without its section");
    }
    assert!(tool("pdfinfo", &[], &pdf).contains("595.28 x 841.89 pts (A4)"));
}

#[test]
fn bad_requests_exit_1_with_a_reason_and_write_nothing() {
    let s = Scratch::init();
    let out = s.path("never.pdf");
    let out = out.to_str().unwrap();
    let cases: [(&[&str], &str); 5] = [
        (&["--from", "2026-03-10", "--to", "2026-03-01"], "ends earlier"),
        (&["--from", "2026-02-30", "--to", "2026-03-01"], "2026-02-30 is not a calendar date"),
        (&["--from", "2026-03-01", "--to", "2026-03-31", "--sections", "summary,graphs"], "\"graphs\""),
        (&["--from", "2026-03-01", "--to", "2026-03-31", "--sections", ","], "no section"),
        (&["--from", "2026-03-01", "--to", "2026-03-31", "--paper", "a5"], "a5"),
    ];
    for (args, reason) in cases {
        let mut full = vec!["report", "--out", out];
        full.extend_from_slice(args);
        let message = s.run(&full).fails_with(1).to_owned();
        assert!(message.contains(reason), "{args:?}: {message}");
    }
    assert!(!Path::new(out).exists());
    let leftovers: Vec<_> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

/// The PDF is tagged: its structure tree holds the title, section headings,
/// tables with header cells and the charts (the six trend charts and the
/// session effects) as figures with their text
/// alternative, in English; page furniture is marked as artifacts.
#[test]
fn the_report_is_a_tagged_pdf_with_headings_tables_and_described_figures() {
    let s = Scratch::new();
    s.run(&["demo", "--until", "2026-11-21"]).ok();
    let pdf = report(&s, "summary.pdf", &["--from", "2025-11-22", "--to", "2026-11-21"]);
    let info = tool("pdfinfo", &[], &pdf);
    assert!(info.lines().any(|l| l.split_whitespace().eq(["Tagged:", "yes"])), "{info}");
    // Uncompressed, every structure element is readable as text.
    let plain = s.path("plain.pdf");
    let out = Command::new("qpdf").args(["--qdf", "--object-streams=disable"]).arg(&pdf).arg(&plain).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&plain).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let count = |needle: &str| text.matches(needle).count();
    assert!(count("/StructTreeRoot") >= 1);
    assert_eq!(count("/S /H1"), 1, "one title");
    assert!(count("/S /H2") >= 5, "the sections are headings");
    assert!(count("/S /Table") >= 4 && count("/S /TH") >= 10 && count("/S /TD") >= 100);
    assert_eq!(count("/S /Figure"), 7, "the six charts and the session effects are figures");
    assert!(count("/Alt (") >= 7, "each figure has its text alternative");
    assert!(count("/Artifact") >= 1, "page furniture is marked as such");
    assert!(text.contains("/Lang (en)"));
}
