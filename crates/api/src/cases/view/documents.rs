//! The case view's files: a submitted material, the one-time correction
//! notice previewed before it is sent, the decision letter (previewed, or
//! the sealed one kept for the push), sealing it with the department's key
//! and recording the paper result's tracking number.

use std::path::Path;

use approval_core::access::Action as Permission;
use approval_core::bundle::Outcome;
use approval_core::case::{Case, CorrectionItem};
use approval_core::china_time::china_date;
use approval_core::error_code::ErrorCode;
use approval_core::guide::GuideVersion;
use approval_docs::font::DocumentFont;
use approval_docs::{
    ApprovalDecision, CorrectionNotice, CorrectionNoticeError, DocumentHeader, RefusalDecision,
    Remedies, ResultDocument,
};
use approval_esign::PasswordSource;
use chrono::{DateTime, FixedOffset};
use zeroize::Zeroizing;

use super::case_view;
use crate::access::{item_target, require, Actor};
use crate::cases::{bound_version, load_case};
use crate::exchange::{record_paper_tracking, seal_result_document, ResultSealing};
use crate::results::{
    discover_font, open_p12_signer, open_token_signer, render_result, KeyringEntry, Signer,
    VisibleSeal,
};
use crate::views::case::{
    CaseView, CorrectionLineView, ResultParticulars, SealKeyRequest, SealResultRequest,
};
use crate::{in_read_unit, ApiError, Desk};

/// A file of a case, as the window opens it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFile {
    pub file_name: String,
    pub media_type: String,
    pub bytes: Vec<u8>,
}

const PDF: &str = "application/pdf";

/// Case `number` and its bound guide version, if `actor` may see it.
async fn readable_case(
    desk: &Desk,
    actor: &Actor,
    number: &str,
) -> Result<(Case, GuideVersion), ApiError> {
    in_read_unit!(desk.db(), async |tx| {
        let (stored, history) = load_case(tx, number).await?;
        let guide = bound_version(&history, &stored.case)?.clone();
        let target = item_target(tx, &stored.case.item_code, &guide.item).await?;
        require(tx, actor, Permission::ViewCase, target).await?;
        Ok((stored.case, guide))
    })
    .await
}

/// The file of material `index` (its place in the submission) of case
/// `number`.
pub async fn case_material(
    desk: &Desk,
    actor: &Actor,
    number: &str,
    index: u32,
) -> Result<CaseFile, ApiError> {
    readable_case(desk, actor, number).await?;
    let files = in_read_unit!(desk.db(), async |tx| Ok(tx.material_files(number).await?)).await?;
    files
        .into_iter()
        .find(|f| f.position == index)
        .map(|f| CaseFile {
            file_name: f.file_name,
            media_type: f.media_type,
            bytes: f.content,
        })
        .ok_or_else(|| {
            ApiError::not_found(
                format!("办件{number}的第{}项材料没有电子文件", index + 1),
                format!("case {number}: material {index} has no file kept"),
            )
            .at_field("index")
        })
}

fn header(
    case: &Case,
    guide: &GuideVersion,
    document_number: &str,
    on: DateTime<FixedOffset>,
) -> DocumentHeader {
    DocumentHeader {
        department: guide.item.department.clone(),
        document_number: document_number.to_owned(),
        case_number: case.number.clone(),
        issued_on: china_date(&on),
        verification_url: None,
    }
}

/// The one-time correction notice (一次性告知书) `items` would make for
/// case `number`, as PDF, before it is sent: only materials of the bound
/// guide version (Art 7).
pub async fn correction_notice_preview(
    desk: &Desk,
    actor: &Actor,
    number: &str,
    items: &[CorrectionLineView],
    now: DateTime<FixedOffset>,
) -> Result<CaseFile, ApiError> {
    if items.is_empty() {
        return Err(ApiError::invalid_input(
            "补正告知书至少应列出一项材料",
            "a correction notice lists at least one material",
        )
        .at_field("items"));
    }
    let (case, guide) = readable_case(desk, actor, number).await?;
    let lines: Vec<CorrectionItem> = items
        .iter()
        .map(|line| CorrectionItem {
            material_id: line.material.clone(),
            problem: line.note.clone(),
            paper: line.paper,
        })
        .collect();
    let notice = CorrectionNotice::for_case(
        header(&case, &guide, "（发文字号）", now),
        &case,
        &guide,
        &lines,
    )
    .map_err(|e| match e {
        CorrectionNoticeError::MaterialNotInGuide { material_id, .. } => {
            let index = items
                .iter()
                .position(|l| l.material == material_id)
                .unwrap_or(0);
            ApiError::from(approval_core::case::CaseError::MaterialOutsideGuide { material_id })
                .at_field(format!("items[{index}].material"))
        }
        other => ApiError::internal(other.to_string(), other.to_string()),
    })?;
    let font = discover_font(None)?;
    let rendered = notice.render(&font).map_err(|e| {
        ApiError::new(
            ErrorCode::DocumentFailed,
            format!("补正告知书无法生成：{e}"),
            format!("the correction notice cannot be made: {e}"),
        )
    })?;
    Ok(CaseFile {
        file_name: format!("{number}-一次性告知书.pdf"),
        media_type: PDF.to_owned(),
        bytes: rendered.pdf,
    })
}

/// The decision letter of decided case `number`: the sealed one kept for
/// the push, else the letter as it would be sealed (unsealed), with the
/// particulars given or placeholders.
pub async fn result_preview(
    desk: &Desk,
    actor: &Actor,
    number: &str,
    particulars: Option<&ResultParticulars>,
) -> Result<CaseFile, ApiError> {
    let (case, guide) = readable_case(desk, actor, number).await?;
    let kept = in_read_unit!(desk.db(), async |tx| Ok(tx.result_document(number).await?)).await?;
    if let Some(kept) = kept {
        return Ok(CaseFile {
            file_name: kept.file_name,
            media_type: kept.media_type,
            bytes: kept.content,
        });
    }
    let Some(decision) = &case.decision else {
        return Err(ApiError::new(
            ErrorCode::NotDecided,
            format!("办件{number}尚未作出决定，没有结果文书"),
            format!("case {number} is not decided: no result document yet"),
        ));
    };
    let placeholder = ResultParticulars {
        document_number: "（发文字号）".to_owned(),
        review_body: "（行政复议机关）".to_owned(),
        court: "（人民法院）".to_owned(),
        verification_url: None,
    };
    let particulars = particulars.unwrap_or(&placeholder);
    let header = header(&case, &guide, &particulars.document_number, decision.at);
    let remedies = Remedies {
        review_body: particulars.review_body.clone(),
        court: particulars.court.clone(),
    };
    let failed = |e: approval_docs::DecisionFromCaseError| {
        ApiError::new(
            ErrorCode::DocumentFailed,
            format!("办件{number}的决定书无法生成：{e}"),
            format!("case {number}: the decision letter cannot be made: {e}"),
        )
    };
    let legal_basis = guide.content.legal_basis.clone();
    let document = match decision.outcome {
        Outcome::Approved => ResultDocument::Approval(
            ApprovalDecision::for_case(header, &case, &guide.item, legal_basis, remedies)
                .map_err(failed)?,
        ),
        Outcome::Rejected => ResultDocument::Refusal(
            RefusalDecision::for_case(header, &case, &guide.item, legal_basis, remedies)
                .map_err(failed)?,
        ),
    };
    let font = discover_font(None)?;
    let rendered = render_result(&document, &font)?;
    Ok(CaseFile {
        file_name: format!("{number}-决定书（未签章预览）.pdf"),
        media_type: PDF.to_owned(),
        bytes: rendered.pdf,
    })
}

fn read_key_file(path: &str, field: &str) -> Result<Vec<u8>, ApiError> {
    std::fs::read(path).map_err(|e| {
        ApiError::invalid_input(
            format!("无法读取文件“{path}”：{e}"),
            format!("cannot read {path}: {e}"),
        )
        .at_field(field)
    })
}

/// Opens the seal key the request names. The PIN moves into a string
/// wiped when dropped; it is never stored or logged.
fn open_signer(key: SealKeyRequest) -> Result<Box<dyn Signer>, ApiError> {
    match key {
        SealKeyRequest::Pkcs12 {
            path,
            keyring_entry,
        } => {
            let password = KeyringEntry::parse(&keyring_entry)
                .map_err(|e| e.at_field("key.keyringEntry"))?
                .source();
            let bytes = read_key_file(&path, "key.path")?;
            Ok(Box::new(open_p12_signer(&path, &bytes, &password)?))
        }
        SealKeyRequest::Pkcs11 {
            module,
            token,
            key_label,
            pin,
            chain_path,
        } => {
            let pin = PasswordSource::Given(Zeroizing::new(pin));
            let chain = match &chain_path {
                Some(path) => Some((path.as_str(), read_key_file(path, "key.chainPath")?)),
                None => None,
            };
            let chain = chain
                .as_ref()
                .map(|(name, bytes)| (*name, bytes.as_slice()));
            Ok(Box::new(open_token_signer(
                Path::new(&module),
                &token,
                &key_label,
                &pin,
                chain,
            )?))
        }
    }
}

/// Renders and e-seals decided case `request.number`'s decision letter
/// with the department's key (a PKCS#12 file, its password from the OS
/// keyring, or a PKCS#11 USB key with the PIN given), keeps it for the
/// result push, and answers with the case as it stands.
pub async fn seal_result(
    desk: &Desk,
    actor: &Actor,
    request: SealResultRequest,
    now: DateTime<FixedOffset>,
) -> Result<CaseView, ApiError> {
    let SealResultRequest {
        number,
        particulars,
        key,
    } = request;
    readable_case(desk, actor, &number).await?;
    let signer = open_signer(key)?;
    let font = discover_font(None)?;
    seal_letter(
        desk,
        actor,
        &number,
        particulars,
        signer.as_ref(),
        &font,
        now,
    )
    .await?;
    case_view(desk, actor, &number, now).await
}

/// Opens the seal key once for many letters (批量签章): the PIN is read
/// here, moved into a string wiped when dropped, never stored or logged.
pub(crate) fn open_seal_key(key: SealKeyRequest) -> Result<Box<dyn Signer>, ApiError> {
    open_signer(key)
}

/// Renders and e-seals case `number`'s decision letter with an opened
/// key, under its department's visible seal, and keeps it for the push:
/// the one path of a single seal and of each case of a batch.
pub(crate) async fn seal_letter(
    desk: &Desk,
    actor: &Actor,
    number: &str,
    particulars: ResultParticulars,
    signer: &dyn Signer,
    font: &DocumentFont,
    now: DateTime<FixedOffset>,
) -> Result<(), ApiError> {
    let (_, guide) = readable_case(desk, actor, number).await?;
    let seal = VisibleSeal::approval_seal(&guide.item.department, font)?;
    seal_result_document(
        desk,
        actor,
        number,
        ResultSealing {
            font,
            seal: &seal,
            signer,
            document_number: particulars.document_number,
            remedies: Remedies {
                review_body: particulars.review_body,
                court: particulars.court,
            },
            verification_url: particulars.verification_url,
            location: None,
        },
        now,
    )
    .await?;
    Ok(())
}

/// Records the paper result's tracking number (Art 16) and answers with
/// the case as it stands.
pub async fn record_tracking(
    desk: &Desk,
    actor: &Actor,
    number: &str,
    tracking_number: &str,
    now: DateTime<FixedOffset>,
) -> Result<CaseView, ApiError> {
    record_paper_tracking(desk, actor, number, tracking_number, now)
        .await
        .map_err(|e| match e.field.as_deref() {
            Some("tracking_number") => e.at_field("trackingNumber"),
            _ => e,
        })?;
    case_view(desk, actor, number, now).await
}
