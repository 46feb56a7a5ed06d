//! Cases (办件): the case as JSON with the columns the inbox filters and
//! sorts on (the inbox's queries: `inbox.rs`), its events, the outbox of what the window unit must still get,
//! and the bundle instances cases belong to.
//!
//! A state change is written with its events, its outbox records and its
//! audit entry in one transaction that holds the write lock from its start
//! (`BEGIN IMMEDIATE`), and only if the stored case is still in the state
//! the change was computed from (optimistic concurrency).

use approval_core::audit::AuditRecord;
use approval_core::bundle::{BundleInstance, BundleStanding, MemberDecision};
pub use approval_core::case::CaseDue;
use approval_core::case::{Applied, Case, CaseEvent, CaseState};
use approval_core::china_time::CHINA_STANDARD_TIME;
use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use super::audit::append_audit_in;
use super::{DbError, Operation, StoreTx};

/// What the hub must be sent: for the window unit, about a case; or, for
/// the managers, a filing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutboxKind {
    /// A notice: acceptance, one-time correction (补正开始) and its end,
    /// not accepted, 办理中, a special stage's start and end.
    Notice,
    /// A result push.
    Result,
    /// A public-notice period (公示, Art 12).
    PublicNotice,
    /// The paper result delivered (送达).
    Delivery,
    /// A submitted exemption filing (备案) for the hub's managers: a record
    /// of its own, about no case (see [`StoreTx::enqueue_filing_push`]).
    Filing,
}

impl OutboxKind {
    pub(super) fn word(self) -> &'static str {
        match self {
            OutboxKind::Notice => "notice",
            OutboxKind::Result => "result",
            OutboxKind::PublicNotice => "public_notice",
            OutboxKind::Delivery => "delivery",
            OutboxKind::Filing => "filing",
        }
    }

    pub(super) fn parse(text: &str) -> Option<Self> {
        match text {
            "notice" => Some(OutboxKind::Notice),
            "result" => Some(OutboxKind::Result),
            "public_notice" => Some(OutboxKind::PublicNotice),
            "delivery" => Some(OutboxKind::Delivery),
            "filing" => Some(OutboxKind::Filing),
            _ => None,
        }
    }
}

/// An outbox record to write with a transition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxRecord {
    pub kind: OutboxKind,
    pub payload: serde_json::Value,
    pub created_at: DateTime<FixedOffset>,
}

/// An outbox record as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    pub id: i64,
    pub case_number: String,
    pub kind: OutboxKind,
    pub payload: serde_json::Value,
    pub created_at: DateTime<FixedOffset>,
    pub pushed_at: Option<DateTime<FixedOffset>>,
}

/// The words of [`CaseState`], as its serde tag writes them.
pub const CASE_STATE_WORDS: [&str; 10] = [
    "received",
    "correction_requested",
    "not_accepted",
    "in_review",
    "special_stage",
    "decided",
    "public_notice",
    "result_ready",
    "result_pushed",
    "released",
];

/// The snake_case word of a state (its serde tag), as the `state` column
/// stores it.
pub fn case_state_word(state: &CaseState) -> &'static str {
    match state {
        CaseState::Received => "received",
        CaseState::CorrectionRequested => "correction_requested",
        CaseState::NotAccepted => "not_accepted",
        CaseState::InReview => "in_review",
        CaseState::SpecialStage { .. } => "special_stage",
        CaseState::Decided => "decided",
        CaseState::PublicNotice => "public_notice",
        CaseState::ResultReady => "result_ready",
        CaseState::ResultPushed => "result_pushed",
        CaseState::Released => "released",
    }
}

/// An instant as the ordered columns store it: China Standard Time, with
/// milliseconds, so text order is time order.
pub(super) fn ordered(instant: DateTime<FixedOffset>) -> String {
    instant
        .with_timezone(&CHINA_STANDARD_TIME)
        .to_rfc3339_opts(SecondsFormat::Millis, false)
}

pub(super) fn instant(
    operation: Operation,
    code: &str,
    column: &str,
    text: &str,
) -> Result<DateTime<FixedOffset>, DbError> {
    DateTime::parse_from_rfc3339(text).map_err(|e| DbError::Unreadable {
        operation,
        code: Some(code.to_owned()),
        detail: format!("{column} {text:?} is not RFC 3339 ({e})"),
    })
}

/// A stored case and its version: 1 when received, one more with each
/// recorded transition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCase {
    pub case: Case,
    pub version: u64,
}

fn version_column(operation: Operation, number: &str, version: u64) -> Result<i64, DbError> {
    i64::try_from(version).map_err(|_| DbError::Unreadable {
        operation,
        code: Some(number.to_owned()),
        detail: format!("case version {version} is past 2^63 - 1"),
    })
}

/// The columns of a case's row.
struct CaseColumns {
    state: &'static str,
    received_at: String,
    submission_received_at: String,
    acceptance_due: Option<String>,
    processing_due: Option<String>,
    due: Option<String>,
    guide_version: i64,
    body: String,
}

impl CaseColumns {
    fn of(operation: Operation, case: &Case, due: CaseDue) -> Result<Self, DbError> {
        Ok(Self {
            state: case_state_word(&case.state),
            received_at: case.received_at.to_rfc3339(),
            submission_received_at: case.submission_received_at.to_rfc3339(),
            acceptance_due: due.acceptance_due.map(ordered),
            processing_due: due.processing_due.map(ordered),
            due: due.current(&case.state).map(ordered),
            guide_version: i64::from(case.guide_version),
            body: serde_json::to_string(case)
                .map_err(DbError::json(operation, Some(&case.number)))?,
        })
    }
}

async fn insert_events(
    conn: &mut SqliteConnection,
    operation: Operation,
    number: &str,
    first_sequence: i64,
    events: &[CaseEvent],
) -> Result<(), DbError> {
    for (sequence, event) in (first_sequence..).zip(events) {
        let at = event.at.to_rfc3339();
        let kind =
            serde_json::to_string(&event.kind).map_err(DbError::json(operation, Some(number)))?;
        sqlx::query!(
            r#"
            INSERT INTO case_events (case_number, sequence, at, actor, on_behalf_of, kind)
            VALUES (?, ?, ?, ?, ?, ?)
            "#,
            number,
            sequence,
            at,
            event.actor,
            event.on_behalf_of,
            kind,
        )
        .execute(&mut *conn)
        .await
        .map_err(DbError::query(operation, Some(number)))?;
    }
    Ok(())
}

async fn insert_case_in(
    conn: &mut SqliteConnection,
    applied: &Applied,
    due: CaseDue,
) -> Result<(), DbError> {
    let operation = Operation::SaveCase;
    let case = &applied.case;
    let number = case.number.as_str();
    let c = CaseColumns::of(operation, case, due)?;
    sqlx::query!(
        r#"
        INSERT INTO cases (number, item_code, guide_version, state, received_at,
            submission_received_at, acceptance_due, processing_due, due, bundle_instance,
            officer, body, applicant, bundle_code)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
            (SELECT json_extract(bundle_instances.body, '$.bundle.code') FROM bundle_instances
                WHERE bundle_instances.id = ?10))
        "#,
        number,
        case.item_code,
        c.guide_version,
        c.state,
        c.received_at,
        c.submission_received_at,
        c.acceptance_due,
        c.processing_due,
        c.due,
        case.bundle_instance,
        case.holder,
        c.body,
        case.applicant.name,
    )
    .execute(&mut *conn)
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
    insert_events(conn, operation, number, 1, &applied.events).await
}

async fn insert_instance_in(
    conn: &mut SqliteConnection,
    instance: &BundleInstance,
) -> Result<(), DbError> {
    let operation = Operation::SaveBundleInstance;
    let id = instance.id.as_str();
    let body = serde_json::to_string(instance).map_err(DbError::json(operation, Some(id)))?;
    sqlx::query!(
        "INSERT INTO bundle_instances (id, body) VALUES (?, ?)",
        id,
        body
    )
    .execute(&mut *conn)
    .await
    .map_err(|source| match &source {
        sqlx::Error::Database(e) if e.is_unique_violation() => DbError::BundleInstanceExists {
            operation,
            id: id.to_owned(),
        },
        _ => DbError::Query {
            operation,
            code: Some(id.to_owned()),
            source,
        },
    })?;
    // Cases stored before their instance (none today: an instance is
    // stored with or before its cases) get its bundle's code all the same.
    let code = instance.bundle.code.as_str();
    sqlx::query!(
        "UPDATE cases SET bundle_code = ? WHERE bundle_instance = ? AND bundle_code IS NOT ?",
        code,
        id,
        code,
    )
    .execute(&mut *conn)
    .await
    .map_err(DbError::query(operation, Some(id)))?;
    Ok(())
}

impl StoreTx {
    /// Stores a newly received case with its events, in one transaction.
    ///
    /// Errors: a case of that number is stored already
    /// ([`DbError::CaseExists`]); the write fails.
    pub async fn insert_case(&mut self, applied: &Applied, due: CaseDue) -> Result<(), DbError> {
        self.insert_cases(std::slice::from_ref(&(applied.clone(), due)), &[])
            .await
    }

    /// Stores newly received cases with their events and the new bundle
    /// instances they belong to, all in one transaction: all or nothing.
    ///
    /// Errors: as [`Database::insert_case`], and an instance of the same id
    /// is stored already ([`DbError::BundleInstanceExists`]).
    pub async fn insert_cases(
        &mut self,
        cases: &[(Applied, CaseDue)],
        instances: &[BundleInstance],
    ) -> Result<(), DbError> {
        let tx = self.conn();
        for instance in instances {
            insert_instance_in(tx, instance).await?;
        }
        for (applied, due) in cases {
            insert_case_in(tx, applied, *due).await?;
        }
        Ok(())
    }

    /// Records a state change: the case as it is now, its new events, its
    /// outbox records and (when given) its audit entry — and only if the
    /// stored case is still at `expected_version`, the version the change
    /// was computed from (compare-and-set: two writers that computed their
    /// changes from the same version cannot both be recorded). The stored
    /// version is then one more.
    ///
    /// Errors: the case is not stored ([`DbError::UnknownCase`]); it has
    /// moved past `expected_version` ([`DbError::StaleCase`]); the write
    /// fails. On any error nothing is written once the transaction is
    /// dropped.
    pub async fn record_transition(
        &mut self,
        expected_version: u64,
        applied: &Applied,
        due: CaseDue,
        outbox: Vec<OutboxRecord>,
        audit: Option<AuditRecord>,
    ) -> Result<(), DbError> {
        let operation = Operation::RecordTransition;
        let case = &applied.case;
        let number = case.number.as_str();
        let query_failed = DbError::query(operation, Some(number));
        let tx = self.conn();
        let expected = version_column(operation, number, expected_version)?;
        let c = CaseColumns::of(operation, case, due)?;
        let updated = sqlx::query!(
            r#"
            UPDATE cases SET state = ?, submission_received_at = ?, acceptance_due = ?,
                processing_due = ?, due = ?, officer = ?, body = ?, applicant = ?,
                version = version + 1
            WHERE number = ? AND version = ?
            "#,
            c.state,
            c.submission_received_at,
            c.acceptance_due,
            c.processing_due,
            c.due,
            case.holder,
            c.body,
            case.applicant.name,
            number,
            expected,
        )
        .execute(&mut *tx)
        .await
        .map_err(&query_failed)?;
        if updated.rows_affected() == 0 {
            let found = sqlx::query_scalar!("SELECT version FROM cases WHERE number = ?", number)
                .fetch_optional(&mut *tx)
                .await
                .map_err(&query_failed)?;
            return Err(match found {
                None => DbError::UnknownCase {
                    operation,
                    number: number.to_owned(),
                },
                Some(found) => DbError::StaleCase {
                    number: number.to_owned(),
                    expected: expected_version,
                    found: u64::try_from(found).unwrap_or(0),
                },
            });
        }
        let last = sqlx::query_scalar!(
            r#"SELECT coalesce(max(sequence), 0) AS "last!: i64" FROM case_events WHERE case_number = ?"#,
            number
        )
        .fetch_one(&mut *tx)
        .await
        .map_err(&query_failed)?;
        insert_events(tx, operation, number, last + 1, &applied.events).await?;
        for record in outbox {
            let kind = record.kind.word();
            let payload = serde_json::to_string(&record.payload)
                .map_err(DbError::json(operation, Some(number)))?;
            let created_at = record.created_at.to_rfc3339();
            sqlx::query!(
                "INSERT INTO outbox (case_number, kind, payload, created_at) VALUES (?, ?, ?, ?)",
                number,
                kind,
                payload,
                created_at,
            )
            .execute(&mut *tx)
            .await
            .map_err(&query_failed)?;
        }
        if let Some(record) = audit {
            append_audit_in(tx, record).await?;
        }
        Ok(())
    }

    /// The case stored under `number`, if any.
    pub async fn case(&mut self, number: &str) -> Result<Option<Case>, DbError> {
        Ok(self.stored_case(number).await?.map(|stored| stored.case))
    }

    /// The case stored under `number` with its version, if any: what a
    /// change is computed from and then recorded against.
    pub async fn stored_case(&mut self, number: &str) -> Result<Option<StoredCase>, DbError> {
        let operation = Operation::LoadCase;
        let row = sqlx::query!("SELECT body, version FROM cases WHERE number = ?", number)
            .fetch_optional(self.conn())
            .await
            .map_err(DbError::query(operation, Some(number)))?;
        row.map(|row| {
            Ok(StoredCase {
                case: serde_json::from_str(&row.body)
                    .map_err(DbError::json(operation, Some(number)))?,
                version: u64::try_from(row.version).unwrap_or(0),
            })
        })
        .transpose()
    }

    /// The events of a case, oldest first.
    pub async fn case_events(&mut self, number: &str) -> Result<Vec<CaseEvent>, DbError> {
        let operation = Operation::LoadCase;
        let rows = sqlx::query!(
            r#"
            SELECT at, actor, on_behalf_of, kind FROM case_events
            WHERE case_number = ? ORDER BY sequence
            "#,
            number
        )
        .fetch_all(self.conn())
        .await
        .map_err(DbError::query(operation, Some(number)))?;
        rows.into_iter()
            .map(|row| {
                Ok(CaseEvent {
                    case: number.to_owned(),
                    at: instant(operation, number, "case_events.at", &row.at)?,
                    actor: row.actor,
                    on_behalf_of: row.on_behalf_of,
                    kind: serde_json::from_str(&row.kind)
                        .map_err(DbError::json(operation, Some(number)))?,
                })
            })
            .collect()
    }

    /// The stored deadlines of a case (as last recorded).
    pub async fn case_due(&mut self, number: &str) -> Result<Option<CaseDue>, DbError> {
        let operation = Operation::LoadCase;
        let Some(row) = sqlx::query!(
            "SELECT acceptance_due, processing_due FROM cases WHERE number = ?",
            number
        )
        .fetch_optional(self.conn())
        .await
        .map_err(DbError::query(operation, Some(number)))?
        else {
            return Ok(None);
        };
        let parse = |column: &str, text: Option<String>| {
            text.map(|t| instant(operation, number, column, &t))
                .transpose()
        };
        Ok(Some(CaseDue {
            acceptance_due: parse("acceptance_due", row.acceptance_due)?,
            processing_due: parse("processing_due", row.processing_due)?,
        }))
    }

    /// Every case still waiting for acceptance, for the deemed-acceptance
    /// sweep.
    pub async fn received_cases(&mut self) -> Result<Vec<StoredCase>, DbError> {
        let operation = Operation::ListCases;
        let rows = sqlx::query!(
            "SELECT number, body, version FROM cases WHERE state = 'received' ORDER BY number"
        )
        .fetch_all(self.conn())
        .await
        .map_err(DbError::query(operation, None))?;
        rows.into_iter()
            .map(|row| {
                Ok(StoredCase {
                    case: serde_json::from_str(&row.body)
                        .map_err(DbError::json(operation, Some(&row.number)))?,
                    version: u64::try_from(row.version).unwrap_or(0),
                })
            })
            .collect()
    }

    /// The decided cases whose result is ready or pushed but not released:
    /// where a paper delivery may still be owed (Art 12).
    pub async fn cases_with_results_out(&mut self) -> Result<Vec<StoredCase>, DbError> {
        let operation = Operation::ListCases;
        let rows = sqlx::query!(
            r#"SELECT number, body, version FROM cases
               WHERE state IN ('result_ready', 'result_pushed') ORDER BY number"#
        )
        .fetch_all(self.conn())
        .await
        .map_err(DbError::query(operation, None))?;
        rows.into_iter()
            .map(|row| {
                Ok(StoredCase {
                    case: serde_json::from_str(&row.body)
                        .map_err(DbError::json(operation, Some(&row.number)))?,
                    version: u64::try_from(row.version).unwrap_or(0),
                })
            })
            .collect()
    }

    /// The case records of the outbox not pushed yet, oldest first.
    pub async fn pending_outbox(&mut self) -> Result<Vec<OutboxEntry>, DbError> {
        self.outbox_where(true).await
    }

    /// Every case record of the outbox, oldest first (filing records:
    /// [`StoreTx::pending_filing_pushes`]).
    pub async fn outbox(&mut self) -> Result<Vec<OutboxEntry>, DbError> {
        self.outbox_where(false).await
    }

    async fn outbox_where(&mut self, pending_only: bool) -> Result<Vec<OutboxEntry>, DbError> {
        let operation = Operation::ReadOutbox;
        let rows = sqlx::query!(
            r#"
            SELECT id AS "id!: i64", case_number AS "case_number!", kind, payload, created_at,
                   pushed_at
            FROM outbox WHERE case_number IS NOT NULL AND (NOT ? OR pushed_at IS NULL)
            ORDER BY id
            "#,
            pending_only
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
                Ok(OutboxEntry {
                    id: row.id,
                    kind,
                    payload: serde_json::from_str(&row.payload)
                        .map_err(DbError::json(operation, Some(&subject)))?,
                    created_at: instant(operation, &subject, "created_at", &row.created_at)?,
                    pushed_at: row
                        .pushed_at
                        .map(|t| instant(operation, &subject, "pushed_at", &t))
                        .transpose()?,
                    case_number: row.case_number,
                })
            })
            .collect()
    }

    /// Marks an outbox record pushed to the window unit at `at`.
    ///
    /// Errors: no such record ([`DbError::UnknownOutboxRecord`]).
    pub async fn mark_pushed(&mut self, id: i64, at: DateTime<FixedOffset>) -> Result<(), DbError> {
        let operation = Operation::MarkPushed;
        let at = at.to_rfc3339();
        let done = sqlx::query!("UPDATE outbox SET pushed_at = ? WHERE id = ?", at, id)
            .execute(self.conn())
            .await
            .map_err(DbError::query(operation, None))?;
        if done.rows_affected() == 0 {
            return Err(DbError::UnknownOutboxRecord { operation, id });
        }
        Ok(())
    }

    /// Stores a new bundle instance.
    ///
    /// Errors: one of that id is stored already.
    pub async fn save_bundle_instance(&mut self, instance: &BundleInstance) -> Result<(), DbError> {
        insert_instance_in(self.conn(), instance).await
    }

    /// The bundle instance stored under `id`, if any.
    pub async fn bundle_instance(&mut self, id: &str) -> Result<Option<BundleInstance>, DbError> {
        let operation = Operation::LoadBundleInstance;
        let row = sqlx::query!("SELECT body FROM bundle_instances WHERE id = ?", id)
            .fetch_optional(self.conn())
            .await
            .map_err(DbError::query(operation, Some(id)))?;
        row.map(|row| serde_json::from_str(&row.body).map_err(DbError::json(operation, Some(id))))
            .transpose()
    }

    /// The decision outcome of each item of a bundle instance (`None` while
    /// its case is undecided or missing): what the release gate reads.
    pub async fn bundle_standing(
        &mut self,
        instance: &BundleInstance,
    ) -> Result<BundleStanding, DbError> {
        let mut standing = BundleStanding::default();
        for (item, number) in &instance.cases {
            let case = self.case(number).await?;
            let outcome = case.as_ref().and_then(Case::gate_outcome);
            standing.outcomes.insert(item.clone(), outcome);
            if let Some(at) = case.as_ref().and_then(Case::gate_decided_at) {
                let processing_due = self.case_due(number).await?.and_then(|d| d.processing_due);
                standing
                    .decisions
                    .insert(item.clone(), MemberDecision { at, processing_due });
            }
        }
        Ok(standing)
    }

    /// Records new deadlines of a case without changing it otherwise: a
    /// serial prerequisite's decision ends the case's wait (Art 17), which
    /// moves its processing deadline.
    pub async fn set_case_due(&mut self, number: &str, due: CaseDue) -> Result<(), DbError> {
        let operation = Operation::RecordTransition;
        let stored = self
            .case(number)
            .await?
            .ok_or_else(|| DbError::UnknownCase {
                operation,
                number: number.to_owned(),
            })?;
        let c = CaseColumns::of(operation, &stored, due)?;
        sqlx::query!(
            "UPDATE cases SET acceptance_due = ?, processing_due = ?, due = ? WHERE number = ?",
            c.acceptance_due,
            c.processing_due,
            c.due,
            number,
        )
        .execute(self.conn())
        .await
        .map_err(DbError::query(operation, Some(number)))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_words_are_the_serde_tags() {
        let states = [
            CaseState::Received,
            CaseState::CorrectionRequested,
            CaseState::NotAccepted,
            CaseState::InReview,
            CaseState::SpecialStage {
                stage: "S01".into(),
            },
            CaseState::Decided,
            CaseState::PublicNotice,
            CaseState::ResultReady,
            CaseState::ResultPushed,
            CaseState::Released,
        ];
        for (state, word) in states.iter().zip(CASE_STATE_WORDS) {
            let json = serde_json::to_value(state).ok();
            assert_eq!(
                json.as_ref()
                    .and_then(|v| v.get("state"))
                    .and_then(|s| s.as_str()),
                Some(word)
            );
            assert_eq!(case_state_word(state), word);
        }
    }
}
