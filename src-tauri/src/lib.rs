//! The Tauri shell of Approval Desk. Commands are thin adapters over the
//! use cases of `approval_api`: everything crossing IPC is one of its view
//! types or an `ApiError` (`{code, message, message_en, field?, details?}`).
//!
//! At start the window chooses its mode (`session`): on a profile bound to
//! a hub it syncs with that hub; otherwise (or with `--demo`) it runs the
//! demo hub in-process and works on a demo profile of its own (`demo`).

#[cfg(test)]
mod capability_tests;
mod commands;
mod demo;
mod demo_seal;
mod notify;
mod raw_body;
mod session;
mod sweeper;
mod sync_loop;
mod webview_setup;

use approval_core::china_time::CHINA_STANDARD_TIME;

/// Starts the desktop app: chooses the mode and opens its profile once
/// (migrating it), shares it with every command, the sweeper and the sync
/// loop, and logs to a rolling file in the profile folder.
pub fn run() {
    let Some(database) = session::profile_database() else {
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
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let demand = session::Demand::of(&args, std::env::var(session::DEMO_ENV).ok().as_deref());
    let now = chrono::Utc::now().with_timezone(&CHINA_STANDARD_TIME);
    let started = match tauri::async_runtime::block_on(session::start(&database, demand, args, now))
    {
        Ok(started) => started,
        Err(e) => {
            tracing::error!(code = %e.code, "the profile could not be opened: {}", e.message_en);
            fail(&format!("{} ({})", e.message, e.code));
        }
    };
    tracing::info!(database = %database.display(), mode = ?started.session.mode, "profile opened");
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_notification::init())
        .manage(started.desk)
        .manage(started.session)
        .manage(notify::Notified::default())
        .manage(approval_api::seal_checks::RunningSealChecks::default())
        .setup(|app| {
            webview_setup::apply(app);
            sweeper::start(app.handle().clone());
            sync_loop::start(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::batch_seal::cases_awaiting_seal,
            commands::batch_seal::seal_results,
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
            commands::delegation::delegate,
            commands::delegation::my_delegations,
            commands::delegation::withdraw_delegation,
            commands::guide_editor::check_guide_draft,
            commands::guide_editor::guide_diff,
            commands::guide_editor::guide_editor_items,
            commands::guide_editor::guide_editor_view,
            commands::guide_editor::publish_guide_draft,
            commands::guide_editor::save_guide_draft,
            commands::inbox::case_inbox,
            commands::inbox::inbox_filters,
            commands::seal::seal_check,
            commands::seal::seal_check_cancel,
            commands::session::session,
            commands::session::sync_status,
            commands::session::sync_now,
            commands::session::hub_connect,
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
