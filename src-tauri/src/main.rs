//! The Ketalog desktop app: everything lives in the library, so that tests
//! can build the same app on Tauri's mock runtime.

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // The page runs its JavaScript without compiling it to machine code
    // (JavaScriptCore's interpreter only): a page that shows health data
    // gets a smaller attack surface, as browsers' lockdown modes do, and
    // WebKit maps less of its code and keeps no compiled code (6 MiB less
    // with Trends open; BENCHMARKS.md). The UI is small enough not to need
    // the JIT. WebKit's web process inherits this process's environment, so
    // the option is set here, before anything starts it; a value already
    // set is left alone.
    if std::env::var_os("JSC_useJIT").is_none() {
        // SAFETY: these are the first statements of the process's main
        // thread: no other thread exists yet that could read the
        // environment while it changes. The workspace denies unsafe code;
        // this block is its one exception (`./dev test` checks that).
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var("JSC_useJIT", "0");
        }
    }
    ketalog_app::run();
}
