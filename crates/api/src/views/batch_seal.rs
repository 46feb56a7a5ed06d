//! Batch sealing (批量签章) over IPC: the decided cases whose decision
//! letter waits for the department's seal, the request sealing several at
//! once with one key, the progress after each case, and each case's
//! outcome.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::ApiError;
use crate::views::case::SealKeyRequest;

/// A decided case whose decision letter is not sealed yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AwaitingSealView {
    pub number: String,
    pub item_code: String,
    /// The item's name (its code when the item is not stored).
    pub item_name: String,
    pub applicant: String,
    /// The state's word (`decided`, `public_notice` or `result_ready`).
    pub state: String,
}

/// One case of a batch and its letter's 发文字号.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BatchSealCase {
    pub number: String,
    /// e.g. 蓝市监许〔2026〕12号.
    pub document_number: String,
}

/// Seal the decision letters of `cases`, in order, with one key opened
/// once. The PIN of a USB key is used for the batch and never stored.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BatchSealRequest {
    pub cases: Vec<BatchSealCase>,
    /// 行政复议机关.
    pub review_body: String,
    /// The court for a lawsuit against the decisions.
    pub court: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub verification_url: Option<String>,
    pub key: SealKeyRequest,
}

/// After each case of a batch (the `seal-progress` event): how many are
/// done of how many, the case just done and whether its letter is sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BatchSealProgress {
    pub done: u32,
    pub total: u32,
    pub number: String,
    pub sealed: bool,
}

/// One case's outcome: `error` is `null` when its letter is sealed and
/// kept, else why it is not (the batch went on with the next case).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BatchSealOutcome {
    pub number: String,
    pub error: Option<ApiError>,
}

/// The batch's outcome, case by case in the request's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BatchSealView {
    pub outcomes: Vec<BatchSealOutcome>,
    pub sealed: u32,
    pub failed: u32,
}
