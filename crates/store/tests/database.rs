//! The profile database: round trips of items, guide histories and bundles,
//! and the schema's guard on published guide versions.

mod common;

use std::path::Path;

use approval_core::guide::{GuideHistory, ItemChange, PendingChange, Requirement, VersionState};
use approval_store::{Database, DbError};
use common::{at, bundle, content, definition, item, ITEM};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// A plain connection beside the store's, for what the API never does.
async fn raw_pool(path: &Path) -> Result<SqlitePool, sqlx::Error> {
    SqlitePool::connect_with(
        SqliteConnectOptions::new()
            .filename(path)
            .foreign_keys(true),
    )
    .await
}

/// v1 published (in force from 2026-01-01), saved.
async fn with_published_v1(db: &Database) -> Result<GuideHistory, Box<dyn std::error::Error>> {
    let item = item();
    db.save_item(&item).await?;
    let mut history = GuideHistory::default();
    history.start_draft(&item)?;
    history.edit_draft(definition(), content())?;
    history.publish(
        &item,
        at("2026-01-01T00:00:00+08:00"),
        at("2025-12-20T10:30:00+08:00"),
        "张科长",
    )?;
    db.save_guide_history(ITEM, &history).await?;
    Ok(history)
}

#[tokio::test]
async fn a_guide_history_reads_back_as_saved_through_drafts_and_publications() -> TestResult {
    let db = Database::open_in_memory().await?;
    let item = item();
    let mut history = with_published_v1(&db).await?;
    assert_eq!(db.guide_history(ITEM).await?, history);

    // v2: a draft saved, edited and saved again, then published.
    history.start_draft(&item)?;
    db.save_guide_history(ITEM, &history).await?;
    assert_eq!(db.guide_history(ITEM).await?, history);
    let mut changed = content();
    changed.materials[1].requirement = Requirement::Conditional {
        condition: "委托代理人办理的".into(),
    };
    changed.materials[0].sample = None;
    changed.flowchart.steps[2].limit = Some(approval_core::guide::TimeLimit::working_days(4));
    changed.conditions.push("法律、法规规定的其他条件".into());
    history.edit_draft(definition(), changed)?;
    db.save_guide_history(ITEM, &history).await?;
    assert_eq!(db.guide_history(ITEM).await?, history);

    history.publish(
        &item,
        at("2026-03-01T00:00:00+08:00"),
        at("2026-02-10T09:00:00+08:00"),
        "李处长",
    )?;
    db.save_guide_history(ITEM, &history).await?;
    let reloaded = db.guide_history(ITEM).await?;
    assert_eq!(reloaded, history);
    assert!(reloaded.versions().iter().all(|v| v.is_published()));
    assert_eq!(reloaded.versions().len(), 2);
    // The published v1 kept its sample file, which v2 dropped.
    assert!(reloaded.versions()[0].content.materials[0].sample.is_some());
    assert!(reloaded.versions()[1].content.materials[0].sample.is_none());
    Ok(())
}

#[tokio::test]
async fn a_reopened_file_picks_the_version_in_force() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("profile").join("desk.sqlite3");
    let item = item();
    let history = {
        let db = Database::open(&path).await?;
        let mut history = with_published_v1(&db).await?;
        history.start_draft(&item)?;
        let mut changed = content();
        changed.fees.clear();
        history.edit_draft(definition(), changed)?;
        history.publish(
            &item,
            at("2026-03-01T00:00:00+08:00"),
            at("2026-02-10T09:00:00+08:00"),
            "李处长",
        )?;
        history.start_draft(&item)?; // v3, still a draft
        db.save_guide_history(ITEM, &history).await?;
        db.close().await;
        history
    };

    let db = Database::open(&path).await?;
    let reloaded = db.guide_history(ITEM).await?;
    assert_eq!(reloaded, history);
    let number_at = |instant: &str| reloaded.in_force_at(at(instant)).map(|v| v.number);
    assert_eq!(number_at("2025-12-31T23:59:59+08:00"), None);
    assert_eq!(number_at("2026-01-01T00:00:00+08:00"), Some(1));
    // 2026-02-28 16:30 UTC is 2026-03-01 00:30 in China: v2.
    assert_eq!(number_at("2026-02-28T16:30:00+00:00"), Some(2));
    assert_eq!(number_at("2026-02-28T23:59:59+08:00"), Some(1));
    assert_eq!(reloaded.draft().map(|v| v.number), Some(3));
    // The instants keep the offset they were written in.
    let Some(VersionState::Published { effective_from, .. }) =
        reloaded.versions().first().map(|v| &v.state)
    else {
        panic!("version 1 is published");
    };
    assert_eq!(effective_from.to_rfc3339(), "2026-01-01T00:00:00+08:00");
    Ok(())
}

#[tokio::test]
async fn the_schema_refuses_any_change_to_a_published_version() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("desk.sqlite3");
    let db = Database::open(&path).await?;
    let mut history = with_published_v1(&db).await?;
    history.start_draft(&item())?;
    db.save_guide_history(ITEM, &history).await?;

    let raw = raw_pool(&path).await?;
    let refused = [
        "UPDATE guide_versions SET name = '改名' WHERE number = 1",
        "UPDATE guide_versions SET state = 'draft', effective_from = NULL, published_at = NULL, published_by = NULL WHERE number = 1",
        "DELETE FROM guide_versions WHERE number = 1",
        "UPDATE materials SET name = '改名' WHERE version_id = (SELECT id FROM guide_versions WHERE number = 1)",
        "DELETE FROM materials WHERE version_id = (SELECT id FROM guide_versions WHERE number = 1)",
        "INSERT INTO materials (version_id, position, material_id, name, requirement, form, originals, copies, electronic_accepted, paper_required, format_notes, filling_instructions) SELECT id, 9, 'M09', '新材料', 'required', 'copy', 0, 1, 1, 0, '', '' FROM guide_versions WHERE number = 1",
        "UPDATE material_samples SET content = X'00'",
        "DELETE FROM material_samples",
        "UPDATE special_stages SET method = '改' WHERE version_id = (SELECT id FROM guide_versions WHERE number = 1)",
        "DELETE FROM flowchart_steps WHERE version_id = (SELECT id FROM guide_versions WHERE number = 1)",
        "UPDATE flowchart_edges SET to_step = 'deliver' WHERE version_id = (SELECT id FROM guide_versions WHERE number = 1)",
        "INSERT INTO flowchart_edges (version_id, position, from_step, to_step) SELECT id, 99, 'receive', 'deliver' FROM guide_versions WHERE number = 1",
    ];
    for statement in refused {
        match sqlx::query(statement).execute(&raw).await {
            Err(sqlx::Error::Database(e)) => assert!(
                e.message()
                    .contains("published guide versions are immutable"),
                "{statement}: {e}"
            ),
            other => panic!("{statement} was not refused: {other:?}"),
        }
    }
    // The draft's rows stay editable.
    sqlx::query("UPDATE materials SET name = '草稿改名' WHERE version_id = (SELECT id FROM guide_versions WHERE number = 2) AND position = 0")
        .execute(&raw)
        .await?;
    // At most one draft per item.
    let second_draft = sqlx::query(
        "INSERT INTO guide_versions (item_code, number, state, stated_code, name, item_type, department, level, setting_basis, complex, statutory_limit_days, statutory_limit_unit, promised_limit_days, promised_limit_unit, result_kind, result_needs_public_notice, conditions_json, legal_basis_json, fees_json, contact_json, windows_json) \
         SELECT item_code, 3, 'draft', stated_code, name, item_type, department, level, setting_basis, complex, statutory_limit_days, statutory_limit_unit, promised_limit_days, promised_limit_unit, result_kind, result_needs_public_notice, conditions_json, legal_basis_json, fees_json, contact_json, windows_json FROM guide_versions WHERE number = 2",
    )
    .execute(&raw)
    .await;
    assert!(second_draft.is_err(), "a second draft was accepted");
    raw.close().await;

    let mut reloaded = db.guide_history(ITEM).await?;
    assert_eq!(reloaded.versions()[0], history.versions()[0]);
    assert_eq!(
        reloaded
            .draft()
            .map(|v| v.content.materials[0].name.as_str()),
        Some("草稿改名")
    );

    // A stale history that states the published version differently is refused whole.
    let mut altered = history.versions().to_vec();
    altered[0].content.conditions.push("新增条件".into());
    let stale = GuideHistory::from_versions(altered);
    let error = db.save_guide_history(ITEM, &stale).await.err();
    assert!(
        matches!(error, Some(DbError::PublishedVersionChanged { ref code, number: 1 }) if code == ITEM),
        "{error:?}"
    );
    assert!(error.is_some_and(|e| e.is_published_version_refusal()));
    reloaded = db.guide_history(ITEM).await?;
    assert_eq!(reloaded.versions()[0], history.versions()[0]);
    Ok(())
}

#[tokio::test]
async fn a_guide_needs_its_item_stored_first() -> TestResult {
    let db = Database::open_in_memory().await?;
    let mut history = GuideHistory::default();
    history.start_draft(&item())?;
    let error = db.save_guide_history(ITEM, &history).await.err();
    assert!(
        matches!(error, Some(DbError::UnknownItem { ref code, .. }) if code == ITEM),
        "{error:?}"
    );
    assert!(db.guide_history(ITEM).await?.versions().is_empty());
    Ok(())
}

#[tokio::test]
async fn a_pending_item_change_reads_back_apart_from_the_definition() -> TestResult {
    let db = Database::open_in_memory().await?;
    assert_eq!(db.item(ITEM).await?, None);
    let mut item = item();
    item.request_change(PendingChange {
        change: ItemChange::Rename {
            name: "食品经营许可（含仅销售预包装食品备案）".into(),
        },
        reason: "省级事项目录调整".into(),
        requested_by: "王科员".into(),
        requested_at: at("2026-02-01T14:05:30.250+08:00"),
    })?;
    db.save_item(&item).await?;
    assert_eq!(db.item(ITEM).await?, Some(item.clone()));

    // Approved: the definition changes and the pending change is gone.
    item.approve_pending()?;
    db.save_item(&item).await?;
    assert_eq!(db.item(ITEM).await?, Some(item.clone()));

    let mut other = common::item();
    other.definition.code = "610100-XK-0000".into();
    other.definition.delegated_to = None;
    other.request_change(PendingChange {
        change: ItemChange::Cancellation,
        reason: "法律修订取消该事项".into(),
        requested_by: "王科员".into(),
        requested_at: at("2026-02-02T09:00:00+08:00"),
    })?;
    other.approve_pending()?;
    db.save_item(&other).await?;
    assert_eq!(db.items().await?, vec![other, item]);
    Ok(())
}

#[tokio::test]
async fn a_bundle_reads_back_as_saved() -> TestResult {
    let db = Database::open_in_memory().await?;
    assert_eq!(db.bundle("TC-0001").await?, None);
    let mut bundle = bundle();
    db.save_bundle(&bundle).await?;
    assert_eq!(db.bundle("TC-0001").await?, Some(bundle.clone()));

    bundle.members.pop();
    bundle.prerequisites.pop();
    bundle.name = "开办餐饮店".into();
    db.save_bundle(&bundle).await?;
    let mut parallel = common::bundle();
    parallel.code = "BL-0001".into();
    parallel.kind = approval_core::bundle::BundleKind::Parallel;
    parallel.prerequisites.clear();
    db.save_bundle(&parallel).await?;
    assert_eq!(db.bundles().await?, vec![parallel, bundle]);
    Ok(())
}

#[tokio::test]
async fn opening_sets_up_the_file_once_and_again() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("new folder").join("desk.sqlite3");
    Database::open(&path).await?.close().await;
    assert!(path.exists());
    let db = Database::open(&path).await?; // migrations already applied
    db.save_item(&item()).await?;
    db.close().await;

    let raw = raw_pool(&path).await?;
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&raw)
        .await?;
    assert_eq!(mode, "wal");
    raw.close().await;
    Ok(())
}
