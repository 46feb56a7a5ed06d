//! The exchange with the hub (交换平台): the profile's binding, the feed
//! cursor and the last sync's outcome, the transferred cases as pulled with
//! their material files, the push state of each outbox record, the sealed
//! result documents, and the reviews and filing decisions the feed brought.
//!
//! The rules (what is pulled when, what a refusal means) are the api's; this
//! is storage only. Everything a sync stores for one feed entry is written
//! in the caller's unit of work together with the cursor's advance, so a
//! crash never loses nor duplicates an entry.

use chrono::{DateTime, FixedOffset};

use super::cases::{instant, ordered, OutboxEntry, OutboxKind};
use super::{DbError, Operation, StoreTx};

/// The hub a profile is bound to, and who signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubBinding {
    pub url: String,
    pub account: String,
    /// The person's name as the hub gave it: the profile acts under it.
    pub person: String,
    /// An extra trusted CA (a PEM file) for the hub's certificate.
    pub ca_path: Option<String>,
    pub bound_at: DateTime<FixedOffset>,
}

/// The exchange's state of the profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExchangeState {
    /// Made once per profile (a UUID); names its audit chain and push keys.
    pub desk_id: String,
    /// The last feed entry stored.
    pub feed_cursor: i64,
    /// The last feed entry acknowledged to the hub.
    pub acknowledged: i64,
    /// The audit chain's length at the last checkpoint pushed.
    pub checkpoint_length: u64,
    pub last_success_at: Option<DateTime<FixedOffset>>,
    pub last_attempt_at: Option<DateTime<FixedOffset>>,
    /// The last sync's failure: (code, message).
    pub last_error: Option<(String, String)>,
}

/// A transferred case as pulled (its wire form) and whether it is stored.
#[derive(Debug, Clone, PartialEq)]
pub struct PulledTransfer {
    pub case_number: String,
    pub feed_seq: i64,
    /// `approval_contract::cases::TransferredCase` as JSON.
    pub body: serde_json::Value,
    pub pulled_at: DateTime<FixedOffset>,
    pub stored_at: Option<DateTime<FixedOffset>>,
    /// Why it is not stored yet: (code, message).
    pub refusal: Option<(String, String)>,
}

/// A material file of a pulled case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaterialFile {
    /// The material's index in the transfer.
    pub position: u32,
    pub material_name: String,
    pub file_name: String,
    pub media_type: String,
    /// Lower-case hex SHA-256 of `content`.
    pub sha256: String,
    pub content: Vec<u8>,
}

/// A decided case's sealed result document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultDocumentFile {
    pub case_number: String,
    pub file_name: String,
    pub media_type: String,
    pub sha256: String,
    pub content: Vec<u8>,
    pub verification_code: String,
    pub sealed_at: DateTime<FixedOffset>,
}

/// An applicant's review (好差评) the feed brought.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredReview {
    pub feed_seq: i64,
    pub case_number: String,
    /// The level's wire code (`5` 非常满意 … `1` 非常不满意).
    pub level: String,
    pub comment: String,
    pub at: DateTime<FixedOffset>,
    pub pulled_at: DateTime<FixedOffset>,
}

/// A decision on one of the department's filings, as the feed brought it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubFilingDecision {
    pub feed_seq: i64,
    pub filing_id: String,
    pub department: String,
    /// `approve` or `reject`.
    pub verdict: String,
    pub comment: String,
    pub decided_by: String,
    pub at: DateTime<FixedOffset>,
    /// Whether the local filing took the decision.
    pub applied: bool,
    /// Why not, when it did not.
    pub note: Option<String>,
}

/// How pushing an outbox record went so far.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PushState {
    pub attempts: u32,
    pub last_error: Option<(String, String)>,
    /// Not before this instant (after a failed attempt).
    pub next_attempt_at: Option<DateTime<FixedOffset>>,
    /// The hub refused the record for good.
    pub failed_at: Option<DateTime<FixedOffset>>,
}

/// Counts of the exchange's queues (see [`StoreTx::outbox_standing`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutboxStanding {
    /// Outbox records of cases and filings not pushed yet (refused ones
    /// included).
    pub pending_pushes: usize,
    /// Of those, refused by the hub for good.
    pub failed_pushes: usize,
    /// Pulled transfers not stored as cases yet.
    pub waiting_transfers: usize,
}

/// An outbox record not pushed yet, with its push state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingPush {
    pub entry: OutboxEntry,
    pub state: PushState,
}

/// A filing record of the outbox not pushed yet: the filing as submitted
/// (`payload`), with its push state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingFilingPush {
    /// The outbox record's id (its push key's part).
    pub id: i64,
    pub filing_id: String,
    pub payload: serde_json::Value,
    pub created_at: DateTime<FixedOffset>,
    pub state: PushState,
}

fn read_op() -> Operation {
    Operation::ReadExchange
}

fn parse_at(subject: &str, column: &str, text: &str) -> Result<DateTime<FixedOffset>, DbError> {
    instant(read_op(), subject, column, text)
}

fn parse_opt(
    subject: &str,
    column: &str,
    text: Option<String>,
) -> Result<Option<DateTime<FixedOffset>>, DbError> {
    text.map(|t| parse_at(subject, column, &t)).transpose()
}

fn pair(code: Option<String>, message: Option<String>) -> Option<(String, String)> {
    code.map(|code| (code, message.unwrap_or_default()))
}

impl StoreTx {
    /// The hub the profile is bound to, if any.
    pub async fn hub_binding(&mut self) -> Result<Option<HubBinding>, DbError> {
        let row = sqlx::query!(
            "SELECT url, account, person, ca_path, bound_at FROM hub_binding WHERE id = 1"
        )
        .fetch_optional(self.conn())
        .await
        .map_err(DbError::query(read_op(), None))?;
        row.map(|row| {
            Ok(HubBinding {
                bound_at: parse_at("hub binding", "bound_at", &row.bound_at)?,
                url: row.url,
                account: row.account,
                person: row.person,
                ca_path: row.ca_path,
            })
        })
        .transpose()
    }

    /// Binds the profile to a hub (replacing an earlier binding).
    pub async fn save_hub_binding(&mut self, binding: &HubBinding) -> Result<(), DbError> {
        let bound_at = binding.bound_at.to_rfc3339();
        sqlx::query!(
            r#"
            INSERT INTO hub_binding (id, url, account, person, ca_path, bound_at)
            VALUES (1, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET url = excluded.url, account = excluded.account,
                person = excluded.person, ca_path = excluded.ca_path, bound_at = excluded.bound_at
            "#,
            binding.url,
            binding.account,
            binding.person,
            binding.ca_path,
            bound_at,
        )
        .execute(self.conn())
        .await
        .map_err(DbError::query(Operation::WriteExchange, None))?;
        Ok(())
    }

    /// The profile's exchange state, if a desk id was made.
    pub async fn exchange_state(&mut self) -> Result<Option<ExchangeState>, DbError> {
        let row = sqlx::query!(
            r#"
            SELECT desk_id, feed_cursor, acknowledged, checkpoint_length, last_success_at,
                   last_attempt_at, last_error_code, last_error_message
            FROM exchange_state WHERE id = 1
            "#
        )
        .fetch_optional(self.conn())
        .await
        .map_err(DbError::query(read_op(), None))?;
        row.map(|row| {
            let subject = "exchange state";
            Ok(ExchangeState {
                desk_id: row.desk_id,
                feed_cursor: row.feed_cursor,
                acknowledged: row.acknowledged,
                checkpoint_length: u64::try_from(row.checkpoint_length).unwrap_or(0),
                last_success_at: parse_opt(subject, "last_success_at", row.last_success_at)?,
                last_attempt_at: parse_opt(subject, "last_attempt_at", row.last_attempt_at)?,
                last_error: pair(row.last_error_code, row.last_error_message),
            })
        })
        .transpose()
    }

    /// The exchange state, made with `new_desk_id` when the profile has
    /// none yet (the id is made once and never replaced).
    pub async fn ensure_exchange_state(
        &mut self,
        new_desk_id: &str,
    ) -> Result<ExchangeState, DbError> {
        sqlx::query!(
            "INSERT INTO exchange_state (id, desk_id) VALUES (1, ?) ON CONFLICT (id) DO NOTHING",
            new_desk_id
        )
        .execute(self.conn())
        .await
        .map_err(DbError::query(Operation::WriteExchange, None))?;
        self.exchange_state()
            .await?
            .ok_or_else(|| DbError::Unreadable {
                operation: Operation::WriteExchange,
                code: None,
                detail: "the exchange state was not kept".into(),
            })
    }

    /// Advances the feed cursor to `seq` (never back).
    pub async fn advance_feed_cursor(&mut self, seq: i64) -> Result<(), DbError> {
        sqlx::query!(
            "UPDATE exchange_state SET feed_cursor = max(feed_cursor, ?) WHERE id = 1",
            seq
        )
        .execute(self.conn())
        .await
        .map_err(DbError::query(Operation::WriteExchange, None))?;
        Ok(())
    }

    /// Records that the hub was told the desk has every entry up to `seq`.
    pub async fn set_acknowledged(&mut self, seq: i64) -> Result<(), DbError> {
        sqlx::query!(
            "UPDATE exchange_state SET acknowledged = max(acknowledged, ?) WHERE id = 1",
            seq
        )
        .execute(self.conn())
        .await
        .map_err(DbError::query(Operation::WriteExchange, None))?;
        Ok(())
    }

    /// Records the audit chain's length at the checkpoint just pushed.
    pub async fn set_checkpoint_length(&mut self, length: u64) -> Result<(), DbError> {
        let length = i64::try_from(length).unwrap_or(i64::MAX);
        sqlx::query!(
            "UPDATE exchange_state SET checkpoint_length = ? WHERE id = 1",
            length
        )
        .execute(self.conn())
        .await
        .map_err(DbError::query(Operation::WriteExchange, None))?;
        Ok(())
    }

    /// Records a sync's end: successful (`error` `None`) or failed with
    /// (code, message).
    pub async fn record_sync_outcome(
        &mut self,
        at: DateTime<FixedOffset>,
        error: Option<(&str, &str)>,
    ) -> Result<(), DbError> {
        let at = at.to_rfc3339();
        let (code, message) = error.unzip();
        sqlx::query!(
            r#"
            UPDATE exchange_state SET last_attempt_at = ?,
                last_success_at = CASE WHEN ? IS NULL THEN ? ELSE last_success_at END,
                last_error_code = ?, last_error_message = ?
            WHERE id = 1
            "#,
            at,
            code,
            at,
            code,
            message,
        )
        .execute(self.conn())
        .await
        .map_err(DbError::query(Operation::WriteExchange, None))?;
        Ok(())
    }

    /// The transfer pulled under case `number`, if any.
    pub async fn pulled_transfer(
        &mut self,
        number: &str,
    ) -> Result<Option<PulledTransfer>, DbError> {
        let row = sqlx::query!(
            r#"
            SELECT case_number, feed_seq, body, pulled_at, stored_at, refusal_code,
                   refusal_message
            FROM pulled_transfers WHERE case_number = ?
            "#,
            number
        )
        .fetch_optional(self.conn())
        .await
        .map_err(DbError::query(read_op(), Some(number)))?;
        row.map(|row| {
            pulled(
                row.case_number,
                row.feed_seq,
                &row.body,
                &row.pulled_at,
                row.stored_at,
                row.refusal_code,
                row.refusal_message,
            )
        })
        .transpose()
    }

    /// The pulled transfers not stored as cases yet, in feed order.
    pub async fn waiting_transfers(&mut self) -> Result<Vec<PulledTransfer>, DbError> {
        let rows = sqlx::query!(
            r#"
            SELECT case_number, feed_seq, body, pulled_at, stored_at, refusal_code,
                   refusal_message
            FROM pulled_transfers WHERE stored_at IS NULL ORDER BY feed_seq
            "#
        )
        .fetch_all(self.conn())
        .await
        .map_err(DbError::query(read_op(), None))?;
        rows.into_iter()
            .map(|row| {
                pulled(
                    row.case_number,
                    row.feed_seq,
                    &row.body,
                    &row.pulled_at,
                    row.stored_at,
                    row.refusal_code,
                    row.refusal_message,
                )
            })
            .collect()
    }

    /// Keeps a pulled transfer with its material files.
    ///
    /// Errors: one of that case number is kept already.
    pub async fn insert_pulled_transfer(
        &mut self,
        transfer: &PulledTransfer,
        files: &[MaterialFile],
    ) -> Result<(), DbError> {
        let operation = Operation::WriteExchange;
        let number = transfer.case_number.as_str();
        let body = serde_json::to_string(&transfer.body)
            .map_err(DbError::json(operation, Some(number)))?;
        let pulled_at = transfer.pulled_at.to_rfc3339();
        let stored_at = transfer.stored_at.map(|t| t.to_rfc3339());
        let (code, message) = transfer.refusal.clone().unzip();
        sqlx::query!(
            r#"
            INSERT INTO pulled_transfers (case_number, feed_seq, body, pulled_at, stored_at,
                refusal_code, refusal_message)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            "#,
            number,
            transfer.feed_seq,
            body,
            pulled_at,
            stored_at,
            code,
            message,
        )
        .execute(self.conn())
        .await
        .map_err(|source| match &source {
            sqlx::Error::Database(e) if e.is_unique_violation() => DbError::CaseExists {
                operation,
                number: number.to_owned(),
            },
            _ => DbError::Query {
                operation,
                code: Some(number.to_owned()),
                source,
            },
        })?;
        for file in files {
            let position = i64::from(file.position);
            sqlx::query!(
                r#"
                INSERT INTO case_material_files (case_number, position, material_name, file_name,
                    media_type, sha256, content)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                "#,
                number,
                position,
                file.material_name,
                file.file_name,
                file.media_type,
                file.sha256,
                file.content,
            )
            .execute(self.conn())
            .await
            .map_err(DbError::query(operation, Some(number)))?;
        }
        Ok(())
    }

    /// Marks a pulled transfer stored as a case (or, with `refusal`, still
    /// waiting for the reason given).
    pub async fn set_transfer_outcome(
        &mut self,
        number: &str,
        stored_at: Option<DateTime<FixedOffset>>,
        refusal: Option<(&str, &str)>,
    ) -> Result<(), DbError> {
        let stored_at = stored_at.map(|t| t.to_rfc3339());
        let (code, message) = refusal.unzip();
        sqlx::query!(
            r#"
            UPDATE pulled_transfers SET stored_at = ?, refusal_code = ?, refusal_message = ?
            WHERE case_number = ?
            "#,
            stored_at,
            code,
            message,
            number,
        )
        .execute(self.conn())
        .await
        .map_err(DbError::query(Operation::WriteExchange, Some(number)))?;
        Ok(())
    }

    /// The material files of a pulled case, in material order.
    pub async fn material_files(&mut self, number: &str) -> Result<Vec<MaterialFile>, DbError> {
        let rows = sqlx::query!(
            r#"
            SELECT position, material_name, file_name, media_type, sha256, content
            FROM case_material_files WHERE case_number = ? ORDER BY position
            "#,
            number
        )
        .fetch_all(self.conn())
        .await
        .map_err(DbError::query(read_op(), Some(number)))?;
        Ok(rows
            .into_iter()
            .map(|row| MaterialFile {
                position: u32::try_from(row.position).unwrap_or(0),
                material_name: row.material_name,
                file_name: row.file_name,
                media_type: row.media_type,
                sha256: row.sha256,
                content: row.content,
            })
            .collect())
    }

    /// Keeps a case's sealed result document (replacing one not pushed
    /// yet).
    pub async fn save_result_document(
        &mut self,
        document: &ResultDocumentFile,
    ) -> Result<(), DbError> {
        let number = document.case_number.as_str();
        let sealed_at = document.sealed_at.to_rfc3339();
        sqlx::query!(
            r#"
            INSERT INTO result_documents (case_number, file_name, media_type, sha256, content,
                verification_code, sealed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (case_number) DO UPDATE SET file_name = excluded.file_name,
                media_type = excluded.media_type, sha256 = excluded.sha256,
                content = excluded.content, verification_code = excluded.verification_code,
                sealed_at = excluded.sealed_at
            "#,
            number,
            document.file_name,
            document.media_type,
            document.sha256,
            document.content,
            document.verification_code,
            sealed_at,
        )
        .execute(self.conn())
        .await
        .map_err(DbError::query(Operation::WriteExchange, Some(number)))?;
        Ok(())
    }

    /// Records the tracking number of a case's paper result (replacing an
    /// earlier one: a mistyped number is corrected before the push).
    pub async fn save_paper_tracking(
        &mut self,
        number: &str,
        tracking_number: &str,
        at: DateTime<FixedOffset>,
        by: &str,
    ) -> Result<(), DbError> {
        let recorded_at = at.to_rfc3339();
        sqlx::query!(
            r#"
            INSERT INTO paper_tracking (case_number, tracking_number, recorded_at, recorded_by)
            VALUES (?, ?, ?, ?)
            ON CONFLICT (case_number) DO UPDATE SET tracking_number = excluded.tracking_number,
                recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by
            "#,
            number,
            tracking_number,
            recorded_at,
            by,
        )
        .execute(self.conn())
        .await
        .map_err(DbError::query(Operation::WriteExchange, Some(number)))?;
        Ok(())
    }

    /// The tracking number of a case's paper result, if recorded.
    pub async fn paper_tracking(&mut self, number: &str) -> Result<Option<String>, DbError> {
        let row = sqlx::query!(
            "SELECT tracking_number FROM paper_tracking WHERE case_number = ?",
            number
        )
        .fetch_optional(self.conn())
        .await
        .map_err(DbError::query(read_op(), Some(number)))?;
        Ok(row.map(|row| row.tracking_number))
    }

    /// A case's sealed result document, if made.
    pub async fn result_document(
        &mut self,
        number: &str,
    ) -> Result<Option<ResultDocumentFile>, DbError> {
        let row = sqlx::query!(
            r#"
            SELECT case_number, file_name, media_type, sha256, content, verification_code,
                   sealed_at
            FROM result_documents WHERE case_number = ?
            "#,
            number
        )
        .fetch_optional(self.conn())
        .await
        .map_err(DbError::query(read_op(), Some(number)))?;
        row.map(|row| {
            Ok(ResultDocumentFile {
                sealed_at: parse_at(number, "sealed_at", &row.sealed_at)?,
                case_number: row.case_number,
                file_name: row.file_name,
                media_type: row.media_type,
                sha256: row.sha256,
                content: row.content,
                verification_code: row.verification_code,
            })
        })
        .transpose()
    }

    /// Keeps a review; one already kept (same feed entry) is left as is.
    pub async fn insert_review(&mut self, review: &StoredReview) -> Result<(), DbError> {
        let at = review.at.to_rfc3339();
        let pulled_at = review.pulled_at.to_rfc3339();
        sqlx::query!(
            r#"
            INSERT INTO case_reviews (feed_seq, case_number, level, comment, at, pulled_at)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (feed_seq) DO NOTHING
            "#,
            review.feed_seq,
            review.case_number,
            review.level,
            review.comment,
            at,
            pulled_at,
        )
        .execute(self.conn())
        .await
        .map_err(DbError::query(
            Operation::WriteExchange,
            Some(&review.case_number),
        ))?;
        Ok(())
    }

    /// The reviews kept, of one case or of all, in feed order.
    pub async fn reviews(&mut self, number: Option<&str>) -> Result<Vec<StoredReview>, DbError> {
        let rows = sqlx::query!(
            r#"
            SELECT feed_seq, case_number, level, comment, at, pulled_at FROM case_reviews
            WHERE (? IS NULL OR case_number = ?) ORDER BY feed_seq
            "#,
            number,
            number,
        )
        .fetch_all(self.conn())
        .await
        .map_err(DbError::query(read_op(), number))?;
        rows.into_iter()
            .map(|row| {
                Ok(StoredReview {
                    at: parse_at(&row.case_number, "at", &row.at)?,
                    pulled_at: parse_at(&row.case_number, "pulled_at", &row.pulled_at)?,
                    feed_seq: row.feed_seq,
                    case_number: row.case_number,
                    level: row.level,
                    comment: row.comment,
                })
            })
            .collect()
    }

    /// Keeps a filing decision from the hub; one already kept (same feed
    /// entry) is left as is.
    pub async fn insert_hub_filing_decision(
        &mut self,
        decision: &HubFilingDecision,
    ) -> Result<(), DbError> {
        let at = decision.at.to_rfc3339();
        sqlx::query!(
            r#"
            INSERT INTO hub_filing_decisions (feed_seq, filing_id, department, verdict, comment,
                decided_by, at, applied, note)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (feed_seq) DO NOTHING
            "#,
            decision.feed_seq,
            decision.filing_id,
            decision.department,
            decision.verdict,
            decision.comment,
            decision.decided_by,
            at,
            decision.applied,
            decision.note,
        )
        .execute(self.conn())
        .await
        .map_err(DbError::query(
            Operation::WriteExchange,
            Some(&decision.filing_id),
        ))?;
        Ok(())
    }

    /// The filing decisions the hub sent, in feed order.
    pub async fn hub_filing_decisions(&mut self) -> Result<Vec<HubFilingDecision>, DbError> {
        let rows = sqlx::query!(
            r#"
            SELECT feed_seq, filing_id, department, verdict, comment, decided_by, at,
                   applied AS "applied: bool", note
            FROM hub_filing_decisions ORDER BY feed_seq
            "#
        )
        .fetch_all(self.conn())
        .await
        .map_err(DbError::query(read_op(), None))?;
        rows.into_iter()
            .map(|row| {
                Ok(HubFilingDecision {
                    at: parse_at(&row.filing_id, "at", &row.at)?,
                    feed_seq: row.feed_seq,
                    filing_id: row.filing_id,
                    department: row.department,
                    verdict: row.verdict,
                    comment: row.comment,
                    decided_by: row.decided_by,
                    applied: row.applied,
                    note: row.note,
                })
            })
            .collect()
    }

    /// The case records of the outbox not pushed yet with their push
    /// state, oldest first (those refused for good included: they hold back
    /// their case). Filing records: [`StoreTx::pending_filing_pushes`].
    pub async fn pending_pushes(&mut self) -> Result<Vec<PendingPush>, DbError> {
        let operation = read_op();
        let rows = sqlx::query!(
            r#"
            SELECT id AS "id!: i64", case_number AS "case_number!", kind, payload, created_at,
                   attempts, last_error_code, last_error_message, next_attempt_at, failed_at
            FROM outbox WHERE pushed_at IS NULL AND case_number IS NOT NULL ORDER BY id
            "#
        )
        .fetch_all(self.conn())
        .await
        .map_err(DbError::query(operation, None))?;
        rows.into_iter()
            .map(|row| {
                let subject = format!("outbox {}", row.id);
                let kind = OutboxKind::parse(&row.kind).ok_or_else(|| DbError::Unreadable {
                    operation,
                    code: Some(subject.clone()),
                    detail: format!("kind {:?} is no outbox kind", row.kind),
                })?;
                Ok(PendingPush {
                    state: PushState {
                        attempts: u32::try_from(row.attempts).unwrap_or(u32::MAX),
                        last_error: pair(row.last_error_code, row.last_error_message),
                        next_attempt_at: parse_opt(
                            &subject,
                            "next_attempt_at",
                            row.next_attempt_at,
                        )?,
                        failed_at: parse_opt(&subject, "failed_at", row.failed_at)?,
                    },
                    entry: OutboxEntry {
                        id: row.id,
                        kind,
                        payload: serde_json::from_str(&row.payload)
                            .map_err(DbError::json(operation, Some(&subject)))?,
                        created_at: parse_at(&subject, "created_at", &row.created_at)?,
                        pushed_at: None,
                        case_number: row.case_number,
                    },
                })
            })
            .collect()
    }

    /// How the outbox and the pulled transfers stand, counted by the
    /// database (the status bar asks every few seconds: reading every
    /// record to count them grew with the profile).
    pub async fn outbox_standing(&mut self) -> Result<OutboxStanding, DbError> {
        let operation = read_op();
        let row = sqlx::query!(
            r#"
            SELECT
              (SELECT COUNT(*) FROM outbox
                 WHERE pushed_at IS NULL AND (case_number IS NOT NULL OR filing_id IS NOT NULL))
                AS "pending!: i64",
              (SELECT COUNT(*) FROM outbox
                 WHERE pushed_at IS NULL AND failed_at IS NOT NULL
                   AND (case_number IS NOT NULL OR filing_id IS NOT NULL))
                AS "failed!: i64",
              (SELECT COUNT(*) FROM pulled_transfers WHERE stored_at IS NULL)
                AS "waiting!: i64"
            "#
        )
        .fetch_one(self.conn())
        .await
        .map_err(DbError::query(operation, None))?;
        let count = |n: i64| usize::try_from(n).unwrap_or(0);
        Ok(OutboxStanding {
            pending_pushes: count(row.pending),
            failed_pushes: count(row.failed),
            waiting_transfers: count(row.waiting),
        })
    }

    /// The filing records of the outbox not pushed yet with their push
    /// state, oldest first (those refused for good included).
    pub async fn pending_filing_pushes(&mut self) -> Result<Vec<PendingFilingPush>, DbError> {
        let operation = read_op();
        let rows = sqlx::query!(
            r#"
            SELECT id AS "id!: i64", filing_id AS "filing_id!", payload, created_at, attempts,
                   last_error_code, last_error_message, next_attempt_at, failed_at
            FROM outbox WHERE pushed_at IS NULL AND filing_id IS NOT NULL ORDER BY id
            "#
        )
        .fetch_all(self.conn())
        .await
        .map_err(DbError::query(operation, None))?;
        rows.into_iter()
            .map(|row| {
                let subject = format!("outbox {}", row.id);
                Ok(PendingFilingPush {
                    id: row.id,
                    payload: serde_json::from_str(&row.payload)
                        .map_err(DbError::json(operation, Some(&subject)))?,
                    created_at: parse_at(&subject, "created_at", &row.created_at)?,
                    state: PushState {
                        attempts: u32::try_from(row.attempts).unwrap_or(u32::MAX),
                        last_error: pair(row.last_error_code, row.last_error_message),
                        next_attempt_at: parse_opt(
                            &subject,
                            "next_attempt_at",
                            row.next_attempt_at,
                        )?,
                        failed_at: parse_opt(&subject, "failed_at", row.failed_at)?,
                    },
                    filing_id: row.filing_id,
                })
            })
            .collect()
    }

    /// Puts a submitted filing (`payload`: the filing as submitted) in the
    /// outbox for the hub, once: a filing that has its record already keeps
    /// it. Returns whether a record was made.
    pub async fn enqueue_filing_push(
        &mut self,
        filing_id: &str,
        payload: &serde_json::Value,
        created_at: DateTime<FixedOffset>,
    ) -> Result<bool, DbError> {
        let operation = Operation::WriteExchange;
        let kind = OutboxKind::Filing.word();
        let payload =
            serde_json::to_string(payload).map_err(DbError::json(operation, Some(filing_id)))?;
        let created_at = created_at.to_rfc3339();
        let done = sqlx::query!(
            r#"
            INSERT INTO outbox (case_number, filing_id, kind, payload, created_at)
            VALUES (NULL, ?, ?, ?, ?)
            ON CONFLICT (filing_id) WHERE filing_id IS NOT NULL DO NOTHING
            "#,
            filing_id,
            kind,
            payload,
            created_at,
        )
        .execute(self.conn())
        .await
        .map_err(DbError::query(operation, Some(filing_id)))?;
        Ok(done.rows_affected() > 0)
    }

    /// Records a push attempt that did not land: its error, one more
    /// attempt, and not before `next_attempt_at` (`None`: at the next
    /// sync); with `failed_at`, the hub refused it for good.
    pub async fn record_push_failure(
        &mut self,
        id: i64,
        error: (&str, &str),
        next_attempt_at: Option<DateTime<FixedOffset>>,
        failed_at: Option<DateTime<FixedOffset>>,
    ) -> Result<(), DbError> {
        let operation = Operation::MarkPushed;
        let next = next_attempt_at.map(ordered);
        let failed = failed_at.map(|t| t.to_rfc3339());
        let (code, message) = error;
        let done = sqlx::query!(
            r#"
            UPDATE outbox SET attempts = attempts + 1, last_error_code = ?,
                last_error_message = ?, next_attempt_at = ?, failed_at = ?
            WHERE id = ? AND pushed_at IS NULL
            "#,
            code,
            message,
            next,
            failed,
            id,
        )
        .execute(self.conn())
        .await
        .map_err(DbError::query(operation, None))?;
        if done.rows_affected() == 0 {
            return Err(DbError::UnknownOutboxRecord { operation, id });
        }
        Ok(())
    }

    /// Notes why a record waits without counting an attempt (a result
    /// whose sealed document is not made yet).
    pub async fn note_push_waiting(
        &mut self,
        id: i64,
        code: &str,
        message: &str,
    ) -> Result<(), DbError> {
        sqlx::query!(
            "UPDATE outbox SET last_error_code = ?, last_error_message = ? WHERE id = ? AND pushed_at IS NULL",
            code,
            message,
            id,
        )
        .execute(self.conn())
        .await
        .map_err(DbError::query(Operation::MarkPushed, None))?;
        Ok(())
    }

    /// Lets a record refused for good be tried again (after the cause was
    /// put right): its attempts and errors are cleared.
    pub async fn retry_push(&mut self, id: i64) -> Result<(), DbError> {
        let operation = Operation::MarkPushed;
        let done = sqlx::query!(
            r#"
            UPDATE outbox SET attempts = 0, last_error_code = NULL, last_error_message = NULL,
                next_attempt_at = NULL, failed_at = NULL
            WHERE id = ? AND pushed_at IS NULL
            "#,
            id
        )
        .execute(self.conn())
        .await
        .map_err(DbError::query(operation, None))?;
        if done.rows_affected() == 0 {
            return Err(DbError::UnknownOutboxRecord { operation, id });
        }
        Ok(())
    }
}

#[allow(clippy::too_many_arguments)]
fn pulled(
    case_number: String,
    feed_seq: i64,
    body: &str,
    pulled_at: &str,
    stored_at: Option<String>,
    refusal_code: Option<String>,
    refusal_message: Option<String>,
) -> Result<PulledTransfer, DbError> {
    Ok(PulledTransfer {
        body: serde_json::from_str(body).map_err(DbError::json(read_op(), Some(&case_number)))?,
        pulled_at: parse_at(&case_number, "pulled_at", pulled_at)?,
        stored_at: parse_opt(&case_number, "stored_at", stored_at)?,
        refusal: pair(refusal_code, refusal_message),
        feed_seq,
        case_number,
    })
}
