//! Text from outside (files, documents, notes) made safe to show.
//!
//! A message that quotes file content may reach a terminal. Control
//! characters in it could move the cursor, retitle the window or hide what
//! follows, and bidirectional overrides could make text read differently
//! from what it is; [`printable`] shows each of them as a visible escape.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` must not reach a terminal or a label as it is: C0 and C1
/// control characters (newlines and tabs included) and the bidirectional
/// embedding, override and isolate characters.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every character that [`is_unsafe`] shown as `\u{…}`
/// (`\n`, `\r` and `\t` as such). Text without one is returned as it is.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) => {
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
    fn unsafe_characters_are_shown_escaped(#[case] input: &str, #[case] shown: &str) {
        assert_eq!(printable(input), shown);
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
