//! The exchange's storage: the binding, the desk id made once, pulled
//! transfers with their files, and the push state of outbox records.

mod common;

use approval_store::{Database, HubBinding, MaterialFile, PulledTransfer, StoredReview};
use common::at;
use serde_json::json;

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[tokio::test]
async fn the_desk_id_is_made_once_and_the_cursor_never_goes_back() -> TestResult {
    let db = Database::open_in_memory().await?;
    assert!(db.exchange_state().await?.is_none());
    let first = db
        .ensure_exchange_state("0b7f8a52-6c1e-4d8e-9f43-2a5b7c9d1e60")
        .await?;
    let again = db
        .ensure_exchange_state("11111111-2222-4333-8444-555555555555")
        .await?;
    assert_eq!(first.desk_id, again.desk_id);
    let mut tx = db.write().await?;
    tx.advance_feed_cursor(7).await?;
    tx.advance_feed_cursor(3).await?;
    tx.record_sync_outcome(
        at("2026-03-02T10:00:00+08:00"),
        Some(("hub_unavailable", "down")),
    )
    .await?;
    tx.commit().await?;
    let state = db.exchange_state().await?.ok_or("no state")?;
    assert_eq!(state.feed_cursor, 7);
    assert_eq!(
        state.last_error,
        Some(("hub_unavailable".to_owned(), "down".to_owned()))
    );
    assert_eq!(state.last_success_at, None);
    let mut tx = db.write().await?;
    tx.record_sync_outcome(at("2026-03-02T11:00:00+08:00"), None)
        .await?;
    tx.commit().await?;
    let state = db.exchange_state().await?.ok_or("no state")?;
    assert_eq!(state.last_error, None);
    assert_eq!(state.last_success_at, Some(at("2026-03-02T11:00:00+08:00")));
    Ok(())
}

#[tokio::test]
async fn binding_transfers_files_documents_and_reviews_read_back() -> TestResult {
    let db = Database::open_in_memory().await?;
    let binding = HubBinding {
        url: "https://hub.example.gov.cn".into(),
        account: "li.shenpi".into(),
        person: "李审批".into(),
        ca_path: None,
        bound_at: at("2026-03-02T09:00:00+08:00"),
    };
    db.save_hub_binding(&binding).await?;
    assert_eq!(db.hub_binding().await?, Some(binding));
    let pulled = PulledTransfer {
        case_number: "SX2026-000123".into(),
        feed_seq: 4,
        body: json!({"case_number": "SX2026-000123"}),
        pulled_at: at("2026-03-02T10:00:00+08:00"),
        stored_at: None,
        refusal: Some(("not_found".into(), "no item".into())),
    };
    let file = MaterialFile {
        position: 0,
        material_name: "申请书".into(),
        file_name: "a.pdf".into(),
        media_type: "application/pdf".into(),
        sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855".into(),
        content: Vec::new(),
    };
    let mut tx = db.write().await?;
    tx.insert_pulled_transfer(&pulled, std::slice::from_ref(&file))
        .await?;
    assert!(tx.insert_pulled_transfer(&pulled, &[]).await.is_err());
    tx.commit().await?;
    assert_eq!(db.waiting_transfers().await?, vec![pulled.clone()]);
    assert_eq!(db.material_files("SX2026-000123").await?, vec![file]);
    let mut tx = db.write().await?;
    tx.set_transfer_outcome("SX2026-000123", Some(at("2026-03-02T11:00:00+08:00")), None)
        .await?;
    let review = StoredReview {
        feed_seq: 5,
        case_number: "SX2026-000123".into(),
        level: "2".into(),
        comment: "太慢".into(),
        at: at("2026-03-12T10:00:00+08:00"),
        pulled_at: at("2026-03-12T10:05:00+08:00"),
    };
    tx.insert_review(&review).await?;
    tx.insert_review(&review).await?;
    tx.commit().await?;
    assert!(db.waiting_transfers().await?.is_empty());
    assert_eq!(db.reviews(Some("SX2026-000123")).await?, vec![review]);
    assert!(db.result_document("SX2026-000123").await?.is_none());
    Ok(())
}
