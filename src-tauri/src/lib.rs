//! The Tauri shell of Approval Desk. Commands are thin adapters over the
//! use cases of `approval_api`: everything crossing IPC is one of its view
//! types or an `ApiError` (`{code, message, message_en, field?, details?}`).

mod commands;
mod raw_body;
mod sweeper;

use std::path::PathBuf;

use approval_api::{profile, Desk};

/// Overrides the profile database (tests and portable installs).
const DATABASE_ENV: &str = "APPROVAL_DESK_DB";

fn database_path() -> Option<PathBuf> {
    std::env::var_os(DATABASE_ENV)
        .map(PathBuf::from)
        .or_else(profile::default_database_path)
}

/// Starts the desktop app: opens the profile's database once (migrating
/// it), shares it with every command and the sweeper, and logs to a
/// rolling file in the profile folder.
pub fn run() {
    let Some(database) = database_path() else {
        fail("找不到用户数据目录 (no profile folder): set APPROVAL_DESK_DB");
    };
    let _log = match approval_api::logging::init(
        &approval_api::logging::log_folder(&database),
        "approval-desk",
    ) {
        Ok(guard) => Some(guard),
        Err(e) => {
            eprintln!("approval-desk: no log file: {e}");
            None
        }
    };
    let desk = match tauri::async_runtime::block_on(Desk::open(&database)) {
        Ok(desk) => desk,
        Err(e) => {
            tracing::error!(code = %e.code, "the profile database could not be opened: {}", e.message_en);
            fail(&format!("{} ({})", e.message, e.code));
        }
    };
    tracing::info!(database = %database.display(), "profile opened");
    let result = tauri::Builder::default()
        .manage(desk)
        .manage(approval_api::seal_checks::RunningSealChecks::default())
        .setup(|app| {
            sweeper::start(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::bundle::bundle_view,
            commands::calendar::calendar_import,
            commands::calendar::calendar_month,
            commands::calendar::calendar_status,
            commands::case::case_act,
            commands::case::case_material,
            commands::case::case_view,
            commands::case::correction_notice_preview,
            commands::case::record_tracking,
            commands::case::result_preview,
            commands::case::seal_result,
            commands::deadline::compute_deadline,
            commands::inbox::case_inbox,
            commands::inbox::inbox_filters,
            commands::seal::seal_check,
            commands::seal::seal_check_cancel,
        ])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        tracing::error!("the window could not start: {error}");
        fail(&format!("the window could not start: {error}"));
    }
}

fn fail(message: &str) -> ! {
    eprintln!("approval-desk: {message}");
    std::process::exit(1);
}
