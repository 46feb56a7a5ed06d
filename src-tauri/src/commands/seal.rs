use approval_api::seal_checks::{RunningSealChecks, SEAL_CHECK_TIME_LIMIT};
use approval_api::views::seal::SealCheckView;
use approval_api::{seals, ApiError, Desk};
use tauri::ipc::Request;
use tauri::{AppHandle, Manager};

use super::logged;
use crate::raw_body::{check_id, file_name, pdf_bytes};

/// Verifies every signature of the PDF sent as the raw request body (its
/// name percent-encoded in a header, the check's id in another) against the
/// profile's trust folder, off the async workers, within the time limit.
#[tauri::command]
pub async fn seal_check(app: AppHandle, request: Request<'_>) -> Result<SealCheckView, ApiError> {
    let (name, id) = (file_name(request.headers())?, check_id(request.headers())?);
    let pdf = pdf_bytes(&name, request.body())?;
    let (worker, worker_name) = (app.clone(), name.clone());
    let checks = app.state::<RunningSealChecks>();
    let checked = checks.run(&id, &name, SEAL_CHECK_TIME_LIMIT, move |cancel| {
        seals::check_incoming_seal_until(&worker.state::<Desk>(), &worker_name, &pdf, &cancel)
    });
    logged("seal_check", checked.await)
}

/// Cancels the running check `check_id`; false when none runs under it.
#[tauri::command]
pub fn seal_check_cancel(app: AppHandle, check_id: String) -> bool {
    app.state::<RunningSealChecks>().cancel(&check_id)
}
