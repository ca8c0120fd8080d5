//! The records a journal keeps (docs/DATA.md#records) and the rules each must obey.
//!
//! Every record type derives serde in the shape of the data document v1
//! (docs/DATA.md#the-data-document), and has one `validate` method that checks every range and
//! every cross-field rule. The store calls it on the way in, so nothing
//! invalid is ever written, whether it came from the app, the CLI or a file.

use std::fmt;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Deserializer, Serialize};
use uuid::Uuid;

use crate::time::{Timestamp, day_serde, time_of_day_serde};

/// A validation failure, naming the field (`items[2]`) and what is wrong.
///
/// Paths are relative to the record; the data document prefixes the record
/// (`phq9[3].items[2]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Where the problem is, e.g. `sessions[0].dose_mg`.
    pub path: String,
    /// What is wrong, as the end of a sentence whose subject is the field:
    /// `must be more than 0 mg, not -5`. [`FieldError::sentence`] adds the
    /// subject.
    pub message: String,
}

impl FieldError {
    /// A failure at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self { path: path.into(), message: message.into() }
    }

    /// The same failure seen from one level up (`prefix.path`).
    #[must_use]
    pub fn within(mut self, prefix: &str) -> Self {
        self.path = match (prefix.is_empty(), self.path.is_empty()) {
            (true, _) => self.path,
            (false, true) => prefix.to_owned(),
            (false, false) if self.path.starts_with('[') => format!("{prefix}{}", self.path),
            (false, false) => format!("{prefix}.{}", self.path),
        };
        self
    }
}

impl FieldError {
    /// The failure as a whole sentence: the field in words (from `label`,
    /// given the path), then what is wrong. The path stays in
    /// [`FieldError::path`], for code to find the field; it is never part of
    /// the sentence. A path `label` does not know reads as "This value".
    #[must_use]
    pub fn in_words(self, label: impl Fn(&str) -> Option<&'static str>) -> Self {
        let sentence = self.sentence(label(&self.path).unwrap_or("This value"));
        Self { path: self.path, message: sentence }
    }

    /// `subject` and the message as one sentence: "The dose must be more
    /// than 0 mg, not -5." A message that is already a sentence (it starts
    /// with a capital) is left as it is.
    pub fn sentence(&self, subject: &str) -> String {
        if self.message.starts_with(char::is_uppercase) {
            return self.message.clone();
        }
        let mut text = format!("{subject} {}", self.message);
        if !text.ends_with(['.', '?', '!']) {
            text.push('.');
        }
        text
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() { f.write_str(&self.message) } else { write!(f, "{}: {}", self.path, self.message) }
    }
}

impl std::error::Error for FieldError {}

type Checked = Result<(), FieldError>;

/// Refuses a whole number outside `lo..=hi`.
fn int_in(field: &str, value: impl Into<i64>, lo: i64, hi: i64) -> Checked {
    let value = value.into();
    if (lo..=hi).contains(&value) {
        Ok(())
    } else {
        Err(FieldError::new(field, format!("must be between {lo} and {hi}, not {value}")))
    }
}

fn opt_int_in<T: Into<i64> + Copy>(field: &str, value: Option<T>, lo: i64, hi: i64) -> Checked {
    value.map_or(Ok(()), |v| int_in(field, v, lo, hi))
}

/// Refuses a number that is not finite or outside `lo..=hi`.
fn num_in(field: &str, value: f64, lo: f64, hi: f64) -> Checked {
    if value.is_finite() && (lo..=hi).contains(&value) {
        Ok(())
    } else {
        Err(FieldError::new(field, format!("must be between {lo} and {hi}, not {value}")))
    }
}

/// Refuses a dose that is not a positive, plausible number of milligrams.
fn dose_in(field: &str, mg: f64) -> Checked {
    if !mg.is_finite() || mg <= 0.0 {
        return Err(FieldError::new(field, format!("must be more than 0 mg, not {mg}")));
    }
    if mg > MAX_DOSE_MG {
        return Err(FieldError::new(
            field,
            format!("must be at most {MAX_DOSE_MG} mg, not {mg} (check the unit: mg, not µg)"),
        ));
    }
    Ok(())
}

fn text_max(field: &str, text: &str, max_chars: usize) -> Checked {
    let count = text.chars().count();
    if count > max_chars {
        return Err(FieldError::new(field, format!("can hold at most {max_chars} characters, not {count}")));
    }
    if text.chars().any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r') {
        return Err(FieldError::new(field, "must not contain control characters"));
    }
    Ok(())
}

/// Refuses a label (a name, a number, one item of a list) that is too long
/// or spans lines: labels are shown on one line, in the app, on a terminal
/// and in the PDF.
fn label_max(field: &str, text: &str) -> Checked {
    text_max(field, text, MAX_LABEL_CHARS)?;
    if text.contains(['\n', '\r', '\t']) {
        return Err(FieldError::new(field, "must be on one line"));
    }
    Ok(())
}

fn labels(field: &str, items: &[String]) -> Checked {
    if items.len() > MAX_LIST_ITEMS {
        return Err(FieldError::new(field, format!("can hold at most {MAX_LIST_ITEMS} entries, not {}", items.len())));
    }
    for (i, item) in items.iter().enumerate() {
        let path = format!("{field}[{i}]");
        if item.trim().is_empty() {
            return Err(FieldError::new(path, "must not be empty"));
        }
        label_max(&path, item)?;
    }
    Ok(())
}

/// Checks a record's tags: at most [`MAX_TAGS`]; each 1 to [`MAX_TAG_CHARS`]
/// characters on one line ([`tag_problem`]); no tag twice, ignoring case
/// ("Therapy" and "therapy" are one tag).
///
/// Duplicates are refused, not folded: validation never changes what it
/// checks. Whoever builds a list of tags from typed or imported text folds
/// them first (the app's tag field, the importers).
///
/// # Errors
/// A [`FieldError`] at `tags` (too many) or `tags[i]` (that tag), its
/// message a whole sentence quoting the tag.
pub fn validate_tags(tags: &[String]) -> Checked {
    if tags.len() > MAX_TAGS {
        return Err(FieldError::new(
            "tags",
            format!("can hold at most {MAX_TAGS} tags, not {}: remove {}", tags.len(), tags.len() - MAX_TAGS),
        ));
    }
    for (i, tag) in tags.iter().enumerate() {
        let path = format!("tags[{i}]");
        if let Some(problem) = tag_problem(tag) {
            return Err(FieldError::new(path, problem));
        }
        let folded = tag.to_lowercase();
        if tags[..i].iter().any(|earlier| earlier.to_lowercase() == folded) {
            return Err(FieldError::new(
                path,
                format!(
                    "The tag \u{201c}{tag}\u{201d} is there twice (capital letters do not make another tag): remove one."
                ),
            ));
        }
    }
    Ok(())
}

/// What is wrong with one tag on its own, as a sentence quoting it; `None`
/// for a valid tag: 1 to [`MAX_TAG_CHARS`] characters, one line of visible
/// characters (no control, bidirectional or line-separator character,
/// [`crate::text::is_unsafe`], and no invisible format character,
/// [`crate::text::is_invisible`], so that "walk\u{200B}" cannot stand beside
/// "walk" looking the same; a zero-width joiner inside an emoji sequence,
/// 🏃\u{200D}♀, is part of what is seen), no comma (commas separate tags where
/// they are typed and listed), no space at either end.
pub fn tag_problem(tag: &str) -> Option<String> {
    let count = tag.chars().count();
    let shown = |reveal: bool| {
        let start: String = tag.chars().take(MAX_TAG_CHARS).collect();
        let more = if count > MAX_TAG_CHARS { "\u{2026}" } else { "" };
        let start = if reveal { crate::text::revealed(&start) } else { crate::text::printable(&start) };
        format!("\u{201c}{start}{more}\u{201d}")
    };
    let chars: Vec<char> = tag.chars().collect();
    let hidden = chars
        .iter()
        .enumerate()
        .any(|(i, &c)| crate::text::is_unsafe(c) || (crate::text::is_invisible(c) && !joins_emoji(&chars, i)));
    Some(if tag.trim().is_empty() {
        "A tag must have at least one letter, digit or sign.".to_owned()
    } else if hidden {
        format!("The tag {} must be one line of visible characters.", shown(true))
    } else if count > MAX_TAG_CHARS {
        format!("The tag {} is {count} characters long; a tag can have at most {MAX_TAG_CHARS}.", shown(false))
    } else if tag.contains(',') {
        format!("The tag {} must not contain a comma: commas separate tags.", shown(false))
    } else if tag.trim() != tag {
        format!("The tag {} must not start or end with a space.", shown(false))
    } else {
        return None;
    })
}

/// Whether `chars[i]` is a zero-width joiner between two pictographs (an
/// emoji sequence such as 🏃\u{200D}♀\u{FE0F}): neither neighbour a letter,
/// digit, ASCII, space or invisible character.
fn joins_emoji(chars: &[char], i: usize) -> bool {
    let pictograph = |c: Option<&char>| {
        c.is_some_and(|&c| !c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace() && !crate::text::is_invisible(c))
    };
    chars[i] == '\u{200D}' && i > 0 && pictograph(chars.get(i - 1)) && pictograph(chars.get(i + 1))
}

/// The largest single dose accepted, in mg: above any ketamine protocol for
/// mood disorders, low enough to catch a µg/mg mix-up.
pub const MAX_DOSE_MG: f64 = 2000.0;
/// Longest free-text note, in characters.
pub const MAX_NOTE_CHARS: usize = 20_000;
/// Longest short label (side effect, co-medication, names), in characters.
pub const MAX_LABEL_CHARS: usize = 200;
/// Most entries in a list of labels (side effects, co-medications).
pub const MAX_LIST_ITEMS: usize = 50;
/// Most tags on one record.
pub const MAX_TAGS: usize = 20;
/// Longest tag, in characters.
pub const MAX_TAG_CHARS: usize = 40;
/// Most partial doses in one session.
pub const MAX_PARTIAL_DOSES: usize = 24;
/// Plausible body weight, in kg.
pub const WEIGHT_KG_RANGE: (f64, f64) = (20.0, 400.0);

/// Which drug was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Medication {
    /// Racemic (R,S)-ketamine: IV, IM, troches, tablets, compounded sprays.
    RacemicKetamine,
    /// Esketamine (Spravato) nasal spray.
    Esketamine,
    /// Anything else the user logs.
    Other,
}

/// How it was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Route {
    /// Intravenous infusion.
    Iv,
    /// Intramuscular injection.
    Im,
    /// Nasal spray.
    Intranasal,
    /// Troche or rapid-dissolve tablet held in the mouth.
    Sublingual,
    /// Swallowed.
    Oral,
    /// Rectal.
    Rectal,
    /// Anything else.
    Other,
}

/// Where the session took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Setting {
    /// In a clinic.
    Clinic,
    /// At home.
    Home,
    /// At home with a clinician on a call.
    Telehealth,
    /// Anywhere else.
    Other,
}

/// One blood-pressure reading, mmHg.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BloodPressure {
    /// Systolic pressure.
    pub systolic: u16,
    /// Diastolic pressure.
    pub diastolic: u16,
}

impl BloodPressure {
    fn validate(&self) -> Checked {
        int_in("systolic", self.systolic, 50, 300)?;
        int_in("diastolic", self.diastolic, 20, 200)?;
        if self.diastolic >= self.systolic {
            return Err(FieldError::new(
                "diastolic",
                format!("must be lower than the systolic pressure ({} is not below {})", self.diastolic, self.systolic),
            ));
        }
        Ok(())
    }
}

/// One part of a dose taken in steps (e.g. ½ then ¼ then ¼ an hour apart).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PartialDose {
    /// Minutes after the session started.
    pub after_min: u32,
    /// Milligrams taken at that moment.
    pub mg: f64,
}

/// A dosing session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Session {
    /// Stable record id.
    pub id: Uuid,
    /// When the (first) dose was taken.
    pub started_at: Timestamp,
    /// Which drug.
    pub medication: Medication,
    /// How it was taken.
    pub route: Route,
    /// Total milligrams over the session (the sum of `doses` when given).
    pub dose_mg: f64,
    /// The partial doses, when the dose was split; empty for a single dose.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub doses: Vec<PartialDose>,
    /// Body weight for this session; the profile's weight when absent.
    #[serde(default)]
    pub weight_kg: Option<f64>,
    /// Length of the session in minutes.
    #[serde(default)]
    pub duration_min: Option<u32>,
    /// Where it took place.
    #[serde(default)]
    pub setting: Option<Setting>,
    /// Blood pressure before the dose.
    #[serde(default)]
    pub bp_pre: Option<BloodPressure>,
    /// Blood pressure after the dose (for esketamine, about 40 minutes after).
    #[serde(default)]
    pub bp_post: Option<BloodPressure>,
    /// Heart rate before, beats per minute.
    #[serde(default)]
    pub heart_rate_pre: Option<u16>,
    /// Heart rate after, beats per minute.
    #[serde(default)]
    pub heart_rate_post: Option<u16>,
    /// The user's own 0–10 rating of dissociation (not a validated scale).
    #[serde(default)]
    pub dissociation: Option<u8>,
    /// Side effects noticed (nausea, headache, dizziness, …).
    #[serde(default)]
    pub side_effects: Vec<String>,
    /// Whether psychotic symptoms (hallucinations outside the session's
    /// expected effects, paranoia) were noticed.
    #[serde(default)]
    pub psychotic_symptoms: bool,
    /// Other medicines taken that day (magnesium, ondansetron, …).
    #[serde(default)]
    pub co_medications: Vec<String>,
    /// The user's own free tags ("clinic B", "with music"); see [`validate_tags`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Intention set before the session.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub intention: String,
    /// Reflection written afterwards.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reflection: String,
    /// Free notes.
    #[serde(default)]
    pub notes: String,
    /// Whether the notes, intention and reflection may appear in the
    /// clinician's PDF. Off unless the user turns it on.
    #[serde(default)]
    pub share_notes: bool,
}

impl Session {
    /// A session of `dose_mg` of `medication` by `route`, with nothing else
    /// recorded: the base to fill in the rest with `..Session::new(…)`.
    pub fn new(id: Uuid, started_at: Timestamp, medication: Medication, route: Route, dose_mg: f64) -> Self {
        Self {
            id,
            started_at,
            medication,
            route,
            dose_mg,
            doses: Vec::new(),
            weight_kg: None,
            duration_min: None,
            setting: None,
            bp_pre: None,
            bp_post: None,
            heart_rate_pre: None,
            heart_rate_post: None,
            dissociation: None,
            side_effects: Vec::new(),
            psychotic_symptoms: false,
            co_medications: Vec::new(),
            tags: Vec::new(),
            intention: String::new(),
            reflection: String::new(),
            notes: String::new(),
            share_notes: false,
        }
    }

    /// Checks every field; the error names the first field that is wrong.
    ///
    /// # Errors
    /// A [`FieldError`] relative to the session.
    pub fn validate(&self) -> Checked {
        dose_in("dose_mg", self.dose_mg)?;
        if self.doses.len() > MAX_PARTIAL_DOSES {
            return Err(FieldError::new(
                "doses",
                format!("can hold at most {MAX_PARTIAL_DOSES} partial doses, not {}", self.doses.len()),
            ));
        }
        for (i, part) in self.doses.iter().enumerate() {
            let at = format!("doses[{i}]");
            dose_in(&format!("{at}.mg"), part.mg)?;
            int_in(&format!("{at}.after_min"), part.after_min, 0, 24 * 60)?;
        }
        if !self.doses.is_empty() {
            let sum: f64 = self.doses.iter().map(|d| d.mg).sum();
            if (sum - self.dose_mg).abs() > 1e-6 * sum.max(1.0) {
                return Err(FieldError::new(
                    "dose_mg",
                    format!("must equal the sum of the partial doses ({sum} mg), not {} mg", self.dose_mg),
                ));
            }
        }
        if let Some(kg) = self.weight_kg {
            num_in("weight_kg", kg, WEIGHT_KG_RANGE.0, WEIGHT_KG_RANGE.1)?;
        }
        opt_int_in("duration_min", self.duration_min, 1, 24 * 60)?;
        if let Some(bp) = &self.bp_pre {
            bp.validate().map_err(|e| e.within("bp_pre"))?;
        }
        if let Some(bp) = &self.bp_post {
            bp.validate().map_err(|e| e.within("bp_post"))?;
        }
        opt_int_in("heart_rate_pre", self.heart_rate_pre, 20, 250)?;
        opt_int_in("heart_rate_post", self.heart_rate_post, 20, 250)?;
        opt_int_in("dissociation", self.dissociation, 0, 10)?;
        labels("side_effects", &self.side_effects)?;
        labels("co_medications", &self.co_medications)?;
        validate_tags(&self.tags)?;
        text_max("intention", &self.intention, MAX_NOTE_CHARS)?;
        text_max("reflection", &self.reflection, MAX_NOTE_CHARS)?;
        text_max("notes", &self.notes, MAX_NOTE_CHARS)
    }

    /// The weight that applies: the session's own, else the profile's.
    pub fn effective_weight_kg(&self, profile: &Profile) -> Option<f64> {
        self.weight_kg.or(profile.weight_kg)
    }
}

/// A daily check-in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckIn {
    /// Stable record id.
    pub id: Uuid,
    /// When it was written.
    pub at: Timestamp,
    /// Mood, 0 (worst) to 10 (best).
    #[serde(default)]
    pub mood: Option<u8>,
    /// Anxiety, 0 (none) to 10 (worst).
    #[serde(default)]
    pub anxiety: Option<u8>,
    /// Hours slept last night.
    #[serde(default)]
    pub sleep_hours: Option<f64>,
    /// Energy, 0 (none) to 10 (full).
    #[serde(default)]
    pub energy: Option<u8>,
    /// The user's own free tags ("therapy", "exercise"); see [`validate_tags`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Free notes, private unless shared.
    #[serde(default)]
    pub notes: String,
    /// Whether the notes may appear in the clinician's PDF.
    #[serde(default)]
    pub share_notes: bool,
}

impl CheckIn {
    /// Checks every field.
    ///
    /// # Errors
    /// A [`FieldError`] relative to the check-in.
    pub fn validate(&self) -> Checked {
        opt_int_in("mood", self.mood, 0, 10)?;
        opt_int_in("anxiety", self.anxiety, 0, 10)?;
        if let Some(hours) = self.sleep_hours {
            num_in("sleep_hours", hours, 0.0, 24.0)?;
        }
        opt_int_in("energy", self.energy, 0, 10)?;
        validate_tags(&self.tags)?;
        text_max("notes", &self.notes, MAX_NOTE_CHARS)
    }
}

impl CheckIn {
    /// Whether it records nothing: no mood, anxiety, energy, sleep, tag or
    /// note. Such a check-in is not saved ([`crate::open::OpenJournal::save`]
    /// refuses it with [`CheckIn::EMPTY`]) nor made by an import; `validate`
    /// still takes one, so that a document holding one reads whole.
    pub fn is_empty(&self) -> bool {
        self.mood.is_none()
            && self.anxiety.is_none()
            && self.sleep_hours.is_none()
            && self.energy.is_none()
            && self.tags.is_empty()
            && self.notes.trim().is_empty()
    }

    /// Why an empty check-in is not saved, at its first question.
    pub const EMPTY: (&str, &str) =
        ("mood", "Answer at least one question: a check-in with nothing in it is not saved.");

    /// A check-in at `at` with nothing recorded yet: the base to fill in
    /// with `..CheckIn::new(…)`.
    pub fn new(id: Uuid, at: Timestamp) -> Self {
        Self {
            id,
            at,
            mood: None,
            anxiety: None,
            sleep_hours: None,
            energy: None,
            tags: Vec::new(),
            notes: String::new(),
            share_notes: false,
        }
    }
}

/// Answers to a questionnaire with `N` items, each `0..=max`.
fn answers<const N: usize>(items: &[u8; N], max: u8) -> Checked {
    for (i, &answer) in items.iter().enumerate() {
        int_in(&format!("items[{i}]"), answer, 0, i64::from(max))?;
    }
    Ok(())
}

/// Reads a fixed number of answers, naming a wrong count ("expected 9 answers, got 8").
fn fixed_answers<'de, D: Deserializer<'de>, const N: usize>(deserializer: D) -> Result<[u8; N], D::Error> {
    let values = Vec::<u8>::deserialize(deserializer)?;
    let got = values.len();
    values.try_into().map_err(|_| serde::de::Error::custom(format!("expected {N} answers, got {got}")))
}

/// A PHQ-9 depression questionnaire (wording and scoring: `instruments`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PhqNine {
    /// Stable record id.
    pub id: Uuid,
    /// When it was answered.
    pub at: Timestamp,
    /// The nine answers, each 0–3, in the published order.
    #[serde(deserialize_with = "fixed_answers::<_, 9>")]
    pub items: [u8; 9],
    /// The closing "how difficult" question, 0–3, when answered.
    #[serde(default)]
    pub difficulty: Option<u8>,
}

impl PhqNine {
    /// Checks every answer.
    ///
    /// # Errors
    /// A [`FieldError`] such as `items[2]: must be between 0 and 3, got 4`.
    pub fn validate(&self) -> Checked {
        answers(&self.items, 3)?;
        opt_int_in("difficulty", self.difficulty, 0, 3)
    }

    /// The total score, 0–27.
    pub fn total(&self) -> u8 {
        self.items.iter().sum()
    }

    /// Item 9: thoughts of being better off dead or of self-harm.
    pub fn item9(&self) -> u8 {
        self.items[8]
    }
}

/// A GAD-7 anxiety questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GadSeven {
    /// Stable record id.
    pub id: Uuid,
    /// When it was answered.
    pub at: Timestamp,
    /// The seven answers, each 0–3.
    #[serde(deserialize_with = "fixed_answers::<_, 7>")]
    pub items: [u8; 7],
}

impl GadSeven {
    /// Checks every answer.
    ///
    /// # Errors
    /// A [`FieldError`] naming the answer.
    pub fn validate(&self) -> Checked {
        answers(&self.items, 3)
    }

    /// The total score, 0–21.
    pub fn total(&self) -> u8 {
        self.items.iter().sum()
    }
}

/// The O'Leary-Sant bladder indices, answered together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BladderIndices {
    /// Stable record id.
    pub id: Uuid,
    /// When they were answered.
    pub at: Timestamp,
    /// Interstitial Cystitis Symptom Index: urgency, frequency, nocturia 0–5;
    /// pain or burning 0, 2, 3, 4 or 5.
    #[serde(deserialize_with = "fixed_answers::<_, 4>")]
    pub icsi: [u8; 4],
    /// Interstitial Cystitis Problem Index: four items 0–4.
    #[serde(deserialize_with = "fixed_answers::<_, 4>")]
    pub icpi: [u8; 4],
}

impl BladderIndices {
    /// Checks every answer, including the ICSI pain item's missing 1.
    ///
    /// # Errors
    /// A [`FieldError`] naming the answer.
    pub fn validate(&self) -> Checked {
        answers(&self.icsi, 5).map_err(|e| FieldError::new(e.path.replace("items", "icsi"), e.message))?;
        if self.icsi[3] == 1 {
            return Err(FieldError::new("icsi[3]", "must be 0, 2, 3, 4 or 5 (1 is not an answer)"));
        }
        answers(&self.icpi, 4).map_err(|e| FieldError::new(e.path.replace("items", "icpi"), e.message))
    }
}

/// One day of the bladder diary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BladderDay {
    /// Stable record id.
    pub id: Uuid,
    /// The local calendar day it describes (one entry per day).
    #[serde(with = "day_serde")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub date: NaiveDate,
    /// Times the user urinated while awake.
    #[serde(default)]
    pub day_voids: Option<u16>,
    /// Times the user woke to urinate.
    #[serde(default)]
    pub night_voids: Option<u16>,
    /// Strongest urgency, 0 (none) to 4 (could not wait).
    #[serde(default)]
    pub urgency: Option<u8>,
    /// Worst bladder pain, 0–10.
    #[serde(default)]
    pub pain: Option<u8>,
    /// Burning on urination.
    #[serde(default)]
    pub burning: bool,
    /// Blood visible in the urine.
    #[serde(default)]
    pub visible_blood: bool,
    /// Cloudy urine.
    #[serde(default)]
    pub cloudy: bool,
    /// Leakage (urge incontinence).
    #[serde(default)]
    pub leakage: bool,
    /// Free notes.
    #[serde(default)]
    pub notes: String,
    /// Whether the notes may appear in the clinician's PDF.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub share_notes: bool,
}

impl BladderDay {
    /// The diary day `date` with nothing recorded yet: the base to fill in
    /// with `..BladderDay::new(…)`.
    pub fn new(id: Uuid, date: NaiveDate) -> Self {
        Self {
            id,
            date,
            day_voids: None,
            night_voids: None,
            urgency: None,
            pain: None,
            burning: false,
            visible_blood: false,
            cloudy: false,
            leakage: false,
            notes: String::new(),
            share_notes: false,
        }
    }

    /// Checks every field.
    ///
    /// # Errors
    /// A [`FieldError`] relative to the diary day.
    pub fn validate(&self) -> Checked {
        opt_int_in("day_voids", self.day_voids, 0, 60)?;
        opt_int_in("night_voids", self.night_voids, 0, 20)?;
        opt_int_in("urgency", self.urgency, 0, 4)?;
        opt_int_in("pain", self.pain, 0, 10)?;
        text_max("notes", &self.notes, MAX_NOTE_CHARS)
    }
}

/// The user's note that they have seen an alert and what they did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Acknowledgement {
    /// The alert's stable id (rule id plus the evidence it rests on).
    pub alert_id: String,
    /// When the user acknowledged it.
    pub at: Timestamp,
    /// What they did ("called the clinic, appointment Friday").
    #[serde(default)]
    pub note: String,
    /// Whether the note may appear in the clinician's PDF. Off unless the
    /// user turns it on, as for every other note.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub share_note: bool,
}

impl Acknowledgement {
    /// The field `path` in words, if known.
    pub fn label(path: &str) -> Option<&'static str> {
        Some(match path {
            "alert_id" => "The alert's id",
            "at" => "The time",
            "note" => "The note",
            _ => return None,
        })
    }

    /// Checks every field.
    ///
    /// # Errors
    /// A [`FieldError`] relative to the acknowledgement.
    pub fn validate(&self) -> Checked {
        if self.alert_id.trim().is_empty() {
            return Err(FieldError::new("alert_id", "must not be empty"));
        }
        text_max("alert_id", &self.alert_id, MAX_LABEL_CHARS * 4)?;
        if self.alert_id.contains(['\n', '\r', '\t']) {
            return Err(FieldError::new("alert_id", "must be on one line"));
        }
        text_max("note", &self.note, MAX_NOTE_CHARS)
    }
}

/// The treating clinician.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Clinician {
    /// Name as the user wants it shown ("Dr Rivera").
    #[serde(default)]
    pub name: String,
    /// Phone number.
    #[serde(default)]
    pub phone: String,
    /// Email address.
    #[serde(default)]
    pub email: String,
}

/// The crisis line for the user's country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CrisisLine {
    /// What it is called ("988 Suicide & Crisis Lifeline").
    #[serde(default)]
    pub label: String,
    /// Number to call.
    #[serde(default)]
    pub phone: String,
    /// Number to text.
    #[serde(default)]
    pub text: String,
    /// Emergency number (911, 112, 999, …).
    #[serde(default = "CrisisLine::us_emergency", skip_serializing_if = "CrisisLine::is_us_emergency")]
    pub emergency: String,
}

impl CrisisLine {
    /// The United States default: call or text 988; emergency 911.
    pub fn us_default() -> Self {
        Self {
            label: "988 Suicide & Crisis Lifeline".to_owned(),
            phone: "988".to_owned(),
            text: "988".to_owned(),
            emergency: Self::us_emergency(),
        }
    }

    fn us_emergency() -> String {
        "911".to_owned()
    }

    fn is_us_emergency(number: &str) -> bool {
        number == "911"
    }
}

/// Weight unit the user prefers to see and type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum WeightUnit {
    /// Kilograms.
    #[default]
    Kg,
    /// Pounds.
    Lb,
}

/// Which reminders the user wants, and how they reach them.
///
/// The first four drive the in-app "Due today" list ([`crate::reminders`]);
/// all of them drive the desktop notifications ([`crate::schedule`]). Every
/// field added after the first four has a serde default, so profiles written
/// before it read as they did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Reminders {
    /// A reflection the day after a session.
    #[serde(default = "yes")]
    pub reflection: bool,
    /// A PHQ-9 every `questionnaire_days` days.
    #[serde(default = "yes")]
    pub phq9: bool,
    /// The bladder diary daily during active treatment.
    #[serde(default = "yes")]
    pub bladder_diary: bool,
    /// "Don't drive until tomorrow" after a session.
    #[serde(default = "yes")]
    pub driving: bool,
    /// A daily check-in, at `checkin_time` (notifications only).
    #[serde(default = "yes")]
    pub checkin: bool,
    /// The local wall time (`HH:MM`) at which the check-in, and every other
    /// reminder that is due on a day rather than at a moment, is notified.
    #[serde(default = "Reminders::default_checkin_time", with = "time_of_day_serde")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub checkin_time: NaiveTime,
    /// Days between PHQ-9s, and between GAD-7s: 7 (weekly) or 14.
    #[serde(default = "Reminders::default_questionnaire_days")]
    pub questionnaire_days: u16,
    /// A GAD-7 every `questionnaire_days` days (notifications only).
    #[serde(default = "yes")]
    pub gad7: bool,
    /// The ICSI/ICPI monthly while the bladder diary is in use
    /// (notifications only).
    #[serde(default = "yes")]
    pub icsi_icpi: bool,
    /// A follow-up while a crisis or urgent alert is unacknowledged
    /// (notifications only).
    #[serde(default = "yes")]
    pub follow_up: bool,
    /// Desktop notifications. Off unless the user turns them on; while off,
    /// nothing about reminders is kept outside the encrypted journal.
    #[serde(default)]
    pub notifications: bool,
    /// Notifications say only "Ketalog has something for you", never which
    /// reminder is due.
    #[serde(default)]
    pub hide_kind: bool,
    /// Whether closing the window keeps Ketalog running in the tray while
    /// notifications are on; `None`: ask the first time.
    #[serde(default)]
    pub close_to_tray: Option<bool>,
    /// Start Ketalog in the tray when the user logs in.
    #[serde(default)]
    pub start_at_login: bool,
}

fn yes() -> bool {
    true
}

impl Reminders {
    /// The questionnaire cadences offered, in days: weekly or every two weeks.
    pub const QUESTIONNAIRE_DAYS: [u16; 2] = [7, 14];

    fn default_checkin_time() -> NaiveTime {
        NaiveTime::from_hms_opt(20, 0, 0).unwrap_or(NaiveTime::MIN)
    }

    fn default_questionnaire_days() -> u16 {
        14
    }

    /// Checks the cadence (the time of day is checked when it is read).
    ///
    /// # Errors
    /// A [`FieldError`] relative to the preferences, e.g.
    /// `questionnaire_days: must be 7 (weekly) or 14 (every two weeks), not 10`.
    pub fn validate(&self) -> Checked {
        if !Self::QUESTIONNAIRE_DAYS.contains(&self.questionnaire_days) {
            return Err(FieldError::new(
                "questionnaire_days",
                format!("must be 7 (weekly) or 14 (every two weeks), not {}", self.questionnaire_days),
            ));
        }
        Ok(())
    }
}

impl Default for Reminders {
    fn default() -> Self {
        Self {
            reflection: true,
            phq9: true,
            bladder_diary: true,
            driving: true,
            checkin: true,
            checkin_time: Self::default_checkin_time(),
            questionnaire_days: Self::default_questionnaire_days(),
            gad7: true,
            icsi_icpi: true,
            follow_up: true,
            notifications: false,
            hide_kind: false,
            close_to_tray: None,
            start_at_login: false,
        }
    }
}

/// Who the journal belongs to and how they want it to behave.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Profile {
    /// Name to print on the PDF, if the user wants one.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Body weight, kg (shown in `weight_unit`).
    #[serde(default)]
    pub weight_kg: Option<f64>,
    /// The treating clinician.
    #[serde(default)]
    pub clinician: Option<Clinician>,
    /// The crisis line; the US line when absent.
    #[serde(default)]
    pub crisis_line: Option<CrisisLine>,
    /// Unit for showing and typing weight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_unit: Option<WeightUnit>,
    /// The plan in the user's words ("6 infusions over 3 weeks, then boosters every 4 weeks").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub treatment_plan: Option<String>,
    /// Lock after this many idle minutes (1–240).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_lock_minutes: Option<u16>,
    /// Reminder preferences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminders: Option<Reminders>,
}

impl Profile {
    /// The field `path` in words, if known.
    pub fn label(path: &str) -> Option<&'static str> {
        Some(match path {
            "display_name" => "The name to print",
            "weight_kg" => "The body weight",
            "clinician.name" => "The clinician's name",
            "clinician.phone" => "The clinician's phone number",
            "clinician.email" => "The clinician's email address",
            "crisis_line" => "The crisis line",
            "crisis_line.label" => "The crisis line's name",
            "crisis_line.phone" => "The crisis line's number to call",
            "crisis_line.text" => "The crisis line's number to text",
            "crisis_line.emergency" => "The emergency number",
            "treatment_plan" => "The treatment plan",
            "auto_lock_minutes" => "The time before the journal locks itself",
            "reminders.questionnaire_days" => "The number of days between questionnaires",
            "reminders.checkin_time" => "The time of the daily check-in reminder",
            _ => return None,
        })
    }

    /// Auto-lock minutes when the user has not chosen.
    pub const DEFAULT_AUTO_LOCK_MINUTES: u16 = 5;

    /// Checks every field.
    ///
    /// # Errors
    /// A [`FieldError`] relative to the profile.
    pub fn validate(&self) -> Checked {
        self.validate_fields().map_err(|e| e.in_words(Self::label))
    }

    fn validate_fields(&self) -> Checked {
        if let Some(name) = &self.display_name {
            label_max("display_name", name)?;
        }
        if let Some(kg) = self.weight_kg {
            num_in("weight_kg", kg, WEIGHT_KG_RANGE.0, WEIGHT_KG_RANGE.1)?;
        }
        if let Some(c) = &self.clinician {
            label_max("clinician.name", &c.name)?;
            label_max("clinician.phone", &c.phone)?;
            label_max("clinician.email", &c.email)?;
        }
        if let Some(line) = &self.crisis_line {
            label_max("crisis_line.label", &line.label)?;
            label_max("crisis_line.phone", &line.phone)?;
            label_max("crisis_line.text", &line.text)?;
            label_max("crisis_line.emergency", &line.emergency)?;
            if line.phone.trim().is_empty() && line.text.trim().is_empty() {
                return Err(FieldError::new("crisis_line", "needs a number to call or to text"));
            }
        }
        if let Some(plan) = &self.treatment_plan {
            text_max("treatment_plan", plan, MAX_NOTE_CHARS)?;
        }
        opt_int_in("auto_lock_minutes", self.auto_lock_minutes, 1, 240)?;
        if let Some(reminders) = &self.reminders {
            reminders.validate().map_err(|e| e.within("reminders"))?;
        }
        Ok(())
    }

    /// The crisis line to show: the user's, or the US default.
    pub fn crisis_line_or_default(&self) -> CrisisLine {
        self.crisis_line.clone().unwrap_or_else(CrisisLine::us_default)
    }

    /// Fields present in `other` replace this profile's; absent ones stay.
    pub fn merge_from(&mut self, other: &Profile) {
        fn take<T: Clone>(mine: &mut Option<T>, theirs: &Option<T>) {
            if theirs.is_some() {
                mine.clone_from(theirs);
            }
        }
        take(&mut self.display_name, &other.display_name);
        take(&mut self.weight_kg, &other.weight_kg);
        take(&mut self.clinician, &other.clinician);
        take(&mut self.crisis_line, &other.crisis_line);
        take(&mut self.weight_unit, &other.weight_unit);
        take(&mut self.treatment_plan, &other.treatment_plan);
        take(&mut self.auto_lock_minutes, &other.auto_lock_minutes);
        take(&mut self.reminders, &other.reminders);
    }
}

/// One profile setting that differs between the journal's profile and the
/// one a file would install: what a merge or a replace must show, field by
/// field, before the user agrees to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProfileChange {
    /// The setting, for code (`crisis_line.phone`).
    pub field: String,
    /// The setting in words ("Crisis line: number to call").
    pub label: String,
    /// What the journal has now, as shown ("" when not set).
    pub current: String,
    /// What it would become ("" when not set).
    pub incoming: String,
}

impl Profile {
    /// Every setting as the user experiences it (defaults filled in): the
    /// field, its label, and its value as text.
    fn settings(&self) -> Vec<(&'static str, &'static str, String)> {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        let number = |value: Option<f64>| value.map(|v| v.to_string()).unwrap_or_default();
        let yes_no = |on: bool| if on { "on" } else { "off" }.to_owned();
        let clinician = self.clinician.clone().unwrap_or_default();
        let line = self.crisis_line_or_default();
        let reminders = self.reminders.unwrap_or_default();
        let unit = match self.weight_unit.unwrap_or_default() {
            WeightUnit::Kg => "kg",
            WeightUnit::Lb => "lb",
        };
        let auto_lock = self.auto_lock_minutes.unwrap_or(Self::DEFAULT_AUTO_LOCK_MINUTES);
        vec![
            ("display_name", "Name on the PDF", text(&self.display_name)),
            ("weight_kg", "Body weight (kg)", number(self.weight_kg)),
            ("weight_unit", "Weight unit", unit.to_owned()),
            ("clinician.name", "Clinician: name", clinician.name),
            ("clinician.phone", "Clinician: phone", clinician.phone),
            ("clinician.email", "Clinician: email", clinician.email),
            ("crisis_line.label", "Crisis line: name", line.label),
            ("crisis_line.phone", "Crisis line: number to call", line.phone),
            ("crisis_line.text", "Crisis line: number to text", line.text),
            ("crisis_line.emergency", "Emergency number", line.emergency),
            ("treatment_plan", "Treatment plan", text(&self.treatment_plan)),
            ("auto_lock_minutes", "Lock after idle minutes", auto_lock.to_string()),
            ("reminders.reflection", "Reminder: reflection", yes_no(reminders.reflection)),
            ("reminders.phq9", "Reminder: PHQ-9", yes_no(reminders.phq9)),
            ("reminders.bladder_diary", "Reminder: bladder diary", yes_no(reminders.bladder_diary)),
            ("reminders.driving", "Reminder: no driving", yes_no(reminders.driving)),
        ]
    }

    /// The settings that differ between this profile and `after`, in a
    /// fixed order; empty when the user would see no difference.
    pub fn changes_to(&self, after: &Profile) -> Vec<ProfileChange> {
        self.settings()
            .into_iter()
            .zip(after.settings())
            .filter(|((_, _, now), (_, _, then))| now != then)
            .map(|((field, label, current), (_, _, incoming))| ProfileChange {
                field: field.to_owned(),
                label: label.to_owned(),
                current,
                incoming,
            })
            .collect()
    }

    /// This profile with the fields present in `other` taken over.
    #[must_use]
    pub fn merged_with(&self, other: &Profile) -> Profile {
        let mut merged = self.clone();
        merged.merge_from(other);
        merged
    }
}

/// When a record was first written and last changed in the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordTimes {
    /// The record's id.
    pub id: Uuid,
    /// First saved.
    pub created_at: Timestamp,
    /// Last changed.
    pub updated_at: Timestamp,
}

/// Everything a journal holds, in memory: what the rules, charts and report
/// read, and what the data document carries.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Journal {
    /// The profile.
    #[serde(default)]
    pub profile: Profile,
    /// Dosing sessions, oldest first.
    #[serde(default)]
    pub sessions: Vec<Session>,
    /// Daily check-ins, oldest first.
    #[serde(default)]
    pub checkins: Vec<CheckIn>,
    /// PHQ-9 questionnaires, oldest first.
    #[serde(default)]
    pub phq9: Vec<PhqNine>,
    /// GAD-7 questionnaires, oldest first.
    #[serde(default)]
    pub gad7: Vec<GadSeven>,
    /// O'Leary-Sant ICSI/ICPI, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub icsi_icpi: Vec<BladderIndices>,
    /// Bladder diary days, oldest first.
    #[serde(default)]
    pub bladder: Vec<BladderDay>,
    /// Alert acknowledgements, oldest first.
    #[serde(default)]
    pub acknowledgements: Vec<Acknowledgement>,
    /// Creation and update times of the records above.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub record_times: Vec<RecordTimes>,
}

impl Journal {
    /// Number of records of every kind (acknowledgements included).
    pub fn record_count(&self) -> usize {
        self.sessions.len()
            + self.checkins.len()
            + self.phq9.len()
            + self.gad7.len()
            + self.icsi_icpi.len()
            + self.bladder.len()
            + self.acknowledgements.len()
    }
}
