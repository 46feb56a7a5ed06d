use std::path::Path;

use approval_api::calendar;
use approval_api::views::{CalendarStatusView, ImportSummaryView, MonthView};
use approval_api::{ApiError, Desk};
use tauri::State;

use super::{actor, logged};

/// The days of one month of the profile's working calendar.
#[tauri::command]
pub fn calendar_month(desk: State<'_, Desk>, year: i32, month: u32) -> Result<MonthView, ApiError> {
    logged(
        "calendar_month",
        calendar::calendar_month(&desk, year, month),
    )
}

/// Which years are official, and the warnings that apply today (Beijing).
#[tauri::command]
pub fn calendar_status(desk: State<'_, Desk>) -> Result<CalendarStatusView, ApiError> {
    let today = approval_core::china_time::china_date(&chrono::Utc::now());
    logged("calendar_status", calendar::calendar_status(&desk, today))
}

/// Validates and stores a year's arrangement (the State Council's notice).
#[tauri::command]
pub async fn calendar_import(
    desk: State<'_, Desk>,
    json: String,
) -> Result<ImportSummaryView, ApiError> {
    let imported =
        calendar::import_calendar_year(&desk, &actor(), &json, Path::new("imported.json")).await;
    logged(
        "calendar_import",
        imported.map(|i| ImportSummaryView::of(&i.arrangement, i.replaced_official)),
    )
}
