//! What the exchange's fault tests share (`exchange_faults`,
//! `exchange_kill`): a real hub (`desk-hub`'s library) on a loopback port
//! behind the fault-injection proxy, both on a runtime of their own as a
//! separate process would have them, over a fresh SQLite file or a fresh
//! PostgreSQL schema; window-unit cases created and transferred through
//! the hub client as the demo window clerk; a desk profile with the food
//! licence's guide; the script each case follows at the desk; and the
//! exactly-once checks of the hub against the desk's outbox.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use approval_api::cases::{act_on_case, CaseActRequest};
use approval_api::exchange::{
    hub_status, seal_result_document, sync_once, Remedies, ResultSealing, SyncOptions, SyncReport,
};
use approval_api::guides::{check_guide_file, import_guide, GuideImportRequest};
use approval_api::results::{discover_font, KeyKind, TestSeal, VisibleSeal};
use approval_api::{Actor, ApiError, Desk, ErrorCode};
use approval_contract::cases::{
    Applicant, FileUpload, MaterialUpload, NewCase, ReviewPush, TransferRequest,
};
use approval_contract::codes::{
    ApplicantKind, CaseKind, CertificateType, ExchangeState, ReviewLevel,
};
use approval_contract::feed::FeedItem;
use approval_contract::Exchange;
use approval_core::bundle::Outcome;
use approval_core::case::{Action, CorrectionItem, DeskAction};
use approval_core::china_time::CHINA_STANDARD_TIME;
use approval_core::ids::samples;
use approval_hub::{demo, Hub};
use approval_store::{OutboxEntry, OutboxKind};
use approval_sync::fault_proxy::{Fault, FaultProxy};
use approval_sync::{HubClient, HubConfig};
use base64::Engine as _;
use chrono::{DateTime, FixedOffset, Utc};
use sha2::{Digest, Sha256};

/// The service item of every case: the food business licence, so one
/// department (and one officer's feed) holds them all.
pub const ITEM: &str = "610122-SCJG-XK-0001";
/// Its department.
pub const DEPARTMENT: &str = "蓝田县市场监督管理局";
/// The demo officer of that department, and the password.
pub const OFFICER: (&str, &str) = ("officer-market", "demo-officer");
/// The demo window clerk of the county's window unit.
pub const CLERK: (&str, &str) = ("window-county", "demo-window");
/// The item's guide, as the desk imports it.
pub const FOOD_GUIDE: &str = include_str!("../fixtures/guides/food-business-licence.json");

/// Where the hub keeps its data.
#[derive(Debug, Clone)]
pub enum Backend {
    Sqlite,
    /// A server's URL; the test makes a schema of its own in it.
    Postgres(String),
}

/// The PostgreSQL server to use, if any (`scripts/postgres.sh` prints one).
pub fn postgres_url() -> Option<String> {
    std::env::var("HUB_TEST_POSTGRES_URL")
        .ok()
        .or_else(|| std::env::var("DATABASE_URL").ok())
        .filter(|u| u.starts_with("postgres"))
}

/// The notice printed when PostgreSQL is skipped.
pub fn postgres_skipped(test: &str) {
    eprintln!(
        "{test}: skipped on PostgreSQL: set HUB_TEST_POSTGRES_URL or DATABASE_URL (scripts/postgres.sh)"
    );
}

fn unique_suffix() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("{nanos:x}{:x}", std::process::id())
}

/// Beijing time now.
pub fn now() -> DateTime<FixedOffset> {
    Utc::now().with_timezone(&CHINA_STANDARD_TIME)
}

/// The hub's database for one test: dropped with it (the folder) or by
/// [`Rig::finish`] (the PostgreSQL schema).
struct HubDb {
    url: String,
    _dir: Option<tempfile::TempDir>,
    postgres: Option<(String, String)>,
}

async fn hub_db(backend: &Backend) -> HubDb {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().unwrap();
            HubDb {
                url: format!("sqlite://{}", dir.path().join("hub.db").display()),
                _dir: Some(dir),
                postgres: None,
            }
        }
        Backend::Postgres(base) => {
            sqlx::any::install_default_drivers();
            let schema = format!("hub_faults_{}", unique_suffix());
            let pool = sqlx::AnyPool::connect(base).await.unwrap();
            sqlx::query(&format!("CREATE SCHEMA {schema}"))
                .execute(&pool)
                .await
                .unwrap();
            pool.close().await;
            let separator = if base.contains('?') { '&' } else { '?' };
            HubDb {
                url: format!("{base}{separator}options=-c%20search_path%3D{schema}"),
                _dir: None,
                postgres: Some((base.clone(), schema)),
            }
        }
    }
}

/// A seeded hub on 127.0.0.1:0 and the fault proxy in front of it, served
/// from a runtime of their own (two workers): the desk under test, its
/// sealing and a child process's waits never starve them.
pub struct Rig {
    pub hub: Hub,
    /// The hub itself (the window unit's way in, never faulted).
    pub hub_url: String,
    pub hub_addr: SocketAddr,
    /// The proxy the desk goes through.
    pub proxy: FaultProxy,
    db: HubDb,
    runtime: Option<tokio::runtime::Runtime>,
}

impl Rig {
    pub async fn start(backend: &Backend) -> Rig {
        let db = hub_db(backend).await;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .thread_name("hub")
            .build()
            .unwrap();
        let url = db.url.clone();
        let (hub, hub_addr, proxy) = runtime
            .spawn(async move {
                let hub = Hub::open(&url, approval_hub::HubConfig::default())
                    .await
                    .unwrap();
                demo::seed(&hub).await.unwrap();
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                let addr = listener.local_addr().unwrap();
                tokio::spawn(approval_hub::serve(
                    listener,
                    hub.clone(),
                    std::future::pending(),
                ));
                let proxy = FaultProxy::start(addr).await.unwrap();
                (hub, addr, proxy)
            })
            .await
            .unwrap();
        Rig {
            hub,
            hub_url: format!("http://{hub_addr}"),
            hub_addr,
            proxy,
            db,
            runtime: Some(runtime),
        }
    }

    /// Waits until every request the proxy forwarded has its answer from
    /// the hub (a delayed one still in flight may be the first to reach
    /// it): after this, nothing more reaches the hub from the proxy. A
    /// bound, not a timed assertion: 60 s is far beyond any delay planned.
    pub async fn settle(&self) {
        let forwarded = |fault: &Fault| {
            matches!(
                fault,
                Fault::Pass | Fault::DropAfterForward | Fault::Delay(_) | Fault::CutResponse
            )
        };
        for _ in 0..6000 {
            let log = self.proxy.log();
            let open = log
                .iter()
                .filter(|r| forwarded(&r.fault) && r.upstream_status.is_none())
                .count();
            if open == 0 && self.proxy.stats().upstream_failed == 0 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!(
            "requests forwarded by the proxy never got the hub's answer: {:?}",
            self.proxy.stats()
        );
    }

    /// Drops the PostgreSQL schema; stops the hub and the proxy.
    pub async fn finish(mut self) {
        if let Some((base, schema)) = &self.db.postgres {
            let pool = sqlx::AnyPool::connect(base).await.unwrap();
            let _ = sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
                .execute(&pool)
                .await;
            pool.close().await;
        }
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

impl Drop for Rig {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// A client of `url` signed in as `account`, with `timeout` per request.
pub async fn signed_in(
    url: &str,
    (account, password): (&str, &str),
    timeout: Duration,
) -> (HubClient, String) {
    let client = HubClient::new(HubConfig::new(url).with_timeouts(timeout, timeout)).unwrap();
    let session = client.sign_in(account, password).await.unwrap();
    (client, session.name)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A case the window unit sent: its number and its one file's SHA-256.
#[derive(Debug, Clone)]
pub struct Sent {
    pub number: String,
    pub sha256: String,
}

/// Creates cases of [`ITEM`] at the county window (valid case numbers:
/// today's date and the `sequences`) and transfers each to the department,
/// as the window clerk through the hub client.
pub async fn transfer_cases(
    window: &HubClient,
    sequences: std::ops::RangeInclusive<u32>,
) -> Vec<Sent> {
    let item = samples::item(ITEM).unwrap();
    let at = now();
    let mut sent = Vec::new();
    for sequence in sequences {
        let number = item
            .case_number(at.date_naive(), sequence)
            .unwrap()
            .as_str()
            .to_owned();
        let bytes = format!("{number} 食品经营许可申请书（故障注入测试）").into_bytes();
        let sha256 = hex(&Sha256::digest(&bytes));
        let case = NewCase {
            case_number: number.clone(),
            implementation_code: item.implementation_code().as_str().to_owned(),
            handling_item_code: None,
            kind: CaseKind::Promised,
            applicant: Applicant {
                kind: ApplicantKind::LegalPerson,
                name: format!("蓝田县故障测试餐饮有限公司{sequence}"),
                certificate_type: CertificateType::UnifiedSocialCreditCode,
                certificate_number: "91350100M000100Y43".into(),
                phone: "029-8000-0000".into(),
                address: Some("陕西省西安市蓝田县蓝关街道示范路 1 号".into()),
            },
            received_at: at,
            receiving_window: demo::COUNTY.into(),
            handling_window: None,
            materials: vec![MaterialUpload {
                name: "食品经营许可申请书".into(),
                material_id: Some("M01".into()),
                file: Some(FileUpload {
                    file_name: "M01.txt".into(),
                    media_type: "text/plain; charset=utf-8".into(),
                    content_base64: base64::engine::general_purpose::STANDARD.encode(&bytes),
                    sha256: sha256.clone(),
                }),
            }],
            direct_mailing: false,
        };
        window
            .create_case(&format!("faults-create-{number}"), &case)
            .await
            .unwrap();
        window
            .transfer_case(
                &number,
                &format!("faults-transfer-{number}"),
                &TransferRequest {
                    department: item.department.name.into(),
                },
            )
            .await
            .unwrap();
        sent.push(Sent { number, sha256 });
    }
    sent
}

/// The window unit records an applicant's review of `number`.
pub async fn review(window: &HubClient, number: &str, at: DateTime<FixedOffset>) {
    window
        .review(
            number,
            &format!("faults-review-{number}"),
            &ReviewPush {
                level: ReviewLevel::Satisfied,
                comment: "办事顺利".into(),
                at,
            },
        )
        .await
        .unwrap();
}

/// A desk profile in `dir` with the food licence's guide published.
pub async fn open_desk(dir: &Path) -> Desk {
    let desk = Desk::open(&dir.join("desk.sqlite3")).await.unwrap();
    let file = check_guide_file(FOOD_GUIDE).accepted("guide").unwrap();
    import_guide(
        &desk,
        &Actor::new("setup"),
        now(),
        GuideImportRequest {
            file,
            draft_only: false,
            effective_from: None,
        },
    )
    .await
    .unwrap();
    desk
}

/// A clock for the desk: starts a minute from now, moves on by `step` at
/// each tick (logical time: the sync's scheduling and the case engine's
/// instants, never a wait).
pub struct Clock {
    at: DateTime<FixedOffset>,
    step: chrono::Duration,
}

impl Clock {
    pub fn new(step_secs: i64) -> Self {
        Self {
            at: now() + chrono::Duration::minutes(1),
            step: chrono::Duration::seconds(step_secs),
        }
    }

    pub fn tick(&mut self) -> DateTime<FixedOffset> {
        self.at += self.step;
        self.at
    }

    pub fn at(&self) -> DateTime<FixedOffset> {
        self.at
    }
}

/// What the desk does with a case, chosen by the case's position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Accepted (受理): an acceptance notice.
    Accept,
    /// A one-time correction notice (补正), the corrections received, then
    /// accepted: a correction and an acceptance notice.
    CorrectThenAccept,
    /// Not accepted (不予受理): one notice.
    Refuse,
    /// Accepted, handled, decided, the result pushed and its letter sealed
    /// (the result record waits for the seal until then): an acceptance
    /// notice and a result.
    Decide,
    /// Left as received: nothing to push.
    Untouched,
}

/// One thing the desk does to a case.
#[derive(Debug, Clone)]
pub enum Step {
    Act(Action),
    Seal,
}

impl Script {
    pub fn of(position: usize) -> Script {
        match position % 5 {
            0 => Script::Accept,
            1 => Script::CorrectThenAccept,
            2 => Script::Refuse,
            3 => Script::Decide,
            _ => Script::Untouched,
        }
    }

    pub fn steps(self, at: DateTime<FixedOffset>) -> Vec<Step> {
        let step = |id: &str, opinion: &str| {
            Step::Act(Action::CompleteStep {
                step: id.into(),
                opinion: opinion.into(),
            })
        };
        match self {
            Script::Accept => vec![Step::Act(Action::Accept)],
            Script::CorrectThenAccept => vec![
                Step::Act(Action::RequestCorrection {
                    items: vec![CorrectionItem {
                        material_id: "M02".into(),
                        problem: "营业执照复印件模糊".into(),
                        paper: false,
                    }],
                    second_notice_reason: None,
                }),
                Step::Act(Action::ReceiveCorrections { received_at: at }),
                Step::Act(Action::Accept),
            ],
            Script::Refuse => vec![Step::Act(Action::RejectAtAcceptance {
                reason: "申请事项不属于本机关职权范围".into(),
                legal_basis: "《中华人民共和国行政许可法》第三十二条第一款第二项".into(),
            })],
            Script::Decide => vec![
                Step::Act(Action::Accept),
                step("accept", "材料齐全"),
                step("review", "符合条件"),
                Step::Act(Action::StartSpecialStage {
                    stage: "S01".into(),
                    override_reason: None,
                }),
                Step::Act(Action::EndSpecialStage),
                step("check", "核查通过"),
                Step::Act(Action::Decide {
                    outcome: Outcome::Approved,
                    opinion: "准予行政许可".into(),
                }),
                Step::Act(Action::PrepareResult),
                Step::Act(Action::PushResult),
                Step::Seal,
            ],
            Script::Untouched => vec![],
        }
    }

    /// What the hub's history must hold for the case once its outbox is
    /// pushed: (state, how many times).
    pub fn expected_states(self) -> Vec<(ExchangeState, usize)> {
        let mut counts = vec![
            (ExchangeState::Accepted, 0),
            (ExchangeState::CorrectionStarted, 0),
            (ExchangeState::NotAccepted, 0),
            (ExchangeState::Decided, 0),
        ];
        let mut set = |state: ExchangeState| {
            for (s, n) in &mut counts {
                if *s == state {
                    *n = 1;
                }
            }
        };
        match self {
            Script::Accept => set(ExchangeState::Accepted),
            Script::CorrectThenAccept => {
                set(ExchangeState::CorrectionStarted);
                set(ExchangeState::Accepted);
            }
            Script::Refuse => set(ExchangeState::NotAccepted),
            Script::Decide => {
                set(ExchangeState::Accepted);
                set(ExchangeState::Decided);
            }
            Script::Untouched => {}
        }
        counts
    }
}

/// Does `step` to case `number` at `at` as `actor`.
pub async fn perform(
    desk: &Desk,
    actor: &Actor,
    number: &str,
    step: &Step,
    at: DateTime<FixedOffset>,
) {
    match step {
        Step::Act(action) => {
            act_on_case(
                desk,
                actor,
                at,
                CaseActRequest {
                    number: number.to_owned(),
                    action: DeskAction::Case(action.clone()),
                    expected_version: None,
                },
            )
            .await
            .unwrap_or_else(|e| panic!("{number}: {action:?} at {at}: {e:?}"));
        }
        Step::Seal => seal(desk, actor, number, at).await,
    }
}

/// Renders and seals the decided case's letter with a throwaway test seal.
pub async fn seal(desk: &Desk, actor: &Actor, number: &str, at: DateTime<FixedOffset>) {
    let font = discover_font(None).expect("a Chinese font (scripts/install-system-packages.sh)");
    let seal = VisibleSeal::approval_seal(DEPARTMENT, &font).unwrap();
    let key = TestSeal::issue(DEPARTMENT, KeyKind::P256, at).unwrap();
    seal_result_document(
        desk,
        actor,
        number,
        ResultSealing {
            font: &font,
            seal: &seal,
            signer: key.signer(),
            document_number: format!("蓝市监许〔2026〕{}号", &number[number.len() - 4..]),
            remedies: Remedies {
                review_body: "蓝田县人民政府".into(),
                court: "蓝田县人民法院".into(),
            },
            verification_url: None,
            location: None,
        },
        at,
    )
    .await
    .unwrap_or_else(|e| panic!("{number}: sealing: {e:?}"));
}

/// The pause before a failed push is tried again: short, the clock is
/// logical and moves on by more at every round.
pub fn retry_delay(attempts: u32) -> Duration {
    Duration::from_secs(u64::from(attempts.min(4)))
}

/// One sync of `desk` through `exchange` at `at`. A failure must be the
/// hub's being unreachable (the faults); anything else fails the test.
pub async fn sync_round<E: Exchange>(
    desk: &Desk,
    exchange: &E,
    at: DateTime<FixedOffset>,
) -> Result<SyncReport, ApiError> {
    let options = SyncOptions {
        retry_delay: &retry_delay,
        progress: None,
    };
    match sync_once(desk, exchange, at, &options).await {
        Ok(report) => Ok(report),
        Err(e) if e.code == ErrorCode::HubUnavailable => Err(e),
        Err(e) => panic!("the sync failed otherwise than by an unreachable hub: {e:?}"),
    }
}

/// The hub state an outbox record moves its case to: each notice its own
/// (acceptance `Accepted`, correction `CorrectionStarted` …), a result
/// `Decided`, a delivery `Delivered`. A public notice is recorded in the
/// case's state of the moment and a filing belongs to no case: neither is
/// counted.
fn outbox_state(record: &OutboxEntry) -> Option<ExchangeState> {
    match record.kind {
        OutboxKind::Result => Some(ExchangeState::Decided),
        OutboxKind::Delivery => Some(ExchangeState::Delivered),
        OutboxKind::PublicNotice | OutboxKind::Filing => None,
        OutboxKind::Notice => {
            let notice = record.payload.get("notice").and_then(|n| n.as_str());
            Some(match notice {
                Some("acceptance") => ExchangeState::Accepted,
                Some("correction") => ExchangeState::CorrectionStarted,
                Some("correction_ended") => ExchangeState::CorrectionEnded,
                Some("not_accepted") => ExchangeState::NotAccepted,
                Some("processing") => ExchangeState::Processing,
                Some("special_stage_started") => ExchangeState::SpecialStageStarted,
                Some("special_stage_ended") => ExchangeState::SpecialStageEnded,
                other => panic!("an outbox notice of an unexpected kind: {other:?}"),
            })
        }
    }
}

/// The checks once the outbox is empty:
/// - the desk: every case sent is stored once, as a case and as pulled,
///   with its file intact; no pulled transfer waits; every outbox record is
///   pushed, none refused; the outbox holds what each case's script makes;
///   each review the window recorded is stored once; the feed cursor is the
///   last entry of the department's feed, acknowledged;
/// - the hub (as the window clerk sees each case): each notice and result
///   exactly once in the case's history, as many as the desk's outbox
///   records of that kind; the result the desk sealed; the transfer
///   acknowledged once.
pub async fn check_exactly_once(
    desk: &Desk,
    window: &HubClient,
    officer_direct: &HubClient,
    sent: &[Sent],
    scripts: &[Script],
    reviewed: &[String],
) {
    // The desk's cases.
    let inbox = desk
        .db()
        .inbox(&Default::default(), None, 10_000)
        .await
        .unwrap();
    let mut stored: BTreeMap<String, usize> = BTreeMap::new();
    for row in &inbox {
        *stored.entry(row.number.clone()).or_default() += 1;
    }
    assert_eq!(inbox.len(), sent.len(), "cases stored: {stored:?}");
    for case in sent {
        assert_eq!(stored.get(&case.number), Some(&1), "{}", case.number);
        assert!(desk.db().case(&case.number).await.unwrap().is_some());
        assert!(
            desk.db()
                .pulled_transfer(&case.number)
                .await
                .unwrap()
                .is_some(),
            "{}: not kept as pulled",
            case.number
        );
        let files = desk.db().material_files(&case.number).await.unwrap();
        assert_eq!(files.len(), 1, "{}", case.number);
        assert_eq!(files[0].sha256, case.sha256, "{}", case.number);
        assert_eq!(hex(&Sha256::digest(&files[0].content)), case.sha256);
    }
    let status = hub_status(desk).await.unwrap();
    assert_eq!(
        (
            status.pending_pushes,
            status.failed_pushes,
            status.waiting_transfers
        ),
        (0, 0, 0),
        "{status:?}"
    );

    // The outbox: all pushed, and what the scripts make.
    let outbox = desk.db().outbox().await.unwrap();
    assert!(
        outbox.iter().all(|r| r.pushed_at.is_some()),
        "unpushed: {:?}",
        outbox
            .iter()
            .filter(|r| r.pushed_at.is_none())
            .collect::<Vec<_>>()
    );
    let mut by_case: BTreeMap<&str, Vec<ExchangeState>> = BTreeMap::new();
    for record in &outbox {
        by_case
            .entry(record.case_number.as_str())
            .or_default()
            .extend(outbox_state(record));
    }

    // The hub, case by case, against the outbox.
    for (case, script) in sent.iter().zip(scripts) {
        let pushed = by_case
            .get(case.number.as_str())
            .cloned()
            .unwrap_or_default();
        let hub = window.case_status(&case.number).await.unwrap();
        let history: Vec<ExchangeState> = hub.history.iter().map(|h| h.state).collect();
        for (state, expected) in script.expected_states() {
            let local = pushed.iter().filter(|s| **s == state).count();
            let remote = history.iter().filter(|s| **s == state).count();
            assert_eq!(
                local, expected,
                "{}: the desk's outbox holds {local} {state:?} records ({script:?}): {pushed:?}",
                case.number
            );
            assert_eq!(
                remote, local,
                "{}: the hub holds {state:?} {remote} times, the desk pushed {local} ({script:?}): {history:?}",
                case.number
            );
        }
        let acknowledged = hub
            .history
            .iter()
            .filter(|h| h.detail.get("acknowledged_by").is_some())
            .count();
        assert_eq!(
            acknowledged, 1,
            "{}: acknowledged {acknowledged} times",
            case.number
        );
        match (&hub.result, *script == Script::Decide) {
            (Some(result), true) => {
                let document = desk
                    .db()
                    .result_document(&case.number)
                    .await
                    .unwrap()
                    .unwrap();
                assert_eq!(result.document.sha256, document.sha256, "{}", case.number);
            }
            (None, false) => {}
            (result, decided) => {
                panic!(
                    "{}: result on the hub {result:?}, decided {decided}",
                    case.number
                )
            }
        }
    }

    // Reviews pulled once each.
    let reviews = desk.db().reviews(None).await.unwrap();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &reviews {
        *seen.entry(r.case_number.as_str()).or_default() += 1;
    }
    assert_eq!(reviews.len(), reviewed.len(), "reviews stored: {seen:?}");
    for number in reviewed {
        assert_eq!(seen.get(number.as_str()), Some(&1), "review of {number}");
    }

    // The feed: the desk's cursor is the department's last entry, and
    // acknowledged; each transfer and review is in the feed once.
    let page = officer_direct.pull_feed(0, 1000).await.unwrap();
    assert!(!page.more);
    let last = page.entries.iter().map(|e| e.seq).max().unwrap();
    let transfers = page
        .entries
        .iter()
        .filter(|e| matches!(e.item, FeedItem::Transfer(_)))
        .count();
    assert_eq!(transfers, sent.len());
    assert_eq!(page.entries.len(), sent.len() + reviewed.len());
    let state = status.state.unwrap();
    assert_eq!(
        (state.feed_cursor, state.acknowledged),
        (last, last),
        "the desk's feed cursor and acknowledgement"
    );
}
