//! How alerts speak: dates, lists, and who to contact.
//!
//! Dates are written the way people say them ("3 and 5 March"), with the
//! year only when it is not the year of the evaluation.

use chrono::{Datelike, NaiveDate};

use crate::model::Profile;
use crate::time::Timestamp;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_name(day: NaiveDate) -> &'static str {
    MONTHS[day.month0() as usize]
}

/// "3 March", or "3 March 2025" when `day` is not in `this_year`.
pub(crate) fn day(day: NaiveDate, this_year: i32) -> String {
    if day.year() == this_year {
        format!("{} {}", day.day(), month_name(day))
    } else {
        format!("{} {} {}", day.day(), month_name(day), day.year())
    }
}

/// "10:00 on 3 March", in the moment's own offset.
pub(crate) fn moment(at: Timestamp, this_year: i32) -> String {
    format!("{} on {}", at.datetime().format("%H:%M"), day(at.local_day(), this_year))
}

/// "a", "a and b", "a, b and c".
pub(crate) fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => {
            let head: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", head.join(", "), last.as_ref())
        }
    }
}

/// Several days, the month named once per run of days in the same month:
/// "3 and 5 March", "28 February, 1 and 2 March". Sorted, duplicates dropped.
pub(crate) fn days(list: &[NaiveDate], this_year: i32) -> String {
    let mut sorted = list.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut parts = Vec::with_capacity(sorted.len());
    for (i, d) in sorted.iter().enumerate() {
        let last_of_month = sorted.get(i + 1).is_none_or(|next| (next.year(), next.month()) != (d.year(), d.month()));
        parts.push(if last_of_month { day(*d, this_year) } else { d.day().to_string() });
    }
    and_list(&parts)
}

/// Who to contact, for "Contact … today": "Dr. Rivera at +1 555 0134",
/// "Dr. Rivera", "your clinician at +1 555 0134" or "your prescribing
/// clinician", from what the profile holds.
pub(crate) fn clinician(profile: &Profile) -> String {
    let (name, phone) = profile.clinician.as_ref().map_or(("", ""), |c| (c.name.trim(), c.phone.trim()));
    match (name.is_empty(), phone.is_empty()) {
        (false, false) => format!("{name} at {phone}"),
        (false, true) => name.to_owned(),
        (true, false) => format!("your clinician at {phone}"),
        (true, true) => "your prescribing clinician".to_owned(),
    }
}

/// "If you are in danger now, call 911. You can call or text 988 (988
/// Suicide & Crisis Lifeline) at any time, day or night." from the profile's
/// crisis line (the US line when none is set). "At any time, day or night"
/// is said only of a line the directory knows to answer around the clock
/// ([`crate::crisis_lines::answers_day_and_night`]): never of a line the user
/// typed, nor of one with opening hours (its label carries them).
pub(crate) fn crisis(profile: &Profile) -> String {
    let line = profile.crisis_line_or_default();
    let how = crate::crisis_lines::how_to_reach(&line).unwrap_or_else(|| "contact your local crisis line".to_owned());
    let label = line.label.trim();
    let named = if label.is_empty() { how } else { format!("{how} ({label})") };
    let emergency = line.emergency.trim();
    let emergency = if emergency.is_empty() { "your local emergency number" } else { emergency };
    let when = if crate::crisis_lines::answers_day_and_night(&line) { " at any time, day or night" } else { "" };
    format!("If you are in danger now, call {emergency}. You can {named}{when}.")
}

/// The emergency number, for urgent prompts that mention it.
pub(crate) fn emergency(profile: &Profile) -> String {
    let line = profile.crisis_line_or_default();
    let number = line.emergency.trim();
    if number.is_empty() { "your local emergency number".to_owned() } else { number.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Clinician, CrisisLine};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn days_read_as_spoken() {
        assert_eq!(days(&[d(2026, 3, 5), d(2026, 3, 3)], 2026), "3 and 5 March");
        assert_eq!(days(&[d(2026, 3, 3)], 2026), "3 March");
        assert_eq!(days(&[d(2026, 2, 28), d(2026, 3, 1), d(2026, 3, 2)], 2026), "28 February, 1 and 2 March");
        assert_eq!(days(&[d(2025, 12, 31), d(2026, 1, 1)], 2026), "31 December 2025 and 1 January");
        assert_eq!(days(&[d(2026, 3, 3), d(2026, 3, 3)], 2026), "3 March");
    }

    #[test]
    fn contact_uses_what_the_profile_holds() {
        let mut p = Profile::default();
        assert_eq!(clinician(&p), "your prescribing clinician");
        p.clinician = Some(Clinician { name: "Dr. Rivera".into(), phone: "+1 555 0134".into(), email: String::new() });
        assert_eq!(clinician(&p), "Dr. Rivera at +1 555 0134");
        p.clinician = Some(Clinician { name: String::new(), phone: "555".into(), email: String::new() });
        assert_eq!(clinician(&p), "your clinician at 555");
    }

    #[test]
    fn crisis_wording_defaults_to_the_us_line() {
        let text = crisis(&Profile::default());
        assert!(text.contains("call 911"), "{text}");
        assert!(text.contains("call or text 988"), "{text}");
        let p = Profile {
            crisis_line: Some(CrisisLine {
                label: "Samaritans".into(),
                phone: "116 123".into(),
                text: String::new(),
                emergency: "999".into(),
            }),
            ..Profile::default()
        };
        assert_eq!(
            crisis(&p),
            "If you are in danger now, call 999. You can call 116 123 (Samaritans) at any time, day or night."
        );
    }

    #[test]
    fn crisis_wording_claims_round_the_clock_only_for_lines_known_to_answer_then() {
        let italy = Profile {
            crisis_line: Some(crate::crisis_lines::lookup("IT").unwrap().crisis_line()),
            ..Profile::default()
        };
        assert_eq!(
            crisis(&italy),
            "If you are in danger now, call 112. You can call 02 2327 2327 (Telefono Amico Italia, daily 10:00–24:00)."
        );
        let typed = Profile {
            crisis_line: Some(CrisisLine {
                label: "Clinic night line".into(),
                phone: "555 0199".into(),
                text: String::new(),
                emergency: "911".into(),
            }),
            ..Profile::default()
        };
        assert_eq!(crisis(&typed), "If you are in danger now, call 911. You can call 555 0199 (Clinic night line).");
    }
}
