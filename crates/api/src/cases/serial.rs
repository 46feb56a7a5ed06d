//! A case's bundle as its clocks read it (Art 17): the instance with the
//! serial edges of the filings in effect, the members' outcomes and
//! decision times, and the wait of a serial dependent.

use approval_core::bundle::{BundleInstance, BundleStanding, SerialWait};
use approval_core::calendar::WorkingCalendar;
use approval_core::case::{case_due, pending_serial_wait, BundleContext, Case};
use approval_core::filing::FilingLedger;
use approval_store::StoreTx;
use chrono::{DateTime, FixedOffset};

use super::{bound_version, load_case};
use crate::ApiError;

/// The bundle instance of a case and what its members stand at.
pub(crate) struct CaseBundle {
    pub instance: BundleInstance,
    pub standing: BundleStanding,
}

impl CaseBundle {
    pub fn context(&self) -> BundleContext<'_> {
        BundleContext {
            instance: &self.instance,
            outcomes: &self.standing.outcomes,
            decisions: &self.standing.decisions,
        }
    }

    /// The wait of `case` for its serial prerequisites not yet in its
    /// record.
    pub fn pending_wait(&self, case: &Case) -> Option<SerialWait> {
        pending_serial_wait(case, Some(&self.context()))
    }
}

/// The bundle of `case` as at `at` (serial edges of the approved filings in
/// effect then); `None` for a case outside any bundle.
pub(crate) async fn case_bundle(
    tx: &mut StoreTx,
    ledger: &FilingLedger,
    case: &Case,
    at: DateTime<FixedOffset>,
) -> Result<Option<CaseBundle>, ApiError> {
    let Some(id) = &case.bundle_instance else {
        return Ok(None);
    };
    let mut instance = tx.bundle_instance(id).await?.ok_or_else(|| {
        ApiError::not_found(
            format!("办件{}：套餐办件{id}未保存", case.number),
            format!("case {}: bundle instance {id} is not stored", case.number),
        )
    })?;
    ledger.apply_serial(&mut instance, at);
    let standing = tx.bundle_standing(&instance).await?;
    Ok(Some(CaseBundle { instance, standing }))
}

/// After `decided`'s case got its outcome, its serial dependents' waits are
/// over (or shorter): their stored deadlines are recomputed so the inbox
/// shows the clock running again.
pub(crate) async fn refresh_serial_dependents(
    tx: &mut StoreTx,
    ledger: &FilingLedger,
    calendar: &WorkingCalendar,
    decided: &Case,
    at: DateTime<FixedOffset>,
) -> Result<(), ApiError> {
    let Some(bundle) = case_bundle(tx, ledger, decided, at).await? else {
        return Ok(());
    };
    let dependents: Vec<String> = bundle
        .instance
        .bundle
        .prerequisites
        .iter()
        .filter(|edge| edge.prerequisite == decided.item_code)
        .filter(|edge| {
            bundle
                .instance
                .is_serial(&edge.prerequisite, &edge.dependent)
        })
        .filter_map(|edge| bundle.instance.case_number(&edge.dependent))
        .map(str::to_owned)
        .collect();
    for number in dependents {
        // A dependent held by another department (a bundle transferred
        // through the hub) keeps its own clocks at its own desk.
        if tx.case(&number).await?.is_none() {
            continue;
        }
        let (stored, history) = load_case(tx, &number).await?;
        let dependent = &stored.case;
        if dependent.decision.is_some() || dependent.acceptance.is_none() {
            continue;
        }
        let guide = bound_version(&history, dependent)?;
        let wait = bundle.pending_wait(dependent);
        tx.set_case_due(&number, case_due(dependent, guide, calendar, wait.as_ref()))
            .await?;
    }
    Ok(())
}
