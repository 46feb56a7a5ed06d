//! Scenario tests of the case engine, each citing its article of
//! 陕西省政务服务效能管理暂行办法, on the fixture guides and the shipped
//! calendar. November 2026: Thursday 26, Friday 27, Monday 30.

// Test helpers may panic: a panic here is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use approval_core::bundle::{
    bundle_flowchart, BundleInstance, MemberDecision, MemberDecisions, Outcome, Outcomes,
};
use approval_core::calendar::WorkingCalendar;
use approval_core::case::{
    apply, case_due, deemed_acceptance_sweep, overdue_paper, pending_serial_wait, receive, Action,
    Applicant, Applied, BundleContext, Case, CaseContext, CaseError, CaseState, CorrectionItem,
    EventKind, SubmittedForm, SubmittedMaterial, Transfer, Violation,
};
use approval_core::clock::rules::ItemComplexity;
use approval_core::clock::DeadlineOptions;
use approval_core::exchange::read_bundle_file;
use approval_core::guide::{GuideHistory, GuideVersion, StepKind};
use approval_desk_tests::{beijing, guide_file, published_history, shipped_calendar};

/// No member of the bundle has decided yet: no serial wait has ended.
static NO_DECISIONS: MemberDecisions = MemberDecisions::new();

const FOOD: &str = "610122-SCJG-XK-0001";
const FIRE: &str = "610122-XF-XK-0001";
const ENV: &str = "610122-STHJ-BA-0001";
const PERMIT: &str = "610122-ZJ-XK-0001";

struct Desk {
    calendar: WorkingCalendar,
    histories: BTreeMap<String, GuideHistory>,
}

impl Desk {
    fn new() -> Self {
        let histories = [
            "food-business-licence.json",
            "fire-safety-inspection.json",
            "pollutant-discharge-registration.json",
            "construction-works-permit.json",
        ]
        .into_iter()
        .map(|name| {
            let file = guide_file(name);
            (file.item.code.clone(), published_history(&file))
        })
        .collect();
        Self {
            calendar: shipped_calendar(),
            histories,
        }
    }

    fn receive(&self, number: &str, item: &str, at: &str) -> Case {
        self.receive_in(number, item, at, None)
    }

    fn receive_in(&self, number: &str, item: &str, at: &str, bundle: Option<&str>) -> Case {
        receive(transfer(number, item, at, bundle), self.histories.get(item))
            .unwrap()
            .case
    }

    fn context<'a>(&'a self, case: &Case, bundle: Option<BundleContext<'a>>) -> CaseContext<'a> {
        let guide = self.histories[&case.item_code]
            .versions()
            .iter()
            .find(|v| v.number == case.guide_version)
            .unwrap();
        CaseContext {
            guide,
            calendar: &self.calendar,
            options: DeadlineOptions::default(),
            bundle,
            filings: None,
        }
    }

    fn act(&self, case: &Case, at: &str, action: Action) -> Result<Applied, CaseError> {
        apply(
            case,
            &self.context(case, None),
            "officer-1",
            beijing(at),
            action,
        )
    }

    fn ok(&self, case: &Case, at: &str, action: Action) -> Case {
        self.act(case, at, action).unwrap().case
    }

    /// Accepted on the day, every step done up to the decision.
    fn ready_to_decide(&self, number: &str) -> Case {
        let case = self.receive(number, FOOD, "2026-11-02 09:00");
        let case = self.ok(&case, "2026-11-02 10:00", Action::Accept);
        let case = self.ok(&case, "2026-11-02 11:00", complete("accept"));
        let case = self.ok(&case, "2026-11-03 11:00", complete("review"));
        let case = self.ok(&case, "2026-11-04 09:00", stage("S01"));
        let case = self.ok(&case, "2026-11-05 17:00", Action::EndSpecialStage);
        self.ok(&case, "2026-11-06 10:00", complete("check"))
    }
}

fn transfer(number: &str, item: &str, at: &str, bundle: Option<&str>) -> Transfer {
    Transfer {
        case_number: number.into(),
        item_code: item.into(),
        applicant: Applicant {
            name: "蓝田县某餐饮有限公司".into(),
            id_type: "统一社会信用代码".into(),
            id_number: "91610122MA6TEST001".into(),
            phone: String::new(),
        },
        window_unit: "蓝田县政务服务中心".into(),
        received_at: beijing(at),
        materials: vec![SubmittedMaterial {
            name: "食品经营许可申请书".into(),
            material_id: Some("M01".into()),
            form: SubmittedForm::Electronic {
                file_name: "申请书.pdf".into(),
                sealed: true,
            },
        }],
        bundle_instance: bundle.map(Into::into),
    }
}

fn complete(step: &str) -> Action {
    Action::CompleteStep {
        step: step.into(),
        opinion: "经审查，符合要求".into(),
    }
}

fn stage(id: &str) -> Action {
    Action::StartSpecialStage {
        stage: id.into(),
        override_reason: None,
    }
}

fn decide(outcome: Outcome) -> Action {
    Action::Decide {
        outcome,
        opinion: "准予许可".into(),
    }
}

fn correction(material: &str) -> Action {
    Action::RequestCorrection {
        items: vec![CorrectionItem {
            material_id: material.into(),
            problem: "未加盖公章".into(),
            paper: false,
        }],
        second_notice_reason: None,
    }
}

fn violations(applied: &Applied) -> Vec<Violation> {
    applied
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Violation(v) => Some(v.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn art7_a_case_binds_to_the_guide_version_in_force_at_receipt() {
    let desk = Desk::new();
    let case = desk.receive("C1", FOOD, "2026-11-26 09:00");
    assert_eq!(case.guide_version, 1);
    assert_eq!(case.state, CaseState::Received);
}

#[test]
fn art7_an_unknown_item_or_a_receipt_before_any_guide_is_refused() {
    let desk = Desk::new();
    let unknown = receive(
        transfer("C1", "NO-SUCH-ITEM", "2026-11-26 09:00", None),
        None,
    );
    assert!(matches!(unknown, Err(CaseError::UnknownItem { .. })));
    let early = receive(
        transfer("C2", FOOD, "2025-12-31 09:00", None),
        desk.histories.get(FOOD),
    );
    assert!(matches!(early, Err(CaseError::NoGuideInForce { .. })));
}

#[test]
fn art10_acceptance_within_one_working_day_is_no_violation() {
    let desk = Desk::new();
    let case = desk.receive("C1", FOOD, "2026-11-26 09:00");
    let applied = desk.act(&case, "2026-11-27 16:00", Action::Accept).unwrap();
    assert_eq!(applied.case.state, CaseState::InReview);
    assert!(violations(&applied).is_empty());
    assert!(!applied.case.acceptance.unwrap().deemed);
}

#[test]
fn art10_without_an_answer_in_time_the_case_is_deemed_accepted_as_of_receipt() {
    let desk = Desk::new();
    let case = desk.receive("C1", FOOD, "2026-11-26 09:00");
    let late = desk.act(&case, "2026-11-28 10:00", Action::Accept);
    assert!(
        matches!(late, Err(CaseError::NotAllowedInState { .. })),
        "{late:?}"
    );
    let applied = desk
        .act(&case, "2026-11-30 09:00", complete("accept"))
        .unwrap();
    let acceptance = applied.case.acceptance.unwrap();
    assert!(acceptance.deemed);
    assert_eq!(acceptance.at, beijing("2026-11-26 09:00"));
    assert!(matches!(
        violations(&applied)[0],
        Violation::DeemedAcceptance { .. }
    ));
}

#[test]
fn art10_the_sweep_deems_only_overdue_cases() {
    let desk = Desk::new();
    let overdue = desk.receive("C1", FOOD, "2026-11-25 09:00");
    let fresh = desk.receive("C2", FOOD, "2026-11-26 09:00");
    let answered = desk.ok(
        &desk.receive("C3", FOOD, "2026-11-24 09:00"),
        "2026-11-24 10:00",
        Action::Accept,
    );
    let results = deemed_acceptance_sweep(
        [&overdue, &fresh, &answered],
        |_| Some(ItemComplexity::Ordinary),
        &desk.calendar,
        DeadlineOptions::default(),
        beijing("2026-11-27 00:00"),
    );
    let deemed: Vec<String> = results
        .into_iter()
        .map(|r| r.unwrap().case.number)
        .collect();
    assert_eq!(deemed, vec!["C1".to_owned()]);
}

#[test]
fn art10_a_complex_item_has_five_working_days() {
    let desk = Desk::new();
    let case = desk.receive("P1", PERMIT, "2026-11-26 09:00");
    // Five working days: 27, 30 Nov, 1, 2, 3 Dec; due at 24:00 on 3 Dec.
    assert!(desk.act(&case, "2026-12-03 17:00", Action::Accept).is_ok());
    let late = desk.act(&case, "2026-12-04 00:00", Action::Accept);
    assert!(matches!(late, Err(CaseError::NotAllowedInState { .. })));
}

#[test]
fn art10_a_correction_notice_lists_materials_of_the_guide() {
    let desk = Desk::new();
    let case = desk.receive("C1", FOOD, "2026-11-26 09:00");
    let applied = desk
        .act(&case, "2026-11-26 15:00", correction("M02"))
        .unwrap();
    assert_eq!(applied.case.state, CaseState::CorrectionRequested);
}

#[test]
fn art7_a_correction_notice_cannot_ask_for_a_material_outside_the_guide() {
    let desk = Desk::new();
    let case = desk.receive("C1", FOOD, "2026-11-26 09:00");
    let refused = desk.act(&case, "2026-11-26 15:00", correction("M99"));
    assert_eq!(
        refused,
        Err(CaseError::MaterialOutsideGuide {
            material_id: "M99".into()
        })
    );
}

#[test]
fn art10_a_second_notice_on_one_submission_is_refused_without_a_reason() {
    let desk = Desk::new();
    let case = desk.receive("C1", FOOD, "2026-11-26 09:00");
    let case = desk.ok(&case, "2026-11-26 15:00", correction("M02"));
    let refused = desk.act(&case, "2026-11-26 16:00", correction("M04"));
    assert_eq!(
        refused,
        Err(CaseError::SecondCorrectionNotice { submission: 1 })
    );
}

#[test]
fn art10_a_second_notice_with_a_recorded_reason_is_a_violation() {
    let desk = Desk::new();
    let case = desk.ok(
        &desk.receive("C1", FOOD, "2026-11-26 09:00"),
        "2026-11-26 15:00",
        correction("M02"),
    );
    let applied = desk
        .act(
            &case,
            "2026-11-26 16:00",
            Action::RequestCorrection {
                items: vec![CorrectionItem {
                    material_id: "M03".into(),
                    problem: "身份证明过期".into(),
                    paper: false,
                }],
                second_notice_reason: Some("首次告知遗漏，经科室负责人同意补发".into()),
            },
        )
        .unwrap();
    assert!(matches!(
        violations(&applied)[0],
        Violation::SecondCorrectionNotice { submission: 1, .. }
    ));
    assert_eq!(applied.case.corrections.len(), 2);
}

#[test]
fn art10_corrected_materials_restart_the_acceptance_clock() {
    let desk = Desk::new();
    let case = desk.ok(
        &desk.receive("C1", FOOD, "2026-11-26 09:00"),
        "2026-11-26 15:00",
        correction("M02"),
    );
    // Nothing is deemed while waiting for corrections.
    let case = desk.ok(
        &case,
        "2026-12-07 09:00",
        Action::ReceiveCorrections {
            received_at: beijing("2026-12-07 09:00"),
        },
    );
    assert_eq!(
        (case.submission, case.state.clone()),
        (2, CaseState::Received)
    );
    // One working day from 7 Dec: accepting on 8 Dec is in time.
    let applied = desk.act(&case, "2026-12-08 17:00", Action::Accept).unwrap();
    assert!(violations(&applied).is_empty());
    // A notice on the new submission may concern the first notice's
    // materials (was M02 corrected properly?) without being a second one.
    let again = desk
        .act(&case, "2026-12-08 10:00", correction("M02"))
        .unwrap();
    assert!(violations(&again).is_empty());
}

#[test]
fn art10_a_notice_on_corrected_materials_may_not_ask_for_what_the_first_notice_omitted() {
    let desk = Desk::new();
    // The first notice asks for M02 only; the applicant corrects it.
    let case = desk.ok(
        &desk.receive("C1", FOOD, "2026-11-26 09:00"),
        "2026-11-26 15:00",
        correction("M02"),
    );
    let case = desk.ok(
        &case,
        "2026-12-07 09:00",
        Action::ReceiveCorrections {
            received_at: beijing("2026-12-07 09:00"),
        },
    );
    // Asking now for M01, already in the submission and not in the first
    // notice, is the omission the one-time rule forbids (一次性告知).
    assert_eq!(
        desk.act(&case, "2026-12-07 15:00", correction("M01")),
        Err(CaseError::OmittedFromFirstNotice {
            material_ids: vec!["M01".into()]
        })
    );
    // With a recorded reason it goes out, as a violation.
    let applied = desk
        .act(
            &case,
            "2026-12-07 15:00",
            Action::RequestCorrection {
                items: vec![CorrectionItem {
                    material_id: "M01".into(),
                    problem: "申请书未签字".into(),
                    paper: false,
                }],
                second_notice_reason: Some("首次告知遗漏，经科室负责人同意补发".into()),
            },
        )
        .unwrap();
    assert!(matches!(
        violations(&applied)[..],
        [Violation::SecondCorrectionNotice { submission: 2, .. }]
    ));
}

#[test]
fn art10_refusing_acceptance_needs_a_reason_and_its_legal_basis() {
    let desk = Desk::new();
    let case = desk.receive("C1", FOOD, "2026-11-26 09:00");
    let empty = desk.act(
        &case,
        "2026-11-26 15:00",
        Action::RejectAtAcceptance {
            reason: "不属于本部门职权".into(),
            legal_basis: " ".into(),
        },
    );
    assert_eq!(
        empty,
        Err(CaseError::Empty {
            field: "legal_basis"
        })
    );
    let applied = desk
        .act(
            &case,
            "2026-11-26 15:00",
            Action::RejectAtAcceptance {
                reason: "不属于本部门职权".into(),
                legal_basis: "《行政许可法》第三十二条".into(),
            },
        )
        .unwrap();
    assert_eq!(applied.case.state, CaseState::NotAccepted);
}

#[test]
fn art6_steps_follow_the_flowchart() {
    let desk = Desk::new();
    let case = desk.ok(
        &desk.receive("C1", FOOD, "2026-11-02 09:00"),
        "2026-11-02 10:00",
        Action::Accept,
    );
    let early = desk.act(&case, "2026-11-02 11:00", complete("check"));
    assert!(
        matches!(early, Err(CaseError::StepNotReady { .. })),
        "{early:?}"
    );
    let decide_early = desk.act(&case, "2026-11-02 11:00", decide(Outcome::Approved));
    assert!(matches!(decide_early, Err(CaseError::StepNotReady { .. })));
}

#[test]
fn art6_parallel_branches_join_before_the_next_step() {
    let desk = Desk::new();
    let case = desk.ok(
        &desk.receive("P1", PERMIT, "2026-11-02 09:00"),
        "2026-11-02 10:00",
        Action::Accept,
    );
    let case = desk.ok(&case, "2026-11-02 11:00", complete("accept"));
    let case = desk.ok(&case, "2026-11-02 15:00", complete("verify"));
    let case = desk.ok(&case, "2026-11-03 15:00", complete("technical"));
    let waiting = desk.act(&case, "2026-11-03 16:00", complete("check"));
    assert_eq!(
        waiting,
        Err(CaseError::StepNotReady {
            step: "check".into(),
            waiting_on: vec!["expert".into()]
        })
    );
}

#[test]
fn art6_a_return_reopens_the_later_steps_and_the_clock_keeps_running() {
    let desk = Desk::new();
    let case = desk.ready_to_decide("C1");
    let applied = desk
        .act(
            &case,
            "2026-11-06 11:00",
            Action::ReturnToStep {
                step: "review".into(),
                reason: "布局图与现场不符".into(),
            },
        )
        .unwrap();
    let case = applied.case;
    assert!(!case.step_done("review") && !case.step_done("check") && case.step_done("accept"));
    assert_eq!(case.pauses.len(), 1, "a return adds no pause");
    assert!(case.pauses.iter().all(|p| p.end.is_some()));
}

#[test]
fn art11_a_declared_special_stage_pauses_the_processing_clock() {
    let desk = Desk::new();
    let case = desk.ready_to_decide("C1");
    let pause = &case.pauses[0];
    assert!(pause.reason.contains("现场勘察"), "{}", pause.reason);
    assert_eq!(pause.end, Some(beijing("2026-11-05 17:00")));
}

#[test]
fn art11_an_undeclared_stage_is_refused_without_an_override() {
    let desk = Desk::new();
    let case = desk.ok(
        &desk.receive("C1", FOOD, "2026-11-02 09:00"),
        "2026-11-02 10:00",
        Action::Accept,
    );
    let refused = desk.act(&case, "2026-11-02 11:00", stage("HEARING"));
    assert_eq!(
        refused,
        Err(CaseError::UndeclaredStage {
            stage: "HEARING".into()
        })
    );
}

#[test]
fn art11_an_overridden_pause_is_recorded_as_a_violation() {
    let desk = Desk::new();
    let case = desk.ok(
        &desk.receive("C1", FOOD, "2026-11-02 09:00"),
        "2026-11-02 10:00",
        Action::Accept,
    );
    let applied = desk
        .act(
            &case,
            "2026-11-02 11:00",
            Action::StartSpecialStage {
                stage: "HEARING".into(),
                override_reason: Some("申请人申请听证".into()),
            },
        )
        .unwrap();
    assert!(
        matches!(&violations(&applied)[0], Violation::PauseWithoutDeclaredStage { stage, .. } if stage == "HEARING")
    );
}

#[test]
fn art6_work_after_the_processing_deadline_is_recorded() {
    let desk = Desk::new();
    // Accepted 2 Nov, 10 working days without pauses: due 24:00 on 16 Nov.
    let case = desk.ok(
        &desk.receive("C1", FOOD, "2026-11-02 09:00"),
        "2026-11-02 10:00",
        Action::Accept,
    );
    let applied = desk
        .act(&case, "2026-11-17 09:00", complete("accept"))
        .unwrap();
    assert!(matches!(
        violations(&applied)[0],
        Violation::ActionAfterDeadline { .. }
    ));
}

#[test]
fn art12_no_result_is_pushed_before_the_decision() {
    let desk = Desk::new();
    let case = desk.ready_to_decide("C1");
    assert_eq!(
        desk.act(&case, "2026-11-06 12:00", Action::PushResult),
        Err(CaseError::PushBeforeDecision)
    );
}

#[test]
fn art12_a_result_pushed_within_three_working_days_is_on_time_and_later_is_a_violation() {
    let desk = Desk::new();
    let case = desk.ready_to_decide("C1");
    // Decided Friday 6 Nov: 9, 10, 11 Nov are the three working days.
    let case = desk.ok(&case, "2026-11-06 15:00", decide(Outcome::Approved));
    let case = desk.ok(&case, "2026-11-06 16:00", Action::PrepareResult);
    let on_time = desk
        .act(&case, "2026-11-11 17:00", Action::PushResult)
        .unwrap();
    assert!(violations(&on_time).is_empty());
    let late = desk
        .act(&case, "2026-11-12 09:00", Action::PushResult)
        .unwrap();
    assert!(matches!(violations(&late)[0], Violation::LatePush { .. }));
}

#[test]
fn art12_where_the_law_requires_it_public_notice_comes_before_the_result() {
    let mut desk = Desk::new();
    let mut file = guide_file("food-business-licence.json");
    file.item.result_needs_public_notice = true;
    desk.histories.insert(FOOD.into(), published_history(&file));
    let case = desk.ready_to_decide("C1");
    let case = desk.ok(&case, "2026-11-06 15:00", decide(Outcome::Approved));
    assert_eq!(
        desk.act(&case, "2026-11-06 16:00", Action::PrepareResult),
        Err(CaseError::PublicNoticeRequired)
    );
    let case = desk.ok(
        &case,
        "2026-11-06 16:00",
        Action::StartPublicNotice {
            until: beijing("2026-11-13 16:00"),
        },
    );
    assert!(matches!(
        desk.act(&case, "2026-11-10 09:00", Action::EndPublicNotice),
        Err(CaseError::PublicNoticeRunning { .. })
    ));
    let case = desk.ok(&case, "2026-11-13 16:00", Action::EndPublicNotice);
    assert_eq!(case.state, CaseState::ResultReady);
}

#[test]
fn art12_a_refusal_needs_no_public_notice() {
    let mut desk = Desk::new();
    let mut file = guide_file("food-business-licence.json");
    file.item.result_needs_public_notice = true;
    desk.histories.insert(FOOD.into(), published_history(&file));
    let case = desk.ready_to_decide("C1");
    let case = desk.ok(&case, "2026-11-06 15:00", decide(Outcome::Rejected));
    assert_eq!(
        desk.ok(&case, "2026-11-06 16:00", Action::PrepareResult)
            .state,
        CaseState::ResultReady
    );
}

#[test]
fn art13_a_standalone_result_is_released_after_it_is_pushed() {
    let desk = Desk::new();
    let case = desk.ready_to_decide("C1");
    let case = desk.ok(&case, "2026-11-06 15:00", decide(Outcome::Approved));
    assert!(matches!(
        desk.act(&case, "2026-11-06 15:30", Action::Release),
        Err(CaseError::NotAllowedInState { .. })
    ));
    let case = desk.ok(&case, "2026-11-06 16:00", Action::PrepareResult);
    let case = desk.ok(&case, "2026-11-09 09:00", Action::PushResult);
    let case = desk.ok(&case, "2026-11-09 09:30", Action::DeliverPaper);
    let case = desk.ok(&case, "2026-11-09 10:00", Action::Release);
    assert_eq!(case.state, CaseState::Released);
}

#[test]
fn art12_a_result_with_paper_is_not_released_before_the_paper_reaches_the_window_unit() {
    let desk = Desk::new();
    let case = desk.ready_to_decide("C1");
    let case = desk.ok(&case, "2026-11-06 15:00", decide(Outcome::Approved));
    let case = desk.ok(&case, "2026-11-06 16:00", Action::PrepareResult);
    let case = desk.ok(&case, "2026-11-09 09:00", Action::PushResult);
    // The food business licence is a certificate (证照): paper.
    assert_eq!(
        desk.act(&case, "2026-11-09 10:00", Action::Release),
        Err(CaseError::PaperNotDelivered)
    );
}

#[test]
fn art12_a_result_without_paper_is_released_once_pushed() {
    let mut desk = Desk::new();
    let mut file = guide_file("food-business-licence.json");
    file.item.result_kind = approval_core::guide::ResultKind::Other;
    desk.histories.insert(FOOD.into(), published_history(&file));
    let case = desk.ready_to_decide("C1");
    let case = desk.ok(&case, "2026-11-06 15:00", decide(Outcome::Approved));
    let case = desk.ok(&case, "2026-11-06 16:00", Action::PrepareResult);
    let case = desk.ok(&case, "2026-11-09 09:00", Action::PushResult);
    let case = desk.ok(&case, "2026-11-09 10:00", Action::Release);
    assert_eq!(case.state, CaseState::Released);
}

fn restaurant(desk: &Desk) -> BundleInstance {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/bundles/open-restaurant.json");
    let guides = desk
        .histories
        .iter()
        .filter_map(|(code, h)| Some((code.clone(), h.latest_published()?.clone())))
        .collect();
    let bundle = read_bundle_file(&std::fs::read_to_string(path).unwrap(), &guides)
        .accepted()
        .unwrap()
        .bundle;
    let cases = BTreeMap::from([
        (FOOD.to_owned(), "B-FOOD".to_owned()),
        (FIRE.to_owned(), "B-FIRE".to_owned()),
        (ENV.to_owned(), "B-ENV".to_owned()),
    ]);
    BundleInstance::new("BI-1", bundle, cases).unwrap()
}

/// The food case of the bundle, decided and pushed (withheld).
fn pushed_food(desk: &Desk, instance: &BundleInstance, outcomes: &Outcomes) -> Case {
    let context = |case: &Case| {
        desk.context(
            case,
            Some(BundleContext {
                instance,
                outcomes,
                decisions: &NO_DECISIONS,
            }),
        )
    };
    let mut case = desk.receive_in("B-FOOD", FOOD, "2026-11-02 09:00", Some("BI-1"));
    for (at, action) in [
        ("2026-11-02 10:00", Action::Accept),
        ("2026-11-02 11:00", complete("accept")),
        ("2026-11-03 11:00", complete("review")),
        ("2026-11-04 09:00", stage("S01")),
        ("2026-11-05 17:00", Action::EndSpecialStage),
        ("2026-11-06 10:00", complete("check")),
        ("2026-11-06 15:00", decide(Outcome::Approved)),
        ("2026-11-06 16:00", Action::PrepareResult),
        ("2026-11-09 09:00", Action::PushResult),
        ("2026-11-09 09:30", Action::DeliverPaper),
    ] {
        case = apply(&case, &context(&case), "officer-1", beijing(at), action)
            .unwrap()
            .case;
    }
    case
}

#[test]
fn art17_under_tolerance_a_dependent_decides_at_once_but_its_result_is_withheld() {
    let desk = Desk::new();
    let instance = restaurant(&desk);
    let mut outcomes: Outcomes = BTreeMap::from([
        (FOOD.to_owned(), None),
        (FIRE.to_owned(), None),
        (ENV.to_owned(), None),
    ]);
    let case = pushed_food(&desk, &instance, &outcomes);
    outcomes.insert(FOOD.into(), Some(Outcome::Approved));
    let context = desk.context(
        &case,
        Some(BundleContext {
            instance: &instance,
            outcomes: &outcomes,
            decisions: &NO_DECISIONS,
        }),
    );
    let withheld = apply(
        &case,
        &context,
        "window",
        beijing("2026-11-09 10:00"),
        Action::Release,
    );
    assert!(
        matches!(withheld, Err(CaseError::ReleaseBlocked(_))),
        "{withheld:?}"
    );

    outcomes.insert(FIRE.into(), Some(Outcome::Approved));
    let context = desk.context(
        &case,
        Some(BundleContext {
            instance: &instance,
            outcomes: &outcomes,
            decisions: &NO_DECISIONS,
        }),
    );
    let released = apply(
        &case,
        &context,
        "window",
        beijing("2026-11-10 10:00"),
        Action::Release,
    )
    .unwrap();
    assert_eq!(released.case.state, CaseState::Released);
}

#[test]
fn art17_a_rejected_prerequisite_keeps_the_dependent_withheld() {
    let desk = Desk::new();
    let instance = restaurant(&desk);
    let mut outcomes: Outcomes = BTreeMap::from([
        (FOOD.to_owned(), None),
        (FIRE.to_owned(), Some(Outcome::Rejected)),
        (ENV.to_owned(), None),
    ]);
    let case = pushed_food(&desk, &instance, &outcomes);
    outcomes.insert(FOOD.into(), Some(Outcome::Approved));
    let context = desk.context(
        &case,
        Some(BundleContext {
            instance: &instance,
            outcomes: &outcomes,
            decisions: &NO_DECISIONS,
        }),
    );
    let refused = apply(
        &case,
        &context,
        "window",
        beijing("2026-11-10 10:00"),
        Action::Release,
    );
    assert!(matches!(refused, Err(CaseError::ReleaseBlocked(_))));
    assert!(instance
        .withheld(&outcomes)
        .iter()
        .any(|w| w.item == FOOD && w.needs_new_decision));
}

#[test]
fn art17_a_serial_edge_makes_the_dependent_wait_for_the_prerequisites_result() {
    let desk = Desk::new();
    let mut instance = restaurant(&desk);
    instance.mark_serial(FIRE, FOOD).unwrap();
    let outcomes: Outcomes = BTreeMap::from([
        (FOOD.to_owned(), None),
        (FIRE.to_owned(), None),
        (ENV.to_owned(), None),
    ]);
    let context = |case: &Case| {
        desk.context(
            case,
            Some(BundleContext {
                instance: &instance,
                outcomes: &outcomes,
                decisions: &NO_DECISIONS,
            }),
        )
    };
    let mut case = desk.receive_in("B-FOOD", FOOD, "2026-11-02 09:00", Some("BI-1"));
    for (at, action) in [
        ("2026-11-02 10:00", Action::Accept),
        ("2026-11-02 11:00", complete("accept")),
        ("2026-11-03 11:00", complete("review")),
        ("2026-11-04 09:00", stage("S01")),
        ("2026-11-05 17:00", Action::EndSpecialStage),
        ("2026-11-06 10:00", complete("check")),
    ] {
        case = apply(&case, &context(&case), "officer-1", beijing(at), action)
            .unwrap()
            .case;
    }
    let blocked = apply(
        &case,
        &context(&case),
        "officer-1",
        beijing("2026-11-06 15:00"),
        decide(Outcome::Approved),
    );
    assert!(
        matches!(blocked, Err(CaseError::DecisionBlocked(_))),
        "{blocked:?}"
    );
}

#[test]
fn art17_a_bundle_case_is_never_released_without_its_bundle() {
    let desk = Desk::new();
    let instance = restaurant(&desk);
    let outcomes: Outcomes = BTreeMap::from([
        (FOOD.to_owned(), Some(Outcome::Approved)),
        (FIRE.to_owned(), Some(Outcome::Approved)),
        (ENV.to_owned(), None),
    ]);
    let case = pushed_food(&desk, &instance, &outcomes);
    let without = desk.act(&case, "2026-11-10 10:00", Action::Release);
    assert!(matches!(
        without,
        Err(CaseError::BundleContextMissing { .. })
    ));
}

#[test]
fn art17_the_gate_of_another_bundle_instance_cannot_release_a_case() {
    let desk = Desk::new();
    let instance = restaurant(&desk);
    let outcomes: Outcomes = BTreeMap::from([
        (FOOD.to_owned(), Some(Outcome::Approved)),
        (FIRE.to_owned(), Some(Outcome::Approved)),
        (ENV.to_owned(), None),
    ]);
    let case = pushed_food(&desk, &instance, &outcomes);
    let mut other = instance.clone();
    other.id = "BI-2".into();
    let context = desk.context(
        &case,
        Some(BundleContext {
            instance: &other,
            outcomes: &outcomes,
            decisions: &NO_DECISIONS,
        }),
    );
    let refused = apply(
        &case,
        &context,
        "window",
        beijing("2026-11-10 10:00"),
        Action::Release,
    );
    assert!(
        matches!(refused, Err(CaseError::WrongBundle { .. })),
        "{refused:?}"
    );
}

/// The food guide with its result published before release (Art 12) and,
/// when `notice_days` is given, the public notice declared as a special
/// stage of that many working days (Art 11).
fn desk_with_public_notice(notice_days: Option<u32>) -> Desk {
    use approval_core::guide::{SpecialStage, StageDuration, StageKind, TimeLimit};
    let mut desk = Desk::new();
    let mut file = guide_file("food-business-licence.json");
    file.item.result_needs_public_notice = true;
    if let Some(days) = notice_days {
        file.guide.special_stages.push(SpecialStage {
            id: "PN".into(),
            kind: StageKind::PublicNotice,
            name: "许可结果公示".into(),
            legal_basis: "《食品经营许可管理办法》：许可决定应当公示".into(),
            method: "在县政务服务网公示".into(),
            duration: StageDuration::Estimated {
                limit: TimeLimit::working_days(days),
            },
        });
    }
    desk.histories.insert(FOOD.into(), published_history(&file));
    desk
}

/// Decided Friday 6 Nov 15:00; noticed from 16:00 until Friday 13 Nov 16:00
/// (five working days), the notice ended then.
fn noticed(desk: &Desk) -> Case {
    let case = desk.ready_to_decide("C1");
    let case = desk.ok(&case, "2026-11-06 15:00", decide(Outcome::Approved));
    let case = desk.ok(
        &case,
        "2026-11-06 16:00",
        Action::StartPublicNotice {
            until: beijing("2026-11-13 16:00"),
        },
    );
    desk.ok(&case, "2026-11-13 16:00", Action::EndPublicNotice)
}

#[test]
fn art12_the_result_clocks_run_from_the_end_of_a_declared_public_notice() {
    let desk = desk_with_public_notice(Some(7));
    let case = noticed(&desk);
    // 3 working days from the notice's end: 16, 17 and 18 Nov. Counted from
    // the decision they would have ended on 11 Nov, during the notice.
    let on_time = desk
        .act(&case, "2026-11-18 17:00", Action::PushResult)
        .unwrap();
    assert!(
        violations(&on_time).is_empty(),
        "{:?}",
        violations(&on_time)
    );
    let paper = desk
        .act(&on_time.case, "2026-11-18 17:30", Action::DeliverPaper)
        .unwrap();
    assert!(violations(&paper).is_empty(), "{:?}", violations(&paper));
    let late = desk
        .act(&case, "2026-11-19 09:00", Action::PushResult)
        .unwrap();
    assert!(
        matches!(violations(&late)[..], [Violation::LatePush { deadline }] if deadline == beijing("2026-11-19 00:00"))
    );
}

#[test]
fn art11_a_public_notice_the_guide_does_not_declare_counts_against_the_push() {
    let desk = desk_with_public_notice(None);
    let case = noticed(&desk);
    let late = desk
        .act(&case, "2026-11-16 09:00", Action::PushResult)
        .unwrap();
    assert!(matches!(
        violations(&late)[..],
        [Violation::LatePush { .. }]
    ));
}

#[test]
fn art11_a_public_notice_may_not_run_past_the_duration_its_guide_declares() {
    let desk = desk_with_public_notice(Some(3));
    let case = desk.ready_to_decide("C1");
    let case = desk.ok(&case, "2026-11-06 15:00", decide(Outcome::Approved));
    // Three working days from Friday 6 Nov: 9, 10 and 11 Nov, ending 24:00.
    let refused = desk.act(
        &case,
        "2026-11-06 16:00",
        Action::StartPublicNotice {
            until: beijing("2026-11-13 16:00"),
        },
    );
    assert!(
        matches!(&refused, Err(CaseError::NoticeLongerThanDeclared { latest, .. }) if *latest == beijing("2026-11-12 00:00")),
        "{refused:?}"
    );
    let within = desk.ok(
        &case,
        "2026-11-06 16:00",
        Action::StartPublicNotice {
            until: beijing("2026-11-11 17:00"),
        },
    );
    assert_eq!(within.state, CaseState::PublicNotice);
}

#[test]
fn art11_an_undeclared_stage_does_not_stop_the_clock_so_a_late_decision_is_late() {
    let desk = Desk::new();
    // Accepted Monday 2 Nov: 10 working days, due 24:00 on 16 Nov.
    let mut case = desk.ok(
        &desk.receive("C1", FOOD, "2026-11-02 09:00"),
        "2026-11-02 10:00",
        Action::Accept,
    );
    for (at, action) in [
        ("2026-11-02 11:00", complete("accept")),
        ("2026-11-03 11:00", complete("review")),
        ("2026-11-04 09:00", stage("S01")),
        ("2026-11-05 17:00", Action::EndSpecialStage),
        ("2026-11-06 10:00", complete("check")),
        (
            "2026-11-06 11:00",
            Action::StartSpecialStage {
                stage: "HEARING".into(),
                override_reason: Some("申请人申请听证".into()),
            },
        ),
    ] {
        case = desk.ok(&case, at, action);
    }
    // Only the declared site survey paused the clock.
    assert_eq!(case.pauses.len(), 1, "{:?}", case.pauses);
    let case = desk.ok(&case, "2026-11-16 17:00", Action::EndSpecialStage);
    assert_eq!(case.pauses.len(), 1);
    // The site survey paused 4 Nov 09:00 – 5 Nov 17:00; the hearing
    // stopped nothing, so a decision on 20 Nov is past the deadline.
    let decided = desk
        .act(&case, "2026-11-20 10:00", decide(Outcome::Approved))
        .unwrap();
    assert!(
        violations(&decided)
            .iter()
            .any(|v| matches!(v, Violation::ActionAfterDeadline { .. })),
        "{:?}",
        violations(&decided)
    );
}

/// `action` on a case of the restaurant bundle, with the members' outcomes.
fn in_bundle(
    desk: &Desk,
    instance: &BundleInstance,
    outcomes: &Outcomes,
    case: &Case,
    at: &str,
    action: Action,
) -> Result<Applied, CaseError> {
    let ctx = desk.context(
        case,
        Some(BundleContext {
            instance,
            outcomes,
            decisions: &NO_DECISIONS,
        }),
    );
    apply(case, &ctx, "officer-1", beijing(at), action)
}

#[test]
fn art17_a_public_notice_of_a_result_inside_a_bundle_waits_for_the_release_gate() {
    let desk = desk_with_public_notice(Some(7));
    let instance = restaurant(&desk);
    let mut outcomes: Outcomes = BTreeMap::from([
        (FOOD.to_owned(), None),
        (FIRE.to_owned(), None),
        (ENV.to_owned(), None),
    ]);
    let mut case = desk.receive_in("B-FOOD", FOOD, "2026-11-02 09:00", Some("BI-1"));
    for (at, action) in [
        ("2026-11-02 10:00", Action::Accept),
        ("2026-11-02 11:00", complete("accept")),
        ("2026-11-03 11:00", complete("review")),
        ("2026-11-04 09:00", stage("S01")),
        ("2026-11-05 17:00", Action::EndSpecialStage),
        ("2026-11-06 10:00", complete("check")),
        ("2026-11-06 15:00", decide(Outcome::Approved)),
    ] {
        case = in_bundle(&desk, &instance, &outcomes, &case, at, action)
            .unwrap()
            .case;
    }
    outcomes.insert(FOOD.into(), Some(Outcome::Approved));
    let notice = Action::StartPublicNotice {
        until: beijing("2026-11-13 16:00"),
    };
    // The fire inspection, its prerequisite, has not decided: publishing
    // the licence now would announce a result the gate still withholds.
    let refused = in_bundle(
        &desk,
        &instance,
        &outcomes,
        &case,
        "2026-11-06 16:00",
        notice.clone(),
    );
    assert!(
        matches!(refused, Err(CaseError::ReleaseBlocked(_))),
        "{refused:?}"
    );
    outcomes.insert(FIRE.into(), Some(Outcome::Approved));
    let noticed = in_bundle(
        &desk,
        &instance,
        &outcomes,
        &case,
        "2026-11-09 09:00",
        notice,
    )
    .unwrap();
    assert_eq!(noticed.case.state, CaseState::PublicNotice);
}

#[test]
fn art12_the_sweep_flags_a_paper_result_not_at_the_window_unit_in_time_once() {
    let desk = Desk::new();
    let case = desk.ready_to_decide("C1");
    let case = desk.ok(&case, "2026-11-06 15:00", decide(Outcome::Approved));
    let case = desk.ok(&case, "2026-11-06 16:00", Action::PrepareResult);
    let case = desk.ok(&case, "2026-11-09 09:00", Action::PushResult);
    let guide = desk.context(&case, None).guide;
    // Decided Friday 6 Nov: the paper is due by 24:00 on 11 Nov.
    let early = overdue_paper(
        &case,
        guide,
        &desk.calendar,
        None,
        beijing("2026-11-11 17:00"),
    );
    assert_eq!(early, Ok(None));
    let flagged = overdue_paper(
        &case,
        guide,
        &desk.calendar,
        None,
        beijing("2026-11-12 09:00"),
    )
    .unwrap()
    .unwrap();
    assert!(matches!(
        violations(&flagged)[..],
        [Violation::LatePaperDelivery { deadline }] if deadline == beijing("2026-11-12 00:00")
    ));
    // Flagged once: the next sweep finds nothing, and the late delivery
    // itself records no second violation.
    let again = overdue_paper(
        &flagged.case,
        guide,
        &desk.calendar,
        None,
        beijing("2026-11-13 09:00"),
    );
    assert_eq!(again, Ok(None));
    let delivered = desk
        .act(&flagged.case, "2026-11-13 10:00", Action::DeliverPaper)
        .unwrap();
    assert!(violations(&delivered).is_empty());
}

#[test]
fn art6_a_step_past_its_maximum_time_is_shown_as_a_warning_then_recorded() {
    use approval_core::case::open_step_standings;
    use approval_core::clock::Timeliness;
    let desk = Desk::new();
    // Accepted Monday 2 Nov; the acceptance step is done the same day, so
    // the review (at most 4 working days) is due by 24:00 on 6 Nov.
    let case = desk.ok(
        &desk.receive("C1", FOOD, "2026-11-02 09:00"),
        "2026-11-02 10:00",
        Action::Accept,
    );
    let case = desk.ok(&case, "2026-11-02 11:00", complete("accept"));
    let guide = desk.context(&case, None).guide;
    let standing = |at: &str| {
        open_step_standings(&case, guide, &desk.calendar, beijing(at))
            .unwrap()
            .into_iter()
            .find(|s| s.step == "review")
            .unwrap()
    };
    assert_eq!(standing("2026-11-03 09:00").timeliness, Timeliness::OnTime);
    assert_eq!(standing("2026-11-06 09:00").timeliness, Timeliness::Warning);
    let overdue = standing("2026-11-09 09:00");
    assert_eq!(overdue.timeliness, Timeliness::Overdue);
    assert_eq!(overdue.due, beijing("2026-11-07 00:00"));
    // Completed within its time: no violation; after it: StepOverrun.
    let on_time = desk
        .act(&case, "2026-11-06 17:00", complete("review"))
        .unwrap();
    assert!(
        violations(&on_time).is_empty(),
        "{:?}",
        violations(&on_time)
    );
    let late = desk
        .act(&case, "2026-11-09 09:00", complete("review"))
        .unwrap();
    assert!(matches!(
        &violations(&late)[..],
        [Violation::StepOverrun { step, deadline }] if step == "review" && *deadline == beijing("2026-11-07 00:00")
    ));
}

#[test]
fn art5_a_cancelled_or_delegated_item_takes_no_new_cases() {
    use approval_core::case::admit_item;
    use approval_core::guide::ServiceItem;
    let file = guide_file("food-business-licence.json");
    let mut item = ServiceItem::new(file.item.clone());
    assert_eq!(admit_item(&item), Ok(()));
    item.cancelled = true;
    assert_eq!(
        admit_item(&item),
        Err(CaseError::ItemCancelled {
            item_code: FOOD.into()
        })
    );
    let mut delegated = ServiceItem::new(file.item.clone());
    delegated.definition.delegated_to = Some("蓝田县行政审批服务局".into());
    let refused = admit_item(&delegated).unwrap_err();
    assert_eq!(
        refused,
        CaseError::ItemDelegated {
            item_code: FOOD.into(),
            to: "蓝田县行政审批服务局".into()
        }
    );
    assert!(refused
        .message_zh()
        .contains("请将办件转至蓝田县行政审批服务局"));
}

#[test]
fn art10_a_second_notice_on_one_submission_is_bounded_by_its_acceptance_deadline() {
    let desk = Desk::new();
    // Received Thursday 26 Nov: one working day, due 24:00 on 27 Nov.
    let case = desk.ok(
        &desk.receive("C1", FOOD, "2026-11-26 09:00"),
        "2026-11-26 15:00",
        correction("M02"),
    );
    let second = |at: &str| {
        desk.act(
            &case,
            at,
            Action::RequestCorrection {
                items: vec![CorrectionItem {
                    material_id: "M03".into(),
                    problem: "身份证明过期".into(),
                    paper: false,
                }],
                second_notice_reason: Some("首次告知遗漏".into()),
            },
        )
    };
    assert!(second("2026-11-27 16:00").is_ok());
    assert_eq!(
        second("2026-11-30 09:00"),
        Err(CaseError::SecondNoticeAfterAcceptanceDeadline {
            deadline: beijing("2026-11-28 00:00")
        })
    );
}

#[test]
fn art10_corrections_are_received_after_the_notice_and_not_in_the_future() {
    let desk = Desk::new();
    let case = desk.ok(
        &desk.receive("C1", FOOD, "2026-11-26 09:00"),
        "2026-11-26 15:00",
        correction("M02"),
    );
    let receive_at = |received: &str, at: &str| {
        desk.act(
            &case,
            at,
            Action::ReceiveCorrections {
                received_at: beijing(received),
            },
        )
    };
    assert!(matches!(
        receive_at("2026-11-26 14:00", "2026-12-01 09:00"),
        Err(CaseError::CorrectionsReceivedOutOfRange { .. })
    ));
    assert!(matches!(
        receive_at("2026-12-02 09:00", "2026-12-01 09:00"),
        Err(CaseError::CorrectionsReceivedOutOfRange { .. })
    ));
    // Inside the range: the acceptance clock restarts from the receipt, and
    // a deemed acceptance dates from it (not from the original receipt).
    let corrected = desk.ok(
        &case,
        "2026-12-01 10:00",
        Action::ReceiveCorrections {
            received_at: beijing("2026-12-01 09:00"),
        },
    );
    let swept = deemed_acceptance_sweep(
        [&corrected],
        |_| Some(ItemComplexity::Ordinary),
        &desk.calendar,
        DeadlineOptions::default(),
        beijing("2026-12-03 09:00"),
    );
    let deemed = swept[0].as_ref().unwrap();
    assert_eq!(
        deemed.case.acceptance.map(|a| a.at),
        Some(beijing("2026-12-01 09:00"))
    );
}

#[test]
fn art11_a_declared_stage_that_runs_past_its_estimate_is_recorded() {
    let desk = Desk::new();
    let case = desk.ok(
        &desk.receive("C1", FOOD, "2026-11-02 09:00"),
        "2026-11-02 10:00",
        Action::Accept,
    );
    let case = desk.ok(&case, "2026-11-02 11:00", complete("accept"));
    let case = desk.ok(&case, "2026-11-03 11:00", complete("review"));
    // The site survey is estimated at 5 working days: from 4 Nov 09:00 it
    // should end by 24:00 on 11 Nov.
    let case = desk.ok(&case, "2026-11-04 09:00", stage("S01"));
    let in_time = desk
        .act(&case, "2026-11-11 17:00", Action::EndSpecialStage)
        .unwrap();
    assert!(
        violations(&in_time).is_empty(),
        "{:?}",
        violations(&in_time)
    );
    let late = desk
        .act(&case, "2026-11-13 09:00", Action::EndSpecialStage)
        .unwrap();
    assert!(matches!(
        &violations(&late)[..],
        [Violation::StageOverrun { stage, estimated_end }] if stage == "S01" && *estimated_end == beijing("2026-11-12 00:00")
    ));
    // Its time still does not count: the pause covers it all.
    assert_eq!(late.case.pauses[0].end, Some(beijing("2026-11-13 09:00")));
}

#[test]
fn art17_a_prerequisite_refused_at_acceptance_withholds_its_dependents_instead_of_leaving_them_waiting(
) {
    let desk = Desk::new();
    let instance = restaurant(&desk);
    // The fire inspection, the licence's prerequisite, is refused at
    // acceptance (不予受理): no decision will ever come.
    let fire = desk.receive_in("B-FIRE", FIRE, "2026-11-02 09:00", Some("BI-1"));
    let fire = desk.ok(
        &fire,
        "2026-11-02 15:00",
        Action::RejectAtAcceptance {
            reason: "不属于本部门职权范围".into(),
            legal_basis: "《行政许可法》第三十二条".into(),
        },
    );
    assert_eq!(fire.gate_outcome(), Some(Outcome::Rejected));
    let outcomes: Outcomes = BTreeMap::from([
        (FOOD.to_owned(), Some(Outcome::Approved)),
        (FIRE.to_owned(), fire.gate_outcome()),
        (ENV.to_owned(), None),
    ]);
    // The licence is withheld and flagged for a new decision, not left
    // waiting for an approval that cannot come.
    assert!(instance
        .withheld(&outcomes)
        .iter()
        .any(|w| w.item == FOOD && w.needs_new_decision));
}

/// The food licence under a serial edge from the fire inspection, at its
/// decision point (accepted 2026-11-02 10:00; 10 working days, paused by
/// its declared stage on 11-04/05: due 2026-11-18).
fn serial_food(desk: &Desk, instance: &BundleInstance, outcomes: &Outcomes) -> Case {
    let context = |case: &Case| {
        desk.context(
            case,
            Some(BundleContext {
                instance,
                outcomes,
                decisions: &NO_DECISIONS,
            }),
        )
    };
    let mut case = desk.receive_in("B-FOOD", FOOD, "2026-11-02 09:00", Some("BI-1"));
    for (at, action) in [
        ("2026-11-02 10:00", Action::Accept),
        ("2026-11-02 11:00", complete("accept")),
        ("2026-11-03 11:00", complete("review")),
        ("2026-11-04 09:00", stage("S01")),
        ("2026-11-05 17:00", Action::EndSpecialStage),
        ("2026-11-06 10:00", complete("check")),
    ] {
        case = apply(&case, &context(&case), "officer-1", beijing(at), action)
            .unwrap()
            .case;
    }
    case
}

#[test]
fn art17_the_wait_for_a_serial_prerequisite_is_not_the_dependents_time_and_its_lateness_is_the_prerequisites(
) {
    let desk = Desk::new();
    let mut instance = restaurant(&desk);
    instance.mark_serial(FIRE, FOOD).unwrap();
    let undecided: Outcomes = BTreeMap::from([
        (FOOD.to_owned(), None),
        (FIRE.to_owned(), None),
        (ENV.to_owned(), None),
    ]);
    let food = serial_food(&desk, &instance, &undecided);

    // While the fire inspection has no result the licence's clock is held:
    // no deadline runs, so no step or action of the licence is late.
    let waiting = BundleContext {
        instance: &instance,
        outcomes: &undecided,
        decisions: &NO_DECISIONS,
    };
    let wait = pending_serial_wait(&food, Some(&waiting)).unwrap();
    assert_eq!((wait.from, wait.until), (beijing("2026-11-02 10:00"), None));
    assert_eq!(
        case_due(
            &food,
            desk.context(&food, None).guide,
            &desk.calendar,
            Some(&wait)
        )
        .processing_due,
        None
    );

    // The fire inspection (7 working days from 11-02 10:00, due 11-11)
    // decides late, on 11-24; the licence decides the same afternoon, after
    // the 11-18 its own clock would have given it without the wait.
    let outcomes: Outcomes = BTreeMap::from([
        (FOOD.to_owned(), None),
        (FIRE.to_owned(), Some(Outcome::Approved)),
        (ENV.to_owned(), None),
    ]);
    let decisions: MemberDecisions = BTreeMap::from([(
        FIRE.to_owned(),
        MemberDecision {
            at: beijing("2026-11-24 10:00"),
            processing_due: Some(beijing("2026-11-11 10:00")),
        },
    )]);
    let ctx = desk.context(
        &food,
        Some(BundleContext {
            instance: &instance,
            outcomes: &outcomes,
            decisions: &decisions,
        }),
    );
    let decided = apply(
        &food,
        &ctx,
        "officer-1",
        beijing("2026-11-24 15:00"),
        decide(Outcome::Approved),
    )
    .unwrap();
    assert_eq!(violations(&decided), vec![], "{:?}", decided.events);
    let wait = decided
        .events
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::SerialWaitEnded { wait } => Some(wait.clone()),
            _ => None,
        })
        .expect("the wait is recorded");
    assert_eq!(wait.until, Some(beijing("2026-11-24 10:00")));
    assert_eq!(wait.late_prerequisites.len(), 1);
    assert_eq!(wait.late_prerequisites[0].department, "蓝田县消防救援大队");
    let message = wait.message_zh();
    assert!(
        message.contains("等待时间不计入本事项办理时限")
            && message.contains("超期责任由“蓝田县消防救援大队”承担"),
        "{message}"
    );
    // The wait is now a pause of the case's own record, named as such.
    assert!(decided
        .case
        .pauses
        .iter()
        .any(|p| p.reason.starts_with("串联审批") && p.end == wait.until));

    // Without the serial edge (tolerance) the same decision is late.
    let tolerant = restaurant(&desk);
    let food = serial_food(&desk, &tolerant, &undecided);
    let late = apply(
        &food,
        &desk.context(
            &food,
            Some(BundleContext {
                instance: &tolerant,
                outcomes: &outcomes,
                decisions: &decisions,
            }),
        ),
        "officer-1",
        beijing("2026-11-24 15:00"),
        decide(Outcome::Approved),
    )
    .unwrap();
    assert!(
        violations(&late)
            .iter()
            .any(|v| matches!(v, Violation::ActionAfterDeadline { .. })),
        "{:?}",
        late.events
    );
}

/// Art 17, settled in docs/decisions/0016: the window unit is the one place
/// results leave (统一出件), each as soon as the prerequisites it depends on
/// are approved; the joint chart draws exactly the gate the release obeys.
#[test]
fn art17_the_bundle_chart_and_the_release_gate_say_the_same_thing() {
    let desk = Desk::new();
    let instance = restaurant(&desk);
    let guides: HashMap<String, GuideVersion> = desk
        .histories
        .iter()
        .filter_map(|(code, h)| Some((code.clone(), h.latest_published()?.clone())))
        .collect();
    let chart = bundle_flowchart(&instance.bundle, &guides);
    let release = chart
        .steps
        .iter()
        .find(|s| s.kind == StepKind::End)
        .unwrap();
    assert_eq!(release.name, "窗口统一出件");
    for member in &instance.bundle.members {
        let item = &member.item_code;
        // Only this item decided: what does its release wait on?
        let outcomes: Outcomes = instance
            .bundle
            .members
            .iter()
            .map(|m| {
                let own = &m.item_code == item;
                (m.item_code.clone(), own.then_some(Outcome::Approved))
            })
            .collect();
        let waits_on = match instance.release_permit(item, &outcomes) {
            Ok(_) => Vec::new(),
            Err(blocked) => blocked.pending,
        };
        let gate = chart.step(&format!("{item}/release-gate"));
        match gate {
            None => assert!(
                waits_on.is_empty(),
                "{item}: the chart sends it straight to the release, the gate waits on {waits_on:?}"
            ),
            Some(gate) => {
                assert!(
                    !waits_on.is_empty(),
                    "{item}: a gate the release does not have"
                );
                let named = gate.name.matches('“').count();
                assert_eq!(named, waits_on.len(), "{}", gate.name);
                for code in &waits_on {
                    assert!(
                        gate.name.contains(&guides[code].item.name),
                        "{item}: {} does not name {code}",
                        gate.name
                    );
                }
                assert!(chart
                    .edges
                    .iter()
                    .any(|e| e.from == gate.id && e.to == release.id));
            }
        }
    }
    // The independent pollutant registration leaves on its own decision.
    let only_env: Outcomes = BTreeMap::from([(ENV.to_owned(), Some(Outcome::Approved))]);
    assert!(instance.release_permit(ENV, &only_env).is_ok());
}
