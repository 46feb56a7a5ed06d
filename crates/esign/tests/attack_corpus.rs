//! The attack corpus (`approval_esign::attack_corpus`) against our own
//! verifier: every attack refused with its reason named, every control
//! valid; on a letter with a classic cross-reference table sealed with RSA
//! and on one with cross-reference and object streams sealed with ECDSA.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;

use approval_esign::attack_corpus::{self, AttackClass, CorpusInput, Expected};
use approval_esign::testca::TestCa;
use approval_esign::{sign_pdf, verify_pdf, Appearance, KeyKind, Placement, SignRequest};
use chrono::{FixedOffset, TimeZone, Utc};

fn request() -> SignRequest {
    SignRequest {
        field_name: "审批专用章".into(),
        reason: Some("准予行政许可".into()),
        location: None,
        name: None,
        signing_time: FixedOffset::east_opt(8 * 3600)
            .unwrap()
            .with_ymd_and_hms(2025, 3, 1, 9, 30, 0)
            .unwrap(),
        visible: Some((
            Placement {
                page_index: 0,
                rect: [400.0, 80.0, 520.0, 200.0],
            },
            Appearance {
                width: 120.0,
                height: 120.0,
                content: b"0.8 0 0 RG 4 w 10 10 100 100 re S".to_vec(),
            },
        )),
    }
}

fn corpus_refused(kind: KeyKind, letter: &[u8]) {
    let from = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    let to = Utc.with_ymd_and_hms(2034, 1, 1, 0, 0, 0).unwrap();
    let ca = TestCa::generate("攻击样本测试根 CA", kind, from, to).unwrap();
    let department = ca.issue_seal("市场监督管理局", kind, from, to).unwrap();
    let second = ca.issue_seal("自然资源和规划局", kind, from, to).unwrap();
    let stranger_ca = TestCa::generate("不受信任的根 CA", kind, from, to).unwrap();
    let stranger = stranger_ca.issue_seal("冒名单位", kind, from, to).unwrap();
    let sealed = sign_pdf(letter, &department, &request()).unwrap();

    let files = attack_corpus::build(&CorpusInput {
        sealed: &sealed,
        trusted: &second,
        untrusted: &stranger,
        signing_time: request().signing_time,
    })
    .unwrap();

    let classes: BTreeSet<AttackClass> = files.iter().map(|f| f.class).collect();
    assert_eq!(
        classes.len(),
        6,
        "every class and the controls: {classes:?}"
    );
    let ids: BTreeSet<&str> = files.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids.len(), files.len(), "ids are unique");
    for named in [
        "isa-earlier-section-one-seal",
        "isa-earlier-section-two-seals",
        "cert-sneaky-unsigned-field-one-seal",
        "control-one-seal",
        "control-two-seals",
    ] {
        assert!(ids.contains(named), "{named} is in the corpus");
    }

    let mut failures = Vec::new();
    for file in &files {
        match verify_pdf(&file.bytes, &[ca.root_der()]) {
            Ok(report) => {
                if let Err(why) = file.judge(&report) {
                    failures.push(why);
                }
            }
            Err(e) if file.expected != Expected::Valid => {
                failures.push(format!("{}: unreadable rather than refused: {e}", file.id))
            }
            Err(e) => failures.push(format!("{}: a control is unreadable: {e}", file.id)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} files not judged as expected:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn rsa_letter_with_a_classic_table_every_attack_is_refused() {
    corpus_refused(KeyKind::Rsa2048, &common::classic_pdf(4000));
}

#[test]
fn ecdsa_letter_with_xref_and_object_streams_every_attack_is_refused() {
    corpus_refused(KeyKind::P256, &common::xref_stream_pdf(4000));
}
