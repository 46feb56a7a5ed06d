//! What an officer (or the system) does to a case.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::bundle::Outcome;

/// One line of a one-time correction notice: a material of the bound guide
/// version and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionItem {
    pub material_id: String,
    pub problem: String,
    /// Asks for the material on paper: only under an approved
    /// paper-materials filing (Art 9).
    #[serde(default)]
    pub paper: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// Send the acceptance notice (受理通知书).
    Accept,
    /// Send the one-time correction notice (一次性告知补正, Art 10). A second
    /// notice on one submission needs a reason and is a violation.
    RequestCorrection {
        items: Vec<CorrectionItem>,
        second_notice_reason: Option<String>,
    },
    /// The window unit received the corrected materials at `received_at`.
    ReceiveCorrections {
        received_at: DateTime<FixedOffset>,
    },
    /// 不予受理, with the reason and its legal basis.
    RejectAtAcceptance {
        reason: String,
        legal_basis: String,
    },
    /// Complete a step of the flowchart with the officer's opinion.
    CompleteStep {
        step: String,
        opinion: String,
    },
    /// 退回 to an earlier step; the clocks keep running.
    ReturnToStep {
        step: String,
        reason: String,
    },
    /// Start a special stage (pauses the processing clock, Art 11). An
    /// undeclared stage needs an override reason and is a violation.
    StartSpecialStage {
        stage: String,
        override_reason: Option<String>,
    },
    EndSpecialStage,
    Decide {
        outcome: Outcome,
        opinion: String,
    },
    /// Public notice of the result until `until` (Art 12).
    StartPublicNotice {
        until: DateTime<FixedOffset>,
    },
    EndPublicNotice,
    PrepareResult,
    /// Push the result to the window unit and the applicant (Art 12).
    PushResult,
    /// The paper documents and certificates reach the window unit (Art 12:
    /// the same 3 working days, unless a result-delay filing moved them).
    DeliverPaper,
    /// The window unit hands the result out; only through the release gate.
    Release,
}

impl Action {
    /// A stable name for logs and the audit trail.
    pub fn name(&self) -> &'static str {
        match self {
            Action::Accept => "accept",
            Action::RequestCorrection { .. } => "request_correction",
            Action::ReceiveCorrections { .. } => "receive_corrections",
            Action::RejectAtAcceptance { .. } => "reject_at_acceptance",
            Action::CompleteStep { .. } => "complete_step",
            Action::ReturnToStep { .. } => "return_to_step",
            Action::StartSpecialStage { .. } => "start_special_stage",
            Action::EndSpecialStage => "end_special_stage",
            Action::Decide { .. } => "decide",
            Action::StartPublicNotice { .. } => "start_public_notice",
            Action::EndPublicNotice => "end_public_notice",
            Action::PrepareResult => "prepare_result",
            Action::PushResult => "push_result",
            Action::DeliverPaper => "deliver_paper",
            Action::Release => "release",
        }
    }
}
