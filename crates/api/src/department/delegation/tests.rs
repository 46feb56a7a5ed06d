#![allow(clippy::unwrap_used, clippy::expect_used)]

use approval_core::access::{Role, Scope};
use approval_core::case::{Action as CaseAction, DeskAction};

use super::*;
use crate::cases::{act_on_case, scenarios, CaseActRequest};
use crate::department::set_department_workflow;
use crate::testing::{desk, grant, MARKET};

/// Every food licence case goes to 张三; 李四 also handles cases.
const WORKFLOW: &str = r#"{
  "department": "蓝田县市场监督管理局",
  "role_holders": { "承办人": ["张三", "李四"], "审核人": ["王五"], "签发人": ["钱局长"] },
  "supervisors": ["孙科长"],
  "sign_offs": {},
  "assignment_rules": { "610122-SCJG-XK-0001": { "rule": "in_turn", "officers": ["张三"] } },
  "delegations": [],
  "urge_interval_minutes": 240
}"#;

/// Two food licence cases held by 张三, the workflow above, and 张三 and
/// 李四 officers of the department (王五 holds no grant).
async fn department() -> (tempfile::TempDir, Desk) {
    let (dir, desk) = desk().await;
    let admin = Actor::new("admin");
    set_department_workflow(&desk, &admin, scenarios::march(1, 9), WORKFLOW, "w.json")
        .await
        .unwrap();
    for number in ["SX2026-000001", "SX2026-000002"] {
        scenarios::received(&desk, number).await;
    }
    for person in ["张三", "李四"] {
        grant(
            &desk,
            person,
            Role::Officer,
            Scope::Department(MARKET.into()),
        )
        .await;
    }
    (dir, desk)
}

fn request(to: &str, from: &str, until: &str, reason: &str) -> DelegateRequest {
    DelegateRequest {
        to: to.into(),
        valid_from: from.into(),
        valid_until: until.into(),
        reason: reason.into(),
    }
}

/// Whether `person` may do the acceptance step (the holder's) of case
/// `number` at `at`.
async fn accept(desk: &Desk, person: &str, number: &str, at: DateTime<FixedOffset>) -> bool {
    act_on_case(
        desk,
        &Actor::new(person),
        at,
        CaseActRequest {
            number: number.into(),
            action: DeskAction::Case(CaseAction::CompleteStep {
                step: "accept".into(),
                opinion: "材料齐全，予以受理".into(),
            }),
            expected_version: None,
        },
    )
    .await
    .inspect_err(|e| eprintln!("{person} {number}: {e:?}"))
    .is_ok()
}

#[tokio::test]
async fn a_delegate_acts_for_the_delegator_within_the_window_only() {
    let (_dir, desk) = department().await;
    let zhang = Actor::new("张三");
    let march = scenarios::march;
    let mine = delegate(
        &desk,
        &zhang,
        request("李四", "2026-03-04", "2026-03-05", "出差"),
        march(3, 9),
    )
    .await
    .unwrap();
    assert_eq!(mine.officers, ["李四"]);
    assert_eq!(mine.received, []);
    let given = &mine.given[0];
    assert_eq!((given.index, given.to.as_str()), (0, "李四"));
    assert_eq!(given.valid_from, "2026-03-04T00:00:00+08:00");
    assert_eq!(given.valid_until, "2026-03-06T00:00:00+08:00");
    assert!(!given.active);

    // Before the window 李四 may not act on 张三's case, within it he may,
    // after it no longer.
    assert!(!accept(&desk, "李四", "SX2026-000001", march(3, 10)).await);
    assert!(accept(&desk, "李四", "SX2026-000001", march(4, 10)).await);
    assert!(!accept(&desk, "李四", "SX2026-000002", march(6, 10)).await);
    assert!(accept(&desk, "张三", "SX2026-000002", march(6, 11)).await);

    let li = my_delegations(&desk, &Actor::new("李四"), march(5, 9))
        .await
        .unwrap();
    assert_eq!(li.received.len(), 1);
    assert!(li.received[0].active);
    assert_eq!(li.given, []);
    assert_eq!(li.officers, ["张三"]);
    // Over, it is no longer listed.
    let later = my_delegations(&desk, &zhang, march(6, 9)).await.unwrap();
    assert_eq!(later.given, []);

    let audit = desk
        .db()
        .read()
        .await
        .unwrap()
        .audit_entries()
        .await
        .unwrap();
    assert!(audit
        .iter()
        .any(|e| e.record.action == "department.delegate"
            && e.record.actor == "张三"
            && e.record.after["to"] == "李四"));
}

#[tokio::test]
async fn a_delegation_that_cannot_work_is_refused_and_changes_nothing() {
    let (_dir, desk) = department().await;
    let zhang = Actor::new("张三");
    let now = scenarios::march(3, 9);
    for (asked, field) in [
        (request("王五", "2026-03-04", "2026-03-05", "出差"), "to"),
        (request("张三", "2026-03-04", "2026-03-05", "出差"), "to"),
        (request("李四", "2026-03-04", "2026-03-05", " "), "reason"),
        (
            request("李四", "2026-03-05", "2026-03-04", "出差"),
            "validUntil",
        ),
        (
            request("李四", "2026-03-02", "2026-03-05", "出差"),
            "validFrom",
        ),
        (
            request("李四", "2026-03-03T08:58:00+08:00", "2026-03-05", "出差"),
            "validFrom",
        ),
        (request("李四", "3月4日", "2026-03-05", "出差"), "validFrom"),
        (request("李四", "2026-03-04", "", "出差"), "validUntil"),
    ] {
        let error = delegate(&desk, &zhang, asked.clone(), now)
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput, "{asked:?}");
        assert_eq!(error.field.as_deref(), Some(field), "{asked:?}");
    }
    // Today's date starts now.
    let today = delegate(
        &desk,
        &zhang,
        request("李四", "2026-03-03", "2026-03-03", "病假"),
        now,
    )
    .await
    .unwrap();
    assert_eq!(today.given[0].valid_from, "2026-03-03T09:00:00+08:00");
    assert_eq!(today.given[0].valid_until, "2026-03-04T00:00:00+08:00");
    assert!(today.given[0].active);
    withdraw_delegation(&desk, &zhang, 0, now).await.unwrap();
    // A minute's slack for the time the dialog took.
    delegate(
        &desk,
        &zhang,
        request("李四", "2026-03-03T08:59:30+08:00", "2026-03-05", "出差"),
        now,
    )
    .await
    .unwrap();
    let error = delegate(
        &desk,
        &Actor::new("王五"),
        request("李四", "2026-03-04", "2026-03-05", "出差"),
        now,
    )
    .await
    .unwrap_err();
    assert_eq!(error.code, ErrorCode::AccessNoRole);
    let mine = my_delegations(&desk, &zhang, now).await.unwrap();
    assert_eq!(mine.given.len(), 1);
}

#[tokio::test]
async fn without_a_workflow_nothing_is_delegated() {
    let (_dir, desk) = desk().await;
    let error = delegate(
        &desk,
        &Actor::new("张三"),
        request("李四", "2026-03-04", "2026-03-05", "出差"),
        scenarios::march(3, 9),
    )
    .await
    .unwrap_err();
    assert_eq!(error.code, ErrorCode::DepartmentWorkflowMissing);
}

#[tokio::test]
async fn only_the_delegator_withdraws_a_delegation() {
    let (_dir, desk) = department().await;
    let zhang = Actor::new("张三");
    let now = scenarios::march(3, 9);
    delegate(
        &desk,
        &zhang,
        request("李四", "2026-03-04", "2026-03-05", "出差"),
        now,
    )
    .await
    .unwrap();
    for (person, index) in [("李四", 0), ("张三", 1)] {
        let error = withdraw_delegation(&desk, &Actor::new(person), index, now)
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::NotFound, "{person}");
    }
    let mine = withdraw_delegation(&desk, &zhang, 0, now).await.unwrap();
    assert_eq!(mine.given, []);
    assert!(!accept(&desk, "李四", "SX2026-000001", scenarios::march(4, 10)).await);
    let audit = desk
        .db()
        .read()
        .await
        .unwrap()
        .audit_entries()
        .await
        .unwrap();
    assert!(audit
        .iter()
        .any(|e| e.record.action == "department.withdraw_delegation"
            && e.record.before["to"] == "李四"));
}
