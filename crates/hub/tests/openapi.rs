//! The committed OpenAPI document (`docs/openapi.json`) is the one the hub
//! serves. Regenerate: `UPDATE_OPENAPI=1 cargo test -p desk-hub --test openapi`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;

use approval_contract::paths;

fn doc_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/openapi.json")
}

#[test]
fn docs_openapi_json_matches_the_hub() {
    let generated = approval_hub::openapi::document_json();
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(doc_path(), &generated).unwrap();
        return;
    }
    let on_disk = std::fs::read_to_string(doc_path()).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/openapi.json differs from the hub's document; regenerate with\n  UPDATE_OPENAPI=1 cargo test -p desk-hub --test openapi"
    );
}

#[test]
fn the_document_is_openapi_3_1_and_covers_every_path_of_the_contract() {
    let doc: serde_json::Value =
        serde_json::from_str(&approval_hub::openapi::document_json()).unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    assert_eq!(doc["info"]["version"], approval_contract::CONTRACT_VERSION);
    for path in [
        paths::HEALTH,
        paths::SESSION,
        paths::FEED,
        paths::FEED_ACK,
        paths::FILE,
        paths::CASE_NOTICES,
        paths::CASE_RESULT,
        paths::CASE_PUBLIC_NOTICE,
        paths::CASE_DELIVERY,
        paths::FILINGS,
        paths::FILING_DECISION,
        paths::CALENDAR,
        paths::CATALOGUE_GUIDES,
        paths::CATALOGUE_BUNDLES,
        paths::EFFICIENCY,
        paths::CHECKPOINTS,
        paths::WINDOW_CASES,
        paths::WINDOW_CASE,
        paths::WINDOW_TRANSFER,
        paths::WINDOW_REVIEW,
        paths::WINDOW_BUNDLES,
        paths::WINDOW_BUNDLE_RELEASE,
        paths::WINDOW_CASE_RELEASE,
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} missing");
    }
}

#[tokio::test]
async fn the_hub_serves_the_document() {
    let hub = common::start(common::Backend::Sqlite).await;
    let answer = common::Client::anonymous(&hub.base)
        .get(paths::OPENAPI)
        .await;
    let committed: serde_json::Value =
        serde_json::from_str(&approval_hub::openapi::document_json()).unwrap();
    assert_eq!(answer.body, committed);
}
