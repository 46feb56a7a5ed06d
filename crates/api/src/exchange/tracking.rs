//! The tracking number of a case's paper result (Art 16): government
//! express (政务专递) to the receiving window unit, or the post to an
//! applicant who asked for direct mailing. The officer records it when the
//! paper leaves; the delivery (送达) pushed to the window unit carries it,
//! and a government-express delivery waits (`waiting_for_tracking_number`)
//! until it is recorded.

use approval_core::access::Action;
use approval_core::audit::AuditRecord;
use chrono::{DateTime, FixedOffset};

use crate::access::{item_target, require};
use crate::cases::{bound_version, load_case};
use crate::{in_write_unit, Actor, ApiError, Desk};

/// The longest tracking number kept (postal and express numbers are far
/// shorter; the bound keeps a pasted paragraph out).
pub const TRACKING_NUMBER_MAX: usize = 64;

/// Records `tracking_number` for case `number`'s paper result as `actor`
/// at `at`, replacing an earlier one (a mistyped number is corrected before
/// the delivery is pushed), audited as `case.paper_tracking`.
///
/// Errors: no such case; not the actor's department; a blank, over-long
/// or non-printable number (`invalid_input`, field `tracking_number`).
pub async fn record_paper_tracking(
    desk: &Desk,
    actor: &Actor,
    number: &str,
    tracking_number: &str,
    at: DateTime<FixedOffset>,
) -> Result<(), ApiError> {
    let tracking = tracking_number.trim();
    let printable = tracking
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-');
    if tracking.is_empty() || tracking.len() > TRACKING_NUMBER_MAX || !printable {
        return Err(ApiError::invalid_input(
            format!(
                "单号“{tracking}”应为1～{TRACKING_NUMBER_MAX}位字母、数字或连字符"
            ),
            format!(
                "the tracking number {tracking:?} must be 1 to {TRACKING_NUMBER_MAX} letters, digits or hyphens"
            ),
        )
        .at_field("tracking_number"));
    }
    in_write_unit!(desk.db(), async |tx| {
        let (stored, history) = load_case(tx, number).await?;
        let version = bound_version(&history, &stored.case)?;
        let target = item_target(tx, &stored.case.item_code, &version.item).await?;
        require(tx, actor, Action::ActOnCase, target).await?;
        let before = tx.paper_tracking(number).await?;
        tx.save_paper_tracking(number, tracking, at, actor.name())
            .await?;
        tx.append_audit(AuditRecord {
            at,
            actor: actor.name().to_owned(),
            action: "case.paper_tracking".to_owned(),
            subject: format!("case:{number}"),
            before: serde_json::json!({ "tracking_number": before }),
            after: serde_json::json!({ "tracking_number": tracking }),
        })
        .await?;
        Ok(())
    })
    .await
}
