#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime};
use proptest::prelude::*;

use super::*;
use crate::calendar::WorkingCalendar;
use crate::case::{receive, Applicant, SubmittedForm, SubmittedMaterial, Transfer};
use crate::china_time::china_instant;
use crate::clock::DeadlineOptions;
use crate::guide::{
    Contact, Edge, Flowchart, GuideContent, GuideHistory, GuideVersion, ItemDefinition, ItemLevel,
    ItemType, LegalBasis, Material, MaterialForm, Requirement, ResultKind, ServiceItem,
    SpecialStage, StageDuration, Step, TimeLimit,
};

fn calendar() -> &'static WorkingCalendar {
    static CALENDAR: OnceLock<WorkingCalendar> = OnceLock::new();
    CALENDAR.get_or_init(|| WorkingCalendar::with_shipped_data([], &[]).unwrap())
}

/// Day `day` after 2026-03-02 (a Monday), at `hour`.
fn at(day: u64, hour: u32) -> DateTime<FixedOffset> {
    let date = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap() + Days::new(day);
    china_instant(date, NaiveTime::from_hms_opt(hour, 0, 0).unwrap())
}

fn step(id: &str, kind: StepKind, role: Option<&str>, stage: Option<&str>) -> Step {
    Step {
        id: id.into(),
        name: format!("环节{id}"),
        kind,
        stage: stage.map(Into::into),
        role: role.map(Into::into),
        limit: role.map(|_| TimeLimit::working_days(2)),
    }
}

/// start → a → survey (S1) → check → decide → end, and b beside a.
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
    let material = |id: &str, required: bool| Material {
        id: id.into(),
        name: format!("材料{id}"),
        catalog_code: None,
        requirement: if required {
            Requirement::Required
        } else {
            Requirement::Conditional {
                condition: "委托办理的".into(),
            }
        },
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
        materials: vec![material("M1", true), material("M2", false)],
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
                step("a", StepKind::Step, Some("承办人"), None),
                step("b", StepKind::Step, Some("承办人"), None),
                step("survey", StepKind::SpecialStage, None, Some("S1")),
                step("check", StepKind::Step, Some("审核人"), None),
                step("decide", StepKind::Decision, Some("签发人"), None),
                step("end", StepKind::End, None, None),
            ],
            edges: vec![
                edge("start", "a"),
                edge("start", "b"),
                edge("a", "survey"),
                edge("survey", "check"),
                edge("b", "check"),
                edge("check", "decide"),
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

fn guide(public_notice: bool) -> GuideVersion {
    history(public_notice).versions()[0].clone()
}

fn received(public_notice: bool) -> Case {
    let transfer = Transfer {
        case_number: "SX2026-000001".into(),
        item_code: "ITEM".into(),
        applicant: Applicant {
            name: "申请人".into(),
            id_type: "统一社会信用代码".into(),
            id_number: "91350100M000100Y43".into(),
            phone: String::new(),
        },
        window_unit: "窗口".into(),
        received_at: at(0, 9),
        materials: vec![SubmittedMaterial {
            name: "材料M1".into(),
            material_id: Some("M1".into()),
            form: SubmittedForm::Electronic {
                file_name: "申请书.pdf".into(),
                sealed: false,
            },
        }],
        bundle_instance: None,
    };
    receive(transfer, Some(&history(public_notice)))
        .unwrap()
        .case
}

fn ctx(guide: &GuideVersion) -> CaseContext<'_> {
    CaseContext {
        guide,
        calendar: calendar(),
        options: DeadlineOptions::default(),
        bundle: None,
        filings: None,
    }
}

fn workflow() -> DepartmentWorkflow {
    let holders = |names: &[&str]| {
        names
            .iter()
            .map(|n| (*n).to_owned())
            .collect::<BTreeSet<_>>()
    };
    DepartmentWorkflow {
        department: "测试局".into(),
        role_holders: BTreeMap::from([
            ("承办人".to_owned(), holders(&["王", "赵"])),
            ("审核人".to_owned(), holders(&["李"])),
            ("签发人".to_owned(), holders(&["孙"])),
        ]),
        supervisors: holders(&["科长"]),
        sign_offs: BTreeMap::from([(
            "ITEM".to_owned(),
            BTreeMap::from([(
                "check".to_owned(),
                SignOff::All {
                    signers: vec!["李".into(), "周".into()],
                },
            )]),
        )]),
        assignment_rules: BTreeMap::new(),
        delegations: vec![],
        urge_interval_minutes: 60,
    }
}

fn kinds(offers: &[Offer]) -> Vec<String> {
    offers.iter().map(|o| key(&o.action)).collect()
}

/// A stable name of an offer (with its step or stage).
fn key(action: &OfferedAction) -> String {
    match action {
        OfferedAction::Accept => "accept".into(),
        OfferedAction::RequestCorrection { .. } => "request_correction".into(),
        OfferedAction::RefuseAcceptance => "refuse".into(),
        OfferedAction::CompleteStep { step, .. } => format!("complete:{step}"),
        OfferedAction::ReturnToStep { step, .. } => format!("return:{step}"),
        OfferedAction::StartSpecialStage { stage, .. } => format!("start:{stage}"),
        OfferedAction::EndSpecialStage { .. } => "end_stage".into(),
        OfferedAction::Decide { .. } => "decide".into(),
        OfferedAction::StartPublicNotice => "start_notice".into(),
        OfferedAction::EndPublicNotice => "end_notice".into(),
        OfferedAction::PrepareResult => "prepare".into(),
        OfferedAction::PushResult => "push".into(),
        OfferedAction::DeliverPaper => "deliver".into(),
        OfferedAction::Assign { .. } => "assign".into(),
        OfferedAction::Reassign { .. } => "reassign".into(),
        OfferedAction::Urge => "urge".into(),
    }
}

/// The offer key an engine action falls under.
fn key_of(action: &Action) -> Option<String> {
    Some(match action {
        Action::Accept => "accept".into(),
        Action::RequestCorrection { .. } => "request_correction".into(),
        Action::RejectAtAcceptance { .. } => "refuse".into(),
        Action::CompleteStep { step, .. } => format!("complete:{step}"),
        Action::ReturnToStep { step, .. } => format!("return:{step}"),
        Action::StartSpecialStage { stage, .. } => format!("start:{stage}"),
        Action::EndSpecialStage => "end_stage".into(),
        Action::Decide { .. } => "decide".into(),
        Action::StartPublicNotice { .. } => "start_notice".into(),
        Action::EndPublicNotice => "end_notice".into(),
        Action::PrepareResult => "prepare".into(),
        Action::PushResult => "push".into(),
        Action::DeliverPaper => "deliver".into(),
        Action::ReceiveCorrections { .. } | Action::Release => return None,
    })
}

fn run(case: &Case, guide: &GuideVersion, when: DateTime<FixedOffset>, action: Action) -> Case {
    apply(case, &ctx(guide), "王", when, action).unwrap().case
}

fn complete(id: &str) -> Action {
    Action::CompleteStep {
        step: id.into(),
        opinion: "同意".into(),
    }
}

#[test]
fn a_received_case_may_be_accepted_corrected_or_refused_and_nothing_else() {
    let guide = guide(false);
    let case = received(false);
    let acting = OfferContext {
        actor: "王",
        at: at(0, 10),
        desk: None,
    };
    let offers = offered_actions(&case, &ctx(&guide), &acting);
    assert_eq!(kinds(&offers), ["request_correction", "accept", "refuse"]);
    let OfferedAction::RequestCorrection { materials } = &offers[0].action else {
        panic!("{offers:?}");
    };
    let listed: Vec<_> = materials
        .iter()
        .map(|m| (m.id.as_str(), m.required, m.needs_reason, m.paper_allowed))
        .collect();
    // Only the bound guide's materials (Art 7); no paper without a filing (Art 9).
    assert_eq!(
        listed,
        [("M1", true, false, false), ("M2", false, false, false)]
    );
}

#[test]
fn after_a_notice_a_second_one_needs_a_reason() {
    let guide = guide(false);
    let case = run(
        &received(false),
        &guide,
        at(0, 10),
        Action::RequestCorrection {
            items: vec![CorrectionItem {
                material_id: "M1".into(),
                problem: "模糊".into(),
                paper: false,
            }],
            second_notice_reason: None,
        },
    );
    let acting = OfferContext {
        actor: "王",
        at: at(0, 11),
        desk: None,
    };
    let offers = offered_actions(&case, &ctx(&guide), &acting);
    assert_eq!(kinds(&offers), ["request_correction"]);
    let OfferedAction::RequestCorrection { materials } = &offers[0].action else {
        panic!("{offers:?}");
    };
    assert!(materials.iter().all(|m| m.needs_reason), "{materials:?}");
}

#[test]
fn in_review_the_ready_steps_stages_and_returns_are_offered() {
    let guide = guide(false);
    let mut case = run(&received(false), &guide, at(0, 10), Action::Accept);
    case = run(&case, &guide, at(0, 11), complete("a"));
    let acting = OfferContext {
        actor: "王",
        at: at(0, 12),
        desk: None,
    };
    let offers = offered_actions(&case, &ctx(&guide), &acting);
    // b is ready; check waits for the survey and b; the survey may start.
    assert_eq!(kinds(&offers), ["complete:b", "return:a", "start:S1"]);
    case = run(
        &case,
        &guide,
        at(0, 12),
        Action::StartSpecialStage {
            stage: "S1".into(),
            override_reason: None,
        },
    );
    let offers = offered_actions(&case, &ctx(&guide), &acting);
    assert_eq!(kinds(&offers), ["end_stage"]);
}

#[test]
fn a_decided_case_goes_on_to_its_result_and_a_notice_where_needed() {
    for notice in [false, true] {
        let guide = guide(notice);
        let mut case = run(&received(notice), &guide, at(0, 10), Action::Accept);
        for (hour, action) in [
            (11, complete("a")),
            (
                12,
                Action::StartSpecialStage {
                    stage: "S1".into(),
                    override_reason: None,
                },
            ),
            (13, Action::EndSpecialStage),
            (14, complete("b")),
            (15, complete("check")),
            (
                16,
                Action::Decide {
                    outcome: Outcome::Approved,
                    opinion: "准予".into(),
                },
            ),
        ] {
            case = run(&case, &guide, at(0, hour), action);
        }
        let acting = OfferContext {
            actor: "王",
            at: at(0, 17),
            desk: None,
        };
        let offers = offered_actions(&case, &ctx(&guide), &acting);
        if notice {
            assert_eq!(kinds(&offers), ["start_notice"]);
        } else {
            assert_eq!(kinds(&offers), ["prepare"]);
        }
    }
}

#[test]
fn the_department_decides_who_is_offered_what() {
    let guide = guide(false);
    let desk = workflow();
    let accepted = run(&received(false), &guide, at(0, 10), Action::Accept);
    let by = |actor: &'static str, case: &Case| {
        let acting = OfferContext {
            actor,
            at: at(0, 12),
            desk: Some(&desk),
        };
        offered_actions(case, &ctx(&guide), &acting)
    };
    // In the pool: the supervisor assigns to a holder of the handling role.
    let offers = by("科长", &accepted);
    assert_eq!(kinds(&offers), ["urge", "assign"]);
    let OfferedAction::Assign { to } = &offers[1].action else {
        panic!("{offers:?}");
    };
    assert_eq!(to, &["王", "赵"]);
    assert!(by("李", &accepted).is_empty());

    let held = apply_as(
        &accepted,
        &ctx(&guide),
        &desk,
        "科长",
        at(0, 11),
        DeskAction::Assign { to: "王".into() },
    )
    .unwrap()
    .case;
    let offers = by("王", &held);
    assert_eq!(
        kinds(&offers),
        ["complete:a", "complete:b", "reassign"],
        "{offers:?}"
    );
    let OfferedAction::Reassign { to } = &offers[2].action else {
        panic!("{offers:?}");
    };
    assert_eq!(to, &["赵"]);
    assert!(kinds(&by("赵", &held)).is_empty());
}

#[test]
fn a_sign_off_step_is_offered_to_each_signer_with_its_standing() {
    let guide = guide(false);
    let desk = workflow();
    let mut case = run(&received(false), &guide, at(0, 10), Action::Accept);
    case.holder = Some("王".into());
    for (hour, action) in [
        (11, complete("a")),
        (
            12,
            Action::StartSpecialStage {
                stage: "S1".into(),
                override_reason: None,
            },
        ),
        (13, Action::EndSpecialStage),
        (14, complete("b")),
    ] {
        case = run(&case, &guide, at(0, hour), action);
    }
    let signer = |actor: &'static str, case: &Case| {
        let acting = OfferContext {
            actor,
            at: at(0, 15),
            desk: Some(&desk),
        };
        offered_actions(case, &ctx(&guide), &acting)
    };
    let offers = signer("周", &case);
    let sign = offers
        .iter()
        .find(|o| key(&o.action) == "complete:check")
        .expect("周 signs");
    let OfferedAction::CompleteStep { sign_off, .. } = &sign.action else {
        panic!()
    };
    assert_eq!(sign_off.as_ref().unwrap().signed, Vec::<String>::new());
    let signed = apply_as(
        &case,
        &ctx(&guide),
        &desk,
        "周",
        at(0, 15),
        sign.probe.clone(),
    )
    .unwrap()
    .case;
    // 周 has signed: no more for 周, still for 李.
    assert!(!kinds(&signer("周", &signed)).contains(&"complete:check".to_owned()));
    assert!(kinds(&signer("李", &signed)).contains(&"complete:check".to_owned()));
}

fn any_action() -> impl Strategy<Value = Action> {
    let step = prop_oneof![
        Just("a"),
        Just("b"),
        Just("survey"),
        Just("check"),
        Just("decide"),
        Just("nope")
    ];
    let material = prop_oneof![Just("M1"), Just("M2"), Just("M9")];
    prop_oneof![
        Just(Action::Accept),
        (material, any::<bool>()).prop_map(|(m, reason)| Action::RequestCorrection {
            items: vec![CorrectionItem {
                material_id: m.into(),
                problem: "缺".into(),
                paper: false,
            }],
            second_notice_reason: reason.then(|| "理由".into()),
        }),
        Just(Action::RejectAtAcceptance {
            reason: "不符".into(),
            legal_basis: "法".into(),
        }),
        step.clone().prop_map(complete),
        step.prop_map(|s| Action::ReturnToStep {
            step: s.into(),
            reason: "退回".into(),
        }),
        Just(Action::StartSpecialStage {
            stage: "S1".into(),
            override_reason: None
        }),
        Just(Action::EndSpecialStage),
        any::<bool>().prop_map(|ok| Action::Decide {
            outcome: if ok {
                Outcome::Approved
            } else {
                Outcome::Rejected
            },
            opinion: "意见".into(),
        }),
        (1u32..48).prop_map(|h| Action::StartPublicNotice {
            until: at(0, 0) + TimeDelta::hours(i64::from(h)),
        }),
        Just(Action::EndPublicNotice),
        Just(Action::PrepareResult),
        Just(Action::PushResult),
        Just(Action::DeliverPaper),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever state random work leaves a case in: every offered action
    /// applies, and an action the engine accepts is always offered — so
    /// an action not offered is one the engine refuses.
    #[test]
    fn offers_are_exactly_what_the_engine_accepts(
        notice in any::<bool>(),
        work in proptest::collection::vec((any_action(), 0u32..3), 0..14),
        probes in proptest::collection::vec(any_action(), 1..10),
    ) {
        let guide = guide(notice);
        let mut case = received(notice);
        let mut when = at(0, 9);
        for (action, hours) in work {
            when += TimeDelta::hours(i64::from(hours) + 1);
            if let Ok(applied) = apply(&case, &ctx(&guide), "王", when, action) {
                case = applied.case;
            }
        }
        when += TimeDelta::hours(1);
        let acting = OfferContext { actor: "王", at: when, desk: None };
        let offers = offered_actions(&case, &ctx(&guide), &acting);
        for offer in &offers {
            prop_assert!(
                dry_run(&case, &ctx(&guide), &acting, &offer.probe).is_ok(),
                "offered but refused: {:?}", offer
            );
        }
        let offered: BTreeSet<String> = offers.iter().map(|o| key(&o.action)).collect();
        for probe in probes {
            let Some(key) = key_of(&probe) else { continue };
            // A public notice is offered only where the item needs one.
            if !notice && key.ends_with("_notice") {
                continue;
            }
            let allowed = apply(&case, &ctx(&guide), "王", when, probe.clone()).is_ok();
            if allowed {
                prop_assert!(offered.contains(&key), "accepted but not offered: {probe:?} in {:?}", case.state);
            }
            if !offered.contains(&key) {
                prop_assert!(!allowed, "not offered yet accepted: {probe:?}");
            }
        }
    }
}
