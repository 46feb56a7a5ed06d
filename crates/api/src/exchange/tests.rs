//! The sync against an in-memory hub (a fake `Exchange`: at this layer the
//! wire is not the subject; the sync client's tests run the real one).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::time::Duration;

use approval_contract::audit::{Checkpoint, Checkpoints};
use approval_contract::cases::{
    Applicant, DeliveryPush, FileRef, MaterialRef, Notice, PublicNoticePush, Receipt, ResultPush,
    ReviewPush, TransferredCase,
};
use approval_contract::catalogue::{BundlePublication, CalendarYears, GuidePublication};
use approval_contract::codes::{ApplicantKind, CaseKind, CertificateType, ReviewLevel};
use approval_contract::feed::{FeedEntry, FeedItem, FeedPage};
use approval_contract::filings::{FilingRecord, FilingSubmission};
use approval_contract::reports::EfficiencyReport;
use approval_contract::{Exchange, ExchangeError, ExchangeResult, WireError};
use approval_core::audit::AuditRecord;
use approval_core::case::Action;
use approval_core::error_code::ErrorCode;
use approval_store::{OutboxKind, OutboxRecord, ResultDocumentFile};
use chrono::{DateTime, FixedOffset};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::*;
use crate::testing::{at, desk, publish, FOOD};
use crate::{Actor, Desk};

const ITEM: &str = "610122-SCJG-XK-0001";

#[derive(Default)]
struct HubState {
    feed: Vec<FeedEntry>,
    files: HashMap<String, Vec<u8>>,
    acked: i64,
    /// Pushes as recorded: (key, case, body); a key once.
    pushes: Vec<(String, String, serde_json::Value)>,
    /// Calls to fail as unavailable (acknowledge, pushes).
    ack_unavailable: u32,
    push_unavailable: u32,
    /// Cases whose pushes are refused (422).
    refused_cases: HashSet<String>,
    /// Serve a file's bytes altered.
    corrupt_files: bool,
    checkpoints: Vec<Checkpoint>,
    /// The calendar served (`None`: not asked in the test).
    calendar: Option<CalendarYears>,
}

#[derive(Default)]
struct FakeHub(Mutex<HubState>);

impl FakeHub {
    fn with(&self, f: impl FnOnce(&mut HubState)) {
        f(&mut self.0.lock().unwrap());
    }

    fn pushed_keys(&self) -> Vec<String> {
        self.0
            .lock()
            .unwrap()
            .pushes
            .iter()
            .map(|p| p.0.clone())
            .collect()
    }

    fn add(&self, item: FeedItem) {
        self.with(|s| {
            let seq = s.feed.len() as i64 + 1;
            s.feed.push(FeedEntry {
                seq,
                at: at(2026, 3, 2),
                item,
            });
        });
    }

    fn push(&self, case: &str, key: &str, body: serde_json::Value) -> ExchangeResult<Receipt> {
        let mut s = self.0.lock().unwrap();
        if s.push_unavailable > 0 {
            s.push_unavailable -= 1;
            return Err(ExchangeError::Unavailable {
                reason: "503".into(),
                retry_after: None,
            });
        }
        if s.refused_cases.contains(case) {
            return Err(ExchangeError::Refused {
                status: 422,
                error: WireError::new("case_not_allowed_in_state", "不允许", "not allowed"),
            });
        }
        if let Some(earlier) = s.pushes.iter().find(|p| p.0 == key) {
            assert_eq!(earlier.2, body, "same key, other body: {key}");
            return Ok(receipt(true));
        }
        s.pushes.push((key.to_owned(), case.to_owned(), body));
        Ok(receipt(false))
    }
}

fn receipt(replayed: bool) -> Receipt {
    Receipt {
        id: "r".into(),
        recorded_at: at(2026, 3, 2),
        replayed,
    }
}

fn unused<T>() -> ExchangeResult<T> {
    Err(ExchangeError::Refused {
        status: 404,
        error: WireError::new("not_found", "无", "unused here"),
    })
}

impl Exchange for FakeHub {
    async fn pull_feed(&self, since: i64, limit: u32) -> ExchangeResult<FeedPage> {
        let s = self.0.lock().unwrap();
        let after: Vec<_> = s.feed.iter().filter(|e| e.seq > since).cloned().collect();
        let more = after.len() > limit as usize;
        Ok(FeedPage {
            entries: after.into_iter().take(limit as usize).collect(),
            more,
        })
    }
    async fn acknowledge(&self, up_to: i64) -> ExchangeResult<()> {
        let mut s = self.0.lock().unwrap();
        if s.ack_unavailable > 0 {
            s.ack_unavailable -= 1;
            return Err(ExchangeError::Unavailable {
                reason: "connection reset".into(),
                retry_after: None,
            });
        }
        s.acked = s.acked.max(up_to);
        Ok(())
    }
    async fn fetch_file(&self, id: &str) -> ExchangeResult<Vec<u8>> {
        let s = self.0.lock().unwrap();
        let mut bytes = s.files.get(id).cloned().unwrap_or_default();
        if s.corrupt_files {
            bytes.push(b'!');
        }
        Ok(bytes)
    }
    async fn push_notice(&self, case: &str, key: &str, n: &Notice) -> ExchangeResult<Receipt> {
        self.push(case, key, serde_json::to_value(n).unwrap())
    }
    async fn push_result(&self, case: &str, key: &str, r: &ResultPush) -> ExchangeResult<Receipt> {
        self.push(case, key, serde_json::to_value(r).unwrap())
    }
    async fn push_public_notice(
        &self,
        case: &str,
        key: &str,
        n: &PublicNoticePush,
    ) -> ExchangeResult<Receipt> {
        self.push(case, key, serde_json::to_value(n).unwrap())
    }
    async fn push_delivery(
        &self,
        case: &str,
        key: &str,
        d: &DeliveryPush,
    ) -> ExchangeResult<Receipt> {
        self.push(case, key, serde_json::to_value(d).unwrap())
    }
    async fn submit_filing(&self, key: &str, f: &FilingSubmission) -> ExchangeResult<Receipt> {
        let subject = format!("filing:{}", f.filing["id"].as_str().unwrap_or_default());
        self.push(&subject, key, serde_json::to_value(f).unwrap())
    }
    async fn filings(&self) -> ExchangeResult<Vec<FilingRecord>> {
        unused()
    }
    async fn calendar(&self) -> ExchangeResult<CalendarYears> {
        let served = self.0.lock().unwrap().calendar.clone();
        served.map_or_else(unused, Ok)
    }
    async fn publish_guide(&self, _: &str, _: &GuidePublication) -> ExchangeResult<Receipt> {
        unused()
    }
    async fn publish_bundle(&self, _: &str, _: &BundlePublication) -> ExchangeResult<Receipt> {
        unused()
    }
    async fn upload_efficiency(&self, _: &str, _: &EfficiencyReport) -> ExchangeResult<Receipt> {
        unused()
    }
    async fn push_checkpoint(&self, key: &str, c: &Checkpoint) -> ExchangeResult<Receipt> {
        let mut s = self.0.lock().unwrap();
        if !s.checkpoints.contains(c) {
            s.checkpoints.push(c.clone());
        }
        let _ = key;
        Ok(receipt(false))
    }
    async fn checkpoints(&self, desk: &str) -> ExchangeResult<Checkpoints> {
        let s = self.0.lock().unwrap();
        Ok(Checkpoints {
            checkpoints: s
                .checkpoints
                .iter()
                .filter(|c| c.desk == desk)
                .cloned()
                .collect(),
        })
    }
}

fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A transferred case of the food licence with one electronic material.
fn transferred(hub: &FakeHub, number: &str, item: &str) -> FeedItem {
    let bytes = format!("application of {number}").into_bytes();
    let file_id = format!("file-{number}");
    let sha256 = sha(&bytes);
    hub.with(|s| {
        s.files.insert(file_id.clone(), bytes.clone());
    });
    FeedItem::Transfer(
        TransferredCase {
            case_number: number.into(),
            implementation_code: "11610122MB2967543X100012345678901".into(),
            handling_item_code: None,
            item_code: item.into(),
            kind: CaseKind::Promised,
            department: "蓝田县市场监督管理局".into(),
            applicant: Applicant {
                kind: ApplicantKind::LegalPerson,
                name: "蓝田县味道餐饮店".into(),
                certificate_type: CertificateType::UnifiedSocialCreditCode,
                certificate_number: "91350100M000100Y43".into(),
                phone: String::new(),
                address: None,
            },
            received_at: at(2026, 3, 2),
            receiving_window: "蓝田县政务服务中心".into(),
            handling_window: "蓝田县政务服务中心".into(),
            materials: vec![
                MaterialRef {
                    name: "食品经营许可申请书".into(),
                    material_id: Some("M01".into()),
                    file: Some(FileRef {
                        id: file_id,
                        file_name: "申请书.txt".into(),
                        media_type: "text/plain".into(),
                        size: bytes.len() as u64,
                        sha256,
                    }),
                },
                MaterialRef {
                    name: "营业执照".into(),
                    material_id: Some("M02".into()),
                    file: None,
                },
            ],
            bundle_instance: None,
            bundle: None,
            direct_mailing: false,
            transferred_at: at(2026, 3, 2),
        }
        .into(),
    )
}

fn no_delay(_attempts: u32) -> Duration {
    Duration::from_secs(60)
}

async fn bound_desk() -> (tempfile::TempDir, Desk) {
    let (dir, desk) = desk().await;
    publish(&desk, FOOD).await;
    bind_hub(
        &desk,
        BindRequest {
            url: "https://hub.example.gov.cn".into(),
            account: "li.shenpi".into(),
            person: "李审批".into(),
            ca_path: None,
        },
        at(2026, 3, 1),
    )
    .await
    .unwrap();
    (dir, desk)
}

async fn sync(
    desk: &Desk,
    hub: &FakeHub,
    now: DateTime<FixedOffset>,
) -> Result<SyncReport, ApiError> {
    let options = SyncOptions {
        retry_delay: &no_delay,
        progress: None,
    };
    sync_once(desk, hub, now, &options).await
}

async fn case_count(desk: &Desk) -> usize {
    let count = desk.db().inbox_count(&Default::default()).await.unwrap();
    usize::try_from(count).unwrap()
}

/// Adds outbox records to a stored case (as a transition would).
async fn add_outbox(desk: &Desk, number: &str, records: Vec<(OutboxKind, serde_json::Value)>) {
    let stored = desk.db().stored_case(number).await.unwrap().unwrap();
    let due = desk.db().case_due(number).await.unwrap().unwrap();
    let applied = approval_core::case::Applied {
        case: stored.case,
        events: Vec::new(),
    };
    let outbox = records
        .into_iter()
        .map(|(kind, payload)| OutboxRecord {
            kind,
            payload,
            created_at: at(2026, 3, 3),
        })
        .collect();
    desk.db()
        .record_transition(stored.version, &applied, due, outbox, None)
        .await
        .unwrap();
}

fn acceptance(number: &str) -> (OutboxKind, serde_json::Value) {
    (
        OutboxKind::Notice,
        json!({"notice": "acceptance", "case": number, "window_unit": "W",
               "accepted_at": at(2026, 3, 3), "deemed": false}),
    )
}

fn correction(number: &str) -> (OutboxKind, serde_json::Value) {
    (
        OutboxKind::Notice,
        json!({"notice": "correction", "case": number, "window_unit": "W", "submission": 1,
               "items": [{"material_id": "M02", "problem": "模糊", "paper": false}]}),
    )
}

#[test]
fn the_sync_future_can_run_on_a_multi_threaded_runtime() {
    fn send<T: Send>(_: &T) {}
    let hub = FakeHub::default();
    let run = async {
        let (_dir, desk) = bound_desk().await;
        let options = SyncOptions {
            retry_delay: &no_delay,
            progress: None,
        };
        sync_once(&desk, &hub, at(2026, 3, 2), &options).await
    };
    send(&run);
}

#[tokio::test]
async fn an_unbound_profile_does_not_sync() {
    let (_dir, desk) = desk().await;
    let refused = sync(&desk, &FakeHub::default(), at(2026, 3, 2))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::HubNotBound);
}

#[tokio::test]
async fn repeated_syncs_store_each_entry_once() {
    let (_dir, desk) = bound_desk().await;
    let hub = FakeHub::default();
    hub.add(transferred(&hub, "SX2026-000101", ITEM));
    hub.add(transferred(&hub, "SX2026-000102", ITEM));
    hub.add(FeedItem::Review {
        case_number: "SX2026-000101".into(),
        review: ReviewPush {
            level: ReviewLevel::Dissatisfied,
            comment: "太慢".into(),
            at: at(2026, 3, 20),
        },
    });
    let seen = Mutex::new(Vec::new());
    let progress = |p: SyncProgress| seen.lock().unwrap().push(p);
    let options = SyncOptions {
        retry_delay: &no_delay,
        progress: Some(&progress),
    };
    let first = sync_once(&desk, &hub, at(2026, 3, 2), &options)
        .await
        .unwrap();
    assert_eq!(first.pulled, 3);
    assert_eq!(first.cases_stored, 2);
    assert_eq!(first.acknowledged, Some(3));
    assert!(seen
        .lock()
        .unwrap()
        .iter()
        .any(|p| p.phase == SyncPhase::Pulling && p.done == 3));
    for _ in 0..2 {
        let again = sync(&desk, &hub, at(2026, 3, 2)).await.unwrap();
        assert_eq!((again.pulled, again.cases_stored), (0, 0));
    }
    assert_eq!(case_count(&desk).await, 2);
    assert_eq!(desk.db().reviews(None).await.unwrap().len(), 1);
    let files = desk.db().material_files("SX2026-000101").await.unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].content, b"application of SX2026-000101");
    let case = desk.db().case("SX2026-000101").await.unwrap().unwrap();
    assert_eq!(case.applicant.id_type, "统一社会信用代码");
    let status = hub_status(&desk).await.unwrap();
    let state = status.state.unwrap();
    assert_eq!((state.feed_cursor, state.acknowledged), (3, 3));
    assert_eq!(state.last_error, None);
    assert_eq!(hub.0.lock().unwrap().acked, 3);
}

#[tokio::test]
async fn a_crash_between_store_and_acknowledgement_duplicates_nothing() {
    let (_dir, desk) = bound_desk().await;
    let hub = FakeHub::default();
    hub.add(transferred(&hub, "SX2026-000101", ITEM));
    hub.with(|s| s.ack_unavailable = 1);
    let lost = sync(&desk, &hub, at(2026, 3, 2)).await.unwrap_err();
    assert_eq!(lost.code, ErrorCode::HubUnavailable);
    assert_eq!(case_count(&desk).await, 1);
    let status = hub_status(&desk).await.unwrap().state.unwrap();
    assert_eq!(status.last_error.unwrap().0, "hub_unavailable");
    // The hub, not told, sends the same case again under a new entry.
    hub.add(transferred(&hub, "SX2026-000101", ITEM));
    let report = sync(&desk, &hub, at(2026, 3, 2)).await.unwrap();
    assert_eq!(report.skipped, 1);
    assert_eq!(report.acknowledged, Some(2));
    assert_eq!(case_count(&desk).await, 1);
    assert_eq!(hub.0.lock().unwrap().acked, 2);
}

#[tokio::test]
async fn a_file_that_does_not_match_its_hash_stores_nothing_until_it_does() {
    let (_dir, desk) = bound_desk().await;
    let hub = FakeHub::default();
    hub.add(transferred(&hub, "SX2026-000101", ITEM));
    hub.with(|s| s.corrupt_files = true);
    let refused = sync(&desk, &hub, at(2026, 3, 2)).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::MaterialHashMismatch);
    assert_eq!(case_count(&desk).await, 0);
    assert_eq!(
        hub_status(&desk).await.unwrap().state.unwrap().feed_cursor,
        0
    );
    hub.with(|s| s.corrupt_files = false);
    sync(&desk, &hub, at(2026, 3, 2)).await.unwrap();
    assert_eq!(case_count(&desk).await, 1);
}

#[tokio::test]
async fn a_transfer_the_desk_cannot_take_yet_is_kept_and_taken_later() {
    let (_dir, desk) = desk().await;
    bind_hub(
        &desk,
        BindRequest {
            url: "https://hub.example.gov.cn".into(),
            account: "li.shenpi".into(),
            person: "李审批".into(),
            ca_path: None,
        },
        at(2026, 3, 1),
    )
    .await
    .unwrap();
    let hub = FakeHub::default();
    hub.add(transferred(&hub, "SX2026-000101", ITEM));
    let report = sync(&desk, &hub, at(2026, 3, 2)).await.unwrap();
    assert_eq!((report.pulled, report.transfers_waiting), (1, 1));
    let status = hub_status(&desk).await.unwrap();
    assert_eq!(status.waiting_transfers, 1);
    assert_eq!(status.state.unwrap().feed_cursor, 1);
    publish(&desk, FOOD).await;
    let later = sync(&desk, &hub, at(2026, 3, 2)).await.unwrap();
    assert_eq!(later.cases_stored, 1);
    assert_eq!(case_count(&desk).await, 1);
    assert_eq!(hub_status(&desk).await.unwrap().waiting_transfers, 0);
}

#[tokio::test]
async fn a_refused_push_holds_back_its_case_only_and_order_is_kept() {
    let (_dir, desk) = bound_desk().await;
    let hub = FakeHub::default();
    hub.add(transferred(&hub, "SX2026-000101", ITEM));
    hub.add(transferred(&hub, "SX2026-000102", ITEM));
    sync(&desk, &hub, at(2026, 3, 2)).await.unwrap();
    add_outbox(&desk, "SX2026-000101", vec![acceptance("SX2026-000101")]).await;
    add_outbox(&desk, "SX2026-000102", vec![acceptance("SX2026-000102")]).await;
    add_outbox(&desk, "SX2026-000101", vec![correction("SX2026-000101")]).await;
    let ids: Vec<i64> = desk
        .db()
        .pending_pushes()
        .await
        .unwrap()
        .iter()
        .map(|p| p.entry.id)
        .collect();
    let desk_id = hub_status(&desk).await.unwrap().state.unwrap().desk_id;
    let key = |id: i64| push_key(&desk_id, id);
    hub.with(|s| {
        s.refused_cases.insert("SX2026-000101".into());
    });
    let report = sync(&desk, &hub, at(2026, 3, 3)).await.unwrap();
    assert_eq!((report.pushed, report.failed, report.waiting), (1, 1, 1));
    assert_eq!(hub.pushed_keys(), vec![key(ids[1])]);
    let failed = desk.db().pending_pushes().await.unwrap();
    assert_eq!(
        failed[0].state.last_error.as_ref().unwrap().0,
        "case_not_allowed_in_state"
    );
    assert!(failed[0].state.failed_at.is_some());
    // Refused for good: another sync does not try it again by itself.
    let again = sync(&desk, &hub, at(2026, 3, 3)).await.unwrap();
    assert_eq!((again.pushed, again.failed, again.waiting), (0, 1, 1));
    // Put right at the hub and released here: the case's records follow in order.
    hub.with(|s| s.refused_cases.clear());
    desk.db().retry_push(ids[0]).await.unwrap();
    let report = sync(&desk, &hub, at(2026, 3, 3)).await.unwrap();
    assert_eq!(report.pushed, 2);
    assert_eq!(
        hub.pushed_keys(),
        vec![key(ids[1]), key(ids[0]), key(ids[2])]
    );
    assert!(desk.db().pending_pushes().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_unavailable_hub_stops_the_round_and_the_record_waits_for_its_time() {
    let (_dir, desk) = bound_desk().await;
    let hub = FakeHub::default();
    hub.add(transferred(&hub, "SX2026-000101", ITEM));
    hub.add(transferred(&hub, "SX2026-000102", ITEM));
    sync(&desk, &hub, at(2026, 3, 2)).await.unwrap();
    add_outbox(&desk, "SX2026-000101", vec![acceptance("SX2026-000101")]).await;
    add_outbox(&desk, "SX2026-000102", vec![acceptance("SX2026-000102")]).await;
    hub.with(|s| s.push_unavailable = 1);
    let now = at(2026, 3, 3);
    let down = sync(&desk, &hub, now).await.unwrap_err();
    assert_eq!(down.code, ErrorCode::HubUnavailable);
    assert!(hub.pushed_keys().is_empty(), "the round stopped");
    let pending = desk.db().pending_pushes().await.unwrap();
    assert_eq!(pending[0].state.attempts, 1);
    assert_eq!(
        pending[0].state.next_attempt_at,
        Some(now + chrono::Duration::seconds(60))
    );
    // Not yet due: its case waits, the other case goes.
    let early = sync(&desk, &hub, now + chrono::Duration::seconds(30))
        .await
        .unwrap();
    assert_eq!((early.pushed, early.waiting), (1, 1));
    let due = sync(&desk, &hub, now + chrono::Duration::seconds(61))
        .await
        .unwrap();
    assert_eq!(due.pushed, 1);
    assert_eq!(hub.pushed_keys().len(), 2);
}

#[tokio::test]
async fn a_result_waits_for_its_sealed_document() {
    let (_dir, desk) = bound_desk().await;
    let hub = FakeHub::default();
    hub.add(transferred(&hub, "SX2026-000101", ITEM));
    sync(&desk, &hub, at(2026, 3, 2)).await.unwrap();
    let decision = json!({"outcome": "approved", "opinion": "符合条件", "by": "李审批",
                          "at": at(2026, 3, 10)});
    add_outbox(
        &desk,
        "SX2026-000101",
        vec![(
            OutboxKind::Result,
            json!({"case": "SX2026-000101", "window_unit": "W", "decision": decision}),
        )],
    )
    .await;
    let waiting = sync(&desk, &hub, at(2026, 3, 10)).await.unwrap();
    assert_eq!((waiting.pushed, waiting.waiting), (0, 1));
    let pending = desk.db().pending_pushes().await.unwrap();
    assert_eq!(
        pending[0].state.last_error.as_ref().unwrap().0,
        "waiting_for_seal"
    );
    let pdf = b"%PDF-1.7 sealed".to_vec();
    desk.db()
        .save_result_document(&ResultDocumentFile {
            case_number: "SX2026-000101".into(),
            file_name: "SX2026-000101-决定书.pdf".into(),
            media_type: "application/pdf".into(),
            sha256: sha(&pdf),
            content: pdf.clone(),
            verification_code: "K7QD2-MX4TA".into(),
            sealed_at: at(2026, 3, 10),
        })
        .await
        .unwrap();
    let pushed = sync(&desk, &hub, at(2026, 3, 10)).await.unwrap();
    assert_eq!(pushed.pushed, 1);
    let body = hub.0.lock().unwrap().pushes[0].2.clone();
    assert_eq!(body["outcome"], "1");
    assert_eq!(body["document"]["sha256"], sha(&pdf));
    assert_eq!(body["paper"]["method"], "1");
}

fn audit_record(n: u32) -> AuditRecord {
    AuditRecord {
        at: at(2026, 3, n),
        actor: "李审批".into(),
        action: "case.accept".into(),
        subject: format!("case:SX2026-{n:06}"),
        before: json!({}),
        after: json!({}),
    }
}

#[tokio::test]
async fn a_rewritten_local_history_does_not_match_the_hubs_checkpoints() {
    let (_dir, desk) = bound_desk().await;
    let hub = FakeHub::default();
    // The guide's publication is the first entry.
    let base = desk.db().audit_entries().await.unwrap().len() as u64;
    for n in 1..=3 {
        desk.db().append_audit(audit_record(n)).await.unwrap();
    }
    let report = sync(&desk, &hub, at(2026, 3, 4)).await.unwrap();
    assert_eq!(report.checkpoint, Some(base + 3));
    // Unchanged chain: no new checkpoint.
    assert_eq!(
        sync(&desk, &hub, at(2026, 3, 4)).await.unwrap().checkpoint,
        None
    );
    desk.db().append_audit(audit_record(4)).await.unwrap();
    assert_eq!(
        sync(&desk, &hub, at(2026, 3, 5)).await.unwrap().checkpoint,
        Some(base + 4)
    );
    let intact = audit_against_hub(&desk, &hub).await.unwrap();
    assert!(intact.is_intact(), "{intact:?}");
    assert_eq!(intact.checkpoints, 2);

    // The same profile (same desk id) with its history rewritten: a chain
    // consistent in itself, but not the one the hub saw.
    let desk_id = hub_status(&desk).await.unwrap().state.unwrap().desk_id;
    let (_other_dir, rewritten) = crate::testing::desk().await;
    rewritten
        .db()
        .ensure_exchange_state(&desk_id)
        .await
        .unwrap();
    for n in (1..=base + 2).chain([9]) {
        rewritten
            .db()
            .append_audit(audit_record(n as u32))
            .await
            .unwrap();
    }
    let found = audit_against_hub(&rewritten, &hub).await.unwrap();
    assert!(found.chain.is_intact());
    assert!(!found.is_intact());
    assert_eq!(found.mismatches.len(), 2);
    assert_eq!(found.mismatches[0].length, base + 3);
    assert!(found.mismatches[0].local_head.is_some());
    assert!(
        found.mismatches[1].local_head.is_none(),
        "the last entry is gone"
    );
    let error = found.mismatch_error().unwrap();
    assert_eq!(error.code, ErrorCode::AuditCheckpointMismatch);
}

#[tokio::test]
async fn a_decided_case_s_letter_is_sealed_once_and_carried_by_its_result_push() {
    use crate::results::{discover_font, KeyKind, TestSeal, VisibleSeal};
    use approval_core::case::{Acceptance, CaseState, Decision};

    let (_dir, desk) = bound_desk().await;
    let hub = FakeHub::default();
    hub.add(transferred(&hub, "SX2026-000101", ITEM));
    sync(&desk, &hub, at(2026, 3, 2)).await.unwrap();
    let number = "SX2026-000101";
    let undecided = ResultSealingFixture::new();
    let refused = seal_result_document(
        &desk,
        &Actor::new("李审批"),
        number,
        undecided.sealing(),
        at(2026, 3, 10),
    )
    .await
    .err()
    .unwrap();
    assert_eq!(refused.code, ErrorCode::NotDecided);

    // Decided (the engine's steps are not the subject here).
    let stored = desk.db().stored_case(number).await.unwrap().unwrap();
    let due = desk.db().case_due(number).await.unwrap().unwrap();
    let mut case = stored.case;
    case.acceptance = Some(Acceptance {
        at: at(2026, 3, 3),
        deemed: false,
    });
    case.decision = Some(Decision {
        outcome: approval_core::bundle::Outcome::Approved,
        opinion: "申请材料齐全，符合法定条件".into(),
        by: "李审批".into(),
        at: at(2026, 3, 10),
    });
    case.state = CaseState::Decided;
    let applied = approval_core::case::Applied {
        case: case.clone(),
        events: Vec::new(),
    };
    let decision = serde_json::to_value(case.decision.as_ref().unwrap()).unwrap();
    desk.db()
        .record_transition(
            stored.version,
            &applied,
            due,
            vec![OutboxRecord {
                kind: OutboxKind::Result,
                payload: json!({"case": number, "window_unit": "W", "decision": decision}),
                created_at: at(2026, 3, 10),
            }],
            None,
        )
        .await
        .unwrap();

    let fixture = ResultSealingFixture::new();
    let sealed = seal_result_document(
        &desk,
        &Actor::new("李审批"),
        number,
        fixture.sealing(),
        at(2026, 3, 10),
    )
    .await
    .unwrap();
    let kept = desk.db().result_document(number).await.unwrap().unwrap();
    assert_eq!(kept.sha256, sealed.sha256);
    assert_eq!(approval_esign::signature_count(&kept.content).unwrap(), 1);
    let again = seal_result_document(
        &desk,
        &Actor::new("李审批"),
        number,
        fixture.sealing(),
        at(2026, 3, 11),
    )
    .await
    .err()
    .unwrap();
    assert_eq!(again.code, ErrorCode::AlreadyExists);

    let report = sync(&desk, &hub, at(2026, 3, 10)).await.unwrap();
    assert_eq!(report.pushed, 1);
    let body = hub.0.lock().unwrap().pushes[0].2.clone();
    assert_eq!(body["document"]["sha256"], sealed.sha256);

    struct ResultSealingFixture {
        font: approval_docs::font::DocumentFont,
        seal: VisibleSeal,
        key: TestSeal,
    }
    impl ResultSealingFixture {
        fn new() -> Self {
            let font =
                discover_font(None).expect("a Chinese font (scripts/install-system-packages.sh)");
            let seal = VisibleSeal::approval_seal("蓝田县市场监督管理局", &font).unwrap();
            let key =
                TestSeal::issue("蓝田县市场监督管理局", KeyKind::P256, at(2026, 3, 1)).unwrap();
            Self { font, seal, key }
        }
        fn sealing(&self) -> ResultSealing<'_> {
            ResultSealing {
                font: &self.font,
                seal: &self.seal,
                signer: self.key.signer(),
                document_number: "蓝市监许〔2026〕12号".into(),
                remedies: approval_docs::Remedies {
                    review_body: "蓝田县人民政府".into(),
                    court: "蓝田县人民法院".into(),
                },
                verification_url: None,
                location: None,
            }
        }
    }
}

/// Does `action` to case `number` at `when` as the bound person.
async fn act(desk: &Desk, number: &str, when: DateTime<FixedOffset>, action: Action) {
    crate::cases::act_on_case(
        desk,
        &Actor::new("李审批"),
        when,
        crate::cases::CaseActRequest {
            number: number.into(),
            action: approval_core::case::DeskAction::Case(action),
            expected_version: None,
        },
    )
    .await
    .unwrap_or_else(|e| panic!("{number}: {e:?}"));
}

fn hour(day: u32, hour: u32) -> DateTime<FixedOffset> {
    use chrono::TimeZone;
    approval_core::china_time::CHINA_STANDARD_TIME
        .with_ymd_and_hms(2026, 3, day, hour, 0, 0)
        .single()
        .unwrap()
}

fn step(id: &str, opinion: &str) -> Action {
    Action::CompleteStep {
        step: id.into(),
        opinion: opinion.into(),
    }
}

async fn seal(desk: &Desk, number: &str) -> Vec<u8> {
    let pdf = format!("%PDF-1.7 sealed {number}").into_bytes();
    desk.db()
        .save_result_document(&ResultDocumentFile {
            case_number: number.into(),
            file_name: format!("{number}-决定书.pdf"),
            media_type: "application/pdf".into(),
            sha256: sha(&pdf),
            content: pdf.clone(),
            verification_code: "K7QD2-MX4TA".into(),
            sealed_at: at(2026, 3, 17),
        })
        .await
        .unwrap();
    pdf
}

/// The hub's records, by case: (key, body).
/// Works a case whose accept and review steps are done on to its result:
/// the declared stage S01 from 10:00 of the first day of `stage` to 10:00
/// of the second, the check step an hour later, an approval at 10:00 of
/// `decide_day`, its letter prepared, sealed and pushed by 12:00.
async fn approve_through_s01_and_push(
    desk: &Desk,
    number: &str,
    stage: (u32, u32),
    decide_day: u32,
) {
    let (start, end) = stage;
    act(
        desk,
        number,
        hour(start, 10),
        Action::StartSpecialStage {
            stage: "S01".into(),
            override_reason: None,
        },
    )
    .await;
    act(desk, number, hour(end, 10), Action::EndSpecialStage).await;
    act(desk, number, hour(end, 11), step("check", "核查通过")).await;
    act(
        desk,
        number,
        hour(decide_day, 10),
        Action::Decide {
            outcome: approval_core::bundle::Outcome::Approved,
            opinion: "准予行政许可".into(),
        },
    )
    .await;
    act(desk, number, hour(decide_day, 11), Action::PrepareResult).await;
    seal(desk, number).await;
    act(desk, number, hour(decide_day, 12), Action::PushResult).await;
}

fn pushes_of(hub: &FakeHub, case: &str) -> Vec<(String, serde_json::Value)> {
    hub.0
        .lock()
        .unwrap()
        .pushes
        .iter()
        .filter(|p| p.1 == case)
        .map(|p| (p.0.clone(), p.2.clone()))
        .collect()
}

#[tokio::test]
async fn every_state_the_exchange_reports_reaches_the_window_unit_in_order() {
    let (_dir, desk) = bound_desk().await;
    let hub = FakeHub::default();
    let number = "SX2026-000101";
    hub.add(transferred(&hub, number, ITEM));
    sync(&desk, &hub, at(2026, 3, 2)).await.unwrap();
    act(
        &desk,
        number,
        hour(2, 10),
        Action::RequestCorrection {
            items: vec![approval_core::case::CorrectionItem {
                material_id: "M02".into(),
                problem: "营业执照复印件模糊".into(),
                paper: false,
            }],
            second_notice_reason: None,
        },
    )
    .await;
    act(
        &desk,
        number,
        hour(3, 11),
        Action::ReceiveCorrections {
            received_at: hour(3, 10),
        },
    )
    .await;
    act(&desk, number, hour(3, 14), Action::Accept).await;
    act(&desk, number, hour(4, 10), step("accept", "材料齐全")).await;
    act(&desk, number, hour(4, 11), step("review", "符合条件")).await;
    act(
        &desk,
        number,
        hour(5, 10),
        Action::StartSpecialStage {
            stage: "S01".into(),
            override_reason: None,
        },
    )
    .await;
    act(&desk, number, hour(6, 10), Action::EndSpecialStage).await;
    act(&desk, number, hour(9, 10), step("check", "核查通过")).await;
    act(
        &desk,
        number,
        hour(10, 10),
        Action::Decide {
            outcome: approval_core::bundle::Outcome::Approved,
            opinion: "准予行政许可".into(),
        },
    )
    .await;
    let until = hour(17, 0);
    act(
        &desk,
        number,
        hour(10, 11),
        Action::StartPublicNotice { until },
    )
    .await;
    act(&desk, number, hour(17, 9), Action::EndPublicNotice).await;
    // The paper reaches the window unit before the result is pushed: its
    // delivery follows the result, which the hub needs first.
    act(&desk, number, hour(17, 10), Action::DeliverPaper).await;
    let pdf = seal(&desk, number).await;
    act(&desk, number, hour(17, 11), Action::PushResult).await;

    let report = sync(&desk, &hub, hour(17, 12)).await.unwrap();
    assert_eq!((report.pushed, report.failed, report.waiting), (9, 0, 0));
    let pushes = pushes_of(&hub, number);
    let kinds: Vec<String> = pushes
        .iter()
        .map(|(_, body)| {
            body.get("notice")
                .and_then(|n| n.as_str())
                .map(str::to_owned)
                .unwrap_or_else(|| {
                    ["text", "outcome", "delivered_at"]
                        .into_iter()
                        .find(|k| body.get(k).is_some())
                        .unwrap()
                        .to_owned()
                })
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "correction",
            "correction_ended",
            "acceptance",
            "processing",
            "special_stage_started",
            "special_stage_ended",
            "text",
            "outcome",
            "delivered_at"
        ]
    );
    // Each as the wire types say, with what the case and its guide hold.
    let notice = |i: usize| -> Notice { serde_json::from_value(pushes[i].1.clone()).unwrap() };
    assert_eq!(notice(1), Notice::CorrectionEnded { at: hour(3, 10) });
    assert_eq!(notice(3), Notice::Processing { at: hour(4, 10) });
    let Notice::SpecialStageStarted {
        at: started,
        stage,
        basis,
    } = notice(4)
    else {
        panic!("{:?}", notice(4))
    };
    assert_eq!(started, hour(5, 10));
    assert_eq!(stage, "现场核查（现场勘察）");
    assert!(
        basis.starts_with("《食品经营许可管理办法》第十六条"),
        "{basis}"
    );
    assert_eq!(
        notice(5),
        Notice::SpecialStageEnded {
            at: hour(6, 10),
            stage: "现场核查（现场勘察）".into()
        }
    );
    let public: PublicNoticePush = serde_json::from_value(pushes[6].1.clone()).unwrap();
    assert_eq!(
        (public.from.to_string(), public.to.to_string()),
        ("2026-03-10".to_owned(), "2026-03-16".to_owned()),
        "a period ending at midnight ends with the day before"
    );
    assert!(
        public.text.contains("食品经营许可（新办）"),
        "{}",
        public.text
    );
    assert!(public.text.contains("准予行政许可"), "{}", public.text);
    assert_eq!(pushes[7].1["document"]["sha256"], sha(&pdf));
    let delivery: DeliveryPush = serde_json::from_value(pushes[8].1.clone()).unwrap();
    assert_eq!(delivery.delivered_at, hour(17, 10));
    assert_eq!(
        delivery.method,
        approval_contract::codes::DeliveryMethod::WindowPickup
    );
    assert_eq!(delivery.tracking_number, None);
    // Keys are the outbox's, in its order; a sync more pushes nothing.
    let desk_id = hub_status(&desk).await.unwrap().state.unwrap().desk_id;
    let outbox = desk.db().outbox().await.unwrap();
    let keys: Vec<String> = outbox.iter().map(|r| push_key(&desk_id, r.id)).collect();
    assert_eq!(keys, pushes.iter().map(|p| p.0.clone()).collect::<Vec<_>>());
    let again = sync(&desk, &hub, hour(17, 13)).await.unwrap();
    assert_eq!(again.pushed, 0);
}

#[tokio::test]
async fn a_delivery_after_the_result_push_and_an_undeclared_stage_travel_too() {
    let (_dir, desk) = bound_desk().await;
    let hub = FakeHub::default();
    let number = "SX2026-000102";
    hub.add(transferred(&hub, number, ITEM));
    sync(&desk, &hub, at(2026, 3, 2)).await.unwrap();
    act(&desk, number, hour(2, 14), Action::Accept).await;
    act(
        &desk,
        number,
        hour(3, 10),
        Action::StartSpecialStage {
            stage: "专家评审".into(),
            override_reason: Some("申请人要求专家评审".into()),
        },
    )
    .await;
    act(&desk, number, hour(4, 10), Action::EndSpecialStage).await;
    for (day, id) in [(5, "accept"), (5, "review")] {
        act(&desk, number, hour(day, 10), step(id, "符合条件")).await;
    }
    approve_through_s01_and_push(&desk, number, (6, 9), 10).await;
    act(&desk, number, hour(11, 10), Action::DeliverPaper).await;
    sync(&desk, &hub, hour(11, 11)).await.unwrap();
    let pushes = pushes_of(&hub, number);
    let undeclared: Notice = serde_json::from_value(pushes[1].1.clone()).unwrap();
    assert_eq!(
        undeclared,
        Notice::SpecialStageStarted {
            at: hour(3, 10),
            stage: "专家评审".into(),
            basis: "办事指南未载明的特殊环节，理由：申请人要求专家评审".into()
        }
    );
    // 办理中 once, at the first step completed, not again later.
    let processing = pushes
        .iter()
        .filter(|p| p.1["notice"] == "processing")
        .count();
    assert_eq!(processing, 1);
    let last = &pushes.last().unwrap().1;
    assert_eq!(last["delivered_at"], json!(hour(11, 10)));
    assert_eq!(pushes[pushes.len() - 2].1["outcome"], "1");
}

/// A cross-region case (Art 16): its paper result travels by government
/// express, so its delivery waits for the tracking number the officer
/// records when the paper leaves, and then carries it.
#[tokio::test]
async fn a_government_express_delivery_waits_for_its_tracking_number() {
    let (_dir, desk) = bound_desk().await;
    let hub = FakeHub::default();
    let number = "SX2026-000103";
    let mut item = transferred(&hub, number, ITEM);
    if let FeedItem::Transfer(case) = &mut item {
        case.handling_window = "西安市长安区政务服务中心".into();
    }
    hub.add(item);
    sync(&desk, &hub, at(2026, 3, 2)).await.unwrap();
    act(&desk, number, hour(2, 14), Action::Accept).await;
    for (day, id) in [(3, "accept"), (3, "review")] {
        act(&desk, number, hour(day, 10), step(id, "符合条件")).await;
    }
    approve_through_s01_and_push(&desk, number, (4, 5), 6).await;
    act(&desk, number, hour(9, 10), Action::DeliverPaper).await;
    let report = sync(&desk, &hub, hour(9, 11)).await.unwrap();
    assert_eq!(report.waiting, 1, "{report:?}");
    let pushes = pushes_of(&hub, number);
    assert_eq!(pushes.last().unwrap().1["paper"]["method"], "2");

    let actor = Actor::new("李审批");
    let refused = super::record_paper_tracking(&desk, &actor, number, "  ", hour(9, 12))
        .await
        .unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("tracking_number"));
    super::record_paper_tracking(&desk, &actor, number, "ZW2026030900001", hour(9, 12))
        .await
        .unwrap();
    let report = sync(&desk, &hub, hour(9, 13)).await.unwrap();
    assert_eq!((report.pushed, report.waiting), (1, 0), "{report:?}");
    let delivery = pushes_of(&hub, number).last().unwrap().1.clone();
    assert_eq!(delivery["method"], "2");
    assert_eq!(delivery["tracking_number"], "ZW2026030900001");
}

#[tokio::test]
async fn a_submitted_filing_is_pushed_once_with_its_attachments() {
    let (_dir, desk) = bound_desk().await;
    crate::testing::grant(
        &desk,
        "李审批",
        approval_core::access::Role::Officer,
        approval_core::access::Scope::Department(crate::testing::MARKET.into()),
    )
    .await;
    let hub = FakeHub::default();
    let filing = crate::filings::submit_filing(
        &desk,
        &Actor::new("李审批"),
        at(2026, 3, 3),
        crate::filings::SubmitFilingRequest {
            id: "BA-2026-0007".into(),
            department: crate::testing::MARKET.into(),
            subject: json!({"type": "serial_approval", "bundle_code": "TC-0001",
                            "prerequisite": "610122-XF-XK-0001",
                            "dependent": "610122-SCJG-XK-0001",
                            "ground": "review_cannot_start",
                            "explanation": "消防验收不合格则无法审查"}),
            replaces: None,
            attachments: vec![crate::filings::AttachmentUpload {
                file_name: "说明.txt".into(),
                bytes: b"ok".to_vec(),
            }],
            reason: None,
        },
    )
    .await
    .unwrap();
    // Offline first: the record is made and waits for its time.
    hub.with(|s| s.push_unavailable = 1);
    let offline = sync(&desk, &hub, at(2026, 3, 3)).await.unwrap_err();
    assert_eq!(offline.code, ErrorCode::HubUnavailable);
    let status = hub_status(&desk).await.unwrap();
    assert_eq!(status.pending_pushes, 1);
    let report = sync(&desk, &hub, at(2026, 3, 4)).await.unwrap();
    assert_eq!(report.pushed, 1);
    let pushes = pushes_of(&hub, "filing:BA-2026-0007");
    assert_eq!(pushes.len(), 1);
    let desk_id = hub_status(&desk).await.unwrap().state.unwrap().desk_id;
    assert!(pushes[0].0.starts_with(&format!("desk-{desk_id}-outbox-")));
    let submission: FilingSubmission = serde_json::from_value(pushes[0].1.clone()).unwrap();
    assert_eq!(submission.filing, serde_json::to_value(&filing).unwrap());
    assert_eq!(submission.attachments.len(), 1);
    assert_eq!(submission.attachments[0].content_base64, "b2s=");
    assert_eq!(submission.attachments[0].sha256, sha(b"ok"));
    // Pushed once: later syncs make no second record and push nothing.
    let again = sync(&desk, &hub, at(2026, 3, 5)).await.unwrap();
    assert_eq!(again.pushed, 0);
    assert_eq!(hub_status(&desk).await.unwrap().pending_pushes, 0);
    assert_eq!(hub.pushed_keys().len(), 1);
}

/// A manager's decision at the hub comes back through the feed and is
/// applied to the local filing, though the desk holds no grant of the hub's
/// managers; a decision by the filer themselves is recorded, not applied.
#[tokio::test]
async fn the_hubs_decision_on_a_filing_is_applied_locally() {
    use approval_contract::filings::{FilingDecision as WireDecision, FilingVerdict};
    use approval_core::filing::FilingState;

    let (_dir, desk) = bound_desk().await;
    crate::testing::grant(
        &desk,
        "李审批",
        approval_core::access::Role::Officer,
        approval_core::access::Scope::Department(crate::testing::MARKET.into()),
    )
    .await;
    let submit = |id: &str| crate::filings::SubmitFilingRequest {
        id: id.into(),
        department: crate::testing::MARKET.into(),
        subject: json!({"type": "serial_approval", "bundle_code": "TC-0001",
                        "prerequisite": "610122-XF-XK-0001",
                        "dependent": "610122-SCJG-XK-0001",
                        "ground": "review_cannot_start",
                        "explanation": "消防验收不合格则无法审查"}),
        replaces: None,
        attachments: Vec::new(),
        reason: None,
    };
    for id in ["BA-2026-0008", "BA-2026-0009"] {
        crate::filings::submit_filing(&desk, &Actor::new("李审批"), at(2026, 3, 3), submit(id))
            .await
            .unwrap();
    }
    let hub = FakeHub::default();
    let decided = |id: &str, by: &str| {
        FeedItem::FilingDecided(WireDecision {
            filing_id: id.into(),
            department: crate::testing::MARKET.into(),
            verdict: FilingVerdict::Approve,
            comment: "同意串联审批".into(),
            decided_by: by.into(),
            at: at(2026, 3, 5),
        })
    };
    hub.add(decided("BA-2026-0008", "王审核"));
    hub.add(decided("BA-2026-0009", "李审批"));
    sync(&desk, &hub, at(2026, 3, 6)).await.unwrap();
    let approved = desk.db().filing("BA-2026-0008").await.unwrap().unwrap();
    assert!(
        matches!(approved.state, FilingState::Approved { .. }),
        "{:?}",
        approved.state
    );
    let own = desk.db().filing("BA-2026-0009").await.unwrap().unwrap();
    assert!(
        matches!(own.state, FilingState::Submitted { .. }),
        "{:?}",
        own.state
    );
    let recorded = desk.db().hub_filing_decisions().await.unwrap();
    let applied: Vec<(String, bool)> = recorded
        .iter()
        .map(|d| (d.filing_id.clone(), d.applied))
        .collect();
    assert_eq!(
        applied,
        [
            ("BA-2026-0008".into(), true),
            ("BA-2026-0009".into(), false)
        ]
    );
}

#[tokio::test]
async fn the_signed_in_persons_grants_become_the_hubs() {
    use approval_contract::auth::WireGrant;
    use approval_core::access::{Grant, Role, Scope};

    let (_dir, desk) = bound_desk().await;
    crate::testing::grant(
        &desk,
        "李审批",
        Role::DepartmentAdmin,
        Scope::Department(crate::testing::MARKET.into()),
    )
    .await;
    crate::testing::grant(&desk, "王科员", Role::Officer, Scope::All).await;
    let wire = |role: &str, scope: Option<&str>| WireGrant {
        role: role.into(),
        scope: scope.map(str::to_owned),
    };
    let grants = [
        wire("officer", Some(crate::testing::MARKET)),
        wire("manager", None),
        wire("officer", Some(crate::testing::MARKET)),
        wire("supreme_leader", None),
    ];
    let adopted = adopt_hub_grants(&desk, "李审批", &grants, at(2026, 3, 2))
        .await
        .unwrap();
    assert!(adopted.changed);
    assert_eq!(adopted.unknown_roles, ["supreme_leader"]);
    let mine = &adopted.grants;
    assert_eq!(mine.len(), 2, "{mine:?}");
    assert!(mine.contains(&Grant::new(
        "李审批",
        Role::Officer,
        Scope::Department(crate::testing::MARKET.into())
    )));
    assert!(mine.contains(&Grant::new("李审批", Role::Manager, Scope::All)));
    // The department admin role the hub does not give is gone; another
    // person's grants stay.
    let all = desk.db().grants().await.unwrap();
    assert!(!all
        .iter()
        .any(|g| g.person == "李审批" && g.role == Role::DepartmentAdmin));
    assert!(all.iter().any(|g| g.person == "王科员"));
    let audit = desk.db().audit_entries().await.unwrap();
    let last = &audit.last().unwrap().record;
    assert_eq!(
        (last.action.as_str(), last.subject.as_str()),
        (ADOPT_ACTION, "person:李审批")
    );
    // The same grants again change nothing and audit nothing.
    let count = audit.len();
    let again = adopt_hub_grants(&desk, "李审批", &grants, at(2026, 3, 3))
        .await
        .unwrap();
    assert!(!again.changed);
    assert_eq!(desk.db().audit_entries().await.unwrap().len(), count);
    // Only the signed-in person's, and only on a bound profile.
    let other = adopt_hub_grants(&desk, "王科员", &grants, at(2026, 3, 3))
        .await
        .unwrap_err();
    assert_eq!(other.code, ErrorCode::InvalidInput);
    let (_dir2, unbound) = crate::testing::desk().await;
    let refused = adopt_hub_grants(&unbound, "李审批", &grants, at(2026, 3, 3))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::HubNotBound);
}

#[tokio::test]
async fn the_hubs_calendar_years_are_taken_when_new_or_changed() {
    let (_dir, desk) = bound_desk().await;
    let hub = FakeHub::default();
    let shipped_2026: serde_json::Value =
        serde_json::from_str(include_str!("../../../core/data/holidays/2026.json")).unwrap();
    let year_2027: serde_json::Value =
        serde_json::from_str(include_str!("../../../../ui/e2e/fixtures/upload/2027.json")).unwrap();
    let broken = json!({"year": 2028, "papers": [], "days": []});
    hub.with(|s| {
        s.calendar = Some(CalendarYears {
            years: vec![shipped_2026.clone(), year_2027.clone(), broken.clone()],
        })
    });
    assert!(!desk.calendar().unwrap().official_years().contains(&2027));
    let first = fetch_calendar(&desk, &hub).await.unwrap();
    assert_eq!(first.imported, [2027]);
    assert_eq!(first.unchanged, [2026]);
    assert_eq!(first.refused.len(), 1);
    assert_eq!(first.refused[0].0, Some(2028));
    assert!(desk.calendar().unwrap().official_years().contains(&2027));
    let second = fetch_calendar(&desk, &hub).await.unwrap();
    assert_eq!(second.imported, Vec::<i32>::new());
    assert_eq!(second.unchanged, [2026, 2027]);
    // A corrected notice for 2026 replaces the shipped one.
    let mut corrected = shipped_2026.clone();
    corrected["papers"].as_array_mut().unwrap().push(json!(
        "国务院办公厅关于调整2026年部分节假日安排的通知（测试）"
    ));
    hub.with(|s| {
        s.calendar = Some(CalendarYears {
            years: vec![corrected, year_2027],
        })
    });
    let third = fetch_calendar(&desk, &hub).await.unwrap();
    assert_eq!(third.imported, [2026]);
    assert_eq!(third.unchanged, [2027]);
}
