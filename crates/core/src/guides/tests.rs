//! Every fact is complete, sourced and dated, follows the wording rules, and
//! quotes the numbers from their one home.

use std::collections::BTreeSet;

use rstest::rstest;

use super::*;

const MEDICATIONS: [Medication; 3] = [Medication::RacemicKetamine, Medication::Esketamine, Medication::Other];
const ROUTES: [Route; 7] =
    [Route::Iv, Route::Im, Route::Intranasal, Route::Sublingual, Route::Oral, Route::Rectal, Route::Other];

#[test]
fn every_fact_is_complete_and_ids_are_unique() {
    let oldest_check = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let mut ids = BTreeSet::new();
    for f in facts() {
        assert!(ids.insert(f.id.as_str()), "duplicate {}", f.id);
        assert!(f.text.len() > 40 && f.text.ends_with('.'), "{}: text", f.id);
        assert!(f.source.len() > 20, "{}: source", f.id);
        assert!(f.checked >= oldest_check, "{}: checked {}", f.id, f.checked);
        let prefix = serde_json::to_value(f.place).unwrap().as_str().unwrap().to_owned();
        assert!(f.id.starts_with(&format!("{prefix}.")), "{} is not under {prefix}", f.id);
        assert_eq!(f.route.is_some(), f.place == Place::Route, "{}: route", f.id);
    }
}

#[rstest]
#[case::route(Place::Route)]
#[case::after_session(Place::AfterSession)]
#[case::bladder(Place::Bladder)]
#[case::spravato(Place::Spravato)]
fn every_place_has_facts(#[case] place: Place) {
    assert!(at(place).count() >= 2, "{place:?}");
}

#[test]
fn facts_state_facts_and_never_diagnose() {
    for f in facts() {
        let text = f.text.to_lowercase();
        for phrase in ["you have", "diagnos", "you are suffering", "you suffer", "stop taking"] {
            assert!(!text.contains(phrase), "{}: {phrase:?} in {text}", f.id);
        }
    }
}

#[test]
fn advice_ends_by_pointing_to_the_clinician() {
    for f in facts() {
        let last_sentence = f.text.trim_end_matches('.').rsplit(". ").next().unwrap_or_default().to_lowercase();
        assert_eq!(
            last_sentence.contains("talk to your clinician"),
            f.advice,
            "{}: advice {} but the last sentence is {last_sentence:?}",
            f.id,
            f.advice
        );
    }
}

#[test]
fn every_route_with_an_estimate_has_a_fact_quoting_it() {
    for medication in MEDICATIONS {
        for route in ROUTES {
            let estimate = instruments::bioavailability(medication, route);
            let fact = for_route(medication, route);
            assert_eq!(fact.is_some(), estimate.is_some(), "{medication:?} {route:?}");
            if let (Some(fact), Some(estimate)) = (fact, estimate) {
                let quoted = percent(estimate.fraction);
                assert!(fact.text.contains(&quoted), "{}: {quoted} not in {}", fact.id, fact.text);
            }
        }
    }
}

#[test]
fn every_range_holds_its_estimate() {
    for f in facts() {
        if let (Some((lo, hi)), Some(route)) = (f.range, f.route) {
            let estimate = estimate_for(route).unwrap() * 100.0;
            assert!(lo < hi, "{}", f.id);
            assert!(
                (f64::from(lo)..=f64::from(hi)).contains(&estimate.round()),
                "{}: {estimate} outside {lo}-{hi}",
                f.id
            );
            assert!(f.text.contains(&format!("{lo}% to {hi}%")), "{}", f.id);
        }
    }
}

#[test]
fn thresholds_are_filled_in_from_the_rules() {
    let daily = by_id("bladder.break").unwrap();
    assert!(daily.text.contains(&format!("about {:.0} mg a day", thresholds::DAILY_DOSE_ABOVE_MG)), "{}", daily.text);
    let driving = by_id("after_session.driving").unwrap();
    assert!(driving.text.contains(&format!("lasts {} hours", thresholds::DRIVING_WAIT_HOURS)), "{}", driving.text);
    assert!(facts().iter().all(|f| !f.text.contains('{') && !f.text.contains('}')));
}

#[test]
fn an_unknown_placeholder_is_refused() {
    let raw = |text: &str, route: Option<RouteOf>| RawFact {
        id: "test.fact".into(),
        place: Place::Route,
        route,
        range: None,
        advice: false,
        text: text.into(),
        source: "a source long enough to count".into(),
        checked: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    };
    assert!(fill(raw("About {percent} reaches the blood.", None)).unwrap_err().contains("unknown placeholder"));
    assert!(fill(raw("About {estimate}.", None)).unwrap_err().contains("no estimate"));
    let other = Some(RouteOf { medication: None, route: Route::Other });
    assert!(fill(raw("About {estimate}.", other)).unwrap_err().contains("no estimate"));
    assert!(fill(raw("From {range}.", None)).unwrap_err().contains("without a range"));
}

#[test]
fn esketamine_by_nose_has_its_own_fact() {
    assert_eq!(for_route(Medication::Esketamine, Route::Intranasal).unwrap().id, "route.intranasal_esketamine");
    assert_eq!(for_route(Medication::RacemicKetamine, Route::Intranasal).unwrap().id, "route.intranasal");
    assert_eq!(for_route(Medication::Esketamine, Route::Oral).unwrap().id, "route.oral");
    assert!(for_route(Medication::Other, Route::Iv).is_none());
}
