//! The session with the hub: who is signed in where, the sync's status, a
//! sync now, and connecting to a real hub.

use std::sync::Arc;

use approval_api::views::session::{SessionView, SyncStatusView};
use approval_api::{ApiError, Desk};
use tauri::{AppHandle, State};

use super::logged;
use crate::session::AppSession;

/// The mode (demo, hub, local) and the signed-in person.
#[tauri::command]
pub async fn session(
    desk: State<'_, Desk>,
    session: State<'_, Arc<AppSession>>,
) -> Result<SessionView, ApiError> {
    logged("session", session.view(&desk).await)
}

/// The last sync, the queued pushes, whether the hub answers.
#[tauri::command]
pub async fn sync_status(
    desk: State<'_, Desk>,
    session: State<'_, Arc<AppSession>>,
) -> Result<SyncStatusView, ApiError> {
    logged(
        "sync_status",
        crate::sync_loop::status(&desk, &session).await,
    )
}

/// One sync round now (after the one running, if any); its status.
#[tauri::command]
pub async fn sync_now(app: AppHandle) -> Result<SyncStatusView, ApiError> {
    logged("sync_now", crate::sync_loop::round(&app).await)
}

/// Signs in to a real hub (the token to the OS keyring), binds the
/// profile and leaves demo mode; the zh-CN refusal otherwise.
#[tauri::command]
pub async fn hub_connect(
    app: AppHandle,
    url: String,
    account: String,
    password: String,
) -> Result<SessionView, ApiError> {
    logged(
        "hub_connect",
        crate::session::connect(&app, &url, &account, &password).await,
    )
}
