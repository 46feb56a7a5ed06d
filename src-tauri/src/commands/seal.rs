use approval_api::views::seal::SealCheckView;
use approval_api::{seals, ApiError, Desk};
use tauri::ipc::Request;
use tauri::{AppHandle, Manager};

use super::logged;
use crate::raw_body::{file_name, pdf_bytes};

/// Verifies every signature of the PDF sent as the raw request body (its
/// name percent-encoded in a header) against the profile's trust folder.
#[tauri::command]
pub async fn seal_check(app: AppHandle, request: Request<'_>) -> Result<SealCheckView, ApiError> {
    let name = file_name(request.headers())?;
    let pdf = pdf_bytes(&name, request.body())?;
    // Parsing and hashing a few MB is CPU work: off the async workers.
    let checked = tauri::async_runtime::spawn_blocking(move || {
        seals::check_incoming_seal(&app.state::<Desk>(), &name, &pdf)
    });
    logged(
        "seal_check",
        checked.await.unwrap_or_else(|e| Err(unfinished(&e))),
    )
}

fn unfinished(error: &impl std::fmt::Display) -> ApiError {
    ApiError::internal(
        format!("验章未能完成：{error}"),
        format!("the seal check did not finish: {error}"),
    )
}
