//! The hub client against a stub hub on loopback: every call goes to its
//! contract path with its method, idempotency key, token and body, and
//! every kind of answer maps to the error the caller must act on —
//! including answers cut short, garbage and silence.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use approval_contract::audit::{Checkpoint, Checkpoints};
use approval_contract::auth::{Session, Whoami, WireGrant};
use approval_contract::cases::{
    Applicant, BundleCase, BundleRelease, BundleTransfer, CaseStatus, DeliveryPush, FileUpload,
    NewCase, Notice, PaperDelivery, PublicNoticePush, ResultPush, ReviewPush, TransferRequest,
};
use approval_contract::catalogue::{
    BundleEntry, BundlePublication, CalendarYears, CatalogueEntry, GuidePublication,
};
use approval_contract::codes::{
    ApplicantKind, CaseKind, CertificateType, DecisionOutcome, DeliveryMethod, ExchangeState,
    ReviewLevel,
};
use approval_contract::feed::FeedPage;
use approval_contract::filings::{DecideFiling, FilingRecord, FilingSubmission, FilingVerdict};
use approval_contract::reports::EfficiencyReport;
use approval_contract::{Exchange, ExchangeError, WireError};
use approval_sync::hub::UNEXPECTED_ANSWER;
use approval_sync::{HubClient, HubConfig};
use common::{at, receipt, serve_raw, serve_stub, Canned, Stub};
use serde_json::json;

const CASE: &str = "11100000000013127D001100000000012025030300001";
const CODE: &str = "11100000000013127D00110000000001";

fn client(addr: std::net::SocketAddr) -> HubClient {
    HubClient::new(
        HubConfig::new(format!("http://{addr}/"))
            .with_timeouts(Duration::from_secs(2), Duration::from_secs(5)),
    )
    .unwrap()
}

fn session() -> Session {
    Session {
        token: "tok-123".into(),
        expires_at: at("2025-03-04T09:00:00+08:00"),
        account: "zhang.san".into(),
        name: "张三".into(),
        grants: vec![WireGrant {
            role: "officer".into(),
            scope: Some("蓝田县市场监督管理局".into()),
        }],
    }
}

fn applicant() -> Applicant {
    Applicant {
        kind: ApplicantKind::LegalPerson,
        name: "蓝田县某某有限公司".into(),
        certificate_type: CertificateType::UnifiedSocialCreditCode,
        certificate_number: "91350100M000100Y43".into(),
        phone: String::new(),
        address: None,
    }
}

fn file() -> FileUpload {
    FileUpload {
        file_name: "决定书.pdf".into(),
        media_type: "application/pdf".into(),
        content_base64: "JVBERi0=".into(),
        sha256: "00".repeat(32),
    }
}

fn status() -> CaseStatus {
    CaseStatus {
        case_number: CASE.into(),
        implementation_code: CODE.into(),
        kind: CaseKind::Promised,
        state: ExchangeState::Accepted,
        receiving_window: "蓝田县政务服务中心".into(),
        handling_window: "蓝田县政务服务中心".into(),
        reported_to: vec![],
        department: Some("蓝田县市场监督管理局".into()),
        bundle_instance: None,
        history: vec![],
        result: None,
        reviews: vec![],
        released: false,
    }
}

/// Every call, in order: what it sends, and that it reads the answer.
#[tokio::test]
async fn every_call_goes_to_its_path_with_its_key_and_token() {
    let stub = Stub::default();
    let addr = serve_stub(stub.clone()).await;
    let hub = client(addr);
    let r = |id: &str| Canned::json(200, &receipt(id, false));

    // The session.
    stub.answer(Canned::json(200, &session()));
    let signed = hub.sign_in("zhang.san", "口令 pw").await.unwrap();
    assert_eq!(signed.name, "张三");
    assert!(hub.has_token());
    stub.answer(Canned::json(
        200,
        &Whoami {
            account: "zhang.san".into(),
            name: "张三".into(),
            grants: vec![],
            expires_at: at("2025-03-04T09:00:00+08:00"),
        },
    ));
    assert_eq!(hub.whoami().await.unwrap().account, "zhang.san");
    stub.answer(Canned::raw(200, "text/plain", b"ok"));
    hub.health().await.unwrap();
    stub.answer(Canned::json(200, &json!({"openapi": "3.1.0"})));
    assert_eq!(hub.openapi().await.unwrap()["openapi"], "3.1.0");

    // The department's side (the Exchange trait).
    stub.answer(Canned::json(
        200,
        &FeedPage {
            entries: vec![],
            more: false,
        },
    ));
    assert!(!hub.pull_feed(41, 50).await.unwrap().more);
    stub.answer(Canned::raw(204, "text/plain", b""));
    hub.acknowledge(41).await.unwrap();
    stub.answer(Canned::raw(200, "application/pdf", b"%PDF-1.7 bytes"));
    assert_eq!(hub.fetch_file("f/1").await.unwrap(), b"%PDF-1.7 bytes");
    stub.answer(r("n1"));
    let notice = Notice::Acceptance {
        accepted_at: at("2025-03-03T10:00:00+08:00"),
        deemed: false,
    };
    assert_eq!(
        hub.push_notice(CASE, "k-notice", &notice).await.unwrap().id,
        "n1"
    );
    stub.answer(r("r1"));
    let result = ResultPush {
        outcome: DecisionOutcome::Approved,
        opinion: "准予许可".into(),
        decided_at: at("2025-03-05T10:00:00+08:00"),
        document: file(),
        paper: PaperDelivery {
            method: DeliveryMethod::GovernmentExpress,
            tracking_number: Some("ZW123".into()),
            planned_on: None,
        },
        licences: vec![],
    };
    hub.push_result(CASE, "k-result", &result).await.unwrap();
    stub.answer(r("p1"));
    let period = PublicNoticePush {
        from: at("2025-03-06T00:00:00+08:00").date_naive(),
        to: at("2025-03-12T00:00:00+08:00").date_naive(),
        text: "公示".into(),
    };
    hub.push_public_notice(CASE, "k-public", &period)
        .await
        .unwrap();
    stub.answer(r("d1"));
    let delivery = DeliveryPush {
        delivered_at: at("2025-03-13T10:00:00+08:00"),
        method: DeliveryMethod::WindowPickup,
        tracking_number: None,
    };
    hub.push_delivery(CASE, "k-delivery", &delivery)
        .await
        .unwrap();
    stub.answer(r("f1"));
    let filing = FilingSubmission {
        filing: json!({"state": "submitted"}),
        attachments: vec![],
    };
    hub.submit_filing("k-filing", &filing).await.unwrap();
    stub.answer(Canned::json(200, &Vec::<FilingRecord>::new()));
    assert!(hub.filings().await.unwrap().is_empty());
    stub.answer(Canned::json(200, &CalendarYears { years: vec![] }));
    assert!(hub.calendar().await.unwrap().years.is_empty());
    stub.answer(r("g1"));
    let guide = GuidePublication {
        implementation_code: CODE.into(),
        version: 2,
        guide: json!({}),
    };
    hub.publish_guide("k-guide", &guide).await.unwrap();
    stub.answer(r("b1"));
    hub.publish_bundle("k-bundle", &BundlePublication { bundle: json!({}) })
        .await
        .unwrap();
    stub.answer(r("e1"));
    let report = EfficiencyReport {
        department: "蓝田县市场监督管理局".into(),
        day: at("2025-03-03T00:00:00+08:00").date_naive(),
        figures: json!({"accepted": 3}),
    };
    hub.upload_efficiency("k-eff", &report).await.unwrap();
    stub.answer(r("c1"));
    let checkpoint = Checkpoint {
        desk: "desk-1".into(),
        length: 10,
        head: "ab".repeat(32),
        at: at("2025-03-03T10:00:00+08:00"),
    };
    hub.push_checkpoint("k-check", &checkpoint).await.unwrap();
    stub.answer(Canned::json(
        200,
        &Checkpoints {
            checkpoints: vec![checkpoint.clone()],
        },
    ));
    assert_eq!(
        hub.checkpoints("desk 1").await.unwrap().checkpoints.len(),
        1
    );

    // Catalogue reads.
    stub.answer(Canned::json(200, &Vec::<CatalogueEntry>::new()));
    hub.catalogue_guides().await.unwrap();
    stub.answer(Canned::json(200, &Vec::<BundleEntry>::new()));
    hub.catalogue_bundles().await.unwrap();

    // The window unit's side.
    stub.answer(r("case1"));
    let case = NewCase {
        case_number: CASE.into(),
        implementation_code: CODE.into(),
        handling_item_code: None,
        kind: CaseKind::Promised,
        applicant: applicant(),
        received_at: at("2025-03-03T09:00:00+08:00"),
        receiving_window: "蓝田县政务服务中心".into(),
        handling_window: None,
        materials: vec![],
        direct_mailing: false,
    };
    hub.create_case("k-case", &case).await.unwrap();
    stub.answer(r("t1"));
    let transfer = TransferRequest {
        department: "蓝田县市场监督管理局".into(),
    };
    hub.transfer_case(CASE, "k-transfer", &transfer)
        .await
        .unwrap();
    stub.answer(r("bt1"));
    let bundle = BundleTransfer {
        bundle_code: "B1".into(),
        instance: "inst-1".into(),
        cases: vec![BundleCase {
            item_code: "I1".into(),
            case_number: CASE.into(),
            department: "蓝田县市场监督管理局".into(),
        }],
    };
    hub.transfer_bundle("k-bt", &bundle).await.unwrap();
    stub.answer(Canned::json(200, &vec![status()]));
    assert_eq!(hub.list_cases().await.unwrap().len(), 1);
    stub.answer(Canned::json(200, &status()));
    assert_eq!(
        hub.case_status(CASE).await.unwrap().state,
        ExchangeState::Accepted
    );
    stub.answer(r("rel1"));
    hub.release_case(CASE, "k-release").await.unwrap();
    stub.answer(Canned::json(
        200,
        &BundleRelease {
            instance: "inst-1".into(),
            released: vec![CASE.into()],
        },
    ));
    assert_eq!(
        hub.release_bundle("inst-1", "k-brel")
            .await
            .unwrap()
            .released,
        [CASE]
    );
    stub.answer(r("rev1"));
    let review = ReviewPush {
        level: ReviewLevel::VerySatisfied,
        comment: String::new(),
        at: at("2025-03-13T11:00:00+08:00"),
    };
    hub.review(CASE, "k-review", &review).await.unwrap();

    // The manager's side.
    stub.answer(Canned::json(200, &Vec::<FilingRecord>::new()));
    hub.list_filings().await.unwrap();
    stub.answer(r("dec1"));
    let decision = DecideFiling {
        verdict: FilingVerdict::Approve,
        comment: String::new(),
        at: at("2025-03-03T12:00:00+08:00"),
    };
    hub.decide_filing("filing-1", "k-decide", &decision)
        .await
        .unwrap();

    stub.answer(Canned::raw(204, "text/plain", b""));
    hub.sign_out().await.unwrap();
    assert!(!hub.has_token());

    let seen = stub.seen();
    let calls: Vec<(&str, &str, Option<&str>, Option<&str>)> = seen
        .iter()
        .map(|s| {
            (
                s.method.as_str(),
                s.path.as_str(),
                s.query.as_deref(),
                s.key.as_deref(),
            )
        })
        .collect();
    let case_path = |tail: &str| format!("/v1/cases/{CASE}/{tail}");
    let window_path = |tail: &str| format!("/v1/window/cases/{CASE}{tail}");
    let expected: Vec<(&str, String, Option<&str>, Option<&str>)> = vec![
        ("POST", "/v1/session".into(), None, None),
        ("GET", "/v1/session".into(), None, None),
        ("GET", "/health".into(), None, None),
        ("GET", "/openapi.json".into(), None, None),
        ("GET", "/v1/feed".into(), Some("since=41&limit=50"), None),
        ("POST", "/v1/feed/ack".into(), None, None),
        ("GET", "/v1/files/f%2F1".into(), None, None),
        ("POST", case_path("notices"), None, Some("k-notice")),
        ("POST", case_path("result"), None, Some("k-result")),
        ("POST", case_path("public-notice"), None, Some("k-public")),
        ("POST", case_path("delivery"), None, Some("k-delivery")),
        ("POST", "/v1/filings".into(), None, Some("k-filing")),
        ("GET", "/v1/filings".into(), None, None),
        ("GET", "/v1/calendar".into(), None, None),
        ("POST", "/v1/catalogue/guides".into(), None, Some("k-guide")),
        (
            "POST",
            "/v1/catalogue/bundles".into(),
            None,
            Some("k-bundle"),
        ),
        ("POST", "/v1/efficiency".into(), None, Some("k-eff")),
        (
            "POST",
            "/v1/audit/checkpoints".into(),
            None,
            Some("k-check"),
        ),
        (
            "GET",
            "/v1/audit/checkpoints".into(),
            Some("desk=desk+1"),
            None,
        ),
        ("GET", "/v1/catalogue/guides".into(), None, None),
        ("GET", "/v1/catalogue/bundles".into(), None, None),
        ("POST", "/v1/window/cases".into(), None, Some("k-case")),
        ("POST", window_path("/transfer"), None, Some("k-transfer")),
        ("POST", "/v1/window/bundles".into(), None, Some("k-bt")),
        ("GET", "/v1/window/cases".into(), None, None),
        ("GET", window_path(""), None, None),
        ("POST", window_path("/release"), None, Some("k-release")),
        (
            "POST",
            "/v1/window/bundles/inst-1/release".into(),
            None,
            Some("k-brel"),
        ),
        ("POST", window_path("/review"), None, Some("k-review")),
        ("GET", "/v1/filings".into(), None, None),
        (
            "POST",
            "/v1/filings/filing-1/decision".into(),
            None,
            Some("k-decide"),
        ),
        ("DELETE", "/v1/session".into(), None, None),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|(m, p, q, k)| (*m, p.as_str(), *q, *k))
        .collect();
    assert_eq!(calls, expected);

    // Signing in sends no token; every later call sends the session's.
    assert_eq!(seen[0].authorization, None);
    for s in &seen[1..] {
        assert_eq!(s.authorization.as_deref(), Some("Bearer tok-123"), "{s:?}");
    }
    // Bodies are the contract's JSON.
    let sign_in: serde_json::Value = serde_json::from_slice(&seen[0].body).unwrap();
    assert_eq!(
        sign_in,
        json!({"account": "zhang.san", "password": "口令 pw"})
    );
    let ack: serde_json::Value = serde_json::from_slice(&seen[5].body).unwrap();
    assert_eq!(ack, json!({"up_to": 41}));
    let pushed: Notice = serde_json::from_slice(&seen[7].body).unwrap();
    assert_eq!(pushed, notice);
    assert_eq!(seen[7].content_type.as_deref(), Some("application/json"));
    // GETs and the release calls send no body.
    for s in seen
        .iter()
        .filter(|s| s.method == "GET" || s.path.ends_with("/release"))
    {
        assert!(s.body.is_empty(), "{s:?}");
    }
}

fn wire(code: &str) -> WireError {
    WireError::new(code, "中文", "English").at_field("applicant.name")
}

#[tokio::test]
async fn answers_map_to_what_the_caller_must_do() {
    let stub = Stub::default();
    let addr = serve_stub(stub.clone()).await;
    let hub = client(addr).with_token("t");
    let notice = Notice::Processing {
        at: at("2025-03-03T10:00:00+08:00"),
    };
    let push = || hub.push_notice(CASE, "k", &notice);

    // 401: sign in again.
    stub.answer(Canned::json(401, &wire("session_expired")));
    assert_eq!(
        push().await.unwrap_err(),
        ExchangeError::Unauthorized(wire("session_expired"))
    );
    // A refusal with the contract's error.
    stub.answer(Canned::json(409, &wire("idempotency_conflict")));
    assert_eq!(
        push().await.unwrap_err(),
        ExchangeError::Refused {
            status: 409,
            error: wire("idempotency_conflict")
        }
    );
    // A refusal that is not JSON (a proxy's page).
    stub.answer(Canned::raw(403, "text/html", b"<html>Forbidden</html>"));
    match push().await.unwrap_err() {
        ExchangeError::Refused { status: 403, error } => {
            assert_eq!(error.code, UNEXPECTED_ANSWER);
            assert!(error.message_en.contains("Forbidden"), "{error:?}");
            assert!(error.message.contains("HTTP 403"), "{error:?}");
        }
        other => panic!("{other:?}"),
    }
    // A 401 that is not JSON is still a lost session.
    stub.answer(Canned::raw(401, "text/plain", b""));
    match push().await.unwrap_err() {
        ExchangeError::Unauthorized(error) => assert_eq!(error.code, UNEXPECTED_ANSWER),
        other => panic!("{other:?}"),
    }
    // 408, 429 and 5xx: try again later, when the hub says.
    for (status, retry) in [
        (408, None),
        (429, Some("7")),
        (500, None),
        (502, Some("1")),
        (503, Some("120")),
    ] {
        let mut canned = Canned::json(status, &wire("busy"));
        if let Some(seconds) = retry {
            canned = canned.header("retry-after", seconds);
        }
        stub.answer(canned);
        match push().await.unwrap_err() {
            ExchangeError::Unavailable {
                reason,
                retry_after,
            } => {
                assert!(reason.contains(&status.to_string()), "{reason}");
                assert_eq!(
                    retry_after,
                    retry.map(|s| Duration::from_secs(s.parse().unwrap()))
                );
            }
            other => panic!("{status}: {other:?}"),
        }
    }
    // A 2xx whose body is not the answer's shape: unavailable (the push may
    // have landed; the same key asks again).
    stub.answer(Canned::raw(200, "application/json", b"{\"id\": 3}"));
    assert!(push().await.unwrap_err().is_retryable());
    stub.answer(Canned::raw(200, "text/html", b"<html>portal</html>"));
    assert!(push().await.unwrap_err().is_retryable());
    // A redirect is not followed (the token stays with the hub).
    stub.answer(Canned::raw(302, "text/plain", b"").header("location", "http://127.0.0.1:1/"));
    assert!(push().await.unwrap_err().is_retryable());
    assert_eq!(stub.seen().len(), 12);
    // A 2xx empty body is fine where nothing is expected, not where a
    // receipt is.
    stub.answer(Canned::raw(200, "application/json", b""));
    hub.acknowledge(1).await.unwrap();
    stub.answer(Canned::raw(200, "application/json", b""));
    assert!(push().await.unwrap_err().is_retryable());
}

#[tokio::test]
async fn an_answer_cut_short_is_unavailable() {
    // The status line says 200 and a length the body never reaches.
    let addr = serve_raw(Some(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"entries\":[".to_vec(),
    ))
    .await;
    match client(addr).pull_feed(0, 10).await.unwrap_err() {
        ExchangeError::Unavailable { reason, .. } => {
            assert!(reason.contains("cut short"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    // Without a length, the connection's end ends the body: the JSON is cut.
    let addr = serve_raw(Some(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"entries\":[".to_vec(),
    ))
    .await;
    assert!(client(addr)
        .pull_feed(0, 10)
        .await
        .unwrap_err()
        .is_retryable());
    // Chunked, the last chunk missing.
    let addr = serve_raw(Some(
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"ent\r\n".to_vec(),
    ))
    .await;
    assert!(client(addr)
        .pull_feed(0, 10)
        .await
        .unwrap_err()
        .is_retryable());
}

#[tokio::test]
async fn garbage_silence_and_no_hub_are_unavailable_never_a_panic() {
    for garbage in [
        b"\x00\xff\xfe garbage \r\n\r\n".to_vec(),
        b"HTTP/1.1 999999 What\r\n\r\n".to_vec(),
        b"HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n".to_vec(),
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}".to_vec(),
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n".to_vec(),
        Vec::new(),
    ] {
        let addr = serve_raw(Some(garbage.clone())).await;
        let error = client(addr).whoami().await.unwrap_err();
        assert!(
            error.is_retryable(),
            "{:?}: {error:?}",
            String::from_utf8_lossy(&garbage)
        );
    }
    // A hub that never answers: the request timeout.
    let addr = serve_raw(None).await;
    let hub = HubClient::new(
        HubConfig::new(format!("http://{addr}"))
            .with_timeouts(Duration::from_secs(1), Duration::from_millis(300)),
    )
    .unwrap();
    match hub.whoami().await.unwrap_err() {
        ExchangeError::Unavailable { reason, .. } => {
            assert!(reason.contains("timed out"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    // Nothing listening.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    assert!(client(closed).whoami().await.unwrap_err().is_retryable());
}

#[tokio::test]
async fn an_answer_over_the_limit_is_not_read_whole() {
    let stub = Stub::default();
    let addr = serve_stub(stub.clone()).await;
    let hub = HubClient::new(HubConfig::new(format!("http://{addr}")).with_max_answer_bytes(1024))
        .unwrap();
    stub.answer(Canned::raw(200, "application/pdf", &vec![b'x'; 4096]));
    match hub.fetch_file("big").await.unwrap_err() {
        ExchangeError::Unavailable { reason, .. } => {
            assert!(reason.contains("larger than 1024"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    stub.answer(Canned::raw(200, "application/pdf", &vec![b'x'; 1024]));
    assert_eq!(hub.fetch_file("fits").await.unwrap().len(), 1024);
}

#[tokio::test]
async fn a_key_that_is_no_header_is_refused_before_sending() {
    let stub = Stub::default();
    let addr = serve_stub(stub.clone()).await;
    let error = client(addr)
        .release_case(CASE, "bad\nkey")
        .await
        .unwrap_err();
    assert!(
        matches!(error, ExchangeError::Refused { status: 0, .. }),
        "{error:?}"
    );
    assert!(stub.seen().is_empty());
}
