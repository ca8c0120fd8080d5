//! Generates one permission per command (`allow-unlock`, …); the capability
//! in `capabilities/main.json` grants exactly these, and nothing from plugins
//! beyond what the UI needs.

const COMMANDS: &[&str] = &[
    "status",
    "create_journal",
    "unlock",
    "lock",
    "keep_alive",
    "load_overview",
    "save_record",
    "delete_record",
    "history",
    "tags_in_use",
    "record",
    "diary_day",
    "month",
    "period_counts",
    "save_profile",
    "change_passphrase",
    "export_json",
    "export_csv",
    "preview_document",
    "export_backup",
    "preview_backup",
    "restore",
    "restore_new_journal",
    "acknowledge_alert",
    "snooze_reminder",
    "take_last_notice",
    "questionnaires",
    "charts",
    "chart_table",
    "insights",
    "compare_series",
    "save_report",
    "crisis_lines",
    "co_medication_names",
    "guides",
    "export_fhir",
    "import_sources",
    "preview_import",
    "preview_import_again",
    "import_from_app",
    "about",
    "sync_status",
    "set_sync_folder",
    "sync_now",
    "forget_sync_folder",
];

fn main() {
    // The binary embeds the built UI; say how to make it rather than let
    // the context macro fail with a bare path.
    let ui = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/dist/index.html");
    println!("cargo:rerun-if-changed={}", ui.display());
    assert!(
        ui.exists(),
        "the app embeds the built UI, and ui/dist is missing: run `npm ci --prefix ui && npm run --prefix ui build` \
         (./dev test and ./dev app do this)"
    );
    // The About line names the build, as `ketalog --version` does.
    ketalog_build_id::emit();
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .unwrap_or_else(|err| panic!("tauri build step failed: {err:#}"));
}
