//! The effect of each exemption filing (备案) on a case, before and after
//! the manager's approval, through the case engine (Art 9, 11, 12, 17).

// Test helpers may panic: a panic here is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::Path;

use approval_core::bundle::{BundleInstance, MemberDecisions, Outcome, Outcomes};
use approval_core::calendar::WorkingCalendar;
use approval_core::case::{
    apply, receive, stage_filing_revoked, Action, Applicant, Applied, BundleContext, Case,
    CaseContext, CaseError, CaseState, CorrectionItem, EventKind, Transfer, Violation,
};
use approval_core::clock::rules::result_push_deadline;
use approval_core::clock::DeadlineOptions;
use approval_core::exchange::read_bundle_file;
use approval_core::filing::{Filing, FilingLedger, FilingSubject, SerialGround};
use approval_core::guide::{GuideHistory, GuideVersion, ServiceItem};
use approval_desk_tests::{beijing, guide_file, published_history, shipped_calendar};

/// No member of the bundle has decided yet: no serial wait has ended.
static NO_DECISIONS: MemberDecisions = MemberDecisions::new();

const PERMIT: &str = "610122-ZJ-XK-0001";
const FOOD: &str = "610122-SCJG-XK-0001";
const FIRE: &str = "610122-XF-XK-0001";
const ENV: &str = "610122-STHJ-BA-0001";

fn transfer(number: &str, item: &str, bundle: Option<&str>) -> Transfer {
    Transfer {
        case_number: number.into(),
        item_code: item.into(),
        applicant: Applicant {
            name: "某建设单位".into(),
            id_type: "统一社会信用代码".into(),
            id_number: "1".into(),
            phone: String::new(),
        },
        window_unit: "蓝田县政务服务中心".into(),
        received_at: beijing("2026-11-02 09:00"),
        materials: vec![],
        bundle_instance: bundle.map(Into::into),
    }
}

/// Filing `id` submitted by an officer and, if `approved_at`, approved by a manager.
fn ledger_with(id: &str, subject: FilingSubject, approved_at: Option<&str>) -> FilingLedger {
    let mut ledger = FilingLedger::new();
    ledger
        .insert(Filing::draft(
            id,
            "住房和城乡建设局",
            "officer",
            subject,
            Vec::new(),
            None,
        ))
        .unwrap();
    ledger
        .transition(id, "officer", beijing("2026-10-01 09:00"), |f| {
            f.submit("officer", beijing("2026-10-01 09:00"))
        })
        .unwrap();
    if let Some(at) = approved_at {
        ledger
            .approve_with_replacement(id, "manager", beijing(at), "同意")
            .unwrap();
    }
    ledger
}

fn revoke(ledger: &mut FilingLedger, id: &str, at: &str) {
    ledger
        .transition(id, "manager", beijing(at), |f| {
            f.revoke("manager", beijing(at), "情况变化")
        })
        .unwrap();
}

struct Desk {
    calendar: WorkingCalendar,
    guide: GuideVersion,
}

impl Desk {
    fn new(name: &str) -> Self {
        let history = published_history(&guide_file(name));
        Self {
            calendar: shipped_calendar(),
            guide: history.latest_published().unwrap().clone(),
        }
    }

    fn act(
        &self,
        case: &Case,
        filings: &FilingLedger,
        at: &str,
        action: Action,
    ) -> Result<Applied, CaseError> {
        let ctx = CaseContext {
            guide: &self.guide,
            calendar: &self.calendar,
            options: DeadlineOptions::default(),
            bundle: None,
            filings: Some(filings),
        };
        apply(case, &ctx, "officer", beijing(at), action)
    }

    fn ok(&self, case: &Case, filings: &FilingLedger, at: &str, action: Action) -> Case {
        self.act(case, filings, at, action).unwrap().case
    }

    fn received(&self, number: &str) -> Case {
        let mut history = GuideHistory::default();
        let item = ServiceItem::new(self.guide.item.clone());
        history.start_draft(&item).unwrap();
        history
            .edit_draft(self.guide.item.clone(), self.guide.content.clone())
            .unwrap();
        history
            .publish(
                &item,
                beijing("2026-01-01 00:00"),
                beijing("2025-12-01 09:00"),
                "editor",
            )
            .unwrap();
        receive(
            transfer(number, &self.guide.item.code, None),
            Some(&history),
        )
        .unwrap()
        .case
    }
}

fn expert_stage() -> Action {
    Action::StartSpecialStage {
        stage: "S01".into(),
        override_reason: None,
    }
}

/// The permit case with 技术审查 done, so the expert review (专家论证) is next.
fn permit_at_expert_review(desk: &Desk, filings: &FilingLedger) -> Case {
    let case = desk.received("P1");
    let case = desk.ok(&case, filings, "2026-11-02 10:00", Action::Accept);
    let case = desk.ok(
        &case,
        filings,
        "2026-11-02 11:00",
        Action::CompleteStep {
            step: "accept".into(),
            opinion: "受理".into(),
        },
    );
    desk.ok(
        &case,
        filings,
        "2026-11-02 15:00",
        Action::CompleteStep {
            step: "technical".into(),
            opinion: "技术审查通过".into(),
        },
    )
}

fn stage_filing() -> FilingSubject {
    FilingSubject::SpecialStage {
        item_code: PERMIT.into(),
        stage_id: "S01".into(),
        why_duration_cannot_be_stated: "省级专家库组织论证，时间由专家库安排".into(),
    }
}

#[test]
fn art11_a_stage_without_a_stated_duration_pauses_only_under_an_approved_filing() {
    let desk = Desk::new("construction-works-permit.json");
    // The guide names filing TSHJ-2026-0012 for the expert review.
    const FILING: &str = "TSHJ-2026-0012";
    let before = ledger_with(FILING, stage_filing(), None);
    let case = permit_at_expert_review(&desk, &before);
    let refused = desk.act(&case, &before, "2026-11-03 09:00", expert_stage());
    assert!(
        matches!(refused, Err(CaseError::StageFilingNotInEffect { .. })),
        "{refused:?}"
    );

    let mut after = ledger_with(FILING, stage_filing(), Some("2026-10-10 09:00"));
    let paused = desk
        .act(&case, &after, "2026-11-03 09:00", expert_stage())
        .unwrap();
    assert!(paused.case.pauses.iter().any(|p| p.end.is_none()));

    // A revocation undoes the effect from then on, not backwards.
    revoke(&mut after, FILING, "2026-11-10 09:00");
    assert!(desk
        .act(&case, &after, "2026-11-03 09:00", expert_stage())
        .is_ok());
    assert!(matches!(
        desk.act(&case, &after, "2026-11-11 09:00", expert_stage()),
        Err(CaseError::StageFilingNotInEffect { .. })
    ));
}

/// Art 11, settled in docs/decisions/0015: a revoked filing ends the pause
/// of a stage still running on it at the revocation; the time from then on
/// counts, whether the sweep of the revocation records it or the stage's
/// end does.
#[test]
fn art11_a_revoked_stage_filing_ends_its_pause_from_the_revocation_on() {
    let desk = Desk::new("construction-works-permit.json");
    const FILING: &str = "TSHJ-2026-0012";
    let mut ledger = ledger_with(FILING, stage_filing(), Some("2026-10-10 09:00"));
    let case = permit_at_expert_review(&desk, &ledger);
    let running = desk.ok(&case, &ledger, "2026-11-03 09:00", expert_stage());
    assert_eq!(stage_filing_revoked(&running, &desk.guide, &ledger), None);

    revoke(&mut ledger, FILING, "2026-11-10 09:00");
    // The revocation's own unit of work ends the pause at once …
    let swept = stage_filing_revoked(&running, &desk.guide, &ledger).unwrap();
    let pause = swept.case.pauses.last().unwrap();
    assert_eq!(pause.end, Some(beijing("2026-11-10 09:00")));
    assert!(matches!(
        swept.events[0].kind,
        EventKind::StagePauseEndedByRevocation { .. }
    ));
    assert!(matches!(swept.case.state, CaseState::SpecialStage { .. }));
    // … and the stage's end later does not stretch it again.
    let ended = desk.ok(
        &swept.case,
        &ledger,
        "2026-11-20 17:00",
        Action::EndSpecialStage,
    );
    assert_eq!(
        ended.pauses.last().unwrap().end,
        Some(beijing("2026-11-10 09:00"))
    );
    // Without the sweep, the stage's end stops the pause at the revocation.
    let ended = desk.ok(
        &running,
        &ledger,
        "2026-11-20 17:00",
        Action::EndSpecialStage,
    );
    assert_eq!(
        ended.pauses.last().unwrap().end,
        Some(beijing("2026-11-10 09:00"))
    );
}

#[test]
fn art9_drawings_are_asked_on_paper_only_under_an_approved_paper_filing() {
    let desk = Desk::new("construction-works-permit.json");
    let paper = |ledger: &FilingLedger| {
        let case = desk.received("P2");
        desk.act(
            &case,
            ledger,
            "2026-11-02 15:00",
            Action::RequestCorrection {
                items: vec![CorrectionItem {
                    material_id: "M08".into(),
                    problem: "请提交纸质施工图".into(),
                    paper: true,
                }],
                second_notice_reason: None,
            },
        )
    };
    let subject = FilingSubject::PaperMaterials {
        item_code: PERMIT.into(),
        material_id: "M08".into(),
        why_scanning_cannot_serve: "工程图纸幅面大，扫描件无法审查".into(),
    };
    let refused = paper(&ledger_with("ZZBA-2026-0003", subject.clone(), None));
    assert_eq!(
        refused,
        Err(CaseError::PaperNotAllowed {
            material_id: "M08".into()
        })
    );
    assert!(paper(&ledger_with(
        "ZZBA-2026-0003",
        subject,
        Some("2026-10-10 09:00")
    ))
    .is_ok());
}

#[test]
fn art12_an_approved_result_delay_moves_the_paper_delivery_deadline() {
    let desk = Desk::new("pollutant-discharge-registration.json");
    let case = desk.received("E1");
    let none = FilingLedger::new();
    let case = desk.ok(&case, &none, "2026-11-02 10:00", Action::Accept);
    let case = desk.ok(
        &case,
        &none,
        "2026-11-02 11:00",
        Action::Decide {
            outcome: Outcome::Approved,
            opinion: "予以备案".into(),
        },
    );
    let case = desk.ok(&case, &none, "2026-11-02 12:00", Action::PrepareResult);
    let case = desk.ok(&case, &none, "2026-11-02 13:00", Action::PushResult);
    // Decided Monday 2 Nov: paper is due by 24:00 on Thursday 5 Nov.
    let standard = result_push_deadline(
        &desk.calendar,
        beijing("2026-11-02 11:00"),
        DeadlineOptions::default(),
    )
    .unwrap()
    .due;
    let late = desk
        .act(&case, &none, "2026-11-09 10:00", Action::DeliverPaper)
        .unwrap();
    assert!(late.events.iter().any(|e| matches!(&e.kind, EventKind::Violation(Violation::LatePaperDelivery { deadline }) if *deadline == standard)));

    let delay = FilingSubject::ResultDelay {
        case_number: "E1".into(),
        reason: "证照需由市局统一制作".into(),
        new_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 10).unwrap(),
        result_deadline: standard,
    };
    let mut approved = FilingLedger::new();
    approved
        .insert(Filing::draft(
            "F9",
            "生态环境局",
            "officer",
            delay,
            Vec::new(),
            None,
        ))
        .unwrap();
    approved
        .transition("F9", "officer", beijing("2026-11-03 09:00"), |f| {
            f.submit("officer", beijing("2026-11-03 09:00"))
        })
        .unwrap();
    let pending = desk
        .act(&case, &approved, "2026-11-09 10:00", Action::DeliverPaper)
        .unwrap();
    assert!(
        pending.events.iter().any(|e| matches!(
            e.kind,
            EventKind::Violation(Violation::LatePaperDelivery { .. })
        )),
        "a submitted delay is not yet approved"
    );
    approved
        .approve_with_replacement("F9", "manager", beijing("2026-11-04 09:00"), "同意")
        .unwrap();
    let on_time = desk
        .act(&case, &approved, "2026-11-09 10:00", Action::DeliverPaper)
        .unwrap();
    assert!(
        !on_time
            .events
            .iter()
            .any(|e| matches!(e.kind, EventKind::Violation(_))),
        "{:?}",
        on_time.events
    );
}

#[test]
fn art17_an_approved_serial_filing_makes_the_dependent_wait_for_its_prerequisite() {
    let food = published_history(&guide_file("food-business-licence.json"));
    let guides = [
        ("food-business-licence.json", FOOD),
        ("fire-safety-inspection.json", FIRE),
        ("pollutant-discharge-registration.json", ENV),
    ]
    .into_iter()
    .map(|(name, code)| {
        (
            code.to_owned(),
            published_history(&guide_file(name))
                .latest_published()
                .unwrap()
                .clone(),
        )
    })
    .collect();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/bundles/open-restaurant.json");
    let bundle = read_bundle_file(&std::fs::read_to_string(path).unwrap(), &guides)
        .accepted()
        .unwrap()
        .bundle;
    let cases = BTreeMap::from([
        (FOOD.to_owned(), "B-FOOD".to_owned()),
        (FIRE.to_owned(), "B-FIRE".to_owned()),
        (ENV.to_owned(), "B-ENV".to_owned()),
    ]);
    let outcomes: Outcomes = BTreeMap::from([
        (FOOD.to_owned(), None),
        (FIRE.to_owned(), None),
        (ENV.to_owned(), None),
    ]);
    let calendar = shipped_calendar();
    let guide = food.latest_published().unwrap();

    let decide_food = |ledger: &FilingLedger, at: &str| {
        let mut instance = BundleInstance::new("BI-1", bundle.clone(), cases.clone()).unwrap();
        ledger.apply_serial(&mut instance, beijing(at));
        let ctx = CaseContext {
            guide,
            calendar: &calendar,
            options: DeadlineOptions::default(),
            bundle: Some(BundleContext {
                instance: &instance,
                outcomes: &outcomes,
                decisions: &NO_DECISIONS,
            }),
            filings: Some(ledger),
        };
        let mut case = receive(transfer("B-FOOD", FOOD, Some("BI-1")), Some(&food))
            .unwrap()
            .case;
        for (when, action) in [
            ("2026-11-02 10:00", Action::Accept),
            (
                "2026-11-02 11:00",
                Action::CompleteStep {
                    step: "accept".into(),
                    opinion: "受理".into(),
                },
            ),
            (
                "2026-11-03 11:00",
                Action::CompleteStep {
                    step: "review".into(),
                    opinion: "符合".into(),
                },
            ),
            (
                "2026-11-04 09:00",
                Action::StartSpecialStage {
                    stage: "S01".into(),
                    override_reason: None,
                },
            ),
            ("2026-11-05 17:00", Action::EndSpecialStage),
            (
                "2026-11-06 10:00",
                Action::CompleteStep {
                    step: "check".into(),
                    opinion: "通过".into(),
                },
            ),
        ] {
            case = apply(&case, &ctx, "officer", beijing(when), action)
                .unwrap()
                .case;
        }
        apply(
            &case,
            &ctx,
            "officer",
            beijing(at),
            Action::Decide {
                outcome: Outcome::Approved,
                opinion: "准予".into(),
            },
        )
    };
    let serial = FilingSubject::SerialApproval {
        bundle_code: bundle.code.clone(),
        prerequisite: FIRE.into(),
        dependent: FOOD.into(),
        ground: SerialGround::ReviewCannotStart,
        explanation: "消防检查不合格则经营场所不能使用，食品经营许可审查无法开展".into(),
    };
    let before = ledger_with("F1", serial.clone(), None);
    assert!(
        decide_food(&before, "2026-11-06 15:00").is_ok(),
        "tolerance: the dependent decides at once"
    );
    let mut after = ledger_with("F1", serial, Some("2026-11-01 09:00"));
    assert!(matches!(
        decide_food(&after, "2026-11-06 15:00"),
        Err(CaseError::DecisionBlocked(_))
    ));
    revoke(&mut after, "F1", "2026-11-06 16:00");
    assert!(
        decide_food(&after, "2026-11-06 17:00").is_ok(),
        "revoked: back to the tolerance mechanism"
    );
}
