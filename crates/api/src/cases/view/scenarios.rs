//! Cases worked to where the case view's tests and the UI's fixtures need
//! them, through the real use cases, at fixed instants.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use approval_core::case::{
    Action, Applicant, DeskAction, SubmittedForm, SubmittedMaterial, Transfer,
};
use approval_core::china_time::CHINA_STANDARD_TIME;
use approval_store::{MaterialFile, PulledTransfer};
use chrono::{DateTime, FixedOffset, TimeZone};
use sha2::{Digest, Sha256};

use crate::bundles::{check_bundle_file, guide_file_as_version, import_bundle, MemberGuides};
use crate::cases::{act_on_case, receive_transfers, CaseActRequest};
use crate::exchange::{seal_result_document, ResultSealing};
use crate::guides::check_guide_file;
use crate::results::{discover_font, KeyKind, TestSeal, VisibleSeal};
use crate::testing::{publish, FIRE, FOOD, MARKET, POLLUTANT};
use crate::{Actor, Desk};

pub const FOOD_ITEM: &str = "610122-SCJG-XK-0001";
pub const FIRE_ITEM: &str = "610122-XF-XK-0001";
pub const POLLUTANT_ITEM: &str = "610122-STHJ-BA-0001";
pub const OFFICER: &str = "李审批";
const RESTAURANT: &str = include_str!("../../../../../tests/fixtures/bundles/open-restaurant.json");

/// `hour`:00 Beijing time on 2026-03-`day`.
pub fn march(day: u32, hour: u32) -> DateTime<FixedOffset> {
    CHINA_STANDARD_TIME
        .with_ymd_and_hms(2026, 3, day, hour, 0, 0)
        .single()
        .unwrap()
}

pub fn officer() -> Actor {
    Actor::new(OFFICER)
}

fn transfer(number: &str, item: &str, bundle: Option<&str>) -> Transfer {
    Transfer {
        case_number: number.into(),
        item_code: item.into(),
        applicant: Applicant {
            name: "蓝田县味道餐饮店".into(),
            id_type: "统一社会信用代码".into(),
            id_number: "91350100M000100Y43".into(),
            phone: "029-82712345".into(),
        },
        window_unit: "蓝田县政务服务中心".into(),
        received_at: march(2, 9),
        materials: vec![
            SubmittedMaterial {
                name: "食品经营许可申请书".into(),
                material_id: Some("M01".into()),
                form: SubmittedForm::Electronic {
                    file_name: "申请书.pdf".into(),
                    sealed: false,
                },
            },
            SubmittedMaterial {
                name: "营业执照".into(),
                material_id: Some("M02".into()),
                form: SubmittedForm::Paper,
            },
        ],
        bundle_instance: bundle.map(str::to_owned),
    }
}

/// A food licence case received on 2026-03-02 09:00, its application
/// form kept as an (unsealed) PDF.
pub async fn received(desk: &Desk, number: &str) {
    publish(desk, FOOD).await;
    receive_transfers(desk, &officer(), vec![transfer(number, FOOD_ITEM, None)])
        .await
        .unwrap();
    keep_file(
        desk,
        number,
        "申请书.pdf",
        &crate::testing::one_page_letter(),
    )
    .await;
}

/// Keeps `bytes` as material 0's file of case `number`.
pub async fn keep_file(desk: &Desk, number: &str, name: &str, bytes: &[u8]) {
    let sha256: String = Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut tx = desk.db().write().await.unwrap();
    tx.insert_pulled_transfer(
        &PulledTransfer {
            case_number: number.into(),
            // One feed entry per case: its number's digits.
            feed_seq: number
                .chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .unwrap(),
            body: serde_json::json!({}),
            pulled_at: march(2, 9),
            stored_at: Some(march(2, 9)),
            refusal: None,
        },
        &[MaterialFile {
            position: 0,
            material_name: "食品经营许可申请书".into(),
            file_name: name.into(),
            media_type: "application/pdf".into(),
            sha256,
            content: bytes.to_vec(),
        }],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

/// Does `action` to case `number` at `at` as the officer.
pub async fn act(desk: &Desk, number: &str, at: DateTime<FixedOffset>, action: Action) {
    act_on_case(
        desk,
        &officer(),
        at,
        CaseActRequest {
            number: number.into(),
            action: DeskAction::Case(action),
            expected_version: None,
        },
    )
    .await
    .unwrap_or_else(|e| panic!("{number}: {e:?}"));
}

fn step(id: &str, opinion: &str) -> Action {
    Action::CompleteStep {
        step: id.into(),
        opinion: opinion.into(),
    }
}

/// Accepted on 03-02, its acceptance and review steps done, and the
/// declared site survey (S01, 现场核查) running since 03-04 10:00.
pub async fn in_survey(desk: &Desk, number: &str) {
    act(desk, number, march(2, 10), Action::Accept).await;
    act(
        desk,
        number,
        march(3, 10),
        step("accept", "材料齐全，予以受理"),
    )
    .await;
    act(
        desk,
        number,
        march(3, 15),
        step("review", "符合条件，需现场核查"),
    )
    .await;
    act(
        desk,
        number,
        march(4, 10),
        Action::StartSpecialStage {
            stage: "S01".into(),
            override_reason: None,
        },
    )
    .await;
}

/// The survey ended 03-05, checked, approved on 03-06 10:00.
pub async fn approved(desk: &Desk, number: &str) {
    act(desk, number, march(5, 10), Action::EndSpecialStage).await;
    act(desk, number, march(5, 15), step("check", "核查通过")).await;
    act(
        desk,
        number,
        march(6, 10),
        Action::Decide {
            outcome: approval_core::bundle::Outcome::Approved,
            opinion: "申请材料齐全，经营场所符合要求，准予行政许可".into(),
        },
    )
    .await;
}

/// The approval letter prepared and e-sealed (a throwaway test seal) on
/// 03-06 11:00: ready to push.
pub async fn sealed(desk: &Desk, number: &str) {
    act(desk, number, march(6, 11), Action::PrepareResult).await;
    let font = discover_font(None).expect("a Chinese font (scripts/install-system-packages.sh)");
    let seal = VisibleSeal::approval_seal(MARKET, &font).unwrap();
    let key = TestSeal::issue(MARKET, KeyKind::P256, march(1, 9)).unwrap();
    seal_result_document(
        desk,
        &officer(),
        number,
        ResultSealing {
            font: &font,
            seal: &seal,
            signer: key.signer(),
            document_number: "蓝市监许〔2026〕12号".into(),
            remedies: approval_docs::Remedies {
                review_body: "蓝田县人民政府".into(),
                court: "蓝田县人民法院".into(),
            },
            verification_url: None,
            location: None,
        },
        march(6, 11),
    )
    .await
    .unwrap();
}

/// The restaurant bundle (food licence ← fire inspection; pollutant
/// record) received as instance `BI-2026-0001`: the food licence
/// `food`, the fire inspection `food`+1, the record `food`+2.
pub async fn bundle(desk: &Desk, numbers: [&str; 3]) {
    for json in [FOOD, FIRE, POLLUTANT] {
        publish(desk, json).await;
    }
    let guides: MemberGuides = [FOOD, FIRE, POLLUTANT]
        .into_iter()
        .map(|json| {
            let file = check_guide_file(json).accepted("guide").unwrap();
            let version = guide_file_as_version(file, "guide.json", march(1, 9));
            (version.item.code.clone(), version)
        })
        .collect();
    let definition = check_bundle_file(RESTAURANT, &guides)
        .accepted("open-restaurant.json")
        .unwrap();
    import_bundle(desk, &Actor::new("editor"), march(1, 9), definition)
        .await
        .unwrap();
    let instance = Some("BI-2026-0001");
    let transfers = vec![
        transfer(numbers[0], FOOD_ITEM, instance),
        transfer(numbers[1], FIRE_ITEM, instance),
        transfer(numbers[2], POLLUTANT_ITEM, instance),
    ];
    receive_transfers(desk, &officer(), transfers)
        .await
        .unwrap();
}

/// The letter prepared on 03-06 11:00 and a fixed stand-in for its sealed
/// PDF kept (the same bytes every run, for fixtures that must not drift).
pub async fn kept(desk: &Desk, number: &str) {
    act(desk, number, march(6, 11), Action::PrepareResult).await;
    let pdf = crate::testing::one_page_letter();
    let sha256: String = Sha256::digest(&pdf)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    desk.db()
        .save_result_document(&approval_store::ResultDocumentFile {
            case_number: number.into(),
            file_name: format!("{number}-决定书.pdf"),
            media_type: "application/pdf".into(),
            sha256,
            content: pdf,
            verification_code: "K7QD2-MX4TA".into(),
            sealed_at: march(6, 11),
        })
        .await
        .unwrap();
}
