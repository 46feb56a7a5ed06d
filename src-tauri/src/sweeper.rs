//! Deemed acceptance happens by itself (视同受理, Art 10): the sweep runs
//! when the app starts and every few minutes after, whether or not anyone
//! looks at the case.

use std::time::Duration;

use approval_core::china_time::CHINA_STANDARD_TIME;
use approval_store::casework::sweep_deemed_acceptance;
use approval_store::Database;
use tauri::{AppHandle, Manager};

use crate::profile::DeskState;

/// Short enough that a case is never long past its deadline unswept.
const SWEEP_INTERVAL: Duration = Duration::from_secs(5 * 60);

/// Starts the sweep loop on Tauri's async runtime.
pub fn start(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        loop {
            sweep_once(&app).await;
            tokio::time::sleep(SWEEP_INTERVAL).await;
        }
    });
}

async fn sweep_once(app: &AppHandle) {
    let state = app.state::<DeskState>();
    let (calendar, database) = match (state.calendar(), state.database_path()) {
        (Ok(calendar), Ok(database)) => (calendar, database.clone()),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!(
                "approval-desk: deemed-acceptance sweep skipped: {}",
                e.message
            );
            return;
        }
    };
    let now = chrono::Utc::now().with_timezone(&CHINA_STANDARD_TIME);
    let report = match Database::open(&database).await {
        Ok(db) => sweep_deemed_acceptance(&db, &calendar, now).await,
        Err(e) => Err(e),
    };
    match report {
        Ok(report) => {
            for number in &report.deemed {
                eprintln!("approval-desk: case {number} deemed accepted (视同受理)");
            }
            for (number, why) in &report.failures {
                eprintln!("approval-desk: case {number} could not be swept: {why}");
            }
        }
        Err(e) => eprintln!("approval-desk: deemed-acceptance sweep failed: {e}"),
    }
}
