//! One case as the case view shows it (办件详情), the actions the rules
//! allow on it now, and the requests the window sends to act on it.
//! Field names cross IPC in camelCase; instants are RFC 3339 with +08:00.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::seal::SealCheckView;
use super::ExplanationView;
use crate::ApiError;

/// A case in full.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseView {
    pub number: String,
    /// The stored version: send it back as `expectedVersion`.
    #[ts(type = "number")]
    pub version: u64,
    /// The state word (`received`, `in_review`, … see `CASE_STATE_WORDS`).
    pub state: String,
    /// The special stage running, when the state is `special_stage`.
    pub special_stage: Option<String>,
    pub item: CaseItemView,
    /// The guide version the case is bound to (Art 7).
    pub guide_version: u32,
    pub applicant: ApplicantView,
    pub received_at: String,
    pub window_unit: String,
    /// The officer holding the case (承办人); `null`: in the pool.
    pub officer: Option<String>,
    pub materials: Vec<MaterialView>,
    pub flowchart: FlowchartView,
    pub clocks: Vec<ClockView>,
    /// The open, ready steps against their maximum time (Art 6).
    pub steps: Vec<StepStandingView>,
    /// Every pause of the processing clock, with its reason.
    pub pauses: Vec<PauseView>,
    pub corrections: Vec<CorrectionView>,
    /// The audit trail of the case, oldest first.
    pub history: Vec<HistoryEntryView>,
    /// What the acting person may do now: only what the rules allow.
    pub offered: Vec<OfferedActionView>,
    pub bundle: Option<BundleRefView>,
    pub result: Option<ResultView>,
    pub reviews: Vec<ReviewView>,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseItemView {
    pub code: String,
    pub name: String,
    pub department: String,
    /// The result needs public notice before its release (Art 12).
    pub needs_public_notice: bool,
    /// The result has paper documents or certificates (Art 12).
    pub has_paper: bool,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApplicantView {
    pub name: String,
    /// `legal_person` or `natural_person` where the certificate says so.
    pub kind: Option<String>,
    /// e.g. 统一社会信用代码, 居民身份证.
    pub certificate_type: String,
    pub certificate_number: String,
    pub phone: String,
}

/// A submitted material.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MaterialView {
    /// Its place in the submission: `case_material({ number, index })`.
    pub index: u32,
    pub name: String,
    /// The guide material it answers.
    pub material_id: Option<String>,
    /// It answers a material of the bound guide version (Art 7).
    pub in_guide: bool,
    /// `electronic` or `paper`.
    pub form: String,
    pub file_name: Option<String>,
    pub media_type: Option<String>,
    #[ts(type = "number | null")]
    pub size: Option<u64>,
    pub sha256: Option<String>,
    /// The file is kept in the profile (it can be opened).
    pub has_file: bool,
    /// For a PDF: its e-seals checked against the profile's trust roots.
    pub seal: Option<SealCheckView>,
    /// For a PDF whose seals could not be checked: why.
    pub seal_error: Option<ApiError>,
}

/// The case's flowchart, laid out as the public chart is.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FlowchartView {
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<FlowNodeView>,
    pub edges: Vec<FlowEdgeView>,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FlowNodeView {
    pub id: String,
    pub label: String,
    pub role: Option<String>,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// The step kind: `start`, `step`, `special_stage`, `decision`, `end`.
    #[ts(type = "\"start\" | \"step\" | \"special_stage\" | \"decision\" | \"end\"")]
    pub shape: String,
    #[ts(type = "\"done\" | \"current\" | \"pending\"")]
    pub status: String,
    /// A special stage (特殊环节): its time does not count (Art 11).
    pub special: bool,
    /// The step's maximum time, e.g. `2个工作日`.
    pub limit: Option<String>,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FlowEdgeView {
    pub from: String,
    pub to: String,
    pub points: Vec<PointView>,
    pub label: Option<String>,
}

impl FlowEdgeView {
    /// The edges of `chart` as the public chart's layout routed them; an
    /// edge naming a step the chart lacks is left out.
    pub(crate) fn routed(
        chart: &approval_core::guide::Flowchart,
        edges: &[approval_docs::RoutedEdge],
    ) -> Vec<Self> {
        edges
            .iter()
            .filter_map(|edge| {
                Some(Self {
                    from: chart.steps.get(edge.from)?.id.clone(),
                    to: chart.steps.get(edge.to)?.id.clone(),
                    points: edge
                        .points
                        .iter()
                        .map(|&(x, y)| PointView { x, y })
                        .collect(),
                    label: None,
                })
            })
            .collect()
    }
}

#[derive(Debug, Serialize, TS)]
#[ts(rename = "Point")]
pub struct PointView {
    pub x: f64,
    pub y: f64,
}

/// A clock of the case with its day-by-day explanation.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClockView {
    /// `acceptance` (Art 10), `processing` (Art 6, 11), `result_push` (Art 12).
    #[ts(type = "\"acceptance\" | \"processing\" | \"result_push\"")]
    pub kind: String,
    /// zh-CN: 受理期限, 承诺办结时限, 结果推送期限.
    pub label: String,
    pub start: String,
    /// `null` while a pause runs (the clock is suspended).
    pub due: Option<String>,
    pub last_day: Option<String>,
    #[ts(type = "\"on_time\" | \"warning\" | \"overdue\" | null")]
    pub timeliness: Option<String>,
    /// Working days left, today included; negative: overdue by as many.
    #[ts(type = "number | null")]
    pub remaining_working_days: Option<i64>,
    pub provisional: bool,
    pub explanation: ExplanationView,
    pub pauses: Vec<PauseView>,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PauseView {
    pub start: String,
    /// `null`: still running.
    pub end: Option<String>,
    pub reason: String,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StepStandingView {
    pub step: String,
    pub name: String,
    pub due: String,
    #[ts(type = "\"on_time\" | \"warning\" | \"overdue\"")]
    pub timeliness: String,
    #[ts(type = "number")]
    pub remaining_working_days: i64,
}

/// A one-time correction notice sent.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CorrectionView {
    pub submission: u32,
    pub at: String,
    pub by: String,
    pub items: Vec<CorrectionLineView>,
    pub second_notice_reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CorrectionLineView {
    /// The guide material's id.
    pub material: String,
    /// What is wrong or needed.
    pub note: String,
    /// Asked for on paper (only under an approved filing, Art 9).
    #[serde(default)]
    pub paper: bool,
}

/// One entry of the audit trail.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntryView {
    #[ts(type = "number")]
    pub sequence: u64,
    pub at: String,
    pub actor: String,
    /// The audited action, e.g. `case.accept`, `case.paper_tracking`.
    pub action: String,
    pub state_before: Option<String>,
    pub state_after: Option<String>,
    /// The engine's events, by name (`accepted`, `step_completed` …).
    pub events: Vec<String>,
    /// The efficiency violations recorded, in zh-CN (Art 23).
    pub violations: Vec<String>,
}

/// An action the rules allow now, with whom the actor would act for.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OfferedActionView {
    #[serde(flatten)]
    #[ts(flatten)]
    pub action: OfferedKindView,
    /// Acting under a delegation (委托) for this officer.
    pub on_behalf_of: Option<String>,
}

#[derive(Debug, Serialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum OfferedKindView {
    Accept,
    RequestCorrection {
        materials: Vec<CorrectableMaterialView>,
    },
    RefuseAcceptance,
    CompleteStep {
        step: String,
        name: String,
        sign_off: Option<SignOffView>,
    },
    ReturnToStep {
        step: String,
        name: String,
    },
    StartSpecialStage {
        stage: String,
        name: String,
        /// site_survey | expert_review | hearing | public_notice | other
        stage_kind: String,
    },
    EndSpecialStage {
        stage: String,
    },
    Decide {
        step: Option<String>,
        sign_off: Option<SignOffView>,
    },
    StartPublicNotice,
    EndPublicNotice,
    PrepareResult,
    PushResult,
    DeliverPaper,
    Assign {
        to: Vec<String>,
    },
    Reassign {
        to: Vec<String>,
    },
    Urge,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CorrectableMaterialView {
    pub id: String,
    pub name: String,
    pub required: bool,
    /// Listing it needs `secondNoticeReason` (Art 10; recorded as a violation).
    pub needs_reason: bool,
    pub paper_allowed: bool,
}

/// 会签 (`all`) or 或签 (`any`) and who has signed.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignOffView {
    #[ts(type = "\"all\" | \"any\"")]
    pub mode: String,
    pub signers: Vec<String>,
    pub signed: Vec<String>,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BundleRefView {
    /// The bundle instance (one application under the bundle).
    pub id: String,
    pub code: String,
    pub name: String,
}

/// The decision and the result's way out.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResultView {
    #[ts(type = "\"approved\" | \"rejected\" | null")]
    pub outcome: Option<String>,
    pub opinion: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    /// 不予受理: when and why.
    pub not_accepted_at: Option<String>,
    pub public_notice: Option<PublicNoticeView>,
    pub ready_at: Option<String>,
    pub pushed_at: Option<String>,
    pub released_at: Option<String>,
    pub paper_delivered_at: Option<String>,
    /// The sealed decision letter kept for the push.
    pub document: Option<ResultDocumentView>,
    pub tracking_number: Option<String>,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PublicNoticeView {
    pub from: String,
    pub until: String,
    /// Declared by the guide: its time does not count (Art 11, 12).
    pub declared: bool,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResultDocumentView {
    pub file_name: String,
    pub sha256: String,
    #[ts(type = "number")]
    pub size: u64,
    pub verification_code: String,
    pub sealed_at: String,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewView {
    /// The level's code: `5` 非常满意 … `1` 非常不满意.
    pub level: String,
    pub label: String,
    pub comment: String,
    pub at: String,
}

/// What the officer does, to which case, at which version.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseActionRequest {
    pub number: String,
    /// The `version` of the case view the officer acted on.
    #[ts(type = "number")]
    pub expected_version: u64,
    pub action: CaseActionKind,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
#[ts(rename = "CaseAction")]
pub enum CaseActionKind {
    Accept,
    /// The one-time correction notice (一次性告知补正).
    RequestCorrection {
        items: Vec<CorrectionLineView>,
        #[serde(default)]
        #[ts(optional = nullable)]
        second_notice_reason: Option<String>,
    },
    /// 不予受理 with its legal basis.
    Refuse {
        basis: String,
        reason: String,
    },
    /// Complete a step — or sign it, where it needs 会签/或签.
    CompleteStep {
        step: String,
        opinion: String,
    },
    /// 退回.
    ReturnToStep {
        step: String,
        reason: String,
    },
    Assign {
        to: String,
    },
    /// 转办.
    Reassign {
        to: String,
        reason: String,
    },
    /// 催办.
    Urge {
        note: String,
    },
    StartSpecialStage {
        stage: String,
        #[serde(default)]
        #[ts(optional = nullable)]
        override_reason: Option<String>,
    },
    EndSpecialStage,
    Decide {
        #[ts(type = "\"approved\" | \"rejected\"")]
        outcome: String,
        opinion: String,
    },
    /// Public notice until `until` (RFC 3339, or a date: to its end).
    StartPublicNotice {
        until: String,
    },
    EndPublicNotice,
    PrepareResult,
    PushResult,
    DeliverPaper,
}

/// The particulars of a decision letter the case does not hold.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResultParticulars {
    /// 发文字号, e.g. 蓝市监许〔2026〕12号.
    pub document_number: String,
    /// 行政复议机关.
    pub review_body: String,
    /// The court for a lawsuit against the decision.
    pub court: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub verification_url: Option<String>,
}

/// Seal case `number`'s decision letter with the department's key.
#[derive(Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SealResultRequest {
    pub number: String,
    pub particulars: ResultParticulars,
    pub key: SealKeyRequest,
}

/// The seal key: a PKCS#12 file whose password is in the OS keyring, or
/// a PKCS#11 USB key with its PIN (used once, never stored or logged).
#[derive(Clone, Deserialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum SealKeyRequest {
    Pkcs12 {
        /// The key file's path.
        path: String,
        /// `SERVICE/ACCOUNT` of the password in the OS keyring.
        keyring_entry: String,
    },
    Pkcs11 {
        /// The token's PKCS#11 module (a .so/.dll path).
        module: String,
        token: String,
        key_label: String,
        pin: String,
        /// A certificate chain file, when the token holds no chain.
        #[serde(default)]
        #[ts(optional = nullable)]
        chain_path: Option<String>,
    },
}

/// Never prints the PIN.
impl std::fmt::Debug for SealKeyRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SealKeyRequest::Pkcs12 {
                path,
                keyring_entry,
            } => f
                .debug_struct("Pkcs12")
                .field("path", path)
                .field("keyring_entry", keyring_entry)
                .finish(),
            SealKeyRequest::Pkcs11 {
                module,
                token,
                key_label,
                chain_path,
                ..
            } => f
                .debug_struct("Pkcs11")
                .field("module", module)
                .field("token", token)
                .field("key_label", key_label)
                .field("pin", &"<hidden>")
                .field("chain_path", chain_path)
                .finish(),
        }
    }
}

impl std::fmt::Debug for SealResultRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SealResultRequest")
            .field("number", &self.number)
            .field("particulars", &self.particulars)
            .field("key", &self.key)
            .finish()
    }
}
