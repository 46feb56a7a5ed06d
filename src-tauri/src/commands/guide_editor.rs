//! The guide editor (issue 15): the items an editor may work on, an
//! item's draft with its published version, and checking a draft as it
//! is typed.

use approval_api::guide_editor;
use approval_api::views::guide_editor::{
    GuideCheckView, GuideDiffView, GuideDraftSavedView, GuideEditorItemView, GuideEditorView,
    GuidePublishedView,
};
use approval_api::{ApiError, Desk};
use approval_core::exchange::GuideFile;
use chrono::{DateTime, FixedOffset};
use tauri::State;

use super::case::now;
use super::{actor, logged};

/// The items whose guides the person may edit, matching `search` (a part
/// of the code or the name) when given.
#[tauri::command]
pub async fn guide_editor_items(
    desk: State<'_, Desk>,
    search: Option<String>,
) -> Result<Vec<GuideEditorItemView>, ApiError> {
    logged(
        "guide_editor_items",
        guide_editor::guide_editor_items(&desk, &actor(), search.as_deref()).await,
    )
}

/// Item `code`'s guide in the editor: the draft (or the version in force
/// to start one from), the published version, findings and layout.
#[tauri::command]
pub async fn guide_editor_view(
    desk: State<'_, Desk>,
    code: String,
) -> Result<GuideEditorView, ApiError> {
    logged(
        "guide_editor_view",
        guide_editor::guide_editor_view(&desk, &actor(), &code, now()).await,
    )
}

/// The findings and layout of the draft the window holds, however half
/// edited (a wrong shape is a `malformed` finding, never a refusal).
#[tauri::command]
pub async fn check_guide_draft(draft: serde_json::Value) -> Result<GuideCheckView, ApiError> {
    Ok(guide_editor::check_guide_draft(&draft))
}

/// Saves `file` as item `code`'s draft; a draft with errors is saved too.
#[tauri::command]
pub async fn save_guide_draft(
    desk: State<'_, Desk>,
    code: String,
    file: GuideFile,
) -> Result<GuideDraftSavedView, ApiError> {
    logged(
        "save_guide_draft",
        guide_editor::save_guide_draft(&desk, &actor(), &code, file, now()).await,
    )
}

/// Publishes item `code`'s draft from `effective_from` (RFC 3339).
#[tauri::command]
pub async fn publish_guide_draft(
    desk: State<'_, Desk>,
    code: String,
    effective_from: DateTime<FixedOffset>,
) -> Result<GuidePublishedView, ApiError> {
    logged(
        "publish_guide_draft",
        guide_editor::publish_guide_draft(&desk, &actor(), &code, effective_from, now()).await,
    )
}

/// Item `code`'s draft against its published version, field by field.
#[tauri::command]
pub async fn guide_diff(desk: State<'_, Desk>, code: String) -> Result<GuideDiffView, ApiError> {
    logged(
        "guide_diff",
        guide_editor::guide_diff(&desk, &actor(), &code).await,
    )
}
