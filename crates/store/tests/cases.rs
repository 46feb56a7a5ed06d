//! Cases in the store: round trips, transitions written with their outbox
//! (or not at all), and the inbox.

mod common;

use approval_core::audit::AuditRecord;
use approval_core::case::{
    receive, Applicant, Applied, CaseEvent, CaseState, EventKind, SubmittedForm, SubmittedMaterial,
    Transfer,
};
use approval_core::guide::GuideHistory;
use approval_store::{
    CaseDue, Database, DbError, InboxFilter, OutboxKind, OutboxRecord, StoredCase,
};
use common::{at, content, definition, item, ITEM};
use serde_json::json;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn history() -> Result<GuideHistory, Box<dyn std::error::Error>> {
    let item = item();
    let mut history = GuideHistory::default();
    history.start_draft(&item)?;
    history.edit_draft(definition(), content())?;
    history.publish(
        &item,
        at("2026-01-01T00:00:00+08:00"),
        at("2025-12-20T10:30:00+08:00"),
        "张科长",
    )?;
    Ok(history)
}

fn transfer(number: &str, received_at: &str) -> Transfer {
    Transfer {
        case_number: number.into(),
        item_code: ITEM.into(),
        applicant: Applicant {
            name: "蓝田县味道餐饮店".into(),
            id_type: "统一社会信用代码".into(),
            id_number: "92610122MA6TXXXX1A".into(),
            phone: String::new(),
        },
        window_unit: "蓝田县政务服务中心".into(),
        received_at: at(received_at),
        materials: vec![SubmittedMaterial {
            name: "食品经营许可申请书".into(),
            material_id: Some("M01".into()),
            form: SubmittedForm::Electronic {
                file_name: "申请书.pdf".into(),
                sealed: true,
            },
        }],
        bundle_instance: None,
    }
}

fn received(
    history: &GuideHistory,
    number: &str,
    received_at: &str,
) -> Result<Applied, Box<dyn std::error::Error>> {
    Ok(receive(transfer(number, received_at), Some(history))?)
}

fn due(acceptance: &str) -> CaseDue {
    CaseDue {
        acceptance_due: Some(at(acceptance)),
        processing_due: None,
    }
}

/// The case accepted by hand at `when` (what the engine would write).
fn accepted(applied: &Applied, when: &str) -> Applied {
    let mut case = applied.case.clone();
    case.state = CaseState::InReview;
    case.acceptance = Some(approval_core::case::Acceptance {
        at: at(when),
        deemed: false,
    });
    Applied {
        events: vec![CaseEvent {
            case: case.number.clone(),
            at: at(when),
            actor: "李审批".into(),
            on_behalf_of: None,
            kind: EventKind::Accepted,
        }],
        case,
    }
}

fn notice(number: &str, when: &str) -> OutboxRecord {
    OutboxRecord {
        kind: OutboxKind::Notice,
        payload: json!({"notice": "acceptance", "case": number}),
        created_at: at(when),
    }
}

#[tokio::test]
async fn a_case_reads_back_as_stored_with_its_events() -> TestResult {
    let db = Database::open_in_memory().await?;
    let history = history()?;
    let applied = received(&history, "SX2026-000001", "2026-03-02T10:00:00+08:00")?;
    db.insert_case(&applied, due("2026-03-04T00:00:00+08:00"))
        .await?;
    assert_eq!(db.case("SX2026-000001").await?, Some(applied.case.clone()));
    assert_eq!(db.case_events("SX2026-000001").await?, applied.events);
    assert_eq!(
        db.case_due("SX2026-000001").await?,
        Some(due("2026-03-04T00:00:00+08:00"))
    );
    assert_eq!(db.case("SX2026-999999").await?, None);
    assert_eq!(
        db.received_cases().await?,
        vec![StoredCase {
            case: applied.case.clone(),
            version: 1
        }]
    );
    // The same number again is refused, naming the case.
    let again = db.insert_case(&applied, CaseDue::default()).await;
    assert!(
        matches!(again, Err(DbError::CaseExists { .. })),
        "{again:?}"
    );
    Ok(())
}

#[tokio::test]
async fn a_transition_is_written_with_its_outbox_and_audit_or_not_at_all() -> TestResult {
    let db = Database::open_in_memory().await?;
    let history = history()?;
    let applied = received(&history, "SX2026-000002", "2026-03-02T10:00:00+08:00")?;
    db.insert_case(&applied, due("2026-03-04T00:00:00+08:00"))
        .await?;

    let next = accepted(&applied, "2026-03-02T15:00:00+08:00");
    let processing = CaseDue {
        acceptance_due: None,
        processing_due: Some(at("2026-03-17T00:00:00+08:00")),
    };
    let audit = AuditRecord {
        at: at("2026-03-02T15:00:00+08:00"),
        actor: "李审批".into(),
        action: "case.accept".into(),
        subject: "case:SX2026-000002".into(),
        before: json!({"state": "received"}),
        after: json!({"state": "in_review"}),
    };
    db.record_transition(
        1,
        &next,
        processing,
        vec![notice("SX2026-000002", "2026-03-02T15:00:00+08:00")],
        Some(audit.clone()),
    )
    .await?;
    assert_eq!(db.case("SX2026-000002").await?, Some(next.case.clone()));
    let events = db.case_events("SX2026-000002").await?;
    assert_eq!(events.len(), 2);
    assert_eq!(events[1].kind, EventKind::Accepted);
    let pending = db.pending_outbox().await?;
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].case_number, "SX2026-000002");
    assert_eq!(pending[0].kind, OutboxKind::Notice);
    assert_eq!(db.audit_entries().await?.len(), 1);
    assert!(db.received_cases().await?.is_empty());

    // A second transition computed from the stale `received` state: refused,
    // and neither the case, its events, the outbox nor the log change.
    let stale = db
        .record_transition(
            1,
            &next,
            processing,
            vec![notice("SX2026-000002", "2026-03-02T16:00:00+08:00")],
            Some(audit),
        )
        .await;
    assert!(
        matches!(&stale, Err(DbError::StaleCase { expected, found, .. })
            if *expected == 1 && *found == 2),
        "{stale:?}"
    );
    assert_eq!(db.case("SX2026-000002").await?, Some(next.case.clone()));
    assert_eq!(db.case_events("SX2026-000002").await?.len(), 2);
    assert_eq!(db.outbox().await?.len(), 1);
    assert_eq!(db.audit_entries().await?.len(), 1);

    // An unknown case is refused too.
    let mut ghost = next.clone();
    ghost.case.number = "SX2026-404".into();
    let unknown = db
        .record_transition(1, &ghost, processing, vec![], None)
        .await;
    assert!(
        matches!(unknown, Err(DbError::UnknownCase { .. })),
        "{unknown:?}"
    );

    // Pushing empties the pending outbox.
    db.mark_pushed(pending[0].id, at("2026-03-02T15:05:00+08:00"))
        .await?;
    assert!(db.pending_outbox().await?.is_empty());
    assert_eq!(
        db.outbox().await?[0].pushed_at,
        Some(at("2026-03-02T15:05:00+08:00"))
    );
    assert!(matches!(
        db.mark_pushed(9999, at("2026-03-02T15:05:00+08:00")).await,
        Err(DbError::UnknownOutboxRecord { .. })
    ));
    Ok(())
}

#[tokio::test]
async fn the_inbox_filters_and_sorts_by_the_current_deadline() -> TestResult {
    let db = Database::open_in_memory().await?;
    let history = history()?;
    // Three received cases, due in an order unlike their numbers, one of
    // them in another offset; one case in review.
    let cases = [
        (
            "SX-3",
            "2026-03-02T10:00:00+08:00",
            "2026-03-04T00:00:00+08:00",
        ),
        (
            "SX-1",
            "2026-03-04T10:00:00+08:00",
            "2026-03-06T00:00:00+08:00",
        ),
        ("SX-2", "2026-03-03T10:00:00+08:00", "2026-03-04T16:00:00Z"),
    ];
    let mut batch = Vec::new();
    for (number, received_at, acceptance_due) in cases {
        batch.push((
            received(&history, number, received_at)?,
            due(acceptance_due),
        ));
    }
    db.insert_cases(&batch, &[]).await?;
    let reviewed = received(&history, "SX-4", "2026-03-01T10:00:00+08:00")?;
    db.insert_case(&reviewed, due("2026-03-03T00:00:00+08:00"))
        .await?;
    db.record_transition(
        1,
        &accepted(&reviewed, "2026-03-02T09:00:00+08:00"),
        CaseDue {
            acceptance_due: None,
            processing_due: Some(at("2026-03-16T00:00:00+08:00")),
        },
        vec![],
        None,
    )
    .await?;

    let numbers = |rows: Vec<approval_store::InboxRow>| -> Vec<String> {
        rows.into_iter().map(|r| r.number).collect()
    };
    let received_only = InboxFilter {
        state: Some("received".into()),
        ..InboxFilter::default()
    };
    assert_eq!(
        numbers(db.inbox(&received_only, None, 50).await?),
        ["SX-3", "SX-2", "SX-1"]
    );
    let rows = db.inbox(&received_only, None, 50).await?;
    assert_eq!(rows[1].due, Some(at("2026-03-05T00:00:00+08:00")));
    assert_eq!(rows[1].state, "received");
    assert_eq!(rows[1].item_code, ITEM);
    assert_eq!(rows[1].officer, None);
    assert_eq!(
        numbers(db.inbox(&InboxFilter::default(), None, 50).await?),
        ["SX-3", "SX-2", "SX-1", "SX-4"]
    );
    assert_eq!(
        numbers(db.inbox(&received_only, Some(&rows[0].cursor()), 1).await?),
        ["SX-2"]
    );
    let due_soon = InboxFilter {
        due_before: Some(at("2026-03-05T00:00:00+08:00")),
        ..InboxFilter::default()
    };
    assert_eq!(numbers(db.inbox(&due_soon, None, 50).await?), ["SX-3"]);
    let in_review = InboxFilter {
        state: Some("in_review".into()),
        item_code: Some(ITEM.into()),
        ..InboxFilter::default()
    };
    assert_eq!(numbers(db.inbox(&in_review, None, 50).await?), ["SX-4"]);
    let other_item = InboxFilter {
        item_code: Some("610100-XX-9999".into()),
        ..InboxFilter::default()
    };
    assert!(db.inbox(&other_item, None, 50).await?.is_empty());
    let officer = InboxFilter {
        officer: Some("王科员".into()),
        ..InboxFilter::default()
    };
    assert!(db.inbox(&officer, None, 50).await?.is_empty());
    Ok(())
}
