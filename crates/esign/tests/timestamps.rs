//! RFC 3161 signature timestamps (PAdES B-T): what an authority's answer
//! must hold before its token goes into a seal, and the seal's time judged
//! at the timestamp. (Over HTTP: `approval-sync`'s tests.)
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::OnceLock;

use approval_esign::testca::TestCa;
use approval_esign::timestamp::{
    token_from_response, RemoteTimestampAuthority, TestTsa, TimestampAuthority, TimestampError,
};
use approval_esign::{sign_pdf_with, verify_pdf, KeyKind, Pkcs12Signer, SignRequest};
use chrono::{DateTime, FixedOffset, TimeZone, Utc};

/// A root and a signer under it, made once (P-256: fast to generate).
fn pki() -> &'static (TestCa, Pkcs12Signer) {
    static PKI: OnceLock<(TestCa, Pkcs12Signer)> = OnceLock::new();
    PKI.get_or_init(|| {
        let from = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
        let to = Utc.with_ymd_and_hms(2034, 1, 1, 0, 0, 0).unwrap();
        let ca = TestCa::generate("时间戳测试根 CA", KeyKind::P256, from, to).unwrap();
        let tsa = ca
            .issue_timestamping("测试时间戳服务", KeyKind::P256, from, to)
            .unwrap();
        (ca, tsa)
    })
}

/// The time the test TSA stamps.
fn loopback_tsa_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 1, 1, 30, 0).unwrap()
}

fn test_tsa() -> TestTsa {
    TestTsa::new(Box::new(pki().1.clone()), loopback_tsa_time())
}

/// A remote authority whose transport answers in memory with `answer`.
fn remote(answer: impl Fn(&[u8]) -> Vec<u8> + Send + Sync + 'static) -> RemoteTimestampAuthority {
    RemoteTimestampAuthority::new(Box::new(move |query| Ok(answer(query))))
}

const IMPRINT: [u8; 32] = [7u8; 32];

#[test]
fn a_remote_tsa_answers_with_a_token_over_the_imprint_with_the_nonce_asked() {
    let token = remote(|query| test_tsa().respond(query).unwrap())
        .timestamp(&IMPRINT)
        .unwrap();
    let info = approval_esign::timestamp::tst_info_of(
        &<cms::content_info::ContentInfo as der::Decode>::from_der(&token).unwrap(),
    )
    .unwrap();
    assert_eq!(info.message_imprint.hashed_message.as_bytes(), IMPRINT);
    assert_eq!(
        info.gen_time.to_unix_duration().as_secs(),
        loopback_tsa_time().timestamp() as u64
    );
    assert!(info.nonce.is_some(), "the request's nonce is echoed");
}

#[test]
fn a_replayed_answer_for_another_request_is_refused() {
    // An answer the TSA gave to an earlier request, with its own nonce.
    let earlier = {
        let request = approval_esign::timestamp::request_der(&IMPRINT, &[1, 2, 3, 4]).unwrap();
        test_tsa().respond(&request).unwrap()
    };
    let replayed = earlier.clone();
    let refused = remote(move |_| replayed.clone())
        .timestamp(&IMPRINT)
        .unwrap_err();
    assert!(
        matches!(refused, TimestampError::BadResponse(_)),
        "{refused:?}"
    );
    assert!(refused.to_string().contains("随机数"), "{refused}");

    // And an answer about other data.
    let other = token_from_response(&earlier, &[8u8; 32], &[1, 2, 3, 4]).unwrap_err();
    assert!(other.to_string().contains("不是所请求的数据"), "{other}");
    // The right nonce and imprint pass.
    assert!(token_from_response(&earlier, &IMPRINT, &[1, 2, 3, 4]).is_ok());
}

#[test]
fn a_garbage_answer_and_a_failed_transport_are_named() {
    let error = remote(|_| b"<html>not a TSA</html>".to_vec())
        .timestamp(&IMPRINT)
        .unwrap_err();
    assert!(matches!(error, TimestampError::BadResponse(_)), "{error:?}");

    let unreachable = RemoteTimestampAuthority::new(Box::new(|_| {
        Err(TimestampError::Transport(
            "无法连接时间戳服务（http://127.0.0.1:9/tsa）：connection refused".into(),
        ))
    }));
    let error = unreachable.timestamp(&IMPRINT).unwrap_err();
    assert!(
        error.to_string().contains("http://127.0.0.1:9/tsa"),
        "{error}"
    );
}

#[test]
fn a_refused_request_says_so() {
    // PKIStatus rejection (2), no token: SEQUENCE { SEQUENCE { INTEGER 2 } }.
    let rejection = vec![0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x02];
    let error = token_from_response(&rejection, &IMPRINT, &[1]).unwrap_err();
    assert!(matches!(error, TimestampError::Refused(_)), "{error:?}");
}

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 1, 0, 0).unwrap()
}

fn china(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&FixedOffset::east_opt(8 * 3600).unwrap())
}

/// A department seal valid through 2025 only, under the same root as the
/// TSA.
fn short_lived_seal() -> &'static Pkcs12Signer {
    static SEAL: OnceLock<Pkcs12Signer> = OnceLock::new();
    SEAL.get_or_init(|| {
        pki()
            .0
            .issue_seal(
                "蓝田县市场监督管理局",
                KeyKind::P256,
                at(2024, 1, 1),
                at(2025, 12, 31),
            )
            .unwrap()
    })
}

/// Seals the test page claiming `claimed` as /M, with a token from `tsa`.
fn sealed(claimed: DateTime<Utc>, tsa: Option<&dyn TimestampAuthority>) -> Vec<u8> {
    let request = SignRequest {
        field_name: "审批专用章".into(),
        reason: Some("准予行政许可".into()),
        location: None,
        name: None,
        signing_time: china(claimed),
        visible: None,
    };
    sign_pdf_with(
        &common::classic_pdf(2000),
        short_lived_seal(),
        &request,
        tsa,
    )
    .unwrap()
}

fn tsa_at(time: DateTime<Utc>) -> TestTsa {
    TestTsa::new(Box::new(pki().1.clone()), time)
}

fn root() -> Vec<Vec<u8>> {
    vec![pki().0.root_der().to_vec()]
}

#[test]
fn a_timestamped_seal_is_judged_at_the_tsa_time_not_at_its_claimed_time() {
    // /M claims 2027, after the seal certificate expired: on its word alone
    // the seal is untrusted.
    let claimed_late = sealed(at(2027, 5, 1), None);
    let report = verify_pdf(&claimed_late, &root()).unwrap();
    let [seal] = report.signatures.as_slice() else {
        panic!("{report:?}")
    };
    assert!(seal.timestamp.is_none());
    assert!(!seal.trusted(), "{seal:?}");

    // The TSA saw the signature in June 2025, while the certificate was
    // valid: trusted, whatever /M says.
    let stamped = sealed(at(2027, 5, 1), Some(&tsa_at(at(2025, 6, 1))));
    let report = verify_pdf(&stamped, &root()).unwrap();
    let [seal] = report.signatures.as_slice() else {
        panic!("{report:?}")
    };
    let timestamp = seal
        .timestamp
        .as_ref()
        .expect("the seal carries its timestamp");
    assert!(timestamp.is_valid(), "{timestamp:?}");
    assert_eq!(timestamp.code(), "valid");
    assert_eq!(timestamp.time, Some(at(2025, 6, 1).fixed_offset()));
    assert_eq!(
        timestamp.tsa_subject.as_deref(),
        Some("CN=测试时间戳服务,O=测试时间戳服务,C=CN")
    );
    assert!(
        timestamp.message_zh().contains("测试时间戳服务"),
        "{}",
        timestamp.message_zh()
    );
    assert_eq!(seal.judged_at(), Some(at(2025, 6, 1).fixed_offset()));
    assert!(seal.is_valid(), "{seal:?}");

    // And the other way round: /M claims 2025, but the TSA saw it in 2027.
    let backdated = sealed(at(2025, 6, 1), Some(&tsa_at(at(2027, 5, 1))));
    let report = verify_pdf(&backdated, &root()).unwrap();
    let [seal] = report.signatures.as_slice() else {
        panic!("{report:?}")
    };
    assert!(seal.timestamp.as_ref().unwrap().is_valid());
    assert!(
        !seal.trusted(),
        "a backdated /M does not save an expired certificate: {seal:?}"
    );
    assert!(!seal.is_valid());
}

/// A TSA that stamps something else than it is asked to.
struct Misdirected(TestTsa);

impl TimestampAuthority for Misdirected {
    fn timestamp(&self, _imprint: &[u8; 32]) -> Result<Vec<u8>, TimestampError> {
        self.0.timestamp(&[0u8; 32])
    }
}

#[test]
fn a_token_over_another_signature_or_from_a_non_tsa_key_or_an_unknown_tsa_is_refused() {
    let time = at(2025, 6, 1);
    let misdirected = sealed(time, Some(&Misdirected(tsa_at(time))));
    let report = verify_pdf(&misdirected, &root()).unwrap();
    let seal = &report.signatures[0];
    let timestamp = seal.timestamp.as_ref().unwrap();
    assert_eq!(timestamp.code(), "broken");
    assert!(
        timestamp.message_zh().contains("不是本签章的签名值"),
        "{}",
        timestamp.message_zh()
    );
    assert!(
        !seal.is_valid(),
        "a broken timestamp makes the seal invalid"
    );

    // A seal key posing as a TSA: its certificate lacks id-kp-timeStamping.
    let posing = TestTsa::new(Box::new(short_lived_seal().clone()), time);
    let report = verify_pdf(&sealed(time, Some(&posing)), &root()).unwrap();
    let timestamp = report.signatures[0].timestamp.as_ref().unwrap();
    assert_eq!(timestamp.code(), "broken");
    assert!(
        timestamp.message_zh().contains("timeStamping"),
        "{}",
        timestamp.message_zh()
    );

    // A real TSA under a root this desk does not trust.
    let other_root =
        TestCa::generate("别处的根 CA", KeyKind::P256, at(2024, 1, 1), at(2034, 1, 1)).unwrap();
    let stranger = other_root
        .issue_timestamping(
            "别处的时间戳服务",
            KeyKind::P256,
            at(2024, 1, 1),
            at(2034, 1, 1),
        )
        .unwrap();
    let report = verify_pdf(
        &sealed(time, Some(&TestTsa::new(Box::new(stranger), time))),
        &root(),
    )
    .unwrap();
    let seal = &report.signatures[0];
    let timestamp = seal.timestamp.as_ref().unwrap();
    assert_eq!(timestamp.code(), "untrusted");
    assert!(!seal.is_valid());
    // Its time is not used: the seal is judged at /M.
    assert_eq!(seal.judged_at(), Some(china(time)));
}
