//! A bounded run of the data-document fuzzer over the committed corpus. The
//! full run (10 million executions) is `./dev proof`, see BENCHMARKS.md.
#![allow(clippy::unwrap_used)]

use std::process::Command;

#[test]
fn the_document_importer_survives_mutated_input() {
    let seed = ketalog_proof::seed_from_env("KETALOG_PROOF_SEED").to_string();
    let runs = std::env::var("KETALOG_FUZZ_RUNS").unwrap_or_else(|_| "50000".into());
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/document");
    let out = Command::new(env!("CARGO_BIN_EXE_ketalog-proof"))
        .args(["fuzz-document", &runs, &seed, corpus])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    eprintln!("{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn the_backup_reader_survives_mutated_input() {
    let seed = ketalog_proof::seed_from_env("KETALOG_PROOF_SEED").to_string();
    let runs = std::env::var("KETALOG_FUZZ_RUNS").unwrap_or_else(|_| "20000".into());
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/document");
    let out =
        Command::new(env!("CARGO_BIN_EXE_ketalog-proof")).args(["fuzz-backup", &runs, &seed, corpus]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    eprintln!("{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn refused_corpus_documents_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/document");
    let files: Vec<String> =
        std::fs::read_dir(&corpus).unwrap().map(|e| e.unwrap().path().to_string_lossy().into_owned()).collect();
    let mut args = vec!["import-corpus".to_owned(), dir.path().join("journal.db").to_string_lossy().into_owned()];
    args.extend(files);
    let out = Command::new(env!("CARGO_BIN_EXE_ketalog-proof"))
        .args(&args)
        .env("KETALOG_PASSPHRASE", "fuzz corpus passphrase")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
