//! The TypeScript side of IPC, generated from the Rust types: every type a
//! command takes or returns, and a `Commands` table of each command's
//! arguments and result. Written to `ui/src/bindings.ts` and committed; the
//! `bindings_are_current` test fails when the committed file is stale
//! (`KETALOG_WRITE_BINDINGS=1 cargo test -p ketalog-app bindings` rewrites it).

use ts_rs::TS;

/// Declares the command table once: the invoke handler and the TypeScript
/// signatures come from the same list, so neither can miss a command.
macro_rules! command_table {
    ($($name:ident($($arg:ident: $ty:ty),*) -> $ret:ty;)*) => {
        /// The invoke handler for every command in the table.
        pub fn invoke_handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$(crate::commands::$name),*]
        }

        /// The command names, for the capability file's permissions.
        pub const COMMAND_NAMES: &[&str] = &[$(stringify!($name)),*];

        fn command_signatures() -> Vec<(&'static str, Vec<(&'static str, String)>, String)> {
            vec![$((
                stringify!($name),
                vec![$((stringify!($arg), <$ty as TS>::name())),*],
                <$ret as TS>::name(),
            )),*]
        }
    };
}

use ketalog_core::ImportSummary;
use ketalog_core::charts::Theme;
use ketalog_core::model::{BladderDay, Profile};
use ketalog_core::record::{AnyRecord, KindCount};
use ketalog_core::report::{Paper, Section};
use ketalog_core::schedule::{NoticeKind, SnoozeLength};
use ketalog_core::views::{HistoryPage, HistoryQuery, Month, Overview, TagsInUse};
use uuid::Uuid;

use crate::commands::{
    About, AppStatus, BackupWritten, Deleted, DocumentPreview, FhirWritten, FileWritten, FreshRestore, MoodLevel,
    RestoreMode, Saved,
};
use crate::display::{ChartView, ComparisonView, InsightsView, Questionnaire, TableView};
use crate::knowledge::{CoMedicationName, CrisisDirectory, Guides, ImportApp, ImportPreview, ImportSource};
use crate::sync::SyncStatus;
use ketalog_core::insights::{Lag, Series};

command_table! {
    status() -> AppStatus;
    create_journal(passphrase: String, profile: Profile) -> Overview;
    unlock(passphrase: String) -> Overview;
    lock() -> ();
    keep_alive() -> ();
    load_overview() -> Overview;
    save_record(record: AnyRecord) -> Saved;
    delete_record(id: Uuid) -> Deleted;
    history(query: HistoryQuery) -> HistoryPage;
    tags_in_use() -> TagsInUse;
    record(id: Uuid) -> AnyRecord;
    diary_day(day: String) -> Option<BladderDay>;
    month(year: i32, month: u32) -> Month;
    period_counts(from: String, to: String) -> Vec<KindCount>;
    save_profile(profile: Profile) -> Overview;
    change_passphrase(current: String, new: String, rekey: bool) -> ();
    export_json(name: Option<String>) -> FileWritten;
    export_csv(name: Option<String>) -> FileWritten;
    preview_document(name: Option<String>) -> DocumentPreview;
    export_backup(name: Option<String>, passphrase: String) -> BackupWritten;
    preview_backup(name: Option<String>, passphrase: String, identity: Option<String>) -> DocumentPreview;
    restore(mode: RestoreMode, take_profile: bool) -> ImportSummary;
    restore_new_journal(passphrase: String) -> FreshRestore;
    acknowledge_alert(alert_id: String, note: String, share_note: bool) -> Overview;
    snooze_reminder(kind: NoticeKind, length: SnoozeLength) -> ();
    take_last_notice() -> Option<NoticeKind>;
    questionnaires() -> Vec<Questionnaire>;
    charts(from: String, to: String, theme: Theme) -> Vec<ChartView>;
    chart_table(chart: String, from: String, to: String) -> TableView;
    insights(from: String, to: String, theme: Theme) -> InsightsView;
    compare_series(x: Series, y: Series, lag: Lag, from: String, to: String, theme: Theme) -> ComparisonView;
    save_report(name: Option<String>, from: String, to: String, sections: Vec<Section>, paper: Paper)
        -> FileWritten;
    crisis_lines(locale: String) -> CrisisDirectory;
    co_medication_names() -> Vec<CoMedicationName>;
    guides() -> Guides;
    export_fhir(name: Option<String>, from: Option<String>, to: Option<String>) -> FhirWritten;
    import_sources() -> Vec<ImportSource>;
    preview_import(from: ImportApp, name: Option<String>) -> ImportPreview;
    preview_import_again(moods: Vec<MoodLevel>) -> ImportPreview;
    import_from_app() -> ImportSummary;
    about() -> About;
    sync_status() -> SyncStatus;
    set_sync_folder(name: Option<String>) -> SyncStatus;
    sync_now(passphrase: Option<String>) -> SyncStatus;
    forget_sync_folder() -> SyncStatus;
}

/// Every type that crosses IPC, declared in this order.
fn declarations() -> Vec<String> {
    use ketalog_core::model::*;
    use ketalog_core::reminders::{Reminder, ReminderKind};

    use crate::error::{CommandError, ErrorCode};
    use ketalog_core::record::RecordKind;
    use ketalog_core::rules::{Acknowledged, Alert, Rule, Severity};
    use ketalog_core::views::{CalendarDay, Entry};

    use crate::display::{Answer, Question, QuestionnaireKind, SessionDayLine};
    use crate::knowledge::{CountryLine, DaylioChoice, GuideFact, LeftOutEntry, NotMappedEntry, RouteFact};
    use ketalog_core::guides::Place;
    use ketalog_core::vault::ChangedElsewhere;

    use crate::sync::{PassphraseNeed, SyncOutcome};
    vec![
        ErrorCode::decl(),
        CommandError::decl(),
        AppStatus::decl(),
        Overview::decl(),
        Saved::decl(),
        Deleted::decl(),
        AnyRecord::decl(),
        RecordKind::decl(),
        Entry::decl(),
        HistoryQuery::decl(),
        HistoryPage::decl(),
        TagsInUse::decl(),
        Month::decl(),
        CalendarDay::decl(),
        FileWritten::decl(),
        About::decl(),
        DocumentPreview::decl(),
        FreshRestore::decl(),
        BackupWritten::decl(),
        KindCount::decl(),
        RestoreMode::decl(),
        ImportSummary::decl(),
        Reminder::decl(),
        Alert::decl(),
        Rule::decl(),
        Acknowledged::decl(),
        Severity::decl(),
        Questionnaire::decl(),
        QuestionnaireKind::decl(),
        Question::decl(),
        Answer::decl(),
        ChartView::decl(),
        TableView::decl(),
        Theme::decl(),
        InsightsView::decl(),
        SessionDayLine::decl(),
        ComparisonView::decl(),
        Series::decl(),
        Lag::decl(),
        Section::decl(),
        Paper::decl(),
        ReminderKind::decl(),
        NoticeKind::decl(),
        SnoozeLength::decl(),
        Profile::decl(),
        ProfileChange::decl(),
        Clinician::decl(),
        CrisisLine::decl(),
        WeightUnit::decl(),
        Reminders::decl(),
        Session::decl(),
        Medication::decl(),
        Route::decl(),
        Setting::decl(),
        BloodPressure::decl(),
        PartialDose::decl(),
        CheckIn::decl(),
        PhqNine::decl(),
        GadSeven::decl(),
        BladderIndices::decl(),
        BladderDay::decl(),
        Acknowledgement::decl(),
        CrisisDirectory::decl(),
        CountryLine::decl(),
        CoMedicationName::decl(),
        Guides::decl(),
        GuideFact::decl(),
        RouteFact::decl(),
        Place::decl(),
        FhirWritten::decl(),
        ImportSource::decl(),
        ImportApp::decl(),
        ImportPreview::decl(),
        LeftOutEntry::decl(),
        NotMappedEntry::decl(),
        DaylioChoice::decl(),
        MoodLevel::decl(),
        SyncStatus::decl(),
        SyncOutcome::decl(),
        PassphraseNeed::decl(),
        ChangedElsewhere::decl(),
    ]
}

/// The whole `bindings.ts` file.
pub fn typescript() -> String {
    let mut out = String::from(
        "// Generated from the Rust types by src-tauri/src/bindings.rs. Do not edit:\n\
         // run `KETALOG_WRITE_BINDINGS=1 cargo test -p ketalog-app bindings` instead.\n\n",
    );
    for decl in declarations() {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.push_str("/** Each command's arguments (by name) and result. */\nexport interface Commands {\n");
    for (name, args, result) in command_signatures() {
        let args: Vec<String> = args.iter().map(|(arg, ty)| format!("{arg}: {ty}")).collect();
        let result = if result == "null" { "void".to_owned() } else { result };
        out.push_str(&format!("  {name}: {{ args: {{ {} }}; result: {result} }};\n", args.join("; ")));
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn committed_path() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts")
    }

    #[test]
    fn bindings_are_current() {
        let generated = typescript();
        let path = committed_path();
        if std::env::var_os("KETALOG_WRITE_BINDINGS").is_some() {
            std::fs::write(&path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "ui/src/bindings.ts is stale: run `KETALOG_WRITE_BINDINGS=1 cargo test -p ketalog-app bindings`"
        );
    }

    #[test]
    fn the_capability_grants_exactly_the_commands() {
        let text =
            std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("capabilities/main.json")).unwrap();
        let capability: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut granted: Vec<String> = capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p.as_str())
            .filter_map(|p| p.strip_prefix("allow-"))
            .map(|p| p.replace('-', "_"))
            .collect();
        granted.sort();
        let mut commands: Vec<String> = COMMAND_NAMES.iter().map(|&c| c.to_owned()).collect();
        commands.sort();
        assert_eq!(granted, commands);
        // build.rs makes a permission for each command it lists: the same list.
        let build = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("build.rs")).unwrap();
        let listed = build.split_once("const COMMANDS: &[&str] = &[").unwrap().1.split_once("];").unwrap().0;
        let mut permitted: Vec<String> =
            listed.split(',').map(|c| c.trim().trim_matches('"').to_owned()).filter(|c| !c.is_empty()).collect();
        permitted.sort();
        assert_eq!(permitted, commands, "build.rs lists the same commands");
    }
}
