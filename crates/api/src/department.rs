//! The department's workflow (部门办理规则): who holds which step role,
//! how cases are assigned, 会签/或签, delegations and the urging interval.
//! Setting it checks it whole first; a workflow with any problem changes
//! nothing.

use approval_core::access::{Action, Target};
use approval_core::case::{DepartmentWorkflow, WorkflowProblem};
use approval_core::error_code::ErrorCode;
use chrono::{DateTime, FixedOffset};

use crate::access::{require, Actor};
use crate::{in_read_unit, in_write_unit, ApiError, Desk, ErrorDetail};

mod delegation;
pub use delegation::{delegate, my_delegations, withdraw_delegation};

/// Reads a workflow document (JSON, read from `origin`) and checks it: a
/// document that does not parse is `invalid_input` naming the line and
/// column; one with problems is `department_workflow_invalid` with one
/// detail per problem (its path in the document).
pub fn check_department_workflow(json: &str, origin: &str) -> Result<DepartmentWorkflow, ApiError> {
    let workflow: DepartmentWorkflow = serde_json::from_str(json).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        ApiError::invalid_input(
            format!("{origin}第{line}行第{column}列：不是有效的部门办理规则（{e}），未作任何更改"),
            format!("{origin}: line {line}, column {column}: {e}; nothing was changed"),
        )
    })?;
    let problems = workflow.problems();
    if problems.is_empty() {
        return Ok(workflow);
    }
    let count = problems.len();
    Err(ApiError::new(
        ErrorCode::DepartmentWorkflowInvalid,
        format!("{origin}有{count}处错误，未作任何更改"),
        format!("{origin} was rejected: {count} error(s), nothing was changed"),
    )
    .with_details(problems.iter().map(detail_of).collect()))
}

fn detail_of(problem: &WorkflowProblem) -> ErrorDetail {
    ErrorDetail {
        location: problem.path.clone(),
        message: problem_zh(&problem.problem)
            .map_or_else(|| problem.problem.clone(), str::to_owned),
        message_en: problem.problem.clone(),
    }
}

/// Core words a workflow's problems in English only: their zh-CN, by
/// the English text (a test checks every problem core reports has one).
fn problem_zh(problem: &str) -> Option<&'static str> {
    Some(match problem {
        "the department must be named" => "须写明部门名称",
        "a role needs at least one holder" => "每个环节角色至少须有一名人员",
        "a sign-off needs at least one signer" => "会签或或签至少须有一名签署人",
        "taking turns needs at least one officer" => "轮流分派至少须有一名承办人",
        "a delegation must end after it starts" => "委托的结束时间须晚于开始时间",
        "an officer cannot delegate to themselves" => "不能委托给本人",
        "a delegation needs a reason" => "委托须说明理由",
        "urging needs an interval of at least one minute" => "催办间隔至少为一分钟",
        _ => return None,
    })
}

/// Checks the workflow document `json` (read from `origin`) and stores it
/// in place of the department's workflow, at `at`. Needs
/// `set_department_workflow` in its department.
pub async fn set_department_workflow(
    desk: &Desk,
    actor: &Actor,
    at: DateTime<FixedOffset>,
    json: &str,
    origin: &str,
) -> Result<DepartmentWorkflow, ApiError> {
    let workflow = check_department_workflow(json, origin)?;
    in_write_unit!(desk.db(), async |tx| {
        let target = Target::Department(workflow.department.clone());
        require(tx, actor, Action::SetDepartmentWorkflow, target).await?;
        tx.save_department_workflow(&workflow, at).await?;
        Ok(())
    })
    .await?;
    tracing::info!(department = %workflow.department, person = actor.name(), "department workflow set");
    Ok(workflow)
}

/// The stored workflow.
pub async fn department_workflow(desk: &Desk) -> Result<DepartmentWorkflow, ApiError> {
    in_read_unit!(desk.db(), async |tx| {
        tx.department_workflow().await?.ok_or_else(|| {
            ApiError::new(
                ErrorCode::DepartmentWorkflowMissing,
                "尚未设置部门办理规则：请先设置部门办理规则（deskctl department set FILE）",
                "no department workflow is set: `deskctl department set FILE`",
            )
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use approval_core::access::{Role, Scope};

    use super::*;
    use crate::testing::{at, desk, grant, MARKET};

    const WORKFLOW: &str =
        include_str!("../../../tests/fixtures/departments/market-regulation.json");

    #[tokio::test]
    async fn a_workflow_is_set_and_shown() {
        let (_dir, desk) = desk().await;
        let missing = department_workflow(&desk).await.unwrap_err();
        assert_eq!(missing.code, ErrorCode::DepartmentWorkflowMissing);
        assert_eq!(
            missing.message_en,
            "no department workflow is set: `deskctl department set FILE`"
        );
        let set = set_department_workflow(
            &desk,
            &Actor::new("admin"),
            at(2026, 1, 1),
            WORKFLOW,
            "w.json",
        )
        .await
        .unwrap();
        assert_eq!(set.department, MARKET);
        assert_eq!(department_workflow(&desk).await.unwrap(), set);
    }

    #[tokio::test]
    async fn a_workflow_with_problems_or_bad_json_changes_nothing() {
        let (_dir, desk) = desk().await;
        let actor = Actor::new("admin");
        let bad = WORKFLOW.replace(
            "\"urge_interval_minutes\": 240",
            "\"urge_interval_minutes\": 0",
        );
        let error = set_department_workflow(&desk, &actor, at(2026, 1, 1), &bad, "bad.json")
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::DepartmentWorkflowInvalid);
        assert_eq!(
            error.message_en,
            "bad.json was rejected: 1 error(s), nothing was changed"
        );
        assert_eq!(error.details[0].location, "urge_interval_minutes");
        assert_eq!(error.details[0].message, "催办间隔至少为一分钟");
        let error = set_department_workflow(&desk, &actor, at(2026, 1, 1), "{", "broken.json")
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert!(
            error
                .message_en
                .starts_with("broken.json: line 1, column 1: "),
            "{error:?}"
        );
        assert!(error.message_en.ends_with("; nothing was changed"));
        assert!(department_workflow(&desk).await.is_err());
    }

    #[tokio::test]
    async fn setting_it_needs_the_departments_admin() {
        let (_dir, desk) = desk().await;
        grant(
            &desk,
            "other-admin",
            Role::DepartmentAdmin,
            Scope::Department("蓝田县消防救援大队".into()),
        )
        .await;
        grant(
            &desk,
            "officer",
            Role::Officer,
            Scope::Department(MARKET.into()),
        )
        .await;
        for (person, code) in [
            ("other-admin", ErrorCode::AccessOutOfScope),
            ("officer", ErrorCode::AccessNoRole),
        ] {
            let error = set_department_workflow(
                &desk,
                &Actor::new(person),
                at(2026, 1, 1),
                WORKFLOW,
                "w.json",
            )
            .await
            .unwrap_err();
            assert_eq!(error.code, code, "{person}");
        }
        assert!(department_workflow(&desk).await.is_err());
    }

    #[test]
    fn every_problem_core_reports_reads_in_chinese() {
        let mut workflow: DepartmentWorkflow = serde_json::from_str(WORKFLOW).unwrap();
        workflow.department = " ".into();
        workflow.urge_interval_minutes = 0;
        for holders in workflow.role_holders.values_mut() {
            holders.clear();
        }
        for delegation in &mut workflow.delegations {
            delegation.to = delegation.from.clone();
            delegation.valid_until = delegation.valid_from;
            delegation.reason = String::new();
        }
        let mut json: serde_json::Value = serde_json::to_value(&workflow).unwrap();
        json["sign_offs"]["610122-SCJG-XK-0001"]["check"]["signers"] = serde_json::json!([]);
        json["assignment_rules"]["610122-SCJG-XK-0001"]["officers"] = serde_json::json!([]);
        let workflow: DepartmentWorkflow = serde_json::from_value(json).unwrap();
        let problems = workflow.problems();
        let kinds: std::collections::BTreeSet<&str> =
            problems.iter().map(|p| p.problem.as_str()).collect();
        assert_eq!(kinds.len(), 8, "{kinds:?}");
        for problem in &problems {
            assert!(problem_zh(&problem.problem).is_some(), "{problem}");
        }
    }
}
