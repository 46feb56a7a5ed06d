//! The deemed-acceptance sweep (视同受理, Art 10) over the stored cases: it
//! happens by itself, whether or not anyone looks at the case. The window
//! runs it on start and on a timer; `deskctl sweep` by hand.

use std::collections::{BTreeSet, HashMap};

use approval_core::case::{case_due, complexity_of, deemed_acceptance_sweep, Case};
use approval_core::clock::DeadlineOptions;
use approval_core::error_code::ErrorCode;
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

/// Deems accepted every case past its acceptance deadline at `now`. What
/// is due is worked out once over one snapshot of the waiting cases (their
/// bound guides loaded once); each due case is then recorded in a unit of
/// work of its own (one failing case does not hold up the others), against
/// the version it was computed from: a case someone else changed meanwhile
/// is left to them.
pub async fn sweep_deemed_acceptance(
    desk: &Desk,
    now: DateTime<FixedOffset>,
) -> Result<SweepReport, ApiError> {
    let calendar = desk.calendar()?;
    let (waiting, guides) = in_read_unit!(desk.db(), async |tx| {
        let waiting = tx.received_cases().await?;
        let cases: Vec<Case> = waiting.iter().map(|s| s.case.clone()).collect();
        let guides = bound_guides(tx, &cases).await?;
        Ok((waiting, guides))
    })
    .await?;
    let mut report = SweepReport {
        received: waiting.len(),
        ..SweepReport::default()
    };
    let due = deemed_acceptance_sweep(
        waiting.iter().map(|s| &s.case),
        |c| {
            guides
                .get(&(c.item_code.clone(), c.guide_version))
                .map(complexity_of)
        },
        &calendar,
        DeadlineOptions::default(),
        now,
    );
    for result in due {
        let applied = match result {
            Ok(applied) => applied,
            Err((number, e)) => {
                let error = ApiError::from(e);
                tracing::warn!(case = %number, code = %error.code, "case could not be swept");
                report.failures.push((number, error));
                continue;
            }
        };
        let number = applied.case.number.clone();
        let Some(before) = waiting.iter().find(|s| s.case.number == number) else {
            continue;
        };
        let Some(guide) = guides.get(&(applied.case.item_code.clone(), applied.case.guide_version))
        else {
            continue;
        };
        let due = case_due(&applied.case, guide, &calendar);
        let outbox = outbox_for(&applied, now);
        let audit = audit_of(&before.case, &applied, "deemed_acceptance", SYSTEM, now);
        let recorded = in_write_unit!(desk.db(), async |tx| {
            Ok(tx
                .record_transition(
                    before.version,
                    &applied,
                    due,
                    outbox.clone(),
                    Some(audit.clone()),
                )
                .await?)
        })
        .await;
        match recorded {
            Ok(()) => {
                tracing::info!(case = %number, "deemed accepted (视同受理)");
                report.deemed.push(number);
            }
            // The officer (or another sweep) changed it first: theirs stands.
            Err(error) if error.code == ErrorCode::CaseChanged => {}
            Err(error) => {
                tracing::warn!(case = %number, code = %error.code, "case could not be swept");
                report.failures.push((number, error));
            }
        }
    }
    Ok(report)
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
