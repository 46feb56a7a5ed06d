//! The checked-in TypeScript of the IPC contract is what the Rust types
//! generate: a change to a view, a request or the error vocabulary without
//! regenerating fails here. Regenerate with
//! `UPDATE_BINDINGS=1 cargo test -p approval-api --test ipc_bindings`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

fn generated_folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/ipc/generated")
}

fn check(file: &str, generated: &str) {
    let path = generated_folder().join(file);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(generated_folder()).unwrap();
        std::fs::write(&path, generated).unwrap();
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "{} is not what the Rust types generate: run `UPDATE_BINDINGS=1 cargo test -p approval-api --test ipc_bindings` and commit it",
        path.display()
    );
}

#[test]
fn the_ipc_types_are_generated_from_the_rust_types() {
    check("types.ts", &approval_api::bindings::types_ts());
}

#[test]
fn the_error_codes_and_their_titles_are_generated_from_the_vocabulary() {
    check("errorCodes.ts", &approval_api::bindings::error_codes_ts());
}
