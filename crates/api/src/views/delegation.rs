//! An officer's own delegations (委托): handing their work to another
//! officer of the department for a period, and seeing who stands in for
//! whom.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the officer asks: `to` acts for them from `validFrom` until
/// `validUntil`. Each is an RFC 3339 instant or a date (`YYYY-MM-DD`,
/// Beijing time): a start date is that day's beginning, an end date
/// includes the whole day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "DelegateRequest")]
#[serde(rename_all = "camelCase")]
pub struct DelegateRequest {
    pub to: String,
    pub valid_from: String,
    pub valid_until: String,
    pub reason: String,
}

/// One delegation of the department's workflow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "DelegationView")]
#[serde(rename_all = "camelCase")]
pub struct DelegationView {
    /// Its place in the department's list: what withdrawing names.
    pub index: u32,
    pub from: String,
    pub to: String,
    pub valid_from: String,
    pub valid_until: String,
    pub reason: String,
    /// In force now (else it starts later).
    pub active: bool,
}

/// The officer's delegations not yet over, both ways, and whom they may
/// delegate to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "MyDelegationsView")]
#[serde(rename_all = "camelCase")]
pub struct MyDelegationsView {
    /// The officer's work given to others.
    pub given: Vec<DelegationView>,
    /// Others' work the officer stands in for.
    pub received: Vec<DelegationView>,
    /// The department's other officers (by their grants), the choices for `to`.
    pub officers: Vec<String>,
}
