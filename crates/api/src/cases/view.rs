//! The case view (办件详情) and acting from it: one case in full as the
//! window shows it — its materials with their seals, its place on its
//! flowchart, every clock explained, its audit trail, the actions the
//! rules allow now (core's dry run, `case::offered_actions`), its bundle
//! and its result — and a request of the window mapped onto
//! [`act_on_case`]. The bundle view draws a case's bundle as a graph.

use approval_core::access::Action as Permission;
use approval_core::bundle::{Outcome, WaitReason};
use approval_core::case::{
    case_clock_options, offered_actions, result_clock_start, Action, Case, CaseContext, CaseState,
    CorrectionItem, DeskAction, EventKind, Offer, OfferContext, OfferedAction, SignOff,
    SignOffStanding,
};
use approval_core::clock::rules::RESULT_PUSH_WORKING_DAYS;
use approval_core::clock::{
    explain, status_at, DeadlineOptions, DeadlineOutcome, Explanation, Pause, Period, PeriodLength,
    Timeliness, DEFAULT_WARNING_WORKING_DAYS,
};
use approval_core::guide::{GuideVersion, StepKind};
use approval_store::{case_state_word, MaterialFile, ResultDocumentFile, StoreTx, StoredCase};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

use super::inbox::{case_detail, CaseDetail, DeadlineKind};
use super::serial::{case_bundle, CaseBundle};
use super::{act_on_case, bound_version, load_case, CaseActRequest};
use crate::access::{item_target, may_view, require, Actor};
use crate::bundles::{bundle_status, MemberCase, ReleaseGate};
use crate::views::bundle::{BundleEdgeView, BundleNodeView, BundleView, BundleWaitView};
use crate::views::case::{
    ApplicantView, BundleRefView, CaseActionKind, CaseActionRequest, CaseItemView, CaseView,
    ClockView, CorrectableMaterialView, CorrectionLineView, CorrectionView, FlowEdgeView,
    FlowNodeView, FlowchartView, HistoryEntryView, MaterialView, OfferedActionView,
    OfferedKindView, PauseView, PublicNoticeView, ResultDocumentView, ResultView, ReviewView,
    SignOffView, StepStandingView,
};
use crate::views::ExplanationView;
use crate::{in_read_unit, ApiError, Desk};

/// What the case view reads in one unit of work besides the case detail.
struct Gathered {
    stored: StoredCase,
    guide: GuideVersion,
    offers: Vec<Offer>,
    history: Vec<approval_core::audit::AuditEntry>,
    files: Vec<MaterialFile>,
    document: Option<ResultDocumentFile>,
    tracking: Option<String>,
    bundle: Option<BundleRefView>,
}

/// Case `number` in full as `actor` sees it at `now`, with the actions
/// the rules allow `actor` now.
pub async fn case_view(
    desk: &Desk,
    actor: &Actor,
    number: &str,
    now: DateTime<FixedOffset>,
) -> Result<CaseView, ApiError> {
    let detail = case_detail(desk, actor, number, now).await?;
    let calendar = desk.calendar()?;
    let gathered = in_read_unit!(desk.db(), async |tx| {
        gather(tx, actor, number, now, &calendar).await
    })
    .await?;
    let materials = materials(
        desk,
        &gathered.stored.case,
        &gathered.guide,
        &gathered.files,
    );
    let clocks = clocks(&detail, &gathered.stored.case, &calendar, now)?;
    Ok(assemble(detail, gathered, materials, clocks))
}

async fn gather(
    tx: &mut StoreTx,
    actor: &Actor,
    number: &str,
    now: DateTime<FixedOffset>,
    calendar: &approval_core::calendar::WorkingCalendar,
) -> Result<Gathered, ApiError> {
    let (stored, history) = load_case(tx, number).await?;
    let guide = bound_version(&history, &stored.case)?.clone();
    let target = item_target(tx, &stored.case.item_code, &guide.item).await?;
    require(tx, actor, Permission::ViewCase, target.clone()).await?;
    let case = &stored.case;
    let workflow = tx.department_workflow().await?;
    let ledger = tx.filing_ledger().await?;
    let bundle = case_bundle(tx, &ledger, case, now).await?;
    let ctx = CaseContext {
        guide: &guide,
        calendar,
        options: DeadlineOptions::default(),
        bundle: bundle.as_ref().map(CaseBundle::context),
        filings: Some(&ledger),
    };
    let asking = OfferContext {
        actor: actor.name(),
        at: now,
        desk: workflow.as_ref(),
    };
    let mut offers = offered_actions(case, &ctx, &asking);
    // The grants decide too: the rules' offer stands only for what the
    // actor's role may do (as `act_on_case` checks).
    let act = may_view(tx, actor, Permission::ActOnCase, &target).await?;
    let assign = may_view(tx, actor, Permission::AssignCase, &target).await?;
    let urge = may_view(tx, actor, Permission::UrgeCase, &target).await?;
    offers.retain(|offer| match &offer.probe {
        DeskAction::Case(_) => act,
        DeskAction::Assign { .. } | DeskAction::Reassign { .. } => assign,
        DeskAction::Urge { .. } => urge,
    });
    let subject = format!("case:{number}");
    let history = tx.audit_entries_of(&subject).await?;
    let bundle_ref = bundle.as_ref().map(|b| BundleRefView {
        id: b.instance.id.clone(),
        code: b.instance.bundle.code.clone(),
        name: b.instance.bundle.name.clone(),
    });
    Ok(Gathered {
        files: tx.material_files(number).await?,
        document: tx.result_document(number).await?,
        tracking: tx.paper_tracking(number).await?,
        stored,
        guide,
        offers,
        history,
        bundle: bundle_ref,
    })
}

fn rfc3339(at: &DateTime<FixedOffset>) -> String {
    at.with_timezone(&approval_core::china_time::CHINA_STANDARD_TIME)
        .to_rfc3339()
}

fn assemble(
    detail: CaseDetail,
    gathered: Gathered,
    materials: Vec<MaterialView>,
    clocks: Vec<ClockView>,
) -> CaseView {
    let Gathered {
        stored,
        guide,
        offers,
        history,
        document,
        tracking,
        bundle,
        ..
    } = gathered;
    let case = &stored.case;
    let certificate = approval_contract::codes::CertificateType::ALL
        .iter()
        .find(|c| c.name_zh() == case.applicant.id_type);
    let kind = certificate.map(|c| match c {
        approval_contract::codes::CertificateType::UnifiedSocialCreditCode => "legal_person",
        _ => "natural_person",
    });
    CaseView {
        number: case.number.clone(),
        version: stored.version,
        state: case_state_word(&case.state).to_owned(),
        special_stage: match &case.state {
            CaseState::SpecialStage { stage } => Some(stage.clone()),
            _ => None,
        },
        item: CaseItemView {
            code: guide.item.code.clone(),
            name: guide.item.name.clone(),
            department: guide.item.department.clone(),
            needs_public_notice: guide.item.result_needs_public_notice,
            has_paper: guide.item.result_kind.has_paper(),
        },
        guide_version: case.guide_version,
        applicant: ApplicantView {
            name: case.applicant.name.clone(),
            kind: kind.map(str::to_owned),
            certificate_type: case.applicant.id_type.clone(),
            certificate_number: case.applicant.id_number.clone(),
            phone: case.applicant.phone.clone(),
        },
        received_at: rfc3339(&case.received_at),
        window_unit: case.window_unit.clone(),
        officer: case.holder.clone(),
        materials,
        flowchart: flowchart(case, &guide),
        clocks,
        steps: detail
            .steps
            .iter()
            .map(|s| StepStandingView {
                step: s.step.clone(),
                name: s.name.clone(),
                due: rfc3339(&s.due),
                timeliness: timeliness_word(s.timeliness).to_owned(),
                remaining_working_days: s.remaining_working_days,
            })
            .collect(),
        pauses: pauses(&case.pauses),
        corrections: case
            .corrections
            .iter()
            .map(|c| CorrectionView {
                submission: c.submission,
                at: rfc3339(&c.at),
                by: c.by.clone(),
                items: c
                    .items
                    .iter()
                    .map(|i| CorrectionLineView {
                        material: i.material_id.clone(),
                        note: i.problem.clone(),
                        paper: i.paper,
                    })
                    .collect(),
                second_notice_reason: c.second_notice_reason.clone(),
            })
            .collect(),
        history: history.iter().map(history_entry).collect(),
        offered: offers.into_iter().map(offered_view).collect(),
        bundle,
        result: result_view(case, document.as_ref(), tracking),
        reviews: detail
            .reviews
            .iter()
            .map(|r| ReviewView {
                level: r.level.code().to_owned(),
                label: r.level.name_zh().to_owned(),
                comment: r.comment.clone(),
                at: rfc3339(&r.at),
            })
            .collect(),
    }
}

fn timeliness_word(timeliness: Timeliness) -> &'static str {
    match timeliness {
        Timeliness::OnTime => "on_time",
        Timeliness::Warning => "warning",
        Timeliness::Overdue => "overdue",
    }
}

fn pauses(pauses: &[Pause]) -> Vec<PauseView> {
    pauses
        .iter()
        .map(|p| PauseView {
            start: rfc3339(&p.start),
            end: p.end.as_ref().map(rfc3339),
            reason: p.reason.clone(),
        })
        .collect()
}

fn step_kind_word(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Start => "start",
        StepKind::Step => "step",
        StepKind::SpecialStage => "special_stage",
        StepKind::Decision => "decision",
        StepKind::End => "end",
    }
}

/// Where step `id` of `guide` stands for `case`.
fn step_status(case: &Case, guide: &GuideVersion, index: usize) -> &'static str {
    let Some(step) = guide.content.flowchart.steps.get(index) else {
        return "pending";
    };
    let accepted = case.acceptance.is_some();
    let working = matches!(
        case.state,
        CaseState::InReview | CaseState::SpecialStage { .. }
    );
    match step.kind {
        StepKind::Start if accepted || case.state == CaseState::NotAccepted => "done",
        StepKind::Start => "current",
        StepKind::End if case.state == CaseState::Released => "done",
        StepKind::End if case.decision.is_some() => "current",
        StepKind::Decision if case.step_done(&step.id) || case.decision.is_some() => "done",
        _ if case.step_done(&step.id) => "done",
        StepKind::SpecialStage => match &case.state {
            CaseState::SpecialStage { stage } if step.stage.as_deref() == Some(stage.as_str()) => {
                "current"
            }
            _ if working && approval_core::case::step_ready_at(case, guide, &step.id).is_some() => {
                "current"
            }
            _ => "pending",
        },
        _ if working && approval_core::case::step_ready_at(case, guide, &step.id).is_some() => {
            "current"
        }
        _ => "pending",
    }
}

/// The case's flowchart laid out by the public chart's layout.
fn flowchart(case: &Case, guide: &GuideVersion) -> FlowchartView {
    let chart = &guide.content.flowchart;
    let layout = approval_docs::layout_with_stages(chart, &guide.content.special_stages);
    let nodes = layout
        .boxes
        .iter()
        .filter_map(|placed| {
            let step = chart.steps.get(placed.step_index)?;
            Some(FlowNodeView {
                id: step.id.clone(),
                label: step.name.clone(),
                role: step.role.clone(),
                x: placed.x,
                y: placed.y,
                width: placed.width,
                height: placed.height,
                shape: step_kind_word(step.kind).to_owned(),
                status: step_status(case, guide, placed.step_index).to_owned(),
                special: step.kind == StepKind::SpecialStage,
                limit: step.limit.map(|l| l.to_zh()),
            })
        })
        .collect();
    let edges = FlowEdgeView::routed(chart, &layout.edges);
    FlowchartView {
        width: layout.width,
        height: layout.height,
        nodes,
        edges,
    }
}

fn explanation_view(explanation: &Explanation) -> ExplanationView {
    ExplanationView {
        days: explanation.days.iter().cloned().map(Into::into).collect(),
        text: explanation.to_text(),
    }
}

fn clock_view(
    (kind, label): (&str, &str),
    (start, pauses_of): (DateTime<FixedOffset>, &[Pause]),
    explanation: &Explanation,
    calendar: &approval_core::calendar::WorkingCalendar,
    now: DateTime<FixedOffset>,
) -> Result<ClockView, ApiError> {
    let (due, last_day, provisional, status) = match &explanation.outcome {
        DeadlineOutcome::Due(d) => (
            Some(rfc3339(&d.due)),
            Some(d.last_day.to_string()),
            d.provisional,
            Some(status_at(calendar, d, now, DEFAULT_WARNING_WORKING_DAYS)?),
        ),
        DeadlineOutcome::Suspended(s) => (None, None, s.provisional, None),
    };
    Ok(ClockView {
        kind: kind.to_owned(),
        label: label.to_owned(),
        start: rfc3339(&start),
        due,
        last_day,
        timeliness: status.map(|s| timeliness_word(s.timeliness).to_owned()),
        remaining_working_days: status.map(|s| s.remaining_working_days),
        provisional,
        explanation: explanation_view(explanation),
        pauses: pauses(pauses_of),
    })
}

/// The running clock (acceptance or processing) and, once decided and
/// until pushed, the result clock (Art 12).
fn clocks(
    detail: &CaseDetail,
    case: &Case,
    calendar: &approval_core::calendar::WorkingCalendar,
    now: DateTime<FixedOffset>,
) -> Result<Vec<ClockView>, ApiError> {
    let mut clocks = Vec::new();
    if let Some(deadline) = &detail.deadline {
        let mut pauses = case.pauses.clone();
        pauses.extend(detail.serial_wait.as_ref().map(|w| w.pause()));
        let (kind, label, start) = match deadline.kind {
            DeadlineKind::Acceptance => ("acceptance", "受理期限", case.submission_received_at),
            DeadlineKind::Processing => (
                "processing",
                "承诺办结时限",
                case.acceptance.map_or(case.received_at, |a| a.at),
            ),
        };
        if kind == "acceptance" {
            pauses.clear();
        }
        clocks.push(clock_view(
            (kind, label),
            (start, &pauses),
            &deadline.explanation,
            calendar,
            now,
        )?);
    }
    if let (Some(start), None) = (result_clock_start(case), case.result.pushed_at) {
        let period = Period {
            start,
            length: PeriodLength::WorkingDays(RESULT_PUSH_WORKING_DAYS),
            pauses: Vec::new(),
        };
        let explanation = explain(
            calendar,
            &period,
            case_clock_options(DeadlineOptions::default()),
        )?;
        clocks.push(clock_view(
            ("result_push", "结果推送期限"),
            (start, &[]),
            &explanation,
            calendar,
            now,
        )?);
    }
    Ok(clocks)
}

fn is_pdf(file: &MaterialFile) -> bool {
    file.media_type == "application/pdf" || file.file_name.to_lowercase().ends_with(".pdf")
}

/// The submitted materials, each with its file and, for a PDF, its seals.
fn materials(
    desk: &Desk,
    case: &Case,
    guide: &GuideVersion,
    files: &[MaterialFile],
) -> Vec<MaterialView> {
    case.materials
        .iter()
        .enumerate()
        .map(|(index, material)| {
            let index = u32::try_from(index).unwrap_or(u32::MAX);
            let file = files.iter().find(|f| f.position == index);
            let (seal, seal_error) = match file.filter(|f| is_pdf(f)) {
                Some(file) => {
                    match crate::seals::check_incoming_seal(desk, &file.file_name, &file.content) {
                        Ok(view) => (Some(view), None),
                        Err(error) => (None, Some(error)),
                    }
                }
                None => (None, None),
            };
            let submitted_name = match &material.form {
                approval_core::case::SubmittedForm::Electronic { file_name, .. } => {
                    Some(file_name.clone())
                }
                approval_core::case::SubmittedForm::Paper => None,
            };
            MaterialView {
                index,
                name: material.name.clone(),
                material_id: material.material_id.clone(),
                in_guide: material
                    .material_id
                    .as_deref()
                    .is_some_and(|id| guide.content.material(id).is_some()),
                form: match material.form {
                    approval_core::case::SubmittedForm::Electronic { .. } => "electronic",
                    approval_core::case::SubmittedForm::Paper => "paper",
                }
                .to_owned(),
                file_name: file.map(|f| f.file_name.clone()).or(submitted_name),
                media_type: file.map(|f| f.media_type.clone()),
                size: file.map(|f| f.content.len() as u64),
                sha256: file.map(|f| f.sha256.clone()),
                has_file: file.is_some(),
                seal,
                seal_error,
            }
        })
        .collect()
}

fn history_entry(entry: &approval_core::audit::AuditEntry) -> HistoryEntryView {
    let record = &entry.record;
    let state = |value: &serde_json::Value| {
        value
            .pointer("/state/state")
            .and_then(|s| s.as_str())
            .map(str::to_owned)
    };
    let events: Vec<EventKind> = record
        .after
        .get("events")
        .and_then(|e| serde_json::from_value(e.clone()).ok())
        .unwrap_or_default();
    let name = |kind: &EventKind| {
        serde_json::to_value(kind)
            .ok()
            .and_then(|v| v.get("event").and_then(|e| e.as_str()).map(str::to_owned))
    };
    HistoryEntryView {
        sequence: entry.sequence,
        at: rfc3339(&record.at),
        actor: record.actor.clone(),
        action: record.action.clone(),
        state_before: state(&record.before),
        state_after: state(&record.after),
        events: events.iter().filter_map(name).collect(),
        violations: events
            .iter()
            .filter_map(|e| match e {
                EventKind::Violation(v) => Some(v.message_zh()),
                _ => None,
            })
            .collect(),
    }
}

fn sign_off_view(standing: SignOffStanding) -> SignOffView {
    let (mode, signers) = match standing.sign_off {
        SignOff::All { signers } => ("all", signers),
        SignOff::Any { signers } => ("any", signers),
    };
    SignOffView {
        mode: mode.to_owned(),
        signers,
        signed: standing.signed,
    }
}

fn offered_view(offer: Offer) -> OfferedActionView {
    let action = match offer.action {
        OfferedAction::Accept => OfferedKindView::Accept,
        OfferedAction::RequestCorrection { materials } => OfferedKindView::RequestCorrection {
            materials: materials
                .into_iter()
                .map(|m| CorrectableMaterialView {
                    id: m.id,
                    name: m.name,
                    required: m.required,
                    needs_reason: m.needs_reason,
                    paper_allowed: m.paper_allowed,
                })
                .collect(),
        },
        OfferedAction::RefuseAcceptance => OfferedKindView::RefuseAcceptance,
        OfferedAction::CompleteStep {
            step,
            name,
            sign_off,
        } => OfferedKindView::CompleteStep {
            step,
            name,
            sign_off: sign_off.map(sign_off_view),
        },
        OfferedAction::ReturnToStep { step, name } => OfferedKindView::ReturnToStep { step, name },
        OfferedAction::StartSpecialStage { stage, name, kind } => {
            OfferedKindView::StartSpecialStage {
                stage,
                name,
                stage_kind: serde_json::to_value(kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
            }
        }
        OfferedAction::EndSpecialStage { stage } => OfferedKindView::EndSpecialStage { stage },
        OfferedAction::Decide { step, sign_off } => OfferedKindView::Decide {
            step,
            sign_off: sign_off.map(sign_off_view),
        },
        OfferedAction::StartPublicNotice => OfferedKindView::StartPublicNotice,
        OfferedAction::EndPublicNotice => OfferedKindView::EndPublicNotice,
        OfferedAction::PrepareResult => OfferedKindView::PrepareResult,
        OfferedAction::PushResult => OfferedKindView::PushResult,
        OfferedAction::DeliverPaper => OfferedKindView::DeliverPaper,
        OfferedAction::Assign { to } => OfferedKindView::Assign { to },
        OfferedAction::Reassign { to } => OfferedKindView::Reassign { to },
        OfferedAction::Urge => OfferedKindView::Urge,
    };
    OfferedActionView {
        action,
        on_behalf_of: offer.on_behalf_of,
    }
}

fn outcome_word(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Approved => "approved",
        Outcome::Rejected => "rejected",
    }
}

fn result_view(
    case: &Case,
    document: Option<&ResultDocumentFile>,
    tracking: Option<String>,
) -> Option<ResultView> {
    if case.decision.is_none() && case.not_accepted_at.is_none() {
        return None;
    }
    let decision = case.decision.as_ref();
    Some(ResultView {
        outcome: decision.map(|d| outcome_word(d.outcome).to_owned()),
        opinion: decision.map(|d| d.opinion.clone()),
        decided_by: decision.map(|d| d.by.clone()),
        decided_at: decision.map(|d| rfc3339(&d.at)),
        not_accepted_at: case.not_accepted_at.as_ref().map(rfc3339),
        public_notice: case.public_notice.map(|n| PublicNoticeView {
            from: rfc3339(&n.from),
            until: rfc3339(&n.until),
            declared: n.declared,
        }),
        ready_at: case.result.ready_at.as_ref().map(rfc3339),
        pushed_at: case.result.pushed_at.as_ref().map(rfc3339),
        released_at: case.result.released_at.as_ref().map(rfc3339),
        paper_delivered_at: case.result.paper_delivered_at.as_ref().map(rfc3339),
        document: document.map(|d| ResultDocumentView {
            file_name: d.file_name.clone(),
            sha256: d.sha256.clone(),
            size: d.content.len() as u64,
            verification_code: d.verification_code.clone(),
            sealed_at: rfc3339(&d.sealed_at),
        }),
        tracking_number: tracking,
    })
}

fn invalid(field: &str, message: String, message_en: String) -> ApiError {
    ApiError::invalid_input(message, message_en).at_field(field)
}

/// When a public notice given as `until` ends: an RFC 3339 instant, or a
/// date, whose whole day the notice runs (to 24:00, Beijing time).
fn notice_until(until: &str) -> Result<DateTime<FixedOffset>, ApiError> {
    if let Ok(at) = DateTime::parse_from_rfc3339(until.trim()) {
        return Ok(at);
    }
    NaiveDate::parse_from_str(until.trim(), "%Y-%m-%d")
        .ok()
        .and_then(|d| d.succ_opt())
        .map(|next| approval_core::china_time::china_instant(next, NaiveTime::MIN))
        .ok_or_else(|| {
            invalid(
                "until",
                format!("公示截止时间“{until}”无效：应为日期（YYYY-MM-DD）或 RFC 3339 时间"),
                format!(
                    "the notice's end {until:?} is not a date (YYYY-MM-DD) nor an RFC 3339 instant"
                ),
            )
        })
}

/// The engine's (or the department's) action a window request names.
pub fn desk_action(kind: &CaseActionKind) -> Result<DeskAction, ApiError> {
    let case = |action| Ok(DeskAction::Case(action));
    match kind.clone() {
        CaseActionKind::Accept => case(Action::Accept),
        CaseActionKind::RequestCorrection {
            items,
            second_notice_reason,
        } => case(Action::RequestCorrection {
            items: items
                .into_iter()
                .map(|line| CorrectionItem {
                    material_id: line.material,
                    problem: line.note,
                    paper: line.paper,
                })
                .collect(),
            second_notice_reason,
        }),
        CaseActionKind::Refuse { basis, reason } => case(Action::RejectAtAcceptance {
            reason,
            legal_basis: basis,
        }),
        CaseActionKind::CompleteStep { step, opinion } => {
            case(Action::CompleteStep { step, opinion })
        }
        CaseActionKind::ReturnToStep { step, reason } => {
            case(Action::ReturnToStep { step, reason })
        }
        CaseActionKind::Assign { to } => Ok(DeskAction::Assign { to }),
        CaseActionKind::Reassign { to, reason } => Ok(DeskAction::Reassign { to, reason }),
        CaseActionKind::Urge { note } => Ok(DeskAction::Urge { note }),
        CaseActionKind::StartSpecialStage {
            stage,
            override_reason,
        } => case(Action::StartSpecialStage {
            stage,
            override_reason,
        }),
        CaseActionKind::EndSpecialStage => case(Action::EndSpecialStage),
        CaseActionKind::Decide { outcome, opinion } => {
            let outcome = match outcome.as_str() {
                "approved" => Outcome::Approved,
                "rejected" => Outcome::Rejected,
                other => {
                    return Err(invalid(
                        "outcome",
                        format!("决定结果“{other}”无效：应为 approved（准予）或 rejected（不予）"),
                        format!("the outcome {other:?} must be approved or rejected"),
                    ))
                }
            };
            case(Action::Decide { outcome, opinion })
        }
        CaseActionKind::StartPublicNotice { until } => case(Action::StartPublicNotice {
            until: notice_until(&until)?,
        }),
        CaseActionKind::EndPublicNotice => case(Action::EndPublicNotice),
        CaseActionKind::PrepareResult => case(Action::PrepareResult),
        CaseActionKind::PushResult => case(Action::PushResult),
        CaseActionKind::DeliverPaper => case(Action::DeliverPaper),
    }
}

/// Does what the window asks to case `request.number` as `actor` at
/// `now`, refused (`case_changed`) when the case moved on from the version
/// the officer saw; answers with the case as it stands after. A refusal
/// keeps the rules' code and Chinese message.
pub async fn case_act(
    desk: &Desk,
    actor: &Actor,
    request: CaseActionRequest,
    now: DateTime<FixedOffset>,
) -> Result<CaseView, ApiError> {
    let action = desk_action(&request.action)?;
    act_on_case(
        desk,
        actor,
        now,
        CaseActRequest {
            number: request.number.clone(),
            action,
            expected_version: Some(request.expected_version),
        },
    )
    .await?;
    case_view(desk, actor, &request.number, now).await
}

fn wait_word(reason: WaitReason) -> &'static str {
    match reason {
        WaitReason::Pending => "pending",
        WaitReason::Rejected => "rejected",
    }
}

/// The bundle of case `number` as a graph, as `actor` may see it.
pub async fn bundle_view(
    desk: &Desk,
    actor: &Actor,
    number: &str,
    now: DateTime<FixedOffset>,
) -> Result<BundleView, ApiError> {
    let (instance_id, edges, names, states) = in_read_unit!(desk.db(), async |tx| {
        let (stored, history) = load_case(tx, number).await?;
        let guide = bound_version(&history, &stored.case)?;
        let target = item_target(tx, &stored.case.item_code, &guide.item).await?;
        require(tx, actor, Permission::ViewCase, target).await?;
        let ledger = tx.filing_ledger().await?;
        let Some(bundle) = case_bundle(tx, &ledger, &stored.case, now).await? else {
            return Err(ApiError::not_found(
                format!("办件{number}不属于任何套餐"),
                format!("case {number} belongs to no bundle"),
            ));
        };
        let instance = &bundle.instance;
        let edges: Vec<BundleEdgeView> = instance
            .bundle
            .prerequisites
            .iter()
            .map(|p| BundleEdgeView {
                prerequisite: p.prerequisite.clone(),
                dependent: p.dependent.clone(),
                serial: instance.is_serial(&p.prerequisite, &p.dependent),
            })
            .collect();
        let mut names = Vec::new();
        let mut states = Vec::new();
        for member in &instance.bundle.members {
            names.push(
                tx.item(&member.item_code)
                    .await?
                    .map(|i| i.definition.name.clone()),
            );
            let state = match instance.case_number(&member.item_code) {
                Some(case_number) => tx.case(case_number).await?.map(|c| c.state),
                None => None,
            };
            states.push(state);
        }
        Ok((instance.id.clone(), edges, names, states))
    })
    .await?;
    let status = bundle_status(desk, actor, &instance_id).await?;
    let layers = layers(&status.members, &edges);
    let kind = in_read_unit!(desk.db(), async |tx| {
        Ok(tx
            .bundle_instance(&instance_id)
            .await?
            .map(|i| i.bundle.kind))
    })
    .await?;
    let nodes = status
        .members
        .iter()
        .enumerate()
        .map(|(i, member)| {
            let (gate, waiting_on, needs_new_decision) = match &member.gate {
                ReleaseGate::NotDecided => ("not_decided", Vec::new(), false),
                ReleaseGate::Releasable => ("releasable", Vec::new(), false),
                ReleaseGate::Withheld {
                    waiting_on,
                    needs_new_decision,
                } => ("withheld", waiting_on.clone(), *needs_new_decision),
            };
            let (case_number, other_department) = match &member.case {
                MemberCase::Number(number) => (number.clone(), false),
                MemberCase::OtherDepartment => (None, true),
            };
            BundleNodeView {
                item_code: member.item_code.clone(),
                item_name: names.get(i).cloned().flatten(),
                department: member.department.clone(),
                state: if other_department {
                    None
                } else {
                    states
                        .get(i)
                        .and_then(|s| s.as_ref())
                        .map(|s| case_state_word(s).to_owned())
                },
                case_number,
                other_department,
                outcome: member.outcome.map(|o| outcome_word(o).to_owned()),
                gate: gate.to_owned(),
                waiting_on: waiting_on
                    .into_iter()
                    .map(|(item, reason)| BundleWaitView {
                        item_code: item,
                        reason: wait_word(reason).to_owned(),
                    })
                    .collect(),
                needs_new_decision,
                layer: layers.get(i).copied().unwrap_or(0),
            }
        })
        .collect();
    Ok(BundleView {
        id: status.id,
        code: status.code,
        name: status.name,
        kind: match kind {
            Some(approval_core::bundle::BundleKind::Package) => "package",
            _ => "parallel",
        }
        .to_owned(),
        from_case: number.to_owned(),
        nodes,
        edges,
    })
}

/// Each member's depth in the prerequisite graph (longest path from a
/// member with no prerequisite); a cycle (refused on import) stops at the
/// member count.
fn layers(members: &[crate::bundles::MemberStatus], edges: &[BundleEdgeView]) -> Vec<u32> {
    let index = |code: &str| members.iter().position(|m| m.item_code == code);
    let mut layers = vec![0u32; members.len()];
    for _ in 0..members.len() {
        let mut changed = false;
        for edge in edges {
            if let (Some(from), Some(to)) = (index(&edge.prerequisite), index(&edge.dependent)) {
                let want = layers[from] + 1;
                if layers[to] < want {
                    layers[to] = want;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    layers
}

mod documents;
#[cfg(test)]
pub(crate) mod scenarios;

pub use documents::{
    case_material, correction_notice_preview, record_tracking, result_preview, seal_result,
    CaseFile,
};
pub(crate) use documents::{open_seal_key, seal_letter};

#[cfg(test)]
mod tests;
