//! The key figures at the top of the report.

use chrono::NaiveDate;
use serde::Serialize;

use super::AlertSummary;
use crate::charts::bands::{Band, band_of, gad7_bands, phq9_bands};
use crate::charts::{self, DateRange};
use crate::instruments::{PHQ9_REMISSION_BELOW, is_response};
use crate::model::Journal;
use crate::rules::thresholds::DAILY_DOSE_ABOVE_MG;
use crate::time::Timestamp;

/// A questionnaire total on a day, with its band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Score {
    /// The total.
    pub total: u8,
    /// The local day it was answered.
    pub day: NaiveDate,
    /// Its severity band ("moderate").
    pub band: &'static str,
}

/// The figures a clinician looks at first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyFigures {
    /// Sessions in the period.
    pub sessions: usize,
    /// Sessions per route, in first-seen order ("IV", 6).
    pub routes: Vec<(&'static str, usize)>,
    /// Milligrams over all sessions in the period.
    pub total_mg: f64,
    /// Mean milligrams per session (0 without sessions).
    pub mean_mg: f64,
    /// Mean mg/kg over the sessions with a known weight.
    pub mean_mg_per_kg: Option<f64>,
    /// Estimated bioavailable mg over the sessions whose route has an estimate.
    pub total_bioavailable_mg: Option<f64>,
    /// The highest total mg on one local day.
    pub max_daily_mg: f64,
    /// Days whose total exceeded 200 mg.
    pub days_above_limit: usize,
    /// The treatment baseline PHQ-9: the first one answered on or before
    /// the first session's day (journal-wide), if any.
    pub phq9_baseline: Option<Score>,
    /// The latest PHQ-9 up to the end of the period.
    pub phq9_latest: Option<Score>,
    /// Whether the latest is ≥ 50 % below the baseline (`None` without both).
    pub phq9_response: Option<bool>,
    /// Whether the latest total is below 5 (`None` without a baseline and a later PHQ-9).
    pub phq9_remission: Option<bool>,
    /// The baseline GAD-7, chosen as for the PHQ-9.
    pub gad7_baseline: Option<Score>,
    /// The latest GAD-7 up to the end of the period.
    pub gad7_latest: Option<Score>,
    /// Bladder diary days in the period.
    pub bladder_days: usize,
    /// Of those, days with at least one warning sign.
    pub bladder_warning_days: usize,
    /// Of those, days with visible blood.
    pub bladder_blood_days: usize,
    /// Alerts first seen in the period (`None`: not evaluated).
    pub alerts_raised: Option<usize>,
    /// Of those, how many the user acknowledged (`None`: not evaluated).
    pub alerts_acknowledged: Option<usize>,
}

fn score(total: u8, at: Timestamp, bands: &[Band]) -> Score {
    Score { total, day: at.local_day(), band: band_of(bands, total).map_or("", |b| b.label) }
}

/// The first of `answers` (time, total) on or before the first session's
/// day, or the first of all when there were no sessions yet; `None` when the
/// first came only after treatment started. The rule of
/// `instruments::phq9_baseline`, taken by local day up to the end of the
/// period rather than up to a moment.
fn baseline(journal: &Journal, answers: &[(Timestamp, u8)], until: NaiveDate) -> Option<(Timestamp, u8)> {
    let first = answers.iter().filter(|(at, _)| at.local_day() <= until).min_by_key(|(at, _)| *at).copied()?;
    let first_session = journal.sessions.iter().map(|s| s.started_at).filter(|at| at.local_day() <= until).min();
    match first_session {
        Some(start) if first.0.local_day() > start.local_day() => None,
        _ => Some(first),
    }
}

fn latest(answers: &[(Timestamp, u8)], until: NaiveDate) -> Option<(Timestamp, u8)> {
    answers.iter().filter(|(at, _)| at.local_day() <= until).max_by_key(|(at, _)| *at).copied()
}

/// The key figures of `journal` over `range`; `alerts` are those first seen
/// in the range, `None` when alerts were not evaluated.
pub fn key_figures(journal: &Journal, range: DateRange, alerts: Option<&[&AlertSummary]>) -> KeyFigures {
    let sessions: Vec<_> = journal.sessions.iter().filter(|s| range.contains(s.started_at.local_day())).collect();
    let mut routes: Vec<(&'static str, usize)> = Vec::new();
    for session in &sessions {
        let name = charts::route_name(session.route);
        match routes.iter_mut().find(|(r, _)| *r == name) {
            Some(entry) => entry.1 += 1,
            None => routes.push((name, 1)),
        }
    }
    let total_mg: f64 = sessions.iter().map(|s| s.dose_mg).sum();
    let per_kg: Vec<f64> = sessions.iter().filter_map(|s| s.mg_per_kg(&journal.profile)).collect();
    let bioavailable: Vec<f64> = sessions.iter().filter_map(|s| s.bioavailable_mg()).collect();
    let totals = charts::daily_totals(journal, range);

    let phq: Vec<(Timestamp, u8)> = journal.phq9.iter().map(|q| (q.at, q.total())).collect();
    let gad: Vec<(Timestamp, u8)> = journal.gad7.iter().map(|q| (q.at, q.total())).collect();
    let phq_base = baseline(journal, &phq, range.to());
    let phq_latest = latest(&phq, range.to());
    let later = phq_base.zip(phq_latest).filter(|(b, l)| l.0 > b.0);

    let diary: Vec<_> = journal.bladder.iter().filter(|d| range.contains(d.date)).collect();
    let diary_baseline = charts::day_voids_baseline(journal);

    KeyFigures {
        sessions: sessions.len(),
        routes,
        total_mg,
        mean_mg: if sessions.is_empty() { 0.0 } else { total_mg / sessions.len() as f64 },
        mean_mg_per_kg: (!per_kg.is_empty()).then(|| per_kg.iter().sum::<f64>() / per_kg.len() as f64),
        total_bioavailable_mg: (!bioavailable.is_empty()).then(|| bioavailable.iter().sum()),
        max_daily_mg: totals.values().copied().fold(0.0, f64::max),
        days_above_limit: totals.values().filter(|mg| **mg > DAILY_DOSE_ABOVE_MG).count(),
        phq9_baseline: phq_base.map(|(at, t)| score(t, at, &phq9_bands())),
        phq9_latest: phq_latest.map(|(at, t)| score(t, at, &phq9_bands())),
        phq9_response: later.map(|(b, l)| is_response(b.1, l.1)),
        phq9_remission: later.map(|(_, l)| l.1 < PHQ9_REMISSION_BELOW),
        gad7_baseline: baseline(journal, &gad, range.to()).map(|(at, t)| score(t, at, &gad7_bands())),
        gad7_latest: latest(&gad, range.to()).map(|(at, t)| score(t, at, &gad7_bands())),
        bladder_days: diary.len(),
        bladder_warning_days: diary.iter().filter(|d| !charts::warning_signs(d, diary_baseline).is_empty()).count(),
        bladder_blood_days: diary.iter().filter(|d| d.visible_blood).count(),
        alerts_raised: alerts.map(<[_]>::len),
        alerts_acknowledged: alerts.map(|a| a.iter().filter(|a| a.acknowledged.is_some()).count()),
    }
}
