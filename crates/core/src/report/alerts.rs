//! The alerts a period raised, read from the rules engine, for the report.

use std::collections::BTreeMap;

use chrono::{FixedOffset, NaiveDate, NaiveTime, TimeZone};

use super::{AlertAcknowledgement, AlertSummary};
use crate::charts::{self, DateRange};
use crate::model::Journal;
use crate::rules::{self, Alert, Rule, Thresholds};
use crate::time::Timestamp;

impl From<&Alert> for AlertSummary {
    fn from(alert: &Alert) -> Self {
        Self {
            rule: alert.rule.id().to_owned(),
            severity: alert.severity.as_str().to_owned(),
            title: alert.title.clone(),
            message: alert.message.clone(),
            first_seen: alert.first_seen,
            acknowledged: alert.acknowledged.as_ref().map(|ack| AlertAcknowledgement {
                at: ack.at,
                // A note reaches the report only when the user shared it.
                note: if ack.share_note { ack.note.clone() } else { String::new() },
            }),
        }
    }
}

/// Every alert occurrence first seen within `range`, oldest first, each
/// with the latest acknowledgement made by the end of the range.
///
/// The rules engine answers "what holds at T"; an occurrence first holds at
/// the time of the newest record defining it, and its windows count whole
/// local days, so evaluating at the end of each day that holds such a record
/// (a session, a questionnaire, a diary day with a warning sign) finds every
/// occurrence. A day's end is taken in the offset of a record of that day,
/// or in `offset` (the user's) for a diary day alone.
///
/// `driving.wait` is left out: it follows every session and is a reminder
/// to the user, not something the clinician needs listed. A milestone
/// (`mood.response`, `mood.remission`) is listed once, when first reached in
/// the period: every later PHQ-9 that still qualifies is a new occurrence to
/// the rules engine, but the same news to the clinician.
pub fn alert_history(
    journal: &Journal,
    range: DateRange,
    offset: FixedOffset,
    thresholds: &Thresholds,
) -> Vec<AlertSummary> {
    let mut days: BTreeMap<NaiveDate, FixedOffset> = BTreeMap::new();
    let mut timed = |at: Timestamp| {
        if range.contains(at.local_day()) {
            days.insert(at.local_day(), at.offset());
        }
    };
    journal.sessions.iter().for_each(|s| timed(s.started_at));
    journal.phq9.iter().for_each(|q| timed(q.at));
    journal.gad7.iter().for_each(|q| timed(q.at));
    let baseline = charts::day_voids_baseline(journal);
    for day in journal.bladder.iter().filter(|d| range.contains(d.date)) {
        if !charts::warning_signs(day, baseline).is_empty() {
            days.entry(day.date).or_insert(offset);
        }
    }

    let mut seen: BTreeMap<String, Alert> = BTreeMap::new();
    for (day, offset) in days {
        let end = day.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN));
        let Some(as_of) = offset.from_local_datetime(&end).single().map(Timestamp::from_datetime) else {
            continue;
        };
        for alert in rules::evaluate(journal, as_of, thresholds) {
            if alert.rule != Rule::DrivingWait && range.contains(alert.first_seen.local_day()) {
                seen.entry(alert.id.clone()).or_insert(alert);
            }
        }
    }

    let mut alerts: Vec<Alert> = seen.into_values().collect();
    for alert in &mut alerts {
        alert.acknowledged = journal
            .acknowledgements
            .iter()
            .filter(|ack| ack.alert_id == alert.id && ack.at.local_day() <= range.to())
            .max_by_key(|ack| ack.at)
            .map(rules::Acknowledged::from);
    }
    alerts.sort_by(|a, b| a.first_seen.cmp(&b.first_seen).then(a.severity.cmp(&b.severity)).then(a.id.cmp(&b.id)));
    let mut milestones = Vec::new();
    alerts.retain(|alert| match alert.rule {
        Rule::MoodResponse | Rule::MoodRemission if milestones.contains(&alert.rule) => false,
        Rule::MoodResponse | Rule::MoodRemission => {
            milestones.push(alert.rule);
            true
        }
        _ => true,
    });
    alerts.iter().map(AlertSummary::from).collect()
}
