//! The deemed-acceptance sweep (视同受理, Art 10) over the stored cases: it
//! happens by itself, whether or not anyone looks at the case. The window
//! runs it on start and on a timer; `deskctl sweep` by hand.

use std::collections::{BTreeSet, HashMap};

use approval_core::calendar::WorkingCalendar;
use approval_core::case::{case_due, complexity_of, deemed_acceptance_sweep, Case, CaseState};
use approval_core::clock::DeadlineOptions;
use approval_core::guide::GuideVersion;
use approval_store::StoreTx;
use chrono::{DateTime, FixedOffset};

use super::record::{audit_of, outbox_for};
use crate::{in_read_unit, in_write_unit, ApiError, Desk};

/// What one sweep did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SweepReport {
    /// How many cases were waiting for acceptance.
    pub received: usize,
    /// The cases deemed accepted.
    pub deemed: Vec<String>,
    /// Cases that could not be swept, with the error.
    pub failures: Vec<(String, ApiError)>,
}

/// The actor of what happens by itself.
const SYSTEM: &str = "system";

/// Deems accepted every case past its acceptance deadline at `now`, each
/// with its events, outbox notice and audit entry in a unit of work of its
/// own (one failing case does not hold up the others). A case someone else
/// changed meanwhile is left to them.
pub async fn sweep_deemed_acceptance(
    desk: &Desk,
    now: DateTime<FixedOffset>,
) -> Result<SweepReport, ApiError> {
    let calendar = desk.calendar()?;
    let waiting = in_read_unit!(desk.db(), async |tx| Ok(tx.received_cases().await?)).await?;
    let mut report = SweepReport {
        received: waiting.len(),
        ..SweepReport::default()
    };
    for candidate in waiting {
        let number = candidate.case.number.clone();
        let swept = in_write_unit!(desk.db(), async |tx| {
            sweep_one(tx, &calendar, &number, now).await
        })
        .await;
        match swept {
            Ok(true) => report.deemed.push(number),
            Ok(false) => {}
            Err(error) => {
                tracing::warn!(case = %number, code = %error.code, "case could not be swept");
                report.failures.push((number, error));
            }
        }
    }
    Ok(report)
}

/// Deems case `number` accepted if it is still waiting and past its
/// deadline; `Ok(false)` when there is nothing to do.
async fn sweep_one(
    tx: &mut StoreTx,
    calendar: &WorkingCalendar,
    number: &str,
    now: DateTime<FixedOffset>,
) -> Result<bool, ApiError> {
    let Some(stored) = tx.stored_case(number).await? else {
        return Ok(false);
    };
    if stored.case.state != CaseState::Received {
        return Ok(false);
    }
    let guides = bound_guides(tx, std::slice::from_ref(&stored.case)).await?;
    let results = deemed_acceptance_sweep(
        [&stored.case],
        |c| {
            guides
                .get(&(c.item_code.clone(), c.guide_version))
                .map(complexity_of)
        },
        calendar,
        DeadlineOptions::default(),
        now,
    );
    let Some(result) = results.into_iter().next() else {
        return Ok(false);
    };
    let applied = result.map_err(|(_, e)| ApiError::from(e))?;
    let key = (applied.case.item_code.clone(), applied.case.guide_version);
    let Some(guide) = guides.get(&key) else {
        return Ok(false);
    };
    let due = case_due(&applied.case, guide, calendar);
    let outbox = outbox_for(&applied, now);
    let audit = audit_of(&stored.case, &applied, "deemed_acceptance", SYSTEM, now);
    tx.record_transition(stored.version, &applied, due, outbox, Some(audit))
        .await?;
    tracing::info!(case = %number, "deemed accepted (视同受理)");
    Ok(true)
}

/// The guide versions the cases are bound to, by (item, version).
async fn bound_guides(
    tx: &mut StoreTx,
    cases: &[Case],
) -> Result<HashMap<(String, u32), GuideVersion>, ApiError> {
    let mut guides = HashMap::new();
    let codes: BTreeSet<&str> = cases.iter().map(|c| c.item_code.as_str()).collect();
    for code in codes {
        for version in tx.guide_history(code).await?.versions() {
            guides.insert((code.to_owned(), version.number), version.clone());
        }
    }
    Ok(guides)
}
