//! Property tests of the case state machine: random action sequences never
//! break its invariants.

// Test helpers may panic: a panic here is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::sync::OnceLock;

use approval_core::bundle::Outcome;
use approval_core::calendar::WorkingCalendar;
use approval_core::case::{
    apply, receive, Action, Applicant, Case, CaseContext, CaseState, CorrectionItem, EventKind,
    Transfer,
};
use approval_core::china_time::china_instant;
use approval_core::clock::DeadlineOptions;
use approval_core::guide::{
    Contact, Edge, Flowchart, GuideContent, GuideHistory, GuideVersion, ItemDefinition, ItemLevel,
    ItemType, LegalBasis, Material, MaterialForm, Requirement, ResultKind, ServiceItem,
    SpecialStage, StageDuration, StageKind, Step, StepKind, TimeLimit,
};
use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime};
use proptest::prelude::*;

fn calendar() -> &'static WorkingCalendar {
    static CALENDAR: OnceLock<WorkingCalendar> = OnceLock::new();
    CALENDAR.get_or_init(|| WorkingCalendar::with_shipped_data([], &[]).unwrap())
}

fn step(id: &str, kind: StepKind, days: Option<u32>, stage: Option<&str>) -> Step {
    Step {
        id: id.into(),
        name: id.into(),
        kind,
        stage: stage.map(Into::into),
        role: days.map(|_| "承办人".into()),
        limit: days.map(TimeLimit::working_days),
    }
}

fn history(public_notice: bool) -> GuideHistory {
    let item = ItemDefinition {
        code: "ITEM".into(),
        name: "测试事项".into(),
        item_type: ItemType::Licensing,
        department: "测试局".into(),
        level: ItemLevel::County,
        setting_basis: "依据".into(),
        complex: false,
        statutory_limit: TimeLimit::working_days(20),
        promised_limit: TimeLimit::working_days(10),
        result_kind: ResultKind::Certificate,
        result_needs_public_notice: public_notice,
        delegated_to: None,
        instant: None,
        classified: false,
    };
    let material = |id: &str| Material {
        id: id.into(),
        name: id.into(),
        catalog_code: None,
        requirement: Requirement::Required,
        form: MaterialForm::Original,
        originals: 1,
        copies: 0,
        electronic_accepted: true,
        paper_required: false,
        paper_filing: None,
        format_notes: String::new(),
        filling_instructions: String::new(),
        sample: None,
    };
    let edge = |from: &str, to: &str| Edge {
        from: from.into(),
        to: to.into(),
    };
    let content = GuideContent {
        conditions: vec!["条件".into()],
        legal_basis: vec![LegalBasis {
            title: "法".into(),
            provision: "第一条".into(),
        }],
        materials: vec![material("M1"), material("M2")],
        fees: vec![],
        special_stages: vec![SpecialStage {
            id: "S1".into(),
            kind: StageKind::SiteSurvey,
            name: "现场勘察".into(),
            legal_basis: "依据".into(),
            method: "现场".into(),
            duration: StageDuration::Estimated {
                limit: TimeLimit::working_days(3),
            },
        }],
        flowchart: Flowchart {
            steps: vec![
                step("start", StepKind::Start, None, None),
                step("a", StepKind::Step, Some(2), None),
                step("b", StepKind::Step, Some(2), None),
                step("survey", StepKind::SpecialStage, None, Some("S1")),
                step("decide", StepKind::Decision, Some(2), None),
                step("end", StepKind::End, None, None),
            ],
            edges: vec![
                edge("start", "a"),
                edge("start", "b"),
                edge("a", "survey"),
                edge("survey", "decide"),
                edge("b", "decide"),
                edge("decide", "end"),
            ],
        },
        contact: Contact::default(),
        windows: vec![],
    };
    let service = ServiceItem::new(item.clone());
    let mut history = GuideHistory::default();
    history.start_draft(&service).unwrap();
    history.edit_draft(item, content).unwrap();
    history
        .publish(&service, at(0, 0), at(0, 0), "editor")
        .unwrap();
    history
}

/// Day `day` after 2026-03-02 (a Monday), at `hour`.
fn at(day: u64, hour: u32) -> DateTime<FixedOffset> {
    let date = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap() + Days::new(day);
    china_instant(date, NaiveTime::from_hms_opt(hour, 0, 0).unwrap())
}

fn any_action() -> impl Strategy<Value = Action> {
    let step = prop_oneof![
        Just("a"),
        Just("b"),
        Just("survey"),
        Just("decide"),
        Just("nope")
    ];
    prop_oneof![
        Just(Action::Accept),
        prop_oneof![Just("M1"), Just("M2"), Just("M9")].prop_map(|m| Action::RequestCorrection {
            items: vec![CorrectionItem {
                material_id: m.into(),
                problem: "缺页".into(),
                paper: false
            }],
            second_notice_reason: None,
        }),
        Just(Action::RequestCorrection {
            items: vec![CorrectionItem {
                material_id: "M1".into(),
                problem: "缺页".into(),
                paper: false
            }],
            second_notice_reason: Some("遗漏".into()),
        }),
        (0u64..3).prop_map(|d| Action::ReceiveCorrections {
            received_at: at(d, 9)
        }),
        step.clone().prop_map(|s| Action::CompleteStep {
            step: s.into(),
            opinion: "同意".into()
        }),
        step.prop_map(|s| Action::ReturnToStep {
            step: s.into(),
            reason: "退回".into()
        }),
        prop_oneof![Just("S1"), Just("S9")].prop_map(|s| Action::StartSpecialStage {
            stage: s.into(),
            override_reason: None
        }),
        Just(Action::EndSpecialStage),
        prop_oneof![Just(Outcome::Approved), Just(Outcome::Rejected)].prop_map(|o| {
            Action::Decide {
                outcome: o,
                opinion: "决定".into(),
            }
        }),
        (1u64..10).prop_map(|d| Action::StartPublicNotice {
            until: at(20 + d, 9)
        }),
        Just(Action::EndPublicNotice),
        Just(Action::PrepareResult),
        Just(Action::PushResult),
        Just(Action::Release),
    ]
}

fn rank(state: &CaseState) -> u8 {
    match state {
        CaseState::Received | CaseState::CorrectionRequested | CaseState::NotAccepted => 0,
        CaseState::InReview | CaseState::SpecialStage { .. } => 1,
        CaseState::Decided | CaseState::PublicNotice => 2,
        CaseState::ResultReady => 3,
        CaseState::ResultPushed => 4,
        CaseState::Released => 5,
    }
}

fn check_invariants(case: &Case, notice_required: bool) -> Result<(), TestCaseError> {
    let r = rank(&case.state);
    prop_assert_eq!(
        case.acceptance.is_some(),
        r >= 1,
        "acceptance iff past acceptance: {:?}",
        case.state
    );
    prop_assert_eq!(
        case.decision.is_some(),
        r >= 2,
        "decision iff decided: {:?}",
        case.state
    );
    prop_assert_eq!(case.result.pushed_at.is_some(), r >= 4);
    prop_assert_eq!(case.result.released_at.is_some(), r >= 5);
    if matches!(case.state, CaseState::SpecialStage { .. }) {
        prop_assert_eq!(case.pauses.iter().filter(|p| p.end.is_none()).count(), 1);
    } else {
        prop_assert!(
            case.pauses.iter().all(|p| p.end.is_some()),
            "no pause left open"
        );
    }
    let approved = case
        .decision
        .as_ref()
        .is_some_and(|d| d.outcome == Outcome::Approved);
    if r >= 3 && approved && notice_required {
        prop_assert!(
            case.public_notice.is_some(),
            "an approved result needing notice got it first"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn random_action_sequences_keep_the_invariants(
        notice in any::<bool>(),
        actions in prop::collection::vec((any_action(), 0u64..40, 8u32..18), 1..40),
    ) {
        let history = history(notice);
        let guide: &GuideVersion = history.latest_published().unwrap();
        let ctx = CaseContext { guide, calendar: calendar(), options: DeadlineOptions::default(), bundle: None, filings: None };
        let transfer = Transfer {
            case_number: "C1".into(),
            item_code: "ITEM".into(),
            applicant: Applicant { name: "申请人".into(), id_type: "身份证".into(), id_number: "1".into(), phone: String::new() },
            window_unit: "窗口".into(),
            received_at: at(0, 9),
            materials: vec![],
            bundle_instance: None,
        };
        let mut case = receive(transfer, Some(&history)).unwrap().case;
        let mut clock = at(0, 9);
        for (action, day, hour) in actions {
            // Time only moves forward.
            let when = at(day, hour).max(clock);
            clock = when;
            let before = case.clone();
            // A refused action changes nothing: `apply` is pure, so only an
            // accepted one moves the case on.
            if let Ok(applied) = apply(&case, &ctx, "officer", when, action.clone()) {
                {
                    prop_assert!(rank(&applied.case.state) >= rank(&before.state) || matches!(action, Action::ReturnToStep { .. }),
                        "{:?} moved {:?} back to {:?}", action, before.state, applied.case.state);
                    if applied.case.state == CaseState::Released {
                        prop_assert_eq!(&before.state, &CaseState::ResultPushed);
                    }
                    for event in &applied.events {
                        prop_assert_eq!(&event.case, "C1");
                        if let EventKind::DeemedAccepted { accepted_at } = event.kind {
                            prop_assert_eq!(accepted_at, before.submission_received_at);
                        }
                    }
                    case = applied.case;
                }
            }
            check_invariants(&case, notice)?;
        }
    }
}
