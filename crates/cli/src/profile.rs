//! `ketalog profile` and `ketalog init --country`: the profile's crisis line
//! from the core's directory of national lines, and what the profile holds.
//!
//! The locale is read here, from the environment, and handed to the core's
//! pure guess: the core reads no environment.

use std::path::Path;

use clap::Args;
use ketalog_core::Vault;
use ketalog_core::crisis_lines::{self, Country};
use ketalog_core::model::{Clinician, CrisisLine, Profile};

use crate::{Failure, open, print_data, usage};

/// Arguments of `ketalog profile`.
#[derive(Args)]
pub(crate) struct ProfileArgs {
    /// Set the crisis line to this country's national line (ISO 3166 code
    /// such as GB, DE or AU, or the country's English name).
    #[arg(long, value_name = "CC")]
    country: Option<String>,
}

/// The directory's entry for `--country`, or a one-line failure that lists
/// the known codes and how to set a line by hand.
pub(crate) fn country(code: &str) -> Result<&'static Country, Failure> {
    crisis_lines::lookup(code).map_err(|e| {
        usage(format!(
            "{e}. Choose one of them with --country, or import a data document whose profile holds your own \
             crisis_line (label, phone, text, emergency) with `ketalog import`; nothing was changed"
        ))
    })
}

/// After `init`: set the country's line, or say which line is used and how
/// to choose another.
pub(crate) fn after_init(vault: &mut Vault, chosen: Option<&'static Country>) -> Result<(), Failure> {
    match chosen {
        Some(country) => set_line(vault, country),
        None => {
            eprintln!(
                "Crisis line: {} (the United States line, used until you choose yours).",
                describe(&CrisisLine::us_default())
            );
            eprintln!("For another country, run `ketalog profile --country CC` (for example GB, DE or AU).");
            let guess = locale().as_deref().and_then(crisis_lines::guess_from_locale);
            if let Some(guess) = guess.filter(|g| g.country.code != "US") {
                eprintln!(
                    "This system's language settings suggest {}: `ketalog profile --country {}` sets {}.",
                    guess.country.name,
                    guess.country.code,
                    guess.crisis_line().label
                );
            }
            Ok(())
        }
    }
}

/// `ketalog profile [--country CC]`.
pub(crate) fn run(db: &Path, args: &ProfileArgs) -> Result<(), Failure> {
    // An unknown country fails before the passphrase is asked for.
    let chosen = args.country.as_deref().map(country).transpose()?;
    let mut vault = open(db)?;
    match chosen {
        Some(country) => set_line(&mut vault, country),
        None => {
            let profile = vault.profile()?;
            print_data(&mut std::io::stdout().lock(), &show(&profile))?;
            if profile.crisis_line.is_none() {
                eprintln!(
                    "Set the line for your country with `ketalog profile --country CC` (for example GB, DE or AU)."
                );
            }
            Ok(())
        }
    }
}

/// Sets the profile's crisis line to the country's line (in the locale's
/// language when the country has one in it) and says what was set.
fn set_line(vault: &mut Vault, country: &'static Country) -> Result<(), Failure> {
    let language = locale().as_deref().and_then(crisis_lines::guess_from_locale).and_then(|g| g.language);
    let line = match &language {
        Some(language) => country.crisis_line_in(language),
        None => country.crisis_line(),
    };
    let mut profile = vault.profile()?;
    profile.crisis_line = Some(line.clone());
    vault.set_profile(&profile, ketalog_core::Timestamp::now_local())?;
    eprintln!("Crisis line set for {}: {}.", country.name, describe(&line));
    let others: Vec<String> =
        country.lines.iter().filter(|l| l.call.as_deref() != Some(line.phone.as_str())).map(other_line).collect();
    if !others.is_empty() {
        eprintln!("Also in {}: {}.", country.name, others.join("; "));
    }
    Ok(())
}

/// The profile's crisis line and clinician, one line each.
fn show(profile: &Profile) -> String {
    let crisis = match &profile.crisis_line {
        Some(line) => describe(line),
        None => format!("not set; alerts use the United States line, {}", describe(&CrisisLine::us_default())),
    };
    let clinician = profile.clinician.as_ref().map_or_else(|| "not set".to_owned(), describe_clinician);
    format!("Crisis line: {crisis}\nClinician: {clinician}")
}

/// "Samaritans: call 116 123; emergency 999".
fn describe(line: &CrisisLine) -> String {
    let how = crisis_lines::how_to_reach(line).unwrap_or_else(|| "no number".to_owned());
    let label = line.label.trim();
    let named = if label.is_empty() { how } else { format!("{label}: {how}") };
    let emergency = line.emergency.trim();
    if emergency.is_empty() { named } else { format!("{named}; emergency {emergency}") }
}

/// Another line of the country: "Shout (text 85258)".
fn other_line(line: &crisis_lines::HelpLine) -> String {
    format!("{} ({})", line.label(), line.how_to_reach().unwrap_or_default())
}

fn describe_clinician(c: &Clinician) -> String {
    let parts: Vec<&str> = [&c.name, &c.phone, &c.email].iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
    if parts.is_empty() { "not set".to_owned() } else { parts.join(", ") }
}

/// The locale for messages, as POSIX orders the variables.
fn locale() -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find_map(|var| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
}
