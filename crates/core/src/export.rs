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
use crate::model::Journal;
use crate::record::{KindVisitor, Record, RecordFacts, RecordKind};
use crate::vault;

/// The name of each kind's CSV file: its list name in the data document.
pub fn csv_file_name(kind: RecordKind) -> String {
    format!("{}.csv", kind.list_name())
}

/// The acknowledgements' CSV file.
pub const ACKNOWLEDGEMENTS_CSV: &str = "acknowledgements.csv";

/// Characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 8] = ['=', '+', '-', '@', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}'];

/// Whether a spreadsheet may skip `c` before a formula: white space of any
/// kind, control characters, and invisible format characters
/// ([`crate::text::is_invisible`]: zero-width space and joiners, word
/// joiner, byte-order mark, bidirectional marks).
fn skipped_before_formula(c: char) -> bool {
    c.is_whitespace() || c.is_control() || crate::text::is_invisible(c)
}

/// A cell as written: with a leading `'` when a spreadsheet would run it.
fn text(cell: &str) -> String {
    let first_visible = cell.chars().find(|&c| !skipped_before_formula(c));
    let leads_with_invisible = cell.chars().next().is_some_and(|c| skipped_before_formula(c) && c != ' ');
    if first_visible.is_some_and(|c| FORMULA_STARTS.contains(&c)) || leads_with_invisible {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

fn table(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let encode = |e: csv::Error| Error::Corrupt(format!("cannot encode CSV: {e}"));
    writer.write_record(header).map_err(encode)?;
    for row in rows {
        writer.write_record(row.iter().map(|cell| text(cell))).map_err(encode)?;
    }
    writer.into_inner().map_err(|e| Error::Corrupt(format!("cannot encode CSV: {e}")))
}

/// Collects each kind's CSV file, in registry order.
struct Tables(Vec<(String, Vec<u8>)>);

impl KindVisitor for Tables {
    type Error = Error;
    fn visit<R: Record>(&mut self, records: &[R]) -> Result<()> {
        self.0.push((csv_file_name(R::KIND), table(R::CSV_COLUMNS, records.iter().map(RecordFacts::csv_row))?));
        Ok(())
    }
}

/// Each CSV file's name and bytes: one per kind of record (columns from
/// the registry, [`RecordFacts::CSV_COLUMNS`]), then the acknowledgements.
///
/// # Errors
/// Only if encoding fails, which plain strings do not.
pub fn csv_tables(journal: &Journal) -> Result<Vec<(String, Vec<u8>)>> {
    let mut tables = Tables(Vec::new());
    journal.visit(&mut tables)?;
    let acks = journal
        .acknowledgements
        .iter()
        .map(|a| vec![a.alert_id.clone(), a.at.to_rfc3339(), a.note.clone(), a.share_note.to_string()]);
    tables.0.push((ACKNOWLEDGEMENTS_CSV.to_owned(), table(&["alert_id", "at", "note", "share_note"], acks)?));
    Ok(tables.0)
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
        vault::check_output_target(journal_db, &dir.join(name.as_str()))?;
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
