//! The audit log: appended entries read back as an intact chain, the schema
//! refuses any change to a stored entry, and a database edited behind the
//! schema's back fails verification at the edited entry.

mod common;

use std::path::Path;

use approval_core::audit::{verify_chain, AuditEntry, AuditRecord, BreakReason, GENESIS_HASH};
use approval_store::{Database, DbError};
use common::at;
use serde_json::json;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const APPEND_ONLY: &str = "the audit log is append-only";

/// A plain connection beside the store's, for what the API never does.
async fn raw_pool(path: &Path) -> Result<SqlitePool, sqlx::Error> {
    SqlitePool::connect_with(SqliteConnectOptions::new().filename(path)).await
}

fn record(n: u32) -> AuditRecord {
    AuditRecord {
        at: at(&format!("2026-11-26T10:{n:02}:30.125+08:00")),
        actor: "李审批".into(),
        action: "case.accept".into(),
        subject: format!("case:SX2026-{n:06}"),
        before: json!({"state": "received", "materials": ["M01", "M02"], "fee": 0.1}),
        after: json!({"state": "accepted", "deadline": "2026-12-24", "opinion": "材料齐全，予以受理"}),
    }
}

async fn with_entries(db: &Database, n: u32) -> Result<Vec<AuditEntry>, DbError> {
    let mut appended = Vec::new();
    for i in 1..=n {
        appended.push(db.append_audit(record(i)).await?);
    }
    Ok(appended)
}

#[tokio::test]
async fn appended_entries_read_back_as_an_intact_chain() -> TestResult {
    let db = Database::open_in_memory().await?;
    assert!(db.audit_entries().await?.is_empty());

    let appended = with_entries(&db, 4).await?;
    assert_eq!(appended[0].sequence, 1);
    assert_eq!(appended[0].previous_hash, GENESIS_HASH);
    assert_eq!(appended[3].sequence, 4);
    assert_eq!(appended[3].previous_hash, appended[2].hash);

    let stored = db.audit_entries().await?;
    assert_eq!(stored, appended);
    assert_eq!(stored[1].record, record(2));
    verify_chain(&stored)?;
    Ok(())
}

#[tokio::test]
async fn one_subject_s_entries_read_back_alone_in_order() -> TestResult {
    let db = Database::open_in_memory().await?;
    let mut appended = with_entries(&db, 3).await?;
    appended.push(db.append_audit(record(2)).await?);
    let of_two = db.audit_entries_of("case:SX2026-000002").await?;
    assert_eq!(of_two, vec![appended[1].clone(), appended[3].clone()]);
    assert!(db.audit_entries_of("case:SX2026-999999").await?.is_empty());
    Ok(())
}

#[tokio::test]
async fn an_entry_written_in_a_callers_transaction_goes_with_it() -> TestResult {
    let db = Database::open_in_memory().await?;
    with_entries(&db, 1).await?;

    let mut tx = db.write().await?;
    let entry = tx.append_audit(record(2)).await?;
    assert_eq!(entry.sequence, 2);
    drop(tx);
    assert_eq!(db.audit_entries().await?.len(), 1, "rolled back with it");

    let mut tx = db.write().await?;
    let entry = tx.append_audit(record(3)).await?;
    tx.commit().await?;
    let stored = db.audit_entries().await?;
    assert_eq!(stored.last(), Some(&entry));
    assert_eq!(entry.sequence, 2);
    verify_chain(&stored)?;
    Ok(())
}

#[tokio::test]
async fn concurrent_writers_do_not_fork_the_chain() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("desk.sqlite3");
    let first = Database::open(&path).await?;
    let second = Database::open(&path).await?;
    let mut writers = Vec::new();
    for (w, db) in [first.clone(), second.clone(), first, second]
        .into_iter()
        .enumerate()
    {
        writers.push(tokio::spawn(async move {
            for i in 0..5 {
                let mut r = record(i);
                r.actor = format!("writer {w}");
                db.append_audit(r).await?;
            }
            Ok::<_, DbError>(())
        }));
    }
    for writer in writers {
        writer.await??;
    }
    let db = Database::open(&path).await?;
    let stored = db.audit_entries().await?;
    assert_eq!(stored.len(), 20);
    verify_chain(&stored)?;
    Ok(())
}

#[tokio::test]
async fn the_schema_refuses_to_update_or_delete_an_entry() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("desk.sqlite3");
    let db = Database::open(&path).await?;
    with_entries(&db, 3).await?;

    let raw = raw_pool(&path).await?;
    for statement in [
        "UPDATE audit_log SET actor = 'x'",
        "UPDATE audit_log SET hash = hash WHERE sequence = 3",
        "DELETE FROM audit_log",
        "DELETE FROM audit_log WHERE sequence = 3",
    ] {
        let refused = sqlx::query(statement).execute(&raw).await;
        match refused {
            Err(sqlx::Error::Database(e)) => {
                assert!(e.message().contains(APPEND_ONLY), "{statement}: {e}")
            }
            other => panic!("{statement} was not refused: {other:?}"),
        }
    }
    // INSERT OR REPLACE deletes the old row without firing the delete
    // trigger; an insert of anything but the next entry is refused first.
    for statement in [
        "INSERT OR REPLACE INTO audit_log SELECT 2, at, 'x', action, subject, \
         before_json, after_json, previous_hash, hash FROM audit_log WHERE sequence = 2",
        "INSERT INTO audit_log SELECT 4, at, actor, action, subject, before_json, \
         after_json, previous_hash, hash FROM audit_log WHERE sequence = 3",
        "INSERT INTO audit_log SELECT 5, at, actor, action, subject, before_json, \
         after_json, hash, 'ab' || substr(hash, 3) FROM audit_log WHERE sequence = 3",
    ] {
        match sqlx::query(statement).execute(&raw).await {
            Err(sqlx::Error::Database(e)) => assert!(
                e.message()
                    .contains("an audit entry must follow the last one"),
                "{statement}: {e}"
            ),
            other => panic!("{statement} was not refused: {other:?}"),
        }
    }

    let stored = db.audit_entries().await?;
    assert_eq!(stored.len(), 3);
    assert!(stored.iter().all(|e| e.record.actor == "李审批"));
    verify_chain(&stored)?;
    raw.close().await;
    Ok(())
}

#[tokio::test]
async fn an_entry_edited_behind_the_schemas_back_breaks_the_chain_there() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("desk.sqlite3");
    let db = Database::open(&path).await?;
    with_entries(&db, 4).await?;

    // Someone opens the file with another tool, drops the guard and edits.
    let raw = raw_pool(&path).await?;
    sqlx::query("DROP TRIGGER audit_log_no_update")
        .execute(&raw)
        .await?;
    sqlx::query("UPDATE audit_log SET after_json = '{\"state\":\"rejected\"}' WHERE sequence = 3")
        .execute(&raw)
        .await?;
    raw.close().await;

    let stored = db.audit_entries().await?;
    assert_eq!(stored[2].record.after, json!({"state": "rejected"}));
    let broken = verify_chain(&stored).err();
    assert_eq!(broken.as_ref().map(|b| b.sequence), Some(3));
    assert_eq!(broken.map(|b| b.reason), Some(BreakReason::HashMismatch));

    // Deleting an entry (the delete guard dropped too) shows at the next one.
    let raw = raw_pool(&path).await?;
    sqlx::query("DROP TRIGGER audit_log_no_delete")
        .execute(&raw)
        .await?;
    sqlx::query("DELETE FROM audit_log WHERE sequence = 2")
        .execute(&raw)
        .await?;
    raw.close().await;
    let broken = verify_chain(&db.audit_entries().await?).err();
    assert_eq!(
        broken.map(|b| (b.sequence, b.reason)),
        Some((3, BreakReason::SequenceGap { expected: 2 }))
    );
    Ok(())
}
