//! Validation, case by case: each record type's fields at and beyond their limits.
#![allow(clippy::unwrap_used)] // test helpers panic on failure by design

use ketalog_core::DocumentError;
use ketalog_core::model::{BladderDay, BladderIndices, BloodPressure, CheckIn, PartialDose, PhqNine, Profile, Session};
use ketalog_core::{DataDocument, Timestamp};
use rstest::rstest;
use serde_json::{Value, json};

fn session() -> Session {
    serde_json::from_value(json!({
        "id": "00000000-0000-4000-8000-000000000001", "started_at": "2026-03-01T10:00:00-05:00",
        "medication": "racemic-ketamine", "route": "iv", "dose_mg": 35.0
    }))
    .unwrap()
}

#[rstest]
#[case::smallest_dose(|s: &mut Session| s.dose_mg = 0.01, None)]
#[case::zero_dose(|s: &mut Session| s.dose_mg = 0.0, Some("dose_mg: must be more than 0 mg, not 0"))]
#[case::negative_dose(|s: &mut Session| s.dose_mg = -1.0, Some("dose_mg: must be more than 0 mg"))]
#[case::nan_dose(|s: &mut Session| s.dose_mg = f64::NAN, Some("dose_mg: must be more than 0 mg, not NaN"))]
#[case::largest_dose(|s: &mut Session| s.dose_mg = 2000.0, None)]
#[case::dose_too_large(|s: &mut Session| s.dose_mg = 2000.5, Some("dose_mg: must be at most 2000 mg, not 2000.5"))]
#[case::partial_doses_add_up(|s: &mut Session| { s.dose_mg = 60.0; s.doses = vec![PartialDose { after_min: 0, mg: 30.0 }, PartialDose { after_min: 60, mg: 30.0 }]; }, None)]
#[case::partial_doses_do_not_add_up(|s: &mut Session| { s.dose_mg = 50.0; s.doses = vec![PartialDose { after_min: 0, mg: 30.0 }, PartialDose { after_min: 60, mg: 30.0 }]; }, Some("dose_mg: must equal the sum of the partial doses (60 mg), not 50 mg"))]
#[case::partial_dose_zero(|s: &mut Session| { s.dose_mg = 30.0; s.doses = vec![PartialDose { after_min: 0, mg: 30.0 }, PartialDose { after_min: 5, mg: 0.0 }]; }, Some("doses[1].mg: must be more than 0 mg"))]
#[case::light_weight(|s: &mut Session| s.weight_kg = Some(19.9), Some("weight_kg: must be between 20 and 400, not 19.9"))]
#[case::weight(|s: &mut Session| s.weight_kg = Some(20.0), None)]
#[case::bp_ok(|s: &mut Session| s.bp_pre = Some(BloodPressure { systolic: 120, diastolic: 80 }), None)]
#[case::bp_inverted(|s: &mut Session| s.bp_post = Some(BloodPressure { systolic: 80, diastolic: 120 }), Some("bp_post.diastolic: must be lower than the systolic pressure (120 is not below 80)"))]
#[case::bp_systolic_high(|s: &mut Session| s.bp_pre = Some(BloodPressure { systolic: 301, diastolic: 80 }), Some("bp_pre.systolic: must be between 50 and 300, not 301"))]
#[case::heart_rate_low(|s: &mut Session| s.heart_rate_pre = Some(19), Some("heart_rate_pre: must be between 20 and 250, not 19"))]
#[case::dissociation_10(|s: &mut Session| s.dissociation = Some(10), None)]
#[case::dissociation_11(|s: &mut Session| s.dissociation = Some(11), Some("dissociation: must be between 0 and 10, not 11"))]
#[case::duration_zero(|s: &mut Session| s.duration_min = Some(0), Some("duration_min: must be between 1 and 1440, not 0"))]
#[case::blank_side_effect(|s: &mut Session| s.side_effects = vec!["nausea".into(), "  ".into()], Some("side_effects[1]: must not be empty"))]
#[case::control_characters(|s: &mut Session| s.notes = "bell\u{7}".into(), Some("notes: must not contain control characters"))]
#[case::multi_line_notes(|s: &mut Session| s.notes = "line one\nline two\ttabbed".into(), None)]
fn session_fields(#[case] edit: fn(&mut Session), #[case] error: Option<&str>) {
    let mut s = session();
    edit(&mut s);
    match (s.validate(), error) {
        (Ok(()), None) => {}
        (Err(e), Some(want)) => assert!(e.to_string().starts_with(want), "got {e}, want {want}"),
        (got, want) => panic!("got {got:?}, want {want:?}"),
    }
}

fn at() -> Timestamp {
    Timestamp::parse("2026-03-01T10:00:00+01:00").unwrap()
}

#[rstest]
#[case::all_zero([0; 9], None, None)]
#[case::all_three([3; 9], Some(3), None)]
#[case::an_answer_of_4([0, 0, 4, 0, 0, 0, 0, 0, 0], None, Some("items[2]: must be between 0 and 3, not 4"))]
#[case::difficulty_4([1; 9], Some(4), Some("difficulty: must be between 0 and 3, not 4"))]
fn phq9_answers(#[case] items: [u8; 9], #[case] difficulty: Option<u8>, #[case] error: Option<&str>) {
    let q = PhqNine { id: uuid::Uuid::nil(), at: at(), items, difficulty };
    assert_eq!(q.validate().err().map(|e| e.to_string()).as_deref(), error);
}

#[rstest]
#[case::none([0, 0, 0, 0], [0, 0, 0, 0], None)]
#[case::most([5, 5, 5, 5], [4, 4, 4, 4], None)]
#[case::pain_of_1([0, 0, 0, 1], [0, 0, 0, 0], Some("icsi[3]: must be 0, 2, 3, 4 or 5 (1 is not an answer)"))]
#[case::urgency_6([6, 0, 0, 0], [0, 0, 0, 0], Some("icsi[0]: must be between 0 and 5, not 6"))]
#[case::problem_5([0, 0, 0, 0], [0, 5, 0, 0], Some("icpi[1]: must be between 0 and 4, not 5"))]
fn bladder_indices(#[case] icsi: [u8; 4], #[case] icpi: [u8; 4], #[case] error: Option<&str>) {
    let q = BladderIndices { id: uuid::Uuid::nil(), at: at(), icsi, icpi };
    assert_eq!(q.validate().err().map(|e| e.to_string()).as_deref(), error);
}

#[rstest]
#[case::empty(json!({}), None)]
#[case::mood_10(json!({"mood": 10}), None)]
#[case::mood_11(json!({"mood": 11}), Some("mood: must be between 0 and 10, not 11"))]
#[case::sleep_24(json!({"sleep_hours": 24}), None)]
#[case::sleep_25(json!({"sleep_hours": 24.5}), Some("sleep_hours: must be between 0 and 24, not 24.5"))]
#[case::energy_11(json!({"energy": 11}), Some("energy: must be between 0 and 10, not 11"))]
fn checkin_fields(#[case] fields: Value, #[case] error: Option<&str>) {
    let mut value = json!({"id": "00000000-0000-4000-8000-000000000002", "at": "2026-03-01T10:00:00Z"});
    value.as_object_mut().unwrap().extend(fields.as_object().unwrap().clone());
    let c: CheckIn = serde_json::from_value(value).unwrap();
    assert_eq!(c.validate().err().map(|e| e.to_string()).as_deref(), error);
}

#[rstest]
#[case::urgency_4(json!({"urgency": 4}), None)]
#[case::urgency_5(json!({"urgency": 5}), Some("urgency: must be between 0 and 4, not 5"))]
#[case::pain_11(json!({"pain": 11}), Some("pain: must be between 0 and 10, not 11"))]
#[case::night_21(json!({"night_voids": 21}), Some("night_voids: must be between 0 and 20, not 21"))]
#[case::day_61(json!({"day_voids": 61}), Some("day_voids: must be between 0 and 60, not 61"))]
fn bladder_fields(#[case] fields: Value, #[case] error: Option<&str>) {
    let mut value = json!({"id": "00000000-0000-4000-8000-000000000003", "date": "2026-03-01"});
    value.as_object_mut().unwrap().extend(fields.as_object().unwrap().clone());
    let b: BladderDay = serde_json::from_value(value).unwrap();
    assert_eq!(b.validate().err().map(|e| e.to_string()).as_deref(), error);
}

#[rstest]
#[case::empty(json!({}), None)]
#[case::crisis_line_without_numbers(json!({"crisis_line": {"label": "x", "phone": "", "text": ""}}), Some("crisis_line: The crisis line needs a number to call or to text."))]
#[case::auto_lock_0(json!({"auto_lock_minutes": 0}), Some("auto_lock_minutes: The time before the journal locks itself must be between 1 and 240, not 0."))]
#[case::weight_500(json!({"weight_kg": 500}), Some("weight_kg: The body weight must be between 20 and 400, not 500."))]
#[case::reminders_as_first_written(json!({"reminders": {"reflection": false, "phq9": true, "bladder_diary": true, "driving": true}}), None)]
#[case::weekly_questionnaires(json!({"reminders": {"questionnaire_days": 7, "checkin_time": "07:45"}}), None)]
#[case::ten_day_cadence(json!({"reminders": {"questionnaire_days": 10}}), Some("reminders.questionnaire_days: The number of days between questionnaires must be 7 (weekly) or 14 (every two weeks), not 10."))]
fn profile_fields(#[case] value: Value, #[case] error: Option<&str>) {
    let p: Profile = serde_json::from_value(value).unwrap();
    assert_eq!(p.validate().err().map(|e| e.to_string()).as_deref(), error);
}

/// Document-level errors name the record and field for code (the path),
/// and say where in words for people.
#[rstest]
#[case::unknown_medication(json!({"sessions": [{"id": "00000000-0000-4000-8000-000000000001", "started_at": "2026-03-01T10:00:00Z", "medication": "lsd", "route": "iv", "dose_mg": 1}]}), "sessions[0].medication: unknown variant `lsd`")]
#[case::bad_uuid(json!({"checkins": [{"id": "not-a-uuid", "at": "2026-03-01T10:00:00Z"}]}), "checkins[0].id")]
#[case::seven_gad_answers_needed(json!({"gad7": [{"id": "00000000-0000-4000-8000-000000000001", "at": "2026-03-01T10:00:00Z", "items": [1, 1, 1]}]}), "gad7[0].items: expected 7 answers, got 3")]
#[case::two_diary_days_one_date(json!({"bladder": [{"id": "00000000-0000-4000-8000-000000000001", "date": "2026-03-01"}, {"id": "00000000-0000-4000-8000-000000000002", "date": "2026-03-01"}]}), "bladder[1].date: 2026-03-01 already has a diary day (bladder[0])")]
#[case::acknowledged_twice(json!({"acknowledgements": [{"alert_id": "a", "at": "2026-03-01T10:00:00Z"}, {"alert_id": "a", "at": "2026-03-02T10:00:00Z"}]}), "acknowledgements[1].alert_id: a is acknowledged twice")]
#[case::profile_field(json!({"profile": {"weight_kg": -3}}), "profile.weight_kg: The body weight must be between 20 and 400, not -3.")]
#[case::checkin_time(json!({"profile": {"reminders": {"checkin_time": "8pm"}}}), "profile.reminders.checkin_time: expected a time of day like 20:00, got \"8pm\"")]
#[case::cadence(json!({"profile": {"reminders": {"questionnaire_days": 30}}}), "profile.reminders.questionnaire_days: The number of days between questionnaires must be 7 (weekly) or 14 (every two weeks), not 30.")]
#[case::version_0(json!({"version": 0}), "version: expected 1, got 0")]
#[case::version_text(json!({"version": "1"}), "version: expected 1, got \"1\"")]
#[case::not_an_object(json!([]), "not a Ketalog data document: expected a JSON object")]
#[case::record_not_an_object(json!({"sessions": [7]}), "sessions[0]: invalid type: integer `7`, expected an object Session")]
fn document_errors(#[case] patch: Value, #[case] error: &str) {
    let mut doc = json!({"format": "ketalog-data", "version": 1});
    match patch {
        Value::Object(fields) => doc.as_object_mut().unwrap().extend(fields),
        other => doc = other,
    }
    let err = DataDocument::from_json(doc.to_string().as_bytes()).unwrap_err();
    let detail = match &err {
        DocumentError::Invalid(field) => field.to_string(),
        other => other.to_string(),
    };
    assert!(detail.starts_with(error), "got {detail}, want {error}");
}

#[rstest]
#[case::a_session_field(json!({"sessions": [{"id": "00000000-0000-4000-8000-000000000001", "started_at": "2026-03-01T10:00:00Z", "medication": "esketamine", "route": "intranasal", "dose_mg": 56, "bp_pre": {"systolic": 400, "diastolic": 80}}]}), "Session 1 in the file: the systolic pressure before the dose must be between 50 and 300, not 400.")]
#[case::a_reading(json!({"gad7": [{"id": "00000000-0000-4000-8000-000000000001", "at": "2026-03-01T10:00:00Z", "items": [1, 1, 1]}]}), "GAD-7 1 in the file, the answers: expected 7 answers, got 3")]
#[case::the_profile(json!({"profile": {"crisis_line": {"label": "x", "phone": "1\n2", "text": ""}}}), "The file's profile: The crisis line's number to call must be on one line.")]
#[case::a_diary_day(json!({"bladder": [{"id": "00000000-0000-4000-8000-000000000001", "date": "2026-03-01", "pain": 11}]}), "Bladder diary day 1 in the file: the pain rating must be between 0 and 10, not 11.")]
fn document_errors_read_as_sentences_without_paths(#[case] patch: Value, #[case] said: &str) {
    let mut doc = json!({"format": "ketalog-data", "version": 1});
    doc.as_object_mut().unwrap().extend(patch.as_object().unwrap().clone());
    let err = DataDocument::from_json(doc.to_string().as_bytes()).unwrap_err();
    assert!(err.to_string().starts_with(said), "got {err}, want {said}");
}

/// Tags: at most 20 per record, each 1–40 characters of one line, no comma,
/// no space at either end, none twice ignoring case. The path names the tag
/// for code; the sentence quotes it for people.
#[rstest]
#[case::none(&[], None)]
#[case::one(&["therapy"], None)]
#[case::spaces_inside(&["walk in the park"], None)]
#[case::other_scripts(&["运动", "Müdigkeit", "🎵 music"], None)]
#[case::forty_characters(&["abcdefghijklmnopqrstuvwxyzabcdefghijklmn"], None)]
#[case::forty_one_characters(&["abcdefghijklmnopqrstuvwxyzabcdefghijklmno"], Some(("tags[0]", "The tag “abcdefghijklmnopqrstuvwxyzabcdefghijklmn…” is 41 characters long; a tag can have at most 40.")))]
#[case::forty_accented_letters(&["éééééééééééééééééééééééééééééééééééééééé"], None)]
#[case::empty(&["therapy", ""], Some(("tags[1]", "A tag must have at least one letter, digit or sign.")))]
#[case::blank(&["   "], Some(("tags[0]", "A tag must have at least one letter, digit or sign.")))]
#[case::leading_space(&[" therapy"], Some(("tags[0]", "The tag “ therapy” must not start or end with a space.")))]
#[case::trailing_space(&["therapy "], Some(("tags[0]", "The tag “therapy ” must not start or end with a space.")))]
#[case::line_break(&["two\nlines"], Some(("tags[0]", "The tag “two\\nlines” must be one line of visible characters.")))]
#[case::tab(&["a\tb"], Some(("tags[0]", "The tag “a\\tb” must be one line of visible characters.")))]
#[case::line_separator(&["a\u{2028}b"], Some(("tags[0]", "The tag “a\\u{2028}b” must be one line of visible characters.")))]
#[case::paragraph_separator(&["a\u{2029}b"], Some(("tags[0]", "The tag “a\\u{2029}b” must be one line of visible characters.")))]
#[case::zero_width_space(&["walk", "walk\u{200B}"], Some(("tags[1]", "The tag “walk\\u{200b}” must be one line of visible characters.")))]
#[case::right_to_left_mark(&["walk\u{200F}"], Some(("tags[0]", "The tag “walk\\u{200f}” must be one line of visible characters.")))]
#[case::byte_order_mark(&["\u{FEFF}walk"], Some(("tags[0]", "The tag “\\u{feff}walk” must be one line of visible characters.")))]
#[case::soft_hyphen(&["wa\u{00AD}lk"], Some(("tags[0]", "The tag “wa\\u{ad}lk” must be one line of visible characters.")))]
#[case::word_joiner(&["walk\u{2060}"], Some(("tags[0]", "The tag “walk\\u{2060}” must be one line of visible characters.")))]
#[case::invisible_times(&["a\u{2062}b"], Some(("tags[0]", "The tag “a\\u{2062}b” must be one line of visible characters.")))]
#[case::mongolian_vowel_separator(&["walk\u{180E}"], Some(("tags[0]", "The tag “walk\\u{180e}” must be one line of visible characters.")))]
#[case::joiner_between_letters(&["wa\u{200D}lk"], Some(("tags[0]", "The tag “wa\\u{200d}lk” must be one line of visible characters.")))]
#[case::joiner_at_the_end(&["🏃\u{200D}"], Some(("tags[0]", "The tag “🏃\\u{200d}” must be one line of visible characters.")))]
#[case::emoji_sequences(&["🏃\u{200D}♀\u{FE0F} run", "🏳\u{FE0F}\u{200D}🌈"], None)]
#[case::bidi_override(&["\u{202E}kcab"], Some(("tags[0]", "The tag “\\u{202e}kcab” must be one line of visible characters.")))]
#[case::comma(&["tea, coffee"], Some(("tags[0]", "The tag “tea, coffee” must not contain a comma: commas separate tags.")))]
#[case::twice(&["therapy", "walk", "therapy"], Some(("tags[2]", "The tag “therapy” is there twice (capital letters do not make another tag): remove one.")))]
#[case::twice_in_other_case(&["Therapy", "THERAPY"], Some(("tags[1]", "The tag “THERAPY” is there twice (capital letters do not make another tag): remove one.")))]
fn tag_lists(#[case] given: &[&str], #[case] error: Option<(&str, &str)>) {
    let tags: Vec<String> = given.iter().map(|t| (*t).to_owned()).collect();
    let checkin = CheckIn { tags: tags.clone(), ..CheckIn::new(uuid::Uuid::nil(), at()) };
    let session = Session { tags, ..session() };
    for got in [checkin.validate(), session.validate()] {
        let got = got.err();
        assert_eq!(got.as_ref().map(|e| (e.path.as_str(), e.message.as_str())), error, "{got:?}");
    }
}

#[rstest]
#[case::twenty(20, None)]
#[case::twenty_one(21, Some("tags: can hold at most 20 tags, not 21: remove 1"))]
#[case::thirty(30, Some("tags: can hold at most 20 tags, not 30: remove 10"))]
fn tags_per_record(#[case] n: usize, #[case] error: Option<&str>) {
    let tags = (0..n).map(|i| format!("tag {i}")).collect();
    let checkin = CheckIn { tags, ..CheckIn::new(uuid::Uuid::nil(), at()) };
    assert_eq!(checkin.validate().err().map(|e| e.to_string()).as_deref(), error);
    let sentence = ketalog_core::record::AnyRecord::from(checkin).validate().err().map(|e| e.message);
    assert_eq!(
        sentence.as_deref(),
        error.map(|_| format!("The list of tags can hold at most 20 tags, not {n}: remove {}.", n - 20)).as_deref()
    );
}

/// Records are stored and exchanged as JSON: one written before tags
/// existed reads with none, and a record without tags is written exactly as
/// before (no `tags` key), so neither the vault nor the data document needs
/// a migration.
#[test]
fn records_without_tags_keep_their_shape() {
    let old_checkin = json!({"id": "00000000-0000-4000-8000-000000000002", "at": "2026-03-01T10:00:00Z", "mood": 6,
        "anxiety": null, "sleep_hours": null, "energy": null, "notes": "", "share_notes": false});
    let c: CheckIn = serde_json::from_value(old_checkin.clone()).unwrap();
    assert!(c.tags.is_empty());
    assert_eq!(serde_json::to_value(&c).unwrap(), old_checkin);
    let s = session();
    assert!(s.tags.is_empty());
    assert!(serde_json::to_value(&s).unwrap().get("tags").is_none());
    let tagged = CheckIn { tags: vec!["therapy".into()], ..c };
    assert_eq!(serde_json::to_value(&tagged).unwrap()["tags"], json!(["therapy"]));
}
