//! The architecture invariants of docs/architecture.md, checked mechanically.

// Test helpers may panic: a panic here is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// Crates that do I/O or belong to an upper layer; `core` depends on none.
const FORBIDDEN_IN_CORE: &[&str] = &[
    "sqlx",
    "reqwest",
    "tauri",
    "printpdf",
    "tokio",
    "axum",
    "hyper",
    "keyring",
    "keyring-core",
    "cryptoki",
    "async-std",
    "approval-store",
    "approval-docs",
    "approval-esign",
    "deskctl",
    "approval-desk",
];

/// Source patterns that would read the clock or touch the outside world.
const FORBIDDEN_IN_CORE_SOURCE: &[&str] = &[
    "std::fs",
    "std::net",
    "std::env",
    "std::process",
    "std::time::SystemTime",
    "Utc::now",
    "Local::now",
    "SystemTime::now",
    "Instant::now",
    "File::open",
    "async fn",
];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn dependencies_of(package: &str) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .current_dir(workspace_root())
        .args([
            "tree",
            "--offline",
            "-p",
            package,
            "-e",
            "normal",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .output()
        .expect("cargo tree runs");
    assert!(
        output.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().next().map(str::to_owned))
        .collect()
}

#[test]
fn core_depends_on_no_io_or_upper_layer_crate() {
    let dependencies = dependencies_of("approval-core");
    assert!(
        dependencies.iter().any(|d| d == "chrono"),
        "sanity: {dependencies:?}"
    );
    for forbidden in FORBIDDEN_IN_CORE {
        assert!(
            !dependencies.iter().any(|d| d == forbidden),
            "approval-core must not depend on {forbidden} (docs/architecture.md); it does: {dependencies:?}"
        );
    }
}

#[test]
fn core_depends_on_chrono_without_its_clock() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .current_dir(workspace_root())
        .args([
            "tree",
            "--offline",
            "-p",
            "approval-core",
            "-e",
            "features",
            "-i",
            "chrono",
        ])
        .output()
        .expect("cargo tree runs");
    let tree = String::from_utf8_lossy(&output.stdout);
    // Feature unification in a workspace build can turn it on from another
    // crate; what matters is that core itself never asks for it.
    let manifest = std::fs::read_to_string(workspace_root().join("crates/core/Cargo.toml"))
        .expect("core manifest");
    assert!(
        !manifest.contains("\"clock\""),
        "core must not enable chrono's clock:\n{tree}"
    );
}

fn rust_files(folder: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(folder)
        .expect("readable source folder")
        .flatten()
    {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn core_source_reads_no_clock_and_does_no_io() {
    let mut files = Vec::new();
    rust_files(&workspace_root().join("crates/core/src"), &mut files);
    assert!(files.len() > 5, "sanity: found {files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable source");
        for pattern in FORBIDDEN_IN_CORE_SOURCE {
            assert!(
                !text.contains(pattern),
                "{} uses {pattern}: core is pure (no I/O, no clock reads)",
                file.display()
            );
        }
    }
}

#[test]
fn lower_layers_never_reach_up() {
    // store, docs and esign sit side by side above core: none of them
    // reaches the command line, the app or the others' I/O.
    let layers: &[(&str, &[&str])] = &[
        (
            "approval-store",
            &[
                "deskctl",
                "approval-desk",
                "tauri",
                "approval-docs",
                "approval-esign",
            ],
        ),
        (
            "approval-docs",
            &[
                "deskctl",
                "approval-desk",
                "tauri",
                "approval-store",
                "sqlx",
                "approval-esign",
            ],
        ),
        (
            "approval-esign",
            &[
                "deskctl",
                "approval-desk",
                "tauri",
                "approval-store",
                "sqlx",
                "approval-docs",
                "openssl",
                "openssl-sys",
            ],
        ),
    ];
    for (layer, uppers) in layers {
        let dependencies = dependencies_of(layer);
        for upper in *uppers {
            assert!(
                !dependencies.iter().any(|d| d == upper),
                "{layer} must not depend on {upper} (docs/architecture.md): {dependencies:?}"
            );
        }
    }
}
