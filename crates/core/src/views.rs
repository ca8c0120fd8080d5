//! What each screen of the app shows, computed from the journal: the app
//! asks for a view, never for the whole journal. Pure functions of the
//! journal, the alerts already evaluated and the moment the caller gives.
//!
//! **Invariant:** no view grows with the journal's age, except a page of
//! history (at most [`HISTORY_PAGE_SIZE`] entries) and a month (at most 31
//! days): the overview holds today's entries, what is due and the alerts
//! that hold now, all bounded by a day and by the rules.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::model::{FieldError, Journal, Profile};
use crate::record::{AnyRecord, KindCount, KindVisitor, Record, RecordCounts, RecordKind};
use crate::reminders::{self, Reminder};
use crate::rules::{self, Alert, Thresholds};
use crate::time::{Timestamp, parse_day};

/// Entries in one page of history.
pub const HISTORY_PAGE_SIZE: usize = 50;

/// One record as a list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Entry {
    /// The record's id.
    pub id: Uuid,
    /// Its kind.
    pub kind: RecordKind,
    /// When it happened; `None` for a diary day.
    pub at: Option<Timestamp>,
    /// Its local day, `YYYY-MM-DD`.
    pub day: String,
    /// The kind in words ("Check-in").
    pub title: String,
    /// What it holds, in one line of words.
    pub summary: String,
    /// Its tags, as written.
    pub tags: Vec<String>,
}

impl Entry {
    /// The entry of `record`.
    pub fn of(record: &AnyRecord) -> Self {
        let kind = record.kind();
        let mut title = kind.one().to_owned();
        if let Some(first) = title.get(0..1) {
            title.replace_range(0..1, &first.to_uppercase());
        }
        Self {
            id: record.id(),
            kind,
            at: record.at(),
            day: record.day().to_string(),
            title,
            summary: record.summary(),
            tags: record.tags().to_vec(),
        }
    }
}

/// What every screen needs to know, small whatever the journal's size.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Overview {
    /// The moment this was taken, in the machine's UTC offset.
    pub now: Timestamp,
    /// The profile (clinician, crisis line, settings).
    pub profile: Profile,
    /// Reminders due now.
    pub reminders: Vec<Reminder>,
    /// Every alert that holds now, most severe first (acknowledged ones
    /// included, marked).
    pub alerts: Vec<Alert>,
    /// The first local day holding a record (`YYYY-MM-DD`), if any.
    pub first_day: Option<String>,
    /// The last local day holding a record, if any.
    pub last_day: Option<String>,
    /// Records per kind, with their words.
    pub counts: Vec<KindCount>,
    /// Today's records, oldest first.
    pub today: Vec<Entry>,
}

/// The overview as of `now`, with `alerts` already evaluated as of `now`.
pub fn overview(journal: &Journal, alerts: &[Alert], now: Timestamp) -> Overview {
    let span = journal.span();
    let today = now.local_day();
    let mut found = Matches {
        from: Some(today),
        to: Some(today),
        needle: String::new(),
        kinds: &[],
        tags: Vec::new(),
        found: Vec::new(),
    };
    let Ok(()) = journal.visit(&mut found);
    found.found.sort_unstable();
    let today_entries = found.found.into_iter().filter_map(|(_, id)| journal.find(id)).map(|r| Entry::of(&r)).collect();
    Overview {
        now,
        profile: journal.profile.clone(),
        reminders: reminders::due(journal, now),
        alerts: alerts.to_vec(),
        first_day: span.map(|(first, _)| first.to_string()),
        last_day: span.map(|(_, last)| last.to_string()),
        counts: RecordCounts::of(journal).entries(),
        today: today_entries,
    }
}

/// The alerts that hold as of `now`, with the default thresholds.
pub fn alerts(journal: &Journal, now: Timestamp) -> Vec<Alert> {
    rules::evaluate(journal, now, &Thresholds::default())
}

/// Finds the records of some kinds (all when empty) within some days whose
/// words contain a text (any, when empty) and that carry every one of some
/// tags (lower-cased; any record when empty): their instant and id.
struct Matches<'a> {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    needle: String,
    kinds: &'a [RecordKind],
    tags: Vec<String>,
    found: Vec<(i64, Uuid)>,
}

impl KindVisitor for Matches<'_> {
    type Error = std::convert::Infallible;
    fn visit<R: Record>(&mut self, records: &[R]) -> Result<(), Self::Error> {
        if !self.kinds.is_empty() && !self.kinds.contains(&R::KIND) {
            return Ok(());
        }
        for record in records {
            let day = record.day();
            if self.from.is_some_and(|f| day < f) || self.to.is_some_and(|t| day > t) {
                continue;
            }
            if !self.tags.iter().all(|wanted| record.tags().iter().any(|tag| tag.to_lowercase() == *wanted)) {
                continue;
            }
            if self.needle.is_empty() || searchable(record).contains(&self.needle) {
                self.found.push((record.when().0, record.id()));
            }
        }
        Ok(())
    }
}

/// A record's summary and free text, lower-cased, for searching.
fn searchable<R: Record>(record: &R) -> String {
    let mut text = record.summary();
    for part in record.text() {
        text.push('\n');
        text.push_str(part);
    }
    text.to_lowercase()
}

/// Which records a page of history shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HistoryQuery {
    /// Only these kinds; every kind when empty.
    #[serde(default)]
    pub kinds: Vec<RecordKind>,
    /// Only records whose words or notes contain this (any case); all when empty.
    #[serde(default)]
    pub text: String,
    /// Only records carrying every one of these tags (any case): each tag
    /// narrows the list. All records when empty; when not empty, only kinds
    /// that have tags (sessions, check-ins) can match.
    #[serde(default)]
    pub tags: Vec<String>,
    /// From this local day (`YYYY-MM-DD`), included.
    #[serde(default)]
    pub from: Option<String>,
    /// To this local day, included.
    #[serde(default)]
    pub to: Option<String>,
    /// Which page, from 0.
    #[serde(default)]
    pub page: u32,
}

/// One page of history, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HistoryPage {
    /// The entries on this page.
    pub entries: Vec<Entry>,
    /// How many records match in all.
    pub total: u32,
    /// This page, from 0.
    pub page: u32,
    /// How many pages there are (at least 1).
    pub pages: u32,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn day_in(field: &str, text: &Option<String>) -> Result<Option<NaiveDate>, FieldError> {
    match text.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => parse_day(text).map(Some).map_err(|_| {
            FieldError::new(field, format!("Enter a date like 2026-03-01, not \"{}\".", crate::text::printable(text)))
        }),
    }
}

/// A page of the records `query` matches, newest first.
///
/// # Errors
/// A [`FieldError`] (`from`, `to`) when a date does not read, or the range
/// ends before it starts.
pub fn history(journal: &Journal, query: &HistoryQuery) -> Result<HistoryPage, FieldError> {
    let from = day_in("from", &query.from)?;
    let to = day_in("to", &query.to)?;
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(FieldError::new("to", "The last day comes before the first day."));
    }
    let mut matches = Matches {
        from,
        to,
        needle: query.text.trim().to_lowercase(),
        kinds: &query.kinds,
        tags: query.tags.iter().map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty()).collect(),
        found: Vec::new(),
    };
    let Ok(()) = journal.visit(&mut matches);
    let mut found = matches.found;
    found.sort_unstable_by(|a, b| b.cmp(a));
    let total = found.len();
    let pages = total.div_ceil(HISTORY_PAGE_SIZE).max(1);
    let page = (query.page as usize).min(pages - 1);
    let entries = found
        .into_iter()
        .skip(page * HISTORY_PAGE_SIZE)
        .take(HISTORY_PAGE_SIZE)
        .filter_map(|(_, id)| journal.find(id))
        .map(|record| Entry::of(&record))
        .collect();
    Ok(HistoryPage { entries, total: to_u32(total), page: to_u32(page), pages: to_u32(pages) })
}

/// Most tags [`tags_in_use`] gives: the field's suggestions and the history
/// filter's choices stay small whatever the journal holds.
pub const MAX_TAGS_IN_USE: usize = 200;

/// The tags in use, and the rules a tag field tells the user (the core
/// checks them when a record is saved).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TagsInUse {
    /// The tags the journal's records carry, most used first (then in
    /// alphabetical order, ignoring case), each once: tags differing only in
    /// case are one, spelled as on its latest record. At most
    /// [`MAX_TAGS_IN_USE`].
    pub tags: Vec<String>,
    /// How many different tags the journal holds: more than `tags` holds
    /// when the list was cut short.
    pub total: u32,
    /// Most tags on one record ([`crate::model::MAX_TAGS`]).
    pub max_per_record: u32,
    /// Most characters in one tag ([`crate::model::MAX_TAG_CHARS`]).
    pub max_chars: u32,
}

/// The tags in use ([`TagsInUse`]).
pub fn tags_in_use(journal: &Journal) -> TagsInUse {
    use std::collections::HashMap;
    struct Uses(HashMap<String, (usize, (i64, Uuid), String)>);
    impl KindVisitor for Uses {
        type Error = std::convert::Infallible;
        fn visit<R: Record>(&mut self, records: &[R]) -> Result<(), Self::Error> {
            for record in records {
                let when = (record.when().0, record.id());
                for tag in record.tags() {
                    let entry = self.0.entry(tag.to_lowercase()).or_insert((0, when, tag.clone()));
                    entry.0 += 1;
                    if when >= entry.1 {
                        entry.1 = when;
                        entry.2.clone_from(tag);
                    }
                }
            }
            Ok(())
        }
    }
    let mut uses = Uses(HashMap::new());
    let Ok(()) = journal.visit(&mut uses);
    let mut tags: Vec<(usize, String, String)> =
        uses.0.into_iter().map(|(folded, (count, _, spelling))| (count, folded, spelling)).collect();
    tags.sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let total = to_u32(tags.len());
    TagsInUse {
        tags: tags.into_iter().take(MAX_TAGS_IN_USE).map(|(_, _, spelling)| spelling).collect(),
        total,
        max_per_record: to_u32(crate::model::MAX_TAGS),
        max_chars: to_u32(crate::model::MAX_TAG_CHARS),
    }
}

/// One day of a month view.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CalendarDay {
    /// The local day, `YYYY-MM-DD`.
    pub day: String,
    /// The mean of the day's check-in moods (0–10), if any.
    pub mood: Option<f64>,
    /// Sessions that day.
    pub sessions: u32,
    /// Whether the day's bladder diary shows a warning sign.
    pub bladder_warning: bool,
    /// Records of every kind that day.
    pub entries: u32,
}

/// A month of days, for the calendar.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Month {
    /// The year.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
    /// "March 2026".
    pub title: String,
    /// The weekday of the first day, 0 = Monday.
    pub first_weekday: u32,
    /// Every day of the month, in order.
    pub days: Vec<CalendarDay>,
}

/// The month `month` (1–12) of `year`.
///
/// # Errors
/// A [`FieldError`] (`month`) for a month that does not exist.
pub fn month(journal: &Journal, year: i32, month: u32) -> Result<Month, FieldError> {
    let first =
        NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(|| FieldError::new("month", "There is no such month."))?;
    let next = first.checked_add_months(chrono::Months::new(1)).unwrap_or(first);
    let length = usize::try_from((next - first).num_days()).unwrap_or(31).max(1);
    let mut days: Vec<CalendarDay> = (0..length)
        .map(|i| CalendarDay {
            day: first.checked_add_days(Days::new(i as u64)).unwrap_or(first).to_string(),
            mood: None,
            sessions: 0,
            bladder_warning: false,
            entries: 0,
        })
        .collect();
    let index = |day: NaiveDate| (day >= first && day < next).then(|| (day - first).num_days() as usize);

    struct Count<'a, F: Fn(NaiveDate) -> Option<usize>> {
        index: F,
        days: &'a mut [CalendarDay],
    }
    impl<F: Fn(NaiveDate) -> Option<usize>> KindVisitor for Count<'_, F> {
        type Error = std::convert::Infallible;
        fn visit<R: Record>(&mut self, records: &[R]) -> Result<(), Self::Error> {
            for record in records {
                if let Some(i) = (self.index)(record.day()) {
                    self.days[i].entries += 1;
                    if R::KIND == RecordKind::Session {
                        self.days[i].sessions += 1;
                    }
                }
            }
            Ok(())
        }
    }
    let Ok(()) = journal.visit(&mut Count { index, days: &mut days });

    let mut moods: Vec<(u32, u32)> = vec![(0, 0); length];
    for checkin in &journal.checkins {
        if let (Some(i), Some(mood)) = (index(checkin.at.local_day()), checkin.mood) {
            moods[i].0 += u32::from(mood);
            moods[i].1 += 1;
        }
    }
    for (day, (sum, n)) in days.iter_mut().zip(moods) {
        if n > 0 {
            day.mood = Some((f64::from(sum) / f64::from(n) * 10.0).round() / 10.0);
        }
    }
    let thresholds = Thresholds::default();
    let baseline = rules::day_voids_baseline(&journal.bladder, thresholds.bladder_baseline_days);
    for diary in &journal.bladder {
        if let Some(i) = index(diary.date) {
            days[i].bladder_warning = !rules::warning_signs(diary, baseline, &thresholds).is_empty();
        }
    }
    Ok(Month {
        year,
        month,
        title: first.format("%B %Y").to_string(),
        first_weekday: first.weekday().num_days_from_monday(),
        days,
    })
}

/// How many records of each kind fall on the local days `from` to `to`
/// (the report's preview).
pub fn counts_between(journal: &Journal, from: NaiveDate, to: NaiveDate) -> Vec<KindCount> {
    struct Count {
        from: NaiveDate,
        to: NaiveDate,
        counts: Vec<KindCount>,
    }
    impl KindVisitor for Count {
        type Error = std::convert::Infallible;
        fn visit<R: Record>(&mut self, records: &[R]) -> Result<(), Self::Error> {
            let n = records.iter().filter(|r| (self.from..=self.to).contains(&r.day())).count();
            self.counts.push(KindCount {
                list: R::KIND.list_name().to_owned(),
                count: to_u32(n),
                text: R::KIND.count_text(n),
            });
            Ok(())
        }
    }
    let mut count = Count { from, to, counts: Vec::new() };
    let Ok(()) = journal.visit(&mut count);
    count.counts
}

/// The record with `id`.
///
/// # Errors
/// [`crate::Error::NotFound`] when there is none.
pub fn record(journal: &Journal, id: Uuid) -> crate::Result<AnyRecord> {
    journal.find(id).ok_or_else(|| crate::Error::NotFound(id.to_string()))
}

/// The bladder diary entry for `day`, if there is one (one per day).
pub fn diary_day(journal: &Journal, day: NaiveDate) -> Option<crate::model::BladderDay> {
    journal.bladder.iter().find(|d| d.date == day).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    fn at(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    fn year() -> Journal {
        demo::journal(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap())
    }

    #[test]
    fn history_pages_newest_first_and_filters_by_kind_text_and_days() {
        let journal = year();
        let all = history(&journal, &HistoryQuery::default()).unwrap();
        assert_eq!(all.total as usize, journal.dated_record_count());
        assert_eq!(all.entries.len(), HISTORY_PAGE_SIZE);
        assert!(all.entries.windows(2).all(|w| w[0].day >= w[1].day), "newest first");
        let last = history(&journal, &HistoryQuery { page: 999, ..HistoryQuery::default() }).unwrap();
        assert_eq!(last.page, all.pages - 1, "a page past the end is the last page");

        let sessions =
            history(&journal, &HistoryQuery { kinds: vec![RecordKind::Session], ..Default::default() }).unwrap();
        assert_eq!(sessions.total as usize, journal.sessions.len());
        assert!(sessions.entries.iter().all(|e| e.kind == RecordKind::Session && e.summary.contains("mg")));

        let march =
            HistoryQuery { from: Some("2026-03-01".into()), to: Some("2026-03-31".into()), ..Default::default() };
        let page = history(&journal, &march).unwrap();
        assert!(page.entries.iter().all(|e| e.day.starts_with("2026-03")));

        let err = history(&journal, &HistoryQuery { from: Some("March".into()), ..Default::default() }).unwrap_err();
        assert_eq!(err.path, "from");
    }

    #[test]
    fn history_searches_summaries_and_notes_in_any_case() {
        let mut journal = Journal::default();
        let mut checkin = crate::model::CheckIn::new(Uuid::from_u128(1), at("2026-03-01T09:00:00-05:00"));
        checkin.notes = "Walked by the Lake".into();
        journal.checkins.push(checkin);
        let found = history(&journal, &HistoryQuery { text: "lake".into(), ..Default::default() }).unwrap();
        assert_eq!(found.total, 1);
        let none = history(&journal, &HistoryQuery { text: "river".into(), ..Default::default() }).unwrap();
        assert_eq!(none.total, 0);
        assert_eq!(none.pages, 1);
    }

    fn tagged(n: u128, at_text: &str, tags: &[&str]) -> crate::model::CheckIn {
        let tags = tags.iter().map(|t| (*t).to_owned()).collect();
        crate::model::CheckIn { tags, ..crate::model::CheckIn::new(Uuid::from_u128(n), at(at_text)) }
    }

    #[rstest::rstest]
    #[case::no_tag(&[], &[1, 2, 3, 4, 5])]
    #[case::one_tag(&["therapy"], &[1, 2, 5])]
    #[case::any_case(&["THERAPY"], &[1, 2, 5])]
    #[case::spaces_around(&["  walk "], &[2, 3])]
    #[case::every_tag_given(&["therapy", "walk"], &[2])]
    #[case::a_tag_nobody_has(&["therapy", "alcohol"], &[])]
    #[case::blank_tags_are_no_filter(&["", " "], &[1, 2, 3, 4, 5])]
    fn history_keeps_the_records_carrying_every_tag_asked(#[case] tags: &[&str], #[case] ids: &[u128]) {
        let mut journal = Journal {
            checkins: vec![
                tagged(1, "2026-03-01T09:00:00Z", &["therapy"]),
                tagged(2, "2026-03-02T09:00:00Z", &["Walk", "Therapy"]),
                tagged(3, "2026-03-03T09:00:00Z", &["walk"]),
                tagged(4, "2026-03-04T09:00:00Z", &[]),
            ],
            ..Journal::default()
        };
        let mut session = crate::model::Session::new(
            Uuid::from_u128(5),
            at("2026-03-05T10:00:00Z"),
            crate::model::Medication::Esketamine,
            crate::model::Route::Intranasal,
            56.0,
        );
        session.tags = vec!["therapy".into()];
        journal.sessions.push(session);
        let query = HistoryQuery { tags: tags.iter().map(|t| (*t).to_owned()).collect(), ..Default::default() };
        let page = history(&journal, &query).unwrap();
        let mut found: Vec<u128> = page.entries.iter().map(|e| e.id.as_u128()).collect();
        found.sort_unstable();
        assert_eq!(found, ids);
        assert_eq!(page.total as usize, ids.len());
        // Every row carries its record's tags as written: capitals and order kept.
        let written: [(u128, &[&str]); 5] =
            [(1, &["therapy"]), (2, &["Walk", "Therapy"]), (3, &["walk"]), (4, &[]), (5, &["therapy"])];
        for entry in &page.entries {
            let id = entry.id.as_u128();
            let tags = written.iter().find(|(n, _)| *n == id).map(|(_, tags)| tags.to_vec());
            assert_eq!(Some(entry.tags.iter().map(String::as_str).collect()), tags, "row {id}");
        }
    }

    #[test]
    fn the_tags_in_use_come_most_used_first_each_once() {
        let mut journal = Journal {
            checkins: vec![
                tagged(1, "2026-03-01T09:00:00Z", &["walk", "Therapy"]),
                tagged(2, "2026-03-02T09:00:00Z", &["therapy", "alcohol"]),
                tagged(3, "2026-03-03T09:00:00Z", &["Walk", "THERAPY"]),
                tagged(4, "2026-03-04T09:00:00Z", &["Bike"]),
            ],
            ..Journal::default()
        };
        let used = tags_in_use(&journal);
        assert_eq!(used.tags, ["THERAPY", "Walk", "alcohol", "Bike"]);
        assert_eq!(used.total, 4);
        assert_eq!((used.max_per_record, used.max_chars), (20, 40));
        assert!(tags_in_use(&Journal::default()).tags.is_empty());
        journal.checkins =
            (0..300).map(|n| tagged(n, "2026-03-01T09:00:00Z", &[format!("tag {n:03}").as_str()])).collect();
        let many = tags_in_use(&journal);
        assert_eq!((many.tags.len(), many.total), (MAX_TAGS_IN_USE, 300));
        assert_eq!(many.tags[0], "tag 000");
    }

    #[test]
    fn a_month_marks_moods_sessions_and_warning_days() {
        let journal = year();
        let march = month(&journal, 2026, 3).unwrap();
        assert_eq!(march.days.len(), 31);
        assert_eq!(march.first_weekday, 6, "1 March 2026 is a Sunday");
        assert_eq!(march.title, "March 2026");
        let sessions: u32 = march.days.iter().map(|d| d.sessions).sum();
        let expected = journal.sessions.iter().filter(|s| s.started_at.local_day().month() == 3).count();
        assert_eq!(sessions as usize, expected);
        assert!(march.days.iter().any(|d| d.mood.is_some()));
        assert!(month(&journal, 2026, 13).is_err());
    }

    #[test]
    fn the_overview_holds_today_and_not_the_journal() {
        let journal = year();
        let now = at("2026-06-30T21:00:00-04:00");
        let alerts = alerts(&journal, now);
        let view = overview(&journal, &alerts, now);
        assert!(view.today.iter().all(|e| e.day == "2026-06-30"));
        assert_eq!(view.first_day.as_deref(), Some("2025-07-01"));
        let bytes = serde_json::to_vec(&view).unwrap().len();
        assert!(bytes < 16 * 1024, "the overview is {bytes} bytes");
    }
}
