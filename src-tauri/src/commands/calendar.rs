use approval_core::access::{Action, Target};
use approval_core::calendar::FIRST_YEAR;
use approval_core::china_time::china_date;
use tauri::State;

use crate::profile::DeskState;
use std::path::Path;

use approval_store::StoreError;

use crate::views::{CalendarStatusView, DayView, ImportSummaryView, MonthView, NoticeView};
use crate::IpcError;

/// The days of one month of the profile's working calendar.
#[tauri::command]
pub fn calendar_month(
    state: State<'_, DeskState>,
    year: i32,
    month: u32,
) -> Result<MonthView, IpcError> {
    let days: Vec<DayView> = state
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

/// Which years are official, and the warnings that apply today.
#[tauri::command]
pub fn calendar_status(state: State<'_, DeskState>) -> Result<CalendarStatusView, IpcError> {
    let calendar = state.calendar()?;
    // The adapter reads the clock; the core takes "today" (a Beijing date) as an argument.
    let today = china_date(&chrono::Utc::now());
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

/// Validates a year's arrangement (the State Council's notice as JSON) and
/// stores it; the calendar is rebuilt on its next use. The calendar is
/// shared by every department, so only a manager of all departments may.
#[tauri::command]
pub async fn calendar_import(
    state: State<'_, DeskState>,
    json: String,
) -> Result<ImportSummaryView, IpcError> {
    state
        .authorize(Action::ImportCalendar, Target::AllDepartments)
        .await?;
    let replaced_official = state.calendar()?.official_years();
    let arrangement = state
        .calendar_store()?
        .import(&json, Path::new("imported.json"))
        .map_err(|e| match e {
            StoreError::Invalid { source, .. } => IpcError::from(source),
            StoreError::TooLarge { size, .. } => {
                IpcError::invalid_input(format!("文件过大（{size}字节）：放假安排文件不超过1MB"))
            }
            other => IpcError::internal(format!("无法保存放假安排：{other}")),
        })?;
    Ok(ImportSummaryView::of(
        &arrangement,
        replaced_official.contains(&arrangement.year),
    ))
}
