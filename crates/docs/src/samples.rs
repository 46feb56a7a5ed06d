//! Realistic charts for the tests and the `flowchart_sample` example (which
//! includes this file with `#[path]`).

#![allow(dead_code)]

use std::collections::HashMap;

use approval_core::bundle::{bundle_flowchart, BundleDefinition, BundleKind, BundleMember};
use approval_core::guide::{
    Edge, Flowchart, GuideContent, GuideVersion, ItemDefinition, ItemLevel, ItemType, ResultKind,
    SpecialStage, StageDuration, StageKind, Step, StepKind, TimeLimit, VersionState,
};

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

pub fn special(id: &str, name: &str, stage: &str) -> Step {
    Step {
        stage: Some(stage.into()),
        ..step(id, name, StepKind::SpecialStage, Some("承办人"), None)
    }
}

pub fn edge(from: &str, to: &str) -> Edge {
    Edge {
        from: from.into(),
        to: to.into(),
    }
}

pub fn chart(steps: Vec<Step>, edges: &[(&str, &str)]) -> Flowchart {
    Flowchart {
        steps,
        edges: edges.iter().map(|(f, t)| edge(f, t)).collect(),
    }
}

pub fn item(
    code: &str,
    name: &str,
    department: &str,
    promised: u32,
    statutory: u32,
) -> ItemDefinition {
    ItemDefinition {
        code: code.into(),
        name: name.into(),
        item_type: ItemType::Licensing,
        department: department.into(),
        level: ItemLevel::County,
        setting_basis: "《中华人民共和国行政许可法》".into(),
        complex: false,
        statutory_limit: TimeLimit::working_days(statutory),
        promised_limit: TimeLimit::working_days(promised),
        result_kind: ResultKind::Certificate,
        result_needs_public_notice: false,
        delegated_to: None,
        instant: None,
        classified: false,
    }
}

/// 建筑工程施工许可证核发: 收件 → 受理审查 → [技术审查 ‖ 现场勘察] → 审核 → 决定 → 送达.
pub fn construction_permit() -> (ItemDefinition, GuideContent) {
    let item = item(
        "610100-XK-0102",
        "建筑工程施工许可证核发",
        "市住房和城乡建设局",
        7,
        15,
    );
    let flowchart = chart(
        vec![
            step("receive", "收件", StepKind::Start, Some("综合窗口"), None),
            step(
                "accept",
                "受理审查",
                StepKind::Step,
                Some("承办人"),
                Some(1),
            ),
            step(
                "tech",
                "技术审查（施工图审查合格书、质量安全监督手续）",
                StepKind::Step,
                Some("承办人"),
                Some(3),
            ),
            special("survey", "施工现场勘察", "S1"),
            step("review", "审核", StepKind::Step, Some("审核人"), Some(2)),
            step(
                "decide",
                "决定",
                StepKind::Decision,
                Some("签发人"),
                Some(1),
            ),
            step("deliver", "制证送达", StepKind::End, Some("综合窗口"), None),
        ],
        &[
            ("receive", "accept"),
            ("accept", "tech"),
            ("accept", "survey"),
            ("tech", "review"),
            ("survey", "review"),
            ("review", "decide"),
            ("decide", "deliver"),
        ],
    );
    let content = GuideContent {
        special_stages: vec![SpecialStage {
            id: "S1".into(),
            kind: StageKind::SiteSurvey,
            name: "施工现场勘察".into(),
            legal_basis: "《建筑工程施工许可管理办法》第四条".into(),
            method: "两名以上工作人员到施工现场核查施工条件".into(),
            duration: StageDuration::Estimated {
                limit: TimeLimit::working_days(5),
            },
        }],
        flowchart,
        ..GuideContent::default()
    };
    (item, content)
}

fn guide(item: ItemDefinition, flowchart: Flowchart) -> GuideVersion {
    GuideVersion {
        number: 1,
        state: VersionState::Draft,
        item,
        content: GuideContent {
            flowchart,
            ..GuideContent::default()
        },
    }
}

fn simple_flow(extra: Option<(&str, &str)>) -> Flowchart {
    let mut steps = vec![
        step("start", "收件", StepKind::Start, None, None),
        step("accept", "受理", StepKind::Step, Some("承办人"), Some(1)),
        step("review", "审查", StepKind::Step, Some("承办人"), Some(5)),
        step(
            "decide",
            "决定",
            StepKind::Decision,
            Some("签发人"),
            Some(1),
        ),
        step("end", "办结", StepKind::End, None, None),
    ];
    let mut edges = vec![
        ("start", "accept"),
        ("accept", "review"),
        ("review", "decide"),
        ("decide", "end"),
    ];
    if let Some((id, name)) = extra {
        steps.insert(3, special(id, name, "S1"));
        edges[2] = ("review", id);
        edges.push((id, "decide"));
    }
    chart(steps, &edges)
}

/// A bundle (并联审批) of three items: three parallel lanes between the
/// window's receipt and the joint release, names "事项名：环节名".
pub fn three_lane_bundle() -> Flowchart {
    let members = [
        ("610100-XK-0201", "食品经营许可", "市场监督管理局", None),
        (
            "610100-XK-0202",
            "公众聚集场所投入使用、营业前消防安全检查",
            "消防救援大队",
            Some(("check", "现场检查")),
        ),
        ("610100-XK-0203", "户外广告设施设置审批", "城市管理局", None),
    ];
    let bundle = BundleDefinition {
        code: "B-001".into(),
        name: "开餐馆一件事".into(),
        kind: BundleKind::Package,
        members: members
            .iter()
            .map(|(code, _, department, _)| BundleMember {
                item_code: (*code).into(),
                department: (*department).into(),
            })
            .collect(),
        prerequisites: Vec::new(),
    };
    let guides: HashMap<String, GuideVersion> = members
        .iter()
        .map(|(code, name, department, extra)| {
            (
                (*code).to_owned(),
                guide(item(code, name, department, 10, 20), simple_flow(*extra)),
            )
        })
        .collect();
    bundle_flowchart(&bundle, &guides)
}

/// A harder chart: a rejection exit right after acceptance, three parallel
/// reviews of different lengths, an edge skipping layers, two ends after
/// the decision, and a back edge (补正 → 受理审查) that closes a cycle.
pub fn complex_chart() -> (Flowchart, Vec<SpecialStage>) {
    let chart = chart(
        vec![
            step("receive", "收件", StepKind::Start, Some("综合窗口"), None),
            step(
                "accept",
                "受理审查",
                StepKind::Step,
                Some("承办人"),
                Some(1),
            ),
            step(
                "refuse",
                "不予受理告知",
                StepKind::End,
                Some("综合窗口"),
                None,
            ),
            step("tech", "技术审查", StepKind::Step, Some("承办人"), Some(3)),
            special("survey", "现场勘察", "S1"),
            special("expert", "专家论证（环境影响评价报告书技术评估）", "S2"),
            step(
                "fix",
                "补正材料",
                StepKind::Step,
                Some("申请人 & 承办人"),
                Some(5),
            ),
            step("review", "审核", StepKind::Step, Some("审核人"), Some(2)),
            step(
                "decide",
                "决定",
                StepKind::Decision,
                Some("签发人"),
                Some(1),
            ),
            step(
                "grant",
                "准予许可，制证送达",
                StepKind::End,
                Some("综合窗口"),
                None,
            ),
            step(
                "deny",
                "不予许可决定书送达",
                StepKind::End,
                Some("综合窗口"),
                None,
            ),
        ],
        &[
            ("receive", "accept"),
            ("accept", "refuse"),
            ("accept", "tech"),
            ("accept", "survey"),
            ("accept", "expert"),
            ("tech", "fix"),
            ("fix", "accept"),
            ("fix", "review"),
            ("survey", "review"),
            ("expert", "review"),
            ("tech", "decide"),
            ("review", "decide"),
            ("decide", "grant"),
            ("decide", "deny"),
        ],
    );
    let stages = vec![
        SpecialStage {
            id: "S1".into(),
            kind: StageKind::SiteSurvey,
            name: "现场勘察".into(),
            legal_basis: "《行政许可法》第三十四条".into(),
            method: "现场核查".into(),
            duration: StageDuration::Estimated {
                limit: TimeLimit::natural_days(10),
            },
        },
        SpecialStage {
            id: "S2".into(),
            kind: StageKind::ExpertReview,
            name: "专家论证".into(),
            legal_basis: "《环境影响评价法》第二十二条".into(),
            method: "组织专家评审".into(),
            duration: StageDuration::ByFiling {
                filing: "F-1".into(),
            },
        },
    ];
    (chart, stages)
}
