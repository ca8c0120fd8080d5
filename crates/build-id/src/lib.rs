//! Names the source a Ketalog binary was built from, for `ketalog --version`
//! and the app's About line. Used from build scripts only.
//!
//! The build is, in order: the `KETALOG_BUILD` environment variable (for
//! packagers building from a source archive who know the revision), else
//! the short hash of the git commit checked out, else `source` (a source
//! archive, or no `git` on the machine). A non-printable or overlong value
//! of `KETALOG_BUILD` is refused, because it is printed to terminals.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The environment variable the compiled crate reads with `env!`.
pub const ENV: &str = "KETALOG_BUILD";

/// Printed when the source is not a git checkout.
pub const UNKNOWN: &str = "source";

/// Sets `KETALOG_BUILD` for the crate being built, and tells cargo when to
/// run the build script again: when the variable changes, or when git's
/// `HEAD` moves (a commit, a checkout), so that the name is never stale.
///
/// # Panics
/// When `KETALOG_BUILD` is set to something that is not 1 to 64 ASCII
/// letters, digits, dots, dashes, plus signs or underscores.
pub fn emit() {
    println!("cargo:rerun-if-env-changed={ENV}");
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let build = match std::env::var(ENV) {
        Ok(given) => {
            assert!(valid(&given), "{ENV} must be 1 to 64 characters of A-Z a-z 0-9 . - + _ (it was {given:?})");
            given
        }
        Err(_) => match git_commit(&manifest_dir) {
            Some((hash, watched)) => {
                for path in watched {
                    println!("cargo:rerun-if-changed={}", path.display());
                }
                hash
            }
            None => UNKNOWN.to_owned(),
        },
    };
    println!("cargo:rustc-env={ENV}={build}");
}

/// Whether a build name is safe and short enough to print.
pub fn valid(build: &str) -> bool {
    (1..=64).contains(&build.len())
        && build.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'+' | b'_'))
}

/// The checked-out commit's short hash, and the files whose change moves it
/// (`HEAD`, the branch's ref file, `packed-refs`), or `None` outside a git
/// checkout or without git.
fn git_commit(dir: &Path) -> Option<(String, Vec<PathBuf>)> {
    let hash = git(dir, &["rev-parse", "--short=12", "HEAD"])?;
    if !valid(&hash) {
        return None;
    }
    let mut watched = vec![PathBuf::from(git(dir, &["rev-parse", "--git-path", "HEAD"])?)];
    if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        watched.push(PathBuf::from(git(dir, &["rev-parse", "--git-path", &branch])?));
    }
    watched.push(PathBuf::from(git(dir, &["rev-parse", "--git-path", "packed-refs"])?));
    // Relative paths are relative to `dir`; cargo wants them absolute.
    let watched = watched.into_iter().map(|p| if p.is_absolute() { p } else { dir.join(p) }).collect();
    Some((hash, watched))
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git").arg("-C").arg(dir).args(args).output().ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8(output.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::valid;

    #[test]
    fn build_names_are_short_printable_words() {
        for good in ["1a2b3c4d5e6f", "source", "1.2-3+deb12u1", "a_b"] {
            assert!(valid(good), "{good}");
        }
        let long = "a".repeat(65);
        for bad in ["", "with space", "new\nline", "\u{1b}[31m", "é", long.as_str()] {
            assert!(!valid(bad), "{bad:?}");
        }
    }
}
