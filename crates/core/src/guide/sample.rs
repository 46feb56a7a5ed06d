//! A small, valid guide for the unit tests, built in code.

use chrono::{DateTime, FixedOffset};

use super::*;

pub fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).expect("test instant")
}

pub fn item() -> ItemDefinition {
    ItemDefinition {
        code: "610100-XK-0001".into(),
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
    }
}

pub fn step(id: &str, name: &str, kind: StepKind, role: Option<&str>, days: Option<u32>) -> Step {
    Step {
        id: id.into(),
        name: name.into(),
        kind,
        stage: None,
        role: role.map(Into::into),
        limit: days.map(TimeLimit::working_days),
    }
}

pub fn edge(from: &str, to: &str) -> Edge {
    Edge {
        from: from.into(),
        to: to.into(),
    }
}

pub fn material(id: &str, name: &str) -> Material {
    Material {
        id: id.into(),
        name: name.into(),
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
    }
}

/// 收件 → 受理 → [审查 ‖ 现场核查] → 决定 → 送达: 1 + 5 + 2 = 8 ≤ 10.
pub fn content() -> GuideContent {
    let mut survey = step("survey", "现场核查", StepKind::SpecialStage, None, None);
    survey.stage = Some("S1".into());
    GuideContent {
        conditions: vec!["具有与经营的食品品种、数量相适应的经营场所".into()],
        legal_basis: vec![LegalBasis {
            title: "《中华人民共和国食品安全法》".into(),
            provision: "第三十五条".into(),
        }],
        materials: vec![
            material("M01", "食品经营许可申请书"),
            material("M02", "营业执照"),
        ],
        fees: vec![],
        special_stages: vec![SpecialStage {
            id: "S1".into(),
            kind: StageKind::SiteSurvey,
            name: "现场核查".into(),
            legal_basis: "《食品经营许可管理办法》第十四条".into(),
            method: "两名以上核查人员现场核查经营场所".into(),
            duration: StageDuration::Estimated {
                limit: TimeLimit::working_days(5),
            },
        }],
        flowchart: Flowchart {
            steps: vec![
                step("receive", "收件", StepKind::Start, None, None),
                step("accept", "受理", StepKind::Step, Some("承办人"), Some(1)),
                step("review", "审查", StepKind::Step, Some("承办人"), Some(5)),
                survey,
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
                edge("review", "decide"),
                edge("survey", "decide"),
                edge("decide", "deliver"),
            ],
        },
        contact: Contact::default(),
        windows: vec![],
    }
}
