//! What the UI shows of the core's instruments and charts, in serialisable
//! shapes with TypeScript declarations, where the core's own types are not
//! fit to cross IPC as they are (static text, nested tables). Types that are
//! (records, alerts, report sections) derive their declarations in the core,
//! under its `ts` feature.

use ketalog_core::charts;
use ketalog_core::instruments::{self, Instrument, Item};
use serde::Serialize;
use ts_rs::TS;

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

/// One chart: the core's SVG, with its title and text alternative, and its
/// data table or, for the trend charts, only the table's size.
///
/// Over years a trend chart's table holds thousands of rows that most
/// people never open; the `chart_table` command sends them when the table is
/// opened, so that they do not cross into the page (and stay in its memory)
/// with every chart.
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
    /// How many rows the data table holds.
    pub table_rows: u32,
    /// The data table itself; `None` for a trend chart, whose table
    /// `chart_table` sends on demand.
    pub table: Option<TableView>,
}

/// The data behind a chart, as text cells ready to show.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TableView {
    /// Column headings.
    pub columns: Vec<String>,
    /// The values drawn, one row per point, as text.
    pub rows: Vec<Vec<String>>,
}

impl From<charts::DataTable> for TableView {
    fn from(table: charts::DataTable) -> Self {
        Self { columns: table.columns, rows: table.rows }
    }
}

impl ChartView {
    /// The chart without its table's rows (a trend chart).
    pub fn without_table(chart: charts::Chart) -> Self {
        let mut view = Self::from(chart);
        view.table = None;
        view
    }
}

impl From<charts::Chart> for ChartView {
    /// The chart with its data table.
    fn from(chart: charts::Chart) -> Self {
        Self {
            id: chart.id.to_owned(),
            title: chart.title,
            svg: chart.svg,
            width: chart.width,
            height: chart.height,
            alt_text: chart.alt_text,
            table_rows: u32::try_from(chart.table.rows.len()).unwrap_or(u32::MAX),
            table: Some(chart.table.into()),
        }
    }
}

/// One session day on the Insights timeline.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SessionDayLine {
    /// The local day (YYYY-MM-DD).
    pub day: String,
    /// The day and its routes, as shown ("12 Mar 2026 · IV").
    pub label: String,
    /// What followed, from the core ("mood 1.8 points higher over the next
    /// three days; the gain lasted 9 days").
    pub text: String,
}

/// The Insights screen: the mood aligned on session days, the summaries as
/// sentences with their n, and each session day's "held for".
#[derive(Debug, Clone, Serialize, TS)]
pub struct InsightsView {
    /// Mood on the days around each session day, the median bold.
    pub chart: ChartView,
    /// The summaries by route (and medication), mood, anxiety, then sleep.
    pub sentences: Vec<String>,
    /// What the figures do not say.
    pub note: String,
    /// Every session day of the period, newest first.
    pub session_days: Vec<SessionDayLine>,
    /// The mood on days with a tag beside the other days, for the most used
    /// tags with days enough on both sides (at most [`TAG_SENTENCES`]).
    pub tag_sentences: Vec<String>,
    /// Which tags are compared: the core's rule in words.
    pub tag_note: String,
}

/// Most tags the Insights screen says the mood of: the answer stays small.
pub const TAG_SENTENCES: usize = 10;

/// The Insights screen for `range`, as known at `now`, its chart in `theme`.
///
/// # Errors
/// [`charts::ChartError`] only on a defect.
pub fn insights_view(
    journal: &ketalog_core::Journal,
    now: ketalog_core::Timestamp,
    range: charts::DateRange,
    theme: charts::Theme,
) -> Result<InsightsView, charts::ChartError> {
    use ketalog_core::insights::{self, Measure};
    let found = insights::session_effects(journal, now, Some(range));
    let chart = charts::session_effects(journal, now, Some(range), Measure::Mood, theme)?;
    let groups = insights::telling_groups(&found);
    let sentences = Measure::ALL
        .into_iter()
        .flat_map(|m| groups.iter().map(move |g| insights::summary_sentence(g.group, g.summary(m))))
        .collect();
    let session_days = found
        .session_days
        .iter()
        .rev()
        .map(|d| {
            let routes: Vec<&str> = d.routes.iter().map(|r| charts::route_name(*r)).collect();
            SessionDayLine {
                day: d.day.format("%Y-%m-%d").to_string(),
                label: format!("{} · {}", charts::format_day(d.day), routes.join(", ")),
                text: insights::held_text(Measure::Mood, d.effect(Measure::Mood)),
            }
        })
        .collect();
    let tag_sentences = found.by_tag.iter().take(TAG_SENTENCES).map(|t| t.sentence.clone()).collect();
    Ok(InsightsView {
        chart: chart.into(),
        sentences,
        note: insights::ASSOCIATION_NOTE.to_owned(),
        session_days,
        tag_sentences,
        tag_note: format!(
            "Only tags with at least {days} days with a mood, and {days} without, are compared.",
            days = insights::MIN_TAG_DAYS
        ),
    })
}

/// One series against another.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ComparisonView {
    /// A dot per paired day.
    pub chart: ChartView,
    /// Days paired.
    pub n: u32,
    /// Spearman's rho to 2 decimals, when there is one.
    pub rho: Option<f64>,
    /// What it says, as an association, from the core.
    pub sentence: String,
}

impl ComparisonView {
    /// The view of `found`, its chart in `theme`.
    ///
    /// # Errors
    /// [`charts::ChartError`] only on a defect.
    pub fn of(found: &ketalog_core::insights::Comparison, theme: charts::Theme) -> Result<Self, charts::ChartError> {
        Ok(Self {
            chart: charts::comparison(found, theme)?.into(),
            n: u32::try_from(found.association.n).unwrap_or(u32::MAX),
            rho: found.association.rho.map(ketalog_core::insights::round2),
            sentence: found.sentence.clone(),
        })
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
