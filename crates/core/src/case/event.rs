//! What happened to a case, including the efficiency violations the
//! supervision issue counts (Art 23).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::action::CorrectionItem;
use crate::bundle::Outcome;

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
    /// Work went on after the processing deadline (Art 6).
    ActionAfterDeadline {
        action: String,
        deadline: DateTime<FixedOffset>,
    },
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
