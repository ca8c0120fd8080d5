//! The bundled typeface: DejaVu Sans (regular and bold), compiled into the
//! binary so that charts and PDFs never depend on the fonts of the machine
//! they are drawn on. Licence: `assets/fonts/DejaVu-LICENSE.txt`.
//!
//! Also measures text in that face, for wrapping and for placing labels.

use std::collections::HashMap;
use std::sync::OnceLock;

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// The family name charts write into their SVG `font-family` attributes, and
/// under which the face is registered with plotters and with SVG renderers.
pub const FAMILY: &str = "DejaVu Sans";

/// DejaVu Sans, regular (TrueType).
pub static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");

/// DejaVu Sans, bold (TrueType).
pub static BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// Advance widths of one face, in em, for measuring text without shaping.
///
/// Kerning is ignored, which makes measured widths a little wider than set
/// text on average: safe for wrapping and for keeping labels apart.
#[derive(Debug)]
pub struct Metrics {
    widths: HashMap<char, f32>,
    /// Width of a character the face has no glyph for (the `.notdef` box).
    missing: f32,
    /// Distance from the baseline to the top of tall letters, in em.
    pub ascent: f32,
    /// Distance from the baseline to the bottom of descenders, in em (positive).
    pub descent: f32,
}

impl Metrics {
    fn read(bytes: &[u8]) -> Option<Self> {
        let font = FontRef::new(bytes).ok()?;
        let metrics = font.metrics(Size::unscaled(), LocationRef::default());
        let per_em = f32::from(metrics.units_per_em);
        let advances = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        let widths = font
            .charmap()
            .mappings()
            .filter_map(|(code, glyph)| {
                let ch = char::from_u32(code)?;
                Some((ch, advances.advance_width(glyph)? / per_em))
            })
            .collect();
        let missing = advances.advance_width(skrifa::GlyphId::NOTDEF).unwrap_or(per_em * 0.6) / per_em;
        Some(Self { widths, missing, ascent: metrics.ascent / per_em, descent: -metrics.descent / per_em })
    }

    /// Width of `text` set on one line at `size` (points or pixels: the unit of `size`).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.widths.get(&c).copied().unwrap_or(self.missing)).sum::<f32>() * size
    }

    /// Whether the face can draw `ch`.
    pub fn has(&self, ch: char) -> bool {
        self.widths.contains_key(&ch)
    }
}

/// Metrics of [`REGULAR`]; `None` only if the bundled file were damaged.
pub fn regular() -> Option<&'static Metrics> {
    static METRICS: OnceLock<Option<Metrics>> = OnceLock::new();
    METRICS.get_or_init(|| Metrics::read(REGULAR)).as_ref()
}

/// Metrics of [`BOLD`]; `None` only if the bundled file were damaged.
pub fn bold() -> Option<&'static Metrics> {
    static METRICS: OnceLock<Option<Metrics>> = OnceLock::new();
    METRICS.get_or_init(|| Metrics::read(BOLD)).as_ref()
}

/// Registers the faces with plotters (once per process), so that charts
/// measure their labels with the bundled font rather than a system one.
///
/// Returns whether the faces are registered.
pub fn register_with_plotters() -> bool {
    use plotters::style::{FontStyle, register_font};
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    *REGISTERED.get_or_init(|| {
        register_font(FAMILY, FontStyle::Normal, REGULAR).is_ok()
            && register_font(FAMILY, FontStyle::Bold, BOLD).is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_faces_load_and_measure() {
        let regular = regular().unwrap();
        let bold = bold().unwrap();
        assert!(regular.has('é') && regular.has('→') && regular.has('≥'));
        let plain = regular.width("PHQ-9 baseline", 10.0);
        assert!(plain > 50.0 && plain < 90.0, "{plain}");
        assert!(bold.width("PHQ-9 baseline", 10.0) > plain);
        assert!(regular.width("iiii", 10.0) < regular.width("MMMM", 10.0));
        assert!(register_with_plotters());
    }
}
