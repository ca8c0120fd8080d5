//! The directory is complete, and lookups, locale guesses and the
//! "day and night" claim follow their definitions.

use std::collections::BTreeSet;

use rstest::rstest;

use super::*;
use crate::model::Profile;

/// The countries the directory must cover.
const REQUIRED: [&str; 26] = [
    "US", "CA", "GB", "IE", "AU", "NZ", "DE", "AT", "CH", "FR", "BE", "NL", "ES", "IT", "PT", "SE", "NO", "DK", "FI",
    "PL", "CZ", "IN", "ZA", "BR", "MX", "JP",
];

fn is_url(text: &str) -> bool {
    (text.starts_with("https://") || text.starts_with("http://")) && !text.contains(' ')
}

#[test]
fn every_required_country_is_present() {
    let codes: BTreeSet<&str> = countries().iter().map(|c| c.code.as_str()).collect();
    for code in REQUIRED {
        assert!(codes.contains(code), "{code} is missing");
    }
}

#[test]
fn codes_and_names_are_unique_and_codes_are_alpha_2() {
    let mut codes = BTreeSet::new();
    let mut names = BTreeSet::new();
    for c in countries() {
        assert!(c.code.len() == 2 && c.code.chars().all(|ch| ch.is_ascii_uppercase()), "bad code {:?}", c.code);
        assert!(codes.insert(c.code.as_str()), "duplicate code {}", c.code);
        assert!(names.insert(c.name.as_str()), "duplicate name {}", c.name);
    }
}

#[test]
fn every_entry_is_complete() {
    let oldest_check = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    for c in countries() {
        let at = &c.code;
        assert!(!c.name.trim().is_empty(), "{at}: name");
        assert!(c.emergency.chars().any(|ch| ch.is_ascii_digit()), "{at}: emergency number");
        assert!(is_url(&c.emergency_source), "{at}: emergency source");
        assert!(!c.lines.is_empty(), "{at}: no line");
        assert!(c.line().call.as_deref().is_some_and(|n| n.chars().any(|ch| ch.is_ascii_digit())), "{at}: call number");
        for line in &c.lines {
            let at = format!("{at} {}", line.name);
            assert!(!line.name.trim().is_empty(), "{at}: name");
            assert!(line.call.is_some() || line.text.is_some(), "{at}: neither call nor text");
            for number in line.call.iter().chain(&line.text) {
                assert!(number.chars().any(|ch| ch.is_ascii_digit()), "{at}: {number:?} has no digits");
            }
            assert!(is_url(&line.source), "{at}: source {:?}", line.source);
            assert!(line.site.as_deref().is_none_or(is_url), "{at}: site");
            assert!(line.checked >= oldest_check, "{at}: checked {}", line.checked);
            assert!(!line.note.trim().is_empty(), "{at}: note");
            assert!(line.hours.as_deref().is_none_or(|h| !h.trim().is_empty()), "{at}: empty hours");
            for language in &line.languages {
                assert!(
                    (2..=3).contains(&language.len()) && language.chars().all(|ch| ch.is_ascii_lowercase()),
                    "{at}: language {language:?}"
                );
            }
        }
    }
}

#[test]
fn every_line_makes_a_valid_profile() {
    for c in countries() {
        for line in &c.lines {
            for language in line.languages.iter().map(String::as_str).chain(["", "xx"]) {
                let crisis_line = c.crisis_line_in(language);
                let profile = Profile { crisis_line: Some(crisis_line.clone()), ..Profile::default() };
                assert_eq!(profile.validate(), Ok(()), "{} in {language:?}: {crisis_line:?}", c.code);
            }
        }
    }
}

#[test]
fn the_picker_list_is_sorted_by_english_name() {
    let names: Vec<&str> = countries().iter().map(|c| c.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted);
}

#[rstest]
#[case::upper("GB", "GB")]
#[case::lower("gb", "GB")]
#[case::mixed(" De ", "DE")]
#[case::english_name("germany", "DE")]
#[case::name_with_space("United Kingdom", "GB")]
fn lookup_ignores_case(#[case] given: &str, #[case] code: &str) {
    assert_eq!(lookup(given).map(|c| c.code.as_str()), Ok(code));
}

#[rstest]
#[case::unknown_code("XX")]
#[case::empty("")]
#[case::three_letters("GBR")]
#[case::misspelt_name("Germny")]
fn an_unknown_country_names_the_known_codes(#[case] given: &str) {
    let err = lookup(given).unwrap_err();
    let message = err.to_string();
    assert!(message.contains(&format!("{:?}", given.trim())), "{message}");
    for code in REQUIRED {
        assert!(message.contains(code), "{code} not listed: {message}");
    }
}

#[test]
fn the_us_line_is_the_models_default() {
    assert_eq!(lookup("US").unwrap().crisis_line(), CrisisLine::us_default());
}

#[rstest]
#[case::posix("en_GB.UTF-8", Some(("GB", Some("en"))))]
#[case::bcp47("de-AT", Some(("AT", Some("de"))))]
#[case::modifier("de_AT@euro", Some(("AT", Some("de"))))]
#[case::lowercase_region("fr_be.utf8", Some(("BE", Some("fr"))))]
#[case::script_subtag("sr-Latn-RS", None)]
#[case::script_then_known_region("zh-Hant-CA", Some(("CA", Some("zh"))))]
#[case::three_letter_language("fil_US", Some(("US", Some("fil"))))]
#[case::windows_name("English_United Kingdom.1252", Some(("GB", None)))]
#[case::no_region("en", None)]
#[case::numeric_region("es-419", None)]
#[case::c_locale("C", None)]
#[case::posix_locale("POSIX", None)]
#[case::c_utf8("C.UTF-8", None)]
#[case::empty("", None)]
#[case::region_not_in_directory("pt_AO.UTF-8", None)]
fn a_locale_names_a_country(#[case] locale: &str, #[case] expected: Option<(&str, Option<&str>)>) {
    let guess = guess_from_locale(locale);
    let got = guess.as_ref().map(|g| (g.country.code.as_str(), g.language.as_deref()));
    assert_eq!(got, expected, "{locale}");
}

#[rstest]
#[case::belgium_in_french("fr_BE.UTF-8", "0800 32 123")]
#[case::belgium_in_dutch("nl_BE.UTF-8", "1813")]
#[case::belgium_in_german("de_BE.UTF-8", "1813")]
#[case::finland_in_swedish_gets_the_line_open_day_and_night("sv_FI.UTF-8", "09 2525 0111")]
#[case::norway("nb_NO.UTF-8", "116 123")]
fn a_locale_picks_the_line_in_its_language(#[case] locale: &str, #[case] phone: &str) {
    assert_eq!(guess_from_locale(locale).unwrap().crisis_line().phone, phone);
}

#[test]
fn a_line_with_hours_says_them_in_its_label() {
    let it = lookup("IT").unwrap().crisis_line();
    assert_eq!(it.label, "Telefono Amico Italia, daily 10:00–24:00");
    assert_eq!(it.emergency, "112");
}

#[rstest]
#[case::us_default(CrisisLine::us_default(), true)]
#[case::samaritans_as_typed(CrisisLine { label: " samaritans ".into(), phone: "116-123".into(), text: String::new(), emergency: "999".into() }, true)]
#[case::italy(lookup("IT").unwrap().crisis_line(), false)]
#[case::denmark_hours_unknown(lookup("DK").unwrap().crisis_line(), false)]
#[case::a_line_the_user_typed(CrisisLine { label: "My clinic's night line".into(), phone: "116 123".into(), text: String::new(), emergency: "112".into() }, false)]
#[case::same_name_other_number(CrisisLine { label: "Samaritans".into(), phone: "0800 000".into(), text: String::new(), emergency: "999".into() }, false)]
#[case::text_only(CrisisLine { label: "Shout".into(), phone: String::new(), text: "85258".into(), emergency: "999".into() }, false)]
fn only_known_lines_are_said_to_answer_day_and_night(#[case] line: CrisisLine, #[case] expected: bool) {
    assert_eq!(answers_day_and_night(&line), expected);
}

#[test]
fn every_countrys_line_open_day_and_night_is_recognised() {
    for c in countries() {
        let line = c.crisis_line();
        assert_eq!(answers_day_and_night(&line), c.line().answers_day_and_night(), "{}", c.code);
    }
}

#[rstest]
#[case::same_number("988", "988", Some("call or text 988"))]
#[case::both("13 11 14", "0477 13 11 14", Some("call 13 11 14 or text 0477 13 11 14"))]
#[case::call_only(" 116 123 ", "", Some("call 116 123"))]
#[case::text_only("", "85258", Some("text 85258"))]
#[case::none(" ", "", None)]
fn how_to_reach_a_line(#[case] phone: &str, #[case] text: &str, #[case] expected: Option<&str>) {
    let line = CrisisLine { label: String::new(), phone: phone.into(), text: text.into(), emergency: String::new() };
    assert_eq!(how_to_reach(&line).as_deref(), expected);
}
