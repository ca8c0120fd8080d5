//! What the UI shows of the core's rules and instruments, in serialisable
//! shapes with TypeScript declarations. The core's types stay free of any
//! IPC concern; these mirror them field for field.

use ketalog_core::Timestamp;
use ketalog_core::instruments::{self, Instrument, Item};
use ketalog_core::rules::{self, Alert};
use ketalog_core::{charts, report};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// How soon the user should act (the rules' severities).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Safety first, now: the crisis line is shown.
    Crisis,
    /// Contact the clinician today.
    Urgent,
    /// Bring it up with the clinician soon.
    Advise,
    /// For information: reminders and milestones.
    Info,
}

impl From<rules::Severity> for Severity {
    fn from(severity: rules::Severity) -> Self {
        match severity {
            rules::Severity::Crisis => Self::Crisis,
            rules::Severity::Urgent => Self::Urgent,
            rules::Severity::Advise => Self::Advise,
            rules::Severity::Info => Self::Info,
        }
    }
}

/// That the user has seen an alert, and what they did.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AlertAcknowledgement {
    /// When.
    pub at: Timestamp,
    /// Their note.
    pub note: String,
}

/// One alert, as the rules engine stated it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AlertView {
    /// Stable id of this occurrence; acknowledgements refer to it.
    pub id: String,
    /// The rule's id (`mood.self_harm`, …).
    pub rule: String,
    /// How soon to act.
    pub severity: Severity,
    /// A short heading.
    pub title: String,
    /// What was logged, in plain words.
    pub message: String,
    /// What to do.
    pub action: String,
    /// The records it rests on.
    pub evidence: Vec<Uuid>,
    /// When this occurrence first held.
    pub first_seen: Timestamp,
    /// The user's acknowledgement, if any.
    pub acknowledged: Option<AlertAcknowledgement>,
}

impl From<Alert> for AlertView {
    fn from(alert: Alert) -> Self {
        Self {
            id: alert.id,
            rule: alert.rule.id().to_owned(),
            severity: alert.severity.into(),
            title: alert.title,
            message: alert.message,
            action: alert.action,
            evidence: alert.evidence,
            first_seen: alert.first_seen,
            acknowledged: alert.acknowledged.map(|a| AlertAcknowledgement { at: a.at, note: a.note }),
        }
    }
}

/// Which questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum QuestionnaireKind {
    /// PHQ-9 (depression).
    Phq9,
    /// GAD-7 (anxiety).
    Gad7,
    /// O'Leary-Sant symptom index.
    Icsi,
    /// O'Leary-Sant problem index.
    Icpi,
}

/// One answer and its score.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Answer {
    /// Points scored.
    pub score: u8,
    /// The published wording.
    pub label: String,
}

/// One question and its answers, in the published order.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Question {
    /// The published wording.
    pub question: String,
    /// The answers offered.
    pub choices: Vec<Answer>,
}

impl From<&Item> for Question {
    fn from(item: &Item) -> Self {
        Self {
            question: item.question.to_owned(),
            choices: item.choices.iter().map(|c| Answer { score: c.score, label: c.label.to_owned() }).collect(),
        }
    }
}

/// A questionnaire's full published text, from the core's one copy.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Questionnaire {
    /// Which one.
    pub kind: QuestionnaireKind,
    /// Short name ("PHQ-9").
    pub name: String,
    /// The instruction above the items.
    pub stem: String,
    /// The items; stored answers follow this order.
    pub items: Vec<Question>,
    /// An optional closing question that is not part of the total (the
    /// PHQ-9's difficulty question).
    pub closing: Option<Question>,
    /// Highest possible total.
    pub max_total: u16,
    /// Where the wording and scoring come from.
    pub source: String,
}

fn questionnaire(kind: QuestionnaireKind, instrument: &Instrument, closing: Option<&Item>) -> Questionnaire {
    Questionnaire {
        kind,
        name: instrument.name.to_owned(),
        stem: instrument.stem.to_owned(),
        items: instrument.items.iter().map(Question::from).collect(),
        closing: closing.map(Question::from),
        max_total: instrument.max_total(),
        source: instrument.source.to_owned(),
    }
}

/// Every questionnaire the app offers.
pub fn questionnaires() -> Vec<Questionnaire> {
    vec![
        questionnaire(QuestionnaireKind::Phq9, &instruments::PHQ9, Some(&instruments::PHQ9_DIFFICULTY)),
        questionnaire(QuestionnaireKind::Gad7, &instruments::GAD7, None),
        questionnaire(QuestionnaireKind::Icsi, &instruments::ICSI, None),
        questionnaire(QuestionnaireKind::Icpi, &instruments::ICPI, None),
    ]
}

/// One trend chart: the core's SVG, with its title, text alternative and
/// the data table behind it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ChartView {
    /// Stable identifier (`phq9`, `doses`, …).
    pub id: String,
    /// Heading.
    pub title: String,
    /// A standalone SVG document.
    pub svg: String,
    /// Width in CSS pixels.
    pub width: u32,
    /// Height in CSS pixels.
    pub height: u32,
    /// One sentence saying what the chart shows.
    pub alt_text: String,
    /// Column headings of the data table.
    pub columns: Vec<String>,
    /// The values drawn, one row per point, as text.
    pub rows: Vec<Vec<String>>,
}

impl From<charts::Chart> for ChartView {
    fn from(chart: charts::Chart) -> Self {
        Self {
            id: chart.id.to_owned(),
            title: chart.title,
            svg: chart.svg,
            width: chart.width,
            height: chart.height,
            alt_text: chart.alt_text,
            columns: chart.table.columns,
            rows: chart.table.rows,
        }
    }
}

/// A part of the PDF summary the user can include or leave out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ReportSection {
    /// Key figures.
    Summary,
    /// The trend charts.
    Charts,
    /// Table of sessions.
    Sessions,
    /// PHQ-9 and GAD-7 results.
    Questionnaires,
    /// Bladder diary warning days.
    Bladder,
    /// Alerts raised in the period and their acknowledgements.
    Alerts,
    /// Notes the user chose to share.
    Notes,
}

impl From<ReportSection> for report::Section {
    fn from(section: ReportSection) -> Self {
        match section {
            ReportSection::Summary => Self::Summary,
            ReportSection::Charts => Self::Charts,
            ReportSection::Sessions => Self::Sessions,
            ReportSection::Questionnaires => Self::Questionnaires,
            ReportSection::Bladder => Self::Bladder,
            ReportSection::Alerts => Self::Alerts,
            ReportSection::Notes => Self::Notes,
        }
    }
}

/// Paper size of the PDF summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum PaperSize {
    /// ISO A4.
    A4,
    /// US Letter.
    Letter,
}

impl From<PaperSize> for report::Paper {
    fn from(paper: PaperSize) -> Self {
        match paper {
            PaperSize::A4 => Self::A4,
            PaperSize::Letter => Self::Letter,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questionnaires_carry_the_published_item_counts_and_totals() {
        let all = questionnaires();
        let shape: Vec<(QuestionnaireKind, usize, u16)> =
            all.iter().map(|q| (q.kind, q.items.len(), q.max_total)).collect();
        assert_eq!(
            shape,
            vec![
                (QuestionnaireKind::Phq9, 9, 27),
                (QuestionnaireKind::Gad7, 7, 21),
                (QuestionnaireKind::Icsi, 4, 20),
                (QuestionnaireKind::Icpi, 4, 16)
            ]
        );
        assert!(all[0].closing.is_some());
        assert!(all[0].items[8].question.contains("better off dead"));
    }
}
