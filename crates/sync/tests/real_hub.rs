//! The client against the real hub (`desk-hub`'s library, in process, on a
//! loopback port, a temporary SQLite database seeded with the demo
//! accounts): every endpoint through `HubClient`, as a window clerk, an
//! officer, a guide editor and a manager; then pushes through the
//! fault-injection proxy, retried with their keys, landing once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;
use std::time::Duration;

use approval_contract::audit::Checkpoint;
use approval_contract::cases::{
    Applicant, BundleCase, BundleTransfer, DeliveryPush, FileUpload, MaterialUpload, NewCase,
    Notice, PaperDelivery, PublicNoticePush, ResultPush, ReviewPush, TransferRequest,
};
use approval_contract::catalogue::{BundlePublication, GuidePublication};
use approval_contract::codes::{
    ApplicantKind, CaseKind, CertificateType, DecisionOutcome, DeliveryMethod, ExchangeState,
    ReviewLevel,
};
use approval_contract::feed::FeedItem;
use approval_contract::filings::{DecideFiling, FilingSubmission, FilingVerdict};
use approval_contract::reports::EfficiencyReport;
use approval_contract::{Exchange, ExchangeError};
use approval_core::filing::{Filing, FilingSubject};
use approval_core::ids::samples::{self, SampleItem};
use approval_hub::{demo, Hub};
use approval_sync::backoff::{Backoff, FixedJitter};
use approval_sync::fault_proxy::{Fault, FaultProxy, Plan};
use approval_sync::{HubClient, HubConfig};
use base64::Engine as _;
use chrono::{DateTime, FixedOffset, Utc};
use sha2::{Digest, Sha256};

const MARKET: &str = "610122-SCJG-XK-0001";
const FIRE: &str = "610122-XF-XK-0001";
const ECOLOGY: &str = "610122-STHJ-BA-0001";

struct RealHub {
    addr: SocketAddr,
    _dir: tempfile::TempDir,
}

async fn start_hub() -> RealHub {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("hub.db").display());
    let hub = Hub::open(&url, approval_hub::HubConfig::default())
        .await
        .unwrap();
    demo::seed(&hub).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(approval_hub::serve(listener, hub, std::future::pending()));
    RealHub { addr, _dir: dir }
}

async fn signed_in(url: &str, account: &str, password: &str) -> HubClient {
    let client = HubClient::new(
        HubConfig::new(url).with_timeouts(Duration::from_secs(2), Duration::from_secs(20)),
    )
    .unwrap();
    let session = client.sign_in(account, password).await.unwrap();
    assert_eq!(session.account, account);
    client
}

fn now() -> DateTime<FixedOffset> {
    Utc::now().with_timezone(&approval_core::china_time::CHINA_STANDARD_TIME)
}

fn upload(name: &str, media_type: &str, bytes: &[u8]) -> FileUpload {
    FileUpload {
        file_name: name.to_owned(),
        media_type: media_type.to_owned(),
        content_base64: base64::engine::general_purpose::STANDARD.encode(bytes),
        sha256: hex(&Sha256::digest(bytes)),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn item(code: &str) -> &'static SampleItem {
    samples::item(code).unwrap()
}

fn new_case(item: &SampleItem, sequence: u32) -> NewCase {
    let at = now();
    NewCase {
        case_number: item
            .case_number(at.date_naive(), sequence)
            .unwrap()
            .as_str()
            .to_owned(),
        implementation_code: item.implementation_code().as_str().to_owned(),
        handling_item_code: None,
        kind: CaseKind::Promised,
        applicant: Applicant {
            kind: ApplicantKind::LegalPerson,
            name: "蓝田县同步测试餐饮有限公司".into(),
            certificate_type: CertificateType::UnifiedSocialCreditCode,
            certificate_number: "91350100M000100Y43".into(),
            phone: "029-8000-0000".into(),
            address: Some("陕西省西安市蓝田县示范路 1 号".into()),
        },
        received_at: at,
        receiving_window: demo::COUNTY.into(),
        handling_window: None,
        materials: vec![MaterialUpload {
            name: "申请书".into(),
            material_id: Some("M01".into()),
            file: Some(upload(
                "M01.txt",
                "text/plain; charset=utf-8",
                "申请书（同步测试）".as_bytes(),
            )),
        }],
        direct_mailing: false,
    }
}

fn result_push() -> ResultPush {
    ResultPush {
        outcome: DecisionOutcome::Approved,
        opinion: "准予行政许可".into(),
        decided_at: now(),
        document: upload(
            "决定书.pdf",
            "application/pdf",
            &approval_esign::testca::one_page_pdf("准予行政许可决定书"),
        ),
        paper: PaperDelivery {
            method: DeliveryMethod::WindowPickup,
            tracking_number: None,
            planned_on: None,
        },
        licences: vec![],
    }
}

fn refused_code(error: ExchangeError) -> (u16, String) {
    match error {
        ExchangeError::Refused { status, error } => (status, error.code),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_endpoint_through_the_client() {
    let hub = start_hub().await;
    let url = format!("http://{}", hub.addr);
    let market = item(MARKET);
    let department = market.department.name;

    let window = signed_in(&url, "window-county", "demo-window").await;
    let officer = signed_in(&url, "officer-market", "demo-officer").await;
    let editor = signed_in(&url, "editor", "demo-editor").await;
    let manager = signed_in(&url, "manager", "demo-manager").await;

    // Meta and session.
    window.health().await.unwrap();
    assert!(window.openapi().await.unwrap()["paths"].is_object());
    assert_eq!(officer.whoami().await.unwrap().account, "officer-market");
    let wrong = HubClient::new(HubConfig::new(&url)).unwrap();
    assert!(matches!(
        wrong.sign_in("officer-market", "wrong").await.unwrap_err(),
        ExchangeError::Unauthorized(_)
    ));
    assert!(!wrong.has_token());

    // The catalogue and the calendar.
    assert!(!officer.catalogue_guides().await.unwrap().is_empty());
    assert!(!officer.catalogue_bundles().await.unwrap().is_empty());
    officer.calendar().await.unwrap();

    // The window unit creates and transfers a case.
    let case = new_case(market, 1);
    let number = case.case_number.clone();
    let created = window.create_case("it-create-1", &case).await.unwrap();
    assert!(!created.replayed);
    assert!(
        window
            .create_case("it-create-1", &case)
            .await
            .unwrap()
            .replayed
    );
    window
        .transfer_case(
            &number,
            "it-transfer-1",
            &TransferRequest {
                department: department.into(),
            },
        )
        .await
        .unwrap();
    assert!(window
        .list_cases()
        .await
        .unwrap()
        .iter()
        .any(|c| c.case_number == number));

    // The department pulls it with its material, and acknowledges.
    let page = officer.pull_feed(0, 100).await.unwrap();
    let (seq, transferred) = page
        .entries
        .iter()
        .find_map(|e| match &e.item {
            FeedItem::Transfer(t) if t.case_number == number => Some((e.seq, t.clone())),
            _ => None,
        })
        .expect("the transfer is in the feed");
    let file = transferred.materials[0].file.clone().unwrap();
    let bytes = officer.fetch_file(&file.id).await.unwrap();
    assert_eq!(hex(&Sha256::digest(&bytes)), file.sha256);
    assert_eq!(bytes, "申请书（同步测试）".as_bytes());
    officer.acknowledge(seq).await.unwrap();
    // Another department's officer sees nothing of it.
    let fire_officer = signed_in(&url, "officer-fire", "demo-officer").await;
    let theirs = fire_officer.pull_feed(0, 100).await.unwrap();
    assert!(theirs.entries.iter().all(|e| match &e.item {
        FeedItem::Transfer(t) => t.case_number != number,
        _ => true,
    }));

    // Notices, with the same key twice (replayed) and with another body (409).
    let acceptance = Notice::Acceptance {
        accepted_at: now(),
        deemed: false,
    };
    let first = officer
        .push_notice(&number, "it-notice-1", &acceptance)
        .await
        .unwrap();
    let again = officer
        .push_notice(&number, "it-notice-1", &acceptance)
        .await
        .unwrap();
    assert!(again.replayed);
    assert_eq!(again.id, first.id);
    let other = Notice::Processing { at: now() };
    assert_eq!(
        refused_code(
            officer
                .push_notice(&number, "it-notice-1", &other)
                .await
                .unwrap_err()
        ),
        (409, "idempotency_conflict".to_owned())
    );
    officer
        .push_notice(&number, "it-notice-2", &other)
        .await
        .unwrap();
    let today = now().date_naive();
    officer
        .push_public_notice(
            &number,
            "it-public-1",
            &PublicNoticePush {
                from: today,
                to: today + chrono::Days::new(5),
                text: "拟准予许可，公示五日".into(),
            },
        )
        .await
        .unwrap();
    officer
        .push_result(&number, "it-result-1", &result_push())
        .await
        .unwrap();

    // The window unit sees the result, releases it, records a review.
    let status = window.case_status(&number).await.unwrap();
    assert!(status.result.is_some(), "{status:?}");
    window.release_case(&number, "it-release-1").await.unwrap();
    officer
        .push_delivery(
            &number,
            "it-delivery-1",
            &DeliveryPush {
                delivered_at: now(),
                method: DeliveryMethod::WindowPickup,
                tracking_number: None,
            },
        )
        .await
        .unwrap();
    window
        .review(
            &number,
            "it-review-1",
            &ReviewPush {
                level: ReviewLevel::VerySatisfied,
                comment: "办事快".into(),
                at: now(),
            },
        )
        .await
        .unwrap();
    let status = window.case_status(&number).await.unwrap();
    assert!(status.released);
    assert_eq!(status.reviews.len(), 1);
    let states: Vec<ExchangeState> = status.history.iter().map(|h| h.state).collect();
    assert_eq!(
        states
            .iter()
            .filter(|s| **s == ExchangeState::Accepted)
            .count(),
        1,
        "{states:?}"
    );
    // The review reaches the department.
    let page = officer.pull_feed(seq, 100).await.unwrap();
    assert!(page.entries.iter().any(
        |e| matches!(&e.item, FeedItem::Review { case_number, .. } if *case_number == number)
    ));

    // A bundle: its release is refused while the gate is closed.
    let fire = item(FIRE);
    let market_case = new_case(market, 2);
    let fire_case = new_case(fire, 1);
    let ecology = item(ECOLOGY);
    let ecology_case = new_case(ecology, 1);
    for (n, case) in [&market_case, &fire_case, &ecology_case]
        .into_iter()
        .enumerate()
    {
        window
            .create_case(&format!("it-bundle-case-{n}"), case)
            .await
            .unwrap();
    }
    let bundle_code = demo_bundle_code();
    window
        .transfer_bundle(
            "it-bundle-1",
            &BundleTransfer {
                bundle_code,
                instance: "it-instance-1".into(),
                cases: vec![
                    BundleCase {
                        item_code: MARKET.into(),
                        case_number: market_case.case_number.clone(),
                        department: department.into(),
                    },
                    BundleCase {
                        item_code: FIRE.into(),
                        case_number: fire_case.case_number.clone(),
                        department: fire.department.name.into(),
                    },
                    BundleCase {
                        item_code: ECOLOGY.into(),
                        case_number: ecology_case.case_number.clone(),
                        department: ecology.department.name.into(),
                    },
                ],
            },
        )
        .await
        .unwrap();
    officer
        .push_result(&market_case.case_number, "it-result-2", &result_push())
        .await
        .unwrap();
    let (status, code) = refused_code(
        window
            .release_bundle("it-instance-1", "it-brelease-1")
            .await
            .unwrap_err(),
    );
    assert_eq!((status, code.as_str()), (409, "release_gate_closed"));
    fire_officer
        .push_result(&fire_case.case_number, "it-result-3", &result_push())
        .await
        .unwrap();
    signed_in(&url, "officer-ecology", "demo-officer")
        .await
        .push_result(&ecology_case.case_number, "it-result-4", &result_push())
        .await
        .unwrap();
    let released = window
        .release_bundle("it-instance-1", "it-brelease-2")
        .await
        .unwrap();
    assert_eq!(released.released.len(), 3);

    // Filings: submitted by the department, decided by the manager, the
    // decision back in the department's feed and list.
    let filing = Filing::draft(
        "IT-F-1",
        department,
        "officer-market",
        FilingSubject::SpecialStage {
            item_code: MARKET.into(),
            stage_id: "expert".into(),
            why_duration_cannot_be_stated: "国家级专家评审时间由国家部委确定".into(),
        },
        Vec::new(),
        None,
    )
    .submit("officer-market", now())
    .unwrap();
    officer
        .submit_filing(
            "it-filing-1",
            &FilingSubmission {
                filing: serde_json::to_value(&filing).unwrap(),
                attachments: vec![],
            },
        )
        .await
        .unwrap();
    let listed = manager.list_filings().await.unwrap();
    let record = listed.iter().find(|f| f.id == "IT-F-1").unwrap();
    manager
        .decide_filing(
            &record.id,
            "it-decide-1",
            &DecideFiling {
                verdict: FilingVerdict::Approve,
                comment: "同意".into(),
                at: now(),
            },
        )
        .await
        .unwrap();
    let mine = officer.filings().await.unwrap();
    assert!(mine
        .iter()
        .any(|f| f.id == "IT-F-1" && f.decision.is_some()));

    // The guide editor publishes.
    let guide: serde_json::Value = serde_json::from_str(demo::GUIDES[0]).unwrap();
    let guide_item = item(guide["item"]["code"].as_str().unwrap());
    editor
        .publish_guide(
            "it-guide-1",
            &GuidePublication {
                implementation_code: guide_item.implementation_code().as_str().to_owned(),
                version: 2,
                guide,
            },
        )
        .await
        .unwrap();
    let bundle: serde_json::Value = serde_json::from_str(demo::BUNDLES[0]).unwrap();
    editor
        .publish_bundle("it-bundle-pub-1", &BundlePublication { bundle })
        .await
        .unwrap();

    // Efficiency data and audit checkpoints.
    officer
        .upload_efficiency(
            "it-eff-1",
            &EfficiencyReport {
                department: department.into(),
                day: today,
                figures: serde_json::json!({"accepted": 1}),
            },
        )
        .await
        .unwrap();
    let checkpoint = Checkpoint {
        desk: "desk-it-1".into(),
        length: 42,
        head: "ab".repeat(32),
        at: now(),
    };
    officer
        .push_checkpoint("it-check-1", &checkpoint)
        .await
        .unwrap();
    let held = officer.checkpoints("desk-it-1").await.unwrap();
    assert_eq!(held.checkpoints.len(), 1);
    assert_eq!(held.checkpoints[0].head, checkpoint.head);

    // Signed out: the token no longer works.
    let token_holder = signed_in(&url, "officer-market", "demo-officer").await;
    let session = token_holder.whoami().await.unwrap();
    assert_eq!(session.account, "officer-market");
    officer.sign_out().await.unwrap();
    assert!(matches!(
        officer.whoami().await.unwrap_err(),
        ExchangeError::Unauthorized(_)
    ));
}

fn demo_bundle_code() -> String {
    let bundle: serde_json::Value = serde_json::from_str(demo::BUNDLES[0]).unwrap();
    bundle["bundle"]["code"].as_str().unwrap().to_owned()
}

/// Notices pushed through a storm of faults (dropped before and after the
/// hub, 500, 429, cut answers, delays past the client's timeout), each
/// retried with its key until it has a receipt: after the faults stop,
/// every notice is in the case's history exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pushes_through_the_fault_proxy_land_once() {
    let hub = start_hub().await;
    let direct = format!("http://{}", hub.addr);
    let market = item(MARKET);
    let window = signed_in(&direct, "window-county", "demo-window").await;
    let mut numbers = Vec::new();
    for sequence in 1..=3 {
        let case = new_case(market, sequence);
        window
            .create_case(&format!("fp-create-{sequence}"), &case)
            .await
            .unwrap();
        window
            .transfer_case(
                &case.case_number,
                &format!("fp-transfer-{sequence}"),
                &TransferRequest {
                    department: market.department.name.into(),
                },
            )
            .await
            .unwrap();
        numbers.push(case.case_number);
    }

    let proxy = FaultProxy::start(hub.addr).await.unwrap();
    let officer = HubClient::new(
        HubConfig::new(proxy.url()).with_timeouts(Duration::from_secs(2), Duration::from_secs(1)),
    )
    .unwrap();
    officer
        .sign_in("officer-market", "demo-officer")
        .await
        .unwrap();
    proxy.set_plan(
        Plan::random(
            13,
            0.6,
            vec![
                Fault::DropBeforeForward,
                Fault::DropAfterForward,
                Fault::DropAfterForward,
                Fault::Status500,
                Fault::Status429 {
                    retry_after_secs: 0,
                },
                Fault::CutResponse,
                Fault::CutResponse,
                Fault::Delay(Duration::from_millis(1500)),
            ],
        )
        .only(|request| request.method == "POST"),
    );

    let mut backoff = Backoff::with_jitter(
        Duration::from_millis(5),
        Duration::from_millis(50),
        FixedJitter(0.5),
    );
    for number in &numbers {
        let notices = [
            Notice::Acceptance {
                accepted_at: now(),
                deemed: false,
            },
            Notice::Processing { at: now() },
        ];
        for (n, notice) in notices.iter().enumerate() {
            let key = format!("desk-it-outbox-{number}-{n}");
            let mut tries = 0;
            loop {
                tries += 1;
                assert!(tries < 200, "{key} never landed");
                match officer.push_notice(number, &key, notice).await {
                    Ok(_) => {
                        backoff.reset();
                        break;
                    }
                    Err(error) => {
                        let wait = backoff
                            .delay_for(&error)
                            .unwrap_or_else(|| panic!("{key}: not retryable: {error:?}"));
                        tokio::time::sleep(wait).await;
                    }
                }
            }
        }
    }
    // Delayed requests still in flight reach the hub, and are replays.
    tokio::time::sleep(Duration::from_millis(1600)).await;
    proxy.heal();
    let stats = proxy.stats();
    assert!(stats.faults() >= 3, "{stats:?}");
    assert!(stats.dropped_after + stats.cut > 0, "{stats:?}");

    for number in &numbers {
        let status = window.case_status(number).await.unwrap();
        let states: Vec<ExchangeState> = status.history.iter().map(|h| h.state).collect();
        for state in [ExchangeState::Accepted, ExchangeState::Processing] {
            assert_eq!(
                states.iter().filter(|s| **s == state).count(),
                1,
                "{number}: {states:?} ({stats:?})"
            );
        }
    }
}
