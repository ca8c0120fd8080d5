//! The clinician's voice: text written to the patient ("You logged…",
//! "your mood") said about the patient instead ("The patient logged…",
//! "the patient's mood").
//!
//! The rules engine and the insights speak to the patient, in the app; the
//! PDF is read by a clinician, so every such text passes through
//! [`third_person`] on its way into the report, and the report never words
//! an alert or a summary a second time.
//!
//! Within a sentence, the first mention is "the patient" and later ones
//! "they"/"their", so that a sentence names the patient once:
//! "On 3 March you answered … thoughts that you would be better off dead"
//! becomes "On 3 March the patient answered … thoughts that they would be
//! better off dead".

/// A second-person word and how it reads about the patient.
#[derive(Clone, Copy)]
enum Word {
    /// "you" as a subject or object.
    You,
    /// "your".
    Your,
    /// "yourself".
    Yourself,
}

impl Word {
    fn of(word: &str) -> Option<Self> {
        match word {
            "you" | "You" => Some(Self::You),
            "your" | "Your" => Some(Self::Your),
            "yourself" | "Yourself" => Some(Self::Yourself),
            _ => None,
        }
    }

    /// The replacement: the first mention in a sentence names the patient.
    fn about_the_patient(self, first: bool) -> &'static str {
        match (self, first) {
            (Self::You, true) => "the patient",
            (Self::You, false) => "they",
            (Self::Your, true) => "the patient's",
            (Self::Your, false) => "their",
            (Self::Yourself, _) => "themselves",
        }
    }
}

/// `text`, written to the patient, said about the patient: "you" becomes
/// "the patient" (later in the same sentence "they"), "your" "the
/// patient's" ("their"), "yourself" "themselves", "you have" after "the
/// patient" "the patient has"; a sentence that started with "You" starts
/// with "The patient". Everything else is kept as it is.
pub fn third_person(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut named = false;
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_alphabetic()) {
        let (before, from) = rest.split_at(start);
        // A full stop, question or exclamation mark ends a sentence; the next
        // one names the patient again.
        if before.contains(['.', '?', '!']) {
            named = false;
        }
        out.push_str(before);
        let end = from.find(|c: char| !c.is_alphabetic() && c != '\'').unwrap_or(from.len());
        let (word, after) = from.split_at(end);
        match Word::of(word) {
            Some(found) => {
                let first = !named;
                let mut said = found.about_the_patient(first).to_owned();
                if starts_sentence(&out) {
                    said = crate::error::sentence(&said);
                }
                out.push_str(&said);
                named = true;
                // "You have logged" → "The patient has logged".
                if matches!(found, Word::You)
                    && first
                    && let Some(tail) = after.strip_prefix(" have ")
                {
                    out.push_str(" has ");
                    rest = tail;
                    continue;
                }
            }
            None => out.push_str(word),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Whether the next word written after `out` begins a sentence.
fn starts_sentence(out: &str) -> bool {
    let trimmed = out.trim_end();
    trimmed.is_empty() || trimmed.ends_with(['.', '?', '!', '\n'])
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::third_person;

    #[rstest]
    #[case::answered(
        "On 3 March you answered \"Several days\" to PHQ-9 question 9, about thoughts that you would be better off \
         dead or of hurting yourself in some way.",
        "On 3 March the patient answered \"Several days\" to PHQ-9 question 9, about thoughts that they would be \
         better off dead or of hurting themselves in some way."
    )]
    #[case::possessive_starts(
        "Your PHQ-9 on 13 March totalled 3, below 5 (it was 19 when you started). Clinicians call a score below 5 \
         remission.",
        "The patient's PHQ-9 on 13 March totalled 3, below 5 (it was 19 when they started). Clinicians call a score \
         below 5 remission."
    )]
    #[case::have_agrees(
        "You have logged 6 sessions since your first PHQ-9 (19 on 2 March); your latest PHQ-9 (16 on 14 March) is \
         not lower. Some people need more sessions before they notice a change.",
        "The patient has logged 6 sessions since their first PHQ-9 (19 on 2 March); their latest PHQ-9 (16 on 14 \
         March) is not lower. Some people need more sessions before they notice a change."
    )]
    #[case::a_new_sentence_names_again(
        "You logged visible blood in your urine on 3 and 5 March. Your blood pressure was 172/96.",
        "The patient logged visible blood in their urine on 3 and 5 March. The patient's blood pressure was 172/96."
    )]
    #[case::mid_sentence(
        "On 3 of the last 7 days you logged bladder warning signs: 13 March (8 daytime voids against your usual 6).",
        "On 3 of the last 7 days the patient logged bladder warning signs: 13 March (8 daytime voids against their \
         usual 6)."
    )]
    #[case::title("Blood in your urine", "Blood in the patient's urine")]
    #[case::summary(
        "After IV sessions, your mood over the next three days was a median 1.8 points higher than over the three \
         days before (8 session days).",
        "After IV sessions, the patient's mood over the next three days was a median 1.8 points higher than over the \
         three days before (8 session days)."
    )]
    #[case::words_that_only_contain_you("Youth and yours: a young bayou.", "Youth and yours: a young bayou.")]
    #[case::nothing_to_change("PHQ-9 below 5", "PHQ-9 below 5")]
    fn second_person_becomes_third(#[case] text: &str, #[case] expected: &str) {
        assert_eq!(third_person(text), expected);
    }
}
