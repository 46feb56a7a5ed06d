//! A revoked special-stage filing (Art 11): the pauses of the stages still
//! running on it end at the revocation, in the unit of work that revokes it.

use approval_core::calendar::WorkingCalendar;
use approval_core::case::{case_due, stage_filing_revoked};
use approval_core::filing::FilingLedger;
use approval_store::{InboxCursor, InboxFilter, StoreTx};
use chrono::{DateTime, FixedOffset};

use super::record::{audit_of, outbox_for};
use super::serial::case_bundle;
use super::{bound_version, load_case};
use crate::ApiError;

/// How many running stages one page of the lookup reads.
const PAGE: u32 = 500;

/// Ends the pause of every case of `item_code` whose running special stage
/// rests on a filing that `ledger` (with the revocation in it) shows ended;
/// returns the case numbers changed.
pub(crate) async fn end_pauses_of_revoked_filing(
    tx: &mut StoreTx,
    calendar: &WorkingCalendar,
    ledger: &FilingLedger,
    item_code: &str,
    actor: &str,
    at: DateTime<FixedOffset>,
) -> Result<Vec<String>, ApiError> {
    let filter = InboxFilter {
        state: Some("special_stage".to_owned()),
        item_code: Some(item_code.to_owned()),
        ..InboxFilter::default()
    };
    let mut numbers = Vec::new();
    let mut after: Option<InboxCursor> = None;
    loop {
        let rows = tx.inbox(&filter, after.as_ref(), PAGE).await?;
        let full = rows.len() == PAGE as usize;
        after = rows.last().map(|row| row.cursor());
        numbers.extend(rows.into_iter().map(|row| row.number));
        if !full {
            break;
        }
    }
    let mut changed = Vec::new();
    for number in numbers {
        let (stored, history) = load_case(tx, &number).await?;
        let guide = bound_version(&history, &stored.case)?;
        let Some(applied) = stage_filing_revoked(&stored.case, guide, ledger) else {
            continue;
        };
        let bundle = case_bundle(tx, ledger, &applied.case, at).await?;
        let wait = bundle.as_ref().and_then(|b| b.pending_wait(&applied.case));
        let due = case_due(&applied.case, guide, calendar, wait.as_ref());
        let outbox = outbox_for(&stored.case, &applied, guide, at);
        let audit = audit_of(&stored.case, &applied, "stage_filing_revoked", actor, at);
        tx.record_transition(stored.version, &applied, due, outbox, Some(audit))
            .await?;
        changed.push(number);
    }
    Ok(changed)
}
