//! Moments and days as the user lived them.
//!
//! A [`Timestamp`] keeps the UTC offset of the clock it was read from, so the
//! user's local calendar day is a property of the record itself, never of the
//! machine that happens to read it later.

use std::cmp::Ordering;
use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, SecondsFormat, Timelike, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An instant together with the UTC offset it was recorded in.
///
/// Serialised as RFC 3339 (`2026-03-01T22:30:00-05:00`). An offset of zero
/// written as `Z` stays `Z`, so documents round-trip byte for byte.
#[derive(Clone, Copy, Eq)]
pub struct Timestamp {
    at: DateTime<FixedOffset>,
    zulu: bool,
}

impl Timestamp {
    /// Parses RFC 3339 with a mandatory UTC offset.
    ///
    /// # Errors
    /// A message fit to follow a field name, e.g. "expected an RFC 3339 time …".
    pub fn parse(text: &str) -> Result<Self, String> {
        match DateTime::parse_from_rfc3339(text) {
            Ok(at) => Ok(Self { at, zulu: text.ends_with(['Z', 'z']) }),
            Err(err) => Err(format!(
                "expected an RFC 3339 time with a UTC offset, like 2026-03-01T09:30:00-05:00; got {text:?} ({err})"
            )),
        }
    }

    /// Wraps a chrono time; an offset of zero is written as `+00:00`.
    pub fn from_datetime(at: DateTime<FixedOffset>) -> Self {
        Self { at, zulu: false }
    }

    /// The current time of this machine, in its current UTC offset, to the
    /// whole second.
    ///
    /// Only shells call this: the core takes "now" from its caller.
    pub fn now_local() -> Self {
        let now = chrono::Local::now().fixed_offset();
        Self::from_datetime(now.with_nanosecond(0).unwrap_or(now))
    }

    /// The instant and offset as chrono sees them.
    pub fn datetime(&self) -> DateTime<FixedOffset> {
        self.at
    }

    /// The instant in UTC.
    pub fn utc(&self) -> DateTime<Utc> {
        self.at.with_timezone(&Utc)
    }

    /// Milliseconds since the Unix epoch; the store sorts by this.
    pub fn unix_millis(&self) -> i64 {
        self.at.timestamp_millis()
    }

    /// The user's calendar day at this moment, from the recorded offset.
    pub fn local_day(&self) -> NaiveDate {
        self.at.date_naive()
    }

    /// The recorded UTC offset.
    pub fn offset(&self) -> FixedOffset {
        *self.at.offset()
    }

    /// RFC 3339 text, exactly as it will be serialised.
    pub fn to_rfc3339(&self) -> String {
        self.at.to_rfc3339_opts(SecondsFormat::AutoSi, self.zulu)
    }
}

impl PartialEq for Timestamp {
    fn eq(&self, other: &Self) -> bool {
        self.at == other.at && self.offset() == other.offset() && self.zulu == other.zulu
    }
}

impl std::hash::Hash for Timestamp {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.at.timestamp().hash(state);
        self.at.timestamp_subsec_nanos().hash(state);
        self.offset().local_minus_utc().hash(state);
        self.zulu.hash(state);
    }
}

impl Ord for Timestamp {
    /// Chronological; ties broken by offset so that the order is total.
    fn cmp(&self, other: &Self) -> Ordering {
        self.at
            .cmp(&other.at)
            .then_with(|| self.offset().local_minus_utc().cmp(&other.offset().local_minus_utc()))
            .then_with(|| self.zulu.cmp(&other.zulu))
    }
}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Parses a calendar day `YYYY-MM-DD`.
///
/// # Errors
/// A message naming the text, e.g. "2026-02-30 is not a calendar date".
pub fn parse_day(text: &str) -> Result<NaiveDate, String> {
    let shape_ok = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if !shape_ok {
        return Err(format!("expected a date like 2026-03-01, got {text:?}"));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| format!("{text} is not a calendar date"))
}

/// Serde adapter for [`NaiveDate`] fields with [`parse_day`]'s messages.
pub mod day_serde {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes `YYYY-MM-DD`.
    pub fn serialize<S: Serializer>(day: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&day.format("%Y-%m-%d"))
    }

    /// Reads `YYYY-MM-DD`, refusing impossible dates by name.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(deserializer)?;
        super::parse_day(&text).map_err(serde::de::Error::custom)
    }
}

/// Parses a local wall time of day `HH:MM` (24-hour clock).
///
/// # Errors
/// A message naming the text, e.g. "expected a time of day like 20:00, got \"8pm\"".
pub fn parse_time_of_day(text: &str) -> Result<NaiveTime, String> {
    let shape_ok =
        text.len() == 5 && text.bytes().enumerate().all(|(i, b)| if i == 2 { b == b':' } else { b.is_ascii_digit() });
    let parsed = shape_ok.then(|| NaiveTime::parse_from_str(text, "%H:%M").ok()).flatten();
    parsed.ok_or_else(|| format!("expected a time of day like 20:00, got {text:?}"))
}

/// Serde adapter for [`NaiveTime`] fields written `HH:MM`, with
/// [`parse_time_of_day`]'s messages. Seconds are not kept.
pub mod time_of_day_serde {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes `HH:MM`.
    pub fn serialize<S: Serializer>(time: &NaiveTime, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&time.format("%H:%M"))
    }

    /// Reads `HH:MM`, refusing anything else by name.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveTime, D::Error> {
        let text = String::deserialize(deserializer)?;
        super::parse_time_of_day(&text).map_err(serde::de::Error::custom)
    }
}

/// In TypeScript a [`Timestamp`] is its RFC 3339 string.
#[cfg(feature = "ts")]
impl ts_rs::TS for Timestamp {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;

    fn name() -> String {
        "string".to_owned()
    }

    fn inline() -> String {
        Self::name()
    }

    fn inline_flattened() -> String {
        Self::name()
    }

    fn decl() -> String {
        "type Timestamp = string;".to_owned()
    }

    fn decl_concrete() -> String {
        Self::decl()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_day_comes_from_the_recorded_offset() {
        // 22:30 in New York on 1 March is already 2 March in UTC.
        let t = Timestamp::parse("2026-03-01T22:30:00-05:00").unwrap();
        assert_eq!(t.local_day(), NaiveDate::from_ymd_opt(2026, 3, 1).unwrap());
        assert_eq!(t.utc().date_naive(), NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
    }

    #[test]
    fn text_form_round_trips() {
        for text in [
            "2026-03-01T22:30:00-05:00",
            "2026-03-01T22:30:00Z",
            "2026-03-01T22:30:00+00:00",
            "2026-03-01T22:30:00.250+05:30",
        ] {
            assert_eq!(Timestamp::parse(text).unwrap().to_rfc3339(), text);
        }
    }

    #[test]
    fn a_time_without_offset_is_refused() {
        assert!(Timestamp::parse("2026-03-01T22:30:00").is_err());
    }

    #[test]
    fn impossible_days_are_named() {
        assert_eq!(parse_day("2026-02-30").unwrap_err(), "2026-02-30 is not a calendar date");
        assert!(parse_day("2026-2-3").is_err());
        assert_eq!(parse_day("2028-02-29").unwrap(), NaiveDate::from_ymd_opt(2028, 2, 29).unwrap());
    }

    #[test]
    fn times_of_day_are_hours_and_minutes_on_a_24_hour_clock() {
        assert_eq!(parse_time_of_day("07:05").unwrap(), NaiveTime::from_hms_opt(7, 5, 0).unwrap());
        assert_eq!(parse_time_of_day("23:59").unwrap(), NaiveTime::from_hms_opt(23, 59, 0).unwrap());
        for bad in ["24:00", "7:05", "07:60", "07:05:00", "8pm", "", "07-05"] {
            assert_eq!(parse_time_of_day(bad).unwrap_err(), format!("expected a time of day like 20:00, got {bad:?}"));
        }
    }
}
