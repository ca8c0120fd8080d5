//! Table tests of the matcher (brand and generic names, case, accents,
//! misspellings and names inside other words) and of the list itself.

use std::collections::BTreeMap;

use rstest::rstest;

use super::*;

fn group_ids(logged: &str) -> Vec<&'static str> {
    matches(logged).iter().map(|m| m.group.id.as_str()).collect()
}

#[rstest]
#[case::generic("alprazolam", "benzodiazepine")]
#[case::brand("Xanax", "benzodiazepine")]
#[case::brand_with_dose("Xanax 0.5mg", "benzodiazepine")]
#[case::dose_glued_to_the_name("xanax0.5mg", "benzodiazepine")]
#[case::upper_case("LORAZEPAM 1 MG", "benzodiazepine")]
#[case::european_brand("Tavor 1 mg", "benzodiazepine")]
#[case::rivotril("Rivotril", "benzodiazepine")]
#[case::klonopin("klonopin as needed", "benzodiazepine")]
#[case::valium("Valium", "benzodiazepine")]
#[case::midazolam("midazolam (in hospital)", "benzodiazepine")]
#[case::slang_plural("benzos", "benzodiazepine")]
#[case::french_accent("Diazépam 5 mg", "benzodiazepine")]
#[case::accent_on_capital("DIAZÉPAM", "benzodiazepine")]
#[case::decomposed_accent("Diaze\u{301}pam", "benzodiazepine")]
#[case::accents_everywhere("Lörazêpàm", "benzodiazepine")]
#[case::lamotrigine("lamotrigine 200 mg", "lamotrigine")]
#[case::lamictal("Lamictal XR", "lamotrigine")]
#[case::rifampin("rifampin", "enzyme_inducer")]
#[case::rifampicin("Rifampicin 600mg", "enzyme_inducer")]
#[case::st_johns_wort("St. John's Wort", "enzyme_inducer")]
#[case::st_johns_wort_no_apostrophe("st johns wort tea", "enzyme_inducer")]
#[case::st_johns_wort_curly_apostrophe("St John\u{2019}s wort", "enzyme_inducer")]
#[case::st_johns_wort_hyphens("St-John's-wort", "enzyme_inducer")]
#[case::german_name("Johanniskraut", "enzyme_inducer")]
#[case::dexamethasone("dexamethasone", "enzyme_inducer")]
#[case::ketoconazole("ketoconazole", "enzyme_inhibitor")]
#[case::cimetidine("Tagamet", "enzyme_inhibitor")]
#[case::orphenadrine("orphenadrine", "enzyme_inhibitor")]
#[case::oxycodone("OxyContin 10", "opioid")]
#[case::tramadol("tramadol", "opioid")]
#[case::co_codamol("co-codamol 30/500", "opioid")]
#[case::gabapentin("Gabapentin 300mg", "gabapentinoid")]
#[case::pregabalin("Lyrica", "gabapentinoid")]
#[case::alcohol("alcohol", "alcohol")]
#[case::wine("a glass of wine", "alcohol")]
fn a_listed_name_is_recognised(#[case] logged: &str, #[case] group: &str) {
    assert_eq!(group_ids(logged), [group], "{logged}");
}

#[rstest]
#[case::inside_another_word("xlorazepamx")]
#[case::prefix_of_a_longer_word("alprazolamine")]
#[case::suffix_of_a_longer_word("prexanax")]
#[case::misspelt_generic("lorazapam")]
#[case::misspelt_brand("Xanaxx")]
#[case::letters_missing("alprazolm")]
#[case::unlisted_plural("valiums")]
#[case::gin_inside_ginger("ginger tea")]
#[case::wine_inside_swine("swine flu jab")]
#[case::rum_inside_rumour("rumours")]
#[case::john_without_the_wort("St John's")]
#[case::wort_alone("wort")]
#[case::common_co_medication("ondansetron")]
#[case::magnesium("magnesium 300 mg")]
#[case::empty("")]
#[case::punctuation_only("–")]
fn other_text_is_not_recognised(#[case] logged: &str) {
    assert_eq!(group_ids(logged), Vec::<&str>::new(), "{logged}");
}

#[test]
fn one_entry_can_name_several_groups_each_reported_once_in_list_order() {
    assert_eq!(group_ids("beer, then Xanax and Valium"), ["benzodiazepine", "alcohol"]);
    let found = matches("Valium and Xanax");
    assert_eq!(found.len(), 1);
    // The first name of the group (in the list's order) that the entry holds.
    assert_eq!(found[0].name, "Xanax");
}

#[rstest]
#[case::case_and_spaces("  St John's   WORT ", &["st", "johns", "wort"])]
#[case::digits_split("Xanax0.5mg", &["xanax", "mg"])]
#[case::german_eszett("Straße", &["strasse"])]
#[case::nordic("Ørsted Æble", &["orsted", "aeble"])]
#[case::polish("Łódź", &["lodz"])]
#[case::romanian_comma_below("Ștefan", &["stefan"])]
#[case::turkish_dotted_capital("İzmir", &["izmir"])]
#[case::other_scripts_kept("Ксанакс", &["ксанакс"])]
fn words_fold_case_and_accents(#[case] text: &str, #[case] expected: &[&str]) {
    assert_eq!(words(text), expected);
}

#[test]
fn the_fold_table_holds_each_lower_case_letter_once() {
    let mut seen = std::collections::BTreeSet::new();
    for (accented, base) in FOLDS {
        assert!(base.chars().all(|c| c.is_ascii_lowercase()), "{base}");
        for c in accented.chars() {
            assert!(c.to_lowercase().eq([c]), "{c} is not lower case");
            assert!(seen.insert(c), "{c} listed twice");
        }
    }
}

#[test]
fn every_group_is_complete_and_worded_as_fact() {
    assert!(groups().len() >= 7);
    for g in groups() {
        assert!(!g.id.is_empty() && !g.what.is_empty(), "{}", g.id);
        assert!(g.known.ends_with('.') && g.known.matches(". ").count() == 0, "{}: one sentence", g.id);
        assert!(!g.names.is_empty(), "{}", g.id);
        assert!(!g.sources.is_empty() && g.sources.iter().all(|s| s.len() > 20), "{}: sources", g.id);
        let known = g.known.to_lowercase();
        for phrase in ["stop", "you should", "must", "diagnos", "you have"] {
            assert!(!known.contains(phrase), "{}: {phrase:?} in {known}", g.id);
        }
    }
}

#[test]
fn every_name_belongs_to_one_group_and_finds_it() {
    let mut owner: BTreeMap<Vec<String>, &str> = BTreeMap::new();
    for g in groups() {
        for name in &g.names {
            let w = words(name);
            assert!(!w.is_empty(), "{name}");
            if let Some(other) = owner.insert(w, &g.id) {
                panic!("{name} is listed in {other} and {}", g.id);
            }
            assert_eq!(group_ids(name), [g.id.as_str()], "{name}");
        }
    }
}

#[rstest]
#[case::blank("   ", &[])]
#[case::start_of_a_brand("xan", &["Xanax", "Xanor"])]
#[case::case_ignored("LAM", &["Lamictal", "lamotrigine"])]
#[case::accent_ignored("diazé", &["diazepam"])]
#[case::later_word("wort", &["Saint John's wort", "St John's wort"])]
#[case::start_of_a_name("st", &["St John's wort", "Stesolid"])]
#[case::start_before_later_words("jo", &["Johanniskraut", "Saint John's wort", "St John's wort"])]
#[case::two_words("st john", &["St John's wort"])]
#[case::nothing_listed("zzz", &[])]
fn suggestions_fit_what_was_typed(#[case] typed: &str, #[case] expected: &[&str]) {
    let names: Vec<&str> = suggest(typed, 10).iter().map(|s| s.name).collect();
    assert_eq!(names, expected, "{typed:?}");
}

#[test]
fn suggestions_say_what_a_name_is_and_respect_the_limit() {
    let all = suggest("c", 100);
    assert!(all.len() > 3);
    assert_eq!(suggest("c", 3), all[..3]);
    assert_eq!(suggest("c", 0), []);
    let xanax = suggest("xanax", 1);
    assert_eq!(xanax, [Suggestion { name: "Xanax", what: "a benzodiazepine" }]);
}
