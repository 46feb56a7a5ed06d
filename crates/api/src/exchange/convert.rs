//! Between the wire and the case model: a pulled case into the transfer the
//! receive path stores, and the outbox's payloads (`cases::record`) into
//! the notices and results the hub takes.

use approval_contract::cases::{
    CorrectionItem as WireCorrectionItem, DeliveryPush, FileUpload, Notice, PaperDelivery,
    PublicNoticePush, ResultPush, TransferredCase,
};
use approval_contract::codes::{DecisionOutcome, DeliveryMethod};
use approval_contract::filings::FilingSubmission;
use approval_core::bundle::Outcome;
use approval_core::case::{
    Applicant, Case, CorrectionItem, Decision, SubmittedForm, SubmittedMaterial, Transfer,
};
use approval_core::filing::Filing;
use approval_store::{
    MaterialFile, OutboxEntry, PendingFilingPush, ResultDocumentFile, StoredAttachment,
};
use base64::Engine;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Deserialize;

use crate::ApiError;

/// The case model's transfer of a pulled case. The applicant's certificate
/// is kept by its Chinese name (居民身份证, 统一社会信用代码) as the model
/// names it; a material with a file is electronic, sealed when the file is
/// a PDF carrying an e-seal (Art 8); the case goes to the handling window
/// unit (承办窗口), which transferred it.
pub fn transfer_of(case: &TransferredCase, files: &[MaterialFile]) -> Transfer {
    let materials = case
        .materials
        .iter()
        .enumerate()
        .map(|(position, material)| SubmittedMaterial {
            name: material.name.clone(),
            material_id: material.material_id.clone(),
            form: match &material.file {
                Some(file) => SubmittedForm::Electronic {
                    file_name: file.file_name.clone(),
                    sealed: files
                        .iter()
                        .find(|f| usize::try_from(f.position).ok() == Some(position))
                        .is_some_and(|f| carries_seal(&f.media_type, &f.content)),
                },
                None => SubmittedForm::Paper,
            },
        })
        .collect();
    Transfer {
        case_number: case.case_number.clone(),
        item_code: case.item_code.clone(),
        applicant: Applicant {
            name: case.applicant.name.clone(),
            id_type: case.applicant.certificate_type.name_zh().to_owned(),
            id_number: case.applicant.certificate_number.clone(),
            phone: case.applicant.phone.clone(),
        },
        window_unit: case.handling_window.clone(),
        received_at: case.received_at,
        materials,
        bundle_instance: case.bundle_instance.clone(),
    }
}

fn carries_seal(media_type: &str, content: &[u8]) -> bool {
    media_type == "application/pdf"
        && approval_esign::signature_count(content).is_ok_and(|count| count > 0)
}

/// The outbox's notice payloads, as `cases::record::outbox_for` writes them.
#[derive(Deserialize)]
#[serde(tag = "notice", rename_all = "snake_case")]
enum NoticePayload {
    Acceptance {
        accepted_at: DateTime<FixedOffset>,
        deemed: bool,
    },
    Correction {
        submission: u32,
        items: Vec<CorrectionItem>,
    },
    NotAccepted {
        reason: String,
        legal_basis: String,
    },
    CorrectionEnded {
        at: DateTime<FixedOffset>,
    },
    Processing {
        at: DateTime<FixedOffset>,
    },
    SpecialStageStarted {
        stage: String,
        basis: String,
        at: DateTime<FixedOffset>,
    },
    SpecialStageEnded {
        stage: String,
        at: DateTime<FixedOffset>,
    },
}

#[derive(Deserialize)]
struct ResultPayload {
    decision: Option<Decision>,
}

fn unreadable(entry: &OutboxEntry, why: impl std::fmt::Display) -> ApiError {
    ApiError::invalid_input(
        format!(
            "待推送记录{}（办件{}）无法读取：{why}",
            entry.id, entry.case_number
        ),
        format!(
            "outbox record {} (case {}) cannot be read: {why}",
            entry.id, entry.case_number
        ),
    )
}

/// The notice an outbox record carries. A correction names each material
/// as the case lists it (`case`, when stored), its problem as the note; the
/// record's creation is the notice's time where the payload has none.
pub fn notice_of(entry: &OutboxEntry, case: Option<&Case>) -> Result<Notice, ApiError> {
    let payload: NoticePayload =
        serde_json::from_value(entry.payload.clone()).map_err(|e| unreadable(entry, e))?;
    let at = entry.created_at;
    Ok(match payload {
        NoticePayload::Acceptance {
            accepted_at,
            deemed,
        } => Notice::Acceptance {
            accepted_at,
            deemed,
        },
        NoticePayload::Correction { submission, items } => Notice::Correction {
            at,
            submission,
            items: items
                .into_iter()
                .map(|item| {
                    let name = case
                        .and_then(|c| {
                            c.materials
                                .iter()
                                .find(|m| m.material_id.as_deref() == Some(&item.material_id))
                        })
                        .map(|m| m.name.clone())
                        .unwrap_or_else(|| item.material_id.clone());
                    let note = if item.paper {
                        format!("{}（须提交纸质材料）", item.problem)
                    } else {
                        item.problem
                    };
                    WireCorrectionItem {
                        material_id: item.material_id,
                        name,
                        note,
                    }
                })
                .collect(),
        },
        NoticePayload::NotAccepted {
            reason,
            legal_basis,
        } => Notice::NotAccepted {
            at,
            reason,
            legal_basis,
        },
        NoticePayload::CorrectionEnded { at } => Notice::CorrectionEnded { at },
        NoticePayload::Processing { at } => Notice::Processing { at },
        NoticePayload::SpecialStageStarted { stage, basis, at } => {
            Notice::SpecialStageStarted { at, stage, basis }
        }
        NoticePayload::SpecialStageEnded { stage, at } => Notice::SpecialStageEnded { at, stage },
    })
}

/// The outbox's public-notice payload (`cases::record::outbox_for`).
#[derive(Deserialize)]
struct PublicNoticePayload {
    from: NaiveDate,
    to: NaiveDate,
    text: String,
}

/// The public-notice period an outbox record carries.
pub fn public_notice_of(entry: &OutboxEntry) -> Result<PublicNoticePush, ApiError> {
    let payload: PublicNoticePayload =
        serde_json::from_value(entry.payload.clone()).map_err(|e| unreadable(entry, e))?;
    Ok(PublicNoticePush {
        from: payload.from,
        to: payload.to,
        text: payload.text,
    })
}

/// The outbox's delivery payload (`cases::record::outbox_for`).
#[derive(Deserialize)]
struct DeliveryPayload {
    delivered_at: DateTime<FixedOffset>,
}

/// The delivery (送达) an outbox record carries: the paper result's way as
/// the result push said it ([`paper_delivery`]), with the tracking number
/// when the case has one.
pub fn delivery_of(
    entry: &OutboxEntry,
    pulled: Option<&TransferredCase>,
    tracking_number: Option<String>,
) -> Result<DeliveryPush, ApiError> {
    let payload: DeliveryPayload =
        serde_json::from_value(entry.payload.clone()).map_err(|e| unreadable(entry, e))?;
    let paper = paper_delivery(pulled);
    Ok(DeliveryPush {
        delivered_at: payload.delivered_at,
        method: paper.method,
        tracking_number: tracking_number.or(paper.tracking_number),
    })
}

/// Whether a delivery must name its tracking number before it is pushed:
/// government express (政务专递) always carries one (Art 16).
pub fn delivery_needs_tracking(delivery: &DeliveryPush) -> bool {
    delivery.method == approval_contract::codes::DeliveryMethod::GovernmentExpress
        && delivery.tracking_number.is_none()
}

/// The filing a filing record of the outbox carries, as it was submitted.
pub fn filing_of(push: &PendingFilingPush) -> Result<Filing, ApiError> {
    let unreadable = |why: String| {
        ApiError::invalid_input(
            format!(
                "待推送记录{}（备案{}）无法读取：{why}",
                push.id, push.filing_id
            ),
            format!(
                "outbox record {} (filing {}) cannot be read: {why}",
                push.id, push.filing_id
            ),
        )
    };
    let filing = push
        .payload
        .get("filing")
        .cloned()
        .ok_or_else(|| unreadable("no filing in the record".to_owned()))?;
    serde_json::from_value(filing).map_err(|e| unreadable(e.to_string()))
}

/// The submission of `filing` (a filing record's, [`filing_of`]) with its
/// attachments' bytes as stored beside it (`attachments`: each attachment's
/// name and its stored bytes, `None` when missing). The filing travels as
/// the record holds it, so the same record always makes the same body.
pub fn filing_submission_of(
    push: &PendingFilingPush,
    filing: &Filing,
    attachments: Vec<(String, Option<StoredAttachment>)>,
) -> Result<FilingSubmission, ApiError> {
    let mut uploads = Vec::new();
    for (name, stored) in attachments {
        let stored = stored.ok_or_else(|| {
            ApiError::not_found(
                format!("备案{}的附件“{name}”不在本机", filing.id),
                format!(
                    "the attachment {name} of filing {} is not on this desk",
                    filing.id
                ),
            )
        })?;
        uploads.push(FileUpload {
            file_name: stored.attachment.file_name,
            media_type: stored.attachment.media_type,
            content_base64: base64::engine::general_purpose::STANDARD.encode(&stored.content),
            sha256: stored.attachment.sha256_hex,
        });
    }
    let filing = push
        .payload
        .get("filing")
        .cloned()
        .unwrap_or(serde_json::Value::Null);
    Ok(FilingSubmission {
        filing,
        attachments: uploads,
    })
}

/// How the paper result travels: mailed to the applicant when they asked
/// (Art 16), by government express (政务专递) when the receiving window unit
/// is not the handling one, else collected at the window.
pub fn paper_delivery(pulled: Option<&TransferredCase>) -> PaperDelivery {
    let method = match pulled {
        Some(case) if case.direct_mailing => DeliveryMethod::DirectMail,
        Some(case) if case.receiving_window != case.handling_window => {
            DeliveryMethod::GovernmentExpress
        }
        _ => DeliveryMethod::WindowPickup,
    };
    PaperDelivery {
        method,
        tracking_number: None,
        planned_on: None,
    }
}

/// The result push an outbox record carries, with the sealed document.
pub fn result_push_of(
    entry: &OutboxEntry,
    document: &ResultDocumentFile,
    pulled: Option<&TransferredCase>,
) -> Result<ResultPush, ApiError> {
    let payload: ResultPayload =
        serde_json::from_value(entry.payload.clone()).map_err(|e| unreadable(entry, e))?;
    let decision = payload
        .decision
        .ok_or_else(|| unreadable(entry, "the result carries no decision"))?;
    Ok(ResultPush {
        outcome: match decision.outcome {
            Outcome::Approved => DecisionOutcome::Approved,
            Outcome::Rejected => DecisionOutcome::Rejected,
        },
        opinion: decision.opinion,
        decided_at: decision.at,
        document: FileUpload {
            file_name: document.file_name.clone(),
            media_type: document.media_type.clone(),
            content_base64: base64::engine::general_purpose::STANDARD.encode(&document.content),
            sha256: document.sha256.clone(),
        },
        paper: paper_delivery(pulled),
        licences: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use approval_store::OutboxKind;
    use serde_json::json;

    use super::*;
    use crate::testing::at;

    fn entry(payload: serde_json::Value) -> OutboxEntry {
        OutboxEntry {
            id: 3,
            case_number: "SX2026-000101".into(),
            kind: OutboxKind::Notice,
            payload,
            created_at: at(2026, 3, 3),
            pushed_at: None,
        }
    }

    #[test]
    fn each_notice_payload_becomes_its_wire_notice() {
        let acceptance = notice_of(
            &entry(
                json!({"notice": "acceptance", "case": "SX2026-000101", "window_unit": "W",
                          "accepted_at": at(2026, 3, 2), "deemed": true}),
            ),
            None,
        )
        .unwrap();
        assert_eq!(
            acceptance,
            Notice::Acceptance {
                accepted_at: at(2026, 3, 2),
                deemed: true
            }
        );
        let correction = notice_of(
            &entry(
                json!({"notice": "correction", "case": "SX2026-000101", "window_unit": "W",
                          "submission": 1,
                          "items": [{"material_id": "M02", "problem": "模糊", "paper": false}]}),
            ),
            None,
        )
        .unwrap();
        let Notice::Correction {
            at: when, items, ..
        } = correction
        else {
            panic!("{correction:?}")
        };
        assert_eq!(when, at(2026, 3, 3));
        assert_eq!(items[0].material_id, "M02");
        assert_eq!(items[0].note, "模糊");
        let refused = notice_of(
            &entry(
                json!({"notice": "not_accepted", "case": "SX2026-000101", "window_unit": "W",
                          "reason": "不属于本部门", "legal_basis": "行政许可法第三十二条"}),
            ),
            None,
        )
        .unwrap();
        assert!(matches!(refused, Notice::NotAccepted { .. }));
        let broken = notice_of(&entry(json!({"notice": "unknown"})), None).unwrap_err();
        assert_eq!(
            broken.code,
            approval_core::error_code::ErrorCode::InvalidInput
        );
    }
}
