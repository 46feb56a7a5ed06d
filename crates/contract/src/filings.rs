//! Exemption filings (备案) between a department and the managers who
//! decide them. The filing travels as the desk's filing document
//! (`approval_core::filing::Filing` in its JSON form).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::cases::FileRef;
use crate::cases::FileUpload;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FilingSubmission {
    /// The desk's filing document, state `submitted`.
    #[schema(value_type = Object)]
    pub filing: serde_json::Value,
    #[serde(default)]
    pub attachments: Vec<FileUpload>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FilingVerdict {
    Approve,
    Reject,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecideFiling {
    pub verdict: FilingVerdict,
    #[serde(default)]
    pub comment: String,
    pub at: DateTime<FixedOffset>,
}

/// A decision as it travels back to the filing department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FilingDecision {
    pub filing_id: String,
    pub department: String,
    pub verdict: FilingVerdict,
    pub comment: String,
    pub decided_by: String,
    pub at: DateTime<FixedOffset>,
}

/// A filing as the hub lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct FilingRecord {
    pub id: String,
    pub department: String,
    pub filed_by: String,
    pub submitted_at: DateTime<FixedOffset>,
    /// `submitted`, `approved` or `rejected`.
    pub state: String,
    #[schema(value_type = Object)]
    pub filing: serde_json::Value,
    pub attachments: Vec<FileRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<FilingDecision>,
}
