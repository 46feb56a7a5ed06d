//! The officer's inbox (待办): one keyset page at a time (never the whole
//! set over IPC), and what its filters offer.

use approval_api::cases;
use approval_api::views::inbox::{InboxFiltersView, InboxPageView, InboxQuery};
use approval_api::{ApiError, Desk};
use approval_core::china_time::CHINA_STANDARD_TIME;
use tauri::State;

use super::{actor, logged};

/// One page of the cases the officer may see, with each row's clock.
#[tauri::command]
pub async fn case_inbox(
    desk: State<'_, Desk>,
    query: InboxQuery,
) -> Result<InboxPageView, ApiError> {
    let now = chrono::Utc::now().with_timezone(&CHINA_STANDARD_TIME);
    logged(
        "case_inbox",
        cases::inbox_page(&desk, &actor(), &query, now).await,
    )
}

/// The items, bundles and states the inbox's filters offer.
#[tauri::command]
pub async fn inbox_filters(desk: State<'_, Desk>) -> Result<InboxFiltersView, ApiError> {
    logged("inbox_filters", cases::inbox_filters(&desk, &actor()).await)
}
