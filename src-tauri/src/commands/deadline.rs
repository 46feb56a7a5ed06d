use approval_api::views::{DeadlineRequest, DeadlineView};
use approval_api::{calendar, ApiError, Desk};
use tauri::State;

use super::logged;

/// The deadline of a period with its day-by-day explanation.
#[tauri::command]
pub fn compute_deadline(
    desk: State<'_, Desk>,
    request: DeadlineRequest,
) -> Result<DeadlineView, ApiError> {
    logged(
        "compute_deadline",
        calendar::compute_requested_deadline(&desk, &request),
    )
}
