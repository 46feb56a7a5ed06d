//! Work inside the department: who may act on a case. Assignment from the
//! pool (by rule or by hand), reassignment (转办), temporary delegation
//! (委托), steps done by holders of the step's role, sign-off by several
//! people (会签) or any one of them (或签), and urging (催办).
//!
//! This layer wraps the legal engine ([`apply`]): it decides who may do
//! what, then lets the engine decide whether the law allows it.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset, TimeDelta};
use serde::{Deserialize, Serialize};

use super::action::Action;
use super::engine::{apply, Applied, CaseContext};
use super::error::CaseError;
use super::event::{CaseEvent, EventKind};
use super::record::{AssignmentChange, Case, CaseState, StepDone, Urge};
use crate::guide::StepKind;

/// How a step's sign-off works when one signature is not enough.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum SignOff {
    /// 会签: every listed officer signs.
    All { signers: Vec<String> },
    /// 或签: any one of the listed officers signs.
    Any { signers: Vec<String> },
}

impl SignOff {
    fn signers(&self) -> &[String] {
        match self {
            SignOff::All { signers } | SignOff::Any { signers } => signers,
        }
    }
}

/// How a transferred case leaves the pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum AssignmentRule {
    /// Stays in the pool until someone assigns it by hand.
    Pool,
    /// 轮流: the officers in turn.
    InTurn { officers: Vec<String> },
}

/// A temporary delegation: `to` acts for `from` within the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delegation {
    pub from: String,
    pub to: String,
    pub valid_from: DateTime<FixedOffset>,
    pub valid_until: DateTime<FixedOffset>,
    pub reason: String,
}

impl Delegation {
    fn covers(&self, actor: &str, at: DateTime<FixedOffset>) -> bool {
        self.to == actor && self.valid_from <= at && at < self.valid_until
    }
}

/// One department's way of working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepartmentWorkflow {
    pub department: String,
    /// Who holds each role that flowchart steps name (承办人, 审核人, 签发人 …).
    pub role_holders: BTreeMap<String, BTreeSet<String>>,
    /// Who may assign, reassign and urge (科室负责人 …).
    pub supervisors: BTreeSet<String>,
    /// Sign-off of particular steps, by item code and step id.
    pub sign_offs: BTreeMap<String, BTreeMap<String, SignOff>>,
    pub assignment_rules: BTreeMap<String, AssignmentRule>,
    pub delegations: Vec<Delegation>,
    /// A case may be urged at most once in this many minutes.
    pub urge_interval_minutes: u32,
}

/// What may be done to a case inside the department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "desk_action", rename_all = "snake_case")]
pub enum DeskAction {
    /// An action the engine judges (accept, complete a step, decide …).
    Case(Action),
    /// Take a case from the pool and give it to `to`.
    Assign { to: String },
    /// 转办 to another officer, with a reason.
    Reassign { to: String, reason: String },
    /// 催办 the holder.
    Urge { note: String },
}

/// Who actually acts: the actor, and the officer they stand in for.
struct Acting {
    on_behalf_of: Option<String>,
}

/// A department workflow that cannot work as written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {problem}")]
pub struct WorkflowProblem {
    pub path: String,
    pub problem: String,
}

impl DepartmentWorkflow {
    /// Every problem that would make the workflow refuse work it should
    /// allow or allow work it should refuse.
    pub fn problems(&self) -> Vec<WorkflowProblem> {
        let mut found = Vec::new();
        let mut problem = |path: String, problem: &str| {
            found.push(WorkflowProblem {
                path,
                problem: problem.to_owned(),
            })
        };
        if self.department.trim().is_empty() {
            problem("department".into(), "the department must be named");
        }
        for (role, holders) in &self.role_holders {
            if holders.is_empty() {
                problem(
                    format!("role_holders.{role}"),
                    "a role needs at least one holder",
                );
            }
        }
        for (item, steps) in &self.sign_offs {
            for (step, sign_off) in steps {
                if sign_off.signers().is_empty() {
                    problem(
                        format!("sign_offs.{item}.{step}"),
                        "a sign-off needs at least one signer",
                    );
                }
            }
        }
        for (item, rule) in &self.assignment_rules {
            if matches!(rule, AssignmentRule::InTurn { officers } if officers.is_empty()) {
                problem(
                    format!("assignment_rules.{item}"),
                    "taking turns needs at least one officer",
                );
            }
        }
        for (index, delegation) in self.delegations.iter().enumerate() {
            if delegation.valid_until <= delegation.valid_from {
                problem(
                    format!("delegations[{index}]"),
                    "a delegation must end after it starts",
                );
            }
            if delegation.from == delegation.to {
                problem(
                    format!("delegations[{index}]"),
                    "an officer cannot delegate to themselves",
                );
            }
            if delegation.reason.trim().is_empty() {
                problem(
                    format!("delegations[{index}].reason"),
                    "a delegation needs a reason",
                );
            }
        }
        if self.urge_interval_minutes == 0 {
            problem(
                "urge_interval_minutes".into(),
                "urging needs an interval of at least one minute",
            );
        }
        found
    }

    fn holds(&self, officer: &str, role: &str) -> bool {
        self.role_holders
            .get(role)
            .is_some_and(|h| h.contains(officer))
    }

    /// The officer `actor` may act as at `at`: themselves, or whoever
    /// delegated to them, if that one passes `allowed`.
    fn acting_as(
        &self,
        actor: &str,
        at: DateTime<FixedOffset>,
        allowed: impl Fn(&str) -> bool,
    ) -> Option<Acting> {
        if allowed(actor) {
            return Some(Acting { on_behalf_of: None });
        }
        self.delegations
            .iter()
            .find(|d| d.covers(actor, at) && allowed(&d.from))
            .map(|d| Acting {
                on_behalf_of: Some(d.from.clone()),
            })
    }

    /// The role of the case's first working step: what a holder must hold.
    fn handling_role(&self, ctx: &CaseContext<'_>) -> Option<String> {
        let chart = &ctx.guide.content.flowchart;
        let order = chart.topological_order()?;
        order
            .into_iter()
            .map(|i| &chart.steps[i])
            .find(|s| s.is_timed_work())
            .and_then(|s| s.role.clone())
    }

    /// The holder of a new case under the item's rule; `turn` counts the
    /// cases the rule has handed out so far.
    pub fn holder_by_rule(&self, item_code: &str, turn: u64) -> Option<String> {
        match self.assignment_rules.get(item_code)? {
            AssignmentRule::Pool => None,
            AssignmentRule::InTurn { officers } if officers.is_empty() => None,
            AssignmentRule::InTurn { officers } => {
                let index = usize::try_from(turn % officers.len() as u64).unwrap_or(0);
                officers.get(index).cloned()
            }
        }
    }
}

/// Assigns a just-received case by its item's rule (it stays in the pool
/// under [`AssignmentRule::Pool`]).
pub fn assign_by_rule(
    case: &Case,
    desk: &DepartmentWorkflow,
    turn: u64,
    at: DateTime<FixedOffset>,
) -> Option<Applied> {
    let to = desk.holder_by_rule(&case.item_code, turn)?;
    let mut next = case.clone();
    next.holder = Some(to.clone());
    next.assignments.push(AssignmentChange {
        from: None,
        to: to.clone(),
        by: super::engine::SYSTEM.to_owned(),
        at,
        reason: String::new(),
    });
    let event = CaseEvent {
        case: case.number.clone(),
        at,
        actor: super::engine::SYSTEM.to_owned(),
        on_behalf_of: None,
        kind: EventKind::Assigned { to, by_rule: true },
    };
    Some(Applied {
        case: next,
        events: vec![event],
    })
}

fn event(
    case: &Case,
    at: DateTime<FixedOffset>,
    actor: &str,
    acting: &Acting,
    kind: EventKind,
) -> CaseEvent {
    CaseEvent {
        case: case.number.clone(),
        at,
        actor: actor.to_owned(),
        on_behalf_of: acting.on_behalf_of.clone(),
        kind,
    }
}

fn refused(actor: &str, what: &str) -> CaseError {
    CaseError::NotPermitted {
        actor: actor.to_owned(),
        what: what.to_owned(),
    }
}

/// `action` by `actor` at `at`, as the department's rules allow it.
pub fn apply_as(
    case: &Case,
    ctx: &CaseContext<'_>,
    desk: &DepartmentWorkflow,
    actor: &str,
    at: DateTime<FixedOffset>,
    action: DeskAction,
) -> Result<Applied, CaseError> {
    let terminal = matches!(case.state, CaseState::Released | CaseState::NotAccepted);
    match action {
        DeskAction::Assign { to } => {
            if case.holder.is_some() {
                return Err(CaseError::AlreadyAssigned {
                    case: case.number.clone(),
                });
            }
            let role = desk.handling_role(ctx).unwrap_or_default();
            let acting = desk
                .acting_as(actor, at, |who| {
                    desk.supervisors.contains(who) || desk.holds(who, &role)
                })
                .ok_or_else(|| refused(actor, "assign cases of this item"))?;
            if !desk.holds(&to, &role) {
                return Err(refused(&to, &format!("hold cases (not a {role})")));
            }
            let mut next = case.clone();
            next.holder = Some(to.clone());
            next.assignments.push(AssignmentChange {
                from: None,
                to: to.clone(),
                by: actor.to_owned(),
                at,
                reason: String::new(),
            });
            let events = vec![event(
                case,
                at,
                actor,
                &acting,
                EventKind::Assigned { to, by_rule: false },
            )];
            Ok(Applied { case: next, events })
        }
        DeskAction::Reassign { to, reason } => {
            if reason.trim().is_empty() {
                return Err(CaseError::Empty { field: "reason" });
            }
            if terminal {
                return Err(CaseError::NotAllowedInState {
                    action: "reassign",
                    state: format!("{:?}", case.state),
                });
            }
            let from = case.holder.clone().ok_or_else(|| CaseError::NotAssigned {
                case: case.number.clone(),
            })?;
            let role = desk.handling_role(ctx).unwrap_or_default();
            let acting = desk
                .acting_as(actor, at, |who| {
                    desk.supervisors.contains(who) || who == from
                })
                .ok_or_else(|| refused(actor, "reassign this case"))?;
            if !desk.holds(&to, &role) || to == from {
                return Err(refused(
                    &to,
                    &format!("take this case over (not another {role})"),
                ));
            }
            let mut next = case.clone();
            next.holder = Some(to.clone());
            next.assignments.push(AssignmentChange {
                from: Some(from.clone()),
                to: to.clone(),
                by: actor.to_owned(),
                at,
                reason: reason.clone(),
            });
            let events = vec![event(
                case,
                at,
                actor,
                &acting,
                EventKind::Reassigned { from, to, reason },
            )];
            Ok(Applied { case: next, events })
        }
        DeskAction::Urge { note } => {
            if terminal {
                return Err(CaseError::NotAllowedInState {
                    action: "urge",
                    state: format!("{:?}", case.state),
                });
            }
            let acting = desk
                .acting_as(actor, at, |who| desk.supervisors.contains(who))
                .ok_or_else(|| refused(actor, "urge cases"))?;
            if let Some(last) = case.urges.last() {
                let next_allowed =
                    last.at + TimeDelta::minutes(i64::from(desk.urge_interval_minutes));
                if at < next_allowed {
                    return Err(CaseError::UrgedTooOften { next_allowed });
                }
            }
            let mut next = case.clone();
            next.urges.push(Urge {
                by: actor.to_owned(),
                at,
                note: note.clone(),
            });
            let events = vec![event(
                case,
                at,
                actor,
                &acting,
                EventKind::Urged {
                    holder: case.holder.clone(),
                    note,
                },
            )];
            Ok(Applied { case: next, events })
        }
        DeskAction::Case(action) => case_action(case, ctx, desk, actor, at, action),
    }
}

fn case_action(
    case: &Case,
    ctx: &CaseContext<'_>,
    desk: &DepartmentWorkflow,
    actor: &str,
    at: DateTime<FixedOffset>,
    action: Action,
) -> Result<Applied, CaseError> {
    // What the window unit reports is not an officer's act.
    if matches!(action, Action::ReceiveCorrections { .. } | Action::Release) {
        return apply(case, ctx, actor, at, action);
    }
    let step_id = match &action {
        Action::CompleteStep { step, .. } => Some(step.clone()),
        Action::Decide { .. } => ctx
            .guide
            .content
            .flowchart
            .steps
            .iter()
            .find(|s| s.kind == StepKind::Decision && !case.step_done(&s.id))
            .map(|s| s.id.clone()),
        _ => None,
    };
    let acting = match &step_id {
        Some(step) => {
            let role = ctx
                .guide
                .content
                .flowchart
                .step(step)
                .and_then(|s| s.role.clone())
                .unwrap_or_default();
            let sign_off = desk
                .sign_offs
                .get(&case.item_code)
                .and_then(|m| m.get(step));
            // Steps of the handling role (承办人) are the holder's; later
            // roles (审核人, 签发人) belong to whoever holds them.
            let holder_step = desk.handling_role(ctx).as_deref() == Some(role.as_str());
            let allowed = |who: &str| match sign_off {
                Some(sign_off) => sign_off.signers().iter().any(|s| s == who),
                None if holder_step => case.holder.as_deref() == Some(who),
                None => desk.holds(who, &role),
            };
            let acting = desk
                .acting_as(actor, at, allowed)
                .ok_or_else(|| refused(actor, &format!("do step {step} (needs {role})")))?;
            if let Some(sign_off) = sign_off {
                return sign(case, ctx, actor, at, action, step, sign_off, acting);
            }
            acting
        }
        None => {
            let holder = case.holder.clone().ok_or_else(|| CaseError::NotAssigned {
                case: case.number.clone(),
            })?;
            desk.acting_as(actor, at, |who| who == holder)
                .ok_or_else(|| refused(actor, &format!("act on a case held by {holder}")))?
        }
    };
    let mut applied = apply(case, ctx, actor, at, action)?;
    for event in &mut applied.events {
        if event.actor == actor {
            event.on_behalf_of.clone_from(&acting.on_behalf_of);
        }
    }
    Ok(applied)
}

/// One signature of a 会签/或签 step; the step completes (through the
/// engine) with the signature that makes it whole.
#[allow(clippy::too_many_arguments)]
fn sign(
    case: &Case,
    ctx: &CaseContext<'_>,
    actor: &str,
    at: DateTime<FixedOffset>,
    action: Action,
    step: &str,
    sign_off: &SignOff,
    acting: Acting,
) -> Result<Applied, CaseError> {
    let signer = acting
        .on_behalf_of
        .clone()
        .unwrap_or_else(|| actor.to_owned());
    let signed: BTreeSet<&str> = case
        .signatures
        .iter()
        .filter(|s| s.step == step)
        .map(|s| s.by.as_str())
        .collect();
    if signed.contains(signer.as_str()) {
        return Err(CaseError::AlreadySigned {
            step: step.to_owned(),
            signer,
        });
    }
    let opinion = match &action {
        Action::CompleteStep { opinion, .. } | Action::Decide { opinion, .. } => opinion.clone(),
        _ => String::new(),
    };
    let waiting_for: Vec<String> = match sign_off {
        SignOff::Any { .. } => Vec::new(),
        SignOff::All { signers } => signers
            .iter()
            .filter(|s| **s != signer && !signed.contains(s.as_str()))
            .cloned()
            .collect(),
    };
    let mut applied = if waiting_for.is_empty() {
        // The last signature: the engine judges the step itself (order,
        // deadlines, bundle rules) and completes it.
        apply(case, ctx, actor, at, action)?
    } else {
        // Not the last signature yet: the step stays open, but the engine
        // must accept it now (order, deadlines, bundle rules), or no
        // signature counts.
        apply(case, ctx, actor, at, action)?;
        Applied {
            case: case.clone(),
            events: Vec::new(),
        }
    };
    applied.case.signatures.push(StepDone {
        step: step.to_owned(),
        by: signer,
        at,
        opinion,
    });
    applied.events.insert(
        0,
        event(
            case,
            at,
            actor,
            &acting,
            EventKind::StepSigned {
                step: step.to_owned(),
                waiting_for,
            },
        ),
    );
    for event in &mut applied.events {
        if event.actor == actor {
            event.on_behalf_of.clone_from(&acting.on_behalf_of);
        }
    }
    Ok(applied)
}
