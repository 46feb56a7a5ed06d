#![allow(clippy::unwrap_used, clippy::expect_used)]

use approval_core::access::{Role, Scope};
use approval_core::error_code::ErrorCode;

use super::scenarios::{self, march, officer, OFFICER};
use super::*;
use crate::testing::{desk, grant, MARKET};
use crate::views::case::{OfferedKindView, ResultParticulars, SealKeyRequest, SealResultRequest};

const NUMBER: &str = "SX2026-000201";

fn kinds(view: &CaseView) -> Vec<String> {
    view.offered
        .iter()
        .map(|o| {
            serde_json::to_value(&o.action).unwrap()["kind"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

fn request(version: u64, action: CaseActionKind) -> CaseActionRequest {
    CaseActionRequest {
        number: NUMBER.into(),
        expected_version: version,
        action,
    }
}

#[tokio::test]
async fn a_received_case_shows_its_materials_chart_clock_and_what_may_be_done() {
    let (_dir, desk) = desk().await;
    scenarios::received(&desk, NUMBER).await;
    let view = case_view(&desk, &officer(), NUMBER, march(2, 9))
        .await
        .unwrap();
    assert_eq!(view.state, "received");
    assert_eq!(view.item.code, scenarios::FOOD_ITEM);
    assert_eq!(view.applicant.kind.as_deref(), Some("legal_person"));
    assert_eq!(
        kinds(&view),
        ["request_correction", "accept", "refuse_acceptance"]
    );
    let OfferedKindView::RequestCorrection { materials } = &view.offered[0].action else {
        panic!("{:?}", view.offered);
    };
    // The bound guide's materials, and only those (Art 7).
    assert_eq!(materials.len(), 6);
    assert_eq!(materials[0].id, "M01");
    // The PDF form is kept and checked: unsigned. The paper licence has no file.
    let pdf = &view.materials[0];
    assert!(pdf.has_file && pdf.in_guide);
    let seal = serde_json::to_value(pdf.seal.as_ref().unwrap()).unwrap();
    assert_eq!(seal["verdict"], "unsigned");
    assert_eq!(view.materials[1].form, "paper");
    assert!(!view.materials[1].has_file);
    // The chart: the public layout, the start is where the case stands.
    assert_eq!(view.flowchart.nodes.len(), 7);
    let status: Vec<_> = view
        .flowchart
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), n.status.as_str(), n.special))
        .collect();
    assert_eq!(status[0], ("receive", "current", false));
    assert!(status.contains(&("survey", "pending", true)));
    assert!(view.flowchart.width > 0.0 && !view.flowchart.edges.is_empty());
    // The acceptance clock (Art 10): one working day, explained.
    assert_eq!(view.clocks.len(), 1);
    let clock = &view.clocks[0];
    assert_eq!(clock.kind, "acceptance");
    assert_eq!(clock.timeliness.as_deref(), Some("on_time"));
    assert!(!clock.explanation.days.is_empty());
    assert!(view.result.is_none() && view.bundle.is_none());
}

#[tokio::test]
async fn acting_maps_onto_the_rules_and_a_refusal_keeps_its_code_and_chinese_message() {
    let (_dir, desk) = desk().await;
    scenarios::received(&desk, NUMBER).await;
    let seen = case_view(&desk, &officer(), NUMBER, march(2, 9))
        .await
        .unwrap();
    let accepted = case_act(
        &desk,
        &officer(),
        request(seen.version, CaseActionKind::Accept),
        march(2, 10),
    )
    .await
    .unwrap();
    assert_eq!(accepted.state, "in_review");
    assert_eq!(accepted.version, seen.version + 1);
    assert_eq!(accepted.history.len(), 1);
    assert_eq!(accepted.history[0].action, "case.accept");
    assert_eq!(accepted.history[0].events, ["accepted"]);
    assert!(kinds(&accepted).contains(&"complete_step".to_owned()));

    // The officer acted on what they saw: the old version is refused.
    let stale = case_act(
        &desk,
        &officer(),
        request(seen.version, CaseActionKind::Accept),
        march(2, 11),
    )
    .await
    .unwrap_err();
    assert_eq!(stale.code, ErrorCode::CaseChanged);

    // A decision before the steps: the engine's refusal, in Chinese.
    let early = case_act(
        &desk,
        &officer(),
        request(
            accepted.version,
            CaseActionKind::Decide {
                outcome: "approved".into(),
                opinion: "准予".into(),
            },
        ),
        march(2, 11),
    )
    .await
    .unwrap_err();
    assert_eq!(early.code, ErrorCode::CaseStepNotReady);
    assert!(early.message.starts_with("办件SX2026-000201"), "{early:?}");
    let bad = desk_action(&CaseActionKind::Decide {
        outcome: "maybe".into(),
        opinion: "?".into(),
    })
    .unwrap_err();
    assert_eq!(bad.field.as_deref(), Some("outcome"));
    let until = desk_action(&CaseActionKind::StartPublicNotice {
        until: "2026-03-20".into(),
    })
    .unwrap();
    let DeskAction::Case(Action::StartPublicNotice { until }) = until else {
        panic!()
    };
    assert_eq!(until.to_rfc3339(), "2026-03-21T00:00:00+08:00");
}

#[tokio::test]
async fn a_running_special_stage_pauses_the_clock_and_is_marked_on_the_chart() {
    let (_dir, desk) = desk().await;
    scenarios::received(&desk, NUMBER).await;
    scenarios::in_survey(&desk, NUMBER).await;
    let view = case_view(&desk, &officer(), NUMBER, march(4, 15))
        .await
        .unwrap();
    assert_eq!(view.state, "special_stage");
    assert_eq!(view.special_stage.as_deref(), Some("S01"));
    assert_eq!(kinds(&view), ["end_special_stage"]);
    let survey = view
        .flowchart
        .nodes
        .iter()
        .find(|n| n.id == "survey")
        .unwrap();
    assert_eq!((survey.status.as_str(), survey.special), ("current", true));
    assert_eq!(view.pauses.len(), 1);
    assert!(view.pauses[0].end.is_none());
    assert!(
        view.pauses[0].reason.contains("现场核查"),
        "{:?}",
        view.pauses
    );
    let clock = &view.clocks[0];
    assert_eq!(clock.kind, "processing");
    // Suspended while the stage runs (Art 11).
    assert!(clock.due.is_none());
    assert_eq!(clock.pauses.len(), 1);
    assert_eq!(view.history.len(), 4);
}

#[tokio::test]
async fn a_decided_case_shows_its_result_its_letter_and_its_push() {
    let (_dir, desk) = desk().await;
    scenarios::received(&desk, NUMBER).await;
    scenarios::in_survey(&desk, NUMBER).await;
    scenarios::approved(&desk, NUMBER).await;
    let unsealed = result_preview(&desk, &officer(), NUMBER, None)
        .await
        .unwrap();
    assert!(unsealed.bytes.starts_with(b"%PDF"));
    assert!(unsealed.file_name.contains("未签章"));
    scenarios::sealed(&desk, NUMBER).await;
    let view = case_view(&desk, &officer(), NUMBER, march(6, 12))
        .await
        .unwrap();
    assert_eq!(view.state, "result_ready");
    let result = view.result.as_ref().unwrap();
    assert_eq!(result.outcome.as_deref(), Some("approved"));
    assert!(result.document.is_some());
    assert!(kinds(&view).contains(&"push_result".to_owned()));
    assert_eq!(view.clocks.last().unwrap().kind, "result_push");
    let kept = result_preview(&desk, &officer(), NUMBER, None)
        .await
        .unwrap();
    assert_eq!(kept.file_name, format!("{NUMBER}-决定书.pdf"));
    assert_eq!(approval_esign::signature_count(&kept.bytes).unwrap(), 1);
    let decide = view
        .flowchart
        .nodes
        .iter()
        .find(|n| n.id == "decide")
        .unwrap();
    assert_eq!(decide.status, "done");

    let tracked = record_tracking(&desk, &officer(), NUMBER, "EA123456789CN", march(6, 13))
        .await
        .unwrap();
    assert_eq!(
        tracked.result.unwrap().tracking_number.as_deref(),
        Some("EA123456789CN")
    );
    let bad = record_tracking(&desk, &officer(), NUMBER, "单号", march(6, 13))
        .await
        .unwrap_err();
    assert_eq!(bad.field.as_deref(), Some("trackingNumber"));
}

#[tokio::test]
async fn the_correction_notice_is_previewed_from_the_bound_guide_only() {
    let (_dir, desk) = desk().await;
    scenarios::received(&desk, NUMBER).await;
    let lines = [CorrectionLineView {
        material: "M02".into(),
        note: "营业执照复印件模糊，请提供清晰的复印件".into(),
        paper: false,
    }];
    let pdf = correction_notice_preview(&desk, &officer(), NUMBER, &lines, march(2, 10))
        .await
        .unwrap();
    assert!(pdf.bytes.starts_with(b"%PDF"));
    let outside = [CorrectionLineView {
        material: "M99".into(),
        note: "补充".into(),
        paper: false,
    }];
    let refused = correction_notice_preview(&desk, &officer(), NUMBER, &outside, march(2, 10))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::CaseMaterialOutsideGuide);
    assert_eq!(refused.field.as_deref(), Some("items[0].material"));
    let empty = correction_notice_preview(&desk, &officer(), NUMBER, &[], march(2, 10))
        .await
        .unwrap_err();
    assert_eq!(empty.field.as_deref(), Some("items"));
}

#[tokio::test]
async fn a_material_opens_by_its_index() {
    let (_dir, desk) = desk().await;
    scenarios::received(&desk, NUMBER).await;
    let file = case_material(&desk, &officer(), NUMBER, 0).await.unwrap();
    assert_eq!(file.file_name, "申请书.pdf");
    assert!(file.bytes.starts_with(b"%PDF"));
    let none = case_material(&desk, &officer(), NUMBER, 1)
        .await
        .unwrap_err();
    assert_eq!(none.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn without_the_grant_to_act_nothing_is_offered_and_strangers_see_nothing() {
    let (_dir, desk) = desk().await;
    scenarios::received(&desk, NUMBER).await;
    grant(
        &desk,
        OFFICER,
        Role::Officer,
        Scope::Department(MARKET.into()),
    )
    .await;
    grant(
        &desk,
        "科长",
        Role::Manager,
        Scope::Department(MARKET.into()),
    )
    .await;
    let officer_view = case_view(&desk, &officer(), NUMBER, march(2, 9))
        .await
        .unwrap();
    assert!(!officer_view.offered.is_empty());
    let viewer = case_view(&desk, &Actor::new("科长"), NUMBER, march(2, 9))
        .await
        .unwrap();
    assert!(viewer.offered.is_empty(), "{:?}", viewer.offered);
    let stranger = case_view(&desk, &Actor::new("路人"), NUMBER, march(2, 9))
        .await
        .unwrap_err();
    assert_eq!(stranger.code, ErrorCode::AccessNoRole);
}

#[tokio::test]
async fn sealing_names_the_key_field_at_fault_and_never_prints_the_pin() {
    let (_dir, desk) = desk().await;
    scenarios::received(&desk, NUMBER).await;
    let particulars = ResultParticulars {
        document_number: "蓝市监许〔2026〕12号".into(),
        review_body: "蓝田县人民政府".into(),
        court: "蓝田县人民法院".into(),
        verification_url: None,
    };
    let token = SealKeyRequest::Pkcs11 {
        module: "/nonexistent/pkcs11.so".into(),
        token: "USB".into(),
        key_label: "seal".into(),
        pin: "123456".into(),
        chain_path: None,
    };
    assert!(!format!("{token:?}").contains("123456"));
    let cases = [
        (
            SealKeyRequest::Pkcs12 {
                path: "/nonexistent/seal.p12".into(),
                keyring_entry: "approval-desk/seal".into(),
            },
            "key.path",
        ),
        (
            SealKeyRequest::Pkcs12 {
                path: "/nonexistent/seal.p12".into(),
                keyring_entry: "no-slash".into(),
            },
            "key.keyringEntry",
        ),
    ];
    for (key, field) in cases {
        let refused = seal_result(
            &desk,
            &officer(),
            SealResultRequest {
                number: NUMBER.into(),
                particulars: particulars.clone(),
                key,
            },
            march(2, 10),
        )
        .await
        .unwrap_err();
        assert_eq!(refused.field.as_deref(), Some(field), "{refused:?}");
    }
    let refused = seal_result(
        &desk,
        &officer(),
        SealResultRequest {
            number: NUMBER.into(),
            particulars,
            key: token,
        },
        march(2, 10),
    )
    .await
    .unwrap_err();
    assert_eq!(refused.code, ErrorCode::SealFailed);
    assert!(!refused.message.contains("123456"));
}

#[tokio::test]
async fn the_bundle_view_shows_each_item_its_state_and_what_its_result_waits_on() {
    let (_dir, desk) = desk().await;
    let numbers = ["SX2026-000301", "SX2026-000302", "SX2026-000303"];
    scenarios::bundle(&desk, numbers).await;
    scenarios::in_survey(&desk, numbers[0]).await;
    scenarios::approved(&desk, numbers[0]).await;
    let view = bundle_view(&desk, &officer(), numbers[0], march(6, 12))
        .await
        .unwrap();
    assert_eq!(view.name, "开办餐馆");
    assert_eq!(view.nodes.len(), 3);
    let food = &view.nodes[0];
    assert_eq!(food.state.as_deref(), Some("decided"));
    assert_eq!(food.gate, "withheld");
    assert_eq!(food.waiting_on[0].item_code, scenarios::FIRE_ITEM);
    assert_eq!(food.waiting_on[0].reason, "pending");
    assert_eq!(food.layer, 1);
    let fire = &view.nodes[1];
    assert_eq!((fire.gate.as_str(), fire.layer), ("not_decided", 0));
    assert_eq!(view.edges.len(), 1);
    assert!(!view.edges[0].serial);
    let case = case_view(&desk, &officer(), numbers[0], march(6, 12))
        .await
        .unwrap();
    assert_eq!(case.bundle.unwrap().id, "BI-2026-0001");
    let alone = {
        let (_d, other) = crate::testing::desk().await;
        scenarios::received(&other, NUMBER).await;
        bundle_view(&other, &officer(), NUMBER, march(2, 9))
            .await
            .unwrap_err()
    };
    assert_eq!(alone.code, ErrorCode::NotFound);
}
