//! Cases (办件): receiving transfers, the inbox, one case in full, acting on
//! a case, and the deemed-acceptance sweep.

mod act;
mod batch_seal;
mod inbox;
mod receive;
mod record;
mod serial;
mod stage_filing;
mod sweep;
mod view;
#[cfg(test)]
pub(crate) use view::scenarios;

pub use act::{act_on_case, ActOutcome, CaseActRequest};
pub use batch_seal::{cases_awaiting_seal, seal_results};
pub use inbox::{
    case_detail, inbox_cursor_after, inbox_filters, inbox_page, CaseDeadline, CaseDetail,
    CaseReview, DeadlineKind, INBOX_PAGE_LIMIT,
};
pub(crate) use receive::{receive_in, Partners};
pub use receive::{receive_transfers, ReceiveOutcome, ReceivedCase};
pub(crate) use stage_filing::end_pauses_of_revoked_filing;
pub use sweep::{sweep_clocks, SweepReport};
pub use view::{
    bundle_view, case_act, case_material, case_view, correction_notice_preview, desk_action,
    record_tracking, result_preview, seal_result, CaseFile,
};

use approval_core::case::Case;
use approval_core::guide::{GuideHistory, GuideVersion};
use approval_store::{StoreTx, StoredCase};

use crate::ApiError;

/// The guide version `case` is bound to, out of its item's `history`.
pub(crate) fn bound_version<'h>(
    history: &'h GuideHistory,
    case: &Case,
) -> Result<&'h GuideVersion, ApiError> {
    history
        .versions()
        .iter()
        .find(|v| v.number == case.guide_version)
        .ok_or_else(|| {
            ApiError::not_found(
                format!(
                    "办件{}：事项{}没有已保存的办事指南第{}版",
                    case.number, case.item_code, case.guide_version
                ),
                format!(
                    "case {}: item {} has no stored guide version {}",
                    case.number, case.item_code, case.guide_version
                ),
            )
        })
}

/// The stored case `number` with its item's guide history.
pub(crate) async fn load_case(
    tx: &mut StoreTx,
    number: &str,
) -> Result<(StoredCase, GuideHistory), ApiError> {
    let stored = tx.stored_case(number).await?.ok_or_else(|| {
        ApiError::not_found(format!("没有办件{number}"), format!("no case {number}"))
    })?;
    let history = tx.guide_history(&stored.case.item_code).await?;
    Ok((stored, history))
}
