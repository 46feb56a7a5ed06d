//! Exemption filings (备案), their attachments and the role grants.
//!
//! A filing is stored whole (`body`, the `Filing` as JSON) with the columns
//! lists filter on. Every write of a filing goes with its audit entries in
//! one `BEGIN IMMEDIATE` transaction, and is refused when it does not
//! extend what is stored: the new history must start with the stored one,
//! and a decided filing changes only from approved to revoked or superseded.

use approval_core::access::{Grant, Role, Scope};
use approval_core::audit::AuditRecord;
use approval_core::filing::{Attachment, Filing, FilingLedger, FilingState};
use approval_core::guide::ServiceItem;
use chrono::{DateTime, FixedOffset};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;

use super::audit::append_audit_in;
use super::items::save_item_in;
use super::{DbError, Operation, StoreTx};

/// The scope column's word for all departments.
const ALL_DEPARTMENTS: &str = "*";

/// The attachment record of `bytes` (SHA-256 in lower-case hex, size).
pub fn attachment_of(file_name: &str, media_type: &str, bytes: &[u8]) -> Attachment {
    let digest = Sha256::digest(bytes);
    let sha256_hex = digest.iter().map(|b| format!("{b:02x}")).collect();
    Attachment {
        file_name: file_name.to_owned(),
        media_type: media_type.to_owned(),
        sha256_hex,
        size: bytes.len() as u64,
    }
}

/// A stored attachment: its record and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAttachment {
    pub attachment: Attachment,
    pub content: Vec<u8>,
}

fn role_word(role: Role) -> &'static str {
    role.code()
}

fn parse_role(word: &str) -> Option<Role> {
    Role::ALL.into_iter().find(|r| r.code() == word)
}

fn scope_word(scope: &Scope) -> &str {
    match scope {
        Scope::All => ALL_DEPARTMENTS,
        Scope::Department(department) => department,
    }
}

/// Whether `next` may replace `stored`: its history extends the stored one,
/// and a decided filing only goes from approved to revoked or superseded.
fn extends(stored: &Filing, next: &Filing) -> bool {
    let n = stored.history.len();
    if next.history.len() < n || next.history[..n] != stored.history[..] {
        return false;
    }
    if stored.state.is_decided() {
        return matches!(stored.state, FilingState::Approved { .. })
            && matches!(
                next.state,
                FilingState::Revoked { .. } | FilingState::Superseded { .. }
            )
            && next.history.len() > n;
    }
    true
}

async fn stored_filing(
    tx: &mut SqliteConnection,
    operation: Operation,
    id: &str,
) -> Result<Option<Filing>, DbError> {
    let row = sqlx::query!("SELECT body FROM filings WHERE id = ?", id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(DbError::query(operation, Some(id)))?;
    row.map(|row| serde_json::from_str(&row.body).map_err(DbError::json(operation, Some(id))))
        .transpose()
}

/// Inserts or updates `filing` in the caller's transaction, after checking
/// that it extends what is stored.
async fn write_filing_in(
    tx: &mut SqliteConnection,
    operation: Operation,
    filing: &Filing,
    fallback_at: Option<&AuditRecord>,
) -> Result<(), DbError> {
    let id = filing.id.as_str();
    if let Some(stored) = stored_filing(tx, operation, id).await? {
        if !extends(&stored, filing) {
            return Err(DbError::FilingChanged {
                id: id.to_owned(),
                stored: stored.state.word(),
                found: filing.state.word(),
            });
        }
    }
    let body = serde_json::to_string(filing).map_err(DbError::json(operation, Some(id)))?;
    let kind = filing.subject.kind();
    let state = filing.state.word();
    let updated_at = filing
        .last_event_at()
        .or(fallback_at.map(|r| r.at))
        .map_or_else(|| "unknown".to_owned(), |at| at.to_rfc3339());
    sqlx::query!(
        r#"
        INSERT INTO filings (id, department, filed_by, type, state, replaces, body, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET
            department = excluded.department,
            filed_by = excluded.filed_by,
            type = excluded.type,
            state = excluded.state,
            replaces = excluded.replaces,
            body = excluded.body,
            updated_at = excluded.updated_at
        "#,
        id,
        filing.department,
        filing.filed_by,
        kind,
        state,
        filing.replaces,
        body,
        updated_at,
    )
    .execute(&mut *tx)
    .await
    .map_err(DbError::query(operation, Some(id)))?;
    Ok(())
}

/// Stores (or replaces) the bytes of `attachment` of filing `filing_id` in
/// the caller's transaction, with the size and digest the record declares:
/// the table refuses a size that is not the length of `bytes`.
async fn insert_attachment_in(
    tx: &mut SqliteConnection,
    operation: Operation,
    filing_id: &str,
    attachment: &Attachment,
    bytes: &[u8],
) -> Result<(), DbError> {
    let size = i64::try_from(attachment.size).unwrap_or(i64::MAX);
    sqlx::query!(
        r#"
        INSERT INTO filing_attachments (filing_id, file_name, media_type, sha256, size, content)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (filing_id, file_name) DO UPDATE SET
            media_type = excluded.media_type,
            sha256 = excluded.sha256,
            size = excluded.size,
            content = excluded.content
        "#,
        filing_id,
        attachment.file_name,
        attachment.media_type,
        attachment.sha256_hex,
        size,
        bytes,
    )
    .execute(&mut *tx)
    .await
    .map_err(DbError::query(operation, Some(filing_id)))?;
    Ok(())
}

impl StoreTx {
    /// Inserts or updates `filing` with its audit entries, in one
    /// transaction.
    ///
    /// Errors: the stored filing is not a prefix of this one
    /// ([`DbError::FilingChanged`]: an older or diverging state, or a
    /// decided filing changed other than approved → revoked/superseded);
    /// the write fails. On any error nothing is written.
    pub async fn save_filing(
        &mut self,
        filing: &Filing,
        audit: Vec<AuditRecord>,
    ) -> Result<(), DbError> {
        self.save_filing_approval(filing, None, None, audit).await
    }

    /// An approval with its effects, all in one transaction: the approved
    /// filing, the filing it supersedes (if any) and, for an item change,
    /// the item with the change applied; and the audit entries.
    pub async fn save_filing_approval(
        &mut self,
        filing: &Filing,
        replaced: Option<&Filing>,
        item: Option<&ServiceItem>,
        audit: Vec<AuditRecord>,
    ) -> Result<(), DbError> {
        let operation = Operation::SaveFiling;
        let tx = self.conn();
        write_filing_in(tx, operation, filing, audit.first()).await?;
        if let Some(replaced) = replaced {
            write_filing_in(tx, operation, replaced, audit.first()).await?;
        }
        if let Some(item) = item {
            save_item_in(tx, item).await?;
        }
        for record in audit {
            append_audit_in(tx, record).await?;
        }
        Ok(())
    }

    /// A new filing, submitted at once, with everything it brings, in one
    /// transaction: the filing (`filing`, already submitted), the bytes of
    /// its attachments (each with its record, as [`attachment_of`] makes
    /// it), for an item change the item with its pending change, and the
    /// audit entries (its creation and its submission).
    ///
    /// Errors: a filing of that id is already stored
    /// ([`DbError::FilingChanged`]); an attachment is refused by the table
    /// (e.g. a declared size that is not the length of its bytes); the
    /// write fails. On any error nothing is written.
    pub async fn submit_new_filing(
        &mut self,
        filing: &Filing,
        attachments: &[(Attachment, Vec<u8>)],
        item: Option<&ServiceItem>,
        audit: Vec<AuditRecord>,
    ) -> Result<(), DbError> {
        let operation = Operation::SaveFiling;
        let id = filing.id.as_str();
        let tx = self.conn();
        if let Some(stored) = stored_filing(tx, operation, id).await? {
            return Err(DbError::FilingChanged {
                id: id.to_owned(),
                stored: stored.state.word(),
                found: filing.state.word(),
            });
        }
        write_filing_in(tx, operation, filing, audit.first()).await?;
        for (attachment, bytes) in attachments {
            insert_attachment_in(tx, operation, id, attachment, bytes).await?;
        }
        if let Some(item) = item {
            save_item_in(tx, item).await?;
        }
        for record in audit {
            append_audit_in(tx, record).await?;
        }
        Ok(())
    }

    /// The filing stored under `id`, if any.
    pub async fn filing(&mut self, id: &str) -> Result<Option<Filing>, DbError> {
        let operation = Operation::LoadFiling;
        let row = sqlx::query!("SELECT body FROM filings WHERE id = ?", id)
            .fetch_optional(self.conn())
            .await
            .map_err(DbError::query(operation, Some(id)))?;
        row.map(|row| serde_json::from_str(&row.body).map_err(DbError::json(operation, Some(id))))
            .transpose()
    }

    /// The stored filings, by id; only those in state word `state` if given.
    pub async fn filings(&mut self, state: Option<&str>) -> Result<Vec<Filing>, DbError> {
        let operation = Operation::ListFilings;
        let rows = sqlx::query!(
            "SELECT id, body FROM filings WHERE ?1 IS NULL OR state = ?1 ORDER BY id",
            state
        )
        .fetch_all(self.conn())
        .await
        .map_err(DbError::query(operation, None))?;
        rows.into_iter()
            .map(|row| {
                serde_json::from_str(&row.body).map_err(DbError::json(operation, Some(&row.id)))
            })
            .collect()
    }

    /// Every stored filing, as a ledger.
    pub async fn filing_ledger(&mut self) -> Result<FilingLedger, DbError> {
        let mut ledger = FilingLedger::new();
        for filing in self.filings(None).await? {
            let id = filing.id.clone();
            ledger.insert(filing).map_err(|e| DbError::Unreadable {
                operation: Operation::ListFilings,
                code: Some(id),
                detail: e.to_string(),
            })?;
        }
        Ok(ledger)
    }

    /// Stores the bytes of an attachment of draft filing `filing_id` and
    /// records it (replacing one of the same name) in the filing, in one
    /// transaction. Returns the record (SHA-256 computed here).
    ///
    /// Errors: no such filing ([`DbError::UnknownFiling`]); it is no longer
    /// a draft ([`DbError::FilingChanged`]); the write fails.
    pub async fn add_attachment(
        &mut self,
        filing_id: &str,
        file_name: &str,
        media_type: &str,
        bytes: &[u8],
    ) -> Result<Attachment, DbError> {
        let operation = Operation::SaveAttachment;
        let query_failed = DbError::query(operation, Some(filing_id));
        let attachment = attachment_of(file_name, media_type, bytes);
        let tx = self.conn();
        let Some(mut filing) = stored_filing(tx, operation, filing_id).await? else {
            return Err(DbError::UnknownFiling {
                operation,
                id: filing_id.to_owned(),
            });
        };
        if filing.state != FilingState::Draft {
            return Err(DbError::FilingChanged {
                id: filing_id.to_owned(),
                stored: filing.state.word(),
                found: "draft",
            });
        }
        insert_attachment_in(tx, operation, filing_id, &attachment, bytes).await?;
        filing.attachments.retain(|a| a.file_name != file_name);
        filing.attachments.push(attachment.clone());
        let body =
            serde_json::to_string(&filing).map_err(DbError::json(operation, Some(filing_id)))?;
        sqlx::query!("UPDATE filings SET body = ? WHERE id = ?", body, filing_id)
            .execute(&mut *tx)
            .await
            .map_err(&query_failed)?;

        Ok(attachment)
    }

    /// The attachment `file_name` of filing `filing_id`, with its bytes.
    pub async fn attachment(
        &mut self,
        filing_id: &str,
        file_name: &str,
    ) -> Result<Option<StoredAttachment>, DbError> {
        let operation = Operation::LoadAttachment;
        let row = sqlx::query!(
            r#"
            SELECT file_name, media_type, sha256, size, content
            FROM filing_attachments WHERE filing_id = ? AND file_name = ?
            "#,
            filing_id,
            file_name,
        )
        .fetch_optional(self.conn())
        .await
        .map_err(DbError::query(operation, Some(filing_id)))?;
        Ok(row.map(|row| StoredAttachment {
            attachment: Attachment {
                file_name: row.file_name,
                media_type: row.media_type,
                sha256_hex: row.sha256,
                size: u64::try_from(row.size).unwrap_or(0),
            },
            content: row.content,
        }))
    }

    /// Stores a grant by `actor` at `at` with its audit entry (`role.grant`
    /// on `person:<name>`), in one transaction. Nothing happens (and nothing
    /// is audited) when it is already stored; returns whether it was new.
    pub async fn grant(
        &mut self,
        grant: &Grant,
        actor: &str,
        at: DateTime<FixedOffset>,
    ) -> Result<bool, DbError> {
        let operation = Operation::SaveGrant;
        let query_failed = DbError::query(operation, Some(&grant.person));
        let role = role_word(grant.role);
        let scope = scope_word(&grant.scope);
        let tx = self.conn();
        let inserted = sqlx::query!(
            "INSERT INTO grants (person, role, scope) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            grant.person,
            role,
            scope,
        )
        .execute(&mut *tx)
        .await
        .map_err(&query_failed)?
        .rows_affected()
            > 0;
        if inserted {
            let record = AuditRecord {
                at,
                actor: actor.to_owned(),
                action: "role.grant".to_owned(),
                subject: format!("person:{}", grant.person),
                before: Value::Null,
                after: json!({ "role": role, "scope": scope }),
            };
            append_audit_in(tx, record).await?;
        }

        Ok(inserted)
    }

    /// Replaces every grant of `person` with `grants` (each of them for
    /// `person`), with one audit entry (`action` on `person:<name>`, the
    /// grants before and after) in the caller's unit of work. When they are
    /// the same already nothing is written nor audited: `None`; otherwise
    /// the person's grants before and after.
    ///
    /// Errors: a grant names another person ([`DbError::Unreadable`], nothing
    /// written once the unit is dropped); the write fails.
    pub async fn replace_grants_of(
        &mut self,
        person: &str,
        grants: &[Grant],
        action: &str,
        at: DateTime<FixedOffset>,
    ) -> Result<Option<(Vec<Grant>, Vec<Grant>)>, DbError> {
        let operation = Operation::SaveGrant;
        if let Some(other) = grants.iter().find(|g| g.person != person) {
            return Err(DbError::Unreadable {
                operation,
                code: Some(person.to_owned()),
                detail: format!("a grant of {} given as {person}'s", other.person),
            });
        }
        let words = |grants: &[Grant]| -> std::collections::BTreeSet<(String, String)> {
            grants
                .iter()
                .map(|g| {
                    (
                        role_word(g.role).to_owned(),
                        scope_word(&g.scope).to_owned(),
                    )
                })
                .collect()
        };
        let before: Vec<Grant> = self
            .grants()
            .await?
            .into_iter()
            .filter(|g| g.person == person)
            .collect();
        let (old, new) = (words(&before), words(grants));
        if old == new {
            return Ok(None);
        }
        let query_failed = DbError::query(operation, Some(person));
        let tx = self.conn();
        sqlx::query!("DELETE FROM grants WHERE person = ?", person)
            .execute(&mut *tx)
            .await
            .map_err(&query_failed)?;
        for (role, scope) in &new {
            sqlx::query!(
                "INSERT INTO grants (person, role, scope) VALUES (?, ?, ?)",
                person,
                role,
                scope,
            )
            .execute(&mut *tx)
            .await
            .map_err(&query_failed)?;
        }
        let listed = |set: &std::collections::BTreeSet<(String, String)>| -> Value {
            set.iter()
                .map(|(role, scope)| json!({ "role": role, "scope": scope }))
                .collect()
        };
        let record = AuditRecord {
            at,
            actor: person.to_owned(),
            action: action.to_owned(),
            subject: format!("person:{person}"),
            before: json!({ "grants": listed(&old) }),
            after: json!({ "grants": listed(&new) }),
        };
        append_audit_in(tx, record).await?;
        let after: Vec<Grant> = self
            .grants()
            .await?
            .into_iter()
            .filter(|g| g.person == person)
            .collect();
        Ok(Some((before, after)))
    }

    /// Every stored grant, by person, role and scope.
    pub async fn grants(&mut self) -> Result<Vec<Grant>, DbError> {
        let operation = Operation::ListGrants;
        let rows =
            sqlx::query!("SELECT person, role, scope FROM grants ORDER BY person, role, scope")
                .fetch_all(self.conn())
                .await
                .map_err(DbError::query(operation, None))?;
        rows.into_iter()
            .map(|row| {
                let role = parse_role(&row.role).ok_or_else(|| DbError::Unreadable {
                    operation,
                    code: Some(row.person.clone()),
                    detail: format!("grants.role {:?} is not a role", row.role),
                })?;
                let scope = if row.scope == ALL_DEPARTMENTS {
                    Scope::All
                } else {
                    Scope::Department(row.scope)
                };
                Ok(Grant::new(row.person, role, scope))
            })
            .collect()
    }
}
