//! `deskctl hub status`, `deskctl sync` and who acts on a profile bound to
//! a hub (the exchange itself runs against a real hub in the workspace's
//! end-to-end tests).

// Test helpers may panic: a panic here is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
use std::process::{Command, Output};

use common::{fixture, Profile};

fn run(profile: &Profile, args: &[&str], user_env: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_deskctl"));
    command.arg("--db").arg(profile.db()).args(args);
    match user_env {
        Some(user) => command.env("APPROVAL_DESK_USER", user),
        None => command.env_remove("APPROVAL_DESK_USER"),
    };
    command.output().unwrap()
}

fn bind(profile: &Profile) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let db = approval_store::Database::open(&profile.db()).await.unwrap();
        db.save_hub_binding(&approval_store::HubBinding {
            url: "http://127.0.0.1:9".into(),
            account: "li.shenpi".into(),
            person: "李审批".into(),
            ca_path: None,
            bound_at: chrono::DateTime::parse_from_rfc3339("2026-03-01T09:00:00+08:00").unwrap(),
        })
        .await
        .unwrap();
        db.close().await;
    });
}

#[test]
fn an_unbound_profile_says_so_and_does_not_sync() {
    let profile = Profile::empty();
    let status = profile.ok(&["hub", "status"]);
    assert!(status.contains("not bound"), "{status}");
    let refused = profile.fails(&["sync"]);
    assert!(refused.contains("hub_not_bound"), "{refused}");
}

#[test]
fn a_bound_profile_refuses_as_and_the_environment_s_user() {
    let profile = Profile::empty();
    let transfer = fixture("cases/food-single.json");
    // Unbound: --as names whoever sets the profile up.
    let unbound = run(&profile, &["case", "list"], Some("王科员"));
    assert!(unbound.status.success());
    bind(&profile);
    for (args, env) in [
        (
            vec!["case", "receive", transfer.as_str(), "--as", "王科员"],
            None,
        ),
        (vec!["case", "receive", transfer.as_str()], Some("王科员")),
    ] {
        let output = run(&profile, &args, env);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("hub_identity_bound"), "{stderr}");
        assert!(stderr.contains("li.shenpi"), "{stderr}");
    }
    // A command that acts for nobody runs whatever the environment says.
    let status = run(&profile, &["hub", "status"], Some("王科员"));
    let stdout = String::from_utf8_lossy(&status.stdout);
    assert!(status.status.success(), "{stdout}");
    assert!(stdout.contains("http://127.0.0.1:9"), "{stdout}");
    assert!(stdout.contains("李审批"), "{stdout}");
}
