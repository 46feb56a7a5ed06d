use chrono::{DateTime, FixedOffset};

use crate::bundle::{DecisionBlocked, ReleaseBlocked};
use crate::china_time::CHINA_STANDARD_TIME;
use crate::clock::ClockError;
use crate::error_code::ErrorCode;

/// Why an action on a case is refused; each names the rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseError {
    #[error("item {item_code} is not known")]
    UnknownItem { item_code: String },
    #[error("Art 5: item {item_code} is cancelled; it takes no new cases")]
    ItemCancelled { item_code: String },
    #[error("Art 5: item {item_code} is delegated to {to}; its cases belong there")]
    ItemDelegated { item_code: String, to: String },
    #[error("Art 18: instant item {item_code} is handled by {bureau} ({mode:?}); its cases belong there")]
    ItemWithApprovalBureau {
        item_code: String,
        bureau: String,
        mode: crate::guide::BureauMode,
    },
    #[error("item {item_code} had no published guide in force at {received_at}")]
    NoGuideInForce {
        item_code: String,
        received_at: DateTime<FixedOffset>,
    },
    #[error("case {case} is bound to guide version {bound}, not {given}")]
    WrongGuideVersion {
        case: String,
        bound: u32,
        given: u32,
    },
    #[error("{field} must not be empty")]
    Empty { field: &'static str },
    #[error("`{action}` is not allowed while the case is {state}")]
    NotAllowedInState { action: &'static str, state: String },
    #[error("Art 7: material {material_id} is not in the guide version the case is bound to")]
    MaterialOutsideGuide { material_id: String },
    #[error("Art 10: submission {submission} already had its one-time correction notice; a second one needs a recorded reason")]
    SecondCorrectionNotice { submission: u32 },
    #[error("Art 10: a second notice on one submission is bounded by its acceptance deadline ({deadline}), which has passed")]
    SecondNoticeAfterAcceptanceDeadline { deadline: DateTime<FixedOffset> },
    #[error("the corrections must be received after the correction notice ({notice_at:?}) and not after now ({now}); {received_at} is outside")]
    CorrectionsReceivedOutOfRange {
        received_at: DateTime<FixedOffset>,
        notice_at: Option<DateTime<FixedOffset>>,
        now: DateTime<FixedOffset>,
    },
    #[error("Art 10: a notice on corrected materials may only concern the materials of the first notice; {} {} not in it (the one-time notice omitted them)", .material_ids.join(", "), if .material_ids.len() == 1 { "was" } else { "were" })]
    OmittedFromFirstNotice { material_ids: Vec<String> },
    #[error("the flowchart has no step {step}")]
    UnknownStep { step: String },
    #[error("step {step} is not ready: {waiting_on:?} must be completed first")]
    StepNotReady {
        step: String,
        waiting_on: Vec<String>,
    },
    #[error("step {step} is already completed")]
    StepAlreadyDone { step: String },
    #[error("step {step} cannot be completed this way (it is a {kind})")]
    WrongStepKind { step: String, kind: &'static str },
    #[error("step {step} has not been completed, so the case cannot return to it")]
    ReturnToOpenStep { step: String },
    #[error("Art 11: stage {stage} is not declared in the guide (nor covered by a filing); pausing for it needs an override reason")]
    UndeclaredStage { stage: String },
    #[error("Art 11: stage {stage} has no stated duration and its special-stage filing {filing} is not approved (or no longer in effect)")]
    StageFilingNotInEffect { stage: String, filing: String },
    #[error("Art 9: material {material_id} may be asked on paper only under an approved paper-materials filing")]
    PaperNotAllowed { material_id: String },
    #[error("Art 12: this item's result needs public notice before it is ready")]
    PublicNoticeRequired,
    #[error("Art 12: the public notice runs until {until}; the result cannot be released before")]
    PublicNoticeRunning { until: DateTime<FixedOffset> },
    #[error("the public notice must end after it starts")]
    NoticeEndsBeforeStart,
    #[error("Art 11: the guide declares the public notice to last until {latest} at the latest; a notice until {until} is longer")]
    NoticeLongerThanDeclared {
        until: DateTime<FixedOffset>,
        latest: DateTime<FixedOffset>,
    },
    #[error("the result cannot be pushed before the decision")]
    PushBeforeDecision,
    #[error("Art 12, 13: the result's paper documents have not reached the window unit yet; record their delivery before the release")]
    PaperNotDelivered,
    #[error("case {case} belongs to bundle instance {instance}, but no bundle context was given")]
    BundleContextMissing { case: String, instance: String },
    #[error("case {case} belongs to bundle instance {instance}, not to {given}")]
    WrongBundle {
        case: String,
        instance: String,
        given: String,
    },
    #[error("the release permit is not for case {case}")]
    PermitForAnotherCase { case: String },
    #[error("{actor} may not {what}")]
    NotPermitted { actor: String, what: String },
    #[error("case {case} is still in the department's pool: assign it first")]
    NotAssigned { case: String },
    #[error("case {case} already has a holder: reassign it instead")]
    AlreadyAssigned { case: String },
    #[error("{signer} has already signed step {step}")]
    AlreadySigned { step: String, signer: String },
    #[error("the case was urged recently; it may be urged again from {next_allowed}")]
    UrgedTooOften { next_allowed: DateTime<FixedOffset> },
    #[error(transparent)]
    DecisionBlocked(#[from] DecisionBlocked),
    #[error(transparent)]
    ReleaseBlocked(#[from] ReleaseBlocked),
    #[error(transparent)]
    Clock(#[from] ClockError),
}

impl CaseError {
    /// A stable code for the UI and scripts; never changes once shipped.
    pub fn code(&self) -> ErrorCode {
        match self {
            CaseError::UnknownItem { .. } => ErrorCode::CaseUnknownItem,
            CaseError::NoGuideInForce { .. } => ErrorCode::CaseNoGuideInForce,
            CaseError::WrongGuideVersion { .. } => ErrorCode::CaseWrongGuideVersion,
            CaseError::Empty { .. } => ErrorCode::CaseEmptyField,
            CaseError::NotAllowedInState { .. } => ErrorCode::CaseNotAllowedInState,
            CaseError::MaterialOutsideGuide { .. } => ErrorCode::CaseMaterialOutsideGuide,
            CaseError::SecondCorrectionNotice { .. } => ErrorCode::CaseSecondCorrectionNotice,
            CaseError::UnknownStep { .. } => ErrorCode::CaseUnknownStep,
            CaseError::StepNotReady { .. } => ErrorCode::CaseStepNotReady,
            CaseError::StepAlreadyDone { .. } => ErrorCode::CaseStepAlreadyDone,
            CaseError::WrongStepKind { .. } => ErrorCode::CaseWrongStepKind,
            CaseError::ReturnToOpenStep { .. } => ErrorCode::CaseReturnToOpenStep,
            CaseError::UndeclaredStage { .. } => ErrorCode::CaseUndeclaredStage,
            CaseError::StageFilingNotInEffect { .. } => ErrorCode::CaseStageFilingNotInEffect,
            CaseError::PaperNotAllowed { .. } => ErrorCode::CasePaperNotAllowed,
            CaseError::PublicNoticeRequired => ErrorCode::CasePublicNoticeRequired,
            CaseError::PublicNoticeRunning { .. } => ErrorCode::CasePublicNoticeRunning,
            CaseError::NoticeEndsBeforeStart => ErrorCode::CaseNoticeEndsBeforeStart,
            CaseError::SecondNoticeAfterAcceptanceDeadline { .. } => {
                ErrorCode::CaseSecondNoticeAfterAcceptanceDeadline
            }
            CaseError::CorrectionsReceivedOutOfRange { .. } => {
                ErrorCode::CaseCorrectionsReceivedOutOfRange
            }
            CaseError::ItemCancelled { .. } => ErrorCode::CaseItemCancelled,
            CaseError::ItemDelegated { .. } => ErrorCode::CaseItemDelegated,
            CaseError::ItemWithApprovalBureau { .. } => ErrorCode::CaseItemWithApprovalBureau,
            CaseError::PaperNotDelivered => ErrorCode::CasePaperNotDelivered,
            CaseError::OmittedFromFirstNotice { .. } => ErrorCode::CaseOmittedFromFirstNotice,
            CaseError::NoticeLongerThanDeclared { .. } => ErrorCode::CaseNoticeLongerThanDeclared,
            CaseError::PushBeforeDecision => ErrorCode::CasePushBeforeDecision,
            CaseError::BundleContextMissing { .. } => ErrorCode::CaseBundleContextMissing,
            CaseError::WrongBundle { .. } => ErrorCode::CaseWrongBundle,
            CaseError::PermitForAnotherCase { .. } => ErrorCode::CasePermitForAnotherCase,
            CaseError::NotPermitted { .. } => ErrorCode::CaseNotPermitted,
            CaseError::NotAssigned { .. } => ErrorCode::CaseNotAssigned,
            CaseError::AlreadyAssigned { .. } => ErrorCode::CaseAlreadyAssigned,
            CaseError::AlreadySigned { .. } => ErrorCode::CaseAlreadySigned,
            CaseError::UrgedTooOften { .. } => ErrorCode::CaseUrgedTooOften,
            CaseError::DecisionBlocked(e) => e.code(),
            CaseError::ReleaseBlocked(e) => e.code(),
            CaseError::Clock(e) => e.code(),
        }
    }

    /// The request field at fault, where the error is about one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            CaseError::Empty { field } => Some(field),
            _ => None,
        }
    }

    /// The message for officers, in zh-CN.
    pub fn message_zh(&self) -> String {
        match self {
            CaseError::UnknownItem { item_code } => {
                format!("事项“{item_code}”不存在，请先在事项库中录入该事项")
            }
            CaseError::NoGuideInForce {
                item_code,
                received_at,
            } => format!(
                "窗口服务单位收件时（{}），事项“{item_code}”没有已发布并生效的办事指南，无法接收该办件",
                time_zh(received_at)
            ),
            CaseError::WrongGuideVersion { case, bound, given } => format!(
                "办件{case}适用收件时生效的第{bound}版办事指南，不能按第{given}版办理（第七条）"
            ),
            CaseError::Empty { field } => format!("“{}”不能为空", field_zh(field)),
            CaseError::NotAllowedInState { action, state } => format!(
                "办件当前为“{}”状态，不能{}",
                state_zh(state),
                action_zh(action)
            ),
            CaseError::MaterialOutsideGuide { material_id } => format!(
                "材料“{material_id}”不在办件适用的办事指南之内，不得要求申请人提供办事指南之外的材料（第七条）"
            ),
            CaseError::SecondCorrectionNotice { submission } => format!(
                "第{submission}次提交的申请材料已一次性告知补正，再次告知补正须记录理由（第十条）"
            ),
            CaseError::UnknownStep { step } => format!("办事流程图中没有流程环节“{step}”"),
            CaseError::StepNotReady { step, waiting_on } => format!(
                "流程环节“{step}”尚不能办理：须先完成前序环节{}",
                quoted(waiting_on)
            ),
            CaseError::StepAlreadyDone { step } => format!("流程环节“{step}”已经完成"),
            CaseError::WrongStepKind { step, kind } => format!(
                "流程环节“{step}”是{}，不能按普通审查环节办理完成",
                step_kind_zh(kind)
            ),
            CaseError::ReturnToOpenStep { step } => {
                format!("流程环节“{step}”尚未完成，不能退回到该环节")
            }
            CaseError::UndeclaredStage { stage } => format!(
                "特殊环节“{stage}”未在办事指南和流程图中注明（也无相应备案），须填写理由方可暂停计时（第十一条）"
            ),
            CaseError::StageFilingNotInEffect { stage, filing } => format!(
                "特殊环节“{stage}”未注明预估时限，其特殊环节备案{filing}未经审核同意或已不再有效（第十一条）"
            ),
            CaseError::PaperNotAllowed { material_id } => format!(
                "材料“{material_id}”只有在纸质材料备案经审核批准后才能要求提交纸质材料（第九条）"
            ),
            CaseError::PublicNoticeRequired => {
                "本事项的审批结果依法需要公示，须先行公示（第十二条）".to_owned()
            }
            CaseError::PublicNoticeRunning { until } => format!(
                "公示期至{}届满，公示期满前不得发放办理结果（第十二条）",
                time_zh(until)
            ),
            CaseError::NoticeEndsBeforeStart => "公示的结束时间须晚于开始时间".to_owned(),
            CaseError::SecondNoticeAfterAcceptanceDeadline { deadline } => format!(
                "同一次提交的再次告知也须在受理期限（{}）内作出，期限已过（第十条）",
                time_zh(deadline)
            ),
            CaseError::CorrectionsReceivedOutOfRange {
                received_at,
                notice_at,
                now,
            } => format!(
                "补正材料的接收时间{}须在补正告知{}之后、当前时间{}之前",
                time_zh(received_at),
                notice_at.map_or_else(|| "（无）".to_owned(), |n| format!("（{}）", time_zh(&n))),
                time_zh(now)
            ),
            CaseError::ItemCancelled { item_code } => {
                format!("事项{item_code}已取消，不再受理新的办件（第五条）")
            }
            CaseError::ItemWithApprovalBureau {
                item_code,
                bureau,
                mode,
            } => format!(
                "事项{item_code}为即办事项，已{}至{bureau}在政务服务大厅直接办理，本部门不受理；请将办件转至{bureau}（第十八条）",
                mode.name_zh()
            ),
            CaseError::ItemDelegated { item_code, to } => format!(
                "事项{item_code}已下放（委托）至{to}办理，本部门不受理；请将办件转至{to}（第五条）"
            ),
            CaseError::PaperNotDelivered => {
                "办理结果的纸质文档、证照尚未送达窗口服务单位，须先登记送达再办结出件（第十二条、第十三条）".to_owned()
            }
            CaseError::OmittedFromFirstNotice { material_ids } => format!(
                "补正后的告知只能针对首次一次性告知所列材料；材料{}不在首次告知之列，属首次告知遗漏（第十条）",
                material_ids.iter().map(|m| format!("“{m}”")).collect::<Vec<_>>().join("、")
            ),
            CaseError::NoticeLongerThanDeclared { until, latest } => format!(
                "办事指南载明的公示期限最迟至{}届满，公示不能持续到{}（第十一条）",
                time_zh(latest),
                time_zh(until)
            ),
            CaseError::PushBeforeDecision => "尚未作出决定，不能推送办理结果".to_owned(),
            CaseError::BundleContextMissing { case, instance } => format!(
                "办件{case}属于套餐办理{instance}，但未提供该套餐的办理信息"
            ),
            CaseError::WrongBundle {
                case,
                instance,
                given,
            } => format!("办件{case}属于套餐办理{instance}，不属于套餐办理{given}"),
            CaseError::PermitForAnotherCase { case } => {
                format!("该结果放行许可不是办件{case}的，不能据此公布或发放结果")
            }
            CaseError::NotPermitted { actor, what } => {
                format!("{actor}无权{}", permission_zh(what))
            }
            CaseError::NotAssigned { case } => {
                format!("办件{case}尚在部门待分配办件中，请先分配承办人")
            }
            CaseError::AlreadyAssigned { case } => {
                format!("办件{case}已有承办人，如需更换请改派")
            }
            CaseError::AlreadySigned { step, signer } => {
                format!("{signer}已在流程环节“{step}”签署，不能重复签署")
            }
            CaseError::UrgedTooOften { next_allowed } => format!(
                "该办件刚催办过，{}后方可再次催办",
                time_zh(next_allowed)
            ),
            CaseError::DecisionBlocked(e) => e.message_zh(),
            CaseError::ReleaseBlocked(e) => e.message_zh(),
            CaseError::Clock(e) => e.message_zh(),
        }
    }
}

/// An instant as an officer reads it: Beijing time, to the minute.
fn time_zh(instant: &DateTime<FixedOffset>) -> String {
    instant
        .with_timezone(&CHINA_STANDARD_TIME)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// `“A”、“B”`: step ids quoted and joined the Chinese way.
fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("“{i}”"))
        .collect::<Vec<_>>()
        .join("、")
}

/// The zh-CN name of a field the engine requires (else the field's own name).
fn field_zh(field: &str) -> &str {
    match field {
        "case_number" => "办件编号",
        "item_code" => "事项编码",
        "window_unit" => "窗口服务单位",
        "applicant.name" => "申请人名称",
        "items" => "补正内容",
        "problem" => "补正问题说明",
        "reason" => "理由",
        "legal_basis" => "法律依据",
        "opinion" => "办理意见",
        other => other,
    }
}

/// The zh-CN name of a case state, written as the engine's serde word
/// (`in_review`) or as its Rust name (`InReview`).
fn state_zh(state: &str) -> &str {
    match state {
        "received" | "Received" => "已收件待受理",
        "correction_requested" | "CorrectionRequested" => "已一次性告知补正",
        "not_accepted" | "NotAccepted" => "不予受理",
        "in_review" | "InReview" => "审查中",
        "decided" | "Decided" => "已作出决定",
        "public_notice" | "PublicNotice" => "公示中",
        "result_ready" | "ResultReady" => "结果待推送",
        "result_pushed" | "ResultPushed" => "结果已推送",
        "released" | "Released" => "已发放结果",
        s if s == "special_stage" || s.starts_with("SpecialStage") => "特殊环节中",
        other => other,
    }
}

/// The zh-CN name of an action (the words of `Action::name` and the desk's).
fn action_zh(action: &str) -> &str {
    match action {
        "accept" => "受理",
        "request_correction" => "一次性告知补正",
        "receive_corrections" => "接收补正材料",
        "reject_at_acceptance" => "不予受理",
        "complete_step" => "完成流程环节",
        "return_to_step" => "退回流程环节",
        "start_special_stage" => "开始特殊环节",
        "end_special_stage" => "结束特殊环节",
        "decide" => "作出决定",
        "start_public_notice" => "开始公示",
        "end_public_notice" => "结束公示",
        "prepare_result" => "制作办理结果",
        "push_result" => "推送办理结果",
        "deliver_paper" => "送达纸质文档、证照",
        "release" => "发放办理结果",
        "reassign" => "改派",
        "urge" => "催办",
        other => other,
    }
}

/// The zh-CN name of a flowchart step's kind (the engine's words).
fn step_kind_zh(kind: &str) -> &str {
    match kind {
        "start" => "收件环节",
        "step" => "审查环节",
        "special stage" => "特殊环节",
        "decision" => "决定环节",
        "end" => "办结环节",
        other => other,
    }
}

/// What the desk refused, in zh-CN (the desk's English phrases; another
/// phrase is shown as it is).
fn permission_zh(what: &str) -> String {
    let between = |prefix: &str, suffix: &str| {
        what.strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix(suffix))
            .map(str::to_owned)
    };
    if what == "assign cases of this item" {
        "分配本事项的办件".to_owned()
    } else if what == "reassign this case" {
        "改派本办件".to_owned()
    } else if what == "urge cases" {
        "催办办件".to_owned()
    } else if let Some(role) = between("hold cases (not a ", ")") {
        format!("承办办件（不具有“{role}”角色）")
    } else if let Some(role) = between("take this case over (not another ", ")") {
        format!("接办本办件（须是另一名“{role}”）")
    } else if let Some(holder) = what.strip_prefix("act on a case held by ") {
        format!("办理由{holder}承办的办件")
    } else if let Some((step, role)) = what
        .strip_prefix("do step ")
        .and_then(|rest| rest.strip_suffix(')'))
        .and_then(|rest| rest.split_once(" (needs "))
    {
        format!("办理流程环节“{step}”（须具有“{role}”角色）")
    } else {
        format!("执行此操作（{what}）")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn has_chinese(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// Every variant, its code and a value its zh-CN message must name.
    fn every_variant() -> Vec<(CaseError, ErrorCode, &'static str)> {
        let s = |text: &str| text.to_owned();
        vec![
            (
                CaseError::UnknownItem {
                    item_code: s("610100-XK-0001"),
                },
                ErrorCode::CaseUnknownItem,
                "610100-XK-0001",
            ),
            (
                CaseError::NoGuideInForce {
                    item_code: s("610100-XK-0002"),
                    received_at: at("2026-11-26T01:30:00Z"),
                },
                ErrorCode::CaseNoGuideInForce,
                "2026-11-26 09:30",
            ),
            (
                CaseError::WrongGuideVersion {
                    case: s("SX2026-000101"),
                    bound: 3,
                    given: 4,
                },
                ErrorCode::CaseWrongGuideVersion,
                "SX2026-000101",
            ),
            (
                CaseError::Empty {
                    field: "legal_basis",
                },
                ErrorCode::CaseEmptyField,
                "法律依据",
            ),
            (
                CaseError::NotAllowedInState {
                    action: "decide",
                    state: s("public_notice"),
                },
                ErrorCode::CaseNotAllowedInState,
                "公示中",
            ),
            (
                CaseError::MaterialOutsideGuide {
                    material_id: s("M07"),
                },
                ErrorCode::CaseMaterialOutsideGuide,
                "M07",
            ),
            (
                CaseError::SecondCorrectionNotice { submission: 2 },
                ErrorCode::CaseSecondCorrectionNotice,
                "第2次",
            ),
            (
                CaseError::UnknownStep { step: s("s9") },
                ErrorCode::CaseUnknownStep,
                "s9",
            ),
            (
                CaseError::StepNotReady {
                    step: s("s3"),
                    waiting_on: vec![s("s1"), s("s2")],
                },
                ErrorCode::CaseStepNotReady,
                "“s1”、“s2”",
            ),
            (
                CaseError::StepAlreadyDone { step: s("s4") },
                ErrorCode::CaseStepAlreadyDone,
                "s4",
            ),
            (
                CaseError::WrongStepKind {
                    step: s("decide"),
                    kind: "decision",
                },
                ErrorCode::CaseWrongStepKind,
                "决定环节",
            ),
            (
                CaseError::ReturnToOpenStep { step: s("s5") },
                ErrorCode::CaseReturnToOpenStep,
                "s5",
            ),
            (
                CaseError::UndeclaredStage {
                    stage: s("专家论证"),
                },
                ErrorCode::CaseUndeclaredStage,
                "专家论证",
            ),
            (
                CaseError::StageFilingNotInEffect {
                    stage: s("现场勘察"),
                    filing: s("BA-2026-0007"),
                },
                ErrorCode::CaseStageFilingNotInEffect,
                "BA-2026-0007",
            ),
            (
                CaseError::PaperNotAllowed {
                    material_id: s("M03"),
                },
                ErrorCode::CasePaperNotAllowed,
                "M03",
            ),
            (
                CaseError::PublicNoticeRequired,
                ErrorCode::CasePublicNoticeRequired,
                "先行公示",
            ),
            (
                CaseError::PublicNoticeRunning {
                    until: at("2026-12-03T17:00:00+08:00"),
                },
                ErrorCode::CasePublicNoticeRunning,
                "2026-12-03 17:00",
            ),
            (
                CaseError::NoticeEndsBeforeStart,
                ErrorCode::CaseNoticeEndsBeforeStart,
                "公示",
            ),
            (
                CaseError::PushBeforeDecision,
                ErrorCode::CasePushBeforeDecision,
                "推送",
            ),
            (
                CaseError::BundleContextMissing {
                    case: s("SX2026-000102"),
                    instance: s("TC-0001"),
                },
                ErrorCode::CaseBundleContextMissing,
                "SX2026-000102",
            ),
            (
                CaseError::WrongBundle {
                    case: s("SX2026-000103"),
                    instance: s("TC-0001"),
                    given: s("TC-0002"),
                },
                ErrorCode::CaseWrongBundle,
                "TC-0002",
            ),
            (
                CaseError::PermitForAnotherCase {
                    case: s("SX2026-000104"),
                },
                ErrorCode::CasePermitForAnotherCase,
                "SX2026-000104",
            ),
            (
                CaseError::NotPermitted {
                    actor: s("li.si"),
                    what: s("do step s2 (needs 审核人)"),
                },
                ErrorCode::CaseNotPermitted,
                "li.si无权办理流程环节“s2”（须具有“审核人”角色）",
            ),
            (
                CaseError::NotAssigned {
                    case: s("SX2026-000105"),
                },
                ErrorCode::CaseNotAssigned,
                "SX2026-000105",
            ),
            (
                CaseError::AlreadyAssigned {
                    case: s("SX2026-000106"),
                },
                ErrorCode::CaseAlreadyAssigned,
                "SX2026-000106",
            ),
            (
                CaseError::AlreadySigned {
                    step: s("s6"),
                    signer: s("wang.wu"),
                },
                ErrorCode::CaseAlreadySigned,
                "wang.wu已在流程环节“s6”",
            ),
            (
                CaseError::UrgedTooOften {
                    next_allowed: at("2026-11-26T10:30:00+08:00"),
                },
                ErrorCode::CaseUrgedTooOften,
                "2026-11-26 10:30",
            ),
            (
                CaseError::DecisionBlocked(DecisionBlocked {
                    item: s("ITEM-B"),
                    waiting_on: vec![s("ITEM-A")],
                    not_a_member: false,
                }),
                ErrorCode::SerialPrerequisitePending,
                "ITEM-A",
            ),
            (
                CaseError::ReleaseBlocked(ReleaseBlocked {
                    item: s("ITEM-C"),
                    pending: vec![s("ITEM-A")],
                    rejected: Vec::new(),
                    own_undecided: false,
                    not_a_member: false,
                }),
                ErrorCode::PrerequisitePending,
                "ITEM-C",
            ),
            (
                CaseError::Clock(ClockError::ProvisionalYear { year: 2040 }),
                ErrorCode::ProvisionalYear,
                "2040",
            ),
        ]
    }

    #[test]
    fn every_variant_has_its_code_and_a_zh_message_naming_what_is_at_fault() {
        let all = every_variant();
        assert_eq!(all.len(), 30, "a variant was added: list it here");
        for (error, code, named) in all {
            assert_eq!(error.code(), code, "{error:?}");
            let zh = error.message_zh();
            assert!(
                zh.contains(named),
                "{error:?}: {zh:?} does not name {named:?}"
            );
            assert!(has_chinese(&zh), "{error:?}: {zh:?}");
            assert!(!error.to_string().is_empty());
        }
    }

    #[test]
    fn the_wrapped_errors_speak_for_themselves() {
        let clock = ClockError::EmptyPeriod;
        let error = CaseError::from(clock.clone());
        assert_eq!(error.code(), clock.code());
        assert_eq!(error.message_zh(), clock.message_zh());
        let blocked = ReleaseBlocked {
            item: "ITEM-C".into(),
            pending: Vec::new(),
            rejected: vec!["ITEM-A".into()],
            own_undecided: false,
            not_a_member: false,
        };
        let error = CaseError::from(blocked.clone());
        assert_eq!(error.code(), ErrorCode::PrerequisiteRejected);
        assert_eq!(error.message_zh(), blocked.message_zh());
    }

    #[test]
    fn an_empty_field_is_named_in_both_forms() {
        let error = CaseError::Empty { field: "opinion" };
        assert_eq!(error.field(), Some("opinion"));
        assert_eq!(error.message_zh(), "“办理意见”不能为空");
        let unknown = CaseError::Empty { field: "memo" };
        assert_eq!(unknown.message_zh(), "“memo”不能为空");
        assert_eq!(CaseError::PushBeforeDecision.field(), None);
    }

    #[test]
    fn states_and_actions_read_in_chinese_in_either_spelling() {
        let serde_word = CaseError::NotAllowedInState {
            action: "request_correction",
            state: "in_review".into(),
        };
        assert_eq!(
            serde_word.message_zh(),
            "办件当前为“审查中”状态，不能一次性告知补正"
        );
        let debug_word = CaseError::NotAllowedInState {
            action: "urge",
            state: "Released".into(),
        };
        assert_eq!(
            debug_word.message_zh(),
            "办件当前为“已发放结果”状态，不能催办"
        );
    }

    #[test]
    fn each_desk_refusal_reads_in_chinese() {
        let refused = |what: &str| {
            CaseError::NotPermitted {
                actor: "zhao.liu".into(),
                what: what.into(),
            }
            .message_zh()
        };
        assert_eq!(
            refused("assign cases of this item"),
            "zhao.liu无权分配本事项的办件"
        );
        assert_eq!(refused("reassign this case"), "zhao.liu无权改派本办件");
        assert_eq!(refused("urge cases"), "zhao.liu无权催办办件");
        assert_eq!(
            refused("hold cases (not a 承办人)"),
            "zhao.liu无权承办办件（不具有“承办人”角色）"
        );
        assert_eq!(
            refused("take this case over (not another 承办人)"),
            "zhao.liu无权接办本办件（须是另一名“承办人”）"
        );
        assert_eq!(
            refused("act on a case held by zhang.san"),
            "zhao.liu无权办理由zhang.san承办的办件"
        );
        assert_eq!(
            refused("sign in blue"),
            "zhao.liu无权执行此操作（sign in blue）"
        );
    }
}
