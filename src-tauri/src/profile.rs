//! The user's profile as the app holds it while running.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use approval_core::calendar::WorkingCalendar;
use approval_store::CalendarYearStore;

use crate::IpcError;

/// Overrides the profile database (tests and portable installs).
const DATABASE_ENV: &str = "APPROVAL_DESK_DB";

type Revision = Vec<(String, u64, Option<SystemTime>)>;

struct Loaded {
    revision: Revision,
    calendar: Result<Arc<WorkingCalendar>, IpcError>,
}

/// The app's state: the profile's calendar, rebuilt whenever its stored
/// years change (an import in the app or through `deskctl`), so provisional
/// days become official without a restart.
pub struct DeskState {
    database: Option<PathBuf>,
    loaded: Mutex<Option<Loaded>>,
}

impl DeskState {
    pub fn open() -> Self {
        let database = std::env::var_os(DATABASE_ENV)
            .map(PathBuf::from)
            .or_else(approval_store::profile::default_database_path);
        Self {
            database,
            loaded: Mutex::new(None),
        }
    }

    /// The profile database's path.
    pub fn database_path(&self) -> Result<&PathBuf, IpcError> {
        self.database
            .as_ref()
            .ok_or_else(|| IpcError::internal("找不到用户数据目录，无法打开工作日历".to_owned()))
    }

    /// The profile's calendar store.
    pub fn calendar_store(&self) -> Result<CalendarYearStore, IpcError> {
        Ok(CalendarYearStore::for_database(self.database_path()?))
    }

    /// The current calendar, rebuilt if the stored years changed.
    pub fn calendar(&self) -> Result<Arc<WorkingCalendar>, IpcError> {
        let database = self.database_path()?;
        let revision = CalendarYearStore::for_database(database).revision();
        let mut loaded = self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(current) = loaded.as_ref() {
            if current.revision == revision {
                return current.calendar.clone();
            }
        }
        let calendar = approval_store::open_profile_calendar(database)
            .map(Arc::new)
            .map_err(|e| {
                IpcError::internal(format!(
                    "无法读取工作日历数据（{}）：{e}",
                    database.display()
                ))
            });
        *loaded = Some(Loaded {
            revision,
            calendar: calendar.clone(),
        });
        calendar
    }
}
