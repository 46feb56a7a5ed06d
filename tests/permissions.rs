//! `docs/permissions.md` is the permission matrix the code enforces: it must
//! equal `approval_core::access::permission_matrix_markdown()`.
//!
//! After changing the policy, regenerate the file with
//! `UPDATE_DOCS=1 cargo test -p approval-desk-tests --test permissions`.

// Test helpers may panic: a panic here is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::PathBuf;

use approval_core::access::permission_matrix_markdown;

fn doc_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("docs")
        .join("permissions.md")
}

#[test]
fn docs_permissions_md_matches_the_enforced_policy() {
    let generated = permission_matrix_markdown();
    let path = doc_path();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let Ok(on_disk) = std::fs::read_to_string(&path) else {
        panic!(
            "{} is missing. Generate it with:\n  UPDATE_DOCS=1 cargo test -p approval-desk-tests --test permissions",
            path.display()
        );
    };
    if on_disk != generated {
        let first_difference = on_disk
            .lines()
            .zip(generated.lines())
            .enumerate()
            .find(|(_, (a, b))| a != b)
            .map(|(i, (a, b))| format!("line {}:\n  file:      {a}\n  generated: {b}", i + 1))
            .unwrap_or_else(|| "the files differ in length".to_owned());
        panic!(
            "{} is out of date with the policy in approval_core::access.\n{first_difference}\n\
             Regenerate it with:\n  UPDATE_DOCS=1 cargo test -p approval-desk-tests --test permissions",
            path.display()
        );
    }
}
