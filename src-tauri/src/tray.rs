//! Running in the background: the tray icon, shown while notifications are
//! on (whether the journal is locked; Open, Lock, Quit), and what closing
//! the window does then.
//!
//! Closing the window with notifications on keeps Ketalog running in the
//! tray, if the user said so when first asked (or in Settings). The journal
//! is locked and the window (with its web view) is closed, not hidden, so
//! that the process in the tray holds no journal data and WebKit's web
//! process ends; Open makes a new window.

use tauri::menu::{Menu, MenuEvent, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, CloseRequestApi, Emitter, Manager, RunEvent, Runtime, Window};
use tauri_plugin_dialog::{DialogExt, MessageDialogButtons};

use crate::notifications::{CloseChoice, Notifier};
use crate::state::AppState;
use crate::{LOCKED_EVENT, MAIN_WINDOW};

const TRAY: &str = "ketalog";
const OPEN: &str = "tray-open";
const LOCK: &str = "tray-lock";
const QUIT: &str = "tray-quit";

/// The tray icon as the notifier thread last made it.
#[derive(Debug, Default)]
pub struct Tray {
    /// `None`: no icon; else whether it says "unlocked".
    shown: Option<bool>,
}

impl Tray {
    /// Shows the icon while notifications are on, with the lock state;
    /// removes it when they are off. Does nothing when nothing changed.
    pub fn sync<R: Runtime>(&mut self, app: &AppHandle<R>, on: bool, unlocked: bool) {
        let wanted = on.then_some(unlocked);
        if wanted == self.shown {
            return;
        }
        let result = match wanted {
            None => {
                app.remove_tray_by_id(TRAY);
                Ok(())
            }
            Some(unlocked) => show(app, unlocked),
        };
        match result {
            Ok(()) => self.shown = wanted,
            Err(err) => eprintln!("ketalog: the tray icon could not be shown: {err}"),
        }
    }
}

fn menu<R: Runtime>(app: &AppHandle<R>, unlocked: bool) -> tauri::Result<Menu<R>> {
    let status = if unlocked { "Ketalog: unlocked" } else { "Ketalog: locked" };
    Menu::with_items(
        app,
        &[
            &MenuItem::with_id(app, "tray-status", status, false, None::<&str>)?,
            &PredefinedMenuItem::separator(app)?,
            &MenuItem::with_id(app, OPEN, "Open Ketalog", true, None::<&str>)?,
            &MenuItem::with_id(app, LOCK, "Lock", unlocked, None::<&str>)?,
            &MenuItem::with_id(app, QUIT, "Quit", true, None::<&str>)?,
        ],
    )
}

fn show<R: Runtime>(app: &AppHandle<R>, unlocked: bool) -> tauri::Result<()> {
    let menu = menu(app, unlocked)?;
    if let Some(tray) = app.tray_by_id(TRAY) {
        return tray.set_menu(Some(menu));
    }
    let mut builder = TrayIconBuilder::with_id(TRAY).tooltip("Ketalog").menu(&menu).on_menu_event(on_menu_event);
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder.build(app).map(drop)
}

fn on_menu_event<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    match event.id().as_ref() {
        OPEN => crate::show_main_window(app),
        LOCK => {
            if app.state::<AppState>().lock() {
                let _ = app.emit_to(MAIN_WINDOW, LOCKED_EVENT, ());
            }
            app.state::<Notifier>().poke();
        }
        QUIT => app.exit(0),
        _ => {}
    }
}

/// The journal is locked and the window goes; Ketalog stays in the tray.
fn to_tray<R: Runtime>(app: &AppHandle<R>) {
    app.state::<AppState>().lock();
    app.state::<Notifier>().set_in_tray(true);
}

/// Closing the main window: quit, or keep running in the tray, asking the
/// first time (the answer is remembered).
pub fn on_close_requested<R: Runtime>(window: &Window<R>, api: &CloseRequestApi) {
    if window.label() != MAIN_WINDOW {
        return;
    }
    let app = window.app_handle().clone();
    match app.state::<Notifier>().close_choice() {
        CloseChoice::Quit => {}
        CloseChoice::Tray => to_tray(&app),
        CloseChoice::Ask => {
            api.prevent_close();
            let window = window.clone();
            app.dialog()
                .message(
                    "Reminders reach you only while Ketalog is running. Keep it running in the tray when you close \
                     the window? Your journal is locked either way. You can change this in Settings.",
                )
                .title("Keep Ketalog running for reminders?")
                .buttons(MessageDialogButtons::OkCancelCustom("Keep running in the tray".into(), "Quit".into()))
                .parent(&window)
                .show(move |keep| {
                    app.state::<Notifier>().remember_close_choice(keep);
                    if keep {
                        to_tray(&app);
                    }
                    let _ = window.destroy();
                });
        }
    }
}

/// Keeps the app running when its last window closed to the tray; Quit
/// (an exit with a code) still ends it. Quitting locks the journal first, so
/// that changes made just before reach the sync folder.
pub fn on_run_event<R: Runtime>(app: &AppHandle<R>, event: &RunEvent) {
    if let RunEvent::Exit = event {
        app.state::<AppState>().lock();
        return;
    }
    if let RunEvent::ExitRequested { code: None, api, .. } = event
        && app.state::<Notifier>().in_tray()
    {
        api.prevent_exit();
    }
}
