//! The working-day calendar (工作日历): a month of days, which years are
//! official, importing a year's arrangement, and computing a deadline with
//! its explanation.

use std::path::Path;

use approval_core::access::{Action, Target};
use approval_core::calendar::LocalRestDay;
use approval_core::calendar::{YearArrangement, FIRST_YEAR};
use approval_core::clock::{
    explain, DeadlineOptions, Explanation, Pause, Period, PeriodLength, ProvisionalPolicy,
};
use approval_store::{CalendarYearStore, LocalRestDayStore};
use chrono::NaiveDate;
use chrono::{DateTime, FixedOffset};

use crate::access::{require, Actor};
use crate::views::{
    CalendarStatusView, DayView, DeadlineRequest, DeadlineView, MonthView, NoticeView, UnitRequest,
};
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
    in_read_unit!(desk.db(), async |tx| {
        require(tx, actor, Action::ImportCalendar, Target::AllDepartments).await
    })
    .await?;
    let imported = store_calendar_year(desk, json, origin)?;
    tracing::info!(
        year = imported.arrangement.year,
        person = actor.name(),
        "calendar year imported"
    );
    Ok(imported)
}

/// Validates and stores a year's arrangement, the import's one path: by a
/// manager's import above, or fetched from the hub (`exchange`), which is
/// the calendar's authority for a bound desk.
pub(crate) fn store_calendar_year(
    desk: &Desk,
    json: &str,
    origin: &Path,
) -> Result<CalendarImport, ApiError> {
    let replaced = desk.calendar()?.official_years();
    let arrangement = CalendarYearStore::for_database(desk.database_path()).import(json, origin)?;
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

fn local_rest_days(desk: &Desk) -> LocalRestDayStore {
    LocalRestDayStore::in_folder(CalendarYearStore::for_database(desk.database_path()).folder())
}

/// Adds a local rest day (a day the office is closed by local decision),
/// which must lie within the calendar's range.
pub fn add_local_rest_day(desk: &Desk, day: LocalRestDay) -> Result<(), ApiError> {
    desk.calendar()?.day(day.date)?;
    local_rest_days(desk).put(day)?;
    Ok(())
}

/// Removes a local rest day; `false` when `date` was none.
pub fn remove_local_rest_day(desk: &Desk, date: NaiveDate) -> Result<bool, ApiError> {
    Ok(local_rest_days(desk).remove(date)?)
}

fn instant(field: &str, label: &str, text: &str) -> Result<DateTime<FixedOffset>, ApiError> {
    DateTime::parse_from_rfc3339(text).map_err(|_| {
        ApiError::invalid_input(
            format!("{label}“{text}”不是有效的时间"),
            format!("{field} {text:?} is not an RFC 3339 instant"),
        )
        .at_field(field)
    })
}

/// The deadline calculator (期限计算器): the window's request, checked
/// field by field, computed and explained.
pub fn compute_requested_deadline(
    desk: &Desk,
    request: &DeadlineRequest,
) -> Result<DeadlineView, ApiError> {
    let pauses = request
        .pauses
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let n = i + 1;
            Ok(Pause {
                start: instant(
                    &format!("pauses[{i}].start"),
                    &format!("第{n}个暂停的开始时间"),
                    &p.start,
                )?,
                end: p
                    .end
                    .as_deref()
                    .map(|e| {
                        instant(
                            &format!("pauses[{i}].end"),
                            &format!("第{n}个暂停的结束时间"),
                            e,
                        )
                    })
                    .transpose()?,
                reason: p.reason.clone(),
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let period = Period {
        start: instant("start", "开始时间", &request.start)?,
        length: match request.unit {
            UnitRequest::WorkingDays => PeriodLength::WorkingDays(request.length),
            UnitRequest::NaturalDays => PeriodLength::NaturalDays(request.length),
        },
        pauses,
    };
    let options = DeadlineOptions {
        office_closes_at: None,
        provisional: if request.allow_provisional {
            ProvisionalPolicy::Allow
        } else {
            ProvisionalPolicy::Refuse
        },
    };
    Ok(compute_deadline(desk, &period, options)?.into())
}
