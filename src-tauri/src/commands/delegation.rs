//! The officer's own delegations (委托): handing their work to another
//! officer of the department for a period, withdrawing it, and the ones
//! given and received.

use approval_api::department;
use approval_api::views::delegation::{DelegateRequest, MyDelegationsView};
use approval_api::{ApiError, Desk};
use tauri::State;

use super::case::now;
use super::{actor, logged};

/// Delegates the officer's work as asked; their delegations after.
#[tauri::command]
pub async fn delegate(
    desk: State<'_, Desk>,
    request: DelegateRequest,
) -> Result<MyDelegationsView, ApiError> {
    logged(
        "delegate",
        department::delegate(&desk, &actor(), request, now()).await,
    )
}

/// Withdraws the officer's delegation `index`; their delegations after.
#[tauri::command]
pub async fn withdraw_delegation(
    desk: State<'_, Desk>,
    index: u32,
) -> Result<MyDelegationsView, ApiError> {
    logged(
        "withdraw_delegation",
        department::withdraw_delegation(&desk, &actor(), index, now()).await,
    )
}

/// The officer's delegations not yet over, both ways, and the officers
/// they may delegate to.
#[tauri::command]
pub async fn my_delegations(desk: State<'_, Desk>) -> Result<MyDelegationsView, ApiError> {
    logged(
        "my_delegations",
        department::my_delegations(&desk, &actor(), now()).await,
    )
}
