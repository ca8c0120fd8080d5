//! The sections of the report, each laid out from the journal.

use chrono::NaiveDate;

use super::first_page::{EFFECTS_NOTE, effects, end_of_day};
use super::layout::{self, Flow, PageFrame, Style, TableSpec};
use super::voice::third_person;
use super::{AlertAcknowledgement, AlertSummary, FOOTER_LINE, ReportError, ReportOptions, period_text};
use crate::charts::{self, Chart, DateRange, Theme, format_day, format_number};
use crate::insights::{self, Measure, telling_groups};
use crate::model::Journal;
use crate::time::Timestamp;

pub(super) fn header(flow: &mut Flow, journal: &Journal, options: &ReportOptions) {
    let profile = &journal.profile;
    flow.title("Treatment summary", Style::TITLE);
    if let Some(name) = profile.display_name.as_deref().filter(|n| !n.trim().is_empty()) {
        flow.paragraph(name, Style::SUBHEADING, 0.0);
    }
    flow.space(4.0);
    let mut pairs = vec![
        ("Period".to_owned(), format!("{} ({} days)", period_text(options.range), options.range.days())),
        ("Generated".to_owned(), format_day(options.generated_on)),
    ];
    if let Some(clinician) = profile.clinician.as_ref().filter(|c| !c.name.trim().is_empty()) {
        pairs.push(("Prepared for".to_owned(), clinician.name.clone()));
    }
    if let Some(plan) = profile.treatment_plan.as_deref().filter(|p| !p.trim().is_empty()) {
        pairs.push(("Treatment plan".to_owned(), plan.to_owned()));
    }
    flow.key_values(&pairs, Style::BODY);
    flow.space(2.0);
    flow.paragraph(
        "Everything below was recorded by the patient in the Ketalog journal. Bands and warning signs follow \
         the published scoring; they are not a diagnosis.",
        Style::CAPTION,
        0.0,
    );
    flow.rule(layout::RULE, 0.8);
}

fn empty_line(flow: &mut Flow, text: &str) {
    flow.paragraph(text, Style::BODY.color(layout::MUTED), 0.0);
}

/// The mood aligned on the period's session days, and what followed the
/// sessions in each measure, in the third person. Appends its chart to
/// `charts`.
pub(super) fn session_effects(
    flow: &mut Flow,
    journal: &Journal,
    range: DateRange,
    charts: &mut Vec<Chart>,
) -> Result<(), ReportError> {
    let (Some(as_of), Some(found)) = (end_of_day(range.to()), effects(journal, range)) else {
        return Ok(());
    };
    flow.section("Session effects", Style::HEADING, 200.0, 0);
    let chart = charts::session_effects(journal, as_of, Some(range), Measure::Mood, Theme::Light)?;
    flow.chart(charts.len(), &chart.title, &chart.alt_text, chart.height as f32 / chart.width as f32);
    charts.push(chart);
    if found.session_days.is_empty() {
        return Ok(());
    }
    for measure in Measure::ALL {
        flow.space(4.0);
        let heading = match measure {
            Measure::Mood => "Mood",
            Measure::Anxiety => "Anxiety",
            Measure::Sleep => "Sleep",
        };
        flow.heading(heading, Style::BODY.bold(), 30.0, 3);
        for group in telling_groups(&found) {
            let sentence = third_person(&insights::summary_sentence(group.group, group.summary(measure)));
            flow.paragraph(&sentence, Style::BODY, 0.0);
        }
    }
    flow.space(4.0);
    flow.paragraph(EFFECTS_NOTE, Style::CAPTION, 0.0);
    Ok(())
}

pub(super) fn sessions(flow: &mut Flow, journal: &Journal, range: DateRange) {
    flow.section("Sessions", Style::HEADING, 60.0, 0);
    // In time order, whatever order the journal holds them in (an edit,
    // an import or a merge appends).
    let mut in_period: Vec<&crate::model::Session> =
        journal.sessions.iter().filter(|s| range.contains(s.started_at.local_day())).collect();
    in_period.sort_by_key(|s| s.started_at);
    let rows: Vec<Vec<String>> = in_period
        .iter()
        .map(|s| {
            let bp = |bp: Option<crate::model::BloodPressure>| {
                bp.map_or_else(String::new, |b| format!("{}/{}", b.systolic, b.diastolic))
            };
            let mut effects = s.side_effects.join(", ");
            if s.psychotic_symptoms {
                effects = if effects.is_empty() {
                    "psychotic symptoms".to_owned()
                } else {
                    format!("psychotic symptoms, {effects}")
                };
            }
            vec![
                format_day(s.started_at.local_day()),
                s.started_at.datetime().format("%H:%M").to_string(),
                format!("{} {}", charts::route_name(s.route), charts::medication_name(s.medication)),
                format_number(s.dose_mg, 1),
                s.mg_per_kg(&journal.profile).map_or_else(String::new, |v| format_number(v, 2)),
                s.bioavailable_mg().map_or_else(String::new, |mg| format_number(mg, 0)),
                bp(s.bp_pre),
                bp(s.bp_post),
                s.dissociation.map_or_else(String::new, |d| d.to_string()),
                effects,
                s.co_medications.join(", "),
            ]
        })
        .collect();
    if rows.is_empty() {
        return empty_line(flow, "No sessions in this period.");
    }
    let columns: Vec<String> = [
        "Date",
        "Time",
        "Medication",
        "mg",
        "mg/kg",
        "Bioavail. mg",
        "BP before",
        "BP after",
        "Dissoc. 0–10",
        "Side effects",
        "Other medicines",
    ]
    .iter()
    .map(|&c| c.to_owned())
    .collect();
    // The estimates used, for the routes in this table only.
    let mut estimates: Vec<String> = Vec::new();
    for s in &in_period {
        if let Some(b) = crate::instruments::bioavailability(s.medication, s.route) {
            let said = format!(
                "{} {} {} %",
                charts::route_name(s.route),
                charts::medication_name(s.medication),
                format_number(b.fraction * 100.0, 0)
            );
            if !estimates.contains(&said) {
                estimates.push(said);
            }
        }
    }
    let estimates = if estimates.is_empty() {
        String::new()
    } else {
        format!("Bioavailable mg: the dose times a published estimate for the route ({}). ", estimates.join(", "))
    };
    let caption = format!("{estimates}Dissociation is the patient's own rating, not a validated scale.");
    let keep_after = flow.paragraph_height(&caption, Style::CAPTION);
    flow.table(&TableSpec { columns: &columns, rows: &rows, style: Style::SMALL, keep_after });
    flow.paragraph_kept(&caption, Style::CAPTION, 0.0);
}

pub(super) fn questionnaires(flow: &mut Flow, journal: &Journal, range: DateRange) {
    use crate::charts::bands::{band_of, gad7_bands, phq9_bands};
    let (phq9_bands, gad7_bands) = (phq9_bands(), gad7_bands());
    flow.section("Questionnaires", Style::HEADING, 60.0, 0);
    // One row per day: PHQ-9 and GAD-7 are usually answered together.
    let mut days: std::collections::BTreeMap<NaiveDate, (Vec<&crate::model::PhqNine>, Vec<&crate::model::GadSeven>)> =
        std::collections::BTreeMap::new();
    for q in journal.phq9.iter().filter(|q| range.contains(q.at.local_day())) {
        days.entry(q.at.local_day()).or_default().0.push(q);
    }
    for q in journal.gad7.iter().filter(|q| range.contains(q.at.local_day())) {
        days.entry(q.at.local_day()).or_default().1.push(q);
    }
    let mut rows = Vec::new();
    for (day, (phq, gad)) in &days {
        for i in 0..phq.len().max(gad.len()) {
            let p = phq.get(i);
            let g = gad.get(i);
            rows.push(vec![
                format_day(*day),
                p.map_or_else(String::new, |q| q.total().to_string()),
                p.and_then(|q| band_of(&phq9_bands, q.total())).map_or_else(String::new, |b| b.label.to_owned()),
                p.map_or_else(String::new, |q| q.item9().to_string()),
                g.map_or_else(String::new, |q| q.total().to_string()),
                g.and_then(|q| band_of(&gad7_bands, q.total())).map_or_else(String::new, |b| b.label.to_owned()),
            ]);
        }
    }
    if rows.is_empty() {
        return empty_line(flow, "No PHQ-9 or GAD-7 in this period.");
    }
    let columns: Vec<String> =
        ["Date", "PHQ-9", "PHQ-9 band", "Item 9", "GAD-7", "GAD-7 band"].iter().map(|&c| c.to_owned()).collect();
    let caption = "PHQ-9 item 9 asks about thoughts of being better off dead or of self-harm (0 = not at all, 3 = nearly every day).";
    let keep_after = flow.paragraph_height(caption, Style::CAPTION);
    flow.table(&TableSpec { columns: &columns, rows: &rows, style: Style::SMALL, keep_after });
    flow.paragraph_kept(caption, Style::CAPTION, 0.0);
}

pub(super) fn bladder(flow: &mut Flow, journal: &Journal, range: DateRange) {
    flow.section("Bladder diary", Style::HEADING, 100.0, 0);
    let baseline = charts::day_voids_baseline(journal);
    let days: Vec<_> = journal.bladder.iter().filter(|d| range.contains(d.date)).collect();
    if days.is_empty() {
        return empty_line(flow, "No bladder diary in this period.");
    }
    let warning: Vec<Vec<String>> = days
        .iter()
        .filter_map(|d| {
            let signs = charts::warning_signs(d, baseline);
            (!signs.is_empty()).then(|| {
                let n = |v: Option<u16>| v.map_or_else(String::new, |v| v.to_string());
                let s = |v: Option<u8>| v.map_or_else(String::new, |v| v.to_string());
                vec![format_day(d.date), n(d.day_voids), n(d.night_voids), s(d.urgency), s(d.pain), signs.join(", ")]
            })
        })
        .collect();
    let baseline_text = baseline.map_or_else(String::new, |b| {
        format!(" The personal baseline is {b} daytime voids (median of the first 7 diary days).")
    });
    let diary_days = format!("{} diary {} in this period", days.len(), if days.len() == 1 { "day" } else { "days" });
    let said = match warning.len() {
        0 => format!("{diary_days}, none with a warning sign.{baseline_text}"),
        1 => format!(
            "{diary_days}; the 1 day with a warning sign is listed below, quiet days are left out.{baseline_text}"
        ),
        n => format!(
            "{diary_days}; the {n} days with a warning sign are listed below, quiet days are left out.{baseline_text}"
        ),
    };
    flow.paragraph(&said, Style::BODY, 0.0);
    if warning.is_empty() {
        return;
    }
    flow.space(4.0);
    let columns: Vec<String> = ["Date", "Day voids", "Night voids", "Urgency 0–4", "Pain 0–10", "Warning signs"]
        .iter()
        .map(|&c| c.to_owned())
        .collect();
    flow.table(&TableSpec { columns: &columns, rows: &warning, style: Style::SMALL, keep_after: 0.0 });
}

/// Occurrences of one rule on consecutive days, shown as one row: a
/// pattern that holds for a week raises an occurrence a day, and the
/// clinician needs it once, with its span and its latest wording.
pub(super) struct AlertRun<'a> {
    pub(super) occurrences: Vec<&'a AlertSummary>,
}

impl AlertRun<'_> {
    pub(super) fn first_day(&self) -> NaiveDate {
        self.occurrences.first().map_or(NaiveDate::MIN, |a| a.first_seen.local_day())
    }

    pub(super) fn last_day(&self) -> NaiveDate {
        self.occurrences.last().map_or(NaiveDate::MIN, |a| a.first_seen.local_day())
    }
}

/// Groups `alerts` (oldest first) into runs of one rule on consecutive days.
pub(super) fn alert_runs<'a>(alerts: &[&'a AlertSummary]) -> Vec<AlertRun<'a>> {
    let mut runs: Vec<AlertRun<'a>> = Vec::new();
    for &alert in alerts {
        let day = alert.first_seen.local_day();
        let open = runs.iter_mut().rev().find(|run| {
            run.occurrences.first().is_some_and(|a| a.rule == alert.rule) && (day - run.last_day()).num_days() <= 1
        });
        match open {
            Some(run) => run.occurrences.push(alert),
            None => runs.push(AlertRun { occurrences: vec![alert] }),
        }
    }
    runs.sort_by_key(AlertRun::first_day);
    runs
}

/// "12–16 Jun 2026", "28 Jun – 2 Jul 2026", "30 Dec 2025 – 2 Jan 2026".
pub(super) fn day_span(first: NaiveDate, last: NaiveDate) -> String {
    use chrono::Datelike;
    if first == last {
        format_day(first)
    } else if first.year() != last.year() {
        format!("{} – {}", format_day(first), format_day(last))
    } else if first.month() != last.month() {
        format!("{} – {}", first.format("%-d %b"), format_day(last))
    } else {
        format!("{}–{}", first.format("%-d"), format_day(last))
    }
}

fn acknowledgement_text(ack: &AlertAcknowledgement) -> String {
    if ack.note.trim().is_empty() {
        format_day(ack.at.local_day())
    } else {
        format!("{}: {}", format_day(ack.at.local_day()), ack.note.trim())
    }
}

pub(super) fn alerts_table(flow: &mut Flow, alerts: Option<&[&AlertSummary]>) {
    flow.section("Alerts", Style::HEADING, 60.0, 0);
    let Some(alerts) = alerts else {
        return empty_line(flow, "Alerts were not evaluated for this report.");
    };
    if alerts.is_empty() {
        return empty_line(flow, "No alerts were raised in this period.");
    }
    let rows: Vec<Vec<String>> = alert_runs(alerts)
        .iter()
        .map(|run| {
            let count = run.occurrences.len();
            let latest = run.occurrences[count - 1];
            let mut seen = day_span(run.first_day(), run.last_day());
            if count > 1 {
                seen.push_str(&format!(" ({count} days)"));
            }
            let acks: Vec<&AlertAcknowledgement> =
                run.occurrences.iter().filter_map(|a| a.acknowledged.as_ref()).collect();
            let acknowledged = match acks.iter().max_by_key(|ack| ack.at) {
                None => "no".to_owned(),
                Some(ack) if acks.len() == count => acknowledgement_text(ack),
                Some(ack) => format!("{} of {count}; latest {}", acks.len(), acknowledgement_text(ack)),
            };
            let alert = format!("{}\n{}", third_person(&latest.title), third_person(&latest.message));
            vec![seen, latest.severity.clone(), alert, acknowledged]
        })
        .collect();
    let columns: Vec<String> =
        ["First seen", "Severity", "Alert", "Acknowledged"].iter().map(|&c| c.to_owned()).collect();
    let caption = "The alerts are the app's fixed rules applied to the logged data, as shown to the patient but said \
         about the patient; they are not a diagnosis. A pattern that held on several days in a row is listed once, with its latest wording.";
    let keep_after = flow.paragraph_height(caption, Style::CAPTION);
    flow.table(&TableSpec { columns: &columns, rows: &rows, style: Style::SMALL, keep_after });
    flow.paragraph_kept(caption, Style::CAPTION, 0.0);
}

/// A note the user shared, with where it was written.
struct SharedNote {
    day: NaiveDate,
    /// When it was written; `None` for a diary day, which sorts after the
    /// day's timed notes.
    at: Option<Timestamp>,
    source: String,
    text: String,
}

/// Every shared note in the period, oldest first. Only records with
/// `share_notes` switched on contribute, and only their own note fields.
fn shared_notes(journal: &Journal, range: DateRange) -> Vec<SharedNote> {
    let mut notes = Vec::new();
    for s in journal.sessions.iter().filter(|s| s.share_notes && range.contains(s.started_at.local_day())) {
        let parts: Vec<String> = [("Intention", &s.intention), ("Reflection", &s.reflection), ("Notes", &s.notes)]
            .into_iter()
            .filter(|(_, text)| !text.trim().is_empty())
            .map(|(label, text)| format!("{label}: {}", text.trim()))
            .collect();
        if !parts.is_empty() {
            notes.push(SharedNote {
                day: s.started_at.local_day(),
                at: Some(s.started_at),
                source: format!(
                    "Session, {} {} {} mg",
                    charts::route_name(s.route),
                    charts::medication_name(s.medication),
                    format_number(s.dose_mg, 1)
                ),
                text: parts.join("\n"),
            });
        }
    }
    for c in journal
        .checkins
        .iter()
        .filter(|c| c.share_notes && range.contains(c.at.local_day()) && !c.notes.trim().is_empty())
    {
        notes.push(SharedNote {
            day: c.at.local_day(),
            at: Some(c.at),
            source: "Check-in".to_owned(),
            text: c.notes.trim().to_owned(),
        });
    }
    for d in journal.bladder.iter().filter(|d| d.share_notes && range.contains(d.date) && !d.notes.trim().is_empty()) {
        notes.push(SharedNote {
            day: d.date,
            at: None,
            source: "Bladder diary".to_owned(),
            text: d.notes.trim().to_owned(),
        });
    }
    notes.sort_by(|a, b| a.day.cmp(&b.day).then(a.at.is_none().cmp(&b.at.is_none())).then(a.at.cmp(&b.at)));
    notes
}

/// Indent of a shared note under its heading, points.
pub(super) const NOTE_INDENT: f32 = 10.0;
/// A note up to this tall (points) moves whole to the next page rather than split.
const NOTE_KEEP_MAX: f32 = 300.0;

pub(super) fn notes(flow: &mut Flow, journal: &Journal, range: DateRange) {
    flow.section("Shared notes", Style::HEADING, 80.0, 0);
    let notes = shared_notes(journal, range);
    if notes.is_empty() {
        return empty_line(flow, "No notes shared for this period. Notes stay private unless the patient shares them.");
    }
    flow.paragraph("Only notes the patient chose to share are printed.", Style::CAPTION, 0.0);
    for note in notes {
        flow.space(5.0);
        // A note stays on one page with its heading, unless it is longer than a page.
        let lines = layout::wrap(&note.text, Style::BODY, flow.frame.content_width() - NOTE_INDENT).len();
        let keep = (lines as f32 * Style::BODY.line_height()).min(NOTE_KEEP_MAX);
        flow.heading(&format!("{} · {}", format_day(note.day), note.source), Style::BODY.bold(), keep, 3);
        flow.paragraph(&note.text, Style::BODY, NOTE_INDENT);
    }
}

/// The footer of every page: a rule, the data line and the period, and
/// "Page i of n".
pub(super) fn footers(pages: &mut [Vec<layout::Item>], frame: PageFrame, range: DateRange) {
    let count = pages.len();
    let style = Style::CAPTION;
    let y = frame.height - frame.margin_bottom + 24.0;
    for (i, page) in pages.iter_mut().enumerate() {
        let right = format!("Page {} of {count}", i + 1);
        let right_x = frame.width - frame.margin_x - style.width(&right);
        page.push(layout::Item::Line {
            x1: frame.margin_x,
            y1: y - 11.0,
            x2: frame.width - frame.margin_x,
            y2: y - 11.0,
            width: 0.5,
            color: layout::RULE,
        });
        page.push(layout::Item::Text {
            x: frame.margin_x,
            y,
            style,
            text: format!("{FOOTER_LINE} · {}", period_text(range)),
            part: layout::Part::Artifact,
        });
        page.push(layout::Item::Text { x: right_x, y, style, text: right, part: layout::Part::Artifact });
    }
}
