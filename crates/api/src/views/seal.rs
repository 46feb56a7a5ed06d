//! The seal check of an incoming e-material (电子材料验章, Art 8) as the
//! window shows it: one verdict for the file and, per signature, stable
//! codes the UI branches on beside zh-CN explanations.
//!
//! The codes of a signature's status are those `deskctl pdf verify --json`
//! prints, so a file reads the same in the window and on the command line.

use approval_esign::verify::{Coverage, Report, SignatureReport, SignatureStatus, Trust};
use serde::Serialize;
use ts_rs::TS;

/// The verdict on the whole file, most serious first: one broken or
/// modified signature makes the file `invalid` even when others are fine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SealVerdict {
    /// At least one signature, and every one intact, covering the document
    /// and issued under a trusted root.
    AllValid,
    /// A signature or its timestamp is broken, or the document changed
    /// after it was signed.
    Invalid,
    /// Every signature is intact and covers the document, but at least one
    /// does not chain to a root this profile trusts.
    Untrusted,
    /// The file carries no signature at all.
    Unsigned,
}

#[derive(Debug, Serialize, TS)]
#[ts(rename = "SealCheck")]
pub struct SealCheckView {
    /// The file's name as the officer picked it (echoed so the window can
    /// tell which answer belongs to which pick).
    pub file_name: String,
    pub verdict: SealVerdict,
    /// How many roots the profile trusts; none explains every `untrusted`.
    pub trust_root_count: usize,
    pub signatures: Vec<SignatureView>,
}

/// One signature. `coverage` and `trust` are `not_checked` when the
/// signature was too broken for that check to mean anything.
#[derive(Debug, Serialize, TS)]
#[ts(rename = "SealSignature")]
pub struct SignatureView {
    pub field_name: String,
    /// valid | malformed_byte_range | malformed_cms | digest_mismatch |
    /// bad_signature | signing_certificate_mismatch |
    /// signer_certificate_missing | unsupported
    #[ts(
        type = "\"valid\" | \"malformed_byte_range\" | \"malformed_cms\" | \"digest_mismatch\" | \"bad_signature\" | \"signing_certificate_mismatch\" | \"signer_certificate_missing\" | \"unsupported\""
    )]
    pub status: &'static str,
    /// zh-CN: what the status means for the officer, with the detail.
    pub message: String,
    pub covers_document: bool,
    /// whole_document | signature_updates_only | modified_after_signing |
    /// not_checked
    #[ts(
        type = "\"whole_document\" | \"signature_updates_only\" | \"modified_after_signing\" | \"not_checked\""
    )]
    pub coverage: &'static str,
    /// Incremental updates after this signature that only add signatures.
    pub later_revisions: usize,
    /// zh-CN: what follows the signed revision, or what changed after it.
    pub coverage_message: String,
    pub trusted: bool,
    /// trusted | untrusted | not_checked
    #[ts(type = "\"trusted\" | \"untrusted\" | \"not_checked\"")]
    pub trust: &'static str,
    /// zh-CN: the trusted root, or why the signer is not trusted.
    pub trust_message: String,
    /// The signer certificate's subject, e.g. `CN=… e-seal,O=…,C=CN`.
    pub signer_subject: Option<String>,
    /// /M, the signing time the signer claims (RFC 3339).
    pub signing_time: Option<String>,
    /// The RFC 3161 signature timestamp: valid | untrusted (intact, but its
    /// TSA does not chain to a trusted root) | broken | none.
    #[ts(type = "\"valid\" | \"untrusted\" | \"broken\" | \"none\"")]
    pub timestamp: &'static str,
    /// The time the TSA vouches for (RFC 3339), when the token was read.
    pub timestamp_time: Option<String>,
    /// zh-CN: who vouches for the time, or why the timestamp does not hold.
    pub timestamp_message: Option<String>,
    pub reason: Option<String>,
    pub location: Option<String>,
    pub name: Option<String>,
}

impl SealCheckView {
    pub fn of(file_name: &str, report: &Report, trust_root_count: usize) -> Self {
        let signatures: Vec<SignatureView> = report
            .signatures
            .iter()
            .map(|s| SignatureView::of(s, trust_root_count))
            .collect();
        Self {
            file_name: file_name.to_owned(),
            verdict: verdict(report),
            trust_root_count,
            signatures,
        }
    }
}

fn verdict(report: &Report) -> SealVerdict {
    if report.signatures.is_empty() {
        SealVerdict::Unsigned
    } else if report.signatures.iter().any(|s| {
        s.status != SignatureStatus::Valid
            || !s.covers_document()
            || s.timestamp.as_ref().is_some_and(|t| t.broken.is_some())
    }) {
        SealVerdict::Invalid
    } else if report.all_valid() {
        SealVerdict::AllValid
    } else {
        SealVerdict::Untrusted
    }
}

impl SignatureView {
    fn of(report: &SignatureReport, trust_root_count: usize) -> Self {
        // The verifier fills coverage only once the byte range is sound, and
        // trust only for an intact signature; before that its placeholders
        // would read as findings.
        let coverage_checked = !matches!(report.status, SignatureStatus::MalformedByteRange(_));
        let trust_checked = report.status == SignatureStatus::Valid;
        let (coverage, later_revisions, coverage_message) = if coverage_checked {
            coverage_view(&report.coverage)
        } else {
            (
                "not_checked",
                0,
                "签名范围无效，无法判断签章覆盖的内容".to_owned(),
            )
        };
        let (trust, trust_message) = if trust_checked {
            trust_view(&report.trust, trust_root_count)
        } else {
            ("not_checked", "签章本身无效，未核验签章人证书".to_owned())
        };
        Self {
            field_name: report.field_name.clone(),
            status: report.status.code(),
            message: report.status.message_zh(),
            covers_document: coverage_checked && report.covers_document(),
            coverage,
            later_revisions,
            coverage_message,
            trusted: trust_checked && report.trusted(),
            trust,
            trust_message,
            signer_subject: report.signer_subject.clone(),
            signing_time: report.signing_time.map(|t| t.to_rfc3339()),
            timestamp: report.timestamp.as_ref().map_or("none", |t| t.code()),
            timestamp_time: report
                .timestamp
                .as_ref()
                .and_then(|t| t.time)
                .map(|t| t.to_rfc3339()),
            timestamp_message: report.timestamp.as_ref().map(|t| t.message_zh()),
            reason: report.reason.clone(),
            location: report.location.clone(),
            name: report.name.clone(),
        }
    }
}

fn coverage_view(coverage: &Coverage) -> (&'static str, usize, String) {
    let later_revisions = match coverage {
        Coverage::SignatureUpdatesOnly { later_revisions } => *later_revisions,
        _ => 0,
    };
    (coverage.code(), later_revisions, coverage.message_zh())
}

fn trust_view(trust: &Trust, trust_root_count: usize) -> (&'static str, String) {
    match trust {
        Trust::Untrusted(why) if trust_root_count == 0 => (
            trust.code(),
            format!("本机尚未配置受信任的根证书，无法确认签章人身份（{why}）"),
        ),
        _ => (trust.code(), trust.message_zh()),
    }
}
