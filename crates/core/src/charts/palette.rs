//! The colours charts are drawn in, one palette per theme.
//!
//! The drawing code is the same for every theme: it asks the palette for a
//! role (card, ink, a series colour, a band tint), never for a literal
//! colour. Each palette keeps text at WCAG AA contrast (4.5:1) on the card
//! and on every tint that text or a series is drawn over, and series marks
//! at 3:1 (WCAG's figure for graphics); the tests check both. Series
//! colours stay apart for the common colour-vision deficiencies, and
//! shades are opaque (mixed toward the card, not alpha), so that a PDF
//! viewer has no transparency to composite.

use plotters::style::RGBColor;
use serde::{Deserialize, Serialize};

/// Which palette a chart is drawn in. The PDF report always uses
/// [`Theme::Light`]: it is printed on white paper.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Dark ink on a white card.
    #[default]
    Light,
    /// Light ink on a dark card, matching the app's dark theme.
    Dark,
}

impl Theme {
    /// Both themes.
    pub const ALL: [Self; 2] = [Self::Light, Self::Dark];

    /// The theme's name as files and settings spell it (`light`, `dark`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }

    pub(super) fn palette(self) -> &'static Palette {
        match self {
            Self::Light => &LIGHT,
            Self::Dark => &DARK,
        }
    }
}

/// The colour of each role in a chart.
#[derive(Debug)]
pub(super) struct Palette {
    /// The chart's background.
    pub card: RGBColor,
    /// Titles and legend text.
    pub ink: RGBColor,
    /// Axis labels, guide lines and notes.
    pub muted: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// Axis lines and connectors.
    pub axis: RGBColor,
    /// Series colours.
    pub blue: RGBColor,
    pub orange: RGBColor,
    pub green: RGBColor,
    pub purple: RGBColor,
    pub red: RGBColor,
    /// Session markers.
    pub session: RGBColor,
    /// Behind a day (or week) with a bladder warning sign.
    pub warning_tint: RGBColor,
    /// Questionnaire severity bands, lowest first: calm to alarming, quiet
    /// enough that the series on top stays the strongest thing on the chart.
    pub band_tints: [RGBColor; 5],
}

impl Palette {
    /// `color` mixed toward the card by `amount` (0 keeps it, 1 gives the
    /// card): an opaque quiet shade of it, for ranges and faint marks.
    pub fn shade(&self, color: RGBColor, amount: f64) -> RGBColor {
        let mix = |c: u8, card: u8| (f64::from(c) + (f64::from(card) - f64::from(c)) * amount).round() as u8;
        RGBColor(mix(color.0, self.card.0), mix(color.1, self.card.1), mix(color.2, self.card.2))
    }
}

static LIGHT: Palette = Palette {
    card: RGBColor(0xff, 0xff, 0xff),
    ink: RGBColor(0x22, 0x22, 0x22),
    muted: RGBColor(0x5f, 0x63, 0x68),
    grid: RGBColor(0xe3, 0xe5, 0xe8),
    axis: RGBColor(0x8a, 0x8f, 0x96),
    blue: RGBColor(0x1f, 0x5f, 0xa8),
    orange: RGBColor(0xc8, 0x59, 0x0a),
    green: RGBColor(0x2e, 0x7d, 0x32),
    purple: RGBColor(0x6a, 0x3d, 0x9a),
    red: RGBColor(0xb7, 0x1c, 0x1c),
    session: RGBColor(0x45, 0x4b, 0x55),
    warning_tint: RGBColor(0xfb, 0xe3, 0xe1),
    band_tints: [
        RGBColor(0xe6, 0xf4, 0xea),
        RGBColor(0xf1, 0xf6, 0xdf),
        RGBColor(0xfd, 0xf5, 0xd9),
        RGBColor(0xfd, 0xe9, 0xd6),
        RGBColor(0xfa, 0xdf, 0xdd),
    ],
};

/// The card is the app's dark surface colour, so a chart sits in its card
/// without a bright rectangle.
static DARK: Palette = Palette {
    card: RGBColor(0x1e, 0x24, 0x27),
    ink: RGBColor(0xe8, 0xec, 0xec),
    muted: RGBColor(0xa9, 0xb4, 0xb8),
    grid: RGBColor(0x34, 0x3c, 0x3f),
    axis: RGBColor(0x76, 0x81, 0x8a),
    blue: RGBColor(0x7f, 0xb0, 0xef),
    orange: RGBColor(0xef, 0x9a, 0x4f),
    green: RGBColor(0x74, 0xc4, 0x7e),
    purple: RGBColor(0xc2, 0xa2, 0xec),
    red: RGBColor(0xff, 0x8a, 0x80),
    session: RGBColor(0xb4, 0xbc, 0xc4),
    warning_tint: RGBColor(0x47, 0x2a, 0x2a),
    band_tints: [
        RGBColor(0x22, 0x3a, 0x2c),
        RGBColor(0x2d, 0x3a, 0x24),
        RGBColor(0x3b, 0x38, 0x23),
        RGBColor(0x41, 0x2f, 0x22),
        RGBColor(0x47, 0x2a, 0x2a),
    ],
};

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    /// WCAG 2's relative luminance.
    fn luminance(c: RGBColor) -> f64 {
        let channel = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.039_28 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
    }

    /// WCAG 2's contrast ratio, 1 to 21.
    fn contrast(a: RGBColor, b: RGBColor) -> f64 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn contrast_is_measured_as_wcag_does() {
        assert!((contrast(RGBColor(0, 0, 0), RGBColor(255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((contrast(RGBColor(0x77, 0x77, 0x77), RGBColor(255, 255, 255)) - 4.48).abs() < 0.01);
    }

    #[rstest]
    fn text_and_marks_stand_out(#[values(Theme::Light, Theme::Dark)] theme: Theme) {
        let p = theme.palette();
        let series = [p.blue, p.orange, p.green, p.purple, p.red, p.session];
        for (name, text) in [("ink", p.ink), ("muted", p.muted)] {
            let ratio = contrast(text, p.card);
            assert!(ratio >= 4.5, "{}: {name} text on the card is {ratio:.2}:1", theme.name());
        }
        for (i, color) in series.into_iter().enumerate() {
            let ratio = contrast(color, p.card);
            assert!(ratio >= 3.0, "{}: series colour {i} on the card is {ratio:.2}:1", theme.name());
            // A weekly mean line is drawn over its own range, a shade of it.
            let ratio = contrast(color, p.shade(color, super::super::frame::RANGE_SHADE));
            assert!(ratio >= 3.0, "{}: series colour {i} on its range is {ratio:.2}:1", theme.name());
            for tint in p.band_tints.iter().chain([&p.warning_tint]) {
                let ratio = contrast(color, *tint);
                assert!(ratio >= 3.0, "{}: series colour {i} on a tint is {ratio:.2}:1", theme.name());
            }
        }
        assert!(contrast(p.axis, p.card) >= 3.0, "{}: axis lines", theme.name());
        // Tints and grid lines are quiet: nearer the card than any series.
        for quiet in p.band_tints.iter().chain([&p.warning_tint, &p.grid]) {
            assert!(contrast(*quiet, p.card) < 1.6, "{}: {quiet:?} is too loud", theme.name());
        }
    }

    #[test]
    fn a_shade_mixes_toward_the_card() {
        let light = Theme::Light.palette();
        assert_eq!(light.shade(RGBColor(0, 0x80, 0xff), 0.5), RGBColor(0x80, 0xc0, 0xff));
        let dark = Theme::Dark.palette();
        assert_eq!(dark.shade(dark.ink, 1.0), dark.card);
        assert_eq!(dark.shade(dark.ink, 0.0), dark.ink);
    }
}
