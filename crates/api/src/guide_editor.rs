//! The guide editor's use cases (issue 15): the items an editor may work
//! on, a draft with its published version, and checking a draft as it is
//! typed (its findings and the public chart's layout of its flowchart).
//! Editing needs `edit_guide` in the item's department.

use approval_core::access::Action;
use approval_core::audit::AuditRecord;
use approval_core::error_code::ErrorCode;
use approval_core::exchange::{guide_file_findings, read_guide_file, GuideFile};
use approval_core::guide::VersionError;
use approval_core::guide::{Finding, Flowchart, ItemStatus, Severity, SpecialStage};
use approval_docs::Layout;
use chrono::{DateTime, FixedOffset};

use crate::access::{item_target, may_view, require, Actor};
use crate::file_check::error_details;
use crate::views::case::FlowEdgeView;
use crate::views::guide_editor::{
    GuideCheckView, GuideDiffView, GuideDraftSavedView, GuideEditorItemView, GuideEditorView,
    GuideLayoutNodeView, GuideLayoutView, GuidePublishedView,
};
use crate::{in_read_unit, in_write_unit, ApiError, Desk};

/// Checks a draft the window holds, as typed: the findings of the
/// exchange format's reading and every rule of the guide, and the layout
/// of its flowchart. Pure and cheap; never fails: a draft whose shape is
/// wrong gives `malformed` findings with the path of the wrong field, and
/// its flowchart is still laid out when its own shape is right.
pub fn check_guide_draft(draft: &serde_json::Value) -> GuideCheckView {
    let reading = read_guide_file(&draft.to_string());
    let layout = match &reading.file {
        Some(file) => Some(layout_view(
            &file.guide.flowchart,
            &file.guide.special_stages,
        )),
        None => partial_layout(draft),
    };
    check_view(reading.findings, layout)
}

/// The findings and layout of a well-formed guide file.
pub fn check_guide_file_draft(file: &GuideFile) -> GuideCheckView {
    let findings = guide_file_findings(file);
    let layout = layout_view(&file.guide.flowchart, &file.guide.special_stages);
    check_view(findings, Some(layout))
}

/// The flowchart of a draft whose whole shape is wrong, when the chart's
/// own shape is right (the special stages only size boxes: without them
/// the stage boxes are plain).
fn partial_layout(draft: &serde_json::Value) -> Option<GuideLayoutView> {
    let guide = draft.get("guide")?;
    let chart: Flowchart = serde_json::from_value(guide.get("flowchart")?.clone()).ok()?;
    let stages: Vec<SpecialStage> = guide
        .get("special_stages")
        .and_then(|s| serde_json::from_value(s.clone()).ok())
        .unwrap_or_default();
    Some(layout_view(&chart, &stages))
}

fn check_view(mut findings: Vec<Finding>, layout: Option<GuideLayoutView>) -> GuideCheckView {
    // Errors first, each kind in the order the reading found them.
    findings.sort_by_key(|f| f.severity);
    let count = |severity: Severity| {
        u32::try_from(findings.iter().filter(|f| f.severity == severity).count())
            .unwrap_or(u32::MAX)
    };
    let errors = count(Severity::Error);
    let warnings = count(Severity::Warning);
    GuideCheckView {
        findings,
        errors,
        warnings,
        publishable: errors == 0,
        layout,
    }
}

/// The chart laid out by the public chart's layout.
fn layout_view(chart: &Flowchart, stages: &[SpecialStage]) -> GuideLayoutView {
    let Layout {
        boxes,
        edges,
        width,
        height,
    } = approval_docs::layout_with_stages(chart, stages);
    let index = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
    GuideLayoutView {
        width,
        height,
        nodes: boxes
            .iter()
            .filter_map(|placed| {
                Some(GuideLayoutNodeView {
                    id: chart.steps.get(placed.step_index)?.id.clone(),
                    step_index: index(placed.step_index),
                    x: placed.x,
                    y: placed.y,
                    width: placed.width,
                    height: placed.height,
                    layer: index(placed.layer),
                })
            })
            .collect(),
        edges: FlowEdgeView::routed(chart, &edges),
    }
}

fn status_word(status: ItemStatus) -> &'static str {
    match status {
        ItemStatus::Active => "active",
        ItemStatus::ChangePending => "change_pending",
        ItemStatus::Cancelled => "cancelled",
    }
}

/// The stored items whose guides `actor` may edit (`edit_guide` in the
/// item's department), by code, those whose code or name contains
/// `search` (ignoring case and surrounding spaces) when it is given.
pub async fn guide_editor_items(
    desk: &Desk,
    actor: &Actor,
    search: Option<&str>,
) -> Result<Vec<GuideEditorItemView>, ApiError> {
    let search = search
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty());
    in_read_unit!(desk.db(), async |tx| {
        let mut listed = Vec::new();
        for item in tx.items().await? {
            let definition = &item.definition;
            if let Some(search) = &search {
                let matches = definition.code.to_lowercase().contains(search)
                    || definition.name.to_lowercase().contains(search);
                if !matches {
                    continue;
                }
            }
            let target = item_target(tx, &definition.code, definition).await?;
            if !may_view(tx, actor, Action::EditGuide, &target).await? {
                continue;
            }
            let history = tx.guide_history(&definition.code).await?;
            let published = history.latest_published();
            listed.push(GuideEditorItemView {
                code: definition.code.clone(),
                name: definition.name.clone(),
                department: definition.department.clone(),
                status: status_word(item.status()).to_owned(),
                has_draft: history.draft().is_some(),
                published_number: published.map(|v| v.number),
                published_effective_from: published
                    .and_then(|v| v.effective_from())
                    .map(|at| at.to_rfc3339()),
            });
        }
        listed.sort_by(|a, b| a.code.cmp(&b.code));
        Ok(listed)
    })
    .await
}

/// Item `code`'s guide in the editor: its draft (or, without one, the
/// version in force at `now` as the starting point of a new draft), the
/// latest published version, and what checking the draft finds. Needs
/// `edit_guide` in the item's department.
pub async fn guide_editor_view(
    desk: &Desk,
    actor: &Actor,
    code: &str,
    now: DateTime<FixedOffset>,
) -> Result<GuideEditorView, ApiError> {
    in_read_unit!(desk.db(), async |tx| {
        let item = tx.item(code).await?.ok_or_else(|| no_item(code))?;
        let target = item_target(tx, code, &item.definition).await?;
        require(tx, actor, Action::EditGuide, target).await?;
        let history = tx.guide_history(code).await?;
        let published = history.latest_published();
        let (draft_number, draft) = match history.draft() {
            Some(draft) => (Some(draft.number), GuideFile::of_version(draft)),
            None => {
                let start = history
                    .in_force_at(now)
                    .or(published)
                    .ok_or_else(|| no_guide(code))?;
                let mut file = GuideFile::of_version(start);
                // A new version gets its own date when it is published.
                file.effective_from = None;
                (None, file)
            }
        };
        let check = check_guide_file_draft(&draft);
        Ok(GuideEditorView {
            code: item.definition.code.clone(),
            name: item.definition.name.clone(),
            department: item.definition.department.clone(),
            draft_number,
            from_published: draft_number.is_none(),
            draft,
            published: published.map(GuideFile::of_version),
            published_number: published.map(|v| v.number),
            check,
        })
    })
    .await
}

/// Stores `file` as item `code`'s draft (starting one from the latest
/// published version when there is none) and audits it. A draft with
/// errors is saved: an editor saves work in progress; publishing refuses
/// it. Needs `edit_guide` in the item's department, and in the department
/// the draft names when it names another.
pub async fn save_guide_draft(
    desk: &Desk,
    actor: &Actor,
    code: &str,
    file: GuideFile,
    now: DateTime<FixedOffset>,
) -> Result<GuideDraftSavedView, ApiError> {
    let check = check_guide_file_draft(&file);
    let number = in_write_unit!(desk.db(), async |tx| {
        let item = tx.item(code).await?.ok_or_else(|| no_item(code))?;
        let target = item_target(tx, code, &item.definition).await?;
        require(tx, actor, Action::EditGuide, target).await?;
        if file.item.department != item.definition.department || file.item.classified {
            let target = item_target(tx, code, &file.item).await?;
            require(tx, actor, Action::EditGuide, target).await?;
        }
        let mut history = tx.guide_history(code).await?;
        if history.draft().is_none() {
            history.start_draft(&item)?;
        }
        let number = history
            .edit_draft(file.item.clone(), file.guide.clone())?
            .number;
        tx.save_guide_history(code, &history).await?;
        tx.append_audit(AuditRecord {
            at: now,
            actor: actor.name().to_owned(),
            action: "guide.draft_save".to_owned(),
            subject: format!("item:{code}"),
            before: serde_json::Value::Null,
            after: serde_json::json!({
                "number": number,
                "errors": check.errors,
                "warnings": check.warnings,
            }),
        })
        .await?;
        Ok(number)
    })
    .await?;
    tracing::info!(
        item = code,
        version = number,
        person = actor.name(),
        "guide draft saved"
    );
    Ok(GuideDraftSavedView {
        draft_number: number,
        check,
    })
}

/// Publishes item `code`'s draft, taking effect at `effective_from`, and
/// audits it. Refused with every error finding as details when the draft
/// has errors, and when it changes the item's code, name, type or another
/// Art 5 field: such a change takes effect only through an approved
/// item-change filing (事项变更备案), which names the field. Needs
/// `publish_guide` in the item's department.
pub async fn publish_guide_draft(
    desk: &Desk,
    actor: &Actor,
    code: &str,
    effective_from: DateTime<FixedOffset>,
    now: DateTime<FixedOffset>,
) -> Result<GuidePublishedView, ApiError> {
    let published = in_write_unit!(desk.db(), async |tx| {
        let item = tx.item(code).await?.ok_or_else(|| no_item(code))?;
        let target = item_target(tx, code, &item.definition).await?;
        require(tx, actor, Action::PublishGuide, target).await?;
        let mut history = tx.guide_history(code).await?;
        let number = history
            .publish(&item, effective_from, now, actor.name())
            .map_err(publish_refused)?
            .number;
        tx.save_guide_history(code, &history).await?;
        tx.append_audit(AuditRecord {
            at: now,
            actor: actor.name().to_owned(),
            action: "guide.publish".to_owned(),
            subject: format!("item:{code}"),
            before: serde_json::Value::Null,
            after: serde_json::json!({
                "number": number,
                "effective_from": effective_from.to_rfc3339(),
            }),
        })
        .await?;
        Ok(GuidePublishedView {
            code: code.to_owned(),
            number,
            effective_from: effective_from.to_rfc3339(),
        })
    })
    .await?;
    tracing::info!(
        item = code,
        version = published.number,
        person = actor.name(),
        "guide draft published"
    );
    Ok(published)
}

/// A refused publication: the errors found as details, the Art 5 field a
/// filing must approve as the field.
fn publish_refused(error: VersionError) -> ApiError {
    match &error {
        VersionError::Invalid(findings) => {
            let details = error_details(findings);
            let errors = details.len();
            ApiError::new(
                ErrorCode::GuideInvalid,
                format!("草稿有{errors}处错误，改正后方可发布"),
                format!("the draft has {errors} error(s); correct them before publishing"),
            )
            .with_details(details)
        }
        VersionError::ItemChangeNeedsApproval { field } => {
            let field = format!("item.{field}");
            ApiError::from(error).at_field(field)
        }
        _ => ApiError::from(error),
    }
}

fn no_item(code: &str) -> ApiError {
    ApiError::not_found(
        format!("事项“{code}”未保存"),
        format!("no item {code} is stored"),
    )
}

fn no_guide(code: &str) -> ApiError {
    ApiError::not_found(
        format!("事项“{code}”没有办事指南"),
        format!("item {code} has no guide"),
    )
}

/// Item `code`'s draft against its latest published version. Needs
/// `edit_guide` in the item's department; refused without a draft.
pub async fn guide_diff(desk: &Desk, actor: &Actor, code: &str) -> Result<GuideDiffView, ApiError> {
    in_read_unit!(desk.db(), async |tx| {
        let item = tx.item(code).await?.ok_or_else(|| no_item(code))?;
        let target = item_target(tx, code, &item.definition).await?;
        require(tx, actor, Action::EditGuide, target).await?;
        let history = tx.guide_history(code).await?;
        let draft = history.draft().ok_or_else(|| VersionError::NoDraft {
            code: code.to_owned(),
        })?;
        let published = history
            .latest_published()
            .map(|v| (v.number, GuideFile::of_version(v)));
        Ok(diff::diff_files(
            code,
            draft.number,
            &GuideFile::of_version(draft),
            published.as_ref().map(|(n, f)| (*n, f)),
        ))
    })
    .await
}

mod diff;
#[cfg(test)]
mod tests;
