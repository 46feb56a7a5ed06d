//! The sealed result document a result push carries: the decided case's
//! 准予/不予行政许可决定书, rendered and e-sealed (`results::render_and_seal`)
//! and kept in the profile until the push. A result record in the outbox
//! waits (`waiting_for_seal`) until it is here.

use approval_core::access::Action;
use approval_core::bundle::Outcome;
use approval_core::china_time::china_date;
use approval_core::error_code::ErrorCode;
use approval_docs::font::DocumentFont;
use approval_docs::{ApprovalDecision, DocumentHeader, RefusalDecision, Remedies, ResultDocument};
use approval_store::ResultDocumentFile;
use chrono::{DateTime, FixedOffset};
use sha2::{Digest, Sha256};

use crate::access::{item_target, require};
use crate::cases::{bound_version, load_case};
use crate::results::{render_and_seal, Signer, VisibleSeal, APPROVAL_SEAL_REASON};
use crate::{in_read_unit, in_write_unit, Actor, ApiError, Desk};

/// What sealing a result document needs beside the case: the font, the
/// seal drawn once, the key, and the letter's particulars the case does not
/// hold.
pub struct ResultSealing<'a> {
    pub font: &'a DocumentFont,
    pub seal: &'a VisibleSeal,
    pub signer: &'a dyn Signer,
    /// 发文字号, e.g. `蓝市监许〔2026〕12号`.
    pub document_number: String,
    /// 行政复议机关 and the court.
    pub remedies: Remedies,
    /// Where the QR code points (the code appended), if anywhere.
    pub verification_url: Option<String>,
    /// The seal's location (签章地点), if given.
    pub location: Option<String>,
}

/// A result document kept for the push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedResultDocument {
    pub case_number: String,
    pub file_name: String,
    pub sha256: String,
    pub size: usize,
    pub verification_code: String,
}

/// Renders and seals the decision letter of decided case `number` as
/// `actor` at `at`, and keeps it for the result push.
///
/// Errors: no such case; not decided (`not_decided`); the letter cannot be
/// made (its guide states no legal basis) or sealed; a document is kept
/// already (`already_exists`: it may have been pushed, and a push repeated
/// under its key must carry the same bytes).
pub async fn seal_result_document(
    desk: &Desk,
    actor: &Actor,
    number: &str,
    sealing: ResultSealing<'_>,
    at: DateTime<FixedOffset>,
) -> Result<SealedResultDocument, ApiError> {
    let (case, item, legal_basis) = in_read_unit!(desk.db(), async |tx| {
        let (stored, history) = load_case(tx, number).await?;
        let version = bound_version(&history, &stored.case)?;
        let target = item_target(tx, &stored.case.item_code, &version.item).await?;
        require(tx, actor, Action::ActOnCase, target).await?;
        if tx.result_document(number).await?.is_some() {
            return Err(ApiError::already_exists(
                format!("办件{number}的结果文书已签章保存"),
                format!("case {number} has its sealed result document already"),
            ));
        }
        Ok((
            stored.case,
            version.item.clone(),
            version.content.legal_basis.clone(),
        ))
    })
    .await?;
    let Some(decision) = &case.decision else {
        return Err(ApiError::new(
            ErrorCode::NotDecided,
            format!("办件{number}尚未作出决定，不能生成结果文书"),
            format!("case {number} is not decided: no result document yet"),
        ));
    };
    let header = DocumentHeader {
        department: item.department.clone(),
        document_number: sealing.document_number.clone(),
        case_number: case.number.clone(),
        issued_on: china_date(&decision.at),
        verification_url: sealing.verification_url.clone(),
    };
    let letter_failed = |e: approval_docs::DecisionFromCaseError| {
        ApiError::new(
            ErrorCode::DocumentFailed,
            format!("办件{number}的决定书无法生成：{e}"),
            format!("case {number}: the decision letter cannot be made: {e}"),
        )
    };
    let document = match decision.outcome {
        Outcome::Approved => ResultDocument::Approval(
            ApprovalDecision::for_case(header, &case, &item, legal_basis, sealing.remedies)
                .map_err(letter_failed)?,
        ),
        Outcome::Rejected => ResultDocument::Refusal(
            RefusalDecision::for_case(header, &case, &item, legal_basis, sealing.remedies)
                .map_err(letter_failed)?,
        ),
    };
    let sealed = render_and_seal(
        &document,
        sealing.font,
        sealing.seal,
        sealing.signer,
        APPROVAL_SEAL_REASON,
        sealing.location.as_deref(),
        at,
    )?;
    let sha256: String = Sha256::digest(&sealed.pdf)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let file = ResultDocumentFile {
        case_number: case.number.clone(),
        file_name: format!("{}-决定书.pdf", case.number),
        media_type: "application/pdf".into(),
        sha256: sha256.clone(),
        content: sealed.pdf,
        verification_code: sealed.verification_code,
        sealed_at: at,
    };
    let kept = SealedResultDocument {
        case_number: file.case_number.clone(),
        file_name: file.file_name.clone(),
        sha256,
        size: file.content.len(),
        verification_code: file.verification_code.clone(),
    };
    in_write_unit!(desk.db(), async |tx| {
        if tx.result_document(number).await?.is_some() {
            return Err(ApiError::already_exists(
                format!("办件{number}的结果文书已签章保存"),
                format!("case {number} has its sealed result document already"),
            ));
        }
        tx.save_result_document(&file).await?;
        Ok(())
    })
    .await?;
    Ok(kept)
}
