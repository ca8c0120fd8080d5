//! Every number the rules compare against, named, with its source.
//!
//! RULES.md at the repository root explains each rule with these values;
//! keep the two in step.

/// Days a questionnaire stays current for the crisis, severe and anxiety
/// rules. The PHQ-9 and GAD-7 ask about "the last 2 weeks", and Ketalog
/// reminds the user to answer every 14 days.
pub const QUESTIONNAIRE_WINDOW_DAYS: u32 = 14;
/// Days a session stays current for the blood-pressure and psychotic-symptom
/// rules: the usual gap between sessions in a loading series and the first
/// boosters, so a reading is still shown at the next visit.
pub const SESSION_WINDOW_DAYS: u32 = 14;
/// Days a diary entry of visible blood stays current.
pub const BLADDER_BLOOD_WINDOW_DAYS: u32 = 14;
/// Length of the window in which bladder warning days are counted.
pub const BLADDER_PERSISTENT_WINDOW_DAYS: u32 = 7;
/// Warning days within that window that raise `bladder.persistent`.
pub const BLADDER_PERSISTENT_MIN_DAYS: u32 = 3;
/// Bladder pain, 0–10, from which a day counts as a warning day.
pub const BLADDER_PAIN_AT_LEAST: u8 = 4;
/// Urgency, 0–4, from which a day counts as a warning day.
pub const BLADDER_URGENCY_AT_LEAST: u8 = 3;
/// Daytime voids from which a day counts as a warning day; more than about
/// eight a day is the usual definition of increased frequency, so ten is a
/// clear excess.
pub const BLADDER_DAY_VOIDS_AT_LEAST: u16 = 10;
/// Daytime voids this many above the personal baseline make a warning day.
pub const BLADDER_DAY_VOIDS_ABOVE_BASELINE: u16 = 3;
/// Diary days (with a daytime count) whose median is the personal baseline.
pub const BLADDER_BASELINE_DAYS: usize = 7;
/// Night-time voids from which a day counts as a warning day (waking twice
/// or more to urinate).
pub const BLADDER_NIGHT_VOIDS_AT_LEAST: u16 = 2;
/// PHQ-9 item 9 answer from which the crisis prompt appears: any answer
/// above "Not at all".
pub const PHQ9_ITEM9_AT_LEAST: u8 = 1;
/// PHQ-9 total from which `mood.severe` fires: the "severe" band (20–27).
pub const PHQ9_SEVERE_AT_LEAST: u8 = 20;
/// PHQ-9 rise that `mood.worsening` reports: the clinically meaningful change.
pub const PHQ9_WORSENING_POINTS: u8 = crate::instruments::PHQ9_MEANINGFUL_CHANGE;
/// GAD-7 total from which `anxiety.severe` fires: the "severe" band (15–21).
pub const GAD7_SEVERE_AT_LEAST: u8 = 15;
/// Ketamine per local day above which a day counts toward `dose.high_daily`
/// (patient guides suggest a break above about 200 mg a day).
pub const DAILY_DOSE_ABOVE_MG: f64 = 200.0;
/// Consecutive days above that amount that raise `dose.high_daily`.
pub const DAILY_DOSE_CONSECUTIVE_DAYS: u32 = 3;
/// The run of high days must end within this many days of T.
pub const DAILY_DOSE_WINDOW_DAYS: u32 = 7;
/// Pre-dose systolic above which `bp.pre_dose_high` fires (Spravato label:
/// assess before dosing when above 140/90).
pub const BP_PRE_SYSTOLIC_ABOVE: u16 = 140;
/// Pre-dose diastolic above which `bp.pre_dose_high` fires.
pub const BP_PRE_DIASTOLIC_ABOVE: u16 = 90;
/// Post-dose systolic from which `bp.post_dose_high` fires: 180/110 is
/// severe hypertension, the level long called "hypertensive urgency"
/// (JNC 7; ACC/AHA 2017 guideline), which needs a clinician's attention the
/// same day.
pub const BP_POST_SYSTOLIC_AT_LEAST: u16 = 180;
/// Post-dose diastolic from which `bp.post_dose_high` fires.
pub const BP_POST_DIASTOLIC_AT_LEAST: u16 = 110;
/// Systolic rise over the pre-dose reading from which `bp.post_dose_high` fires.
pub const BP_RISE_SYSTOLIC_AT_LEAST: u16 = 40;
/// Diastolic rise over the pre-dose reading from which `bp.post_dose_high` fires.
pub const BP_RISE_DIASTOLIC_AT_LEAST: u16 = 25;
/// Sessions after the baseline PHQ-9 after which `response.not_yet` may
/// fire: a full loading series.
pub const RESPONSE_CHECK_AFTER_SESSIONS: u32 = 6;
/// `response.not_yet` fires while the PHQ-9 is less than this percentage
/// below baseline (a partial response starts at 25 %).
pub const RESPONSE_PARTIAL_PERCENT: u8 = 25;
/// Hours after a session's start during which `driving.wait` shows (the
/// usual advice is no driving until the next day; the half-life is ~2.5 h).
pub const DRIVING_WAIT_HOURS: u32 = 24;

/// The thresholds one evaluation uses. [`Thresholds::default`] is the
/// documented set above; tests and future settings may vary them.
#[derive(Debug, Clone, PartialEq)]
pub struct Thresholds {
    /// See [`QUESTIONNAIRE_WINDOW_DAYS`].
    pub questionnaire_window_days: u32,
    /// See [`SESSION_WINDOW_DAYS`].
    pub session_window_days: u32,
    /// See [`BLADDER_BLOOD_WINDOW_DAYS`].
    pub bladder_blood_window_days: u32,
    /// See [`BLADDER_PERSISTENT_WINDOW_DAYS`].
    pub bladder_persistent_window_days: u32,
    /// See [`BLADDER_PERSISTENT_MIN_DAYS`].
    pub bladder_persistent_min_days: u32,
    /// See [`BLADDER_PAIN_AT_LEAST`].
    pub bladder_pain_at_least: u8,
    /// See [`BLADDER_URGENCY_AT_LEAST`].
    pub bladder_urgency_at_least: u8,
    /// See [`BLADDER_DAY_VOIDS_AT_LEAST`].
    pub bladder_day_voids_at_least: u16,
    /// See [`BLADDER_DAY_VOIDS_ABOVE_BASELINE`].
    pub bladder_day_voids_above_baseline: u16,
    /// See [`BLADDER_BASELINE_DAYS`].
    pub bladder_baseline_days: usize,
    /// See [`BLADDER_NIGHT_VOIDS_AT_LEAST`].
    pub bladder_night_voids_at_least: u16,
    /// See [`PHQ9_ITEM9_AT_LEAST`].
    pub phq9_item9_at_least: u8,
    /// See [`PHQ9_SEVERE_AT_LEAST`].
    pub phq9_severe_at_least: u8,
    /// See [`PHQ9_WORSENING_POINTS`].
    pub phq9_worsening_points: u8,
    /// See [`GAD7_SEVERE_AT_LEAST`].
    pub gad7_severe_at_least: u8,
    /// See [`DAILY_DOSE_ABOVE_MG`].
    pub daily_dose_above_mg: f64,
    /// See [`DAILY_DOSE_CONSECUTIVE_DAYS`].
    pub daily_dose_consecutive_days: u32,
    /// See [`DAILY_DOSE_WINDOW_DAYS`].
    pub daily_dose_window_days: u32,
    /// See [`BP_PRE_SYSTOLIC_ABOVE`].
    pub bp_pre_systolic_above: u16,
    /// See [`BP_PRE_DIASTOLIC_ABOVE`].
    pub bp_pre_diastolic_above: u16,
    /// See [`BP_POST_SYSTOLIC_AT_LEAST`].
    pub bp_post_systolic_at_least: u16,
    /// See [`BP_POST_DIASTOLIC_AT_LEAST`].
    pub bp_post_diastolic_at_least: u16,
    /// See [`BP_RISE_SYSTOLIC_AT_LEAST`].
    pub bp_rise_systolic_at_least: u16,
    /// See [`BP_RISE_DIASTOLIC_AT_LEAST`].
    pub bp_rise_diastolic_at_least: u16,
    /// See [`RESPONSE_CHECK_AFTER_SESSIONS`].
    pub response_check_after_sessions: u32,
    /// See [`RESPONSE_PARTIAL_PERCENT`].
    pub response_partial_percent: u8,
    /// See [`crate::instruments::PHQ9_RESPONSE_PERCENT`].
    pub response_percent: u8,
    /// See [`crate::instruments::PHQ9_REMISSION_BELOW`].
    pub remission_below: u8,
    /// See [`DRIVING_WAIT_HOURS`].
    pub driving_wait_hours: u32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            questionnaire_window_days: QUESTIONNAIRE_WINDOW_DAYS,
            session_window_days: SESSION_WINDOW_DAYS,
            bladder_blood_window_days: BLADDER_BLOOD_WINDOW_DAYS,
            bladder_persistent_window_days: BLADDER_PERSISTENT_WINDOW_DAYS,
            bladder_persistent_min_days: BLADDER_PERSISTENT_MIN_DAYS,
            bladder_pain_at_least: BLADDER_PAIN_AT_LEAST,
            bladder_urgency_at_least: BLADDER_URGENCY_AT_LEAST,
            bladder_day_voids_at_least: BLADDER_DAY_VOIDS_AT_LEAST,
            bladder_day_voids_above_baseline: BLADDER_DAY_VOIDS_ABOVE_BASELINE,
            bladder_baseline_days: BLADDER_BASELINE_DAYS,
            bladder_night_voids_at_least: BLADDER_NIGHT_VOIDS_AT_LEAST,
            phq9_item9_at_least: PHQ9_ITEM9_AT_LEAST,
            phq9_severe_at_least: PHQ9_SEVERE_AT_LEAST,
            phq9_worsening_points: PHQ9_WORSENING_POINTS,
            gad7_severe_at_least: GAD7_SEVERE_AT_LEAST,
            daily_dose_above_mg: DAILY_DOSE_ABOVE_MG,
            daily_dose_consecutive_days: DAILY_DOSE_CONSECUTIVE_DAYS,
            daily_dose_window_days: DAILY_DOSE_WINDOW_DAYS,
            bp_pre_systolic_above: BP_PRE_SYSTOLIC_ABOVE,
            bp_pre_diastolic_above: BP_PRE_DIASTOLIC_ABOVE,
            bp_post_systolic_at_least: BP_POST_SYSTOLIC_AT_LEAST,
            bp_post_diastolic_at_least: BP_POST_DIASTOLIC_AT_LEAST,
            bp_rise_systolic_at_least: BP_RISE_SYSTOLIC_AT_LEAST,
            bp_rise_diastolic_at_least: BP_RISE_DIASTOLIC_AT_LEAST,
            response_check_after_sessions: RESPONSE_CHECK_AFTER_SESSIONS,
            response_partial_percent: RESPONSE_PARTIAL_PERCENT,
            response_percent: crate::instruments::PHQ9_RESPONSE_PERCENT,
            remission_below: crate::instruments::PHQ9_REMISSION_BELOW,
            driving_wait_hours: DRIVING_WAIT_HOURS,
        }
    }
}
