//! A bare Tauri 2 window: the baseline of the app benchmark (`./dev bench-app`).
//!
//! It is built like `ketalog-app` (same Tauri, same features, its page
//! embedded by the custom protocol) and opens its one window the way the app
//! does (same label, size, navigation and new-window guards), but has no
//! plugins, no commands and no state, and shows a static page: a heading and
//! a text input, no framework. Whatever the app costs beyond this window is
//! the app's own.

// No console window next to it on Windows release builds, as for the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use tauri::webview::NewWindowResponse;
use tauri::{Builder, Url, WebviewUrl, WebviewWindowBuilder};

/// Only the embedded page, as in the app.
fn is_own_url(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

fn main() {
    let app = Builder::default().setup(|app| {
        let window = WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
            .title("Ketalog bare window")
            .inner_size(1100.0, 800.0)
            .min_inner_size(400.0, 480.0)
            .on_navigation(is_own_url)
            .on_new_window(|_, _| NewWindowResponse::Deny)
            .build()?;
        window.set_focus()?;
        Ok(())
    });
    if let Err(err) = app.run(tauri::generate_context!()) {
        eprintln!("ketalog-bare-window: could not start: {err}");
        std::process::exit(1);
    }
}
