//! The guide editor's use cases (issue 15): the items an editor may work
//! on, a draft with its published version, and checking a draft as it is
//! typed (its findings and the public chart's layout of its flowchart).
//! Editing needs `edit_guide` in the item's department.

use approval_core::access::Action;
use approval_core::exchange::{read_guide_file, GuideFile, GUIDE_FORMAT};
use approval_core::guide::{
    check_guide, Finding, FindingCode, Flowchart, ItemStatus, Severity, SpecialStage,
};
use approval_docs::Layout;
use chrono::{DateTime, FixedOffset};

use crate::access::{item_target, may_view, require, Actor};
use crate::views::case::{FlowEdgeView, PointView};
use crate::views::guide_editor::{
    GuideCheckView, GuideEditorItemView, GuideEditorView, GuideLayoutNodeView, GuideLayoutView,
};
use crate::{in_read_unit, ApiError, Desk};

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
    let mut findings = Vec::new();
    if file.format != GUIDE_FORMAT {
        findings.push(Finding::error(
            FindingCode::Malformed,
            "format",
            format!("文件格式为“{}”，应为“{GUIDE_FORMAT}”", file.format),
        ));
    }
    findings.extend(check_guide(&file.item, &file.guide));
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
        edges: edges
            .iter()
            .filter_map(|edge| {
                Some(FlowEdgeView {
                    from: chart.steps.get(edge.from)?.id.clone(),
                    to: chart.steps.get(edge.to)?.id.clone(),
                    points: edge
                        .points
                        .iter()
                        .map(|&(x, y)| PointView { x, y })
                        .collect(),
                    label: None,
                })
            })
            .collect(),
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

#[cfg(test)]
mod tests;
