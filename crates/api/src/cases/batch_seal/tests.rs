#![allow(clippy::unwrap_used, clippy::expect_used)]

use approval_core::error_code::ErrorCode;

use super::*;
use crate::cases::scenarios::{self, march, officer};
use crate::results::{KeyKind, TestSeal};
use crate::testing::{desk, MARKET};
use crate::views::case::SealKeyRequest;

const FIRST: &str = "SX2026-000401";
const UNDECIDED: &str = "SX2026-000402";
const LAST: &str = "SX2026-000403";

fn batch() -> Batch {
    Batch {
        review_body: "蓝田县人民政府".into(),
        court: "蓝田县人民法院".into(),
        verification_url: None,
    }
}

fn case(number: &str, n: u32) -> BatchSealCase {
    BatchSealCase {
        number: number.into(),
        document_number: format!("蓝市监许〔2026〕{n}号"),
    }
}

#[tokio::test]
async fn a_batch_seals_each_decided_case_and_goes_on_past_one_refused() {
    let (_dir, desk) = desk().await;
    for number in [FIRST, UNDECIDED, LAST] {
        scenarios::received(&desk, number).await;
    }
    for number in [FIRST, LAST] {
        scenarios::in_survey(&desk, number).await;
        scenarios::approved(&desk, number).await;
    }
    let waiting = cases_awaiting_seal(&desk, &officer(), march(6, 11))
        .await
        .unwrap();
    let mut numbers: Vec<&str> = waiting.iter().map(|c| c.number.as_str()).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, [FIRST, LAST]);
    assert_eq!(waiting[0].state, "decided");

    let font = discover_font(None).expect("a Chinese font (scripts/install-system-packages.sh)");
    let key = TestSeal::issue(MARKET, KeyKind::P256, march(1, 9)).unwrap();
    let mut seen = Vec::new();
    let view = batch()
        .seal(
            &desk,
            &officer(),
            vec![case(FIRST, 12), case(UNDECIDED, 13), case(LAST, 14)],
            key.signer(),
            &font,
            march(6, 11),
            &mut |p| seen.push(p),
        )
        .await
        .unwrap();
    assert_eq!((view.sealed, view.failed), (2, 1));
    assert_eq!(view.outcomes[0].error, None);
    let refused = view.outcomes[1].error.as_ref().unwrap();
    assert_eq!(refused.code, ErrorCode::NotDecided);
    assert_eq!(view.outcomes[2].error, None);
    assert_eq!(seen.len(), 3);
    assert_eq!(
        seen.iter()
            .map(|p| (p.done, p.total, p.sealed))
            .collect::<Vec<_>>(),
        [(1, 3, true), (2, 3, false), (3, 3, true)]
    );
    assert_eq!(seen[1].number, UNDECIDED);
    assert!(cases_awaiting_seal(&desk, &officer(), march(6, 12))
        .await
        .unwrap()
        .is_empty());

    // Again: both are sealed already; what is kept stays kept.
    let again = batch()
        .seal(
            &desk,
            &officer(),
            vec![case(FIRST, 15), case(LAST, 16)],
            key.signer(),
            &font,
            march(6, 12),
            &mut |_| {},
        )
        .await
        .unwrap();
    assert_eq!((again.sealed, again.failed), (0, 2));
    for outcome in &again.outcomes {
        assert_eq!(
            outcome.error.as_ref().map(|e| e.code),
            Some(ErrorCode::AlreadyExists)
        );
    }
}

#[tokio::test]
async fn a_key_that_cannot_be_opened_stops_the_batch_before_any_case() {
    let (_dir, desk) = desk().await;
    let mut calls = 0;
    let request = BatchSealRequest {
        cases: vec![case(FIRST, 12)],
        review_body: "蓝田县人民政府".into(),
        court: "蓝田县人民法院".into(),
        verification_url: None,
        key: SealKeyRequest::Pkcs11 {
            module: "/nonexistent/pkcs11.so".into(),
            token: "USB".into(),
            key_label: "seal".into(),
            pin: "654321".into(),
            chain_path: None,
        },
    };
    assert!(!format!("{request:?}").contains("654321"));
    let refused = seal_results(&desk, &officer(), request, march(6, 11), &mut |_| {
        calls += 1
    })
    .await
    .unwrap_err();
    assert_eq!(refused.code, ErrorCode::SealFailed);
    assert!(!refused.message.contains("654321"));
    assert!(!refused.message_en.contains("654321"));
    assert_eq!(calls, 0);
}
