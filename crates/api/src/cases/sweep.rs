//! The sweep over the stored cases: what happens by itself when a clock
//! runs out, whether or not anyone looks at the case. Cases past their
//! acceptance deadline are deemed accepted (视同受理, Art 10); paper results
//! not at the window unit by their deadline are flagged (Art 12). The
//! window runs it on start and on a timer; `deskctl sweep` by hand.

use std::collections::{BTreeSet, HashMap};

use approval_core::case::{
    case_due, complexity_of, deemed_acceptance_sweep, overdue_paper, Applied, Case,
};
use approval_core::clock::DeadlineOptions;
use approval_core::error_code::ErrorCode;
use approval_core::guide::GuideVersion;
use approval_store::{StoreTx, StoredCase};
use chrono::{DateTime, FixedOffset};

use super::record::{audit_of, outbox_for};
use super::serial::case_bundle;
use crate::{in_read_unit, in_write_unit, ApiError, Desk};

/// What one sweep did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SweepReport {
    /// How many cases were waiting for acceptance.
    pub received: usize,
    /// The cases deemed accepted.
    pub deemed: Vec<String>,
    /// The cases whose paper result was found overdue (flagged once).
    pub paper_overdue: Vec<String>,
    /// Cases that could not be swept, with the error.
    pub failures: Vec<(String, ApiError)>,
}

/// The actor of what happens by itself.
const SYSTEM: &str = "system";

/// Sweeps the clocks at `now`. What is due is worked out once over one
/// snapshot (bound guides and filings loaded once); each change is then
/// recorded in a unit of work of its own (one failing case does not hold up
/// the others), against the version it was computed from: a case someone
/// else changed meanwhile is left to them.
pub async fn sweep_clocks(
    desk: &Desk,
    now: DateTime<FixedOffset>,
) -> Result<SweepReport, ApiError> {
    let calendar = desk.calendar()?;
    let (waiting, results_out, guides, ledger) = in_read_unit!(desk.db(), async |tx| {
        let waiting = tx.received_cases().await?;
        let results_out = tx.cases_with_results_out().await?;
        let cases: Vec<Case> = waiting
            .iter()
            .chain(&results_out)
            .map(|s| s.case.clone())
            .collect();
        let guides = bound_guides(tx, &cases).await?;
        let ledger = tx.filing_ledger().await?;
        Ok((waiting, results_out, guides, ledger))
    })
    .await?;
    let guide_of = |case: &Case| guides.get(&(case.item_code.clone(), case.guide_version));
    let mut report = SweepReport {
        received: waiting.len(),
        ..SweepReport::default()
    };
    let deemed = deemed_acceptance_sweep(
        waiting.iter().map(|s| &s.case),
        |c| guide_of(c).map(complexity_of),
        &calendar,
        DeadlineOptions::default(),
        now,
    );
    for result in deemed {
        match result {
            Ok(applied) => {
                let number = applied.case.number.clone();
                match record(
                    desk,
                    &waiting,
                    &guides,
                    &calendar,
                    applied,
                    "deemed_acceptance",
                    now,
                )
                .await
                {
                    Ok(true) => {
                        tracing::info!(case = %number, "deemed accepted (视同受理)");
                        report.deemed.push(number);
                    }
                    Ok(false) => {}
                    Err(error) => report.failures.push(failed(number, error)),
                }
            }
            Err((number, e)) => report.failures.push(failed(number, e.into())),
        }
    }
    for stored in &results_out {
        let Some(guide) = guide_of(&stored.case) else {
            continue;
        };
        let number = stored.case.number.clone();
        let flagged = match overdue_paper(&stored.case, guide, &calendar, Some(&ledger), now) {
            Ok(Some(applied)) => {
                record(
                    desk,
                    &results_out,
                    &guides,
                    &calendar,
                    applied,
                    "paper_overdue",
                    now,
                )
                .await
            }
            Ok(None) => Ok(false),
            Err(e) => Err(e.into()),
        };
        match flagged {
            Ok(true) => {
                tracing::info!(case = %number, "paper result overdue (第十二条)");
                report.paper_overdue.push(number);
            }
            Ok(false) => {}
            Err(error) => report.failures.push(failed(number, error)),
        }
    }
    Ok(report)
}

fn failed(number: String, error: ApiError) -> (String, ApiError) {
    tracing::warn!(case = %number, code = %error.code, "case could not be swept");
    (number, error)
}

/// Records `applied` (computed from the snapshot `read`) in a unit of its
/// own; `Ok(false)` when the case changed meanwhile and the other change
/// stands.
async fn record(
    desk: &Desk,
    read: &[StoredCase],
    guides: &HashMap<(String, u32), GuideVersion>,
    calendar: &approval_core::calendar::WorkingCalendar,
    applied: Applied,
    action: &str,
    now: DateTime<FixedOffset>,
) -> Result<bool, ApiError> {
    let Some(before) = read.iter().find(|s| s.case.number == applied.case.number) else {
        return Ok(false);
    };
    let Some(guide) = guides.get(&(applied.case.item_code.clone(), applied.case.guide_version))
    else {
        return Ok(false);
    };
    let outbox = outbox_for(&before.case, &applied, guide, now);
    let audit = audit_of(&before.case, &applied, action, SYSTEM, now);
    let recorded = in_write_unit!(desk.db(), async |tx| {
        // A deemed acceptance starts the processing clock, which a serial
        // dependent's wait holds (Art 17).
        let ledger = tx.filing_ledger().await?;
        let bundle = case_bundle(tx, &ledger, &applied.case, now).await?;
        let wait = bundle.as_ref().and_then(|b| b.pending_wait(&applied.case));
        let due = case_due(&applied.case, guide, calendar, wait.as_ref());
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
        Ok(()) => Ok(true),
        // The officer (or another sweep) changed it first: theirs stands.
        Err(error) if error.code == ErrorCode::CaseChanged => Ok(false),
        Err(error) => Err(error),
    }
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
