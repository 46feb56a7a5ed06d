//! The desk's side of the exchange with the hub (交换平台, issue 13): the
//! profile's binding and who acts on a bound profile, one sync (pull the
//! feed and store it, push the outbox, push the audit checkpoint), the
//! sealed result document a result push carries, the comparison of the
//! local audit chain with the hub's checkpoints, the hub's grants adopted
//! as the signed-in person's, and the hub's working-day calendar.
//!
//! Everything here is written against [`approval_contract::Exchange`]: the
//! HTTP client (`approval_sync::HubClient`) is handed in by the front ends,
//! so the rules never know the wire and the api depends on no HTTP crate.

mod binding;
mod calendar;
mod checkpoints;
mod convert;
mod grants;
mod seal;
mod sync;
mod tracking;

/// What a decision letter says of the applicant's remedies (复议机关, court).
pub use approval_docs::Remedies;
pub use binding::{acting_person, bind_hub, hub_status, BindRequest, HubStatus, USER_ENV};
pub use calendar::{fetch_calendar, CalendarFetch};
pub use checkpoints::{
    audit_against_checkpoints, audit_against_hub, CheckpointAudit, CheckpointMismatch,
};
pub use convert::{
    delivery_of, filing_of, filing_submission_of, notice_of, public_notice_of, result_push_of,
    transfer_of,
};
pub use grants::{adopt_hub_grants, grant_of, AdoptedGrants, ADOPT_ACTION};
pub use seal::{seal_result_document, ResultSealing, SealedResultDocument};
pub use sync::{
    push_key, sync_once, RetryDelay, SyncOptions, SyncPhase, SyncProgress, SyncReport, FEED_PAGE,
};
pub use tracking::{record_paper_tracking, TRACKING_NUMBER_MAX};

use approval_contract::ExchangeError;
use approval_core::error_code::ErrorCode;

use crate::ApiError;

/// How an exchange call's failure reaches the front ends: unavailable (try
/// later), not signed in (sign in again), or refused with the hub's code.
impl From<ExchangeError> for ApiError {
    fn from(error: ExchangeError) -> Self {
        match error {
            ExchangeError::Unavailable { reason, .. } => ApiError::new(
                ErrorCode::HubUnavailable,
                format!("交换平台暂时无法连接，稍后将自动重试：{reason}"),
                format!("the hub is unavailable, it will be tried again later: {reason}"),
            ),
            ExchangeError::Unauthorized(error) => ApiError::new(
                ErrorCode::HubUnauthorized,
                format!(
                    "交换平台登录已失效，请重新登录（deskctl hub sign-in）：{}",
                    error.message
                ),
                format!(
                    "not signed in to the hub, sign in again (deskctl hub sign-in): {}",
                    error.message_en
                ),
            ),
            ExchangeError::Refused { status, error } => {
                let refused = ApiError::new(
                    ErrorCode::HubRefused,
                    format!(
                        "交换平台拒绝了请求（{status}，{}）：{}",
                        error.code, error.message
                    ),
                    format!(
                        "the hub refused the request ({status}, {}): {}",
                        error.code, error.message_en
                    ),
                );
                match error.field {
                    Some(field) => refused.at_field(field),
                    None => refused,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
