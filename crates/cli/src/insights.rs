//! `ketalog insights`: the session effects as text for a terminal.

use ketalog_core::Timestamp;
use ketalog_core::insights::{self, Censor, Effect, GroupSummary, Held, Insights, Measure, SessionDay};

use crate::wrap;

/// A number as the insights show it: at most 2 decimals, no trailing zeros.
fn number(value: f64) -> String {
    insights::round2(value).to_string()
}

fn plural(n: usize, one: &str) -> String {
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}

fn heading(measure: Measure) -> &'static str {
    match measure {
        Measure::Mood => "Mood (0–10, higher is better)",
        Measure::Anxiety => "Anxiety (0–10, lower is better)",
        Measure::Sleep => "Sleep (hours a night)",
    }
}

/// One measure around one session day, e.g. "mood 4.33 → 6.67 (2.33
/// better), held 9 days".
fn effect_text(measure: Measure, effect: &Effect) -> String {
    let name = measure.key();
    let (Some(before), Some(after), Some(change)) = (effect.before, effect.after, effect.change) else {
        let missing = match (effect.before, effect.after) {
            (None, None) => "before and after",
            (None, Some(_)) => "before",
            _ => "after",
        };
        return format!("{name}: too few check-ins {missing}");
    };
    let direction = match insights::round2(change) {
        0.0 => "no change".to_owned(),
        c if c > 0.0 => format!("{} better", number(c)),
        c => format!("{} worse", number(-c)),
    };
    let held = match effect.held {
        None => String::new(),
        Some(Held::Days(days)) => format!(", held {days} days"),
        Some(Held::AtLeast { at_least, by }) => {
            let stopped = match by {
                Censor::NextSession => "the next session came",
                Censor::EndOfData => "the records end",
            };
            format!(", still holding after {} when {stopped}", plural(at_least as usize, "day"))
        }
    };
    format!("{name} {} → {} ({direction}){held}", number(before), number(after))
}

fn session_day_text(day: &SessionDay) -> String {
    let effects: Vec<String> = Measure::ALL.iter().map(|m| effect_text(*m, day.effect(*m))).collect();
    format!("{} ({}): {}.", day.day, plural(day.session_ids.len(), "session"), effects.join("; "))
}

/// The groups worth a sentence, and the groups that hold every session day.
///
/// By route, by medication, by mg/kg band and by bioavailable band, except
/// that a kind with one group holding every session day is left out once
/// such a group has been shown: all IV and all ketamine would say the same
/// thing twice.
fn telling_groups(found: &Insights) -> (Vec<&GroupSummary>, Vec<&GroupSummary>) {
    let (mg_per_kg, bioavailable): (Vec<&GroupSummary>, Vec<&GroupSummary>) =
        found.by_dose.iter().partition(|g| g.group.dose_unit() == Some("mg/kg"));
    let kinds = [found.by_route.iter().collect(), found.by_medication.iter().collect(), mg_per_kg, bioavailable];
    let mut shown = Vec::new();
    let mut common = Vec::new();
    for kind in kinds {
        if let [only] = kind.as_slice()
            && only.session_days == found.session_days.len()
        {
            common.push(*only);
            if common.len() > 1 {
                continue;
            }
        }
        shown.extend(kind);
    }
    (shown, common)
}

/// The summaries, grouped by measure, then the session days one by one,
/// then what the figures do not say.
pub(crate) fn text(found: &Insights, as_of: Timestamp, period: &str) -> String {
    let mut out = String::new();
    let count = plural(found.session_days.len(), "session day");
    out.push_str(&wrap(&format!("Session effects as of {as_of}, {period}: {count}."), ""));
    if found.session_days.is_empty() {
        return out.trim_end().to_owned();
    }
    let (groups, common) = telling_groups(found);
    if common.len() > 1 {
        let labels: Vec<String> = common.iter().map(|g| insights::group_label(g.group)).collect();
        out.push_str(&wrap(&format!("Every one of them: {}.", labels.join(", ")), ""));
    }
    for measure in Measure::ALL {
        out.push('\n');
        out.push_str(heading(measure));
        out.push('\n');
        for group in &groups {
            out.push_str(&wrap(&insights::summary_sentence(group.group, group.summary(measure)), "  "));
        }
    }
    if !found.by_tag.is_empty() {
        out.push_str("\nMood on days with a tag:\n");
        for tag in &found.by_tag {
            out.push_str(&wrap(&tag.sentence, "  "));
        }
    }
    out.push_str("\nSession days (the mean of the three days before → the three days after):\n");
    for day in &found.session_days {
        out.push_str(&wrap(&session_day_text(day), "  "));
    }
    out.push('\n');
    out.push_str(wrap(insights::ASSOCIATION_NOTE, "").trim_end());
    out
}
