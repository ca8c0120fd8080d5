//! The questionnaires and the dose arithmetic, in one place: published
//! wording, scoring, severity bands, baseline / response / remission, and the
//! route-dependent share of a dose that reaches the bloodstream.
//!
//! Sources:
//! - PHQ-9: Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a
//!   brief depression severity measure. J Gen Intern Med 2001;16(9):606–613.
//! - GAD-7: Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for
//!   assessing generalized anxiety disorder: the GAD-7. Arch Intern Med
//!   2006;166(10):1092–1097.
//! - PHQ-9 and GAD-7 were developed by Drs. Robert L. Spitzer, Janet B.W.
//!   Williams, Kurt Kroenke and colleagues, with an educational grant from
//!   Pfizer Inc. No permission is required to reproduce, translate, display
//!   or distribute them (<https://www.phqscreeners.com>).
//! - ICSI / ICPI: O'Leary MP, Sant GR, Fowler FJ Jr, Whitmore KE,
//!   Spolarich-Kroll J. The interstitial cystitis symptom index and problem
//!   index. Urology 1997;49(5A Suppl):58–63.
//!
//! Every function here is pure: it reads records and returns numbers.

use crate::model::{BladderIndices, GadSeven, Journal, Medication, PhqNine, Profile, Route, Session};
use crate::time::Timestamp;

/// One answer a respondent can give, and the points it scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    /// Points scored.
    pub score: u8,
    /// The published wording of the answer.
    pub label: &'static str,
}

/// One question and the answers offered for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    /// The published wording of the question.
    pub question: &'static str,
    /// The answers, in the published order.
    pub choices: &'static [Choice],
}

/// A questionnaire's full published text, for showing it and for citing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instrument {
    /// Short name ("PHQ-9").
    pub name: &'static str,
    /// The instruction above the items.
    pub stem: &'static str,
    /// The items, in the published order (stored answers follow this order).
    pub items: &'static [Item],
    /// Where the wording and scoring come from.
    pub source: &'static str,
}

impl Instrument {
    /// Highest possible total.
    pub fn max_total(&self) -> u16 {
        self.items.iter().map(|item| u16::from(item.choices.iter().map(|c| c.score).max().unwrap_or(0))).sum()
    }
}

const FREQUENCY: &[Choice] = &[
    Choice { score: 0, label: "Not at all" },
    Choice { score: 1, label: "Several days" },
    Choice { score: 2, label: "More than half the days" },
    Choice { score: 3, label: "Nearly every day" },
];

const fn frequency(question: &'static str) -> Item {
    Item { question, choices: FREQUENCY }
}

/// The PHQ-9, as published.
pub const PHQ9: Instrument = Instrument {
    name: "PHQ-9",
    stem: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    items: &[
        frequency("Little interest or pleasure in doing things"),
        frequency("Feeling down, depressed, or hopeless"),
        frequency("Trouble falling or staying asleep, or sleeping too much"),
        frequency("Feeling tired or having little energy"),
        frequency("Poor appetite or overeating"),
        frequency("Feeling bad about yourself — or that you are a failure or have let yourself or your family down"),
        frequency("Trouble concentrating on things, such as reading the newspaper or watching television"),
        frequency(
            "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety \
             or restless that you have been moving around a lot more than usual",
        ),
        frequency("Thoughts that you would be better off dead or of hurting yourself in some way"),
    ],
    source: "Kroenke, Spitzer & Williams, J Gen Intern Med 2001;16:606–613. Developed by Drs. Robert L. Spitzer, \
             Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. \
             No permission required to reproduce, translate, display or distribute.",
};

/// The PHQ-9's closing question; it is not part of the total.
pub const PHQ9_DIFFICULTY: Item = Item {
    question: "If you checked off any problems, how difficult have these problems made it for you to do your work, \
               take care of things at home, or get along with other people?",
    choices: &[
        Choice { score: 0, label: "Not difficult at all" },
        Choice { score: 1, label: "Somewhat difficult" },
        Choice { score: 2, label: "Very difficult" },
        Choice { score: 3, label: "Extremely difficult" },
    ],
};

/// The GAD-7, as published.
pub const GAD7: Instrument = Instrument {
    name: "GAD-7",
    stem: "Over the last 2 weeks, how often have you been bothered by the following problems?",
    items: &[
        frequency("Feeling nervous, anxious, or on edge"),
        frequency("Not being able to stop or control worrying"),
        frequency("Worrying too much about different things"),
        frequency("Trouble relaxing"),
        frequency("Being so restless that it is hard to sit still"),
        frequency("Becoming easily annoyed or irritable"),
        frequency("Feeling afraid, as if something awful might happen"),
    ],
    source: "Spitzer, Kroenke, Williams & Löwe, Arch Intern Med 2006;166:1092–1097. Developed by Drs. Robert L. \
             Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. \
             No permission required to reproduce, translate, display or distribute.",
};

const HOW_OFTEN: &[Choice] = &[
    Choice { score: 0, label: "Not at all" },
    Choice { score: 1, label: "Less than 1 time in 5" },
    Choice { score: 2, label: "Less than half the time" },
    Choice { score: 3, label: "About half the time" },
    Choice { score: 4, label: "More than half the time" },
    Choice { score: 5, label: "Almost always" },
];

const O_LEARY_SANT: &str = "O'Leary, Sant, Fowler, Whitmore & Spolarich-Kroll, Urology 1997;49(5A Suppl):58–63.";

/// The O'Leary-Sant Interstitial Cystitis Symptom Index, as published.
pub const ICSI: Instrument = Instrument {
    name: "ICSI",
    stem: "During the past month:",
    items: &[
        Item {
            question: "How often have you felt the strong need to urinate with little or no warning?",
            choices: HOW_OFTEN,
        },
        Item {
            question: "Have you had to urinate less than 2 hours after you finished urinating?",
            choices: HOW_OFTEN,
        },
        Item {
            question: "How often did you most typically get up at night to urinate?",
            choices: &[
                Choice { score: 0, label: "None" },
                Choice { score: 1, label: "Once" },
                Choice { score: 2, label: "2 times" },
                Choice { score: 3, label: "3 times" },
                Choice { score: 4, label: "4 times" },
                Choice { score: 5, label: "5 or more times" },
            ],
        },
        Item {
            question: "Have you experienced pain or burning in your bladder?",
            // The published scale has no 1.
            choices: &[
                Choice { score: 0, label: "Not at all" },
                Choice { score: 2, label: "A few times" },
                Choice { score: 3, label: "Fairly often" },
                Choice { score: 4, label: "Usually" },
                Choice { score: 5, label: "Almost always" },
            ],
        },
    ],
    source: O_LEARY_SANT,
};

const PROBLEM: &[Choice] = &[
    Choice { score: 0, label: "No problem" },
    Choice { score: 1, label: "Very small problem" },
    Choice { score: 2, label: "Small problem" },
    Choice { score: 3, label: "Medium problem" },
    Choice { score: 4, label: "Big problem" },
];

/// The O'Leary-Sant Interstitial Cystitis Problem Index, as published.
pub const ICPI: Instrument = Instrument {
    name: "ICPI",
    stem: "During the past month, how much has each of the following been a problem for you?",
    items: &[
        Item { question: "Frequent urination during the day?", choices: PROBLEM },
        Item { question: "Getting up at night to urinate?", choices: PROBLEM },
        Item { question: "Need to urinate with little warning?", choices: PROBLEM },
        Item { question: "Burning, pain, discomfort, or pressure in your bladder?", choices: PROBLEM },
    ],
    source: O_LEARY_SANT,
};

/// PHQ-9 severity bands (Kroenke 2001, table 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PhqNineBand {
    /// 0–4.
    Minimal,
    /// 5–9.
    Mild,
    /// 10–14.
    Moderate,
    /// 15–19.
    ModeratelySevere,
    /// 20–27.
    Severe,
}

impl PhqNineBand {
    /// Every band, lowest first.
    pub const ALL: [Self; 5] = [Self::Minimal, Self::Mild, Self::Moderate, Self::ModeratelySevere, Self::Severe];

    /// The band of a total; `None` above 27, which no valid PHQ-9 scores.
    pub fn of(total: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|band| (band.range().0..=band.range().1).contains(&total))
    }

    /// Lowest and highest total in the band.
    pub fn range(self) -> (u8, u8) {
        match self {
            Self::Minimal => (0, 4),
            Self::Mild => (5, 9),
            Self::Moderate => (10, 14),
            Self::ModeratelySevere => (15, 19),
            Self::Severe => (20, 27),
        }
    }

    /// The published name, lower case ("moderately severe").
    pub fn label(self) -> &'static str {
        match self {
            Self::Minimal => "minimal",
            Self::Mild => "mild",
            Self::Moderate => "moderate",
            Self::ModeratelySevere => "moderately severe",
            Self::Severe => "severe",
        }
    }
}

/// GAD-7 severity bands (Spitzer 2006).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GadSevenBand {
    /// 0–4.
    Minimal,
    /// 5–9.
    Mild,
    /// 10–14.
    Moderate,
    /// 15–21.
    Severe,
}

impl GadSevenBand {
    /// Every band, lowest first.
    pub const ALL: [Self; 4] = [Self::Minimal, Self::Mild, Self::Moderate, Self::Severe];

    /// The band of a total; `None` above 21, which no valid GAD-7 scores.
    pub fn of(total: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|band| (band.range().0..=band.range().1).contains(&total))
    }

    /// Lowest and highest total in the band.
    pub fn range(self) -> (u8, u8) {
        match self {
            Self::Minimal => (0, 4),
            Self::Mild => (5, 9),
            Self::Moderate => (10, 14),
            Self::Severe => (15, 21),
        }
    }

    /// The published name, lower case.
    pub fn label(self) -> &'static str {
        match self {
            Self::Minimal => "minimal",
            Self::Mild => "mild",
            Self::Moderate => "moderate",
            Self::Severe => "severe",
        }
    }
}

/// A PHQ-9 change of this many points or more is clinically meaningful
/// (Kroenke 2001; Löwe et al., Med Care 2004;42:1194–1201).
pub const PHQ9_MEANINGFUL_CHANGE: u8 = 5;
/// Response: the total has fallen by at least this percentage of the
/// baseline (the usual definition in depression trials).
pub const PHQ9_RESPONSE_PERCENT: u8 = 50;
/// Remission: a total below this (Kroenke 2001; the "minimal" band).
pub const PHQ9_REMISSION_BELOW: u8 = 5;

impl PhqNine {
    /// The severity band of the total.
    pub fn band(&self) -> PhqNineBand {
        PhqNineBand::of(self.total()).unwrap_or(PhqNineBand::Severe)
    }
}

impl GadSeven {
    /// The severity band of the total.
    pub fn band(&self) -> GadSevenBand {
        GadSevenBand::of(self.total()).unwrap_or(GadSevenBand::Severe)
    }
}

impl BladderIndices {
    /// ICSI total, 0–20.
    pub fn icsi_total(&self) -> u8 {
        self.icsi.iter().sum()
    }

    /// ICPI total, 0–16.
    pub fn icpi_total(&self) -> u8 {
        self.icpi.iter().sum()
    }
}

/// The percentage by which `latest` is below `baseline` (negative when it
/// is above); `None` when the baseline is 0, where no percentage exists.
pub fn percent_below(baseline: u8, latest: u8) -> Option<f64> {
    (baseline > 0).then(|| (f64::from(baseline) - f64::from(latest)) * 100.0 / f64::from(baseline))
}

/// Whether `latest` is at least `percent` % below `baseline`, in exact
/// integer arithmetic (so 10 → 5 is exactly 50 %). Never true for a
/// baseline of 0.
pub fn at_least_percent_below(baseline: u8, latest: u8, percent: u8) -> bool {
    if baseline == 0 || latest > baseline {
        return false;
    }
    u32::from(baseline - latest) * 100 >= u32::from(baseline) * u32::from(percent)
}

/// Response: at least [`PHQ9_RESPONSE_PERCENT`] % below the baseline.
pub fn is_response(baseline: u8, latest: u8) -> bool {
    at_least_percent_below(baseline, latest, PHQ9_RESPONSE_PERCENT)
}

/// Remission: a total below [`PHQ9_REMISSION_BELOW`].
pub fn is_remission(total: u8) -> bool {
    total < PHQ9_REMISSION_BELOW
}

/// The baseline PHQ-9 as of `as_of`: the first PHQ-9 answered on or before
/// the local day of the first session (a questionnaire filled in at the
/// first visit counts, whatever the order on that day). Before any session,
/// the first PHQ-9 is the baseline. `None` when the first PHQ-9 came only
/// after the first session's day: then no baseline exists and response is
/// not judged. Records after `as_of` are not looked at.
pub fn phq9_baseline(journal: &Journal, as_of: Timestamp) -> Option<&PhqNine> {
    let first_phq9 = journal.phq9.iter().filter(|q| q.at <= as_of).min_by_key(|q| q.at)?;
    let first_session = journal.sessions.iter().filter(|s| s.started_at <= as_of).map(|s| s.started_at).min();
    match first_session {
        Some(start) if first_phq9.at.local_day() > start.local_day() => None,
        _ => Some(first_phq9),
    }
}

/// The latest PHQ-9 answered at or before `as_of`.
pub fn latest_phq9(journal: &Journal, as_of: Timestamp) -> Option<&PhqNine> {
    journal.phq9.iter().filter(|q| q.at <= as_of).max_by_key(|q| q.at)
}

/// A published estimate of the share of a dose that reaches the bloodstream.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bioavailability {
    /// Fraction absorbed, 0–1.
    pub fraction: f64,
    /// Where the figure comes from.
    pub source: &'static str,
}

/// The estimate used for each route (one point value from the published
/// ranges, so every chart and report uses the same number). `None` for the
/// "other" route or medication, where no estimate exists.
pub fn bioavailability(medication: Medication, route: Route) -> Option<Bioavailability> {
    let (fraction, source) = match (medication, route) {
        (Medication::Other, _) | (_, Route::Other) => return None,
        (_, Route::Iv) => (1.0, "intravenous: the whole dose, by definition"),
        (_, Route::Im) => (0.93, "Clements, Nimmo & Grant, J Pharm Sci 1982;71:539–542 (93 %)"),
        (Medication::Esketamine, Route::Intranasal) => {
            (0.48, "Spravato (esketamine) prescribing information, clinical pharmacology (about 48 %)")
        }
        (_, Route::Intranasal) => (0.45, "Yanagihara et al., Biopharm Drug Dispos 2003;24:37–43 (about 45 %)"),
        (_, Route::Sublingual) => (0.29, "Rolan et al., Br J Clin Pharmacol 2014;77:1011–1016 (29 %)"),
        (_, Route::Oral) => (0.17, "Clements, Nimmo & Grant, J Pharm Sci 1982;71:539–542 (17 %)"),
        (_, Route::Rectal) => (0.30, "Yanagihara et al., Biopharm Drug Dispos 2003;24:37–43 (about 30 %)"),
    };
    Some(Bioavailability { fraction, source })
}

impl Session {
    /// The estimated milligrams reaching the bloodstream: the dose times the
    /// route's [`bioavailability`]. `None` when the route has no estimate.
    pub fn bioavailable_mg(&self) -> Option<f64> {
        bioavailability(self.medication, self.route).map(|b| self.dose_mg * b.fraction)
    }

    /// Milligrams per kilogram of body weight (the session's weight, else
    /// the profile's); `None` when no weight is known.
    pub fn mg_per_kg(&self, profile: &Profile) -> Option<f64> {
        self.effective_weight_kg(profile).filter(|kg| *kg > 0.0).map(|kg| self.dose_mg / kg)
    }
}

#[cfg(test)]
mod tests;
