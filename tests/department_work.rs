//! Work inside the department: assignment, reassignment (转办), delegation
//! (委托), steps done by their role's holders, 会签/或签 and urging (催办).

// Test helpers may panic: a panic here is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};

use approval_core::bundle::Outcome;
use approval_core::calendar::WorkingCalendar;
use approval_core::case::{
    apply_as, assign_by_rule, receive, Action, Applicant, Applied, AssignmentRule, Case,
    CaseContext, CaseError, Delegation, DepartmentWorkflow, DeskAction, EventKind, SignOff,
    Transfer,
};
use approval_core::clock::DeadlineOptions;
use approval_core::guide::GuideHistory;
use approval_desk_tests::{beijing, guide_file, published_history, shipped_calendar};

const FOOD: &str = "610122-SCJG-XK-0001";

struct Office {
    calendar: WorkingCalendar,
    history: GuideHistory,
    desk: DepartmentWorkflow,
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

impl Office {
    fn new() -> Self {
        let history = published_history(&guide_file("food-business-licence.json"));
        let desk = DepartmentWorkflow {
            department: "蓝田县市场监督管理局".into(),
            role_holders: BTreeMap::from([
                ("承办人".to_owned(), set(&["张三", "李四"])),
                ("审核人".to_owned(), set(&["王五", "赵六"])),
                ("签发人".to_owned(), set(&["钱局长"])),
            ]),
            supervisors: set(&["孙科长"]),
            sign_offs: BTreeMap::from([(
                FOOD.to_owned(),
                BTreeMap::from([(
                    "check".to_owned(),
                    SignOff::All {
                        signers: vec!["王五".into(), "赵六".into()],
                    },
                )]),
            )]),
            assignment_rules: BTreeMap::from([(
                FOOD.to_owned(),
                AssignmentRule::InTurn {
                    officers: vec!["张三".into(), "李四".into()],
                },
            )]),
            delegations: vec![Delegation {
                from: "张三".into(),
                to: "李四".into(),
                valid_from: beijing("2026-11-09 00:00"),
                valid_until: beijing("2026-11-14 00:00"),
                reason: "出差".into(),
            }],
            urge_interval_minutes: 240,
        };
        Self {
            calendar: shipped_calendar(),
            history,
            desk,
        }
    }

    fn ctx(&self) -> CaseContext<'_> {
        CaseContext {
            guide: self.history.latest_published().unwrap(),
            calendar: &self.calendar,
            options: DeadlineOptions::default(),
            bundle: None,
            filings: None,
        }
    }

    fn received(&self, turn: u64) -> Case {
        let transfer = Transfer {
            case_number: format!("C{turn}"),
            item_code: FOOD.into(),
            applicant: Applicant {
                name: "某餐饮公司".into(),
                id_type: "统一社会信用代码".into(),
                id_number: "1".into(),
                phone: String::new(),
            },
            window_unit: "蓝田县政务服务中心".into(),
            received_at: beijing("2026-11-02 09:00"),
            materials: vec![],
            bundle_instance: None,
        };
        let case = receive(transfer, Some(&self.history)).unwrap().case;
        assign_by_rule(&case, &self.desk, turn, beijing("2026-11-02 09:00"))
            .unwrap()
            .case
    }

    fn act(
        &self,
        case: &Case,
        actor: &str,
        at: &str,
        action: DeskAction,
    ) -> Result<Applied, CaseError> {
        apply_as(case, &self.ctx(), &self.desk, actor, beijing(at), action)
    }

    fn ok(&self, case: &Case, actor: &str, at: &str, action: Action) -> Case {
        self.act(case, actor, at, DeskAction::Case(action))
            .unwrap()
            .case
    }
}

fn complete(step: &str) -> Action {
    Action::CompleteStep {
        step: step.into(),
        opinion: "同意".into(),
    }
}

#[test]
fn cases_are_assigned_in_turn_by_the_items_rule() {
    let office = Office::new();
    assert_eq!(office.received(0).holder.as_deref(), Some("张三"));
    assert_eq!(office.received(1).holder.as_deref(), Some("李四"));
    assert_eq!(office.received(2).holder.as_deref(), Some("张三"));
}

#[test]
fn a_pooled_case_is_assigned_by_hand_by_a_role_holder_or_supervisor() {
    let mut office = Office::new();
    office
        .desk
        .assignment_rules
        .insert(FOOD.into(), AssignmentRule::Pool);
    let transfer = Transfer {
        case_number: "P1".into(),
        item_code: FOOD.into(),
        applicant: approval_core::case::Applicant {
            name: "某公司".into(),
            id_type: "代码".into(),
            id_number: "1".into(),
            phone: String::new(),
        },
        window_unit: "窗口".into(),
        received_at: beijing("2026-11-02 09:00"),
        materials: vec![],
        bundle_instance: None,
    };
    let case = receive(transfer, Some(&office.history)).unwrap().case;
    assert!(assign_by_rule(&case, &office.desk, 0, beijing("2026-11-02 09:00")).is_none());
    let unassigned = office.act(
        &case,
        "张三",
        "2026-11-02 10:00",
        DeskAction::Case(Action::Accept),
    );
    assert!(matches!(unassigned, Err(CaseError::NotAssigned { .. })));
    let outsider = office.act(
        &case,
        "王五",
        "2026-11-02 10:00",
        DeskAction::Assign {
            to: "张三".into()
        },
    );
    assert!(matches!(outsider, Err(CaseError::NotPermitted { .. })));
    let assigned = office
        .act(
            &case,
            "孙科长",
            "2026-11-02 10:00",
            DeskAction::Assign {
                to: "李四".into()
            },
        )
        .unwrap();
    assert_eq!(assigned.case.holder.as_deref(), Some("李四"));
}

#[test]
fn only_the_holder_acts_on_the_case_and_a_reassignment_needs_a_reason() {
    let office = Office::new();
    let case = office.received(0);
    let other = office.act(
        &case,
        "李四",
        "2026-11-02 10:00",
        DeskAction::Case(Action::Accept),
    );
    assert!(
        matches!(other, Err(CaseError::NotPermitted { .. })),
        "before the delegation window"
    );
    let no_reason = office.act(
        &case,
        "张三",
        "2026-11-02 10:00",
        DeskAction::Reassign {
            to: "李四".into(),
            reason: " ".into(),
        },
    );
    assert_eq!(no_reason, Err(CaseError::Empty { field: "reason" }));
    let moved = office
        .act(
            &case,
            "张三",
            "2026-11-02 10:00",
            DeskAction::Reassign {
                to: "李四".into(),
                reason: "工作调整".into(),
            },
        )
        .unwrap();
    assert_eq!(moved.case.holder.as_deref(), Some("李四"));
    assert!(matches!(&moved.events[0].kind, EventKind::Reassigned { from, .. } if from == "张三"));
    assert!(office
        .act(
            &moved.case,
            "李四",
            "2026-11-02 11:00",
            DeskAction::Case(Action::Accept)
        )
        .is_ok());
}

#[test]
fn a_delegate_acts_within_the_window_and_every_event_says_for_whom() {
    let office = Office::new();
    let case = office.ok(
        &office.received(0),
        "张三",
        "2026-11-02 10:00",
        Action::Accept,
    );
    let within = office
        .act(
            &case,
            "李四",
            "2026-11-10 10:00",
            DeskAction::Case(complete("accept")),
        )
        .unwrap();
    assert!(within
        .events
        .iter()
        .all(|e| e.on_behalf_of.as_deref() == Some("张三")));
    let after = office.act(
        &case,
        "李四",
        "2026-11-14 10:00",
        DeskAction::Case(complete("accept")),
    );
    assert!(matches!(after, Err(CaseError::NotPermitted { .. })));
}

#[test]
fn steps_are_done_by_holders_of_their_role() {
    let office = Office::new();
    let case = office.ok(
        &office.received(0),
        "张三",
        "2026-11-02 10:00",
        Action::Accept,
    );
    let reviewer = office.act(
        &case,
        "王五",
        "2026-11-02 11:00",
        DeskAction::Case(complete("accept")),
    );
    assert!(
        matches!(reviewer, Err(CaseError::NotPermitted { .. })),
        "承办人 steps are the holder's"
    );
    let other_officer = office.act(
        &case,
        "李四",
        "2026-11-02 11:00",
        DeskAction::Case(complete("accept")),
    );
    assert!(
        matches!(other_officer, Err(CaseError::NotPermitted { .. })),
        "another 承办人 is not the holder"
    );
    let case = at_check(&office);
    let case = office
        .act(
            &case,
            "王五",
            "2026-11-06 09:00",
            DeskAction::Case(complete("check")),
        )
        .unwrap()
        .case;
    let case = office
        .act(
            &case,
            "赵六",
            "2026-11-06 09:30",
            DeskAction::Case(complete("check")),
        )
        .unwrap()
        .case;
    let holder_decides = office.act(
        &case,
        "张三",
        "2026-11-06 15:00",
        DeskAction::Case(Action::Decide {
            outcome: Outcome::Approved,
            opinion: "准予".into(),
        }),
    );
    assert!(
        matches!(holder_decides, Err(CaseError::NotPermitted { .. })),
        "the decision is the 签发人's"
    );
}

fn at_check(office: &Office) -> Case {
    let case = office.ok(
        &office.received(0),
        "张三",
        "2026-11-02 10:00",
        Action::Accept,
    );
    let case = office.ok(&case, "张三", "2026-11-02 11:00", complete("accept"));
    let case = office.ok(&case, "张三", "2026-11-03 11:00", complete("review"));
    let case = office.ok(
        &case,
        "张三",
        "2026-11-04 09:00",
        Action::StartSpecialStage {
            stage: "S01".into(),
            override_reason: None,
        },
    );
    office.ok(&case, "张三", "2026-11-05 17:00", Action::EndSpecialStage)
}

#[test]
fn a_countersigned_step_completes_only_when_every_signer_has_signed() {
    let office = Office::new();
    let case = at_check(&office);
    let holder = office.act(
        &case,
        "张三",
        "2026-11-06 09:00",
        DeskAction::Case(complete("check")),
    );
    assert!(
        matches!(holder, Err(CaseError::NotPermitted { .. })),
        "the 承办人 is not a signer"
    );
    let first = office
        .act(
            &case,
            "王五",
            "2026-11-06 09:00",
            DeskAction::Case(complete("check")),
        )
        .unwrap();
    assert!(!first.case.step_done("check"));
    assert!(
        matches!(&first.events[0].kind, EventKind::StepSigned { waiting_for, .. } if waiting_for == &vec!["赵六".to_owned()])
    );
    let again = office.act(
        &first.case,
        "王五",
        "2026-11-06 10:00",
        DeskAction::Case(complete("check")),
    );
    assert!(matches!(again, Err(CaseError::AlreadySigned { .. })));
    let second = office
        .act(
            &first.case,
            "赵六",
            "2026-11-06 10:00",
            DeskAction::Case(complete("check")),
        )
        .unwrap();
    assert!(second.case.step_done("check"));
    let decided = office
        .act(
            &second.case,
            "钱局长",
            "2026-11-06 15:00",
            DeskAction::Case(Action::Decide {
                outcome: Outcome::Approved,
                opinion: "准予许可".into(),
            }),
        )
        .unwrap();
    assert!(decided.case.decision.is_some());
}

#[test]
fn any_one_signature_completes_an_or_signed_step() {
    let mut office = Office::new();
    office.desk.sign_offs.insert(
        FOOD.into(),
        BTreeMap::from([(
            "check".to_owned(),
            SignOff::Any {
                signers: vec!["王五".into(), "赵六".into()],
            },
        )]),
    );
    let case = at_check(&office);
    let signed = office
        .act(
            &case,
            "赵六",
            "2026-11-06 09:00",
            DeskAction::Case(complete("check")),
        )
        .unwrap();
    assert!(signed.case.step_done("check"));
}

#[test]
fn urging_is_for_supervisors_logged_and_limited_in_frequency() {
    let office = Office::new();
    let case = office.received(0);
    let officer = office.act(
        &case,
        "李四",
        "2026-11-02 10:00",
        DeskAction::Urge {
            note: "请加快".into(),
        },
    );
    assert!(matches!(officer, Err(CaseError::NotPermitted { .. })));
    let urged = office
        .act(
            &case,
            "孙科长",
            "2026-11-02 10:00",
            DeskAction::Urge {
                note: "请加快".into(),
            },
        )
        .unwrap();
    assert!(
        matches!(&urged.events[0].kind, EventKind::Urged { holder: Some(h), .. } if h == "张三")
    );
    let soon = office.act(
        &urged.case,
        "孙科长",
        "2026-11-02 13:00",
        DeskAction::Urge {
            note: "再催".into(),
        },
    );
    assert!(matches!(soon, Err(CaseError::UrgedTooOften { .. })));
    assert!(office
        .act(
            &urged.case,
            "孙科长",
            "2026-11-02 14:00",
            DeskAction::Urge {
                note: "再催".into()
            }
        )
        .is_ok());
}
