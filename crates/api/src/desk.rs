//! The open profile: its database (opened and migrated once, shared by
//! every use case for the life of the front end) and its working calendar,
//! rebuilt whenever the stored years change (an import in the window or
//! through `deskctl`), so provisional days become official without a
//! restart.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use approval_core::calendar::WorkingCalendar;
use approval_core::error_code::ErrorCode;
use approval_store::{CalendarYearStore, Database};

use crate::ApiError;

type Revision = Vec<(String, u64, Option<SystemTime>)>;

struct LoadedCalendar {
    revision: Revision,
    calendar: Arc<WorkingCalendar>,
}

/// One user profile, open.
pub struct Desk {
    database_path: PathBuf,
    db: Database,
    calendar: Mutex<Option<LoadedCalendar>>,
}

impl Desk {
    /// Opens the profile whose database is at `database_path`, creating and
    /// migrating it as needed.
    pub async fn open(database_path: &Path) -> Result<Self, ApiError> {
        let db = Database::open(database_path).await?;
        Ok(Self {
            database_path: database_path.to_path_buf(),
            db,
            calendar: Mutex::new(None),
        })
    }

    /// The profile's database.
    pub fn db(&self) -> &Database {
        &self.db
    }

    /// Where the profile's database lives (its calendar years and trust
    /// folder sit beside it).
    pub fn database_path(&self) -> &Path {
        &self.database_path
    }

    /// The profile's working calendar as it is stored now.
    pub fn calendar(&self) -> Result<Arc<WorkingCalendar>, ApiError> {
        let revision = CalendarYearStore::for_database(&self.database_path).revision();
        let mut loaded = self.calendar.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(current) = loaded.as_ref() {
            if current.revision == revision {
                return Ok(current.calendar.clone());
            }
        }
        let calendar = approval_store::open_profile_calendar(&self.database_path)
            .map(Arc::new)
            .map_err(|e| {
                let folder = self.database_path.display();
                ApiError::new(
                    ErrorCode::CalendarUnreadable,
                    format!("无法读取工作日历数据（{folder}）：{e}"),
                    format!("cannot read the working calendar ({folder}): {e}"),
                )
            })?;
        *loaded = Some(LoadedCalendar {
            revision,
            calendar: calendar.clone(),
        });
        Ok(calendar)
    }

    /// Closes the database (checkpointing its write-ahead log).
    pub async fn close(self) {
        self.db.close().await;
    }
}
