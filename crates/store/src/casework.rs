//! Case flow over the store: what the app and `deskctl` share when a case
//! changes — its deadlines for the inbox, what goes to the outbox, its
//! audit record — and the deemed-acceptance sweep over stored cases.

use std::collections::{BTreeSet, HashMap};

use approval_core::audit::AuditRecord;
use approval_core::calendar::WorkingCalendar;
use approval_core::case::{deemed_acceptance_sweep, Applied, Case, CaseState, EventKind};
use approval_core::clock::rules::{acceptance_deadline, processing_deadline, ItemComplexity};
use approval_core::clock::{DeadlineOptions, DeadlineOutcome, ProvisionalPolicy};
use approval_core::guide::GuideVersion;
use chrono::{DateTime, FixedOffset};
use serde_json::json;

use crate::database::{CaseDue, Database, OutboxKind, OutboxRecord};
use crate::DbError;

/// Cases run into years without a published arrangement; their deadlines
/// are then provisional.
pub fn clock_options() -> DeadlineOptions {
    DeadlineOptions {
        provisional: ProvisionalPolicy::Allow,
        ..DeadlineOptions::default()
    }
}

pub fn complexity(guide: &GuideVersion) -> ItemComplexity {
    if guide.item.complex {
        ItemComplexity::Complex
    } else {
        ItemComplexity::Ordinary
    }
}

/// The deadlines of a case as it stands (what the store indexes).
pub fn due_of(case: &Case, guide: &GuideVersion, calendar: &WorkingCalendar) -> CaseDue {
    let options = clock_options();
    let acceptance_due = (case.state == CaseState::Received)
        .then(|| {
            acceptance_deadline(
                calendar,
                case.submission_received_at,
                complexity(guide),
                options,
            )
            .ok()
        })
        .flatten()
        .map(|d| d.due);
    let processing_due = case.acceptance.and_then(|acceptance| {
        match processing_deadline(
            calendar,
            acceptance.at,
            guide.item.promised_limit.period_length(),
            case.pauses.clone(),
            options,
        ) {
            Ok(DeadlineOutcome::Due(d)) => Some(d.due),
            _ => None,
        }
    });
    CaseDue {
        acceptance_due,
        processing_due,
    }
}

/// The outbox records of a transition: what the window unit must get.
pub fn outbox_for(applied: &Applied, at: DateTime<FixedOffset>) -> Vec<OutboxRecord> {
    let case = &applied.case;
    let record = |kind, payload| OutboxRecord {
        kind,
        payload,
        created_at: at,
    };
    applied
        .events
        .iter()
        .filter_map(|event| match &event.kind {
            EventKind::Accepted => Some(record(
                OutboxKind::Notice,
                json!({"notice": "acceptance", "case": case.number, "window_unit": case.window_unit,
                       "accepted_at": event.at, "deemed": false}),
            )),
            EventKind::DeemedAccepted { accepted_at } => Some(record(
                OutboxKind::Notice,
                json!({"notice": "acceptance", "case": case.number, "window_unit": case.window_unit,
                       "accepted_at": accepted_at, "deemed": true}),
            )),
            EventKind::CorrectionRequested { submission, items } => Some(record(
                OutboxKind::Notice,
                json!({"notice": "correction", "case": case.number, "window_unit": case.window_unit,
                       "submission": submission, "items": items}),
            )),
            EventKind::NotAccepted {
                reason,
                legal_basis,
            } => Some(record(
                OutboxKind::Notice,
                json!({"notice": "not_accepted", "case": case.number, "window_unit": case.window_unit,
                       "reason": reason, "legal_basis": legal_basis}),
            )),
            EventKind::ResultPushed => Some(record(
                OutboxKind::Result,
                json!({"case": case.number, "window_unit": case.window_unit,
                       "decision": case.decision}),
            )),
            _ => None,
        })
        .collect()
}

/// The audit record of a transition.
pub fn audit_of(
    before: &Case,
    applied: &Applied,
    action: &str,
    actor: &str,
    at: DateTime<FixedOffset>,
) -> AuditRecord {
    AuditRecord {
        at,
        actor: actor.to_owned(),
        action: format!("case.{action}"),
        subject: format!("case:{}", before.number),
        before: json!({"state": before.state}),
        after: json!({
            "state": applied.case.state,
            "events": applied.events.iter().map(|e| &e.kind).collect::<Vec<_>>(),
        }),
    }
}

/// The guide versions the cases are bound to, by (item, version).
pub async fn bound_guides(
    db: &Database,
    cases: &[Case],
) -> Result<HashMap<(String, u32), GuideVersion>, DbError> {
    let mut guides = HashMap::new();
    let codes: BTreeSet<&str> = cases.iter().map(|c| c.item_code.as_str()).collect();
    for code in codes {
        for version in db.guide_history(code).await?.versions() {
            guides.insert((code.to_owned(), version.number), version.clone());
        }
    }
    Ok(guides)
}

/// What one sweep did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SweepReport {
    /// How many cases were waiting for acceptance.
    pub received: usize,
    /// The cases deemed accepted (视同受理).
    pub deemed: Vec<String>,
    /// Cases that could not be swept, with why.
    pub failures: Vec<(String, String)>,
}

/// The deemed-acceptance sweep over the stored cases at `now`: every case
/// past its acceptance deadline is deemed accepted, with its events, its
/// outbox notice and its audit entry in one transaction each. The app runs
/// it on start and on a timer; `deskctl sweep` runs it by hand.
pub async fn sweep_deemed_acceptance(
    db: &Database,
    calendar: &WorkingCalendar,
    now: DateTime<FixedOffset>,
) -> Result<SweepReport, DbError> {
    let cases = db.received_cases().await?;
    let guides = bound_guides(db, &cases).await?;
    let results = deemed_acceptance_sweep(
        &cases,
        |c| {
            guides
                .get(&(c.item_code.clone(), c.guide_version))
                .map(complexity)
        },
        calendar,
        DeadlineOptions::default(),
        now,
    );
    let mut report = SweepReport {
        received: cases.len(),
        ..SweepReport::default()
    };
    for result in results {
        match result {
            Ok(applied) => {
                let key = (applied.case.item_code.clone(), applied.case.guide_version);
                let Some(guide) = guides.get(&key) else {
                    continue;
                };
                let due = due_of(&applied.case, guide, calendar);
                let outbox = outbox_for(&applied, now);
                let before = Case {
                    state: CaseState::Received,
                    ..applied.case.clone()
                };
                let audit = audit_of(&before, &applied, "deemed_acceptance", "system", now);
                match db
                    .record_transition(&CaseState::Received, &applied, due, outbox, Some(audit))
                    .await
                {
                    Ok(()) => report.deemed.push(applied.case.number.clone()),
                    Err(e) => report
                        .failures
                        .push((applied.case.number.clone(), e.to_string())),
                }
            }
            Err((number, e)) => report.failures.push((number, e.to_string())),
        }
    }
    Ok(report)
}
