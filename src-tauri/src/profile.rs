//! The user's profile as the app holds it while running.

use std::path::PathBuf;

use approval_core::calendar::WorkingCalendar;

use crate::IpcError;

/// Overrides the profile database (tests and portable installs).
const DATABASE_ENV: &str = "APPROVAL_DESK_DB";

/// The app's state: the profile's calendar, or why it could not be opened
/// (the window still opens and says so).
pub struct DeskState {
    pub calendar: Result<WorkingCalendar, IpcError>,
}

impl DeskState {
    pub fn open() -> Self {
        let database = std::env::var_os(DATABASE_ENV)
            .map(PathBuf::from)
            .or_else(approval_store::profile::default_database_path);
        let calendar = match database {
            Some(path) => approval_store::open_profile_calendar(&path).map_err(|e| {
                IpcError::internal(format!("无法读取工作日历数据（{}）：{e}", path.display()))
            }),
            None => Err(IpcError::internal(
                "找不到用户数据目录，无法打开工作日历".to_owned(),
            )),
        };
        Self { calendar }
    }

    pub fn calendar(&self) -> Result<&WorkingCalendar, IpcError> {
        self.calendar.as_ref().map_err(Clone::clone)
    }
}
