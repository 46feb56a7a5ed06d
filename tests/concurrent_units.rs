//! The window, its background sweep and `deskctl` may work on one profile
//! at the same moment (two processes, two connection pools). Every use case
//! is one immediate transaction and a case transition is a compare-and-set
//! on the case's version, so none of them can overwrite another's change:
//! each case ends either deemed accepted by the sweep or accepted by the
//! officer, never both and never neither, with one event and one audit
//! entry per change and an unbroken audit chain.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use approval_api::cases::{act_on_case, receive_transfers, sweep_clocks, CaseActRequest};
use approval_api::{Actor, Desk, ErrorCode};
use approval_core::audit::verify_chain;
use approval_core::case::{Action, CaseState, DeskAction, EventKind, Transfer};
use approval_core::guide::ServiceItem;
use approval_desk_tests::{beijing, guide_file, published_history};

const CASES: usize = 24;

fn transfers() -> Vec<Transfer> {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/cases/food-single.json"),
    )
    .unwrap();
    let one: Transfer = serde_json::from_str(&text).unwrap();
    (0..CASES)
        .map(|i| Transfer {
            case_number: format!("SX2026-{:06}", 500 + i),
            ..one.clone()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sweep_and_an_officer_on_two_connections_never_overwrite_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite3");
    let window = Desk::open(&path).await.unwrap();
    let file = guide_file("food-business-licence.json");
    window
        .db()
        .save_item(&ServiceItem::new(file.item.clone()))
        .await
        .unwrap();
    window
        .db()
        .save_guide_history(&file.item.code, &published_history(&file))
        .await
        .unwrap();
    let receiver = Actor::new("窗口");
    receive_transfers(&window, &receiver, transfers())
        .await
        .unwrap();

    // deskctl is another process: another pool on the same file.
    let deskctl = Desk::open(&path).await.unwrap();
    // Received 2026-03-02 10:00; the one working day for acceptance has
    // long passed a week later, so the sweep deems every case accepted
    // unless the officer's acceptance is recorded first.
    let late = beijing("2026-03-09 09:00");
    let officer = Actor::new("张三");
    let numbers: Vec<String> = transfers().into_iter().map(|t| t.case_number).collect();
    let accepting = {
        let numbers = numbers.clone();
        async move {
            let mut accepted = 0;
            for number in numbers {
                let request = CaseActRequest {
                    number,
                    action: DeskAction::Case(Action::Accept),
                    expected_version: None,
                };
                match act_on_case(&deskctl, &officer, late, request).await {
                    Ok(_) => accepted += 1,
                    Err(e) => assert_eq!(
                        e.code,
                        ErrorCode::CaseNotAllowedInState,
                        "only a case the sweep got first is refused: {e:?}"
                    ),
                }
            }
            accepted
        }
    };
    let sweeping = async { sweep_clocks(&window, late).await.unwrap() };
    let (accepted, swept) = tokio::join!(accepting, sweeping);
    assert!(swept.failures.is_empty(), "{:?}", swept.failures);
    assert_eq!(
        accepted + swept.deemed.len(),
        CASES,
        "every case changed exactly once"
    );

    for number in &numbers {
        let stored = window.db().stored_case(number).await.unwrap().unwrap();
        assert_eq!(stored.case.state, CaseState::InReview, "{number}");
        assert_eq!(stored.version, 2, "{number}: one transition recorded");
        let events = window.db().case_events(number).await.unwrap();
        let acceptances = events
            .iter()
            .filter(|e| {
                matches!(
                    e.kind,
                    EventKind::Accepted | EventKind::DeemedAccepted { .. }
                )
            })
            .count();
        assert_eq!(acceptances, 1, "{number}: {events:?}");
    }
    let audit = window.db().audit_entries().await.unwrap();
    verify_chain(&audit).unwrap();
    let case_entries = audit
        .iter()
        .filter(|e| e.record.subject.starts_with("case:"))
        .count();
    assert_eq!(case_entries, CASES);
    let outbox = window.db().outbox().await.unwrap();
    assert_eq!(outbox.len(), CASES, "one acceptance notice a case");
}
