use rstest::rstest;
use uuid::Uuid;

use super::*;
use crate::model::{Medication, Route};

fn ts(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

fn phq(at: &str, total: u8) -> PhqNine {
    let mut items = [0u8; 9];
    let mut left = total;
    for item in &mut items[..8] {
        let take = left.min(3);
        *item = take;
        left -= take;
    }
    items[8] = left;
    PhqNine { id: Uuid::new_v4(), at: ts(at), items, difficulty: None }
}

fn session(at: &str, medication: Medication, route: Route, dose_mg: f64) -> Session {
    serde_json::from_value(serde_json::json!({
        "id": Uuid::new_v4(), "started_at": at, "medication": medication, "route": route, "dose_mg": dose_mg,
    }))
    .unwrap()
}

#[test]
fn phq9_bands_cover_every_total_exactly_once() {
    let expected = |t: u8| match t {
        0..=4 => "minimal",
        5..=9 => "mild",
        10..=14 => "moderate",
        15..=19 => "moderately severe",
        _ => "severe",
    };
    for total in 0..=27u8 {
        let band = PhqNineBand::of(total).unwrap();
        assert_eq!(band.label(), expected(total), "total {total}");
        let (lo, hi) = band.range();
        assert!((lo..=hi).contains(&total), "total {total} outside {band:?}'s range");
        let owners = PhqNineBand::ALL.iter().filter(|b| (b.range().0..=b.range().1).contains(&total)).count();
        assert_eq!(owners, 1, "total {total}");
    }
    for total in 28..=u8::MAX {
        assert_eq!(PhqNineBand::of(total), None, "total {total}");
    }
}

#[test]
fn gad7_bands_cover_every_total_exactly_once() {
    let expected = |t: u8| match t {
        0..=4 => "minimal",
        5..=9 => "mild",
        10..=14 => "moderate",
        _ => "severe",
    };
    for total in 0..=21u8 {
        let band = GadSevenBand::of(total).unwrap();
        assert_eq!(band.label(), expected(total), "total {total}");
        let (lo, hi) = band.range();
        assert!((lo..=hi).contains(&total));
        let owners = GadSevenBand::ALL.iter().filter(|b| (b.range().0..=b.range().1).contains(&total)).count();
        assert_eq!(owners, 1, "total {total}");
    }
    for total in 22..=u8::MAX {
        assert_eq!(GadSevenBand::of(total), None, "total {total}");
    }
}

#[test]
fn the_published_texts_have_the_published_shape() {
    assert_eq!(PHQ9.items.len(), 9);
    assert_eq!(PHQ9.max_total(), 27);
    assert!(PHQ9.items[8].question.contains("better off dead"));
    assert_eq!(GAD7.items.len(), 7);
    assert_eq!(GAD7.max_total(), 21);
    assert_eq!(ICSI.items.len(), 4);
    assert_eq!(ICSI.max_total(), 20);
    let pain_scores: Vec<u8> = ICSI.items[3].choices.iter().map(|c| c.score).collect();
    assert_eq!(pain_scores, [0, 2, 3, 4, 5]);
    assert_eq!(ICPI.items.len(), 4);
    assert_eq!(ICPI.max_total(), 16);
    for instrument in [PHQ9, GAD7, ICSI, ICPI] {
        assert!(!instrument.source.is_empty());
        for item in instrument.items {
            let scores: Vec<u8> = item.choices.iter().map(|c| c.score).collect();
            assert!(scores.windows(2).all(|w| w[0] < w[1]), "{}: answers out of order", instrument.name);
        }
    }
}

#[test]
fn bladder_indices_totals() {
    let b =
        BladderIndices { id: Uuid::new_v4(), at: ts("2026-03-01T09:00:00Z"), icsi: [5, 5, 5, 5], icpi: [4, 4, 4, 4] };
    assert_eq!((b.icsi_total(), b.icpi_total()), (20, 16));
    let b = BladderIndices { icsi: [1, 0, 2, 2], icpi: [0, 1, 0, 3], ..b };
    assert_eq!((b.icsi_total(), b.icpi_total()), (5, 4));
}

#[rstest]
#[case::exactly_half(20, 10, true)]
#[case::just_short_of_half(20, 11, false)]
#[case::more_than_half(20, 9, true)]
#[case::odd_baseline_exact(15, 7, true)]
#[case::odd_baseline_short(15, 8, false)]
#[case::to_zero(12, 0, true)]
#[case::worse(12, 14, false)]
#[case::no_baseline_score(0, 0, false)]
fn response_is_at_least_half_below_baseline(#[case] baseline: u8, #[case] latest: u8, #[case] expected: bool) {
    assert_eq!(is_response(baseline, latest), expected);
}

#[rstest]
#[case(4, true)]
#[case(5, false)]
#[case(0, true)]
fn remission_is_below_five(#[case] total: u8, #[case] expected: bool) {
    assert_eq!(is_remission(total), expected);
}

#[test]
fn percent_below_is_signed_and_undefined_at_zero() {
    assert_eq!(percent_below(20, 15), Some(25.0));
    assert_eq!(percent_below(20, 25), Some(-25.0));
    assert_eq!(percent_below(0, 3), None);
    assert!(at_least_percent_below(20, 15, 25));
    assert!(!at_least_percent_below(20, 16, 25));
}

#[test]
fn baseline_is_the_first_phq9_on_or_before_the_first_session_day() {
    let mut journal = Journal::default();
    journal.sessions.push(session("2026-03-05T10:00:00-05:00", Medication::RacemicKetamine, Route::Iv, 35.0));
    journal.phq9.push(phq("2026-03-05T18:00:00-05:00", 18)); // same local day, after the session
    journal.phq9.push(phq("2026-03-19T09:00:00-05:00", 9));
    let as_of = ts("2026-04-01T00:00:00-05:00");
    assert_eq!(phq9_baseline(&journal, as_of).unwrap().total(), 18);

    // A PHQ-9 only from the next day on is no baseline.
    journal.phq9[0].at = ts("2026-03-06T08:00:00-05:00");
    assert!(phq9_baseline(&journal, as_of).is_none());

    // An earlier one is, and later records do not count as of an earlier moment.
    journal.phq9.push(phq("2026-03-01T09:00:00-05:00", 21));
    assert_eq!(phq9_baseline(&journal, as_of).unwrap().total(), 21);
    assert!(phq9_baseline(&journal, ts("2026-02-28T23:00:00-05:00")).is_none());
    assert_eq!(latest_phq9(&journal, as_of).unwrap().total(), 9);
    assert_eq!(latest_phq9(&journal, ts("2026-03-10T00:00:00-05:00")).unwrap().total(), 18);
}

#[test]
fn before_any_session_the_first_phq9_is_the_baseline() {
    let journal = Journal { phq9: vec![phq("2026-03-01T09:00:00Z", 16)], ..Journal::default() };
    assert_eq!(phq9_baseline(&journal, ts("2026-03-02T00:00:00Z")).unwrap().total(), 16);
}

#[rstest]
#[case::iv(Medication::RacemicKetamine, Route::Iv, Some(1.0))]
#[case::im(Medication::RacemicKetamine, Route::Im, Some(0.93))]
#[case::intranasal(Medication::RacemicKetamine, Route::Intranasal, Some(0.45))]
#[case::spravato(Medication::Esketamine, Route::Intranasal, Some(0.48))]
#[case::troche(Medication::RacemicKetamine, Route::Sublingual, Some(0.29))]
#[case::oral(Medication::RacemicKetamine, Route::Oral, Some(0.17))]
#[case::rectal(Medication::RacemicKetamine, Route::Rectal, Some(0.30))]
#[case::other_route(Medication::RacemicKetamine, Route::Other, None)]
#[case::other_drug(Medication::Other, Route::Iv, None)]
fn bioavailability_per_route(#[case] medication: Medication, #[case] route: Route, #[case] expected: Option<f64>) {
    let got = bioavailability(medication, route);
    assert_eq!(got.map(|b| b.fraction), expected);
    if let Some(b) = got {
        assert!(!b.source.is_empty());
    }
}

#[test]
fn session_dose_arithmetic() {
    let mut s = session("2026-03-01T10:00:00-05:00", Medication::RacemicKetamine, Route::Sublingual, 200.0);
    assert!((s.bioavailable_mg().unwrap() - 58.0).abs() < 1e-9);
    let profile = Profile { weight_kg: Some(80.0), ..Profile::default() };
    assert_eq!(s.mg_per_kg(&profile), Some(2.5));
    s.weight_kg = Some(100.0);
    assert_eq!(s.mg_per_kg(&profile), Some(2.0));
    s.weight_kg = None;
    assert_eq!(s.mg_per_kg(&Profile::default()), None);
    s.route = Route::Other;
    assert_eq!(s.bioavailable_mg(), None);
}
