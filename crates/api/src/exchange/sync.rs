//! One sync with the hub: pull the feed since the cursor and store it, then
//! acknowledge; push the outbox in order; push the audit checkpoint.
//!
//! Exactly once, whatever fails when:
//! - a feed entry is stored in one unit of work with the cursor's advance,
//!   so a crash before the commit pulls it again and one after it does not;
//!   a transferred case is kept as pulled (its wire form and files) in that
//!   same unit and stored as a case there too when the receive path takes
//!   it; one it refuses (an item not imported yet, a bundle instance still
//!   incomplete) stays kept and is tried again at every sync, so nothing is
//!   lost and nothing blocks the feed; a case already stored is skipped;
//! - the acknowledgement follows the store, and is sent again while the
//!   cursor is ahead of it, so a crash between the two duplicates nothing;
//! - each push carries a key derived from the desk id and the outbox
//!   record (`desk-<desk id>-outbox-<id>`) and a body derived from stored
//!   data only, so a push repeated after a lost answer has one effect.

use std::collections::{BTreeMap, HashSet};
use std::time::Duration;

use approval_contract::cases::TransferredCase;
use approval_contract::feed::{FeedEntry, FeedItem};
use approval_contract::filings::{FilingDecision as WireDecision, FilingVerdict};
use approval_contract::{Exchange, ExchangeError};
use approval_core::case::Transfer;
use approval_core::error_code::ErrorCode;
use approval_core::filing::FilingState;
use approval_store::{
    HubBinding, HubFilingDecision, MaterialFile, OutboxKind, PendingPush, PulledTransfer, StoreTx,
    StoredReview,
};
use chrono::{DateTime, FixedOffset};
use sha2::{Digest, Sha256};

use super::binding::new_desk_id;
use super::convert::{notice_of, result_push_of, transfer_of};
use crate::cases::{receive_in, Partners};
use crate::filings::{apply_hub_filing_decision, FilingDecision};
use crate::{in_write_unit, Actor, ApiError, Desk};

/// How many feed entries one pull asks for.
pub const FEED_PAGE: u32 = 100;

/// The pause before a push is tried again after its `attempts`-th failure
/// (the caller's policy, e.g. exponential backoff with jitter from
/// `approval_sync`): the api keeps the attempts and the next time in the
/// store and reads no clock of its own.
pub type RetryDelay = dyn Fn(u32) -> Duration + Send + Sync;

/// Where a sync is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncPhase {
    Pulling,
    Pushing,
    Checkpoint,
    Done,
}

/// Progress for a progress bar: `done` of `total` in `phase` (`total` is
/// `None` while the feed's length is unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncProgress {
    pub phase: SyncPhase,
    pub done: usize,
    pub total: Option<usize>,
}

/// How a sync runs.
pub struct SyncOptions<'a> {
    pub retry_delay: &'a RetryDelay,
    /// Told after each entry and each push.
    pub progress: Option<&'a (dyn Fn(SyncProgress) + Send + Sync)>,
}

/// What one sync did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncReport {
    /// Feed entries stored (transfers, reviews, filing decisions).
    pub pulled: usize,
    /// Transferred cases stored as cases (this sync's and earlier waiting
    /// ones).
    pub cases_stored: usize,
    /// Pulled transfers the receive path does not take yet (kept, tried
    /// again next time).
    pub transfers_waiting: usize,
    /// Transfers of cases already stored, skipped.
    pub skipped: usize,
    pub pushed: usize,
    /// Outbox records refused by the hub for good.
    pub failed: usize,
    /// Outbox records waiting: for their sealed document, behind a refused
    /// or not-yet-due record of their case, or for their next attempt.
    pub waiting: usize,
    /// The audit chain's length pushed as a checkpoint, when one was.
    pub checkpoint: Option<u64>,
    /// The feed entry acknowledged, when one was.
    pub acknowledged: Option<i64>,
}

/// The idempotency key of an outbox record's push: stable across restarts.
pub fn push_key(desk_id: &str, outbox_id: i64) -> String {
    format!("desk-{desk_id}-outbox-{outbox_id}")
}

fn checkpoint_key(desk_id: &str, length: u64) -> String {
    format!("desk-{desk_id}-checkpoint-{length}")
}

/// A failure that stores nothing the next sync would miss: the store or
/// the program failed, so the sync stops rather than record a refusal.
fn is_own_failure(error: &ApiError) -> bool {
    matches!(
        error.code,
        ErrorCode::StoreFailed
            | ErrorCode::StoreBusy
            | ErrorCode::StoreNewerSchema
            | ErrorCode::Internal
    )
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One sync of the bound profile with the hub through `exchange` at `now`:
/// pull, store and acknowledge the feed; push the outbox; push the audit
/// checkpoint. The outcome (success, or the failure's code and message) is
/// recorded as the profile's last sync.
///
/// Errors: the profile is not bound (`hub_not_bound`); the hub is
/// unavailable (`hub_unavailable`: the push round stops and the record is
/// scheduled again by `options.retry_delay`) or the session expired
/// (`hub_unauthorized`); a material file does not match its SHA-256
/// (`material_hash_mismatch`: the entry is not stored, the next sync pulls
/// it again); the store failed.
pub async fn sync_once<E: Exchange>(
    desk: &Desk,
    exchange: &E,
    now: DateTime<FixedOffset>,
    options: &SyncOptions<'_>,
) -> Result<SyncReport, ApiError> {
    let binding = desk.db().hub_binding().await?.ok_or_else(|| {
        ApiError::new(
            ErrorCode::HubNotBound,
            "本用户数据尚未绑定交换平台，请先登录（deskctl hub sign-in）",
            "this profile is not bound to a hub: sign in first (deskctl hub sign-in)",
        )
    })?;
    let new_id = new_desk_id();
    let desk_id = in_write_unit!(desk.db(), async |tx| Ok(tx
        .ensure_exchange_state(&new_id)
        .await?
        .desk_id))
    .await?;
    let mut report = SyncReport::default();
    let mut run = Syncing {
        desk,
        exchange,
        now,
        options,
        desk_id,
        actor: Actor::new(binding.person.clone()),
        report: &mut report,
    };
    let outcome = run.all(&binding).await;
    let error = outcome.as_ref().err();
    let recorded = in_write_unit!(desk.db(), async |tx| {
        tx.record_sync_outcome(now, error.map(|e| (e.code.as_str(), e.message_en.as_str())))
            .await?;
        Ok(())
    })
    .await;
    outcome?;
    recorded?;
    if let Some(progress) = options.progress {
        progress(SyncProgress {
            phase: SyncPhase::Done,
            done: 0,
            total: Some(0),
        });
    }
    Ok(report)
}

struct Syncing<'a, 'o, E> {
    desk: &'a Desk,
    exchange: &'a E,
    now: DateTime<FixedOffset>,
    options: &'a SyncOptions<'o>,
    desk_id: String,
    actor: Actor,
    report: &'a mut SyncReport,
}

impl<E: Exchange> Syncing<'_, '_, E> {
    async fn all(&mut self, _binding: &HubBinding) -> Result<(), ApiError> {
        self.receive_waiting().await?;
        self.pull().await?;
        self.push_outbox().await?;
        self.push_filings().await?;
        self.push_checkpoint().await
    }

    fn progress(&self, phase: SyncPhase, done: usize, total: Option<usize>) {
        if let Some(progress) = self.options.progress {
            progress(SyncProgress { phase, done, total });
        }
    }

    /// Pulled transfers the receive path did not take before, tried again
    /// (a bundle instance's together).
    async fn receive_waiting(&mut self) -> Result<(), ApiError> {
        let waiting = self.desk.db().waiting_transfers().await?;
        let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for pulled in &waiting {
            let group = bundle_of(pulled).unwrap_or_else(|| format!("case:{}", pulled.case_number));
            groups
                .entry(group)
                .or_default()
                .push(pulled.case_number.clone());
        }
        for numbers in groups.into_values() {
            let calendar = self.desk.calendar()?;
            let actor = &self.actor;
            let now = self.now;
            let received = in_write_unit!(self.desk.db(), async |tx| {
                receive_pulled(tx, actor, &calendar, &numbers, now).await
            })
            .await;
            match received {
                Ok(stored) => self.report.cases_stored += stored,
                Err(e) if is_own_failure(&e) => return Err(e),
                Err(e) => {
                    self.note_refusal(&numbers, &e).await?;
                }
            }
        }
        Ok(())
    }

    async fn note_refusal(&self, numbers: &[String], error: &ApiError) -> Result<(), ApiError> {
        in_write_unit!(self.desk.db(), async |tx| {
            for number in numbers {
                tx.set_transfer_outcome(
                    number,
                    None,
                    Some((error.code.as_str(), error.message.as_str())),
                )
                .await?;
            }
            Ok(())
        })
        .await
    }

    async fn pull(&mut self) -> Result<(), ApiError> {
        let mut done = 0;
        loop {
            let cursor = self.cursor().await?;
            let page = self.exchange.pull_feed(cursor, FEED_PAGE).await?;
            let mut entries: Vec<FeedEntry> = page
                .entries
                .into_iter()
                .filter(|e| e.seq > cursor)
                .collect();
            entries.sort_by_key(|e| e.seq);
            let fresh = !entries.is_empty();
            for entry in entries {
                self.store_entry(entry).await?;
                done += 1;
                self.progress(SyncPhase::Pulling, done, None);
            }
            if !page.more || !fresh {
                break;
            }
        }
        let state = self
            .desk
            .db()
            .exchange_state()
            .await?
            .ok_or_else(|| ApiError::internal("交换状态丢失", "the exchange state is gone"))?;
        if state.feed_cursor > state.acknowledged {
            self.exchange.acknowledge(state.feed_cursor).await?;
            let up_to = state.feed_cursor;
            in_write_unit!(self.desk.db(), async |tx| {
                tx.set_acknowledged(up_to).await?;
                Ok(())
            })
            .await?;
            self.report.acknowledged = Some(up_to);
        }
        Ok(())
    }

    async fn cursor(&self) -> Result<i64, ApiError> {
        Ok(self
            .desk
            .db()
            .exchange_state()
            .await?
            .map_or(0, |s| s.feed_cursor))
    }

    async fn store_entry(&mut self, entry: FeedEntry) -> Result<(), ApiError> {
        let seq = entry.seq;
        let now = self.now;
        match entry.item {
            FeedItem::Transfer(case) => {
                // Boxed or not on the wire type, the same case.
                #[allow(clippy::useless_conversion)]
                let case: Box<TransferredCase> = case.into();
                self.store_transfer(seq, *case).await
            }
            FeedItem::Review {
                case_number,
                review,
            } => {
                let stored = StoredReview {
                    feed_seq: seq,
                    case_number,
                    level: review.level.code().to_owned(),
                    comment: review.comment,
                    at: review.at,
                    pulled_at: now,
                };
                in_write_unit!(self.desk.db(), async |tx| {
                    tx.insert_review(&stored).await?;
                    tx.advance_feed_cursor(seq).await?;
                    Ok(())
                })
                .await?;
                self.report.pulled += 1;
                Ok(())
            }
            FeedItem::FilingDecided(decision) => self.store_filing_decision(seq, decision).await,
        }
    }

    async fn store_transfer(&mut self, seq: i64, case: TransferredCase) -> Result<(), ApiError> {
        let number = case.case_number.clone();
        if self.desk.db().pulled_transfer(&number).await?.is_some() {
            // Pulled before (the hub sent it again): only the cursor moves.
            in_write_unit!(self.desk.db(), async |tx| {
                tx.advance_feed_cursor(seq).await?;
                Ok(())
            })
            .await?;
            self.report.skipped += 1;
            return Ok(());
        }
        let files = self.fetch_files(&case).await?;
        let body = serde_json::to_value(&case).map_err(|e| {
            ApiError::internal(
                format!("办件{number}无法保存：{e}"),
                format!("case {number} cannot be kept: {e}"),
            )
        })?;
        let pulled = PulledTransfer {
            case_number: number.clone(),
            feed_seq: seq,
            body,
            pulled_at: self.now,
            stored_at: None,
            refusal: None,
        };
        let calendar = self.desk.calendar()?;
        let actor = &self.actor;
        let now = self.now;
        let bundle = case.bundle_instance.clone();
        // The entry, the case and the cursor together.
        let stored = in_write_unit!(self.desk.db(), async |tx| {
            tx.insert_pulled_transfer(&pulled, &files).await?;
            tx.advance_feed_cursor(seq).await?;
            // No early return in a unit: it would leave without committing.
            if tx.case(&number).await?.is_some() {
                tx.set_transfer_outcome(&number, Some(now), None).await?;
                Ok(Stored::Skipped)
            } else {
                let mut numbers = vec![number.clone()];
                if let Some(instance) = &bundle {
                    for waiting in tx.waiting_transfers().await? {
                        if bundle_of(&waiting).as_deref() == Some(instance.as_str())
                            && waiting.case_number != number
                        {
                            numbers.push(waiting.case_number);
                        }
                    }
                }
                Ok(Stored::Cases(
                    receive_pulled(tx, actor, &calendar, &numbers, now).await?,
                ))
            }
        })
        .await;
        match stored {
            Ok(Stored::Skipped) => self.report.skipped += 1,
            Ok(Stored::Cases(n)) => self.report.cases_stored += n,
            Err(e) if is_own_failure(&e) => return Err(e),
            Err(refusal) => {
                // Kept as pulled with the refusal; the cursor moves on.
                let refused = PulledTransfer {
                    refusal: Some((refusal.code.as_str().to_owned(), refusal.message.clone())),
                    ..pulled.clone()
                };
                in_write_unit!(self.desk.db(), async |tx| {
                    tx.insert_pulled_transfer(&refused, &files).await?;
                    tx.advance_feed_cursor(seq).await?;
                    Ok(())
                })
                .await?;
                tracing::info!(case = %number, code = %refusal.code, "pulled transfer waits");
                self.report.transfers_waiting += 1;
            }
        }
        self.report.pulled += 1;
        Ok(())
    }

    /// The electronic materials' files, each checked against its SHA-256.
    async fn fetch_files(&self, case: &TransferredCase) -> Result<Vec<MaterialFile>, ApiError> {
        let mut files = Vec::new();
        for (position, material) in case.materials.iter().enumerate() {
            let Some(file) = &material.file else { continue };
            let content = self.exchange.fetch_file(&file.id).await?;
            let sha256 = sha256_hex(&content);
            if sha256 != file.sha256.to_ascii_lowercase() {
                return Err(ApiError::new(
                    ErrorCode::MaterialHashMismatch,
                    format!(
                        "办件{}的材料“{}”文件{}与其校验值不符，未保存，下次同步将重新获取",
                        case.case_number, material.name, file.file_name
                    ),
                    format!(
                        "case {}: the file {} of material {} does not match its SHA-256; nothing was stored, the next sync fetches it again",
                        case.case_number, file.file_name, material.name
                    ),
                ));
            }
            files.push(MaterialFile {
                position: u32::try_from(position).unwrap_or(u32::MAX),
                material_name: material.name.clone(),
                file_name: file.file_name.clone(),
                media_type: file.media_type.clone(),
                sha256,
                content,
            });
        }
        Ok(files)
    }

    /// A decision on one of the department's filings: applied to the local
    /// filing through the filing use case when it is here and the decider
    /// may decide it on this desk, recorded in any case.
    async fn store_filing_decision(
        &mut self,
        seq: i64,
        decision: WireDecision,
    ) -> Result<(), ApiError> {
        let (applied, note) = self.apply_filing_decision(&decision).await?;
        let record = HubFilingDecision {
            feed_seq: seq,
            filing_id: decision.filing_id,
            department: decision.department,
            verdict: match decision.verdict {
                FilingVerdict::Approve => "approve",
                FilingVerdict::Reject => "reject",
            }
            .to_owned(),
            comment: decision.comment,
            decided_by: decision.decided_by,
            at: decision.at,
            applied,
            note,
        };
        in_write_unit!(self.desk.db(), async |tx| {
            tx.insert_hub_filing_decision(&record).await?;
            tx.advance_feed_cursor(seq).await?;
            Ok(())
        })
        .await?;
        self.report.pulled += 1;
        Ok(())
    }

    async fn apply_filing_decision(
        &self,
        decision: &WireDecision,
    ) -> Result<(bool, Option<String>), ApiError> {
        let Some(filing) = self.desk.db().filing(&decision.filing_id).await? else {
            return Ok((false, Some("no such filing on this desk".into())));
        };
        match (&filing.state, decision.verdict) {
            // Applied before (a crash before the feed entry was recorded).
            (FilingState::Approved { .. }, FilingVerdict::Approve)
            | (FilingState::Rejected { .. }, FilingVerdict::Reject) => return Ok((true, None)),
            (FilingState::Submitted { .. }, _) => {}
            _ => return Ok((false, Some("the local filing is not submitted".into()))),
        }
        let verdict = match decision.verdict {
            FilingVerdict::Approve => FilingDecision::Approve,
            FilingVerdict::Reject => FilingDecision::Reject,
        };
        match apply_hub_filing_decision(
            self.desk,
            &decision.decided_by,
            decision.at,
            &decision.filing_id,
            verdict,
            &decision.comment,
        )
        .await
        {
            Ok(_) => Ok((true, None)),
            Err(e) if is_own_failure(&e) => Err(e),
            Err(e) => Ok((false, Some(format!("{} ({})", e.message_en, e.code)))),
        }
    }

    /// Pushes the outbox oldest first. A record refused for good is marked
    /// failed with the hub's code and holds back the later records of its
    /// case only; a result waits for its sealed document; an unavailable
    /// hub stops the round and schedules the record again.
    async fn push_outbox(&mut self) -> Result<(), ApiError> {
        let pushes = self.desk.db().pending_pushes().await?;
        let total = pushes.len();
        let mut held: HashSet<String> = HashSet::new();
        for (done, push) in pushes.into_iter().enumerate() {
            self.progress(SyncPhase::Pushing, done, Some(total));
            let case = push.entry.case_number.clone();
            if held.contains(&case) {
                self.report.waiting += 1;
                continue;
            }
            if push.state.failed_at.is_some() {
                self.report.failed += 1;
                held.insert(case);
                continue;
            }
            if push
                .state
                .next_attempt_at
                .is_some_and(|next| next > self.now)
            {
                self.report.waiting += 1;
                held.insert(case);
                continue;
            }
            match self.push_one(&push).await? {
                Pushed::Done => self.report.pushed += 1,
                Pushed::Waiting => {
                    self.report.waiting += 1;
                    held.insert(case);
                }
                Pushed::Refused => {
                    self.report.failed += 1;
                    held.insert(case);
                }
            }
        }
        self.progress(SyncPhase::Pushing, total, Some(total));
        Ok(())
    }

    async fn push_one(&mut self, push: &PendingPush) -> Result<Pushed, ApiError> {
        let entry = &push.entry;
        let key = push_key(&self.desk_id, entry.id);
        let number = entry.case_number.as_str();
        let (case, pulled, document) = {
            let db = self.desk.db();
            let pulled = db
                .pulled_transfer(number)
                .await?
                .and_then(|p| serde_json::from_value::<TransferredCase>(p.body).ok());
            (
                db.case(number).await?,
                pulled,
                db.result_document(number).await?,
            )
        };
        let answer = match entry.kind {
            OutboxKind::Notice => match notice_of(entry, case.as_ref()) {
                Ok(notice) => self.exchange.push_notice(number, &key, &notice).await,
                Err(e) => return self.refused_here(entry.id, &e).await,
            },
            OutboxKind::Result => {
                let Some(document) = document else {
                    let id = entry.id;
                    in_write_unit!(self.desk.db(), async |tx| {
                        tx.note_push_waiting(
                            id,
                            ErrorCode::WaitingForSeal.as_str(),
                            "the sealed result document is not made yet",
                        )
                        .await?;
                        Ok(())
                    })
                    .await?;
                    return Ok(Pushed::Waiting);
                };
                match result_push_of(entry, &document, pulled.as_ref()) {
                    Ok(result) => self.exchange.push_result(number, &key, &result).await,
                    Err(e) => return self.refused_here(entry.id, &e).await,
                }
            }
            OutboxKind::PublicNotice => match super::convert::public_notice_of(entry) {
                Ok(notice) => {
                    self.exchange
                        .push_public_notice(number, &key, &notice)
                        .await
                }
                Err(e) => return self.refused_here(entry.id, &e).await,
            },
            OutboxKind::Delivery => {
                let tracking = self.desk.db().paper_tracking(number).await?;
                match super::convert::delivery_of(entry, pulled.as_ref(), tracking) {
                    Ok(delivery) if super::convert::delivery_needs_tracking(&delivery) => {
                        let id = entry.id;
                        in_write_unit!(self.desk.db(), async |tx| {
                            tx.note_push_waiting(
                                id,
                                ErrorCode::WaitingForTrackingNumber.as_str(),
                                "the government express tracking number is not recorded yet",
                            )
                            .await?;
                            Ok(())
                        })
                        .await?;
                        return Ok(Pushed::Waiting);
                    }
                    Ok(delivery) => self.exchange.push_delivery(number, &key, &delivery).await,
                    Err(e) => return self.refused_here(entry.id, &e).await,
                }
            }
            OutboxKind::Filing => {
                let e = ApiError::internal(
                    format!("待推送记录{}是备案记录，却登记在办件{number}下", entry.id),
                    format!(
                        "outbox record {} is a filing record filed under case {number}",
                        entry.id
                    ),
                );
                return self.refused_here(entry.id, &e).await;
            }
        };
        self.record_answer(entry.id, push.state.attempts, answer)
            .await
    }

    /// Puts every submitted filing in the outbox for the hub's managers
    /// (once each, as it was submitted), then pushes the filing records
    /// oldest first. Each filing stands alone: a refused one holds back
    /// nothing; an unavailable hub stops the round.
    async fn push_filings(&mut self) -> Result<(), ApiError> {
        let now = self.now;
        in_write_unit!(self.desk.db(), async |tx| {
            for filing in tx.filings(Some("submitted")).await? {
                let payload = serde_json::json!({ "filing": filing });
                tx.enqueue_filing_push(&filing.id, &payload, now).await?;
            }
            Ok(())
        })
        .await?;
        let pushes = self.desk.db().pending_filing_pushes().await?;
        for push in pushes {
            if push.state.failed_at.is_some() {
                self.report.failed += 1;
                continue;
            }
            if push
                .state
                .next_attempt_at
                .is_some_and(|next| next > self.now)
            {
                self.report.waiting += 1;
                continue;
            }
            let key = push_key(&self.desk_id, push.id);
            let submission = match super::convert::filing_of(&push) {
                Ok(filing) => {
                    let mut attachments = Vec::new();
                    for attachment in &filing.attachments {
                        let stored = self
                            .desk
                            .db()
                            .attachment(&filing.id, &attachment.file_name)
                            .await?;
                        attachments.push((attachment.file_name.clone(), stored));
                    }
                    super::convert::filing_submission_of(&push, &filing, attachments)
                }
                Err(e) => Err(e),
            };
            let answer = match submission {
                Ok(submission) => self.exchange.submit_filing(&key, &submission).await,
                Err(e) if is_own_failure(&e) => return Err(e),
                Err(e) => {
                    self.refused_here(push.id, &e).await?;
                    self.report.failed += 1;
                    continue;
                }
            };
            match self
                .record_answer(push.id, push.state.attempts, answer)
                .await?
            {
                Pushed::Done => self.report.pushed += 1,
                Pushed::Waiting => self.report.waiting += 1,
                Pushed::Refused => self.report.failed += 1,
            }
        }
        Ok(())
    }

    /// Records the hub's answer to the push of outbox record `id` (tried
    /// `attempts` times before): pushed; refused for good (kept with the
    /// hub's code); or unavailable (scheduled again by the retry policy,
    /// and the round stops with the error).
    async fn record_answer(
        &mut self,
        id: i64,
        attempts: u32,
        answer: approval_contract::ExchangeResult<approval_contract::cases::Receipt>,
    ) -> Result<Pushed, ApiError> {
        let now = self.now;
        match answer {
            Ok(_receipt) => {
                in_write_unit!(self.desk.db(), async |tx| {
                    tx.mark_pushed(id, now).await?;
                    Ok(())
                })
                .await?;
                Ok(Pushed::Done)
            }
            Err(ExchangeError::Refused { status, error }) => {
                let message = format!("{status}: {}", error.message_en);
                in_write_unit!(self.desk.db(), async |tx| {
                    tx.record_push_failure(id, (&error.code, &message), None, Some(now))
                        .await?;
                    Ok(())
                })
                .await?;
                tracing::warn!(outbox = id, code = %error.code, "push refused by the hub");
                Ok(Pushed::Refused)
            }
            Err(ExchangeError::Unavailable {
                reason,
                retry_after,
            }) => {
                let attempts = attempts.saturating_add(1);
                let delay =
                    (self.options.retry_delay)(attempts).max(retry_after.unwrap_or_default());
                let next = chrono::Duration::from_std(delay)
                    .ok()
                    .and_then(|d| now.checked_add_signed(d))
                    .unwrap_or(now);
                let code = ErrorCode::HubUnavailable.as_str();
                in_write_unit!(self.desk.db(), async |tx| {
                    tx.record_push_failure(id, (code, &reason), Some(next), None)
                        .await?;
                    Ok(())
                })
                .await?;
                Err(ExchangeError::Unavailable {
                    reason,
                    retry_after,
                }
                .into())
            }
            Err(unauthorized @ ExchangeError::Unauthorized(_)) => Err(unauthorized.into()),
        }
    }

    /// A record this desk cannot turn into a push: failed for good, like a
    /// refusal, so it holds back its case and is seen.
    async fn refused_here(&self, id: i64, error: &ApiError) -> Result<Pushed, ApiError> {
        let now = self.now;
        in_write_unit!(self.desk.db(), async |tx| {
            tx.record_push_failure(
                id,
                (error.code.as_str(), &error.message_en),
                None,
                Some(now),
            )
            .await?;
            Ok(())
        })
        .await?;
        Ok(Pushed::Refused)
    }

    /// Pushes the head of the local audit chain when it grew since the last
    /// checkpoint. The checkpoint's time is its head entry's, so the same
    /// chain always makes the same body under the same key.
    async fn push_checkpoint(&mut self) -> Result<(), ApiError> {
        self.progress(SyncPhase::Checkpoint, 0, Some(1));
        let entries = self.desk.db().audit_entries().await?;
        let Some(head) = entries.last() else {
            return Ok(());
        };
        let length = u64::try_from(entries.len()).unwrap_or(u64::MAX);
        let pushed = self
            .desk
            .db()
            .exchange_state()
            .await?
            .map_or(0, |s| s.checkpoint_length);
        if pushed == length {
            return Ok(());
        }
        let checkpoint = approval_contract::audit::Checkpoint {
            desk: self.desk_id.clone(),
            length,
            head: head.hash.clone(),
            at: head.record.at,
        };
        self.exchange
            .push_checkpoint(&checkpoint_key(&self.desk_id, length), &checkpoint)
            .await?;
        in_write_unit!(self.desk.db(), async |tx| {
            tx.set_checkpoint_length(length).await?;
            Ok(())
        })
        .await?;
        self.report.checkpoint = Some(length);
        self.progress(SyncPhase::Checkpoint, 1, Some(1));
        Ok(())
    }
}

enum Stored {
    Skipped,
    Cases(usize),
}

enum Pushed {
    Done,
    Waiting,
    Refused,
}

fn bundle_of(pulled: &PulledTransfer) -> Option<String> {
    pulled
        .body
        .get("bundle_instance")
        .and_then(|v| v.as_str())
        .map(str::to_owned)
}

/// Stores the kept pulled transfers `numbers` as cases through the receive
/// path, in the caller's unit, and marks them stored.
async fn receive_pulled(
    tx: &mut StoreTx,
    actor: &Actor,
    calendar: &approval_core::calendar::WorkingCalendar,
    numbers: &[String],
    now: DateTime<FixedOffset>,
) -> Result<usize, ApiError> {
    let mut transfers: Vec<Transfer> = Vec::new();
    let mut partners = Partners::new();
    let mut fresh = Vec::new();
    for number in numbers {
        let Some(pulled) = tx.pulled_transfer(number).await? else {
            continue;
        };
        if tx.case(number).await?.is_some() {
            tx.set_transfer_outcome(number, Some(now), None).await?;
            continue;
        }
        let case: TransferredCase = serde_json::from_value(pulled.body).map_err(|e| {
            ApiError::internal(
                format!("已保存的转办办件{number}无法读取：{e}"),
                format!("the kept transfer {number} cannot be read: {e}"),
            )
        })?;
        if let (Some(instance), Some(bundle)) = (&case.bundle_instance, &case.bundle) {
            partners.insert(
                instance.clone(),
                bundle
                    .members
                    .iter()
                    .map(|m| (m.item_code.clone(), m.case_number.clone()))
                    .collect(),
            );
        }
        let files = tx.material_files(number).await?;
        transfers.push(transfer_of(&case, &files));
        fresh.push(number.clone());
    }
    if transfers.is_empty() {
        return Ok(0);
    }
    let outcome = receive_in(tx, actor, calendar, transfers, &partners).await?;
    for number in &fresh {
        tx.set_transfer_outcome(number, Some(now), None).await?;
    }
    Ok(outcome.cases.len())
}
