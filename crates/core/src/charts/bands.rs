//! Questionnaire severity bands as charts and tables draw them: the
//! published bands of [`crate::instruments`], as plain ranges.

use crate::instruments::{GadSevenBand, PhqNineBand};

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

/// The PHQ-9 bands, lowest first.
pub fn phq9_bands() -> [Band; 5] {
    PhqNineBand::ALL.map(|b| Band { label: b.label(), low: b.range().0, high: b.range().1 })
}

/// The GAD-7 bands, lowest first.
pub fn gad7_bands() -> [Band; 4] {
    GadSevenBand::ALL.map(|b| Band { label: b.label(), low: b.range().0, high: b.range().1 })
}

/// The band holding `total`, if any.
pub fn band_of(bands: &[Band], total: u8) -> Option<Band> {
    bands.iter().copied().find(|b| (b.low..=b.high).contains(&total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_cover_every_total_once() {
        for total in 0..=27 {
            assert_eq!(phq9_bands().iter().filter(|b| (b.low..=b.high).contains(&total)).count(), 1);
        }
        for total in 0..=21 {
            assert_eq!(gad7_bands().iter().filter(|b| (b.low..=b.high).contains(&total)).count(), 1);
        }
        assert_eq!(band_of(&phq9_bands(), 15).map(|b| b.label), Some("moderately severe"));
        assert_eq!(band_of(&gad7_bands(), 15).map(|b| b.label), Some("severe"));
        assert_eq!(band_of(&phq9_bands(), 28), None);
    }
}
