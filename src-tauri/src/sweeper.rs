//! Deemed acceptance happens by itself (视同受理, Art 10): the sweep runs
//! when the app starts and every few minutes after, whether or not anyone
//! looks at the case, over the app's one open database.

use std::time::Duration;

use approval_api::cases::sweep_clocks;
use approval_api::Desk;
use approval_core::china_time::CHINA_STANDARD_TIME;
use tauri::{AppHandle, Manager};

/// Short enough that a case is never long past its deadline unswept.
const SWEEP_INTERVAL: Duration = Duration::from_secs(5 * 60);

/// Starts the sweep loop on Tauri's async runtime.
pub fn start(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        loop {
            let desk = app.state::<Desk>();
            let now = chrono::Utc::now().with_timezone(&CHINA_STANDARD_TIME);
            match sweep_clocks(&desk, now).await {
                Ok(report) if !report.failures.is_empty() => {
                    tracing::warn!(
                        failed = report.failures.len(),
                        "some cases could not be swept"
                    )
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::error!(code = %e.code, "deemed-acceptance sweep failed: {}", e.message_en)
                }
            }
            tokio::time::sleep(SWEEP_INTERVAL).await;
        }
    });
}
