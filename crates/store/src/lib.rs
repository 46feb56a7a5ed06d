//! Approval Desk's local store.
//!
//! For now: where a user's profile lives, and the imported calendar years
//! (one validated JSON file a year beside the profile database). Later issues
//! move these into the profile's SQLite database.

mod atomic_file;
pub mod calendar_years;
pub mod local_rest_days;
pub mod profile;
mod profile_calendar;

pub use calendar_years::{CalendarYearStore, StoreError};
pub use local_rest_days::LocalRestDayStore;
pub use profile_calendar::open_profile_calendar;
