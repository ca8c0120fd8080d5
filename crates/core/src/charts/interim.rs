//! Clinical definitions the charts and the report need, kept here until the
//! instruments module and the rules engine are merged; each item names what
//! replaces it. The values are those of PRODUCT.md §2 and §3.

use crate::model::{BladderDay, Journal, Medication, Route};

/// A severity band of a questionnaire total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    /// The published name, lower case ("moderately severe").
    pub label: &'static str,
    /// Lowest total in the band.
    pub low: u8,
    /// Highest total in the band.
    pub high: u8,
}

/// PHQ-9 bands, lowest first (Kroenke 2001). Replaced by
/// `instruments::PhqNineBand::ALL` with `range()` and `label()`.
pub const PHQ9_BANDS: [Band; 5] = [
    Band { label: "minimal", low: 0, high: 4 },
    Band { label: "mild", low: 5, high: 9 },
    Band { label: "moderate", low: 10, high: 14 },
    Band { label: "moderately severe", low: 15, high: 19 },
    Band { label: "severe", low: 20, high: 27 },
];

/// GAD-7 bands, lowest first (Spitzer 2006). Replaced by
/// `instruments::GadSevenBand::ALL`.
pub const GAD7_BANDS: [Band; 4] = [
    Band { label: "minimal", low: 0, high: 4 },
    Band { label: "mild", low: 5, high: 9 },
    Band { label: "moderate", low: 10, high: 14 },
    Band { label: "severe", low: 15, high: 21 },
];

/// The band holding `total`, if any.
pub fn band_of(bands: &[Band], total: u8) -> Option<Band> {
    bands.iter().copied().find(|b| (b.low..=b.high).contains(&total))
}

/// A PHQ-9 total at or below this is remission (PRODUCT.md §2: total < 5).
/// Replaced by `instruments::PHQ9_REMISSION_BELOW`.
pub const PHQ9_REMISSION_BELOW: u8 = 5;

/// Response: at least this percentage below baseline. Replaced by
/// `instruments::PHQ9_RESPONSE_PERCENT`.
pub const PHQ9_RESPONSE_PERCENT: u8 = 50;

/// Whether `latest` is a response relative to `baseline` (≥ 50 % lower).
/// Replaced by `instruments::is_response`.
pub fn is_response(baseline: u8, latest: u8) -> bool {
    baseline > 0 && u32::from(latest) * 100 <= u32::from(baseline) * u32::from(100 - PHQ9_RESPONSE_PERCENT)
}

/// The published estimate of the share of a dose reaching the bloodstream,
/// or `None` where no estimate exists. Replaced by
/// `instruments::bioavailability(..).fraction`; the values are the same.
pub fn bioavailable_fraction(medication: Medication, route: Route) -> Option<f64> {
    match (medication, route) {
        (Medication::Other, _) | (_, Route::Other) => None,
        (_, Route::Iv) => Some(1.0),
        (_, Route::Im) => Some(0.93),
        (Medication::Esketamine, Route::Intranasal) => Some(0.48),
        (_, Route::Intranasal) => Some(0.45),
        (_, Route::Sublingual) => Some(0.29),
        (_, Route::Oral) => Some(0.17),
        (_, Route::Rectal) => Some(0.30),
    }
}

/// Daily ketamine intake above which patient guides suggest a break
/// (PRODUCT.md, background). Replaced by the rules engine's threshold.
pub const DAILY_DOSE_LIMIT_MG: f64 = 200.0;

/// Diary days whose daytime voids make the personal baseline.
pub const BLADDER_BASELINE_DAYS: usize = 7;

/// The personal baseline of daytime voids: the median of the first seven
/// diary days that record them (PRODUCT.md §3, `bladder.persistent`);
/// `None` until seven exist. Replaced by the rules engine's baseline.
pub fn bladder_baseline_day_voids(journal: &Journal) -> Option<u16> {
    let mut first: Vec<u16> = journal.bladder.iter().filter_map(|d| d.day_voids).take(BLADDER_BASELINE_DAYS).collect();
    if first.len() < BLADDER_BASELINE_DAYS {
        return None;
    }
    first.sort_unstable();
    Some(first[BLADDER_BASELINE_DAYS / 2])
}

/// The warning signs a diary day shows, in words with the logged values
/// ("pain 5/10", "12 daytime voids, usually 7"); empty for a quiet day
/// (PRODUCT.md §3, `bladder.persistent` and `bladder.blood`). Replaced by
/// the rules engine's bladder sign function.
pub fn bladder_warning_signs(day: &BladderDay, baseline_day_voids: Option<u16>) -> Vec<String> {
    let mut signs = Vec::new();
    if day.visible_blood {
        signs.push("visible blood".to_owned());
    }
    if let Some(pain) = day.pain.filter(|p| *p >= 4) {
        signs.push(format!("pain {pain}/10"));
    }
    if day.burning {
        signs.push("burning".to_owned());
    }
    if let Some(urgency) = day.urgency.filter(|u| *u >= 3) {
        signs.push(format!("urgency {urgency}/4"));
    }
    if day.leakage {
        signs.push("leakage".to_owned());
    }
    if day.cloudy {
        signs.push("cloudy urine".to_owned());
    }
    if let Some(voids) = day.day_voids {
        let above_usual = baseline_day_voids.filter(|usual| voids >= usual.saturating_add(3));
        if voids >= 10 || above_usual.is_some() {
            signs.push(match baseline_day_voids {
                Some(usual) if voids > usual => format!("{voids} daytime voids, usually {usual}"),
                _ => format!("{voids} daytime voids"),
            });
        }
    }
    if let Some(night) = day.night_voids.filter(|n| *n >= 2) {
        signs.push(format!("{night} night-time voids"));
    }
    signs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_cover_every_total_once() {
        for total in 0..=27 {
            assert_eq!(PHQ9_BANDS.iter().filter(|b| (b.low..=b.high).contains(&total)).count(), 1);
        }
        for total in 0..=21 {
            assert_eq!(GAD7_BANDS.iter().filter(|b| (b.low..=b.high).contains(&total)).count(), 1);
        }
        assert_eq!(band_of(&PHQ9_BANDS, 15).map(|b| b.label), Some("moderately severe"));
        assert_eq!(band_of(&PHQ9_BANDS, 28), None);
    }

    #[test]
    fn response_is_half_or_less_of_baseline() {
        assert!(is_response(20, 10));
        assert!(!is_response(20, 11));
        assert!(is_response(19, 9));
        assert!(!is_response(19, 10));
        assert!(!is_response(0, 0));
    }

    fn diary(day_voids: u16, night_voids: u16, pain: u8, urgency: u8) -> BladderDay {
        BladderDay {
            id: uuid::Uuid::nil(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            day_voids: Some(day_voids),
            night_voids: Some(night_voids),
            urgency: Some(urgency),
            pain: Some(pain),
            burning: false,
            visible_blood: false,
            cloudy: false,
            leakage: false,
            notes: String::new(),
            share_notes: false,
        }
    }

    #[test]
    fn bladder_signs_at_and_around_each_threshold() {
        assert!(bladder_warning_signs(&diary(9, 1, 3, 2), None).is_empty());
        assert_eq!(bladder_warning_signs(&diary(9, 1, 4, 2), None), ["pain 4/10"]);
        assert_eq!(bladder_warning_signs(&diary(9, 1, 3, 3), None), ["urgency 3/4"]);
        assert_eq!(bladder_warning_signs(&diary(10, 1, 3, 2), None), ["10 daytime voids"]);
        assert_eq!(bladder_warning_signs(&diary(9, 2, 3, 2), None), ["2 night-time voids"]);
        // Three above a personal baseline of 6 counts, two above does not.
        assert_eq!(bladder_warning_signs(&diary(9, 1, 0, 0), Some(6)), ["9 daytime voids, usually 6"]);
        assert!(bladder_warning_signs(&diary(8, 1, 0, 0), Some(6)).is_empty());
        let mut day = diary(6, 0, 0, 0);
        day.visible_blood = true;
        day.cloudy = true;
        assert_eq!(bladder_warning_signs(&day, Some(6)), ["visible blood", "cloudy urine"]);
    }

    #[test]
    fn the_baseline_waits_for_seven_diary_days() {
        let mut journal = Journal::default();
        for voids in [8, 6, 7, 9, 6, 7] {
            journal.bladder.push(diary(voids, 0, 0, 0));
        }
        assert_eq!(bladder_baseline_day_voids(&journal), None);
        journal.bladder.push(diary(12, 0, 0, 0));
        journal.bladder.push(diary(30, 0, 0, 0));
        // The first seven: 6 6 7 7 8 9 12 → 7; the eighth does not count.
        assert_eq!(bladder_baseline_day_voids(&journal), Some(7));
    }
}
