//! Table-driven tests of every rule, at and around each threshold and
//! window edge, with local days that differ from UTC days.

use chrono::{Days, NaiveDate};
use rstest::rstest;
use uuid::Uuid;

use super::*;
use crate::model::{
    Acknowledgement, BladderDay, BloodPressure, Clinician, GadSeven, Medication, PhqNine, Profile, Route, Session,
};

/// T for most cases: noon on 15 March 2026 in New York (winter offset).
const T: &str = "2026-03-15T12:00:00-05:00";

fn ts(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 15).unwrap()
}

fn day(days_ago: u64) -> NaiveDate {
    today().checked_sub_days(Days::new(days_ago)).unwrap()
}

/// `hh:mm` local time `days_ago` days before T's day, at -05:00.
fn at(days_ago: u64, hh_mm: &str) -> Timestamp {
    ts(&format!("{}T{hh_mm}:00-05:00", day(days_ago)))
}

fn phq(at: Timestamp, total: u8, item9: u8) -> PhqNine {
    let mut items = [0u8; 9];
    items[8] = item9;
    let mut left = total - item9;
    for item in &mut items[..8] {
        let take = left.min(3);
        *item = take;
        left -= take;
    }
    assert_eq!(left, 0, "total {total} does not fit");
    PhqNine { id: Uuid::new_v4(), at, items, difficulty: None }
}

fn gad(at: Timestamp, total: u8) -> GadSeven {
    let mut items = [0u8; 7];
    let mut left = total;
    for item in &mut items {
        let take = left.min(3);
        *item = take;
        left -= take;
    }
    GadSeven { id: Uuid::new_v4(), at, items }
}

fn session(at: Timestamp, dose_mg: f64) -> Session {
    Session {
        duration_min: Some(40),
        ..Session::new(Uuid::new_v4(), at, Medication::RacemicKetamine, Route::Iv, dose_mg)
    }
}

fn with_bp(mut s: Session, pre: Option<(u16, u16)>, post: Option<(u16, u16)>) -> Session {
    s.bp_pre = pre.map(|(systolic, diastolic)| BloodPressure { systolic, diastolic });
    s.bp_post = post.map(|(systolic, diastolic)| BloodPressure { systolic, diastolic });
    s
}

fn diary(date: NaiveDate) -> BladderDay {
    BladderDay {
        day_voids: Some(6),
        night_voids: Some(0),
        urgency: Some(0),
        pain: Some(0),
        ..BladderDay::new(Uuid::new_v4(), date)
    }
}

fn profile() -> Profile {
    Profile {
        clinician: Some(Clinician { name: "Dr. Rivera".into(), phone: "+1 555 0134".into(), email: String::new() }),
        ..Profile::default()
    }
}

fn journal() -> Journal {
    Journal { profile: profile(), ..Journal::default() }
}

fn alerts_at(journal: &Journal, as_of: &str) -> Vec<Alert> {
    evaluate(journal, ts(as_of), &Thresholds::default())
}

fn rules_at(journal: &Journal, as_of: &str) -> Vec<Rule> {
    alerts_at(journal, as_of).into_iter().map(|a| a.rule).collect()
}

fn fires(journal: &Journal, rule: Rule) -> bool {
    rules_at(journal, T).contains(&rule)
}

fn alert(journal: &Journal, rule: Rule) -> Alert {
    alerts_at(journal, T).into_iter().find(|a| a.rule == rule).unwrap_or_else(|| panic!("{rule} did not fire"))
}

// ---- mood.self_harm ----------------------------------------------------

#[rstest]
#[case::item9_zero(0, false)]
#[case::item9_one(1, true)]
#[case::item9_two(2, true)]
#[case::item9_three(3, true)]
fn self_harm_on_any_item9_answer_whatever_the_total(#[case] item9: u8, #[case] expected: bool) {
    let mut j = journal();
    // The total is as low as item 9 allows: minimal band.
    j.phq9.push(phq(at(1, "09:00"), item9, item9));
    assert_eq!(fires(&j, Rule::MoodSelfHarm), expected);
}

#[rstest]
#[case::earlier_today(0, true)]
#[case::thirteen_days(13, true)]
#[case::fourteen_days(14, false)]
#[case::fifteen_days(15, false)]
fn self_harm_window(#[case] days_ago: u64, #[case] expected: bool) {
    let mut j = journal();
    j.phq9.push(phq(at(days_ago, "09:00"), 12, 1));
    assert_eq!(fires(&j, Rule::MoodSelfHarm), expected);
}

#[test]
fn self_harm_prompt_names_the_crisis_line_and_the_clinician() {
    let mut j = journal();
    let q = phq(at(2, "09:00"), 3, 1);
    j.phq9.push(q.clone());
    let a = alert(&j, Rule::MoodSelfHarm);
    assert_eq!(a.severity, Severity::Crisis);
    assert!(a.action.contains("call or text 988"), "{}", a.action);
    assert!(a.action.contains("call 911"), "{}", a.action);
    assert!(a.action.contains("Dr. Rivera at +1 555 0134"), "{}", a.action);
    assert!(a.message.contains("13 March"), "{}", a.message);
    assert!(a.message.contains("\"Several days\""), "{}", a.message);
    assert_eq!(a.evidence, vec![q.id]);
    assert_eq!(a.id, format!("mood.self_harm:{}", q.id));
    assert_eq!(a.first_seen, q.at);
}

#[test]
fn self_harm_follows_the_latest_phq9_only() {
    let mut j = journal();
    j.phq9.push(phq(at(5, "09:00"), 14, 2));
    j.phq9.push(phq(at(1, "09:00"), 8, 0));
    assert!(!fires(&j, Rule::MoodSelfHarm));
    // As of a moment before the newer one, the older one is the latest.
    assert!(rules_at(&j, &format!("{}T08:00:00-05:00", day(1))).contains(&Rule::MoodSelfHarm));
}

#[test]
fn self_harm_ignores_a_questionnaire_after_t() {
    let mut j = journal();
    j.phq9.push(phq(at(0, "18:00"), 10, 1)); // later on T's day
    assert!(!fires(&j, Rule::MoodSelfHarm));
}

/// Windows follow the record's local day, not its UTC day, nor T's UTC day.
#[rstest]
// 23:30 at -05:00 on 1 March is 2 March in UTC: by local day it is 14 days
// before 15 March (out); by UTC day it would be 13 (in).
#[case::late_evening_record("2026-03-01T23:30:00-05:00", "2026-03-15T09:00:00-05:00", false)]
// T at 23:30 on 14 March is 15 March in UTC: the record of 1 March is 13
// local days before (in); by UTC day it would be 14 (out).
#[case::late_evening_t("2026-03-01T10:00:00-05:00", "2026-03-14T23:30:00-05:00", true)]
// A record east of UTC: 00:30 on 2 March at +09:00 is 1 March in UTC.
#[case::record_east_of_utc("2026-03-02T00:30:00+09:00", "2026-03-15T12:00:00+09:00", true)]
fn self_harm_window_uses_local_days(#[case] record: &str, #[case] as_of: &str, #[case] expected: bool) {
    let mut j = journal();
    j.phq9.push(phq(ts(record), 9, 1));
    assert_eq!(rules_at(&j, as_of).contains(&Rule::MoodSelfHarm), expected);
}

// ---- mood.severe -------------------------------------------------------

#[rstest]
#[case::below(19, false)]
#[case::at(20, true)]
#[case::above(21, true)]
#[case::well_above(24, true)]
fn severe_from_twenty(#[case] total: u8, #[case] expected: bool) {
    let mut j = journal();
    j.phq9.push(phq(at(3, "09:00"), total, 0));
    assert_eq!(fires(&j, Rule::MoodSevere), expected);
}

#[rstest]
#[case::thirteen_days(13, true)]
#[case::fourteen_days(14, false)]
#[case::fifteen_days(15, false)]
fn severe_window(#[case] days_ago: u64, #[case] expected: bool) {
    let mut j = journal();
    j.phq9.push(phq(at(days_ago, "09:00"), 22, 0));
    assert_eq!(fires(&j, Rule::MoodSevere), expected);
}

#[test]
fn severe_with_item9_raises_both() {
    let mut j = journal();
    j.phq9.push(phq(at(0, "08:00"), 24, 2));
    let rules = rules_at(&j, T);
    assert_eq!(rules[..2], [Rule::MoodSelfHarm, Rule::MoodSevere]);
    assert_eq!(alert(&j, Rule::MoodSevere).severity, Severity::Urgent);
}

// ---- mood.worsening ----------------------------------------------------

#[rstest]
#[case::four_points(10, 14, false)]
#[case::five_points(10, 15, true)]
#[case::six_points(10, 16, true)]
#[case::better(15, 8, false)]
#[case::same(12, 12, false)]
fn worsening_from_five_points(#[case] before: u8, #[case] latest: u8, #[case] expected: bool) {
    let mut j = journal();
    j.phq9.push(phq(at(40, "09:00"), before, 0));
    j.phq9.push(phq(at(20, "09:00"), latest, 0)); // no window: 20 days old still counts
    assert_eq!(fires(&j, Rule::MoodWorsening), expected);
}

#[test]
fn worsening_compares_the_latest_two_as_of_t() {
    let mut j = journal();
    let a = phq(at(30, "09:00"), 6, 0);
    let b = phq(at(16, "09:00"), 12, 0);
    let c = phq(at(0, "20:00"), 12, 0); // after T
    j.phq9.extend([a.clone(), b.clone(), c]);
    let alert = alert(&j, Rule::MoodWorsening);
    assert_eq!(alert.evidence, vec![a.id, b.id]);
    assert!(alert.message.contains("from 6 on 13 February to 12 on 27 February"), "{}", alert.message);
    // A single questionnaire has nothing to compare with.
    let mut single = journal();
    single.phq9.push(phq(at(1, "09:00"), 24, 0));
    assert!(!fires(&single, Rule::MoodWorsening));
}

// ---- anxiety.severe ----------------------------------------------------

#[rstest]
#[case::below(14, 2, false)]
#[case::at(15, 2, true)]
#[case::above(16, 2, true)]
#[case::thirteen_days(18, 13, true)]
#[case::fourteen_days(18, 14, false)]
#[case::fifteen_days(18, 15, false)]
fn anxiety_severe_from_fifteen(#[case] total: u8, #[case] days_ago: u64, #[case] expected: bool) {
    let mut j = journal();
    j.gad7.push(gad(at(days_ago, "09:00"), total));
    assert_eq!(fires(&j, Rule::AnxietySevere), expected);
}

#[test]
fn anxiety_severe_follows_the_latest_gad7() {
    let mut j = journal();
    j.gad7.push(gad(at(6, "09:00"), 19));
    j.gad7.push(gad(at(2, "09:00"), 9));
    assert!(!fires(&j, Rule::AnxietySevere));
}

// ---- bladder.blood -----------------------------------------------------

#[rstest]
#[case::today(0, true)]
#[case::thirteen_days(13, true)]
#[case::fourteen_days(14, false)]
#[case::fifteen_days(15, false)]
fn blood_window(#[case] days_ago: u64, #[case] expected: bool) {
    let mut j = journal();
    let mut d = diary(day(days_ago));
    d.visible_blood = true;
    j.bladder.push(d);
    assert_eq!(fires(&j, Rule::BladderBlood), expected);
}

#[test]
fn blood_message_lists_the_days() {
    let mut j = journal();
    for date in [NaiveDate::from_ymd_opt(2026, 3, 3).unwrap(), NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()] {
        let mut d = diary(date);
        d.visible_blood = true;
        j.bladder.push(d);
    }
    j.bladder.push(diary(day(1)));
    let a = alert(&j, Rule::BladderBlood);
    assert!(a.message.starts_with("You logged visible blood in your urine on 3 and 5 March."), "{}", a.message);
    assert_eq!(a.evidence, vec![j.bladder[0].id, j.bladder[1].id]);
    assert_eq!(a.severity, Severity::Urgent);
    assert!(a.action.contains("Dr. Rivera at +1 555 0134"));
    assert_eq!(a.first_seen, ts("2026-03-05T00:00:00-05:00"));
}

#[test]
fn blood_on_a_diary_day_after_t_is_ignored() {
    let mut j = journal();
    let mut d = diary(today().succ_opt().unwrap());
    d.visible_blood = true;
    j.bladder.push(d);
    assert!(!fires(&j, Rule::BladderBlood));
}

// ---- bladder.persistent ------------------------------------------------

/// Three days inside the window, each changed by `change`.
fn three_days(change: impl Fn(&mut BladderDay)) -> Journal {
    let mut j = journal();
    for days_ago in [0, 2, 4] {
        let mut d = diary(day(days_ago));
        change(&mut d);
        j.bladder.push(d);
    }
    j
}

#[rstest]
#[case::pain_3(|d: &mut BladderDay| d.pain = Some(3), false)]
#[case::pain_4(|d: &mut BladderDay| d.pain = Some(4), true)]
#[case::pain_5(|d: &mut BladderDay| d.pain = Some(5), true)]
#[case::urgency_2(|d: &mut BladderDay| d.urgency = Some(2), false)]
#[case::urgency_3(|d: &mut BladderDay| d.urgency = Some(3), true)]
#[case::urgency_4(|d: &mut BladderDay| d.urgency = Some(4), true)]
#[case::night_1(|d: &mut BladderDay| d.night_voids = Some(1), false)]
#[case::night_2(|d: &mut BladderDay| d.night_voids = Some(2), true)]
#[case::night_3(|d: &mut BladderDay| d.night_voids = Some(3), true)]
#[case::day_voids_9(|d: &mut BladderDay| d.day_voids = Some(9), false)]
#[case::day_voids_10(|d: &mut BladderDay| d.day_voids = Some(10), true)]
#[case::day_voids_11(|d: &mut BladderDay| d.day_voids = Some(11), true)]
#[case::burning(|d: &mut BladderDay| d.burning = true, true)]
#[case::leakage(|d: &mut BladderDay| d.leakage = true, true)]
#[case::cloudy(|d: &mut BladderDay| d.cloudy = true, true)]
#[case::nothing_logged(|d: &mut BladderDay| { d.day_voids = None; d.night_voids = None; d.urgency = None; d.pain = None; }, false)]
#[case::blood_alone_is_its_own_rule(|d: &mut BladderDay| d.visible_blood = true, false)]
fn persistent_warning_signs(#[case] change: fn(&mut BladderDay), #[case] expected: bool) {
    assert_eq!(fires(&three_days(change), Rule::BladderPersistent), expected);
}

#[rstest]
#[case::two_days(&[0, 3], false)]
#[case::three_days(&[0, 3, 5], true)]
#[case::four_days(&[0, 1, 3, 5], true)]
#[case::third_day_six_ago(&[0, 1, 6], true)]
#[case::third_day_seven_ago(&[0, 1, 7], false)]
#[case::third_day_eight_ago(&[0, 1, 8], false)]
fn persistent_counts_days_in_the_last_seven(#[case] warning_days_ago: &[u64], #[case] expected: bool) {
    let mut j = journal();
    for days_ago in 0..12 {
        let mut d = diary(day(days_ago));
        d.burning = warning_days_ago.contains(&days_ago);
        j.bladder.push(d);
    }
    assert_eq!(fires(&j, Rule::BladderPersistent), expected);
}

#[rstest]
#[case::two_above_baseline(8, false)]
#[case::three_above_baseline(9, true)]
#[case::four_above_baseline(10, true)]
fn persistent_daytime_voids_against_the_personal_baseline(#[case] voids: u16, #[case] expected: bool) {
    let mut j = journal();
    // Seven early days with 5, 6, 6, 6, 7, 5, 6 voids: median 6.
    for (i, v) in [5u16, 6, 6, 6, 7, 5, 6].into_iter().enumerate() {
        let mut d = diary(day(40 - i as u64));
        d.day_voids = Some(v);
        j.bladder.push(d);
    }
    for days_ago in [0, 2, 4] {
        let mut d = diary(day(days_ago));
        d.day_voids = Some(voids);
        j.bladder.push(d);
    }
    assert_eq!(fires(&j, Rule::BladderPersistent), expected);
    if expected {
        assert!(
            alert(&j, Rule::BladderPersistent).message.contains(&format!("{voids} daytime voids against your usual 6"))
        );
    }
}

#[test]
fn persistent_needs_seven_diary_days_for_a_baseline() {
    // Only the three days themselves: no baseline, so 9 voids is no sign.
    assert!(!fires(&three_days(|d| d.day_voids = Some(9)), Rule::BladderPersistent));
    // Six low days before them: still no baseline (9 values, but the first
    // seven include the 9s, median 6): 9 = 6 + 3, a sign.
    let mut j = three_days(|d| d.day_voids = Some(9));
    for i in 0..4 {
        let mut d = diary(day(20 + i));
        d.day_voids = Some(6);
        j.bladder.push(d);
    }
    assert!(fires(&j, Rule::BladderPersistent));
}

#[test]
fn persistent_message_names_days_and_signs() {
    let mut j = three_days(|d| d.pain = Some(5));
    j.bladder[1].burning = true;
    let a = alert(&j, Rule::BladderPersistent);
    assert!(a.message.contains("On 3 of the last 7 days"), "{}", a.message);
    assert!(a.message.contains("13 March (pain 5/10 and burning)"), "{}", a.message);
    assert_eq!(a.severity, Severity::Advise);
    assert_eq!(a.id, format!("bladder.persistent:{}", j.bladder[0].id), "keyed on the newest day");
}

// ---- dose.high_daily ---------------------------------------------------

fn dosing(days_ago: &[u64], mg: f64) -> Journal {
    let mut j = journal();
    for d in days_ago {
        j.sessions.push(session(at(*d, "10:00"), mg));
    }
    j
}

#[rstest]
#[case::at_limit(&[1, 2, 3], 200.0, false)]
#[case::just_above(&[1, 2, 3], 200.5, true)]
#[case::well_above(&[1, 2, 3], 300.0, true)]
#[case::two_days(&[1, 2], 300.0, false)]
#[case::gap(&[1, 2, 4], 300.0, false)]
#[case::five_days(&[0, 1, 2, 3, 4], 250.0, true)]
#[case::ends_six_days_ago(&[6, 7, 8], 250.0, true)]
#[case::ends_seven_days_ago(&[7, 8, 9], 250.0, false)]
#[case::ends_eight_days_ago(&[8, 9, 10], 250.0, false)]
fn high_daily_dose(#[case] days_ago: &[u64], #[case] mg: f64, #[case] expected: bool) {
    assert_eq!(fires(&dosing(days_ago, mg), Rule::DoseHighDaily), expected);
}

#[test]
fn high_daily_dose_sums_sessions_per_local_day() {
    // 150 + 60 mg on each of three days; the second session at 23:30 local
    // (the next day in UTC) still counts for its local day.
    let mut j = journal();
    for d in [1, 2, 3] {
        j.sessions.push(session(at(d, "09:00"), 150.0));
        let mut evening = session(at(d, "23:30"), 60.0);
        evening.medication = Medication::Esketamine;
        evening.route = Route::Intranasal;
        j.sessions.push(evening);
    }
    let a = alert(&j, Rule::DoseHighDaily);
    assert!(a.message.contains("12 March (210 mg), 13 March (210 mg) and 14 March (210 mg)"), "{}", a.message);
    assert_eq!(a.evidence.len(), 6);
    // Medication "other" is not ketamine.
    for s in &mut j.sessions {
        if s.medication == Medication::Esketamine {
            s.medication = Medication::Other;
        }
    }
    assert!(!fires(&j, Rule::DoseHighDaily));
}

#[test]
fn high_daily_dose_counts_only_sessions_up_to_t() {
    let mut j = dosing(&[1, 2], 250.0);
    j.sessions.push(session(at(0, "15:00"), 250.0)); // after T (noon)
    assert!(!fires(&j, Rule::DoseHighDaily));
    assert!(rules_at(&j, &format!("{}T16:00:00-05:00", today())).contains(&Rule::DoseHighDaily));
}

// ---- bp.pre_dose_high --------------------------------------------------

#[rstest]
#[case::at_both_limits((140, 90), false)]
#[case::systolic_above((141, 90), true)]
#[case::diastolic_above((140, 91), true)]
#[case::normal((118, 76), false)]
fn pre_dose_bp(#[case] pre: (u16, u16), #[case] expected: bool) {
    let mut j = journal();
    j.sessions.push(with_bp(session(at(3, "10:00"), 35.0), Some(pre), Some((pre.0 + 5, pre.1 + 3))));
    assert_eq!(fires(&j, Rule::BpPreDoseHigh), expected);
}

#[rstest]
#[case::thirteen_days(13, true)]
#[case::fourteen_days(14, false)]
#[case::fifteen_days(15, false)]
fn pre_dose_bp_window(#[case] days_ago: u64, #[case] expected: bool) {
    let mut j = journal();
    j.sessions.push(with_bp(session(at(days_ago, "10:00"), 35.0), Some((150, 95)), None));
    assert_eq!(fires(&j, Rule::BpPreDoseHigh), expected);
}

// ---- bp.post_dose_high -------------------------------------------------

#[rstest]
#[case::systolic_179(Some((150, 90)), (179, 100), false)]
#[case::systolic_180(Some((150, 90)), (180, 100), true)]
#[case::systolic_181(Some((150, 90)), (181, 100), true)]
#[case::diastolic_109(Some((150, 90)), (170, 109), false)]
#[case::diastolic_110(Some((150, 90)), (170, 110), true)]
#[case::diastolic_111(Some((150, 90)), (170, 111), true)]
#[case::rise_39(Some((120, 80)), (159, 85), false)]
#[case::rise_40(Some((120, 80)), (160, 85), true)]
#[case::rise_41(Some((120, 80)), (161, 85), true)]
#[case::diastolic_rise_24(Some((120, 70)), (130, 94), false)]
#[case::diastolic_rise_25(Some((120, 70)), (130, 95), true)]
#[case::diastolic_rise_26(Some((120, 70)), (130, 96), true)]
#[case::no_pre_reading_below(None, (179, 109), false)]
#[case::no_pre_reading_at(None, (180, 100), true)]
#[case::a_fall(Some((170, 100)), (130, 70), false)]
fn post_dose_bp(#[case] pre: Option<(u16, u16)>, #[case] post: (u16, u16), #[case] expected: bool) {
    let mut j = journal();
    j.sessions.push(with_bp(session(at(2, "10:00"), 35.0), pre, Some(post)));
    assert_eq!(fires(&j, Rule::BpPostDoseHigh), expected);
}

#[rstest]
#[case::thirteen_days(13, true)]
#[case::fourteen_days(14, false)]
#[case::fifteen_days(15, false)]
fn post_dose_bp_window(#[case] days_ago: u64, #[case] expected: bool) {
    let mut j = journal();
    j.sessions.push(with_bp(session(at(days_ago, "10:00"), 35.0), Some((120, 80)), Some((185, 100))));
    assert_eq!(fires(&j, Rule::BpPostDoseHigh), expected);
}

#[test]
fn post_dose_bp_message_gives_the_readings() {
    let mut j = journal();
    j.sessions.push(with_bp(session(at(2, "10:00"), 35.0), Some((130, 80)), Some((172, 96))));
    let a = alert(&j, Rule::BpPostDoseHigh);
    assert!(
        a.message.contains("172/96 after the dose on 13 March (before: 130/80, a change of +42/+16)"),
        "{}",
        a.message
    );
    assert!(a.action.contains("call 911"), "{}", a.action);
}

// ---- session.psychotic -------------------------------------------------

#[rstest]
#[case::none(false, 2, false)]
#[case::reported(true, 2, true)]
#[case::thirteen_days(true, 13, true)]
#[case::fourteen_days(true, 14, false)]
#[case::fifteen_days(true, 15, false)]
fn psychotic(#[case] reported: bool, #[case] days_ago: u64, #[case] expected: bool) {
    let mut j = journal();
    let mut s = session(at(days_ago, "10:00"), 35.0);
    s.psychotic_symptoms = reported;
    j.sessions.push(s);
    assert_eq!(fires(&j, Rule::SessionPsychotic), expected);
}

// ---- response.not_yet, mood.response, mood.remission -------------------

/// A baseline PHQ-9 on day 30 before T, `sessions` sessions from the next
/// day, and a latest PHQ-9 yesterday.
fn course(baseline: u8, sessions: u64, latest: u8) -> Journal {
    let mut j = journal();
    j.phq9.push(phq(at(30, "09:00"), baseline, 0));
    for n in 0..sessions {
        j.sessions.push(session(at(29 - n * 2, "10:00"), 35.0));
    }
    j.phq9.push(phq(at(1, "09:00"), latest, 0));
    j
}

#[rstest]
#[case::five_sessions(20, 5, 16, false)]
#[case::six_sessions_20_percent(20, 6, 16, true)]
#[case::six_sessions_25_percent(20, 6, 15, false)]
#[case::six_sessions_30_percent(20, 6, 14, false)]
#[case::seven_sessions_worse(20, 7, 22, true)]
#[case::baseline_zero(0, 8, 0, false)]
fn response_not_yet(#[case] baseline: u8, #[case] sessions: u64, #[case] latest: u8, #[case] expected: bool) {
    assert_eq!(fires(&course(baseline, sessions, latest), Rule::ResponseNotYet), expected);
}

#[test]
fn response_not_yet_needs_a_phq9_after_the_baseline() {
    let mut j = course(20, 6, 20);
    j.phq9.pop();
    assert!(!fires(&j, Rule::ResponseNotYet));
}

#[test]
fn response_not_yet_counts_sessions_after_the_baseline_up_to_t() {
    let mut j = course(20, 5, 18);
    // A session on the baseline's day but before it does not count (the
    // baseline is still valid: answered on the first session's day); one
    // after T does not count either.
    j.sessions.push(session(at(30, "08:00"), 35.0));
    j.sessions.push(session(at(0, "15:00"), 35.0));
    assert!(!fires(&j, Rule::ResponseNotYet));
    assert!(rules_at(&j, &format!("{}T16:00:00-05:00", today())).contains(&Rule::ResponseNotYet));
}

#[test]
fn no_baseline_when_the_first_phq9_came_after_the_first_session_day() {
    let mut j = course(20, 8, 19);
    j.sessions.push(session(at(31, "10:00"), 35.0));
    assert!(!fires(&j, Rule::ResponseNotYet));
}

#[rstest]
#[case::exactly_half(20, 10, true)]
#[case::just_short(20, 11, false)]
#[case::more(20, 6, true)]
fn response_milestone(#[case] baseline: u8, #[case] latest: u8, #[case] expected: bool) {
    let j = course(baseline, 6, latest);
    assert_eq!(fires(&j, Rule::MoodResponse), expected);
    if expected {
        assert_eq!(alert(&j, Rule::MoodResponse).severity, Severity::Info);
    }
}

#[rstest]
#[case::four(18, 4, true)]
#[case::five(18, 5, false)]
#[case::zero(18, 0, true)]
#[case::baseline_already_below(4, 2, false)]
fn remission_milestone(#[case] baseline: u8, #[case] latest: u8, #[case] expected: bool) {
    assert_eq!(fires(&course(baseline, 6, latest), Rule::MoodRemission), expected);
}

#[test]
fn a_milestone_keeps_its_id_while_it_lasts() {
    let mut j = course(20, 6, 9);
    let first = alert(&j, Rule::MoodResponse);
    j.phq9.push(phq(at(0, "09:00"), 8, 0));
    let later = alert(&j, Rule::MoodResponse);
    assert_eq!(first.id, later.id);
    assert_eq!(later.evidence.len(), 3);
    // Lost, then regained: a new occurrence.
    j.phq9.last_mut().unwrap().at = at(0, "08:00");
    j.phq9.insert(2, phq(at(0, "07:00"), 14, 0));
    j.phq9.push(phq(at(0, "09:00"), 7, 0));
    assert_ne!(alert(&j, Rule::MoodResponse).id, first.id);
}

// ---- driving.wait ------------------------------------------------------

#[rstest]
#[case::just_started("2026-03-15T11:59:00-05:00", true)]
#[case::just_under_a_day("2026-03-14T12:00:01-05:00", true)]
#[case::exactly_a_day("2026-03-14T12:00:00-05:00", false)]
#[case::more_than_a_day("2026-03-14T11:00:00-05:00", false)]
#[case::after_t("2026-03-15T12:30:00-05:00", false)]
#[case::other_offset_under_a_day("2026-03-15T03:00:00+09:00", true)]
#[case::other_offset_exactly_a_day("2026-03-15T02:00:00+09:00", false)]
fn driving_wait_is_under_24_hours(#[case] started: &str, #[case] expected: bool) {
    let mut j = journal();
    j.sessions.push(session(ts(started), 35.0));
    assert_eq!(fires(&j, Rule::DrivingWait), expected);
}

#[test]
fn driving_wait_says_until_when() {
    let mut j = journal();
    j.sessions.push(session(ts("2026-03-15T10:00:00-05:00"), 35.0));
    let a = alert(&j, Rule::DrivingWait);
    assert_eq!(a.severity, Severity::Info);
    assert!(a.action.contains("before 10:00 on 16 March"), "{}", a.action);
}

// ---- acknowledgements and ids ------------------------------------------

fn blood_on(j: &mut Journal, days_ago: u64) -> Uuid {
    let mut d = diary(day(days_ago));
    d.visible_blood = true;
    let id = d.id;
    j.bladder.push(d);
    id
}

#[test]
fn an_acknowledgement_sticks_to_its_occurrence() {
    let mut j = journal();
    let first = blood_on(&mut j, 10);
    let a = alert(&j, Rule::BladderBlood);
    assert_eq!(a.id, format!("bladder.blood:{first}"));
    assert!(a.acknowledged.is_none());

    j.acknowledgements.push(Acknowledgement {
        alert_id: a.id.clone(),
        at: at(1, "17:00"),
        note: "called the clinic, appointment Friday".into(),
        share_note: false,
    });
    let acked = alert(&j, Rule::BladderBlood);
    assert_eq!(acked.id, a.id);
    let ack = acked.acknowledged.unwrap();
    assert_eq!(ack.note, "called the clinic, appointment Friday");
    assert_eq!(ack.at, at(1, "17:00"));

    // Not yet acknowledged as of a moment before the acknowledgement.
    assert!(alerts_at(&j, &format!("{}T16:00:00-05:00", day(1)))[0].acknowledged.is_none());

    // New blood: a new occurrence, unacknowledged, resting on both days.
    let second = blood_on(&mut j, 0);
    let fresh = alert(&j, Rule::BladderBlood);
    assert_eq!(fresh.id, format!("bladder.blood:{second}"));
    assert!(fresh.acknowledged.is_none());
    assert_eq!(fresh.evidence, vec![first, second]);
}

#[test]
fn older_evidence_leaving_the_window_keeps_the_id() {
    let mut j = journal();
    blood_on(&mut j, 12);
    let newer = blood_on(&mut j, 3);
    let now = alert(&j, Rule::BladderBlood);
    let later = alerts_at(&j, "2026-03-18T12:00:00-05:00");
    assert_eq!(later[0].id, now.id);
    assert_eq!(later[0].evidence, vec![newer]);
}

#[test]
fn evaluation_is_deterministic_and_ordered_by_severity() {
    let mut j = journal();
    j.phq9.push(phq(at(1, "09:00"), 22, 1));
    j.gad7.push(gad(at(1, "09:05"), 17));
    blood_on(&mut j, 2);
    j.sessions.push(with_bp(session(at(0, "10:00"), 35.0), Some((150, 95)), Some((190, 112))));
    let first = alerts_at(&j, T);
    assert_eq!(first, alerts_at(&j, T));
    let severities: Vec<Severity> = first.iter().map(|a| a.severity).collect();
    let mut sorted = severities.clone();
    sorted.sort();
    assert_eq!(severities, sorted);
    let rules: Vec<&str> = first.iter().map(|a| a.rule.id()).collect();
    assert_eq!(
        rules,
        [
            "mood.self_harm",
            "mood.severe",
            "bladder.blood",
            "bp.post_dose_high",
            "anxiety.severe",
            "bp.pre_dose_high",
            "driving.wait"
        ]
    );
}

#[test]
fn alerts_serialise_with_lowercase_severity_and_rule_ids() {
    let mut j = journal();
    j.phq9.push(phq(at(1, "09:00"), 5, 1));
    let value = serde_json::to_value(alerts_at(&j, T)).unwrap();
    let first = &value[0];
    assert_eq!(first["rule"], "mood.self_harm");
    assert_eq!(first["severity"], "crisis");
    assert_eq!(first["evidence"][0], j.phq9[0].id.to_string());
    assert_eq!(first["acknowledged"], serde_json::Value::Null);
    for field in ["id", "title", "message", "action", "first_seen"] {
        assert!(first[field].is_string(), "{field}");
    }
    let back: Vec<Alert> = serde_json::from_value(value).unwrap();
    assert_eq!(back, alerts_at(&j, T));
}

#[test]
fn every_rule_has_a_distinct_id_and_a_title() {
    let ids: std::collections::BTreeSet<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
    assert_eq!(ids.len(), Rule::ALL.len());
    for rule in Rule::ALL {
        assert!(!rule.title().is_empty());
        assert_eq!(serde_json::to_value(rule).unwrap(), rule.id());
    }
}

#[test]
fn messages_never_state_a_diagnosis() {
    let mut j = journal();
    j.phq9.push(phq(at(40, "09:00"), 8, 0));
    j.phq9.push(phq(at(1, "09:00"), 22, 1));
    j.gad7.push(gad(at(1, "09:05"), 17));
    blood_on(&mut j, 2);
    for d in [0, 1, 3] {
        let mut day = diary(day(d));
        day.pain = Some(6);
        j.bladder.push(day);
    }
    for d in [1, 2, 3] {
        let mut s = with_bp(session(at(d, "10:00"), 250.0), Some((150, 95)), Some((190, 112)));
        s.psychotic_symptoms = true;
        j.sessions.push(s);
    }
    let alerts = alerts_at(&j, T);
    assert!(alerts.len() >= 9);
    for a in alerts {
        let text = format!("{} {} {}", a.title, a.message, a.action).to_lowercase();
        for word in ["you have cystitis", "you have depression", "diagnos", "you are suffering"] {
            assert!(!text.contains(word), "{}: {text}", a.rule);
        }
    }
}

// ---- whole journals ----------------------------------------------------

#[test]
fn a_calm_improving_journal_raises_nothing_above_info() {
    let mut j = journal();
    j.phq9.push(phq(at(60, "09:00"), 16, 0));
    for n in 0..6 {
        let mut s = with_bp(session(at(59 - n * 3, "10:00"), 35.0), Some((118, 76)), Some((128, 82)));
        s.dissociation = Some(4);
        j.sessions.push(s);
    }
    for (days_ago, total) in [(46, 12), (32, 9), (18, 7), (4, 5)] {
        j.phq9.push(phq(at(days_ago, "09:00"), total, 0));
        j.gad7.push(gad(at(days_ago, "09:05"), total / 2));
    }
    for days_ago in 0..60 {
        j.bladder.push(diary(day(days_ago)));
    }
    let alerts = alerts_at(&j, T);
    assert!(alerts.iter().all(|a| a.severity == Severity::Info), "{alerts:#?}");
    assert_eq!(alerts.iter().map(|a| a.rule).collect::<Vec<_>>(), [Rule::MoodResponse]);
}

fn demo_alerts(on: NaiveDate, until: NaiveDate) -> Vec<Alert> {
    let journal = crate::demo::journal(until);
    evaluate(&journal, ts(&format!("{on}T21:00:00-05:00")), &Thresholds::default())
}

#[test]
fn the_demo_year_is_calm_at_its_end() {
    let until = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let alerts = demo_alerts(until, until);
    assert!(alerts.iter().all(|a| a.severity == Severity::Info), "{alerts:#?}");
    let rules: Vec<Rule> = alerts.iter().map(|a| a.rule).collect();
    assert!(rules.contains(&Rule::MoodResponse), "{rules:?}");
    assert!(!rules.contains(&Rule::ResponseNotYet), "{rules:?}");
}

#[test]
fn the_demo_bladder_episode_raises_bladder_persistent_only() {
    let until = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let first = until.checked_sub_days(Days::new(crate::demo::DEMO_DAYS - 1)).unwrap();
    let in_episode = first.checked_add_days(Days::new(203)).unwrap();
    let alerts = demo_alerts(in_episode, until);
    let rules: Vec<Rule> = alerts.iter().map(|a| a.rule).collect();
    assert!(rules.contains(&Rule::BladderPersistent), "{rules:?}");
    assert!(alerts.iter().all(|a| a.severity >= Severity::Advise), "{alerts:#?}");
    // Before the episode, and well after it, the bladder is quiet.
    let before = demo_alerts(first.checked_add_days(Days::new(199)).unwrap(), until);
    assert!(!before.iter().any(|a| a.rule == Rule::BladderPersistent));
    let after = demo_alerts(first.checked_add_days(Days::new(215)).unwrap(), until);
    assert!(!after.iter().any(|a| a.rule == Rule::BladderPersistent));
}

#[test]
fn the_demo_baseline_raises_the_crisis_prompt_until_the_next_phq9() {
    let until = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let first = until.checked_sub_days(Days::new(crate::demo::DEMO_DAYS - 1)).unwrap();
    let alerts = demo_alerts(first, until);
    assert_eq!(alerts[0].rule, Rule::MoodSelfHarm);
    let later = demo_alerts(first.checked_add_days(Days::new(14)).unwrap(), until);
    assert!(!later.iter().any(|a| a.rule == Rule::MoodSelfHarm));
}

/// The journal with every record after `as_of` removed.
fn truncated(journal: &Journal, as_of: Timestamp) -> Journal {
    let mut j = journal.clone();
    j.sessions.retain(|s| s.started_at <= as_of);
    j.phq9.retain(|q| q.at <= as_of);
    j.gad7.retain(|q| q.at <= as_of);
    j.checkins.retain(|c| c.at <= as_of);
    j.icsi_icpi.retain(|b| b.at <= as_of);
    j.bladder.retain(|d| d.date <= as_of.local_day());
    j.acknowledgements.retain(|a| a.at <= as_of);
    j
}

#[test]
fn over_the_demo_year_nothing_after_t_matters_and_every_alert_is_well_formed() {
    let until = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let journal = crate::demo::journal(until);
    let ids: std::collections::HashSet<Uuid> = journal
        .sessions
        .iter()
        .map(|s| s.id)
        .chain(journal.phq9.iter().map(|q| q.id))
        .chain(journal.gad7.iter().map(|q| q.id))
        .chain(journal.bladder.iter().map(|d| d.id))
        .collect();
    let first = until.checked_sub_days(Days::new(crate::demo::DEMO_DAYS - 1)).unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for n in 0..crate::demo::DEMO_DAYS {
        for time in ["06:00", "13:30", "23:45"] {
            let as_of = ts(&format!("{}T{time}:00-05:00", first.checked_add_days(Days::new(n)).unwrap()));
            let alerts = evaluate(&journal, as_of, &Thresholds::default());
            assert_eq!(alerts, evaluate(&truncated(&journal, as_of), as_of, &Thresholds::default()), "as of {as_of}");
            for a in &alerts {
                seen.insert(a.rule);
                assert!(a.id.starts_with(&format!("{}:", a.rule)), "{}", a.id);
                assert!(a.first_seen <= as_of, "{} first seen {} after {as_of}", a.rule, a.first_seen);
                assert!(!a.evidence.is_empty() && a.evidence.iter().all(|id| ids.contains(id)), "{}", a.rule);
                assert!(!a.message.is_empty() && !a.action.is_empty());
            }
        }
    }
    // The demo year shows the crisis prompt at baseline, the bladder episode,
    // driving reminders and the milestones, and nothing it should not.
    for rule in [Rule::MoodSelfHarm, Rule::BladderPersistent, Rule::DrivingWait, Rule::MoodResponse] {
        assert!(seen.contains(&rule), "{rule} never fired: {seen:?}");
    }
    for rule in [Rule::BladderBlood, Rule::BpPostDoseHigh, Rule::SessionPsychotic, Rule::DoseHighDaily] {
        assert!(!seen.contains(&rule), "{rule} fired in the demo year");
    }
}

#[test]
fn evaluating_a_year_is_fast() {
    let journal = crate::demo::journal(NaiveDate::from_ymd_opt(2026, 11, 21).unwrap());
    let start = std::time::Instant::now();
    for _ in 0..100 {
        std::hint::black_box(evaluate(&journal, ts("2026-11-21T21:00:00-05:00"), &Thresholds::default()));
    }
    let each = start.elapsed() / 100;
    eprintln!("one evaluation of the demo year: {each:?}");
    // Generous: it runs on every save in the app. Typically well under 1 ms.
    assert!(each < std::time::Duration::from_millis(50), "{each:?} per evaluation");
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Whatever the answers and the age, the crisis and severe rules
        /// follow item 9, the total and the 14-day window exactly.
        #[test]
        fn questionnaire_rules_follow_their_definition(
            items in proptest::array::uniform9(0u8..=3),
            days_ago in 0u64..30,
            hh in 0u32..24,
        ) {
            let mut j = journal();
            let q = PhqNine { id: Uuid::new_v4(), at: at(days_ago, &format!("{hh:02}:00")), items, difficulty: None };
            let answered = q.at <= ts(T);
            let recent = answered && days_ago < 14;
            j.phq9.push(q.clone());
            let rules = rules_at(&j, T);
            prop_assert_eq!(rules.contains(&Rule::MoodSelfHarm), recent && q.item9() > 0);
            prop_assert_eq!(rules.contains(&Rule::MoodSevere), recent && q.total() >= 20);
            if rules.contains(&Rule::MoodSelfHarm) {
                prop_assert_eq!(&rules[0], &Rule::MoodSelfHarm);
            }
        }

        /// Pre-dose readings fire exactly above 140/90.
        #[test]
        fn pre_dose_rule_follows_its_definition(systolic in 90u16..200, gap in 10u16..80, days_ago in 0u64..20) {
            let diastolic = systolic - gap;
            let mut j = journal();
            j.sessions.push(with_bp(session(at(days_ago, "09:00"), 35.0), Some((systolic, diastolic)), None));
            let expected = days_ago < 14 && (systolic > 140 || diastolic > 90);
            prop_assert_eq!(fires(&j, Rule::BpPreDoseHigh), expected);
        }
    }
}

#[test]
fn saving_a_record_prompts_only_the_crisis_and_urgent_alerts_it_raised() {
    let mut j = journal();
    j.gad7.push(gad(at(0, "09:05"), 18)); // advise: no prompt
    let q = phq(at(0, "09:00"), 21, 2);
    j.phq9.push(q.clone());
    let now = ts(T);
    let prompts = prompts_after_saving(&j, q.id, now, &Thresholds::default());
    let rules: Vec<Rule> = prompts.iter().map(|a| a.rule).collect();
    assert_eq!(rules, [Rule::MoodSelfHarm, Rule::MoodSevere]);
    assert!(prompts_after_saving(&j, j.gad7[0].id, now, &Thresholds::default()).is_empty());
    // Once acknowledged, saving something else does not prompt again.
    j.acknowledgements.push(Acknowledgement {
        alert_id: prompts[0].id.clone(),
        at: now,
        note: String::new(),
        share_note: false,
    });
    let again: Vec<Rule> = prompts_after_saving(&j, q.id, now, &Thresholds::default()).iter().map(|a| a.rule).collect();
    assert_eq!(again, [Rule::MoodSevere]);
}

#[test]
fn response_not_yet_says_how_much_lower_or_that_it_is_not() {
    let lower = alert(&course(20, 6, 16), Rule::ResponseNotYet);
    assert!(
        lower.message.contains("your latest PHQ-9 (16 on 14 March) is 20% lower, less than 25%."),
        "{}",
        lower.message
    );
    let higher = alert(&course(20, 6, 22), Rule::ResponseNotYet);
    assert!(higher.message.contains("(22 on 14 March) is not lower."), "{}", higher.message);
}

#[test]
fn remission_without_a_baseline_counts_phq9s_after_treatment_began() {
    // The first PHQ-9 came after the first session's day: no baseline, but a
    // score below 5 during treatment is still a remission.
    let mut j = journal();
    j.sessions.push(session(at(30, "10:00"), 35.0));
    j.phq9.push(phq(at(20, "09:00"), 9, 0));
    j.phq9.push(phq(at(2, "09:00"), 3, 0));
    let a = alert(&j, Rule::MoodRemission);
    assert_eq!(a.evidence, vec![j.phq9[1].id]);
    assert!(a.message.starts_with("Your PHQ-9 on 13 March totalled 3, below 5."), "{}", a.message);
    assert!(!fires(&j, Rule::MoodResponse), "response needs a baseline");
    // The only PHQ-9 being the baseline is no milestone.
    let only = Journal { phq9: vec![phq(at(2, "09:00"), 3, 0)], ..journal() };
    assert!(!fires(&only, Rule::MoodRemission));
}

// ---- session.co_medication ---------------------------------------------

fn with_co_medications(mut s: Session, listed: &[&str]) -> Session {
    s.co_medications = listed.iter().map(|&m| m.to_owned()).collect();
    s
}

#[rstest]
#[case::brand_with_dose(&["Xanax 0.5mg"], true)]
#[case::generic_among_others(&["ondansetron", "lamotrigine 100 mg"], true)]
#[case::accented(&["Diazépam"], true)]
#[case::alcohol(&["two glasses of wine"], true)]
#[case::unlisted(&["ondansetron", "magnesium"], false)]
#[case::inside_another_word(&["xlorazepamx"], false)]
#[case::misspelt(&["lorazapam"], false)]
#[case::nothing_logged(&[], false)]
fn co_medication_fires_on_a_listed_name(#[case] listed: &[&str], #[case] expected: bool) {
    let mut j = journal();
    j.sessions.push(with_co_medications(session(at(2, "10:00"), 35.0), listed));
    assert_eq!(fires(&j, Rule::SessionCoMedication), expected);
}

#[rstest]
#[case::today(0, true)]
#[case::fourteenth_day_of_the_window(13, true)]
#[case::fifteenth_day(14, false)]
#[case::sixteenth_day(15, false)]
fn co_medication_window(#[case] days_ago: u64, #[case] expected: bool) {
    let mut j = journal();
    j.sessions.push(with_co_medications(session(at(days_ago, "10:00"), 35.0), &["Xanax"]));
    assert_eq!(fires(&j, Rule::SessionCoMedication), expected);
}

#[rstest]
// 23:30 on 1 March in New York is 2 March in UTC: still 14 days back, out.
#[case::late_evening_session("2026-03-01T23:30:00-05:00", false)]
// 00:30 on 2 March in Tokyo is 1 March in UTC: the 14th day, in.
#[case::session_east_of_utc("2026-03-02T00:30:00+09:00", true)]
#[case::after_t("2026-03-15T12:30:00-05:00", false)]
fn co_medication_window_uses_local_days(#[case] started: &str, #[case] expected: bool) {
    let mut j = journal();
    j.sessions.push(with_co_medications(session(ts(started), 35.0), &["Xanax"]));
    assert_eq!(fires(&j, Rule::SessionCoMedication), expected);
}

#[test]
fn co_medication_says_what_was_logged_and_what_is_known() {
    let mut j = journal();
    let first = with_co_medications(session(at(9, "10:00"), 35.0), &["Xanax 0.5mg", "ondansetron"]);
    let second = with_co_medications(session(at(2, "10:00"), 35.0), &["Xanax 0.5mg", "beer"]);
    let unlisted = with_co_medications(session(at(1, "10:00"), 35.0), &["magnesium"]);
    j.sessions.extend([first.clone(), second.clone(), unlisted]);
    let a = alert(&j, Rule::SessionCoMedication);
    assert_eq!(a.severity, Severity::Advise);
    assert_eq!(a.id, format!("session.co_medication:{}", second.id));
    assert_eq!(a.evidence, [first.id, second.id]);
    assert_eq!(a.first_seen, second.started_at);
    assert_eq!(
        a.message,
        "You logged Xanax 0.5mg (a benzodiazepine) with your sessions on 6 and 13 March; beer (alcohol) with your \
         session on 13 March. Benzodiazepines may weaken ketamine's antidepressant effect, most clearly at higher daily \
         doses, and they add to its sedation. Alcohol taken with ketamine adds to its sedation and can slow breathing."
    );
    assert_eq!(
        a.action,
        "Discuss these with Dr. Rivera at +1 555 0134 before your next session. Keep taking your prescribed medicines \
         as prescribed unless your prescriber tells you otherwise."
    );
}

#[test]
fn co_medication_names_every_group_an_entry_holds() {
    let mut j = journal();
    j.sessions.push(with_co_medications(session(at(1, "10:00"), 35.0), &["Lyrica and Valium"]));
    let a = alert(&j, Rule::SessionCoMedication);
    assert!(
        a.message.starts_with(
            "You logged Lyrica and Valium (a benzodiazepine and a gabapentinoid) with your session on 14 March."
        ),
        "{}",
        a.message
    );
    assert!(a.action.starts_with("Discuss this with "), "{}", a.action);
}

#[test]
fn co_medication_never_tells_anyone_to_stop_a_medicine() {
    let every_name: Vec<String> =
        crate::co_medications::groups().iter().flat_map(|g| g.names.iter().cloned()).collect();
    let mut j = journal();
    let mut s = session(at(1, "10:00"), 35.0);
    s.co_medications = every_name;
    j.sessions.push(s);
    let a = alert(&j, Rule::SessionCoMedication);
    let text = format!("{} {} {}", a.title, a.message, a.action).to_lowercase();
    for phrase in ["stop taking", "stop your", "do not take", "don't take", "diagnos", "you have"] {
        assert!(!text.contains(phrase), "{phrase:?} in {text}");
    }
    for g in crate::co_medications::groups() {
        assert!(a.message.contains(&g.known), "{} not said", g.id);
    }
}

#[test]
fn a_new_session_with_a_listed_medicine_is_a_new_occurrence() {
    let mut j = journal();
    let first = with_co_medications(session(at(5, "10:00"), 35.0), &["Ativan"]);
    j.sessions.push(first.clone());
    let id = alert(&j, Rule::SessionCoMedication).id;
    j.acknowledgements.push(Acknowledgement {
        alert_id: id.clone(),
        at: at(4, "09:00"),
        note: "asked Dr. Rivera".into(),
        share_note: false,
    });
    assert!(alert(&j, Rule::SessionCoMedication).acknowledged.is_some());
    // A session without a listed medicine changes nothing.
    j.sessions.push(session(at(3, "10:00"), 35.0));
    assert_eq!(alert(&j, Rule::SessionCoMedication).id, id);
    // Ativan logged again: a new occurrence, not yet acknowledged.
    j.sessions.push(with_co_medications(session(at(1, "10:00"), 35.0), &["Ativan"]));
    let again = alert(&j, Rule::SessionCoMedication);
    assert_ne!(again.id, id);
    assert!(again.acknowledged.is_none());
}
