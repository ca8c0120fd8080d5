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

/// The personal baseline of daytime voids: the median of the first seven
/// diary days that record them (PRODUCT.md §3, `bladder.persistent`).
pub fn bladder_baseline_day_voids(journal: &Journal) -> Option<f64> {
    let mut first: Vec<u16> = journal.bladder.iter().filter_map(|d| d.day_voids).take(7).collect();
    if first.is_empty() {
        return None;
    }
    first.sort_unstable();
    let mid = first.len() / 2;
    Some(if first.len().is_multiple_of(2) {
        (f64::from(first[mid - 1]) + f64::from(first[mid])) / 2.0
    } else {
        f64::from(first[mid])
    })
}

/// The warning signs a diary day shows, in words (PRODUCT.md §3,
/// `bladder.persistent` and `bladder.blood`); empty for a quiet day.
/// Replaced by the rules engine's bladder sign function.
pub fn bladder_warning_signs(day: &BladderDay, baseline_day_voids: Option<f64>) -> Vec<&'static str> {
    let mut signs = Vec::new();
    if day.visible_blood {
        signs.push("visible blood");
    }
    if day.pain.is_some_and(|p| p >= 4) {
        signs.push("pain ≥ 4");
    }
    if day.burning {
        signs.push("burning");
    }
    if day.urgency.is_some_and(|u| u >= 3) {
        signs.push("urgency ≥ 3");
    }
    if day.leakage {
        signs.push("leakage");
    }
    if day.cloudy {
        signs.push("cloudy urine");
    }
    if let Some(voids) = day.day_voids {
        let above_baseline = baseline_day_voids.is_some_and(|b| f64::from(voids) >= b + 3.0);
        if voids >= 10 || above_baseline {
            signs.push("frequent daytime voids");
        }
    }
    if day.night_voids.is_some_and(|n| n >= 2) {
        signs.push("night-time voids ≥ 2");
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
}
