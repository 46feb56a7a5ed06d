//! The window's sync with its hub: a round right at start, then every few
//! seconds in demo mode (the hub is in this process) and every half minute
//! against a real hub, and whenever `sync_now` asks. Each round is
//! approval_session's (grants, pull and push, the hub's calendar); the
//! window hears `sync-status` before and after, `sync-progress` as it
//! goes and `cases-changed` when it stored or pushed anything. Offline is
//! the last attempt failing as `hub_unavailable`; a session the hub ended
//! is signed in again at the next round.

use std::sync::Arc;
use std::time::Duration;

use approval_api::exchange::{hub_status, SyncPhase, SyncProgress};
use approval_api::views::session::{SyncProgressView, SyncStatusView};
use approval_api::{ApiError, Desk, ErrorCode};
use approval_core::china_time::CHINA_STANDARD_TIME;
use tauri::{AppHandle, Emitter, Manager};

use crate::notify;
use crate::session::{AppSession, Mode};

/// Between two rounds with the demo hub (in this process).
pub const DEMO_INTERVAL: Duration = Duration::from_secs(5);
/// Between two rounds with a real hub.
pub const HUB_INTERVAL: Duration = Duration::from_secs(30);

/// Event names (ui/src/ipc/events.ts).
pub const STATUS_EVENT: &str = "sync-status";
pub const PROGRESS_EVENT: &str = "sync-progress";
pub const CASES_EVENT: &str = "cases-changed";

/// How long the loop waits between rounds in `mode` (`None`: no loop).
pub fn interval(mode: Mode) -> Option<Duration> {
    match mode {
        Mode::Demo => Some(DEMO_INTERVAL),
        Mode::Hub => Some(HUB_INTERVAL),
        Mode::Local => None,
    }
}

/// Starts the loop on Tauri's async runtime (nothing in local mode).
pub fn start(app: AppHandle) {
    let session = app.state::<Arc<AppSession>>().inner().clone();
    let Some(every) = interval(session.mode) else {
        return;
    };
    tauri::async_runtime::spawn(async move {
        loop {
            let _ = round(&app).await;
            let _ = tokio::time::timeout(every, session.wake.notified()).await;
        }
    });
}

/// The sync status now.
pub async fn status(desk: &Desk, session: &AppSession) -> Result<SyncStatusView, ApiError> {
    let status = hub_status(desk).await?;
    let failure = session.failure();
    Ok(SyncStatusView::of(
        &status,
        session.is_running(),
        failure.as_ref(),
    ))
}

async fn emit_status(app: &AppHandle, desk: &Desk, session: &AppSession) {
    if let Ok(view) = status(desk, session).await {
        let _ = app.emit(STATUS_EVENT, view);
    }
}

fn progress_view(progress: SyncProgress) -> SyncProgressView {
    let label = match progress.phase {
        SyncPhase::Pulling => "pulling",
        SyncPhase::Pushing => "pushing",
        SyncPhase::Checkpoint => "checkpoint",
        SyncPhase::Done => "done",
    };
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    SyncProgressView {
        done: count(progress.done),
        total: progress.total.map(count),
        label: label.to_owned(),
    }
}

/// One round (waiting for one already running), with its events; the
/// status after it. In local mode: the status only.
pub async fn round(app: &AppHandle) -> Result<SyncStatusView, ApiError> {
    let desk = app.state::<Desk>();
    let session = app.state::<Arc<AppSession>>().inner().clone();
    if session.mode == Mode::Local {
        return status(&desk, &session).await;
    }
    let _one = session.round.lock().await;
    session.set_running(true);
    emit_status(app, &desk, &session).await;
    let outcome = run(app, &desk, &session).await;
    session.set_running(false);
    session.set_failure(outcome.err());
    emit_status(app, &desk, &session).await;
    status(&desk, &session).await
}

async fn run(app: &AppHandle, desk: &Desk, session: &AppSession) -> Result<(), ApiError> {
    let client = session.client(desk).await?;
    let now = chrono::Utc::now().with_timezone(&CHINA_STANDARD_TIME);
    let progress_app = app.clone();
    let progress = move |p: SyncProgress| {
        let _ = progress_app.emit(PROGRESS_EVENT, progress_view(p));
    };
    let round = approval_session::sync_round(desk, &client, now, Some(&progress)).await;
    if let Some(Err(e)) = &round.grants {
        tracing::warn!(code = %e.code, "the hub's grants were not adopted: {}", e.message_en);
    }
    if let Some(Err(e)) = &round.calendar {
        tracing::warn!(code = %e.code, "the hub's calendar was not fetched: {}", e.message_en);
    }
    let report = round.sync.inspect_err(|e| {
        if e.code == ErrorCode::HubUnauthorized {
            session.signed_out();
        }
    })?;
    if report.cases_stored + report.pushed + report.pulled > 0 {
        // Which cases changed is not itemised by a round: an empty list
        // tells the window to refresh what it shows.
        let _ = app.emit(CASES_EVENT, Vec::<String>::new());
    }
    notify::after_round(app, desk, &report, now).await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_syncs_every_few_seconds_a_real_hub_every_half_minute_local_never() {
        assert!(interval(Mode::Demo).is_some_and(|d| d <= Duration::from_secs(10)));
        assert_eq!(interval(Mode::Hub), Some(Duration::from_secs(30)));
        assert_eq!(interval(Mode::Local), None);
    }

    #[test]
    fn progress_is_labelled_by_its_phase() {
        let view = progress_view(SyncProgress {
            phase: SyncPhase::Pulling,
            done: 3,
            total: None,
        });
        assert_eq!(view.label, "pulling");
        assert_eq!(view.done, 3);
        assert_eq!(view.total, None);
    }
}
