//! Rules on the questionnaires: crisis prompt, severe scores, worsening,
//! response and remission.

use crate::instruments::{self, PHQ9, latest_phq9, phq9_baseline};
use crate::model::PhqNine;

use super::wording;
use super::{Finding, Rule, Scope};

/// The latest PHQ-9 as of T, if it is within the questionnaire window.
fn recent_phq9<'a>(scope: &Scope<'a>) -> Option<&'a PhqNine> {
    latest_phq9(scope.journal, scope.as_of)
        .filter(|q| scope.moment_within(q.at, scope.thresholds.questionnaire_window_days))
}

/// `mood.self_harm`: the latest PHQ-9 within 14 days answers item 9 above 0.
pub(super) fn self_harm(scope: &Scope<'_>) -> Option<Finding> {
    let q = recent_phq9(scope).filter(|q| q.item9() >= scope.thresholds.phq9_item9_at_least)?;
    let answer = PHQ9.items[8]
        .choices
        .iter()
        .find(|c| c.score == q.item9())
        .map_or("an answer above \"Not at all\"", |c| c.label);
    let profile = &scope.journal.profile;
    Some(Finding {
        rule: Rule::MoodSelfHarm,
        key: vec![q.id],
        evidence: vec![q.id],
        first_seen: q.at,
        message: format!(
            "On {} you answered \"{answer}\" to PHQ-9 question 9, about thoughts that you would be better off dead \
             or of hurting yourself in some way. Clinicians ask to hear about any answer other than \"Not at all\", \
             whatever the total score.",
            wording::day(q.at.local_day(), scope.year())
        ),
        action: format!(
            "{} Please also tell {} about this answer.",
            wording::crisis(profile),
            wording::clinician(profile)
        ),
    })
}

/// `mood.severe`: the latest PHQ-9 within 14 days totals 20 or more.
pub(super) fn severe(scope: &Scope<'_>) -> Option<Finding> {
    let q = recent_phq9(scope).filter(|q| q.total() >= scope.thresholds.phq9_severe_at_least)?;
    Some(Finding {
        rule: Rule::MoodSevere,
        key: vec![q.id],
        evidence: vec![q.id],
        first_seen: q.at,
        message: format!(
            "Your PHQ-9 on {} totalled {} out of 27, in the range the questionnaire's authors call severe (20–27). \
             Clinicians want to know about scores this high soon, to review your treatment.",
            wording::day(q.at.local_day(), scope.year()),
            q.total()
        ),
        action: format!(
            "Contact {} today. {}",
            wording::clinician(&scope.journal.profile),
            wording::crisis(&scope.journal.profile)
        ),
    })
}

/// `mood.worsening`: the latest PHQ-9 is 5 or more points above the one
/// answered just before it (both as of T, however old).
pub(super) fn worsening(scope: &Scope<'_>) -> Option<Finding> {
    let mut answered: Vec<&PhqNine> = scope.journal.phq9.iter().filter(|q| q.at <= scope.as_of).collect();
    answered.sort_by_key(|q| q.at);
    let [.., before, latest] = answered.as_slice() else {
        return None;
    };
    let rise = latest.total().checked_sub(before.total())?;
    if rise < scope.thresholds.phq9_worsening_points {
        return None;
    }
    let year = scope.year();
    Some(Finding {
        rule: Rule::MoodWorsening,
        key: vec![before.id, latest.id],
        evidence: vec![before.id, latest.id],
        first_seen: latest.at,
        message: format!(
            "Your PHQ-9 went from {} on {} to {} on {}, {rise} points higher. A change of {} points or more is one \
             clinicians consider meaningful.",
            before.total(),
            wording::day(before.at.local_day(), year),
            latest.total(),
            wording::day(latest.at.local_day(), year),
            scope.thresholds.phq9_worsening_points
        ),
        action: format!(
            "Let {} know before your next session. {}",
            wording::clinician(&scope.journal.profile),
            wording::crisis(&scope.journal.profile)
        ),
    })
}

/// `anxiety.severe`: the latest GAD-7 within 14 days totals 15 or more.
pub(super) fn anxiety_severe(scope: &Scope<'_>) -> Option<Finding> {
    let q = scope
        .journal
        .gad7
        .iter()
        .filter(|q| q.at <= scope.as_of)
        .max_by_key(|q| q.at)
        .filter(|q| scope.moment_within(q.at, scope.thresholds.questionnaire_window_days))
        .filter(|q| q.total() >= scope.thresholds.gad7_severe_at_least)?;
    Some(Finding {
        rule: Rule::AnxietySevere,
        key: vec![q.id],
        evidence: vec![q.id],
        first_seen: q.at,
        message: format!(
            "Your GAD-7 on {} totalled {} out of 21, in the range the questionnaire's authors call severe (15–21). \
             Clinicians want to know when anxiety is this high; it can also shape how sessions are prepared.",
            wording::day(q.at.local_day(), scope.year()),
            q.total()
        ),
        action: format!("Bring this up with {} before your next session.", wording::clinician(&scope.journal.profile)),
    })
}

/// The baseline and the latest PHQ-9 after it, when both exist and the
/// baseline score is above 0 (a percentage of 0 means nothing).
fn baseline_and_latest<'a>(scope: &Scope<'a>) -> Option<(&'a PhqNine, &'a PhqNine)> {
    let baseline = phq9_baseline(scope.journal, scope.as_of)?;
    let latest = latest_phq9(scope.journal, scope.as_of)?;
    (latest.at > baseline.at && baseline.total() > 0).then_some((baseline, latest))
}

/// `response.not_yet`: six or more sessions after the baseline PHQ-9 (up to
/// T), and the latest PHQ-9 (answered after the baseline) is less than 25 %
/// below it.
pub(super) fn response_not_yet(scope: &Scope<'_>) -> Option<Finding> {
    let t = scope.thresholds;
    let (baseline, latest) = baseline_and_latest(scope)?;
    if instruments::at_least_percent_below(baseline.total(), latest.total(), t.response_partial_percent) {
        return None;
    }
    let mut since: Vec<_> = scope
        .journal
        .sessions
        .iter()
        .filter(|s| s.started_at > baseline.at && s.started_at <= scope.as_of)
        .map(|s| s.started_at)
        .collect();
    since.sort_unstable();
    let needed = usize::try_from(t.response_check_after_sessions).unwrap_or(usize::MAX).max(1);
    let nth = *since.get(needed - 1)?;
    let year = scope.year();
    let change = match instruments::percent_below(baseline.total(), latest.total()) {
        Some(p) if p > 0.0 => format!("is {p:.0}% lower, less than {}%", t.response_partial_percent),
        _ => "is not lower".to_owned(),
    };
    Some(Finding {
        rule: Rule::ResponseNotYet,
        key: vec![baseline.id, latest.id],
        evidence: vec![baseline.id, latest.id],
        first_seen: nth.max(latest.at),
        message: format!(
            "You have logged {} sessions since your first PHQ-9 ({} on {}); your latest PHQ-9 ({} on {}) {change}. \
             Some people need more sessions before they notice a change; clinicians review the plan at this point.",
            since.len(),
            baseline.total(),
            wording::day(baseline.at.local_day(), year),
            latest.total(),
            wording::day(latest.at.local_day(), year),
        ),
        action: format!("Talk it over with {} at your next appointment.", wording::clinician(&scope.journal.profile)),
    })
}

/// The PHQ-9s after the baseline, oldest first, up to T.
fn after_baseline<'a>(scope: &Scope<'a>, baseline: &PhqNine) -> Vec<&'a PhqNine> {
    let mut list: Vec<&PhqNine> =
        scope.journal.phq9.iter().filter(|q| q.at > baseline.at && q.at <= scope.as_of).collect();
    list.sort_by_key(|q| q.at);
    list
}

/// The first PHQ-9 of the unbroken run, ending with the latest, in which
/// every questionnaire meets `holds`.
fn run_start<'a>(list: &[&'a PhqNine], holds: impl Fn(&PhqNine) -> bool) -> Option<&'a PhqNine> {
    let mut start = None;
    for q in list.iter().rev() {
        if holds(q) {
            start = Some(*q);
        } else {
            break;
        }
    }
    start
}

/// `mood.response` (milestone): the latest PHQ-9 is at least 50 % below the
/// baseline. The occurrence is the run of PHQ-9s that have stayed there:
/// it keeps its id while the response lasts.
pub(super) fn response(scope: &Scope<'_>) -> Option<Finding> {
    let (baseline, latest) = baseline_and_latest(scope)?;
    let percent = scope.thresholds.response_percent;
    let list = after_baseline(scope, baseline);
    let start = run_start(&list, |q| instruments::at_least_percent_below(baseline.total(), q.total(), percent))?;
    let year = scope.year();
    let below = instruments::percent_below(baseline.total(), latest.total()).unwrap_or(0.0);
    Some(Finding {
        rule: Rule::MoodResponse,
        key: vec![baseline.id, start.id],
        evidence: dedup(vec![baseline.id, start.id, latest.id]),
        first_seen: start.at,
        message: format!(
            "Your PHQ-9 went from {} when you started ({}) to {} on {}, {below:.0}% lower. A fall of {percent}% or \
             more is what clinicians call a response to treatment.",
            baseline.total(),
            wording::day(baseline.at.local_day(), year),
            latest.total(),
            wording::day(latest.at.local_day(), year),
        ),
        action: format!("Share this with {} at your next appointment.", wording::clinician(&scope.journal.profile)),
    })
}

/// `mood.remission` (milestone): the latest PHQ-9 is below 5, after
/// treatment began, and the user did not start there: it must come after a
/// baseline that was 5 or more, or, with no baseline (the first PHQ-9 came
/// after the first session's day), be one of the PHQ-9s answered since.
/// Like `mood.response`, it keeps its id while every PHQ-9 stays below 5.
pub(super) fn remission(scope: &Scope<'_>) -> Option<Finding> {
    let below = scope.thresholds.remission_below;
    let latest = latest_phq9(scope.journal, scope.as_of).filter(|q| q.total() < below)?;
    let baseline = phq9_baseline(scope.journal, scope.as_of);
    let candidates = match baseline {
        Some(b) if b.total() < below => return None,
        Some(b) => after_baseline(scope, b),
        None => {
            let mut all: Vec<&PhqNine> = scope.journal.phq9.iter().filter(|q| q.at <= scope.as_of).collect();
            all.sort_by_key(|q| q.at);
            all
        }
    };
    let start = run_start(&candidates, |q| q.total() < below)?;
    let started = baseline.map_or_else(String::new, |b| format!(" (it was {} when you started)", b.total()));
    Some(Finding {
        rule: Rule::MoodRemission,
        key: vec![start.id],
        evidence: dedup(baseline.iter().map(|b| b.id).chain([start.id, latest.id]).collect()),
        first_seen: start.at,
        message: format!(
            "Your PHQ-9 on {} totalled {}, below {below}{started}. Clinicians call a score below {below} \
             remission.",
            wording::day(latest.at.local_day(), scope.year()),
            latest.total(),
        ),
        action: format!("Share this with {} at your next appointment.", wording::clinician(&scope.journal.profile)),
    })
}

fn dedup(mut ids: Vec<uuid::Uuid>) -> Vec<uuid::Uuid> {
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
    ids
}
