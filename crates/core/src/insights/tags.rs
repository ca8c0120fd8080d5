//! Mood on days with a tag and on days without it: for each tag the user
//! gives sessions or check-ins, the mean of the daily mood on the local days
//! holding a record with that tag, beside the mean on the other days with a
//! mood. Said as what was logged, never as what the tag did.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

use super::{DailySeries, Measure, round2};
use crate::charts::DateRange;
use crate::model::Journal;
use crate::record::{KindVisitor, Record};
use crate::time::Timestamp;

/// Fewest days with a mood on each side (with the tag, without it) for a
/// tag to be compared: fewer give a mean that one day can swing.
pub const MIN_TAG_DAYS: usize = 5;

/// The daily mood on the days with one tag and on the other days.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TagMood {
    /// The tag, spelled as on its latest record.
    pub tag: String,
    /// Days with a mood that hold a record with the tag.
    pub days_with: usize,
    /// The mean of the daily mood on those days (0–10).
    #[serde(serialize_with = "two_decimals")]
    pub mood_with: f64,
    /// The other days with a mood.
    pub days_without: usize,
    /// The mean of the daily mood on those days.
    #[serde(serialize_with = "two_decimals")]
    pub mood_without: f64,
    /// The two in a sentence about the user's own records.
    pub sentence: String,
}

fn two_decimals<S: serde::Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(round2(*value))
}

/// One tag's days: its spelling on its latest record (and that record's
/// instant and id, to know which is latest), and the local days holding it.
struct TagDays {
    spelling: String,
    latest: (i64, uuid::Uuid),
    days: BTreeSet<NaiveDate>,
}

/// The local days each tag (case folded) appears on, as known at `as_of`.
fn tagged_days(journal: &Journal, as_of: Timestamp) -> BTreeMap<String, TagDays> {
    struct Walk {
        as_of_ms: i64,
        last_day: NaiveDate,
        found: BTreeMap<String, TagDays>,
    }
    impl KindVisitor for Walk {
        type Error = std::convert::Infallible;
        fn visit<R: Record>(&mut self, records: &[R]) -> Result<(), Self::Error> {
            for record in records {
                let (ms, day) = record.when();
                if ms > self.as_of_ms || day > self.last_day {
                    continue;
                }
                let when = (ms, record.id());
                for tag in record.tags() {
                    let entry = self.found.entry(tag.to_lowercase()).or_insert_with(|| TagDays {
                        spelling: tag.clone(),
                        latest: when,
                        days: BTreeSet::new(),
                    });
                    if when >= entry.latest {
                        entry.spelling.clone_from(tag);
                        entry.latest = when;
                    }
                    entry.days.insert(day);
                }
            }
            Ok(())
        }
    }
    let mut walk = Walk { as_of_ms: as_of.unix_millis(), last_day: as_of.local_day(), found: BTreeMap::new() };
    let Ok(()) = journal.visit(&mut walk);
    walk.found
}

/// For every tag with at least [`MIN_TAG_DAYS`] days with a mood on each
/// side, within `period` (all days when `None`) and as known at `as_of`:
/// the mean daily mood with and without it. Most used first, then by name.
pub fn mood_by_tag(journal: &Journal, as_of: Timestamp, period: Option<DateRange>) -> Vec<TagMood> {
    let mood = DailySeries::of_checkins(journal, Measure::Mood, as_of);
    let days: Vec<(NaiveDate, f64)> = mood.iter().filter(|(day, _)| period.is_none_or(|p| p.contains(*day))).collect();
    let mean = |values: &[f64]| values.iter().sum::<f64>() / values.len() as f64;
    let mut found: Vec<TagMood> = tagged_days(journal, as_of)
        .into_values()
        .filter_map(|TagDays { spelling: tag, days: tagged, .. }| {
            let (with, without): (Vec<_>, Vec<_>) = days.iter().partition(|(day, _)| tagged.contains(day));
            let with: Vec<f64> = with.into_iter().map(|(_, v)| v).collect();
            let without: Vec<f64> = without.into_iter().map(|(_, v)| v).collect();
            if with.len() < MIN_TAG_DAYS || without.len() < MIN_TAG_DAYS {
                return None;
            }
            let (mood_with, mood_without) = (mean(&with), mean(&without));
            let sentence = sentence(&tag, with.len(), mood_with, without.len(), mood_without);
            Some(TagMood { tag, days_with: with.len(), mood_with, days_without: without.len(), mood_without, sentence })
        })
        .collect();
    found.sort_by(|a, b| b.days_with.cmp(&a.days_with).then_with(|| a.tag.to_lowercase().cmp(&b.tag.to_lowercase())));
    found
}

fn sentence(tag: &str, days_with: usize, mood_with: f64, days_without: usize, mood_without: f64) -> String {
    let number = |v: f64| crate::text::number(round2(v));
    format!(
        "On the {days_with} days tagged \u{201c}{tag}\u{201d}, mood averaged {} of 10; on the {days_without} other days \
         with a mood, {} of 10. This is what was logged on those days, not evidence that \u{201c}{tag}\u{201d} changed \
         the mood.",
        number(mood_with),
        number(mood_without)
    )
}

#[cfg(test)]
mod tests {
    use rstest::rstest;
    use uuid::Uuid;

    use super::*;
    use crate::model::{CheckIn, Medication, Route, Session};

    fn at(day: u32, time: &str) -> Timestamp {
        Timestamp::parse(&format!("2026-03-{day:02}T{time}:00-05:00")).unwrap()
    }

    fn checkin(day: u32, mood: Option<u8>, tags: &[&str]) -> CheckIn {
        CheckIn {
            mood,
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            ..CheckIn::new(Uuid::from_u128(u128::from(day) * 100 + u128::from(mood.unwrap_or(99))), at(day, "20:00"))
        }
    }

    /// Days 1–`n`: mood 7 on the days tagged "walk" (every other day), 4 on the others.
    fn journal(n: u32) -> Journal {
        let mut journal = Journal::default();
        for day in 1..=n {
            let walk = day % 2 == 0;
            journal.checkins.push(checkin(day, Some(if walk { 7 } else { 4 }), if walk { &["Walk"] } else { &[] }));
        }
        journal
    }

    #[test]
    fn the_mood_on_tagged_days_is_set_beside_the_other_days() {
        let found = mood_by_tag(&journal(20), at(31, "12:00"), None);
        assert_eq!(found.len(), 1);
        let walk = &found[0];
        assert_eq!((walk.tag.as_str(), walk.days_with, walk.days_without), ("Walk", 10, 10));
        assert_eq!((walk.mood_with, walk.mood_without), (7.0, 4.0));
        assert_eq!(
            walk.sentence,
            "On the 10 days tagged \u{201c}Walk\u{201d}, mood averaged 7 of 10; on the 10 other days with a mood, 4 of \
             10. This is what was logged on those days, not evidence that \u{201c}Walk\u{201d} changed the mood."
        );
        let json = serde_json::to_value(walk).unwrap();
        assert_eq!(json["mood_with"], 7.0);
    }

    #[rstest]
    #[case::five_days_each_side(10, 1)]
    #[case::four_days_with_the_tag(9, 0)]
    #[case::none_at_all(0, 0)]
    fn a_tag_needs_five_days_with_a_mood_on_each_side(#[case] days: u32, #[case] tags: usize) {
        assert_eq!(mood_by_tag(&journal(days), at(31, "12:00"), None).len(), tags);
    }

    #[test]
    fn a_tag_counts_its_day_whatever_record_holds_it_and_in_any_case() {
        let mut journal = journal(12);
        // A session tagged "walk" on day 3 makes day 3 a walk day; its check-in says 4.
        let mut session =
            Session::new(Uuid::from_u128(7), at(3, "10:00"), Medication::RacemicKetamine, Route::Iv, 35.0);
        session.tags = vec!["walk".into()];
        journal.sessions.push(session);
        // The latest record of all is a session on day 12 (already a walk
        // day) after its check-in, spelling the tag "WALK": its spelling is
        // the tag's, whichever order the kinds are read in.
        let mut latest =
            Session::new(Uuid::from_u128(8), at(12, "21:00"), Medication::RacemicKetamine, Route::Iv, 35.0);
        latest.tags = vec!["WALK".into()];
        journal.sessions.push(latest);
        let walk = &mood_by_tag(&journal, at(31, "12:00"), None)[0];
        assert_eq!((walk.days_with, walk.days_without), (7, 5));
        assert_eq!(round2(walk.mood_with), round2((6.0 * 7.0 + 4.0) / 7.0));
        assert_eq!(walk.tag, "WALK", "the spelling of its latest record");
    }

    #[test]
    fn nothing_after_as_of_and_only_the_period_counts() {
        let journal = journal(20);
        assert!(mood_by_tag(&journal, at(9, "23:00"), None).is_empty(), "4 walk days by the 9th");
        let period =
            DateRange::new(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(), NaiveDate::from_ymd_opt(2026, 3, 10).unwrap())
                .unwrap();
        let found = mood_by_tag(&journal, at(31, "12:00"), Some(period));
        assert_eq!((found[0].days_with, found[0].days_without), (5, 5));
    }
}
