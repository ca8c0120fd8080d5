//! Rules on the bladder diary: visible blood, and warning signs on several
//! days.

use chrono::NaiveDate;

use crate::model::BladderDay;

use super::wording;
use super::{Finding, Rule, Scope};

/// Diary days up to T's local day, oldest first.
fn diary<'a>(scope: &Scope<'a>) -> Vec<&'a BladderDay> {
    let mut days: Vec<&BladderDay> = scope.journal.bladder.iter().filter(|d| d.date <= scope.today).collect();
    days.sort_by_key(|d| d.date);
    days
}

fn urgent_action(scope: &Scope<'_>) -> String {
    format!(
        "Contact {} today, before your next dose. If you cannot pass urine, or have severe pain or fever, call {} \
         or go to an emergency department.",
        wording::clinician(&scope.journal.profile),
        wording::emergency(&scope.journal.profile)
    )
}

/// `bladder.blood`: a diary day within the last 14 days reports visible blood.
pub(super) fn blood(scope: &Scope<'_>) -> Option<Finding> {
    let days: Vec<&BladderDay> = diary(scope)
        .into_iter()
        .filter(|d| d.visible_blood && scope.day_within(d.date, scope.thresholds.bladder_blood_window_days))
        .collect();
    let newest = days.last()?;
    let dates: Vec<NaiveDate> = days.iter().map(|d| d.date).collect();
    Some(Finding {
        rule: Rule::BladderBlood,
        key: vec![newest.id],
        evidence: days.iter().map(|d| d.id).collect(),
        first_seen: scope.day_start(newest.date),
        message: format!(
            "You logged visible blood in your urine on {}. Clinicians ask people taking ketamine to report blood in \
             the urine straight away: it can come from an irritated bladder, which heals best when caught early.",
            wording::days(&dates, scope.year())
        ),
        action: urgent_action(scope),
    })
}

/// The personal daytime baseline: the median of the first 7 diary days that
/// have a daytime count (the 4th smallest of 7); `None` until 7 exist.
fn day_voids_baseline(days: &[&BladderDay], baseline_days: usize) -> Option<u16> {
    let mut first: Vec<u16> = days.iter().filter_map(|d| d.day_voids).take(baseline_days).collect();
    if baseline_days == 0 || first.len() < baseline_days {
        return None;
    }
    first.sort_unstable();
    let mid = first.len() / 2;
    Some(if first.len() % 2 == 1 { first[mid] } else { (first[mid - 1] + first[mid]).div_ceil(2) })
}

/// The warning signs a diary day shows, in words ("pain 5/10", "burning").
fn warning_signs(day: &BladderDay, baseline: Option<u16>, scope: &Scope<'_>) -> Vec<String> {
    let t = scope.thresholds;
    let mut signs = Vec::new();
    if let Some(pain) = day.pain.filter(|p| *p >= t.bladder_pain_at_least) {
        signs.push(format!("pain {pain}/10"));
    }
    if day.burning {
        signs.push("burning".to_owned());
    }
    if let Some(urgency) = day.urgency.filter(|u| *u >= t.bladder_urgency_at_least) {
        signs.push(format!("urgency {urgency}/4"));
    }
    if day.leakage {
        signs.push("leakage".to_owned());
    }
    if day.cloudy {
        signs.push("cloudy urine".to_owned());
    }
    if let Some(voids) = day.day_voids {
        let above_usual = baseline.filter(|b| voids >= b.saturating_add(t.bladder_day_voids_above_baseline));
        if voids >= t.bladder_day_voids_at_least || above_usual.is_some() {
            signs.push(match baseline {
                Some(usual) if voids > usual => format!("{voids} daytime voids against your usual {usual}"),
                _ => format!("{voids} daytime voids"),
            });
        }
    }
    if let Some(night) = day.night_voids.filter(|n| *n >= t.bladder_night_voids_at_least) {
        signs.push(format!("{night} night-time voids"));
    }
    signs
}

/// `bladder.persistent`: warning signs on 3 or more distinct diary days among
/// the 7 local days ending with T's day.
pub(super) fn persistent(scope: &Scope<'_>) -> Option<Finding> {
    let t = scope.thresholds;
    let all = diary(scope);
    let baseline = day_voids_baseline(&all, t.bladder_baseline_days);
    let warning: Vec<(&BladderDay, Vec<String>)> = all
        .iter()
        .filter(|d| scope.day_within(d.date, t.bladder_persistent_window_days))
        .map(|d| (*d, warning_signs(d, baseline, scope)))
        .filter(|(_, signs)| !signs.is_empty())
        .collect();
    if warning.len() < usize::try_from(t.bladder_persistent_min_days).unwrap_or(usize::MAX) {
        return None;
    }
    let newest = warning.last()?.0;
    let year = scope.year();
    let listed: Vec<String> = warning
        .iter()
        .map(|(d, signs)| format!("{} ({})", wording::day(d.date, year), wording::and_list(signs)))
        .collect();
    Some(Finding {
        rule: Rule::BladderPersistent,
        key: vec![newest.id],
        evidence: warning.iter().map(|(d, _)| d.id).collect(),
        first_seen: scope.day_start(newest.date),
        message: format!(
            "On {} of the last {} days you logged bladder warning signs: {}. Clinicians ask people taking ketamine \
             to report bladder symptoms that keep coming back; with a break from ketamine the bladder lining can heal.",
            warning.len(),
            t.bladder_persistent_window_days,
            listed.join("; ")
        ),
        action: format!(
            "Tell {} about these symptoms before your next dose.",
            wording::clinician(&scope.journal.profile)
        ),
    })
}
