//! Batch sealing (批量签章): the decided cases whose letter waits for a
//! seal, and sealing several with one key, a `seal-progress` event after
//! each case. The key is not `Send` and the signing is CPU work: the
//! batch runs on a blocking thread.

use approval_api::cases;
use approval_api::views::batch_seal::{
    AwaitingSealView, BatchSealProgress, BatchSealRequest, BatchSealView,
};
use approval_api::{ApiError, Desk};
use tauri::{AppHandle, Emitter, Manager, State};

use super::case::{joined, now};
use super::{actor, logged};

/// The event after each case of a batch: `{ done, total, number, sealed }`.
pub const PROGRESS_EVENT: &str = "seal-progress";

/// The decided cases the officer may see whose letter is not sealed yet.
#[tauri::command]
pub async fn cases_awaiting_seal(desk: State<'_, Desk>) -> Result<Vec<AwaitingSealView>, ApiError> {
    let waiting = cases::cases_awaiting_seal(&desk, &actor(), now()).await;
    logged("cases_awaiting_seal", waiting)
}

/// Seals each case's letter with the key opened once (a USB key's PIN used
/// for this batch only, never kept); each case's outcome.
#[tauri::command]
pub async fn seal_results(
    app: AppHandle,
    request: BatchSealRequest,
) -> Result<BatchSealView, ApiError> {
    let batch = tauri::async_runtime::spawn_blocking(move || {
        let (desk, actor) = (app.state::<Desk>(), actor());
        let mut progress = |p| emit_progress(&app, p);
        let sealed = cases::seal_results(&desk, &actor, request, now(), &mut progress);
        tauri::async_runtime::block_on(sealed)
    });
    logged("seal_results", joined(batch.await))
}

/// Tells the window how far the batch is; a window gone is no failure.
fn emit_progress(app: &AppHandle, progress: BatchSealProgress) {
    if let Err(e) = app.emit(PROGRESS_EVENT, progress) {
        tracing::debug!("seal-progress not delivered: {e}");
    }
}
