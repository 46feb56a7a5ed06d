//! The working calendar of a profile: the shipped official years, the
//! profile's imported years and its local rest days.

use std::path::Path;

use approval_core::calendar::WorkingCalendar;

use crate::calendar_years::{CalendarYearStore, StoreError};
use crate::local_rest_days::LocalRestDayStore;

/// Builds the calendar the app and `deskctl` use for the profile whose
/// database is `database`.
pub fn open_profile_calendar(database: &Path) -> Result<WorkingCalendar, StoreError> {
    let years = CalendarYearStore::for_database(database);
    let imported = years.load_all()?;
    let local = LocalRestDayStore::in_folder(years.folder()).load()?;
    WorkingCalendar::with_shipped_data(imported, &local).map_err(|e| StoreError::Corrupt {
        path: years.folder().to_path_buf(),
        problem: e.to_string(),
    })
}
