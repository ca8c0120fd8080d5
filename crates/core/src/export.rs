//! Plain (unencrypted) CSV exports: one file per record type.
//!
//! Text cells that a spreadsheet would run as a formula are written with a
//! leading `'`, so opening an export cannot execute anything: a cell whose
//! first visible character is `=`, `+`, `-`, `@` or their full-width forms,
//! after any spaces, line breaks, tabs and invisible (zero-width, format)
//! characters, which spreadsheets skip.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::fsio;
use crate::model::{BloodPressure, Journal};
use crate::vault;

/// The files [`write_csv`] writes, in order.
pub const CSV_FILES: [&str; 7] =
    ["sessions.csv", "checkins.csv", "phq9.csv", "gad7.csv", "icsi_icpi.csv", "bladder.csv", "acknowledgements.csv"];

/// Characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 8] = ['=', '+', '-', '@', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}'];

/// Whether a spreadsheet may skip `c` before a formula: white space of any
/// kind, control characters, and invisible format characters (zero-width
/// space and joiners, word joiner, byte-order mark, bidirectional marks).
fn skipped_before_formula(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}')
}

fn text(cell: &str) -> String {
    let first_visible = cell.chars().find(|&c| !skipped_before_formula(c));
    let leads_with_invisible = cell.chars().next().is_some_and(|c| skipped_before_formula(c) && c != ' ');
    if first_visible.is_some_and(|c| FORMULA_STARTS.contains(&c)) || leads_with_invisible {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn bp(value: Option<BloodPressure>) -> [String; 2] {
    [opt(value.map(|b| b.systolic)), opt(value.map(|b| b.diastolic))]
}

fn table(header: &[&str], rows: Vec<Vec<String>>) -> Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let encode = |e: csv::Error| Error::Corrupt(format!("cannot encode CSV: {e}"));
    writer.write_record(header).map_err(encode)?;
    for row in rows {
        writer.write_record(row).map_err(encode)?;
    }
    writer.into_inner().map_err(|e| Error::Corrupt(format!("cannot encode CSV: {e}")))
}

/// Each CSV file's name and bytes.
///
/// # Errors
/// Only if encoding fails, which plain strings do not.
pub fn csv_tables(journal: &Journal) -> Result<Vec<(&'static str, Vec<u8>)>> {
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let sessions = journal
        .sessions
        .iter()
        .map(|s| {
            let [pre_s, pre_d] = bp(s.bp_pre);
            let [post_s, post_d] = bp(s.bp_post);
            let doses =
                s.doses.iter().map(|d| format!("+{}min {}mg", d.after_min, d.mg)).collect::<Vec<_>>().join("; ");
            vec![
                s.id.to_string(),
                s.started_at.to_rfc3339(),
                day(s.started_at.local_day()),
                serde_plain(&s.medication),
                serde_plain(&s.route),
                s.dose_mg.to_string(),
                text(&doses),
                opt(s.weight_kg),
                opt(s.duration_min),
                s.setting.as_ref().map(serde_plain).unwrap_or_default(),
                pre_s,
                pre_d,
                post_s,
                post_d,
                opt(s.heart_rate_pre),
                opt(s.heart_rate_post),
                opt(s.dissociation),
                text(&s.side_effects.join("; ")),
                s.psychotic_symptoms.to_string(),
                text(&s.co_medications.join("; ")),
                text(&s.intention),
                text(&s.reflection),
                text(&s.notes),
                s.share_notes.to_string(),
            ]
        })
        .collect();
    let checkins = journal
        .checkins
        .iter()
        .map(|c| {
            vec![
                c.id.to_string(),
                c.at.to_rfc3339(),
                day(c.at.local_day()),
                opt(c.mood),
                opt(c.anxiety),
                opt(c.sleep_hours),
                opt(c.energy),
                text(&c.notes),
                c.share_notes.to_string(),
            ]
        })
        .collect();
    let phq9 = journal
        .phq9
        .iter()
        .map(|q| {
            let mut row = vec![q.id.to_string(), q.at.to_rfc3339(), day(q.at.local_day())];
            row.extend(q.items.iter().map(u8::to_string));
            row.push(q.total().to_string());
            row.push(opt(q.difficulty));
            row
        })
        .collect();
    let gad7 = journal
        .gad7
        .iter()
        .map(|q| {
            let mut row = vec![q.id.to_string(), q.at.to_rfc3339(), day(q.at.local_day())];
            row.extend(q.items.iter().map(u8::to_string));
            row.push(q.total().to_string());
            row
        })
        .collect();
    let icsi = journal
        .icsi_icpi
        .iter()
        .map(|q| {
            let mut row = vec![q.id.to_string(), q.at.to_rfc3339(), day(q.at.local_day())];
            row.extend(q.icsi.iter().map(u8::to_string));
            row.push(q.icsi.iter().map(|&v| u32::from(v)).sum::<u32>().to_string());
            row.extend(q.icpi.iter().map(u8::to_string));
            row.push(q.icpi.iter().map(|&v| u32::from(v)).sum::<u32>().to_string());
            row
        })
        .collect();
    let bladder = journal
        .bladder
        .iter()
        .map(|b| {
            vec![
                b.id.to_string(),
                day(b.date),
                opt(b.day_voids),
                opt(b.night_voids),
                opt(b.urgency),
                opt(b.pain),
                b.burning.to_string(),
                b.visible_blood.to_string(),
                b.cloudy.to_string(),
                b.leakage.to_string(),
                text(&b.notes),
                b.share_notes.to_string(),
            ]
        })
        .collect();
    let acks =
        journal.acknowledgements.iter().map(|a| vec![text(&a.alert_id), a.at.to_rfc3339(), text(&a.note)]).collect();
    Ok(vec![
        (
            CSV_FILES[0],
            table(
                &[
                    "id",
                    "started_at",
                    "local_day",
                    "medication",
                    "route",
                    "dose_mg",
                    "doses",
                    "weight_kg",
                    "duration_min",
                    "setting",
                    "bp_pre_systolic",
                    "bp_pre_diastolic",
                    "bp_post_systolic",
                    "bp_post_diastolic",
                    "heart_rate_pre",
                    "heart_rate_post",
                    "dissociation",
                    "side_effects",
                    "psychotic_symptoms",
                    "co_medications",
                    "intention",
                    "reflection",
                    "notes",
                    "share_notes",
                ],
                sessions,
            )?,
        ),
        (
            CSV_FILES[1],
            table(
                &["id", "at", "local_day", "mood", "anxiety", "sleep_hours", "energy", "notes", "share_notes"],
                checkins,
            )?,
        ),
        (
            CSV_FILES[2],
            table(
                &[
                    "id",
                    "at",
                    "local_day",
                    "item1",
                    "item2",
                    "item3",
                    "item4",
                    "item5",
                    "item6",
                    "item7",
                    "item8",
                    "item9",
                    "total",
                    "difficulty",
                ],
                phq9,
            )?,
        ),
        (
            CSV_FILES[3],
            table(
                &["id", "at", "local_day", "item1", "item2", "item3", "item4", "item5", "item6", "item7", "total"],
                gad7,
            )?,
        ),
        (
            CSV_FILES[4],
            table(
                &[
                    "id",
                    "at",
                    "local_day",
                    "icsi1",
                    "icsi2",
                    "icsi3",
                    "icsi4",
                    "icsi_total",
                    "icpi1",
                    "icpi2",
                    "icpi3",
                    "icpi4",
                    "icpi_total",
                ],
                icsi,
            )?,
        ),
        (
            CSV_FILES[5],
            table(
                &[
                    "id",
                    "date",
                    "day_voids",
                    "night_voids",
                    "urgency",
                    "pain",
                    "burning",
                    "visible_blood",
                    "cloudy",
                    "leakage",
                    "notes",
                    "share_notes",
                ],
                bladder,
            )?,
        ),
        (CSV_FILES[6], table(&["alert_id", "at", "note"], acks)?),
    ])
}

/// The enum's document spelling ("racemic-ketamine").
fn serde_plain<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// Writes every CSV file into `dir` (created owner-only if missing), each
/// file replaced atomically. Returns the paths written. `journal_db` is the
/// journal's database: no file of the journal at it is written over, and
/// nothing is written into its set-aside folders.
///
/// # Errors
/// [`Error::JournalFile`] when `dir` or a file in it is part of the
/// journal; then nothing is written. [`Error::Io`] naming the file.
pub fn write_csv(journal: &Journal, dir: &Path, journal_db: &Path) -> Result<Vec<PathBuf>> {
    vault::check_output_folder(journal_db, dir)?;
    let tables = csv_tables(journal)?;
    for (name, _) in &tables {
        vault::check_output_target(journal_db, &dir.join(name))?;
    }
    fsio::create_private_dir(dir)?;
    let mut written = Vec::new();
    for (name, bytes) in tables {
        let path = dir.join(name);
        vault::write_outside(journal_db, &path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case::equals("=1+1", true)]
    #[case::plus("+1", true)]
    #[case::minus("-2", true)]
    #[case::at("@SUM(A1)", true)]
    #[case::leading_space(" =HYPERLINK(\"x\")", true)]
    #[case::leading_spaces_and_tab("  \t=1", true)]
    #[case::leading_newline("\n=1", true)]
    #[case::leading_carriage_return("\r=1", true)]
    #[case::fullwidth_equals("＝1+1", true)]
    #[case::fullwidth_plus("＋1", true)]
    #[case::fullwidth_minus("－1", true)]
    #[case::fullwidth_at("＠x", true)]
    #[case::zero_width_space("\u{200B}=1", true)]
    #[case::word_joiner("\u{2060}=1", true)]
    #[case::byte_order_mark("\u{FEFF}=1", true)]
    #[case::soft_hyphen("\u{00AD}=1", true)]
    #[case::no_break_space("\u{00A0}=1", true)]
    #[case::lone_tab("\tplain", true)]
    #[case::plain("nausea", false)]
    #[case::inner_equals("a=b", false)]
    #[case::leading_space_plain(" nausea", false)]
    #[case::empty("", false)]
    fn cells_a_spreadsheet_would_run_are_quoted(#[case] cell: &str, #[case] quoted: bool) {
        let written = text(cell);
        assert_eq!(written.starts_with('\'') && written[1..] == *cell, quoted, "{cell:?} → {written:?}");
        if !quoted {
            assert_eq!(written, cell);
        }
    }
}
