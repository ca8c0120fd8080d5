//! The bundled typefaces: DejaVu Sans (regular and bold), compiled into the
//! binary so that charts and PDFs never depend on the fonts of the machine
//! they are drawn on, and Droid Sans Fallback for the PDF's text in scripts
//! DejaVu does not cover (Chinese, Japanese, Korean …), so that a note
//! written in them is printed, not replaced by boxes. Licences:
//! `assets/fonts/DejaVu-LICENSE.txt`, `assets/fonts/DroidSansFallback-LICENSE.txt`.
//!
//! Also measures text in those faces, for wrapping and for placing labels.

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

/// Droid Sans Fallback (TrueType; one weight), for characters DejaVu lacks.
pub static FALLBACK: &[u8] = include_bytes!("../../../assets/fonts/DroidSansFallbackFull.ttf");

/// Which bundled face draws a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    /// DejaVu Sans.
    Regular,
    /// DejaVu Sans Bold.
    Bold,
    /// Droid Sans Fallback (no bold).
    Fallback,
}

impl Face {
    /// Width of `run`, drawn in this face, at `size`.
    pub fn width(self, run: &str, size: f32) -> f32 {
        self.metrics().map_or(run.chars().count() as f32 * size * 0.6, |m| m.width(run, size))
    }

    /// The face's metrics; `None` only if the bundled file were damaged.
    pub fn metrics(self) -> Option<&'static Metrics> {
        match self {
            Self::Regular => regular(),
            Self::Bold => bold(),
            Self::Fallback => fallback(),
        }
    }
}

/// `text` cut into runs, each with the face that draws it: DejaVu (bold or
/// not) wherever it has the glyph, else the fallback when that has it, else
/// DejaVu's box. Spaces and punctuation stay in the run they are in.
pub fn runs(text: &str, bold: bool) -> Vec<(Face, &str)> {
    let main = if bold { Face::Bold } else { Face::Regular };
    let face_of = |ch: char| {
        let drawn_by_main = ch.is_whitespace() || main.metrics().is_none_or(|m| m.has(ch));
        if !drawn_by_main && fallback().is_some_and(|m| m.has(ch)) { Face::Fallback } else { main }
    };
    let mut runs: Vec<(Face, &str)> = Vec::new();
    let mut start = 0;
    let mut current: Option<Face> = None;
    for (at, ch) in text.char_indices() {
        let face = if ch.is_whitespace() { current.unwrap_or(main) } else { face_of(ch) };
        if current.is_some_and(|c| c != face) {
            runs.push((current.unwrap_or(main), &text[start..at]));
            start = at;
        }
        current = Some(face);
    }
    if start < text.len() {
        runs.push((current.unwrap_or(main), &text[start..]));
    }
    runs
}

/// Width of `text` at `size`, each run measured in the face that draws it.
pub fn text_width(text: &str, bold: bool, size: f32) -> f32 {
    runs(text, bold).iter().map(|&(face, run)| face.width(run, size)).sum()
}

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

/// Metrics of [`FALLBACK`]; `None` only if the bundled file were damaged.
pub fn fallback() -> Option<&'static Metrics> {
    static METRICS: OnceLock<Option<Metrics>> = OnceLock::new();
    METRICS.get_or_init(|| Metrics::read(FALLBACK)).as_ref()
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

    #[test]
    fn text_dejavu_lacks_is_drawn_by_the_fallback_and_measured_in_it() {
        assert_eq!(runs("PHQ-9 baseline", false), [(Face::Regular, "PHQ-9 baseline")]);
        assert_eq!(
            runs("Felt calm 今日は気分が良い, then slept", true),
            [(Face::Bold, "Felt calm "), (Face::Fallback, "今日は気分が良い"), (Face::Bold, ", then slept")]
        );
        assert_eq!(runs("你好 世界", false), [(Face::Fallback, "你好 世界")]);
        assert!(runs("", false).is_empty());
        let cjk = text_width("今日は", false, 10.0);
        assert!((cjk - 30.0).abs() < 3.0, "full-width characters are about 1 em: {cjk}");
        assert!(!regular().unwrap().has('今') && fallback().unwrap().has('今'));
    }
}
