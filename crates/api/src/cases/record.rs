//! What a case transition writes beside the case: what the window unit
//! must be sent (the outbox) and its audit record.

use approval_core::audit::AuditRecord;
use approval_core::bundle::Outcome;
use approval_core::case::{Applied, Case, CaseEvent, EventKind, Violation};
use approval_core::china_time::china_date;
use approval_core::guide::GuideVersion;
use approval_store::{OutboxKind, OutboxRecord};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde_json::json;

/// The outbox records of a transition from `before` to `applied` (the case
/// bound to `guide`): every state the exchange reports (Art 10, 11, 12) the
/// window unit must follow, in the order the events happened.
///
/// - 受理 (explicit or deemed), 补正开始 (the one-time correction list) and
///   补正结束 (the corrected materials arrived, at their receipt), 不予受理;
/// - 办理中: when the first flowchart step is completed after acceptance
///   (the case had no step done before the transition, and has one after).
///   Acceptance itself only opens the flowchart, so the first completed
///   step is the engine's first moment of the case being worked on. A
///   return (退回) that reopens every step and a later completion report it
///   again: the case is being worked on again;
/// - 特别程序开始/结束, with the guide's declared stage (its name and legal
///   basis, 法律依据); a stage the guide does not declare is reported with
///   the officer's override reason as its basis;
/// - the public notice (公示) when the case enters it, as a period of days
///   and the text the window unit shows;
/// - the result (办结), pushed with its sealed document;
/// - the paper result delivered (送达): the hub takes it only after the
///   result, so a delivery recorded before the result push is written with
///   the result push, right after it.
pub fn outbox_for(
    before: &Case,
    applied: &Applied,
    guide: &GuideVersion,
    at: DateTime<FixedOffset>,
) -> Vec<OutboxRecord> {
    let case = &applied.case;
    let record = |kind, payload| OutboxRecord {
        kind,
        payload,
        created_at: at,
    };
    let notice = |payload| record(OutboxKind::Notice, payload);
    let mut first_step = before.steps_done.is_empty();
    let mut records = Vec::new();
    for event in &applied.events {
        match &event.kind {
            EventKind::Accepted => records.push(notice(json!({
                "notice": "acceptance", "case": case.number, "window_unit": case.window_unit,
                "accepted_at": event.at, "deemed": false}))),
            EventKind::DeemedAccepted { accepted_at } => records.push(notice(json!({
                "notice": "acceptance", "case": case.number, "window_unit": case.window_unit,
                "accepted_at": accepted_at, "deemed": true}))),
            EventKind::CorrectionRequested { submission, items } => records.push(notice(json!({
                "notice": "correction", "case": case.number, "window_unit": case.window_unit,
                "submission": submission, "items": items}))),
            EventKind::CorrectionsReceived { submission } => records.push(notice(json!({
                "notice": "correction_ended", "case": case.number,
                "window_unit": case.window_unit, "submission": submission,
                "at": case.submission_received_at}))),
            EventKind::NotAccepted {
                reason,
                legal_basis,
            } => records.push(notice(json!({
                "notice": "not_accepted", "case": case.number, "window_unit": case.window_unit,
                "reason": reason, "legal_basis": legal_basis}))),
            EventKind::StepCompleted { step } if first_step => {
                first_step = false;
                records.push(notice(json!({
                    "notice": "processing", "case": case.number, "window_unit": case.window_unit,
                    "step": step, "at": event.at})));
            }
            EventKind::SpecialStageStarted { stage } => {
                let (name, basis) = stage_basis(guide, stage, &applied.events);
                records.push(notice(json!({
                    "notice": "special_stage_started", "case": case.number,
                    "window_unit": case.window_unit, "stage": name, "basis": basis,
                    "at": event.at})));
            }
            EventKind::SpecialStageEnded { stage } => {
                let (name, _) = stage_basis(guide, stage, &applied.events);
                records.push(notice(json!({
                    "notice": "special_stage_ended", "case": case.number,
                    "window_unit": case.window_unit, "stage": name, "at": event.at})));
            }
            EventKind::PublicNoticeStarted { until } => {
                let from = china_date(&event.at);
                let to = last_day(*until).max(from);
                records.push(record(
                    OutboxKind::PublicNotice,
                    json!({"case": case.number, "window_unit": case.window_unit,
                           "from": from, "to": to,
                           "text": public_notice_text(case, guide, from, to)}),
                ));
            }
            EventKind::ResultPushed => {
                records.push(record(
                    OutboxKind::Result,
                    json!({"case": case.number, "window_unit": case.window_unit,
                           "decision": case.decision}),
                ));
                if let Some(delivered_at) = case.result.paper_delivered_at {
                    records.push(delivery(case, delivered_at, at));
                }
            }
            EventKind::PaperDelivered if before.result.pushed_at.is_some() => {
                records.push(delivery(case, event.at, at));
            }
            _ => {}
        }
    }
    records
}

fn delivery(
    case: &Case,
    delivered_at: DateTime<FixedOffset>,
    at: DateTime<FixedOffset>,
) -> OutboxRecord {
    OutboxRecord {
        kind: OutboxKind::Delivery,
        payload: json!({"case": case.number, "window_unit": case.window_unit,
                        "delivered_at": delivered_at}),
        created_at: at,
    }
}

/// A special stage as the window unit reads it: the declared stage's name
/// (its kind, e.g. 专家论证) and its legal basis; an undeclared one by its
/// id, with the officer's reason for starting it anyway.
fn stage_basis(guide: &GuideVersion, stage: &str, events: &[CaseEvent]) -> (String, String) {
    if let Some(declared) = guide.content.stage(stage) {
        let basis = if declared.legal_basis.trim().is_empty() {
            format!("办事指南载明的特殊环节（{}）", declared.kind.name_zh())
        } else {
            declared.legal_basis.clone()
        };
        return (
            format!("{}（{}）", declared.name, declared.kind.name_zh()),
            basis,
        );
    }
    let reason = events.iter().find_map(|e| match &e.kind {
        EventKind::Violation(Violation::PauseWithoutDeclaredStage { stage: s, reason })
            if s == stage =>
        {
            Some(reason.clone())
        }
        _ => None,
    });
    let basis = match reason {
        Some(reason) => format!("办事指南未载明的特殊环节，理由：{reason}"),
        None => "办事指南未载明的特殊环节".to_owned(),
    };
    (stage.to_owned(), basis)
}

/// The last day of a period that ends at `until`: a period ending at
/// midnight ends with the day before.
fn last_day(until: DateTime<FixedOffset>) -> NaiveDate {
    let day = china_date(&until);
    let midnight = until
        .with_timezone(&approval_core::china_time::CHINA_STANDARD_TIME)
        .time()
        == NaiveTime::MIN;
    if midnight {
        day.pred_opt().unwrap_or(day)
    } else {
        day
    }
}

/// What the window unit shows of a public notice (公示, Art 12).
fn public_notice_text(case: &Case, guide: &GuideVersion, from: NaiveDate, to: NaiveDate) -> String {
    let outcome = match case.decision.as_ref().map(|d| d.outcome) {
        Some(Outcome::Rejected) => "不予行政许可",
        _ => "准予行政许可",
    };
    format!(
        "{}申请的“{}”（办件编号{}）拟作出{outcome}决定，现予公示。公示期：{} 至 {}。",
        case.applicant.name,
        guide.item.name,
        case.number,
        from.format("%Y年%m月%d日"),
        to.format("%Y年%m月%d日"),
    )
}

/// The audit record of a transition.
pub fn audit_of(
    before: &Case,
    applied: &Applied,
    action: &str,
    actor: &str,
    at: DateTime<FixedOffset>,
) -> AuditRecord {
    AuditRecord {
        at,
        actor: actor.to_owned(),
        action: format!("case.{action}"),
        subject: format!("case:{}", before.number),
        before: json!({"state": before.state}),
        after: json!({
            "state": applied.case.state,
            "events": applied.events.iter().map(|e| &e.kind).collect::<Vec<_>>(),
        }),
    }
}
