//! An officer's own delegations (委托): the officer hands their work to
//! another officer of the department for a period (出差, 休假 …), within
//! which the engine lets that officer act for them; the officer may
//! withdraw it. Each change is one unit of work with its audit entry, and
//! goes through the workflow's own checks.

use approval_core::access::{Action, Grant, Role, Target};
use approval_core::audit::AuditRecord;
use approval_core::case::{Delegation, DepartmentWorkflow};
use approval_core::china_time::CHINA_STANDARD_TIME;
use approval_core::error_code::ErrorCode;
use approval_store::StoreTx;
use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, TimeZone};

use super::detail_of;
use crate::access::{require, Actor};
use crate::views::delegation::{DelegateRequest, DelegationView, MyDelegationsView};
use crate::{in_read_unit, in_write_unit, ApiError, Desk};

/// How far in the past a delegation may start (the time the officer took
/// to fill the dialog).
const START_SLACK_MINUTES: i64 = 1;

/// `actor` delegates their own work to `request.to` for the period
/// asked, at `now`; answers with the actor's delegations after. A start
/// given as today's date starts now.
pub async fn delegate(
    desk: &Desk,
    actor: &Actor,
    request: DelegateRequest,
    now: DateTime<FixedOffset>,
) -> Result<MyDelegationsView, ApiError> {
    let mut valid_from = instant(&request.valid_from, "validFrom", false)?;
    // A start on today's date (the dialog's default) starts now.
    let today = now.with_timezone(&CHINA_STANDARD_TIME).date_naive();
    if is_date(&request.valid_from) && valid_from < now && valid_from.date_naive() == today {
        valid_from = now;
    }
    let valid_until = instant(&request.valid_until, "validUntil", true)?;
    if valid_from < now - TimeDelta::minutes(START_SLACK_MINUTES) {
        return Err(ApiError::invalid_input(
            "委托的开始时间不能早于现在",
            "a delegation cannot start in the past",
        )
        .at_field("validFrom"));
    }
    let delegation = Delegation {
        from: actor.name().to_owned(),
        to: request.to.trim().to_owned(),
        valid_from,
        valid_until,
        reason: request.reason.trim().to_owned(),
    };
    in_write_unit!(desk.db(), async |tx| {
        let mut workflow = own_workflow(tx, actor).await?;
        let grants = tx.grants().await?;
        if !is_officer(&grants, &delegation.to, &workflow.department) {
            return Err(ApiError::invalid_input(
                format!("“{}”不是本部门的承办人，不能接受委托", delegation.to),
                format!("{} is no officer of the department", delegation.to),
            )
            .at_field("to"));
        }
        workflow.delegations.push(delegation.clone());
        let problems = workflow.problems();
        if let Some(problem) = problems.first() {
            let detail = detail_of(problem);
            let field = match problem.problem.as_str() {
                "a delegation must end after it starts" => "validUntil",
                "an officer cannot delegate to themselves" => "to",
                "a delegation needs a reason" => "reason",
                _ => "workflow",
            };
            return Err(ApiError::invalid_input(
                format!("委托未能设置：{}", detail.message),
                format!("the delegation was refused: {}", detail.message_en),
            )
            .at_field(field)
            .with_details(problems.iter().map(detail_of).collect()));
        }
        tx.save_department_workflow(&workflow, now).await?;
        tx.append_audit(AuditRecord {
            at: now,
            actor: actor.name().to_owned(),
            action: "department.delegate".to_owned(),
            subject: format!("department:{}", workflow.department),
            before: serde_json::Value::Null,
            after: serde_json::to_value(&delegation).unwrap_or_default(),
        })
        .await?;
        Ok(mine(&workflow, &grants, actor, now))
    })
    .await
}

/// `actor` withdraws their delegation `index` (its place in the
/// department's list, as [`my_delegations`] shows it) at `now`.
pub async fn withdraw_delegation(
    desk: &Desk,
    actor: &Actor,
    index: u32,
    now: DateTime<FixedOffset>,
) -> Result<MyDelegationsView, ApiError> {
    in_write_unit!(desk.db(), async |tx| {
        let mut workflow = own_workflow(tx, actor).await?;
        let position = usize::try_from(index).unwrap_or(usize::MAX);
        let own = workflow
            .delegations
            .get(position)
            .is_some_and(|d| d.from == actor.name());
        if !own {
            return Err(ApiError::not_found(
                format!("没有您的第{index}项委托"),
                format!("no delegation {index} of yours"),
            )
            .at_field("index"));
        }
        let withdrawn = workflow.delegations.remove(position);
        tx.save_department_workflow(&workflow, now).await?;
        tx.append_audit(AuditRecord {
            at: now,
            actor: actor.name().to_owned(),
            action: "department.withdraw_delegation".to_owned(),
            subject: format!("department:{}", workflow.department),
            before: serde_json::to_value(&withdrawn).unwrap_or_default(),
            after: serde_json::Value::Null,
        })
        .await?;
        let grants = tx.grants().await?;
        Ok(mine(&workflow, &grants, actor, now))
    })
    .await
}

/// The delegations of `actor` not over at `now`, given and received, and
/// the department's other officers.
pub async fn my_delegations(
    desk: &Desk,
    actor: &Actor,
    now: DateTime<FixedOffset>,
) -> Result<MyDelegationsView, ApiError> {
    in_read_unit!(desk.db(), async |tx| {
        let workflow = own_workflow(tx, actor).await?;
        let grants = tx.grants().await?;
        Ok(mine(&workflow, &grants, actor, now))
    })
    .await
}

/// The stored workflow, when `actor` may work cases of its department.
async fn own_workflow(tx: &mut StoreTx, actor: &Actor) -> Result<DepartmentWorkflow, ApiError> {
    let workflow = tx.department_workflow().await?.ok_or_else(|| {
        ApiError::new(
            ErrorCode::DepartmentWorkflowMissing,
            "尚未设置部门办理规则，不能委托：请部门管理员先设置部门办理规则",
            "no department workflow is set, so nothing can be delegated: the department admin sets it first",
        )
    })?;
    let target = Target::Department(workflow.department.clone());
    require(tx, actor, Action::ActOnCase, target).await?;
    Ok(workflow)
}

fn is_officer(grants: &[Grant], person: &str, department: &str) -> bool {
    grants
        .iter()
        .any(|g| g.person == person && g.role == Role::Officer && g.scope.covers(Some(department)))
}

fn mine(
    workflow: &DepartmentWorkflow,
    grants: &[Grant],
    actor: &Actor,
    now: DateTime<FixedOffset>,
) -> MyDelegationsView {
    let me = actor.name();
    let current = workflow
        .delegations
        .iter()
        .enumerate()
        .filter(|(_, d)| now < d.valid_until);
    let view = |(index, d): (usize, &Delegation)| DelegationView {
        index: u32::try_from(index).unwrap_or(u32::MAX),
        from: d.from.clone(),
        to: d.to.clone(),
        valid_from: d.valid_from.to_rfc3339(),
        valid_until: d.valid_until.to_rfc3339(),
        reason: d.reason.clone(),
        active: d.valid_from <= now,
    };
    let mut officers: Vec<String> = grants
        .iter()
        .filter(|g| {
            g.person != me && is_officer(std::slice::from_ref(g), &g.person, &workflow.department)
        })
        .map(|g| g.person.clone())
        .collect();
    officers.sort();
    officers.dedup();
    MyDelegationsView {
        given: current
            .clone()
            .filter(|(_, d)| d.from == me)
            .map(view)
            .collect(),
        received: current.filter(|(_, d)| d.to == me).map(view).collect(),
        officers,
    }
}

fn is_date(text: &str) -> bool {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").is_ok()
}

/// An RFC 3339 instant, or a date in Beijing time: its beginning, or for
/// an end (`end_of_day`) the next day's beginning, so the day is included.
fn instant(text: &str, field: &str, end_of_day: bool) -> Result<DateTime<FixedOffset>, ApiError> {
    let text = text.trim();
    if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
        return Ok(instant);
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| if end_of_day { d.succ_opt() } else { Some(d) })
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .and_then(|t| CHINA_STANDARD_TIME.from_local_datetime(&t).single());
    date.ok_or_else(|| {
        ApiError::invalid_input(
            format!("“{text}”不是有效的日期或时间（应为YYYY-MM-DD）"),
            format!("{text:?} is neither a date (YYYY-MM-DD) nor an RFC 3339 instant"),
        )
        .at_field(field)
    })
}

#[cfg(test)]
mod tests;
