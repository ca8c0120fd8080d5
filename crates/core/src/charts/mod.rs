//! Trend charts (docs/DATA.md#charts), drawn once as SVG with plotters and shown
//! unchanged in the app and, as vectors, in the PDF summary.
//!
//! Every chart function takes the journal and a [`DateRange`] and returns a
//! [`Chart`]: the SVG, a title, a one-sentence text alternative and the data
//! table behind it, for screen readers and for the report. A series with no
//! data in the range draws an explanatory empty state rather than failing.
//!
//! Charts are pure functions of their inputs: the same journal, range and
//! [`Theme`] give the same bytes. Text uses the bundled face
//! ([`crate::fonts`]). The theme picks the palette (`palette.rs`) — a white
//! card for the light theme and the PDF, the app's dark surface for the dark
//! theme — and nothing else: one drawing code path serves both.
//!
//! What a chart costs to show grows with its pixels, not with the records:
//!
//! - Each series' marks are one SVG `<path>` (`svg.rs` joins every run of
//!   same-paint shapes into one), so a chart is a few dozen elements (frame,
//!   labels and one path per series) whether it holds ten values or ten
//!   thousand.
//! - While a day has at least 1.5 pixels (ranges up to 384 days), every value
//!   has its own mark. Past that (`periods.rs`), marks would only overlap, so
//!   each calendar week is drawn instead, and past 384 weeks (about seven
//!   years), where weeks would overlap in their turn, each calendar month: a
//!   daily measure (check-ins, diary voids) as its period's lowest-to-highest
//!   range, a shaded step band, with the period's mean as a line; a
//!   per-session value (doses, mg/kg, blood pressure) as one upright tick per
//!   period from its lowest to its highest value; daily dose totals as the
//!   period's highest day; session markers, warning days and bladder signs as
//!   one mark per period holding one; and questionnaire totals as their line
//!   alone, without a dot per answer.
//! - The data table ([`Chart::table`]) always holds every value, day by day
//!   and session by session, and the text alternative describes the values,
//!   not the marks.

pub mod bands;
mod bladder;
mod blood_pressure;
mod checkins;
mod comparison;
mod doses;
mod frame;
mod palette;
mod periods;
mod questionnaires;
mod session_effects;
mod svg;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use thiserror::Error;

use crate::model::Journal;

pub use bladder::{bladder, day_voids_baseline, warning_signs};
pub use blood_pressure::blood_pressure;
pub use checkins::checkins;
pub use comparison::comparison;
pub use doses::{daily_totals, doses, medication_name, route_name};
pub use palette::Theme;
pub use questionnaires::{gad7, phq9};
pub use session_effects::session_effects;

/// An inclusive range of the user's local calendar days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct DateRange {
    from: NaiveDate,
    to: NaiveDate,
}

/// A range whose start is after its end.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("the period starts on {from} but ends earlier, on {to}")]
pub struct RangeError {
    /// First day asked for.
    pub from: NaiveDate,
    /// Last day asked for.
    pub to: NaiveDate,
}

impl RangeError {
    /// The field a form shows this error at, for every period a user gives:
    /// the last day, which the sentence says ends too early.
    pub const FIELD: &str = "to";

    /// The problem as a sentence for the app's screens, its days written as
    /// the app writes days everywhere else ("31 Mar 2026"); the command's
    /// message keeps the days as they were typed.
    pub fn sentence(&self) -> String {
        format!("The period starts on {} but ends earlier, on {}.", format_day(self.from), format_day(self.to))
    }
}

impl DateRange {
    /// The days `from` to `to`, both included.
    ///
    /// # Errors
    /// [`RangeError`] when `from` is after `to`.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Self, RangeError> {
        if from > to {
            return Err(RangeError { from, to });
        }
        Ok(Self { from, to })
    }

    /// The days between optional bounds, as a user gives them for an export:
    /// none (everything: `None`), only a first day (from it on), only a last
    /// day (up to it), or both.
    ///
    /// # Errors
    /// [`RangeError`] when both are given and `from` is after `to`.
    pub fn between(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Option<Self>, RangeError> {
        match (from, to) {
            (None, None) => Ok(None),
            (from, to) => Self::new(from.unwrap_or(NaiveDate::MIN), to.unwrap_or(NaiveDate::MAX)).map(Some),
        }
    }

    /// First day.
    pub fn from(&self) -> NaiveDate {
        self.from
    }

    /// Last day.
    pub fn to(&self) -> NaiveDate {
        self.to
    }

    /// Number of days, at least 1.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// Whether `day` is in the range.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

/// The data behind a chart, as text cells ready to show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DataTable {
    /// Column headings.
    pub columns: Vec<String>,
    /// One row per data point; every row has one cell per column.
    pub rows: Vec<Vec<String>>,
}

impl DataTable {
    fn new(columns: &[&str]) -> Self {
        Self { columns: columns.iter().map(|&c| c.to_owned()).collect(), rows: Vec::new() }
    }

    fn push(&mut self, row: Vec<String>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }
}

/// One drawn chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    /// Stable identifier (`phq9`, `gad7`, `checkins`, `doses`, `bladder`, `blood-pressure`).
    pub id: &'static str,
    /// Heading to show above the chart.
    pub title: String,
    /// The chart, a standalone SVG document on a card of its theme's background.
    pub svg: String,
    /// Width of the SVG in CSS pixels.
    pub width: u32,
    /// Height of the SVG in CSS pixels.
    pub height: u32,
    /// One sentence saying what the chart shows, for screen readers.
    pub alt_text: String,
    /// The values drawn, one row per point.
    pub table: DataTable,
}

impl Chart {
    /// A chart whose SVG carries its title and text alternative (a
    /// `<title>` element and `role="img"`), so that it is accessible where
    /// it is shown on its own.
    fn new(id: &'static str, title: String, svg: String, height: u32, alt_text: String, table: DataTable) -> Self {
        let svg = match svg.find('>') {
            Some(end) if svg.starts_with("<svg") => format!(
                "{} role=\"img\">\n<title>{}</title>{}",
                &svg[..end],
                escape_xml(&format!("{title}. {alt_text}")),
                &svg[end + 1..]
            ),
            _ => svg,
        };
        Self { id, title, svg, width: frame::WIDTH, height, alt_text, table }
    }

    /// The number of elements in the SVG: what a viewer parses, lays out and
    /// paints, so the measure of what showing the chart costs.
    pub fn element_count(&self) -> usize {
        self.svg.as_bytes().windows(2).filter(|w| w[0] == b'<' && w[1].is_ascii_alphabetic()).count()
    }
}

/// Text made safe for XML character data.
fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Drawing a chart failed; the inputs are never the cause, so this points to
/// a defect (or a damaged bundled font).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ChartError {
    /// The bundled font could not be registered.
    #[error("the bundled chart font could not be loaded")]
    Font,
    /// plotters refused to draw.
    #[error("cannot draw the {chart} chart: {reason}")]
    Draw {
        /// Which chart.
        chart: &'static str,
        /// plotters' message.
        reason: String,
    },
}

/// The charts, in the order the app and the report show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartKind {
    /// PHQ-9 totals with severity bands.
    Phq9,
    /// GAD-7 totals with severity bands.
    Gad7,
    /// Daily mood, anxiety, energy and sleep with 7-day means.
    CheckIns,
    /// Doses per session and per day.
    Doses,
    /// Bladder diary.
    Bladder,
    /// Blood pressure before and after sessions.
    BloodPressure,
}

impl ChartKind {
    /// Every chart, in display order.
    pub const ALL: [Self; 6] =
        [Self::Phq9, Self::Gad7, Self::CheckIns, Self::Doses, Self::Bladder, Self::BloodPressure];

    /// The identifier its drawn [`Chart::id`] carries.
    pub fn id(self) -> &'static str {
        match self {
            Self::Phq9 => "phq9",
            Self::Gad7 => "gad7",
            Self::CheckIns => "checkins",
            Self::Doses => "doses",
            Self::Bladder => "bladder",
            Self::BloodPressure => "blood-pressure",
        }
    }

    /// The chart whose identifier is `id`; `None` for any other text.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.id() == id)
    }

    /// Draws this chart in `theme`.
    ///
    /// # Errors
    /// [`ChartError`] only on a defect; empty data draws an empty state.
    pub fn draw(self, journal: &Journal, range: DateRange, theme: Theme) -> Result<Chart, ChartError> {
        match self {
            Self::Phq9 => phq9(journal, range, theme),
            Self::Gad7 => gad7(journal, range, theme),
            Self::CheckIns => checkins(journal, range, theme),
            Self::Doses => doses(journal, range, theme),
            Self::Bladder => bladder(journal, range, theme),
            Self::BloodPressure => blood_pressure(journal, range, theme),
        }
    }
}

/// Every chart for `range` in the light theme, in display order: what the
/// PDF report prints.
///
/// # Errors
/// [`ChartError`] only on a defect.
pub fn all(journal: &Journal, range: DateRange) -> Result<Vec<Chart>, ChartError> {
    all_themed(journal, range, Theme::Light)
}

/// Every chart for `range` in `theme`, in display order: what the app shows
/// in its current theme.
///
/// # Errors
/// [`ChartError`] only on a defect.
pub fn all_themed(journal: &Journal, range: DateRange, theme: Theme) -> Result<Vec<Chart>, ChartError> {
    ChartKind::ALL.iter().map(|kind| kind.draw(journal, range, theme)).collect()
}

/// "1 session", "3 sessions": a count with its noun in the right number.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A day as charts and tables write it: `3 Mar 2026`.
pub fn format_day(day: NaiveDate) -> String {
    // Written out rather than through `format("%-d %b %Y")`, which parses
    // its pattern on every call: tables of ten years write thousands.
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!("{} {} {:04}", day.day(), MONTHS[day.month0() as usize], day.year())
}

/// A number with at most `decimals` decimals, trailing zeros dropped.
pub(crate) fn format_number(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_owned() } else { text }
}

#[cfg(test)]
pub(crate) mod tests;
