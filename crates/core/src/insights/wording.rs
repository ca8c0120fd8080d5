//! How the summaries speak: one or two plain sentences per group and
//! measure, each with the number of session days it rests on, worded as
//! what followed the sessions, never as what they caused.

use super::summary::{Group, GroupSummary, Summary};
use super::{Censor, Effect, Held, Insights, MIN_SESSION_DAYS, Measure, WINDOW_MIN_VALUES, round2};
use crate::charts::{format_number, route_name};
use crate::model::{Medication, Route};

/// The line shown with the summaries wherever they appear.
pub const ASSOCIATION_NOTE: &str = "These figures show what followed your sessions in your own records, not what \
     the sessions caused: sleep, events and other treatment move these measures too. Talk them over with your \
     clinician before changing anything.";

/// What the session days of a group have in common, as a short label: "IV",
/// "ketamine", "0.5–0.6 mg/kg", "an estimated 25–50 mg reaching the
/// bloodstream".
pub fn group_label(group: Group) -> String {
    match group {
        Group::Route(Route::Other) => "another route".to_owned(),
        Group::Route(route) => route_name(route).to_owned(),
        Group::Medication(Medication::RacemicKetamine) => "ketamine".to_owned(),
        Group::Medication(Medication::Esketamine) => "esketamine".to_owned(),
        Group::Medication(Medication::Other) => "another medication".to_owned(),
        Group::MgPerKg { .. } | Group::BioavailableMg { .. } => {
            let (from, to) = group.dose_band().unwrap_or_default();
            match group {
                Group::MgPerKg { .. } => format!("{}–{} mg/kg", number(from), number(to)),
                _ => format!("an estimated {}–{} mg reaching the bloodstream", number(from), number(to)),
            }
        }
    }
}

/// "After IV sessions", "After sessions of 0.5–0.6 mg/kg", …
fn subject(group: Group) -> String {
    let label = group_label(group);
    match group {
        Group::Route(Route::Other) => format!("After sessions by {label}"),
        Group::Medication(Medication::Other) | Group::MgPerKg { .. } => format!("After sessions of {label}"),
        Group::Route(_) | Group::Medication(_) => format!("After {label} sessions"),
        Group::BioavailableMg { .. } => format!("After sessions with {label}"),
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

/// "1.8 points higher", "0.5 hours shorter", "no change" for a change in
/// the better-is-positive orientation.
fn amount(measure: Measure, change: f64) -> String {
    if round2(change) == 0.0 {
        return "no change".to_owned();
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

/// "were still holding when the next session came", or with both reasons.
fn still_holding(summary: &Summary) -> String {
    let by_next = summary.censored_by_next_session;
    let by_end = summary.censored - by_next;
    let were = if summary.censored == 1 { "was" } else { "were" };
    match (by_next, by_end) {
        (_, 0) => format!("{were} still holding when the next session came"),
        (0, _) => format!("{were} still holding when the records ended"),
        (next, end) => {
            format!("{were} still holding ({next} when the next session came, {end} when the records ended)")
        }
    }
}

/// How long the gain lasted, over the session days with a gain: "Of the 8
/// session days with a gain, 5 ended after a median of 9 days; 3 were
/// still holding when the next session came."
fn held_sentence(summary: &Summary) -> Option<String> {
    match (summary.improved, summary.censored) {
        (0, _) => return None,
        (1, 0) => {
            return Some(format!(
                "The 1 session day with a gain is too few for a median of how long it lasted ({MIN_SESSION_DAYS} are \
                 needed)."
            ));
        }
        (1, _) => return Some(format!("The 1 session day with a gain {}.", still_holding(summary))),
        _ => {}
    }
    let of = format!("Of the {} with a gain", session_days(summary.improved));
    let ended = match (summary.ended, summary.median_held_days) {
        (0, _) => "none ended within the days observed".to_owned(),
        (n, Some(median)) if n == summary.improved => {
            format!("all {n} ended after a median of {} days", number(median))
        }
        (n, Some(median)) => format!("{n} ended after a median of {} days", number(median)),
        (n, None) => format!("{n} ended, too few for a median of how long it lasted ({MIN_SESSION_DAYS} are needed)"),
    };
    Some(match summary.censored {
        0 => format!("{of}, {ended}."),
        c => format!("{of}, {ended}; {c} {}.", still_holding(summary)),
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
    let compared = if round2(change.median) == 0.0 {
        "was typically no different from the three days before".to_owned()
    } else {
        format!("was a median {} than over the three days before", amount(measure, change.median))
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

/// What followed one session day on `measure`, for a timeline: "mood 1.8
/// points higher over the next three days; the gain lasted 9 days", "…; still
/// holding after 6 days, when the next session came", "no before and after
/// to compare".
pub fn held_text(measure: Measure, effect: &Effect) -> String {
    let Some(change) = effect.change else {
        return format!(
            "no before and after to compare ({WINDOW_MIN_VALUES} of the 3 days on each side need a {})",
            measure.key()
        );
    };
    let said = format!("{} over the next three days", amount(measure, change)).replace("no change over", "no change");
    let what = &noun(measure)["your ".len()..];
    match effect.held {
        Some(Held::Days(days)) => format!("{what} {said}; the gain lasted {days} days"),
        Some(Held::AtLeast { at_least, by: Censor::NextSession }) => {
            format!("{what} {said}; still holding after {at_least} days, when the next session came")
        }
        Some(Held::AtLeast { at_least, by: Censor::EndOfData }) => {
            format!("{what} {said}; still holding after {at_least} days, when the records end")
        }
        None => format!("{what} {said}"),
    }
}

/// The summaries worth a sentence: by route, and by medication when more
/// than one was taken (with one, they repeat the routes).
pub fn telling_groups(found: &Insights) -> Vec<&GroupSummary> {
    let mut groups: Vec<&GroupSummary> = found.by_route.iter().collect();
    if found.by_medication.len() > 1 {
        groups.extend(&found.by_medication);
    }
    groups
}
