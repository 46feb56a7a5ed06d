//! Exemption filings end to end: each type's effect before and after its
//! approval, revocation and supersession at an instant, and a property test
//! of the state machine.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};

use approval_core::bundle::{
    BundleDefinition, BundleInstance, BundleKind, BundleMember, Outcome, Outcomes, Prerequisite,
};
use approval_core::filing::{
    Filing, FilingError, FilingLedger, FilingState, FilingSubject, SerialGround,
};
use approval_core::guide::{
    ItemChange, ItemDefinition, ItemLevel, ItemType, PendingChange, ResultKind, ServiceItem,
    TimeLimit,
};
use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta};
use proptest::prelude::*;

fn t(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

const T0: &str = "2026-03-02T09:00:00+08:00"; // submitted
const T1: &str = "2026-03-03T09:00:00+08:00"; // approved
const T1_5: &str = "2026-03-04T09:00:00+08:00";
const T2: &str = "2026-03-05T09:00:00+08:00"; // revoked / superseded
const T3: &str = "2026-03-06T09:00:00+08:00";

fn filing(id: &str, subject: FilingSubject) -> Filing {
    Filing::draft(id, "市场监督管理局", "officer", subject, Vec::new(), None)
}

/// A ledger holding `filing`, submitted at T0.
fn ledger_with(filing: Filing) -> FilingLedger {
    let mut ledger = FilingLedger::new();
    let id = filing.id.clone();
    ledger.insert(filing).unwrap();
    ledger
        .transition(&id, "officer", t(T0), |f| f.submit("officer", t(T0)))
        .unwrap();
    ledger
}

fn approve(ledger: &mut FilingLedger, id: &str, at: &str) {
    ledger
        .approve_with_replacement(id, "manager", t(at), "同意")
        .unwrap();
}

fn revoke(ledger: &mut FilingLedger, id: &str, at: &str) {
    ledger
        .transition(id, "manager", t(at), |f| {
            f.revoke("manager", t(at), "情况变化")
        })
        .unwrap();
}

fn bundle_instance() -> BundleInstance {
    let definition = BundleDefinition {
        code: "TC-01".into(),
        name: "开办餐馆".into(),
        kind: BundleKind::Package,
        members: ["A", "B"]
            .iter()
            .map(|c| BundleMember {
                item_code: (*c).into(),
                department: format!("部门{c}"),
            })
            .collect(),
        prerequisites: vec![Prerequisite {
            prerequisite: "A".into(),
            dependent: "B".into(),
        }],
    };
    let cases = [("A", "CASE-A"), ("B", "CASE-B")]
        .iter()
        .map(|(i, c)| ((*i).to_owned(), (*c).to_owned()))
        .collect();
    BundleInstance::new("I1", definition, cases).unwrap()
}

fn serial_subject() -> FilingSubject {
    FilingSubject::SerialApproval {
        bundle_code: "TC-01".into(),
        prerequisite: "A".into(),
        dependent: "B".into(),
        ground: SerialGround::ResultHasSeveralValues,
        explanation: "前置审批结果决定经营类别，后置审批须按类别审查".into(),
    }
}

#[test]
fn serial_approval_blocks_the_dependent_only_while_in_effect() {
    let mut ledger = ledger_with(filing("F-S", serial_subject()));
    let mut instance = bundle_instance();
    let undecided = Outcomes::new();

    // Before approval: the tolerance mechanism, B decides at once.
    assert!(ledger.serial_edges("TC-01", t(T1_5)).is_empty());
    assert!(ledger.apply_serial(&mut instance, t(T1_5)).is_empty());
    assert!(instance.may_decide("B", &undecided).is_ok());

    // After approval: B waits for A's result, decided either way.
    approve(&mut ledger, "F-S", T1);
    let edge = ("A".to_owned(), "B".to_owned());
    assert_eq!(
        ledger.serial_edges("TC-01", t(T1_5)),
        BTreeSet::from([edge.clone()])
    );
    assert!(ledger.serial_edges("OTHER", t(T1_5)).is_empty());
    assert!(ledger.apply_serial(&mut instance, t(T1_5)).is_empty());
    let blocked = instance.may_decide("B", &undecided).unwrap_err();
    assert_eq!(blocked.waiting_on, vec!["A".to_owned()]);
    let a_decided: Outcomes = BTreeMap::from([("A".to_owned(), Some(Outcome::Rejected))]);
    assert!(instance.may_decide("B", &a_decided).is_ok());
    assert!(instance.may_decide("A", &undecided).is_ok());

    // Revoked at T2: no effect from then on, but still in effect before.
    revoke(&mut ledger, "F-S", T2);
    assert!(ledger.serial_edges("TC-01", t(T3)).is_empty());
    assert_eq!(
        ledger.serial_edges("TC-01", t(T1_5)),
        BTreeSet::from([edge])
    );
    assert!(ledger.serial_edges("TC-01", t(T0)).is_empty());
    assert!(ledger.apply_serial(&mut instance, t(T3)).is_empty());
    assert!(instance.may_decide("B", &undecided).is_ok());
}

#[test]
fn a_serial_filing_on_a_non_edge_has_no_effect() {
    let subject = FilingSubject::SerialApproval {
        bundle_code: "TC-01".into(),
        prerequisite: "B".into(),
        dependent: "A".into(),
        ground: SerialGround::ReviewCannotStart,
        explanation: "说明".into(),
    };
    let mut ledger = ledger_with(filing("F-S", subject));
    approve(&mut ledger, "F-S", T1);
    let mut instance = bundle_instance();
    let ignored = ledger.apply_serial(&mut instance, t(T1_5));
    assert_eq!(ignored, BTreeSet::from([("B".to_owned(), "A".to_owned())]));
    assert!(instance.serial_edges.is_empty());
}

#[test]
fn a_stage_by_filing_needs_an_approved_special_stage_filing_for_it() {
    let subject = FilingSubject::SpecialStage {
        item_code: "ITEM-1".into(),
        stage_id: "expert".into(),
        why_duration_cannot_be_stated: "国家级专家评审时间无法确定".into(),
    };
    let mut ledger = ledger_with(filing("F-ST", subject));
    let in_effect =
        |l: &FilingLedger, at| l.stage_filing_in_effect("ITEM-1", "expert", "F-ST", t(at));
    assert!(!in_effect(&ledger, T1_5));
    approve(&mut ledger, "F-ST", T1);
    assert!(in_effect(&ledger, T1_5));
    assert!(!in_effect(&ledger, T0));
    assert!(!ledger.stage_filing_in_effect("ITEM-1", "hearing", "F-ST", t(T1_5)));
    assert!(!ledger.stage_filing_in_effect("ITEM-2", "expert", "F-ST", t(T1_5)));
    assert!(!ledger.stage_filing_in_effect("ITEM-1", "expert", "F-NONE", t(T1_5)));
    revoke(&mut ledger, "F-ST", T2);
    assert!(in_effect(&ledger, T1_5));
    assert!(!in_effect(&ledger, T3));
}

#[test]
fn paper_is_allowed_only_under_an_approved_paper_filing() {
    let subject = FilingSubject::PaperMaterials {
        item_code: "ITEM-1".into(),
        material_id: "drawings".into(),
        why_scanning_cannot_serve: "工程图纸幅面过大难以扫描".into(),
    };
    let mut ledger = ledger_with(filing("F-P", subject));
    assert!(!ledger.paper_allowed("ITEM-1", "drawings", "F-P", t(T1_5)));
    approve(&mut ledger, "F-P", T1);
    assert!(ledger.paper_allowed("ITEM-1", "drawings", "F-P", t(T1_5)));
    assert!(!ledger.paper_allowed("ITEM-1", "licence", "F-P", t(T1_5)));
    // A filing of another type does not allow paper.
    let mut other = ledger_with(filing("F-P", serial_subject()));
    approve(&mut other, "F-P", T1);
    assert!(!other.paper_allowed("ITEM-1", "drawings", "F-P", t(T1_5)));
}

fn delay_subject(day: u32) -> FilingSubject {
    FilingSubject::ResultDelay {
        case_number: "SX2026-000123".into(),
        reason: "证照须由省厅统一制作".into(),
        new_date: NaiveDate::from_ymd_opt(2026, 3, day).unwrap(),
        // 24:00 of 5 March: the case's 3 working days.
        result_deadline: t("2026-03-06T00:00:00+08:00"),
    }
}

#[test]
fn paper_delivery_moves_only_with_an_approved_delay() {
    let default = t("2026-03-06T00:00:00+08:00");
    let mut ledger = ledger_with(filing("F-D", delay_subject(12)));
    assert_eq!(
        ledger.paper_delivery_deadline("SX2026-000123", default, t(T1_5)),
        default
    );
    approve(&mut ledger, "F-D", T1);
    let moved = t("2026-03-13T00:00:00+08:00");
    assert_eq!(
        ledger.paper_delivery_deadline("SX2026-000123", default, t(T1_5)),
        moved
    );
    assert_eq!(
        ledger.paper_delivery_deadline("SX2026-000999", default, t(T1_5)),
        default
    );
    revoke(&mut ledger, "F-D", T2);
    assert_eq!(
        ledger.paper_delivery_deadline("SX2026-000123", default, t(T3)),
        default
    );
    assert_eq!(
        ledger.paper_delivery_deadline("SX2026-000123", default, t(T1_5)),
        moved
    );
}

#[test]
fn a_delay_submitted_after_the_deadline_is_refused() {
    let late = filing("F-D", delay_subject(12));
    let err = late
        .submit("officer", t("2026-03-06T08:00:00+08:00"))
        .unwrap_err();
    assert!(matches!(err, FilingError::DelayNotInAdvance { .. }));
    assert_eq!(err.code(), "filing_delay_not_in_advance");
}

#[test]
fn a_replacing_delay_supersedes_the_old_one_at_its_approval() {
    let default = t("2026-03-06T00:00:00+08:00");
    let mut ledger = ledger_with(filing("F-D1", delay_subject(20)));
    approve(&mut ledger, "F-D1", T1);
    let mut replacement = filing("F-D2", delay_subject(10));
    replacement.replaces = Some("F-D1".into());
    ledger.insert(replacement).unwrap();
    ledger
        .transition("F-D2", "officer", t(T1_5), |f| f.submit("officer", t(T1_5)))
        .unwrap();
    let records = ledger
        .approve_with_replacement("F-D2", "manager", t(T2), "改为3月10日")
        .unwrap();
    let actions: Vec<&str> = records.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["filing.approve", "filing.supersede"]);
    assert!(matches!(
        &ledger.get("F-D1").unwrap().state,
        FilingState::Superseded { by_filing, .. } if by_filing == "F-D2"
    ));
    // Before T2 the old delay held; from T2 on, the new one.
    assert_eq!(
        ledger.paper_delivery_deadline("SX2026-000123", default, t(T1_5)),
        t("2026-03-21T00:00:00+08:00")
    );
    assert_eq!(
        ledger.paper_delivery_deadline("SX2026-000123", default, t(T3)),
        t("2026-03-11T00:00:00+08:00")
    );
}

#[test]
fn a_replacement_is_all_or_nothing() {
    let mut ledger = ledger_with(filing("F-D1", delay_subject(20)));
    approve(&mut ledger, "F-D1", T1);
    // Replaces a filing of another type: refused, nothing changes.
    let mut replacement = filing("F-X", serial_subject());
    replacement.replaces = Some("F-D1".into());
    ledger.insert(replacement).unwrap();
    ledger
        .transition("F-X", "officer", t(T1_5), |f| f.submit("officer", t(T1_5)))
        .unwrap();
    let before = ledger.clone();
    assert!(matches!(
        ledger.approve_with_replacement("F-X", "manager", t(T2), ""),
        Err(FilingError::ReplacesOtherKind { .. })
    ));
    assert_eq!(ledger, before);
    // The approver may not be the filer either: refused, nothing changes.
    assert!(matches!(
        ledger.approve_with_replacement("F-X", "officer", t(T2), ""),
        Err(FilingError::OwnFiling { .. })
    ));
    assert_eq!(ledger, before);
}

fn item() -> ServiceItem {
    ServiceItem::new(ItemDefinition {
        code: "ITEM-1".into(),
        name: "食品经营许可".into(),
        item_type: ItemType::Licensing,
        department: "市场监督管理局".into(),
        level: ItemLevel::County,
        setting_basis: "《中华人民共和国食品安全法》第三十五条".into(),
        complex: false,
        statutory_limit: TimeLimit::working_days(20),
        promised_limit: TimeLimit::working_days(10),
        result_kind: ResultKind::Certificate,
        result_needs_public_notice: false,
        delegated_to: None,
        instant: None,
        classified: false,
    })
}

fn rename() -> ItemChange {
    ItemChange::Rename {
        name: "食品经营许可（含小餐饮）".into(),
    }
}

fn item_with_pending(change: ItemChange) -> ServiceItem {
    let mut item = item();
    item.request_change(PendingChange {
        change,
        reason: "上级目录调整".into(),
        requested_by: "officer".into(),
        requested_at: t(T0),
    })
    .unwrap();
    item
}

fn change_subject(change: ItemChange) -> FilingSubject {
    FilingSubject::ItemChange {
        item_code: "ITEM-1".into(),
        change,
    }
}

#[test]
fn an_item_is_renamed_only_after_approval() {
    let mut item = item_with_pending(rename());
    let mut ledger = ledger_with(filing("F-C", change_subject(rename())));
    assert!(matches!(
        ledger.approve_item_change("F-C", &mut item),
        Err(FilingError::NotApproved { .. })
    ));
    assert_eq!(item.definition.name, "食品经营许可");
    approve(&mut ledger, "F-C", T1);
    ledger.approve_item_change("F-C", &mut item).unwrap();
    assert_eq!(item.definition.name, "食品经营许可（含小餐饮）");
    assert!(item.pending.is_none());
}

#[test]
fn an_item_change_filing_applies_only_to_its_own_change() {
    let other = ItemChange::Recode {
        code: "ITEM-9".into(),
    };
    let mut item = item_with_pending(other);
    let mut ledger = ledger_with(filing("F-C", change_subject(rename())));
    approve(&mut ledger, "F-C", T1);
    assert!(matches!(
        ledger.approve_item_change("F-C", &mut item),
        Err(FilingError::ChangeMismatch { .. })
    ));
    assert_eq!(item.definition.code, "ITEM-1");
    let mut stranger = item_with_pending(rename());
    stranger.definition.code = "ITEM-2".into();
    assert!(matches!(
        ledger.approve_item_change("F-C", &mut stranger),
        Err(FilingError::WrongItem { .. })
    ));
    let mut serial = ledger_with(filing("F-S", serial_subject()));
    approve(&mut serial, "F-S", T1);
    assert!(matches!(
        serial.approve_item_change("F-S", &mut item_with_pending(rename())),
        Err(FilingError::WrongSubject { .. })
    ));
    // Once revoked, an approval no longer applies a change.
    revoke(&mut ledger, "F-C", T2);
    let mut fresh = item_with_pending(rename());
    assert!(matches!(
        ledger.approve_item_change("F-C", &mut fresh),
        Err(FilingError::Decided { .. }) | Err(FilingError::NotApproved { .. })
    ));
    assert_eq!(fresh.definition.name, "食品经营许可");
}

#[test]
fn a_rejected_item_change_drops_the_pending_change() {
    let mut item = item_with_pending(rename());
    let mut ledger = ledger_with(filing("F-C", change_subject(rename())));
    assert!(matches!(
        ledger.reject_item_change("F-C", &mut item),
        Err(FilingError::NotRefused { .. })
    ));
    ledger
        .transition("F-C", "manager", t(T1), |f| {
            f.reject("manager", t(T1), "名称不符合目录规范")
        })
        .unwrap();
    assert!(matches!(
        ledger.approve_item_change("F-C", &mut item),
        Err(FilingError::NotApproved { .. })
    ));
    ledger.reject_item_change("F-C", &mut item).unwrap();
    assert!(item.pending.is_none());
    assert_eq!(item.definition.name, "食品经营许可");
}

#[test]
fn the_ledger_refuses_unknown_and_duplicate_filings() {
    let mut ledger = ledger_with(filing("F-1", serial_subject()));
    assert_eq!(
        ledger.insert(filing("F-1", serial_subject())),
        Err(FilingError::DuplicateFiling { id: "F-1".into() })
    );
    assert_eq!(
        ledger.approve_with_replacement("F-9", "manager", t(T1), ""),
        Err(FilingError::UnknownFiling { id: "F-9".into() })
    );
    assert_eq!(ledger.len(), 1);
}

#[derive(Debug, Clone)]
enum Op {
    Submit(usize),
    Withdraw(usize),
    Approve(usize),
    Reject(usize, bool),
    Revoke(usize, bool),
    Supersede(usize),
    Amend(usize),
}

const ACTORS: [&str; 3] = ["officer", "manager", ""];

fn op() -> impl Strategy<Value = Op> {
    let actor = 0..ACTORS.len();
    prop_oneof![
        actor.clone().prop_map(Op::Submit),
        actor.clone().prop_map(Op::Withdraw),
        actor.clone().prop_map(Op::Approve),
        (actor.clone(), any::<bool>()).prop_map(|(a, c)| Op::Reject(a, c)),
        (actor.clone(), any::<bool>()).prop_map(|(a, r)| Op::Revoke(a, r)),
        actor.clone().prop_map(Op::Supersede),
        actor.prop_map(Op::Amend),
    ]
}

proptest! {
    #[test]
    fn the_state_machine_never_leaves_a_terminal_state(
        steps in prop::collection::vec((op(), -2_i64..48), 0..24),
    ) {
        let mut filing = filing("F-P", serial_subject());
        let mut at = t(T0);
        for (op, hours) in steps {
            at += TimeDelta::hours(hours);
            let before = filing.clone();
            let result = match op {
                Op::Submit(a) => filing.submit(ACTORS[a], at),
                Op::Withdraw(a) => filing.withdraw(ACTORS[a], at),
                Op::Approve(a) => filing.approve(ACTORS[a], at, "同意"),
                Op::Reject(a, c) => filing.reject(ACTORS[a], at, if c { "不同意" } else { "" }),
                Op::Revoke(a, r) => filing.revoke(ACTORS[a], at, if r { "情况变化" } else { "" }),
                Op::Supersede(a) => filing.supersede("F-Q", ACTORS[a], at),
                Op::Amend(a) => filing.amend(ACTORS[a], at, serial_subject(), Vec::new()),
            };
            match result {
                Ok(next) => {
                    prop_assert!(!before.state.is_terminal(), "left {:?}", before.state);
                    if matches!(before.state, FilingState::Approved { .. }) {
                        let ended = matches!(
                            next.state,
                            FilingState::Revoked { .. } | FilingState::Superseded { .. }
                        );
                        prop_assert!(ended, "approved became {}", next.state.word());
                    }
                    prop_assert_eq!(next.history.len(), before.history.len() + 1);
                    prop_assert_eq!(&next.history[..before.history.len()], &before.history[..]);
                    let event = next.history.last().unwrap();
                    prop_assert_eq!(event.from.as_str(), before.state.word());
                    prop_assert_eq!(event.to.as_str(), next.state.word());
                    if let FilingState::Approved { by, .. } | FilingState::Rejected { by, .. } = &next.state {
                        prop_assert_ne!(by.as_str(), next.filed_by.as_str());
                    }
                    filing = next;
                }
                Err(_) => {
                    // A refused transition changes nothing.
                    prop_assert_eq!(&filing, &before);
                }
            }
            // The history's instants never go backwards.
            prop_assert!(filing.history.windows(2).all(|w| w[0].at <= w[1].at));
        }
    }
}
