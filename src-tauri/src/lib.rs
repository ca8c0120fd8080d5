//! The Ketalog desktop app: a thin Tauri shell over `ketalog-core`.
//!
//! - [`commands`]: what the UI may call, as thin wrappers over the core;
//! - [`error`]: the one IPC error, `{code, message, field}`;
//! - [`state`]: the open journal (and its key) while unlocked;
//! - [`files`]: native file dialogs, shown by this process;
//! - [`display`]: the rules' alerts and the questionnaires, as the UI sees them;
//! - [`knowledge`]: crisis lines, co-medication names, the guides' facts and import previews, as the UI sees them;
//! - [`notifications`]: desktop notifications from the reminder schedule;
//! - [`tray`]: the tray icon, and closing the window to it;
//! - [`sync`]: sync with the folder, on demand and in the background;
//! - [`bindings`]: the TypeScript types of every command, generated.
//!
//! **Architecture invariant:** only this crate knows about IPC and JSON
//! over IPC; the core never learns that a webview exists. The key stays in
//! this process: the webview sends a passphrase once and never sees it or
//! the key again.

pub mod bindings;
pub mod commands;
pub mod display;
pub mod error;
pub mod files;
pub mod knowledge;
pub mod notifications;
pub mod state;
pub mod sync;
pub mod tray;

use std::time::{Duration, Instant};

use tauri::webview::NewWindowResponse;
use tauri::{AppHandle, Builder, Emitter, Manager, Runtime, Url, WebviewUrl, WebviewWindowBuilder, WindowEvent};

use crate::notifications::Notifier;
use crate::state::AppState;

/// The label of the one window.
pub const MAIN_WINDOW: &str = "main";
/// Event sent to the UI when the journal locks itself after being idle.
pub const LOCKED_EVENT: &str = "journal-locked";
/// How often the idle timer looks.
const IDLE_CHECK_EVERY: Duration = Duration::from_secs(5);

/// The app on any runtime: state and commands. Plugins and the window are
/// added by [`run`]; tests use this with `tauri::test::mock_builder()`.
pub fn configure<R: Runtime>(builder: Builder<R>, state: AppState) -> Builder<R> {
    let notifier = Notifier::new(state.vault_path());
    builder.manage(state).manage(notifier).invoke_handler(bindings::invoke_handler())
}

/// Whether the webview may show `url`: only the app's own pages.
pub fn is_app_url(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => {
            url.host_str() == Some("tauri.localhost")
                || (tauri::is_dev() && matches!(url.host_str(), Some("localhost")) && url.port() == Some(5173))
        }
        _ => false,
    }
}

fn open_main_window<R: Runtime, M: Manager<R>>(app: &M) -> tauri::Result<()> {
    let window = WebviewWindowBuilder::new(app, MAIN_WINDOW, WebviewUrl::App("index.html".into()))
        .title("Ketalog")
        .inner_size(1100.0, 800.0)
        .min_inner_size(400.0, 480.0)
        .on_navigation(is_app_url)
        .on_new_window(|_, _| NewWindowResponse::Deny)
        .build()?;
    window.set_focus()?;
    Ok(())
}

/// Shows the main window, making it anew when it was closed to the tray.
pub fn show_main_window<R: Runtime>(app: &AppHandle<R>) {
    app.state::<Notifier>().set_in_tray(false);
    let shown = match app.get_webview_window(MAIN_WINDOW) {
        Some(window) => window.unminimize().and_then(|()| window.show()).and_then(|()| window.set_focus()),
        None => open_main_window(app),
    };
    if let Err(err) = shown {
        eprintln!("ketalog: the window could not be opened: {err}");
    }
}

/// Locks the journal after its idle time, and tells the UI.
fn spawn_idle_lock<R: Runtime>(app: AppHandle<R>) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(IDLE_CHECK_EVERY);
            let state = app.state::<AppState>();
            if state.lock_if_idle(Instant::now()) {
                // The UI may already be gone; nothing else to do then.
                let _ = app.emit_to(MAIN_WINDOW, LOCKED_EVENT, ());
                app.state::<Notifier>().poke();
            }
        }
    });
}

/// Starts the app. Exits with status 1 when it cannot start.
pub fn run() {
    let state = match AppState::from_env() {
        Ok(state) => state,
        Err(err) => {
            eprintln!("ketalog: {err}");
            std::process::exit(1);
        }
    };
    let builder = Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| show_main_window(app)))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_autostart::Builder::new().arg(notifications::IN_TRAY_ARG).build());
    let app = configure(builder, state)
        .setup(|app| {
            // Started at login: straight to the tray, if notifications are on.
            let in_tray = std::env::args().any(|a| a == notifications::IN_TRAY_ARG) && app.state::<Notifier>().is_on();
            if in_tray {
                app.state::<Notifier>().set_in_tray(true);
            } else {
                open_main_window(app)?;
            }
            spawn_idle_lock(app.handle().clone());
            notifications::spawn(app.handle().clone());
            sync::spawn(app.handle().clone());
            Ok(())
        })
        .on_window_event(|window, event| {
            if let WindowEvent::CloseRequested { api, .. } = event {
                tray::on_close_requested(window, api);
            }
        })
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|handle, event| tray::on_run_event(handle, &event)),
        Err(err) => {
            eprintln!("ketalog: the app could not start: {err}");
            std::process::exit(1);
        }
    }
}
