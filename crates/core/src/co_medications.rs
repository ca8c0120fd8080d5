//! Co-medications that patient guides single out for people taking ketamine
//! or esketamine, and how a logged co-medication is recognised.
//!
//! The list is `crates/core/data/co_medications.json`, compiled into the
//! binary: groups (benzodiazepines, lamotrigine, medicines that speed up or
//! slow ketamine's breakdown, opioids, gabapentinoids, alcohol), each with
//! generic and brand names, one sentence of what is known, and its sources.
//! The rule `session.co_medication` reads it through [`matches`]; the
//! session form can offer names as the user types with [`suggest`].
//!
//! # Matching
//! A logged entry ("Xanax 0.5mg", "Diazépam") and every listed name are cut
//! into words the same way, and a name matches when its words appear in the
//! entry one after the other:
//! - letters are compared without case and without accents: Latin letters
//!   with diacritics fold to their base letter (é → e, ø → o, ß → ss, ł → l),
//!   and combining accents are dropped, so a decomposed "é" folds too; other
//!   scripts are compared as written, in lower case;
//! - a word is a run of letters: digits, spaces and punctuation end it
//!   ("Xanax0.5mg" holds the word "xanax"); apostrophes are dropped, so
//!   "St John's wort" and "St Johns wort" are the same words;
//! - whole words only: "lorazepam" does not match "xlorazepamx", and
//!   "gin" does not match "ginger";
//! - no spelling correction: "lorazapam" does not match. A missed match is
//!   a missed reminder to talk to the prescriber; a guessed one would be an
//!   alert about a medicine the user never took.
//!
//! ```
//! use ketalog_core::co_medications;
//!
//! let found = co_medications::matches("Xanax 0.5mg at night");
//! assert_eq!(found[0].group.id, "benzodiazepine");
//! assert_eq!(found[0].name, "Xanax");
//! assert!(co_medications::matches("magnesium").is_empty());
//! assert_eq!(co_medications::suggest("lam", 5)[0].name, "Lamictal");
//! ```

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

/// The data file, embedded at build time.
const DATA: &str = include_str!("../data/co_medications.json");

/// One group of co-medications and what is known about it with ketamine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Stable id (`benzodiazepine`).
    pub id: String,
    /// What a member is, after its name: "Xanax (a benzodiazepine)".
    pub what: String,
    /// One sentence of what is known, stated as fact, never as an
    /// instruction.
    pub known: String,
    /// Generic and brand names, as they are usually written.
    pub names: Vec<String>,
    /// Where `known` comes from.
    pub sources: Vec<String>,
}

/// A listed name found in a logged entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// The group it belongs to.
    pub group: &'static Group,
    /// The listed name that matched, as the list writes it.
    pub name: &'static str,
}

/// A listed name that fits what the user has typed so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The name, as the list writes it.
    pub name: &'static str,
    /// What it is ("a benzodiazepine").
    pub what: &'static str,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct List {
    #[allow(dead_code)] // Documentation for people editing the file.
    about: String,
    groups: Vec<Group>,
}

/// A listed name with its words, ready to compare.
struct Name {
    group: &'static Group,
    name: &'static str,
    words: Vec<String>,
}

static GROUPS: LazyLock<Vec<Group>> = LazyLock::new(|| {
    // The file is compiled in and checked by the tests; a broken file is a
    // build defect, not an input error.
    serde_json::from_str::<List>(DATA).expect("co_medications.json is valid (see its tests)").groups
});

static NAMES: LazyLock<Vec<Name>> = LazyLock::new(|| {
    GROUPS
        .iter()
        .flat_map(|group| group.names.iter().map(move |name| Name { group, name, words: words(name) }))
        .collect()
});

/// Every group, in the list's order.
pub fn groups() -> &'static [Group] {
    &GROUPS
}

/// The groups a logged co-medication entry names, in the list's order, each
/// with the first of its names that matched (see the module documentation
/// for how names are matched). Empty when it names none.
pub fn matches(logged: &str) -> Vec<Match> {
    let entry = words(logged);
    let mut found: Vec<Match> = Vec::new();
    for name in NAMES.iter() {
        let already = found.iter().any(|m| std::ptr::eq(m.group, name.group));
        if !already && contains_run(&entry, &name.words) {
            found.push(Match { group: name.group, name: name.name });
        }
    }
    found
}

/// Up to `limit` listed names that begin with what the user has typed
/// (case and accents ignored), for the co-medication field: names that
/// begin with it first, then names with a later word that does ("wort"
/// finds St John's wort), each group of them alphabetical. Names that fold
/// to the same words are offered once. Nothing for blank input.
pub fn suggest(typed: &str, limit: usize) -> Vec<Suggestion> {
    let typed = words(typed).join(" ");
    if typed.is_empty() {
        return Vec::new();
    }
    // (rank, name): rank 0 when the name starts with the text, 1 when a later word does.
    let mut hits: Vec<(u8, &Name)> = NAMES
        .iter()
        .filter_map(|n| {
            let rank = (0..n.words.len()).position(|i| n.words[i..].join(" ").starts_with(&typed))?;
            Some((u8::from(rank > 0), n))
        })
        .collect();
    hits.sort_by(|(ra, a), (rb, b)| ra.cmp(rb).then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase())));
    let mut seen: Vec<&[String]> = Vec::new();
    let mut out = Vec::new();
    for (_, n) in hits {
        if out.len() == limit {
            break;
        }
        if !seen.contains(&n.words.as_slice()) {
            seen.push(&n.words);
            out.push(Suggestion { name: n.name, what: &n.group.what });
        }
    }
    out
}

/// Whether `needle` occurs in `haystack` as consecutive words.
fn contains_run(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// The words of `text`, lower case and without accents (see the module
/// documentation).
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if is_combining_accent(c) || matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`') {
            // Part of the letter before it, or an apostrophe inside a word.
            continue;
        }
        if c.is_alphabetic() {
            match fold(c) {
                Some(base) => word.push_str(base),
                None => word.push(c),
            }
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Combining diacritical marks (as in a decomposed "é").
fn is_combining_accent(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}')
}

/// Lower-case Latin letters with diacritics (Latin-1 Supplement, Latin
/// Extended-A, and the Romanian comma letters) and the base letters they
/// fold to; each lower-case letter of those blocks is here.
const FOLDS: [(&str, &str); 24] = [
    ("àáâãäåāăą", "a"),
    ("æ", "ae"),
    ("çćĉċč", "c"),
    ("ðďđ", "d"),
    ("èéêëēĕėęě", "e"),
    ("ĝğġģ", "g"),
    ("ĥħ", "h"),
    ("ìíîïĩīĭįı", "i"),
    ("ĳ", "ij"),
    ("ĵ", "j"),
    ("ķĸ", "k"),
    ("ĺļľŀł", "l"),
    ("ñńņňŉŋ", "n"),
    ("òóôõöøōŏő", "o"),
    ("œ", "oe"),
    ("ŕŗř", "r"),
    ("śŝşšſș", "s"),
    ("ß", "ss"),
    ("ţťŧț", "t"),
    ("þ", "th"),
    ("ùúûüũūŭůűų", "u"),
    ("ŵ", "w"),
    ("ýÿŷ", "y"),
    ("źżž", "z"),
];

/// The base letters of a lower-case accented Latin letter, if it is one.
fn fold(c: char) -> Option<&'static str> {
    if c.is_ascii() {
        return None;
    }
    FOLDS.iter().find(|(accented, _)| accented.contains(c)).map(|(_, base)| *base)
}

#[cfg(test)]
mod tests;
