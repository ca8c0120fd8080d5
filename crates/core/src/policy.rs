//! The rules every shell applies the same way: what a new passphrase must
//! be, and where a journal lives by default. The command and the app both
//! ask here, so they cannot drift apart.

use std::path::PathBuf;

use secrecy::{ExposeSecret, SecretString};

use crate::model::FieldError;

/// The fewest characters a new passphrase (of a journal or of a backup) may have.
pub const MIN_PASSPHRASE_CHARS: usize = 10;
/// The most characters a passphrase may have: far beyond anything typed,
/// short enough that nothing pasted by mistake is hashed.
pub const MAX_PASSPHRASE_CHARS: usize = 1024;

/// Checks a passphrase chosen for a new journal, a passphrase change or a
/// backup. `field` names the form field (`passphrase`, `new`) in the error.
///
/// # Errors
/// A [`FieldError`] whose message is a sentence fit to show as it is.
pub fn check_new_passphrase(field: &str, passphrase: &SecretString) -> Result<(), FieldError> {
    let text = passphrase.expose_secret();
    let chars = text.chars().count();
    if text.trim().chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(FieldError::new(
            field,
            format!("Use at least {MIN_PASSPHRASE_CHARS} characters; a few unrelated words are easiest to remember."),
        ));
    }
    if chars > MAX_PASSPHRASE_CHARS {
        return Err(FieldError::new(field, format!("Use at most {MAX_PASSPHRASE_CHARS} characters.")));
    }
    if text.chars().any(char::is_control) {
        return Err(FieldError::new(
            field,
            "Use letters, digits, spaces and punctuation only, not control characters.",
        ));
    }
    Ok(())
}

/// Where the journal lives unless the user names another file:
/// `journal.db` in the platform's app-data folder
/// (`~/.local/share/ketalog/` on Linux). `None` when the platform has no
/// such folder (no home folder).
pub fn default_journal_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "Ketalog", "Ketalog").map(|dirs| dirs.data_dir().join("journal.db"))
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case::empty("", false)]
    #[case::one_character("x", false)]
    #[case::nine("123456789", false)]
    #[case::ten_spaces_padding("   abc    ", false)]
    #[case::ten("1234567890", true)]
    #[case::words("tangerine lighthouse", true)]
    #[case::accented("crème brûlée", true)]
    #[case::control("abcdefghij\u{1b}", false)]
    fn new_passphrases_follow_one_rule(#[case] text: &str, #[case] accepted: bool) {
        let result = check_new_passphrase("passphrase", &SecretString::from(text.to_owned()));
        assert_eq!(result.is_ok(), accepted, "{text:?}: {result:?}");
        if let Err(e) = result {
            assert_eq!(e.path, "passphrase");
            assert!(e.message.ends_with('.'), "a sentence: {}", e.message);
        }
    }

    #[test]
    fn very_long_passphrases_are_refused() {
        let long = SecretString::from("a".repeat(MAX_PASSPHRASE_CHARS + 1));
        assert!(check_new_passphrase("passphrase", &long).is_err());
    }
}
