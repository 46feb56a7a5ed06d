//! The case state machine: one function from (case, context, actor, time,
//! action) to the next case and its events.

use chrono::{DateTime, FixedOffset};

use super::action::Action;
use super::clocks::{case_clock_options, complexity_of, result_clock_start};
use super::error::CaseError;
use super::event::{CaseEvent, EventKind, Violation};
use super::record::{
    Acceptance, Case, CaseState, CorrectionNotice, Decision, NoticePeriod, ResultTimes, StepDone,
};
use super::steps::step_deadline;
use super::transfer::Transfer;
use crate::bundle::{
    standalone_permit, BundleInstance, MemberDecisions, Outcome, Outcomes, ReleasePermit,
    SerialWait,
};
use crate::calendar::WorkingCalendar;
use crate::clock::rules::{
    acceptance_deadline, processing_deadline, result_push_deadline, ItemComplexity,
};
use crate::clock::{deadline, DeadlineOptions, DeadlineOutcome, Pause, Period};
use crate::filing::FilingLedger;
use crate::guide::{
    GuideHistory, GuideVersion, HandledElsewhere, ServiceItem, StageDuration, StageKind, StepKind,
};

/// The bundle a case belongs to, with every member's outcome so far.
#[derive(Debug, Clone, Copy)]
pub struct BundleContext<'a> {
    pub instance: &'a BundleInstance,
    pub outcomes: &'a Outcomes,
    /// When each decided member decided, for a serial dependent's wait.
    pub decisions: &'a MemberDecisions,
}

/// The wait of an undecided `case` for its serial prerequisites (Art 17),
/// not yet in its record: the engine writes it into the case's pauses when
/// the case decides. `None` outside a bundle, before acceptance, after the
/// decision, or without a serial edge into the case's item.
pub fn pending_serial_wait(case: &Case, bundle: Option<&BundleContext<'_>>) -> Option<SerialWait> {
    let bundle = bundle?;
    if case.decision.is_some() || case.bundle_instance.as_deref() != Some(&bundle.instance.id) {
        return None;
    }
    let accepted = case.acceptance?.at;
    bundle
        .instance
        .serial_wait(&case.item_code, accepted, bundle.decisions)
}

/// Everything an action is judged against.
#[derive(Debug, Clone, Copy)]
pub struct CaseContext<'a> {
    /// The guide version the case is bound to.
    pub guide: &'a GuideVersion,
    pub calendar: &'a WorkingCalendar,
    pub options: DeadlineOptions,
    pub bundle: Option<BundleContext<'a>>,
    /// The exemption filings (备案) whose approvals widen what the rules
    /// allow: a special stage without a stated duration (Art 11), paper for
    /// a material (Art 9), a later paper delivery (Art 12).
    pub filings: Option<&'a FilingLedger>,
}

impl CaseContext<'_> {
    fn clock_options(&self) -> DeadlineOptions {
        case_clock_options(self.options)
    }

    fn complexity(&self) -> ItemComplexity {
        complexity_of(self.guide)
    }
}

/// The next case and what happened on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub case: Case,
    pub events: Vec<CaseEvent>,
}

/// Whether `item` may take new cases at all (Art 5: an item exists and is
/// handled where its setting says): a cancelled item takes none, one
/// delegated to another level (下放/委托) belongs there, and an instant item
/// entrusted or transferred to the approval bureau belongs in the service
/// hall (Art 18).
pub fn admit_item(item: &ServiceItem) -> Result<(), CaseError> {
    let code = &item.definition.code;
    if item.cancelled {
        return Err(CaseError::ItemCancelled {
            item_code: code.clone(),
        });
    }
    match item.definition.handled_elsewhere() {
        None => {}
        Some(HandledElsewhere::Delegated { to }) => {
            return Err(CaseError::ItemDelegated {
                item_code: code.clone(),
                to,
            })
        }
        Some(HandledElsewhere::ApprovalBureau(bureau)) => {
            return Err(CaseError::ItemWithApprovalBureau {
                item_code: code.clone(),
                bureau: bureau.name,
                mode: bureau.mode,
            })
        }
    }
    Ok(())
}

/// A transferred case, bound to the guide version in force when the window
/// unit received it (Art 7). `history` is the item's guide history, `None`
/// for an unknown item.
pub fn receive(transfer: Transfer, history: Option<&GuideHistory>) -> Result<Applied, CaseError> {
    for (field, value) in [
        ("case_number", &transfer.case_number),
        ("item_code", &transfer.item_code),
        ("window_unit", &transfer.window_unit),
        ("applicant.name", &transfer.applicant.name),
    ] {
        if value.trim().is_empty() {
            return Err(CaseError::Empty { field });
        }
    }
    let history = history.ok_or_else(|| CaseError::UnknownItem {
        item_code: transfer.item_code.clone(),
    })?;
    let version =
        history
            .in_force_at(transfer.received_at)
            .ok_or_else(|| CaseError::NoGuideInForce {
                item_code: transfer.item_code.clone(),
                received_at: transfer.received_at,
            })?;
    let case = Case {
        number: transfer.case_number,
        item_code: transfer.item_code,
        guide_version: version.number,
        applicant: transfer.applicant,
        window_unit: transfer.window_unit,
        received_at: transfer.received_at,
        submission: 1,
        submission_received_at: transfer.received_at,
        materials: transfer.materials,
        bundle_instance: transfer.bundle_instance,
        state: CaseState::Received,
        acceptance: None,
        corrections: Vec::new(),
        pauses: Vec::new(),
        steps_done: Vec::new(),
        decision: None,
        public_notice: None,
        result: ResultTimes::default(),
        holder: None,
        assignments: Vec::new(),
        signatures: Vec::new(),
        urges: Vec::new(),
        not_accepted_at: None,
    };
    let event = CaseEvent {
        case: case.number.clone(),
        at: case.received_at,
        actor: case.window_unit.clone(),
        on_behalf_of: None,
        kind: EventKind::Received {
            guide_version: version.number,
        },
    };
    Ok(Applied {
        case,
        events: vec![event],
    })
}

/// The actor of what happens by itself.
pub const SYSTEM: &str = "system";

struct Step<'c> {
    case: Case,
    events: Vec<CaseEvent>,
    at: DateTime<FixedOffset>,
    actor: &'c str,
}

impl Step<'_> {
    fn event(&mut self, kind: EventKind) {
        self.events.push(CaseEvent {
            case: self.case.number.clone(),
            at: self.at,
            actor: self.actor.to_owned(),
            on_behalf_of: None,
            kind,
        });
    }

    fn violation(&mut self, violation: Violation) {
        self.event(EventKind::Violation(violation));
    }
}

fn state_name(state: &CaseState) -> String {
    serde_json::to_value(state)
        .ok()
        .and_then(|v| v.get("state").and_then(|s| s.as_str()).map(str::to_owned))
        .unwrap_or_default()
}

fn not_allowed(action: &Action, case: &Case) -> CaseError {
    CaseError::NotAllowedInState {
        action: action.name(),
        state: state_name(&case.state),
    }
}

fn require_text(field: &'static str, value: &str) -> Result<(), CaseError> {
    if value.trim().is_empty() {
        Err(CaseError::Empty { field })
    } else {
        Ok(())
    }
}

/// The case deemed accepted (视同受理, Art 10) at its acceptance deadline
/// `due`, as of the window unit's receipt of its current submission, with
/// the event and its violation.
pub(super) fn deemed_accepted(case: &Case, due: DateTime<FixedOffset>) -> Applied {
    let accepted_at = case.submission_received_at;
    let mut next = case.clone();
    next.state = CaseState::InReview;
    next.acceptance = Some(Acceptance {
        at: accepted_at,
        deemed: true,
    });
    let event = |kind| CaseEvent {
        case: case.number.clone(),
        at: due,
        actor: SYSTEM.to_owned(),
        on_behalf_of: None,
        kind,
    };
    let events = vec![
        event(EventKind::DeemedAccepted { accepted_at }),
        event(EventKind::Violation(Violation::DeemedAcceptance {
            deadline: due,
        })),
    ];
    Applied { case: next, events }
}

/// A case still waiting at its acceptance deadline is deemed accepted
/// before any action is judged.
fn deem_if_due(step: &mut Step<'_>, ctx: &CaseContext<'_>) -> Result<(), CaseError> {
    if step.case.state != CaseState::Received {
        return Ok(());
    }
    let deadline = acceptance_deadline(
        ctx.calendar,
        step.case.submission_received_at,
        ctx.complexity(),
        ctx.clock_options(),
    )?;
    if step.at >= deadline.due {
        let deemed = deemed_accepted(&step.case, deadline.due);
        step.case = deemed.case;
        step.events.extend(deemed.events);
    }
    Ok(())
}

/// The processing deadline's due instant, when it is known.
fn processing_due(
    case: &Case,
    ctx: &CaseContext<'_>,
) -> Result<Option<DateTime<FixedOffset>>, CaseError> {
    let Some(acceptance) = case.acceptance else {
        return Ok(None);
    };
    let mut pauses = case.pauses.clone();
    pauses.extend(pending_serial_wait(case, ctx.bundle.as_ref()).map(|w| w.pause()));
    let outcome = processing_deadline(
        ctx.calendar,
        acceptance.at,
        ctx.guide.item.promised_limit.period_length(),
        pauses,
        ctx.clock_options(),
    )?;
    Ok(match outcome {
        DeadlineOutcome::Due(d) => Some(d.due),
        DeadlineOutcome::Suspended(_) => None,
    })
}

fn flag_if_late(
    step: &mut Step<'_>,
    ctx: &CaseContext<'_>,
    action: &Action,
) -> Result<(), CaseError> {
    if let Some(due) = processing_due(&step.case, ctx)? {
        if step.at >= due {
            step.violation(Violation::ActionAfterDeadline {
                action: action.name().to_owned(),
                deadline: due,
            });
        }
    }
    Ok(())
}

/// The steps that must be completed before `step` (its predecessors that
/// are still open; the start counts as done once the case is accepted).
fn waiting_on(case: &Case, guide: &GuideVersion, step: &str) -> Vec<String> {
    let chart = &guide.content.flowchart;
    chart
        .edges
        .iter()
        .filter(|e| e.to == step)
        .filter_map(|e| chart.step(&e.from))
        .filter(|s| s.kind != StepKind::Start && !case.step_done(&s.id))
        .map(|s| s.id.clone())
        .collect()
}

/// Art 6: a step completed after its maximum time is recorded.
fn flag_step_overrun(
    step: &mut Step<'_>,
    ctx: &CaseContext<'_>,
    id: &str,
) -> Result<(), CaseError> {
    if let Some(due) = step_deadline(&step.case, ctx.guide, ctx.calendar, id)? {
        if step.at >= due.due {
            step.violation(Violation::StepOverrun {
                step: id.to_owned(),
                deadline: due.due,
            });
        }
    }
    Ok(())
}

fn complete_step(step: &mut Step<'_>, id: &str, opinion: &str) {
    let record = StepDone {
        step: id.to_owned(),
        by: step.actor.to_owned(),
        at: step.at,
        opinion: opinion.to_owned(),
    };
    step.case.steps_done.push(record);
    step.event(EventKind::StepCompleted {
        step: id.to_owned(),
    });
}

fn ready_step(case: &Case, guide: &GuideVersion, id: &str) -> Result<(), CaseError> {
    if case.step_done(id) {
        return Err(CaseError::StepAlreadyDone {
            step: id.to_owned(),
        });
    }
    let waiting = waiting_on(case, guide, id);
    if waiting.is_empty() {
        Ok(())
    } else {
        Err(CaseError::StepNotReady {
            step: id.to_owned(),
            waiting_on: waiting,
        })
    }
}

fn kind_name(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Start => "start",
        StepKind::Step => "step",
        StepKind::SpecialStage => "special stage",
        StepKind::Decision => "decision",
        StepKind::End => "end",
    }
}

/// When the special-stage filing that `stage` of `guide` rests on
/// (`StageDuration::ByFiling`) stopped taking effect; `None` for a stage
/// with an estimated duration or a filing still in effect.
pub(crate) fn stage_filing_ended_at(
    guide: &GuideVersion,
    filings: Option<&FilingLedger>,
    stage: &str,
) -> Option<DateTime<FixedOffset>> {
    let declared = guide.content.stage(stage)?;
    let StageDuration::ByFiling { filing } = &declared.duration else {
        return None;
    };
    filings?.stage_filing_ended_at(&guide.item.code, &declared.id, filing)
}

/// The bundle context of a bundle case, checked to be the case's own.
fn bundle_of<'a>(
    case: &Case,
    ctx: &CaseContext<'a>,
    instance: &str,
) -> Result<BundleContext<'a>, CaseError> {
    let bundle = ctx.bundle.ok_or_else(|| CaseError::BundleContextMissing {
        case: case.number.clone(),
        instance: instance.to_owned(),
    })?;
    if bundle.instance.id != instance
        || bundle.instance.case_number(&case.item_code) != Some(case.number.as_str())
    {
        return Err(CaseError::WrongBundle {
            case: case.number.clone(),
            instance: instance.to_owned(),
            given: bundle.instance.id.clone(),
        });
    }
    Ok(bundle)
}

/// Art 12: when the paper documents of `case`'s result are due at the
/// window unit, as known at `at`: 3 working days from the result clock's
/// start, later under an approved result-delay filing. `None` before the
/// decision.
pub(super) fn paper_deadline(
    case: &Case,
    calendar: &WorkingCalendar,
    filings: Option<&FilingLedger>,
    options: DeadlineOptions,
    at: DateTime<FixedOffset>,
) -> Result<Option<DateTime<FixedOffset>>, CaseError> {
    let Some(start) = result_clock_start(case) else {
        return Ok(None);
    };
    let standard = result_push_deadline(calendar, start, options)?.due;
    Ok(Some(match filings {
        Some(ledger) => ledger.paper_delivery_deadline(&case.number, standard, at),
        None => standard,
    }))
}

/// What the guide declares of a public notice (公示) as a special stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DeclaredNotice {
    /// Not declared: its time counts (see `NoticePeriod::declared`).
    Undeclared,
    /// Declared by a special-stage filing in effect: no stated duration.
    Unbounded,
    /// Declared with an estimated duration: it ends at the latest then.
    Until(DateTime<FixedOffset>),
}

/// The public notice the guide declares, for a notice starting at `at`
/// (Art 11: a stage runs within its estimated duration, or without one
/// while its special-stage filing is approved).
fn declared_notice(
    guide: &GuideVersion,
    ctx: &CaseContext<'_>,
    at: DateTime<FixedOffset>,
) -> Result<DeclaredNotice, CaseError> {
    let Some(notice) = guide
        .content
        .special_stages
        .iter()
        .find(|s| s.kind == StageKind::PublicNotice)
    else {
        return Ok(DeclaredNotice::Undeclared);
    };
    match &notice.duration {
        StageDuration::Estimated { limit } => {
            let period = Period {
                start: at,
                length: limit.period_length(),
                pauses: Vec::new(),
            };
            Ok(
                match deadline(ctx.calendar, &period, ctx.clock_options())? {
                    DeadlineOutcome::Due(due) => DeclaredNotice::Until(due.due),
                    DeadlineOutcome::Suspended(_) => DeclaredNotice::Unbounded,
                },
            )
        }
        StageDuration::ByFiling { filing } => {
            let in_effect = ctx.filings.is_some_and(|ledger| {
                ledger.stage_filing_in_effect(&guide.item.code, &notice.id, filing, at)
            });
            if in_effect {
                Ok(DeclaredNotice::Unbounded)
            } else {
                Err(CaseError::StageFilingNotInEffect {
                    stage: notice.id.clone(),
                    filing: filing.clone(),
                })
            }
        }
    }
}

/// The only way a case becomes released: it takes a permit, which only the
/// release gate (or, for a case outside any bundle, `standalone_permit`)
/// hands out, and the permit must be this case's.
fn release_with(step: &mut Step<'_>, permit: &ReleasePermit) -> Result<(), CaseError> {
    let matches = permit.case_number() == step.case.number
        && permit.bundle_instance() == step.case.bundle_instance.as_deref();
    if !matches {
        return Err(CaseError::PermitForAnotherCase {
            case: step.case.number.clone(),
        });
    }
    step.case.state = CaseState::Released;
    step.case.result.released_at = Some(step.at);
    step.event(EventKind::Released);
    Ok(())
}

/// Applies `action` by `actor` at `at`. A case still waiting for acceptance
/// past its deadline is first deemed accepted (with its violation), and the
/// action is then judged on that.
pub fn apply(
    case: &Case,
    ctx: &CaseContext<'_>,
    actor: &str,
    at: DateTime<FixedOffset>,
    action: Action,
) -> Result<Applied, CaseError> {
    if ctx.guide.number != case.guide_version || ctx.guide.item.code != case.item_code {
        return Err(CaseError::WrongGuideVersion {
            case: case.number.clone(),
            bound: case.guide_version,
            given: ctx.guide.number,
        });
    }
    let mut step = Step {
        case: case.clone(),
        events: Vec::new(),
        at,
        actor,
    };
    deem_if_due(&mut step, ctx)?;
    let guide = ctx.guide;
    match (&step.case.state, &action) {
        (CaseState::Received, Action::Accept) => {
            step.case.state = CaseState::InReview;
            step.case.acceptance = Some(Acceptance { at, deemed: false });
            step.event(EventKind::Accepted);
        }
        // A notice while one is outstanding answers the same submission: it
        // is the second notice the one-time rule forbids.
        (
            CaseState::Received | CaseState::CorrectionRequested,
            Action::RequestCorrection {
                items,
                second_notice_reason,
            },
        ) => {
            if items.is_empty() {
                return Err(CaseError::Empty { field: "items" });
            }
            for item in items {
                if guide.content.material(&item.material_id).is_none() {
                    return Err(CaseError::MaterialOutsideGuide {
                        material_id: item.material_id.clone(),
                    });
                }
                require_text("problem", &item.problem)?;
                if item.paper {
                    let allowed = guide.content.material(&item.material_id).is_some_and(|m| {
                        (m.paper_required || !m.electronic_accepted)
                            && m.paper_filing.as_deref().is_some_and(|filing| {
                                ctx.filings.is_some_and(|ledger| {
                                    ledger.paper_allowed(&guide.item.code, &m.id, filing, at)
                                })
                            })
                    });
                    if !allowed {
                        return Err(CaseError::PaperNotAllowed {
                            material_id: item.material_id.clone(),
                        });
                    }
                }
            }
            let submission = step.case.submission;
            let repeated = step
                .case
                .corrections
                .iter()
                .any(|c| c.submission == submission);
            // 一次性告知 (Art 10): everything missing is listed at once, so a
            // notice on corrected materials may only concern the materials
            // of the first notice; any other is what the first one omitted.
            let omitted: Vec<String> = match step.case.corrections.first() {
                Some(first) if submission > first.submission => items
                    .iter()
                    .filter(|item| {
                        !first
                            .items
                            .iter()
                            .any(|asked| asked.material_id == item.material_id)
                    })
                    .map(|item| item.material_id.clone())
                    .collect(),
                _ => Vec::new(),
            };
            let reason = second_notice_reason
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty());
            let beyond_first = repeated || !omitted.is_empty();
            // A second notice on one submission still answers that
            // submission: it is bounded by the same acceptance clock (Art 10).
            if repeated {
                let due = acceptance_deadline(
                    ctx.calendar,
                    step.case.submission_received_at,
                    ctx.complexity(),
                    ctx.clock_options(),
                )?
                .due;
                if at >= due {
                    return Err(CaseError::SecondNoticeAfterAcceptanceDeadline { deadline: due });
                }
            }
            match (beyond_first, reason) {
                (true, None) if repeated => {
                    return Err(CaseError::SecondCorrectionNotice { submission })
                }
                (true, None) => {
                    return Err(CaseError::OmittedFromFirstNotice {
                        material_ids: omitted,
                    })
                }
                (true, Some(reason)) => step.violation(Violation::SecondCorrectionNotice {
                    submission,
                    reason: reason.to_owned(),
                }),
                (false, _) => {}
            }
            step.case.corrections.push(CorrectionNotice {
                submission,
                at,
                by: actor.to_owned(),
                items: items.clone(),
                second_notice_reason: reason.filter(|_| beyond_first).map(str::to_owned),
            });
            step.case.state = CaseState::CorrectionRequested;
            step.event(EventKind::CorrectionRequested {
                submission,
                items: items.clone(),
            });
        }
        (CaseState::CorrectionRequested, Action::ReceiveCorrections { received_at }) => {
            // The corrections answer the notice: they were received after it
            // and not in the future (their receipt restarts the acceptance
            // clock, Art 10, so a wrong time would move the deadline).
            let notice_at = step.case.corrections.last().map(|c| c.at);
            if notice_at.is_some_and(|n| *received_at < n) || *received_at > at {
                return Err(CaseError::CorrectionsReceivedOutOfRange {
                    received_at: *received_at,
                    notice_at,
                    now: at,
                });
            }
            step.case.submission += 1;
            step.case.submission_received_at = *received_at;
            step.case.state = CaseState::Received;
            let submission = step.case.submission;
            step.event(EventKind::CorrectionsReceived { submission });
        }
        (
            CaseState::Received,
            Action::RejectAtAcceptance {
                reason,
                legal_basis,
            },
        ) => {
            require_text("reason", reason)?;
            require_text("legal_basis", legal_basis)?;
            step.case.state = CaseState::NotAccepted;
            step.case.not_accepted_at = Some(at);
            step.event(EventKind::NotAccepted {
                reason: reason.clone(),
                legal_basis: legal_basis.clone(),
            });
        }
        (CaseState::InReview, Action::CompleteStep { step: id, opinion }) => {
            let kind = guide
                .content
                .flowchart
                .step(id)
                .map(|s| s.kind)
                .ok_or_else(|| CaseError::UnknownStep { step: id.clone() })?;
            if kind != StepKind::Step {
                return Err(CaseError::WrongStepKind {
                    step: id.clone(),
                    kind: kind_name(kind),
                });
            }
            require_text("opinion", opinion)?;
            ready_step(&step.case, guide, id)?;
            flag_if_late(&mut step, ctx, &action)?;
            flag_step_overrun(&mut step, ctx, id)?;
            complete_step(&mut step, id, opinion);
        }
        (CaseState::InReview, Action::ReturnToStep { step: id, reason }) => {
            require_text("reason", reason)?;
            let chart = &guide.content.flowchart;
            let start = chart
                .index_of(id)
                .ok_or_else(|| CaseError::UnknownStep { step: id.clone() })?;
            if !step.case.step_done(id) {
                return Err(CaseError::ReturnToOpenStep { step: id.clone() });
            }
            let next = chart.successors();
            let mut reopen = vec![start];
            let mut cursor = 0;
            while cursor < reopen.len() {
                for &j in &next[reopen[cursor]] {
                    if !reopen.contains(&j) {
                        reopen.push(j);
                    }
                }
                cursor += 1;
            }
            let reopened: Vec<String> = reopen
                .iter()
                .map(|&i| chart.steps[i].id.clone())
                .filter(|s| step.case.step_done(s))
                .collect();
            step.case.steps_done.retain(|d| !reopened.contains(&d.step));
            step.event(EventKind::Returned {
                to: id.clone(),
                reason: reason.clone(),
                reopened,
            });
        }
        (
            CaseState::InReview,
            Action::StartSpecialStage {
                stage,
                override_reason,
            },
        ) => {
            let declared = guide.content.stage(stage);
            let chart_step = guide.content.flowchart.steps.iter().find(|s| {
                s.kind == StepKind::SpecialStage && s.stage.as_deref() == Some(stage.as_str())
            });
            // A stage whose duration cannot be stated pauses the clock only
            // while its special-stage filing is approved (Art 11).
            let covered = |declared: &crate::guide::SpecialStage| match &declared.duration {
                StageDuration::Estimated { .. } => true,
                StageDuration::ByFiling { filing } => ctx.filings.is_some_and(|ledger| {
                    ledger.stage_filing_in_effect(&guide.item.code, &declared.id, filing, at)
                }),
            };
            let reason = match (declared, chart_step) {
                (Some(declared), Some(chart_step)) if covered(declared) => {
                    ready_step(&step.case, guide, &chart_step.id)?;
                    Some(format!("{}：{}", declared.kind.name_zh(), declared.name))
                }
                (Some(declared), Some(_)) if override_reason.is_none() => {
                    return Err(CaseError::StageFilingNotInEffect {
                        stage: declared.id.clone(),
                        filing: match &declared.duration {
                            StageDuration::ByFiling { filing } => filing.clone(),
                            StageDuration::Estimated { .. } => String::new(),
                        },
                    });
                }
                _ => {
                    let Some(why) = override_reason
                        .as_deref()
                        .map(str::trim)
                        .filter(|r| !r.is_empty())
                    else {
                        return Err(CaseError::UndeclaredStage {
                            stage: stage.clone(),
                        });
                    };
                    // Art 11: only a declared stage (or one an approved
                    // filing covers) stops the clock. An undeclared one is
                    // recorded, but its time counts: the deadline stays.
                    step.violation(Violation::PauseWithoutDeclaredStage {
                        stage: stage.clone(),
                        reason: why.to_owned(),
                    });
                    None
                }
            };
            if let Some(reason) = reason {
                step.case.pauses.push(Pause {
                    start: at,
                    end: None,
                    reason,
                });
            }
            step.case.state = CaseState::SpecialStage {
                stage: stage.clone(),
            };
            step.event(EventKind::SpecialStageStarted {
                stage: stage.clone(),
            });
        }
        (CaseState::SpecialStage { stage }, Action::EndSpecialStage) => {
            let stage = stage.clone();
            // A pause resting on a filing ends at the filing's revocation
            // if that came first (Art 11; the sweep records it on time).
            let filing_ended = stage_filing_ended_at(guide, ctx.filings, &stage);
            let mut started = None;
            if let Some(pause) = step.case.pauses.iter_mut().rev().find(|p| p.end.is_none()) {
                pause.end = Some(filing_ended.map_or(at, |ended| ended.max(pause.start).min(at)));
                started = Some(pause.start);
            }
            // Art 11: a declared stage states its estimated duration; one
            // that ran past it is recorded (its time still does not count).
            if let (Some(started), Some(declared)) = (started, guide.content.stage(&stage)) {
                if let StageDuration::Estimated { limit } = &declared.duration {
                    let period = Period {
                        start: started,
                        length: limit.period_length(),
                        pauses: Vec::new(),
                    };
                    if let DeadlineOutcome::Due(due) =
                        deadline(ctx.calendar, &period, ctx.clock_options())?
                    {
                        if at >= due.due {
                            step.violation(Violation::StageOverrun {
                                stage: stage.clone(),
                                estimated_end: due.due,
                            });
                        }
                    }
                }
            }
            step.case.state = CaseState::InReview;
            step.event(EventKind::SpecialStageEnded {
                stage: stage.clone(),
            });
            let chart_step = guide
                .content
                .flowchart
                .steps
                .iter()
                .find(|s| {
                    s.kind == StepKind::SpecialStage && s.stage.as_deref() == Some(stage.as_str())
                })
                .map(|s| s.id.clone());
            if let Some(id) = chart_step {
                if !step.case.step_done(&id) {
                    complete_step(&mut step, &id, "特殊环节完成");
                }
            }
        }
        (CaseState::InReview, Action::Decide { outcome, opinion }) => {
            require_text("opinion", opinion)?;
            let chart = &guide.content.flowchart;
            let decision_step = chart
                .steps
                .iter()
                .find(|s| s.kind == StepKind::Decision && !step.case.step_done(&s.id))
                .map(|s| s.id.clone());
            match &decision_step {
                Some(id) => ready_step(&step.case, guide, id)?,
                None => {
                    let open: Vec<String> = chart
                        .steps
                        .iter()
                        .filter(|s| {
                            matches!(s.kind, StepKind::Step | StepKind::SpecialStage)
                                && !step.case.step_done(&s.id)
                        })
                        .map(|s| s.id.clone())
                        .collect();
                    if !open.is_empty() {
                        return Err(CaseError::StepNotReady {
                            step: "decision".to_owned(),
                            waiting_on: open,
                        });
                    }
                }
            }
            if let Some(instance) = &step.case.bundle_instance {
                let bundle = bundle_of(&step.case, ctx, instance)?;
                bundle
                    .instance
                    .may_decide(&step.case.item_code, bundle.outcomes)?;
            }
            // Art 17: the wait for a serial prerequisite's result is not the
            // case's time; once over it becomes part of the record.
            if let Some(wait) = pending_serial_wait(&step.case, ctx.bundle.as_ref()) {
                if wait.until.is_some() {
                    step.case.pauses.push(wait.pause());
                    step.event(EventKind::SerialWaitEnded { wait });
                }
            }
            flag_if_late(&mut step, ctx, &action)?;
            if let Some(id) = decision_step {
                flag_step_overrun(&mut step, ctx, &id)?;
                complete_step(&mut step, &id, opinion);
            }
            step.case.decision = Some(Decision {
                outcome: *outcome,
                opinion: opinion.clone(),
                by: actor.to_owned(),
                at,
            });
            step.case.state = CaseState::Decided;
            step.event(EventKind::Decided { outcome: *outcome });
        }
        (CaseState::Decided, Action::StartPublicNotice { until }) => {
            if *until <= at {
                return Err(CaseError::NoticeEndsBeforeStart);
            }
            // Art 17: a notice publishes the result, so inside a bundle it
            // waits for the release gate like the release itself.
            if let Some(instance) = &step.case.bundle_instance {
                let bundle = bundle_of(&step.case, ctx, instance)?;
                // Only asked for: the notice publishes, the release comes later.
                let _gate_open = bundle
                    .instance
                    .release_permit(&step.case.item_code, bundle.outcomes)?;
            }
            let declared = declared_notice(guide, ctx, at)?;
            if let DeclaredNotice::Until(latest) = declared {
                if *until > latest {
                    return Err(CaseError::NoticeLongerThanDeclared {
                        until: *until,
                        latest,
                    });
                }
            }
            step.case.public_notice = Some(NoticePeriod {
                from: at,
                until: *until,
                declared: declared != DeclaredNotice::Undeclared,
            });
            step.case.state = CaseState::PublicNotice;
            step.event(EventKind::PublicNoticeStarted { until: *until });
        }
        (CaseState::PublicNotice, Action::EndPublicNotice) => {
            if let Some(notice) = step.case.public_notice {
                if at < notice.until {
                    return Err(CaseError::PublicNoticeRunning {
                        until: notice.until,
                    });
                }
            }
            step.event(EventKind::PublicNoticeEnded);
            step.case.state = CaseState::ResultReady;
            step.case.result.ready_at = Some(at);
            step.event(EventKind::ResultReady);
        }
        (CaseState::Decided, Action::PrepareResult) => {
            let approved = step
                .case
                .decision
                .as_ref()
                .is_some_and(|d| d.outcome == Outcome::Approved);
            if approved && guide.item.result_needs_public_notice {
                return Err(CaseError::PublicNoticeRequired);
            }
            step.case.state = CaseState::ResultReady;
            step.case.result.ready_at = Some(at);
            step.event(EventKind::ResultReady);
        }
        (CaseState::ResultReady, Action::PushResult) => {
            if let Some(start) = result_clock_start(&step.case) {
                let deadline = result_push_deadline(ctx.calendar, start, ctx.clock_options())?;
                if at >= deadline.due {
                    step.violation(Violation::LatePush {
                        deadline: deadline.due,
                    });
                }
            }
            step.case.state = CaseState::ResultPushed;
            step.case.result.pushed_at = Some(at);
            step.event(EventKind::ResultPushed);
        }
        (CaseState::ResultReady | CaseState::ResultPushed, Action::DeliverPaper)
            if step.case.result.paper_delivered_at.is_none() =>
        {
            if let Some(deadline) = paper_deadline(
                &step.case,
                ctx.calendar,
                ctx.filings,
                ctx.clock_options(),
                at,
            )? {
                if at >= deadline && !step.case.result.paper_overdue_flagged {
                    step.violation(Violation::LatePaperDelivery { deadline });
                }
            }
            step.case.result.paper_delivered_at = Some(at);
            step.event(EventKind::PaperDelivered);
        }
        (CaseState::ResultPushed, Action::Release) => {
            // Art 12, 13: where the result is also paper, the window unit
            // hands it out only once the paper has reached it.
            if guide.item.result_kind.has_paper() && step.case.result.paper_delivered_at.is_none() {
                return Err(CaseError::PaperNotDelivered);
            }
            let permit = match &step.case.bundle_instance {
                Some(instance) => {
                    let bundle = bundle_of(&step.case, ctx, instance)?;
                    bundle
                        .instance
                        .release_permit(&step.case.item_code, bundle.outcomes)?
                }
                None => standalone_permit(&step.case.number),
            };
            release_with(&mut step, &permit)?;
        }
        (
            CaseState::Received
            | CaseState::CorrectionRequested
            | CaseState::InReview
            | CaseState::SpecialStage { .. },
            Action::PushResult,
        ) => return Err(CaseError::PushBeforeDecision),
        _ => return Err(not_allowed(&action, &step.case)),
    }
    Ok(Applied {
        case: step.case,
        events: step.events,
    })
}
