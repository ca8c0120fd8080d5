//! The Ketalog desktop app. Until the Tauri shell lands, this binary only
//! points at the `ketalog` command, which serves the same journal.

fn main() {
    eprintln!("The Ketalog desktop app is not part of this build yet; use the `ketalog` command.");
    std::process::exit(1);
}
