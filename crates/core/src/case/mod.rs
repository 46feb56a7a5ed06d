//! Cases (办件): from the window unit's transfer (收件转办) to the released
//! result, under Art 10–13 and 17 (DESIGN.md 3.2–3.6).
//!
//! The engine is a pure function: a case, the guide version it is bound to,
//! the calendar, who acts and when, and an action give the next case and the
//! events it produced — or a typed error naming the rule that refuses it.

mod action;
mod clocks;
mod desk;
mod engine;
mod error;
mod event;
mod offered;
mod record;
mod steps;
mod sweep;
mod transfer;

pub use action::{Action, CorrectionItem};
pub use clocks::{case_clock_options, case_due, complexity_of, result_clock_start, CaseDue};
pub use desk::{
    apply_as, assign_by_rule, AssignmentRule, Delegation, DepartmentWorkflow, DeskAction, SignOff,
    WorkflowProblem,
};
pub use engine::{
    admit_item, apply, pending_serial_wait, receive, Applied, BundleContext, CaseContext,
};
pub use error::CaseError;
pub use event::{CaseEvent, EventKind, Violation};
pub use offered::{
    candidates, dry_run, offered_actions, Candidate, CorrectableMaterial, Offer, OfferContext,
    OfferedAction, SignOffStanding,
};
pub use record::{
    Acceptance, Case, CaseState, CorrectionNotice, Decision, NoticePeriod, ResultTimes, StepDone,
};
pub use steps::{open_step_standings, step_deadline, step_ready_at, StepStanding};
pub use sweep::{deemed_acceptance_sweep, overdue_paper, stage_filing_revoked};
pub use transfer::{Applicant, SubmittedForm, SubmittedMaterial, Transfer};
