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

/// The packages `package` depends on (normal dependencies), itself first;
/// only its direct ones with `depth` 1.
fn cargo_tree(package: &str, depth: Option<u32>) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command.current_dir(workspace_root()).args([
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
    ]);
    if let Some(depth) = depth {
        command.args(["--depth", &depth.to_string()]);
    }
    let output = command.output().expect("cargo tree runs");
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

fn dependencies_of(package: &str) -> Vec<String> {
    cargo_tree(package, None)
}

/// The packages `package` depends on directly.
fn direct_dependencies_of(package: &str) -> Vec<String> {
    cargo_tree(package, Some(1)).into_iter().skip(1).collect()
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

/// The network is `approval-sync`'s alone: no other library of the desk
/// speaks HTTP (a layer that needs an answer from another machine is given
/// a transport), and sync reaches no layer of the desk but what its caller
/// hands it.
#[test]
fn only_sync_speaks_to_the_network() {
    for layer in [
        "approval-core",
        "approval-store",
        "approval-docs",
        "approval-esign",
        "approval-api",
    ] {
        let dependencies = dependencies_of(layer);
        for client in ["reqwest", "hyper", "ureq", "approval-sync"] {
            assert!(
                !dependencies.iter().any(|d| d == client),
                "{layer} must not depend on {client}: only approval-sync speaks to the network (docs/architecture.md): {dependencies:?}"
            );
        }
    }
    let sync = dependencies_of("approval-sync");
    assert!(sync.iter().any(|d| d == "reqwest"), "sanity: {sync:?}");
    for upper in [
        "approval-store",
        "approval-docs",
        "approval-esign",
        "approval-api",
        "approval-session",
        "deskctl",
        "approval-desk",
        "tauri",
    ] {
        assert!(
            !sync.iter().any(|d| d == upper),
            "approval-sync must not depend on {upper} (docs/architecture.md): {sync:?}"
        );
    }
}

/// The exchange contract is the wire's vocabulary and nothing else: the hub
/// and the sync client both speak it, so it may know neither of them, nor
/// HTTP, nor a database, nor any layer of the desk.
#[test]
fn the_contract_is_types_only() {
    let contract = dependencies_of("approval-contract");
    assert!(
        contract.iter().any(|d| d == "utoipa"),
        "sanity: {contract:?}"
    );
    for forbidden in [
        "approval-core",
        "approval-store",
        "approval-api",
        "approval-sync",
        "desk-hub",
        "reqwest",
        "hyper",
        "axum",
        "sqlx",
        "tokio",
    ] {
        assert!(
            !contract.iter().any(|d| d == forbidden),
            "approval-contract must not depend on {forbidden} (docs/architecture.md): {contract:?}"
        );
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

#[test]
fn front_ends_go_through_the_api_never_the_store() {
    for (front_end, sources) in [
        ("deskctl", "crates/deskctl/src"),
        ("approval-desk", "src-tauri/src"),
    ] {
        let direct = direct_dependencies_of(front_end);
        assert!(
            direct.iter().any(|d| d == "approval-api"),
            "{front_end} must call the use cases of approval-api: {direct:?}"
        );
        for below in ["approval-store", "sqlx", "approval-docs", "approval-esign"] {
            assert!(
                !direct.iter().any(|d| d == below),
                "{front_end} must not depend on {below} directly (docs/architecture.md): {direct:?}"
            );
        }
        let mut files = Vec::new();
        rust_files(&workspace_root().join(sources), &mut files);
        for file in files {
            let text = std::fs::read_to_string(&file).expect("source is readable");
            for below in ["approval_store", "approval_docs", "approval_esign"] {
                assert!(
                    !text.contains(below),
                    "{} names {below}: front ends reach the layers below only through approval_api",
                    file.display()
                );
            }
        }
    }
}

#[test]
fn the_api_never_reaches_up() {
    let dependencies = dependencies_of("approval-api");
    for upper in [
        "deskctl",
        "approval-desk",
        "approval-session",
        "tauri",
        "reqwest",
        "clap",
    ] {
        assert!(
            !dependencies.iter().any(|d| d == upper),
            "approval-api must not depend on {upper} (docs/architecture.md): {dependencies:?}"
        );
    }
}

/// The hub session sits between the front ends and the layers they use:
/// it puts the api's exchange use cases and the sync crate's client
/// together, and reaches neither a front end nor the layers under the api.
#[test]
fn the_session_joins_the_api_and_the_sync_client_only() {
    let direct = direct_dependencies_of("approval-session");
    for needed in ["approval-api", "approval-sync"] {
        assert!(
            direct.iter().any(|d| d == needed),
            "sanity: approval-session uses {needed}: {direct:?}"
        );
    }
    for below in [
        "approval-store",
        "approval-docs",
        "approval-esign",
        "sqlx",
        "desk-hub",
    ] {
        assert!(
            !direct.iter().any(|d| d == below),
            "approval-session must not depend on {below} directly (docs/architecture.md): {direct:?}"
        );
    }
    let dependencies = dependencies_of("approval-session");
    for upper in ["deskctl", "approval-desk", "tauri", "clap", "desk-hub"] {
        assert!(
            !dependencies.iter().any(|d| d == upper),
            "approval-session must not depend on {upper} (docs/architecture.md): {dependencies:?}"
        );
    }
    let mut files = Vec::new();
    rust_files(&workspace_root().join("crates/session/src"), &mut files);
    assert!(!files.is_empty(), "sanity: crates/session/src");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("source is readable");
        for below in ["approval_store", "approval_docs", "approval_esign"] {
            assert!(
                !text.contains(below),
                "{} names {below}: the session reaches the layers below only through approval_api",
                file.display()
            );
        }
    }
}

/// Longest body a Tauri command may have: parse, call the api, map.
const MAX_COMMAND_BODY_LINES: usize = 10;

/// The body lines of each `#[tauri::command]` fn in `text`: the lines
/// between the signature's opening brace and its closing one.
fn command_bodies(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut bodies = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        if lines[index].trim() != "#[tauri::command]" {
            index += 1;
            continue;
        }
        let Some(open) = (index..lines.len()).find(|&i| lines[i].trim_end().ends_with('{')) else {
            break;
        };
        let name = lines[index..=open]
            .iter()
            .find_map(|l| l.split("fn ").nth(1))
            .and_then(|rest| rest.split('(').next())
            .unwrap_or("?")
            .to_owned();
        let mut depth = 0i32;
        let mut close = open;
        for (i, line) in lines.iter().enumerate().skip(open) {
            depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
            if depth == 0 {
                close = i;
                break;
            }
        }
        bodies.push((name, close.saturating_sub(open + 1)));
        index = close + 1;
    }
    bodies
}

#[test]
fn tauri_commands_are_thin_adapters() {
    let mut files = Vec::new();
    rust_files(&workspace_root().join("src-tauri/src"), &mut files);
    let mut commands = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).expect("source is readable");
        for (name, body) in command_bodies(&text) {
            commands += 1;
            assert!(
                body <= MAX_COMMAND_BODY_LINES,
                "{}: the command {name} has a {body}-line body; a command is a few lines over approval_api (at most {MAX_COMMAND_BODY_LINES})",
                file.display()
            );
        }
    }
    assert!(
        commands > 0,
        "no #[tauri::command] found under src-tauri/src"
    );
}

#[test]
fn the_command_body_count_sees_a_long_body() {
    let long = format!(
        "#[tauri::command]\npub fn long() -> u32 {{\n{}}}\n",
        "    let _x = 1;\n".repeat(12)
    );
    assert_eq!(command_bodies(&long), [("long".to_owned(), 12)]);
}

/// The commands named in `text` between `start` and the next `end`:
/// every `"name"` or `module::name,` item.
fn command_names(text: &str, start: &str, end: &str) -> std::collections::BTreeSet<String> {
    let from = text.find(start).expect("the list's start") + start.len();
    let to = from + text[from..].find(end).expect("the list's end");
    text[from..to]
        .lines()
        .map(|line| line.split("//").next().unwrap_or_default().trim())
        .filter(|line| !line.is_empty())
        .map(|line| {
            let item = line.trim_end_matches(',').trim_matches('"');
            item.rsplit("::").next().unwrap_or(item).to_owned()
        })
        .collect()
}

/// The capability grants the main window exactly the app's commands: each
/// command the app registers is listed in src-tauri/build.rs (which makes
/// its `allow-<command>` permission) and granted in tauri.conf.json, and
/// nothing else is granted but listening to events — so a command missing
/// from either list is refused by Tauri's ACL.
#[test]
fn the_window_is_granted_exactly_its_commands() {
    let root = workspace_root();
    let read = |path: &str| std::fs::read_to_string(root.join(path)).expect(path);
    let registered = command_names(&read("src-tauri/src/lib.rs"), "generate_handler![", "]");
    let listed = command_names(&read("src-tauri/build.rs"), "&str] = &[", "];");
    assert!(registered.contains("session"), "sanity: {registered:?}");
    for command in &registered {
        assert!(
            listed.contains(command),
            "{command} is registered but not listed in src-tauri/build.rs: the window could never call it"
        );
    }
    let config: serde_json::Value =
        serde_json::from_str(&read("tauri.conf.json")).expect("tauri.conf.json is JSON");
    let capabilities = config["app"]["security"]["capabilities"]
        .as_array()
        .expect("inline capabilities");
    assert_eq!(capabilities.len(), 1, "one capability, the main window's");
    let granted: std::collections::BTreeSet<String> = capabilities[0]["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .map(|p| p.as_str().expect("a permission identifier").to_owned())
        .collect();
    let expected: std::collections::BTreeSet<String> = listed
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .chain(["core:event:allow-listen", "core:event:allow-unlisten"].map(str::to_owned))
        .collect();
    assert_eq!(
        granted, expected,
        "the main window is granted exactly the app's commands and event listening"
    );
}
