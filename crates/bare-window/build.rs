//! Embeds `page/` (the frontendDist of `tauri.conf.json`) and the
//! capability, as src-tauri's build script does for the app.

fn main() {
    tauri_build::build();
}
