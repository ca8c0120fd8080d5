//! How the summaries speak: one or two plain sentences per group and
//! measure, each with the number of session days it rests on, worded as
//! what followed the sessions, never as what they caused.

use super::summary::{Group, Summary};
use super::{MIN_SESSION_DAYS, Measure, round2};
use crate::charts::{format_number, route_name};
use crate::model::{Medication, Route};

/// The line shown with the summaries wherever they appear.
pub const ASSOCIATION_NOTE: &str = "These figures show what followed your sessions in your own records, not what \
     the sessions caused: sleep, events and other treatment move these measures too. Talk them over with your \
     clinician before changing anything.";

/// "After IV sessions", "after sessions of 0.5–0.6 mg/kg", …
fn subject(group: Group) -> String {
    match group {
        Group::Route(Route::Other) => "After sessions by another route".to_owned(),
        Group::Route(route) => format!("After {} sessions", route_name(route)),
        Group::Medication(Medication::RacemicKetamine) => "After ketamine sessions".to_owned(),
        Group::Medication(Medication::Esketamine) => "After esketamine sessions".to_owned(),
        Group::Medication(Medication::Other) => "After sessions of another medication".to_owned(),
        Group::MgPerKg { .. } | Group::BioavailableMg { .. } => {
            let (from, to) = group.dose_band().unwrap_or_default();
            match group {
                Group::MgPerKg { .. } => format!("After sessions of {}–{} mg/kg", number(from), number(to)),
                _ => format!(
                    "After sessions with an estimated {}–{} mg reaching the bloodstream",
                    number(from),
                    number(to)
                ),
            }
        }
    }
}

fn number(value: f64) -> String {
    format_number(round2(value), 2)
}

fn noun(measure: Measure) -> &'static str {
    match measure {
        Measure::Mood => "your mood",
        Measure::Anxiety => "your anxiety",
        Measure::Sleep => "your sleep",
    }
}

/// The unit, and the words for a better and a worse difference.
fn scale(measure: Measure, size: f64) -> (&'static str, &'static str, &'static str) {
    let one = number(size) == "1";
    match measure {
        Measure::Mood => (if one { "point" } else { "points" }, "higher", "lower"),
        Measure::Anxiety => (if one { "point" } else { "points" }, "lower", "higher"),
        Measure::Sleep => (if one { "hour" } else { "hours" }, "longer", "shorter"),
    }
}

/// "1.8 points higher", "0.5 hours shorter", "no different" for a change
/// in the better-is-positive orientation.
fn amount(measure: Measure, change: f64) -> String {
    if round2(change) == 0.0 {
        return "no different".to_owned();
    }
    let (unit, better, worse) = scale(measure, change.abs());
    format!("{} {unit} {}", number(change.abs()), if change > 0.0 { better } else { worse })
}

/// "between 0.9 and 2.5 points higher", or with both ends spelled out when
/// they point different ways.
fn between(measure: Measure, q1: f64, q3: f64) -> String {
    let (lo, hi) = (round2(q1), round2(q3));
    if lo != 0.0 && hi != 0.0 && (lo > 0.0) == (hi > 0.0) {
        let (small, large) = if lo.abs() <= hi.abs() { (lo.abs(), hi.abs()) } else { (hi.abs(), lo.abs()) };
        let (unit, better, worse) = scale(measure, large);
        let direction = if lo > 0.0 { better } else { worse };
        format!("between {} and {} {unit} {direction}", number(small), number(large))
    } else {
        format!("between {} and {}", amount(measure, q1), amount(measure, q3))
    }
}

fn session_days(n: usize) -> String {
    format!("{n} session day{}", if n == 1 { "" } else { "s" })
}

/// Why the censored ones stopped being counted.
fn still_holding(summary: &Summary) -> String {
    let by_next = summary.censored_by_next_session;
    let by_end = summary.censored - by_next;
    match (by_next, by_end) {
        (_, 0) => "when the next session came".to_owned(),
        (0, _) => "when the records ended".to_owned(),
        (next, end) => format!("{next} when the next session came, {end} when the records ended"),
    }
}

/// How long the gain lasted, when there was a gain.
fn held_sentence(summary: &Summary) -> Option<String> {
    if summary.improved == 0 {
        return None;
    }
    let censored = match summary.censored {
        0 => String::new(),
        c if summary.censored == summary.censored_by_next_session || summary.censored_by_next_session == 0 => {
            format!("; {c} more {} still holding {}", if c == 1 { "was" } else { "were" }, still_holding(summary))
        }
        c => format!("; {c} more still holding: {}", still_holding(summary)),
    };
    Some(match summary.median_held_days {
        Some(median) => format!(
            "The gain lasted a median of {} days ({} where it ended{censored}).",
            number(median),
            session_days(summary.ended)
        ),
        None if summary.ended == 0 => {
            format!("How long the gain lasted: not enough data yet (none ended within the days observed{censored}).")
        }
        None => format!(
            "How long the gain lasted: not enough data yet ({} where it ended, {MIN_SESSION_DAYS} are needed{censored}).",
            session_days(summary.ended)
        ),
    })
}

/// The summary of one measure over one group as plain sentences, with the
/// number of session days behind each figure; "not enough data" and no
/// figure below [`MIN_SESSION_DAYS`].
pub fn summary_sentence(group: Group, summary: &Summary) -> String {
    let measure = summary.measure;
    let Some(change) = summary.change else {
        return format!(
            "{}: not enough data on {} yet ({} with a before and an after, {MIN_SESSION_DAYS} are needed).",
            subject(group),
            noun(measure),
            session_days(summary.n)
        );
    };
    let compared = match amount(measure, change.median).as_str() {
        "no different" => "was typically no different from the three days before".to_owned(),
        by => format!("was a median {by} than over the three days before"),
    };
    let mut text = format!(
        "{}, {} over the next three days {compared} ({}; the middle half {}).",
        subject(group),
        noun(measure),
        session_days(summary.n),
        between(measure, change.q1, change.q3)
    );
    if let Some(held) = held_sentence(summary) {
        text.push(' ');
        text.push_str(&held);
    }
    text
}
