//! Acting on a case: the engine's actions and the department's (assign,
//! reassign, urge), checked, computed and recorded in one unit of work.

use approval_core::access::Action;
use approval_core::case::{
    apply, apply_as, case_due, CaseContext, CaseState, DeskAction, EventKind,
};
use approval_core::clock::DeadlineOptions;
use approval_core::error_code::ErrorCode;
use approval_store::StoreTx;
use chrono::{DateTime, FixedOffset};

use super::record::{audit_of, outbox_for};
use super::serial::{case_bundle, refresh_serial_dependents, CaseBundle};
use super::{bound_version, load_case};
use crate::access::{item_target, require, Actor};
use crate::{in_write_unit, refused, ApiError, Desk};

/// What the officer does to which case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseActRequest {
    pub number: String,
    pub action: DeskAction,
    /// The case's version the officer saw: when given and the case has
    /// moved on since, the action is refused (`case_changed`) instead of
    /// applied to a case the officer has not seen.
    pub expected_version: Option<u64>,
}

/// The case after the action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActOutcome {
    pub number: String,
    pub state: CaseState,
    pub version: u64,
    /// The deadline the officer works against now.
    pub current_due: Option<DateTime<FixedOffset>>,
    pub events: Vec<EventKind>,
}

/// The stable name of a desk action (its audit action is `case.<name>`).
fn desk_action_name(action: &DeskAction) -> &'static str {
    match action {
        DeskAction::Assign { .. } => "assign",
        DeskAction::Reassign { .. } => "reassign",
        DeskAction::Urge { .. } => "urge",
        DeskAction::Case(action) => action.name(),
    }
}

/// Applies `request.action` to the case at `at` as `actor`.
pub async fn act_on_case(
    desk: &Desk,
    actor: &Actor,
    at: DateTime<FixedOffset>,
    request: CaseActRequest,
) -> Result<ActOutcome, ApiError> {
    let calendar = desk.calendar()?;
    in_write_unit!(desk.db(), async |tx| {
        act_in(tx, actor, at, &calendar, &request).await
    })
    .await
}

async fn act_in(
    tx: &mut StoreTx,
    actor: &Actor,
    at: DateTime<FixedOffset>,
    calendar: &approval_core::calendar::WorkingCalendar,
    request: &CaseActRequest,
) -> Result<ActOutcome, ApiError> {
    let action_name = desk_action_name(&request.action);
    let workflow = tx.department_workflow().await?;
    let (stored, history) = load_case(tx, &request.number).await?;
    let case = &stored.case;
    if let Some(expected) = request.expected_version {
        if expected != stored.version {
            return Err(ApiError::new(
                ErrorCode::CaseChanged,
                format!(
                    "办件{}已被更改（您看到的是第{expected}版，现在是第{}版），请刷新后再办理",
                    case.number, stored.version
                ),
                format!(
                    "case {} changed since it was read (version {expected} was read, version {} is stored): reload it and try again",
                    case.number, stored.version
                ),
            ));
        }
    }
    let guide = bound_version(&history, case)?;
    let permission = match &request.action {
        DeskAction::Assign { .. } | DeskAction::Reassign { .. } => Action::AssignCase,
        DeskAction::Urge { .. } => Action::UrgeCase,
        DeskAction::Case(_) => Action::ActOnCase,
    };
    let target = item_target(tx, &case.item_code, &guide.item).await?;
    require(tx, actor, permission, target).await?;
    let ledger = tx.filing_ledger().await?;
    let bundle = case_bundle(tx, &ledger, case, at).await?;
    let ctx = CaseContext {
        guide,
        calendar,
        options: DeadlineOptions::default(),
        bundle: bundle.as_ref().map(CaseBundle::context),
        filings: Some(&ledger),
    };
    // With a department workflow set, who may act is the department's rule
    // (holder, role, delegation, 会签/或签); without one only the law's.
    let applied = match (&workflow, request.action.clone()) {
        (Some(workflow), action) => apply_as(case, &ctx, workflow, actor.name(), at, action),
        (None, DeskAction::Case(action)) => apply(case, &ctx, actor.name(), at, action),
        (None, _) => {
            return Err(ApiError::new(
                ErrorCode::DepartmentWorkflowMissing,
                format!("“{action_name}”需要部门办理规则：请先设置部门办理规则（deskctl department set FILE）"),
                format!("`{action_name}` needs the department's workflow: `deskctl department set FILE` first"),
            ))
        }
    }
    .map_err(|e| refused(&case.number, e))?;
    let wait = bundle.as_ref().and_then(|b| b.pending_wait(&applied.case));
    let due = case_due(&applied.case, guide, calendar, wait.as_ref());
    let outbox = outbox_for(case, &applied, guide, at);
    let audit = audit_of(case, &applied, action_name, actor.name(), at);
    tx.record_transition(stored.version, &applied, due, outbox, Some(audit))
        .await?;
    if case.gate_outcome().is_none() && applied.case.gate_outcome().is_some() {
        refresh_serial_dependents(tx, &ledger, calendar, &applied.case, at).await?;
    }
    Ok(ActOutcome {
        number: applied.case.number.clone(),
        current_due: due.current(&applied.case.state),
        state: applied.case.state.clone(),
        version: stored.version + 1,
        events: applied.events.into_iter().map(|e| e.kind).collect(),
    })
}
