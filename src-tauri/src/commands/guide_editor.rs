//! The guide editor (issue 15): the items an editor may work on, an
//! item's draft with its published version, and checking a draft as it
//! is typed.

use approval_api::guide_editor;
use approval_api::views::guide_editor::{GuideCheckView, GuideEditorItemView, GuideEditorView};
use approval_api::{ApiError, Desk};
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
