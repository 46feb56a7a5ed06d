//! The working-day calendar (工作日历).
//!
//! Working days are Monday–Friday, minus statutory holidays and moved rest
//! days, plus adjusted working days (调休上班) on weekends, as the State Council
//! publishes them each year. A year without a published arrangement is filled
//! in provisionally from the statutory holidays and is labelled so everywhere.

pub mod arrangement;
mod import;
pub mod local_rest;
pub mod lunisolar;
mod notices;
pub mod official;
pub mod statutory;
mod working_calendar;

pub use arrangement::{is_weekend, ArrangedDay, ArrangementSource, YearArrangement};
pub use import::{parse_arrangement, ImportError, ImportFinding, Problem};
pub use local_rest::LocalRestDay;
pub use notices::CalendarNotice;
pub use working_calendar::{
    CalendarBuildError, CalendarDay, CalendarError, WorkingCalendar, FIRST_YEAR,
    PROVISIONAL_YEARS_AHEAD,
};
