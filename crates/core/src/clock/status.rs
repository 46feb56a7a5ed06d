//! Where a deadline stands at an instant: on time, warning or overdue.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::count::Deadline;
use super::error::ClockError;
use crate::calendar::WorkingCalendar;
use crate::china_time::china_date;

/// Warn when this many working days or fewer are left (today included).
pub const DEFAULT_WARNING_WORKING_DAYS: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Timeliness {
    OnTime,
    Warning,
    Overdue,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DeadlineStatus {
    pub timeliness: Timeliness,
    /// Working days left from today through the last day, today included
    /// when it is a working day; negative: working days overdue.
    pub remaining_working_days: i64,
}

/// The status of `deadline` at `now`.
pub fn status_at(
    calendar: &WorkingCalendar,
    deadline: &Deadline,
    now: DateTime<FixedOffset>,
    warning_threshold: u32,
) -> Result<DeadlineStatus, ClockError> {
    let today = china_date(&now);
    if now >= deadline.due {
        let overdue = calendar.working_days_after(deadline.last_day, today)?;
        return Ok(DeadlineStatus {
            timeliness: Timeliness::Overdue,
            remaining_working_days: -i64::from(overdue),
        });
    }
    let yesterday = today.pred_opt().unwrap_or(today);
    let left = calendar.working_days_after(yesterday, deadline.last_day)?;
    let timeliness = if left <= warning_threshold {
        Timeliness::Warning
    } else {
        Timeliness::OnTime
    };
    Ok(DeadlineStatus {
        timeliness,
        remaining_working_days: i64::from(left),
    })
}
