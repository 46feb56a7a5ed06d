//! The fault-injection proxy between the hub client and a stub hub: each
//! behaviour does what it says (seen from both ends) and is counted; a push
//! retried with its key through every fault has one effect at an
//! idempotent hub.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use approval_contract::cases::Notice;
use approval_contract::{Exchange, ExchangeError};
use approval_sync::backoff::{Backoff, FixedJitter};
use approval_sync::fault_proxy::{Fault, FaultProxy, Plan, Stats};
use approval_sync::{HubClient, HubConfig};
use common::{at, receipt, serve_raw, serve_stub, Canned, Stub};

const CASE: &str = "11100000000013127D001100000000012025030300001";

fn client(url: &str, request_timeout: Duration) -> HubClient {
    HubClient::new(HubConfig::new(url).with_timeouts(Duration::from_secs(2), request_timeout))
        .unwrap()
        .with_token("t")
}

fn notice() -> Notice {
    Notice::Processing {
        at: at("2025-03-03T10:00:00+08:00"),
    }
}

#[tokio::test]
async fn each_fault_does_what_it_says_and_is_counted() {
    let stub = Stub::default();
    let proxy = FaultProxy::start(serve_stub(stub.clone()).await)
        .await
        .unwrap();
    let hub = client(&proxy.url(), Duration::from_millis(400));
    let n = notice();
    let reached = || stub.seen().len();

    // Pass.
    stub.answer(Canned::json(200, &receipt("a", false)));
    assert_eq!(hub.push_notice(CASE, "k1", &n).await.unwrap().id, "a");
    assert_eq!(reached(), 1);
    assert_eq!(stub.seen()[0].key.as_deref(), Some("k1"));

    // Dropped before forwarding: the hub never saw it.
    proxy.set_fault(Fault::DropBeforeForward);
    assert!(hub
        .push_notice(CASE, "k2", &n)
        .await
        .unwrap_err()
        .is_retryable());
    assert_eq!(reached(), 1);

    // Forwarded, then the answer lost: the hub saw it.
    proxy.set_fault(Fault::DropAfterForward);
    stub.answer(Canned::json(200, &receipt("b", false)));
    assert!(hub
        .push_notice(CASE, "k3", &n)
        .await
        .unwrap_err()
        .is_retryable());
    assert_eq!(reached(), 2);

    // 500 and 429 made by the proxy, the hub untouched.
    proxy.set_fault(Fault::Status500);
    assert!(hub
        .push_notice(CASE, "k4", &n)
        .await
        .unwrap_err()
        .is_retryable());
    proxy.set_fault(Fault::Status429 {
        retry_after_secs: 9,
    });
    match hub.push_notice(CASE, "k5", &n).await.unwrap_err() {
        ExchangeError::Unavailable { retry_after, .. } => {
            assert_eq!(retry_after, Some(Duration::from_secs(9)))
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(reached(), 2);

    // The answer cut in half: a 200 whose body never completes.
    proxy.set_fault(Fault::CutResponse);
    stub.answer(Canned::json(200, &receipt("c", false)));
    match hub.push_notice(CASE, "k6", &n).await.unwrap_err() {
        ExchangeError::Unavailable { reason, .. } => {
            assert!(reason.contains("cut short"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(reached(), 3);

    // A delay past the client's timeout: the client gives up, the hub
    // still gets the request.
    proxy.set_fault(Fault::Delay(Duration::from_millis(800)));
    stub.answer(Canned::json(200, &receipt("d", false)));
    match hub.push_notice(CASE, "k7", &n).await.unwrap_err() {
        ExchangeError::Unavailable { reason, .. } => {
            assert!(reason.contains("timed out"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    tokio::time::sleep(Duration::from_millis(900)).await;
    assert_eq!(reached(), 4);
    // A short delay is only slow.
    proxy.set_fault(Fault::Delay(Duration::from_millis(50)));
    stub.answer(Canned::json(200, &receipt("e", false)));
    assert_eq!(hub.push_notice(CASE, "k8", &n).await.unwrap().id, "e");

    proxy.heal();
    stub.answer(Canned::json(200, &receipt("f", false)));
    assert_eq!(hub.push_notice(CASE, "k9", &n).await.unwrap().id, "f");

    assert_eq!(
        proxy.stats(),
        Stats {
            requests: 9,
            passed: 2,
            dropped_before: 1,
            dropped_after: 1,
            delayed: 2,
            answered_500: 1,
            answered_429: 1,
            cut: 1,
            upstream_failed: 0,
        }
    );
    assert_eq!(proxy.stats().forwarded(), 6);
    let log = proxy.log();
    let keys: Vec<_> = log
        .iter()
        .map(|r| r.request.idempotency_key.clone().unwrap())
        .collect();
    assert_eq!(keys, ["k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9"]);
    assert_eq!(log[2].fault, Fault::DropAfterForward);
    assert_eq!(log[2].upstream_status, Some(200));
    assert_eq!(log[1].upstream_status, None);
    assert_eq!(log[0].request.method, "POST");
    assert_eq!(log[0].request.path, format!("/v1/cases/{CASE}/notices"));
}

/// Pushes retried with the same key through a scripted storm of faults,
/// then a seeded random one: each lands once at a hub that keeps its
/// first answer per key, and the client ends with a receipt for each.
#[tokio::test]
async fn pushes_retried_with_their_key_land_once() {
    let stub = Stub {
        idempotent: true,
        ..Stub::default()
    };
    let proxy = FaultProxy::start(serve_stub(stub.clone()).await)
        .await
        .unwrap();
    let hub = client(&proxy.url(), Duration::from_millis(300));
    let n = notice();
    let push_until_done = |key: String| {
        let hub = hub.clone();
        let n = n.clone();
        async move {
            let mut backoff = Backoff::with_jitter(
                Duration::from_millis(1),
                Duration::from_millis(20),
                FixedJitter(0.5),
            );
            for _ in 0..200 {
                match hub.push_notice(CASE, &key, &n).await {
                    Ok(receipt) => return receipt,
                    Err(error) => {
                        let wait = backoff.delay_for(&error).expect("retryable");
                        // The proxy's Retry-After would make the test slow.
                        tokio::time::sleep(wait.min(Duration::from_millis(20))).await;
                    }
                }
            }
            panic!("{key} never landed");
        }
    };

    proxy.set_plan(
        Plan::script(
            vec![
                Fault::DropAfterForward,
                Fault::CutResponse,
                Fault::Status500,
                Fault::DropBeforeForward,
                Fault::Status429 {
                    retry_after_secs: 1,
                },
                Fault::Delay(Duration::from_millis(500)),
                Fault::DropAfterForward,
            ],
            Fault::Pass,
        )
        .only(|request| request.method == "POST"),
    );
    let first = push_until_done("desk-1-outbox-1".into()).await;
    assert_eq!(first.id, "effect-desk-1-outbox-1");
    assert_eq!(proxy.stats().requests, 8);

    proxy.set_plan(Plan::random(
        2025,
        0.5,
        vec![
            Fault::DropBeforeForward,
            Fault::DropAfterForward,
            Fault::Status500,
            Fault::Status429 {
                retry_after_secs: 0,
            },
            Fault::CutResponse,
            Fault::Delay(Duration::from_millis(400)),
        ],
    ));
    for id in 2..=20 {
        let key = format!("desk-1-outbox-{id}");
        assert_eq!(
            push_until_done(key.clone()).await.id,
            format!("effect-{key}")
        );
    }
    // Late delayed requests reach the stub after the client gave up.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let effects = stub.effects();
    assert_eq!(effects.len(), 20);
    assert!(effects.values().all(|count| *count == 1), "{effects:?}");
    let stats = proxy.stats();
    assert!(stats.faults() >= 10, "{stats:?}");
    // More requests reached the hub than took effect: the replays.
    assert!(stub.seen().len() > 20, "{stats:?}");
}

#[tokio::test]
async fn chunked_and_unframed_answers_pass_through_whole() {
    let chunked = serve_raw(Some(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
            .to_vec(),
    ))
    .await;
    let proxy = FaultProxy::start(chunked).await.unwrap();
    let hub = client(&proxy.url(), Duration::from_secs(2));
    assert_eq!(hub.fetch_file("x").await.unwrap(), b"hello world");
    proxy.set_fault(Fault::CutResponse);
    assert!(hub.fetch_file("x").await.unwrap_err().is_retryable());

    let unframed = serve_raw(Some(
        b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end".to_vec(),
    ))
    .await;
    let proxy = FaultProxy::start(unframed).await.unwrap();
    let hub = client(&proxy.url(), Duration::from_secs(2));
    assert_eq!(hub.fetch_file("x").await.unwrap(), b"until the end");
}

#[tokio::test]
async fn a_hub_that_is_down_is_a_502_until_the_target_moves() {
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    let proxy = FaultProxy::start(closed).await.unwrap();
    let hub = client(&proxy.url(), Duration::from_secs(2));
    match hub.whoami().await.unwrap_err() {
        ExchangeError::Unavailable { reason, .. } => assert!(reason.contains("502"), "{reason}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(proxy.stats().upstream_failed, 1);

    let stub = Stub::default();
    proxy.set_target(serve_stub(stub.clone()).await);
    stub.answer(Canned::raw(200, "text/plain", b""));
    hub.health().await.unwrap();
    assert_eq!(stub.seen().len(), 1);
}
