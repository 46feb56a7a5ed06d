//! What an officer may do to a case now: the actions the rules allow,
//! found without encoding the rules a second time. Every candidate the
//! case's guide, its record and the department's workflow suggest
//! (accept, a correction notice on each bound material, each open step,
//! each earlier step to return to, each declared special stage …) is tried
//! on the engine ([`apply_as`], or [`apply`] without a workflow) as a dry
//! run: the engine is pure, so nothing changes, and whatever it accepts is
//! offered — with the exact action it accepted, so a caller (and the
//! property tests) can check that an offered action applies.

use chrono::{DateTime, FixedOffset, TimeDelta};

use super::action::{Action, CorrectionItem};
use super::desk::{apply_as, DepartmentWorkflow, DeskAction, SignOff};
use super::engine::{apply, Applied, CaseContext};
use super::error::CaseError;
use super::record::{Case, CaseState};
use crate::bundle::Outcome;
use crate::guide::{StageKind, StepKind};

/// The text a dry run stands in for the officer's own (an opinion, a
/// reason): the engine only asks that it is there.
const PROBE_TEXT: &str = "（试算）";

/// A material of the bound guide version a correction notice may list now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectableMaterial {
    pub id: String,
    pub name: String,
    /// Required by the guide (not only under a condition).
    pub required: bool,
    /// Listing it needs a recorded reason: a second notice on the same
    /// submission, or a material the first notice omitted (Art 10; the
    /// notice is then recorded as a violation).
    pub needs_reason: bool,
    /// It may be asked for on paper (an approved paper-materials filing,
    /// Art 9).
    pub paper_allowed: bool,
}

/// Where a 会签/或签 step's signatures stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOffStanding {
    pub sign_off: SignOff,
    /// Who has signed, in order.
    pub signed: Vec<String>,
}

/// One action the rules allow now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfferedAction {
    /// Send the acceptance notice (受理通知书).
    Accept,
    /// The one-time correction notice (一次性告知补正) over these materials.
    RequestCorrection {
        materials: Vec<CorrectableMaterial>,
    },
    /// 不予受理, with a reason and its legal basis.
    RefuseAcceptance,
    /// Complete (or, under a sign-off, sign) an open, ready step.
    CompleteStep {
        step: String,
        name: String,
        sign_off: Option<SignOffStanding>,
    },
    /// 退回 to a completed step.
    ReturnToStep {
        step: String,
        name: String,
    },
    /// Start a special stage the guide declares (Art 11).
    StartSpecialStage {
        stage: String,
        name: String,
        kind: StageKind,
    },
    EndSpecialStage {
        stage: String,
    },
    /// Decide (准予 / 不予); `step` is the flowchart's decision step.
    Decide {
        step: Option<String>,
        sign_off: Option<SignOffStanding>,
    },
    StartPublicNotice,
    EndPublicNotice,
    PrepareResult,
    PushResult,
    DeliverPaper,
    /// Take the case from the pool and give it to one of `to`.
    Assign {
        to: Vec<String>,
    },
    /// 转办 to one of `to`, with a reason.
    Reassign {
        to: Vec<String>,
    },
    /// 催办 the holder.
    Urge,
}

/// An offered action, with the dry run that found it allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub action: OfferedAction,
    /// The officer the actor would act for under a delegation (委托).
    pub on_behalf_of: Option<String>,
    /// The action the engine accepted in the dry run (one of them, for an
    /// offer over several materials or people).
    pub probe: DeskAction,
}

/// Who acts, when, and under which rules.
#[derive(Debug, Clone, Copy)]
pub struct OfferContext<'a> {
    pub actor: &'a str,
    pub at: DateTime<FixedOffset>,
    /// The department's workflow; `None`: only the law's rules apply and
    /// the department's actions (assign, reassign, urge) are not offered.
    pub desk: Option<&'a DepartmentWorkflow>,
}

/// The engine's verdict on `action`, changing nothing.
pub fn dry_run(
    case: &Case,
    ctx: &CaseContext<'_>,
    acting: &OfferContext<'_>,
    action: &DeskAction,
) -> Result<Applied, CaseError> {
    match (acting.desk, action) {
        (Some(desk), _) => apply_as(case, ctx, desk, acting.actor, acting.at, action.clone()),
        (None, DeskAction::Case(action)) => {
            apply(case, ctx, acting.actor, acting.at, action.clone())
        }
        (None, _) => Err(CaseError::NotPermitted {
            actor: acting.actor.to_owned(),
            what: "act without the department's workflow".to_owned(),
        }),
    }
}

fn case_action(action: Action) -> DeskAction {
    DeskAction::Case(action)
}

fn correction(material: &str, paper: bool, reason: Option<&str>) -> DeskAction {
    case_action(Action::RequestCorrection {
        items: vec![CorrectionItem {
            material_id: material.to_owned(),
            problem: PROBE_TEXT.to_owned(),
            paper,
        }],
        second_notice_reason: reason.map(str::to_owned),
    })
}

/// One candidate: what would be offered, and the action that tries it.
pub struct Candidate {
    pub action: OfferedAction,
    pub probe: DeskAction,
}

fn candidate(action: OfferedAction, probe: DeskAction) -> Candidate {
    Candidate { action, probe }
}

fn sign_off_of(
    case: &Case,
    desk: Option<&DepartmentWorkflow>,
    step: &str,
) -> Option<SignOffStanding> {
    let sign_off = desk?.sign_offs.get(&case.item_code)?.get(step)?;
    Some(SignOffStanding {
        sign_off: sign_off.clone(),
        signed: case
            .signatures
            .iter()
            .filter(|s| s.step == step)
            .map(|s| s.by.clone())
            .collect(),
    })
}

/// Every action worth trying on `case` now, each once (people and
/// materials are tried one by one by [`offered_actions`]). Whether the
/// rules allow it is not judged here.
pub fn candidates(case: &Case, ctx: &CaseContext<'_>, acting: &OfferContext<'_>) -> Vec<Candidate> {
    let guide = ctx.guide;
    let chart = &guide.content.flowchart;
    let mut found = vec![
        candidate(OfferedAction::Accept, case_action(Action::Accept)),
        candidate(
            OfferedAction::RefuseAcceptance,
            case_action(Action::RejectAtAcceptance {
                reason: PROBE_TEXT.to_owned(),
                legal_basis: PROBE_TEXT.to_owned(),
            }),
        ),
    ];
    for step in chart.steps.iter().filter(|s| s.kind == StepKind::Step) {
        found.push(candidate(
            OfferedAction::CompleteStep {
                step: step.id.clone(),
                name: step.name.clone(),
                sign_off: sign_off_of(case, acting.desk, &step.id),
            },
            case_action(Action::CompleteStep {
                step: step.id.clone(),
                opinion: PROBE_TEXT.to_owned(),
            }),
        ));
    }
    let mut returned = Vec::new();
    for done in &case.steps_done {
        if returned.contains(&done.step) {
            continue;
        }
        returned.push(done.step.clone());
        let name = chart
            .step(&done.step)
            .map_or_else(|| done.step.clone(), |s| s.name.clone());
        found.push(candidate(
            OfferedAction::ReturnToStep {
                step: done.step.clone(),
                name,
            },
            case_action(Action::ReturnToStep {
                step: done.step.clone(),
                reason: PROBE_TEXT.to_owned(),
            }),
        ));
    }
    for stage in &guide.content.special_stages {
        found.push(candidate(
            OfferedAction::StartSpecialStage {
                stage: stage.id.clone(),
                name: stage.name.clone(),
                kind: stage.kind.clone(),
            },
            case_action(Action::StartSpecialStage {
                stage: stage.id.clone(),
                override_reason: None,
            }),
        ));
    }
    if let CaseState::SpecialStage { stage } = &case.state {
        found.push(candidate(
            OfferedAction::EndSpecialStage {
                stage: stage.clone(),
            },
            case_action(Action::EndSpecialStage),
        ));
    }
    let decision_step = chart
        .steps
        .iter()
        .find(|s| s.kind == StepKind::Decision && !case.step_done(&s.id))
        .map(|s| s.id.clone());
    found.push(candidate(
        OfferedAction::Decide {
            sign_off: decision_step
                .as_deref()
                .and_then(|s| sign_off_of(case, acting.desk, s)),
            step: decision_step,
        },
        case_action(Action::Decide {
            outcome: Outcome::Approved,
            opinion: PROBE_TEXT.to_owned(),
        }),
    ));
    // Public notice where the item's result needs one or its guide
    // declares one (Art 11, 12).
    let notice_declared = guide
        .content
        .special_stages
        .iter()
        .any(|s| s.kind == StageKind::PublicNotice);
    if guide.item.result_needs_public_notice || notice_declared {
        found.push(candidate(
            OfferedAction::StartPublicNotice,
            case_action(Action::StartPublicNotice {
                until: acting.at + TimeDelta::minutes(1),
            }),
        ));
        found.push(candidate(
            OfferedAction::EndPublicNotice,
            case_action(Action::EndPublicNotice),
        ));
    }
    found.push(candidate(
        OfferedAction::PrepareResult,
        case_action(Action::PrepareResult),
    ));
    found.push(candidate(
        OfferedAction::PushResult,
        case_action(Action::PushResult),
    ));
    // Paper delivery only for a result that has paper (Art 12).
    if guide.item.result_kind.has_paper() {
        found.push(candidate(
            OfferedAction::DeliverPaper,
            case_action(Action::DeliverPaper),
        ));
    }
    if acting.desk.is_some() {
        found.push(candidate(
            OfferedAction::Urge,
            DeskAction::Urge {
                note: PROBE_TEXT.to_owned(),
            },
        ));
    }
    found
}

/// Everyone the workflow names as holding a role, each once, in order.
fn people(desk: &DepartmentWorkflow) -> Vec<String> {
    let mut people: Vec<String> = Vec::new();
    for holder in desk.role_holders.values().flatten() {
        if !people.contains(holder) {
            people.push(holder.clone());
        }
    }
    people
}

/// The actions the rules allow `acting.actor` on `case` at `acting.at`,
/// each found by a dry run of the engine.
pub fn offered_actions(
    case: &Case,
    ctx: &CaseContext<'_>,
    acting: &OfferContext<'_>,
) -> Vec<Offer> {
    let mut offers = Vec::new();
    let mut offer = |action: OfferedAction, probe: DeskAction, applied: &Applied| {
        let on_behalf_of = applied
            .events
            .iter()
            .find(|e| e.actor == acting.actor)
            .and_then(|e| e.on_behalf_of.clone());
        offers.push(Offer {
            action,
            on_behalf_of,
            probe,
        });
    };
    if let Some(corrections) = correction_offer(case, ctx, acting) {
        let (action, probe, applied) = corrections;
        offer(action, probe, &applied);
    }
    for Candidate { action, probe } in candidates(case, ctx, acting) {
        if let Ok(applied) = dry_run(case, ctx, acting, &probe) {
            offer(action, probe, &applied);
        }
    }
    if let Some(desk) = acting.desk {
        let assign = people_offer(case, ctx, acting, desk, |to| DeskAction::Assign { to });
        if let Some((to, probe, applied)) = assign {
            offer(OfferedAction::Assign { to }, probe, &applied);
        }
        let reassign = people_offer(case, ctx, acting, desk, |to| DeskAction::Reassign {
            to,
            reason: PROBE_TEXT.to_owned(),
        });
        if let Some((to, probe, applied)) = reassign {
            offer(OfferedAction::Reassign { to }, probe, &applied);
        }
    }
    offers
}

/// The people of the workflow `make` is allowed for, with the first
/// dry run that allowed it.
fn people_offer(
    case: &Case,
    ctx: &CaseContext<'_>,
    acting: &OfferContext<'_>,
    desk: &DepartmentWorkflow,
    make: impl Fn(String) -> DeskAction,
) -> Option<(Vec<String>, DeskAction, Applied)> {
    let mut allowed = Vec::new();
    let mut first = None;
    for person in people(desk) {
        let probe = make(person.clone());
        if let Ok(applied) = dry_run(case, ctx, acting, &probe) {
            allowed.push(person);
            first.get_or_insert((probe, applied));
        }
    }
    let (probe, applied) = first?;
    Some((allowed, probe, applied))
}

/// The correction notice, tried on each material of the bound guide: as
/// a first notice, then with a reason, and on paper.
fn correction_offer(
    case: &Case,
    ctx: &CaseContext<'_>,
    acting: &OfferContext<'_>,
) -> Option<(OfferedAction, DeskAction, Applied)> {
    let mut materials = Vec::new();
    let mut first = None;
    for material in &ctx.guide.content.materials {
        let plain = correction(&material.id, false, None);
        let (needs_reason, probe, applied) = match dry_run(case, ctx, acting, &plain) {
            Ok(applied) => (false, plain, applied),
            Err(_) => {
                let reasoned = correction(&material.id, false, Some(PROBE_TEXT));
                match dry_run(case, ctx, acting, &reasoned) {
                    Ok(applied) => (true, reasoned, applied),
                    Err(_) => continue,
                }
            }
        };
        let reason = needs_reason.then_some(PROBE_TEXT);
        let paper_allowed =
            dry_run(case, ctx, acting, &correction(&material.id, true, reason)).is_ok();
        materials.push(CorrectableMaterial {
            id: material.id.clone(),
            name: material.name.clone(),
            required: matches!(material.requirement, crate::guide::Requirement::Required),
            needs_reason,
            paper_allowed,
        });
        first.get_or_insert((probe, applied));
    }
    let (probe, applied) = first?;
    Some((
        OfferedAction::RequestCorrection { materials },
        probe,
        applied,
    ))
}

#[cfg(test)]
mod tests;
