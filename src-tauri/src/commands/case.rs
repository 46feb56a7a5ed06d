//! The case view and its actions: one case in full, acting on it, its
//! files (a material, the correction notice's preview, the decision
//! letter), sealing the letter and recording the paper's tracking number.
//! Files come back as raw bytes (`tauri::ipc::Response`), not as a JSON
//! array of numbers.

use approval_api::cases;
use approval_api::views::case::{
    CaseActionRequest, CaseView, CorrectionLineView, ResultParticulars, SealResultRequest,
};
use approval_api::{ApiError, Desk};
use approval_core::china_time::CHINA_STANDARD_TIME;
use chrono::{DateTime, FixedOffset};
use tauri::ipc::Response;
use tauri::{AppHandle, Manager, State};

use super::{actor, logged};

/// Now, in Beijing time.
pub(super) fn now() -> DateTime<FixedOffset> {
    chrono::Utc::now().with_timezone(&CHINA_STANDARD_TIME)
}

/// Case `number` in full, with the actions the rules allow now.
#[tauri::command]
pub async fn case_view(desk: State<'_, Desk>, number: String) -> Result<CaseView, ApiError> {
    logged(
        "case_view",
        cases::case_view(&desk, &actor(), &number, now()).await,
    )
}

/// Acts on a case at the version the officer saw; the case after.
#[tauri::command]
pub async fn case_act(
    desk: State<'_, Desk>,
    request: CaseActionRequest,
) -> Result<CaseView, ApiError> {
    logged(
        "case_act",
        cases::case_act(&desk, &actor(), request, now()).await,
    )
}

/// The one-time correction notice `items` would make, as PDF bytes.
#[tauri::command]
pub async fn correction_notice_preview(
    desk: State<'_, Desk>,
    number: String,
    items: Vec<CorrectionLineView>,
) -> Result<Response, ApiError> {
    let pdf = cases::correction_notice_preview(&desk, &actor(), &number, &items, now()).await;
    logged(
        "correction_notice_preview",
        pdf.map(|f| Response::new(f.bytes)),
    )
}

/// The file of material `index` of case `number`.
#[tauri::command]
pub async fn case_material(
    desk: State<'_, Desk>,
    number: String,
    index: u32,
) -> Result<Response, ApiError> {
    let file = cases::case_material(&desk, &actor(), &number, index).await;
    logged("case_material", file.map(|f| Response::new(f.bytes)))
}

/// The decision letter: the sealed one kept, else an unsealed preview.
#[tauri::command]
pub async fn result_preview(
    desk: State<'_, Desk>,
    number: String,
    particulars: Option<ResultParticulars>,
) -> Result<Response, ApiError> {
    let pdf = cases::result_preview(&desk, &actor(), &number, particulars.as_ref()).await;
    logged("result_preview", pdf.map(|f| Response::new(f.bytes)))
}

/// Seals the decision letter (PKCS#12 from the keyring, or a USB key whose
/// PIN is used once and never kept); the case after. The key is not
/// `Send` and the signing is CPU work: it runs on a blocking thread.
#[tauri::command]
pub async fn seal_result(app: AppHandle, request: SealResultRequest) -> Result<CaseView, ApiError> {
    let sealed = tauri::async_runtime::spawn_blocking(move || {
        let desk = app.state::<Desk>();
        tauri::async_runtime::block_on(cases::seal_result(&desk, &actor(), request, now()))
    });
    logged("seal_result", joined(sealed.await))
}

/// A blocking task's answer, or why it never gave one.
pub(super) fn joined<T>(task: Result<Result<T, ApiError>, tauri::Error>) -> Result<T, ApiError> {
    task.unwrap_or_else(|e| {
        Err(ApiError::internal(
            format!("签章任务中断：{e}"),
            format!("the sealing task failed: {e}"),
        ))
    })
}

/// Records the paper result's tracking number (Art 16); the case after.
#[tauri::command]
pub async fn record_tracking(
    desk: State<'_, Desk>,
    number: String,
    tracking_number: String,
) -> Result<CaseView, ApiError> {
    let tracked = cases::record_tracking(&desk, &actor(), &number, &tracking_number, now()).await;
    logged("record_tracking", tracked)
}
