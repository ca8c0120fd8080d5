//! The warning-rules engine (RULES.md explains every rule).
//!
//! [`evaluate`] reads a journal as of a moment T and returns the alerts that
//! hold then. It is a pure function: no clock, no I/O, the same answer for
//! the same journal, moment and thresholds.
//!
//! ```
//! use ketalog_core::rules::{evaluate, Severity, Thresholds};
//! use ketalog_core::{Journal, Timestamp};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let journal: Journal = serde_json::from_str(r#"{ "phq9": [
//!     { "id": "00000000-0000-4000-8000-000000000001", "at": "2026-03-10T21:00:00-05:00",
//!       "items": [1, 1, 1, 0, 0, 0, 0, 0, 1] } ] }"#)?;
//! let as_of = Timestamp::parse("2026-03-11T08:00:00-05:00")?;
//! let alerts = evaluate(&journal, as_of, &Thresholds::default());
//! assert_eq!(alerts[0].rule.id(), "mood.self_harm");
//! assert_eq!(alerts[0].severity, Severity::Crisis);
//! assert!(alerts[0].action.contains("988"));
//! # Ok(())
//! # }
//! ```
//!
//! # Time
//! - Records after T (by instant; for a bladder diary entry, a date after
//!   T's local day) are ignored, as are acknowledgements made after T.
//! - Every window is counted in local calendar days, each record on its own
//!   recorded offset ([`Timestamp::local_day`]) and T on T's offset: "within
//!   N days of T" means the record's local day is one of the N days ending
//!   with T's local day, T's day included. With N = 14 and T on 15 March, 2
//!   to 15 March are in, 1 March is out. A timed record whose local day is
//!   later than T's (possible only when its offset is ahead of T's) counts
//!   as T's day.
//! - Only `driving.wait` counts hours: a session started less than 24 h
//!   before the instant T.
//!
//! # Alert ids
//! An alert's id is the rule id, a colon, and the ids of the records that
//! define this occurrence, joined by `+`
//! (`bladder.blood:6f1c…`, `mood.worsening:<previous>+<latest>`):
//! - for a rule about one questionnaire, that questionnaire;
//! - for a comparison, the records compared;
//! - for a pattern over a window (blood, warning days, high readings, a run
//!   of high-dose days, listed co-medications), the newest record in the
//!   pattern.
//!
//! So an acknowledgement stays with its occurrence while older records leave
//! the window, and a newer record in the pattern (blood logged again, a
//! further high reading, a new questionnaire) is a new occurrence with a new
//! id, shown unacknowledged. An alert's `first_seen` is the time of the
//! newest of those defining records (a diary day's time is the start of that
//! day in T's offset), which is when the occurrence first held.

mod bladder;
mod co_medication;
mod mood;
mod sessions;
pub mod thresholds;
mod wording;

use std::fmt;

use chrono::{NaiveDate, NaiveTime, TimeZone};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::model::Journal;
use crate::time::Timestamp;
pub use bladder::{WarningSign, day_voids_baseline, warning_signs};
pub use thresholds::Thresholds;

/// The line every alert view and the PDF carry.
pub const DISCLAIMER: &str = "Ketalog does not replace clinical advice: it shows what you logged. \
     If you are worried about your health, contact your clinician; in an emergency, call your local emergency number.";

/// How soon the user should act.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Safety first, now: the crisis line is shown.
    Crisis,
    /// Contact the clinician today.
    Urgent,
    /// Bring it up with the clinician soon.
    Advise,
    /// For information: reminders and milestones.
    Info,
}

impl Severity {
    /// The serialised name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Crisis => "crisis",
            Self::Urgent => "urgent",
            Self::Advise => "advise",
            Self::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The rules, in the order alerts of the same severity are listed.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Rule {
    /// PHQ-9 item 9 above 0 within 14 days.
    #[serde(rename = "mood.self_harm")]
    MoodSelfHarm,
    /// PHQ-9 total ≥ 20 within 14 days.
    #[serde(rename = "mood.severe")]
    MoodSevere,
    /// Visible blood in a diary day within 14 days.
    #[serde(rename = "bladder.blood")]
    BladderBlood,
    /// Very high blood pressure after a dose, or a steep rise.
    #[serde(rename = "bp.post_dose_high")]
    BpPostDoseHigh,
    /// Psychotic symptoms in a session within 14 days.
    #[serde(rename = "session.psychotic")]
    SessionPsychotic,
    /// The latest PHQ-9 is 5 or more points above the one before.
    #[serde(rename = "mood.worsening")]
    MoodWorsening,
    /// GAD-7 total ≥ 15 within 14 days.
    #[serde(rename = "anxiety.severe")]
    AnxietySevere,
    /// Bladder warning signs on 3 or more of the last 7 days.
    #[serde(rename = "bladder.persistent")]
    BladderPersistent,
    /// More than 200 mg a day on 3 or more consecutive days.
    #[serde(rename = "dose.high_daily")]
    DoseHighDaily,
    /// High blood pressure before a dose within 14 days.
    #[serde(rename = "bp.pre_dose_high")]
    BpPreDoseHigh,
    /// A session within 14 days lists a co-medication the guides single out.
    #[serde(rename = "session.co_medication")]
    SessionCoMedication,
    /// Six sessions and the PHQ-9 less than 25 % below baseline.
    #[serde(rename = "response.not_yet")]
    ResponseNotYet,
    /// Milestone: the PHQ-9 is at least 50 % below baseline.
    #[serde(rename = "mood.response")]
    MoodResponse,
    /// Milestone: the PHQ-9 is below 5.
    #[serde(rename = "mood.remission")]
    MoodRemission,
    /// A session started less than 24 hours ago.
    #[serde(rename = "driving.wait")]
    DrivingWait,
}

impl Rule {
    /// Every rule.
    pub const ALL: [Self; 15] = [
        Self::MoodSelfHarm,
        Self::MoodSevere,
        Self::BladderBlood,
        Self::BpPostDoseHigh,
        Self::SessionPsychotic,
        Self::MoodWorsening,
        Self::AnxietySevere,
        Self::BladderPersistent,
        Self::DoseHighDaily,
        Self::BpPreDoseHigh,
        Self::SessionCoMedication,
        Self::ResponseNotYet,
        Self::MoodResponse,
        Self::MoodRemission,
        Self::DrivingWait,
    ];

    /// The stable id (`mood.self_harm`).
    pub fn id(self) -> &'static str {
        match self {
            Self::MoodSelfHarm => "mood.self_harm",
            Self::MoodSevere => "mood.severe",
            Self::MoodWorsening => "mood.worsening",
            Self::AnxietySevere => "anxiety.severe",
            Self::BladderBlood => "bladder.blood",
            Self::BladderPersistent => "bladder.persistent",
            Self::DoseHighDaily => "dose.high_daily",
            Self::BpPreDoseHigh => "bp.pre_dose_high",
            Self::BpPostDoseHigh => "bp.post_dose_high",
            Self::SessionPsychotic => "session.psychotic",
            Self::SessionCoMedication => "session.co_medication",
            Self::ResponseNotYet => "response.not_yet",
            Self::MoodResponse => "mood.response",
            Self::MoodRemission => "mood.remission",
            Self::DrivingWait => "driving.wait",
        }
    }

    /// How soon to act.
    pub fn severity(self) -> Severity {
        match self {
            Self::MoodSelfHarm => Severity::Crisis,
            Self::MoodSevere | Self::BladderBlood | Self::BpPostDoseHigh | Self::SessionPsychotic => Severity::Urgent,
            Self::MoodWorsening
            | Self::AnxietySevere
            | Self::BladderPersistent
            | Self::DoseHighDaily
            | Self::BpPreDoseHigh
            | Self::SessionCoMedication => Severity::Advise,
            Self::ResponseNotYet | Self::MoodResponse | Self::MoodRemission | Self::DrivingWait => Severity::Info,
        }
    }

    /// A short heading.
    pub fn title(self) -> &'static str {
        match self {
            Self::MoodSelfHarm => "Thoughts of death or self-harm",
            Self::MoodSevere => "PHQ-9 in the severe range",
            Self::MoodWorsening => "PHQ-9 went up",
            Self::AnxietySevere => "GAD-7 in the severe range",
            Self::BladderBlood => "Blood in your urine",
            Self::BladderPersistent => "Bladder symptoms on several days",
            Self::DoseHighDaily => "High daily ketamine amounts",
            Self::BpPreDoseHigh => "High blood pressure before a dose",
            Self::BpPostDoseHigh => "High blood pressure after a dose",
            Self::SessionPsychotic => "Psychotic symptoms during a session",
            Self::SessionCoMedication => "A medicine to discuss with your prescriber",
            Self::ResponseNotYet => "Little change in the PHQ-9 so far",
            Self::MoodResponse => "PHQ-9 halved since you started",
            Self::MoodRemission => "PHQ-9 below 5",
            Self::DrivingWait => "No driving until tomorrow",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// That the user has seen an alert, and what they did.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acknowledged {
    /// When they acknowledged it.
    pub at: Timestamp,
    /// Their note ("called the clinic, appointment Friday").
    pub note: String,
    /// Whether the note may appear in the clinician's PDF.
    pub share_note: bool,
}

impl From<&crate::model::Acknowledgement> for Acknowledged {
    fn from(ack: &crate::model::Acknowledgement) -> Self {
        Self { at: ack.at, note: ack.note.clone(), share_note: ack.share_note }
    }
}

/// One alert: what was logged, why it matters, what to do.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alert {
    /// Stable id of this occurrence (see the module documentation);
    /// acknowledgements refer to it.
    pub id: String,
    /// Which rule raised it.
    pub rule: Rule,
    /// How soon to act.
    pub severity: Severity,
    /// A short heading.
    pub title: String,
    /// The logged data that raised it, with dates and values, and why
    /// clinicians want to know. Never a diagnosis.
    pub message: String,
    /// What to do, with the clinician's contact when known and, for a
    /// crisis, the crisis line and emergency number.
    pub action: String,
    /// The ids of the records it rests on.
    pub evidence: Vec<Uuid>,
    /// When this occurrence first held.
    pub first_seen: Timestamp,
    /// The user's acknowledgement, if they made one at or before T.
    pub acknowledged: Option<Acknowledged>,
}

/// What one rule found, before it is dressed as an [`Alert`].
struct Finding {
    rule: Rule,
    /// The records that define this occurrence (they make the id).
    key: Vec<Uuid>,
    /// Every record the alert rests on (key records included).
    evidence: Vec<Uuid>,
    first_seen: Timestamp,
    message: String,
    action: String,
}

/// The journal as the rules see it at T.
struct Scope<'a> {
    journal: &'a Journal,
    as_of: Timestamp,
    today: NaiveDate,
    thresholds: &'a Thresholds,
}

impl Scope<'_> {
    /// Local days from `day` to T's local day (0 for T's day).
    fn age_days(&self, day: NaiveDate) -> i64 {
        (self.today - day).num_days()
    }

    /// Whether a calendar day is one of the `n` local days ending with T's day.
    fn day_within(&self, day: NaiveDate, n: u32) -> bool {
        let age = self.age_days(day);
        age >= 0 && age < i64::from(n)
    }

    /// Whether a timed record is at or before T and its local day is one of
    /// the `n` local days ending with T's day (a later local day, from an
    /// offset ahead of T's, counts as T's day).
    fn moment_within(&self, at: Timestamp, n: u32) -> bool {
        at <= self.as_of && self.age_days(at.local_day()) < i64::from(n)
    }

    /// The year dates are written without.
    fn year(&self) -> i32 {
        chrono::Datelike::year(&self.today)
    }

    /// The start of a diary day, in T's offset: a diary day's "time".
    fn day_start(&self, day: NaiveDate) -> Timestamp {
        let local = self.as_of.offset().from_local_datetime(&day.and_time(NaiveTime::MIN)).single();
        local.map_or(self.as_of, Timestamp::from_datetime)
    }
}

/// The alerts that hold for `journal` as of `as_of`, most severe first.
///
/// Pure and deterministic: nothing after `as_of` is read, and the same
/// inputs give the same alerts, ids and texts. Acknowledged alerts stay in
/// the list, with [`Alert::acknowledged`] set.
pub fn evaluate(journal: &Journal, as_of: Timestamp, thresholds: &Thresholds) -> Vec<Alert> {
    let scope = Scope { journal, as_of, today: as_of.local_day(), thresholds };
    let findings = [
        mood::self_harm(&scope),
        mood::severe(&scope),
        mood::worsening(&scope),
        mood::anxiety_severe(&scope),
        bladder::blood(&scope),
        bladder::persistent(&scope),
        sessions::high_daily_dose(&scope),
        sessions::pre_dose_bp(&scope),
        sessions::post_dose_bp(&scope),
        sessions::psychotic(&scope),
        co_medication::co_medication(&scope),
        mood::response_not_yet(&scope),
        mood::response(&scope),
        mood::remission(&scope),
        sessions::driving(&scope),
    ];
    let mut alerts: Vec<Alert> = findings.into_iter().flatten().map(|f| dress(f, &scope)).collect();
    alerts.sort_by_key(|a| (a.severity, a.rule));
    alerts
}

/// The prompts to show at once after saving the record `saved` (RULES.md,
/// "Severities"): the unacknowledged `crisis` and `urgent` alerts, as of `now`, that
/// rest on that record.
pub fn prompts_after_saving(journal: &Journal, saved: Uuid, now: Timestamp, thresholds: &Thresholds) -> Vec<Alert> {
    prompts_in(&evaluate(journal, now, thresholds), saved)
}

/// The prompts to show at once after saving the record `saved`, from the
/// alerts already evaluated as of the save: the unacknowledged `crisis`
/// and `urgent` ones that rest on that record.
pub fn prompts_in(alerts: &[Alert], saved: Uuid) -> Vec<Alert> {
    alerts
        .iter()
        .filter(|a| a.severity <= Severity::Urgent && a.acknowledged.is_none() && a.evidence.contains(&saved))
        .cloned()
        .collect()
}

/// The id of an occurrence: `rule:key1+key2…`.
pub(crate) fn alert_id(rule: Rule, key: &[Uuid]) -> String {
    let keys: Vec<String> = key.iter().map(Uuid::to_string).collect();
    format!("{}:{}", rule.id(), keys.join("+"))
}

fn dress(finding: Finding, scope: &Scope<'_>) -> Alert {
    let id = alert_id(finding.rule, &finding.key);
    let acknowledged = scope
        .journal
        .acknowledgements
        .iter()
        .filter(|ack| ack.alert_id == id && ack.at <= scope.as_of)
        .max_by_key(|ack| ack.at)
        .map(Acknowledged::from);
    Alert {
        id,
        rule: finding.rule,
        severity: finding.rule.severity(),
        title: finding.rule.title().to_owned(),
        message: finding.message,
        action: finding.action,
        evidence: finding.evidence,
        first_seen: finding.first_seen,
        acknowledged,
    }
}

#[cfg(test)]
mod tests;
