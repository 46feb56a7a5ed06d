fn main() {
    // tauri.conf.json sits beside the top-level Cargo.toml, this package's
    // manifest, so tauri-build finds it without a custom path.
    tauri_build::build()
}
