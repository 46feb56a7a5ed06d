//! What a case transition writes beside the case: what the window unit
//! must be sent (the outbox) and its audit record.

use approval_core::audit::AuditRecord;
use approval_core::case::{Applied, Case, EventKind};
use approval_store::{OutboxKind, OutboxRecord};
use chrono::{DateTime, FixedOffset};
use serde_json::json;

/// The outbox records of a transition: the notices and results the window
/// unit must get (Art 10, 12).
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
