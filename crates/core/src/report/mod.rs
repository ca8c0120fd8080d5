//! The PDF summary for the clinician (docs/DATA.md#the-pdf-summary).
//!
//! [`render`] lays out the sections the user chose for the period they
//! chose, and writes a PDF: real, extractable text in the embedded and
//! subset bundled face; the same charts as the app, as vectors; tables that
//! continue across pages with their header repeated; a footer on every page
//! with the page number and a "patient-recorded data" line.
//!
//! **Privacy invariant:** notes appear only when the user switched them to
//! shared (`share_notes`); private notes never reach the layout.
//!
//! The output depends only on its inputs: the generation date is a
//! parameter, and the same inputs give the same bytes.

mod alerts;
mod figures;
mod first_page;
mod layout;
mod pdf;
mod sections;
mod voice;

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use alerts::alert_history;
pub use figures::{KeyFigures, Score, key_figures};
pub use voice::third_person;

use crate::charts::{self, ChartError, DateRange, Theme, format_day};
use crate::model::Journal;
use crate::time::Timestamp;
use layout::{Flow, PageFrame, Style};

/// Paper size.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// Width and height in points.
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Self::A4 => (595.28, 841.89),
            Self::Letter => (612.0, 792.0),
        }
    }
}

impl FromStr for Paper {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text.to_ascii_lowercase().as_str() {
            "a4" => Ok(Self::A4),
            "letter" => Ok(Self::Letter),
            other => Err(format!("unknown paper size {other:?}; choose a4 or letter")),
        }
    }
}

/// A part of the report the user can include or leave out.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    /// Key figures.
    Summary,
    /// The trend charts.
    Charts,
    /// Table of sessions.
    Sessions,
    /// Table of PHQ-9 and GAD-7 results.
    Questionnaires,
    /// Bladder diary: days with warning signs.
    Bladder,
    /// Alerts raised in the period and their acknowledgements.
    Alerts,
    /// Notes the user chose to share.
    Notes,
}

impl Section {
    /// Every section, in the order the report prints them.
    pub const ALL: [Self; 7] =
        [Self::Summary, Self::Charts, Self::Sessions, Self::Questionnaires, Self::Bladder, Self::Alerts, Self::Notes];

    /// The name used on the command line and in settings.
    pub fn name(self) -> &'static str {
        match self {
            Self::Summary => "summary",
            Self::Charts => "charts",
            Self::Sessions => "sessions",
            Self::Questionnaires => "questionnaires",
            Self::Bladder => "bladder",
            Self::Alerts => "alerts",
            Self::Notes => "notes",
        }
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A section name that is not one of [`Section::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unknown section {name:?}; choose from summary, charts, sessions, questionnaires, bladder, alerts, notes")]
pub struct UnknownSection {
    /// The name given.
    pub name: String,
}

impl FromStr for Section {
    type Err = UnknownSection;

    fn from_str(text: &str) -> Result<Self, UnknownSection> {
        let wanted = text.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|s| s.name() == wanted).ok_or(UnknownSection { name: text.trim().to_owned() })
    }
}

/// Parses a comma-separated list of sections ("summary,charts"), keeping
/// the report's own order whatever the order given.
///
/// # Errors
/// [`UnknownSection`] naming the first unknown name.
pub fn parse_sections(list: &str) -> Result<Vec<Section>, UnknownSection> {
    let mut sections =
        list.split(',').filter(|s| !s.trim().is_empty()).map(str::parse).collect::<Result<Vec<Section>, _>>()?;
    sections.sort_unstable();
    sections.dedup();
    Ok(sections)
}

/// An alert as the report shows it: from the rules engine's [`crate::rules::Alert`],
/// usually through [`alert_history`]. The report keeps those first seen
/// within the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertSummary {
    /// The rule's stable id (`bladder.blood`).
    pub rule: String,
    /// Severity word: `crisis`, `urgent`, `advise` or `info`.
    pub severity: String,
    /// Short heading.
    pub title: String,
    /// What was logged, in plain words.
    pub message: String,
    /// When the alert first held.
    pub first_seen: Timestamp,
    /// The user's acknowledgement, if any.
    pub acknowledged: Option<AlertAcknowledgement>,
}

/// That the user saw an alert, and what they did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertAcknowledgement {
    /// When.
    pub at: Timestamp,
    /// Their note ("called the clinic, appointment Friday"), when they
    /// shared it; empty otherwise.
    pub note: String,
}

/// What to put in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOptions {
    /// The local days covered, both ends included.
    pub range: DateRange,
    /// The sections to include; printed in [`Section::ALL`]'s order.
    pub sections: Vec<Section>,
    /// Paper size.
    pub paper: Paper,
    /// The day the report is made, printed in the header and the PDF's
    /// metadata (the core never reads the clock).
    pub generated_on: NaiveDate,
}

/// Making the report failed. Journal content never causes this; it points
/// to a defect or a damaged bundled font.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ReportError {
    /// A chart could not be drawn.
    #[error(transparent)]
    Chart(#[from] ChartError),
    /// A chart's SVG could not be read back.
    #[error("cannot embed a chart: {0}")]
    Svg(String),
    /// The bundled font could not be loaded.
    #[error("the bundled report font could not be loaded")]
    Font,
    /// The PDF writer refused.
    #[error("cannot write the PDF: {0}")]
    Pdf(String),
}

/// Says who the data comes from, on every page.
pub const FOOTER_LINE: &str = "Patient-recorded data from the Ketalog journal, not a clinical record";

/// The PDF summary of `journal` for `options`.
///
/// `alerts` are every alert occurrence the rules engine reports (see
/// [`AlertSummary`]); those first seen in the period are listed. `None`
/// when no alert history is available: the report then says that alerts
/// were not evaluated rather than claiming there were none.
///
/// # Errors
/// [`ReportError`] only on a defect (see there).
pub fn render(
    journal: &Journal,
    alerts: Option<&[AlertSummary]>,
    options: &ReportOptions,
) -> Result<Vec<u8>, ReportError> {
    let laid_out = lay_out(journal, alerts, options)?;
    let svgs: Vec<&str> = laid_out.charts.iter().map(|c| c.svg.as_str()).collect();
    let trees = pdf::parse_svgs(&svgs)?;
    let info = pdf::Info {
        title: format!("Treatment summary, {}", period_text(options.range)),
        author: journal.profile.display_name.clone().filter(|n| !n.trim().is_empty()),
        created_on: options.generated_on,
    };
    pdf::write(&laid_out.pages, &laid_out.bookmarks, &laid_out.blocks, laid_out.frame, &trees, info)
}

/// The report laid out in pages, before it is written.
struct LaidOut {
    frame: PageFrame,
    pages: Vec<Vec<layout::Item>>,
    bookmarks: Vec<layout::Bookmark>,
    blocks: Vec<layout::Block>,
    charts: Vec<charts::Chart>,
}

fn lay_out(
    journal: &Journal,
    alerts: Option<&[AlertSummary]>,
    options: &ReportOptions,
) -> Result<LaidOut, ReportError> {
    let (width, height) = options.paper.size_pt();
    let frame = PageFrame { width, height, margin_x: 48.0, margin_top: 46.0, margin_bottom: 52.0 };
    let range = options.range;
    let wants = |s: Section| options.sections.contains(&s);
    let alerts: Option<Vec<&AlertSummary>> =
        alerts.map(|all| all.iter().filter(|a| range.contains(a.first_seen.local_day())).collect());

    let mut flow = Flow::new(frame);
    sections::header(&mut flow, journal, options);
    if wants(Section::Summary) {
        first_page::safety(&mut flow, journal, range, alerts.as_deref());
        let figures = key_figures(journal, range, alerts.as_deref());
        first_page::key_figures(&mut flow, journal, range, &figures, alerts.as_deref());
    }
    // Paper is white, whatever theme the app is in.
    let mut charts =
        if wants(Section::Charts) { charts::all_themed(journal, range, Theme::Light)? } else { Vec::new() };
    if !charts.is_empty() {
        flow.section("Charts", Style::HEADING, 200.0, 0);
        for (index, chart) in charts.iter().enumerate() {
            flow.chart(index, &chart.title, &chart.alt_text, chart.height as f32 / chart.width as f32);
        }
        sections::session_effects(&mut flow, journal, range, &mut charts)?;
    }
    if wants(Section::Sessions) {
        sections::sessions(&mut flow, journal, range);
    }
    if wants(Section::Questionnaires) {
        sections::questionnaires(&mut flow, journal, range);
    }
    if wants(Section::Bladder) {
        sections::bladder(&mut flow, journal, range);
    }
    if wants(Section::Alerts) {
        sections::alerts_table(&mut flow, alerts.as_deref());
    }
    if wants(Section::Notes) {
        sections::notes(&mut flow, journal, range);
    }

    let (mut pages, bookmarks, blocks) = flow.finish();
    sections::footers(&mut pages, frame, range);
    Ok(LaidOut { frame, pages, bookmarks, blocks, charts })
}

/// "22 Nov 2025 – 21 Nov 2026".
pub fn period_text(range: DateRange) -> String {
    format!("{} – {}", format_day(range.from()), format_day(range.to()))
}

#[cfg(test)]
mod tests;
