//! The manual pages and shell completions, generated from the same clap
//! definition that parses the arguments, so that they cannot drift from the
//! command. `./dev package` runs the hidden `ketalog generate-manual` and
//! installs what it writes.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap_complete::Shell;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};

/// The manual all of Ketalog's pages belong to (the centre of the footer).
const MANUAL: &str = "Ketalog Manual";

/// Environment variables the command reads, for the ENVIRONMENT section.
const ENVIRONMENT: &[(&str, &str)] = &[
    ("KETALOG_VAULT", "The journal file, as --vault gives it."),
    (
        "KETALOG_PASSPHRASE",
        "The journal's passphrase, instead of asking for it on the terminal. Anything that can read this \
         process's environment can read it: use it for scripts on a machine you trust only.",
    ),
    ("KETALOG_NEW_PASSPHRASE", "The new passphrase for ketalog init and ketalog passphrase change."),
    ("KETALOG_BACKUP_PASSPHRASE", "The passphrase of a backup, written or read."),
];

/// Exit statuses, for the EXIT STATUS section (they match the crate docs).
const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Success."),
    ("1", "A usage or input error: a wrong argument, an invalid file, a backup whose content is invalid."),
    ("2", "A wrong passphrase, a missing or non-matching age identity, or a journal locked by another program."),
    ("3", "A journal or backup file that is damaged, truncated or not what it claims to be."),
];

/// Writes `man1/` (one page for the command and one for each visible
/// subcommand, `ketalog-backup-export.1` and so on) and `bash/ketalog`,
/// `zsh/_ketalog`, `fish/ketalog.fish` under `out`, creating folders as
/// needed. Returns the files written, in a stable order.
///
/// # Errors
/// Any I/O error creating a folder or writing a file; files written before
/// it are left in place.
pub fn write(cmd: clap::Command, out: &Path, version_line: &'static str) -> io::Result<Vec<PathBuf>> {
    let mut cmd = visible(&cmd, version_line).disable_help_subcommand(true);
    cmd.build();
    let mut written = Vec::new();
    let man_dir = out.join("man1");
    fs::create_dir_all(&man_dir)?;
    let see_also = page_names(&cmd, "ketalog");
    write_pages(&cmd, "ketalog", &man_dir, &format!("Ketalog {version_line}"), Some(&see_also), &mut written)?;
    for (shell, folder, file) in
        [(Shell::Bash, "bash", "ketalog"), (Shell::Zsh, "zsh", "_ketalog"), (Shell::Fish, "fish", "ketalog.fish")]
    {
        let dir = out.join(folder);
        fs::create_dir_all(&dir)?;
        let path = dir.join(file);
        let mut buffer = Vec::new();
        clap_complete::generate(shell, &mut cmd, "ketalog", &mut buffer);
        fs::write(&path, buffer)?;
        written.push(path);
    }
    Ok(written)
}

/// The `ketalog` command without its hidden subcommands: the completion
/// generators would offer them otherwise. Arguments are copied before
/// `build`, so they are only the declared ones; help and version are added
/// again by `build`.
fn visible(cmd: &clap::Command, version: &'static str) -> clap::Command {
    let copy = clap::Command::new("ketalog")
        .version(version)
        .args(cmd.get_arguments().cloned())
        .subcommands(cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned())
        .subcommand_required(cmd.is_subcommand_required_set());
    match cmd.get_about() {
        Some(about) => copy.about(about.clone()),
        None => copy,
    }
}

/// One page for `cmd`, named `name` (`ketalog-backup-export`), then one for
/// each visible subcommand, depth first. The top page (the one given
/// `see_also`) also gets ENVIRONMENT, EXIT STATUS and SEE ALSO.
fn write_pages(
    cmd: &clap::Command,
    name: &str,
    dir: &Path,
    source: &str,
    see_also: Option<&[String]>,
    written: &mut Vec<PathBuf>,
) -> io::Result<()> {
    let page_cmd = cmd.clone().display_name(name.to_owned());
    let man = Man::new(page_cmd).title(name.to_uppercase()).source(source).manual(MANUAL);
    let path = dir.join(format!("{name}.1"));
    let mut page = Vec::new();
    man.render(&mut page)?;
    if let Some(pages) = see_also {
        top_sections(pages).to_writer(&mut page)?;
    }
    if !page.ends_with(b"\n") {
        page.push(b'\n');
    }
    fs::File::create(&path)?.write_all(&page)?;
    written.push(path);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub, &format!("{name}-{}", sub.get_name()), dir, source, None, written)?;
    }
    Ok(())
}

fn top_sections(pages: &[String]) -> Roff {
    let mut roff = Roff::default();
    for (title, entries) in [("ENVIRONMENT", ENVIRONMENT), ("EXIT STATUS", EXIT_STATUS)] {
        roff.control("SH", [title]);
        for (name, text) in entries {
            roff.control("TP", []).text([bold(*name)]).text([roman(*text)]);
        }
    }
    roff.control("SH", ["SEE ALSO"]);
    let mut inlines = Vec::new();
    for (i, page) in pages.iter().map(String::as_str).chain(["ketalog-app"]).enumerate() {
        if i > 0 {
            inlines.push(roman(", "));
        }
        inlines.push(bold(page));
        inlines.push(roman("(1)"));
    }
    roff.text(inlines);
    roff
}

/// The names of the subcommands' pages (`ketalog-backup-export`), as
/// [`write_pages`] names their files.
fn page_names(cmd: &clap::Command, prefix: &str) -> Vec<String> {
    let mut names = Vec::new();
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("{prefix}-{}", sub.get_name());
        let nested = page_names(sub, &name);
        names.push(name);
        names.extend(nested);
    }
    names
}
