//! Rules on dosing sessions: daily amounts, blood pressure, psychotic
//! symptoms, and the wait before driving.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};

use crate::model::{BloodPressure, Medication, Session};

use super::wording;
use super::{Finding, Rule, Scope};

/// Sessions started at or before T, oldest first.
fn started<'a>(scope: &Scope<'a>) -> Vec<&'a Session> {
    let mut list: Vec<&Session> = scope.journal.sessions.iter().filter(|s| s.started_at <= scope.as_of).collect();
    list.sort_by_key(|s| s.started_at);
    list
}

/// Sessions within the session window (14 local days ending with T's day).
pub(super) fn recent<'a>(scope: &Scope<'a>) -> Vec<&'a Session> {
    started(scope)
        .into_iter()
        .filter(|s| scope.moment_within(s.started_at, scope.thresholds.session_window_days))
        .collect()
}

fn mg(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 { format!("{rounded:.0} mg") } else { format!("{rounded:.1} mg") }
}

fn bp(reading: BloodPressure) -> String {
    format!("{}/{}", reading.systolic, reading.diastolic)
}

/// `dose.high_daily`: more than 200 mg of ketamine (racemic or esketamine,
/// summed per local day of each session's start) on each of 3 or more
/// consecutive days, the last of them within the 7 local days ending with
/// T's day. The latest such run is reported.
pub(super) fn high_daily_dose(scope: &Scope<'_>) -> Option<Finding> {
    let t = scope.thresholds;
    let mut per_day: BTreeMap<NaiveDate, (f64, Vec<&Session>)> = BTreeMap::new();
    for s in started(scope) {
        if matches!(s.medication, Medication::RacemicKetamine | Medication::Esketamine) {
            let entry = per_day.entry(s.started_at.local_day()).or_default();
            entry.0 += s.dose_mg;
            entry.1.push(s);
        }
    }
    let high: Vec<NaiveDate> =
        per_day.iter().filter(|(_, (total, _))| *total > t.daily_dose_above_mg).map(|(d, _)| *d).collect();
    // The latest run of consecutive high days.
    let mut run: Vec<NaiveDate> = Vec::new();
    for day in high.iter().rev() {
        match run.last() {
            None => run.push(*day),
            Some(next) if next.pred_opt() == Some(*day) => run.push(*day),
            Some(_) => break,
        }
    }
    run.reverse();
    let last = *run.last()?;
    let long_enough = run.len() >= usize::try_from(t.daily_dose_consecutive_days).unwrap_or(usize::MAX);
    if !long_enough || !scope.day_within(last, t.daily_dose_window_days) {
        return None;
    }
    let year = scope.year();
    let sessions: Vec<&Session> = run.iter().flat_map(|d| per_day[d].1.iter().copied()).collect();
    let newest = sessions.last()?;
    let listed: Vec<String> =
        run.iter().map(|d| format!("{} ({})", wording::day(*d, year), mg(per_day[d].0))).collect();
    Some(Finding {
        rule: Rule::DoseHighDaily,
        key: vec![newest.id],
        evidence: sessions.iter().map(|s| s.id).collect(),
        first_seen: newest.started_at,
        message: format!(
            "You logged more than {} of ketamine a day on {} days in a row: {}. Patient guides suggest a break when \
             intake stays above about {} a day, because frequent high amounts are the main risk for the bladder.",
            mg(t.daily_dose_above_mg),
            run.len(),
            wording::and_list(&listed),
            mg(t.daily_dose_above_mg)
        ),
        action: format!(
            "Talk with {} about your daily amount before you take more.",
            wording::clinician(&scope.journal.profile)
        ),
    })
}

/// `bp.pre_dose_high`: a session within 14 days with a pre-dose reading
/// above 140 systolic or above 90 diastolic.
pub(super) fn pre_dose_bp(scope: &Scope<'_>) -> Option<Finding> {
    let t = scope.thresholds;
    let high: Vec<(&Session, BloodPressure)> = recent(scope)
        .into_iter()
        .filter_map(|s| s.bp_pre.map(|r| (s, r)))
        .filter(|(_, r)| r.systolic > t.bp_pre_systolic_above || r.diastolic > t.bp_pre_diastolic_above)
        .collect();
    let newest = high.last()?.0;
    let year = scope.year();
    let listed: Vec<String> =
        high.iter().map(|(s, r)| format!("{} on {}", bp(*r), wording::day(s.started_at.local_day(), year))).collect();
    Some(Finding {
        rule: Rule::BpPreDoseHigh,
        key: vec![newest.id],
        evidence: high.iter().map(|(s, _)| s.id).collect(),
        first_seen: newest.started_at,
        message: format!(
            "Your blood pressure before the dose was {}, above {}/{}. Ketamine and esketamine raise blood pressure \
             for a while after each dose, so prescribers check it before dosing.",
            wording::and_list(&listed),
            t.bp_pre_systolic_above,
            t.bp_pre_diastolic_above
        ),
        action: format!(
            "Mention {} to {} before your next session.",
            if high.len() == 1 { "this reading" } else { "these readings" },
            wording::clinician(&scope.journal.profile)
        ),
    })
}

/// What made a post-dose reading high, in words; `None` when it was not.
fn post_dose_problem(s: &Session, scope: &Scope<'_>) -> Option<String> {
    let t = scope.thresholds;
    let post = s.bp_post?;
    let very_high = post.systolic >= t.bp_post_systolic_at_least || post.diastolic >= t.bp_post_diastolic_at_least;
    let rise = s.bp_pre.map(|pre| {
        (i32::from(post.systolic) - i32::from(pre.systolic), i32::from(post.diastolic) - i32::from(pre.diastolic), pre)
    });
    let steep = rise.is_some_and(|(sys, dia, _)| {
        sys >= i32::from(t.bp_rise_systolic_at_least) || dia >= i32::from(t.bp_rise_diastolic_at_least)
    });
    if !very_high && !steep {
        return None;
    }
    let when = wording::day(s.started_at.local_day(), scope.year());
    Some(match rise {
        Some((sys, dia, pre)) => {
            format!("{} after the dose on {when} (before: {}, a change of {sys:+}/{dia:+})", bp(post), bp(pre))
        }
        None => format!("{} after the dose on {when}", bp(post)),
    })
}

/// `bp.post_dose_high`: a session within 14 days with a post-dose reading
/// of 180 systolic or 110 diastolic or more, or a rise over the pre-dose
/// reading of 40 systolic or 25 diastolic or more.
pub(super) fn post_dose_bp(scope: &Scope<'_>) -> Option<Finding> {
    let t = scope.thresholds;
    let high: Vec<(&Session, String)> =
        recent(scope).into_iter().filter_map(|s| post_dose_problem(s, scope).map(|text| (s, text))).collect();
    let newest = high.last()?.0;
    let listed: Vec<&str> = high.iter().map(|(_, text)| text.as_str()).collect();
    Some(Finding {
        rule: Rule::BpPostDoseHigh,
        key: vec![newest.id],
        evidence: high.iter().map(|(s, _)| s.id).collect(),
        first_seen: newest.started_at,
        message: format!(
            "Your blood pressure was {}. Readings of {}/{} or more, or a rise of {}/{} or more over the reading \
             before the dose, are ones prescribers ask to hear about.",
            wording::and_list(&listed),
            t.bp_post_systolic_at_least,
            t.bp_post_diastolic_at_least,
            t.bp_rise_systolic_at_least,
            t.bp_rise_diastolic_at_least
        ),
        action: format!(
            "If you are still being observed, tell the staff now. Otherwise contact {} today. If you have a severe \
             headache, chest pain, or trouble seeing or speaking, call {}.",
            wording::clinician(&scope.journal.profile),
            wording::emergency(&scope.journal.profile)
        ),
    })
}

/// `session.psychotic`: a session within 14 days notes psychotic symptoms.
pub(super) fn psychotic(scope: &Scope<'_>) -> Option<Finding> {
    let sessions: Vec<&Session> = recent(scope).into_iter().filter(|s| s.psychotic_symptoms).collect();
    let newest = sessions.last()?;
    let days: Vec<NaiveDate> = sessions.iter().map(|s| s.started_at.local_day()).collect();
    Some(Finding {
        rule: Rule::SessionPsychotic,
        key: vec![newest.id],
        evidence: sessions.iter().map(|s| s.id).collect(),
        first_seen: newest.started_at,
        message: format!(
            "You noted psychotic symptoms (such as hearing or seeing things others do not, or feeling watched) with \
             your session on {}. Prescribers need to know before the next dose.",
            wording::days(&days, scope.year())
        ),
        action: format!(
            "Contact {} today. If you feel unsafe now, call {}.",
            wording::clinician(&scope.journal.profile),
            wording::emergency(&scope.journal.profile)
        ),
    })
}

/// `driving.wait`: a session started less than 24 hours before T.
pub(super) fn driving(scope: &Scope<'_>) -> Option<Finding> {
    let wait = Duration::hours(i64::from(scope.thresholds.driving_wait_hours));
    let newest = started(scope).into_iter().rfind(|s| scope.as_of.datetime() - s.started_at.datetime() < wait)?;
    let until = crate::time::Timestamp::from_datetime(newest.started_at.datetime() + wait);
    let year = scope.year();
    Some(Finding {
        rule: Rule::DrivingWait,
        key: vec![newest.id],
        evidence: vec![newest.id],
        first_seen: newest.started_at,
        message: format!(
            "Your session started at {}. Ketamine affects attention and reaction time for hours after a dose; the \
             usual advice is not to drive until the next day.",
            wording::moment(newest.started_at, year)
        ),
        action: format!(
            "Do not drive, cycle or operate machinery before {}; arrange a lift home.",
            wording::moment(until, year)
        ),
    })
}
