//! The window's seal check (`approval_api::seals::check_incoming_seal`)
//! against the attack corpus (`approval_esign::attack_corpus`): every
//! attack is refused with its reason in the view the window shows, and the
//! untouched and properly double-sealed files are all valid.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use approval_api::seals::check_incoming_seal;
use approval_api::views::seal::{SealCheckView, SealVerdict};
use approval_api::Desk;
use approval_esign::attack_corpus::{self, CorpusInput, Expected};
use approval_esign::testca::TestCa;
use approval_esign::{sign_pdf, KeyKind, SignRequest};
use chrono::{FixedOffset, TimeZone, Utc};

/// A one-page letter with a classic cross-reference table.
fn letter() -> Vec<u8> {
    approval_esign::testca::one_page_pdf("Decision letter: approved")
}

/// Whether the view names the reason `expected` says.
fn names_the_reason(view: &SealCheckView, expected: &Expected) -> bool {
    match expected {
        Expected::Valid => view.verdict == SealVerdict::AllValid,
        Expected::Malformed => view
            .signatures
            .iter()
            .any(|s| s.status.starts_with("malformed") && s.message.starts_with("签章结构损坏")),
        Expected::Modified(words) => view.signatures.iter().any(|s| {
            s.coverage == "modified_after_signing"
                && s.coverage_message.starts_with("签章之后文件被改动")
                && words.iter().all(|w| s.coverage_message.contains(w))
        }),
        Expected::Untrusted(words) => view.signatures.iter().any(|s| {
            s.status == "valid"
                && s.trust == "untrusted"
                && words.iter().all(|w| s.trust_message.contains(w))
        }),
    }
}

#[test]
fn the_window_refuses_every_attack_of_the_corpus_with_its_reason() {
    let from = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    let to = Utc.with_ymd_and_hms(2034, 1, 1, 0, 0, 0).unwrap();
    let ca = TestCa::generate("省电子印章测试根 CA", KeyKind::P256, from, to).unwrap();
    let seal = ca
        .issue_seal("蓝田县市场监督管理局", KeyKind::P256, from, to)
        .unwrap();
    let second = ca
        .issue_seal("蓝田县自然资源局", KeyKind::P256, from, to)
        .unwrap();
    let stranger = TestCa::generate("陌生根 CA", KeyKind::P256, from, to)
        .unwrap()
        .issue_seal("冒名单位", KeyKind::P256, from, to)
        .unwrap();
    let at = FixedOffset::east_opt(8 * 3600)
        .unwrap()
        .with_ymd_and_hms(2025, 3, 1, 9, 30, 0)
        .unwrap();
    let request = SignRequest {
        field_name: "审批专用章".into(),
        reason: Some("准予行政许可".into()),
        location: None,
        name: None,
        signing_time: at,
        visible: None,
    };
    let sealed = sign_pdf(&letter(), &seal, &request).unwrap();
    let files = attack_corpus::build(&CorpusInput {
        sealed: &sealed,
        trusted: &second,
        untrusted: &stranger,
        signing_time: at,
    })
    .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("desk.sqlite3");
    let folder = approval_api::profile::trust_folder(&database);
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("省电子印章根证书.pem"), ca.root_pem().unwrap()).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let desk = runtime.block_on(Desk::open(&database)).unwrap();

    let mut failures = Vec::new();
    for file in &files {
        let view = match check_incoming_seal(&desk, &file.file_name(), &file.bytes) {
            Ok(view) => view,
            Err(error) => {
                failures.push(format!(
                    "{}: refused as an error: {}",
                    file.id, error.message
                ));
                continue;
            }
        };
        let refused = view.verdict == SealVerdict::Invalid;
        let as_expected = match file.expected {
            Expected::Valid => view.verdict == SealVerdict::AllValid,
            // Refused in amber: a seal the desk cannot vouch for.
            Expected::Untrusted(_) => {
                view.verdict == SealVerdict::Untrusted && names_the_reason(&view, &file.expected)
            }
            _ => refused && names_the_reason(&view, &file.expected),
        };
        if !as_expected {
            failures.push(format!(
                "{}: {:?} {:?}",
                file.id,
                view.verdict,
                view.signatures
                    .iter()
                    .map(|s| (&s.status, &s.coverage_message))
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
