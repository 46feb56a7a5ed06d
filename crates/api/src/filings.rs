//! Exemption filings (备案): submitting one with its attachments, listing
//! and showing them within the reader's departments, deciding (approve or
//! reject), withdrawing and revoking — each checked against the stored
//! grants and recorded with its audit entries in one unit of work.

use approval_core::access::{Action, Target};
use approval_core::calendar::WorkingCalendar;
use approval_core::case::{case_clock_options, result_clock_start};
use approval_core::clock::rules::result_push_deadline;
use approval_core::clock::DeadlineOptions;
use approval_core::error_code::ErrorCode;
use approval_core::filing::{Attachment, Filing, FilingError, FilingState, FilingSubject};
use approval_core::guide::{PendingChange, ServiceItem};
use approval_store::{attachment_of, StoreTx};
use chrono::{DateTime, FixedOffset};
use serde_json::Value;

use crate::access::{may_view, require, require_granted, Actor};
use crate::cases::end_pauses_of_revoked_filing;
use crate::{in_read_unit, in_write_unit, ApiError, Desk};

/// The state words a filing list filters on.
pub const FILING_STATE_WORDS: [&str; 7] = [
    "draft",
    "submitted",
    "approved",
    "rejected",
    "withdrawn",
    "revoked",
    "superseded",
];

/// One supporting document of a filing, as the officer picked it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentUpload {
    /// The file's name (its media type follows from its extension).
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// A new filing, submitted at once.
#[derive(Debug, Clone, PartialEq)]
pub struct SubmitFilingRequest {
    pub id: String,
    pub department: String,
    /// A [`FilingSubject`] as JSON. For a result delay the deadline it
    /// moves (`result_deadline`) is computed from the stored case's
    /// decision, whatever the request says.
    pub subject: Value,
    /// The approved filing this one replaces once approved.
    pub replaces: Option<String>,
    pub attachments: Vec<AttachmentUpload>,
    /// The reason of an item change's pending change (default:
    /// 事项变更备案 + the filing's id).
    pub reason: Option<String>,
}

/// A manager's decision on a submitted filing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilingDecision {
    Approve,
    Reject,
}

/// The media type of an attachment named `file_name`, by its extension.
pub fn media_type(file_name: &str) -> &'static str {
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_ascii_lowercase());
    match extension.as_deref() {
        Some("pdf") => "application/pdf",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("txt") => "text/plain",
        _ => "application/octet-stream",
    }
}

/// Submits a new filing of `request.department` as `actor` at `at`: the
/// filing, its attachments' bytes, an item change's pending change and the
/// audit entries of its creation and submission, all or nothing.
pub async fn submit_filing(
    desk: &Desk,
    actor: &Actor,
    at: DateTime<FixedOffset>,
    request: SubmitFilingRequest,
) -> Result<Filing, ApiError> {
    in_write_unit!(desk.db(), async |tx| {
        submit_in(tx, desk, actor, at, &request).await
    })
    .await
}

async fn submit_in(
    tx: &mut StoreTx,
    desk: &Desk,
    actor: &Actor,
    at: DateTime<FixedOffset>,
    request: &SubmitFilingRequest,
) -> Result<Filing, ApiError> {
    let id = request.id.as_str();
    require_granted(
        tx,
        actor,
        Action::SubmitFiling,
        Target::Department(request.department.clone()),
    )
    .await?;
    if tx.filing(id).await?.is_some() {
        return Err(ApiError::new(
            ErrorCode::FilingDuplicate,
            format!("备案{id}已经存在；未保存任何内容"),
            format!("filing {id} is already stored; nothing was stored"),
        )
        .at_field("id"));
    }
    let subject = with_result_deadline(tx, desk, request.subject.clone()).await?;
    let subject: FilingSubject = serde_json::from_value(subject).map_err(|e| {
        ApiError::invalid_input(
            format!("备案对象不是有效的备案事项（{e}）；未保存任何内容"),
            format!("the subject is not a filing subject ({e}); nothing was stored"),
        )
        .at_field("subject")
    })?;
    let mut files: Vec<(Attachment, Vec<u8>)> = Vec::new();
    for upload in &request.attachments {
        let name = upload.file_name.as_str();
        if files.iter().any(|(a, _)| a.file_name == name) {
            return Err(ApiError::invalid_input(
                format!("有两个附件都名为“{name}”；未保存任何内容"),
                format!("two attachments are named {name}; nothing was stored"),
            )
            .at_field("attachments"));
        }
        files.push((
            attachment_of(name, media_type(name), &upload.bytes),
            upload.bytes.clone(),
        ));
    }
    let attachments = files.iter().map(|(a, _)| a.clone()).collect();
    let draft = Filing::draft(
        id,
        request.department.clone(),
        actor.name(),
        subject,
        attachments,
        request.replaces.clone(),
    );
    // Everything is checked before anything is written.
    let submitted = draft.submit(actor.name(), at)?;
    let item = match &submitted.subject {
        FilingSubject::ItemChange { item_code, change } => {
            let mut item = stored_item(tx, item_code).await?;
            item.request_change(PendingChange {
                change: change.clone(),
                reason: request
                    .reason
                    .clone()
                    .unwrap_or_else(|| format!("事项变更备案{id}")),
                requested_by: actor.name().to_owned(),
                requested_at: at,
            })?;
            Some(item)
        }
        _ => None,
    };
    let records = vec![
        draft.creation_audit_record(actor.name(), at),
        submitted.audit_record(&draft.state, actor.name(), at),
    ];
    tx.submit_new_filing(&submitted, &files, item.as_ref(), records)
        .await?;
    Ok(submitted)
}

/// For a result delay: `result_deadline` from the stored case's decision
/// (Art 12: three working days from it).
async fn with_result_deadline(
    tx: &mut StoreTx,
    desk: &Desk,
    mut subject: Value,
) -> Result<Value, ApiError> {
    if subject.get("type").and_then(Value::as_str) != Some("result_delay") {
        return Ok(subject);
    }
    let number = subject
        .get("case_number")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            ApiError::invalid_input(
                "纸质证照延期备案须注明办件编号（case_number）",
                "a result_delay subject needs case_number",
            )
            .at_field("subject.case_number")
        })?
        .to_owned();
    let case = tx.case(&number).await?.ok_or_else(|| {
        ApiError::not_found(format!("没有办件{number}"), format!("no case {number}"))
    })?;
    // Art 12: the paper clock runs from the decision, or from the end of a
    // declared public notice.
    let start = result_clock_start(&case).ok_or_else(|| {
        ApiError::new(
            ErrorCode::NotDecided,
            format!("办件{number}尚未作出决定"),
            format!("case {number} is not decided yet"),
        )
    })?;
    let calendar: std::sync::Arc<WorkingCalendar> = desk.calendar()?;
    let options = case_clock_options(DeadlineOptions::default());
    let deadline = result_push_deadline(&calendar, start, options)?;
    if let Some(object) = subject.as_object_mut() {
        object.insert(
            "result_deadline".to_owned(),
            Value::String(deadline.due.to_rfc3339()),
        );
    }
    Ok(subject)
}

/// The stored filings (only those in state word `state` when given) of
/// the departments `actor` may see, by id.
pub async fn list_filings(
    desk: &Desk,
    actor: &Actor,
    state: Option<&str>,
) -> Result<Vec<Filing>, ApiError> {
    in_read_unit!(desk.db(), async |tx| {
        let mut visible = Vec::new();
        for filing in tx.filings(state).await? {
            if may_view(
                tx,
                actor,
                Action::ViewFiling,
                &Target::Department(filing.department.clone()),
            )
            .await?
            {
                visible.push(filing);
            }
        }
        Ok(visible)
    })
    .await
}

/// Filing `id` in full, if `actor` may see its department.
pub async fn filing_detail(desk: &Desk, actor: &Actor, id: &str) -> Result<Filing, ApiError> {
    in_read_unit!(desk.db(), async |tx| {
        let filing = load(tx, id).await?;
        require(
            tx,
            actor,
            Action::ViewFiling,
            Target::Department(filing.department.clone()),
        )
        .await?;
        Ok(filing)
    })
    .await
}

/// Approves or rejects submitted filing `id` as `actor` (a manager who did
/// not file it) at `at`. An approval supersedes the filing it replaces and
/// applies an item change's pending change; a rejection (which needs a
/// comment) drops it.
pub async fn decide_filing(
    desk: &Desk,
    actor: &Actor,
    at: DateTime<FixedOffset>,
    id: &str,
    decision: FilingDecision,
    comment: &str,
) -> Result<Filing, ApiError> {
    in_write_unit!(desk.db(), async |tx| {
        let filing = load_for(tx, id, actor, Action::DecideFiling).await?;
        let by = actor.name();
        match decision {
            FilingDecision::Reject => {
                end_without_effect(tx, &filing, by, at, |f| f.reject(by, at, comment)).await
            }
            FilingDecision::Approve => approve(tx, &filing, by, at, comment).await,
        }
    })
    .await
}

/// Applies a decision the hub made on submitted filing `id` (its manager,
/// authorized there by the hub's grants, Art 5, 9, 11, 12, 17): the desk
/// holds no grant of the hub's managers, so the decision is not checked
/// against local grants again — only that nobody decided their own filing.
pub async fn apply_hub_filing_decision(
    desk: &Desk,
    decided_by: &str,
    at: DateTime<FixedOffset>,
    id: &str,
    decision: FilingDecision,
    comment: &str,
) -> Result<Filing, ApiError> {
    in_write_unit!(desk.db(), async |tx| {
        let filing = load(tx, id).await?;
        if filing.filed_by == decided_by {
            return Err(ApiError::new(
                ErrorCode::FilingOwnFiling,
                format!("备案{id}由{decided_by}本人提交，不能由其本人审核"),
                format!("filing {id} was filed by {decided_by}, who cannot decide it"),
            ));
        }
        match decision {
            FilingDecision::Reject => {
                end_without_effect(tx, &filing, decided_by, at, |f| {
                    f.reject(decided_by, at, comment)
                })
                .await
            }
            FilingDecision::Approve => approve(tx, &filing, decided_by, at, comment).await,
        }
    })
    .await
}

/// Withdraws submitted filing `id`: only its filer may.
pub async fn withdraw_filing(
    desk: &Desk,
    actor: &Actor,
    at: DateTime<FixedOffset>,
    id: &str,
) -> Result<Filing, ApiError> {
    in_write_unit!(desk.db(), async |tx| {
        let filing = load_for(tx, id, actor, Action::WithdrawFiling).await?;
        let by = actor.name();
        end_without_effect(tx, &filing, by, at, |f| f.withdraw(by, at)).await
    })
    .await
}

/// Revokes approved filing `id` for `reason` (required).
pub async fn revoke_filing(
    desk: &Desk,
    actor: &Actor,
    at: DateTime<FixedOffset>,
    id: &str,
    reason: &str,
) -> Result<Filing, ApiError> {
    let calendar = desk.calendar()?;
    in_write_unit!(desk.db(), async |tx| {
        let filing = load_for(tx, id, actor, Action::RevokeFiling).await?;
        let revoked = filing.revoke(actor.name(), at, reason)?;
        let record = revoked.audit_record(&filing.state, actor.name(), at);
        tx.save_filing(&revoked, vec![record]).await?;
        // Art 11: a stage resting on the filing stops pausing its cases now.
        if let FilingSubject::SpecialStage { item_code, .. } = &revoked.subject {
            let ledger = tx.filing_ledger().await?;
            end_pauses_of_revoked_filing(tx, &calendar, &ledger, item_code, actor.name(), at)
                .await?;
        }
        Ok(revoked)
    })
    .await
}

async fn load(tx: &mut StoreTx, id: &str) -> Result<Filing, ApiError> {
    tx.filing(id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("没有备案{id}"), format!("no filing {id}")))
}

async fn stored_item(tx: &mut StoreTx, code: &str) -> Result<ServiceItem, ApiError> {
    tx.item(code)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("没有事项{code}"), format!("no item {code}")))
}

/// Loads filing `id` and checks that `actor` may do `action` on it (a
/// decision needs to know who filed it: no manager decides their own).
async fn load_for(
    tx: &mut StoreTx,
    id: &str,
    actor: &Actor,
    action: Action,
) -> Result<Filing, ApiError> {
    let filing = load(tx, id).await?;
    let target = match action {
        Action::DecideFiling => Target::Filing {
            department: filing.department.clone(),
            filed_by: filing.filed_by.clone(),
        },
        _ => Target::Department(filing.department.clone()),
    };
    require_granted(tx, actor, action, target).await?;
    Ok(filing)
}

/// The stored item an item-change filing is about; `None` for other filings.
async fn changed_item(tx: &mut StoreTx, filing: &Filing) -> Result<Option<ServiceItem>, ApiError> {
    match &filing.subject {
        FilingSubject::ItemChange { item_code, .. } => Ok(Some(stored_item(tx, item_code).await?)),
        _ => Ok(None),
    }
}

/// Ends a submitted filing without effect (rejected or withdrawn): its
/// pending item change is dropped.
async fn end_without_effect(
    tx: &mut StoreTx,
    filing: &Filing,
    actor: &str,
    at: DateTime<FixedOffset>,
    step: impl FnOnce(&Filing) -> Result<Filing, FilingError>,
) -> Result<Filing, ApiError> {
    let id = filing.id.as_str();
    let mut ledger = tx.filing_ledger().await?;
    let records = ledger.transition(id, actor, at, step)?;
    let ended = ledger.get(id).cloned().unwrap_or_else(|| filing.clone());
    let mut item = changed_item(tx, filing).await?;
    if let Some(item) = item.as_mut() {
        ledger.reject_item_change(id, item)?;
    }
    tx.save_filing_approval(&ended, None, item.as_ref(), records)
        .await?;
    Ok(ended)
}

async fn approve(
    tx: &mut StoreTx,
    filing: &Filing,
    actor: &str,
    at: DateTime<FixedOffset>,
    comment: &str,
) -> Result<Filing, ApiError> {
    let id = filing.id.as_str();
    let mut ledger = tx.filing_ledger().await?;
    let mut item = changed_item(tx, filing).await?;
    let records = ledger.approve_with_replacement(id, actor, at, comment)?;
    if let Some(item) = item.as_mut() {
        ledger.approve_item_change(id, item)?;
    }
    let decided = ledger.get(id).cloned().unwrap_or_else(|| filing.clone());
    let replaced = decided
        .replaces
        .as_deref()
        .and_then(|r| ledger.get(r))
        .filter(
            |r| matches!(&r.state, FilingState::Superseded { by_filing, .. } if by_filing == id),
        );
    tx.save_filing_approval(&decided, replaced, item.as_ref(), records)
        .await?;
    Ok(decided)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use approval_core::access::{Role, Scope};
    use serde_json::json;

    use super::*;

    const FOOD: &str = "蓝田县市场监督管理局";
    const FIRE: &str = "蓝田县消防救援大队";

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    /// A fresh profile: 王科员 and 孙科长 officers of the food bureau,
    /// 赵消防 of the fire brigade, 钱经理 a manager of every department (and
    /// an officer of the food bureau, who files too).
    async fn desk() -> (tempfile::TempDir, Desk) {
        let (dir, desk) = crate::testing::desk().await;
        let grants = [
            ("王科员", Role::Officer, Scope::Department(FOOD.to_owned())),
            ("孙科长", Role::Officer, Scope::Department(FOOD.to_owned())),
            ("赵消防", Role::Officer, Scope::Department(FIRE.to_owned())),
            ("钱经理", Role::Manager, Scope::All),
            ("钱经理", Role::Officer, Scope::Department(FOOD.to_owned())),
        ];
        for (person, role, scope) in grants {
            crate::testing::grant(&desk, person, role, scope).await;
        }
        (dir, desk)
    }

    fn paper_filing(id: &str, department: &str) -> SubmitFilingRequest {
        SubmitFilingRequest {
            id: id.to_owned(),
            department: department.to_owned(),
            subject: json!({
                "type": "paper_materials",
                "item_code": "610122-SCJG-XK-0001",
                "material_id": "M01",
                "why_scanning_cannot_serve": "需核验原件"
            }),
            replaces: None,
            attachments: vec![AttachmentUpload {
                file_name: "说明.txt".to_owned(),
                bytes: "须现场核验原件".as_bytes().to_vec(),
            }],
            reason: None,
        }
    }

    async fn submit(
        desk: &Desk,
        by: &str,
        request: SubmitFilingRequest,
    ) -> Result<Filing, ApiError> {
        submit_filing(
            desk,
            &Actor::new(by),
            at("2026-03-03T09:00:00+08:00"),
            request,
        )
        .await
    }

    async fn decide(
        desk: &Desk,
        by: &str,
        id: &str,
        decision: FilingDecision,
        comment: &str,
    ) -> Result<Filing, ApiError> {
        let when = at("2026-03-03T10:00:00+08:00");
        decide_filing(desk, &Actor::new(by), when, id, decision, comment).await
    }

    #[tokio::test]
    async fn a_submitted_filing_is_stored_with_its_attachment_and_audit_entries() {
        let (_dir, desk) = desk().await;
        let filing = submit(&desk, "王科员", paper_filing("ZZ-1", FOOD))
            .await
            .unwrap();
        assert_eq!(filing.state.word(), "submitted");
        assert_eq!(filing.filed_by, "王科员");
        assert_eq!(filing.attachments[0].media_type, "text/plain");
        let stored = desk
            .db()
            .attachment("ZZ-1", "说明.txt")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.content, "须现场核验原件".as_bytes());
        let actions: Vec<String> = desk
            .db()
            .audit_entries()
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.record.action)
            .filter(|a| a.starts_with("filing."))
            .collect();
        assert_eq!(actions.len(), 2, "{actions:?}");
    }

    #[tokio::test]
    async fn a_submission_is_refused_without_a_role_in_the_department_and_stores_nothing() {
        let (_dir, desk) = desk().await;
        let error = submit(&desk, "赵消防", paper_filing("ZZ-1", FOOD))
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::AccessOutOfScope);
        let error = submit(&desk, "路人", paper_filing("ZZ-1", FOOD))
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::AccessNoRole);
        assert!(desk.db().filing("ZZ-1").await.unwrap().is_none());
    }

    #[tokio::test]
    async fn a_submission_is_refused_for_invalid_input_naming_what_is_wrong() {
        let (_dir, desk) = desk().await;
        let mut bad_subject = paper_filing("ZZ-1", FOOD);
        bad_subject.subject = json!({"type": "nothing_like_it"});
        let error = submit(&desk, "王科员", bad_subject).await.unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert_eq!(error.field.as_deref(), Some("subject"));
        assert!(error
            .message_en
            .starts_with("the subject is not a filing subject"));

        let mut twice = paper_filing("ZZ-1", FOOD);
        twice.attachments.push(twice.attachments[0].clone());
        let error = submit(&desk, "王科员", twice).await.unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert_eq!(
            error.message_en,
            "two attachments are named 说明.txt; nothing was stored"
        );

        let mut delay = paper_filing("YQ-1", FOOD);
        delay.subject = json!({"type": "result_delay", "case_number": "SX2026-999999"});
        let error = submit(&desk, "王科员", delay).await.unwrap_err();
        assert_eq!(error.code, ErrorCode::NotFound);
        assert_eq!(error.message_en, "no case SX2026-999999");

        submit(&desk, "王科员", paper_filing("ZZ-1", FOOD))
            .await
            .unwrap();
        let error = submit(&desk, "王科员", paper_filing("ZZ-1", FOOD))
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::FilingDuplicate);
        assert_eq!(
            error.message_en,
            "filing ZZ-1 is already stored; nothing was stored"
        );
    }

    #[tokio::test]
    async fn filings_are_listed_and_shown_only_within_the_reader_s_departments() {
        let (_dir, desk) = desk().await;
        submit(&desk, "王科员", paper_filing("ZZ-1", FOOD))
            .await
            .unwrap();
        submit(&desk, "赵消防", paper_filing("ZZ-2", FIRE))
            .await
            .unwrap();
        let ids = |filings: Vec<Filing>| filings.into_iter().map(|f| f.id).collect::<Vec<_>>();
        let food = list_filings(&desk, &Actor::new("王科员"), None)
            .await
            .unwrap();
        assert_eq!(ids(food), ["ZZ-1"]);
        let all = list_filings(&desk, &Actor::new("钱经理"), Some("submitted"))
            .await
            .unwrap();
        assert_eq!(ids(all), ["ZZ-1", "ZZ-2"]);
        let approved = list_filings(&desk, &Actor::new("钱经理"), Some("approved"))
            .await
            .unwrap();
        assert!(approved.is_empty());

        let shown = filing_detail(&desk, &Actor::new("王科员"), "ZZ-1")
            .await
            .unwrap();
        assert_eq!(shown.id, "ZZ-1");
        let error = filing_detail(&desk, &Actor::new("王科员"), "ZZ-2")
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::AccessOutOfScope);
        let error = filing_detail(&desk, &Actor::new("王科员"), "ZZ-9")
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::NotFound);
        assert_eq!(error.message_en, "no filing ZZ-9");
    }

    #[tokio::test]
    async fn a_manager_decides_a_filing_of_someone_else_once() {
        let (_dir, desk) = desk().await;
        submit(&desk, "王科员", paper_filing("ZZ-1", FOOD))
            .await
            .unwrap();
        let error = decide(&desk, "孙科长", "ZZ-1", FilingDecision::Approve, "")
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::AccessNoRole);
        let error = decide(&desk, "钱经理", "ZZ-1", FilingDecision::Reject, "")
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::FilingCommentRequired);
        let error = decide(&desk, "钱经理", "ZZ-9", FilingDecision::Approve, "")
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::NotFound);

        let approved = decide(&desk, "钱经理", "ZZ-1", FilingDecision::Approve, "同意")
            .await
            .unwrap();
        assert_eq!(approved.state.word(), "approved");
        let stored = desk.db().filing("ZZ-1").await.unwrap().unwrap();
        assert_eq!(stored.state.word(), "approved");
        let error = decide(&desk, "钱经理", "ZZ-1", FilingDecision::Reject, "重复")
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::FilingDecided);

        submit(&desk, "钱经理", paper_filing("ZZ-2", FOOD))
            .await
            .unwrap();
        let error = decide(&desk, "钱经理", "ZZ-2", FilingDecision::Approve, "")
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::AccessOwnFiling);
    }

    #[tokio::test]
    async fn only_the_filer_withdraws_and_a_revocation_needs_a_reason() {
        let (_dir, desk) = desk().await;
        submit(&desk, "王科员", paper_filing("ZZ-1", FOOD))
            .await
            .unwrap();
        let when = at("2026-03-03T10:00:00+08:00");
        let error = withdraw_filing(&desk, &Actor::new("孙科长"), when, "ZZ-1")
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::FilingNotFiler);
        let error = withdraw_filing(&desk, &Actor::new("赵消防"), when, "ZZ-1")
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::AccessOutOfScope);
        let withdrawn = withdraw_filing(&desk, &Actor::new("王科员"), when, "ZZ-1")
            .await
            .unwrap();
        assert_eq!(withdrawn.state.word(), "withdrawn");

        submit(&desk, "王科员", paper_filing("ZZ-2", FOOD))
            .await
            .unwrap();
        decide(&desk, "钱经理", "ZZ-2", FilingDecision::Approve, "")
            .await
            .unwrap();
        let later = at("2026-03-04T10:00:00+08:00");
        let error = revoke_filing(&desk, &Actor::new("钱经理"), later, "ZZ-2", "")
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::FilingReasonRequired);
        let error = revoke_filing(&desk, &Actor::new("王科员"), later, "ZZ-2", "情况变化")
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::AccessNoRole);
        let error = revoke_filing(&desk, &Actor::new("钱经理"), later, "ZZ-9", "情况变化")
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::NotFound);
        let revoked = revoke_filing(&desk, &Actor::new("钱经理"), later, "ZZ-2", "情况变化")
            .await
            .unwrap();
        assert_eq!(revoked.state.word(), "revoked");
        assert_eq!(
            desk.db()
                .filing("ZZ-2")
                .await
                .unwrap()
                .unwrap()
                .state
                .word(),
            "revoked"
        );
    }

    #[test]
    fn an_attachment_s_media_type_follows_its_extension() {
        assert_eq!(media_type("a.PDF"), "application/pdf");
        assert_eq!(media_type("扫描件.jpeg"), "image/jpeg");
        assert_eq!(media_type("README"), "application/octet-stream");
    }
}
