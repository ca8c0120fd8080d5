//! Text from outside (files, documents, notes) made safe to show.
//!
//! A message that quotes file content may reach a terminal. Control
//! characters in it could move the cursor, retitle the window or hide what
//! follows, and bidirectional overrides could make text read differently
//! from what it is; [`printable`] shows each of them as a visible escape.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` must not reach a terminal or a label as it is: C0 and C1
/// control characters (newlines and tabs included), the line and paragraph
/// separators (U+2028, U+2029: a line break to many viewers) and the
/// bidirectional embedding, override and isolate characters.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` is an invisible format character (Unicode category Cf): the
/// soft hyphen, zero-width space, joiners and non-joiner, direction marks,
/// word joiner and invisible operators, the byte-order mark, the Mongolian
/// vowel separator, the bidirectional controls, and the rarer format
/// characters of other scripts and of emoji tag sequences. Shown as
/// nothing, they can make two texts that differ look the same ("walk" and
/// "walk\u{200B}"), and spreadsheets skip them before a formula.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

/// `text` with every character that [`is_unsafe`] shown as `\u{…}`
/// (`\n`, `\r` and `\t` as such). Text without one is returned as it is.
pub fn printable(text: &str) -> Cow<'_, str> {
    escaped(text, is_unsafe)
}

/// Like [`printable`], and invisible format characters ([`is_invisible`])
/// shown as `\u{…}` too: for quoting a short name (a tag) whose fault may
/// be such a character.
pub fn revealed(text: &str) -> Cow<'_, str> {
    escaped(text, |c| is_unsafe(c) || is_invisible(c))
}

fn escaped(text: &str, escape: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Like [`printable`], but keeps line breaks: for multi-line text (notes)
/// shown on a terminal.
pub fn printable_lines(text: &str) -> String {
    text.split('\n').map(printable).collect::<Vec<_>>().join("\n")
}

/// A number as a person writes it: `35`, `12.5`, `0.25` (no trailing zeros,
/// at most three decimals).
pub fn number(value: f64) -> String {
    let text = format!("{value:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".to_owned() } else { text.to_owned() }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case::plain("Dr Rivera, 555-0100", "Dr Rivera, 555-0100")]
    #[case::escape_sequence("\u{1b}]0;owned\u{7}title", "\\u{1b}]0;owned\\u{7}title")]
    #[case::carriage_return("988\r0900", "988\\r0900")]
    #[case::newline_and_tab("a\nb\tc", "a\\nb\\tc")]
    #[case::c1_control("x\u{9b}31m", "x\\u{9b}31m")]
    #[case::bidi_override("abc\u{202E}fed", "abc\\u{202e}fed")]
    #[case::bidi_isolate("\u{2066}x\u{2069}", "\\u{2066}x\\u{2069}")]
    #[case::accents_and_cjk("Müller 東京", "Müller 東京")]
    #[case::line_separator("a\u{2028}b", "a\\u{2028}b")]
    #[case::paragraph_separator("a\u{2029}b", "a\\u{2029}b")]
    #[case::zero_width_space_kept("walk\u{200B}", "walk\u{200B}")]
    fn unsafe_characters_are_shown_escaped(#[case] input: &str, #[case] shown: &str) {
        assert_eq!(printable(input), shown);
    }

    #[rstest]
    #[case::zero_width_space('\u{200B}', true)]
    #[case::zero_width_joiner('\u{200D}', true)]
    #[case::right_to_left_mark('\u{200F}', true)]
    #[case::byte_order_mark('\u{FEFF}', true)]
    #[case::soft_hyphen('\u{00AD}', true)]
    #[case::word_joiner('\u{2060}', true)]
    #[case::invisible_plus('\u{2064}', true)]
    #[case::mongolian_vowel_separator('\u{180E}', true)]
    #[case::bidi_override('\u{202E}', true)]
    #[case::emoji_tag('\u{E0067}', true)]
    #[case::letter('a', false)]
    #[case::space(' ', false)]
    #[case::no_break_space('\u{00A0}', false)]
    #[case::variation_selector('\u{FE0F}', false)]
    #[case::emoji('🎵', false)]
    fn invisible_format_characters(#[case] c: char, #[case] invisible: bool) {
        assert_eq!(is_invisible(c), invisible);
    }

    #[test]
    fn revealed_shows_invisible_characters_too() {
        assert_eq!(revealed("walk\u{200B}"), "walk\\u{200b}");
        assert_eq!(revealed("a\u{FEFF}\nb"), "a\\u{feff}\\nb");
        assert_eq!(revealed("walk"), "walk");
    }

    #[test]
    fn numbers_read_as_written() {
        assert_eq!(number(35.0), "35");
        assert_eq!(number(12.5), "12.5");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(1.0 / 3.0), "0.333");
        assert_eq!(number(-0.0001), "0");
    }

    #[test]
    fn multi_line_text_keeps_its_lines() {
        assert_eq!(printable_lines("one\u{1b}[2J\ntwo\r"), "one\\u{1b}[2J\ntwo\\r");
    }
}
