//! What happened to a case, including the efficiency violations the
//! supervision issue counts (Art 23).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::action::CorrectionItem;
use crate::bundle::{Outcome, SerialWait};
use crate::china_time::minute_zh;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "violation", rename_all = "snake_case")]
pub enum Violation {
    /// No answer within the acceptance deadline (Art 10).
    DeemedAcceptance { deadline: DateTime<FixedOffset> },
    /// A second correction notice on one submission (Art 10).
    SecondCorrectionNotice { submission: u32, reason: String },
    /// The result was pushed after its 3 working days (Art 12).
    LatePush { deadline: DateTime<FixedOffset> },
    /// The paper documents reached the window unit late (Art 12).
    LatePaperDelivery { deadline: DateTime<FixedOffset> },
    /// The clock was paused for a stage the guide does not declare (Art 11).
    PauseWithoutDeclaredStage { stage: String, reason: String },
    /// A flowchart step was completed after its maximum time (Art 6,
    /// 环节最长时限).
    StepOverrun {
        step: String,
        deadline: DateTime<FixedOffset>,
    },
    /// A declared special stage ran past the duration its guide estimates
    /// (Art 11); its time still does not count, but the overrun is recorded.
    StageOverrun {
        stage: String,
        estimated_end: DateTime<FixedOffset>,
    },
    /// Work went on after the processing deadline (Art 6).
    ActionAfterDeadline {
        action: String,
        deadline: DateTime<FixedOffset>,
    },
}

impl Violation {
    /// What was violated, for officers and supervisors, in zh-CN, with its
    /// article.
    pub fn message_zh(&self) -> String {
        match self {
            Violation::DeemedAcceptance { deadline } => format!(
                "未在受理期限（{}）内受理或一次性告知补正，视同受理（第十条）",
                minute_zh(deadline)
            ),
            Violation::SecondCorrectionNotice { submission, reason } => format!(
                "第{submission}次提交的材料再次告知补正（违反一次性告知，第十条），理由：{reason}"
            ),
            Violation::LatePush { deadline } => format!(
                "办理结果晚于推送期限（{}）推送（第十二条）",
                minute_zh(deadline)
            ),
            Violation::LatePaperDelivery { deadline } => format!(
                "纸质文档、证照未在期限（{}）内送达窗口服务单位（第十二条）",
                minute_zh(deadline)
            ),
            Violation::PauseWithoutDeclaredStage { stage, reason } => format!(
                "启动了办事指南未载明的特殊环节“{stage}”（理由：{reason}），其时间照常计入办理时限（第十一条）"
            ),
            Violation::StepOverrun { step, deadline } => format!(
                "流程环节“{step}”超过环节最长时限（{}）完成（第六条）",
                minute_zh(deadline)
            ),
            Violation::StageOverrun {
                stage,
                estimated_end,
            } => format!(
                "特殊环节“{stage}”超过办事指南载明的预估时限（{}）结束（第十一条）",
                minute_zh(estimated_end)
            ),
            Violation::ActionAfterDeadline { action, deadline } => format!(
                "超过承诺办结时限（{}）后仍在办理（{action}，第六条）",
                minute_zh(deadline)
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum EventKind {
    Received {
        guide_version: u32,
    },
    Accepted,
    DeemedAccepted {
        accepted_at: DateTime<FixedOffset>,
    },
    CorrectionRequested {
        submission: u32,
        items: Vec<CorrectionItem>,
    },
    CorrectionsReceived {
        submission: u32,
    },
    NotAccepted {
        reason: String,
        legal_basis: String,
    },
    StepCompleted {
        step: String,
    },
    Returned {
        to: String,
        reason: String,
        reopened: Vec<String>,
    },
    SpecialStageStarted {
        stage: String,
    },
    SpecialStageEnded {
        stage: String,
    },
    /// The special-stage filing a running stage rested on was revoked: the
    /// stage's pause ended then, its time counts from then on (Art 11).
    StagePauseEndedByRevocation {
        stage: String,
        filing: String,
    },
    /// The case waited for its serial prerequisites' results (Art 17); the
    /// wait is a pause of the processing clock.
    SerialWaitEnded {
        wait: SerialWait,
    },
    Decided {
        outcome: Outcome,
    },
    PublicNoticeStarted {
        until: DateTime<FixedOffset>,
    },
    PublicNoticeEnded,
    ResultReady,
    ResultPushed,
    PaperDelivered,
    Released,
    /// The case was given to an officer (from the pool, by rule or by hand).
    Assigned {
        to: String,
        by_rule: bool,
    },
    /// 转办 to another officer.
    Reassigned {
        from: String,
        to: String,
        reason: String,
    },
    /// One signature of a step that needs several (会签) or any one (或签).
    StepSigned {
        step: String,
        waiting_for: Vec<String>,
    },
    /// 催办: the holder was urged.
    Urged {
        holder: Option<String>,
        note: String,
    },
    Violation(Violation),
}

impl CaseEvent {
    /// For an event that changes how the case's clock runs without being a
    /// violation, what it did, for officers in zh-CN; `None` for others.
    pub fn clock_note_zh(&self) -> Option<String> {
        match &self.kind {
            EventKind::SerialWaitEnded { wait } => Some(wait.message_zh()),
            EventKind::StagePauseEndedByRevocation { stage, filing } => Some(format!(
                "特殊环节“{stage}”所依据的特殊环节备案{filing}已于{}撤销，该环节自撤销时起不再暂停计时，其后时间计入办理时限（第十一条）",
                minute_zh(&self.at)
            )),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseEvent {
    pub case: String,
    pub at: DateTime<FixedOffset>,
    pub actor: String,
    /// The officer the actor stood in for under a delegation (委托), shown on
    /// every case it touches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<String>,
    pub kind: EventKind,
}
