use chrono::{DateTime, FixedOffset};

use crate::bundle::{DecisionBlocked, ReleaseBlocked};
use crate::clock::ClockError;

/// Why an action on a case is refused; each names the rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseError {
    #[error("item {item_code} is not known")]
    UnknownItem { item_code: String },
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
    #[error("the result cannot be pushed before the decision")]
    PushBeforeDecision,
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
