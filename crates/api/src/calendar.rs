//! The working-day calendar (工作日历): a month of days, which years are
//! official, importing a year's arrangement, and computing a deadline with
//! its explanation.

use std::path::Path;

use approval_core::access::{Action, Target};
use approval_core::calendar::{YearArrangement, FIRST_YEAR};
use approval_core::clock::{explain, DeadlineOptions, Explanation, Period};
use approval_store::CalendarYearStore;
use chrono::NaiveDate;

use crate::access::{require, Actor};
use crate::views::{CalendarStatusView, DayView, MonthView, NoticeView};
use crate::{in_read_unit, ApiError, Desk};

/// The days of one month of the profile's calendar.
pub fn calendar_month(desk: &Desk, year: i32, month: u32) -> Result<MonthView, ApiError> {
    let days: Vec<DayView> = desk
        .calendar()?
        .month(year, month)?
        .iter()
        .map(DayView::from)
        .collect();
    Ok(MonthView {
        year,
        month,
        provisional: days.iter().any(|d| d.provisional),
        days,
    })
}

/// Which years are official, and the warnings that apply on `today` (a
/// Beijing date).
pub fn calendar_status(desk: &Desk, today: NaiveDate) -> Result<CalendarStatusView, ApiError> {
    let calendar = desk.calendar()?;
    Ok(CalendarStatusView {
        official_years: calendar.official_years(),
        first_year: FIRST_YEAR,
        last_year: calendar.last_year(),
        notices: calendar
            .notices(today)
            .iter()
            .map(|n| NoticeView {
                code: n.code(),
                year: n.year(),
                message: n.message_zh(),
            })
            .collect(),
    })
}

/// What an import stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarImport {
    pub arrangement: YearArrangement,
    /// The year already had an official arrangement, which this replaced.
    pub replaced_official: bool,
}

/// Validates a year's arrangement (the State Council's notice as JSON,
/// read from `origin`) and stores it. The calendar is shared by every
/// department, so only a manager of all departments may.
pub async fn import_calendar_year(
    desk: &Desk,
    actor: &Actor,
    json: &str,
    origin: &Path,
) -> Result<CalendarImport, ApiError> {
    in_read_unit(desk.db(), async |tx| {
        require(tx, actor, Action::ImportCalendar, Target::AllDepartments).await
    })
    .await?;
    let replaced = desk.calendar()?.official_years();
    let arrangement = CalendarYearStore::for_database(desk.database_path()).import(json, origin)?;
    tracing::info!(year = arrangement.year, person = actor.name(), "calendar year imported");
    Ok(CalendarImport {
        replaced_official: replaced.contains(&arrangement.year),
        arrangement,
    })
}

/// The deadline of `period` on the profile's calendar, explained day by day.
pub fn compute_deadline(
    desk: &Desk,
    period: &Period,
    options: DeadlineOptions,
) -> Result<Explanation, ApiError> {
    let calendar = desk.calendar()?;
    Ok(explain(&calendar, period, options)?)
}
