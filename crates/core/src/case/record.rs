//! A case as it stands.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::action::CorrectionItem;
use super::transfer::{Applicant, SubmittedMaterial};
use crate::bundle::Outcome;
use crate::clock::Pause;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum CaseState {
    /// Waiting for acceptance or a one-time correction notice.
    Received,
    /// A one-time correction notice (一次性告知补正) was sent.
    CorrectionRequested,
    /// 不予受理: ended at acceptance.
    NotAccepted,
    /// Accepted (or deemed accepted): the flowchart's steps run.
    InReview,
    /// In a special stage (特殊环节): the processing clock is paused.
    SpecialStage {
        stage: String,
    },
    Decided,
    /// The result's public notice runs before it may be released (Art 12).
    PublicNotice,
    ResultReady,
    /// Pushed to the window unit and the applicant (withheld in a bundle
    /// until the release gate opens).
    ResultPushed,
    /// Handed out by the window unit.
    Released,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acceptance {
    pub at: DateTime<FixedOffset>,
    /// 视同受理: nobody answered in time (Art 10).
    pub deemed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionNotice {
    /// The submission the notice answers (1 = the original one).
    pub submission: u32,
    pub at: DateTime<FixedOffset>,
    pub by: String,
    pub items: Vec<CorrectionItem>,
    /// Why a second notice on one submission was sent (a violation).
    pub second_notice_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepDone {
    pub step: String,
    pub by: String,
    pub at: DateTime<FixedOffset>,
    /// 审查意见, which later feeds the decision letter.
    pub opinion: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub outcome: Outcome,
    pub opinion: String,
    pub by: String,
    pub at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticePeriod {
    pub from: DateTime<FixedOffset>,
    pub until: DateTime<FixedOffset>,
    /// The guide declares the public notice as a special stage (Art 11), so
    /// its time is not counted against the result clocks (Art 12: they run
    /// from its end). A notice the guide does not declare counts, like any
    /// undeclared stage. Stored cases from before this field count theirs.
    #[serde(default)]
    pub declared: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ResultTimes {
    pub ready_at: Option<DateTime<FixedOffset>>,
    pub pushed_at: Option<DateTime<FixedOffset>>,
    pub released_at: Option<DateTime<FixedOffset>>,
    /// When the paper documents reached the window unit.
    #[serde(default)]
    pub paper_delivered_at: Option<DateTime<FixedOffset>>,
    /// The sweep found the paper past its deadline and recorded the
    /// violation (Art 12): a later delivery does not record it again.
    #[serde(default)]
    pub paper_overdue_flagged: bool,
}

/// A case bound to one version of its item's guide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub number: String,
    pub item_code: String,
    /// The guide version in force when the window unit received it (Art 7).
    pub guide_version: u32,
    pub applicant: Applicant,
    pub window_unit: String,
    /// The window unit's receipt of the original submission.
    pub received_at: DateTime<FixedOffset>,
    /// 1 for the original submission, +1 for each round of corrections.
    pub submission: u32,
    /// The receipt of the current submission: the acceptance clock runs
    /// from here (corrections restart it).
    pub submission_received_at: DateTime<FixedOffset>,
    pub materials: Vec<SubmittedMaterial>,
    pub bundle_instance: Option<String>,
    pub state: CaseState,
    pub acceptance: Option<Acceptance>,
    pub corrections: Vec<CorrectionNotice>,
    /// Pauses of the processing clock (special stages).
    pub pauses: Vec<Pause>,
    pub steps_done: Vec<StepDone>,
    pub decision: Option<Decision>,
    pub public_notice: Option<NoticePeriod>,
    pub result: ResultTimes,
    /// The officer who holds the case (承办人); `None`: in the department's pool.
    #[serde(default)]
    pub holder: Option<String>,
    #[serde(default)]
    pub assignments: Vec<AssignmentChange>,
    /// Signatures of steps that need several (会签) or any one (或签).
    #[serde(default)]
    pub signatures: Vec<StepDone>,
    /// 催办 records.
    #[serde(default)]
    pub urges: Vec<Urge>,
    /// When the case was refused at acceptance (不予受理).
    #[serde(default)]
    pub not_accepted_at: Option<DateTime<FixedOffset>>,
}

/// One change of holder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentChange {
    pub from: Option<String>,
    pub to: String,
    pub by: String,
    pub at: DateTime<FixedOffset>,
    /// Empty for an assignment by rule.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Urge {
    pub by: String,
    pub at: DateTime<FixedOffset>,
    pub note: String,
}

impl Case {
    pub fn step_done(&self, step: &str) -> bool {
        self.steps_done.iter().any(|s| s.step == step)
    }

    /// What the bundle's release gate reads of this case (Art 17): its
    /// decision, or — refused at acceptance (不予受理) — a rejection, since
    /// no approval will come and its dependents must not wait for one
    /// forever; `None` while undecided.
    pub fn gate_outcome(&self) -> Option<crate::bundle::Outcome> {
        match (&self.decision, &self.state) {
            (Some(decision), _) => Some(decision.outcome),
            (None, CaseState::NotAccepted) => Some(crate::bundle::Outcome::Rejected),
            (None, _) => None,
        }
    }

    /// When the case got its [`Case::gate_outcome`]: the decision, or the
    /// refusal at acceptance. A serial dependent waits until then (Art 17).
    pub fn gate_decided_at(&self) -> Option<DateTime<FixedOffset>> {
        match (&self.decision, &self.state) {
            (Some(decision), _) => Some(decision.at),
            (None, CaseState::NotAccepted) => self.not_accepted_at,
            (None, _) => None,
        }
    }
}
