//! The bundle view: a case's bundle as a graph (Art 15, 17).

use approval_api::cases;
use approval_api::views::bundle::BundleView;
use approval_api::{ApiError, Desk};
use tauri::State;

use super::case::now;
use super::{actor, logged};

/// The bundle of case `number`: its items, departments, states, and what
/// each withheld result waits on.
#[tauri::command]
pub async fn bundle_view(desk: State<'_, Desk>, number: String) -> Result<BundleView, ApiError> {
    logged(
        "bundle_view",
        cases::bundle_view(&desk, &actor(), &number, now()).await,
    )
}
