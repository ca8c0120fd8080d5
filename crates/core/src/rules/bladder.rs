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

/// The personal baseline of daytime voids: the median of the first
/// `baseline_days` diary days (in date order) that have a daytime count;
/// `None` until that many exist.
pub fn day_voids_baseline<'a>(days: impl IntoIterator<Item = &'a BladderDay>, baseline_days: usize) -> Option<u16> {
    let mut first: Vec<u16> = days.into_iter().filter_map(|d| d.day_voids).take(baseline_days).collect();
    if baseline_days == 0 || first.len() < baseline_days {
        return None;
    }
    first.sort_unstable();
    let mid = first.len() / 2;
    Some(if first.len() % 2 == 1 { first[mid] } else { (first[mid - 1] + first[mid]).div_ceil(2) })
}

/// One warning sign on a bladder diary day (RULES.md, `bladder.persistent`), with the value
/// that was logged. The one definition behind the alerts, the chart and the
/// report, so that they always agree on which days showed a sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarningSign {
    /// Blood visible in the urine (its own urgent rule, `bladder.blood`).
    VisibleBlood,
    /// Bladder pain at or above the threshold, 0–10.
    Pain(u8),
    /// Burning on urination.
    Burning,
    /// Urgency at or above the threshold, 0–4.
    Urgency(u8),
    /// Leakage.
    Leakage,
    /// Cloudy urine.
    Cloudy,
    /// Daytime voids at or above the threshold, or well above the baseline.
    DayVoids {
        /// Voids that day.
        count: u16,
        /// The personal baseline, when there is one.
        usual: Option<u16>,
    },
    /// Night-time voids at or above the threshold.
    NightVoids(u16),
}

impl WarningSign {
    /// In the patient's own terms ("12 daytime voids against your usual 7").
    pub fn to_patient_words(self) -> String {
        match self {
            Self::DayVoids { count, usual: Some(usual) } if count > usual => {
                format!("{count} daytime voids against your usual {usual}")
            }
            other => other.to_string(),
        }
    }
}

impl std::fmt::Display for WarningSign {
    /// Neutral wording for tables and charts ("12 daytime voids, usually 7").
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Self::VisibleBlood => f.write_str("visible blood"),
            Self::Pain(pain) => write!(f, "pain {pain}/10"),
            Self::Burning => f.write_str("burning"),
            Self::Urgency(urgency) => write!(f, "urgency {urgency}/4"),
            Self::Leakage => f.write_str("leakage"),
            Self::Cloudy => f.write_str("cloudy urine"),
            Self::DayVoids { count, usual: Some(usual) } if count > usual => {
                write!(f, "{count} daytime voids, usually {usual}")
            }
            Self::DayVoids { count, .. } => write!(f, "{count} daytime voids"),
            Self::NightVoids(night) => write!(f, "{night} night-time voids"),
        }
    }
}

/// The warning signs a diary day shows, by the thresholds `t`, against the
/// daytime-voids `baseline` (see [`day_voids_baseline`]).
pub fn warning_signs(day: &BladderDay, baseline: Option<u16>, t: &super::Thresholds) -> Vec<WarningSign> {
    let mut signs = Vec::new();
    if day.visible_blood {
        signs.push(WarningSign::VisibleBlood);
    }
    if let Some(pain) = day.pain.filter(|p| *p >= t.bladder_pain_at_least) {
        signs.push(WarningSign::Pain(pain));
    }
    if day.burning {
        signs.push(WarningSign::Burning);
    }
    if let Some(urgency) = day.urgency.filter(|u| *u >= t.bladder_urgency_at_least) {
        signs.push(WarningSign::Urgency(urgency));
    }
    if day.leakage {
        signs.push(WarningSign::Leakage);
    }
    if day.cloudy {
        signs.push(WarningSign::Cloudy);
    }
    if let Some(count) = day.day_voids {
        let above_usual = baseline.filter(|b| count >= b.saturating_add(t.bladder_day_voids_above_baseline));
        if count >= t.bladder_day_voids_at_least || above_usual.is_some() {
            signs.push(WarningSign::DayVoids { count, usual: baseline });
        }
    }
    if let Some(night) = day.night_voids.filter(|n| *n >= t.bladder_night_voids_at_least) {
        signs.push(WarningSign::NightVoids(night));
    }
    signs
}

/// The signs `bladder.persistent` counts, in the patient's words: all but
/// visible blood, which raises the more urgent `bladder.blood` on its own.
fn persistent_signs(day: &BladderDay, baseline: Option<u16>, t: &super::Thresholds) -> Vec<String> {
    warning_signs(day, baseline, t)
        .into_iter()
        .filter(|sign| *sign != WarningSign::VisibleBlood)
        .map(WarningSign::to_patient_words)
        .collect()
}

/// `bladder.persistent`: warning signs on 3 or more distinct diary days among
/// the 7 local days ending with T's day.
pub(super) fn persistent(scope: &Scope<'_>) -> Option<Finding> {
    let t = scope.thresholds;
    let all = diary(scope);
    let baseline = day_voids_baseline(all.iter().copied(), t.bladder_baseline_days);
    let warning: Vec<(&BladderDay, Vec<String>)> = all
        .iter()
        .filter(|d| scope.day_within(d.date, t.bladder_persistent_window_days))
        .map(|d| (*d, persistent_signs(d, baseline, t)))
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
