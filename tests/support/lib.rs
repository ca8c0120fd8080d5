//! Support for black-box tests of the `ketalog` command: a scratch vault in a
//! temporary folder and a runner for the built binary.
//!
//! The binary is `$KETALOG_BIN` if set, else `ketalog` beside the test
//! executable's `deps` folder (the workspace's target folder). Build it first
//! with `cargo build -p ketalog-cli` (the project's test command does).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The passphrase scratch vaults are created with.
pub const PASSPHRASE: &str = "tangerine lighthouse 42";

/// Path of the `ketalog` binary under test.
pub fn ketalog_bin() -> PathBuf {
    if let Some(path) = std::env::var_os("KETALOG_BIN") {
        return PathBuf::from(path);
    }
    let exe = std::env::current_exe().expect("test executable path");
    // target/<profile>/deps/<test> → target/<profile>/ketalog
    let profile_dir = exe.parent().and_then(Path::parent).expect("target folder");
    let bin = profile_dir.join(format!("ketalog{}", std::env::consts::EXE_SUFFIX));
    assert!(bin.exists(), "{} is missing: run `cargo build -p ketalog-cli` first", bin.display());
    bin
}

/// What a run of `ketalog` gave.
#[derive(Debug)]
pub struct Run {
    /// Exit code (-1 if killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    fn from_output(out: Output) -> Self {
        Self {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Panics unless the run exited 0; returns standard output.
    #[track_caller]
    pub fn ok(&self) -> &str {
        assert_eq!(self.code, 0, "ketalog failed.\nstdout: {}\nstderr: {}", self.stdout, self.stderr);
        &self.stdout
    }

    /// Panics unless the run exited with `code` and printed one line to stderr.
    #[track_caller]
    pub fn fails_with(&self, code: i32) -> &str {
        assert_eq!(self.code, code, "expected exit {code}.\nstdout: {}\nstderr: {}", self.stdout, self.stderr);
        assert_eq!(self.stderr.trim_end().lines().count(), 1, "one-line message expected, got: {}", self.stderr);
        self.stderr.trim()
    }
}

/// A vault in a temporary folder, and the environment to reach it.
pub struct Scratch {
    /// The temporary folder (removed on drop).
    pub dir: tempfile::TempDir,
}

impl Default for Scratch {
    fn default() -> Self {
        Self::new()
    }
}

impl Scratch {
    /// An empty folder; no vault yet.
    pub fn new() -> Self {
        Self { dir: tempfile::tempdir().expect("temporary folder") }
    }

    /// A folder with a vault created by `ketalog init`.
    pub fn init() -> Self {
        let scratch = Self::new();
        scratch.run(&["init"]).ok();
        scratch
    }

    /// The vault's database path.
    pub fn vault(&self) -> PathBuf {
        self.dir.path().join("vault").join("journal.db")
    }

    /// A path inside the scratch folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `ketalog --vault <vault> ARGS` with the scratch passphrase in the environment.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(ketalog_bin());
        cmd.arg("--vault")
            .arg(self.vault())
            .args(args)
            .env("KETALOG_PASSPHRASE", PASSPHRASE)
            .env_remove("KETALOG_NEW_PASSPHRASE")
            .env_remove("KETALOG_BACKUP_PASSPHRASE")
            .env_remove("KETALOG_VAULT")
            .stdin(Stdio::null());
        cmd
    }

    /// Runs `ketalog ARGS`.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::from_output(self.command(args).output().expect("ketalog runs"))
    }

    /// Runs `ketalog ARGS` with extra environment variables.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = self.command(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        Run::from_output(cmd.output().expect("ketalog runs"))
    }

    /// Writes `text` to a file in the scratch folder and returns its path.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path(name);
        let mut file = std::fs::File::create(&path).expect("create file");
        file.write_all(text.as_bytes()).expect("write file");
        path
    }

    /// `ketalog import` of a document given as text.
    pub fn import_text(&self, name: &str, text: &str) -> Run {
        let path = self.write(name, text);
        self.run(&["import", path.to_str().expect("utf-8 path")])
    }

    /// The journal as `export --json` gives it, without `exported_at`.
    pub fn export(&self) -> serde_json::Value {
        let run = self.run(&["export", "--json"]);
        let mut doc: serde_json::Value = serde_json::from_str(run.ok()).expect("export is JSON");
        doc.as_object_mut().expect("object").remove("exported_at");
        doc
    }
}

/// A path as the `&str` an argument list takes.
pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// Runs a standard tool and panics with its output unless it succeeds;
/// returns what it printed (standard output, then standard error).
#[track_caller]
pub fn tool(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{program} is not installed (Debian package `age`): {e}"));
    assert!(out.status.success(), "{program} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

/// A new age key pair from `age-keygen` in the scratch folder: the identity
/// file and the public key.
pub fn keygen(s: &Scratch, name: &str) -> (PathBuf, String) {
    let key = s.path(name);
    let said = tool("age-keygen", &["-o", path_str(&key)]);
    let public = said.split_whitespace().find(|w| w.starts_with("age1")).expect("age-keygen names the public key");
    (key, public.to_owned())
}

/// How many trials of a [`kill_sweep`] left the journal as before, and how
/// many left it as a complete run does.
#[derive(Debug, Clone, Copy, Default)]
pub struct KillTally {
    pub old: u32,
    pub new: u32,
}

/// Kills (SIGKILL) a command at moments spread over the length of one
/// complete run, and requires every trial to leave the journal exactly
/// `before` or exactly as the complete run left it.
///
/// `trial` prepares a fresh scratch journal and gives the command to run in
/// it; the first trial runs to completion, which gives the run's length and
/// the "after" state. Most kills fall in the last part of the run, where a
/// command's transaction is; the late ones (the machine may be slower now)
/// make sure the sweep reaches the end of the run. `then` looks at each
/// killed trial with the "after" state (for instance, that a later run
/// completes the work). Panics, naming the kill, when a trial is neither;
/// and unless both states were seen, so that a sweep that never reached the
/// commit cannot pass.
pub fn kill_sweep(
    before: &serde_json::Value,
    mut trial: impl FnMut() -> (Scratch, Command),
    mut then: impl FnMut(usize, &Scratch, &serde_json::Value),
) -> KillTally {
    let (complete, mut command) = trial();
    let started = std::time::Instant::now();
    let status = command.stdout(Stdio::null()).stderr(Stdio::null()).status().expect("the command starts");
    let length = started.elapsed();
    assert!(status.success(), "the complete run succeeds");
    let after = complete.export();
    assert_ne!(&after, before, "a complete run changes the journal");
    let mut tally = KillTally::default();
    let fractions = [0.05, 0.25, 0.45, 0.6, 0.7, 0.76, 0.82, 0.87, 0.91, 0.95, 0.99, 1.05, 1.5, 2.0, 3.0, 5.0];
    for (i, fraction) in fractions.into_iter().enumerate() {
        if fraction > 1.0 && tally.new > 0 {
            break;
        }
        let moment = length.mul_f64(fraction);
        let (scratch, mut command) = trial();
        let mut child = command.stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("the command starts");
        std::thread::sleep(moment);
        child.kill().ok(); // SIGKILL; an error only means it had already finished.
        child.wait().expect("the killed command is reaped");
        let state = scratch.export();
        if &state == before {
            tally.old += 1;
        } else if state == after {
            tally.new += 1;
        } else {
            panic!("kill {i} at {moment:?} of {length:?} left a journal that is neither as before nor as after");
        }
        then(i, &scratch, &after);
    }
    assert!(tally.old > 0 && tally.new > 0, "the kills spanned the run: {tally:?}");
    tally
}
