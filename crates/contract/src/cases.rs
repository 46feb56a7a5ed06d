//! Cases on the wire: what a window unit creates and transfers, what a
//! department pulls, and what it pushes back.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::codes::{
    ApplicantKind, CaseKind, CertificateType, DecisionOutcome, DeliveryMethod, ExchangeState,
    LicenceState, ReviewLevel,
};

/// The applicant (申请人).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Applicant {
    pub kind: ApplicantKind,
    pub name: String,
    pub certificate_type: CertificateType,
    /// For a legal person, its 统一社会信用代码 (check character included).
    pub certificate_number: String,
    #[serde(default)]
    pub phone: String,
    /// Where a directly mailed result goes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

/// A material the window unit took in, with its file when electronic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MaterialUpload {
    pub name: String,
    /// The guide material it answers, when the window unit matched it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub material_id: Option<String>,
    /// `None`: handed in on paper.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<FileUpload>,
}

/// A file in a request body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FileUpload {
    pub file_name: String,
    pub media_type: String,
    /// The bytes, base64 (standard alphabet, padded).
    pub content_base64: String,
    /// SHA-256 of the bytes, lowercase hex; the hub refuses a mismatch.
    pub sha256: String,
}

/// A file as the hub lists it: fetched from `GET /v1/files/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FileRef {
    pub id: String,
    pub file_name: String,
    pub media_type: String,
    pub size: u64,
    pub sha256: String,
}

/// A material as a department pulls it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MaterialRef {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub material_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<FileRef>,
}

/// A case the window unit creates (接件).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCase {
    /// 办件编号: the item's 实施编码 + the receipt date (yyyyMMdd) + a
    /// sequence.
    pub case_number: String,
    /// 实施编码 (31 characters).
    pub implementation_code: String,
    /// 业务办理项编码 (实施编码 + 2 digits), where the item has them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling_item_code: Option<String>,
    pub kind: CaseKind,
    pub applicant: Applicant,
    /// When the window unit took the materials in: the acceptance clock
    /// starts here (Art 10).
    pub received_at: DateTime<FixedOffset>,
    /// 收件窗口: the unit that took the materials in.
    pub receiving_window: String,
    /// 承办窗口: the unit of the level and region that handles the item
    /// (Art 16); the receiving one when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling_window: Option<String>,
    pub materials: Vec<MaterialUpload>,
    /// The applicant asked for the result to be mailed to them directly.
    #[serde(default)]
    pub direct_mailing: bool,
}

/// Transfer a case to the department that implements its item (转办).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferRequest {
    pub department: String,
}

/// Transfer a bundle's cases together (并联办理): one instance, each case to
/// its item's department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BundleTransfer {
    /// The bundle definition's code in the catalogue.
    pub bundle_code: String,
    /// The instance's id (unique at the hub).
    pub instance: String,
    /// Each case of the instance with its department: (item code, case
    /// number, department).
    pub cases: Vec<BundleCase>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BundleCase {
    pub item_code: String,
    pub case_number: String,
    pub department: String,
}

/// A transferred case as the department pulls it (收件转办).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TransferredCase {
    pub case_number: String,
    pub implementation_code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling_item_code: Option<String>,
    /// The desk's item code (事项编码) of the catalogue entry.
    pub item_code: String,
    pub kind: CaseKind,
    pub department: String,
    pub applicant: Applicant,
    pub received_at: DateTime<FixedOffset>,
    pub receiving_window: String,
    pub handling_window: String,
    pub materials: Vec<MaterialRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bundle_instance: Option<String>,
    /// For a case of a bundle instance: the bundle and every member case
    /// with its department, so the department's desk knows the partners
    /// other departments hold (their results gate its own, Art 15, 17).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bundle: Option<BundleMembership>,
    pub direct_mailing: bool,
    pub transferred_at: DateTime<FixedOffset>,
}

/// The bundle a transferred case belongs to (its instance is the case's
/// `bundle_instance`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BundleMembership {
    pub bundle_code: String,
    pub members: Vec<BundleCase>,
}

/// A notice a department pushes on a case (Art 10): acceptance, the
/// one-time correction list, refusal, and the state changes the window
/// unit follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "notice", rename_all = "snake_case", deny_unknown_fields)]
pub enum Notice {
    /// 受理通知 (explicit or deemed).
    Acceptance {
        accepted_at: DateTime<FixedOffset>,
        deemed: bool,
    },
    /// 一次性告知 (补正开始): every missing or faulty material at once.
    Correction {
        at: DateTime<FixedOffset>,
        /// Which submission the list answers (there is only one, Art 10).
        submission: u32,
        items: Vec<CorrectionItem>,
    },
    /// 补正结束.
    CorrectionEnded { at: DateTime<FixedOffset> },
    /// 不予受理, with its reason and legal basis.
    NotAccepted {
        at: DateTime<FixedOffset>,
        reason: String,
        legal_basis: String,
    },
    /// 办理中.
    Processing { at: DateTime<FixedOffset> },
    /// 特别程序开始.
    SpecialStageStarted {
        at: DateTime<FixedOffset>,
        stage: String,
        basis: String,
    },
    /// 特别程序结束.
    SpecialStageEnded {
        at: DateTime<FixedOffset>,
        stage: String,
    },
}

impl Notice {
    /// The state the notice moves the case to.
    pub fn state(&self) -> ExchangeState {
        match self {
            Notice::Acceptance { .. } => ExchangeState::Accepted,
            Notice::Correction { .. } => ExchangeState::CorrectionStarted,
            Notice::CorrectionEnded { .. } => ExchangeState::CorrectionEnded,
            Notice::NotAccepted { .. } => ExchangeState::NotAccepted,
            Notice::Processing { .. } => ExchangeState::Processing,
            Notice::SpecialStageStarted { .. } => ExchangeState::SpecialStageStarted,
            Notice::SpecialStageEnded { .. } => ExchangeState::SpecialStageEnded,
        }
    }

    pub fn at(&self) -> DateTime<FixedOffset> {
        match self {
            Notice::Acceptance { accepted_at, .. } => *accepted_at,
            Notice::Correction { at, .. }
            | Notice::CorrectionEnded { at }
            | Notice::NotAccepted { at, .. }
            | Notice::Processing { at }
            | Notice::SpecialStageStarted { at, .. }
            | Notice::SpecialStageEnded { at, .. } => *at,
        }
    }
}

/// One entry of a correction list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CorrectionItem {
    pub material_id: String,
    pub name: String,
    #[serde(default)]
    pub note: String,
}

/// The paper result's way to the applicant (Art 13, 16).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaperDelivery {
    pub method: DeliveryMethod,
    /// The government express (政务专递) or postal tracking number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_number: Option<String>,
    /// When the paper result is due to leave (the plan).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_on: Option<NaiveDate>,
}

/// An electronic licence issued with a result (电子证照).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Licence {
    /// GB/T 36904 identifier, check character included.
    pub identifier: String,
    pub state: LicenceState,
    pub name: String,
}

/// A department's result (办结): the decision, the opinion, the e-sealed PDF
/// and how the paper result travels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultPush {
    pub outcome: DecisionOutcome,
    pub opinion: String,
    pub decided_at: DateTime<FixedOffset>,
    /// The e-sealed decision document.
    pub document: FileUpload,
    pub paper: PaperDelivery,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub licences: Vec<Licence>,
}

/// A public-notice period before a result is released (公示, Art 12).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicNoticePush {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub text: String,
}

/// The result reached the applicant (送达).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeliveryPush {
    pub delivered_at: DateTime<FixedOffset>,
    pub method: DeliveryMethod,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_number: Option<String>,
}

/// An applicant's review (好差评).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewPush {
    pub level: ReviewLevel,
    #[serde(default)]
    pub comment: String,
    pub at: DateTime<FixedOffset>,
}

/// The answer to a push: what the hub recorded (the same for a repeated
/// key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Receipt {
    /// The hub's id of what it recorded.
    pub id: String,
    pub recorded_at: DateTime<FixedOffset>,
    /// `true` when the key had been used before with this body.
    pub replayed: bool,
}

/// One step of a case's history as the window unit sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CaseHistoryEntry {
    pub state: ExchangeState,
    pub at: DateTime<FixedOffset>,
    /// Who recorded it (the department or window unit).
    pub by: String,
    /// The notice, result or delivery as pushed.
    pub detail: serde_json::Value,
}

/// A case as the window unit (and the upper units) see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CaseStatus {
    pub case_number: String,
    pub implementation_code: String,
    pub kind: CaseKind,
    pub state: ExchangeState,
    pub receiving_window: String,
    pub handling_window: String,
    /// The upper window units the transfer was reported to, up to the
    /// common one (Art 16).
    pub reported_to: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bundle_instance: Option<String>,
    pub history: Vec<CaseHistoryEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<ResultView>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<ReviewPush>,
    /// Whether the result has been released to the applicant.
    pub released: bool,
}

/// A pushed result as the window unit reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ResultView {
    pub outcome: DecisionOutcome,
    pub opinion: String,
    pub decided_at: DateTime<FixedOffset>,
    pub document: FileRef,
    pub paper: PaperDelivery,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub licences: Vec<Licence>,
    /// Who the result was sent to: the receiving unit, the upper units and
    /// the applicant (Art 16).
    pub sent_to: Vec<String>,
}

/// The answer to a bundle's release: every case's result handed out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BundleRelease {
    pub instance: String,
    pub released: Vec<String>,
}
