//! The legal clocks (法定时限): periods counted in working or natural days,
//! with pauses, explained day by day (DESIGN.md 3.1–3.4).
//!
//! Counting follows 民法典 第201条 (the day of the event is not counted;
//! counting starts the next day) and 第203条 (a period ends at 24:00 of its
//! last day or at the close of office hours; a natural-day period whose last
//! day is a rest day ends on the next working day).

mod count;
mod error;
mod explanation;
mod period;
pub mod rules;
mod status;

pub use count::{deadline, Deadline, DeadlineOutcome, Suspension};
pub use error::ClockError;
pub use explanation::{explain, DayRole, ExplainedDay, Explanation};
pub use period::{
    DeadlineOptions, Pause, Period, PeriodLength, ProvisionalPolicy, MAX_PERIOD_DAYS,
};
pub use status::{status_at, DeadlineStatus, Timeliness, DEFAULT_WARNING_WORKING_DAYS};
