//! The first page: whether anything is unsafe, then whether the treatment
//! is working, for a clinician reading for thirty seconds.
//!
//! Safety comes first: every PHQ-9 of the period whose item 9 (thoughts of
//! death or self-harm) was above 0, with its day and whether the patient
//! acknowledged the crisis prompt it raised, and the crisis and urgent
//! alerts not acknowledged. Then the key figures: sessions and the days
//! between them, what followed the sessions (the insights' summaries),
//! PHQ-9 and GAD-7 from baseline to latest, the highest blood pressure after
//! a dose, dissociation and side effects, bladder warning days, how
//! regularly the patient checked in, and the alerts.
//!
//! Each count is counted as the table it sums up counts its rows, and says
//! so; a line that would say nothing for this patient (an estimate of the
//! bioavailable dose when every session was IV, "0 days above 200 mg") is
//! left out. Everything written to the patient (alerts, summaries) passes
//! through [`third_person`].

use std::collections::{BTreeMap, BTreeSet};

use chrono::{FixedOffset, NaiveDate, NaiveTime, TimeZone};

use super::layout::{Flow, Style};
use super::sections::{AlertRun, alert_runs, day_span};
use super::voice::third_person;
use super::{AlertSummary, KeyFigures, Score};
use crate::charts::{self, DateRange, format_day, format_number};
use crate::insights::{self, Insights, Measure, telling_groups};
use crate::instruments::{PHQ9, bioavailability};
use crate::model::{Journal, Session};
use crate::rules::{self, Rule};
use crate::time::Timestamp;

/// What the first page says about the session effects, for the clinician:
/// the patient's own records, an association.
pub(super) const EFFECTS_NOTE: &str = "What followed the sessions in the patient's own check-ins (the three days \
     before against the three days after each session day), an association: sleep, events and other treatment move \
     these measures too.";

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The last moment of `day` anywhere on Earth (in UTC−12): every record of
/// that local day, in whatever offset it was made, is at or before it.
pub(super) fn end_of_day(day: NaiveDate) -> Option<Timestamp> {
    let end = day.and_time(NaiveTime::from_hms_opt(23, 59, 59)?);
    let offset = FixedOffset::west_opt(12 * 3600)?;
    offset.from_local_datetime(&end).single().map(Timestamp::from_datetime)
}

/// The session effects of the period, as known at its end.
pub(super) fn effects(journal: &Journal, range: DateRange) -> Option<Insights> {
    end_of_day(range.to()).map(|as_of| insights::session_effects(journal, as_of, Some(range)))
}

/// The PHQ-9s of the period whose item 9 was above 0, and the sentence on them.
fn item9_text(journal: &Journal, range: DateRange) -> String {
    let mut answered: Vec<_> = journal.phq9.iter().filter(|q| range.contains(q.at.local_day())).collect();
    answered.sort_by_key(|q| q.at);
    if answered.is_empty() {
        return "no PHQ-9 in this period".to_owned();
    }
    let above: Vec<String> = answered
        .iter()
        .filter(|q| q.item9() > 0)
        .map(|q| {
            let choice = PHQ9.items[8].choices.iter().find(|c| c.score == q.item9()).map_or("", |c| c.label);
            let alert = rules::alert_id(Rule::MoodSelfHarm, &[q.id]);
            let acknowledged = journal
                .acknowledgements
                .iter()
                .filter(|ack| ack.alert_id == alert && ack.at.local_day() <= range.to())
                .map(|ack| ack.at.local_day())
                .max();
            let ack = acknowledged
                .map_or_else(|| "not acknowledged".to_owned(), |day| format!("acknowledged {}", format_day(day)));
            format!("{} on {} (\u{201c}{choice}\u{201d}), {ack}", q.item9(), format_day(q.at.local_day()))
        })
        .collect();
    let of = plural(answered.len(), "PHQ-9", "PHQ-9s");
    match above.len() {
        0 => format!("0 on all {of} in this period"),
        n => format!("above 0 on {n} of the {of} in this period (the Item 9 column):\n{}", above.join("\n")),
    }
}

/// The crisis and urgent alerts of the period not acknowledged, counted as
/// the rows of the Alerts table (a pattern on consecutive days is one row),
/// in the third person.
fn open_alerts(alerts: Option<&[&AlertSummary]>) -> String {
    let Some(alerts) = alerts else {
        return "not evaluated for this report".to_owned();
    };
    let serious: Vec<&AlertSummary> =
        alerts.iter().copied().filter(|a| matches!(a.severity.as_str(), "crisis" | "urgent")).collect();
    if serious.is_empty() {
        return "no crisis or urgent alert in this period".to_owned();
    }
    let open: Vec<String> = alert_runs(&serious)
        .iter()
        .filter(|run| run.occurrences.iter().any(|a| a.acknowledged.is_none()))
        .map(|run| {
            let latest = run.occurrences[run.occurrences.len() - 1];
            format!(
                "{} · {} · {}: {}",
                day_span(run.first_day(), run.last_day()),
                latest.severity,
                third_person(&latest.title),
                third_person(&latest.message)
            )
        })
        .collect();
    match open.len() {
        0 => "none: the patient acknowledged every crisis and urgent alert of this period".to_owned(),
        n => format!(
            "{} not acknowledged (rows of the Alerts table):\n{}",
            plural(n, "crisis or urgent alert", "crisis or urgent alerts"),
            open.join("\n")
        ),
    }
}

/// Safety, first on the page.
pub(super) fn safety(flow: &mut Flow, journal: &Journal, range: DateRange, alerts: Option<&[&AlertSummary]>) {
    flow.section("Safety", Style::HEADING, 60.0, 0);
    let pairs =
        vec![("PHQ-9 item 9".to_owned(), item9_text(journal, range)), ("Open alerts".to_owned(), open_alerts(alerts))];
    flow.key_values(&pairs, Style::BODY);
}

fn score_text(score: &Score) -> String {
    format!("{} ({}) on {}", score.total, score.band, format_day(score.day))
}

/// "10 (IV 7, sublingual 3), the rows of the Sessions table; the last on …".
fn sessions_text(figures: &KeyFigures, last: Option<&Session>) -> String {
    let routes = figures.routes.iter().map(|(route, n)| format!("{route} {n}")).collect::<Vec<_>>().join(", ");
    let mut text = format!("{} ({routes}), the rows of the Sessions table", figures.sessions);
    if let Some(s) = last {
        text.push_str(&format!(
            "; the last on {}, {} {} {} mg",
            format_day(s.started_at.local_day()),
            charts::route_name(s.route),
            charts::medication_name(s.medication),
            format_number(s.dose_mg, 1)
        ));
    }
    text
}

/// The days from each session day to the next, within the period.
fn intervals_text(days: &BTreeSet<NaiveDate>, range: DateRange) -> Option<String> {
    let last = *days.last()?;
    let since = format!(
        "{} from the last to the end of the period",
        plural((range.to() - last).num_days() as usize, "day", "days")
    );
    let gaps: Vec<i64> = days.iter().zip(days.iter().skip(1)).map(|(a, b)| (*b - *a).num_days()).collect();
    let Some(&latest) = gaps.last() else {
        return Some(format!("one session day; {since}"));
    };
    let mut sorted = gaps.clone();
    sorted.sort_unstable();
    let median = insights::quantile(&sorted.iter().map(|&g| g as f64).collect::<Vec<_>>(), 0.5).unwrap_or(0.0);
    Some(format!(
        "median {} days between session days (shortest {}, longest {}; the latest {}); {since}",
        format_number(median, 1),
        sorted[0],
        sorted[sorted.len() - 1],
        latest
    ))
}

/// The highest reading after a dose (by systolic, then diastolic).
fn post_dose_bp_text(sessions: &[&Session]) -> Option<String> {
    let with: Vec<_> = sessions.iter().filter(|s| s.bp_post.is_some()).collect();
    let peak = with
        .iter()
        .filter_map(|s| s.bp_post.map(|bp| (bp.systolic, bp.diastolic, s)))
        .max_by_key(|(sys, dia, s)| (*sys, *dia, std::cmp::Reverse(s.started_at)))?;
    let (sys, dia, s) = peak;
    let before = s.bp_pre.map_or_else(String::new, |b| format!(" (before: {}/{})", b.systolic, b.diastolic));
    Some(format!(
        "highest {sys}/{dia} on {}{before}; measured at {} of {} sessions",
        format_day(s.started_at.local_day()),
        with.len(),
        sessions.len()
    ))
}

fn dissociation_text(sessions: &[&Session]) -> Option<String> {
    let mut rated: Vec<f64> = sessions.iter().filter_map(|s| s.dissociation.map(f64::from)).collect();
    rated.sort_by(f64::total_cmp);
    let median = insights::quantile(&rated, 0.5)?;
    Some(format!(
        "rated at {} of {} sessions (the patient's own 0–10 rating); median {}, highest {}",
        rated.len(),
        sessions.len(),
        format_number(median, 1),
        format_number(rated[rated.len() - 1], 0)
    ))
}

fn side_effects_text(sessions: &[&Session]) -> String {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut with = 0;
    for s in sessions {
        let mut named: BTreeSet<String> =
            s.side_effects.iter().map(|e| e.trim().to_lowercase()).filter(|e| !e.is_empty()).collect();
        if s.psychotic_symptoms {
            named.insert("psychotic symptoms".to_owned());
        }
        with += usize::from(!named.is_empty());
        for effect in named {
            *counts.entry(effect).or_default() += 1;
        }
    }
    if with == 0 {
        return format!("none noted at the {}", plural(sessions.len(), "session", "sessions"));
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let shown: Vec<String> = ranked.iter().take(5).map(|(e, n)| format!("{e} {n}")).collect();
    let more = ranked.len().saturating_sub(5);
    let more = if more > 0 { format!(", {} more", plural(more, "other", "others")) } else { String::new() };
    format!("noted at {with} of {} sessions: {}{more}", sessions.len(), shown.join(", "))
}

fn checkins_text(journal: &Journal, range: DateRange) -> String {
    let days: BTreeSet<NaiveDate> =
        journal.checkins.iter().map(|c| c.at.local_day()).filter(|d| range.contains(*d)).collect();
    let all = range.days();
    if days.is_empty() {
        return format!("none in the {all} days of this period");
    }
    format!(
        "on {} of the {all} days of this period ({} %)",
        days.len(),
        format_number(days.len() as f64 * 100.0 / all as f64, 0)
    )
}

/// The key figures, in the order a clinician asks about them.
pub(super) fn key_figures(
    flow: &mut Flow,
    journal: &Journal,
    range: DateRange,
    figures: &KeyFigures,
    alerts: Option<&[&AlertSummary]>,
) {
    flow.section("Key figures", Style::HEADING, 80.0, 0);
    let sessions: Vec<&Session> =
        journal.sessions.iter().filter(|s| range.contains(s.started_at.local_day())).collect();
    let mut pairs = Vec::new();
    if sessions.is_empty() {
        pairs.push(("Sessions".to_owned(), "none in this period".to_owned()));
    } else {
        let last = sessions.iter().max_by_key(|s| s.started_at).copied();
        pairs.push(("Sessions".to_owned(), sessions_text(figures, last)));
        let days: BTreeSet<NaiveDate> = sessions.iter().map(|s| s.started_at.local_day()).collect();
        if let Some(text) = intervals_text(&days, range) {
            pairs.push(("Intervals".to_owned(), text));
        }
        if let Some(found) = effects(journal, range) {
            let sentences: Vec<String> = telling_groups(&found)
                .iter()
                .map(|g| third_person(&insights::summary_sentence(g.group, g.summary(Measure::Mood))))
                .collect();
            if !sentences.is_empty() {
                pairs.push(("Mood after sessions".to_owned(), sentences.join("\n")));
            }
        }
    }
    pairs.extend(questionnaire_pairs(figures));
    if !sessions.is_empty() {
        let mut dose = format!(
            "{} mg in all; mean {} mg per session",
            format_number(figures.total_mg, 1),
            format_number(figures.mean_mg, 1)
        );
        if let Some(per_kg) = figures.mean_mg_per_kg {
            dose.push_str(&format!(", {} mg/kg", format_number(per_kg, 2)));
        }
        pairs.push(("Dose".to_owned(), dose));
        // An estimate says something only where a route absorbs less than all of it.
        let partial = sessions.iter().any(|s| bioavailability(s.medication, s.route).is_some_and(|b| b.fraction < 1.0));
        if let (true, Some(bio)) = (partial, figures.total_bioavailable_mg) {
            pairs.push((
                "Bioavailable".to_owned(),
                format!("an estimated {} mg in all (published route estimates)", format_number(bio, 0)),
            ));
        }
        let mut highest = format!("{} mg", format_number(figures.max_daily_mg, 1));
        if figures.days_above_limit > 0 {
            highest.push_str(&format!("; {} above 200 mg", plural(figures.days_above_limit, "day", "days")));
        }
        pairs.push(("Highest day".to_owned(), highest));
        if let Some(text) = post_dose_bp_text(&sessions) {
            pairs.push(("BP after dose".to_owned(), text));
        }
        if let Some(text) = dissociation_text(&sessions) {
            pairs.push(("Dissociation".to_owned(), text));
        }
        pairs.push(("Side effects".to_owned(), side_effects_text(&sessions)));
    }
    pairs.push(("Bladder diary".to_owned(), bladder_text(figures)));
    pairs.push(("Check-ins".to_owned(), checkins_text(journal, range)));
    let alerts = match alerts {
        Some(alerts) => {
            let runs = alert_runs(alerts);
            let acknowledged =
                |run: &&AlertRun<'_>| run.occurrences.iter().filter(|a| a.acknowledged.is_some()).count();
            let all = runs.iter().filter(|run| acknowledged(run) == run.occurrences.len()).count();
            let part = runs.iter().filter(|run| (1..run.occurrences.len()).contains(&acknowledged(run))).count();
            let part = if part > 0 { format!(", {part} in part") } else { String::new() };
            format!(
                "{} in this period, {all} acknowledged{part} (the rows of the Alerts table: a pattern on \
                 consecutive days counts once)",
                runs.len()
            )
        }
        None => "not evaluated for this report".to_owned(),
    };
    pairs.push(("Alerts".to_owned(), alerts));
    flow.key_values(&pairs, Style::BODY);
}

fn questionnaire_pairs(figures: &KeyFigures) -> [(String, String); 2] {
    let phq = match (&figures.phq9_baseline, &figures.phq9_latest) {
        (Some(base), Some(latest)) if base.day != latest.day || base.total != latest.total => {
            let change = i32::from(latest.total) - i32::from(base.total);
            let mut text = format!("baseline {} → latest {}; change {change:+}", score_text(base), score_text(latest));
            if base.total > 0 {
                text.push_str(&format!(" ({:+.0} %)", f64::from(change) * 100.0 / f64::from(base.total)));
            }
            text.push_str(match (figures.phq9_response, figures.phq9_remission) {
                (_, Some(true)) => "; remission (total below 5)",
                (Some(true), _) => "; response (at least 50 % below baseline)",
                (Some(false), _) => "; not yet a response (50 % below baseline)",
                _ => "",
            });
            text
        }
        (Some(base), _) => format!("baseline {}; no later PHQ-9", score_text(base)),
        (None, Some(latest)) => {
            format!("latest {} (no PHQ-9 before the first session, so no baseline)", score_text(latest))
        }
        (None, None) => "none recorded".to_owned(),
    };
    let gad = match (&figures.gad7_baseline, &figures.gad7_latest) {
        (Some(base), Some(latest)) if base.day != latest.day => {
            format!(
                "baseline {} → latest {}; change {:+}",
                score_text(base),
                score_text(latest),
                i32::from(latest.total) - i32::from(base.total)
            )
        }
        (_, Some(latest)) => format!("latest {}", score_text(latest)),
        (Some(base), None) => format!("baseline {}", score_text(base)),
        (None, None) => "none recorded".to_owned(),
    };
    [("PHQ-9".to_owned(), phq), ("GAD-7".to_owned(), gad)]
}

fn bladder_text(figures: &KeyFigures) -> String {
    if figures.bladder_days == 0 {
        return "no diary kept in this period".to_owned();
    }
    let mut text = format!(
        "{} with a warning sign (the rows of the Bladder diary table), of {} diary {}",
        plural(figures.bladder_warning_days, "day", "days"),
        figures.bladder_days,
        if figures.bladder_days == 1 { "day" } else { "days" }
    );
    if figures.bladder_blood_days > 0 {
        text.push_str(&format!("; visible blood on {}", plural(figures.bladder_blood_days, "day", "days")));
    }
    text
}
