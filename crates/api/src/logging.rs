//! The front ends' log: `tracing` events written to a daily rolling file
//! in the profile folder (`<profile>/logs/<app>.YYYY-MM-DD.log`, the last
//! two weeks kept), since the Windows app has no console. Use cases log
//! codes, case numbers and people, never a password, PIN or key.

use std::path::{Path, PathBuf};

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{Builder, Rotation};
use tracing_subscriber::EnvFilter;

/// Days of log files kept.
const KEPT_FILES: usize = 14;

/// The environment variable that sets what is logged (`info` by default;
/// e.g. `approval_api=debug`).
pub const LOG_FILTER_ENV: &str = "APPROVAL_DESK_LOG";

/// The log folder of the profile whose database is `database`.
pub fn log_folder(database: &Path) -> PathBuf {
    database
        .parent()
        .map_or_else(|| PathBuf::from("logs"), |folder| folder.join("logs"))
}

/// Starts logging `app`'s events into `folder`. Keep the returned guard for
/// the life of the program: dropping it flushes what is still buffered.
///
/// Errors: the folder cannot be created or the file opened (the caller
/// goes on without a log file and says so where it can).
pub fn init(folder: &Path, app: &str) -> Result<WorkerGuard, String> {
    std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let appender = Builder::new()
        .rotation(Rotation::DAILY)
        .filename_prefix(app)
        .filename_suffix("log")
        .max_log_files(KEPT_FILES)
        .build(folder)
        .map_err(|e| format!("{}: {e}", folder.display()))?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::try_from_env(LOG_FILTER_ENV).unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init()
        .map_err(|e| e.to_string())?;
    Ok(guard)
}
