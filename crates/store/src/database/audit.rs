//! The audit log (审计日志): the hash chain of `approval_core::audit`, one row
//! an entry. The schema refuses any update or delete of a row (triggers);
//! the code here only ever reads the log and appends to it.
//!
//! Appending reads the last entry and inserts the next in one transaction
//! that holds the write lock from its start (`BEGIN IMMEDIATE`), so two
//! writers cannot both chain onto the same entry. Should a writer still
//! meet an entry of the same sequence (the primary key), or find that its
//! entry no longer follows the last one (the schema's insert trigger), the
//! insert fails and the whole append is retried a few times.

use approval_core::audit::{next_entry, AuditEntry, AuditRecord};
use chrono::DateTime;
use sqlx::SqliteConnection;

use super::{DbError, Operation, StoreTx};

/// How many times an append is tried when another writer took its sequence.
pub(super) const APPEND_ATTEMPTS: usize = 3;

impl StoreTx {
    /// Appends `record` to the audit log inside this transaction and
    /// returns the entry as stored.
    ///
    /// Errors: the schema refuses the row (an empty actor or action); the
    /// last entry cannot be read back.
    pub async fn append_audit(&mut self, record: AuditRecord) -> Result<AuditEntry, DbError> {
        append_audit_in(self.conn(), record).await
    }

    /// The whole audit log, oldest entry first, as stored (check it with
    /// `approval_core::audit::verify_chain`).
    ///
    /// Errors: a row the model cannot take (edited by another tool past the
    /// schema's checks).
    pub async fn audit_entries(&mut self) -> Result<Vec<AuditEntry>, DbError> {
        let operation = Operation::ReadAudit;
        let rows = sqlx::query_as!(
            Row,
            r#"
            SELECT sequence, at, actor, action, subject, before_json, after_json,
                   previous_hash, hash
            FROM audit_log ORDER BY sequence
            "#
        )
        .fetch_all(self.conn())
        .await
        .map_err(DbError::query(operation, None))?;
        rows.into_iter().map(|row| row.entry(operation)).collect()
    }

    /// The entries about `subject` (e.g. `case:…`), oldest first: one
    /// case's history without reading the whole log (the index
    /// `audit_log_by_subject`).
    pub async fn audit_entries_of(&mut self, subject: &str) -> Result<Vec<AuditEntry>, DbError> {
        let operation = Operation::ReadAudit;
        let rows = sqlx::query_as!(
            Row,
            r#"
            SELECT sequence, at, actor, action, subject, before_json, after_json,
                   previous_hash, hash
            FROM audit_log WHERE subject = ? ORDER BY sequence
            "#,
            subject
        )
        .fetch_all(self.conn())
        .await
        .map_err(DbError::query(operation, Some(subject)))?;
        rows.into_iter().map(|row| row.entry(operation)).collect()
    }
}

/// Appends `record` to the audit log inside the caller's transaction, so a
/// state change and its entry are committed (or rolled back) together.
/// The transaction should hold the write lock ([`crate::Database::write`]):
/// a deferred one may fail at the insert when another writer went first.
///
/// Errors: as [`StoreTx::append_audit`]; a taken sequence is not retried
/// here (the caller owns the transaction).
pub async fn append_audit_in(
    conn: &mut SqliteConnection,
    record: AuditRecord,
) -> Result<AuditEntry, DbError> {
    let last = last_entry(conn).await?;
    let entry = next_entry(last.as_ref(), record);
    insert(conn, &entry).await?;
    Ok(entry)
}

async fn last_entry(conn: &mut SqliteConnection) -> Result<Option<AuditEntry>, DbError> {
    let operation = Operation::AppendAudit;
    let row = sqlx::query_as!(
        Row,
        r#"
        SELECT sequence, at, actor, action, subject, before_json, after_json,
               previous_hash, hash
        FROM audit_log ORDER BY sequence DESC LIMIT 1
        "#
    )
    .fetch_optional(&mut *conn)
    .await
    .map_err(DbError::query(operation, None))?;
    row.map(|row| row.entry(operation)).transpose()
}

async fn insert(conn: &mut SqliteConnection, entry: &AuditEntry) -> Result<(), DbError> {
    let operation = Operation::AppendAudit;
    let subject = format!("entry {}", entry.sequence);
    let to_json = DbError::json(operation, Some(&subject));
    let sequence = i64::try_from(entry.sequence).map_err(|_| DbError::Unreadable {
        operation,
        code: Some(subject.clone()),
        detail: "the log is full (the sequence passed 2^63 - 1)".into(),
    })?;
    let record = &entry.record;
    // The very text the hash covers (approval_core::audit).
    let at = record.at.to_rfc3339();
    let before_json = serde_json::to_string(&record.before).map_err(&to_json)?;
    let after_json = serde_json::to_string(&record.after).map_err(&to_json)?;
    sqlx::query!(
        r#"
        INSERT INTO audit_log (
            sequence, at, actor, action, subject, before_json, after_json,
            previous_hash, hash
        ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        "#,
        sequence,
        at,
        record.actor,
        record.action,
        record.subject,
        before_json,
        after_json,
        entry.previous_hash,
        entry.hash,
    )
    .execute(&mut *conn)
    .await
    .map_err(DbError::query(operation, Some(&subject)))?;
    Ok(())
}

/// The message of the schema's trigger that keeps inserts at the end.
const NOT_NEXT: &str = "an audit entry must follow the last one";

/// Another writer appended an entry of the same sequence first.
pub(super) fn is_sequence_taken(error: &DbError) -> bool {
    matches!(
        error,
        DbError::Query {
            source: sqlx::Error::Database(e),
            ..
        } if e.is_unique_violation() || e.message().contains(NOT_NEXT)
    )
}

/// A row of `audit_log` as stored.
struct Row {
    sequence: i64,
    at: String,
    actor: String,
    action: String,
    subject: String,
    before_json: String,
    after_json: String,
    previous_hash: String,
    hash: String,
}

impl Row {
    fn entry(self, operation: Operation) -> Result<AuditEntry, DbError> {
        let subject = format!("entry {}", self.sequence);
        let unreadable = |detail: String| DbError::Unreadable {
            operation,
            code: Some(subject.clone()),
            detail,
        };
        let sequence = u64::try_from(self.sequence)
            .map_err(|_| unreadable(format!("sequence {} is negative", self.sequence)))?;
        let at = DateTime::parse_from_rfc3339(&self.at)
            .map_err(|e| unreadable(format!("at {:?} is not RFC 3339 ({e})", self.at)))?;
        let to_json = DbError::json(operation, Some(&subject));
        let before = serde_json::from_str(&self.before_json).map_err(&to_json)?;
        let after = serde_json::from_str(&self.after_json).map_err(&to_json)?;
        Ok(AuditEntry {
            sequence,
            record: AuditRecord {
                at,
                actor: self.actor,
                action: self.action,
                subject: self.subject,
                before,
                after,
            },
            previous_hash: self.previous_hash,
            hash: self.hash,
        })
    }
}
