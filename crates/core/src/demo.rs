//! A deterministic sample journal: one year of realistic data for trying the
//! app, for screenshots and for benchmarks.
//!
//! The year ends on the day given; the same day always gives the same
//! journal. It holds a loading series of six IV infusions over three weeks,
//! then boosters; a daily check-in most days with mood improving through
//! noise; a PHQ-9 and a GAD-7 every 14 days from a baseline before the
//! first session; a daily bladder diary with one episode of symptoms.

use chrono::{Datelike, Days, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use uuid::Uuid;

use crate::model::{
    BladderDay, BladderIndices, BloodPressure, CheckIn, Clinician, CrisisLine, GadSeven, Journal, Medication, PhqNine,
    Profile, Route, Session, Setting, WeightUnit,
};
use crate::time::Timestamp;

/// Days covered by [`journal`].
pub const DEMO_DAYS: u64 = 365;
/// The demo patient's weight, kg.
pub const DEMO_WEIGHT_KG: f64 = 72.0;

/// SplitMix64: tiny, well-mixed, and stable across versions, which a
/// general-purpose RNG crate does not promise.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [-1, 1).
    fn signed(&mut self) -> f64 {
        self.unit() * 2.0 - 1.0
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn id(&mut self) -> Uuid {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next().to_le_bytes());
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }
}

/// US Eastern time, roughly: daylight time from mid-March to early November.
fn offset_on(day: NaiveDate) -> FixedOffset {
    let summer = (day.month() > 3 && day.month() < 11) || (day.month() == 3 && day.day() >= 10);
    let hours = if summer { -4 } else { -5 };
    FixedOffset::east_opt(hours * 3600).unwrap_or_else(|| unreachable!("a whole-hour offset is valid"))
}

fn at(day: NaiveDate, hour: u32, minute: u32) -> Timestamp {
    let time = NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or_default();
    let offset = offset_on(day);
    let local = offset.from_local_datetime(&day.and_time(time)).single();
    Timestamp::from_datetime(local.unwrap_or_else(|| unreachable!("fixed offsets have no gaps")))
}

fn clamp_score(value: f64, max: u8) -> u8 {
    value.round().clamp(0.0, f64::from(max)) as u8
}

/// Spreads a questionnaire total over `N` items of 0–3, highest items first.
fn spread<const N: usize>(total: u8, noise: &mut Noise) -> [u8; N] {
    let mut items = [0u8; N];
    let mut left = total.min(3 * N as u8);
    let start = (noise.next() % N as u64) as usize;
    let mut i = start;
    while left > 0 {
        if items[i] < 3 {
            items[i] += 1;
            left -= 1;
        }
        i = (i + 1) % N;
    }
    items
}

/// The tags of day `d`'s check-in: a therapy appointment every week, a walk
/// on most days from the second month. From the day number alone, so the
/// rest of the sample draws the same values it always did.
fn demo_tags(d: u64) -> Vec<String> {
    let mut tags = Vec::new();
    if d % 7 == 2 {
        tags.push("therapy".to_owned());
    }
    if d >= 30 && !d.is_multiple_of(3) {
        tags.push("walk".to_owned());
    }
    tags
}

/// The demo journal for the year ending on `until` (inclusive).
pub fn journal(until: NaiveDate) -> Journal {
    let mut noise = Noise(0x6B65_7461_6C6F_6721);
    let first = until.checked_sub_days(Days::new(DEMO_DAYS - 1)).unwrap_or(until);
    let day = |n: u64| first.checked_add_days(Days::new(n)).unwrap_or(until);
    let mut j = Journal {
        profile: Profile {
            display_name: Some("Alex Morgan".into()),
            weight_kg: Some(DEMO_WEIGHT_KG),
            clinician: Some(Clinician {
                name: "Dr. Maya Rivera".into(),
                phone: "+1 555 0134".into(),
                email: "m.rivera@clinic.example".into(),
            }),
            crisis_line: Some(CrisisLine::us_default()),
            weight_unit: Some(WeightUnit::Kg),
            treatment_plan: Some("IV ketamine: 6 infusions over 3 weeks, then boosters every 3 to 5 weeks.".into()),
            auto_lock_minutes: None,
            reminders: None,
        },
        ..Journal::default()
    };

    // Sessions: a loading series, then boosters.
    let mut session_days: Vec<u64> = vec![2, 4, 7, 9, 11, 14];
    let mut next = 40;
    while next < DEMO_DAYS - 1 {
        session_days.push(next);
        next += 21 + noise.next() % 15;
    }
    for (n, &d) in session_days.iter().enumerate() {
        let date = day(d);
        let loading = n < 6;
        let dose = if loading { 0.5 } else { 0.6 } * DEMO_WEIGHT_KG;
        let pre_s = 118 + (noise.signed() * 8.0) as i32;
        let pre_d = 76 + (noise.signed() * 5.0) as i32;
        let rise = 8 + (noise.unit() * 14.0) as i32;
        let mut side_effects = Vec::new();
        if noise.chance(0.35) {
            side_effects.push("nausea".to_owned());
        }
        if noise.chance(0.2) {
            side_effects.push("headache".to_owned());
        }
        if noise.chance(0.25) {
            side_effects.push("dizziness".to_owned());
        }
        let (notes, share_notes) = match n {
            0 => ("First infusion. Nervous beforehand; the nurse talked me through it.".to_owned(), true),
            3 => ("Felt lighter on the drive home. Noticed colours more.".to_owned(), true),
            5 => ("Last of the loading series. Slept well after.".to_owned(), false),
            _ if noise.chance(0.3) => ("Calm session; music helped.".to_owned(), false),
            _ => (String::new(), false),
        };
        let id = noise.id();
        j.sessions.push(Session {
            duration_min: Some(40),
            setting: Some(Setting::Clinic),
            bp_pre: Some(BloodPressure { systolic: pre_s as u16, diastolic: pre_d as u16 }),
            bp_post: Some(BloodPressure { systolic: (pre_s + rise) as u16, diastolic: (pre_d + rise / 2) as u16 }),
            heart_rate_pre: Some(68 + (noise.unit() * 12.0) as u16),
            heart_rate_post: Some(74 + (noise.unit() * 14.0) as u16),
            dissociation: Some(3 + (noise.unit() * 5.0) as u8),
            side_effects,
            co_medications: if noise.chance(0.3) { vec!["ondansetron".into()] } else { Vec::new() },
            intention: if loading { "Notice what feels different.".into() } else { String::new() },
            reflection: if n == 1 { "Less heavy in the morning.".into() } else { String::new() },
            notes,
            share_notes,
            ..Session::new(id, at(date, 10, 0), Medication::RacemicKetamine, Route::Iv, (dose * 10.0).round() / 10.0)
        });
    }

    // How far along the year the improvement has come: fast over the loading
    // series, then slowly.
    let progress = |d: u64| -> f64 {
        let d = d as f64;
        (1.0 - (-(d - 2.0).max(0.0) / 30.0).exp()) * 0.8 + (d / DEMO_DAYS as f64) * 0.2
    };

    // The bladder episode: a week in the seventh month.
    let episode = 200..207;
    for d in 0..DEMO_DAYS {
        let date = day(d);
        let p = progress(d);
        if noise.chance(0.9) {
            let id = noise.id();
            j.checkins.push(CheckIn {
                mood: Some(clamp_score(3.0 + 4.5 * p + noise.signed() * 1.4, 10)),
                anxiety: Some(clamp_score(7.0 - 4.0 * p + noise.signed() * 1.4, 10)),
                sleep_hours: Some(((5.5 + 2.0 * p + noise.signed() * 0.8) * 4.0).round() / 4.0),
                energy: Some(clamp_score(3.0 + 3.5 * p + noise.signed() * 1.3, 10)),
                notes: if d == 30 { "Walked to the park for the first time in months.".into() } else { String::new() },
                share_notes: d == 30,
                tags: demo_tags(d),
                ..CheckIn::new(id, at(date, 20, 30))
            });
        }
        let in_episode = episode.contains(&d);
        let symptom = in_episode && d % 7 != 3;
        j.bladder.push(BladderDay {
            id: noise.id(),
            date,
            day_voids: Some(if in_episode { 11 + (noise.next() % 3) as u16 } else { 6 + (noise.next() % 3) as u16 }),
            night_voids: Some(if in_episode { 2 } else { u16::from(noise.chance(0.15)) }),
            urgency: Some(if symptom { 3 } else { u8::from(noise.chance(0.1)) }),
            pain: Some(if symptom { 4 + (noise.next() % 2) as u8 } else { 0 }),
            burning: symptom && d % 2 == 0,
            visible_blood: false,
            cloudy: false,
            leakage: false,
            notes: if d == episode.start {
                "Needed the bathroom all afternoon; stinging.".into()
            } else {
                String::new()
            },
            share_notes: d == episode.start,
        });
    }

    // Questionnaires every 14 days from a baseline on day 0.
    for d in (0..DEMO_DAYS).step_by(14) {
        let p = progress(d);
        let phq = clamp_score(19.0 - 13.0 * p + noise.signed() * 2.0, 27);
        let mut items = spread::<9>(phq, &mut noise);
        // Baseline passive thoughts of death, gone as treatment works.
        if d == 0 {
            items[8] = 1;
        } else if items[8] > 0 {
            let moved = items[8];
            items[8] = 0;
            if let Some(i) = (0..8).find(|&i| items[i] + moved <= 3) {
                items[i] += moved;
            }
        }
        j.phq9.push(PhqNine {
            id: noise.id(),
            at: at(day(d), 9, 15),
            items,
            difficulty: Some(clamp_score(2.0 - 2.0 * p, 3)),
        });
        let gad = clamp_score(14.0 - 8.0 * p + noise.signed() * 2.0, 21);
        j.gad7.push(GadSeven { id: noise.id(), at: at(day(d), 9, 20), items: spread::<7>(gad, &mut noise) });
    }

    // O'Leary-Sant indices at baseline, during the episode and after it.
    for (d, icsi, icpi) in
        [(0, [1, 1, 0, 0], [1, 0, 0, 0]), (203, [3, 3, 2, 3], [3, 3, 2, 2]), (235, [1, 1, 1, 0], [1, 1, 0, 0])]
    {
        if d < DEMO_DAYS {
            j.icsi_icpi.push(BladderIndices { id: noise.id(), at: at(day(d), 9, 30), icsi, icpi });
        }
    }
    j
}

/// `years` consecutive sample years ending on `until`, oldest first: each
/// year repeats [`journal`]'s pattern (a loading series, then boosters) with
/// record ids of its own. For long-journal tests and benchmarks.
pub fn journal_of_years(until: NaiveDate, years: u32) -> Journal {
    let mut all = Journal::default();
    for back in (0..years).rev() {
        let end = until.checked_sub_days(Days::new(DEMO_DAYS * u64::from(back))).unwrap_or(until);
        let mut year = journal(end);
        // The sample's ids come from a fixed seed; give each year its own.
        let reid = |id: &mut Uuid| *id = Uuid::from_u128(id.as_u128() ^ (u128::from(back) << 64));
        year.sessions.iter_mut().for_each(|r| reid(&mut r.id));
        year.checkins.iter_mut().for_each(|r| reid(&mut r.id));
        year.phq9.iter_mut().for_each(|r| reid(&mut r.id));
        year.gad7.iter_mut().for_each(|r| reid(&mut r.id));
        year.icsi_icpi.iter_mut().for_each(|r| reid(&mut r.id));
        year.bladder.iter_mut().for_each(|r| reid(&mut r.id));
        all.profile = year.profile;
        all.sessions.append(&mut year.sessions);
        all.checkins.append(&mut year.checkins);
        all.phq9.append(&mut year.phq9);
        all.gad7.append(&mut year.gad7);
        all.icsi_icpi.append(&mut year.icsi_icpi);
        all.bladder.append(&mut year.bladder);
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::validate_journal;

    #[test]
    fn the_demo_is_valid_and_deterministic() {
        let until = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let a = journal(until);
        validate_journal(&a).unwrap();
        assert_eq!(a, journal(until));
        assert_eq!(a.bladder.len(), DEMO_DAYS as usize);
        assert_eq!(a.phq9.len(), 27);
        assert!(a.sessions.len() >= 14);
        assert_eq!(a.phq9[0].item9(), 1);
        assert!(a.phq9.last().unwrap().total() < a.phq9[0].total());
    }

    #[test]
    fn several_years_are_valid_and_abut() {
        let until = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let decade = journal_of_years(until, 3);
        validate_journal(&decade).unwrap();
        assert_eq!(decade.bladder.len(), 3 * DEMO_DAYS as usize);
        assert!(decade.bladder.windows(2).all(|w| w[1].date == w[0].date.succ_opt().unwrap()));
        assert_eq!(decade.bladder.last().unwrap().date, until);
    }
}
