//! What the report tests share.

use std::process::{Command, Stdio};

/// The text `pdftotext` reads from pages `first` to `last` of `pdf`, its
/// lines read as one text (lines wrap where the layout broke them).
pub fn pdf_text(pdf: &[u8], first: u32, last: u32) -> String {
    let mut child = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-f", &first.to_string(), "-l", &last.to_string(), "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("pdftotext (poppler-utils) is installed");
    let mut stdin = child.stdin.take().unwrap();
    let input = pdf.to_vec();
    let writer = std::thread::spawn(move || std::io::Write::write_all(&mut stdin, &input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}
