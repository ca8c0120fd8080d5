//! Every code system and code the FHIR export writes, in one table.
//!
//! Standard terminologies where one exists (LOINC for the questionnaires and
//! vital signs, LOINC answer lists for the 0–3 answers, RxNorm for the drug,
//! SNOMED CT for the route, UCUM for units); Ketalog's own code system
//! ([`KETALOG`]) for what no standard code describes: the ICSI/ICPI, the
//! bladder diary and the daily check-in.

use serde_json::{Value, json};

use crate::model::{Medication, Route};

/// LOINC.
pub const LOINC: &str = "http://loinc.org";
/// SNOMED CT (international edition).
pub const SNOMED: &str = "http://snomed.info/sct";
/// RxNorm.
pub const RXNORM: &str = "http://www.nlm.nih.gov/research/umls/rxnorm";
/// UCUM units.
pub const UCUM: &str = "http://unitsofmeasure.org";
/// HL7's observation categories (`survey`, `vital-signs`).
pub const OBSERVATION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";

/// Ketalog's own code system, for observations no standard terminology codes.
///
/// FHIR asks a local code system to be a URL its publisher controls, or a
/// `urn:oid:` / `urn:uuid:` name; Ketalog has no web address of its own, so
/// this is a fixed UUID. Every code in it carries its display text, so a
/// reader needs no lookup. The codes are listed in ARCHITECTURE.md.
pub const KETALOG: &str = "urn:uuid:af6df7e8-ee0e-4c5f-802d-c3f1728ed0e9";

/// The canonical URL of LOINC's PHQ-9 form, which the questionnaire
/// responses name. Item link ids are the LOINC question codes.
pub const PHQ9_QUESTIONNAIRE: &str = "http://loinc.org/q/44249-1";
/// The canonical URL of LOINC's GAD-7 form.
pub const GAD7_QUESTIONNAIRE: &str = "http://loinc.org/q/69737-5";

/// Profile of a blood-pressure observation (the R4 vital-signs profile).
pub const BP_PROFILE: &str = "http://hl7.org/fhir/StructureDefinition/bp";
/// Profile of a heart-rate observation.
pub const HEART_RATE_PROFILE: &str = "http://hl7.org/fhir/StructureDefinition/heartrate";

/// A code in a code system, with the text shown for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// The code system's URI.
    pub system: &'static str,
    /// The code.
    pub code: &'static str,
    /// Its display text.
    pub display: &'static str,
}

impl Code {
    const fn loinc(code: &'static str, display: &'static str) -> Self {
        Self { system: LOINC, code, display }
    }

    const fn ketalog(code: &'static str, display: &'static str) -> Self {
        Self { system: KETALOG, code, display }
    }

    /// The FHIR `Coding`.
    pub fn coding(&self) -> Value {
        json!({ "system": self.system, "code": self.code, "display": self.display })
    }

    /// A `CodeableConcept` holding this coding, with the display as its text.
    pub fn concept(&self) -> Value {
        json!({ "coding": [self.coding()], "text": self.display })
    }
}

/// PHQ-9 panel.
pub const PHQ9_PANEL: Code = Code::loinc("44249-1", "PHQ-9 quick depression assessment panel");
/// PHQ-9 total score.
pub const PHQ9_TOTAL: Code = Code::loinc("44261-6", "Patient Health Questionnaire 9 item total score");
/// The PHQ-9's nine questions, in the published order (item 9 is 44260-8).
pub const PHQ9_ITEMS: [&str; 9] =
    ["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"];
/// PHQ-9 item 9, reported on its own.
pub const PHQ9_ITEM9: Code =
    Code::loinc("44260-8", "Thoughts that you would be better off dead, or of hurting yourself in some way");
/// The PHQ-9's closing "how difficult" question.
pub const PHQ9_DIFFICULTY: &str = "69722-7";
/// GAD-7 panel.
pub const GAD7_PANEL: Code = Code::loinc("69737-5", "Generalized anxiety disorder 7 item (GAD-7)");
/// GAD-7 total score.
pub const GAD7_TOTAL: Code = Code::loinc("70274-6", "Generalized anxiety disorder 7 item (GAD-7) total score");
/// The GAD-7's seven questions, in the published order.
pub const GAD7_ITEMS: [&str; 7] = ["69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"];

/// LOINC answer list LL358-3, for answers 0–3 of every PHQ-9 and GAD-7 question.
pub const FREQUENCY_ANSWERS: [Code; 4] = [
    Code::loinc("LA6568-5", "Not at all"),
    Code::loinc("LA6569-3", "Several days"),
    Code::loinc("LA6570-1", "More than half the days"),
    Code::loinc("LA6571-9", "Nearly every day"),
];
/// LOINC answers 0–3 of the PHQ-9's "how difficult" question.
pub const DIFFICULTY_ANSWERS: [Code; 4] = [
    Code::loinc("LA6572-7", "Not difficult at all"),
    Code::loinc("LA6573-5", "Somewhat difficult"),
    Code::loinc("LA6575-0", "Very difficult"),
    Code::loinc("LA6574-3", "Extremely difficult"),
];

/// Blood-pressure panel.
pub const BP_PANEL: Code = Code::loinc("85354-9", "Blood pressure panel with all children optional");
/// Systolic blood pressure.
pub const SYSTOLIC: Code = Code::loinc("8480-6", "Systolic blood pressure");
/// Diastolic blood pressure.
pub const DIASTOLIC: Code = Code::loinc("8462-4", "Diastolic blood pressure");
/// Heart rate.
pub const HEART_RATE: Code = Code::loinc("8867-4", "Heart rate");

/// The `survey` observation category.
pub const SURVEY: Code = Code { system: OBSERVATION_CATEGORY, code: "survey", display: "Survey" };
/// The `vital-signs` observation category.
pub const VITAL_SIGNS: Code = Code { system: OBSERVATION_CATEGORY, code: "vital-signs", display: "Vital Signs" };

/// The drug, as an RxNorm ingredient; `None` for a medication Ketalog does not name.
pub fn medication(medication: Medication) -> Option<Code> {
    match medication {
        Medication::RacemicKetamine => Some(Code { system: RXNORM, code: "6130", display: "ketamine" }),
        Medication::Esketamine => Some(Code { system: RXNORM, code: "2119365", display: "esketamine" }),
        Medication::Other => None,
    }
}

/// The route, as a SNOMED CT route-of-administration value; `None` for "other".
///
/// A troche or rapid-dissolve tablet held in the mouth is recorded as
/// sublingual in the journal and coded so.
pub fn route(route: Route) -> Option<Code> {
    let (code, display) = match route {
        Route::Iv => ("47625008", "Intravenous route"),
        Route::Im => ("78421000", "Intramuscular route"),
        Route::Intranasal => ("46713006", "Nasal route"),
        Route::Sublingual => ("37839007", "Sublingual route"),
        Route::Oral => ("26643006", "Oral route"),
        Route::Rectal => ("37161004", "Rectal route"),
        Route::Other => return None,
    };
    Some(Code { system: SNOMED, code, display })
}

/// A daily check-in (Ketalog's own ratings; not a validated scale).
pub const CHECK_IN: Code = Code::ketalog("check-in", "Daily check-in (self-rated)");
/// Check-in mood, 0 (worst) to 10 (best).
pub const MOOD: Code = Code::ketalog("mood", "Mood, self-rated 0 (worst) to 10 (best)");
/// Check-in anxiety, 0 (none) to 10 (worst).
pub const ANXIETY: Code = Code::ketalog("anxiety", "Anxiety, self-rated 0 (none) to 10 (worst)");
/// Check-in energy, 0 (none) to 10 (full).
pub const ENERGY: Code = Code::ketalog("energy", "Energy, self-rated 0 (none) to 10 (full)");
/// Hours slept the night before.
pub const SLEEP_HOURS: Code = Code::ketalog("sleep-hours", "Hours slept last night");

/// ICSI total, 0–20.
pub const ICSI_TOTAL: Code = Code::ketalog("icsi-total", "O'Leary-Sant Interstitial Cystitis Symptom Index total");
/// The ICSI's four questions.
pub const ICSI_ITEMS: [Code; 4] = [
    Code::ketalog("icsi-1", "ICSI 1: strong need to urinate with little or no warning"),
    Code::ketalog("icsi-2", "ICSI 2: urinating less than 2 hours after finishing"),
    Code::ketalog("icsi-3", "ICSI 3: getting up at night to urinate"),
    Code::ketalog("icsi-4", "ICSI 4: pain or burning in the bladder"),
];
/// ICPI total, 0–16.
pub const ICPI_TOTAL: Code = Code::ketalog("icpi-total", "O'Leary-Sant Interstitial Cystitis Problem Index total");
/// The ICPI's four questions.
pub const ICPI_ITEMS: [Code; 4] = [
    Code::ketalog("icpi-1", "ICPI 1: frequent urination during the day"),
    Code::ketalog("icpi-2", "ICPI 2: getting up at night to urinate"),
    Code::ketalog("icpi-3", "ICPI 3: need to urinate with little warning"),
    Code::ketalog("icpi-4", "ICPI 4: burning, pain, discomfort or pressure in the bladder"),
];

/// One day of the bladder diary.
pub const DIARY_DAY: Code = Code::ketalog("bladder-diary-day", "Bladder diary, one day");
/// Times urinated while awake.
pub const DAY_VOIDS: Code = Code::ketalog("day-voids", "Times urinated while awake");
/// Times woken to urinate.
pub const NIGHT_VOIDS: Code = Code::ketalog("night-voids", "Times woken to urinate");
/// Strongest urgency, 0–4.
pub const URGENCY: Code = Code::ketalog("urgency", "Strongest urgency, 0 (none) to 4 (could not wait)");
/// Worst bladder pain, 0–10.
pub const PAIN: Code = Code::ketalog("bladder-pain", "Worst bladder pain, 0 to 10");
/// Burning on urination.
pub const BURNING: Code = Code::ketalog("burning", "Burning on urination");
/// Blood visible in the urine.
pub const VISIBLE_BLOOD: Code = Code::ketalog("visible-blood", "Blood visible in the urine");
/// Cloudy urine.
pub const CLOUDY: Code = Code::ketalog("cloudy", "Cloudy urine");
/// Leakage (urge incontinence).
pub const LEAKAGE: Code = Code::ketalog("leakage", "Leakage (urge incontinence)");
