//! Shared pieces of the reliability harnesses and benchmarks: deterministic
//! noise, record generators, a ten-year journal, and a document mutator.

use chrono::{Days, FixedOffset, NaiveDate, TimeZone};
use ketalog_core::Timestamp;
use ketalog_core::model::{
    BladderDay, BloodPressure, CheckIn, GadSeven, Journal, Medication, PhqNine, Route, Session, Setting,
};
use ketalog_core::record::{KindVisitor, Record};
use uuid::Uuid;

/// SplitMix64: deterministic noise from a seed.
#[derive(Debug, Clone)]
pub struct Noise(pub u64);

impl Noise {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// A random-looking version-4 UUID.
    pub fn uuid(&mut self) -> Uuid {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next_u64().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next_u64().to_le_bytes());
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }
}

/// A seed from the environment variable `var`, else from the clock; printed
/// by callers so that a failing run can be repeated.
pub fn seed_from_env(var: &str) -> u64 {
    std::env::var(var).ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64)
    })
}

fn at(day: NaiveDate, minute_of_day: u32) -> Timestamp {
    let offset = FixedOffset::west_opt(5 * 3600).unwrap_or_else(|| unreachable!("valid offset"));
    let naive = day.and_hms_opt(minute_of_day / 60, minute_of_day % 60, 0).unwrap_or_default();
    Timestamp::from_datetime(
        offset.from_local_datetime(&naive).single().unwrap_or_else(|| unreachable!("fixed offset")),
    )
}

/// A check-in with the given id on day `n` after 2020-01-01, with a note.
pub fn checkin(id: Uuid, n: u64, note: &str) -> CheckIn {
    let day = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default() + Days::new(n % 20_000);
    CheckIn {
        mood: Some((n % 11) as u8),
        anxiety: Some(((n / 3) % 11) as u8),
        sleep_hours: Some(7.5),
        energy: Some(5),
        notes: note.to_owned(),
        ..CheckIn::new(id, at(day, 20 * 60 + (n % 60) as u32))
    }
}

/// The benchmark journal: ten years ending `until`, with 3,650 check-ins,
/// 3,650 bladder diary days, 1,000 sessions, 260 PHQ-9 and 260 GAD-7.
pub fn ten_year_journal(until: NaiveDate) -> Journal {
    let mut noise = Noise(0x7465_6e79_6561_7273);
    let first = until - Days::new(3649);
    let mut j = ketalog_core::demo::journal(until);
    j.sessions.clear();
    j.checkins.clear();
    j.phq9.clear();
    j.gad7.clear();
    j.bladder.clear();
    j.icsi_icpi.clear();
    for d in 0..3650u64 {
        let day = first + Days::new(d);
        let id = noise.uuid();
        j.checkins.push(CheckIn {
            mood: Some(3 + (noise.below(6)) as u8),
            anxiety: Some(2 + (noise.below(6)) as u8),
            sleep_hours: Some(5.0 + noise.below(12) as f64 / 4.0),
            energy: Some(3 + (noise.below(5)) as u8),
            notes: if d % 10 == 0 { "A quiet day; walked for an hour.".into() } else { String::new() },
            share_notes: d % 20 == 0,
            ..CheckIn::new(id, at(day, 20 * 60 + 30))
        });
        // The id is drawn first, as the other values follow it in the noise.
        let id = noise.uuid();
        j.bladder.push(BladderDay {
            day_voids: Some(5 + noise.below(5) as u16),
            night_voids: Some(noise.below(2) as u16),
            urgency: Some(noise.below(2) as u8),
            pain: Some(0),
            ..BladderDay::new(id, day)
        });
    }
    // 1,000 sessions: every 3.65 days on average.
    for n in 0..1000u64 {
        let day = first + Days::new(n * 3650 / 1000);
        let id = noise.uuid();
        j.sessions.push(Session {
            duration_min: Some(45),
            setting: Some(if n % 4 == 0 { Setting::Clinic } else { Setting::Home }),
            bp_pre: Some(BloodPressure {
                systolic: 115 + noise.below(15) as u16,
                diastolic: 72 + noise.below(10) as u16,
            }),
            bp_post: Some(BloodPressure {
                systolic: 125 + noise.below(15) as u16,
                diastolic: 78 + noise.below(10) as u16,
            }),
            heart_rate_pre: Some(70),
            heart_rate_post: Some(78),
            dissociation: Some(noise.below(8) as u8),
            side_effects: if n % 5 == 0 { vec!["nausea".into()] } else { Vec::new() },
            notes: if n % 7 == 0 { "Calm session.".into() } else { String::new() },
            share_notes: n % 14 == 0,
            ..Session::new(
                id,
                at(day, 10 * 60),
                Medication::RacemicKetamine,
                if n % 4 == 0 { Route::Iv } else { Route::Sublingual },
                if n % 4 == 0 { 36.0 } else { 100.0 },
            )
        });
    }
    for n in 0..260u64 {
        let day = first + Days::new(n * 14);
        let mut items = [0u8; 9];
        for item in &mut items[..8] {
            *item = noise.below(3) as u8;
        }
        j.phq9.push(PhqNine { id: noise.uuid(), at: at(day, 9 * 60), items, difficulty: Some(1) });
        let mut items = [0u8; 7];
        for item in &mut items {
            *item = noise.below(3) as u8;
        }
        j.gad7.push(GadSeven { id: noise.uuid(), at: at(day, 9 * 60 + 5), items });
    }
    j
}

/// The last `days` days of `journal` through `until`: its profile, and the
/// records dated in those days. On [`ten_year_journal`] with 30 days, the
/// one-month journal that the app's save benchmark compares with the
/// ten-year one (the same kinds of record, at the same density).
pub fn last_days(journal: &Journal, until: NaiveDate, days: u64) -> Journal {
    struct Recent {
        first: NaiveDate,
        until: NaiveDate,
        kept: Journal,
    }
    impl KindVisitor for Recent {
        type Error = std::convert::Infallible;
        fn visit<R: Record>(&mut self, records: &[R]) -> Result<(), Self::Error> {
            for record in records.iter().filter(|r| (self.first..=self.until).contains(&r.day())) {
                self.kept.put(record.clone().into());
            }
            Ok(())
        }
    }
    let mut recent = Recent {
        first: until - Days::new(days.saturating_sub(1)),
        until,
        kept: Journal { profile: journal.profile.clone(), ..Journal::default() },
    };
    let Ok(()) = journal.visit(&mut recent);
    recent.kept
}

/// Tokens that exercise the validators when spliced into a document.
const INTERESTING: &[&str] = &[
    "-1",
    "0",
    "4",
    "11",
    "1e999",
    "-0",
    "NaN",
    "null",
    "true",
    "\"\"",
    "[]",
    "{}",
    "\"2026-02-30\"",
    "\"2026-03-01T10:00:00\"",
    "\"9999-12-31T23:59:59+14:00\"",
    "18446744073709551616",
    "0.0000001",
    "2.5",
    "\"ketalog-data\"",
    "\"iv\"",
    "\"nasal\"",
    "[0,0,0,0,0,0,0,0,0]",
    "[3,3,3,3,3,3,3,3,3,3]",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "{\"a\":",
    "]",
    "\"00000000-0000-4000-8000-000000000001\"",
];

/// One structure-aware random change to `input`: a bit flip, a byte
/// inserted, removed or repeated, a splice of another part of the input, or
/// an interesting token in place of a value.
pub fn mutate(input: &[u8], noise: &mut Noise) -> Vec<u8> {
    let mut out = input.to_vec();
    let len = out.len().max(1) as u64;
    match noise.below(8) {
        0 if !out.is_empty() => {
            let i = noise.below(len) as usize;
            out[i] ^= 1 << noise.below(8);
        }
        1 => {
            let i = noise.below(len + 1) as usize;
            out.insert(i.min(out.len()), noise.next_u64() as u8);
        }
        2 if !out.is_empty() => {
            let i = noise.below(len) as usize;
            let n = (noise.below(16) as usize).min(out.len() - i);
            out.drain(i..i + n);
        }
        3 if !out.is_empty() => {
            let a = noise.below(len) as usize;
            let b = (a + noise.below(64) as usize).min(out.len());
            let at = noise.below(len) as usize;
            let piece = out[a..b].to_vec();
            out.splice(at..at, piece);
        }
        4 if !out.is_empty() => {
            // Repeat a piece many times: pushes lists, texts and age headers
            // past their limits.
            let a = noise.below(len) as usize;
            let b = (a + 1 + noise.below(48) as usize).min(out.len());
            let piece = out[a..b].to_vec();
            let times = 2 + noise.below(400) as usize;
            let at = noise.below(len) as usize;
            out.splice(at..at, piece.iter().copied().cycle().take(piece.len() * times));
        }
        _ => {
            // Replace a scalar value (after a ':' or ',' or '[') with a token.
            let starts: Vec<usize> = out
                .iter()
                .enumerate()
                .filter(|&(_, &b)| b == b':' || b == b',' || b == b'[')
                .map(|(i, _)| i + 1)
                .collect();
            if let Some(&start) = starts.get(noise.below(starts.len().max(1) as u64) as usize) {
                let mut end = start;
                while end < out.len() && !matches!(out[end], b',' | b'}' | b']') {
                    end += 1;
                }
                let token = INTERESTING[noise.below(INTERESTING.len() as u64) as usize];
                out.splice(start..end, token.bytes());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ketalog_core::record::RecordFacts;

    #[test]
    fn the_last_days_hold_exactly_the_records_dated_in_them() {
        let until = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap_or_default();
        let years = ten_year_journal(until);
        let month = last_days(&years, until, 30);
        let first = until - Days::new(29);
        let inside = |day: NaiveDate| (first..=until).contains(&day);
        assert_eq!(month.checkins.len(), 30);
        assert_eq!(month.bladder.len(), 30);
        assert_eq!(month.sessions.len(), years.sessions.iter().filter(|s| inside(s.day())).count());
        assert!(!month.sessions.is_empty() && !month.phq9.is_empty());
        assert!(month.sessions.iter().all(|s| inside(s.day())) && month.phq9.iter().all(|q| inside(q.day())));
        assert_eq!(month.profile, years.profile);
    }
}
