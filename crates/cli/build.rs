//! `ketalog --version` names the build (see ketalog-build-id).
fn main() {
    ketalog_build_id::emit();
}
