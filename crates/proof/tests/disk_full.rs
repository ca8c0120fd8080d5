//! On a full disk, saves fail with a clear "disk full" error, nothing is lost
//! or corrupted, and saving works again once space is freed.
//!
//! The journal lives on a 3 MiB tmpfs mounted in a private mount namespace
//! (`unshare -rm`, which needs no root on kernels that allow user
//! namespaces; as root it always works).
#![allow(clippy::unwrap_used)]

use std::process::Command;

#[test]
fn a_full_disk_is_reported_and_survived() {
    let dir = tempfile::tempdir().unwrap();
    let script = r#"mount -t tmpfs -o size=3m ketalog-disk-full "$0" && exec "$1" disk-full "$0""#;
    let out = Command::new("unshare")
        .args(["-rm", "sh", "-c", script, dir.path().to_str().unwrap(), env!("CARGO_BIN_EXE_ketalog-proof")])
        .env("KETALOG_PASSPHRASE", "disk full passphrase")
        .output()
        .expect("unshare (util-linux) runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "stdout: {stdout}\nstderr: {stderr}");
    assert!(stdout.contains("the disk is full; nothing was saved"), "{stdout}");
    assert!(stdout.contains("ok: "), "{stdout}");
}
