//! Service items' guides (办事指南): checking a guide file, importing it as
//! a new version (a draft, or published), exporting a stored version in
//! the exchange format, and listing the items a person may read with their
//! versions.

use approval_core::access::{Action, Target};
use approval_core::audit::AuditRecord;
use approval_core::error_code::ErrorCode;
use approval_core::exchange::{read_guide_file, GuideFile};
use approval_core::guide::{ItemStatus, ServiceItem};
use chrono::{DateTime, FixedOffset};

use crate::access::{item_target, may_view, require, Actor};
use crate::file_check::FileCheck;
use crate::{in_read_unit, in_write_unit, ApiError, Desk};

/// Checks a guide file (the exchange format, docs/formats.md): its shape,
/// then every rule of the guide and its flowchart.
pub fn check_guide_file(json: &str) -> FileCheck<GuideFile> {
    let reading = read_guide_file(json);
    FileCheck::new(reading.findings, reading.file, ErrorCode::GuideInvalid)
}

/// A checked guide file to store as the item's next guide version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideImportRequest {
    pub file: GuideFile,
    /// Keep the new version as a draft instead of publishing it.
    pub draft_only: bool,
    /// When the version takes effect, instead of the file's
    /// `effective_from`; with neither, at `now`.
    pub effective_from: Option<DateTime<FixedOffset>>,
}

/// The version an import made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideImported {
    pub code: String,
    pub number: u32,
    pub published: bool,
}

/// Stores `request.file` as the next version of its item's guide (the
/// item is created with it when new), published at `now` by `actor`
/// unless kept a draft. Editing needs `edit_guide`, publishing
/// `publish_guide`, in the item's department. Everything is checked before
/// anything is written: a refused import stores nothing.
pub async fn import_guide(
    desk: &Desk,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    request: GuideImportRequest,
) -> Result<GuideImported, ApiError> {
    let GuideImportRequest {
        file,
        draft_only,
        effective_from,
    } = request;
    let effective_from = effective_from.or(file.effective_from).unwrap_or(now);
    let action = if draft_only {
        Action::EditGuide
    } else {
        Action::PublishGuide
    };
    let code = file.item.code.clone();
    let imported = in_write_unit!(desk.db(), async |tx| {
        let target = item_target(tx, &code, &file.item).await?;
        require(tx, actor, action, target.clone()).await?;
        let item = match tx.item(&code).await? {
            Some(item) => item,
            // Art 5: a guide under a code no item has establishes a new item
            // (设立): the department administrator's act, audited, not an
            // editor's import (re-importing under a new code would otherwise
            // escape the item-change filing).
            None => {
                require(tx, actor, Action::EstablishItem, target).await?;
                tx.append_audit(AuditRecord {
                    at: now,
                    actor: actor.name().to_owned(),
                    action: "item.establish".to_owned(),
                    subject: format!("item:{code}"),
                    before: serde_json::Value::Null,
                    after: serde_json::json!({
                        "name": file.item.name,
                        "department": file.item.department,
                    }),
                })
                .await?;
                ServiceItem::new(file.item.clone())
            }
        };
        let mut history = tx.guide_history(&code).await?;
        if history.draft().is_none() {
            history.start_draft(&item)?;
        }
        let number = history
            .edit_draft(file.item.clone(), file.guide.clone())?
            .number;
        if !draft_only {
            history.publish(&item, effective_from, now, actor.name())?;
        }
        tx.save_item(&item).await?;
        tx.save_guide_history(&code, &history).await?;
        Ok(GuideImported {
            code: code.clone(),
            number,
            published: !draft_only,
        })
    })
    .await?;
    tracing::info!(
        item = %imported.code,
        version = imported.number,
        published = imported.published,
        person = actor.name(),
        "guide imported"
    );
    Ok(imported)
}

/// The guide of item `code` in the exchange format: version `number`, or
/// without one the version in force at `at` (else the latest published).
/// Needs `view_guide` in the item's department.
pub async fn export_guide(
    desk: &Desk,
    actor: &Actor,
    at: DateTime<FixedOffset>,
    code: &str,
    number: Option<u32>,
) -> Result<GuideFile, ApiError> {
    in_read_unit!(desk.db(), async |tx| {
        let item = tx.item(code).await?.ok_or_else(|| {
            ApiError::not_found(
                format!("事项“{code}”未保存"),
                format!("no item {code} is stored"),
            )
        })?;
        require(
            tx,
            actor,
            Action::ViewGuide,
            Target::of_item(&item.definition),
        )
        .await?;
        let history = tx.guide_history(code).await?;
        let version = match number {
            Some(n) => history.versions().iter().find(|v| v.number == n),
            None => history
                .in_force_at(at)
                .or_else(|| history.latest_published()),
        };
        match (version, number) {
            (Some(version), _) => Ok(GuideFile::of_version(version)),
            (None, Some(n)) => Err(ApiError::not_found(
                format!("事项“{code}”没有第{n}版办事指南"),
                format!("item {code} has no guide version {n}"),
            )),
            (None, None) => Err(ApiError::not_found(
                format!("事项“{code}”没有已发布的办事指南"),
                format!("item {code} has no published guide"),
            )),
        }
    })
    .await
}

/// A guide file as JSON (pretty-printed, as `guide export` writes it).
pub fn guide_file_json(file: &GuideFile) -> Result<String, ApiError> {
    serde_json::to_string_pretty(file).map_err(|e| {
        ApiError::internal(
            format!("无法将办事指南写成 JSON：{e}"),
            format!("cannot write the guide as JSON: {e}"),
        )
    })
}

/// One stored item with its guide's versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideListing {
    pub code: String,
    pub name: String,
    pub department: String,
    pub status: ItemStatus,
    /// Oldest first.
    pub versions: Vec<VersionListing>,
}

/// One version of a guide: published from `effective_from`, or a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionListing {
    pub number: u32,
    /// `None` for the draft.
    pub effective_from: Option<DateTime<FixedOffset>>,
}

/// The stored items whose guides `actor` may read (`view_guide` in the
/// item's department), with their versions.
pub async fn list_guides(desk: &Desk, actor: &Actor) -> Result<Vec<GuideListing>, ApiError> {
    in_read_unit!(desk.db(), async |tx| {
        let mut listed = Vec::new();
        for item in tx.items().await? {
            let definition = &item.definition;
            let target = Target::of_item(definition);
            if !may_view(tx, actor, Action::ViewGuide, &target).await? {
                continue;
            }
            let history = tx.guide_history(&definition.code).await?;
            listed.push(GuideListing {
                code: definition.code.clone(),
                name: definition.name.clone(),
                department: definition.department.clone(),
                status: item.status(),
                versions: history
                    .versions()
                    .iter()
                    .map(|v| VersionListing {
                        number: v.number,
                        effective_from: v.effective_from(),
                    })
                    .collect(),
            });
        }
        Ok(listed)
    })
    .await
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use approval_core::access::{Role, Scope};

    use super::*;
    use crate::testing::{at, desk, grant, publish, FIRE, FOOD, MARKET};

    const CYCLE: &str = include_str!("../../../tests/fixtures/bad/guide-cycle.json");
    const SYNTAX: &str = include_str!("../../../tests/fixtures/bad/guide-syntax-error.json");
    const FOOD_CODE: &str = "610122-SCJG-XK-0001";

    #[test]
    fn a_good_file_is_accepted_and_a_bad_one_refused_with_its_findings() {
        assert!(check_guide_file(FOOD).accepted("food.json").is_ok());
        let check = check_guide_file(CYCLE);
        assert!(check.file().is_some());
        assert!(check
            .findings
            .iter()
            .any(|f| f.code.as_str() == "flowchart_cycle"));
        let errors = check.errors();
        let error = check.accepted("cycle.json").unwrap_err();
        assert_eq!(error.code, ErrorCode::GuideInvalid);
        assert_eq!(
            error.message_en,
            format!("cycle.json was rejected: {errors} error(s), nothing was changed")
        );
        assert!(error.message.contains("cycle.json"), "{}", error.message);
        assert_eq!(error.details.len(), errors);
        assert!(error
            .details
            .iter()
            .any(|d| d.message_en == "flowchart_cycle"));

        let error = check_guide_file(SYNTAX)
            .accepted("syntax.json")
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::GuideInvalid);
        assert!(error.details[0].location.starts_with("line "), "{error:?}");
    }

    #[tokio::test]
    async fn an_import_publishes_then_exports_and_lists() {
        let (_dir, desk) = desk().await;
        let actor = Actor::new("editor");
        let file = check_guide_file(FOOD).accepted("food.json").unwrap();
        let imported = import_guide(
            &desk,
            &actor,
            at(2026, 1, 1),
            GuideImportRequest {
                file: file.clone(),
                draft_only: false,
                effective_from: None,
            },
        )
        .await
        .unwrap();
        assert_eq!(
            imported,
            GuideImported {
                code: FOOD_CODE.to_owned(),
                number: 1,
                published: true
            }
        );
        let exported = export_guide(&desk, &actor, at(2026, 2, 1), FOOD_CODE, None)
            .await
            .unwrap();
        assert_eq!(exported.guide, file.guide);
        assert!(guide_file_json(&exported).unwrap().contains(FOOD_CODE));
        let listed = list_guides(&desk, &actor).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].status, ItemStatus::Active);
        assert_eq!(listed[0].versions[0].effective_from, file.effective_from);

        // A second version may not take effect before now.
        let backdated = import_guide(
            &desk,
            &actor,
            at(2026, 3, 1),
            GuideImportRequest {
                file,
                draft_only: false,
                effective_from: None,
            },
        )
        .await
        .unwrap_err();
        assert_eq!(backdated.code, ErrorCode::GuideEffectiveInPast);
        assert_eq!(list_guides(&desk, &actor).await.unwrap(), listed);
    }

    #[tokio::test]
    async fn a_draft_is_listed_without_a_date_and_not_exported() {
        let (_dir, desk) = desk().await;
        let actor = Actor::new("editor");
        let file = check_guide_file(FOOD).accepted("food.json").unwrap();
        let imported = import_guide(
            &desk,
            &actor,
            at(2026, 1, 1),
            GuideImportRequest {
                file,
                draft_only: true,
                effective_from: None,
            },
        )
        .await
        .unwrap();
        assert!(!imported.published);
        let listed = list_guides(&desk, &actor).await.unwrap();
        assert_eq!(listed[0].versions[0].effective_from, None);
        let error = export_guide(&desk, &actor, at(2026, 2, 1), FOOD_CODE, None)
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::NotFound);
        assert_eq!(
            error.message_en,
            format!("item {FOOD_CODE} has no published guide")
        );
    }

    #[tokio::test]
    async fn importing_needs_the_role_in_the_items_department() {
        let (_dir, desk) = desk().await;
        grant(
            &desk,
            "editor",
            Role::GuideEditor,
            Scope::Department(MARKET.into()),
        )
        .await;
        let file = check_guide_file(FIRE).accepted("fire.json").unwrap();
        let request = GuideImportRequest {
            file,
            draft_only: false,
            effective_from: None,
        };
        let denied = import_guide(
            &desk,
            &Actor::new("editor"),
            at(2026, 1, 1),
            request.clone(),
        )
        .await
        .unwrap_err();
        assert_eq!(denied.code, ErrorCode::AccessOutOfScope);
        let stranger = import_guide(&desk, &Actor::new("stranger"), at(2026, 1, 1), request)
            .await
            .unwrap_err();
        assert_eq!(stranger.code, ErrorCode::AccessNoRole);
        // Nothing was stored.
        grant(&desk, "viewer", Role::Manager, Scope::All).await;
        assert!(list_guides(&desk, &Actor::new("viewer"))
            .await
            .unwrap()
            .is_empty());
    }

    #[tokio::test]
    async fn export_refuses_an_unknown_item_a_missing_version_and_a_stranger() {
        let (_dir, desk) = desk().await;
        let actor = Actor::new("editor");
        let unknown = export_guide(&desk, &actor, at(2026, 2, 1), "nope", None)
            .await
            .unwrap_err();
        assert_eq!(unknown.code, ErrorCode::NotFound);
        assert_eq!(unknown.message_en, "no item nope is stored");
        publish(&desk, FOOD).await;
        let missing = export_guide(&desk, &actor, at(2026, 2, 1), FOOD_CODE, Some(7))
            .await
            .unwrap_err();
        assert_eq!(
            missing.message_en,
            format!("item {FOOD_CODE} has no guide version 7")
        );
        grant(
            &desk,
            "fire",
            Role::Officer,
            Scope::Department("蓝田县消防救援大队".into()),
        )
        .await;
        let stranger = export_guide(
            &desk,
            &Actor::new("fire"),
            at(2026, 2, 1),
            FOOD_CODE,
            Some(1),
        )
        .await
        .unwrap_err();
        assert_eq!(stranger.code, ErrorCode::AccessOutOfScope);
    }

    #[tokio::test]
    async fn the_list_shows_only_the_departments_a_person_may_see() {
        let (_dir, desk) = desk().await;
        publish(&desk, FOOD).await;
        publish(&desk, FIRE).await;
        grant(
            &desk,
            "officer",
            Role::Officer,
            Scope::Department(MARKET.into()),
        )
        .await;
        let listed = list_guides(&desk, &Actor::new("officer")).await.unwrap();
        assert_eq!(
            listed.iter().map(|l| l.code.as_str()).collect::<Vec<_>>(),
            [FOOD_CODE]
        );
        assert!(list_guides(&desk, &Actor::new("nobody"))
            .await
            .unwrap()
            .is_empty());
    }
}
