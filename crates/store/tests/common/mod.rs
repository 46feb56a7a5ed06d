//! The guides, items and bundles the database tests store, built in code.

#![allow(dead_code)] // each test file uses a part

use approval_core::bundle::{BundleDefinition, BundleKind, BundleMember, Prerequisite};
use approval_core::guide::{
    Contact, Edge, Fee, Flowchart, GuideContent, ItemDefinition, ItemLevel, ItemType, LegalBasis,
    Material, MaterialForm, Requirement, ResultKind, SampleFile, ServiceItem, ServiceWindow,
    SpecialStage, StageDuration, StageKind, Step, StepKind, TimeLimit,
};
use chrono::{DateTime, FixedOffset};

pub const ITEM: &str = "610100-XK-0001";

pub fn at(text: &str) -> DateTime<FixedOffset> {
    match DateTime::parse_from_rfc3339(text) {
        Ok(instant) => instant,
        Err(e) => panic!("test instant {text}: {e}"),
    }
}

pub fn definition() -> ItemDefinition {
    ItemDefinition {
        code: ITEM.into(),
        name: "食品经营许可".into(),
        item_type: ItemType::Licensing,
        department: "市场监督管理局".into(),
        level: ItemLevel::County,
        setting_basis: "《中华人民共和国食品安全法》第三十五条".into(),
        complex: true,
        statutory_limit: TimeLimit::working_days(20),
        promised_limit: TimeLimit::working_days(10),
        result_kind: ResultKind::Certificate,
        result_needs_public_notice: true,
        delegated_to: Some("高新区市场监督管理分局".into()),
        instant: None,
        classified: false,
    }
}

pub fn item() -> ServiceItem {
    ServiceItem::new(definition())
}

fn step(id: &str, name: &str, kind: StepKind, role: Option<&str>, days: Option<u32>) -> Step {
    Step {
        id: id.into(),
        name: name.into(),
        kind,
        stage: None,
        role: role.map(Into::into),
        limit: days.map(TimeLimit::working_days),
    }
}

fn edge(from: &str, to: &str) -> Edge {
    Edge {
        from: from.into(),
        to: to.into(),
    }
}

/// 收件 → 受理 → [审查 ‖ 现场核查 ‖ 专家评审] → 决定 → 送达, with a sample
/// file, a conditional material, a paper material under a filing and both
/// kinds of stage duration.
pub fn content() -> GuideContent {
    let mut survey = step("survey", "现场核查", StepKind::SpecialStage, None, None);
    survey.stage = Some("S1".into());
    let mut review = step("experts", "专家评审", StepKind::SpecialStage, None, None);
    review.stage = Some("S2".into());
    GuideContent {
        conditions: vec![
            "具有与经营的食品品种、数量相适应的经营场所".into(),
            "有食品安全管理人员".into(),
        ],
        legal_basis: vec![LegalBasis {
            title: "《中华人民共和国食品安全法》".into(),
            provision: "第三十五条".into(),
        }],
        materials: vec![
            Material {
                id: "M01".into(),
                name: "食品经营许可申请书".into(),
                catalog_code: Some("CL-0001".into()),
                requirement: Requirement::Required,
                form: MaterialForm::Original,
                originals: 1,
                copies: 0,
                electronic_accepted: true,
                paper_required: false,
                paper_filing: None,
                format_notes: "A4".into(),
                filling_instructions: "申请人签字并加盖公章".into(),
                sample: Some(SampleFile {
                    file_name: "申请书示范文本.pdf".into(),
                    media_type: "application/pdf".into(),
                    // Not text: zero bytes and bytes above 0x7f survive.
                    content: vec![0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0xfe, 0x0a, 0x80],
                }),
            },
            Material {
                id: "M02".into(),
                name: "授权委托书".into(),
                catalog_code: None,
                requirement: Requirement::Conditional {
                    condition: "委托他人办理的".into(),
                },
                form: MaterialForm::OriginalAndCopy,
                originals: 1,
                copies: 2,
                electronic_accepted: false,
                paper_required: true,
                paper_filing: Some("纸质材料备案 2026-003".into()),
                format_notes: String::new(),
                filling_instructions: String::new(),
                sample: None,
            },
        ],
        fees: vec![Fee {
            name: "工本费".into(),
            standard: "每件0元".into(),
            basis: "财税〔2016〕42号".into(),
        }],
        special_stages: vec![
            SpecialStage {
                id: "S1".into(),
                kind: StageKind::SiteSurvey,
                name: "现场核查".into(),
                legal_basis: "《食品经营许可管理办法》第十四条".into(),
                method: "两名以上核查人员现场核查经营场所".into(),
                duration: StageDuration::Estimated {
                    limit: TimeLimit::natural_days(5),
                },
            },
            SpecialStage {
                id: "S2".into(),
                kind: StageKind::ExpertReview,
                name: "国家级专家评审".into(),
                legal_basis: "《食品经营许可管理办法》第十五条".into(),
                method: "组织专家评审".into(),
                duration: StageDuration::ByFiling {
                    filing: "特殊环节备案 2026-011".into(),
                },
            },
        ],
        flowchart: Flowchart {
            steps: vec![
                step("receive", "收件", StepKind::Start, None, None),
                step("accept", "受理", StepKind::Step, Some("承办人"), Some(1)),
                step("review", "审查", StepKind::Step, Some("承办人"), Some(5)),
                survey,
                review,
                step(
                    "decide",
                    "决定",
                    StepKind::Decision,
                    Some("签发人"),
                    Some(2),
                ),
                step("deliver", "送达", StepKind::End, None, None),
            ],
            edges: vec![
                edge("receive", "accept"),
                edge("accept", "review"),
                edge("accept", "survey"),
                edge("accept", "experts"),
                edge("review", "decide"),
                edge("survey", "decide"),
                edge("experts", "decide"),
                edge("decide", "deliver"),
            ],
        },
        contact: Contact {
            phone: "029-12345678".into(),
            complaint_phone: "12345".into(),
        },
        windows: vec![ServiceWindow {
            name: "政务服务中心 3 号窗口".into(),
            address: "西安市未央区凤城八路".into(),
            hours: "工作日 9:00-17:00".into(),
        }],
    }
}

pub fn bundle() -> BundleDefinition {
    BundleDefinition {
        code: "TC-0001".into(),
        name: "开餐馆".into(),
        kind: BundleKind::Package,
        members: vec![
            BundleMember {
                item_code: "610100-DJ-0001".into(),
                department: "市场监督管理局".into(),
            },
            BundleMember {
                item_code: ITEM.into(),
                department: "市场监督管理局".into(),
            },
            BundleMember {
                item_code: "610100-XF-0002".into(),
                department: "消防救援支队".into(),
            },
        ],
        prerequisites: vec![
            Prerequisite {
                prerequisite: "610100-DJ-0001".into(),
                dependent: ITEM.into(),
            },
            Prerequisite {
                prerequisite: "610100-DJ-0001".into(),
                dependent: "610100-XF-0002".into(),
            },
        ],
    }
}
