//! A timestamp authority over HTTP on loopback (esign's test TSA served by
//! `LoopbackTsa`): the query goes out as RFC 3161 section 3.4 says, the
//! answer comes back, and a seal timestamped through it verifies; an HTTP
//! error, a closed port and a bad address are named.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::TcpListener;

use approval_esign::testca::TestCa;
use approval_esign::timestamp::{
    LoopbackTsa, RemoteTimestampAuthority, TestTsa, TimestampAuthority, TimestampError,
};
use approval_esign::{sign_pdf_with, verify_pdf, KeyKind, Pkcs12Signer, SignRequest};
use approval_sync::tsa::{post_timestamp_query, TsaAddress, TsaError};
use chrono::{DateTime, Duration, FixedOffset, TimeZone, Utc};

struct Pki {
    ca: TestCa,
    seal: Pkcs12Signer,
    tsa: Pkcs12Signer,
}

fn pki() -> Pki {
    let from = Utc::now() - Duration::days(1);
    let to = from + Duration::days(365);
    let ca = TestCa::generate("网络测试根 CA", KeyKind::P256, from, to).unwrap();
    Pki {
        seal: ca
            .issue_seal("蓝田县市场监督管理局", KeyKind::P256, from, to)
            .unwrap(),
        tsa: ca
            .issue_timestamping("测试时间戳服务", KeyKind::P256, from, to)
            .unwrap(),
        ca,
    }
}

fn now() -> DateTime<Utc> {
    Utc.timestamp_opt(Utc::now().timestamp(), 0).unwrap()
}

/// The authority at `address`, through this crate's HTTP transport.
fn over_http(address: TsaAddress) -> RemoteTimestampAuthority {
    RemoteTimestampAuthority::new(Box::new(move |query| {
        post_timestamp_query(&address, query).map_err(|e| TimestampError::Transport(e.to_string()))
    }))
}

#[test]
fn a_seal_timestamped_by_a_tsa_over_http_verifies_at_the_tsa_time() {
    let pki = pki();
    let stamped_at = now();
    let server =
        LoopbackTsa::serving(TestTsa::new(Box::new(pki.tsa.clone()), stamped_at), 1).unwrap();
    let tsa = over_http(TsaAddress::parse(server.url()).unwrap());
    let request = SignRequest {
        field_name: "审批专用章".into(),
        reason: Some("准予行政许可".into()),
        location: None,
        name: None,
        signing_time: stamped_at.with_timezone(&FixedOffset::east_opt(8 * 3600).unwrap()),
        visible: None,
    };
    let pdf = sign_pdf_with(
        &approval_esign::testca::one_page_pdf("Decision letter"),
        &pki.seal,
        &request,
        Some(&tsa as &dyn TimestampAuthority),
    )
    .unwrap();
    let queries = server.finish().unwrap();
    assert_eq!(queries.len(), 1, "one query to the TSA");

    let report = verify_pdf(&pdf, &[pki.ca.root_der()]).unwrap();
    let seal = &report.signatures[0];
    assert!(seal.is_valid(), "{seal:?}");
    let timestamp = seal.timestamp.as_ref().unwrap();
    assert_eq!(timestamp.code(), "valid");
    assert_eq!(timestamp.time, Some(stamped_at.fixed_offset()));
}

#[test]
fn an_http_error_and_a_closed_port_are_named_with_the_address() {
    let server = LoopbackTsa::start(1, |_| (503, Vec::new())).unwrap();
    let address = TsaAddress::parse(server.url()).unwrap();
    let error = post_timestamp_query(&address, b"query").unwrap_err();
    server.finish().unwrap();
    assert!(
        matches!(error, TsaError::Status { status: 503, .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains(address.as_str()), "{error}");

    let closed = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/tsa", listener.local_addr().unwrap())
    };
    let error = post_timestamp_query(&TsaAddress::parse(&closed).unwrap(), b"query").unwrap_err();
    assert!(matches!(error, TsaError::Unreachable { .. }), "{error:?}");
    assert!(error.to_string().contains(&closed), "{error}");
}

#[test]
fn the_query_is_posted_as_it_is_and_the_reply_returned_as_it_is() {
    let server =
        LoopbackTsa::start(1, |query| (200, query.iter().rev().copied().collect())).unwrap();
    let reply =
        post_timestamp_query(&TsaAddress::parse(server.url()).unwrap(), b"\x30\x03abc").unwrap();
    assert_eq!(reply, b"cba\x03\x30");
    assert_eq!(server.finish().unwrap(), vec![b"\x30\x03abc".to_vec()]);
}
