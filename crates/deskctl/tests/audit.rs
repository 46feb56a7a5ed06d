//! `deskctl audit verify` against a real profile database: intact when
//! fresh and after entries are appended through the store; broken, naming
//! the entry, once the file is edited behind the schema's back.

// Test helpers may panic: a panic here is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
use common::Profile;

use std::path::PathBuf;

use approval_core::audit::AuditRecord;
use approval_store::Database;
use chrono::DateTime;
use serde_json::json;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};

impl Profile {
    /// Runs `work` against the profile's database on a runtime of its own
    /// (the CLI is a separate process; the test writes as the app would).
    fn with_database<F: std::future::Future<Output = ()>>(&self, work: impl FnOnce(PathBuf) -> F) {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(work(self.db()));
    }
}

fn record(n: u32) -> AuditRecord {
    AuditRecord {
        at: DateTime::parse_from_rfc3339(&format!("2026-11-26T1{n}:00:00+08:00")).unwrap(),
        actor: "李审批".into(),
        action: "case.accept".into(),
        subject: format!("case:SX2026-{n:06}"),
        before: json!({"state": "received"}),
        after: json!({"state": "accepted"}),
    }
}

#[test]
fn a_fresh_profile_has_an_intact_empty_log() {
    let p = Profile::empty();
    assert_eq!(
        p.ok(&["audit", "verify"]),
        "audit log: 0 entries, chain intact\n"
    );
}

#[test]
fn verify_passes_an_intact_log_and_names_the_first_edited_entry() {
    let p = Profile::empty();
    p.with_database(|path| async move {
        let db = Database::open(&path).await.unwrap();
        for n in 1..=3 {
            db.append_audit(record(n)).await.unwrap();
        }
        db.close().await;
    });
    assert_eq!(
        p.ok(&["audit", "verify"]),
        "audit log: 3 entries, chain intact\n"
    );

    // Someone opens the file with another tool, drops the guard and edits.
    p.with_database(|path| async move {
        let raw = SqlitePool::connect_with(SqliteConnectOptions::new().filename(&path))
            .await
            .unwrap();
        sqlx::query("DROP TRIGGER audit_log_no_update")
            .execute(&raw)
            .await
            .unwrap();
        sqlx::query("UPDATE audit_log SET actor = '王科员' WHERE sequence = 2")
            .execute(&raw)
            .await
            .unwrap();
        raw.close().await;
    });
    let output = p.run(&["audit", "verify"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(output.stdout.is_empty());
    assert!(
        stderr.contains(
            "audit log broken at entry 2: its contents do not match its hash (the entry was altered)"
        ),
        "{stderr}"
    );
}
