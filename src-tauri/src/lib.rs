//! The Tauri shell of Approval Desk. Commands are thin adapters over the
//! layers below (core, store, esign); everything crossing IPC is a view
//! type from `views` or an [`IpcError`].

mod commands;
mod ipc_error;
mod profile;
mod sweeper;
mod views;

pub use ipc_error::IpcError;

/// Starts the desktop app.
pub fn run() {
    let state = profile::DeskState::open();
    let result = tauri::Builder::default()
        .manage(state)
        .setup(|app| {
            sweeper::start(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::calendar::calendar_import,
            commands::calendar::calendar_month,
            commands::calendar::calendar_status,
            commands::deadline::compute_deadline,
            commands::seal::seal_check,
        ])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("approval-desk: the window could not start: {error}");
        std::process::exit(1);
    }
}
